//! Running a query over the index: scan (in parallel, cancellable), then rank only as
//! much as is shown. Every hit is scored in full by the scan, so the first rows of a
//! ranking are the same however many are asked for.

use std::cmp::Ordering;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

use super::index::{Index, ItemKind, View};
use super::matcher::{Matcher, Scored, WordEvent};
use super::vocab::{Expansion, decode};

/// Items scanned between two looks at the cancel flag.
const CANCEL_CHECK_EVERY: usize = 4096;
/// Below this many candidates one thread is quicker than starting more.
const PARALLEL_MIN_CANDIDATES: usize = 20_000;

/// One matching item and what ranks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub item: u32,
    pub score: i64,
    /// The typos in its matched words: only the hits with the fewest are shown.
    pub typos: u8,
    /// Tie-breakers, copied here so ranking never goes back to the index.
    article: u32,
    len: u32,
    /// The article's date (see [`super::index::date_key`]).
    date: u32,
    /// Titles 0, quotes, highlights and notes 1, the rest 2.
    kind_rank: u8,
}

impl Hit {
    /// A hit on item `item` of article `article`, whose folded text is `text`.
    pub fn new(item: u32, score: i64, article: u32, kind: ItemKind, text: &str, date: u32) -> Hit {
        let kind_rank = match kind {
            ItemKind::Title => 0,
            ItemKind::Quote | ItemKind::Highlight | ItemKind::Note => 1,
            ItemKind::Sentence if holds_quotation(text) => 1,
            ItemKind::Sentence | ItemKind::Figure => 2,
        };
        let len = u32::try_from(text.len()).unwrap_or(u32::MAX);
        Hit {
            item,
            score,
            typos: 0,
            article,
            len,
            date,
            kind_rank,
        }
    }

    pub fn item(&self) -> usize {
        self.item as usize
    }

    /// The number of its article.
    pub fn article(&self) -> usize {
        self.article as usize
    }

    /// The same hit for item number `item` (ranked as before where it ranks by item).
    pub fn with_item(self, item: u32) -> Hit {
        Hit { item, ..self }
    }

    /// The same hit with `typos` typos in its matched words.
    pub fn with_typos(self, typos: u8) -> Hit {
        Hit { typos, ..self }
    }

    /// The same hit in article number `article`.
    pub fn with_article(self, article: u32) -> Hit {
        Hit { article, ..self }
    }

    /// Best first: fewer typos; higher score; then titles, then quotes (and sentences holding one)
    /// and the reader's own highlights and notes, then other body text; then newer articles; then shorter items
    /// (the match is more of the item); then article order, item order.
    pub fn rank(&self, other: &Hit) -> Ordering {
        self.typos
            .cmp(&other.typos)
            .then(other.score.cmp(&self.score))
            .then(self.kind_rank.cmp(&other.kind_rank))
            .then(other.date.cmp(&self.date))
            .then(self.len.cmp(&other.len))
            .then(self.article.cmp(&other.article))
            .then(self.item.cmp(&other.item))
    }
}

/// Whether folded text holds a quotation: a pair of double quotes (typographic ones
/// fold to `"`).
fn holds_quotation(text: &str) -> bool {
    memchr::memchr_iter(b'"', text.as_bytes()).nth(1).is_some()
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
    if matcher.matches_nothing() {
        return (!cancel.is_cancelled()).then(Vec::new);
    }
    let index = &index.view();
    let count = match candidates {
        Candidates::All => index.len(),
        Candidates::Only(hits) => hits.len(),
        Candidates::First(n) => n.min(index.len()),
    };
    // The query words are compared with each distinct word once, not with every word.
    let expansion =
        (!matcher.patterns().is_empty()).then(|| Expansion::new(matcher, index.vocabulary()));
    let expansion = expansion.as_ref();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(count.div_ceil(PARALLEL_MIN_CANDIDATES))
        .max(1);
    let chunk = count.div_ceil(threads).max(1);
    let scan_part = |part: std::ops::Range<usize>| -> Option<Vec<Hit>> {
        let mut hits = Vec::new();
        let mut events = Vec::new();
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
                if let Some(scored) = score_item(index, matcher, expansion, item, &mut events) {
                    hits.push(make_hit(index, item, scored));
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

/// Item `item`'s score if it matches: its words are read as ids, each looked up in the
/// query's expansion; the text is read only for literal terms and items whose words
/// all the query's word clauses find.
fn score_item(
    index: &View<'_>,
    matcher: &Matcher,
    expansion: Option<&Expansion>,
    item: usize,
    events: &mut Vec<WordEvent>,
) -> Option<Scored> {
    if index.bag(item) & matcher.bag() != matcher.bag() {
        return None;
    }
    let Some(expansion) = expansion else {
        return matcher.score(index.folded(item), &[]);
    };
    let tokens = index.tokens(item);
    let mask = decode(tokens).fold(0, |mask, id| mask | expansion.mask(id));
    if !matcher.mask_may_match(mask) {
        return None;
    }
    events.clear();
    for (word, id) in decode(tokens).enumerate() {
        let word = word as u32;
        let mut bits = expansion.mask(id);
        while bits != 0 {
            let pattern = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            events.push(WordEvent {
                word,
                pattern: pattern as u8,
                cost: expansion.cost(pattern, id),
            });
        }
    }
    // The text only now: most items are ruled out by their words, and reading an item's
    // text (from the arena or the article's body) is what a scan waits on.
    matcher.score(index.folded(item), events)
}

/// Every hit, best first, ranked on all cores: each core sorts its share, then the
/// shares are merged. `None` if cancelled.
pub fn rank_all(mut hits: Vec<Hit>, cancel: &Cancel) -> Option<Vec<Hit>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(hits.len().div_ceil(PARALLEL_MIN_CANDIDATES))
        .max(1);
    if cancel.is_cancelled() {
        return None;
    }
    if threads == 1 {
        hits.sort_unstable_by(Hit::rank);
        return Some(hits);
    }
    let chunk = hits.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for part in hits.chunks_mut(chunk) {
            scope.spawn(move || part.sort_unstable_by(Hit::rank));
        }
    });
    if cancel.is_cancelled() {
        return None;
    }
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

fn make_hit(index: &View<'_>, item: usize, scored: Scored) -> Hit {
    Hit::new(
        item as u32,
        scored.score,
        index.article(item) as u32,
        index.kind(item),
        index.folded(item),
        index.date(item),
    )
    .with_typos(scored.typos)
}

/// The hits with the fewest typos (as search engines for text show only those: a name
/// found as written hides the words one typo away from it). `hits` itself when they all
/// have as few.
pub fn fewest_typos(hits: &Arc<Vec<Hit>>) -> Arc<Vec<Hit>> {
    let Some(fewest) = hits.iter().map(|h| h.typos).min() else {
        return Arc::clone(hits);
    };
    if hits.iter().all(|h| h.typos == fewest) {
        return Arc::clone(hits);
    }
    Arc::new(hits.iter().filter(|h| h.typos == fewest).copied().collect())
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
        let kind = if item.is_multiple_of(10) {
            ItemKind::Title
        } else {
            ItemKind::Sentence
        };
        let text = "x".repeat(40 + item as usize % 7);
        Hit::new(item, score, item / 10, kind, &text, item % 3)
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
