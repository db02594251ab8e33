//! Import time against the size of the file (issue 16: it grew with the square of the
//! file). Reading, placing and merging N W3C annotations of the bundled seeds (passages of
//! 4 to 12 words, duplicates and tags as a heavy user's export has them) into an empty
//! list, for N = 2,000, 8,000 and 32,000: linear import takes about 4× as long for 4× the
//! annotations. Run: `cargo bench --bench import`. The whole command on 300,000
//! annotations is measured as the report of issue 16 says.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use lede::corpus::Corpus;
use lede::export::import::{self, ImportCorpus};
use lede::store::Highlight;

/// A W3C annotation collection of `n` passages of the seeds (deterministic).
fn annotations(n: usize) -> Vec<u8> {
    let seeds = Corpus::seeds();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound.max(1) as u64) as usize
    };
    let items: Vec<serde_json::Value> = (0..n)
        .map(|k| {
            let article = &seeds.articles[next(seeds.articles.len())];
            let paragraph = &article.body[article.paragraphs[next(article.paragraphs.len())]
                .range
                .clone()];
            let words: Vec<&str> = paragraph.split_whitespace().collect();
            let len = 4 + next(9);
            let start = next(words.len().saturating_sub(len).max(1));
            let exact = words[start..(start + len).min(words.len())].join(" ");
            let mut a = serde_json::json!({"type": "Annotation", "target": {
                "source": article.path.to_string_lossy(),
                "selector": {"type": "TextQuoteSelector", "exact": exact}}});
            if k % 5 == 0 {
                a["body"] = serde_json::json!({"type": "TextualBody", "purpose": "tagging",
                                               "value": format!("t{}", k % 40)});
            }
            a
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({"type": "AnnotationCollection",
        "first": {"type": "AnnotationPage", "items": items}}))
    .expect("JSON")
}

fn import_sizes(c: &mut Criterion) {
    let corpus = ImportCorpus::new(Vec::new());
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    for n in [2_000, 8_000, 32_000] {
        let bytes = annotations(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &bytes, |b, bytes| {
            b.iter(|| {
                let parsed = import::parse(bytes).expect("parses");
                let (incoming, _) = import::place(&parsed.candidates, &corpus);
                let mut highlights: Vec<Highlight> = Vec::new();
                black_box(import::merge(&mut highlights, incoming))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, import_sizes);
criterion_main!(benches);
