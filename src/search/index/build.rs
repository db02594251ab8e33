//! Indexing a corpus on all cores: each core folds the items of a run of articles
//! straight into its own part of the final arena and lists their words; the words of
//! all cores are then numbered by frequency and written as ids.

use std::collections::HashMap;
use std::ops::Range;

use crate::corpus::Article;
use crate::search::fold::{fold_to_slice, folded_len};
use crate::search::vocab::{MAX_WORDS, Vocabulary, encode_into, encoded_len};
use crate::search::words::words;

use super::{
    Index, ItemMeta, NO_RANGE, article_items as items, byte_bag, date_key, reads_from_body,
};

/// Below this much text one thread indexes it sooner than several.
const PARALLEL_MIN_BYTES: usize = 4 << 20;

type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

impl Index {
    /// Indexes every article's title and sentences, in corpus order.
    pub fn from_articles(articles: &[Article]) -> Index {
        let text_len: usize = articles.iter().map(|a| a.title.len() + a.body.len()).sum();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let parts = if text_len >= PARALLEL_MIN_BYTES {
            threads
        } else {
            1
        };
        let groups = split_by_size(articles, parts);
        let mut index =
            build_in_parallel(articles, &groups).unwrap_or_else(|| build_sequentially(articles));
        index.set_dates(articles.iter().map(|a| date_key(a.date)).collect());
        index
    }
}

/// One item at a time, stopping at the index's limits.
fn build_sequentially(articles: &[Article]) -> Index {
    let mut index = Index {
        bodies: super::bodies(articles),
        ..Index::default()
    };
    for (i, article) in articles.iter().enumerate() {
        for (kind, text, range) in items(article) {
            let in_body = reads_from_body(text, range.as_ref());
            index.push(i, kind, text, range, in_body);
        }
    }
    index.lookup = None;
    index
}

/// Splits `articles` into at most `parts` runs holding about the same amount of text.
fn split_by_size(articles: &[Article], parts: usize) -> Vec<Range<usize>> {
    let total: usize = articles.iter().map(|a| a.title.len() + a.body.len()).sum();
    let per_part = total.div_ceil(parts.max(1)).max(1);
    let mut groups = Vec::with_capacity(parts);
    let (mut start, mut size) = (0, 0);
    for (i, article) in articles.iter().enumerate() {
        size += article.title.len() + article.body.len();
        // The last part takes whatever is left.
        if size >= per_part && groups.len() + 1 < parts {
            groups.push(start..i + 1);
            (start, size) = (i + 1, 0);
        }
    }
    if start < articles.len() {
        groups.push(start..articles.len());
    }
    groups
}

/// One core's share of the index being built: its slices of the arena and of the
/// per-item arrays, filled in place.
struct Share<'a> {
    group: Range<usize>,
    /// Where `arena` starts in the whole arena.
    offset: usize,
    arena: &'a mut [u8],
    ends: &'a mut [u32],
    bags: &'a mut [u32],
    metas: &'a mut [ItemMeta],
}

/// The words one core found, numbered in the order it met them, and what it folded,
/// to read its items' words again when writing them as final ids.
struct ShareWords<'a> {
    /// Its words by its own id, and how often each occurs.
    words: Vec<(&'a str, u32)>,
    /// Its own id of each of its words.
    ids: FastMap<&'a str, u32>,
    /// Its items' texts.
    items: ShareItems<'a>,
}

/// The folded texts of one core's items, as it filled them in.
struct ShareItems<'a> {
    articles: &'a [Article],
    /// Where `arena` starts in the whole arena.
    offset: usize,
    arena: &'a [u8],
    ends: &'a [u32],
    metas: &'a [ItemMeta],
}

