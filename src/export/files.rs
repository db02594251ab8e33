//! The per-article layout: one Markdown file per article in a folder, named from the
//! article's title. Names are safe on every common file system and in Obsidian links (no
//! separators, `..`, control characters or link syntax; bounded length; not a reserved
//! Windows device name), and distinct even when titles are equal or differ only in case.

use std::collections::HashSet;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::markdown;
use super::{Format, Item, Summary, WouldOverwrite, write_file};

/// Longest name kept from a title, in bytes (before ` (2)` and `.md`); file systems allow
/// 255.
const MAX_NAME_BYTES: usize = 120;

/// Characters that cannot be in a name: path separators, characters Windows refuses, and
/// those Obsidian links give a meaning (`#`, `^`, `[`, `]`, `|`).
const REFUSED: &[char] = &[
    '/', '\\', ':', '*', '?', '"', '<', '>', '|', '#', '^', '[', ']',
];

const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Writes one Markdown file per article of `items` into `dir` (created if missing). When
/// any of the files exists and `force` is false, nothing is written and the error is
/// [`WouldOverwrite`] naming the first. Each file is written atomically.
pub fn export_per_article(items: &[Item<'_>], dir: &Path, force: bool) -> Result<Summary> {
    match std::fs::symlink_metadata(dir) {
        Ok(meta) if !meta.is_dir() && !dir.is_dir() => {
            bail!("{} is not a folder", dir.display())
        }
        Ok(_) => {}
        Err(_) => std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?,
    }
    let articles: Vec<&[Item<'_>]> = markdown::by_article(items).collect();
    let titles: Vec<String> = articles.iter().map(|a| a[0].title()).collect();
    let targets: Vec<_> = file_names(&titles)
        .into_iter()
        .map(|name| dir.join(format!("{name}.md")))
        .collect();
    if !force && let Some(taken) = targets.iter().find(|t| t.symlink_metadata().is_ok()) {
        return Err(WouldOverwrite(taken.clone()).into());
    }
    for (article, target) in articles.iter().zip(&targets) {
        write_file(target, &markdown::render_article(article), true)?;
    }
    let mut summary = Summary::of(Format::Markdown, items, Some(dir));
    summary.files = Some(targets.len());
    Ok(summary)
}

/// A file name (without extension) for each title, in order: safe (see the module
/// documentation) and distinct, ignoring case, a repeated name followed by ` (2)`, ` (3)`….
pub fn file_names(titles: &[String]) -> Vec<String> {
    let mut taken = HashSet::new();
    titles
        .iter()
        .map(|title| {
            let base = safe_name(title);
            let mut name = base.clone();
            let mut n = 1;
            while !taken.insert(name.to_lowercase()) {
                n += 1;
                name = format!("{base} ({n})");
            }
            name
        })
        .collect()
}

/// `title` as a file name: refused characters and control characters become spaces, runs
/// of white space one space, runs of dots one dot; no leading or trailing dots or spaces
/// (no hidden files, no `..`); cut to [`MAX_NAME_BYTES`] at a character boundary.
fn safe_name(title: &str) -> String {
    let replaced: String = title
        .chars()
        .map(|c| {
            let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            if c.is_control() || bidi || REFUSED.contains(&c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut name = String::with_capacity(replaced.len());
    for word in replaced.split_whitespace() {
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(word);
    }
    while name.contains("..") {
        name = name.replace("..", ".");
    }
    let mut name = name.trim_matches(['.', ' ']).to_string();
    if name.len() > MAX_NAME_BYTES {
        let mut cut = MAX_NAME_BYTES;
        while !name.is_char_boundary(cut) {
            cut -= 1;
        }
        name.truncate(cut);
        name = name.trim_end_matches(['.', ' ']).to_string();
    }
    if name.is_empty() {
        return "article".to_string();
    }
    let stem = name.split('.').next().unwrap_or_default().to_lowercase();
    if RESERVED.contains(&stem.as_str()) {
        name.push('_');
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe() {
        let cases = [
            ("NATO: Ready? / Set", "NATO Ready Set"),
            ("../../etc/passwd", "etc passwd"),
            ("..", "article"),
            ("", "article"),
            (".hidden", "hidden"),
            ("a\u{1b}[31mred\u{7}", "a 31mred"),
            ("x\u{202e}y", "x y"),
            ("Links [[x]] #tag ^id a|b", "Links x tag id a b"),
            ("CON", "CON_"),
            ("nul.txt", "nul.txt_"),
            ("Trump...", "Trump"),
            ("tab\tand\nline", "tab and line"),
        ];
        for (title, expected) in cases {
            assert_eq!(safe_name(title), expected, "{title:?}");
        }
    }

    #[test]
    fn long_names_are_cut_at_a_character_boundary() {
        let name = safe_name(&"ğ".repeat(200));
        assert!(
            name.len() <= MAX_NAME_BYTES && name.chars().all(|c| c == 'ğ'),
            "{name}"
        );
    }

    #[test]
    fn equal_titles_get_distinct_names() {
        let titles: Vec<String> = ["Same", "same", "Same", "Other", "Same (2)"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            file_names(&titles),
            ["Same", "same (2)", "Same (3)", "Other", "Same (2) (2)"]
        );
    }
}
