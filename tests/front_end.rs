//! The text front end on the five seed articles: what cleaning removes,
//! how the tricky passages split, and which outlet each article gets.

use stancemap::document::{prepare, Doc};
use stancemap::ingest::load;
use std::path::{Path, PathBuf};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn docs(with_manifest: bool) -> Vec<Doc> {
    let manifest = seeds().join("manifest.csv");
    let corpus = load(&[seeds()], with_manifest.then_some(manifest.as_path())).unwrap();
    // the seeds' README documents the corpus and is the only thing skipped
    assert_eq!(corpus.skipped.len(), 1, "{:?}", corpus.skipped);
    assert!(corpus.skipped[0].source.ends_with("README.md"));
    corpus.articles.into_iter().map(prepare).collect()
}

fn doc(docs: &[Doc], prefix: &str) -> Doc {
    docs.iter()
        .find(|d| d.article.id.starts_with(prefix))
        .unwrap()
        .clone()
}

fn removed(d: &Doc) -> Vec<(String, String)> {
    d.cleaned
        .removed
        .iter()
        .map(|r| (r.reason.to_string(), r.text.trim().to_string()))
        .collect()
}

fn r(reason: &str, text: &str) -> (String, String) {
    (reason.to_string(), text.to_string())
}

fn headings(d: &Doc) -> Vec<String> {
    d.sentences
        .iter()
        .filter(|s| s.is_heading)
        .map(|s| s.text.clone())
        .collect()
}

fn has_sentence(d: &Doc, s: &str) -> bool {
    d.sentences.iter().any(|x| x.text == s)
}

#[test]
fn izvestia_cleaning_and_splitting() {
    let d = doc(&docs(true), "000");
    assert_eq!(
        removed(&d),
        vec![r(
            "translation_notice",
            "Переведено сервисом «Яндекс Переводчик»"
        )]
    );
    assert_eq!(
        headings(&d),
        vec![
            "Keeping an outpost: CSTO to maintain defense spending at current levels",
            "Preserving CSTO expenditures",
            "CSTO-NATO Interaction"
        ]
    );
    // a dash at the start of a line opens quoted speech
    assert!(has_sentence(
        &d,
        "- The CSTO currently sees no need to increase defense spending."
    ));
    assert!(has_sentence(
        &d,
        "For example, Kyrgyzstan in 2023 allocated about 1.5% of GDP, Tajikistan - 1%."
    ));
    assert!(has_sentence(
        &d,
        "Kazakhstan in 2024 stated its intention to allocate 0.68% of GDP for defense."
    ));
    assert!(has_sentence(
        &d,
        "<...> On any key issue they simply did not care about our opinion."
    ));
    assert!(d
        .sentences
        .iter()
        .any(|s| s.text.contains("by U.S. President Donald Trump.")));
    assert!(d.sentences.iter().any(|s| s
        .text
        .starts_with("On February 9, 1990, U.S. Secretary of State James Baker")));
    assert_eq!(d.sentences.len(), 58);
}

#[test]
fn diplomat_2024_cleaning_and_splitting() {
    let d = doc(&docs(true), "001");
    assert_eq!(
        removed(&d),
        vec![
            r("paywall", "Want to read more?"),
            r("paywall", "Subscribe for full access."),
            r("paywall", "SubscribeThe Authors"),
            r("author_bio", "Dr. Janko Šćepanović is an assistant professor of International Politics at the Shanghai Academy of Global Governance and Area Studies (SAGGAS). The views expressed here are his own."),
        ]
    );
    assert_eq!(
        headings(&d),
        vec![
            "Will the CSTO, Russia’s Answer to NATO, Expand?",
            "CSTO’s Origins and Role in Russia’s Regional Security Architecture",
            "Post-Ukraine War Fortunes: Further Decline or a Possible Enlargement?"
        ]
    );
    assert!(has_sentence(&d, "Not so fast."));
    assert!(has_sentence(
        &d,
        "The organization was, in his words, a “soft alliance.”"
    ));
    assert!(d.sentences.iter().any(|s| s.text.contains("obligations under the U.N. Charter, all the more egregiously because Russia is a permanent member of the U.N. Security Council")));
    assert!(d
        .sentences
        .iter()
        .any(|s| s.text.starts_with("Notably, Lavrov’s comments suggest")
            && s.text
                .ends_with("[against the Islamic State and al-Qaida].”")));
}

#[test]
fn eurasia_review_cleaning_and_splitting() {
    let d = doc(&docs(true), "002");
    assert_eq!(
        removed(&d),
        vec![
            r("issn", "ISSN 2330-717X"),
            r("byline", "By"),
            r("advertisement", "Advertisement"),
            r("advertisement", "Advertisement"),
            r("author_bio", "Kester Kenn Klomegah"),
            r("author_bio", "Kester Kenn Klomegah is an independent researcher and a policy consultant on African affairs in the Russian Federation and Eurasian Union. He has won media awards for highlighting economic diplomacy in the region with Africa. Currently, Klomegah is a Special Representative for Africa on the Board of the Russian Trade and Economic Development Council. He enjoys travelling and visiting historical places in Eastern and Central Europe. Klomegah is a frequent and passionate contributor to Eurasia Review."),
            r("comment_form", "Leave a Reply"),
            r("comment_form", "Your email address will not be published."),
        ]
    );
    assert_eq!(
        headings(&d),
        vec!["CSTO Marks 30 Years Opposing NATO Expansion – OpEd"]
    );
    assert!(has_sentence(
        &d,
        "“Now there is an opportunity to talk about our bilateral relations,” Putin said."
    ));
    assert!(has_sentence(
        &d,
        "There are, of course, issues that require a separate discussion,” he said."
    ));
    assert!(has_sentence(
        &d,
        "He stated that “Russia should not fight alone against the expansion of NATO.”"
    ));
}

