//! Reading a short noun phrase as a speaker: a person's name (titles stripped), an
//! organisation or outlet, a pronoun, or a description (`the Syrian army`, `a spokesman`).

use super::given_names::given_name_gender;
use super::lexicon::{
    Gender, honorific_gender, is_determiner, is_document_noun, is_irregular_past, is_not_a_name,
    is_organisation_word, is_party_member, is_person_epithet, is_person_noun, is_pronoun,
    is_role_noun, is_speech_verb, is_title,
};
use super::words::Tok;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MentionKind {
    Person,
    Organisation,
    Pronoun,
    /// A description without a name; `role` holds its role noun when it has one.
    Description,
}

/// A speaker as written at one place in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    pub text: String,
    pub kind: MentionKind,
    /// A role noun written with the mention (`spokesman`, `secretary-general`), lower case.
    pub role: Option<String>,
    pub gender: Option<Gender>,
    /// Byte offset of the mention in the body (a pronoun resolves to what came before it).
    pub at: usize,
}

/// Name particles that may sit inside a capitalised name.
fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "al" | "el"
            | "bin"
            | "ibn"
            | "de"
            | "del"
            | "della"
            | "di"
            | "da"
            | "dos"
            | "van"
            | "von"
            | "der"
            | "den"
            | "du"
            | "la"
            | "le"
            | "of"
            | "for"
    )
}

fn is_name_word(tok: &Tok) -> bool {
    // An acronym is a name even when it spells a word (`WHO`, `IT`).
    tok.is_capitalised() && (!is_not_a_name(tok.lower()) || is_acronym(tok.text))
}

/// Capitalised runs in `toks`: (first, last) indices, inclusive, and whether the run ends
/// in a possessive (`Putin’s`), which makes it a modifier rather than a head.
pub(crate) fn runs(toks: &[Tok]) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !is_name_word(&toks[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        loop {
            if toks[end].strip_possessive().1 {
                break;
            }
            let next = end + 1;
            if next < toks.len() && toks[next].is_capitalised() {
                end = next;
                continue;
            }
            // `John “Tig” Tiegen`: a nickname in quotation marks inside a name.
            if let [open, nick, close, after, ..] = &toks[next.min(toks.len())..]
                && matches!(open.text, "“" | "\"" | "‘")
                && nick.is_capitalised()
                && matches!(close.text, "”" | "\"" | "’")
                && after.is_capitalised()
            {
                end = next + 3;
                continue;
            }
            // `Marks & Spencer`, `Procter & Gamble`: a firm's names joined by an ampersand,
            // the second ending the run (`Research & Development John Smith` is a title and
            // a name).
            if next + 1 < toks.len()
                && toks[next].text == "&"
                && toks[next + 1].is_capitalised()
                && !toks.get(next + 2).is_some_and(|t| t.is_capitalised())
            {
                end = next + 1;
                continue;
            }
            // `Institute for War Research`, `Bashar al Assad`
            if next + 1 < toks.len()
                && toks[next].is_word()
                && is_particle(toks[next].lower())
                && toks[next + 1].is_capitalised()
            {
                end = next + 1;
                continue;
            }
            break;
        }
        let possessive = toks[end].strip_possessive().1;
        out.push((start, end, possessive));
        i = end + 1;
    }
    out
}

pub(crate) fn join(body: &str, toks: &[Tok]) -> String {
    match (toks.first(), toks.last()) {
        (Some(first), Some(last)) => body
            .get(first.start..last.end)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    }
}

fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// Is the run an organisation: its head noun (last word, or the word before `of`/`for`)
/// is an organisation word, or it is a lone acronym (NATO, CNN)?
pub(crate) fn is_organisation(toks: &[Tok]) -> bool {
    let Some(last) = toks.last() else {
        return false;
    };
    // `Marks & Spencer`: names joined by an ampersand at the end (not `Head of Research &
    // Development John Smith`, a title before a name).
    let ampersand = toks.len() >= 3 && toks[toks.len() - 2].text == "&";
    if is_organisation_word(last.lower_stem()) || ampersand {
        return true;
    }
    // Broadcasters named by their medium first: `Radio Five`, `Channel 4`, `Sky Sports`.
    if toks.len() > 1 && matches!(toks[0].lower(), "radio" | "channel" | "sky" | "itv" | "bbc") {
        return true;
    }
    if toks.len() == 1 && is_acronym(last.text) {
        return true;
    }
    toks.windows(2)
        .any(|w| matches!(w[1].lower(), "of" | "for" | "on") && is_organisation_word(w[0].lower()))
}

