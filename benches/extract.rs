//! Speed of article extraction (parse + extract, as `listen::extract::extract` runs it).
//!
//!     cargo bench --bench extract
//!
//! Benchmarks the sample articles in `articles/`. The figures the project reports come from
//! the benchmark corpus, through the eval (`cargo run --release --example extract_eval --
//! --dataset PATH`, see the README's "Article extraction"); with
//! `LISTEN_EXTRACTION_BENCHMARK=PATH` this bench also times a pass over its pages.

use std::hint::black_box;
use std::io::Read;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use listen::extract::{self, Format, Input};

fn sample(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("articles")
        .join(name);
    match std::fs::read(&path) {
        Ok(bytes) => listen::source::decode::decode(&bytes, None, true),
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

fn benchmark_pages() -> Vec<String> {
    let Some(dir) = std::env::var_os("LISTEN_EXTRACTION_BENCHMARK") else {
        return Vec::new();
    };
    let html = Path::new(&dir).join("html");
    let Ok(entries) = std::fs::read_dir(&html) else {
        eprintln!("extract bench: cannot read {}", html.display());
        return Vec::new();
    };
    let mut pages = Vec::new();
    for entry in entries.flatten() {
        let Ok(file) = std::fs::File::open(entry.path()) else {
            continue;
        };
        let mut bytes = Vec::new();
        if flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .is_ok()
        {
            pages.push(listen::source::decode::decode(&bytes, None, true));
        }
    }
    pages
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("extract");
    for name in [
        "kenya-reinforcements-haiti.html",
        "canicule-vigilance-orange.html",
    ] {
        let text = sample(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| extract::extract(black_box(&Input::new(&text, Format::Html))))
        });
    }
    let pages = benchmark_pages();
    if !pages.is_empty() {
        let bytes: usize = pages.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(10);
        group.bench_function("benchmark corpus (all pages)", |b| {
            b.iter(|| {
                for p in &pages {
                    black_box(extract::extract(&Input::new(p, Format::Html)));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
