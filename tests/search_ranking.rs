//! Ranking on random queries: a limited ranking is the first rows of the full one (in the
//! reader's index and in `lede search`'s one-shot search), and both searches find the same
//! rows in the same order with the same scores.

use std::sync::{Arc, OnceLock};

use lede::corpus::{Article, Corpus, parse_article};
use lede::search::oneshot::{self, Outcome};
use lede::search::{Cancel, Hit, Index, ItemKind, Query, Results, Session};
use proptest::prelude::*;

/// The seeds many times over, names and dates varied, so that queries have many
/// matches with equal scores (where ties must still be broken the same way).
fn articles() -> &'static [Article] {
    static ARTICLES: OnceLock<Vec<Article>> = OnceLock::new();
    ARTICLES.get_or_init(|| {
        let names = [
            "Stoltenberg",
            "Erdoğan",
            "Stolz",
            "Nakamura",
            "PeÃ±a",
            "Berg",
        ];
        let mut articles = Vec::new();
        for copy in 0..12 {
            for (n, seed) in Corpus::seeds().articles.iter().enumerate() {
                let name = names[(copy + n) % names.len()];
                let text = format!(
                    " date 2020-0{}-1{}\n\n{}",
                    1 + copy % 9,
                    n,
                    seed.body
                        .replace("Stoltenberg", name)
                        .replace("Erdogan", name)
                );
                let path = format!("a{copy:02}-{n}.txt");
                articles.push(parse_article(path.into(), &text, Vec::new()));
            }
        }
        articles
    })
}

fn index() -> Arc<Index> {
    static INDEX: OnceLock<Arc<Index>> = OnceLock::new();
    Arc::clone(INDEX.get_or_init(|| Arc::new(Index::from_articles(articles()))))
}

/// Words of the corpus, to make queries of.
fn words() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<String> = articles()
            .iter()
            .flat_map(|a| a.body.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.chars().count() >= 2)
            .map(str::to_string)
            .collect();
        words.sort();
        words.dedup();
        words
    })
}

/// A query term: a corpus word, perhaps cut, with a typo, and with an operator.
fn term() -> impl Strategy<Value = String> {
    (
        any::<prop::sample::Index>(),
        0..4usize,
        0..10usize,
        any::<prop::sample::Index>(),
    )
        .prop_map(|(word, change, operator, other)| {
            let mut chars: Vec<char> = word.get(words()).chars().collect();
            let at = (1 + chars.len() / 2).min(chars.len() - 1);
            match change {
                1 if chars.len() > 4 => {
                    chars.remove(at);
                }
                2 if chars.len() > 4 => chars.swap(at - 1, at),
                3 => chars.truncate(at),
                _ => {}
            }
            let text: String = chars.into_iter().collect();
            let other = other.get(words());
            match operator {
                0 => format!("'{text}"),
                1 => format!("!{text}"),
                2 => format!("^{text}"),
                3 => format!("{text}.$"),
                4 => format!("~{text}"),
                5 => format!("{text} | {other}"),
                6 => format!("\"{text} {other}\""),
                _ => text,
            }
        })
}

fn query() -> impl Strategy<Value = String> {
    (prop::collection::vec(term(), 1..=3), any::<bool>()).prop_map(|(terms, typing)| {
        let mut query = terms.join(" ");
        if !typing {
            query.push(' ');
        }
        query
    })
}

/// A row as both searches can name it: article path, kind, place, score.
type Row = (String, ItemKind, Option<std::ops::Range<usize>>, i64);

fn index_rows(results: &Results, hits: &[Hit]) -> Vec<Row> {
    hits.iter()
        .map(|hit| {
            let item = results.index().item(hit.item()).expect("hit in the index");
            let path = articles()[item.article].path.display().to_string();
            (path, item.kind, item.range, hit.score)
        })
        .collect()
}

fn oneshot_rows(outcome: &Outcome) -> Vec<Row> {
    outcome
        .matches
        .iter()
        .map(|m| {
            let path = m.article.path.clone();
            (path, m.kind, m.range.clone(), m.hit.score)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn limited_rankings_are_the_first_rows_of_the_full_ones(input in query()) {
        let mut session = Session::new(index());
        let results = session.search(&input, &Cancel::never()).expect("not cancelled");
        let ranked = results.ranked(&Cancel::never()).expect("not cancelled");
        prop_assert_eq!(ranked.len(), results.len());
        let query = Query::parse(&input);
        let all = oneshot::search_articles(articles(), &query, 0);
        prop_assert_eq!(all.total, ranked.len());
        for limit in [1, 7, 50] {
            let first = ranked.len().min(limit);
            prop_assert_eq!(&results.top(limit)[..], &ranked[..first], "{} limit {}", input, limit);
            let some = oneshot::search_articles(articles(), &query, limit);
            prop_assert_eq!(&some.matches[..], &all.matches[..first], "{} limit {}", input, limit);
        }
        // The index (word ids) and the one-shot search (text) agree row for row.
        prop_assert_eq!(index_rows(&results, &ranked), oneshot_rows(&all), "{}", input);
    }

    #[test]
    fn typing_a_query_key_by_key_ends_with_the_fresh_search(input in query()) {
        let mut typing = Session::new(index());
        let mut typed = String::new();
        for c in input.chars() {
            typed.push(c);
            typing.first_screen(&typed, &Cancel::never()).expect("not cancelled");
            typing.search(&typed, &Cancel::never()).expect("not cancelled");
        }
        let refined = typing.search(&input, &Cancel::never()).expect("not cancelled");
        let fresh = Session::new(index()).search(&input, &Cancel::never()).expect("not cancelled");
        prop_assert_eq!(refined.len(), fresh.len(), "{}", input);
        prop_assert_eq!(refined.top(30), fresh.top(30), "{}", input);
    }
}
