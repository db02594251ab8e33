//! Every pattern the extraction promises, each as a short news-like text.

use std::path::PathBuf;

use lede::corpus::{Article, parse_article};
use lede::extract::{FigureKind, FigureValue, extract};

/// An article whose body is `text` (paragraphs separated by blank lines), after a headline.
fn article(text: &str) -> Article {
    let full = format!("Officials weigh their options\n\n{text}\n");
    parse_article(PathBuf::from("test.txt"), &full, Vec::new())
}

/// (quote text, speaker) pairs found in `text`.
fn quotes(text: &str) -> Vec<(String, Option<String>)> {
    extract(&article(text))
        .quotes
        .into_iter()
        .map(|q| (q.text, q.speaker))
        .collect()
}

fn speakers(text: &str) -> Vec<Option<String>> {
    quotes(text).into_iter().map(|(_, s)| s).collect()
}

fn some(names: &[&str]) -> Vec<Option<String>> {
    names.iter().map(|n| Some(n.to_string())).collect()
}

#[test]
fn quotation_marks_in_all_their_forms() {
    let cases: &[(&str, &[&str])] = &[
        ("“Curly marks,” Jane Doe said.", &["Curly marks,"]),
        ("\"Straight marks,\" Jane Doe said.", &["Straight marks,"]),
        ("“A mixed pair,\" Jane Doe said.", &["A mixed pair,"]),
        (
            "“He told me ‘never again’ last year,” Jane Doe said.",
            &["He told me ‘never again’ last year,"],
        ),
        (
            "Turkey’s army and the ’90s don’t count, Jane Doe said of “real quotes” only.",
            &["real quotes"],
        ),
        (
            "Jane Doe said\u{a0}“with a non-breaking space”\u{a0}today.",
            &["with a non-breaking space"],
        ),
        // Doubled apostrophes are not read as quotation marks (news corpora do not).
        ("''Archive marks,'' Jane Doe said.", &[]),
    ];
    for (text, expected) in cases {
        let found: Vec<String> = quotes(text).into_iter().map(|(t, _)| t).collect();
        assert_eq!(found, *expected, "{text}");
    }
}

#[test]
fn a_stray_mark_does_not_swallow_the_article() {
    let text = "The rebels held a 6\" strip of road.\n\nJane Doe, a spokeswoman, called it “a lie.”\n\nNo one else spoke.";
    assert_eq!(
        quotes(text),
        [("a lie.".to_string(), Some("Jane Doe".to_string()))]
    );
    let text =
        "He said “this never closes.\n\nA later paragraph.\n\nShe called it “a fine day” then.";
    assert_eq!(quotes(text).len(), 1);
}

#[test]
fn a_quote_running_over_paragraphs_is_one_quote_per_paragraph() {
    let text = "Jane Doe said: “The first paragraph of the statement.\n\n“The second paragraph of it.”\n\nThe meeting ended.";
    assert_eq!(
        quotes(text),
        [
            (
                "The first paragraph of the statement.".to_string(),
                Some("Jane Doe".to_string())
            ),
            (
                "The second paragraph of it.".to_string(),
                Some("Jane Doe".to_string())
            ),
        ]
    );
}

#[test]
fn british_single_marks_run_on_over_open_paragraphs() {
    let text = "Council leader Janet Morris said: ‘We have listened for months.\n\n‘Their concerns were heard.\n\n‘But the budget has to balance.’\n\nThe meeting ended. ‘It is over,’ she said.";
    assert_eq!(
        speakers(text),
        some(&[
            "Janet Morris",
            "Janet Morris",
            "Janet Morris",
            "Janet Morris"
        ])
    );
    let texts: Vec<String> = quotes(text).into_iter().map(|(t, _)| t).collect();
    assert_eq!(
        texts,
        [
            "We have listened for months.",
            "Their concerns were heard.",
            "But the budget has to balance.",
            "It is over,"
        ]
    );
}

#[test]
fn a_statement_interrupted_by_its_attribution_is_two_quotes_of_one_speaker() {
    let text = "The appeal failed, said council leader Janet Morris. “We will not back down,” she added. “The vote is final.”";
    assert_eq!(speakers(text), some(&["Janet Morris", "Janet Morris"]));
}

#[test]
fn fragments_are_told_from_full_quotes() {
    let a = article(
        "Jane Doe vowed to take action “anywhere in the region” if needed.\n\n“We will act now,” she said.",
    );
    let flags: Vec<bool> = extract(&a).quotes.iter().map(|q| q.fragment).collect();
    assert_eq!(flags, [true, false]);
}

#[test]
fn attribution_as_news_writes_it() {
    let cases: &[(&str, &str)] = &[
        ("“We are ready,” said Jane Doe.", "Jane Doe"),
        ("“We are ready,” Jane Doe said.", "Jane Doe"),
        ("Jane Doe said: “We are ready.”", "Jane Doe"),
        ("“We are ready,” added Jane Doe.", "Jane Doe"),
        ("“Are we ready?” asked Jane Doe.", "Jane Doe"),
        (
            "“We are ready,” Jane Doe told reporters on Monday.",
            "Jane Doe",
        ),
        (
            "“We are ready,” Jane Doe wrote in the Daily News.",
            "Jane Doe",
        ),
        (
            "The army is “ready to move,” according to Jane Doe.",
            "Jane Doe",
        ),
        ("According to Jane Doe, “the army is ready.”", "Jane Doe"),
        (
            "“The army is ready,” Jane Doe was quoted as saying by state media.",
            "Jane Doe",
        ),
        ("Jane Doe noted that “the army is ready.”", "Jane Doe"),
        (
            "Jane Doe vowed to take action “anywhere in the region.”",
            "Jane Doe",
        ),
        (
            "Jane Doe said Turkey’s failure to “act in time” was costly.",
            "Jane Doe",
        ),
        ("“We are ready,” the minister, Jane Doe, said.", "Jane Doe"),
        (
            "Britain’s defense minister, Michael Fallon, said “we are ready.”",
            "Michael Fallon",
        ),
        (
            "“We are ready,” said state department spokesman John Kirby.",
            "John Kirby",
        ),
        (
            "“We are ready,” said Ali Bakeer, an Ankara-based political analyst.",
            "Ali Bakeer",
        ),
        (
            "Ali Bakeer, an Ankara-based political analyst, said “we are ready.”",
            "Ali Bakeer",
        ),
        ("“We are ready,” Sen. Ted Cruz (R-Texas) said.", "Ted Cruz"),
        (
            "“We are ready,” the Russian Defense Ministry said.",
            "Russian Defense Ministry",
        ),
        (
            "“We are ready,” the New York Times reports.",
            "New York Times",
        ),
        (
            "“We are ready,” Jane Doe, who leads the group, told the crowd.",
            "Jane Doe",
        ),
        ("“We are ready” for the vote, said Jane Doe.", "Jane Doe"),
        ("“We are ready.” ― Jane Doe", "Jane Doe"),
    ];
    for (text, speaker) in cases {
        assert_eq!(speakers(text), some(&[speaker]), "{text}");
    }
}

#[test]
fn surnames_with_letters_that_lower_case_longer_still_resolve() {
    // `İ` lowers to two characters; the surname alone must still find the full name.
    let text = "Istanbul mayor Ekrem İmamoğlu spoke on Sunday.\n\nAli Bakeer, an analyst, \
        disagreed with the plan.\n\nOn Monday, İmamoğlu returned to the square.\n\n\
        “They cannot stop us,” he said.";
    assert_eq!(speakers(text), some(&["Ekrem İmamoğlu"]));
}

#[test]
fn surnames_resolve_to_the_full_name() {
    let text = "Ali Bakeer is an analyst in Ankara.\n\n“NATO has options,” said Bakeer.";
    assert_eq!(speakers(text), some(&["Ali Bakeer"]));
}

#[test]
fn roles_resolve_to_the_person_named_with_them() {
    let text = "The alliance’s Secretary-General said that “NATO is ready.”\n\n“NATO is ready,” Secretary-General Jens Stoltenberg told reporters.";
    assert_eq!(
        speakers(text),
        some(&["Jens Stoltenberg", "Jens Stoltenberg"])
    );
}

#[test]
fn pronouns_resolve_to_the_most_recent_person() {
    let text =
        "Jane Doe met Ali Bakeer on Monday. Bakeer spoke first.\n\n“That is illegal,” he said.";
    assert_eq!(speakers(text), some(&["Ali Bakeer"]));
    let text = "Russian President Vladimir Putin’s spokesman, Dmitry Peskov, said the failure to “act” is costly. “That is illegal,” he said.";
    assert_eq!(speakers(text), some(&["Dmitry Peskov", "Dmitry Peskov"]));
}

#[test]
fn a_quote_paragraph_without_attribution_continues_the_speaker() {
    let text = "“We are ready,” said Jane Doe.\n\n“And we will not wait.”\n\nThe talks ended.";
    assert_eq!(speakers(text), some(&["Jane Doe", "Jane Doe"]));
    let text =
        "“Erdogan doesn’t bluff,” said Ozgur Unluhisarcikli. “Whenever he threatened, he acted.”";
    assert_eq!(
        speakers(text),
        some(&["Ozgur Unluhisarcikli", "Ozgur Unluhisarcikli"])
    );
}

#[test]
fn speakers_are_one_name_per_person() {
    let text = "“We are ready,” said Secretary-General Jens Stoltenberg.\n\n“Still ready,” Stoltenberg said.\n\n“Ready again,” Mr. Stoltenberg added.";
    assert_eq!(
        speakers(text),
        some(&["Jens Stoltenberg", "Jens Stoltenberg", "Jens Stoltenberg"])
    );
}

#[test]
fn titles_links_and_scare_quotes_without_a_speaker_are_not_quotes() {
    let text = "He appeared on “Meet the Press” and the so-called “reform” stalled. See \"@vicenews\" and \"https://example.com\".";
    assert!(quotes(text).is_empty(), "{:?}", quotes(text));
}

#[test]
fn british_style_single_quotes_are_quotes() {
    let text =
        "‘We are ready,’ said Jane Doe.\n\n‘We will not wait,’ she added, calling it ‘our duty’.";
    let found: Vec<String> = quotes(text).into_iter().map(|(t, _)| t).collect();
    assert_eq!(found, ["We are ready,", "We will not wait,", "our duty"]);
}

