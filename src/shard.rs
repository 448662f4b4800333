//! Sharded runs: one corpus analysed as N independent jobs (a Slurm job
//! array, a Kubernetes Indexed Job), then merged into exactly the reports
//! one run would write.
//!
//! In (`analyze --shard K/N`): the inputs, of which the shard takes the
//! articles whose id hashes to K (and the skipped inputs whose source
//! does); every shard reads the whole input list, so each knows every
//! article's place in it. Out: a shard directory, written as a whole (see
//! [`crate::output::StagedDir`]): the shard's rows of claims.csv, the
//! model's f32 probabilities beside them, its rows of skipped.csv, its
//! claims' embeddings (f32), the run's journal (per article: its place
//! among the inputs, the numbers the tables need and the bytes its rows
//! take), and `shard.json` (shard K of N, what the run is, row counts, the
//! size and sha256 of every file). A rerun of a finished shard does nothing.
//!
//! In (`merge DIR...`): the shard directories of one run. Out: the reports,
//! byte-identical to one `analyze` of the same inputs: the shards' rows are
//! put back in input order (a k-way merge on each article's place), the
//! tallies rebuilt article by article, and the tables, aligned claims and
//! report written by the same code as a single run's.

use crate::analyze::{self, AnalyzeConfig, Run, Shard, SHARD_FILES};
use crate::journal::{Checkpoint, DocSummary, RunKey};
use crate::model::StanceModel;
use crate::report::{self, Analysis, REPORT_FILES};
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BinaryHeap, VecDeque};
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// The manifest, the last of [`SHARD_FILES`].
const MANIFEST: &str = SHARD_FILES[6];
const FORMAT: &str = "stancemap-shard/1";

/// shard.json: which shard of which run, and what it holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShardManifest {
    pub format: String,
    pub shard: Shard,
    /// the run (inputs, model, settings), with this shard
    pub key: RunKey,
    pub model_name: String,
    pub articles: usize,
    pub sentences: usize,
    pub claims: usize,
    pub skipped: usize,
    /// the width of the embeddings (0 without claims)
    pub dim: usize,
    /// each file's size and sha256
    pub files: BTreeMap<String, FileSum>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileSum {
    pub bytes: u64,
    pub sha256: String,
}

fn read_manifest(dir: &Path) -> Result<ShardManifest> {
    let path = dir.join(MANIFEST);
    let text = std::fs::read(&path).with_context(|| {
        format!(
            "{}: not a finished shard directory (no {MANIFEST}): give the directories `stancemap analyze --shard K/N --out DIR` wrote",
            dir.display()
        )
    })?;
    let m: ShardManifest = serde_json::from_slice(&text)
        .with_context(|| format!("{}: not a shard manifest", path.display()))?;
    if m.format != FORMAT {
        bail!(
            "{}: format {:?}, this stancemap reads {FORMAT:?}",
            path.display(),
            m.format
        );
    }
    Ok(m)
}

/// What identifies a model in a run's key, read from its model.json (the
/// same string `analyze` puts in the key), without loading it.
fn model_key(dir: &Path) -> Result<String> {
    let path = dir.join("model.json");
    let v: serde_json::Value = serde_json::from_slice(
        &std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?,
    )
    .with_context(|| format!("{}: not a stancemap model", path.display()))?;
    Ok(format!(
        "{}:{} {}",
        v["preset"].as_str().unwrap_or_default(),
        dir.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        v["heads_sha256"].as_str().unwrap_or_default()
    ))
}

/// Whether `cfg.out` already holds this shard of this run, finished (then
/// a rerun does nothing); checked before the model loads.
pub fn finished(
    cfg: &AnalyzeConfig,
    model_dir: &Path,
    reader: &crate::ingest::Reader,
) -> Result<bool> {
    let Ok(m) = read_manifest(&cfg.out) else {
        return Ok(false);
    };
    let key = analyze::run_key(cfg, model_key(model_dir)?, reader);
    Ok(m.key == key && verify(&cfg.out, &m).is_ok())
}

/// Check every file of a shard directory against its manifest.
fn verify(dir: &Path, m: &ShardManifest) -> Result<()> {
    for (name, want) in &m.files {
        let path = dir.join(name);
        let got = FileSum {
            bytes: std::fs::metadata(&path)
                .with_context(|| format!("{}: missing", path.display()))?
                .len(),
            sha256: crate::models::sha256_file(&path)?,
        };
        if got != *want {
            bail!(
                "{}: damaged or cut short (its size or sha256 differs from {MANIFEST}); run shard {} again",
                path.display(),
                m.shard
            );
        }
    }
    Ok(())
}

