//! The pipeline scored on annotated whole articles (the development corpus,
//! `data/dev/`): text it was not fitted to.
//!
//! In: `articles.csv` (id, file, part, true outlet, whether the text names
//! it), `annotations.csv` (every sentence of every article, verbatim, in
//! order, with the codebook's labels) and the article texts. Out: for each
//! part, the stages' scores: speakers of reported speech named right, the
//! author's own sentences left as `author`, the outlet found without
//! metadata (right / unknown / wrong), claim detection and stance over
//! claims. Each annotated row is matched to the pipeline's sentence that
//! overlaps it most; a row that cleaning removed counts as "not a claim,
//! said by nobody".

use crate::attribution::{attribute_doc, same_speaker, Attribution};
use crate::data::stance_index;
use crate::document::{prepare, Doc};
use crate::ingest::Article;
use crate::metrics::{evaluate, Report};
use crate::model::{Input, StanceModel};
use anyhow::{anyhow, bail, Context, Result};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One annotated sentence, located in its article.
#[derive(Debug, Clone)]
pub struct Row {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub furniture: bool,
    pub is_claim: bool,
    pub stance: usize,
    pub attribution: String,
}

/// One annotated article.
#[derive(Debug, Clone)]
pub struct AnnotatedArticle {
    pub id: String,
    pub path: PathBuf,
    pub part: String,
    pub outlet: String,
    pub outlet_in_text: bool,
    pub text: String,
    pub rows: Vec<Row>,
}

fn csv_rows(path: &Path) -> Result<Vec<BTreeMap<String, String>>> {
    let mut rdr =
        csv::Reader::from_path(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let headers = rdr
        .headers()
        .with_context(|| format!("{}: line 1: no header row", path.display()))?
        .clone();
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| anyhow!("{}: malformed CSV: {e}", path.display()))?;
        out.push(
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect(),
        );
    }
    Ok(out)
}

/// The article an annotation row names, or an error naming the file, the
/// line and where the article should have been listed.
fn article_of<'a>(
    articles: &'a mut [AnnotatedArticle],
    id: &str,
    path: &Path,
    line: usize,
    listed_in: &str,
) -> Result<&'a mut AnnotatedArticle> {
    articles.iter_mut().find(|a| a.id == id).ok_or_else(|| {
        anyhow!(
            "{}: line {line}: article {id:?} is not in {listed_in}",
            path.display()
        )
    })
}

/// One annotation row's labels, the row located at `start..end` of its
/// article.
fn row(
    r: &BTreeMap<String, String>,
    start: usize,
    end: usize,
    text: String,
    path: &Path,
    line: usize,
) -> Result<Row> {
    let get = |k: &str| r.get(k).cloned().unwrap_or_default();
    let stance_s = get("stance");
    Ok(Row {
        start,
        end,
        furniture: !get("furniture").trim().is_empty(),
        is_claim: get("is_claim") == "yes",
        stance: stance_index(&stance_s)
            .ok_or_else(|| anyhow!("{}: line {line}: stance {stance_s:?}", path.display()))?,
        attribution: get("attribution"),
        text,
    })
}

/// Read an annotated corpus directory (articles.csv, annotations.csv,
/// articles/). Errors name the file and the row.
pub fn read_corpus(dir: &Path) -> Result<Vec<AnnotatedArticle>> {
    let meta_path = dir.join("articles.csv");
    let ann_path = dir.join("annotations.csv");
    let mut articles = Vec::new();
    for m in csv_rows(&meta_path)? {
        let get = |k: &str| m.get(k).cloned().unwrap_or_default();
        let path = dir.join("articles").join(get("file"));
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "{}: cannot read (listed in {})",
                path.display(),
                meta_path.display()
            )
        })?;
        articles.push(AnnotatedArticle {
            id: get("article_id"),
            path,
            part: get("part"),
            outlet: get("outlet"),
            outlet_in_text: get("outlet_in_text") == "yes",
            text,
            rows: Vec::new(),
        });
    }
    let mut cursor: BTreeMap<String, usize> = BTreeMap::new();
    for (i, r) in csv_rows(&ann_path)?.into_iter().enumerate() {
        let line = i + 2;
        let get = |k: &str| r.get(k).cloned().unwrap_or_default();
        let id = get("article_id");
        let a = article_of(&mut articles, &id, &ann_path, line, "articles.csv")?;
        let text = get("text");
        let from = cursor.get(&id).copied().unwrap_or(0);
        let Some(at) = a.text[from..].find(&text).map(|p| p + from) else {
            bail!(
                "{}: line {line}: text not found in {} after byte {from} (run scripts/check_dev_corpus.py)",
                ann_path.display(),
                a.path.display()
            );
        };
        cursor.insert(id.clone(), at + text.len());
        let end = at + text.len();
        a.rows.push(row(&r, at, end, text, &ann_path, line)?);
    }
    Ok(articles)
}

