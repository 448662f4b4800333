//! The main job: every stage in order.
//!
//! In: input paths, an optional manifest, a model, an output directory.
//! Out: the reports in that directory, and an [`Analysis`] (counts,
//! aggregates, aligned groups, stage timings) for the closing summary.

use crate::aggregate::{self, ArticleStats, ArticleSums, ClaimRow};
use crate::align;
use crate::attribution::{self, Attribution, Attributor, SpeakerKind};
use crate::document::{self, Component, Doc, STANCE_LABELS};
use crate::encoder::EmbedOptions;
use crate::ingest;
pub use crate::journal::Shard;
use crate::journal::{Checkpoint, DocSummary, Journal, RunKey, SentenceSummary};
use crate::model::{Classifier, Input, Prediction, StanceModel};
use crate::output::StagedDir;
use crate::report::{self, ReportWriter, REPORT_FILES};
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
    /// leave claims unaligned (aligned_claims.csv gets its header only):
    /// the exact neighbour search is quadratic in the claims
    pub no_align: bool,
    /// articles read, encoded and classified at a time
    pub chunk_articles: usize,
    /// continue the unfinished run of the same inputs and model into `out`
    /// from its last finished chunk
    pub resume: bool,
    /// run one shard of the inputs (`crate::shard::run`)
    pub shard: Option<Shard>,
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
/// manifest reads), and the output directory can be replaced (it holds
/// nothing but an earlier report, and a new one can be built beside it).
/// Returns the inputs opened for reading, for [`run_with`].
pub fn preflight(cfg: &AnalyzeConfig) -> Result<ingest::Reader> {
    let reader = ingest::Reader::open(&cfg.inputs, cfg.manifest.as_deref())?;
    match cfg.shard {
        None => StagedDir::check(&cfg.out, &REPORT_FILES)?,
        Some(_) => StagedDir::check(&cfg.out, &SHARD_FILES)?,
    }
    Ok(reader)
}

/// What a shard directory holds (`analyze --shard`, see [`crate::shard`]):
/// the shard's rows and probabilities, its skipped rows, its claims'
/// embeddings, the run's journal and the manifest (last).
pub const SHARD_FILES: [&str; 7] = [
    report::CLAIMS,
    report::PROBS,
    report::REMOVED,
    report::INPUTS_SKIPPED,
    EMBEDDINGS,
    crate::journal::CHUNKS,
    "shard.json",
];

/// Run every stage over the corpus and write the reports into `cfg.out`;
/// returns what was written, for the closing summary.
///
/// Articles go through the stages in chunks of `cfg.chunk_articles` (or
/// fewer, up to [`CHUNK_TEXT_BYTES`] of text): each chunk is prepared
/// (cleaned, split, outlet-tagged), annotated by the components
/// (attribution, then the model), written (its rows of claims.csv and
/// skipped.csv, its claims' embeddings), summed up into the tallies the
/// tables are computed from, and recorded in the run's journal before the
/// next is read. A sentence's numbers do not depend on its chunk, so the
/// chunk size changes no output. At the end the outlet and pair tables are
/// computed from the tallies, the claims are aligned from the spilled
/// embeddings, and the report directory is swapped in as a whole.
///
/// Everything is written into a staging directory beside `cfg.out`; a run
/// killed at any point leaves the old report in place, and the next run
/// starts over, or with `cfg.resume` continues from the last chunk the
/// journal recorded (redoing at most the chunk in flight) and gives the
/// same files byte for byte.
pub fn run(cfg: &AnalyzeConfig, model: &StanceModel) -> Result<(Analysis, Vec<PathBuf>)> {
    let reader = preflight(cfg)?;
    run_with(cfg, model, reader)
}

/// What the tables are computed from, gathered article by article from
/// their [`DocSummary`]s (and rebuilt from the journal on resume, or from
/// the shards by `merge`).
#[derive(Default)]
pub(crate) struct Tally {
    pub(crate) n_docs: usize,
    pub(crate) n_sentences: usize,
    /// per claim: its article and outlet (numbered), for aligning
    claim_article: Vec<u32>,
    claim_outlet: Vec<u32>,
    outlet_names: Vec<String>,
    articles: Vec<(ArticleStats, String)>,
    sums: Vec<ArticleSums>,
    article_ids: Vec<String>,
}

