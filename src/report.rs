//! Stage 8 — the reports.
//!
//! In: the annotated `Doc`s, a chunk at a time ([`ReportWriter::write_docs`]
//! writes their rows of claims.csv and skipped.csv as the run goes), then
//! an [`Analysis`] (the aggregates and the aligned groups) for the rest.
//! Out, in the run's staging directory (swapped in for the output
//! directory as a whole when the run has finished, see
//! [`crate::output::StagedDir`]): claims.csv, claims.parquet,
//! articles.csv, outlets.csv, comparison.csv, aligned_claims.csv (its rows
//! read back from claims.csv), skipped.csv, and report.html, one self-contained
//! HTML page (inline CSS and SVG; no scripts, fonts or images from
//! elsewhere) with stance shares per outlet, net stance per article with
//! intervals, the outlet divergence matrix and the aligned claims. CSV rows
//! come in a stable order and floats are printed with six decimals, so the
//! same input and model give byte-identical files.

use crate::aggregate::{ArticleStats, OutletStats, PairStats};
use crate::align::Group;
use crate::document::{self, reported_stance, Doc};
use crate::ingest::Skipped;
use crate::journal::Appender;
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// What the reports are written from besides the per-sentence rows (which
/// are written as the run goes): counts, the article, outlet and pair
/// tables, and the aligned groups (members numbered by claim, in the order
/// of claims.csv).
pub struct Analysis {
    pub n_articles: usize,
    pub n_sentences: usize,
    pub n_claims: usize,
    /// sorted by article id
    pub articles: Vec<ArticleStats>,
    /// each article's title (metadata, else its first heading), in the
    /// order of `articles`
    pub titles: Vec<String>,
    pub outlets: Vec<OutletStats>,
    pub pairs: Vec<PairStats>,
    pub groups: Vec<Group>,
    pub timings: Vec<(String, f64)>,
    pub model_name: String,
}

/// The files a run writes into its output directory.
pub const REPORT_FILES: [&str; 8] = [
    "claims.csv",
    "claims.parquet",
    "articles.csv",
    "outlets.csv",
    "comparison.csv",
    "aligned_claims.csv",
    "skipped.csv",
    "report.html",
];

/// Aligned groups shown on the HTML page (all are in aligned_claims.csv).
pub const HTML_GROUPS: usize = 200;

/// Rows of claims.parquet per row group, whatever the chunk size (so the
/// file's bytes do not depend on it).
const PARQUET_ROW_GROUP: usize = 16_384;

/// claims.parquet: the rows of claims.csv with their types (probabilities
/// as the model's f32, offsets as integers), built at the end from
/// claims.csv and the probabilities the run kept beside it.
struct ClaimsParquet {
    writer: polars::io::parquet::write::BatchedWriter<std::fs::File>,
}

/// A row of claims.csv and its probabilities (p_claim, p_pro, p_critical,
/// p_neutral) as the model gave them.
type TypedRow = (csv::StringRecord, [f32; 4]);

impl ClaimsParquet {
    fn create(path: &Path) -> Result<Self> {
        use polars::prelude::*;
        let file = std::fs::File::create(path)
            .with_context(|| format!("{}: cannot create", path.display()))?;
        let schema = Self::frame(&[])?.schema().as_ref().clone();
        let writer = ParquetWriter::new(file)
            .with_compression(ParquetCompression::Zstd(None))
            .batched(&schema)
            .map_err(|e| {
                anyhow::anyhow!("{}: cannot start the Parquet file: {e}", path.display())
            })?;
        Ok(ClaimsParquet { writer })
    }

    /// The typed rows.
    fn frame(rows: &[TypedRow]) -> Result<polars::prelude::DataFrame> {
        use polars::prelude::*;
        let text = |i: usize| {
            rows.iter()
                .map(|(r, _)| r[i].to_string())
                .collect::<Vec<_>>()
        };
        let yes = |i: usize| rows.iter().map(|(r, _)| &r[i] == "yes").collect::<Vec<_>>();
        let p = |i: usize| rows.iter().map(|(_, p)| p[i]).collect::<Vec<_>>();
        let int = |i: usize| -> Result<Vec<u64>> {
            rows.iter()
                .map(|(r, _)| {
                    r[i].parse::<u64>()
                        .with_context(|| format!("claims.csv: not a number: {:?}", &r[i]))
                })
                .collect()
        };
        let idx: Vec<u32> = int(3)?.into_iter().map(|x| x as u32).collect();
        Ok(df!(
            "article_id" => text(0),
            "outlet" => text(1),
            "outlet_source" => text(2),
            "sentence_idx" => idx,
            "start" => int(4)?,
            "end" => int(5)?,
            "text" => text(6),
            "is_heading" => yes(7),
            "is_claim" => yes(8),
            "p_claim" => p(0),
            "stance" => text(10),
            "p_pro" => p(1),
            "p_critical" => p(2),
            "p_neutral" => p(3),
            "attribution" => text(14),
            "speaker_kind" => text(15),
            "model" => text(16),
        )?)
    }

