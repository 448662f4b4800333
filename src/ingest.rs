//! Stage 1 — ingest.
//!
//! In: paths on the command line (text files, directories searched
//! recursively for .txt and .md, JSONL or CSV files with one article per
//! row) and an optional manifest CSV that attaches metadata to text files by
//! file name. Out: [`Article`]s with stable ids and decoded text (UTF-8, BOM
//! removed, CRLF turned into LF; all offsets downstream refer to this text),
//! plus a [`Skipped`] entry for every input that could not be read.

use anyhow::{anyhow, bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One article and its metadata.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Article {
    pub id: String,
    /// where it came from: a path, or "path:line" for a row of a JSONL/CSV file
    pub source: String,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub text: String,
}

/// An input, or a piece of one, that was left out, and why.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Skipped {
    /// file, or file:line
    pub source: String,
    pub article_id: String,
    /// the sentence index, when a single sentence was left out
    pub sentence_idx: Option<usize>,
    pub reason: String,
    pub text: String,
}

/// Metadata for one text file, keyed by file name in the manifest.
#[derive(Debug, Clone, Default, Deserialize)]
struct ManifestRow {
    file: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// A row of a JSONL or CSV corpus.
#[derive(Debug, Clone, Default, Deserialize)]
struct Row {
    #[serde(default, deserialize_with = "de_opt_string")]
    id: Option<String>,
    text: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// ids may be numbers in JSONL
fn de_opt_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    Ok(match v {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    })
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|x| x.trim().to_string()).filter(|x| !x.is_empty())
}

/// What was read: the articles, in input order, and what was skipped.
#[derive(Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub skipped: Vec<Skipped>,
}

/// Decode bytes as UTF-8 text: a BOM is dropped, CRLF becomes LF. Errors
/// name the byte offset and line of the first bad byte.
pub fn decode(bytes: &[u8]) -> std::result::Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(format!(
            "not a text file (NUL byte at offset {pos}, line {line})"
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.replace("\r\n", "\n")),
        Err(e) => {
            let pos = e.valid_up_to();
            let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(format!("not valid UTF-8 (byte offset {pos}, line {line})"))
        }
    }
}

/// Read a manifest CSV (columns: file, and any of id, outlet, title,
/// author, published, url). A malformed manifest is an error: the run
/// cannot attach metadata it cannot read.
fn read_manifest(path: &Path) -> Result<BTreeMap<String, ManifestRow>> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(path)
        .with_context(|| format!("{}: cannot read manifest", path.display()))?;
    let headers = rdr
        .headers()
        .with_context(|| format!("{}: no header row", path.display()))?
        .clone();
    if !headers.iter().any(|h| h == "file") {
        bail!("{}: line 1: manifest needs a 'file' column", path.display());
    }
    let mut out = BTreeMap::new();
    for (i, rec) in rdr.deserialize::<ManifestRow>().enumerate() {
        let row = rec.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(i as u64 + 2);
            anyhow!(
                "{}: line {line}: malformed manifest row: {e}",
                path.display()
            )
        })?;
        out.insert(row.file.clone(), row);
    }
    Ok(out)
}

fn is_text_ext(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("txt" | "md")
    )
}

/// README.md / README.txt in a corpus directory documents the corpus.
fn is_readme(p: &Path) -> bool {
    p.file_stem()
        .is_some_and(|s| s.to_string_lossy().eq_ignore_ascii_case("readme"))
}

fn ext(p: &Path) -> String {
    p.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Files under a directory, recursively, sorted for a stable order.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read directory", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if is_text_ext(&p) {
            out.push(p);
        }
    }
    Ok(())
}

/// Read every input. A path that does not exist, or a malformed manifest,
/// is an error; an unreadable or non-text file, a malformed row and an empty
/// article are skipped and reported, and the run goes on.
pub fn load(inputs: &[PathBuf], manifest: Option<&Path>) -> Result<Corpus> {
    let manifest = match manifest {
        Some(m) => read_manifest(m)?,
        None => BTreeMap::new(),
    };
    let mut corpus = Corpus::default();
    for input in inputs {
        if !input.exists() {
            bail!("{}: no such file or directory", input.display());
        }
        if input.is_dir() {
            let mut files = Vec::new();
            walk(input, &mut files)?;
            for f in files {
                if is_readme(&f) {
                    skip(
                        &mut corpus,
                        f.display().to_string(),
                        String::new(),
                        "README file in a directory of articles: not read as an article".into(),
                    );
                    continue;
                }
                let rel = f.strip_prefix(input).unwrap_or(&f).with_extension("");
                let id = rel.to_string_lossy().replace('\\', "/");
                load_text_file(&f, id, &manifest, &mut corpus);
            }
        } else {
            match ext(input).as_str() {
                "jsonl" | "ndjson" => load_jsonl(input, &mut corpus)?,
                "csv" => load_csv(input, &mut corpus)?,
                _ => {
                    let id = input
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_else(|| input.display().to_string());
                    load_text_file(input, id, &manifest, &mut corpus);
                }
            }
        }
    }
    dedupe_ids(&mut corpus.articles);
    Ok(corpus)
}

fn dedupe_ids(articles: &mut [Article]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for a in articles.iter_mut() {
        let n = seen.entry(a.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            a.id = format!("{}#{}", a.id, n);
        }
    }
}

fn skip(corpus: &mut Corpus, source: String, id: String, reason: String) {
    corpus.skipped.push(Skipped {
        source,
        article_id: id,
        sentence_idx: None,
        reason,
        text: String::new(),
    });
}

