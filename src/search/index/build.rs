//! Indexing a corpus on all cores: each core folds the items of a run of articles
//! straight into its own part of the final arena, so nothing is copied twice and no
//! more memory is taken than the index itself.

use std::ops::Range;

use crate::corpus::Article;
use crate::search::fold::{fold_to_slice, folded_len};

use super::{Index, ItemKind, ItemMeta, NO_RANGE, byte_bag};

/// Below this much text one thread indexes it sooner than several.
const PARALLEL_MIN_BYTES: usize = 4 << 20;

impl Index {
    /// Indexes every article's title and sentences, in corpus order.
    pub fn from_articles(articles: &[Article]) -> Index {
        let text_len: usize = articles.iter().map(|a| a.title.len() + a.body.len()).sum();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if threads > 1 && text_len >= PARALLEL_MIN_BYTES {
            let groups = split_by_size(articles, threads);
            if let Some(index) = build_in_parallel(articles, &groups) {
                return index;
            }
        }
        build_sequentially(articles)
    }
}

/// An article's items, in index order: its title, then its sentences.
fn items(article: &Article) -> impl Iterator<Item = (ItemKind, &str, Option<Range<usize>>)> {
    let sentences = article.sentences.iter().filter_map(|sentence| {
        let text = article.body.get(sentence.range.clone())?;
        Some((ItemKind::Sentence, text, Some(sentence.range.clone())))
    });
    std::iter::once((ItemKind::Title, article.title.as_str(), None)).chain(sentences)
}

fn build_sequentially(articles: &[Article]) -> Index {
    let text_len: usize = articles.iter().map(|a| a.title.len() + a.body.len()).sum();
    let count: usize = articles.iter().map(|a| 1 + a.sentences.len()).sum();
    let mut index = Index {
        arena: String::with_capacity(text_len),
        starts: Vec::with_capacity(count + 1),
        bags: Vec::with_capacity(count),
        metas: Vec::with_capacity(count),
    };
    index.starts.push(0);
    for (i, article) in articles.iter().enumerate() {
        for (kind, text, range) in items(article) {
            index.push_item(i, kind, text, range);
        }
    }
    index.arena.shrink_to_fit();
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

/// Stands in for an item's place until its core fills it.
const UNFILLED: ItemMeta = ItemMeta {
    article: 0,
    body_start: NO_RANGE,
    body_end: NO_RANGE,
    kind: ItemKind::Title,
};

/// Two passes over the text, each on all cores: the folded size and item count of every
/// group of articles, then the folding, each group into its own slices of the index.
/// `None` when the index would pass its 4 GiB limit (the sequential build then stops at
/// the limit).
fn build_in_parallel(articles: &[Article], groups: &[Range<usize>]) -> Option<Index> {
    let sizes: Vec<(usize, usize)> = on_all_cores(groups, |group| {
        articles[group.clone()]
            .iter()
            .flat_map(items)
            .fold((0, 0), |(bytes, count), (_, text, _)| {
                (bytes + folded_len(text), count + 1)
            })
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
    let filled: Vec<bool> = std::thread::scope(|scope| {
        let handles: Vec<_> = shares
            .into_iter()
            .map(|share| scope.spawn(move || index_group(articles, share).is_some()))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(false))
            .collect()
    });
    if !filled.iter().all(|&ok| ok) {
        return None;
    }
    Some(Index {
        arena: String::from_utf8(arena).ok()?,
        starts,
        bags,
        metas,
    })
}

/// Folds the items of the articles in the share's group into its slices, which hold
/// exactly their folded text and their number of items. `None` if they do not.
fn index_group(articles: &[Article], share: Share) -> Option<()> {
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
            let (body_start, body_end) = match range {
                Some(r) => match (u32::try_from(r.start), u32::try_from(r.end)) {
                    (Ok(s), Ok(e)) if s != NO_RANGE && s <= e => (s, e),
                    // The sequential build leaves such an item out; so must this one.
                    _ => return None,
                },
                None => (NO_RANGE, NO_RANGE),
            };
            let written = fold_to_slice(text, arena.get_mut(at..)?)?;
            *bags.get_mut(item)? = byte_bag(arena.get(at..at + written)?);
            at += written;
            *ends.get_mut(item)? = u32::try_from(offset + at).ok()?;
            *metas.get_mut(item)? = ItemMeta {
                article: article_index,
                body_start,
                body_end,
                kind,
            };
            item += 1;
        }
    }
    (at == arena.len() && item == metas.len()).then_some(())
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

    fn articles() -> Vec<Article> {
        let seeds = Corpus::seeds().articles;
        let mut articles = Vec::new();
        for _ in 0..7 {
            articles.extend(seeds.iter().cloned());
        }
        articles[3].title = "Erdoğan’s “NATO” — İdlib".to_string();
        articles
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
        }
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