/// Reads a whole phrase (a subject before its verb, an object after it).
pub(crate) fn read_phrase(body: &str, toks: &[Tok]) -> Option<Mention> {
    // Parentheses hold party labels and the like: `(R-Texas)`.
    let mut toks: Vec<Tok> = without_parentheses(toks);
    while toks.last().is_some_and(|t| !t.is_word()) {
        toks.pop();
    }
    while toks.first().is_some_and(|t| !t.is_word()) {
        toks.remove(0);
    }
    if toks.is_empty() || toks.len() > 14 {
        return None;
    }
    // `The Conservatives’ letter`, `his remarks`: a document speaks for its author.
    if let Some(author) = document_author(body, &toks) {
        return Some(author);
    }
    // `His remarks`, `her words`: read as their owner, `he`/`she`.
    if toks.len() == 1
        && let Some(pronoun) = possessive_pronoun(toks[0].lower())
    {
        return Some(Mention {
            text: pronoun.to_string(),
            kind: MentionKind::Pronoun,
            role: None,
            gender: pronoun_gender(pronoun),
            at: toks[0].start,
        });
    }
    if toks.len() == 1 && is_pronoun(toks[0].lower()) {
        let word = toks[0].lower();
        let gender = match word {
            "he" => Some(Gender::Male),
            "she" => Some(Gender::Female),
            _ => None,
        };
        return Some(Mention {
            text: word.to_string(),
            kind: MentionKind::Pronoun,
            role: None,
            gender,
            at: toks[0].start,
        });
    }
    let gender = toks.iter().find_map(|t| honorific_gender(t.lower()));
    let role = toks
        .iter()
        .rev()
        .map(|t| t.lower_stem())
        .find(|w| is_role_noun(w))
        .map(str::to_string);
    // The head is a capitalised run that ends the phrase.
    let found = runs(&toks);
    // `of Breitbart`, `of the Daily Mail`
    let after_preposition = |start: usize| {
        start > 0
            && (is_preposition(toks[start - 1].lower())
                || (start > 1
                    && is_determiner(toks[start - 1].lower())
                    && is_preposition(toks[start - 2].lower())))
    };
    // `professor at King's College London`, `chief executive of the fact-checking website
    // Full Fact`: a name closing a prepositional phrase is where someone works, not who
    // they are; an owner and modifiers may stand between (a run opening with a given name
    // is a person all the same: `spokesman for the ministry Jane Doe`).
    let in_prepositional_phrase = |start: usize| {
        if given_name_gender(toks[start].lower()).is_some() {
            return false;
        }
        // The phrase attaches to a word before it (`professor at`): a sentence opening with
        // a preposition (`On Monday Smith said`) is no such phrase.
        (1..start)
            .rev()
            .take(6)
            .take_while(|&k| {
                let w = toks[k].lower();
                toks[k].is_word() && !is_speech_verb(w) && !is_pronoun(w)
            })
            .any(|k| is_preposition(toks[k].lower()))
    };
    // `Professor of Genetic Epidemiology`: a title with its field is a role, not a name.
    let title_with_field = |start: usize| {
        is_title(toks[start].lower())
            && toks
                .get(start + 1)
                .is_some_and(|t| matches!(t.lower(), "of" | "for"))
    };
    let head = match found.last() {
        Some(&(start, end, false))
            if end + 1 == toks.len()
                && !after_preposition(start)
                && !in_prepositional_phrase(start) =>
        {
            Some((start, end))
        }
        // `Joel Pollak of Breitbart California`: a name, then what it belongs to.
        _ => found.first().and_then(|&(start, end, possessive)| {
            let next = toks.get(end + 1)?;
            (!possessive
                && !after_preposition(start)
                && !title_with_field(start)
                && (next.is_punct(',') || is_preposition(next.lower())))
            .then_some((start, end))
        }),
    };
    // `the Scot`, `the Dane`: a capitalised word for a person after a determiner is an
    // epithet, not a name.
    // `Lawyers for the family`, `Analysts`: a plural noun for people, capitalised only
    // because it opens the sentence, is no name either.
    // `the Dubliner`, `the Republican`, `the New Democrat`: so is a demonym or a party's
    // member.
    let epithet = |&(start, end): &(usize, usize)| {
        let word = toks[start].lower_stem();
        let plural = || word.strip_suffix('s').is_some_and(is_person_noun);
        let determined = start > 0 && is_determiner(toks[start - 1].lower());
        let person = || is_person_noun(word) || is_person_epithet(word);
        (start == end && ((determined && person()) || (start == 0 && plural())))
            || (end == start + 1
                && determined
                && (is_party_member(toks[end].lower_stem())
                    || is_person_noun(toks[end].lower_stem())))
    };
    if let Some((start, end)) = head.filter(|h| !epithet(h)) {
        let run = &toks[start..=end];
        if is_organisation(run) {
            let first = usize::from(run.len() > 1 && run[0].lower() == "the");
            return Some(Mention {
                text: join(body, &run[first..]),
                kind: MentionKind::Organisation,
                role: None,
                gender,
                at: toks[0].start,
            });
        }
        let name = strip_titles(run);
        // `GCSEs`, `MPs`: a plural acronym names things or a group, not a person.
        if name.len() == 1
            && is_acronym(name[0].text.trim_end_matches('s'))
            && name[0].text.ends_with('s')
        {
            return None;
        }
        // A capitalised participle opening a sentence (`Citing…`, `Preceded by…`).
        // A name alone (`Beijing`, `Reading`) is no participle: one has words after it.
        let participle = name.len() == 1 && {
            let w = name[0].lower();
            let ing = w.ends_with("ing") && end + 1 < toks.len();
            (ing || w.ends_with("ed")) && w.len() > 5
        };
        // `the US President`, `the Prime Minister`, `the shadow Home Secretary`: a title
        // closing the run after a determiner (and lower-case modifiers) is a role.
        let role_only = name.last().is_some_and(|t| is_role_noun(t.lower()))
            && toks[..start]
                .iter()
                .rev()
                // `the former culture minister and Stourbridge MP`: one description before.
                .take(if start > 0 && toks[start - 1].lower() == "and" {
                    6
                } else {
                    4
                })
                .find(|t| !(t.is_word() && !t.is_capitalised() && !is_determiner(t.lower())))
                .is_some_and(|t| is_determiner(t.lower()));
        if !name.is_empty() && !participle && !role_only {
            // Roles written before the name in lower case: `state department spokesman John Kirby`.
            let role = toks[..start]
                .iter()
                .chain(run.iter())
                .rev()
                .map(|t| t.lower().to_string())
                .find(|w| is_role_noun(w))
                .or(role);
            // `Stephanie Hooton of Derry`: the name ends before its place.
            let cut = name
                .iter()
                .position(|t| matches!(t.text, "of" | "for" | "on"))
                .unwrap_or(name.len());
            let name = if cut > 0 { &name[..cut] } else { name };
            return Some(Mention {
                text: join(body, name),
                kind: MentionKind::Person,
                role,
                gender,
                at: toks[0].start,
            });
        }
    }
    let first = toks[0].lower();
    if toks.len() == 1 && !toks[0].is_capitalised() {
        return None;
    }
    if is_not_a_name(first) && !is_determiner(first) && toks.len() == 1 {
        return None;
    }
    if !plausible_description(&toks) {
        return None;
    }
    // Only a role that heads the description names a holder (`the alliance’s
    // Secretary-General`, not `the base chief known as Bob`).
    // The head ends the phrase or comes before its first preposition (`Norway's
    // ambassador to Britain`).
    let head = toks
        .iter()
        .skip(1)
        .position(|t| is_preposition(t.lower()))
        .unwrap_or(toks.len() - 1);
    let head = toks[head].lower_stem().to_string();
    let role = role.filter(|r| *r == head);
    Some(Mention {
        text: join(body, &toks),
        kind: MentionKind::Description,
        role,
        gender,
        at: toks[0].start,
    })
}

