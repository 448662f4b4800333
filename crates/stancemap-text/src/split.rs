//! Stage 3 — sentence splitting.
//!
//! In: a `&str` (an article, or one cleaned block of it). Out: [`Span`]s, the
//! byte offsets of each sentence in that text, in order, never overlapping,
//! with leading and trailing whitespace outside the span. The splitter is
//! rule based and non-destructive: the spans plus the gaps between them (all
//! whitespace) rebuild the input exactly.
//!
//! What it knows: abbreviations and initials (`U.S.`, `Dr.`, `Jan.`,
//! `E. Smith`), decimals and numbers, closing quotes and brackets after a
//! full stop, parentheses, ellipses (`...`, `…`, `. . .`, `<...>`, `[...]`),
//! numbered and bulleted lists, a missing space after a full stop
//! (`ties.Given`), and line breaks (a line break ends a heading or a
//! paragraph unless the next line plainly continues the sentence).

use serde::Serialize;

/// One sentence: byte offsets `[start, end)` into the text that was split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }
}

/// Words that take a name or a number after their full stop; the stop never
/// ends a sentence when a capital or a digit follows.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "st", "mt", "ft", "sr", "gen", "gov", "sen", "rep",
    "col", "lt", "capt", "sgt", "maj", "cmdr", "adm", "rev", "hon", "pres", "supt", "amb", "no",
    "nos", "nr", "n°", "p", "pp", "vol", "vols", "fig", "figs", "art", "ch", "sec", "sect", "para",
    "op", "cf", "vs", "v", "approx", "dept", "est", "ed", "eds", "rt", "gov't",
];

/// Months take a digit after their full stop ("Jan. 5").
const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Words that commonly open an English sentence. After an initial or an
/// initialism ("E.", "U.S.") a full stop ends the sentence only when one of
/// these follows ("the U.S. How about you?" but "the U.S. Government").
pub(crate) const STARTERS: &[&str] = &[
    "a",
    "after",
    "all",
    "also",
    "although",
    "an",
    "and",
    "another",
    "are",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "can",
    "could",
    "did",
    "do",
    "does",
    "during",
    "each",
    "even",
    "every",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "is",
    "it",
    "its",
    "it's",
    "let",
    "many",
    "meanwhile",
    "moreover",
    "most",
    "my",
    "no",
    "not",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "our",
    "she",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "thus",
    "to",
    "today",
    "under",
    "unlike",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "would",
    "yet",
    "you",
    "your",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '}' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '{' | '‹' | '-' | '–' | '—' | '¿' | '¡'
    )
}

/// What follows a candidate boundary, after whitespace and opening marks.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Next {
    End,
    Lower,
    Upper,
    Digit,
    Other,
}

struct Splitter<'a> {
    s: &'a str,
    b: &'a [u8],
}

/// Split `text` into sentences. Never panics; spans are sorted, disjoint,
/// on char boundaries, and trimmed of whitespace.
pub fn split(text: &str) -> Vec<Span> {
    let sp = Splitter {
        s: text,
        b: text.as_bytes(),
    };
    let mut cuts = sp.boundaries();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut prev = 0;
    for cut in cuts.into_iter().chain(std::iter::once(text.len())) {
        if cut <= prev {
            continue;
        }
        push_trimmed(text, prev, cut, &mut out);
        prev = cut;
    }
    out
}

/// Convenience: the sentences as string slices.
pub fn split_str(text: &str) -> Vec<&str> {
    split(text).into_iter().map(|s| s.text(text)).collect()
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail >= piece.len() {
        return;
    }
    out.push(Span {
        start: start + lead,
        end: end - trail,
    });
}

impl<'a> Splitter<'a> {
    fn char_at(&self, i: usize) -> Option<char> {
        self.s.get(i..).and_then(|r| r.chars().next())
    }

    fn char_before(&self, i: usize) -> Option<char> {
        self.s.get(..i).and_then(|r| r.chars().next_back())
    }

