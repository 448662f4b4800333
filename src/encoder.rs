//! Stage 6a — the transformer encoder (candle).
//!
//! In: sentences. Out: one L2-normalised, mean-pooled embedding per
//! sentence, in input order, exactly as sentence-transformers computes it.
//! Batched with dynamic padding: sentences are tokenised in parallel, sorted
//! by token length, cut into batches padded to their longest member, and the
//! results put back in input order. Runs on CPU by default; on a CUDA GPU
//! with the `cuda` cargo feature. Several encoders can be stacked; their
//! embeddings are concatenated ([`EncoderStack`]), and the heads downstream
//! read one pass of the stack, so no sentence is encoded twice.

use anyhow::{anyhow, bail, Context, Result};
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config as BertConfig};
use std::path::Path;
use tokenizers::{Tokenizer, TruncationParams};

/// Where the encoder runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeviceChoice {
    /// a CUDA GPU when the build has CUDA and one is present, else CPU
    #[default]
    Auto,
    Cpu,
    Cuda,
}

/// Which implementation runs the encoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Backend {
    /// the native kernels on CPU, candle on a GPU
    #[default]
    Auto,
    /// the project's own CPU kernels ([`crate::native`]); CPU only
    Native,
    /// candle's modules, on CPU or GPU (the reference path)
    Candle,
    /// libtorch through rust-bert (`--features rust-bert`), on CPU or GPU;
    /// BERT-family encoders
    RustBert,
}

static BACKEND: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// Choose the backend for every encoder this process loads afterwards.
pub fn set_backend(b: Backend) {
    BACKEND.store(b as u8, std::sync::atomic::Ordering::Relaxed);
}

/// The backend set by [`set_backend`] (default: [`Backend::Auto`]).
pub fn backend() -> Backend {
    match BACKEND.load(std::sync::atomic::Ordering::Relaxed) {
        1 => Backend::Native,
        2 => Backend::Candle,
        3 => Backend::RustBert,
        _ => Backend::Auto,
    }
}

pub fn select_device(choice: DeviceChoice) -> Result<Device> {
    match choice {
        DeviceChoice::Cpu => Ok(Device::Cpu),
        DeviceChoice::Auto => {
            if cfg!(feature = "cuda") {
                Ok(Device::cuda_if_available(0).unwrap_or(Device::Cpu))
            } else {
                Ok(Device::Cpu)
            }
        }
        DeviceChoice::Cuda => {
            if !cfg!(feature = "cuda") {
                bail!("--device cuda: this build has no CUDA support; rebuild with `cargo build --release --features cuda`")
            }
            Device::new_cuda(0).map_err(|e| anyhow!("--device cuda: no usable CUDA device: {e}"))
        }
    }
}

/// A sentence tokenised for one encoder (truncated, not padded).
#[derive(Debug, Clone)]
pub struct Tokens {
    pub ids: Vec<u32>,
}

/// One transformer sentence encoder.
pub trait Encoder: Send + Sync {
    /// a short name for reports ("all-MiniLM-L6-v2")
    fn name(&self) -> &str;
    /// embedding width
    fn dim(&self) -> usize;
    /// tokenise without padding, truncating at the encoder's limit
    fn tokenize(&self, texts: &[&str]) -> Result<Vec<Tokens>>;
    /// embed one batch (padded here to its longest member); rows are
    /// L2-normalised mean-pooled embeddings
    fn embed_batch(&self, batch: &[&Tokens]) -> Result<Vec<Vec<f32>>>;
}

/// A transformer body: token ids and attention mask in (batch, tokens),
/// last hidden states out (batch, tokens, width).
pub trait Backbone: Send + Sync {
    fn hidden(&self, ids: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor>;
}

impl Backbone for BertModel {
    fn hidden(&self, ids: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
        self.forward(ids, &ids.zeros_like()?, Some(mask))
    }
}

impl Backbone for crate::mpnet::MpnetModel {
    fn hidden(&self, ids: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
        self.forward(ids, mask)
    }
}

/// A sentence-transformers model directory (config.json, model.safetensors,
/// tokenizer.json; mean pooling, L2 normalisation) on a given backbone.
pub struct StEncoder<B> {
    name: String,
    model: B,
    tokenizer: Tokenizer,
    device: Device,
    dim: usize,
    pad_id: u32,
}

/// BERT-family encoders (all-MiniLM-L6-v2 and the like).
pub type BertEncoder = StEncoder<BertModel>;
/// MPNet encoders (all-mpnet-base-v2).
pub type MpnetEncoder = StEncoder<crate::mpnet::MpnetModel>;

/// config.json's path and text.
pub(crate) fn read_config(dir: &Path) -> Result<(std::path::PathBuf, String)> {
    let cfg_path = dir.join("config.json");
    let cfg_text = std::fs::read_to_string(&cfg_path)
        .with_context(|| format!("{}: cannot read", cfg_path.display()))?;
    Ok((cfg_path, cfg_text))
}

/// The weights, memory-mapped from model.safetensors.
fn mmap_weights(dir: &Path, device: &Device) -> Result<VarBuilder<'static>> {
    // safety: the file is only read, and stays in place while the model lives
    let vb = unsafe {
        VarBuilder::from_mmaped_safetensors(&[dir.join("model.safetensors")], DType::F32, device)
    };
    vb.with_context(|| format!("{}: cannot read model.safetensors", dir.display()))
}

