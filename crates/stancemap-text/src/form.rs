//! Stage 5a — sentence form: what is not a claim whatever its words say.
//!
//! In: one sentence's text. Out: the form that rules it out as a claim, if
//! any: a dateline standing alone, a photo caption (a scene in the present
//! tense closed by its date), a teaser cut off with an ellipsis, a note on
//! the author, a line announcing what the text will do, or a list of topics
//! with no verb. The claim head decides everything else; these forms are
//! read from the text alone, so `classify` (one sentence a line, no page
//! around it) applies them as `analyze` does. [`headline_shaped`] tells a
//! line with no heading flag that reads as a headline.

/// Why a sentence is not a claim by its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// "DUSHANBE, 28.11.2025 /NIAT Khovar/." with nothing after it
    Dateline,
    /// "X greets Y at the entrance to the hall, Almaty, 5 June 2025."
    Caption,
    /// "The ministry said the vehicles would…"
    CutOff,
    /// "X is a nonresident scholar who writes on ..."
    AuthorNote,
    /// "This article examines how ..."
    Announcement,
    /// "Security | Defence | Economy"
    TopicList,
    /// "The views expressed are the author's own and do not reflect ..."
    Disclaimer,
    /// "Subscribe to our Telegram channel to get the news first."
    CallToAction,
    /// "Dear colleagues!", "Thank you for your attention.", "Kamila:
    /// Welcome, Saule."
    Salutation,
}

impl Form {
    pub fn as_str(&self) -> &'static str {
        match self {
            Form::Dateline => "dateline",
            Form::Caption => "caption",
            Form::CutOff => "cut_off",
            Form::AuthorNote => "author_note",
            Form::Announcement => "announcement",
            Form::TopicList => "topic_list",
            Form::Disclaimer => "disclaimer",
            Form::CallToAction => "call_to_action",
            Form::Salutation => "salutation",
        }
    }
}

/// Month names and their usual abbreviations, lowercase.
pub(crate) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

fn word(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// A date written out in full: "5 June 2025", "June 5, 2025", "05.06.2025".
fn is_full_date(s: &str) -> bool {
    let ws: Vec<String> = s
        .split_whitespace()
        .map(word)
        .filter(|w| !w.is_empty())
        .collect();
    let year = |w: &str| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit());
    let day = |w: &str| (1..=2).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit());
    match ws.as_slice() {
        [d, m, y] if day(d) && MONTHS.contains(&m.as_str()) && year(y) => true,
        [m, d, y] if day(d) && MONTHS.contains(&m.as_str()) && year(y) => true,
        [one] => {
            let parts: Vec<&str> = one.split(['.', '/', '-']).collect();
            parts.len() == 3 && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        }
        _ => false,
    }
}

/// The sentence is closed by a full date after a comma ("..., Almaty, 5
/// June 2025."): how photo captions end, and news prose does not (it says
/// "on 5 June").
fn ends_with_date(t: &str) -> bool {
    let body = t.trim_end_matches(['.', ')', ' ']);
    // ("..., April 18, 2026.", "..., October 2025.": the date's own comma,
    // or a month and year alone)
    let month_year = |s: &str| {
        let ws: Vec<String> = s.split_whitespace().map(word).collect();
        matches!(ws.as_slice(), [m, y] if MONTHS.contains(&m.as_str())
            && y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()))
    };
    let parts: Vec<&str> = body.rsplitn(3, ',').collect();
    let last_two = (parts.len() == 3).then(|| format!("{},{}", parts[1], parts[0]));
    last_two.is_some_and(|d| is_full_date(&d))
        || body
            .rsplit_once(',')
            .is_some_and(|(_, last)| month_year(last) || is_full_date(last))
        || body
            .rsplit_once(['(', '–', '—'])
            .is_some_and(|(_, last)| is_full_date(last))
}

/// A photo caption by its marks: a gallery's counter before it ("4 / 4
/// Servicemen of ..."), or a photo credit closing it ("... [File: Name/
/// Agency]", "(Photo: ...)", "Illustrative photo.").
fn credited_caption(t: &str) -> bool {
    let ws: Vec<&str> = t.split_whitespace().collect();
    let num = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    let counter = ws.len() > 3 && num(ws[0]) && ws[1] == "/" && num(ws[2]);
    let low = t.trim_end().to_lowercase();
    let credit = ["[file:", "(photo:", "[photo:", "(photo by", "(file photo"]
        .iter()
        .any(|c| {
            low.rfind(c)
                .is_some_and(|at| low[at..].trim_end_matches('.').ends_with([']', ')']))
        })
        || low.ends_with("illustrative photo.")
        || low.ends_with("file photo.");
    counter || credit
}

