//! One search over files, as `lede search` runs it: no index. Each core reads, parses and
//! searches its files at once, and keeps of each article only the items that matched, so
//! the corpus is never held whole. Matching and ranking are the index's (the same
//! [`Matcher`] on the same folded text), so results are the same as the reader's.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::corpus::{
    Article, FileLoad, LoadProblem, ReadFile, ReadWhole, in_story, load_each_wanted,
};

use super::engine::{Cancel, Hit, rank_all};
use super::fold::fold_into;
use super::index::{ItemKind, article_items, date_key};
use super::matcher::Matcher;
use super::prefilter::Prefilter;
use super::query::Query;

/// What a matching item's row shows of its article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleInfo {
    /// Its path as shown (nothing in it acts on a terminal).
    pub path: String,
    pub title: String,
}

/// A matching item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Its score and rank; `hit.item` is the item's number in its article (0 for the
    /// title, then sentences).
    pub hit: Hit,
    pub article: Arc<ArticleInfo>,
    pub kind: ItemKind,
    /// The item's text, as in the article.
    pub text: String,
    /// Its byte range in the article's body (`None` for a title).
    pub range: Option<Range<usize>>,
}

/// The outcome of a search.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Best first: every match, or the first `limit` of them.
    pub matches: Vec<Match>,
    /// How many items matched in all.
    pub total: usize,
    /// Files that could not be read, and why.
    pub problems: Vec<LoadProblem>,
    /// Why the query matched nothing although it has terms, in words for the user.
    pub query_problem: Option<String>,
}

/// One article's matches, before it gets its number in the corpus.
struct ArticleMatches {
    info: Arc<ArticleInfo>,
    items: Vec<ItemMatch>,
}

struct ItemMatch {
    /// Ranked as in the index, but for the article's number (given later).
    hit: Hit,
    kind: ItemKind,
    text: String,
    range: Option<Range<usize>>,
}

