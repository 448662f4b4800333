//! The main job: every stage in order.
//!
//! In: input paths, an optional manifest, a model, an output directory.
//! Out: the reports in that directory, and an [`Analysis`] (counts,
//! aggregates, aligned groups, stage timings) for the closing summary.

use crate::aggregate::{self, ArticleStats, ArticleSums, ClaimRow};
use crate::align;
use crate::attribution::{self, Attribution, Attributor, SpeakerKind};
use crate::document::{self, Component, Doc};
use crate::encoder::EmbedOptions;
use crate::ingest;
use crate::model::{Classifier, Input, Prediction, StanceModel};
use crate::report::ReportWriter;
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

/// A chunk also ends once its articles hold this much text (about 6,000
/// sentences of news, more than the encoder's window of 4,096), so that
/// memory does not grow with long articles or a large `--chunk-articles`.
pub const CHUNK_TEXT_BYTES: usize = 1 << 20;

pub use crate::document::reported_stance;
pub use crate::report::Analysis;

/// What can be checked before a model loads: the inputs exist (and the
/// manifest reads), and the output directory can be created and written.
/// Returns the inputs opened for reading, for [`run_with`].
pub fn preflight(cfg: &AnalyzeConfig) -> Result<ingest::Reader> {
    let reader = ingest::Reader::open(&cfg.inputs, cfg.manifest.as_deref())?;
    std::fs::create_dir_all(&cfg.out).map_err(|e| {
        anyhow::anyhow!(
            "{}: cannot create the output directory: {e} (choose another with --out)",
            cfg.out.display()
        )
    })?;
    tempfile::tempfile_in(&cfg.out).map_err(|e| {
        anyhow::anyhow!(
            "{}: cannot write in the output directory: {e} (choose another with --out)",
            cfg.out.display()
        )
    })?;
    Ok(reader)
}

/// Run every stage over the corpus and write the reports into `cfg.out`;
/// returns what was written, for the closing summary.
///
/// Articles go through the stages in chunks of `cfg.chunk_articles` (or
/// fewer, up to [`CHUNK_TEXT_BYTES`] of text): each
/// chunk is prepared (cleaned, split, outlet-tagged), annotated by the
/// components (attribution, then the model), written (its rows of
/// claims.csv and skipped.csv) and summed up (its articles' rows and
/// sufficient statistics, its claims' embeddings and net stance spilled to
/// disk) before the next is read. A sentence's numbers do not depend on its
/// chunk, so the chunk size changes no output. At the end the outlet and
/// pair tables are computed from the sums, the claims are aligned from the
/// spilled embeddings, and the files are put in place.
pub fn run(cfg: &AnalyzeConfig, model: &StanceModel) -> Result<(Analysis, Vec<PathBuf>)> {
    let reader = preflight(cfg)?;
    run_with(cfg, model, reader)
}

