//! The rust-bert backend against the default one (a `--features rust-bert`
//! build, after scripts/setup-libtorch): for both presets (MiniLM through
//! rust-bert's BERT, MPNet through the project's module on libtorch), on
//! every seed sentence the same labels, and probabilities within 1e-4.
#![cfg(feature = "rust-bert")]

use candle_core::Device;
use stancemap::encoder::{set_backend, Backend, EmbedOptions};
use stancemap::model::{default_model_dir, Input, StanceModel};

#[test]
fn rust_bert_gives_the_default_backend_s_labels_and_probabilities() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let corpus = stancemap::ingest::load(&[seeds], None).unwrap();
    let sentences = stancemap::document::sentence_texts(corpus.articles);
    assert!(sentences.len() > 250);
    let inputs: Vec<Input> = sentences
        .iter()
        .map(|s| Input {
            text: s,
            is_heading: false,
            is_furniture: false,
        })
        .collect();
    let opts = EmbedOptions {
        batch_size: 32,
        sort_by_length: true,
        progress: false,
    };
    for preset in ["fast", "accurate"] {
        let predict = |backend| {
            set_backend(backend);
            let m = StanceModel::load(&default_model_dir(preset), &Device::Cpu, true).unwrap();
            m.predict(&inputs, &opts).unwrap().0
        };
        let native = predict(Backend::Auto);
        let torch = predict(Backend::RustBert);
        let mut worst = 0f32;
        for (i, (a, b)) in native.iter().zip(&torch).enumerate() {
            assert_eq!(
                (a.stance, a.is_claim),
                (b.stance, b.is_claim),
                "{preset}: {}",
                sentences[i]
            );
            worst = worst.max((a.p_claim - b.p_claim).abs());
            for k in 0..3 {
                worst = worst.max((a.p_stance[k] - b.p_stance[k]).abs());
            }
        }
        assert!(worst < 1e-4, "{preset}: largest difference {worst}");
    }
}
