//! Stage 8 — the reports.
//!
//! In: an [`Analysis`]. Out, in the output directory (each file written
//! atomically): claims.csv, articles.csv, outlets.csv, comparison.csv,
//! aligned_claims.csv, skipped.csv, and report.html, one self-contained
//! HTML page (inline CSS and SVG; no scripts, fonts or images from
//! elsewhere) with stance shares per outlet, net stance per article with
//! intervals, the outlet divergence matrix and the aligned claims. CSV rows
//! come in a stable order and floats are printed with six decimals, so the
//! same input and model give byte-identical files.

use crate::analyze::{reported_stance, Analysis};
use crate::document;
use crate::output::write_atomic;
use anyhow::Result;
use std::fmt::Write;
use std::path::{Path, PathBuf};

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

fn aligned_table(a: &Analysis) -> String {
    let mut s = String::from("<table class=\"aligned\"><tr><th>group</th><th>outlet</th><th>article</th><th>claim</th><th>stance</th><th>speaker</th></tr>");
    for (gi, g) in a.groups.iter().enumerate() {
        for (k, &m) in g.members.iter().enumerate() {
            let r = &a.results[m];
            let d = &a.docs[r.doc];
            let st = reported_stance(&r.prediction);
            let first = if k == 0 {
                format!("<td rowspan=\"{}\" class=\"g\">{}<br><small>{} outlets · sim {:.2}</small></td>", g.members.len(), gi + 1, g.n_outlets, g.mean_similarity)
            } else {
                String::new()
            };
            let _ = write!(
                s,
                "<tr>{first}<td>{}</td><td>{}</td><td>{}</td><td class=\"st {st}\">{st}</td><td>{}</td></tr>",
                esc(&d.outlet.outlet),
                esc(&d.article.id),
                esc(&d.sentences[r.sentence].one_line()),
                esc(&r.attribution.speaker)
            );
        }
    }
    s.push_str("</table>");
    s
}

/// The whole page.
pub fn html(a: &Analysis) -> String {
    let claims: usize = a.results.iter().filter(|r| r.prediction.is_claim).count();
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
        a.docs.len(),
        a.outlets.len(),
        a.results.len(),
        claims,
        esc(&a.model_name)
    );
    s.push_str("<h2>Stance shares per outlet</h2>");
    s.push_str(&stance_bars(a));
    s.push_str("<h2>Net stance per article</h2><p>Dots: articles. Grey bars: the outlet's 95% bootstrap interval (articles, then claims, resampled).</p>");
    s.push_str(&net_chart(a));
    s.push_str("<h2>Outlet divergence</h2><p>Jensen–Shannon distance between the outlets' stance distributions over claims (0 = same, 1 = disjoint).</p>");
    s.push_str(&divergence_matrix(a));
    let _ = write!(s, "<h2>Aligned claims</h2><p>{} groups of close claims from different articles: one fact, framed by several outlets.</p>", a.groups.len());
    s.push_str(&aligned_table(a));
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

pub fn claims_csv(a: &Analysis) -> Result<Vec<u8>> {
    let mut w = csv_writer();
    w.write_record([
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
    ])?;
    for r in &a.results {
        let d = &a.docs[r.doc];
        let s = &d.sentences[r.sentence];
        let p = &r.prediction;
        w.write_record([
            d.article.id.clone(),
            d.outlet.outlet.clone(),
            d.outlet.source_label(),
            s.idx.to_string(),
            s.start.to_string(),
            s.end.to_string(),
            s.one_line(),
            if s.is_heading { "yes" } else { "no" }.into(),
            if p.is_claim { "yes" } else { "no" }.into(),
            f6(p.p_claim as f64),
            reported_stance(p).into(),
            f6(p.p_stance[0] as f64),
            f6(p.p_stance[1] as f64),
            f6(p.p_stance[2] as f64),
            r.attribution.speaker.clone(),
            r.attribution.kind.as_str().into(),
            a.model_name.clone(),
        ])?;
    }
    finish(w)
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
    // titles by article: metadata, else the first heading
    let titles: std::collections::HashMap<&str, String> = a
        .docs
        .iter()
        .map(|d| {
            let t = d.article.title.clone().or_else(|| {
                d.sentences
                    .iter()
                    .find(|x| x.is_heading)
                    .map(|x| x.one_line())
            });
            (d.article.id.as_str(), t.unwrap_or_default())
        })
        .collect();
    for s in &a.articles {
        let title = titles
            .get(s.article_id.as_str())
            .cloned()
            .unwrap_or_default();
        w.write_record([
            s.article_id.clone(),
            s.outlet.clone(),
            title,
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

pub fn aligned_csv(a: &Analysis) -> Result<Vec<u8>> {
    let mut w = csv_writer();
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
    for (gi, g) in a.groups.iter().enumerate() {
        for &m in &g.members {
            let r = &a.results[m];
            let d = &a.docs[r.doc];
            let s = &d.sentences[r.sentence];
            w.write_record([
                (gi + 1).to_string(),
                g.n_outlets.to_string(),
                g.n_articles.to_string(),
                f6(g.mean_similarity as f64),
                d.article.id.clone(),
                d.outlet.outlet.clone(),
                s.idx.to_string(),
                s.one_line(),
                reported_stance(&r.prediction).into(),
                f6(r.prediction.p_stance[0] as f64),
                f6(r.prediction.p_stance[1] as f64),
                f6(r.prediction.p_stance[2] as f64),
                r.attribution.speaker.clone(),
            ])?;
        }
    }
    finish(w)
}

pub fn skipped_csv(a: &Analysis) -> Result<Vec<u8>> {
    let mut w = csv_writer();
    w.write_record(["source", "article_id", "sentence_idx", "reason", "text"])?;
    for s in &a.skipped {
        w.write_record([
            s.source.clone(),
            s.article_id.clone(),
            s.sentence_idx.map(|x| x.to_string()).unwrap_or_default(),
            s.reason.clone(),
            document::one_line(&s.text),
        ])?;
    }
    finish(w)
}

/// Write every report file into `out`.
pub fn write_reports(a: &Analysis, out: &Path) -> Result<Vec<PathBuf>> {
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("claims.csv", claims_csv(a)?),
        ("articles.csv", articles_csv(a)?),
        ("outlets.csv", outlets_csv(a)?),
        ("comparison.csv", comparison_csv(a)?),
        ("aligned_claims.csv", aligned_csv(a)?),
        ("skipped.csv", skipped_csv(a)?),
        ("report.html", html(a).into_bytes()),
    ];
    let mut written = Vec::new();
    for (name, bytes) in files {
        let p = out.join(name);
        write_atomic(&p, &bytes)?;
        written.push(p);
    }
    Ok(written)
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
/// with its outlet and offsets.
pub fn write_sentences(out: impl std::io::Write, docs: &[document::Doc]) -> Result<()> {
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
    for d in docs {
        for s in &d.sentences {
            w.write_record([
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
    }
    w.flush()?;
    Ok(())
}
