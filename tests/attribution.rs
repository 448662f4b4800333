//! Speaker attribution on the seeds (against data/seed_annotations.csv) and
//! on passages written for these tests.

use stancemap::attribution::{attribute, same_speaker, SpeakerKind};
use stancemap::document::prepare;
use stancemap::ingest::{load, Article};
use std::path::Path;

/// `text` as one article, cleaned and split.
fn prepared(text: &str) -> stancemap::document::Doc {
    prepare(Article {
        id: "t".into(),
        source: "t".into(),
        text: text.into(),
        ..Default::default()
    })
}

fn attribute_text(text: &str) -> Vec<(String, String, SpeakerKind)> {
    let d = prepared(text);
    attribute(&d.article.text, &d.sentences)
        .into_iter()
        .zip(&d.sentences)
        .map(|(a, s)| (s.text.clone(), a.speaker, a.kind))
        .collect()
}

/// The speaker given to the sentence that contains `needle`.
fn speaker_of(got: &[(String, String, SpeakerKind)], needle: &str) -> String {
    got.iter()
        .find(|(s, _, _)| s.contains(needle))
        .map(|(_, sp, _)| sp.clone())
        .unwrap_or_else(|| panic!("no sentence contains {needle:?}"))
}

/// [`assert_speakers`] on `text` attributed as one article.
fn assert_text_speakers(text: &str, pairs: &[(&str, &str)]) {
    assert_speakers(&attribute_text(text), pairs);
}

/// Each sentence containing the first of a pair is given the second's
/// speaker (the same person or body, however it is written).
fn assert_speakers(got: &[(String, String, SpeakerKind)], pairs: &[(&str, &str)]) {
    for (needle, who) in pairs {
        let sp = speaker_of(got, needle);
        assert!(same_speaker(&sp, who), "{needle}: {sp:?}, not {who:?}");
    }
}

#[test]
fn at_least_85_percent_of_reported_speech_is_attributed_right() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gold = stancemap::data::read(&root.join("data/seed_annotations.csv")).unwrap();
    let corpus = load(
        &[root.join("seeds")],
        Some(&root.join("seeds/manifest.csv")),
    )
    .unwrap();
    let (mut total, mut right) = (0, 0);
    let (mut author_total, mut author_wrong) = (0, 0);
    let mut errors = Vec::new();
    for art in corpus.articles {
        let d = prepare(art);
        let got = attribute(&d.article.text, &d.sentences);
        for (s, a) in d.sentences.iter().zip(&got) {
            let g = gold
                .iter()
                .find(|e| e.group == d.article.id && e.sentence_idx == Some(s.idx))
                .expect("every sentence is annotated");
            if g.attribution == "author" {
                author_total += 1;
                if a.speaker != "author" {
                    author_wrong += 1;
                    errors.push(format!(
                        "{} #{}: got {:?}, want author: {}",
                        d.article.id, s.idx, a.speaker, s.text
                    ));
                }
                continue;
            }
            total += 1;
            if same_speaker(&a.speaker, &g.attribution) {
                right += 1;
            } else {
                errors.push(format!(
                    "{} #{}: got {:?}, want {:?}: {}",
                    d.article.id, s.idx, a.speaker, g.attribution, s.text
                ));
            }
        }
    }
    let acc = right as f64 / total as f64;
    eprintln!(
        "attribution: {right}/{total} = {acc:.3}\n{}",
        errors.join("\n")
    );
    assert!(
        total >= 90,
        "the annotation has {total} sentences that report speech"
    );
    eprintln!("author's own sentences given a speaker: {author_wrong}/{author_total}");
    // the author's own sentences are rarely given to a speaker
    assert!(
        (author_wrong as f64) < 0.1 * author_total as f64,
        "{author_wrong}/{author_total}"
    );
    assert!(
        acc >= 0.85,
        "attribution accuracy {acc:.3} ({right}/{total}); errors:\n{}",
        errors.join("\n")
    );
}

#[test]
fn said_x_x_said_and_according_to() {
    let got = attribute_text(
        "There is room for talks, said Anna Petrova, a researcher at a Minsk institute.\n\
         The treaty is outdated, the former ambassador Karl Brenner said.\n\
         According to the ministry, the drills will start in May.\n\
         The summit was held in Astana.",
    );
    assert_eq!(got[0].1, "Anna Petrova");
    assert_eq!(got[0].2, SpeakerKind::Person);
    assert_eq!(got[1].2, SpeakerKind::Person);
    assert!(got[1].1.ends_with("Karl Brenner"), "{:?}", got[1]);
    assert_eq!(got[2].1, "the ministry");
    assert_eq!(got[2].2, SpeakerKind::Organization);
    assert_eq!(got[3].1, "author");
}

#[test]
fn quotes_over_several_sentences_and_pronouns() {
    let got = attribute_text(
        "Kazakh Defence Minister Ruslan Zhaksylykov spoke at the forum.\n\
         “We will not send troops. Our army stays at home. That is final,” he said.\n\
         “Nobody asked us,” the minister added.",
    );
    for g in &got[1..=3] {
        assert!(g.1.contains("Zhaksylykov"), "{g:?}");
    }
    assert!(got[4].1.contains("Zhaksylykov"), "{:?}", got[4]);
}

#[test]
fn dash_quotes_and_anonymous_sources() {
    let got = attribute_text(
        "The bloc will not raise its budget, a source in the secretariat told Izvestia.\n\
         - We see no reason for it. The money is enough,\" the interlocutor added.",
    );
    assert_eq!(got[0].1, "a source in the secretariat");
    assert_eq!(got[0].2, SpeakerKind::Anonymous);
    assert_eq!(got[1].1, "a source in the secretariat", "{:?}", got[1]);
    assert_eq!(got[2].1, "a source in the secretariat");
}

#[test]
fn misspelt_surnames_stay_one_speaker() {
    let got = attribute_text(
        "Secretary-General Imangali Tasmagambetov said the bloc would grow.\n\
         Later, Tasmangambetov claimed that new members were coming.",
    );
    assert!(
        same_speaker(&got[0].1, &got[1].1),
        "{:?} / {:?}",
        got[0],
        got[1]
    );
    assert_eq!(got[0].1, got[1].1);
}

/// A speaker named once and then described by role words the article gave
/// them ("the secretary general", "the colonel general", "the Belarusian
/// defence chief") stays that speaker; an anonymous source described again
/// stays the source, not the last official.
#[test]
fn role_descriptions_refer_back_to_the_speaker_they_describe() {
    let text = "Deputy Chief of the Joint Staff Colonel General Pyotr Valenko said the drills had gone to plan.\n\n\
        Belarusian Defence Minister Oleg Sarnovich told reporters that the budget was settled.\n\n\
        The colonel general added that the reserve units would train in the spring.\n\n\
        The Belarusian defence chief noted that the money would come from national budgets.\n\n\
        A source in the secretariat said the autumn session might be moved.\n\n\
        The source added that no date had been fixed.";
    let got = attribute_text(text);
    let speaker = |needle: &str| speaker_of(&got, needle);
    assert!(speaker("reserve units").contains("Valenko"), "{got:?}");
    assert!(speaker("national budgets").contains("Sarnovich"), "{got:?}");
    assert!(speaker("no date").contains("source"), "{got:?}");
}

/// In a question-and-answer interview the answers belong to the person
/// interviewed, the questions to the outlet's author.
#[test]
fn interview_answers_belong_to_the_interviewee() {
    let text = "The Steppe Herald spoke with Tajik Deputy Interior Minister Rustam Kholov about the border.\n\
        Herald: What changed this year?\n\
        Patrols are longer now. We share radio channels with our neighbours.\n\
        Herald: Is the alliance doing enough?\n\
        It could do more. The money arrives late.\n";
    let got = attribute_text(text);
    let speaker = |needle: &str| speaker_of(&got, needle);
    for answer in [
        "Patrols are longer",
        "radio channels",
        "could do more",
        "arrives late",
    ] {
        assert!(speaker(answer).contains("Kholov"), "{answer}: {got:?}");
    }
    assert_eq!(speaker("What changed"), "author", "{got:?}");
}

/// Reports led by a pronoun with a verb of thinking, or by "In his view",
/// go to the person the article just quoted.
#[test]
fn views_and_expectations_are_reported_speech() {
    let text = "Defence analyst Marat Ismoilov said the drills were too small.\n\n\
        In his view, the forces would need a year to grow.\n\n\
        He expects the members to argue about money.\n\n\
        The drills ended on Friday.";
    let got = attribute_text(text);
    for (s, speaker, _) in &got {
        if s.contains("In his view") || s.contains("He expects") {
            assert!(speaker.contains("Ismoilov"), "{s}: {speaker}");
        }
        if s.contains("ended on Friday") {
            assert_eq!(speaker, "author");
        }
    }
}

/// A sentence opened by a source, a body or a document that then reports
/// ("A source in one of the ministries told ...", "The annual review
/// notes that ...") is theirs; an apposition does not change the speaker.
#[test]
fn opening_sources_and_documents_speak() {
    let text =
        "A source in one of the ministries told reporters that the session would be short.\n\n\
        The annual review of the secretariat notes that spending rose.\n\n\
        The session opened at noon.";
    let got = attribute_text(text);
    assert!(
        got[0]
            .1
            .to_lowercase()
            .contains("source in one of the ministries"),
        "{got:?}"
    );
    assert_eq!(got[0].2, SpeakerKind::Anonymous);
    assert!(got[1].1.to_lowercase().contains("annual review"), "{got:?}");
    assert_eq!(got[2].1, "author");
    assert!(same_speaker(
        "Farrukh Nazarov",
        "Farrukh Nazarov, a Dushanbe-based analyst"
    ));
    assert!(!same_speaker(
        "Farrukh Nazarov",
        "Aigerim Seitkali, a researcher"
    ));
}

/// The article's own people and bodies are tracked: a later description by
/// a general noun ("the diplomat" for a foreign minister, "the document"
/// for a named declaration), "the statement" for whoever issued one, "it"
/// for the document that spoke last, and "they" for the group that did.
#[test]
fn later_references_resolve_to_what_the_article_introduced() {
    let text = "Uzbek Deputy Foreign Minister Timur Rakhimov arrived in Yerevan on Monday.\n\n\
        The diplomat said the talks would cover border security.\n\n\
        The ministers signed the Yerevan Memorandum on Tuesday. It commits the parties to joint patrols, \
        and the document provides that each side may withdraw after a year.\n\n\
        The Defence Ministry of Georgia said in a statement that it was not consulted. \
        The statement adds that Tbilisi will raise the matter at the next session.\n\n\
        Officials in Baku argue that the memorandum changes little. In their reading, \
        the patrols are a gesture.\n\n\
        The talks end on Friday.";
    let got = attribute_text(text);
    let speaker = |needle: &str| speaker_of(&got, needle);
    assert!(speaker("talks would cover").contains("Rakhimov"), "{got:?}");
    assert!(
        speaker("withdraw after a year").contains("Yerevan Memorandum"),
        "{got:?}"
    );
    assert!(
        speaker("raise the matter").contains("Defence Ministry of Georgia"),
        "{got:?}"
    );
    assert!(
        speaker("patrols are a gesture").contains("Officials in Baku"),
        "{got:?}"
    );
    assert_eq!(speaker("arrived in Yerevan"), "author");
    assert_eq!(speaker("end on Friday"), "author");
}

/// A subject keeps its whole noun phrase and loses what is not part of it:
/// an insertion between commas, an opening adverbial, a relative clause.
#[test]
fn subjects_past_insertions_and_clauses() {
    let text = "Military historian Pavel Ostrovsky, who teaches in Minsk, told the forum that the alliance was ageing.\n\n\
        The deputy speaker, for her part, rejected that view.\n\n\
        Speaking after the vote, Georgian Deputy Speaker Nino Beridze welcomed the decision.\n\n\
        The final resolution of the forum, adopted by a show of hands, notes that the members disagree.\n\n\
        Several delegations believe the vote was rushed.\n\n\
        The hall was half empty.";
    let got = attribute_text(text);
    let speaker = |needle: &str| speaker_of(&got, needle);
    assert!(
        speaker("alliance was ageing").contains("Ostrovsky"),
        "{got:?}"
    );
    assert!(
        speaker("rejected that view").contains("Beridze")
            || speaker("rejected that view").contains("deputy speaker"),
        "{got:?}"
    );
    assert!(
        speaker("welcomed the decision").contains("Beridze"),
        "{got:?}"
    );
    assert_eq!(
        speaker("members disagree").to_lowercase(),
        "the final resolution of the forum",
        "{got:?}"
    );
    assert_eq!(
        speaker("vote was rushed").to_lowercase(),
        "several delegations",
        "{got:?}"
    );
    assert_eq!(speaker("half empty"), "author");
}

/// A quote opened by a dash ends with its paragraph: the next paragraph is
/// read on its own.
#[test]
fn a_dash_quote_ends_with_its_paragraph() {
    let text = "Colonel Ruslan Abenov spoke to reporters at the range.\n\n\
        – The exercise went to plan, and the units kept to their timetable, he said.\n\n\
        The charter of the alliance states that forces deploy only on request.\n\n\
        The range closed at dusk.";
    let got = attribute_text(text);
    let speaker = |needle: &str| speaker_of(&got, needle);
    assert!(speaker("went to plan").contains("Abenov"), "{got:?}");
    assert!(
        speaker("deploy only on request")
            .to_lowercase()
            .contains("charter"),
        "{got:?}"
    );
    assert_eq!(speaker("closed at dusk"), "author");
}

/// An interview whose turns open with a dash: answers (and the paragraphs
/// that continue them) belong to the person interviewed, questions to the
/// interviewer, a source a question cites keeps its own name, and an
/// expert quoted in between answers with a dash too.
#[test]
fn dash_interviews_give_answers_to_the_interviewee() {
    let text = "Regional security chief Anvar Kasymov spoke to our correspondent after the drills.\n\n\
        Mr Kasymov, what did the drills show?\n\n\
        — They showed that the units can deploy in two days. We did not expect it so soon.\n\n\
        I will add one thing: the equipment held up well.\n\n\
        Some observers in Almaty say the drills were staged for television.\n\n\
        — That is simply not true. Every unit moved on its own.\n\n\
        Retired general Pavel Orlov, in a comment to our outlet, noted that the scenario was modest.\n\n\
        — Two days is a good result, but the distances were short.\n\n\
        Will the drills be repeated next year?\n\n\
        — Yes, and on a larger scale.";
    let got = attribute_text(text);
    let speaker = |needle: &str| speaker_of(&got, needle);
    for answer in [
        "deploy in two days",
        "did not expect",
        "equipment held up",
        "simply not true",
        "larger scale",
    ] {
        assert!(speaker(answer).contains("Kasymov"), "{answer}: {got:?}");
    }
    assert_eq!(speaker("what did the drills show"), "author", "{got:?}");
    assert_eq!(speaker("be repeated next year"), "author", "{got:?}");
    assert!(
        speaker("staged for television")
            .to_lowercase()
            .contains("observers"),
        "{got:?}"
    );
    assert!(speaker("distances were short").contains("Orlov"), "{got:?}");
}