/// The text is a dateline and nothing more: a place, a date and an agency
/// credit ("DUSHANBE, 28.11.2025 /NIAT «Khovar»/.", "MINSK, 15 May (BelTA) –").
fn dateline_alone(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    let first = words[0].trim_end_matches([',', '.']);
    let place = first.chars().count() >= 3
        && first.chars().all(|c| c.is_uppercase() || c == '-')
        && words[0].len() > first.len();
    // an agency credit: "/AGENCY/", "(AGENCY)", "«AGENCY»", or a last word in
    // capitals ("YEREVAN, MAY 12, ARMENPRESS.")
    let last = words[words.len() - 1].trim_matches(|c: char| !c.is_alphanumeric());
    let capitals = words.len() > 1
        && last.chars().count() >= 3
        && last.chars().all(|c| c.is_uppercase() || c == '-');
    let credit = t.contains('/') || t.contains('(') || t.contains('«') || capitals;
    let dated = words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
    if place && credit && dated {
        return true;
    }
    // a place in capitals and nothing but names, numbers, months and
    // credits after it: "KONAYEV –" and "ASTANA. KAZINFORM –" before the
    // body, or "YEREVAN, Armenia, April 14." and "MOSCOW, March 18 – RIA
    // Novosti." closed on their own
    let bare_place = first.chars().count() >= 3
        && first.chars().all(|c| c.is_uppercase() || c == '-')
        && first.chars().any(char::is_alphabetic);
    let rest_is_dateline = words[1..].iter().all(|w| {
        let c = w.trim_matches(|c: char| !c.is_alphanumeric());
        c.is_empty()
            || c.chars().next().is_some_and(char::is_uppercase)
            || c.chars().all(|ch| ch.is_ascii_digit())
            || MONTHS.contains(&c.to_lowercase().as_str())
    });
    let open = t.ends_with(['–', '—', '-', ':']);
    let month = words[1..]
        .iter()
        .any(|w| MONTHS.contains(&word(w).as_str()));
    bare_place && rest_is_dateline && (open || ((dated || month) && t.ends_with('.')))
}

/// "X is a nonresident scholar who writes on ...", "X is a columnist
/// based in Almaty": a note on who wrote the piece.
fn author_note(t: &str) -> bool {
    let t = t.trim_start_matches('*');
    let low = t.to_lowercase();
    // ("X is Novastan's correspondent", "X is Associate Professor of ...")
    let Some(pos) = low.find(" is ") else {
        return false;
    };
    let subject = &t[..pos];
    let name_like = {
        let ws: Vec<&str> = subject.split_whitespace().collect();
        ((2..=4).contains(&ws.len())
            && ws
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && !subject.starts_with("The "))
            || subject == "The author"
    };
    // (what the person is, in the words after "is" up to a comma: not "X
    // is wrong about it, says analyst Y")
    let rest = low[pos..].split(',').next().unwrap_or("");
    let writer = [
        "researcher",
        "professor",
        "lecturer",
        "analyst",
        "scholar",
        "fellow",
        "who writes",
        "writes on",
        "writes about",
        "columnist",
        "contributor",
        "correspondent",
        "journalist",
        "nonresident",
        "non-resident",
        "visiting scholar",
        "author of",
        "editor",
        "freelance",
    ]
    .iter()
    .any(|k| rest.contains(k));
    name_like && writer
}

/// "This article examines ...", "In this paper we ask ...": the text
/// announcing what it will do.
fn announcement(t: &str) -> bool {
    let ws: Vec<String> = t.split_whitespace().take(4).map(word).collect();
    let nouns = [
        "article",
        "paper",
        "essay",
        "study",
        "analysis",
        "piece",
        "chapter",
        "report",
        "brief",
        "commentary",
    ];
    let verbs = [
        "examines",
        "explores",
        "considers",
        "discusses",
        "asks",
        "looks",
        "assesses",
        "analyses",
        "analyzes",
        "traces",
        "reviews",
        "argues",
    ];
    ws.len() >= 3
        && ws[0] == "this"
        && nouns.contains(&ws[1].as_str())
        && verbs.contains(&ws[2].as_str())
}

