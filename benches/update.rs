//! `lede update` on 200 feeds of 50 items each, served from 127.0.0.1–127.0.0.20 (ten
//! feeds a host), each answer after 20–200 ms: wall time and peak memory of a first update
//! into an empty library, then of a second one with every feed unchanged (conditional
//! requests: one round trip a feed). Fresh and repeat runs alternate, `ROUNDS` times.
//!
//! `cargo bench --bench update` (peak memory needs GNU time at /usr/bin/time).
//! `LEDE_BENCH_ROUNDS` sets the number of rounds (default 3).

#[path = "../tests/feeds_support/mod.rs"]
mod feeds_support;

use std::hash::{Hash, Hasher};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use feeds_support::{Route, TestServer};

const HOSTS: usize = 20;
const FEEDS_PER_HOST: usize = 10;
const ITEMS: usize = 50;

/// 20–200 ms, fixed per path (so rounds compare).
fn delay(path: &str) -> Duration {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    path.hash(&mut h);
    Duration::from_millis(20 + h.finish() % 181)
}

fn feed(host: usize, feed: usize) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>\
         <title>Feed {host}-{feed}</title><link>http://example.invalid/</link><description>d</description>"
    );
    for item in 0..ITEMS {
        let words: String = (0..5)
            .map(|p| {
                format!(
                    "&lt;p&gt;Paragraph {p} of story {item} in feed {host}-{feed}: the council met \
                     on Tuesday and {item} residents spoke about the harbour, the roads and the \
                     school budget for the coming year.&lt;/p&gt;"
                )
            })
            .collect();
        out.push_str(&format!(
            "<item><guid>h{host}f{feed}i{item}</guid><title>Story {item} of feed {host}-{feed}</title>\
             <link>/story/{feed}/{item}</link><pubDate>Fri, 01 Mar 2024 10:00:00 GMT</pubDate>\
             <description>{words}</description></item>"
        ));
    }
    out.push_str("</channel></rss>");
    out
}

/// Runs lede; (wall time, peak memory in KB when GNU time is there).
fn timed(data: &Path, args: &[&str]) -> (Duration, Option<u64>) {
    let lede = env!("CARGO_BIN_EXE_lede");
    let gnu_time = Path::new("/usr/bin/time").exists();
    let mut command = if gnu_time {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "PEAK_KB %M", lede]);
        c
    } else {
        Command::new(lede)
    };
    command.arg("--data-dir").arg(data).args(args);
    let started = Instant::now();
    let out = command.output().expect("run lede");
    let wall = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if let Some(summary) = stderr.lines().find(|l| l.contains("new article")) {
        eprintln!("    {summary}");
    }
    let peak = stderr
        .lines()
        .find_map(|l| l.strip_prefix("PEAK_KB "))
        .and_then(|v| v.trim().parse().ok());
    (wall, peak)
}

fn main() {
    let rounds: usize = std::env::var("LEDE_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let servers: Vec<TestServer> = (1..=HOSTS)
        .map(|h| TestServer::start_with_delay(&format!("127.0.0.{h}"), delay))
        .collect();
    let mut opml = String::from("<opml version=\"2.0\"><body>");
    for (h, server) in servers.iter().enumerate() {
        for f in 0..FEEDS_PER_HOST {
            let url = server.route(
                &format!("/feed/{f}.xml"),
                Route::rss(feed(h, f)).with_header("ETag", &format!("\"h{h}f{f}\"")),
            );
            opml.push_str(&format!("<outline text=\"\" xmlUrl=\"{url}\"/>"));
        }
    }
    opml.push_str("</body></opml>");
    let requests = || -> usize { servers.iter().map(|s| s.log.lock().unwrap().len()).sum() };

    println!(
        "lede update: {} feeds x {ITEMS} items on {HOSTS} loopback hosts, 20-200 ms per answer",
        HOSTS * FEEDS_PER_HOST
    );
    for round in 1..=rounds {
        let data = tempfile::tempdir().unwrap();
        let opml_file = data.path().join("feeds.opml");
        std::fs::write(&opml_file, &opml).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_lede"))
            .arg("--data-dir")
            .arg(data.path())
            .args(["feed", "import", opml_file.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success());
        let before = requests();
        let (first, first_peak) = timed(data.path(), &["update"]);
        let first_requests = requests() - before;
        let saved = std::fs::read_dir(data.path().join("library")).map_or(0, |d| d.count());
        let before = requests();
        let (second, second_peak) = timed(data.path(), &["update"]);
        let second_requests = requests() - before;
        let kb =
            |p: Option<u64>| p.map_or("?".to_string(), |k| format!("{:.1} MB", k as f64 / 1024.0));
        println!(
            "round {round}: first  {:>6.2} s  peak {:>9}  {first_requests} requests  {saved} articles saved",
            first.as_secs_f64(),
            kb(first_peak)
        );
        println!(
            "round {round}: second {:>6.2} s  peak {:>9}  {second_requests} requests (unchanged)",
            second.as_secs_f64(),
            kb(second_peak)
        );
    }
}
