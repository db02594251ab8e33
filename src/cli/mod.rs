//! Subcommands for scripts: each prints to stdout and reports problems on stderr.

pub mod extract;
pub mod highlight;
pub mod search;
