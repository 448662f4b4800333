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
//! "the interlocutor", "the expert") resolved to the last fitting speaker of
//! the same article.

use crate::document::Sentence;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    Author,
    /// a named person
    Person,
    /// an unnamed source ("a source in the organization", "one scholar")
    Anonymous,
    /// an organisation, outlet or document ("the statement", "the Kremlin")
    Organization,
}

impl SpeakerKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            SpeakerKind::Author => "author",
            SpeakerKind::Person => "person",
            SpeakerKind::Anonymous => "anonymous",
            SpeakerKind::Organization => "organization",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.trim() {
            "author" => SpeakerKind::Author,
            "person" => SpeakerKind::Person,
            "anonymous" => SpeakerKind::Anonymous,
            "organization" | "organisation" | "document" => SpeakerKind::Organization,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attribution {
    /// the speaker as first named in the article, or "author"
    pub speaker: String,
    /// normalised key: one speaker, one key, across the article
    pub key: String,
    pub kind: SpeakerKind,
}

impl Attribution {
    pub fn author() -> Self {
        Attribution {
            speaker: "author".into(),
            key: "author".into(),
            kind: SpeakerKind::Author,
        }
    }
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
    "states",
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
];

const PRONOUNS: &[&str] = &["he", "she", "they"];

/// Words that head an unnamed source.
const ANON_HEADS: &[&str] = &[
    "source",
    "sources",
    "interlocutor",
    "official",
    "officials",
    "diplomat",
    "diplomats",
    "expert",
    "experts",
    "analyst",
    "analysts",
    "observer",
    "observers",
    "scholar",
    "scholars",
    "researcher",
    "researchers",
    "insider",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "representative",
    "people",
    "residents",
    "critics",
    "activists",
];

/// Words that head an organisation or a document.
const DOC_HEADS: &[&str] = &[
    "statement",
    "statements",
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
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

fn clean_tok(w: &str) -> &str {
    w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '-' || c == '’' || c == '\''))
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
        let ok = is_cap(w)
            || matches!(
                lw.as_str(),
                "of" | "the" | "a" | "an" | "and" | "in" | "at" | "for" | "on"
            )
            || PRONOUNS.contains(&lw.as_str())
            || ANON_HEADS.contains(&lw.as_str())
            || DOC_HEADS.contains(&lw.as_str())
            || ROLE_WORDS.contains(&lw.as_str())
            || lw.ends_with("’s")
            || lw.ends_with("'s");
        if !ok {
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
    words.reverse();
    // drop leading connectors
    while words.first().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "of" | "and" | "in" | "at" | "for" | "on"
        )
    }) {
        words.remove(0);
    }
    // a lone sentence-initial word that is not a name ("However") is no subject
    let phrase = words.join(" ");
    if phrase.is_empty() {
        return None;
    }
    let lw = phrase.to_lowercase();
    if matches!(
        lw.as_str(),
        "it" | "this" | "that" | "which" | "who" | "however" | "also" | "and" | "but"
    ) {
        return None;
    }
    Some(phrase)
}

/// The noun phrase after "said" in "..., said Vladimir Olenchenko, a senior researcher".
fn subject_after(toks: &[(usize, &str)], v: usize) -> Option<String> {
    let mut words = Vec::new();
    for (_, raw) in toks.iter().skip(v + 1) {
        let w = clean_tok(raw);
        if w.is_empty() || !(is_cap(w) || words.is_empty() && matches!(w, "the" | "a" | "an")) {
            break;
        }
        words.push(w);
        if raw.ends_with([',', '.', ';']) {
            break;
        }
    }
    let p = words.join(" ");
    (!p.is_empty() && p.split_whitespace().any(is_cap)).then_some(p)
}

/// "according to X": X up to the next comma or the end.
fn according_to(s: &str) -> Option<String> {
    let low = s.to_lowercase();
    let pos = low.find("according to ")?;
    let rest = &s[pos + "according to ".len()..];
    let end = rest.find([',', '.', ';', '“', '"']).unwrap_or(rest.len());
    let p = rest[..end].trim();
    (!p.is_empty() && p.split_whitespace().count() <= 10).then(|| p.to_string())
}

/// Find an explicit speaker in one sentence.
fn explicit(s: &str) -> Option<Found> {
    let toks = tokens(s);
    // "..., said X" / "X said" / "X told Izvestia"
    for (k, (_, raw)) in toks.iter().enumerate() {
        let w = clean_tok(raw).to_lowercase();
        let is_verb = SPEECH_VERBS.contains(&w.as_str())
            || (w == "quoted" && k > 0 && clean_tok(toks[k - 1].1) == "was");
        if !is_verb {
            continue;
        }
        // "pointed" needs "out"
        if w == "pointed" && toks.get(k + 1).is_none_or(|t| clean_tok(t.1) != "out") {
            continue;
        }
        let vk = if w == "quoted" { k - 1 } else { k };
        if let Some(p) = subject_before(&toks, vk) {
            return Some(Found { phrase: p });
        }
        // inverted: ", said X"
        if k > 0 && toks[k - 1].1.ends_with([',', '”', '"']) {
            if let Some(p) = subject_after(&toks, k) {
                return Some(Found { phrase: p });
            }
        }
    }
    if let Some(p) = according_to(s) {
        return Some(Found { phrase: p });
    }
    None
}

