//! How jobs the reader starts in the background (a feed update, a browser) report back:
//! a function that hands a [`Report`] to the event loop, which passes it to the `App`.

use std::sync::Arc;

use super::feeds;

/// What a background job has to say.
pub enum Report {
    /// Progress of the feed update.
    Feeds(feeds::Event),
    /// The browser failed (a message for the status line).
    Browser(String),
}

/// Hands a report to the event loop; false once the reader has gone.
pub type Outbox = Arc<dyn Fn(Report) -> bool + Send + Sync>;
