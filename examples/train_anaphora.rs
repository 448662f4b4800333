//! Fit the anaphora ranker (`crates/stancemap-text/src/anaphora_ranker.json`)
//! on annotated corpora, and say what it is worth on corpora it was not
//! fitted on.
//!
//! In: corpus folders (`articles.csv`, `annotations.csv`, as `stancemap
//! eval` reads them). For every reference that names nobody ("he", "the
//! minister", "the document") the attribution records its candidates (the
//! speakers known when it was read, and "someone new") with their features;
//! the annotation of the sentence says which candidate is right.
//!
//! Out, on stdout: leave-one-corpus-out figures (each corpus judged by
//! weights fitted on the others): references resolved right, rules against
//! ranker, and speech sentences with the right speaker, end to end. With
//! `--write`, the weights fitted on all the corpora go to the JSON file;
//! with `--judge DIR`, the corpus in DIR (never fitted on) is scored with
//! those weights and with the rules alone; `--show` lists each reference
//! the ranker gets wrong on a corpus it was not fitted on.
//!
//! ```text
//! cargo run --release --example train_anaphora -- [--write] [--judge DIR] [--show] data/dev data/heldout ...
//! ```
//!
//! Deterministic: full-batch gradient descent from zero weights, a fixed
//! number of steps.

use anyhow::Result;
use stancemap::anaphora::{Ranker, FEATURES};
use stancemap::attribution::{attribute_doc_with, same_speaker, Case};
use stancemap::scoring::{process, read_corpus, AnnotatedArticle};
use std::path::Path;

/// One reference with its right candidate.
struct Labelled {
    /// article, sentence, the reference and the annotated speaker
    desc: String,
    /// the candidates' names
    names: Vec<String>,
    features: Vec<Vec<f32>>,
    label: usize,
    rule: usize,
}

/// The references of one corpus that report speech, with their labels.
fn cases_of(corpus: &[AnnotatedArticle]) -> Vec<Labelled> {
    let mut out = Vec::new();
    for a in corpus {
        let p = process(a);
        let (_, cases) = attribute_doc_with(&p.doc, None, true);
        let mut gold: Vec<Option<&str>> = vec![None; p.doc.sentences.len()];
        for (r, m) in a.rows.iter().zip(&p.matched) {
            if let (false, Some(i)) = (r.furniture, m) {
                gold[*i].get_or_insert(r.attribution.as_str());
            }
        }
        for Case {
            sentence,
            candidates,
            features,
            rule,
            phrase: _phrase,
        } in cases
        {
            let Some(g) = gold[sentence].filter(|g| *g != "author") else {
                continue;
            };
            let n = candidates.len() - 1;
            let label = (0..n)
                .rev()
                .find(|&c| same_speaker(&candidates[c], g))
                .unwrap_or(n);
            out.push(Labelled {
                desc: format!("{} s{} {:?} gold={:?}", a.id, sentence, _phrase, g),
                names: candidates.clone(),
                features,
                label,
                rule,
            });
        }
    }
    out
}

use stancemap::anaphora::allowed;

/// Conditional logit by full-batch gradient descent with an L2 penalty.
fn fit(cases: &[&Labelled]) -> Vec<f32> {
    let d = FEATURES.len();
    let mut w = vec![0f32; d];
    let (lr, l2, steps) = (1.0f32, 0.001f32, 4000);
    for _ in 0..steps {
        let mut grad = vec![0f32; d];
        for c in cases {
            let scores: Vec<f32> = c
                .features
                .iter()
                .map(|f| f.iter().zip(&w).map(|(x, w)| x * w).sum())
                .collect();
            let max = scores.iter().cloned().fold(f32::MIN, f32::max);
            let exp: Vec<f32> = scores.iter().map(|s| (s - max).exp()).collect();
            let z: f32 = exp.iter().sum();
            for (k, f) in c.features.iter().enumerate() {
                let p = exp[k] / z - (k == c.label) as u8 as f32;
                for (g, x) in grad.iter_mut().zip(f) {
                    *g += p * x;
                }
            }
        }
        let m = cases.len().max(1) as f32;
        for (wi, g) in w.iter_mut().zip(&grad) {
            *wi -= lr * (g / m + l2 * *wi);
        }
    }
    w
}

fn ranker(w: Vec<f32>, trained_on: Vec<String>, cases: usize) -> Ranker {
    Ranker {
        features: FEATURES.iter().map(|s| s.to_string()).collect(),
        weights: w,
        trained_on,
        cases,
    }
}

