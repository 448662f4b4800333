//! Fine-tuning MPNet for stance — an experiment beside stage 6; the presets
//! do not use it yet.
//!
//! In: labelled sentences (seed claims by article, sentences written for
//! training) and an all-mpnet-base-v2 directory. Out: held-out stance
//! probabilities for every article, leave-one-article-out, where each fold
//! fine-tunes every MPNet weight together with a linear head on the
//! mean-pooled, L2-normalised embedding (logits scaled by 20, as cosine
//! classifiers do). The recipe is the one `scripts/experiments/finetune_mpnet.py`
//! measured in PyTorch: AdamW (encoder 2e-5, head 1e-3, weight decay 0.01),
//! linear warm-up over the first tenth of the steps then linear decay to
//! zero, batches of 16, class-weighted cross-entropy, dropout 0.1, three
//! epochs, truncation at 128 tokens. Batches are drawn in length buckets
//! (shuffle, sort each run of eight batches by length, shuffle the batches)
//! to spend less time on padding. Every random draw is seeded, so a run
//! repeats on the same machine.

use crate::data::{Example, STANCE_LABELS};
use crate::encoder::{
    check_files, load_tokenizer, mean_pool_normalize, pad_batch, read_config, tokenize_with, Tokens,
};
use crate::metrics::{evaluate, Report};
use crate::mpnet::{Config, Dropout, MpnetModel};
use crate::tuned::batched_proba;
pub use crate::tuned::{blend, blend_weight, mean_proba, TuneParams, TunedStance};
use anyhow::{anyhow, bail, Context, Result};
use candle_core::{DType, Device, Tensor, D};
use candle_nn::{AdamW, Optimizer, ParamsAdamW, VarBuilder, VarMap};
use std::path::Path;

/// An MPNet whose weights are trainable variables, with a stance head.
pub struct Tunable {
    model: MpnetModel,
    encoder_vars: VarMap,
    head_w: candle_core::Var,
    head_b: candle_core::Var,
    tokenizer: tokenizers::Tokenizer,
    pad_id: u32,
    device: Device,
}

impl Tunable {
    /// Load the pretrained weights of `dir` into fresh variables and draw
    /// the head's initial weights (uniform in ±1/sqrt(width), seeded).
    pub fn load(dir: &Path, device: &Device, p: &TuneParams) -> Result<Self> {
        check_files(dir)?;
        let (cfg_path, cfg_text) = read_config(dir)?;
        let cfg: Config = serde_json::from_str(&cfg_text)
            .with_context(|| format!("{}: not an MPNet config", cfg_path.display()))?;
        let encoder_vars = VarMap::new();
        let vb = VarBuilder::from_varmap(&encoder_vars, DType::F32, device);
        let model = MpnetModel::load(vb, &cfg)?;
        let file = dir.join("model.safetensors");
        let weights = candle_core::safetensors::load(&file, device)
            .with_context(|| format!("{}: cannot read", file.display()))?;
        for (name, var) in encoder_vars.data().lock().unwrap().iter() {
            let w = weights
                .get(name)
                .ok_or_else(|| anyhow!("{}: no tensor {name}", file.display()))?;
            var.set(&w.to_dtype(DType::F32)?)?;
        }
        let h = cfg.hidden_size;
        let bound = 1.0 / (h as f32).sqrt();
        let mut rng = Dropout::new(0.0, p.seed ^ 0x5EED);
        let init: Vec<f32> = (0..3 * h)
            .map(|_| (rng.uniform() * 2.0 - 1.0) * bound)
            .collect();
        let bias: Vec<f32> = (0..3)
            .map(|_| (rng.uniform() * 2.0 - 1.0) * bound)
            .collect();
        let head_w = candle_core::Var::from_tensor(&Tensor::from_vec(init, (3, h), device)?)?;
        let head_b = candle_core::Var::from_tensor(&Tensor::from_vec(bias, 3, device)?)?;
        Ok(Self {
            model,
            encoder_vars,
            head_w,
            head_b,
            tokenizer: load_tokenizer(dir, p.max_len)?,
            pad_id: cfg.pad_token_id,
            device: device.clone(),
        })
    }

