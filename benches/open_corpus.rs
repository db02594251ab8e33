//! Opening a large corpus in the reader, twice: the first open (an empty cache) and a
//! reopen (the cache the first open left). The real binary runs in a pseudo-terminal and
//! is timed from start to the first frame, to the first article listed, to fully loaded,
//! to indexed for search, to extraction done, and to idle (no CPU used for a while: all
//! background work finished); a search is typed once the index is ready. Reported per
//! open: those times, the CPU seconds the process used, and its peak memory over the
//! whole run (VmHWM, read once the process is idle, before it quits).
//!
//! Run with `benches/open_corpus.sh` (generates 50,000 articles first), or
//! `LEDE_BENCH_CORPUS=DIR cargo bench --bench open_corpus`.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(600);
/// The process is idle once its CPU time has not grown for this long.
const IDLE_FOR: Duration = Duration::from_millis(600);

fn main() {
    let Some(corpus) = std::env::var_os("LEDE_BENCH_CORPUS") else {
        eprintln!("open_corpus: set LEDE_BENCH_CORPUS=DIR (see benches/open_corpus.sh); skipped");
        return;
    };
    let corpus = Path::new(&corpus);
    let bytes: u64 = walk_size(corpus);
    let data = tempfile::tempdir().expect("temp dir");
    let cache = tempfile::tempdir().expect("temp dir");
    let mb = bytes as f64 / 1e6;
    println!("corpus: {} ({mb:.0} MB of files)", corpus.display());
    let first = open(corpus, data.path(), cache.path());
    let again = open(corpus, data.path(), cache.path());
    print_table(&[("first open", &first), ("reopen", &again)], bytes);
}

/// What one open measured (times from the start of the process).
struct Open {
    first_frame: Duration,
    first_listed: Duration,
    loaded: Duration,
    indexed: Duration,
    searched: Option<Duration>,
    extracted: Duration,
    idle: Duration,
    cpu_seconds: f64,
    peak_kib: u64,
    anon_kib: u64,
    file_kib: u64,
}

fn open(corpus: &Path, data: &Path, cache: &Path) -> Open {
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
    command.arg(data);
    command.arg(corpus);
    command.env("TERM", "xterm-256color");
    command.env("LEDE_CACHE_DIR", cache);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let mut writer = pty.master.take_writer().expect("writer");
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(command).expect("start lede");
    let pid = child.process_id().expect("process id");
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
    let wait_for = |what: &str, limit: Duration, done: &dyn Fn(&str) -> bool| {
        while start.elapsed() < limit {
            if done(&contents()) {
                return Some(start.elapsed());
            }
            thread::sleep(Duration::from_millis(2));
        }
        eprintln!("open_corpus: gave up waiting for {what}");
        None
    };
    let wait = |what: &str, done: &dyn Fn(&str) -> bool| {
        wait_for(what, TIMEOUT, done).unwrap_or_else(|| panic!("timed out waiting for {what}"))
    };
    let first_frame = wait("the first frame", &|s| s.contains("Articles"));
    // The selected row's mark: the list has an article. (Waiting for the loading status's
    // "N articles" too missed a load that ended between two frames, and waited for ever.)
    let first_listed = wait("the first article", &|s| s.contains("▸"));
    let loaded = wait("loading to finish", &|s| {
        !s.contains("loading ") && !s.contains("listing files")
    });
    let indexed = wait("the search index", &|s| !s.contains("indexing for search"));
    // Search once, to see the index answer (while extraction may still run).
    let typed = start.elapsed();
    let _ = writer.write_all(b"/stoltenberg");
    let _ = writer.flush();
    let searched = wait_for("search results", typed + Duration::from_secs(60), &|s| {
        s.contains("matches")
    })
    .map(|at| at - typed);
    let extracted = wait("extraction", &|s| !s.contains("finding quotes"));
    let idle = wait_idle(pid, start);
    let status = read_status(pid);
    let cpu_seconds = cpu_seconds(pid);
    // Esc closes the search prompt, q quits (saving the reading place).
    let _ = writer.write_all(b"\x1b");
    let _ = writer.flush();
    thread::sleep(Duration::from_millis(100));
    let _ = writer.write_all(b"q");
    let _ = writer.flush();
    let quit_by = Instant::now() + Duration::from_secs(10);
    while Instant::now() < quit_by {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        thread::sleep(Duration::from_millis(20));
    }
    if let Ok(None) = child.try_wait() {
        let _ = child.kill();
    }
    let _ = child.wait();
    Open {
        first_frame,
        first_listed,
        loaded,
        indexed,
        searched,
        extracted,
        idle,
        cpu_seconds,
        peak_kib: status.peak,
        anon_kib: status.anon,
        file_kib: status.file,
    }
}

