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
pub struct ManifestRow {
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

/// The most text one article may hold; a longer one (a whole book, a data
/// dump, a page with no line breaks) is skipped with this reason instead
/// of taking memory out of proportion (the stages downstream keep several
/// copies of an article's text and per-character tables).
pub const MAX_ARTICLE_BYTES: usize = 2 << 20;

fn too_long(n: usize) -> String {
    format!(
        "article of {:.1} MB, over the {} MB limit for one article: not read (split it into articles, one file or row each)",
        n as f64 / (1 << 20) as f64,
        MAX_ARTICLE_BYTES >> 20
    )
}

/// Decode bytes as text: UTF-8 (a BOM is dropped) or UTF-16 with a
/// byte-order mark; CRLF becomes LF. Errors name the byte offset and line
/// of the first bad byte and say how to convert the file.
pub fn decode(bytes: &[u8]) -> std::result::Result<String, String> {
    if let Some(t) = decode_utf16(bytes) {
        return t.map(|t| t.replace("\r\n", "\n"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
        let zeros_at = |parity: usize| {
            bytes
                .iter()
                .enumerate()
                .take(4096)
                .filter(|(i, &b)| b == 0 && i % 2 == parity)
                .count()
        };
        let sample = bytes.len().min(4096) / 2;
        for (parity, name) in [(1, "UTF-16LE"), (0, "UTF-16BE")] {
            if sample > 0 && zeros_at(parity) * 2 > sample {
                return Err(format!(
                    "looks like {name} text without a byte-order mark: convert it to UTF-8 (iconv -f {name} -t UTF-8 FILE > NEW)"
                ));
            }
        }
        return Err(format!(
            "not a text file (NUL byte at offset {pos}, line {line}): give text files, or JSONL/CSV corpora"
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.replace("\r\n", "\n")),
        Err(e) => {
            let pos = e.valid_up_to();
            let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(format!(
                "not valid UTF-8 (byte offset {pos}, line {line}): convert it to UTF-8 (for example iconv -f WINDOWS-1252 -t UTF-8 FILE > NEW, naming its real encoding)"
            ))
        }
    }
}

/// UTF-16 text with a byte-order mark, decoded; `None` without a mark.
fn decode_utf16(bytes: &[u8]) -> Option<std::result::Result<String, String>> {
    let le = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let body = &bytes[2..];
    if body.len() % 2 == 1 {
        return Some(Err(format!(
            "UTF-16 text ({}) with an odd number of bytes ({}): the file is cut short",
            if le { "little-endian" } else { "big-endian" },
            bytes.len()
        )));
    }
    let units = body.chunks_exact(2).map(|c| {
        if le {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    let mut out = String::with_capacity(body.len() / 2);
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok('\0') => {
                return Some(Err(format!(
                    "not a text file (NUL character in UTF-16 text at byte offset {})",
                    2 + 2 * i
                )))
            }
            Ok(c) => out.push(c),
            Err(_) => {
                return Some(Err(format!(
                    "UTF-16 text with a broken surrogate pair at byte offset {}: convert it to UTF-8 with a tool that reports the error",
                    2 + 2 * i
                )))
            }
        }
    }
    Some(Ok(out))
}

/// Read a manifest CSV (columns: file, and any of id, outlet, title,
/// author, published, url). A malformed manifest is an error: the run
/// cannot attach metadata it cannot read.
fn read_manifest(path: &Path) -> Result<BTreeMap<String, ManifestRow>> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("{}: cannot read manifest", path.display()))?;
    parse_manifest(file, path)
}

/// A manifest read from `input`; errors name `name` and the line.
pub fn parse_manifest(
    input: impl std::io::Read,
    name: &Path,
) -> Result<BTreeMap<String, ManifestRow>> {
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(input);
    let headers = rdr
        .headers()
        .with_context(|| format!("{}: line 1: cannot read the header row", name.display()))?
        .clone();
    if !headers
        .iter()
        .any(|h| h.trim_start_matches('\u{feff}') == "file")
    {
        bail!(
            "{}: line 1: a manifest needs a 'file' column (the file name of each article, beside id, outlet, title, author, published, url)",
            name.display()
        );
    }
    let headers = without_bom(&headers);
    let mut out = BTreeMap::new();
    let mut rec = csv::StringRecord::new();
    loop {
        let line = rdr.position().line();
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(line);
                bail!(
                    "{}: line {line}: malformed manifest row: {e} (fix the row: quote fields that hold commas)",
                    name.display()
                )
            }
        }
        let row: ManifestRow = rec.deserialize(Some(&headers)).map_err(|e| {
            anyhow!(
                "{}: line {}: malformed manifest row: {e}",
                name.display(),
                rec.position().map(|p| p.line()).unwrap_or(line)
            )
        })?;
        out.insert(row.file.clone(), row);
    }
    Ok(out)
}

/// A header row with a byte-order mark before its first name removed.
fn without_bom(headers: &csv::StringRecord) -> csv::StringRecord {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if i == 0 {
                h.trim_start_matches('\u{feff}')
            } else {
                h
            }
        })
        .collect()
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

