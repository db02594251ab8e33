//! A search session: the state one prompt keeps between keystrokes, so that typing more
//! of a query searches only the previous matches.

use std::sync::Arc;

use super::engine::{Cancel, Candidates, Hit, Matcher, rescore_and_rank, scan, top};
use super::index::Index;
use super::query::Query;

/// However few rows are asked for, at least this many are re-scored: the quick score
/// and the fuzzy matcher's may order near neighbours differently.
const RESCORED_POOL_MIN: usize = 100;

/// The most a term's quick score can grow per char typed: 16 for the char, up to 8 for
/// where it is (a word start, or following the previous char); used to skip items that
/// cannot reach the first screen.
const GAIN_PER_CHAR: i64 = 24;
/// The first char of a new term can also sit at the very start of an item (16, not 8).
const GAIN_PER_NEW_TERM: i64 = 8;
/// Extra room in that bound, for a term changing kind (e.g. `nato` to `'nato`).
const GAIN_SLACK: i64 = 8;
/// How far the first screen widens its pool before a full search is cheaper.
const FIRST_SCREEN_ROUNDS: usize = 2;
/// Queries of up to this many typed characters match nearly every item of a big corpus.
const SHORT_QUERY_CHARS: i64 = 4;
/// How many leading items the first screen of a short query ranks: about a keystroke's
/// worth of work on two cores (~20 ms); the full search that follows ranks them all.
const QUICK_SLICE_ITEMS: usize = 80_000;

/// The outcome of one query: every matching item, ranked on demand.
pub struct Results {
    pub query: Query,
    /// All hits, in index order (not ranked).
    hits: Arc<Vec<Hit>>,
    matcher: Arc<Matcher>,
    index: Arc<Index>,
    /// False for a first screen ([`Session::first_screen`]): `hits` then holds only the
    /// items that could rank among the first rows, and `len` is an upper bound.
    complete: bool,
    /// For a first screen, how many items may match (the earlier matches left).
    candidates: usize,
}

impl Results {
    /// How many items matched; for a first screen (see [`Results::is_complete`]), how
    /// many may match at most.
    pub fn len(&self) -> usize {
        if self.complete {
            self.hits.len()
        } else {
            self.candidates
        }
    }

    /// False when these are the first rows only (a full search is still to come).
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// The best `n` hits, best first, with the fuzzy matcher's scores: the best
    /// `max(4n, 100)` by quick score are re-scored by the fuzzy matcher and ranked.
    pub fn top(&self, n: usize) -> Vec<Hit> {
        let pool = top(&self.hits, (4 * n).max(RESCORED_POOL_MIN));
        // Never cancelled, so never `None`.
        let mut ranked = rescore_and_rank(&self.index, &self.matcher, pool, &Cancel::never())
            .unwrap_or_default();
        ranked.truncate(n);
        ranked
    }

    /// Every hit, best first, all scored by the fuzzy matcher (for scripts, not for
    /// every keystroke). `None` if cancelled.
    pub fn ranked(&self, cancel: &Cancel) -> Option<Vec<Hit>> {
        rescore_and_rank(
            &self.index,
            &self.matcher,
            self.hits.as_ref().clone(),
            cancel,
        )
    }

    /// The hits in article `article`, in index order (title, then sentences in text
    /// order): what `n`/`N` step through in the reader. Use complete results.
    pub fn in_article(&self, article: usize) -> Vec<Hit> {
        self.hits
            .iter()
            .filter(|h| {
                self.index
                    .item(h.item())
                    .is_some_and(|i| i.article == article)
            })
            .copied()
            .collect()
    }

    /// Char indices, in the item's text, of the chars the query matched: computed per
    /// item, for the rows on screen only.
    pub fn positions(&self, hit: &Hit) -> Vec<usize> {
        self.matcher.positions(&self.index, hit.item())
    }

