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

/// What one core indexed: its items' ends in the arena, bags and places.
struct Part {
    ends: Vec<u32>,
    bags: Vec<u32>,
    metas: Vec<ItemMeta>,
}

/// Two passes over the text, each on all cores: the folded size of every group of
/// articles, then the folding, each group into its own slice of the arena. `None` when
/// the index would pass its 4 GiB limit (the sequential build then stops at the limit).
fn build_in_parallel(articles: &[Article], groups: &[Range<usize>]) -> Option<Index> {
    let sizes: Vec<usize> = on_all_cores(groups, |group| {
        articles[group.clone()]
            .iter()
            .flat_map(items)
            .map(|(_, text, _)| folded_len(text))
            .sum()
    });
    let total: usize = sizes.iter().sum();
    u32::try_from(total).ok()?;
    u32::try_from(articles.len()).ok()?;

    let mut arena = vec![0u8; total];
    let mut slices = Vec::with_capacity(groups.len());
    let mut rest = arena.as_mut_slice();
    let mut offset = 0;
    for (group, &size) in groups.iter().zip(&sizes) {
        let (slice, tail) = rest.split_at_mut(size);
        slices.push((group.clone(), offset, slice));
        rest = tail;
        offset += size;
    }
    let parts: Vec<Option<Part>> = std::thread::scope(|scope| {
        let handles: Vec<_> = slices
            .into_iter()
            .map(|(group, offset, slice)| {
                scope.spawn(move || index_group(articles, group, offset, slice))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    });

    let count: usize = articles.iter().map(|a| 1 + a.sentences.len()).sum();
    let mut index = Index {
        arena: String::from_utf8(arena).ok()?,
        starts: Vec::with_capacity(count + 1),
        bags: Vec::with_capacity(count),
        metas: Vec::with_capacity(count),
    };
    index.starts.push(0);
    for part in parts {
        let part = part?;
        index.starts.extend(part.ends);
        index.bags.extend(part.bags);
        index.metas.extend(part.metas);
    }
    Some(index)
}

/// Folds the items of the articles in `group` into `slice`, which starts at byte
/// `offset` of the arena and holds exactly their folded text.
fn index_group(
    articles: &[Article],
    group: Range<usize>,
    offset: usize,
    slice: &mut [u8],
) -> Option<Part> {
    let mut part = Part {
        ends: Vec::new(),
        bags: Vec::new(),
        metas: Vec::new(),
    };
    let mut at = 0;
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
            let written = fold_to_slice(text, slice.get_mut(at..)?)?;
            part.bags.push(byte_bag(slice.get(at..at + written)?));
            at += written;
            part.ends.push(u32::try_from(offset + at).ok()?);
            part.metas.push(ItemMeta {
                article: article_index,
                body_start,
                body_end,
                kind,
            });
        }
    }
    (at == slice.len()).then_some(part)
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