    /// The current value of one encoder weight (by its safetensors name).
    pub fn weight(&self, name: &str) -> Result<Tensor> {
        let data = self.encoder_vars.data().lock().unwrap();
        let v = data.get(name).ok_or_else(|| anyhow!("no weight {name}"))?;
        Ok(v.as_tensor().copy()?)
    }

    pub fn tokenize(&self, texts: &[&str]) -> Result<Vec<Tokens>> {
        tokenize_with(&self.tokenizer, texts)
    }

    fn logits(&self, batch: &[&Tokens], scale: f64, drop: Option<&mut Dropout>) -> Result<Tensor> {
        let (ids, mask) = pad_batch(batch, self.pad_id, &self.device)?;
        let hidden = match drop {
            Some(d) => self.model.forward_train(&ids, &mask, d)?,
            None => self.model.forward(&ids, &mask)?,
        };
        let e = mean_pool_normalize(&hidden, &mask)?;
        Ok((e
            .matmul(&self.head_w.as_tensor().t()?)?
            .broadcast_add(self.head_b.as_tensor())?
            * scale)?)
    }

    /// Fine-tune on `tokens[i]`, labels `y[i]`, for i in `train`.
    pub fn fit(
        &mut self,
        tokens: &[Tokens],
        y: &[usize],
        train: &[usize],
        p: &TuneParams,
        progress: bool,
    ) -> Result<()> {
        let mut counts = [0usize; 3];
        for &i in train {
            counts[y[i]] += 1;
        }
        let cw: Vec<f32> = counts
            .iter()
            .map(|&c| train.len() as f32 / (3.0 * c.max(1) as f32))
            .collect();
        let cw = Tensor::from_vec(cw, 3, &self.device)?;
        let adam = |lr: f64| ParamsAdamW {
            lr,
            weight_decay: p.weight_decay,
            ..Default::default()
        };
        let mut opt_enc = AdamW::new(self.encoder_vars.all_vars(), adam(p.lr))?;
        let mut opt_head = AdamW::new(
            vec![self.head_w.clone(), self.head_b.clone()],
            adam(p.head_lr),
        )?;
        let bs = p.batch.max(1);
        let per_epoch = train.len().div_ceil(bs);
        let steps = (p.epochs * per_epoch).max(1);
        let mut rng = Dropout::new(0.0, p.seed);
        let mut drop = Dropout::new(p.dropout, p.seed.wrapping_add(1));
        let started = std::time::Instant::now();
        let mut step = 0usize;
        for epoch in 0..p.epochs {
            for batch in bucketed_batches(train, tokens, bs, &mut rng) {
                // linear warm-up over the first tenth, then linear decay to zero
                let f = ((step + 1) as f64 / (0.1 * steps as f64)).min(1.0)
                    * ((steps - step) as f64 / steps as f64).max(0.0);
                opt_enc.set_learning_rate(p.lr * f);
                opt_head.set_learning_rate(p.head_lr * f);
                let toks: Vec<&Tokens> = batch.iter().map(|&i| &tokens[i]).collect();
                let labels: Vec<u32> = batch.iter().map(|&i| y[i] as u32).collect();
                let labels = Tensor::from_vec(labels, batch.len(), &self.device)?;
                let logits = self.logits(&toks, p.scale, Some(&mut drop))?;
                let logp = candle_nn::ops::log_softmax(&logits, D::Minus1)?;
                let picked = logp.gather(&labels.unsqueeze(1)?, 1)?.squeeze(1)?;
                let w = cw.index_select(&labels, 0)?;
                let loss = ((picked * &w)?.sum_all()? / w.sum_all()?)?.neg()?;
                let grads = loss.backward()?;
                opt_enc.step(&grads)?;
                opt_head.step(&grads)?;
                step += 1;
                if progress {
                    eprint!(
                        "\r  fine-tuning: epoch {}/{}, step {step}/{steps}, loss {:.3} ({:.0}s)",
                        epoch + 1,
                        p.epochs,
                        loss.to_scalar::<f32>()?,
                        started.elapsed().as_secs_f32()
                    );
                }
            }
        }
        if progress {
            eprintln!();
        }
        Ok(())
    }

