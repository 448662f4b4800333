//! Stage 6c — the stance model as a whole: an encoder stack plus heads,
//! stored as a directory.
//!
//! In: sentences (and, for the claim head, whether cleaning saw them as a
//! heading or furniture). Out: per sentence the stance (pro / critical /
//! neutral) with calibrated probabilities, and `is_claim` with its
//! probability. The encoder runs once per sentence; every head reads that
//! one embedding.
//!
//! A model directory holds `model.json` (encoders by name and checksum,
//! labels, temperatures, hyper-parameters, data hashes, metrics),
//! `heads.safetensors` (the head weights) and `MODEL_CARD.md`.

use crate::encoder::{EmbedOptions, Encoder, EncoderStack};
use crate::head::{Softmax, TrainParams};
use anyhow::{anyhow, bail, Context, Result};
use candle_core::{Device, Tensor};
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub const FORMAT: &str = "stancemap-model/1";

/// An encoder the model was trained on.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EncoderRef {
    /// directory: relative to the models root, or absolute
    pub dir: String,
    pub hf_name: Option<String>,
    pub dim: usize,
    pub safetensors_sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DataRef {
    pub path: String,
    pub sha256: String,
    pub rows: usize,
}

/// Everything in model.json.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ModelMeta {
    pub format: String,
    pub preset: String,
    pub target: String,
    pub encoders: Vec<EncoderRef>,
    pub labels: Vec<String>,
    pub stance_temperature: f32,
    pub claim_temperature: f32,
    pub claim_features: Vec<String>,
    /// stance head
    pub params: TrainParams,
    /// claim head
    #[serde(default)]
    pub claim_params: TrainParams,
    pub data: Vec<DataRef>,
    /// evaluation results (leave-one-article-out), free form
    pub metrics: serde_json::Value,
    pub created_by: String,
    /// a fine-tuned stance branch averaged with the stance head, if any
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tuned: Option<TunedRef>,
    /// sha256 of heads.safetensors, written with it and checked at load
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heads_sha256: Option<String>,
}

/// The fine-tuned stance branch of a model: one or more fine-tuned copies
/// of an encoder (one per seed) whose stance probabilities are averaged.
/// Their weights (a whole encoder each, about 440 MB) are not shipped:
/// `stancemap finetune --make DIR` makes them from the recorded data and
/// recipe; loading never trains, and a missing member is an error that
/// says so.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TunedRef {
    /// one fine-tuned copy per seed
    pub members: Vec<TunedMember>,
    /// the pretrained encoder they start from (a directory under models/)
    pub encoder: String,
    /// the recipe (its `seed` is replaced by each member's)
    pub params: crate::tuned::TuneParams,
    /// weight of the members' mean probabilities in the average with the head's
    pub blend: f32,
    /// training data, paths relative to the project directory
    pub data: Vec<DataRef>,
}

/// One fine-tuned copy in a [`TunedRef`].
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TunedMember {
    pub seed: u64,
    /// the weights, relative to the model directory
    pub file: String,
}

/// Names of the surface features the claim head reads beside the embedding.
pub const CLAIM_FEATURES: [&str; 7] = [
    "is_heading",
    "is_furniture",
    "ends_with_terminal",
    "is_question",
    "short_fragment",
    "log_words",
    "has_verb_like_word",
];

/// Surface features of a sentence for the claim head.
pub fn claim_features(text: &str, is_heading: bool, is_furniture: bool) -> [f32; 7] {
    let t = text.trim();
    let words = t.split_whitespace().count();
    let last = t
        .trim_end_matches(['"', '”', '’', '\'', ')', ']', '»'])
        .chars()
        .next_back()
        .unwrap_or(' ');
    let terminal = matches!(last, '.' | '!' | '…');
    let question = last == '?';
    let verb_like = t.split_whitespace().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        matches!(
            w.as_str(),
            "is" | "are"
                | "was"
                | "were"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "can"
                | "could"
                | "should"
                | "must"
                | "may"
                | "might"
                | "said"
                | "says"
                | "does"
                | "did"
        ) || (w.len() > 4 && (w.ends_with("ed") || w.ends_with("es")))
    });
    [
        is_heading as u8 as f32,
        is_furniture as u8 as f32,
        terminal as u8 as f32,
        question as u8 as f32,
        (words <= 3) as u8 as f32,
        ((words as f32) + 1.0).ln() / 4.0,
        verb_like as u8 as f32,
    ]
}

