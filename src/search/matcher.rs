//! A query compiled for matching many items, and the score of a match.
//!
//! Word terms are matched word by word (see [`super::word_pattern`]): the words of an
//! item that match a query word are its *word events*. They come either from the item's
//! text ([`Matcher::score_text`], for a one-shot search) or from an index's word ids
//! ([`super::engine`]), and one function scores them, so both ways give the same results.
//!
//! The score (higher is better) orders matches by, first, how well the words matched
//! (exact, then the start of a longer word, then one typo, then two), then how close
//! together and in order the terms are. Literal terms add fzf's score of their best
//! occurrence, `~` terms the fuzzy matcher's score.

use std::ops::Range;

use super::index::char_bag;
use super::query::{Query, Term, TermKind};
use super::term_match::CompiledTerm;
use super::word_pattern::{Cost, WordPattern, typos_in};
use super::words::words;

/// Most query words a query may hold (each is a bit in a mask).
pub const MAX_WORD_PATTERNS: usize = 32;
/// A perfect word match scores this; each cost unit takes [`COST_WEIGHT`] off.
const BASE_SCORE: i64 = 10_000;
const COST_WEIGHT: i64 = 100;
/// Words between two terms count up to this many.
const MAX_GAP: u32 = 8;
/// Places kept per clause when choosing the closest ones (the cheapest, then earliest).
const OCCURRENCES_KEPT: usize = 16;

/// A word of an item that matches a query word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordEvent {
    /// The word's number in the item (0 for the first word).
    pub word: u32,
    /// Which query word it matches (see [`Matcher::patterns`]).
    pub pattern: u8,
    pub cost: Cost,
}

/// How well an item matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scored {
    /// Higher is better.
    pub score: i64,
    /// The typos in the words that gave the score (one per query word at most two).
    pub typos: u8,
}

/// One way to satisfy a clause.
enum Alternative {
    /// Query words matching words next to each other, in order (most often one word).
    Words(Range<usize>),
    /// A literal or `~` term, matched on the text.
    Text(Box<CompiledTerm>),
}

struct CompiledClause {
    alternatives: Vec<Alternative>,
    /// Bits of the query words of each words alternative: a clause can only hold when
    /// an item's words cover one of them (`None` when a text alternative may hold).
    word_masks: Option<Vec<u32>>,
}

/// A query ready to be matched against many items.
pub struct Matcher {
    clauses: Vec<CompiledClause>,
    patterns: Vec<WordPattern>,
    /// The only clause with word terms, when each of its terms is one word (`putin`,
    /// `putin | assad`): such a clause's best word needs no word numbers.
    single_word_clause: Option<usize>,
    /// ASCII letters and digits every matching item contains.
    bag: u32,
    /// Why the query can match nothing although it has terms.
    problem: Option<String>,
}

/// Where a clause matched: words `start..=end`, and at what cost.
#[derive(Debug, Clone, Copy)]
struct Place {
    start: u32,
    end: u32,
    cost: Cost,
    typos: u8,
}

