//! The formats users have besides plain text: Markdown with front matter and JSON Lines
//! datasets; where each article came from; the same article reached twice listed once;
//! and the streaming load a background loader uses.

use std::fs;
use std::path::{Path, PathBuf};

use lede::corpus::{
    Corpus, Date, Format, ParagraphKind, SeenTexts, list_files, load_file, load_path,
};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

#[test]
fn markdown_front_matter_gives_the_metadata_and_markup_goes() {
    let a = load_file(&fixture("markdown/briefing.md")).unwrap();
    assert_eq!(a.origin.format, Format::Markdown);
    assert_eq!(a.title, "Ministers agree on a new fisheries deal");
    assert_eq!(a.date, Date::new(2022, 11, 3));
    assert_eq!(a.source.as_deref(), Some("The Harbour Post"));
    assert_eq!(a.byline, ["Kofi Mensah", "Lena Vogel"]);
    assert_eq!(a.tags, ["fisheries", "eu", "trade, policy"]);
    assert_eq!(
        a.origin.url.as_deref(),
        Some("https://harbourpost.example/fisheries-deal")
    );
    assert_eq!(a.paragraphs[0].kind, ParagraphKind::Headline);
    let texts: Vec<&str> = (0..a.paragraphs.len())
        .map(|i| a.paragraph_text(i))
        .collect();
    assert_eq!(
        texts,
        [
            "Ministers agree on a new fisheries deal",
            "Ministers from eight countries agreed on Thursday to cut the cod quota by a fifth,\n\
             after scientists warned that stocks in the North Sea\nwere close to collapse.",
            "What changes",
            "• Quotas fall by 20 percent from January.",
            "• Inspections at sea will double.",
            "\"This is painful, but the alternative is no fishery at all,\" one minister said.",
        ]
    );
    for mark in ["**", "](", "![", "---", "layout", "# "] {
        assert!(!a.body.contains(mark), "{mark:?} left in {:?}", a.body);
    }
}

#[test]
fn markdown_without_front_matter_takes_its_title_from_the_heading() {
    let a = load_file(&fixture("markdown/no-front-matter.md")).unwrap();
    assert_eq!(a.title, "Council approves cycle lanes");
    assert_eq!(a.paragraphs[0].kind, ParagraphKind::Headline);
    assert!(!a.body.contains("==="));
}

#[test]
fn json_lines_give_an_article_per_good_line_and_name_the_bad_lines() {
    let path = fixture("jsonl/news.jsonl");
    let loaded = load_path(&path);
    let titles: Vec<(&str, usize)> = loaded
        .articles
        .iter()
        .map(|a| (a.title.as_str(), a.origin.line.unwrap()))
        .collect();
    assert_eq!(
        titles,
        [
            ("Storm closes ports along the coast", 1),
            ("Central bank holds rates", 4),
            ("A record with only content and no title at all.", 9),
            ("Storm closes ports (syndicated copy)", 11),
            ("Unicode éè and emoji 😀", 12),
        ]
    );
    let problems: Vec<&str> = loaded.problems.iter().map(|p| p.reason.as_str()).collect();
    assert_eq!(problems.len(), 6, "{problems:#?}");
    for (problem, line) in problems.iter().zip([2, 5, 6, 7, 8, 13]) {
        assert!(
            problem.starts_with(&format!("line {line}: ")),
            "{problem} should be about line {line}"
        );
    }
    assert!(problems[0].contains("not valid JSON"));
    assert!(problems[1].contains("not a JSON object"));
    assert!(problems[3].contains("no article text"));
    assert!(loaded.problems.iter().all(|p| p.path == path));

    let storm = &loaded.articles[0];
    assert_eq!(storm.origin.format, Format::JsonLines);
    assert_eq!(storm.origin.file, path);
    assert_eq!(storm.origin.label(), format!("{}:1", path.display()));
    assert_eq!(storm.path, PathBuf::from(format!("{}:1", path.display())));
    assert_eq!(storm.date, Date::new(2021, 1, 12));
    assert_eq!(storm.source.as_deref(), Some("Coast News"));
    assert_eq!(storm.byline, ["Ana Ruiz"]);
    assert_eq!(storm.tags, ["weather", "shipping"]);
    assert_eq!(
        storm.origin.url.as_deref(),
        Some("https://news.example/storm")
    );
    assert_eq!(storm.paragraphs.len(), 2);

    let bank = &loaded.articles[1];
    assert_eq!(bank.date, Date::new(2021, 3, 4));
    assert_eq!(bank.source.as_deref(), Some("Money Daily"));
    assert_eq!(bank.paragraphs.len(), 2, "a list of strings is paragraphs");
    assert_eq!(loaded.articles[4].date, None);
}

