//! The main job: every stage in order, reports out.
//!
//! In: input paths, an optional manifest, a model directory. Out, in the
//! output directory (each file written atomically): claims.csv,
//! articles.csv, outlets.csv, comparison.csv, aligned_claims.csv,
//! skipped.csv and report.html. CSV rows come in a stable order and floats
//! are printed with six decimals, so the same input and model give
//! byte-identical files.

use crate::aggregate::{self, ArticleStats, ClaimRow, OutletStats, PairStats};
use crate::align::{self, Group};
use crate::attribution::{self, Attribution};
use crate::document::{self, Doc};
use crate::encoder::EmbedOptions;
use crate::ingest::{self, Skipped};
use crate::model::{Input, Prediction, StanceModel};
use crate::output::write_atomic;
use anyhow::Result;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct AnalyzeConfig {
    pub inputs: Vec<PathBuf>,
    pub manifest: Option<PathBuf>,
    pub out: PathBuf,
    pub batch_size: usize,
    pub align_threshold: f32,
    pub quiet: bool,
}

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

fn f6(v: f64) -> String {
    format!("{v:.6}")
}

fn of6(v: Option<f64>) -> String {
    v.map(f6).unwrap_or_default()
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

    let t = Instant::now();
    let docs: Vec<Doc> = corpus
        .articles
        .into_par_iter()
        .map(document::prepare)
        .collect();
    let n_sent: usize = docs.iter().map(|d| d.sentences.len()).sum();
    timings.push((
        "clean, split, outlet".to_string(),
        t.elapsed().as_secs_f64(),
    ));
    say(&format!("cleaned and split: {n_sent} sentences"));

    let t = Instant::now();
    let attributions: Vec<Vec<Attribution>> = docs
        .par_iter()
        .map(|d| attribution::attribute(&d.article.text, &d.sentences))
        .collect();
    timings.push(("attribution".to_string(), t.elapsed().as_secs_f64()));

    let t = Instant::now();
    let inputs: Vec<Input> = docs
        .iter()
        .flat_map(|d| {
            d.sentences.iter().map(|s| Input {
                text: &s.text,
                is_heading: s.is_heading,
                is_furniture: false,
            })
        })
        .collect();
    let opts = EmbedOptions {
        batch_size: cfg.batch_size,
        sort_by_length: true,
        progress: false,
    };
    // in windows of sentences, so that tokens and embeddings of the whole
    // corpus are never held at once (a sentence's numbers do not depend on
    // its batch); only the claims' embeddings are kept, for aligning them
    let mut progress = crate::progress::Progress::new(
        "encoding and classifying",
        "sentences",
        inputs.len(),
        !cfg.quiet,
    );
    let mut preds = Vec::with_capacity(inputs.len());
    // the claims' embeddings one row after another, for aligning them
    let mut claim_emb: Vec<f32> = Vec::new();
    for window in inputs.chunks(ENCODE_WINDOW) {
        let (p, e) = model.predict(window, &opts)?;
        for (p, e) in p.iter().zip(e) {
            if p.is_claim {
                claim_emb.extend(e);
            }
        }
        preds.extend(p);
        progress.inc(window.len());
    }
    progress.finish();
    drop(inputs);
    timings.push(("encoder and heads".to_string(), t.elapsed().as_secs_f64()));

    let mut results = Vec::with_capacity(n_sent);
    let mut k = 0;
    for (di, d) in docs.iter().enumerate() {
        for (si, attribution) in attributions[di].iter().enumerate().take(d.sentences.len()) {
            results.push(SentenceResult {
                doc: di,
                sentence: si,
                prediction: preds[k].clone(),
                attribution: attribution.clone(),
            });
            k += 1;
        }
    }

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

fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().from_writer(Vec::new())
}

fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

pub fn claims_csv(a: &Analysis) -> Result<Vec<u8>> {
    let mut w = csv_writer();
    w.write_record([
        "article_id",
        "outlet",
        "outlet_source",
        "sentence_idx",
        "start",
        "end",
        "text",
        "is_heading",
        "is_claim",
        "p_claim",
        "stance",
        "p_pro",
        "p_critical",
        "p_neutral",
        "attribution",
        "speaker_kind",
        "model",
    ])?;
    for r in &a.results {
        let d = &a.docs[r.doc];
        let s = &d.sentences[r.sentence];
        let p = &r.prediction;
        w.write_record([
            d.article.id.clone(),
            d.outlet.outlet.clone(),
            d.outlet.source_label(),
            s.idx.to_string(),
            s.start.to_string(),
            s.end.to_string(),
            s.one_line(),
            if s.is_heading { "yes" } else { "no" }.into(),
            if p.is_claim { "yes" } else { "no" }.into(),
            f6(p.p_claim as f64),
            reported_stance(p).into(),
            f6(p.p_stance[0] as f64),
            f6(p.p_stance[1] as f64),
            f6(p.p_stance[2] as f64),
            r.attribution.speaker.clone(),
            r.attribution.kind.as_str().into(),
            a.model_name.clone(),
        ])?;
    }
    finish(w)
}

