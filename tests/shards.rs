//! Sharded runs: `analyze --shard K/N` for every K, then `merge`, give the
//! reports of one `analyze` run byte for byte; a killed shard is redone, a
//! finished one is not, and a missing, doubled or foreign shard stops the
//! merge with a message naming it.

use std::path::{Path, PathBuf};
use std::process::Command;

mod binary;
use binary::{bin, files};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn ok(o: std::process::Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `analyze --preset fast` of `inputs` into `out` with extra arguments.
fn analyze(inputs: &[PathBuf], out: &Path, extra: &[&str]) -> Command {
    let mut cmd = bin();
    cmd.args([
        "analyze",
        "--preset",
        "fast",
        "--chunk-articles",
        "40",
        "--out",
    ])
    .arg(out)
    .args(extra)
    .args(inputs);
    cmd
}

fn merge(dirs: &[PathBuf], out: &Path) -> std::process::Output {
    bin()
        .arg("--quiet")
        .arg("merge")
        .args(dirs)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

/// A few hundred short articles made of the seeds' sentences (windows of
/// three, six outlets taking turns), one JSONL row each, with a broken
/// row and a repeated id among them.
fn generated(dir: &Path) -> PathBuf {
    let mut sentences = Vec::new();
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    seeds.sort();
    for p in seeds {
        let text = std::fs::read_to_string(p).unwrap();
        for s in text.split(". ") {
            let s = s.trim().replace('\n', " ");
            if s.len() > 30 && s.len() < 400 {
                sentences.push(format!("{s}."));
            }
        }
    }
    let outlets = [
        "TASS",
        "BelTA",
        "Kazinform",
        "Armenpress",
        "Eurasianet",
        "RFE/RL",
    ];
    let mut out = String::new();
    for i in 0..240 {
        let a = (i * 7) % sentences.len();
        let text: Vec<&str> = (0..3)
            .map(|k| sentences[(a + k) % sentences.len()].as_str())
            .collect();
        let id = if i == 100 {
            "a-50".to_string()
        } else {
            format!("a-{i}")
        };
        let row = serde_json::json!({"id": id, "outlet": outlets[i % outlets.len()], "text": text.join(" ")});
        out.push_str(&row.to_string());
        out.push('\n');
        if i == 120 {
            out.push_str("{\"id\": \"broken\", \"text\": \n");
        }
    }
    let path = dir.join("generated.jsonl");
    std::fs::write(&path, out).unwrap();
    path
}

/// Shards 0..n of `inputs` into `dir/N-K`, each with `extra`; their paths.
fn shards(inputs: &[PathBuf], dir: &Path, n: usize) -> Vec<PathBuf> {
    (0..n)
        .map(|k| {
            let d = dir.join(format!("{n}-{k}"));
            ok(
                analyze(inputs, &d, &["--quiet", "--shard", &format!("{k}/{n}")])
                    .output()
                    .unwrap(),
            );
            d
        })
        .collect()
}

/// The seed articles beside inputs that are skipped (empty files, a
/// binary one): with seven shards, some shard owns skipped inputs and no
/// article of the last chunk, and their rows must still reach the merge.
fn with_skips(dir: &Path) -> PathBuf {
    let d = dir.join("with-skips");
    std::fs::create_dir_all(&d).unwrap();
    for e in std::fs::read_dir(root().join("seeds")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            std::fs::copy(&p, d.join(p.file_name().unwrap())).unwrap();
        }
    }
    for i in 0..6 {
        std::fs::write(d.join(format!("empty-{i}.txt")), "").unwrap();
    }
    std::fs::write(d.join("binary.txt"), b"\x00\x01 not text").unwrap();
    d
}

#[test]
fn shards_merged_give_the_single_run_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = vec![root().join("seeds")];
    let corpora = [
        ("seeds", seeds),
        ("with-skips", vec![with_skips(tmp.path())]),
        ("generated", vec![generated(tmp.path())]),
    ];
    for (name, inputs) in corpora {
        let dir = tmp.path().join(name);
        let single = dir.join("single");
        ok(analyze(&inputs, &single, &["--quiet"]).output().unwrap());
        let want = files(&single);
        assert_eq!(want.len(), 8);
        if name == "with-skips" {
            let skipped = String::from_utf8_lossy(&want["skipped.csv"]).into_owned();
            assert!(skipped.contains("empty-5.txt") && skipped.contains("binary.txt"));
        }
        for n in [1, 3, 7] {
            let parts = shards(&inputs, &dir, n);
            let merged = dir.join(format!("merged-{n}"));
            ok(merge(&parts, &merged));
            let got = files(&merged);
            for (f, bytes) in &want {
                assert!(got[f] == *bytes, "{name}, {n} shards: {f} differs");
            }
        }
    }
}