fn load_text_file(
    path: &Path,
    id: String,
    manifest: &BTreeMap<String, ManifestRow>,
    corpus: &mut Corpus,
) {
    let source = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return skip(corpus, source, id, format!("unreadable file: {e}")),
    };
    let text = match decode(&bytes) {
        Ok(t) => t,
        Err(e) => return skip(corpus, source, id, e),
    };
    if text.trim().is_empty() {
        return skip(corpus, source, id, "empty article".into());
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = manifest.get(&name).cloned().unwrap_or_default();
    corpus.articles.push(Article {
        id: non_empty(meta.id).unwrap_or(id),
        source,
        outlet: non_empty(meta.outlet),
        title: non_empty(meta.title),
        author: non_empty(meta.author),
        published: non_empty(meta.published),
        url: non_empty(meta.url),
        text,
    });
}

fn push_row(row: Row, source: String, fallback_id: String, corpus: &mut Corpus) {
    let id = non_empty(row.id).unwrap_or(fallback_id);
    let text = row.text.map(|t| {
        t.strip_prefix('\u{feff}')
            .unwrap_or(&t)
            .replace("\r\n", "\n")
    });
    match text {
        None => skip(corpus, source, id, "row has no 'text' field".into()),
        Some(t) if t.trim().is_empty() => skip(corpus, source, id, "empty article".into()),
        Some(t) => corpus.articles.push(Article {
            id,
            source,
            outlet: non_empty(row.outlet),
            title: non_empty(row.title),
            author: non_empty(row.author),
            published: non_empty(row.published),
            url: non_empty(row.url),
            text: t,
        }),
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn load_jsonl(path: &Path, corpus: &mut Corpus) -> Result<()> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let text = match decode(&bytes) {
        Ok(t) => t,
        Err(e) => {
            skip(corpus, path.display().to_string(), stem(path), e);
            return Ok(());
        }
    };
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let source = format!("{}:{lineno}", path.display());
        let fallback = format!("{}:{lineno}", stem(path));
        match serde_json::from_str::<Row>(line) {
            Ok(row) => push_row(row, source, fallback, corpus),
            Err(e) => skip(corpus, source, fallback, format!("malformed JSON: {e}")),
        }
    }
    Ok(())
}

fn load_csv(path: &Path, corpus: &mut Corpus) -> Result<()> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let text = match decode(&bytes) {
        Ok(t) => t,
        Err(e) => {
            skip(corpus, path.display().to_string(), stem(path), e);
            return Ok(());
        }
    };
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| {
            anyhow!(
                "{}: line 1: cannot read the header row: {e}",
                path.display()
            )
        })?
        .clone();
    if !headers.iter().any(|h| h == "text") {
        bail!(
            "{}: line 1: a corpus CSV needs a 'text' column",
            path.display()
        );
    }
    let mut rec = csv::StringRecord::new();
    loop {
        let line = rdr.position().line();
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {
                let lineno = rec.position().map(|p| p.line()).unwrap_or(line);
                let source = format!("{}:{lineno}", path.display());
                let fallback = format!("{}:{lineno}", stem(path));
                match rec.deserialize::<Row>(Some(&headers)) {
                    Ok(row) => push_row(row, source, fallback, corpus),
                    Err(e) => skip(corpus, source, fallback, format!("malformed CSV row: {e}")),
                }
            }
            Err(e) => {
                let lineno = e.position().map(|p| p.line()).unwrap_or(line);
                skip(
                    corpus,
                    format!("{}:{lineno}", path.display()),
                    format!("{}:{lineno}", stem(path)),
                    format!("malformed CSV row: {e}"),
                );
                // a broken quote can swallow the rest of the file: stop here
                if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    break;
                }
            }
        }
    }
    Ok(())
}

/// The text of `file`, or of standard input when there is none, decoded as
/// [`decode`] does; errors name the file ("<stdin>" for standard input).
pub fn read_text(file: Option<&Path>) -> anyhow::Result<String> {
    use anyhow::Context;
    use std::io::Read;
    let bytes = match file {
        Some(p) => std::fs::read(p).with_context(|| format!("{}: cannot read", p.display()))?,
        None => {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .context("cannot read stdin")?;
            b
        }
    };
    decode(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", input_name(file)))
}

fn input_name(file: Option<&Path>) -> String {
    file.map(|p| p.display().to_string())
        .unwrap_or_else(|| "<stdin>".into())
}

/// Sentences given one a line, or as JSONL with a "text" field (when
/// `jsonl`, or when the file ends in .jsonl or .ndjson); an empty line stays
/// an empty sentence. Errors name the file and the line.
pub fn read_sentence_lines(file: Option<&Path>, jsonl: bool) -> anyhow::Result<Vec<String>> {
    let text = read_text(file)?;
    let name = input_name(file);
    let jsonl =
        jsonl || file.is_some_and(|p| p.extension().is_some_and(|e| e == "jsonl" || e == "ndjson"));
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if !jsonl {
            out.push(line.to_string());
            continue;
        }
        if line.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| anyhow::anyhow!("{name}: line {}: malformed JSON: {e}", i + 1))?;
        let t = v
            .get("text")
            .and_then(|t| t.as_str())
            .ok_or_else(|| anyhow::anyhow!("{name}: line {}: no string field \"text\"", i + 1))?;
        out.push(t.to_string());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_bom_crlf_and_bad_bytes() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb").unwrap(), "a\nb");
        let e = decode(b"ok\nbad \xff here").unwrap_err();
        assert!(e.contains("line 2"), "{e}");
        assert!(decode(b"\x00\x01").unwrap_err().contains("NUL"));
    }
}