    /// Save every encoder weight (under its pretrained name) and the head
    /// (scale folded in, as `stance_head.weight` and `stance_head.bias`) to
    /// one safetensors file, atomically.
    pub fn save(&self, path: &Path, scale: f64) -> Result<()> {
        let mut t: std::collections::HashMap<String, Tensor> = self
            .encoder_vars
            .data()
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_tensor().clone()))
            .collect();
        t.insert(
            "stance_head.weight".into(),
            (self.head_w.as_tensor() * scale)?,
        );
        t.insert(
            "stance_head.bias".into(),
            (self.head_b.as_tensor() * scale)?,
        );
        crate::output::write_atomic_with(path, |tmp| {
            candle_core::safetensors::save(&t, tmp)
                .with_context(|| format!("{}: cannot write", tmp.display()))
        })
    }

    /// Stance probabilities (pro, critical, neutral) for `tokens[i]`, i in `idx`.
    pub fn proba(&self, tokens: &[Tokens], idx: &[usize], scale: f64) -> Result<Vec<[f32; 3]>> {
        batched_proba(tokens, idx, 32, |toks| self.logits(toks, scale, None))
    }
}

/// Shuffled batches of `bs`, drawn so that each batch holds sentences of
/// similar length: shuffle, sort runs of eight batches by token length, cut,
/// shuffle the batches.
fn bucketed_batches(
    train: &[usize],
    tokens: &[Tokens],
    bs: usize,
    rng: &mut Dropout,
) -> Vec<Vec<usize>> {
    let mut order = train.to_vec();
    shuffle(&mut order, rng);
    let mut batches = Vec::new();
    for run in order.chunks(bs * 8) {
        let mut run = run.to_vec();
        run.sort_by_key(|&i| tokens[i].ids.len());
        batches.extend(run.chunks(bs).map(|c| c.to_vec()));
    }
    shuffle(&mut batches, rng);
    batches
}

fn shuffle<T>(v: &mut [T], rng: &mut Dropout) {
    for i in (1..v.len()).rev() {
        let j = ((rng.uniform() as f64) * (i + 1) as f64) as usize;
        v.swap(i, j.min(i));
    }
}

/// Leave-one-article-out with fine-tuning: for each article in `folds`
/// (every article when empty), fine-tune a fresh copy of the encoder on the
/// claims of the other articles and every non-article row, then predict the
/// held-out article's claims. Returns each held-out claim's index (into
/// `ex`) and probabilities, in index order; [`summarize`] scores them.
pub fn loao_finetune(
    dir: &Path,
    device: &Device,
    ex: &[Example],
    folds: &[String],
    p: &TuneParams,
    progress: bool,
) -> Result<Vec<(usize, [f32; 3])>> {
    let mut articles: Vec<String> = ex
        .iter()
        .filter(|e| e.is_article && e.is_claim)
        .map(|e| e.group.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if !folds.is_empty() {
        articles.retain(|a| folds.iter().any(|f| a.starts_with(f.as_str())));
    }
    let texts: Vec<&str> = ex.iter().map(|e| e.text.as_str()).collect();
    let y: Vec<usize> = ex.iter().map(|e| e.stance).collect();
    let mut proba = Vec::new();
    for art in &articles {
        let mut model = Tunable::load(dir, device, p)?;
        let tokens = model.tokenize(&texts)?;
        let train: Vec<usize> = (0..ex.len())
            .filter(|&i| ex[i].is_claim && (!ex[i].is_article || ex[i].group != *art))
            .collect();
        let test: Vec<usize> = (0..ex.len())
            .filter(|&i| ex[i].is_claim && ex[i].is_article && ex[i].group == *art)
            .collect();
        if progress {
            eprintln!(
                "fold {art}: {} training sentences, {} held out",
                train.len(),
                test.len()
            );
        }
        model.fit(&tokens, &y, &train, p, progress)?;
        let pr = model.proba(&tokens, &test, p.scale)?;
        let yt: Vec<usize> = test.iter().map(|&i| y[i]).collect();
        let pred: Vec<usize> = pr.iter().map(|r| crate::model::argmax(r)).collect();
        let f1 = evaluate(&yt, &pred, &STANCE_LABELS).macro_f1;
        if progress {
            eprintln!("fold {art}: macro-F1 {f1:.3}");
        }
        proba.extend(test.into_iter().zip(pr));
    }
    proba.sort_by_key(|x| x.0);
    Ok(proba)
}

/// What `stancemap finetune` is asked to do.
#[derive(Debug, Clone)]
pub struct Experiment {
    pub data: Vec<std::path::PathBuf>,
    /// an all-mpnet-base-v2 directory
    pub encoder: std::path::PathBuf,
    /// article-id prefixes to hold out (every article when empty)
    pub folds: Vec<String>,
    /// the recipe (its `seed` is replaced by each of `seeds`)
    pub params: TuneParams,
    /// one fine-tuned copy per seed; their probabilities are averaged
    pub seeds: Vec<u64>,
    /// the frozen-encoder head it is compared with (the `accurate` preset's)
    pub frozen: crate::head::TrainParams,
    pub target: String,
    /// held-out probabilities, one row per claim, to this CSV (one CSV
    /// per seed when there are several: `-seed{N}` before the extension)
    pub out: Option<std::path::PathBuf>,
    pub progress: bool,
}

/// One held-out claim: both predictions. These are the rows of the CSV
/// `stancemap finetune --out` writes, and what [`summarize`] reads.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct OofRow {
    pub article_id: String,
    pub sentence_idx: String,
    pub stance: String,
    pub tuned_pro: f32,
    pub tuned_critical: f32,
    pub tuned_neutral: f32,
    pub frozen_pro: f32,
    pub frozen_critical: f32,
    pub frozen_neutral: f32,
    pub tuned: String,
    pub frozen: String,
    pub blend: String,
}