/// Names of the features the stance head reads beside the embedding.
pub const STANCE_FEATURES: [&str; 2] = ["mentions_target", "mentions_generic_referent"];

/// Ways the text may name the target: the name itself, plus the CSTO's long
/// forms when the target is the CSTO.
pub fn target_names(target: &str) -> Vec<String> {
    let mut v = vec![target.to_string()];
    if target.eq_ignore_ascii_case("csto") {
        v.extend(
            [
                "Collective Security Treaty Organization",
                "Collective Security Treaty",
                "ОДКБ",
            ]
            .map(String::from),
        );
    }
    v
}

/// Whether a sentence names the target, or a generic referent that may
/// stand for it ("the organization", "the alliance", "the bloc").
pub fn stance_features(text: &str, target: &str) -> [f32; 2] {
    let named = target_names(target)
        .iter()
        .any(|n| text.contains(n.as_str()));
    let low = text.to_lowercase();
    let generic = [
        "organization",
        "organisation",
        "alliance",
        "bloc",
        "treaty",
        "association",
    ]
    .iter()
    .any(|w| low.contains(w));
    [named as u8 as f32, generic as u8 as f32]
}

/// Embedding plus target features, the stance head's input rows.
pub fn stance_rows(texts: &[&str], emb: &[Vec<f32>], target: &str) -> Vec<Vec<f32>> {
    texts
        .iter()
        .zip(emb)
        .map(|(t, e)| {
            let mut r = e.clone();
            r.extend(stance_features(t, target));
            r
        })
        .collect()
}

pub use crate::document::Prediction;

/// A sentence to classify, with what cleaning knows of it.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub text: &'a str,
    pub is_heading: bool,
    pub is_furniture: bool,
}

impl<'a> From<&'a crate::data::Example> for Input<'a> {
    /// An annotated sentence as the model reads it.
    fn from(e: &'a crate::data::Example) -> Self {
        Input {
            text: &e.text,
            is_heading: e.is_heading,
            is_furniture: e.is_furniture,
        }
    }
}

pub struct StanceModel {
    pub dir: PathBuf,
    pub meta: ModelMeta,
    pub stack: EncoderStack,
    pub stance: Softmax,
    pub claim: Softmax,
    /// the fine-tuned branch's members (empty when the model has none)
    pub tuned: Vec<crate::tuned::TunedStance>,
}

/// Resolve an encoder directory named in model.json.
pub fn encoder_dir(dir: &str) -> PathBuf {
    let p = Path::new(dir);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        crate::models::models_root().join(p)
    }
}

/// A shipped encoder's directory, fetched first if missing.
pub fn ensure_encoder(name: &str, quiet: bool) -> Result<PathBuf> {
    let dir = encoder_dir(name);
    if !dir.join("model.safetensors").is_file() {
        match crate::models::SHIPPED.iter().find(|m| m.dir == name) {
            Some(m) => {
                m.ensure(quiet)?;
            }
            None => bail!(
                "{}: missing encoder (model.safetensors not found)",
                dir.display()
            ),
        }
    }
    Ok(dir)
}

/// Check `file` against the sha256 the model pins. Hashing 420 MB takes a
/// second or two, so a match is remembered in `<file>.verified` (the hash
/// with the file's size and modification time) and the file is hashed again
/// only when it changes; a file that does not match is an error that says
/// how to get a good copy (`remedy`).
pub fn verify_weights(file: &Path, pinned: &str, remedy: &str) -> Result<()> {
    if pinned.is_empty() {
        return Ok(());
    }
    let meta =
        std::fs::metadata(file).with_context(|| format!("{}: cannot read", file.display()))?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let stamp = format!("{pinned} {} {mtime}\n", meta.len());
    let stamp_path = file.with_extension("safetensors.verified");
    if std::fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp) {
        return Ok(());
    }
    let got = crate::models::sha256_file(file)?;
    if got != pinned {
        bail!(
            "{}: sha256 {got} does not match the {pinned} the model pins: the file is damaged or not this model's; {remedy}",
            file.display(),
        );
    }
    // remembering is an optimisation: a read-only directory just hashes again
    let _ = crate::output::write_atomic(&stamp_path, stamp.as_bytes());
    Ok(())
}

