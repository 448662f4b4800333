//! The command line on real and broken input.

use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_stancemap"))
}

/// Run `cmd` with `input` on its standard input; its output.
fn with_stdin(cmd: &mut Command, input: &[u8]) -> std::process::Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// `stancemap sentences INPUTS --skipped DIR/skipped.csv`, which must
/// succeed: the article id of each sentence row, the rows, and skipped.csv.
fn sentences(inputs: &[&std::path::Path], dir: &std::path::Path) -> (Vec<String>, String, String) {
    let skipped = dir.join("skipped.csv");
    let o = bin()
        .arg("sentences")
        .args(inputs)
        .arg("--skipped")
        .arg(&skipped)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let ids = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    (ids, out, std::fs::read_to_string(&skipped).unwrap())
}

#[test]
fn split_reads_stdin_and_prints_one_sentence_a_line() {
    let mut child = bin()
        .arg("split")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("At 5 a.m. Mr. Smith left the U.S. Embassy.\nHeading without stop\nIt said: \"We are ready.\n It is 1.5% more.\" Then it left.".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        vec![
            "At 5 a.m. Mr. Smith left the U.S. Embassy.",
            "Heading without stop",
            "It said: \"We are ready.",
            "It is 1.5% more.\"",
            "Then it left."
        ]
    );
}

#[test]
fn split_jsonl_gives_offsets_into_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    let text = "Première phrase. Second one — with “quotes.” Third.";
    std::fs::write(&p, text).unwrap();
    let out = bin().args(["split", "--jsonl"]).arg(&p).output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for v in &lines {
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], v["text"].as_str().unwrap());
    }
}

#[test]
fn invalid_utf8_is_an_error_naming_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.txt");
    std::fs::write(&p, b"fine line\nbroken \xff\xfe line\n").unwrap();
    let out = bin().arg("split").arg(&p).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.txt") && err.contains("line 2") && err.contains("UTF-8"),
        "{err}"
    );
}

#[test]
fn sentences_skips_bad_files_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.txt"),
        "The CSTO met in Minsk. It agreed on nothing.",
    )
    .unwrap();
    std::fs::write(dir.path().join("binary.txt"), [0u8, 159, 146, 150]).unwrap();
    std::fs::write(dir.path().join("empty.md"), "  \n").unwrap();
    std::fs::write(
        dir.path().join("rows.jsonl"),
        "{\"id\": 7, \"text\": \"A row article. Two sentences.\", \"outlet\": \"TASS\"}\n{not json}\n{\"title\": \"no text\"}\n",
    )
    .unwrap();
    let skipped = dir.path().join("skipped.csv");
    let out = bin()
        .arg("sentences")
        .arg(dir.path())
        .arg(dir.path().join("rows.jsonl"))
        .arg("--skipped")
        .arg(&skipped)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows[0],
        "article_id,outlet,outlet_source,sentence_idx,start,end,is_heading,text"
    );
    assert_eq!(rows.len(), 1 + 2 + 2, "{csv}");
    assert!(rows.iter().any(|r| r.starts_with("7,TASS,metadata,1,")));
    assert!(rows
        .iter()
        .any(|r| r.starts_with("good,unknown,unknown,0,")));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("binary.txt") && err.contains("not a text file"),
        "{err}"
    );
    let rep = std::fs::read_to_string(&skipped).unwrap();
    assert!(rep.contains("binary.txt"));
    assert!(rep.contains("empty article"));
    assert!(rep.contains("rows.jsonl:2") && rep.contains("malformed JSON"));
    assert!(rep.contains("rows.jsonl:3") && rep.contains("no 'text' field"));
}

#[test]
fn a_missing_input_or_malformed_manifest_stops_the_run() {
    let out = bin()
        .args(["sentences", "/no/such/file.txt"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file.txt"));

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "One sentence.").unwrap();
    let m = dir.path().join("manifest.csv");
    std::fs::write(&m, "file,outlet\na.txt,TASS,extra\n").unwrap();
    let out = bin()
        .arg("sentences")
        .arg(dir.path().join("a.txt"))
        .arg("--manifest")
        .arg(&m)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("manifest.csv") && err.contains("line 2"),
        "{err}"
    );
}

