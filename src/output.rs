//! Writing results: every file is written to a temporary file in the same
//! directory and renamed into place, so a reader never sees half a report.
//! Beside it, the one lock file and the one seeded generator the project
//! uses.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` atomically (temporary file, fsync, rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes)?;
    f.commit()?;
    Ok(())
}

/// A file written as a run goes and put in place only when the run has
/// finished: the rows go to a temporary file beside `path`; [`commit`]
/// syncs it and renames it into place; dropped without a commit (the run
/// failed), the temporary file is removed and nothing appears under `path`.
///
/// [`commit`]: AtomicFile::commit
pub struct AtomicFile {
    path: std::path::PathBuf,
    tmp: std::path::PathBuf,
    writer: Option<std::io::BufWriter<std::fs::File>>,
}

impl AtomicFile {
    pub fn create(path: &Path) -> Result<Self> {
        let tmp = temp_beside(path)?;
        let f = std::fs::File::create(&tmp)
            .with_context(|| format!("{}: cannot create", tmp.display()))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp,
            writer: Some(std::io::BufWriter::with_capacity(1 << 16, f)),
        })
    }

    /// Append bytes.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        self.writer
            .as_mut()
            .expect("not committed")
            .write_all(bytes)
            .with_context(|| format!("{}: cannot write", self.tmp.display()))
    }

    /// The temporary file itself, for a writer that wants a `File` (a
    /// Parquet writer): write through either this or [`write_all`], not
    /// both.
    ///
    /// [`write_all`]: AtomicFile::write_all
    pub fn raw_file(&mut self) -> Result<std::fs::File> {
        let w = self.writer.as_mut().expect("not committed");
        w.flush()?;
        w.get_ref()
            .try_clone()
            .with_context(|| format!("{}: cannot open", self.tmp.display()))
    }

    /// The temporary file, flushed, open for reading what was written so far.
    pub fn reopen(&mut self) -> Result<std::fs::File> {
        self.writer
            .as_mut()
            .expect("not committed")
            .flush()
            .with_context(|| format!("{}: cannot write", self.tmp.display()))?;
        std::fs::File::open(&self.tmp)
            .with_context(|| format!("{}: cannot read", self.tmp.display()))
    }

    /// Sync and rename into place.
    pub fn commit(mut self) -> Result<std::path::PathBuf> {
        let w = self.writer.take().expect("committed once");
        let f = w
            .into_inner()
            .map_err(|e| anyhow::anyhow!("{}: cannot write: {}", self.tmp.display(), e.error()))?;
        f.sync_all().ok();
        std::fs::rename(&self.tmp, &self.path)
            .with_context(|| format!("{}: cannot rename into place", self.path.display()))?;
        Ok(self.path.clone())
    }
}

impl std::io::Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer.as_mut().expect("not committed").write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.as_mut().expect("not committed").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Remove the temporary files that runs killed before they finished left in
/// `dir` (`.NAME.PID.tmp` for the given names, whose process is gone; on
/// systems without /proc nothing is removed). Returns how many.
pub fn remove_stale_temps(dir: &Path, names: &[&str]) -> usize {
    if !Path::new("/proc/self").exists() {
        return 0;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix('.').and_then(|f| f.strip_suffix(".tmp")) else {
            continue;
        };
        let Some((name, pid)) = rest.rsplit_once('.') else {
            continue;
        };
        if names.contains(&name)
            && pid.parse::<u32>().is_ok()
            && pid != std::process::id().to_string()
            && !Path::new("/proc").join(pid).exists()
            && std::fs::remove_file(e.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// The temporary file `path` is written to before it is renamed into
/// place: `.NAME.PID.tmp` in the same directory (created if missing).
fn temp_beside(path: &Path) -> Result<std::path::PathBuf> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create directory", dir.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(dir.join(format!(".{name}.{}.tmp", std::process::id())))
}

/// Write `path` atomically with a writer of its own (a safetensors file):
/// `write` fills a temporary file beside it, which is synced to disk and
/// renamed into place; a failed write leaves no file under the final name.
pub fn write_atomic_with(path: &Path, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let tmp = temp_beside(path)?;
    if let Err(e) = write(&tmp) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    if let Ok(f) = std::fs::File::open(&tmp) {
        f.sync_all().ok();
    }
    std::fs::rename(&tmp, path)
        .with_context(|| format!("{}: cannot rename into place", path.display()))?;
    Ok(())
}

/// A lock file created with O_EXCL, removed on drop: one process at a time
/// fetches a model or fine-tunes a copy. A lock older than `stale` is
/// broken (its process died); `wait` is called once when another process
/// holds it; after `give_up` (if any) waiting is an error.
pub struct FileLock(std::path::PathBuf);

impl FileLock {
    pub fn acquire(
        path: &Path,
        stale: std::time::Duration,
        give_up: Option<std::time::Duration>,
        wait: impl FnOnce(),
    ) -> Result<Self> {
        let start = std::time::Instant::now();
        let mut wait = Some(wait);
        loop {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
            {
                Ok(_) => return Ok(FileLock(path.to_path_buf())),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let age = std::fs::metadata(path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok());
                    if age.is_some_and(|a| a > stale) {
                        let _ = std::fs::remove_file(path);
                        continue;
                    }
                    if give_up.is_some_and(|g| start.elapsed() > g) {
                        anyhow::bail!("{}: timed out waiting for another process", path.display());
                    }
                    if let Some(w) = wait.take() {
                        w();
                    }
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
                Err(e) => {
                    return Err(e)
                        .with_context(|| format!("{}: cannot create lock", path.display()))
                }
            }
        }
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// SplitMix64: a small, fixed, seedable generator (no dependency, the same
/// numbers on every platform), for the bootstrap and for fine-tuning.
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> Self {
        SplitMix(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// A uniform number in [0, 1) with 24 bits.
    pub fn uniform(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// Serialise rows with a header to CSV bytes.
pub fn csv_bytes<T: serde::Serialize>(rows: &[T]) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(true)
        .from_writer(Vec::new());
    for r in rows {
        w.serialize(r)?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}