/// Mechanisms that follow the article rather than a word list, each on a
/// passage written for this test: a named possessive of view, a document
/// as the subject of what it lays down, a group speaker that closes the
/// sentence and is then "them", a described speaker after an inverted verb,
/// a title in another country's adjective, a role that opens with a body
/// noun, and a document the text mentions before it speaks.
#[test]
fn speakers_are_resolved_through_the_article() {
    let text = "\
ALMATY, 2 June. Defence Minister of Kazakhstan Nurlan Tokbergenov opened the drill on Monday.

In Tokbergenov's view, the rehearsal went better than last year's.

Article 7 of the Collective Security Treaty binds the members to consult one another when a threat arises.

The plan was agreed in Astana, three officers involved in the planning said.

According to them, the staff exercise will move to Dushanbe next spring.

\u{201c}We have no reason to hide the results,\u{201d} said a senior officer at the joint staff, who asked not to be named.

The Border Service of Kazakhstan reported two incidents on the southern border. Nobody was hurt, the Kazakh border service said.

Asked about the budget, CSTO press secretary Aliya Dosmukhamedova rejected the idea that the members disagreed.

The ministers also approved a joint communiqu\u{e9} of the Council of Defence Ministers. The communiqu\u{e9} calls the exercises a success.
";
    let got = attribute_text(text);
    let same = |got: &[(String, String, SpeakerKind)], needle: &str, want: &str| {
        let sp = speaker_of(got, needle);
        assert!(
            if want == "author" {
                sp == "author"
            } else {
                same_speaker(&sp, want)
            },
            "{needle:?}: got {sp:?}, want {want:?}"
        );
    };
    same(
        &got,
        "In Tokbergenov",
        "Defence Minister of Kazakhstan Nurlan Tokbergenov",
    );
    same(
        &got,
        "Article 7",
        "Article 7 of the Collective Security Treaty",
    );
    same(
        &got,
        "The plan was agreed",
        "three officers involved in the planning",
    );
    same(
        &got,
        "According to them",
        "three officers involved in the planning",
    );
    same(
        &got,
        "no reason to hide",
        "a senior officer at the joint staff",
    );
    same(&got, "Nobody was hurt", "the Border Service of Kazakhstan");
    same(
        &got,
        "rejected the idea",
        "CSTO press secretary Aliya Dosmukhamedova",
    );
    same(
        &got,
        "calls the exercises",
        "joint communiqu\u{e9} of the Council of Defence Ministers",
    );
    // the author's own sentences stay the author's
    same(&got, "opened the drill", "author");
    same(&got, "The ministers also approved", "author");
}

/// Straight quotation marks read by the side they stand on: a quote that
/// runs over two paragraphs reopens each one without closing the last, and
/// its speaker is named only at its end; every sentence inside is theirs.
#[test]
fn straight_quotes_run_over_paragraphs_to_the_speaker_named_at_their_end() {
    let text = "\
The summit in Dushanbe ended without a joint statement on the border.

\"Nobody at the table wanted to name the side that fired first. We spent two days on one paragraph.

\"In the end we left the paragraph out, and that tells you everything,\" said Timur Rakhimov, a delegate from Tajikistan.

The next summit is planned for the autumn.
";
    let got = attribute_text(text);
    for needle in [
        "Nobody at the table",
        "We spent two days",
        "In the end we left",
    ] {
        assert!(
            same_speaker(&speaker_of(&got, needle), "Timur Rakhimov"),
            "{needle:?}: {:?}",
            speaker_of(&got, needle)
        );
    }
    assert_eq!(speaker_of(&got, "The summit in Dushanbe"), "author");
    assert_eq!(speaker_of(&got, "The next summit"), "author");
}

/// A question-and-answer interview: a short question the splitter takes for
/// a heading stays a question, and the answer after it, the people the
/// interviewee cites included, is the interviewee's; words in quotation
/// marks given to someone else keep their speaker.
#[test]
fn interview_answers_carry_their_citations_and_survive_heading_like_questions() {
    let text = "\
Former Kazakh deputy defence minister Serik Abenov spoke to the Steppe Review about the alliance.

Steppe Review: How do you see the alliance today?

It is stable, but slow. As the president once put it, the alliance works best when nobody notices it.

Steppe Review: And the budget?

The budget has grown every year since 2020. One colonel told me: \u{201c}We finally have the radios we asked for.\u{201d}

Steppe Review: Thank you.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("It is stable", "Serik Abenov"),
            ("As the president once put it", "Serik Abenov"),
            ("The budget has grown", "Serik Abenov"),
        ],
    );
    assert_eq!(speaker_of(&got, "How do you see"), "author");
    assert_eq!(speaker_of(&got, "And the budget?"), "author");
}

#[test]
fn questions_led_by_a_dash_give_the_answers_to_the_person_the_lede_introduces() {
    // the interviewee never speaks before the questions: the lede only
    // says who they are
    let text = "\
For ten years, retired Tajik border officer Farrukh Nazarov served at outposts on the Panj river. We asked him what the alliance means there.

\u{2014} What did the alliance's exercises change at the border?

Very little, to be honest. The drills were planned in Moscow and ended before the real season of crossings began.

\u{2014} Would you call for more of them?

Not more, but different ones. A general I served under liked to say: \u{201c}An exercise is a parade with mud.\u{201d}

\u{2014} Thank you for the conversation.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("Very little", "Farrukh Nazarov"),
            ("The drills were planned", "Farrukh Nazarov"),
            ("Not more", "Farrukh Nazarov"),
        ],
    );
    for question in ["What did the alliance", "Would you call", "Thank you"] {
        assert_eq!(speaker_of(&got, question), "author", "{question}");
    }
}

#[test]
fn related_links_are_no_interview_and_roles_point_back_to_who_was_introduced() {
    let text = "\
YEREVAN, 3 March. Foreign Ministry spokeswoman Ani Sargsyan said the ministry had received no letter from the bloc. The spokeswoman added that the position of Yerevan had not changed.

Read also: Parliament to debate the budget on Friday

The Centre for Regional Studies, an independent think tank in Yerevan, said in a note that the decision was procedural. At the same time, the think tank wrote, the bloc had lost its last argument.

Read also: Border commission meets in Ijevan
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("The spokeswoman added", "Ani Sargsyan"),
            (
                "At the same time, the think tank wrote",
                "the Centre for Regional Studies",
            ),
        ],
    );
    assert_eq!(speaker_of(&got, "Border commission meets"), "author");
}

#[test]
fn people_introduced_without_speaking_are_found_by_role_and_first_name() {
    let text = "\
DUSHANBE, 2 June. The delegations were received by President of Tajikistan Rustam Kholov at the presidential palace. The head of state said that the alliance had kept the southern border calm. He stressed that the drills would go on.

Teacher Dilnoza Rahimova said the school had closed for a week. Dilnoza said the parents had not been told.

MP Firuz Odinaev of the Agrarian Party replied that the closures were short. Defence Minister Sherali Nazarov called for more money for the border posts.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("The head of state said", "Rustam Kholov"),
            ("He stressed that the drills", "Rustam Kholov"),
            ("Dilnoza said the parents", "Dilnoza Rahimova"),
            (
                "MP Firuz Odinaev of the Agrarian Party replied",
                "Firuz Odinaev",
            ),
            (
                "Defence Minister Sherali Nazarov called for",
                "Sherali Nazarov",
            ),
        ],
    );
    assert_eq!(speaker_of(&got, "The delegations were received"), "author");
}

#[test]
fn titles_in_lowercase_long_appositions_documents_behind_articles_and_surveys_behind_bodies() {
    let text = "\
MINSK, 4 March. CSTO Secretary General Vasily Orlik opened the session. The CSTO chief described the forces as ready. He said new radios had arrived.

The head of the Kyrgyz delegation, First Deputy Chairman of the Defence Committee of Kyrgyzstan Nurlan Toktomushev, thanked the hosts. He called the drills \"a school for all of us\".

\"The drills are mostly for the cameras. Nobody learns much.

\"What I fear is the habit. Once troops get used to it, they go further,\" said political analyst Ales Hrybko, a former army officer who now lives in Warsaw.

Deputy Foreign Minister Oleg Vinnik of Russia, who led his country's team, said the bloc had done well and that its weight would grow. Committee chairman Ruslan Beshimov opened the hearing by saying that the budget was fair.

Under the CSTO Charter, forces are sent only at a member's request. Article 2 of the Collective Security Treaty obliges the members to consult. Article 3 adds that they coordinate their positions.

A poll carried out in May by the Tashkent-based Horizon Research Group found that 40 percent trusted the alliance. The same poll found that 30 percent did not, according to the group.

A Kazakh border guard posted near Zharkent, who spoke on condition of anonymity because he may not talk to the press, said his unit lacked fuel. He said the patrols had been cut.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("The CSTO chief described", "Vasily Orlik"),
            ("He said new radios", "Vasily Orlik"),
            ("thanked the hosts", "Nurlan Toktomushev"),
            ("He called the drills", "Nurlan Toktomushev"),
            ("mostly for the cameras", "Ales Hrybko"),
            ("Nobody learns much", "Ales Hrybko"),
            ("What I fear is the habit", "Ales Hrybko"),
            ("said the bloc had done well", "Oleg Vinnik"),
            ("opened the hearing by saying", "Ruslan Beshimov"),
            (
                "Article 2 of the Collective",
                "the Collective Security Treaty",
            ),
            ("Article 3 adds", "the Collective Security Treaty"),
            ("40 percent trusted", "Horizon Research Group"),
            ("30 percent did not", "Horizon Research Group"),
            ("lacked fuel", "a Kazakh border guard"),
            ("He said the patrols", "a Kazakh border guard"),
        ],
    );
    // the charter's name does not take in the preposition before it
    let charter = speaker_of(&got, "Under the CSTO Charter");
    assert!(!charter.contains("Under"), "{charter}");
}

#[test]
fn questions_set_apart_as_paragraphs_make_an_interview_and_bodies_are_followed() {
    let text = "\
GRODNO, 3 October (Agency) – Colonel Pavel Drozd, who led the staff of the drill, told the agency about its lessons.

Pavel Ivanovich, the drill is over. What did it test?

We tested how fast the units can gather in one place. It took two days, not four.

Some papers called it a show. How would you answer them?

I have read those papers. They count tanks and forget the people.

The contingents came from five states.
Photo: Agency

What went wrong?

Radio links failed for an hour. We will fix that by spring.

What comes next?

Next year the drill moves to Kazakhstan.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("We tested how fast", "Pavel Drozd"),
            ("They count tanks", "Pavel Drozd"),
            ("Radio links failed", "Pavel Drozd"),
            ("Next year the drill moves", "Pavel Drozd"),
        ],
    );
    // the questions are the interviewer's, and so is the lede that says
    // what the interview is about
    assert_eq!(speaker_of(&got, "What went wrong?"), "author");
    assert_eq!(speaker_of(&got, "How would you answer them?"), "author");
    assert_eq!(speaker_of(&got, "told the agency about"), "author");
    let text = "\
The Almaty-based Steppe Rights Group said in a statement that the drill scared villagers. The group noted that no one had warned the farms. It called on the ministry to publish the plan.

Nurlan, 58, a retired teacher, was blunt. \"Nobody asked us,\" he said.
";
    assert_text_speakers(
        text,
        &[
            ("drill scared villagers", "Steppe Rights Group"),
            ("The group noted", "Steppe Rights Group"),
            ("It called on the ministry", "Steppe Rights Group"),
            ("Nobody asked us", "Nurlan"),
        ],
    );
}

#[test]
fn single_quotation_marks_and_a_month_in_the_lede() {
    let text = "\
In May, the Secretariat said the drills would go ahead. The Daily Steppe spoke with analyst Mariam Avetisyan, head of the Centre for Caucasus Studies, about what comes next.

How do you read the Secretariat's statement?

It is Moscow's way of saying it still has a lever. The statement changes nothing on the ground.

What should the government do?

Wait, and keep talking to everyone. Nobody's interests are served by a quarrel now.

Has anything changed since 2022?

Less than people hope.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("still has a lever", "Mariam Avetisyan"),
            ("keep talking to everyone", "Mariam Avetisyan"),
        ],
    );
    let text = "\
Opposition MP Hovik Sargsyan was scathing. ‘Where were these open doors when our soldiers were dying?’ Sargsyan wrote on Facebook.

Analyst Lilit Hakobyan sees it differently. ‘The treaty still exists, and Moscow knows it.

‘At the same time, the government should be careful. Nobody’s patience is endless,’ she told the newspaper.

The ministry’s spokesman did not comment.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("Where were these open doors", "Hovik Sargsyan"),
            ("The treaty still exists", "Lilit Hakobyan"),
            ("the government should be careful", "Lilit Hakobyan"),
            ("patience is endless", "Lilit Hakobyan"),
        ],
    );
    assert_eq!(speaker_of(&got, "did not comment"), "author");
}

#[test]
fn tags_split_from_their_quote_relative_clauses_plain_titles_and_cited_speakers_in_answers() {
    let text = "\
Ruling party deputy Aram Vardanyan, who chairs the budget committee, was blunter. In a post on Monday, he wrote that the drill had cost too much.

‘Who asked the taxpayers?’ Vardanyan wrote.

A former Kazakh officer who took part in the planning, and who asked not to be named, described the drill as a rehearsal for television. “Every move was agreed a month ahead,” he said.

‘The tanks came, the tanks left’, one Telegram user wrote on Sunday.

‘Still the only alliance we have’

The ministry did not reply.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("he wrote that the drill", "Aram Vardanyan"),
            ("Who asked the taxpayers?", "Aram Vardanyan"),
            ("described the drill as", "a former Kazakh officer"),
            ("Every move was agreed", "a former Kazakh officer"),
            ("The tanks came", "one Telegram user"),
        ],
    );
    // a subhead in quotation marks continues nobody's quote
    assert_eq!(speaker_of(&got, "Still the only alliance"), "author");
    let text = "\
Kabar spoke with Nurbek Asanov, a former deputy defence minister, about the new programme.

