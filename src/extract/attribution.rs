//! Who said a quote, read from the words around it the way news writes attribution:
//! `“…,” said X`, `“…,” X said`, `X said: “…”`, `X said that … “…”`, `according to X`,
//! `X, an analyst at Y, said`, `X was quoted as saying`.

use super::given_names::given_name_gender;
use super::lexicon::{
    is_determiner, is_intro_word, is_irregular_past, is_organisation_noun, is_person_epithet,
    is_person_noun, is_speech_verb, is_strong_speech_verb, is_title, is_verb_filler,
};
use super::phrase::{Mention, MentionKind, is_organisation, join, phrase_after, read_phrase, runs};
use super::words::{Tok, lowercase_aligned};

/// What the words around a quote say about its speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Attribution {
    Said(Mention),
    /// No attribution of its own: the quote continues the one before it.
    Continues,
    Unknown,
}

/// Words that end a clause when reading back from a verb to its subject.
fn is_clause_word(word: &str) -> bool {
    matches!(
        word,
        "that"
            | "and"
            | "but"
            | "which"
            | "who"
            | "because"
            | "while"
            | "when"
            | "if"
            | "so"
            | "where"
            | "although"
            | "though"
            | "since"
            | "until"
            | "whether"
            | "what"
            | "how"
            | "why"
            | "than"
            | "or"
            | "nor"
            | "after"
            | "before"
            | "once"
            | "as"
            | "unless"
            | "whom"
            | "whose"
    )
}

fn is_hard_boundary(tok: &Tok) -> bool {
    !tok.is_word()
        && !tok.is_punct(',')
        && !tok.is_punct('-')
        && !tok.is_punct('(')
        && !tok.is_punct(')')
        && !tok.is_punct('&')
}

/// Is `mention` good enough to name a speaker on its own?
fn names_someone(mention: &Mention) -> bool {
    mention.kind != MentionKind::Description
}

/// Is token `k` inside a relative clause (`who`/`which` earlier in its comma segment)?
fn in_relative_clause(toks: &[Tok], k: usize) -> bool {
    toks[..k]
        .iter()
        .rev()
        .take_while(|t| !t.is_punct(',') && !is_hard_boundary(t))
        .any(|t| t.is_word() && matches!(t.lower(), "who" | "whose" | "which"))
}