/// The fine-tuned branch of a model. Loading never trains: a member whose
/// weights are missing is an error that says how to make them
/// (`stancemap finetune --make DIR`).
fn load_tuned(
    dir: &Path,
    t: &TunedRef,
    device: &Device,
    quiet: bool,
) -> Result<Vec<crate::tuned::TunedStance>> {
    let enc_dir = ensure_encoder(&t.encoder, quiet)?;
    let mut out = Vec::new();
    for m in &t.members {
        let file = dir.join(&m.file);
        if !file.is_file() {
            bail!(
                "{}: missing: this model averages its head with a fine-tuned encoder whose weights are not made yet; \
                 make them once with `stancemap finetune --make {}` (about 15 minutes a copy on 2 CPU cores), \
                 or use a model without a fine-tuned branch",
                file.display(),
                dir.display()
            );
        }
        // pinned when made (`<file>.sha256`, written beside the weights)
        if let Ok(pinned) = std::fs::read_to_string(file.with_extension("safetensors.sha256")) {
            verify_weights(
                &file,
                pinned.trim(),
                &format!(
                    "delete it and make it again with `stancemap finetune --make {}`",
                    dir.display()
                ),
            )?;
        }
        out.push(crate::tuned::TunedStance::load(
            &file,
            &enc_dir,
            device,
            t.params.max_len,
        )?);
    }
    Ok(out)
}

/// Load (fetching the shipped encoders first if missing) the encoders a
/// model names.
pub fn load_stack(encoders: &[EncoderRef], device: &Device, quiet: bool) -> Result<EncoderStack> {
    let mut list: Vec<Box<dyn Encoder>> = Vec::new();
    for e in encoders {
        let dir = ensure_encoder(&e.dir, quiet)?;
        verify_weights(
            &dir.join("model.safetensors"),
            &e.safetensors_sha256,
            &format!(
                "delete its directory ({}) and run again to fetch it afresh",
                dir.display()
            ),
        )?;
        let enc = crate::backends::load_encoder(&dir, device)?;
        if enc.dim() != e.dim {
            bail!(
                "{}: encoder width {} but the model expects {}",
                dir.display(),
                enc.dim(),
                e.dim
            );
        }
        list.push(enc);
    }
    Ok(EncoderStack { encoders: list })
}

fn to_array2(t: &Tensor) -> Result<Array2<f32>> {
    let (r, c) = t.dims2()?;
    Ok(Array2::from_shape_vec(
        (r, c),
        t.flatten_all()?.to_vec1::<f32>()?,
    )?)
}

fn to_array1(t: &Tensor) -> Result<Array1<f32>> {
    Ok(Array1::from(t.to_vec1::<f32>()?))
}

fn tensor2(a: &Array2<f32>) -> Result<Tensor> {
    Ok(Tensor::from_vec(
        a.iter().cloned().collect::<Vec<f32>>(),
        a.dim(),
        &Device::Cpu,
    )?)
}

fn tensor1(a: &Array1<f32>) -> Result<Tensor> {
    Ok(Tensor::from_vec(a.to_vec(), a.len(), &Device::Cpu)?)
}