/// The text files under a directory, recursively, sorted for a stable
/// order (README files marked). A subdirectory that cannot be read, a
/// directory reached a second time (a symbolic link back up the tree), a
/// file reached a second time and anything that is not a regular file (a
/// pipe, a device) are left out with a reason instead of stopping or
/// hanging the run.
fn walk(
    dir: &Path,
    root: &Path,
    out: &mut Vec<Source>,
    seen_dirs: &mut std::collections::HashSet<PathBuf>,
    seen_files: &mut std::collections::HashMap<PathBuf, PathBuf>,
) {
    if let Ok(c) = dir.canonicalize() {
        if !seen_dirs.insert(c) {
            out.push(Source::Skip {
                source: dir.display().to_string(),
                reason: "directory already read (a symbolic link back into the tree): read once"
                    .into(),
            });
            return;
        }
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            out.push(Source::Skip {
                source: dir.display().to_string(),
                reason: format!("cannot read directory: {e} (check its permissions)"),
            });
            return;
        }
    };
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, root, out, seen_dirs, seen_files);
        } else if is_text_ext(&p) {
            if is_readme(&p) {
                out.push(Source::Readme(p));
                continue;
            }
            let rel = p.strip_prefix(root).unwrap_or(&p).with_extension("");
            let id = rel.to_string_lossy().replace('\\', "/");
            out.push(file_source(
                p,
                Source::Text {
                    path: PathBuf::new(),
                    id,
                },
                seen_files,
            ));
        }
    }
}

/// `source` for the file at `path`, or a skip when it is not a regular file
/// or is a file already read under another name.
fn file_source(
    path: PathBuf,
    source: Source,
    seen_files: &mut std::collections::HashMap<PathBuf, PathBuf>,
) -> Source {
    match std::fs::metadata(&path) {
        Ok(m) if !m.is_file() => {
            return Source::Skip {
                source: path.display().to_string(),
                reason: "not a regular file (a pipe, socket or device): not read".into(),
            }
        }
        _ => {}
    }
    if let Ok(c) = path.canonicalize() {
        if let Some(first) = seen_files.get(&c) {
            return Source::Skip {
                source: path.display().to_string(),
                reason: format!("the same file as {}: read once", first.display()),
            };
        }
        seen_files.insert(c, path.clone());
    }
    match source {
        Source::Text { id, .. } => Source::Text { path, id },
        Source::Jsonl(_) => Source::Jsonl(path),
        Source::Csv(_) => Source::Csv(path),
        other => other,
    }
}

/// Read every input into memory (for small corpora, tests and the scorers;
/// `analyze` reads through a [`Reader`]). A path that does not exist, or a
/// malformed manifest, is an error; an unreadable or non-text file, a
/// malformed row and an empty article are skipped and reported.
pub fn load(inputs: &[PathBuf], manifest: Option<&Path>) -> Result<Corpus> {
    let mut corpus = Corpus::default();
    for entry in Reader::open(inputs, manifest)? {
        match entry? {
            Entry::Article(a) => corpus.articles.push(a),
            Entry::Skipped(s) => corpus.skipped.push(s),
        }
    }
    Ok(corpus)
}

