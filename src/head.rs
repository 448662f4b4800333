//! Stage 6b — classifier heads on the encoder's embeddings.
//!
//! In: embedding rows (plus, for the claim head, a few surface features).
//! Out: calibrated class probabilities. A head is a multinomial logistic
//! regression (softmax) trained in Rust with ndarray: full-batch Adam from a
//! zero start, class-balanced weights and L2 regularisation, so training is
//! deterministic. A temperature, fitted on held-out predictions, calibrates
//! the probabilities.

use ndarray::{Array1, Array2, ArrayView2, Axis};
use serde::{Deserialize, Serialize};

/// Hyper-parameters of a head; they go into the model card.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TrainParams {
    /// L2 penalty on the weights
    pub l2: f32,
    pub epochs: usize,
    pub learning_rate: f32,
    /// weight each class by N / (K * n_class)
    pub class_balanced: bool,
}

impl Default for TrainParams {
    fn default() -> Self {
        Self {
            l2: 1e-2,
            epochs: 400,
            learning_rate: 0.05,
            class_balanced: true,
        }
    }
}

/// A trained softmax head: probabilities = softmax((x W^T + b) / T).
#[derive(Debug, Clone)]
pub struct Softmax {
    /// classes x features
    pub w: Array2<f32>,
    pub b: Array1<f32>,
    pub temperature: f32,
}

fn softmax_rows(z: &mut Array2<f32>) {
    for mut row in z.rows_mut() {
        let m = row.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
        row.mapv_inplace(|v| (v - m).exp());
        let s = row.sum();
        row.mapv_inplace(|v| v / s);
    }
}

impl Softmax {
    pub fn classes(&self) -> usize {
        self.w.nrows()
    }

    /// Raw scores (before temperature) for each row of `x`.
    pub fn logits(&self, x: ArrayView2<f32>) -> Array2<f32> {
        x.dot(&self.w.t()) + &self.b
    }

    /// Calibrated probabilities for each row of `x`.
    pub fn proba(&self, x: ArrayView2<f32>) -> Array2<f32> {
        let mut z = self.logits(x) / self.temperature;
        softmax_rows(&mut z);
        z
    }

    /// Train on rows `x` with labels `y` in 0..k.
    pub fn fit(x: ArrayView2<f32>, y: &[usize], k: usize, p: &TrainParams) -> Softmax {
        let (n, d) = x.dim();
        assert_eq!(n, y.len(), "one label per row");
        let mut counts = vec![0usize; k];
        for &c in y {
            counts[c] += 1;
        }
        let sw: Vec<f32> = y
            .iter()
            .map(|&c| {
                if p.class_balanced {
                    n as f32 / (k as f32 * counts[c].max(1) as f32)
                } else {
                    1.0
                }
            })
            .collect();
        let wsum: f32 = sw.iter().sum();
        let mut onehot = Array2::<f32>::zeros((n, k));
        for (i, &c) in y.iter().enumerate() {
            onehot[[i, c]] = 1.0;
        }
        let sw = Array1::from(sw);
        let mut w = Array2::<f32>::zeros((k, d));
        let mut b = Array1::<f32>::zeros(k);
        // Adam state
        let (mut mw, mut vw) = (Array2::<f32>::zeros((k, d)), Array2::<f32>::zeros((k, d)));
        let (mut mb, mut vb) = (Array1::<f32>::zeros(k), Array1::<f32>::zeros(k));
        let (b1, b2, eps) = (0.9f32, 0.999f32, 1e-8f32);
        for t in 1..=p.epochs {
            let mut z = x.dot(&w.t()) + &b;
            softmax_rows(&mut z);
            // gradient of the weighted mean cross-entropy
            let mut g = z - &onehot; // n x k
            g *= &sw.view().insert_axis(Axis(1));
            g /= wsum;
            let gw = g.t().dot(&x) + &(&w * p.l2);
            let gb = g.sum_axis(Axis(0));
            mw = &mw * b1 + &(&gw * (1.0 - b1));
            vw = &vw * b2 + &(gw.mapv(|v| v * v) * (1.0 - b2));
            mb = &mb * b1 + &(&gb * (1.0 - b1));
            vb = &vb * b2 + &(gb.mapv(|v| v * v) * (1.0 - b2));
            let c1 = 1.0 - b1.powi(t as i32);
            let c2 = 1.0 - b2.powi(t as i32);
            let lr = p.learning_rate;
            w = &w - &((&mw / c1) / ((&vw / c2).mapv(f32::sqrt) + eps) * lr);
            b = &b - &((&mb / c1) / ((&vb / c2).mapv(f32::sqrt) + eps) * lr);
        }
        Softmax {
            w,
            b,
            temperature: 1.0,
        }
    }
}

/// The temperature that minimises the negative log-likelihood of held-out
/// `logits` (rows) against `y`, searched on a fine log grid.
pub fn fit_temperature(logits: &Array2<f32>, y: &[usize]) -> f32 {
    let mut best = (f64::INFINITY, 1.0f32);
    for i in 0..=120 {
        let t = (10f64).powf(-1.0 + i as f64 * (2.0 / 120.0)) as f32; // 0.1 .. 10
        let nll = nll(logits, y, t);
        if nll < best.0 {
            best = (nll, t);
        }
    }
    best.1
}

pub fn nll(logits: &Array2<f32>, y: &[usize], t: f32) -> f64 {
    let mut z = logits / t;
    softmax_rows(&mut z);
    y.iter()
        .enumerate()
        .map(|(i, &c)| -(z[[i, c]].max(1e-12) as f64).ln())
        .sum::<f64>()
        / y.len().max(1) as f64
}

/// Softmax of logits at temperature `t`.
pub fn proba_at(logits: &Array2<f32>, t: f32) -> Array2<f32> {
    let mut z = logits / t;
    softmax_rows(&mut z);
    z
}

/// Rows as an ndarray matrix.
pub fn matrix(rows: &[Vec<f32>]) -> Array2<f32> {
    let d = rows.first().map_or(0, |r| r.len());
    let mut m = Array2::<f32>::zeros((rows.len(), d));
    for (i, r) in rows.iter().enumerate() {
        m.row_mut(i)
            .assign(&ndarray::ArrayView1::from(r.as_slice()));
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_is_deterministic() {
        let rows: Vec<Vec<f32>> = (0..60)
            .map(|i| {
                let c = i % 3;
                let mut v = vec![0.0f32; 4];
                v[c] = 1.0 + (i as f32) * 0.01;
                v[3] = (i as f32 * 0.37).sin();
                v
            })
            .collect();
        let y: Vec<usize> = (0..60).map(|i| i % 3).collect();
        let x = matrix(&rows);
        let a = Softmax::fit(x.view(), &y, 3, &TrainParams::default());
        let b = Softmax::fit(x.view(), &y, 3, &TrainParams::default());
        assert_eq!(a.w, b.w);
        let p = a.proba(x.view());
        for (i, &c) in y.iter().enumerate() {
            let row = p.row(i);
            let arg = (0..3)
                .max_by(|&u, &v| row[u].partial_cmp(&row[v]).unwrap())
                .unwrap();
            assert_eq!(arg, c);
        }
    }
}
