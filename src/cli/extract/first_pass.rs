//! What the first pass of a streamed `lede extract` keeps, and how the second pass's
//! articles are matched to it: a file changed between the two passes must not be given
//! the copies the first pass found for another article.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The articles the first pass kept (each one's story fingerprint and path, in corpus
/// order), the labels of the copies folded into them, and the file each came from.
#[derive(Default)]
pub(super) struct FirstPass {
    kept: Vec<(u128, Box<str>)>,
    /// For each article with copies (by its number in `kept`), their labels.
    copies: BTreeMap<usize, Vec<String>>,
    /// The files the kept articles came from: (number of its first kept article, file),
    /// one entry per run of articles from one file.
    files: Vec<(usize, PathBuf)>,
}

impl FirstPass {
    /// Notes an article of the first pass: kept (`copy_of` is `None`), or a copy of the
    /// `n`th article kept.
    pub(super) fn note(
        &mut self,
        story: u128,
        path: String,
        file: PathBuf,
        label: String,
        copy_of: Option<usize>,
    ) {
        match copy_of {
            None => {
                if self.files.last().is_none_or(|(_, last)| *last != file) {
                    self.files.push((self.kept.len(), file));
                }
                self.kept.push((story, path.into()));
            }
            Some(first) => self.copies.entry(first).or_default().push(label),
        }
    }

    /// How many articles the first pass kept.
    pub(super) fn articles(&self) -> usize {
        self.kept.len()
    }

    /// Each article with copies: its path and the copies' labels.
    pub(super) fn copies(&self) -> impl Iterator<Item = (String, &[String])> {
        self.copies.iter().map(|(&first, labels)| {
            let path = self.kept.get(first).map(|(_, path)| path.to_string());
            (path.unwrap_or_default(), labels.as_slice())
        })
    }

    /// Ready to match the second pass's articles against this one.
    pub(super) fn matching(self) -> SecondPass {
        SecondPass {
            first: self,
            next: 0,
            by_story: None,
            matched: Vec::new(),
            changed: Vec::new(),
            said: HashSet::new(),
        }
    }
}

/// Matches the articles the second pass keeps, in order, to those of the first.
pub(super) struct SecondPass {
    first: FirstPass,
    /// The first-pass article the next one is expected to be.
    next: usize,
    /// The first pass's kept articles by fingerprint, made at the first article that is
    /// not the one expected (fingerprints of kept articles are all different).
    by_story: Option<HashMap<u128, usize>>,
    /// Which first-pass articles were met again (filled from the first mismatch on).
    matched: Vec<bool>,
    /// Files found changed, each once, in the order found.
    changed: Vec<PathBuf>,
    said: HashSet<PathBuf>,
}

impl SecondPass {
    /// The copies to fold into an article the second pass kept (its story fingerprint,
    /// path and file): those the first pass found, if it kept this very article (same
    /// text, same path); none otherwise, and if its text is new, its file is noted as
    /// changed.
    pub(super) fn copies_of(&mut self, story: u128, path: &str, file: &Path) -> Vec<String> {
        let is = |number: usize, first: &FirstPass| {
            first
                .kept
                .get(number)
                .is_some_and(|(kept_story, kept_path)| *kept_story == story && **kept_path == *path)
        };
        let found = if self.by_story.is_none() && is(self.next, &self.first) {
            Some(self.next)
        } else {
            let first = &self.first;
            if self.by_story.is_none() {
                self.matched = vec![false; first.kept.len()];
                self.matched[..self.next.min(first.kept.len())].fill(true);
            }
            let by_story = self.by_story.get_or_insert_with(|| {
                let stories = first.kept.iter().enumerate();
                stories
                    .map(|(number, (story, _))| (*story, number))
                    .collect()
            });
            match by_story.get(&story) {
                Some(&number) if is(number, first) => Some(number),
                Some(_) => None,
                None => {
                    self.note_changed(file);
                    None
                }
            }
        };
        let Some(number) = found else {
            return Vec::new();
        };
        self.next = number + 1;
        if let Some(matched) = self.matched.get_mut(number) {
            *matched = true;
        }
        self.first.copies.remove(&number).unwrap_or_default()
    }

