//! The reader's feed keys as a user drives them (issue 13): the list's feed/outlet, the
//! feed filter and picker, `r` (its events fed in as the worker sends them), `o` and `y`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use anyhow::Context;

use lede::corpus::{Article, Corpus, Date, Metadata, Origin, parse_with_metadata};
use ratatui::layout::Rect;

use super::app::{App, Effect, Focus};
use super::feeds::{Event, FeedProblem, Summary};
use super::keymap::Keymap;
use super::outbox::Report;
use super::tests::{overlay, press, screen, type_text};

struct Item<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    source: Option<&'a str>,
    feed: Option<&'a str>,
    url: Option<&'a str>,
}

fn article(item: &Item) -> Article {
    let origin = Origin {
        file: PathBuf::from(item.path),
        url: item.url.map(str::to_string),
        feed: item.feed.map(str::to_string),
        ..Origin::default()
    };
    let metadata = Metadata {
        title: Some(item.title.to_string()),
        date: item.date.and_then(Date::parse_iso),
        source: item.source.map(str::to_string),
        ..Metadata::default()
    };
    let text = format!(
        "{}\n\nThe story of {} is told here in a few plain words.",
        item.title,
        item.title.to_lowercase()
    );
    parse_with_metadata(item.path.into(), &text, Vec::new(), metadata, origin)
}

/// A library as feeds fill it: two feeds, an aggregator's item from another outlet, a
/// feed without an outlet, a page saved with `lede add` and a local file.
fn feed_corpus() -> Corpus {
    let items = [
        Item {
            path: "library/2024-03-04-sea-wall-approved.md",
            title: "Sea wall approved after a long debate",
            date: Some("2024-03-04"),
            source: Some("Coastal Gazette"),
            feed: Some("Coastal Gazette"),
            url: Some("https://gazette.example/sea-wall"),
        },
        Item {
            path: "library/2024-03-03-fishermen-welcome-plan.md",
            title: "Fishermen welcome the harbour plan",
            date: Some("2024-03-03"),
            source: Some("Coastal Gazette"),
            feed: Some("Coastal Gazette"),
            url: Some("https://gazette.example/fishermen"),
        },
        Item {
            path: "library/2024-03-04-rail-strike-called-off.md",
            title: "Rail strike called off at the last minute",
            date: Some("2024-03-04"),
            source: Some("The Ledger"),
            feed: Some("Hacker Digest"),
            url: Some("https://ledger.example/rail"),
        },
        Item {
            path: "library/2024-03-02-council-budget-passes.md",
            title: "Council budget passes with a narrow vote",
            date: Some("2024-03-02"),
            source: None,
            feed: Some("City Desk"),
            url: Some("javascript:alert(1)"),
        },
        Item {
            path: "library/2024-03-01-why-the-harbour-matters.md",
            title: "Opinion: why the harbour matters to all of us",
            date: Some("2024-03-01"),
            source: Some("Harbour Weekly"),
            feed: None,
            url: Some("https://weekly.example/opinion"),
        },
        Item {
            path: "notes/interview.txt",
            title: "Interview notes with the harbour master",
            date: None,
            source: None,
            feed: None,
            url: None,
        },
    ];
    Corpus {
        articles: items.iter().map(article).collect(),
        problems: Vec::new(),
    }
}

fn feed_app(width: u16, height: u16) -> App {
    let mut app = App::new(
        feed_corpus(),
        Keymap::defaults(),
        Rect::new(0, 0, width, height),
    );
    // The second article has been read and the first has two highlights.
    app.shared.read[1] = true;
    let key = app.shared.keys.key(0).to_string();
    app.shared.highlight_counts.insert(key, 2);
    app
}

/// Titles in list order.
fn titles(app: &App) -> Vec<String> {
    app.list
        .order
        .iter()
        .map(|&i| app.shared.corpus.articles[i].title.clone())
        .collect()
}

#[test]
fn snapshot_feed_list_at_80x24() {
    insta::assert_snapshot!(screen(&feed_app(80, 24)));
}

#[test]
fn snapshot_feed_list_at_140x40() {
    insta::assert_snapshot!(screen(&feed_app(140, 40)));
}

