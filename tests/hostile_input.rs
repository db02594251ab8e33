//! Bad, odd and hostile input: lede reads what it can, lists what it cannot and why, never
//! panics, never hangs, and never lets a file put a control character or escape sequence
//! into anything it shows (so no article can retitle the terminal, write the clipboard
//! or change colours).
//!
//! Small files are checked in under `tests/fixtures/hostile/`; big and odd ones are made
//! here in a temporary folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lede::corpus::{Article, Corpus, LoadProblem, list_files, load_path};

/// The cache folder for every lede these tests run (never the user's).
const CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/lede-cache");

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// A character that could do something on a terminal, or make text display other than
/// it reads.
fn is_dangerous(c: char) -> bool {
    (c.is_control() && c != '\n')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Every string of an article a screen could show, with the field's name.
fn shown_fields(a: &Article) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("title", a.title.clone()),
        ("path", a.path.display().to_string()),
        ("label", a.origin.label()),
    ];
    fields.extend(a.source.iter().map(|s| ("source", s.clone())));
    fields.extend(a.byline.iter().map(|s| ("byline", s.clone())));
    fields.extend(a.language.iter().map(|s| ("language", s.clone())));
    fields.extend(a.origin.url.iter().map(|s| ("url", s.clone())));
    fields.extend(a.tags.iter().map(|s| ("tag", s.clone())));
    fields.extend(a.warnings.iter().map(|s| ("warning", s.clone())));
    fields.extend(a.origin.duplicates.iter().map(|s| ("duplicate", s.clone())));
    fields
}

fn assert_safe(corpus: &Corpus) {
    for a in &corpus.articles {
        if let Some(c) = a.body.chars().find(|&c| is_dangerous(c)) {
            panic!("{}: body holds {c:?}", a.path.display());
        }
        for (name, value) in shown_fields(a) {
            let bad = value.chars().find(|&c| is_dangerous(c) || c == '\n');
            assert!(
                bad.is_none(),
                "{}: {name} holds {bad:?}: {value:?}",
                a.path.display()
            );
        }
        for p in &a.paragraphs {
            assert!(
                a.body.get(p.range.clone()).is_some(),
                "paragraph off the text"
            );
        }
        for s in &a.sentences {
            assert!(
                a.body.get(s.range.clone()).is_some(),
                "sentence off the text"
            );
        }
    }
    for p in &corpus.problems {
        assert!(!p.reason.chars().any(is_dangerous), "{p:?}");
    }
}

/// A temporary folder, in memory where the system offers it: making 100,000 files or
/// tens of megabytes on a busy disk can take minutes, and it is loading that is tested.
fn temp_dir() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().unwrap()
}

fn reason_for<'a>(problems: &'a [LoadProblem], name: &str) -> Option<&'a str> {
    problems
        .iter()
        .find(|p| p.path.file_name().is_some_and(|n| n == name))
        .map(|p| p.reason.as_str())
}

#[test]
fn the_checked_in_bad_files_load_safely_and_the_unreadable_ones_say_why() {
    let corpus = Corpus::load(&[fixture_dir()]);
    assert_safe(&corpus);
    let problems = &corpus.problems;
    assert_eq!(reason_for(problems, "empty.md"), Some("empty file"));
    assert_eq!(
        reason_for(problems, "nul.txt"),
        Some("binary file, not text")
    );
    assert_eq!(
        reason_for(problems, "random.txt"),
        Some("binary file, not text")
    );

    let by_name = |name: &str| {
        corpus
            .articles
            .iter()
            .find(|a| a.origin.file.file_name().is_some_and(|n| n == name))
            .unwrap_or_else(|| panic!("{name} did not load"))
    };
    let ansi = by_name("ansi.txt");
    assert_eq!(ansi.paragraph_text(1), "A second paragraph  ends.");
    assert!(ansi.body.contains("text with a hyperlink and"));

    let entities = by_name("entities.html");
    assert_eq!(entities.title, "Headline red here");
    assert_eq!(entities.source.as_deref(), Some("Bad Site"));
    assert!(
        entities
            .body
            .contains("an OSC  title change, an escape  clear, a bell  and")
    );

    let jsonl = by_name("escapes.jsonl");
    assert_eq!(jsonl.title, "Title");
    assert_eq!(jsonl.source.as_deref(), Some("Src"));
    assert_eq!(jsonl.byline, ["AB"]);
    assert_eq!(jsonl.tags, ["x"]);
    assert_eq!(jsonl.origin.url.as_deref(), Some("https://e.x/"));

    let front = by_name("frontmatter.md");
    assert_eq!(front.source.as_deref(), Some("Red Source"));

    // Too few bytes to tell Windows-1252 from 1250: either reads the quotes right, and
    // the warning names the encoding guessed.
    let invalid = by_name("invalid-utf8.txt");
    assert!(invalid.warnings[0].starts_with("not valid UTF-8: decoded as windows-125"));
    assert!(invalid.body.contains("“smart quotes”"));
    assert!(by_name("unclosed.html").body.contains("everywhere"));
}