What has the programme achieved so far?

Less than was promised. The commander of the Batken detachment, Colonel Ilyas Toktorov, told me last month that his posts still lack fuel. A report by the Steppe Security Institute found that half the money had not arrived.

What should Bishkek do?

Keep asking. We have a right to what was promised.

Will you stay in politics?

No. I will write a book about the border instead.
";
    assert_text_speakers(
        text,
        &[
            ("Less than was promised", "Nurbek Asanov"),
            ("still lack fuel", "Ilyas Toktorov"),
            ("half the money", "Steppe Security Institute"),
            ("Keep asking", "Nurbek Asanov"),
        ],
    );
}

#[test]
fn an_opening_subordinator_before_a_body_noun_is_no_name() {
    // "As the committee ...": the capitalised run is "As the", which holds
    // no name once the subordinator and article are dropped
    let got = attribute_text(
        "As the committee noted in May, the drill went well. While the party agreed, nobody else did.",
    );
    assert_eq!(got.len(), 2);
    // (this panicked before: an index into the emptied run)
    assert!(got.iter().all(|(_, sp, _)| !sp.is_empty() && sp != "the"));
}

#[test]
fn roles_given_beside_names_press_conference_labels_and_unnamed_subjects() {
    let text = "\
DUSHANBE, 4 June (Agency). The council met under the chairmanship of the Minister of Defence of the Republic of Tajikistan, Colonel General Rustam Saidov. The Chief of the Joint Staff, Colonel General Pavel Orlov, also attended.

Opening the session, Colonel General Rustam Saidov welcomed the guests and noted that the border remains tense. According to the Minister of Defence, smugglers have grown bolder. \"We need more patrols,\" the head of the Tajik military department stressed.

Moscow rejects such worries: Deputy Foreign Minister Igor Belov insisted in March that the border is calm. Orlov, for his part, has blamed the weather, which in his words slows every convoy.

An elderly woman selling bread outside the market, who would not give her name, was blunter.

\"Nobody asked us. Nobody ever asks,\" she said.

The akim rejected the complaints, saying the drills were announced in advance. The district's lawyer, Aliya Nurova, said by phone that nobody had been fined.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("welcomed the guests", "Rustam Saidov"),
            ("smugglers have grown bolder", "Rustam Saidov"),
            ("We need more patrols", "Rustam Saidov"),
            ("the border is calm", "Igor Belov"),
            ("blamed the weather", "Pavel Orlov"),
            (
                "Nobody ever asks",
                "an elderly woman selling bread outside the market",
            ),
            ("nobody had been fined", "Aliya Nurova"),
        ],
    );
    assert_eq!(
        speaker_of(&got, "The akim rejected"),
        "The akim",
        "a role not met before stands as it is given"
    );
    let text = "\
Astana. March 12. AGENCY - The secretary general, Timur Sadykov, said the forces would be reviewed at a press conference on Thursday. Below are excerpts.

Dana Ospanova (Kursiv): What will change in the forces, as you see it?

Timur Sadykov: The size of the contingents. I will not give figures today.

Arman Bekov (Vlast.kz): Is Astana stepping back?

Sadykov: No. We talk every week.

Oleg Markin (deputy secretary general): If I may add, the lists are complete.

Aliya Sarsen (Khabar): Will the border programme be funded this year?

Sadykov: Yes, the first deliveries have arrived.

Sadykov is expected in Bishkek on Friday, the press service said. The next session is set for November.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("I will not give figures", "Timur Sadykov"),
            ("We talk every week", "Timur Sadykov"),
            ("the lists are complete", "Oleg Markin"),
            ("the first deliveries have arrived", "Timur Sadykov"),
        ],
    );
    assert_eq!(speaker_of(&got, "What will change"), "author");
    // the narration after the last answer is no part of it
    assert_eq!(speaker_of(&got, "The next session is set"), "author");
}

#[test]
fn he_and_she_agree_with_what_the_text_says_of_a_person() {
    let text = "\
Analyst Timur Dosov, who left the country last year, was scathing. \"The drills are a show for one audience,\" he said.

The mother of a conscript from Gomel region, who asked not to be named, told the paper that her son slept in a tent for a month.

\"They were digging trenches for the cameras. Nobody told them why,\" she said.

The sister of another conscript said her brother had to hand in his phone. According to her, complaints were punished.

Deputy Minister Aliya Sarsenova defended the plan. \"Every unit was supplied,\" she said.
";
    assert_text_speakers(
        text,
        &[
            ("a show for one audience", "Timur Dosov"),
            (
                "Nobody told them why",
                "the mother of a conscript from Gomel region",
            ),
            ("hand in his phone", "the sister of another conscript"),
            (
                "complaints were punished",
                "the sister of another conscript",
            ),
            ("Every unit was supplied", "Aliya Sarsenova"),
        ],
    );
}

/// A description that names nobody ("the official") is resolved by the
/// learned ranker among the speakers met so far: here the unnamed official
/// who spoke just before, not the spokesman whose description also fits
/// "official" (the rules alone name the spokesman). A pronoun of the other
/// sex, and a body for a person, are never candidates.
#[test]
fn the_ranker_resolves_a_description_to_the_speaker_it_means() {
    let text = "\
Foreign Ministry spokesman Arman Dzhaksybekov told reporters on Monday that the exercise would go ahead as planned.

Critics in the opposition say the drills cost too much. Opposition activists have called for a public audit of the budget.

Asked about the cost, the spokesman said the figures would be published in the autumn.

Officials in Bishkek were more cautious. A senior official in the Kyrgyz government, who asked not to be named, said the schedule could still change.

“Nothing is final until the ministers sign,” the official said.

Analyst Marina Volkova, who studies defence budgets at a private institute, disagreed with the ministry. “An audit is long overdue,” she said.
";
    assert_text_speakers(
        text,
        &[
            ("figures would be published", "Arman Dzhaksybekov"),
            (
                "Nothing is final",
                "a senior official in the Kyrgyz government",
            ),
            ("An audit is long overdue", "Marina Volkova"),
        ],
    );
}

/// A person the article has only named so far ("From the porch of Marina
/// Kovaleva's guesthouse") is a candidate for the "she" of a later quote:
/// the rules alone know nobody for it and leave the quote to the author.
#[test]
fn a_person_only_named_so_far_can_be_the_speaker_of_a_pronoun() {
    let text = "\
The road to Kavtarkhevi was washed out again in March.

From the porch of Marina Kovaleva's guesthouse, the new border posts are visible on the ridge. The 64-year-old has run the guesthouse for two decades.

“We were told the alliance would bring lights and a road. We got neither,” she says.

A border guard at the checkpoint declined to comment.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("lights and a road", "Marina Kovaleva"),
            ("We got neither", "Marina Kovaleva"),
            ("washed out again", "author"),
        ],
    );
}

/// The speaker phrase is the subject, cleaned of what follows it: a
/// quantifier keeps its noun, the predicate's auxiliary and a first
/// coordinated verb are dropped; silence reports nothing.
#[test]
fn speaker_phrases_are_the_subject_and_silence_is_the_authors() {
    let text = "\
The district has sent forty reservists to the drills at the Lida range.

Several mothers told the station that their sons had been given two days to report.

Officials in Grodno have since said more than once that nobody will be sent abroad.

A driver at the bus station shrugged and said the drills were “for the generals to worry about”.

The regional military commissariat did not respond to questions sent by the station on Monday.

Its press office had not commented on the complaints by the time of publication.
";
    let got = attribute_text(text);
    let sp = |needle| speaker_of(&got, needle).to_lowercase();
    assert_eq!(sp("two days to report"), "several mothers");
    assert_eq!(sp("nobody will be sent abroad"), "officials in grodno");
    assert_eq!(sp("for the generals"), "a driver at the bus station");
    assert_speakers(
        &got,
        &[
            ("did not respond to questions", "author"),
            ("had not commented", "author"),
            ("forty reservists", "author"),
        ],
    );
}

/// A name with a long description in apposition ("X, a lawyer who ...,
/// says") is the speaker, and the description is what "the lawyer" later
/// refers back to, even with a surname ending in -s.
#[test]
fn a_name_with_a_long_apposition_is_the_speaker_and_its_description_is_remembered() {
    let text = "\
Reservists in the Vitebsk region were called up on Monday for the drills.

Daria Kavalets, a lawyer who advised conscripts in Minsk for a decade before moving to Vilnius in 2022, says reservists have few legal grounds to refuse.

The ministry's notice gives them three days to report.

The lawyer warned that ignoring a summons handed over in person can lead to a fine.
";
    assert_text_speakers(
        text,
        &[
            ("few legal grounds", "Daria Kavalets"),
            ("ignoring a summons", "Daria Kavalets"),
            ("three days to report", "author"),
        ],
    );
}

/// In an interview whose turns open with a dash, a paragraph after an
/// answer in which the one answering quotes someone else ("X later told
/// me ...") stays the answer: the person quoted keeps only their sentences.
#[test]
fn an_answer_that_quotes_someone_else_goes_on_after_the_quote() {
    let text = "\
In an interview with the newspaper, the alliance's deputy secretary general Daulet Sarsenov spoke about the border programme and the summit.

— The border programme was approved two years ago. Why has so little been built?

— The programme is moving, and I would not call it slow. The first cameras arrived in February.

Consider the engineering works. Last spring I walked along the new fences with Colonel Rustam Davlatov, who heads the Tajik border engineers. “We finally have the materials,” Davlatov told me. For me, that is the real measure of the programme, and our partners see it too.

— What will the leaders discuss in November?

— A new strategy through 2035, which the experts are finishing now.
";
    assert_text_speakers(
        text,
        &[
            ("first cameras arrived", "Daulet Sarsenov"),
            ("Consider the engineering works", "Daulet Sarsenov"),
            ("walked along the new fences", "Daulet Sarsenov"),
            ("finally have the materials", "Rustam Davlatov"),
            ("the real measure", "Daulet Sarsenov"),
            ("Why has so little", "author"),
            ("strategy through 2035", "Daulet Sarsenov"),
        ],
    );
}

/// A speaker who gives only a first name ("who introduced himself only as
/// X", "identified only as X", "who gave only her first name, X") is named
/// by it, and a later description of them ("the man") refers back to it.
#[test]
fn a_speaker_known_only_by_the_name_they_gave_is_named_by_it() {
    let text = "\
Several hundred people marched through the centre of Gyumri on Saturday.

One of the onlookers, a retired driver who introduced himself only as Samvel, said the march would change nothing.

“The alliance was never going to save us,” the man said.

A nurse, identified only as Lilit, said the marchers had a point.
";
    assert_text_speakers(
        text,
        &[
            ("change nothing", "Samvel"),
            ("never going to save us", "Samvel"),
            ("had a point", "Lilit"),
            ("Several hundred people", "author"),
        ],
    );
}

/// A sentence that opens with a participle clause has its subject after
/// the comma ("Presenting the show on Monday, X told viewers ..."), while
/// "According to him, ..." is no participle.
#[test]
fn a_participle_clause_is_no_speaker() {
    let text = "\
The drills opened at the Obuz-Lesnovsky range on Monday.

Presenting the talk show “Evening Round” on Belarus 1 on Monday, Aliaksei Hrynko told viewers that the exercise had impressed the allies.

According to him, the Kazakh company arrived a day early.
";
    assert_text_speakers(
        text,
        &[
            ("impressed the allies", "Aliaksei Hrynko"),
            ("arrived a day early", "Aliaksei Hrynko"),
            ("drills opened", "author"),
        ],
    );
}

/// An unnamed speaker whom the article names afterwards is that person on
/// every sentence given to them: by an apposition ("The farmer, X, ...")
/// or by the name the speaker gave ("He gave his name only as X"); an
/// opening adverbial ("Further up the hill, ...") is no speaker.
#[test]
fn a_speaker_named_only_afterwards_is_named_on_the_earlier_quotes() {
    let text = "\
The new checkpoint stands two kilometres from the village of Khorkhor.

“The allies promised drones and sent a questionnaire,” said an elderly beekeeper tending his hives beside the road. “We filled it in twice.”

The beekeeper, Davron Sharifov, 68, has kept bees on this slope since the Soviet years.

Further up the hill, a man unloading firewood from a truck said the border guards now patrolled at night.

“Before, nobody came after dark,” he said.

He gave his name only as Farrukh and said he had served in the border troops himself.
";
    assert_text_speakers(
        text,
        &[
            ("sent a questionnaire", "Davron Sharifov"),
            ("filled it in twice", "Davron Sharifov"),
            ("patrolled at night", "Farrukh"),
            ("nobody came after dark", "Farrukh"),
            ("new checkpoint stands", "author"),
        ],
    );
}

/// A body speaks through its channel ("the ministry's Telegram channel" is
/// the ministry), and "in his words" in a sentence that opens with a person
/// named there for the first time is that person, not the one before.
#[test]
fn a_channel_speaks_for_its_owner_and_his_words_for_the_opening_name() {
    let text = "\
The Kyrgyz Ministry of Defence confirmed on Tuesday that the battalion would stay in Batken until spring.

The ministry's Telegram channel described the deployment as “a routine rotation” and said the allies had been informed.

Deputy Defence Minister Kubat Orozaliev defended the plan in parliament.

Nurlan Asanov, a deputy from Osh, asked why the battalion needed new barracks when, in his words, the old ones had been repaired last year.
";
    assert_text_speakers(
        text,
        &[
            ("a routine rotation", "the Kyrgyz Ministry of Defence"),
            ("repaired last year", "Nurlan Asanov"),
        ],
    );
}