/// The author a document stands for: `The Conservatives’ letter` → the Conservatives,
/// `his remarks` → he, `Smith's statement` → Smith.
fn document_author(body: &str, toks: &[Tok]) -> Option<Mention> {
    // The document noun ends the phrase or comes before what it is addressed to (`The
    // Greens’ letter to the commissioner`).
    let k = toks.iter().position(|t| is_document_noun(t.lower()))?;
    if k == 0 || (k + 1 < toks.len() && !is_preposition(toks[k + 1].lower())) {
        return None;
    }
    let toks = &toks[..=k];
    let owner = &toks[toks.len() - 2];
    if let Some(text) = possessive_pronoun(owner.lower()) {
        return Some(Mention {
            text: text.to_string(),
            kind: MentionKind::Pronoun,
            role: None,
            gender: pronoun_gender(text),
            at: owner.start,
        });
    }
    let (stem, possessive) = owner.strip_possessive();
    if !possessive || !owner.is_capitalised() {
        return None;
    }
    let start = toks[..toks.len() - 2]
        .iter()
        .rposition(|t| !t.is_capitalised())
        .map_or(0, |k| k + 1);
    let mut author = read_phrase(body, &toks[start..toks.len() - 1])?;
    if author.text.ends_with(owner.text) {
        let cut = author.text.len() - (owner.text.len() - stem.len());
        author.text.truncate(cut);
    }
    // `The Conservatives’ letter`: a capitalised author that is no person is a body.
    if author.kind == MentionKind::Description {
        author.kind = MentionKind::Organisation;
    }
    Some(author)
}

