//! The rust-bert backend (`--features rust-bert`, `--backend rust-bert`):
//! BERT-family sentence encoders (all-MiniLM-L6-v2) on libtorch through
//! rust-bert's `BertModel`, on CPU or on a CUDA GPU that libtorch sees (no
//! CUDA toolkit needed: PyPI's torch brings its CUDA libraries).
//!
//! In: a sentence-transformers directory (config.json, model.safetensors,
//! whose weight names are rust-bert's, tokenizer.json). Out: the same
//! L2-normalised mean-pooled embeddings as the other backends, through the
//! same tokenizer and padding. MPNet (all-mpnet-base-v2) has no rust-bert
//! model and is not on this backend yet.

use crate::encoder::{self, Encoder, Pooling, StEncoder, Tokens};
use anyhow::{anyhow, bail, Context, Result};
use candle_core::Device;
use rust_bert::bert::{BertConfig, BertEmbeddings, BertModel};
use rust_bert::Config;
use std::path::Path;
use tch::{nn, Kind, Tensor};

/// rust-bert's BERT with its weights.
pub struct TchBert {
    model: BertModel<BertEmbeddings>,
    device: tch::Device,
    _vs: nn::VarStore,
}

// SAFETY: the model is only read after loading (inference under no_grad);
// libtorch's tensors may be used from several threads for reading.
unsafe impl Sync for TchBert {}
unsafe impl Send for TchBert {}

impl Pooling for TchBert {
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
            let out = self
                .model
                .forward_t(Some(&ids), Some(&mask), None, None, None, None, None, false)
                .map_err(|e| anyhow!("rust-bert: {e}"))?;
            let m = mask.to_kind(Kind::Float).unsqueeze(-1);
            let dims: &[i64] = &[1];
            let summed = (out.hidden_state * &m).sum_dim_intlist(dims, false, Kind::Float);
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

/// A BERT-family sentence-transformers directory on rust-bert, on the GPU
/// when `device` is one.
pub fn load(dir: &Path, device: &Device) -> Result<Box<dyn Encoder>> {
    encoder::check_files(dir)?;
    let (cfg_path, cfg_text) = encoder::read_config(dir)?;
    if cfg_text.contains("\"mpnet\"") {
        bail!(
            "{}: MPNet is not on the rust-bert backend yet; use --preset fast (MiniLM) with it, or another --backend",
            dir.display()
        );
    }
    let config = BertConfig::from_file(&cfg_path);
    let tdev = if device.is_cpu() {
        tch::Device::Cpu
    } else {
        tch::Device::Cuda(0)
    };
    let mut vs = nn::VarStore::new(tdev);
    let model = BertModel::<BertEmbeddings>::new(vs.root(), &config);
    vs.load(dir.join("model.safetensors")).with_context(|| {
        format!(
            "{}: cannot load the weights into rust-bert's BERT",
            dir.display()
        )
    })?;
    let max_len = encoder::st_max_len(dir, 256).min(config.max_position_embeddings as usize);
    let dim = config.hidden_size as usize;
    let model = TchBert {
        model,
        device: tdev,
        _vs: vs,
    };
    Ok(Box::new(StEncoder::with_model(
        dir, model, device, max_len, dim, 0,
    )?))
}
