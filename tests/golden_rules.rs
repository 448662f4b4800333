//! The 48 English Golden Rules for sentence boundary disambiguation
//! (tests/data/sbd-golden-rules-en.json, from pySBD's benchmark, MIT).

use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    id: u32,
    text: String,
    expected: Vec<String>,
}

#[derive(Deserialize)]
struct Rules {
    cases: Vec<Case>,
}

#[test]
fn all_48_golden_rules_pass() {
    let raw = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sbd-golden-rules-en.json"
    ))
    .unwrap();
    let rules: Rules = serde_json::from_str(&raw).unwrap();
    assert_eq!(rules.cases.len(), 48);
    let mut failed = Vec::new();
    for c in &rules.cases {
        let got = stancemap::split::split_str(&c.text);
        if got != c.expected {
            failed.push(format!(
                "rule {}: got {:?}, expected {:?}",
                c.id, got, c.expected
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of 48 failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}