#[test]
fn snapshot_feed_list_zoomed_is_a_table_at_140x40() {
    let mut app = feed_app(140, 40);
    press(&mut app, "z");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn the_list_shows_where_each_article_is_from_and_its_read_mark() {
    let mut app = feed_app(140, 40);
    let zoomed = {
        press(&mut app, "z");
        let text = screen(&app);
        press(&mut app, "z");
        text
    };
    assert!(zoomed.contains("The Ledger via Hacker Digest"), "{zoomed}");
    let text = screen(&app);
    for shown in [
        "2024-03-04 · Coastal Gazette",
        "2024-03-04 · The Ledger via Hac…",
        "2024-03-02 · City Desk",
        "Harbour Weekly",
        "interview.txt",
        "✎2",
    ] {
        assert!(text.contains(shown), "{shown}:\n{text}");
    }
    assert!(text.contains("┃ Fishermen"), "read: no mark");
    assert!(text.contains("┃•Rail"), "unread: marked");
    assert!(text.contains("┃▸Sea"), "open: marked");
}

#[test]
fn the_filter_takes_feed_terms_and_the_picker_sets_one() -> anyhow::Result<()> {
    let mut app = feed_app(120, 30);
    press(&mut app, "f");
    type_text(&mut app, "feed:gazette\n");
    assert_eq!(
        titles(&app),
        [
            "Sea wall approved after a long debate",
            "Fishermen welcome the harbour plan"
        ]
    );
    assert!(screen(&app).contains("filter: feed:gazette"));
    // Words still match titles, and an outlet counts as the feed of a saved page.
    press(&mut app, "esc f");
    type_text(&mut app, "feed:\"harbour weekly\" harbour\n");
    assert_eq!(
        titles(&app),
        ["Opinion: why the harbour matters to all of us"]
    );

    // F lists the feeds with their counts; Enter keeps the other words of the filter.
    press(&mut app, "esc f");
    type_text(&mut app, "vote\n");
    press(&mut app, "F");
    let picker = overlay::<super::overlays::feeds::FeedPicker>(&app).context("the picker")?;
    let listed: Vec<(String, usize, usize)> = picker
        .listed(&app.shared)
        .into_iter()
        .map(|f| (f.name, f.articles, f.unread))
        .collect();
    assert_eq!(
        listed,
        [
            ("City Desk".to_string(), 1, 1),
            ("Coastal Gazette".to_string(), 2, 1),
            ("Hacker Digest".to_string(), 1, 1),
            ("Harbour Weekly".to_string(), 1, 1),
        ]
    );
    type_text(&mut app, "desk");
    press(&mut app, "enter");
    assert!(app.overlays.is_empty());
    assert_eq!(app.list.filter.as_deref(), Some("feed:\"City Desk\" vote"));
    assert_eq!(titles(&app), ["Council budget passes with a narrow vote"]);
    // The first line of the picker is every feed.
    press(&mut app, "F home enter");
    assert_eq!(app.list.filter.as_deref(), Some("vote"));
    // A picked feed is matched whole: "Gazette" alone does not pick "Coastal Gazette".
    press(&mut app, "esc f");
    type_text(&mut app, "feed:\"Gazette\"\n");
    assert!(titles(&app).is_empty());
    Ok(())
}

#[test]
fn help_and_hints_list_r_o_y_and_f_where_they_work() {
    let mut app = feed_app(140, 40);
    let text = screen(&app);
    for hint in ["o browser", "y copy link", "r refresh", "F feeds"] {
        assert!(text.contains(hint), "{hint}:\n{text}");
    }
    // The article under the cursor has no usable address: no o/y hints there.
    press(&mut app, "j j j");
    let text = screen(&app);
    assert!(text.contains("Council budget"), "{text}");
    assert!(!text.contains("o browser"), "{text}");
    let sections = super::overlays::help::sections(&app.shared.keymap);
    let rows: Vec<&(String, String)> = sections.iter().flat_map(|s| s.rows.iter()).collect();
    for (key, words) in [
        ("r", "fetch new articles from every feed"),
        ("o", "in the browser"),
        ("y", "OSC 52"),
        ("F", "one feed's articles"),
    ] {
        assert!(
            rows.iter().any(|(k, h)| k == key && h.contains(words)),
            "{key}: {words}"
        );
    }
    assert!(sections.iter().any(|s| s.heading.starts_with("Feeds")));
}

/// An app whose background jobs report into a channel the test reads.
fn with_outbox(app: &mut App) -> mpsc::Receiver<Report> {
    let (sender, receiver) = mpsc::channel();
    let sender = std::sync::Mutex::new(sender);
    app.shared.outbox = Some(Arc::new(move |report| {
        sender.lock().is_ok_and(|s| s.send(report).is_ok())
    }));
    receiver
}

fn saved_file(
    dir: &Path,
    name: &str,
    title: &str,
    feed: &str,
    date: &str,
) -> std::io::Result<Report> {
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!(
            "---\ntitle: \"{title}\"\ndate: {date}\nsource: \"{feed}\"\nfeed: \"{feed}\"\n\
             url: \"https://news.example/{name}\"\n---\n\n# {title}\n\nWhat happened in {title}, told in full.\n"
        ),
    )?;
    Ok(Report::Feeds(Event::Saved(Some(lede::corpus::load_path(
        &path,
    )))))
}

