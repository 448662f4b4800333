//! The rust-bert backend (`--features rust-bert`, `--backend rust-bert`):
//! sentence encoders on libtorch: BERT-family ones (all-MiniLM-L6-v2)
//! through rust-bert's `BertModel`, MPNet through [`TchMpnet`], on CPU or
//! on a CUDA GPU that libtorch sees (no
//! CUDA toolkit needed: PyPI's torch brings its CUDA libraries).
//!
//! In: a sentence-transformers directory (config.json, model.safetensors,
//! whose weight names are rust-bert's, tokenizer.json). Out: the same
//! L2-normalised mean-pooled embeddings as the other backends, through the
//! same tokenizer and padding. rust-bert has no MPNet: [`TchMpnet`] is the
//! project's own on libtorch tensors (all-mpnet-base-v2, as
//! [`crate::mpnet`] in candle).

use crate::encoder::{self, Encoder, Pooling, StEncoder, Tokens};
use anyhow::{anyhow, Context, Result};
use candle_core::Device;
use rust_bert::bert::{BertConfig, BertEmbeddings, BertModel};
use rust_bert::Config;
use std::path::Path;
use tch::{nn, Kind, Tensor};

/// A transformer body on libtorch: token ids and mask (batch, tokens,
/// int64) in, last hidden states (batch, tokens, width) out.
pub trait TchBackbone {
    fn hidden(&self, ids: &Tensor, mask: &Tensor) -> Result<Tensor>;
}

impl TchBackbone for BertModel<BertEmbeddings> {
    fn hidden(&self, ids: &Tensor, mask: &Tensor) -> Result<Tensor> {
        Ok(self
            .forward_t(Some(ids), Some(mask), None, None, None, None, None, false)
            .map_err(|e| anyhow!("rust-bert: {e}"))?
            .hidden_state)
    }
}

/// A body with its weights, on its libtorch device.
pub struct Tch<M> {
    model: M,
    device: tch::Device,
    _vs: nn::VarStore,
}

// SAFETY: the model is only read after loading (inference under no_grad);
// libtorch's tensors may be read from several threads.
unsafe impl<M> Sync for Tch<M> {}
unsafe impl<M> Send for Tch<M> {}

impl<M: TchBackbone> Pooling for Tch<M> {
    fn pooled(&self, batch: &[&Tokens], pad_id: u32, _device: &Device) -> Result<Vec<Vec<f32>>> {
        let (ids, mask, t) = encoder::pad_ids(batch, pad_id);
        let shape = [batch.len() as i64, t as i64];
        let as_i64 = |v: &[u32]| v.iter().map(|&x| x as i64).collect::<Vec<_>>();
        let ids = Tensor::from_slice(&as_i64(&ids))
            .view(shape)
            .to(self.device);
        let mask = Tensor::from_slice(&as_i64(&mask))
            .view(shape)
            .to(self.device);
        let pooled = tch::no_grad(|| -> Result<Tensor> {
            let hidden = self.model.hidden(&ids, &mask)?;
            let m = mask.to_kind(Kind::Float).unsqueeze(-1);
            let dims: &[i64] = &[1];
            let summed = (hidden * &m).sum_dim_intlist(dims, false, Kind::Float);
            let counts = m.sum_dim_intlist(dims, false, Kind::Float).clamp_min(1e-9);
            let mean = summed / counts;
            let norm = mean
                .square()
                .sum_dim_intlist(dims, true, Kind::Float)
                .sqrt()
                .clamp_min(1e-12);
            Ok((mean / norm).to(tch::Device::Cpu).contiguous())
        })?;
        let d = pooled.size()[1] as usize;
        let flat = Vec::<f32>::try_from(pooled.view([-1]))?;
        Ok(flat.chunks(d).map(<[f32]>::to_vec).collect())
    }
}

/// One MPNet layer.
struct MpnetLayer {
    q: nn::Linear,
    k: nn::Linear,
    v: nn::Linear,
    o: nn::Linear,
    attn_norm: nn::LayerNorm,
    inter: nn::Linear,
    out: nn::Linear,
    out_norm: nn::LayerNorm,
}

/// MPNet on libtorch (rust-bert has none), as [`crate::mpnet`] in candle:
/// positions after the padding index, a relative-position bias shared by
/// the layers.
pub struct TchMpnet {
    word: nn::Embedding,
    pos: nn::Embedding,
    emb_norm: nn::LayerNorm,
    rel_bias: nn::Embedding,
    layers: Vec<MpnetLayer>,
    cfg: crate::mpnet::Config,
}