/// The bundled seed articles as an annotated corpus (part "seeds"): the
/// texts of `seeds/` with `seeds/manifest.csv`, and
/// `data/seed_annotations.csv`, whose rows carry their byte offsets. The
/// heads were trained on these sentences, so only the stages fitted by
/// hand (attribution, outlet) are scored on them.
pub fn read_seed_corpus(root: &Path) -> Result<Vec<AnnotatedArticle>> {
    let seeds = root.join("seeds");
    let corpus = crate::ingest::load(
        std::slice::from_ref(&seeds),
        Some(&seeds.join("manifest.csv")),
    )?;
    let ann_path = root.join("data/seed_annotations.csv");
    let mut articles: Vec<AnnotatedArticle> = corpus
        .articles
        .into_iter()
        .map(|a| AnnotatedArticle {
            id: a.id,
            path: PathBuf::from(a.source),
            part: "seeds".into(),
            outlet: a.outlet.unwrap_or_default(),
            outlet_in_text: true,
            text: a.text,
            rows: Vec::new(),
        })
        .collect();
    for (i, r) in csv_rows(&ann_path)?.into_iter().enumerate() {
        let line = i + 2;
        let get = |k: &str| r.get(k).cloned().unwrap_or_default();
        let id = get("article_id");
        let a = article_of(&mut articles, &id, &ann_path, line, "seeds/")?;
        let (start, end): (usize, usize) = match (get("start").parse(), get("end").parse()) {
            (Ok(s), Ok(e)) => (s, e),
            _ => bail!(
                "{}: line {line}: start and end must be byte offsets",
                ann_path.display()
            ),
        };
        let text = get("text");
        if a.text.get(start..end) != Some(text.as_str()) {
            bail!(
                "{}: line {line}: bytes {start}..{end} of {} are not the annotated text",
                ann_path.display(),
                a.path.display()
            );
        }
        a.rows.push(row(&r, start, end, text, &ann_path, line)?);
    }
    Ok(articles)
}

/// What the pipeline made of one annotated article.
pub struct Processed<'a> {
    pub article: &'a AnnotatedArticle,
    pub doc: Doc,
    pub attributions: Vec<Attribution>,
    /// for each annotated row, the pipeline sentence that overlaps it most
    pub matched: Vec<Option<usize>>,
}

/// Stages 2–5 on an article given as bare text (no metadata: the outlet
/// must come from the text).
pub fn process(a: &AnnotatedArticle) -> Processed<'_> {
    let doc = prepare(Article {
        id: a.id.clone(),
        source: a.path.display().to_string(),
        outlet: None,
        title: None,
        author: None,
        published: None,
        url: None,
        text: a.text.clone(),
    });
    let attributions = attribute_doc(&doc);
    let matched = a
        .rows
        .iter()
        .map(|r| {
            doc.sentences
                .iter()
                .enumerate()
                .map(|(i, s)| (i, r.end.min(s.end).saturating_sub(r.start.max(s.start))))
                .filter(|&(_, overlap)| overlap > 0)
                .max_by_key(|&(i, overlap)| (overlap, std::cmp::Reverse(i)))
                .map(|(i, _)| i)
        })
        .collect();
    Processed {
        article: a,
        doc,
        attributions,
        matched,
    }
}

