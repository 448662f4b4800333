//! CPU kernels for the native encoder ([`crate::native`]).
//!
//! In: row-major f32 buffers. Out: the same, written in place or into a
//! caller's buffer. Matrix products go to the gemm crate (the one candle
//! uses, here with its AVX-512 kernels compiled in and picked at run time);
//! the element-wise and row-wise kernels are plain loops the compiler
//! vectorises, run in parallel over rows with rayon. Every kernel gives the
//! same result whatever the thread count: work is split over rows or
//! columns, never over a sum.

use gemm::Parallelism;
use rayon::prelude::*;

/// Products below this many multiply-adds run on one thread.
const PARALLEL_MIN_FLOPS: usize = 1 << 18;

fn parallelism(m: usize, n: usize, k: usize) -> Parallelism {
    let threads = rayon::current_num_threads();
    if threads > 1 && m * n * k >= PARALLEL_MIN_FLOPS {
        Parallelism::Rayon(threads)
    } else {
        Parallelism::None
    }
}

/// Whether this CPU has AVX-512 (checked once).
#[cfg(target_arch = "x86_64")]
fn has_avx512() -> bool {
    static HAS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *HAS.get_or_init(|| is_x86_feature_detected!("avx512f") && is_x86_feature_detected!("avx512vl"))
}

