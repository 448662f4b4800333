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

/// How many of its nearest claims in other articles each claim keeps as
/// candidates for a group (the neighbour graph the clustering runs on).
pub const NEIGHBOURS: usize = 48;

/// Rows of claims compared at once in the neighbour search (memory: one
/// block of similarities, `BLOCK` x the number of claims).
const BLOCK: usize = 128;

/// Group items; only groups spanning two or more articles are returned,
/// ordered by number of outlets, then mean similarity (both descending),
/// then first member.
///
/// Scales as about n * k, not n^2: each claim's nearest claims in other
/// articles are found by a blocked exact search (matrix products over
/// blocks of rows; only the `NEIGHBOURS` closest at or above the threshold
/// are kept), and average-link merging runs over that neighbour graph,
/// keeping for each pair of adjacent groups the sum of their members'
/// similarities (updated on each merge, the Lance-Williams way) and
/// computing a sum exactly, from the embeddings, the first time a pair of
/// groups becomes adjacent. Two groups can only reach the threshold on
/// average if some pair of their members does, so with every such pair in
/// the graph the groups are those of full average-link clustering; a claim
/// with more than `NEIGHBOURS` close claims (syndicated copy) may be
/// grouped in another order.
pub fn align(items: &[Item], threshold: f32) -> Vec<Group> {
    let Some(first) = items.first() else {
        return Vec::new();
    };
    let dim = first.embedding.len();
    let emb: Vec<f32> = items
        .iter()
        .flat_map(|i| i.embedding.iter().copied())
        .collect();
    let articles: Vec<&str> = items.iter().map(|i| i.article_id.as_str()).collect();
    let outlets: Vec<&str> = items.iter().map(|i| i.outlet.as_str()).collect();
    align_rows(&articles, &outlets, &emb, dim, threshold)
}

