//! Stage 4 — outlet tagging.
//!
//! In: an article's metadata and its raw text (with the cleaning log, which
//! tells where the masthead, the ISSN line and the author box are). Out: an
//! [`OutletTag`]: the outlet and where it came from. Metadata wins; else a
//! specific cue in the text (ISSN, masthead, site address, the author box
//! naming the outlet, or repeated "told <outlet>" with no sign the outlet
//! is a third party); else "unknown". A wrong outlet is worse than
//! "unknown", so every cue names one outlet of a known register.

use crate::clean::{Cleaned, Furniture};
use serde::Serialize;

/// One known outlet and what identifies it.
pub struct Outlet {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub domains: &'static [&'static str],
    pub issn: &'static [&'static str],
}

/// The register of outlets the tagger can recognise from text cues.
pub const OUTLETS: &[Outlet] = &[
    Outlet {
        name: "Izvestia",
        aliases: &["Izvestiya", "Известия"],
        domains: &["iz.ru"],
        issn: &[],
    },
    Outlet {
        name: "The Diplomat",
        aliases: &[],
        domains: &["thediplomat.com"],
        issn: &["1446-697X"],
    },
    Outlet {
        name: "Eurasia Review",
        aliases: &[],
        domains: &["eurasiareview.com"],
        issn: &["2330-717X"],
    },
    Outlet {
        name: "Polemics Magazine",
        aliases: &[],
        domains: &["polemics-magazine.com"],
        issn: &[],
    },
    Outlet {
        name: "Reuters",
        aliases: &[],
        domains: &["reuters.com"],
        issn: &[],
    },
    Outlet {
        name: "TASS",
        aliases: &[],
        domains: &["tass.com", "tass.ru"],
        issn: &[],
    },
    Outlet {
        name: "RIA Novosti",
        aliases: &[],
        domains: &["ria.ru"],
        issn: &[],
    },
    Outlet {
        name: "Interfax",
        aliases: &[],
        domains: &["interfax.com", "interfax.ru"],
        issn: &[],
    },
    Outlet {
        name: "Kommersant",
        aliases: &[],
        domains: &["kommersant.ru"],
        issn: &[],
    },
    Outlet {
        name: "Nezavisimaya Gazeta",
        aliases: &[],
        domains: &["ng.ru"],
        issn: &[],
    },
    Outlet {
        name: "Vedomosti",
        aliases: &[],
        domains: &["vedomosti.ru"],
        issn: &[],
    },
    Outlet {
        name: "RFE/RL",
        aliases: &["Radio Free Europe/Radio Liberty"],
        domains: &["rferl.org"],
        issn: &[],
    },
    // RFE/RL's national services publish as outlets of their own; the
    // copyright line names the parent, the masthead the service
    Outlet {
        name: "Azattyq",
        aliases: &["Radio Azattyq", "RFE/RL's Kazakh Service"],
        domains: &["azattyq.org"],
        issn: &[],
    },
    Outlet {
        name: "Radio Azattyk",
        aliases: &["Azattyk", "RFE/RL's Kyrgyz Service"],
        domains: &["azattyk.org"],
        issn: &[],
    },
    Outlet {
        name: "Radio Ozodi",
        aliases: &["Ozodi", "RFE/RL's Tajik Service"],
        domains: &["ozodi.org"],
        issn: &[],
    },
    Outlet {
        name: "Azatutyun",
        aliases: &["Radio Azatutyun", "RFE/RL's Armenian Service"],
        domains: &["azatutyun.am"],
        issn: &[],
    },
    Outlet {
        name: "Radio Svaboda",
        aliases: &["Svaboda", "RFE/RL's Belarus Service"],
        domains: &["svaboda.org"],
        issn: &[],
    },
    Outlet {
        name: "Current Time",
        aliases: &["Nastoyashchee Vremya"],
        domains: &["currenttime.tv"],
        issn: &[],
    },
    Outlet {
        name: "Charter 97",
        aliases: &["Charter97", "Charter97.org"],
        domains: &["charter97.org"],
        issn: &[],
    },
    Outlet {
        name: "Rossiyskaya Gazeta",
        aliases: &["Rossiiskaya Gazeta"],
        domains: &["rg.ru"],
        issn: &[],
    },
    Outlet {
        name: "Kaktus.media",
        aliases: &["Kaktus"],
        domains: &["kaktus.media"],
        issn: &[],
    },
    Outlet {
        name: "Vlast.kz",
        aliases: &[],
        domains: &["vlast.kz"],
        issn: &[],
    },
    Outlet {
        name: "Kloop",
        aliases: &[],
        domains: &["kloop.kg"],
        issn: &[],
    },
    Outlet {
        name: "The Kyiv Independent",
        aliases: &["Kyiv Independent"],
        domains: &["kyivindependent.com"],
        issn: &[],
    },
    Outlet {
        name: "Eurasianet",
        aliases: &[],
        domains: &["eurasianet.org"],
        issn: &[],
    },
    Outlet {
        name: "The Moscow Times",
        aliases: &[],
        domains: &["themoscowtimes.com"],
        issn: &[],
    },
    Outlet {
        name: "Deutsche Welle",
        aliases: &["DW"],
        domains: &["dw.com"],
        issn: &[],
    },
    Outlet {
        name: "Al Jazeera",
        aliases: &[],
        domains: &["aljazeera.com"],
        issn: &[],
    },
    Outlet {
        name: "BBC",
        aliases: &["BBC News"],
        domains: &["bbc.com", "bbc.co.uk"],
        issn: &[],
    },
    Outlet {
        name: "Regnum",
        aliases: &["REGNUM", "IA Regnum"],
        domains: &["regnum.ru"],
        issn: &[],
    },
    Outlet {
        name: "Euronews",
        aliases: &[],
        domains: &["euronews.com"],
        issn: &[],
    },
    Outlet {
        name: "Foreign Affairs",
        aliases: &[],
        domains: &["foreignaffairs.com"],
        issn: &["0015-7120"],
    },
    Outlet {
        name: "Khabar 24",
        aliases: &[],
        domains: &["24.kz"],
        issn: &[],
    },
    Outlet {
        name: "Akorda",
        aliases: &[],
        domains: &["akorda.kz"],
        issn: &[],
    },
    Outlet {
        name: "Hetq",
        aliases: &["Hetq Online"],
        domains: &["hetq.am"],
        issn: &[],
    },
    Outlet {
        name: "Euractiv",
        aliases: &["EURACTIV"],
        domains: &["euractiv.com"],
        issn: &[],
    },
    Outlet {
        name: "Jogorku Kenesh",
        aliases: &["Jogorku Kenesh of the Kyrgyz Republic"],
        domains: &["kenesh.kg"],
        issn: &[],
    },
    Outlet {
        name: "Fergana",
        aliases: &["Fergana News Agency", "Fergana.media", "Fergana.news"],
        domains: &["fergana.media", "fergana.news", "fergana.ru"],
        issn: &[],
    },
    Outlet {
        name: "Global Times",
        aliases: &[],
        domains: &["globaltimes.cn"],
        issn: &[],
    },
    Outlet {
        name: "bne IntelliNews",
        aliases: &["IntelliNews", "Business New Europe"],
        domains: &["intellinews.com"],
        issn: &[],
    },
    Outlet {
        name: "Associated Press",
        aliases: &["AP"],
        domains: &["apnews.com"],
        issn: &[],
    },
    Outlet {
        name: "Xinhua",
        aliases: &[],
        domains: &["xinhuanet.com"],
        issn: &[],
    },
    Outlet {
        name: "Sputnik",
        aliases: &[],
        domains: &["sputniknews.com"],
        issn: &[],
    },
    Outlet {
        name: "RT",
        aliases: &[],
        domains: &["rt.com"],
        issn: &[],
    },
    Outlet {
        name: "Kazinform",
        aliases: &[],
        domains: &["inform.kz"],
        issn: &[],
    },
    Outlet {
        name: "Armenpress",
        aliases: &[],
        domains: &["armenpress.am"],
        issn: &[],
    },
    Outlet {
        name: "BelTA",
        aliases: &[],
        domains: &["belta.by"],
        issn: &[],
    },
    Outlet {
        name: "AKIpress",
        aliases: &[],
        domains: &["akipress.com"],
        issn: &[],
    },
    Outlet {
        name: "Asia-Plus",
        aliases: &[],
        domains: &["asiaplustj.info"],
        issn: &[],
    },
    Outlet {
        name: "Kabar",
        aliases: &["Kabar news agency", "Kabar National News Agency"],
        domains: &["kabar.kg"],
        issn: &[],
    },
    Outlet {
        name: "Khovar",
        aliases: &[
            "NIAT «Khovar»",
            "National Information Agency of Tajikistan «Khovar»",
            "NIAT Khovar",
        ],
        domains: &["khovar.tj"],
        issn: &[],
    },
    Outlet {
        name: "24.kg",
        aliases: &[],
        domains: &["24.kg"],
        issn: &[],
    },
    Outlet {
        name: "Tengrinews",
        aliases: &[],
        domains: &["tengrinews.kz"],
        issn: &[],
    },
    Outlet {
        name: "Interfax-Kazakhstan",
        aliases: &[],
        domains: &["interfax.kz"],
        issn: &[],
    },
    Outlet {
        name: "Kazakhstanskaya Pravda",
        aliases: &["Kazpravda"],
        domains: &["kazpravda.kz"],
        issn: &[],
    },
    Outlet {
        name: "The Astana Times",
        aliases: &[],
        domains: &["astanatimes.com"],
        issn: &[],
    },
    Outlet {
        name: "Trend",
        aliases: &["Trend News Agency"],
        domains: &["trend.az"],
        issn: &[],
    },
    Outlet {
        name: "APA",
        aliases: &["APA news agency"],
        domains: &["apa.az"],
        issn: &[],
    },
    Outlet {
        name: "News.am",
        aliases: &[],
        domains: &["news.am"],
        issn: &[],
    },
    Outlet {
        name: "CivilNet",
        aliases: &[],
        domains: &["civilnet.am"],
        issn: &[],
    },
    Outlet {
        name: "UzA",
        aliases: &["National News Agency of Uzbekistan"],
        domains: &["uza.uz"],
        issn: &[],
    },
    Outlet {
        name: "Kun.uz",
        aliases: &[],
        domains: &["kun.uz"],
        issn: &[],
    },
    Outlet {
        name: "APA",
        aliases: &["Azerbaijan Press Agency", "APA.AZ"],
        domains: &["apa.az"],
        issn: &[],
    },
    Outlet {
        name: "Daryo",
        aliases: &["Daryo.uz"],
        domains: &["daryo.uz"],
        issn: &[],
    },
    Outlet {
        name: "Sputnik Kazakhstan",
        aliases: &[],
        domains: &["sputnik.kz"],
        issn: &[],
    },
    Outlet {
        name: "Sputnik Armenia",
        aliases: &[],
        domains: &["sputnik.am"],
        issn: &[],
    },
    Outlet {
        name: "Sputnik Belarus",
        aliases: &[],
        domains: &["sputnik.by"],
        issn: &[],
    },
    Outlet {
        name: "Sputnik Kyrgyzstan",
        aliases: &[],
        domains: &["sputnik.kg"],
        issn: &[],
    },
    Outlet {
        name: "Sputnik Tajikistan",
        aliases: &[],
        domains: &["sputnik-tj.com"],
        issn: &[],
    },
    Outlet {
        name: "CABAR.asia",
        aliases: &["CABAR"],
        domains: &["cabar.asia"],
        issn: &[],
    },
    Outlet {
        name: "Vestnik Kavkaza",
        aliases: &[],
        domains: &["vestnikkavkaza.net"],
        issn: &[],
    },
    Outlet {
        name: "OC Media",
        aliases: &[],
        domains: &["oc-media.org"],
        issn: &[],
    },
    Outlet {
        name: "Carnegie Politika",
        aliases: &[
            "Carnegie Endowment for International Peace",
            "Carnegie Russia Eurasia Center",
        ],
        domains: &["carnegieendowment.org"],
        issn: &[],
    },
    Outlet {
        name: "Valdai Discussion Club",
        aliases: &["Valdai Club"],
        domains: &["valdaiclub.com"],
        issn: &[],
    },
    Outlet {
        name: "Russia in Global Affairs",
        aliases: &[],
        domains: &["globalaffairs.ru", "eng.globalaffairs.ru"],
        issn: &[],
    },
    Outlet {
        name: "Russian International Affairs Council",
        aliases: &["RIAC"],
        domains: &["russiancouncil.ru"],
        issn: &[],
    },
    Outlet {
        name: "Modern Diplomacy",
        aliases: &[],
        domains: &["moderndiplomacy.eu"],
        issn: &[],
    },
    Outlet {
        name: "Eurasia Daily Monitor",
        aliases: &["Jamestown Foundation"],
        domains: &["jamestown.org"],
        issn: &[],
    },
    Outlet {
        name: "The National Interest",
        aliases: &[],
        domains: &["nationalinterest.org"],
        issn: &[],
    },
    Outlet {
        name: "Foreign Policy",
        aliases: &[],
        domains: &["foreignpolicy.com"],
        issn: &[],
    },
    Outlet {
        name: "Asia Times",
        aliases: &[],
        domains: &["asiatimes.com"],
        issn: &[],
    },
    Outlet {
        name: "Agence France-Presse",
        aliases: &["AFP"],
        domains: &["afp.com"],
        issn: &[],
    },
    Outlet {
        name: "Anadolu Agency",
        aliases: &["Anadolu"],
        domains: &["aa.com.tr"],
        issn: &[],
    },
];

