//! The export API as the TUI's export dialog uses it (no binary): items with speakers,
//! writing a file and the overwrite refusal it can ask the user about, and the import
//! merge rules.

mod cli_support;
mod export_support;

use std::fs;

use export_support::*;
use lede::corpus::{Article, Corpus};
use lede::export::import::{Incoming, merge};
use lede::export::{self, Filter, Format, WouldOverwrite};
use lede::store::{AnchorOutcome, Highlight};

fn seeds() -> Vec<Article> {
    Corpus::seeds().articles
}

#[test]
fn a_speaker_given_by_extraction_is_exported() {
    let highlights = fixed_highlights();
    let articles = seeds();
    let speaker = |h: &Highlight, _: &Article| {
        h.quote
            .exact
            .starts_with("\"NATO is ready")
            .then(|| "Jens Stoltenberg".to_string())
    };
    let filter = Filter {
        articles: vec![SEED_003.to_string()],
        ..Filter::default()
    };
    let items = export::items(&highlights, &articles, &filter, &speaker);
    assert_eq!(items.len(), 2);
    let md = export::render(Format::Markdown, &items);
    assert!(
        md.contains("> \"NATO is ready and able to defend all allies, including Turkey, against any threats,\"\n>\n> — Jens Stoltenberg\n"),
        "{md}"
    );
    let csv = export::render(Format::Csv, &items);
    assert!(csv.contains(",Jens Stoltenberg,"), "{csv}");
    // Without extraction, no speaker.
    let items = export::items(&highlights, &articles, &filter, &export::no_speaker);
    assert!(items.iter().all(|i| i.speaker.is_none()));
}

#[test]
fn export_to_file_refuses_to_overwrite_unless_forced() {
    let highlights = fixed_highlights();
    let articles = seeds();
    let items = export::items(
        &highlights,
        &articles,
        &Filter::default(),
        &export::no_speaker,
    );
    let dir = temp_dir();
    let path = dir.path().join(Format::W3c.default_file_name());
    let summary = export::export_to_file(Format::W3c, &items, &path, false).expect("written");
    assert_eq!(
        summary.to_string(),
        format!(
            "exported 7 highlights from 5 articles as w3c (1 orphaned, from their stored text) to {}",
            path.display()
        )
    );
    let err = export::export_to_file(Format::Csv, &items, &path, false).expect_err("refused");
    assert_eq!(
        err.downcast_ref::<WouldOverwrite>(),
        Some(&WouldOverwrite(path.clone()))
    );
    assert!(fs::read_to_string(&path).expect("kept").starts_with('{'));
    export::export_to_file(Format::Csv, &items, &path, true).expect("forced");
    assert!(
        fs::read_to_string(&path)
            .expect("replaced")
            .starts_with("article,")
    );
    assert!(export::export_to_file(Format::Csv, &items, dir.path(), true).is_err());
}

#[test]
fn formats_have_names() {
    for format in Format::ALL {
        assert_eq!(format.name().parse::<Format>(), Ok(format));
    }
    assert!("docx".parse::<Format>().is_err());
}

fn incoming(h: &Highlight) -> Incoming {
    Incoming {
        label: "test".to_string(),
        highlight: h.clone(),
    }
}

#[test]
fn duplicates_are_skipped_and_new_tags_or_notes_merged() {
    let fixed = fixed_highlights();
    let mut store = vec![fixed[2].clone()]; // tags idlib, russia; no note
    let mut same = fixed[2].clone();
    same.id = "other-id".to_string();
    let mut more = same.clone();
    more.tags = vec!["moscow".to_string()];
    more.note = Some("new note".to_string());
    let mut orphan = fixed[0].clone();
    orphan.article = "https://example.org/a".to_string();
    orphan.anchor = AnchorOutcome::Orphaned;
    let summary = merge(
        &mut store,
        vec![
            incoming(&same),
            incoming(&more),
            incoming(&more),
            incoming(&orphan),
            incoming(&orphan),
        ],
    );
    assert_eq!(
        (
            summary.added,
            summary.merged,
            summary.skipped,
            summary.orphaned
        ),
        (0, 1, 3, 1)
    );
    assert_eq!(
        summary.to_string(),
        "0 added, 1 merged, 3 skipped, 1 orphaned"
    );
    assert_eq!(store.len(), 2);
    assert_eq!(store[0].tags, ["idlib", "moscow", "russia"]);
    assert_eq!(store[0].note.as_deref(), Some("new note"));
    assert_eq!(store[0].id, fixed[2].id);
}