    /// One row group.
    fn write(&mut self, rows: &[TypedRow]) -> Result<()> {
        let mut df = Self::frame(rows)?;
        df.rechunk_mut();
        self.writer.write_batch(&df)?;
        Ok(())
    }

    fn finish(self) -> Result<()> {
        self.writer.finish()?;
        Ok(())
    }
}

/// The files of a run that grow as it goes (claims.csv in the staging
/// directory, the rest in its journal): what a checkpoint records the
/// lengths of, and a resume cuts back to.
pub const CLAIMS: &str = "claims.csv";
pub const PROBS: &str = "probs.f32";
pub const REMOVED: &str = "removed.csv";
pub const INPUTS_SKIPPED: &str = "inputs-skipped.csv";

/// The reports of one run, written as it goes into the run's staging
/// directory ([`crate::output::StagedDir`]): the rows of claims.csv, the
/// model's probabilities beside them (for claims.parquet), and the rows of
/// skipped.csv, each appended chunk by chunk; the rest at [`finish`].
///
/// [`finish`]: ReportWriter::finish
pub struct ReportWriter {
    dir: PathBuf,
    model_name: String,
    claims: Appender,
    /// per row of claims.csv: p_claim, p_pro, p_critical, p_neutral (f32)
    probs: Appender,
    /// the cleaning log's rows of skipped.csv
    removed: Appender,
    /// the inputs ingest left out (the first rows of skipped.csv)
    inputs_skipped: Appender,
}

const CLAIMS_HEADER: [&str; 17] = [
    "article_id",
    "outlet",
    "outlet_source",
    "sentence_idx",
    "start",
    "end",
    "text",
    "is_heading",
    "is_claim",
    "p_claim",
    "stance",
    "p_pro",
    "p_critical",
    "p_neutral",
    "attribution",
    "speaker_kind",
    "model",
];

impl ReportWriter {
    /// Start the reports of a run in the staging directory `dir` (its
    /// journal in `journal`), or, resuming, keep the files' first bytes as
    /// the last checkpoint recorded them.
    pub fn create(
        dir: &Path,
        journal: &Path,
        model_name: &str,
        resume: Option<&BTreeMap<String, u64>>,
    ) -> Result<Self> {
        let keep = |name: &str| -> Result<Option<u64>> {
            resume
                .map(|l| {
                    l.get(name)
                        .copied()
                        .with_context(|| format!("the journal has no length for {name}"))
                })
                .transpose()
        };
        let mut w = ReportWriter {
            claims: Appender::open(&dir.join(CLAIMS), keep(CLAIMS)?)?,
            probs: Appender::open(&journal.join(PROBS), keep(PROBS)?)?,
            removed: Appender::open(&journal.join(REMOVED), keep(REMOVED)?)?,
            inputs_skipped: Appender::open(&journal.join(INPUTS_SKIPPED), keep(INPUTS_SKIPPED)?)?,
            dir: dir.to_path_buf(),
            model_name: model_name.to_string(),
        };
        if resume.is_none() {
            let mut h = csv_writer();
            h.write_record(CLAIMS_HEADER)?;
            w.claims.write_all(&finish(h)?)?;
        }
        Ok(w)
    }

    /// Sync every file; their lengths, for a checkpoint.
    pub fn sync(&mut self) -> Result<BTreeMap<String, u64>> {
        Ok([
            (CLAIMS, self.claims.sync()?),
            (PROBS, self.probs.sync()?),
            (REMOVED, self.removed.sync()?),
            (INPUTS_SKIPPED, self.inputs_skipped.sync()?),
        ]
        .into_iter()
        .map(|(n, l)| (n.to_string(), l))
        .collect())
    }