    /// The index the results point into.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// A cheap handle on the same results (for sending to another thread).
    pub fn share(&self) -> Results {
        Results {
            query: self.query.clone(),
            hits: Arc::clone(&self.hits),
            matcher: Arc::clone(&self.matcher),
            index: Arc::clone(&self.index),
            complete: self.complete,
            candidates: self.candidates,
        }
    }
}

/// Runs queries over one index, reusing the previous matches when a query refines the
/// previous one (see [`Query::refines`]).
pub struct Session {
    index: Arc<Index>,
    last: Option<Results>,
}

impl Session {
    pub fn new(index: Arc<Index>) -> Session {
        Session { index, last: None }
    }

    pub fn index(&self) -> &Arc<Index> {
        &self.index
    }

    /// Runs `input`; `None` if `cancel` fired first (the session is then as before, so
    /// the next query can still refine the last completed one).
    pub fn search(&mut self, input: &str, cancel: &Cancel) -> Option<Results> {
        let query = Query::parse(input);
        let matcher = Matcher::new(&query);
        let hits = if query.is_empty() {
            Vec::new()
        } else {
            let candidates = match &self.last {
                Some(last) if !last.query.is_empty() && query.refines(&last.query) => {
                    Candidates::Only(&last.hits)
                }
                _ => Candidates::All,
            };
            scan(&self.index, &matcher, candidates, cancel)?
        };
        let results = Results {
            query,
            candidates: hits.len(),
            hits: Arc::new(hits),
            matcher: Arc::new(matcher),
            index: Arc::clone(&self.index),
            complete: true,
        };
        self.last = Some(results.share());
        Some(results)
    }

    /// The first `rows` results of `input`, quickly: when `input` refines the last
    /// complete search, only the earlier matches whose earlier score leaves them a
    /// chance to reach the first rows are scored (each char typed since can add at most
    /// [`GAIN_PER_CHAR`]). Otherwise, or when that would not save much, this is a full
    /// [`Session::search`]. The returned results are marked incomplete when they hold
    /// only the first rows; follow up with [`Session::search`] for all matches.
    pub fn first_screen(&mut self, input: &str, rows: usize, cancel: &Cancel) -> Option<Results> {
        let query = Query::parse(input);
        // A query of a few characters matches nearly everything in a big corpus, too much
        // to rank before the next keystroke. Its first screen ranks the leading part of
        // the corpus, as a streaming finder shows what it has found so far; the full
        // search that follows ranks everything.
        if !query.is_empty()
            && typed_chars(&query) <= SHORT_QUERY_CHARS
            && self.index.len() > 2 * QUICK_SLICE_ITEMS
        {
            let matcher = Matcher::new(&query);
            let hits = scan(
                &self.index,
                &matcher,
                Candidates::First(QUICK_SLICE_ITEMS),
                cancel,
            )?;
            return Some(Results {
                query,
                hits: Arc::new(hits),
                matcher: Arc::new(matcher),
                index: Arc::clone(&self.index),
                complete: false,
                candidates: self.index.len(),
            });
        }
        let base = match &self.last {
            Some(last) if !last.query.is_empty() && query.refines(&last.query) => last.share(),
            _ => return self.search(input, cancel),
        };
        let pool = (4 * rows).max(RESCORED_POOL_MIN);
        let new_terms = query.terms.len().saturating_sub(base.query.terms.len()) as i64;
        let gain = GAIN_PER_CHAR * (typed_chars(&query) - typed_chars(&base.query)).max(0)
            + GAIN_PER_NEW_TERM * new_terms
            + GAIN_SLACK;
        let matcher = Matcher::new(&query);
        let old = &base.hits;
        // Lower the bar on earlier scores until the pool's worst new score is out of
        // reach for every item below the bar.
        let histogram = ScoreHistogram::new(old);
        let mut take = 8 * pool;
        let mut found = Vec::new();
        let mut done_above: Option<i64> = None;
        for round in 0.. {
            if take * 2 >= old.len() || round == FIRST_SCREEN_ROUNDS {
                return self.search(input, cancel);
            }
            let (bar, best_left) = histogram.bar(take);
            let band: Vec<Hit> = old
                .iter()
                .filter(|h| h.score >= bar && done_above.is_none_or(|above| h.score < above))
                .copied()
                .collect();
            found.extend(scan(
                &self.index,
                &matcher,
                Candidates::Only(&band),
                cancel,
            )?);
            done_above = Some(bar);
            let Some(best_left) = best_left else {
                break;
            };
            if found.len() >= pool {
                let nth = top(&found, pool).last().map_or(i64::MIN, |h| h.score);
                if best_left + gain < nth {
                    break;
                }
            }
            take *= 8;
        }
        Some(Results {
            query,
            hits: Arc::new(found),
            matcher: Arc::new(matcher),
            index: Arc::clone(&self.index),
            complete: false,
            candidates: old.len(),
        })
    }
}