/// A quote opened after a colon belongs to the subject of the clause
/// before it, whatever that clause's verb ("He went on:", "She chose her
/// words carefully:"), and over every sentence the quote runs; a question
/// put to a speaker before the comma ("Asked what had changed, he
/// answered: ...") is no name.
#[test]
fn a_colon_quote_belongs_to_the_subject_before_the_colon() {
    let text = "\
Foreign Minister Dilnoza Karimova opened the session in Tashkent on Friday. She chose her words carefully: “We do not ask the allies for soldiers.

We ask them for a plan that works before the trouble starts.”

The garrison is commanded by Colonel Rustam Ergashev, who met the delegation at the gate. Asked what the new radars had changed, he answered without hesitation: “Everything.

Last spring we could not see the far bank at night.”

The talks ended early.
";
    assert_text_speakers(
        text,
        &[
            ("do not ask the allies", "Dilnoza Karimova"),
            ("a plan that works", "Dilnoza Karimova"),
            ("Everything", "Rustam Ergashev"),
            ("far bank at night", "Rustam Ergashev"),
            ("ended early", "author"),
        ],
    );
}

/// In an interview whose turns open with a dash, an answer that names
/// someone else speaking ("Our commander, Colonel X, told us: ...") gives
/// that sentence and the "he said" after it to them; the rest of the answer
/// stays the interviewee's.
#[test]
fn an_interview_answer_keeps_the_people_it_quotes() {
    let text = "\
Former border officer Timur Sadykov spoke to us in Almaty about his years on the Tajik frontier.

— What did your superiors say about the alliance?

— We heard a great deal about it. Our regiment commander, Colonel Askar Nurmagambetov, told us at every parade: “The allies will be here in a day.” He said the plans were signed and the depots were full. I never saw those depots myself.

— Did anyone doubt it?

— Many did, quietly. The soldiers joked about the day that never came.
";
    assert_text_speakers(
        text,
        &[
            ("great deal about it", "Timur Sadykov"),
            ("allies will be here", "Askar Nurmagambetov"),
            ("depots were full", "Askar Nurmagambetov"),
            ("never saw those depots", "Timur Sadykov"),
            ("joked about the day", "Timur Sadykov"),
            ("What did your superiors", "author"),
        ],
    );
}

/// A report goes on speaking for the body that published it: "The report
/// counts ...", "It also notes ...", "Its authors recommend ...". A name
/// described as a body ("X Monitor, a think tank in Osh,") is a body, so
/// "it" can mean it, though its last word looks like a surname.
#[test]
fn a_report_speaks_for_its_publisher_over_several_sentences() {
    let text = "\
A study released on Monday by the Ferghana Valley Monitor, a think tank in Osh, argues that the bloc's exercises rehearse the wrong kind of war.

The study counts 40 joint drills since 2016 and only one real deployment. It also notes that most of the money goes to staff in Moscow. Its authors recommend a smaller headquarters and a standing crisis cell.

The weather in Osh was warm that week.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("rehearse the wrong kind", "Ferghana Valley Monitor"),
            ("40 joint drills", "Ferghana Valley Monitor"),
            ("staff in Moscow", "Ferghana Valley Monitor"),
            ("standing crisis cell", "Ferghana Valley Monitor"),
            ("weather in Osh", "author"),
        ],
    );
    let kind = got
        .iter()
        .find(|(s, _, _)| s.contains("staff in Moscow"))
        .map(|(_, _, k)| *k);
    assert_eq!(kind, Some(SpeakerKind::Organization), "{got:?}");
}

/// Someone introduced as the unnamed subject of a scene, after an opening
/// adverbial ("On a cold morning, a woman in a grey coat was ..."), is the
/// "she" of the quote that follows; "Her name is X" later names her, on the
/// earlier sentences too.
#[test]
fn an_unnamed_subject_speaks_and_is_named_afterwards() {
    let text = "\
On a cold morning in March, a woman in a grey coat was feeding chickens behind the fence. “The soldiers come and go, and nothing changes for us,” she said.

The checkpoint was built in 2023 with money from the bloc.

By noon the woman had finished her work. Her name is Aigul Mamyrova, and she has lived in the village for forty years.

Across the road, an old man with a cane was watching the trucks. “They never stop here,” he said.
";
    assert_text_speakers(
        text,
        &[
            ("nothing changes for us", "Aigul Mamyrova"),
            ("built in 2023", "author"),
            ("never stop here", "an old man with a cane"),
        ],
    );
}

/// A body that opens a sentence by adopting a text ("The Council has
/// adopted a statement on ...") issued it: a later "the statement says"
/// speaks for the body, as it would after "the Council said in a statement".
#[test]
fn a_statement_adopted_by_a_body_speaks_for_it() {
    let text = "\
The CSTO Permanent Council has adopted a statement on the shooting at the Kyrgyz-Tajik border last week.

“The member states call on both sides to keep to the ceasefire,” the statement says.

The border has been quiet since Sunday.
";
    assert_text_speakers(
        text,
        &[
            ("keep to the ceasefire", "the CSTO Permanent Council"),
            ("quiet since Sunday", "author"),
        ],
    );
}

/// A person named after opening adverbials ("In the district centre, an
/// hour's drive north, X, the deputy governor, keeps ...") is the subject
/// a following "He said" means, not the speaker before; "But the official"
/// is the official, without the conjunction.
#[test]
fn a_name_after_opening_adverbials_is_the_next_he() {
    let text = "\
“Nobody asked us,” said Timur Bakirov, a farmer near the river. “They built the fence and left.”

In the district centre, an hour's drive north, Rustam Aliev, the deputy governor, keeps a photograph of the opening ceremony on his desk. He said the border was safer than ever.

But the official said the villages had asked for a clinic and never received an answer.
";
    assert_text_speakers(
        text,
        &[
            ("built the fence", "Timur Bakirov"),
            ("safer than ever", "Rustam Aliev"),
            ("never received an answer", "Rustam Aliev"),
            ("keeps a photograph", "author"),
        ],
    );
}

/// "The communique, published by the Ministry of ..., calls ...": a text
/// named with the body that issued it speaks for that body, and so do "It
/// says" and "The document also states" after it.
#[test]
fn a_text_issued_by_a_body_speaks_for_it() {
    let text = "\
The declaration, adopted by the Council of Defence Ministers in Astana on Tuesday, calls the joint forces “ready for any task.” It says the ministers will meet again in June. The document also states that the members “remain united.”

Snow closed the mountain roads that night.
";
    assert_text_speakers(
        text,
        &[
            ("ready for any task", "the Council of Defence Ministers"),
            ("meet again in June", "the Council of Defence Ministers"),
            ("remain united", "the Council of Defence Ministers"),
            ("Snow closed", "author"),
        ],
    );
}

/// A question someone put, reported ("MP X asked why ..."), is theirs; the
/// reporter's own question ("I asked whether ...") is the author's.
#[test]
fn a_reported_question_belongs_to_the_one_who_asked() {
    let text = "\
MP Aida Kasymova asked why the contribution to the bloc had doubled in two years.

I asked whether the minister would answer her, and his aide shrugged.
";
    assert_text_speakers(
        text,
        &[
            ("contribution to the bloc", "Aida Kasymova"),
            ("his aide shrugged", "author"),
        ],
    );
}

#[test]
fn an_abbreviated_title_is_part_of_the_name_it_precedes() {
    let text = "\
The drills opened at dawn on the steppe north of the capital.

“Nobody should read a threat into this,” said Maj. Gulzhan Ospanova, a spokeswoman for the staff. “We train for defence and only for defence.”

Lt. Gen. Boris Kremnev, who commands the allied grouping, told reporters the units were ready. Mr. Kremnev said a second phase would follow in spring.
";
    assert_text_speakers(
        text,
        &[
            ("read a threat", "Gulzhan Ospanova"),
            ("We train for defence", "Gulzhan Ospanova"),
            ("told reporters the units", "Boris Kremnev"),
            ("second phase", "Boris Kremnev"),
        ],
    );
}

#[test]
fn an_apposition_after_a_closing_quote_names_the_speaker() {
    let text = "\
Reaction in the region was muted.

Astana's decision was \"measured and expected,\" Li Wenhao, a fellow at the Centre for Border Studies, told reporters on Friday.

\"Nobody wants a quarrel now,\" Li said.
";
    assert_text_speakers(
        text,
        &[
            ("measured and expected", "Li Wenhao"),
            ("Nobody wants a quarrel", "Li Wenhao"),
        ],
    );
}

#[test]
fn a_clause_on_why_a_source_is_unnamed_is_read_past() {
    let text = "\
The talks ended late on Tuesday.

A senior Tajik official who spoke on condition of anonymity because he was not allowed to brief the press said the plan had been cut in half. \"Nobody wants to pay,\" the official said.

A Western envoy in Dushanbe, who asked not to be named, said the government knew the risks. \"It is a gamble,\" the envoy said.

A Minsk-based defence analyst, who asked that his name be withheld because he advises the ministry, was more blunt. \"The money is not there,\" he said.
";
    assert_text_speakers(
        text,
        &[
            ("cut in half", "a senior Tajik official"),
            ("Nobody wants to pay", "a senior Tajik official"),
            ("knew the risks", "a Western envoy in Dushanbe"),
            ("It is a gamble", "a Western envoy in Dushanbe"),
            ("was more blunt", "author"),
            ("The money is not there", "a Minsk-based defence analyst"),
        ],
    );
}

#[test]
fn a_speaker_described_with_a_place_is_the_whole_phrase() {
    let text = "\
Calm returned to the valley on Sunday.

A retired colonel in Osh said the border had been quiet for a week. \"Nobody fired a shot,\" the colonel said.
";
    assert_text_speakers(
        text,
        &[
            ("quiet for a week", "a retired colonel in Osh"),
            ("Nobody fired a shot", "a retired colonel in Osh"),
        ],
    );
}

#[test]
fn a_source_named_in_an_apposition_after_the_verb_is_named_throughout() {
    let text = "\
The secretariat was slow to react.

\"We are following events closely,\" a spokesman for the Secretariat told reporters. \"Both sides are our allies,\" said the spokesman, Pavel Grodov, the Secretariat's press secretary.
";
    assert_text_speakers(
        text,
        &[
            ("following events closely", "Pavel Grodov"),
            ("Both sides are our allies", "Pavel Grodov"),
        ],
    );
}

#[test]
fn an_unnamed_source_clause_ends_at_the_verb_before_a_later_comma() {
    let text = "\
The drill was smaller than announced.

But a Kyrgyz officer who spoke on condition of anonymity because he was not authorized to discuss the plans said the drill had been built for 7,000 troops and then scaled back.
";
    assert_text_speakers(text, &[("built for 7,000", "a Kyrgyz officer")]);
}

#[test]
fn a_document_named_by_its_number_speaks_as_the_decree() {
    let text = "\
The government acted quickly.

On Monday the prime minister signed Decree No 77-K on leaving the alliance. The decree says that membership \"no longer serves the country\".
";
    assert_text_speakers(
        text,
        &[
            ("signed Decree No 77-K", "author"),
            ("no longer serves", "Decree No 77-K"),
        ],
    );
}

#[test]
fn in_an_answer_someone_who_told_the_interviewee_speaks() {
    let text = "\
Interview: the minister on the alliance

Daily Post spoke with Foreign Minister Aliya Nurbekova in Vienna.

Daily Post: What did your Armenian colleague tell you?

Nurbekova: When I met my Armenian counterpart, Anahit Sargsyan, in Geneva, she told me that Yerevan had made up its mind. \"We are not asking anyone to follow us,\" she said to me. I respect that. Our position is different.

Daily Post: And the Europeans?

Nurbekova: One official told me yesterday that Europe needs a stable region. I agree with him. We will keep talking.
";
    assert_text_speakers(
        text,
        &[
            ("had made up its mind", "Anahit Sargsyan"),
            ("not asking anyone", "Anahit Sargsyan"),
            ("I respect that", "Aliya Nurbekova"),
            ("needs a stable region", "one official"),
            ("I agree with him", "Aliya Nurbekova"),
        ],
    );
}

#[test]
fn a_described_source_with_a_place_after_it_is_one_source() {
    let text = "\
The statement took a day to agree.

A source familiar with the discussions in the Permanent Council told reporters that the text was agreed quickly. \"There were no disputes,\" the source said.
";
    assert_text_speakers(
        text,
        &[
            ("agreed quickly", "a source familiar with the discussions"),
            (
                "There were no disputes",
                "a source familiar with the discussions",
            ),
        ],
    );
    // the scorer: a description cut short is the same description
    assert!(same_speaker(
        "a source familiar with the discussions",
        "A source familiar with the discussions in the Permanent Council"
    ));
    assert!(!same_speaker("a source in Minsk", "a source in Moscow"));
}

#[test]
fn it_after_a_report_that_spoke_goes_on_speaking_for_its_publisher() {
    let text = "\
The alliance has few friends among analysts.

A new report by the Halden Institute reviews the record. It credits the alliance with one real achievement. It also notes the cost.
";
    assert_text_speakers(
        text,
        &[
            ("reviews the record", "the Halden Institute"),
            ("one real achievement", "the Halden Institute"),
            ("notes the cost", "the Halden Institute"),
        ],
    );
}

#[test]
fn a_whose_clause_between_commas_does_not_speak() {
    let text = "\
The debate ran late.

Hakobjanyan, whose faction has called for restoring full participation, said the alliance had made mistakes.
";
    assert_text_speakers(text, &[("had made mistakes", "Hakobjanyan")]);
}

#[test]
fn a_person_named_with_the_body_they_belong_to_is_a_person() {
    let text = "\
The hearing went on for three hours.

Marine Avagimyan of the ruling Unity faction said the government's line had been consistent. \"Our partners had every chance,\" she said.
";
    assert_text_speakers(
        text,
        &[
            ("had been consistent", "Marine Avagimyan"),
            ("Our partners had every chance", "Marine Avagimyan"),
        ],
    );
    assert!(same_speaker(
        "Lilit Arzumanyan of the Caucasus Policy Institute in Yerevan",
        "Lilit Arzumanyan"
    ));
    assert!(!same_speaker(
        "Lilit Arzumanyan of the Institute",
        "Anna Arakelyan"
    ));
}

#[test]
fn a_document_introduced_as_from_its_issuer_speaks_under_that_name_later() {
    let text = "\
The details are laid out in an unsigned memo from the Osh garrison command to the district headquarters, which this newspaper has seen.

The memo states that two helicopter crews were sent north in August. Of the nine trucks in the motor pool, it says, only three can be driven. It asks the district to send spare parts before the winter.
";
    let memo = "memo from the Osh garrison command";
    assert_text_speakers(
        text,
        &[
            ("two helicopter crews", memo),
            ("only three can be driven", memo),
            ("spare parts before the winter", memo),
        ],
    );
}