/// The scores of one part of the corpus.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub articles: usize,
    /// body sentences that report speech: right speaker / all
    pub speech_right: usize,
    pub speech: usize,
    /// body sentences by the author: left as author / all
    pub author_kept: usize,
    pub author: usize,
    /// body sentences given a speaker other than the author: the right one / all
    pub attributed_right: usize,
    pub attributed: usize,
    /// outlet without metadata, over articles whose text names it
    pub outlet_right: usize,
    pub outlet_unknown: usize,
    pub outlet_wrong: usize,
    pub outlet_named: usize,
    /// wrong outlets over articles whose text does not name it
    pub outlet_wrong_unnamed: usize,
    pub outlet_unnamed: usize,
    /// each article's outlet: (article, true outlet, named in text, found, source)
    pub outlets: Vec<(String, String, bool, String, String)>,
    /// claim detection errors: (article, text, annotated is_claim)
    pub claim_errors: Vec<(String, String, bool)>,
    /// examples of misattributed speech: (article, text, gold, predicted)
    pub misses: Vec<(String, String, String, String)>,
    pub claims: Option<Report>,
    pub stance: Option<Report>,
}

/// The initials a name of three or more capitalised words goes by, past
/// "and", "of", "the" and "for" ("Organized Crime and Corruption Reporting
/// Project" gives "OCCRP"); empty for a shorter name or one with other
/// lowercase words.
fn initials_of(name: &str) -> String {
    let ws: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !matches!(*w, "and" | "of" | "the" | "for"))
        .collect();
    if ws.len() < 3 || !ws.iter().all(|w| w.starts_with(char::is_uppercase)) {
        return String::new();
    }
    ws.iter().filter_map(|w| w.chars().next()).collect()
}

/// Score the stages that need no model (attribution, outlet) on `part`
/// ("all" for every article), and claims and stance when a model is given.
pub fn score(
    corpus: &[AnnotatedArticle],
    part: &str,
    model: Option<&StanceModel>,
    opts: &crate::encoder::EmbedOptions,
) -> Result<Scores> {
    let mut s = Scores::default();
    let (mut yc_t, mut yc_p, mut ys_t, mut ys_p) = (vec![], vec![], vec![], vec![]);
    for a in corpus.iter().filter(|a| part == "all" || a.part == part) {
        let p = process(a);
        s.articles += 1;
        let found = &p.doc.outlet.outlet;
        // the same register entry under another of its names is right
        // ("Jamestown Foundation" for "Eurasia Daily Monitor")
        let reg = crate::outlet::register();
        // (a state's name in its long form or its short one: "Ministry of
        // Defence of the Republic of Belarus" is "Ministry of Defence of
        // Belarus")
        let short = |n: &str| n.to_lowercase().replace("the republic of ", "");
        // (and an outlet named in full for the initials it goes by:
        // "Organized Crime and Corruption Reporting Project" is "OCCRP")
        let right = found.eq_ignore_ascii_case(&a.outlet)
            || short(found) == short(&a.outlet)
            || initials_of(found) == a.outlet
            || initials_of(&a.outlet) == *found
            || reg
                .canonical(&a.outlet)
                .is_some_and(|c| c.eq_ignore_ascii_case(found));
        let unknown = found == crate::outlet::OutletTag::UNKNOWN;
        s.outlets.push((
            a.id.clone(),
            a.outlet.clone(),
            a.outlet_in_text,
            found.clone(),
            p.doc.outlet.source_label(),
        ));
        if a.outlet_in_text {
            s.outlet_named += 1;
            match (right, unknown) {
                (true, _) => s.outlet_right += 1,
                (false, true) => s.outlet_unknown += 1,
                (false, false) => s.outlet_wrong += 1,
            }
        } else {
            s.outlet_unnamed += 1;
            if !right && !unknown {
                s.outlet_wrong_unnamed += 1;
            }
        }
        for (r, m) in a.rows.iter().zip(&p.matched) {
            if r.furniture {
                continue;
            }
            let predicted = m
                .map(|i| p.attributions[i].speaker.as_str())
                .unwrap_or("(removed)");
            if predicted != "author" && predicted != "(removed)" {
                s.attributed += 1;
                s.attributed_right +=
                    (r.attribution != "author" && same_speaker(predicted, &r.attribution)) as usize;
            }
            if r.attribution == "author" {
                s.author += 1;
                s.author_kept += (predicted == "author") as usize;
                if predicted != "author" {
                    s.misses.push((
                        a.id.clone(),
                        r.text.clone(),
                        r.attribution.clone(),
                        predicted.to_string(),
                    ));
                }
            } else {
                s.speech += 1;
                if same_speaker(predicted, &r.attribution) {
                    s.speech_right += 1;
                } else {
                    s.misses.push((
                        a.id.clone(),
                        r.text.clone(),
                        r.attribution.clone(),
                        predicted.to_string(),
                    ));
                }
            }
        }
        if let Some(model) = model {
            let inputs: Vec<Input> = p
                .doc
                .sentences
                .iter()
                .map(|x| Input {
                    text: &x.text,
                    is_heading: x.is_heading,
                    is_furniture: false,
                })
                .collect();
            let (preds, _) = model.predict(&inputs, opts)?;
            for (r, m) in a.rows.iter().zip(&p.matched) {
                let pred = m.map(|i| &preds[i]);
                let said = pred.is_some_and(|x| x.is_claim);
                yc_t.push(r.is_claim as usize);
                yc_p.push(said as usize);
                if said != r.is_claim {
                    s.claim_errors
                        .push((a.id.clone(), r.text.clone(), r.is_claim));
                }
                if r.is_claim {
                    ys_t.push(r.stance);
                    // a claim the pipeline dropped counts as neutral
                    ys_p.push(pred.map_or(2, |x| x.stance));
                }
            }
        }
    }
    if model.is_some() {
        s.claims = Some(evaluate(&yc_t, &yc_p, &["no", "yes"]));
        s.stance = Some(evaluate(&ys_t, &ys_p, &crate::data::STANCE_LABELS));
    }
    Ok(s)
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "n/a".into()
    } else {
        format!("{a}/{b} ({:.0}%)", 100.0 * a as f64 / b as f64)
    }
}