fn kappa_line(out: &str, prefix: &str) -> (usize, f64, f64) {
    // "<prefix> over N ...: agreement A, Cohen's kappa K"
    let line = out
        .lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting with {prefix:?} in:\n{out}"));
    let n: usize = line[prefix.len()..]
        .trim_start()
        .trim_start_matches("over ")
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let num = |key: &str| -> f64 {
        let rest = &line[line.find(key).unwrap() + key.len()..];
        rest.trim_start()
            .split(|c: char| c == ',' || c.is_whitespace())
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    (n, num("agreement"), num("kappa"))
}

fn agree(a: &str, b: &str) -> String {
    let out = bin().args(["agree", a, b]).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn agree_compares_two_annotation_passes_of_the_seeds() {
    // a file against itself: every claim paired, perfect agreement
    let text = agree("data/seed_annotations.csv", "data/seed_annotations.csv");
    let (n, agreement, kappa) = kappa_line(&text, "stance");
    assert_eq!((n, agreement, kappa), (284, 1.0, 1.0));

    // the second pass: the same 284 claims, high but imperfect agreement,
    // and the printed agreement matches a count done here from the files
    let text = agree(
        "data/seed_annotations.csv",
        "data/seed_annotations_pass2.csv",
    );
    assert!(text.contains("284 paired rows of"));
    assert!(text.contains("48 only in the first, 0 only in the second"));
    let (n, agreement, kappa) = kappa_line(&text, "stance");
    assert_eq!(n, 284);
    let read = |p: &str| -> std::collections::HashMap<(String, String), String> {
        let mut r = csv::Reader::from_path(p).unwrap();
        let h = r.headers().unwrap().clone();
        let c = |name: &str| h.iter().position(|x| x == name).unwrap();
        let (a, i, cl, s) = (
            c("article_id"),
            c("sentence_idx"),
            c("is_claim"),
            c("stance"),
        );
        r.records()
            .map(|x| x.unwrap())
            .filter(|x| &x[cl] == "yes")
            .map(|x| ((x[a].to_string(), x[i].to_string()), x[s].to_string()))
            .collect()
    };
    let (first, second) = (
        read("data/seed_annotations.csv"),
        read("data/seed_annotations_pass2.csv"),
    );
    let same = first
        .iter()
        .filter(|(k, v)| second.get(*k) == Some(v))
        .count();
    assert!((agreement - same as f64 / 284.0).abs() < 1e-3);
    assert!(agreement < 1.0 && kappa > 0.6 && kappa < agreement);
}

/// A user's own outlet register: an agency the built-in register does not
/// know is read from its dateline once the file names it; a malformed file
/// stops the run with its name and line.
#[test]
fn a_user_outlet_register_extends_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("wire.txt");
    std::fs::write(
        &article,
        "Border talks resume\n\nKHUJAND, 4 May (Sughd Courier) – The border commissions of the two states met on Monday to resume the delimitation talks.\n\nThe talks will continue in June.\n",
    )
    .unwrap();
    let run = |extra: &[&std::path::Path]| {
        let mut c = bin();
        c.arg("sentences").arg(&article);
        for p in extra {
            c.arg("--outlets").arg(p);
        }
        c.output().unwrap()
    };
    let plain = String::from_utf8(run(&[]).stdout).unwrap();
    assert!(
        plain.lines().nth(1).unwrap().starts_with("wire,unknown,"),
        "{plain}"
    );

    let reg = dir.path().join("outlets.csv");
    std::fs::write(
        &reg,
        "name,aliases,domains,issn\nSughd Courier,Sughd Kuryer|SC,sughdcourier.tj,\n",
    )
    .unwrap();
    let out = run(&[&reg]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tagged = String::from_utf8(out.stdout).unwrap();
    assert!(
        tagged
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("wire,Sughd Courier,\"cue: dateline"),
        "{tagged}"
    );

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "name,aliases\nSughd Courier,x\n,y\n").unwrap();
    let out = run(&[&bad]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.csv") && err.contains("line 3"), "{err}");
}

/// JSONL and CSV corpora are read a row at a time: a row that is not UTF-8
/// is skipped, named by file and line, and the rows after it are read.
#[test]
fn corpus_rows_are_read_one_at_a_time_and_a_bad_row_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("rows.jsonl");
    let mut j = Vec::new();
    j.extend_from_slice(
        b"{\"id\": \"j1\", \"text\": \"The summit opened in Yerevan. Delegates arrived late.\"}\n",
    );
    j.extend_from_slice(b"{\"id\": \"j2\", \"text\": \"Broken \xff\xfe bytes here.\"}\n");
    j.extend_from_slice(
        b"{\"id\": \"j3\", \"text\": \"The treaty was signed. Nobody objected.\"}\n",
    );
    std::fs::write(&jsonl, j).unwrap();
    let csv_path = dir.path().join("rows.csv");
    let mut c = Vec::new();
    c.extend_from_slice(b"id,outlet,text\n");
    c.extend_from_slice(b"c1,TASS,\"The bloc held drills. Troops returned home.\"\n");
    c.extend_from_slice(b"c2,TASS,\"Bad \xc3\x28 byte.\"\n");
    c.extend_from_slice(b"c3,TASS,\"A second drill followed in May.\"\n");
    std::fs::write(&csv_path, c).unwrap();
    let skipped = dir.path().join("skipped.csv");
    let out = bin()
        .arg("sentences")
        .arg(&jsonl)
        .arg(&csv_path)
        .arg("--skipped")
        .arg(&skipped)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<&str> = stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids, ["j1", "j1", "j3", "j3", "c1", "c1", "c3"], "{stdout}");
    let rep = std::fs::read_to_string(&skipped).unwrap();
    assert!(
        rep.contains("rows.jsonl:2") && rep.contains("rows.csv:3"),
        "{rep}"
    );
    assert_eq!(rep.matches("not valid UTF-8").count(), 2, "{rep}");
}

