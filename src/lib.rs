//! lede: a terminal reader for news articles. This library holds the domain (articles,
//! text layout, reading state); the TUI and the CLI in `main.rs` are thin shells over it.

pub mod cache;
pub mod corpus;
pub mod export;
pub mod extract;
pub mod layout;
pub mod library;
pub mod motion;
pub mod paths;
pub mod safe_json;
pub mod search;
pub mod settings;
pub mod store;

/// The one neutraliser for text printed to a terminal: see [`corpus::terminal_safe`].
pub use corpus::terminal_safe;
