//! Fuzzy search over everything a reader can find: titles and sentences now; quotes,
//! figures, highlights and notes as their owners push them into the [`Index`].
//!
//! The query language is fzf's (see [`query`]). Searching is built for a prompt that
//! searches as the user types, off the UI thread:
//!
//! - [`Session::search`] reuses the previous matches when the query only grew;
//! - a [`Cancel`] from a shared [`CancelSource`] stops a search once a newer query came;
//! - [`Session::first_screen`] scores only the earlier matches that can still reach
//!   the first rows, so the first screen comes before the full search;
//! - [`Results::top`] ranks only the rows to show, [`Results::positions`] computes the
//!   matched chars of one row;
//! - [`SearchWorker`] puts all of this on a thread: submit each edit, receive updates.
//!
//! Ranking: every candidate gets a quick byte-level score modelled on skim's scoring
//! (`cheap_score`); the rows shown are re-scored by fuzzy-matcher's skim v2 and ranked
//! by that score, then titles before body text, then shorter items, then article order.
//!
//! No terminal code here.

mod cheap_score;
mod engine;
pub mod fold;
mod index;
pub mod query;
mod session;
mod term_match;
mod worker;

pub use engine::{Cancel, CancelSource, Hit};
pub use index::{Index, ItemKind, ItemRef};
pub use query::{Query, Term, TermKind};
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