impl StanceModel {
    pub fn load(dir: &Path, device: &Device, quiet: bool) -> Result<Self> {
        let meta_path = dir.join("model.json");
        let meta_text = std::fs::read_to_string(&meta_path).with_context(|| {
            format!(
                "{}: cannot read (is {} a stancemap model directory?)",
                meta_path.display(),
                dir.display()
            )
        })?;
        let meta: ModelMeta = serde_json::from_str(&meta_text)
            .with_context(|| format!("{}: not a stancemap model", meta_path.display()))?;
        if meta.format != FORMAT {
            bail!(
                "{}: format {:?}, expected {FORMAT:?}",
                meta_path.display(),
                meta.format
            );
        }
        let heads_path = dir.join("heads.safetensors");
        if let Some(pinned) = &meta.heads_sha256 {
            let got = crate::models::sha256_file(&heads_path)?;
            if &got != pinned {
                bail!(
                    "{}: sha256 {got} does not match the {pinned} its model.json pins: the heads are damaged; restore them (git checkout for a shipped model, `stancemap train` for your own)",
                    heads_path.display()
                );
            }
        }
        let tensors = candle_core::safetensors::load(&heads_path, &Device::Cpu)
            .with_context(|| format!("{}: cannot read", heads_path.display()))?;
        let get = |k: &str| {
            tensors
                .get(k)
                .ok_or_else(|| anyhow!("{}: no tensor {k}", heads_path.display()))
        };
        let stance = Softmax {
            w: to_array2(get("stance.w")?)?,
            b: to_array1(get("stance.b")?)?,
            temperature: meta.stance_temperature,
        };
        let claim = Softmax {
            w: to_array2(get("claim.w")?)?,
            b: to_array1(get("claim.b")?)?,
            temperature: meta.claim_temperature,
        };
        let stack = load_stack(&meta.encoders, device, quiet)?;
        if stance.w.ncols() != stack.dim() + STANCE_FEATURES.len() {
            bail!(
                "{}: stance head expects {} features, encoders give {}",
                heads_path.display(),
                stance.w.ncols(),
                stack.dim()
            );
        }
        let tuned = match &meta.tuned {
            Some(t) => load_tuned(dir, t, device, quiet)?,
            None => Vec::new(),
        };
        Ok(Self {
            dir: dir.to_path_buf(),
            meta,
            stack,
            stance,
            claim,
            tuned,
        })
    }

    /// Save heads and metadata into `dir` (atomically, file by file).
    pub fn save_parts(
        dir: &Path,
        meta: &ModelMeta,
        stance: &Softmax,
        claim: &Softmax,
        card_md: &str,
    ) -> Result<()> {
        std::fs::create_dir_all(dir)?;
        let mut t: HashMap<String, Tensor> = HashMap::new();
        t.insert("stance.w".into(), tensor2(&stance.w)?);
        t.insert("stance.b".into(), tensor1(&stance.b)?);
        t.insert("claim.w".into(), tensor2(&claim.w)?);
        t.insert("claim.b".into(), tensor1(&claim.b)?);
        crate::output::write_atomic_with(&dir.join("heads.safetensors"), |tmp| {
            candle_core::safetensors::save(&t, tmp)
                .with_context(|| format!("{}: cannot write", tmp.display()))
        })?;
        let meta = ModelMeta {
            heads_sha256: Some(crate::models::sha256_file(&dir.join("heads.safetensors"))?),
            ..meta.clone()
        };
        crate::output::write_atomic(
            &dir.join("model.json"),
            (serde_json::to_string_pretty(&meta)? + "\n").as_bytes(),
        )?;
        crate::output::write_atomic(&dir.join("MODEL_CARD.md"), card_md.as_bytes())?;
        Ok(())
    }

    /// Embed inputs once (the concatenated embeddings of the stack).
    pub fn embed(&self, texts: &[&str], opts: &EmbedOptions) -> Result<Vec<Vec<f32>>> {
        self.stack.embed(texts, opts)
    }

    /// Heads on already computed embeddings.
    pub fn predict_from_embeddings(&self, inputs: &[Input], emb: &[Vec<f32>]) -> Vec<Prediction> {
        if inputs.is_empty() {
            return Vec::new();
        }
        let texts: Vec<&str> = inputs.iter().map(|i| i.text).collect();
        let x = crate::head::matrix(&stance_rows(&texts, emb, &self.meta.target));
        let ps = self.stance.proba(x.view());
        let xc = crate::head::matrix(&claim_rows(inputs, emb));
        let pc = self.claim.proba(xc.view());
        (0..inputs.len())
            .map(|i| {
                let p = [ps[[i, 0]], ps[[i, 1]], ps[[i, 2]]];
                let stance = argmax(&p);
                let p_claim = pc[[i, 1]];
                // a caption, a dateline alone or a teaser cut off is no claim
                // whatever the head reads in its words
                let by_form = crate::form::non_claim(inputs[i].text).is_some();
                Prediction {
                    stance,
                    p_stance: p,
                    is_claim: p_claim >= 0.5 && !by_form,
                    p_claim,
                }
            })
            .collect()
    }

