//! The record every stage works on: one [`Doc`] per article, whose
//! [`Sentence`]s are spans over the article's text.
//!
//! [`prepare`] runs stages 2–4 (one [`Article`] in, one `Doc` out: the
//! cleaned sentences with offsets and a heading flag, the cleaning log, the
//! outlet tag); then each later stage is a [`Component`] that annotates a
//! batch of `Doc`s in place: attribution sets each sentence's
//! [`Attribution`], the model its [`Prediction`]. The reports, the scorers
//! and training read the same records.

use crate::clean::{self, BlockKind, Cleaned, Hints};
use crate::form;
use crate::ingest::Article;
use crate::outlet::{self, OutletTag};
use crate::split;
use serde::Serialize;

/// The codebook's stance labels, in the order every model and report uses.
pub const STANCE_LABELS: [&str; 3] = ["pro", "critical", "neutral"];

/// One sentence of an article, as the splitter produced it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentence {
    /// 0-based index within the article (kept sentences only)
    pub idx: usize,
    /// byte offsets into the article's decoded text
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub is_heading: bool,
    /// who makes it (set by the attribution stage)
    pub attribution: Option<Attribution>,
    /// claim and stance (set by the model)
    pub prediction: Option<Prediction>,
}

impl Sentence {
    /// The text on one line: line breaks inside a sentence become spaces.
    pub fn one_line(&self) -> String {
        one_line(&self.text)
    }
}

/// Collapse line breaks (and the spaces around them) into single spaces.
pub fn one_line(s: &str) -> String {
    if !s.contains(['\n', '\r']) {
        return s.to_string();
    }
    s.split(['\n', '\r'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A stage that annotates `Doc`s in place (a batch at a time, so that a
/// model can run its batches across articles).
pub trait Component: Sync {
    /// What the stage is called in progress lines and timings.
    fn name(&self) -> &'static str;
    fn annotate(&self, docs: &mut [Doc]) -> anyhow::Result<()>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    Author,
    /// a named person
    Person,
    /// an unnamed source ("a source in the organization", "one scholar")
    Anonymous,
    /// an organisation, outlet or document ("the statement", "the Kremlin")
    Organization,
}

impl SpeakerKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            SpeakerKind::Author => "author",
            SpeakerKind::Person => "person",
            SpeakerKind::Anonymous => "anonymous",
            SpeakerKind::Organization => "organization",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.trim() {
            "author" => SpeakerKind::Author,
            "person" => SpeakerKind::Person,
            "anonymous" => SpeakerKind::Anonymous,
            "organization" | "organisation" | "document" => SpeakerKind::Organization,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attribution {
    /// the speaker as first named in the article, or "author"
    pub speaker: String,
    /// normalised key: one speaker, one key, across the article
    pub key: String,
    pub kind: SpeakerKind,
}

impl Attribution {
    pub fn author() -> Self {
        Attribution {
            speaker: "author".into(),
            key: "author".into(),
            kind: SpeakerKind::Author,
        }
    }
}

/// One sentence's predictions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prediction {
    pub stance: usize,
    /// pro, critical, neutral
    pub p_stance: [f32; 3],
    pub is_claim: bool,
    pub p_claim: f32,
}

impl Prediction {
    pub fn stance_label(&self) -> &'static str {
        STANCE_LABELS[self.stance]
    }
}

/// The stance label reported for a sentence: non-claims are neutral
/// (codebook), claims take the head's label.
pub fn reported_stance(p: &Prediction) -> &'static str {
    if p.is_claim {
        p.stance_label()
    } else {
        "neutral"
    }
}

#[derive(Debug, Clone)]
pub struct Doc {
    pub article: Article,
    pub cleaned: Cleaned,
    pub sentences: Vec<Sentence>,
    pub outlet: OutletTag,
}

/// Clean, split and tag one article.
pub fn prepare(article: Article) -> Doc {
    let mastheads = outlet::masthead_names();
    let hints = Hints {
        title: article.title.as_deref(),
        author: article.author.as_deref(),
    };
    let cleaned = clean::clean(&article.text, &hints, &mastheads);
    let mut sentences = Vec::new();
    for block in &cleaned.blocks {
        let body = &article.text[block.start..block.end];
        for sp in split::split(body) {
            let (mut start, end) = (block.start + sp.start, block.start + sp.end);
            // a wire dateline closed by a dash is a unit of its own (the
            // codebook's non-claim), not part of the sentence it opens
            let opens_line = block.kind != BlockKind::Heading
                && (start == 0 || article.text[..start].ends_with('\n'));
            if let Some(d) = opens_line
                .then(|| form::leading_dateline(&article.text[start..end]))
                .flatten()
            {
                sentences.push(Sentence {
                    idx: sentences.len(),
                    start,
                    end: start + d,
                    text: article.text[start..start + d].to_string(),
                    is_heading: false,
                    attribution: None,
                    prediction: None,
                });
                start += d + article.text[start + d..end].len()
                    - article.text[start + d..end].trim_start().len();
            }
            sentences.push(Sentence {
                idx: sentences.len(),
                start,
                end,
                text: article.text[start..end].to_string(),
                is_heading: block.kind == BlockKind::Heading,
                attribution: None,
                prediction: None,
            });
        }
    }
    let outlet = outlet::tag(
        article.outlet.as_deref(),
        article.url.as_deref(),
        &article.text,
        &cleaned,
    );
    Doc {
        article,
        cleaned,
        sentences,
        outlet,
    }
}

/// The skipped-items report: every input left out by ingest and every line
/// that cleaning removed, with the reason.
pub fn skipped_rows(docs: &[Doc]) -> Vec<crate::ingest::Skipped> {
    let mut rows = Vec::new();
    for d in docs {
        for r in &d.cleaned.removed {
            rows.push(crate::ingest::Skipped {
                source: format!("{}:{}", d.article.source, r.line),
                article_id: d.article.id.clone(),
                sentence_idx: None,
                reason: format!("furniture: {}", r.reason),
                text: r.text.clone(),
            });
        }
        if d.sentences.is_empty() {
            rows.push(crate::ingest::Skipped {
                source: d.article.source.clone(),
                article_id: d.article.id.clone(),
                sentence_idx: None,
                reason: "article left out of the reports: no sentence remained after cleaning (every line was page furniture; see its furniture rows)".into(),
                text: String::new(),
            });
        }
    }
    rows
}

/// The sentences of every article, in order (cleaned and split).
pub fn sentence_texts(articles: Vec<Article>) -> Vec<String> {
    articles
        .into_iter()
        .map(prepare)
        .flat_map(|d| d.sentences.into_iter().map(|s| s.text))
        .collect()
}
