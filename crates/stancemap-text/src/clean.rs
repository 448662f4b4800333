//! Stage 2 — cleaning: page furniture out, headings marked.
//!
//! In: an article's decoded text and what its metadata says (title, author).
//! Out: [`Cleaned`]: the kept blocks (byte ranges of the original text, each
//! body or heading) and a log of every removed line with the reason. Nothing
//! is rewritten: offsets stay those of the original text. Cleaning is line
//! based and conservative: a line is removed only when it matches a specific
//! kind of furniture, so a sentence of the article body is never removed.

use serde::Serialize;
use std::fmt;

/// Why a line was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Furniture {
    /// site name at the top of the page
    Masthead,
    /// section labels, breadcrumbs, share buttons
    Navigation,
    /// a second copy of the headline
    DuplicateHeadline,
    /// "Advertisement"
    Advertisement,
    /// "Want to read more?", "Subscribe", ...
    Paywall,
    /// "Leave a Reply", "Your email address will not be published."
    CommentForm,
    /// "By", "By Catherine Putz", the author's name on a line of its own
    Byline,
    /// the author box and biography
    AuthorBio,
    /// photo, picture and editor credits
    Credit,
    /// "ISSN 2330-717X"
    Issn,
    /// "Переведено сервисом «Яндекс Переводчик»", "Translated by ..."
    TranslationNotice,
    /// lists of other articles (section label plus headline) at the end
    RelatedArticles,
    /// copyright, reuse and cookie notices ("© 2025 ...", "All rights
    /// reserved.", "When using materials, a hyperlink to ... is required",
    /// "Republication is permitted only with a link to ...")
    SiteNotice,
    /// numbered references at the end of a paper ("[1] A. Author, ...")
    References,
    /// a photo caption: a short paragraph right above its photo credit
    /// ("Photo: Name / Outlet")
    Caption,
}

impl Furniture {
    pub fn as_str(&self) -> &'static str {
        match self {
            Furniture::Masthead => "masthead",
            Furniture::Navigation => "navigation",
            Furniture::DuplicateHeadline => "duplicate_headline",
            Furniture::Advertisement => "advertisement",
            Furniture::Paywall => "paywall",
            Furniture::CommentForm => "comment_form",
            Furniture::Byline => "byline",
            Furniture::AuthorBio => "author_bio",
            Furniture::Credit => "credit",
            Furniture::Issn => "issn",
            Furniture::TranslationNotice => "translation_notice",
            Furniture::RelatedArticles => "related_articles",
            Furniture::SiteNotice => "site_notice",
            Furniture::References => "references",
            Furniture::Caption => "caption",
        }
    }
}

impl fmt::Display for Furniture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BlockKind {
    Body,
    Heading,
}

/// A kept stretch of the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
}

/// A removed line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removal {
    /// 1-based line number in the article text
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub reason: Furniture,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub blocks: Vec<Block>,
    pub removed: Vec<Removal>,
}

/// What metadata says about the article, used to recognise its byline.
#[derive(Debug, Clone, Default)]
pub struct Hints<'a> {
    pub title: Option<&'a str>,
    pub author: Option<&'a str>,
}

const PAYWALL: &[&str] = &[
    "want to read more?",
    "subscribe for full access.",
    "subscribe for full access",
    "subscribe",
    "subscribe now",
    "already a subscriber?",
    "already a subscriber? log in",
    "log in",
    "sign in",
    "sign up",
    "this article is for subscribers only.",
    "become a subscriber",
    "register to continue reading",
];

const COMMENT_FORM: &[&str] = &[
    "leave a reply",
    "leave a comment",
    "leave a reply cancel reply",
    "cancel reply",
    "your email address will not be published.",
    "your email address will not be published",
    "required fields are marked *",
    "post comment",
    "comments",
    "comment",
];

const AUTHOR_BOX: &[&str] = &[
    "the authors",
    "the author",
    "about the author",
    "about the authors",
];