#[test]
fn killed_missing_doubled_and_foreign_shards() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = vec![generated(tmp.path())];
    let single = tmp.path().join("single");
    ok(analyze(&inputs, &single, &["--quiet"]).output().unwrap());
    let parts = shards(&inputs, tmp.path(), 3);

    // shard 1 killed midway: no shard directory; rerun, then merge
    std::fs::remove_dir_all(&parts[1]).unwrap();
    let o = analyze(&inputs, &parts[1], &["--quiet", "--shard", "1/3"])
        .env("STANCEMAP_KILL_AT", "chunk-recorded#1")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(!parts[1].exists(), "a killed shard left a directory");
    ok(analyze(&inputs, &parts[1], &["--quiet", "--shard", "1/3"])
        .output()
        .unwrap());
    // a finished shard is not redone
    let before = files(&parts[1]);
    let err = ok(analyze(&inputs, &parts[1], &["--shard", "1/3"])
        .output()
        .unwrap());
    assert!(err.contains("finished already"), "{err}");
    assert_eq!(files(&parts[1]), before);
    let merged = tmp.path().join("merged");
    ok(merge(&parts, &merged));
    assert_eq!(files(&merged), files(&single));
    // without aligning claims, alike too; aligned_claims.csv keeps its header
    let unaligned = tmp.path().join("unaligned");
    ok(analyze(&inputs, &unaligned, &["--quiet", "--no-align"])
        .output()
        .unwrap());
    let merged_unaligned = tmp.path().join("merged-unaligned");
    ok(bin()
        .args(["--quiet", "merge", "--no-align", "--out"])
        .arg(&merged_unaligned)
        .args(&parts)
        .output()
        .unwrap());
    let (a, b) = (files(&unaligned), files(&merged_unaligned));
    assert_eq!(a, b);
    assert_eq!(
        String::from_utf8_lossy(&a["aligned_claims.csv"])
            .lines()
            .count(),
        1
    );
    assert_eq!(a["claims.csv"], files(&single)["claims.csv"]);

    let fails = |dirs: &[PathBuf], what: &[&str]| {
        let o = merge(dirs, &tmp.path().join("never"));
        assert!(!o.status.success());
        let err = String::from_utf8_lossy(&o.stderr);
        for w in what {
            assert!(err.contains(w), "{w:?} not in {err}");
        }
        assert!(!tmp.path().join("never").exists());
    };
    fails(&parts[..2], &["shard 2/3 missing", "--shard K/3"]);
    fails(
        &[
            parts[0].clone(),
            parts[1].clone(),
            parts[1].clone(),
            parts[2].clone(),
        ],
        &["shard 1/3 is given twice"],
    );
    // a shard of another run (another shard count) and a damaged one
    let other = tmp.path().join("other");
    ok(analyze(&inputs, &other, &["--quiet", "--shard", "0/2"])
        .output()
        .unwrap());
    fails(
        &[parts[0].clone(), other, parts[2].clone()],
        &["another run", "2 shards, not 3"],
    );
    let claims = parts[2].join("claims.csv");
    let mut bytes = std::fs::read(&claims).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&claims, bytes).unwrap();
    fails(
        &parts,
        &["claims.csv", "damaged or cut short", "run shard 2/3 again"],
    );
}
