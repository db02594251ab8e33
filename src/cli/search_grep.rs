//! `lede search --format grep`: `PATH:LINE:COLUMN: TEXT` rows, as `grep -n --column` and
//! ripgrep print them, so editors (Vim's quickfix, Emacs, VS Code) open the file at the
//! hit. The line and column (from 1, the column in bytes) are where the hit's text starts
//! in the file: its first words are looked for in the file's text, at the same occurrence
//! as in the article. A record of a JSON Lines dataset is its line; a hit whose words are
//! not in the file as they are (an HTML page's entities, say) is line 1, column 1.

use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use lede::corpus::{Article, bundled_seed_text, decode, is_stdin};
use lede::store::bundled_seed_name;

/// Longest start of a hit's text looked for in the file, in bytes.
const PROBE_BYTES: usize = 80;

/// The file texts of the articles rows are printed for, each read once.
#[derive(Default)]
pub struct FileTexts {
    texts: HashMap<usize, Option<String>>,
}

impl FileTexts {
    fn text(&mut self, index: usize, article: &Article) -> Option<&str> {
        self.texts
            .entry(index)
            .or_insert_with(|| file_text(article))
            .as_deref()
    }

    /// Writes the row of a hit in article `index`: `range` in its body, or its title.
    pub fn write_row(
        &mut self,
        out: &mut impl Write,
        index: usize,
        article: &Article,
        range: Option<Range<usize>>,
    ) -> io::Result<()> {
        let hit_text = match &range {
            Some(range) => article.body.get(range.clone()).unwrap_or_default(),
            None => article.title.as_str(),
        };
        let (path, line, column) = match article.origin.line {
            Some(line) => (article.origin.file.as_path(), line, 1),
            None => {
                let (line, column) = self
                    .text(index, article)
                    .and_then(|file| place_in_file(file, article, range.as_ref(), hit_text))
                    .unwrap_or((1, 1));
                (article.path.as_path(), line, column)
            }
        };
        writeln!(
            out,
            "{}:{line}:{column}: {}",
            one_line(&path.display().to_string()),
            one_line(hit_text)
        )
    }
}

/// The text of the file an article was read from (the compiled-in copy for a bundled
/// seed); `None` for standard input or a file that cannot be read again.
fn file_text(article: &Article) -> Option<String> {
    if let Some(name) = bundled_seed_name(&article.path) {
        return bundled_seed_text(&name).map(str::to_string);
    }
    if is_stdin(&article.origin.file) {
        return None;
    }
    let bytes = std::fs::read(Path::new(&article.origin.file)).ok()?;
    decode(&bytes).ok().map(|decoded| decoded.text)
}

/// `(line, column)` of the hit in `file`: the start of the hit's first line (up to
/// [`PROBE_BYTES`]), or failing that of its first three words (Markdown marks inside the
/// line, say), at the occurrence it has in the article's text.
fn place_in_file(
    file: &str,
    article: &Article,
    range: Option<&Range<usize>>,
    hit_text: &str,
) -> Option<(usize, usize)> {
    let first_line = hit_text.lines().next()?.trim();
    let mut end = first_line.len().min(PROBE_BYTES);
    while !first_line.is_char_boundary(end) {
        end -= 1;
    }
    let words_end = first_line
        .match_indices(' ')
        .nth(2)
        .map_or(first_line.len(), |(i, _)| i);
    [&first_line[..end], &first_line[..words_end]]
        .into_iter()
        .filter(|probe| !probe.is_empty())
        .find_map(|probe| place_probe(file, article, range, probe))
}

fn place_probe(
    file: &str,
    article: &Article,
    range: Option<&Range<usize>>,
    probe: &str,
) -> Option<(usize, usize)> {
    let before = range.map_or(0, |r| {
        article
            .body
            .get(..r.start)
            .map_or(0, |text| text.matches(probe).count())
    });
    let at = file
        .match_indices(probe)
        .nth(before)
        .or_else(|| file.match_indices(probe).next())?
        .0;
    let line_start = file[..at].rfind('\n').map_or(0, |i| i + 1);
    Some((file[..at].matches('\n').count() + 1, at - line_start + 1))
}

/// Text on one line, neutralised (nothing from a file name or an article acts on the
/// terminal).
fn one_line(text: &str) -> String {
    lede::terminal_safe(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use lede::corpus::parse_article;
    use std::path::PathBuf;

    #[test]
    fn a_hit_is_placed_at_its_line_and_byte_column_in_the_file() {
        let file = "Title line\n\nThe storm came. The storm went.\nCafé: the storm stayed.\n";
        let article = parse_article(PathBuf::from("a.txt"), file, Vec::new());
        let second = article.body.find("the storm stayed").expect("in body");
        let range = second..second + "the storm stayed".len();
        assert_eq!(
            place_in_file(file, &article, Some(&range), "the storm stayed"),
            Some((4, 8))
        );
        let third = article.body.rfind("The storm went").expect("in body");
        let range = third..third + 14;
        assert_eq!(
            place_in_file(file, &article, Some(&range), "The storm went"),
            Some((3, 17))
        );
        assert_eq!(place_in_file(file, &article, None, "not there"), None);
    }
}