#[test]
fn a_part_of_a_document_and_in_the_document_speak_as_the_document() {
    let text = "\
Each trainee is issued the Border Patrol Handbook for Mountain Units, a thick binder revised every spring.

The handbook states that a patrol never splits up in fog. A later chapter on radio discipline says that call signs change every week.

The ministers met in Tashkent and adopted the Tashkent Communique.

In the document, the ministers \"welcome the progress of the joint air defence system\".
";
    let book = "Border Patrol Handbook for Mountain Units";
    assert_text_speakers(
        text,
        &[
            ("never splits up in fog", book),
            ("call signs change every week", book),
            ("welcome the progress", "Tashkent Communique"),
        ],
    );
}

#[test]
fn according_to_a_body_with_a_long_name_gives_the_body() {
    let text = "\
The shooting started shortly after noon.

According to the Border Guard Directorate of the State Committee for Defence of the Republic of Tajikistan, three herders were detained.
";
    assert_text_speakers(
        text,
        &[(
            "three herders were detained",
            "Border Guard Directorate of the State Committee for Defence of the Republic of Tajikistan",
        )],
    );
}

#[test]
fn a_statement_or_report_a_body_put_out_speaks_for_the_body() {
    let text = "\
After the talks, the Eurasian Border Council handed out a written statement on the patrols.

The statement says the patrols \"proved their worth\". According to the document, forty posts were inspected.

According to a report published in May by the Caspian Policy Institute (CPI), arms imports fell by a third. The report notes that prices rose.
";
    assert_text_speakers(
        text,
        &[
            ("proved their worth", "Eurasian Border Council"),
            ("forty posts were inspected", "Eurasian Border Council"),
            ("arms imports fell", "Caspian Policy Institute"),
            ("prices rose", "Caspian Policy Institute"),
        ],
    );
}

#[test]
fn a_sentence_that_only_introduces_a_speaker_reports_nothing() {
    let text = "\
Arman Beisenov, a deputy of the Mazhilis, said the plan was sound.

Gulnara Sadykova disagreed. Beisenov's colleague Timur Akhmetov was not convinced. Dilnoza Yusupova, the committee chair, put it more bluntly in an interview with Kazakh television last week.

Sadykova was not convinced that the money would arrive.
";
    let got = attribute_text(text);
    for intro in [
        "Sadykova disagreed",
        "was not convinced.",
        "put it more bluntly",
    ] {
        let who = speaker_of(&got, intro);
        assert_eq!(who, "author", "{intro}");
    }
    assert_speakers(&got, &[("money would arrive", "Gulnara Sadykova")]);
}

#[test]
fn an_interview_ends_where_the_article_speaks_of_the_one_who_answered() {
    let text = "\
Former colonel Pavel Hrynkevich spoke to us about his years in the joint forces.

— How ready were the units?
— On paper they were always ready. In practice half the trucks had no tyres.

— Why did you resign?
— I was ordered to sign a report I knew was false, and I refused.

Our newsroom could not confirm every detail of Hrynkevich's account. The defence ministry did not answer our letter.
";
    let got = attribute_text(text);
    assert_speakers(&got, &[("half the trucks", "Pavel Hrynkevich")]);
    assert_eq!(speaker_of(&got, "could not confirm"), "author");
    assert_eq!(speaker_of(&got, "did not answer our letter"), "author");
}

#[test]
fn a_quote_in_the_closing_paragraph_does_not_extend_a_labelled_interview() {
    let text = "\
Radio Steppe spoke with Aigerim Nurova, who heads the Centre for Border Studies, about the new patrols.

Radio Steppe: Will the patrols change anything?

Nurova: Very little. The posts are still too far apart.

Radio Steppe: Thank you for the conversation.

The council of ministers meets in Astana next week. Its spokesman, Yerlan Dauletov, told Radio Steppe that the patrols would be discussed. \"We expect a decision on funding,\" he said.
";
    let got = attribute_text(text);
    assert_speakers(&got, &[("still too far apart", "Aigerim Nurova")]);
    assert_eq!(speaker_of(&got, "meets in Astana next week"), "author");
}

#[test]
fn promises_blame_and_ruling_out_report_what_someone_holds() {
    let text = "\
Tigran Avagyan, the governor of Syunik, met residents on Monday.

He promised that the regional budget would pay for new street lights. Avagyan did not rule out that the border posts would be moved. He blamed the delays on the ministry in Yerevan.

The governor warned that the winter would be hard.

\"The soldiers paid for every lamb,\" says a shepherd who gave his name only as Bakyt.
";
    assert_text_speakers(
        text,
        &[
            ("new street lights", "Tigran Avagyan"),
            ("border posts would be moved", "Tigran Avagyan"),
            ("blamed the delays", "Tigran Avagyan"),
            ("winter would be hard", "Tigran Avagyan"),
            ("paid for every lamb", "Bakyt"),
        ],
    );
}

#[test]
fn a_relaying_outlet_and_a_member_of_a_delegation() {
    let text = "\
The talks in Minsk ended without a joint text.

\"Nothing was decided,\" the deputy told reporters in parliament, local media reported.

A member of the Tajik delegation, who spoke on condition of anonymity because he was not allowed to brief the press, told the agency that the meeting had been tense.

The mayor, Ruslan Beketov, agreed to meet our reporter but cancelled the interview an hour before.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("Nothing was decided", "the deputy"),
            ("meeting had been tense", "a member of the Tajik delegation"),
        ],
    );
    assert_eq!(speaker_of(&got, "agreed to meet"), "author");
}

#[test]
fn an_editors_note_closes_an_interview() {
    let text = "\
Kazinform asked researcher Dana Sultanova about the new drills.

Kazinform: Why now?

Sultanova: Because the border has grown quieter and the money has finally arrived.

Kazinform: Who pays?

Sultanova: Mostly Moscow, as always.

Editor's note: The interview was conducted by telephone and has been edited for length.
";
    let got = attribute_text(text);
    assert_speakers(&got, &[("money has finally arrived", "Dana Sultanova")]);
    assert_eq!(speaker_of(&got, "conducted by telephone"), "author");
}

#[test]
fn a_person_named_right_after_their_ministry_is_that_person() {
    let text = "\
ASTANA – The drills will go ahead as planned, official spokesperson for the Ministry of Defence of Kazakhstan Aigul Temirbekova said on Tuesday.

\"The schedule was agreed long ago,\" Temirbekova told journalists.
";
    assert_text_speakers(
        text,
        &[
            ("go ahead as planned", "Aigul Temirbekova"),
            ("agreed long ago", "Aigul Temirbekova"),
        ],
    );
}

#[test]
fn some_of_a_group_speak_for_the_group() {
    let text = "\
Moscow wants the rules changed before the summit, three sources familiar with the talks said.

Two of the sources said Minsk had already agreed. One of them added that Astana wanted more time.
";
    assert_text_speakers(
        text,
        &[
            (
                "Minsk had already agreed",
                "three sources familiar with the talks",
            ),
            (
                "Astana wanted more time",
                "three sources familiar with the talks",
            ),
        ],
    );
}

#[test]
fn its_article_speaks_as_the_document_just_cited() {
    let text = "\
The founding texts are short. The Charter of the Eurasian Border Council, adopted in Osh in 2004, sets out how the council takes decisions. Its Article 7 requires every decision to be taken by consensus.
";
    assert_text_speakers(
        text,
        &[(
            "taken by consensus",
            "Charter of the Eurasian Border Council",
        )],
    );
}

#[test]
fn a_text_quoted_in_full_after_its_introduction_is_its_issuers() {
    let text = "\
The Ministry of Defence of Kyrgyzstan issued a statement on Monday about the drills.

Below is the full text of the statement:

\"The exercise will be held on schedule. Its scenario was approved by all member states.

\"The ministry calls on the media not to spread rumours.\"

A Bishkek-based analyst who asked not to be named said the drills were a formality. \"Nobody expects anything new,\" the analyst said.
";
    assert_text_speakers(
        text,
        &[
            ("held on schedule", "Ministry of Defence of Kyrgyzstan"),
            (
                "approved by all member states",
                "Ministry of Defence of Kyrgyzstan",
            ),
            ("not to spread rumours", "Ministry of Defence of Kyrgyzstan"),
            ("drills were a formality", "a Bishkek-based analyst"),
            ("Nobody expects anything new", "a Bishkek-based analyst"),
        ],
    );
}

#[test]
fn a_report_mentioned_with_its_maker_speaks_for_it_later() {
    let text = "\
The river is quiet this spring.

A report published in March by Open Border Watch, a Khujand-based group, paints a darker picture. \"Very little has reached the posts,\" the report states. It adds that the timetable slipped twice.

Trade with the Gulf states has grown.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("Very little has reached", "Open Border Watch"),
            ("timetable slipped twice", "Open Border Watch"),
        ],
    );
    assert_eq!(speaker_of(&got, "Gulf states"), "author");
}

#[test]
fn a_committee_named_on_its_subject_is_no_person_and_a_later_he_is_the_speaker() {
    let text = "\
Aram Petrosyan spoke at a hearing of the Standing Committee on Defence Relations on Monday. Petrosyan said the government did not want a quarrel with its partners. Relations with the other members, he stressed, would develop normally. Any decision on leaving, he added, would be taken by parliament.
";
    assert_text_speakers(
        text,
        &[
            ("develop normally", "Aram Petrosyan"),
            ("taken by parliament", "Aram Petrosyan"),
        ],
    );
}

#[test]
fn an_unnamed_official_who_attended_and_told_on_condition_of_anonymity_speaks() {
    let text = "\
The hearing ended late. A Defence Ministry official who attended the meeting told Azatutyun, on condition of anonymity, that no money was left for new equipment. \"The budget is empty,\" the official said.
";
    assert_text_speakers(
        text,
        &[
            ("no money was left", "a Defence Ministry official"),
            ("budget is empty", "a Defence Ministry official"),
        ],
    );
}

#[test]
fn a_note_is_a_document_that_speaks_in_a_tag_after_its_quote() {
    let text = "\
Deputies received a written note from the cabinet before the vote. \"The country received no help when it asked for it,\" the explanatory note states. \"Leaving is a measure of necessity.\"

The vote was postponed.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("received no help", "the explanatory note"),
            ("measure of necessity", "the explanatory note"),
        ],
    );
    assert_eq!(speaker_of(&got, "vote was postponed"), "author");
}

#[test]
fn a_role_in_lowercase_before_a_name_describes_the_person_for_later() {
    let text = "\
The Defence Ministry declined to give an interview. Its press secretary, Lieutenant Colonel Nurlan Toktogulov, answered questions in writing eight days later. Toktogulov wrote that all soldiers had been equipped on time. He did not answer questions about the supplier.

\"The drills showed that the contingents work well together,\" the press secretary wrote.
";
    assert_text_speakers(
        text,
        &[
            ("equipped on time", "Nurlan Toktogulov"),
            ("work well together", "Nurlan Toktogulov"),
        ],
    );
}

#[test]
fn she_after_an_unnamed_woman_brought_in_is_that_woman_not_the_named_one_before() {
    let text = "\
Gulnara Asanova said her husband came back from the range with frostbite. \"He coughed for a month,\" Asanova said.

A woman whose husband serves in the same unit described the same conditions.

\"We sent them gloves ourselves. Nobody thanked us,\" she said. According to her, two men were sent home early.
";
    assert_text_speakers(
        text,
        &[
            ("coughed for a month", "Gulnara Asanova"),
            (
                "gloves ourselves",
                "a woman whose husband serves in the same unit",
            ),
            (
                "Nobody thanked us",
                "a woman whose husband serves in the same unit",
            ),
            (
                "sent home early",
                "a woman whose husband serves in the same unit",
            ),
        ],
    );
}

#[test]
fn a_dateline_cut_from_its_place_is_no_speaker() {
    let text = "\
Kazakh grain exports grow

ALMATY. Nov 5 (Interfax) - The Grain Union of Kazakhstan expects exports to reach nine million tonnes this season, the union said in a statement on Tuesday.

Most of the grain will go to Central Asia and China, the statement says.
";
    let got = attribute_text(text);
    assert_ne!(speaker_of(&got, "Central Asia and China"), "Nov");
    assert_speakers(
        &got,
        &[("Central Asia and China", "the Grain Union of Kazakhstan")],
    );
}

#[test]
fn a_report_inside_a_subordinate_clause_is_not_what_the_sentence_says() {
    let text = "\
The minister spoke to reporters on Friday. The briefing came a week after several Russian commentators suggested on television that Tashkent could change its course. Until Moscow admits that, the bloc will remain a treaty on paper.
";
    let got = attribute_text(text);
    assert_eq!(speaker_of(&got, "briefing came a week"), "author");
    assert_eq!(speaker_of(&got, "Until Moscow admits"), "author");
}

#[test]
fn finding_out_and_figures_telling_a_story_report_nothing() {
    let text = "\
Aigerim Sadykova found out from a photograph that her husband had frostbite. Public opinion in the member states tells a similar story. Sadykova said nobody from the ministry had called her.
";
    let got = attribute_text(text);
    assert_eq!(speaker_of(&got, "found out from a photograph"), "author");
    assert_eq!(speaker_of(&got, "tells a similar story"), "author");
    assert_speakers(&got, &[("nobody from the ministry", "Aigerim Sadykova")]);
}

#[test]
fn families_of_soldiers_who_open_the_sentence_speak_not_the_place_before_the_verb() {
    let text = "\
Families of soldiers sent to a joint exercise of the Collective Security Treaty Organization in Tajikistan say their husbands spent weeks in tents without winter uniforms.
";
    assert_text_speakers(text, &[("spent weeks in tents", "families of soldiers")]);
}

#[test]
fn in_an_answer_he_is_the_person_named_before_not_the_one_answering() {
    let text = "\
Retired colonel Ruslan Abenov served at the Joint Staff for nine years. He spoke to Kazinform about the bloc.

Kazinform: Does Kazakhstan still need the CSTO?

It does. I discussed this last spring with Timur Beisenov, who was deputy defence minister then. He said the bloc was the only insurance policy the country had paid for. I agree with him.

Kazinform: What should change?

Officers I know who took part in the autumn drill told me the scenario had been agreed to the minute. That is not training.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("only insurance policy", "Timur Beisenov"),
            ("I agree with him", "Ruslan Abenov"),
            ("agreed to the minute", "officers"),
            ("not training", "Ruslan Abenov"),
        ],
    );
}

