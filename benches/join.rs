//! What it costs the reader to take in articles an update (`r`) saves while the extraction
//! and search workers hold the corpus: the corpus is copied (`Arc::make_mut`), the new
//! articles added. The reader spaces these joins out by ten times their duration (at least
//! 400 ms), so this bounds how often a large library's list changes during an update.
//!
//! Run: `cargo bench --bench join`

use std::path::PathBuf;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use lede::corpus::{Corpus, FileLoad, SeenTexts, parse_article};

/// A news-sized article (about 600 words in 12 paragraphs), different for each `n`.
fn article(n: usize) -> lede::corpus::Article {
    let mut text = format!("Story number {n} from the harbour\n\n");
    for p in 0..12 {
        for s in 0..5 {
            text.push_str(&format!(
                "Sentence {s} of paragraph {p} in story {n} says the council met on Tuesday and voted. "
            ));
        }
        text.push_str("\n\n");
    }
    parse_article(PathBuf::from(format!("library/{n}.md")), &text, Vec::new())
}

fn corpus(size: usize) -> (Corpus, SeenTexts) {
    let mut corpus = Corpus::default();
    let mut seen = SeenTexts::new();
    for n in 0..size {
        corpus.add(
            FileLoad {
                articles: vec![article(n)],
                problems: Vec::new(),
            },
            &mut seen,
        );
    }
    (corpus, seen)
}

fn join(c: &mut Criterion) {
    let mut group = c.benchmark_group("join one article into a shared corpus");
    group.sample_size(10);
    for size in [1_000, 10_000] {
        let (corpus, seen) = corpus(size);
        let shared = Arc::new(corpus);
        group.bench_with_input(BenchmarkId::from_parameter(size), &size, |b, _| {
            b.iter_batched(
                || (Arc::clone(&shared), seen.clone(), article(size + 1)),
                |(mut mine, mut seen, new)| {
                    // `shared` stands for the workers' copy: this one is copied.
                    let corpus = Arc::make_mut(&mut mine);
                    corpus.add(
                        FileLoad {
                            articles: vec![new],
                            problems: Vec::new(),
                        },
                        &mut seen,
                    );
                    mine
                },
                criterion::BatchSize::PerIteration,
            );
        });
    }
    group.finish();
}

criterion_group!(benches, join);
criterion_main!(benches);
