//! The `stancemap` command line: a thin clap front end over the library.

use anyhow::Result;
use clap::{Parser, Subcommand};
use stancemap::encoder::{Backend, DeviceChoice, EmbedOptions};
use stancemap::model::StanceModel;
use std::io::Write;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "stancemap",
    version,
    about = "Claims, speakers and stance toward a target across news outlets"
)]
struct Cli {
    /// Silence progress messages on stderr
    #[arg(long, global = true)]
    quiet: bool,
    /// Where encoders are fetched to and models looked up (default: $STANCEMAP_MODELS, else models/ in the source tree for a binary run from it, else $XDG_CACHE_HOME/stancemap/models or ~/.cache/stancemap/models)
    #[arg(long, global = true, value_name = "DIR")]
    models_dir: Option<PathBuf>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Split text into sentences, one per line (or JSONL with offsets)
    Split {
        /// Text file to split; stdin when absent
        file: Option<PathBuf>,
        /// Print {"start","end","text"} per sentence (byte offsets)
        #[arg(long)]
        jsonl: bool,
    },
    /// Ingest, clean and split articles; print one CSV row per sentence
    Sentences {
        /// Text files, directories (.txt/.md, recursive), JSONL or CSV corpora
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// CSV attaching metadata to text files by file name (see seeds/manifest.csv)
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// Also write what cleaning removed and what was skipped to this CSV
        #[arg(long)]
        skipped: Option<PathBuf>,
        /// Your own outlet register, added to the built-in one (see `analyze --help`)
        #[arg(long, value_name = "FILE")]
        outlets: Option<PathBuf>,
    },
    /// The main job: claims, speakers and stance for every article; reports to --out
    Analyze {
        /// Inputs (default: the bundled seeds/ with seeds/manifest.csv)
        inputs: Vec<PathBuf>,
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// Output directory
        #[arg(long, default_value = "report")]
        out: PathBuf,
        #[arg(long)]
        model: Option<PathBuf>,
        /// Cosine similarity at or above which claims of different articles are aligned
        #[arg(long, default_value_t = stancemap::align::DEFAULT_THRESHOLD)]
        align_threshold: f32,
        /// Do not align claims across articles (aligned_claims.csv gets its header only): the exact search is quadratic in the claims, hours beyond a million
        #[arg(long)]
        no_align: bool,
        /// Articles cleaned, attributed, encoded, classified and written at a time, at most (a chunk also ends at 1 MB of text; the outputs do not depend on it)
        #[arg(long, default_value_t = stancemap::analyze::DEFAULT_CHUNK_ARTICLES)]
        chunk_articles: usize,
        /// Continue a run of the same inputs and model into the same --out that was killed, from its last finished chunk (the output is the same as an uninterrupted run's); without it, an unfinished run is started over
        #[arg(long)]
        resume: bool,
        /// Analyse shard K of N (K from 0 to N-1: the articles whose id hashes to K) into --out, a shard directory for `merge`; a finished shard is not redone
        #[arg(long, value_name = "K/N", value_parser = parse_shard)]
        shard: Option<stancemap::analyze::Shard>,
        #[command(flatten)]
        run: RunOpts,
    },
    /// Measure splitting (MB/s) and encoder (sentences/s) throughput on the seeds; prints JSON lines with ratios against an in-process baseline
    Bench {
        /// Megabytes of text for the splitting measurement (the seeds repeated)
        #[arg(long, default_value_t = 10)]
        mb: usize,
        /// Batch sizes for the encoder measurement
        #[arg(long, value_delimiter = ',', default_values_t = vec![1usize, 8, 32, 64])]
        batches: Vec<usize>,
        /// Also write the seed sentences, one a line, to this file (for the Python baseline)
        #[arg(long)]
        sentences_out: Option<PathBuf>,
        /// Also write the repeated text to this file (for the pySBD baseline)
        #[arg(long)]
        text_out: Option<PathBuf>,
        /// Which encoder to measure: minilm (the fast preset's) or mpnet (accurate's)
        #[arg(long, default_value = "minilm", value_parser = ["minilm", "mpnet"])]
        encoder: String,
        /// Measure on these sentences (one a line) instead of the seeds'
        #[arg(long)]
        sentences_in: Option<PathBuf>,
        /// Runs per batch size; the best counts
        #[arg(long, default_value_t = 1)]
        repeats: usize,
        /// Skip the splitting measurement
        #[arg(long)]
        no_split: bool,
        /// Write this run's embeddings (batch 32, sorted) as raw little-endian f32
        #[arg(long)]
        embeddings_out: Option<PathBuf>,
        /// Embeddings of the same sentences by a reference engine (raw f32): print
        /// agreement of this run and of every --compare file with it
        #[arg(long)]
        reference: Option<PathBuf>,
        /// NAME=FILE: another engine's embeddings to compare with --reference
        #[arg(long)]
        compare: Vec<String>,
        #[command(flatten)]
        run: RunOpts,
    },
    /// Merge the shard directories of one run (`analyze --shard K/N`) into the reports one run writes
    Merge {
        /// The shard directories, every K of N once
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Output directory for the reports
        #[arg(long, default_value = "report")]
        out: PathBuf,
        /// Do not align claims across articles (as `analyze --no-align`)
        #[arg(long)]
        no_align: bool,
    },
    /// Train the stance and claim heads; evaluate leave-one-article-out; write a model directory
    Train {
        /// Annotation CSVs (codebook labels)
        #[arg(long, num_args = 1.., default_values = ["data/seed_annotations.csv", "data/written_training.csv", "data/written_training_forms.csv"])]
        data: Vec<PathBuf>,
        /// Output model directory
        #[arg(long)]
        out: PathBuf,
        /// Sentence-transformers encoder directories (BERT family); embeddings are concatenated
        #[arg(long, num_args = 1..)]
        encoder: Vec<PathBuf>,
        #[arg(long, default_value = "CSTO")]
        target: String,
        /// L2 penalty of the stance head (default: per preset, see the model card)
        #[arg(long)]
        l2: Option<f32>,
        /// Training epochs (full-batch Adam steps) of the heads
        #[arg(long)]
        epochs: Option<usize>,
        #[command(flatten)]
        run: RunOpts,
    },
    /// Experiment: fine-tune MPNet per held-out article (leave-one-article-out) and compare with the frozen-encoder head
    Finetune {
        /// Annotation CSVs (codebook labels)
        #[arg(long, num_args = 1.., default_values = ["data/seed_annotations.csv", "data/written_training.csv"])]
        data: Vec<PathBuf>,
        /// all-mpnet-base-v2 directory (default: the one the accurate preset fetches)
        #[arg(long)]
        encoder: Option<PathBuf>,
        /// Article-id prefixes to hold out (default: every article)
        #[arg(long, value_delimiter = ',')]
        folds: Vec<String>,
        #[arg(long, default_value_t = 3)]
        epochs: usize,
        /// Encoder learning rate
        #[arg(long, default_value_t = 2e-5)]
        lr: f64,
        /// Seed of the fine-tuned copy; several (0,1) fine-tune one copy each and average them
        #[arg(long, value_delimiter = ',', default_values_t = [0u64])]
        seed: Vec<u64>,
        /// Write the held-out probabilities (one row per claim) to this CSV (with several seeds, one CSV each: NAME-seedN.csv)
        #[arg(long)]
        out: Option<PathBuf>,
        /// Give this model directory the fine-tuned branch just evaluated (model.json, model card); needs every fold
        #[arg(long)]
        record: Option<PathBuf>,
        /// Make the fine-tuned weights a model directory's recorded branch names (once; loading a model never trains), then stop
        #[arg(long, value_name = "DIR")]
        make: Option<PathBuf>,
        /// Do not fine-tune: score the held-out rows finished runs wrote with --out, one CSV per seed in the order of --seed (same recipe flags)
        #[arg(long, num_args = 1..)]
        rescore: Vec<PathBuf>,
        #[arg(long, default_value = "CSTO")]
        target: String,
        #[command(flatten)]
        run: RunOpts,
    },
    /// Evaluate a model on annotated data (stance over claims, and claim detection)
    Eval {
        #[arg(long)]
        model: Option<PathBuf>,
        /// Annotation CSVs of sentences (stance over claims, claim detection)
        #[arg(long, num_args = 1.., required_unless_present_any = ["corpus", "seeds"])]
        data: Vec<PathBuf>,
        /// Annotated corpora of whole articles (data/dev, data/heldout): every stage scored on raw text without metadata
        #[arg(long, num_args = 1..)]
        corpus: Vec<PathBuf>,
        /// Which part of --corpus: dev, final (score it once, at the end of the work it judges) or all (each part, one after the other)
        #[arg(long, default_value = "dev", value_parser = ["dev", "final", "all"])]
        part: String,
        /// Print each article's outlet and up to this many claim-detection errors and misattributed speech sentences
        #[arg(long, default_value_t = 0)]
        misses: usize,
        /// Write the figures into the model's MODEL_CARD.md (a section replaced on each run)
        #[arg(long)]
        record: bool,
        /// Also score attribution and outlets on the bundled seeds the same way (the heads were trained on them: their stance figure is the leave-one-article-out one in the model card)
        #[arg(long)]
        seeds: bool,
        #[command(flatten)]
        run: RunOpts,
    },
    /// Agreement of two annotation files of the same sentences: stance over claims and is_claim (Cohen's kappa)
    Agree {
        /// First annotation CSV (its is_claim decides which rows count as claims)
        a: PathBuf,
        /// Second annotation CSV (paired by article_id and sentence_idx, else by text)
        b: PathBuf,
    },
    /// Classify sentences (one a line, or JSONL with a "text" field) from FILE or stdin; CSV to stdout
    Classify {
        file: Option<PathBuf>,
        /// Input is JSONL (also implied by a .jsonl file name)
        #[arg(long)]
        jsonl: bool,
        #[arg(long)]
        model: Option<PathBuf>,
        #[command(flatten)]
        run: RunOpts,
    },
}

