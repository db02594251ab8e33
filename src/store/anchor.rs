//! Finding a highlight again in an article whose text changed. Pure functions: text in,
//! range and outcome out.
//!
//! A highlight remembers its passage two ways, after the W3C Web Annotation model: a
//! [`TextQuoteSelector`] (the exact text with some context either side) and a
//! [`TextPositionSelector`] (code point offsets). Re-anchoring tries, in order: the stored
//! position if it still holds the exact text; the exact text nearest the old position; a
//! bounded fuzzy match; and otherwise reports the highlight orphaned.

use serde::{Deserialize, Serialize};

use super::offsets::{byte_to_cp, cp_to_byte};

/// How much context a quote selector keeps either side of the passage, in code points.
pub const CONTEXT_CHARS: usize = 32;

/// The passage and its surroundings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuoteSelector {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

/// Where the passage is: `start..end` in Unicode code points of the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextPositionSelector {
    pub start: usize,
    pub end: usize,
}

/// How a highlight was found in the current text of its article.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum AnchorOutcome {
    /// At its stored position.
    Exact,
    /// The same text, at another position.
    Moved,
    /// Similar text found; `score` in 0..=1 says how sure (1 is certain).
    Reanchored { score: f64 },
    /// Not found; the highlight keeps its stored text and waits to be re-attached or deleted.
    Orphaned,
}

impl AnchorOutcome {
    pub fn is_orphaned(&self) -> bool {
        matches!(self, AnchorOutcome::Orphaned)
    }

    /// One word for lists: exact, moved, reanchored (0.93), orphaned.
    pub fn label(&self) -> String {
        match self {
            AnchorOutcome::Exact => "exact".to_string(),
            AnchorOutcome::Moved => "moved".to_string(),
            AnchorOutcome::Reanchored { score } => format!("reanchored ({score:.2})"),
            AnchorOutcome::Orphaned => "orphaned".to_string(),
        }
    }
}

/// Where a highlight now sits, with the outcome. `position` is `None` for orphans.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchored {
    pub outcome: AnchorOutcome,
    pub position: Option<TextPositionSelector>,
}

/// Builds both selectors for the byte range `start..end` of `text`. `None` when the range
/// is empty, out of bounds or not on character boundaries.
pub fn select(
    text: &str,
    start: usize,
    end: usize,
) -> Option<(TextQuoteSelector, TextPositionSelector)> {
    select_at(text, start, end, byte_to_cp(text, start))
}

/// [`select`], given the code point offset of `start` (when it is known cheaply).
pub fn select_at(
    text: &str,
    start: usize,
    end: usize,
    cp_start: usize,
) -> Option<(TextQuoteSelector, TextPositionSelector)> {
    let exact = text.get(start..end).filter(|s| !s.is_empty())?;
    let prefix = last_chars(&text[..start], CONTEXT_CHARS);
    let suffix = first_chars(&text[end..], CONTEXT_CHARS);
    let quote = TextQuoteSelector {
        exact: exact.to_string(),
        prefix: prefix.to_string(),
        suffix: suffix.to_string(),
    };
    let position = TextPositionSelector {
        start: cp_start,
        end: cp_start + exact.chars().count(),
    };
    Some((quote, position))
}

fn last_chars(text: &str, n: usize) -> &str {
    let start = text
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map(|(b, _)| b)
        .unwrap_or(0);
    if n == 0 { "" } else { &text[start..] }
}

fn first_chars(text: &str, n: usize) -> &str {
    let end = text
        .char_indices()
        .nth(n)
        .map(|(b, _)| b)
        .unwrap_or(text.len());
    &text[..end]
}

/// A stable fingerprint of an article's text (64-bit FNV-1a over the UTF-8 bytes), so a
/// highlight can tell cheaply whether its article changed.
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("fnv1a64:{hash:016x}:{}", text.len())
}

/// Finds the passage in `text`: stored position, then nearest exact text, then a bounded
/// fuzzy match, else orphaned.
pub fn anchor(text: &str, quote: &TextQuoteSelector, position: &TextPositionSelector) -> Anchored {
    if quote.exact.is_empty() {
        return orphaned();
    }
    if let Some(found) = at_stored_position(text, quote, position) {
        return found;
    }
    if let Some(found) = nearest_exact(text, quote, position) {
        return found;
    }
    fuzzy::find(text, quote, position).unwrap_or_else(orphaned)
}

fn orphaned() -> Anchored {
    Anchored {
        outcome: AnchorOutcome::Orphaned,
        position: None,
    }
}