/// [`run`] on inputs already opened by [`preflight`].
pub fn run_with(
    cfg: &AnalyzeConfig,
    model: &StanceModel,
    mut reader: ingest::Reader,
) -> Result<(Analysis, Vec<PathBuf>)> {
    let mut timings = Vec::new();
    let say = |m: &str| {
        if !cfg.quiet {
            eprintln!("stancemap: {m}");
        }
    };
    let model_name = format!(
        "{}:{}",
        model.meta.preset,
        model
            .dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    );
    let mut writer = ReportWriter::create(&cfg.out, &model_name)?;
    let classifier = Classifier {
        model,
        opts: EmbedOptions {
            batch_size: cfg.batch_size,
            sort_by_length: true,
            progress: false,
        },
    };
    let mut progress = crate::progress::Progress::new(
        "analysing",
        "kB of input",
        (reader.total_bytes() / 1024) as usize,
        !cfg.quiet,
    );
    let (mut t_read, mut t_prepare, mut t_attr, mut t_model, mut t_write) =
        (0.0, 0.0, 0.0, 0.0, 0.0);
    let mut n_skipped = 0usize;
    let mut claim_emb = align::Spill::new_in(&cfg.out)?;
    let mut nets = aggregate::Nets::new_in(&cfg.out)?;
    // per claim: its article and outlet (numbered), for aligning
    let (mut claim_article, mut claim_outlet) = (Vec::<u32>::new(), Vec::<u32>::new());
    let mut outlet_names: Vec<String> = Vec::new();
    let mut articles: Vec<(ArticleStats, String)> = Vec::new();
    let mut sums: Vec<ArticleSums> = Vec::new();
    let mut article_ids: Vec<String> = Vec::new();
    let (mut n_sentences, mut n_docs) = (0usize, 0usize);
    loop {
        let t = Instant::now();
        let mut chunk: Vec<ingest::Article> = Vec::new();
        let mut chunk_bytes = 0usize;
        while chunk.len() < cfg.chunk_articles.max(1) && chunk_bytes < CHUNK_TEXT_BYTES {
            match reader.next().transpose()? {
                None => break,
                Some(ingest::Entry::Article(a)) => {
                    chunk_bytes += a.text.len();
                    chunk.push(a);
                }
                Some(ingest::Entry::Skipped(s)) => {
                    eprintln!("stancemap: skipped {}: {}", s.source, s.reason);
                    n_skipped += 1;
                    writer.skipped_input(s);
                }
            }
        }
        t_read += t.elapsed().as_secs_f64();
        if chunk.is_empty() {
            break;
        }
        let t = Instant::now();
        let mut docs: Vec<Doc> = chunk.into_par_iter().map(document::prepare).collect();
        t_prepare += t.elapsed().as_secs_f64();

        let t = Instant::now();
        Attributor.annotate(&mut docs)?;
        t_attr += t.elapsed().as_secs_f64();

        let t = Instant::now();
        model.annotate_with(&mut docs, &classifier.opts, |e| Ok(claim_emb.push(e)?))?;
        t_model += t.elapsed().as_secs_f64();

        let t = Instant::now();
        writer.write_docs(&docs)?;
        let mut chunk_rows: Vec<ClaimRow> = Vec::new();
        for d in &docs {
            n_docs += 1;
            n_sentences += d.sentences.len();
            let rows: Vec<ClaimRow> = claim_rows(d).collect();
            if let Some(s) = ArticleSums::of(&rows) {
                sums.push(s);
            }
            nets.push_article(&rows)?;
            let o = match outlet_names.iter().position(|o| *o == d.outlet.outlet) {
                Some(o) => o,
                None => {
                    outlet_names.push(d.outlet.outlet.clone());
                    outlet_names.len() - 1
                }
            } as u32;
            for s in &d.sentences {
                if s.prediction.as_ref().is_some_and(|p| p.is_claim) {
                    claim_article.push(article_ids.len() as u32);
                    claim_outlet.push(o);
                }
            }
            article_ids.push(d.article.id.clone());
            chunk_rows.extend(rows);
        }
        // the chunk's articles (each article is in one chunk)
        let titles: std::collections::HashMap<&str, String> = docs
            .iter()
            .map(|d| (d.article.id.as_str(), title(d)))
            .collect();
        for st in aggregate::articles(&chunk_rows)? {
            let t = titles
                .get(st.article_id.as_str())
                .cloned()
                .unwrap_or_default();
            articles.push((st, t));
        }
        t_write += t.elapsed().as_secs_f64();
        progress.set((reader.read_bytes() / 1024) as usize);
    }
    progress.finish();
    say(&format!(
        "{n_docs} articles, {n_sentences} sentences ({n_skipped} inputs skipped)"
    ));
    timings.push(("reading".to_string(), t_read));
    timings.push(("clean, split, outlet".to_string(), t_prepare));
    timings.push(("attribution".to_string(), t_attr));
    timings.push(("encoder and heads".to_string(), t_model));
    timings.push(("writing rows".to_string(), t_write));

    // accounting: every article read is in articles.csv or, without a
    // sentence left, in skipped.csv; every sentence has its row
    let n_empty = sums.len().abs_diff(n_docs);
    if articles.len() + n_empty != n_docs || writer.rows() != n_sentences {
        anyhow::bail!(
            "accounting failed: {n_docs} articles read, {} reported and {n_empty} without sentences; {n_sentences} sentences, {} rows written (a bug: please report it)",
            articles.len(),
            writer.rows()
        );
    }

    let t = Instant::now();
    articles.sort_by(|a, b| a.0.article_id.cmp(&b.0.article_id));
    let (articles, titles): (Vec<ArticleStats>, Vec<String>) = articles.into_iter().unzip();
    let outlets = aggregate::outlets(&sums, &mut nets)?;
    let pairs = aggregate::comparison(&outlets, &mut nets)?;
    drop((sums, nets));
    timings.push(("aggregation".to_string(), t.elapsed().as_secs_f64()));

    let t = Instant::now();
    claim_emb.finish()?;
    // articles and outlets ranked by name, as the aligner orders members
    let ids: Vec<&str> = article_ids.iter().map(String::as_str).collect();
    let id_rank = align::ranks(&ids);
    let names: Vec<&str> = outlet_names.iter().map(String::as_str).collect();
    let outlet_rank = align::ranks(&names);
    let art: Vec<u32> = claim_article.iter().map(|&a| id_rank[a as usize]).collect();
    let out: Vec<u32> = claim_outlet
        .iter()
        .map(|&o| outlet_rank[o as usize])
        .collect();
    drop((claim_article, claim_outlet, id_rank, article_ids));
    let groups = align::align_claims(&art, &out, &claim_emb, cfg.align_threshold)?;
    drop(claim_emb);
    timings.push(("aligned claims".to_string(), t.elapsed().as_secs_f64()));

    let t = Instant::now();
    let mut analysis = Analysis {
        n_articles: n_docs,
        n_sentences,
        n_claims: art.len(),
        articles,
        titles,
        outlets,
        pairs,
        groups,
        timings: Vec::new(),
        model_name,
    };
    let files = writer.finish(&analysis)?;
    timings.push(("writing reports".to_string(), t.elapsed().as_secs_f64()));
    analysis.timings = timings;
    Ok((analysis, files))
}