#[derive(clap::Args, Clone)]
struct RunOpts {
    /// Where the encoder runs
    #[arg(long, value_enum, default_value_t = DeviceArg::Auto)]
    device: DeviceArg,
    /// Which implementation runs the encoder: auto (native kernels on CPU, candle on a GPU), native or candle
    #[arg(long, value_enum, default_value_t = BackendArg::Auto)]
    backend: BackendArg,
    /// Sentences per encoder batch
    #[arg(long, default_value_t = 32)]
    batch_size: usize,
    /// CPU threads (default: all cores)
    #[arg(long)]
    threads: Option<usize>,
    /// Model preset: accurate (MPNet) or fast (MiniLM); picks the shipped model when --model is not given, and with train the encoders (unless --encoder) and the name recorded
    #[arg(long, default_value = "accurate")]
    preset: String,
    /// Your own outlet register, added to the built-in one: a CSV with the header name,aliases,domains,issn (several values in a cell separated by |); outlets named by datelines, credits, mastheads or addresses in it are recognised
    #[arg(long, value_name = "FILE")]
    outlets: Option<PathBuf>,
}

/// `--device` (the library's [`DeviceChoice`]; clap stays in the binary).
#[derive(Clone, Copy, clap::ValueEnum)]
enum DeviceArg {
    /// a CUDA GPU when the build has CUDA and one is present, else CPU
    Auto,
    Cpu,
    Cuda,
}