#[test]
fn every_control_character_in_every_field_of_every_format_is_neutralised() {
    let dir = temp_dir();
    let controls: Vec<char> = (0u32..0x20)
        .chain(0x7F..0xA0)
        .chain([0x202E, 0x2066])
        .filter_map(char::from_u32)
        .collect();
    let mut jsonl = String::new();
    for &c in &controls {
        let n = c as u32;
        let v = format!("a{c}\u{1b}]0;t\u{7}b");
        let record = serde_json::json!({
            "title": v, "text": format!("Text {n} {v} here."), "source": v, "author": v,
            "tags": [v], "url": v,
        });
        jsonl.push_str(&record.to_string());
        jsonl.push('\n');
        let entity = format!("{n} &#{n};&#x1b;]0;t&#7;");
        fs::write(
            dir.path().join(format!("{n}.html")),
            format!(
                "<html><head><title>T{entity}</title><meta name=author content='A{entity}'>\
                 <meta property=og:site_name content='S{entity}'></head><body><article>\
                 <h1>H{entity}</h1><p>Body text long enough to count as a paragraph {entity} here.</p>\
                 </article></body></html>"
            ),
        )
        .unwrap();
        let raw = c.to_string();
        fs::write(
            dir.path().join(format!("{n}.md")),
            format!("---\ntitle: T{raw}x\nsource: S{raw}\u{1b}[31mx\ntags: [a{raw}]\n---\n# H{raw}\n\nBody {n} {raw} text.\n"),
        )
        .unwrap();
    }
    fs::write(dir.path().join("all.jsonl"), jsonl).unwrap();
    let corpus = Corpus::load(&[dir.path().to_path_buf()]);
    assert_safe(&corpus);
    // A raw NUL makes a file binary; everything else loads.
    let problems: Vec<String> = corpus
        .problems
        .iter()
        .map(|p| {
            format!(
                "{}: {}",
                p.path.file_name().unwrap().to_string_lossy(),
                p.reason
            )
        })
        .collect();
    assert_eq!(problems, ["0.md: binary file, not text"]);
    assert_eq!(corpus.articles.len(), 3 * controls.len() - 1);
}

/// Runs `f` on another thread and fails if it takes longer than `limit` (a hang or a
/// quadratic blow-up), instead of letting the test suite stall.
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(limit) {
        Ok(value) => value,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => panic!("took longer than {limit:?}"),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("panicked (see above)"),
    }
}

#[test]
fn a_single_ten_megabyte_line_loads() {
    let dir = temp_dir();
    let mut line = String::with_capacity(10 << 20);
    let mut n = 0;
    while line.len() < 10 << 20 {
        line.push_str(if n % 17 == 16 { "word. " } else { "word " });
        n += 1;
    }
    fs::write(dir.path().join("long.txt"), &line).unwrap();
    // HTML costs more per byte in unoptimised test builds; a quarter of it shows the same.
    fs::write(
        dir.path().join("long.html"),
        format!("<p>{}", &line[..line.len() / 4]),
    )
    .unwrap();
    // Pathological shapes need not be 10 MB to show a quadratic cost.
    let unbroken = "x".repeat(2 << 20);
    fs::write(dir.path().join("unbroken.txt"), &unbroken).unwrap();
    fs::write(
        dir.path().join("long.jsonl"),
        format!("{{\"title\":\"Long\",\"text\":\"{line}\"}}\n{{\"text\":\"Short.\"}}\n"),
    )
    .unwrap();
    fs::write(dir.path().join("brackets.md"), "[a](".repeat(1 << 19)).unwrap();
    let path = dir.path().to_path_buf();
    let corpus = within(Duration::from_secs(60), move || Corpus::load(&[path]));
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let names: Vec<String> = corpus.articles.iter().map(|a| a.file_name()).collect();
    assert_eq!(
        names,
        [
            "brackets.md",
            "long.html",
            "long.jsonl:1",
            "long.jsonl:2",
            "unbroken.txt"
        ]
    );
    assert_eq!(
        corpus.articles[2].origin.duplicates.len(),
        1,
        "long.txt holds the same text, listed once"
    );
    for a in &corpus.articles {
        assert!(a.title.chars().count() <= 300, "{}", a.title.len());
    }
    assert_safe(&corpus);
}