/// One outlet of the register in use: the built-in [`OUTLETS`] and any a
/// user adds with their own file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub aliases: Vec<String>,
    pub domains: Vec<String>,
    pub issn: Vec<String>,
}

impl Entry {
    /// The outlet's name and its aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// The outlets the tagger recognises. Built in: [`OUTLETS`]. A user extends
/// it with a CSV file (`--outlets FILE`, columns `name,aliases,domains,issn`;
/// several values in one cell separated by `|`): a row whose name (or an
/// alias) is already known adds its aliases, domains and ISSNs to that
/// outlet; any other row adds an outlet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Register {
    pub outlets: Vec<Entry>,
}

impl Register {
    /// The register's name for an outlet given by its name or an alias
    /// ("Jamestown Foundation" is "Eurasia Daily Monitor"), if known.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        // ("The Jamestown Foundation" is the Jamestown Foundation)
        let bare = |n: &str| {
            let n = n.trim();
            n.strip_prefix("The ")
                .or_else(|| n.strip_prefix("the "))
                .unwrap_or(n)
                .to_string()
        };
        let name = bare(name);
        self.outlets
            .iter()
            .find(|o| o.names().any(|n| bare(n).eq_ignore_ascii_case(&name)))
            .map(|o| o.name.as_str())
    }

    pub fn builtin() -> Register {
        let own = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        Register {
            outlets: OUTLETS
                .iter()
                .map(|o| Entry {
                    name: o.name.into(),
                    aliases: own(o.aliases),
                    domains: own(o.domains),
                    issn: own(o.issn),
                })
                .collect(),
        }
    }

    /// The built-in register extended by the rows of `path`. Errors name the
    /// file and the line.
    pub fn with_file(path: &std::path::Path) -> anyhow::Result<Register> {
        use anyhow::{anyhow, bail, Context};
        let mut reg = Register::builtin();
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(path)
            .with_context(|| format!("{}: cannot read the outlet register", path.display()))?;
        let headers: Vec<String> = rdr
            .headers()
            .with_context(|| format!("{}: line 1: no header row", path.display()))?
            .iter()
            .map(|h| h.trim().to_lowercase())
            .collect();
        let col = |name: &str| headers.iter().position(|h| h == name);
        let Some(name_col) = col("name") else {
            bail!(
                "{}: line 1: no `name` column (expected the header name,aliases,domains,issn)",
                path.display()
            );
        };
        for (i, rec) in rdr.records().enumerate() {
            let line = i + 2;
            let rec =
                rec.map_err(|e| anyhow!("{}: line {line}: malformed CSV: {e}", path.display()))?;
            let cell = |c: Option<usize>| -> Vec<String> {
                c.and_then(|c| rec.get(c))
                    .unwrap_or("")
                    .split('|')
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(String::from)
                    .collect()
            };
            let name = rec.get(name_col).unwrap_or("").trim().to_string();
            if name.is_empty() {
                bail!("{}: line {line}: the outlet has no name", path.display());
            }
            let aliases = cell(col("aliases"));
            let domains: Vec<String> = cell(col("domains"))
                .iter()
                .map(|d| d.to_lowercase())
                .collect();
            let issn = cell(col("issn"));
            let known = reg.outlets.iter_mut().find(|o| {
                o.names().any(|n| {
                    n.eq_ignore_ascii_case(&name)
                        || aliases.iter().any(|a| n.eq_ignore_ascii_case(a))
                })
            });
            match known {
                Some(o) => {
                    for (dst, src) in [
                        (&mut o.aliases, aliases),
                        (&mut o.domains, domains),
                        (&mut o.issn, issn),
                    ] {
                        for x in src {
                            if !dst.contains(&x) && x != o.name {
                                dst.push(x);
                            }
                        }
                    }
                }
                None => reg.outlets.push(Entry {
                    name,
                    aliases,
                    domains,
                    issn,
                }),
            }
        }
        Ok(reg)
    }
}

