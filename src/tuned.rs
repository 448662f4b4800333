//! Stage 6d — a fine-tuned MPNet's stance probabilities, at inference.
//!
//! In: the weights `stancemap finetune --make` wrote for a model whose
//! model.json names a fine-tuned branch, and sentences. Out: stance
//! probabilities per sentence, and the mean of several copies blended with
//! the frozen head's. Loads and predicts only; the training lives in
//! [`crate::tune`].

use crate::encoder::{
    load_tokenizer, mean_pool_normalize, pad_batch, read_config, tokenize_with, Tokens,
};
use crate::mpnet::{Config, MpnetModel};
use anyhow::{Context, Result};
use candle_core::{DType, Device, Tensor, D};
use candle_nn::VarBuilder;
use std::path::Path;

/// The fine-tuning recipe.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TuneParams {
    pub epochs: usize,
    pub lr: f64,
    pub head_lr: f64,
    pub batch: usize,
    pub weight_decay: f64,
    pub dropout: f32,
    /// logits = scale * (head applied to the unit-length embedding)
    pub scale: f64,
    pub max_len: usize,
    pub seed: u64,
}

impl Default for TuneParams {
    fn default() -> Self {
        Self {
            epochs: 3,
            lr: 2e-5,
            head_lr: 1e-3,
            batch: 16,
            weight_decay: 0.01,
            dropout: 0.1,
            scale: 20.0,
            max_len: 128,
            seed: 0,
        }
    }
}

/// Softmax of `logits` over `tokens[i]`, i in `idx`, in batches of
/// `batch_size` sorted by length; rows in the order of `idx`.
pub(crate) fn batched_proba(
    tokens: &[Tokens],
    idx: &[usize],
    batch_size: usize,
    logits: impl Fn(&[&Tokens]) -> Result<Tensor>,
) -> Result<Vec<[f32; 3]>> {
    let mut order: Vec<usize> = (0..idx.len()).collect();
    order.sort_by_key(|&r| (tokens[idx[r]].ids.len(), r));
    let mut out = vec![[0f32; 3]; idx.len()];
    for chunk in order.chunks(batch_size.max(1)) {
        let toks: Vec<&Tokens> = chunk.iter().map(|&r| &tokens[idx[r]]).collect();
        let p = candle_nn::ops::softmax(&logits(&toks)?, D::Minus1)?
            .to_device(&Device::Cpu)?
            .to_vec2::<f32>()?;
        for (&r, row) in chunk.iter().zip(p) {
            out[r] = [row[0], row[1], row[2]];
        }
    }
    Ok(out)
}

/// `w` of the fine-tuned probabilities plus `1 - w` of the frozen head's.
pub fn blend(t: &[f32; 3], f: &[f32; 3], w: f32) -> [f32; 3] {
    [0, 1, 2].map(|k| w * t[k] + (1.0 - w) * f[k])
}

/// Row by row, the mean of several fine-tuned copies' probabilities (every
/// copy holds the same rows in the same order).
pub fn mean_proba(copies: &[Vec<[f32; 3]>]) -> Vec<[f32; 3]> {
    let n = copies.first().map_or(0, Vec::len);
    let k = copies.len() as f32;
    (0..n)
        .map(|i| {
            let mut p = [0f32; 3];
            for c in copies {
                for (pk, qk) in p.iter_mut().zip(c[i]) {
                    *pk += qk / k;
                }
            }
            p
        })
        .collect()
}

/// Weight of the fine-tuned copies' mean probabilities in the average with
/// the frozen head's when there are `members` copies: every copy and the
/// head count once (0.5 for one copy, 2/3 for two). Fixed before any
/// fine-tuning result was seen (one copy) and before the second seed's
/// results (two).
pub fn blend_weight(members: usize) -> f32 {
    members as f32 / (members as f32 + 1.0)
}

/// A fine-tuned MPNet and its stance head, for inference: the stance
/// branch of a model whose model.json names one (see [`crate::model::TunedRef`]).
pub struct TunedStance {
    model: MpnetModel,
    head_w: Tensor,
    head_b: Tensor,
    tokenizer: tokenizers::Tokenizer,
    pad_id: u32,
    device: Device,
}

impl TunedStance {
    /// `file`: the weights [`Tunable::save`] wrote; `encoder_dir`: the
    /// pretrained directory they came from (config and tokenizer).
    pub fn load(file: &Path, encoder_dir: &Path, device: &Device, max_len: usize) -> Result<Self> {
        let (cfg_path, cfg_text) = read_config(encoder_dir)?;
        let cfg: Config = serde_json::from_str(&cfg_text)
            .with_context(|| format!("{}: not an MPNet config", cfg_path.display()))?;
        // safety: the file is only read, and stays in place while the model lives
        let vb = unsafe { VarBuilder::from_mmaped_safetensors(&[file], DType::F32, device) }
            .with_context(|| format!("{}: cannot read", file.display()))?;
        let model = MpnetModel::load(vb.clone(), &cfg)
            .with_context(|| format!("{}: not a fine-tuned MPNet", file.display()))?;
        let head_w = vb.get((3, cfg.hidden_size), "stance_head.weight")?;
        let head_b = vb.get(3, "stance_head.bias")?;
        Ok(Self {
            model,
            head_w,
            head_b,
            tokenizer: load_tokenizer(encoder_dir, max_len)?,
            pad_id: cfg.pad_token_id,
            device: device.clone(),
        })
    }

    /// Stance probabilities (pro, critical, neutral) per text, in input
    /// order; batches of `batch_size` sorted by length.
    pub fn proba(&self, texts: &[&str], batch_size: usize) -> Result<Vec<[f32; 3]>> {
        let tokens = tokenize_with(&self.tokenizer, texts)?;
        let all: Vec<usize> = (0..texts.len()).collect();
        batched_proba(&tokens, &all, batch_size, |toks| {
            let (ids, mask) = pad_batch(toks, self.pad_id, &self.device)?;
            let e = mean_pool_normalize(&self.model.forward(&ids, &mask)?, &mask)?;
            Ok(e.matmul(&self.head_w.t()?)?.broadcast_add(&self.head_b)?)
        })
    }
}
