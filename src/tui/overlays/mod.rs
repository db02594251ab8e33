//! The overlays: boxes drawn over the panes that take every key while open.

pub mod export;
mod export_draw;
pub mod feeds;
pub mod help;
pub mod highlights;
pub mod problems;
pub mod prompt;
pub mod search;
pub mod speakers;
