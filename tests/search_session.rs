//! The search API as the TUI uses it: ranking, refinement while typing, cancellation,
//! match positions.

use std::sync::Arc;

use lede::corpus::{Corpus, parse_article};
use lede::search::oneshot::search_articles;
use lede::search::{
    Cancel, CancelSource, Index, ItemKind, Query, Session, char_positions_to_byte_ranges,
};

fn corpus(texts: &[&str]) -> Corpus {
    let articles = texts
        .iter()
        .enumerate()
        .map(|(i, text)| parse_article(format!("a{i}.txt").into(), text, Vec::new()))
        .collect();
    Corpus {
        articles,
        problems: Vec::new(),
    }
}

fn session(corpus: &Corpus) -> Session {
    Session::new(Arc::new(Index::build(corpus)))
}

/// (article, kind, original text) of the top `n` results.
fn top(
    corpus: &Corpus,
    session: &mut Session,
    query: &str,
    n: usize,
) -> Vec<(usize, ItemKind, String)> {
    let results = session
        .search(query, &Cancel::never())
        .expect("not cancelled");
    results
        .top(n)
        .iter()
        .map(|hit| {
            let item = session.index().item(hit.item()).expect("hit in index");
            let article = &corpus.articles[item.article];
            let text = match item.range {
                Some(r) => article.body[r].to_string(),
                None => article.title.clone(),
            };
            (item.article, item.kind, text)
        })
        .collect()
}

#[test]
fn titles_rank_before_equal_body_matches_then_article_order() {
    let corpus = corpus(&[
        "Turkey and Russia\n\nTalks went on. Turkey and Russia met.\n",
        "Turkey and Russia\n\nNothing here.\n",
    ]);
    let mut s = session(&corpus);
    let found = top(&corpus, &mut s, "'turkey", 10);
    let kinds: Vec<_> = found.iter().map(|(a, k, _)| (*a, *k)).collect();
    assert_eq!(kinds[0], (0, ItemKind::Title));
    assert_eq!(kinds[1], (1, ItemKind::Title));
    assert!(kinds[2..].iter().all(|(_, k)| *k == ItemKind::Sentence));
}

#[test]
fn better_matches_rank_first() {
    let corpus = corpus(&[
        "The story.\n\nThen she told all the truth.\n",
        "The other story.\n\nJens Stoltenberg said so.\n",
    ]);
    let mut s = session(&corpus);
    let found = top(&corpus, &mut s, "stolt", 5);
    assert_eq!(found[0].2, "Jens Stoltenberg said so.");
}

#[test]
fn accents_and_smart_case() {
    let corpus = corpus(&[
        "Intro.\n\nRecep Tayyip Erdoğan spoke.\n\nthe nato meeting.\n\nThe NATO meeting.\n",
    ]);
    let mut s = session(&corpus);
    assert_eq!(
        top(&corpus, &mut s, "erdogan", 5)[0].2,
        "Recep Tayyip Erdoğan spoke."
    );
    assert_eq!(top(&corpus, &mut s, "'erdoğan", 5).len(), 1);
    assert_eq!(top(&corpus, &mut s, "'nato", 5).len(), 2);
    let upper = top(&corpus, &mut s, "'NATO", 5);
    assert_eq!(upper.len(), 1);
    assert_eq!(upper[0].2, "The NATO meeting.");
}

#[test]
fn query_syntax_and_exclusion() {
    let corpus =
        corpus(&["Intro.\n\nRussia said no.\n\nTurkey said yes.\n\nRussia and Turkey agreed.\n"]);
    let mut s = session(&corpus);
    let texts = |found: Vec<(usize, ItemKind, String)>| {
        let mut t: Vec<String> = found.into_iter().map(|f| f.2).collect();
        t.sort();
        t
    };
    assert_eq!(
        texts(top(&corpus, &mut s, "'russia !turkey", 10)),
        vec!["Russia said no."]
    );
    assert_eq!(
        texts(top(&corpus, &mut s, "^turkey", 10)),
        vec!["Turkey said yes."]
    );
    assert_eq!(
        texts(top(&corpus, &mut s, "agreed.$", 10)),
        vec!["Russia and Turkey agreed."]
    );
    assert_eq!(
        texts(top(&corpus, &mut s, "\"and turkey\"", 10)),
        vec!["Russia and Turkey agreed."]
    );
    assert!(top(&corpus, &mut s, "'russia 'yes", 10).is_empty());
}

