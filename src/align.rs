//! Stage 7b — aligned claims: the same claim told by different outlets.
//!
//! In: the claims of all articles with their encoder embeddings (the ones
//! the stance head read; nothing is encoded again). Out: groups of claims
//! from different articles whose embeddings are close (cosine similarity at
//! or above a threshold), so a researcher sees one fact framed differently.
//!
//! Grouping is average-link agglomerative clustering over cross-article
//! pairs: two groups merge while the mean similarity of all their
//! cross-article pairs stays at or above the threshold, and a group never
//! holds two claims of the same article. Average link keeps the chains of
//! single-link clustering ("A is like B, B is like C") out.

use serde::Serialize;

/// Default threshold; see the README for how it was chosen on the seeds.
pub const DEFAULT_THRESHOLD: f32 = 0.70;

#[derive(Debug, Clone)]
pub struct Item {
    pub article_id: String,
    pub outlet: String,
    pub embedding: Vec<f32>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Group {
    /// indices into the items, sorted by (article, position)
    pub members: Vec<usize>,
    pub mean_similarity: f32,
    pub n_outlets: usize,
    pub n_articles: usize,
}

fn cos(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}

/// Group items; only groups spanning two or more articles are returned,
/// ordered by number of outlets, then mean similarity (both descending),
/// then first member.
pub fn align(items: &[Item], threshold: f32) -> Vec<Group> {
    let n = items.len();
    let mut sim = vec![0f32; n * n];
    for i in 0..n {
        for j in i + 1..n {
            let s = cos(&items[i].embedding, &items[j].embedding);
            sim[i * n + j] = s;
            sim[j * n + i] = s;
        }
    }
    // only items with a close claim in another article can join a group
    let mut groups: Vec<Vec<usize>> = (0..n)
        .filter(|&i| {
            (0..n)
                .any(|j| items[i].article_id != items[j].article_id && sim[i * n + j] >= threshold)
        })
        .map(|i| vec![i])
        .collect();
    let link = |a: &[usize], b: &[usize]| -> Option<f32> {
        let mut total = 0f32;
        let mut cnt = 0usize;
        for &x in a {
            for &y in b {
                if items[x].article_id == items[y].article_id {
                    return None;
                }
                total += sim[x * n + y];
                cnt += 1;
            }
        }
        (cnt > 0).then(|| total / cnt as f32)
    };
    loop {
        // the best pair of groups still above the threshold; ties go to the
        // lowest indices, so the result does not depend on anything else
        let mut best: Option<(f32, usize, usize)> = None;
        for a in 0..groups.len() {
            if groups[a].is_empty() {
                continue;
            }
            for b in a + 1..groups.len() {
                if groups[b].is_empty() {
                    continue;
                }
                if let Some(l) = link(&groups[a], &groups[b]) {
                    if l >= threshold && best.is_none_or(|(bl, _, _)| l > bl) {
                        best = Some((l, a, b));
                    }
                }
            }
        }
        let Some((_, a, b)) = best else { break };
        let moved = std::mem::take(&mut groups[b]);
        groups[a].extend(moved);
    }
    let mut out: Vec<Group> = groups
        .into_iter()
        .filter(|g| g.len() >= 2)
        .map(|mut g| {
            g.sort_by(|&x, &y| {
                items[x]
                    .article_id
                    .cmp(&items[y].article_id)
                    .then(x.cmp(&y))
            });
            let mut pairs = 0usize;
            let mut total = 0f32;
            for (k, &x) in g.iter().enumerate() {
                for &y in &g[k + 1..] {
                    total += sim[x * n + y];
                    pairs += 1;
                }
            }
            let mut outlets: Vec<&str> = g.iter().map(|&i| items[i].outlet.as_str()).collect();
            outlets.sort();
            outlets.dedup();
            let mut arts: Vec<&str> = g.iter().map(|&i| items[i].article_id.as_str()).collect();
            arts.sort();
            arts.dedup();
            Group {
                mean_similarity: total / pairs as f32,
                n_outlets: outlets.len(),
                n_articles: arts.len(),
                members: g,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.n_outlets
            .cmp(&a.n_outlets)
            .then(b.mean_similarity.partial_cmp(&a.mean_similarity).unwrap())
            .then(a.members[0].cmp(&b.members[0]))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(a: &str, v: &[f32]) -> Item {
        Item {
            article_id: a.into(),
            outlet: a.into(),
            embedding: v.to_vec(),
        }
    }

    #[test]
    fn groups_across_articles_never_within_one() {
        let items = vec![
            item("a", &[1.0, 0.0, 0.0]),
            item("a", &[0.99, 0.1, 0.0]),
            item("b", &[0.98, 0.05, 0.0]),
            item("c", &[0.0, 0.0, 1.0]),
        ];
        let g = align(&items, 0.9);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].n_articles, 2);
        assert_eq!(g[0].members.len(), 2);
    }
}