/// The subject of the verb at `verb`: comma-separated segments read backwards, so that
/// appositives (`X, an analyst at Y, said`, `Britain’s envoy, X, said`) resolve to the name.
pub(crate) fn subject_before(body: &str, toks: &[Tok], verb: usize) -> Option<Mention> {
    let mut i = verb;
    // `X has also said`, `X was quoted as saying`
    while i > 0 {
        let w = toks[i - 1].text;
        // An adverb (`X also publicly said`), not a noun ending in -ly (`the family told`).
        let adverb = w.ends_with("ly")
            && w.len() > 4
            && w.chars().all(char::is_lowercase)
            && !matches!(w, "family" | "assembly" | "ally" | "rally" | "supply")
            && !(i >= 2 && is_determiner(toks[i - 2].lower()));
        if is_verb_filler(w) || w == "quoted" || w == "as" || adverb {
            i -= 1;
        } else {
            break;
        }
    }
    // `the Dialogue Group in Turkey, which says on its site`: `which` stands for the
    // organisation named before the comma.
    if i >= 2
        && toks[i - 1].lower() == "which"
        && toks[i - 2].is_punct(',')
        && let Some(m) = organisation_before(body, &toks[..i - 2])
    {
        return Some(m);
    }
    // `X accused the UK of meddling and warned that …`: a second verb joined by `and`
    // shares the first one's subject.
    if i > 1
        && matches!(toks[i - 1].lower(), "and" | "but")
        && let Some(first) = first_verb(&toks[..i - 1])
        && let Some(m) = subject_before(body, toks, first)
    {
        return Some(m);
    }
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut end = i;
    let mut j = i;
    let mut depth = 0usize;
    while j > 0 {
        let t = &toks[j - 1];
        if t.is_punct(')') {
            depth += 1;
        } else if t.is_punct('(') {
            depth = depth.saturating_sub(1);
        } else if depth == 0 {
            if t.is_punct(',') {
                segments.push((j, end));
                end = j - 1;
                if segments.len() == MAX_SEGMENTS {
                    break;
                }
            } else if t.is_word() && t.lower() == "who" && end == j {
                // `… and Donald Trump Jr who wrote`: the subject is the name before `who`.
                end = j - 1;
            } else if t.is_word() && matches!(t.lower(), "who" | "whose" | "which") && end > j {
                // `a model who Lacerda said …`: a name right after `who` is the relative
                // clause's own subject, the one speaking.
                if toks[j].is_capitalised()
                    && read_phrase(body, &toks[j..end])
                        .is_some_and(|m| m.kind == MentionKind::Person)
                {
                    break;
                }
                // `the director, who she said had …`: so is a pronoun there.
                if end == j + 1
                    && matches!(toks[j].lower(), "she" | "he" | "they" | "we" | "i")
                    && toks[j - 1].lower() != "whose"
                {
                    break;
                }
                // `X, the guru who founded Y, tweeted`: the relative clause is no subject.
                end = j - 1;
            } else if in_relative_clause(toks, j - 1) {
                // Clause words inside `who works at a heating and cooling company` do not
                // end the subject: the relative clause is skipped as a whole.
            } else if t.is_word()
                && matches!(t.lower(), "and" | "or")
                && !segments.is_empty()
                && !(j >= 2 && toks[j - 2].is_punct(','))
            {
                // `X, a former envoy to the UK and EU, says`: inside a comma-set
                // appositive, `and` joins nouns, not clauses.
            } else if t.is_word()
                && t.lower() == "and"
                && segments.is_empty()
                && one_epithet(body, toks, j - 1, end)
            {
                // `The former England captain and Lions colossus confirmed`: two descriptions
                // of one person, not two subjects.
            } else if is_hard_boundary(t)
                || (t.is_word() && is_clause_word(t.lower()))
                || (t.is_word() && is_speech_verb(t.lower()) && j < end)
                || end - (j - 1) > MAX_SEGMENT_WORDS
            {
                break;
            }
        }
        j -= 1;
    }
    if segments.len() < MAX_SEGMENTS {
        segments.push((j, end));
    }
    let read = |&(a, b): &(usize, usize)| -> Option<Mention> {
        // `…, with Sen. John McCain calling it …`: the preposition is no part of the subject.
        let mut a = if a < b && matches!(toks[a].lower(), "with" | "by") {
            a + 1
        } else {
            a
        };
        // `However she concluded`, `But Smith said`: a connective is no part of it.
        while a < b
            && matches!(
                toks[a].lower(),
                "however" | "but" | "and" | "so" | "yet" | "then" | "still" | "also" | "meanwhile"
            )
        {
            a += 1;
        }
        // `… to represent the UK, adding`: an infinitive's object is no subject.
        if a >= b || toks[a].lower() == "to" {
            return None;
        }
        read_phrase(body, &toks[a..b])
    };
    // `Patel and Morgan wrote`: both names.
    if let Some(joint) = joint_subject(body, toks, &segments) {
        return Some(joint);
    }
    // `X, <an appositive of any length>, said`: the name, however far back, before an
    // organisation or a place set off in between (`Daniel Backström, a volunteer with the
    // Finnish Civil Defence, told`; `Richard Weir, 60, from Tynemouth, North Tyneside, said`).
    let place_continues = |k: usize| {
        segments.get(k + 1).is_some_and(|&(a, b)| {
            a < b && matches!(toks[a].lower(), "from" | "in" | "of" | "at" | "near")
        })
    };
    let first = segments.first().and_then(read);
    // `… over Taiwan, he added`: a pronoun right before the verb is its whole subject.
    if first
        .as_ref()
        .is_some_and(|m| m.kind == MentionKind::Pronoun)
    {
        return first;
    }
    // `…, director of the crime agency, Advisense, said`: one word set off after a
    // description of an organisation names the organisation.
    let names_the_organisation_before = |k: usize, m: &Mention| {
        !m.text.contains(' ')
            && segments.get(k + 1).is_some_and(|&(a, b)| {
                a < b && toks[b - 1].is_word() && is_organisation_noun(toks[b - 1].lower_stem())
            })
    };
    let people: Vec<Mention> = segments
        .iter()
        .enumerate()
        .filter(|&(k, _)| !place_continues(k))
        .filter_map(|(k, seg)| read(seg).map(|m| (k, m)))
        .filter(|(k, m)| m.kind == MentionKind::Person && !names_the_organisation_before(*k, m))
        .map(|(_, m)| m)
        .collect();
    // `Anthony Butler, IBM Cloud CTO, Middle East and Africa, said`: a name with a given
    // name or a title before a capitalised run that shows no person (a region set off).
    let shows_a_person = |m: &&Mention| {
        let given = m.text.split_whitespace().next().map(lowercase_aligned);
        m.gender.is_some() || given.is_some_and(|g| given_name_gender(&g).is_some())
    };
    if let Some(person) = people.iter().find(shows_a_person).or(people.first()) {
        return Some(person.clone());
    }
    if let Some(m) = &first
        && names_someone(m)
    {
        return first;
    }
    // `X, the polling guru, said`: a description set off after a name is its appositive.
    if let Some(m) = &first
        && segments.len() > 1
        && starts_with_determiner(&m.text)
        && let Some(named) = segments.get(1).and_then(read)
        && matches!(named.kind, MentionKind::Person | MentionKind::Organisation)
    {
        return Some(named);
    }
    // `X, a spokesman for Y, said`: the name is in an earlier segment.
    if first.is_none() {
        for seg in segments.iter().skip(1) {
            if let Some(m) = read(seg)
                && names_someone(&m)
            {
                return Some(m);
            }
        }
    }
    first.or_else(|| segments.iter().skip(1).find_map(read))
}