#[test]
fn r_adds_new_articles_as_they_arrive_keeping_the_place_and_selection() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    // Five articles (cards of two lines) fit in the list.
    let mut app = super::tests::app(120, 14);
    app.shared.feeds.data_dir = Some(dir.path().to_path_buf());
    press(&mut app, "j j enter");
    let open = app.shared.open;
    let reading = app.reader_offset();
    press(&mut app, "h j");
    let selected = app.list.order[app.list.cursor];
    let line = app.list.cursor - app.list.top.get();

    app.shared.feeds.pretend_started();
    // Articles join as each arrives (the reader spaces joins out in time).
    app.shared.feeds.join_every = Duration::ZERO;
    assert!(screen(&app).contains("updating feeds…"));
    app.background(Report::Feeds(Event::Started { feeds: 2 }));
    let dir = dir.path();
    let changed = app.background(saved_file(
        dir,
        "a.md",
        "Harbour reopens",
        "Coastal Gazette",
        "2024-03-04",
    )?);
    assert!(changed.articles, "the article has joined");
    app.background(saved_file(
        dir,
        "b.md",
        "Ferry returns",
        "Coastal Gazette",
        "2024-03-05",
    )?);
    app.background(Report::Feeds(Event::FeedDone {
        done: 1,
        total: 2,
        problem: None,
    }));
    assert_eq!(app.shared.corpus.articles.len(), 7);
    let text = screen(&app);
    assert!(text.contains("updating feeds 1/2 · 2 new"), "{text}");
    assert!(text.contains("Articles · 7 · 6 unread"), "{text}");
    // Newest first, so above the user's place, which stays on screen where it was.
    assert_eq!(titles(&app)[..2], ["Ferry returns", "Harbour reopens"]);
    assert_eq!(app.list.order[app.list.cursor], selected, "selection kept");
    assert_eq!(
        app.list.cursor - app.list.top.get(),
        line,
        "on the same line"
    );
    assert_eq!((app.shared.open, app.reader_offset()), (open, reading));
    assert_eq!(app.focus, Focus::List);
    assert!(!app.shared.is_read(5), "a new article is unread");

    // r again while it runs says so; keys still work meanwhile.
    press(&mut app, "r");
    assert!(
        app.shared
            .notice
            .as_deref()
            .is_some_and(|n| n.starts_with("already updating: updating feeds 1/2")),
        "{:?}",
        app.shared.notice
    );
    press(&mut app, "k");
    assert_eq!(
        app.list.cursor, 4,
        "the selection was on the sixth article of seven"
    );

    // A failing feed is counted, then listed once with its reasons under !.
    let problem = FeedProblem {
        feed: "Broken Feed".into(),
        url: "http://127.0.0.1:9/feed.xml".into(),
        failed: true,
        reasons: vec![
            "HTTP 404 (not found)".into(),
            "an item's page failed".into(),
        ],
    };
    app.background(Report::Feeds(Event::FeedDone {
        done: 2,
        total: 2,
        problem: Some(problem),
    }));
    assert!(screen(&app).contains("updating feeds 2/2 · 2 new · 1 failed"));
    let changed = app.background(Report::Feeds(Event::Finished(Ok(Summary {
        text: "2 feeds · 2 new articles · 0 unchanged · 1 failed".into(),
        list_problems: Vec::new(),
    }))));
    assert!(changed.reindex, "the search index is rebuilt with them");
    let notice = app.shared.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("feeds updated: 2 feeds · 2 new articles") && notice.contains("! lists"),
        "{notice}"
    );
    press(&mut app, "j");
    let text = screen(&app);
    assert!(
        text.contains("1 feed with problems (! lists them)"),
        "{text}"
    );
    press(&mut app, "!");
    let text = screen(&app);
    for shown in [
        "Feeds, last update",
        "Broken Feed · http://127.0.0.1:9/feed.xml",
        "HTTP 404 (not found)",
        "an item's page failed",
    ] {
        assert_eq!(text.matches(shown).count(), 1, "{shown}:\n{text}");
    }
    Ok(())
}