/// Run one shard of the inputs into `cfg.out` (see the module's doc).
pub fn run(
    cfg: &AnalyzeConfig,
    model: &StanceModel,
    reader: crate::ingest::Reader,
) -> Result<ShardManifest> {
    let shard = cfg.shard.context("no --shard given")?;
    let (mut run, key) = analyze::process_shard(cfg, model, reader)?;
    // the rows and journal on disk, moved into the shard directory
    run.writer.sync()?;
    run.claim_emb.sync()?;
    drop(run.journal.take());
    let stage = run.stage.path().to_path_buf();
    for name in &SHARD_FILES[1..6] {
        let from = run.stage.journal().join(name);
        std::fs::rename(&from, stage.join(name))
            .with_context(|| format!("{}: cannot move into the shard", from.display()))?;
    }
    let mut files = BTreeMap::new();
    for name in &SHARD_FILES[..6] {
        let path = stage.join(name);
        files.insert(
            name.to_string(),
            FileSum {
                bytes: std::fs::metadata(&path)?.len(),
                sha256: crate::models::sha256_file(&path)?,
            },
        );
    }
    let manifest = ShardManifest {
        format: FORMAT.into(),
        shard,
        key,
        model_name: run.model_name.clone(),
        articles: run.tally.n_docs,
        sentences: run.tally.n_sentences,
        claims: run.tally.n_claims(),
        skipped: run.n_skipped,
        dim: crate::align::Rows::dim(&run.claim_emb),
        files,
    };
    crate::output::write_atomic(
        &stage.join(MANIFEST),
        &serde_json::to_vec_pretty(&manifest)?,
    )?;
    let Run { stage, .. } = run;
    stage.commit()?;
    Ok(manifest)
}

/// One entry of a shard, in input order: an article or a skipped input.
enum Event {
    Article(DocSummary),
    Skip(u64),
}

/// A shard's files, read in input order.
struct Stream {
    events: VecDeque<(u64, Event)>,
    chunks: std::io::Lines<std::io::BufReader<std::fs::File>>,
    claims: std::io::BufReader<std::fs::File>,
    probs: std::io::BufReader<std::fs::File>,
    removed: std::io::BufReader<std::fs::File>,
    skipped: std::io::BufReader<std::fs::File>,
    embeddings: std::io::BufReader<std::fs::File>,
    dir: PathBuf,
}

impl Stream {
    fn open(dir: &Path) -> Result<Self> {
        let open = |name: &str| -> Result<std::io::BufReader<std::fs::File>> {
            let p = dir.join(name);
            Ok(std::io::BufReader::with_capacity(
                1 << 16,
                std::fs::File::open(&p).with_context(|| format!("{}: cannot read", p.display()))?,
            ))
        };
        let mut claims = open(report::CLAIMS)?;
        let mut header = Vec::new();
        claims.read_until(b'\n', &mut header)?;
        Ok(Stream {
            events: VecDeque::new(),
            chunks: open(crate::journal::CHUNKS)?.lines(),
            claims,
            probs: open(report::PROBS)?,
            removed: open(report::REMOVED)?,
            skipped: open(report::INPUTS_SKIPPED)?,
            embeddings: open(crate::analyze::EMBEDDINGS)?,
            dir: dir.to_path_buf(),
        })
    }

    /// The place of the next entry, reading the next chunk when needed.
    fn peek(&mut self) -> Result<Option<u64>> {
        while self.events.is_empty() {
            let Some(line) = self.chunks.next() else {
                return Ok(None);
            };
            let cp: Checkpoint = serde_json::from_str(&line?).with_context(|| {
                format!(
                    "{}: a damaged chunk record",
                    self.dir.join(crate::journal::CHUNKS).display()
                )
            })?;
            let mut ev: Vec<(u64, Event)> = cp
                .docs
                .into_iter()
                .map(|d| (d.ordinal, Event::Article(d)))
                .chain(cp.skips.into_iter().map(|(o, b)| (o, Event::Skip(b))))
                .collect();
            ev.sort_by_key(|(o, _)| *o);
            self.events.extend(ev);
        }
        Ok(self.events.front().map(|(o, _)| *o))
    }
}

fn read_n(r: &mut impl Read, n: u64, what: &Path) -> Result<Vec<u8>> {
    let mut buf = vec![0u8; n as usize];
    r.read_exact(&mut buf)
        .with_context(|| format!("{}: ends early", what.display()))?;
    Ok(buf)
}

