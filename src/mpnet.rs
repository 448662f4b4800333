//! Stage 6a (second encoder) — MPNet in candle.
//!
//! In: token ids and an attention mask. Out: the last hidden states. MPNet
//! is BERT-like with two differences: position ids start after the padding
//! index, and every layer adds a learned relative-position bias (32 log-
//! spaced buckets, one table shared by all layers) to the attention scores.
//! Weights and config as in sentence-transformers/all-mpnet-base-v2.
//!
//! [`MpnetModel::forward_train`] is the same pass made differentiable for
//! fine-tuning ([`crate::tune`]): layer norms from elementary operations
//! (candle's fused kernel has no gradient) and seeded dropout where
//! the reference implementation has it.

use candle_core::{DType, Device, Module, Result, Tensor, D};
use candle_nn::{embedding, layer_norm, linear, Embedding, LayerNorm, Linear, VarBuilder};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub intermediate_size: usize,
    pub max_position_embeddings: usize,
    pub layer_norm_eps: f64,
    pub pad_token_id: u32,
    #[serde(default = "default_buckets")]
    pub relative_attention_num_buckets: usize,
}

fn default_buckets() -> usize {
    32
}

struct Layer {
    q: Linear,
    k: Linear,
    v: Linear,
    o: Linear,
    attn_norm: LayerNorm,
    inter: Linear,
    out: Linear,
    out_norm: LayerNorm,
}

pub struct MpnetModel {
    word: Embedding,
    pos: Embedding,
    emb_norm: LayerNorm,
    layers: Vec<Layer>,
    rel_bias: Embedding,
    cfg: Config,
    device: Device,
}

/// The relative-position bucket of (key - query), as MPNet (and T5) define it.
pub fn relative_bucket(relative: i64, num_buckets: usize, max_distance: i64) -> u32 {
    let mut ret = 0i64;
    let n = -relative;
    let half = (num_buckets / 2) as i64;
    if n < 0 {
        ret += half;
    }
    let n = n.abs();
    let max_exact = half / 2;
    let v = if n < max_exact {
        n
    } else {
        let large = max_exact
            + (((n as f32 / max_exact as f32).ln() / (max_distance as f32 / max_exact as f32).ln())
                * (half - max_exact) as f32) as i64;
        large.min(half - 1)
    };
    (ret + v) as u32
}

impl MpnetModel {
    pub fn load(vb: VarBuilder, cfg: &Config) -> Result<Self> {
        let h = cfg.hidden_size;
        let e = vb.pp("embeddings");
        let word = embedding(cfg.vocab_size, h, e.pp("word_embeddings"))?;
        let pos = embedding(cfg.max_position_embeddings, h, e.pp("position_embeddings"))?;
        let emb_norm = layer_norm(h, cfg.layer_norm_eps, e.pp("LayerNorm"))?;
        let enc = vb.pp("encoder");
        let rel_bias = embedding(
            cfg.relative_attention_num_buckets,
            cfg.num_attention_heads,
            enc.pp("relative_attention_bias"),
        )?;
        let mut layers = Vec::with_capacity(cfg.num_hidden_layers);
        for i in 0..cfg.num_hidden_layers {
            let l = enc.pp(format!("layer.{i}"));
            let a = l.pp("attention");
            layers.push(Layer {
                q: linear(h, h, a.pp("attn.q"))?,
                k: linear(h, h, a.pp("attn.k"))?,
                v: linear(h, h, a.pp("attn.v"))?,
                o: linear(h, h, a.pp("attn.o"))?,
                attn_norm: layer_norm(h, cfg.layer_norm_eps, a.pp("LayerNorm"))?,
                inter: linear(h, cfg.intermediate_size, l.pp("intermediate.dense"))?,
                out: linear(cfg.intermediate_size, h, l.pp("output.dense"))?,
                out_norm: layer_norm(h, cfg.layer_norm_eps, l.pp("output.LayerNorm"))?,
            });
        }
        Ok(Self {
            word,
            pos,
            emb_norm,
            layers,
            rel_bias,
            cfg: cfg.clone(),
            device: vb.device().clone(),
        })
    }

    /// `ids` and `mask`: (batch, tokens) u32, padding on the right.
    pub fn forward(&self, ids: &Tensor, mask: &Tensor) -> Result<Tensor> {
        self.run(ids, mask, None)
    }

    /// The forward pass for training: differentiable layer norms and
    /// `dropout` after the embeddings, on the attention probabilities and
    /// after each layer's two output projections.
    pub fn forward_train(
        &self,
        ids: &Tensor,
        mask: &Tensor,
        dropout: &mut Dropout,
    ) -> Result<Tensor> {
        self.run(ids, mask, Some(dropout))
    }