/// Heads of `models/stance-fast` copied into `dir` with their stance bias
/// set to NaN and model.json pinning the changed file (so that the model
/// loads, and fails on its first sentences).
fn nan_model(dir: &std::path::Path) -> std::path::PathBuf {
    use sha2::Digest;
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models/stance-fast");
    let model = dir.join("nan-model");
    std::fs::create_dir(&model).unwrap();
    let mut heads = std::fs::read(src.join("heads.safetensors")).unwrap();
    let n = u64::from_le_bytes(heads[..8].try_into().unwrap()) as usize;
    let header: serde_json::Value = serde_json::from_slice(&heads[8..8 + n]).unwrap();
    let span = &header["stance.b"]["data_offsets"];
    let (a, b) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    for k in (8 + n + a..8 + n + b).step_by(4) {
        heads[k..k + 4].copy_from_slice(&f32::NAN.to_le_bytes());
    }
    std::fs::write(model.join("heads.safetensors"), &heads).unwrap();
    let mut meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(src.join("model.json")).unwrap()).unwrap();
    let sum: String = sha2::Sha256::digest(&heads)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    meta["heads_sha256"] = serde_json::Value::String(sum);
    std::fs::write(
        model.join("model.json"),
        serde_json::to_vec_pretty(&meta).unwrap(),
    )
    .unwrap();
    model
}

/// A run that fails midway (its model gives probabilities that are not
/// numbers: an error, never an output) exits non-zero saying what to do,
/// and leaves nothing: no report directory, nothing beside it.
#[test]
fn a_run_that_fails_midway_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        "The CSTO met in Minsk.\n\nThe ministers said the bloc would hold drills in the autumn.",
    )
    .unwrap();
    let model = nan_model(dir.path());
    let out_dir = dir.path().join("out");
    let o = bin()
        .args(["--quiet", "analyze", "--model"])
        .arg(&model)
        .arg("--out")
        .arg(&out_dir)
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("nan-model") && err.contains("not numbers") && err.contains("delete"),
        "{err}"
    );
    assert!(!out_dir.exists());
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["corpus", "nan-model"]);
}