impl Scores {
    pub fn to_text(&self, title: &str, show_misses: usize) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "{title}: {} articles", self.articles);
        let _ = writeln!(
            o,
            "  speech sentences, right speaker named: {}",
            pct(self.speech_right, self.speech)
        );
        let _ = writeln!(
            o,
            "  author's own sentences left as author: {}",
            pct(self.author_kept, self.author)
        );
        let ratio = |a: usize, b: usize| {
            if b == 0 {
                "n/a".to_string()
            } else {
                format!("{:.3}", a as f64 / b as f64)
            }
        };
        let _ = writeln!(
            o,
            "  speaker attribution: precision {} ({}/{} sentences given a speaker), recall {} ({}/{} speech sentences)",
            ratio(self.attributed_right, self.attributed),
            self.attributed_right,
            self.attributed,
            ratio(self.speech_right, self.speech),
            self.speech_right,
            self.speech
        );
        let _ = writeln!(
            o,
            "  outlet without metadata, text names it: right {} / unknown {} / wrong {} of {}; text does not name it: wrong {} of {}",
            self.outlet_right, self.outlet_unknown, self.outlet_wrong, self.outlet_named, self.outlet_wrong_unnamed, self.outlet_unnamed
        );
        if let Some(c) = &self.claims {
            let yes = &c.per_class[1];
            let _ = writeln!(
                o,
                "  claim detection over {} rows: precision {:.3}, recall {:.3}, F1 {:.3}",
                c.n, yes.precision, yes.recall, yes.f1
            );
        }
        if let Some(st) = &self.stance {
            let _ = writeln!(
                o,
                "  stance over {} claims: macro-F1 {:.3}",
                st.n, st.macro_f1
            );
        }
        if show_misses > 0 {
            for (id, gold, named, found, source) in &self.outlets {
                let named = if *named { "named in text" } else { "not named" };
                let _ = writeln!(
                    o,
                    "    {id}: outlet {gold:?} ({named}): found {found:?} ({source})"
                );
            }
        }
        for (id, text, is_claim) in self.claim_errors.iter().take(show_misses) {
            let what = if *is_claim {
                "claim missed"
            } else {
                "called a claim"
            };
            let _ = writeln!(o, "    {id}: {what}: {}", crate::document::one_line(text));
        }
        for (id, text, gold, got) in self.misses.iter().take(show_misses) {
            let _ = writeln!(
                o,
                "    {id}: {gold:?} read as {got:?}: {}",
                crate::document::one_line(text)
            );
        }
        o
    }
}