pub(crate) fn check_files(dir: &Path) -> Result<()> {
    for f in ["config.json", "model.safetensors", "tokenizer.json"] {
        if !dir.join(f).is_file() {
            bail!(
                "{}: missing model file {f} (is this a sentence-transformers model directory?)",
                dir.display()
            );
        }
    }
    Ok(())
}

fn dir_name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "encoder".into())
}

/// sentence-transformers' max_seq_length, from sentence_bert_config.json.
pub(crate) fn st_max_len(dir: &Path, fallback: usize) -> usize {
    std::fs::read_to_string(dir.join("sentence_bert_config.json"))
        .ok()
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        .and_then(|v| v.get("max_seq_length").and_then(|x| x.as_u64()))
        .map(|x| x as usize)
        .unwrap_or(fallback)
}

impl<B> StEncoder<B> {
    /// The parts every backbone shares: memory-map the weights, build the
    /// backbone with `build`, load the tokenizer truncating at `max_len`.
    fn assemble(
        dir: &Path,
        device: &Device,
        max_len: usize,
        dim: usize,
        pad_id: u32,
        build: impl FnOnce(VarBuilder<'static>) -> candle_core::Result<B>,
        what: &str,
    ) -> Result<Self> {
        let model = build(mmap_weights(dir, device)?)
            .with_context(|| format!("{}: cannot load {what} weights", dir.display()))?;
        Self::with_model(dir, model, device, max_len, dim, pad_id)
    }

    /// A loaded backbone with the directory's tokenizer, truncating at
    /// `max_len`.
    pub(crate) fn with_model(
        dir: &Path,
        model: B,
        device: &Device,
        max_len: usize,
        dim: usize,
        pad_id: u32,
    ) -> Result<Self> {
        Ok(Self {
            name: dir_name(dir),
            model,
            tokenizer: load_tokenizer(dir, max_len)?,
            device: device.clone(),
            dim,
            pad_id,
        })
    }
}

impl BertEncoder {
    pub fn load(dir: &Path, device: &Device) -> Result<Self> {
        check_files(dir)?;
        let (cfg_path, cfg_text) = read_config(dir)?;
        let config: BertConfig = serde_json::from_str(&cfg_text)
            .with_context(|| format!("{}: not a BERT-family config", cfg_path.display()))?;
        let dim = serde_json::from_str::<serde_json::Value>(&cfg_text)?
            .get("hidden_size")
            .and_then(|v| v.as_u64())
            .ok_or_else(|| anyhow!("{}: no hidden_size", cfg_path.display()))?
            as usize;
        let max_pos = config.max_position_embeddings;
        let max_len = st_max_len(dir, 256).min(max_pos);
        Self::assemble(
            dir,
            device,
            max_len,
            dim,
            0,
            |vb| BertModel::load(vb, &config),
            "BERT",
        )
    }
}

/// Mean over the tokens the mask keeps, then L2 normalisation.
pub fn mean_pool_normalize(hidden: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
    let mask = mask.to_dtype(hidden.dtype())?.unsqueeze(2)?; // b, t, 1
    let summed = hidden.broadcast_mul(&mask)?.sum(1)?; // b, d
    let counts = mask.sum(1)?.clamp(1e-9, f64::INFINITY)?; // b, 1
    let mean = summed.broadcast_div(&counts)?;
    let norm = mean
        .sqr()?
        .sum_keepdim(1)?
        .sqrt()?
        .clamp(1e-12, f64::INFINITY)?;
    mean.broadcast_div(&norm)
}

/// A model that turns a batch of token ids into pooled, normalised
/// sentence embeddings: a candle backbone on its device, or the native
/// CPU transformer.
pub trait Pooling: Send + Sync {
    fn pooled(&self, batch: &[&Tokens], pad_id: u32, device: &Device) -> Result<Vec<Vec<f32>>>;
}

impl<B: Backbone> Pooling for B {
    fn pooled(&self, batch: &[&Tokens], pad_id: u32, device: &Device) -> Result<Vec<Vec<f32>>> {
        let (ids, mask) = pad_batch(batch, pad_id, device)?;
        let hidden = self.hidden(&ids, &mask)?;
        let pooled = mean_pool_normalize(&hidden, &mask)?;
        Ok(pooled.to_device(&Device::Cpu)?.to_vec2::<f32>()?)
    }
}

impl Pooling for crate::native::NativeTransformer {
    fn pooled(&self, batch: &[&Tokens], pad_id: u32, _device: &Device) -> Result<Vec<Vec<f32>>> {
        let (ids, mask, t) = pad_ids(batch, pad_id);
        let hidden = self.hidden(&ids, &mask, batch.len(), t)?;
        Ok(crate::kernels::mean_pool_normalize(
            &hidden,
            &mask,
            batch.len(),
            t,
            self.width(),
        ))
    }
}

impl<B: Pooling> Encoder for StEncoder<B> {
    fn name(&self) -> &str {
        &self.name
    }