/// How many hits have each score, counted from the best score down (scores far below
/// the best share the last bucket, whose value is then an over-estimate: safe here).
struct ScoreHistogram {
    best: i64,
    counts: Vec<u32>,
}

impl ScoreHistogram {
    const DEPTH: usize = 1 << 14;

    fn new(hits: &[Hit]) -> ScoreHistogram {
        let best = hits.iter().map(|h| h.score).max().unwrap_or(0);
        let mut counts = vec![0u32; Self::DEPTH];
        for hit in hits {
            let depth = (best - hit.score).clamp(0, Self::DEPTH as i64 - 1) as usize;
            counts[depth] += 1;
        }
        ScoreHistogram { best, counts }
    }

    /// The score `bar` such that at least `take` hits score `bar` or more, and the
    /// best score below `bar` (an upper bound of it), if any hit is below.
    fn bar(&self, take: usize) -> (i64, Option<i64>) {
        let mut seen = 0usize;
        let mut depths = self.counts.iter().enumerate().filter(|(_, c)| **c > 0);
        let mut bar = self.best;
        for (depth, &count) in depths.by_ref() {
            seen += count as usize;
            // The last bucket holds everything below it: its bar lets all of it in.
            bar = if depth == Self::DEPTH - 1 {
                i64::MIN
            } else {
                self.best - depth as i64
            };
            if seen >= take {
                break;
            }
        }
        let below = depths.next().map(|(depth, _)| self.best - depth as i64);
        (bar, below)
    }
}

/// Chars typed in a query's positive terms: what its scores grow with.
fn typed_chars(query: &Query) -> i64 {
    query
        .terms
        .iter()
        .filter(|t| !t.negated)
        .map(|t| t.text.chars().count() as i64)
        .sum()
}

#[cfg(test)]
mod quick_slice_tests {
    use super::*;
    use crate::search::ItemKind;

    #[test]
    fn a_short_query_on_a_big_index_ranks_a_leading_slice_first_then_everything() {
        let mut index = Index::default();
        let items = 2 * QUICK_SLICE_ITEMS + 10;
        for i in 0..items {
            index.push_item(
                i / 10,
                ItemKind::Sentence,
                &format!("stone {i}"),
                Some(0..7),
            );
        }
        let mut session = Session::new(Arc::new(index));
        let first = session.first_screen("st", 50, &Cancel::never()).unwrap();
        assert!(!first.is_complete());
        assert!(first.top(50).iter().all(|h| h.item() < QUICK_SLICE_ITEMS));
        let all = session.search("st", &Cancel::never()).unwrap();
        assert!(all.is_complete());
        assert_eq!(all.len(), items);
        // A longer query, with nothing earlier to refine, is ranked whole at once.
        let mut fresh = Session::new(Arc::clone(session.index()));
        let long = fresh.first_screen("stone 1", 50, &Cancel::never()).unwrap();
        assert!(long.is_complete());
    }
}