/// [`align`] over claims given as columns: each claim's article and outlet,
/// and the embeddings one row after another (`dim` numbers each), the way
/// `analyze` collects them without a copy per claim.
pub fn align_rows(
    articles: &[&str],
    outlets: &[&str],
    emb: &[f32],
    dim: usize,
    threshold: f32,
) -> Vec<Group> {
    let n = articles.len();
    assert_eq!(emb.len(), n * dim, "one embedding row per claim");
    assert_eq!(outlets.len(), n, "one outlet per claim");
    if n == 0 {
        return Vec::new();
    }
    let row = |i: usize| &emb[i * dim..(i + 1) * dim];
    // the block products need unit vectors: the encoders give them; other
    // vectors are normalised in a copy
    let normalised = (0..n).all(|i| (row(i).iter().map(|x| x * x).sum::<f32>() - 1.0).abs() < 1e-3);
    let copy: Vec<f32>;
    let unit: &[f32] = if normalised {
        emb
    } else {
        copy = (0..n)
            .flat_map(|i| {
                let norm = row(i).iter().map(|x| x * x).sum::<f32>().sqrt();
                let inv = if norm > 0.0 { 1.0 / norm } else { 0.0 };
                row(i).iter().map(move |x| x * inv)
            })
            .collect();
        &copy
    };
    let art = articles;
    let exact = |i: usize, j: usize| cos(row(i), row(j));

    // 1. neighbour graph: for each claim, its closest claims in other
    //    articles at or above the threshold (exact similarity kept)
    let mut neighbours: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
    for b0 in (0..n).step_by(BLOCK) {
        let b1 = (b0 + BLOCK).min(n);
        // the block as the weights of a product: sims[r, c] = unit[r] . unit[b0 + c]
        let block = crate::kernels::Linear::new(
            &unit[b0 * dim..b1 * dim],
            vec![0.0; b1 - b0],
            b1 - b0,
            dim,
        );
        let sims = block.product(unit, n);
        let w = b1 - b0;
        for (r, list) in neighbours.iter_mut().enumerate() {
            for c in 0..w {
                let j = b0 + c;
                // a small margin: the product sums in another order than `cos`
                if j != r && art[j] != art[r] && sims[r * w + c] >= threshold - 1e-4 {
                    let s = exact(r, j);
                    if s >= threshold {
                        list.push((j as u32, s));
                    }
                }
            }
            if list.len() > 2 * NEIGHBOURS {
                keep_closest(list);
            }
        }
    }
    for list in &mut neighbours {
        keep_closest(list);
    }

    // 2. average-link merging over the graph
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut alive: Vec<bool> = neighbours.iter().map(|l| !l.is_empty()).collect();
    // adjacent groups: (sum of member similarities, an article in common)
    let mut adj: Vec<std::collections::HashMap<u32, (f32, bool)>> = vec![Default::default(); n];
    for i in 0..n {
        for &(j, s) in &neighbours[i] {
            adj[i].insert(j, (s, false));
            adj[j as usize].insert(i as u32, (s, false));
        }
    }
    drop(neighbours);
    let link = |sum: f32, a: usize, b: usize, members: &[Vec<usize>]| {
        sum / (members[a].len() * members[b].len()) as f32
    };
    // candidates ordered by link, then by the lower group, then the higher
    // (a group is named by its first member, as full clustering does)
    #[derive(PartialEq)]
    struct Cand(f32, usize, usize, u32, u32);
    impl Eq for Cand {}
    impl PartialOrd for Cand {
        fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
            Some(self.cmp(o))
        }
    }
    impl Ord for Cand {
        fn cmp(&self, o: &Self) -> std::cmp::Ordering {
            self.0
                .total_cmp(&o.0)
                .then(o.1.cmp(&self.1))
                .then(o.2.cmp(&self.2))
        }
    }
    let mut version = vec![0u32; n];
    let mut heap = std::collections::BinaryHeap::new();
    for (a, pairs) in adj.iter().enumerate() {
        for (&b, &(sum, conflict)) in pairs {
            let b = b as usize;
            if a < b && !conflict {
                let l = link(sum, a, b, &members);
                if l >= threshold {
                    heap.push(Cand(l, a, b, 0, 0));
                }
            }
        }
    }
    while let Some(Cand(_, a, b, va, vb)) = heap.pop() {
        if !alive[a] || !alive[b] || version[a] != va || version[b] != vb {
            continue;
        }
        // merge b into a (a < b: a group keeps the name of its first member)
        let a_members = std::mem::take(&mut members[a]);
        let b_members = std::mem::take(&mut members[b]);
        alive[b] = false;
        version[a] += 1;
        let adj_a = std::mem::take(&mut adj[a]);
        let adj_b = std::mem::take(&mut adj[b]);
        let mut touched: Vec<usize> = adj_a
            .keys()
            .chain(adj_b.keys())
            .map(|&c| c as usize)
            .filter(|&c| c != a && c != b && alive[c])
            .collect();
        touched.sort_unstable();
        touched.dedup();
        let size = a_members.len() + b_members.len();
        let mut merged_adj = std::collections::HashMap::new();
        for c in touched {
            // the sums of a and of b with c; one not known yet (c was
            // adjacent to only one of them) is computed from the embeddings
            let from_a = adj_a
                .get(&(c as u32))
                .copied()
                .unwrap_or_else(|| exact_sum(&a_members, &members[c], art, &exact));
            let from_b = adj_b
                .get(&(c as u32))
                .copied()
                .unwrap_or_else(|| exact_sum(&b_members, &members[c], art, &exact));
            let merged = (from_a.0 + from_b.0, from_a.1 || from_b.1);
            merged_adj.insert(c as u32, merged);
            adj[c].remove(&(b as u32));
            adj[c].insert(a as u32, merged);
            let l = merged.0 / (size * members[c].len()) as f32;
            if !merged.1 && l >= threshold {
                let (x, y) = if a < c { (a, c) } else { (c, a) };
                heap.push(Cand(l, x, y, version[x], version[y]));
            }
        }
        members[a] = a_members.into_iter().chain(b_members).collect();
        adj[a] = merged_adj;
    }
    let groups = (0..n)
        .filter(|&g| alive[g] && members[g].len() >= 2)
        .map(|g| members[g].clone());
    finish_groups(groups, art, outlets, exact)
}

