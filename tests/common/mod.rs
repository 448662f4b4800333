//! Shared by the encoder tests.

use stancemap::encoder::{embed, EmbedOptions, Encoder};

/// Largest absolute difference between the encoder's embeddings and the
/// sentence-transformers reference values in tests/data/NAME (same
/// sentences, the given batch size), and the embedding width.
pub fn max_diff_to_reference(enc: &dyn Encoder, name: &str, batch_size: usize) -> (f64, usize) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let sents: Vec<&str> = v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let got = embed(
        enc,
        &sents,
        &EmbedOptions {
            batch_size,
            sort_by_length: true,
            progress: false,
        },
    )
    .unwrap();
    let mut worst = 0f64;
    for (g, w) in got.iter().zip(v["embeddings"].as_array().unwrap()) {
        let w = w.as_array().unwrap();
        assert_eq!(g.len(), w.len());
        for (a, b) in g.iter().zip(w) {
            worst = worst.max((*a as f64 - b.as_f64().unwrap()).abs());
        }
    }
    (worst, got[0].len())
}

/// Sentences written for the tests (in no training file): a plainly pro,
/// a plainly critical sentence, and an "Advertisement" marker that cleaning
/// flags as furniture.
pub const CLEAR_CASES: [(&str, bool); 3] = [
    ("The CSTO has shown itself to be a reliable guarantor of peace, and its members are more united than ever.", false),
    ("The CSTO is a weak, divided alliance that failed its own members when they needed it.", false),
    ("Advertisement", true),
];

/// A model's predictions for [`CLEAR_CASES`]; the first two must read pro
/// and critical.
pub fn predict_clear_cases(m: &stancemap::model::StanceModel) -> Vec<stancemap::model::Prediction> {
    let inputs: Vec<stancemap::model::Input> = CLEAR_CASES
        .iter()
        .map(|&(text, is_furniture)| stancemap::model::Input {
            text,
            is_heading: false,
            is_furniture,
        })
        .collect();
    let (p, _) = m.predict(&inputs, &EmbedOptions::default()).unwrap();
    assert_eq!(p[0].stance_label(), "pro", "{:?}", p[0]);
    assert_eq!(p[1].stance_label(), "critical", "{:?}", p[1]);
    p
}
