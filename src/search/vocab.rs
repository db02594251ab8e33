//! The words of an index, each stored once, and items stored as lists of word ids.
//!
//! Looking a query word up in the vocabulary (tens of thousands of words) is much cheaper
//! than comparing it with every word of the text (millions): a query compares its words
//! with each distinct word once ([`Expansion`]), then a search only reads word ids.
//!
//! Ids are given by frequency, most frequent first, and stored as one `u16` when below
//! [`SHORT_IDS`] (nearly every word of a text), as two otherwise.

use super::index::{Array, Text};
use super::matcher::Matcher;
use super::word_pattern::Cost;

/// Ids below this take one `u16`; the others two, the first with its top bit set.
pub const SHORT_IDS: u32 = 0x8000;
/// The most distinct words an index holds (ids fit in 31 bits).
pub const MAX_WORDS: usize = 1 << 31;

/// Distinct words, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    text: Text,
    /// Word `i` is `text[ends[i - 1]..ends[i]]` (from 0 for the first).
    ends: Array<u32>,
}

impl Vocabulary {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Word `id` ("" past the end).
    pub fn word(&self, id: usize) -> &str {
        let start = match id.checked_sub(1) {
            Some(before) => self.ends.get(before).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(id).copied().unwrap_or(start);
        self.text
            .as_str()
            .get(start as usize..end as usize)
            .unwrap_or("")
    }

    /// Adds a word and returns its id; `None` past the limits (4 GiB of words, or
    /// [`MAX_WORDS`]).
    pub fn push(&mut self, word: &str) -> Option<u32> {
        let id = u32::try_from(self.ends.len())
            .ok()
            .filter(|&id| (id as usize) < MAX_WORDS)?;
        let end = u32::try_from(self.text.as_str().len() + word.len()).ok()?;
        self.text.to_mut().push_str(word);
        self.ends.to_mut().push(end);
        Some(id)
    }

    pub fn heap_bytes(&self) -> usize {
        self.text.heap_bytes() + self.ends.heap_bytes()
    }

    /// The words back to back, and where each ends (for keeping an index in the cache).
    pub(super) fn parts(&self) -> (&str, &[u32]) {
        (self.text.as_str(), &self.ends)
    }

    /// A vocabulary from its [`Vocabulary::parts`]; `None` unless every word ends after
    /// the one before, on a char boundary, and the last at the end of the text.
    pub(super) fn from_parts(text: Text, ends: Array<u32>) -> Option<Vocabulary> {
        let mut before = 0;
        for &end in ends.iter() {
            if end < before || !text.as_str().is_char_boundary(end as usize) {
                return None;
            }
            before = end;
        }
        (ends.len() <= MAX_WORDS && before as usize == text.as_str().len())
            .then_some(Vocabulary { text, ends })
    }
}

/// Appends word id `id` (below [`MAX_WORDS`]) to `tokens`.
#[inline]
pub fn encode(id: u32, tokens: &mut Vec<u16>) {
    if id < SHORT_IDS {
        tokens.push(id as u16);
    } else {
        tokens.push(0x8000 | (id >> 16) as u16);
        tokens.push(id as u16);
    }
}

/// Writes word id `id` (below [`MAX_WORDS`]) at the start of `tokens`, which has room
/// for [`encoded_len`] of it; returns that length.
#[inline]
pub fn encode_into(id: u32, tokens: &mut [u16]) -> usize {
    match tokens {
        [first, ..] if id < SHORT_IDS => {
            *first = id as u16;
            1
        }
        [first, second, ..] => {
            *first = 0x8000 | (id >> 16) as u16;
            *second = id as u16;
            2
        }
        _ => 0,
    }
}

/// How many `u16` id `id` takes.
#[inline]
pub fn encoded_len(id: u32) -> usize {
    if id < SHORT_IDS { 1 } else { 2 }
}

/// The word ids of encoded `tokens`, in order.
#[inline]
pub fn decode(tokens: &[u16]) -> impl Iterator<Item = u32> + '_ {
    let mut rest = tokens;
    std::iter::from_fn(move || {
        let (&first, tail) = rest.split_first()?;
        rest = tail;
        if first & 0x8000 == 0 {
            return Some(u32::from(first));
        }
        let (&second, tail) = rest.split_first()?;
        rest = tail;
        Some((u32::from(first & 0x7FFF) << 16) | u32::from(second))
    })
}

/// A query's words looked up in a vocabulary: for each word id, which query words it
/// matches and how well.
pub struct Expansion {
    /// Per word id: a bit per query word it matches (see [`Matcher::patterns`]).
    pub masks: Vec<u32>,
    /// Per query word, per word id: the cost of the match ([`NO_MATCH`] if none).
    costs: Vec<Vec<Cost>>,
}

