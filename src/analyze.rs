//! The main job: every stage in order.
//!
//! In: input paths, an optional manifest, a model directory. Out: an
//! [`Analysis`] (every article, every sentence's results, the aggregates and
//! the aligned claims), which [`crate::report`] writes out.

use crate::aggregate::{self, ArticleStats, ClaimRow, OutletStats, PairStats};
use crate::align::{self, Group};
use crate::attribution::{self, Attribution};
use crate::document::{self, Doc};
use crate::encoder::EmbedOptions;
use crate::ingest::{self, Skipped};
use crate::model::{Input, Prediction, StanceModel};
use anyhow::Result;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct AnalyzeConfig {
    pub inputs: Vec<PathBuf>,
    pub manifest: Option<PathBuf>,
    pub out: PathBuf,
    pub batch_size: usize,
    pub align_threshold: f32,
    /// articles read, encoded and classified at a time
    pub chunk_articles: usize,
    pub quiet: bool,
}

/// Articles processed at a time unless the caller says otherwise.
pub const DEFAULT_CHUNK_ARTICLES: usize = 1000;

/// One sentence with everything the stages found.
#[derive(Debug, Clone)]
pub struct SentenceResult {
    pub doc: usize,
    pub sentence: usize,
    pub prediction: Prediction,
    pub attribution: Attribution,
}

/// What a run produced, for tests and the closing summary.
pub struct Analysis {
    pub docs: Vec<Doc>,
    pub results: Vec<SentenceResult>,
    pub articles: Vec<ArticleStats>,
    pub outlets: Vec<OutletStats>,
    pub pairs: Vec<PairStats>,
    pub groups: Vec<Group>,
    pub skipped: Vec<Skipped>,
    pub timings: Vec<(String, f64)>,
    pub model_name: String,
}

/// The stance label reported for a sentence: non-claims are neutral
/// (codebook), claims take the head's label.
pub fn reported_stance(p: &Prediction) -> &'static str {
    if p.is_claim {
        p.stance_label()
    } else {
        "neutral"
    }
}

/// Sentences encoded and classified at a time.
const ENCODE_WINDOW: usize = 4096;