    /// An input that ingest left out.
    /// Returns the bytes its row took.
    pub fn skipped_input(&mut self, s: &Skipped) -> Result<u64> {
        let mut w = csv_writer();
        skipped_record(&mut w, s)?;
        let bytes = finish(w)?;
        self.inputs_skipped.write_all(&bytes)?;
        Ok(bytes.len() as u64)
    }

    /// Rows another run wrote (a shard's, for `merge`): an article's rows
    /// of claims.csv with their probabilities and its rows of skipped.csv,
    /// or a skipped input's row.
    pub fn append_article(&mut self, claims: &[u8], probs: &[u8], removed: &[u8]) -> Result<()> {
        self.claims.write_all(claims)?;
        self.probs.write_all(probs)?;
        self.removed.write_all(removed)
    }

    pub fn append_skipped_input(&mut self, row: &[u8]) -> Result<()> {
        self.inputs_skipped.write_all(row)
    }

    /// The rows of annotated `docs` (every sentence to claims.csv, every
    /// line cleaning removed to skipped.csv). Returns, per article, the
    /// bytes its rows took in claims.csv and in skipped.csv.
    pub fn write_docs(&mut self, docs: &[Doc]) -> Result<Vec<(u64, u64)>> {
        let mut lens = Vec::with_capacity(docs.len());
        let mut probs = Vec::new();
        for d in docs {
            let mut w = csv_writer();
            for s in &d.sentences {
                let p = s
                    .prediction
                    .as_ref()
                    .context("a sentence the model did not see")?;
                let a = s
                    .attribution
                    .as_ref()
                    .context("a sentence attribution did not see")?;
                w.write_record([
                    d.article.id.as_str(),
                    &d.outlet.outlet,
                    &d.outlet.source_label(),
                    &s.idx.to_string(),
                    &s.start.to_string(),
                    &s.end.to_string(),
                    &s.one_line(),
                    if s.is_heading { "yes" } else { "no" },
                    if p.is_claim { "yes" } else { "no" },
                    &f6(p.p_claim as f64),
                    reported_stance(p),
                    &f6(p.p_stance[0] as f64),
                    &f6(p.p_stance[1] as f64),
                    &f6(p.p_stance[2] as f64),
                    &a.speaker,
                    a.kind.as_str(),
                    &self.model_name,
                ])?;
                for x in [p.p_claim, p.p_stance[0], p.p_stance[1], p.p_stance[2]] {
                    probs.extend_from_slice(&x.to_le_bytes());
                }
            }
            let rows = finish(w)?;
            self.claims.write_all(&rows)?;
            let mut w = csv_writer();
            for row in document::skipped_rows(std::slice::from_ref(d)) {
                skipped_record(&mut w, &row)?;
            }
            let removed = finish(w)?;
            self.removed.write_all(&removed)?;
            lens.push((rows.len() as u64, removed.len() as u64));
        }
        self.probs.write_all(&probs)?;
        Ok(lens)
    }

    /// Write the rest into the staging directory: claims.parquet (from
    /// claims.csv, whose rows are counted against the `n_sentences` the
    /// run read: a mismatch is an error), aligned_claims.csv (its rows read
    /// back from claims.csv), skipped.csv, the tables and the HTML page.
    /// Returns the files' names.
    pub fn finish(mut self, a: &Analysis) -> Result<Vec<&'static str>> {
        use std::io::{Read, Seek, SeekFrom};
        crate::output::failpoint("finish");
        // claims.csv read once: its rows counted, each claim's offset
        // noted, claims.parquet written in row groups
        let mut offsets: Vec<u64> = Vec::with_capacity(a.n_claims);
        let mut parquet = ClaimsParquet::create(&self.dir.join("claims.parquet"))?;
        let mut probs = std::io::BufReader::with_capacity(1 << 16, self.probs.reader()?);
        let mut rdr = csv::ReaderBuilder::new().from_reader(std::io::BufReader::with_capacity(
            1 << 16,
            self.claims.reader()?,
        ));
        let mut batch: Vec<TypedRow> = Vec::with_capacity(PARQUET_ROW_GROUP);
        let mut rows = 0usize;
        let mut rec = csv::StringRecord::new();
        while rdr.read_record(&mut rec)? {
            if rec.len() != CLAIMS_HEADER.len() {
                anyhow::bail!("claims.csv: row {} has {} fields", rows + 1, rec.len());
            }
            if &rec[8] == "yes" {
                offsets.push(rec.position().expect("read from a reader").byte());
            }
            let mut b = [0u8; 16];
            probs
                .read_exact(&mut b)
                .context("the probabilities kept beside claims.csv end early")?;
            let p: [f32; 4] = std::array::from_fn(|k| {
                f32::from_le_bytes(b[4 * k..4 * k + 4].try_into().unwrap())
            });
            batch.push((rec.clone(), p));
            if batch.len() == PARQUET_ROW_GROUP {
                parquet.write(&batch)?;
                batch.clear();
            }
            rows += 1;
        }
        if !batch.is_empty() {
            parquet.write(&batch)?;
        }
        parquet.finish()?;
        if rows != a.n_sentences || offsets.len() != a.n_claims {
            anyhow::bail!(
                "accounting failed: {} sentences and {} claims read, {rows} rows and {} claims in claims.csv (a bug: please report it)",
                a.n_sentences,
                a.n_claims,
                offsets.len()
            );
        }
        crate::output::failpoint("finish-parquet");