/// A speaker met in the article so far.
#[derive(Debug, Clone)]
struct Known {
    display: String,
    key: String,
    kind: SpeakerKind,
    surname: Option<String>,
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
    let ws: Vec<&str> = phrase.split_whitespace().collect();
    let mut name = Vec::new();
    for w in ws.iter().rev() {
        let lw = w.to_lowercase();
        if !is_cap(w)
            || ROLE_WORDS.contains(&lw.as_str())
            || DOC_HEADS.contains(&lw.as_str())
            || is_role_like(&lw)
        {
            break;
        }
        name.push(*w);
        if name.len() == 3 {
            break;
        }
    }
    name.reverse();
    let surname = name.last()?.to_string();
    Some((name.join(" "), surname))
}

/// Capitalised words that are roles or adjectives of origin, not names.
fn is_role_like(lw: &str) -> bool {
    const R: &[&str] = &[
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
    let has_name = trailing_name(phrase).is_some_and(|(n, _)| {
        let nl = n.to_lowercase();
        !DOC_HEADS
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
                "the" | "a" | "an" | "one" | "some" | "several" | "csto" | "senior"
            )
        })
        .cloned()
        .unwrap_or_default();
    if ANON_HEADS.contains(&first_noun.as_str()) && !has_name {
        return SpeakerKind::Anonymous;
    }
    if DOC_HEADS.contains(&head.as_str()) || DOC_HEADS.contains(&first_noun.as_str()) {
        return SpeakerKind::Organization;
    }
    if has_name {
        // a single capitalised word that names an organisation or outlet
        if ws.len() == 1
            && crate::outlet::OUTLETS
                .iter()
                .any(|o| o.name.eq_ignore_ascii_case(phrase))
        {
            return SpeakerKind::Organization;
        }
        return SpeakerKind::Person;
    }
    if ROLE_WORDS.iter().any(|r| ws.contains(&r.to_string())) {
        return SpeakerKind::Person;
    }
    SpeakerKind::Organization
}

struct Resolver {
    known: Vec<Known>,
    last_person: Option<usize>,
    last_anon: Option<usize>,
}

impl Resolver {
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

    fn push(&mut self, k: Known) -> usize {
        self.known.push(k);
        self.known.len() - 1
    }

    /// Resolve a speaker phrase to a known (or new) speaker.
    fn resolve(&mut self, phrase: &str) -> Option<usize> {
        let kind = kind_of(phrase);
        let lw = phrase.to_lowercase();
        let words: Vec<&str> = lw.split_whitespace().collect();
        match kind {
            SpeakerKind::Person => {
                if words.len() == 1 && PRONOUNS.contains(&words[0]) {
                    return self.last_person;
                }
                if let Some((name, surname)) = trailing_name(phrase) {
                    let has_real_name = !is_role_like(&surname.to_lowercase());
                    if has_real_name {
                        if let Some(i) = self.find_surname(&surname) {
                            // a fuller description later replaces a bare surname
                            if self.known[i].display.split_whitespace().count()
                                < phrase.split_whitespace().count()
                                && self.known[i].display.split_whitespace().count() == 1
                            {
                                self.known[i].display = phrase.to_string();
                            }
                            self.last_person = Some(i);
                            return Some(i);
                        }
                        let i = self.push(Known {
                            display: phrase.trim_start_matches("the ").to_string(),
                            key: format!("person:{}", surname.to_lowercase()),
                            kind,
                            surname: Some(surname),
                        });
                        let _ = name;
                        self.last_person = Some(i);
                        return Some(i);
                    }
                }
                // a role alone ("the president", "the expert", "the CSTO head")
                let role = words
                    .iter()
                    .rev()
                    .find(|w| ROLE_WORDS.contains(w))
                    .copied()
                    .unwrap_or("");
                let syn: &[&str] = match role {
                    "head" | "chief" | "leader" => {
                        &["head", "chief", "secretary-general", "chairman", "leader"]
                    }
                    "expert" => &["expert", "researcher", "analyst", "director", "scholar"],
                    r => std::slice::from_ref(match r {
                        "president" => &"president",
                        "minister" => &"minister",
                        _ => &"",
                    }),
                };
                let hit = self.known.iter().rposition(|k| {
                    k.kind == SpeakerKind::Person && {
                        let d = k.display.to_lowercase();
                        syn.iter().any(|s| !s.is_empty() && d.contains(s))
                    }
                });
                if let Some(i) = hit {
                    self.last_person = Some(i);
                    return Some(i);
                }
                if role == "expert" {
                    return self.last_person;
                }
                let i = self.push(Known {
                    display: phrase.to_string(),
                    key: format!("person:{lw}"),
                    kind,
                    surname: None,
                });
                self.last_person = Some(i);
                Some(i)
            }
            SpeakerKind::Anonymous => {
                let definite = words.first().is_some_and(|w| *w == "the");
                if definite {
                    if let Some(i) = self.last_anon {
                        return Some(i);
                    }
                }
                let i = self.push(Known {
                    display: phrase.to_string(),
                    key: format!("anonymous:{lw}"),
                    kind,
                    surname: None,
                });
                self.last_anon = Some(i);
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
                Some(self.push(Known {
                    display: phrase.to_string(),
                    key: format!("organization:{lw}"),
                    kind,
                    surname: None,
                }))
            }
            SpeakerKind::Author => None,
        }
    }