#[test]
fn diplomat_2022_cleaning_and_splitting() {
    let d = doc(&docs(true), "003");
    assert_eq!(
        removed(&d),
        vec![
            r("masthead", "The Diplomat"),
            r("navigation", "Overview"),
            r("credit", "Russian Defense Ministry Press Service via AP"),
            r("navigation", "Central Asia"),
            r("duplicate_headline", "What Is the Value of the CSTO Now?"),
            r("byline", "By Catherine Putz"),
            r("paywall", "Want to read more?"),
            r("paywall", "Subscribe for full access."),
            r("paywall", "Subscribe"),
            r("paywall", "Already a subscriber?"),
            r("author_bio", "The Authors"),
            r(
                "author_bio",
                "Catherine Putz is Managing Editor of The Diplomat."
            ),
            r("related_articles", "Southeast Asia"),
            r(
                "related_articles",
                "Cambodia Convicts 20 Opposition Activists on Vague, Political Charges"
            ),
            r("related_articles", "Central Asia"),
            r("related_articles", "The Boycott of Uzbek Cotton Is Over"),
        ]
    );
    assert_eq!(headings(&d), vec!["What Is the Value of the CSTO Now?"]);
    assert!(has_sentence(
        &d,
        "(Interestingly, although Zas is Belarusian, he was born in Ukraine in 1964)."
    ));
    assert!(d.sentences.iter().any(|s| s.text.starts_with(
        "“Hypothetically,” Zas said in mid-February, “you can imagine [such a deployment]"
    ) && s
        .text
        .ends_with("supported by all our governments.”")));
    assert!(has_sentence(&d, "So what is the value of the CSTO?"));
}

#[test]
fn polemics_cleaning_and_splitting() {
    let d = doc(&docs(true), "004");
    assert_eq!(
        removed(&d),
        vec![
            r("credit", "Edited by Gustav Pedersen"),
            r("credit", "Picture taken by Steve Buisinne from Pixaby.com"),
        ]
    );
    assert!(headings(&d).is_empty());
    // a missing space after the full stop still ends the sentence
    assert!(d.sentences.iter().any(|s| s
        .text
        .ends_with("despite several attempts made by the CIS representatives to establish ties.")));
    assert!(d.sentences.iter().any(|s| s
        .text
        .starts_with("Given that NATO and CSTO pursue similar objectives")));
    assert!(d.sentences.iter().any(|s| s
        .text
        .starts_with("For example, prioritizing Russia in military affairs")));
    assert!(d
        .sentences
        .iter()
        .any(|s| s.text.ends_with("strategic nuclear potential”.")));
}

/// No sentence ends inside an abbreviation, a decimal or a quote.
#[test]
fn no_sentence_is_broken_inside_an_abbreviation_decimal_or_quote() {
    for d in docs(true) {
        let n = d.sentences.len();
        for (i, s) in d.sentences.iter().enumerate() {
            let t = s.text.trim_end();
            for abbr in ["U.", "U.S.", "U.N.", "Dr.", "Mr.", "St.", "Jan.", "Feb."] {
                assert!(
                    !(t.ends_with(abbr) && i + 1 < n && !d.sentences[i + 1].is_heading),
                    "{}: {t:?} ends in {abbr}",
                    d.article.id
                );
            }
            // a sentence never starts with a fragment of a number or a lower-case word
            let first = t.chars().next().unwrap();
            assert!(
                !first.is_lowercase(),
                "{}: starts in lower case: {t:?}",
                d.article.id
            );
            assert!(
                !t.starts_with('%')
                    && !t.starts_with(|c: char| c.is_ascii_digit() && t.contains("% ")),
                "{}: {t:?}",
                d.article.id
            );
        }
    }
}

/// Every removed line is furniture; every other non-blank line's text is
/// covered by sentences.
#[test]
fn cleaning_drops_no_body_text() {
    for d in docs(true) {
        let text = &d.article.text;
        let mut covered = vec![false; text.len()];
        for s in &d.sentences {
            covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
        }
        for r in &d.cleaned.removed {
            covered[r.start..r.end].iter_mut().for_each(|c| *c = true);
        }
        for (i, ch) in text.char_indices() {
            assert!(
                ch.is_whitespace() || covered[i],
                "{}: byte {i} ({ch:?}) is neither in a sentence nor removed",
                d.article.id
            );
        }
    }
}

#[test]
fn outlets_with_manifest_come_from_metadata() {
    let want = [
        "Izvestia",
        "The Diplomat",
        "Eurasia Review",
        "The Diplomat",
        "Polemics Magazine",
    ];
    for (d, w) in docs(true).iter().zip(want) {
        assert_eq!(d.outlet.outlet, w);
        assert_eq!(d.outlet.source_label(), "metadata");
    }
}

#[test]
fn outlets_without_manifest_are_right_or_unknown() {
    let got: Vec<(String, String)> = docs(false)
        .iter()
        .map(|d| (d.outlet.outlet.clone(), d.outlet.source_label()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Izvestia".into(), "cue: \"told Izvestia\" x3".into()),
            ("unknown".into(), "unknown".into()),
            ("Eurasia Review".into(), "cue: ISSN 2330-717X".into()),
            (
                "The Diplomat".into(),
                "cue: masthead \"The Diplomat\"".into()
            ),
            ("unknown".into(), "unknown".into()),
        ]
    );
}