/// A corpus CSV without a `text` column is skipped, named with its columns
/// and what to do; the other inputs are analysed.
#[test]
fn a_csv_without_a_text_column_is_skipped_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("a.txt");
    std::fs::write(
        &good,
        "The CSTO met in Minsk. The ministers agreed on drills.",
    )
    .unwrap();
    let bad = dir.path().join("late.csv");
    std::fs::write(&bad, "id,body\n1,no text column here\n").unwrap();
    let (ids, _, rep) = sentences(&[&good, &bad], dir.path());
    assert_eq!(ids, ["a", "a"]);
    assert!(
        rep.contains("late.csv") && rep.contains("\"body\"") && rep.contains("rename the column"),
        "{rep}"
    );
}

/// A directory with a symbolic link back to itself, a pipe named like an
/// article, and a file given a second time on the command line: each
/// article is read once, nothing hangs, and each thing left out is in the
/// skipped report with its reason.
#[cfg(unix)]
#[test]
fn loops_pipes_and_repeated_files_are_read_once_or_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        "The CSTO met in Minsk. It agreed on nothing.",
    )
    .unwrap();
    std::os::unix::fs::symlink(".", corpus.join("loop")).unwrap();
    let fifo = corpus.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let skipped = dir.path().join("skipped.csv");
    let mut child = bin()
        .arg("sentences")
        .arg(&corpus)
        .arg(corpus.join("a.txt"))
        .arg("--skipped")
        .arg(&skipped)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // a hang is a failure, not a stuck test
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("sentences hung on a loop or a pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1 + 2, "{stdout}");
    let rep = std::fs::read_to_string(&skipped).unwrap();
    assert!(
        rep.contains("loop") && rep.contains("symbolic link"),
        "{rep}"
    );
    assert!(rep.contains("the same file as"), "{rep}");
    if made.is_ok_and(|s| s.success()) {
        assert!(
            rep.contains("pipe.txt") && rep.contains("not a regular file"),
            "{rep}"
        );
    }
}

/// Inputs and the output directory are checked before the model loads: with
/// a model directory that does not exist as well, the error is about the
/// missing input, or the output directory that cannot be made.
#[test]
fn inputs_and_output_are_checked_before_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let no_model = dir.path().join("no-model");
    let o = bin()
        .args(["--quiet", "analyze", "--model"])
        .arg(&no_model)
        .arg(dir.path().join("missing.txt"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("missing.txt") && err.contains("no such file"),
        "{err}"
    );
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "The CSTO met in Minsk.").unwrap();
    let o = bin()
        .args(["--quiet", "analyze", "--model"])
        .arg(&no_model)
        .arg("--out")
        .arg(article.join("out"))
        .arg(&article)
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("output directory") && err.contains("--out"),
        "{err}"
    );
}

/// An encoder whose weights were damaged in place (same size, one megabyte
/// overwritten) is refused at load with the file named and what to do,
/// instead of a run of NaN probabilities.
#[test]
fn damaged_encoder_weights_are_refused_at_load() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    let enc = root.join("all-MiniLM-L6-v2");
    // the encoder is fetched by the suite's first model test if missing
    let o = bin()
        .args(["--quiet", "classify", "--preset", "fast"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let tmp = tempfile::tempdir().unwrap();
    let models = tmp.path();
    std::fs::create_dir_all(models.join("stance-fast")).unwrap();
    for f in ["model.json", "heads.safetensors"] {
        std::fs::copy(
            root.join("stance-fast").join(f),
            models.join("stance-fast").join(f),
        )
        .unwrap();
    }
    let bad = models.join("all-MiniLM-L6-v2");
    std::fs::create_dir_all(&bad).unwrap();
    for e in std::fs::read_dir(&enc).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if p.is_file() && !name.ends_with(".verified") {
            std::fs::copy(&p, bad.join(&name)).unwrap();
        }
    }
    let weights = bad.join("model.safetensors");
    let mut bytes = std::fs::read(&weights).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid..mid + (1 << 20)].fill(0xff);
    std::fs::write(&weights, &bytes).unwrap();
    let o = with_stdin(
        bin()
            .args(["--quiet", "classify", "--preset", "fast"])
            .env("STANCEMAP_MODELS", models),
        b"The CSTO met in Minsk.\n",
    );
    assert!(
        !o.status.success(),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("model.safetensors")
            && err.contains("sha256")
            && err.contains("fetch it afresh"),
        "{err}"
    );
}