/// `--backend` (the library's [`Backend`]).
#[derive(Clone, Copy, clap::ValueEnum)]
enum BackendArg {
    /// the native kernels on CPU, candle on a GPU
    Auto,
    /// the project's own CPU kernels; CPU only
    Native,
    /// candle's modules, on CPU or GPU (the reference path)
    Candle,
    /// libtorch through rust-bert, on CPU or a GPU (a `--features rust-bert` build; BERT-family encoders)
    RustBert,
}

impl RunOpts {
    fn setup(&self) -> Result<candle_core::Device> {
        if let Some(t) = self.threads {
            // candle's CPU kernels and the tokenizer read the same setting
            std::env::set_var("RAYON_NUM_THREADS", t.to_string());
            let _ = rayon::ThreadPoolBuilder::new()
                .num_threads(t)
                .build_global();
        }
        stancemap::encoder::set_backend(match self.backend {
            BackendArg::Auto => Backend::Auto,
            BackendArg::Native => Backend::Native,
            BackendArg::Candle => Backend::Candle,
            BackendArg::RustBert => Backend::RustBert,
        });
        if let Some(f) = &self.outlets {
            stancemap::outlet::use_register(stancemap::outlet::Register::with_file(f)?)?;
        }
        stancemap::encoder::select_device(match self.device {
            DeviceArg::Auto => DeviceChoice::Auto,
            DeviceArg::Cpu => DeviceChoice::Cpu,
            DeviceArg::Cuda => DeviceChoice::Cuda,
        })
    }

