//! Extraction throughput: the five seed articles repeated to about 10 MB, extracted one
//! article at a time on one core. Criterion reports the rate in MB/s.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lede::corpus::{Article, Corpus, parse_article};
use lede::extract::{extract, figures, quotes};

const TARGET_BYTES: usize = 10 * 1024 * 1024;

/// The seed articles, repeated until their bodies add up to about 10 MB.
fn corpus() -> Vec<Article> {
    let seeds = Corpus::seeds().articles;
    let mut articles = Vec::new();
    let mut total = 0;
    'fill: loop {
        for seed in &seeds {
            if total >= TARGET_BYTES {
                break 'fill;
            }
            total += seed.body.len();
            articles.push(parse_article(
                PathBuf::from(format!("copy{}", articles.len())),
                &seed.body,
                Vec::new(),
            ));
        }
    }
    articles
}

fn extraction(c: &mut Criterion) {
    let articles = corpus();
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("seeds x10MB", |b| {
        b.iter(|| {
            for article in &articles {
                black_box(extract(black_box(article)));
            }
        })
    });
    group.bench_function("quotes only", |b| {
        b.iter(|| {
            for article in &articles {
                black_box(quotes(black_box(article)));
            }
        })
    });
    group.bench_function("figures only", |b| {
        b.iter(|| {
            for article in &articles {
                black_box(figures(black_box(article)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