/// The page saying that it prints a text in full: "Kabar publishes the
/// full text of the declaration.", "The texts of the inquiry and the reply
/// are published below in full.", "The following statement ... is
/// published without changes.", "Below is the full text of the
/// statement:". (Not what another did: "The ministry published the text
/// on its website.")
pub(crate) fn printed_notice(t: &str) -> bool {
    let low = t.to_lowercase();
    let printing = [
        "is published",
        "are published",
        "is printed",
        "are printed",
        "is reproduced",
        "are reproduced",
        "publishes",
        "we publish",
        "below is",
        "reads as follows",
    ]
    .iter()
    .any(|w| low.contains(w))
        // ("Full text of the speech:", not "... the full text of the
        // memorandum together with its annex")
        || (low.starts_with("full text of") && low.ends_with(':'));
    let whole = [
        "in full",
        "full text",
        "text of",
        "texts of",
        "below",
        "as follows",
        "without changes",
        "printed after",
        "the following",
    ]
    .iter()
    .any(|w| low.contains(w));
    printing && whole && t.split_whitespace().count() <= 30
}

/// "Security | Defence | Economy", "Politics, Economy, Society, World": a
/// run of short items with no sentence in it.
fn topic_list(t: &str) -> bool {
    let items: Vec<&str> = t
        .split(['|', '•', '·', ',', '/'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect();
    items.len() >= 3
        && !t.trim_end().ends_with(['.', '!', '?'])
        && items.iter().all(|x| {
            x.split_whitespace().count() <= 3 && x.chars().next().is_some_and(char::is_uppercase)
        })
}

/// The publisher's notes on the text: "The views expressed in this
/// article are the author's own and do not necessarily reflect ...", "The
/// interview has been edited for length and clarity.", "Translated from
/// Russian.", "X contributed reporting.", and the outlet describing itself
/// ("X is an independent news organization ...", "X is the Tajik Service
/// of ...").
fn disclaimer(t: &str) -> bool {
    let low = t.to_lowercase();
    // "Editor's note: This is an opinion piece."
    let kind_note = ["this is an opinion", "this is a column", "this is an op-ed"]
        .iter()
        .any(|k| low.contains(k))
        && t.split_whitespace().count() <= 10;
    let views = (low.contains("views expressed") || low.contains("opinions expressed"))
        && (low.contains("do not necessarily") || low.contains("author") || low.contains("own"));
    // "Editorials reflect the position of the X editorial board."
    let board = ["editorial board", "editorial team", "editorial office"]
        .iter()
        .any(|k| low.contains(k))
        && ["position", "view", "opinion"]
            .iter()
            .any(|k| low.contains(k))
        && t.split_whitespace().count() <= 20;
    let editing = [
        "edited for length",
        "edited for clarity",
        "edited for brevity",
    ]
    .iter()
    .any(|k| low.contains(k))
        || low.starts_with("translated from")
        || low.starts_with("translated by")
        || low.contains("was originally published")
        || low.contains("translated digest")
        || low.contains("contributed reporting")
        || low.contains("contributed to this report");
    // "Eurasianet is an independent news organization that ...": a name,
    // "is a/an", and what kind of outlet it is
    // (a name, not "The CSTO is an independent organization ...": the
    // kind must be a newsroom's)
    let outlet = low.split_once(" is ").is_some_and(|(subject, rest)| {
        subject.split_whitespace().count() <= 4
            && t.starts_with(char::is_uppercase)
            && !["the ", "it ", "this ", "that "]
                .iter()
                .any(|d| subject.starts_with(d))
            && ["an independent", "a private", "a non-profit", "a nonprofit"]
                .iter()
                .any(|k| rest.starts_with(k))
            && [
                "news",
                "media",
                "outlet",
                "newsroom",
                "nonprofit corporation",
            ]
            .iter()
            .any(|k| rest.contains(k))
    }) || (low.contains(" is the ")
        && (low.contains(" service of radio free europe") || low.contains(" service of rfe/rl")));
    kind_note || views || board || editing || outlet
}

/// "Subscribe to our Telegram channel ...", "Sign up for the newsletter
/// ...", "Support The Moscow Times!": the page asking its reader to act,
/// an imperative about the outlet's own channels.
fn call_to_action(t: &str) -> bool {
    let first = t.split_whitespace().next().map(word).unwrap_or_default();
    let imperative = matches!(
        first.as_str(),
        "subscribe"
            | "get"
            | "sign"
            | "follow"
            | "join"
            | "support"
            | "donate"
            | "download"
            | "click"
            | "please"
            | "share"
            | "write"
            | "install"
            | "send"
    );
    let low = t.to_lowercase();
    let the_page = [
        "subscri",
        "newsletter",
        "telegram",
        "channel",
        "inbox",
        "donat",
        "our journalism",
        "our materials",
        "sign up",
        "follow us",
        "contact us",
        "write to us",
        "feedback form",
    ]
    .iter()
    .any(|k| low.contains(k))
        || t.trim_end().ends_with('!');
    imperative && the_page && t.split_whitespace().count() <= 30
}

/// A transcript's line past the timestamp that opens it ("[00:04:31]
/// Kamila: ..." gives "Kamila: ..."); other text as it is.
pub(crate) fn past_timestamp(t: &str) -> &str {
    let t = t.trim_start();
    let Some(close) = t.strip_prefix(['[', '(']).and_then(|r| r.find([']', ')'])) else {
        return t;
    };
    let inside = &t[1..=close];
    let clock = inside.contains(':')
        && inside.len() <= 12
        && inside
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.');
    if clock {
        t[close + 2..].trim_start()
    } else {
        t
    }
}

/// A greeting, an address or thanks, which assert nothing: "Dear
/// colleagues!", "Thank you for your attention.", "Good evening, and
/// welcome to ...", also as a transcript's turn ("[00:04:29] Saule: Thank
/// you both."). At most twelve words; "Thanks to the bloc, ..." is no
/// thanks. A short procedural line too ("Please, Mr. X.", "Let me answer
/// Mr. X directly.": eight words at most).
fn salutation(t: &str) -> bool {
    // past a timestamp and a speaker's label
    let mut t = past_timestamp(t.trim());
    if let Some((label, rest)) = t.split_once(": ") {
        let ws: Vec<&str> = label.split_whitespace().collect();
        if (1..=4).contains(&ws.len()) && ws.iter().all(|w| w.starts_with(char::is_uppercase)) {
            t = rest.trim_start();
        }
    }
    let low = t.to_lowercase();
    let n = t.split_whitespace().count();
    let dear = low.starts_with("dear ") && t.ends_with(['!', ',']) && n <= 6;
    let thanks = (low.starts_with("thank you")
        || low.starts_with("thanks,")
        || low.starts_with("thanks!")
        || low.starts_with("thanks for")
        || low == "thanks.")
        && n <= 12;
    let greeting = [
        "good morning",
        "good afternoon",
        "good evening",
        "hello",
        "welcome, ",
        "welcome back",
        "hello and welcome",
    ]
    .iter()
    .any(|g| low.starts_with(g))
        && n <= 12;
    // a chair's or speaker's procedural line: "Please, Mr. X.", "Please
    // do not interrupt the speaker.", "Let me answer Mr. X directly."
    let procedural = ["please", "let me ", "allow me ", "permit me "]
        .iter()
        .any(|g| low.starts_with(g))
        && n <= 8
        && !t.contains([':', ';']);
    dear || thanks || greeting || procedural
}

/// A wire dateline opening a sentence and closed by a dash ("MINSK, 15
/// May (BelTA) – The ministers met ...", "ALMATY, Kazakhstan (AP) —
/// ..."): the byte length of the dateline with its dash, where a sentence
/// follows it. The place has a stop or a comma after it, or a credit in
/// brackets or slashes, or stands alone ("KONAYEV – ..."), so that words in
/// capitals before a dash ("CSTO Marks 30 Years – OpEd", "CSTO Secretary
/// General X – who ...") are no dateline.
pub fn leading_dateline(t: &str) -> Option<usize> {
    let mut end = 0;
    for (n, w) in t.split_whitespace().enumerate().take(10) {
        let at = t[end..].find(w)? + end;
        end = at + w.len();
        if !matches!(w, "-" | "--" | "–" | "—") {
            continue;
        }
        if n == 0 {
            return None;
        }
        let prefix = &t[..end];
        let rest = t[end..].trim_start();
        let words: Vec<&str> = prefix.split_whitespace().collect();
        let opens = words[0].ends_with([',', '.'])
            || words.len() == 2
            || words[1].starts_with(['(', '/', '«']);
        let follows = rest
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || "“\"«".contains(c));
        return (opens && follows && dateline_alone(prefix)).then_some(end);
    }
    None
}

/// The form that rules `text` out as a claim, if any.
pub fn non_claim(text: &str) -> Option<Form> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let unquoted_end = t.trim_end_matches(['"', '”', '»', '’']);
    if dateline_alone(t) {
        Some(Form::Dateline)
    } else if (t.ends_with('…') || t.ends_with("...")) && unquoted_end.len() == t.len() {
        Some(Form::CutOff)
    } else if ends_with_date(t) || credited_caption(t) {
        Some(Form::Caption)
    } else if author_note(t) {
        Some(Form::AuthorNote)
    } else if announcement(t) || printed_notice(t) {
        Some(Form::Announcement)
    } else if topic_list(t) {
        Some(Form::TopicList)
    } else if disclaimer(t) {
        Some(Form::Disclaimer)
    } else if call_to_action(t) {
        Some(Form::CallToAction)
    } else if salutation(t) {
        Some(Form::Salutation)
    } else {
        None
    }
}