#[test]
fn deeply_nested_markup_does_not_overflow_the_stack() {
    let dir = temp_dir();
    let depth = 100_000;
    let text = "Deep inside the page there is, after all, a paragraph of real text.";
    fs::write(
        dir.path().join("divs.html"),
        format!(
            "{}<p>{text}</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        ),
    )
    .unwrap();
    fs::write(
        dir.path().join("unclosed.html"),
        format!("{}<p>{text}", "<div><b>".repeat(depth / 2)),
    )
    .unwrap();
    fs::write(
        dir.path().join("misnested.html"),
        format!(
            "{}<p>{text}{}",
            "<div>".repeat(depth),
            "</span>".repeat(depth)
        ),
    )
    .unwrap();
    fs::write(
        dir.path().join("json.jsonl"),
        format!(
            "{}\n{{\"text\":\"ok\",\"deep\":{}{}}}\n",
            "[".repeat(depth),
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    )
    .unwrap();
    fs::write(
        dir.path().join("ld.html"),
        format!(
            "<script type=application/ld+json>{}</script><p>{text}</p>",
            "{\"a\":".repeat(depth)
        ),
    )
    .unwrap();
    fs::write(
        dir.path().join("quotes.md"),
        format!("{} {text}", ">".repeat(depth)),
    )
    .unwrap();
    let mut nested_dir = dir.path().join("d");
    for _ in 0..200 {
        nested_dir.push("d");
    }
    fs::create_dir_all(&nested_dir).unwrap();
    fs::write(
        nested_dir.join("bottom.txt"),
        "At the bottom of many folders.",
    )
    .unwrap();

    let path = dir.path().to_path_buf();
    // A small stack, as a background loading thread may have.
    let corpus = within(Duration::from_secs(60), move || {
        std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(move || Corpus::load(&[path]))
            .unwrap()
            .join()
            .unwrap()
    });
    assert_safe(&corpus);
    let problems: Vec<String> = corpus
        .problems
        .iter()
        .map(|p| {
            format!(
                "{}: {}",
                p.path.file_name().unwrap().to_string_lossy(),
                p.reason
            )
        })
        .collect();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].starts_with("json.jsonl: line 1: not valid JSON (recursion limit"));
    assert!(problems[1].starts_with("json.jsonl: line 2: not valid JSON (recursion limit"));
    assert!(
        corpus
            .articles
            .iter()
            .any(|a| a.body.contains("At the bottom"))
    );
    let html_bodies = corpus.articles.iter().filter(|a| a.body == text).count();
    assert!(html_bodies >= 1, "the paragraph is found in the deep pages");
}

#[test]
fn a_hundred_thousand_tiny_files() {
    let dir = temp_dir();
    let started = Instant::now();
    for folder in 0..100 {
        let sub = dir.path().join(format!("{folder:02}"));
        fs::create_dir(&sub).unwrap();
        for file in 0..1000 {
            fs::write(
                sub.join(format!("{file:03}.txt")),
                format!("Story {folder}-{file}."),
            )
            .unwrap();
        }
    }
    let made = started.elapsed();
    let path = dir.path().to_path_buf();
    let corpus = within(Duration::from_secs(120), move || Corpus::load(&[path]));
    assert_eq!(corpus.articles.len(), 100_000);
    assert!(corpus.problems.is_empty());
    assert_eq!(corpus.articles[0].body, "Story 0-0.");
    assert_eq!(corpus.articles[99_999].body, "Story 99-999.");
    eprintln!("made in {made:?}, loaded in {:?}", started.elapsed() - made);
}