    fn run(&self, ids: &Tensor, mask: &Tensor, mut drop: Option<&mut Dropout>) -> Result<Tensor> {
        let eps = self.cfg.layer_norm_eps;
        let train = drop.is_some();
        let norm = |ln: &LayerNorm, x: &Tensor| -> Result<Tensor> {
            if train {
                differentiable_norm(ln, x, eps)
            } else {
                ln.forward(x)
            }
        };
        let mut dr = |x: Tensor| -> Result<Tensor> {
            match drop.as_deref_mut() {
                Some(d) => d.apply(&x),
                None => Ok(x),
            }
        };
        let (b, t) = ids.dims2()?;
        let heads = self.cfg.num_attention_heads;
        let hd = self.cfg.hidden_size / heads;
        // position ids: padding_idx + 1 + index for real tokens, padding_idx for padding
        let pad = self.cfg.pad_token_id;
        let mask_v: Vec<u32> = mask.flatten_all()?.to_vec1()?;
        let pos_v: Vec<u32> = mask_v
            .iter()
            .enumerate()
            .map(|(i, &m)| {
                if m == 1 {
                    pad + 1 + (i % t) as u32
                } else {
                    pad
                }
            })
            .collect();
        let pos_ids = Tensor::from_vec(pos_v, (b, t), &self.device)?;
        let x = (self.word.forward(ids)? + self.pos.forward(&pos_ids)?)?;
        let mut x = dr(norm(&self.emb_norm, &x)?)?;
        // relative position bias, shared by the layers: (1, heads, t, t)
        let buckets: Vec<u32> = (0..t)
            .flat_map(|q| {
                (0..t).map(move |k| {
                    relative_bucket(
                        k as i64 - q as i64,
                        self.cfg.relative_attention_num_buckets,
                        128,
                    )
                })
            })
            .collect();
        let buckets = Tensor::from_vec(buckets, (t, t), &self.device)?;
        let bias = self
            .rel_bias
            .forward(&buckets)?
            .permute((2, 0, 1))?
            .unsqueeze(0)?
            .contiguous()?;
        // attention mask: 0 for tokens, a very large negative number for padding
        let ext = ((mask.to_dtype(DType::F32)?.ones_like()? - mask.to_dtype(DType::F32)?)?
            * f32::MIN as f64)?
            .reshape((b, 1, 1, t))?;
        let bias = bias.broadcast_add(&ext)?;
        let scale = 1.0 / (hd as f64).sqrt();
        for l in &self.layers {
            let split = |y: Tensor| -> Result<Tensor> {
                y.reshape((b, t, heads, hd))?.transpose(1, 2)?.contiguous()
            };
            let q = split(l.q.forward(&x)?)?;
            let k = split(l.k.forward(&x)?)?;
            let v = split(l.v.forward(&x)?)?;
            let scores = (q.matmul(&k.t()?)? * scale)?.broadcast_add(&bias)?;
            let probs = dr(candle_nn::ops::softmax(&scores, D::Minus1)?)?;
            let ctx = probs
                .matmul(&v)?
                .transpose(1, 2)?
                .reshape((b, t, heads * hd))?;
            let a = norm(&l.attn_norm, &(dr(l.o.forward(&ctx)?)? + &x)?)?;
            let i = l.inter.forward(&a)?.gelu_erf()?;
            x = norm(&l.out_norm, &(dr(l.out.forward(&i)?)? + &a)?)?;
        }
        Ok(x)
    }
}

/// Layer norm from elementary operations, so that gradients flow through it.
fn differentiable_norm(ln: &LayerNorm, x: &Tensor, eps: f64) -> Result<Tensor> {
    let xc = x.broadcast_sub(&x.mean_keepdim(D::Minus1)?)?;
    let var = xc.sqr()?.mean_keepdim(D::Minus1)?;
    let y = xc
        .broadcast_div(&(var + eps)?.sqrt()?)?
        .broadcast_mul(ln.weight())?;
    match ln.bias() {
        Some(b) => y.broadcast_add(b),
        None => Ok(y),
    }
}

/// Inverted dropout with its own seeded generator (splitmix64), so that a
/// fine-tuning run repeats exactly on the same machine.
pub struct Dropout {
    p: f32,
    rng: crate::output::SplitMix,
}

impl Dropout {
    pub fn new(p: f32, seed: u64) -> Self {
        Self {
            p,
            rng: crate::output::SplitMix::new(seed),
        }
    }

    /// A uniform number in [0, 1).
    pub fn uniform(&mut self) -> f32 {
        self.rng.uniform()
    }

    pub fn apply(&mut self, x: &Tensor) -> Result<Tensor> {
        if self.p <= 0.0 {
            return Ok(x.clone());
        }
        let keep = 1.0 / (1.0 - self.p);
        let m: Vec<f32> = (0..x.elem_count())
            .map(|_| if self.uniform() < self.p { 0.0 } else { keep })
            .collect();
        x * Tensor::from_vec(m, x.shape(), x.device())?.to_dtype(x.dtype())?
    }
}

#[cfg(test)]
mod tests {
    use super::relative_bucket;

    #[test]
    fn buckets_match_the_reference_definition() {
        // values of the reference formula (num_buckets 32, max_distance 128)
        assert_eq!(relative_bucket(0, 32, 128), 0);
        assert_eq!(relative_bucket(-1, 32, 128), 1);
        assert_eq!(relative_bucket(1, 32, 128), 17);
        assert_eq!(relative_bucket(-7, 32, 128), 7);
        assert_eq!(relative_bucket(-8, 32, 128), 8);
        assert_eq!(relative_bucket(-16, 32, 128), 10);
        assert_eq!(relative_bucket(-200, 32, 128), 15);
        assert_eq!(relative_bucket(200, 32, 128), 31);
    }
}
