//! `analyze` end to end on the seeds (ingest, cleaning, splitting,
//! attribution, encoder and heads, aggregation, alignment; reports written
//! to a temporary directory), for both presets, model loading excluded.

use candle_core::Device;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use stancemap::analyze::{run, AnalyzeConfig};
use stancemap::model::{default_model_dir, StanceModel};

fn bench(c: &mut Criterion) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("analyze_seeds");
    g.sample_size(10);
    g.throughput(Throughput::Elements(5));
    for preset in ["fast", "accurate"] {
        let model = StanceModel::load(&default_model_dir(preset), &Device::Cpu, true).unwrap();
        let cfg = AnalyzeConfig {
            inputs: vec![root.join("seeds")],
            manifest: Some(root.join("seeds/manifest.csv")),
            out: out.path().to_path_buf(),
            batch_size: 32,
            align_threshold: stancemap::align::DEFAULT_THRESHOLD,
            no_align: false,
            chunk_articles: stancemap::analyze::DEFAULT_CHUNK_ARTICLES,
            resume: false,
            shard: None,
            quiet: true,
        };
        g.bench_function(preset, |b| b.iter(|| run(&cfg, &model).unwrap().1));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
