//! Stage 5b, learned part — which known speaker a reference means.
//!
//! In: for one speaker reference that names nobody ("he", "she", "the
//! minister", "the document", "the source"), one feature vector per speaker
//! the article has introduced so far, plus one for "someone new" (see
//! [`FEATURES`]; the attribution computes them). Out: the index of the
//! candidate the model scores highest.
//!
//! The model is a conditional logit (a linear score per candidate, softmax
//! over the candidates of one reference). Its weights are data,
//! `anaphora_ranker.json` beside this file, fitted by
//! `cargo run --release --example train_anaphora` on the annotated
//! development corpora; this module only reads them. Inference never trains.

use serde::Deserialize;
use std::sync::OnceLock;

/// The features of one candidate, in the order the weights use. Phrase
/// types: `pm` he/him/his, `pf` she/her, `role` a definite description of
/// a person ("the minister"), `anon` an unnamed source ("the source"),
/// `org` a body or document ("the document"). Candidate kinds: `person`,
/// `anon`, `org`.
pub const FEATURES: &[&str] = &[
    "new",
    "pm*person",
    "pm*anon",
    "pm*org",
    "pf*person",
    "pf*anon",
    "pf*org",
    "role*person",
    "role*anon",
    "role*org",
    "anon*person",
    "anon*anon",
    "anon*org",
    "org*person",
    "org*anon",
    "org*org",
    "new*pm",
    "new*pf",
    "new*role",
    "new*anon",
    "new*org",
    "rule_pick",
    "last_spoke",
    "last_person",
    "subject_anon",
    "subject_prev_sentence",
    "subject_this_sentence",
    "log_since_mentioned",
    "log_since_spoke",
    "never_spoke",
    "log_mentions",
    "same_paragraph",
    "introduced_here",
    "sex_agrees",
    "sex_disagrees",
    "word_overlap",
    "head_matches",
    "country_conflict",
    "group_for_one",
    "document_for_document",
    "body_for_document",
    "subject_or_named_body",
    "last_body",
    "issued_it",
    "log_recency_rank",
    "description_unmatched",
    "role_conflict",
    "possessive_sex_disagrees",
    "mention_only",
    "rule_none",
    "literal_overlap",
];

/// The index of a feature in [`FEATURES`].
pub fn feature(name: &str) -> usize {
    FEATURES
        .iter()
        .position(|n| *n == name)
        .unwrap_or_else(|| panic!("no feature {name}"))
}

/// The fitted weights and what they were fitted on.
#[derive(Debug, Clone, Deserialize)]
pub struct Ranker {
    /// the feature names, as [`FEATURES`] had them when fitted
    pub features: Vec<String>,
    pub weights: Vec<f32>,
    /// the corpora the weights were fitted on
    pub trained_on: Vec<String>,
    /// references and speakers the fit saw
    pub cases: usize,
}

impl Ranker {
    /// A candidate's score.
    pub fn score(&self, f: &[f32]) -> f32 {
        self.weights.iter().zip(f).map(|(w, x)| w * x).sum()
    }

    /// The index of the best-scoring candidate among those allowed (the
    /// first on a tie).
    pub fn pick(&self, candidates: &[Vec<f32>], allowed: &[bool]) -> Option<usize> {
        let mut best: Option<(usize, f32)> = None;
        for (i, f) in candidates.iter().enumerate() {
            if !allowed.get(i).copied().unwrap_or(true) {
                continue;
            }
            let s = self.score(f);
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        best.map(|(i, _)| i)
    }

    /// Read weights from JSON; the feature names must be the code's.
    pub fn from_json(json: &str) -> anyhow::Result<Ranker> {
        let r: Ranker = serde_json::from_str(json)?;
        let names: Vec<&str> = r.features.iter().map(String::as_str).collect();
        anyhow::ensure!(
            names == FEATURES && r.weights.len() == FEATURES.len(),
            "the anaphora weights were fitted on other features ({} names, {} weights; the code has {}): give anaphora_ranker.json the code's feature names (weight 0 for a new one), then refit with `cargo run --release --example train_anaphora -- --write CORPUS_DIR...`",
            names.len(),
            r.weights.len(),
            FEATURES.len()
        );
        Ok(r)
    }
}

/// The candidates a ranker may choose: the rules' choice, and any other
/// of the kind the reference names (a person or source for "he", "the
/// minister", "the source"; a body or document for "the document") whose
/// sex, as the text gives it, agrees with the reference ("she" for a man)
/// and with a possessive that opens the sentence ("The deputy speaker, for
/// her part, ...").
pub fn allowed(candidates: &[Vec<f32>]) -> Vec<bool> {
    let banned = [
        "sex_disagrees",
        "possessive_sex_disagrees",
        "pm*org",
        "pf*org",
        "role*org",
        "anon*org",
        "org*person",
        "org*anon",
    ]
    .map(feature);
    let rule = feature("rule_pick");
    candidates
        .iter()
        .map(|f| f[rule] != 0.0 || banned.iter().all(|&b| f[b] == 0.0))
        .collect()
}

/// The shipped weights, read once.
pub fn shipped() -> &'static Ranker {
    static R: OnceLock<Ranker> = OnceLock::new();
    R.get_or_init(|| {
        Ranker::from_json(include_str!("anaphora_ranker.json"))
            .expect("the shipped anaphora_ranker.json matches FEATURES")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_weights_match_the_features_and_were_fitted() {
        let r = shipped();
        assert_eq!(r.weights.len(), FEATURES.len());
        assert!(r.cases > 0 && !r.trained_on.is_empty());
    }

    #[test]
    fn weights_fitted_on_other_features_are_refused() {
        let json = r#"{"features": ["new", "rule_pick"], "weights": [0.0, 1.0], "trained_on": [], "cases": 0}"#;
        let e = Ranker::from_json(json).unwrap_err().to_string();
        assert!(e.contains("train_anaphora"), "{e}");
    }

    #[test]
    fn the_rules_choice_and_fitting_candidates_are_allowed() {
        let at = feature;
        let mut he_for_a_woman = vec![0.0; FEATURES.len()];
        he_for_a_woman[at("pm*person")] = 1.0;
        he_for_a_woman[at("sex_disagrees")] = 1.0;
        let mut same_but_ruled = he_for_a_woman.clone();
        same_but_ruled[at("rule_pick")] = 1.0;
        let mut document_for_a_person = vec![0.0; FEATURES.len()];
        document_for_a_person[at("org*person")] = 1.0;
        let mut he_for_a_man = vec![0.0; FEATURES.len()];
        he_for_a_man[at("pm*person")] = 1.0;
        he_for_a_man[at("sex_agrees")] = 1.0;
        assert_eq!(
            allowed(&[
                he_for_a_woman,
                same_but_ruled,
                document_for_a_person,
                he_for_a_man
            ]),
            vec![false, true, false, true]
        );
    }
}