    /// Note people introduced as the subject of a sentence (for later "he").
    fn note_subject(&mut self, s: &str) {
        let toks = tokens(s);
        let mut run = Vec::new();
        for (_, raw) in toks.iter().take(10) {
            let w = clean_tok(raw);
            if w.is_empty() {
                break;
            }
            if is_cap(w) || (!run.is_empty() && matches!(w, "of" | "the")) {
                run.push(w);
                if raw.ends_with([',', '.']) {
                    break;
                }
            } else {
                break;
            }
        }
        let phrase = run.join(" ");
        if run.len() >= 2 && kind_of(&phrase) == SpeakerKind::Person {
            if let Some((_, surname)) = trailing_name(&phrase) {
                if !is_role_like(&surname.to_lowercase()) {
                    self.resolve(&phrase);
                }
            }
        }
    }
}

/// Quote state at the start and end of each sentence.
fn quote_states(text: &str, sentences: &[Sentence]) -> Vec<(bool, bool)> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut inside = false;
    let mut prev_end = 0;
    for s in sentences {
        // a new paragraph or a heading ends any open quote, except that a
        // quote may run on over a line break
        let gap = &text[prev_end.min(s.start)..s.start];
        if s.is_heading {
            inside = false;
        }
        let line_start = gap.contains('\n') || s.start == 0;
        let t = s.text.trim_start();
        let dash_open =
            line_start && (t.starts_with("- ") || t.starts_with("– ") || t.starts_with("— "));
        if dash_open {
            inside = true;
        }
        let start_inside = inside;
        for c in s.text.chars() {
            match c {
                '“' | '«' => inside = true,
                '”' | '»' => inside = false,
                '"' => inside = !inside,
                _ => {}
            }
        }
        out.push((start_inside, inside));
        prev_end = s.end;
    }
    out
}

/// Attribute every sentence of one article.
pub fn attribute(text: &str, sentences: &[Sentence]) -> Vec<Attribution> {
    let mut r = Resolver {
        known: Vec::new(),
        last_person: None,
        last_anon: None,
    };
    let states = quote_states(text, sentences);
    let mut found: Vec<Option<usize>> = vec![None; sentences.len()];
    for (i, s) in sentences.iter().enumerate() {
        if s.is_heading {
            continue;
        }
        // the part outside quotation marks is where the speaker is named
        let outside = outside_quotes(&s.text, states[i].0);
        found[i] = explicit(&outside).and_then(|f| r.resolve(&f.phrase));
        if found[i].is_none() {
            r.note_subject(&outside);
        }
    }
    // quotes over several sentences: one speaker for the whole quote
    let n = sentences.len();
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && states[j].1 && states[j + 1].0 && !sentences[j + 1].is_heading {
            j += 1;
        }
        if j > i {
            if let Some(sp) = (i..=j).find_map(|k| found[k]) {
                for k in i..=j {
                    if found[k].is_none() {
                        found[k] = Some(sp);
                    }
                }
            }
        }
        i = j + 1;
    }
    found
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
        .collect()
}

/// The sentence with quoted stretches blanked out (so a speech verb inside
/// a quote does not count).
fn outside_quotes(s: &str, start_inside: bool) -> String {
    let mut inside = start_inside;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let toggles = matches!(c, '“' | '”' | '"' | '«' | '»');
        match c {
            '“' | '«' => inside = true,
            '”' | '»' => inside = false,
            '"' => inside = !inside,
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
    out
}

/// Two attributions name the same speaker (for evaluation against an
/// annotation): same kind, and the same surname for people, else the same
/// words.
pub fn same_speaker(a: &str, b: &str) -> bool {
    let (la, lb) = (a.trim().to_lowercase(), b.trim().to_lowercase());
    if la == lb {
        return true;
    }
    let (ka, kb) = (kind_of(a), kind_of(b));
    if ka == SpeakerKind::Person && kb == SpeakerKind::Person {
        if let (Some((_, sa)), Some((_, sb))) = (trailing_name(a), trailing_name(b)) {
            let (sa, sb) = (sa.to_lowercase(), sb.to_lowercase());
            return sa == sb || (sa.len() > 5 && levenshtein(&sa, &sb) <= 2);
        }
    }
    let strip = |s: &str| {
        s.trim_start_matches("the ")
            .trim_start_matches("a ")
            .trim_start_matches("an ")
            .to_string()
    };
    strip(&la) == strip(&lb)
}