impl Matcher {
    pub fn new(query: &Query) -> Matcher {
        let mut patterns: Vec<WordPattern> = Vec::new();
        let mut clauses = Vec::new();
        let mut seen: Vec<&super::query::Clause> = Vec::new();
        for clause in &query.clauses {
            // The same clause twice asks nothing more.
            if seen.contains(&clause) {
                continue;
            }
            seen.push(clause);
            let mut alternatives = Vec::new();
            for term in &clause.alternatives {
                if term.kind == TermKind::Word && !term.negated {
                    let start = patterns.len();
                    patterns.extend(word_patterns(term));
                    alternatives.push(Alternative::Words(start..patterns.len()));
                } else {
                    alternatives.push(Alternative::Text(Box::new(CompiledTerm::new(term.clone()))));
                }
            }
            // Cheapest first: words, then literal terms, then negations (which read the
            // whole item), then fuzzy ones.
            alternatives.sort_by_key(alternative_order);
            clauses.push(CompiledClause {
                alternatives,
                word_masks: None,
            });
        }
        let problem = (patterns.len() > MAX_WORD_PATTERNS).then(|| {
            format!(
                "the query has {} words; at most {MAX_WORD_PATTERNS} can be searched at once",
                patterns.len()
            )
        });
        for clause in &mut clauses {
            clause.word_masks = word_masks(&clause.alternatives);
        }
        // Clauses that only words can satisfy first (they are decided by the index).
        clauses.sort_by_key(|c| c.word_masks.is_none());
        let word_clauses: Vec<usize> = (0..clauses.len())
            .filter(|&c| {
                clauses[c]
                    .alternatives
                    .iter()
                    .any(|a| matches!(a, Alternative::Words(_)))
            })
            .collect();
        let single_word_clause = match word_clauses.as_slice() {
            &[c] if clauses[c]
                .alternatives
                .iter()
                .all(|a| matches!(a, Alternative::Words(r) if r.len() == 1)) =>
            {
                Some(c)
            }
            _ => None,
        };
        let bag = clauses
            .iter()
            .map(|c| {
                c.alternatives
                    .iter()
                    .map(|a| alternative_bag(a, &patterns))
                    .reduce(|a, b| a & b)
                    .unwrap_or(0)
            })
            .fold(0, |bag, b| bag | b);
        Matcher {
            clauses,
            patterns,
            single_word_clause,
            bag,
            problem,
        }
    }

    /// True when nothing can match (no term, or a query too big to search).
    pub fn matches_nothing(&self) -> bool {
        self.clauses.is_empty() || self.problem.is_some()
    }

    /// Why the query matches nothing although it has terms, in words for the user.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// The query words, numbered as in [`WordEvent::pattern`].
    pub fn patterns(&self) -> &[WordPattern] {
        &self.patterns
    }

    /// ASCII letters and digits (see [`char_bag`]) every matching item contains.
    pub fn bag(&self) -> u32 {
        self.bag
    }

    /// Whether an item whose words match the query words in `mask` (a bit per query
    /// word, see [`WordEvent::pattern`]) may match: every clause that only words can
    /// satisfy has an alternative whose words are all there.
    pub fn mask_may_match(&self, mask: u32) -> bool {
        self.clauses.iter().all(|clause| match &clause.word_masks {
            Some(masks) => masks.iter().any(|&m| m & !mask == 0),
            None => true,
        })
    }

    /// The score of an item, from its folded text alone; `None` if it does not match.
    ///
    /// Before reading the text word by word, each query word is looked for among the
    /// words starting with its first char ([`WordPattern::occurs_in`]): most items
    /// lack one that the query needs, and are left after a few memchr calls.
    pub fn score_text(&self, text: &str) -> Option<Scored> {
        if self.matches_nothing() {
            return None;
        }
        if self.patterns.is_empty() {
            return self.score(text, &[]);
        }
        if let Some(c) = self.single_word_clause {
            // As `score` would find it: one place per clause, so no gaps to weigh.
            let best = self.clauses[c]
                .alternatives
                .iter()
                .filter_map(|a| match a {
                    Alternative::Words(r) => self.patterns[r.start].best_in(text),
                    Alternative::Text(_) => None,
                })
                .min()?;
            return self.single_word_score(best, text);
        }
        let mut present = 0u32;
        let mut decided = 0u32;
        for clause in &self.clauses {
            let Some(masks) = &clause.word_masks else {
                continue;
            };
            // The clause holds if one alternative has all its words.
            let holds = masks.iter().any(|&mask| {
                (0..self.patterns.len())
                    .filter(|p| mask & 1 << p != 0)
                    .all(|p| {
                        if decided & 1 << p == 0 {
                            decided |= 1 << p;
                            if self.patterns[p].occurs_in(text) {
                                present |= 1 << p;
                            }
                        }
                        present & 1 << p != 0
                    })
            });
            if !holds {
                return None;
            }
        }
        let events = self.word_events(text);
        self.score(text, &events)
    }