/// The organisation closing `toks` (`… head of the Dialogue Group in Turkey`): the last
/// capitalised run of the clause that names one, a place after `in`/`at` passed over.
fn organisation_before(body: &str, toks: &[Tok]) -> Option<Mention> {
    let from = toks
        .iter()
        .rposition(|t| is_hard_boundary(t) || t.is_punct(','))
        .map_or(0, |k| k + 1);
    let clause = &toks[from..];
    let found = runs(clause);
    let &(start, end, _) = found
        .iter()
        .rev()
        .find(|&&(start, end, possessive)| !possessive && is_organisation(&clause[start..=end]))?;
    // Only the organisation and where it is may follow it.
    let rest = &clause[end + 1..];
    let place_only = rest.is_empty()
        || (matches!(rest[0].lower(), "in" | "at") && rest[1..].iter().all(Tok::is_capitalised));
    if !place_only {
        return None;
    }
    let run = &clause[start..=end];
    let first = usize::from(run.len() > 1 && run[0].lower() == "the");
    Some(Mention {
        text: join(body, &run[first..]),
        kind: MentionKind::Organisation,
        role: None,
        gender: None,
        at: run[0].start,
    })
}

/// The first finite verb of a clause (`accused`, `told`, `warns`), not one inside a
/// relative clause or an infinitive, with words before it for a subject.
fn first_verb(toks: &[Tok]) -> Option<usize> {
    (1..toks.len()).find(|&k| {
        let w = toks[k].lower();
        toks[k].is_word()
            && !toks[k].is_capitalised()
            && (is_speech_verb(w) || is_irregular_past(w) || (w.ends_with("ed") && w.len() > 4))
            && toks[k - 1].is_word()
            && !matches!(
                toks[k - 1].lower(),
                "to" | "and" | "but" | "the" | "a" | "an"
            )
            && !in_relative_clause(toks, k)
    })
}

/// How many comma-set segments, and words in each, the subject of a verb may span: an
/// appositive may be long (`X, who has run the family farm for thirty years and chairs the
/// growers' association, said`), but never the whole paragraph.
const MAX_SEGMENTS: usize = 6;
const MAX_SEGMENT_WORDS: usize = 24;

/// `Patel and Morgan wrote`, `Labour MP Priya Patel and Tory MP Ian Morgan said`: a subject
/// of two names joined by `and` (the first segment read back from the verb stopped at it).
fn joint_subject(body: &str, toks: &[Tok], segments: &[(usize, usize)]) -> Option<Mention> {
    let &(a, b) = segments.first()?;
    if a < 2 || a >= b || toks[a - 1].lower() != "and" {
        return None;
    }
    let second = read_phrase(body, &toks[a..b]).filter(|m| m.kind == MentionKind::Person)?;
    // The first name: the capitalised run (with its lower-case role words) before `and`.
    let end = a - 1;
    let mut start = end;
    while start > 0
        && end - start < 8
        && toks[start - 1].is_word()
        && !is_clause_word(toks[start - 1].lower())
        && !is_speech_verb(toks[start - 1].lower())
    {
        start -= 1;
    }
    let first = read_phrase(body, &toks[start..end]).filter(|m| m.kind == MentionKind::Person)?;
    if !toks[end - 1].is_capitalised() {
        return None;
    }
    Some(Mention {
        text: format!("{} and {}", first.text, second.text),
        at: first.at,
        gender: None,
        ..first
    })
}