#[test]
fn the_same_text_reached_twice_is_listed_once_with_both_origins() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Ministers met on Monday. They agreed on nothing at all.";
    fs::write(dir.path().join("a.txt"), text).unwrap();
    fs::write(dir.path().join("copy.txt"), format!("{text}\n\n")).unwrap();
    fs::write(
        dir.path().join("b.md"),
        format!("---\ntitle: Ministers meet\n---\n{text}\n"),
    )
    .unwrap();
    fs::write(
        dir.path().join("c.jsonl"),
        format!("{{\"title\":\"Other\",\"text\":\"{text}\"}}\n{{\"text\":\"Different.\"}}\n"),
    )
    .unwrap();
    let corpus = Corpus::load(&[dir.path().to_path_buf()]);
    assert_eq!(corpus.articles.len(), 2, "{:#?}", corpus.articles);
    let kept = &corpus.articles[0];
    assert_eq!(kept.file_name(), "a.txt");
    let also: Vec<String> = kept
        .origin
        .duplicates
        .iter()
        .map(|d| d.rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(also, ["b.md", "c.jsonl:1", "copy.txt"]);
    assert_eq!(corpus.articles[1].body, "Different.");
}

#[test]
fn folders_load_every_format_and_streaming_gives_the_same_corpus() {
    let dir = tempfile::tempdir().unwrap();
    for (name, from) in [
        ("pages/one.html", "html/daily-herald.html"),
        ("pages/two.HTM", "html/metro-wire.html"),
        ("data/news.ndjson", "jsonl/news.jsonl"),
        ("notes/briefing.markdown", "markdown/briefing.md"),
    ] {
        let to = dir.path().join(name);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(fixture(from), to).unwrap();
    }
    fs::write(dir.path().join("notes/skip.json"), "{}").unwrap();
    fs::write(dir.path().join("plain.txt"), "Plain text story.").unwrap();

    let listed = list_files(&[dir.path().to_path_buf()]);
    let names: Vec<String> = listed
        .files
        .iter()
        .map(|f| f.strip_prefix(dir.path()).unwrap().display().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "data/news.ndjson",
            "notes/briefing.markdown",
            "pages/one.html",
            "pages/two.HTM",
            "plain.txt"
        ]
    );

    // What a background loader does: list, read each file anywhere, add in order.
    let mut streamed = Corpus::default();
    let mut seen = SeenTexts::new();
    for file in &listed.files {
        streamed.add(load_path(file), &mut seen);
    }
    let whole = Corpus::load(&[dir.path().to_path_buf()]);
    let ids = |c: &Corpus| {
        c.articles
            .iter()
            .map(|a| a.path.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&streamed), ids(&whole));
    assert_eq!(streamed.problems, whole.problems);
    // 4 distinct dataset articles (one syndicated copy dropped), 4 files of one each.
    assert_eq!(whole.articles.len(), 8);
    assert_eq!(whole.problems.len(), 6, "the dataset's bad lines");
    let formats: Vec<Format> = whole.articles.iter().map(|a| a.origin.format).collect();
    assert_eq!(
        formats,
        [
            Format::JsonLines,
            Format::JsonLines,
            Format::JsonLines,
            Format::JsonLines,
            Format::Markdown,
            Format::Html,
            Format::Html,
            Format::Text
        ]
    );
}