/// In [`Expansion`]'s costs: the word does not match.
const NO_MATCH: Cost = Cost::MAX;

/// Below this many words one thread looks them up sooner than two.
const PARALLEL_MIN_WORDS: usize = 50_000;

impl Expansion {
    /// Compares every query word of `matcher` with every word of `vocabulary`, on all
    /// cores for a big vocabulary.
    pub fn new(matcher: &Matcher, vocabulary: &Vocabulary) -> Expansion {
        let patterns = matcher.patterns();
        let n = vocabulary.len();
        let mut masks = vec![0u32; n];
        let mut costs = vec![vec![NO_MATCH; n]; patterns.len()];
        if patterns.is_empty() || matcher.matches_nothing() || vocabulary.is_empty() {
            return Expansion { masks, costs };
        }
        let threads = std::thread::available_parallelism()
            .map_or(1, |t| t.get())
            .min(n.div_ceil(PARALLEL_MIN_WORDS))
            .max(1);
        let chunk = n.div_ceil(threads).max(1);
        let expand = |first: usize, masks: &mut [u32], costs: &mut [&mut [Cost]]| {
            for (offset, mask) in masks.iter_mut().enumerate() {
                let word = vocabulary.word(first + offset);
                for (p, pattern) in patterns.iter().enumerate() {
                    if let Some(cost) = pattern.cost(word) {
                        *mask |= 1 << p;
                        costs[p][offset] = cost;
                    }
                }
            }
        };
        // Each thread takes a run of ids: its part of the masks and of every cost table.
        let mut mask_parts: Vec<&mut [u32]> = masks.chunks_mut(chunk).collect();
        let mut cost_parts: Vec<Vec<&mut [Cost]>> =
            (0..mask_parts.len()).map(|_| Vec::new()).collect();
        for table in &mut costs {
            for (part, piece) in table.chunks_mut(chunk).enumerate() {
                cost_parts[part].push(piece);
            }
        }
        if threads == 1 {
            for (masks, mut costs) in mask_parts.drain(..).zip(cost_parts) {
                expand(0, masks, &mut costs);
            }
        } else {
            std::thread::scope(|scope| {
                for (part, (masks, mut costs)) in mask_parts.drain(..).zip(cost_parts).enumerate() {
                    let expand = &expand;
                    scope.spawn(move || expand(part * chunk, masks, &mut costs));
                }
            });
        }
        Expansion { masks, costs }
    }

    /// The query words word `id` matches.
    #[inline]
    pub fn mask(&self, id: u32) -> u32 {
        self.masks.get(id as usize).copied().unwrap_or(0)
    }

    /// How well word `id` matches query word `pattern` (set in its mask).
    #[inline]
    pub fn cost(&self, pattern: usize, id: u32) -> Cost {
        self.costs
            .get(pattern)
            .and_then(|c| c.get(id as usize))
            .copied()
            .unwrap_or(NO_MATCH)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::Query;

    #[test]
    fn ids_round_trip_through_the_encoding() {
        let ids = [0, 1, 0x7FFF, 0x8000, 0xFFFF, 0x1_0000, 0x7FFF_FFFF, 5];
        let mut tokens = Vec::new();
        for &id in &ids {
            encode(id, &mut tokens);
        }
        let lens: usize = ids.iter().map(|&id| encoded_len(id)).sum();
        assert_eq!(tokens.len(), lens);
        assert_eq!(decode(&tokens).collect::<Vec<_>>(), ids);
        // A cut-off pair is dropped, not misread.
        assert_eq!(decode(&[0x8001]).count(), 0);
    }

    #[test]
    fn expansion_finds_the_words_each_query_word_matches() {
        let mut vocabulary = Vocabulary::default();
        for word in ["the", "Stoltenberg", "stole", "NATO", "nato", "Nato"] {
            vocabulary.push(word);
        }
        assert_eq!(vocabulary.word(1), "Stoltenberg");
        assert_eq!(vocabulary.word(99), "");
        let matcher = Matcher::new(&Query::parse("nato stoltnberg"));
        let expansion = Expansion::new(&matcher, &vocabulary);
        let masks: Vec<u32> = (0..6).map(|id| expansion.mask(id)).collect();
        assert_eq!(masks, vec![0, 0b10, 0, 0b01, 0b01, 0b01]);
        assert_eq!(expansion.cost(1, 1), 2);
        assert_eq!(expansion.cost(0, 3), 0);
    }
}
