//! The library's layout: no module imports one that imports it back.

use std::collections::{BTreeMap, BTreeSet};

/// Each module of src/ and the modules it names as `crate::x` outside comments.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
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
/// and the pipeline's stages do not reach around it (ingest, cleaning,
/// splitting, outlet, attribution and the document record load no model
/// and build no table).
#[test]
fn clap_stays_in_the_binary_and_the_text_stages_stay_light() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.extension().is_none_or(|e| e != "rs") || name == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("clap"), "{name}.rs names clap");
    }
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
        let d = &deps[m];
        for heavy in [
            "encoder",
            "model",
            "aggregate",
            "report",
            "analyze",
            "train",
            "tune",
        ] {
            assert!(!d.contains(heavy), "{m} imports {heavy}");
        }
        let text = std::fs::read_to_string(src.join(format!("{m}.rs"))).unwrap();
        for crate_name in ["candle", "polars"] {
            assert!(!text.contains(crate_name), "{m}.rs uses {crate_name}");
        }
    }
}