/// Waits until the process's CPU time stops growing; returns when it last grew.
fn wait_idle(pid: u32, start: Instant) -> Duration {
    let mut last = cpu_seconds(pid);
    let mut last_change = start.elapsed();
    while start.elapsed() < TIMEOUT {
        thread::sleep(Duration::from_millis(50));
        let now = cpu_seconds(pid);
        if now != last {
            last = now;
            last_change = start.elapsed();
        } else if start.elapsed() - last_change >= IDLE_FOR {
            return last_change;
        }
    }
    panic!("timed out waiting for the reader to be idle");
}

/// A row of the table: its label and how to show one open's value.
type Row<'a> = (&'a str, &'a dyn Fn(&Open) -> String);

fn print_table(opens: &[(&str, &Open)], corpus_bytes: u64) {
    let ms = |d: Duration| format!("{:.0} ms", d.as_secs_f64() * 1e3);
    let rows: [Row; 12] = [
        ("first frame", &|o| ms(o.first_frame)),
        ("first article listed", &|o| ms(o.first_listed)),
        ("fully loaded", &|o| ms(o.loaded)),
        ("indexed for search", &|o| ms(o.indexed)),
        ("search answered after", &|o| {
            o.searched.map_or("no answer".to_string(), ms)
        }),
        ("extraction done", &|o| ms(o.extracted)),
        ("idle (all work done)", &|o| ms(o.idle)),
        ("CPU time", &|o| format!("{:.2} s", o.cpu_seconds)),
        ("peak memory (VmHWM)", &|o| {
            format!(
                "{:.0} MB {:.2}x",
                o.peak_kib as f64 / 1024.0,
                o.peak_kib as f64 * 1024.0 / corpus_bytes.max(1) as f64
            )
        }),
        ("memory when idle", &|o| {
            format!("{:.0} MB", (o.anon_kib + o.file_kib) as f64 / 1024.0)
        }),
        ("  of it anonymous", &|o| {
            format!("{:.0} MB", o.anon_kib as f64 / 1024.0)
        }),
        ("  of it mapped files", &|o| {
            format!("{:.0} MB", o.file_kib as f64 / 1024.0)
        }),
    ];
    print!("{:<24}", "");
    for (name, _) in opens {
        print!("{name:>16}");
    }
    println!();
    for (label, value) in rows {
        print!("{label:<24}");
        for (_, open) in opens {
            print!("{:>16}", value(open));
        }
        println!();
    }
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

/// Memory figures from `/proc/PID/status`, in KiB.
#[derive(Default)]
struct Status {
    peak: u64,
    anon: u64,
    file: u64,
}

fn read_status(pid: u32) -> Status {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    Status {
        peak: field("VmHWM:"),
        anon: field("RssAnon:"),
        file: field("RssFile:"),
    }
}

/// User and system CPU time of the whole process (all threads), in seconds.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at the state, field 3.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15: indices 11 and 12 from field 3.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    (ticks(11) + ticks(12)) as f64 / per_second
}