    fn model_dir(&self, model: Option<&PathBuf>) -> Result<PathBuf> {
        match model {
            Some(m) => Ok(m.clone()),
            None => stancemap::model::shipped_model_dir(&self.preset),
        }
    }
}

/// The closing lines of a run: stage timings, peak memory, files written.
fn report_done(
    a: &stancemap::analyze::Analysis,
    files: &[PathBuf],
    load_s: Option<f64>,
    started: std::time::Instant,
    quiet: bool,
) {
    if quiet {
        return;
    }
    let peak = stancemap::progress::peak_rss_mb()
        .map(|mb| format!("; peak memory {mb:.0} MB"))
        .unwrap_or_default();
    let load = load_s
        .map(|s| format!("model load {s:.2}s, "))
        .unwrap_or_default();
    eprintln!(
        "stancemap: stage timings: {load}{}; total {:.2}s{peak}",
        a.timings
            .iter()
            .map(|(n, s)| format!("{n} {s:.2}s"))
            .collect::<Vec<_>>()
            .join(", "),
        started.elapsed().as_secs_f64()
    );
    for f in files {
        eprintln!("  wrote {}", f.display());
    }
}

fn parse_shard(s: &str) -> Result<stancemap::analyze::Shard, String> {
    stancemap::analyze::Shard::parse(s).map_err(|e| e.to_string())
}

fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(cli) {
        eprintln!("stancemap: error: {e:#}");
        std::process::exit(1);
    }
}

