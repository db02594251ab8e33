//! A search session: the state one prompt keeps between keystrokes, so that typing more
//! of a query searches only the previous matches.

use std::sync::Arc;

use super::engine::{Cancel, Candidates, Hit, fewest_typos, rank_all, scan, top};
use super::index::Index;
use super::matcher::Matcher;
use super::query::{Mode, Query, TermKind};

/// How many items a first screen searches when there are many more to search: about a
/// keystroke's worth of work on two cores; the full search that follows does the rest.
const QUICK_SLICE_ITEMS: usize = 80_000;
/// Items a `~` term (the fuzzy matcher on every item, the slow kind) searches at once.
const QUICK_SLICE_FUZZY_ITEMS: usize = 20_000;

/// The outcome of one query: every matching item, ranked on demand.
pub struct Results {
    pub query: Query,
    /// All hits, in index order (not ranked): what a refining query searches.
    hits: Arc<Vec<Hit>>,
    /// The hits shown: those of `hits` with the fewest typos.
    shown: Arc<Vec<Hit>>,
    matcher: Arc<Matcher>,
    index: Arc<Index>,
    /// False for a first screen that only searched part of the index
    /// ([`Session::first_screen`]); `len` is then an upper bound.
    complete: bool,
    /// For a partial first screen, how many items may match.
    candidates: usize,
}

impl Results {
    /// How many items matched; for a partial first screen (see
    /// [`Results::is_complete`]), how many may match at most.
    pub fn len(&self) -> usize {
        if self.complete {
            self.shown.len()
        } else {
            self.candidates
        }
    }

    /// False when only part of the index was searched (a full search is to come).
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// Why the query matched nothing although it has terms (a query too big to search),
    /// in words for the user.
    pub fn problem(&self) -> Option<&str> {
        self.matcher.problem()
    }

    /// The best `n` hits, best first: always the first `n` of [`Results::ranked`].
    pub fn top(&self, n: usize) -> Vec<Hit> {
        top(&self.shown, n)
    }

    /// Every hit, best first (for scripts, not for every keystroke). `None` if cancelled.
    pub fn ranked(&self, cancel: &Cancel) -> Option<Vec<Hit>> {
        rank_all(self.shown.as_ref().clone(), cancel)
    }

    /// The hits in article `article`, in index order (title, then sentences in text
    /// order): what `n`/`N` step through in the reader. Use complete results.
    pub fn in_article(&self, article: usize) -> Vec<Hit> {
        self.shown
            .iter()
            .filter(|h| {
                self.index
                    .item(h.item())
                    .is_some_and(|i| i.article == article)
            })
            .copied()
            .collect()
    }

    /// Char indices, in the item's text, of the chars the query matched (the words
    /// that matched, for word terms): computed per item, for the rows on screen only.
    pub fn positions(&self, hit: &Hit) -> Vec<usize> {
        self.matcher
            .positions_within(self.index.folded(hit.item()), hit.typos)
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
            shown: Arc::clone(&self.shown),
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
    mode: Mode,
    last: Option<Results>,
}

impl Session {
    pub fn new(index: Arc<Index>) -> Session {
        Session {
            index,
            mode: Mode::Prose,
            last: None,
        }
    }

    /// How plain terms are matched from now on (prose words by default).
    pub fn set_mode(&mut self, mode: Mode) {
        if mode != self.mode {
            self.mode = mode;
            self.last = None;
        }
    }

    pub fn index(&self) -> &Arc<Index> {
        &self.index
    }

    /// Runs `input`; `None` if `cancel` fired first (the session is then as before, so
    /// the next query can still refine the last completed one).
    pub fn search(&mut self, input: &str, cancel: &Cancel) -> Option<Results> {
        let query = Query::parse_with(input, self.mode);
        let matcher = Matcher::new(&query);
        let candidates = match &self.last {
            Some(last) if !last.query.is_empty() && query.refines(&last.query) => {
                Candidates::Only(&last.hits)
            }
            _ => Candidates::All,
        };
        let hits = if query.is_empty() {
            Vec::new()
        } else {
            scan(&self.index, &matcher, candidates, cancel)?
        };
        let hits = Arc::new(hits);
        let results = Results {
            query,
            candidates: hits.len(),
            shown: fewest_typos(&hits),
            hits,
            matcher: Arc::new(matcher),
            index: Arc::clone(&self.index),
            complete: true,
        };
        self.last = Some(results.share());
        Some(results)
    }

    /// The first results of `input`, quickly. When few items are left to search (a
    /// query refining the last one with few matches, or a small index), this is
    /// [`Session::search`]. Otherwise only the leading items are searched, as a streaming
    /// finder shows what it found so far: those results are marked incomplete, and
    /// [`Session::search`] gives all of them.
    pub fn first_screen(&mut self, input: &str, cancel: &Cancel) -> Option<Results> {
        let query = Query::parse_with(input, self.mode);
        let slice = if query.terms().any(|t| t.kind == TermKind::Subsequence) {
            QUICK_SLICE_FUZZY_ITEMS
        } else {
            QUICK_SLICE_ITEMS
        };
        let refined = self
            .last
            .as_ref()
            .filter(|last| !last.query.is_empty() && query.refines(&last.query))
            .map(|last| Arc::clone(&last.hits));
        let to_search = refined.as_ref().map_or(self.index.len(), |hits| hits.len());
        if query.is_empty() || to_search <= 2 * slice {
            return self.search(input, cancel);
        }
        let matcher = Matcher::new(&query);
        let candidates = match &refined {
            Some(hits) => Candidates::Only(&hits[..slice]),
            None => Candidates::First(slice),
        };
        let hits = Arc::new(scan(&self.index, &matcher, candidates, cancel)?);
        Some(Results {
            query,
            shown: fewest_typos(&hits),
            hits,
            matcher: Arc::new(matcher),
            index: Arc::clone(&self.index),
            complete: false,
            candidates: to_search,
        })
    }
}

#[cfg(test)]
mod quick_slice_tests {
    use super::*;
    use crate::search::ItemKind;

    #[test]
    fn a_broad_query_on_a_big_index_ranks_a_leading_slice_first_then_everything() {
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
        let index = Arc::new(index);
        let mut session = Session::new(Arc::clone(&index));
        for query in ["st", "~st"] {
            let first = session.first_screen(query, &Cancel::never()).unwrap();
            assert!(!first.is_complete());
            assert!(first.top(50).iter().all(|h| h.item() < QUICK_SLICE_ITEMS));
            assert_eq!(first.len(), items, "at most this many");
            let all = session.search(query, &Cancel::never()).unwrap();
            assert!(all.is_complete());
            assert_eq!(all.len(), items);
        }
        // Refining a search with few matches searches them all at once.
        session.search("stone 1234", &Cancel::never()).unwrap();
        let few = session
            .first_screen("stone 12345 ", &Cancel::never())
            .unwrap();
        assert!(few.is_complete());
        assert_eq!(few.len(), 1);
    }
}
