//! Where lede keeps its files: XDG directories, with overrides.

use std::path::PathBuf;

use directories::ProjectDirs;

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "lede")
}

/// The data folder: `--data-dir` / `LEDE_DATA_DIR` when given, else `$XDG_DATA_HOME/lede`.
pub fn data_dir(overridden: Option<PathBuf>) -> Option<PathBuf> {
    overridden.or_else(|| project_dirs().map(|d| d.data_dir().to_path_buf()))
}

/// The user's keymap file: `$XDG_CONFIG_HOME/lede/keymap.toml`.
pub fn keymap_file() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("keymap.toml"))
}

/// A settings file in `$XDG_CONFIG_HOME/lede/` (`config.toml`, `theme.toml`).
pub fn config_file(name: &str) -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join(name))
}