impl<'a> ShareItems<'a> {
    /// Each item's folded text, in order.
    fn texts(&self) -> impl Iterator<Item = &'a str> + '_ {
        let mut start = 0;
        self.ends.iter().zip(self.metas).map(move |(&end, meta)| {
            let end = (end as usize).saturating_sub(self.offset);
            let from_arena = self.arena.get(start..end);
            start = end;
            let text = if meta.in_body() {
                let body = self
                    .articles
                    .get(meta.article as usize)
                    .map(|a| a.body.as_str());
                body.and_then(|b| b.get(meta.body_start as usize..meta.body_end as usize))
            } else {
                // Folded from a `str` (checked when it was listed).
                from_arena.and_then(|bytes| std::str::from_utf8(bytes).ok())
            };
            text.unwrap_or("")
        })
    }
}

/// Stands in for an item's place until its core fills it.
const UNFILLED: ItemMeta = ItemMeta {
    article: 0,
    body_start: NO_RANGE,
    body_end: NO_RANGE,
    code: 0,
};

/// Two passes over the text, each on all cores: the folded size and item count of every
/// group of articles, then the folding and the listing of words, each group into its own
/// slices of the index; then the words are numbered, and each group's items are read
/// again to write their words as final ids (holding every word's id between the two
/// would cost 4 bytes a word, more than the index itself). `None` when the index would
/// pass its 4 GiB limit (the sequential build then stops at the limit).
fn build_in_parallel(articles: &[Article], groups: &[Range<usize>]) -> Option<Index> {
    let sizes: Vec<(usize, usize)> = on_all_cores(groups, |group| {
        articles[group.clone()].iter().flat_map(items).fold(
            (0, 0),
            |(bytes, count), (_, text, range)| {
                let copied = !reads_from_body(text, range.as_ref());
                (bytes + if copied { folded_len(text) } else { 0 }, count + 1)
            },
        )
    });
    let total: usize = sizes.iter().map(|&(bytes, _)| bytes).sum();
    let count: usize = sizes.iter().map(|&(_, count)| count).sum();
    u32::try_from(total).ok()?;
    u32::try_from(articles.len()).ok()?;

    // Zeroed memory is cheap (fresh pages); each core writes only its own slices.
    let mut arena = vec![0u8; total];
    let mut starts = vec![0u32; count + 1];
    let mut bags = vec![0u32; count];
    let mut metas = vec![UNFILLED; count];
    let mut shares = Vec::with_capacity(groups.len());
    let (mut arena_rest, mut ends_rest) = (arena.as_mut_slice(), &mut starts[1..]);
    let (mut bags_rest, mut metas_rest) = (bags.as_mut_slice(), metas.as_mut_slice());
    let mut offset = 0;
    for (group, &(bytes, count)) in groups.iter().zip(&sizes) {
        let (arena, rest) = arena_rest.split_at_mut(bytes);
        arena_rest = rest;
        let (ends, rest) = ends_rest.split_at_mut(count);
        ends_rest = rest;
        let (group_bags, rest) = bags_rest.split_at_mut(count);
        bags_rest = rest;
        let (group_metas, rest) = metas_rest.split_at_mut(count);
        metas_rest = rest;
        shares.push(Share {
            group: group.clone(),
            offset,
            arena,
            ends,
            bags: group_bags,
            metas: group_metas,
        });
        offset += bytes;
    }
    let listed: Vec<Option<ShareWords>> = std::thread::scope(|scope| {
        let handles: Vec<_> = shares
            .into_iter()
            .map(|share| scope.spawn(move || index_group(articles, share)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(None))
            .collect()
    });
    let listed: Vec<ShareWords> = listed.into_iter().collect::<Option<_>>()?;
    let (vocabulary, renumbering) = number_words(&listed)?;
    let (token_starts, tokens) = write_ids(&listed, &renumbering)?;
    drop(listed);
    Some(Index {
        arena: String::from_utf8(arena).ok()?.into(),
        starts: starts.into(),
        bodies: super::bodies(articles),
        bags: bags.into(),
        metas: metas.into(),
        dates: Vec::new(),
        vocabulary,
        token_starts: token_starts.into(),
        tokens: tokens.into(),
        lookup: None,
    })
}

/// Folds the items of the articles in the share's group into its slices, which hold
/// exactly their folded text and their number of items, and lists their words. `None`
/// if the slices do not fit.
fn index_group<'a>(articles: &'a [Article], share: Share<'a>) -> Option<ShareWords<'a>> {
    let Share {
        group,
        offset,
        arena,
        ends,
        bags,
        metas,
    } = share;
    let mut at = 0;
    let mut item = 0;
    for (i, article) in articles.get(group.clone())?.iter().enumerate() {
        let article_index = u32::try_from(group.start + i).ok()?;
        for (kind, text, range) in items(article) {
            let in_body = reads_from_body(text, range.as_ref());
            let (body_start, body_end) = match range {
                Some(r) => match (u32::try_from(r.start), u32::try_from(r.end)) {
                    (Ok(s), Ok(e)) if s != NO_RANGE && s <= e => (s, e),
                    // The sequential build leaves such an item out; so must this one.
                    _ => return None,
                },
                None => (NO_RANGE, NO_RANGE),
            };
            let folded = if in_body {
                text.as_bytes()
            } else {
                let out = arena.get_mut(at..)?;
                let written = fold_to_slice(text, out)?;
                std::str::from_utf8(&out[..written]).ok()?;
                at += written;
                &out[..written]
            };
            *bags.get_mut(item)? = byte_bag(folded);
            *ends.get_mut(item)? = u32::try_from(offset + at).ok()?;
            *metas.get_mut(item)? =
                ItemMeta::new(article_index, body_start, body_end, kind, in_body);
            item += 1;
        }
    }
    if at != arena.len() || item != metas.len() {
        return None;
    }
    let items = ShareItems {
        articles,
        offset,
        arena,
        ends,
        metas,
    };
    let mut words_of_share: Vec<(&'a str, u32)> = Vec::new();
    let mut ids: FastMap<&'a str, u32> = FastMap::default();
    for folded in items.texts() {
        for range in words(folded) {
            let word = &folded[range];
            let id = *ids.entry(word).or_insert_with(|| {
                words_of_share.push((word, 0));
                (words_of_share.len() - 1) as u32
            });
            words_of_share[id as usize].1 += 1;
        }
    }
    Some(ShareWords {
        words: words_of_share,
        ids,
        items,
    })
}

/// The vocabulary of all shares' words, most frequent first (ties in byte order, so the
/// numbering never depends on timing), and each share's ids renumbered.
fn number_words(listed: &[ShareWords]) -> Option<(Vocabulary, Vec<Vec<u32>>)> {
    let mut totals: FastMap<&str, u64> = FastMap::default();
    for share in listed {
        for &(word, count) in &share.words {
            *totals.entry(word).or_insert(0) += u64::from(count);
        }
    }
    let mut ordered: Vec<(&str, u64)> = totals.into_iter().collect();
    if ordered.len() > MAX_WORDS {
        return None;
    }
    ordered.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut vocabulary = Vocabulary::default();
    let mut final_ids: FastMap<&str, u32> = FastMap::default();
    final_ids.reserve(ordered.len());
    for (word, _) in ordered {
        final_ids.insert(word, vocabulary.push(word)?);
    }
    let renumbering = listed
        .iter()
        .map(|share| {
            share
                .words
                .iter()
                .map(|(word, _)| final_ids.get(word).copied())
                .collect::<Option<Vec<u32>>>()
        })
        .collect::<Option<_>>()?;
    Some((vocabulary, renumbering))
}

/// Every item's words as final ids, encoded, on all cores: where each item's start, and
/// the encoded ids. Each share's size is known from its words' counts; its items are
/// then read again, word by word.
fn write_ids(listed: &[ShareWords], renumbering: &[Vec<u32>]) -> Option<(Vec<u32>, Vec<u16>)> {
    let sizes: Vec<usize> = listed
        .iter()
        .zip(renumbering)
        .map(|(share, ids)| {
            share
                .words
                .iter()
                .zip(ids)
                .map(|(&(_, count), &id)| count as usize * encoded_len(id))
                .sum()
        })
        .collect();
    let total: usize = sizes.iter().sum();
    u32::try_from(total).ok()?;
    let items: usize = listed.iter().map(|s| s.items.metas.len()).sum();
    let mut tokens = vec![0u16; total];
    let mut token_starts = vec![0u32; items + 1];
    let mut parts = Vec::with_capacity(listed.len());
    let (mut tokens_rest, mut ends_rest) = (tokens.as_mut_slice(), &mut token_starts[1..]);
    let mut offset = 0;
    for (share, &size) in listed.iter().zip(&sizes) {
        let (part, rest) = tokens_rest.split_at_mut(size);
        tokens_rest = rest;
        let (ends, rest) = ends_rest.split_at_mut(share.items.metas.len());
        ends_rest = rest;
        parts.push((part, ends, offset));
        offset += size;
    }
    let written: Vec<bool> = std::thread::scope(|scope| {
        let handles: Vec<_> = listed
            .iter()
            .zip(renumbering)
            .zip(parts)
            .map(|((share, ids), (part, ends, offset))| {
                scope.spawn(move || {
                    let mut written = 0;
                    for (end, folded) in ends.iter_mut().zip(share.items.texts()) {
                        for range in words(folded) {
                            // Every word was listed from these same texts.
                            let Some(&id) = share.ids.get(&folded[range]) else {
                                return false;
                            };
                            let rest = part.get_mut(written..).unwrap_or_default();
                            written += encode_into(ids[id as usize], rest);
                        }
                        // Fits: the total was checked.
                        *end = (offset + written) as u32;
                    }
                    written == part.len()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(false))
            .collect()
    });
    written
        .into_iter()
        .all(|whole| whole)
        .then_some((token_starts, tokens))
}

/// `work(group)` for every group, each on its own thread, results in group order.
fn on_all_cores<T: Send>(
    groups: &[Range<usize>],
    work: impl Fn(&Range<usize>) -> T + Sync,
) -> Vec<T> {
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = groups
            .iter()
            .map(|group| scope.spawn(move || work(group)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::search::vocab::decode;

    fn articles() -> Vec<Article> {
        let seeds = Corpus::seeds().articles;
        let mut articles = Vec::new();
        for _ in 0..7 {
            articles.extend(seeds.iter().cloned());
        }
        articles[3].title = "Erdoğan’s “NATO” — İdlib".to_string();
        articles
    }

    /// Item `i`'s words as the index holds them.
    fn item_words(index: &Index, i: usize) -> Vec<String> {
        decode(index.tokens(i))
            .map(|id| index.vocabulary.word(id as usize).to_string())
            .collect()
    }

    #[test]
    fn parallel_and_sequential_builds_give_the_same_index() {
        let articles = articles();
        let sequential = build_sequentially(&articles);
        for parts in 1..=5 {
            let groups = split_by_size(&articles, parts);
            let parallel = build_in_parallel(&articles, &groups).unwrap();
            assert_eq!(parallel.arena, sequential.arena, "{parts} parts");
            assert_eq!(parallel.starts, sequential.starts);
            assert_eq!(parallel.bags, sequential.bags);
            assert_eq!(parallel.metas, sequential.metas);
            assert_eq!(parallel.token_starts.len(), sequential.token_starts.len());
            for i in 0..parallel.len() {
                assert_eq!(item_words(&parallel, i), item_words(&sequential, i));
            }
        }
    }

    #[test]
    fn items_are_their_words_numbered_by_frequency() {
        let articles = articles();
        let index = Index::from_articles(&articles);
        for i in 0..index.len() {
            let text = index.folded(i);
            let expected: Vec<&str> = words(text).map(|r| &text[r]).collect();
            assert_eq!(item_words(&index, i), expected);
        }
        // The most frequent word of English news text comes first.
        assert_eq!(index.vocabulary.word(0), "the");
    }

    #[test]
    fn groups_cover_every_article_once_in_order() {
        let articles = articles();
        for parts in 1..=40 {
            let groups = split_by_size(&articles, parts);
            assert!(groups.len() <= parts);
            let covered: Vec<usize> = groups.iter().flat_map(|g| g.clone()).collect();
            assert_eq!(covered, (0..articles.len()).collect::<Vec<_>>());
        }
        assert!(split_by_size(&[], 2).is_empty());
    }
}