    /// Byte positions where a new sentence begins (cut points).
    fn boundaries(&self) -> Vec<usize> {
        let mut cuts = Vec::new();
        let mut line_start = 0;
        let len = self.b.len();
        while line_start <= len {
            let line_end = memchr_nl(self.b, line_start).unwrap_or(len);
            self.line_boundaries(line_start, line_end, &mut cuts);
            if line_end >= len {
                break;
            }
            // A line break ends the sentence unless the next line plainly
            // continues it (hard-wrapped text).
            if !self.line_continues(line_start, line_end) {
                cuts.push(line_end);
            }
            line_start = line_end + 1;
        }
        cuts
    }

    fn line_continues(&self, line_start: usize, line_end: usize) -> bool {
        let prev = self.s[line_start..line_end].trim_end();
        if prev.is_empty() {
            return false;
        }
        let next_start = line_end + 1;
        let next_end = memchr_nl(self.b, next_start).unwrap_or(self.b.len());
        let next = self.s[next_start..next_end].trim_start();
        let Some(first) = next.chars().next() else {
            return false;
        };
        let last = prev.chars().next_back().unwrap();
        if matches!(last, '.' | '!' | '?' | '…' | ':') || is_closer(last) {
            return false;
        }
        // hard-wrapped text: the next line starts in lower case or the
        // previous one stops on a comma, a hyphen or an open clause word
        first.is_lowercase() || matches!(last, ',' | ';' | '-')
    }

    fn line_boundaries(&self, ls: usize, le: usize, cuts: &mut Vec<usize>) {
        let line = &self.s[ls..le];
        let markers = list_markers(line);
        let mut marker_dots: Vec<usize> = Vec::new();
        for m in &markers {
            if m.start > 0 && !line[..m.start].trim().is_empty() {
                cuts.push(ls + m.start);
            }
            marker_dots.extend(m.dots.iter().map(|d| ls + d));
        }
        // parenthesis depth (only pairs that close on this line count)
        let close_positions: Vec<usize> = line
            .char_indices()
            .filter(|&(_, c)| c == ')' || c == ']')
            .map(|(i, _)| ls + i)
            .collect();
        let mut depth: usize = 0;
        let mut i = ls;
        while i < le {
            let c = self.char_at(i).unwrap();
            let w = c.len_utf8();
            match c {
                '(' | '[' | '<' => {
                    if c == '<' {
                        // "<...>" is an elision mark, not a bracket pair of prose
                        if self.s[i..le].starts_with("<...>") || self.s[i..le].starts_with("<…>")
                        {
                            i += if self.s[i..le].starts_with("<...>") {
                                5
                            } else {
                                2 + '…'.len_utf8()
                            };
                            continue;
                        }
                    } else if close_positions.iter().any(|&p| p > i) {
                        depth += 1;
                    }
                }
                ')' | ']' => depth = depth.saturating_sub(1),
                '.' | '!' | '?' | '…' => {
                    if depth > 0 || marker_dots.contains(&i) {
                        i += w;
                        continue;
                    }
                    let next_i = self.terminal(i, le, cuts);
                    i = next_i.max(i + w);
                    continue;
                }
                _ => {}
            }
            i += w;
        }
    }

    /// Handle the punctuation cluster starting at `i`; push a cut if it ends
    /// a sentence. Returns the position after the cluster.
    fn terminal(&self, i: usize, le: usize, cuts: &mut Vec<usize>) -> usize {
        let b = self.b;
        let c = self.char_at(i).unwrap();
        if c == '!' || c == '?' {
            let mut j = i;
            while j < le && matches!(b[j], b'!' | b'?') {
                j += 1;
            }
            let j = self.skip_closers(j, le);
            if self.at_space_or_end(j, le) && !matches!(self.next_kind(j, le), Next::Lower) {
                cuts.push(j);
            }
            return j;
        }
        // dots: a run of '.' with single spaces between ('. . .'), or '…'
        let (end, dots, spaced, has_ellipsis_char) = self.dot_cluster(i, le);
        let preceded_by_space = self.char_before(i).is_none_or(|p| p.is_whitespace());
        if dots == 1 && !has_ellipsis_char {
            return self.full_stop(i, le, cuts);
        }
        // "compounds. . . . The" : the first dot is the word's full stop and
        // the spaced ellipsis opens the next sentence
        if spaced && !preceded_by_space {
            let after = self.skip_closers(end, le);
            if matches!(self.next_kind(after, le), Next::Upper)
                && !self.next_word_is(after, le, "I")
            {
                // after the first dot, which may be a one-character '…'
                cuts.push(i + self.char_at(i).map_or(1, char::len_utf8));
            }
            return after;
        }
        let after = self.skip_closers(end, le);
        if self.at_space_or_end(after, le) {
            match self.next_kind(after, le) {
                Next::Upper if !self.next_word_is(after, le, "I") => cuts.push(after),
                _ => {}
            }
        }
        after
    }