static REGISTER: std::sync::OnceLock<Register> = std::sync::OnceLock::new();

/// The register in use: the built-in one unless [`use_register`] set
/// another first.
pub fn register() -> &'static Register {
    REGISTER.get_or_init(Register::builtin)
}

/// Use `reg` for the rest of the run (once, before any article is tagged).
pub fn use_register(reg: Register) -> anyhow::Result<()> {
    let wanted = reg.clone();
    let got = REGISTER.get_or_init(|| reg);
    anyhow::ensure!(
        *got == wanted,
        "the outlet register was already in use before --outlets was read"
    );
    Ok(())
}

/// Names that, alone on a line at the top of a page, are a masthead.
pub fn masthead_names() -> Vec<&'static str> {
    register().outlets.iter().map(|o| o.name.as_str()).collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum OutletSource {
    Metadata,
    /// the cue found in the text
    Cue(String),
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutletTag {
    pub outlet: String,
    pub source: OutletSource,
}

impl OutletTag {
    pub const UNKNOWN: &'static str = "unknown";

    /// "metadata", "cue: <text>" or "unknown", as written in the reports.
    pub fn source_label(&self) -> String {
        match &self.source {
            OutletSource::Metadata => "metadata".into(),
            OutletSource::Cue(c) => format!("cue: {c}"),
            OutletSource::Unknown => "unknown".into(),
        }
    }
}

fn by_domain<'r>(reg: &'r Register, host: &str) -> Option<&'r Entry> {
    let host = host.to_lowercase();
    reg.outlets.iter().find(|o| {
        o.domains
            .iter()
            .any(|d| host == *d || host.ends_with(&format!(".{d}")))
    })
}