#[test]
fn a_numbered_decree_in_lowercase_is_known_by_its_number() {
    let text = "\
The policy was approved by presidential decree No. UP-112 in March. The decree states that the country \"does not join military blocs\". It also says disputes are settled by talks alone.
";
    assert_text_speakers(
        text,
        &[
            (
                "does not join military blocs",
                "presidential decree No. UP-112",
            ),
            ("settled by talks alone", "presidential decree No. UP-112"),
        ],
    );
}

#[test]
fn a_document_seen_by_the_outlet_speaks_without_the_outlet() {
    let text = "\
The winter kit reached the base on November 19, according to a warehouse receipt seen by Kloop.
";
    assert_text_speakers(text, &[("reached the base", "a warehouse receipt")]);
}

#[test]
fn the_same_poll_and_the_pollsters_speak_for_the_body_that_made_the_survey() {
    let text = "\
A survey conducted in March by the Yerevan-based Ararat Opinion Centre found that only 9% of Armenians trust the bloc. According to the same poll, 58% support leaving it. The pollsters noted that distrust had grown fastest among the young.
";
    assert_text_speakers(
        text,
        &[
            ("58% support leaving", "Ararat Opinion Centre"),
            ("grown fastest among the young", "Ararat Opinion Centre"),
        ],
    );
}

#[test]
fn its_authors_of_a_report_mentioned_with_its_maker_are_the_maker() {
    let text = "\
That imbalance is also the main finding of a report published in March by the Caspian Security Monitor, a Vienna-based research group. Its authors counted 31 exercises between 2022 and 2025 and found that Russian units supplied most of the troops.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[("counted 31 exercises", "Caspian Security Monitor")],
    );
}

#[test]
fn it_after_a_quote_is_the_body_named_in_the_sentences_before() {
    let text = "\
The Defence Ministry of Kazakhstan published a video of the drill on Monday. Soldiers were shown crossing a river on pontoons. \"The exercise confirms the readiness of the collective forces,\" it said.
";
    assert_text_speakers(
        text,
        &[(
            "readiness of the collective forces",
            "the Defence Ministry of Kazakhstan",
        )],
    );
}

#[test]
fn a_surveys_figures_after_its_finding_go_on_with_the_body_that_made_it() {
    let text = "\
A survey conducted in May by the Sevan Centre for Public Research found that trust in the bloc had collapsed. Only 9 per cent said Armenia should return to full participation, while 58 per cent backed a formal withdrawal. In the same poll, 34 per cent of respondents named the European Union as the main partner.

The bloc's budget grew by 4 percent last year.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            (
                "Only 9 per cent said",
                "the Sevan Centre for Public Research",
            ),
            (
                "34 per cent of respondents",
                "the Sevan Centre for Public Research",
            ),
        ],
    );
    assert_eq!(speaker_of(&got, "budget grew by 4 percent"), "author");
}

#[test]
fn going_on_to_praise_or_accuse_goes_on_speaking() {
    let text = "\
Viktor Ostrovsky opened the summit on Monday with a short speech. He went on to praise the alliance as \"a reliable shield\" for its members.
";
    assert_text_speakers(text, &[("reliable shield", "Viktor Ostrovsky")]);
}

#[test]
fn the_one_a_medium_quoted_as_saying_speaks() {
    let text = "\
State media in Dushanbe quoted an unnamed Tajik border official as saying that the guards had fired warning shots first.
";
    assert_text_speakers(
        text,
        &[("fired warning shots", "an unnamed Tajik border official")],
    );
}

#[test]
fn a_newspaper_named_in_quotation_marks_in_a_press_review_speaks() {
    let text = "\
The letter was discussed in the Yerevan press this week. \"Arshaluys\" claims that the letter was a deliberate signal from Moscow.
";
    assert_text_speakers(text, &[("deliberate signal", "Arshaluys")]);
}

#[test]
fn sources_singled_out_in_apposition_are_known_by_it_and_counted_in_order() {
    let text = "\
Two sources in the Kyrgyz defence ministry described the plan to the paper. One of the sources, a retired major who still advises the ministry, said the drills would be cut by half. \"Nobody wants to pay for them,\" he said.

A second ministry source, a logistics officer at the general staff, said fuel had not been delivered to the range.

The first source said the final decision would come in spring.
";
    assert_text_speakers(
        text,
        &[
            (
                "cut by half",
                "a retired major who still advises the ministry",
            ),
            (
                "Nobody wants to pay",
                "a retired major who still advises the ministry",
            ),
            (
                "fuel had not been delivered",
                "a logistics officer at the general staff",
            ),
            (
                "final decision would come",
                "a retired major who still advises the ministry",
            ),
        ],
    );
}

#[test]
fn a_body_named_after_its_kind_is_known_by_its_name() {
    let text = "\
In May, the opposition Telegram channel Steppe Watch, which has 80,000 subscribers, accused the ministry of hiding its losses. \"The figures are invented from start to finish,\" the channel wrote.
";
    let got = attribute_text(text);
    assert_eq!(speaker_of(&got, "accused the ministry"), "Steppe Watch");
    assert_eq!(speaker_of(&got, "invented from start"), "Steppe Watch");
}

#[test]
fn a_court_report_requests_admissions_rulings_and_a_name_particle() {
    let text = "\
State prosecutor, Captain Bolot Asanov, asked the court to jail the soldier for three years. In his last word, Azamat Kurmanbek uulu did not deny that he had missed the train. \"I was afraid of the border,\" Kurmanbek uulu said.

Judge Elmira Tokoeva found the soldier guilty on one count. She ruled that the sentence would be suspended.

Defence lawyer Nargiza Osmonova said she would appeal. The soldier's sister, who gave only her first name, Aigul, stood by the gate. \"He is a good boy,\" she said.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("asked the court to jail", "Bolot Asanov"),
            ("did not deny", "Azamat Kurmanbek uulu"),
            ("afraid of the border", "Azamat Kurmanbek uulu"),
            ("sentence would be suspended", "Elmira Tokoeva"),
            ("good boy", "Aigul"),
        ],
    );
    // a verdict is the court's act, told by the author
    assert_eq!(speaker_of(&got, "found the soldier guilty"), "author");
    // the particle is part of the name, not a name of its own
    assert!(
        !same_speaker("Azamat Kurmanbek uulu", "Ruslan Toktogul uulu"),
        "two sons of different fathers"
    );
}

#[test]
fn one_dash_led_exchange_is_answered_by_the_person_named_before_it() {
    let text = "\
Later in the day, ministry spokeswoman Dinara Sultanova answered a question from our agency.

– Will Kazakhstan send more troops to the joint force?

– No such decision has been made. Our contingent is set by the agreements in force.

The next meeting of the ministers is planned for spring.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("No such decision", "Dinara Sultanova"),
            ("Our contingent is set", "Dinara Sultanova"),
        ],
    );
    assert_eq!(speaker_of(&got, "Will Kazakhstan send"), "author");
    assert_eq!(speaker_of(&got, "next meeting of the ministers"), "author");
}

#[test]
fn an_explainers_question_headings_and_question_headline_are_headings() {
    let text = "\
The bloc explained: what is it for and who is leaving?

The alliance has six members and a joint staff in Moscow. It was founded in 2002.

What is the bloc?

It is a military alliance of six states that grew out of a treaty signed in 1992.

Why is Armenia unhappy?

Yerevan says the bloc failed to help it in 2022. It has stopped paying its share.

So what comes next? Nobody in the capitals knows.
";
    let d = prepared(text);
    let heading = |needle: &str| {
        d.sentences
            .iter()
            .find(|s| s.text.contains(needle))
            .unwrap_or_else(|| panic!("no sentence contains {needle:?}"))
            .is_heading
    };
    assert!(heading("The bloc explained"));
    assert!(heading("What is the bloc?"));
    assert!(heading("Why is Armenia unhappy?"));
    // a question inside a paragraph is the text's own
    assert!(!heading("So what comes next?"));
    assert!(!heading("It was founded in 2002."));
}

#[test]
fn a_reports_authors_count_and_find_and_the_report_concludes() {
    let text = "\
A report released in May by the Pamir Security Institute argues that the joint force exists mostly on paper.

The ministry did not reply to a request for comment.

The authors count nine joint drills in 2024, down from fifteen. They also found that half of the common budget went unspent. \"The bloc survives because nobody dares to leave it first,\" the report concludes.
";
    assert_text_speakers(
        text,
        &[
            ("nine joint drills", "Pamir Security Institute"),
            ("half of the common budget", "Pamir Security Institute"),
            ("nobody dares to leave", "Pamir Security Institute"),
        ],
    );
}

#[test]
fn partial_quotes_pronouns_after_an_adverbial_and_second_verbs() {
    let text = "\
The session opened on Monday, when Deputy Askar Nurlanov used his speech to attack what he called “defeatist talk” about the bloc.

Prime Minister Vahe Sargsyan said the bloc had failed Armenia. In a speech to parliament last week, he went further, saying the alliance \"is a danger to us.\"

Foreign Minister Erlan Abishev opened the meeting. He singled out the Afghan border as a priority and urged partners to speed up deliveries.

Foreign Minister Timur Bekov set out the demands in a letter. When I raised the matter with Deputy Secretary General Ruslan Akhmetov in March, he told me that a vote would be needed.
";
    assert_text_speakers(
        text,
        &[
            ("defeatist talk", "Askar Nurlanov"),
            ("went further", "Vahe Sargsyan"),
            ("urged partners", "Erlan Abishev"),
            ("a vote would be needed", "Ruslan Akhmetov"),
        ],
    );
}

#[test]
fn nouns_that_look_like_reports_and_questions_asked_about_report_nothing() {
    let text = "\
The CSTO is a military alliance of former Soviet states that grew out of a treaty signed in Tashkent in 1992.

Beijing is watching the same debate, and it is careful about what it says.

EU spokeswoman Anna Lind told reporters that the choice was Armenia's alone. The spokeswoman declined to say whether Brussels considered the bloc a partner, saying only that the EU \"does not comment on such matters.\"

Human rights defenders told the agency they could recall only one similar case.
";
    let got = attribute_text(text);
    assert_eq!(speaker_of(&got, "former Soviet states"), "author");
    assert_eq!(speaker_of(&got, "careful about what it says"), "author");
    assert_speakers(
        &got,
        &[
            ("declined to say whether", "Anna Lind"),
            ("only one similar case", "human rights defenders"),
        ],
    );
}

#[test]
fn a_press_review_follows_the_paper_it_turned_to() {
    let text = "\
A court ruling on the garrison dominated the Bishkek papers this week.

\"Zaman\" claims that the ruling was dictated from Moscow. The paper writes that the judges \"did not read the file.\"

\"Ordo\" takes a calmer line. In an editorial, the paper concedes that the ruling was hasty. But it argues that an appeal would only prolong the quarrel. \"Patience is a policy too,\" the editorial says.

\"Birlik,\" for its part, is more interested in the cost. The daily calculates that the garrison costs the budget 40 million soms a year.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("did not read the file", "Zaman"),
            ("ruling was hasty", "Ordo"),
            ("only prolong the quarrel", "Ordo"),
            ("Patience is a policy", "Ordo"),
            ("40 million soms", "Birlik"),
        ],
    );
    // turning to a paper reports nothing yet
    assert_eq!(speaker_of(&got, "takes a calmer line"), "author");
    assert_eq!(speaker_of(&got, "more interested in the cost"), "author");
}

#[test]
fn titles_and_body_names_with_linking_words() {
    let text = "\
The Ministry of Energy and Water Resources of Tajikistan confirmed the schedule, saying the dam would open in April.

\"We have chosen the second path,\" said Kyrgyzstan's Ambassador to Kazakhstan Nurlan Asanov, who attended the signing.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            (
                "dam would open",
                "the Ministry of Energy and Water Resources of Tajikistan",
            ),
            ("second path", "Nurlan Asanov"),
        ],
    );
    assert!(speaker_of(&got, "dam would open").contains("Energy and Water"));
}

#[test]
fn a_poll_by_a_one_word_project_and_an_apposition_found_alone() {
    let text = "\
A survey published in May by the independent polling project Barometr found that 23 percent of respondents could name a member. According to the same poll, 41 percent believed the bloc would help, while 38 percent said it would not.

Two sources described the talks. One of the sources, a Central Asian diplomat, said the wording had changed four times.
";
    assert_text_speakers(
        text,
        &[
            ("23 percent of respondents", "Barometr"),
            ("41 percent believed", "Barometr"),
            ("wording had changed", "a Central Asian diplomat"),
        ],
    );
}

#[test]
fn a_round_tables_turns_run_on_and_name_other_participants() {
    let text = "\
Moderator: Ilya Petrov, program manager.

Ilya Petrov: Good afternoon. Anna, is the bloc in crisis?

Anna Sokolova: I would not call it a crisis. The bloc was never meant to copy NATO.

Ilya Petrov: Karen, how does it look from Yerevan?

Karen Avetisyan: From Yerevan it looks like an empty building.

I listened carefully to Anna Sokolova, and I agree that the bloc is not NATO. But the treaty means whatever Moscow decides.

Ilya Petrov: Thank you both.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("never meant to copy", "Anna Sokolova"),
            ("empty building", "Karen Avetisyan"),
            ("I listened carefully", "Karen Avetisyan"),
            ("whatever Moscow decides", "Karen Avetisyan"),
        ],
    );
}

#[test]
fn inverted_tags_readouts_and_views_expressed() {
    let text = "\
\"We asked for helicopters and got a press release,\" grumbles a retired colonel in Dushanbe.

Defence Minister Ruslan Abenov informed the President about the results of the exercise. He also expressed the view that the bloc should talk to the SCO.
";
    assert_text_speakers(
        text,
        &[
            ("got a press release", "a retired colonel in Dushanbe"),
            ("results of the exercise", "Ruslan Abenov"),
            ("talk to the SCO", "Ruslan Abenov"),
        ],
    );
}