/// `his` → `he`, `her` → `she`, `their` → `they`.
fn possessive_pronoun(word: &str) -> Option<&'static str> {
    match word {
        "his" => Some("he"),
        "her" => Some("she"),
        "their" => Some("they"),
        _ => None,
    }
}

fn pronoun_gender(pronoun: &str) -> Option<Gender> {
    match pronoun {
        "he" => Some(Gender::Male),
        "she" => Some(Gender::Female),
        _ => None,
    }
}

/// A description reads as a noun phrase: it opens with a determiner, a capitalised word or
/// a plural noun of people, holds no pronoun or auxiliary verb, and ends on a noun rather
/// than a preposition.
fn plausible_description(toks: &[Tok]) -> bool {
    let first = toks[0].lower();
    let last = toks[toks.len() - 1].lower();
    let opens = is_determiner(first)
        || (toks[0].is_capitalised() && !is_not_a_name(first))
        || toks[0].strip_possessive().1
        || (first.ends_with('s') && toks.len() <= 3)
        || first.strip_suffix('s').is_some_and(is_person_noun)
        || first.chars().all(|c| c.is_ascii_digit());
    let clause_inside = toks.iter().skip(1).any(|t| {
        let w = t.lower();
        is_pronoun(w)
            || matches!(
                w,
                "is" | "are"
                    | "was"
                    | "were"
                    | "be"
                    | "been"
                    | "has"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
                    | "they’ve"
                    | "they've"
                    | "it’s"
                    | "it's"
            )
    });
    opens
        && !clause_inside
        && !is_preposition(last)
        && !matches!(last, "and" | "or" | "the" | "a" | "an")
        && toks.len() <= 10
}

fn without_parentheses<'a>(toks: &[Tok<'a>]) -> Vec<Tok<'a>> {
    let mut depth = 0usize;
    let mut out = Vec::with_capacity(toks.len());
    for t in toks {
        if t.is_punct('(') || t.is_punct('[') {
            depth += 1;
        } else if t.is_punct(')') || t.is_punct(']') {
            depth = depth.saturating_sub(1);
        } else if depth == 0 {
            out.push(*t);
        }
    }
    out
}

