//! Stage 6a on CPU — BERT and MPNet encoders on the project's own kernels.
//!
//! In: token ids and an attention mask for a padded batch. Out: the last
//! hidden states, (batch x tokens) x width, as the candle modules
//! ([`crate::mpnet`], candle-transformers' BERT) compute them, faster: the
//! query, key and value projections are one product, attention runs every
//! (sentence, head) pair as its own task, GELU is a vectorised exact erf,
//! and matrix products use AVX-512 where the CPU has it ([`crate::kernels`]).
//! The weights are read once from the same safetensors file through
//! candle's loader and kept in the layouts the kernels want.

use crate::kernels::{attention, gelu_bias, LayerNorm, Linear};
use anyhow::{anyhow, Context, Result};
use candle_core::Tensor;
use candle_nn::VarBuilder;
use rayon::prelude::*;

/// Which architecture's embeddings and attention bias.
enum Arch {
    /// absolute positions 0.., one token-type row added to every token
    Bert { token_type: Vec<f32> },
    /// positions after the padding index; a relative-position bias table
    /// (buckets x heads) shared by every layer
    Mpnet {
        pad_id: u32,
        rel_bias: Vec<f32>,
        buckets: usize,
    },
}

struct Layer {
    qkv: Linear,
    o: Linear,
    attn_norm: LayerNorm,
    inter: Linear,
    out: Linear,
    out_norm: LayerNorm,
}

/// Where a layer's weights sit under `encoder.layer.N`: query, key, value,
/// attention output, its layer norm (the intermediate and output layers
/// have the same names in both architectures).
type LayerNames = [&'static str; 5];
const BERT_NAMES: LayerNames = [
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "attention.output.LayerNorm",
];
const MPNET_NAMES: LayerNames = [
    "attention.attn.q",
    "attention.attn.k",
    "attention.attn.v",
    "attention.attn.o",
    "attention.LayerNorm",
];

impl Layer {
    fn load(l: &VarBuilder, d: &Dims, names: &LayerNames) -> Result<Self> {
        let h = d.hidden;
        Ok(Layer {
            qkv: Linear::concat(&[
                linear(&l.pp(names[0]), h, h)?,
                linear(&l.pp(names[1]), h, h)?,
                linear(&l.pp(names[2]), h, h)?,
            ]),
            o: linear(&l.pp(names[3]), h, h)?,
            attn_norm: norm(&l.pp(names[4]), h, d.eps)?,
            inter: linear(&l.pp("intermediate.dense"), d.intermediate, h)?,
            out: linear(&l.pp("output.dense"), h, d.intermediate)?,
            out_norm: norm(&l.pp("output.LayerNorm"), h, d.eps)?,
        })
    }
}

/// Shapes the forward pass needs (from config.json).
#[derive(Debug, Clone, Copy)]
pub struct Dims {
    pub vocab: usize,
    pub hidden: usize,
    pub heads: usize,
    pub layers: usize,
    pub intermediate: usize,
    pub max_positions: usize,
    pub eps: f32,
}

pub struct NativeTransformer {
    arch: Arch,
    word: Vec<f32>,
    pos: Vec<f32>,
    emb_norm: LayerNorm,
    layers: Vec<Layer>,
    dims: Dims,
}

fn flat(vb: &VarBuilder, shape: &[usize], name: &str) -> Result<Vec<f32>> {
    let t: Tensor = vb
        .get(shape, name)
        .with_context(|| format!("weight {}", vb.prefix_name(name)))?;
    Ok(t.flatten_all()?.to_vec1::<f32>()?)
}

trait PrefixName {
    fn prefix_name(&self, name: &str) -> String;
}

impl PrefixName for VarBuilder<'_> {
    fn prefix_name(&self, name: &str) -> String {
        let p = self.prefix();
        if p.is_empty() {
            name.to_string()
        } else {
            format!("{p}.{name}")
        }
    }
}

fn linear(vb: &VarBuilder, outputs: usize, inputs: usize) -> Result<Linear> {
    let w = flat(vb, &[outputs, inputs], "weight")?;
    let b = flat(vb, &[outputs], "bias")?;
    Ok(Linear::new(&w, b, outputs, inputs))
}

fn norm(vb: &VarBuilder, width: usize, eps: f32) -> Result<LayerNorm> {
    Ok(LayerNorm {
        gamma: flat(vb, &[width], "weight")?,
        beta: flat(vb, &[width], "bias")?,
        eps,
    })
}

impl NativeTransformer {
    /// A BERT-family model (all-MiniLM-L6-v2 and the like); weights at the
    /// root or under `bert.`.
    pub fn load_bert(vb: VarBuilder, d: Dims) -> Result<Self> {
        let vb = if vb.contains_tensor("embeddings.word_embeddings.weight") {
            vb
        } else {
            vb.pp("bert")
        };
        let e = vb.pp("embeddings");
        let token_type =
            flat(&e.pp("token_type_embeddings"), &[2, d.hidden], "weight")?[..d.hidden].to_vec();
        let layers = (0..d.layers)
            .map(|i| Layer::load(&vb.pp(format!("encoder.layer.{i}")), &d, &BERT_NAMES))
            .collect::<Result<Vec<_>>>()?;
        Self::assemble(Arch::Bert { token_type }, &e, layers, d)
    }

