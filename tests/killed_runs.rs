//! Runs killed with SIGKILL (as `kill -9` does) at every stage: the report
//! directory holds the old report or the new one, never a mix; a rerun,
//! and `--resume`, give the uninterrupted run's files byte for byte.

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};

mod binary;
use binary::{bin, files};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// A corpus of the seed articles (one chunk per article with
/// `--chunk-articles 1`) and an empty file, and beside it a JSONL corpus
/// with a good row and a broken one: the journal holds articles and skips.
fn corpus(dir: &Path) -> PathBuf {
    let c = dir.join("corpus");
    std::fs::create_dir(&c).unwrap();
    for e in std::fs::read_dir(seeds()).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            std::fs::copy(&p, c.join(p.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(
        dir.join("zz.jsonl"),
        "{\"id\": \"wire-1\", \"outlet\": \"TASS\", \"text\": \"The CSTO held drills near Dushanbe. The secretary general said the bloc was ready.\"}\n[\"not\", \"an\", \"object\"]\n",
    )
    .unwrap();
    std::fs::write(c.join("empty.txt"), "\n\n").unwrap();
    c
}

/// `analyze --preset fast --chunk-articles 1` of `inputs` into `out`,
/// killed at `kill_at` when given (quiet unless resuming: a resume says
/// what it resumes).
fn analyze(
    inputs: &[&Path],
    out: &Path,
    resume: bool,
    kill_at: Option<&str>,
) -> std::process::Output {
    let mut cmd = bin();
    if !resume {
        cmd.arg("--quiet");
    }
    cmd.args([
        "analyze",
        "--preset",
        "fast",
        "--chunk-articles",
        "1",
        "--out",
    ])
    .arg(out)
    .args(inputs);
    if resume {
        cmd.arg("--resume");
    }
    if let Some(k) = kill_at {
        cmd.env("STANCEMAP_KILL_AT", k);
    }
    cmd.output().unwrap()
}

fn ok(o: &std::process::Output) {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn killed(o: &std::process::Output) {
    assert_eq!(
        o.status.signal(),
        Some(9),
        "not killed: {:?} {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Killed after encoding a chunk, after writing it, after recording it,
/// while writing the final files, and around the swap: the old report is
/// untouched until the swap (and the new one is whole after it); then
/// `--resume` and a plain rerun each give the uninterrupted files.
#[test]
fn a_killed_run_leaves_one_whole_report_and_a_rerun_or_resume_matches() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path());
    let jsonl = dir.path().join("zz.jsonl");
    let reference = dir.path().join("reference");
    ok(&analyze(&[&corpus, &jsonl], &reference, false, None));
    let want = files(&reference);
    assert_eq!(want.len(), 8, "{:?}", want.keys());
    let skipped = String::from_utf8_lossy(&want["skipped.csv"]).into_owned();
    assert!(
        skipped.contains("zz.jsonl:2") && skipped.contains("empty.txt"),
        "{skipped}"
    );

    // an older report: the first seed alone
    let first = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .min()
        .unwrap();
    let out = dir.path().join("out");
    ok(&analyze(&[&first], &out, false, None));
    let old = files(&out);
    assert_ne!(old, want);

    for (point, resume) in [
        ("encoded#2", true),
        ("chunk-written#3", true),
        ("chunk-recorded#4", false),
        ("chunk-recorded#6", true),
        ("finish", true),
        ("finish-parquet", false),
        ("swap", true),
    ] {
        killed(&analyze(&[&corpus, &jsonl], &out, false, Some(point)));
        assert_eq!(
            files(&out),
            old,
            "killed at {point}: the old report changed"
        );
        let o = analyze(&[&corpus, &jsonl], &out, resume, None);
        ok(&o);
        assert_eq!(
            files(&out),
            want,
            "killed at {point}, rerun (resume: {resume})"
        );
        let err = String::from_utf8_lossy(&o.stderr);
        if resume && point != "encoded#2" {
            // chunks 1 (and more) were recorded before the kill
            assert!(err.contains("resuming after"), "{point}: {err}");
        }
        // back to the old report for the next kill
        ok(&analyze(&[&first], &out, false, None));
        assert_eq!(files(&out), old);
    }

    // killed once the new report is in place, before the old one is removed
    killed(&analyze(&[&corpus, &jsonl], &out, false, Some("swapped")));
    assert_eq!(files(&out), want);
    ok(&analyze(&[&corpus, &jsonl], &out, true, None));
    assert_eq!(files(&out), want);
    let beside: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(beside.is_empty(), "left beside the report: {beside:?}");
}

/// A real `kill -9` from outside while the run is encoding, then
/// `--resume`: the same files as an uninterrupted run; and a resume of
/// inputs that changed since is refused.
#[test]
fn kill_9_from_outside_then_resume() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path());
    let reference = dir.path().join("reference");
    ok(&analyze(&[&corpus], &reference, false, None));
    let out = dir.path().join("out");
    let mut child = bin()
        .args([
            "--quiet",
            "analyze",
            "--preset",
            "fast",
            "--chunk-articles",
            "1",
            "--out",
        ])
        .arg(&out)
        .arg(&corpus)
        .spawn()
        .unwrap();
    // wait for the first chunk to be recorded, then kill
    let journal = dir.path().join(".out.stancemap-journal/chunks.jsonl");
    let start = std::time::Instant::now();
    while std::fs::read(&journal).map_or(true, |j| j.is_empty()) {
        assert!(start.elapsed().as_secs() < 120, "no chunk recorded");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    if status.success() {
        // it finished before the kill landed: nothing to resume here
        assert_eq!(files(&out), files(&reference));
        return;
    }
    assert!(!out.exists(), "a report appeared before the run finished");

    // the inputs change: the journal is another run's
    let extra = corpus.join("zzz.txt");
    std::fs::write(&extra, "The CSTO met again. Nothing was agreed.").unwrap();
    let o = analyze(&[&corpus], &out, true, None);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("other inputs") && err.contains("without --resume"),
        "{err}"
    );
    std::fs::remove_file(&extra).unwrap();

    // the refused resume kept the unfinished run; with the inputs as they were, it goes on
    assert!(journal.exists());
    let o = analyze(&[&corpus], &out, true, None);
    ok(&o);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("resuming after"), "{err}");
    assert_eq!(files(&out), files(&reference));
}
