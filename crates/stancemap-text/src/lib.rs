//! stancemap's text stages, the part of the pipeline that reads and
//! annotates text without a model (stages 1–5 of the `stancemap` crate,
//! which re-exports every module here under the same name):
//!
//! 1. [`ingest`] — files, directories, JSONL/CSV corpora and a manifest in;
//!    articles out, one at a time ([`ingest::Reader`]).
//! 2. [`clean`] — page furniture out (with a log of what and why), headings marked.
//! 3. [`split`] — non-destructive, rule-based sentence splitting with offsets.
//! 4. [`outlet`] — the outlet of each article, from metadata or specific text cues.
//! 5. [`attribution`] — who makes each sentence; [`form`] — sentences that
//!    are not claims by their form.
//!
//! [`document`] holds the record the stages share: one [`document::Doc`]
//! per article, whose sentences are spans over its text, annotated in
//! place by each [`document::Component`].
//!
//! No module here depends on an encoder, a table library or the command
//! line; a crate that only reads text (the fuzz targets, for one) builds
//! this alone.

pub mod anaphora;
pub mod attribution;
pub mod clean;
pub mod document;
pub mod form;
pub mod ingest;
pub mod outlet;
pub mod split;