/// Groups as reported: members sorted by (article, position), their mean
/// pairwise similarity and how many outlets and articles they span; the
/// groups ordered by number of outlets, then mean similarity (both
/// descending), then first member.
fn finish_groups(
    groups: impl Iterator<Item = Vec<usize>>,
    art: &[&str],
    outlets: &[&str],
    sim: impl Fn(usize, usize) -> f32,
) -> Vec<Group> {
    let mut out: Vec<Group> = groups
        .map(|mut g| {
            g.sort_by(|&x, &y| art[x].cmp(art[y]).then(x.cmp(&y)));
            let mut pairs = 0usize;
            let mut total = 0f32;
            for (k, &x) in g.iter().enumerate() {
                for &y in &g[k + 1..] {
                    total += sim(x, y);
                    pairs += 1;
                }
            }
            let mut outs: Vec<&str> = g.iter().map(|&i| outlets[i]).collect();
            outs.sort();
            outs.dedup();
            let mut arts: Vec<&str> = g.iter().map(|&i| art[i]).collect();
            arts.sort();
            arts.dedup();
            Group {
                mean_similarity: total / pairs as f32,
                n_outlets: outs.len(),
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

/// The sum of the similarities between two sets of claims, and whether
/// they share an article.
fn exact_sum(
    xs: &[usize],
    ys: &[usize],
    art: &[&str],
    exact: &impl Fn(usize, usize) -> f32,
) -> (f32, bool) {
    let mut sum = 0f32;
    let mut shared = false;
    for &x in xs {
        for &y in ys {
            sum += exact(x, y);
            shared |= art[x] == art[y];
        }
    }
    (sum, shared)
}

/// Keep the `NEIGHBOURS` most similar (ties to the lower index).
fn keep_closest(list: &mut Vec<(u32, f32)>) {
    list.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    list.truncate(NEIGHBOURS);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The full average-link clustering over every pair (n^2 memory), the
    /// reference [`align`] must agree with.
    fn align_full(items: &[Item], threshold: f32) -> Vec<Group> {
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
                (0..n).any(|j| {
                    items[i].article_id != items[j].article_id && sim[i * n + j] >= threshold
                })
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
        let art: Vec<&str> = items.iter().map(|i| i.article_id.as_str()).collect();
        let outlets: Vec<&str> = items.iter().map(|i| i.outlet.as_str()).collect();
        finish_groups(
            groups.into_iter().filter(|g| g.len() >= 2),
            &art,
            &outlets,
            |x, y| sim[x * n + y],
        )
    }

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

    /// Random claims in a few articles, with planted near-copies: the
    /// neighbour-graph clustering gives the groups of the full one.
    #[test]
    fn agrees_with_full_average_link() {
        let mut seed = 7u64;
        let mut rnd = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 10_000) as f32 / 10_000.0 - 0.5
        };
        for round in 0..4 {
            let dim = 16;
            let mut items = Vec::new();
            let bases: Vec<Vec<f32>> = (0..12).map(|_| (0..dim).map(|_| rnd()).collect()).collect();
            for a in 0..9 {
                for k in 0..10 {
                    let base = &bases[(a * 3 + k + round) % bases.len()];
                    let noise = 0.15 + 0.1 * (k % 3) as f32;
                    let v: Vec<f32> = base.iter().map(|x| x + noise * rnd()).collect();
                    items.push(item(&format!("art{a}"), &v));
                }
            }
            for threshold in [0.7, 0.8, 0.9] {
                let full = align_full(&items, threshold);
                let fast = align(&items, threshold);
                assert!(
                    !full.is_empty(),
                    "round {round} at {threshold}: nothing to compare"
                );
                assert_eq!(fast, full, "round {round} at {threshold}");
            }
        }
    }
}