        // aligned claims: each member's row read back from claims.csv
        let mut claims_read = std::io::BufReader::new(self.claims.reader()?);
        let mut w = csv::Writer::from_writer(std::io::BufWriter::new(std::fs::File::create(
            self.dir.join("aligned_claims.csv"),
        )?));
        w.write_record([
            "group_id",
            "n_outlets",
            "n_articles",
            "mean_similarity",
            "article_id",
            "outlet",
            "sentence_idx",
            "text",
            "stance",
            "p_pro",
            "p_critical",
            "p_neutral",
            "attribution",
        ])?;
        let mut shown: Vec<Vec<csv::StringRecord>> = Vec::new();
        for (gi, g) in a.groups.iter().enumerate() {
            let mut rows = Vec::new();
            for &m in &g.members {
                claims_read.seek(SeekFrom::Start(offsets[m]))?;
                let mut r = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .from_reader(&mut claims_read);
                let mut rec = csv::StringRecord::new();
                if !r.read_record(&mut rec)? || rec.len() != CLAIMS_HEADER.len() {
                    anyhow::bail!("claims.csv: cannot read back the row of claim {m}");
                }
                w.write_record([
                    &(gi + 1).to_string(),
                    &g.n_outlets.to_string(),
                    &g.n_articles.to_string(),
                    &f6(g.mean_similarity as f64),
                    &rec[0],
                    &rec[1],
                    &rec[3],
                    &rec[6],
                    &rec[10],
                    &rec[11],
                    &rec[12],
                    &rec[13],
                    &rec[14],
                ])?;
                if gi < HTML_GROUPS {
                    rows.push(rec);
                }
            }
            if gi < HTML_GROUPS {
                shown.push(rows);
            }
        }
        w.flush()?;
        drop(w);

        // skipped.csv: the inputs left out, then what cleaning removed
        let mut skipped =
            std::io::BufWriter::new(std::fs::File::create(self.dir.join("skipped.csv"))?);
        let mut w = csv_writer();
        w.write_record(["source", "article_id", "sentence_idx", "reason", "text"])?;
        std::io::Write::write_all(&mut skipped, &finish(w)?)?;
        for part in [&mut self.inputs_skipped, &mut self.removed] {
            let mut f = part.reader()?;
            f.seek(SeekFrom::Start(0))?;
            std::io::copy(&mut f, &mut skipped)?;
        }
        std::io::Write::flush(&mut skipped)?;

        for (name, bytes) in [
            ("articles.csv", articles_csv(a)?),
            ("outlets.csv", outlets_csv(a)?),
            ("comparison.csv", comparison_csv(a)?),
            ("report.html", html(a, &shown).into_bytes()),
        ] {
            std::fs::write(self.dir.join(name), bytes)
                .with_context(|| format!("{}: cannot write", self.dir.join(name).display()))?;
        }
        Ok(REPORT_FILES.to_vec())
    }
}

fn skipped_record<W: std::io::Write>(w: &mut csv::Writer<W>, s: &Skipped) -> Result<()> {
    w.write_record([
        s.source.as_str(),
        &s.article_id,
        &s.sentence_idx.map(|x| x.to_string()).unwrap_or_default(),
        &s.reason,
        &document::one_line(&s.text),
    ])?;
    Ok(())
}

