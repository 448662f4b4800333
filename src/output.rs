//! Writing results: every file is written to a temporary file in the same
//! directory and renamed into place, so a reader never sees half a report,
//! and a run's report directory is built beside the old one and swapped in
//! as a whole ([`StagedDir`]), so a reader never sees a mix of two runs.
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

/// A run's output directory, written beside the old one and put in its
/// place as a whole.
///
/// The report's files go into `.NAME.stancemap-partial` next to `NAME`
/// (the same file system, so the swap is a rename) and the run's journal
/// into `.NAME.stancemap-journal`; [`commit`] syncs the files and
/// exchanges the two directories in one step (`renameat2` with
/// `RENAME_EXCHANGE` on Linux; elsewhere two renames), then removes the
/// old report and the journal. A run killed at any point leaves either the
/// old report or the new one under `NAME`, never a mix; what it leaves
/// beside it is cleared by the next run, or continued by `--resume`. A
/// lock file beside it (`.NAME.stancemap-lock`, holding the process id)
/// keeps two runs from writing the same directory.
///
/// [`commit`]: StagedDir::commit
pub struct StagedDir {
    out: std::path::PathBuf,
    stage: std::path::PathBuf,
    journal: std::path::PathBuf,
    lock: std::path::PathBuf,
    /// committed, or kept for a later resume: not removed when dropped
    keep: bool,
}

/// Written into the journal just before the swap: the staging directory's
/// inode, so that a resume can tell whether the swap happened.
const SWAPPING: &str = "swapping";

/// `out` as an absolute path with its parent resolved, and its name;
/// an error when it names no directory that could be replaced.
fn out_parts(out: &Path) -> Result<(std::path::PathBuf, String)> {
    let out = if out.is_symlink() {
        out.canonicalize()
            .with_context(|| format!("{}: a broken symbolic link", out.display()))?
    } else {
        out.to_path_buf()
    };
    let name = match out.file_name().map(|n| n.to_string_lossy().into_owned()) {
        Some(n) if n != "." && n != ".." => n,
        _ => anyhow::bail!(
            "{}: --out must name a directory of its own (for example ./report): a run replaces it as a whole",
            out.display()
        ),
    };
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // the directories above it are made, as they always were
    std::fs::create_dir_all(parent).map_err(|e| {
        anyhow::anyhow!(
            "{}: cannot create the directory that holds the output directory: {e} (choose another --out)",
            parent.display()
        )
    })?;
    let parent = parent
        .canonicalize()
        .with_context(|| format!("{}: cannot resolve", parent.display()))?;
    Ok((parent.join(&name), name))
}

impl StagedDir {
    /// Check, before any work, that `out` can be replaced: it is absent or
    /// a directory holding only files named in `ours` (or temporary files
    /// of earlier runs), and its parent is writable.
    pub fn check(out: &Path, ours: &[&str]) -> Result<()> {
        let (out, _) = out_parts(out)?;
        if out.exists() {
            if !out.is_dir() {
                anyhow::bail!(
                    "{}: --out is a file, not a directory (choose another --out)",
                    out.display()
                );
            }
            let mut foreign = Vec::new();
            for e in std::fs::read_dir(&out)
                .with_context(|| format!("{}: cannot read the output directory", out.display()))?
            {
                let name = e?.file_name().to_string_lossy().into_owned();
                let temp_of_ours = name
                    .strip_prefix('.')
                    .and_then(|n| n.strip_suffix(".tmp"))
                    .and_then(|n| n.rsplit_once('.'))
                    .is_some_and(|(n, _)| ours.contains(&n));
                if !ours.contains(&name.as_str()) && !temp_of_ours {
                    foreign.push(name);
                }
            }
            if !foreign.is_empty() {
                foreign.sort();
                let more = foreign.len().saturating_sub(5);
                foreign.truncate(5);
                anyhow::bail!(
                    "{}: holds files stancemap did not write ({}{}); a run replaces its output directory as a whole, so choose an empty or new directory with --out",
                    out.display(),
                    foreign.join(", "),
                    if more > 0 { format!(" and {more} more") } else { String::new() }
                );
            }
        }
        let parent = out.parent().expect("an absolute path");
        tempfile::Builder::new()
            .prefix(".stancemap-check")
            .tempdir_in(parent)
            .map_err(|e| {
                anyhow::anyhow!(
                    "{}: cannot write beside the output directory: {e} (a run builds its report next to it; choose another --out)",
                    parent.display()
                )
            })?;
        Ok(())
    }