    fn dim(&self) -> usize {
        self.dim
    }

    fn tokenize(&self, texts: &[&str]) -> Result<Vec<Tokens>> {
        tokenize_with(&self.tokenizer, texts)
    }

    fn embed_batch(&self, batch: &[&Tokens]) -> Result<Vec<Vec<f32>>> {
        self.model.pooled(batch, self.pad_id, &self.device)
    }
}

impl MpnetEncoder {
    pub fn load(dir: &Path, device: &Device) -> Result<Self> {
        check_files(dir)?;
        let (cfg_path, cfg_text) = read_config(dir)?;
        let cfg: crate::mpnet::Config = serde_json::from_str(&cfg_text)
            .with_context(|| format!("{}: not an MPNet config", cfg_path.display()))?;
        // positions start after the padding index
        let max_len =
            st_max_len(dir, 384).min(cfg.max_position_embeddings - cfg.pad_token_id as usize - 1);
        Self::assemble(
            dir,
            device,
            max_len,
            cfg.hidden_size,
            cfg.pad_token_id,
            |vb| crate::mpnet::MpnetModel::load(vb, &cfg),
            "MPNet",
        )
    }
}

/// What the native encoder reads from config.json.
#[derive(serde::Deserialize)]
struct NativeConfig {
    #[serde(default)]
    model_type: String,
    vocab_size: usize,
    hidden_size: usize,
    num_attention_heads: usize,
    num_hidden_layers: usize,
    intermediate_size: usize,
    max_position_embeddings: usize,
    layer_norm_eps: f64,
    #[serde(default)]
    hidden_act: Option<String>,
    #[serde(default)]
    pad_token_id: u32,
    #[serde(default)]
    relative_attention_num_buckets: Option<usize>,
}

/// A sentence-transformers directory on the native CPU kernels.
pub type NativeEncoder = StEncoder<crate::native::NativeTransformer>;

impl NativeEncoder {
    pub fn load(dir: &Path) -> Result<Self> {
        check_files(dir)?;
        let (cfg_path, cfg_text) = read_config(dir)?;
        let c: NativeConfig = serde_json::from_str(&cfg_text)
            .with_context(|| format!("{}: not a BERT or MPNet config", cfg_path.display()))?;
        if let Some(act) = c.hidden_act.as_deref().filter(|a| *a != "gelu") {
            bail!(
                "{}: hidden_act {act:?}: the native encoder has only the exact GELU; use --backend candle",
                cfg_path.display()
            );
        }
        let dims = crate::native::Dims {
            vocab: c.vocab_size,
            hidden: c.hidden_size,
            heads: c.num_attention_heads,
            layers: c.num_hidden_layers,
            intermediate: c.intermediate_size,
            max_positions: c.max_position_embeddings,
            eps: c.layer_norm_eps as f32,
        };
        let vb = mmap_weights(dir, &Device::Cpu)?;
        let (model, max_len, pad_id) = if c.model_type == "mpnet" {
            let buckets = c.relative_attention_num_buckets.unwrap_or(32);
            let max_len =
                st_max_len(dir, 384).min(c.max_position_embeddings - c.pad_token_id as usize - 1);
            let m = crate::native::NativeTransformer::load_mpnet(vb, dims, c.pad_token_id, buckets);
            (m, max_len, c.pad_token_id)
        } else {
            let max_len = st_max_len(dir, 256).min(c.max_position_embeddings);
            (
                crate::native::NativeTransformer::load_bert(vb, dims),
                max_len,
                0,
            )
        };
        let model = model.with_context(|| format!("{}: cannot load the weights", dir.display()))?;
        Ok(Self {
            name: dir_name(dir),
            model,
            tokenizer: load_tokenizer(dir, max_len)?,
            device: Device::Cpu,
            dim: c.hidden_size,
            pad_id,
        })
    }
}

pub(crate) fn load_tokenizer(dir: &Path, max_len: usize) -> Result<Tokenizer> {
    let mut tokenizer = Tokenizer::from_file(dir.join("tokenizer.json"))
        .map_err(|e| anyhow!("{}: cannot read tokenizer.json: {e}", dir.display()))?;
    // the shipped tokenizers pad and truncate to a fixed length: no padding
    // here (batches pad to their longest), truncation at the encoder's limit
    tokenizer.with_padding(None);
    tokenizer
        .with_truncation(Some(TruncationParams {
            max_length: max_len,
            ..Default::default()
        }))
        .map_err(|e| anyhow!("tokenizer: {e}"))?;
    Ok(tokenizer)
}

pub(crate) fn tokenize_with(tokenizer: &Tokenizer, texts: &[&str]) -> Result<Vec<Tokens>> {
    let encs = tokenizer
        .encode_batch(texts.to_vec(), true)
        .map_err(|e| anyhow!("tokenizer: {e}"))?;
    Ok(encs
        .into_iter()
        .map(|e| Tokens {
            ids: e.get_ids().to_vec(),
        })
        .collect())
}

/// Ids and mask of a batch (batch x tokens, row-major), padded on the
/// right to its longest member; and that length.
pub(crate) fn pad_ids(batch: &[&Tokens], pad_id: u32) -> (Vec<u32>, Vec<u32>, usize) {
    let n = batch.len();
    let t = batch.iter().map(|x| x.ids.len()).max().unwrap_or(0).max(1);
    let mut ids = vec![pad_id; n * t];
    let mut mask = vec![0u32; n * t];
    for (r, tok) in batch.iter().enumerate() {
        ids[r * t..r * t + tok.ids.len()].copy_from_slice(&tok.ids);
        mask[r * t..r * t + tok.ids.len()].fill(1);
    }
    (ids, mask, t)
}

/// Ids and mask of a batch as tensors on `device`, padded on the right.
pub(crate) fn pad_batch(
    batch: &[&Tokens],
    pad_id: u32,
    device: &Device,
) -> Result<(Tensor, Tensor)> {
    let n = batch.len();
    let (ids, mask, t) = pad_ids(batch, pad_id);
    Ok((
        Tensor::from_vec(ids, (n, t), device)?,
        Tensor::from_vec(mask, (n, t), device)?,
    ))
}

/// Options for a batched run.
#[derive(Debug, Clone)]
pub struct EmbedOptions {
    pub batch_size: usize,
    /// sort by token length before batching (dynamic padding); off only to
    /// measure what sorting buys
    pub sort_by_length: bool,
    pub progress: bool,
}

impl Default for EmbedOptions {
    fn default() -> Self {
        Self {
            batch_size: 32,
            sort_by_length: true,
            progress: false,
        }
    }
}

/// Embed `texts` with one encoder: parallel tokenisation, length-sorted
/// batches, results in input order.
pub fn embed(encoder: &dyn Encoder, texts: &[&str], opts: &EmbedOptions) -> Result<Vec<Vec<f32>>> {
    if texts.is_empty() {
        return Ok(Vec::new());
    }
    let tokens = encoder.tokenize(texts)?;
    let mut order: Vec<usize> = (0..texts.len()).collect();
    if opts.sort_by_length {
        order.sort_by_key(|&i| (tokens[i].ids.len(), i));
    }
    let mut out: Vec<Vec<f32>> = vec![Vec::new(); texts.len()];
    let bs = opts.batch_size.max(1);
    let mut progress = crate::progress::Progress::new(
        &format!("encoding with {}", encoder.name()),
        "sentences",
        order.len(),
        opts.progress,
    );
    for chunk in order.chunks(bs) {
        let batch: Vec<&Tokens> = chunk.iter().map(|&i| &tokens[i]).collect();
        let embs = encoder.embed_batch(&batch)?;
        for (&i, e) in chunk.iter().zip(embs) {
            out[i] = e;
        }
        progress.inc(chunk.len());
    }
    progress.finish();
    Ok(out)
}

/// One or more encoders whose embeddings are concatenated.
pub struct EncoderStack {
    pub encoders: Vec<Box<dyn Encoder>>,
}

impl EncoderStack {
    pub fn dim(&self) -> usize {
        self.encoders.iter().map(|e| e.dim()).sum()
    }

    /// One pass of every encoder over `texts`; rows are the concatenated
    /// embeddings.
    pub fn embed(&self, texts: &[&str], opts: &EmbedOptions) -> Result<Vec<Vec<f32>>> {
        let mut rows: Vec<Vec<f32>> = vec![Vec::with_capacity(self.dim()); texts.len()];
        for enc in &self.encoders {
            for (row, e) in rows.iter_mut().zip(embed(enc.as_ref(), texts, opts)?) {
                row.extend(e);
            }
        }
        Ok(rows)
    }
}