    /// The word events of an item's folded text, in word order.
    pub fn word_events(&self, text: &str) -> Vec<WordEvent> {
        let mut events = Vec::new();
        for (n, range) in words(text).enumerate() {
            let word = &text[range];
            for (p, pattern) in self.patterns.iter().enumerate() {
                if let Some(cost) = pattern.cost(word) {
                    events.push(WordEvent {
                        word: n as u32,
                        pattern: p as u8,
                        cost,
                    });
                }
            }
        }
        events
    }

    /// The score of an item given its folded text and its word events (in word order,
    /// then query-word order); `None` if it does not match.
    pub fn score(&self, text: &str, events: &[WordEvent]) -> Option<Scored> {
        if self.matches_nothing() {
            return None;
        }
        if let Some(c) = self.single_word_clause {
            // One place to choose: the best word, no gaps to weigh.
            let in_clause = |e: &&WordEvent| {
                self.clauses[c].alternatives.iter().any(
                    |a| matches!(a, Alternative::Words(r) if r.start == usize::from(e.pattern)),
                )
            };
            let best = events.iter().filter(in_clause).map(|e| e.cost).min()?;
            return self.single_word_score(best, text);
        }
        let mut text_score = 0;
        let mut places: Vec<Vec<Place>> = Vec::new();
        for clause in &self.clauses {
            let mut found: Vec<Place> = Vec::new();
            let mut best_text: Option<i64> = None;
            for alternative in &clause.alternatives {
                match alternative {
                    Alternative::Words(patterns) => {
                        add_places(patterns.clone(), events, &mut found);
                    }
                    // A clause found among the words needs no reading of the text.
                    Alternative::Text(_) if !found.is_empty() => {}
                    Alternative::Text(term) => {
                        if let Some(score) = term.score(text) {
                            best_text = best_text.max(Some(score));
                        }
                    }
                }
            }
            if !found.is_empty() {
                found.sort_by_key(|p| (p.cost, p.start));
                found.truncate(OCCURRENCES_KEPT);
                places.push(found);
            } else {
                text_score += best_text?;
            }
        }
        let (penalty, typos) = closest_places_penalty(&places);
        Some(Scored {
            score: BASE_SCORE - penalty + text_score,
            typos,
        })
    }

    /// The score of an item whose one word clause's best word costs `best`.
    fn single_word_score(&self, best: Cost, text: &str) -> Option<Scored> {
        let text_score = self.text_clauses_score(text)?;
        Some(Scored {
            score: BASE_SCORE - COST_WEIGHT * i64::from(best) + text_score,
            typos: typos_in(best),
        })
    }

    /// The score of the clauses with no word terms (`None` if one does not hold).
    fn text_clauses_score(&self, text: &str) -> Option<i64> {
        let mut total = 0;
        for clause in &self.clauses {
            let mut best = None;
            for alternative in &clause.alternatives {
                match alternative {
                    Alternative::Words(_) => {
                        best = Some(0);
                        break;
                    }
                    Alternative::Text(term) => {
                        if let Some(score) = term.score(text) {
                            best = best.max(Some(score));
                        }
                    }
                }
            }
            total += best?;
        }
        Some(total)
    }

    /// Sorted, distinct char indices of the chars that matched in an item's folded
    /// text: whole words for word terms, the occurrence for literal terms.
    pub fn positions(&self, text: &str) -> Vec<usize> {
        self.positions_within(text, u8::MAX)
    }

