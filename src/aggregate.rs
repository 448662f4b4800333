//! Stage 7 — aggregation: framing compared across articles and outlets.
//!
//! In: one [`ClaimRow`] per sentence of a chunk of articles. Out: the
//! article table (per chunk: an article is in one chunk), each article's
//! sufficient statistics ([`ArticleSums`]) and each claim's net stance
//! spilled to disk ([`Nets`]); from those, at the end, the outlet and
//! outlet-pair tables. Counts, shares and means are computed with polars
//! (lazy group-bys and joins); the 95% intervals come from a seeded
//! bootstrap that resamples articles, then claims within each drawn
//! article, reading one outlet's claims at a time.

use anyhow::Result;
use polars::prelude::*;
use std::collections::BTreeMap;

/// One sentence as the aggregation sees it.
#[derive(Debug, Clone)]
pub struct ClaimRow {
    pub article_id: String,
    pub outlet: String,
    pub is_claim: bool,
    pub stance: String,
    pub p_pro: f64,
    pub p_critical: f64,
    pub by_author: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArticleStats {
    pub article_id: String,
    pub outlet: String,
    pub sentences: u64,
    pub claims: u64,
    pub share_pro: Option<f64>,
    pub share_critical: Option<f64>,
    pub share_neutral: Option<f64>,
    pub net_stance: Option<f64>,
    pub quoted_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutletStats {
    pub outlet: String,
    pub articles: u64,
    pub claims: u64,
    pub share_pro: Option<f64>,
    pub share_critical: Option<f64>,
    pub share_neutral: Option<f64>,
    pub net_stance: Option<f64>,
    pub net_stance_lo: Option<f64>,
    pub net_stance_hi: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PairStats {
    pub outlet_a: String,
    pub outlet_b: String,
    pub js_distance: Option<f64>,
    pub net_stance_diff: Option<f64>,
    pub diff_lo: Option<f64>,
    pub diff_hi: Option<f64>,
}

pub const BOOTSTRAP_REPS: usize = 2000;
pub const BOOTSTRAP_SEED: u64 = 20_240_601;

fn frame(rows: &[ClaimRow]) -> Result<DataFrame> {
    Ok(df!(
        "article_id" => rows.iter().map(|r| r.article_id.clone()).collect::<Vec<_>>(),
        "outlet" => rows.iter().map(|r| r.outlet.clone()).collect::<Vec<_>>(),
        "is_claim" => rows.iter().map(|r| r.is_claim).collect::<Vec<_>>(),
        "stance" => rows.iter().map(|r| r.stance.clone()).collect::<Vec<_>>(),
        "p_pro" => rows.iter().map(|r| r.p_pro).collect::<Vec<_>>(),
        "p_critical" => rows.iter().map(|r| r.p_critical).collect::<Vec<_>>(),
        "by_author" => rows.iter().map(|r| r.by_author).collect::<Vec<_>>(),
    )?)
}

/// The per-claim aggregates shared by the article and outlet tables.
fn claim_aggs() -> Vec<Expr> {
    vec![
        len().cast(DataType::UInt64).alias("claims"),
        col("stance")
            .eq(lit("pro"))
            .cast(DataType::Float64)
            .mean()
            .alias("share_pro"),
        col("stance")
            .eq(lit("critical"))
            .cast(DataType::Float64)
            .mean()
            .alias("share_critical"),
        col("stance")
            .eq(lit("neutral"))
            .cast(DataType::Float64)
            .mean()
            .alias("share_neutral"),
        (col("p_pro") - col("p_critical"))
            .mean()
            .alias("net_stance"),
        col("by_author")
            .not()
            .cast(DataType::Float64)
            .mean()
            .alias("quoted_share"),
    ]
}

fn s<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Series> {
    Ok(df.column(name)?.as_materialized_series())
}

fn str_at(df: &DataFrame, name: &str, i: usize) -> Result<String> {
    Ok(s(df, name)?.str()?.get(i).unwrap_or("").to_string())
}

fn u64_at(df: &DataFrame, name: &str, i: usize) -> Result<u64> {
    Ok(s(df, name)?
        .cast(&DataType::UInt64)?
        .u64()?
        .get(i)
        .unwrap_or(0))
}

fn f64_at(df: &DataFrame, name: &str, i: usize) -> Result<Option<f64>> {
    Ok(s(df, name)?
        .cast(&DataType::Float64)?
        .f64()?
        .get(i)
        .filter(|v| v.is_finite()))
}

/// articles.csv: one row per article, sorted by article id.
pub fn articles(rows: &[ClaimRow]) -> Result<Vec<ArticleStats>> {
    let lf = frame(rows)?.lazy();
    let sentences = lf.clone().group_by([col("article_id")]).agg([
        len().cast(DataType::UInt64).alias("sentences"),
        col("outlet").first().alias("outlet"),
    ]);
    let claims = lf
        .filter(col("is_claim"))
        .group_by([col("article_id")])
        .agg(claim_aggs());
    let df = sentences
        .join(
            claims,
            [col("article_id")],
            [col("article_id")],
            JoinArgs::new(JoinType::Left),
        )
        .sort(["article_id"], SortMultipleOptions::default())
        .collect()?;
    (0..df.height())
        .map(|i| {
            Ok(ArticleStats {
                article_id: str_at(&df, "article_id", i)?,
                outlet: str_at(&df, "outlet", i)?,
                sentences: u64_at(&df, "sentences", i)?,
                claims: u64_at(&df, "claims", i)?,
                share_pro: f64_at(&df, "share_pro", i)?,
                share_critical: f64_at(&df, "share_critical", i)?,
                share_neutral: f64_at(&df, "share_neutral", i)?,
                net_stance: f64_at(&df, "net_stance", i)?,
                quoted_share: f64_at(&df, "quoted_share", i)?,
            })
        })
        .collect()
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

/// What the outlet table needs of one article: its counts and the sum of
/// its claims' net stance.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleSums {
    pub article_id: String,
    pub outlet: String,
    pub claims: u64,
    pub pro: u64,
    pub critical: u64,
    pub neutral: u64,
    pub net_sum: f64,
}

impl ArticleSums {
    /// The sums of one article's rows (all of one article).
    pub fn of(rows: &[ClaimRow]) -> Option<Self> {
        let first = rows.first()?;
        let mut s = ArticleSums {
            article_id: first.article_id.clone(),
            outlet: first.outlet.clone(),
            claims: 0,
            pro: 0,
            critical: 0,
            neutral: 0,
            net_sum: 0.0,
        };
        for r in rows.iter().filter(|r| r.is_claim) {
            s.claims += 1;
            match r.stance.as_str() {
                "pro" => s.pro += 1,
                "critical" => s.critical += 1,
                _ => s.neutral += 1,
            }
            s.net_sum += r.p_pro - r.p_critical;
        }
        Some(s)
    }
}

/// Each claim's net stance (p_pro - p_critical) with its article, in an
/// unnamed temporary file (removed when dropped): the bootstrap reads one
/// outlet's claims back at a time.
pub struct Nets {
    file: std::fs::File,
    writer: Option<std::io::BufWriter<std::fs::File>>,
    /// article ordinal -> (article id, outlet)
    articles: Vec<(String, String)>,
    len: usize,
}

impl Nets {
    pub fn new_in(dir: &std::path::Path) -> Result<Self> {
        let file = tempfile::tempfile_in(dir).map_err(|e| {
            anyhow::anyhow!("{}: cannot create a temporary file: {e}", dir.display())
        })?;
        Ok(Nets {
            writer: Some(std::io::BufWriter::with_capacity(
                1 << 16,
                file.try_clone()?,
            )),
            file,
            articles: Vec::new(),
            len: 0,
        })
    }

    /// Add one article's claims (its rows; non-claims are passed over).
    pub fn push_article(&mut self, rows: &[ClaimRow]) -> Result<()> {
        use std::io::Write;
        let Some(first) = rows.first() else {
            return Ok(());
        };
        let ordinal = self.articles.len() as u32;
        self.articles
            .push((first.article_id.clone(), first.outlet.clone()));
        let w = self.writer.as_mut().expect("pushed before reading");
        for r in rows.iter().filter(|r| r.is_claim) {
            w.write_all(&ordinal.to_le_bytes())?;
            w.write_all(&(r.p_pro - r.p_critical).to_le_bytes())?;
            self.len += 1;
        }
        Ok(())
    }

    /// The net stance of each claim of `outlet`, grouped by article, the
    /// articles in order of their ids (articles without claims left out).
    pub fn by_article(&mut self, outlet: &str) -> Result<Vec<Vec<f64>>> {
        use std::io::{Read, Seek, SeekFrom, Write};
        if let Some(mut w) = self.writer.take() {
            w.flush()?;
        }
        let mut m: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        let mut f = std::io::BufReader::with_capacity(1 << 16, &self.file);
        f.seek(SeekFrom::Start(0))?;
        let mut rec = [0u8; 12];
        for _ in 0..self.len {
            f.read_exact(&mut rec)?;
            let a = u32::from_le_bytes([rec[0], rec[1], rec[2], rec[3]]) as usize;
            let (id, o) = &self.articles[a];
            if o == outlet {
                let mut b = [0u8; 8];
                b.copy_from_slice(&rec[4..]);
                m.entry(id.as_str())
                    .or_default()
                    .push(f64::from_le_bytes(b));
            }
        }
        Ok(m.into_values().collect())
    }
}

/// One bootstrap draw: articles with replacement, then claims within each.
fn draw(groups: &[Vec<f64>], rng: &mut crate::output::SplitMix) -> Option<f64> {
    if groups.is_empty() {
        return None;
    }
    let (mut sum, mut n) = (0.0, 0usize);
    for _ in 0..groups.len() {
        let g = &groups[rng.below(groups.len())];
        for _ in 0..g.len() {
            sum += g[rng.below(g.len())];
            n += 1;
        }
    }
    (n > 0).then(|| sum / n as f64)
}

fn percentile(v: &mut [f64], q: f64) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pos = q * (v.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    Some(v[lo] + (v[hi] - v[lo]) * (pos - lo as f64))
}

/// 95% bootstrap interval of an outlet's net stance, from its claims'
/// net stance grouped by article.
pub fn net_interval(groups: &[Vec<f64>], outlet: &str) -> (Option<f64>, Option<f64>) {
    let mut rng = crate::output::SplitMix::new(BOOTSTRAP_SEED ^ fnv(outlet));
    let mut v: Vec<f64> = (0..BOOTSTRAP_REPS)
        .filter_map(|_| draw(groups, &mut rng))
        .collect();
    (percentile(&mut v, 0.025), percentile(&mut v, 0.975))
}

fn sums_frame(sums: &[ArticleSums]) -> Result<DataFrame> {
    Ok(df!(
        "outlet" => sums.iter().map(|r| r.outlet.clone()).collect::<Vec<_>>(),
        "claims" => sums.iter().map(|r| r.claims).collect::<Vec<_>>(),
        "pro" => sums.iter().map(|r| r.pro).collect::<Vec<_>>(),
        "critical" => sums.iter().map(|r| r.critical).collect::<Vec<_>>(),
        "neutral" => sums.iter().map(|r| r.neutral).collect::<Vec<_>>(),
        "net_sum" => sums.iter().map(|r| r.net_sum).collect::<Vec<_>>(),
    )?)
}

/// outlets.csv: one row per outlet, sorted by name, from the articles'
/// sufficient statistics (shares and means over the outlet's claims) and
/// the claims' net stance (the interval).
pub fn outlets(sums: &[ArticleSums], nets: &mut Nets) -> Result<Vec<OutletStats>> {
    let claims = col("claims").cast(DataType::Float64);
    // 0 / 0 for an outlet without claims: not finite, read as empty
    let share = |c: &str| col(c).cast(DataType::Float64) / claims.clone();
    let df = sums_frame(sums)?
        .lazy()
        .group_by([col("outlet")])
        .agg([
            len().cast(DataType::UInt64).alias("articles"),
            col("claims").sum(),
            col("pro").sum(),
            col("critical").sum(),
            col("neutral").sum(),
            col("net_sum").sum(),
        ])
        .select([
            col("outlet"),
            col("articles"),
            col("claims"),
            share("pro").alias("share_pro"),
            share("critical").alias("share_critical"),
            share("neutral").alias("share_neutral"),
            share("net_sum").alias("net_stance"),
        ])
        .sort(["outlet"], SortMultipleOptions::default())
        .collect()?;
    (0..df.height())
        .map(|i| {
            let outlet = str_at(&df, "outlet", i)?;
            let (lo, hi) = net_interval(&nets.by_article(&outlet)?, &outlet);
            Ok(OutletStats {
                articles: u64_at(&df, "articles", i)?,
                claims: u64_at(&df, "claims", i)?,
                share_pro: f64_at(&df, "share_pro", i)?,
                share_critical: f64_at(&df, "share_critical", i)?,
                share_neutral: f64_at(&df, "share_neutral", i)?,
                net_stance: f64_at(&df, "net_stance", i)?,
                net_stance_lo: lo,
                net_stance_hi: hi,
                outlet,
            })
        })
        .collect()
}

/// Jensen-Shannon distance (base 2, in [0, 1]) between two distributions.
pub fn js_distance(p: &[f64], q: &[f64]) -> f64 {
    let kl = |a: &[f64], b: &[f64]| -> f64 {
        a.iter()
            .zip(b)
            .filter(|(x, _)| **x > 0.0)
            .map(|(x, y)| x * (x / y).log2())
            .sum()
    };
    let m: Vec<f64> = p.iter().zip(q).map(|(a, b)| (a + b) / 2.0).collect();
    (0.5 * kl(p, &m) + 0.5 * kl(q, &m)).max(0.0).sqrt()
}

/// comparison.csv: one row per pair of outlets (a < b by name).
pub fn comparison(outlets: &[OutletStats], nets: &mut Nets) -> Result<Vec<PairStats>> {
    let mut out = Vec::new();
    for (i, a) in outlets.iter().enumerate() {
        let ga = nets.by_article(&a.outlet)?;
        for b in &outlets[i + 1..] {
            let dist = |o: &OutletStats| Some([o.share_pro?, o.share_critical?, o.share_neutral?]);
            let js = match (dist(a), dist(b)) {
                (Some(p), Some(q)) => Some(js_distance(&p, &q)),
                _ => None,
            };
            let diff = match (a.net_stance, b.net_stance) {
                (Some(x), Some(y)) => Some(x - y),
                _ => None,
            };
            let gb = nets.by_article(&b.outlet)?;
            let mut rng = crate::output::SplitMix::new(
                BOOTSTRAP_SEED ^ fnv(&a.outlet) ^ fnv(&b.outlet).rotate_left(17),
            );
            let mut v: Vec<f64> = (0..BOOTSTRAP_REPS)
                .filter_map(|_| Some(draw(&ga, &mut rng)? - draw(&gb, &mut rng)?))
                .collect();
            out.push(PairStats {
                outlet_a: a.outlet.clone(),
                outlet_b: b.outlet.clone(),
                js_distance: js,
                net_stance_diff: diff,
                diff_lo: percentile(&mut v, 0.025),
                diff_hi: percentile(&mut v, 0.975),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_distance_bounds() {
        assert!(js_distance(&[0.2, 0.3, 0.5], &[0.2, 0.3, 0.5]) < 1e-12);
        assert!((js_distance(&[1.0, 0.0, 0.0], &[0.0, 1.0, 0.0]) - 1.0).abs() < 1e-12);
    }
}
