//! The reader's feed keys end to end (issue 13): the real binary in a pseudo-terminal,
//! `r` against a feed served by a server the test starts on 127.0.0.1 (never the
//! internet), `o` with a stand-in browser, `y` read back from the bytes written.

mod cli_support;
mod feeds_support;
mod pty_support;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use cli_support::lede;
use feeds_support::{Route, TestServer, rss};
use pty_support::Session;

const ONE: &str = "The harbour council approved the new sea wall on Tuesday after a long debate.";
const TWO: &str = "Fishermen said the plan would protect the old town from winter storms.";
const THREE: &str = "The ferry to the islands runs again from Monday, the operator said.";

#[test]
fn r_fetches_every_feed_in_the_background_and_new_articles_appear() {
    let delay_ms = Arc::new(AtomicU64::new(0));
    let delay = Arc::clone(&delay_ms);
    let server = TestServer::start_with_delay("127.0.0.1", move |_| {
        Duration::from_millis(delay.load(Ordering::Relaxed))
    });
    let feed = server.route(
        "/feed.xml",
        Route::rss(rss(
            "Coastal Gazette",
            &[
                ("g1", "Sea wall approved", "/one.html", ONE),
                ("g2", "Fishermen welcome plan", "/two.html", TWO),
            ],
        )),
    );
    let flaky = server.route("/flaky.xml", Route::rss(rss("Flaky Times", &[])));
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    for url in [&feed, &flaky] {
        let added = lede(data.path(), &["feed", "add", url]);
        assert!(added.status.success(), "{added:?}");
    }
    // The second feed breaks after it was added.
    server.route("/flaky.xml", Route::status(500));

    // The library is empty: the reader opens the seeds.
    let mut reader = Session::start(data.path(), config.path(), &[]);
    reader.wait_for("1/5 · Articles");
    reader.keys("j"); // the second seed is selected
    reader.keys("r");
    reader.wait_for("feeds updated: 2 feeds · 2 new articles");
    reader.wait_for("Sea wall approved");
    reader.wait_for("Fishermen welcome plan");
    reader.wait_for("Articles · 7");
    let text = reader.contents();
    assert!(text.contains("2024-03-01 · Coastal Gazet"), "{text}");
    // A failed feed is said once, and ! lists it with its reason. (The status line
    // may still be showing "indexing for search…" in front, which pushes the end of
    // the message past an 80-column screen until the index is built.)
    reader.wait_until("the status line names the failed feed", |_| {
        reader.status().contains("1 failed · ! lists them")
    });
    reader.keys("!");
    reader.wait_for("Feeds, last update");
    let text = reader.contents();
    assert_eq!(text.matches("Flaky Times").count(), 1, "{text}");
    assert!(text.contains("HTTP 500") || text.contains("500"), "{text}");
    reader.keys("q");
    reader.wait_until("the list is back", |_| {
        reader.status().contains("· Articles")
    });
    // The selection is where the user left it: Enter opens the second seed.
    reader.keys("\r");
    reader.wait_for("Russian planes did not");
    reader.wait_until("the reader has the focus", |_| {
        reader.status().contains("· Reader")
    });

    // A new item, and a slow server: r again while it runs says so, keys still work.
    server.route(
        "/feed.xml",
        Route::rss(rss(
            "Coastal Gazette",
            &[
                ("g1", "Sea wall approved", "/one.html", ONE),
                ("g2", "Fishermen welcome plan", "/two.html", TWO),
                ("g3", "Ferry runs again", "/three.html", THREE),
            ],
        )),
    );
    delay_ms.store(1500, Ordering::Relaxed);
    reader.keys("r");
    reader.wait_for("updating feeds");
    reader.keys("r");
    reader.wait_for("already updating");
    reader.keys("?");
    reader.wait_until("help opens while the feeds update", |screen| {
        screen.contains("Keys · j/k g/G scroll") && reader.status().contains("updating feeds")
    });
    reader.keys("q");
    reader.wait_for("feeds updated: 2 feeds · 1 new article");
    reader.wait_for("Ferry runs again");
    reader.wait_for("Articles · 8");
    reader.keys("q");
    assert!(reader.wait_exit().success());
    // The articles are in the library, and the next start reads it.
    let mut again = Session::start(data.path(), config.path(), &[]);
    again.wait_for("Ferry runs again");
    again.wait_for("Articles · 3");
    again.keys("q");
    assert!(again.wait_exit().success());
}

#[test]
fn r_with_no_feed_says_how_to_add_one() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut reader = Session::start(data.path(), config.path(), &[]);
    reader.wait_for("1/5 · Articles");
    reader.keys("r");
    reader.wait_for("no feeds yet: add one with `lede feed add URL`");
    reader.keys("q");
    assert!(reader.wait_exit().success());
}

/// A library article at `name` with this address (none: no `url` field).
fn library_article(data: &Path, name: &str, title: &str, url: Option<&str>) {
    let dir = data.join("library");
    std::fs::create_dir_all(&dir).unwrap();
    let url = url.map(|u| format!("url: \"{u}\"\n")).unwrap_or_default();
    std::fs::write(
        dir.join(name),
        format!(
            "---\ntitle: \"{title}\"\ndate: 2024-03-0{}\nsource: \"Coastal Gazette\"\n\
             feed: \"Coastal Gazette\"\n{url}---\n\n# {title}\n\nWhat happened in {title}, in full.\n",
            name.len() % 9 + 1
        ),
    )
    .unwrap();
}