    /// (end, number of dots, spaced, contains '…')
    fn dot_cluster(&self, i: usize, le: usize) -> (usize, usize, bool, bool) {
        let b = self.b;
        let mut j = i;
        let mut dots = 0;
        let mut spaced = false;
        let mut ell = false;
        loop {
            if j < le && b[j] == b'.' {
                dots += 1;
                j += 1;
            } else if self.s[j..le].starts_with('…') {
                dots += 3;
                ell = true;
                j += '…'.len_utf8();
            } else if j + 1 < le && b[j] == b' ' && b[j + 1] == b'.' && dots >= 1 {
                // ". ." continues only when a dot follows a single space and
                // the run is (or becomes) an ellipsis
                let mut k = j + 1;
                let mut more = 0;
                while k < le && (b[k] == b'.' || b[k] == b' ') {
                    if b[k] == b'.' {
                        more += 1;
                    }
                    if b[k] == b' ' && !(k + 1 < le && b[k + 1] == b'.') {
                        break;
                    }
                    k += 1;
                }
                if dots + more >= 3 {
                    spaced = true;
                    j += 1;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        (j, dots, spaced, ell)
    }

    /// A single full stop at `i`.
    fn full_stop(&self, i: usize, le: usize, cuts: &mut Vec<usize>) -> usize {
        let after = self.skip_closers(i + 1, le);
        let word = self.word_before(i);
        if !self.at_space_or_end(after, le) {
            // no space after the stop: a decimal, an address, an initialism,
            // or a missing space ("ties.Given") between two sentences
            if after == i + 1 && self.missing_space(i, le, word) {
                cuts.push(i + 1);
            }
            return after;
        }
        // an elision mark "<...>" or "[...]" after the stop is looked past
        let next = self.next_kind(after, le);
        let lw = word.to_lowercase();
        let lw = lw.trim_start_matches(|c: char| !c.is_alphanumeric());
        let is_boundary = match next {
            Next::End => true,
            Next::Lower => false,
            Next::Other => true,
            Next::Upper | Next::Digit => {
                if word.is_empty() {
                    true
                } else if TITLES.contains(&lw) {
                    false
                } else if MONTHS.contains(&lw) {
                    next != Next::Digit
                } else if lw == "e.g" || lw == "i.e" || lw == "etc.al" {
                    false
                } else if lw == "a.m" || lw == "p.m" {
                    if word.chars().next().unwrap().is_uppercase() {
                        true
                    } else {
                        self.next_is_starter(after, le)
                    }
                } else if is_initialism(word) || is_single_capital(word) {
                    self.next_is_starter(after, le)
                } else {
                    true
                }
            }
        };
        if is_boundary {
            cuts.push(after);
        }
        after
    }

    fn missing_space(&self, i: usize, le: usize, word: &str) -> bool {
        // lower-case word of 2+ letters, then ".", then Capital + lower case
        let left: Vec<char> = word.chars().rev().take(2).collect();
        if left.len() < 2 || !left.iter().all(|c| c.is_lowercase()) {
            return false;
        }
        let mut it = self.s[i + 1..le].chars();
        let (Some(a), Some(b2)) = (it.next(), it.next()) else {
            return false;
        };
        if !(a.is_uppercase() && b2.is_lowercase()) {
            return false;
        }
        // not inside an e-mail address, a URL or a file name
        let tok_end = self.s[i..le]
            .find(char::is_whitespace)
            .map(|k| i + k)
            .unwrap_or(le);
        let token = &self.s[i - word.len()..tok_end];
        !(token.contains('@') || token.contains("://") || token.contains('/'))
    }

    fn skip_closers(&self, mut j: usize, le: usize) -> usize {
        while j < le {
            match self.char_at(j) {
                Some(c) if is_closer(c) => j += c.len_utf8(),
                _ => break,
            }
        }
        j
    }

    fn at_space_or_end(&self, j: usize, le: usize) -> bool {
        j >= le || self.char_at(j).is_some_and(char::is_whitespace)
    }

    /// Kind of the first letter or digit after `j`, skipping spaces, opening
    /// marks and elision marks.
    fn next_kind(&self, j: usize, le: usize) -> Next {
        let rest = &self.s[j..le];
        let mut chars = rest.char_indices().peekable();
        while let Some((k, c)) = chars.next() {
            if c.is_whitespace() || is_opener(c) || c == '•' || c == '⁃' {
                continue;
            }
            if rest[k..].starts_with("<...>") || rest[k..].starts_with("...") {
                // skip the elision and keep looking
                let skip = if rest[k..].starts_with("<...>") { 5 } else { 3 };
                for _ in 1..skip {
                    chars.next();
                }
                continue;
            }
            return if c.is_lowercase() {
                Next::Lower
            } else if c.is_uppercase() {
                Next::Upper
            } else if c.is_ascii_digit() {
                Next::Digit
            } else {
                Next::Other
            };
        }
        Next::End
    }

    fn next_word(&self, j: usize, le: usize) -> &'a str {
        let rest = self.s[j..le].trim_start_matches(|c: char| c.is_whitespace() || is_opener(c));
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '\''))
            .unwrap_or(rest.len());
        &rest[..end]
    }