const NAVIGATION: &[&str] = &[
    "overview",
    "home",
    "menu",
    "search",
    "share",
    "tweet",
    "print",
    "email",
    "e-mail",
    "share this",
    "skip to content",
    "skip to main content",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "telegram",
    "related",
    "read more",
    "latest",
    "opinion",
    "news",
    "features",
    "analysis",
    "politics",
    "security",
    "diplomacy",
    "economy",
    "society",
    "environment",
    "world",
    "asia",
    "europe",
    "central asia",
    "south asia",
    "east asia",
    "southeast asia",
    "oceania",
    "pacific",
    "middle east",
    "africa",
    "americas",
    "russia",
    "eurasia",
    "commentary",
    "interviews",
    "magazine",
    "podcasts",
    "multimedia",
    "blogs",
];

const RELATED_HEADERS: &[&str] = &[
    "related",
    "related articles",
    "related posts",
    "read also",
    "see also",
    "more from",
    "recommended",
    "you may also like",
    "more stories",
];

fn norm(line: &str) -> String {
    line.trim().to_lowercase()
}

/// A count of comments read as the word it counts: "comments (6)", "6
/// comments", "comments: 12" give "comments"; any other line as it is.
fn comment_count(n: &str) -> &str {
    let digits = |x: &str| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit());
    let bare = n
        .trim_end_matches(')')
        .rsplit_once(['(', ':'])
        .filter(|(_, num)| digits(num.trim()))
        .map(|(w, _)| w.trim())
        .or_else(|| {
            n.split_once(' ')
                .filter(|(num, _)| digits(num))
                .map(|(_, w)| w.trim())
        });
    match bare {
        Some(w) if matches!(w, "comments" | "comment") => w,
        _ => n,
    }
}

fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// "Catherine Putz", "Kester Kenn Klomegah", "Dr. Janko Šćepanović": two to
/// four capitalised words, no sentence punctuation.
fn looks_like_name(line: &str) -> bool {
    let ws = words(line);
    (2..=4).contains(&ws.len())
        && ws.iter().all(|w| is_capitalised(w))
        && !line.contains([',', ':', ';', '?', '!', '"', '“'])
        && !line.trim_end().ends_with('.')
}

fn is_issn(line: &str) -> bool {
    let l = line.trim();
    let Some(rest) = l.strip_prefix("ISSN") else {
        return false;
    };
    let code = rest.trim_start_matches([' ', ':']).trim();
    let b = code.as_bytes();
    b.len() == 9
        && b[4] == b'-'
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[5..8].iter().all(u8::is_ascii_digit)
        && (b[8].is_ascii_digit() || b[8] == b'X')
}

fn is_byline(line: &str, author: Option<&str>) -> bool {
    let l = line.trim();
    if l == "By" || l == "BY" {
        return true;
    }
    if let Some(rest) = l.strip_prefix("By ").or_else(|| l.strip_prefix("BY ")) {
        let rest = rest.trim();
        if looks_like_name(rest) || (words(rest).len() == 1 && is_capitalised(rest)) {
            return true;
        }
        // "By Jane Doe and John Roe", "By Jane Doe, Staff Writer"
        if words(rest).len() <= 8
            && !rest.ends_with('.')
            && rest
                .split_whitespace()
                .filter(|w| is_capitalised(w))
                .count()
                >= 2
        {
            return true;
        }
    }
    author.is_some_and(|a| !a.trim().is_empty() && l == a.trim())
}

fn is_translation_notice(line: &str) -> bool {
    let l = line.trim();
    let n = l.to_lowercase();
    let short = words(l).len() <= 12;
    short
        && (n.starts_with("переведено")
            || n.contains("яндекс переводчик")
            || n.starts_with("translated by")
            || n.starts_with("translated from")
            || n.starts_with("translated with")
            || n.starts_with("machine translation")
            || n.starts_with("machine-translated")
            || n.contains("google translate")
            || n.contains("yandex translate"))
}

/// A copyright, reuse or cookie notice: by its opening words, or a short
/// line about cookies or about linking when reusing the site's materials.
fn is_site_notice(line: &str) -> bool {
    let n = line.trim().to_lowercase();
    let short = words(&n).len() <= 30;
    n.starts_with('©')
        || n.starts_with("copyright ")
        || n.starts_with("(c) ")
        || n.starts_with("all rights reserved")
        || (short && n.contains("cookie"))
        || (short
            && [
                "using materials",
                "use of materials",
                "use of our materials",
                "republication",
                "reprint",
                "reproduction",
            ]
            .iter()
            .any(|r| n.contains(r))
            && n.contains("link"))
}

