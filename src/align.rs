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
/// and the embeddings one row after another (`dim` numbers each).
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
    let art = ranks(articles);
    let out = ranks(outlets);
    let rows = Dense { data: emb, dim };
    align_claims(&art, &out, &rows, threshold).expect("in-memory rows cannot fail to read")
}

/// Each string's rank among the distinct strings: equal strings get equal
/// ranks, and ranks sort as the strings do.
pub fn ranks(names: &[&str]) -> Vec<u32> {
    let mut distinct: Vec<&str> = names.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    names
        .iter()
        .map(|n| distinct.binary_search(n).expect("a name of the list") as u32)
        .collect()
}

/// Where the claims' embeddings are read from, a block of rows at a time.
pub trait Rows {
    fn dim(&self) -> usize;
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Rows `start..start + out.len() / dim` into `out`.
    fn read(&self, start: usize, out: &mut [f32]) -> std::io::Result<()>;
}

/// Embeddings held in memory.
pub struct Dense<'a> {
    pub data: &'a [f32],
    pub dim: usize,
}

impl Rows for Dense<'_> {
    fn dim(&self) -> usize {
        self.dim
    }
    fn len(&self) -> usize {
        self.data.len().checked_div(self.dim).unwrap_or(0)
    }
    fn read(&self, start: usize, out: &mut [f32]) -> std::io::Result<()> {
        out.copy_from_slice(&self.data[start * self.dim..start * self.dim + out.len()]);
        Ok(())
    }
}

/// Embeddings spilled to an unnamed temporary file (f32, little-endian,
/// one row after another) as a run produces them, so that memory does not
/// grow with the corpus; the file disappears when this is dropped, even if
/// the run fails.
pub struct Spill {
    file: std::fs::File,
    writer: Option<std::io::BufWriter<std::fs::File>>,
    dim: usize,
    len: usize,
}

impl Spill {
    /// A spill file in `dir` (the output directory: where the user has room).
    pub fn new_in(dir: &std::path::Path) -> anyhow::Result<Self> {
        use anyhow::Context;
        let file = tempfile::tempfile_in(dir).with_context(|| {
            format!(
                "{}: cannot create a temporary file for the claims' embeddings (is the directory writable?)",
                dir.display()
            )
        })?;
        Ok(Spill {
            writer: Some(std::io::BufWriter::with_capacity(
                1 << 20,
                file.try_clone()?,
            )),
            file,
            dim: 0,
            len: 0,
        })
    }

    /// A spill file a run keeps (in its journal, for `--resume`): created
    /// empty, or, resuming, its first `len` rows of width `dim` kept.
    pub fn at(path: &std::path::Path, resume: Option<(usize, usize)>) -> anyhow::Result<Self> {
        use anyhow::Context;
        use std::io::Seek;
        let (dim, len) = resume.unwrap_or((0, 0));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(resume.is_none())
            .read(true)
            .write(true)
            .open(path)
            .with_context(|| format!("{}: cannot create", path.display()))?;
        let bytes = (dim * len * 4) as u64;
        if file.metadata()?.len() < bytes {
            anyhow::bail!(
                "{}: shorter than the journal says; run without --resume to start over",
                path.display()
            );
        }
        file.set_len(bytes)?;
        let mut w = file.try_clone()?;
        w.seek(std::io::SeekFrom::Start(bytes))?;
        Ok(Spill {
            writer: Some(std::io::BufWriter::with_capacity(1 << 20, w)),
            file,
            dim,
            len,
        })
    }

    /// Flush and sync what was pushed (for a checkpoint).
    pub fn sync(&mut self) -> std::io::Result<()> {
        use std::io::Write;
        if let Some(w) = self.writer.as_mut() {
            w.flush()?;
        }
        self.file.sync_data()
    }

    /// Append one row.
    pub fn push(&mut self, row: &[f32]) -> std::io::Result<()> {
        use std::io::Write;
        if self.len == 0 {
            self.dim = row.len();
        }
        assert_eq!(row.len(), self.dim, "every row has the same width");
        let w = self
            .writer
            .as_mut()
            .expect("rows are pushed before reading");
        for x in row {
            w.write_all(&x.to_le_bytes())?;
        }
        self.len += 1;
        Ok(())
    }