impl Tally {
    /// Add articles, in input order (each article once).
    pub(crate) fn add(&mut self, docs: &[DocSummary], nets: &mut aggregate::Nets) -> Result<()> {
        let mut chunk_rows: Vec<ClaimRow> = Vec::new();
        for d in docs {
            self.n_docs += 1;
            self.n_sentences += d.sentences.len();
            let rows = d.claim_rows();
            if let Some(s) = ArticleSums::of(&rows) {
                self.sums.push(s);
            }
            nets.push_article(&rows)?;
            let o = match self.outlet_names.iter().position(|o| *o == d.outlet) {
                Some(o) => o,
                None => {
                    self.outlet_names.push(d.outlet.clone());
                    self.outlet_names.len() - 1
                }
            } as u32;
            for _ in rows.iter().filter(|r| r.is_claim) {
                self.claim_article.push(self.article_ids.len() as u32);
                self.claim_outlet.push(o);
            }
            self.article_ids.push(d.id.clone());
            chunk_rows.extend(rows);
        }
        let titles: std::collections::HashMap<&str, &str> = docs
            .iter()
            .map(|d| (d.id.as_str(), d.title.as_str()))
            .collect();
        for st in aggregate::articles(&chunk_rows)? {
            let t = titles
                .get(st.article_id.as_str())
                .copied()
                .unwrap_or_default();
            self.articles.push((st, t.to_string()));
        }
        Ok(())
    }

    pub(crate) fn n_claims(&self) -> usize {
        self.claim_article.len()
    }
}

/// An annotated article as the tables see it: its place among the inputs
/// and the bytes its rows took in claims.csv and skipped.csv.
fn summarize(d: &Doc, ordinal: u64, (csv_bytes, removed_bytes): (u64, u64)) -> DocSummary {
    DocSummary {
        id: d.article.id.clone(),
        outlet: d.outlet.outlet.clone(),
        title: title(d),
        sentences: d
            .sentences
            .iter()
            .map(|s| {
                let p = s.prediction.as_ref().expect("annotated by the model");
                let stance = reported_stance(p);
                SentenceSummary(
                    p.is_claim,
                    STANCE_LABELS.iter().position(|l| *l == stance).unwrap_or(2) as u8,
                    p.p_stance[0].to_bits(),
                    p.p_stance[1].to_bits(),
                    s.attribution
                        .as_ref()
                        .is_none_or(|a| a.kind == SpeakerKind::Author),
                )
            })
            .collect(),
        ordinal,
        csv_bytes,
        removed_bytes,
    }
}

/// The claims' embeddings, in the run's journal.
pub const EMBEDDINGS: &str = "embeddings.f32";

/// The model's name in the reports: preset and directory.
fn model_name(model: &StanceModel) -> String {
    format!(
        "{}:{}",
        model.meta.preset,
        model
            .dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    )
}

/// What identifies a model in a run's key: its name in the reports and
/// its heads' sha256.
fn model_key(model: &StanceModel) -> String {
    format!(
        "{} {}",
        model_name(model),
        model.meta.heads_sha256.as_deref().unwrap_or("")
    )
}

/// What identifies a run of `cfg` with the model `model_key` over
/// `reader`'s inputs.
pub(crate) fn run_key(cfg: &AnalyzeConfig, model_key: String, reader: &ingest::Reader) -> RunKey {
    RunKey {
        version: env!("CARGO_PKG_VERSION").to_string(),
        inputs: reader.fingerprint().to_string(),
        model: model_key,
        chunk_articles: cfg.chunk_articles,
        align_threshold: cfg.align_threshold,
        shard: cfg.shard,
    }
}

/// A run being written: its staging directory and journal, the rows
/// written so far, the tallies and the spilled claims.
pub(crate) struct Run {
    pub(crate) stage: StagedDir,
    pub(crate) journal: Option<Journal>,
    pub(crate) writer: ReportWriter,
    pub(crate) tally: Tally,
    pub(crate) nets: aggregate::Nets,
    pub(crate) claim_emb: align::Spill,
    /// input entries consumed, inputs skipped
    entries: u64,
    pub(crate) n_skipped: usize,
    pub(crate) model_name: String,
    pub(crate) timings: Vec<(String, f64)>,
}

impl Run {
    /// A fresh run into `out` (no journal: for `merge`).
    pub(crate) fn fresh(out: &std::path::Path, model_name: &str) -> Result<Self> {
        let (stage, _) = StagedDir::open(out, false)?;
        let journal = stage.journal().to_path_buf();
        Ok(Run {
            writer: ReportWriter::create(stage.path(), &journal, model_name, None)?,
            nets: aggregate::Nets::new_in(stage.path())?,
            claim_emb: align::Spill::at(&journal.join(EMBEDDINGS), None)?,
            stage,
            journal: None,
            tally: Tally::default(),
            entries: 0,
            n_skipped: 0,
            model_name: model_name.to_string(),
            timings: Vec::new(),
        })
    }