/// What a [`Reader`] yields: an article, or an input left out and why.
#[derive(Debug, Clone)]
pub enum Entry {
    Article(Article),
    Skipped(Skipped),
}

/// One input to read: a text file (with its article id) or a corpus file.
enum Source {
    Text {
        path: PathBuf,
        id: String,
    },
    Readme(PathBuf),
    /// left out before reading, with the reason
    Skip {
        source: String,
        reason: String,
    },
    Jsonl(PathBuf),
    Csv(PathBuf),
}

/// The inputs read lazily, one article at a time: directories are walked
/// up front (paths only), text files are read when their turn comes, and
/// JSONL and CSV corpora row by row, so memory holds one article, not the
/// corpus. Articles come in the order of the inputs (a directory's files
/// sorted by path); an id seen before gets `#2`, `#3`, ... .
pub struct Reader {
    sources: std::collections::VecDeque<Source>,
    /// bytes of all inputs, and read so far (for progress)
    total_bytes: u64,
    read_bytes: std::rc::Rc<std::cell::Cell<u64>>,
    manifest: BTreeMap<String, ManifestRow>,
    rows: Option<Box<dyn Iterator<Item = Result<Entry>>>>,
    seen: std::collections::HashMap<String, usize>,
    fingerprint: String,
}

/// A hash of what a file is now: its path, size and modification time.
fn file_key(h: &mut u64, path: &Path) {
    let meta = std::fs::metadata(path).ok();
    let mtime = meta
        .as_ref()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let key = format!(
        "{}\0{}\0{mtime}\0",
        path.display(),
        meta.map_or(0, |m| m.len())
    );
    for b in key.bytes() {
        *h = (*h ^ b as u64).wrapping_mul(0x100_0000_01b3);
    }
}

impl Reader {
    /// List the inputs. A path that does not exist, a directory that cannot
    /// be read and a malformed manifest are errors here, before anything
    /// is read.
    pub fn open(inputs: &[PathBuf], manifest: Option<&Path>) -> Result<Self> {
        let manifest_path = manifest;
        let manifest = match manifest {
            Some(m) => read_manifest(m)?,
            None => BTreeMap::new(),
        };
        let mut sources = Vec::new();
        let (mut seen_dirs, mut seen_files) = Default::default();
        for input in inputs {
            if !input.exists() {
                bail!(
                    "{}: no such file or directory (check the path; inputs are files, directories, .jsonl or .csv corpora)",
                    input.display()
                );
            }
        }
        for input in inputs {
            if input.is_dir() {
                walk(input, input, &mut sources, &mut seen_dirs, &mut seen_files);
            } else {
                let source = match ext(input).as_str() {
                    "jsonl" | "ndjson" => Source::Jsonl(PathBuf::new()),
                    "csv" => Source::Csv(PathBuf::new()),
                    _ => Source::Text {
                        path: PathBuf::new(),
                        id: input
                            .file_stem()
                            .map(|s| s.to_string_lossy().into_owned())
                            .unwrap_or_else(|| input.display().to_string()),
                    },
                };
                sources.push(file_source(input.clone(), source, &mut seen_files));
            }
        }
        let sources: std::collections::VecDeque<Source> = sources.into();
        let total_bytes = sources
            .iter()
            .map(|s| match s {
                Source::Text { path, .. } | Source::Jsonl(path) | Source::Csv(path) => {
                    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
                }
                Source::Readme(_) | Source::Skip { .. } => 0,
            })
            .sum();
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        for s in &sources {
            match s {
                Source::Text { path, .. } | Source::Jsonl(path) | Source::Csv(path) => {
                    file_key(&mut h, path)
                }
                Source::Readme(_) | Source::Skip { .. } => {}
            }
        }
        if let Some(m) = manifest_path {
            file_key(&mut h, m);
        }
        Ok(Reader {
            sources,
            total_bytes,
            read_bytes: Default::default(),
            manifest,
            rows: None,
            seen: Default::default(),
            fingerprint: format!("{} inputs, {h:016x}", inputs.len()),
        })
    }

    /// What the inputs are now (the paths, sizes and modification times of
    /// every file to read, and the manifest): equal for the same inputs,
    /// different once a file is added, removed or changed.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Bytes of all inputs.
    pub fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    /// Bytes read so far.
    pub fn read_bytes(&self) -> u64 {
        self.read_bytes.get()
    }