const CARD_BEGIN: &str = "<!-- stancemap eval --record: begin -->";
const CARD_END: &str = "<!-- stancemap eval --record: end -->";

/// A model card section with the scores of each part side by side (a part
/// scored without a model shows "-" for claims and stance).
pub fn card_section(command: &str, parts: &[(String, Scores)]) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{CARD_BEGIN}");
    let _ = writeln!(o, "## On text it was not fitted to\n");
    let _ = writeln!(
        o,
        "Written by `{command}`. The corpora are articles written by the project in the forms of outlets the seeds lack, and are never training data: a corpus's dev part guided the rules and the choice of model; a final part is held out from both and scored once, at the end of the work it judges, and is then developed on like the rest (each corpus's README gives its history: `data/dev/`'s final part and `data/heldout/` were scored once and then developed on, and so were `data/heldout2/` to `data/heldout26/`). On the seeds only the stages fitted by hand are scored here (the heads were trained on them: see the leave-one-article-out figures above).\n"
    );
    let _ = write!(o, "| |");
    for (name, s) in parts {
        let _ = write!(o, " {name} ({} articles) |", s.articles);
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "|---|{}", "---|".repeat(parts.len()));
    let ratio = |a: usize, b: usize| {
        if b == 0 {
            "-".to_string()
        } else {
            format!("{:.3} ({a}/{b})", a as f64 / b as f64)
        }
    };
    type Cell = Box<dyn Fn(&Scores) -> String>;
    let rows: Vec<(&str, Cell)> = vec![
        (
            "speaker attribution, precision",
            Box::new(move |s: &Scores| ratio(s.attributed_right, s.attributed)),
        ),
        (
            "speaker attribution, recall (speech sentences named right)",
            Box::new(move |s: &Scores| ratio(s.speech_right, s.speech)),
        ),
        (
            "author's own sentences left as author",
            Box::new(move |s: &Scores| ratio(s.author_kept, s.author)),
        ),
        (
            "outlet without metadata: right / unknown / wrong (text names it)",
            Box::new(|s: &Scores| {
                format!(
                    "{} / {} / {} of {}",
                    s.outlet_right, s.outlet_unknown, s.outlet_wrong, s.outlet_named
                )
            }),
        ),
        (
            "claim detection F1",
            Box::new(|s: &Scores| {
                s.claims
                    .as_ref()
                    .map_or("-".into(), |c| format!("{:.3}", c.per_class[1].f1))
            }),
        ),
        (
            "stance macro-F1 over claims",
            Box::new(|s: &Scores| {
                s.stance
                    .as_ref()
                    .map_or("-".into(), |c| format!("{:.3} (n = {})", c.macro_f1, c.n))
            }),
        ),
    ];
    for (label, cell) in &rows {
        let _ = write!(o, "| {label} |");
        for (_, s) in parts {
            let _ = write!(o, " {} |", cell(s));
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "\n{CARD_END}");
    o
}

/// Put `section` into the model card `card`: in place of an earlier one,
/// else before "## Limitations", else at the end.
pub fn with_card_section(card: &str, section: &str) -> String {
    if let (Some(b), Some(e)) = (card.find(CARD_BEGIN), card.find(CARD_END)) {
        if b < e {
            let after = &card[e + CARD_END.len()..];
            return format!("{}{}{}", &card[..b], section.trim_end(), after);
        }
    }
    match card.find("## Limitations") {
        Some(p) => format!("{}{}\n\n{}", &card[..p], section.trim_end(), &card[p..]),
        None => format!("{}\n{}", card.trim_end(), section),
    }
}