impl OofRow {
    /// One held-out claim: its fine-tuned (`t`) and frozen-head (`f`)
    /// probabilities and the labels each gives, alone and blended.
    fn new(e: &Example, t: &[f32; 3], f: &[f32; 3]) -> OofRow {
        let argmax = crate::model::argmax;
        let mut row = OofRow {
            article_id: e.group.clone(),
            sentence_idx: e.sentence_idx.map(|s| s.to_string()).unwrap_or_default(),
            stance: STANCE_LABELS[e.stance].into(),
            tuned_pro: t[0],
            tuned_critical: t[1],
            tuned_neutral: t[2],
            frozen_pro: f[0],
            frozen_critical: f[1],
            frozen_neutral: f[2],
            tuned: STANCE_LABELS[argmax(t)].into(),
            frozen: STANCE_LABELS[argmax(f)].into(),
            blend: String::new(),
        };
        row.blend = STANCE_LABELS[argmax(&row.blend_p())].into();
        row
    }
    fn tuned_p(&self) -> [f32; 3] {
        [self.tuned_pro, self.tuned_critical, self.tuned_neutral]
    }
    fn frozen_p(&self) -> [f32; 3] {
        [self.frozen_pro, self.frozen_critical, self.frozen_neutral]
    }
    fn blend_p(&self) -> [f32; 3] {
        blend(&self.tuned_p(), &self.frozen_p(), blend_weight(1))
    }
}

/// What [`experiment`] measured.
pub struct Outcome {
    /// the plain-text report
    pub text: String,
    /// the average of the two (what a model with a tuned branch outputs):
    /// pooled report with ECE, and macro-F1 per article
    pub blend: Report,
    pub blend_per_article: Vec<(String, f64, usize)>,
    pub tuned: Report,
    pub frozen: Report,
    /// every article held out once
    pub complete: bool,
}

