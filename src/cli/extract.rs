//! `lede extract`: quotes and figures as JSON, JSON Lines or text.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::Format;

pub fn run(_format: Format, _paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    anyhow::bail!("extract is not built yet")
}
