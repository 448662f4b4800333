//! Labelled data: the annotation files in data/ (codebook labels).
//!
//! In: CSV files with at least `text` and `stance`; optionally `article_id`,
//! `is_claim`, `attribution`, `speaker_kind`, `is_heading`. Out:
//! [`Example`]s. Rows without an `article_id` column belong to the group
//! named after the file (for example the written-for-training file), which
//! leave-one-article-out never holds out.

use crate::metrics::{cohen_kappa, evaluate, Report};
use anyhow::{anyhow, bail, Context, Result};
use std::path::Path;

pub use crate::document::STANCE_LABELS;

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

/// Two annotation files of the same sentences, row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct Pairing {
    /// (row in the first file, row in the second) for each sentence in both
    pub pairs: Vec<(usize, usize)>,
    /// rows of the first file with no partner in the second
    pub only_a: Vec<usize>,
    /// rows of the second file with no partner in the first
    pub only_b: Vec<usize>,
}

/// Pair the rows of two annotation files: by article and sentence index when
/// both rows have them, else by exact text. Each row pairs at most once;
/// rows left over are listed, not dropped.
pub fn pair(a: &[Example], b: &[Example]) -> Pairing {
    use std::collections::HashMap;
    let key = |e: &Example| match (e.is_article, e.sentence_idx) {
        (true, Some(i)) => format!("{}\u{1f}{i}", e.group),
        _ => format!("\u{1e}{}", e.text),
    };
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, e) in b.iter().enumerate().rev() {
        index.entry(key(e)).or_default().push(j);
    }
    let mut used = vec![false; b.len()];
    let mut pairs = Vec::new();
    let mut only_a = Vec::new();
    for (i, e) in a.iter().enumerate() {
        match index.get_mut(&key(e)).and_then(|v| v.pop()) {
            Some(j) => {
                used[j] = true;
                pairs.push((i, j));
            }
            None => only_a.push(i),
        }
    }
    let only_b = (0..b.len()).filter(|&j| !used[j]).collect();
    Pairing {
        pairs,
        only_a,
        only_b,
    }
}

/// How far two annotation files of the same sentences agree.
#[derive(Debug, Clone)]
pub struct Agreement {
    pub pairing: Pairing,
    /// stance over the sentences both files call claims, the first file as
    /// reference (its `accuracy` is the share of agreeing labels)
    pub stance: Report,
    pub stance_kappa: f64,
    /// is_claim over every paired sentence
    pub claim: Report,
    pub claim_kappa: f64,
}

/// Pair two annotation files ([`pair`]) and compare their labels.
pub fn agreement(a: &[Example], b: &[Example]) -> Agreement {
    let pairing = pair(a, b);
    let (sa, sb): (Vec<usize>, Vec<usize>) = pairing
        .pairs
        .iter()
        .filter(|&&(i, j)| a[i].is_claim && b[j].is_claim)
        .map(|&(i, j)| (a[i].stance, b[j].stance))
        .unzip();
    let (ca, cb): (Vec<usize>, Vec<usize>) = pairing
        .pairs
        .iter()
        .map(|&(i, j)| (a[i].is_claim as usize, b[j].is_claim as usize))
        .unzip();
    Agreement {
        stance: evaluate(&sa, &sb, &STANCE_LABELS),
        stance_kappa: cohen_kappa(&sa, &sb, STANCE_LABELS.len()),
        claim: evaluate(&ca, &cb, &["no", "yes"]),
        claim_kappa: cohen_kappa(&ca, &cb, 2),
        pairing,
    }
}

impl Agreement {
    /// A plain-text summary for the terminal.
    pub fn to_text(&self, name_a: &str, name_b: &str) -> String {
        let p = &self.pairing;
        format!(
            "{} paired rows of {name_a} and {name_b}, {} only in the first, {} only in the second\n\
             stance over {} sentences both files call claims: agreement {:.3}, Cohen's kappa {:.3}\n\
             (the first file as reference, the second as predictions)\n{}\n\
             is_claim over {} paired rows: agreement {:.3}, Cohen's kappa {:.3}\n",
            p.pairs.len(),
            p.only_a.len(),
            p.only_b.len(),
            self.stance.n,
            self.stance.accuracy,
            self.stance_kappa,
            self.stance.to_text(),
            self.claim.n,
            self.claim.accuracy,
            self.claim_kappa,
        )
    }
}

/// Read several files, in order.
pub fn read_all(paths: &[impl AsRef<Path>]) -> Result<Vec<Example>> {
    let mut all = Vec::new();
    for p in paths {
        all.extend(read(p.as_ref())?);
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(group: &str, idx: Option<usize>, text: &str, stance: usize) -> Example {
        Example {
            group: group.into(),
            is_article: idx.is_some(),
            sentence_idx: idx,
            text: text.into(),
            is_heading: false,
            is_furniture: false,
            is_claim: true,
            stance,
            attribution: "author".into(),
            speaker_kind: "author".into(),
        }
    }

    #[test]
    fn pairs_by_article_and_index_then_by_text() {
        let a = vec![
            ex("art1", Some(0), "The treaty was signed in 1992.", 2),
            ex("art1", Some(1), "The bloc is poised to shrink.", 1),
            ex("written", None, "The alliance keeps the region calm.", 0),
            ex("art2", Some(4), "Only in the first file.", 2),
        ];
        // second file: other order, one text edited (still pairs by index),
        // one row of its own
        let b = vec![
            ex("written", None, "The alliance keeps the region calm.", 0),
            ex("art1", Some(1), "The bloc is poised to shrink!", 1),
            ex("art1", Some(0), "The treaty was signed in 1992.", 2),
            ex("art3", Some(0), "Only in the second file.", 2),
        ];
        let p = pair(&a, &b);
        assert_eq!(p.pairs, vec![(0, 2), (1, 1), (2, 0)]);
        assert_eq!(p.only_a, vec![3]);
        assert_eq!(p.only_b, vec![3]);
    }

    #[test]
    fn reads_both_seed_annotation_passes_and_they_pair_completely() {
        let first = read(Path::new("data/seed_annotations.csv")).unwrap();
        let second = read(Path::new("data/seed_annotations_pass2.csv")).unwrap();
        let claims: Vec<Example> = first.into_iter().filter(|e| e.is_claim).collect();
        let p = pair(&claims, &second);
        assert_eq!(p.pairs.len(), claims.len());
        assert!(p.only_a.is_empty() && p.only_b.is_empty());
        for &(i, j) in &p.pairs {
            assert_eq!(claims[i].text, second[j].text);
        }
    }
}