/// A script standing in for a browser: it records its arguments, writes to its output
/// (which must not reach the screen) and takes its time.
fn fake_browser(dir: &Path) -> (String, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let record = dir.join("opened");
    let path = dir.join("fake-browser");
    std::fs::write(
        &path,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > '{}.tmp'\nmv '{0}.tmp' '{0}'\n\
             echo BROWSER-SAYS-HELLO; echo BROWSER-COMPLAINS >&2\nsleep 5\n",
            record.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    (path.display().to_string(), record)
}

const ADDRESS: &str = "https://news.example/harbour?id=1&next=$(touch%20pwned);x";

#[test]
fn o_opens_the_address_in_browser_as_one_argument_without_blocking() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let bin = tempfile::tempdir().unwrap();
    library_article(data.path(), "harbour.md", "Harbour reopens", Some(ADDRESS));
    library_article(data.path(), "notes.md", "Notes without an address", None);
    let (browser, record) = fake_browser(bin.path());

    let mut reader = Session::start_with(
        data.path(),
        config.path(),
        &[],
        (30, 120),
        &[("BROWSER", &browser)],
    );
    reader.wait_for("Harbour reopens");
    // The newest first: the notes, which have no address: said, nothing run.
    reader.wait_for("▸Notes without an address");
    reader.keys("o");
    reader.wait_for("this article has no web address");
    reader.keys("j\r");
    reader.wait_for("What happened in Harbour reopens");
    let asked = Instant::now();
    reader.keys("o");
    reader.wait_for("opening in");
    // The reader answers at once, the browser still running.
    reader.keys("?");
    reader.wait_for("Keys · j/k g/G scroll");
    assert!(asked.elapsed() < Duration::from_secs(4), "not blocked");
    reader.keys("\x1b");
    let start = Instant::now();
    while !record.exists() && start.elapsed() < pty_support::TIMEOUT {
        std::thread::sleep(Duration::from_millis(25));
    }
    let recorded = std::fs::read_to_string(&record).expect("the browser ran");
    assert_eq!(
        recorded,
        format!("1\n{ADDRESS}\n"),
        "one argument, unchanged"
    );
    assert!(!bin.path().join("pwned").exists() && !Path::new("pwned").exists());
    std::thread::sleep(Duration::from_millis(200));
    let screen = reader.contents();
    assert!(
        !screen.contains("BROWSER-SAYS") && !screen.contains("BROWSER-COMPLAINS"),
        "the browser never writes to the terminal:\n{screen}"
    );
    reader.keys("q");
    assert!(reader.wait_exit().success());
}

#[test]
fn o_with_no_browser_to_run_says_so() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    library_article(data.path(), "harbour.md", "Harbour reopens", Some(ADDRESS));
    let mut reader = Session::start_with(
        data.path(),
        config.path(),
        &[],
        (30, 120),
        &[("BROWSER", "/nonexistent/browser")],
    );
    reader.wait_for("Harbour reopens");
    reader.keys("o");
    reader.wait_for("/nonexistent/browser not found");
    reader.wait_for("check $BROWSER");
    reader.keys("q");
    assert!(reader.wait_exit().success());
}

#[test]
fn y_writes_the_address_as_osc_52() {
    use base64::Engine;
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    library_article(data.path(), "harbour.md", "Harbour reopens", Some(ADDRESS));
    let mut reader = Session::start(data.path(), config.path(), &[]);
    reader.wait_for("Harbour reopens");
    let encoded = base64::engine::general_purpose::STANDARD.encode(ADDRESS);
    let sequence = format!("\x1b]52;c;{encoded}\x1b\\");
    let written = |reader: &Session| {
        let output = reader.output.lock().unwrap();
        String::from_utf8_lossy(&output).matches(&sequence).count()
    };
    assert_eq!(written(&reader), 0, "nothing is copied before the key");
    reader.keys("y");
    reader.wait_for("copied (if the terminal allows OSC 52)");
    reader.wait_until("the OSC 52 sequence is written", |_| written(&reader) == 1);
    reader.keys("q");
    assert!(reader.wait_exit().success());
}

#[test]
fn quitting_during_an_update_stops_it_and_loses_nothing() {
    let server = TestServer::start_with_delay("127.0.0.1", |path| {
        if path == "/slow.xml" {
            Duration::from_secs(8)
        } else {
            Duration::ZERO
        }
    });
    let feed = server.route(
        "/slow.xml",
        Route::rss(rss("Slow Post", &[("s1", "Late news", "/late.html", ONE)])),
    );
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    library_article(data.path(), "harbour.md", "Harbour reopens", Some(ADDRESS));
    // Added by hand (`feed add` would wait for the slow server).
    std::fs::write(
        data.path().join("feeds.jsonl"),
        format!("{{\"url\":\"{feed}\"}}\n"),
    )
    .unwrap();
    let listed_before = lede(data.path(), &["feed", "list"]);
    assert!(listed_before.status.success(), "{listed_before:?}");
    let mut reader = Session::start(data.path(), config.path(), &[]);
    reader.wait_for("Harbour reopens");
    reader.keys("r");
    reader.wait_for("updating feeds 0/1");
    let quit = Instant::now();
    reader.keys("q");
    assert!(reader.wait_exit().success());
    assert!(
        quit.elapsed() < Duration::from_secs(5),
        "quitting waits at most a moment for the update"
    );
    reader.wait_for("the feed update was stopped before it finished");
    // The library and the feed list are as they were.
    let listed = lede(data.path(), &["feed", "list"]);
    assert!(listed.status.success(), "{listed:?}");
    assert_eq!(listed.stdout, listed_before.stdout);
    let files: Vec<_> = std::fs::read_dir(data.path().join("library"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, ["harbour.md"]);
}