    /// The rows of a corpus file (a skip when it cannot be opened).
    fn open_rows(&self, format: Format, path: &Path) -> Box<dyn Iterator<Item = Result<Entry>>> {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => {
                return Box::new(std::iter::once(Ok(skipped(
                    path.display().to_string(),
                    stem(path),
                    format!("unreadable file: {e} (check that it exists and its permissions)"),
                ))))
            }
        };
        let counter = self.read_bytes.clone();
        match format {
            Format::Jsonl => Box::new(jsonl_rows(path, Box::new(file), counter)),
            Format::Csv => csv_rows(path, Box::new(file), counter),
        }
    }

    /// The next entry before ids are made unique.
    fn next_raw(&mut self) -> Option<Result<Entry>> {
        loop {
            if let Some(rows) = self.rows.as_mut() {
                match rows.next() {
                    Some(e) => return Some(e),
                    None => self.rows = None,
                }
            }
            let source = self.sources.pop_front()?;
            match source {
                Source::Readme(f) => {
                    return Some(Ok(skipped(
                        f.display().to_string(),
                        String::new(),
                        "README file in a directory of articles: not read as an article".into(),
                    )))
                }
                Source::Skip { source, reason } => {
                    return Some(Ok(skipped(source, String::new(), reason)))
                }
                Source::Text { path, id } => {
                    let e = read_text_file(&path, id, &self.manifest);
                    let n = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                    self.read_bytes.set(self.read_bytes.get() + n);
                    return Some(Ok(e));
                }
                Source::Jsonl(path) => self.rows = Some(self.open_rows(Format::Jsonl, &path)),
                Source::Csv(path) => self.rows = Some(self.open_rows(Format::Csv, &path)),
            }
        }
    }
}

impl Iterator for Reader {
    type Item = Result<Entry>;

    fn next(&mut self) -> Option<Result<Entry>> {
        let mut entry = self.next_raw()?;
        if let Ok(Entry::Article(a)) = &mut entry {
            let n = self.seen.entry(a.id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                let id = format!("{}#{}", a.id, n);
                eprintln!(
                    "stancemap: warning: {}: article id {:?} is taken by an earlier article; this one is {:?} (give each article its own id)",
                    a.source, a.id, id
                );
                a.id = id;
            }
        }
        Some(entry)
    }
}

fn skipped(source: String, id: String, reason: String) -> Entry {
    Entry::Skipped(Skipped {
        source,
        article_id: id,
        sentence_idx: None,
        reason,
        text: String::new(),
    })
}

fn read_text_file(path: &Path, id: String, manifest: &BTreeMap<String, ManifestRow>) -> Entry {
    let source = path.display().to_string();
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_ARTICLE_BYTES as u64 {
        return skipped(source, id, too_long(size as usize));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return skipped(
                source,
                id,
                format!("unreadable file: {e} (check that it exists and its permissions)"),
            )
        }
    };
    let text = match decode(&bytes) {
        Ok(t) => t,
        Err(e) => return skipped(source, id, e),
    };
    if text.trim().is_empty() {
        return skipped(source, id, EMPTY.into());
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = manifest.get(&name).cloned().unwrap_or_default();
    Entry::Article(Article {
        id: non_empty(meta.id).unwrap_or(id),
        source,
        outlet: non_empty(meta.outlet),
        title: non_empty(meta.title),
        author: non_empty(meta.author),
        published: non_empty(meta.published),
        url: non_empty(meta.url),
        text,
    })
}

const EMPTY: &str =
    "empty article: no text to analyse (remove it, or check the export that made it)";