    /// [`Matcher::positions`], of the words with at most `max_typos` typos only (an item
    /// whose match has that many typos in all matched no word with more).
    pub fn positions_within(&self, text: &str, max_typos: u8) -> Vec<usize> {
        let mut bytes: Vec<usize> = Vec::new();
        if !self.patterns.is_empty() {
            for range in words(text) {
                let word = &text[range.clone()];
                if self
                    .patterns
                    .iter()
                    .any(|p| p.cost(word).is_some_and(|c| typos_in(c) <= max_typos))
                {
                    bytes.extend(range.clone().filter(|&b| text.is_char_boundary(b)));
                }
            }
        }
        let mut positions = chars_at_bytes(text, &bytes);
        for clause in &self.clauses {
            for alternative in &clause.alternatives {
                if let Alternative::Text(term) = alternative {
                    positions.extend(term.positions(text));
                }
            }
        }
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// The query words of a word term: its words, to be found next to each other; the last
/// one may be the start of a longer word if the term is being typed.
pub(super) fn word_patterns(term: &Term) -> Vec<WordPattern> {
    let ranges: Vec<Range<usize>> = words(&term.text).collect();
    let last = ranges.len().saturating_sub(1);
    ranges
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            WordPattern::new(
                &term.text[r],
                term.case_sensitive,
                term.completes && i == last,
            )
        })
        .collect()
}

fn alternative_order(alternative: &Alternative) -> (u8, usize) {
    match alternative {
        Alternative::Words(_) => (0, 0),
        Alternative::Text(t) => {
            let rank = match (t.term.negated, t.term.kind) {
                (false, TermKind::Subsequence) => 3,
                (true, _) => 2,
                _ => 1,
            };
            (rank, usize::MAX - t.term.text.len())
        }
    }
}

/// The masks of a clause's words alternatives, or `None` if a text one may hold (or
/// the query words do not fit in a mask).
fn word_masks(alternatives: &[Alternative]) -> Option<Vec<u32>> {
    alternatives
        .iter()
        .map(|a| match a {
            Alternative::Words(r) if r.end <= MAX_WORD_PATTERNS => {
                Some(r.clone().fold(0u32, |m, p| m | 1 << p))
            }
            _ => None,
        })
        .collect()
}

/// Letters and digits an item satisfying the alternative must contain.
fn alternative_bag(alternative: &Alternative, patterns: &[WordPattern]) -> u32 {
    match alternative {
        Alternative::Text(term) => term.bag,
        // The first char is never a typo; without typos every char is there.
        Alternative::Words(range) => patterns[range.clone()]
            .iter()
            .map(|p| {
                if p.typos() == 0 {
                    char_bag(p.text())
                } else {
                    let first = p.text().chars().next().map_or(0, char::len_utf8);
                    char_bag(&p.text()[..first])
                }
            })
            .fold(0, |bag, b| bag | b),
    }
}

/// Adds the places where query words `patterns` match consecutive words.
fn add_places(patterns: Range<usize>, events: &[WordEvent], found: &mut Vec<Place>) {
    let first = patterns.start;
    let count = patterns.len() as u32;
    for (at, start) in events.iter().enumerate() {
        if usize::from(start.pattern) != first {
            continue;
        }
        let mut cost = start.cost;
        let mut typos = typos_in(start.cost);
        let mut complete = true;
        for (offset, pattern) in patterns.clone().enumerate().skip(1) {
            let word = start.word + offset as u32;
            // Events are in word order: the next word's are just after.
            let next = events[at..]
                .iter()
                .take_while(|e| e.word <= word)
                .find(|e| e.word == word && usize::from(e.pattern) == pattern);
            match next {
                Some(e) => {
                    cost = cost.saturating_add(e.cost);
                    typos = typos.saturating_add(typos_in(e.cost));
                }
                None => {
                    complete = false;
                    break;
                }
            }
        }
        if complete {
            found.push(Place {
                start: start.word,
                end: start.word + count - 1,
                cost,
                typos,
            });
        }
    }
}

