//! From what the words around each quote say to one name per speaker: surnames resolve to
//! the full name introduced in the article, roles (`the alliance’s Secretary-General`) to the
//! person named with that role, `he`/`she` to the person most recently mentioned, quotes
//! without attribution to the speaker of the quote before them.

use std::collections::HashMap;

use super::attribution::{Attribution, looks_like_verb};
use super::lexicon::{Gender, honorific_gender, is_role_noun};
use super::phrase::{Mention, MentionKind, is_organisation, join, runs, strip_titles};
use super::quotes::Found;
use super::words::{Tok, lowercase_aligned};
use crate::corpus::Article;

/// A person named in the article.
#[derive(Debug, Clone)]
struct Person {
    /// Byte offset of the mention.
    at: usize,
    name: String,
    /// Lower-case words of the name, for matching surnames.
    words: Vec<String>,
    roles: Vec<String>,
    gender: Option<Gender>,
    /// Written as the subject of a clause (`Trump said`, `Michael Mulgrew, president …`),
    /// not as a place or an object (`in San Diego`).
    subject: bool,
}

fn name_words(name: &str) -> Vec<String> {
    name.split([' ', '-'])
        .filter(|w| !w.is_empty() && !matches!(*w, "al" | "el" | "bin" | "Al" | "El"))
        .map(|w| lowercase_aligned(w.trim_end_matches('.')).into_owned())
        .collect()
}

/// Role nouns around the run `toks[start..=end]`: titles inside it, lower-case words just
/// before it, and comma-set appositives on either side.
fn roles_around(toks: &[Tok], start: usize, end: usize) -> Vec<String> {
    let mut roles: Vec<String> = toks[start..=end]
        .iter()
        .map(Tok::lower)
        .filter(|w| is_role_noun(w))
        .map(str::to_string)
        .collect();
    let mut i = start;
    while i > 0 && start - i < 6 && toks[i - 1].is_word() {
        i -= 1;
        let w = toks[i].lower_stem();
        if is_role_noun(w) {
            roles.push(w.to_string());
        }
    }
    // `The secretary-general of NATO, Jens Stoltenberg,` / `Ali Bakeer, an analyst,`
    if start > 0 && toks[start - 1].is_punct(',') {
        let seg = toks[..start - 1]
            .iter()
            .rev()
            .take_while(|t| t.is_word())
            .take(8);
        roles.extend(
            seg.map(|t| t.lower_stem())
                .filter(|w| is_role_noun(w))
                .map(str::to_string),
        );
    }
    if toks.get(end + 1).is_some_and(|t| t.is_punct(',')) {
        let seg = toks[end + 2..].iter().take_while(|t| t.is_word()).take(8);
        roles.extend(
            seg.map(Tok::lower)
                .filter(|w| is_role_noun(w))
                .map(str::to_string),
        );
    }
    roles
}

/// Every person named with at least two words (`Ali Bakeer`), and every later single-word
/// mention of one of them (`Bakeer`), in text order.
fn people(article: &Article, paragraph_words: &[Vec<Tok>]) -> Vec<Person> {
    let body = article.body.as_str();
    let mut out: Vec<Person> = Vec::new();
    // Last word of each full name → its latest entry in `out`.
    let mut by_surname: HashMap<String, usize> = HashMap::new();
    for toks in paragraph_words {
        for (start, end, _) in runs(toks) {
            let run = &toks[start..=end];
            // `Putin’s` counts as a mention of Putin.
            if is_organisation(run) {
                continue;
            }
            // `NATO-allied Turkey`, `Moscow-backed`: hyphenated adjectives are no part of a name.
            let name = strip_titles(run);
            let adjectives = name
                .iter()
                .take_while(|t| {
                    t.text
                        .split('-')
                        .skip(1)
                        .any(|part| part.starts_with(char::is_lowercase))
                })
                .count();
            let name = &name[adjectives..];
            // `Stephanie Hooton of Derry`: the name ends before its place.
            let cut = name
                .iter()
                .position(|t| matches!(t.text, "of" | "for"))
                .unwrap_or(name.len());
            let name = &name[..cut];
            let Some(last) = name.last() else { continue };
            // A lone word names someone only as the surname of a person met before: look it
            // up before building anything.
            if name.len() == 1 && !by_surname.contains_key(last.lower_stem()) {
                continue;
            }
            let mut text = join(body, name);
            let (stem, possessive) = last.strip_possessive();
            if possessive {
                text.truncate(text.len() - (last.text.len() - stem.len()));
            }
            let words = name_words(&text);
            if words.is_empty() || name.iter().all(|t| t.text.chars().all(char::is_uppercase)) {
                continue;
            }
            let gender = run.iter().find_map(|t| honorific_gender(t.lower()));
            let roles = roles_around(toks, start, end);
            let place = start > 0
                && matches!(
                    toks[start - 1].lower(),
                    "in" | "at"
                        | "from"
                        | "near"
                        | "across"
                        | "throughout"
                        | "into"
                        | "outside"
                        | "inside"
                        | "toward"
                        | "towards"
                        | "represents"
                        | "of"
                );
            let subject = !place
                && toks
                    .get(end + 1)
                    .is_some_and(|n| n.is_punct(',') || looks_like_verb(n, &toks[start..=end]));
            if words.len() >= 2 {
                if let Some(surname) = words.last() {
                    by_surname.insert(surname.clone(), out.len());
                }
                out.push(Person {
                    at: run[0].start,
                    name: text,
                    words,
                    roles,
                    gender,
                    subject,
                });
            } else if let Some(known) = words
                .last()
                .and_then(|w| by_surname.get(w))
                .and_then(|&i| out.get(i))
            {
                let mut mention = known.clone();
                mention.at = run[0].start;
                mention.subject = subject;
                mention.roles.extend(roles);
                mention.gender = mention.gender.or(gender);
                out.push(mention);
            }
        }
    }
    out
}