/// `the former England captain and Lions colossus`: the `and` at `and` joins two
/// descriptions of one person (`toks[and + 1..end]`) under one determiner opening the
/// clause: the first has no name, pronoun or verb and a singular head, the second no
/// determiner of its own (`the mayor and the police` are two) and no name (`chairman and
/// managing director Peter Holm` is the name's roles).
fn one_epithet(body: &str, toks: &[Tok], and: usize, end: usize) -> bool {
    let second = &toks[and + 1..end];
    if second.is_empty()
        || second.len() > 5
        || !second.iter().all(Tok::is_word)
        || is_determiner(second[0].lower())
        || read_phrase(body, second).is_none_or(|m| {
            // `Stourbridge MP`: a seat and a title name no one.
            let seat = m.kind == MentionKind::Person
                && second.len() == 2
                && is_title(second[1].lower())
                && given_name_gender(second[0].lower()).is_none();
            m.kind != MentionKind::Description && !seat
        })
    {
        return false;
    }
    let Some(det) = (and.saturating_sub(6)..and)
        .rev()
        .take_while(|&k| toks[k].is_word())
        .find(|&k| matches!(toks[k].lower(), "the" | "a" | "an"))
    else {
        return false;
    };
    let opens_clause = det == 0 || !toks[det - 1].is_word();
    let first = &toks[det + 1..and];
    let verb_like = |t: &Tok| {
        let w = t.lower();
        !t.is_capitalised()
            && (is_speech_verb(w) || is_irregular_past(w) || (w.ends_with("ed") && w.len() > 4))
    };
    let head = first.last().map(|t| t.lower()).unwrap_or_default();
    let plural = head.ends_with('s') && !head.ends_with("ss");
    opens_clause
        && !first.is_empty()
        && !plural
        && !first
            .iter()
            .any(|t| verb_like(t) || is_clause_word(t.lower()))
        && read_phrase(body, &toks[det..and]).is_some_and(|m| m.kind == MentionKind::Description)
}

fn starts_with_determiner(text: &str) -> bool {
    text.split_whitespace()
        .next()
        .is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
}

/// `“…,” said X` / `“…,” X said` / `“…,” according to X` / `… “…” for Clinton, said X` /
/// `described as “…” by X` (`passive_before`: a passive reporting verb before the quote):
/// `toks` follow the closing mark to the end of the sentence (later quotes left out).
/// After a quote that ends its own sentence (`“…?” Mills writes back, “…”` starts a new
/// one), only a short tag that closes the sentence counts (`“…?” Trump asked.`).
/// `, Tom Leary.` / `, Dr Ann Kell, on Tuesday`: a comma, then a name of two words or
/// more that closes the sentence or its clause: the person it names.
fn appositive_name(body: &str, toks: &[Tok]) -> Option<Mention> {
    let (comma, rest) = toks.split_first()?;
    if !comma.is_punct(',') {
        return None;
    }
    let name = &rest[..rest
        .iter()
        .take(6)
        .take_while(|t| t.is_word() && t.is_capitalised())
        .count()];
    let closes = rest
        .get(name.len())
        .is_none_or(|t| t.is_punct('.') || t.is_punct(',') || t.lower() == "who");
    if name.len() < 2 || !closes {
        return None;
    }
    read_phrase(body, name).filter(|m| m.kind == MentionKind::Person && m.text.contains(' '))
}

/// A description whose last word is its head and a word for a person (`the group's finance
/// director`): a name set after it by a comma can only be that person's. Not a thing (`the
/// company's annual report, Growth Matters`), nor a noun after a preposition, whom the name
/// may belong to instead (`the mother of the dead girl, Ann Lee`).
fn names_a_person_last(phrase: &[Tok]) -> bool {
    let preposition = |t: &Tok| {
        matches!(
            t.lower(),
            "of" | "for" | "to" | "at" | "with" | "from" | "in" | "on" | "by" | "about"
        )
    };
    phrase.last().is_some_and(|t| {
        let head = t.lower_stem();
        is_person_noun(head) || is_person_epithet(head)
    }) && !phrase.iter().any(preposition)
}

