//! Labelled data: the annotation files in data/ (codebook labels).
//!
//! In: CSV files with at least `text` and `stance`; optionally `article_id`,
//! `is_claim`, `attribution`, `speaker_kind`, `is_heading`. Out:
//! [`Example`]s. Rows without an `article_id` column belong to the group
//! named after the file (for example the written-for-training file), which
//! leave-one-article-out never holds out.

use anyhow::{anyhow, bail, Context, Result};
use std::path::Path;

pub const STANCE_LABELS: [&str; 3] = ["pro", "critical", "neutral"];

/// Index of a stance label in [`STANCE_LABELS`].
pub fn stance_index(s: &str) -> Option<usize> {
    STANCE_LABELS.iter().position(|l| *l == s.trim())
}

#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// the article the sentence comes from, or the file's group
    pub group: String,
    /// true when the group is a real article (held out in cross-validation)
    pub is_article: bool,
    pub sentence_idx: Option<usize>,
    pub text: String,
    pub is_heading: bool,
    /// cleaning removed it as page furniture (the `furniture` column names why)
    pub is_furniture: bool,
    pub is_claim: bool,
    pub stance: usize,
    pub attribution: String,
    pub speaker_kind: String,
}

fn yes(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "yes" | "true" | "1" => Some(true),
        "no" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// Read one annotation CSV. Errors name the file and the line.
pub fn read(path: &Path) -> Result<Vec<Example>> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let text = crate::ingest::decode(&bytes).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .with_context(|| format!("{}: line 1: no header row", path.display()))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(c_text), Some(c_stance)) = (col("text"), col("stance")) else {
        bail!(
            "{}: line 1: needs 'text' and 'stance' columns",
            path.display()
        );
    };
    let c_article = col("article_id");
    let c_idx = col("sentence_idx");
    let c_claim = col("is_claim");
    let c_attr = col("attribution");
    let c_kind = col("speaker_kind");
    let c_head = col("is_heading");
    let c_furn = col("furniture");
    let group_of_file = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            anyhow!("{}: line {line}: malformed CSV: {e}", path.display())
        })?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let get = |c: Option<usize>| c.and_then(|i| rec.get(i)).unwrap_or("").to_string();
        let stance_s = get(Some(c_stance));
        let stance = stance_index(&stance_s).ok_or_else(|| {
            anyhow!(
                "{}: line {line}: stance {stance_s:?} is not one of pro, critical, neutral",
                path.display()
            )
        })?;
        let is_claim = match c_claim {
            Some(_) => yes(&get(c_claim)).ok_or_else(|| {
                anyhow!(
                    "{}: line {line}: is_claim must be yes or no",
                    path.display()
                )
            })?,
            None => true,
        };
        let (group, is_article) = match c_article {
            Some(_) => (get(c_article), true),
            None => (group_of_file.clone(), false),
        };
        out.push(Example {
            group,
            is_article,
            sentence_idx: get(c_idx).parse().ok(),
            text: get(Some(c_text)),
            is_heading: yes(&get(c_head)).unwrap_or(false),
            is_furniture: !get(c_furn).trim().is_empty(),
            is_claim,
            stance,
            attribution: {
                let a = get(c_attr);
                if a.is_empty() {
                    "author".into()
                } else {
                    a
                }
            },
            speaker_kind: {
                let k = get(c_kind);
                if k.is_empty() {
                    "author".into()
                } else {
                    k
                }
            },
        });
    }
    Ok(out)
}

/// Read several files, in order.
pub fn read_all(paths: &[impl AsRef<Path>]) -> Result<Vec<Example>> {
    let mut all = Vec::new();
    for p in paths {
        all.extend(read(p.as_ref())?);
    }
    Ok(all)
}