fn at_stored_position(
    text: &str,
    quote: &TextQuoteSelector,
    position: &TextPositionSelector,
) -> Option<Anchored> {
    let start = cp_to_byte(text, position.start)?;
    let end = start + quote.exact.len();
    (text.get(start..end)? == quote.exact).then_some(Anchored {
        outcome: AnchorOutcome::Exact,
        position: Some(TextPositionSelector {
            start: position.start,
            end: position.start + quote.exact.chars().count(),
        }),
    })
}

/// Every occurrence of the exact text; the nearest to the old start wins, preferring
/// occurrences whose context still matches (a repeated phrase elsewhere should not
/// capture the highlight).
fn nearest_exact(
    text: &str,
    quote: &TextQuoteSelector,
    position: &TextPositionSelector,
) -> Option<Anchored> {
    let mut best: Option<(bool, usize, usize)> = None; // (context differs, distance, cp start)
    let mut cp = 0;
    let mut last_byte = 0;
    for (byte, _) in text.match_indices(quote.exact.as_str()) {
        cp += text[last_byte..byte].chars().count();
        last_byte = byte;
        let context_differs = !(text[..byte].ends_with(quote.prefix.as_str())
            && text[byte + quote.exact.len()..].starts_with(quote.suffix.as_str()));
        let key = (context_differs, cp.abs_diff(position.start), cp);
        if best.is_none_or(|b| key < b) {
            best = Some(key);
        }
    }
    let (_, _, start) = best?;
    Some(Anchored {
        outcome: AnchorOutcome::Moved,
        position: Some(TextPositionSelector {
            start,
            end: start + quote.exact.chars().count(),
        }),
    })
}

mod fuzzy {
    //! Approximate search (Sellers' semi-global edit distance) in a window around the old
    //! position. The window and the quote length are bounded so that the work stays under
    //! [`MAX_CELLS`] whatever the size of the article.

    use super::{AnchorOutcome, Anchored, TextPositionSelector, TextQuoteSelector};
    use super::{CONTEXT_CHARS, cp_to_byte};

    /// Dynamic-programming cells allowed for one search: bounded work, whatever the size
    /// of the article or the quote.
    pub const MAX_CELLS: usize = 20_000_000;
    /// How far either side of the old position to look, when the budget allows.
    const RADIUS: usize = 10_000;
    /// Up to this share of the quote may differ.
    const MAX_ERROR_RATE: f64 = 0.3;
    /// Quotes shorter than this need their context to agree too.
    const SHORT_QUOTE: usize = 16;
    const MIN_SCORE: f64 = 0.6;
    const MAX_CANDIDATES: usize = 4096;