pub(crate) fn after_quote(
    body: &str,
    toks: &[Tok],
    quote_ends_sentence: bool,
    passive_before: bool,
) -> Option<Mention> {
    let skip = toks
        .iter()
        .take_while(|t| {
            t.is_punct(',')
                || t.is_punct('—')
                || t.is_punct('–')
                || t.is_punct('-')
                || t.is_punct('―')
        })
        .count();
    let toks = &toks[skip..];
    let first = toks.first()?;
    let lower = first.lower();
    // `“…”, saying he trusted the courts`: the participle's subject is the sentence's, before
    // the quote; the words after it are its object.
    if first.is_word() && lower.ends_with("ing") && is_speech_verb(lower) && lower != "according" {
        return None;
    }
    // `described as “heartbreaking” by the conservation department`
    if passive_before && lower == "by" {
        return read_phrase(body, phrase_after(&toks[1..]));
    }
    // `“…,” comments X`: right after a quote, `comments` is a verb, not a noun.
    if first.is_word() && (is_strong_speech_verb(lower) || matches!(lower, "asked" | "comments")) {
        let phrase = phrase_after(&toks[1..]);
        let said = read_phrase(body, phrase);
        // `“…,” said the firm's chief executive, Tom Leary.`: a description, then the name
        // set after a comma, is the person so named.
        if said
            .as_ref()
            .is_some_and(|m| m.kind == MentionKind::Description)
            && names_a_person_last(phrase)
            && let Some(named) = appositive_name(body, &toks[1 + phrase.len()..])
        {
            return Some(named);
        }
        return said;
    }
    // `“…” ― Christina Olidem`: a signature after a dash.
    if skip > 0 && !toks.iter().any(|t| t.is_punct(',')) {
        let phrase = phrase_after(toks);
        if phrase.len() == toks.len()
            && let Some(m) = read_phrase(body, phrase).filter(|m| m.kind == MentionKind::Person)
        {
            return Some(m);
        }
    }
    if lower == "according" && toks.get(1).is_some_and(|t| t.lower() == "to") {
        return read_phrase(body, phrase_after(&toks[2..]));
    }
    // A subject, then its verb, within a short distance.
    let verb = toks.iter().enumerate().take(24).position(|(i, t)| {
        let w = t.lower();
        t.is_word()
            && (is_strong_speech_verb(w) || w == "quoted" || is_phrasal_speech_verb(toks, i))
    });
    // `“…” are all thought to contribute, according to the Department of Conservation`:
    // the source named at the sentence's end; `“…” is a line attributed to X`.
    let Some(verb) = verb else {
        if let Some(k) = toks
            .windows(3)
            .position(|w| w[0].is_punct(',') && w[1].lower() == "according" && w[2].lower() == "to")
        {
            return read_phrase(body, phrase_after(&toks[k + 3..]));
        }
        // Not past the next quotation, and not a misattribution (`falsely attributed to`).
        let before_next_quote = toks
            .iter()
            .position(|t| t.text.starts_with(['“', '”', '"', '‘', '’']))
            .unwrap_or(toks.len());
        if let Some(k) = toks[..before_next_quote]
            .windows(2)
            .take(12)
            .position(|w| w[0].lower() == "attributed" && w[1].lower() == "to")
            && !(k > 0
                && matches!(
                    toks[k - 1].lower(),
                    "falsely" | "wrongly" | "mistakenly" | "erroneously" | "misleadingly"
                ))
        {
            return read_phrase(body, phrase_after(&toks[k + 2..before_next_quote]));
        }
        return weak_verb_subject(body, toks);
    };
    if verb == 0 {
        return None;
    }
    // Words after the verb, up to a comma or the end of the sentence.
    let rest = toks[verb + 1..]
        .iter()
        .take_while(|t| !t.is_punct(','))
        .count();
    // After a quote that ends its sentence, a capitalised word starts a new sentence: the
    // tag must then close it (`“…?” Trump asked.`), at most two words after the verb.
    if quote_ends_sentence && first.is_capitalised() && rest > 2 {
        return None;
    }
    if quote_ends_sentence && first.is_punct(',') {
        return None;
    }
    // `… “small handful” of companies who sponsor it, Gilbert said.`: a tag closing the
    // sentence after a comma attributes all of it.
    let preceded_by_comma = |m: &Mention| {
        let k = toks.iter().position(|t| t.start >= m.at).unwrap_or(0);
        k > 0 && toks[k - 1].is_punct(',')
    };
    // `…, the bureau said.`, `…, the Fed said, no change from …`
    let tag_closes = verb + 1 + rest == toks.len() || toks[verb + 1 + rest].is_punct(',');
    if rest <= 2
        && tag_closes
        && let Some(m) = subject_before(body, toks, verb).filter(preceded_by_comma)
    {
        return Some(m);
    }
    // Between the quote and the verb there must be no clause of its own (appositives,
    // after a comma, may hold one).
    let comma = toks[..verb]
        .iter()
        .position(|t| t.is_punct(','))
        .unwrap_or(verb);
    let own_clause = toks[..comma]
        .iter()
        .any(|t| t.is_word() && is_clause_word(t.lower()));
    let any_subject = if own_clause {
        None
    } else {
        subject_before(body, toks, verb)
    };
    // The subject must follow the quote directly (`“…,” she said`), not sit in a later clause
    // (`“…” in the audience, and she asked …`).
    let opening = toks.iter().find(|t| t.is_word()).map(|t| t.start);
    let adjacent = |m: &Mention| {
        let k = toks.iter().position(|t| t.start >= m.at).unwrap_or(0);
        Some(m.at) == opening
            || (k > 0
                && toks[k - 1].is_punct(',')
                && !toks[..k]
                    .iter()
                    .any(|t| t.is_word() && is_clause_word(t.lower())))
    };
    let any_subject = any_subject.filter(adjacent);
    let subject = any_subject.clone().filter(names_someone);
    // `… for Clinton, said X`: the verb comes first after a comma.
    // Not `…, telling Cook, “…”`: a participle's object is its listener.
    let inverted = toks[verb - 1].is_punct(',')
        && is_strong_speech_verb(toks[verb].lower())
        && toks[verb].lower() != "told"
        && !toks[verb].lower().ends_with("ing");
    if subject.is_none()
        && inverted
        && let Some(m) = read_phrase(body, phrase_after(&toks[verb + 1..]))
    {
        return Some(m);
    }
    subject.or(any_subject)
}