    /// Embed and classify.
    pub fn predict(
        &self,
        inputs: &[Input],
        opts: &EmbedOptions,
    ) -> Result<(Vec<Prediction>, Vec<Vec<f32>>)> {
        let texts: Vec<&str> = inputs.iter().map(|i| i.text).collect();
        let emb = self.embed(&texts, opts)?;
        let mut preds = self.predict_from_embeddings(inputs, &emb);
        if let (false, Some(t)) = (self.tuned.is_empty(), &self.meta.tuned) {
            // the members' mean, then the average with the head's
            let mut copies = Vec::new();
            for (n, member) in self.tuned.iter().enumerate() {
                if opts.progress {
                    eprintln!(
                        "  fine-tuned stance branch {}/{}: {} sentences",
                        n + 1,
                        self.tuned.len(),
                        texts.len()
                    );
                }
                copies.push(member.proba(&texts, opts.batch_size)?);
            }
            for (p, q) in preds.iter_mut().zip(crate::tuned::mean_proba(&copies)) {
                p.p_stance = crate::tuned::blend(&q, &p.p_stance, t.blend);
                p.stance = argmax(&p.p_stance);
            }
        }
        if let Some((p, i)) = preds
            .iter()
            .zip(inputs)
            .find(|(p, _)| !p.p_claim.is_finite() || p.p_stance.iter().any(|x| !x.is_finite()))
            .map(|(_, i)| (self.dir.display(), i))
        {
            bail!(
                "{p}: the model gave probabilities that are not numbers (for {:?}): its weights or an encoder's are corrupt; delete the damaged model directory and run again to fetch it afresh",
                i.text.chars().take(60).collect::<String>()
            );
        }
        Ok((preds, emb))
    }

    /// The model as a pipeline stage: every sentence of `docs` gets its
    /// [`Prediction`], encoded `ENCODE_WINDOW` sentences at a time (batched
    /// across articles); each claim's embedding is handed to `on_claim`, in
    /// order, and not kept.
    pub fn annotate_with(
        &self,
        docs: &mut [crate::document::Doc],
        opts: &EmbedOptions,
        mut on_claim: impl FnMut(&[f32]) -> Result<()>,
    ) -> Result<()> {
        let mut preds = Vec::new();
        {
            let inputs: Vec<Input> = docs
                .iter()
                .flat_map(|d| {
                    d.sentences.iter().map(|s| Input {
                        text: &s.text,
                        is_heading: s.is_heading,
                        is_furniture: false,
                    })
                })
                .collect();
            for window in inputs.chunks(ENCODE_WINDOW) {
                let (p, e) = self.predict(window, opts)?;
                for (p, e) in p.iter().zip(&e) {
                    if p.is_claim {
                        on_claim(e)?;
                    }
                }
                preds.extend(p);
            }
        }
        let mut preds = preds.into_iter();
        for s in docs.iter_mut().flat_map(|d| d.sentences.iter_mut()) {
            s.prediction = preds.next();
        }
        Ok(())
    }
}

/// Sentences encoded and classified at a time by [`StanceModel::annotate_with`].
const ENCODE_WINDOW: usize = 4096;

/// [`StanceModel`] with its batching options, as a [`Component`].
///
/// [`Component`]: crate::document::Component
pub struct Classifier<'m> {
    pub model: &'m StanceModel,
    pub opts: EmbedOptions,
}

impl crate::document::Component for Classifier<'_> {
    fn name(&self) -> &'static str {
        "encoder and heads"
    }
    fn annotate(&self, docs: &mut [crate::document::Doc]) -> Result<()> {
        self.model.annotate_with(docs, &self.opts, |_| Ok(()))
    }
}

/// Embedding plus surface features, the claim head's input rows.
pub fn claim_rows(inputs: &[Input], emb: &[Vec<f32>]) -> Vec<Vec<f32>> {
    inputs
        .iter()
        .zip(emb)
        .map(|(inp, e)| {
            let mut r = e.clone();
            r.extend(claim_features(inp.text, inp.is_heading, inp.is_furniture));
            r
        })
        .collect()
}

pub fn argmax(p: &[f32]) -> usize {
    let mut best = 0;
    for (i, v) in p.iter().enumerate() {
        if *v > p[best] {
            best = i;
        }
    }
    best
}

/// A file's name and bytes.
type ShippedFile = (&'static str, &'static [u8]);

