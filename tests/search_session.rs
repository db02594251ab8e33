//! The search API as the TUI uses it: ranking, refinement while typing, cancellation,
//! match positions.

use std::sync::Arc;

use lede::corpus::{Corpus, parse_article};
use lede::search::{Cancel, CancelSource, Index, ItemKind, Session, char_positions_to_byte_ranges};

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