#[test]
fn articles_saved_while_the_folder_loads_join_when_it_has_loaded() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut app = super::tests::app(120, 30);
    app.shared.loading = Some(super::loading::Loading::new(None));
    app.shared.feeds.pretend_started();
    let saved = saved_file(
        dir.path(),
        "a.md",
        "Harbour reopens",
        "Gazette",
        "2024-03-04",
    )?;
    let changed = app.background(saved);
    assert!(!changed.articles);
    app.background(Report::Feeds(Event::Finished(Ok(Summary {
        text: "1 feed".into(),
        list_problems: Vec::new(),
    }))));
    assert_eq!(app.shared.corpus.articles.len(), 5, "not while loading");
    app.progress(super::loading::Progress::Finished);
    assert_eq!(app.shared.corpus.articles.len(), 6);
    assert!(titles(&app).contains(&"Harbour reopens".to_string()));
    Ok(())
}

#[test]
fn r_without_feeds_or_a_data_folder_says_how_to_get_them() -> anyhow::Result<()> {
    let mut app = super::tests::app(120, 30);
    press(&mut app, "r");
    let notice = app.shared.notice.clone().unwrap_or_default();
    assert!(notice.contains("no data folder"), "{notice}");

    let dir = tempfile::tempdir()?;
    app.shared.feeds.data_dir = Some(dir.path().to_path_buf());
    let reports = with_outbox(&mut app);
    press(&mut app, "r");
    assert!(screen(&app).contains("updating feeds…"));
    let report = reports
        .recv_timeout(Duration::from_secs(10))
        .context("the worker reports")?;
    app.background(report);
    let text = screen(&app);
    assert!(
        text.contains("no feeds yet: add one with `lede feed add URL`"),
        "{text}"
    );
    assert!(app.shared.feeds.running.is_none(), "r works again");
    assert!(
        !dir.path().join("feeds.jsonl").exists(),
        "nothing is written when there is nothing to update"
    );
    Ok(())
}

#[test]
fn o_and_y_say_why_when_there_is_no_address_to_use() {
    let mut app = feed_app(120, 30);
    app.shared.browser = super::links::Browser {
        from_env: Some("/nonexistent/browser".into()),
    };
    // The local file (last in the list) has no address.
    press(&mut app, "G o");
    let notice = app.shared.notice.clone().unwrap_or_default();
    assert_eq!(notice, "this article has no web address");
    assert!(press(&mut app, "y").is_empty(), "nothing is copied");
    assert_eq!(app.shared.notice.as_deref(), Some(notice.as_str()));
    // The council story's address is javascript: (from a hostile feed): refused.
    press(&mut app, "g j j j o");
    let notice = app.shared.notice.clone().unwrap_or_default();
    assert!(notice.contains("only http and https"), "{notice}");
    // A browser that is not there is said at once.
    press(&mut app, "g o");
    let notice = app.shared.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("/nonexistent/browser not found") && notice.contains("$BROWSER"),
        "{notice}"
    );
}

#[test]
fn y_sends_the_address_as_osc_52_in_the_list_and_the_reader() {
    use base64::Engine;
    let mut app = feed_app(120, 30);
    let decoded = |effects: &[Effect]| {
        effects.iter().find_map(|e| match e {
            Effect::Copy(sequence) => {
                let body = sequence
                    .strip_prefix("\u{1b}]52;c;")?
                    .strip_suffix("\u{1b}\\")?;
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(body)
                    .ok()?;
                String::from_utf8(bytes).ok()
            }
            _ => None,
        })
    };
    let effects = press(&mut app, "j j y");
    assert_eq!(
        decoded(&effects).as_deref(),
        Some("https://gazette.example/fishermen")
    );
    assert!(
        app.shared
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("https://gazette.example/fishermen")),
        "{:?}",
        app.shared.notice
    );
    // In the reader, the open article's.
    let effects = press(&mut app, "g enter y");
    assert_eq!(
        decoded(&effects).as_deref(),
        Some("https://gazette.example/sea-wall")
    );
}

#[test]
fn feed_problems_and_the_picker_draw_at_every_size() {
    let mut app = feed_app(120, 30);
    app.shared.feeds.pretend_started();
    let hostile = "\u{1b}]0;owned\u{7}x".repeat(40);
    app.background(Report::Feeds(Event::FeedDone {
        done: 1,
        total: 1,
        problem: Some(FeedProblem {
            feed: "A feed with a very long name ".repeat(8),
            url: "http://127.0.0.1:9/feed.xml".into(),
            failed: true,
            reasons: vec![lede::library::printable(&hostile)],
        }),
    }));
    for opening in ["!", "F"] {
        press(&mut app, opening);
        for (width, height) in [(1, 1), (20, 5), (40, 8), (80, 24), (300, 80)] {
            app.resize(Rect::new(0, 0, width, height));
            let text = screen(&app);
            assert!(!text.contains('\u{1b}') && !text.contains("]0;"), "{text}");
        }
        app.resize(Rect::new(0, 0, 120, 30));
        press(&mut app, "esc");
    }
}