/// How far apart two places of consecutive clauses are: the words between them (up to
/// [`MAX_GAP`]), one more when out of the query's order, two when on the same words.
fn gap(before: Place, after: Place) -> u32 {
    if after.start > before.end {
        (after.start - before.end - 1).min(MAX_GAP)
    } else if after.end < before.start {
        (before.start - after.end - 1).min(MAX_GAP) + 1
    } else {
        2
    }
}

/// The least penalty over a choice of one place per clause: the places' costs, weighed
/// so that a better word match always counts more than closeness, plus the gaps
/// between consecutive clauses; and the typos of that choice.
fn closest_places_penalty(places: &[Vec<Place>]) -> (i64, u8) {
    let Some((first, rest)) = places.split_first() else {
        return (0, 0);
    };
    // Per place of the last clause so far: the best penalty reaching it, and its typos.
    let mut best: Vec<(Place, i64, u8)> = first
        .iter()
        .map(|&p| (p, COST_WEIGHT * i64::from(p.cost), p.typos))
        .collect();
    for clause in rest {
        best = clause
            .iter()
            .map(|&p| {
                let (reach, typos) = best
                    .iter()
                    .map(|&(q, penalty, typos)| (penalty + i64::from(gap(q, p)), typos))
                    .min()
                    .unwrap_or((0, 0));
                (
                    p,
                    reach + COST_WEIGHT * i64::from(p.cost),
                    typos.saturating_add(p.typos),
                )
            })
            .collect();
    }
    best.iter()
        .map(|&(_, penalty, typos)| (penalty, typos))
        .min()
        .unwrap_or((0, 0))
}