/// `“…,” Angela Ranastianis, his daughter, pleaded in a post`: after a quote, a verb of
/// speech in the past that is not one of the strong ones (`said`, `told`, …), which may
/// belong to a clause of its own, attributes the quote only to a person's name opening
/// the words after it and set off by a comma before the verb.
fn weak_verb_subject(body: &str, toks: &[Tok]) -> Option<Mention> {
    let first = toks.first()?;
    let verb = toks.iter().take(24).position(|t| {
        t.is_word() && !t.is_capitalised() && is_speech_verb(t.lower()) && t.lower().ends_with("ed")
    })?;
    if verb == 0 || !first.is_capitalised() || !toks[verb - 1].is_punct(',') {
        return None;
    }
    let clause = toks[..verb]
        .iter()
        .any(|t| t.is_word() && is_clause_word(t.lower()));
    let subject = subject_before(body, toks, verb)?;
    (!clause && subject.kind == MentionKind::Person && subject.at == first.start).then_some(subject)
}

/// Is token `i` a verb of speech made of two words (`Trump shot back`, `Benioff weighed in`,
/// `she went on`, `a fan piped up`)?
fn is_phrasal_speech_verb(toks: &[Tok], i: usize) -> bool {
    let Some(next) = toks.get(i + 1) else {
        return false;
    };
    match toks[i].lower() {
        "shot" | "fired" | "hit" | "snapped" => next.lower() == "back",
        "weighed" | "chimed" | "cut" | "butted" => next.lower() == "in",
        "piped" | "spoke" | "speaks" => next.lower() == "up",
        "went" | "goes" => next.lower() == "on",
        _ => false,
    }
}

/// Participles that name or judge something, used in the passive with the judge after `by`.
pub(crate) fn is_naming_participle(word: &str) -> bool {
    matches!(
        word,
        "described"
            | "called"
            | "branded"
            | "dubbed"
            | "labelled"
            | "labeled"
            | "hailed"
            | "denounced"
            | "condemned"
            | "criticised"
            | "criticized"
            | "characterised"
            | "characterized"
    )
}