pub fn articles_csv(a: &Analysis) -> Result<Vec<u8>> {
    let mut w = csv_writer();
    w.write_record([
        "article_id",
        "outlet",
        "title",
        "sentences",
        "claims",
        "share_pro",
        "share_critical",
        "share_neutral",
        "net_stance",
        "quoted_share",
    ])?;
    // titles by article: metadata, else the first heading
    let titles: std::collections::HashMap<&str, String> = a
        .docs
        .iter()
        .map(|d| {
            let t = d.article.title.clone().or_else(|| {
                d.sentences
                    .iter()
                    .find(|x| x.is_heading)
                    .map(|x| x.one_line())
            });
            (d.article.id.as_str(), t.unwrap_or_default())
        })
        .collect();
    for s in &a.articles {
        let title = titles
            .get(s.article_id.as_str())
            .cloned()
            .unwrap_or_default();
        w.write_record([
            s.article_id.clone(),
            s.outlet.clone(),
            title,
            s.sentences.to_string(),
            s.claims.to_string(),
            of6(s.share_pro),
            of6(s.share_critical),
            of6(s.share_neutral),
            of6(s.net_stance),
            of6(s.quoted_share),
        ])?;
    }
    finish(w)
}

pub fn outlets_csv(a: &Analysis) -> Result<Vec<u8>> {
    let mut w = csv_writer();
    w.write_record([
        "outlet",
        "articles",
        "claims",
        "share_pro",
        "share_critical",
        "share_neutral",
        "net_stance",
        "net_stance_lo",
        "net_stance_hi",
    ])?;
    for o in &a.outlets {
        w.write_record([
            o.outlet.clone(),
            o.articles.to_string(),
            o.claims.to_string(),
            of6(o.share_pro),
            of6(o.share_critical),
            of6(o.share_neutral),
            of6(o.net_stance),
            of6(o.net_stance_lo),
            of6(o.net_stance_hi),
        ])?;
    }
    finish(w)
}

pub fn comparison_csv(a: &Analysis) -> Result<Vec<u8>> {
    let mut w = csv_writer();
    w.write_record([
        "outlet_a",
        "outlet_b",
        "js_distance",
        "net_stance_diff",
        "diff_lo",
        "diff_hi",
    ])?;
    for p in &a.pairs {
        w.write_record([
            p.outlet_a.clone(),
            p.outlet_b.clone(),
            of6(p.js_distance),
            of6(p.net_stance_diff),
            of6(p.diff_lo),
            of6(p.diff_hi),
        ])?;
    }
    finish(w)
}

pub fn aligned_csv(a: &Analysis) -> Result<Vec<u8>> {
    let mut w = csv_writer();
    w.write_record([
        "group_id",
        "n_outlets",
        "n_articles",
        "mean_similarity",
        "article_id",
        "outlet",
        "sentence_idx",
        "text",
        "stance",
        "p_pro",
        "p_critical",
        "p_neutral",
        "attribution",
    ])?;
    for (gi, g) in a.groups.iter().enumerate() {
        for &m in &g.members {
            let r = &a.results[m];
            let d = &a.docs[r.doc];
            let s = &d.sentences[r.sentence];
            w.write_record([
                (gi + 1).to_string(),
                g.n_outlets.to_string(),
                g.n_articles.to_string(),
                f6(g.mean_similarity as f64),
                d.article.id.clone(),
                d.outlet.outlet.clone(),
                s.idx.to_string(),
                s.one_line(),
                reported_stance(&r.prediction).into(),
                f6(r.prediction.p_stance[0] as f64),
                f6(r.prediction.p_stance[1] as f64),
                f6(r.prediction.p_stance[2] as f64),
                r.attribution.speaker.clone(),
            ])?;
        }
    }
    finish(w)
}

pub fn skipped_csv(a: &Analysis) -> Result<Vec<u8>> {
    let mut w = csv_writer();
    w.write_record(["source", "article_id", "sentence_idx", "reason", "text"])?;
    for s in &a.skipped {
        w.write_record([
            s.source.clone(),
            s.article_id.clone(),
            s.sentence_idx.map(|x| x.to_string()).unwrap_or_default(),
            s.reason.clone(),
            document::one_line(&s.text),
        ])?;
    }
    finish(w)
}

/// Write every report file into `out`.
pub fn write_reports(a: &Analysis, out: &Path) -> Result<Vec<PathBuf>> {
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("claims.csv", claims_csv(a)?),
        ("articles.csv", articles_csv(a)?),
        ("outlets.csv", outlets_csv(a)?),
        ("comparison.csv", comparison_csv(a)?),
        ("aligned_claims.csv", aligned_csv(a)?),
        ("skipped.csv", skipped_csv(a)?),
        ("report.html", crate::report::html(a).into_bytes()),
    ];
    let mut written = Vec::new();
    for (name, bytes) in files {
        let p = out.join(name);
        write_atomic(&p, &bytes)?;
        written.push(p);
    }
    Ok(written)
}