/// A sentence as the aggregation sees it.
fn claim_rows(d: &Doc) -> impl Iterator<Item = ClaimRow> + '_ {
    d.sentences.iter().map(|s| {
        let p = s.prediction.as_ref().expect("annotated by the model");
        ClaimRow {
            article_id: d.article.id.clone(),
            outlet: d.outlet.outlet.clone(),
            is_claim: p.is_claim,
            stance: reported_stance(p).to_string(),
            p_pro: p.p_stance[0] as f64,
            p_critical: p.p_stance[1] as f64,
            by_author: s
                .attribution
                .as_ref()
                .is_none_or(|a| a.kind == SpeakerKind::Author),
        }
    })
}

/// An article's title: its metadata, else its first heading.
fn title(d: &Doc) -> String {
    d.article
        .title
        .clone()
        .or_else(|| {
            d.sentences
                .iter()
                .find(|x| x.is_heading)
                .map(|x| x.one_line())
        })
        .unwrap_or_default()
}

/// `stancemap sentences`: every sentence of every article as CSV on `out`,
/// an article at a time (read, cleaned, split and written before the next
/// is read); the skipped-items report to `skipped` when asked.
pub fn sentences(
    inputs: &[PathBuf],
    manifest: Option<&std::path::Path>,
    out: impl std::io::Write,
    skipped: Option<&std::path::Path>,
) -> Result<()> {
    let mut w = crate::report::SentencesCsv::new(out)?;
    let (mut inputs_skipped, mut removed) = (Vec::new(), Vec::new());
    for entry in ingest::Reader::open(inputs, manifest)? {
        match entry? {
            ingest::Entry::Article(a) => {
                let d = document::prepare(a);
                w.write_doc(&d)?;
                removed.extend(document::skipped_rows(std::slice::from_ref(&d)));
            }
            ingest::Entry::Skipped(s) => {
                eprintln!("stancemap: skipped {}: {}", s.source, s.reason);
                inputs_skipped.push(s);
            }
        }
    }
    w.finish()?;
    if let Some(path) = skipped {
        inputs_skipped.extend(removed);
        crate::output::write_atomic(path, &crate::output::csv_bytes(&inputs_skipped)?)?;
    }
    Ok(())
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