/// `Turkish Defense Minister Hulusi Akar` → `Hulusi Akar`; `Secretary of State Mike Pompeo`
/// → `Mike Pompeo`.
pub(crate) fn strip_titles<'t, 'a>(run: &'t [Tok<'a>]) -> &'t [Tok<'a>] {
    let mut start = 0;
    let mut i = 0;
    let mut field = false;
    while i + 1 < run.len() {
        let word = run[i].lower();
        if is_title(word) {
            start = i + 1;
            // `Secretary of State`, `Special Representative for Syria`
            if matches!(run[i + 1].lower(), "of" | "for") && i + 3 < run.len() {
                start = i + 3;
                i += 2;
                field = true;
            }
        }
        i += 1;
    }
    // `MP for Castleford East`: after a member's title and the seat, one word is the seat's
    // end, not a name (`Secretary of State John Kerry` has two; `High Commissioner for
    // Human Rights` is left as it was).
    let member = |t: &Tok| matches!(t.lower(), "mp" | "msp" | "mep" | "mla");
    if field && run.len() - start < 2 && start >= 3 && member(&run[start - 3]) {
        return &[];
    }
    // `Novelist Hana Ito`: a word for a person, capitalised to open the sentence.
    if start == 0 && run.len() >= 3 && is_person_noun(run[0].lower()) {
        start = 1;
    }
    // A nationality or place before a title: `Turkish President` is already skipped.
    let name = &run[start.min(run.len())..];
    if name.iter().all(|t| is_title(t.lower())) {
        return &[];
    }
    // `Stourbridge MP`, `Labour MEP`: a seat or party before a post-nominal office names the
    // office, not its holder (`Labour MP Jane Smith` has the name after it).
    if name.last().is_some_and(member) {
        return &[];
    }
    // `CEO of Take-Two`: a title with the body it heads names no one.
    if name
        .first()
        .is_some_and(|t| matches!(t.lower(), "of" | "for" | "on"))
    {
        return &[];
    }
    name
}

/// The speaker phrase right after a reporting verb (`said state department spokesman John
/// Kirby, who…`): up to the first punctuation, clause word or lower-case word after a name.
pub(crate) fn phrase_after<'t, 'a>(toks: &'t [Tok<'a>]) -> &'t [Tok<'a>] {
    let mut end = 0;
    let mut in_name = false;
    while end < toks.len() && end < 12 {
        let t = &toks[end];
        if !t.is_word() {
            if t.is_punct('(') {
                // skip a parenthesis
                match toks[end..].iter().position(|x| x.is_punct(')')) {
                    Some(close) => {
                        end += close + 1;
                        continue;
                    }
                    None => break,
                }
            }
            break;
        }
        let lower = t.lower();
        if end == 0 && (is_time_word(lower) || is_preposition(lower) || lower == "that") {
            return &[];
        }
        if t.is_capitalised() && !is_determiner(lower) {
            in_name = true;
        } else if in_name {
            let next_cap = toks.get(end + 1).is_some_and(|n| n.is_capitalised());
            // `Democratic pollster Geoff Garin`, `Acme Mining chief executive Laura Brandt`,
            // `Danish trade minister Ole Vestergaard`: lower-case role words between capitals.
            let name_follows = toks[end..]
                .iter()
                .take(4)
                .take_while(|n| n.is_word())
                .any(|n| n.is_capitalised());
            let role_next = toks
                .get(end + 1)
                .is_some_and(|n| n.is_word() && (is_title(n.lower()) || is_person_noun(n.lower())));
            let role_between = is_role_noun(lower)
                || is_title(lower)
                || is_person_noun(lower)
                || lower.ends_with("er")
                || lower.ends_with("ist")
                || may_modify_a_role(lower, role_next);
            // `the Hull scrum-half`, `the Chelsea manager`: a person noun ends the phrase.
            if !name_follows && is_person_noun(t.lower_stem()) {
                end += 1;
                break;
            }
            if !((is_particle(lower) && next_cap) || (name_follows && role_between)) {
                break;
            }
        } else if matches!(
            lower,
            "who"
                | "which"
                | "that"
                | "in"
                | "on"
                | "at"
                | "during"
                | "to"
                | "when"
                | "while"
                | "after"
                | "before"
                | "as"
                | "and"
                | "but"
                | "because"
                | "about"
        ) || is_time_word(lower)
        {
            break;
        }
        end += 1;
    }
    &toks[..end]
}

