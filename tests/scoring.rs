//! The development corpus (data/dev) read and scored stage by stage, on raw
//! text without metadata. No model is needed for attribution and outlets.

use stancemap::encoder::EmbedOptions;
use stancemap::scoring::{read_corpus, score};

fn corpus() -> Vec<stancemap::scoring::AnnotatedArticle> {
    read_corpus(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/dev")).unwrap()
}

#[test]
fn every_annotated_row_is_found_and_matched_to_a_sentence_or_to_cleaning() {
    let c = corpus();
    assert_eq!(c.len(), 16);
    assert!(c.iter().all(|a| a.part == "dev"));
    // every held-out corpus listed here was scored once, blind, and is
    // development data now (a corpus written for the next round is not
    // scored yet and stays out)
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in [
        "heldout",
        "heldout2",
        "heldout3",
        "heldout4",
        "heldout5",
        "heldout6",
        "heldout7",
        "heldout8",
        "heldout9",
        "heldout10",
        "heldout11",
        "heldout12",
        "heldout13",
        "heldout14",
        "heldout15",
        "heldout16",
        "heldout17",
        "heldout18",
        "heldout19",
        "heldout20",
        "heldout21",
        "heldout22",
        "heldout23",
        "heldout24",
        "heldout25",
        "heldout26",
        "heldout27",
        "heldout28",
        "heldout29",
        "heldout30",
        "heldout31",
        "heldout32",
        "heldout33",
        "heldout34",
        "heldout35",
        "heldout36",
        "heldout37",
        "heldout38",
        "heldout39",
        "heldout40",
        "heldout41",
        "heldout42",
        "heldout43",
    ] {
        let held = read_corpus(&root.join("data").join(name)).unwrap();
        assert_eq!(held.len(), 6, "{name}");
        assert!(
            held.iter().all(|a| a.part == "dev" && !a.rows.is_empty()),
            "{name}"
        );
    }
    for a in &c {
        let p = stancemap::scoring::process(a);
        // every body row the annotators call a claim is in some sentence
        for (r, m) in a.rows.iter().zip(&p.matched) {
            if r.is_claim {
                assert!(
                    m.is_some(),
                    "{}: claim dropped by cleaning: {}",
                    a.id,
                    r.text
                );
            }
        }
    }
}

#[test]
fn outlets_from_datelines_credits_and_mastheads_are_right_and_never_wrong() {
    let s = score(&corpus(), "dev", None, &EmbedOptions::default()).unwrap();
    assert_eq!(
        s.outlet_wrong + s.outlet_wrong_unnamed,
        0,
        "{}",
        s.to_text("dev", 0)
    );
    assert_eq!(s.outlet_right, s.outlet_named, "{}", s.to_text("dev", 20));
    // the counts the annotation gives (data/dev/README.md): the twelve
    // articles of the first development part and the four of its spent
    // final part
    assert_eq!(s.speech + s.author, 233 + 105 + 74 + 32);
}

#[test]
fn a_row_that_is_not_in_its_article_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/dev");
    std::fs::create_dir(tmp.path().join("articles")).unwrap();
    std::fs::copy(src.join("articles.csv"), tmp.path().join("articles.csv")).unwrap();
    for a in corpus() {
        std::fs::copy(
            &a.path,
            tmp.path()
                .join("articles")
                .join(a.path.file_name().unwrap()),
        )
        .unwrap();
    }
    let ann = std::fs::read_to_string(src.join("annotations.csv")).unwrap();
    let broken = ann.replacen(
        "The Collective Security Treaty Organization remains open",
        "The alliance remains open",
        1,
    );
    assert_ne!(ann, broken);
    std::fs::write(tmp.path().join("annotations.csv"), broken).unwrap();
    let err = read_corpus(tmp.path()).err().unwrap().to_string();
    assert!(
        err.contains("annotations.csv: line") && err.contains("not found"),
        "{err}"
    );
}

/// The seeds read as an annotated corpus: every annotated row found at its
/// offsets, and attribution scored with precision beside recall.
#[test]
fn the_seeds_score_as_a_corpus_with_precision_and_recall() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = stancemap::scoring::read_seed_corpus(root).unwrap();
    assert_eq!(seeds.len(), 5);
    let rows: usize = seeds.iter().map(|a| a.rows.len()).sum();
    let annotated = std::fs::read_to_string(root.join("data/seed_annotations.csv"))
        .unwrap()
        .lines()
        .count();
    assert!(
        rows > 300 && rows < annotated,
        "{rows} rows of {annotated} lines"
    );
    let opts = stancemap::encoder::EmbedOptions {
        batch_size: 8,
        sort_by_length: false,
        progress: false,
    };
    let s = stancemap::scoring::score(&seeds, "seeds", None, &opts).unwrap();
    assert!(
        s.speech > 90 && s.speech_right * 10 >= s.speech * 9,
        "{s:?}"
    );
    assert!(s.attributed >= s.speech_right && s.attributed_right == s.speech_right);
    assert_eq!(s.outlet_wrong, 0);
    let text = s.to_text("seeds", 0);
    assert!(text.contains("speaker attribution: precision"), "{text}");
}

/// `eval --record` puts its section before the limitations once, and a
/// second run replaces it rather than adding another.
#[test]
fn recorded_figures_replace_their_earlier_section() {
    use stancemap::scoring::{card_section, with_card_section, Scores};
    let card = "# Card\n\n## Evaluation\n\nx\n\n## Limitations\n\n- y\n";
    let first = card_section(
        "stancemap eval",
        &[(
            "dev part".into(),
            Scores {
                articles: 3,
                ..Default::default()
            },
        )],
    );
    let once = with_card_section(card, &first);
    assert!(once.find("dev part (3 articles)").unwrap() < once.find("## Limitations").unwrap());
    let second = card_section(
        "stancemap eval",
        &[(
            "dev part".into(),
            Scores {
                articles: 4,
                ..Default::default()
            },
        )],
    );
    let twice = with_card_section(&once, &second);
    assert_eq!(
        twice.matches("## On text it was not fitted to").count(),
        1,
        "{twice}"
    );
    assert!(twice.contains("dev part (4 articles)") && !twice.contains("dev part (3 articles)"));
    assert!(twice.ends_with("## Limitations\n\n- y\n"), "{twice}");
}