/// Speech sentences with the right speaker, and author sentences kept.
fn speech_right(corpus: &[AnnotatedArticle], r: Option<&Ranker>) -> (usize, usize, usize, usize) {
    let (mut right, mut speech, mut kept, mut author) = (0, 0, 0, 0);
    for a in corpus {
        let p = process(a);
        let (found, _) = attribute_doc_with(&p.doc, r, false);
        for (row, m) in a.rows.iter().zip(&p.matched) {
            if row.furniture {
                continue;
            }
            let pred = m.map_or("(removed)", |i| found[i].speaker.as_str());
            if row.attribution == "author" {
                author += 1;
                kept += (pred == "author") as usize;
            } else {
                speech += 1;
                right += same_speaker(pred, &row.attribution) as usize;
            }
        }
    }
    (right, speech, kept, author)
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let write = args.iter().any(|a| a == "--write");
    // `--show`: each reference the ranker gets wrong on a corpus it was
    // not fitted on
    let show = args.iter().any(|a| a == "--show");
    // `--judge DIR`: a corpus scored by the weights fitted on the others,
    // never fitted on
    let judged: Vec<&String> = args
        .windows(2)
        .filter(|w| w[0] == "--judge")
        .map(|w| &w[1])
        .collect();
    let dirs: Vec<&String> = args
        .iter()
        .filter(|a| !a.starts_with("--") && !judged.contains(a))
        .collect();
    anyhow::ensure!(
        !dirs.is_empty(),
        "usage: train_anaphora [--write] CORPUS_DIR..."
    );
    let corpora: Vec<(String, Vec<AnnotatedArticle>)> = dirs
        .iter()
        .map(|d| Ok((d.to_string(), read_corpus(Path::new(d))?)))
        .collect::<Result<_>>()?;
    let cases: Vec<Vec<Labelled>> = corpora.iter().map(|(_, c)| cases_of(c)).collect();
    println!(
        "{:<16} {:>5} {:>13} {:>13} {:>17} {:>17}",
        "held out", "refs", "rules right", "ranker right", "speech (rules)", "speech (ranker)"
    );
    let mut tot = [0usize; 8];
    for (h, (name, corpus)) in corpora.iter().enumerate() {
        let train: Vec<&Labelled> = cases
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != h)
            .flat_map(|(_, c)| c)
            .collect();
        let r = ranker(fit(&train), vec![], train.len());
        let test = &cases[h];
        let rule_ok = test.iter().filter(|c| c.rule == c.label).count();
        for c in test {
            let p = r.pick(&c.features, &allowed(&c.features)).unwrap();
            if p != c.label && show {
                println!(
                    "  wrong: {}: rules {:?}, ranker {:?}, right {:?}",
                    c.desc, c.names[c.rule], c.names[p], c.names[c.label]
                );
            }
        }
        let rank_ok = test
            .iter()
            .filter(|c| r.pick(&c.features, &allowed(&c.features)) == Some(c.label))
            .count();
        let (rs, sp, rk, au) = speech_right(corpus, None);
        let (ms, _, mk, _) = speech_right(corpus, Some(&r));
        println!(
            "{name:<16} {:>5} {:>13} {:>13} {:>17} {:>17}",
            test.len(),
            rule_ok,
            rank_ok,
            format!("{rs}/{sp} ({rk}/{au})"),
            format!("{ms}/{sp} ({mk}/{au})")
        );
        for (t, v) in tot
            .iter_mut()
            .zip([test.len(), rule_ok, rank_ok, rs, ms, sp, rk, mk])
        {
            *t += v;
        }
    }
    println!(
        "{:<16} {:>5} {:>13} {:>13} {:>17} {:>17}",
        "all",
        tot[0],
        tot[1],
        tot[2],
        format!("{}/{} ({})", tot[3], tot[5], tot[6]),
        format!("{}/{} ({})", tot[4], tot[5], tot[7])
    );
    let all: Vec<&Labelled> = cases.iter().flatten().collect();
    let only = FEATURES
        .iter()
        .position(|n| *n == "mention_only")
        .expect("a feature");
    let new_right = all
        .iter()
        .filter(|c| c.label + 1 == c.features.len())
        .count();
    println!(
        "of {} references, the right speaker was a person only named so far for {}, someone not met yet (or not found) for {}",
        all.len(),
        all.iter().filter(|c| c.features[c.label][only] != 0.0).count(),
        new_right
    );
    let w = fit(&all);
    let names: Vec<String> = corpora.iter().map(|(n, _)| n.clone()).collect();
    let r = ranker(w, names, all.len());
    println!("weights fitted on all {} references:", all.len());
    for (n, w) in FEATURES.iter().zip(&r.weights) {
        println!("  {n:<24} {w:>8.3}");
    }
    for d in judged {
        let corpus = read_corpus(Path::new(d))?;
        let (rs, sp, rk, au) = speech_right(&corpus, None);
        let (ms, _, mk, _) = speech_right(&corpus, Some(&r));
        println!(
            "judged {d} (not fitted on): speech named right, rules {rs}/{sp}, with the ranker {ms}/{sp}; author's sentences kept, rules {rk}/{au}, with the ranker {mk}/{au}"
        );
    }
    if write {
        let path = Path::new("crates/stancemap-text/src/anaphora_ranker.json");
        let json = serde_json::json!({
            "features": r.features,
            "weights": r.weights.iter().map(|w| (w * 1e4).round() / 1e4).collect::<Vec<f32>>(),
            "trained_on": r.trained_on,
            "cases": r.cases,
        });
        std::fs::write(path, serde_json::to_string_pretty(&json)? + "\n")?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