/// An article that is all page furniture is named in skipped.csv (it has no
/// row in articles.csv), and the temporary file a killed run left in the
/// output directory is cleaned up by the next run.
#[test]
fn a_furniture_only_article_is_accounted_for_and_dead_temps_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("real.txt"),
        "The CSTO met in Minsk.\n\nThe ministers said the bloc would hold drills in the autumn.",
    )
    .unwrap();
    std::fs::write(
        corpus.join("junk.txt"),
        "© 2024 All rights reserved.\nCookies help us deliver our services.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // what a run killed mid-write leaves: a temporary file of a process that is gone
    let dead = out.join(".outlets.csv.4000000000.tmp");
    std::fs::write(&dead, "half a file").unwrap();
    let o = bin()
        .args(["--quiet", "analyze", "--preset", "fast", "--out"])
        .arg(&out)
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        !dead.exists(),
        "the dead run's temporary file is still there"
    );
    let articles = std::fs::read_to_string(out.join("articles.csv")).unwrap();
    let skipped = std::fs::read_to_string(out.join("skipped.csv")).unwrap();
    assert!(!articles.contains("junk"), "{articles}");
    assert!(
        skipped.contains("junk.txt,junk,,article left out")
            && skipped.contains("no sentence remained"),
        "{skipped}"
    );
    assert!(articles.contains("real"), "{articles}");
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Heads whose numbers were changed after training (the file still parses)
/// are refused at load: model.json pins their sha256.
#[test]
fn damaged_heads_are_refused_at_load() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models/stance-fast");
    let tmp = tempfile::tempdir().unwrap();
    for f in ["model.json", "heads.safetensors"] {
        std::fs::copy(src.join(f), tmp.path().join(f)).unwrap();
    }
    let heads = tmp.path().join("heads.safetensors");
    let mut bytes = std::fs::read(&heads).unwrap();
    let last = bytes.len() - 2;
    bytes[last] ^= 0x01; // one float's low bits: the file still parses
    std::fs::write(&heads, &bytes).unwrap();
    let o = with_stdin(
        bin()
            .args(["--quiet", "classify", "--model"])
            .arg(tmp.path()),
        b"The CSTO met in Minsk.\n",
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("heads.safetensors") && err.contains("heads are damaged"),
        "{err}"
    );
}

/// UTF-16 with a byte-order mark is read; without one it is named, with the
/// command that converts it; a JSON array row and an over-long line or file
/// are skipped with their reasons, and the rest is read.
#[test]
fn utf16_json_arrays_and_oversized_articles() {
    let dir = tempfile::tempdir().unwrap();
    let utf16 = |bom: bool, s: &str| {
        let mut b: Vec<u8> = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        for u in s.encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        b
    };
    let with_bom = dir.path().join("with_bom.txt");
    std::fs::write(
        &with_bom,
        utf16(true, "The CSTO met in Минск. It agreed on drills.\r\n"),
    )
    .unwrap();
    let no_bom = dir.path().join("no_bom.txt");
    std::fs::write(
        &no_bom,
        utf16(false, "The CSTO met in Minsk. It agreed on drills."),
    )
    .unwrap();
    let rows = dir.path().join("rows.jsonl");
    let long = "word ".repeat(700_000); // 3.5 MB without a full stop
    std::fs::write(
        &rows,
        format!(
            "{{\"id\": \"r1\", \"text\": \"The bloc met. It said little.\"}}\n[\"r2\", \"The bloc met again.\"]\n{{\"id\": \"r3\", \"text\": \"{long}\"}}\n{{\"id\": \"r4\", \"text\": \"Drills followed.\"}}\n"
        ),
    )
    .unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, &long).unwrap();
    let (ids, out, rep) = sentences(&[&with_bom, &no_bom, &rows, &big], dir.path());
    assert_eq!(ids, ["with_bom", "with_bom", "r1", "r1", "r4"], "{out}");
    assert!(out.contains("The CSTO met in Минск."), "{out}");
    let reason = |source: &str| {
        rep.lines()
            .find(|l| l.contains(source))
            .unwrap_or_else(|| panic!("{source} not in {rep}"))
            .to_string()
    };
    assert!(
        reason("no_bom.txt").contains("iconv -f UTF-16LE -t UTF-8"),
        "{rep}"
    );
    assert!(
        reason("rows.jsonl:2").contains("an array, not a JSON object"),
        "{rep}"
    );
    assert!(reason("rows.jsonl:3").contains("line over 2 MB"), "{rep}");
    assert!(reason("big.txt").contains("over the 2 MB limit"), "{rep}");
}