    /// Open the run of `cfg` into `cfg.out`: with `cfg.resume` and an
    /// unfinished run of the same key there, continue it (its tallies
    /// rebuilt from the journal, the inputs it consumed passed over);
    /// otherwise start afresh.
    fn open(
        cfg: &AnalyzeConfig,
        key: RunKey,
        model_name: &str,
        reader: &mut ingest::Reader,
    ) -> Result<Self> {
        let say = |m: &str| {
            if !cfg.quiet {
                eprintln!("stancemap: {m}");
            }
        };
        crate::output::remove_stale_temps(&cfg.out, &REPORT_FILES);
        let (stage, kept) = StagedDir::open(&cfg.out, cfg.resume)?;
        let journal_dir = stage.journal().to_path_buf();
        let mut tally = Tally::default();
        let mut nets = aggregate::Nets::new_in(stage.path())?;
        let resumed = if kept {
            match Journal::resume(&journal_dir, &key, |cp| tally.add(&cp.docs, &mut nets)) {
                Ok(r) => r,
                Err(e) => {
                    // not this run's journal: leave it for the run it belongs to
                    drop(nets);
                    stage.keep_unfinished();
                    return Err(e.context(format!("{}: cannot resume", cfg.out.display())));
                }
            }
        } else {
            None
        };
        let (journal, last) = match resumed {
            Some((j, last)) => (j, last),
            None => {
                if cfg.resume {
                    say("nothing to resume: starting from the beginning");
                }
                (Journal::start(&journal_dir, &key)?, None)
            }
        };
        let mut run = Run {
            writer: ReportWriter::create(
                stage.path(),
                &journal_dir,
                model_name,
                last.as_ref().map(|cp| &cp.lengths),
            )?,
            claim_emb: align::Spill::at(
                &journal_dir.join(EMBEDDINGS),
                last.as_ref().map(|cp| (cp.dim, tally.n_claims())),
            )?,
            stage,
            journal: Some(journal),
            tally,
            nets,
            entries: 0,
            n_skipped: 0,
            model_name: model_name.to_string(),
            timings: Vec::new(),
        };
        if let Some(cp) = last {
            // the inputs the finished chunks consumed, passed over
            for _ in 0..cp.entries {
                reader.next().transpose()?;
            }
            run.entries = cp.entries;
            run.n_skipped = cp.skipped as usize;
            say(&format!(
                "resuming after {} articles ({} sentences) already analysed",
                run.tally.n_docs, run.tally.n_sentences
            ));
        }
        Ok(run)
    }

    /// Read, annotate, write and record the inputs chunk by chunk (only a
    /// shard's own, when `cfg.shard` says so).
    fn process(
        &mut self,
        cfg: &AnalyzeConfig,
        model: &StanceModel,
        reader: &mut ingest::Reader,
    ) -> Result<()> {
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
        progress.set((reader.read_bytes() / 1024) as usize);
        let (mut t_read, mut t_prepare, mut t_attr, mut t_model, mut t_write) =
            (0.0, 0.0, 0.0, 0.0, 0.0);
        let ours = |key: &str| cfg.shard.is_none_or(|s| s.owns(key));
        loop {
            let t = Instant::now();
            let mut chunk: Vec<ingest::Article> = Vec::new();
            let mut ordinals: Vec<u64> = Vec::new();
            let mut skips: Vec<(u64, u64)> = Vec::new();
            let mut chunk_bytes = 0usize;
            let mut ended = false;
            while chunk.len() < cfg.chunk_articles.max(1) && chunk_bytes < CHUNK_TEXT_BYTES {
                let Some(entry) = reader.next().transpose()? else {
                    ended = true;
                    break;
                };
                let ordinal = self.entries;
                self.entries += 1;
                match entry {
                    ingest::Entry::Article(a) if ours(&a.id) => {
                        chunk_bytes += a.text.len();
                        ordinals.push(ordinal);
                        chunk.push(a);
                    }
                    ingest::Entry::Skipped(s) if ours(&s.source) => {
                        eprintln!("stancemap: skipped {}: {}", s.source, s.reason);
                        self.n_skipped += 1;
                        skips.push((ordinal, self.writer.skipped_input(&s)?));
                    }
                    _ => {}
                }
            }
            t_read += t.elapsed().as_secs_f64();
            // a shard's last chunk may hold only skipped inputs: they are
            // recorded like any chunk, or the merge would lose their rows
            if chunk.is_empty() && skips.is_empty() && ended {
                break;
            }
            let t = Instant::now();
            let mut docs: Vec<Doc> = chunk.into_par_iter().map(document::prepare).collect();
            t_prepare += t.elapsed().as_secs_f64();

            let t = Instant::now();
            Attributor.annotate(&mut docs)?;
            t_attr += t.elapsed().as_secs_f64();

            let t = Instant::now();
            let emb = &mut self.claim_emb;
            model.annotate_with(&mut docs, &classifier.opts, |e| Ok(emb.push(e)?))?;
            t_model += t.elapsed().as_secs_f64();
            crate::output::failpoint("encoded");

            let t = Instant::now();
            let lens = self.writer.write_docs(&docs)?;
            let summaries: Vec<DocSummary> = docs
                .iter()
                .zip(ordinals)
                .zip(lens)
                .map(|((d, o), l)| summarize(d, o, l))
                .collect();
            self.tally.add(&summaries, &mut self.nets)?;
            // the chunk on disk, then recorded: a kill before the record redoes it
            let lengths = self.writer.sync()?;
            self.claim_emb.sync()?;
            crate::output::failpoint("chunk-written");
            if let Some(j) = self.journal.as_mut() {
                j.record(&Checkpoint {
                    entries: self.entries,
                    skipped: self.n_skipped as u64,
                    lengths,
                    dim: align::Rows::dim(&self.claim_emb),
                    docs: summaries,
                    skips,
                })?;
            }
            crate::output::failpoint("chunk-recorded");
            t_write += t.elapsed().as_secs_f64();
            progress.set((reader.read_bytes() / 1024) as usize);
            if ended {
                break;
            }
        }
        progress.finish();
        if !cfg.quiet {
            eprintln!(
                "stancemap: {} articles, {} sentences ({} inputs skipped)",
                self.tally.n_docs, self.tally.n_sentences, self.n_skipped
            );
        }
        self.timings.push(("reading".to_string(), t_read));
        self.timings
            .push(("clean, split, outlet".to_string(), t_prepare));
        self.timings.push(("attribution".to_string(), t_attr));
        self.timings
            .push(("encoder and heads".to_string(), t_model));
        self.timings.push(("writing rows".to_string(), t_write));
        Ok(())
    }

