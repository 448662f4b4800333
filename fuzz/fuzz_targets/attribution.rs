//! An article through stages 2-5: cleaned, split, outlet-tagged and
//! attributed; every sentence gets an attribution.
#![no_main]
use libfuzzer_sys::fuzz_target;
use stancemap_text::document::{self, Component};
use stancemap_text::{attribution, ingest};

fuzz_target!(|text: &str| {
    let article = ingest::Article {
        id: "fuzz".into(),
        source: "fuzz".into(),
        text: text.into(),
        ..Default::default()
    };
    let mut docs = vec![document::prepare(article)];
    attribution::Attributor.annotate(&mut docs).unwrap();
    assert!(docs[0].sentences.iter().all(|s| s.attribution.is_some()));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(attribution::attribute_lines(&lines).len(), lines.len());
});