    /// Take the lock, the staging directory and the journal directory of
    /// `out`. An unfinished run (both directories) is kept when `keep` (to
    /// resume it) and removed otherwise; so is one whose swap may have
    /// happened (its staging directory is not the one it swapped).
    /// Returns whether an unfinished run was kept.
    pub fn open(out: &Path, keep: bool) -> Result<(Self, bool)> {
        let (out, name) = out_parts(out)?;
        let parent = out.parent().expect("an absolute path").to_path_buf();
        let lock = parent.join(format!(".{name}.stancemap-lock"));
        take_run_lock(&lock, &out)?;
        let dir = StagedDir {
            stage: parent.join(format!(".{name}.stancemap-partial")),
            journal: parent.join(format!(".{name}.stancemap-journal")),
            out,
            lock,
            keep: false,
        };
        let old = parent.join(format!(".{name}.stancemap-old"));
        if old.exists() {
            std::fs::remove_dir_all(&old)
                .with_context(|| format!("{}: cannot remove", old.display()))?;
        }
        let swapped = match std::fs::read_to_string(dir.journal.join(SWAPPING)) {
            Ok(ino) => inode(&dir.stage).map(|i| i.to_string()) != Some(ino),
            Err(_) => false,
        };
        let kept = keep && !swapped && dir.stage.is_dir() && dir.journal.is_dir();
        if !kept {
            for d in [&dir.stage, &dir.journal] {
                if d.exists() {
                    std::fs::remove_dir_all(d).with_context(|| {
                        format!("{}: cannot remove an unfinished run", d.display())
                    })?;
                }
            }
        }
        for d in [&dir.stage, &dir.journal] {
            std::fs::create_dir_all(d)
                .with_context(|| format!("{}: cannot create", d.display()))?;
        }
        Ok((dir, kept))
    }

    /// Where the report's files go until [`commit`](StagedDir::commit).
    pub fn path(&self) -> &Path {
        &self.stage
    }

    /// Where the run's journal goes (removed at the end).
    pub fn journal(&self) -> &Path {
        &self.journal
    }

    /// The directory the report will be in.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Sync every file and swap the staging directory in for `out`; then
    /// remove the old report and the journal.
    pub fn commit(mut self) -> Result<()> {
        for e in std::fs::read_dir(&self.stage)? {
            let p = e?.path();
            if p.is_file() {
                std::fs::File::open(&p)
                    .and_then(|f| f.sync_all())
                    .with_context(|| format!("{}: cannot sync", p.display()))?;
            }
        }
        sync_dir(&self.stage);
        if let Some(ino) = inode(&self.stage) {
            write_atomic(&self.journal.join(SWAPPING), ino.to_string().as_bytes())?;
        }
        failpoint("swap");
        if self.out.exists() {
            if !exchange(&self.stage, &self.out)? {
                // no atomic exchange here: two renames (a kill between them
                // leaves the old report beside, removed by the next run)
                let name = self.out.file_name().expect("named").to_string_lossy();
                let old = self.out.with_file_name(format!(".{name}.stancemap-old"));
                std::fs::rename(&self.out, &old)
                    .with_context(|| format!("{}: cannot move aside", self.out.display()))?;
                std::fs::rename(&self.stage, &self.out)
                    .with_context(|| format!("{}: cannot put in place", self.out.display()))?;
                std::fs::rename(&old, &self.stage).ok();
            }
            // the old report is now under the staging name
            failpoint("swapped");
            std::fs::remove_dir_all(&self.stage).with_context(|| {
                format!("{}: cannot remove the old report", self.stage.display())
            })?;
        } else {
            std::fs::rename(&self.stage, &self.out)
                .with_context(|| format!("{}: cannot put in place", self.out.display()))?;
        }
        if let Some(parent) = self.out.parent() {
            sync_dir(parent);
        }
        std::fs::remove_dir_all(&self.journal)
            .with_context(|| format!("{}: cannot remove", self.journal.display()))?;
        self.keep = true;
        Ok(())
    }