/// Host of a URL ("https://www.iz.ru/en/..." -> "www.iz.ru").
fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map(|x| x.1).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    host.contains('.').then_some(host)
}

/// Tag the outlet. `meta_outlet` and `meta_url` come from the article's
/// metadata; `text` is its decoded text and `cleaned` its cleaning log.
pub fn tag(
    meta_outlet: Option<&str>,
    meta_url: Option<&str>,
    text: &str,
    cleaned: &Cleaned,
) -> OutletTag {
    tag_with(register(), meta_outlet, meta_url, text, cleaned)
}

/// [`tag`] with a given register rather than the one in use.
pub fn tag_with(
    reg: &Register,
    meta_outlet: Option<&str>,
    meta_url: Option<&str>,
    text: &str,
    cleaned: &Cleaned,
) -> OutletTag {
    if let Some(o) = meta_outlet.map(str::trim).filter(|o| !o.is_empty()) {
        return OutletTag {
            outlet: o.to_string(),
            source: OutletSource::Metadata,
        };
    }
    if let Some(o) = meta_url.and_then(url_host).and_then(|h| by_domain(reg, h)) {
        return OutletTag {
            outlet: o.name.clone(),
            source: OutletSource::Metadata,
        };
    }
    if let Some((o, cue)) = cue_in_text(reg, text, cleaned) {
        return OutletTag {
            outlet: o.name.clone(),
            source: OutletSource::Cue(cue),
        };
    }
    if let Some((name, cue)) = unregistered(text) {
        return OutletTag {
            outlet: name,
            source: OutletSource::Cue(cue),
        };
    }
    OutletTag {
        outlet: OutletTag::UNKNOWN.into(),
        source: OutletSource::Unknown,
    }
}

