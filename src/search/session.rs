//! A search session: the state one prompt keeps between keystrokes, so that typing more
//! of a query searches only the previous matches.

use std::sync::Arc;

use super::engine::{Cancel, Candidates, Hit, Matcher, rescore, scan, top};
use super::index::Index;
use super::query::Query;

/// However few rows are asked for, at least this many are re-scored: the quick score
/// and the fuzzy matcher's may order near neighbours differently.
const RESCORED_POOL_MIN: usize = 100;

/// The outcome of one query: every matching item, ranked on demand.
pub struct Results {
    pub query: Query,
    /// All hits, in index order (not ranked).
    hits: Arc<Vec<Hit>>,
    matcher: Arc<Matcher>,
    index: Arc<Index>,
}

impl Results {
    /// How many items matched.
    pub fn len(&self) -> usize {
        self.hits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// The best `n` hits, best first, with the fuzzy matcher's scores: the best
    /// `max(4n, 100)` by quick score are re-scored by the fuzzy matcher and ranked.
    pub fn top(&self, n: usize) -> Vec<Hit> {
        let mut pool = top(&self.hits, (4 * n).max(RESCORED_POOL_MIN));
        rescore(&self.index, &self.matcher, &mut pool, &Cancel::never());
        pool.sort_unstable_by(Hit::rank);
        pool.truncate(n);
        pool
    }

    /// Every hit, best first, all scored by the fuzzy matcher (for scripts, not for
    /// every keystroke). `None` if cancelled.
    pub fn ranked(&self, cancel: &Cancel) -> Option<Vec<Hit>> {
        let mut all = self.hits.as_ref().clone();
        rescore(&self.index, &self.matcher, &mut all, cancel)?;
        all.sort_unstable_by(Hit::rank);
        Some(all)
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

    /// The hits in article `article`, in the order of its text (for stepping through
    /// the matches of the open article).
    pub fn in_article(&self, article: usize) -> Vec<Hit> {
        let mut hits: Vec<Hit> = self
            .hits
            .iter()
            .filter(|h| self.index.article(h.item()) == article)
            .cloned()
            .collect();
        hits.sort_by_key(|h| h.item());
        hits
    }

    /// A cheap handle on the same results (for sending to another thread).
    pub fn share(&self) -> Results {
        Results {
            query: self.query.clone(),
            hits: Arc::clone(&self.hits),
            matcher: Arc::clone(&self.matcher),
            index: Arc::clone(&self.index),
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
            hits: Arc::new(hits),
            matcher: Arc::new(matcher),
            index: Arc::clone(&self.index),
        };
        self.last = Some(results.share());
        Some(results)
    }
}