/// A line given without a heading flag that reads as a headline: no
/// closing punctuation (inside a closing quotation mark either), at most 16
/// words (what `classify` marks as a heading, as the cleaner does for whole
/// pages).
pub fn headline_shaped(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    // a closing quotation mark with nothing to close the quote inside it
    // ends a headline too ("Minister: “From declarations to projects”")
    let unquoted = t.trim_end_matches(['"', '”', '»', '’', '\'']);
    let last = unquoted.chars().next_back().unwrap_or('.');
    (1..=16).contains(&words) && !matches!(last, '.' | '!' | '?' | '…' | ':' | ';' | ',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_closed_by_a_dash() {
        for (t, d) in [
            (
                "MINSK, 15 May (BelTA) – The ministers met.",
                "MINSK, 15 May (BelTA) –",
            ),
            (
                "ASTANA. KAZINFORM – The talks ended.",
                "ASTANA. KAZINFORM –",
            ),
            (
                "ALMATY, Kazakhstan (AP) — A court ruled.",
                "ALMATY, Kazakhstan (AP) —",
            ),
            ("KONAYEV – Troops arrived.", "KONAYEV –"),
            (
                "BISHKEK (AKIpress) - The talks ended.",
                "BISHKEK (AKIpress) -",
            ),
        ] {
            assert_eq!(leading_dateline(t).map(|e| &t[..e]), Some(d), "{t}");
        }
        for t in [
            "CSTO Secretary General Ivanov – who spoke first – said little.",
            "CSTO Marks 30 Years Opposing NATO Expansion – OpEd",
            "The ministers met – and agreed.",
            "MINSK, 15 May (BelTA) – ",
            "– The exercise went to plan, he said.",
        ] {
            assert_eq!(leading_dateline(t), None, "{t}");
        }
    }

    #[test]
    fn notices_that_the_page_prints_a_text_in_full() {
        for t in [
            "The agency publishes the full text of the communiqué.",
            "The texts of the question and the answer are published below in full.",
            "The following statement was sent to the editors and is published without changes.",
            "The text of the reservation is printed after the declaration.",
            "Below is the full text of the statement:",
            "Full text of the address:",
        ] {
            assert!(printed_notice(t), "{t}");
            assert_eq!(non_claim(t), Some(Form::Announcement), "{t}");
        }
        for t in [
            "The full text of the letter has not been made public.",
            "The ministry published the full text of the agreement on its website.",
            "The deputies want the full text of the memorandum together with its annex.",
        ] {
            assert!(!printed_notice(t), "{t}");
        }
        assert_eq!(
            non_claim("Editor's note: This is an opinion piece."),
            Some(Form::Disclaimer)
        );
    }

    #[test]
    fn forms_that_are_not_claims() {
        let cases = [
            ("ASTANA, 12.03.2024 /Kazinform/.", Some(Form::Dateline)),
            (
                "The head of the mission greets the delegates at the airport, Bishkek, 3 April 2024.",
                Some(Form::Caption),
            ),
            (
                "Soldiers unload a truck at the depot (12 May 2023)",
                Some(Form::Caption),
            ),
            (
                "The ministry said the convoy would…",
                Some(Form::CutOff),
            ),
            (
                "Dana Orlova is a senior fellow at a Vienna institute who writes on arms control.",
                Some(Form::AuthorNote),
            ),
            (
                "This essay traces how the bloc's rules on consensus came about.",
                Some(Form::Announcement),
            ),
            ("Politics | Security | Economy | Region", Some(Form::TopicList)),
            ("The CSTO is an independent organization of six states.", None),
            ("Vladimir Orlov is wrong about the bloc, says analyst Ivan Kim.", None),
            (
                "Aigul Nurova is Associate Professor of Politics at a university in Almaty.",
                Some(Form::AuthorNote),
            ),
            (
                "The author is a senior research fellow at an Almaty institute.",
                Some(Form::AuthorNote),
            ),
            (
                "The interview has been edited for length and clarity.",
                Some(Form::Disclaimer),
            ),
            (
                "Steppe Post is an independent news outlet covering Central Asia.",
                Some(Form::Disclaimer),
            ),
            (
                "Our correspondent in Osh contributed reporting.",
                Some(Form::Disclaimer),
            ),
            ("BISHKEK, JUNE 3, AKIPRESS.", Some(Form::Dateline)),
            ("OSH –", Some(Form::Dateline)),
            (
                "Subscribe to our Telegram channel to read the news first.",
                Some(Form::CallToAction),
            ),
            ("Support independent reporting from Bishkek!", Some(Form::CallToAction)),
            ("TARAZ. QAZAQ NEWS –", Some(Form::Dateline)),
            ("NARYN (Kabar) -", Some(Form::Dateline)),
            ("KHUJAND, Tajikistan, May 2.", Some(Form::Dateline)),
            ("GYUMRI, 4 March – Sputnik Armenia.", Some(Form::Dateline)),
            (
                "Opinions expressed here are the writer's own and do not necessarily reflect the site's.",
                Some(Form::Disclaimer),
            ),
            ("Dear delegates!", Some(Form::Salutation)),
            (
                "2 / 9 Cadets at the border training centre near Osh.",
                Some(Form::Caption),
            ),
            (
                "A border guard on the Panj river [File: Farrukh Saidov/Reuters]",
                Some(Form::Caption),
            ),
            (
                "Protesters outside the parliament building in Bishkek, April 18, 2026.",
                Some(Form::Caption),
            ),
            ("The former officer at his home in Vilnius, October 2025.", Some(Form::Caption)),
            ("Thank you for your attention.", Some(Form::Salutation)),
            ("[00:12:02] Marat: Thanks, good to be here.", Some(Form::Salutation)),
            ("Get the weekly digest in your inbox.", Some(Form::CallToAction)),
            (
                "Send your questions to our Telegram bot and we will answer them.",
                Some(Form::CallToAction),
            ),
            (
                "Editorials reflect the position of the Steppe Times editorial board.",
                Some(Form::Disclaimer),
            ),
            ("Please, Mrs. Sarsenova.", Some(Form::Salutation)),
            ("Please keep to the time limit.", Some(Form::Salutation)),
            ("Let me reply to the senator directly.", Some(Form::Salutation)),
        ];
        for (t, want) in cases {
            assert_eq!(non_claim(t), want, "{t}");
        }
    }

    #[test]
    fn ordinary_claims_keep_their_form() {
        for t in [
            "The ministers met on 5 June 2025 and agreed on a budget.",
            "MINSK, 15 May (BelTA) – The ministers agreed to double the joint drills.",
            "NATO – an alliance of thirty-two states – was not mentioned.",
            "OSH – Residents left.",
            "CSTO drills begin in Tajikistan.",
            "Support for the alliance has fallen to 14 per cent, a survey found.",
            "Join the alliance, the minister urged Baku.",
            "The alliance is a shell, its critics say…”",
            "Kazakhstan, Kyrgyzstan and Tajikistan sent troops.",
            "Armenia is a member that no longer attends the sessions.",
            "Let me be clear: the alliance failed us in 2022.",
            "Please note that the treaty obliges every member to defend the others when attacked.",
            "This alliance examines nothing, the minister said.",
            "Thanks to the alliance, the border has stayed quiet for a decade.",
            "Welcome as the decision is, it comes late, the envoy said.",
        ] {
            assert_eq!(non_claim(t), None, "{t}");
        }
    }

    #[test]
    fn headlines() {
        assert!(headline_shaped(
            "CSTO ministers agree to double air defence drills"
        ));
        assert!(!headline_shaped(
            "The ministers agreed to double the drills."
        ));
        // a quotation closes a headline; a stop inside or after it closes
        // a sentence
        assert!(headline_shaped(
            "Minister: “From declarations to concrete projects”"
        ));
        assert!(!headline_shaped("“We will not leave,” the minister said."));
        assert!(!headline_shaped("“We will not leave the alliance.”"));
        assert!(!headline_shaped(
            "The ministers, who met in Minsk on Thursday after a long pause in the work of the council, agreed to double the drills in the coming year"
        ));
    }
}