fn row_entry(row: Row, source: String, fallback_id: String) -> Entry {
    let id = non_empty(row.id).unwrap_or(fallback_id);
    let text = row.text.map(|t| {
        t.strip_prefix('\u{feff}')
            .unwrap_or(&t)
            .replace("\r\n", "\n")
    });
    match text {
        None => skipped(
            source,
            id,
            "row has no 'text' field (each row needs the article's text in a field named 'text')"
                .into(),
        ),
        Some(t) if t.trim().is_empty() => skipped(source, id, EMPTY.into()),
        Some(t) if t.len() > MAX_ARTICLE_BYTES => skipped(source, id, too_long(t.len())),
        Some(t) => Entry::Article(Article {
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

/// The two corpus formats: one article per row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// one JSON object a line, with a "text" field
    Jsonl,
    /// a header row naming a `text` column
    Csv,
}

/// The rows of a corpus read from `input`, one at a time; `name` is the
/// file they are named by in sources and messages. A row that cannot be
/// read is a [`Skipped`] entry naming the file and line, the rest are read;
/// an error (`Err`) only where the input itself cannot be read.
pub fn corpus_rows(
    format: Format,
    name: &Path,
    input: Box<dyn std::io::Read>,
) -> Box<dyn Iterator<Item = Result<Entry>>> {
    let counter = std::rc::Rc::new(std::cell::Cell::new(0));
    match format {
        Format::Jsonl => Box::new(jsonl_rows(name, input, counter)),
        Format::Csv => csv_rows(name, input, counter),
    }
}

/// Read up to and including the next newline into `buf`, keeping at most
/// `cap` bytes: past that, the rest of the line is read and dropped.
/// Returns the bytes read and whether the line was cut.
fn read_line_capped(
    reader: &mut impl std::io::BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<(usize, bool)> {
    let (mut n, mut cut) = (0, false);
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((n, cut));
        }
        let (used, end) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = cap.saturating_sub(buf.len());
        if used > room {
            cut = true;
        }
        if !cut {
            buf.extend_from_slice(&chunk[..used]);
        }
        reader.consume(used);
        n += used;
        if end {
            return Ok((n, cut));
        }
    }
}

/// A JSONL corpus, one row at a time. A line that is not UTF-8, not JSON,
/// not a JSON object or longer than an article may be is skipped (file and
/// line named); the rest are read.
fn jsonl_rows(
    path: &Path,
    input: Box<dyn std::io::Read>,
    read_bytes: std::rc::Rc<std::cell::Cell<u64>>,
) -> impl Iterator<Item = Result<Entry>> {
    let mut reader = std::io::BufReader::with_capacity(1 << 16, input);
    let path = path.to_path_buf();
    let mut lineno = 0usize;
    let mut buf = Vec::new();
    // room for the JSON around the longest text an article may have
    let cap = MAX_ARTICLE_BYTES + (64 << 10);
    std::iter::from_fn(move || loop {
        buf.clear();
        let cut = match read_line_capped(&mut reader, &mut buf, cap) {
            Ok((0, _)) => return None,
            Ok((n, cut)) => {
                read_bytes.set(read_bytes.get() + n as u64);
                cut
            }
            Err(e) => {
                return Some(Err(anyhow!(
                    "{}: line {}: cannot read: {e}",
                    path.display(),
                    lineno + 1
                )))
            }
        };
        lineno += 1;
        let source = format!("{}:{lineno}", path.display());
        let fallback = format!("{}:{lineno}", stem(&path));
        if cut {
            return Some(Ok(skipped(
                source,
                fallback,
                format!(
                    "line over {} MB: not read (one article a line, each under {} MB)",
                    cap >> 20,
                    MAX_ARTICLE_BYTES >> 20
                ),
            )));
        }
        let bytes = if lineno == 1 {
            buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf)
        } else {
            &buf[..]
        };
        let line = match std::str::from_utf8(bytes) {
            Ok(l) => l,
            Err(e) => {
                return Some(Ok(skipped(
                    source,
                    fallback,
                    format!(
                        "not valid UTF-8 (byte {} of the line): write the corpus as UTF-8",
                        e.valid_up_to()
                    ),
                )))
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let value = match serde_json::from_str::<serde_json::Value>(line) {
            Ok(v) => v,
            Err(e) => {
                return Some(Ok(skipped(
                    source,
                    fallback,
                    format!("malformed JSON: {e} (fix the line: one JSON object a line)"),
                )))
            }
        };
        if !value.is_object() {
            let kind = match value {
                serde_json::Value::Array(_) => "an array",
                serde_json::Value::String(_) => "a string",
                serde_json::Value::Number(_) => "a number",
                serde_json::Value::Bool(_) => "a boolean",
                _ => "null",
            };
            return Some(Ok(skipped(
                source,
                fallback,
                format!(
                    "the line is {kind}, not a JSON object: not read (write each article as {{\"id\": ..., \"text\": ...}})"
                ),
            )));
        }
        return Some(Ok(match serde_json::from_value::<Row>(value) {
            Ok(row) => row_entry(row, source, fallback),
            Err(e) => skipped(
                source,
                fallback,
                format!("malformed row: {e} (fields are strings; id may be a number)"),
            ),
        }));
    })
}

/// A reader that keeps the bytes read through it since they were last
/// dropped, so that the raw bytes of a CSV record can be checked.
struct Tee<R> {
    inner: R,
    kept: std::rc::Rc<std::cell::RefCell<Kept>>,
}

/// The bytes a [`Tee`] kept: those from stream offset `base` on.
#[derive(Default)]
struct Kept {
    base: u64,
    bytes: Vec<u8>,
}

impl Kept {
    /// The bytes from `start` to `end` (stream offsets); those before
    /// `end` are dropped.
    fn take(&mut self, start: u64, end: u64) -> Vec<u8> {
        let (a, b) = (
            (start.saturating_sub(self.base) as usize).min(self.bytes.len()),
            (end.saturating_sub(self.base) as usize).min(self.bytes.len()),
        );
        let raw = self.bytes[a..b.max(a)].to_vec();
        self.bytes.drain(..b);
        self.base = end;
        raw
    }
}

impl<R: std::io::Read> std::io::Read for Tee<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(out)?;
        self.kept.borrow_mut().bytes.extend_from_slice(&out[..n]);
        Ok(n)
    }
}

/// What is wrong with the quoting of one raw CSV record, if anything. The
/// csv reader is lenient: a quote inside a quoted field that is not
/// doubled ends the quoting there and the field runs on, so one broken
/// quote can swallow the rows after it into a field; a quoted field never
/// closed runs to the end of the file. Both are caught here.
fn quoting_error(raw: &[u8]) -> Option<&'static str> {
    let n = raw.len();
    let mut i = 0;
    loop {
        if i < n && raw[i] == b'"' {
            i += 1;
            loop {
                if i >= n {
                    return Some("a quoted field is never closed (it runs to the end of the file)");
                }
                if raw[i] == b'"' {
                    if raw.get(i + 1) == Some(&b'"') {
                        i += 2;
                        continue;
                    }
                    i += 1;
                    if i >= n || matches!(raw[i], b',' | b'\n' | b'\r') {
                        break;
                    }
                    return Some("a quote inside a quoted field is not doubled");
                }
                i += 1;
            }
        } else {
            while i < n && !matches!(raw[i], b',' | b'\n' | b'\r') {
                i += 1;
            }
        }
        if i >= n || matches!(raw[i], b'\n' | b'\r') {
            return None;
        }
        i += 1;
    }
}

