//! Scoring fine-tuned copies leave-one-article-out: several copies (seeds)
//! are averaged before the blend with the frozen head. Uses the held-out
//! probabilities of the committed fine-tuning run (no fine-tuning here).

use stancemap::tune::{blend_weight, out_path, summarize, OofRow};

fn committed_run() -> Vec<OofRow> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/models/stance-accurate/finetune_loao.csv"
    );
    csv::Reader::from_path(path)
        .unwrap()
        .deserialize()
        .collect::<Result<Vec<OofRow>, _>>()
        .unwrap()
}

/// A copy that puts 0.9 on the gold class of every claim.
fn oracle(rows: &[OofRow]) -> Vec<OofRow> {
    rows.iter()
        .map(|r| {
            let mut o = r.clone();
            let p = |c: &str| if r.stance == c { 0.9 } else { 0.05 };
            (o.tuned_pro, o.tuned_critical, o.tuned_neutral) =
                (p("pro"), p("critical"), p("neutral"));
            o
        })
        .collect()
}

#[test]
fn copies_are_averaged_before_the_blend() {
    let run = committed_run();
    assert_eq!(run.len(), 284, "one row per seed claim");
    let one = summarize("", std::slice::from_ref(&run), 5).unwrap();
    assert!(one.complete);
    // the mean of a copy with itself is that copy
    let twice = summarize("", &[run.clone(), run.clone()], 5).unwrap();
    assert_eq!(twice.tuned.macro_f1, one.tuned.macro_f1);
    assert_eq!(twice.frozen.macro_f1, one.frozen.macro_f1);
    assert!(twice.text.contains("fine-tuned copy 2: pooled macro-F1"));
    assert!(twice.text.contains("weight 0.667"));
    // a confident, right second copy pulls the mean toward the gold labels;
    // the frozen head's score does not move
    let better = summarize("", &[run.clone(), oracle(&run)], 5).unwrap();
    assert!(
        better.tuned.macro_f1 > one.tuned.macro_f1 + 0.1,
        "{} vs {}",
        better.tuned.macro_f1,
        one.tuned.macro_f1
    );
    assert!(better.blend.macro_f1 > one.blend.macro_f1);
    assert_eq!(better.frozen.macro_f1, one.frozen.macro_f1);
    // a subset of articles is scored but not complete
    let part: Vec<OofRow> = run
        .iter()
        .filter(|r| r.article_id.starts_with("000"))
        .cloned()
        .collect();
    assert!(!summarize("", &[part], 5).unwrap().complete);
}

#[test]
fn copies_must_hold_out_the_same_claims() {
    let run = committed_run();
    let short = run[1..].to_vec();
    let err = summarize("", &[run.clone(), short], 5)
        .err()
        .expect("must refuse");
    assert!(format!("{err:#}").contains("copy 2"), "{err:#}");
    let mut relabelled = run.clone();
    relabelled[0].stance = if run[0].stance == "pro" {
        "critical"
    } else {
        "pro"
    }
    .into();
    assert!(summarize("", &[run, relabelled], 5).is_err());
    assert!(summarize("", &[], 5).is_err());
}

#[test]
fn every_copy_and_the_head_count_once() {
    assert_eq!(blend_weight(1), 0.5);
    assert!((blend_weight(2) - 2.0 / 3.0).abs() < 1e-6);
    let out = std::path::Path::new("runs/loao.csv");
    assert_eq!(out_path(out, &[3], 3), out);
    assert_eq!(
        out_path(out, &[0, 1], 1),
        std::path::Path::new("runs/loao-seed1.csv")
    );
}