/// Leave-one-article-out of the fine-tuned encoder (one copy per seed of
/// `cfg.seeds`) and of the frozen-encoder head on the same folds: for each
/// seed, one row per held-out claim, also written to `cfg.out` as soon as
/// that seed is done ([`out_path`]). The frozen head is fitted once.
pub fn held_out_rows(
    cfg: &Experiment,
    device: &Device,
    ex: &[Example],
) -> Result<Vec<Vec<OofRow>>> {
    use crate::train::{loao, Task};
    // the frozen encoder's head, out of fold, over every article's claims
    let stack = crate::encoder::EncoderStack {
        encoders: vec![crate::backends::load_encoder(&cfg.encoder, device)?],
    };
    let emb = crate::train::embed_examples(&stack, ex, cfg.progress)?;
    drop(stack);
    let frozen = loao(Task::Stance, ex, &emb, &cfg.frozen, true, &cfg.target);
    let frozen_idx: Vec<usize> = (0..ex.len())
        .filter(|&i| ex[i].is_claim && ex[i].is_article)
        .collect();
    let fp = crate::head::proba_at(&frozen.logits, frozen.temperature);
    let frozen_of: std::collections::HashMap<usize, [f32; 3]> = frozen_idx
        .iter()
        .enumerate()
        .map(|(r, &i)| (i, [fp[[r, 0]], fp[[r, 1]], fp[[r, 2]]]))
        .collect();
    let mut members = Vec::new();
    for &seed in &cfg.seeds {
        let params = TuneParams {
            seed,
            ..cfg.params.clone()
        };
        let tuned = loao_finetune(&cfg.encoder, device, ex, &cfg.folds, &params, cfg.progress)?;
        let rows = tuned
            .iter()
            .map(|(i, t)| {
                let f = frozen_of
                    .get(i)
                    .ok_or_else(|| anyhow!("no frozen prediction for row {i}"))?;
                Ok(OofRow::new(&ex[*i], t, f))
            })
            .collect::<Result<Vec<_>>>()?;
        if let Some(out) = &cfg.out {
            let path = out_path(out, &cfg.seeds, seed);
            crate::output::write_atomic(&path, &crate::output::csv_bytes(&rows)?)?;
        }
        members.push(rows);
    }
    Ok(members)
}

/// Scores of held-out rows, one list per fine-tuned copy (seed), the same
/// claims in the same order in each: per article and pooled, for the
/// copies' mean, the frozen head and the average of the two (weight
/// [`blend_weight`]), with the average's ECE; each copy alone too when
/// there are several. `articles`: how many articles the data has.
pub fn summarize(header: &str, members: &[Vec<OofRow>], articles: usize) -> Result<Outcome> {
    use std::fmt::Write;
    let argmax = crate::model::argmax;
    let rows = members
        .first()
        .ok_or_else(|| anyhow!("no held-out rows to score"))?;
    for (n, m) in members.iter().enumerate().skip(1) {
        let same = m.len() == rows.len()
            && m.iter().zip(rows).all(|(a, b)| {
                (&a.article_id, &a.sentence_idx, &a.stance)
                    == (&b.article_id, &b.sentence_idx, &b.stance)
            });
        if !same {
            anyhow::bail!(
                "held-out rows of copy {} are not those of copy 1 (same data and folds needed)",
                n + 1
            );
        }
    }
    let k = members.len();
    let w = blend_weight(k);
    let copies: Vec<Vec<[f32; 3]>> = members
        .iter()
        .map(|m| m.iter().map(OofRow::tuned_p).collect())
        .collect();
    let tuned_p = mean_proba(&copies);
    let blend_p: Vec<[f32; 3]> = tuned_p
        .iter()
        .zip(rows)
        .map(|(t, r)| blend(t, &r.frozen_p(), w))
        .collect();
    let gold = |r: &OofRow| -> Result<usize> {
        crate::data::stance_index(&r.stance)
            .ok_or_else(|| anyhow!("article {}: unknown stance {:?}", r.article_id, r.stance))
    };
    let mut y = Vec::new();
    for r in rows {
        y.push(gold(r)?);
    }
    let pt: Vec<usize> = tuned_p.iter().map(|p| argmax(p)).collect();
    let pf: Vec<usize> = rows.iter().map(|r| argmax(&r.frozen_p())).collect();
    let pb: Vec<usize> = blend_p.iter().map(|p| argmax(p)).collect();
    let tuned_name = if k == 1 {
        "fine-tuned".to_string()
    } else {
        format!("fine-tuned (mean of {k} copies)")
    };
    let blend_name = format!("average (weight {w:.3} fine-tuned)");
    let mut s = String::from(header);
    writeln!(s, "held-out macro-F1 per article:")?;
    let names: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r.article_id.as_str()).collect();
    let mut blend_per_article = Vec::new();
    for a in &names {
        let idx: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].article_id == *a)
            .collect();
        let yt: Vec<usize> = idx.iter().map(|&i| y[i]).collect();
        let f = |p: &[usize]| {
            let pp: Vec<usize> = idx.iter().map(|&i| p[i]).collect();
            evaluate(&yt, &pp, &STANCE_LABELS).macro_f1
        };
        let (ft, ff, fb) = (f(&pt), f(&pf), f(&pb));
        writeln!(
            s,
            "  {a}  n={:<3}  {tuned_name} {ft:.3}  frozen head {ff:.3}  {blend_name} {fb:.3}",
            idx.len()
        )?;
        blend_per_article.push((a.to_string(), fb, idx.len()));
    }
    let mut blend_report = evaluate(&y, &pb, &STANCE_LABELS);
    let proba = ndarray::Array2::from_shape_fn((rows.len(), 3), |(i, c)| blend_p[i][c]);
    blend_report.ece = Some(crate::metrics::ece(&proba, &y, 15));
    let tuned = evaluate(&y, &pt, &STANCE_LABELS);
    let frozen = evaluate(&y, &pf, &STANCE_LABELS);
    if k > 1 {
        for (n, m) in members.iter().enumerate() {
            let p: Vec<usize> = m.iter().map(|r| argmax(&r.tuned_p())).collect();
            let f1 = evaluate(&y, &p, &STANCE_LABELS).macro_f1;
            writeln!(s, "fine-tuned copy {}: pooled macro-F1 {f1:.3}", n + 1)?;
        }
    }
    for (name, r) in [
        (tuned_name.as_str(), &tuned),
        ("frozen head (same folds)", &frozen),
        (blend_name.as_str(), &blend_report),
    ] {
        writeln!(s, "{name}: pooled macro-F1 {:.3}", r.macro_f1)?;
    }
    writeln!(
        s,
        "{blend_name}: ECE {:.3}",
        blend_report.ece.unwrap_or(f64::NAN)
    )?;
    Ok(Outcome {
        text: s,
        blend: blend_report,
        blend_per_article,
        tuned,
        frozen,
        complete: names.len() == articles,
    })
}

