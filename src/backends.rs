//! Stage 6a' — which backend runs the encoder.
//!
//! In: a sentence-transformers model directory and a device. Out: an
//! [`Encoder`] on the backend [`crate::encoder::set_backend`] chose: the
//! project's native CPU kernels, candle (CPU or CUDA), or rust-bert on
//! libtorch (`--features rust-bert`). The backends implement the trait in
//! [`crate::encoder`]; this module is the one place that knows them all.

use crate::encoder::{backend, Backend, BertEncoder, Encoder, MpnetEncoder, NativeEncoder};
use anyhow::{bail, Result};
use candle_core::Device;
use std::path::Path;

/// Load a sentence-transformers directory with the right architecture
/// (config.json's model_type "mpnet", else the BERT family) on the backend
/// [`crate::encoder::set_backend`] chose: the native kernels on CPU unless it says candle.
pub fn load_encoder(dir: &Path, device: &Device) -> Result<Box<dyn Encoder>> {
    if backend() == Backend::RustBert {
        #[cfg(feature = "rust-bert")]
        return crate::rustbert::load(dir, device);
        #[cfg(not(feature = "rust-bert"))]
        bail!("--backend rust-bert: this build has none; run scripts/setup-libtorch, then build with `cargo build --release --features rust-bert`");
    }
    match (backend(), device.is_cpu()) {
        (Backend::Native, false) => {
            bail!(
                "--backend native runs on CPU only; use --device cpu, or --backend candle on a GPU"
            )
        }
        (Backend::Native, true) | (Backend::Auto, true) => {
            return Ok(Box::new(NativeEncoder::load(dir)?));
        }
        _ => {}
    }
    let model_type = std::fs::read_to_string(dir.join("config.json"))
        .ok()
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        .and_then(|v| {
            v.get("model_type")
                .and_then(|m| m.as_str())
                .map(String::from)
        })
        .unwrap_or_default();
    if model_type == "mpnet" {
        Ok(Box::new(MpnetEncoder::load(dir, device)?))
    } else {
        Ok(Box::new(BertEncoder::load(dir, device)?))
    }
}