/// The fullest name for a person mention: the most recent earlier person whose name ends
/// with the same words, or the first later one.
fn fullest_name(people: &[Person], mention: &str, at: usize) -> Option<String> {
    let words = name_words(mention);
    let matches = |p: &&Person| p.words.len() >= words.len() && p.words.ends_with(&words);
    let before = people.iter().filter(|p| p.at <= at).rev().find(matches);
    let best = before.or_else(|| people.iter().find(matches))?;
    Some(best.name.clone())
}

/// The person most recently mentioned before `at` whose gender does not contradict.
fn antecedent(people: &[Person], at: usize, gender: Option<Gender>) -> Option<String> {
    let fits =
        |p: &&Person| p.at < at && (gender.is_none() || p.gender.is_none() || p.gender == gender);
    // A person written as a clause's subject first; any person mentioned otherwise.
    people
        .iter()
        .rev()
        .filter(fits)
        .find(|p| p.subject)
        .or_else(|| people.iter().rev().find(fits))
        .map(|p| p.name.clone())
}

/// The person the article names with `role`: the most recent before `at`, or the first after.
fn holder_of(people: &[Person], role: &str, at: usize) -> Option<String> {
    let has = |p: &&Person| p.roles.iter().any(|r| r == role);
    let before = people.iter().filter(|p| p.at <= at).rev().find(has);
    before
        .or_else(|| people.iter().find(has))
        .map(|p| p.name.clone())
}

fn speaker_name(people: &[Person], mention: &Mention, at: usize) -> Option<String> {
    match mention.kind {
        MentionKind::Person => {
            Some(fullest_name(people, &mention.text, at).unwrap_or_else(|| mention.text.clone()))
        }
        MentionKind::Organisation => Some(mention.text.clone()),
        MentionKind::Pronoun => match mention.text.as_str() {
            "he" | "she" => antecedent(people, mention.at.min(at), mention.gender),
            _ => None,
        },
        MentionKind::Description => {
            let definite = mention.text.split_whitespace().next().is_some_and(|w| {
                w.eq_ignore_ascii_case("the") || w.ends_with("’s") || w.ends_with("'s")
            });
            let resolved = mention
                .role
                .as_deref()
                .filter(|_| definite)
                .and_then(|role| holder_of(people, role, at));
            Some(resolved.unwrap_or_else(|| mention.text.clone()))
        }
    }
}

/// One speaker (or none) per found quote.
pub(crate) fn resolve(
    article: &Article,
    paragraph_words: &[Vec<Tok>],
    found: &[Found],
) -> Vec<Option<String>> {
    if found.is_empty() {
        return Vec::new();
    }
    let people = people(article, paragraph_words);
    let mut out: Vec<Option<String>> = Vec::with_capacity(found.len());
    for f in found {
        let at = f.span.outer.start;
        let speaker = match &f.attribution {
            Attribution::Said(mention) => speaker_name(&people, mention, at),
            Attribution::Continues => out.last().cloned().flatten(),
            Attribution::Unknown => None,
        };
        out.push(speaker);
    }
    out
}