    pub fn find(
        text: &str,
        quote: &TextQuoteSelector,
        position: &TextPositionSelector,
    ) -> Option<Anchored> {
        let needle: Vec<char> = quote.exact.chars().collect();
        let m = needle.len();
        if m == 0 || m.saturating_mul(m) > MAX_CELLS {
            return None;
        }
        // Window of code points [from, from + window.len()) around the old position.
        let radius = RADIUS.min((MAX_CELLS / m).saturating_sub(m) / 2);
        let from = position.start.saturating_sub(radius);
        let start_byte = cp_to_byte(text, from).or_else(|| {
            // The text shrank below the old position: search its tail.
            let len = text.chars().count();
            cp_to_byte(text, len.saturating_sub(radius + m))
        })?;
        let from = super::byte_to_cp(text, start_byte);
        let window: Vec<char> = text[start_byte..].chars().take(2 * radius + m).collect();
        let max_errors = ((m as f64) * MAX_ERROR_RATE).floor() as usize;

        let candidates = approximate_matches(&needle, &window, max_errors);
        let mut best: Option<(f64, usize, usize)> = None;
        for (start, end, errors) in candidates {
            let quote_similarity = 1.0 - errors as f64 / m as f64;
            let before: String = window[start.saturating_sub(CONTEXT_CHARS)..start]
                .iter()
                .collect();
            let after: String = window[end..(end + CONTEXT_CHARS).min(window.len())]
                .iter()
                .collect();
            let prefix = similarity(&quote.prefix, &before);
            let suffix = similarity(&quote.suffix, &after);
            if m < SHORT_QUOTE && (prefix + suffix) / 2.0 < 0.6 {
                continue;
            }
            let distance = (from + start).abs_diff(position.start) as f64;
            let nearness = 1.0 - (distance / (radius + m) as f64).min(1.0);
            let score = 0.6 * quote_similarity + 0.15 * prefix + 0.15 * suffix + 0.1 * nearness;
            if score >= MIN_SCORE && best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, from + start, from + end));
            }
        }
        let (score, start, end) = best?;
        Some(Anchored {
            outcome: AnchorOutcome::Reanchored {
                score: (score * 100.0).round() / 100.0,
            },
            position: Some(TextPositionSelector { start, end }),
        })
    }

    /// Ranges `start..end` of `haystack` within `max_errors` edits of `needle`, one per
    /// acceptable end (at most [`MAX_CANDIDATES`]). Every end is kept, not only the
    /// cheapest: a shorter partial match can cost fewer edits than the true passage, and
    /// only its context tells them apart.
    fn approximate_matches(
        needle: &[char],
        haystack: &[char],
        max_errors: usize,
    ) -> Vec<(usize, usize, usize)> {
        let m = needle.len();
        // cost[i]: edits between needle[..i] and the best substring ending here;
        // origin[i]: where that substring starts.
        let mut cost: Vec<usize> = (0..=m).collect();
        let mut origin: Vec<usize> = vec![0; m + 1];
        let mut next_cost = vec![0; m + 1];
        let mut next_origin = vec![0; m + 1];
        let mut found = Vec::new();
        for (j, &c) in haystack.iter().enumerate() {
            next_cost[0] = 0;
            next_origin[0] = j + 1;
            for i in 1..=m {
                let diagonal = cost[i - 1] + usize::from(needle[i - 1] != c);
                let skip_needle = next_cost[i - 1] + 1;
                let skip_text = cost[i] + 1;
                (next_cost[i], next_origin[i]) = if diagonal <= skip_needle && diagonal <= skip_text
                {
                    (diagonal, origin[i - 1])
                } else if skip_needle <= skip_text {
                    (skip_needle, next_origin[i - 1])
                } else {
                    (skip_text, origin[i])
                };
            }
            std::mem::swap(&mut cost, &mut next_cost);
            std::mem::swap(&mut origin, &mut next_origin);
            if cost[m] <= max_errors {
                found.push((origin[m], j + 1, cost[m]));
                if found.len() >= MAX_CANDIDATES {
                    break;
                }
            }
        }
        found
    }

    /// 1 − normalised edit distance; two empty strings are identical.
    fn similarity(a: &str, b: &str) -> f64 {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let longest = a.len().max(b.len());
        if longest == 0 {
            return 1.0;
        }
        1.0 - levenshtein(&a, &b) as f64 / longest as f64
    }

    fn levenshtein(a: &[char], b: &[char]) -> usize {
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut diagonal = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let above = row[j + 1];
                row[j + 1] = (diagonal + usize::from(ca != cb))
                    .min(above + 1)
                    .min(row[j] + 1);
                diagonal = above;
            }
        }
        row[b.len()]
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn levenshtein_counts_edits() {
            let chars = |s: &str| s.chars().collect::<Vec<_>>();
            assert_eq!(levenshtein(&chars("kitten"), &chars("sitting")), 3);
            assert_eq!(levenshtein(&chars(""), &chars("abc")), 3);
            assert_eq!(similarity("", ""), 1.0);
        }

        #[test]
        fn approximate_matches_find_the_start_and_end() {
            let hay: Vec<char> = "xx the quick brown fax yy".chars().collect();
            let needle: Vec<char> = "quick brown fox".chars().collect();
            let found = approximate_matches(&needle, &hay, 3);
            let &(start, end, errors) = found.iter().min_by_key(|f| f.2).unwrap();
            assert_eq!(
                hay[start..end].iter().collect::<String>(),
                "quick brown fax"
            );
            assert_eq!(errors, 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "NATO held an extraordinary meeting at the request of Turkey.\n\n\
        “NATO has a lot of options, not least sending patriot batteries,” said Ali Bakeer, \
        an analyst in Ankara.\n\nThe alliance said it stood in solidarity with Turkey.";
    const PASSAGE: &str = "not least sending patriot batteries";

    fn highlight(text: &str, passage: &str) -> (TextQuoteSelector, TextPositionSelector) {
        let start = text.find(passage).unwrap();
        select(text, start, start + passage.len()).unwrap()
    }

    fn anchored_text<'a>(text: &'a str, anchored: &Anchored) -> &'a str {
        let p = anchored.position.unwrap();
        let start = cp_to_byte(text, p.start).unwrap();
        let end = cp_to_byte(text, p.end).unwrap();
        &text[start..end]
    }

    #[test]
    fn selectors_keep_the_passage_its_context_and_code_point_offsets() {
        let (quote, position) = highlight(ARTICLE, PASSAGE);
        assert_eq!(quote.exact, PASSAGE);
        assert_eq!(quote.prefix.chars().count(), CONTEXT_CHARS);
        assert!(quote.prefix.ends_with("a lot of options, "));
        assert!(quote.suffix.starts_with(",” said"));
        // The opening “ is 3 bytes but one code point.
        let byte_start = ARTICLE.find(PASSAGE).unwrap();
        assert_eq!(position.start, byte_start - 2);
        assert_eq!(position.end - position.start, PASSAGE.len());
    }

    #[test]
    fn selecting_an_empty_or_broken_range_is_refused() {
        assert!(select(ARTICLE, 3, 3).is_none());
        assert!(select(ARTICLE, 0, ARTICLE.len() + 1).is_none());
        let quote_mark = ARTICLE.find('“').unwrap();
        assert!(select(ARTICLE, quote_mark + 1, quote_mark + 5).is_none());
    }

    #[test]
    fn context_is_cut_at_the_edges_of_the_text() {
        let (quote, position) = select("Short text.", 0, 5).unwrap();
        assert_eq!(quote.prefix, "");
        assert_eq!(quote.suffix, " text.");
        assert_eq!((position.start, position.end), (0, 5));
    }

    #[test]
    fn an_unchanged_article_anchors_exactly() {
        let (quote, position) = highlight(ARTICLE, PASSAGE);
        let found = anchor(ARTICLE, &quote, &position);
        assert_eq!(found.outcome, AnchorOutcome::Exact);
        assert_eq!(found.position, Some(position));
    }

    #[test]
    fn a_paragraph_inserted_above_moves_the_highlight() {
        let (quote, position) = highlight(ARTICLE, PASSAGE);
        let edited = format!("Editor’s note: this story was updated.\n\n{ARTICLE}");
        let found = anchor(&edited, &quote, &position);
        assert_eq!(found.outcome, AnchorOutcome::Moved);
        assert_eq!(anchored_text(&edited, &found), PASSAGE);
    }

    #[test]
    fn a_word_changed_inside_reanchors_with_a_score() {
        let (quote, position) = highlight(ARTICLE, PASSAGE);
        let edited = ARTICLE.replace("patriot batteries", "Patriot missile batteries");
        let found = anchor(&edited, &quote, &position);
        let AnchorOutcome::Reanchored { score } = found.outcome else {
            panic!("expected a re-anchor, got {:?}", found.outcome);
        };
        assert!(score > 0.7 && score < 1.0, "score {score}");
        assert_eq!(
            anchored_text(&edited, &found),
            "not least sending Patriot missile batteries"
        );
    }

    #[test]
    fn a_word_changed_and_a_paragraph_inserted_still_reanchors() {
        let (quote, position) = highlight(ARTICLE, PASSAGE);
        let edited = format!(
            "A new first paragraph.\n\n{}",
            ARTICLE.replace("sending", "deploying")
        );
        let found = anchor(&edited, &quote, &position);
        assert!(matches!(found.outcome, AnchorOutcome::Reanchored { .. }));
        assert_eq!(
            anchored_text(&edited, &found),
            "not least deploying patriot batteries"
        );
    }

    #[test]
    fn a_deleted_passage_is_orphaned() {
        let (quote, position) = highlight(ARTICLE, PASSAGE);
        let start = ARTICLE.find("“NATO").unwrap();
        let end = ARTICLE.find("The alliance").unwrap();
        let edited = format!("{}{}", &ARTICLE[..start], &ARTICLE[end..]);
        let found = anchor(&edited, &quote, &position);
        assert_eq!(found.outcome, AnchorOutcome::Orphaned);
        assert_eq!(found.position, None);
    }

    #[test]
    fn the_nearest_of_repeated_passages_wins_when_context_matches() {
        let text = "Turkey said no. Then Russia. Turkey said no. End.";
        let second = text.rfind("Turkey said no").unwrap();
        let (quote, position) = select(text, second, second + 14).unwrap();
        let edited = format!("Intro. {text}");
        let found = anchor(&edited, &quote, &position);
        assert_eq!(found.outcome, AnchorOutcome::Moved);
        assert_eq!(found.position.unwrap().start, position.start + 7);
    }

    #[test]
    fn non_ascii_text_before_the_passage_is_counted_in_code_points() {
        let text = "Erdoğan — “Türkiye” 🙂 said the passage here.";
        let start = text.find("the passage").unwrap();
        let (quote, position) = select(text, start, start + 11).unwrap();
        assert_eq!(position.start, text[..start].chars().count());
        let edited = format!("Ünïcödé ✓ {text}");
        let found = anchor(&edited, &quote, &position);
        assert_eq!(found.outcome, AnchorOutcome::Moved);
        assert_eq!(anchored_text(&edited, &found), "the passage");
    }

    #[test]
    fn a_changed_word_in_non_ascii_text_reanchors_in_code_points() {
        let text = "Präsident Erdoğan sagte: „Wir werden unsere Soldaten rächen“ — 🇹🇷 Ankara.";
        let passage = "„Wir werden unsere Soldaten rächen“";
        let (quote, position) = highlight(text, passage);
        let edited = format!("Neu: ✓ {}", text.replace("Soldaten", "Truppen"));
        let found = anchor(&edited, &quote, &position);
        assert!(matches!(found.outcome, AnchorOutcome::Reanchored { .. }));
        assert_eq!(
            anchored_text(&edited, &found),
            "„Wir werden unsere Truppen rächen“"
        );
    }

    #[test]
    fn a_short_quote_does_not_fuzzy_match_without_its_context() {
        let text = "The toll rose to 33 soldiers on Thursday.";
        let start = text.find("33 soldiers").unwrap();
        let (quote, position) = select(text, start, start + 11).unwrap();
        let unrelated = "Completely different: 34 soldiers were elsewhere, said nobody at all.";
        assert_eq!(
            anchor(unrelated, &quote, &position).outcome,
            AnchorOutcome::Orphaned
        );
    }

    #[test]
    fn a_huge_article_does_not_hang_the_fuzzy_search() {
        let filler = "lorem ipsum dolor sit amet ".repeat(400_000); // ~10 MB
        let (quote, position) = highlight(ARTICLE, PASSAGE);
        // The search is bounded to a window around the old position, so this returns.
        let found = anchor(&filler, &quote, &position);
        assert_eq!(found.outcome, AnchorOutcome::Orphaned);
    }

    /// Random texts (with multi-byte characters), selections and edits: anchoring never
    /// panics, and whatever it returns is a valid range holding what it claims.
    #[test]
    fn random_edits_never_break_anchoring() {
        const ALPHABET: &[char] = &['a', 'b', ' ', 'é', '“', '🙂', '\n', 'z', '.'];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        for _ in 0..300 {
            let len = 1 + next(300);
            let text: String = (0..len).map(|_| ALPHABET[next(ALPHABET.len())]).collect();
            let bounds: Vec<usize> = text
                .char_indices()
                .map(|(b, _)| b)
                .chain([text.len()])
                .collect();
            let a = bounds[next(bounds.len())];
            let b = bounds[next(bounds.len())];
            let Some((quote, position)) = select(&text, a.min(b), a.max(b)) else {
                continue;
            };
            let mut edited: Vec<char> = text.chars().collect();
            for _ in 0..next(6) {
                let at = next(edited.len() + 1);
                match next(3) {
                    0 => edited.insert(at, ALPHABET[next(ALPHABET.len())]),
                    1 if at < edited.len() => {
                        edited.remove(at);
                    }
                    _ if at < edited.len() => edited[at] = ALPHABET[next(ALPHABET.len())],
                    _ => {}
                }
            }
            let edited: String = edited.into_iter().collect();
            let found = anchor(&edited, &quote, &position);
            match (found.outcome, found.position) {
                (AnchorOutcome::Orphaned, None) => {}
                (AnchorOutcome::Exact | AnchorOutcome::Moved, Some(_)) => {
                    assert_eq!(anchored_text(&edited, &found), quote.exact);
                }
                (AnchorOutcome::Reanchored { score }, Some(p)) => {
                    assert!((0.0..=1.0).contains(&score));
                    assert!(p.start < p.end);
                    let _ = anchored_text(&edited, &found);
                }
                other => panic!("inconsistent result {other:?}"),
            }
        }
    }

    #[test]
    fn fingerprints_differ_when_the_text_does() {
        assert_eq!(fingerprint(ARTICLE), fingerprint(ARTICLE));
        assert_ne!(
            fingerprint(ARTICLE),
            fingerprint(&ARTICLE.replace("NATO", "Nato"))
        );
        assert_eq!(fingerprint(""), "fnv1a64:cbf29ce484222325:0");
    }

    #[test]
    fn outcomes_serialise_with_a_status_tag() {
        let json = serde_json::to_string(&AnchorOutcome::Reanchored { score: 0.9 }).unwrap();
        assert_eq!(json, r#"{"status":"reanchored","score":0.9}"#);
        let back: AnchorOutcome = serde_json::from_str(r#"{"status":"moved"}"#).unwrap();
        assert_eq!(back, AnchorOutcome::Moved);
    }
}