/// Searches the articles in `paths` (files and folders, read as [`crate::corpus::Corpus::load`]
/// reads them) for `query`, keeping the best `limit` matches (0: all), calling
/// `progress(files done, files in all)` as files are read. The search reads the files
/// itself, and an article that cannot match is not parsed (see [`super::prefilter`]).
/// `cached` is a reader that serves articles already parsed (see
/// [`crate::corpus::Corpus::load_reading`]): once the first articles show that most
/// articles may match (parsing them would cost more than taking them parsed), the rest
/// of the files are read by it.
pub fn search_files(
    paths: &[PathBuf],
    query: &Query,
    limit: usize,
    progress: impl FnMut(usize, usize),
    cached: Option<&ReadFile<'_>>,
) -> Outcome {
    let matcher = Matcher::new(query);
    let mut ranking = Ranking::new(limit);
    // Only the order of the numbers matters (it breaks ties in the ranking).
    let mut number = 0;
    let keep = |matches: Option<ArticleMatches>| {
        if let Some(matches) = matches {
            ranking.offer(number, matches);
        }
        number += 1;
    };
    let prefilter = Prefilter::new(query);
    let tally = &PassRate::default();
    let through_cache = cached.map(|read| {
        move |path: &std::path::Path, part: &mut dyn FnMut(FileLoad) -> bool| {
            let chosen = tally.at_least(PassRate::CACHED_FROM_PERCENT);
            if chosen {
                read(path, part);
            }
            chosen
        }
    });
    let problems = load_each_wanted(
        paths,
        progress,
        &|unparsed| {
            // When nearly every article may match (`tu`), testing costs more than it
            // saves: every article is parsed (saying yes is always right).
            tally.at_least(PassRate::UNTESTED_FROM_PERCENT)
                || tally.note(prefilter.article_may_match(&matcher, unparsed))
        },
        through_cache.as_ref().map(|read| read as &ReadWhole<'_>),
        |article| match_article(&matcher, article),
        |article, matches| {
            matches.as_ref().is_some_and(|matches| {
                !matched_in_fingerprinted_text(article, matches)
                    && !prefilter.fingerprinted_text_may_match(article)
            })
        },
        keep,
    );
    Outcome {
        problems,
        query_problem: matcher.problem().map(str::to_string),
        ..ranking.finish()
    }
}

/// [`search_files`] over articles already loaded.
pub fn search_articles(articles: &[Article], query: &Query, limit: usize) -> Outcome {
    let matcher = Matcher::new(query);
    let mut ranking = Ranking::new(limit);
    for (number, article) in articles.iter().enumerate() {
        if let Some(matches) = match_article(&matcher, article) {
            ranking.offer(number, matches);
        }
    }
    Outcome {
        query_problem: matcher.problem().map(str::to_string),
        ..ranking.finish()
    }
}

/// The items of `article` that match, if any.
fn match_article(matcher: &Matcher, article: &Article) -> Option<ArticleMatches> {
    if matcher.matches_nothing() {
        return None;
    }
    let mut buffer = String::new();
    let mut items = Vec::new();
    let date = date_key(article.date);
    for (n, (kind, text, range)) in article_items(article).enumerate() {
        // Folding leaves ASCII text as it is: most items need no copy.
        let folded = if text.is_ascii() {
            text
        } else {
            buffer.clear();
            fold_into(text, &mut buffer);
            buffer.as_str()
        };
        if let Some(scored) = matcher.score_text(folded) {
            let item = u32::try_from(n).unwrap_or(u32::MAX);
            items.push(ItemMatch {
                hit: Hit::new(item, scored.score, 0, kind, folded, date).with_typos(scored.typos),
                kind,
                text: text.to_string(),
                range,
            });
        }
    }
    if items.is_empty() {
        return None;
    }
    Some(ArticleMatches {
        info: Arc::new(ArticleInfo {
            // Neutralised: a file name may hold escape sequences.
            path: crate::terminal_safe(&article.path.display().to_string()).into_owned(),
            title: article.title.clone(),
        }),
        items,
    })
}

/// How many articles the prefilter was asked about, and how many it let through.
#[derive(Default)]
struct PassRate {
    asked: AtomicUsize,
    passed: AtomicUsize,
}

impl PassRate {
    /// Articles asked about before the rate is looked at.
    const SAMPLE: usize = 512;
    /// Once this share of articles passed, the rest are parsed untested.
    const UNTESTED_FROM_PERCENT: usize = 90;
    /// Once this share of articles passed, the rest are taken from the cache if there is
    /// one: a cached article costs about what testing and parsing a fifth of them costs
    /// (instructions on the bench's corpora, warm cache against none).
    const CACHED_FROM_PERCENT: usize = 20;

    /// Whether `percent`% or more of the first [`Self::SAMPLE`] articles or more passed.
    fn at_least(&self, percent: usize) -> bool {
        let asked = self.asked.load(Ordering::Relaxed);
        asked >= Self::SAMPLE && self.passed.load(Ordering::Relaxed) * 100 >= asked * percent
    }

    fn note(&self, passed: bool) -> bool {
        self.asked.fetch_add(1, Ordering::Relaxed);
        if passed {
            self.passed.fetch_add(1, Ordering::Relaxed);
        }
        passed
    }
}

/// Whether a sentence that matched is part of the text the article's fingerprint is
/// taken from (then so is a match, as [`Prefilter::fingerprinted_text_may_match`] says).
fn matched_in_fingerprinted_text(article: &Article, matches: &ArticleMatches) -> bool {
    let has_story = article.paragraphs.iter().any(|p| in_story(p.kind));
    matches.items.iter().any(|item| {
        item.range.as_ref().is_some_and(|range| {
            !has_story
                || article.paragraphs.iter().any(|p| {
                    in_story(p.kind) && p.range.start <= range.start && range.end <= p.range.end
                })
        })
    })
}

/// The matches kept so far: all of them, or the best `limit` in order; only those with
/// the fewest typos seen so far (see [`super::engine::fewest_typos`]).
struct Ranking {
    limit: usize,
    kept: Vec<Match>,
    /// How many matches have `fewest` typos.
    total: usize,
    fewest: u8,
}

impl Ranking {
    fn new(limit: usize) -> Ranking {
        Ranking {
            limit,
            kept: Vec::new(),
            total: 0,
            fewest: u8::MAX,
        }
    }

    /// Takes the matches of article number `number`.
    fn offer(&mut self, number: usize, matches: ArticleMatches) {
        let article = u32::try_from(number).unwrap_or(u32::MAX);
        for item in matches.items {
            if item.hit.typos > self.fewest {
                continue;
            }
            if item.hit.typos < self.fewest {
                // Everything kept so far has more typos: none of it is shown.
                self.fewest = item.hit.typos;
                self.kept.clear();
                self.total = 0;
            }
            self.total += 1;
            let hit = item.hit.with_article(article);
            if self.limit > 0 {
                // Most matches lose to the worst kept after one comparison.
                if self.kept.len() == self.limit && hit.rank(&self.kept[self.limit - 1].hit).is_ge()
                {
                    continue;
                }
                let at = self.kept.partition_point(|m| m.hit.rank(&hit).is_lt());
                self.kept.truncate(self.limit - 1);
                let kept_at = at.min(self.kept.len());
                self.kept.insert(
                    kept_at,
                    Match {
                        hit,
                        article: Arc::clone(&matches.info),
                        kind: item.kind,
                        text: item.text,
                        range: item.range,
                    },
                );
                continue;
            }
            self.kept.push(Match {
                hit,
                article: Arc::clone(&matches.info),
                kind: item.kind,
                text: item.text,
                range: item.range,
            });
        }
    }

    fn finish(self) -> Outcome {
        let matches = if self.limit > 0 {
            self.kept
        } else {
            rank_matches(self.kept)
        };
        Outcome {
            matches,
            total: self.total,
            ..Outcome::default()
        }
    }
}

/// All matches (in corpus order), best first: their hits ranked on all cores, each
/// standing for its match by its place in the list (which keeps the corpus order the
/// ranking ends with), then the matches put in that order.
fn rank_matches(matches: Vec<Match>) -> Vec<Match> {
    let hits: Vec<Hit> = matches
        .iter()
        .enumerate()
        .map(|(i, m)| m.hit.with_item(i as u32))
        .collect();
    let order = rank_all(hits, &Cancel::never()).unwrap_or_default();
    let mut slots: Vec<Option<Match>> = matches.into_iter().map(Some).collect();
    order
        .iter()
        .filter_map(|hit| slots.get_mut(hit.item()).and_then(Option::take))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    /// The search reading files itself (leaving articles that cannot match unparsed),
    /// and with a cache (here reading the files again), finds what a search of every
    /// article parsed finds. Returns the outcome and how many files the cache read.
    fn same_as_parsing_everything(paths: &[PathBuf], query: &str) -> (Outcome, usize) {
        let query = Query::parse(query);
        let corpus = Corpus::load(paths);
        let cache_reads = AtomicUsize::new(0);
        let cached = |path: &std::path::Path, part: &mut dyn FnMut(FileLoad) -> bool| {
            cache_reads.fetch_add(1, Ordering::Relaxed);
            crate::corpus::load_path_in_parts(path, part)
        };
        // Articles are numbered differently (only their order counts).
        let unnumbered = |matches: Vec<Match>| -> Vec<Match> {
            matches
                .into_iter()
                .map(|m| Match {
                    hit: m.hit.with_article(0),
                    ..m
                })
                .collect()
        };
        for limit in [0, 2] {
            let all = search_articles(&corpus.articles, &query, limit);
            for read in [None, Some(&cached as &ReadFile<'_>)] {
                let found = search_files(paths, &query, limit, |_, _| {}, read);
                assert_eq!(
                    unnumbered(found.matches),
                    unnumbered(all.matches.clone()),
                    "{query:?}"
                );
                assert_eq!(found.total, all.total, "{query:?}");
                assert_eq!(found.problems, corpus.problems, "{query:?}");
            }
        }
        cache_reads.store(0, Ordering::Relaxed);
        let found = search_files(paths, &query, 0, |_, _| {}, Some(&cached));
        (found, cache_reads.into_inner())
    }

    #[test]
    fn a_copy_of_an_unparsed_story_is_still_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let story = "Budget talks went on in the capital all week. Ministers met again on Friday.";
        let files = [
            (
                "01.txt",
                format!("Talks drag on\n\n{story}\n\nA second paragraph ends it."),
            ),
            // The same story under another headline: a duplicate, left out although
            // only its headline matches `zebra`.
            (
                "02.txt",
                format!("Zebra crossing plan\n\n{story}\n\nA second paragraph ends it."),
            ),
            (
                "03.txt",
                "A zebra escaped from the zoo. Keepers found it.".to_string(),
            ),
            (
                "04.txt",
                format!("Zebra crossing plan\n\n{story} A zebra was seen."),
            ),
            ("05.bin", "not read".to_string()),
            ("06.html", "<html><body><p>No text</p>".to_string()),
        ];
        for (name, text) in &files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let paths = vec![dir.path().to_path_buf()];
        let (found, _) = same_as_parsing_everything(&paths, "zebra");
        let paths_found: Vec<&str> = found
            .matches
            .iter()
            .map(|m| m.article.path.as_str())
            .collect();
        assert!(
            paths_found.iter().all(|p| !p.ends_with("02.txt")),
            "{paths_found:?}"
        );
        assert!(paths_found.iter().any(|p| p.ends_with("03.txt")));
        assert!(paths_found.iter().any(|p| p.ends_with("04.txt")));
        for query in [
            "budget",
            "talks !zebra",
            "'capital",
            "zebra | ministers",
            "x",
            "~zbr",
            "\"went on\"",
        ] {
            same_as_parsing_everything(&paths, query);
        }
    }

    /// A JSON Lines file big enough to be read in runs of lines (on many cores, each
    /// record shown to the prefilter): what it finds is what parsing it whole finds,
    /// with each match named by its line.
    #[test]
    fn a_json_lines_file_read_in_runs_finds_what_parsing_it_whole_finds() {
        let dir = tempfile::tempdir().unwrap();
        let story = "Budget talks went on in the capital all week. Ministers met again on Friday.";
        let mut lines: Vec<String> = vec![format!("\u{feff}{{\"text\": \"{story}\"}}")];
        for n in 0..60 {
            lines.push(match n % 6 {
                0 => format!(r#"{{"text": "Report {n} is about tunnels and roads."}}"#),
                1 => "{oops".to_string(),
                2 => "   ".to_string(),
                // Found only once its escapes are read: `ğ` folds to `g`.
                3 => {
                    format!(r#"{{"text": "Talks {n} with Erdo\u011fan went on. He said \"no\"."}}"#)
                }
                4 => format!(r#"{{"title": "Zebra plan {n}", "text": "{story}"}}"#),
                _ => {
                    format!(r#"{{"text": "A zebra {n} escaped from the zoo. Keepers found it."}}"#)
                }
            });
        }
        let file = dir.path().join("news.jsonl");
        std::fs::write(&file, lines.join("\n")).unwrap();
        let paths = vec![file.clone()];
        let (found, _) = same_as_parsing_everything(&paths, "zebra");
        let rows: Vec<&str> = found
            .matches
            .iter()
            .map(|m| m.article.path.as_str())
            .collect();
        // The story of line 1 retold under a zebra headline is left out as its copy.
        let line_of = |n: usize| format!("{}:{}", file.display(), n + 2);
        for n in 0..60 {
            let shown = rows.contains(&line_of(n).as_str());
            assert_eq!(shown, n % 6 == 5, "line {} in {rows:?}", n + 2);
        }
        let (found, _) = same_as_parsing_everything(&paths, "erdogan");
        // A title and a sentence of each of ten records.
        assert_eq!(found.total, 20);
        assert!(
            found
                .matches
                .iter()
                .any(|m| m.article.path == line_of(3) && m.text == "Talks 3 with Erdoğan went on.")
        );
        assert_eq!(found.problems.len(), 10);
        assert_eq!(
            found.problems[0].reason,
            "line 3: not valid JSON (key must be a string at line 1 column 2)"
        );
        for query in [
            "budget",
            "tunnels !roads",
            "\"he said\"",
            "x",
            "~zbr",
            "report | keepers",
            "'Erdoğan",
        ] {
            same_as_parsing_everything(&paths, query);
        }
    }

    /// More bad lines than are listed, spread over many runs: told as parsing the file
    /// whole tells them.
    #[test]
    fn bad_lines_of_a_json_lines_file_read_in_runs_are_told_as_before() {
        let dir = tempfile::tempdir().unwrap();
        let lines: Vec<String> = (0..400)
            .map(|n| match n % 3 {
                0 => format!(r#"{{"text": "Record {n} is fine."}}"#),
                1 => format!("[{n}]"),
                _ => format!(r#"{{"text": 42, "n": {n}}}"#),
            })
            .collect();
        let file = dir.path().join("bad.ndjson");
        std::fs::write(&file, lines.join("\n") + "\n").unwrap();
        let (found, _) = same_as_parsing_everything(&[file], "fine");
        assert_eq!(found.total, 2 * 134);
        assert_eq!(found.problems.len(), 101);
        assert!(found.problems[100].reason.starts_with("166 more bad lines"));
    }

    #[test]
    fn a_query_nearly_every_article_matches_finds_them_all() {
        let dir = tempfile::tempdir().unwrap();
        let files = 2 * PassRate::SAMPLE;
        for n in 0..files {
            let text = match n % 20 {
                0 => format!("Report {n} is about budgets."),
                _ => format!("Report {n} is about tunnels."),
            };
            std::fs::write(dir.path().join(format!("{n:05}.txt")), text).unwrap();
        }
        let paths = vec![dir.path().to_path_buf()];
        let (found, cache_reads) = same_as_parsing_everything(&paths, "tu");
        // Each matches by its title and its one sentence.
        let matching = (0..files).filter(|n| n % 20 != 0).count();
        assert_eq!(found.total, 2 * matching);
        // Once the first articles showed that most match, the rest came from the cache.
        assert!(
            (1..=files - PassRate::SAMPLE).contains(&cache_reads),
            "{cache_reads}"
        );
        // A rare query reads every file itself, leaving most unparsed.
        let (found, cache_reads) = same_as_parsing_everything(&paths, "budgets");
        assert_eq!(found.total, 2 * (files - matching));
        assert_eq!(cache_reads, 0);
    }

    #[test]
    fn a_limited_search_keeps_the_first_rows_of_the_full_one() {
        let corpus = Corpus::seeds();
        for query in [
            "nato",
            "turkish soldirs",
            "s",
            "the",
            "'a",
            "!zzz",
            "er | an",
        ] {
            let query = Query::parse(query);
            let all = search_articles(&corpus.articles, &query, 0);
            assert!(all.total > 0);
            assert_eq!(all.matches.len(), all.total);
            for limit in [1, 3, 10, 1000] {
                let some = search_articles(&corpus.articles, &query, limit);
                assert_eq!(some.total, all.total);
                let expected = &all.matches[..limit.min(all.total)];
                assert_eq!(some.matches, expected, "{query:?} limit {limit}");
            }
        }
    }
}