/// The char indices of the chars starting at `bytes` (sorted byte offsets).
fn chars_at_bytes(text: &str, bytes: &[usize]) -> Vec<usize> {
    let mut wanted = bytes.iter().peekable();
    let mut positions = Vec::with_capacity(bytes.len());
    for (index, (byte, _)) in text.char_indices().enumerate() {
        while wanted.next_if(|&&b| b < byte).is_some() {}
        match wanted.peek() {
            Some(&&b) if b == byte => {
                positions.push(index);
                wanted.next();
            }
            Some(_) => {}
            None => break,
        }
    }
    positions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::fold;

    fn score(query: &str, text: &str) -> Option<i64> {
        Matcher::new(&Query::parse(query))
            .score_text(&fold(text))
            .map(|s| s.score)
    }

    fn marked(query: &str, text: &str) -> Vec<String> {
        let positions = Matcher::new(&Query::parse(query)).positions(&fold(text));
        super::super::char_positions_to_byte_ranges(text, &positions)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn words_match_whole_not_scattered() {
        let text = "A Russian delegation came to talk about the tensions in Turkey";
        assert_eq!(score("stoltenberg ", text), None);
        assert!(score("stoltenberg ", "Jens Stoltenberg said").is_some());
        assert!(score("stoltnberg ", "Jens Stoltenberg said").is_some());
        assert!(score("stolt", "Jens Stoltenberg said").is_some());
        assert_eq!(score("stolt ", "Jens Stoltenberg said"), None);
    }

    #[test]
    fn better_matches_score_higher() {
        let exact = score("erdogan ", "Erdoğan spoke").unwrap();
        let typo = score("erdgan ", "Erdoğan spoke").unwrap();
        let completion = score("erdo", "Erdoğan spoke").unwrap();
        assert!(exact > completion && completion > typo);
        let close = score("turkish soldiers ", "33 Turkish soldiers died").unwrap();
        let apart = score("turkish soldiers ", "Turkish officials said soldiers died").unwrap();
        let reversed = score("turkish soldiers ", "soldiers, Turkish ones").unwrap();
        assert!(
            close > apart && close > reversed,
            "{close} {apart} {reversed}"
        );
        // A typo costs more than any distance.
        let typo_close = score("turkish soldirs ", "33 Turkish soldiers died").unwrap();
        let far_exact = score(
            "turkish soldiers ",
            "Turkish a b c d e f g h i j k l m n o p soldiers",
        )
        .unwrap();
        assert!(far_exact > typo_close);
    }

    #[test]
    fn typos_are_counted_over_the_words_that_gave_the_score() {
        let typos = |query: &str, text: &str| {
            Matcher::new(&Query::parse(query))
                .score_text(&fold(text))
                .map(|s| s.typos)
        };
        assert_eq!(typos("kaine ", "Tim Kaine"), Some(0));
        assert_eq!(typos("kaine ", "John Kane"), Some(1));
        assert_eq!(typos("kain", "Kaine's"), Some(0), "a completion is no typo");
        assert_eq!(typos("kane farm ", "John Kane ran the farm"), Some(0));
        assert_eq!(typos("kaine farmm ", "John Kane ran the farm"), Some(2));
        assert_eq!(typos("stoltnberg 'nato", "Stoltenberg of NATO"), Some(1));
        // The best word is chosen, even far from the other terms.
        assert_eq!(typos("kaine ohio ", "Kane in Ohio met Kaine"), Some(0));
        let matcher = Matcher::new(&Query::parse("kaine "));
        let text = fold("Kane met Kaine");
        assert_eq!(
            matcher.positions_within(&text, 0),
            (9..14).collect::<Vec<_>>()
        );
        assert_eq!(matcher.positions(&text).len(), 9);
    }

    #[test]
    fn clauses_literals_alternatives_and_negations() {
        let text = "NATO's Stoltenberg thanked Turkey.";
        assert!(score("nato stoltenberg", text).is_some());
        assert!(score("putin | stoltenberg", text).is_some());
        assert_eq!(score("putin | assad", text), None);
        assert!(score("'berg !russia", text).is_some());
        assert_eq!(score("'berg !turkey", text), None);
        assert!(score("^nato turkey.$", text).is_some());
        assert!(score("\"thanked turkey\"", text).is_some());
        assert!(score("o'brien", "said O'Brien").is_some());
        assert_eq!(score("o'brien", "O said Brien"), None);
        assert!(score("~stlt", text).is_some());
        assert!(score("...", "Wait... no").is_some());
        assert_eq!(score("...", "Wait. no"), None);
    }

    #[test]
    fn mojibake_and_invisible_marks_do_not_hide_words() {
        assert!(score("pena nieto", "President Enrique PeÃ±a Nieto").is_some());
        assert!(score("francois ", "FranÃ§ois Hollande").is_some());
        assert!(score("infrastructure ", "infra\u{ad}structure bill").is_some());
        assert!(score("gulen", "GÃ¼len's followers").is_some());
        assert_eq!(marked("pena", "Enrique PeÃ±a Nieto"), vec!["PeÃ±a"]);
    }

    #[test]
    fn marks_the_words_that_matched() {
        assert_eq!(
            marked("stoltnberg nato", "Jens Stoltenberg, NATO's chief"),
            vec!["Stoltenberg", "NATO"]
        );
        assert_eq!(marked("'erdo", "Ağrı Erdoğan"), vec!["Erdo"]);
        assert_eq!(marked("erdo", "Ağrı Erdoğan"), vec!["Erdoğan"]);
        assert!(marked("!erdo", "Ağrı").is_empty());
    }

    #[test]
    fn too_many_words_is_said_and_matches_nothing() {
        let query: String = (0..40).map(|i| format!("w{i} ")).collect();
        let matcher = Matcher::new(&Query::parse(&query));
        assert!(matcher.problem().is_some());
        assert!(matcher.matches_nothing());
        assert_eq!(matcher.score_text(&query), None);
        // Repeats are searched once.
        let repeated = "nato ".repeat(5000);
        let matcher = Matcher::new(&Query::parse(&repeated));
        assert!(matcher.problem().is_none());
        assert!(matcher.score_text("NATO met").is_some());
    }
}