#[test]
fn typing_more_refines_and_gives_the_same_results_as_a_fresh_search() {
    let corpus = Corpus::seeds();
    let index = Arc::new(Index::build(&corpus));
    let mut typing = Session::new(Arc::clone(&index));
    let query = "stoltenberg nato";
    for end in 1..=query.len() {
        let typed = &query[..end];
        let refined = typing.search(typed, &Cancel::never()).unwrap();
        let fresh = Session::new(Arc::clone(&index))
            .search(typed, &Cancel::never())
            .unwrap();
        assert_eq!(refined.len(), fresh.len(), "{typed}");
        assert_eq!(refined.top(20), fresh.top(20), "{typed}");
    }
    // Deleting a char (not a refinement) searches everything again.
    let shorter = typing.search("stolt", &Cancel::never()).unwrap();
    let fresh = Session::new(index)
        .search("stolt", &Cancel::never())
        .unwrap();
    assert_eq!(shorter.len(), fresh.len());
}

#[test]
fn a_newer_query_cancels_an_older_one() {
    let corpus = Corpus::seeds();
    let mut s = session(&corpus);
    let source = CancelSource::new();
    let older = source.next();
    let newer = source.next();
    assert!(older.is_cancelled());
    assert!(!newer.is_cancelled());
    assert!(s.search("nato", &older).is_none());
    assert!(s.search("nato", &newer).is_some());
    source.cancel_all();
    assert!(newer.is_cancelled());
}

#[test]
fn cancelled_search_keeps_the_previous_results_for_refinement() {
    let corpus = Corpus::seeds();
    let mut s = session(&corpus);
    let source = CancelSource::new();
    let first = s.search("na", &source.next()).unwrap().len();
    let stale = source.next();
    source.cancel_all();
    assert!(s.search("nat", &stale).is_none());
    let refined = s.search("nato", &source.next()).unwrap();
    assert!(refined.len() <= first);
    assert!(!refined.is_empty());
}

#[test]
fn positions_mark_the_matched_chars_of_one_row() {
    let corpus = corpus(&["Intro.\n\nPrésident Erdoğan spoke.\n"]);
    let mut s = session(&corpus);
    let results = s.search("erdogan", &Cancel::never()).unwrap();
    let hit = results.top(1)[0];
    let item = s.index().item(hit.item()).unwrap();
    let text = &corpus.articles[0].body[item.range.unwrap()];
    let positions = results.positions(&hit);
    let ranges = char_positions_to_byte_ranges(text, &positions);
    let marked: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(marked, vec!["Erdoğan"]);
    assert_eq!(results.in_article(0), vec![hit]);
    assert!(results.in_article(1).is_empty());
}

#[test]
fn empty_and_odd_queries_never_panic() {
    let corpus = Corpus::seeds();
    let mut s = session(&corpus);
    for query in [
        "", " ", "'", "!", "^", "$", "\"", "!!", "^$", "ğ", "日本", "\\", "'\"", "a\\ ",
    ] {
        let results = s.search(query, &Cancel::never()).unwrap();
        for hit in results.top(5) {
            let _ = results.positions(&hit);
        }
    }
    assert!(s.search("", &Cancel::never()).unwrap().is_empty());
}

#[test]
fn first_screen_while_typing_equals_the_full_search() {
    // Enough items (the seeds twenty times, names varied) for the first screen to skip
    // most of them.
    let seeds = Corpus::seeds();
    let names = [
        "Stoltenberg",
        "Erdoğan",
        "Nakamura",
        "Stolz",
        "Berg",
        "Natoli",
    ];
    let mut texts = Vec::new();
    for copy in 0..20 {
        for article in &seeds.articles {
            let name = names[copy % names.len()];
            texts.push(
                article
                    .body
                    .replace("Stoltenberg", name)
                    .replace("Erdogan", name),
            );
        }
    }
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let corpus = corpus(&refs);
    let index = Arc::new(Index::build(&corpus));
    let mut typing = Session::new(Arc::clone(&index));
    let query = "stoltenberg nato";
    for end in 1..=query.len() {
        let typed = &query[..end];
        let first = typing.first_screen(typed, &Cancel::never()).unwrap();
        let full = Session::new(Arc::clone(&index))
            .search(typed, &Cancel::never())
            .unwrap();
        assert_eq!(first.top(10), full.top(10), "{typed}");
        assert!(first.len() >= full.len());
        // The prompt then completes the search, which the next key refines.
        typing.search(typed, &Cancel::never()).unwrap();
    }
}

