//! Stage 5b — speaker attribution: who asserts each sentence.
//!
//! In: the sentences of one article, in order (with the article text, for
//! line starts). Out: per sentence an [`Attribution`]: the speaker as the
//! text names them (role and name where given, e.g. "Russian Deputy
//! Foreign Minister Alexander Pankin"), a normalised key that stays the same
//! across the article (Tasmagambetov / Tasmangambetov / "the CSTO head"),
//! and the kind of speaker. Sentences that report no speech or statement
//! belong to the author.
//!
//! Rule based: "X said", "said X", "according to X", "X told <outlet>",
//! "X stressed/noted/added/claimed ...", a quote that runs over several
//! sentences (the speaker is named once for the whole quote), a quote opened
//! by a dash at the start of a line, and pronouns or descriptions ("he",
//! "the interlocutor", "the expert") resolved to a speaker the article has
//! already met. That last choice is learned: the rules propose, and a
//! ranker fitted on the annotated corpora ([`crate::anaphora`]) picks among
//! every fitting speaker known so far, with the rules' pick as one of its
//! features.

use crate::anaphora::{Ranker, FEATURES};
use crate::document::Sentence;
use crate::form::past_timestamp;

pub use crate::document::{Attribution, SpeakerKind};

/// Attribution as a [`Component`]: sets every sentence's [`Attribution`],
/// article by article (in parallel).
///
/// [`Component`]: crate::document::Component
pub struct Attributor;

impl crate::document::Component for Attributor {
    fn name(&self) -> &'static str {
        "attribution"
    }
    fn annotate(&self, docs: &mut [crate::document::Doc]) -> anyhow::Result<()> {
        use rayon::prelude::*;
        docs.par_iter_mut().for_each(|d| {
            let found = attribute_doc(d);
            for (s, a) in d.sentences.iter_mut().zip(found) {
                s.attribution = Some(a);
            }
        });
        Ok(())
    }
}

/// Attribute every sentence of a prepared article. What the article's own
/// outlet reports ("Earlier, Kazinform reported that ..." in Kazinform) is
/// the author's voice.
pub fn attribute_doc(d: &crate::document::Doc) -> Vec<Attribution> {
    attribute_doc_with(d, Some(crate::anaphora::shipped()), false).0
}

/// [`attribute_doc`] with a given ranker, and the references it ranked
/// when `record` is set (see [`attribute_with`]).
pub fn attribute_doc_with(
    d: &crate::document::Doc,
    ranker: Option<&Ranker>,
    record: bool,
) -> (Vec<Attribution>, Vec<Case>) {
    let (mut found, cases) = attribute_with(&d.article.text, &d.sentences, ranker, record);
    let own = &d.outlet.outlet;
    if own != crate::outlet::OutletTag::UNKNOWN {
        let entry = crate::outlet::register()
            .outlets
            .iter()
            .find(|o| o.names().any(|n| n.eq_ignore_ascii_case(own)));
        let is_own = |speaker: &str| {
            let bare = speaker.trim().trim_start_matches("the ").trim();
            bare.eq_ignore_ascii_case(own)
                || entry.is_some_and(|e| e.names().any(|n| n.eq_ignore_ascii_case(bare)))
        };
        for a in &mut found {
            if a.kind != SpeakerKind::Author && is_own(&a.speaker) {
                *a = Attribution::author();
            }
        }
    }
    (found, cases)
}

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stressed",
    "stresses",
    "noted",
    "notes",
    "claimed",
    "claims",
    "stated",
    "explained",
    "explains",
    "emphasized",
    "emphasised",
    "emphasize",
    "emphasizes",
    "remarked",
    "complained",
    "complains",
    "posited",
    "predicted",
    "warned",
    "warns",
    "declared",
    "argued",
    "argues",
    "insisted",
    "reminded",
    "highlighted",
    "specified",
    "reads",
    "wrote",
    "writes",
    "announced",
    "believes",
    "concluded",
    "recalled",
    "suggested",
    "asserted",
    "maintained",
    "acknowledged",
    "admitted",
    "confirmed",
    "denied",
    "pointed",
    "described",
    "noting",
    "adding",
    "praised",
    "show",
    "shows",
    "suggesting",
    "claiming",
    "saying",
    "stressing",
    "arguing",
    "stating",
    "explaining",
    "recalling",
    "warning",
    "insisting",
    "describing",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "him", "her", "them"];

/// Words that head an unnamed source.
const ANON_HEADS: &[&str] = &[
    "man",
    "woman",
    "mother",
    "father",
    "sister",
    "brother",
    "wife",
    "husband",
    "relative",
    "parent",
    "source",
    "sources",
    "interlocutor",
    "official",
    "officials",
    "diplomat",
    "diplomats",
    "experts",
    "analyst",
    "analysts",
    "observer",
    "observers",
    "scholar",
    "scholars",
    "researcher",
    "researchers",
    "pollsters",
    "insider",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "representative",
    "people",
    "residents",
    "critics",
    "activists",
    "partners",
    "allies",
    "commentators",
    "journalists",
    "lawmakers",
    "politicians",
    "resident",
    "user",
    "users",
    "blogger",
    "bloggers",
    "officer",
    "officers",
    "witness",
    "witnesses",
    "defendant",
    "defendants",
    "plaintiff",
    "defenders",
    "supporters",
    "opponents",
    "sceptics",
    "skeptics",
    "proponents",
    "guard",
    "guards",
    "soldier",
    "soldiers",
    "serviceman",
    "servicemen",
    "commander",
    "veteran",
    "veterans",
    "teacher",
    "driver",
    "farmer",
    "trader",
    "pensioner",
    "student",
    "students",
    "worker",
    "workers",
    "doctor",
    "lawyer",
    "villager",
    "villagers",
    "locals",
    "businessman",
    "entrepreneur",
    "attaché",
    "attache",
    "governor",
    "mayor",
    "judge",
    "captain",
    "lieutenant",
    "sergeant",
    "priest",
    "imam",
    "banker",
    "manager",
    "engineer",
    "nurse",
    "mechanic",
    "shepherd",
    "herder",
    "cadet",
    "volunteer",
    "refugee",
    "migrant",
    "aide",
    "adviser",
    "advisor",
    "delegate",
    "chairwoman",
    "chairperson",
    "ombudsman",
    "guest",
    "interviewee",
];

/// Words that head an organisation or a document.
const DOC_HEADS: &[&str] = &[
    // "its authors" speak for their report
    "authors",
    "statement",
    "statements",
    "readout",
    "report",
    "reports",
    "declaration",
    "materials",
    "website",
    "document",
    "documents",
    "concept",
    "communique",
    "communiqué",
    "resolution",
    "letter",
    "kremlin",
    "ministry",
    "government",
    "organization",
    "organisation",
    "council",
    "secretariat",
    "office",
    "service",
    "newspaper",
    "agency",
    "media",
    "press",
    "duma",
    "parliament",
];

/// Role words that may stand for a named person ("the president").
const ROLE_WORDS: &[&str] = &[
    "president",
    // heads of a region or district in Kazakhstan and Kyrgyzstan
    "akim",
    "minister",
    "secretary-general",
    "secretary",
    "head",
    "chief",
    "chairman",
    "speaker",
    "director",
    "expert",
    "leader",
    "premier",
    "ambassador",
    "general",
];

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase()) || name_particle(w)
}

/// The lowercase "son of" or "daughter of" that closes a Kyrgyz, Kazakh,
/// Uzbek or Azerbaijani name ("Nurbek Bakyt uulu", "Aida Kasym kyzy"): a
/// word of the name, and with the word before it the surname.
fn name_particle(w: &str) -> bool {
    matches!(
        w,
        "uulu" | "kyzy" | "uly" | "kyzi" | "qizi" | "ugli" | "o'g'li" | "ogly" | "oglu"
    )
}

fn clean_tok(w: &str) -> &str {
    w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '-' || c == '’' || c == '\''))
}

/// General nouns that a later description may use for a speaker the
/// article named more precisely: a foreign minister or an ambassador is "the
/// diplomat", a political scientist "the expert", a declaration "the
/// document". Added to the words of a known speaker's description.
const CLASSES: &[(&str, &[&str])] = &[
    (
        "diplomat",
        &[
            "ambassador",
            "envoy",
            "diplomat",
            "foreign",
            "consul",
            "chargé",
        ],
    ),
    (
        "expert",
        &[
            "scientist",
            "analyst",
            "researcher",
            "scholar",
            "professor",
            "expert",
            "specialist",
            "economist",
            "historian",
        ],
    ),
    (
        "document",
        &[
            "declaration",
            "charter",
            "communique",
            "communiqué",
            "concept",
            "treaty",
            "report",
            "statement",
            "resolution",
            "agreement",
            "memorandum",
            "note",
            "decree",
            "protocol",
            "strategy",
            "doctrine",
            "yearbook",
            "survey",
            "study",
            "memo",
            "manual",
            "handbook",
            "directive",
            "letter",
        ],
    ),
    (
        "official",
        &[
            "minister",
            "secretary",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "deputy",
            "ambassador",
        ],
    ),
    (
        "politician",
        &[
            "minister",
            "president",
            "deputy",
            "senator",
            "mp",
            "speaker",
            "premier",
            // a party's or the opposition's leader, a lawmaker
            "leader",
            "lawmaker",
            "parliamentarian",
        ],
    ),
    ("lawmaker", &["deputy", "senator", "mp", "parliamentarian"]),
    ("officer", &["general", "colonel", "major", "commander"]),
    (
        "head",
        &[
            "president",
            "chairman",
            "chairwoman",
            "premier",
            "leader",
            "chief",
            "secretary-general",
            "director",
            // a minister heads a ministry ("the defence chief"), as the
            // rules' own synonyms for "head" and "chief" say
            "minister",
        ],
    ),
];

/// Add to the words of a description the general nouns that describe it
/// ([`CLASSES`]).
fn add_classes(words: &mut Vec<String>) {
    // "secretary general" is one title: the head of a body
    if words
        .windows(2)
        .any(|p| p[0] == "secretary" && p[1] == "general")
        && !words.iter().any(|w| w == "secretary-general")
    {
        words.push("secretary-general".to_string());
    }
    for (class, members) in CLASSES {
        if words.iter().any(|w| members.contains(&w.as_str())) && !words.iter().any(|w| w == class)
        {
            words.push(class.to_string());
        }
    }
}

/// Speaker phrase found in one sentence.
#[derive(Debug, Clone, PartialEq)]
struct Found {
    phrase: String,
}

/// Tokens with byte offsets.
fn tokens(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push((st, &s[st..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// The noun phrase that ends just before token `v` (the speech verb): a run
/// of capitalised words (with "of", "the", "and" inside), or a determiner
/// phrase ("the interlocutor", "a source in the organization"), or a pronoun.
fn subject_before(toks: &[(usize, &str)], v: usize) -> Option<String> {
    if v == 0 {
        return None;
    }
    let prev_raw = toks[v - 1].1;
    if prev_raw.ends_with([',', ';', ':', '.', '”', '"']) && !prev_raw.ends_with(".”") {
        // "..., he said" has the subject right before; a comma right before
        // the verb means there is none
        return None;
    }
    let mut i = v;
    // adverbs between subject and verb ("strongly suggested", "has also said")
    while i > 0 {
        if verb_adverb(toks, i - 1) {
            i -= 1;
        } else {
            break;
        }
    }
    if i == 0 || toks[i - 1].1.ends_with([',', ';', ':']) {
        return None;
    }
    // "“...,” it said.": a body or document that speaks after its quote
    if clean_tok(toks[i - 1].1) == "it"
        && i >= 2
        && toks[i - 2].1.ends_with([',', '”', '"'])
        && toks[i - 2].1.contains(['”', '"'])
    {
        return Some("it".into());
    }
    let mut words: Vec<&str> = Vec::new();
    while i > 0 {
        let raw = toks[i - 1].1;
        let w = clean_tok(raw);
        if w.is_empty() {
            break;
        }
        let lw = w.to_lowercase();
        // stop at a clause boundary: the word ends in punctuation
        let boundary = raw.ends_with([',', ';', ':', '.', '?', '!', '”', '"', '“'])
            || raw.starts_with(['“', '"']);
        if !words.is_empty() && boundary {
            break;
        }
        // ("The Ministry of Trade and Integration of Kazakhstan": "and"
        // between capitalised words of one name)
        let joined = lw == "and"
            && words.last().is_some_and(|x| is_cap(x))
            && i >= 2
            && is_cap(clean_tok(toks[i - 2].1))
            && !toks[i - 2].1.ends_with(',');
        let ok = is_cap(w)
            || joined
            || matches!(
                lw.as_str(),
                "of" | "the"
                    | "a"
                    | "an"
                    | "in"
                    | "at"
                    | "for"
                    | "on"
                    | "one"
                    | "some"
                    | "other"
                    | "many"
                    | "several"
                    | "most"
            )
            || PRONOUNS.contains(&lw.as_str())
            || ANON_HEADS.contains(&lw.as_str())
            || DOC_HEADS.contains(&lw.as_str())
            || ROLE_WORDS.contains(&lw.as_str())
            || (words.is_empty() && person_noun(&lw))
            || lw.ends_with("’s")
            || lw.ends_with("'s");
        if !ok {
            // "the colonel general", "the Belarusian defence chief": lowercase
            // modifiers between a determiner and the head noun belong to it
            // (the head may stand before a post-modifier: "a diplomatic
            // source in Dushanbe")
            let head_is_role = words.iter().any(|h| {
                let h = h.to_lowercase();
                ROLE_WORDS.contains(&h.as_str())
                    || ANON_HEADS.contains(&h.as_str())
                    || person_noun(&h)
            });
            if head_is_role {
                let mut j = i;
                let mut extra = Vec::new();
                while j > 0 && extra.len() < 4 {
                    let r = toks[j - 1].1;
                    let cw = clean_tok(r);
                    // modifiers, not a preposition ("the meeting with ...")
                    if cw.is_empty()
                        || cw != r
                        || !cw.chars().all(char::is_alphabetic)
                        || POSTMODIFIERS.contains(&cw.to_lowercase().as_str())
                    {
                        break;
                    }
                    extra.push(cw);
                    j -= 1;
                    // (or the start of the sentence: "Human rights defenders
                    // told ...")
                    let plain = |x: &&str| {
                        !matches!(
                            x.to_lowercase().as_str(),
                            "than"
                                | "its"
                                | "his"
                                | "her"
                                | "their"
                                | "our"
                                | "what"
                                | "as"
                                | "that"
                                | "which"
                                | "who"
                                | "and"
                                | "or"
                                | "but"
                                | "if"
                                | "when"
                                | "so"
                                | "how"
                        )
                    };
                    if matches!(cw.to_lowercase().as_str(), "the" | "a" | "an")
                        || (j == 0 && extra.iter().all(plain))
                    {
                        words.extend(extra.iter().copied());
                        i = j;
                        break;
                    }
                }
            }
            break;
        }
        words.push(w);
        i -= 1;
        if PRONOUNS.contains(&lw.as_str()) && words.len() == 1 {
            break;
        }
        if words.len() > 12 {
            break;
        }
        if boundary {
            break;
        }
    }
    // "addressed parliament and said": a coordinated verb has no subject here
    if words.is_empty() && i > 0 && clean_tok(toks[i - 1].1) == "and" {
        return None;
    }
    // a name right after a preposition is an object ("the meeting with
    // President Japarov praised"), not the subject
    if i > 0 && words.iter().any(|w| is_cap(w)) {
        let before = clean_tok(toks[i - 1].1).to_lowercase();
        if matches!(
            before.as_str(),
            "with" | "to" | "from" | "by" | "against" | "between" | "about"
        ) {
            return None;
        }
    }
    words.reverse();
    // "the annual review of the secretariat notes": the scan stopped inside
    // the phrase, before "of"; its head is further back, so this is not it
    if words.first().is_some_and(|w| w.eq_ignore_ascii_case("of")) {
        return opening_group_of(toks);
    }
    // "A retired colonel in Osh said": the scan stopped at the head noun,
    // before the preposition; the subject is the whole phrase from its
    // determiner ("in Osh" alone is no speaker)
    let preposition = |w: &str| {
        matches!(
            w.to_lowercase().as_str(),
            "in" | "at" | "on" | "from" | "near" | "outside" | "inside" | "across"
        )
    };
    if i > 0
        && (words.first().is_some_and(|w| preposition(w))
            || (!words.is_empty() && preposition(clean_tok(toks[i - 1].1))))
    {
        // "Families of soldiers sent to an exercise in Tajikistan say": the
        // people who open the sentence, not the place at its verb
        if let Some(np) = opening_group_of(toks) {
            return Some(np);
        }
        let is_det = |j: usize| {
            matches!(
                clean_tok(toks[j].1).to_lowercase().as_str(),
                "a" | "an" | "the" | "one"
            )
        };
        let plain = |j: usize| {
            let r = toks[j].1;
            clean_tok(r) == r && r.chars().all(|c| c.is_alphabetic() || c == '-')
        };
        // the determiner that opens the sentence when the phrase runs from
        // it ("A source familiar with the talks in Minsk told"), else the
        // nearest one
        let det = if i <= 10 && is_det(0) && (0..i).all(plain) {
            Some(0)
        } else {
            (i.saturating_sub(5)..i).rev().find(|&j| is_det(j))
        };
        match det {
            Some(d) if (d..i).all(plain) => {
                let mut np: Vec<&str> = toks[d..i].iter().map(|t| clean_tok(t.1)).collect();
                np.extend(words.iter().copied());
                return Some(np.join(" "));
            }
            _ => return None,
        }
    }
    // drop leading connectors
    while words.first().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "of" | "and" | "in" | "at" | "for" | "on"
        )
    }) {
        words.remove(0);
    }
    // "As one analyst put it": the subordinator is not part of the subject
    while words.len() > 1 && CLAUSE_OPENERS.contains(&words[0].to_lowercase().as_str()) {
        words.remove(0);
    }
    // a lone sentence-initial word that is not a name ("However") is no subject
    let phrase = words.join(" ");
    if phrase.is_empty() {
        return None;
    }
    let lw = phrase.to_lowercase();
    // "It notes that": a sentence-initial "it" may stand for a body or a
    // document (the resolver decides)
    if phrase == "It" && i == 0 {
        return Some("it".into());
    }
    if matches!(
        lw.as_str(),
        "it" | "this"
            | "that"
            | "which"
            | "who"
            | "however"
            | "also"
            | "and"
            | "but"
            | "a"
            | "an"
            | "the"
    ) {
        return None;
    }
    Some(phrase)
}

/// "Families of soldiers sent to ...", "Relatives of the conscripts
/// who ...": a plural group of people and what they are "of", when it
/// opens the sentence (up to a participle or a relative clause).
fn opening_group_of(toks: &[(usize, &str)]) -> Option<String> {
    let head = clean_tok(toks.first()?.1);
    let lh = head.to_lowercase();
    let kin = matches!(
        lh.as_str(),
        "families" | "relatives" | "parents" | "wives" | "mothers"
    );
    if !(is_cap(head) && lh.ends_with('s') && (kin || ANON_HEADS.contains(&lh.as_str()))) {
        return None;
    }
    // ("Officers I know who took part in the exercise told me": the
    // people alone)
    if toks.get(1).map(|t| t.1) != Some("of") {
        return Some(lh);
    }
    let mut np = vec![head, "of"];
    for (_, raw) in toks.iter().skip(2).take(4) {
        let c = clean_tok(raw);
        let lc = c.to_lowercase();
        if c.is_empty()
            || c != *raw
            || lc.ends_with("ed")
            || lc.ends_with("ing")
            || matches!(
                lc.as_str(),
                "sent" | "held" | "left" | "kept" | "brought" | "caught" | "taken" | "born" | "hit"
            )
            || POSTMODIFIERS.contains(&lc.as_str())
            || matches!(
                lc.as_str(),
                "who" | "that" | "which" | "say" | "said" | "says"
            )
        {
            break;
        }
        np.push(c);
    }
    (np.len() > 2).then(|| np.join(" "))
}

/// Verbs by which a speaker puts out a text ("issued a statement", "in a
/// statement released ...").
const ISSUING_VERBS: &[&str] = &[
    "issued",
    "released",
    "distributed",
    "published",
    "circulated",
];

/// "Almaty-based": where a body sits, no part of its name.
fn place_adjective(w: &str) -> bool {
    w.ends_with("-based")
}

/// Adverbs and auxiliaries that stand between a subject and its verb
/// ("has also said", "have long argued").
/// Token `k` is an adverb that may stand between a subject and its verb:
/// a word in -ly ("strongly", not the periodical "the daily") or one of
/// [`adverb_before_verb`]'s.
fn verb_adverb(toks: &[(usize, &str)], k: usize) -> bool {
    let w = clean_tok(toks[k].1).to_lowercase();
    (w.ends_with("ly") && w.len() > 4 && !periodical(toks, k)) || adverb_before_verb(&w)
}

fn adverb_before_verb(w: &str) -> bool {
    matches!(
        w,
        "also"
            | "has"
            | "had"
            | "have"
            | "then"
            | "once"
            | "again"
            | "long"
            | "often"
            | "always"
            | "never"
            | "already"
            | "even"
    )
}

/// Modals and finite forms of "be" and "have": after a noun phrase they
/// open its clause ("the protocol could be signed", "Moscow had replied").
const AUXILIARIES: &[&str] = &[
    "could", "would", "will", "should", "must", "may", "might", "can", "is", "was", "were", "are",
    "had", "has", "have",
];

/// The noun phrase after "said" in "..., said Vladimir Olenchenko, a senior researcher".
fn subject_after(toks: &[(usize, &str)], v: usize) -> Option<String> {
    // ", said a senior diplomat in Astana, who ...": a described speaker
    // after a determiner, to the next comma or relative word
    let det = toks
        .get(v + 1)
        .map(|t| clean_tok(t.1).to_lowercase())
        .is_some_and(|w| matches!(w.as_str(), "a" | "an" | "the" | "one" | "two" | "three"));
    if det {
        let mut words = Vec::new();
        for (_, raw) in toks.iter().skip(v + 1).take(12) {
            let w = clean_tok(raw);
            if w.is_empty()
                || (!words.is_empty()
                    && matches!(
                        w,
                        "who" | "which" | "that" | "because" | "after" | "when" | "as"
                    ))
            {
                break;
            }
            // "said the protocol could be signed": a clause, not a speaker
            if AUXILIARIES.contains(&w) {
                return None;
            }
            // "asked the court to find ...": whom a request is made of, and
            // what it asks, no speaker
            if w == "to"
                && toks.get(v + 2 + words.len()).is_some_and(|t| {
                    let x = clean_tok(t.1);
                    x.len() > 1
                        && x.chars().all(char::is_lowercase)
                        && !matches!(x, "the" | "a" | "an" | "his" | "her" | "its" | "their")
                })
            {
                return None;
            }
            words.push(w);
            if raw.ends_with([',', '.', ';', ':']) {
                break;
            }
        }
        let p = words.join(" ");
        if words.len() >= 2 && (headed_early(&words[1..]) || speaker_like(&p)) {
            return Some(p);
        }
    }
    let mut words = Vec::new();
    let mut closed = false;
    for (j, (_, raw)) in toks.iter().enumerate().skip(v + 1) {
        let w = clean_tok(raw);
        // ("said Tajikistan's Ambassador to Uzbekistan X": a linking word
        // between capitalised words of one title)
        // (or a lowercase noun for a person before a name: "wrote Telegram
        // user X Y")
        let linking = !words.is_empty()
            && (matches!(w, "to" | "of" | "for" | "and") || (person_noun(w) && words.len() <= 2))
            && !toks[j - 1].1.ends_with([',', '.', ';'])
            && toks.get(j + 1).is_some_and(|t| {
                is_cap(clean_tok(t.1)) && !matches!(clean_tok(t.1), "I" | "He" | "She")
            });
        if w.is_empty()
            || !(is_cap(w) || linking || words.is_empty() && matches!(w, "the" | "a" | "an"))
        {
            break;
        }
        words.push(w);
        if raw.ends_with([',', '.', ';']) {
            closed = true;
            break;
        }
    }
    // "said Moscow had replied ...": the subject of the reported clause,
    // followed by its verb, is no speaker
    let clause_verb = !closed
        && toks
            .get(v + 1 + words.len())
            .map(|t| clean_tok(t.1))
            .is_some_and(|w| {
                AUXILIARIES.contains(&w)
                    || matches!(w, "did" | "does" | "do" | "wanted" | "intended" | "planned")
                    || (w.len() > 4
                        && w.ends_with("ed")
                        && w.chars().all(|c| c.is_ascii_lowercase()))
            });
    let p = words.join(" ");
    if !p.is_empty() && p.split_whitespace().any(is_cap) && !clause_verb {
        return Some(p);
    }
    // "said military analyst Yauhen Padbiarozka, ...": a title in lowercase,
    // then the name
    let mut words: Vec<&str> = Vec::new();
    for (_, raw) in toks.iter().skip(v + 1).take(14) {
        let w = clean_tok(raw);
        let named_already = words.iter().any(|x| is_cap(x));
        if w.is_empty() || (!is_cap(w) && (named_already || !w.chars().all(char::is_alphabetic))) {
            break;
        }
        words.push(w);
        if raw.ends_with([',', '.', ';']) {
            break;
        }
    }
    let p = words.join(" ");
    let lower = words.iter().take_while(|w| !is_cap(w)).count();
    let titled = words[..lower]
        .iter()
        .any(|w| person_noun(&w.to_lowercase()));
    (lower > 0 && lower <= 5 && titled && names_person(&p)).then_some(p)
}

/// Titles abbreviated before a name ("Col. Aigerim Sadykova", "Lt. Gen.
/// X", "Mr. Y"), lowercased without the period.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "col", "lt", "gen", "maj", "capt", "sgt", "cpl", "adm",
    "brig", "cmdr", "gov", "sen", "rep", "amb", "supt",
];

/// `s` with the period of an abbreviated title before a capitalised word
/// turned into a space, so that the title and the name read as one run of
/// words and the period as no phrase end. The length, and so every
/// offset, stays the same.
fn blank_title_periods(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut word_start = 0;
    for (i, c) in s.char_indices() {
        if c == '.' {
            let word = &s[word_start..i];
            let next = s[i + 1..].chars().take(2).collect::<Vec<char>>();
            let titled = is_cap(word)
                && TITLE_ABBREVIATIONS.contains(&word.to_lowercase().as_str())
                && next.first() == Some(&' ')
                && next.get(1).is_some_and(|c| c.is_uppercase());
            out.push(if titled { ' ' } else { c });
        } else {
            out.push(c);
        }
        if !c.is_alphabetic() {
            word_start = i + c.len_utf8();
        }
    }
    out
}

/// "according to X": X up to the next comma or the end.
fn according_to(s: &str) -> Option<String> {
    let low = s.to_lowercase();
    let pos = low.find("according to ")?;
    let rest = &s[pos + "according to ".len()..];
    let end = rest.find([',', '.', ';', '“', '"']).unwrap_or(rest.len());
    let p = rest[..end].trim();
    // a body's full name may be long ("the Border Service of the State
    // Committee for National Security of the Kyrgyz Republic")
    let words: Vec<&str> = p.split_whitespace().map(clean_tok).collect();
    let proper = words.len() <= 18
        && words.last().is_some_and(|w| is_cap(w))
        && words
            .iter()
            .all(|w| is_cap(w) || matches!(*w, "of" | "the" | "for" | "and" | "on"));
    // ("a report published in October by the Stockholm International
    // Peace Research Institute (SIPRI)": see `made_by`)
    let made = words.len() <= 16 && made_by(p).is_some();
    (!p.is_empty() && (words.len() <= 12 || proper || made)).then(|| p.to_string())
}

/// A run of capitalised words (a proper name or a titled name), allowing
/// "of" and "the" inside: "Nezavisimaya Gazeta", "Imangali Tasmagambetov".
fn proper_run(seg: &str) -> Option<String> {
    let ws: Vec<&str> = seg
        .split_whitespace()
        .map(clean_tok)
        .filter(|w| !w.is_empty())
        .collect();
    if ws.is_empty() || ws.len() > 12 || !is_cap(ws[0]) || !is_cap(ws[ws.len() - 1]) {
        return None;
    }
    let all_cap = ws.iter().all(|w| is_cap(w) || matches!(*w, "of" | "the"));
    // past six words only a title that ends in a person's name ("Russian
    // First Deputy Foreign Minister Stanislav Merkulov")
    let p = ws.join(" ");
    (all_cap && (ws.len() <= 6 || names_person(&p))).then_some(p)
}

/// The phrase ends in a person's name of two or more words ("Political
/// scientist Daulet Seitkali", "Secretary of the Council X Y").
fn names_person(p: &str) -> bool {
    p.split_whitespace().rev().take_while(|w| is_cap(w)).count() >= 2
        && kind_of(p) == SpeakerKind::Person
        && surname_of(p).is_some()
}

/// Sentence openers that are never a speaker's name, beyond the common
/// sentence starters the splitter knows (`split::STARTERS`).
const OPENERS: &[&str] = &[
    "according",
    "later",
    "earlier",
    "meanwhile",
    "despite",
    "finally",
    "four",
    "hence",
    "indeed",
    "instead",
    "interestingly",
    "ironically",
    "less",
    "more",
    "neither",
    "nevertheless",
    "nonetheless",
    "nor",
    "notably",
    "obviously",
    "otherwise",
    "over",
    "three",
    "two",
    "unsurprisingly",
    "without",
];

fn opens_with_common_word(p: &str) -> bool {
    p.split_whitespace()
        .next()
        .map(|w| clean_tok(w).to_lowercase())
        .is_some_and(|w| {
            OPENERS.contains(&w.as_str()) || crate::split::STARTERS.contains(&w.as_str())
        })
}

/// "Its press secretary, Lieutenant Colonel X, ...", "the ministry's
/// spokesman, X, ...": a role in lowercase after a possessive or an
/// article, then a comma, just before the name at `start`; the role's
/// words, for a later "the press secretary".
fn lowercase_role_before(toks: &[(usize, &str)], start: usize) -> Option<String> {
    let comma = start.checked_sub(1)?;
    if !toks[comma].1.ends_with(',') {
        return None;
    }
    let mut words: Vec<String> = Vec::new();
    let mut k = comma + 1;
    while k > 0 && words.len() < 3 {
        k -= 1;
        let raw = toks[k].1;
        if k < comma && raw.ends_with([',', '.', ';', ':']) {
            return None;
        }
        let c = clean_tok(raw).to_lowercase();
        let opener = matches!(
            c.as_str(),
            "its" | "their" | "his" | "her" | "the" | "a" | "an" | "our"
        ) || c.ends_with("'s")
            || c.ends_with("’s");
        if opener {
            let head = words.last()?;
            return (person_noun(head) || ROLE_WORDS.contains(&head.as_str()))
                .then(|| words.join(" "));
        }
        if c.is_empty()
            || !c.chars().all(|ch| ch.is_alphabetic() || ch == '-')
            || is_cap(clean_tok(raw))
        {
            return None;
        }
        words.insert(0, c);
    }
    None
}

/// Bodies whose name goes on with "on" ("the Committee on Foreign
/// Relations", "the Commission on Human Rights").
const NAMED_ON: &[&str] = &[
    "committee",
    "subcommittee",
    "commission",
    "council",
    "conference",
];

/// Nouns that head a document or a body speaking as one, beyond
/// [`DOC_HEADS`].
const BODY_NOUNS: &[&str] = &[
    // ("the think tank")
    "tank",
    "charter",
    "treaty",
    "yearbook",
    "survey",
    "study",
    "poll",
    "delegation",
    "delegations",
    "committee",
    "note",
    "memo",
    "manual",
    "handbook",
    "directive",
    "decree",
    "law",
    "constitution",
    "agreement",
    "protocol",
    "article",
    "communique",
    "review",
    "paper",
    "analysis",
    "index",
    "command",
    "headquarters",
    "memorandum",
    "doctrine",
    "strategy",
    "embassy",
    "consulate",
    "mission",
    "department",
    "directorate",
    "staff",
    "bureau",
    "institute",
    "university",
    "foundation",
    "centre",
    "center",
    "assembly",
    "forces",
    "troops",
    "group",
    "association",
    "union",
    "movement",
    "party",
    "fund",
    "coalition",
    "network",
    "initiative",
    "society",
    "faction",
    "plan",
    "programme",
    "program",
    "draft",
    "bill",
    "preamble",
    // a ministry's or a party's account on a messenger
    "channel",
    // institutions ("the police said", "the court ruled"; not "the
    // alliance" or "the bloc", the subject of what is said of the CSTO
    // far more often than a speaker)
    "police",
    "court",
    "prosecution",
    "cabinet",
    "presidency",
    "garrison",
    "army",
    "navy",
    "municipality",
    "company",
    "firm",
    "bank",
    "organisers",
    "organizers",
    "family",
    "tribunal",
    "senate",
    "chamber",
    "platform",
    "portal",
];

/// The noun phrase from the start of the sentence up to the verb at `v`,
/// when it is short, unbroken by punctuation, and headed by a source, a
/// role, a body or a document ("A source in one of the delegations",
/// "Officials at the CSTO Joint Staff", "The SIPRI yearbook").
fn opening_noun_phrase(toks: &[(usize, &str)], v: usize) -> Option<String> {
    if v == 0 || v > 12 {
        return None;
    }
    let words: Vec<&str> = toks[..v].iter().map(|t| t.1).collect();
    if words[..v - 1]
        .iter()
        .any(|w| w.ends_with([',', ';', ':', '.']) || w.contains(['“', '”', '"', '(']))
        || words[v - 1].ends_with([',', ';', ':'])
    {
        return None;
    }
    let first = clean_tok(words[0]).to_lowercase();
    let headed = words.iter().take(4).any(|w| {
        let lw = clean_tok(w).to_lowercase();
        ANON_HEADS.contains(&lw.as_str())
            || DOC_HEADS.contains(&lw.as_str())
            || BODY_NOUNS.contains(&lw.as_str())
            || ROLE_WORDS.contains(&lw.as_str())
            || DOCUMENT_PARTS.contains(&lw.as_str())
    });
    let opens = matches!(
        first.as_str(),
        "a" | "an" | "the" | "some" | "several" | "many" | "most" | "two" | "three"
    ) || ANON_HEADS.contains(&first.as_str())
        || first.ends_with("’s")
        || first.ends_with("'s");
    (headed && opens).then(|| {
        words
            .iter()
            .map(|w| clean_tok(w))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn initial_subject(toks: &[(usize, &str)]) -> Option<String> {
    let mut run = Vec::new();
    for (_, raw) in toks.iter().take(8) {
        let w = clean_tok(raw);
        // ("Officers I know ...": "I" is no part of a name)
        if w.is_empty()
            || w == "I"
            || !(is_cap(w) || (!run.is_empty() && matches!(w, "of" | "the")))
        {
            break;
        }
        run.push(w);
        if raw.ends_with([',', '.', ':']) {
            break;
        }
    }
    while run.last().is_some_and(|w| matches!(*w, "of" | "the")) {
        run.pop();
    }
    // "Down the street, a man ...", "Half a year earlier, ...": one word
    // before a determiner is a preposition or a quantifier, not a name
    let determiner = toks.get(1).is_some_and(|(_, w)| {
        matches!(
            clean_tok(w),
            "the" | "a" | "an" | "this" | "that" | "these" | "those" | "its" | "their" | "every"
        )
    });
    let joined: Vec<&str> = toks.iter().map(|t| t.1).collect();
    if run.len() == 1 && (determiner || after_adverbial(&joined.join(" ")).is_some()) {
        return None;
    }
    let p = run.join(" ");
    (!p.is_empty()
        && !opens_with_common_word(&p)
        && kind_of(&p) == SpeakerKind::Person
        && surname_of(&p).is_some())
    .then_some(p)
}

/// "a statement by the X Council ...", "the statement published on ...":
/// the determiner, the document noun and a "by <Name>" after it.
fn document_phrase(seg: &str) -> Option<String> {
    let ws: Vec<&str> = seg.split_whitespace().collect();
    let h = ws.iter().enumerate().position(|(k, w)| {
        let c = clean_tok(w);
        match c.to_lowercase().as_str() {
            "statement" | "declaration" | "communique" | "communiqué" | "resolution" | "report"
            | "letter" | "readout" => true,
            // these head a document when written as common nouns or right
            // after an article ("the Charter"), not inside a name ("the
            // East-West Strategy centre")
            "document" | "charter" | "treaty" | "strategy" | "concept" | "doctrine" => {
                !is_cap(c)
                    || (k > 0 && matches!(ws[k - 1].to_lowercase().as_str(), "the" | "a" | "its"))
            }
            _ => false,
        }
    })?;
    let start = if h > 0
        && matches!(
            ws[h - 1].to_lowercase().as_str(),
            "a" | "an" | "the" | "joint"
        ) {
        if h > 1
            && ws[h - 1].eq_ignore_ascii_case("joint")
            && matches!(ws[h - 2].to_lowercase().as_str(), "a" | "the")
        {
            h - 2
        } else {
            h - 1
        }
    } else {
        h
    };
    let mut out: Vec<&str> = ws[start..=h].to_vec();
    // "a report published last month by X": who issued it, past a
    // participle and its time words
    let by = (h + 1..(h + 6).min(ws.len()))
        .find(|&k| ws[k] == "by")
        .filter(|&k| {
            ws[h + 1..k].iter().all(|w| {
                let c = clean_tok(w);
                !is_cap(c) && !c.is_empty() && !w.ends_with(',')
            }) && (k == h + 1 || ws[h + 1].ends_with("ed"))
        });
    if let Some(b) = by {
        out.push("by");
        for w in &ws[b + 1..] {
            let c = clean_tok(w);
            if !(is_cap(c) || matches!(c, "the" | "of" | "for")) || matches!(c, "on" | "at") {
                break;
            }
            out.push(c);
            if w.ends_with(',') {
                break;
            }
        }
        while out
            .last()
            .is_some_and(|w| matches!(*w, "the" | "of" | "by" | "for"))
        {
            out.pop();
        }
    }
    Some(
        out.iter()
            .map(|w| clean_tok(w))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The last person's name (two or more capitalised words) in `before`.
fn last_name_before(before: &str) -> Option<String> {
    let toks = tokens(before);
    let mut best = None;
    let mut run: Vec<&str> = Vec::new();
    for (_, raw) in toks.iter().chain(std::iter::once(&(0usize, "."))) {
        let w = clean_tok(raw);
        if !w.is_empty() && is_cap(w) {
            run.push(w);
            if !raw.ends_with([',', '.', ';']) {
                continue;
            }
        }
        if run.len() >= 2 {
            let p = run.join(" ");
            if !opens_with_common_word(&p)
                && kind_of(&p) == SpeakerKind::Person
                && surname_of(&p).is_some()
            {
                best = Some(p);
            }
        }
        run.clear();
    }
    best
}

/// The person a text introduces by what they are: a name of two or three
/// capitalised words after a noun for a person ("retired army colonel X
/// Y", "political scientist X Y") or before an apposition ("X Y, a
/// researcher at ..."). The first such name.
fn introduced_person(text: &str) -> Option<String> {
    let toks = tokens(text);
    let words: Vec<&str> = toks.iter().map(|(_, w)| clean_tok(w)).collect();
    let mut k = 0;
    while k < words.len() {
        let n = words[k..]
            .iter()
            .take(3)
            .take_while(|w| is_cap(w) && !is_role_like(&w.to_lowercase()))
            .count();
        // "Colonel Pavel Drozd": a title in capitals opens the run
        let title_first = n == 3 && person_noun(&words[k].to_lowercase());
        if title_first {
            k += 1;
            continue;
        }
        if n >= 2 {
            let name = words[k..k + n].join(" ");
            let titled = k > 0 && person_noun(&words[k - 1].to_lowercase());
            let last = toks[k + n - 1].1;
            // ("... a stabilizer for Central Asia, a Chinese scholar has
            // said": the words after the comma are a sentence's subject,
            // not an apposition)
            let apposed = last.ends_with(',')
                && words
                    .get(k + n)
                    .is_some_and(|w| matches!(*w, "a" | "an" | "the"))
                && !words[k + n..]
                    .iter()
                    .take(6)
                    .any(|w| SPEECH_VERBS.contains(&w.to_lowercase().as_str()));
            // "In March, the Secretariat ...": a preposition or a month
            // opens no name
            let first = words[k].to_lowercase();
            let not_name = SUBORDINATORS.contains(&first.as_str())
                || opens_with_common_word(&name)
                || words[k..k + n].iter().any(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "january"
                            | "february"
                            | "march"
                            | "april"
                            | "may"
                            | "june"
                            | "july"
                            | "august"
                            | "september"
                            | "october"
                            | "november"
                            | "december"
                    )
                });
            if (titled || apposed) && !not_name && surname_of(&name).is_some() {
                return Some(name);
            }
            k += n;
        } else {
            k += 1;
        }
    }
    None
}

/// Drop a relative clause: "a joint statement by the leaders that was adopted".
fn trim_relative(p: &str) -> String {
    let mut out = Vec::new();
    for w in p.split_whitespace() {
        // a relative clause, or an auxiliary that starts the predicate
        // ("Officials in Yerevan have since said")
        if matches!(
            w,
            "that"
                | "which"
                | "who"
                | "whom"
                | "published"
                | "adopted"
                | "issued"
                | "have"
                | "has"
                | "had"
                | "did"
                | "does"
                | "will"
                | "would"
                | "could"
                | "should"
                | "must"
                | "might"
                // ("Officers I know who ...": a clause with no "who")
                | "I"
                | "we"
        ) && !out.is_empty()
        {
            break;
        }
        out.push(w);
    }
    // "A trader at the next stall shrugged and said": the first of two
    // coordinated verbs is no part of the subject
    if out.len() > 3 && out.last() == Some(&"and") {
        let verb = out[out.len() - 2];
        if verb.ends_with("ed") && verb.chars().all(|c| c.is_lowercase()) {
            out.truncate(out.len() - 2);
        }
    }
    while out.len() > 1
        && out
            .last()
            .is_some_and(|w| matches!(*w, "and" | "but" | "or"))
    {
        out.pop();
    }
    out.join(" ")
}

/// The speaker phrase found in sentence `s`, cleaned ([`trim_relative`]):
/// a description in apposition to the name that opens the sentence gives
/// way to the name ("X, a lawyer who ..., says"), and a quantifier alone
/// is completed by the noun after it ("Several" of "Several readers told
/// ...").
fn speaker_phrase(s: &str, p: &str) -> String {
    // "But the official said": a conjunction opening the sentence is no
    // part of the speaker
    let p = match p.split_once(' ') {
        Some((c, rest))
            if matches!(c, "But" | "And" | "Yet" | "Still" | "So") && !rest.is_empty() =>
        {
            rest
        }
        _ => p,
    };
    // "Tatsiana Luhavets, a lawyer who advised ..., says": the description
    // is in apposition to the name that opens the sentence
    let lp = p.trim().to_lowercase();
    if lp.starts_with("a ") || lp.starts_with("an ") {
        let opening = s.trim_start_matches(|c: char| !c.is_alphanumeric());
        if let Some((name, rest)) = opening.split_once(", ") {
            let ws: Vec<&str> = name.split_whitespace().collect();
            let named = (2..=4).contains(&ws.len())
                && ws.iter().all(|w| is_cap(w))
                && kind_of(name) == SpeakerKind::Person;
            if named && rest.to_lowercase().starts_with(&lp) {
                return name.to_string();
            }
        }
    }
    let quantifier = |w: &str| {
        matches!(
            w.to_lowercase().as_str(),
            "several" | "some" | "other" | "many" | "most" | "few" | "both" | "all"
        )
    };
    if quantifier(p.trim()) {
        let ws: Vec<&str> = s.split_whitespace().collect();
        if let Some(at) = ws.iter().position(|w| clean_tok(w) == p.trim()) {
            let mut phrase = vec![clean_tok(ws[at])];
            for w in &ws[at + 1..] {
                let c = clean_tok(w);
                if c.is_empty()
                    || !c.chars().all(|ch| ch.is_lowercase() || ch == '-')
                    || matches!(c, "who" | "that" | "of" | "in" | "at" | "from" | "to")
                    || SPEECH_VERBS.contains(&c)
                    || phrase.len() >= 3
                {
                    break;
                }
                phrase.push(c);
                if w.ends_with([',', '.', ';', ':']) {
                    break;
                }
            }
            if phrase.len() > 1 {
                return phrase.join(" ");
            }
        }
    }
    // "Its authors counted 31 exercises ... and found": the subject of the
    // first of two verbs
    let ws: Vec<&str> = p.split_whitespace().collect();
    for n in [3, 2] {
        if ws.len() > n && its_authors(&ws[..n].join(" ")) {
            return ws[..n].join(" ");
        }
    }
    // "a warehouse receipt seen by Kloop": the outlet that saw a document
    // is no part of it
    let p = [" seen by ", " obtained by ", " reviewed by ", " shown to "]
        .iter()
        .filter_map(|m| p.find(m))
        .min()
        .map_or(p, |at| &p[..at]);
    trim_relative(p)
}

/// Verbs of saying, thinking and judging, by lemma; their -s and -ed forms
/// report speech like the forms in [`SPEECH_VERBS`], but only where the
/// context says so (see [`reporting_form`]).
const REPORTING_LEMMAS: &[&str] = &[
    "consider",
    "expect",
    "describe",
    "concede",
    "think",
    "believe",
    "observe",
    "assure",
    "recall",
    "reply",
    "respond",
    "comment",
    "caution",
    "urge",
    "propose",
    "reject",
    "dismiss",
    "doubt",
    "fear",
    "estimate",
    "report",
    "accuse",
    "criticise",
    "criticize",
    "question",
    "repeat",
    "reiterate",
    "underline",
    "underscore",
    "assess",
    "contend",
    "agree",
    "disagree",
    "hope",
    "object",
    "record",
    "forecast",
    "mention",
    "point",
    "argue",
    "write",
    "state",
    "call",
    "welcome",
    "offer",
    "provide",
    "list",
    "present",
    "instruct",
    "commit",
    "insist",
    "predict",
    "warn",
    "acknowledge",
    "admit",
    "deny",
    "suggest",
    "cite",
    "thank",
    "note",
    "stress",
    "claim",
    "complain",
    "explain",
    "emphasise",
    "emphasize",
    "conclude",
    "recommend",
    "advise",
    "allege",
    "assert",
    "promise",
    "blame",
    "credit",
    "attribute",
    "calculate",
    "reckon",
    "reaffirm",
    "affirm",
    "announce",
    "declare",
    "confirm",
    "counter",
    "retort",
    "lament",
    "regret",
    "concur",
    "speculate",
    "testify",
];

/// `w` is an -s or -ed form of a reporting lemma, and the words around it
/// make it a report: "that", a colon or a quotation mark after it, or a
/// pronoun right before it ("She expects ...", "He considers ...").
fn reporting_form(toks: &[(usize, &str)], k: usize, w: &str) -> bool {
    if !inflected_of(w, REPORTING_LEMMAS, false) {
        return false;
    }
    // "six member states: Armenia, ..."
    // ("former Soviet states that grew out of ...": a noun after an
    // adjective or a number)
    if w == "states" && k > 0 && states_is_noun(clean_tok(toks[k - 1].1)) {
        return false;
    }
    let next = toks.get(k + 1).map(|t| t.1).unwrap_or("");
    let raw = toks[k].1;
    let after_says = clean_tok(next).eq_ignore_ascii_case("that")
        || raw.ends_with(':')
        || next.starts_with(['“', '"', '«', '‘']);
    let pronoun_before = k > 0
        && PRONOUNS.contains(&clean_tok(toks[k - 1].1).to_lowercase().as_str())
        && !toks[k - 1].1.ends_with([',', '.']);
    after_says || pronoun_before
}

/// "The authors count ...", "The researchers calculated ...", "The study
/// documents ...": a finding's makers (or the finding) giving its figures
/// with a verb of counting that reports nothing elsewhere. The subject, as
/// written.
fn findings_counted(toks: &[(usize, &str)]) -> Option<String> {
    let ws: Vec<String> = toks
        .iter()
        .take(4)
        .map(|t| clean_tok(t.1).to_lowercase())
        .collect();
    let subject = match ws.as_slice() {
        [d, m, ..] if matches!(d.as_str(), "the" | "its" | "their") && makers(m) => 2,
        [d, f, m, ..] if d == "the" && (f.ends_with("’s") || f.ends_with("'s")) && makers(m) => 3,
        _ => return None,
    };
    let v = ws.get(subject)?;
    let counting = matches!(
        v.as_str(),
        "count"
            | "counts"
            | "counted"
            | "tally"
            | "tallied"
            | "calculate"
            | "calculates"
            | "calculated"
            | "identify"
            | "identifies"
            | "identified"
            | "document"
            | "documents"
            | "documented"
            | "trace"
            | "traced"
    );
    counting.then(|| {
        toks[..subject]
            .iter()
            .map(|t| clean_tok(t.1))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// Who makes a finding: "authors", "researchers" (and the finding itself).
fn makers(w: &str) -> bool {
    matches!(
        w,
        "authors" | "researchers" | "report" | "study" | "survey" | "analysts" | "pollsters"
    )
}

/// "The daily", "this weekly": a periodical named by how often it comes
/// out, a noun after a determiner, not an adverb.
fn periodical(toks: &[(usize, &str)], k: usize) -> bool {
    let w = clean_tok(toks[k].1).to_lowercase();
    matches!(w.as_str(), "daily" | "weekly" | "monthly" | "quarterly")
        && k > 0
        && matches!(
            clean_tok(toks[k - 1].1).to_lowercase().as_str(),
            "the" | "a" | "this" | "that" | "its"
        )
}

/// The word before "states" makes it a noun: "member states", "former
/// Soviet states", "six states", "Central Asian states" (not "the charter
/// states").
fn states_is_noun(before: &str) -> bool {
    let lw = before.to_lowercase();
    matches!(
        lw.as_str(),
        "member"
            | "soviet"
            | "post-soviet"
            | "former"
            | "other"
            | "neighbouring"
            | "neighboring"
            | "allied"
            | "partner"
            | "participating"
            | "baltic"
            | "gulf"
            | "nuclear"
            | "sovereign"
            | "independent"
            | "several"
            | "many"
            | "some"
            | "all"
            | "these"
            | "those"
            | "both"
            | "individual"
            | "western"
            | "eastern"
            | "small"
            | "smaller"
            | "large"
            | "major"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
    ) || (is_cap(before) && ["ian", "ean", "ese", "ish"].iter().any(|e| lw.ends_with(e)))
        || lw.chars().all(|c| c.is_ascii_digit())
}

/// A reporting lemma in its bare form after a negated auxiliary, with
/// "that" or a quotation after it: "X did not deny that ...", "does not
/// dispute that ...".
fn negated_report(toks: &[(usize, &str)], k: usize, w: &str) -> bool {
    // (what someone did not say is the author's: "He did not mention that
    // ...")
    if k < 2 || !matches!(w, "deny" | "dispute") {
        return false;
    }
    let not = clean_tok(toks[k - 1].1);
    let aux = clean_tok(toks[k - 2].1).to_lowercase();
    let negated = (not == "not" && matches!(aux.as_str(), "did" | "does" | "do" | "would"))
        || matches!(not, "didn't" | "didn’t" | "doesn't" | "doesn’t");
    let next = toks.get(k + 1).map(|t| t.1).unwrap_or("");
    negated
        && (clean_tok(next).eq_ignore_ascii_case("that")
            || toks[k].1.ends_with(':')
            || next.starts_with(['“', '"', '«']))
}

/// The name an unnamed speaker gave, when the sentence reports what they
/// said: "a pensioner who introduced himself only as Levon, said ...", "a
/// teacher who gave only her first name, Anush, said ...", "a shopkeeper,
/// identified only as Karen, said ...".
fn given_name(s: &str) -> Option<String> {
    let ws: Vec<&str> = s.split_whitespace().collect();
    let lw: Vec<String> = ws.iter().map(|w| clean_tok(w).to_lowercase()).collect();
    // the word after which the name follows
    let at = (1..ws.len()).find_map(|k| {
        let w = lw[k].as_str();
        let prev = lw[k - 1].as_str();
        let after_as = w == "as"
            && (matches!(
                prev,
                "only" | "himself" | "herself" | "identified" | "named"
            ) || (k >= 2 && matches!(lw[k - 2].as_str(), "identified" | "introduced")));
        (after_as || gave_name_at(&ws, &lw, k)).then_some(k + 1)
    })?;
    let name = ws.get(at).map(|w| clean_tok(w))?;
    let single = plain_given_name(name);
    // the report comes after the name ("..., said that ..."), or before
    // the one who gave it ("..., says a shepherd who gave his name only as
    // Bakyt.")
    let reports = lw[at + 1..]
        .iter()
        .take(6)
        .any(|w| SPEECH_VERBS.contains(&w.as_str()))
        || lw[at.saturating_sub(12)..at]
            .iter()
            .any(|w| SPEECH_VERBS.contains(&w.as_str()));
    (single && reports).then(|| name.to_string())
}

/// The name a person described, not named, gave ("The defendant's
/// mother, who gave only her first name, Gulnara, waited outside"), in a
/// sentence that reports nothing: the "she" of what follows.
fn given_name_only(s: &str) -> Option<String> {
    let ws: Vec<&str> = s.split_whitespace().collect();
    let lw: Vec<String> = ws.iter().map(|w| clean_tok(w).to_lowercase()).collect();
    let at = (2..ws.len()).find(|&k| gave_name_at(&ws, &lw, k))? + 1;
    let name = ws.get(at).map(|w| clean_tok(w))?;
    (ws[at].ends_with(',') && plain_given_name(name)).then(|| name.to_string())
}

/// Word `k` is the "name," after "gave" or "giving" ("who gave only her
/// first name, Anush,"): the name follows it. `lw` is `ws` cleaned and
/// lowercase.
fn gave_name_at(ws: &[&str], lw: &[String], k: usize) -> bool {
    lw[k] == "name"
        && ws[k].ends_with(',')
        && k >= 2
        && lw[..k]
            .iter()
            .rev()
            .take(4)
            .any(|x| matches!(x.as_str(), "gave" | "giving"))
}

/// A name given alone: one capitalised word of letters, not a role.
fn plain_given_name(name: &str) -> bool {
    is_cap(name)
        && name.chars().all(|c| c.is_alphabetic() || c == '-')
        && !is_role_like(&name.to_lowercase())
}

/// "In his view, ...", "In her opinion, ...", "In their reading, ...": the
/// pronoun of the possessive is the speaker.
fn possessive_view(s: &str) -> Option<Found> {
    // at the start of the sentence or of a clause ("At the same time, in
    // his opinion, ...")
    let ws: Vec<&str> = s.split_whitespace().collect();
    (0..ws.len().saturating_sub(2)).find_map(|k| {
        let clause_start = k == 0 || ws[k - 1].ends_with(',');
        if !clause_start || !ws[k].eq_ignore_ascii_case("in") {
            return None;
        }
        // "..., in the expert's view.": the view closing the sentence
        let last = ws.len() - 1;
        let closes =
            |j: usize| ws[j].ends_with(',') || (k > 0 && j == last && ws[j].ends_with('.'));
        // "In the prosecutor's words, ...", "In the Russian minister's
        // view, ...": a role, for the resolver to name
        if ws[k + 1].eq_ignore_ascii_case("the") && (k <= 4 || k + 4 >= last) {
            let at = (k + 2..ws.len().min(k + 5))
                .find(|&j| ws[j].ends_with("'s") || ws[j].ends_with("’s"))?;
            let view = ws.get(at + 1).filter(|n| {
                closes(at + 1) && VIEW_NOUNS.contains(&clean_tok(n).to_lowercase().as_str())
            });
            if view.is_some() {
                let role: Vec<&str> = ws[k + 2..=at]
                    .iter()
                    .map(|w| w.trim_end_matches("'s").trim_end_matches("’s"))
                    .collect();
                return Some(Found {
                    phrase: format!("the {}", role.join(" ")),
                });
            }
            return None;
        }
        let noun = ws[k + 2];
        let pronoun = match ws[k + 1].to_lowercase().as_str() {
            "his" => "he",
            "her" => "she",
            "their" => "they",
            // "In Olkhovsky's words, ...": a named possessive, with a noun
            // of view or speech (not "In Russia's interest, ...")
            w => {
                let name = w
                    .strip_suffix("'s")
                    .or_else(|| w.strip_suffix("’s"))
                    .filter(|_| is_cap(ws[k + 1]))?;
                let view = VIEW_NOUNS.contains(&clean_tok(noun).to_lowercase().as_str());
                // near the start of the sentence, not inside a clause of it
                // ("the alliance, in Yerevan's view, failed")
                return (!name.is_empty() && view && noun.ends_with(',') && k <= 4).then(|| {
                    Found {
                        phrase: clean_tok(&ws[k + 1][..name.len()]).to_string(),
                    }
                });
            }
        };
        (closes(k + 2) && noun.len() <= 12).then(|| Found {
            phrase: pronoun.to_string(),
        })
    })
}

/// Nouns of view or speech after a possessive ("In X's words, ...").
const VIEW_NOUNS: &[&str] = &[
    "words",
    "view",
    "opinion",
    "assessment",
    "estimate",
    "estimation",
    "reading",
    "judgement",
    "judgment",
    "telling",
    "account",
    "analysis",
    "interpretation",
];

/// Words that open a clause before its subject ("As one analyst put it",
/// "When X spoke"): no part of the subject's name.
const CLAUSE_OPENERS: &[&str] = &[
    "as", "when", "while", "because", "if", "although", "since", "once",
];

/// Words that open an adverbial clause, never a subject ("As one analyst
/// put it", "Speaking at the press conference, ...").
const SUBORDINATORS: &[&str] = &[
    "as",
    "when",
    "while",
    "because",
    "if",
    "although",
    "though",
    "since",
    "after",
    "before",
    "once",
    "whereas",
    "speaking",
    "asked",
    "in",
    "on",
    "at",
    "for",
    "with",
    "according",
    "under",
    "by",
    "during",
    "despite",
    "following",
    "addressing",
    "commenting",
    "referring",
];

/// Prepositions that start a post-modifier of a noun ("officials at the
/// Joint Staff", "a survey by the Centre", "the report for 2024").
const POSTMODIFIERS: &[&str] = &[
    "of", "in", "at", "from", "for", "by", "on", "with", "close", "near", "to", "within", "who",
    "whom", "whose",
];

/// Adjectives of attitude that report a view after a copula ("Seitkali is
/// less optimistic", "officials remain confident that ...").
const ATTITUDES: &[&str] = &[
    "optimistic",
    "pessimistic",
    "sceptical",
    "skeptical",
    "convinced",
    "confident",
    "certain",
    "doubtful",
    "adamant",
    "unconvinced",
    "unimpressed",
];

/// Words of degree or negation between a copula and a view ("is far less
/// optimistic", "was not convinced").
const DEGREE_WORDS: &[&str] = &[
    "less", "more", "far", "equally", "not", "no", "somewhat", "much", "rather", "still", "so",
    "too",
];

/// A noun that can head a speaker: a source, a role, a body or a document.
fn is_speaker_head(lw: &str) -> bool {
    person_noun(lw)
        || DOC_HEADS.contains(&lw)
        || BODY_NOUNS.contains(&lw)
        || MEDIA.contains(&lw)
        || lw == "editorial"
}

/// A noun that names a person by what they are or do ("spokeswoman",
/// "lawmaker", "colonel"): a source or role word, singular or plural, or a
/// member of one of the person classes of [`CLASSES`].
fn person_noun(lw: &str) -> bool {
    let plural = format!("{lw}s");
    // agent nouns in -ist ("economist", "activist", "journalists")
    let stem = lw.strip_suffix('s').unwrap_or(lw);
    let agent = stem.len() >= 7
        && stem.ends_with("ist")
        && stem.chars().all(|c| c.is_ascii_lowercase())
        && !matches!(stem, "checklist" | "shortlist" | "playlist" | "wishlist");
    // agent nouns in -tor of eight letters or more ("prosecutor",
    // "investigator", "commentator"; not "sector" or "factor")
    let agent_tor = stem.len() >= 8
        && stem.ends_with("tor")
        && stem.chars().all(|c| c.is_ascii_lowercase())
        && !matches!(stem, "indicator" | "generator" | "elevator" | "calculator");
    // agent nouns in -ioner ("commissioner", "pensioner", "practitioner")
    let agent_ioner =
        stem.len() >= 8 && stem.ends_with("ioner") && stem.chars().all(|c| c.is_ascii_lowercase());
    // compounds on a person noun ("schoolteacher", "shopkeeper")
    let compound = [
        "teacher", "worker", "keeper", "seller", "driver", "owner", "trader", "farmer",
    ]
    .iter()
    .any(|sfx| stem.len() > sfx.len() + 2 && stem.ends_with(sfx));
    agent
        || agent_tor
        || agent_ioner
        || compound
        || ANON_HEADS.contains(&lw)
        || ANON_HEADS.contains(&plural.as_str())
        || ROLE_WORDS.contains(&lw)
        || CLASSES
            .iter()
            .filter(|(class, _)| *class != "document")
            .any(|(class, members)| *class == lw || members.contains(&lw))
}

/// The phrase can be a speaker: a personal pronoun, a name (a titled name,
/// or a single capitalised word that is not a sentence opener), or a noun
/// phrase whose head, before any post-modifier, is a source, role, body or
/// document noun ("Officials at the CSTO Joint Staff", "The organization's
/// annual report for 2024", "Kazakhstan's delegation").
fn speaker_like(np: &str) -> bool {
    let ws: Vec<String> = np
        .split_whitespace()
        .map(|w| clean_tok(w).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    let Some(first) = ws.first() else {
        return false;
    };
    let lf = first.to_lowercase();
    if ws.len() == 1 {
        return matches!(lf.as_str(), "he" | "she" | "they")
            || (is_cap(first)
                && !opens_with_common_word(first)
                && !matches!(
                    lf.as_str(),
                    "it" | "this" | "that" | "these" | "those" | "there"
                ));
    }
    if SUBORDINATORS.contains(&lf.as_str()) && !is_cap_name_start(&ws) {
        return false;
    }
    let core_end = core_end(&ws);
    let core = &ws[..core_end];
    if is_speaker_head(&core_head(np)) || member_of(np) {
        return true;
    }
    // the core ends in a person's name ("Political scientist Daulet Seitkali")
    let core_text = core.join(" ");
    let name_words = core.iter().rev().take_while(|w| is_cap(w)).count();
    name_words >= 2
        && kind_of(&core_text) == SpeakerKind::Person
        && surname_of(&core_text).is_some()
}

/// Surname endings of the region's names (Russian, Kazakh, Kyrgyz,
/// Tajik, Uzbek, Armenian, Georgian, Belarusian, Ukrainian).
const SURNAME_ENDINGS: &[&str] = &[
    "ov", "ova", "ev", "eva", "yev", "yeva", "in", "ina", "sky", "skaya", "yan", "ian", "enko",
    "uk", "zoda", "zade", "zada", "uly", "kyzy", "dze", "shvili", "ovich", "evich", "ich",
];

/// The phrase ends in a first name and a surname of the region after
/// other capitalised words: "... of Kazakhstan Saltanat Beisenova".
fn ends_in_personal_name(phrase: &str) -> bool {
    let ws: Vec<&str> = phrase.split_whitespace().map(clean_tok).collect();
    let n = ws.len();
    if n < 4 {
        return false;
    }
    let (first, last) = (ws[n - 2], ws[n - 1]);
    let name_like = |w: &str| {
        is_cap(w)
            && w.chars().count() >= 3
            && w.chars().all(char::is_alphabetic)
            && w.chars().skip(1).all(char::is_lowercase)
    };
    let lower = last.to_lowercase();
    name_like(first)
        && name_like(last)
        && !BODY_NOUNS.contains(&first.to_lowercase().as_str())
        && !DOC_HEADS.contains(&first.to_lowercase().as_str())
        && SURNAME_ENDINGS.iter().any(|e| lower.ends_with(e))
        && is_cap(ws[n - 3])
}

/// "A member of the Kyrgyz delegation", "one member of parliament": a
/// person, whatever body they belong to.
fn member_of(np: &str) -> bool {
    let lw = np.trim().to_lowercase();
    ["a ", "an ", "one ", "another ", "the "].iter().any(|d| {
        lw.starts_with(&format!("{d}member of "))
            || lw.starts_with(&format!("{d}senior member of "))
    })
}

/// Where the core of a noun phrase ends: at its first post-modifier, a
/// preposition ("officials at the Joint Staff") or a participle after the
/// head ("the declaration adopted at the summit", "a man repairing a car").
fn core_end(ws: &[String]) -> usize {
    (1..ws.len())
        .find(|&k| {
            let w = ws[k].to_lowercase();
            POSTMODIFIERS.contains(&w.as_str())
                || (w.ends_with("ed") && w.len() > 4 && is_speaker_head(&ws[k - 1].to_lowercase()))
                // "a retired schoolteacher standing at her gate"
                || (w.ends_with("ing") && w.len() > 5 && person_noun(&ws[k - 1].to_lowercase()))
        })
        .unwrap_or(ws.len())
}

/// The head of a noun phrase: the last word before its first post-modifier,
/// past numbers ("Article 4 of the Treaty" is headed by "article"),
/// lowercase, without a possessive.
fn core_head(np: &str) -> String {
    let ws: Vec<String> = np
        .split_whitespace()
        .map(|w| clean_tok(w).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    ws[..core_end(&ws)]
        .iter()
        .rev()
        .find(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| w.trim_end_matches("’s").trim_end_matches("'s").to_string())
        .unwrap_or_default()
}

/// The names a description is tied to: the capitalised words after its
/// "of" ("the representative of the United States" gives "united",
/// "states") or in the possessive that opens it ("Denmark's delegate"
/// gives "denmark"), lowercase, as country words.
fn tied_names(phrase: &str) -> Vec<String> {
    let ws: Vec<&str> = phrase.split_whitespace().collect();
    let mut out = Vec::new();
    if let Some(first) = ws.first() {
        // (or "Belarus’ delegate": the possessive of a name in -s)
        let bare = first.trim_end_matches("'s").trim_end_matches("’s");
        let bare = match bare.strip_suffix(['’', '\'']) {
            Some(b) if bare.len() == first.len() && b.ends_with('s') => b,
            _ => bare,
        };
        if bare.len() < first.len() && is_cap(bare) {
            out.push(country_word(&bare.to_lowercase()));
        }
    }
    if let Some(of) = ws.iter().position(|w| *w == "of") {
        let run: Vec<String> = ws[of + 1..]
            .iter()
            .skip_while(|w| **w == "the")
            .map(|w| clean_tok(w))
            .take_while(|c| is_cap(c))
            .map(|c| country_word(&c.to_lowercase()))
            .collect();
        // (a title's own words name no one: "the Head of State", "the
        // Chief of the General Staff", "the Minister of Defence")
        let title = run.len() == 1
            && matches!(
                run[0].as_str(),
                "state"
                    | "government"
                    | "staff"
                    | "defence"
                    | "defense"
                    | "justice"
                    | "interior"
                    | "finance"
            );
        if !title {
            out.extend(run);
        }
    }
    out
}

/// "In" of "In Moscow" is a preposition; "In" never starts a name. Only a
/// capitalised run with no subordinator in it counts as one.
fn is_cap_name_start(ws: &[String]) -> bool {
    ws.len() >= 2
        && is_cap(&ws[0])
        && is_cap(&ws[1])
        && !SUBORDINATORS.contains(&ws[0].to_lowercase().as_str())
}

/// The subject of the clause whose verb is token `v`, read from the start
/// of the sentence: the opening noun phrase, past comma-delimited
/// insertions between it and the verb ("X, who sits on the commission,
/// offered", "The deputy minister, for his part, rejected"), or the noun
/// phrase after an opening adverbial ("Speaking at the press conference,
/// X called"). Only a phrase that can be a speaker ([`speaker_like`]).
fn main_subject(toks: &[(usize, &str)], v: usize) -> Option<String> {
    if v == 0 || v > 40 {
        return None;
    }
    let mut i = v;
    while i > 0 {
        let w = clean_tok(toks[i - 1].1).to_lowercase();
        let adverb = (w.ends_with("ly")
            && w.len() > 4
            && !toks[i - 1].1.ends_with(',')
            && !periodical(toks, i - 1))
            || adverb_before_verb(&w)
            || matches!(
                w.as_str(),
                "not" | "does" | "did" | "still" | "further" | "now" | "too"
            );
        if adverb {
            i -= 1;
        } else {
            break;
        }
    }
    if i == 0 {
        return None;
    }
    // "On state television they argue ...": a subject pronoun right before
    // the verb is the subject, whatever opens the sentence
    let last = clean_tok(toks[i - 1].1).to_lowercase();
    if matches!(last.as_str(), "he" | "she" | "they") && !toks[i - 1].1.ends_with(',') {
        return Some(last);
    }
    let words: Vec<&str> = toks[..i].iter().map(|t| t.1).collect();
    if words.iter().any(|w| {
        w.contains(['“', '”', '"', '«', '»', '(', ')', '[']) || w.ends_with([';', ':', '.'])
    }) {
        return None;
    }
    // comma segments
    let mut segs: Vec<(usize, usize)> = Vec::new();
    let mut st = 0;
    for (k, w) in words.iter().enumerate() {
        if w.ends_with(',') {
            segs.push((st, k + 1));
            st = k + 1;
        }
    }
    if st < words.len() {
        segs.push((st, words.len()));
    }
    let insertion_closes = words.last().is_some_and(|w| w.ends_with(','));
    let first_word = clean_tok(words[0]).to_lowercase();
    // ("Opening the session, Colonel General X welcomed ...": a participle
    // opens an adverbial clause)
    let participle = first_word.len() > 5 && first_word.ends_with("ing");
    let opens_adverbial = SUBORDINATORS.contains(&first_word.as_str())
        || (segs.len() > 1 && (segs[0].1 - segs[0].0 <= 2 || participle));
    let seg_text = |(a, b): (usize, usize)| {
        words[a..b]
            .iter()
            .map(|w| clean_tok(w))
            .collect::<Vec<_>>()
            .join(" ")
    };
    // "X, reserve colonel Y, in a commentary to Z noted": the insertion may
    // end in an adverbial that runs into the verb
    let last_adverbial = segs.last().is_some_and(|&(a, _)| {
        SUBORDINATORS.contains(&clean_tok(words[a]).to_lowercase().as_str())
    });
    let first_speaks = segs.len() > 1
        && segs[0].1 - segs[0].0 >= 2
        && !SUBORDINATORS.contains(&first_word.as_str())
        && speaker_like(&seg_text(segs[0]));
    let (a, b) = if segs.len() == 1 {
        segs[0]
    } else if first_speaks && (insertion_closes || last_adverbial) {
        // "Military expert, reserve colonel Y, ...": a name in the
        // apposition completes a subject that has none
        let s0 = seg_text(segs[0]);
        let s1 = seg_text(segs[1]);
        if !names_person(&s0) && names_person(&s1) && s1.split_whitespace().count() <= 14 {
            return Some(format!("{s0}, {s1}"));
        }
        segs[0]
    } else if !insertion_closes && opens_adverbial {
        *segs.last()?
    } else if insertion_closes && !opens_adverbial {
        segs[0]
    } else {
        return None;
    };
    let cand: Vec<&str> = words[a..b].iter().map(|w| clean_tok(w)).collect();
    let cand: Vec<&str> = cand
        .into_iter()
        .skip_while(|w| matches!(w.to_lowercase().as_str(), "and" | "but" | "yet" | "so"))
        .collect();
    // "X asked the court for leniency and said ...": a verb coordinated
    // with one before it shares its subject, the words before that verb
    // (a verb of saying: "and now advises companies" reports nothing)
    let says = toks
        .get(v)
        .is_some_and(|t| SPEECH_VERBS.contains(&clean_tok(t.1).to_lowercase().as_str()));
    let cand = match cand.last() {
        Some(&("and" | "but")) if cand.len() > 2 && says => {
            let verb = cand.iter().skip(1).position(|w| {
                w.chars().all(|c| c.is_lowercase())
                    && w.len() > 3
                    && (w.ends_with("ed") || lemma_form(w) || SPEECH_VERBS.contains(w))
            });
            match verb {
                Some(j) => cand[..=j].to_vec(),
                None => cand,
            }
        }
        _ => cand,
    };
    // (a finding and its maker may run longer: "A survey of 1,200 adults
    // conducted in April by the Almaty-based polling firm X")
    let p = cand.join(" ");
    if cand.is_empty() || (cand.len() > 14 && !(cand.len() <= 20 && made_by(&p).is_some())) {
        return None;
    }
    // ("But it argues that ...": the body or document the resolver finds
    // for "it", if any)
    if p.eq_ignore_ascii_case("it") {
        return Some("it".into());
    }
    // "Lavrov’s comments": a possessive is a determiner, not the subject
    let possessive = p.ends_with("’s") || p.ends_with("'s") || p.ends_with('’');
    (!possessive && speaker_like(&p)).then_some(p)
}

/// The noun phrase that opens the sentence, up to its first word that
/// cannot be part of one (for ", saying ...": "The secretary general
/// dismissed such criticism, saying" gives "The secretary general").
fn leading_np(toks: &[(usize, &str)]) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for (_, raw) in toks.iter().take(14) {
        let w = clean_tok(raw);
        let lw = w.to_lowercase();
        let ok = !w.is_empty()
            && (is_cap(w)
                || matches!(
                    lw.as_str(),
                    "the" | "a" | "an" | "of" | "for" | "and" | "in" | "at"
                )
                || is_speaker_head(&lw)
                || lw.ends_with("’s")
                || lw.ends_with("'s"));
        if !ok || raw.contains(['“', '"', '(']) {
            break;
        }
        out.push(w);
        if raw.ends_with([',', '.', ';', ':']) {
            break;
        }
    }
    while out.last().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "the" | "a" | "an" | "of" | "for" | "and" | "in" | "at"
        )
    }) {
        out.pop();
    }
    let p = out.join(" ");
    (!p.is_empty() && out.len() >= 2 && speaker_like(&p)).then_some(p)
}

/// `w` is a form of a reporting lemma (bare, -s or -ed; "found" for find),
/// which reports speech when its subject can be a speaker.
fn lemma_form(w: &str) -> bool {
    matches!(w, "found" | "finds") || inflected_of(w, REPORTING_LEMMAS, true)
}

/// `w` is one of `lemmas` with -s, -es, -d or -ed (or bare, if `bare`):
/// "argues", "argued", "obliges".
fn inflected_of(w: &str, lemmas: &[&str], bare: bool) -> bool {
    lemmas.iter().any(|l| {
        let regular = w.strip_prefix(l).is_some_and(|rest| {
            matches!(rest, "s" | "es" | "d" | "ed") || (bare && rest.is_empty())
        });
        // a final y after a consonant turns to i: "reply", "replied", "replies"
        let y_to_i = l.strip_suffix('y').is_some_and(|stem| {
            !stem.ends_with(['a', 'e', 'o', 'u'])
                && w.strip_prefix(stem)
                    .is_some_and(|rest| matches!(rest, "ied" | "ies"))
        });
        regular || y_to_i
    })
}

/// "Below is the full text of the statement:", "The statement reads:": a
/// line that hands over to the document quoted after it, as "the <noun>".
fn text_follows(s: &str) -> Option<String> {
    let t = s.trim();
    let body = t.strip_suffix(':')?;
    let lw = body.to_lowercase();
    let ws: Vec<&str> = lw.split_whitespace().collect();
    if ws.len() > 10 {
        return None;
    }
    let noun = clean_tok(ws.last()?);
    let text_of = ws
        .windows(3)
        .any(|w| w[0] == "text" && w[1] == "of" && matches!(w[2], "the" | "its"));
    if text_of && TEXT_DOCUMENTS.contains(&noun) {
        return Some(format!("the {noun}"));
    }
    // "The statement reads:", "The communiqué says, in part:"
    let head = ws.get(1).map(|w| clean_tok(w))?;
    let verb = ws.get(2).map(|w| clean_tok(w)).unwrap_or("");
    (ws[0] == "the"
        && TEXT_DOCUMENTS.contains(&head)
        && matches!(verb, "reads" | "says" | "states"))
    .then(|| format!("the {head}"))
}

/// "In the document, the member states “reaffirm ...”", "In its
/// statement, ...": the document named by its kind, as "the <noun>".
fn in_document(s: &str) -> Option<String> {
    let rest = s.trim_start().strip_prefix("In ")?;
    let np = &rest[..rest.find(',')?];
    let ws: Vec<String> = np
        .split_whitespace()
        .map(|w| clean_tok(w).to_lowercase())
        .collect();
    let determined = ws
        .first()
        .is_some_and(|d| matches!(d.as_str(), "the" | "its" | "their"));
    let head = ws.last()?;
    (determined
        && ws.len() <= 4
        && TEXT_DOCUMENTS.contains(&head.as_str())
        && !matches!(head.as_str(), "article" | "text" | "provision" | "clause"))
    .then(|| format!("the {}", ws[1..].join(" ")))
}

/// "Under the CSTO Charter, ...", "Under Article 4 of the Treaty, ...": a
/// document that opens the sentence speaks for it.
fn under_document(s: &str) -> Option<String> {
    let rest = s.trim_start().strip_prefix("Under ")?;
    let np = &rest[..rest.find(',')?];
    let ws: Vec<&str> = np.split_whitespace().collect();
    if ws.len() > 10 {
        return None;
    }
    let doc = ws.iter().any(|w| {
        let lw = clean_tok(w).to_lowercase();
        matches!(
            lw.as_str(),
            "charter"
                | "treaty"
                | "agreement"
                | "law"
                | "constitution"
                | "article"
                | "protocol"
                | "declaration"
                | "concept"
        )
    });
    doc.then(|| np.trim().to_string())
}

/// Words by which a clause says why a source is not named ("who spoke on
/// condition of anonymity", "who asked that his name not be used",
/// "because he was not authorized to ...").
const ANONYMITY_CUES: &[&str] = &[
    "anonymity",
    "be named",
    "be identified",
    "be quoted by name",
    "name be withheld",
    "name not be",
    "name was withheld",
    "not authorized",
    "not authorised",
    "not allowed to",
    "unauthorized",
];

/// `s` without a clause that says why its source is not named: ", who
/// asked not to be named," between commas, or "who spoke on condition of
/// anonymity because ..." up to the verb that reports. What is left reads
/// as "A Western diplomat said ...", "An analyst was blunter."
fn without_anonymity_clause(s: &str) -> std::borrow::Cow<'_, str> {
    let lower = s.to_lowercase();
    let Some(cue) = ANONYMITY_CUES.iter().filter_map(|c| lower.find(c)).min() else {
        return s.into();
    };
    // the clause opens at the last "who" or "because" before the cue
    let open = [" who ", " because "]
        .iter()
        .filter_map(|o| lower[..cue].rfind(o))
        .max();
    let Some(mut start) = open else {
        return s.into();
    };
    // ("An official who attended the hearing told X, on condition of
    // anonymity, that ...": a verb that reports between them closes the
    // "who" clause, and the cue stands alone between commas)
    let reports_between = s[start..cue]
        .split_whitespace()
        .skip(1)
        .any(|w| SPEECH_VERBS.contains(&clean_tok(w).to_lowercase().as_str()));
    if reports_between {
        let Some(comma) = s[..cue].trim_end().strip_suffix(',').map(str::len) else {
            return s.into();
        };
        start = comma + 1;
    }
    // (", who ...," and ", and who ...," go whole, commas and all; "a
    // pharmacist who asked ..., said" keeps the comma that closes the
    // apposition around it)
    let mut keep_comma = true;
    for lead in [", and", ","] {
        if s[..start].ends_with(lead) {
            start -= lead.len();
            keep_comma = false;
            break;
        }
    }
    // it ends at the next comma, or before a reporting verb that comes
    // first ("... because he was not authorized to discuss it said ...")
    let mut verb = None;
    let mut k = cue;
    for w in s[cue..].split_inclusive(' ') {
        if SPEECH_VERBS.contains(&clean_tok(w).to_lowercase().as_str()) {
            verb = Some(k);
            break;
        }
        k += w.len();
    }
    let comma = s[cue..].find(',').map(|c| cue + c);
    let end = match (comma, verb) {
        (Some(c), v) if v.is_none_or(|v| c < v) => c + usize::from(!keep_comma),
        (_, Some(v)) => v - 1,
        _ => return s.into(),
    };
    format!("{}{}", &s[..start], &s[end..]).into()
}

/// A sentence that opens with a participle clause ("Presenting the talk
/// show on Monday, X told viewers ...", "Drawing on council documents, the
/// study argues ..."): the rest after its comma, where the subject is. A
/// name ending in -ing is followed by a verb, not by an article or a
/// preposition.
fn after_participle(s: &str) -> &str {
    let mut ws = s.split_whitespace();
    let (Some(first), Some(next)) = (ws.next(), ws.next()) else {
        return s;
    };
    // (prepositions in -ing are no participles: "According to him, ...")
    let participle = first.len() > 5
        && first.ends_with("ing")
        && is_cap(first)
        && !matches!(
            first.to_lowercase().as_str(),
            "according" | "regarding" | "concerning" | "including" | "during" | "following"
        )
        && matches!(
            clean_tok(next),
            "the"
                | "a"
                | "an"
                | "on"
                | "to"
                | "at"
                | "in"
                | "from"
                | "with"
                | "about"
                | "his"
                | "her"
                | "its"
                | "their"
                | "for"
        );
    // "Asked what had changed, he answered ...", "Pressed on the date, ...",
    // "When asked whether ..., the spokesperson said"
    let (first, next) = match (first, next) {
        ("When" | "Once" | "If", q) if matches!(q, "asked" | "pressed" | "questioned") => {
            let third = ws.next().unwrap_or("");
            (if q == "asked" { "Asked" } else { "Pressed" }, third)
        }
        x => x,
    };
    let asked = matches!(
        first,
        "Asked" | "Pressed" | "Questioned" | "Challenged" | "Reached"
    ) && matches!(
        clean_tok(next),
        "about"
            | "what"
            | "whether"
            | "if"
            | "how"
            | "why"
            | "when"
            | "where"
            | "who"
            | "on"
            | "by"
            | "to"
            | "for"
            | "later"
    );
    match s.find(", ") {
        Some(at) if (participle || asked) && s[..at].split_whitespace().count() <= 25 => {
            &s[at + 2..]
        }
        _ => s,
    }
}

/// "Down the street, a man repairing a tractor said ...", "Half a year
/// earlier, a study found ...": the clause after an opening adverbial
/// (a preposition, a time word, or one capitalised word before lowercase
/// ones, in at most eight words and a comma)
/// when it opens with a determiner, a new subject.
fn after_adverbial(s: &str) -> Option<&str> {
    let (opener, rest) = s.split_once(", ")?;
    let ws: Vec<String> = opener
        .split_whitespace()
        .map(|w| clean_tok(w).to_lowercase())
        .collect();
    let first = ws.first()?;
    // ("Further up the hill": one capitalised word, then lowercase ones)
    let lowercase_after = ws.len() >= 2
        && opener
            .split_whitespace()
            .skip(1)
            .all(|w| !is_cap(clean_tok(w)));
    let adverbial = ws.len() <= 8
        && !opener.contains(['“', '”', '"', '«', '»'])
        && (PREPOSITIONS.contains(&first.as_str())
            || lowercase_after
            || ws
                .last()
                .is_some_and(|w| matches!(w.as_str(), "earlier" | "later" | "ago" | "afterwards")));
    let subject = rest.split_whitespace().next().is_some_and(|w| {
        matches!(
            w,
            "a" | "an" | "the" | "one" | "some" | "several" | "many" | "two" | "three"
        )
    });
    (adverbial && subject).then_some(rest)
}

/// The token where the clause begins after opening adverbials: one that
/// opens with a preposition ("In the district centre,"), then perhaps one
/// in lowercase words ("an hour's drive north,"), each of at most eight
/// words and closed by a comma. 0 where the sentence opens otherwise.
fn clause_start(toks: &[(usize, &str)]) -> usize {
    let phrase_end =
        |from: usize| (from..toks.len().min(from + 8)).find(|&k| toks[k].1.ends_with(','));
    let first = toks.first().map(|t| clean_tok(t.1).to_lowercase());
    if !first.is_some_and(|f| PREPOSITIONS.contains(&f.as_str())) {
        return 0;
    }
    let Some(end) = phrase_end(0) else {
        return 0;
    };
    let mut at = end + 1;
    if let Some(end2) = phrase_end(at) {
        let lower = toks[at..=end2].iter().all(|t| {
            let c = clean_tok(t.1);
            !c.is_empty() && !is_cap(c)
        });
        if lower {
            at = end2 + 1;
        }
    }
    at
}

/// Prepositions that open an adverbial of place or time.
const PREPOSITIONS: &[&str] = &[
    "down",
    "up",
    "across",
    "along",
    "outside",
    "inside",
    "near",
    "behind",
    "beside",
    "at",
    "in",
    "on",
    "from",
    "after",
    "before",
    "over",
    "under",
    "around",
    "among",
    "beyond",
    "within",
    "throughout",
    "past",
    "by",
];

/// Find an explicit speaker in one sentence. A speech verb at the end of
/// the sentence (", the interlocutor added.") wins over one inside it; an
/// opening adverbial is read past when the whole sentence names nobody.
/// Token `k` is inside a clause opened by one of `openers` ("which",
/// "whose") at most `window` tokens before it, with no comma, semicolon or
/// colon between.
fn in_clause_of(toks: &[(usize, &str)], k: usize, openers: &[&str], window: usize) -> bool {
    let from = k.saturating_sub(window);
    toks[from..k]
        .iter()
        .rposition(|t| openers.contains(&clean_tok(t.1).to_lowercase().as_str()))
        .is_some_and(|r| {
            !toks[from + r..k]
                .iter()
                .any(|t| t.1.ends_with([',', ';', ':']))
        })
}

/// Verbs of taking a side that report nothing when the sentence ends with
/// them ("Toktogulova disagreed.").
const SIDE_VERBS: &[&str] = &[
    "disagreed",
    "disagrees",
    "objected",
    "objects",
    "demurred",
    "dissented",
    "differed",
    "differs",
];

/// Token `k` (lowercase `w`) only introduces a speaker: a view or a side
/// taken that ends the sentence ("X was not convinced.", "X disagreed."),
/// or "put it" with no words of theirs after it ("X put it more bluntly
/// in an interview last week.").
fn introduces_only(toks: &[(usize, &str)], k: usize, w: &str) -> bool {
    let last = k + 1 == toks.len();
    if last && (ATTITUDES.contains(&w) || SIDE_VERBS.contains(&w)) {
        return true;
    }
    // ("was not convinced.", "is less optimistic.")
    let copula = matches!(
        w,
        "is" | "are" | "was" | "were" | "remains" | "remain" | "remained"
    );
    if copula && k + 1 < toks.len() {
        let rest: Vec<String> = toks[k + 1..]
            .iter()
            .map(|t| clean_tok(t.1).to_lowercase())
            .collect();
        let (view, degree) = rest.split_last().expect("not empty");
        if ATTITUDES.contains(&view.as_str())
            && degree.len() <= 2
            && degree.iter().all(|d| DEGREE_WORDS.contains(&d.as_str()))
        {
            return true;
        }
    }
    let put_it = w == "put" && toks.get(k + 1).is_some_and(|t| clean_tok(t.1) == "it");
    put_it
        && toks.last().is_some_and(|t| t.1.ends_with('.'))
        && toks[k + 2..].iter().all(|t| {
            !t.1.ends_with(':') && !matches!(clean_tok(t.1), "that" | "when" | "as" | "saying")
        })
}

fn explicit(s: &str) -> Option<Found> {
    // "Nor did the ministry say ...": a report denied, as "did not say"
    let low = s.trim_start().to_lowercase();
    if [
        "nor did ",
        "nor has ",
        "nor have ",
        "nor does ",
        "neither did ",
    ]
    .iter()
    .any(|p| low.starts_with(p))
    {
        return None;
    }
    explicit_here(s)
        .or_else(|| after_adverbial(s).and_then(explicit_here))
        .filter(|f| !subordinate(&f.phrase) && !asks_who(&f.phrase))
}

/// A phrase that opens with a question word ("What are officials in the
/// member states" of "What are officials ... saying?") asks who speaks
/// and names nobody; so does a concession ("..., whatever some
/// commentators in Moscow say").
fn asks_who(phrase: &str) -> bool {
    phrase.split_whitespace().next().is_some_and(|w| {
        matches!(
            clean_tok(w).to_lowercase().as_str(),
            "what" | "who" | "why" | "how" | "where" | "whom" | "whose" | "whatever" | "whoever"
        )
    })
}

/// A speaker phrase that opens a subordinate clause ("Until Moscow admits
/// that, ...", "The briefing came a week after several commentators
/// suggested ..."): what is reported there is not what the sentence says.
fn subordinate(phrase: &str) -> bool {
    let ws: Vec<String> = phrase
        .split_whitespace()
        .map(|w| clean_tok(w).to_lowercase())
        .collect();
    let opens = ws.first().is_some_and(|w| {
        matches!(
            w.as_str(),
            "until" | "unless" | "after" | "before" | "once" | "although" | "though" | "whereas"
        )
    });
    // "a week after", "shortly before": a time, then the subordinator
    let timed = ws.windows(2).any(|p| {
        matches!(p[1].as_str(), "after" | "before" | "until")
            && matches!(
                p[0].as_str(),
                "day"
                    | "days"
                    | "week"
                    | "weeks"
                    | "month"
                    | "months"
                    | "year"
                    | "years"
                    | "hour"
                    | "hours"
                    | "minutes"
                    | "shortly"
                    | "soon"
                    | "long"
                    | "just"
                    | "moments"
            )
    });
    opens || timed
}

/// A news item closed by its source's credit: ", reports 24.kg.",
/// ", reported AKIpress.", ", writes Azattyk." The source's name: one to
/// four words, capitalised or a site's name ("24.kg").
fn closing_credit(s: &str) -> Option<String> {
    let t = s.trim_end().strip_suffix('.')?;
    let (_, tail) = t.rsplit_once(", ")?;
    let (verb, name) = tail.split_once(' ')?;
    if !matches!(verb, "reports" | "reported" | "writes" | "wrote") {
        return None;
    }
    let ws: Vec<&str> = name.split_whitespace().collect();
    let site = |w: &str| w.contains('.') && w.chars().any(char::is_alphabetic) && !w.ends_with('.');
    ((1..=4).contains(&ws.len())
        && ws.iter().all(|w| is_cap(w) || site(w) || *w == "of")
        && !ws[0].eq_ignore_ascii_case("the"))
    .then(|| name.to_string())
}

fn explicit_here(s: &str) -> Option<Found> {
    // a dash that opens a turn of dialogue is not part of the sentence, nor
    // is a dateline ("GRODNO, 3 October (Agency) – ...")
    let s = after_dateline(s)
        .trim_start()
        .trim_start_matches(['-', '–', '—'])
        .trim_start();
    let s = after_participle(s);
    let s = &*without_anonymity_clause(s);
    if let Some(f) = possessive_view(s) {
        return Some(f);
    }
    if let Some(name) = closing_credit(s) {
        return Some(Found { phrase: name });
    }
    // "a pensioner who introduced himself only as Levon, said ...": the
    // name the speaker gave
    if let Some(name) = given_name(s) {
        return Some(Found { phrase: name });
    }
    // "Moscow rejects such readings: Deputy Foreign Minister X insisted
    // that ...": the clause after a colon names the person who speaks
    if let Some((before, after)) = s.split_once(": ") {
        if before.split_whitespace().count() >= 3 {
            if let Some(f) = explicit(after).filter(|f| names_person(&f.phrase)) {
                return Some(f);
            }
        }
    }
    let toks = tokens(s);
    // "State media quoted an unnamed border official as saying ...": the
    // one quoted speaks, not the medium
    if let Some(q) = toks.iter().position(|t| clean_tok(t.1) == "quoted") {
        let rest = &toks[q + 1..];
        if let Some(a) = (1..rest.len().min(14)).find(|&j| {
            clean_tok(rest[j].1) == "as"
                && rest
                    .get(j + 1)
                    .is_some_and(|t| matches!(clean_tok(t.1), "saying" | "telling"))
        }) {
            let np: Vec<&str> = rest[..a].iter().map(|t| clean_tok(t.1)).collect();
            let np = np.join(" ");
            if speaker_like(&np) {
                return Some(Found { phrase: np });
            }
        }
    }
    // "He went on to praise the alliance as ...", "It went on to accuse
    // ...": the subject goes on speaking
    if let Some(k) = (0..toks.len().saturating_sub(3)).find(|&k| {
        matches!(clean_tok(toks[k].1), "went" | "goes")
            && clean_tok(toks[k + 1].1) == "on"
            && clean_tok(toks[k + 2].1) == "to"
            && {
                let v = clean_tok(toks[k + 3].1).to_lowercase();
                REPORTING_LEMMAS.contains(&v.as_str())
                    || SPEECH_VERBS.contains(&v.as_str())
                    || matches!(
                        v.as_str(),
                        "praise" | "add" | "accuse" | "describe" | "call"
                    )
            }
    }) {
        if let Some(p) = subject_before(&toks, k) {
            return Some(Found {
                phrase: speaker_phrase(s, &p),
            });
        }
    }
    // "The authors count six joint exercises in 2024": the makers of a
    // report, survey or study give its figures
    if let Some(p) = findings_counted(&toks) {
        return Some(Found { phrase: p });
    }
    let mut found: Vec<(bool, String)> = Vec::new();
    let n = toks.len();
    let quoted = s.contains(['“', '”', '"', '«', '»']);
    // where the first report was found, for a verb inside its that-clause
    // ("The group noted that no one had warned the farms")
    let (mut seen, mut prev_k, mut first_at) = (0, 0, None);
    for (k, (off, raw)) in toks.iter().enumerate() {
        if found.len() > seen {
            seen = found.len();
            first_at.get_or_insert(prev_k);
        }
        prev_k = k;
        let w = clean_tok(raw).to_lowercase();
        let next = toks.get(k + 1).map(|t| clean_tok(t.1).to_lowercase());
        // "X, whose faction has called for ..., said": what the clause's
        // own subject does reports nothing for the sentence
        if in_clause_of(&toks, k, &["whose"], 5) {
            continue;
        }
        // "declined to say whether Brussels considered ...": what a
        // question asks about reports nothing
        if in_clause_of(&toks, k, &["whether"], 5) {
            continue;
        }
        // "Asked ..., as several commentators have suggested, X said ...":
        // an aside closed by its comma, with the sentence's own verb that
        // reports still to come
        if raw.ends_with(',')
            && in_clause_of(&toks, k, &["as"], 6)
            && toks[k + 1..]
                .iter()
                .any(|t| SPEECH_VERBS.contains(&clean_tok(t.1).to_lowercase().as_str()))
        {
            continue;
        }
        // "Toktogulova disagreed.", "A woman whose son serves in the border
        // service was more sceptical.": a sentence that introduces what
        // someone says next reports nothing itself
        if !quoted && introduces_only(&toks, k, &w) {
            continue;
        }
        // "She found out from a photograph", "The figures tell a similar
        // story": learning something, or figures that speak in a figure;
        // "found the private guilty": a verdict
        let verdict = matches!(w.as_str(), "found" | "finds")
            && toks[k + 1..]
                .iter()
                .take(5)
                .any(|t| matches!(clean_tok(t.1), "guilty" | "innocent" | "liable"));
        if verdict
            || (matches!(w.as_str(), "found" | "find" | "finds") && next.as_deref() == Some("out"))
            || (matches!(w.as_str(), "tell" | "tells" | "told")
                && toks[k + 1..]
                    .iter()
                    .take(3)
                    .any(|t| matches!(clean_tok(t.1), "story" | "tale")))
        {
            continue;
        }
        // "The ministry did not respond to a request for comment": silence
        // reports nothing (what a ", saying ..." adds is found at "saying")
        if k > 0
            && matches!(
                clean_tok(toks[k - 1].1).to_lowercase().as_str(),
                "not" | "never" | "didn't" | "hasn't" | "hadn't" | "haven't"
            )
            && matches!(
                w.as_str(),
                "respond"
                    | "responded"
                    | "reply"
                    | "replied"
                    | "answer"
                    | "answered"
                    | "comment"
                    | "commented"
                    | "return"
                    | "returned"
            )
        {
            continue;
        }
        // "X issued a statement calling on ...": X speaks through it
        let issues_text = ISSUING_VERBS.contains(&w.as_str())
            && toks[k + 1..].iter().take(3).enumerate().any(|(j, t)| {
                matches!(
                    clean_tok(t.1).to_lowercase().as_str(),
                    "statement" | "appeal" | "communique" | "communiqué" | "declaration" | "letter"
                ) && toks.get(k + 2 + j).is_some_and(|n| {
                    let c = clean_tok(n.1).to_lowercase();
                    (c.ends_with("ing") && c.len() > 5) || c == "that" || t.1.ends_with(':')
                })
            });
        // "X made the same point", "made similar predictions that ..."
        let made_remark = matches!(w.as_str(), "made" | "makes" | "make")
            && toks[k + 1..].iter().take(3).any(|t| {
                matches!(
                    clean_tok(t.1).to_lowercase().as_str(),
                    "point"
                        | "points"
                        | "prediction"
                        | "predictions"
                        | "remark"
                        | "remarks"
                        | "comment"
                        | "comments"
                        | "claim"
                        | "claims"
                        | "promise"
                        | "promises"
                )
            });
        // "X spoke in favour of ...", "spoke out against ..."
        let spoke_for = matches!(w.as_str(), "spoke" | "speaks")
            && matches!(next.as_deref(), Some("in" | "out" | "against"))
            && toks[k + 1..].iter().take(3).any(|t| {
                matches!(
                    clean_tok(t.1).to_lowercase().as_str(),
                    "favor" | "favour" | "against" | "for"
                )
            });
        // "The deputy drew attention to the fact that ..."
        let drew_attention =
            matches!(w.as_str(), "drew" | "draws" | "draw") && next.as_deref() == Some("attention");
        let is_verb = SPEECH_VERBS.contains(&w.as_str())
            || drew_attention
            || spoke_for
            || issues_text
            || made_remark
            || (w == "quoted"
                && k > 0
                && matches!(clean_tok(toks[k - 1].1), "was" | "is" | "were" | "are" | "been"))
            || (w == "put" && next.as_deref() == Some("it"))
            // "The prosecutor asked the court to sentence him to ...": a
            // request, as "urged" is (not "was asked to", nor "I asked")
            || (w == "asked"
                && !(k > 0
                    && matches!(
                        clean_tok(toks[k - 1].1),
                        "was" | "were" | "been" | "be" | "I" | "we" | "We"
                    ))
                && (2..5).any(|j| {
                    toks.get(k + j).is_some_and(|t| t.1 == "to")
                        && toks.get(k + j + 1).is_some_and(|t| {
                            let x = clean_tok(t.1);
                            x.chars().all(|c| c.is_lowercase()) && x.len() > 1
                                && !matches!(x, "the" | "a" | "an" | "his" | "her" | "their")
                        })
                        && toks[k + 1..k + j]
                            .iter()
                            .all(|t| !t.1.ends_with([',', '.']) && t.1 != "not")
                }))
            // "The press service put the number of participants at about
            // 600": an estimate given
            || (matches!(w.as_str(), "put" | "puts")
                && (2..7).any(|j| {
                    toks.get(k + j).is_some_and(|t| t.1 == "at")
                        && toks.get(k + j + 1).is_some_and(|t| {
                            let x = clean_tok(t.1);
                            x.starts_with(|c: char| c.is_ascii_digit())
                                || matches!(x, "about" | "around" | "roughly" | "nearly" | "almost" | "least" | "over" | "more" | "some")
                        })
                }))
            // "“Where will it be in ten years?” X asked the participants.":
            // a question in the quote's tag
            || (matches!(w.as_str(), "asked" | "asks")
                && (1..4).any(|j| k >= j && toks[k - j].1.ends_with(['”', '"']))
                && !(k > 0 && matches!(clean_tok(toks[k - 1].1), "was" | "were" | "I" | "we")))
            // "X closed the debate by proposing that ...": a report made by
            // doing so
            || (w.len() > 6
                && w.ends_with("ing")
                && k > 0
                && clean_tok(toks[k - 1].1) == "by"
                && {
                    let stem = &w[..w.len() - 3];
                    REPORTING_LEMMAS.contains(&stem)
                        || REPORTING_LEMMAS.contains(&format!("{stem}e").as_str())
                })
            // "The alliance rejects the charge that ...": a claim disputed
            || (matches!(
                w.as_str(),
                "rejects" | "rejected" | "denies" | "denied" | "disputes" | "disputed" | "dismisses" | "dismissed"
            ) && matches!(next.as_deref(), Some("the" | "a" | "such" | "any" | "these" | "claims" | "accusations" | "allegations"))
                && toks[k + 1..].iter().take(3).any(|t| {
                    matches!(
                        clean_tok(t.1),
                        "charge" | "charges" | "claim" | "claims" | "accusation" | "accusations"
                            | "allegation" | "allegations" | "notion" | "suggestion" | "idea" | "criticism" | "statement" | "statements" | "assessment"
                    )
                }))
            // "“...,” grumbles a retired general": any verb between a quote
            // that closes and the one it is given to
            || (k > 0
                && toks[k - 1].1.ends_with(['”', '"', '»'])
                && !toks[k - 1].1.starts_with(['“', '"', '«'])
                && matches!(next.as_deref(), Some("a" | "an" | "one" | "another"))
                && raw.chars().all(|c| c.is_ascii_lowercase())
                && w.len() > 3
                && (w.ends_with('s') || w.ends_with("ed")))
            // "X informed the President about ...": what was reported,
            // named by its topic
            || (w == "informed"
                && toks[k + 1..].iter().take(8).any(|t| matches!(clean_tok(t.1), "about" | "on")))
            // "He also expressed the view that ...", "expressed concern over"
            || (matches!(w.as_str(), "expressed" | "expresses" | "voiced")
                && toks[k + 1..].iter().take(3).any(|t| {
                    matches!(
                        clean_tok(t.1),
                        "view" | "opinion" | "hope" | "concern" | "confidence" | "regret"
                            | "satisfaction" | "readiness" | "support" | "doubt" | "doubts"
                    )
                }))
            // "X of Khabar 24 asked whether ...": a question reported
            // (not "I asked whether ...", the reporter's own)
            || (w == "asked"
                && matches!(
                    next.as_deref(),
                    Some("whether" | "why" | "what" | "how" | "if" | "when")
                )
                && !(k > 0 && matches!(clean_tok(toks[k - 1].1), "I" | "we" | "We")))
            // "“...,” the report states.": a document's tag that ends the
            // sentence (not "the Gulf states.")
            || (w == "states"
                && k + 1 >= n
                && k > 0
                && {
                    let before = clean_tok(toks[k - 1].1).to_lowercase();
                    before == "it" || TEXT_DOCUMENTS.contains(&before.as_str())
                }
                && toks[..k]
                    .iter()
                    .rev()
                    .take(5)
                    .any(|t| t.1.ends_with([',', '”', '"'])))
            // ", it reported,": a tag of its own between commas
            || (k >= 2
                && clean_tok(toks[k - 1].1) == "it"
                && toks[k - 2].1.ends_with(',')
                && raw.ends_with(',')
                && lemma_form(&w))
            // a court or an inquiry "established that ..." (not "have
            // established combat groups")
            || (matches!(w.as_str(), "established" | "establishes")
                && next.as_deref() == Some("that"))
            // "X did not rule out that ...", "ruled out a return"; a court
            // "ruled that ..."
            || (matches!(w.as_str(), "rule" | "ruled" | "rules")
                && matches!(next.as_deref(), Some("out" | "that")))
            // "He informed the participants that ..."
            || (w == "informed"
                && toks[k + 1..]
                    .iter()
                    .take(5)
                    .any(|t| clean_tok(t.1) == "that"))
            || reporting_form(&toks, k, &w)
            || negated_report(&toks, k, &w);
        if !is_verb {
            // a verb of saying, judging or stating ("Kazakhstan's delegation
            // welcomed", "The charter provides", "Officials reject") or a
            // view after a copula ("X is less optimistic"), when the clause's
            // subject can be a speaker
            let be_before = k > 0
                && matches!(
                    clean_tok(toks[k - 1].1).to_lowercase().as_str(),
                    "was" | "were" | "is" | "are" | "been" | "be" | "being"
                );
            let copula_view = matches!(
                w.as_str(),
                "is" | "are" | "was" | "were" | "remains" | "remain" | "remained"
            ) && toks[k + 1..]
                .iter()
                .take(3)
                .map(|t| clean_tok(t.1).to_lowercase())
                .find(|x| !DEGREE_WORDS.contains(&x.as_str()))
                .is_some_and(|x| ATTITUDES.contains(&x.as_str()));
            // a verb is written in lowercase ("The United States" is no
            // report); "states" reports only before "that" (the strong
            // form above); "called on", "called for" urge rather than say
            let lower = raw
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .starts_with(|c: char| c.is_lowercase());
            // "an organization called GUAM" names rather than says
            let names_it = toks.get(k + 1).is_some_and(|t| is_cap(clean_tok(t.1)));
            // ("called Yerevan's decision “a mistake”" names it in a quote:
            // a report)
            let quote_soon = toks[k + 1..]
                .iter()
                .take(5)
                .take_while(|t| !t.1.ends_with([',', '.', ';']))
                .any(|t| t.1.starts_with(['“', '"', '«', '‘']));
            let urges = w.starts_with("call")
                && !quote_soon
                && (names_it || matches!(next.as_deref(), Some("off" | "up" | "in")));
            // "did not respond to questions", "the claims": a noun after a
            // preposition or determiner (an infinitive is bare: "to claim")
            let noun_after = k > 0
                && match clean_tok(toks[k - 1].1).to_lowercase().as_str() {
                    "to" => REPORTING_LEMMAS.iter().all(|l| *l != w),
                    "the" | "a" | "an" | "of" | "its" | "their" | "his" | "her" | "our"
                    | "these" | "those" | "such" => true,
                    _ => false,
                };
            // "agreed to meet us": an action promised, not a view
            let agreed_to = w.starts_with("agree") && next.as_deref() == Some("to");
            let weak = (lemma_form(&w)
                && !agreed_to
                && lower
                && !noun_after
                && !urges
                && !w.starts_with("state")
                && !be_before
                && next.as_deref() != Some("by"))
                || copula_view;
            let at_end = k + 1 >= n;
            if weak && at_end && !copula_view {
                if let Some(p) = subject_before(&toks, k).filter(|p| speaker_like(p)) {
                    let start = k - p.split_whitespace().count();
                    // ("“...,” the report concludes.")
                    // (the quoted words, its comma included, are blanked)
                    let tag = |t: &str| t.ends_with([',', '”', '"', '»']);
                    if start > 0 && tag(toks[start - 1].1) {
                        found.push((true, p));
                        continue;
                    }
                }
            }
            if weak && !(w.ends_with("ing")) {
                // "It called on the ministry to ...": the body or document
                // the resolver finds for "it"
                // ("It also describes ...")
                let it = || {
                    // ("But it argues ...")
                    let at = usize::from(matches!(
                        clean_tok(toks[0].1),
                        "But" | "And" | "Yet" | "Still"
                    ));
                    (k > at
                        && clean_tok(toks[at].1).eq_ignore_ascii_case("it")
                        && toks[at + 1..k].iter().all(|t| {
                            matches!(
                                clean_tok(t.1),
                                "also" | "further" | "then" | "even" | "still"
                            )
                        }))
                    .then(|| "it".to_string())
                };
                // "He singled out the border and urged partners to ...": a
                // second verb of the sentence's pronoun subject
                let coordinated = || {
                    let first = clean_tok(toks.first()?.1).to_lowercase();
                    (k >= 3
                        && clean_tok(toks[k - 1].1) == "and"
                        && !toks[k - 2].1.ends_with([',', ';'])
                        && matches!(first.as_str(), "he" | "she" | "they")
                        && !toks[1..k - 1]
                            .iter()
                            .any(|t| t.1.ends_with([';', ':']) || clean_tok(t.1) == "that"))
                    .then_some(first)
                };
                if let Some(p) = main_subject(&toks, k).or_else(it).or_else(coordinated) {
                    let bare = REPORTING_LEMMAS.contains(&w.as_str());
                    let head = core_head(&p);
                    let plural = head.ends_with('s')
                        || matches!(
                            head.as_str(),
                            "media" | "people" | "police" | "press" | "public"
                        )
                        || p.eq_ignore_ascii_case("they");
                    // "she does not expect ...": a finite verb after "does"
                    // (negated, only a view: "did not respond" reports nothing)
                    let before = k
                        .checked_sub(1)
                        .map(|j| clean_tok(toks[j].1).to_lowercase())
                        .unwrap_or_default();
                    let view = matches!(
                        w.as_str(),
                        "expect" | "think" | "believe" | "consider" | "doubt" | "fear" | "hope"
                    );
                    let finite = matches!(before.as_str(), "does" | "did" | "do")
                        || (view
                            && matches!(before.as_str(), "not" | "doesn't" | "didn't" | "don't"));
                    if !bare || plural || copula_view || finite {
                        let final_pos = k + 1 >= n || raw.ends_with('.');
                        found.push((final_pos, p));
                    }
                }
            }
            continue;
        }
        if first_at.is_some_and(|f: usize| toks[f + 1..k].iter().any(|t| clean_tok(t.1) == "that"))
        {
            continue;
        }
        // "pointed" needs "out" or "to"
        if w == "pointed"
            && toks
                .get(k + 1)
                .is_none_or(|t| !matches!(clean_tok(t.1), "out" | "to"))
        {
            continue;
        }
        // an infinitive ("called on both sides to show restraint") reports nothing
        // ("went on to say" still does)
        if k > 0
            && clean_tok(toks[k - 1].1) == "to"
            && !(k > 1
                && matches!(
                    clean_tok(toks[k - 2].1),
                    "on"
                        | "continued"
                        | "proceeded"
                        | "hastened"
                        | "wanted"
                        // "was careful to add", "was quick to point out"
                        | "careful"
                        | "quick"
                        | "keen"
                ))
        {
            continue;
        }
        let final_pos = k + 1 >= n
            || raw.ends_with('.')
            || toks[k + 1..].iter().take(4).any(|t| t.1.ends_with('.')) && k + 5 >= n;
        // "X was quoted by Armenian media as saying that ...": X
        let as_saying = w == "quoted"
            && toks[k + 1..]
                .windows(2)
                .take(8)
                .any(|p| clean_tok(p[0].1) == "as" && clean_tok(p[1].1) == "saying");
        if as_saying {
            if let Some(p) = main_subject(&toks, k - 1).or_else(|| subject_before(&toks, k - 1)) {
                found.push((true, p));
                continue;
            }
        }
        // passive: "emphasized by other scholars" (not "said by phone")
        let by_means = toks.get(k + 2).is_some_and(|t| {
            matches!(
                clean_tok(t.1).to_lowercase().as_str(),
                "phone" | "telephone" | "email" | "e-mail" | "video" | "letter" | "text"
            )
        });
        if toks.get(k + 1).is_some_and(|t| t.1 == "by") && !by_means {
            let after: Vec<&str> = toks[k + 2..]
                .iter()
                .map(|t| t.1)
                .take_while(|_| true)
                .collect();
            let mut phrase = Vec::new();
            for t in after {
                let c = clean_tok(t);
                phrase.push(c);
                if t.ends_with([',', '.', ';']) || phrase.len() >= 6 {
                    break;
                }
            }
            let p = phrase.join(" ");
            if !p.is_empty() {
                found.push((final_pos, p));
                continue;
            }
        }
        // "Which states, she did not say": a negated report says nothing
        // ("a statement that did not even say who was firing")
        let negated_at = |j: usize| {
            matches!(
                clean_tok(toks[j].1).to_lowercase().as_str(),
                "not" | "never" | "didn't" | "doesn't"
            )
        };
        if k > 0
            && (negated_at(k - 1)
                || (k > 1
                    && negated_at(k - 2)
                    && matches!(
                        clean_tok(toks[k - 1].1),
                        "even" | "yet" | "really" | "publicly" | "explicitly" | "once"
                    )))
            && matches!(
                w.as_str(),
                "say" | "specify" | "comment" | "elaborate" | "disclose"
            )
        {
            continue;
        }
        // "X told the agency about the drill": a topic, not what was said
        if matches!(w.as_str(), "told" | "tells" | "spoke" | "speaks")
            && toks[k + 1..]
                .iter()
                .take(4)
                .any(|t| clean_tok(t.1) == "about")
            && !toks[k + 1..]
                .iter()
                .any(|t| matches!(clean_tok(t.1), "that" | "how"))
            && !s.contains(['“', '"', '«', ':'])
        {
            continue;
        }
        // "which was claimed to be": a passive without "by" names no speaker
        if w != "quoted"
            && k > 0
            && matches!(
                clean_tok(toks[k - 1].1),
                "was" | "were" | "is" | "are" | "been" | "be"
            )
        {
            continue;
        }
        // "... which many commentators had said would never happen", "what
        // officials said": a verb inside a relative clause reports nothing
        // for the sentence; nor does "without saying"
        // ("careful about what it says.": "what" at the end too)
        let relative = in_clause_of(&toks, k, &["which", "what"], 6);
        let what = in_clause_of(&toks, k, &["what"], 4);
        if (relative && (k + 1 < n || what))
            || (w.ends_with("ing") && k > 0 && clean_tok(toks[k - 1].1) == "without")
        {
            continue;
        }
        let vk = if w == "quoted" { k - 1 } else { k };
        // "a statement by the CSTO Collective Security Council on the
        // occasion of ... said": a document named in the clause before the verb
        let seg_start = s[..*off]
            .rfind([',', ';', ':', '”', '"'])
            .map(|x| x + s[x..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0);
        let seg = &s[seg_start..*off];
        if let Some(p) = document_phrase(seg) {
            // "The final communiqué of the session says": the whole subject
            // when it is headed by the same document noun
            let head = p.split_whitespace().last().unwrap_or("").to_lowercase();
            let whole = (!p.contains(" by "))
                .then(|| main_subject(&toks, vk))
                .flatten()
                .filter(|q| {
                    let h = core_head(q);
                    h == head || TEXT_DOCUMENTS.contains(&h.as_str())
                });
            found.push((final_pos, whole.unwrap_or(p)));
            continue;
        }
        // "..., two officials familiar with the talks said.": at the end of
        // the sentence, the whole clause after the last comma when it can
        // be a speaker
        // ("..., a user from Gyumri wrote on Telegram.": a short adverbial
        // may follow the verb)
        let short_rest = n - k - 1 <= 3
            && toks[k + 1..]
                .iter()
                .all(|t| !t.1.ends_with([',', ';', ':']));
        if final_pos && (k + 1 >= n || short_rest) {
            if let Some(p) = tail_clause(&toks, vk) {
                found.push((true, p));
                continue;
            }
        }
        // "The Russian side, a diplomat familiar with the talks told
        // Kommersant, proposed ...": a tag between commas inside the sentence
        let closes = toks[k..].iter().take(3).any(|t| t.1.ends_with(','));
        // "Of the fourteen aircraft, it says, only five ...": a document or
        // body that spoke last, in a tag of its own
        // (", it reported,", ", it added,": any verb that reports)
        let it_tag = vk >= 2
            && clean_tok(toks[vk - 1].1) == "it"
            && toks[vk - 2].1.ends_with(',')
            && (document_verb(&w) || SPEECH_VERBS.contains(&w.as_str()) || lemma_form(&w));
        if it_tag && (closes || k + 1 >= n) {
            found.push((final_pos, "it".into()));
            continue;
        }
        // ("The bloc, the lawmaker promised, would ...")
        if closes
            && k + 1 < n
            && (matches!(w.as_str(), "told" | "said" | "says") || raw.ends_with(','))
        {
            if let Some(p) = tail_clause(&toks, vk) {
                found.push((true, p));
                continue;
            }
        }
        let prev_comma = vk > 0 && toks[vk - 1].1.ends_with(',');
        if prev_comma {
            // apposition: "the head of X, Imangali Tasmagambetov, said" or
            // "Nezavisimaya Gazeta, local Russian newspaper, reported"
            let before = &s[..*off];
            // ("... was “calm,” Zhang Lihua, a researcher, told ...": the
            // apposition starts after a quote that closes before it)
            let before = before
                .rsplit(['”', '"'])
                .next()
                .filter(|after| after.trim_end().trim_end_matches(',').contains(','))
                .unwrap_or(before);
            let segs: Vec<&str> = before
                .trim_end()
                .trim_end_matches(',')
                .rsplitn(3, ',')
                .collect();
            if let Some(p) = segs.iter().take(2).find_map(|seg| proper_run(seg.trim())) {
                found.push((final_pos, p));
                continue;
            }
            // inverted: ", said X" (after "told" comes whom it was told to)
            if let Some(p) = (!matches!(w.as_str(), "told" | "tells"))
                .then(|| subject_after(&toks, k))
                .flatten()
            {
                found.push((final_pos, p));
                continue;
            }
        }
        // "X opened the hearing by saying ...": the sentence's subject
        if w.ends_with("ing") && vk > 0 && clean_tok(toks[vk - 1].1) == "by" {
            if let Some(p) = leading_np(&toks) {
                found.push((final_pos, p));
                continue;
            }
        }
        if let Some(p) = subject_before(&toks, vk) {
            found.push((final_pos, p));
            continue;
        }
        if !(prev_comma && w.ends_with("ing")) {
            if let Some(p) = main_subject(&toks, vk) {
                found.push((final_pos, p));
                continue;
            }
        }
        // "The secretary general dismissed the criticism, saying ...": the
        // participle's subject is the sentence's
        if prev_comma && w.ends_with("ing") {
            if let Some(p) = leading_np(&toks) {
                found.push((final_pos, p));
                continue;
            }
            // "He declined to comment, saying only that ...": a pronoun
            // (also after an opening adverbial: "In a speech last month, he
            // went further, saying ...")
            let first = toks.first().map(|t| clean_tok(t.1).to_lowercase());
            let after_adverbial = (1..vk).find_map(|j| {
                let w = clean_tok(toks[j].1).to_lowercase();
                (matches!(w.as_str(), "he" | "she" | "they") && toks[j - 1].1.ends_with(','))
                    .then_some(w)
            });
            if let Some(p) = first
                .filter(|f| matches!(f.as_str(), "he" | "she" | "they"))
                .or(after_adverbial)
            {
                found.push((final_pos, p));
                continue;
            }
        }
        if k > 0 && toks[k - 1].1.ends_with(['”', '"']) {
            if let Some(p) = subject_after(&toks, k) {
                found.push((final_pos, p));
                continue;
            }
        }
        // "A source in one of the delegations told ...", "The SIPRI
        // yearbook notes ...": the whole noun phrase that opens the sentence
        if let Some(p) = opening_noun_phrase(&toks, vk) {
            found.push((final_pos, p));
            continue;
        }
        // "Putin at the bilateral meeting with ..., noted that"
        if let Some(p) = initial_subject(&toks) {
            found.push((final_pos, p));
            continue;
        }
        // "Pashinyan addressed parliament and said": the nearest name before
        if let Some(p) = last_name_before(&s[..*off]) {
            found.push((final_pos, p));
        }
    }
    // "..., the lawmaker told journalists, Armenian media reported.": the
    // outlets that relay a report are not its speaker
    let relayed = |p: &str| {
        let tail = s
            .trim_end()
            .trim_end_matches(['.', '”', '"'])
            .to_lowercase();
        let p = p.to_lowercase();
        ["reported", "reports", "said", "wrote"]
            .iter()
            .any(|v| tail.ends_with(&format!(", {p} {v}")))
            && (p.contains("media") || p.contains("outlets") || p.contains("agency"))
    };
    if found.len() > 1 {
        if let Some((_, p)) = found.iter().rev().find(|(_, p)| !relayed(p)) {
            if found.iter().any(|(_, q)| relayed(q)) {
                return Some(Found {
                    phrase: speaker_phrase(s, p),
                });
            }
        }
    }
    if let Some((_, p)) = found.iter().find(|(f, _)| *f) {
        return Some(Found {
            phrase: speaker_phrase(s, p),
        });
    }
    if let Some(p) = according_to(s).or_else(|| under_document(s)) {
        return Some(Found {
            phrase: speaker_phrase(s, &p),
        });
    }
    if let Some((_, p)) = found.first() {
        return Some(Found {
            phrase: speaker_phrase(s, p),
        });
    }
    if let Some(p) = in_document(s).or_else(|| text_follows(s)) {
        return Some(Found { phrase: p });
    }
    let low = s.to_lowercase();
    // "X defended the alliance against what he called “fashionable
    // scepticism”": the words quoted are those of the person named before
    for pat in [
        "what he called ",
        "what she called ",
        "what he described as ",
        "what she described as ",
        "what he termed ",
        "what she termed ",
    ] {
        if let Some(at) = low.find(pat) {
            // (offsets of the lowercased text; `get` where they differ)
            let quoted = s
                .get(at + pat.len()..)
                .is_some_and(|r| r.starts_with(['“', '"', '«']));
            if quoted {
                if let Some(p) = s.get(..at).and_then(last_name_before) {
                    return Some(Found { phrase: p });
                }
            }
        }
    }
    if low.contains("in his words") || low.contains("in her words") {
        return Some(Found {
            phrase: "he".into(),
        });
    }
    // "Pankin went on ...: “The area of responsibility ...”", "He chose
    // his words carefully: “...”": the subject of the clause before the
    // colon (a pronoun for the resolver)
    if let Some(at) = [": “", ": \"", ": «"]
        .iter()
        .filter_map(|c| s.find(c))
        .min()
    {
        if let Some(p) = initial_subject(&toks).or_else(|| leading_np(&toks)) {
            return Some(Found { phrase: p });
        }
        let intro = tokens(&s[..at]);
        let first = intro.first().map(|t| clean_tok(t.1).to_lowercase());
        if let Some(p) =
            first.filter(|f| matches!(f.as_str(), "he" | "she" | "they") && intro.len() <= 10)
        {
            return Some(Found { phrase: p });
        }
    }
    // "The charter requires ...", "Article 4 of the Treaty obliges ...": a
    // document that is the subject of what it lays down
    if let Some(p) = document_subject(&toks) {
        return Some(Found { phrase: p });
    }
    // "Armenpress has learned from a source in the government that ..."
    if let Some(p) = learned_from(s) {
        return Some(Found { phrase: p });
    }
    None
}

/// The sentence after a dateline that opens it: a place in capitals, a
/// comma, then up to a dash within the first 80 bytes ("GRODNO, 3 October
/// (Agency) – ..."). The whole sentence where there is none.
fn after_dateline(s: &str) -> &str {
    let t = s.trim_start();
    let place_len = t.find(',').filter(|&c| {
        c >= 3
            && t[..c]
                .chars()
                .all(|ch| ch.is_uppercase() || " .-".contains(ch))
    });
    if place_len.is_none() {
        return after_date_stub(s);
    }
    let head = &t[..t.len().min(80)];
    let head = &head[..(0..=head.len())
        .rev()
        .find(|&i| head.is_char_boundary(i))
        .unwrap_or(0)];
    for dash in [" – ", " — ", " - "] {
        if let Some(at) = head.find(dash) {
            return &t[at + dash.len()..];
        }
    }
    s
}

/// The sentence after what is left of a dateline whose place went with
/// the sentence before ("TASHKENT." then "Dec 3 (Interfax) - The ..."):
/// capitalised words, numbers and an agency in brackets up to a dash,
/// with a month and a day or the bracketed agency among them.
fn after_date_stub(s: &str) -> &str {
    let t = s.trim_start();
    let Some((at, dash)) = [" – ", " — ", " - "]
        .iter()
        .filter_map(|d| t.find(d).map(|at| (at, d.len())))
        .min()
        .filter(|(at, _)| *at <= 60)
    else {
        return s;
    };
    let ws: Vec<&str> = t[..at].split_whitespace().collect();
    let fits = |w: &str| {
        let c = clean_tok(w);
        !c.is_empty() && (is_cap(c) || c.chars().all(|ch| ch.is_ascii_digit()))
    };
    let agency = ws.iter().any(|w| w.starts_with('(') && w.ends_with(')'));
    let dated = ws.windows(2).any(|p| {
        let (a, b) = (clean_tok(p[0]), clean_tok(p[1]));
        let day = |x: &str| !x.is_empty() && x.len() <= 2 && x.chars().all(|c| c.is_ascii_digit());
        let year = |x: &str| x.len() == 4 && x.chars().all(|c| c.is_ascii_digit());
        (month_word(a) && (day(b) || year(b))) || (day(a) && month_word(b))
    });
    if ws.len() <= 6 && ws.iter().all(|w| fits(w)) && (agency || dated) {
        &t[at + dash..]
    } else {
        s
    }
}

/// A month's name or its usual abbreviation ("Dec", "Sept.", "March").
fn month_word(w: &str) -> bool {
    crate::form::MONTHS.contains(&w.trim_end_matches('.').to_lowercase().as_str())
}

/// The clause between the last comma and the verb at `v` (the verb ends
/// the sentence): "..., two officials familiar with the talks said." Only a
/// short phrase headed by a source, role, body or document, or ending in a
/// name, and never a relative or adverbial clause.
fn tail_clause(toks: &[(usize, &str)], v: usize) -> Option<String> {
    let start = toks[..v]
        .iter()
        .rposition(|t| t.1.ends_with([',', ';', ':', '”', '"']))
        .map_or(0, |k| k + 1);
    // adverbs before the verb are no part of the speaker ("the minister
    // strongly denied")
    let mut v = v;
    while v > start + 2 && verb_adverb(toks, v - 1) {
        v -= 1;
    }
    if start == 0 || v - start < 2 || v - start > 8 {
        return None;
    }
    let ws: Vec<&str> = toks[start..v].iter().map(|t| clean_tok(t.1)).collect();
    let first = ws[0].to_lowercase();
    if SUBORDINATORS.contains(&first.as_str())
        || matches!(
            first.as_str(),
            "which" | "who" | "that" | "what" | "and" | "but"
        )
        || ws.iter().any(|w| w.is_empty())
    {
        return None;
    }
    let p = ws.join(" ");
    (speaker_like(&p) || headed_early(&ws)).then_some(p)
}

/// One of the first three words can head a speaker: "two officials
/// familiar with the talks", where the head comes before an adjective that
/// opens the post-modifier (which [`speaker_like`]'s core would take as
/// the head).
fn headed_early(words: &[&str]) -> bool {
    words
        .iter()
        .take(3)
        .any(|w| is_speaker_head(&w.to_lowercase()))
}

/// A speaker phrase that names a group: its head is plural ("officials in
/// Yerevan", "two officials familiar with the talks").
fn plural_group(np: &str) -> bool {
    let head = core_head(np);
    head.ends_with('s')
        || matches!(
            head.as_str(),
            "people" | "men" | "women" | "staff" | "personnel"
        )
        || np
            .split_whitespace()
            .take(3)
            .map(|w| clean_tok(w).to_lowercase())
            .any(|w| {
                (ANON_HEADS.contains(&w.as_str()) && w.ends_with('s'))
                    || matches!(w.as_str(), "people" | "men" | "women")
            })
}

/// Nouns of documents that speak for what they lay down ("The charter
/// requires ...").
const TEXT_DOCUMENTS: &[&str] = &[
    "charter",
    "treaty",
    "article",
    "strategy",
    "declaration",
    "communiqué",
    "communique",
    "statement",
    "report",
    "document",
    "concept",
    "resolution",
    "agreement",
    "protocol",
    "doctrine",
    "constitution",
    "decree",
    "memorandum",
    "yearbook",
    "paper",
    "study",
    "survey",
    "review",
    "text",
    "provision",
    "clause",
    "letter",
    "analysis",
    "memo",
    "manual",
    "handbook",
    "directive",
    "note",
];

/// Parts of a document that speak for the whole ("a separate chapter on
/// joint operations says", "one of its annexes lists").
const DOCUMENT_PARTS: &[&str] = &[
    "chapter", "chapters", "section", "sections", "annex", "annexes", "appendix", "passage",
];

/// A speaker's name is a document's: headed by a document noun ("the
/// Field Manual for Peacekeeping Units", "internal memo from the Kant base
/// command").
fn is_document(display: &str) -> bool {
    TEXT_DOCUMENTS.contains(&core_head(display).as_str())
}

/// Words that end the issuer of a document named "<document> from
/// <issuer>" ("an internal memo from the Kant base command to the
/// headquarters ...").
const FROM_STOPS: &[&str] = &[
    "to", "which", "that", "who", "in", "on", "dated", "with", "and", "was", "is", "has", "for",
    "about",
];

/// "Its authors", "the authors": the writers of the document or body that
/// spoke last, who speak for it.
fn its_authors(p: &str) -> bool {
    matches!(
        p.trim().to_lowercase().replace('’', "'").as_str(),
        "its authors" | "its author" | "the authors" | "the author" | "the report's authors"
    )
}

/// Verbs by which a document lays something down (by lemma; -s and -ed
/// forms).
const DOCUMENT_VERBS: &[&str] = &[
    "oblige",
    "require",
    "provide",
    "stipulate",
    "name",
    "promise",
    "commit",
    "call",
    "list",
    "envisage",
    "state",
    "declare",
    "note",
    "describe",
    "recommend",
    "argue",
    "warn",
    "define",
    "allow",
    "permit",
    "prohibit",
    "foresee",
    "mention",
    "refer",
    "grant",
    "bind",
    "assign",
    "establish",
    "identify",
    "urge",
    "propose",
    "conclude",
    "estimate",
    "rank",
    "treat",
    "stress",
    "emphasise",
    "emphasize",
    "underline",
    "reaffirm",
    "affirm",
    "confirm",
    "acknowledge",
    "express",
    "welcome",
    "condemn",
    "insist",
    "suggest",
    "claim",
    "predict",
    "accuse",
    "criticise",
    "criticize",
    "praise",
    "instruct",
    "task",
    "direct",
    "proclaim",
    "outline",
    "specify",
    "guarantee",
    "speak",
    "contain",
    "cite",
    "point",
    "set",
    "find",
    "count",
    "review",
    "credit",
    "record",
    "add",
    "observe",
    "caution",
    "assess",
    "attribute",
    "blame",
    "order",
    "mandate",
    "forbid",
    "authorise",
    "authorize",
    "ask",
];

fn document_verb(w: &str) -> bool {
    matches!(w, "finds" | "found" | "sets" | "says" | "said")
        || inflected_of(w, DOCUMENT_VERBS, false)
}

/// A sentence whose subject is a document and whose verb lays something
/// down: the document (its whole noun phrase) speaks.
fn document_subject(toks: &[(usize, &str)]) -> Option<String> {
    let v = toks.iter().take(16).position(|(_, raw)| {
        let w = clean_tok(raw);
        w.starts_with(|c: char| c.is_lowercase()) && document_verb(w)
    })?;
    // "It also describes ...", "It went on to accuse ...": the document or
    // body that spoke last
    let it_opens = v >= 1
        && clean_tok(toks[0].1) == "It"
        && toks[1..v].iter().all(|t| {
            matches!(
                clean_tok(t.1),
                "also" | "further" | "then" | "even" | "still" | "went" | "goes" | "on" | "to"
            )
        });
    if it_opens {
        return Some("it".into());
    }
    let p = main_subject(toks, v)?;
    // ("Its authors recommend ...")
    if p == "It" || its_authors(&p) {
        return Some("it".into());
    }
    TEXT_DOCUMENTS
        .contains(&core_head(&p).as_str())
        .then_some(p)
}

/// "X has learned from <source> that ...", "... was told by <source>":
/// the source speaks.
fn learned_from(s: &str) -> Option<String> {
    let low = s.to_lowercase();
    let start = [
        "learned from ",
        "learnt from ",
        "was told by ",
        "were told by ",
    ]
    .iter()
    .find_map(|k| low.find(k).map(|p| p + k.len()))?;
    let rest = &s[start..];
    let end = [" that ", ",", ".", ";"]
        .iter()
        .filter_map(|k| rest.find(k))
        .min()
        .unwrap_or(rest.len());
    let p = rest[..end].trim();
    (!p.is_empty() && p.split_whitespace().count() <= 10 && speaker_like(p)).then(|| p.to_string())
}

/// A speaker met in the article so far.
#[derive(Debug, Clone)]
struct Known {
    display: String,
    /// what the article says the speaker is, in an apposition after the
    /// name ("X, an independent think tank in Yerevan, said"), lowercase
    desc: String,
    key: String,
    kind: SpeakerKind,
    surname: Option<String>,
}

impl Known {
    /// What the text says of the person's sex, where it says anything: a
    /// noun of the description ("mother", "spokesman"), or the name (a
    /// surname in -ova, -eva, -ina, -skaya; in -ov, -ev, -sky; a first
    /// name in -a). `Some(true)` for a woman.
    fn female(&self) -> Option<bool> {
        if let Some(f) = sex_of_words(&self.words()) {
            return Some(f);
        }
        if self.kind != SpeakerKind::Person {
            return None;
        }
        let (name, surname) = trailing_name(&self.display)?;
        let sl = surname.to_lowercase();
        if ["ova", "eva", "yova", "ina", "skaya", "kaya"]
            .iter()
            .any(|e| sl.ends_with(e))
        {
            return Some(true);
        }
        if ["ov", "ev", "sky", "skiy", "skyi"]
            .iter()
            .any(|e| sl.ends_with(e))
        {
            return Some(false);
        }
        let first = name.split_whitespace().rev().nth(1)?.to_lowercase();
        let feminine = (first.ends_with('a') || first.ends_with("ya"))
            && !matches!(
                first.as_str(),
                "nikita" | "ilya" | "foma" | "luka" | "kuzma"
            );
        feminine.then_some(true)
    }

    /// The words of its name and of what the article said it is,
    /// lowercase and without punctuation.
    fn words(&self) -> Vec<String> {
        format!("{} {}", self.display, self.desc)
            .to_lowercase()
            .split_whitespace()
            .map(|w| clean_tok(w).to_string())
            .collect()
    }
}

/// A person's sex as a noun of a description gives it ("the mother of a
/// conscript", "a spokesman"): `Some(true)` for a woman.
fn sex_of_words(words: &[String]) -> Option<bool> {
    words.iter().find_map(|w| match w.as_str() {
        "mother" | "sister" | "woman" | "spokeswoman" | "chairwoman" | "wife" | "daughter"
        | "grandmother" | "girl" | "widow" | "mrs" | "ms" | "businesswoman" | "congresswoman" => {
            Some(true)
        }
        "father" | "brother" | "man" | "spokesman" | "son" | "husband" | "grandfather" | "boy"
        | "widower" | "mr" | "businessman" => Some(false),
        _ => None,
    })
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            cur[j] = (prev[j] + 1)
                .min(cur[j - 1] + 1)
                .min(prev[j - 1] + (a[i - 1] != b[j - 1]) as usize);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Proper name words at the end of a phrase ("... Alexander Pankin").
fn trailing_name(phrase: &str) -> Option<(String, String)> {
    let mut ws: Vec<&str> = phrase.split_whitespace().collect();
    // a party's or body's initials after the name ("MEP Daiva Rimkutė
    // (EPP)") are no part of it
    let initials = |w: &str| {
        let c = clean_tok(w);
        (2..=5).contains(&c.chars().count()) && c.chars().all(|ch| ch.is_uppercase())
    };
    while ws.len() > 2
        && initials(ws[ws.len() - 1])
        && is_cap(ws[ws.len() - 2])
        && !initials(ws[ws.len() - 2])
        && kind_of(&ws[..ws.len() - 1].join(" ")) == SpeakerKind::Person
    {
        ws.pop();
    }
    let mut name = Vec::new();
    for w in ws.iter().rev() {
        let lw = w.to_lowercase();
        // "Ministers", "Secretaries": a role in the plural is no name either
        let single = lw.strip_suffix('s').unwrap_or(&lw);
        if !is_cap(w)
            || matches!(lw.as_str(), "the" | "a" | "an" | "this" | "that" | "its")
            || ROLE_WORDS.contains(&lw.as_str())
            || DOC_HEADS.contains(&lw.as_str())
            || is_role_like(&lw)
            || (single != lw && (ROLE_WORDS.contains(&single) || is_role_like(single)))
        {
            break;
        }
        name.push(*w);
        if name.len() == 3 {
            break;
        }
    }
    name.reverse();
    // a name that opens with its particle is no name ("uulu")
    if name.first().is_some_and(|w| name_particle(w)) {
        return None;
    }
    // ("Nurbek Bakyt uulu": the surname is "Bakyt uulu")
    let surname = match name.as_slice() {
        [.., father, particle] if name_particle(particle) => format!("{father} {particle}"),
        _ => name.last()?.to_string(),
    };
    Some((name.join(" "), surname))
}

/// The surname in a speaker phrase: the last name word, looking before a
/// trailing "of <Country>" ("President Alexander Lukashenko of Belarus").
fn surname_of(phrase: &str) -> Option<String> {
    // ("Minister of Defense of the Republic of Tajikistan", "Russian
    // Federation": a country or a word of a state's name is no surname)
    // ("the Defence Ministry's Telegram": what a body owns is no name)
    let possessive = phrase
        .split_whitespace()
        .rev()
        .nth(1)
        .is_some_and(|w| w.ends_with("’s") || w.ends_with("'s"));
    if possessive {
        return None;
    }
    surname_candidate(phrase).filter(|s| {
        let lw = s.to_lowercase();
        !COUNTRIES.iter().any(|(c, _)| country_word(s) == *c)
            && !matches!(
                lw.as_str(),
                "republic" | "federation" | "kingdom" | "union" | "states" | "emirates"
            )
    })
}

fn surname_candidate(phrase: &str) -> Option<String> {
    // "Yelena Vorontsova of the Moscow-based Centre for ...": a two-word
    // name opens the phrase, its affiliation follows
    let ws: Vec<&str> = phrase.split_whitespace().collect();
    if ws.len() > 3 && ws[2] == "of" {
        let name_word = |w: &str| {
            let lw = clean_tok(w).to_lowercase();
            is_cap(w)
                && !is_role_like(&lw)
                && !is_speaker_head(&lw)
                && !ROLE_WORDS.contains(&lw.as_str())
                && !matches!(lw.as_str(), "the" | "a" | "an" | "this" | "that" | "its")
        };
        if name_word(ws[0])
            && name_word(ws[1])
            && !COUNTRIES.iter().any(|(c, _)| country_word(ws[0]) == *c)
        {
            return Some(clean_tok(ws[1]).to_string());
        }
    }
    if let Some(pos) = phrase.rfind(" of ") {
        let after = &phrase[pos + 4..];
        // "of Belarus" after a name; "of the Agrarian Party" after a full
        // name ("Secretary of the Security Council of the Republic of
        // Kazakhstan X Y" has the name after the last "of")
        let n_after = after.split_whitespace().count();
        if n_after <= 4 {
            if let Some((name, s)) = trailing_name(&phrase[..pos]) {
                if !is_role_like(&s.to_lowercase())
                    && (n_after <= 2 || name.split_whitespace().count() >= 2)
                {
                    return Some(s);
                }
            }
        }
    }
    trailing_name(phrase)
        .map(|x| x.1)
        .filter(|s| !is_role_like(&s.to_lowercase()))
}

/// Capitalised words that are roles or adjectives of origin, not names.
fn is_role_like(lw: &str) -> bool {
    const R: &[&str] = &[
        "mp",
        "mps",
        "russian",
        "belarusian",
        "kazakh",
        "armenian",
        "kyrgyz",
        "tajik",
        "german",
        "american",
        "deputy",
        "foreign",
        "defense",
        "defence",
        "prime",
        "state",
        "secretary",
        "csto",
        "nato",
        "joint",
        "staff",
        "staffs",
        "u.s.",
        "us",
        "eu",
        "acting",
        "former",
        "senior",
        "vice",
        "parliamentary",
        "assembly",
        "strategy",
        "analytical",
        "center",
        "centre",
        "east-west",
        "the",
        "of",
        "and",
        "chairman",
        "speaker",
        "duma",
        "lower",
        "house",
        "council",
        "collective",
        "security",
        "treaty",
        "organization",
        "general",
        "chief",
        "director",
        "president",
        "minister",
        "secretary-general",
        "head",
        "representative",
        "permanent",
        "envoy",
        "spokesperson",
        "spokesman",
        "spokeswoman",
    ];
    R.contains(&lw)
}

/// Classify a speaker phrase.
fn kind_of(phrase: &str) -> SpeakerKind {
    let ws: Vec<String> = phrase
        .split_whitespace()
        .map(|w| clean_tok(w).to_lowercase())
        .collect();
    let head = ws
        .iter()
        .rev()
        .find(|w| !matches!(w.as_str(), "the" | "a" | "an"))
        .cloned()
        .unwrap_or_default();
    let first = ws.first().cloned().unwrap_or_default();
    if PRONOUNS.contains(&first.as_str()) && ws.len() == 1 {
        return SpeakerKind::Person;
    }
    if member_of(phrase) {
        return SpeakerKind::Anonymous;
    }
    // "Officers", "Analysts" opening a sentence: capitalised, but no name
    if ws.len() == 1 && first.ends_with('s') && ANON_HEADS.contains(&first.as_str()) {
        return SpeakerKind::Anonymous;
    }
    // "spokesperson for the Ministry of Foreign Affairs of Kazakhstan
    // Saltanat Beisenova": a body's name, then a person's
    if ends_in_personal_name(phrase) {
        return SpeakerKind::Person;
    }
    // "Lilit Arzumanyan of the Caucasus Policy Institute", "Rafik
    // Grigoryants of the I Have Honor faction": a person's name, then the
    // body they belong to
    if let Some((name, _)) = phrase.split_once(" of ") {
        if !name.contains(',') && names_person(name) {
            return SpeakerKind::Person;
        }
    }
    let has_name = trailing_name(phrase).is_some_and(|(n, _)| {
        let nl = n.to_lowercase();
        // "observers in Almaty": a place after a preposition is no name
        let k = ws.len().saturating_sub(n.split_whitespace().count());
        let after_preposition = k > 0
            && matches!(
                ws[k - 1].as_str(),
                "in" | "at" | "from" | "near" | "across" | "inside" | "within" | "outside"
            );
        !after_preposition
            && !DOC_HEADS
                .iter()
                .any(|d| nl.split_whitespace().any(|w| w == *d))
            && !nl
                .split_whitespace()
                .all(|w| is_role_like(w) || w.chars().all(|c| c.is_uppercase()))
    });
    // "a source in the organization": the head noun is the first noun
    let first_noun = ws
        .iter()
        .find(|w| {
            !matches!(
                w.as_str(),
                "the"
                    | "a"
                    | "an"
                    | "one"
                    | "two"
                    | "three"
                    | "four"
                    | "some"
                    | "several"
                    | "many"
                    | "few"
                    | "csto"
                    | "senior"
            )
        })
        .cloned()
        .unwrap_or_default();
    if ANON_HEADS.contains(&first_noun.as_str()) && !has_name {
        return SpeakerKind::Anonymous;
    }
    // "CSTO press secretary Marina Gavrilenko": a name after a role word is
    // a person, whatever noun the role opens with
    let titled_name = trailing_name(phrase).is_some_and(|(n, _)| {
        let k = ws.len().saturating_sub(n.split_whitespace().count());
        has_name && k > 0 && person_noun(&ws[k - 1])
    });
    if titled_name {
        return SpeakerKind::Person;
    }
    // "the opposition party Erkin Kadam", "the rights group Qalqan": a
    // name after a body noun names the body
    let body_name = trailing_name(phrase).is_some_and(|(n, _)| {
        let k = ws.len().saturating_sub(n.split_whitespace().count());
        has_name
            && k > 0
            && k <= 3
            && BODY_NOUNS.contains(&ws[k - 1].as_str())
            && !ws[..k]
                .iter()
                .any(|w| person_noun(w) || ROLE_WORDS.contains(&w.as_str()))
    });
    if body_name {
        return SpeakerKind::Organization;
    }
    // "the Defence Ministry of Georgia": headed by a body, whatever follows
    let ch = core_head(phrase);
    if ws.len() > 1 && (DOC_HEADS.contains(&ch.as_str()) || BODY_NOUNS.contains(&ch.as_str())) {
        return SpeakerKind::Organization;
    }
    // ("the press secretary", "the ministry spokeswoman": a person of
    // the body, not the body)
    let person_head = person_noun(&head) || ROLE_WORDS.contains(&head.as_str());
    if DOC_HEADS.contains(&head.as_str())
        || (DOC_HEADS.contains(&first_noun.as_str()) && !person_head)
    {
        return SpeakerKind::Organization;
    }
    if has_name {
        // the name of an outlet ("Sputnik Kazakhstan", "Kabar")
        let bare = phrase.trim().trim_start_matches("the ");
        if crate::outlet::register()
            .outlets
            .iter()
            .any(|o| o.names().any(|n| n.eq_ignore_ascii_case(bare)))
        {
            return SpeakerKind::Organization;
        }
        return SpeakerKind::Person;
    }
    if ROLE_WORDS.iter().any(|r| ws.contains(&r.to_string())) {
        return SpeakerKind::Person;
    }
    // "the opposition lawmaker", "the Russian diplomat": a person not named
    if person_noun(&head) || person_noun(&ch) {
        return SpeakerKind::Anonymous;
    }
    SpeakerKind::Organization
}

/// Countries and the adjectives that name them, for matching descriptions
/// across the article ("the Kyrgyz border service" is the "Border Service
/// of Kyrgyzstan").
const COUNTRIES: &[(&str, &[&str])] = &[
    ("russia", &["russian", "russia's", "russia’s"]),
    (
        "belarus",
        &["belarusian", "belarusan", "belarus's", "belarus’s"],
    ),
    (
        "kazakhstan",
        &["kazakh", "kazakhstani", "kazakhstan's", "kazakhstan’s"],
    ),
    (
        "kyrgyzstan",
        &["kyrgyz", "kyrgyzstani", "kyrgyzstan's", "kyrgyzstan’s"],
    ),
    (
        "tajikistan",
        &["tajik", "tajikistani", "tajikistan's", "tajikistan’s"],
    ),
    ("armenia", &["armenian", "armenia's", "armenia’s"]),
    (
        "azerbaijan",
        &["azerbaijani", "azeri", "azerbaijan's", "azerbaijan’s"],
    ),
    ("uzbekistan", &["uzbek", "uzbekistan's", "uzbekistan’s"]),
    (
        "turkmenistan",
        &["turkmen", "turkmenistan's", "turkmenistan’s"],
    ),
    ("georgia", &["georgian", "georgia's", "georgia’s"]),
    ("ukraine", &["ukrainian", "ukraine's", "ukraine’s"]),
    ("afghanistan", &["afghan", "afghanistan's", "afghanistan’s"]),
    ("china", &["chinese", "china's", "china’s"]),
    ("iran", &["iranian", "iran's", "iran’s"]),
    ("turkey", &["turkish", "turkey's", "turkey’s", "türkiye"]),
    ("france", &["french", "france's", "france’s"]),
    ("germany", &["german", "germany's", "germany’s"]),
    ("britain", &["british", "uk", "britain's", "britain’s"]),
    (
        "america",
        &["american", "us", "u.s.", "america's", "america’s"],
    ),
];

/// A word as the country it names, or itself (lowercase).
fn country_word(w: &str) -> String {
    let lw = w.to_lowercase();
    COUNTRIES
        .iter()
        .find(|(c, adj)| *c == lw || adj.contains(&lw.as_str()))
        .map_or(lw, |(c, _)| c.to_string())
}

#[derive(Clone)]
struct Resolver<'m> {
    known: Vec<Known>,
    /// the sentence being read, and the paragraph of each sentence
    now: usize,
    para_of: Vec<usize>,
    /// when each known speaker was met, mentioned and heard (by index)
    stats: Vec<Seen>,
    /// the person this sentence and the one before open with
    cur_subject: Option<usize>,
    prev_subject: Option<usize>,
    /// the learned choice among known speakers for a reference that names
    /// nobody; `None` leaves it to the rules
    ranker: Option<&'m Ranker>,
    /// every such reference, with its candidates' features, when asked
    cases: Option<Vec<Case>>,
    /// whether the phrase being resolved names a sentence's speaker (the
    /// ranker judges only those)
    speaking: bool,
    /// the sentence being read, its quoted words blanked
    cur_text: String,
    /// people the article has named without a speaker role yet ("From
    /// the yard of Anahit Gevorgyan's house ..."): candidates for the
    /// ranker, known once it picks them
    mentioned: Vec<(Known, Seen)>,
    last_person: Option<usize>,
    last_anon: Option<usize>,
    /// the last plural source or body to speak, for "they"
    last_group: Option<usize>,
    /// the speaker of the previous sentence
    last_spoke: Option<usize>,
    /// the named body or document that opened this sentence and the one
    /// before ("The Collective Security Treaty goes further. It says ...")
    subject_org: Option<usize>,
    prev_subject_org: Option<usize>,
    /// the last named body or document met in this sentence and the one
    /// before ("The ministers signed the Yerevan Memorandum. It commits ...")
    named_org: Option<usize>,
    prev_named_org: Option<usize>,
    /// bodies the article has named with what they are ("Tylovoy Vestnik,
    /// a Telegram channel run by ...", "the polling firm X"): the kind
    /// noun and the name, for a later "the channel"
    named_kinds: Vec<(String, String)>,
    /// documents issued by a speaker ("X said in a statement"): the
    /// document noun and who issued it, for a later "the statement"
    issued: Vec<(String, usize)>,
    /// the document whose article spoke last ("Article 4 of the Treaty")
    article_doc: Option<usize>,
    /// the body that spoke last, for "the group noted" after "the Qadir
    /// Human Rights Center said"
    last_body: Option<usize>,
    /// the last medium to speak: a name shown in quotation marks ("“Aravot”
    /// writes ...") or a speaker described as a paper, daily or channel,
    /// for "the paper" or "the daily" of a press review
    last_medium: Option<usize>,
    /// an unnamed person introduced as a sentence's subject ("An elderly
    /// man selling seeds, who would not give his name, was blunter."), for
    /// the "he" of the quote that follows, until someone else speaks
    subject_anon: Option<usize>,
    /// the people noted so far, oldest first, for a pronoun whose last
    /// person does not agree with it
    persons_seen: Vec<usize>,
    /// the sex a pronoun has shown a person to be ("..., she said")
    pronoun_sex: Vec<(usize, bool)>,
    /// whether the last unnamed source was met after the last person
    anon_since_person: bool,
    /// the speaker a transcript's title names ("Briefing by ..."), who
    /// answers its questions where no label says otherwise
    titled: Option<usize>,
    /// the document the article has in hand ("Kommersant has obtained a
    /// draft memorandum on ..."), for a later "the draft", "the memo",
    /// "the document", "its authors"
    obtained: Option<usize>,
}

/// When a known speaker was met, last mentioned and last heard, and how
/// often (sentence indices).
#[derive(Debug, Clone, Default)]
struct Seen {
    first: usize,
    last: usize,
    mentions: usize,
    spoke: Option<usize>,
}

/// One reference that names nobody ("he", "the minister", "the
/// document"), as the ranker saw it: its candidates (the speakers known
/// when it was read, then "someone new") and their [`FEATURES`].
#[derive(Debug, Clone)]
pub struct Case {
    /// the sentence it is in
    pub sentence: usize,
    pub phrase: String,
    /// the candidates' names; the last is the new speaker the rules would
    /// introduce, or "" where they would introduce nobody
    pub candidates: Vec<String>,
    pub features: Vec<Vec<f32>>,
    /// the candidate the rules chose
    pub rule: usize,
}

impl Resolver<'_> {
    fn find_surname(&self, surname: &str) -> Option<usize> {
        let s = surname.to_lowercase();
        self.known.iter().position(|k| {
            k.surname.as_ref().is_some_and(|ks| {
                let ks = ks.to_lowercase();
                ks == s
                    || (ks.len() > 5
                        && s.len() > 5
                        && ks.chars().next() == s.chars().next()
                        && levenshtein(&ks, &s) <= 2)
            })
        })
    }

    /// [`Resolver::find_surname`], or a person the article has only named
    /// so far ("... spoke with Aigerim Nurova ..." before "Nurova: ..."),
    /// who becomes a known speaker.
    fn find_or_meet_surname(&mut self, surname: &str) -> Option<usize> {
        if let Some(i) = self.find_surname(surname) {
            return Some(i);
        }
        let j = self.mentioned.iter().position(|(k, _)| {
            k.kind == SpeakerKind::Person
                && k.surname
                    .as_deref()
                    .is_some_and(|s| s.eq_ignore_ascii_case(surname))
        })?;
        let (k, seen) = self.mentioned.remove(j);
        self.known.push(k);
        self.stats.push(seen);
        Some(self.known.len() - 1)
    }

    /// The one person a first name alone means ("Saule" for Saule
    /// Beketova): a transcript's label, or "Saodat said". A person known,
    /// else only mentioned so far, whose name has it just before the
    /// surname, or whose surname follows it somewhere in `text`; else the
    /// full name `text` gives ("..., I'm Kamila Rustamova"), where every
    /// mention agrees on one. `None` where nobody or more than one person
    /// fits.
    fn find_given(&mut self, given: &str, text: &str) -> Option<usize> {
        let fits = |k: &Known| {
            k.kind == SpeakerKind::Person
                && !k
                    .display
                    .contains(|c: char| c.is_ascii_digit() || "()[]:".contains(c))
                && k.surname.as_deref().is_some_and(|sn| {
                    // the word just before the surname, or the surname
                    // after it somewhere in the text
                    let before = trailing_name(&k.display)
                        .is_some_and(|(n, _)| n.split_whitespace().rev().nth(1) == Some(given));
                    !sn.eq_ignore_ascii_case(given)
                        && (before || find_words(text, &format!("{given} {sn}")))
                })
        };
        let known: Vec<usize> = (0..self.known.len())
            .filter(|&i| fits(&self.known[i]))
            .collect();
        let met: Vec<usize> = (0..self.mentioned.len())
            .filter(|&j| fits(&self.mentioned[j].0))
            .collect();
        match (known.as_slice(), met.as_slice()) {
            ([i], _) => return Some(*i),
            ([], [j]) => {
                let (k, seen) = self.mentioned.remove(*j);
                self.known.push(k);
                self.stats.push(seen);
                return Some(self.known.len() - 1);
            }
            ([], []) => {}
            _ => return None,
        }
        // the full name the page gives: the capitalised word after the
        // first name, the same at every mention
        let mut surnames: Vec<&str> = Vec::new();
        let ws: Vec<&str> = text.split_whitespace().collect();
        for k in 0..ws.len().saturating_sub(1) {
            if clean_tok(ws[k]) != given || ws[k].ends_with([',', ':', '.']) {
                continue;
            }
            let next = clean_tok(ws[k + 1]);
            if is_cap(next)
                && next.len() > 2
                && next.chars().all(|c| c.is_alphabetic() || c == '-')
                && !is_role_like(&next.to_lowercase())
                && !surnames.contains(&next)
            {
                surnames.push(next);
            }
        }
        match surnames.as_slice() {
            [sn] => self
                .resolve(&format!("{given} {sn}"))
                .filter(|&k| self.known[k].kind == SpeakerKind::Person),
            _ => None,
        }
    }

    fn push(&mut self, k: Known) -> usize {
        self.known.push(k);
        self.known.len() - 1
    }

    /// The speaker a definite description without a name refers back to
    /// ("the secretary general", "the Belarusian defence chief", "the
    /// colonel general"): the known speaker of a fitting kind whose own
    /// description shares all of its words, or all but one, with its head
    /// noun (a description of three words or more may differ in the head:
    /// chief for minister); on a tie the last person to speak, then the most
    /// recently named. Works from what the article itself said about its
    /// speakers, so it needs no list of titles; descriptions it cannot
    /// place go on to the older rules below.
    fn antecedent(&self, phrase: &str) -> Option<usize> {
        let lw = phrase.trim().to_lowercase();
        // "the colonel general", or the bare role the extractor kept ("general")
        let rest = lw.strip_prefix("the ").unwrap_or(&lw);
        // an indefinite description introduces someone new ("one analyst",
        // "a diplomat", "some officials")
        let indefinite = [
            "a ", "an ", "one ", "some ", "several ", "many ", "other ", "another ",
        ]
        .iter()
        .any(|d| lw.starts_with(d));
        // (a capitalised body or document is no surname: "The Charter",
        // "The Council of Foreign Ministers")
        // ("The leader of Georgian Path": a role of a named body describes
        // its holder, no surname)
        let role_of_body = phrase
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
            && lw.starts_with("the ")
            && rest.contains(" of ");
        if (surname_of(phrase).is_some() && kind_of(phrase) == SpeakerKind::Person && !role_of_body)
            || indefinite
        {
            return None;
        }
        let content: Vec<String> = rest
            .split_whitespace()
            .map(|w| clean_tok(w).to_string())
            .filter(|w| {
                !w.is_empty()
                    && !matches!(
                        w.as_str(),
                        "of" | "the"
                            | "in"
                            | "at"
                            | "for"
                            | "and"
                            | "on"
                            | "to"
                            | "a"
                            | "an"
                            | "from"
                            | "with"
                    )
            })
            .collect();
        if content.is_empty() || content.len() > 5 {
            return None;
        }
        // a group is another group unless all its words match ("Russian
        // officials" are not "NATO officials")
        let need = if plural_group(phrase) {
            content.len()
        } else {
            content.len().saturating_sub(1).max(1)
        };
        // a person is described as a person or an official, a body as a body
        let want = kind_of(phrase);
        let fits = |k: SpeakerKind| {
            k == want || (want == SpeakerKind::Anonymous && k == SpeakerKind::Person)
        };
        // the head noun comes before any "of" ("the head of state")
        let head_phrase = rest.split(" of ").next().unwrap_or(rest);
        let head = head_phrase
            .split_whitespace()
            .map(clean_tok)
            .next_back()
            .unwrap_or("");
        // "Kyrgyz" and "Kyrgyzstan" name one country; "the Russian
        // officials" are not "the Tajik officials"
        // "according to the group" for the Horizon Research Group: the head
        // noun is a word of the body's name
        let named_body = |k: &Known| {
            want == SpeakerKind::Anonymous
                && content.len() <= 2
                && k.kind == SpeakerKind::Organization
                && k.display
                    .split_whitespace()
                    .any(|w| is_cap(w) && clean_tok(w).eq_ignore_ascii_case(head))
        };
        let content: Vec<String> = content.iter().map(|w| country_word(w)).collect();
        let countries = |ws: &[String]| -> Vec<String> {
            ws.iter()
                .filter(|w| COUNTRIES.iter().any(|(c, _)| c == w))
                .cloned()
                .collect()
        };
        let ours = countries(&content);
        let own_sex = sex_of_words(&content);
        let singular = !plural_group(phrase);
        let tied = tied_names(phrase);
        let overlap = |k: &Known| -> usize {
            // "Denmark's delegate" is not "China's delegate": the names a
            // description is tied to are the candidate's too
            if !tied.is_empty() {
                let theirs: Vec<String> = k.words().iter().map(|w| country_word(w)).collect();
                if !tied.iter().all(|t| theirs.contains(t)) {
                    return 0;
                }
            }
            // "the expert" is not "Experts interviewed by Kommersant"
            if singular && k.kind != SpeakerKind::Organization && plural_group(&k.display) {
                return 0;
            }
            // "the sister of another conscript" is not "the mother of a
            // conscript"
            if own_sex.is_some_and(|f| k.female().is_some_and(|g| g != f)) {
                return 0;
            }
            let mut words: Vec<String> = k.words().iter().map(|w| country_word(w)).collect();
            let theirs = countries(&words);
            if !ours.is_empty() && !theirs.is_empty() && !ours.iter().any(|c| theirs.contains(c)) {
                return 0;
            }
            add_classes(&mut words);
            // the head noun must be there, unless the description is long
            // enough that all its other words identify the speaker
            // "the CSTO chief" for its secretary general: the head noun
            // or its class ("chief" is a "head", as a secretary general is)
            let has_head = words.iter().any(|w| w == head)
                || CLASSES
                    .iter()
                    .filter(|(_, members)| members.contains(&head))
                    .any(|(class, _)| words.iter().any(|w| w == class));
            if !has_head && content.len() < 3 {
                return 0;
            }
            content.iter().filter(|c| words.contains(c)).count()
        };
        let best = self
            .known
            .iter()
            .filter(|k| fits(k.kind) || named_body(k))
            .map(overlap)
            .max()
            .filter(|&o| o >= need)?;
        // the last person to speak first, then the most recently named
        if let Some(i) = self
            .last_person
            .filter(|&i| fits(self.known[i].kind) && overlap(&self.known[i]) == best)
        {
            return Some(i);
        }
        self.known
            .iter()
            .rposition(|k| (fits(k.kind) || named_body(k)) && overlap(k) == best)
    }

    /// A definite description of two words or more ("the deputy
    /// minister") that every word of fits the person `rule` chose, and no
    /// other known speaker of that kind: the rules' choice stands over the ranker's
    /// (which may prefer whoever spoke last, "Deputy X" of parliament).
    fn described_exactly(&self, phrase: &str, rule: Option<usize>) -> bool {
        let Some(i) = rule else {
            return false;
        };
        let lw = phrase.trim().to_lowercase();
        let Some(rest) = lw.strip_prefix("the ") else {
            return false;
        };
        let content: Vec<&str> = rest
            .split_whitespace()
            .map(clean_tok)
            .filter(|w| !matches!(*w, "of" | "the" | "and" | "for" | "in" | "on" | ""))
            .collect();
        if content.len() < 2 || plural_group(phrase) {
            return false;
        }
        let fits = |k: &Known| {
            let words = k.words();
            content.iter().all(|c| words.iter().any(|w| w == c))
        };
        self.known[i].kind == SpeakerKind::Person
            && fits(&self.known[i])
            && !self
                .known
                .iter()
                .enumerate()
                .any(|(j, k)| j != i && k.kind == self.known[i].kind && fits(k))
    }

    /// A reporting verb after a definite description that names a body by
    /// what the article said it is ("..., the think tank wrote, ..." after
    /// "X, an independent think tank, said"): the description, when its
    /// head noun is in a known body's name or description.
    fn described_body(&self, s: &str) -> Option<Found> {
        let toks = tokens(s);
        let words: Vec<String> = toks.iter().map(|t| clean_tok(t.1).to_lowercase()).collect();
        for v in 2..words.len() {
            if !SPEECH_VERBS.contains(&words[v].as_str()) {
                continue;
            }
            let head = &words[v - 1];
            for len in 2..=3.min(v) {
                // the description opens the clause ("..., the think tank
                // wrote"), not a prepositional phrase ("on the staff told")
                let opens = v == len || toks[v - len - 1].1.ends_with([',', ';', ':', '”', '"']);
                if words[v - len] != "the" || !opens {
                    continue;
                }
                let known = self.known.iter().any(|k| {
                    k.kind == SpeakerKind::Organization && k.words().iter().any(|w| w == head)
                }) || self.issued.iter().any(|(d, _)| d == head);
                if known && head.len() > 3 {
                    let phrase: Vec<&str> =
                        toks[v - len..v].iter().map(|t| clean_tok(t.1)).collect();
                    return Some(Found {
                        phrase: phrase.join(" "),
                    });
                }
            }
        }
        None
    }

    /// Resolve a speaker phrase to a known (or new) speaker. A reference
    /// that names nobody ([`reference_type`]) goes to the ranker, with the
    /// rules' choice as one of its features; names go to the rules.
    fn resolve(&mut self, phrase: &str) -> Option<usize> {
        // "And I'm Kamila Rustamova": one introducing herself is named by
        // the name alone
        let phrase = self_introduced(phrase).unwrap_or(phrase);
        // "As Serik Omarov ... put it": the clause's opening word is no part
        // of the name
        let phrase = match phrase.split_once(' ') {
            Some((w, rest))
                if CLAUSE_OPENERS.contains(&w.to_lowercase().as_str())
                    && rest.starts_with(char::is_uppercase) =>
            {
                rest
            }
            _ => phrase,
        };
        // "Nurlan X, Deputy Secretary-General of the CSTO, said": a title
        // in apposition speaks as the person it follows
        let before_title = (kind_of(phrase) == SpeakerKind::Person && surname_of(phrase).is_none())
            .then(|| {
                let at = self.cur_text.find(&format!(", {phrase},"))?;
                let name = last_name_before(&self.cur_text[..at])?;
                self.cur_text[..at].ends_with(&name).then_some(name)
            })
            .flatten();
        if let Some(name) = before_title {
            let i = self.resolve(&name)?;
            let k = &mut self.known[i];
            if !k.desc.contains(phrase) {
                k.desc = format!("{} {phrase}", k.desc).trim().to_string();
            }
            return Some(i);
        }
        // the writer's own "I" and "we", and "None of this", name no one
        // else; "Our Ministry of Foreign Affairs" is the ministry
        if matches!(phrase.trim(), "I" | "We" | "we" | "None" | "none") {
            return None;
        }
        let phrase = phrase
            .strip_prefix("Our ")
            .or_else(|| phrase.strip_prefix("My "))
            .filter(|rest| rest.starts_with(char::is_uppercase))
            .unwrap_or(phrase);
        // "the ministry's Telegram channel": a body speaks through its
        // channels
        let owner = medium_owner(phrase);
        let phrase = owner.as_deref().unwrap_or(phrase);
        // "the draft", "the memo", "the document", "its authors": the
        // document the article has in hand
        if let Some(d) = self
            .obtained
            .filter(|&d| refers_to_document(phrase, &self.known[d].display))
        {
            return Some(d);
        }
        let Some(t) = reference_type(phrase) else {
            return self.resolve_rule(phrase);
        };
        // "the sister of another conscript" introduces someone: no one
        // known can be meant; "the channel" is the channel the article
        // named so
        // ("the representative of France" is France's, whoever spoke last)
        if introduces_someone(&phrase.trim().to_lowercase())
            || self.named_kind(phrase).is_some()
            || !tied_names(phrase).is_empty()
        {
            return self.resolve_rule(phrase);
        }
        if !self.speaking || (self.ranker.is_none() && self.cases.is_none()) {
            return self.resolve_rule(phrase);
        }
        let n = self.known.len();
        // known speakers, then people only named so far, then someone new
        let m = n + self.mentioned.len();
        let cases = self.cases.take();
        // the rules' choice, on a copy (they may introduce someone)
        let mut ruled = self.clone();
        let rule = ruled.resolve_rule(phrase);
        let rule_pick = rule.filter(|&i| i < n).unwrap_or(m);
        self.sync_stats();
        let mut order: Vec<usize> = (0..m).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(self.seen(i).last));
        let mut rank = vec![0; m];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r;
        }
        let mut features: Vec<Vec<f32>> = (0..m)
            .map(|c| self.features(t, phrase, Some(c), c == rule_pick, rank[c]))
            .collect();
        let mut last = self.features(t, phrase, None, rule_pick == m, 0);
        // the rules found nobody ("she" with no woman met): "someone new"
        // is then no one
        last[crate::anaphora::feature("rule_none")] = rule.is_none() as u8 as f32;
        features.push(last);
        let allowed = crate::anaphora::allowed(&features);
        // ("“...,” she said." after "A woman whose son serves there
        // described ...": the unnamed person just brought in)
        // (or the person just brought in as a sentence's subject, by a
        // first name alone or unnamed: "The soldier's sister, who gave only
        // her first name, Aigul, stood by the gate. “...,” she said.", "A
        // major of the border troops agreed to talk. ..., according to
        // him, ...")
        let binding = t < 2
            && (self.anon_since_person
                || self.subject_anon.is_some_and(|s| {
                    Some(s) == rule
                        && (self.known[s].kind == SpeakerKind::Person
                            || !self.known[s + 1..]
                                .iter()
                                .chain(self.mentioned.iter().map(|(k, _)| k))
                                .any(|k| k.kind == SpeakerKind::Person))
                }))
            && rule.is_some()
            && self.unnamed_referent(t == 1) == rule;
        let pick = if binding || self.described_exactly(phrase, rule.filter(|&i| i < n)) {
            None
        } else {
            self.ranker.and_then(|m| m.pick(&features, &allowed))
        };
        let mut cases = cases;
        if let Some(cs) = cases.as_mut() {
            let mut candidates: Vec<String> =
                (0..m).map(|c| self.candidate(c).display.clone()).collect();
            candidates.push(
                rule.filter(|&i| i >= n)
                    .map(|i| ruled.known[i].display.clone())
                    .unwrap_or_default(),
            );
            cs.push(Case {
                sentence: self.now,
                phrase: phrase.to_string(),
                candidates,
                features,
                rule: rule_pick,
            });
        }
        match pick {
            // another speaker already known: the rules' side effects for it
            Some(c) if c < m && c != rule_pick => {
                // a person only named so far becomes a known speaker
                let c = self.promote(c);
                if self.known[c].kind == SpeakerKind::Person {
                    self.note_person(c);
                }
                if t < 2 {
                    self.pronoun_sex.push((c, t == 1));
                }
                self.cases = cases;
                Some(c)
            }
            _ => {
                *self = ruled;
                self.cases = cases;
                rule
            }
        }
    }

    /// Candidate `c` made a known speaker: a person only named so far
    /// moves from `mentioned` to `known` (with what was seen of them).
    fn promote(&mut self, c: usize) -> usize {
        let n = self.known.len();
        if c < n {
            return c;
        }
        let (k, seen) = self.mentioned.remove(c - n);
        self.known.push(k);
        self.stats.push(seen);
        self.known.len() - 1
    }

    /// Candidate `c` of the ranker: a known speaker, or past them a person
    /// only named so far.
    fn candidate(&self, c: usize) -> &Known {
        match c.checked_sub(self.known.len()) {
            None => &self.known[c],
            Some(j) => &self.mentioned[j].0,
        }
    }

    /// When candidate `c` was met and mentioned ([`Resolver::candidate`]).
    fn seen(&self, c: usize) -> &Seen {
        match c.checked_sub(self.known.len()) {
            None => &self.stats[c],
            Some(j) => &self.mentioned[j].1,
        }
    }

    /// Note the people a sentence names by a full name ("Anahit
    /// Gevorgyan's house") who are not known speakers yet.
    fn note_mentions(&mut self, text: &str) {
        self.named_kinds.extend(bodies_by_kind(text));
        let toks: Vec<&str> = text.split_whitespace().collect();
        let mut k = 0;
        while k < toks.len() {
            let cap = |w: &str| {
                let c = clean_tok(w)
                    .trim_end_matches("’s")
                    .trim_end_matches("'s")
                    .to_string();
                let lw = c.to_lowercase();
                (c.len() > 1
                    && is_cap(&c)
                    && c.chars().all(|ch| ch.is_alphabetic() || ch == '-')
                    && !c.chars().skip(1).all(|ch| ch.is_uppercase())
                    && !COUNTRIES.iter().any(|(n, _)| country_word(&lw) == *n)
                    && !is_role_like(&lw)
                    && !is_speaker_head(&lw)
                    && !ROLE_WORDS.contains(&lw.as_str())
                    && !OPENERS.contains(&lw.as_str())
                    && !matches!(lw.as_str(), "the" | "a" | "an" | "this" | "that" | "its"))
                .then_some(c)
            };
            let mut run = Vec::new();
            while k < toks.len() && run.len() < 3 {
                match cap(toks[k]) {
                    Some(c) => {
                        let ends = toks[k].ends_with([',', '.', ';', ':', ')', '”', '"'])
                            || toks[k].ends_with("’s")
                            || toks[k].ends_with("'s");
                        run.push(c);
                        k += 1;
                        if ends {
                            break;
                        }
                    }
                    None => break,
                }
            }
            if run.is_empty() {
                k += 1;
                continue;
            }
            if run.len() < 2 {
                continue;
            }
            // (a place: "in Dashti Sang", "near Kara Suu")
            let start = k - run.len();
            let place = start > 0
                && matches!(
                    clean_tok(toks[start - 1]).to_lowercase().as_str(),
                    "in" | "near" | "outside"
                );
            if place {
                continue;
            }
            let name = run.join(" ");
            let Some(surname) = surname_of(&name) else {
                continue;
            };
            let same_person = self.known_by_name(&name, &surname);
            if kind_of(&name) != SpeakerKind::Person || same_person {
                continue;
            }
            let now = self.now;
            match self
                .mentioned
                .iter_mut()
                .find(|(m, _)| m.surname.as_deref() == Some(surname.as_str()))
            {
                Some((_, seen)) => {
                    seen.last = now;
                    seen.mentions += 1;
                }
                None => self.mentioned.push((
                    Known {
                        display: name,
                        desc: String::new(),
                        key: format!("person:{}", surname.to_lowercase()),
                        kind: SpeakerKind::Person,
                        surname: Some(surname),
                    },
                    Seen {
                        first: now,
                        last: now,
                        mentions: 1,
                        spoke: None,
                    },
                )),
            }
        }
        // a person the rules have since met is no longer only named
        let known = std::mem::take(&mut self.mentioned);
        self.mentioned = known
            .into_iter()
            .filter(|(m, _)| {
                m.surname
                    .as_deref()
                    .is_none_or(|s| !self.known_by_name(&m.display, s))
            })
            .collect();
    }

    /// A known speaker is the person named `name` (with `surname`): the
    /// surname matches ([`Resolver::find_surname`]) and no other given
    /// name stands before it ("Yulia Kovrigina" is not "Denis Kovrigin").
    fn known_by_name(&self, name: &str, surname: &str) -> bool {
        // the word just before the surname, in a name of two words or more
        let given = |d: &str| {
            trailing_name(d).and_then(|(n, _)| {
                let ws: Vec<&str> = n.split_whitespace().collect();
                (ws.len() >= 2).then(|| ws[ws.len() - 2].to_string())
            })
        };
        self.find_surname(surname).is_some_and(|i| {
            !matches!((given(&self.known[i].display), given(name)), (Some(a), Some(b)) if a != b)
        })
    }

    /// Register every speaker met so far in [`Resolver::stats`].
    fn sync_stats(&mut self) {
        while self.stats.len() < self.known.len() {
            self.stats.push(Seen {
                first: self.now,
                last: self.now,
                mentions: 0,
                spoke: None,
            });
        }
    }

    /// Note that speaker `k` was mentioned (and heard) in this sentence.
    fn touch(&mut self, k: usize, spoke: bool) {
        self.sync_stats();
        let s = &mut self.stats[k];
        s.last = self.now;
        s.mentions += 1;
        if spoke {
            s.spoke = Some(self.now);
        }
    }

    /// The [`FEATURES`] of candidate `c` (`None`: someone new) for a
    /// reference of type `t` ([`reference_type`]).
    fn features(
        &self,
        t: usize,
        phrase: &str,
        c: Option<usize>,
        rule_pick: bool,
        rank: usize,
    ) -> Vec<f32> {
        let mut f = vec![0f32; FEATURES.len()];
        let mut set = |name: &str, v: f32| f[crate::anaphora::feature(name)] = v;
        let types = ["pm", "pf", "role", "anon", "org"];
        set("rule_pick", rule_pick as u8 as f32);
        let lw = phrase.trim().to_lowercase();
        let Some(c) = c else {
            set("new", 1.0);
            set(&format!("new*{}", types[t]), 1.0);
            return f;
        };
        let k = self.candidate(c);
        if c >= self.known.len() {
            set("mention_only", 1.0);
        }
        let kind = match k.kind {
            SpeakerKind::Person => "person",
            SpeakerKind::Anonymous => "anon",
            _ => "org",
        };
        set(&format!("{}*{kind}", types[t]), 1.0);
        let st = self.seen(c);
        set("last_spoke", (self.last_spoke == Some(c)) as u8 as f32);
        set("last_person", (self.last_person == Some(c)) as u8 as f32);
        set("subject_anon", (self.subject_anon == Some(c)) as u8 as f32);
        set(
            "subject_prev_sentence",
            (self.prev_subject == Some(c)) as u8 as f32,
        );
        set(
            "subject_this_sentence",
            (self.cur_subject == Some(c)) as u8 as f32,
        );
        set(
            "log_since_mentioned",
            ((self.now.saturating_sub(st.last)) as f32).ln_1p(),
        );
        match st.spoke {
            Some(at) => set(
                "log_since_spoke",
                ((self.now.saturating_sub(at)) as f32).ln_1p(),
            ),
            None => set("never_spoke", 1.0),
        }
        set("log_mentions", (st.mentions as f32).ln_1p());
        let para = |i: usize| self.para_of.get(i).copied();
        set(
            "same_paragraph",
            (para(st.last).is_some() && para(st.last) == para(self.now)) as u8 as f32,
        );
        set("introduced_here", (st.first == self.now) as u8 as f32);
        // sex: what the pronoun or the description says, against what the
        // text has said of the candidate
        let own: Vec<String> = lw
            .split_whitespace()
            .map(|w| clean_tok(w).to_string())
            .collect();
        let sex = match t {
            0 => Some(false),
            1 => Some(true),
            _ => sex_of_words(&own),
        };
        if let Some(female) = sex {
            let theirs = self
                .pronoun_sex
                .iter()
                .rev()
                .find(|(i, _)| *i == c)
                .map(|(_, f)| *f)
                .or_else(|| k.female());
            if let Some(g) = theirs {
                set(
                    if g == female {
                        "sex_agrees"
                    } else {
                        "sex_disagrees"
                    },
                    1.0,
                );
            }
        }
        // "The deputy speaker, for her part, ...": a possessive near the
        // start of the sentence says the speaker's sex
        let opening: Vec<String> = self
            .cur_text
            .split_whitespace()
            .take(8)
            .map(|w| clean_tok(w).to_lowercase())
            .collect();
        let possessive = opening.iter().find_map(|w| match w.as_str() {
            "his" => Some(false),
            "her" => Some(true),
            _ => None,
        });
        if let (Some(p), Some(g)) = (possessive, k.female()) {
            set("possessive_sex_disagrees", (p != g) as u8 as f32);
        }
        if t >= 2 {
            let content: Vec<String> = own
                .iter()
                .filter(|w| {
                    !w.is_empty()
                        && !matches!(
                            w.as_str(),
                            "of" | "the" | "in" | "at" | "for" | "and" | "on" | "to" | "a" | "an"
                        )
                })
                .map(|w| country_word(w))
                .collect();
            let mut words: Vec<String> = k.words().iter().map(|w| country_word(w)).collect();
            let countries = |ws: &[String]| -> Vec<String> {
                ws.iter()
                    .filter(|w| COUNTRIES.iter().any(|(c, _)| c == *w))
                    .cloned()
                    .collect()
            };
            let (ours, theirs) = (countries(&content), countries(&words));
            if !ours.is_empty() && !theirs.is_empty() && !ours.iter().any(|c| theirs.contains(c)) {
                set("country_conflict", 1.0);
            }
            let rest = lw.strip_prefix("the ").unwrap_or(&lw);
            let head = rest
                .split(" of ")
                .next()
                .unwrap_or(rest)
                .split_whitespace()
                .map(clean_tok)
                .next_back()
                .unwrap_or("")
                .to_string();
            // the share of the reference's words in the candidate's own
            // words, and then with their classes ("official" for a spokesman)
            let share = |words: &[String]| {
                content.iter().filter(|w| words.contains(w)).count() as f32
                    / content.len().max(1) as f32
            };
            set("literal_overlap", share(&words));
            add_classes(&mut words);
            set("word_overlap", share(&words));
            let has_head = words.contains(&head)
                || CLASSES
                    .iter()
                    .filter(|(_, members)| members.contains(&head.as_str()))
                    .any(|(class, _)| words.iter().any(|w| w == class));
            set("head_matches", has_head as u8 as f32);
            // a description that shares no word with the candidate
            let overlap = content.iter().any(|w| words.contains(w));
            set(
                "description_unmatched",
                (!has_head && !overlap) as u8 as f32,
            );
            // "the deputy speaker" for a military historian: each is
            // described by a person noun, and the nouns differ
            let theirs_role = k.kind == SpeakerKind::Person
                && k.words().iter().any(|w| person_noun(w) && *w != head);
            set(
                "role_conflict",
                (person_noun(&head) && theirs_role && !has_head && !overlap) as u8 as f32,
            );
            if t != 4
                && k.kind != SpeakerKind::Person
                && plural_group(&k.display)
                && !plural_group(phrase)
            {
                set("group_for_one", 1.0);
            }
            let doc_phrase = TEXT_DOCUMENTS.contains(&head.as_str());
            if doc_phrase && k.kind == SpeakerKind::Organization {
                if TEXT_DOCUMENTS.contains(&core_head(&k.display).as_str()) {
                    set("document_for_document", 1.0);
                } else {
                    set("body_for_document", 1.0);
                }
            }
            if self.issued.iter().any(|(d, i)| *d == head && *i == c) {
                set("issued_it", 1.0);
            }
        }
        let named = [
            self.subject_org,
            self.prev_subject_org,
            self.named_org,
            self.prev_named_org,
        ];
        set(
            "subject_or_named_body",
            named.contains(&Some(c)) as u8 as f32,
        );
        set("last_body", (self.last_body == Some(c)) as u8 as f32);
        set("log_recency_rank", (rank as f32).ln_1p());
        f
    }

    /// The rules' resolution of a speaker phrase to a known (or new) speaker.
    fn resolve_rule(&mut self, phrase: &str) -> Option<usize> {
        // "the Almaty-based Qadir Human Rights Center": the place is no part
        // of the name
        // (an unnamed source keeps it: "a Yerevan-based analyst")
        let trimmed: String;
        let named = phrase
            .split_whitespace()
            .skip_while(|w| !place_adjective(w))
            .nth(1)
            .is_some_and(|w| is_cap(clean_tok(w)));
        let phrase = if phrase.contains("-based ") && named {
            trimmed = phrase
                .split_whitespace()
                .filter(|w| !place_adjective(w))
                .collect::<Vec<_>>()
                .join(" ");
            trimmed.as_str()
        } else {
            phrase
        };
        // "Its authors recommend ...": the document or body that spoke last
        // (else the body that made the report, survey or study mentioned
        // last: "... a report published in March by X. Its authors counted
        // ...")
        if its_authors(phrase) {
            return self.resolve_rule("it").or_else(|| {
                self.issued
                    .last()
                    .filter(|(d, _)| FINDINGS.contains(&d.as_str()))
                    .map(|(_, sp)| *sp)
            });
        }
        // "Two of the sources", "one of them": some of a group met before
        // speak for it
        if let Some(i) = self.part_of_group(phrase) {
            return Some(i);
        }
        // "Article 4 of the Treaty" speaks as the Treaty; "Article 5" alone
        // as the document whose article was cited last
        if let Some((article, doc)) = article_of(phrase) {
            return match doc {
                Some(d) => {
                    let i = self.resolve(&d)?;
                    self.article_doc = Some(i);
                    Some(i)
                }
                // ("Its Article 3 lists ...": the document met last)
                None if article => self.article_doc.or_else(|| self.last_document()),
                None => None,
            };
        }
        // "A survey ... by the Sauran Research Centre found": the body
        // that made it, which a later "the survey" also names
        if let Some((noun, body)) = made_by(phrase) {
            let i = self.resolve(&body)?;
            self.issued.push((noun, i));
            return Some(i);
        }
        let lw = phrase.trim().to_lowercase();
        // "Erkin Kadam" after "the opposition party Erkin Kadam": the body
        // the article introduced under that name
        if is_cap(phrase.trim()) {
            let tail = format!(" {lw}");
            if let Some(i) = self.known.iter().rposition(|k| {
                k.kind == SpeakerKind::Organization && {
                    let d = k.display.to_lowercase();
                    d.ends_with(&tail) || (d == lw && !k.desc.is_empty())
                }
            }) {
                return Some(i);
            }
        }
        // "It notes that ...": the body or document that spoke last
        // (or that opened the sentence before); "its authors" likewise
        if let Some(rest) = lw.strip_prefix("the authors of ") {
            return self.resolve(rest);
        }
        // "A separate chapter on joint operations says ...", "reads one of
        // its chapters": a part of the document met last speaks as it
        let part = lw
            .strip_prefix("one of its ")
            .map_or_else(|| core_head(phrase), core_head);
        let determined = ["a ", "an ", "the ", "another ", "its ", "one of its "]
            .iter()
            .any(|d| lw.starts_with(d));
        if determined && DOCUMENT_PARTS.contains(&part.as_str()) {
            if let Some(i) = self.last_document() {
                return Some(i);
            }
        }
        let part_of_it = lw.strip_prefix("its ").is_some_and(|r| {
            matches!(
                r,
                "preamble"
                    | "text"
                    | "annex"
                    | "introduction"
                    | "conclusion"
                    | "conclusions"
                    | "summary"
                    | "final section"
                    | "last section"
            )
        });
        if part_of_it || matches!(lw.as_str(), "it" | "its authors" | "the authors") {
            // (else a body named in the last three sentences: "The
            // ministry published a video ... Soldiers were shown ...
            // “...,” it said.")
            let recent = || {
                (0..self.known.len().min(self.stats.len()))
                    .filter(|&i| {
                        let k = &self.known[i];
                        k.kind == SpeakerKind::Organization
                            && k.display.split_whitespace().any(|w| {
                                w.len() > 1 && is_cap(w) && w.chars().all(char::is_alphabetic)
                            })
                            && self.stats[i].last + 3 >= self.now
                            && self.stats[i].last < self.now
                    })
                    .max_by_key(|&i| self.stats[i].last)
            };
            return self
                .last_spoke
                .filter(|&i| self.known[i].kind == SpeakerKind::Organization)
                .or(self.prev_subject_org)
                .or(self.prev_named_org)
                .or_else(recent);
        }
        // "the statement" after "X said in a statement": X; "the
        // document" or "the text" after any document X issued
        // ("the same poll" is the poll; a poll is a survey; "the
        // pollsters" or "the researchers" made the survey or the study)
        if let Some(rest) = lw.strip_prefix("the ") {
            let rest = rest.strip_prefix("same ").unwrap_or(rest);
            let ws: Vec<&str> = rest.split_whitespace().collect();
            if ws.len() <= 2 {
                let head = clean_tok(ws.last().copied().unwrap_or(""));
                let any = matches!(head, "document" | "text");
                let survey = |d: &str| matches!(d, "survey" | "poll");
                let made = |d: &str| match head {
                    "pollsters" => survey(d),
                    "researchers" => matches!(d, "study" | "survey" | "report" | "poll"),
                    _ => survey(head) && survey(d),
                };
                if let Some(&(_, sp)) = self.issued.iter().rev().find(|(d, _)| {
                    d == head || (any && TEXT_DOCUMENTS.contains(&d.as_str())) || made(d)
                }) {
                    return Some(sp);
                }
            }
        }
        // "The first source said": the first (second, third) unnamed
        // source of that noun the article brought in
        let nth = [("the first ", 0), ("the second ", 1), ("the third ", 2)]
            .iter()
            .find_map(|(d, n)| lw.strip_prefix(d).map(|r| (r, *n)));
        if let Some((noun, n)) = nth.filter(|(r, _)| !r.contains(' ')) {
            let noun = clean_tok(noun);
            let plural = format!("{noun}s");
            let hits: Vec<usize> = (0..self.known.len())
                .filter(|&i| {
                    let k = &self.known[i];
                    // ("One of the sources, a retired major, ..." is a source)
                    k.kind == SpeakerKind::Anonymous
                        && !plural_group(&k.display)
                        && k.words().iter().any(|w| *w == noun || *w == plural)
                })
                .collect();
            if let Some(&i) = hits.get(n) {
                return Some(i);
            }
        }
        // "the channel" after "X, a Telegram channel run by ...": the body
        // named last with that kind
        if let Some((kind, name)) = self.named_kind(phrase) {
            return Some(self.know(Known {
                key: format!("organization:{}", name.to_lowercase()),
                desc: format!("the {kind}"),
                display: name,
                kind: SpeakerKind::Organization,
                surname: None,
            }));
        }
        if let Some(i) = self.antecedent(phrase) {
            if self.known[i].kind == SpeakerKind::Person {
                self.note_person(i);
            }
            return Some(i);
        }
        // "The group noted ...", "the association added": a body named
        // by its kind alone is the body that spoke last
        let generic = lw.strip_prefix("the ").is_some_and(|r| {
            matches!(
                r,
                "group"
                    | "association"
                    | "centre"
                    | "center"
                    | "institute"
                    | "party"
                    | "movement"
                    | "foundation"
                    | "watchdog"
                    | "ngo"
                    | "organisation"
                    | "faction"
                    | "think tank"
                    | "coalition"
            ) || MEDIA.contains(&r)
        });
        // ("the paper", "the editorial": the medium that spoke last)
        // ("the agency", "the site" after a news agency or site spoke)
        let medium = lw.strip_prefix("the ").is_some_and(|r| {
            MEDIA.contains(&r)
                || r == "editorial"
                || (self.last_medium.is_some()
                    && matches!(r, "agency" | "site" | "portal" | "website" | "publication"))
        });
        if medium {
            if let Some(i) = self.last_medium {
                return Some(i);
            }
            // (none has spoken as a medium yet: the medium the article
            // named last with what it is, "the daily Zhamanak")
            if let Some((_, name)) = self
                .named_kinds
                .iter()
                .rev()
                .find(|(k, _)| MEDIA.contains(&k.as_str()))
                .cloned()
            {
                let i = self.know(Known {
                    key: format!("organization:{}", name.to_lowercase()),
                    desc: String::new(),
                    display: name,
                    kind: SpeakerKind::Organization,
                    surname: None,
                });
                self.last_medium = Some(i);
                return Some(i);
            }
        }
        if generic {
            if let Some(i) = self.last_body {
                return Some(i);
            }
        }
        // "the pro-war Telegram channel Zapiski Shtabista": a body known by
        // its name, what it is kept as its description
        if let Some((name, what)) = named_after_kind(phrase) {
            return Some(self.know(Known {
                key: format!("organization:{}", name.to_lowercase()),
                display: name,
                desc: what,
                kind: SpeakerKind::Organization,
                surname: None,
            }));
        }
        let kind = kind_of(phrase);
        let lw = phrase.to_lowercase();
        let words: Vec<&str> = lw.split_whitespace().collect();
        match kind {
            SpeakerKind::Person => {
                if words.len() == 1 && matches!(words[0], "they" | "them") {
                    // the group that spoke or was the subject last
                    // ("Officials in Yerevan argue ... In their reading,
                    // ..."); never one person
                    return self.last_group;
                }
                if words.len() == 1 && PRONOUNS.contains(&words[0]) {
                    // "..., the border guard said. He said ...": see
                    // [`Resolver::pronoun_referent`]
                    let female = matches!(words[0], "she" | "her");
                    let hit = self.pronoun_referent(female);
                    if let Some(i) = hit {
                        if self.known[i].kind == SpeakerKind::Person {
                            self.note_person(i);
                        }
                        self.pronoun_sex.push((i, female));
                    }
                    return hit;
                }
                if let Some(surname) = surname_of(phrase) {
                    // a first name alone ("Saodat said") for the one person
                    // named in full with it, known or only named so far
                    // ("His wife, Yulia Kovrigina, 27, ..." before "Yulia
                    // says")
                    let found = self.find_surname(&surname).or_else(|| {
                        (phrase.split_whitespace().count() == 1)
                            .then(|| self.find_given(phrase.trim(), ""))
                            .flatten()
                    });
                    if let Some(i) = found {
                        // a fuller description replaces a bare surname
                        if self.known[i].display.split_whitespace().count()
                            < phrase.split_whitespace().count()
                            && self.known[i].display.split_whitespace().count() == 1
                        {
                            self.known[i].display = phrase.to_string();
                        }
                        // a title given with the name ("Foreign Ministry
                        // spokeswoman Yelena Kovrigina") describes the person
                        // for a later "the spokeswoman"
                        let title = phrase.to_lowercase();
                        let k = &mut self.known[i];
                        if title.split_whitespace().count() > k.display.split_whitespace().count()
                            && !k.desc.contains(&title)
                        {
                            k.desc = format!("{} {title}", k.desc).trim().to_string();
                        }
                        self.note_person(i);
                        return Some(i);
                    }
                    let i = self.push(Known {
                        display: phrase.trim_start_matches("the ").to_string(),
                        desc: String::new(),
                        key: format!("person:{}", surname.to_lowercase()),
                        kind,
                        surname: Some(surname),
                    });
                    self.note_person(i);
                    return Some(i);
                }
                // a role alone ("the president", "the expert", "the CSTO head")
                let role = words
                    .iter()
                    .rev()
                    .find(|w| ROLE_WORDS.contains(w))
                    .copied()
                    .unwrap_or("");
                let syn: &[&str] = match role {
                    // ("the head of the Tajik military department" is its
                    // minister)
                    "head" | "chief" | "leader" => &[
                        "head",
                        "chief",
                        "secretary-general",
                        "chairman",
                        "leader",
                        "minister",
                    ],
                    "expert" => &["expert", "researcher", "analyst", "director", "scholar"],
                    r => std::slice::from_ref(match r {
                        "president" => &"president",
                        "minister" => &"minister",
                        _ => &"",
                    }),
                };
                // the countries the description names ("the Tajik
                // minister"): a person tied to another country only is
                // someone else
                let countries_of = |t: &str| -> Vec<String> {
                    t.split_whitespace()
                        .map(|w| country_word(clean_tok(w)))
                        .filter(|c| COUNTRIES.iter().any(|(n, _)| n == c))
                        .collect()
                };
                let own = countries_of(&lw);
                let fits = |k: &Known| {
                    k.kind == SpeakerKind::Person && !plural_group(&k.display) && {
                        let d = format!("{} {}", k.display, k.desc).to_lowercase();
                        let theirs = countries_of(&d);
                        syn.iter().any(|s| !s.is_empty() && d.contains(s))
                            && (own.is_empty()
                                || theirs.is_empty()
                                || own.iter().any(|c| theirs.contains(c)))
                    }
                };
                // the last speaker first, then anyone met so far
                let hit = self
                    .last_person
                    .filter(|&i| fits(&self.known[i]))
                    .or_else(|| self.known.iter().rposition(fits));
                if let Some(i) = hit {
                    self.note_person(i);
                    return Some(i);
                }
                if role == "expert" {
                    return self.last_person;
                }
                let i = self.push(Known {
                    display: phrase.to_string(),
                    desc: String::new(),
                    key: format!("person:{lw}"),
                    kind,
                    surname: None,
                });
                self.note_person(i);
                Some(i)
            }
            SpeakerKind::Anonymous => {
                // ("The 63-year-old farmer": the age is no part of the
                // phrase kept)
                let definite = words.first().is_some_and(|w| *w == "the")
                    || self
                        .cur_text
                        .to_lowercase()
                        .contains(&format!("-year-old {lw}"));
                // "The mother of a conscript from Mahilioŭ region": a
                // description with an indefinite inside introduces someone
                let introduces = introduces_someone(&lw);
                let own: Vec<String> = words.iter().map(|w| clean_tok(w).to_string()).collect();
                let sex = sex_of_words(&own);
                // "the representative of the United States", "Denmark's
                // delegate": a description tied to a named country or body
                // is that one's, someone else than the description of
                // another ("the representative of Armenia")
                let tied = !tied_names(phrase).is_empty();
                if tied {
                    let bare = |d: &str| d.trim_start_matches("the ").to_string();
                    if let Some(i) = self.known.iter().rposition(|k| {
                        k.kind != SpeakerKind::Organization
                            && bare(&k.display.to_lowercase()) == bare(&lw)
                    }) {
                        return Some(i);
                    }
                }
                if definite && !introduces && !tied {
                    // ("Saidali Karimov, 63, grows apricots ... The
                    // 63-year-old farmer says ...": a person the article
                    // named after anyone last spoke, and nobody since, is
                    // the one a description of a person points back to)
                    self.sync_stats();
                    let spoke_at = self
                        .last_spoke
                        .and_then(|i| self.stats.get(i))
                        .map_or(0, |st| st.last);
                    let since = |k: &Known, seen: &Seen| {
                        k.kind == SpeakerKind::Person
                            && k.surname.is_some()
                            && (self.last_spoke.is_none() || seen.last > spoke_at)
                            && sex.is_none_or(|f| k.female().is_none_or(|g| g == f))
                    };
                    // (the candidates: known speakers and people only named,
                    // numbered as the ranker numbers them)
                    let n = self.known.len();
                    let named_since = (0..n + self.mentioned.len())
                        .filter(|&c| {
                            let k = self.candidate(c);
                            since(k, self.seen(c)) && Some(c) != self.last_spoke
                        })
                        .max_by_key(|&c| self.seen(c).last)
                        .filter(|_| {
                            // (not "the source", "the interlocutor": an
                            // unnamed source's words for itself)
                            let head = core_head(&lw);
                            person_noun(&head)
                                && !matches!(
                                    head.as_str(),
                                    "source" | "interlocutor" | "official" | "diplomat" | "insider"
                                )
                        });
                    if let Some(c) = named_since {
                        let i = self.promote(c);
                        self.note_person(i);
                        return Some(i);
                    }
                    // a definite description that matched no one points
                    // back: to the person who spoke last, else to the
                    // unnamed source met last (one of the same sex)
                    if let Some(i) = self
                        .last_spoke
                        .filter(|&i| self.known[i].kind == SpeakerKind::Person)
                        .or(self.last_anon)
                        .filter(|&i| sex.is_none_or(|f| self.agrees(i, f)))
                    {
                        return Some(i);
                    }
                }
                let i = self.push(Known {
                    display: phrase.to_string(),
                    desc: String::new(),
                    key: format!("anonymous:{lw}"),
                    kind,
                    surname: None,
                });
                self.last_anon = Some(i);
                self.anon_since_person = true;
                Some(i)
            }
            SpeakerKind::Organization => {
                if let Some(i) = self
                    .known
                    .iter()
                    .position(|k| k.key == format!("organization:{lw}"))
                {
                    return Some(i);
                }
                // "the institute", "the think tank": a body met before whose
                // name or description has that head noun
                if words.first().is_some_and(|w| *w == "the") && words.len() <= 3 {
                    let h = clean_tok(words[words.len() - 1]);
                    if let Some(i) = self.known.iter().rposition(|k| {
                        k.kind == SpeakerKind::Organization && k.words().iter().any(|w| w == h)
                    }) {
                        return Some(i);
                    }
                }
                // "The statement added ...", with no statement met before:
                // the body that just spoke issued it
                if words.len() == 2
                    && words[0] == "the"
                    && matches!(clean_tok(words[1]), "statement" | "document")
                {
                    if let Some(i) = self.last_spoke.filter(|&i| {
                        let k = &self.known[i];
                        k.kind == SpeakerKind::Organization
                            && !TEXT_DOCUMENTS.contains(&core_head(&k.display).as_str())
                    }) {
                        return Some(i);
                    }
                }
                Some(self.push(Known {
                    display: phrase.to_string(),
                    desc: String::new(),
                    key: format!("organization:{lw}"),
                    kind,
                    surname: None,
                }))
            }
            SpeakerKind::Author => None,
        }
    }

    /// Note documents the text mentions by what they are and whose they
    /// are ("a final communiqué of the CSTO Military Committee"), for a
    /// later "the communiqué".
    fn note_documents(&mut self, toks: &[(usize, &str)]) {
        // a document named by its number ("Decree No 77-K", "Resolution
        // 2334", "Protocol No. 3"), for a later "the decree" or "it"
        for h in 0..toks.len() {
            let noun = clean_tok(toks[h].1);
            let lower = noun.to_lowercase();
            let numbered = toks
                .get(h + 1)
                .is_some_and(|t| matches!(t.1, "No" | "No." | "no." | "Number" | "№"));
            // (an article or clause is part of a document: see `article_of`;
            // a document in lowercase needs "No.": "presidential decree No.
            // PF-47")
            if !(is_cap(noun) || numbered)
                || !TEXT_DOCUMENTS.contains(&lower.as_str())
                || matches!(lower.as_str(), "article" | "clause" | "provision")
            {
                continue;
            }
            let k = h + 1 + usize::from(numbered);
            let Some(number) = toks.get(k).map(|t| clean_tok(t.1)).filter(|n| {
                n.chars().next().is_some_and(|c| c.is_ascii_digit())
                    || (numbered && n.chars().any(|c| c.is_ascii_digit()))
            }) else {
                continue;
            };
            // a lowercase adjective before it is part of its name
            // ("presidential decree No. PF-47")
            let from = match h.checked_sub(1) {
                Some(j)
                    if !is_cap(noun) && {
                        let c = clean_tok(toks[j].1);
                        c.len() > 3
                            && c == toks[j].1
                            && c.chars().all(|ch| ch.is_lowercase())
                            && !matches!(
                                c,
                                "the"
                                    | "a"
                                    | "an"
                                    | "by"
                                    | "with"
                                    | "under"
                                    | "from"
                                    | "signed"
                                    | "this"
                                    | "that"
                            )
                    } =>
                {
                    j
                }
                _ => h,
            };
            let display = toks[from..k]
                .iter()
                .map(|t| clean_tok(t.1))
                .chain([number])
                .collect::<Vec<_>>()
                .join(" ");
            let i = self.know_organization(display);
            self.named_org = Some(i);
        }
        for h in 1..toks.len() {
            let noun = clean_tok(toks[h].1);
            if !TEXT_DOCUMENTS.contains(&noun) || toks[h].1.ends_with([',', '.', ';']) {
                continue;
            }
            // a determiner, then lowercase modifiers, then the noun
            let Some(d) = (h.saturating_sub(3)..h).rev().find(|&k| {
                matches!(
                    clean_tok(toks[k].1).to_lowercase().as_str(),
                    "a" | "an" | "the" | "its"
                )
            }) else {
                continue;
            };
            if toks[d + 1..h].iter().any(|t| {
                let c = clean_tok(t.1);
                c.is_empty() || is_cap(c) || t.1.ends_with([',', '.'])
            }) {
                continue;
            }
            let mods: Vec<&str> = toks[d + 1..h].iter().map(|t| clean_tok(t.1)).collect();
            // "an internal memo from the Kant base command to ...": whose it
            // is, up to the clause or phrase that follows
            if toks.get(h + 1).is_some_and(|t| t.1 == "from") {
                let mut from: Vec<&str> = Vec::new();
                for (_, raw) in toks[h + 2..].iter().take(6) {
                    let c = clean_tok(raw);
                    if c.is_empty() || (!from.is_empty() && FROM_STOPS.contains(&c)) {
                        break;
                    }
                    from.push(c);
                    if raw.ends_with([',', '.', ';', ':', ')']) {
                        break;
                    }
                }
                if from.iter().any(|w| is_cap(w)) {
                    let mut display = mods.join(" ");
                    if !display.is_empty() {
                        display.push(' ');
                    }
                    display.push_str(&format!("{noun} from {}", from.join(" ")));
                    let i = self.know_organization(display);
                    self.named_org = Some(i);
                }
                continue;
            }
            if toks.get(h + 1).is_none_or(|t| t.1 != "of") {
                continue;
            }
            let mut run: Vec<&str> = Vec::new();
            for (_, raw) in &toks[h + 2..] {
                let c = clean_tok(raw);
                if !(is_cap(c)
                    || (!run.is_empty() || c == "the") && matches!(c, "of" | "the" | "for"))
                {
                    break;
                }
                run.push(c);
                if raw.ends_with([',', '.', ';', ':']) {
                    break;
                }
            }
            while run
                .last()
                .is_some_and(|w| matches!(*w, "of" | "the" | "for"))
            {
                run.pop();
            }
            if !run.iter().any(|w| is_cap(w)) {
                continue;
            }
            let mut display = mods.join(" ");
            if !display.is_empty() {
                display.push(' ');
            }
            display.push_str(&format!("{noun} of {}", run.join(" ")));
            self.know_organization(display);
        }
    }

    /// "An elderly man selling seeds outside the station, who would not
    /// give his name, was blunter.": an unnamed person who opens the
    /// sentence as its subject (an indefinite article, a person noun before
    /// any comma or relative clause), remembered as a source.
    fn anonymous_subject(&mut self, s: &str) -> Option<usize> {
        // ("On a warm morning in June, a woman selling apricots ...")
        let s = after_adverbial(s).unwrap_or(s);
        let first = s.split(',').next()?.trim();
        let ws: Vec<&str> = first.split_whitespace().collect();
        if ws.len() < 2 || !matches!(ws[0], "A" | "An" | "a" | "an") {
            return None;
        }
        let np = trim_relative(first);
        // the head: a singular person noun among the first few words
        // ("An elderly man selling ...")
        let person = np
            .split_whitespace()
            .skip(1)
            .take(4)
            .map(|w| clean_tok(w).to_lowercase())
            .any(|w| person_noun(&w) && !w.ends_with('s'));
        if !person {
            return None;
        }
        // (a sentence with no comma: the phrase ends before its verb, "a
        // woman in a headscarf was selling ...")
        // ("a major of the Border Troops agreed to talk": a verb in -ed
        // with "to" or "that" after it ends the phrase too)
        let words: Vec<&str> = np.split_whitespace().collect();
        let np = words
            .iter()
            .enumerate()
            .take_while(|&(k, w)| {
                let c = clean_tok(w).to_lowercase();
                let next = words.get(k + 1).map(|n| clean_tok(n).to_lowercase());
                let verb_with_to =
                    k > 1 && c.ends_with("ed") && matches!(next.as_deref(), Some("to" | "that"));
                !verb_with_to
                    && !AUXILIARIES.contains(&c.as_str())
                    && !matches!(
                        c.as_str(),
                        "was"
                            | "lay"
                            | "sat"
                            | "stood"
                            | "sells"
                            | "sold"
                            | "walked"
                            | "waited"
                            | "keeps"
                            | "kept"
                            | "runs"
                            | "ran"
                            | "works"
                            | "worked"
                            | "lives"
                            | "lived"
                            | "said"
                            | "says"
                            | "told"
                            | "stands"
                            | "sits"
                    )
                    && !w.ends_with('.')
            })
            .map(|(_, w)| *w)
            .collect::<Vec<_>>()
            .join(" ");
        if !(2..=14).contains(&np.split_whitespace().count()) {
            return None;
        }
        let display = format!("{}{}", np[..1].to_lowercase(), &np[1..]);
        let key = format!("anonymous:{}", display.to_lowercase());
        Some(self.know(Known {
            display,
            desc: String::new(),
            key,
            kind: SpeakerKind::Anonymous,
            surname: None,
        }))
    }

    /// The person a later "he" or "she" means: never a group.
    fn note_person(&mut self, i: usize) {
        if !plural_group(&self.known[i].display) {
            self.last_person = Some(i);
            self.persons_seen.push(i);
            self.anon_since_person = false;
        }
    }

    /// Who "he" or "she" is: the unnamed person who opened a sentence just
    /// before, a single unnamed source who spoke last, else the last person
    /// noted, each only if the pronoun agrees with what the text says of
    /// them; past a last person who does not agree, the latest one the text
    /// has shown to agree, else the latest it has said nothing of.
    fn pronoun_referent(&self, female: bool) -> Option<usize> {
        if let Some(i) = self.unnamed_referent(female) {
            return Some(i);
        }
        let last = self.last_person?;
        if self.agrees(last, female) {
            return Some(last);
        }
        let person = |i: usize| self.known[i].kind == SpeakerKind::Person;
        let shown = |i: usize| {
            self.pronoun_sex
                .iter()
                .any(|(k, f)| *k == i && *f == female)
                || self.known[i].female() == Some(female)
        };
        let back = || self.persons_seen.iter().rev().copied();
        back()
            .find(|&i| person(i) && shown(i))
            .or_else(|| back().find(|&i| person(i) && self.agrees(i, female)))
            .or(Some(last))
    }

    /// The unnamed person a "he" or "she" means, if the text has just
    /// brought one in: the one who opened a sentence just before, a single
    /// unnamed source who spoke last, or one the text has said is a man or
    /// a woman (as the pronoun says) who spoke after the last named person
    /// was met. The ranker does not overrule it while no named person has
    /// been met since.
    fn unnamed_referent(&self, female: bool) -> Option<usize> {
        if let Some(i) = self.subject_anon.filter(|&i| self.agrees(i, female)) {
            return Some(i);
        }
        if let Some(i) = self.last_spoke.filter(|&i| {
            let k = &self.known[i];
            k.kind == SpeakerKind::Anonymous && !plural_group(&k.display) && self.agrees(i, female)
        }) {
            return Some(i);
        }
        // an unnamed person of the same sex who spoke after the last
        // person was met ("The mother of a conscript ... told Nasha Niva
        // ... “...,” she said.")
        if let Some(i) = self.last_anon.filter(|&i| {
            let k = &self.known[i];
            !plural_group(&k.display) && k.female() == Some(female) && self.anon_since_person
        }) {
            return Some(i);
        }
        None
    }

    /// Whether person `i` can be the "he" (`female` false) or "she" of a
    /// sentence: unless the text has said otherwise.
    fn agrees(&self, i: usize, female: bool) -> bool {
        let seen = self
            .pronoun_sex
            .iter()
            .rev()
            .find(|(k, _)| *k == i)
            .map(|(_, f)| *f);
        seen.or_else(|| self.known[i].female())
            .is_none_or(|f| f == female)
    }

    /// "Two of the sources", "one of the diplomats", "one of them": the
    /// group met last whose head noun is the one named (for "them", the
    /// last group).
    fn part_of_group(&self, phrase: &str) -> Option<usize> {
        let lw = phrase.trim().to_lowercase();
        let (quantity, rest) = lw.split_once(" of ")?;
        let counted = matches!(
            quantity,
            "one"
                | "two"
                | "three"
                | "four"
                | "some"
                | "several"
                | "both"
                | "each"
                | "all"
                | "most"
        );
        if !counted {
            return None;
        }
        let rest = rest.trim();
        if matches!(rest, "them" | "those" | "these") {
            return self.last_group;
        }
        let noun = rest
            .strip_prefix("the ")
            .or_else(|| rest.strip_prefix("those "))
            .or_else(|| rest.strip_prefix("these "))?;
        if noun.split_whitespace().count() != 1 {
            return None;
        }
        let noun = clean_tok(noun);
        let singular = noun.strip_suffix('s').unwrap_or(noun);
        self.known.iter().rposition(|k| {
            k.kind != SpeakerKind::Person
                && plural_group(&k.display)
                && k.words().iter().any(|w| w == noun || w == singular)
        })
    }

    /// The document that spoke last or was named last (in this sentence or
    /// the one before): what "a separate chapter" or "its annex" belongs to.
    fn last_document(&self) -> Option<usize> {
        let document = |i: &usize| is_document(&self.known[*i].display);
        self.article_doc
            .filter(document)
            .or(self.last_spoke.filter(document))
            .or(self.named_org.filter(document))
            .or(self.prev_named_org.filter(document))
            .or_else(|| {
                // one that spoke or was named in the last three sentences
                (0..self.known.len())
                    .filter(|i| document(i) && self.stats[*i].last + 3 >= self.now)
                    .max_by_key(|&i| self.stats[i].last)
            })
    }

    /// Remember a named body or document (once) for later references.
    fn know_organization(&mut self, display: String) -> usize {
        let key = format!("organization:{}", display.to_lowercase());
        self.know(Known {
            display,
            desc: String::new(),
            key,
            kind: SpeakerKind::Organization,
            surname: None,
        })
    }

    /// The known speaker with `k`'s key, else `k`, met now.
    /// "the channel", "the pro-war channel": the kind noun and the name of
    /// the body the article named last with that kind ("X, a Telegram
    /// channel run by ..."), if any.
    fn named_kind(&self, phrase: &str) -> Option<(String, String)> {
        let lw = phrase.trim().to_lowercase();
        let kind = lw
            .strip_prefix("the ")
            .filter(|r| r.split_whitespace().count() <= 3)
            .and_then(|r| r.split_whitespace().last())
            .filter(|k| KIND_BEFORE_NAME.contains(k))?;
        self.named_kinds
            .iter()
            .rev()
            .find(|(k, _)| k == kind)
            .cloned()
    }

    fn know(&mut self, k: Known) -> usize {
        match self.known.iter().position(|x| x.key == k.key) {
            Some(i) => i,
            None => self.push(k),
        }
    }

    /// Note a group that is the subject of a sentence without speaking
    /// ("Armenian officials have boycotted ...", "Critics of the
    /// organization ..."), for a later "they" or "in their view".
    fn note_group(&mut self, s: &str) {
        let Some(p) = leading_np(&tokens(s)) else {
            return;
        };
        let head = core_head(&p);
        if !(ANON_HEADS.contains(&head.as_str()) && head.ends_with('s')) {
            return;
        }
        let key = format!("anonymous:{}", p.to_lowercase());
        let i = match self.known.iter().position(|k| k.key == key) {
            Some(i) => i,
            None => self.push(Known {
                display: p,
                desc: String::new(),
                key,
                kind: SpeakerKind::Anonymous,
                surname: None,
            }),
        };
        self.last_group = Some(i);
    }

    /// Note people introduced as the subject of a sentence (for later "he").
    /// Returns the person named at the start of the sentence, if any (the
    /// one a quote that follows with no speaker of its own belongs to).
    fn note_subject(&mut self, s: &str, subject_speaks: bool) -> Option<usize> {
        self.prev_subject_org = self.subject_org.take();
        self.prev_named_org = self.named_org.take();
        let mut subject = None;
        let toks = tokens(s);
        // every titled name in the sentence is remembered ("Russian
        // President Vladimir Putin"), so a later bare surname finds its role
        let mut runs: Vec<(usize, Vec<&str>)> = Vec::new();
        let mut cur: Vec<&str> = Vec::new();
        let mut start = 0;
        for (k, (_, raw)) in toks.iter().enumerate() {
            let w = clean_tok(raw);
            // a number closes a name ("Article 5", "Rubezh 2025")
            let number = !cur.is_empty() && w.chars().all(|c| c.is_ascii_digit());
            // ("Its Article 7": a possessive opens no name)
            let possessive = matches!(w, "Its" | "Their" | "His" | "Her" | "Our" | "My");
            // "the Standing Committee on Foreign Relations": "on" after a
            // body's noun goes on with its name
            let on = w == "on"
                && cur
                    .last()
                    .is_some_and(|l| NAMED_ON.contains(&l.to_lowercase().as_str()));
            let ok = !w.is_empty()
                && !possessive
                && w != "I"
                && (is_cap(w)
                    || number
                    || on
                    || (!cur.is_empty() && matches!(w, "of" | "the" | "for")));
            if ok {
                if cur.is_empty() {
                    start = k;
                }
                cur.push(w);
            }
            if (!ok || raw.ends_with([',', '.', ';', ':', ')'])) && !cur.is_empty() {
                runs.push((start, std::mem::take(&mut cur)));
            }
        }
        if !cur.is_empty() {
            runs.push((start, cur));
        }
        self.note_documents(&toks);
        let opens_at = clause_start(&toks);
        // "the Minister of Defense of the Republic of Tajikistan, Colonel
        // General X": a role given just before a name, after a comma
        let spans: Vec<(usize, usize, String)> = runs
            .iter()
            .map(|(st, r)| (*st, st + r.len(), r.join(" ")))
            .collect();
        for (mut start, mut run) in runs {
            // the token after the run, whatever is trimmed off its front
            let after_run = start + run.len();
            let role_before = spans
                .iter()
                .find(|(_, end, _)| *end == start && start > 0 && toks[start - 1].1.ends_with(','))
                .filter(|(_, _, p)| {
                    let lw: Vec<String> = p.split_whitespace().map(|w| w.to_lowercase()).collect();
                    surname_of(p).is_none_or(|_| kind_of(p) != SpeakerKind::Person)
                        && lw.iter().any(|w| ROLE_WORDS.contains(&w.as_str()))
                        && lw.len() <= 10
                })
                .map(|(_, _, p)| p.to_lowercase())
                .or_else(|| lowercase_role_before(&toks, start));
            // "Under the CSTO Charter, ...": an opening preposition or
            // subordinator is not part of the name after it (nor is the
            // name then the sentence's subject)
            if start == 0
                && run.len() > 1
                && SUBORDINATORS.contains(&run[0].to_lowercase().as_str())
            {
                run.remove(0);
                while run
                    .first()
                    .is_some_and(|w| matches!(*w, "the" | "of" | "for"))
                {
                    run.remove(0);
                }
                start = 1;
            }
            while run
                .last()
                .is_some_and(|w| matches!(*w, "of" | "the" | "for" | "on"))
            {
                run.pop();
            }
            // "Almaty-based Sauran Research Centre": the place is no part of
            // the name
            if run.len() > 1 {
                run.retain(|w| !place_adjective(w));
            }
            // ("In the ...", "Almaty-based": nothing of a name may be left)
            if run.is_empty() {
                continue;
            }
            let phrase = run.join(" ");
            // "The opposition party Erkin Kadam ...": a body introduced by
            // what it is, then its name, for a later "the party"
            let titled_run = run.iter().any(|w| {
                let lw = w.to_lowercase();
                person_noun(&lw) || ROLE_WORDS.contains(&lw.as_str()) || is_role_like(&lw)
            });
            if start > 0
                && !titled_run
                && BODY_NOUNS.contains(&clean_tok(toks[start - 1].1).to_lowercase().as_str())
            {
                let det = (start.saturating_sub(4)..start).rev().find(|&k| {
                    matches!(
                        clean_tok(toks[k].1).to_lowercase().as_str(),
                        "the" | "a" | "an"
                    )
                });
                if let Some(d) = det {
                    let mods: Vec<&str> =
                        toks[d + 1..start].iter().map(|t| clean_tok(t.1)).collect();
                    if mods.iter().all(|m| !m.is_empty() && !is_cap(m)) {
                        self.know_organization(format!("the {} {phrase}", mods.join(" ")));
                        continue;
                    }
                }
            }
            // "the Civil Contract faction": a name before a body noun
            let next = toks.get(after_run).map(|t| clean_tok(t.1).to_lowercase());
            if let Some(noun) = next.filter(|n| BODY_NOUNS.contains(&n.as_str())) {
                let quantifier = matches!(
                    run[0].to_lowercase().as_str(),
                    "several"
                        | "some"
                        | "many"
                        | "most"
                        | "all"
                        | "both"
                        | "few"
                        | "other"
                        | "two"
                        | "three"
                        | "four"
                        | "five"
                );
                let opener = start == 0 && opens_with_common_word(&phrase);
                if !titled_run && !quantifier && !opener && run.len() <= 4 {
                    self.know_organization(format!("the {phrase} {noun}"));
                    continue;
                }
            }
            // "Article 3 of the Charter ..." introduces the Charter, for a
            // later "Article 5 adds ..."
            if let Some((_, Some(doc))) = article_of(&phrase) {
                let doc = doc.strip_prefix("the ").unwrap_or(&doc).to_string();
                self.know_organization(format!("the {doc}"));
                self.article_doc = self
                    .known
                    .iter()
                    .rposition(|k| k.key == format!("organization:the {}", doc.to_lowercase()));
                continue;
            }
            // a named body or document ("the Dushanbe Declaration", "the
            // Border Service of Kyrgyzstan"), for a later "the declaration"
            if run.len() >= 2 {
                let head = core_head(&phrase);
                if DOC_HEADS.contains(&head.as_str()) || BODY_NOUNS.contains(&head.as_str()) {
                    let possessive = run[0].ends_with("’s") || run[0].ends_with("'s");
                    let display = match phrase.strip_prefix("The ") {
                        Some(rest) => format!("the {rest}"),
                        None if possessive => phrase.clone(),
                        None => format!("the {phrase}"),
                    };
                    // "The Charter" after "the CSTO Charter" is no new body
                    let key = format!("organization:{}", display.to_lowercase());
                    let earlier = (!self.known.iter().any(|k| k.key == key))
                        .then(|| self.antecedent(&display))
                        .flatten()
                        .filter(|&j| {
                            // every word of the shorter name is in the longer
                            let theirs = self.known[j].words();
                            self.known[j].kind == SpeakerKind::Organization
                                && display
                                    .to_lowercase()
                                    .split_whitespace()
                                    .map(clean_tok)
                                    .filter(|w| !matches!(*w, "the" | "of" | "a" | "an" | "and"))
                                    .all(|w| theirs.iter().any(|t| t == w))
                        });
                    let i = earlier.unwrap_or_else(|| self.know_organization(display));
                    if start == 0 && !possessive {
                        self.subject_org = Some(i);
                    }
                    if !possessive {
                        self.named_org = Some(i);
                    }
                    continue;
                }
            }
            // "Nurlan, 61, a retired bus driver, ...": a first name alone
            // that opens the sentence and is described after a comma
            let described_alone = start == 0
                && run.len() == 1
                && !opens_with_common_word(&phrase)
                && toks[0].1.ends_with(',')
                && toks.get(1).is_some_and(|t| {
                    let c = clean_tok(t.1).to_lowercase();
                    c.chars().all(|ch| ch.is_ascii_digit())
                        || (matches!(c.as_str(), "a" | "an")
                            && toks[2..]
                                .iter()
                                .take(4)
                                .any(|t| person_noun(&clean_tok(t.1).to_lowercase())))
                });
            if described_alone {
                subject = self.resolve(&phrase);
                continue;
            }
            // "Ostroumov, for his part, ...": a surname met before opens
            // the sentence (or its main clause, "In his last word, Sedykh
            // spoke ..."), the person only named so far too
            if (start == 0 || start == opens_at) && run.len() == 1 {
                if let Some(k) = self
                    .find_or_meet_surname(&phrase)
                    .filter(|&k| self.known[k].kind == SpeakerKind::Person)
                {
                    subject = Some(k);
                    continue;
                }
            }
            if run.len() < 2 || kind_of(&phrase) != SpeakerKind::Person {
                continue;
            }
            let Some(surname) = surname_of(&phrase) else {
                continue;
            };
            let key_surname = surname.clone();
            let role = |w: &str| {
                let lw = w.to_lowercase();
                is_role_like(&lw) || ROLE_WORDS.contains(&lw.as_str())
            };
            // a title in lowercase before the name counts too ("deputy
            // defence minister Serik Abenov")
            let title_before = start > 0 && {
                let lw = clean_tok(toks[start - 1].1).to_lowercase();
                ROLE_WORDS.contains(&lw.as_str())
                    || person_noun(&lw)
                    || matches!(
                        lw.as_str(),
                        "deputy" | "spokesman" | "spokeswoman" | "colonel" | "commander" | "envoy"
                    )
            };
            let titled = run
                .iter()
                .any(|w| role(w) || person_noun(&w.to_lowercase()))
                || title_before;
            // "Ruling party MP Hovhannes Grigoryan, ...": a few plain words
            // of title before the name still open the subject
            let start = if start > 0
                && start <= 3
                && titled
                && !opens_with_common_word(toks[0].1)
                && toks[..start].iter().all(|t| {
                    let c = clean_tok(t.1);
                    c.len() == t.1.len()
                        && c.chars().all(char::is_alphabetic)
                        && !SUBORDINATORS.contains(&c.to_lowercase().as_str())
                        && !matches!(c.to_lowercase().as_str(), "the" | "a" | "an")
                }) {
                0
            } else if start > 0 && start == opens_at {
                // "In the district centre, an hour's drive north, X, ...":
                // the name after opening adverbials is the subject
                0
            } else {
                start
            };
            if start == 0 && subject_speaks {
                subject = self.resolve(&phrase);
            } else if titled && self.find_surname(&surname).is_none() {
                let i = self.push(Known {
                    display: self_introduced(&phrase).unwrap_or(&phrase).to_string(),
                    desc: String::new(),
                    key: format!("person:{}", surname.to_lowercase()),
                    kind: SpeakerKind::Person,
                    surname: Some(surname),
                });
                // (a named person met: an unnamed one before is no longer
                // the last one brought in)
                self.anon_since_person = false;
                if start == 0 {
                    subject = Some(i);
                }
            } else if start == 0 {
                subject = self.find_surname(&surname);
            }
            if let (Some(role), Some(k)) = (&role_before, self.find_surname(&key_surname)) {
                let kn = &mut self.known[k];
                if !kn.desc.contains(role.as_str()) {
                    kn.desc = format!("{} {role}", kn.desc).trim().to_string();
                }
            }
        }
        subject
    }
}

/// Quote state at the start and end of each sentence.
fn quote_states(text: &str, sentences: &[Sentence]) -> Vec<(bool, bool)> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut inside = false;
    // in a quote opened by a single mark (‘...’, as British style quotes)
    let mut single = false;
    let mut dash_quote = false;
    let mut prev_end = 0;
    for s in sentences {
        // a heading ends any open quote; a quote opened by a dash ends with
        // its paragraph (one in quotation marks may run on over several)
        let gap = &text[prev_end.min(s.start)..s.start];
        let line_start = gap.contains('\n') || s.start == 0;
        if s.is_heading || (dash_quote && line_start) {
            inside = false;
            dash_quote = false;
            single = false;
        }
        let t = s.text.trim_start();
        let dash_open =
            line_start && (t.starts_with("- ") || t.starts_with("– ") || t.starts_with("— "));
        if dash_open {
            inside = true;
            dash_quote = true;
        }
        let start_inside = inside;
        let chars: Vec<char> = s.text.chars().collect();
        for (k, &c) in chars.iter().enumerate() {
            match c {
                '“' | '«' => (inside, dash_quote, single) = (true, false, false),
                '”' | '»' => (inside, single) = (false, false),
                '"' => {
                    let open = straight_opens(&chars, k).unwrap_or(!inside);
                    (inside, dash_quote, single) = (open, false, false);
                }
                '‘' | '’' => match single_quote(&chars, k, inside, single) {
                    Some(true) => (inside, dash_quote, single) = (true, false, true),
                    Some(false) => (inside, single) = (false, false),
                    None => {}
                },
                _ => {}
            }
        }
        out.push((start_inside, inside));
        prev_end = s.end;
    }
    out
}

/// A single curly mark at `k` as a quotation mark: ‘ opens a quote after a
/// space, a bracket, a dash or at the start (`Some(true)`) when no quote is
/// open; ’ closes one that ‘ opened when no letter follows (`Some(false)`);
/// otherwise it is an apostrophe ("Moscow’s") or a quote inside a quote,
/// and `None`.
fn single_quote(chars: &[char], k: usize, inside: bool, single: bool) -> Option<bool> {
    let prev = k.checked_sub(1).map(|i| chars[i]);
    let next = chars.get(k + 1).copied();
    match chars[k] {
        '‘' if !inside && prev.is_none_or(|c| c.is_whitespace() || "([{—–-".contains(c)) => {
            Some(true)
        }
        '’' if inside
            && single
            && prev.is_some_and(|c| !c.is_whitespace())
            && next.is_none_or(|c| !c.is_alphanumeric()) =>
        {
            Some(false)
        }
        _ => None,
    }
}

/// Whether the straight quotation mark at `k` opens a quote (`Some(true)`)
/// or closes one (`Some(false)`), read from its neighbours as typesetters
/// do: after a space, a bracket or a dash, or at the start, and before a
/// word, it opens; after a word or punctuation it closes. `None` where the
/// neighbours do not tell (then it toggles). A paragraph of a quote that
/// runs on opens again without the previous one closing, so reading the
/// mark's side keeps the quote open across paragraphs.
fn straight_opens(chars: &[char], k: usize) -> Option<bool> {
    let prev = k.checked_sub(1).map(|i| chars[i]);
    let next = chars.get(k + 1).copied();
    let open_side = prev.is_none_or(|c| c.is_whitespace() || "([{—–-".contains(c));
    let close_side = next.is_none_or(|c| c.is_whitespace() || ",.;:!?)]}—–".contains(c));
    match (open_side, close_side) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// A quote opened by a dash closes with a short tag after its last comma:
/// "– The exercise went to plan, he said." The sentence starts inside the
/// quote and has no quotation marks of its own.
fn dash_tag(s: &str, start_inside: bool) -> Option<Found> {
    if !start_inside || s.contains(['“', '”', '"', '«', '»']) {
        return None;
    }
    let (_, tail) = s.trim_end().rsplit_once([',', '–', '—'])?;
    let n = tail.split_whitespace().count();
    if !(2..=8).contains(&n) {
        return None;
    }
    explicit(tail.trim())
}

/// Texts a speaker puts their words in, besides [`DOC_HEADS`] ("in a note
/// to clients", "in a post", "in an interview"), for a later "the note".
const ISSUED_TEXTS: &[&str] = &[
    "note",
    "memo",
    "post",
    "commentary",
    "column",
    "article",
    "message",
    "release",
    "paper",
    "briefing",
    "interview",
    "speech",
    "address",
    "video",
];

/// "X said in a statement", "... in a short statement", "in its annual
/// report": the document noun a speaker issued their words in.
fn issued_in(s: &str) -> Option<String> {
    let ws: Vec<String> = s
        .split_whitespace()
        .map(|w| clean_tok(w).to_lowercase())
        .collect();
    ws.windows(2).enumerate().find_map(|(k, p)| {
        // (adopting a text issues it, though it is no report: "the leaders
        // adopted a declaration that commits ...")
        // ("the Secretariat handed out a written statement")
        let handed_out = p[0] == "out"
            && k > 0
            && matches!(ws[k - 1].as_str(), "handed" | "put" | "sent" | "gave");
        let issued = matches!(p[0].as_str(), "in" | "adopted" | "approved")
            || ISSUING_VERBS.contains(&p[0].as_str())
            || handed_out;
        (issued && matches!(p[1].as_str(), "a" | "an" | "its" | "his" | "her" | "their"))
            .then(|| {
                ws[k + 2..]
                    .iter()
                    .take(3)
                    .find(|w| {
                        (DOC_HEADS.contains(&w.as_str()) || ISSUED_TEXTS.contains(&w.as_str()))
                            && !matches!(w.as_str(), "press" | "media")
                    })
                    .cloned()
            })
            .flatten()
    })
}

/// "Article 4 of the Collective Security Treaty": `(true, Some("the
/// Collective Security Treaty"))`; "Article 5" alone: `(true, None)`; not
/// an article: `None`. Sections, clauses and paragraphs likewise.
fn article_of(phrase: &str) -> Option<(bool, Option<String>)> {
    let ws: Vec<&str> = phrase.split_whitespace().collect();
    let at = usize::from(
        ws.first()
            .is_some_and(|w| w.eq_ignore_ascii_case("the") || w.eq_ignore_ascii_case("its")),
    );
    let noun = ws.get(at)?.to_lowercase();
    if !matches!(
        noun.as_str(),
        "article" | "section" | "clause" | "paragraph" | "chapter"
    ) || !ws
        .get(at + 1)
        .is_some_and(|w| clean_tok(w).starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    match ws.get(at + 2) {
        None => Some((true, None)),
        Some(&"of") if ws.len() > at + 3 => Some((true, Some(ws[at + 3..].join(" ")))),
        Some(_) => None,
    }
}

/// What a body makes and then speaks through ("a survey by X found").
const FINDINGS: &[&str] = &[
    "survey", "poll", "study", "data", "figures", "research", "ranking", "index", "report",
];

/// "A survey of 1,200 adults, carried out by the Bishkek-based pollster
/// Sanat Research", "data from the Stockholm International Peace Research
/// Institute (SIPRI)": a survey, poll, study, report or data set and the named body
/// that made it (its capitalised name, without lowercase modifiers).
fn made_by(phrase: &str) -> Option<(String, String)> {
    // "The communique, published by the Ministry of ...,": a text a body
    // issued, named as what it is
    let issued = |w: &str| {
        matches!(
            w,
            "statement"
                | "communique"
                | "communiqué"
                | "declaration"
                | "resolution"
                | "appeal"
                | "readout"
        )
    };
    let head = core_head(phrase);
    let noun = phrase
        .split_whitespace()
        .take(3)
        .map(|w| clean_tok(w).to_lowercase())
        .find(|w| FINDINGS.contains(&w.as_str()) || issued(w))?;
    if !FINDINGS.contains(&head.as_str()) && !issued(&head) {
        return None;
    }
    let ws: Vec<&str> = phrase.split_whitespace().collect();
    let by = ws.iter().position(|w| matches!(*w, "by" | "from"))?;
    if issued(&noun)
        && !(by > 0
            && matches!(
                ws[by - 1],
                "published" | "adopted" | "issued" | "released" | "signed" | "approved"
            ))
    {
        return None;
    }
    let mut name: Vec<&str> = Vec::new();
    // the word before the name ("the polling project Kompas")
    let mut kind_before = false;
    for raw in &ws[by + 1..] {
        let c = clean_tok(raw);
        if name.is_empty() && !is_cap(c) {
            kind_before = KIND_BEFORE_NAME.contains(&c);
        }
        // "the Almaty-based Centre": the place is no part of the name
        if place_adjective(c) {
            continue;
        }
        // nor is an abbreviation after it ("... Institute (SIPRI)")
        if raw.starts_with('(') && !name.is_empty() {
            break;
        }
        if is_cap(c) || (!name.is_empty() && matches!(c, "of" | "for" | "the" | "and")) {
            name.push(c);
        } else if !name.is_empty() {
            break;
        }
        if raw.ends_with([',', '.', ';']) && !name.is_empty() {
            break;
        }
    }
    while name
        .last()
        .is_some_and(|w| matches!(*w, "of" | "for" | "the" | "and"))
    {
        name.pop();
    }
    // (a name of one word after what it is: "by the polling project
    // Kompas")
    (name.len() >= 2 || (name.len() == 1 && kind_before)).then(|| (noun, name.join(" ")))
}

/// A report, survey or study a sentence mentions with the body that made
/// it ("... a report published in March by the Eurasian Security Monitor,
/// a Vienna-based group."): [`made_by`] on the noun phrase from its
/// determiner to the next comma.
fn finding_mentioned(s: &str) -> Option<(String, String)> {
    let ws: Vec<&str> = s.split_whitespace().collect();
    (0..ws.len()).find_map(|k| {
        let det = clean_tok(ws[k]).to_lowercase();
        if !matches!(det.as_str(), "a" | "an" | "the") {
            return None;
        }
        let noun = ws.get(k + 1).map(|w| clean_tok(w).to_lowercase())?;
        if !FINDINGS.contains(&noun.as_str()) || noun == "data" {
            return None;
        }
        let mut np: Vec<&str> = Vec::new();
        for w in &ws[k..] {
            np.push(w);
            if w.ends_with([',', '.', ';']) || np.len() >= 16 {
                break;
            }
        }
        made_by(&np.join(" "))
    })
}

/// Nouns for a document an outlet has in hand.
const OBTAINED_NOUNS: &[&str] = &[
    "memorandum",
    "memo",
    "draft",
    "document",
    "documents",
    "letter",
    "plan",
    "report",
    "concept",
    "proposal",
    "proposals",
];

/// The document a sentence says the outlet or its reporters have in hand:
/// "a" or "an" and up to eight words after "has obtained", "have seen",
/// "had reviewed", "has leaked", up to a comma or full stop, whose head
/// is a document
/// ("Kommersant has obtained a draft memorandum on reforming the CSTO,
/// prepared by ..." gives "the draft memorandum on reforming the CSTO").
fn obtained_document(s: &str) -> Option<String> {
    let ws: Vec<&str> = s.split_whitespace().collect();
    let v = ws.iter().position(|w| {
        matches!(
            clean_tok(w).to_lowercase().as_str(),
            "obtained" | "seen" | "reviewed" | "leaked"
        )
    })?;
    let aux = v > 0
        && matches!(
            clean_tok(ws[v - 1]).to_lowercase().as_str(),
            "has" | "have" | "had"
        );
    let det = ws.get(v + 1).map(|w| w.to_lowercase())?;
    if !aux || !matches!(det.as_str(), "a" | "an") {
        return None;
    }
    let mut np: Vec<&str> = Vec::new();
    for w in &ws[v + 2..] {
        np.push(w.trim_end_matches([',', '.', ';']));
        if w.ends_with([',', '.', ';']) || np.len() >= 8 {
            break;
        }
    }
    let head = core_head(&np.join(" "));
    OBTAINED_NOUNS
        .contains(&head.as_str())
        .then(|| format!("the {}", np.join(" ")))
}

/// `phrase` names the document `display` by a noun for it: "the draft",
/// "the memo" (a memorandum), "the document", "the text", "its authors".
fn refers_to_document(phrase: &str, display: &str) -> bool {
    let lw = phrase.trim().to_lowercase();
    if matches!(
        lw.as_str(),
        "its authors" | "the authors" | "the document's authors"
    ) {
        return true;
    }
    let Some(noun) = lw.strip_prefix("the ") else {
        return false;
    };
    let d = display.to_lowercase();
    let words: Vec<&str> = d.split_whitespace().collect();
    matches!(noun, "document" | "text")
        || (OBTAINED_NOUNS.contains(&noun) && words.contains(&noun))
        || (noun == "memo" && words.contains(&"memorandum"))
}

/// Attribute every sentence of one article.
/// The apposition that follows a speaker phrase in a sentence, lowercase:
/// "X, an independent think tank in Yerevan, said" gives "an independent
/// think tank in yerevan". Up to eight words between two commas, opening
/// with an article.
fn apposition(sentence: &str, phrase: &str) -> Option<String> {
    let at = sentence.find(phrase)? + phrase.len();
    let rest = sentence[at..].strip_prefix(", ")?;
    let (inner, _) = rest.split_once(',')?;
    // "a lawyer who advised conscripts in Minsk before ...": the noun
    // phrase before its relative clause
    let inner = [" who ", " which ", " whose "]
        .iter()
        .filter_map(|r| inner.find(r))
        .min()
        .map_or(inner, |at| &inner[..at]);
    let lw = inner.trim().to_lowercase();
    let n = lw.split_whitespace().count();
    // (or a role without an article: "X, leader of the Georgian Path
    // party, stated")
    let first = lw.split_whitespace().next().unwrap_or("");
    let role = n >= 3
        && lw.contains(" of ")
        && (ROLE_WORDS.contains(&first) || is_role_like(first) || person_noun(first));
    (n <= 14
        && (role
            || ["a ", "an ", "the ", "one "]
                .iter()
                .any(|d| lw.starts_with(d))))
    .then_some(lw)
}

/// An unnamed source singled out of a group or counted, and described in
/// apposition: "One of the sources, a Central Asian diplomat, said", "A
/// second ministry source, a colonel who served there, said" (the
/// apposition as written), "The other source, who is close to the
/// delegation, said" ("a source close to the delegation"). A plain "a
/// source, a former officer," counts too; a definite "the source, ..."
/// means someone met before and gives `None`.
fn singled_out_source(sentence: &str, phrase: &str) -> Option<String> {
    let lw = phrase.trim().to_lowercase();
    let counted = [
        "one of ",
        "a second ",
        "a third ",
        "another ",
        "the other ",
        "the second ",
        "the third ",
    ]
    .iter()
    .any(|d| lw.starts_with(d));
    let head = core_head(phrase);
    let source = ["source", "official", "insider"]
        .iter()
        .find(|h| head == **h || head == format!("{h}s"));
    let indefinite = lw.starts_with("a ") || lw.starts_with("an ");
    if !(counted && (source.is_some() || lw.starts_with("one of ")))
        && !(indefinite && source.is_some())
    {
        return None;
    }
    let at = sentence.find(phrase.trim())? + phrase.trim().len();
    let rest = sentence[at..].strip_prefix(", ")?;
    let (inner, _) = rest.split_once(',')?;
    let inner = inner.trim();
    let n = inner.split_whitespace().count();
    if let Some(r) = inner
        .strip_prefix("who is ")
        .or_else(|| inner.strip_prefix("who was "))
    {
        return (counted && n <= 12).then(|| format!("a {} {r}", source.unwrap_or(&"source")));
    }
    let il = inner.to_lowercase();
    ((il.starts_with("a ") || il.starts_with("an ")) && (2..=16).contains(&n))
        .then(|| inner.to_string())
}

/// The one-word name in quotation marks that opens a sentence as its
/// subject: "“Aravot” takes a more cautious line.", "“Zhoghovurd,” for its
/// part, ...".
fn quoted_medium_subject(s: &str) -> Option<String> {
    let rest = s.trim_start().strip_prefix(['“', '"', '«'])?;
    let end = rest.find(['”', '"', '»'])?;
    let name = rest[..end].trim_end_matches(',');
    let after = rest[end..].chars().nth(1);
    let single = !name.is_empty()
        && !name.contains(' ')
        && is_cap(name)
        && name.chars().all(|c| c.is_alphanumeric() || c == '-');
    (single && after.is_some_and(|c| c == ' ')).then(|| name.to_string())
}

/// The writer of a message in a chat log quoted line by line: a name of one
/// or two capitalised words and the message's time in brackets, then a
/// colon ("Graf (3 October, 21:14): Tents arrived.", "Baikal (21:16): Sign
/// it.").
fn chat_label(line: &str) -> Option<String> {
    let open = line.find(" (")?;
    let close = open + line[open..].find("):")?;
    let name = &line[..open];
    let time = &line[open + 2..close];
    let words: Vec<&str> = name.split_whitespace().collect();
    let named = (1..=2).contains(&words.len())
        && words
            .iter()
            .all(|w| is_cap(w) && w.chars().all(|c| c.is_alphanumeric() || c == '-'));
    let clock = time.split(':').count() == 2
        && time.rsplit_once(':').is_some_and(|(h, m)| {
            h.ends_with(|c: char| c.is_ascii_digit())
                && m.len() == 2
                && m.chars().all(|c| c.is_ascii_digit())
        });
    (named && clock && time.len() <= 24).then(|| name.to_string())
}

/// Nouns for a medium that a press review quotes ("the paper writes").
const MEDIA: &[&str] = &[
    "paper",
    "newspaper",
    "daily",
    "weekly",
    "tabloid",
    "magazine",
    "quarterly",
    "channel",
    "outlet",
    "broadcaster",
];

/// What kinds of body or medium an article introduces by kind before its
/// name ("the opposition party Erkin Kadam", "the polling firm Steppe
/// Analytics").
const KIND_BEFORE_NAME: &[&str] = &[
    "channel",
    "party",
    "movement",
    "newspaper",
    "daily",
    "weekly",
    "outlet",
    "website",
    "portal",
    "blog",
    "magazine",
    "firm",
    "company",
    "project",
    "group",
    "network",
    "bloc",
    "coalition",
    "tank",
];

/// A body or medium named after what it is, "the pro-war Telegram channel
/// Zapiski Shtabista": its name ("Zapiski Shtabista") and what it is,
/// lowercase ("the pro-war telegram channel"). The name runs from the kind
/// noun, in lowercase, to the end of the phrase, every word capitalised.
fn named_after_kind(phrase: &str) -> Option<(String, String)> {
    let ws: Vec<&str> = phrase.split_whitespace().collect();
    let at = ws
        .iter()
        .rposition(|w| KIND_BEFORE_NAME.contains(&clean_tok(w)))?;
    let name = &ws[at + 1..];
    let capitalised = !name.is_empty()
        && name.len() <= 4
        && name.iter().all(|w| {
            let w = clean_tok(w);
            is_cap(w) && w.chars().all(|c| c.is_alphabetic() || "-.'’".contains(c))
        });
    // ("the ruling party MP Armen Sarkisyan" is a person)
    let role = name
        .first()
        .is_some_and(|w| is_role_like(&clean_tok(w).to_lowercase()));
    (capitalised && !role).then(|| (name.join(" "), ws[..=at].join(" ").to_lowercase()))
}

/// Bodies a sentence names with what they are: "Tylovoy Vestnik, a
/// Telegram channel run by ..." (a name of one to four capitalised words,
/// then an apposition whose first few words hold a kind noun) and "the
/// pro-war Telegram channel Shtabnaya Kukhnya" (the kind noun, then the
/// name). Gives (kind noun, name) pairs.
fn bodies_by_kind(s: &str) -> Vec<(String, String)> {
    let ws: Vec<&str> = s.split_whitespace().collect();
    let name_word = |w: &str| {
        let c = clean_tok(w);
        is_cap(c)
            && c.chars()
                .all(|ch| ch.is_alphanumeric() || "-.'’".contains(ch))
    };
    let mut out = Vec::new();
    for (j, w) in ws.iter().enumerate() {
        let kind = clean_tok(w).to_lowercase();
        if !KIND_BEFORE_NAME.contains(&kind.as_str()) {
            continue;
        }
        // the kind, then the name
        if !w.ends_with([',', '.', ';', ':']) {
            let run: Vec<&str> = ws[j + 1..]
                .iter()
                .take(4)
                .take_while(|x| name_word(x) && !x.starts_with(['(', '“', '"']))
                .copied()
                .collect();
            let cut = run
                .iter()
                .position(|x| x.ends_with([',', '.', ';', ':', ')']))
                .map_or(run.len(), |p| p + 1);
            let name: Vec<&str> = run[..cut].iter().map(|x| clean_tok(x)).collect();
            let role = name.first().is_some_and(|x| {
                is_role_like(&x.to_lowercase()) || ROLE_WORDS.contains(&x.to_lowercase().as_str())
            });
            if !name.is_empty() && !role {
                out.push((kind.clone(), name.join(" ")));
                continue;
            }
        }
        // the name, then ", a/an ... kind"
        let Some(art) = (j.saturating_sub(4)..j)
            .rev()
            .find(|&a| matches!(clean_tok(ws[a]).to_lowercase().as_str(), "a" | "an"))
        else {
            continue;
        };
        if art == 0
            || !ws[art - 1].ends_with(',')
            || ws[art..j].iter().any(|x| x.ends_with([',', '.']))
        {
            continue;
        }
        // (linking words inside the name: "the Institute for Caucasus
        // Security Studies")
        let mut a = art;
        while a > 0 && art - a < 7 && (a == art || !ws[a - 1].ends_with(',')) {
            let w = ws[a - 1];
            let linking =
                matches!(w, "for" | "of" | "and") && a >= 2 && name_word(ws[a - 2]) && a < art;
            if !(name_word(w) || linking) {
                break;
            }
            a -= 1;
        }
        let mut name: Vec<&str> = ws[a..art].iter().map(|x| clean_tok(x)).collect();
        if name.first().is_some_and(|w| *w == "The") {
            name.remove(0);
        }
        if !name.is_empty() && !opens_with_common_word(&name.join(" ")) {
            out.push((kind, name.join(" ")));
        }
    }
    out
}

/// The person named in a clause of the speaker's own before the pronoun
/// that reports: "When I raised the matter with Deputy Secretary General X
/// in a phone call, he told me that ..." gives X. Only where that clause's
/// subject is "I" or "we", so that the pronoun cannot be its subject too
/// ("After meeting X, he said" is someone else).
fn met_before_pronoun(s: &str, phrase: &str) -> Option<String> {
    let pronoun = phrase.to_lowercase();
    if !matches!(pronoun.as_str(), "he" | "she") {
        return None;
    }
    let at = s.find(&format!(", {pronoun} "))?;
    let clause = &s[..at];
    let ws: Vec<&str> = clause.split_whitespace().map(clean_tok).collect();
    let opens = ws
        .first()
        .is_some_and(|w| matches!(w.to_lowercase().as_str(), "when" | "after" | "as" | "once"));
    let own = ws.get(1).is_some_and(|w| matches!(*w, "I" | "we"));
    if !(opens && own) || clause.contains(',') {
        return None;
    }
    last_name_before(clause)
}

/// The body that owns a channel of publication named in `phrase` ("the
/// ministry's Telegram channel" is "the ministry"), when the owner is a
/// body, not a person. A press service is an organ of the body that speaks
/// under its own name, no channel.
fn medium_owner(phrase: &str) -> Option<String> {
    let ws: Vec<&str> = phrase.split_whitespace().collect();
    let at = ws
        .iter()
        .position(|w| w.ends_with("’s") || w.ends_with("'s"))?;
    let rest: Vec<String> = ws[at + 1..]
        .iter()
        .map(|w| clean_tok(w).to_lowercase())
        .collect();
    let medium = matches!(
        rest.last().map(String::as_str),
        Some("channel" | "website" | "site" | "account" | "page" | "feed" | "portal")
    );
    // what someone issued in their own name ("Avagyan's statement", "the
    // ministry's press release") speaks as them, a person too
    // (and what it counted: "the secretariat's own figures", "the
    // ministry's data")
    let issued = matches!(
        rest.last().map(String::as_str),
        Some(
            "statement"
                | "release"
                | "letter"
                | "reply"
                | "message"
                | "post"
                | "figures"
                | "data"
                | "estimates"
                | "calculations"
                | "findings"
        )
    );
    if !(medium || issued) || rest.len() > 4 {
        return None;
    }
    let mut owner: Vec<&str> = ws[..=at].to_vec();
    let last = owner.pop()?;
    let bare = last.trim_end_matches("’s").trim_end_matches("'s");
    owner.push(bare);
    let owner = owner.join(" ");
    let kind = kind_of(&owner);
    (kind == SpeakerKind::Organization || (issued && kind == SpeakerKind::Person)).then_some(owner)
}

/// A description with an indefinite inside introduces someone new ("the
/// mother of a conscript"); `lw` is lowercase.
fn introduces_someone(lw: &str) -> bool {
    [" of a ", " of an ", " of another ", " of one "]
        .iter()
        .any(|x| lw.contains(x))
}

/// Which kind of reference a speaker phrase is when it names nobody: 0
/// "he", 1 "she", 2 a person by role ("the minister"), 3 an unnamed source
/// ("the source"), 4 a body or document in lowercase words ("the
/// document", "the ministry"). `None` for a name, or anything longer.
fn reference_type(phrase: &str) -> Option<usize> {
    let lw = phrase.trim().to_lowercase();
    match lw.as_str() {
        "he" | "him" | "his" => return Some(0),
        "she" | "her" => return Some(1),
        _ => {}
    }
    let rest = lw.strip_prefix("the ")?;
    let words: Vec<&str> = phrase.split_whitespace().skip(1).collect();
    // ("the first source": an order the rules read, no choice to learn)
    if words.is_empty()
        || words.len() > 4
        || rest.starts_with("authors")
        || ["first ", "second ", "third "]
            .iter()
            .any(|o| rest.starts_with(o))
        || article_of(phrase).is_some()
        || made_by(phrase).is_some()
    {
        return None;
    }
    match kind_of(phrase) {
        SpeakerKind::Person if surname_of(phrase).is_none() => Some(2),
        SpeakerKind::Anonymous => Some(3),
        // a body by name ("the Collective Security Council") is a name
        SpeakerKind::Organization if !words.iter().any(|w| is_cap(w)) => Some(4),
        _ => None,
    }
}

/// Attribute every sentence of one article (see the module's doc), with
/// the shipped ranker choosing whom a reference that names nobody means.
pub fn attribute(text: &str, sentences: &[Sentence]) -> Vec<Attribution> {
    attribute_with(text, sentences, Some(crate::anaphora::shipped()), false).0
}

/// [`attribute`] with the given ranker (`None`: the rules alone), and,
/// when `record` is set, every reference that names nobody as a [`Case`]
/// (for fitting and judging a ranker).
pub fn attribute_with(
    text: &str,
    sentences: &[Sentence],
    ranker: Option<&Ranker>,
    record: bool,
) -> (Vec<Attribution>, Vec<Case>) {
    let text = &blank_title_periods(text);
    let sentences = &sentences
        .iter()
        .map(|s| Sentence {
            text: blank_title_periods(&s.text),
            ..s.clone()
        })
        .collect::<Vec<_>>();
    let paras = paragraphs(text, sentences);
    let mut para_of = vec![0; sentences.len()];
    for (pi, p) in paras.iter().enumerate() {
        for q in &mut para_of[p.first..=p.last] {
            *q = pi;
        }
    }
    let mut r = Resolver {
        now: 0,
        para_of,
        stats: Vec::new(),
        cur_subject: None,
        prev_subject: None,
        ranker,
        cases: record.then(Vec::new),
        speaking: false,
        cur_text: String::new(),
        mentioned: Vec::new(),
        known: Vec::new(),
        last_person: None,
        last_anon: None,
        last_group: None,
        last_spoke: None,
        issued: Vec::new(),
        article_doc: None,
        last_body: None,
        last_medium: None,
        subject_anon: None,
        persons_seen: Vec::new(),
        pronoun_sex: Vec::new(),
        anon_since_person: false,
        titled: None,
        obtained: None,
        subject_org: None,
        prev_subject_org: None,
        named_org: None,
        prev_named_org: None,
        named_kinds: Vec::new(),
    };
    let states = quote_states(text, sentences);
    let interviewer = interviewer_label(text, sentences);
    // a question in a dash-led paragraph is the interviewer's: read it whole
    // (the dash does not open a quote of anyone else's)
    let mut dash_question = vec![false; sentences.len()];
    for p in &paras {
        if p.dash_led && p.question {
            for q in &mut dash_question[p.first..=p.last] {
                *q = true;
            }
        }
    }
    let mut subject_person: Vec<Option<usize>> = vec![None; sentences.len()];
    let mut judging: Vec<Option<usize>> = vec![None; sentences.len()];
    // sentences whose speaker is a personal pronoun ("He also noted ...")
    let mut by_pronoun = vec![false; sentences.len()];
    let mut found: Vec<Option<usize>> = vec![None; sentences.len()];
    // how many speakers were known when each sentence began
    let mut known_before = vec![0; sentences.len()];
    // the writer of the chat message being read ("Baikal (21:16): Sign it.
    // Orders from the top."), to the end of its line
    let mut chat: Option<usize> = None;
    for (i, s) in sentences.iter().enumerate() {
        known_before[i] = r.known.len();
        r.now = i;
        r.prev_subject = r.cur_subject.take();
        r.cur_text.clear();
        if s.is_heading {
            continue;
        }
        // the part outside quotation marks is where the speaker is named;
        // an interviewer's label ("Kabar: ...") is not part of the sentence
        let body = match question_label(text, s) {
            Some(l) if Some(&l) == interviewer.as_ref() => past_label(&s.text),
            _ => past_timestamp(&s.text),
        };
        let outside = outside_quotes(body, states[i].0 && !dash_question[i]);
        // what the ranker reads of the sentence: the reporter's words only
        // ("I told her ..." inside a quote says nothing of the speaker)
        r.cur_text = outside.clone();
        let ex = explicit(&outside)
            .or_else(|| dash_tag(body, states[i].0))
            .or_else(|| r.described_body(&outside))
            .map(|f| {
                // "A survey published in January by the Sauran Research
                // Centre found": the subject is longer than the phrase kept
                // (after an opening adverbial too: "By contrast, a study
                // published in May by X argued")
                let lower = outside.to_lowercase();
                let from = lower
                    .find(&f.phrase.to_lowercase())
                    .filter(|&p| lower.len() == outside.len() && outside.is_char_boundary(p))
                    .unwrap_or(0);
                let opening: String = outside[from..]
                    .split_whitespace()
                    .take(16)
                    .collect::<Vec<_>>()
                    .join(" ");
                let whole = made_by(&f.phrase).is_none()
                    && opening.to_lowercase().starts_with(&f.phrase.to_lowercase())
                    && made_by(&opening).is_some();
                if whole {
                    Found { phrase: opening }
                } else {
                    f
                }
            });
        by_pronoun[i] = ex
            .as_ref()
            .is_some_and(|f| matches!(f.phrase.to_lowercase().as_str(), "he" | "she"));
        subject_person[i] = r.note_subject(after_dateline(&outside), ex.is_none());
        r.cur_subject = subject_person[i];
        if let Some(p) = subject_person[i] {
            r.touch(p, false);
        }
        let anon_subject = (ex.is_none() && subject_person[i].is_none())
            .then(|| r.anonymous_subject(&outside))
            .flatten()
            .or_else(|| {
                let name = ex.is_none().then(|| given_name_only(&outside)).flatten()?;
                Some(r.know(Known {
                    display: name.clone(),
                    desc: outside.split(',').next().unwrap_or("").to_lowercase(),
                    key: format!("person:{}", name.to_lowercase()),
                    kind: SpeakerKind::Person,
                    surname: Some(name),
                }))
            });
        if ex.is_none() {
            r.note_group(&outside);
            // "“Aravot” takes a more cautious line.": a press review turns
            // to the medium it names in quotation marks as its subject
            if let Some(name) = quoted_medium_subject(&s.text) {
                let m = r.know_organization(name);
                r.last_medium = Some(m);
            }
        }
        let phrase = ex.as_ref().map(|f| f.phrase.clone());
        let ex_phrase_lw = phrase.as_deref().map(str::to_lowercase);
        let ex_phrase = phrase.clone();
        // "Ostroumov, for his part, has blamed ... which, in his words,
        // ...": a pronoun means the person the sentence opens with
        let own_subject = phrase
            .as_deref()
            .is_some_and(|p| matches!(p.to_lowercase().as_str(), "he" | "she" | "his" | "her"))
            .then_some(subject_person[i])
            .flatten()
            .filter(|&k| r.known[k].kind == SpeakerKind::Person);
        // ("Talant Sydykov, a deputy, asked why ... when, in his words, ...":
        // the person it opens with, named there for the first time; not
        // "Aliyev, he said, ...", where the name is what is spoken of)
        let opening_name = (own_subject.is_none()
            && subject_person[i].is_none()
            && phrase.as_deref().is_some_and(|p| {
                matches!(p.to_lowercase().as_str(), "he" | "she" | "his" | "her")
            })
            && ["in his ", "in her ", "according to him", "according to her"]
                .iter()
                .any(|x| outside.to_lowercase().contains(x)))
        .then(|| initial_subject(&tokens(&outside)))
        .flatten()
        .filter(|p| names_person(p));
        // "When I raised the matter with X in January, he told me ...": the
        // person the speaker's own clause names before the pronoun
        let met_name = (own_subject.is_none() && opening_name.is_none())
            .then(|| met_before_pronoun(&outside, phrase.as_deref()?))
            .flatten();
        found[i] = match own_subject {
            Some(k) => Some(k),
            None => {
                r.speaking = true;
                let sp = match opening_name.or(met_name) {
                    Some(name) => r.resolve(&name),
                    None => ex.and_then(|f| r.resolve(&f.phrase)),
                };
                r.speaking = false;
                sp
            }
        };
        // "Seitkali traces the turning point to ...", "Zhumabayev himself
        // resists that conclusion", "X was not convinced": a person who has
        // spoken already, as the subject of a verb of judging, goes on
        // giving views (given after the resolver has read the article,
        // where nothing else has claimed the sentence)
        if found[i].is_none() && ex_phrase.is_none() {
            if let Some(p) = subject_person[i].filter(|&p| {
                r.known[p].kind == SpeakerKind::Person && found[..i].contains(&Some(p))
            }) {
                let judges = r.known[p]
                    .surname
                    .as_deref()
                    .is_some_and(|sn| judged_by(&outside, sn));
                if judges {
                    judging[i] = Some(p);
                }
            }
        }
        // "One of the sources, a Central Asian diplomat, said": a source
        // singled out of a group or counted, described in apposition, is
        // someone new, known by that description
        // (the phrase found may be the apposition itself: then the
        // sentence opens with the source it describes)
        let opening = outside.split(", ").next().unwrap_or("");
        let singled = phrase.as_deref().and_then(|p| {
            singled_out_source(&outside, p).or_else(|| {
                let d = singled_out_source(&outside, opening)?;
                d.to_lowercase().contains(&p.to_lowercase()).then_some(d)
            })
        });
        if let Some(desc) = singled {
            let key = format!("anonymous:{}", desc.to_lowercase());
            let p = phrase.as_deref().unwrap_or("").trim();
            // what the source was called first ("one of the sources"), for
            // "the first source" later
            let called = if desc.to_lowercase().contains(&p.to_lowercase()) {
                opening.to_lowercase()
            } else {
                p.to_lowercase()
            };
            // (the source the phrase just brought in is renamed, keeping
            // the phrase as what it is: "the second source" later)
            let fresh = found[i].filter(|&f| {
                let k = &r.known[f];
                k.kind == SpeakerKind::Anonymous && k.display == p && f + 1 == r.known.len()
            });
            let k = match (r.known.iter().position(|k| k.key == key), fresh) {
                (Some(k), _) => k,
                (None, Some(f)) => {
                    let k = &mut r.known[f];
                    k.desc = called;
                    k.display = desc;
                    k.key = key;
                    f
                }
                (None, None) => r.push(Known {
                    display: desc,
                    desc: called,
                    key,
                    kind: SpeakerKind::Anonymous,
                    surname: None,
                }),
            };
            r.last_anon = Some(k);
            r.anon_since_person = true;
            found[i] = Some(k);
        }
        // the unnamed subject stays the "he" of what follows until someone
        // else speaks or is the subject
        if (found[i].is_some() && found[i] != r.subject_anon) || subject_person[i].is_some() {
            r.subject_anon = None;
        }
        if anon_subject.is_some() {
            r.subject_anon = anon_subject;
        }
        if let (Some(sp), Some(p)) = (found[i], phrase) {
            let k = &mut r.known[sp];
            let own = apposition(&outside, &p);
            // "A report by X Monitor, a Bishkek-based think tank, argues":
            // a name described as a body is a body, whatever its last word
            let described = own.clone().or_else(|| apposition(&outside, &k.display));
            if let Some(head) = described.map(|d| core_head(&d)) {
                if k.kind == SpeakerKind::Person
                    && (matches!(
                        head.as_str(),
                        "tank" | "agency" | "company" | "firm" | "outlet"
                    ) || (BODY_NOUNS.contains(&head.as_str())
                        && !matches!(head.as_str(), "party" | "faction" | "staff")))
                {
                    k.kind = SpeakerKind::Organization;
                    k.surname = None;
                }
            }
            if let Some(d) = own {
                if !k.desc.contains(&d) {
                    k.desc = format!("{} {d}", k.desc).trim().to_string();
                }
            }
        }
        if let Some(sp) = found[i] {
            let k = &r.known[sp];
            // ("The authors count ... They also found ...": the body whose
            // authors spoke is the "they" that follows)
            let authors = ex_phrase_lw.as_deref().is_some_and(|p| {
                matches!(
                    p,
                    "the authors" | "its authors" | "the researchers" | "their authors"
                )
            });
            if (k.kind != SpeakerKind::Person && plural_group(&k.display)) || authors {
                r.last_group = Some(sp);
            }
            let document = CLASSES
                .iter()
                .find(|(c, _)| *c == "document")
                .is_some_and(|(_, m)| m.contains(&core_head(&k.display).as_str()));
            if k.kind == SpeakerKind::Organization && !document {
                r.last_body = Some(sp);
            }
            // a name the sentence shows in quotation marks, or a speaker the
            // article calls a paper, daily or channel
            let shown = ex_phrase.as_deref().is_some_and(|p| {
                !p.contains(' ')
                    && is_cap(p)
                    && ["“", "\"", "«"]
                        .iter()
                        .any(|q| s.text.contains(&format!("{q}{p}")))
            });
            // (not its sources: "the daily's sources in the government")
            let sources = k
                .display
                .split_whitespace()
                .map(|w| clean_tok(w).to_lowercase())
                .any(|w| matches!(w.as_str(), "sources" | "source"));
            // (or an outlet the register knows, or one credited at the
            // end of an item: "..., reports Economist.kg.")
            let medium = !sources
                && (k.words().iter().any(|w| MEDIA.contains(&w.as_str()))
                    || crate::outlet::register().canonical(&k.display).is_some()
                    || closing_credit(&s.text).is_some_and(|c| c == k.display));
            if shown || medium {
                r.last_medium = Some(sp);
            }
            // ("The ministry has issued a statement on ..., APA reports.":
            // the body that opens the sentence issued it, not the agency
            // that reports it)
            if let Some(doc) = issued_in(&outside) {
                let issuer = r
                    .subject_org
                    .filter(|&b| b != sp && !is_document(&r.known[b].display))
                    .unwrap_or(sp);
                r.issued.push((doc, issuer));
            }
        } else if let (Some(doc), Some(body)) = (
            issued_in(&outside),
            // ("After the briefing, the CSTO Secretariat handed out ...")
            r.subject_org
                .or(r.named_org.filter(|&b| !is_document(&r.known[b].display))),
        ) {
            // "The Permanent Council has adopted a statement on ...": the
            // body that opens the sentence issued it, for a later "the
            // statement says"
            r.issued.push((doc, body));
        } else if let Some((noun, body)) = finding_mentioned(&outside) {
            // "A report published in February by Safe Frontiers, a
            // Dushanbe-based group, paints a bleaker picture.": the body
            // made it, for a later "the report states"
            let i = r.know_organization(body);
            r.issued.push((noun, i));
        }
        if let Some(doc) = obtained_document(&outside) {
            r.obtained = Some(r.know_organization(doc));
        }
        // "Deputy Minister X presented the bill. According to him, ...":
        // the person a sentence is about, when nobody else speaks in it
        if found[i].is_none() {
            if let Some(p) = subject_person[i] {
                if r.known[p].kind == SpeakerKind::Person {
                    r.note_person(p);
                }
            }
        }
        // a chat log quoted line by line
        if opens_line(text, s) {
            chat = chat_label(&s.text).and_then(|n| r.resolve(&n));
        }
        if found[i].is_none() {
            found[i] = chat;
        }
        r.last_spoke = found[i];
        if let Some(sp) = found[i] {
            r.touch(sp, true);
        }
        r.sync_stats();
        r.note_mentions(&s.text);
    }
    // an interview in question-and-answer form: what follows a question
    // belongs to the person interviewed
    // a transcript whose title names who speaks ("Briefing by ..."): the
    // title's index and the speaker
    let titled = speech_title(text, sentences).and_then(|(at, p)| {
        r.resolve(&p)
            .filter(|&k| r.known[k].kind == SpeakerKind::Person)
            .map(|k| (at, k))
    });
    r.titled = titled.map(|(_, k)| k);
    let asked = interview_answers(
        text,
        sentences,
        &states,
        &paras,
        &mut r,
        &known_before,
        &mut found,
    );
    // an interview whose turns open with a dash: answers belong to the
    // person interviewed, the questions to the interviewer
    let before_interview = found.clone();
    let mut locked = dash_interview(sentences, &paras, &mut r, &known_before, &mut found);
    for (l, a) in locked.iter_mut().zip(&asked) {
        *l |= *a;
    }
    // a transcript under a title that names its speaker ("Briefing by
    // ...") is the speaker's, the opening remarks before any question too
    if let Some((at, x)) = titled {
        speaks_from(at + 1, x, sentences, &locked, &r, &mut found);
    }
    // a verbatim record: each turn is the speaker its label line names
    record_turns(text, sentences, &paras, &mut r, &mut locked, &mut found);
    // a letters page: each letter is its signer's, from its heading (or
    // the signature before it) to its signature line ("— Name, City")
    signed_letters(text, sentences, &mut r, &mut found);
    // a document printed in full after the article says so ("The text of
    // the Joint Declaration is published below.")
    document_in_full(sentences, &mut r, &mut found);
    // "He also noted ..." after an interview's answers is the person who
    // answered last
    let mut answered: Option<usize> = None;
    for i in 0..found.len() {
        if found[i] != before_interview[i] {
            answered = found[i];
        } else if by_pronoun[i] {
            if let Some(a) = answered {
                found[i] = Some(a);
            }
        } else if found[i].is_some() || sentences[i].is_heading {
            answered = None;
        }
    }
    // "‘Where were you?’ Grigoryan wrote.": a quote that closes on a
    // question or exclamation mark is split from its tag; a short sentence
    // that is only the tag names the quote's speaker
    let n = sentences.len();
    for i in 1..n {
        let (Some(sp), prev) = (found[i], &sentences[i - 1]) else {
            continue;
        };
        let t = sentences[i].text.trim();
        let closes = prev.text.trim_end().ends_with(['”', '’', '"', '»'])
            && prev
                .text
                .trim_end()
                .trim_end_matches(['”', '’', '"', '»'])
                .ends_with(['?', '!']);
        let bare = t.split_whitespace().count() <= 6
            && !t.contains(['“', '”', '"', '«', '»', '‘', ',', ':'])
            && t.ends_with('.');
        if !closes || !bare || prev.is_heading || states[i].0 || locked[i - 1] {
            continue;
        }
        // back to where the quote opened
        let mut k = i - 1;
        while k > 0 && states[k].0 && !sentences[k - 1].is_heading {
            k -= 1;
        }
        for f in &mut found[k..i] {
            *f = Some(sp);
        }
    }
    // quotes over several sentences: one speaker for the whole quote; a
    // quote with no speaker of its own continues the speaker just before it
    // a paragraph of one line with no full stop, question or exclamation
    // mark is a subhead or pull quote ("‘A hand extended in good faith’"),
    // no continuation of the quote before it
    let mut subhead = vec![false; n];
    for p in &paras {
        if p.first == p.last && !sentences[p.first].text.contains(['.', '?', '!', '…']) {
            subhead[p.first] = true;
        }
    }
    // (not a name in quotation marks that opens the sentence: "“Aravot”
    // takes a more cautious line.")
    let is_quote_start = |k: usize| {
        let t = sentences[k].text.trim_start();
        (t.starts_with(['“', '"', '«', '‘']) && quoted_medium_subject(t).is_none()) || states[k].0
    };
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && states[j].1 && states[j + 1].0 && !sentences[j + 1].is_heading {
            j += 1;
        }
        // the speaker of the sentence before, or the person it opened with
        // ("X made the same point in an interview: ..." then a quote)
        let inherited = (i > 0
            && is_quote_start(i)
            && !sentences[i - 1].is_heading
            && !locked[i]
            && !subhead[i])
            .then(|| found[i - 1].or(subject_person[i - 1]))
            .flatten();
        if j > i || inherited.is_some() {
            if let Some(sp) = (i..=j).find_map(|k| found[k]).or(inherited) {
                for k in i..=j {
                    if found[k].is_none() && !locked[k] && !sentences[k].is_heading {
                        found[k] = Some(sp);
                    }
                }
            }
        }
        i = j + 1;
    }
    for (f, j) in found.iter_mut().zip(&judging) {
        if f.is_none() {
            *f = *j;
        }
    }
    // texts printed in full under headings of their own ("Deputy
    // inquiry", "Reply to the deputy inquiry", "Right of reply: X"), and
    // sections signed by different people ("Point: ..." / "By X"), over
    // what the sentences inside found, but for others' words they quote
    printed_texts(text, sentences, &mut r, &mut found);
    signed_sections(text, sentences, &mut r, &mut found);
    survey_figures(text, sentences, &states, &r, &mut found);
    named_later(sentences, &mut r, &mut found);
    // a body named by its initials ("The CSTO says ...") under the full
    // name the page gives it somewhere ("Collective Security Treaty
    // Organization")
    for k in r.known.iter_mut() {
        let bare = k
            .display
            .strip_prefix("The ")
            .or_else(|| k.display.strip_prefix("the "))
            .unwrap_or(&k.display);
        // (an outlet keeps the name the register knows it by: "APA")
        if crate::outlet::register().canonical(bare).is_some() {
            continue;
        }
        if let Some(full) = spelled_out(text, bare) {
            k.display = full;
            k.kind = SpeakerKind::Organization;
        }
    }
    // a document named by its kind alone ("the report", "the study")
    // under the title the page gives it ("published “X”, a 96-page study")
    if let Some(title) = titled_document(text) {
        for k in r.known.iter_mut() {
            let bare = k.display.to_lowercase();
            let bare = bare.strip_prefix("the ").unwrap_or(&bare);
            if TITLED_KINDS.contains(&bare) {
                k.display = title.clone();
            }
        }
    }
    let out = found
        .iter()
        .map(|f| match f {
            Some(k) => {
                let kn = &r.known[*k];
                Attribution {
                    speaker: kn.display.clone(),
                    key: kn.key.clone(),
                    kind: kn.kind,
                }
            }
            None => Attribution::author(),
        })
        .collect();
    (out, r.cases.unwrap_or_default())
}

/// "A survey by X found ... Only 9 per cent said ..., while 58 per cent
/// backed ...": a sentence of a survey's figures (respondents, per cent)
/// right after one given to the body that made a survey, poll or study
/// goes on with that body.
fn survey_figures(
    text: &str,
    sentences: &[Sentence],
    states: &[(bool, bool)],
    r: &Resolver,
    found: &mut [Option<usize>],
) {
    // (in a new paragraph, only where it names the respondents or the
    // survey again)
    let named = |lw: &str| {
        ["respondents", "survey", "poll"]
            .iter()
            .any(|w| lw.contains(w))
    };
    let figures = |lw: &str| {
        named(lw) || lw.contains("per cent") || lw.contains("percent") || lw.contains('%')
    };
    for i in 1..sentences.len() {
        let s = &sentences[i];
        let lw = s.text.to_lowercase();
        let gap = text
            .get(sentences[i - 1].end.min(s.start)..s.start)
            .unwrap_or("");
        let new_paragraph = gap.contains('\n');
        if found[i].is_some()
            || s.is_heading
            || states[i].0
            || !figures(&lw)
            || (new_paragraph && !named(&lw))
        {
            continue;
        }
        let Some(sp) = found[i - 1] else {
            continue;
        };
        let polled = r
            .issued
            .iter()
            .any(|(d, k)| *k == sp && matches!(d.as_str(), "survey" | "poll" | "study"));
        if polled && !sentences[i - 1].is_heading {
            found[i] = Some(sp);
        }
    }
}

/// "... said a retired schoolteacher at her gate. The teacher, Siranush
/// Petrosyan, 71, has lived here all her life": an unnamed speaker whom
/// the article names in an apposition ("The <noun>, <Name>,", "Its
/// <noun>, <Name>,") is that person, on every sentence given to them, the
/// earlier ones too. The description's head noun must end with the
/// apposition's ("schoolteacher", "teacher"); the naming nearest after the
/// speaker's first sentence wins, else the last one before it.
fn named_later(sentences: &[Sentence], r: &mut Resolver, found: &mut [Option<usize>]) {
    let described = |kn: &Known| {
        matches!(kn.kind, SpeakerKind::Person | SpeakerKind::Anonymous)
            && surname_of(&kn.display).is_none()
            && ["a ", "an ", "the ", "one "]
                .iter()
                .any(|d| kn.display.to_lowercase().starts_with(d))
    };
    // "... said a man repairing a tractor. ... He gave his name only as
    // Karen and said ...": the unnamed speaker just before is the one named
    for i in 0..sentences.len() {
        let t = sentences[i].text.trim_start();
        let Some(named) = found[i] else {
            continue;
        };
        if !(t.starts_with("He ") || t.starts_with("She ")) || given_name(t).is_none() {
            continue;
        }
        let before = last_before(found, i, |k| k != named);
        if let Some(k) = before.filter(|&k| described(&r.known[k])) {
            reassign(found, k, named);
        }
    }
    // "Her name is Gulnora Saidova, and she is 44.": the unnamed speaker of
    // that sex met last
    for (i, s) in sentences.iter().enumerate() {
        let t = s.text.trim_start();
        let female = if t.starts_with("Her name is ") {
            true
        } else if t.starts_with("His name is ") {
            false
        } else {
            continue;
        };
        let name: Vec<&str> = t[12..]
            .split_whitespace()
            .take(4)
            .take_while(|w| is_cap(clean_tok(w)))
            .collect();
        let ends = name
            .iter()
            .position(|w| w.ends_with([',', '.', ';']))
            .map_or(name.len(), |k| k + 1);
        let name = name[..ends]
            .iter()
            .map(|w| clean_tok(w))
            .collect::<Vec<_>>()
            .join(" ");
        if name.is_empty() {
            continue;
        }
        let before = last_before(found, i, |k| {
            described(&r.known[k]) && r.known[k].female() == Some(female)
        });
        if let Some(k) = before {
            give_name(r, found, k, &name);
        }
    }
    let namings: Vec<(usize, String, String)> = sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.is_heading)
        .filter_map(|(i, s)| naming_apposition(&s.text).map(|(h, n)| (i, h, n)))
        .collect();
    if namings.is_empty() {
        return;
    }
    let n_known = r.known.len();
    for k in 0..n_known {
        let Some(first) = found.iter().position(|f| *f == Some(k)) else {
            continue;
        };
        let kn = &r.known[k];
        if !described(kn) {
            continue;
        }
        let head = core_head(&kn.display);
        let fits = |h: &str| head == h || (h.len() >= 4 && head.ends_with(h));
        let pick = namings
            .iter()
            .find(|(i, h, _)| *i > first && fits(h))
            .or_else(|| {
                namings
                    .iter()
                    .rev()
                    .find(|(i, h, _)| *i <= first && fits(h))
            });
        let Some((_, _, name)) = pick else {
            continue;
        };
        give_name(r, found, k, name);
    }
}

/// The unnamed speaker `k` is the person `name`: one the article met under
/// that name takes their sentences, else `k` is renamed.
fn give_name(r: &mut Resolver, found: &mut [Option<usize>], k: usize, name: &str) {
    let same = (0..r.known.len()).find(|&j| {
        j != k && r.known[j].kind == SpeakerKind::Person && same_speaker(&r.known[j].display, name)
    });
    match same {
        Some(j) => reassign(found, k, j),
        None => {
            let surname = surname_of(name);
            let kn = &mut r.known[k];
            kn.desc = format!("{} {}", kn.desc, kn.display.to_lowercase())
                .trim()
                .to_string();
            kn.key = format!(
                "person:{}",
                surname.as_deref().unwrap_or(name).to_lowercase()
            );
            kn.display = name.to_string();
            kn.kind = SpeakerKind::Person;
            kn.surname = surname;
        }
    }
}

/// The speaker of the latest sentence before `i` that `keep` accepts.
fn last_before(found: &[Option<usize>], i: usize, keep: impl Fn(usize) -> bool) -> Option<usize> {
    found[..i]
        .iter()
        .rev()
        .flatten()
        .copied()
        .find(|&k| keep(k))
}

/// Every sentence given to speaker `from` goes to `to`.
fn reassign(found: &mut [Option<usize>], from: usize, to: usize) {
    for f in found.iter_mut().filter(|f| **f == Some(from)) {
        *f = Some(to);
    }
}

/// "The teacher, Siranush Petrosyan, 71, ...", "Its representative,
/// Colonel Andrei Sokolovsky, gave ...": the apposition's head noun
/// (lowercase) and the name, when a sentence opens with one or a verb
/// that reports is followed by one ("..., said the spokesman, Pavel
/// Grodov, ...").
fn naming_apposition(s: &str) -> Option<(String, String)> {
    let all: Vec<&str> = s.split_whitespace().collect();
    // at the start, or after a verb that reports (", said the spokesman,
    // Pavel Grodov, the secretariat's press secretary")
    (0..all.len())
        .filter(|&k| {
            k == 0
                || SPEECH_VERBS.contains(&clean_tok(all[k - 1]).to_lowercase().as_str())
                    && !all[k - 1].ends_with(['.', ','])
        })
        .find_map(|k| naming_apposition_at(&all[k..]))
}

fn naming_apposition_at(ws: &[&str]) -> Option<(String, String)> {
    let det = clean_tok(ws.first()?).to_lowercase();
    if !matches!(det.as_str(), "the" | "its" | "his" | "her" | "their") {
        return None;
    }
    // one to three lowercase words, the last closing on a comma
    let end = ws.iter().take(5).position(|w| w.ends_with(','))?;
    if end == 0 || end > 3 || ws[1..=end].iter().any(|w| is_cap(clean_tok(w))) {
        return None;
    }
    let head = clean_tok(ws[end]).to_lowercase();
    // the name: capitalised words up to the next comma
    let mut name = Vec::new();
    for w in &ws[end + 1..] {
        let c = clean_tok(w);
        if c.is_empty() || !is_cap(c) || name.len() == 5 {
            return None;
        }
        name.push(c);
        if w.ends_with(',') {
            break;
        }
    }
    let name = name.join(" ");
    (kind_of(&name) == SpeakerKind::Person && surname_of(&name).is_some()).then_some((head, name))
}

/// One paragraph: its sentences (indices, inclusive), whether it opens with
/// a dash and whether it ends with a question mark.
#[derive(Debug, Clone)]
struct Paragraph {
    first: usize,
    last: usize,
    dash_led: bool,
    question: bool,
    heading: bool,
}

fn paragraphs(text: &str, sentences: &[Sentence]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut prev_end = 0;
    for (i, s) in sentences.iter().enumerate() {
        let gap = &text[prev_end.min(s.start)..s.start];
        prev_end = s.end;
        let starts =
            i == 0 || gap.contains('\n') || s.is_heading || out.last().is_some_and(|p| p.heading);
        if starts {
            let t = s.text.trim_start();
            out.push(Paragraph {
                first: i,
                last: i,
                dash_led: t.starts_with("- ") || t.starts_with("– ") || t.starts_with("— "),
                question: false,
                heading: s.is_heading,
            });
        }
        let p = out.last_mut().expect("a paragraph was opened");
        p.last = i;
        p.question = s
            .text
            .trim_end()
            .trim_end_matches(['"', '”', '»', '’'])
            .ends_with('?');
    }
    out
}

/// Interviews whose turns open with a dash (two or more dash-led
/// paragraphs, one of them answering a question): a question, or a
/// paragraph without a dash that leads straight into a dash-led answer and
/// names no person speaking, is the interviewer's (an explicit source in it
/// keeps its speaker; the rest is the author's, and no quote carries over
/// into it). A dash-led answer with no speaker of its own belongs to the
/// person the paragraph before it quoted by name, else to the person
/// interviewed (the last person the article named before the first
/// question); paragraphs without a dash that follow an answer and name no
/// speaker continue it. Returns the sentences whose speaker is settled.
fn dash_interview(
    sentences: &[Sentence],
    paras: &[Paragraph],
    r: &mut Resolver,
    known_before: &[usize],
    found: &mut [Option<usize>],
) -> Vec<bool> {
    let mut locked = vec![false; found.len()];
    let dash_answers = paras.iter().filter(|p| p.dash_led && !p.question).count();
    let answer_at = |k: usize| {
        paras
            .get(k)
            .is_some_and(|p| p.dash_led && !p.question && !p.heading)
    };
    // an interview asks: some question is answered by a dash-led paragraph
    let asks = (0..paras.len()).any(|k| paras[k].question && answer_at(k + 1));
    // (one exchange is enough where the question is dash-led too: "– Is
    // Kazakhstan going to ...? / – No such decision ...")
    let dashed_exchange =
        (0..paras.len()).any(|k| paras[k].question && paras[k].dash_led && answer_at(k + 1));
    if (dash_answers < 2 && !dashed_exchange) || !asks {
        return locked;
    }
    // the person interviewed: the last person named before the first
    // exchange ("Asia-Plus asked security analyst X to assess ..."), else
    // the last person the article has quoted
    let Some(first_turn) = (0..paras.len()).find(|&k| {
        answer_at(k + 1) && !paras[k].heading && (paras[k].question || !paras[k].dash_led)
    }) else {
        return locked;
    };
    let before: Vec<&str> = sentences[..paras[first_turn].first]
        .iter()
        .filter(|s| !s.is_heading)
        .map(|s| s.text.as_str())
        .collect();
    let named = last_name_before(&before.join(" "))
        .and_then(|n| r.resolve(&n))
        .filter(|&k| r.known[k].kind == SpeakerKind::Person);
    // a person an answer names as speaking ("The brigade commander,
    // Colonel X, told us: ...") keeps the sentence, and so does "he" right
    // after them in the answer (unnamed sources are left to the answer)
    let mut cited: Vec<Option<usize>> = vec![None; found.len()];
    for p in paras
        .iter()
        .filter(|p| p.dash_led && !p.question && !p.heading)
    {
        let mut last: Option<usize> = None;
        for i in p.first..=p.last {
            let t = sentences[i].text.trim_start_matches(['—', '–', '-', ' ']);
            let Some(f) = explicit(&outside_quotes(t, false)) else {
                last = None;
                continue;
            };
            let lw = f.phrase.to_lowercase();
            if matches!(lw.as_str(), "he" | "she") {
                cited[i] = last;
                continue;
            }
            // a person named with a name of two words or more
            let named = f.phrase.split_whitespace().count() >= 2
                && !first_person(&f.phrase)
                && !opens_with_common_word(&f.phrase)
                && kind_of(&f.phrase) == SpeakerKind::Person
                && surname_of(&f.phrase).is_some();
            cited[i] = named
                .then(|| r.resolve(&f.phrase))
                .flatten()
                .filter(|&k| r.known[k].kind == SpeakerKind::Person);
            last = cited[i];
        }
    }
    let r: &Resolver = r;
    let named_person = |p: &Paragraph, found: &[Option<usize>]| {
        found[p.first..=p.last]
            .iter()
            .rev()
            .flatten()
            .copied()
            .find(|&k| r.known[k].kind == SpeakerKind::Person && r.known[k].surname.is_some())
    };
    let prompt = |k: usize, found: &[Option<usize>]| {
        let p = &paras[k];
        !p.heading
            && (p.question || (!p.dash_led && answer_at(k + 1) && named_person(p, found).is_none()))
    };
    let Some(first_q) = (0..paras.len()).find(|&k| prompt(k, found) && answer_at(k + 1)) else {
        return locked;
    };
    let Some(interviewee) = named.or_else(|| {
        r.known[..known_before[paras[first_q].first]]
            .iter()
            .rposition(|k| k.kind == SpeakerKind::Person)
    }) else {
        return locked;
    };
    let mut answerer: Option<usize> = None;
    for k in first_q..paras.len() {
        let p = &paras[k];
        if p.heading {
            answerer = None;
            continue;
        }
        if prompt(k, found) {
            for i in p.first..=p.last {
                locked[i] = true;
                // the interviewer addressing the interviewee ("Mr X, what
                // ...?") is not the interviewee speaking
                if found[i] == Some(interviewee) {
                    found[i] = None;
                }
            }
            answerer = None;
        } else if p.dash_led {
            // the speaker the paragraph before introduced ("X noted that
            // ...", "a source told the agency:"), unless it was a question
            let who = (k > 0 && !prompt(k - 1, found) && !paras[k - 1].heading)
                .then(|| {
                    found[paras[k - 1].first..=paras[k - 1].last]
                        .iter()
                        .rev()
                        .flatten()
                        .copied()
                        .next()
                })
                .flatten()
                .unwrap_or(interviewee);
            for (f, c) in found[p.first..=p.last]
                .iter_mut()
                .zip(&cited[p.first..=p.last])
            {
                if f.is_none() {
                    *f = Some(c.unwrap_or(who));
                }
            }
            answerer = Some(who);
        } else if answerer
            .is_some_and(|a| names_in_third_person(r, a, &sentences[p.first..=p.last]))
        {
            // "Belsat could not verify every part of Kavalchuk's account.":
            // the article speaks of the one who answered; the interview is over
            answerer = None;
        } else if let Some(a) = answerer.filter(|_| {
            // (a single exchange ends with its answer)
            dash_answers >= 2
            // the answer goes on where the paragraph names no speaker, or
            // where the one answering speaks in it ("X later told me: ..."):
            // a person it quotes keeps their sentences
            && (found[p.first..=p.last].iter().all(Option::is_none)
                || sentences[p.first..=p.last]
                    .iter()
                    .any(|s| first_person(&outside_quotes(&s.text, false))))
        }) {
            for f in &mut found[p.first..=p.last] {
                f.get_or_insert(a);
            }
        } else if found[p.first..=p.last].iter().any(Option::is_some) {
            answerer = named_person(p, found);
        }
    }
    locked
}

/// Whether `text` has a first-person word ("I", "we", "our", ...): the
/// voice of someone answering, not of the reporter.
/// A paragraph names person `a` by surname outside quotes, as the article
/// speaks of someone, not as they speak ("... Kavalchuk's account.").
fn names_in_third_person(r: &Resolver, a: usize, paragraph: &[Sentence]) -> bool {
    let Some(surname) = r.known[a].surname.as_deref() else {
        return false;
    };
    paragraph.iter().any(|s| {
        outside_quotes(&s.text, false)
            .split_whitespace()
            .map(|w| clean_tok(w).trim_end_matches("’s").trim_end_matches("'s"))
            .any(|w| w == surname)
    })
}

fn first_person(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        matches!(
            clean_tok(w).to_lowercase().as_str(),
            "i" | "we" | "our" | "us" | "my" | "me"
        )
    })
}

/// A label's name without the role in brackets after it ("Oleg Kirsanov
/// (CSTO Deputy Secretary General)" gives "Oleg Kirsanov ").
fn label_name(label: &str) -> &str {
    match (label.find('('), label.rfind(')')) {
        (Some(a), Some(b)) if a < b && label[b + 1..].trim().is_empty() => &label[..a],
        _ => label,
    }
}

/// The label of a question line in an interview ("Kabar:", "Q:",
/// "Question:"): up to four words, capitalised, then a colon, at the start
/// of a line.
fn question_label(text: &str, s: &Sentence) -> Option<String> {
    let line_start = opens_line(text, s);
    if !line_start {
        return None;
    }
    let (label, _) = past_timestamp(&s.text).split_once(':')?;
    // ("Moderator Aibek Zhunusov, Official Representative of the
    // Ministry:": the name before a title given after a comma)
    let label = match label.split_once(',') {
        Some((name, _))
            if label.split_whitespace().count() <= 12
                && !label.contains(['“', '"'])
                && (2..=4).contains(&name.split_whitespace().count())
                && name.split_whitespace().all(is_cap) =>
        {
            name
        }
        _ => label,
    };
    // a role in brackets after the name is no part of its length
    let words: Vec<&str> = label_name(label).split_whitespace().collect();
    let capitalised = words
        .first()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    if words.is_empty() || words.len() > 4 || !capitalised || label.contains(['“', '"', ',']) {
        return None;
    }
    // a briefing's questions name the asker's outlet in brackets
    // ("Question (Izvestia):", "Question (RIA Novosti):"): one label
    let name = label_name(label).trim();
    if matches!(name.to_lowercase().as_str(), "question" | "q") {
        return Some(name.to_string());
    }
    Some(label.trim().to_string())
}

/// A label that is one capitalised word, as a first name is ("Saule"),
/// and no generic one ("Question", "Answer", "Host").
fn given_label(label: &str) -> Option<&str> {
    let l = label_name(label).trim();
    let generic = matches!(
        l.to_lowercase().as_str(),
        "q" | "a" | "question" | "answer" | "host" | "guest" | "interviewer" | "moderator"
            | "reply" | "response" | "note" | "editor" | "interview"
    ) || outlet_voice_label(l)
        // an outlet asking ("Kazinform:", "Euronews:")
        || crate::outlet::register().canonical(l).is_some();
    (!generic
        && l.len() > 2
        && !l.contains(' ')
        && is_cap(l)
        && l.chars().all(|c| c.is_alphabetic() || c == '-'))
    .then_some(l)
}

/// The person a transcript's title says is speaking: "Briefing by Foreign
/// Ministry Spokeswoman X, Moscow, March 12" or "Remarks by Minister X at
/// ..." give the phrase up to the place, time or occasion ("Foreign
/// Ministry Spokeswoman X"), and the index of the title. Looked for on
/// the lines of the page's head (its first fifteen sentences).
fn speech_title(text: &str, sentences: &[Sentence]) -> Option<(usize, String)> {
    const OPENERS: &[&str] = &[
        "briefing by ",
        "press briefing by ",
        "remarks by ",
        "opening remarks by ",
        "speech by ",
        "address by ",
        "statement by ",
        "lecture by ",
        "transcript of remarks by ",
        "transcript of the briefing by ",
    ];
    sentences.iter().enumerate().take(15).find_map(|(i, s)| {
        let t = s.text.trim();
        let lw = t.to_lowercase();
        let opener = OPENERS.iter().find(|o| lw.starts_with(*o))?;
        if !opens_line(text, s) {
            return None;
        }
        let rest = &t[opener.len()..];
        let end = [",", " at ", " to ", " on ", " in ", " during ", " before "]
            .iter()
            .filter_map(|e| rest.find(e))
            .min()
            .unwrap_or(rest.len());
        let phrase = rest[..end].trim().trim_end_matches(['.', ':']);
        let (name, _) = trailing_name(phrase)?;
        (name.split_whitespace().count() >= 2).then(|| (i, phrase.to_string()))
    })
}

/// Speaker `k`, found in a sentence of someone's speech, is a speaker of
/// its own there (a person by name, an unnamed source, a body or
/// document), not a stray word ("Moscow", "We are aware").
fn names_own_speaker(r: &Resolver, k: usize) -> bool {
    let kn = &r.known[k];
    kn.display.split_whitespace().count() >= 2
        && match kn.kind {
            SpeakerKind::Person => kn.surname.is_some(),
            SpeakerKind::Anonymous => speaker_like(&kn.display),
            SpeakerKind::Organization => true,
            _ => false,
        }
}

/// The speaker a verbatim record's label names, at the start of a line and
/// before a colon: a post and a name with the speaker's faction or country
/// in brackets and what the record adds after a comma ("Deputy Minister of
/// Foreign Affairs X:", "Vice President of the National Assembly X
/// (presiding):", "Deputy X (Faction), from the floor:", "Mr. X (Country):
/// Thank you, ..."). Gives the name ("X", with its given name where the
/// label has one) and whether the label stands on a line of its own.
fn turn_label(text: &str, s: &Sentence) -> Option<(String, bool)> {
    if !opens_line(text, s) {
        return None;
    }
    let t = s.text.trim();
    let (label, rest) = t.split_once(':')?;
    let own_line = rest.trim().is_empty();
    if label.split_whitespace().count() > 16
        || label.contains(['“', '”', '"', '«', '?', '!', ';'])
        || label.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    // brackets out, and what follows a comma ("from the floor")
    let mut bare = String::new();
    let mut depth = 0usize;
    for c in label.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    let bare = bare.split(',').next().unwrap_or("").trim();
    let ws: Vec<&str> = bare.split_whitespace().collect();
    // "Mr. X", "Ms. X": a surname under a courtesy title
    if let [title, surname] = ws.as_slice() {
        let courtesy = matches!(
            title.trim_end_matches('.'),
            "Mr" | "Ms" | "Mrs" | "Madam" | "Madame"
        );
        if courtesy && is_cap(surname) && surname.chars().all(char::is_alphabetic) {
            return Some((surname.to_string(), own_line));
        }
    }
    let (name, _) = trailing_name(bare)?;
    let words = name.split_whitespace().count();
    let person = words >= 2
        && name
            .split_whitespace()
            .all(|w| w.chars().all(|c| c.is_alphabetic() || "-'’".contains(c)))
        && kind_of(&name) == SpeakerKind::Person
        && !opens_with_common_word(&name);
    person.then_some((name, own_line))
}

/// A verbatim record, or any transcript whose turns open with a label
/// naming the speaker ([`turn_label`]): where two or more labels stand on
/// lines of their own and name people, every sentence from one label to
/// the next is the words of the person it names (the label line itself and
/// stage directions in brackets, "(Applause)", are nobody's). A sentence
/// quoting someone else by name keeps that speaker. The last turn ends at
/// a paragraph with no first or second person in it after the turn's
/// first (a closing note of the record's publisher). Sentences an
/// interview's reading has settled (`locked`) are left alone; those given
/// here are locked.
fn record_turns(
    text: &str,
    sentences: &[Sentence],
    paras: &[Paragraph],
    r: &mut Resolver,
    locked: &mut [bool],
    found: &mut [Option<usize>],
) {
    let labels: Vec<Option<(String, bool)>> = sentences
        .iter()
        .enumerate()
        .map(|(i, s)| (!locked[i]).then(|| turn_label(text, s)).flatten())
        .collect();
    if labels.iter().flatten().filter(|(_, own)| *own).count() < 2 {
        return;
    }
    // (every sentence's paragraph, as the resolver keeps it)
    let paragraph = r.para_of.clone();
    let para_of = |i: usize| paragraph.get(i).copied();
    let last_label = labels.iter().rposition(Option::is_some).unwrap_or(0);
    let mut by: Option<usize> = None;
    let mut turn_para = None;
    let mut ended = false;
    for (i, s) in sentences.iter().enumerate() {
        if let Some((name, own_line)) = &labels[i] {
            by = if name.contains(' ') {
                trailing_name(name)
                    .and_then(|(_, sn)| r.find_or_meet_surname(&sn))
                    .or_else(|| r.resolve(name))
            } else {
                r.find_or_meet_surname(name)
            }
            .filter(|&k| r.known[k].kind == SpeakerKind::Person);
            turn_para = para_of(i);
            if *own_line {
                found[i] = None;
                locked[i] = true;
                continue;
            }
        }
        let Some(x) = by else { continue };
        if locked[i] && labels[i].is_none() {
            continue;
        }
        let t = s.text.trim();
        let direction = t.starts_with('(') && t.ends_with(')');
        if s.is_heading || direction {
            found[i] = None;
            locked[i] = true;
            continue;
        }
        // the record's own closing note after the last turn
        if i > last_label && !ended {
            if let Some(p) = para_of(i).filter(|&p| Some(p) != turn_para && paras[p].first == i) {
                let personal = sentences[paras[p].first..=paras[p].last].iter().any(|s| {
                    first_person(&s.text)
                        || s.text
                            .split(|c: char| !c.is_alphanumeric())
                            .any(|w| matches!(w.to_lowercase().as_str(), "you" | "your"))
                });
                ended = !personal;
            }
        }
        if ended {
            continue;
        }
        let quotes_other = found[i].is_some_and(|k| k != x && names_own_speaker(r, k))
            && t.contains(['“', '”', '"', '«', '»']);
        if !quotes_other {
            found[i] = Some(x);
        }
        locked[i] = true;
    }
}

/// Verbs of judging that report a view when a speaker already heard is
/// their subject, beyond [`REPORTING_LEMMAS`] ("X traces the turning point
/// to ...", "X resists that conclusion").
const JUDGING_LEMMAS: &[&str] = &[
    "trace", "see", "dispute", "resist", "want", "expect", "doubt",
];

/// The sentence opens with `surname` (a person's name ending in it, within
/// its first five words) as the subject of a verb of judging: an -s or -ed
/// form of a reporting or judging lemma ("Seitkali traces ..."), "sees"
/// and "saw", or a view after a copula ("X was not convinced", "X is less
/// optimistic"), past "himself", "also", an adverb, "does not" or an
/// insertion between commas ("X, for one, does not expect ...").
fn judged_by(s: &str, surname: &str) -> bool {
    let toks = tokens(s);
    let Some(at) = toks
        .iter()
        .take(5)
        .position(|t| clean_tok(t.1).trim_end_matches("’s").trim_end_matches("'s") == surname)
    else {
        return false;
    };
    // the name runs up to the surname ("Ms Kholova", "Aigerim Seitkali")
    if !toks[..at].iter().all(|t| is_cap(clean_tok(t.1))) || toks[at].1.ends_with(['’', '\'']) {
        return false;
    }
    let mut k = at + 1;
    // an insertion between commas ("X, for one, ...")
    if toks[at].1.ends_with(',') {
        match toks[k..].iter().take(4).position(|t| t.1.ends_with(',')) {
            Some(j) => k += j + 1,
            None => return false,
        }
    }
    while let Some(t) = toks.get(k) {
        let w = clean_tok(t.1).to_lowercase();
        let skip = matches!(
            w.as_str(),
            "himself" | "herself" | "also" | "too" | "still" | "does" | "did" | "do" | "not"
        ) || verb_adverb(&toks, k);
        if !skip || t.1.ends_with(',') {
            break;
        }
        k += 1;
    }
    let Some(v) = toks.get(k).map(|t| clean_tok(t.1).to_lowercase()) else {
        return false;
    };
    let copula = matches!(v.as_str(), "is" | "was" | "remains" | "remained")
        && toks[k + 1..]
            .iter()
            .take(3)
            .map(|t| clean_tok(t.1).to_lowercase())
            .find(|x| !DEGREE_WORDS.contains(&x.as_str()))
            .is_some_and(|x| ATTITUDES.contains(&x.as_str()));
    // (what a speaker did not say is no view: "X did not mention ...")
    let negated = toks[at + 1..k].iter().any(|t| clean_tok(t.1) == "not");
    copula
        || (!negated
            && (matches!(v.as_str(), "sees" | "saw")
                || inflected_of(&v, REPORTING_LEMMAS, false)
                || inflected_of(&v, JUDGING_LEMMAS, false)))
}

/// Kinds of document that a page may name by a title of their own.
const TITLED_KINDS: &[&str] = &[
    "report",
    "study",
    "paper",
    "analysis",
    "survey",
    "book",
    "monograph",
    "assessment",
    "brief",
];

/// The title of the one document the page names by a title in quotation
/// marks and says what kind it is: "published “X”, a 96-page study of
/// ...", "a report titled “X”", "the study, “X”,". `None` where the page
/// names none, or more than one.
fn titled_document(text: &str) -> Option<String> {
    let mut titles: Vec<String> = Vec::new();
    let mut rest = text;
    let mut at = 0;
    while let Some(open) = rest.find(['“', '"']) {
        let from = at + open;
        let inner_start = from + text[from..].chars().next().map_or(1, char::len_utf8);
        let Some(len) = text[inner_start..].find(['”', '"']) else {
            break;
        };
        let title = text[inner_start..inner_start + len].trim_end_matches([',', '.']);
        let after_at = inner_start
            + len
            + text[inner_start + len..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
        let after = &text[after_at..];
        let before = &text[..from];
        let n = title.split_whitespace().count();
        let capitalised = title.chars().next().is_some_and(char::is_uppercase);
        let kind_word = |w: &str| {
            let w = clean_tok(w).to_lowercase();
            TITLED_KINDS.contains(&w.as_str())
        };
        // ", a 96-page study of ...": the apposition after the title
        let apposed = after
            .strip_prefix(", ")
            .or_else(|| after.strip_prefix(" ,"))
            .is_some_and(|a| {
                let ws: Vec<&str> = a.split_whitespace().take(6).collect();
                ws.first().is_some_and(|w| {
                    matches!(w.to_lowercase().as_str(), "a" | "an" | "its" | "the")
                }) && ws
                    .iter()
                    .take_while(|w| !w.ends_with([',', '.', ';']) || kind_word(w))
                    .any(|w| kind_word(w))
            });
        // "a report titled “...”", "the study “...”"
        let named_before = {
            let ws: Vec<&str> = before.split_whitespace().rev().take(3).collect();
            ws.iter().any(|w| kind_word(w))
                && ws.first().is_some_and(|w| {
                    matches!(
                        clean_tok(w).to_lowercase().as_str(),
                        "titled" | "entitled" | "called"
                    ) || kind_word(w)
                })
        };
        if capitalised
            && (2..=16).contains(&n)
            && (apposed || named_before)
            && !titles.iter().any(|t| t == title)
        {
            titles.push(title.to_string());
        }
        at = after_at;
        rest = &text[at..];
    }
    (titles.len() == 1).then(|| titles.remove(0))
}

/// Nouns for what a person says to an audience, printed in full.
const SPEECH_NOUNS: &[&str] = &["speech", "remarks", "lecture", "toast", "keynote"];

/// Every sentence from `from` on is `x`'s words, but for questions put
/// (`asks`), headings, and sentences that name a speaker of their own (a
/// person by name, an unnamed source, a body or document); a place's name
/// ("Moscow calls on ...") is the speaker's voice. Lines that only
/// announce what follows ("Answers to media questions:") are nobody's.
fn speaks_from(
    from: usize,
    x: usize,
    sentences: &[Sentence],
    asks: &[bool],
    r: &Resolver,
    found: &mut [Option<usize>],
) {
    for (i, s) in sentences.iter().enumerate().skip(from) {
        let t = s.text.trim();
        let announces = t.ends_with(':') && t.split_whitespace().count() <= 5;
        if announces {
            found[i] = None;
        }
        if s.is_heading || asks[i] || announces {
            continue;
        }
        if !found[i].is_some_and(|k| k != x && names_own_speaker(r, k)) {
            found[i] = Some(x);
        }
    }
}

/// The name after a speaker's "I'm" or "I am" ("And I'm Kamila
/// Rustamova" gives "Kamila Rustamova").
fn self_introduced(phrase: &str) -> Option<&str> {
    let lw = phrase.to_lowercase().replace('’', "'");
    ["i'm ", "i am "].iter().find_map(|m| {
        let at = lw.find(m)?;
        let before = lw[..at].trim();
        (before.is_empty() || matches!(before, "and" | "hi," | "hello," | "hi" | "hello"))
            .then(|| phrase[at + m.len()..].trim())
            .filter(|rest| !rest.is_empty() && rest.split_whitespace().all(is_cap))
    })
}

/// The name that initials `acr` ("CSTO", "NBKR") stand for in `text`: a
/// run of capitalised words, with "of", "the", "and" and "for" inside it,
/// whose capitals' initials spell it ("National Bank of the Kyrgyz
/// Republic"). `None` where `acr` is no run of two to six capitals or the
/// text spells it out nowhere.
fn spelled_out(text: &str, acr: &str) -> Option<String> {
    if !(2..=6).contains(&acr.len()) || !acr.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let ws: Vec<&str> = text.split_whitespace().collect();
    let joiner = |w: &str| matches!(w, "of" | "the" | "and" | "for");
    for start in 0..ws.len() {
        let mut initials = String::new();
        let mut words: Vec<&str> = Vec::new();
        for w in &ws[start..] {
            let c = clean_tok(w);
            if is_cap(c) && c.chars().all(|ch| ch.is_alphabetic() || ch == '-') && c != acr {
                initials.push(c.chars().next()?);
                words.push(c);
            } else if !words.is_empty() && joiner(c) {
                words.push(c);
            } else {
                break;
            }
            if initials.len() >= acr.len() || w.ends_with([',', '.', ';', ':', ')']) {
                break;
            }
        }
        if initials == acr && words.last().is_some_and(|w| !joiner(w)) {
            return Some(words.join(" "));
        }
    }
    None
}

/// `words` occur in `text` as whole words.
fn find_words(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A turn's words past its label and any timestamp before it ("[00:01:03]
/// Kamila: What ..." gives "What ...").
fn past_label(t: &str) -> &str {
    let t = past_timestamp(t);
    t.split_once(':').map_or(t, |x| x.1.trim_start())
}

/// A broadcast transcript's label for the programme's own voice
/// ("REPORTER (VOICE-OVER)", "ANCHOR", "NARRATOR"): the outlet speaking,
/// as its interviewer does.
fn outlet_voice_label(label: &str) -> bool {
    let name = label_name(label).trim().to_lowercase();
    matches!(
        name.as_str(),
        "reporter"
            | "correspondent"
            | "anchor"
            | "presenter"
            | "narrator"
            | "voice-over"
            | "voiceover"
    )
}

/// Sentence `s` opens a line of `text` (a label, a signature or a turn
/// can only stand there).
fn opens_line(text: &str, s: &Sentence) -> bool {
    s.start == 0 || text[..s.start].ends_with('\n')
}

/// A title with its words in capitals written as names are ("JOINT
/// DECLARATION" gives "Joint Declaration"), other words as they stand.
fn title_case_words(t: &str) -> String {
    t.split_whitespace()
        .map(|w| {
            let capitals = w.chars().filter(|c| c.is_alphabetic()).count() > 1
                && w.chars().all(|c| !c.is_lowercase());
            if capitals {
                as_name(w)
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word written in capitals as a name is written ("SADYKOV" gives
/// "Sadykov").
fn as_name(w: &str) -> String {
    let lw = w.to_lowercase();
    let mut c = lw.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// A line giving only a place and a date ("Minsk, 11 June 2026").
fn place_and_date(t: &str) -> bool {
    t.split_whitespace().count() <= 5 && t.chars().any(|c| c.is_ascii_digit())
}

/// The person a broadcast soundbite's caption names: a run of two to four
/// words in capitals before the colon, past the tag and language in front
/// ("SOUNDBITE (Kazakh) NAME SURNAME, Major General, ...: text" gives
/// "NAME SURNAME").
fn soundbite_name(line: &str) -> Option<String> {
    let (caption, _) = line.split_once(':')?;
    let ws: Vec<&str> = caption.split_whitespace().collect();
    if ws.len() > 20 {
        return None;
    }
    let caps = |w: &str| {
        let w = w.trim_end_matches(',');
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars().all(|c| c.is_uppercase() || c == '-' || c == '\'')
    };
    let tag = |w: &str| {
        matches!(
            w.trim_end_matches(','),
            "SOUNDBITE" | "SOT" | "SYNC" | "UPSOUND" | "VOICE-OVER" | "VO" | "INTERVIEW"
        )
    };
    let mut k = 0;
    while k < ws.len() {
        if !caps(ws[k]) || tag(ws[k]) {
            k += 1;
            continue;
        }
        let mut e = k;
        while e < ws.len() && caps(ws[e]) && !tag(ws[e]) {
            e += 1;
            if ws[e - 1].ends_with(',') {
                break;
            }
        }
        if (2..=4).contains(&(e - k)) {
            let name: Vec<String> = ws[k..e]
                .iter()
                .map(|w| as_name(w.trim_end_matches(',')))
                .collect();
            return Some(name.join(" "));
        }
        k = e.max(k + 1);
    }
    None
}

/// The label that opens the questions of an interview: a [`question_label`]
/// that opens two or more lines (the most frequent one), most of them
/// asking something (a "Read also:" list of headlines asks nothing).
fn interviewer_label(text: &str, sentences: &[Sentence]) -> Option<String> {
    let mut counts: std::collections::BTreeMap<String, (usize, usize)> =
        std::collections::BTreeMap::new();
    for s in sentences {
        if let Some(l) = question_label(text, s) {
            let line = text[s.start..].split('\n').next().unwrap_or("");
            let c = counts.entry(l).or_default();
            c.0 += 1;
            c.1 += usize::from(line.contains('?'));
        }
    }
    counts
        .into_iter()
        .filter(|&(_, (n, asks))| n >= 2 && asks * 2 >= n)
        .max_by_key(|(l, (n, _))| (*n, l.clone()))
        .map(|(l, _)| l)
}

/// Question-and-answer interviews. The questions are the lines a label
/// opens two or more times ("Kabar: ...?", "Q: ..."), or, where the
/// answers carry no dash, the paragraphs that open with a dash (two or more
/// of them asking). Every sentence after a question, up to the next one,
/// that names no speaker of its own is the interviewee's: the person the
/// text before the first question introduces with what they are ("retired
/// colonel X", "X, a political scientist,"), else the last person it quoted,
/// else the last person it named.
/// An interview whose questions stand as paragraphs of their own, with no
/// label or dash: at least three short paragraphs (up to three sentences)
/// that end in a question and are followed by a paragraph that does not,
/// one of them at least put to someone ("you", or a name it opens with;
/// an author's rhetorical questions are put to nobody). The question
/// paragraphs, or `None`.
fn question_paragraphs<'p>(
    sentences: &[Sentence],
    paras: &'p [Paragraph],
) -> Option<Vec<&'p Paragraph>> {
    let addressed = |p: &Paragraph| {
        sentences[p.first..=p.last].iter().any(|s| {
            s.text
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| matches!(w.to_lowercase().as_str(), "you" | "your"))
        })
    };
    let quoted = |p: &Paragraph| {
        sentences[p.first]
            .text
            .trim_start()
            .starts_with(['“', '"', '«', '‘'])
    };
    let qs: Vec<(usize, &Paragraph)> = paras
        .iter()
        .enumerate()
        .filter(|(_, p)| p.question && p.last - p.first <= 2 && !quoted(p))
        .collect();
    let answered: Vec<&Paragraph> = qs
        .iter()
        .filter(|(k, _)| paras.get(k + 1).is_some_and(|n| !n.question && !n.heading))
        .map(|(_, p)| *p)
        .collect();
    // "Andrei Viktorovich, the exercise is over. What ...?": a question
    // that opens by naming whom it asks
    let vocative = |p: &Paragraph| {
        let t = sentences[p.first].text.as_str();
        t.split_once(", ").is_some_and(|(head, _)| {
            let ws: Vec<&str> = head.split_whitespace().collect();
            (1..=3).contains(&ws.len())
                && ws.iter().all(|w| is_cap(w))
                && !opens_with_common_word(head)
        })
    };
    let asked = answered
        .iter()
        .filter(|p| addressed(p) || vocative(p))
        .count();
    (answered.len() >= 3 && asked >= 1).then_some(answered)
}

fn interview_answers(
    text: &str,
    sentences: &[Sentence],
    states: &[(bool, bool)],
    paras: &[Paragraph],
    r: &mut Resolver,
    known_before: &[usize],
    found: &mut [Option<usize>],
) -> Vec<bool> {
    let mut asks = vec![false; sentences.len()];
    // who answers, where the answers carry a label of their own
    // ("Ghazaryan: Because ...")
    let mut answered_by: Vec<Option<usize>> = vec![None; sentences.len()];
    let interviewer = interviewer_label(text, sentences);
    if let Some(label) = interviewer.clone() {
        // a transcript whose answers carry labels of their own (two or
        // more lines under a person's name): there a paragraph with no
        // label goes on with whoever spoke last, the host included
        let labelled_answers = sentences
            .iter()
            .filter(|s| !s.is_heading && opens_line(text, s))
            .filter_map(|s| question_label(text, s))
            .filter(|l| *l != label && kind_of(label_name(l)) == SpeakerKind::Person)
            .count()
            >= 2;
        let mut in_question = false;
        let mut by = None;
        for (i, s) in sentences.iter().enumerate() {
            if opens_line(text, s) {
                let l = question_label(text, s);
                // a heading is no turn ("Evening Debate: Does ...?"), though
                // a short question may look like one
                if s.is_heading && l.as_deref() != Some(label.as_str()) {
                    continue;
                }
                // the programme's own voice ("REPORTER (VOICE-OVER): ...")
                // speaks as the interviewer does, for the outlet
                let own_voice = l.as_deref().is_some_and(outlet_voice_label);
                in_question = match &l {
                    Some(l) => *l == label || own_voice,
                    None => labelled_answers && in_question,
                };
                // only a person the article has named ("Ghazaryan" for Artur
                // Ghazaryan), never a new one ("A:", "Interview:")
                // (a paragraph with no label goes on with the one who spoke
                // under the last); a soundbite's caption names someone new
                // ("SOUNDBITE (Kazakh) NAME SURNAME, title: ...")
                by = match l {
                    Some(l) if !in_question => given_label(&l)
                        .and_then(|g| r.find_given(g, text))
                        .or_else(|| {
                            surname_of(&l)
                                .filter(|sn| sn.len() > 2)
                                .and_then(|sn| r.find_or_meet_surname(&sn))
                        })
                        .filter(|&k| r.known[k].kind == SpeakerKind::Person),
                    None => match soundbite_name(&s.text).and_then(|n| r.resolve(&n)) {
                        Some(k) if r.known[k].kind == SpeakerKind::Person => {
                            in_question = false;
                            Some(k)
                        }
                        _ => by,
                    },
                    _ => None,
                };
            }
            asks[i] = in_question;
            answered_by[i] = by;
        }
    } else {
        let dashed = |p: &&Paragraph| p.dash_led;
        let questions = paras.iter().filter(dashed).filter(|p| p.question).count();
        let answers = paras.iter().filter(dashed).filter(|p| !p.question).count();
        if questions >= 2 && answers < questions {
            for p in paras.iter().filter(dashed) {
                for q in &mut asks[p.first..=p.last] {
                    *q = true;
                }
            }
        } else if let Some(qs) = (!paras.iter().any(|p| p.dash_led))
            .then(|| question_paragraphs(sentences, paras))
            .flatten()
        {
            // questions set apart as paragraphs of their own, with no label
            // or dash (bold type lost in the text)
            for p in qs {
                for q in &mut asks[p.first..=p.last] {
                    *q = true;
                }
            }
        } else {
            return asks;
        }
    }
    let Some(first_q) = asks.iter().position(|&a| a) else {
        return asks;
    };
    // answers labelled with a person's name in any interview form
    // ("Oleg Kirsanov (deputy secretary general): If I may add ..."): that
    // person answers until the next question or label
    if answered_by.iter().all(Option::is_none) {
        let mut by = None;
        for (i, s) in sentences.iter().enumerate().skip(first_q) {
            if asks[i] {
                by = None;
                continue;
            }
            let line_start = opens_line(text, s);
            if line_start {
                if let Some(l) = question_label(text, s) {
                    let name = label_name(&l).trim().to_string();
                    by = (kind_of(&name) == SpeakerKind::Person)
                        .then(|| surname_of(&name))
                        .flatten()
                        .filter(|sn| sn.len() > 2)
                        .and_then(|sn| {
                            r.find_or_meet_surname(&sn).or_else(|| {
                                // a full name met for the first time
                                (name.split_whitespace().count() >= 2
                                    && name.split_whitespace().all(is_cap))
                                .then(|| r.resolve(&name))
                                .flatten()
                            })
                        })
                        .filter(|&k| r.known[k].kind == SpeakerKind::Person);
                }
            }
            answered_by[i] = by;
        }
    }
    // the interview's own lede: after the last heading with two sentences
    // or more of text between it and the first question (a page may carry
    // another story before it, "Interview: ..." heading the second)
    let lede_from = (0..first_q)
        .rev()
        .find(|&h| {
            sentences[h].is_heading
                && sentences[h + 1..first_q]
                    .iter()
                    .filter(|s| !s.is_heading)
                    .count()
                    >= 2
        })
        .map_or(0, |h| h + 1);
    // who the lede from sentence `from` brings in to answer: the person it
    // introduces with what they are, else the last person quoted, else the
    // last person named
    let interviewee_from = |from: usize, r: &mut Resolver| {
        let lede: Vec<&str> = sentences[from..first_q]
            .iter()
            .filter(|s| !s.is_heading)
            .map(|s| s.text.as_str())
            .collect();
        let lede = lede.join(" ");
        introduced_person(&lede)
            .and_then(|n| r.resolve(&n))
            .filter(|&k| r.known[k].kind == SpeakerKind::Person)
            .or_else(|| {
                r.known[..known_before[first_q]]
                    .iter()
                    .rposition(|k| k.kind == SpeakerKind::Person)
                    .filter(|&k| from == 0 || k >= known_before[from])
            })
            .or_else(|| {
                last_name_before(&lede)
                    .and_then(|n| r.resolve(&n))
                    .filter(|&k| r.known[k].kind == SpeakerKind::Person)
            })
    };
    // (else the speaker a transcript's title names: "Briefing by ...")
    let labelled = answered_by.iter().flatten().next().copied().or(r.titled);
    // (the whole page before the first question where the item's own lede
    // names no one: a caption read as a heading may stand inside the lede)
    let Some(interviewee) = labelled
        .or_else(|| interviewee_from(lede_from, r))
        .or_else(|| (lede_from > 0).then(|| interviewee_from(0, r)).flatten())
    else {
        return vec![false; sentences.len()];
    };
    // after the last question, a paragraph of narration ends the interview:
    // it speaks of someone in the third person ("..., the press service
    // said") and has no first-person word of the answers
    let last_q = asks.iter().rposition(|&a| a).unwrap_or(first_q);
    // (the first person of a quote in the paragraph is the quoted speaker's)
    let first_person = |k: usize| first_person(&outside_quotes(&sentences[k].text, states[k].0));
    let mut end = sentences.len();
    for p in paras.iter().filter(|p| p.first > last_q) {
        let labelled =
            answered_by[p.first].is_some() && question_label(text, &sentences[p.first]).is_some();
        // "Editor's note: The interviews were edited for length.", "The
        // opinions of the experts may not coincide with the position of
        // the editorial board": the outlet closing the interview
        let editorial = sentences[p.first..=p.last].iter().any(|s| {
            let lw = s.text.trim_start().to_lowercase().replace('’', "'");
            ["editor's note", "editorial note", "note:"]
                .iter()
                .any(|x| lw.starts_with(x))
                || lw.contains("editorial board")
                || lw.contains("edited for length")
        });
        if editorial && !labelled {
            end = p.first;
            break;
        }
        let narration = !labelled
            && !(p.first..=p.last).any(first_person)
            && (p.first..=p.last).any(|k| {
                found[k].is_some_and(|f| f != interviewee && Some(f) != answered_by[k])
                    && !states[k].0
            });
        if narration {
            end = p.first;
            break;
        }
    }
    // the people who answer under labels of their own: in a round table,
    // what one of them says of another ("I listened carefully to Vera
    // Alexandrovna", "As my colleague from Yerevan said") is the words of
    // the one answering
    let participants: Vec<usize> = answered_by.iter().flatten().copied().collect();
    for (i, s) in sentences.iter().enumerate().take(end).skip(first_q) {
        let in_question = asks[i];
        // a short question may look like a heading; any other heading
        // after the last question (a share bar, related links) ends the
        // interview, a caption between two answers does not
        if s.is_heading && !in_question && !asks[i..].contains(&true) {
            asks[i..].iter_mut().for_each(|a| *a = false);
            break;
        }
        // the answer is the interviewee's, the people it cites included
        // ("As the president put it, ..."), except for words in quotation
        // marks given to someone else
        let quoted = states[i].0 || s.text.contains(['“', '”', '"', '«', '»', '‘']);
        // someone the answer names as speaking ("Colonel X told me that
        // ...", "a report by the Y Institute found ...") speaks in it; a
        // country, a treaty or the interviewee's own words do not
        let cited = found[i].is_some_and(|k| {
            let kn = &r.known[k];
            let ws = kn.display.split_whitespace().count();
            let first = kn
                .display
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase();
            // "He never said it again": a pronoun opening the sentence
            let pronoun = s
                .text
                .split_whitespace()
                .next()
                .is_some_and(|w| PRONOUNS.contains(&clean_tok(w).to_lowercase().as_str()));
            k != interviewee
                && Some(k) != answered_by[i]
                && (quoted || !participants.contains(&k))
                && !pronoun
                && ws >= 2
                && !matches!(first.as_str(), "i" | "we" | "our" | "my" | "more" | "that")
                && match kn.kind {
                    SpeakerKind::Person => kn.surname.is_some(),
                    SpeakerKind::Anonymous => speaker_like(&kn.display),
                    SpeakerKind::Organization => !matches!(
                        core_head(&kn.display).as_str(),
                        "treaty" | "charter" | "article" | "constitution" | "law"
                    ),
                    _ => false,
                }
        });
        let answering = answered_by[i].unwrap_or(interviewee);
        if !in_question && !s.is_heading {
            if let Some(k) = told_the_answerer(text, s, states[i].0, found, i, answering, r) {
                found[i] = Some(k);
                continue;
            }
            // "I discussed this with X, who was deputy minister then. He
            // said ...": one who answers as "I" is not the "he" of the
            // answer; the person named in the sentence before is
            if let Some(k) = i
                .checked_sub(1)
                .filter(|_| !states[i].0 && opens_with_pronoun_report(&s.text))
                .filter(|&j| !asks[j])
                .and_then(|j| last_name_before(&outside_quotes(&sentences[j].text, states[j].0)))
                .and_then(|n| r.resolve(&n))
                .filter(|&k| k != answering && r.known[k].kind == SpeakerKind::Person)
            {
                found[i] = Some(k);
                continue;
            }
        }
        if !in_question && !s.is_heading && (found[i].is_none() || !(quoted || cited)) {
            found[i] = Some(answering);
        }
    }
    // turns under a person's label before the first question (a press
    // conference's opening statements) are that person's too
    for i in 0..first_q {
        if let Some(k) = answered_by[i] {
            let s = &sentences[i];
            if !s.is_heading
                && !asks[i]
                && !found[i].is_some_and(|f| f != k && names_own_speaker(r, f))
            {
                found[i] = Some(k);
            }
        }
    }
    // a transcript's moderator, labelled by full name ("Dmitry Lavrinov:
    // Good afternoon, colleagues."), is a participant who speaks, not the
    // outlet asking: what the turns under the label assert is theirs (its
    // questions assert nothing and stay the interviewer's, as does a note
    // after the last turn)
    // (or by the first name of someone the page names in full: "Kamila:"
    // for Kamila Rustamova)
    if let Some(k) = interviewer
        .clone()
        .map(|l| label_name(&l).trim().to_string())
        .and_then(|n| {
            let ws: Vec<&str> = n.split_whitespace().collect();
            let full = (2..=4).contains(&ws.len())
                && ws.iter().all(|w| is_cap(w))
                && kind_of(&n) == SpeakerKind::Person
                && surname_of(&n).is_some();
            if full {
                r.resolve(&n)
            } else {
                given_label(&n).and_then(|g| r.find_given(g, text))
            }
        })
        .filter(|&k| r.known[k].kind == SpeakerKind::Person)
    {
        let mut under_label = false;
        for (i, s) in sentences.iter().enumerate() {
            if opens_line(text, s) {
                under_label = question_label(text, s) == interviewer;
            }
            if asks[i] && under_label && !s.is_heading && !s.text.trim_end().ends_with('?') {
                found[i] = Some(k);
            }
        }
    }
    // the questions are settled: the interviewer's, no quote runs into them
    asks
}

/// The document an article announces it prints in full: "The text of the
/// Joint Declaration is published below.", "Below is the full text of the
/// statement:" give "the Joint Declaration", "the statement".
fn announced_document(s: &str) -> Option<String> {
    let t = s.trim();
    let low = t.to_lowercase();
    // ("Full text of the speech:": a line ending in a colon announces
    // what follows it)
    let below = ["below", "follows"].iter().any(|w| low.contains(w)) || low.ends_with(':');
    let at = low.find("text of ")? + "text of ".len();
    if !below {
        return None;
    }
    let rest = &t[at..];
    let end = [" is ", " was ", " reads", ":", " follows", " below", "."]
        .iter()
        .filter_map(|e| rest.find(e))
        .min()
        .unwrap_or(rest.len());
    let doc = rest[..end].trim();
    let n = doc.split_whitespace().count();
    let head = core_head(doc);
    let document = DOC_HEADS.contains(&head.as_str())
        || TEXT_DOCUMENTS.contains(&head.as_str())
        || matches!(head.as_str(), "appeal" | "address" | "memorandum")
        || SPEECH_NOUNS.contains(&head.as_str());
    ((1..=8).contains(&n) && document).then(|| doc.to_string())
}

/// A document printed in full after the sentence that announces it: its
/// sentences are the document's, named by the title that heads it where
/// one does ("JOINT DECLARATION" and the line "of the Ministers ..."
/// under it), else as the announcement names it (for a statement, the body
/// that issued it). The announcement, the title and the place and date
/// under it stay the author's.
fn document_in_full(sentences: &[Sentence], r: &mut Resolver, found: &mut [Option<usize>]) {
    let Some((at, doc)) = sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.is_heading)
        .find_map(|(i, s)| announced_document(&s.text).map(|d| (i, d)))
    else {
        return;
    };
    // the title: headings right after it, and a line continuing one in
    // lowercase ("of the Ministers of ..."), less a translation notice
    let mut k = at + 1;
    let mut title: Vec<String> = Vec::new();
    while k < sentences.len() {
        let t = sentences[k].text.trim();
        let continues = !title.is_empty() && t.starts_with(|c: char| c.is_lowercase());
        // (the place and date under it end the title: "Osh, 4 May 2026")
        if (sentences[k].is_heading || continues) && !place_and_date(t) {
            if !t.to_lowercase().contains("translation") {
                title.push(title_case_words(t));
            }
            k += 1;
        } else {
            break;
        }
    }
    let title = title.join(" ");
    let doc_head = core_head(&doc);
    let name = if core_head(&title) == doc_head {
        title
    } else {
        doc
    };
    // a speech printed in full ("Full text of the speech:") is the words
    // of the person the lede before it names, to the end of the page, but
    // for the words of others it cites
    if SPEECH_NOUNS.contains(&doc_head.as_str()) || doc_head == "address" {
        let lede: Vec<&str> = sentences[..at]
            .iter()
            .rev()
            .take(4)
            .rev()
            .map(|s| s.text.as_str())
            .collect();
        if let Some(x) = last_name_before(&lede.join(" "))
            .and_then(|n| r.resolve(&n))
            .filter(|&x| r.known[x].kind == SpeakerKind::Person)
        {
            let asks = vec![false; sentences.len()];
            speaks_from(at + 1, x, sentences, &asks, r, found);
            return;
        }
    }
    let Some(d) = r.resolve(&name) else {
        return;
    };
    // it runs until the article speaks again: a person named speaking, the
    // document spoken of from outside ("the statement"), or a paragraph
    // opening on the time of the story ("Later on Tuesday, ...")
    let head = core_head(&name);
    for i in k..sentences.len() {
        let t = sentences[i].text.trim();
        let low = t.to_lowercase();
        let person = found[i].is_some_and(|f| r.known[f].kind == SpeakerKind::Person);
        let spoken_of = low.contains(&format!("the {head}"));
        let resumes = ["later", "earlier", "meanwhile"]
            .iter()
            .any(|w| low.starts_with(w));
        if person || spoken_of || resumes {
            break;
        }
        // (the place and date under the title stay the author's)
        if !sentences[i].is_heading && !place_and_date(t) && found[i].is_none() {
            found[i] = Some(d);
        }
    }
}

/// Kinds of text a page may print in full under a heading of their own.
const PRINTED_KINDS: &[&str] = &[
    "statement",
    "reply",
    "response",
    "declaration",
    "reservation",
    "inquiry",
    "letter",
    "appeal",
    "address",
    "speech",
    "communique",
    "communiqué",
    "resolution",
    "memorandum",
    "comment",
    "answer",
    "question",
    "message",
];

/// The kinds of text a sentence says the page prints in full ("Kabar
/// publishes the full text of the declaration.", "The texts of the inquiry
/// and the reply are published below in full.", "its reply is printed in
/// full below the article"); none where it announces nothing.
fn printed_announced(s: &str) -> Vec<String> {
    if !crate::form::printed_notice(s) {
        return Vec::new();
    }
    let low = s.to_lowercase();
    let mut kinds: Vec<String> = Vec::new();
    for w in low.split_whitespace().map(clean_tok) {
        let w = w.trim_end_matches("’s").trim_end_matches("'s");
        let w = w
            .strip_suffix('s')
            .filter(|b| PRINTED_KINDS.contains(b))
            .unwrap_or(w);
        if PRINTED_KINDS.contains(&w) && !kinds.iter().any(|k| k == w) {
            kinds.push(w.to_string());
        }
    }
    kinds
}

/// The kind of text a heading names in its first three words, before any
/// colon ("Reply to the deputy inquiry", "Right of reply: Ministry of
/// ...", "Cholpon-Ata Declaration of the ..."); `None` for other headings.
fn printed_heading_kind(t: &str) -> Option<String> {
    let head = t.split(':').next().unwrap_or(t);
    head.split_whitespace()
        .take(3)
        .map(|w| clean_tok(w).to_lowercase())
        .find(|w| PRINTED_KINDS.contains(&w.as_str()))
}

/// Who a printed text's heading says issued it: the name after the colon
/// ("Right of reply: Ministry of Foreign Affairs of X"), the body after
/// "of" or "by" where the kind opens the heading ("Reservation of the
/// Republic of X to paragraph 9 ..." gives "Republic of X"), or the text
/// itself where a name stands before its kind ("Cholpon-Ata Declaration of
/// the ..."). `None` for a heading that names no one ("Reply to the deputy
/// inquiry").
fn printed_issuer(t: &str, kind: &str) -> Option<String> {
    let t = t.trim();
    if let Some((label, name)) = t.split_once(':') {
        let name = name.trim();
        // (a name: capitalised words and the small words inside one, not
        // a question put under the label, "Question: Will Armenia ...?")
        let named = name
            .split_whitespace()
            .all(|w| is_cap(w) || matches!(w, "of" | "the" | "and" | "for" | "on" | "in"));
        if label.to_lowercase().contains(kind) && named && name.starts_with(char::is_uppercase) {
            return Some(name.to_string());
        }
    }
    let ws: Vec<&str> = t.split_whitespace().collect();
    let at = ws
        .iter()
        .position(|w| clean_tok(w).to_lowercase() == kind)?;
    if at == 0 {
        let by = ws.get(1).map(|w| w.to_lowercase())?;
        if !matches!(by.as_str(), "of" | "by" | "from") {
            return None;
        }
        let mut rest: Vec<&str> = Vec::new();
        for w in ws[2..].iter().copied() {
            if !rest.is_empty()
                && matches!(w, "to" | "on" | "regarding" | "concerning" | "in" | "at")
            {
                break;
            }
            rest.push(w);
        }
        if rest.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
            rest.remove(0);
        }
        return rest
            .first()
            .is_some_and(|w| is_cap(w))
            .then(|| rest.join(" "));
    }
    // a name before the kind: the text speaks as itself
    is_cap(ws[at - 1]).then(|| title_case_words(t))
}

/// A signature closing a printed text: a line of its own without a full
/// stop that ends on a person's name after their post ("Minister of
/// Defence of the Republic of X Name Surname" gives "Name Surname").
fn printed_signature(text: &str, s: &Sentence) -> Option<String> {
    let t = s.text.trim();
    let own_line =
        opens_line(text, s) && (s.end == text.len() || text[s.end..].starts_with(['\n', '\r']));
    let ws: Vec<&str> = t.split_whitespace().collect();
    if !own_line || t.ends_with(['.', '?', '!', ':']) || !(2..=16).contains(&ws.len()) {
        return None;
    }
    let name = ws[ws.len() - 2..].join(" ");
    let plain = |w: &str| w.chars().all(|c| c.is_alphabetic() || c == '-');
    (ws[ws.len() - 2..].iter().all(|w| is_cap(w) && plain(w))
        && kind_of(&name) == SpeakerKind::Person
        && surname_of(&name).is_some())
    .then_some(name)
}

/// Inside a text that is `x`'s, the sentence was found to give the words
/// of another person or an unnamed source (`found`), which stay theirs.
fn quoted_other(r: &Resolver, found: Option<usize>, x: usize) -> bool {
    found.is_some_and(|k| {
        k != x
            && matches!(
                r.known[k].kind,
                SpeakerKind::Person | SpeakerKind::Anonymous
            )
    })
}

/// Texts the page prints in full under headings of their own, after a
/// sentence that says so: "The texts of the inquiry and the reply are
/// published below in full." then "Deputy inquiry" ... "Reply to the
/// deputy inquiry" ...; "The text of the reservation is printed after the
/// declaration." Each text runs from its heading to the next such heading,
/// to a heading after its first sentence (the page's tags; a signature
/// is the text's last line), to a sentence that speaks of it from outside
/// ("The declaration and the reservation have also been published ...")
/// or to the end, and is the
/// words of the one who signs it at its end, else of the one its heading
/// names, else of the text itself; words it gives to someone else stay
/// theirs. The announcements and the headings stay the author's.
fn printed_texts(
    text: &str,
    sentences: &[Sentence],
    r: &mut Resolver,
    found: &mut [Option<usize>],
) {
    let n = sentences.len();
    let announced: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| {
            if s.is_heading {
                Vec::new()
            } else {
                printed_announced(&s.text)
            }
        })
        .collect();
    // the headings that open a printed text: a kind announced before them,
    // or an announcement right under them ("Right of reply: X" then "The
    // following statement was sent to ...")
    let mut starts: Vec<(usize, String)> = Vec::new();
    let mut seen: Vec<&String> = Vec::new();
    for i in 0..n {
        if sentences[i].is_heading {
            if let Some(kind) = printed_heading_kind(&sentences[i].text) {
                let under = i + 1 < n && !announced[i + 1].is_empty();
                if under || seen.contains(&&kind) {
                    starts.push((i, kind));
                }
            }
        }
        seen.extend(announced[i].iter());
    }
    let kinds: Vec<&String> = announced.iter().flatten().collect();
    for (b, (h, kind)) in starts.iter().enumerate() {
        let limit = starts.get(b + 1).map_or(n, |x| x.0);
        let mut end = limit;
        let mut begun = false;
        for (i, s) in sentences.iter().enumerate().take(limit).skip(h + 1) {
            // (a heading after the text has begun closes it: the page's
            // tags, or the signature, which is the text's last line)
            if s.is_heading && begun {
                end = i + usize::from(printed_signature(text, s).is_some());
                break;
            }
            begun |= !s.is_heading;
            let low = s.text.trim().to_lowercase();
            let spoken_of = kinds.iter().any(|k| low.starts_with(&format!("the {k}")));
            let resumes = ["later", "earlier", "meanwhile"]
                .iter()
                .any(|w| low.starts_with(w));
            if spoken_of || resumes {
                end = i;
                break;
            }
        }
        // (a title running on in lowercase, "of the Ministers of ...", and
        // the place and date under it are the title's)
        let mut first = h + 1;
        while first < end && {
            let t = sentences[first].text.trim();
            t.starts_with(char::is_lowercase) || (sentences[first].is_heading && place_and_date(t))
        } {
            first += 1;
        }
        let body = (first..end).filter(|&i| announced[i].is_empty());
        let signed = body
            .clone()
            .rev()
            .take(2)
            .find_map(|i| printed_signature(text, &sentences[i]));
        let name = signed.or_else(|| printed_issuer(&sentences[*h].text, kind));
        let Some(x) = name.and_then(|nm| r.resolve(&nm)) else {
            continue;
        };
        for i in body {
            // (words it gives to a person or an unnamed source stay theirs)
            let theirs = quoted_other(r, found[i], x);
            if !theirs {
                found[i] = Some(x);
            }
        }
    }
}

/// The person a section's byline names, on a line of its own between the
/// section's heading and its first sentence ("By Name Surname", with at
/// most a post after a comma).
fn section_byline(text: &str, heading: &Sentence, next: &Sentence) -> Option<String> {
    let gap = text.get(heading.end..next.start)?;
    gap.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("By ")?;
        let name = rest.split(',').next().unwrap_or(rest).trim();
        let ws: Vec<&str> = name.split_whitespace().collect();
        ((2..=4).contains(&ws.len())
            && ws.iter().all(|w| is_cap(w))
            && kind_of(name) == SpeakerKind::Person
            && surname_of(name).is_some())
        .then(|| name.to_string())
    })
}

/// A page of sections signed by different people (a point and its
/// counterpoint, each under its heading and "By Name"): each section, to
/// the next signed one, a heading after its first sentence or the end, is
/// its signer's, but for the words it gives to others and the note on who
/// the signer is.
fn signed_sections(
    text: &str,
    sentences: &[Sentence],
    r: &mut Resolver,
    found: &mut [Option<usize>],
) {
    let n = sentences.len();
    let signed: Vec<(usize, String)> = (0..n.saturating_sub(1))
        .filter(|&i| sentences[i].is_heading)
        .filter_map(|i| section_byline(text, &sentences[i], &sentences[i + 1]).map(|p| (i, p)))
        .collect();
    let mut names: Vec<&String> = signed.iter().map(|(_, p)| p).collect();
    names.dedup();
    if names.len() < 2 {
        return;
    }
    for (b, (h, name)) in signed.iter().enumerate() {
        let end = signed.get(b + 1).map_or(n, |x| x.0);
        let Some(x) = r
            .resolve(name)
            .filter(|&k| r.known[k].kind == SpeakerKind::Person)
        else {
            continue;
        };
        let mut begun = false;
        for i in h + 1..end {
            // (a heading after the section has begun ends it: the page's
            // tags; and "X is a senior fellow at ..." is the page's note
            // on who wrote it)
            if sentences[i].is_heading && begun {
                break;
            }
            begun |= !sentences[i].is_heading;
            if sentences[i]
                .text
                .trim_start()
                .starts_with(&format!("{name} is "))
            {
                continue;
            }
            let theirs = quoted_other(r, found[i], x);
            if !sentences[i].is_heading && !theirs {
                found[i] = Some(x);
            }
        }
    }
}

/// The name a letter's signature line gives: a line of its own that opens
/// with a dash, then a name of two to four capitalised words, then at most
/// a place or a title after a comma ("— Narine Avetisyan, Yerevan").
fn signature_name(text: &str, s: &Sentence) -> Option<String> {
    let own_line =
        opens_line(text, s) && text[s.end..].starts_with(['\n', '\r']) | (s.end == text.len());
    let t = s.text.trim();
    let rest = t.strip_prefix(['—', '–', '-'])?.trim_start();
    let (name, after) = rest.split_once(',').unwrap_or((rest, ""));
    let ws: Vec<&str> = name.split_whitespace().collect();
    let ok = own_line
        && (2..=4).contains(&ws.len())
        && ws.iter().all(|w| is_cap(w))
        && after.split_whitespace().count() <= 6
        && !t.ends_with(['?', '!']);
    ok.then(|| ws.join(" "))
}

/// Letters to the editor signed at their end: where two or more
/// signature lines stand in an article, the sentences of each letter (from
/// the heading before it, else the signature before it) are the signer's,
/// unless a sentence names a speaker of its own.
fn signed_letters(
    text: &str,
    sentences: &[Sentence],
    r: &mut Resolver,
    found: &mut [Option<usize>],
) {
    let sigs: Vec<(usize, String)> = sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.is_heading)
        .filter_map(|(i, s)| signature_name(text, s).map(|n| (i, n)))
        .collect();
    if sigs.len() < 2 {
        return;
    }
    let mut prev_end = 0;
    for (sig, name) in sigs {
        // (the first letter needs its heading: what stands before it is
        // the editor's)
        let from = prev_end;
        prev_end = sig + 1;
        let start = match (from..sig).rev().find(|&h| sentences[h].is_heading) {
            Some(h) => h + 1,
            None if from > 0 => from,
            None => continue,
        };
        let Some(k) = r
            .resolve(&name)
            .filter(|&k| r.known[k].kind == SpeakerKind::Person)
        else {
            continue;
        };
        for i in start..sig {
            if !sentences[i].is_heading && found[i].is_none() {
                found[i] = Some(k);
            }
        }
    }
}

/// "He said ...", "She told us ...": a sentence that opens with a
/// pronoun and a verb that reports.
fn opens_with_pronoun_report(s: &str) -> bool {
    let ws: Vec<String> = s
        .split_whitespace()
        .take(3)
        .map(|w| clean_tok(w).to_lowercase())
        .collect();
    ws.len() >= 2
        && matches!(ws[0].as_str(), "he" | "she")
        && (SPEECH_VERBS.contains(&ws[1].as_str())
            || (adverb_before_verb(&ws[1])
                && ws
                    .get(2)
                    .is_some_and(|w| SPEECH_VERBS.contains(&w.as_str()))))
}

/// In an answer, someone who spoke to the one answering ("When I met my
/// counterpart, Anahit Sargsyan, she told me that ...", "'...,' she said
/// to me", "One commissioner told me ..."): a verb that reports with
/// "me" or "us" after it. The speaker is the one the rules found when not
/// the one answering, else the last person named before the verb in the
/// sentence, else, for a pronoun, whoever the sentence before gave it to
/// when that was someone other than the one answering.
fn told_the_answerer(
    text: &str,
    s: &Sentence,
    start_inside: bool,
    found: &[Option<usize>],
    i: usize,
    answering: usize,
    r: &mut Resolver,
) -> Option<usize> {
    // (without the label that opens an answer, "Nurbekova: ...")
    let text = match question_label(text, s) {
        Some(_) => past_label(&s.text),
        None => s.text.as_str(),
    };
    let outside = outside_quotes(text, start_inside);
    let toks = tokens(&outside);
    let v = (0..toks.len().saturating_sub(1)).find(|&k| {
        let w = clean_tok(toks[k].1).to_lowercase();
        let next = clean_tok(toks[k + 1].1).to_lowercase();
        let after = toks.get(k + 2).map(|t| clean_tok(t.1).to_lowercase());
        SPEECH_VERBS.contains(&w.as_str())
            && (matches!(next.as_str(), "me" | "us")
                || (next == "to" && matches!(after.as_deref(), Some("me" | "us"))))
    })?;
    let person = |r: &Resolver, k: usize| k != answering && r.known[k].kind == SpeakerKind::Person;
    if let Some(k) = found[i].filter(|&k| k != answering) {
        return Some(k);
    }
    let before = &outside[..toks[v].0];
    if let Some(k) = last_name_before(before).and_then(|n| r.resolve(&n)) {
        if person(r, k) {
            return Some(k);
        }
    }
    // "One commissioner told me ...": a described source
    if let Some(p) =
        subject_before(&toks, v).filter(|p| !PRONOUNS.contains(&p.to_lowercase().as_str()))
    {
        if speaker_like(&p) {
            return r
                .resolve(&speaker_phrase(text, &p))
                .filter(|&k| k != answering);
        }
    }
    let subject = clean_tok(toks[v.saturating_sub(1)].1).to_lowercase();
    if matches!(subject.as_str(), "he" | "she") {
        return i
            .checked_sub(1)
            .and_then(|j| found[j])
            .filter(|&k| person(r, k));
    }
    None
}

/// The sentence with quoted stretches blanked out (so a speech verb inside
/// a quote does not count).
fn outside_quotes(s: &str, start_inside: bool) -> String {
    let mut inside = start_inside;
    // a quote that starts inside and has no double mark was opened by ‘
    let mut single = start_inside && !s.contains(['“', '”', '"', '«', '»']);
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        let mut toggles = matches!(c, '“' | '”' | '"' | '«' | '»');
        match c {
            '“' | '«' => (inside, single) = (true, false),
            '”' | '»' => (inside, single) = (false, false),
            '"' => (inside, single) = (straight_opens(&chars, k).unwrap_or(!inside), false),
            '‘' | '’' => {
                if let Some(open) = single_quote(&chars, k, inside, single) {
                    (inside, single) = (open, open);
                    toggles = true;
                }
            }
            _ => {}
        }
        if toggles {
            out.push(c);
        } else if inside {
            out.push(if c.is_whitespace() { ' ' } else { '_' });
        } else {
            out.push(c);
        }
    }
    quoted_names_shown(&chars, out)
}

/// `out` ([`outside_quotes`]) with the names of media that a press review
/// puts in quotation marks shown again: a quoted name of one to three
/// capitalised words, after "to", "by" or a medium's noun or before a
/// verb in lowercase ("“Hraparak” claims ...", "According to “Hraparak,”
/// ...", "the daily “Aravot” writes").
fn quoted_names_shown(chars: &[char], out: String) -> String {
    let mut shown: Vec<char> = out.chars().collect();
    if shown.len() != chars.len() {
        return out;
    }
    let word_before = |k: usize| -> String {
        let head: String = chars[..k].iter().collect();
        head.split_whitespace()
            .next_back()
            .map(|w| clean_tok(w).to_lowercase())
            .unwrap_or_default()
    };
    let word_after = |k: usize| -> String {
        let tail: String = chars[k..].iter().collect();
        tail.split_whitespace()
            .next()
            .map(|w| clean_tok(w).to_string())
            .unwrap_or_default()
    };
    let mut k = 0;
    while k < chars.len() {
        if !matches!(chars[k], '“' | '"' | '«') {
            k += 1;
            continue;
        }
        let Some(len) = chars[k + 1..]
            .iter()
            .take(40)
            .position(|&c| matches!(c, '”' | '"' | '»'))
        else {
            k += 1;
            continue;
        };
        let close = k + 1 + len;
        let inner: String = chars[k + 1..close].iter().collect();
        let name = inner.trim_end_matches(',');
        let ws: Vec<&str> = name.split_whitespace().collect();
        let capitalised = (1..=3).contains(&ws.len())
            && ws
                .iter()
                .all(|w| is_cap(w) && w.chars().all(|c| c.is_alphabetic() || c == '-'));
        let before = word_before(k);
        let after = word_after(close + 1);
        let placed = matches!(
            before.as_str(),
            "to" | "by" | "daily" | "newspaper" | "weekly" | "paper" | "channel" | "outlet"
        ) || (after.starts_with(|c: char| c.is_lowercase()) && after.ends_with('s'))
            || inner.ends_with(',');
        if capitalised && placed {
            shown[k + 1..close].copy_from_slice(&chars[k + 1..close]);
        }
        k = close + 1;
    }
    shown.into_iter().collect()
}

/// Two attributions name the same speaker (for evaluation against an
/// annotation): same kind, and the same surname for people, else the same
/// words. An apposition after a comma ("Farrukh Nazarov, a Dushanbe-based
/// analyst") does not change who is named, nor does an article of a
/// document ("Article 4 of the Treaty" is the Treaty).
pub fn same_speaker(a: &str, b: &str) -> bool {
    let before_apposition = |x: &str| x.split(", ").next().unwrap_or(x).to_string();
    // "Article 4 of the Treaty" speaks as the Treaty
    let document = |x: &str| match article_of(x) {
        Some((_, Some(doc))) => doc,
        _ => x.to_string(),
    };
    let (a, b) = (document(a), document(b));
    same_speaker_words(&a, &b) || same_speaker_words(&before_apposition(&a), &before_apposition(&b))
}

fn same_speaker_words(a: &str, b: &str) -> bool {
    let (la, lb) = (a.trim().to_lowercase(), b.trim().to_lowercase());
    if la == lb {
        return true;
    }
    let (ka, kb) = (kind_of(a), kind_of(b));
    if ka == SpeakerKind::Person && kb == SpeakerKind::Person {
        // the surname, looking past "of <body>" ("MP X Y of Civil Contract")
        if let (Some(sa), Some(sb)) = (surname_of(a), surname_of(b)) {
            let (sa, sb) = (sa.to_lowercase(), sb.to_lowercase());
            return sa == sb || (sa.len() > 5 && levenshtein(&sa, &sb) <= 2);
        }
    }
    // the same words whatever the punctuation: "(SCNS)" and "SCNS",
    // "the communiqué" and "communiqué"
    let strip = |s: &str| {
        let words: String = s
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        let mut ws: Vec<&str> = words.split_whitespace().collect();
        if ws.first().is_some_and(|w| matches!(*w, "the" | "a" | "an")) {
            ws.remove(0);
        }
        ws.join(" ")
    };
    if strip(&la) == strip(&lb) {
        return true;
    }
    // an unnamed source or a body described at more or less length: "a
    // Tajik border guard" and "a Tajik border guard stationed near X", "the
    // declaration" and "the declaration adopted at the summit" (one is the
    // other's core)
    let core = |s: &str| {
        let ws: Vec<String> = s.split_whitespace().map(str::to_string).collect();
        let relative = ws
            .iter()
            .position(|w| matches!(w.as_str(), "who" | "which" | "that"))
            .unwrap_or(ws.len());
        ws[..core_end(&ws).min(relative)].join(" ")
    };
    let (sa, sb) = (strip(&la), strip(&lb));
    // a body named in full and in short: "the SCNS Border Troops" and "the
    // Border Troops of the State Committee for National Security (SCNS)"
    // (every word of the shorter name, three or more, in the longer)
    let within = |short: &str, long: &str| {
        let lw: Vec<&str> = long.split_whitespace().collect();
        let ws: Vec<&str> = short.split_whitespace().collect();
        ws.len() >= 3 && ws.iter().all(|w| lw.contains(w))
    };
    if ka == SpeakerKind::Organization
        && kb == SpeakerKind::Organization
        && (within(&sa, &sb) || within(&sb, &sa))
    {
        return true;
    }
    // one description is the other cut short after three words or more:
    // "a source familiar with the discussions" and "a source familiar
    // with the discussions in the Permanent Council"
    let prefix = |short: &str, long: &str| {
        let (s, l): (Vec<&str>, Vec<&str>) = (
            short.split_whitespace().collect(),
            long.split_whitespace().collect(),
        );
        s.len() >= 3 && s.len() < l.len() && l.starts_with(&s)
    };
    ka == kb
        && ka != SpeakerKind::Person
        && (core(&sa) == sb || core(&sb) == sa || prefix(&sa, &sb) || prefix(&sb, &sa))
}

/// Attribute sentences given one a line, as consecutive sentences of one
/// text (what `stancemap classify` reads).
pub fn attribute_lines(lines: &[&str]) -> Vec<Attribution> {
    let mut text = String::new();
    let mut sentences = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let start = text.len();
        text.push_str(l);
        sentences.push(Sentence {
            idx: i,
            start,
            end: text.len(),
            text: l.to_string(),
            is_heading: false,
            attribution: None,
            prediction: None,
        });
        text.push('\n');
    }
    attribute(&text, &sentences)
}
