//! What the commands that fetch share: the network limits a user can set, and the data
//! folder they write to.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Result, anyhow};
use clap::Args;

use lede::library::{Fetcher, Limits};

/// Network limits (the defaults suit news sites; tests make them small).
#[derive(Args, Debug, Clone)]
pub struct NetArgs {
    /// Longest a request may take, in seconds, body included.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    timeout: u64,
    /// Largest response accepted, in MB (after decompression).
    #[arg(long, value_name = "MB", default_value_t = 16)]
    max_size: u64,
}

impl NetArgs {
    pub fn fetcher(&self) -> Fetcher {
        let timeout = Duration::from_secs(self.timeout.max(1));
        Fetcher::new(Limits {
            timeout,
            connect_timeout: timeout.min(Limits::default().connect_timeout),
            max_bytes: self.max_size.max(1) << 20,
            ..Limits::default()
        })
    }
}

/// The data folder, which these commands need.
pub fn data_dir(data_dir: Option<PathBuf>) -> Result<PathBuf> {
    lede::paths::data_dir(data_dir)
        .ok_or_else(|| anyhow!("no data folder: pass --data-dir DIR or set LEDE_DATA_DIR"))
}