#[test]
fn a_chat_log_quoted_line_by_line() {
    let text = "\
The officers' messages, seen by the reporters, read:

Orel (3 May, 21:14): Tents arrived. The papers say twice as many.

Volk (21:16): Sign it. Orders from the top.

The exercise began two days later.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("Tents arrived", "Orel"),
            ("twice as many", "Orel"),
            ("Sign it", "Volk"),
            ("Orders from the top", "Volk"),
        ],
    );
    assert_eq!(speaker_of(&got, "began two days later"), "author");
}

#[test]
fn a_broadcast_transcript_with_a_host_a_report_and_soundbites() {
    let text = "\
Night Panel: Is the alliance worth its cost?

HOST: Good evening, and welcome to Night Panel. Is the alliance worth its cost?

With me tonight are Dilnoza Karimova of the Steppe Forum and retired Major Oleg Rudnev. Dilnoza, is the alliance worth it?

DILNOZA KARIMOVA: It costs little and delivers less. The members no longer plan together.

OLEG RUDNEV: With respect, that is wrong. The staff still meets every month.

DILNOZA KARIMOVA: But Oleg, the one thing it never did was —

HOST: Let us see the report first. What do people at the range think?

REPORTER (VOICE-OVER): At the range near Sary-Ozek, dust rises over the tents of four armies.
SOUNDBITE (Russian) TIMUR ABDRAKHMANOV, range commander: The drills here are real, and the allies come every year.
SOUNDBITE (Kazakh) AIGUL SERIKOVA, farmer: When the tanks pass, my fences fall down.

HOST: Oleg, the last word is yours?

OLEG RUDNEV: The alliance will outlive its critics.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("delivers less", "Dilnoza Karimova"),
            ("no longer plan together", "Dilnoza Karimova"),
            ("still meets every month", "Oleg Rudnev"),
            ("the one thing it never did", "Dilnoza Karimova"),
            ("The drills here are real", "Timur Abdrakhmanov"),
            ("my fences fall down", "Aigul Serikova"),
            ("outlive its critics", "Oleg Rudnev"),
        ],
    );
    // the host's own paragraphs and the reporter's voice are the outlet's
    for needle in [
        "With me tonight",
        "is the alliance worth it",
        "dust rises over the tents",
    ] {
        assert_eq!(speaker_of(&got, needle), "author", "{needle}");
    }
}

#[test]
fn an_interview_after_another_story_on_the_same_page() {
    let text = "\
Spokesperson says the bloc plays a useful role

ASTANA, June 2 -- Foreign Ministry spokesperson Saule Nurpeisova said on Monday that the bloc was useful.

When asked whether Astana was worried about the drills in the south, the spokesperson said the drills targeted no one.

Interview: the bloc still matters, says a Tashkent scholar

The bloc remains a stabilizer for the region, a Tashkent scholar has said.

Bakhrom Yuldashev, a senior fellow at a Tashkent institute, made the remarks in an interview this week.

Question: How strong is the bloc today?

Answer: It is weaker than it was. The members disagree about what it is for.

Question: Will it survive?

Answer: It will, because nobody has a better one.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("the drills targeted no one", "Saule Nurpeisova"),
            ("weaker than it was", "Bakhrom Yuldashev"),
            ("disagree about what it is for", "Bakhrom Yuldashev"),
            ("nobody has a better one", "Bakhrom Yuldashev"),
        ],
    );
}

#[test]
fn readouts_asides_and_unnamed_officers() {
    let text = "\
According to a readout issued by the Ministry of Foreign Affairs of Mongolia, the deputy minister met the bloc's envoy on Friday.

The two sides agreed that stability on the steppe serves everyone, the readout said.

Asked whether Ulaanbaatar might apply for observer status, as some Moscow pundits have suggested, Tserendorj Batbold said the question was not on the agenda.

At the checkpoint above the river, a captain of the border guard agreed to talk, on condition that he not be named.

The crossings, according to him, are quieter than last year.

On Tuesday, the police said the rally had passed without incident.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            (
                "the deputy minister met",
                "Ministry of Foreign Affairs of Mongolia",
            ),
            (
                "stability on the steppe",
                "Ministry of Foreign Affairs of Mongolia",
            ),
            ("not on the agenda", "Tserendorj Batbold"),
            ("quieter than last year", "a captain of the border guard"),
            ("passed without incident", "the police"),
        ],
    );
}

#[test]
fn a_wire_dateline_closed_by_a_dash_is_a_sentence_of_its_own() {
    let d =
        prepared("BISHKEK, 4 March (Kabar) – The defence ministers of the bloc met on Tuesday.\n");
    let texts: Vec<&str> = d.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "BISHKEK, 4 March (Kabar) –",
            "The defence ministers of the bloc met on Tuesday."
        ]
    );
}

#[test]
fn a_round_tables_moderator_named_in_full_speaks_in_his_statements() {
    let text = "\
Round table: the bloc at thirty

The institute held a round table on the bloc's thirtieth year. We publish the transcript.

Arman Sadykov: Good afternoon, colleagues. Our subject today is the bloc's future. Nurlan, where does Astana stand?

Nurlan Beisenov: Astana stands where it stood. The bloc is useful and cheap.

Arman Sadykov: Irina, is that view shared in Minsk?

Irina Kovalchuk: Only in part. Minsk wants more say in planning.

Arman Sadykov: Thank you, colleagues; the debate clearly goes on.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("Our subject today", "Arman Sadykov"),
            ("the debate clearly goes on", "Arman Sadykov"),
            ("useful and cheap", "Nurlan Beisenov"),
            ("more say in planning", "Irina Kovalchuk"),
        ],
    );
    // a question asserts nothing: it stays with the interviewer
    assert_eq!(speaker_of(&got, "is that view shared"), "author");
}

#[test]
fn a_letters_page_gives_each_letter_to_its_signer() {
    let text = "\
Letters: the bloc at thirty

Our op-ed on the bloc drew many letters. Here is a selection.

A club, not an alliance

The bloc never came when we called. It sends statements instead of help.

— Armen Hakobyan, Gyumri

In its defence

The bloc did what it promised in 2022 and then left on time.

— Olga Zaitseva, Omsk
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("never came when we called", "Armen Hakobyan"),
            ("sends statements instead", "Armen Hakobyan"),
            ("left on time", "Olga Zaitseva"),
        ],
    );
    assert_eq!(speaker_of(&got, "drew many letters"), "author");
}

#[test]
fn a_document_printed_in_full_is_the_documents() {
    let text = "\
The ministers met in Osh on Friday and adopted a joint appeal. The text of the Joint Appeal is published below.

JOINT APPEAL

of the Ministers of Defence of the Member States on Border Security

Osh, 4 May 2026

The Ministers note with concern that smuggling across the southern border has grown.

1. The Member States will hold a joint border exercise in the autumn.

2. The Member States will share data on border incidents every month.

Later on Friday, Defence Minister Erlan Dzhumabaev told reporters that the appeal was overdue.
";
    let got = attribute_text(text);
    let title = "Joint Appeal of the Ministers of Defence of the Member States on Border Security";
    assert_speakers(
        &got,
        &[
            ("smuggling across the southern border", title),
            ("joint border exercise", title),
            ("share data on border incidents", title),
            ("the appeal was overdue", "Erlan Dzhumabaev"),
        ],
    );
    assert_eq!(speaker_of(&got, "is published below"), "author");
}

#[test]
fn a_podcast_transcript_with_timestamps_gives_first_name_labels_their_full_names() {
    let text = "\
Podcast: Who needs the bloc?

In this week's episode Dana and Timur talk to Rustam Ergeshov, who studies defence budgets in Bishkek.

Transcript

[00:00:03] Timur: Hello and welcome to the show, I'm Timur Alimov.

[00:00:06] Dana: And I'm Dana Seitova.

[00:00:09] Timur: Rustam, is the bloc worth what Kyrgyzstan pays for it?

[00:00:14] Rustam: Mostly not. The drills are useful, but the money goes to Moscow's priorities.

[00:00:31] Dana: Why do you say that?

[00:00:33] Rustam: Because the budget lines show it. Almost nothing is spent on the southern border.

[00:00:52] Timur: To be fair, the secretariat disputes those numbers.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("The drills are useful", "Rustam Ergeshov"),
            ("Mostly not", "Rustam Ergeshov"),
            ("Almost nothing is spent", "Rustam Ergeshov"),
            ("the secretariat disputes those numbers", "Timur Alimov"),
            ("And I'm Dana Seitova", "Dana Seitova"),
        ],
    );
    // a label's timestamp and name are no speaker of their own
    assert_ne!(speaker_of(&got, "Because the budget lines"), "author");
}

#[test]
fn a_briefing_transcript_is_the_speakers_whose_title_names_them() {
    let text = "\
Briefing by Foreign Ministry Spokesman Arman Dzhaksybekov, Astana, 14 May 2026

On the meeting of the bloc's defence ministers

Next week Astana will host the defence ministers of the bloc. The agenda includes the joint air defence system.

Astana calls on all member states to pay their contributions on time.

Answers to media questions:

Question (Kazinform): Some experts say the bloc is weaker than ever. Do you agree?

Answer: No. The bloc has never been better prepared.

Question (Tengrinews): When will the new command be formed?

Answer: The ministers will decide that in the autumn.
";
    let got = attribute_text(text);
    let speaker = "Arman Dzhaksybekov";
    assert_speakers(
        &got,
        &[
            ("Astana will host the defence ministers", speaker),
            ("The agenda includes", speaker),
            ("Astana calls on all member states", speaker),
            ("never been better prepared", speaker),
            ("will decide that in the autumn", speaker),
        ],
    );
    assert_eq!(speaker_of(&got, "When will the new command"), "author");
    assert_eq!(speaker_of(&got, "Answers to media questions"), "author");
}

#[test]
fn a_description_that_fits_one_person_wholly_is_that_person_not_the_last_speaker() {
    let text = "\
Committee hearing on the training ground

The bill was presented by the Deputy Minister of Defence, Major General Temir Abdykadyrov. The deputy minister said the ground would be used for joint drills only.

Deputy Gulzat Sydykova asked whether foreign units could train there alone. In reply, the deputy minister explained that Kyrgyz officers would attend every drill.

Deputy Kanybek Orozov said the alliance had failed the republic in 2022. The deputy minister stated that the agreement concerned training only.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            (
                "Kyrgyz officers would attend every drill",
                "Temir Abdykadyrov",
            ),
            ("concerned training only", "Temir Abdykadyrov"),
            ("failed the republic", "Kanybek Orozov"),
        ],
    );
}

#[test]
fn a_speech_printed_in_full_is_the_words_of_the_person_its_lede_names() {
    let text = "\
President Almaz Toktogulov speaks at the bloc's summit

On 5 June, President Almaz Toktogulov addressed the summit of the bloc in Minsk.

Full text of the speech:

Dear colleagues!

Our alliance has proved its worth this year. Kyrgyzstan is ready to host the next exercise.

Our first president, Bakyt Osmonov, once said that the treaty was a bridge between our peoples. These words still hold.

Thank you for your attention.
";
    let got = attribute_text(text);
    let x = "Almaz Toktogulov";
    assert_speakers(
        &got,
        &[
            ("proved its worth", x),
            ("ready to host the next exercise", x),
            ("These words still hold", x),
            ("a bridge between our peoples", "Bakyt Osmonov"),
        ],
    );
    assert_eq!(speaker_of(&got, "addressed the summit"), "author");
}

#[test]
fn a_timelines_dated_entries_and_a_body_named_by_its_initials() {
    let text = "\
Timeline: Kyrgyzstan and the bloc

The Eurasian Defence Union was founded in 2002. Here are the main moments of its ties with Kyrgyzstan.

May 4, 2021 - Foreign Minister Nurlan Asanov announces that Bishkek will ask the bloc for help on the border.

Oct 2022 - The EDU says it will send a mission to assess the border situation.

March 2025 - Asanov tells parliament that the mission's report was never published.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("will ask the bloc for help", "Nurlan Asanov"),
            ("report was never published", "Nurlan Asanov"),
        ],
    );
    assert_eq!(
        speaker_of(&got, "send a mission to assess"),
        "Eurasian Defence Union"
    );
}

#[test]
fn a_partys_initials_after_a_name_are_no_surname() {
    let text = "\
MEPs split on the bloc

Latvian MEP Inga Berzina (EPP) said the Commission was right to keep its distance from the bloc. “It came to nobody's help,” she said.

Nor did the Commission say when it would publish its paper.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("right to keep its distance", "Inga Berzina"),
            ("came to nobody's help", "Inga Berzina"),
        ],
    );
    assert_eq!(speaker_of(&got, "Nor did the Commission"), "author");
}

#[test]
fn one_of_the_people_is_the_group_of_people_met_before() {
    let text = "\
Arms deals

Astana is close to two arms deals with European firms, according to people familiar with the matter.

The deals could be worth $1.5 billion, one of the people said.
";
    let got = attribute_text(text);
    assert_eq!(
        speaker_of(&got, "could be worth"),
        "people familiar with the matter"
    );
}

#[test]
fn the_leader_of_a_named_party_is_the_person_described_so_before() {
    let text = "\
Opposition leader praises the bloc

The alliance protects its members, Giorgi Beridze, leader of the New Road party, stated on the air.

The leader of New Road noted that he was not calling for Georgia to join.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[("not calling for Georgia to join", "Giorgi Beridze")],
    );
}

#[test]
fn a_verbatim_record_gives_each_turn_to_the_speaker_its_label_line_names() {
    let text = "\
Stenographic Record

Plenary sitting, 4 June 2026

Chair of the Senate Committee on Defence Marat Ospanov (presiding):

Colleagues, we turn to the ratification of the protocol. The floor goes to the rapporteur.

Senator Dana Kuatbekova (Amanat):

Thank you. The protocol lets our engineers train at the joint centre near Almaty. It costs the budget nothing this year.

(Noise in the hall)

I ask the chamber to ratify it.

Senator Yerlan Tokhtarov (Ak Zhol), from the floor:

And who pays next year?

Dana Kuatbekova:

The partners share the costs from 2027 onwards.

Marat Ospanov (presiding):

Thank you. The vote is closed.

The record is published without editing.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("we turn to the ratification", "Marat Ospanov"),
            ("The floor goes to the rapporteur", "Marat Ospanov"),
            ("lets our engineers train", "Dana Kuatbekova"),
            ("costs the budget nothing", "Dana Kuatbekova"),
            ("ask the chamber to ratify", "Dana Kuatbekova"),
            ("who pays next year", "Yerlan Tokhtarov"),
            ("share the costs from 2027", "Dana Kuatbekova"),
            ("The vote is closed", "Marat Ospanov"),
        ],
    );
    assert_eq!(
        speaker_of(&got, "Senator Dana Kuatbekova (Amanat):"),
        "author"
    );
    assert_eq!(speaker_of(&got, "(Noise in the hall)"), "author");
    assert_eq!(speaker_of(&got, "published without editing"), "author");
}