    /// Done writing: flush, ready to read.
    pub fn finish(&mut self) -> std::io::Result<()> {
        use std::io::Write;
        if let Some(mut w) = self.writer.take() {
            w.flush()?;
        }
        Ok(())
    }
}

impl Rows for Spill {
    fn dim(&self) -> usize {
        self.dim
    }
    fn len(&self) -> usize {
        self.len
    }
    fn read(&self, start: usize, out: &mut [f32]) -> std::io::Result<()> {
        use std::io::{Read, Seek, SeekFrom};
        assert!(self.writer.is_none(), "finish() before reading");
        let mut bytes = vec![0u8; out.len() * 4];
        let mut f = &self.file;
        f.seek(SeekFrom::Start((start * self.dim * 4) as u64))?;
        f.read_exact(&mut bytes)?;
        for (x, b) in out.iter_mut().zip(bytes.chunks_exact(4)) {
            *x = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        }
        Ok(())
    }
}

/// Query and key rows compared at once in the neighbour search: memory is
/// two blocks of rows and one `BLOCK` x `BLOCK` block of similarities,
/// whatever the number of claims.
const BLOCK: usize = 1024;

/// Claims clustered at a time (whole connected components of the neighbour
/// graph; a larger component is clustered alone).
const BATCH_CLAIMS: usize = 4096;

/// Union-find root, with path halving.
fn root(parent: &mut [u32], mut i: u32) -> u32 {
    while parent[i as usize] != i {
        parent[i as usize] = parent[parent[i as usize] as usize];
        i = parent[i as usize];
    }
    i
}

/// Rows `start..end`, each scaled to unit length (for the block products).
fn unit_block(rows: &impl Rows, start: usize, end: usize) -> std::io::Result<Vec<f32>> {
    let dim = rows.dim();
    let mut v = vec![0f32; (end - start) * dim];
    rows.read(start, &mut v)?;
    for r in v.chunks_exact_mut(dim) {
        let sq: f32 = r.iter().map(|x| x * x).sum();
        if (sq - 1.0).abs() >= 1e-3 {
            let norm = sq.sqrt();
            let inv = if norm > 0.0 { 1.0 / norm } else { 0.0 };
            r.iter_mut().for_each(|x| *x *= inv);
        }
    }
    Ok(v)
}

/// [`align`] at any scale. Each claim is given by the rank of its article
/// id and of its outlet (see [`ranks`]) and by its embedding row in `rows`.
///
/// 1. The neighbour graph, by a blocked exact search: blocks of query rows
///    against blocks of key rows (matrix products), keeping for each claim
///    its `NEIGHBOURS` closest claims of other articles at or above the
///    threshold; edges go to a temporary file, and a union-find over them
///    gives the graph's connected components.
/// 2. Average-link merging, component by component (no merge can join two
///    components, since two groups reach the threshold on average only if
///    some pair of their members does): the components' edges are read
///    back in batches of about `BATCH_CLAIMS` claims, with their members'
///    embeddings, and merged as [`align`] describes.
///
/// Memory is bounded by the blocks, the largest batch and a few numbers per
/// claim, not by the number of claims.
pub fn align_claims(
    art: &[u32],
    outlet: &[u32],
    rows: &impl Rows,
    threshold: f32,
) -> std::io::Result<Vec<Group>> {
    align_blocked(art, outlet, rows, threshold, BLOCK, BATCH_CLAIMS)
}

