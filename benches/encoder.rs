//! Encoder throughput (sentences/s) at batch sizes 1, 8, 32 and 64 on the
//! seed sentences (realistic lengths), with dynamic padding and length
//! sorting, plus batch 32 without sorting for comparison.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use stancemap::encoder::{embed, BertEncoder, EmbedOptions};

fn sentences() -> Vec<String> {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let corpus = stancemap::ingest::load(&[seeds], None).unwrap();
    stancemap::document::sentence_texts(corpus.articles)
}

fn bench(c: &mut Criterion) {
    let dir = stancemap::models::MINILM.ensure(false).unwrap();
    let enc = BertEncoder::load(&dir, &candle_core::Device::Cpu).unwrap();
    let sents = sentences();
    let texts: Vec<&str> = sents.iter().map(|s| s.as_str()).collect();
    let mut g = c.benchmark_group("encoder_minilm");
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.sample_size(10);
    for bs in [1usize, 8, 32, 64] {
        let opts = EmbedOptions {
            batch_size: bs,
            sort_by_length: true,
            progress: false,
        };
        g.bench_function(format!("batch_{bs}_sorted"), |b| {
            b.iter(|| embed(&enc, &texts, &opts).unwrap())
        });
    }
    let opts = EmbedOptions {
        batch_size: 32,
        sort_by_length: false,
        progress: false,
    };
    g.bench_function("batch_32_unsorted", |b| {
        b.iter(|| embed(&enc, &texts, &opts).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