    /// An MPNet model (all-mpnet-base-v2).
    pub fn load_mpnet(vb: VarBuilder, d: Dims, pad_id: u32, buckets: usize) -> Result<Self> {
        let e = vb.pp("embeddings");
        let enc = vb.pp("encoder");
        let layers = (0..d.layers)
            .map(|i| Layer::load(&enc.pp(format!("layer.{i}")), &d, &MPNET_NAMES))
            .collect::<Result<Vec<_>>>()?;
        let arch = Arch::Mpnet {
            pad_id,
            rel_bias: flat(
                &enc.pp("relative_attention_bias"),
                &[buckets, d.heads],
                "weight",
            )?,
            buckets,
        };
        Self::assemble(arch, &e, layers, d)
    }

    /// The word and position embeddings and their norm (the same names in
    /// both architectures), with the rest.
    fn assemble(arch: Arch, e: &VarBuilder, layers: Vec<Layer>, d: Dims) -> Result<Self> {
        Ok(Self {
            arch,
            word: flat(&e.pp("word_embeddings"), &[d.vocab, d.hidden], "weight")?,
            pos: flat(
                &e.pp("position_embeddings"),
                &[d.max_positions, d.hidden],
                "weight",
            )?,
            emb_norm: norm(&e.pp("LayerNorm"), d.hidden, d.eps)?,
            layers,
            dims: d,
        })
    }

    pub fn width(&self) -> usize {
        self.dims.hidden
    }

    /// Last hidden states of a padded batch: `ids` and `mask` are batch x
    /// tokens, row-major, padding on the right.
    pub fn hidden(
        &self,
        ids: &[u32],
        mask: &[u32],
        batch: usize,
        tokens: usize,
    ) -> Result<Vec<f32>> {
        let d = &self.dims;
        let (h, rows) = (d.hidden, batch * tokens);
        if ids.len() != rows || mask.len() != rows {
            return Err(anyhow!("ids and mask must be batch x tokens"));
        }
        if let Some(&bad) = ids.iter().find(|&&i| i as usize >= d.vocab) {
            return Err(anyhow!(
                "token id {bad} outside the vocabulary of {}",
                d.vocab
            ));
        }
        // embeddings
        let mut x = vec![0f32; rows * h];
        let pos_of = |r: usize| -> usize {
            match &self.arch {
                Arch::Bert { .. } => r % tokens,
                Arch::Mpnet { pad_id, .. } => {
                    if mask[r] != 0 {
                        *pad_id as usize + 1 + r % tokens
                    } else {
                        *pad_id as usize
                    }
                }
            }
        };
        if let Some(r) = (0..rows).find(|&r| pos_of(r) >= d.max_positions) {
            return Err(anyhow!(
                "{} tokens: longer than the model's {} positions",
                r % tokens + 1,
                d.max_positions
            ));
        }
        x.par_chunks_mut(h).enumerate().for_each(|(r, row)| {
            let w = &self.word[ids[r] as usize * h..(ids[r] as usize + 1) * h];
            let p = pos_of(r);
            let p = &self.pos[p * h..(p + 1) * h];
            for ((v, a), b) in row.iter_mut().zip(w).zip(p) {
                *v = a + b;
            }
            if let Arch::Bert { token_type } = &self.arch {
                for (v, t) in row.iter_mut().zip(token_type) {
                    *v += t;
                }
            }
        });
        self.emb_norm.forward_residual(&mut x, &[], &[]);
        let bias = self.position_bias(tokens);
        let hd = h / d.heads;
        for l in &self.layers {
            let qkv = l.qkv.forward(&x, rows);
            let ctx = attention(&qkv, mask, bias.as_deref(), batch, tokens, d.heads, hd);
            let mut a = l.o.product(&ctx, rows);
            l.attn_norm.forward_residual(&mut a, l.o.bias(), &x);
            let mut i = l.inter.product(&a, rows);
            gelu_bias(&mut i, l.inter.bias());
            let mut y = l.out.product(&i, rows);
            l.out_norm.forward_residual(&mut y, l.out.bias(), &a);
            x = y;
        }
        Ok(x)
    }

    /// MPNet's relative-position bias for `t` tokens, heads x t x t.
    fn position_bias(&self, t: usize) -> Option<Vec<f32>> {
        let Arch::Mpnet {
            rel_bias, buckets, ..
        } = &self.arch
        else {
            return None;
        };
        let heads = self.dims.heads;
        let mut out = vec![0f32; heads * t * t];
        for q in 0..t {
            for k in 0..t {
                let b = crate::mpnet::relative_bucket(k as i64 - q as i64, *buckets, 128) as usize;
                for hh in 0..heads {
                    out[(hh * t + q) * t + k] = rel_bias[b * heads + hh];
                }
            }
        }
        Some(out)
    }
}