/// Defines a kernel whose body is compiled twice: for AVX-512, used where
/// the CPU has it, and for the build's target. Both give the same numbers:
/// the body's float operations and their order are fixed by the source
/// (no fused multiply-adds), only the vector width differs.
macro_rules! multiversion {
    ($(#[$m:meta])* fn $name:ident($($a:ident: $t:ty),*) $body:block) => {
        $(#[$m])*
        fn $name($($a: $t),*) {
            #[inline(always)]
            fn body($($a: $t),*) $body
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx512f,avx512vl,avx2")]
            unsafe fn wide($($a: $t),*) {
                body($($a),*)
            }
            #[cfg(target_arch = "x86_64")]
            if has_avx512() {
                // safety: the CPU has the features `wide` was compiled for
                return unsafe { wide($($a),*) };
            }
            body($($a),*)
        }
    };
}

/// A linear layer, `y = x W^T + b`, with W kept transposed (inputs x
/// outputs, row-major) so the product streams along rows of both operands.
pub struct Linear {
    wt: Vec<f32>,
    b: Vec<f32>,
    inputs: usize,
    outputs: usize,
}

impl Linear {
    /// `w`: outputs x inputs, row-major (the PyTorch layout); `b`: outputs.
    pub fn new(w: &[f32], b: Vec<f32>, outputs: usize, inputs: usize) -> Self {
        assert_eq!(w.len(), outputs * inputs, "weight shape");
        assert_eq!(b.len(), outputs, "bias shape");
        let mut wt = vec![0f32; w.len()];
        for o in 0..outputs {
            for i in 0..inputs {
                wt[i * outputs + o] = w[o * inputs + i];
            }
        }
        Self {
            wt,
            b,
            inputs,
            outputs,
        }
    }

    /// Several layers on the same input as one, their outputs side by side
    /// (the query, key and value projections fused into one product).
    pub fn concat(parts: &[Linear]) -> Self {
        let inputs = parts[0].inputs;
        assert!(parts.iter().all(|p| p.inputs == inputs), "same input width");
        let outputs: usize = parts.iter().map(|p| p.outputs).sum();
        let mut wt = Vec::with_capacity(inputs * outputs);
        for i in 0..inputs {
            for p in parts {
                wt.extend_from_slice(&p.wt[i * p.outputs..(i + 1) * p.outputs]);
            }
        }
        let b = parts.iter().flat_map(|p| p.b.iter().copied()).collect();
        Self {
            wt,
            b,
            inputs,
            outputs,
        }
    }

    pub fn outputs(&self) -> usize {
        self.outputs
    }

    pub fn bias(&self) -> &[f32] {
        &self.b
    }

    /// `x`: rows x inputs; returns rows x outputs, `x W^T + b`.
    pub fn forward(&self, x: &[f32], rows: usize) -> Vec<f32> {
        let mut y = Vec::with_capacity(rows * self.outputs);
        for _ in 0..rows {
            y.extend_from_slice(&self.b);
        }
        self.product_into(x, rows, &mut y, true);
        y
    }

    /// `x W^T` without the bias, for a kernel that adds it on its way
    /// ([`gelu_bias`], [`LayerNorm::forward_residual`]).
    pub fn product(&self, x: &[f32], rows: usize) -> Vec<f32> {
        let mut y = vec![0f32; rows * self.outputs];
        self.product_into(x, rows, &mut y, false);
        y
    }

    /// `y = x W^T`, plus `y` itself when `accumulate`.
    fn product_into(&self, x: &[f32], rows: usize, y: &mut [f32], accumulate: bool) {
        assert_eq!(x.len(), rows * self.inputs, "input shape");
        assert_eq!(y.len(), rows * self.outputs, "output shape");
        if rows == 1 {
            // gemm takes another path for one row, summing in another
            // order; two rows keep a row's numbers independent of its batch
            let x2 = [x, x].concat();
            let mut y2 = [&*y, &*y].concat();
            self.product_into(&x2, 2, &mut y2, accumulate);
            y.copy_from_slice(&y2[..self.outputs]);
            return;
        }
        let n = self.outputs;
        // safety: every pointer and stride describes a buffer of the asserted size
        unsafe {
            gemm::gemm(
                rows,
                n,
                self.inputs,
                y.as_mut_ptr(),
                1,
                n as isize,
                accumulate,
                x.as_ptr(),
                1,
                self.inputs as isize,
                self.wt.as_ptr(),
                1,
                n as isize,
                1.0f32,
                1.0f32,
                false,
                false,
                false,
                parallelism(rows, n, self.inputs),
            );
        }
    }
}

/// Layer norm weights.
pub struct LayerNorm {
    pub gamma: Vec<f32>,
    pub beta: Vec<f32>,
    pub eps: f32,
}

impl LayerNorm {
    /// `x = norm(x + bias + residual)` row by row; `bias` (one row) and
    /// `residual` (like `x`) may be empty.
    pub fn forward_residual(&self, x: &mut [f32], bias: &[f32], residual: &[f32]) {
        let w = self.gamma.len();
        let (g, b, eps) = (&self.gamma[..], &self.beta[..], self.eps);
        assert!(bias.is_empty() || bias.len() == w, "bias shape");
        if residual.is_empty() {
            x.par_chunks_mut(w)
                .for_each(|row| norm_row(row, bias, &[], g, b, eps));
        } else {
            assert_eq!(x.len(), residual.len(), "residual shape");
            x.par_chunks_mut(w)
                .zip(residual.par_chunks(w))
                .for_each(|(row, res)| norm_row(row, bias, res, g, b, eps));
        }
    }
}

/// Sum with eight running partial sums (element i goes to partial i mod 8),
/// so that the loop vectorises; the order of additions is fixed by this
/// definition, so the result does not depend on the CPU.
#[inline(always)]
fn sum8(xs: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let chunks = xs.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        for j in 0..8 {
            acc[j] += c[j];
        }
    }
    for (a, v) in acc.iter_mut().zip(rest) {
        *a += v;
    }
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]))
}

/// The sum of squared deviations from `mean`, in the order of [`sum8`].
#[inline(always)]
fn sum_sq_dev8(xs: &[f32], mean: f32) -> f32 {
    let mut acc = [0f32; 8];
    let chunks = xs.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        for j in 0..8 {
            acc[j] += (c[j] - mean) * (c[j] - mean);
        }
    }
    for (a, v) in acc.iter_mut().zip(rest) {
        *a += (v - mean) * (v - mean);
    }
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]))
}

/// The largest element (max is exact, so any order gives the same result).
#[inline(always)]
fn max8(xs: &[f32]) -> f32 {
    let mut acc = [f32::NEG_INFINITY; 8];
    let chunks = xs.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        for j in 0..8 {
            acc[j] = if c[j] > acc[j] { c[j] } else { acc[j] };
        }
    }
    for (a, v) in acc.iter_mut().zip(rest) {
        *a = if *v > *a { *v } else { *a };
    }
    acc.iter()
        .fold(f32::NEG_INFINITY, |m, &v| if v > m { v } else { m })
}