/// A numbered reference: "[1] Author, “Title,” Journal ...".
fn is_reference(line: &str) -> bool {
    let l = line.trim();
    let Some(rest) = l.strip_prefix('[') else {
        return false;
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && rest[digits..].starts_with("] ")
}

fn is_credit(line: &str) -> bool {
    let l = line.trim();
    // ("(Photo: ...)" in brackets)
    let n = l.to_lowercase();
    let n = n.trim_start_matches('(').trim_end_matches(')');
    if words(l).len() > 14 || l.ends_with(['!', '?']) {
        return false;
    }
    let prefixes = [
        "edited by",
        "picture taken by",
        "picture by",
        "photo by",
        "photo:",
        "photo credit",
        "photograph by",
        "image by",
        "image:",
        "image credit",
        "illustration by",
        "cover photo",
        "picture:",
        "credit:",
        "photos:",
        "source of the picture",
        "featured image",
    ];
    let suffixes = [
        " via ap",
        " via reuters",
        " via afp",
        " via getty images",
        "/ap",
        "/reuters",
        "/afp",
        "/ afp",
        "/ ap",
        "/ reuters",
        "getty images",
        "press service",
        "/ tass",
        "/tass",
        " via tass",
        "shutterstock",
        "wikimedia commons",
    ];
    prefixes.iter().any(|p| n.starts_with(p)) || suffixes.iter().any(|s| n.ends_with(s))
}

/// A headline or section heading: short, and not a sentence (no final full
/// stop), or a question in title case.
fn is_heading_line(line: &str) -> bool {
    let l = line.trim();
    let ws = words(l);
    // (a turn of a dash-led interview or a list item is no heading)
    if ws.is_empty() || ws.len() > 20 || ["- ", "– ", "— "].iter().any(|d| l.starts_with(d)) {
        return false;
    }
    // a closing quotation mark ends a headline when nothing closes the
    // quote itself ("Minister: “From declarations to projects”"), a
    // sentence when a stop does ("... he said “no”." or "“... no.”")
    let unquoted = l.trim_end_matches(['"', '”', '»', '’', '\'']);
    let last = unquoted.chars().next_back().unwrap_or('.');
    if matches!(last, '.' | '!' | ',' | ';' | ':' | '…') {
        return false;
    }
    // words cut off by a dash ("... the one time it —"): someone
    // interrupted mid-sentence, not a headline (a dateline's "OSH –" is
    // shorter)
    if matches!(last, '—' | '–' | '-') && ws.len() >= 4 {
        return false;
    }
    if last == '?' {
        return title_case_share(&ws) >= 0.6;
    }
    true
}

/// A line that shows an outlet's name as its masthead: as written, or in a
/// logo's all capitals or all lowercase ("ARMENPRESS", "euronews"); a
/// menu's "Foreign policy" is no masthead of Foreign Policy.
pub(crate) fn masthead_matches(name: &str, line: &str) -> bool {
    let styled = line.chars().all(|c| !c.is_lowercase()) || line.chars().all(|c| !c.is_uppercase());
    name == line || (styled && name.eq_ignore_ascii_case(line))
}

/// A bar of share buttons: three or more networks' names and little else
/// ("Facebook  Twitter  Flipboard  Send  Reddit  Linkedin").
fn is_share_bar(line: &str) -> bool {
    const NETWORKS: &[&str] = &[
        "facebook",
        "twitter",
        "x",
        "flipboard",
        "reddit",
        "linkedin",
        "messenger",
        "telegram",
        "vk",
        "vkontakte",
        "bluesky",
        "threads",
        "whatsapp",
        "viber",
        "pinterest",
        "tumblr",
        "mastodon",
        "email",
        "e-mail",
        "print",
        "send",
        "copy",
        "link",
        "ok",
        "odnoklassniki",
    ];
    let ws: Vec<String> = line
        .split(|c: char| c.is_whitespace() || c == '|' || c == '·' || c == '•')
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let named = ws.iter().filter(|w| NETWORKS.contains(&w.as_str())).count();
    let strong = ws
        .iter()
        .filter(|w| {
            !matches!(
                w.as_str(),
                "x" | "send" | "copy" | "link" | "ok" | "print" | "email" | "threads"
            )
        })
        .filter(|w| NETWORKS.contains(&w.as_str()))
        .count();
    strong >= 3 && named * 10 >= ws.len() * 8
}

fn title_case_share(ws: &[&str]) -> f64 {
    let long: Vec<&&str> = ws.iter().filter(|w| w.chars().count() >= 4).collect();
    if long.is_empty() {
        return 0.0;
    }
    long.iter().filter(|w| is_capitalised(w)).count() as f64 / long.len() as f64
}

/// Remove furniture and mark headings. `known_outlets` are names that, alone
/// on a line near the top, are the site's masthead.
pub fn clean(text: &str, hints: &Hints, known_outlets: &[&str]) -> Cleaned {
    #[derive(Clone, Copy, PartialEq)]
    enum Tag {
        Blank,
        Keep(BlockKind),
        Drop(Furniture),
    }
    // split into lines with their byte ranges (without the newline)
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut s = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            lines.push((s, i));
            s = i + 1;
        }
    }
    lines.push((s, text.len()));

    let mut tags: Vec<Tag> = Vec::with_capacity(lines.len());
    let mut seen_body = false;
    // after "Want to read more?", "The Authors" or "Leave a Reply" the page
    // is in its closing furniture
    let mut tail: Option<Furniture> = None;
    let mut in_comments = false;
    let mut in_author_box = false;
    let mut headings: Vec<String> = Vec::new();
    let title = hints.title.map(norm);
    // words of body text kept so far: a comment form comes after the story
    let mut body_words = 0;
    // an explainer's section headings put as questions ("Why is Armenia
    // unhappy?"): short questions alone between blank lines, two or more
    // of them in the page
    let alone = |i: usize| {
        let blank = |j: usize| {
            lines
                .get(j)
                .is_none_or(|&(a, b)| text[a..b].trim().is_empty())
        };
        (i == 0 || blank(i - 1)) && blank(i + 1)
    };
    // (not an interviewer's question: "— Why so slow?", "Q: ...", "Mr X,
    // what did the drills show?", one answered by a dash-led line, or one
    // put to "you")
    let answered_by_dash = |i: usize| {
        lines[i + 1..]
            .iter()
            .map(|&(a, b)| text[a..b].trim())
            .find(|l| !l.is_empty())
            .is_some_and(|l| ["- ", "– ", "— "].iter().any(|d| l.starts_with(d)))
    };
    let short_question = |i: usize| {
        let l = text[lines[i].0..lines[i].1].trim();
        let ws = words(l);
        l.ends_with('?')
            && l.starts_with(char::is_uppercase)
            && !l.contains([':', ','])
            && (2..=10).contains(&ws.len())
            && !ws
                .iter()
                .any(|w| matches!(w.to_lowercase().as_str(), "you" | "your"))
            && alone(i)
            && !answered_by_dash(i)
    };
    let question_headings: Vec<usize> = (0..lines.len()).filter(|&i| short_question(i)).collect();
    let question_headings = if question_headings.len() >= 2 {
        question_headings
    } else {
        Vec::new()
    };

    let mut i = 0;
    while i < lines.len() {
        let (a, b) = lines[i];
        let raw = &text[a..b];
        let l = raw.trim();
        let n = norm(raw);
        // ("Comments (6)" read as "comments")
        let counted = comment_count(&n);
        let tag = if l.is_empty() {
            Tag::Blank
        } else if in_comments {
            // readers' comments below the story, to the page's end
            Tag::Drop(Furniture::CommentForm)
        } else if n == "advertisement" || n == "sponsored" || n == "ad" {
            Tag::Drop(Furniture::Advertisement)
        } else if is_issn(l) {
            Tag::Drop(Furniture::Issn)
        } else if is_translation_notice(l) {
            Tag::Drop(Furniture::TranslationNotice)
        } else if is_site_notice(l) {
            Tag::Drop(Furniture::SiteNotice)
        } else if is_reference(l) {
            Tag::Drop(Furniture::References)
        } else if n.starts_with("subscribe") && AUTHOR_BOX.iter().any(|x| n.ends_with(x)) {
            // "SubscribeThe Authors": a paywall button glued to the author box
            tail = Some(Furniture::Paywall);
            in_author_box = true;
            Tag::Drop(Furniture::Paywall)
        } else if PAYWALL.contains(&n.as_str()) {
            tail = Some(Furniture::Paywall);
            Tag::Drop(Furniture::Paywall)
        } else if is_share_bar(l)
            || (COMMENT_FORM.contains(&counted)
                && body_words < 80
                && !n.starts_with("leave")
                && tail.is_none())
        {
            // a share bar ("Facebook  Twitter  Flipboard ..."), or a count of
            // comments linked at the top of the story
            Tag::Drop(Furniture::Navigation)
        } else if COMMENT_FORM.contains(&counted)
            && (n.starts_with("leave") || tail.is_some() || body_words >= 80)
        {
            tail = Some(Furniture::CommentForm);
            // a count of comments after the story opens the readers'
            // comments ("Comments (6)")
            in_comments = counted != n && body_words >= 80;
            Tag::Drop(Furniture::CommentForm)
        } else if AUTHOR_BOX.contains(&n.as_str()) {
            in_author_box = true;
            tail = Some(Furniture::AuthorBio);
            Tag::Drop(Furniture::AuthorBio)
        } else if looks_like_name(l) && next_starts_bio(text, &lines, i, l) {
            // the author's name on a line of its own, then "<Name> is ..."
            in_author_box = true;
            Tag::Drop(Furniture::AuthorBio)
        } else if is_byline(l, hints.author) {
            Tag::Drop(Furniture::Byline)
        } else if is_credit(l) {
            Tag::Drop(Furniture::Credit)
        } else if !seen_body
            && known_outlets
                .iter()
                .any(|o| masthead_matches(o, l) || masthead_matches(o, l.trim_end_matches('.')))
        {
            Tag::Drop(Furniture::Masthead)
        } else if in_author_box && is_bio_line(l) {
            Tag::Drop(Furniture::AuthorBio)
        } else if tail.is_some() && RELATED_HEADERS.contains(&n.as_str()) {
            Tag::Drop(Furniture::RelatedArticles)
        } else if tail.is_some() && is_heading_line(l) {
            // after the paywall or the author box: section label and
            // headline of other articles
            in_author_box = false;
            Tag::Drop(Furniture::RelatedArticles)
        } else if NAVIGATION.contains(&n.as_str()) && words(l).len() <= 3 {
            Tag::Drop(Furniture::Navigation)
        } else if is_heading_line(l)
            || question_headings.contains(&i)
            // the headline put as a question, before the story begins
            || (!seen_body
                && l.ends_with('?')
                && l.starts_with(char::is_uppercase)
                && words(l).len() <= 20
                && alone(i))
        {
            if headings.contains(&n) {
                Tag::Drop(Furniture::DuplicateHeadline)
            } else {
                headings.push(n.clone());
                Tag::Keep(BlockKind::Heading)
            }
        } else {
            if title.as_deref() == Some(n.as_str()) {
                headings.push(n.clone());
            }
            Tag::Keep(BlockKind::Body)
        };
        if matches!(tag, Tag::Keep(BlockKind::Body)) {
            body_words += words(l).len();
            seen_body = true;
            in_author_box = false;
        }
        tags.push(tag);
        i += 1;
    }

    // a photo's caption: a short paragraph standing alone right above the
    // photo's credit ("Photo: Name / Outlet"), after the story has begun
    for i in 1..lines.len() {
        let credit = norm(&text[lines[i].0..lines[i].1]);
        // ("(Photo: ...)" in brackets; "Name SURNAME / AFP", an agency's
        // photographer)
        let credit = credit.trim_start_matches('(');
        let agency_photo = credit.contains(" / ") && credit.split_whitespace().count() <= 6;
        let photo = agency_photo
            || [
                "photo:",
                "photo by",
                "photos:",
                "photograph by",
                "picture:",
                "image:",
            ]
            .iter()
            .any(|p| credit.starts_with(p));
        if tags[i] != Tag::Drop(Furniture::Credit) || !photo {
            continue;
        }
        let Some(j) = (0..i).rev().find(|&j| tags[j] != Tag::Blank) else {
            continue;
        };
        let alone = j == 0 || tags[j - 1] == Tag::Blank;
        let short = words(&text[lines[j].0..lines[j].1]).len() <= 60;
        // (above the story, under the headline, only a short one: a
        // lede is longer)
        let story_before = tags[..j.saturating_sub(1)].contains(&Tag::Keep(BlockKind::Body))
            || words(&text[lines[j].0..lines[j].1]).len() <= 30;
        if tags[j] == Tag::Keep(BlockKind::Body) && alone && short && story_before {
            tags[j] = Tag::Drop(Furniture::Caption);
        }
    }

    let mut out = Cleaned::default();
    for (idx, (&(a, b), tag)) in lines.iter().zip(&tags).enumerate() {
        match *tag {
            Tag::Blank => {}
            Tag::Drop(reason) => out.removed.push(Removal {
                line: idx + 1,
                start: a,
                end: b,
                reason,
                text: text[a..b].trim_end_matches('\r').to_string(),
            }),
            Tag::Keep(kind) => {
                // consecutive body lines form one block (the splitter decides
                // whether a line break ends a sentence)
                if let Some(last) = out.blocks.last_mut() {
                    if kind == BlockKind::Body
                        && last.kind == BlockKind::Body
                        && idx > 0
                        && matches!(tags[idx - 1], Tag::Keep(BlockKind::Body))
                    {
                        last.end = b;
                        continue;
                    }
                }
                out.blocks.push(Block {
                    start: a,
                    end: b,
                    kind,
                });
            }
        }
    }
    out
}