/// Can a lower-case word stand between capitalised names as part of a role (`Acme Mining
/// chief executive Laura Brandt`, `Danish trade minister`)? Not a function word, a verb
/// (`considers Taiwan`, `calls him`; but `fisheries minister` when a role follows) or a time.
fn may_modify_a_role(word: &str, role_next: bool) -> bool {
    let verb = word.ends_with("ed")
        || word.ends_with("ing")
        || (word.ends_with('s') && !word.ends_with("ss") && !role_next)
        || is_speech_verb(word)
        || is_irregular_past(word);
    !verb
        && !is_not_a_name(word)
        && !is_preposition(word)
        && !is_time_word(word)
        && !matches!(word, "who" | "which" | "that" | "and" | "but")
}

pub(crate) fn is_time_word(word: &str) -> bool {
    matches!(
        word,
        "today"
            | "yesterday"
            | "tonight"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "last"
            | "earlier"
            | "later"
            | "recently"
            | "this"
            | "once"
            | "previously"
            | "then"
            | "afterward"
            | "afterwards"
    )
}

fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "in" | "on"
            | "at"
            | "during"
            | "to"
            | "with"
            | "of"
            | "for"
            | "from"
            | "about"
            | "after"
            | "before"
            | "by"
            | "as"
            | "through"
            | "while"
            | "when"
            | "via"
            | "so"
            | "over"
            | "under"
            | "against"
            | "like"
            | "unlike"
            | "than"
            | "into"
            | "onto"
            | "across"
            | "near"
            | "beyond"
            | "despite"
            | "amid"
            | "among"
            | "toward"
            | "towards"
            | "without"
            | "within"
            | "behind"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::words::{lowercase_aligned, tokenize};

    fn read(text: &str) -> Option<(String, MentionKind)> {
        let low = lowercase_aligned(text);
        let toks = tokenize(text, &low, 0);
        read_phrase(text, &toks).map(|m| (m.text, m.kind))
    }

    #[test]
    fn names_lose_their_titles_and_organisations_keep_their_words() {
        use MentionKind::*;
        let cases: &[(&str, &str, MentionKind)] = &[
            (
                "Secretary-General Jens Stoltenberg",
                "Jens Stoltenberg",
                Person,
            ),
            (
                "state department spokesman John Kirby",
                "John Kirby",
                Person,
            ),
            (
                "Turkish Defense Minister Hulusi Akar",
                "Hulusi Akar",
                Person,
            ),
            ("Lt. Gen. Ali Abdullah Ayoub", "Ali Abdullah Ayoub", Person),
            ("U.S. Secretary of State Mike Pompeo", "Mike Pompeo", Person),
            (
                "Senate Majority Leader Mitch McConnell",
                "Mitch McConnell",
                Person,
            ),
            ("Sen. Ted Cruz (R-Texas)", "Ted Cruz", Person),
            (
                "the Russian Defense Ministry",
                "Russian Defense Ministry",
                Organisation,
            ),
            ("the New York Times", "New York Times", Organisation),
            (
                "The US-based Institute for War Research",
                "US-based Institute for War Research",
                Organisation,
            ),
            ("NATO", "NATO", Organisation),
            ("Bakeer", "Bakeer", Person),
            ("he", "he", Pronoun),
            ("The Syrian army", "The Syrian army", Description),
            (
                "the alliance's Secretary-General",
                "the alliance's Secretary-General",
                Description,
            ),
        ];
        for (text, name, kind) in cases {
            assert_eq!(read(text), Some((name.to_string(), kind.clone())), "{text}");
        }
    }

    #[test]
    fn the_phrase_after_a_verb_stops_where_the_name_does() {
        let text = "Ali Bakeer an Ankara-based political analyst.";
        let low = lowercase_aligned(text);
        let toks = tokenize(text, &low, 0);
        let phrase = phrase_after(&toks);
        assert_eq!(
            read_phrase(text, phrase).map(|m| m.text),
            Some("Ali Bakeer".into())
        );
        let toks = tokenize("Thursday that he", "thursday that he", 0);
        assert!(phrase_after(&toks).is_empty());
    }
}