    /// The tables, the aligned claims and the reports from what the run
    /// gathered; the report directory swapped in.
    /// Claims are aligned at `align_threshold`, or not at all with `None`.
    pub(crate) fn conclude(self, align_threshold: Option<f32>) -> Result<(Analysis, Vec<PathBuf>)> {
        let Run {
            stage,
            journal,
            writer,
            tally,
            mut nets,
            mut claim_emb,
            model_name,
            mut timings,
            ..
        } = self;
        let Tally {
            n_docs,
            n_sentences,
            claim_article,
            claim_outlet,
            outlet_names,
            mut articles,
            sums,
            article_ids,
        } = tally;
        // accounting: every article read is in articles.csv or, without a
        // sentence left, in skipped.csv (the sentences are counted against
        // claims.csv's rows when it is read back)
        let n_empty = sums.len().abs_diff(n_docs);
        if articles.len() + n_empty != n_docs {
            anyhow::bail!(
                "accounting failed: {n_docs} articles read, {} reported and {n_empty} without sentences (a bug: please report it)",
                articles.len(),
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
        let groups = match align_threshold {
            Some(t) => align::align_claims(&art, &out, &claim_emb, t)?,
            None => Vec::new(),
        };
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
        let names = writer.finish(&analysis)?;
        drop(journal);
        let out_dir = stage.out().to_path_buf();
        stage.commit()?;
        let files = names.iter().map(|n| out_dir.join(n)).collect();
        timings.push(("writing reports".to_string(), t.elapsed().as_secs_f64()));
        analysis.timings = timings;
        Ok((analysis, files))
    }
}

/// [`run`] on inputs already opened by [`preflight`].
pub fn run_with(
    cfg: &AnalyzeConfig,
    model: &StanceModel,
    mut reader: ingest::Reader,
) -> Result<(Analysis, Vec<PathBuf>)> {
    anyhow::ensure!(cfg.shard.is_none(), "a shard is run by shard::run");
    let key = run_key(cfg, model_key(model), &reader);
    let mut run = Run::open(cfg, key, &model_name(model), &mut reader)?;
    run.process(cfg, model, &mut reader)?;
    run.conclude((!cfg.no_align).then_some(cfg.align_threshold))
}

/// One shard's part of a run: [`Run::process`] over the shard's articles.
/// Returns the run, processed, for [`crate::shard::run`] to seal into the
/// shard directory.
pub(crate) fn process_shard(
    cfg: &AnalyzeConfig,
    model: &StanceModel,
    mut reader: ingest::Reader,
) -> Result<(Run, RunKey)> {
    let key = run_key(cfg, model_key(model), &reader);
    let mut run = Run::open(cfg, key.clone(), &model_name(model), &mut reader)?;
    run.process(cfg, model, &mut reader)?;
    Ok((run, key))
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