/// A name, words one typo away from it, and a few with neither.
const NAME_AND_NEIGHBOURS: &[&str] = &[
    "Kaine in Ohio\n\nTim Kaine spoke in Ohio. The crowd came to hear Kaine.\n",
    "Kane and Kline\n\nJohn Kane ran the farm. Kline sold it. Kaine was not there.\n",
    "Kline\n\nThe Kline family moved. Kane stayed behind.\n",
    "Weather\n\nIt rained all day.\n",
];

/// The matched words of every result of `query`, from the session (the reader) and
/// from the one-shot search (`lede search`), which must agree; and the rows' texts.
fn matched_words(query: &str) -> (Vec<String>, Vec<String>) {
    let corpus = corpus(NAME_AND_NEIGHBOURS);
    let mut s = session(&corpus);
    let results = s.search(query, &Cancel::never()).unwrap();
    let mut words = Vec::new();
    let mut rows = Vec::new();
    let ranked = results.ranked(&Cancel::never()).unwrap();
    assert_eq!(ranked, results.top(usize::MAX));
    for hit in &ranked {
        let item = s.index().item(hit.item()).unwrap();
        let article = &corpus.articles[item.article];
        let text = match item.range {
            Some(r) => &article.body[r],
            None => article.title.as_str(),
        };
        rows.push(text.to_string());
        for range in char_positions_to_byte_ranges(text, &results.positions(hit)) {
            words.push(text[range].to_string());
        }
    }
    let oneshot = search_articles(&corpus.articles, &Query::parse(query), 0);
    assert_eq!(results.len(), rows.len(), "{query}: count");
    assert_eq!(oneshot.total, results.len(), "{query}: one-shot count");
    let oneshot_rows: Vec<String> = oneshot.matches.iter().map(|m| m.text.clone()).collect();
    assert_eq!(oneshot_rows, rows, "{query}: rows");
    for limit in 1..=rows.len() {
        let some = search_articles(&corpus.articles, &Query::parse(query), limit);
        assert_eq!(some.total, oneshot.total);
        assert_eq!(some.matches, oneshot.matches[..limit]);
    }
    words.sort();
    words.dedup();
    (words, rows)
}

#[test]
fn a_name_found_as_written_hides_the_words_a_typo_away() {
    // "kaine" is one typo from "Kane" and "Kline", but the text has "Kaine" itself.
    let (words, rows) = matched_words("kaine ");
    assert_eq!(words, vec!["Kaine"]);
    assert!(rows.iter().all(|r| r.contains("Kaine")), "{rows:?}");
    assert!(rows.iter().any(|r| r == "Kaine was not there."));
    // As the word being typed too: "Kaine" is found whole, not its neighbours.
    assert_eq!(matched_words("kaine").0, vec!["Kaine"]);
}

#[test]
fn a_misspelt_name_with_no_exact_word_still_finds_the_typo_matches() {
    // "kainne" is nowhere; "Kaine" is one typo away ("Kline" and "Kane" two).
    let (words, rows) = matched_words("kainne ");
    assert_eq!(words, vec!["Kaine"]);
    assert_eq!(rows, matched_words("kaine ").1);
    // "klinne" is one typo from "Kline" only (and nowhere as written).
    assert_eq!(matched_words("klinne ").0, vec!["Kline"]);
}

#[test]
fn each_result_shows_the_fewest_typos_over_all_its_terms() {
    // "kaine ohio": both as written in article 0; "kane ohio" has no sentence with
    // both as written, so the ones with the fewest typos in all are shown.
    let (words, _) = matched_words("kaine ohio ");
    assert_eq!(words, vec!["Kaine", "Ohio"]);
    let (words, rows) = matched_words("kane farm ");
    assert_eq!(words, vec!["Kane", "farm"]);
    assert_eq!(rows, vec!["John Kane ran the farm."]);
    // A query refined while typing still finds what its own fewest typos allow.
    let corpus = corpus(NAME_AND_NEIGHBOURS);
    let mut s = session(&corpus);
    s.search("kaine", &Cancel::never()).unwrap();
    let refined = s.search("kaine stayed", &Cancel::never()).unwrap();
    assert_eq!(refined.len(), 1, "Kane stayed behind: one typo");
}
