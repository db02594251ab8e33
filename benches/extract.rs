//! Extraction throughput: the five seed articles repeated to about 10 MB, extracted one
//! article at a time on one core. Criterion reports the rate in MB/s.
//!
//! The machine this runs on is often shared, so besides wall time the benchmark measures the
//! CPU time of its own thread (Linux `/proc/thread-self/schedstat`): that figure does not fall
//! when other processes take the cores. Run: `cargo bench --bench extract`.
//!
//! Real news: `LEDE_BENCH_TEXTS=DIR` adds the rate on the `.txt` articles of DIR (for
//! instance PolNeAR's dev texts), read and parsed before timing.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
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

/// CPU time of the current thread in nanoseconds (0 where the kernel does not say).
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// Criterion measurement: CPU time of the benchmark thread.
struct CpuTime;

struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, _typical: f64, values: &mut [f64]) -> &'static str {
        for v in values {
            *v /= 1e6;
        }
        "ms (CPU)"
    }

    fn scale_throughputs(
        &self,
        _typical: f64,
        throughput: &Throughput,
        values: &mut [f64],
    ) -> &'static str {
        let bytes = match *throughput {
            Throughput::Bytes(b) | Throughput::BytesDecimal(b) => b as f64,
            Throughput::Elements(e) => e as f64,
            Throughput::Bits(b) => b as f64 / 8.0,
        };
        for v in values {
            *v = bytes / (*v / 1e9) / 1e6;
        }
        "MB/s (CPU)"
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;

    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, start: u64) -> u64 {
        thread_cpu_ns().saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

fn run<M: Measurement>(c: &mut Criterion<M>, name: &str) {
    let articles = corpus();
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    bench_extract(&mut group, &articles);
    group.bench_function("quotes", |b| {
        b.iter(|| {
            for article in &articles {
                black_box(quotes(black_box(article)));
            }
        })
    });
    group.bench_function("figures", |b| {
        b.iter(|| {
            for article in &articles {
                black_box(figures(black_box(article)));
            }
        })
    });
    group.finish();
}

/// Quotes and figures of every article, one after another: the rate the issue counts.
fn bench_extract<M: Measurement>(group: &mut BenchmarkGroup<'_, M>, articles: &[Article]) {
    group.bench_function("quotes and figures", |b| {
        b.iter(|| {
            for article in articles {
                black_box(extract(black_box(article)));
            }
        })
    });
}

/// Paragraphs built to hurt: 10,000 quotation marks, 1 MB without punctuation, 5,000
/// pronouns in a row. Extraction must stay linear on each.
fn hostile_inputs() -> Vec<(&'static str, Article)> {
    let article = |text: String| parse_article(PathBuf::from("hostile"), &text, Vec::new());
    let marks = format!("Head\n\n{}\n", "“word” he said ".repeat(5_000));
    let straight = format!("Head\n\n{}\n", "\"".repeat(10_000));
    let words = [
        "the", "minister", "said", "one", "two", "he", "Smith", "of", "in", "five", "years", "ago",
        "a", "week", "Jane", "Doe", "told", "million", "dollars", "top", "half",
    ];
    let mut flat = String::from("Head\n\n");
    let mut k = 0usize;
    while flat.len() < 1_000_000 {
        k = k.wrapping_mul(2_654_435_761).wrapping_add(12_345);
        flat.push_str(words[(k >> 7) % words.len()]);
        flat.push(' ');
    }
    let pronouns = format!(
        "Head\n\nJane Doe spoke. {} “Yes,” she said.\n",
        "he said she ".repeat(1_700)
    );
    vec![
        ("10,000 curly marks", article(marks)),
        ("10,000 straight marks", article(straight)),
        ("1 MB without punctuation", article(flat)),
        ("5,000 pronouns", article(pronouns)),
    ]
}

fn hostile(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile input (wall time)");
    group.sample_size(10);
    for (name, article) in hostile_inputs() {
        group.bench_function(name, |b| b.iter(|| black_box(extract(black_box(&article)))));
    }
    group.finish();
}

/// The `.txt` articles of the folder named by `LEDE_BENCH_TEXTS`, parsed; empty without it.
fn real_news() -> Vec<Article> {
    let Some(dir) = std::env::var_os("LEDE_BENCH_TEXTS") else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some(parse_article(p, &text, Vec::new()))
        })
        .collect()
}

fn real_news_cpu(c: &mut Criterion<CpuTime>) {
    let articles = real_news();
    if articles.is_empty() {
        return;
    }
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    let mut group = c.benchmark_group("extract real news (CPU time)");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    bench_extract(&mut group, &articles);
    group.finish();
}

fn wall_time(c: &mut Criterion) {
    run(c, "extract seeds x10MB (wall time)");
}

fn cpu_time(c: &mut Criterion<CpuTime>) {
    run(c, "extract seeds x10MB (CPU time)");
}

criterion_group!(wall, wall_time, hostile);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(CpuTime);
    targets = cpu_time, real_news_cpu
}
criterion_main!(wall, cpu);