/// A binary installed outside the source tree (as `cargo install --path .`
/// puts it) works from any directory: the shipped heads compiled into it
/// are written into the user's cache ($XDG_CACHE_HOME/stancemap/models),
/// where the encoders are looked for and fetched; `--models-dir` puts
/// them elsewhere.
#[cfg(unix)]
#[test]
fn an_installed_binary_keeps_its_models_in_the_user_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let installed = tmp.path().join("bin/stancemap");
    std::fs::create_dir_all(installed.parent().unwrap()).unwrap();
    let built = std::path::Path::new(env!("CARGO_BIN_EXE_stancemap"));
    if std::fs::hard_link(built, &installed).is_err() {
        std::fs::copy(built, &installed).unwrap();
    }
    let tree = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    // the encoder as a fetch would leave it (linked, not fetched again)
    let encoder = |root: &std::path::Path| {
        std::fs::create_dir_all(root).unwrap();
        std::os::unix::fs::symlink(tree.join("all-MiniLM-L6-v2"), root.join("all-MiniLM-L6-v2"))
            .unwrap();
    };
    let cache = tmp.path().join("cache");
    encoder(&cache.join("stancemap/models"));
    let work = tmp.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let classify = |extra: &[&std::ffi::OsStr]| {
        let mut cmd = Command::new(&installed);
        cmd.current_dir(&work)
            .env("XDG_CACHE_HOME", &cache)
            .env_remove("STANCEMAP_MODELS")
            .arg("--quiet")
            .args(extra)
            .args(["classify", "--preset", "fast"]);
        with_stdin(&mut cmd, b"The CSTO met in Minsk.\n")
    };
    let o = classify(&[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 2);
    let heads = cache.join("stancemap/models/stance-fast");
    for f in ["model.json", "heads.safetensors"] {
        assert_eq!(
            std::fs::read(heads.join(f)).unwrap(),
            std::fs::read(tree.join("stance-fast").join(f)).unwrap(),
            "{f}"
        );
    }
    let other = tmp.path().join("other");
    encoder(&other);
    let o = classify(&["--models-dir".as_ref(), other.as_os_str()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(other.join("stance-fast/model.json").is_file());
    assert_eq!(
        std::fs::read_dir(&work).unwrap().count(),
        0,
        "wrote into the working directory"
    );
}

/// A quote left unclosed in a CSV corpus would let a row's text swallow
/// the rows after it (the csv reader is lenient): the broken row is
/// skipped naming the lines it holds, and the rows after it are read.
#[test]
fn a_broken_quote_in_a_csv_corpus_swallows_nothing_silently() {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("broken.csv");
    std::fs::write(
        &csv_path,
        "id,outlet,text\n\
         c1,TASS,\"The bloc held drills. Troops returned home.\"\n\
         c2,TASS,\"A broken quote starts here. It never ends.\n\
         c3,TASS,\"A second drill followed in May.\"\n\
         c4,TASS,\"Ministers met in Minsk.\"\n\
         c5,TASS,\"This one is never closed.\n\
         c6,TASS,The end of the file.\n",
    )
    .unwrap();
    let (ids, out, rep) = sentences(&[&csv_path], dir.path());
    assert_eq!(ids, ["c1", "c1", "c4"], "{out}");
    assert!(!out.contains("c3,TASS"), "{out}");
    assert!(
        rep.contains("broken.csv:3") && rep.contains("lines 3-4") && rep.contains("not doubled"),
        "{rep}"
    );
    assert!(
        rep.contains("broken.csv:6") && rep.contains("lines 6-7") && rep.contains("never closed"),
        "{rep}"
    );
}
