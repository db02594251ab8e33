//! Finding a passage someone typed (or copied from the screen) in an article's text.

use std::ops::Range;

/// Every byte range of `body` holding `passage`, in order, without overlaps. An exact
/// match is preferred; failing that, any run of white space in the passage matches any run
/// in the text, since the reader shows hard-wrapped lines joined by spaces.
pub fn find_passage(body: &str, passage: &str) -> Vec<Range<usize>> {
    let passage = passage.trim();
    if passage.is_empty() {
        return Vec::new();
    }
    let exact: Vec<Range<usize>> = body
        .match_indices(passage)
        .map(|(start, m)| start..start + m.len())
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    let words: Vec<&str> = passage.split_whitespace().collect();
    let Some((first, rest)) = words.split_first() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = body.get(from..).and_then(|s| s.find(first)) {
        let start = from + offset;
        match match_rest(body, start + first.len(), rest) {
            Some(end) => {
                found.push(start..end);
                from = end;
            }
            None => from = start + first.len(),
        }
    }
    found
}

/// Matches `words`, each after at least one white-space character, from byte `at`;
/// returns the end of the last word.
fn match_rest(body: &str, mut at: usize, words: &[&str]) -> Option<usize> {
    for word in words {
        let after = body.get(at..)?;
        let trimmed = after.trim_start();
        if trimmed.len() == after.len() {
            return None;
        }
        at += after.len() - trimmed.len();
        if !trimmed.starts_with(word) {
            return None;
        }
        at += word.len();
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_matches_are_found_in_order() {
        let body = "NATO met. NATO said. Turkey.";
        assert_eq!(find_passage(body, "NATO"), [0..4, 10..14]);
        assert_eq!(find_passage(body, "Russia"), Vec::<Range<usize>>::new());
        assert!(find_passage(body, "   ").is_empty());
    }

    #[test]
    fn white_space_runs_match_across_line_breaks() {
        let body = "the largest single-day\nloss of  troops for Turkey";
        let found = find_passage(body, "single-day loss of troops");
        assert_eq!(found.len(), 1);
        assert_eq!(&body[found[0].clone()], "single-day\nloss of  troops");
        assert!(find_passage(body, "single-dayloss").is_empty());
    }

    #[test]
    fn non_ascii_passages_are_found() {
        let body = "Erdoğan said “no”.";
        let found = find_passage(body, "Erdoğan said “no”");
        assert_eq!(&body[found[0].clone()], "Erdoğan said “no”");
    }
}
