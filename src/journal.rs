//! What a run has finished, chunk by chunk, so that a killed run can be
//! continued (`analyze --resume`) instead of started over.
//!
//! In: after each chunk, once its rows are on disk, a [`Checkpoint`]: how
//! many input entries the run has consumed, the length each append-only
//! file of the run had then, and per article the numbers every table is
//! computed from ([`DocSummary`]: per sentence is_claim, stance, the two
//! probabilities as the model's f32 bits, whether the author makes it).
//! Out, on resume: the checkpoints replayed in order, so that the run's
//! tallies are rebuilt by the same code that built them, and the lengths
//! to cut each file back to; the chunk that was in flight is redone.
//!
//! The journal lives in the run's staging directory (`journal/`, see
//! [`crate::output::StagedDir`]): `run.json` says what the run is (inputs,
//! model, settings; a resume with anything else is refused) and
//! `chunks.jsonl` holds one checkpoint a line, each synced to disk before
//! the next chunk starts; a line cut short by a kill is dropped.

use crate::aggregate::ClaimRow;
use crate::document::STANCE_LABELS;
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// One of N shards of a run (`--shard K/N`): the articles whose id hashes
/// to K, and the skipped inputs whose source does. The hash (FNV-1a of the
/// id) does not depend on the order or number of inputs, so adding files
/// moves few articles between shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub k: usize,
    pub n: usize,
}

impl Shard {
    /// `K/N`, with K from 0 to N-1.
    pub fn parse(s: &str) -> Result<Self> {
        let bad = || {
            anyhow::anyhow!(
                "--shard {s:?}: give K/N, K from 0 to N-1 (for example 0/8; a Slurm array passes $SLURM_ARRAY_TASK_ID as K)"
            )
        };
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (k, n): (usize, usize) = (
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if n == 0 || k >= n {
            return Err(bad());
        }
        Ok(Shard { k, n })
    }

    /// Whether the article or input named `key` is this shard's.
    pub fn owns(&self, key: &str) -> bool {
        let h = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
        });
        (h % self.n as u64) as usize == self.k
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

/// What a run is: a resume must match it exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunKey {
    /// the stancemap version that wrote the journal
    pub version: String,
    /// the inputs and manifest (paths, sizes, modification times)
    pub inputs: String,
    pub model: String,
    pub chunk_articles: usize,
    pub align_threshold: f32,
    /// the shard this run is, if it is one
    #[serde(default)]
    pub shard: Option<Shard>,
}

/// One sentence as the tables see it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SentenceSummary(
    /// is_claim
    pub bool,
    /// the reported stance, an index into [`STANCE_LABELS`]
    pub u8,
    /// p_pro, as f32 bits
    pub u32,
    /// p_critical, as f32 bits
    pub u32,
    /// made by the author (not attributed to a speaker)
    pub bool,
);

/// One article as the tables see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocSummary {
    pub id: String,
    pub outlet: String,
    pub title: String,
    pub sentences: Vec<SentenceSummary>,
    /// its place among the run's input entries (articles and skips)
    #[serde(default)]
    pub ordinal: u64,
    /// the bytes its rows take in claims.csv, and in skipped.csv
    #[serde(default)]
    pub csv_bytes: u64,
    #[serde(default)]
    pub removed_bytes: u64,
}

impl DocSummary {
    /// The article's rows for the aggregation.
    pub fn claim_rows(&self) -> Vec<ClaimRow> {
        self.sentences
            .iter()
            .map(|s| ClaimRow {
                article_id: self.id.clone(),
                outlet: self.outlet.clone(),
                is_claim: s.0,
                stance: STANCE_LABELS[s.1 as usize].to_string(),
                p_pro: f32::from_bits(s.2) as f64,
                p_critical: f32::from_bits(s.3) as f64,
                by_author: s.4,
            })
            .collect()
    }
}