/// [`align_claims`] with the block and batch sizes given (tests use small
/// ones to cross many block and batch boundaries).
fn align_blocked(
    art: &[u32],
    outlet: &[u32],
    rows: &impl Rows,
    threshold: f32,
    block: usize,
    batch_claims: usize,
) -> std::io::Result<Vec<Group>> {
    use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
    let n = rows.len();
    let dim = rows.dim();
    assert_eq!(art.len(), n, "one article per claim");
    assert_eq!(outlet.len(), n, "one outlet per claim");
    if n == 0 {
        return Ok(Vec::new());
    }

    // 1. neighbour graph
    let edges_file = tempfile::tempfile()?;
    let mut edges = BufWriter::with_capacity(1 << 20, edges_file.try_clone()?);
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut has_edge = vec![false; n];
    for q0 in (0..n).step_by(block) {
        let q1 = (q0 + block).min(n);
        let mut qraw = vec![0f32; (q1 - q0) * dim];
        rows.read(q0, &mut qraw)?;
        let qunit = unit_block(rows, q0, q1)?;
        let mut lists: Vec<Vec<(u32, f32)>> = vec![Vec::new(); q1 - q0];
        for k0 in (0..n).step_by(block) {
            let k1 = (k0 + block).min(n);
            let mut kraw = vec![0f32; (k1 - k0) * dim];
            rows.read(k0, &mut kraw)?;
            let kunit = unit_block(rows, k0, k1)?;
            let w = k1 - k0;
            // sims[r, c] = query r . key c
            let keys = crate::kernels::Linear::new(&kunit, vec![0.0; w], w, dim);
            let sims = keys.product(&qunit, q1 - q0);
            for (r, list) in lists.iter_mut().enumerate() {
                let i = q0 + r;
                for c in 0..w {
                    let j = k0 + c;
                    // a small margin: the product sums in another order than `cos`
                    if j != i && art[j] != art[i] && sims[r * w + c] >= threshold - 1e-4 {
                        let s = cos(&qraw[r * dim..(r + 1) * dim], &kraw[c * dim..(c + 1) * dim]);
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
        for (r, list) in lists.iter_mut().enumerate() {
            keep_closest(list);
            let i = (q0 + r) as u32;
            for &(j, s) in list.iter() {
                edges.write_all(&i.to_le_bytes())?;
                edges.write_all(&j.to_le_bytes())?;
                edges.write_all(&s.to_le_bytes())?;
                has_edge[i as usize] = true;
                has_edge[j as usize] = true;
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                if a != b {
                    parent[a.max(b) as usize] = a.min(b);
                }
            }
        }
    }
    edges.flush()?;
    drop(edges);

    // 2. components in batches: a component is named by its first claim
    let comp: Vec<u32> = (0..n as u32).map(|i| root(&mut parent, i)).collect();
    drop(parent);
    let mut size = vec![0u32; n];
    for i in 0..n {
        if has_edge[i] {
            size[comp[i] as usize] += 1;
        }
    }
    // batch of each component root, in the order of their first claims
    let mut batch_of = vec![u32::MAX; n];
    let mut batches: Vec<usize> = Vec::new(); // claims per batch
    for r in 0..n {
        let sz = size[r] as usize;
        if sz == 0 {
            continue;
        }
        match batches.last_mut() {
            Some(last) if *last + sz <= batch_claims => *last += sz,
            _ => batches.push(sz),
        }
        batch_of[r] = (batches.len() - 1) as u32;
    }
    drop(size);
    let mut groups: Vec<Group> = Vec::new();
    let mut reader = BufReader::with_capacity(1 << 20, edges_file);
    for b in 0..batches.len() as u32 {
        // the batch's claims, in order, and its edges (local indices keep
        // the global order, so ties break as they would over all claims)
        let members: Vec<usize> = (0..n)
            .filter(|&i| has_edge[i] && batch_of[comp[i] as usize] == b)
            .collect();
        let local = |i: u32| members.binary_search(&(i as usize)).expect("a member") as u32;
        let mut batch_edges: Vec<(u32, u32, f32)> = Vec::new();
        reader.seek(SeekFrom::Start(0))?;
        let mut rec = [0u8; 12];
        loop {
            match reader.read_exact(&mut rec) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
                Err(e) => return Err(e),
            }
            let i = u32::from_le_bytes([rec[0], rec[1], rec[2], rec[3]]);
            if batch_of[comp[i as usize] as usize] != b {
                continue;
            }
            let j = u32::from_le_bytes([rec[4], rec[5], rec[6], rec[7]]);
            let s = f32::from_le_bytes([rec[8], rec[9], rec[10], rec[11]]);
            batch_edges.push((local(i), local(j), s));
        }
        let mut emb = vec![0f32; members.len() * dim];
        for (k, &i) in members.iter().enumerate() {
            rows.read(i, &mut emb[k * dim..(k + 1) * dim])?;
        }
        let b_art: Vec<u32> = members.iter().map(|&i| art[i]).collect();
        let b_out: Vec<u32> = members.iter().map(|&i| outlet[i]).collect();
        for mut g in merge(&b_art, &b_out, &emb, dim, &batch_edges, threshold) {
            g.members.iter_mut().for_each(|m| *m = members[*m]);
            groups.push(g);
        }
    }
    sort_groups(&mut groups);
    Ok(groups)
}

/// Average-link merging over a neighbour graph (`edges`: claim, neighbour,
/// similarity) of claims whose embeddings are `emb`; the groups of two or
/// more, finished (unsorted).
fn merge(
    art: &[u32],
    outlets: &[u32],
    emb: &[f32],
    dim: usize,
    edges: &[(u32, u32, f32)],
    threshold: f32,
) -> Vec<Group> {
    let n = art.len();
    let row = |i: usize| &emb[i * dim..(i + 1) * dim];
    let exact = |i: usize, j: usize| cos(row(i), row(j));
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut alive = vec![false; n];
    // adjacent groups: (sum of member similarities, an article in common)
    let mut adj: Vec<std::collections::HashMap<u32, (f32, bool)>> = vec![Default::default(); n];
    for &(i, j, s) in edges {
        alive[i as usize] = true;
        alive[j as usize] = true;
        adj[i as usize].insert(j, (s, false));
        adj[j as usize].insert(i, (s, false));
    }
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
/// pairwise similarity and how many outlets and articles they span.
fn finish_groups<T: Ord + Copy>(
    groups: impl Iterator<Item = Vec<usize>>,
    art: &[T],
    outlets: &[T],
    sim: impl Fn(usize, usize) -> f32,
) -> Vec<Group> {
    groups
        .map(|mut g| {
            g.sort_by(|&x, &y| art[x].cmp(&art[y]).then(x.cmp(&y)));
            let mut pairs = 0usize;
            let mut total = 0f32;
            for (k, &x) in g.iter().enumerate() {
                for &y in &g[k + 1..] {
                    total += sim(x, y);
                    pairs += 1;
                }
            }
            let mut outs: Vec<T> = g.iter().map(|&i| outlets[i]).collect();
            outs.sort();
            outs.dedup();
            let mut arts: Vec<T> = g.iter().map(|&i| art[i]).collect();
            arts.sort();
            arts.dedup();
            Group {
                mean_similarity: total / pairs as f32,
                n_outlets: outs.len(),
                n_articles: arts.len(),
                members: g,
            }
        })
        .collect()
}

/// Groups ordered by number of outlets, then mean similarity (both
/// descending), then first member.
fn sort_groups(groups: &mut [Group]) {
    groups.sort_by(|a, b| {
        b.n_outlets
            .cmp(&a.n_outlets)
            .then(b.mean_similarity.partial_cmp(&a.mean_similarity).unwrap())
            .then(a.members[0].cmp(&b.members[0]))
    });
}

/// The sum of the similarities between two sets of claims, and whether
/// they share an article.
fn exact_sum<T: PartialEq>(
    xs: &[usize],
    ys: &[usize],
    art: &[T],
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
        let mut out = finish_groups(
            groups.into_iter().filter(|g| g.len() >= 2),
            &art,
            &outlets,
            |x, y| sim[x * n + y],
        );
        sort_groups(&mut out);
        out
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
                // small blocks and batches, the embeddings read from a spill
                // file: the same groups
                let mut spill = Spill::new_in(&std::env::temp_dir()).unwrap();
                for it in &items {
                    spill.push(&it.embedding).unwrap();
                }
                spill.finish().unwrap();
                let names: Vec<&str> = items.iter().map(|i| i.article_id.as_str()).collect();
                let art = ranks(&names);
                let small = align_blocked(&art, &art, &spill, threshold, 7, 10).unwrap();
                assert_eq!(small, full, "round {round} at {threshold}, small blocks");
                assert!(
                    full.iter().any(|g| g.members.len() > 2),
                    "round {round} at {threshold}: no group of three"
                );
            }
        }
    }
}