    fn next_word_is(&self, j: usize, le: usize, w: &str) -> bool {
        self.next_word(j, le) == w
    }

    fn next_is_starter(&self, j: usize, le: usize) -> bool {
        let w = self.next_word(j, le).to_lowercase();
        STARTERS.contains(&w.as_str())
    }

    /// The whitespace-delimited token that ends just before byte `i`,
    /// without leading opening marks.
    fn word_before(&self, i: usize) -> &'a str {
        let before = &self.s[..i];
        let start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map(|(k, c)| k + c.len_utf8())
            .unwrap_or(0);
        before[start..].trim_start_matches(is_opener)
    }
}

fn is_initialism(word: &str) -> bool {
    // U.S, U.S.A, a.m, Ph.D, E.U: letters in groups of 1-2 separated by dots
    let parts: Vec<&str> = word.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
}

fn is_single_capital(word: &str) -> bool {
    let mut c = word.chars();
    matches!((c.next(), c.next()), (Some(a), None) if a.is_uppercase())
}

fn memchr_nl(b: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&x| x == b'\n')
        .map(|p| p + from)
}

/// A list item marker found on a line ("1.", "2.)", "3)", "b.", "•").
#[derive(Debug)]
struct Marker {
    /// where the item starts (the bullet or the number)
    start: usize,
    /// full stops that belong to the marker and so end nothing
    dots: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Style {
    DotParen,
    Paren,
    Dot,
}

/// Markers of an enumerated list on one line: numbered or lettered items
/// whose values run on (n, n+1, ...) in the same style, and bullets.
fn list_markers(line: &str) -> Vec<Marker> {
    let b = line.as_bytes();
    // fast exit: most lines have no list
    if !line.contains(['•', '⁃']) && !b.windows(2).any(|w| w[1] == b')' || w[1] == b'.') {
        return Vec::new();
    }
    struct Cand {
        start: usize,
        value: u32,
        style: Style,
        letter: bool,
        dots: Vec<usize>,
        bulleted: bool,
    }
    let mut cands: Vec<Cand> = Vec::new();
    let mut bullets: Vec<usize> = Vec::new();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let n = chars.len();
    let mut k = 0;
    while k < n {
        let (pos, c) = chars[k];
        if c == '•' || c == '⁃' {
            bullets.push(pos);
        }
        let prev = if k == 0 { None } else { Some(chars[k - 1].1) };
        let at_item_start = prev.is_none_or(|p| p.is_whitespace() || p == '•' || p == '⁃');
        if at_item_start && (c.is_ascii_digit() || c.is_ascii_lowercase()) {
            let letter = c.is_ascii_lowercase();
            let mut e = k;
            while !letter && e < n && chars[e].1.is_ascii_digit() && e - k < 3 {
                e += 1;
            }
            if letter {
                e = k + 1;
            }
            let value: u32 = if letter {
                c as u32 - 'a' as u32 + 1
            } else {
                line[pos..chars.get(e).map_or(line.len(), |x| x.0)]
                    .parse()
                    .unwrap_or(0)
            };
            let p1 = chars.get(e).map(|x| x.1);
            let p2 = chars.get(e + 1).map(|x| x.1);
            let p3 = chars.get(e + 2).map(|x| x.1);
            let (style, dots, after) = match (p1, p2) {
                (Some('.'), Some(')')) => (Some(Style::DotParen), vec![chars[e].0], p3),
                (Some(')'), _) => (Some(Style::Paren), vec![], p2),
                (Some('.'), _) => (Some(Style::Dot), vec![chars[e].0], p2),
                _ => (None, vec![], None),
            };
            if let Some(style) = style {
                if after.is_some_and(|a| a == ' ') {
                    cands.push(Cand {
                        start: pos,
                        value,
                        style,
                        letter,
                        dots,
                        bulleted: chars[..k]
                            .iter()
                            .rev()
                            .find(|x| !x.1.is_whitespace())
                            .is_some_and(|x| x.1 == '•' || x.1 == '⁃'),
                    });
                }
            }
        }
        k += 1;
    }
    let mut out: Vec<Marker> = Vec::new();
    for (ci, c) in cands.iter().enumerate() {
        let runs_on = cands.iter().enumerate().any(|(cj, d)| {
            d.style == c.style
                && d.letter == c.letter
                && ((cj > ci && d.value == c.value + 1) || (cj < ci && d.value + 1 == c.value))
        });
        if runs_on || c.bulleted {
            // the item starts at its bullet when it has one
            let start = if c.bulleted {
                bullets
                    .iter()
                    .rev()
                    .find(|&&b0| b0 < c.start)
                    .copied()
                    .unwrap_or(c.start)
            } else {
                c.start
            };
            out.push(Marker {
                start,
                dots: c.dots.clone(),
            });
        }
    }
    for &bpos in &bullets {
        if !out.iter().any(|m| m.start == bpos) {
            out.push(Marker {
                start: bpos,
                dots: vec![],
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_and_decimals() {
        let t = "Kyrgyzstan in 2023 allocated about 1.5% of GDP, Tajikistan - 1%. In 2024, Bishkek even reduced its expenditures.";
        assert_eq!(split_str(t).len(), 2);
        let t = "U.S. Secretary of State James Baker met Dr. Smith on Jan. 5. He left.";
        assert_eq!(
            split_str(t),
            vec![
                "U.S. Secretary of State James Baker met Dr. Smith on Jan. 5.",
                "He left."
            ]
        );
    }

    #[test]
    fn missing_space_after_stop() {
        let t = "attempts to establish ties.Given that NATO and CSTO pursue goals.";
        assert_eq!(
            split_str(t),
            vec![
                "attempts to establish ties.",
                "Given that NATO and CSTO pursue goals."
            ]
        );
        assert_eq!(split_str("Mail Jane.Doe@example.com now.").len(), 1);
    }

    #[test]
    fn headings_end_at_line_break() {
        let t = "Preserving CSTO expenditures\nThe CSTO is watching. It waits.";
        assert_eq!(
            split_str(t),
            vec![
                "Preserving CSTO expenditures",
                "The CSTO is watching.",
                "It waits."
            ]
        );
    }

    #[test]
    fn hard_wrapped_lines_join() {
        let t = "The alliance said that it would\nnot expand this year.";
        assert_eq!(split(t).len(), 1);
    }
}