/// A finished chunk.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Checkpoint {
    /// input entries (articles and skips) consumed by the end of the chunk
    pub entries: u64,
    /// inputs skipped so far
    pub skipped: u64,
    /// the length of each append-only file of the run, by name
    pub lengths: BTreeMap<String, u64>,
    /// the width of the claims' embeddings (0 before the first claim)
    pub dim: usize,
    /// the chunk's articles
    pub docs: Vec<DocSummary>,
    /// the chunk's skipped inputs: their place among the input entries and
    /// the bytes of their rows in skipped.csv
    #[serde(default)]
    pub skips: Vec<(u64, u64)>,
}

/// The journal of a run being written.
pub struct Journal {
    chunks: std::fs::File,
    path: PathBuf,
}

const RUN: &str = "run.json";
/// The checkpoints, one a line.
pub const CHUNKS: &str = "chunks.jsonl";

impl Journal {
    /// Start the journal of a new run in `dir` (created).
    pub fn start(dir: &Path, key: &RunKey) -> Result<Self> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create", dir.display()))?;
        let path = dir.join(CHUNKS);
        let chunks = std::fs::File::create(&path)
            .with_context(|| format!("{}: cannot create", path.display()))?;
        crate::output::write_atomic(&dir.join(RUN), &serde_json::to_vec_pretty(key)?)?;
        Ok(Journal { chunks, path })
    }

    /// Replay the journal of an unfinished run in `dir`: each finished
    /// chunk's checkpoint is handed to `apply`, in order. `None` when there
    /// is no journal to resume (the run was killed before its first
    /// chunk, or there was no run); an error when it is another run's.
    /// The journal is left ready for the next chunk.
    pub fn resume(
        dir: &Path,
        key: &RunKey,
        mut apply: impl FnMut(&Checkpoint) -> Result<()>,
    ) -> Result<Option<(Self, Option<Checkpoint>)>> {
        let Ok(text) = std::fs::read(dir.join(RUN)) else {
            return Ok(None);
        };
        let Ok(theirs) = serde_json::from_slice::<RunKey>(&text) else {
            return Ok(None);
        };
        if theirs != *key {
            let what = if theirs.version != key.version {
                "another stancemap version"
            } else if theirs.inputs != key.inputs {
                "other inputs (or files changed since)"
            } else if theirs.model != key.model {
                "another model"
            } else {
                "other settings"
            };
            bail!("the unfinished run was started with {what}; run without --resume to start over");
        }
        let path = dir.join(CHUNKS);
        let file = std::fs::File::open(&path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        let mut reader = std::io::BufReader::new(file);
        let (mut good, mut last) = (0u64, None);
        let mut line = Vec::new();
        loop {
            line.clear();
            let n = reader.read_until(b'\n', &mut line)?;
            // a line without its newline was cut short by the kill
            if n == 0 || line.last() != Some(&b'\n') {
                break;
            }
            let Ok(cp) = serde_json::from_slice::<Checkpoint>(&line) else {
                break;
            };
            apply(&cp)?;
            good += n as u64;
            last = Some(cp);
        }
        let chunks = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .with_context(|| format!("{}: cannot write", path.display()))?;
        chunks.set_len(good)?;
        let mut j = Journal { chunks, path };
        std::io::Seek::seek(&mut j.chunks, std::io::SeekFrom::End(0))?;
        Ok(Some((j, last)))
    }

    /// Record a finished chunk (its files are on disk already).
    pub fn record(&mut self, cp: &Checkpoint) -> Result<()> {
        let mut line = serde_json::to_vec(cp)?;
        line.push(b'\n');
        self.chunks
            .write_all(&line)
            .and_then(|_| self.chunks.sync_data())
            .with_context(|| format!("{}: cannot write", self.path.display()))
    }
}

/// A file a run appends to as it goes, whose length a checkpoint records
/// and a resume cuts it back to.
pub struct Appender {
    path: PathBuf,
    writer: std::io::BufWriter<std::fs::File>,
    len: u64,
}