/// `X said: “…”` / `X said Turkey’s failure to “…”` / `according to X, “…”` /
/// `But, said X, “…”`: `toks` run from the start of the sentence to the opening mark
/// (earlier quotes left out).
pub(crate) fn before_quote(body: &str, toks: &[Tok]) -> Option<Mention> {
    if let Some(k) = toks
        .windows(2)
        .rposition(|w| w[0].lower() == "according" && w[1].lower() == "to")
        && let Some(m) = read_phrase(body, phrase_after(&toks[k + 2..]))
    {
        return Some(m);
    }
    // `described by the charity Shelter as a “…”`: a passive verb of naming, its agent after
    // `by`, the quote brought in by `as`.
    if let Some(k) = toks.iter().rposition(|t| t.lower() == "by")
        && k > 0
        && is_naming_participle(toks[k - 1].lower())
        && toks[k + 1..]
            .iter()
            .rev()
            .take(3)
            .any(|t| t.lower() == "as")
        && let Some(m) = read_phrase(body, phrase_after(&toks[k + 1..]))
        && names_someone(&m)
    {
        return Some(m);
    }
    // A bare infinitive (`heard her say`, `wants to tell`) reports no speech of the subject.
    let bare = |i: usize, t: &Tok| {
        i > 0
            && matches!(
                toks[i - 1].lower(),
                "to" | "her"
                    | "him"
                    | "them"
                    | "us"
                    | "me"
                    | "will"
                    | "would"
                    | "could"
                    | "should"
                    | "can"
                    | "may"
                    | "might"
                    | "must"
                    | "did"
                    | "didn't"
                    | "didn’t"
                    | "does"
                    | "do"
                    | "not"
                    | "never"
                    | "won't"
                    | "won’t"
            )
            && !t.lower().ends_with("ed")
            && !t.lower().ends_with('s')
    };
    let is_verb = |i: usize, t: &Tok| {
        t.is_word()
            && !bare(i, t)
            && (is_speech_verb(t.lower())
                || is_phrasal_speech_verb(toks, i)
                // `as X put it:`
                || (matches!(t.lower(), "put" | "puts") && toks.get(i + 1).is_some_and(|n| n.lower() == "it"))
                // `As Yothu Yindi sang in Treaty, “…”`: a song's words are its singer's.
                || (matches!(t.lower(), "sang" | "sings")
                    && toks[..i].iter().rev().take(8).any(|t| t.lower() == "as")))
    };
    let verb = toks.iter().enumerate().rposition(|(i, t)| is_verb(i, t));
    let Some(verb) = verb else {
        // `X’s response was: “…”`, `X on Monday: “…”`
        if toks.last().is_some_and(|t| t.is_punct(':')) {
            return sentence_subject(body, toks);
        }
        return None;
    };
    let word = toks[verb].lower();
    // `after critics called it “…”`, `hit back at critics who say it is “…”`: a bare plural
    // noun for people, opening a clause of its own, is who says the words, not the
    // sentence's subject; they are no one named (the mention resolves to nobody).
    let group = match verb.checked_sub(1) {
        Some(k) if toks[k].lower() == "who" => k.checked_sub(1),
        k => k,
    };
    if let Some(k) = group
        && k > 0
        && toks[k].is_word()
        && !toks[k].is_capitalised()
        && toks[k]
            .lower()
            .strip_suffix('s')
            .is_some_and(is_person_noun)
        && matches!(
            toks[k - 1].lower(),
            "after" | "before" | "as" | "when" | "while" | "because" | "since" | "at" | "with"
        )
    {
        return Some(Mention {
            text: toks[k].text.to_string(),
            kind: MentionKind::Description,
            role: None,
            gender: None,
            at: toks[k].start,
        });
    }
    // `But, said X, “…”`
    let inverted = verb == 0
        || toks[verb - 1].is_punct(',')
        || (verb == 1 && matches!(toks[0].lower(), "but" | "and" | "so"));
    let plain_subject = || subject_before(body, toks, verb).filter(names_someone);
    if inverted
        && is_strong_speech_verb(word)
        && !word.ends_with("ing")
        && (verb <= 1 || plain_subject().is_none())
        && let Some(m) = read_phrase(body, phrase_after(&toks[verb + 1..]))
        && names_someone(&m)
    {
        return Some(m);
    }
    // `X wrote a letter …, asking …“…”`, `…, saying that “…”`: the subject is the main verb's.
    if word.ends_with("ing") {
        // `Trump calling it a “great meeting”`
        if verb > 0
            && toks[verb - 1].is_capitalised()
            && let Some(m) = plain_subject()
        {
            return Some(m);
        }
        let main = toks[..verb]
            .iter()
            .enumerate()
            .rposition(|(i, t)| is_verb(i, t) && !t.lower().ends_with("ing"));
        let found = match main {
            Some(m) => subject_before(body, toks, m),
            None => None,
        };
        // `The 24-year-old apologised, saying …`: the main clause's subject, even a
        // description, is who says it.
        return found
            .or_else(|| sentence_subject(body, &toks[..verb]))
            .or_else(|| clause_subject(body, &toks[..verb], true));
    }
    let found = subject_before(body, toks, verb);
    // `Pompeo said that Washington had concluded … “…”`: a person reporting what someone
    // concluded (a weaker verb), or what an organisation or a place did, is the one quoted.
    let weak = !is_strong_speech_verb(word);
    if (weak
        || found
            .as_ref()
            .is_some_and(|m| m.kind != MentionKind::Person))
        && let Some(outer) = toks[..verb]
            .iter()
            .enumerate()
            .filter(|(i, t)| is_verb(*i, t) && is_strong_speech_verb(t.lower()))
            .find_map(|(i, _)| subject_before(body, toks, i))
            .filter(|m| m.kind == MentionKind::Person)
    {
        return Some(outer);
    }
    // `Russia's foreign ministry said it viewed the move as “…”`: a pronoun subject of
    // the reported clause stands for the one reporting it.
    if found
        .as_ref()
        .is_some_and(|m| m.kind == MentionKind::Pronoun)
        && let Some(outer) = toks[..verb]
            .iter()
            .enumerate()
            .filter(|(i, t)| is_verb(*i, t) && is_strong_speech_verb(t.lower()))
            .find_map(|(i, _)| subject_before(body, toks, i))
            .filter(|m| m.kind != MentionKind::Pronoun)
    {
        return Some(outer);
    }
    if found.as_ref().is_some_and(names_someone) {
        return found;
    }
    // `… pointing to the time when a Spotify executive claimed the couple were “…”`: a
    // description opening a clause of its own is that verb's subject, not the sentence's.
    if let Some(m) = &found
        && let Some(k) = toks.iter().position(|t| t.start == m.at)
        && k > 0
        && toks[k - 1].is_word()
        && is_clause_word(toks[k - 1].lower())
        && !matches!(toks[k - 1].lower(), "and" | "or" | "but")
    {
        return found;
    }
    // `Bill Millis, a businessman who had been … because of …, said`: the sentence's subject.
    sentence_subject(body, &toks[..verb]).or(found)
}

