//! Running a query over the index: scan (in parallel, cancellable), then rank only as
//! much as is shown.

use std::cmp::Ordering;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

use super::index::{Index, ItemKind};
use super::query::Query;
use super::term_match::CompiledTerm;

/// Items scanned between two looks at the cancel flag.
const CANCEL_CHECK_EVERY: usize = 4096;
/// Below this many candidates one thread is quicker than starting more.
const PARALLEL_MIN_CANDIDATES: usize = 20_000;

/// One matching item and what ranks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub item: u32,
    pub score: i64,
    /// Tie-breakers, copied here so ranking never goes back to the index.
    article: u32,
    len: u32,
    is_title: bool,
}

impl Hit {
    pub fn item(&self) -> usize {
        self.item as usize
    }

    /// Best first: higher score; then titles before body text; then shorter items
    /// (as fzf does: the match is more of the item); then article order, item order.
    pub fn rank(&self, other: &Hit) -> Ordering {
        other
            .score
            .cmp(&self.score)
            .then(other.is_title.cmp(&self.is_title))
            .then(self.len.cmp(&other.len))
            .then(self.article.cmp(&other.article))
            .then(self.item.cmp(&other.item))
    }
}

/// A newer query cancels an older one: each search holds a [`Cancel`] taken from a
/// shared generation counter, and is cancelled once the counter moves on.
#[derive(Debug, Clone, Default)]
pub struct CancelSource {
    generation: Arc<AtomicU64>,
}

impl CancelSource {
    pub fn new() -> CancelSource {
        CancelSource::default()
    }

    /// Cancels every earlier token and returns a fresh one.
    pub fn next(&self) -> Cancel {
        let generation = self.advance();
        self.token_for(generation)
    }

    /// Cancels every earlier token; returns the new generation (see `token_for`).
    pub fn advance(&self) -> u64 {
        self.generation.fetch_add(1, AtomicOrdering::SeqCst) + 1
    }

    /// The token of `generation`: cancelled as soon as the source moves past it (and
    /// at once if it already has).
    pub fn token_for(&self, generation: u64) -> Cancel {
        Cancel {
            generation: Arc::clone(&self.generation),
            mine: generation,
        }
    }

    /// Cancels every token handed out so far.
    pub fn cancel_all(&self) {
        self.generation.fetch_add(1, AtomicOrdering::SeqCst);
    }
}

/// Checked by a running search; see [`CancelSource`].
#[derive(Debug, Clone)]
pub struct Cancel {
    generation: Arc<AtomicU64>,
    mine: u64,
}

impl Cancel {
    /// A token nothing cancels (for scripts and tests).
    pub fn never() -> Cancel {
        CancelSource::new().next()
    }

    pub fn is_cancelled(&self) -> bool {
        self.generation.load(AtomicOrdering::Relaxed) != self.mine
    }
}

/// A query compiled once for many items.
pub struct Matcher {
    terms: Vec<CompiledTerm>,
    /// Union of the positive terms' bags: a cheap first test.
    bag: u32,
}

impl Matcher {
    pub fn new(query: &Query) -> Matcher {
        let mut terms: Vec<CompiledTerm> =
            query.terms.iter().cloned().map(CompiledTerm::new).collect();
        // Cheapest and most selective first: literal terms, then longer fuzzy terms;
        // negations last (they must read the whole item).
        terms.sort_by_key(|t| {
            (
                t.term.negated,
                t.term.kind == super::query::TermKind::Fuzzy,
                std::cmp::Reverse(t.term.text.len()),
            )
        });
        let bag = terms.iter().fold(0, |bag, t| bag | t.bag);
        Matcher { terms, bag }
    }

    /// The quick score of item `i`, if it matches every term (see `cheap_score`).
    pub fn cheap_score(&self, index: &Index, i: usize) -> Option<i64> {
        if index.bag(i) & self.bag != self.bag {
            return None;
        }
        let text = index.folded(i);
        let mut total = 0;
        for term in &self.terms {
            total += term.cheap_score(text)?;
        }
        Some(total)
    }

    /// The fuzzy matcher's (skim's) score of item `i`, if it matches every term.
    pub fn score(&self, index: &Index, i: usize) -> Option<i64> {
        let text = index.folded(i);
        let mut total = 0;
        for term in &self.terms {
            total += term.score(text)?;
        }
        Some(total)
    }

    /// Sorted, distinct char indices of the matched chars of item `i`.
    pub fn positions(&self, index: &Index, i: usize) -> Vec<usize> {
        let text = index.folded(i);
        let mut positions: Vec<usize> = self.terms.iter().flat_map(|t| t.positions(text)).collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// Which items to try: all, or only those an earlier (broader) query matched.
#[derive(Debug, Clone, Copy)]
pub enum Candidates<'a> {
    All,
    Only(&'a [Hit]),
    /// The first items of the index (a quick first screen for very short queries).
    First(usize),
}

/// Scans the candidates with all available cores. `None` if cancelled.
pub fn scan(
    index: &Index,
    matcher: &Matcher,
    candidates: Candidates<'_>,
    cancel: &Cancel,
) -> Option<Vec<Hit>> {
    let count = match candidates {
        Candidates::All => index.len(),
        Candidates::Only(hits) => hits.len(),
        Candidates::First(n) => n.min(index.len()),
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(count.div_ceil(PARALLEL_MIN_CANDIDATES))
        .max(1);
    let chunk = count.div_ceil(threads).max(1);
    let scan_part = |part: std::ops::Range<usize>| -> Option<Vec<Hit>> {
        let mut hits = Vec::new();
        for block_start in part.clone().step_by(CANCEL_CHECK_EVERY) {
            if cancel.is_cancelled() {
                return None;
            }
            let block_end = (block_start + CANCEL_CHECK_EVERY).min(part.end);
            for n in block_start..block_end {
                let item = match candidates {
                    Candidates::All | Candidates::First(_) => n,
                    Candidates::Only(hits) => hits[n].item(),
                };
                if let Some(score) = matcher.cheap_score(index, item) {
                    hits.push(make_hit(index, item, score));
                }
            }
        }
        Some(hits)
    };
    let parts: Vec<Option<Vec<Hit>>> = if threads == 1 {
        vec![scan_part(0..count)]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let part = t * chunk..((t + 1) * chunk).min(count);
                    scope.spawn(move || scan_part(part))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(None))
                .collect()
        })
    };
    let mut all = Vec::new();
    for part in parts {
        all.extend(part?);
    }
    Some(all)
}