const PRO: &str = "#2b8a3e";
const CRIT: &str = "#c92a2a";
const NEUT: &str = "#adb5bd";

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn stance_bars(a: &Analysis) -> String {
    let rows = &a.outlets;
    let (w, bar_h, gap, left) = (760.0, 26.0, 12.0, 240.0);
    let h = rows.len() as f64 * (bar_h + gap) + 40.0;
    let mut s = format!("<svg viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"stance shares per outlet\">");
    let span = w - left - 20.0;
    for (i, o) in rows.iter().enumerate() {
        let y = 10.0 + i as f64 * (bar_h + gap);
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"lbl\">{} ({} claims)</text>",
            left - 8.0,
            y + bar_h * 0.68,
            esc(&o.outlet),
            o.claims
        );
        let mut x = left;
        for (share, color, name) in [
            (o.share_pro, PRO, "pro"),
            (o.share_critical, CRIT, "critical"),
            (o.share_neutral, NEUT, "neutral"),
        ] {
            let v = share.unwrap_or(0.0);
            let bw = v * span;
            let _ = write!(s, "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bw:.1}\" height=\"{bar_h}\" fill=\"{color}\"><title>{name}: {:.0}%</title></rect>", v * 100.0);
            if bw > 34.0 {
                let _ = write!(
                    s,
                    "<text x=\"{:.1}\" y=\"{:.1}\" class=\"in\">{:.0}%</text>",
                    x + 4.0,
                    y + bar_h * 0.68,
                    v * 100.0
                );
            }
            x += bw;
        }
    }
    let ly = h - 14.0;
    for (k, (c, n)) in [(PRO, "pro"), (CRIT, "critical"), (NEUT, "neutral")]
        .iter()
        .enumerate()
    {
        let lx = left + k as f64 * 110.0;
        let _ = write!(s, "<rect x=\"{lx}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{c}\"/><text x=\"{}\" y=\"{ly}\" class=\"lbl\">{n}</text>", ly - 10.0, lx + 16.0);
    }
    s.push_str("</svg>");
    s
}

/// Net stance per article (dots) with the outlet's bootstrap interval
/// (bars), on a -1 .. 1 axis.
fn net_chart(a: &Analysis) -> String {
    let (w, row_h, left) = (820.0, 24.0, 350.0);
    let h = a.articles.len() as f64 * row_h + 50.0;
    let span = w - left - 30.0;
    let xv = |v: f64| left + (v + 1.0) / 2.0 * span;
    let mut s = format!("<svg viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"net stance per article\">");
    for t in [-1.0, -0.5, 0.0, 0.5, 1.0] {
        let x = xv(t);
        let _ = write!(s, "<line x1=\"{x:.1}\" y1=\"5\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"grid\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"lbl\">{t:+.1}</text>", h - 30.0, h - 14.0);
    }
    for (i, art) in a.articles.iter().enumerate() {
        let y = 15.0 + i as f64 * row_h;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" class=\"lbl\">{} · {}</text>",
            left - 8.0,
            y + 4.0,
            esc(&art.outlet),
            esc(&art.article_id)
        );
        if let Some(o) = a.outlets.iter().find(|o| o.outlet == art.outlet) {
            if let (Some(lo), Some(hi)) = (o.net_stance_lo, o.net_stance_hi) {
                let _ = write!(s, "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" class=\"ci\"><title>{} 95% interval {lo:+.2} .. {hi:+.2}</title></line>", xv(lo), xv(hi), esc(&o.outlet));
            }
        }
        if let Some(v) = art.net_stance {
            let c = if v > 0.05 {
                PRO
            } else if v < -0.05 {
                CRIT
            } else {
                "#495057"
            };
            let _ = write!(s, "<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"{c}\"><title>net stance {v:+.3} over {} claims</title></circle>", xv(v), art.claims);
        }
    }
    s.push_str("</svg>");
    s
}

