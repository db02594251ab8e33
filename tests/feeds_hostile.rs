//! The bad input of the feeds issue, each served by a server the test starts on
//! 127.0.0.1: every bad feed gets a clear message of its own, the good feeds still update,
//! and nothing already in the library changes.

mod cli_support;
mod feeds_support;

use std::io::Write;

use cli_support::{lede, library};
use feeds_support::{Route, TestServer, rss};

fn compressed(kind: &str, zeros: usize) -> Vec<u8> {
    let chunk = vec![0u8; 1 << 20];
    let write_all = |w: &mut dyn Write| {
        for _ in 0..zeros >> 20 {
            w.write_all(&chunk).unwrap();
        }
    };
    match kind {
        "gzip" => {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            write_all(&mut e);
            e.finish().unwrap()
        }
        _ => {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            write_all(&mut e);
            e.finish().unwrap()
        }
    }
}

const ESC: &str = "\u{1b}]0;owned\u{7}\u{1b}[31m\u{9b}2J\u{202e}";

#[test]
fn bad_feeds_fail_alone_and_the_library_is_kept() {
    let server = TestServer::start();
    let good_items = [(
        "g1",
        "Good news",
        "/good/1",
        "A perfectly ordinary story about the harbour.",
    )];
    server.route("/good.xml", Route::rss(rss("Good", &good_items)));
    let data = tempfile::tempdir().unwrap();
    assert!(
        lede(data.path(), &["feed", "add", &server.url("/good.xml")])
            .status
            .success()
    );
    assert!(lede(data.path(), &["update"]).status.success());
    let before = library(data.path());
    assert_eq!(before.len(), 1);

    // The good feed has a new item; every other feed is bad in its own way.
    server.route(
        "/good.xml",
        Route::rss(rss(
            "Good",
            &[
                good_items[0],
                (
                    "g2",
                    "More news",
                    "/good/2",
                    "A second ordinary story, new today.",
                ),
            ],
        )),
    );
    let zeros = 32 << 20;
    let hostile_fields = rss(
        &format!("Feed{ESC}title"),
        &[(
            &format!("id{ESC}"),
            &format!("Title{ESC}here"),
            "javascript:alert(1)",
            &format!(
                "Body{ESC} text &lt;script&gt;alert(1)&lt;/script&gt; with a terminal escape."
            ),
        )],
    )
    .replace(
        "<title>Title",
        &format!("<author>a@b.c (Name{ESC})</author><title>Title"),
    );
    let cp1251: Vec<u8> = rss("Кириллица", &[("c1", "Привет", "/c/1", "Текст новости.")])
        .replace(" encoding=\"UTF-8\"", "")
        .chars()
        .map(|c| match c {
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            c => c as u8,
        })
        .collect();
    let latin2 = {
        // "Łódź" in ISO-8859-2, declared only by the XML declaration.
        let mut bytes = rss("Latin2", &[("l1", "LODZ", "/l/1", "Miasto LODZ.")])
            .replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-2\"")
            .into_bytes();
        let word: &[u8] = b"\xa3\xf3d\xbc";
        for _ in 0..2 {
            let at = bytes.windows(4).position(|w| w == b"LODZ").unwrap();
            bytes.splice(at..at + 4, word.iter().copied());
        }
        bytes
    };
    let invalid_utf8 = rss(
        "Bytes",
        &[("u1", "Broken bytes", "/u/1", "Caf\u{e9} ZZ story.")],
    )
    .replace("ZZ", "\u{fffd}")
    .into_bytes()
    .iter()
    .flat_map(|&b| if b == 0xEF { vec![0xFF] } else { vec![b] })
    .collect::<Vec<u8>>();
    let routes: Vec<(&str, Route, &str)> = vec![
        (
            "/malformed.xml",
            Route::rss("<rss version=\"2.0\"><channel><title>x</title><item><title>cut"),
            "not a feed",
        ),
        (
            "/page.html",
            Route::html("<html><body><p>Just a page.</p></body></html>"),
            "not a feed",
        ),
        (
            "/huge.xml",
            Route::Endless { bytes: 1 << 30 },
            "larger than 1 MB",
        ),
        ("/slow.xml", Route::Trickle { bytes: 1000 }, "timed out"),
        (
            "/loop1.xml",
            Route::Redirect {
                to: "/loop2.xml".into(),
            },
            "too many redirects",
        ),
        (
            "/to-file.xml",
            Route::Redirect {
                to: "file:///etc/passwd".into(),
            },
            "file",
        ),
        ("/gone404.xml", Route::status(404), "gone (HTTP 404)"),
        ("/gone410.xml", Route::status(410), "gone (HTTP 410)"),
        (
            "/busy429.xml",
            Route::status(429).with_header("Retry-After", "120"),
            "asks to wait 2 min",
        ),
        ("/busy503.xml", Route::status(503), "server busy (HTTP 503)"),
        (
            "/gzip-bomb.xml",
            Route::body("application/rss+xml", compressed("gzip", zeros))
                .with_header("Content-Encoding", "gzip"),
            "larger than 1 MB",
        ),
        (
            "/deflate-bomb.xml",
            Route::body("application/rss+xml", compressed("deflate", zeros))
                .with_header("Content-Encoding", "deflate"),
            "larger than 1 MB",
        ),
    ];
    server.route(
        "/loop2.xml",
        Route::Redirect {
            to: "/loop1.xml".into(),
        },
    );
    let fine: Vec<(&str, Route)> = vec![
        ("/escapes.xml", Route::rss(hostile_fields)),
        (
            "/cp1251.xml",
            Route::body("application/rss+xml; charset=windows-1251", cp1251),
        ),
        ("/latin2.xml", Route::body("application/xml", latin2)),
        ("/invalid-utf8.xml", Route::rss(invalid_utf8)),
    ];
    let mut opml = String::from("<opml version=\"2.0\"><body>");
    for (path, route, _) in &routes {
        opml.push_str(&format!(
            "<outline text=\"x\" xmlUrl=\"{}\"/>",
            server.route(path, route.clone())
        ));
    }
    for (path, route) in &fine {
        // No title given: the feed's own is used.
        opml.push_str(&format!(
            "<outline text=\"\" xmlUrl=\"{}\"/>",
            server.route(path, route.clone())
        ));
    }
    opml.push_str("</body></opml>");
    let opml_file = data.path().join("hostile.opml");
    std::fs::write(&opml_file, opml).unwrap();
    assert!(
        lede(
            data.path(),
            &["feed", "import", opml_file.to_str().unwrap()]
        )
        .status
        .success()
    );

    let started = std::time::Instant::now();
    let out = lede(
        data.path(),
        &["update", "--timeout", "3", "--max-size", "1"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        started.elapsed().as_secs() < 30,
        "took {:?}",
        started.elapsed()
    );
    for (path, _, reason) in &routes {
        let line = stderr
            .lines()
            .find(|l| l.contains(&server.url(path)))
            .unwrap_or_else(|| panic!("no message for {path}: {stderr}"));
        assert!(line.contains(reason), "{path}: {line}");
    }
    for (path, _) in &fine {
        assert!(
            !stderr.contains(&server.url(path)),
            "{path} failed: {stderr}"
        );
    }
    assert!(
        stderr.contains(&format!("{} failed", routes.len())),
        "{stderr}"
    );
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{9b}'),
        "{stderr:?}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));

    // What was there is unchanged; the good feed's new item and the odd but readable
    // feeds are saved.
    let after = library(data.path());
    for (name, bytes) in &before {
        assert_eq!(after.get(name), Some(bytes), "{name} changed");
    }
    let all: String = after
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(all.contains("A second ordinary story"), "{all}");
    assert!(
        all.contains("Привет") && all.contains("Текст новости."),
        "{all}"
    );
    assert!(all.contains("Łódź"), "{all}");
    assert!(all.contains("Broken bytes"), "{all}");
    assert!(
        all.contains("Feedtitle") && all.contains("Titlehere") && all.contains("Name"),
        "{all}"
    );
    assert!(!all.chars().any(|c| c.is_control() && c != '\n'), "{all:?}");
    assert!(!all.contains("javascript"), "{all}");
    assert!(!all.contains("passwd"));
    assert_eq!(after.len(), before.len() + 5, "{:?}", after.keys());

    // Gone feeds and a feed that asked to wait are not asked again.
    let requests = |path: &str| server.requests(path).len();
    let asked: Vec<usize> = ["/gone404.xml", "/gone410.xml", "/busy429.xml"]
        .iter()
        .map(|p| requests(p))
        .collect();
    let again = lede(
        data.path(),
        &["update", "--timeout", "3", "--max-size", "1"],
    );
    let stderr = String::from_utf8_lossy(&again.stderr).into_owned();
    let asked_again: Vec<usize> = ["/gone404.xml", "/gone410.xml", "/busy429.xml"]
        .iter()
        .map(|p| requests(p))
        .collect();
    assert_eq!(asked, asked_again, "{stderr}");
    assert!(stderr.contains("skipped: gone (HTTP 404)"), "{stderr}");
    assert!(
        stderr.contains("skipped: the server asked to slow down"),
        "{stderr}"
    );
    let listed = String::from_utf8_lossy(&lede(data.path(), &["feed", "list"]).stdout).into_owned();
    assert!(
        listed.contains("gone (HTTP 410)") && listed.contains("backing off"),
        "{listed}"
    );
    assert_eq!(library(data.path()).len(), after.len());
}

#[test]
fn a_hostile_page_added_by_url_is_saved_clean() {
    let server = TestServer::start();
    let body: String = (0..4)
        .map(|i| format!("<p>Line {i}{ESC} of a page with escapes in it and enough words.</p>"))
        .collect();
    let page = server.route(
        "/p.html",
        Route::html(format!(
            "<html><head><title>T{ESC}itle</title><meta name=\"author\" content=\"A{ESC}uthor\">\
             </head><body><article>{body}</article></body></html>"
        )),
    );
    let data = tempfile::tempdir().unwrap();
    let out = lede(data.path(), &["add", &page]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let saved = library(data.path());
    let text = String::from_utf8_lossy(saved.values().next().unwrap()).into_owned();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(text.contains("Title") && text.contains("Author"), "{text}");
    let name = saved.keys().next().unwrap();
    assert!(
        name.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.'),
        "{name}"
    );
}
