//! Splitting throughput (MB/s) on the seed articles repeated to >= 10 MB.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut one = String::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for f in files {
        one.push_str(&std::fs::read_to_string(f).unwrap());
        one.push_str("\n\n");
    }
    let mut text = String::new();
    while text.len() < 10_000_000 {
        text.push_str(&one);
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let mut g = c.benchmark_group("split");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("seeds_x_10MB", |b| {
        b.iter(|| black_box(stancemap::split::split(black_box(&text))).len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
