//! Typing a query one key at a time over a generated corpus: the latency of each
//! keystroke until the first screen of results (ranked, with match positions) is ready.
//!
//! The corpus comes from `LEDE_BENCH_CORPUS` (default `target/bench-corpus`); make it
//! with `cargo run --release --example gen_corpus -- --articles 20000 --out DIR` or run
//! `benches/search.sh`, which does everything.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use lede::corpus::Corpus;
use lede::search::{Cancel, Hit, Index, Session};

/// What a user might type, key by key.
const QUERY: &str = "stoltenberg nato";
/// Rows on a first screen of results.
const SCREEN: usize = 50;
/// Times the whole query is typed for the median/worst table.
const TYPING_RUNS: usize = 5;

fn corpus_dir() -> PathBuf {
    std::env::var_os("LEDE_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/bench-corpus"))
}

/// One keystroke: the first screen (ranked, with its match positions), and whether it
/// is complete (not a partial screen, "still ranking").
fn keystroke(session: &mut Session, typed: &str) -> (Vec<Hit>, bool) {
    let Some(results) = session.first_screen(typed, &Cancel::never()) else {
        return (Vec::new(), false);
    };
    let screen = results.top(SCREEN);
    for hit in &screen {
        std::hint::black_box(results.positions(hit));
    }
    (screen, results.is_complete())
}

/// After a partial first screen, the full search (all matches, for the count and for
/// the next key to refine); a newer key would cancel it. Returns the match count and
/// the full search's first screen.
fn complete(session: &mut Session, typed: &str) -> (usize, Vec<Hit>) {
    match session.search(typed, &Cancel::never()) {
        Some(results) => (results.len(), results.top(SCREEN)),
        None => (0, Vec::new()),
    }
}

fn prefixes() -> Vec<&'static str> {
    QUERY
        .char_indices()
        .map(|(i, c)| &QUERY[..i + c.len_utf8()])
        .collect()
}

/// CPU time used so far by this process, all threads (Linux; `None` elsewhere). The
/// machine may be shared: wall time per keystroke depends on others, CPU time less.
fn process_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // The kernel reports in USER_HZ, 100 on Linux.
    Some(Duration::from_millis(ticks * 10))
}

/// Types the query like a user (each key refining the last) and prints per-keystroke
/// median and worst over several runs.
fn typing_table(index: &Arc<Index>) {
    let keys = prefixes();
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); keys.len()];
    let mut full_times: Vec<Vec<Duration>> = vec![Vec::new(); keys.len()];
    let mut matches = vec![0; keys.len()];
    let mut screens_differing = 0;
    let mut partial_screens = 0;
    let mut wall = Duration::ZERO;
    let mut cpu = Some(Duration::ZERO);
    for _ in 0..TYPING_RUNS {
        let mut session = Session::new(Arc::clone(index));
        for (k, typed) in keys.iter().enumerate() {
            let cpu_before = process_cpu_time();
            let start = Instant::now();
            let (shown, shown_complete) = keystroke(&mut session, typed);
            let elapsed = start.elapsed();
            let cpu_used = cpu_before
                .zip(process_cpu_time())
                .map(|(a, b)| b.saturating_sub(a));
            cpu = cpu.zip(cpu_used).map(|(a, b)| a + b);
            wall += elapsed;
            times[k].push(elapsed);
            let start = Instant::now();
            let (count, full_screen) = complete(&mut session, typed);
            full_times[k].push(start.elapsed());
            matches[k] = count;
            // A partial screen may differ ("still ranking"); a complete one never may.
            if shown_complete {
                screens_differing += usize::from(shown != full_screen);
            } else {
                partial_screens += 1;
            }
        }
    }
    println!("\nper keystroke, {TYPING_RUNS} runs, first {SCREEN} rows ranked + positions:");
    let mut all = Vec::new();
    for (k, typed) in keys.iter().enumerate() {
        times[k].sort();
        full_times[k].sort();
        let median = times[k][times[k].len() / 2];
        let worst = times[k][times[k].len() - 1];
        let full_median = full_times[k][full_times[k].len() / 2];
        all.extend(times[k].iter().copied());
        println!(
            "  {typed:<20} {:>8} matches  first screen: median {:>7.2} ms, worst {:>7.2} ms;  \
             full search after it: median {:>7.2} ms",
            matches[k],
            median.as_secs_f64() * 1e3,
            worst.as_secs_f64() * 1e3,
            full_median.as_secs_f64() * 1e3
        );
    }
    all.sort();
    println!(
        "  all keystrokes: median {:.2} ms, worst {:.2} ms\n",
        all[all.len() / 2].as_secs_f64() * 1e3,
        all[all.len() - 1].as_secs_f64() * 1e3
    );
    if let Some(cpu) = cpu {
        let per_key = all.len() as f64;
        println!(
            "  first screen, mean per keystroke: wall {:.2} ms, CPU (all threads, 10 ms ticks) {:.2} ms",
            wall.as_secs_f64() * 1e3 / per_key,
            cpu.as_secs_f64() * 1e3 / per_key
        );
    }
    println!(
        "  complete first screens differing from the full search's first screen: \
         {screens_differing} of {}; partial first screens (\"still ranking\"): {partial_screens}\n",
        all.len()
    );
}

fn bench(c: &mut Criterion) {
    let dir = corpus_dir();
    if !dir.is_dir() {
        eprintln!(
            "no corpus at {} (set LEDE_BENCH_CORPUS or run benches/search.sh)",
            dir.display()
        );
        return;
    }
    let start = Instant::now();
    let corpus = Corpus::load(&[dir]);
    let loaded = start.elapsed();
    let start = Instant::now();
    let index = Arc::new(Index::build(&corpus));
    println!(
        "{} articles, {} items: load {:.2} s, index {:.2} s, index heap {:.1} MB",
        corpus.articles.len(),
        index.len(),
        loaded.as_secs_f64(),
        start.elapsed().as_secs_f64(),
        index.heap_bytes() as f64 / 1e6
    );

    typing_table(&index);

    let mut group = c.benchmark_group("keystroke");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(2));
    group.warm_up_time(Duration::from_millis(500));
    let keys = prefixes();
    for (k, typed) in keys.iter().enumerate() {
        let previous = k.checked_sub(1).map(|p| keys[p]);
        group.bench_function(format!("{k:02} {typed}"), |b| {
            b.iter_batched(
                || {
                    // The state the prompt is in just before this key: the previous
                    // query's full results (not timed).
                    let mut session = Session::new(Arc::clone(&index));
                    if let Some(previous) = previous {
                        session.search(previous, &Cancel::never());
                    }
                    session
                },
                |mut session| keystroke(&mut session, typed).0,
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
