//! Evaluation metrics: accuracy, macro-F1, per-class precision / recall /
//! F1, the confusion matrix, expected calibration error, and Cohen's kappa
//! for the agreement of two annotators.

use ndarray::Array2;
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ClassScore {
    pub label: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub n: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    pub per_class: Vec<ClassScore>,
    /// rows: true label, columns: predicted label
    pub confusion: Vec<Vec<usize>>,
    /// expected calibration error (15 bins on the top probability)
    pub ece: Option<f64>,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

pub fn evaluate(y_true: &[usize], y_pred: &[usize], labels: &[&str]) -> Report {
    let k = labels.len();
    let mut cm = vec![vec![0usize; k]; k];
    for (&t, &p) in y_true.iter().zip(y_pred) {
        cm[t][p] += 1;
    }
    let n = y_true.len();
    let correct: usize = (0..k).map(|i| cm[i][i]).sum();
    let per_class: Vec<ClassScore> = (0..k)
        .map(|c| {
            let tp = cm[c][c] as f64;
            let pred: usize = (0..k).map(|r| cm[r][c]).sum();
            let support: usize = cm[c].iter().sum();
            let precision = if pred == 0 { 0.0 } else { tp / pred as f64 };
            let recall = if support == 0 {
                0.0
            } else {
                tp / support as f64
            };
            ClassScore {
                label: labels[c].to_string(),
                precision,
                recall,
                f1: f1(precision, recall),
                support,
            }
        })
        .collect();
    let present: Vec<&ClassScore> = per_class.iter().filter(|c| c.support > 0).collect();
    let macro_f1 = if present.is_empty() {
        0.0
    } else {
        present.iter().map(|c| c.f1).sum::<f64>() / present.len() as f64
    };
    Report {
        n,
        accuracy: if n == 0 {
            0.0
        } else {
            correct as f64 / n as f64
        },
        macro_f1,
        per_class,
        confusion: cm,
        ece: None,
    }
}

/// Expected calibration error: the mean gap between confidence and
/// accuracy over equal-width bins of the top probability, weighted by the
/// bin's share of rows.
pub fn ece(proba: &Array2<f32>, y: &[usize], bins: usize) -> f64 {
    let n = y.len();
    if n == 0 {
        return 0.0;
    }
    let mut conf = vec![0f64; bins];
    let mut acc = vec![0f64; bins];
    let mut cnt = vec![0usize; bins];
    for (i, &t) in y.iter().enumerate() {
        let row = proba.row(i);
        let (arg, &p) =
            row.iter().enumerate().fold(
                (0, &row[0]),
                |best, (j, v)| if v > best.1 { (j, v) } else { best },
            );
        let bin = ((p as f64 * bins as f64) as usize).min(bins - 1);
        conf[bin] += p as f64;
        acc[bin] += (arg == t) as u8 as f64;
        cnt[bin] += 1;
    }
    (0..bins)
        .filter(|&b| cnt[b] > 0)
        .map(|b| (cnt[b] as f64 / n as f64) * ((acc[b] - conf[b]) / cnt[b] as f64).abs())
        .sum()
}

/// Cohen's kappa of two raters' labels (each in `0..k`): observed agreement
/// corrected for the agreement their label shares would give by chance.
/// 1 is perfect agreement, 0 chance level. Returns 1 when both raters use
/// a single identical label for every item (no disagreement is possible).
pub fn cohen_kappa(a: &[usize], b: &[usize], k: usize) -> f64 {
    assert_eq!(a.len(), b.len(), "kappa needs the same items rated twice");
    let n = a.len() as f64;
    if a.is_empty() {
        return 0.0;
    }
    let mut ca = vec![0f64; k];
    let mut cb = vec![0f64; k];
    let mut same = 0f64;
    for (&x, &y) in a.iter().zip(b) {
        ca[x] += 1.0;
        cb[y] += 1.0;
        same += (x == y) as u8 as f64;
    }
    let po = same / n;
    let pe: f64 = ca.iter().zip(&cb).map(|(x, y)| x * y).sum::<f64>() / (n * n);
    if (1.0 - pe).abs() < 1e-12 {
        1.0
    } else {
        (po - pe) / (1.0 - pe)
    }
}

impl Report {
    /// A plain-text table for the terminal and the model card.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "n = {}  accuracy = {:.3}  macro-F1 = {:.3}{}",
            self.n,
            self.accuracy,
            self.macro_f1,
            self.ece
                .map(|e| format!("  ECE = {e:.3}"))
                .unwrap_or_default()
        );
        let _ = writeln!(
            s,
            "{:<10} {:>9} {:>7} {:>7} {:>8}",
            "class", "precision", "recall", "F1", "support"
        );
        for c in &self.per_class {
            let _ = writeln!(
                s,
                "{:<10} {:>9.3} {:>7.3} {:>7.3} {:>8}",
                c.label, c.precision, c.recall, c.f1, c.support
            );
        }
        let _ = writeln!(s, "confusion (rows: true, columns: predicted)");
        let labels: Vec<&str> = self.per_class.iter().map(|c| c.label.as_str()).collect();
        let _ = writeln!(
            s,
            "{:<10} {}",
            "",
            labels.iter().map(|l| format!("{l:>9}")).collect::<String>()
        );
        for (i, row) in self.confusion.iter().enumerate() {
            let _ = writeln!(
                s,
                "{:<10} {}",
                labels[i],
                row.iter().map(|v| format!("{v:>9}")).collect::<String>()
            );
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macro_f1_by_hand() {
        // true: a a b b c ; pred: a b b b a
        let r = evaluate(&[0, 0, 1, 1, 2], &[0, 1, 1, 1, 0], &["a", "b", "c"]);
        // a: p=1/2 r=1/2 f=0.5 ; b: p=2/3 r=1 f=0.8 ; c: 0
        assert!((r.macro_f1 - (0.5 + 0.8 + 0.0) / 3.0).abs() < 1e-9);
        assert!((r.accuracy - 0.6).abs() < 1e-9);
        assert_eq!(r.confusion[0], vec![1, 1, 0]);
    }

    #[test]
    fn kappa_by_hand() {
        // 10 items: a says 0 on the first five, b on items 0..4 minus item 4
        // plus item 5. po = 0.8, pe = 0.5*0.5 + 0.5*0.5 = 0.5, kappa = 0.6.
        let a = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
        let b = [0, 0, 0, 0, 1, 0, 1, 1, 1, 1];
        assert!((cohen_kappa(&a, &b, 2) - 0.6).abs() < 1e-12);
        assert!((cohen_kappa(&a, &a, 2) - 1.0).abs() < 1e-12);
        // b the opposite of a on every item: below chance
        let c: Vec<usize> = a.iter().map(|x| 1 - x).collect();
        assert!((cohen_kappa(&a, &c, 2) + 1.0).abs() < 1e-12);
    }

    #[test]
    fn perfectly_calibrated_has_zero_ece() {
        let p = Array2::from_shape_vec((2, 2), vec![1.0, 0.0, 0.0, 1.0]).unwrap();
        assert!(ece(&p, &[0, 1], 10) < 1e-9);
        assert!((ece(&p, &[1, 0], 10) - 1.0).abs() < 1e-9);
    }
}