fn divergence_matrix(a: &Analysis) -> String {
    let names: Vec<&str> = a.outlets.iter().map(|o| o.outlet.as_str()).collect();
    let mut s = String::from("<table class=\"matrix\"><tr><th></th>");
    for n in &names {
        let _ = write!(s, "<th>{}</th>", esc(n));
    }
    s.push_str("</tr>");
    for a_name in &names {
        let _ = write!(s, "<tr><th>{}</th>", esc(a_name));
        for b_name in &names {
            let v = if a_name == b_name {
                Some(0.0)
            } else {
                a.pairs
                    .iter()
                    .find(|p| {
                        (p.outlet_a == *a_name && p.outlet_b == *b_name)
                            || (p.outlet_a == *b_name && p.outlet_b == *a_name)
                    })
                    .and_then(|p| p.js_distance)
            };
            match v {
                Some(v) => {
                    let shade = (255.0 - v * 400.0).clamp(60.0, 255.0) as u8;
                    let _ = write!(
                        s,
                        "<td style=\"background:rgb(255,{shade},{shade})\">{v:.2}</td>"
                    );
                }
                None => s.push_str("<td>–</td>"),
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</table>");
    s
}

/// The aligned groups shown on the page: each member's row of claims.csv.
fn aligned_table(a: &Analysis, shown: &[Vec<csv::StringRecord>]) -> String {
    let mut s = String::from("<table class=\"aligned\"><tr><th>group</th><th>outlet</th><th>article</th><th>claim</th><th>stance</th><th>speaker</th></tr>");
    for (gi, (g, rows)) in a.groups.iter().zip(shown).enumerate() {
        for (k, rec) in rows.iter().enumerate() {
            let st = &rec[10];
            let first = if k == 0 {
                format!("<td rowspan=\"{}\" class=\"g\">{}<br><small>{} outlets · sim {:.2}</small></td>", g.members.len(), gi + 1, g.n_outlets, g.mean_similarity)
            } else {
                String::new()
            };
            let _ = write!(
                s,
                "<tr>{first}<td>{}</td><td>{}</td><td>{}</td><td class=\"st {st}\">{st}</td><td>{}</td></tr>",
                esc(&rec[1]),
                esc(&rec[0]),
                esc(&rec[6]),
                esc(&rec[14])
            );
        }
    }
    s.push_str("</table>");
    s
}

/// The whole page.
/// The whole page; `shown`: the rows of the first [`HTML_GROUPS`] aligned
/// groups.
pub fn html(a: &Analysis, shown: &[Vec<csv::StringRecord>]) -> String {
    let mut s = String::new();
    s.push_str("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>stancemap report</title><style>");
    s.push_str("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:980px;color:#212529;line-height:1.45}");
    s.push_str(
        "h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #dee2e6}",
    );
    s.push_str(".lbl{font-size:12px;fill:#343a40}.in{font-size:11px;fill:#fff}.grid{stroke:#dee2e6}.ci{stroke:#868e96;stroke-width:4;stroke-linecap:round}");
    s.push_str("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #dee2e6;padding:4px 6px;vertical-align:top}");
    s.push_str(".matrix td{text-align:center;min-width:70px}.st.pro{color:#2b8a3e;font-weight:600}.st.critical{color:#c92a2a;font-weight:600}.g{text-align:center;background:#f8f9fa}");
    s.push_str("</style></head><body>");
    let _ = write!(
        s,
        "<h1>stancemap: framing of the target across outlets</h1><p>{} articles, {} outlets, {} sentences, {} claims. Model: <code>{}</code>. Stance is toward the target; a non-claim counts as neutral. Net stance = mean of p(pro) − p(critical) over claims.</p>",
        a.n_articles,
        a.outlets.len(),
        a.n_sentences,
        a.n_claims,
        esc(&a.model_name)
    );
    s.push_str("<h2>Stance shares per outlet</h2>");
    s.push_str(&stance_bars(a));
    s.push_str("<h2>Net stance per article</h2><p>Dots: articles. Grey bars: the outlet's 95% bootstrap interval (articles, then claims, resampled).</p>");
    s.push_str(&net_chart(a));
    s.push_str("<h2>Outlet divergence</h2><p>Jensen–Shannon distance between the outlets' stance distributions over claims (0 = same, 1 = disjoint).</p>");
    s.push_str(&divergence_matrix(a));
    let _ = write!(s, "<h2>Aligned claims</h2><p>{} groups of close claims from different articles: one fact, framed by several outlets.", a.groups.len());
    if a.groups.len() > shown.len() {
        let _ = write!(
            s,
            " The {} that span the most outlets are shown; all are in aligned_claims.csv.",
            shown.len()
        );
    }
    s.push_str("</p>");
    s.push_str(&aligned_table(a, shown));
    s.push_str("</body></html>\n");
    s
}

fn f6(v: f64) -> String {
    format!("{v:.6}")
}

fn of6(v: Option<f64>) -> String {
    v.map(f6).unwrap_or_default()
}

fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().from_writer(Vec::new())
}

fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

pub fn articles_csv(a: &Analysis) -> Result<Vec<u8>> {
    let mut w = csv_writer();
    w.write_record([
        "article_id",
        "outlet",
        "title",
        "sentences",
        "claims",
        "share_pro",
        "share_critical",
        "share_neutral",
        "net_stance",
        "quoted_share",
    ])?;
    for (s, title) in a.articles.iter().zip(&a.titles) {
        w.write_record([
            s.article_id.clone(),
            s.outlet.clone(),
            title.clone(),
            s.sentences.to_string(),
            s.claims.to_string(),
            of6(s.share_pro),
            of6(s.share_critical),
            of6(s.share_neutral),
            of6(s.net_stance),
            of6(s.quoted_share),
        ])?;
    }
    finish(w)
}

pub fn outlets_csv(a: &Analysis) -> Result<Vec<u8>> {
    let mut w = csv_writer();
    w.write_record([
        "outlet",
        "articles",
        "claims",
        "share_pro",
        "share_critical",
        "share_neutral",
        "net_stance",
        "net_stance_lo",
        "net_stance_hi",
    ])?;
    for o in &a.outlets {
        w.write_record([
            o.outlet.clone(),
            o.articles.to_string(),
            o.claims.to_string(),
            of6(o.share_pro),
            of6(o.share_critical),
            of6(o.share_neutral),
            of6(o.net_stance),
            of6(o.net_stance_lo),
            of6(o.net_stance_hi),
        ])?;
    }
    finish(w)
}

pub fn comparison_csv(a: &Analysis) -> Result<Vec<u8>> {
    let mut w = csv_writer();
    w.write_record([
        "outlet_a",
        "outlet_b",
        "js_distance",
        "net_stance_diff",
        "diff_lo",
        "diff_hi",
    ])?;
    for p in &a.pairs {
        w.write_record([
            p.outlet_a.clone(),
            p.outlet_b.clone(),
            of6(p.js_distance),
            of6(p.net_stance_diff),
            of6(p.diff_lo),
            of6(p.diff_hi),
        ])?;
    }
    finish(w)
}

/// The CSV `stancemap classify` prints: one row per input line (an empty
/// line gives a row of empty fields).
pub fn write_classified(
    out: impl std::io::Write,
    sentences: &[String],
    results: &[Option<(crate::model::Prediction, crate::attribution::Attribution)>],
) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "text",
        "stance",
        "p_pro",
        "p_critical",
        "p_neutral",
        "is_claim",
        "p_claim",
        "attribution",
        "speaker_kind",
    ])?;
    for (s, r) in sentences.iter().zip(results) {
        match r {
            None => w.write_record([s.as_str(), "", "", "", "", "", "", "", ""])?,
            Some((p, a)) => w.write_record([
                s.as_str(),
                reported_stance(p),
                &f6(p.p_stance[0] as f64),
                &f6(p.p_stance[1] as f64),
                &f6(p.p_stance[2] as f64),
                if p.is_claim { "yes" } else { "no" },
                &f6(p.p_claim as f64),
                &a.speaker,
                a.kind.as_str(),
            ])?,
        }
    }
    w.flush()?;
    Ok(())
}

/// The CSV `stancemap sentences` prints: every sentence of every article,
/// with its outlet and offsets, written an article at a time.
pub struct SentencesCsv<W: std::io::Write>(csv::Writer<W>);

impl<W: std::io::Write> SentencesCsv<W> {
    pub fn new(out: W) -> Result<Self> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record([
            "article_id",
            "outlet",
            "outlet_source",
            "sentence_idx",
            "start",
            "end",
            "is_heading",
            "text",
        ])?;
        Ok(SentencesCsv(w))
    }

    pub fn write_doc(&mut self, d: &Doc) -> Result<()> {
        for s in &d.sentences {
            self.0.write_record([
                d.article.id.as_str(),
                &d.outlet.outlet,
                &d.outlet.source_label(),
                &s.idx.to_string(),
                &s.start.to_string(),
                &s.end.to_string(),
                if s.is_heading { "yes" } else { "no" },
                &s.one_line(),
            ])?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        self.0.flush()?;
        Ok(())
    }
}
