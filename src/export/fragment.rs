//! Links back to a passage in the style of URL text fragments
//! (`address#:~:text=prefix-,start,end,-suffix`, WICG "Text Fragments").
//!
//! A text directive matches whole words of the rendered text, so the context kept by the
//! quote selector (cut at a fixed number of characters) is trimmed to whole words, and
//! long passages are named by their first and last words.

use super::text::{one_line, percent_encode};
use crate::store::{Highlight, anchor::CONTEXT_CHARS};

/// Words of context kept either side.
const CONTEXT_WORDS: usize = 3;
/// Passages longer than this many words are given as `start,end`.
const WHOLE_PASSAGE_WORDS: usize = 10;
/// Words in each of `start` and `end` for a long passage.
const EDGE_WORDS: usize = 4;

/// `address#:~:text=…` for `h`. `address` is a web address or an IRI (already encoded);
/// when it has a fragment, the directive follows it (`page#part:~:text=…`), as the
/// specification allows.
pub fn link(address: &str, h: &Highlight) -> String {
    let delimiter = if address.contains('#') { ":~:" } else { "#:~:" };
    format!("{address}{delimiter}text={}", directive(h))
}

/// The text directive's value: `[prefix-,]start[,end][,-suffix]`, each term
/// percent-encoded (with `-`, `,` and `&`, which the syntax uses).
pub fn directive(h: &Highlight) -> String {
    let exact: Vec<String> = words(&h.quote.exact);
    let prefix = context_before(&h.quote.prefix);
    let suffix = context_after(&h.quote.suffix);
    let mut terms = Vec::new();
    if !prefix.is_empty() {
        terms.push(format!("{}-", encode(&prefix.join(" "))));
    }
    if exact.len() > WHOLE_PASSAGE_WORDS {
        terms.push(encode(&exact[..EDGE_WORDS].join(" ")));
        terms.push(encode(&exact[exact.len() - EDGE_WORDS..].join(" ")));
    } else {
        terms.push(encode(&exact.join(" ")));
    }
    if !suffix.is_empty() {
        terms.push(format!("-{}", encode(&suffix.join(" "))));
    }
    terms.join(",")
}

fn words(text: &str) -> Vec<String> {
    one_line(text)
        .split(' ')
        .map(str::to_string)
        .filter(|w| !w.is_empty())
        .collect()
}

/// The last words of the prefix. A prefix of full length was cut by character count, so
/// its first word may be partial and is dropped, unless the cut fell on white space.
fn context_before(prefix: &str) -> Vec<String> {
    let mut words = words(prefix);
    let cut_mid_word =
        prefix.chars().count() >= CONTEXT_CHARS && !prefix.starts_with(char::is_whitespace);
    if cut_mid_word && !words.is_empty() {
        words.remove(0);
    }
    let keep = words.len().saturating_sub(CONTEXT_WORDS);
    words.split_off(keep)
}

/// The first words of the suffix (the last one dropped when the cut may be mid-word).
fn context_after(suffix: &str) -> Vec<String> {
    let mut words = words(suffix);
    let cut_mid_word =
        suffix.chars().count() >= CONTEXT_CHARS && !suffix.ends_with(char::is_whitespace);
    if cut_mid_word {
        words.pop();
    }
    words.truncate(CONTEXT_WORDS);
    words
}

fn encode(term: &str) -> String {
    percent_encode(term, b"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_article;
    use std::path::PathBuf;

    fn highlight(body: &str, passage: &str) -> Highlight {
        let article = parse_article(PathBuf::from("seeds/x.txt"), body, Vec::new());
        let start = article.body.find(passage).unwrap();
        Highlight::new(&article, start..start + passage.len()).unwrap()
    }

    #[test]
    fn a_short_passage_is_named_whole_with_word_context() {
        let h = highlight(
            "The alliance met in Brussels. NATO has a lot of options, said Bakeer in Ankara.",
            "a lot of options",
        );
        // The prefix was cut inside "alliance": that partial word is not used.
        assert_eq!(
            directive(&h),
            "Brussels.%20NATO%20has-,a%20lot%20of%20options,-%2C%20said%20Bakeer"
        );
    }

    #[test]
    fn a_long_passage_is_named_by_its_first_and_last_words() {
        let passage = "one two three four five six seven eight nine ten eleven twelve";
        let h = highlight(&format!("Before it: {passage}. After it."), passage);
        assert_eq!(
            directive(&h),
            "Before%20it%3A-,one%20two%20three%20four,nine%20ten%20eleven%20twelve,-.%20After%20it."
        );
        assert!(
            link("file:///tmp/a%20b.txt", &h).starts_with("file:///tmp/a%20b.txt#:~:text=Before")
        );
        assert!(link("https://x.org/a#part", &h).starts_with("https://x.org/a#part:~:text=Before"));
    }

    #[test]
    fn partial_words_at_the_cut_are_dropped() {
        let body = format!(
            "{}word here PASSAGE there word{}",
            "x".repeat(40),
            "y".repeat(40)
        );
        let h = highlight(&body, "PASSAGE");
        assert_eq!(directive(&h), "here-,PASSAGE,-there");
    }
}
