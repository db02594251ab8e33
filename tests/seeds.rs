//! The five bundled seed articles: title, date, source and first sentence of each, read
//! from the copies in `seeds/` compiled into the library.

use lede::corpus::{Corpus, Date, ParagraphKind};

struct Expected {
    file: &'static str,
    title: &'static str,
    date: Option<(i32, u8, u8)>,
    source: Option<&'static str>,
    lead: &'static str,
}

const EXPECTED: &[Expected] = &[
    Expected {
        file: "000_4c127d6cd1a64f9a.txt",
        title: "Following the killing of more than 33 Turkish soldiers, the largest single-day loss of…",
        date: Some((2020, 2, 28)),
        source: None,
        lead: "Following the killing of more than 33 Turkish soldiers, the largest single-day loss of troops for Turkey in decades, at the hands of the Assad regime forces and its Russian backers, NATO held an extraordinary meeting at the request of Turkey announcing its \"solidarity with Turkey.\"",
    },
    Expected {
        file: "001_70623a27b97a395d.txt",
        title: "Russian planes did not carry out strikes on the area of Idlib where Turkish units…",
        date: Some((2020, 2, 28)),
        source: None,
        lead: "Russian planes did not carry out strikes on the area of Idlib where Turkish units sustained aerial bombardments, according to Russia’s Defense Ministry, after 33 Turkish soldiers were killed in a brutal attack by the Moscow-backed Assad regime on Thursday night.",
    },
    Expected {
        file: "002_2dbff7b6134bf374.txt",
        title: "Russia-Backed Airstrike Killing Dozens of Turkish Troops in Syria Reignites Fears of Direct Confrontation",
        date: None,
        source: Some("The Slatest"),
        lead: "An airstrike in northwestern Syria late Thursday inflicted significant casualties on Turkish forces stationed there, killing at least 36 and raising fears of direct conflict between NATO-allied Turkey and Moscow.",
    },
    Expected {
        file: "003_d488c55d3acb0cdc.txt",
        title: "NATO Is Getting Ready to Defend Turkey From Russia",
        date: None,
        source: Some("VICE News"),
        lead: "NATO said today\u{a0}it was prepared to deploy troops in Turkey to defend its ally after violations of Turkish airspace by Russian jets bombing Syria, and Britain scolded Moscow for escalating a civil war that has already killed 250,000 people.",
    },
    Expected {
        file: "004_19fbee692e3c43df.txt",
        title: "Direct clashes between Turkish and Syrian troops in the midst of an offensive by the…",
        date: Some((2020, 2, 14)),
        source: None,
        lead: "Direct clashes between Turkish and Syrian troops in the midst of an offensive by the Syrian government in the last rebel stronghold in the Idlib province threaten to escalate into a full-blown conflict between the two neighbors and destroy an alliance between Turkey and Russia.",
    },
];

#[test]
fn every_seed_has_its_title_date_source_and_lead_sentence() {
    let corpus = Corpus::seeds();
    assert_eq!(corpus.articles.len(), EXPECTED.len());
    assert!(corpus.problems.is_empty());
    for (article, expected) in corpus.articles.iter().zip(EXPECTED) {
        assert_eq!(article.file_name(), expected.file);
        assert_eq!(article.title, expected.title, "title of {}", expected.file);
        let date = expected.date.and_then(|(y, m, d)| Date::new(y, m, d));
        assert_eq!(article.date, date, "date of {}", expected.file);
        assert_eq!(
            article.source.as_deref(),
            expected.source,
            "source of {}",
            expected.file
        );
        assert_eq!(
            article.lead_sentence(),
            Some(expected.lead),
            "lead of {}",
            expected.file
        );
    }
}

#[test]
fn the_date_header_is_not_part_of_the_body() {
    for article in Corpus::seeds().articles {
        assert!(
            !article.body.trim_start().starts_with("date "),
            "{}",
            article.title
        );
    }
}

#[test]
fn furniture_is_kept_but_marked() {
    let corpus = Corpus::seeds();
    let vice = &corpus.articles[3];
    let furniture: Vec<&str> = vice
        .boilerplate()
        .map(|p| &vice.body[p.range.clone()])
        .collect();
    assert_eq!(
        furniture,
        [
            "This story is over 5 years old.",
            "Photo via EPA",
            "Related: Meet the Colonel in Charge of Countering Russian Propaganda in Lithuania",
            "Watch the VICE News documentary, The Russians Are Coming: NATO's Frontier:",
            "Related: US Plan for Eastern Europe Is 'Not Provocative,' Says NATO Head — Yet Moscow Disagrees",
            "Follow VICE News on Twitter: @vicenews",
        ]
    );
    let slate = &corpus.articles[2];
    let kinds: Vec<ParagraphKind> = slate.paragraphs.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds[..4],
        [
            ParagraphKind::Section,
            ParagraphKind::Headline,
            ParagraphKind::Caption,
            ParagraphKind::Caption
        ]
    );
    assert_eq!(
        slate.paragraphs.last().map(|p| p.kind),
        Some(ParagraphKind::Boilerplate)
    );
}

#[test]
fn sentences_survive_abbreviations_and_decimals_in_the_seeds() {
    let corpus = Corpus::seeds();
    let all: Vec<&str> = corpus
        .articles
        .iter()
        .flat_map(|a| (0..a.sentences.len()).map(move |i| a.sentence_text(i)))
        .collect();
    let containing = |needle: &str| all.iter().filter(|s| s.contains(needle)).count();
    // Each of these appears in exactly one sentence, uncut.
    assert!(all.iter().any(|s| s.contains("Lt. Gen. Ali Abdullah Ayoub was quoted as saying by state media.")));
    assert!(
        all.iter()
            .any(|s| s.contains("U.S. Secretary of State Mike Pompeo"))
    );
    assert!(
        all.iter()
            .any(|s| s.contains("3.6 million Syrian refugees"))
    );
    assert!(all.iter().any(|s| s.contains("on Jan. 8 in Istanbul.")));
    assert_eq!(containing("Lt. Gen."), 1);
    for sentence in &all {
        assert!(!sentence.is_empty());
        assert_eq!(sentence.trim(), *sentence);
    }
}
