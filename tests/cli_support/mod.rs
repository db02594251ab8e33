//! Running the lede binary from the integration tests: every run gets its own data
//! folder, and HOME, the XDG folders and the cache point inside the build's temporary
//! folder, so a test never reads or writes anything of the user's.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

/// The cache folder for every lede these tests run (never the user's).
pub const CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/lede-cache");

pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temporary folder")
}

/// lede with `args`, its data folder (and HOME, XDG data and config) at `data`.
pub fn lede(data: &Path, args: &[&str]) -> Output {
    lede_command(Path::new(env!("CARGO_BIN_EXE_lede")), data, args)
        .output()
        .expect("run lede")
}

/// The command [`lede`] runs, from `binary`, to add to before running it.
pub fn lede_command(binary: &Path, data: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(binary);
    command
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("LEDE_DATA_DIR")
        .env("LEDE_CACHE_DIR", CACHE)
        .env("HOME", data)
        .env("XDG_DATA_HOME", data)
        .env("XDG_CONFIG_HOME", data);
    command
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file of the library folder in `data`, with its bytes.
pub fn library(data: &Path) -> BTreeMap<String, Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(data.join("library")) else {
        return BTreeMap::new();
    };
    entries
        .map(|entry| entry.expect("library entry"))
        .map(|entry| {
            (
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read(entry.path()).expect("library file"),
            )
        })
        .collect()
}