/// Merge the shard directories `dirs` of one run into the reports in
/// `out`: every shard present once, all of the same run, each file as its
/// manifest says; then the reports a single run writes (claims aligned at
/// the run's threshold, or not at all with `no_align`).
pub fn merge(
    dirs: &[PathBuf],
    out: &Path,
    no_align: bool,
    quiet: bool,
) -> Result<(Analysis, Vec<PathBuf>)> {
    if dirs.is_empty() {
        bail!("merge needs the shard directories (every DIR that `analyze --shard K/N` wrote)");
    }
    let mut shards = Vec::new();
    for d in dirs {
        shards.push((d.clone(), read_manifest(d)?));
    }
    let (first_dir, first) = shards[0].clone();
    let n = first.shard.n;
    let mut by_k: Vec<Option<PathBuf>> = vec![None; n];
    for (d, m) in &shards {
        let same = |a: &RunKey, b: &RunKey| {
            let (mut a, mut b) = (a.clone(), b.clone());
            a.shard = None;
            b.shard = None;
            a == b
        };
        if m.shard.n != n || !same(&m.key, &first.key) {
            let what = if m.shard.n != n {
                format!("{} shards, not {n}", m.shard.n)
            } else if m.key.inputs != first.key.inputs {
                "other inputs".into()
            } else if m.key.model != first.key.model {
                "another model".into()
            } else {
                "other settings or another stancemap version".into()
            };
            bail!(
                "{} is a shard of another run than {} ({what}): merge the shards of one run",
                d.display(),
                first_dir.display()
            );
        }
        if let Some(other) = &by_k[m.shard.k] {
            bail!(
                "shard {} is given twice: {} and {} (give each shard once)",
                m.shard,
                other.display(),
                d.display()
            );
        }
        by_k[m.shard.k] = Some(d.clone());
    }
    let missing: Vec<String> = (0..n)
        .filter(|&k| by_k[k].is_none())
        .map(|k| format!("{k}/{n}"))
        .collect();
    if !missing.is_empty() {
        bail!(
            "shard {} missing: run `stancemap analyze --shard K/{n}` for {}, with the same inputs and --out of its own, and give its directory too",
            missing.join(", "),
            if missing.len() == 1 { "it" } else { "each" }
        );
    }
    for (d, m) in &shards {
        verify(d, m)?;
    }
    crate::output::StagedDir::check(out, &REPORT_FILES)?;
    if !quiet {
        eprintln!(
            "stancemap: merging {n} shards ({} articles, {} sentences)",
            shards.iter().map(|(_, m)| m.articles).sum::<usize>(),
            shards.iter().map(|(_, m)| m.sentences).sum::<usize>()
        );
    }

    let mut run = Run::fresh(out, &first.model_name)?;
    let mut streams: Vec<Stream> = by_k
        .iter()
        .map(|d| Stream::open(d.as_ref().expect("every shard present")))
        .collect::<Result<_>>()?;
    let dim = shards.iter().map(|(_, m)| m.dim).max().unwrap_or(0);
    let mut heap = BinaryHeap::new();
    for (i, s) in streams.iter_mut().enumerate() {
        if let Some(o) = s.peek()? {
            heap.push(std::cmp::Reverse((o, i)));
        }
    }
    let mut batch: Vec<DocSummary> = Vec::new();
    let mut row = vec![0f32; dim];
    while let Some(std::cmp::Reverse((_, i))) = heap.pop() {
        let s = &mut streams[i];
        let (_, event) = s.events.pop_front().expect("peeked");
        match event {
            Event::Article(d) => {
                let dir = s.dir.clone();
                let claims = read_n(&mut s.claims, d.csv_bytes, &dir.join(report::CLAIMS))?;
                let probs = read_n(
                    &mut s.probs,
                    16 * d.sentences.len() as u64,
                    &dir.join(report::PROBS),
                )?;
                let removed = read_n(&mut s.removed, d.removed_bytes, &dir.join(report::REMOVED))?;
                run.writer.append_article(&claims, &probs, &removed)?;
                for _ in d.sentences.iter().filter(|x| x.0) {
                    let bytes = read_n(
                        &mut s.embeddings,
                        4 * dim as u64,
                        &dir.join(crate::analyze::EMBEDDINGS),
                    )?;
                    for (x, b) in row.iter_mut().zip(bytes.chunks_exact(4)) {
                        *x = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                    }
                    run.claim_emb.push(&row)?;
                }
                batch.push(d);
                if batch.len() >= 1000 {
                    run.tally.add(&batch, &mut run.nets)?;
                    batch.clear();
                }
            }
            Event::Skip(bytes) => {
                let dir = s.dir.clone();
                let row = read_n(&mut s.skipped, bytes, &dir.join(report::INPUTS_SKIPPED))?;
                run.writer.append_skipped_input(&row)?;
                run.n_skipped += 1;
            }
        }
        if let Some(o) = streams[i].peek()? {
            heap.push(std::cmp::Reverse((o, i)));
        }
    }
    run.tally.add(&batch, &mut run.nets)?;
    run.conclude((!no_align).then_some(first.key.align_threshold))
}