/// What `stancemap eval --corpus` asks for.
pub struct EvalRequest<'a> {
    /// annotated corpora (data/dev, data/heldout)
    pub corpus: &'a [PathBuf],
    /// dev, final or all
    pub part: &'a str,
    /// add attribution and outlets on the seeds
    pub seeds: bool,
    /// misses listed per stage
    pub misses: usize,
    /// the command line to record in the model card, when recording
    pub record: Option<String>,
}

/// Score every stage on each corpus part (and the seeds when asked); the
/// report as text. With `req.record`, the figures are also written into
/// the model's card.
pub fn eval_corpora(
    m: &StanceModel,
    req: &EvalRequest,
    opts: &crate::encoder::EmbedOptions,
) -> Result<String> {
    let opts = crate::encoder::EmbedOptions {
        progress: false,
        ..opts.clone()
    };
    let mut text = String::new();
    let mut scored: Vec<(String, Scores)> = Vec::new();
    for dir in req.corpus {
        let articles = read_corpus(dir)?;
        let parts: Vec<&str> = if req.part == "all" {
            vec!["dev", "final"]
        } else {
            vec![req.part]
        };
        for p in parts {
            if req.part == "all" && !articles.iter().any(|a| a.part == p) {
                continue;
            }
            let s = score(&articles, p, Some(m), &opts)?;
            let title = format!("{} ({p} part), model {}", dir.display(), m.dir.display());
            text.push_str(&s.to_text(&title, req.misses));
            scored.push((format!("{} {p} part", dir.display()), s));
        }
    }
    if req.seeds {
        let articles = read_seed_corpus(&crate::models::project_dir())?;
        let s = score(&articles, "seeds", None, &opts)?;
        text.push_str(&s.to_text(
            "seeds (attribution and outlet; heads trained here)",
            req.misses,
        ));
        scored.push(("seeds".into(), s));
    }
    if let (Some(command), false) = (&req.record, scored.is_empty()) {
        let card_path = m.dir.join("MODEL_CARD.md");
        let card = std::fs::read_to_string(&card_path)
            .with_context(|| format!("{}: cannot read", card_path.display()))?;
        let section = card_section(command, &scored);
        crate::output::write_atomic(&card_path, with_card_section(&card, &section).as_bytes())?;
        eprintln!("stancemap: figures recorded in {}", card_path.display());
    }
    Ok(text)
}

/// `stancemap eval --data`: stance over the claims and claim detection over
/// all rows of annotated sentences, as text.
pub fn eval_sentences(
    m: &StanceModel,
    data: &[PathBuf],
    opts: &crate::encoder::EmbedOptions,
) -> Result<String> {
    let ex = crate::data::read_all(data)?;
    let inputs: Vec<Input> = ex.iter().map(Input::from).collect();
    let (preds, _) = m.predict(&inputs, opts)?;
    let (yt, yp): (Vec<usize>, Vec<usize>) = ex
        .iter()
        .zip(&preds)
        .filter(|(e, _)| e.is_claim)
        .map(|(e, p)| (e.stance, p.stance))
        .unzip();
    let mut text = format!("stance over claims (model {}):\n", m.dir.display());
    text.push_str(&evaluate(&yt, &yp, &crate::data::STANCE_LABELS).to_text());
    text.push('\n');
    let yt: Vec<usize> = ex.iter().map(|e| e.is_claim as usize).collect();
    let yp: Vec<usize> = preds.iter().map(|p| p.is_claim as usize).collect();
    text.push_str("claim detection over all rows:\n");
    text.push_str(&evaluate(&yt, &yp, &["no", "yes"]).to_text());
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::initials_of;

    #[test]
    fn a_name_in_full_gives_the_initials_it_goes_by() {
        assert_eq!(
            initials_of("Organized Crime and Corruption Reporting Project"),
            "OCCRP"
        );
        assert_eq!(
            initials_of("Collective Security Treaty Organization"),
            "CSTO"
        );
        // (too short, or not a name)
        assert_eq!(initials_of("Radio Azattyk"), "");
        assert_eq!(initials_of("news from the capital of Kazakhstan"), "");
    }
}