/// An outlet the register does not know, read from the page itself: the
/// name a copyright line gives ("© 2026 Gazeta.uz. ...") when the page
/// also opens with it (alone, or first in a menu bar) or names it three
/// more times in its text ("told Gazeta.uz"). Two cues that agree, so that an unknown outlet is named
/// without guessing; `None` otherwise.
fn unregistered(text: &str) -> Option<(String, String)> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.first()?;
    let top = top_lines(text);
    for line in lines.iter().rev().take(12) {
        let low = line.to_lowercase();
        let rest = if let Some(r) = line.strip_prefix('©') {
            r
        } else if low.starts_with("copyright") {
            line["copyright".len()..]
                .trim_start()
                .trim_start_matches('©')
        } else {
            continue;
        };
        // past the years ("2010-2026") to the name, up to the end of its
        // sentence
        let rest = rest
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit() || "-–— ,".contains(c));
        let end = [". ", ", ", " All rights", " all rights"]
            .iter()
            .filter_map(|e| rest.find(e))
            .min()
            .unwrap_or(rest.len());
        // ("© Belsat 2026.": the year after the name too; a number that is
        // no year is part of the name, "© 2025 Khabar 24.")
        let name = rest[..end]
            .trim()
            .trim_end_matches(|c: char| ".-–— ,".contains(c));
        let year = |w: &str| {
            w.split(['-', '–', '—']).all(|y| {
                y.len() == 4
                    && y.chars().all(|c| c.is_ascii_digit())
                    && (y.starts_with("19") || y.starts_with("20"))
            })
        };
        let name = match name.rsplit_once(' ') {
            Some((head, last)) if year(last.trim_end_matches(',')) => head,
            _ => name,
        }
        .trim_end_matches(|c: char| "-–— ,".contains(c))
        .trim();
        let words = name.split_whitespace().count();
        let starts_well = name.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        if !(1..=8).contains(&words) || !starts_well || name.len() < 3 || name.len() > 60 {
            continue;
        }
        // the page opens with it, or a menu bar at the top starts with it
        // ("Belsat | News | Politics")
        // (in a logo's capitals too: "KHABAR 24 | 24.kz")
        let masthead = top.iter().any(|l| {
            let (l, n) = (l.to_lowercase(), name.to_lowercase());
            l == n
                || l.strip_prefix(&n)
                    .is_some_and(|r| r.trim_start().starts_with('|'))
        });
        // a long name ("National Assembly of the Republic of Armenia")
        // only where the page opens with it in full
        if (words > 6 || name.len() > 40) && !masthead {
            continue;
        }
        // ("the Kyiv Independent" in running text is "The Kyiv Independent")
        let lower = name.to_lowercase();
        let elsewhere = text
            .to_lowercase()
            .matches(&lower)
            .count()
            .saturating_sub(line.to_lowercase().matches(&lower).count());
        if masthead || elsewhere >= 3 {
            let how = if masthead {
                "opening line"
            } else {
                "named in the text"
            };
            return Some((
                name.to_string(),
                format!("copyright line \"{line}\" and {how}"),
            ));
        }
    }
    // no copyright line: the page opens with a short name alone on its
    // line and credits it three times more ("told Kloop", "Photo: Kloop")
    let name = *top.first()?;
    let words = name.split_whitespace().count();
    if (1..=3).contains(&words)
        && name.starts_with(char::is_uppercase)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || " .-'".contains(c))
        && !crate::split::STARTERS.contains(&name.to_lowercase().as_str())
    {
        let credits = [
            format!("told {name}"),
            format!("Photo: {name}"),
            format!("{name} reported"),
            format!("by {name}"),
        ];
        let n: usize = credits
            .iter()
            .map(|c| text.matches(c.as_str()).count())
            .sum();
        if n >= 3 {
            return Some((
                name.to_string(),
                format!("opening line \"{name}\" and {n} credits"),
            ));
        }
    }
    None
}

fn names(o: &Entry) -> impl Iterator<Item = &str> {
    o.names()
}