/// Strings made of Markdown (and Obsidian) syntax, from a fixed pseudo-random sequence.
fn hostile_strings() -> Vec<String> {
    const PIECES: &[&str] = &[
        "*",
        "_",
        "#",
        "- ",
        "+ ",
        "1. ",
        "2) ",
        "> ",
        "`",
        "```",
        "~~~",
        "<div>",
        "[x](y)",
        "![i](j)",
        "&amp;",
        "\\",
        "|",
        "==",
        "%%",
        "$",
        "^",
        "~",
        "    ",
        "\t",
        "\n",
        "\n\n",
        "---",
        "***",
        "===",
        "<http://x>",
        "[^1]",
        "[[w]]",
        "{#id}",
        "a",
        " ",
        "\r",
        "\u{1b}[31m",
        "| a | b |\n|---|---|",
        "- [ ] task",
        "$$\nx\n$$",
        "word",
        "9.",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..400)
        .map(|_| {
            let len = 1 + next() % 12;
            (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect()
        })
        .collect()
}

#[test]
fn hostile_text_never_becomes_markdown_structure() {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT
        | Options::ENABLE_WIKILINKS;
    let base = fixed_highlights().remove(2);
    for text in hostile_strings() {
        let mut h = base.clone();
        h.article = text.clone();
        h.quote.exact = text.clone();
        h.quote.prefix = text.clone();
        h.quote.suffix = text.clone();
        h.note = Some(text.clone());
        let items = export::items(
            std::slice::from_ref(&h),
            &[],
            &Filter::default(),
            &export::no_speaker,
        );
        let md = export::render(Format::Markdown, &items);
        let (mut headings, mut quotes, mut lists, mut links) = (0, 0, 0, 0);
        for event in Parser::new_ext(&md, options) {
            match event {
                Event::Start(Tag::Heading { .. }) => headings += 1,
                Event::Start(Tag::BlockQuote(_)) => quotes += 1,
                Event::Start(Tag::List(_)) => lists += 1,
                Event::Start(Tag::Link { .. }) => links += 1,
                Event::Start(Tag::Paragraph | Tag::Item) | Event::End(_) => {}
                Event::Text(_) | Event::SoftBreak => {}
                other => panic!("{other:?} from {text:?} in:\n{md}"),
            }
        }
        // The article's details are a list only for what can be said of it (a path).
        assert_eq!(
            (headings, quotes, lists.min(1), links),
            (2, 1, lists, 1),
            "{text:?} in:\n{md}"
        );
        assert!(!md.contains('\u{1b}') && !md.contains('\r'));
    }
}

#[test]
fn the_speaker_is_that_of_the_quote_holding_the_passage() {
    let article = seed(SEED_003);
    let highlights = fixed_highlights();
    let stoltenberg = &highlights[4];
    let passage = stoltenberg.byte_range(&article.body).expect("placed");
    let quotes = vec![
        (0..10, "Someone Else".to_string()),
        (
            passage.start + 1..passage.end - 1,
            "Jens Stoltenberg".to_string(),
        ),
    ];
    assert_eq!(
        export::speaker_for(stoltenberg, &article, &quotes).as_deref(),
        Some("Jens Stoltenberg")
    );
    // A passage mostly outside any quote has no speaker; an orphan neither.
    let short = vec![(
        passage.start..passage.start + 5,
        "Jens Stoltenberg".to_string(),
    )];
    assert_eq!(export::speaker_for(stoltenberg, &article, &short), None);
    assert_eq!(export::speaker_for(&highlights[5], &article, &quotes), None);
}

#[test]
fn articles_with_the_same_title_get_their_own_files() {
    use lede::corpus::parse_article;
    use std::path::PathBuf;
    let dir = temp_dir();
    let article = |name: &str, body: &str| {
        parse_article(
            dir.path().join(name),
            &format!("Storm: closes / ports\n\n{body}\n"),
            Vec::new(),
        )
    };
    let articles = vec![
        article("a.txt", "The first storm text."),
        article("b.txt", "The second storm text."),
    ];
    let highlights: Vec<Highlight> = articles
        .iter()
        .map(|a| {
            let start = a.body.find("storm text").expect("passage");
            Highlight::new(a, start..start + 10).expect("highlight")
        })
        .collect();
    let items = export::items(
        &highlights,
        &articles,
        &Filter::default(),
        &export::no_speaker,
    );
    let out: PathBuf = dir.path().join("notes");
    let summary = export::export_per_article(&items, &out, false).expect("written");
    assert_eq!(summary.files, Some(2));
    let mut names: Vec<String> = fs::read_dir(&out)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["Storm closes ports (2).md", "Storm closes ports.md"]
    );
    // Nothing is replaced without force, and nothing half-written.
    let err = export::export_per_article(&items, &out, false).expect_err("refused");
    assert!(err.downcast_ref::<WouldOverwrite>().is_some());
    assert_eq!(fs::read_dir(&out).expect("list").count(), 2);
}