/// (text, kind, value, qualifier, unit) of a figure.
type Found = (String, FigureKind, String, Option<String>, Option<String>);
/// (sentence, figure text, kind, value, qualifier, unit)
type Case = (
    &'static str,
    &'static str,
    FigureKind,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

/// The figures in `text`.
fn figures(text: &str) -> Vec<Found> {
    extract(&article(text))
        .figures
        .into_iter()
        .map(|f| {
            let value = match f.value {
                FigureValue::Number(n) => n.to_string(),
                FigureValue::Date(d) | FigureValue::Score(d) => d,
                FigureValue::Range(a, b) => format!("{a}-{b}"),
            };
            (f.text, f.kind, value, f.qualifier, f.unit)
        })
        .collect()
}

#[test]
fn figures_of_every_kind() {
    use FigureKind::*;
    let cases: &[Case] = &[
        (
            "The strike killed 33 Turkish soldiers.",
            "33 Turkish soldiers",
            Count,
            "33",
            None,
            Some("Turkish soldiers"),
        ),
        (
            "It displaced more than 900,000 Syrians.",
            "more than 900,000 Syrians",
            Count,
            "900000",
            Some("more than"),
            Some("Syrians"),
        ),
        (
            "Turkey hosts 3.6 million Syrian refugees.",
            "3.6 million Syrian refugees",
            Count,
            "3600000",
            None,
            Some("Syrian refugees"),
        ),
        (
            "A 5,000-strong force will deploy.",
            "5,000-strong force",
            Count,
            "5000",
            None,
            Some("force"),
        ),
        (
            "Five Turkish soldiers were killed.",
            "Five Turkish soldiers",
            Count,
            "5",
            None,
            Some("Turkish soldiers"),
        ),
        (
            "The group met a dozen officials.",
            "a dozen officials",
            Count,
            "12",
            None,
            Some("officials"),
        ),
        (
            "It has at least 13 soldiers there.",
            "at least 13 soldiers",
            Count,
            "13",
            Some("at least"),
            Some("soldiers"),
        ),
        (
            "Nearly three million civilians live there.",
            "Nearly three million civilians",
            Count,
            "3000000",
            Some("nearly"),
            Some("civilians"),
        ),
        (
            "Up to 40 percent of the vote.",
            "Up to 40 percent",
            Percent,
            "40",
            Some("up to"),
            Some("percent"),
        ),
        (
            "Support fell to 12% in May.",
            "12%",
            Percent,
            "12",
            None,
            Some("percent"),
        ),
        (
            "The deal is worth $1.5 billion.",
            "$1.5 billion",
            Money,
            "1500000000",
            None,
            Some("dollars"),
        ),
        (
            "He paid about £20 for it.",
            "about £20",
            Money,
            "20",
            Some("about"),
            Some("pounds"),
        ),
        (
            "They met on Jan. 8 in Istanbul.",
            "Jan. 8",
            Date,
            "--01-08",
            None,
            None,
        ),
        (
            "The post was corrected on Feb. 28, 2020.",
            "Feb. 28, 2020",
            Date,
            "2020-02-28",
            None,
            None,
        ),
        (
            "A crisis like 2015 would hurt.",
            "2015",
            Year,
            "2015",
            None,
            None,
        ),
        (
            "Putin’s three year charm offensive ended.",
            "three year",
            Duration,
            "3",
            None,
            Some("year"),
        ),
        (
            "The nine-year conflict goes on.",
            "nine-year",
            Duration,
            "9",
            None,
            Some("year"),
        ),
        (
            "The advance lasted two months.",
            "two months",
            Duration,
            "2",
            None,
            Some("months"),
        ),
        (
            "It is NATO’s second largest army.",
            "second",
            Ordinal,
            "2",
            None,
            None,
        ),
        (
            "The bombing left hundreds dead.",
            "hundreds dead",
            Approximate,
            "100",
            None,
            Some("dead"),
        ),
        (
            "It displaced hundreds of thousands.",
            "hundreds of thousands",
            Approximate,
            "100000",
            None,
            None,
        ),
        (
            "Europe expelled dozens of Russian diplomats.",
            "dozens of Russian diplomats",
            Approximate,
            "12",
            None,
            Some("Russian diplomats"),
        ),
    ];
    for (text, surface, kind, value, qualifier, unit) in cases {
        let found = figures(text);
        let want = (
            surface.to_string(),
            *kind,
            value.to_string(),
            qualifier.map(str::to_string),
            unit.map(str::to_string),
        );
        assert_eq!(found, [want], "{text}");
    }
}

/// (surface, value, unit) of each figure in `text`.
fn values(text: &str) -> Vec<(String, String, Option<String>)> {
    figures(text)
        .into_iter()
        .map(|(surface, _, value, _, unit)| (surface, value, unit))
        .collect()
}

/// A figure expected: surface text, value, unit.
type Expected = (&'static str, &'static str, Option<&'static str>);

fn found(items: &[Expected]) -> Vec<(String, String, Option<String>)> {
    items
        .iter()
        .map(|(s, v, u)| (s.to_string(), v.to_string(), u.map(str::to_string)))
        .collect()
}

#[test]
fn one_counts_when_it_counts_something() {
    let cases: &[(&str, &[Expected])] = &[
        (
            "He was one of 20 students killed.",
            &[
                ("one", "1", Some("students")),
                ("20 students", "20", Some("students")),
            ],
        ),
        (
            "One of the 12 passengers died.",
            &[
                ("One", "1", Some("passengers")),
                ("12 passengers", "12", Some("passengers")),
            ],
        ),
        ("One of his advisers spoke.", &[]),
        ("He is one of the best players in the league.", &[]),
        (
            "One person died and three were hurt.",
            &[("One person", "1", Some("person")), ("three", "3", None)],
        ),
        (
            "It took only one week.",
            &[("only one week", "1", Some("week"))],
        ),
        ("He met one friend there.", &[]),
        (
            "It won by one percentage point.",
            &[("one percentage point", "1", Some("percentage point"))],
        ),
        ("He is one of the only Republicans.", &[]),
        ("No one came.", &[]),
        ("They met one another.", &[]),
        ("At one point he stopped.", &[]),
        ("One day he will.", &[]),
        ("One recent afternoon, they left.", &[]),
        ("It was a one-on-one meeting.", &[]),
        ("This one is better.", &[]),
        ("If one adds Nebraska, it works.", &[]),
        ("He chose one called Hope.", &[]),
        ("One of them left.", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(values(text), found(want), "{text}");
    }
}

#[test]
fn shares_partitives_and_bare_number_words() {
    let cases: &[(&str, &[Expected])] = &[
        (
            "Six in 10 voters agreed.",
            &[("Six in 10 voters", "0.6", Some("voters"))],
        ),
        (
            "More than 4 in 10 voters agreed.",
            &[("More than 4 in 10 voters", "0.4", Some("voters"))],
        ),
        (
            "Four out of five doctors agree.",
            &[("Four out of five doctors", "0.8", Some("doctors"))],
        ),
        (
            "One in a hundred tickets wins.",
            &[("One in a hundred tickets", "0.01", Some("tickets"))],
        ),
        // A year after `in` is no denominator.
        (
            "He won 12 in 1976.",
            &[("12", "12", None), ("1976", "1976", None)],
        ),
        (
            "Four of the six delegates left.",
            &[
                ("Four", "4", Some("delegates")),
                ("six delegates", "6", Some("delegates")),
            ],
        ),
        ("Trump won six.", &[("six", "6", None)]),
        ("All but two said no.", &[("two", "2", None)]),
        ("It was about the latter two.", &[]),
        (
            "He spent more than a million dollars.",
            &[("more than a million dollars", "1000000", Some("dollars"))],
        ),
        (
            "Over a thousand people marched.",
            &[("Over a thousand people", "1000", Some("people"))],
        ),
        (
            "He has a seven-point lead.",
            &[("seven-point", "7", Some("point"))],
        ),
        (
            "Two-thirds agreed in a two-way race.",
            &[("Two-thirds", "0.6666666666666666", None)],
        ),
        (
            "Trump Wins More Than 100 Delegates",
            &[("More Than 100 Delegates", "100", Some("Delegates"))],
        ),
        (
            "Sanders leads Clinton 50% to 40%.",
            &[
                ("50%", "50", Some("percent")),
                ("40%", "40", Some("percent")),
            ],
        ),
        ("Save in your 401(k) now.", &[]),
        ("Trump won 6 in", &[("6", "6", None)]),
        (
            "One in five children are poor.",
            &[("One in five children", "0.2", Some("children"))],
        ),
        (
            "He scored two in 10 minutes.",
            &[("two", "2", None), ("10 minutes", "10", Some("minutes"))],
        ),
        (
            "The twenty-one-year-old man spoke.",
            &[("twenty-one-year-old", "21", Some("year"))],
        ),
        (
            "About two-thousand troops came.",
            &[("About two-thousand troops", "2000", Some("troops"))],
        ),
        (
            "It was a fifty-fifty chance with twenty-twenty vision.",
            &[],
        ),
        ("Polls close at eight.", &[]),
        ("It is one of a kind. One wonders why.", &[]),
        (
            "Only one family was evicted.",
            &[("Only one family", "1", Some("family"))],
        ),
        ("Scores were killed.", &[("Scores", "20", None)]),
        ("Each time he scores a win, he smiles.", &[]),
        ("Fethullah GA\u{303}1\u{2044}4len spoke.", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(values(text), found(want), "{text}");
    }
}

#[test]
fn numbers_in_names_links_and_clocks_are_not_figures() {
    let text = "Turkey bought the S-400 and the S400 system, not F-16 jets. Traffic on the M5 \
        stopped. Since World War II and COVID-19, the A380 and the Boeing 737 fly less; an MP3 \
        from the G8 summit is at https://example.com/2020/story-123 and @user2020 posted it at \
        10:30 and again at 5 p.m.";
    assert!(figures(text).is_empty(), "{:?}", figures(text));
}

#[test]
fn no_input_makes_extraction_panic() {
    let nasty = [
        "“",
        "”",
        "\"",
        "'",
        "‘’",
        "“”“”",
        "\"\"\"",
        "''''",
        "“\n\n“\n\n“",
        "\u{a0}“\u{a0}”\u{a0}",
        "said",
        "said X,",
        ", said",
        "$",
        "$.",
        "5,",
        "5,00",
        "1.",
        ".5",
        "Jan.",
        "Jan. 99",
        "Feb. 30, 2021",
        "3-",
        "-3",
        "a dozen",
        "hundreds of",
        "é’90s",
        "’",
        "“é”",
        "5\u{a0}%",
        "“a,” he said, “b",
        "”backwards“ marks",
        "Mr.",
        "Dr. “Who”",
    ];
    for n in nasty {
        let _ = extract(&article(n));
        let _ = extract(&parse_article(PathBuf::from("x"), n, Vec::new()));
    }
}

/// Pseudo-random texts built from the pieces that trip extraction up (marks, digits,
/// separators, multi-byte letters, spaces of every kind): nothing may panic, and every range
/// must fall on character boundaries.
#[test]
fn random_texts_never_panic() {
    const PIECES: &[&str] = &[
        "“",
        "”",
        "‘",
        "’",
        "\"",
        "'",
        "''",
        "«",
        "»",
        " ",
        "\u{a0}",
        "\n",
        "\n\n",
        ",",
        ".",
        ":",
        "-",
        "—",
        "$",
        "€",
        "%",
        "5",
        "12",
        "3.6",
        "900,000",
        "2020",
        "Jan.",
        "said",
        "Jane",
        "Doe",
        "he",
        "the",
        "million",
        "dozens",
        "of",
        "é",
        "日本",
        "S-400",
        "@x",
        "http://a.b/1",
        "10:30",
        "p.m.",
        "(",
        ")",
        "According",
        "to",
        "told",
        "Mr.",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let len = (next() % 40) as usize;
        let text: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let a = parse_article(PathBuf::from("fuzz"), &text, Vec::new());
        let e = extract(&a);
        for r in e
            .quotes
            .iter()
            .map(|q| q.range.clone())
            .chain(e.figures.iter().map(|f| f.range.clone()))
        {
            assert!(a.body.get(r).is_some(), "bad range in {text:?}");
        }
    }
}

#[test]
fn ranks_names_addresses_dates_and_relative_times_are_not_figures() {
    let cases: &[&str] = &[
        "She climbed to world No 12 and stayed in the top five.",
        "He rose to number 3 in the rankings.",
        "One reason is cost, and one of them said so.",
        "The two ministers met again on Friday.",
        "It happened three weeks ago, and again in two days' time.",
        "The FTSE 100 rose while Formula One stalled and Channel 4 aired it.",
        "The Airbus A320 and the Galaxy S21 both use 4G.",
        "He arrived at 10 Downing Street, London SW1A 2AA.",
        "Call 0800 555 0199 for help.",
        "The fair runs March 3-7 in the 2023-24 season.",
        "Tickets for the Big Ten game sold out on Ninety Mile Beach.",
        "Her memories of summer ’80 faded.",
        "Pupils in grade eight sat page 12.",
        "XYZ4.75m is a part number.",
    ];
    for text in cases {
        let found: Vec<_> = figures(text)
            .into_iter()
            .filter(|f| !matches!(f.1, FigureKind::Date | FigureKind::Year))
            .collect();
        assert!(found.is_empty(), "{text}: {found:?}");
    }
}

#[test]
fn sports_scores_are_one_figure_each() {
    let cases: &[(&str, &str)] = &[
        ("Murray won 6-4 3-6 7-5 on Tuesday.", "6-4 3-6 7-5"),
        ("She beat her rival 6-4, 6-0 in an hour.", "6-4 6-0"),
        ("Leeds 2-1 Chelsea was the late result.", "2-1"),
        ("They won 24-17 at home.", "24-17"),
        ("A 3-0 defeat ended the run.", "3-0"),
        ("He took it 7-6 (5) in the end.", "7-6 (5)"),
        ("Wild 4, Sabres 1: Parise scored again.", "4-1"),
        // A score line after a name is no name with a number (`Court 6`).
        ("Draper beat Radu Albot 6-1, 6-4, 6-3.", "6-1 6-4 6-3"),
        // The verb of winning a few words before, the beaten side between.
        ("Rovers beat league leaders Town 2-1 at home.", "2-1"),
    ];
    for (text, line) in cases {
        let found = figures(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(found[0].1, FigureKind::Score, "{text}");
        assert_eq!(found[0].2, *line, "{text}");
    }
    // A range is no score.
    assert_eq!(
        values("Between 20-30 people came."),
        found(&[("20-30 people", "20-30", Some("people"))])
    );
}

#[test]
fn glued_units_percentages_pence_and_temperatures() {
    let cases: &[(&str, &str, &str, &str)] = &[
        ("It has 512GB of storage.", "512GB", "512", "gigabytes"),
        ("The car did 70mph.", "70mph", "70", "miles per hour"),
        ("The charger gives 7kW.", "7kW", "7", "kilowatts"),
        ("A 2.5kWh battery.", "2.5kWh", "2.5", "kilowatt-hours"),
        ("A 3mm gap.", "3mm", "3", "millimetres"),
        (
            "Speeds of 100Mbps.",
            "100Mbps",
            "100",
            "megabits per second",
        ),
        ("It makes 300bhp.", "300bhp", "300", "brake horsepower"),
        ("A 90Hz screen.", "90Hz", "90", "hertz"),
        ("A 1.5l bottle.", "1.5l", "1.5", "litres"),
        ("It weighs 20kg.", "20kg", "20", "kilograms"),
        ("It hears 20kHz.", "20kHz", "20", "kilohertz"),
        ("Inflation hit 2.4pc.", "2.4pc", "2.4", "percent"),
        ("A stamp costs 85p.", "85p", "85", "pence"),
        ("It was -3°C overnight.", "-3°C", "-3", "degrees Celsius"),
        ("A fever of 98.6°F.", "98.6°F", "98.6", "degrees Fahrenheit"),
        (
            "It fell to minus-12 degrees.",
            "minus-12 degrees",
            "-12",
            "degrees",
        ),
        (
            "Winters stay below 0C there.",
            "below 0C",
            "0",
            "degrees Celsius",
        ),
        ("She won the 3000m steeplechase.", "3000m", "3000", "metres"),
        ("The 30m vessel sank.", "30m", "30", "metres"),
    ];
    for (text, surface, value, unit) in cases {
        assert_eq!(
            values(text),
            found(&[(surface, value, Some(unit))]),
            "{text}"
        );
    }
    // Millions, not metres, before a plural; `4G` is no unit.
    assert_eq!(
        values("It has 30m users."),
        found(&[("30m users", "30000000", Some("users"))])
    );
}

#[test]
fn currencies_glued_coded_and_written_after_the_number() {
    let cases: &[(&str, &str, &str, &str)] = &[
        ("It cost S$45.", "S$45", "45", "Singapore dollars"),
        (
            "A NZ$1.2bn deal.",
            "NZ$1.2bn",
            "1200000000",
            "New Zealand dollars",
        ),
        ("It costs CHF40.", "CHF40", "40", "Swiss francs"),
        ("A fee of EUR 300.", "EUR 300", "300", "euros"),
        ("It costs 40 € now.", "40 €", "40", "euros"),
        (
            "A 12 CAD million fund.",
            "12 CAD million",
            "12000000",
            "Canadian dollars",
        ),
        ("It costs 250 pence.", "250 pence", "250", "pence"),
        (
            "A fine of 3,000 Danish kroner.",
            "3,000 Danish kroner",
            "3000",
            "kroner",
        ),
        (
            "A grant of 80 million Canadian dollars.",
            "80 million Canadian dollars",
            "80000000",
            "dollars",
        ),
        (
            "It raised 2 billion rand.",
            "2 billion rand",
            "2000000000",
            "rand",
        ),
        (
            "It lost 4 billion won.",
            "4 billion won",
            "4000000000",
            "won",
        ),
    ];
    for (text, surface, value, unit) in cases {
        let all = figures(text);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        assert_eq!(all[0].1, FigureKind::Money, "{text}");
        assert_eq!(
            values(text),
            found(&[(surface, value, Some(unit))]),
            "{text}"
        );
    }
    // `won` after a bare number is a verb.
    assert!(
        figures("The 12 won easily.")
            .iter()
            .all(|f| f.1 != FigureKind::Money)
    );
}

#[test]
fn fractions_multipliers_ranges_and_shared_scales() {
    let cases: &[(&str, &[Expected])] = &[
        (
            "Three-quarters agreed.",
            &[("Three-quarters", "0.75", None)],
        ),
        (
            "A fifth of voters stayed home.",
            &[("A fifth of voters", "0.2", Some("voters"))],
        ),
        (
            "A third of a million came.",
            &[("A third of a million", "333333.3333333333", None)],
        ),
        (
            "It spent half a billion euros.",
            &[("half a billion euros", "500000000", Some("euros"))],
        ),
        (
            "Sales rose threefold.",
            &[("threefold", "3", Some("times"))],
        ),
        ("It is double the size.", &[("double", "2", Some("times"))]),
        (
            "It took five-and-a-half years.",
            &[("five-and-a-half years", "5.5", Some("years"))],
        ),
        ("He hit .250 on average.", &[(".250", "0.25", None)]),
        (
            "It will cost £2 to £3 million.",
            &[("£2 to £3 million", "2000000-3000000", Some("pounds"))],
        ),
        (
            "It rose between 5 and 7 per cent.",
            &[("5 and 7 per cent", "5-7", Some("percent"))],
        ),
        (
            "A 300 million-year-old fossil.",
            &[("300 million-year-old", "300000000", Some("year-old"))],
        ),
        (
            "It came a week after the vote.",
            &[("a week", "1", Some("week"))],
        ),
        ("He works twice a week.", &[]),
        // `second` is an ordinal; `half` of a match is no fraction.
        (
            "The ball went out in the second half.",
            &[("second", "2", None)],
        ),
        (
            "Prices rose from 70,000 to 85,000.",
            &[("70,000", "70000", None), ("85,000", "85000", None)],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(values(text), found(want), "{text}");
    }
}

#[test]
fn speakers_after_organisation_nationality_and_role_words() {
    let cases: &[(&str, &str)] = &[
        (
            "“Output will grow,” said Northfield Copper chief executive Anna Reyes.",
            "Anna Reyes",
        ),
        (
            "“Tariffs will hurt,” said Norwegian fisheries minister Lars Dahl.",
            "Lars Dahl",
        ),
        (
            "Chairman and managing director Paul Okoye said: “Sales doubled.”",
            "Paul Okoye",
        ),
        (
            "“The shelters are full,” said Irina Bakos of the Housing Trust.",
            "Irina Bakos",
        ),
        (
            "Irina Bakos from the Housing Trust said: “The shelters are full.”",
            "Irina Bakos",
        ),
        (
            "Tom Reed, who has farmed the valley for thirty years and now chairs the growers’ \
             association in the county, said: “We cannot survive this.”",
            "Tom Reed",
        ),
        (
            "Dan Wiley, 60, from Hexham, Northumberland, said: “The river has never been this low.”",
            "Dan Wiley",
        ),
        (
            "Rosa Lind, a volunteer with the Coastal Rescue Service, told reporters: “We were \
             out all night.”",
            "Rosa Lind",
        ),
        (
            "Critics included farmers and Senator Joe Pratt who wrote online: “This is theft.”",
            "Joe Pratt",
        ),
        (
            "As Professor Mei Chen puts it, “the data is clear”.",
            "Mei Chen",
        ),
        (
            "Councillor Amir Shah called it “a betrayal of voters”.",
            "Amir Shah",
        ),
        (
            "“The risk is rising,” union leader Kate Hill told the newspaper.",
            "Kate Hill",
        ),
    ];
    for (text, speaker) in cases {
        assert_eq!(speakers(text), some(&[speaker]), "{text}");
    }
}

#[test]
fn roles_epithets_and_pronouns_resolve_to_the_person_introduced() {
    let text = "The mayor, Linda Park, opened the session.\n\nLater, the mayor told Radio \
        Central: “We are ready.”";
    assert_eq!(speakers(text), some(&["Linda Park"]));
    let text = "Leeds signed Danny Shaw from Wigan in the summer.\n\n“It was a tough game,” \
        said the Leeds scrum-half.\n\n“I feel fine,” the 27-year-old added.";
    assert_eq!(speakers(text), some(&["Danny Shaw", "Danny Shaw"]));
    // `She` is the woman most recently introduced, not the man named first.
    let text = "Housing minister Michael Grant defended the plan.\n\nThe warning came from \
        analyst Sarah Lind. She said: “Prices will rise.”";
    assert_eq!(speakers(text), some(&["Sarah Lind"]));
    // `Sir Keir` is Keir Starmer; a name inside a quote is no antecedent.
    let text = "Keir Starmer spoke to reporters.\n\nSir Keir said: “All MPs get gifts from \
        Lord Alli and others.”\n\nAsked again, he said: “I will comply.”";
    assert_eq!(speakers(text), some(&["Keir Starmer", "Keir Starmer"]));
}

#[test]
fn conjoined_speakers_organisations_and_quotes_standing_alone() {
    let text = "Labour MP Priya Patel and Conservative MP Ian Morgan wrote in a joint letter: \
        “The scheme must end.”";
    assert_eq!(speakers(text), some(&["Priya Patel and Ian Morgan"]));
    // An acronym resolves to the name the article spells out.
    let text = "The Competition and Markets Authority blocked the deal.\n\n“We stand ready \
        to talk,” the CMA said in a statement.";
    assert_eq!(speakers(text), some(&["Competition and Markets Authority"]));
    // A quote standing alone after a paragraph about someone is theirs.
    let text = "Jack Dale wrapped up his win in two hours, beating Tom Ross.\n\n“Having other \
        players do well is amazing for the sport.”";
    assert_eq!(speakers(text), some(&["Jack Dale"]));
    // A document speaks for its author; `they` may be an organisation.
    let text = "The Greens’ letter to the commissioner said: “There must be an inquiry.”";
    assert_eq!(speakers(text), some(&["The Greens"]));
}

#[test]
fn headline_quotes_and_named_terms_are_not_quotes() {
    let full = "Minister ‘will not back down’ on tax\n\nThe condition is called “farmer’s lung” by \
        doctors. What’s known as “the Beast” rolled in.\n";
    let a = parse_article(PathBuf::from("t.txt"), full, Vec::new());
    let found: Vec<String> = extract(&a).quotes.into_iter().map(|q| q.text).collect();
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_term_a_named_speaker_is_reported_using_is_a_quote() {
    let text = "The scheme has been called “a paper shield” by Nora Vance, a lecturer at \
        Kesteven College. The fees could be termed “rent seeking,” the Valley Courier reported.";
    assert_eq!(
        quotes(text),
        [
            ("a paper shield".to_string(), Some("Nora Vance".to_string())),
            (
                "rent seeking,".to_string(),
                Some("Valley Courier".to_string())
            ),
        ]
    );
}

#[test]
fn the_reporting_subject_and_a_subject_after_a_connective_are_the_speaker() {
    let text = "Mike Ross said that after a review the board believed the plan was \
        “not, per se, unlawful”.";
    assert_eq!(speakers(text), some(&["Mike Ross"]));
    let text = "Jane Hale spoke first.\n\nHowever she eventually concluded that it would \
        be a public “contradiction” of policy.";
    assert_eq!(speakers(text), some(&["Jane Hale"]));
}

/// Paragraphs built to hurt (a smaller cut of the bench's hostile inputs): nothing panics and
/// every range stays on the body.
#[test]
fn hostile_paragraphs_are_read_without_panic() {
    let texts = [
        format!("Head\n\n{}\n", "“word” he said ".repeat(2_000)),
        format!("Head\n\n{}\n", "\"".repeat(10_000)),
        format!("Head\n\n{}\n", "‘".repeat(10_000)),
        format!(
            "Head\n\n{}\n",
            "he said one in two years top five £3 ".repeat(5_000)
        ),
        format!(
            "Head\n\nJane Doe spoke. {} “Yes,” she said.\n",
            "he ".repeat(5_000)
        ),
    ];
    for text in texts {
        let a = parse_article(PathBuf::from("hostile"), &text, Vec::new());
        let e = extract(&a);
        for r in e
            .quotes
            .iter()
            .map(|q| q.range.clone())
            .chain(e.figures.iter().map(|f| f.range.clone()))
        {
            assert!(a.body.get(r).is_some());
        }
    }
}

#[test]
fn possessive_owners_documents_and_place_names_ending_in_ing() {
    let text = "Asim Khan spoke in May. His remarks that “the courts are captured” followed.";
    assert_eq!(speakers(text), some(&["Asim Khan"]));
    let text = "The Greens’ letter to Dan Hart, the standards commissioner, said: “There must \
        be an inquiry.”";
    assert_eq!(speakers(text), some(&["The Greens"]));
    let text = "Beijing considers the island its own, calling the drills a “stern warning” to \
        its leaders.";
    assert_eq!(speakers(text), some(&["Beijing"]));
    let text = "Ann Lowe said the plan would let them “look their best” to represent the \
        country, adding that it was cheap.";
    assert_eq!(speakers(text), some(&["Ann Lowe"]));
}

#[test]
fn it_and_descriptions_of_an_organisation_are_the_organisation() {
    // `it` speaks for the organisation last written as a subject, never for a person.
    let text = "Harbour Logistics said on Tuesday it would close two depots. “We have no \
        choice,” it said in a statement.";
    assert_eq!(speakers(text), some(&["Harbour Logistics"]));
    // A description by the head noun of the name (written before, or only after) …
    let text = "The National Bank of Tonga held its rate. The central bank said growth was \
        “still fragile”.\n\nThe ruling party has promised to “end the freeze” on pay. The \
        Tonga Reform Party leads the coalition.";
    assert_eq!(
        speakers(text),
        some(&["National Bank of Tonga", "Tonga Reform Party"])
    );
    // … or, for a generic one (`the company`), the organisation last written as a subject.
    let text = "Pellworth Motors cut 900 jobs.\n\nThe company said the market had \
        “changed for good”.";
    assert_eq!(speakers(text), some(&["Pellworth Motors"]));
    // A pronoun reporting inside a clause stands for the one who reports.
    let text = "Kelland's trade ministry said it saw the tariff as “a step backwards” for \
        the region.";
    assert_eq!(speakers(text), some(&["Kelland's trade ministry"]));
}

#[test]
fn a_second_verb_shares_the_first_ones_subject() {
    let text = "Ambassador Erik Dahl spoke in London.\n\nNorway’s ambassador to Britain \
        criticised the plan and warned that his country “will not stand by” if talks fail.";
    assert_eq!(speakers(text), some(&["Erik Dahl"]));
    let text = "Priya Raman rejected the offer and said the union would “fight on”.";
    assert_eq!(speakers(text), some(&["Priya Raman"]));
}

#[test]
fn epithets_and_participles_point_back_to_the_person() {
    // `the Scot` is an epithet for the subject last introduced, not a name; a description
    // subject with `saying` is who says it.
    let text = "The club fined striker Tom Bale after the row. The 24-year-old apologised, \
        saying he had “let everyone down”.\n\nManager Paul Reid said Bale would play. \
        “He made a mistake,” the Scot said.";
    assert_eq!(speakers(text), some(&["Tom Bale", "Paul Reid"]));
}

#[test]
fn a_speaker_described_with_a_is_the_person_named_next() {
    // Delayed identification: `a senior headteacher` is named in the next paragraph.
    let text = "A senior headteacher has warned that pupils are “falling through the \
        cracks”.\n\nMargaret Ellis, head of Oakfield Academy, said schools needed help.";
    assert_eq!(speakers(text), some(&["Margaret Ellis"]));
    // A spokesperson stays unnamed: the next person introduced is somebody else.
    let text = "A spokesman for the council said: “The road will reopen on Friday.”\n\n\
        Local councillor Ruth Okafor said residents had waited long enough.";
    assert_eq!(speakers(text), some(&["A spokesman for the council"]));
}

#[test]
fn groups_opening_a_clause_speak_as_they() {
    // A plural word for people (capitalised only to open the sentence) is a description,
    // and a later `they` stands for it, not for the organisation named before.
    let text = "Economist Raj Patel, of the Institute for Fiscal Research, spoke first.\n\n\
        Residents were furious. They told the Gazette the water “came up in minutes”.";
    assert_eq!(speakers(text), some(&["Residents"]));
    let text = "Lawyers for the family told the court the ruling was “unjust and wrong”.";
    assert_eq!(speakers(text), some(&["Lawyers for the family"]));
}

#[test]
fn a_quote_opening_the_story_is_the_person_the_next_paragraph_names() {
    let text = "“We will not be silenced.”\n\nThose were the words of union organiser Dana \
        Reyes as workers gathered outside the plant.";
    assert_eq!(speakers(text), some(&["Dana Reyes"]));
    // A capitalised word for a person opening the sentence is no part of the name.
    let text = "Novelist Hana Ito spoke about her book.\n\n“I wanted to understand my \
        grandmother,” Ito said.";
    assert_eq!(speakers(text), some(&["Hana Ito"]));
}

#[test]
fn slash_fractions_times_and_narrowed_definite_counts() {
    let cases: &[(&str, &[Expected])] = &[
        // A fraction with a slash, alone or after a whole number; a date is none.
        ("The bond rose 5/32 in price.", &[("5/32", "0.15625", None)]),
        (
            "A near 2-1/2 year dispute ended.",
            &[("2-1/2 year", "2.5", Some("year"))],
        ),
        // How many times: `twice`, `a three-time winner`; not `twice as many`.
        (
            "Ellis scored twice before the break.",
            &[("twice", "2", Some("times"))],
        ),
        (
            "The three-time champion lost.",
            &[("three-time", "3", Some("times"))],
        ),
        ("Prices rose twice as fast as wages.", &[]),
        ("Think twice before you sign.", &[]),
        // `a one-game ban` counts; `a one-off` does not.
        ("He got a one-game ban.", &[("one-game", "1", Some("game"))]),
        ("It was a one-off payment.", &[]),
        // `the two leaders` points back; `the four players ahead of him` counts.
        ("The two leaders met on Monday.", &[]),
        (
            "The four players ahead of him retired.",
            &[("four players", "4", Some("players"))],
        ),
        (
            "The two main forms of the disease spread fast.",
            &[("two main forms", "2", Some("main forms"))],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(values(text), found(expected), "{text}");
    }
}

#[test]
fn a_nickname_in_quotation_marks_is_part_of_the_name_a_pronoun_points_to() {
    let text = "Storm damage\n\nVeteran skipper Robert “Bobby” Haldane has fished the bay for forty years.\n\n\
                Haldane was also worried about the new quota rules.\n\n\
                “They will finish the small boats within a season,” he warned.";
    let found = speakers(text);
    assert_eq!(found.len(), 1, "{found:?}");
    let speaker = found[0].clone().unwrap_or_default();
    assert!(speaker.ends_with("Robert “Bobby” Haldane"), "{speaker}");
}

#[test]
fn a_name_closing_an_appositives_prepositional_phrase_is_where_the_speaker_works() {
    // The organisation after `at`, `of`, `in` (with an owner or modifiers between) is not
    // the speaker; a title with its field (`Professor of Economics`) is a role, not a name.
    let text = "Commenting on the survey, Anna Berg, Professor of Economics at King's College \
        London, said: “We are now seeing prices rise.”";
    assert_eq!(speakers(text), some(&["Anna Berg"]));
    let text = "“It was wrong,” Tom Reed, chief executive of the Leeds-based consumer website \
        Fair Deal, told the paper.";
    assert_eq!(speakers(text), some(&["Tom Reed"]));
    let text = "Omar Haddad, deputy director for research in Acme’s Space Flight Division, \
        said: “We need more launches.”";
    assert_eq!(speakers(text), some(&["Omar Haddad"]));
    // A name after the role itself still speaks.
    let text = "“We will appeal,” said Acme Mining chief executive Laura Brandt.";
    assert_eq!(speakers(text), some(&["Laura Brandt"]));
}

#[test]
fn a_caption_or_link_line_inside_a_quotation_does_not_end_it() {
    let text = "Nurse Clara Nunez said: “The wards are full.\n\n“We are asking people to stay \
        away\n\nHospital visiting rules in North Yorkshire and the Dales\n\n“We will \
        reopen the wards when we can.”";
    let found = quotes(text);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[2].1.as_deref(), Some("Clara Nunez"));
}

#[test]
fn a_pronoun_skips_objects_and_subordinate_subjects() {
    // `who visited Hemi Waaka hours before he died`: the visitor stays the topic; the one
    // visited, and the `he` of the `before` clause, do not become it.
    let text = "Board chair Tane Ruru sat beside former minister Hemi Waaka at the hearing.\n\n\
        Ruru, one of Waaka’s oldest colleagues, was among those who visited Waaka hours before \
        he died.\n\nHe said a few of them were called in late. “It gave us hope,” he said.";
    assert_eq!(speakers(text), some(&["Tane Ruru"]));
}

#[test]
fn amounts_per_unit_ranges_with_or_and_camel_case_products() {
    // An amount per unit written with a slash is a figure; a path or a ratio is not.
    let text = "Members pay $9/month or £70/year, and lorries reach 90km/h on the bypass.";
    let got = values(text);
    let surfaces: Vec<&str> = got.iter().map(|(s, _, _)| s.as_str()).collect();
    assert_eq!(surfaces, ["$9", "£70", "90km"], "{got:?}");
    let text = "The clinic is open 24/7, see example.org/news/4521 for details.";
    assert!(figures(text).is_empty(), "{:?}", figures(text));
    // `N or M units` is a range, as `two or three years` is.
    assert_eq!(
        values("Residents waited for 20 or 30 minutes."),
        found(&[("20 or 30 minutes", "20-30", Some("minutes"))])
    );
    // A product named with a lower-case first letter keeps its number.
    let text = "Fans queued for the new iPad 6 and the eReader 3 in the morning.";
    assert!(figures(text).is_empty(), "{:?}", figures(text));
}

#[test]
fn labels_in_pairs_and_capitalised_school_years_are_not_figures() {
    let text = "The motorway was shut between junctions 8 and 9. Read pages 4 to 6. Year 7 \
        pupils start on Monday, and the Hawks play Game 5 tonight.";
    assert!(figures(text).is_empty(), "{:?}", figures(text));
    // A pair after `between` with no label counts; a lower-case year before a number
    // is no label.
    assert_eq!(
        values("Between 8 and 9 people came."),
        found(&[("8 and 9 people", "8-9", Some("people"))])
    );
    assert_eq!(
        values("Sales rose for a year 6 times in a row."),
        found(&[
            ("a year", "1", Some("year")),
            ("6 times", "6", Some("times"))
        ])
    );
}

#[test]
fn an_organisation_described_with_a_is_the_one_named_next() {
    let text = "A leading housing charity has condemned a “shameful” rise in evictions.\n\n\
        The Hartley Housing Trust said the number of families evicted had doubled.";
    assert_eq!(speakers(text), some(&["Hartley Housing Trust"]));
    // No organisation written as a subject next: the description stays as written.
    let text = "A leading housing charity has condemned a “shameful” rise in evictions.\n\n\
        Families in Leeds were hit hardest, figures from the Hartley Trust show.";
    assert_eq!(speakers(text), some(&["A leading housing charity"]));
}

#[test]
fn currencies_written_with_letter_signs_and_south_asian_scales() {
    let text = "The treasury set aside R3bn for clinics, a farmer borrowed Rs 12 lakh and \
        the council spent RM2.5 million on a bridge.";
    assert_eq!(
        values(text),
        found(&[
            ("R3bn", "3000000000", Some("rand")),
            ("Rs 12 lakh", "1200000", Some("rupees")),
            ("RM2.5 million", "2500000", Some("ringgit")),
        ])
    );
    let got = figures("The state paid Rs 3 crore for the land.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].1, got[0].2.as_str()),
        (FigureKind::Money, "30000000")
    );
    // A lone R before a bare small number is a name, not rand.
    let text = "The R2 line and the droid R5 were both late.";
    assert!(figures(text).is_empty(), "{:?}", figures(text));
}

#[test]
fn a_sovereign_named_with_one_name_is_who_the_title_stands_for() {
    let text = "Queen Margaret opened the new bridge on Tuesday, watched by Premier Anna Holt.\n\n\
        Anna Holt has promised more money for roads.\n\n\
        “This crossing will serve the valley for a century,” the Queen said.";
    assert_eq!(speakers(text), some(&["Queen Margaret"]));
}

#[test]
fn a_role_at_a_workplace_before_a_name_gives_the_person() {
    let text = "Sales director at Harbour Cruises Nadia Crane, who has sailed for years, \
        shared her advice.\n\n\
        The keen sailor and boating fan explained: “Book the autumn sailings early.”";
    let got = quotes(text);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Nadia Crane"), "{got:?}");
    let text = "Managing director at Harbour Cruises Nadia Crane said prices would rise.\n\n\
        The cruise fan added: “Book early.”";
    assert_eq!(speakers(text), some(&["Nadia Crane"]));
    // A given name the lexicon does not know: the last two words of the run.
    let text = "Sales director at Harbour Cruises Zuleika Crane said prices would rise.\n\n\
        The cruise fan added: “Book early.”";
    assert_eq!(speakers(text), some(&["Zuleika Crane"]));
}

#[test]
fn numbered_list_items_and_powers_are_no_counts() {
    let text = "Packing tips\n\nTravel experts shared their advice.\n\n\
        1. Roll your shirts\n\nRolling made room for 4 jumpers.\n\n2) Pack light\n\nYou will thank us.";
    let got = values(text);
    assert_eq!(
        got,
        found(&[("4 jumpers", "4", Some("jumpers"))]),
        "{got:?}"
    );
    let got = values("The counter holds up to 2^16 entries, far fewer than 10^9.");
    let surfaces: Vec<&str> = got.iter().map(|(s, _, _)| s.as_str()).collect();
    assert_eq!(
        surfaces,
        ["up to 2^16 entries", "fewer than 10^9"],
        "{got:?}"
    );
    assert_eq!(got[0].1, "65536", "{got:?}");
    assert_eq!(got[1].1, "1000000000", "{got:?}");
    // Too large to hold: nothing, and no panic.
    assert!(figures("A key space of 2^9999 values.").is_empty());
}

#[test]
fn a_participle_opening_a_sentence_is_no_part_of_the_name_after_it() {
    let text = "Store owner Priya Lal praised the council.\n\n\
        Welcoming Lal at the opening “was a joy,” the mayor Tom Reyes said.\n\n\
        “We will open a second shop,” Lal added.";
    let got = quotes(text);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Priya Lal"), "{got:?}");
}

#[test]
fn a_passive_verb_of_naming_gives_its_agent_after_by() {
    let text = "The scheme had been described by the housing charity Homes First as a \
        “cruel gamble with families”.";
    assert_eq!(speakers(text), some(&["Homes First"]));
    // `by` without `as` before the quote is no such frame.
    let text = "The bill, described by ministers on Monday, would “end the crisis for good”, \
        Mayor Dan Kell said.";
    assert_eq!(speakers(text), some(&["Dan Kell"]));
}

#[test]
fn a_name_after_the_verb_that_follows_a_quote_is_the_speaker_to_come_back_to() {
    // `explains X from Y`: the person, not the firm, is who `the expert` means later.
    let text = "“Water it once a week,” explains Tomas Hrubec from Green Thumb Nurseries. \
        Most growers agree.\n\n\
        Ferns suit a bathroom. “Keep it out of direct sun,” the expert explains.";
    assert_eq!(speakers(text), some(&["Tomas Hrubec", "Tomas Hrubec"]));
    // `comments X, Director of Y`
    let text = "“Prices in the valley are rising fast,” comments Leo Marsh, Director of \
        Alpine Homes Lisbon.";
    assert_eq!(speakers(text), some(&["Leo Marsh"]));
}

#[test]
fn a_title_with_the_body_it_heads_is_no_name() {
    let text =
        "“We will list in May,” Hana Okoro, CEO of Bright-Path, adds. “The timing suits us.”";
    assert_eq!(speakers(text), some(&["Hana Okoro", "Hana Okoro"]));
}

#[test]
fn people_named_in_a_reported_clause_are_not_who_the_next_he_is_about() {
    let text = "Minister Paul Ashby said in a statement that his adviser, Kevin Drury, had \
        warned him that costs were rising fast.\n\n\
        He also said that the plan “still stands.”";
    assert_eq!(speakers(text), some(&["Paul Ashby"]));
    // A verb of thought reports a clause too.
    let text = "Winger Leon Obi has scored twice this season.\n\n\
        The 25-year-old feels the cup matters, and thinks coach Bruno Kemp would like to win \
        it.\n\n“We want this one,” he told reporters.";
    assert_eq!(speakers(text), some(&["Leon Obi"]));
    // `the tweets`, `her remarks`: a noun after a determiner reports nothing.
    let text = "The defence lawyer, Dali Moyo, questioned Major Sipho Ndlovu on Monday.\n\n\
        Regarding the tweets, Moyo took a calm line.\n\n\
        He said the state had “drawn a blank”.";
    assert_eq!(speakers(text), some(&["Dali Moyo"]));
}

#[test]
fn a_surname_with_its_particle_is_a_later_mention_of_the_person() {
    let text = "“Choosing him was right,” Abu Karim Al Rashid told the radio.\n\n\
        Moshe Adler, a retired general, said the leader would be hunted.\n\n\
        But Al Rashid is wary of the talks.\n\n“He is the most wanted man,” he said.";
    let got = speakers(text);
    assert_eq!(
        got.last(),
        Some(&Some("Abu Karim Al Rashid".to_string())),
        "{got:?}"
    );
}

#[test]
fn a_clause_put_before_its_main_one_is_about_its_subject() {
    let text = "Senator Ray Cole urged the governor to go on Friday.\n\n\
        If Governor Dan Marsh steps aside, his choice is Ana Ruiz. He has backed her, saying \
        she is “ready from day one.”";
    assert_eq!(speakers(text), some(&["Dan Marsh"]));
}

#[test]
fn and_inside_an_appositive_joins_nouns_not_clauses() {
    let text = "Maeve Doyle, a former envoy to the U.K. and EU, says the candidate “has taken \
        stances that worry allies.”";
    assert_eq!(speakers(text), some(&["Maeve Doyle"]));
}

#[test]
fn which_before_a_verb_of_speech_is_the_organisation_named_before_it() {
    let text = "Omar Nasser is the head of the Harbour Tenants Association in Lisbon, which \
        says on its website that it exists to “defend every renter in the city.”";
    assert_eq!(speakers(text), some(&["Harbour Tenants Association"]));
}

#[test]
fn a_short_form_defined_in_brackets_stands_for_the_full_name() {
    // The letters need not be the full name's initials (a name translated from Dutch).
    let text = "The study by the Institute for Applied Marine Research (TZO) was published \
        on Monday.\n\n“The hull failed at the weld,” TZO’s report said.";
    assert_eq!(
        speakers(text),
        some(&["Institute for Applied Marine Research"])
    );
}

#[test]
fn a_document_speaks_for_whoever_sent_it() {
    let text = "The payments were set out in a letter to the party treasurer from \
        administrators at Grant Hollis, now part of a larger firm.\n\n\
        The letter said: “The sums were paid without the board’s authority.”";
    assert_eq!(speakers(text), some(&["administrators at Grant Hollis"]));
}

#[test]
fn a_speech_verb_of_two_words_and_a_participle_whose_object_listens() {
    let text = "“We all miss her,” Dana Whitfield weighed in, telling Ruiz, “you kept her \
        shop going.”";
    assert_eq!(speakers(text), some(&["Dana Whitfield", "Dana Whitfield"]));
    let text = "“That is simply wrong,” Owen Pryce hit back.";
    assert_eq!(speakers(text), some(&["Owen Pryce"]));
}

#[test]
fn a_source_named_at_the_end_of_the_sentence_with_according_to() {
    let text = "Nobody knows for sure, but “warm water, storms or a sick leader” all play a \
        part, according to the Coastal Wildlife Service.";
    assert_eq!(speakers(text), some(&["Coastal Wildlife Service"]));
}

#[test]
fn a_description_opening_its_own_clause_is_that_verbs_subject() {
    // `when a studio executive claimed`: not the sentence's subject, but the person the
    // next paragraph names.
    let text = "Commentator Rhys Bevan was recalling the row, pointing to the moment when a \
        studio executive claimed the pair were “lazy frauds”.\n\n\
        Carl Ainsworth said the deal should never have been signed.";
    assert_eq!(speakers(text), some(&["Carl Ainsworth"]));
}

#[test]
fn a_document_speaks_for_its_owner_when_mentioned_again() {
    let text = "The Greens’ letter to the ombudsman said: “The rules were broken.”\n\n\
        The minister has denied it.\n\n\
        The letter also said that “a full inquiry is needed without delay.”";
    assert_eq!(speakers(text), some(&["The Greens", "The Greens"]));
}

#[test]
fn heights_in_feet_and_inches_are_one_measure() {
    let got = values("The 6'4\" centre and the 5’11” guard signed on Monday.");
    assert_eq!(
        got,
        found(&[
            ("6'4\"", "76", Some("inches")),
            ("5’11”", "71", Some("inches")),
        ]),
        "{got:?}"
    );
}

#[test]
fn a_duration_in_two_units_is_one_duration() {
    let got = values("The raid lasted 2 minutes and 30 seconds; the siege 3 hours 15 minutes.");
    assert_eq!(
        got,
        found(&[
            ("2 minutes and 30 seconds", "150", Some("seconds")),
            ("3 hours 15 minutes", "195", Some("minutes")),
        ]),
        "{got:?}"
    );
}

#[test]
fn resolutions_and_emergency_lines_are_no_amounts() {
    let text = "The headset offers 8K video, and a neighbour phoned 999 before a 911 \
        operator in Ohio took the call. About 4,000 people watched.";
    let got = values(text);
    assert_eq!(
        got,
        found(&[("About 4,000 people", "4000", Some("people"))]),
        "{got:?}"
    );
    // Away from a call, the same digits count.
    let got = values("The firm cut 911 jobs.");
    assert_eq!(got, found(&[("911 jobs", "911", Some("jobs"))]), "{got:?}");
    // A resolution has no currency, and `at` names one only before a rate (4K at 60fps).
    for text in [
        "The sketch fetched $4K at auction.",
        "She bought a £2K TV for the den.",
    ] {
        let got = values(text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert!(got[0].0.contains('K'), "{text}: {got:?}");
    }
    let got = values("The console plays games in 4K at 60 frames a second.");
    assert!(got.iter().all(|(s, _, _)| !s.starts_with('4')), "{got:?}");
    let got = values("Organisers counted 4K at the start line.");
    assert_eq!(got.len(), 1, "{got:?}");
}

#[test]
fn scores_with_a_modifier_before_the_result_and_win_loss_records() {
    let got =
        figures("A shock 2-1 away defeat ended the run, and the pitcher has a record of 3-7.");
    let scores: Vec<(&str, FigureKind)> = got.iter().map(|f| (f.0.as_str(), f.1)).collect();
    assert_eq!(
        scores,
        [("2-1", FigureKind::Score), ("3-7", FigureKind::Score)],
        "{got:?}"
    );
}

#[test]
fn a_year_after_an_amount_in_words_is_a_rate_and_number_before_times_counts() {
    let got = values("Coaches earn millions of dollars a year.");
    assert_eq!(
        got,
        found(&[("millions of dollars", "1000000", Some("dollars"))]),
        "{got:?}"
    );
    let got = values("He rang her mobile number six times that night.");
    assert_eq!(got, found(&[("six times", "6", Some("times"))]), "{got:?}");
}

#[test]
fn models_addresses_formations_and_second_days_are_no_counts() {
    // A model named by its number and name; the fleet's size still counts.
    let got = values("The carrier grounded its 52 787 Dreamliner jets.");
    assert_eq!(got, found(&[("52", "52", None)]), "{got:?}");
    // A building first given with its street, then named by number and street name.
    let text = "The department leased 240 Albert Street last spring.\n\n\
        A spokesperson said 240 Albert is now empty.";
    assert!(values(text).is_empty(), "{:?}", values(text));
    // `a back four`, `a thing or two`, `on June 4 and 5`
    let text = "Town switched to a back four, and the coach knows a thing or two about \
        defending. The fans marched on June 4 and 5.";
    let counts: Vec<_> = figures(text)
        .into_iter()
        .filter(|f| f.1 == FigureKind::Count)
        .collect();
    assert!(counts.is_empty(), "{counts:?}");
    // `the other two` points back; counts after `back` that count something stay.
    let got = values("Three men were held; the other two suspects fled. He came back four times.");
    assert_eq!(
        got,
        found(&[
            ("Three men", "3", Some("men")),
            ("four times", "4", Some("times"))
        ]),
        "{got:?}"
    );
}

#[test]
fn a_workplace_after_a_role_is_no_person_and_a_title_alone_is_a_role() {
    // `a director at Harbour Mining` is where she works: `she` is still Ms Vance.
    let text = "“Boards must change,” said council president Helen Vance.\n\n\
        Ms Vance, who is also a director at Harbour Mining, said progress was slow.\n\n\
        “We know diverse teams lower risk,” she told the paper.";
    let got = speakers(text);
    assert_eq!(
        got.last(),
        Some(&Some("Helen Vance".to_string())),
        "{got:?}"
    );
    // `the US President` stands for whoever holds the title.
    let text = "US President Dana Ross spoke to reporters on Monday.\n\n\
        “We will see what happens,” the US President said.";
    assert_eq!(speakers(text), some(&["Dana Ross"]));
}

#[test]
fn a_name_right_after_who_speaks_in_the_relative_clause() {
    let text = "Ana Prado, 37, spoke to the court on Monday.\n\n\
        The witness added she met a dancer from Lisbon – a singer too – who Prado said the \
        promoter “adored from the start.”";
    assert_eq!(speakers(text), some(&["Ana Prado"]));
}

#[test]
fn compared_to_frames_a_characterisation() {
    let text = "Rovers boss Tom Quill said the schedule was “a joke”. And prior to Quill’s \
        outburst, City coach Len Hardy compared the referees to “traffic wardens” at a press \
        event.";
    assert_eq!(speakers(text), some(&["Tom Quill", "Len Hardy"]));
}

#[test]
fn a_name_in_a_clause_about_a_noun_is_no_topic_for_he() {
    let text = "Militia leader Idris Kamal runs the armed wing.\n\n\
        “Choosing him was right,” Omar Haddad told the radio.\n\n\
        But Haddad is aware of the effect Kamal may have on ceasefire talks.\n\n\
        “He is the most wanted man,” he said.";
    assert_eq!(speakers(text), some(&["Omar Haddad", "Omar Haddad"]));
}

#[test]
fn one_word_after_a_described_organisation_names_it_not_the_speaker() {
    let text = "Mia Lund, head of the fraud prevention agency, Veritrace, said the gangs used \
        “mafia methods”.";
    assert_eq!(speakers(text), some(&["Mia Lund"]));
}

#[test]
fn kinds_named_with_a_number_and_one_before_a_participle_are_no_counts() {
    let text = "The bill bans zero-hours contracts and backs a two-state solution. Viewers \
        reacted, with one commenting: “So rude.” Only one player scored.";
    let got = values(text);
    assert_eq!(
        got,
        found(&[("Only one player", "1", Some("player"))]),
        "{got:?}"
    );
}

#[test]
fn vague_hundreds_and_numbers_that_are_no_sum() {
    let cases: &[(&str, &[Expected])] = &[
        (
            "Countries take a few hundred refugees.",
            &[("a few hundred refugees", "100", Some("refugees"))],
        ),
        (
            "A few thousand fans came.",
            &[("A few thousand fans", "1000", Some("fans"))],
        ),
        (
            "A few hundred thousand people marched.",
            &[("A few hundred thousand people", "100000", Some("people"))],
        ),
        (
            "Twenty-two people came.",
            &[("Twenty-two people", "22", Some("people"))],
        ),
        // A year read aloud is not twenty plus seventeen.
        ("Twenty-seventeen was a strange year.", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(values(text), found(want), "{text}");
    }
}

#[test]
fn millions_before_a_counted_group() {
    let cases: &[(&str, &[Expected])] = &[
        (
            "Half the 9m population has fled.",
            &[("9m population", "9000000", Some("population"))],
        ),
        ("They built a 30m wall.", &[("30m", "30", Some("metres"))]),
    ];
    for (text, want) in cases {
        let got: Vec<_> = values(text)
            .into_iter()
            .filter(|(surface, _, _)| surface != "Half")
            .collect();
        assert_eq!(got, found(want), "{text}");
    }
}

#[test]
fn descriptions_resolve_to_the_person_described_so() {
    // The description written next to the name, before or as an appositive.
    let text = "Pop star Lily Marsh has cancelled her tour. Her manager, Tom Reed, was angry.\n\nThe star told reporters: “Touring is exhausting.”";
    assert_eq!(speakers(text), some(&["Lily Marsh"]));
    let text = "Leeds boss Peter Reid was unhappy. Chairman Gerald Krasner was not.\n\n“We were unlucky,” said the Leeds boss.";
    assert_eq!(speakers(text), some(&["Peter Reid"]));
    let text =
        "Lily Marsh, a singer from Leeds, left. Tom Reed stayed.\n\n“It is over,” the singer said.";
    assert_eq!(speakers(text), some(&["Lily Marsh"]));
    // Of two people described with one role, the one whose description shares the
    // quote's words (`boss` and `manager` name one role).
    let text = "Arsenal boss Arsene Wenger praised his side. Everton manager David Moyes did not.\n\n“Sol has a small injury,” the Arsenal manager said.";
    assert_eq!(speakers(text), some(&["Arsene Wenger"]));
    // A description written after the quote's own is someone else being introduced.
    let text =
        "Jo Bell spoke first. Later the campaigner said campaigner Ann Lee had been “very brave”.";
    assert_ne!(speakers(text), some(&["Ann Lee"]));
}

#[test]
fn a_title_after_a_determiner_and_modifiers_is_a_role_not_a_name() {
    let text = "Labour was angry. Yvette Cooper, the shadow Home Secretary, said: “It is very disappointing.”";
    assert_eq!(speakers(text), some(&["Yvette Cooper"]));
}

#[test]
fn a_speaker_set_off_by_a_clause_is_who_the_next_epithet_means() {
    let text = "Goals from Thierry Henry won it. Everton manager David Moyes was angry.\n\nHenry, who has scored 19 goals this season, said: “It was a hard game.”\n\nThe striker added that the race was “far from over”.";
    assert_eq!(speakers(text), some(&["Thierry Henry", "Thierry Henry"]));
}

#[test]
fn british_epithets_stand_for_the_person_before() {
    let text = "Shadow chancellor Oliver Letwin said the plans were “a con”. The Tory frontbencher added: “Pensioners have been let down.”";
    assert_eq!(speakers(text), some(&["Oliver Letwin", "Oliver Letwin"]));
    let text =
        "Tom Reed met Lily Marsh at the station.\n\n“I was so relieved,” the mother-of-two said.";
    assert_eq!(speakers(text), some(&["Lily Marsh"]));
    // `star` also names an outlet (`the Star`); in lower case it is a person.
    let text = "Asked about the rumours, Toby Aromolaran replied: “Mind your own business.”\n\n“I'm focusing on my career,” added the Chelsea-born star.";
    assert_eq!(
        speakers(text),
        some(&["Toby Aromolaran", "Toby Aromolaran"])
    );
}

#[test]
fn a_name_with_a_comma_closing_its_paragraph_is_read_without_panic() {
    let text = "Another paragraph here about things.\n\n“Fine,” said John Smith,";
    assert_eq!(speakers(text), some(&["John Smith"]));
}

#[test]
fn the_most_recent_of_many_people_described_alike_is_the_one_meant() {
    let mut text = String::new();
    for n in 0..300 {
        text.push_str(&format!("Pop singer Name{n} Surname{n} arrived.\n\n"));
    }
    text.push_str("“I am here,” the singer said.");
    assert_eq!(speakers(&text), some(&["Name299 Surname299"]));
}

#[test]
fn a_company_described_is_not_the_paper_that_interviewed_its_chief_nor_a_numbered_product() {
    let text = "Norland Aero is building the new tanker. An hour earlier the Harbour Gazette \
                published an interview with its chief, Ruth Amos.\n\n\
                \"We look forward to the next phase,\" the company said.";
    assert_eq!(speakers(text), some(&["Norland Aero"]));
    let text = "Skyway Air is one of the region's cheapest carriers.\n\n\
                Flight SK210, a Merlin M300-20, lost contact with air traffic control on Sunday.\n\n\
                The airline said it would fly families to the city, \"where a team will meet each family\".";
    assert_eq!(speakers(text), some(&["Skyway Air"]));
    // An outlet's own noun stands for the outlet.
    let text = "Senator Ray Dunn spoke in Leeds. Enter the Valley Tribune.\n\n\
                \"He is selling his own brand of fiction,\" the paper's editorial board wrote.";
    assert_eq!(speakers(text), some(&["Valley Tribune"]));
}

#[test]
fn a_demonym_or_a_party_member_after_the_stands_for_the_person() {
    let text = "Full-back Conor Byrne returned to the side on Saturday.\n\n\
                \"There's definitely still hurt there,\" said the Dubliner.";
    assert_eq!(speakers(text), some(&["Conor Byrne"]));
    let text = "Opposition MP Ruth Okafor said the minister elbowed one member.\n\n\
                \"Physical force in this House is never permitted,\" the New Democrat said.";
    assert_eq!(speakers(text), some(&["Ruth Okafor"]));
    let text = "Councillor Tom Reeve backed the plan.\n\n\"It will pass,\" the Republican said.";
    assert_eq!(speakers(text), some(&["Tom Reeve"]));
    // An outlet's name with a demonym's shape is still the outlet.
    let text = "\"The vote was rigged,\" the Examiner said.";
    assert_eq!(speakers(text), some(&["Examiner"]));
}

#[test]
fn a_given_name_the_curated_lists_miss_still_gives_a_gender() {
    // Mariam comes from the census lists: `she` is her, not the man named after her.
    let text = "Mariam Chuma sells maize by the bus stand, next to Peter Lowe.\n\n\
                She says: \"It was hard to find women in the streets at night.\"";
    assert_eq!(speakers(text), some(&["Mariam Chuma"]));
}

#[test]
fn more_frames_name_the_speaker() {
    // A weaker verb of speech after a quote, its subject a name set off by commas.
    let text = "\"Papa, come home,\" Anna Lind, his 22-year-old daughter, pleaded online.";
    assert_eq!(speakers(text), some(&["Anna Lind"]));
    // A line attributed to someone.
    let text =
        "\"The real voyage is in having new eyes,\" is a line attributed to novelist Marc Perrin.";
    assert_eq!(speakers(text), some(&["Marc Perrin"]));
    // A song's words are its singer's.
    let text = "As the band Night Harbour sang in 1991, \"promises can disappear\".";
    assert_eq!(speakers(text), some(&["Night Harbour"]));
    // A person noun before `of` heads the description.
    let text = "Amina Salum, 34, sells food near the terminal.\n\n\
                \"Nothing can harm us where there is light,\" says the mother of four who sells food there.";
    assert_eq!(speakers(text), some(&["Amina Salum"]));
    // The name with a given name, not the region set off after the role.
    let text = "Anthony Butler, Cloud CTO, Middle East and Africa, said: \"Strategy and technology are inseparable.\"";
    assert_eq!(speakers(text), some(&["Anthony Butler"]));
    // `also` between a subject and its verb keeps the subject a subject.
    let text = "Maria Lopez testified on Monday. Rosa Keane is serving a sentence.\n\n\
                Lopez also went into detail about how Keane recruited girls.\n\n\
                She said: \"She was going out to different schools.\"";
    assert_eq!(speakers(text), some(&["Maria Lopez"]));
}

#[test]
fn a_firm_named_with_an_ampersand_is_the_one_a_description_stands_for() {
    // Named only as an object (`Shares in …`), it is still the organisation named last.
    let text = "Shares in Hart & Bloom fell 5% after the retailer warned on profits.\n\n\
                In a statement, the firm said: \"Trading has been difficult.\"";
    assert_eq!(speakers(text), some(&["Hart & Bloom"]));
}

#[test]
fn hyphenated_scales_eras_dirhams_and_amounts_a_rule_sets() {
    use FigureKind::*;
    let found = figures("The resort finished a $100-million renovation.");
    assert_eq!(found[0].1, Money);
    assert_eq!(found[0].2, "100000000");
    let found = figures("The market may touch Dh33 billion.");
    assert_eq!((found[0].1, found[0].2.as_str()), (Money, "33000000000"));
    assert_eq!(found[0].4.as_deref(), Some("dirhams"));
    // A year of an era, not a count of BCs.
    let found = figures("Romans lit streets as early as 500 BC, and again in 1066 AD.");
    let years: Vec<(&str, FigureKind, &str)> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1, f.2.as_str()))
        .collect();
    assert_eq!(years, [("500 BC", Year, "-500"), ("1066 AD", Year, "1066")]);
    // `the nine votes needed` is an amount, not a count given before.
    let found = figures("Moscow may struggle to muster the nine votes needed to pass it.");
    assert_eq!((found[0].1, found[0].2.as_str()), (Count, "9"));
    let found = figures("The two leaders met on Monday.");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn institutions_with_a_demonym_s_shape_stay_institutions() {
    // Only listed demonyms, party members and `-man` compounds stand for a person.
    let text = "Curator Jane Doe showed the fossil.\n\n\"It is unique,\" the Smithsonian said.";
    assert_eq!(speakers(text), some(&["Smithsonian"]));
    let text = "Minister Tom Hale spoke first.\n\n\"We will not comment,\" the Exchequer said.";
    assert_eq!(speakers(text), some(&["Exchequer"]));
    let text = "Winger Sean Kerr scored twice.\n\n\"We deserved it,\" said the Ulsterman.";
    assert_eq!(speakers(text), some(&["Sean Kerr"]));
}

#[test]
fn eras_scales_and_ampersands_only_where_they_belong() {
    use FigureKind::*;
    // A noun after the era's letters makes them a name, not an era.
    let found = figures("All 27 CE members agreed.");
    assert!(found.iter().all(|f| f.1 != Year), "{found:?}");
    // A scale inside a longer hyphenated word is no amount of millions.
    let found = figures("A 3-million-year-old skull was found.");
    assert!(found.iter().all(|f| f.2 != "3000000"), "{found:?}");
    // A title with an ampersand before a name is no firm.
    let text = "Head of Research & Development John Smith spoke. He said: \"We are ready.\"";
    let found = speakers(text);
    assert!(
        found[0]
            .as_deref()
            .is_some_and(|s| s.ends_with("John Smith")),
        "{found:?}"
    );
}

#[test]
fn a_surname_after_a_personal_title_names_a_person_never_named_in_full() {
    // British news writes the well known by title and surname alone.
    let text = "Mr Pemberton told a committee of MPs that the scheme would go ahead.\n\n\
                “We have listened and we have acted,” the transport secretary said.\n\n\
                “Nobody should doubt our resolve,” he added.";
    assert_eq!(speakers(text), some(&["Mr Pemberton", "Mr Pemberton"]));
    let text = "Baroness Tilling said the report was a whitewash.\n\n\
                “The victims deserve better than this,” the peer said.";
    assert_eq!(speakers(text), some(&["Baroness Tilling"]));
    // A first name given earlier is kept: the titled surname is the same person.
    let text = "Home Office minister Alice Ormerod was questioned by MPs.\n\n\
                “It is under review,” Mrs Ormerod said.";
    assert_eq!(speakers(text), some(&["Alice Ormerod"]));
    // A word for kin before a first name is no title.
    let text = "Author Nadia Brook wrote to her younger sister Leila every week.\n\n\
                In one letter she wrote: “Come home soon.”";
    assert_eq!(speakers(text), some(&["Nadia Brook"]));
}

#[test]
fn a_nationality_stands_for_the_person_described_by_it() {
    let text = "Dunmore have signed Dutch defender Pieter Aalders from Utrecht.\n\n\
                Dunmore manager Colin Rudd said: “He is strong in the air.”\n\n\
                “It is a dream for me to play in England,” the Dutchman said.";
    assert_eq!(speakers(text), some(&["Colin Rudd", "Pieter Aalders"]));
}

#[test]
fn a_player_or_a_performer_is_not_whoever_manages_or_represents_them() {
    // The singer's publicist, named last, is not `the singer`.
    let text = "Pop star Tara Quill has postponed her tour.\n\n\
                Her publicist, Dan Oakes, confirmed the news on Monday.\n\n\
                “I will be back in the spring,” the singer said on her website.";
    assert_eq!(speakers(text), some(&["Tara Quill"]));
    // With no player named, a manager is not `the striker`: the description stays.
    let text = "Haxby manager Neil Sutter was angry at the decision.\n\n\
                “It was never offside,” the striker said.";
    assert_eq!(speakers(text), some(&["the striker"]));
    // A former player may well be the manager now.
    let text = "Haxby manager Neil Sutter was angry at the decision.\n\n\
                “It was never offside,” said the former Wigan striker.";
    assert_eq!(speakers(text), some(&["Neil Sutter"]));
}

#[test]
fn he_after_an_unnamed_speaker_is_that_speaker_not_the_last_name() {
    let text = "Union official Gary Hobbs called the plan “a disgrace”.\n\n\
                A Marlow Foods spokesman said talks were continuing. \
                “We will not comment on rumours,” he said.";
    assert_eq!(
        speakers(text),
        some(&["Gary Hobbs", "A Marlow Foods spokesman"])
    );
    // A name written after the description is who the pronoun stands for.
    let text = "A spokesman said talks were continuing.\n\n\
                Union official Gary Hobbs disagreed. “They are stalling,” he said.";
    assert_eq!(speakers(text), some(&["Gary Hobbs"]));
    // Nor does `she` stand for a spokesman.
    let text = "Councillor Jean Platt opposed the plan.\n\n\
                A council spokesman said it would be reviewed. “It is not final,” she said.";
    assert_eq!(speakers(text), some(&["Jean Platt"]));
}

#[test]
fn a_description_after_the_verb_then_a_name_after_a_comma_is_the_person_named() {
    let text = "Brook Leisure has bought three hotels in Devon.\n\n\
                “It is a big step for us,” said the group's finance director, Maria Toller.\n\n\
                “The timing was right,” said the survey's lead author, Dr Owen Pask, on Monday.";
    assert_eq!(speakers(text), some(&["Maria Toller", "Owen Pask"]));
}

#[test]
fn a_members_seat_after_a_title_is_no_name() {
    let text = "Backbencher Harriet Cole has tabled an amendment.\n\n\
                The Labour MP for Rotherham West said: “We will force a vote.”\n\n\
                “The whips know our numbers,” said the MP for Rotherham West.";
    assert_eq!(speakers(text), some(&["Harriet Cole", "Harriet Cole"]));
    // A name of two words after a title and its field is still the name.
    let text = "“We are ready,” said Minister for Sport Jane Pollard.";
    assert_eq!(speakers(text), some(&["Jane Pollard"]));
}

#[test]
fn a_titled_owner_of_the_speaker_is_not_the_speaker() {
    // `Mrs Okafor's solicitor`: the solicitor speaks, whom the reader cannot name; not the
    // titled person who owns them, met before.
    let text = "Mrs Okafor was charged with fraud last spring.\n\n\
                “She denies every count,” Mrs Okafor’s solicitor said.";
    let found = speakers(text);
    assert_eq!(found.len(), 1);
    assert_ne!(found, some(&["Mrs Okafor"]));
    let text = "Mr Bellamy was released on bail.\n\n\
                Mr Bellamy’s barrister said: “He will fight this.”";
    assert_eq!(speakers(text), vec![None]);
    // A quote standing alone still goes to the person the paragraph is about.
    let text = "Mr Bellamy left court without speaking to reporters.\n\n\
                “I have nothing to add.”";
    assert_eq!(speakers(text), some(&["Mr Bellamy"]));
}

#[test]
fn someone_who_works_for_a_player_is_not_the_player() {
    let text = "Winger Callum Voss has agreed a move to Portugal.\n\n\
                “It is the right club for him,” the agent said.";
    assert_eq!(speakers(text), some(&["the agent"]));
    // Someone introduced with an office is who the office stands for.
    let text = "Winger Callum Voss has agreed a move to Portugal.\n\n\
                His agent, Rhona Pike, flew out on Sunday.\n\n\
                “It is the right club for him,” the agent said.";
    assert_eq!(speakers(text), some(&["Rhona Pike"]));
}

#[test]
fn a_nationality_keeps_to_its_gender_and_its_shape() {
    // `the Dutchman` is not the woman named after him.
    let text = "Ajax have signed Dutch striker Joost Brink and Dutch winger Anna Aalst.\n\n\
                “I grew up watching this club,” the Dutchman said.";
    assert_eq!(speakers(text), some(&["Joost Brink"]));
    // A capitalised nationality stands for the person described with it.
    let text = "Canadian skier Liam Roy won the downhill.\n\n\
                His coach, Ruth Hale, was delighted. “He skied well,” she said. \
                “The snow was perfect,” the Canadian said.";
    assert_eq!(speakers(text), some(&["Ruth Hale", "Liam Roy"]));
    // A lower-case word shaped like one (`politician`, `musician`) is no nationality.
    let text = "Green politician Jo Marr spoke first.\n\n\
                Liberal politician Sam Idle spoke next. “It is a bad bill,” the politician said.";
    assert_eq!(speakers(text), some(&["Sam Idle"]));
}

#[test]
fn a_name_after_a_comma_belongs_to_the_nearest_noun_for_a_person() {
    // The name after `the son of the late farmer` could be the son's or the farmer's.
    let text = "“He loved this valley,” said the son of the late farmer, Owen Price, who was 81.";
    assert_eq!(speakers(text), some(&["the son of the late farmer"]));
    // A report, a film or a campaign is no person: its title is not a speaker.
    let text = "“Exports rose by a fifth,” said the chamber's quarterly survey, Trade Winds.";
    assert_eq!(speakers(text), some(&["the chamber's quarterly survey"]));
    // A description whose last word is a person is the person named after it.
    let text = "“Demand has never been higher,” said the bakery's head chef, Ines Moura.";
    assert_eq!(speakers(text), some(&["Ines Moura"]));
}

#[test]
fn a_name_set_up_as_the_topic_is_who_the_pronoun_after_it_stands_for() {
    let text = "Film critic Dan Ohr has called the row a publicity stunt.\n\n\
                As for Mayor Carl Lund, he seems unworried. “They will make peace,” he said.";
    assert_eq!(speakers(text), some(&["Carl Lund"]));
}

#[test]
fn a_bare_group_saying_a_scare_quote_is_not_the_sentence_subject() {
    let text =
        "Chef Mina Ortez has defended her menu after critics called it “bland and overpriced”.";
    assert_eq!(speakers(text), some(&["critics"]));
    let text = "Architect Leo Brandt hit back at residents who say the tower is “an eyesore”.";
    assert_eq!(speakers(text), some(&["residents"]));
    // A group with a modifier is left to the rules before (`Pentagon officials said`).
    let text = "Chef Mina Ortez said the menu was “honest food”.";
    assert_eq!(speakers(text), some(&["Mina Ortez"]));
}

#[test]
fn a_passive_judgement_with_its_agent_after_the_words_is_the_agents() {
    // `accused of “…” by X`, `branded “…” by X`: the agent after `by` says the words, not
    // the sentence's subject.
    let text = "The mayor, Joan Pike, was criticised for \"wasting public money\" by the Green \
                Party on Tuesday.\n\nThe stadium plan, branded \"a white elephant\" by the \
                Residents Association, was approved.";
    assert_eq!(
        speakers(text),
        some(&["Green Party", "Residents Association"])
    );
}

#[test]
fn a_pronoun_after_who_is_the_one_saying_not_the_one_described() {
    let text = "Coach Sam Ortega praised goalkeeper Lena Vogt, who he said had \"kept us in the \
                game\" all season.\n\nThe striker Ana Ruiz thanked her manager Paul Dent, who \
                she said had \"never stopped believing\" in her.";
    assert_eq!(speakers(text), some(&["Sam Ortega", "Ana Ruiz"]));
}

#[test]
fn a_band_or_an_orchestra_speaks_as_the_group_named_before() {
    let text = "Folk band The Hollow Pines have cancelled their autumn tour.\n\nIn a post online, \
                the band said: \"We are heartbroken to let our fans down.\"\n\nThe city \
                orchestra, the Harland Philharmonic, will play on. The orchestra said: \"We will \
                honour every ticket.\"";
    assert_eq!(
        speakers(text),
        some(&["Hollow Pines", "Harland Philharmonic"])
    );
}

#[test]
fn an_office_stands_only_for_someone_introduced_with_it_or_as_a_speaker() {
    // Met only as title and surname, and not speaking: the description stays as written.
    let text = "Mr Dalby was sentenced to four years at Exeter Crown Court.\n\n\"You betrayed \
                their trust,\" the judge told him.\n\nMs Orme was appointed by the trust in \
                March.\n\n\"She has our full support,\" the chairman said.";
    assert_eq!(speakers(text), some(&["the judge", "the chairman"]));
    // Introduced as a speaker, the one the description varies on.
    let text = "Mr Dalby told local radio he would not step down.\n\n\"I have done nothing \
                wrong,\" the council leader said.";
    assert_eq!(speakers(text), some(&["Mr Dalby"]));
}

#[test]
fn a_surname_under_another_title_is_another_person() {
    let text = "Mr Orme died in the fire on Friday.\n\n\"He was everything to me,\" Mrs Orme \
                said.\n\nOfficers questioned Mr Kettle on Saturday. Inspector Kettle, no \
                relation, led the search.\n\n\"We found nothing,\" Inspector Kettle said.";
    assert_eq!(speakers(text), some(&["Mrs Orme", "Inspector Kettle"]));
    let text = "Ms Vane and Mr Vane, who are not related, both stood for the council.\n\n\"I \
                will win,\" Mr Vane said. \"We shall see,\" Ms Vane said.";
    assert_eq!(speakers(text), some(&["Mr Vane", "Ms Vane"]));
}

#[test]
fn a_company_named_with_a_title_like_word_is_no_person() {
    let text = "General Dynamics cut its forecast on Monday.\n\n\"It was a difficult \
                quarter,\" the finance director said.";
    assert_eq!(speakers(text), some(&["the finance director"]));
}

#[test]
fn a_pronoun_after_a_possessive_phrase_is_the_speaker() {
    let text = "Nia Ford launched her bid on Friday. In her address she said: \"We will \
                win this.\"";
    assert_eq!(speakers(text), some(&["Nia Ford"]));
    let text = "Police questioned Tom Hale. \"He is innocent,\" said his long-time lawyer.";
    assert_eq!(speakers(text), some(&["his long-time lawyer"]));
}

#[test]
fn a_rank_title_on_a_speaker_keeps_the_one_known_by_that_rank() {
    let text = "Sergeant Ruth Marsh stopped Mr Marsh, who is no relation of hers, on the \
                bypass.\n\n\"He was polite throughout,\" Sergeant Marsh said.";
    assert_eq!(speakers(text), some(&["Ruth Marsh"]));
}

#[test]
fn two_descriptions_joined_by_and_are_one_epithet_for_one_person() {
    // A subject opening its sentence: the whole description stands for the person before.
    let text = "Mark Fenwick has joined Bath on a two-year deal, ending weeks of talk.\n\n\
                The former Wales captain and Lions great confirmed last night, \
                “I have talked to the coach about it.”";
    assert_eq!(speakers(text), some(&["Mark Fenwick"]));
    // Two names joined by `and` still speak together; roles before one name stay its roles.
    let joint = "Ravi Patel and Sian Morgan wrote in the journal: “The data are clear.”";
    assert_eq!(speakers(joint), some(&["Ravi Patel and Sian Morgan"]));
    let roles = "The board met. Chairman and managing director Peter Holm said: “Profits rose.”";
    assert_eq!(speakers(roles), some(&["Peter Holm"]));
    // A second description with its own determiner is someone else.
    let two = "Ann Bell met the mayor on Monday.\n\n\
               The mayor and the police said: “We will review the plan.”";
    assert_ne!(speakers(two), some(&["Ann Bell"]));
}

#[test]
fn a_seat_or_party_before_mp_is_an_office_not_a_name() {
    // `Labour MP Jane Smith`: the office before the name is no part of it.
    let named = "Labour MP Jane Smith said: “The scheme has failed.”";
    assert_eq!(speakers(named), some(&["Jane Smith"]));
    // `Dunmore MP` alone is the office: the description is the person introduced before.
    let seat = "Jane Smith lost the vote on Monday.\n\n\
                The former housing minister and Dunmore MP told the paper: \
                “The road must be repaired.”";
    assert_eq!(speakers(seat), some(&["Jane Smith"]));
}