    /// Give up the directories without removing them (an unfinished run
    /// that a later `--resume` may continue).
    pub fn keep_unfinished(mut self) {
        self.keep = true;
    }
}

impl Drop for StagedDir {
    /// A run that failed (an error, not a kill) leaves nothing behind,
    /// unless it kept its unfinished run.
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_dir_all(&self.stage);
            let _ = std::fs::remove_dir_all(&self.journal);
        }
        let _ = std::fs::remove_file(&self.lock);
    }
}

#[cfg(unix)]
fn inode(p: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(p).ok().map(|m| m.ino())
}

#[cfg(not(unix))]
fn inode(_: &Path) -> Option<u64> {
    None
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Exchange two directories in one step; `false` where the system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Result<bool> {
    use std::os::unix::ffi::OsStrExt;
    let ca = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let cb = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: two valid NUL-terminated paths, resolved from the current directory
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL) | Some(libc::ENOSYS) | Some(libc::EOPNOTSUPP) => Ok(false),
        _ => Err(e).with_context(|| format!("{}: cannot swap in the new report", b.display())),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> Result<bool> {
    Ok(false)
}

/// Create `lock` holding this process's id; one left by a process that is
/// gone is taken over, one held by a live process is an error.
fn take_run_lock(lock: &Path, out: &Path) -> Result<()> {
    for _ in 0..3 {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(lock)
        {
            Ok(mut f) => {
                write!(f, "{}", std::process::id())?;
                return Ok(());
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let pid = std::fs::read_to_string(lock).unwrap_or_default();
                let pid = pid.trim();
                let alive = !pid.is_empty()
                    && Path::new("/proc/self").exists()
                    && Path::new("/proc").join(pid).exists();
                if alive {
                    anyhow::bail!(
                        "{}: another stancemap run (process {pid}) is writing this report; wait for it to finish, or remove {} if no run is going",
                        out.display(),
                        lock.display()
                    );
                }
                let _ = std::fs::remove_file(lock);
            }
            Err(e) => {
                return Err(e).with_context(|| format!("{}: cannot create lock", lock.display()))
            }
        }
    }
    anyhow::bail!("{}: cannot take the lock", lock.display())
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

/// A point where a test may kill the run as `kill -9` would: when the
/// environment variable `STANCEMAP_KILL_AT` is `NAME`, or `NAME#N` for the
/// N-th time the run reaches it, the process sends itself SIGKILL there
/// (no destructor runs, nothing is flushed). Used by the tests that check
/// that a rerun after a kill, and `--resume`, give the uninterrupted
/// output; a run without the variable passes straight through.
pub fn failpoint(name: &str) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static AT: std::sync::OnceLock<Option<(String, usize)>> = std::sync::OnceLock::new();
    static SEEN: AtomicUsize = AtomicUsize::new(0);
    let at = AT.get_or_init(|| {
        let v = std::env::var("STANCEMAP_KILL_AT").ok()?;
        Some(match v.split_once('#') {
            Some((n, k)) => (n.to_string(), k.parse().unwrap_or(1)),
            None => (v, 1),
        })
    });
    if let Some((n, k)) = at {
        if n == name && SEEN.fetch_add(1, Ordering::SeqCst) + 1 == *k {
            #[cfg(unix)]
            // SAFETY: signalling this process
            unsafe {
                libc::kill(libc::getpid(), libc::SIGKILL);
            }
            std::process::abort();
        }
    }
}