fn cue_in_text<'r>(
    reg: &'r Register,
    text: &str,
    cleaned: &Cleaned,
) -> Option<(&'r Entry, String)> {
    let outlets = &reg.outlets;
    let furniture = |kinds: &[Furniture]| {
        cleaned
            .removed
            .iter()
            .filter(move |r| kinds.contains(&r.reason))
            .map(|r| r.text.trim().to_string())
            .collect::<Vec<_>>()
    };
    // 1. ISSN line
    for line in furniture(&[Furniture::Issn]) {
        if let Some(o) = outlets
            .iter()
            .find(|o| o.issn.iter().any(|i| line.contains(i)))
        {
            return Some((o, line));
        }
    }
    // 2. masthead
    for line in furniture(&[Furniture::Masthead]) {
        if let Some(o) = outlets
            .iter()
            .find(|o| names(o).any(|n| crate::clean::masthead_matches(n, &line)))
        {
            return Some((o, format!("masthead \"{line}\"")));
        }
    }
    // 2b. a name alone on one of the page's first lines, or first in a bar
    //     there ("Azattyq | RFE/RL's Kazakh Service"): the masthead as
    //     scraped, which names the service where a copyright line below
    //     names its parent
    for line in top_lines(text) {
        // (a logo's text with its full stop: "euronews.")
        let first = line
            .split('|')
            .next()
            .unwrap_or("")
            .trim()
            .trim_end_matches('.');
        if let Some(o) = outlets
            .iter()
            .find(|o| names(o).any(|n| crate::clean::masthead_matches(n, first)))
        {
            return Some((o, format!("masthead \"{line}\"")));
        }
    }
    // 3. site address in the page furniture (credits, navigation, bio)
    for line in furniture(&[
        Furniture::Credit,
        Furniture::Navigation,
        Furniture::AuthorBio,
        Furniture::Paywall,
    ]) {
        for tok in line.split_whitespace() {
            let tok = tok.trim_matches(|c: char| {
                !c.is_alphanumeric() && c != '.' && c != '/' && c != ':' && c != '-'
            });
            if let Some(o) = url_host(tok).and_then(|h| by_domain(reg, h)) {
                return Some((o, format!("address {tok}")));
            }
        }
    }
    // 4. the author box names the outlet as the author's own
    let own = [
        "contributor to ",
        "editor of ",
        "editor at ",
        "writes for ",
        "columnist for ",
        "correspondent for ",
        "reporter for ",
        "editor-in-chief of ",
        "columnist at ",
        "correspondent at ",
        "reporter at ",
    ];
    for line in furniture(&[Furniture::AuthorBio, Furniture::Byline]) {
        let low = line.to_lowercase();
        for o in outlets {
            for n in names(o) {
                let nl = n.to_lowercase();
                if let Some(p) = own.iter().find(|p| low.contains(&format!("{p}{nl}"))) {
                    return Some((o, format!("author box \"{}{}\"", p, n)));
                }
            }
        }
    }
    // 5. a wire dateline or agency credit at the head of the story, or the
    //    page's copyright line (only when every such cue names one outlet)
    if let Some(found) = dateline_or_credit(reg, text) {
        return Some(found);
    }
    // 6. "told <outlet>" repeated, and the outlet never a reporting third party
    let mut told: Vec<(&Entry, usize)> = Vec::new();
    for o in outlets {
        let count: usize = names(o)
            .map(|n| text.matches(&format!("told {n}")).count())
            .sum();
        if count > 0 {
            told.push((o, count));
        }
    }
    if let [(o, count)] = told.as_slice() {
        let third_party = names(o).any(|n| {
            [
                format!("{n} reported"),
                format!("{n},"),
                format!("according to {n}"),
                format!("{n} said"),
                format!("{n} wrote"),
                format!("{n} quoted"),
            ]
            .iter()
            .any(|p| text.contains(p.as_str()))
        });
        if *count >= 2 && !third_party {
            return Some((o, format!("\"told {}\" x{}", o.name, count)));
        }
    }
    None
}

/// The page's first five non-empty lines, past accessibility links ("Skip
/// to content"), where a scraped page carries its masthead.
fn top_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .skip_while(|l| l.to_lowercase().starts_with("skip to "))
        .take(5)
        .collect()
}

/// Where `name` occurs in `hay` as a whole word (no letter or digit on either side).
fn find_word(hay: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = hay[from..].find(name) {
        let at = from + p;
        let before = hay[..at].chars().next_back();
        let after = hay[at + name.len()..].chars().next();
        let edge = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric());
        if edge(before) && edge(after) {
            return Some(at);
        }
        from = at + name.len();
    }
    None
}

/// A line that opens like a dateline: a place name in capitals ("GOMEL,",
/// "ALMATY.") or a place name followed at once by a comma ("Osh, March 9").
fn opens_like_dateline(line: &str) -> bool {
    let Some(first) = line.split_whitespace().next() else {
        return false;
    };
    let word = first.trim_end_matches([',', '.']);
    let capitals = word.chars().count() >= 3
        && word.chars().all(|c| c.is_uppercase() || c == '-')
        && first.len() > word.len();
    let titled = first.ends_with(',') && word.chars().next().is_some_and(char::is_uppercase);
    capitals || titled
}

