//! The corpus readers (JSONL, CSV, manifest) and the text decoder on any
//! bytes: every row is an article with text or a skip with a reason.
#![no_main]
use libfuzzer_sys::fuzz_target;
use stancemap_text::ingest::{self, Entry, Format};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let _ = ingest::decode(data);
    let _ = ingest::parse_manifest(data, Path::new("manifest.csv"));
    for format in [Format::Jsonl, Format::Csv] {
        let rows = ingest::corpus_rows(
            format,
            Path::new("corpus"),
            Box::new(std::io::Cursor::new(data.to_vec())),
        );
        for row in rows {
            match row.unwrap() {
                Entry::Article(a) => assert!(!a.text.trim().is_empty()),
                Entry::Skipped(s) => assert!(!s.reason.is_empty()),
            }
        }
    }
});
