//! Saved news pages, made by hand from typical newspaper markup, judged by what the reader
//! gets: headline, byline, date, source, address and the story's paragraphs — none of the
//! navigation, ads, share buttons, newsletter boxes, related links or comments.

use std::path::Path;

use lede::corpus::{Article, Date, Format, ParagraphKind, load_file};

fn page(name: &str) -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html")
        .join(name);
    load_file(&path).unwrap_or_else(|reason| panic!("{name}: {reason}"))
}

/// The paragraphs after the headline.
fn story(article: &Article) -> Vec<&str> {
    assert_eq!(article.paragraphs[0].kind, ParagraphKind::Headline);
    (1..article.paragraphs.len())
        .map(|i| article.paragraph_text(i))
        .collect()
}

fn assert_no_chrome(article: &Article, chrome: &[&str]) {
    for words in chrome {
        assert!(
            !article.body.contains(words),
            "{}: page chrome {words:?} in the text:\n{}",
            article.file_name(),
            article.body
        );
    }
}

const COMMON_CHROME: &[&str] = &[
    "Advertisement",
    "Subscribe",
    "Sign up",
    "Share",
    "Facebook",
    "Twitter",
    "cookies",
    "Privacy",
    "Copyright",
    "©",
    "Comments",
    "googletag",
    "function",
    "{",
];

#[test]
fn a_broadsheet_page_with_json_ld_og_tags_ads_asides_and_comments() {
    let a = page("daily-herald.html");
    assert_eq!(a.origin.format, Format::Html);
    assert_eq!(
        a.title,
        "NATO holds emergency talks after Turkish troops killed in Idlib"
    );
    assert_eq!(a.byline, ["Hannah Okafor"]);
    assert_eq!(a.date, Date::new(2020, 2, 28));
    assert_eq!(a.source.as_deref(), Some("The Daily Herald"));
    assert_eq!(
        a.origin.url.as_deref(),
        Some("https://dailyherald.example/world/2020/feb/28/nato-idlib-talks")
    );
    assert_eq!(a.tags, ["NATO", "Turkey", "Syria"]);
    let story = story(&a);
    assert_eq!(
        story[0],
        "Allies meet at Ankara’s request after the deadliest day for Turkey’s army in Syria in decades."
    );
    assert_eq!(a.paragraphs[1].kind, ParagraphKind::Standfirst);
    assert!(story[1].starts_with("NATO ambassadors met in Brussels on Friday"));
    assert!(
        story.contains(&"Pressure on the alliance"),
        "subheadings stay"
    );
    assert!(
        story
            .last()
            .unwrap()
            .ends_with("wary of a repeat of the 2015 crisis.")
    );
    assert_eq!(story.len(), 8, "{story:#?}");
    assert_no_chrome(
        &a,
        &[
            COMMON_CHROME,
            &[
                "Turkey vows to retaliate",
                "Most viewed",
                "Storm Jorge",
                "readerX",
                "Photograph: Reuters",
                "Topics:",
                "14.05 GMT",
                "Diplomatic correspondent",
                "never shown",
            ],
        ]
        .concat(),
    );
}

#[test]
fn a_local_paper_in_tables_with_unclosed_paragraphs_and_a_story_split_by_a_promo() {
    let a = page("metro-wire.html");
    assert_eq!(
        a.title,
        "Water rates to rise 12% as city council approves budget"
    );
    assert_eq!(
        a.byline,
        ["Marcus Delgado"],
        "the page byline, not the meta tag's web address"
    );
    assert_eq!(a.date, Date::new(2023, 6, 14));
    assert_eq!(a.source.as_deref(), Some("Metro Wire"));
    let story = story(&a);
    assert_eq!(story.len(), 6, "both halves of the story: {story:#?}");
    assert!(story[0].starts_with("The city council voted 7-2"));
    assert!(story[2].starts_with("\"Nobody up here wants to raise rates,\""));
    assert!(story[5].starts_with("Residents who spoke at the four-hour meeting"));
    assert_no_chrome(
        &a,
        &[
            COMMON_CHROME,
            &[
                "BREAKING",
                "Route 9",
                "Log in",
                "Obituaries",
                "Don't miss",
                "Read more",
                "Trending",
                "graduation",
                "June 14, 2023",
                "By Marcus",
            ],
        ]
        .concat(),
    );
}

#[test]
fn a_wordpress_page_with_br_paragraphs_a_sidebar_and_long_comments() {
    let a = page("gazette-live.html");
    assert_eq!(a.title, "Harbour redevelopment plan gets green light");
    assert_eq!(a.byline, ["Priya Raman"]);
    assert_eq!(a.date, Date::new(2021, 3, 9));
    assert_eq!(a.source.as_deref(), Some("The Coastal Gazette"));
    assert_eq!(a.tags, ["harbour", "planning", "council"]);
    assert_eq!(
        a.origin.url.as_deref(),
        Some("https://coastalgazette.example/2021/03/09/harbour-redevelopment/")
    );
    let story = story(&a);
    assert_eq!(story.len(), 4, "{story:#?}");
    assert!(story[0].starts_with("A £40m plan to turn the old fish market"));
    assert_eq!(
        story[3],
        "Work could begin next spring, with the first of 180 homes ready by 2024, a council spokesman said."
    );
    assert_no_chrome(
        &a,
        &[
            COMMON_CHROME,
            &[
                "Posted on",
                "eyesore",
                "fishermen supposed",
                "thoughts on",
                "Recent Posts",
                "Lifeboat",
                "WordPress",
                "since 1887",
                "What's On",
            ],
        ]
        .concat(),
    );
}