    /// The files that changed between the two passes: those an article of new text came
    /// from, then those of the first pass's articles not met again.
    pub(super) fn changed(mut self) -> Vec<PathBuf> {
        let missing: Vec<usize> = if self.by_story.is_some() {
            let matched = self.matched.iter().enumerate();
            matched.filter(|(_, met)| !**met).map(|(n, _)| n).collect()
        } else {
            // All matched in order: only those after the last one met are missing.
            (self.next..self.first.kept.len()).collect()
        };
        for number in missing {
            let run = self
                .first
                .files
                .partition_point(|(start, _)| *start <= number);
            if let Some((_, file)) = run.checked_sub(1).and_then(|run| self.first.files.get(run)) {
                let file = file.clone();
                self.note_changed(&file);
            }
        }
        self.changed
    }

    fn note_changed(&mut self, file: &Path) {
        if self.said.insert(file.to_path_buf()) {
            self.changed.push(file.to_path_buf());
        }
    }
}

/// The message for a file that changed between the two passes.
pub(super) fn changed_message(file: &Path) -> String {
    format!(
        "{}: changed while it was being read; its articles are written as read the second \
         time, without the copies named above",
        file.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A first pass over `f.jsonl` (articles 1, 2 and 3) and `g.txt` (article 4, with a
    /// copy).
    fn first_pass() -> FirstPass {
        let mut first = FirstPass::default();
        for (story, path) in [(1, "f.jsonl:1"), (2, "f.jsonl:2"), (3, "f.jsonl:3")] {
            first.note(story, path.into(), "f.jsonl".into(), path.into(), None);
        }
        first.note(4, "g.txt".into(), "g.txt".into(), "g.txt".into(), None);
        first.note(4, "h.txt".into(), "h.txt".into(), "h.txt".into(), Some(3));
        first
    }

    /// The second pass meets f.jsonl's three articles as the first did: no copies.
    fn match_f_jsonl_unchanged(second: &mut SecondPass) {
        for (story, path) in [(1, "f.jsonl:1"), (2, "f.jsonl:2"), (3, "f.jsonl:3")] {
            assert!(
                second
                    .copies_of(story, path, Path::new("f.jsonl"))
                    .is_empty()
            );
        }
    }

    #[test]
    fn a_line_added_changes_its_file_only_and_later_copies_are_still_found() {
        let mut second = first_pass().matching();
        let f = Path::new("f.jsonl");
        assert!(second.copies_of(9, "f.jsonl:1", f).is_empty());
        for (story, path) in [(1, "f.jsonl:2"), (2, "f.jsonl:3"), (3, "f.jsonl:4")] {
            assert!(second.copies_of(story, path, f).is_empty());
        }
        assert_eq!(second.copies_of(4, "g.txt", Path::new("g.txt")), ["h.txt"]);
        // The same texts under other paths (f.jsonl's lines moved) are not new: only
        // the new text and the first-pass articles not met again name their file.
        assert_eq!(second.changed(), [PathBuf::from("f.jsonl")]);
    }

    #[test]
    fn an_article_gone_names_its_file_and_an_unchanged_run_none() {
        let mut second = first_pass().matching();
        assert!(
            second
                .copies_of(1, "f.jsonl:1", Path::new("f.jsonl"))
                .is_empty()
        );
        assert_eq!(second.copies_of(4, "g.txt", Path::new("g.txt")), ["h.txt"]);
        assert_eq!(second.changed(), [PathBuf::from("f.jsonl")]);

        let mut second = first_pass().matching();
        match_f_jsonl_unchanged(&mut second);
        assert_eq!(second.copies_of(4, "g.txt", Path::new("g.txt")), ["h.txt"]);
        assert!(second.changed().is_empty());

        // Cut short after f.jsonl: g.txt is gone.
        let mut second = first_pass().matching();
        match_f_jsonl_unchanged(&mut second);
        assert_eq!(second.changed(), [PathBuf::from("g.txt")]);
    }
}