fn article_count(ex: &[Example]) -> usize {
    ex.iter()
        .filter(|e| e.is_article && e.is_claim)
        .map(|e| e.group.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len()
}

fn header(cfg: &Experiment, secs: Option<f64>) -> String {
    let p = &cfg.params;
    format!(
        "fine-tuned {} (epochs {}, lr {}, head lr {}, batch {}, dropout {}, {} {}){}\n",
        cfg.encoder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        p.epochs,
        p.lr,
        p.head_lr,
        p.batch,
        p.dropout,
        if cfg.seeds.len() == 1 {
            "seed"
        } else {
            "seeds"
        },
        cfg.seeds
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        secs.map(|t| format!(": {t:.0} s")).unwrap_or_default()
    )
}

/// Where the held-out rows of the copy with `seed` go: `out` itself for a
/// single seed, else `out` with `-seed{N}` before its extension.
pub fn out_path(out: &Path, seeds: &[u64], seed: u64) -> std::path::PathBuf {
    if seeds.len() == 1 {
        return out.to_path_buf();
    }
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match out.extension() {
        Some(e) => format!("{stem}-seed{seed}.{}", e.to_string_lossy()),
        None => format!("{stem}-seed{seed}"),
    };
    out.with_file_name(name)
}

/// The experiment end to end: held-out rows of each seed's copy (also to
/// `cfg.out`), then their scores.
pub fn experiment(cfg: &Experiment, device: &Device) -> Result<Outcome> {
    let ex = crate::data::read_all(&cfg.data)?;
    let started = std::time::Instant::now();
    let members = held_out_rows(cfg, device, &ex)?;
    summarize(
        &header(cfg, Some(started.elapsed().as_secs_f64())),
        &members,
        article_count(&ex),
    )
}

/// Scores of the rows finished runs wrote with `--out`, one CSV per seed of
/// `cfg.seeds` in that order (no fine-tuning).
pub fn rescore(cfg: &Experiment, csv_paths: &[std::path::PathBuf]) -> Result<Outcome> {
    if csv_paths.len() != cfg.seeds.len() {
        anyhow::bail!(
            "{} CSVs to rescore but {} seeds: give one CSV per seed, in the order of --seed",
            csv_paths.len(),
            cfg.seeds.len()
        );
    }
    let ex = crate::data::read_all(&cfg.data)?;
    let mut members = Vec::new();
    for csv_path in csv_paths {
        let mut rdr = csv::Reader::from_path(csv_path)
            .with_context(|| format!("{}: cannot read", csv_path.display()))?;
        let mut rows = Vec::new();
        for (n, r) in rdr.deserialize::<OofRow>().enumerate() {
            rows.push(r.with_context(|| format!("{}: line {}", csv_path.display(), n + 2))?);
        }
        members.push(rows);
    }
    let names: Vec<String> = csv_paths.iter().map(|p| p.display().to_string()).collect();
    let head = format!("{}(scored from {})\n", header(cfg, None), names.join(", "));
    summarize(&head, &members, article_count(&ex))
}

/// Give the model in `model_dir` the fine-tuned stance branch of `cfg`:
/// model.json names the recipe, the data and the blend, and its stance
/// metrics become those of the average just measured (the frozen head's
/// are kept beside them); the model card gets a section on it. The weights
/// themselves are made on first use (see [`crate::model::StanceModel::load`]).
pub fn record(model_dir: &Path, cfg: &Experiment, out: &Outcome) -> Result<()> {
    use crate::model::{DataRef, ModelMeta, TunedMember, TunedRef};
    if !out.complete {
        anyhow::bail!("--record needs every article held out once (run without --folds)");
    }
    let meta_path = model_dir.join("model.json");
    let mut meta: ModelMeta = serde_json::from_str(
        &std::fs::read_to_string(&meta_path)
            .with_context(|| format!("{}: cannot read", meta_path.display()))?,
    )
    .with_context(|| format!("{}: not a stancemap model", meta_path.display()))?;
    let root = crate::models::project_dir();
    let mut data = Vec::new();
    for p in &cfg.data {
        data.push(DataRef {
            path: crate::models::relative_to(p, &root),
            sha256: crate::models::sha256_file(p)?,
            rows: crate::data::read(p)?.len(),
        });
    }
    let encoder = cfg
        .encoder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let w = blend_weight(cfg.seeds.len());
    meta.tuned = Some(TunedRef {
        members: cfg
            .seeds
            .iter()
            .map(|&seed| TunedMember {
                seed,
                file: format!("tuned/seed-{seed}.safetensors"),
            })
            .collect(),
        encoder,
        params: cfg.params.clone(),
        blend: w,
        data,
    });
    let m = meta
        .metrics
        .as_object_mut()
        .ok_or_else(|| anyhow!("{}: metrics is not an object", meta_path.display()))?;
    if let Some(frozen) = m.get("stance_loao").cloned() {
        if !m.contains_key("stance_loao_frozen_head") {
            m.insert("stance_loao_frozen_head".into(), frozen);
        }
    }
    m.insert(
        "stance_loao".into(),
        serde_json::json!({
            "what": "average of the fine-tuned branch and the frozen head, leave-one-article-out",
            "report": out.blend,
            "per_article": out.blend_per_article,
        }),
    );
    m.insert(
        "stance_loao_tuned_alone".into(),
        serde_json::json!({ "report": out.tuned }),
    );
    crate::output::write_atomic(
        &meta_path,
        (serde_json::to_string_pretty(&meta)? + "\n").as_bytes(),
    )?;
    let card_path = model_dir.join("MODEL_CARD.md");
    let card = std::fs::read_to_string(&card_path).unwrap_or_default();
    let head = "\n## Fine-tuned stance branch\n";
    let card = match card.find(head) {
        Some(i) => card[..i].to_string(),
        None => card,
    };
    let k = cfg.seeds.len();
    let copies = if k == 1 {
        "a fine-tuned copy".to_string()
    } else {
        format!("the mean of {k} fine-tuned copies (seeds {:?})", cfg.seeds)
    };
    let section = format!(
        "{head}\nThe stance probabilities are {w:.3} of {copies} of {} with its own linear head \
         (`stancemap finetune`, see src/tune.rs) and {:.3} of the frozen-encoder head above: each copy and the head \
         count once. The fine-tuned weights (about 440 MB a copy) are not shipped: `stancemap finetune --make DIR` \
         makes them from the data and recipe in model.json (about 15 minutes a copy on 2 CPU cores) and saves \
         them under `{}/tuned/`; loading never trains. Leave-one-article-out (each fold fine-tuned without the held-out article):\n\n\
         ```\n{}```\n\nThe average, pooled:\n\n```\n{}```\n",
        cfg.encoder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        1.0 - w,
        model_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        out.text,
        out.blend.to_text()
    );
    crate::output::write_atomic(&card_path, (card + &section).as_bytes())?;
    Ok(())
}

/// Fine-tune on every claim of `ex` and save the weights to `out`.
pub fn train_full(
    encoder_dir: &Path,
    device: &Device,
    ex: &[Example],
    p: &TuneParams,
    out: &Path,
    progress: bool,
) -> Result<()> {
    let mut model = Tunable::load(encoder_dir, device, p)?;
    let texts: Vec<&str> = ex.iter().map(|e| e.text.as_str()).collect();
    let tokens = model.tokenize(&texts)?;
    let y: Vec<usize> = ex.iter().map(|e| e.stance).collect();
    let train: Vec<usize> = (0..ex.len()).filter(|&i| ex[i].is_claim).collect();
    model.fit(&tokens, &y, &train, p, progress)?;
    model.save(out, p.scale)
}

/// Make the missing fine-tuned weights of the model in `dir` (the branch
/// `finetune --record` gave it), one member after another; members already
/// made are left alone. What `stancemap finetune --make DIR` runs; loading
/// a model never does.
pub fn make_branch(dir: &Path, device: &Device, quiet: bool) -> Result<()> {
    let meta_path = dir.join("model.json");
    let meta: crate::model::ModelMeta = serde_json::from_str(
        &std::fs::read_to_string(&meta_path)
            .with_context(|| format!("{}: cannot read", meta_path.display()))?,
    )
    .with_context(|| format!("{}: not a stancemap model", meta_path.display()))?;
    let Some(t) = &meta.tuned else {
        anyhow::bail!(
            "{}: this model has no fine-tuned branch (record one with `stancemap finetune --record {}`)",
            meta_path.display(),
            dir.display()
        );
    };
    let enc_dir = crate::model::ensure_encoder(&t.encoder, quiet)?;
    for n in 0..t.members.len() {
        make_member(dir, t, n, &enc_dir, device, quiet)?;
    }
    Ok(())
}

/// Fine-tune member `n` of the tuned branch of the model in `dir` unless
/// another process is doing so (then wait for it). Refuses when the
/// recorded training data changed.
fn make_member(
    dir: &Path,
    t: &crate::model::TunedRef,
    n: usize,
    enc_dir: &Path,
    device: &Device,
    quiet: bool,
) -> Result<()> {
    let file = &dir.join(&t.members[n].file);
    let mut params = t.params.clone();
    params.seed = t.members[n].seed;
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // other processes may be making the same copy: one fine-tunes, the
    // others wait for its weights (a lock older than two hours is stale)
    if file.is_file() {
        return Ok(());
    }
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create", parent.display()))?;
    }
    let lock_path = file.with_extension("lock");
    let _lock = crate::output::FileLock::acquire(
        &lock_path,
        std::time::Duration::from_secs(7200),
        None,
        || {
            if !quiet {
                eprintln!(
                    "stancemap: waiting for another process fine-tuning {} ({})",
                    file.display(),
                    lock_path.display()
                );
            }
        },
    )?;
    if file.is_file() {
        return Ok(());
    }
    let root = crate::models::project_dir();
    let mut ex = Vec::new();
    for d in &t.data {
        let path = root.join(&d.path);
        let sha = crate::models::sha256_file(&path)
            .with_context(|| format!("{}: cannot read training data", path.display()))?;
        if sha != d.sha256 {
            bail!(
                "{}: changed since {} was made (sha256 {sha}, model.json says {}); \
                 retrain with `stancemap train` and `stancemap finetune --record`",
                path.display(),
                dir.display(),
                d.sha256
            );
        }
        ex.extend(crate::data::read(&path)?);
    }
    if !quiet {
        eprintln!(
            "stancemap: first use of {}: fine-tuning {} for stance on {} claims (copy {} of {}, seed {}), \
             once (about 15 minutes a copy on 2 CPU cores); the weights go to {}",
            dir.display(),
            t.encoder,
            ex.iter().filter(|e| e.is_claim).count(),
            n + 1,
            t.members.len(),
            params.seed,
            file.display()
        );
    }
    train_full(enc_dir, device, &ex, &params, file, !quiet)?;
    // the weights pinned as made: a later load checks them against it
    let sum = crate::models::sha256_file(file)?;
    crate::output::write_atomic(
        &file.with_extension("safetensors.sha256"),
        format!("{sum}\n").as_bytes(),
    )
}