multiversion! {
    /// One row of a layer norm, after adding the bias and the residual (if any).
    fn norm_row(row: &mut [f32], bias: &[f32], residual: &[f32], gamma: &[f32], beta: &[f32], eps: f32) {
        if !bias.is_empty() {
            for (v, b) in row.iter_mut().zip(bias) {
                *v += b;
            }
        }
        if !residual.is_empty() {
            for (v, r) in row.iter_mut().zip(residual) {
                *v += r;
            }
        }
        let n = row.len() as f32;
        let mean = sum8(row) / n;
        let var = sum_sq_dev8(row, mean) / n;
        let inv = 1.0 / (var + eps).sqrt();
        for ((v, g), b) in row.iter_mut().zip(gamma).zip(beta) {
            *v = (*v - mean) * inv * g + b;
        }
    }
}

// erf(z) ~ z P(z^2) / Q(z^2) on |z| <= 4 (erf is 1 to f32 precision beyond):
// a rational least-squares fit made for this project (max error 7e-8 in
// f64, 3.4e-7 evaluated in f32).
// the first coefficient is fitted, not 2/sqrt(pi), though close to it
#[allow(clippy::approx_constant)]
const ERF_P: [f32; 6] = [
    1.128_379,
    0.192_308_19,
    0.052_981_764,
    0.003_844_706_3,
    0.000_286_188,
    2.027_286_7e-6,
];
const ERF_Q: [f32; 6] = [
    1.0,
    0.503_760_6,
    0.114_879_53,
    0.015_124_429,
    0.001_181_057_4,
    3.792_855_6e-5,
];

/// erf, branch-free so that loops over it vectorise.
#[inline(always)]
pub fn erf(z: f32) -> f32 {
    let z = z.clamp(-4.0, 4.0);
    let z2 = z * z;
    let mut p = ERF_P[5];
    let mut q = ERF_Q[5];
    for i in (0..5).rev() {
        p = p * z2 + ERF_P[i];
        q = q * z2 + ERF_Q[i];
    }
    z * p / q
}

multiversion! {
    /// GELU of each row plus `bias` (may be empty), in place.
    fn gelu_rows(rows: &mut [f32], bias: &[f32]) {
        if !bias.is_empty() {
            for row in rows.chunks_exact_mut(bias.len()) {
                for (v, b) in row.iter_mut().zip(bias) {
                    *v += b;
                }
            }
        }
        for v in rows.iter_mut() {
            *v = 0.5 * *v * (1.0 + erf(*v * std::f32::consts::FRAC_1_SQRT_2));
        }
    }
}

/// The exact (erf) GELU in place, in parallel over blocks.
pub fn gelu(x: &mut [f32]) {
    x.par_chunks_mut(4096)
        .for_each(|block| gelu_rows(block, &[]));
}

/// `x = gelu(x + bias)`, row by row (rows of `bias.len()`).
pub fn gelu_bias(x: &mut [f32], bias: &[f32]) {
    let w = bias.len();
    let rows_per_task = (4096 / w).max(1);
    x.par_chunks_mut(w * rows_per_task)
        .for_each(|block| gelu_rows(block, bias));
}

/// e^x for x <= 0 (softmax arguments), branch-free: x = n ln2 + r with
/// |r| <= ln2/2, e^r by its Taylor series to r^7 (relative error below
/// 1e-7), 2^n put into the exponent bits. Arguments below -87 give 0.
#[inline(always)]
pub fn exp_neg(x: f32) -> f32 {
    let x = if x < -87.0 { -87.0 } else { x };
    let n = (x * std::f32::consts::LOG2_E).round();
    // ln 2 in two parts, so that n * ln2 is exact to f32 precision
    let r = (x - n * 0.693_145_75) - n * 1.428_606_8e-6;
    let mut p = 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    let e = f32::from_bits(((n as i32 + 127) as u32) << 23);
    let v = p * e;
    if x <= -87.0 {
        0.0
    } else {
        v
    }
}

