//! Opening a large corpus in the reader: the real binary in a pseudo-terminal, timed from
//! start to the first frame, to the first article on screen, to fully loaded, and to
//! indexed for search; with the process's peak memory.
//!
//! Run with `benches/open_corpus.sh` (generates 50,000 articles first), or
//! `LEDE_BENCH_CORPUS=DIR cargo bench --bench open_corpus`.

use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(600);

fn main() {
    let Some(corpus) = std::env::var_os("LEDE_BENCH_CORPUS") else {
        eprintln!("open_corpus: set LEDE_BENCH_CORPUS=DIR (see benches/open_corpus.sh); skipped");
        return;
    };
    let corpus = Path::new(&corpus);
    let bytes: u64 = walk_size(corpus);
    let data = tempfile::tempdir().expect("temp dir");

    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 140,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pseudo-terminal");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_lede"));
    command.arg("--data-dir");
    command.arg(data.path());
    command.arg(corpus);
    command.env("TERM", "xterm-256color");
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let mut writer = pty.master.take_writer().expect("writer");
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(command).expect("start lede");
    let pid = child.process_id();
    let screen = Arc::new(Mutex::new(vt100::Parser::new(40, 140, 0)));
    let feed = Arc::clone(&screen);
    thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut parser) = feed.lock() {
                parser.process(&buf[..n]);
            }
        }
    });
    let contents = || {
        screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    };
    let wait = |what: &str, done: &dyn Fn(&str) -> bool| -> Duration {
        while start.elapsed() < TIMEOUT {
            if done(&contents()) {
                return start.elapsed();
            }
            thread::sleep(Duration::from_millis(2));
        }
        panic!("timed out waiting for {what}");
    };
    let first_frame = wait("the first frame", &|s| s.contains("Articles"));
    let first_article = wait("the first article", &|s| {
        s.contains("▸") && s.contains("articles")
    });
    let loaded = wait("loading to finish", &|s| {
        !s.contains("loading ") && !s.contains("listing files")
    });
    let indexed = wait("the search index", &|s| !s.contains("indexing for search"));
    // Search once, to see the index answer.
    let _ = std::io::Write::write_all(&mut writer, b"/stoltenberg");
    let searched = wait("search results", &|s| s.contains("matches"));
    let peak = pid.and_then(peak_rss_kib).unwrap_or(0);
    let _ = child.kill();
    let _ = child.wait();

    let mb = bytes as f64 / 1e6;
    println!("corpus: {} ({mb:.0} MB of files)", corpus.display());
    println!(
        "first frame:            {:>8.0} ms",
        first_frame.as_secs_f64() * 1e3
    );
    println!(
        "first article listed:   {:>8.0} ms",
        first_article.as_secs_f64() * 1e3
    );
    println!(
        "fully loaded:           {:>8.0} ms",
        loaded.as_secs_f64() * 1e3
    );
    println!(
        "indexed for search:     {:>8.0} ms",
        indexed.as_secs_f64() * 1e3
    );
    println!(
        "first search answered:  {:>8.0} ms",
        searched.as_secs_f64() * 1e3
    );
    println!(
        "peak memory (VmHWM):    {:>8.0} MB  ({:.2}x the corpus)",
        peak as f64 / 1024.0,
        peak as f64 * 1024.0 / bytes.max(1) as f64
    );
}

fn walk_size(path: &Path) -> u64 {
    let Ok(meta) = std::fs::metadata(path) else {
        return 0;
    };
    if !meta.is_dir() {
        return meta.len();
    }
    std::fs::read_dir(path)
        .map(|entries| entries.flatten().map(|e| walk_size(&e.path())).sum())
        .unwrap_or(0)
}

fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
