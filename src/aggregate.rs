//! Stage 7 — aggregation: framing compared across articles and outlets.
//!
//! In: one [`ClaimRow`] per sentence (stance, probabilities, claim flag,
//! speaker kind, outlet). Out: the article, outlet and outlet-pair tables.
//! Counts, shares and means are computed with polars (lazy group-bys and
//! joins); the 95% intervals come from a seeded bootstrap that resamples
//! articles, then claims within each drawn article.

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

/// Net stance (p_pro - p_critical) of each claim, grouped by article.
fn net_by_article(rows: &[ClaimRow], outlet: &str) -> Vec<Vec<f64>> {
    let mut m: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.is_claim && r.outlet == outlet) {
        m.entry(&r.article_id)
            .or_default()
            .push(r.p_pro - r.p_critical);
    }
    m.into_values().collect()
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

/// 95% bootstrap interval of an outlet's net stance.
pub fn net_interval(rows: &[ClaimRow], outlet: &str) -> (Option<f64>, Option<f64>) {
    let groups = net_by_article(rows, outlet);
    let mut rng = crate::output::SplitMix::new(BOOTSTRAP_SEED ^ fnv(outlet));
    let mut v: Vec<f64> = (0..BOOTSTRAP_REPS)
        .filter_map(|_| draw(&groups, &mut rng))
        .collect();
    (percentile(&mut v, 0.025), percentile(&mut v, 0.975))
}

/// outlets.csv: one row per outlet, sorted by name.
pub fn outlets(rows: &[ClaimRow]) -> Result<Vec<OutletStats>> {
    let lf = frame(rows)?.lazy();
    let arts = lf.clone().group_by([col("outlet")]).agg([col("article_id")
        .n_unique()
        .cast(DataType::UInt64)
        .alias("articles")]);
    let claims = lf
        .filter(col("is_claim"))
        .group_by([col("outlet")])
        .agg(claim_aggs());
    let df = arts
        .join(
            claims,
            [col("outlet")],
            [col("outlet")],
            JoinArgs::new(JoinType::Left),
        )
        .sort(["outlet"], SortMultipleOptions::default())
        .collect()?;
    (0..df.height())
        .map(|i| {
            let outlet = str_at(&df, "outlet", i)?;
            let (lo, hi) = net_interval(rows, &outlet);
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
pub fn comparison(rows: &[ClaimRow], outlets: &[OutletStats]) -> Vec<PairStats> {
    let mut out = Vec::new();
    for (i, a) in outlets.iter().enumerate() {
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
            let (ga, gb) = (
                net_by_article(rows, &a.outlet),
                net_by_article(rows, &b.outlet),
            );
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
    out
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