/// A raw pointer that may cross threads; each task writes a disjoint part.
#[derive(Clone, Copy)]
struct SendPtr(*mut f32);
unsafe impl Send for SendPtr {}
unsafe impl Sync for SendPtr {}

/// Multi-head self-attention over fused projections.
///
/// `qkv`: (batch x tokens) rows of [query | key | value], each `heads x
/// head_dim` wide; `mask`: batch x tokens, 1 for a token, 0 for padding
/// (on the right: a sentence's tokens come first);
/// `bias`: an optional heads x tokens x tokens score bias shared by the
/// batch (MPNet's relative positions). Returns (batch x tokens) x (heads x
/// head_dim) context rows. Every (sentence, head) pair runs as its own task.
pub fn attention(
    qkv: &[f32],
    mask: &[u32],
    bias: Option<&[f32]>,
    batch: usize,
    tokens: usize,
    heads: usize,
    head_dim: usize,
) -> Vec<f32> {
    let h = heads * head_dim;
    let (t, row) = (tokens, 3 * h);
    assert_eq!(qkv.len(), batch * t * row, "qkv shape");
    assert_eq!(mask.len(), batch * t, "mask shape");
    if let Some(b) = bias {
        assert_eq!(b.len(), heads * t * t, "bias shape");
    }
    let scale = 1.0 / (head_dim as f32).sqrt();
    let mut ctx = vec![0f32; batch * t * h];
    let out = SendPtr(ctx.as_mut_ptr());
    (0..batch * heads).into_par_iter().for_each(|task| {
        // capture the whole wrapper (Send), not its raw pointer field
        #[allow(clippy::redundant_locals)]
        let out = out;
        let (s, hh) = (task / heads, task % heads);
        let base = s * t * row + hh * head_dim;
        // padding is on the right: the tokens are a prefix
        let len = mask[s * t..(s + 1) * t]
            .iter()
            .take_while(|&&m| m != 0)
            .count()
            .max(1);
        // only the tokens take part: a sentence's numbers are the same
        // whatever padding its batch gives it
        let mut scores = vec![0f32; len * len];
        // safety: q, k and v are read inside qkv (asserted above); this task
        // alone writes rows s*t.. of ctx at columns hh*head_dim..
        unsafe {
            // scores = scale * Q K^T
            gemm::gemm(
                len,
                len,
                head_dim,
                scores.as_mut_ptr(),
                1,
                len as isize,
                false,
                qkv.as_ptr().add(base),
                1,
                row as isize,
                qkv.as_ptr().add(base + h),
                row as isize,
                1,
                0.0f32,
                scale,
                false,
                false,
                false,
                Parallelism::None,
            );
        }
        let head_bias = bias.map_or(&[][..], |b| &b[hh * t * t..(hh + 1) * t * t]);
        softmax_rows(&mut scores, head_bias, t, len);
        unsafe {
            // ctx = P V for the tokens' rows; padding rows stay 0
            gemm::gemm(
                len,
                head_dim,
                len,
                out.0.add(s * t * h + hh * head_dim),
                1,
                h as isize,
                false,
                scores.as_ptr(),
                1,
                len as isize,
                qkv.as_ptr().add(base + 2 * h),
                1,
                row as isize,
                0.0f32,
                1.0f32,
                false,
                false,
                false,
                Parallelism::None,
            );
        }
    });
    ctx
}

multiversion! {
    /// Softmax of each row of `scores` (`len` x `len`) plus `bias` (rows of
    /// `stride`, the first `len` of each used; may be empty).
    fn softmax_rows(scores: &mut [f32], bias: &[f32], stride: usize, len: usize) {
        for (q, row) in scores.chunks_exact_mut(len).enumerate() {
            if !bias.is_empty() {
                for (v, b) in row.iter_mut().zip(&bias[q * stride..q * stride + len]) {
                    *v += b;
                }
            }
            let max = max8(row);
            for v in row.iter_mut() {
                *v = exp_neg(*v - max);
            }
            let inv = 1.0 / sum8(row);
            for v in row.iter_mut() {
                *v *= inv;
            }
        }
    }
}