/// The outlet named by the story's own dateline or credit: "CITY, 5 May
/// (AGENCY) –", "CITY, March 3. /AGENCY/.", "CITY, MAY 12, AGENCY.", "CITY.
/// AGENCY –", "City, May 5 / Agency /", "AGENCY has learned", or the page's
/// copyright line ("© 2025 AGENCY"). Datelines count only at the head of
/// the story (its first 40 non-empty lines, menus included) and only at the start of a
/// line that opens like a dateline; a name in the text's running prose is
/// never read as the publisher. Two different outlets named this way give
/// no answer.
fn dateline_or_credit<'r>(reg: &'r Register, text: &str) -> Option<(&'r Entry, String)> {
    let mut found: Vec<(&'r Entry, String)> = Vec::new();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    for (i, line) in lines.iter().enumerate() {
        let head: String = line.chars().take(90).collect();
        for o in &reg.outlets {
            for n in names(o) {
                if n.len() < 3 {
                    continue;
                }
                let upper = n.to_uppercase();
                let dateline = i < 40
                    && opens_like_dateline(line)
                    && [
                        format!("({n})"),
                        format!("/{n}/"),
                        format!("/ {n} /"),
                        format!("({upper})"),
                        format!("/{upper}/"),
                        format!(", {upper}."),
                        format!(". {upper} –"),
                        format!(". {upper} -"),
                        format!(". {upper} —"),
                    ]
                    .iter()
                    .any(|p| head.contains(p.as_str()));
                let learned = find_word(line, n).is_some_and(|at| {
                    line[at + n.len()..].starts_with(" has learned")
                        || line[at + n.len()..].starts_with(" news agency -")
                        || line[at + n.len()..].starts_with(" news agency –")
                });
                // (brands styled in lowercase: "Copyright © euronews 2025")
                // (a name inside a longer one is not it: "© 2026 The
                // Ministry of Foreign Affairs of ..." names no magazine)
                let low = line.to_lowercase();
                let copyright = (line.starts_with('©') || low.starts_with("copyright"))
                    && line.len() < 160
                    && find_word(&low, &n.to_lowercase())
                        .is_some_and(|at| !low[..at].trim_end().ends_with(" of"));
                if dateline || learned || copyright {
                    let kind = if dateline {
                        "dateline"
                    } else if learned {
                        "credit"
                    } else {
                        "copyright line"
                    };
                    found.push((o, format!("{kind} \"{}\"", head.trim())));
                }
            }
        }
    }
    let first = found.first()?.0;
    if found.iter().all(|(o, _)| std::ptr::eq(*o, first)) {
        found.into_iter().next()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_datelines_and_credits_name_the_agency() {
        let cases = [
            (
                "GOMEL, 14 June (BelTA) – The council met on Friday.",
                "BelTA",
            ),
            ("BISHKEK, April 2. /TASS/. The drills ended early.", "TASS"),
            (
                "YEREVAN, JULY 1, ARMENPRESS. The ministry replied.",
                "Armenpress",
            ),
            ("ALMATY. KAZINFORM – Officials gathered.", "Kazinform"),
            ("Osh, March 9 / AKIpress / The session opened.", "AKIpress"),
            (
                "Menu\nNews\nThe summit opened, Interfax has learned.",
                "Interfax",
            ),
            (
                "The talks went on.\n\n© 2024 Xinhua. All rights reserved.",
                "Xinhua",
            ),
            // a brand styled in lowercase
            (
                "The talks went on.\n\nCopyright © euronews 2025",
                "Euronews",
            ),
        ];
        for (text, want) in cases {
            let reg = Register::builtin();
            let got = dateline_or_credit(&reg, text).map(|(o, _)| o.name.as_str());
            assert_eq!(got, Some(want), "{text}");
        }
    }

    #[test]
    fn agencies_in_running_prose_or_in_conflict_name_nobody() {
        for text in [
            // a third party quoted in prose
            "The minister said the bloc was ready, according to TASS (TASS) reports.",
            "Officials met in the capital.\nThe meeting (BelTA) was short.",
            // two agencies credited: no answer rather than a wrong one
            "MINSK, 3 May (BelTA) – Talks began.\n© 2024 Sputnik",
        ] {
            assert!(
                dateline_or_credit(&Register::builtin(), text).is_none(),
                "{text}"
            );
        }
    }

    #[test]
    fn outlets_the_register_lacks_are_read_from_two_agreeing_cues() {
        let named = [
            (
                "Steppe Herald\nNews | World\n\nThe council met.\n\n© 2026 Steppe Herald. All rights reserved.",
                "Steppe Herald",
            ),
            (
                "BREAKING: roads closed\nOrda Times | News | Politics\n\nThe council met.\n\n© Orda Times 2026. Reuse with a link.",
                "Orda Times",
            ),
            (
                "Menu\n\nThe minister told Kolo.by that talks went well. He told Kolo.by more later, and Kolo.by asked again.\n\n© 2010-2026 Kolo.by",
                "Kolo.by",
            ),
            // past an accessibility link, and "the Steppe Ledger" in the
            // running text counts as a mention
            (
                "Skip to content\nThe Steppe Ledger\nNews | Opinion\n\nA copy was seen by the Steppe Ledger.\n\n© 2026 The Steppe Ledger. All rights reserved.",
                "The Steppe Ledger",
            ),
            // a number in the name is no year ("© 2026 Steppe 24."), a year
            // after a dash is
            (
                "STEPPE 24 | steppe24.kz\nNews | Video\n\nThe council met.\n\n© 2026 Steppe 24. All rights reserved.",
                "Steppe 24",
            ),
            (
                "Orda Post\nNews\n\nThe council met.\n\n© Orda Post 2026 – All rights reserved",
                "Orda Post",
            ),
            // no copyright line: an opening name credited three more times
            (
                "Birdsong\nNews | Video\n\nThe lawyer told Birdsong the men were freed. An activist told Birdsong more.\n\nPhoto: Birdsong",
                "Birdsong",
            ),
        ];
        for (text, want) in named {
            assert_eq!(
                unregistered(text).map(|x| x.0).as_deref(),
                Some(want),
                "{text}"
            );
        }
        // a name of five words or more, as its masthead and copyright line
        // give it
        assert_eq!(
            unregistered(
                "The Times of the Steppe Region\nNews | Opinion\n\nThe council met.\n\n© 2026 The Times of the Steppe Region. All rights reserved."
            )
            .map(|x| x.0)
            .as_deref(),
            Some("The Times of the Steppe Region")
        );
        // a publisher's long name, under the page's masthead in capitals;
        // in the copyright line alone it is no cue
        assert_eq!(
            unregistered(
                "SENATE OF THE REPUBLIC OF THE STEPPE\nHome | Sittings\n\nThe council met.\n\n© 2026 Senate of the Republic of the Steppe. All rights reserved."
            )
            .map(|x| x.0)
            .as_deref(),
            Some("Senate of the Republic of the Steppe")
        );
        assert!(unregistered(
            "Menu\n\nThe council met in the Senate of the Republic of the Steppe, the Senate of the Republic of the Steppe said, and the Senate of the Republic of the Steppe agreed.\n\n© 2026 Senate of the Republic of the Steppe."
        )
        .is_none());
        // a copyright line alone is one cue: no answer rather than a guess
        for text in [
            "Menu\n\nThe council met.\n\n© 2026 Steppe Herald. All rights reserved.",
            "The council met.\n\nAll rights reserved.",
            "Birdsong\nNews | Video\n\nThe lawyer told Birdsong the men were freed.\n\nPhoto: Birdsong",
        ] {
            assert!(unregistered(text).is_none(), "{text}");
        }
    }

    #[test]
    fn a_service_named_at_the_top_wins_over_its_parent_in_the_copyright_line() {
        let text = "Skip to main content\nAzattyq | RFE/RL's Kazakh Service\nNews | Society\n\nThe akim told RFE/RL the drills would end.\n\nCopyright (c) 2026 RFE/RL, Inc. All Rights Reserved.";
        let reg = Register::builtin();
        let cleaned = crate::clean::clean(text, &crate::clean::Hints::default(), &[]);
        assert_eq!(cue_in_text(&reg, text, &cleaned).unwrap().0.name, "Azattyq");
        // the register knows an outlet by any of its names
        assert_eq!(
            reg.canonical("jamestown foundation"),
            Some("Eurasia Daily Monitor")
        );
        assert_eq!(reg.canonical("Steppe Herald"), None);
        assert_eq!(
            reg.canonical("The Jamestown Foundation"),
            Some("Eurasia Daily Monitor")
        );
        // a section of the menu that shares an outlet's name in other case
        // is no masthead
        let menu = "News\nPolitics\nForeign policy\nEconomy\n\nThe ministry replied on Monday.";
        let cleaned = crate::clean::clean(menu, &crate::clean::Hints::default(), &[]);
        assert!(cue_in_text(&reg, menu, &cleaned).is_none());
        // a registered name inside a ministry's name in its copyright line
        // names no outlet ("Foreign Affairs", the magazine)
        let ministry = "Ministry of Foreign Affairs of the Republic of Tajikistan\nHome | Press\n\nThe minister will travel to Minsk.\n\n© 2026 Ministry of Foreign Affairs of the Republic of Tajikistan";
        let cleaned = crate::clean::clean(ministry, &crate::clean::Hints::default(), &[]);
        assert!(cue_in_text(&reg, ministry, &cleaned).is_none());
    }

    #[test]
    fn hosts() {
        assert_eq!(url_host("https://iz.ru/en/node/1"), Some("iz.ru"));
        let reg = Register::builtin();
        assert_eq!(
            by_domain(&reg, "www.thediplomat.com").unwrap().name,
            "The Diplomat"
        );
        assert!(by_domain(&reg, "notiz.ru").is_none());
    }
}