fn is_bio_line(l: &str) -> bool {
    // "X is an assistant professor ...", "X is Managing Editor of ..."
    let ws = words(l);
    ws.len() >= 4 && ws.iter().take(5).any(|w| *w == "is" || *w == "was") && is_capitalised(ws[0])
}

fn next_starts_bio(text: &str, lines: &[(usize, usize)], i: usize, name: &str) -> bool {
    let Some(&(a, b)) = lines[i + 1..]
        .iter()
        .find(|&&(a, b)| !text[a..b].trim().is_empty())
    else {
        return false;
    };
    let next = text[a..b].trim();
    let surname = name.split_whitespace().last().unwrap_or(name);
    (next.starts_with(name) || next.starts_with(surname)) && is_bio_line(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issn_and_byline() {
        assert!(is_issn("ISSN 2330-717X"));
        assert!(!is_issn("ISSN is a number"));
        assert!(is_byline("By Catherine Putz", None));
        assert!(is_byline("By", None));
        assert!(!is_byline(
            "By the end of the year, the CSTO will grow.",
            None
        ));
    }

    #[test]
    fn headings() {
        assert!(is_heading_line("Preserving CSTO expenditures"));
        assert!(is_heading_line(
            "Will the CSTO, Russia’s Answer to NATO, Expand?"
        ));
        assert!(!is_heading_line("So what is the value of the CSTO?"));
        assert!(!is_heading_line("The CSTO lacks unity."));
        assert!(!is_heading_line(
            "PANEL GUEST: But that is exactly my point, the one time it —"
        ));
        // a quotation with nothing to close it inside is a headline's
        assert!(is_heading_line("Ter Vardan: “Fear is the worst adviser”"));
        assert!(is_heading_line(
            "Baku dismisses CSTO statement on drills as \"interference\""
        ));
        assert!(!is_heading_line("“Fear is the worst adviser,” he said."));
        assert!(!is_heading_line("He called the bloc “a paper tiger.”"));
    }

    #[test]
    fn site_notices_and_references_are_furniture() {
        let text = "The council met in Osh on Friday.\n\
            [2] N. Petrova, \u{201c}Treaties and Trust,\u{201d} Steppe Review 3 (2021): 4\u{2013}9.\n\
            \u{a9} 2024 The Steppe Herald. All rights reserved.\n\
            When using materials, a link to the site is required.\n\
            This site uses cookies to improve your experience.\n";
        let c = clean(text, &Hints::default(), &[]);
        let reasons: Vec<&str> = c.removed.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(
            reasons,
            ["references", "site_notice", "site_notice", "site_notice"],
            "{:?}",
            c.removed
        );
        assert_eq!(c.blocks.len(), 1);
        // a body sentence that only mentions copyright stays
        assert!(!is_site_notice(
            "The ministry said copyright law was not at issue."
        ));
        assert!(!is_reference("[Updated] The council met."));
        // reuse notices worded other ways
        assert!(is_site_notice(
            "Use of materials is permitted only with an active hyperlink to steppeherald.kz."
        ));
        assert!(is_site_notice(
            "Republication is permitted only with a link to the source."
        ));
        assert!(!is_site_notice(
            "The ministry said the reprint of the treaty had been approved."
        ));
    }

    #[test]
    fn readers_comments_after_a_count_are_furniture() {
        let story =
            "The drills in Batken will last five days, the ministry said, and will involve \
            troops from four member states of the alliance. Residents of the border villages were \
            told to expect convoys on the mountain road for most of the week. The ministry did not \
            say how much the exercise would cost or who would pay for the repairs to the road. An \
            analyst in Bishkek said the drills were mostly a signal to neighbours and to Moscow. \
            Local officials said schools would stay open and markets would work as usual.";
        let text = format!(
            "{story}

Comments (2)

nurlan_osh
12.02.2026 17:05

The roads there are terrible.

             guest
12.02.2026 18:02

Another show for Moscow.
"
        );
        let c = clean(&text, &Hints::default(), &[]);
        assert_eq!(c.blocks.len(), 1, "{:?}", c.blocks);
        assert!(c
            .removed
            .iter()
            .any(|r| r.text == "Another show for Moscow." && r.reason == Furniture::CommentForm));
        assert_eq!(comment_count("comments (6)"), "comments");
        assert_eq!(comment_count("12 comments"), "comments");
        assert_eq!(
            comment_count("comments on the treaty"),
            "comments on the treaty"
        );
    }

    #[test]
    fn a_short_paragraph_above_a_photo_credit_is_its_caption() {
        let text = "Three days on the range

The exercise brought together troops from four countries on the steppe west of the city.

A sapper checks the road for mines before the convoy moves. \u{201c}We do this every morning,\u{201d} he says.

Photo: Aigul Nurova / Vlast.kz

The second day was given to the drones, the organisers said.
";
        let c = clean(text, &Hints::default(), &[]);
        assert!(c
            .removed
            .iter()
            .any(|r| r.text.starts_with("A sapper checks the road")
                && r.reason == Furniture::Caption));
        assert!(c
            .removed
            .iter()
            .any(|r| r.text.starts_with("Photo:") && r.reason == Furniture::Credit));
        // the story's paragraphs stay
        let kept: Vec<&str> = c.blocks.iter().map(|b| &text[b.start..b.end]).collect();
        assert!(
            kept.iter().any(|k| k.starts_with("The exercise brought")),
            "{kept:?}"
        );
        assert!(
            kept.iter().any(|k| k.starts_with("The second day")),
            "{kept:?}"
        );
    }

    #[test]
    fn a_caption_under_the_headline_and_one_over_a_bracketed_or_agency_credit_are_captions() {
        let text = "Ministers meet in Osh

Defence ministers pose for a group photo in Osh on May 4.

Bakyt ASANOV / AFP

The ministers agreed on a training plan for the next two years, the secretariat said after the talks.

A column of trucks near the range.

(Photo: Ministry of Defence press service)

The drills start in June.
";
        let c = clean(text, &Hints::default(), &[]);
        for cap in ["Defence ministers pose", "A column of trucks"] {
            assert!(
                c.removed
                    .iter()
                    .any(|r| r.text.starts_with(cap) && r.reason == Furniture::Caption),
                "{cap}: {:?}",
                c.removed
            );
        }
        let kept: Vec<&str> = c.blocks.iter().map(|b| &text[b.start..b.end]).collect();
        assert!(
            kept.iter().any(|k| k.starts_with("The ministers agreed")),
            "{kept:?}"
        );
    }
}
