//! Search over everything a reader can find: titles and sentences now; quotes, figures,
//! highlights and notes as their owners push them into the [`Index`].
//!
//! Search is for prose: a query's words are looked for among the words of the text,
//! with typos allowed in longer words, and fzf's operators for the rest (see [`query`]).
//! Built for a prompt that searches as the user types, off the UI thread:
//!
//! - [`Session::search`] reuses the previous matches when the query only grew;
//! - a [`Cancel`] from a shared [`CancelSource`] stops a search once a newer query came;
//! - a search compares the query's words with each distinct word of the index once,
//!   then reads every item as word ids (see `vocab`), so a whole index is searched
//!   at each key;
//! - [`Results::top`] ranks only the rows to show (always the first rows of the full
//!   ranking: every hit is fully scored), [`Results::positions`] computes the matched
//!   chars of one row;
//! - [`SearchWorker`] puts all of this on a thread: submit each edit, receive updates;
//! - [`oneshot`] searches files as it reads them, for `lede search`, without an index.
//!
//! Ranking (see `matcher`): how well the words matched (exact, start of a longer word,
//! typos), how close together and in order, then titles, quotes and the reader's notes
//! before body text, then newer articles, then shorter items, then article order.
//!
//! No terminal code here.

mod engine;
pub mod fold;
mod index;
mod matcher;
pub mod oneshot;
mod prefilter;
pub mod query;
mod session;
mod term_match;
mod vocab;
mod word_pattern;
mod words;
mod worker;

pub use engine::{Cancel, CancelSource, Hit};
pub use index::{Index, ItemKind, ItemRef, date_key};
pub use matcher::{Matcher, Scored};
pub use query::{Clause, Mode, Query, Term, TermKind};
pub use session::{Results, Session};
pub use worker::{SearchUpdate, SearchWorker};

/// Byte ranges in `text` covering the chars at `positions` (sorted char indices, as
/// [`Results::positions`] gives them), adjacent chars merged into one range.
pub fn char_positions_to_byte_ranges(
    text: &str,
    positions: &[usize],
) -> Vec<std::ops::Range<usize>> {
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    let mut wanted = positions.iter().peekable();
    for (char_index, (byte, c)) in text.char_indices().enumerate() {
        while wanted.next_if(|&&p| p < char_index).is_some() {}
        let Some(&&next) = wanted.peek() else { break };
        if next != char_index {
            continue;
        }
        wanted.next();
        let end = byte + c.len_utf8();
        match ranges.last_mut() {
            Some(last) if last.end == byte => last.end = end,
            _ => ranges.push(byte..end),
        }
    }
    ranges
}
