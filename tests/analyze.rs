//! The main job end to end on the seeds: every report file, byte-identical
//! reruns, and the aggregate tables recomputed independently from claims.csv.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_stancemap"))
}

type Row = BTreeMap<String, String>;

fn read_csv(p: &Path) -> Vec<Row> {
    let mut r = csv::Reader::from_path(p).unwrap();
    let h = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            h.iter()
                .zip(rec.unwrap().iter())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn f(r: &Row, k: &str) -> f64 {
    r[k].parse().unwrap_or_else(|_| panic!("{k}={:?}", r[k]))
}

const FILES: [&str; 8] = stancemap::report::REPORT_FILES;

#[test]
fn analyze_the_seeds() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for out in [&a, &b] {
        let o = bin()
            .args(["--quiet", "analyze", "--out"])
            .arg(out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    // every file, and the same bytes twice
    for name in FILES {
        let x = std::fs::read(a.join(name)).unwrap_or_else(|_| panic!("{name} missing"));
        assert!(!x.is_empty(), "{name} empty");
        assert_eq!(
            x,
            std::fs::read(b.join(name)).unwrap(),
            "{name} differs between runs"
        );
    }
    // no temporary files left behind
    assert_eq!(std::fs::read_dir(&a).unwrap().count(), FILES.len());

    let claims = read_csv(&a.join("claims.csv"));
    // claims.parquet holds the same rows, typed, at full precision
    {
        use polars::prelude::*;
        let file = std::fs::File::open(a.join("claims.parquet")).unwrap();
        let pq = ParquetReader::new(file).finish().unwrap();
        assert_eq!(pq.height(), claims.len());
        assert_eq!(pq.width(), 17);
        let text = pq.column("text").unwrap().str().unwrap().clone();
        let p_pro = pq.column("p_pro").unwrap().f32().unwrap().clone();
        let idx = pq.column("sentence_idx").unwrap().u32().unwrap().clone();
        for (i, r) in claims.iter().enumerate() {
            assert_eq!(text.get(i), Some(r["text"].as_str()));
            assert_eq!(
                idx.get(i).map(|x| x.to_string()).as_deref(),
                Some(r["sentence_idx"].as_str())
            );
            assert!((p_pro.get(i).unwrap() as f64 - f(r, "p_pro")).abs() <= 5e-7);
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // every sentence is accounted for: in claims.csv, or removed as furniture in skipped.csv
    let corpus = stancemap::ingest::load(
        &[root.join("seeds")],
        Some(&root.join("seeds/manifest.csv")),
    )
    .unwrap();
    let docs: Vec<_> = corpus
        .articles
        .into_iter()
        .map(stancemap::document::prepare)
        .collect();
    assert_eq!(
        claims.len(),
        docs.iter().map(|d| d.sentences.len()).sum::<usize>()
    );
    let skipped = read_csv(&a.join("skipped.csv"));
    let furniture = skipped
        .iter()
        .filter(|r| r["reason"].starts_with("furniture"))
        .count();
    assert_eq!(
        furniture,
        docs.iter().map(|d| d.cleaned.removed.len()).sum::<usize>()
    );
    for r in &claims {
        let p = f(r, "p_pro") + f(r, "p_critical") + f(r, "p_neutral");
        assert!((p - 1.0).abs() < 1e-5);
        if r["is_claim"] == "no" {
            assert_eq!(r["stance"], "neutral");
        }
        if r["is_heading"] == "yes" {
            assert_eq!(r["attribution"], "author");
        }
    }

    // articles.csv recomputed from claims.csv
    let mut by_art: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    for r in &claims {
        by_art.entry(r["article_id"].clone()).or_default().push(r);
    }
    let articles = read_csv(&a.join("articles.csv"));
    assert_eq!(articles.len(), 5);
    for (art, row) in by_art.keys().zip(&articles) {
        assert_eq!(&row["article_id"], art);
        let rows = &by_art[art];
        let cl: Vec<&&Row> = rows.iter().filter(|r| r["is_claim"] == "yes").collect();
        let n = cl.len() as f64;
        assert_eq!(f(row, "sentences") as usize, rows.len());
        assert_eq!(f(row, "claims") as usize, cl.len());
        for (lab, col) in [
            ("pro", "share_pro"),
            ("critical", "share_critical"),
            ("neutral", "share_neutral"),
        ] {
            let share = cl.iter().filter(|r| r["stance"] == lab).count() as f64 / n;
            assert!((share - f(row, col)).abs() < 1e-6, "{art} {col}");
        }
        let net = cl
            .iter()
            .map(|r| f(r, "p_pro") - f(r, "p_critical"))
            .sum::<f64>()
            / n;
        assert!(
            (net - f(row, "net_stance")).abs() < 1e-5,
            "{art} net {net} vs {}",
            row["net_stance"]
        );
        let quoted = cl.iter().filter(|r| r["speaker_kind"] != "author").count() as f64 / n;
        assert!((quoted - f(row, "quoted_share")).abs() < 1e-6);
    }

    // outlets.csv recomputed from claims.csv
    let outlets = read_csv(&a.join("outlets.csv"));
    let mut by_outlet: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    for r in &claims {
        by_outlet.entry(r["outlet"].clone()).or_default().push(r);
    }
    assert_eq!(
        outlets
            .iter()
            .map(|o| o["outlet"].clone())
            .collect::<Vec<_>>(),
        by_outlet.keys().cloned().collect::<Vec<_>>()
    );
    let mut dist: BTreeMap<String, [f64; 3]> = BTreeMap::new();
    let mut nets: BTreeMap<String, f64> = BTreeMap::new();
    for o in &outlets {
        let rows = &by_outlet[&o["outlet"]];
        let cl: Vec<&&Row> = rows.iter().filter(|r| r["is_claim"] == "yes").collect();
        let n = cl.len() as f64;
        let arts: std::collections::BTreeSet<&String> =
            rows.iter().map(|r| &r["article_id"]).collect();
        assert_eq!(f(o, "articles") as usize, arts.len());
        assert_eq!(f(o, "claims") as usize, cl.len());
        let d = ["pro", "critical", "neutral"]
            .map(|l| cl.iter().filter(|r| r["stance"] == l).count() as f64 / n);
        assert!(
            (d[0] - f(o, "share_pro")).abs() < 1e-6 && (d[1] - f(o, "share_critical")).abs() < 1e-6
        );
        let net = cl
            .iter()
            .map(|r| f(r, "p_pro") - f(r, "p_critical"))
            .sum::<f64>()
            / n;
        assert!((net - f(o, "net_stance")).abs() < 1e-5);
        assert!(
            f(o, "net_stance_lo") <= net + 1e-9 && net <= f(o, "net_stance_hi") + 1e-9,
            "interval misses the estimate"
        );
        dist.insert(o["outlet"].clone(), d);
        nets.insert(o["outlet"].clone(), net);
    }

    // comparison.csv recomputed from the outlets' distributions
    let comp = read_csv(&a.join("comparison.csv"));
    assert_eq!(comp.len(), outlets.len() * (outlets.len() - 1) / 2);
    for c in &comp {
        let (p, q) = (dist[&c["outlet_a"]], dist[&c["outlet_b"]]);
        let m: Vec<f64> = p.iter().zip(&q).map(|(x, y)| (x + y) / 2.0).collect();
        let kl = |a: &[f64]| {
            a.iter()
                .zip(&m)
                .filter(|(x, _)| **x > 0.0)
                .map(|(x, y)| x * (x / y).log2())
                .sum::<f64>()
        };
        let js = (0.5 * kl(&p) + 0.5 * kl(&q)).sqrt();
        assert!((js - f(c, "js_distance")).abs() < 1e-5, "{c:?}");
        let diff = nets[&c["outlet_a"]] - nets[&c["outlet_b"]];
        assert!((diff - f(c, "net_stance_diff")).abs() < 1e-5);
        assert!(f(c, "diff_lo") <= diff + 1e-9 && diff <= f(c, "diff_hi") + 1e-9);
    }

    // aligned claims: at least three groups that span two or more outlets,
    // never two claims of one article in a group
    let aligned = read_csv(&a.join("aligned_claims.csv"));
    let mut groups: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    for r in &aligned {
        groups.entry(r["group_id"].clone()).or_default().push(r);
    }
    let multi = groups
        .values()
        .filter(|g| {
            g.iter()
                .map(|r| &r["outlet"])
                .collect::<std::collections::BTreeSet<_>>()
                .len()
                >= 2
        })
        .count();
    assert!(multi >= 3, "{multi} groups span two outlets");
    for g in groups.values() {
        let arts: std::collections::BTreeSet<&String> =
            g.iter().map(|r| &r["article_id"]).collect();
        assert_eq!(arts.len(), g.len());
    }

    // the page is self-contained
    let html = std::fs::read_to_string(a.join("report.html")).unwrap();
    assert!(html.contains("<svg") && html.contains("Aligned claims"));
    for bad in ["<script", "src=\"http", "href=\"http", "@import", "url("] {
        assert!(!html.contains(bad), "report.html contains {bad}");
    }
}

#[test]
fn classify_keeps_input_order_and_is_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"text\": \"The CSTO has proven to be a reliable guarantor of regional stability.\"}\n\
         {\"text\": \"The bloc has never agreed on a common threat, so it cannot act.\"}\n\
         \n\
         {\"text\": \"The council meets in Minsk in November.\", \"id\": 3}\n",
    )
    .unwrap();
    let run = |bs: &str| {
        let o = bin()
            .args(["--quiet", "classify", "--batch-size", bs])
            .arg(&input)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    let one = run("1");
    assert_eq!(one, run("1"));
    assert_eq!(one, run("64"), "batch size changed the output");
    let text = String::from_utf8(one).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "text,stance,p_pro,p_critical,p_neutral,is_claim,p_claim,attribution,speaker_kind"
    );
    assert_eq!(lines.len(), 5);
    assert!(lines[1].starts_with("The CSTO has proven"));
    assert_eq!(lines[3], ",,,,,,,,");
    assert!(lines[4].starts_with("The council meets"));

    // a malformed line is an error naming the file and the line
    std::fs::write(&input, "{\"text\": \"fine\"}\n{oops\n").unwrap();
    let o = bin()
        .args(["--quiet", "classify"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("in.jsonl") && err.contains("line 2"), "{err}");
}

/// Articles go through the stages in chunks; the chunk size changes no
/// output: ten articles (the seeds twice, each copy opening with its own
/// line) in chunks of 1, 7 and all give the same bytes in every file.
#[test]
fn chunks_of_one_seven_and_all_give_the_same_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut n = 0;
    for copy in 1..=2 {
        for e in std::fs::read_dir(&seeds).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                let text = std::fs::read_to_string(&p).unwrap();
                let name = format!("copy{copy}_{}", p.file_name().unwrap().to_string_lossy());
                std::fs::write(corpus.join(name), format!("Copy {copy}.\n\n{text}")).unwrap();
                n += 1;
            }
        }
    }
    assert_eq!(n, 10);
    let run = |chunk: &str| {
        let out = tmp.path().join(format!("out{chunk}"));
        let o = bin()
            .args([
                "--quiet",
                "analyze",
                "--preset",
                "fast",
                "--chunk-articles",
                chunk,
                "--out",
            ])
            .arg(&out)
            .arg(&corpus)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        out
    };
    let all = run("1000");
    let claims = read_csv(&all.join("claims.csv"));
    assert!(claims.len() > 500, "{} rows", claims.len());
    for chunk in ["1", "7"] {
        let out = run(chunk);
        for name in FILES {
            assert_eq!(
                std::fs::read(all.join(name)).unwrap(),
                std::fs::read(out.join(name)).unwrap(),
                "{name} differs with chunks of {chunk}"
            );
        }
    }
}