#[test]
fn loops_pipes_dangling_links_and_unreadable_files_are_listed_not_fatal() {
    let dir = temp_dir();
    let d = dir.path();
    fs::write(d.join("good.txt"), "A good story.").unwrap();
    // Folder loop: followed once.
    fs::create_dir(d.join("loop")).unwrap();
    std::os::unix::fs::symlink(d, d.join("loop/back")).unwrap();
    // File loop: a.txt → b.txt → a.txt.
    std::os::unix::fs::symlink(d.join("b.txt"), d.join("a.txt")).unwrap();
    std::os::unix::fs::symlink(d.join("a.txt"), d.join("b.txt")).unwrap();
    std::os::unix::fs::symlink(d.join("nowhere"), d.join("dangling.txt")).unwrap();
    // Tests run as root in CI, where permissions stop nothing; these fail for root too.
    // A FIFO would block a reader forever: it must be refused, not read.
    let fifo = d.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let have_fifo = made.is_ok_and(|s| s.success());
    // Reading /proc/self/mem at offset 0 fails with an I/O error, whoever you are.
    let proc_mem = Path::new("/proc/self/mem");
    let have_proc = proc_mem.exists();
    if have_proc {
        std::os::unix::fs::symlink(proc_mem, d.join("unreadable.txt")).unwrap();
    }
    fs::write(d.join("bad.jsonl"), b"\x00\x01\x02binary\x00").unwrap();
    fs::write(d.join("blank.jsonl"), "\n\n   \n").unwrap();

    let path = d.to_path_buf();
    let corpus = within(Duration::from_secs(20), move || {
        Corpus::load(&[
            path.clone(),
            path.join("missing.txt"),
            path.join("pipe.txt"),
        ])
    });
    assert_eq!(corpus.articles.len(), 1);
    assert_eq!(corpus.articles[0].body, "A good story.");
    let p = &corpus.problems;
    assert_eq!(reason_for(p, "a.txt"), Some("symbolic link loop"));
    assert_eq!(reason_for(p, "b.txt"), Some("symbolic link loop"));
    assert_eq!(
        reason_for(p, "dangling.txt"),
        Some("no such file or folder")
    );
    assert_eq!(reason_for(p, "missing.txt"), Some("no such file or folder"));
    assert_eq!(reason_for(p, "bad.jsonl"), Some("binary file, not text"));
    assert_eq!(reason_for(p, "blank.jsonl"), Some("empty file"));
    if have_fifo {
        let pipes = p
            .iter()
            .filter(|p| p.reason == "not a regular file (a pipe, socket or device)")
            .count();
        assert_eq!(pipes, 2, "in the folder and named directly: {p:#?}");
    }
    if have_proc {
        let reason = reason_for(p, "unreadable.txt").unwrap();
        assert!(reason.starts_with("cannot read"), "{reason}");
    }
}

#[test]
fn streaming_a_folder_with_problems_matches_loading_it() {
    let listed = list_files(&[fixture_dir()]);
    let loads: Vec<_> = listed.files.iter().map(|f| load_path(f)).collect();
    let articles: usize = loads.iter().map(|l| l.articles.len()).sum();
    let problems: usize = loads.iter().map(|l| l.problems.len()).sum();
    let corpus = Corpus::load(&[fixture_dir()]);
    assert_eq!(articles, corpus.articles.len());
    assert_eq!(problems + listed.problems.len(), corpus.problems.len());
}

/// Issue 16, point 4: a file swapped for a FIFO between listing and reading hung the
/// loader (and the reader at "loading 19483/20000") forever. The opened file is checked,
/// not the path, and it is opened without waiting.
#[test]
fn a_file_swapped_for_a_pipe_after_listing_is_refused_not_waited_on() {
    let dir = temp_dir();
    let d = dir.path();
    fs::write(d.join("a.txt"), "A story.").unwrap();
    fs::write(d.join("b.jsonl"), "{\"text\":\"A line.\"}\n").unwrap();
    fs::write(d.join("c.txt"), "Another story.").unwrap();
    let listed = list_files(&[d.to_path_buf()]);
    assert_eq!(listed.files.len(), 3);
    for swapped in ["a.txt", "b.jsonl"] {
        fs::remove_file(d.join(swapped)).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(d.join(swapped))
            .status()
            .expect("mkfifo");
        assert!(made.success());
    }
    let files = listed.files.clone();
    let loads = within(Duration::from_secs(10), move || {
        files.iter().map(|f| load_path(f)).collect::<Vec<_>>()
    });
    for load in &loads[..2] {
        assert!(load.articles.is_empty());
        assert_eq!(
            load.problems[0].reason,
            "not a regular file (a pipe, socket or device)"
        );
    }
    assert_eq!(loads[2].articles[0].body, "Another story.");
}