/// The subject that opens a sentence (`In his column, Yinanc …`, `The secretary-general of
/// NATO, Jens Stoltenberg, thanked …`): a name, an organisation or a pronoun. Comma-set
/// segments are read in turn: an introductory phrase is skipped, an appositive that is all
/// of its segment lets the reading go on, a phrase followed by its verb ends it.
pub(crate) fn sentence_subject(body: &str, toks: &[Tok]) -> Option<Mention> {
    clause_subject(body, toks, false)
}

/// [`sentence_subject`], also taking a description for the subject (`descriptions`) where
/// the clause's verb is known to report speech.
fn clause_subject(body: &str, toks: &[Tok], descriptions: bool) -> Option<Mention> {
    let accept = |m: &Mention| descriptions || names_someone(m);
    let mut segments = toks.split(|t| {
        t.is_punct(',') || t.is_punct('—') || t.is_punct('–') || t.is_punct('―') || t.is_punct('-')
    });
    let mut first = true;
    for segment in segments.by_ref().take(6) {
        // `Speaking to reporters, …` opens with a participle; `Beijing considers` with a name
        // and its verb.
        let named_subject = segment
            .get(1)
            .is_some_and(|n| looks_like_verb(n, &segment[..1]))
            && segment[0].is_capitalised();
        let opens_with_intro = segment.first().is_some_and(|t| {
            let w = t.lower();
            is_intro_word(w)
                || (w.ends_with("ing") && w.len() > 5 && !named_subject)
                || (w.ends_with("ed") && first)
        });
        first = false;
        // `And then Trump went …`: a leading conjunction is dropped, not the segment.
        let conjunctions = segment
            .iter()
            .take_while(|t| {
                matches!(
                    t.lower(),
                    "and" | "but" | "so" | "yet" | "then" | "still" | "also" | "now"
                )
            })
            .count();
        let segment = &segment[conjunctions..];
        let opens_with_intro = opens_with_intro && conjunctions == 0;
        if segment.is_empty() || opens_with_intro {
            continue;
        }
        let lead = segment.iter().take_while(|t| t.is_word()).count();
        let mut phrase = subject_phrase(&segment[..lead]);
        if phrase.is_empty() {
            continue;
        }
        // `The 24-year-old apologised`: a description runs on into its verb; where a
        // description may be the subject, it ends there.
        if descriptions
            && is_determiner(phrase[0].lower())
            && let Some(k) = (2..phrase.len()).find(|&k| looks_like_verb(&phrase[k], &phrase[..k]))
        {
            phrase = &phrase[..k];
        }
        let mention = read_phrase(body, phrase);
        match segment.get(phrase.len()) {
            // The phrase is the whole segment: an appositive or a name set off by commas.
            None => {
                if let Some(m) = mention.filter(names_someone) {
                    return Some(m);
                }
            }
            // A verb follows: this is the clause's subject.
            Some(next) if looks_like_verb(next, phrase) => {
                return mention.filter(|m| accept(m));
            }
            // Something else follows: a phrase that is no subject (`the largest loss of
            // troops for Turkey in decades`); read on.
            Some(_) => {}
        }
    }
    None
}

/// Could `tok`, right after the phrase `subject`, be its verb? (`NATO held`, `Trump has`,
/// `Clinton says`; not `Syrian army`, `Western officials`.)
pub(crate) fn looks_like_verb(tok: &Tok, subject: &[Tok]) -> bool {
    if !tok.is_word() || tok.is_capitalised() {
        return false;
    }
    let w = tok.lower();
    let adjective_subject = subject.len() == 1 && {
        let s = subject[0].lower();
        ["an", "ish", "ese", "ern", "ic", "i"]
            .iter()
            .any(|end| s.ends_with(end))
    };
    is_speech_verb(w)
        || is_verb_filler(w)
        || is_irregular_past(w)
        || w.ends_with("ed")
        || (w.ends_with("ly") && w.len() > 4)
        // `Lacerda also went into detail`: an adverb that stands before a verb.
        || matches!(w, "also" | "then" | "later" | "still" | "never" | "again" | "already" | "once")
        || (w.ends_with('s') && !w.ends_with("ss") && !adjective_subject)
}

/// The noun phrase opening a clause: determiners and role words, then a name.
fn subject_phrase<'t, 'a>(toks: &'t [Tok<'a>]) -> &'t [Tok<'a>] {
    if toks
        .first()
        .is_some_and(|t| matches!(t.lower(), "he" | "she"))
    {
        return &toks[..1];
    }
    phrase_after(toks)
}