/// Replaces each hit's quick score by the fuzzy matcher's and ranks the hits, best first,
/// on all cores: each core re-scores and sorts its share, then the shares are merged.
/// `None` if cancelled.
pub fn rescore_and_rank(
    index: &Index,
    matcher: &Matcher,
    mut hits: Vec<Hit>,
    cancel: &Cancel,
) -> Option<Vec<Hit>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(hits.len().div_ceil(PARALLEL_MIN_CANDIDATES / 8))
        .max(1);
    let chunk = hits.len().div_ceil(threads).max(1);
    let rescore_part = |part: &mut [Hit]| -> Option<()> {
        for block in part.chunks_mut(CANCEL_CHECK_EVERY / 8) {
            if cancel.is_cancelled() {
                return None;
            }
            for hit in block {
                // Cannot fail for a hit of this matcher; keep the quick score if it did.
                if let Some(score) = matcher.score(index, hit.item()) {
                    hit.score = score;
                }
            }
        }
        part.sort_unstable_by(Hit::rank);
        Some(())
    };
    if threads == 1 {
        rescore_part(&mut hits)?;
        return Some(hits);
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = hits
            .chunks_mut(chunk)
            .map(|part| scope.spawn(move || rescore_part(part)))
            .collect();
        handles
            .into_iter()
            .try_for_each(|h| h.join().unwrap_or(None))
    })?;
    Some(merge_ranked(&hits, chunk))
}

/// Merges runs of `run` hits, each ranked, into one ranking: two runs at a time, round
/// after round, so that many cores cost a few passes, not a comparison per run per hit.
fn merge_ranked(hits: &[Hit], run: usize) -> Vec<Hit> {
    let first: Vec<&[Hit]> = hits.chunks(run.max(1)).collect();
    let mut runs: Vec<Vec<Hit>> = first
        .chunks(2)
        .map(|pair| match pair {
            [a, b] => merge_two(a, b),
            [a] => a.to_vec(),
            _ => Vec::new(),
        })
        .collect();
    while runs.len() > 1 {
        let mut pairs = runs.into_iter();
        let mut merged = Vec::new();
        while let Some(a) = pairs.next() {
            merged.push(match pairs.next() {
                Some(b) => merge_two(&a, &b),
                None => a,
            });
        }
        runs = merged;
    }
    runs.pop().unwrap_or_default()
}

fn merge_two(a: &[Hit], b: &[Hit]) -> Vec<Hit> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        if y.rank(x) == Ordering::Less {
            merged.push(*y);
            j += 1;
        } else {
            merged.push(*x);
            i += 1;
        }
    }
    merged.extend_from_slice(&a[i..]);
    merged.extend_from_slice(&b[j..]);
    merged
}

fn make_hit(index: &Index, item: usize, score: i64) -> Hit {
    Hit {
        item: item as u32,
        score,
        article: index.article(item) as u32,
        len: index.folded(item).len().min(u32::MAX as usize) as u32,
        is_title: index.kind(item) == ItemKind::Title,
    }
}

/// The best `n` hits, best first. One pass keeping a small sorted buffer: most hits
/// lose to the current n-th best after one comparison, and nothing is copied or sorted
/// beyond what is shown.
pub fn top(hits: &[Hit], n: usize) -> Vec<Hit> {
    let mut best: Vec<Hit> = Vec::with_capacity(n.min(hits.len()) + 1);
    if n == 0 {
        return best;
    }
    for hit in hits {
        if best.len() == n && hit.rank(&best[n - 1]) != Ordering::Less {
            continue;
        }
        let at = best.partition_point(|b| b.rank(hit) == Ordering::Less);
        best.insert(at, *hit);
        best.truncate(n);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(item: u32, score: i64) -> Hit {
        Hit {
            item,
            score,
            article: item / 10,
            len: 40 + item % 7,
            is_title: item.is_multiple_of(10),
        }
    }

    #[test]
    fn merged_runs_rank_as_one_sort() {
        let mut hits: Vec<Hit> = (0..1000)
            .map(|i| hit(i, ((i * 7919) % 97) as i64))
            .collect();
        let mut expected = hits.clone();
        expected.sort_unstable_by(Hit::rank);
        for run in [1, 3, 250, 333, 500, 1000, 2000] {
            for part in hits.chunks_mut(run) {
                part.sort_unstable_by(Hit::rank);
            }
            assert_eq!(merge_ranked(&hits, run), expected, "runs of {run}");
        }
    }
}