impl Appender {
    /// Create `path` empty, or, resuming, keep its first `keep` bytes.
    pub fn open(path: &Path, keep: Option<u64>) -> Result<Self> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(keep.is_none())
            .read(true)
            .write(true)
            .open(path)
            .with_context(|| format!("{}: cannot create", path.display()))?;
        let len = keep.unwrap_or(0);
        if let Some(k) = keep {
            let have = file.metadata()?.len();
            if have < k {
                bail!(
                    "{}: shorter ({have} bytes) than the journal says ({k}); run without --resume to start over",
                    path.display()
                );
            }
            file.set_len(k)?;
        }
        let mut writer = std::io::BufWriter::with_capacity(1 << 16, file);
        std::io::Seek::seek(&mut writer, std::io::SeekFrom::Start(len))?;
        Ok(Appender {
            path: path.to_path_buf(),
            writer,
            len,
        })
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        self.writer
            .write_all(bytes)
            .with_context(|| format!("{}: cannot write", self.path.display()))?;
        self.len += bytes.len() as u64;
        Ok(())
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Flush and sync; returns the length.
    pub fn sync(&mut self) -> Result<u64> {
        self.writer
            .flush()
            .and_then(|_| self.writer.get_ref().sync_data())
            .with_context(|| format!("{}: cannot write", self.path.display()))?;
        Ok(self.len)
    }

    /// The file, flushed, open for reading from the start.
    pub fn reader(&mut self) -> Result<std::fs::File> {
        self.writer.flush()?;
        std::fs::File::open(&self.path)
            .with_context(|| format!("{}: cannot read", self.path.display()))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> RunKey {
        RunKey {
            version: "v".into(),
            inputs: "i".into(),
            model: "m".into(),
            chunk_articles: 2,
            align_threshold: 0.8,
            shard: None,
        }
    }

    fn cp(entries: u64) -> Checkpoint {
        Checkpoint {
            entries,
            skipped: 0,
            lengths: [("claims.csv".to_string(), entries * 10)].into(),
            dim: 3,
            docs: vec![DocSummary {
                id: format!("a{entries}"),
                outlet: "TASS".into(),
                title: String::new(),
                sentences: vec![SentenceSummary(
                    true,
                    1,
                    0.25f32.to_bits(),
                    0.5f32.to_bits(),
                    false,
                )],
                ordinal: entries,
                csv_bytes: 10,
                removed_bytes: 0,
            }],
            skips: vec![],
        }
    }

    /// Checkpoints come back in order; a line cut short by a kill is
    /// dropped (and cut off the file); another run's journal is refused.
    #[test]
    fn replay_keeps_whole_lines_and_refuses_another_run() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = Journal::start(dir.path(), &key()).unwrap();
        j.record(&cp(2)).unwrap();
        j.record(&cp(4)).unwrap();
        drop(j);
        let path = dir.path().join(CHUNKS);
        let whole = std::fs::read(&path).unwrap();
        let mut torn = whole.clone();
        torn.extend_from_slice(b"{\"entries\":6,\"skip");
        std::fs::write(&path, &torn).unwrap();
        let mut seen = Vec::new();
        let (mut j, last) = Journal::resume(dir.path(), &key(), |c| {
            seen.push(c.entries);
            Ok(())
        })
        .unwrap()
        .unwrap();
        assert_eq!(seen, [2, 4]);
        assert_eq!(last.unwrap().lengths["claims.csv"], 40);
        assert_eq!(std::fs::read(&path).unwrap(), whole);
        j.record(&cp(6)).unwrap();
        let mut n = 0;
        Journal::resume(dir.path(), &key(), |_| {
            n += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(n, 3);
        let rows = cp(2).docs[0].claim_rows();
        assert_eq!((rows[0].stance.as_str(), rows[0].p_pro), ("critical", 0.25));
        let mut other = key();
        other.model = "other".into();
        let e = Journal::resume(dir.path(), &other, |_| Ok(()))
            .err()
            .unwrap();
        assert!(e.to_string().contains("another model"), "{e}");
        assert!(
            Journal::resume(&dir.path().join("none"), &key(), |_| Ok(()))
                .unwrap()
                .is_none()
        );
    }
}
