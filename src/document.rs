//! Stages 1–4 together: one [`Article`] in, one [`Doc`] out — its cleaned
//! sentences (with offsets into the article text and a heading flag), the
//! cleaning log and the outlet tag. Everything downstream (claims, stance,
//! aggregation) works on `Doc`s.

use crate::clean::{self, BlockKind, Cleaned, Hints};
use crate::ingest::Article;
use crate::outlet::{self, OutletTag};
use crate::split;
use serde::Serialize;

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
            let (start, end) = (block.start + sp.start, block.start + sp.end);
            sentences.push(Sentence {
                idx: sentences.len(),
                start,
                end,
                text: article.text[start..end].to_string(),
                is_heading: block.kind == BlockKind::Heading,
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
pub fn skipped_rows(
    docs: &[Doc],
    ingest_skipped: &[crate::ingest::Skipped],
) -> Vec<crate::ingest::Skipped> {
    let mut rows: Vec<crate::ingest::Skipped> = ingest_skipped.to_vec();
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