#[test]
fn a_court_report_gives_requests_testimony_and_coordinated_reports_to_their_subjects() {
    let text = "\
Verdict in the depot case

The Osh Garrison Court sentenced Talant Mamytov, a former depot chief, for selling army fuel.

State prosecutor Elmira Sultanova, head of the garrison prosecutor's office, asked the court to sentence him to seven years.

Witness Bakyt Osmonaliev, a truck driver, testified that he had carried the fuel at night.

In his last word, Mamytov asked for mercy and said that he had repaid part of the loss.

At the hearing, Deputy Minister Aibek Joldoshev strongly denied the claims.

The court established that the fuel had been sold twice.

The border guards have established new posts in the valley.

According to the Joint Staff of the alliance, the fuel norms were set by the host country.

The other contingents, it reported, arrived with their own reserves.

According to the court’s findings, the fuel was sold at night.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("asked the court to sentence", "Elmira Sultanova"),
            ("testified that he had carried", "Bakyt Osmonaliev"),
            ("asked for mercy and said", "Talant Mamytov"),
            ("strongly denied the claims", "Aibek Joldoshev"),
            ("fuel had been sold twice", "Osh Garrison Court"),
            (
                "arrived with their own reserves",
                "the Joint Staff of the alliance",
            ),
            ("fuel was sold at night", "Osh Garrison Court"),
        ],
    );
    assert_eq!(speaker_of(&got, "have established new posts"), "author");
}

#[test]
fn a_report_named_by_its_kind_takes_the_title_the_page_gives_it() {
    let text = "\
New study on the alliance

The Central Asia Policy Lab today released \"Promises and Drills: The CSTO in Tajikistan\", a 60-page report on the alliance's border work.

The report finds that joint patrols doubled between 2021 and 2025.

According to the study, fewer than half of them reached the mountain posts.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            (
                "joint patrols doubled",
                "Promises and Drills: The CSTO in Tajikistan",
            ),
            (
                "reached the mountain posts",
                "Promises and Drills: The CSTO in Tajikistan",
            ),
        ],
    );
}

#[test]
fn a_speaker_already_heard_goes_on_judging_as_a_subject() {
    let text = "\
Analysts split on the bloc

\"The alliance has lost its purpose in the south,\" said Nodira Yusupova, a researcher in Tashkent.

Yusupova traces the decline to the border crisis of 2022.

Her colleague Farid Aliev is more hopeful. \"The drills still matter,\" he said.

Aliev, for his part, sees the new budget as a sign of life.

Yusupova was not convinced.

Yusupova did not mention the budget.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("traces the decline", "Nodira Yusupova"),
            ("sees the new budget", "Farid Aliev"),
            ("was not convinced", "Nodira Yusupova"),
        ],
    );
    assert_eq!(speaker_of(&got, "did not mention the budget"), "author");
}

#[test]
fn a_question_tagged_with_asks_and_a_view_closing_the_sentence_are_the_speakers() {
    let text = "\
Readers ask

\"Why does Tajikistan still pay for the alliance?\" asks Firuza from Khujand.

We put the question to Bakhtiyor Saidov, a political scientist in Dushanbe.

\"The membership fee is small next to what the drills bring,\" Saidov said.

For now, nobody in Dushanbe is planning to leave, in the analyst's view.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("still pay for the alliance", "Firuza"),
            ("nobody in Dushanbe is planning", "Bakhtiyor Saidov"),
        ],
    );
}

#[test]
fn a_note_or_post_a_speaker_put_words_in_speaks_as_them_later() {
    let text = "\
Risk outlook

In a note to clients on Monday, the Tashkent consultancy Silk Road Risk said the alliance was losing relevance.

Analyst Kamila Usmanova said the drills would go ahead anyway.

\"Governments now treat the bloc as one option among many,\" the note said.
";
    let got = attribute_text(text);
    assert_speakers(&got, &[("one option among many", "Silk Road Risk")]);
}

#[test]
fn the_channel_is_the_body_the_article_named_as_a_channel() {
    let text = "\
What the channels saw

The first report appeared on Monday on Zastava Info, a Telegram channel run by the families of reservists.

\"Our men are sleeping in tents,\" the channel wrote.

The Steppe Institute for Security Research, a think tank in Almaty, was more cautious.

The drills were planned long ago, the think tank said.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("sleeping in tents", "Zastava Info"),
            ("planned long ago", "Steppe Institute for Security Research"),
        ],
    );
}

#[test]
fn a_first_name_alone_is_the_relative_named_in_full_not_the_man_with_a_like_surname() {
    let text = "\
A soldier's family waits

\"The training was harder than war,\" said Private Ruslan Abdullin, who was injured during the drills.

His sister, Aliya Abdullina, 24, keeps every letter he sent from the base.

\"He writes that the food is good, but I do not believe him,\" Aliya says.
";
    let got = attribute_text(text);
    assert_speakers(&got, &[("the food is good", "Aliya Abdullina")]);
}

#[test]
fn the_paper_is_the_medium_named_with_what_it_is_not_its_sources() {
    let text = "\
Press review

The daily Zhamanak reports that the cabinet met on Friday. The daily's sources in the government claim that two ministers argued for a full withdrawal.

According to the paper, the prime minister told the session that the alliance had failed.
";
    let got = attribute_text(text);
    assert_speakers(&got, &[("alliance had failed", "Zhamanak")]);
}

#[test]
fn texts_printed_in_full_under_their_own_headings_are_their_signers_and_issuers() {
    let text = "\
Senator's question on the joint air defence system

Senator Aibek Turgunbayev asked the government in March how much the joint air defence system costs. The question and the answer are published below in full.

Senator's question

To the Minister of Finance

Dear Minister!

The joint air defence system was promised to us as cheap. Our towns still have no radar cover. I ask you to say what we have paid so far.

Senator of the Republic Aibek Turgunbayev

Answer to the senator's question

Dear Aibek Sultanovich!

The ministry has paid 4 billion in three years. The rest falls due in 2028.

Minister of Finance Zarina Abdyldayeva

Tags: budget, defence
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("was promised to us as cheap", "Aibek Turgunbayev"),
            ("Our towns still have no radar", "Aibek Turgunbayev"),
            ("what we have paid so far", "Aibek Turgunbayev"),
            ("has paid 4 billion", "Zarina Abdyldayeva"),
            ("The rest falls due", "Zarina Abdyldayeva"),
        ],
    );
    assert_eq!(speaker_of(&got, "published below in full"), "author");
    assert_eq!(speaker_of(&got, "Tags: budget"), "author");
}

#[test]
fn a_reply_and_a_reservation_printed_after_the_article_speak_for_who_made_them() {
    let text = "\
Ministers sign the Bishkek Communiqué

The foreign ministers signed the Bishkek Communiqué on Friday. The agency publishes the full text of the communiqué. Tajikistan entered a reservation; the text of the reservation is printed after the communiqué.

Bishkek Communiqué of the Council of Foreign Ministers

We, the ministers, agree to meet twice a year. The secretariat will prepare the agenda.

Reservation of the Republic of Tajikistan to the Bishkek Communiqué

The Republic of Tajikistan will take part in the meetings as an observer only. It reserves its position on the agenda.

The communiqué and the reservation were also posted on the secretariat's website.

Right of reply: Ministry of Defence of Kyrgyzstan

The following statement was sent to the agency and is published without changes.

The ministry rejects the report's claim that the drills were cancelled. They will go ahead in May.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("agree to meet twice a year", "Bishkek Communiqué"),
            ("will prepare the agenda", "Bishkek Communiqué"),
            ("as an observer only", "Republic of Tajikistan"),
            ("reserves its position", "Republic of Tajikistan"),
            (
                "rejects the report's claim",
                "Ministry of Defence of Kyrgyzstan",
            ),
            ("will go ahead in May", "Ministry of Defence of Kyrgyzstan"),
        ],
    );
    for own in [
        "publishes the full text",
        "also posted on the secretariat",
        "published without changes",
    ] {
        assert_eq!(speaker_of(&got, own), "author", "{own}");
    }
}

#[test]
fn sections_signed_by_different_people_are_each_signers_but_for_whom_they_quote() {
    let text = "\
Debate: Should Kyrgyzstan host a new CSTO base?

The editors asked two analysts to make the case for and against.

For: The base brings money and cover

By Nurlan Asanov

The base would bring rent and jobs to a poor region. As Kubat Eshiev, a former defence minister, put it to me: \"Nobody attacks a country with a base on its soil. That is the point.\"

Nurlan Asanov is a researcher at a Bishkek think tank.

Against: The base ties our hands

By Gulnara Toktosunova

A base is a promise we cannot take back. It would make every quarrel of Moscow's our own.

Gulnara Toktosunova is a columnist.

Tags: Kyrgyzstan, CSTO
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("bring rent and jobs", "Nurlan Asanov"),
            ("Nobody attacks a country", "Kubat Eshiev"),
            ("That is the point", "Kubat Eshiev"),
            ("a promise we cannot take back", "Gulnara Toktosunova"),
            ("every quarrel of Moscow", "Gulnara Toktosunova"),
        ],
    );
    assert_eq!(speaker_of(&got, "make the case for and against"), "author");
    assert_eq!(speaker_of(&got, "is a columnist"), "author");
}

#[test]
fn the_writers_own_i_and_we_and_a_clause_word_before_a_name_name_no_speaker() {
    let got = attribute_text(
        "The bloc met in Dushanbe.\n\nI wrote at the time that the alliance could move quickly.\n\nNone of this is forbidden, but all of it shows where our planners believe security lies.\n\nAs Serik Omarov, a retired general, put it: \"We are safer inside.\"\n",
    );
    assert_eq!(speaker_of(&got, "I wrote at the time"), "author");
    assert_eq!(speaker_of(&got, "None of this"), "author");
    assert_eq!(speaker_of(&got, "We are safer inside"), "Serik Omarov");
}

#[test]
fn delegations_named_by_their_country_are_each_their_own_and_a_title_in_apposition_names_its_holder(
) {
    let text = "\
The Security Council held an open debate on regional organizations.

Nurlan Zhaksybekov, Deputy Secretary-General of the CSTO, said the organization had matured. He described its forces as ready.

The representative of the Russian Federation said the CSTO was a reliable partner.

The representative of the United States said Washington supported practical cooperation. He questioned whether the CSTO could act independently of Moscow.

China's delegate said regional bodies deserved support.

Denmark's delegate said the Council should consult regional organizations earlier.

Belarus' delegate rejected attempts to divide the organization.

Taking the floor a second time, the Deputy Secretary-General of the CSTO said the organization had acted by its rules.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("had matured", "Nurlan Zhaksybekov"),
            ("described its forces", "Nurlan Zhaksybekov"),
            (
                "reliable partner",
                "the representative of the Russian Federation",
            ),
            (
                "supported practical cooperation",
                "the representative of the United States",
            ),
            (
                "act independently of Moscow",
                "the representative of the United States",
            ),
            ("deserved support", "China's delegate"),
            ("consult regional organizations", "Denmark's delegate"),
            ("attempts to divide", "Belarus' delegate"),
            ("acted by its rules", "Nurlan Zhaksybekov"),
        ],
    );
}

#[test]
fn a_document_the_outlet_has_in_hand_speaks_as_the_draft_the_memo_and_its_authors() {
    let text = "\
A plan for the alliance

The newspaper has obtained a draft memorandum on the CSTO budget, prepared by the secretariat.

The CSTO Secretariat declined to comment.

The document says contributions have fallen behind for three years. Its authors propose fines for members in arrears. Arrears would be waived in a crisis, according to the draft.

Separately, the memo states that the Joint Staff should shrink.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            (
                "contributions have fallen behind",
                "the draft memorandum on the CSTO budget",
            ),
            ("propose fines", "the draft memorandum on the CSTO budget"),
            (
                "waived in a crisis",
                "the draft memorandum on the CSTO budget",
            ),
            (
                "Joint Staff should shrink",
                "the draft memorandum on the CSTO budget",
            ),
        ],
    );
    assert_eq!(speaker_of(&got, "has obtained a draft"), "author");
}

#[test]
fn digest_items_credited_at_their_end_are_their_sources_and_the_agency_is_the_one_credited_last() {
    let text = "\
Evening digest

Joint drills of the CSTO forces began on Wednesday near Balykchy, reports 24.kg.

According to the agency, about 1,200 servicemen take part.

Petrol went up by one som per litre on Wednesday, reports Economist.kg.

The outlet writes that diesel now costs more than 80 som.

A CSTO working group will meet in Osh next week, reported AKIpress.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("Joint drills of the CSTO forces", "24.kg"),
            ("1,200 servicemen", "24.kg"),
            ("Petrol went up", "Economist.kg"),
            ("diesel now costs", "Economist.kg"),
            ("working group will meet", "AKIpress"),
        ],
    );
}

#[test]
fn a_description_of_a_person_points_back_to_the_one_named_since_anyone_last_spoke() {
    let text = "\
The river is low this year.

Saidali Karimov, 63, grows apricots in Dashti Sang, a village on the Panj.

The 63-year-old farmer says he can no longer tell which fires belong to shepherds.

\"Now we have boys from our own army,\" he said.

The old man says he does not expect soldiers from Minsk to come.
";
    let got = attribute_text(text);
    assert_speakers(
        &got,
        &[
            ("no longer tell which fires", "Saidali Karimov"),
            ("boys from our own army", "Saidali Karimov"),
            ("does not expect soldiers", "Saidali Karimov"),
        ],
    );
}

#[test]
fn a_speaker_after_the_verb_may_be_named_with_what_they_are_before_the_name() {
    let got = attribute_text(
        "Posts\n\n\"Without the bloc, the border would be open,\" wrote Telegram user Hrachya Danielyan.\n\n\"It is over,\" said Facebook user Anna Petrosyan.\n",
    );
    assert_speakers(
        &got,
        &[
            ("the border would be open", "Hrachya Danielyan"),
            ("It is over", "Anna Petrosyan"),
        ],
    );
}