pub fn run(cfg: &AnalyzeConfig, model: &StanceModel) -> Result<Analysis> {
    let mut timings = Vec::new();
    let say = |m: &str| {
        if !cfg.quiet {
            eprintln!("stancemap: {m}");
        }
    };
    let t = Instant::now();
    let corpus = ingest::load(&cfg.inputs, cfg.manifest.as_deref())?;
    for s in &corpus.skipped {
        eprintln!("stancemap: skipped {}: {}", s.source, s.reason);
    }
    timings.push(("ingest".to_string(), t.elapsed().as_secs_f64()));
    say(&format!(
        "read {} articles ({} inputs skipped)",
        corpus.articles.len(),
        corpus.skipped.len()
    ));

    // articles in chunks: each chunk is cleaned, split, tagged, attributed,
    // encoded and classified before the next is touched (every stage is per
    // article and a sentence's numbers do not depend on its batch, so the
    // chunk size changes no output); only the claims' embeddings are kept,
    // one row after another, for aligning them at the end
    let opts = EmbedOptions {
        batch_size: cfg.batch_size,
        sort_by_length: true,
        progress: false,
    };
    let n_articles = corpus.articles.len();
    let mut progress =
        crate::progress::Progress::new("analysing", "articles", n_articles, !cfg.quiet);
    let (mut t_prepare, mut t_attr, mut t_model) = (0.0, 0.0, 0.0);
    let mut docs: Vec<Doc> = Vec::with_capacity(n_articles);
    let mut results: Vec<SentenceResult> = Vec::new();
    let mut claim_emb: Vec<f32> = Vec::new();
    let mut pending = corpus.articles.into_iter().peekable();
    while pending.peek().is_some() {
        let chunk: Vec<ingest::Article> =
            pending.by_ref().take(cfg.chunk_articles.max(1)).collect();
        let n_chunk = chunk.len();
        let t = Instant::now();
        let chunk_docs: Vec<Doc> = chunk.into_par_iter().map(document::prepare).collect();
        t_prepare += t.elapsed().as_secs_f64();

        let t = Instant::now();
        let attributions: Vec<Vec<Attribution>> = chunk_docs
            .par_iter()
            .map(|d| attribution::attribute(&d.article.text, &d.sentences))
            .collect();
        t_attr += t.elapsed().as_secs_f64();

        let t = Instant::now();
        let inputs: Vec<Input> = chunk_docs
            .iter()
            .flat_map(|d| {
                d.sentences.iter().map(|s| Input {
                    text: &s.text,
                    is_heading: s.is_heading,
                    is_furniture: false,
                })
            })
            .collect();
        let mut preds = Vec::with_capacity(inputs.len());
        for window in inputs.chunks(ENCODE_WINDOW) {
            let (p, e) = model.predict(window, &opts)?;
            for (p, e) in p.iter().zip(e) {
                if p.is_claim {
                    claim_emb.extend(e);
                }
            }
            preds.extend(p);
        }
        drop(inputs);
        t_model += t.elapsed().as_secs_f64();

        let mut preds = preds.into_iter();
        for (k, (d, attrs)) in chunk_docs.iter().zip(attributions).enumerate() {
            let di = docs.len() + k;
            for (si, attribution) in attrs.into_iter().enumerate().take(d.sentences.len()) {
                results.push(SentenceResult {
                    doc: di,
                    sentence: si,
                    prediction: preds.next().expect("one prediction per sentence"),
                    attribution,
                });
            }
        }
        docs.extend(chunk_docs);
        progress.inc(n_chunk);
    }
    progress.finish();
    let n_sent = results.len();
    say(&format!("{n_articles} articles, {n_sent} sentences"));
    timings.push(("clean, split, outlet".to_string(), t_prepare));
    timings.push(("attribution".to_string(), t_attr));
    timings.push(("encoder and heads".to_string(), t_model));

    let t = Instant::now();
    let rows: Vec<ClaimRow> = results
        .iter()
        .map(|r| ClaimRow {
            article_id: docs[r.doc].article.id.clone(),
            outlet: docs[r.doc].outlet.outlet.clone(),
            is_claim: r.prediction.is_claim,
            stance: reported_stance(&r.prediction).to_string(),
            p_pro: r.prediction.p_stance[0] as f64,
            p_critical: r.prediction.p_stance[1] as f64,
            by_author: r.attribution.kind == attribution::SpeakerKind::Author,
        })
        .collect();
    let articles = aggregate::articles(&rows)?;
    let outlets = aggregate::outlets(&rows)?;
    let pairs = aggregate::comparison(&rows, &outlets);
    timings.push(("aggregation".to_string(), t.elapsed().as_secs_f64()));

    let t = Instant::now();
    let claim_idx: Vec<usize> = (0..results.len())
        .filter(|&i| results[i].prediction.is_claim)
        .collect();
    let claim_articles: Vec<&str> = claim_idx
        .iter()
        .map(|&i| docs[results[i].doc].article.id.as_str())
        .collect();
    let claim_outlets: Vec<&str> = claim_idx
        .iter()
        .map(|&i| docs[results[i].doc].outlet.outlet.as_str())
        .collect();
    let dim = claim_emb.len().checked_div(claim_idx.len()).unwrap_or(0);
    let mut groups = align::align_rows(
        &claim_articles,
        &claim_outlets,
        &claim_emb,
        dim,
        cfg.align_threshold,
    );
    drop(claim_emb);
    for g in &mut groups {
        for m in &mut g.members {
            *m = claim_idx[*m];
        }
    }
    timings.push(("aligned claims".to_string(), t.elapsed().as_secs_f64()));

    let skipped = document::skipped_rows(&docs, &corpus.skipped);
    Ok(Analysis {
        docs,
        results,
        articles,
        outlets,
        pairs,
        groups,
        skipped,
        timings,
        model_name: format!(
            "{}:{}",
            model.meta.preset,
            model
                .dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ),
    })
}

/// `stancemap classify`: sentences given one a line, with no page around
/// them, classified and attributed as consecutive sentences of one text
/// (a headline is read from its form). `None` for an empty line.
pub fn classify_lines(
    model: &StanceModel,
    sentences: &[String],
    opts: &EmbedOptions,
) -> Result<Vec<Option<(Prediction, Attribution)>>> {
    let inputs: Vec<Input> = sentences
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| Input {
            text: s,
            is_heading: crate::form::headline_shaped(s),
            is_furniture: false,
        })
        .collect();
    let (preds, _) = model.predict(&inputs, opts)?;
    let lines: Vec<&str> = inputs.iter().map(|i| i.text).collect();
    let mut found = preds.into_iter().zip(attribution::attribute_lines(&lines));
    Ok(sentences
        .iter()
        .map(|s| {
            (!s.trim().is_empty()).then(|| found.next().expect("one result per non-empty line"))
        })
        .collect())
}