#[test]
fn loading_reports_progress_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..20 {
        fs::write(
            dir.path().join(format!("{i:02}.txt")),
            format!("Story {i}."),
        )
        .unwrap();
    }
    let mut calls = Vec::new();
    let corpus = Corpus::load_with_progress(&[dir.path().to_path_buf()], |done, total| {
        calls.push((done, total))
    });
    assert_eq!(corpus.articles.len(), 20);
    assert_eq!(calls, (1..=20).map(|d| (d, 20)).collect::<Vec<_>>());
    assert_eq!(
        corpus.articles[7].body, "Story 7.",
        "in file order whatever the timing"
    );
}

#[test]
fn many_files_load_in_listing_order_with_duplicates_noted_on_the_first() {
    // More files than a reader hands over at once, so results arrive out of order.
    let dir = tempfile::tempdir().unwrap();
    let count = 500;
    for i in 0..count {
        // Every tenth file repeats the story of the file five before it.
        let story = if i % 10 == 9 { i - 5 } else { i };
        let text = format!("Story number {story} began on Monday. It ended on Friday.");
        fs::write(dir.path().join(format!("{i:04}.txt")), text).unwrap();
    }
    let mut calls = Vec::new();
    let corpus = Corpus::load_with_progress(&[dir.path().to_path_buf()], |done, total| {
        calls.push((done, total))
    });
    let names: Vec<String> = corpus.articles.iter().map(|a| a.file_name()).collect();
    let expected: Vec<String> = (0..count)
        .filter(|i| i % 10 != 9)
        .map(|i| format!("{i:04}.txt"))
        .collect();
    assert_eq!(names, expected);
    for article in &corpus.articles {
        let i: usize = article.file_name()[..4].parse().unwrap();
        let copies: Vec<String> = article
            .origin
            .duplicates
            .iter()
            .map(|d| d.rsplit('/').next().unwrap().to_string())
            .collect();
        let expected: Vec<String> = if i % 10 == 4 {
            vec![format!("{:04}.txt", i + 5)]
        } else {
            Vec::new()
        };
        assert_eq!(copies, expected, "{i}");
    }
    assert_eq!(calls.last(), Some(&(count, count)));
    assert!(calls.windows(2).all(|w| w[0].0 < w[1].0));
}

#[test]
fn markdown_emphasis_entities_and_reference_links_read_as_words() {
    let a = load_file(&fixture("markdown/ferry-fares.md")).unwrap();
    assert_eq!(a.title, "Harbour ferry fares rise & timetables change");
    let texts: Vec<&str> = (0..a.paragraphs.len())
        .map(|i| a.paragraph_text(i))
        .collect();
    assert_eq!(
        texts[1],
        "The council's transport committee voted on Tuesday to raise ferry fares by\n\
         ten percent, citing fuel costs — the first rise since 2019, according to the\n\
         committee's report and a statement."
    );
    assert!(texts[2].starts_with("Commuters <> tourists: the cheaper off-peak ticket stays"));
    assert!(texts.contains(&"• Single fares rise to €3.30."));
    assert!(texts.contains(&"Timetables are posted at every pier."));
    for syntax in [
        "*", "_Tuesday", "&amp;", "&mdash;", "[report]", "https://", "<aside>",
    ] {
        assert!(!a.body.contains(syntax), "{syntax:?} left in:\n{}", a.body);
    }
    // Byte ranges point at the words as shown.
    let sentence = (0..a.sentences.len())
        .map(|i| a.sentence_text(i))
        .find(|s| s.contains("off-peak"))
        .unwrap();
    assert!(sentence.contains("the cheaper off-peak ticket stays, said the\nchair"));
}