/// A CSV corpus, one record at a time. A header with no `text` column
/// skips the file (the reason names its columns); a malformed or too long
/// record is skipped (file and line named), and so is a record whose
/// quoting is broken, with the rows it swallowed (its line range named).
fn csv_rows(
    path: &Path,
    input: Box<dyn std::io::Read>,
    read_bytes: std::rc::Rc<std::cell::Cell<u64>>,
) -> Box<dyn Iterator<Item = Result<Entry>>> {
    let kept = std::rc::Rc::new(std::cell::RefCell::new(Kept::default()));
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .buffer_capacity(1 << 16)
        .from_reader(Tee {
            inner: input,
            kept: kept.clone(),
        });
    let skip_file = |reason: String| -> Box<dyn Iterator<Item = Result<Entry>>> {
        Box::new(std::iter::once(Ok(skipped(
            path.display().to_string(),
            stem(path),
            reason,
        ))))
    };
    let headers = match rdr.headers() {
        Ok(h) => without_bom(h),
        Err(e) if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) => {
            return skip_file(format!(
                "not valid UTF-8 in the header row: {e} (write the corpus as UTF-8)"
            ))
        }
        Err(e) => {
            return Box::new(std::iter::once(Err(anyhow!(
                "{}: line 1: cannot read the header row: {e}",
                path.display()
            ))))
        }
    };
    if !headers.iter().any(|h| h == "text") {
        let names: Vec<&str> = headers.iter().take(8).collect();
        return skip_file(format!(
            "a corpus CSV needs a 'text' column; line 1 names {names:?}: not read (rename the column that holds the articles' text to 'text')"
        ));
    }
    let path = path.to_path_buf();
    let mut rec = csv::StringRecord::new();
    let mut done = false;
    let mut last_byte = rdr.position().byte();
    kept.borrow_mut().take(0, last_byte);
    Box::new(std::iter::from_fn(move || {
        if done {
            return None;
        }
        let line = rdr.position().line();
        let result = rdr.read_record(&mut rec);
        let end = rdr.position().byte();
        read_bytes.set(read_bytes.get() + end - last_byte);
        let raw = kept.borrow_mut().take(last_byte, end);
        last_byte = end;
        Some(Ok(match result {
            Ok(false) => return None,
            Ok(true) => {
                let lineno = rec.position().map(|p| p.line()).unwrap_or(line);
                let source = format!("{}:{lineno}", path.display());
                let fallback = format!("{}:{lineno}", stem(&path));
                if let Some(what) = quoting_error(&raw) {
                    let last = lineno + raw.iter().filter(|&&b| b == b'\n').count() as u64;
                    let lines = if last > lineno + 1 {
                        format!("lines {lineno}-{}", last - 1)
                    } else {
                        format!("line {lineno}")
                    };
                    skipped(
                        source,
                        fallback,
                        format!(
                            "malformed CSV row: {what}, so the row's field may hold the rows after it ({lines} not read; double every quote inside a quoted field)"
                        ),
                    )
                } else if rec.as_slice().len() > MAX_ARTICLE_BYTES + (64 << 10) {
                    skipped(source, fallback, too_long(rec.as_slice().len()))
                } else {
                    match rec.deserialize::<Row>(Some(&headers)) {
                        Ok(row) => row_entry(row, source, fallback),
                        Err(e) => skipped(source, fallback, format!("malformed CSV row: {e}")),
                    }
                }
            }
            Err(e) => {
                let lineno = e.position().map(|p| p.line()).unwrap_or(line);
                // a broken quote can swallow the rest of the file: stop here
                let hint = if matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    "a row needs as many fields as the header: quote fields that hold commas"
                } else {
                    done = !matches!(e.kind(), csv::ErrorKind::Utf8 { .. });
                    "the rest of the file is not read"
                };
                let reason = if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    format!("not valid UTF-8: {e} (write the corpus as UTF-8)")
                } else {
                    format!("malformed CSV row: {e} ({hint})")
                };
                skipped(
                    format!("{}:{lineno}", path.display()),
                    format!("{}:{lineno}", stem(&path)),
                    reason,
                )
            }
        }))
    }))
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
    fn quoting_errors_are_found_in_raw_records() {
        assert_eq!(quoting_error(b"a,\"b, \"\"c\"\"\",d\n"), None);
        assert_eq!(quoting_error(b"a,He said \"no\",d\r\n"), None);
        assert_eq!(quoting_error(b"a,\"x\ny\"\n"), None);
        assert!(quoting_error(b"a,\"x\nb,c,\"y\"\n").is_some());
        assert!(quoting_error(b"a,\"never closed\nb,c\n").is_some());
    }

    #[test]
    fn decode_bom_crlf_and_bad_bytes() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb").unwrap(), "a\nb");
        let e = decode(b"ok\nbad \xff here").unwrap_err();
        assert!(e.contains("line 2"), "{e}");
        // a zip archive (a .docx) is not text
        assert!(decode(b"PK\x03\x04\x00\x00\x00\x00")
            .unwrap_err()
            .contains("NUL"));
        let le: Vec<u8> = "Ab".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert!(decode(&le).unwrap_err().contains("iconv -f UTF-16LE"));
        let bom: Vec<u8> = [0xFF, 0xFE].into_iter().chain(le).collect();
        assert_eq!(decode(&bom).unwrap(), "Ab");
    }
}
