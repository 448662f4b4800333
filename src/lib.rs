//! stancemap: which claims does each article make, who makes them, what
//! stance does each take toward a target (default: the CSTO), and how do
//! outlets differ in framing?
//!
//! The modules follow the pipeline, in order:
//!
//! 1. [`ingest`] — files, directories, JSONL/CSV corpora and a manifest in; articles out.
//! 2. [`clean`] — page furniture out (with a log of what and why), headings marked.
//! 3. [`split`] — non-destructive, rule-based sentence splitting with offsets.
//! 4. [`outlet`] — the outlet of each article, from metadata or specific text cues.
//!
//! [`document`] runs stages 1–4 on one article; [`output`] writes files atomically.

pub mod aggregate;
pub mod align;
pub mod analyze;
pub mod attribution;
pub mod clean;
pub mod data;
pub mod document;
pub mod encoder;
pub mod head;
pub mod ingest;
pub mod metrics;
pub mod model;
pub mod models;
pub mod mpnet;
pub mod outlet;
pub mod output;
pub mod report;
pub mod split;
pub mod train;
