//! Save latency of one highlight change with 10,000 highlights in the store (target: at
//! most 20 ms per change, fsyncs included). Run: `cargo bench --bench store`.
//!
//! The store lives under `target/` (a real disk, not a tmpfs), so the fsyncs count.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use lede::corpus::Corpus;
use lede::store::{Highlight, Store};

const HIGHLIGHTS: usize = 10_000;

/// A store with `HIGHLIGHTS` highlights of the seed sentences, tagged and noted like a
/// heavy user's.
fn filled_store(dir: &std::path::Path) -> (Store, Vec<String>) {
    let (mut store, _) = Store::open(dir).expect("open store");
    let corpus = Corpus::seeds();
    let sentences: Vec<_> = corpus
        .articles
        .iter()
        .flat_map(|a| a.sentences.iter().map(move |s| (a, s.range.clone())))
        .collect();
    let highlights: Vec<Highlight> = (0..HIGHLIGHTS)
        .map(|n| {
            let (article, range) = &sentences[n % sentences.len()];
            Highlight::new(article, range.clone())
                .expect("highlight")
                .with_tags(&[format!("topic{}", n % 40), "idlib".to_string()])
                .expect("tags")
                .with_note((n % 3 == 0).then(|| format!("note number {n}, a line of text")))
        })
        .collect();
    let ids = highlights.iter().map(|h| h.id.clone()).collect();
    store
        .update(|doc| doc.highlights.extend(highlights.into_iter().map(Arc::new)))
        .expect("fill store");
    (store, ids)
}

fn save_latency(c: &mut Criterion) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temporary folder");
    let (mut store, ids) = filled_store(dir.path());
    let size = std::fs::metadata(store.path())
        .map(|m| m.len())
        .unwrap_or(0);
    eprintln!("store.json with {HIGHLIGHTS} highlights: {size} bytes");

    let mut group = c.benchmark_group("store_10k");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(10));

    let mut n = 0u64;
    group.bench_function("set_tags (one change, persisted)", |b| {
        b.iter(|| {
            n += 1;
            let tag = format!("t{}", n % 2);
            store.set_tags(&ids[500], &[tag.as_str()]).expect("saved");
        })
    });

    // Another process changed the file since our last write: the change must re-read
    // and parse it first.
    let (mut other, _) = Store::open(dir.path()).expect("second handle");
    group.bench_function("set_note after another process wrote", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for i in 0..iters {
                other
                    .set_colour(&ids[7], Some(1 + (i % 5) as u8))
                    .expect("other saved");
                let started = Instant::now();
                store
                    .set_note(&ids[9], Some(format!("note {i}")))
                    .expect("saved");
                spent += started.elapsed();
            }
            spent
        })
    });

    // What a change cost before the journal, and what compaction costs now and then.
    group.bench_function("full rewrite of store.json (compaction)", |b| {
        b.iter(|| store.compact().expect("compacted"))
    });

    // Opening: parse store.json and replay a journal of 2,000 changes.
    store.compact().expect("compacted");
    for i in 0..2_000 {
        let tag = format!("open{}", i % 7);
        store.set_tags(&ids[i * 5], &[tag.as_str()]).expect("saved");
    }
    let journal = std::fs::metadata(dir.path().join("store.journal")).map_or(0, |m| m.len());
    eprintln!("journal of 2,000 changes: {journal} bytes");
    group.bench_function("open (store.json + 2,000 journal lines)", |b| {
        b.iter(|| Store::open(dir.path()).expect("open"))
    });

    let doc = store.document().clone();
    group.bench_function("encode compact JSON", |b| {
        b.iter(|| serde_json::to_vec(black_box(&doc)).expect("encode"))
    });
    group.bench_function("encode pretty JSON", |b| {
        b.iter(|| serde_json::to_vec_pretty(black_box(&doc)).expect("encode"))
    });
    group.finish();
}

criterion_group!(benches, save_latency);
criterion_main!(benches);
