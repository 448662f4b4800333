//! The library's layout: no module imports one that imports it back.

use std::collections::{BTreeMap, BTreeSet};

const TEXT_CRATE: &str = "crates/stancemap-text";

/// The library's source files: src/ and the text crate's src/.
fn sources() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [root.join("src"), root.join(TEXT_CRATE).join("src")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            files.push(entry.unwrap().path());
        }
    }
    files.sort();
    files
}

/// Each module of both crates and the modules it names as `crate::x`
/// outside comments (the main crate re-exports the text crate's modules
/// under the same names, so one graph covers both).
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for path in sources() {
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "lib" || name == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut deps = BTreeSet::new();
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (i, _) in line.match_indices("crate::") {
                let rest = &line[i + "crate::".len()..];
                let m: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                    .collect();
                if !m.is_empty() && m != name {
                    deps.insert(m);
                }
            }
        }
        out.insert(name, deps);
    }
    out
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let deps = imports();
    assert!(deps.len() > 20, "read {} modules", deps.len());
    // depth-first search for a path from a module back to itself
    fn back(
        deps: &BTreeMap<String, BTreeSet<String>>,
        start: &str,
        node: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        for d in deps.get(node).into_iter().flatten() {
            if d == start {
                let mut p = path.clone();
                p.push(d.clone());
                return Some(p);
            }
            if seen.insert(d.clone()) {
                path.push(d.clone());
                if let Some(p) = back(deps, start, d, path, seen) {
                    return Some(p);
                }
                path.pop();
            }
        }
        None
    }
    for m in deps.keys() {
        let mut path = vec![m.clone()];
        if let Some(cycle) = back(&deps, m, m, &mut path, &mut BTreeSet::new()) {
            panic!("import cycle: {}", cycle.join(" -> "));
        }
    }
}

/// The command line lives in the binary: no library module names clap,
/// and the text stages (ingest, cleaning, splitting, outlet, attribution,
/// form and the document record) are a crate that loads no model and
/// builds no table: it cannot import the main crate's modules, and its
/// manifest names no encoder or table library.
#[test]
fn clap_stays_in_the_binary_and_the_text_stages_stay_light() {
    for path in sources() {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.extension().is_none_or(|e| e != "rs") || name == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("clap"), "{name}.rs names clap");
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text_src = root.join(TEXT_CRATE).join("src");
    let deps = imports();
    for m in [
        "ingest",
        "clean",
        "split",
        "outlet",
        "attribution",
        "form",
        "document",
    ] {
        assert!(
            text_src.join(format!("{m}.rs")).exists(),
            "{m}.rs is not in {TEXT_CRATE}"
        );
        for d in &deps[m] {
            assert!(
                text_src.join(format!("{d}.rs")).exists(),
                "{m} imports {d}, which is not a text stage"
            );
        }
    }
    let manifest = std::fs::read_to_string(root.join(TEXT_CRATE).join("Cargo.toml")).unwrap();
    let deps_section = manifest.split("[dependencies]").nth(1).unwrap();
    for heavy in [
        "candle",
        "polars",
        "gemm",
        "tokenizers",
        "clap",
        "stancemap =",
    ] {
        assert!(
            !deps_section.contains(heavy),
            "{TEXT_CRATE} depends on {heavy}"
        );
    }
}