/// Issue 16, point 9: a 500,000-line JSON Lines file showed nothing until the whole file
/// was read. Its articles are handed over as they are read, a part at a time: a reader
/// that has enough after the first part stops the reading there.
#[test]
fn json_lines_are_handed_over_as_they_are_read() {
    use lede::corpus::{PART_ARTICLES, load_path_in_parts};
    let dir = temp_dir();
    let path = dir.path().join("many.jsonl");
    let lines: String = (0..50_000)
        .map(|i| format!("{{\"title\":\"Story {i}\",\"text\":\"Story number {i} happened.\"}}\n"))
        .collect();
    fs::write(&path, lines).unwrap();
    let mut parts = Vec::new();
    load_path_in_parts(&path, |part| {
        parts.push(part);
        parts.len() < 3
    });
    assert_eq!(parts.len(), 3, "reading stopped after the third part");
    for (n, part) in parts.iter().enumerate() {
        assert_eq!(part.articles.len(), PART_ARTICLES);
        let first = n * PART_ARTICLES;
        assert_eq!(part.articles[0].title, format!("Story {first}"));
    }
    // Read whole, the parts are the file's articles in order.
    let mut all = 0;
    load_path_in_parts(&path, |part| {
        assert!(
            part.articles
                .iter()
                .enumerate()
                .all(|(i, a)| a.title == format!("Story {}", all + i))
        );
        all += part.articles.len();
        true
    });
    assert_eq!(all, 50_000);
}

/// The `lede` binary run on the hostile pages under a limit on its address space: a page
/// of one 10 MB line, 100,000 nested elements (closed, unclosed, mis-nested) and a binary
/// file. Every page is an article or a problem on stderr, within the limit and in time.
#[cfg(target_os = "linux")]
#[test]
fn hostile_pages_stay_within_bounded_memory() {
    use std::process::Command;
    let dir = temp_dir();
    let mut line = String::with_capacity(10 << 20);
    let mut n = 0;
    while line.len() < 10 << 20 {
        line.push_str(if n % 17 == 16 { "word. " } else { "word " });
        n += 1;
    }
    let text = "Deep inside the page there is, after all, a paragraph of real text.";
    let depth = 100_000;
    let pages = [
        (
            "long.html",
            format!("<html><body><p>{line}</p></body></html>"),
        ),
        (
            "divs.html",
            format!(
                "{}<p>{text}</p>{}",
                "<div>".repeat(depth),
                "</div>".repeat(depth)
            ),
        ),
        (
            "unclosed.html",
            format!("{}<p>{text}", "<div><b>".repeat(depth / 2)),
        ),
        (
            "tables.html",
            format!("{}<p>{text}", "<table><tr><td>".repeat(depth / 3)),
        ),
        (
            "misnested.html",
            format!(
                "{}<p>{text}{}",
                "<div>".repeat(depth),
                "</span>".repeat(depth)
            ),
        ),
    ];
    for (name, page) in &pages {
        fs::write(dir.path().join(name), page).unwrap();
    }
    let binary: Vec<u8> = (0..1u32 << 20)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(dir.path().join("binary.html"), binary).unwrap();
    // 768 MiB of address space: a few times what the 10 MB page needs, far less than a
    // tree of 100,000 levels or a quadratic copy would take.
    let output = within(Duration::from_secs(120), {
        let dir = dir.path().to_path_buf();
        move || {
            Command::new("sh")
                .arg("-c")
                .arg("ulimit -v 786432 && exec \"$0\" show --format json \"$1\"")
                .arg(env!("CARGO_BIN_EXE_lede"))
                .arg(&dir)
                .env("LEDE_CACHE_DIR", CACHE)
                .output()
                .unwrap()
        }
    });
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "one problem, no crash: {stderr}"
    );
    assert!(stderr.contains("binary.html: binary file"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let shown: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let articles = shown.as_array().unwrap();
    // The deep pages hold the same paragraph: one article, the others its duplicates.
    let duplicates: usize = articles
        .iter()
        .map(|a| a["duplicates"].as_array().unwrap().len())
        .sum();
    assert_eq!(articles.len() + duplicates, pages.len(), "{stderr}");
    assert_eq!(articles.len(), 2);
    for article in articles {
        let paragraphs = article["paragraphs"].as_array().unwrap();
        assert!(!paragraphs.is_empty(), "{article}");
    }
}