impl TchMpnet {
    fn new(p: nn::Path, cfg: &crate::mpnet::Config) -> Self {
        let h = cfg.hidden_size as i64;
        let ln = |p: nn::Path| {
            nn::layer_norm(
                p,
                vec![h],
                nn::LayerNormConfig {
                    eps: cfg.layer_norm_eps,
                    ..Default::default()
                },
            )
        };
        let lin = |p: nn::Path, i: i64, o: i64| nn::linear(p, i, o, Default::default());
        let e = &p / "embeddings";
        let enc = &p / "encoder";
        let layers = (0..cfg.num_hidden_layers)
            .map(|i| {
                let l = &enc / "layer" / i;
                let a = &l / "attention";
                MpnetLayer {
                    q: lin(&a / "attn" / "q", h, h),
                    k: lin(&a / "attn" / "k", h, h),
                    v: lin(&a / "attn" / "v", h, h),
                    o: lin(&a / "attn" / "o", h, h),
                    attn_norm: ln(&a / "LayerNorm"),
                    inter: lin(
                        &l / "intermediate" / "dense",
                        h,
                        cfg.intermediate_size as i64,
                    ),
                    out: lin(&l / "output" / "dense", cfg.intermediate_size as i64, h),
                    out_norm: ln(&l / "output" / "LayerNorm"),
                }
            })
            .collect();
        TchMpnet {
            word: nn::embedding(
                &e / "word_embeddings",
                cfg.vocab_size as i64,
                h,
                Default::default(),
            ),
            pos: nn::embedding(
                &e / "position_embeddings",
                cfg.max_position_embeddings as i64,
                h,
                Default::default(),
            ),
            emb_norm: ln(&e / "LayerNorm"),
            rel_bias: nn::embedding(
                &enc / "relative_attention_bias",
                cfg.relative_attention_num_buckets as i64,
                cfg.num_attention_heads as i64,
                Default::default(),
            ),
            layers,
            cfg: cfg.clone(),
        }
    }
}

impl TchBackbone for TchMpnet {
    fn hidden(&self, ids: &Tensor, mask: &Tensor) -> Result<Tensor> {
        use tch::nn::Module;
        let (b, t) = (ids.size()[0], ids.size()[1]);
        let dev = ids.device();
        let heads = self.cfg.num_attention_heads as i64;
        let hd = self.cfg.hidden_size as i64 / heads;
        // position ids: padding index + 1 + index for tokens, the padding index for padding
        let pad = self.cfg.pad_token_id as i64;
        let idx = Tensor::arange(t, (Kind::Int64, dev)).unsqueeze(0);
        let pos = (idx + pad + 1) * mask + (mask.ones_like() - mask) * pad;
        let mut x = self
            .emb_norm
            .forward(&(self.word.forward(ids) + self.pos.forward(&pos)));
        // the relative position bias, shared by the layers: (1, heads, t, t)
        let buckets: Vec<i64> = (0..t)
            .flat_map(|q| {
                (0..t).map(move |k| {
                    crate::mpnet::relative_bucket(
                        k - q,
                        self.cfg.relative_attention_num_buckets,
                        128,
                    ) as i64
                })
            })
            .collect();
        let buckets = Tensor::from_slice(&buckets).view([t, t]).to(dev);
        let ext = (mask.ones_like() - mask)
            .to_kind(Kind::Float)
            .view([b, 1, 1, t])
            * f32::MIN as f64;
        let bias = self
            .rel_bias
            .forward(&buckets)
            .permute([2, 0, 1])
            .unsqueeze(0)
            + ext;
        let scale = 1.0 / (hd as f64).sqrt();
        let split = |y: Tensor| y.view([b, t, heads, hd]).transpose(1, 2);
        for l in &self.layers {
            let q = split(l.q.forward(&x));
            let k = split(l.k.forward(&x));
            let v = split(l.v.forward(&x));
            let scores = q.matmul(&k.transpose(-2, -1)) * scale + &bias;
            let ctx = scores
                .softmax(-1, Kind::Float)
                .matmul(&v)
                .transpose(1, 2)
                .contiguous()
                .view([b, t, heads * hd]);
            let a = l.attn_norm.forward(&(l.o.forward(&ctx) + &x));
            let i = l.inter.forward(&a).gelu("none");
            x = l.out_norm.forward(&(l.out.forward(&i) + &a));
        }
        Ok(x)
    }
}

/// A sentence-transformers directory (BERT family or MPNet) on libtorch,
/// on the GPU when `device` is one.
pub fn load(dir: &Path, device: &Device) -> Result<Box<dyn Encoder>> {
    encoder::check_files(dir)?;
    let (cfg_path, cfg_text) = encoder::read_config(dir)?;
    let tdev = if device.is_cpu() {
        tch::Device::Cpu
    } else {
        tch::Device::Cuda(0)
    };
    let mut vs = nn::VarStore::new(tdev);
    let weights = |vs: &mut nn::VarStore| {
        vs.load(dir.join("model.safetensors"))
            .with_context(|| format!("{}: cannot load the weights on libtorch", dir.display()))
    };
    let is_mpnet = serde_json::from_str::<serde_json::Value>(&cfg_text)?
        .get("model_type")
        .and_then(|m| m.as_str())
        == Some("mpnet");
    if is_mpnet {
        let cfg: crate::mpnet::Config = serde_json::from_str(&cfg_text)
            .with_context(|| format!("{}: not an MPNet config", cfg_path.display()))?;
        let model = TchMpnet::new(vs.root(), &cfg);
        weights(&mut vs)?;
        let max_len = encoder::st_max_len(dir, 384)
            .min(cfg.max_position_embeddings - cfg.pad_token_id as usize - 1);
        let model = Tch {
            model,
            device: tdev,
            _vs: vs,
        };
        return Ok(Box::new(StEncoder::with_model(
            dir,
            model,
            device,
            max_len,
            cfg.hidden_size,
            cfg.pad_token_id,
        )?));
    }
    let config = BertConfig::from_file(&cfg_path);
    let model = BertModel::<BertEmbeddings>::new(vs.root(), &config);
    weights(&mut vs)?;
    let max_len = encoder::st_max_len(dir, 256).min(config.max_position_embeddings as usize);
    let dim = config.hidden_size as usize;
    let model = Tch {
        model,
        device: tdev,
        _vs: vs,
    };
    Ok(Box::new(StEncoder::with_model(
        dir, model, device, max_len, dim, 0,
    )?))
}