#[test]
fn a_script_rendered_page_falls_back_to_json_ld_article_body() {
    let a = page("wire-service.html");
    assert_eq!(a.title, "Copper hits record as Chile mine strike drags on");
    assert_eq!(a.byline, ["Tomás Herrera"]);
    assert_eq!(a.date, Date::new(2024, 5, 20));
    assert_eq!(a.source.as_deref(), Some("Wire Service"));
    assert_eq!(
        a.origin.url.as_deref(),
        Some("https://wire.example/markets/copper-record-2024-05-20")
    );
    let story = story(&a);
    assert_eq!(story.len(), 3, "{story:#?}");
    assert!(story[2].starts_with("Union leaders said talks"));
    assert_no_chrome(&a, &["Loading", "enable JavaScript", "Markets"]);
}

#[test]
fn pages_read_as_comfortably_as_text_sentences_and_all() {
    for name in [
        "daily-herald.html",
        "metro-wire.html",
        "gazette-live.html",
        "wire-service.html",
    ] {
        let a = page(name);
        assert!(
            a.sentences.len() >= 4,
            "{name}: {} sentences",
            a.sentences.len()
        );
        assert!(a.lead_sentence().is_some(), "{name}");
        assert!(a.warnings.is_empty(), "{name}: {:?}", a.warnings);
    }
}

#[test]
fn an_html_page_without_the_extension_is_read_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved-page");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/metro-wire.html"),
        &path,
    )
    .unwrap();
    let a = load_file(&path).unwrap();
    assert_eq!(a.origin.format, Format::Html);
    assert_eq!(
        a.title,
        "Water rates to rise 12% as city council approves budget"
    );
}

/// The story paragraphs' texts (after the headline) and whether any is dimmed.
fn story_texts(a: &Article) -> Vec<String> {
    story(a).into_iter().map(str::to_string).collect()
}

#[test]
fn a_windows_1251_page_reads_by_its_meta_charset_with_byline_and_language() {
    let a = page("bridge-windows-1251.html");
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    assert_eq!(a.title, "Мост через реку откроют весной");
    assert_eq!(a.byline, ["Ольга Смирнова", "Павел Орлов"]);
    assert_eq!(a.language.as_deref(), Some("ru"));
    assert_eq!(a.date, Date::new(2023, 3, 14));
    assert_eq!(a.source.as_deref(), Some("Вечерний Вестник"));
    let story = story_texts(&a);
    assert_eq!(story.len(), 3, "{story:#?}");
    assert!(story[0].starts_with("Строители завершили укладку последнего пролёта"));
    assert!(story[2].ends_with("занимает больше часа."));
    // The page's `has-sidebar` class costs nothing; the share bar inside the story and
    // the sidebar beside it are left out.
    assert_no_chrome(&a, &["Поделиться", "Самое читаемое", "Главная"]);
}

#[test]
fn an_iso_8859_2_page_reads_by_its_http_equiv_declaration() {
    let a = page("tram-iso-8859-2.html");
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    assert_eq!(a.title, "Nowa linia tramwajowa w Łodzi");
    let story = story_texts(&a);
    assert_eq!(story.len(), 3, "{story:#?}");
    assert!(story[0].contains("połączy dworzec z osiedlami na południu miasta"));
    assert!(story[1].contains("Koszt inwestycji oszacowano na sto milionów złotych."));
    assert_no_chrome(&a, &["zastrzeżone"]);
}

#[test]
fn a_page_declaring_no_charset_is_read_in_the_encoding_detected() {
    let a = page("harvest-undeclared.html");
    assert_eq!(a.title, "Фермеры собрали рекордный урожай");
    assert!(
        a.warnings.iter().any(|w| w.contains("windows-1251")),
        "{:?}",
        a.warnings
    );
    let story = story_texts(&a);
    assert_eq!(story.len(), 3, "{story:#?}");
    assert!(story[1].starts_with("Специалисты объясняют успех тёплой весной"));
}

#[test]
fn site_furniture_inside_a_story_is_dimmed_as_boilerplate() {
    let html = "<html><body><article><h1>Ferry fares rise again</h1>\
        <div class=\"body\">\
        <p>The council voted on Tuesday to raise ferry fares by ten percent, citing fuel costs and repairs.</p>\
        <p>Sign up for our morning newsletter to get the day's news first.</p>\
        <p>Commuters said the cheaper off-peak ticket mattered most to them, and the chair agreed.</p>\
        <p>A queue at the pier on Monday (Image: Harbour Photos)</p>\
        <p>Reporting by Ines Silva; additional reporting by Tom Berg.</p>\
        </div></article></body></html>";
    let a =
        lede::corpus::article_from_bytes(Path::new("fares.html"), Format::Html, html.as_bytes())
            .unwrap();
    let dimmed: Vec<&str> = (0..a.paragraphs.len())
        .filter(|&i| a.paragraphs[i].kind.is_boilerplate())
        .map(|i| a.paragraph_text(i))
        .collect();
    assert_eq!(
        dimmed,
        [
            "Sign up for our morning newsletter to get the day's news first.",
            "A queue at the pier on Monday (Image: Harbour Photos)",
            "Reporting by Ines Silva; additional reporting by Tom Berg."
        ]
    );
    assert_eq!(
        a.paragraphs.len(),
        6,
        "headline, two story paragraphs, three dimmed"
    );
}
