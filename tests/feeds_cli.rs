//! `lede feed`, `lede update` and `lede add` end to end, against a server each test starts
//! on 127.0.0.1 (never the internet).

mod cli_support;
mod feeds_support;

use std::path::Path;

use cli_support::{lede, library, stderr, stdout};
use feeds_support::{Route, TestServer, rss};

fn library_text(data: &Path) -> String {
    library(data)
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect::<Vec<_>>()
        .join("\n=====\n")
}

const STORY_ONE: &str =
    "The harbour council approved the new sea wall on Tuesday after a long debate.";
const STORY_TWO: &str = "Fishermen said the plan would protect the old town from winter storms.";

#[test]
fn feed_add_checks_the_feed_and_update_saves_its_items() {
    let server = TestServer::start();
    let feed = server.route(
        "/feed.xml",
        Route::rss(rss(
            "Coastal Gazette",
            &[
                ("g1", "Sea wall approved", "/one.html", STORY_ONE),
                ("g2", "Fishermen welcome plan", "/two.html", STORY_TWO),
            ],
        ))
        .with_header("ETag", "\"v1\""),
    );
    let data = tempfile::tempdir().unwrap();

    let added = lede(data.path(), &["feed", "add", &feed]);
    assert!(added.status.success(), "{}", stderr(&added));
    assert!(stdout(&added).contains("added:"), "{}", stdout(&added));
    assert!(stdout(&added).contains("Coastal Gazette"));
    let listed = stdout(&lede(data.path(), &["feed", "list"]));
    assert!(
        listed.contains(&feed) && listed.contains("Coastal Gazette"),
        "{listed}"
    );

    let first = lede(data.path(), &["update"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("2 new articles"),
        "{}",
        stderr(&first)
    );
    let saved = library(data.path());
    assert_eq!(saved.len(), 2, "{saved:?}");
    let text = library_text(data.path());
    assert!(text.contains(STORY_ONE) && text.contains(STORY_TWO));
    assert!(text.contains("feed: \"Coastal Gazette\""), "{text}");
    assert!(text.contains(&format!("feed_url: \"{feed}\"")), "{text}");
    assert!(text.contains("fetched: \""), "{text}");
    assert!(
        text.contains(&format!("url: \"{}/one.html\"", server.base)),
        "{text}"
    );

    // The second update asks whether the feed changed (it did not): nothing new.
    let second = lede(data.path(), &["update"]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(
        stderr(&second).contains("0 new articles · 1 unchanged"),
        "{}",
        stderr(&second)
    );
    let requests = server.requests("/feed.xml");
    let conditional = requests.last().unwrap();
    assert!(
        conditional
            .headers
            .iter()
            .any(|(n, v)| n.eq_ignore_ascii_case("if-none-match") && v == "\"v1\""),
        "{conditional:?}"
    );
    assert_eq!(library(data.path()), saved);

    // The library is now what lede reads without a path.
    let search = lede(data.path(), &["search", "--format", "json", "sea wall"]);
    assert!(search.status.success(), "{}", stderr(&search));
    assert!(stdout(&search).contains("library"), "{}", stdout(&search));
    assert!(!stdout(&search).contains("seeds/"));
    let extract = lede(data.path(), &["extract", "--format", "json"]);
    let articles: serde_json::Value = serde_json::from_slice(&extract.stdout).unwrap();
    assert_eq!(articles.as_array().unwrap().len(), 2);
}

#[test]
fn without_a_library_the_seeds_are_read() {
    let data = tempfile::tempdir().unwrap();
    let extract = lede(data.path(), &["extract", "--format", "json"]);
    let articles: serde_json::Value = serde_json::from_slice(&extract.stdout).unwrap();
    let paths: Vec<&str> = articles
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 5);
    assert!(paths.iter().all(|p| p.starts_with("seeds/")), "{paths:?}");
}

#[test]
fn feed_add_refuses_what_is_not_a_feed() {
    let server = TestServer::start();
    let page = server.route(
        "/page.html",
        Route::html("<html><body><p>Hello</p></body></html>"),
    );
    let broken = server.route(
        "/broken.xml",
        Route::rss("<rss version=\"2.0\"><channel><item><title>x"),
    );
    let slow = server.route("/slow.xml", Route::Trickle { bytes: 100 });
    let data = tempfile::tempdir().unwrap();
    for (url, reason) in [
        (server.url("/missing.xml"), "gone (HTTP 404)"),
        (page, "not a feed"),
        (broken, "not a feed"),
        (slow, "timed out"),
        ("file:///etc/passwd".to_string(), "file://"),
        ("ftp://127.0.0.1/feed".to_string(), "only http and https"),
    ] {
        let out = lede(data.path(), &["feed", "add", "--timeout", "2", &url]);
        assert_eq!(out.status.code(), Some(1), "{url}: {}", stderr(&out));
        assert!(stderr(&out).contains(reason), "{url}: {}", stderr(&out));
    }
    assert_eq!(stdout(&lede(data.path(), &["feed", "list"])), "");
}

#[test]
fn feed_add_follows_the_feed_a_page_links() {
    let server = TestServer::start();
    server.route(
        "/rss.xml",
        Route::rss(rss("Linked", &[("1", "t", "/a", STORY_ONE)])),
    );
    let page = server.route(
        "/",
        Route::html(
            "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss.xml\">\
             </head><body>Site</body></html>",
        ),
    );
    let data = tempfile::tempdir().unwrap();
    let out = lede(data.path(), &["feed", "add", &page]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = stdout(&lede(data.path(), &["feed", "list"]));
    assert!(listed.starts_with(&server.url("/rss.xml")), "{listed}");
}

#[test]
fn the_same_story_from_two_feeds_is_one_article() {
    let server = TestServer::start();
    let a = server.route(
        "/a.xml",
        Route::rss(rss("A", &[("a1", "Sea wall", "/a/1", STORY_ONE)])),
    );
    let b = server.route(
        "/b.xml",
        Route::rss(rss(
            "B",
            &[
                ("b1", "Sea wall approved (copy)", "/b/1?utm=x", STORY_ONE),
                ("b2", "Other", "/b/2", STORY_TWO),
            ],
        )),
    );
    let data = tempfile::tempdir().unwrap();
    for url in [&a, &b] {
        assert!(lede(data.path(), &["feed", "add", url]).status.success());
    }
    let out = lede(data.path(), &["update"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        library(data.path()).len(),
        2,
        "{}",
        library_text(data.path())
    );

    // The same item id with a new address and words is still the item saved.
    server.route(
        "/b.xml",
        Route::rss(rss(
            "B",
            &[("b2", "Other (updated)", "/b/2-new", "Reworded text.")],
        )),
    );
    assert!(lede(data.path(), &["update"]).status.success());
    assert_eq!(
        library(data.path()).len(),
        2,
        "{}",
        library_text(data.path())
    );
}

#[test]
fn full_text_feeds_fetch_each_new_items_page() {
    let server = TestServer::start();
    let body: String = (0..6)
        .map(|i| format!("<p>Paragraph {i} of the full story, long enough to be the article body text here.</p>"))
        .collect();
    server.route(
        "/story.html",
        Route::html(format!(
            "<html><head><title>Full story</title></head><body><article><h1>Full story</h1>\
             {body}</article></body></html>"
        )),
    );
    let feed = server.route(
        "/summary.xml",
        Route::rss(rss(
            "S",
            &[("s1", "Full story", "/story.html", "Only a summary.")],
        )),
    );
    let data = tempfile::tempdir().unwrap();
    assert!(
        lede(data.path(), &["feed", "add", "--full-text", &feed])
            .status
            .success()
    );
    assert!(stdout(&lede(data.path(), &["feed", "list"])).contains("full text"));
    let out = lede(data.path(), &["update"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = library_text(data.path());
    assert!(text.contains("Paragraph 5 of the full story"), "{text}");
    assert!(!text.contains("Only a summary."), "{text}");

    // Turned off, the feed's own text is kept.
    let feed2 = server.route(
        "/summary2.xml",
        Route::rss(rss(
            "S2",
            &[("s2", "Other", "/other.html", "Just the summary.")],
        )),
    );
    assert!(
        lede(data.path(), &["feed", "add", "--full-text", &feed2])
            .status
            .success()
    );
    let set = lede(
        data.path(),
        &["feed", "set", &feed2, "--full-text", "false"],
    );
    assert!(set.status.success(), "{}", stderr(&set));
    assert!(lede(data.path(), &["update"]).status.success());
    assert!(library_text(data.path()).contains("Just the summary."));
}

#[test]
fn add_saves_a_page_once() {
    let server = TestServer::start();
    let body: String = (0..5)
        .map(|i| {
            format!("<p>Sentence {i} of a page saved from the web, with enough words to count.</p>")
        })
        .collect();
    let page = server.route(
        "/article.html",
        Route::html(format!(
            "<html><head><title>Saved page | Site</title>\
             <meta name=\"author\" content=\"Jane Roe\"></head>\
             <body><article><h1>Saved page</h1>{body}</article></body></html>"
        )),
    );
    let data = tempfile::tempdir().unwrap();
    let out = lede(data.path(), &["add", &page]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("saved: "), "{}", stdout(&out));
    let path = stdout(&out)["saved: ".len()..].trim().to_string();
    assert!(
        Path::new(&path).starts_with(data.path().join("library")),
        "{path}"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("title: \"Saved page\""), "{text}");
    assert!(text.contains("Jane Roe"), "{text}");
    assert!(text.contains("Sentence 4 of a page"), "{text}");

    let again = lede(data.path(), &["add", &page]);
    assert!(again.status.success());
    assert!(
        stdout(&again).starts_with("already saved: "),
        "{}",
        stdout(&again)
    );
    assert_eq!(library(data.path()).len(), 1);

    for (url, reason) in [
        ("file:///etc/passwd", "lede PATH"),
        ("mailto:a@b.c", "only http and https"),
        ("not an address", "not a web address"),
    ] {
        let out = lede(data.path(), &["add", url]);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains(reason), "{url}: {}", stderr(&out));
    }
    let missing = lede(data.path(), &["add", &server.url("/nope.html")]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("HTTP 404"),
        "{}",
        stderr(&missing)
    );
    assert_eq!(library(data.path()).len(), 1);
}

#[test]
fn opml_import_and_export_round_trip() {
    let data = tempfile::tempdir().unwrap();
    let opml = data.path().join("in.opml");
    std::fs::write(
        &opml,
        "<?xml version=\"1.0\"?><opml version=\"1.0\"><head><title>mine</title></head><body>\
         <outline text=\"News\"><outline text=\"One &amp; only\" type=\"rss\" xmlUrl=\"http://127.0.0.1:9/one.xml\"/>\
         <outline text=\"Two\" xmlUrl=\"https://127.0.0.1:9/two.xml\"/></outline>\
         <outline text=\"Local\" xmlUrl=\"file:///etc/passwd\"/></body></opml>",
    )
    .unwrap();
    let out = lede(data.path(), &["feed", "import", opml.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "a refused outline is reported");
    assert!(
        stdout(&out).contains("imported 2 feeds"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("file:///etc/passwd"),
        "{}",
        stderr(&out)
    );

    let exported = lede(data.path(), &["feed", "export"]);
    assert!(exported.status.success());
    let xml = stdout(&exported);
    assert!(xml.contains("version=\"2.0\""), "{xml}");
    assert!(xml.contains("One &amp; only"), "{xml}");
    assert!(!xml.contains("passwd"));

    let file = data.path().join("out.opml");
    assert!(
        lede(
            data.path(),
            &["feed", "export", "-o", file.to_str().unwrap()]
        )
        .status
        .success()
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), xml);

    let other = tempfile::tempdir().unwrap();
    let back = lede(other.path(), &["feed", "import", file.to_str().unwrap()]);
    assert!(back.status.success(), "{}", stderr(&back));
    assert_eq!(
        stdout(&lede(other.path(), &["feed", "list"])),
        stdout(&lede(data.path(), &["feed", "list"]))
    );
    assert_eq!(stdout(&lede(other.path(), &["feed", "export"])), xml);

    let rm = lede(data.path(), &["feed", "rm", "http://127.0.0.1:9/one.xml"]);
    assert!(rm.status.success(), "{}", stderr(&rm));
    assert_eq!(
        stdout(&lede(data.path(), &["feed", "list"]))
            .lines()
            .count(),
        1
    );
    assert_eq!(
        lede(data.path(), &["feed", "rm", "http://127.0.0.1:9/none"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn a_damaged_feed_list_is_reported_and_recovered() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("feeds.jsonl"),
        "{\"url\":\"http://127.0.0.1:9/a.xml\"}\n{\"url\":\"http://127.0.0.1:9/b.xml\",\"ti\n",
    )
    .unwrap();
    let out = lede(data.path(), &["feed", "list"]);
    assert!(
        stderr(&out).contains("line 2 is damaged"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out).lines().count(), 2, "{}", stdout(&out));
}

#[test]
fn update_runs_on_a_background_thread_and_reports_as_it_goes() {
    use lede::library::update::{Event, Options, Outcome, update};
    use lede::library::{Fetcher, Limits};
    use std::sync::atomic::AtomicBool;

    let server = TestServer::start();
    let feed = server.route(
        "/feed.xml",
        Route::rss(rss(
            "Bg",
            &[("1", "One", "/1", STORY_ONE), ("2", "Two", "/2", STORY_TWO)],
        )),
    );
    let data = tempfile::tempdir().unwrap();
    assert!(lede(data.path(), &["feed", "add", &feed]).status.success());
    let dir = data.path().to_path_buf();
    let events = std::thread::spawn(move || {
        let mut events = Vec::new();
        let fetcher = Fetcher::new(Limits::default());
        let report = update(
            &dir,
            &fetcher,
            &Options::default(),
            &AtomicBool::new(false),
            |e| {
                events.push(match e {
                    Event::Started { feeds } => format!("started {feeds}"),
                    Event::Saved { title, path } => {
                        assert!(path.exists());
                        format!("saved {title}")
                    }
                    Event::FeedDone {
                        done,
                        total,
                        report,
                    } => {
                        format!("done {done}/{total} {:?}", report.outcome)
                    }
                })
            },
        )
        .unwrap();
        assert_eq!(report.feeds[0].outcome, Outcome::Fetched { new: 2 });
        events
    })
    .join()
    .unwrap();
    assert_eq!(events.len(), 4, "{events:?}");
    assert_eq!(events[0], "started 1");
    assert!(
        events[1..3].contains(&"saved One".to_string()),
        "{events:?}"
    );
    assert_eq!(events[3], "done 1/1 Fetched { new: 2 }");
}