fn run(cli: Cli) -> Result<()> {
    let quiet = cli.quiet;
    if let Some(d) = cli.models_dir {
        stancemap::models::set_models_root(d);
    }
    match cli.cmd {
        Cmd::Split { file, jsonl } => {
            let text = stancemap::ingest::read_text(file.as_deref())?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            for sp in stancemap::split::split(&text) {
                let s = sp.text(&text);
                if jsonl {
                    let v = serde_json::json!({"start": sp.start, "end": sp.end, "text": s});
                    writeln!(out, "{v}")?;
                } else {
                    writeln!(out, "{}", stancemap::document::one_line(s))?;
                }
            }
            out.flush()?;
        }
        Cmd::Sentences {
            inputs,
            manifest,
            skipped,
            outlets,
        } => {
            if let Some(f) = &outlets {
                stancemap::outlet::use_register(stancemap::outlet::Register::with_file(f)?)?;
            }
            stancemap::analyze::sentences(
                &inputs,
                manifest.as_deref(),
                std::io::stdout().lock(),
                skipped.as_deref(),
            )?;
        }
        Cmd::Analyze {
            inputs,
            manifest,
            out,
            model,
            align_threshold,
            no_align,
            chunk_articles,
            resume,
            shard,
            run,
        } => {
            let started = std::time::Instant::now();
            let device = run.setup()?;
            let (inputs, manifest) = if inputs.is_empty() {
                let seeds = stancemap::models::project_dir().join("seeds");
                let m =
                    manifest.or_else(|| Some(seeds.join("manifest.csv")).filter(|p| p.is_file()));
                (vec![seeds], m)
            } else {
                (inputs, manifest)
            };
            let cfg = stancemap::analyze::AnalyzeConfig {
                inputs,
                manifest,
                out: out.clone(),
                batch_size: run.batch_size,
                align_threshold,
                no_align,
                chunk_articles,
                resume,
                shard,
                quiet,
            };
            let reader = stancemap::analyze::preflight(&cfg)?;
            let model_dir = run.model_dir(model.as_ref())?;
            if let Some(shard) = cfg.shard {
                if stancemap::shard::finished(&cfg, &model_dir, &reader)? {
                    if !quiet {
                        eprintln!(
                            "stancemap: shard {shard} is finished already in {}: nothing to do",
                            out.display()
                        );
                    }
                    return Ok(());
                }
            }
            let t = std::time::Instant::now();
            let m = StanceModel::load(&model_dir, &device, quiet)?;
            let load_s = t.elapsed().as_secs_f64();
            if cfg.shard.is_some() {
                let s = stancemap::shard::run(&cfg, &m, reader)?;
                if !quiet {
                    eprintln!(
                        "stancemap: shard {} of {} articles, {} sentences, {} claims ({} inputs skipped) in {}; total {:.2}s",
                        s.shard,
                        s.articles,
                        s.sentences,
                        s.claims,
                        s.skipped,
                        out.display(),
                        started.elapsed().as_secs_f64()
                    );
                }
                return Ok(());
            }
            let (a, files) = stancemap::analyze::run_with(&cfg, &m, reader)?;
            report_done(&a, &files, Some(load_s), started, quiet);
        }
        Cmd::Merge {
            dirs,
            out,
            no_align,
        } => {
            let started = std::time::Instant::now();
            let (a, files) = stancemap::shard::merge(&dirs, &out, no_align, quiet)?;
            report_done(&a, &files, None, started, quiet);
        }
        Cmd::Train {
            data,
            out,
            encoder,
            target,
            l2,
            epochs,
            run,
        } => {
            let device = run.setup()?;
            let encoders = if encoder.is_empty() {
                stancemap::model::preset_encoders(&run.preset)?
                    .iter()
                    .map(|m| m.ensure(quiet))
                    .collect::<Result<Vec<_>>>()?
            } else {
                encoder
            };
            let cfg = stancemap::train::TrainConfig {
                data,
                encoders,
                out: out.clone(),
                preset: run.preset.clone(),
                target,
                params: {
                    let mut p = stancemap::model::stance_params(&run.preset);
                    if let Some(l2) = l2 {
                        p.l2 = l2;
                    }
                    if let Some(e) = epochs {
                        p.epochs = e;
                    }
                    p
                },
                claim_params: stancemap::model::claim_params(),
                progress: !quiet,
            };
            let card = stancemap::train::train_model(&cfg, &device)?;
            println!("{card}");
            if !quiet {
                eprintln!("stancemap: model written to {}", out.display());
            }
        }
        Cmd::Finetune {
            data,
            encoder,
            folds,
            epochs,
            lr,
            seed,
            out,
            record,
            make,
            rescore,
            target,
            run,
        } => {
            let device = run.setup()?;
            if let Some(dir) = make {
                stancemap::tune::make_branch(&dir, &device, quiet)?;
                if !quiet {
                    eprintln!(
                        "stancemap: the fine-tuned branch of {} is made",
                        dir.display()
                    );
                }
                return Ok(());
            }
            let encoder = match encoder {
                Some(e) => e,
                None => stancemap::model::preset_encoders("accurate")?[0].ensure(quiet)?,
            };
            let cfg = stancemap::tune::Experiment {
                data,
                encoder,
                folds,
                params: stancemap::tune::TuneParams {
                    epochs,
                    lr,
                    ..Default::default()
                },
                seeds: seed,
                frozen: stancemap::model::stance_params("accurate"),
                target,
                out,
                progress: !quiet,
            };
            let outcome = if rescore.is_empty() {
                stancemap::tune::experiment(&cfg, &device)?
            } else {
                stancemap::tune::rescore(&cfg, &rescore)?
            };
            println!("{}", outcome.text);
            if let Some(dir) = record {
                stancemap::tune::record(&dir, &cfg, &outcome)?;
                if !quiet {
                    eprintln!("stancemap: fine-tuned branch recorded in {}", dir.display());
                }
            }
        }
        Cmd::Eval {
            model,
            data,
            corpus,
            part,
            misses,
            seeds,
            record,
            run,
        } => {
            let device = run.setup()?;
            let m = StanceModel::load(&run.model_dir(model.as_ref())?, &device, quiet)?;
            let opts = EmbedOptions {
                batch_size: run.batch_size,
                sort_by_length: true,
                progress: !quiet,
            };
            // the command as recorded in the model card: the model directory
            // by name, not by this machine's path
            let command = record.then(|| {
                let args: Vec<String> = std::env::args()
                    .skip(1)
                    .filter(|a| a != "--quiet")
                    .map(|a| match a.find("models/") {
                        Some(p) => a[p..].to_string(),
                        None => a,
                    })
                    .collect();
                format!("stancemap {}", args.join(" "))
            });
            let req = stancemap::scoring::EvalRequest {
                corpus: &corpus,
                part: &part,
                seeds,
                misses,
                record: command,
            };
            print!("{}", stancemap::scoring::eval_corpora(&m, &req, &opts)?);
            if !data.is_empty() {
                print!("{}", stancemap::scoring::eval_sentences(&m, &data, &opts)?);
            }
        }
        Cmd::Bench {
            mb,
            batches,
            sentences_out,
            text_out,
            encoder,
            sentences_in,
            repeats,
            no_split,
            embeddings_out,
            reference,
            compare,
            run,
        } => {
            let device = run.setup()?;
            let cfg = stancemap::bench::BenchConfig {
                mb,
                batches,
                sentences_out,
                text_out,
                encoder,
                sentences_in,
                repeats,
                no_split,
                embeddings_out,
                reference,
                compare,
            };
            stancemap::bench::run(&cfg, &device, quiet, |line| println!("{line}"))?;
        }
        Cmd::Agree { a, b } => {
            let (ea, eb) = (stancemap::data::read(&a)?, stancemap::data::read(&b)?);
            let text = stancemap::data::agreement(&ea, &eb)
                .to_text(&a.display().to_string(), &b.display().to_string());
            print!("{text}");
        }
        Cmd::Classify {
            file,
            jsonl,
            model,
            run,
        } => {
            let device = run.setup()?;
            let sentences = stancemap::ingest::read_sentence_lines(file.as_deref(), jsonl)?;
            let m = StanceModel::load(&run.model_dir(model.as_ref())?, &device, quiet)?;
            let opts = EmbedOptions {
                batch_size: run.batch_size,
                sort_by_length: true,
                progress: !quiet,
            };
            let results = stancemap::analyze::classify_lines(&m, &sentences, &opts)?;
            stancemap::report::write_classified(std::io::stdout().lock(), &sentences, &results)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_valid() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
