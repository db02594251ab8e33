//! The quotes, speakers and figures of the five bundled seed articles, as a careful reader
//! finds them. Quotes are given by the start of their text.

use lede::corpus::{Article, Corpus};
use lede::extract::{Extraction, FigureKind, FigureValue, extract};

/// (start of the quote text, speaker, fragment)
type Q = (&'static str, Option<&'static str>, bool);
/// (figure text, kind, value, qualifier, unit)
type F = (
    &'static str,
    FigureKind,
    V,
    Option<&'static str>,
    Option<&'static str>,
);

#[derive(Debug)]
enum V {
    N(f64),
    D(&'static str),
}

use FigureKind::*;
use V::{D, N};

struct Expected {
    file: &'static str,
    quotes: &'static [Q],
    figures: &'static [F],
}

const EXPECTED: &[Expected] = &[
    Expected {
        file: "000_4c127d6cd1a64f9a.txt",
        quotes: &[
            ("solidarity with Turkey.", Some("NATO"), true),
            ("follow developments.", Some("Jens Stoltenberg"), true),
            ("NATO has a lot of options", Some("Ali Bakeer"), false),
            (
                "If NATO fails to meaningfully support",
                Some("Ali Bakeer"),
                false,
            ),
            (
                "US and NATO have a vital interest",
                Some("Ali Bakeer"),
                false,
            ),
            (
                "The US and Europe can meaningfully aid",
                Some("Ali Bakeer"),
                false,
            ),
            (
                "unequivocal, unwavering and very strong",
                Some("Europe"),
                true,
            ),
        ],
        figures: &[
            (
                "more than 33 Turkish soldiers",
                Count,
                N(33.0),
                Some("more than"),
                Some("Turkish soldiers"),
            ),
            (
                "more than 900,000 Syrians",
                Count,
                N(900_000.0),
                Some("more than"),
                Some("Syrians"),
            ),
            ("hundreds dead", Approximate, N(100.0), None, Some("dead")),
            ("millions", Approximate, N(1e6), None, None),
            (
                "dozens of Russian diplomats",
                Approximate,
                N(12.0),
                None,
                Some("Russian diplomats"),
            ),
        ],
    },
    Expected {
        file: "001_70623a27b97a395d.txt",
        quotes: &[],
        figures: &[
            (
                "33 Turkish soldiers",
                Count,
                N(33.0),
                None,
                Some("Turkish soldiers"),
            ),
            ("February 27", Date, D("2020-02-27"), None, None),
            ("three year", Duration, N(3.0), None, Some("year")),
        ],
    },
    Expected {
        file: "002_2dbff7b6134bf374.txt",
        quotes: &[
            (
                "Turkey has asked the United States for Patriot missiles",
                Some("New York Times"),
                false,
            ),
            (
                "But Washington and NATO members",
                Some("New York Times"),
                false,
            ),
            ("no longer able to hold refugees.", Some("Turkey"), true),
        ],
        figures: &[
            (
                "Dozens of Turkish Troops",
                Approximate,
                N(12.0),
                None,
                Some("Turkish Troops"),
            ),
            ("Jan. 8", Date, D("--01-08"), None, None),
            ("at least 36", Count, N(36.0), Some("at least"), None),
            ("nine-year", Duration, N(9.0), None, Some("year")),
            (
                "thousands of forces",
                Approximate,
                N(1000.0),
                None,
                Some("forces"),
            ),
            (
                "hundreds of thousands",
                Approximate,
                N(100_000.0),
                None,
                None,
            ),
            (
                "nearly three million civilians",
                Count,
                N(3e6),
                Some("nearly"),
                Some("civilians"),
            ),
        ],
    },
    Expected {
        file: "003_d488c55d3acb0cdc.txt",
        quotes: &[
            // The standfirst: "the alliance's Secretary-General" is Jens Stoltenberg; quoted
            // inside a `said today that …` clause, the words are part of the writer's sentence.
            (
                "NATO is ready and able to defend all allies",
                Some("Jens Stoltenberg"),
                true,
            ),
            (
                "NATO is ready and able to defend all allies",
                Some("Jens Stoltenberg"),
                false,
            ),
            (
                "Greater than 90 percent of the strikes",
                Some("John Kirby"),
                false,
            ),
            (
                "They've been largely against opposition groups",
                Some("John Kirby"),
                false,
            ),
            (
                "have launched wide-ranging attacks",
                Some("Ali Abdullah Ayoub"),
                true,
            ),
            (
                "NATO has already responded",
                Some("Jens Stoltenberg"),
                false,
            ),
            ("reasons for concern", Some("Jens Stoltenberg"), true),
            (
                "There has to be a political solution",
                Some("Jens Stoltenberg"),
                false,
            ),
            (
                "Russia is making a very serious situation",
                Some("Michael Fallon"),
                false,
            ),
            (
                "We need to agree a long-term approach",
                Some("Adam Thomson"),
                false,
            ),
            ("The world is changing", Some("Adam Thomson"), false),
            ("That is part of our policy", Some("Michael Fallon"), false),
        ],
        figures: &[
            ("250,000 people", Count, N(250_000.0), None, Some("people")),
            (
                "Greater than 90 percent",
                Percent,
                N(90.0),
                Some("greater than"),
                Some("percent"),
            ),
            // `nearly two months ago` is a time relative to now, not an amount.
            ("first", Ordinal, N(1.0), None, None),
            (
                "two Russian fighters",
                Count,
                N(2.0),
                None,
                Some("Russian fighters"),
            ),
            (
                "two main European powers",
                Count,
                N(2.0),
                None,
                Some("main European powers"),
            ),
            (
                "5,000-strong rapid reaction force",
                Count,
                N(5000.0),
                None,
                Some("rapid reaction force"),
            ),
        ],
    },
    Expected {
        file: "004_19fbee692e3c43df.txt",
        quotes: &[
            ("anywhere in Syria", Some("Recep Tayyip Erdogan"), true),
            ("strengthen their hands", Some("Emre Ersen"), true),
            ("inevitable", Some("Emre Ersen"), true),
            (
                "Turkey would refuse to trigger a new crisis",
                Some("Emre Ersen"),
                false,
            ),
            (
                "Russia has switched campaigns",
                Some("US-based Institute for War Research"),
                true,
            ),
            (
                "Erdogan doesn’t bluff,",
                Some("Ozgur Unluhisarcikli"),
                false,
            ),
            (
                "Whenever he threatened to intervene",
                Some("Ozgur Unluhisarcikli"),
                false,
            ),
            (
                "The escalation of tensions",
                Some("Russian Defense Ministry"),
                false,
            ),
            (
                "neutralize terrorist groups in Idlib",
                Some("Dmitry Peskov"),
                true,
            ),
            ("That is illegal,", Some("Dmitry Peskov"), false),
            ("security zones", None, true),
            ("Everything on site shows", Some("Barcin Yinanc"), false),
            (
                "Basically, Turkey is sending the message",
                Some("Barcin Yinanc"),
                false,
            ),
            (
                "would not prevent the (Syrian) army",
                Some("The Syrian army"),
                true,
            ),
            (
                "Does he want to be the only power",
                Some("Barcin Yinanc"),
                false,
            ),
            ("The result of this could be", Some("Barcin Yinanc"), false),
        ],
        figures: &[
            // `the two neighbors` refers back to Turkey and Syria: no count of its own.
            ("2015", Year, N(2015.0), None, None),
            ("second", Ordinal, N(2.0), None, None),
            (
                "3.6 million Syrian refugees",
                Count,
                N(3.6e6),
                None,
                Some("Syrian refugees"),
            ),
            (
                "around 700,000 people",
                Count,
                N(700_000.0),
                Some("around"),
                Some("people"),
            ),
            (
                "two separate clashes",
                Count,
                N(2.0),
                None,
                Some("separate clashes"),
            ),
            (
                "at least 13 soldiers",
                Count,
                N(13.0),
                Some("at least"),
                Some("soldiers"),
            ),
            (
                "five Turkish soldiers",
                Count,
                N(5.0),
                None,
                Some("Turkish soldiers"),
            ),
            (
                "four of the dozen observation posts",
                Count,
                N(4.0),
                None,
                Some("dozen observation posts"),
            ),
        ],
    },
];

fn seeds() -> Vec<(Article, Extraction)> {
    Corpus::seeds()
        .articles
        .into_iter()
        .map(|a| {
            let e = extract(&a);
            (a, e)
        })
        .collect()
}

#[test]
fn every_seed_quote_is_found_with_its_speaker() {
    let all = seeds();
    assert_eq!(all.len(), EXPECTED.len());
    for ((article, extraction), expected) in all.iter().zip(EXPECTED) {
        assert_eq!(article.file_name(), expected.file);
        let found: Vec<(String, Option<String>, bool)> = extraction
            .quotes
            .iter()
            .map(|q| (q.text.clone(), q.speaker.clone(), q.fragment))
            .collect();
        assert_eq!(
            found.len(),
            expected.quotes.len(),
            "{}: quotes found {found:#?}",
            expected.file
        );
        for (q, (start, speaker, fragment)) in found.iter().zip(expected.quotes) {
            assert!(
                q.0.starts_with(start),
                "{}: {:?} should start {start:?}",
                expected.file,
                q.0
            );
            assert_eq!(
                q.1.as_deref(),
                *speaker,
                "{}: speaker of {start:?}",
                expected.file
            );
            assert_eq!(
                q.2, *fragment,
                "{}: fragment flag of {start:?}",
                expected.file
            );
        }
    }
}

#[test]
fn every_seed_figure_is_found_with_its_value_and_unit() {
    for ((_, extraction), expected) in seeds().iter().zip(EXPECTED) {
        let found: Vec<&str> = extraction.figures.iter().map(|f| f.text.as_str()).collect();
        let wanted: Vec<&str> = expected.figures.iter().map(|f| f.0).collect();
        assert_eq!(found, wanted, "{}", expected.file);
        for (f, (text, kind, value, qualifier, unit)) in
            extraction.figures.iter().zip(expected.figures)
        {
            assert_eq!(f.kind, *kind, "{}: kind of {text}", expected.file);
            match (&f.value, value) {
                (FigureValue::Number(a), N(b)) => {
                    assert!((a - b).abs() < 1e-6, "{text}: {a} ≠ {b}")
                }
                (FigureValue::Date(a), D(b)) => assert_eq!(a, b, "{text}"),
                (a, b) => panic!("{text}: value {a:?}, wanted {b:?}"),
            }
            assert_eq!(
                f.qualifier.as_deref(),
                *qualifier,
                "{}: qualifier of {text}",
                expected.file
            );
            assert_eq!(
                f.unit.as_deref(),
                *unit,
                "{}: unit of {text}",
                expected.file
            );
        }
    }
}

#[test]
fn ranges_point_into_the_body() {
    for (article, extraction) in seeds() {
        for q in &extraction.quotes {
            let slice = &article.body[q.range.clone()];
            let folded = slice.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(folded, q.text, "{}", article.file_name());
        }
        for f in &extraction.figures {
            let slice = &article.body[f.range.clone()];
            let folded = slice.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(folded, f.text, "{}", article.file_name());
        }
    }
}

#[test]
fn designations_with_digits_are_not_figures() {
    for (_, extraction) in seeds() {
        for f in &extraction.figures {
            for name in ["S-400", "S400", "F-16", "M5", "World War"] {
                assert!(!f.text.contains(name), "{} is no figure", f.text);
            }
        }
    }
}