/// The heads shipped with the project (trained by `stancemap train`,
/// committed under models/), compiled into the program as well, so that an
/// installed binary has them without the source tree.
const SHIPPED_HEADS: [(&str, [ShippedFile; 3]); 2] = [
    (
        "fast",
        [
            (
                "model.json",
                include_bytes!("../models/stance-fast/model.json"),
            ),
            (
                "heads.safetensors",
                include_bytes!("../models/stance-fast/heads.safetensors"),
            ),
            (
                "MODEL_CARD.md",
                include_bytes!("../models/stance-fast/MODEL_CARD.md"),
            ),
        ],
    ),
    (
        "accurate",
        [
            (
                "model.json",
                include_bytes!("../models/stance-accurate/model.json"),
            ),
            (
                "heads.safetensors",
                include_bytes!("../models/stance-accurate/heads.safetensors"),
            ),
            (
                "MODEL_CARD.md",
                include_bytes!("../models/stance-accurate/MODEL_CARD.md"),
            ),
        ],
    ),
];

/// The model directory of a shipped preset: `stance-PRESET` under
/// [`crate::models::models_root`]. Where it has no model.json (an installed
/// binary's cache, a fresh `--models-dir`), the heads compiled into the
/// program are written there first; a directory that has one is left as
/// it is.
pub fn shipped_model_dir(preset: &str) -> Result<PathBuf> {
    let dir = crate::models::models_root().join(format!("stance-{preset}"));
    if dir.join("model.json").is_file() {
        return Ok(dir);
    }
    let Some((_, files)) = SHIPPED_HEADS.iter().find(|(p, _)| *p == preset) else {
        return Ok(dir);
    };
    std::fs::create_dir_all(&dir).with_context(|| {
        format!(
            "{}: cannot create the model directory (choose another with --models-dir)",
            dir.display()
        )
    })?;
    // model.json last: a directory with it is complete
    for (name, bytes) in files.iter().rev() {
        crate::output::write_atomic(&dir.join(name), bytes)?;
    }
    Ok(dir)
}

/// [`shipped_model_dir`], for callers that report a missing model when
/// they load it.
pub fn default_model_dir(preset: &str) -> PathBuf {
    shipped_model_dir(preset)
        .unwrap_or_else(|_| crate::models::models_root().join(format!("stance-{preset}")))
}

/// The encoders of a named preset: `fast` is MiniLM alone; `accurate` the
/// best combination measured leave-one-article-out (MPNet alone: see the
/// README's table).
pub fn preset_encoders(preset: &str) -> Result<Vec<crate::models::WheelModel>> {
    match preset {
        "fast" => Ok(vec![crate::models::MINILM]),
        "accurate" => Ok(vec![crate::models::MPNET]),
        other => {
            bail!("unknown preset {other:?}: use fast or accurate, or name encoders with --encoder")
        }
    }
}

/// Build a stack from encoder directories (for training).
pub fn stack_from_dirs(
    dirs: &[PathBuf],
    device: &Device,
) -> Result<(EncoderStack, Vec<EncoderRef>)> {
    let mut encs: Vec<Box<dyn Encoder>> = Vec::new();
    let mut refs = Vec::new();
    let root = crate::models::models_root();
    for d in dirs {
        let enc = crate::backends::load_encoder(d, device)?;
        let rel = crate::models::relative_to(d, &root);
        let hf_name = crate::models::SHIPPED
            .iter()
            .find(|m| m.dir == rel)
            .map(|m| m.hf_name.to_string());
        refs.push(EncoderRef {
            dir: rel,
            hf_name,
            dim: enc.dim(),
            safetensors_sha256: crate::models::sha256_file(&d.join("model.safetensors"))?,
        });
        encs.push(enc);
    }
    Ok((EncoderStack { encoders: encs }, refs))
}

/// Hyper-parameters of a preset's stance head. The L2 penalty was chosen
/// per preset among 0.01, 0.001 and 0.0003 by leave-one-article-out
/// macro-F1 (see the model cards); other encoders get the default.
pub fn stance_params(preset: &str) -> TrainParams {
    // picked on the development part of data/dev (see the model cards)
    let l2 = match preset {
        "fast" => 3e-4,
        "accurate" => 3e-4,
        _ => TrainParams::default().l2,
    };
    TrainParams {
        l2,
        ..TrainParams::default()
    }
}

/// Hyper-parameters of the claim head (the same for every preset).
pub fn claim_params() -> TrainParams {
    TrainParams::default()
}