/// Mean over the tokens `mask` keeps, then L2 normalisation: one row per
/// sentence of `hidden` ((batch x tokens) x width).
pub fn mean_pool_normalize(
    hidden: &[f32],
    mask: &[u32],
    batch: usize,
    tokens: usize,
    width: usize,
) -> Vec<Vec<f32>> {
    (0..batch)
        .into_par_iter()
        .map(|s| {
            let mut sum = vec![0f32; width];
            let mut count = 0f32;
            for i in 0..tokens {
                if mask[s * tokens + i] != 0 {
                    let r = &hidden[(s * tokens + i) * width..(s * tokens + i + 1) * width];
                    for (a, v) in sum.iter_mut().zip(r) {
                        *a += v;
                    }
                    count += 1.0;
                }
            }
            let count = count.max(1e-9);
            for a in sum.iter_mut() {
                *a /= count;
            }
            let norm = sum.iter().map(|v| v * v).sum::<f32>().sqrt().max(1e-12);
            for a in sum.iter_mut() {
                *a /= norm;
            }
            sum
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erf_matches_the_reference_function() {
        // libm's erf in f64 is the reference
        let mut worst = 0f64;
        for i in -6000..=6000 {
            let z = i as f64 / 1000.0;
            let got = erf(z as f32) as f64;
            worst = worst.max((got - libm_erf(z)).abs());
        }
        assert!(worst < 5e-7, "max |erf error| {worst}");
    }

    fn libm_erf(z: f64) -> f64 {
        // Taylor series (|z| <= 3) or the continued fraction of erfc beyond:
        // slow and exact enough for a test
        if z.abs() <= 3.0 {
            let mut term = z;
            let mut sum = z;
            for n in 1..200 {
                term *= -z * z / n as f64;
                sum += term / (2 * n + 1) as f64;
            }
            sum * 2.0 / std::f64::consts::PI.sqrt()
        } else {
            let x = z.abs();
            let mut f = 0.0;
            for n in (1..80).rev() {
                f = (n as f64 / 2.0) / (x + f);
            }
            let erfc = (-x * x).exp() / std::f64::consts::PI.sqrt() / (x + f);
            z.signum() * (1.0 - erfc)
        }
    }

    #[test]
    fn exp_matches_the_standard_library() {
        let mut worst = 0f32;
        for i in 0..=80_000 {
            let x = -(i as f32) / 1000.0;
            let (got, want) = (exp_neg(x), x.exp());
            worst = worst.max((got - want).abs() / want.max(f32::MIN_POSITIVE));
        }
        assert!(worst < 1e-6, "max relative error {worst}");
        assert_eq!(exp_neg(-100.0), 0.0);
        assert_eq!(exp_neg(0.0), 1.0);
    }

    #[test]
    fn linear_matches_a_naive_product_and_fuses() {
        let (o, i, rows) = (5, 7, 3);
        let w: Vec<f32> = (0..o * i).map(|v| (v as f32 * 0.37).sin()).collect();
        let b: Vec<f32> = (0..o).map(|v| v as f32 * 0.1).collect();
        let x: Vec<f32> = (0..rows * i).map(|v| (v as f32 * 0.11).cos()).collect();
        let lin = Linear::new(&w, b.clone(), o, i);
        let y = lin.forward(&x, rows);
        for r in 0..rows {
            for c in 0..o {
                let want: f32 = (0..i).map(|k| x[r * i + k] * w[c * i + k]).sum::<f32>() + b[c];
                assert!((y[r * o + c] - want).abs() < 1e-5);
            }
        }
        let both = Linear::concat(&[Linear::new(&w, b.clone(), o, i), Linear::new(&w, b, o, i)]);
        let y2 = both.forward(&x, rows);
        for r in 0..rows {
            assert_eq!(&y2[r * 2 * o..r * 2 * o + o], &y[r * o..(r + 1) * o]);
            assert_eq!(&y2[r * 2 * o + o..(r + 1) * 2 * o], &y[r * o..(r + 1) * o]);
        }
    }

    /// A sentence's numbers must not depend on what else is in its batch:
    /// a row's product is the same, bit for bit, alone or among others.
    #[test]
    fn products_do_not_depend_on_the_other_rows() {
        let (o, i) = (1152, 384);
        let w: Vec<f32> = (0..o * i)
            .map(|v| ((v * 7919 % 1009) as f32 - 504.0) * 1e-3)
            .collect();
        let lin = Linear::new(&w, vec![0.01; o], o, i);
        let x: Vec<f32> = (0..2048 * i)
            .map(|v| ((v * 104_729 % 997) as f32 - 498.0) * 1e-3)
            .collect();
        let all = lin.forward(&x, 2048);
        let mut bad = Vec::new();
        for (rows, start) in [
            (1usize, 0usize),
            (2, 0),
            (7, 0),
            (30, 0),
            (64, 0),
            (1, 1000),
            (31, 1000),
            (100, 1000),
        ] {
            let alone = lin.forward(&x[start * i..(start + rows) * i], rows);
            let differ = alone
                .iter()
                .zip(&all[start * o..(start + rows) * o])
                .filter(|(a, b)| a.to_bits() != b.to_bits())
                .count();
            if differ > 0 {
                bad.push((rows, start, differ));
            }
        }
        assert!(
            bad.is_empty(),
            "(rows, first row, elements that differ): {bad:?}"
        );
    }

    #[test]
    fn attention_does_not_depend_on_padding() {
        for (len, t, heads, hd) in [(5, 9, 2, 4), (10, 17, 12, 32), (23, 64, 12, 64)] {
            let h = heads * hd;
            let qkv: Vec<f32> = (0..2 * t * 3 * h)
                .map(|v| ((v * 31 % 17) as f32 - 8.0) * 0.05)
                .collect();
            // sentence 0 has `len` tokens: alone it is padded to `len`, in the batch to `t`
            let mask: Vec<u32> = (0..2 * t)
                .map(|r| ((r % t) < len || r >= t) as u32)
                .collect();
            let both = attention(&qkv, &mask, None, 2, t, heads, hd);
            let alone = attention(&qkv[..len * 3 * h], &vec![1; len], None, 1, len, heads, hd);
            let differ = alone
                .iter()
                .zip(&both[..len * h])
                .filter(|(a, b)| a.to_bits() != b.to_bits())
                .count();
            assert_eq!(
                differ, 0,
                "{len} tokens padded to {t}: {differ} values differ"
            );
        }
    }

    #[test]
    fn attention_ignores_padding_and_matches_a_naive_loop() {
        let (batch, t, heads, hd) = (2, 4, 2, 3);
        let h = heads * hd;
        let qkv: Vec<f32> = (0..batch * t * 3 * h)
            .map(|v| ((v * 7 % 13) as f32 - 6.0) * 0.1)
            .collect();
        let mask = vec![1, 1, 1, 0, 1, 1, 0, 0];
        let ctx = attention(&qkv, &mask, None, batch, t, heads, hd);
        for s in 0..batch {
            for hh in 0..heads {
                for q in 0..t {
                    if mask[s * t + q] == 0 {
                        // padding rows are left at zero
                        for d in 0..hd {
                            assert_eq!(ctx[(s * t + q) * h + hh * hd + d], 0.0);
                        }
                        continue;
                    }
                    let at = |tok: usize, part: usize, d: usize| {
                        qkv[(s * t + tok) * 3 * h + part * h + hh * hd + d]
                    };
                    let scores: Vec<f32> = (0..t)
                        .map(|k| {
                            (0..hd).map(|d| at(q, 0, d) * at(k, 1, d)).sum::<f32>()
                                / (hd as f32).sqrt()
                        })
                        .collect();
                    let m = (0..t)
                        .filter(|&k| mask[s * t + k] == 1)
                        .map(|k| scores[k])
                        .fold(f32::MIN, f32::max);
                    let e: Vec<f32> = (0..t)
                        .map(|k| {
                            if mask[s * t + k] == 1 {
                                (scores[k] - m).exp()
                            } else {
                                0.0
                            }
                        })
                        .collect();
                    let z: f32 = e.iter().sum();
                    for d in 0..hd {
                        let want: f32 = (0..t).map(|k| e[k] / z * at(k, 2, d)).sum();
                        let got = ctx[(s * t + q) * h + hh * hd + d];
                        assert!((got - want).abs() < 1e-6, "{got} vs {want}");
                    }
                }
            }
        }
    }
}
