//! From what the words around each quote say to one name per speaker: surnames (and first
//! names after `Sir`, `Dame`) resolve to the full name introduced in the article; roles and
//! epithets (`the mayor`, `the Hull scrum-half`, `the 44-year-old`) to the person named with
//! that role, or else the person most recently introduced; `he`/`she` to the person most
//! recently introduced whose gender fits (never an organisation, never someone only named
//! inside a quote); `they` to the organisation last named; acronyms (`the CMA`) and
//! descriptions of organisations (`the bureau`) to the organisation's name; quotes without
//! attribution to the speaker of the quote before them, or, when they open a paragraph of
//! their own, to the person the paragraph before is about.

use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

use super::attribution::{Attribution, looks_like_verb};
use super::given_names::given_name_gender;
use super::lexicon::{
    Gender, honorific_gender, is_determiner, is_document_noun, is_irregular_past, is_media_noun,
    is_news_outlet, is_not_a_name, is_organisation_noun, is_person_epithet, is_person_noun,
    is_role_noun, is_speech_verb, is_strong_speech_verb, is_title, names_its_listener,
};
use super::phrase::{Mention, MentionKind, is_organisation, join, read_phrase, runs, strip_titles};
use super::quotes::Found;
use super::words::{Tok, lowercase_aligned};
use crate::corpus::Article;

/// How far back a pronoun or an epithet looks for the person it stands for, in mentions:
/// far enough for any article, bounded so that hostile input stays linear.
const LOOK_BACK: usize = 256;

/// One person the article names, however often.
#[derive(Debug, Clone)]
struct Identity {
    /// The fullest name the article gives.
    name: String,
    /// Lower-case words of the name, for matching surnames and first names.
    words: Vec<String>,
    gender: Option<Gender>,
    /// Role nouns written with any mention (`mayor`, `spokesman`).
    roles: Vec<String>,
    /// Some mention shows a person, not a place or a club written like a name (`Manchester
    /// United`, `Rio Tinto`): a given name, a title, a role, an age, or a verb of speech.
    personal: bool,
    /// Some mention shows a person by more than a verb of speech (a given name, a title, a
    /// role, an age): a company that `said` something has none.
    person_sign: bool,
    /// Byte offsets of its mentions, in text order.
    mentions: Vec<usize>,
    /// Known only by a title and a surname (`Mr Reed`): the title, lower case.
    title: Option<String>,
    /// Some mention has its own verb of speech (`Mr Harwood told the Today programme`).
    spoke: bool,
}

impl Identity {
    /// A person first met under `name`, with nothing yet known of their mentions.
    fn new(name: String, words: Vec<String>, gender: Option<Gender>) -> Identity {
        Identity {
            name,
            words,
            gender,
            roles: Vec::new(),
            personal: false,
            person_sign: false,
            mentions: Vec::new(),
            title: None,
            spoke: false,
        }
    }

    /// How close a mention of this identity comes to `at`: the latest mention before it
    /// ranks by its offset; if none, the first one after it ranks below all of those.
    fn nearness(&self, at: usize) -> (bool, isize) {
        let k = self.mentions.partition_point(|&m| m <= at);
        match k {
            0 => (
                false,
                -(self.mentions.first().copied().unwrap_or(0) as isize),
            ),
            _ => (true, self.mentions[k - 1] as isize),
        }
    }
}

/// A mention of a person at one place in the article.
#[derive(Debug, Clone, Copy)]
struct Person {
    /// Byte offset of the mention.
    at: usize,
    /// Index into the identities.
    id: usize,
    /// The mention is salient: written as a clause's subject (`Trump said`, `X, president
    /// …,`, `X, who …`), introduced with a role (`analyst Sarah Lind`), or a pronoun subject
    /// standing for them. Pronouns and epithets prefer salient mentions.
    salient: bool,
}

/// An organisation named in the article (`the Competition and Markets Authority`).
#[derive(Debug, Clone)]
struct Organisation {
    at: usize,
    /// Written as the subject of a clause (`the CMA said`), not as an object (`told WIRED`).
    salient: bool,
    /// Byte range of the name in the body (built into a string only when a speaker needs it).
    name: Range<usize>,
}

impl Organisation {
    fn name(&self, body: &str) -> String {
        let text = body.get(self.name.clone()).unwrap_or("");
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Surname, first name and full name (lower case, the last as written) → identity.
type NameMaps<'m> = (
    &'m mut HashMap<String, usize>,
    &'m mut HashMap<String, usize>,
    &'m mut HashMap<String, usize>,
);

/// Everyone and everything the article names, in text order.
#[derive(Debug, Default)]
struct Cast {
    people: Vec<Person>,
    identities: Vec<Identity>,
    organisations: Vec<Organisation>,
    /// Lower-case name word → the identities whose name holds it.
    by_word: HashMap<String, Vec<usize>>,
    /// Role noun → the identities named with it.
    by_role: HashMap<String, Vec<usize>>,
    /// A word of a description written next to a name (`pop`, `star` in `pop star Lily
    /// Marsh`; `arsenal`, `boss` in `Arsenal boss Arsene Wenger`), by [`description_key`]
    /// → those identities: what a later `the star` or `the Arsenal manager` stands for.
    by_description: HashMap<String, Vec<Described>>,
    /// Plural words for people opening a clause (`Residents said`, `Analysts were
    /// unimpressed`): what a following `they` may stand for.
    groups: Vec<Range<usize>>,
}

/// One word of a description written next to a name.
#[derive(Debug, Clone, Copy)]
struct Described {
    /// The identity described.
    id: usize,
    /// Where the name was written.
    at: usize,
    /// The description's head noun (`boss`), not a modifier (`Arsenal`).
    head: bool,
}

/// Words for whoever leads a team or a firm name one role: `the Arsenal manager` is who
/// was introduced as `Arsenal boss`.
fn description_key(word: &str) -> &str {
    match word {
        "boss" | "manager" | "coach" | "gaffer" | "chief" | "ceo" | "head" => "boss",
        _ => word,
    }
}

/// The adjective of a nationality its noun for a person stands for (`frenchman` → `french`,
/// `russian` → `russian`), for the nationalities written both ways in news.
fn demonym_adjective(word: &str) -> Option<&str> {
    Some(match word {
        "frenchman" | "frenchwoman" => "french",
        "englishman" | "englishwoman" => "english",
        "scot" | "scotsman" | "scotswoman" => "scottish",
        "welshman" | "welshwoman" => "welsh",
        "irishman" | "irishwoman" => "irish",
        "dutchman" | "dutchwoman" => "dutch",
        "spaniard" => "spanish",
        "briton" => "british",
        "dane" => "danish",
        "swede" => "swedish",
        "finn" => "finnish",
        "pole" => "polish",
        "turk" => "turkish",
        "kiwi" => "zealand",
        _ => return None,
    })
}

/// `Dutchman`, `Scotswoman`: the gender a nationality's noun is written with.
fn demonym_gender(word: &str) -> Option<Gender> {
    if word.ends_with("woman") {
        Some(Gender::Female)
    } else if word.ends_with("man") {
        Some(Gender::Male)
    } else {
        None
    }
}

/// `the American`, `the Congolese`: a capitalised word of a nationality's shape after a
/// determiner (capitalised, so not `the politician`), or one of the nouns above.
fn nationality_of<'w>(head: &'w str, written: &str) -> Option<&'w str> {
    if let Some(adjective) = demonym_adjective(head) {
        return Some(adjective);
    }
    let shaped = ["ian", "ean", "ese", "can"]
        .iter()
        .any(|end| head.ends_with(end));
    (shaped && written.starts_with(char::is_uppercase)).then_some(head)
}

/// Person nouns for what someone is as a player or a performer (`striker`, `star`,
/// `singer`), not an office they hold.
fn names_a_kind_of_performer(word: &str) -> bool {
    matches!(
        word,
        "player"
            | "striker"
            | "midfielder"
            | "defender"
            | "forward"
            | "winger"
            | "goalkeeper"
            | "keeper"
            | "batsman"
            | "bowler"
            | "star"
            | "singer"
            | "rapper"
            | "actor"
            | "actress"
            | "comedian"
            | "musician"
            | "youngster"
            | "teenager"
            | "rider"
            | "driver"
            | "golfer"
            | "boxer"
            | "jockey"
            | "international"
    )
}

/// Whether `title` (`mrs`, `sergeant`) can be written before the surname of `identity`:
/// not against its known sex (`Mrs Smith` is not `Tom Smith` nor `Mr Smith`), nor against
/// another title it was known by where either is a rank (`Detective Sergeant Jones` is not
/// `Mr Jones`).
fn title_fits(identity: &Identity, title: &str) -> bool {
    let gender = honorific_gender(title);
    let sex_clash = gender.is_some() && identity.gender.is_some_and(|g| Some(g) != gender);
    let title_clash = identity.title.as_deref().is_some_and(|before| {
        before != title && (gender.is_none() || honorific_gender(before).is_none())
    });
    !sex_clash && !title_clash
}

/// Titles written before a bare surname for a person (`Mr Reed`, `Detective Sergeant
/// Jones`, `Judge Moss`): a closed list, so a word that also opens an organisation's name
/// (`General Motors`, `Chief Executive`) never makes a person.
fn is_surname_title(word: &str) -> bool {
    matches!(
        word,
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "mx"
            | "sir"
            | "dame"
            | "lord"
            | "lady"
            | "baroness"
            | "baron"
            | "dr"
            | "prof"
            | "professor"
            | "rev"
            | "reverend"
            | "judge"
            | "justice"
            | "inspector"
            | "sergeant"
            | "sgt"
            | "constable"
            | "detective"
            | "superintendent"
            | "president"
            | "chancellor"
            | "senator"
            | "governor"
            | "mayor"
            | "councillor"
            | "cllr"
            | "bishop"
            | "archbishop"
            | "coroner"
    )
}

/// Offices a person is introduced with that someone described as a player or a performer
/// does not hold: who manages, represents or speaks for them.
fn is_office(role: &str) -> bool {
    (is_role_noun(role)
        && honorific_gender(role).is_none()
        && !matches!(role, "captain" | "host" | "dr" | "prof" | "professor"))
        || matches!(
            role,
            "boss" | "agent" | "publicist" | "trainer" | "owner" | "chairman" | "coach"
        )
}

/// A name with a digit names a product, a model or a flight (`Airbus A320-200`, `QZ8501`),
/// not who speaks.
fn is_numbered(name: &str) -> bool {
    name.contains(|c: char| c.is_ascii_digit())
}

fn name_words(name: &str) -> Vec<String> {
    name.split([' ', '-'])
        .filter(|w| !w.is_empty() && !matches!(*w, "al" | "el" | "bin" | "Al" | "El"))
        .map(|w| lowercase_aligned(w.trim_end_matches('.')).into_owned())
        .collect()
}

/// Role nouns around the run `toks[start..=end]`: titles inside it, lower-case words just
/// before it, and comma-set appositives on either side. The second value says whether a
/// role was written before the name in lower case or as an appositive (an introduction).
fn roles_around(toks: &[Tok], start: usize, end: usize) -> (Vec<String>, bool) {
    // `Striker Tom Reed`: a performer's word opening the sentence is in the run.
    let mut roles: Vec<String> = toks[start..=end]
        .iter()
        .map(Tok::lower)
        .filter(|w| is_role_noun(w) || names_a_kind_of_performer(w))
        .map(str::to_string)
        .collect();
    let inside = roles.len();
    // Lower-case words right before the name (`state department spokesman John Kirby`),
    // not across a function word or a verb (`the mayor told Radio Five`).
    let mut i = start;
    while i > 0 && start - i < 6 {
        let t = &toks[i - 1];
        let w = t.lower_stem();
        if !t.is_word() || is_not_a_name(w) || is_speech_verb(w) || is_irregular_past(w) {
            break;
        }
        i -= 1;
        if is_person_noun(w) {
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
                .filter(|w| is_person_noun(w))
                .map(str::to_string),
        );
    }
    if toks.get(end + 1).is_some_and(|t| t.is_punct(',')) {
        let seg = toks[end + 2..].iter().take_while(|t| t.is_word()).take(8);
        roles.extend(
            seg.map(Tok::lower)
                .filter(|w| is_person_noun(w))
                .map(str::to_string),
        );
    }
    let introduced = roles.len() > inside;
    (roles, introduced)
}

/// The words of descriptions written next to the name `toks[start..]` (its run ending at
/// `end`), each marked as the head noun or not: the words right before it (`pop star Lily
/// Marsh`), before a comma before it (`Its chairman, Jeremy Beecham`) and of a comma-set
/// appositive after it, up to a preposition or a clause (`Lily Marsh, a singer from
/// Leeds,`).
fn description_words<'a>(toks: &[Tok<'a>], start: usize, end: usize) -> Vec<(&'a str, bool)> {
    let head = |t: &Tok<'a>| {
        let w = t.lower_stem();
        (t.is_word() && !t.strip_possessive().1 && is_description_head(w)).then_some(w)
    };
    // `Arsenal` in `Arsenal boss`, `pop` in `pop star`, `from` not.
    let modifier = |t: &Tok<'a>| {
        let w = t.lower_stem();
        (t.is_word()
            && w.chars().all(char::is_alphabetic)
            && !is_not_a_name(w)
            && !is_speech_verb(w)
            && !is_irregular_past(w))
        .then_some(w)
    };
    // Up to three words before the head.
    let modifiers = |head_at: usize| {
        toks[..head_at]
            .iter()
            .rev()
            .take(3)
            .map_while(modifier)
            .map(|w| (w, false))
            .collect::<Vec<_>>()
    };
    let mut words = Vec::new();
    let before = match start.checked_sub(1).map(|i| &toks[i]) {
        Some(t) if t.is_punct(',') => start.checked_sub(2),
        Some(_) => start.checked_sub(1),
        None => None,
    };
    if let Some(k) = before
        && let Some(w) = head(&toks[k])
    {
        words.push((w, true));
        words.extend(modifiers(k));
    }
    if toks.get(end + 1).is_some_and(|t| t.is_punct(',')) {
        let appositive: Vec<&Tok> = toks[end + 2..]
            .iter()
            .take(6)
            .take_while(|t| {
                t.is_word()
                    && !is_preposition_or_verb(t.lower())
                    && !matches!(t.lower(), "who" | "which" | "that" | "and" | "or")
            })
            .collect();
        if let Some((last, rest)) = appositive.split_last()
            && let Some(w) = head(last)
        {
            words.push((w, true));
            words.extend(rest.iter().filter_map(|t| modifier(t)).map(|w| (w, false)));
        }
    }
    words
}

/// Is byte `at` inside one of the quoted ranges (sorted by start)?
fn quoted(ranges: &[Range<usize>], at: usize) -> bool {
    let k = ranges.partition_point(|r| r.start <= at);
    k > 0 && ranges[k - 1].contains(&at)
}

/// `he` or `she` opening a clause (`She said`, `he told`): its gender.
fn subject_pronoun(toks: &[Tok], k: usize) -> Option<Gender> {
    let gender = match toks[k].lower() {
        "he" => Gender::Male,
        "she" => Gender::Female,
        _ => return None,
    };
    let next = toks.get(k + 1)?;
    looks_like_verb(next, &toks[k..=k]).then_some(gender)
}

impl Cast {
    /// Everyone named with at least two words (`Ali Bakeer`), every later mention of one of
    /// them by surname (`Bakeer`) or by first name after a title (`Sir Keir`), every `he`/`she`
    /// opening a clause (as a mention of the person it stands for), and every organisation,
    /// in text order. Names inside quotes are left out: the speaker is not who they talk of.
    fn read(article: &Article, paragraph_words: &[Vec<Tok>], quotes: &[Range<usize>]) -> Cast {
        let body = article.body.as_str();
        let mut cast = Cast::default();
        // Last and first word of each full name → identity.
        let mut by_surname: HashMap<String, usize> = HashMap::new();
        let mut by_first: HashMap<String, usize> = HashMap::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for toks in paragraph_words {
            let found = runs(toks);
            let mut next_run = found.iter().peekable();
            let mut report = ReportedClause::default();
            for k in 0..toks.len() {
                if let Some(gender) = subject_pronoun(toks, k)
                    && !quoted(quotes, toks[k].start)
                    && let Some(p) = cast.antecedent(toks[k].start, Some(gender))
                {
                    let id = cast.people[p].id;
                    // `… visited him hours before he died`: a pronoun subject of a
                    // subordinate clause is no new topic for the next `he`.
                    cast.people.push(Person {
                        at: toks[k].start,
                        id,
                        salient: !report.covers(toks, k) && !is_subordinate_at(toks, k),
                    });
                }
                if is_group_subject(toks, k) && !quoted(quotes, toks[k].start) {
                    cast.groups.push(toks[k].start..toks[k].end);
                }
                let Some(&&(start, end, _)) = next_run.peek() else {
                    continue;
                };
                if start != k {
                    continue;
                }
                next_run.next();
                if quoted(quotes, toks[start].start) {
                    continue;
                }
                let maps = (&mut by_surname, &mut by_first, &mut by_name);
                let reported = report.covers(toks, start);
                cast.add_run(body, toks, start, end, reported, maps);
            }
        }
        cast
    }

    fn add_run(
        &mut self,
        body: &str,
        toks: &[Tok],
        start: usize,
        end: usize,
        reported: bool,
        (by_surname, by_first, by_name): NameMaps,
    ) {
        let run = &toks[start..=end];
        // `the Local Government Turnaround Strategy`, `the Daily Mail`: after a
        // determiner, capitals name a thing, not a person.
        let determined = start > 0 && matches!(toks[start - 1].lower(), "the" | "a" | "an");
        if is_organisation(run) || determined {
            let first = usize::from(run.len() > 1 && run[0].lower() == "the");
            let last = &run[run.len() - 1];
            let (stem, _) = last.strip_possessive();
            let name = run[first].start..last.start + stem.len();
            let salient = toks
                .get(end + 1)
                .is_some_and(|n| n.is_punct(',') || looks_like_verb(n, run))
                && !(start > 0 && is_preposition_or_verb(toks[start - 1].lower()));
            self.organisations.push(Organisation {
                at: run[0].start,
                salient,
                name,
            });
            return;
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
        // `Hosting Cook at the summit is …`, `Thanking Ruiz, …`: a participle opening the
        // sentence, capitalised only for that, is no part of the name after it.
        let sentence_start = start == 0 || toks[start - 1].is_punct('.');
        let participle = name.len() >= 2 && sentence_start && {
            let w = name[0].lower();
            w.len() > 5 && w.ends_with("ing") && given_name_gender(w).is_none()
        };
        let name = if participle { &name[1..] } else { name };
        // `Stephanie Hooton of Derry`: the name ends before its place.
        let cut = name
            .iter()
            .position(|t| matches!(t.text, "of" | "for"))
            .unwrap_or(name.len());
        let name = &name[..cut];
        // `ambassador to Britain Liu Xiaming`: the role's place comes before the name.
        let role_place = start >= 2
            && matches!(toks[start - 1].lower(), "to" | "in" | "at")
            && is_person_noun(toks[start - 2].lower_stem());
        // `a director at Rio Tinto`: two words after a role's workplace preposition are the
        // workplace, not a person introduced (a name follows a longer run: `Sales director
        // at Harbour Cruises Nadia Crane`, `ambassador to Britain Liu Xiaming`).
        if role_place && name.len() < 3 {
            return;
        }
        // `marketing manager at Ocean Tours Abby Dunn`: the workplace's words too, up to a
        // given name.
        let name = if role_place && name.len() >= 3 {
            let given = (1..name.len() - 1).find(|&k| given_name_gender(name[k].lower()).is_some());
            // No given name known: a person's name is most often its last two words.
            &name[given.unwrap_or(name.len() - 2)..]
        } else {
            name
        };
        // `King Charles`, `Pope Leo`: a sovereign's title with one name is the whole name,
        // and the person is known by it from then on (`the King said`).
        let at_name = name
            .first()
            .and_then(|first| run.iter().position(|t| t.start == first.start));
        let sovereign = match at_name {
            Some(k) if name.len() == 1 && k > 0 && is_sovereign_title(run[k - 1].lower()) => {
                Some(k)
            }
            _ => None,
        };
        let name = match sovereign {
            Some(k) => &run[k - 1..=k],
            None => name,
        };
        let sovereign = sovereign.is_some();
        let Some(last) = name.last() else { return };
        // A lone word names someone only as the surname (or, after a title, the first
        // name) of a person met before: look it up before building anything.
        // `Al Saud` after `Abu Anas Al Saud`: a particle and a surname are one word of a name.
        let one_word =
            name.len() == 1 || (name.len() == 2 && matches!(name[0].lower(), "al" | "el" | "bin"));
        // `Mr Harwood told the Today programme`: a surname after a personal title names a
        // person even when the article never gives the first name (British news writes the
        // well known so: `Mr Blair`, `Lord Fairbairn`).
        let title_before = match at_name {
            Some(k) if k > 0 => Some(&run[k - 1]),
            Some(_) if start > 0 => Some(&toks[start - 1]),
            _ => None,
        };
        // `Mrs Smith` after `Mr Smith`, `Detective Sergeant Jones` after `Mr Jones`: a title
        // that contradicts the one met before (or the person's known sex) names someone else.
        let written_title = title_before
            .filter(|t| t.is_capitalised())
            .map(|t| t.lower().trim_end_matches('.'))
            .filter(|w| is_surname_title(w));
        let same_person =
            |id: &usize| written_title.is_none_or(|title| title_fits(&self.identities[*id], title));
        let known = match one_word {
            true => by_surname
                .get(last.lower_stem())
                .or_else(|| by_first.get(last.lower_stem()))
                .copied()
                .filter(same_person)
                // `Mr Simons` after `Ninette Simons` and `Philip Simons`: the one of that
                // surname the title fits.
                .or_else(|| {
                    let surname = last.lower_stem();
                    let ids = self.by_word.get(surname)?;
                    ids.iter().rev().copied().find(|id| {
                        self.identities[*id]
                            .words
                            .last()
                            .is_some_and(|w| w == surname)
                            && same_person(id)
                    })
                }),
            false => None,
        };
        // The title is written as one (`Mr`, `Lord`), not a word for kin (`her sister Maya`).
        let titled_surname = title_before.filter(|title| {
            let word = title.lower().trim_end_matches('.');
            one_word
                && known.is_none()
                && name.len() == 1
                && title.is_capitalised()
                && is_surname_title(word)
        });
        if one_word && known.is_none() && titled_surname.is_none() {
            return;
        }
        if name.iter().all(|t| t.text.chars().all(char::is_uppercase)) {
            return;
        }
        let honorific = run
            .iter()
            .take(run.len() - name.len() + 1)
            .chain(title_before)
            .find_map(|t| honorific_gender(t.lower()));
        let (mut roles, mut introduced) = roles_around(toks, start, end);
        if role_place {
            // The role before `at`/`to` introduces the person as much as one written
            // right before the name.
            roles.push(toks[start - 2].lower_stem().to_string());
            introduced = true;
        }
        let place = !role_place
            && start > 0
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
        let next = toks.get(end + 1);
        // `Khan alleged that Munir was behind it`: the subject of a clause inside another
        // is not who the next `he` is about.
        // Nor is the subject of a reported clause (`Reid said Bale would play`).
        // `Henry, who has scored 19 goals this season, said`: the verb may follow a comma-set
        // clause or appositive.
        let speaks = next.is_some_and(|n| is_speech_verb(n.lower()))
            || next.is_some_and(|n| n.is_punct(','))
                && toks
                    .get(end + 2..)
                    .unwrap_or_default()
                    .windows(2)
                    .take(16)
                    .take_while(|pair| !pair[0].is_punct('.') && !pair[0].is_punct(';'))
                    .any(|pair| pair[0].is_punct(',') && is_speech_verb(pair[1].lower()));
        // `…, Early says`: a name with its own verb of speech is no part of a reported clause.
        let in_report = reported && !speaks;
        // `the effect Sinwar may have`: a name after a determiner and a common noun opens a
        // clause that tells about the noun.
        let contact_clause = start >= 2
            && is_determiner(toks[start - 2].lower())
            && toks[start - 1].is_word()
            && !toks[start - 1].is_capitalised()
            && {
                let noun = toks[start - 1].lower_stem();
                !is_person_noun(noun)
                    && !is_organisation_noun(noun)
                    && !is_title(noun)
                    && !is_speech_verb(noun)
                    && !noun.ends_with("ed")
                    && !noun.ends_with("ing")
            }
            && next.is_some_and(|n| looks_like_verb(n, &toks[start..=end]) || n.lower() == "may");
        let subordinate = in_report
            || contact_clause
            || is_subordinate_at(toks, start)
            || (start > 0
                && is_speech_verb(toks[start - 1].lower())
                && next.is_some_and(|n| looks_like_verb(n, &toks[start..=end])));
        let subject = !place
            && !subordinate
            && next.is_some_and(|n| {
                n.is_punct(',') || n.lower() == "who" || looks_like_verb(n, &toks[start..=end])
            });
        // `under cross-examination by Mpofu, he said`, `who visited Geingob hours before`:
        // a name after a preposition or a verb in the past is its object, no subject.
        let object = start > 0 && {
            let before = &toks[start - 1];
            let w = before.lower();
            matches!(w, "by" | "with" | "against" | "for" | "about" | "on" | "to")
                || (before.is_word()
                    && !before.is_capitalised()
                    && !is_speech_verb(w)
                    && (w.ends_with("ed") || is_irregular_past(w)))
        };
        // `“…,” explains Radek Babicek from Acme`: a name right after the verb that follows a
        // quote is its speaker, as salient as a subject.
        let closes_quote = |j: usize| toks[j].text.starts_with(['”', '"', '’', '\'', '»']);
        let inverted_speaker = start >= 2
            && (closes_quote(start - 2)
                || (start >= 3 && toks[start - 2].is_punct(',') && closes_quote(start - 3)))
            && !last.strip_possessive().1
            && is_strong_speech_verb(toks[start - 1].lower())
            && !names_its_listener(toks[start - 1].lower())
            && !next.is_some_and(|n| looks_like_verb(n, &toks[start..=end]));
        // `As for Obama, he seems optimistic`: a name set up as the topic is who the clause
        // after it is about.
        let topic = start >= 2
            && toks[start - 2].lower() == "as"
            && matches!(toks[start - 1].lower(), "for" | "to")
            && next.is_some_and(|n| n.is_punct(','));
        let salient = !place
            && !in_report
            && ((subject && !object) || introduced || inverted_speaker || topic);
        let role_gender = roles.iter().find_map(|r| honorific_gender(r));
        // `Sarah Lind`, `Mr Gove`, `analyst X`, `X, 54,`, `X said`
        let titled = sovereign || run.len() > name.len() && run.iter().any(|t| is_title(t.lower()));
        let aged = next.is_some_and(|n| n.is_punct(','))
            && toks
                .get(end + 2)
                .is_some_and(|t| t.text.bytes().all(|b| b.is_ascii_digit()));
        let speaks = speaks || inverted_speaker;
        let person_sign = honorific.is_some() || titled || !roles.is_empty() || aged;
        let personal = person_sign || speaks;
        let id = match (known, titled_surname) {
            (Some(id), _) => id,
            (None, Some(title)) => {
                let (stem, _) = last.strip_possessive();
                let title = title.text.trim_end_matches('.');
                let id = self.new_titled_identity(format!("{title} {stem}"), stem, by_surname);
                self.identities[id].title = Some(title.to_lowercase());
                id
            }
            (None, None) => {
                let mut text = join(body, name);
                let (stem, possessive) = last.strip_possessive();
                if possessive {
                    text.truncate(text.len() - (last.text.len() - stem.len()));
                }
                match by_name.get(&text) {
                    Some(&id) => id,
                    None => match self.new_identity(text, by_surname, by_first) {
                        Some(id) => {
                            by_name.insert(self.identities[id].name.clone(), id);
                            id
                        }
                        None => return,
                    },
                }
            }
        };
        for role in &roles {
            let ids = self.by_role.entry(role.clone()).or_default();
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
        // `Pop star Lily Marsh`: the description may be part of the run.
        let name_start = name
            .first()
            .and_then(|first| run.iter().position(|t| t.start == first.start))
            .map_or(start, |k| start + k);
        for (word, head) in description_words(toks, name_start, end) {
            let key = description_key(word);
            let described = Described {
                id,
                at: run[0].start,
                head,
            };
            match self.by_description.get_mut(key) {
                Some(entries) => {
                    // The most recent are the ones looked up: the oldest go, a batch at a
                    // time, so that hostile input stays linear.
                    if entries.len() >= 2 * LOOK_BACK {
                        entries.drain(..LOOK_BACK);
                    }
                    entries.push(described);
                }
                None => {
                    self.by_description.insert(key.to_string(), vec![described]);
                }
            }
        }
        let identity = &mut self.identities[id];
        identity.gender = identity.gender.or(honorific).or(role_gender);
        identity.roles.extend(roles);
        identity.spoke |= speaks;
        identity.personal |= personal || identity.gender.is_some();
        identity.person_sign |= person_sign || identity.gender.is_some();
        identity.mentions.push(run[0].start);
        self.people.push(Person {
            at: run[0].start,
            id,
            salient,
        });
    }

    /// A person first named (with at least two words) as `text`: its index.
    fn new_identity(
        &mut self,
        text: String,
        by_surname: &mut HashMap<String, usize>,
        by_first: &mut HashMap<String, usize>,
    ) -> Option<usize> {
        let words = name_words(&text);
        if words.len() < 2 {
            return None;
        }
        let id = self.identities.len();
        if let Some(surname) = words.last() {
            by_surname.insert(surname.clone(), id);
        }
        // `Lloyd-Hurwitz` alone, as well as `Hurwitz`.
        if let Some(last_word) = text.split_whitespace().last()
            && last_word.contains('-')
        {
            let last_word = lowercase_aligned(last_word.trim_end_matches('.'));
            by_surname.insert(last_word.into_owned(), id);
        }
        by_first.entry(words[0].clone()).or_insert(id);
        for word in &words {
            let ids = self.by_word.entry(word.clone()).or_default();
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
        let gender = given_name_gender(&words[0]);
        self.identities.push(Identity::new(text, words, gender));
        Some(id)
    }

    /// A person known only by title and surname (`Mr Harwood`): found again by the surname.
    fn new_titled_identity(
        &mut self,
        text: String,
        surname: &str,
        by_surname: &mut HashMap<String, usize>,
    ) -> usize {
        let id = self.identities.len();
        let word = lowercase_aligned(surname).into_owned();
        by_surname.insert(word.clone(), id);
        self.by_word.entry(word.clone()).or_default().push(id);
        self.identities.push(Identity::new(text, vec![word], None));
        id
    }

    fn gender(&self, p: &Person) -> Option<Gender> {
        self.identities[p.id].gender
    }

    /// The mention (index into `people`) a pronoun or an epithet at `at` stands for: the
    /// person most recently introduced before it (a salient mention), whose gender does not
    /// contradict; failing that, anyone mentioned whose gender fits.
    fn antecedent(&self, at: usize, gender: Option<Gender>) -> Option<usize> {
        self.antecedent_where(at, gender, &|_| true)
    }

    /// [`Cast::antecedent`] among the identities that pass `fits`.
    fn antecedent_where(
        &self,
        at: usize,
        gender: Option<Gender>,
        fits_kind: &dyn Fn(&Identity) -> bool,
    ) -> Option<usize> {
        let end = self.people.partition_point(|p| p.at < at);
        let window = end.saturating_sub(LOOK_BACK)..end;
        let fits = |p: &Person| {
            (gender.is_none() || self.gender(p).is_none() || self.gender(p) == gender)
                && fits_kind(&self.identities[p.id])
        };
        let personal = |p: &Person| self.identities[p.id].personal;
        let find = |test: &dyn Fn(&Person) -> bool| {
            window.clone().rev().find(|&k| {
                let p = &self.people[k];
                fits(p) && test(p)
            })
        };
        find(&|p| p.salient && personal(p))
            .or_else(|| find(&|p| personal(p)))
            .or_else(|| find(&|p| p.salient))
            .or_else(|| find(&|_| true))
    }

    /// The first person named for the first time inside `range` (and, if `salient`,
    /// introduced there as a subject, or with a role or an appositive, as a person) whose
    /// gender fits.
    fn introduced_between(
        &self,
        range: Range<usize>,
        gender: Option<Gender>,
        salient: bool,
    ) -> Option<String> {
        let from = self.people.partition_point(|p| p.at < range.start);
        self.people[from..]
            .iter()
            .take(LOOK_BACK)
            .take_while(|p| p.at < range.end)
            .find(|p| {
                let identity = &self.identities[p.id];
                let fits =
                    gender.is_none() || identity.gender.is_none() || identity.gender == gender;
                identity.mentions.first() == Some(&p.at)
                    && (!salient || (p.salient && identity.person_sign))
                    && fits
            })
            .map(|p| self.identities[p.id].name.clone())
    }

    /// What `they` stands for: an organisation last named, or a person of unknown gender
    /// introduced after it (`Kym Lino, a spokesperson, … they said`).
    fn they(&self, body: &str, at: usize) -> Option<String> {
        let end = self.organisations.partition_point(|o| o.at < at);
        let organisation = self.organisations[..end]
            .iter()
            .rev()
            .find(|o| o.salient)
            .or(self.organisations[..end].last());
        let since = organisation.map_or(0, |o| o.at);
        let person = self.antecedent(at, None).filter(|&p| {
            let person = &self.people[p];
            person.at > since && person.salient && self.gender(person).is_none()
        });
        let since = person.map_or(since, |p| since.max(self.people[p].at));
        // `Residents were split. They told the Gazette …`: a group written as a subject
        // after both.
        let group = self.groups[..self.groups.partition_point(|g| g.start < at)]
            .last()
            .filter(|g| g.start > since);
        match (group, person) {
            (Some(g), _) => body.get(g.clone()).map(str::to_string),
            (None, Some(p)) => Some(self.name_of(p)),
            (None, None) => organisation.map(|o| o.name(body)),
        }
    }

    /// What `it` (`it said in a statement`) or a description such as `the company` stands
    /// for: the organisation most recently written as a subject before `at`, or a name
    /// that shows no sign of a person (`Northwind Motors said …`) written as one, whichever
    /// came later; failing both, the latest of those named at all (`Shares in Marks &
    /// Spencer fell`). Only names that pass `fits` count.
    fn organisation_like(
        &self,
        body: &str,
        at: usize,
        fits: &dyn Fn(&str) -> bool,
    ) -> Option<String> {
        let end = self.organisations.partition_point(|o| o.at < at);
        let organisations = self.organisations[end.saturating_sub(LOOK_BACK)..end]
            .iter()
            .rev()
            // The name as written: what `fits` asks of it does not depend on its spacing,
            // and no string is built for the organisations passed over.
            .filter(|o| fits(body.get(o.name.clone()).unwrap_or("")));
        let end = self.people.partition_point(|p| p.at < at);
        let unlike_people = self.people[end.saturating_sub(LOOK_BACK)..end]
            .iter()
            .rev()
            .filter(|p| {
                let identity = &self.identities[p.id];
                // `Airbus A320` is a product, not who speaks for one.
                !identity.person_sign && !is_numbered(&identity.name) && fits(&identity.name)
            });
        // Of an organisation and a name without a person's sign, the later one.
        let later = |o: Option<&Organisation>, p: Option<&Person>| match (o, p) {
            (Some(o), Some(p)) if p.at > o.at => Some(self.identities[p.id].name.clone()),
            (Some(o), _) => Some(o.name(body)),
            (None, p) => p.map(|p| self.identities[p.id].name.clone()),
        };
        let subject = organisations.clone().find(|o| o.salient);
        let named_subject = unlike_people.clone().find(|p| p.salient);
        if subject.is_some() || named_subject.is_some() {
            return later(subject, named_subject);
        }
        later(organisations.clone().next(), unlike_people.clone().next())
    }

    /// The organisation a description without a name stands for (`the company said`, `the
    /// paper's editorial board`; `head` is its noun), as [`Cast::organisation_like`] finds
    /// it among those of its kind: a news outlet for an outlet's noun, else neither an
    /// outlet (`Boeing`, not the `Chicago Tribune` that interviewed its chief) nor a
    /// numbered product or flight (`an Airbus A320-200`); failing those, any.
    fn organisation_of_kind(&self, body: &str, at: usize, head: &str) -> Option<String> {
        let media = is_media_noun(head);
        let of_kind = |name: &str| !is_numbered(name) && is_news_outlet(name) == media;
        self.organisation_like(body, at, &of_kind)
            .or_else(|| self.organisation_like(body, at, &|_| true))
    }

    fn name_of(&self, person: usize) -> String {
        self.identities[self.people[person].id].name.clone()
    }

    /// The identity among `ids` mentioned most recently before `at`, or else first after.
    fn nearest(
        &self,
        ids: &[usize],
        at: usize,
        test: impl Fn(&Identity) -> bool,
    ) -> Option<String> {
        // The most recent few suffice; hostile input may give thousands.
        ids.iter()
            .rev()
            .take(LOOK_BACK)
            .map(|&id| &self.identities[id])
            .filter(|i| test(i))
            .max_by_key(|i| i.nearness(at))
            .map(|i| i.name.clone())
    }

    /// The fullest name for a person mention: the most recent earlier person whose name
    /// ends with the same words (or starts with the one word given), or the first later one.
    fn fullest_name(
        &self,
        mention: &str,
        at: usize,
        gender: Option<Gender>,
        role: Option<&str>,
    ) -> Option<String> {
        let words = name_words(mention);
        let ids = self.by_word.get(words.last()?)?;
        // `Mrs Reed` is not the `Mr Reed` of the same article.
        let title = mention
            .split_whitespace()
            .rev()
            .nth(1)
            .map(|w| w.trim_end_matches('.').to_lowercase())
            .or(role.map(str::to_string))
            .filter(|w| is_surname_title(w));
        self.nearest(ids, at, |i| {
            i.words.len() >= words.len()
                && (i.words.ends_with(&words) || (words.len() == 1 && i.words[0] == words[0]))
                && title.as_deref().is_none_or(|t| title_fits(i, t))
                // `Mrs Orme said`, read as `Orme` of a woman: not `Mr Orme`.
                && (gender.is_none() || i.gender.is_none() || i.gender == gender)
        })
    }

    /// The person the article names with `role`: the most recent before `at`, or the first
    /// after.
    fn holder_of(&self, role: &str, at: usize) -> Option<String> {
        self.nearest(self.by_role.get(role)?, at, |_| true)
    }

    /// The person the article described, before `at`, with the head noun `head` next to
    /// their name: of several, the one whose description shares most of `words` (`the
    /// Arsenal manager`: `Arsenal boss Arsene Wenger`, not `Everton manager David Moyes`),
    /// then the most recent (a later one, `Democratic front-runner Clinton`, is someone else
    /// being introduced).
    fn described_as(&self, words: &[String], head: &str, at: usize) -> Option<String> {
        let written = |word: &str| {
            let entries = self.by_description.get(description_key(word));
            let entries = entries.map_or(&[][..], Vec::as_slice);
            let before = &entries[..entries.partition_point(|d| d.at < at)];
            &before[before.len().saturating_sub(LOOK_BACK)..]
        };
        let candidates = written(head);
        if candidates.is_empty() {
            return None;
        }
        // How many of the description's other words each person was described with.
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for word in words.iter().filter(|w| w.as_str() != head).take(8) {
            let mut ids: Vec<usize> = written(word).iter().map(|d| d.id).collect();
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
                *shared.entry(id).or_default() += 1;
            }
        }
        let best = candidates
            .iter()
            .filter(|d| d.head)
            .max_by_key(|d| (shared.get(&d.id).copied().unwrap_or(0), d.at))?;
        Some(self.identities[best.id].name.clone())
    }

    /// The person most recently described, before `at`, with the modifier `word` (`French`
    /// in `French midfielder Julien Morel`), whose gender does not contradict `gender`, among
    /// the people mentioned recently enough to be an antecedent.
    fn described_with(&self, word: &str, at: usize, gender: Option<Gender>) -> Option<String> {
        let entries = self.by_description.get(description_key(word))?;
        let before = &entries[..entries.partition_point(|d| d.at < at)];
        let end = self.people.partition_point(|p| p.at < at);
        let since = self.people.get(end.saturating_sub(LOOK_BACK))?.at;
        let fits = |d: &&Described| {
            let known = self.identities[d.id].gender;
            d.at >= since && (gender.is_none() || known.is_none() || known == gender)
        };
        let last = before.iter().rev().take(LOOK_BACK).find(fits)?;
        Some(self.identities[last.id].name.clone())
    }

    /// The organisation a description such as `the bureau` or `the conservation
    /// department` refers to: the most recent one before `at` whose name holds every
    /// content word of the description, else its head noun; else the first one after.
    fn organisation_described(
        &self,
        body: &str,
        description: &[String],
        at: usize,
    ) -> Option<String> {
        if description.is_empty() {
            return None;
        }
        let end = self.organisations.partition_point(|o| o.at <= at);
        let named = |test: &dyn Fn(&[String]) -> bool| {
            self.organisations[..end]
                .iter()
                .rev()
                .take(LOOK_BACK)
                .map(|o| o.name(body))
                .find(|name| test(&name_words(name)))
        };
        // Every word (`the conservation department`), else the head noun alone (`the
        // ruling party` → the Fiji Labour Party, `the central bank` → the Reserve Bank).
        let head = description.last()?;
        named(&|words| description.iter().all(|w| words.contains(w)))
            .or_else(|| named(&|words| words.contains(head)))
            .or_else(|| {
                // Named only later (`The ruling party has vowed … The Fiji Labour Party`).
                self.organisations[end..]
                    .iter()
                    .take(LOOK_BACK)
                    .map(|o| o.name(body))
                    .find(|name| name_words(name).contains(head))
            })
    }
}

/// Titles whose holder is known by one name after them (`King Charles`, `Pope Leo`).
fn is_sovereign_title(word: &str) -> bool {
    matches!(
        word,
        "king" | "queen" | "prince" | "princess" | "pope" | "emperor" | "empress"
    )
}

/// Is the word before token `k` a subordinator inside its sentence (`alleged that Munir
/// was`)? A clause put before its main one (`If Biden steps down, …`) is about its subject.
fn is_subordinate_at(toks: &[Tok], k: usize) -> bool {
    k > 0 && is_subordinator(toks[k - 1].lower()) && {
        let opens = |j: usize| j == 0 || !(toks[j - 1].is_word() || toks[j - 1].is_punct(','));
        let connective = |j: usize| {
            j > 0 && matches!(toks[j - 1].lower(), "but" | "and" | "so" | "yet") && opens(j - 1)
        };
        !(opens(k - 1) || connective(k - 1))
    }
}

/// Where the clause reported by a sentence's verb of speech (or thought) begins: who is
/// named in it is what the speaker talks of, not who the story follows (`Trump said in his
/// proclamation that his nominee, Howard Lutnick, …`). The paragraph's words are read up to
/// a name only when a name asks, once each.
#[derive(Default)]
struct ReportedClause {
    /// The first word of the reported clause, while one is open.
    from: Option<usize>,
    /// Words before this one have been read.
    read: usize,
}

impl ReportedClause {
    /// Is token `k` inside a reported clause? `k` never goes back.
    fn covers(&mut self, toks: &[Tok], k: usize) -> bool {
        while self.read <= k {
            let j = self.read;
            match self.from {
                None if reports_a_clause(toks, j) => self.from = Some(j + 1),
                Some(_) if ends_reported_clause(toks, j) => self.from = None,
                _ => {}
            }
            self.read += 1;
        }
        self.from.is_some_and(|from| k > from)
    }
}

/// Does token `k` report a clause: a verb of speech or thought after its subject (`Trump
/// said in his proclamation that …`, `thinks boss X would …`)? A verb after a quote or a
/// comma (`“…,” said X`) has its speaker next, `according to X` its source, `quoted X as
/// saying` its speaker, and `told X` its listener.
fn reports_a_clause(toks: &[Tok], k: usize) -> bool {
    // Cheap tests first: this is asked of every word.
    if k == 0 || !toks[k - 1].is_word() || !toks[k].is_word() || toks[k].is_capitalised() {
        return false;
    }
    let w = toks[k].lower();
    // `the tweets`, `her remarks`: after a determiner (possessives too) the word is a noun.
    is_speech_verb(w)
        && !is_determiner(toks[k - 1].lower())
        && !names_its_listener(w)
        && !matches!(w, "according" | "quoted" | "called" | "calls")
}

/// Does token `k` end the clause a verb of speech reports: a sentence's end, a semicolon,
/// or a new main clause joined by `, and` / `, but`?
fn ends_reported_clause(toks: &[Tok], k: usize) -> bool {
    let t = &toks[k];
    match t.is_word() {
        true => k > 0 && toks[k - 1].is_punct(',') && matches!(t.lower(), "and" | "but"),
        false => matches!(t.text.as_bytes().first(), Some(b'.' | b'?' | b'!' | b';')),
    }
}

/// Words that open a subordinate clause: its subject is not what the story is about next.
fn is_subordinator(word: &str) -> bool {
    matches!(
        word,
        "that"
            | "whether"
            | "if"
            | "because"
            | "although"
            | "though"
            | "while"
            | "since"
            | "before"
            | "after"
            | "when"
            | "until"
            | "once"
            // `detail about how Keane recruited girls`: an embedded question.
            | "how"
            | "why"
    )
}

/// Does token `k` open a clause with a plural word for people or bodies and its verb
/// (`Residents said`, `Analysts were unimpressed`, `police confirmed`, `Unions reacted`)?
fn is_group_subject(toks: &[Tok], k: usize) -> bool {
    let word = toks[k].lower();
    let opens = k == 0 || toks[k - 1].is_punct('.') || toks[k - 1].is_punct(',');
    // Most words open nothing: the word lists below are not looked at for them.
    if !opens {
        return false;
    }
    let plural = word
        .strip_suffix('s')
        .is_some_and(|w| is_person_noun(w) || is_organisation_noun(w))
        || matches!(word, "police" | "people");
    opens
        && plural
        && toks.get(k + 1).is_some_and(|n| {
            looks_like_verb(n, &toks[k..=k]) || matches!(n.lower(), "were" | "are")
        })
}

/// Words before a name that make it an object or a place (`told WIRED`, `at Rio Tinto`).
fn is_preposition_or_verb(word: &str) -> bool {
    matches!(
        word,
        "to" | "at" | "in" | "for" | "from" | "with" | "by" | "of" | "on" | "told" | "tells"
    )
}

/// Can `word` head a description of one person (`singer`, `front-runner`, `donor`,
/// `spokesman`)? A person noun or a word for someone who does something; not a thing
/// (`document`, `organisation`), a plural or a verb form.
fn is_description_head(word: &str) -> bool {
    word.chars().all(|c| c.is_alphabetic() || c == '-')
        && !is_speech_verb(word)
        && (is_person_noun(word)
            || is_agent_noun(word)
                && !is_not_a_name(word)
                && !is_organisation_noun(word)
                && !is_document_noun(word))
}

/// A word for someone who does something (`singer`, `campaigner`, `analyst`,
/// `historian`, `resident`), by its ending: read only where a person is expected.
fn is_agent_noun(word: &str) -> bool {
    ["er", "or", "ist", "ian", "ant", "ent"]
        .iter()
        .any(|end| word.ends_with(end))
}

/// Content words of a description, lower case (`the conservation department` →
/// `conservation`, `department`).
fn content_words(text: &str) -> Vec<String> {
    // A possessive or a plural `s` goes; a word's own (`boss`, `actress`) stays.
    fn stem(w: &str) -> &str {
        let w = w.trim_end_matches(['’', '\'']);
        let w = w
            .strip_suffix("’s")
            .or_else(|| w.strip_suffix("'s"))
            .unwrap_or(w);
        match w.strip_suffix('s') {
            Some(single) if !single.ends_with('s') => single,
            _ => w,
        }
    }
    text.split_whitespace()
        .map(|w| lowercase_aligned(stem(w)).into_owned())
        .filter(|w| !w.is_empty() && !is_not_a_name(w) && !matches!(w.as_str(), "then" | "its"))
        .collect()
}

/// The long form of an acronym (`CMA` → `Competition and Markets Authority`) or a clipped
/// name (`the Fed` → `Federal Reserve`) the article writes somewhere: a run of capitalised
/// words (joined by `and`, `of`, `for`, `the`, `&`) whose initials spell it.
fn expand_short_name(body: &str, paragraph_words: &[Vec<Tok>], short: &str) -> Option<String> {
    let letters: Vec<char> = short.chars().filter(|c| c.is_alphabetic()).collect();
    let acronym = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let clipped = !acronym && (3..=5).contains(&letters.len());
    if !acronym && !clipped {
        return None;
    }
    let small = |t: &Tok| matches!(t.lower(), "and" | "of" | "for" | "the" | "on" | "&");
    // `the Netherlands Organisation for Applied Scientific Research (TNO)`: a name with its
    // short form in brackets after it, whatever letters the short form takes.
    if acronym {
        for toks in paragraph_words {
            for k in 2..toks.len().saturating_sub(1) {
                if toks[k].text == short && toks[k - 1].is_punct('(') && toks[k + 1].is_punct(')') {
                    let end = k - 1;
                    let mut start = end;
                    while start > 0
                        && end - start < 10
                        && (toks[start - 1].is_capitalised()
                            || (small(&toks[start - 1])
                                && start >= 2
                                && toks[start - 2].is_capitalised()))
                    {
                        start -= 1;
                    }
                    if end - start >= 2 {
                        return Some(join(body, &toks[start..end]));
                    }
                }
            }
        }
    }
    for toks in paragraph_words {
        for start in 0..toks.len() {
            if !toks[start].is_capitalised() {
                continue;
            }
            if clipped {
                let word = toks[start].text;
                let next_capital = toks.get(start + 1).is_some_and(Tok::is_capitalised);
                if word.len() > short.len() && word.starts_with(short) && next_capital {
                    let end = start
                        + 1
                        + toks[start + 1..]
                            .iter()
                            .take_while(|t| t.is_capitalised())
                            .count();
                    return Some(join(body, &toks[start..end]));
                }
                continue;
            }
            let mut k = start;
            let mut matched = 0;
            while k < toks.len() && matched < letters.len() {
                let t = &toks[k];
                if t.is_capitalised() && t.text.starts_with(letters[matched]) {
                    matched += 1;
                } else if !(small(t) && k > start) {
                    break;
                }
                k += 1;
            }
            let followed = toks.get(k).is_some_and(Tok::is_capitalised);
            if matched == letters.len() && k - start > 1 && !followed {
                return Some(join(body, &toks[start..k]));
            }
        }
    }
    None
}

/// Resolves speakers against the article's cast.
struct Resolver<'r> {
    article: &'r Article,
    paragraph_words: &'r [Vec<Tok<'r>>],
    cast: Cast,
    /// Acronyms already expanded.
    expanded: HashMap<String, Option<String>>,
}

impl Resolver<'_> {
    fn speaker_name(&mut self, mention: &Mention, at: usize) -> Option<String> {
        match mention.kind {
            MentionKind::Person => {
                // `Patel and Morgan`: both, each by their fullest name.
                let mut names: Vec<String> = Vec::new();
                for part in mention.text.split(" and ") {
                    let gender = mention.gender.filter(|_| !mention.text.contains(" and "));
                    let role = mention.role.as_deref();
                    let name = match self.cast.fullest_name(part, at, gender, role) {
                        Some(name) => name,
                        // `the Fed said`: a clipped name the article spells out somewhere.
                        None if !part.contains(' ') => {
                            self.expand(part).unwrap_or_else(|| part.to_string())
                        }
                        None => part.to_string(),
                    };
                    names.push(name);
                }
                Some(names.join(" and "))
            }
            MentionKind::Organisation => {
                let short = mention.text.trim_start_matches("the ");
                Some(self.expand(short).unwrap_or_else(|| mention.text.clone()))
            }
            MentionKind::Pronoun => match mention.text.as_str() {
                "he" | "she" => self
                    .unnamed_speaker_before(mention.at.min(at), mention.gender)
                    .or_else(|| {
                        self.cast
                            .antecedent(mention.at.min(at), mention.gender)
                            .map(|p| self.cast.name_of(p))
                    }),
                "they" => self.cast.they(&self.article.body, mention.at.min(at)),
                "it" => {
                    let name = self.cast.organisation_like(
                        &self.article.body,
                        mention.at.min(at),
                        &|_| true,
                    )?;
                    Some(self.expand(&name).unwrap_or(name))
                }
                _ => None,
            },
            MentionKind::Description => Some(
                self.described(mention, at)
                    .unwrap_or_else(|| mention.text.clone()),
            ),
        }
    }

    /// `A Telvara spokesman said no decision had been taken. “…,” he said.`: a person
    /// described, never named (`a spokesman`, `one worker`), who opened a sentence of speech
    /// in this paragraph or the one before with nobody named since, is who `he` or `she`
    /// stands for there (gender permitting): the description as written.
    fn unnamed_speaker_before(&self, at: usize, gender: Option<Gender>) -> Option<String> {
        let paragraphs = self.paragraph_words;
        let k = paragraphs.partition_point(|toks| toks.first().is_some_and(|t| t.start < at));
        let named_since = |from: usize| {
            let people = &self.cast.people;
            let first = people.partition_point(|p| p.at < from);
            let last = people.partition_point(|p| p.at < at);
            // Mentions are in text order. A hostile paragraph's thousands are not read: so
            // many people mentioned since count as someone named.
            last.saturating_sub(first) > LOOK_BACK
                || people[first..last].iter().any(|p| {
                    let mentions = &self.cast.identities[p.id].mentions;
                    mentions.binary_search(&p.at).is_ok()
                })
        };
        for toks in paragraphs[k.saturating_sub(2)..k].iter().rev() {
            let end = toks.partition_point(|t| t.start < at);
            let toks = &toks[..end];
            let Some(start) = (0..toks.len()).rev().take(LOOK_BACK).find(|&i| {
                matches!(toks[i].lower(), "a" | "an" | "one")
                    && (i == 0 || toks[i - 1].is_punct('.'))
            }) else {
                continue;
            };
            let verb = toks[start + 1..]
                .iter()
                .take(6)
                .position(|t| !t.is_word() || is_speech_verb(t.lower()))
                .map(|j| start + 1 + j)?;
            let head = toks.get(verb.checked_sub(1)?)?.lower_stem();
            let person = is_person_noun(head) || head.starts_with("spokes");
            let fits = match (gender, honorific_gender(head)) {
                (Some(g), Some(h)) => g == h,
                _ => true,
            };
            if !is_speech_verb(toks[verb].lower()) || !person || !fits || verb - start < 2 {
                return None;
            }
            if named_since(toks[start].start) {
                return None;
            }
            return Some(join(&self.article.body, &toks[start..verb]));
        }
        None
    }

    /// The long form of an acronym or a clipped name, looked up once per article.
    fn expand(&mut self, short: &str) -> Option<String> {
        // Each expansion reads the article: a few dozen per article, not one per word of a
        // hostile text.
        if self.expanded.len() >= 32 && !self.expanded.contains_key(short) {
            return None;
        }
        let (body, words) = (&self.article.body, self.paragraph_words);
        self.expanded
            .entry(short.to_string())
            .or_insert_with(|| expand_short_name(body, words, short))
            .clone()
    }

    /// Who a definite description stands for: the holder of its role, the person an
    /// epithet describes (the one most recently introduced), or the organisation it names.
    fn described(&mut self, mention: &Mention, at: usize) -> Option<String> {
        // `the former England captain and Lions colossus`: one person described twice; the
        // whole (read by its last head), else the first description, else the second.
        if let Some((one, other)) = mention.text.split_once(" and ") {
            let part = |text: String| Mention {
                text,
                role: None,
                ..mention.clone()
            };
            let determiner = one.split_whitespace().next().unwrap_or("the");
            return self
                .described_one(mention, at)
                .or_else(|| self.described_one(&part(one.to_string()), at))
                .or_else(|| self.described_one(&part(format!("{determiner} {other}")), at));
        }
        self.described_one(mention, at)
    }

    fn described_one(&mut self, mention: &Mention, at: usize) -> Option<String> {
        let first = mention.text.split_whitespace().next()?;
        let definite = first.eq_ignore_ascii_case("the")
            || first.eq_ignore_ascii_case("this")
            || first.ends_with("’s")
            || first.ends_with("'s");
        if !definite {
            return self.identified_later(mention, at);
        }
        // `China's ambassador to Britain Liu Xiaming`: a name closing the description.
        let tail: Vec<&str> = mention.text.split_whitespace().rev().take(2).collect();
        if let [last, before] = tail[..]
            && [last, before]
                .iter()
                .all(|w| w.starts_with(char::is_uppercase))
            && !is_not_a_name(&lowercase_aligned(before))
            && let Some(name) = self
                .cast
                .fullest_name(&format!("{before} {last}"), at, None, None)
        {
            return Some(name);
        }
        // `the mother of four`, `the wife of the mayor`: the person noun before `of` heads it.
        let text = match mention.text.split_once(" of ") {
            Some((noun_phrase, _))
                if noun_phrase
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| is_person_noun(&lowercase_aligned(w))) =>
            {
                noun_phrase
            }
            _ => mention.text.as_str(),
        };
        let words = content_words(text);
        let head = words.last()?;
        // `the singer said`, after `pop singer Lily Marsh`: the person described so.
        if is_description_head(head)
            && let Some(person) = self.cast.described_as(&words, head, mention.at.min(at))
        {
            return Some(person);
        }
        if let Some(holder) = mention
            .role
            .as_deref()
            .and_then(|role| self.cast.holder_of(role, at))
        {
            return Some(holder);
        }
        // `the Chelsea-born star`: a person noun written in lower case is a person, even
        // where the word also names an outlet (`the Star`).
        let person_head = is_person_noun(head)
            && mention
                .text
                .split_whitespace()
                .last()
                .is_some_and(|w| w.starts_with(char::is_lowercase));
        if !person_head && (is_organisation_noun(head) || is_document_noun(head)) {
            let body = &self.article.body;
            if let Some(named) = self.cast.organisation_described(body, &words, at) {
                return Some(named);
            }
            // `a letter to the party from administrators at X`, then `The letter said`.
            if is_document_noun(head)
                && let Some(author) = self.document_sender(head, mention.at.min(at))
            {
                return Some(author);
            }
            // `the airline said`, `the company added`: the organisation the story is
            // about, written as a subject last (`Russia's foreign ministry` names its own).
            let generic = !mention
                .text
                .split_whitespace()
                .skip(1)
                .any(|w| w.starts_with(char::is_uppercase));
            if !(generic && is_organisation_noun(head)) {
                return None;
            }
            let name = self
                .cast
                .organisation_of_kind(body, mention.at.min(at), head)?;
            return Some(self.expand(&name).unwrap_or(name));
        }
        // `the Frenchman`, after `French midfielder Julien Morel`: the person described by
        // the nationality.
        // `the Frenchman` is a man: `French defender Marie Dubois`, named later, is not him.
        let written = mention.text.rsplit(' ').next().unwrap_or_default();
        if let Some(nationality) = nationality_of(head, written)
            && let Some(person) = self.cast.described_with(
                nationality,
                mention.at.min(at),
                demonym_gender(head).or(mention.gender),
            )
        {
            return Some(person);
        }
        // (Words merely shaped like a person noun, `the narrator`, `the organizer`, are not
        // enough: an advert's narrator is nobody named in the story.)
        let epithet = is_person_noun(head) || is_person_epithet(head);
        if mention.role.is_some() || epithet {
            let gender = honorific_gender(head).or(mention.gender);
            let at = mention.at.min(at);
            // `the striker`, `the star`: a word for what someone is as a player or a
            // performer does not stand for someone introduced with an office of another
            // kind (the manager, the agent, the chief executive), however recent; with no
            // one else to stand for, the description stays as written.
            // `the former Leeds defender` may well manage a club now.
            let former = words.iter().any(|w| w == "former" || w.starts_with("ex-"));
            // Someone known only by title and surname is what a description stands for
            // only if introduced with a description (`Mr Reed, the headteacher`) or as a
            // speaker (`Mr Harwood told the Today programme … the home secretary said`),
            // not when merely met (`Mr Reed was jailed`, then `the judge said`): the
            // description then stays as written.
            let introduced = |identity: &Identity| {
                identity.title.is_none() || identity.spoke || !identity.roles.is_empty()
            };
            if mention.role.is_none() && names_a_kind_of_performer(head) && !former {
                let fits = |identity: &Identity| {
                    introduced(identity)
                        && !identity.roles.iter().any(|r| r != head && is_office(r))
                };
                return self
                    .cast
                    .antecedent_where(at, gender, &fits)
                    .map(|p| self.cast.name_of(p));
            }
            // The converse: `the agent`, `the lawyer`, `the coach` works for someone; a
            // person introduced only as a player or a performer (`Striker Tom Reed`) is
            // not them.
            // An office (`the judge`, `the lawyer`) stands only for someone introduced
            // with that office.
            if is_office(head) {
                let fits = |identity: &Identity| {
                    introduced(identity)
                        && !(identity.roles.iter().any(|r| names_a_kind_of_performer(r))
                            && identity.roles.iter().all(|r| !is_office(r)))
                };
                return self
                    .cast
                    .antecedent_where(at, gender, &fits)
                    .map(|p| self.cast.name_of(p));
            }
            return self
                .cast
                .antecedent_where(at, gender, &introduced)
                .map(|p| self.cast.name_of(p));
        }
        None
    }

    /// Who sent the document a description such as `the letter` stands for: the phrase after
    /// `from` where the article last wrote that document noun (`a letter to the party from
    /// administrators at Touche Ross`), looked for in the paragraphs before `at`.
    fn document_sender(&self, noun: &str, at: usize) -> Option<String> {
        let paragraphs = self.paragraph_words;
        let last = paragraphs.partition_point(|toks| toks.first().is_some_and(|t| t.start < at));
        for toks in paragraphs[last.saturating_sub(3)..last].iter().rev() {
            let Some(k) = toks
                .iter()
                .rposition(|t| t.start < at && t.lower_stem() == noun)
            else {
                continue;
            };
            // `The Conservatives’ letter to the commissioner said`: its owner wrote it.
            if k >= 2 && toks[k - 1].is_capitalised() && toks[k - 1].strip_possessive().1 {
                let start = toks[..k - 1]
                    .iter()
                    .rposition(|t| !t.is_capitalised())
                    .map_or(0, |s| s + 1);
                if let Some(m) = read_phrase(&self.article.body, &toks[start..=k]).filter(|m| {
                    m.kind != MentionKind::Description && m.kind != MentionKind::Pronoun
                }) {
                    return Some(m.text);
                }
            }
            let sender = toks[k + 1..]
                .iter()
                .take(8)
                .take_while(|t| !t.is_punct('.') && !t.is_punct(','))
                .position(|t| t.lower() == "from")?;
            let after = &toks[k + 2 + sender..];
            let phrase = &after[..after
                .iter()
                .take(8)
                .take_while(|t| t.is_word() && !matches!(t.lower(), "who" | "which" | "that"))
                .count()];
            let body = &self.article.body;
            // `administrators from Touche Ross`: a description naming where they work is
            // the sender as written.
            return match read_phrase(body, phrase) {
                Some(m) if m.kind != MentionKind::Pronoun => Some(m.text),
                Some(_) => None,
                None => phrase
                    .iter()
                    .any(Tok::is_capitalised)
                    .then(|| join(body, phrase)),
            };
        }
        None
    }

    /// `An expert has claimed …`, then `Royal commentator Lee Cohen was …`: news often
    /// names a speaker first described with `a`/`an` only in the paragraphs that follow (a
    /// delayed identification). The first person introduced there, as a subject or with a
    /// role, whose gender fits; nobody when no one new is introduced within two paragraphs.
    fn identified_later(&self, mention: &Mention, at: usize) -> Option<String> {
        let first = mention.text.split_whitespace().next()?;
        if !(first.eq_ignore_ascii_case("a") || first.eq_ignore_ascii_case("an")) {
            return None;
        }
        let words = content_words(&mention.text);
        let head = words.last()?;
        // `a senior headteacher`, `an analyst`: a person noun, or a word for someone who
        // does something; spokespeople, officials and sources are seldom named later.
        let agent = is_agent_noun(head);
        // `A leading charity has warned …`, then `The Hartley Trust said`: an organisation
        // described with `a` is the first one written as a subject in the next two
        // paragraphs (none there: the description as written).
        if is_organisation_noun(head) {
            let from = mention.at.max(at);
            let to = self.end_of_next_two_paragraphs(from);
            let start = self.cast.organisations.partition_point(|o| o.at < from);
            return self.cast.organisations[start..]
                .iter()
                .take(LOOK_BACK)
                .take_while(|o| o.at < to)
                .find(|o| o.salient)
                .map(|o| o.name(&self.article.body));
        }
        let anonymous = head.starts_with("spokes")
            || matches!(
                head.as_str(),
                "source" | "official" | "insider" | "aide" | "representative" | "member"
            );
        if anonymous || !(mention.role.is_some() || is_person_noun(head) || agent) {
            return None;
        }
        let from = mention.at.max(at);
        let to = self.end_of_next_two_paragraphs(from);
        let gender = honorific_gender(head).or(mention.gender);
        self.cast.introduced_between(from..to, gender, true)
    }

    /// Where the paragraph holding `from` and the two after it end (the body's end when
    /// fewer follow): how far a later identification is looked for.
    fn end_of_next_two_paragraphs(&self, from: usize) -> usize {
        let paragraphs = &self.article.paragraphs;
        let k = paragraphs.partition_point(|p| p.range.end <= from);
        paragraphs
            .get(k + 2)
            .map_or(self.article.body.len(), |p| p.range.end)
    }

    /// A quote that stands as a paragraph of its own with no attribution: the person the
    /// text just before is about (its salient mention in this paragraph or the one before).
    fn about(&self, paragraph_start: usize, at: usize) -> Option<String> {
        let people = &self.cast.people;
        let from = people.partition_point(|p| p.at < paragraph_start);
        let to = people.partition_point(|p| p.at < at);
        let recent = &people[from.max(to.saturating_sub(LOOK_BACK))..to];
        let personal = |p: &&Person| self.cast.identities[p.id].personal;
        let near = recent
            .iter()
            .rev()
            .filter(personal)
            .find(|p| p.salient)
            .or_else(|| recent.iter().rev().find(personal))
            .or_else(|| recent.last());
        match near {
            Some(p) => Some(self.cast.identities[p.id].name.clone()),
            // Nobody named just before: the person the story is about so far.
            None => self.cast.antecedent(at, None).map(|p| self.cast.name_of(p)),
        }
    }
}

/// `“…,” Mr Smith’s lawyer said.`, `Her agent said: “…”`: a quote whose tag, next to it,
/// gives its speaker as someone's (a lawyer, an agent, a mother) in words that could not be
/// read as a speaker. The owner named there is by those words not the speaker, so neither
/// is the person the story was about just before, whom a quote standing alone goes to.
fn has_owned_speaker(body: &str, paragraph_words: &[Vec<Tok>], f: &Found) -> bool {
    let span = &f.span.outer;
    // The subject right before the tag's verb is a common noun owned by a possessive
    // (`Mr Smith’s lawyer said`, not `in his letter Mrs Thatcher said`).
    let owned = |tag: &[Tok]| {
        let verb = tag
            .iter()
            .position(|t| t.is_word() && is_strong_speech_verb(t.lower()));
        // The possessive governs that noun (`his long-time lawyer`): no pronoun subject
        // (`in her speech she said`) and no new noun phrase (`in his letter the minister
        // said`) comes between.
        let possessive = |t: &Tok| {
            t.strip_possessive().1 || matches!(t.lower(), "his" | "her" | "their" | "its")
        };
        let pronoun = |t: &Tok| matches!(t.lower(), "he" | "she" | "they" | "it" | "we" | "i");
        verb.is_some_and(|v| {
            let noun = v.checked_sub(1).map(|k| &tag[k]);
            noun.is_some_and(|t| t.is_word() && !t.is_capitalised() && !pronoun(t))
                && tag[v.saturating_sub(4)..v - 1]
                    .iter()
                    .rposition(possessive)
                    .is_some_and(|k| {
                        let k = v.saturating_sub(4) + k;
                        !tag[k + 1..v].iter().any(|t| {
                            matches!(t.lower(), "the" | "a" | "an" | "this" | "that")
                                || t.is_capitalised()
                        })
                    })
        })
    };
    // The tag is the clause next to the quote (`,” Connolly began, before being asked …`).
    let clause_end =
        |t: &Tok| t.is_punct('.') || t.is_punct(',') || t.text.starts_with(['“', '"', '‘']);
    // The quote continues its sentence after it (`,”`): a tag follows.
    let open = body[..span.end].trim_end_matches(['”', '"', '’', '\'']);
    if open.ends_with(',')
        && let Some(toks) = paragraph_words.get(f.span.last_paragraph)
    {
        let after = toks.partition_point(|t| t.start < span.end);
        let tag = toks[after..].iter().take(12).take_while(|t| !clause_end(t));
        if owned(&toks[after..after + tag.count()]) {
            return true;
        }
    }
    // A colon before the quote (`… said: “`) ends the tag.
    let Some(toks) = paragraph_words.get(f.span.first_paragraph) else {
        return false;
    };
    let before = toks.partition_point(|t| t.start < span.start);
    if before == 0 || !toks[before - 1].is_punct(':') {
        return false;
    }
    let tag = toks[..before - 1]
        .iter()
        .rev()
        .take(12)
        .take_while(|t| !clause_end(t))
        .count();
    owned(&toks[before - 1 - tag..before - 1])
}

/// One speaker (or none) per found quote. `paragraphs` are the story paragraphs the quotes
/// were found in.
pub(crate) fn resolve(
    article: &Article,
    paragraphs: &[Range<usize>],
    paragraph_words: &[Vec<Tok>],
    found: &[Found],
) -> Vec<Option<String>> {
    if found.is_empty() {
        return Vec::new();
    }
    let quotes: Vec<Range<usize>> = found.iter().map(|f| f.span.outer.clone()).collect();
    let mut resolver = Resolver {
        article,
        paragraph_words,
        cast: Cast::read(article, paragraph_words, &quotes),
        expanded: HashMap::new(),
    };
    let mut out: Vec<Option<String>> = Vec::with_capacity(found.len());
    for f in found {
        let at = f.span.outer.start;
        let speaker = match &f.attribution {
            Attribution::Said(mention) => resolver.speaker_name(mention, at),
            Attribution::Continues => out.last().cloned().flatten(),
            Attribution::Unknown
                if !f.fragment && !has_owned_speaker(&article.body, paragraph_words, f) =>
            {
                let previous = f.span.first_paragraph.saturating_sub(1);
                let from = paragraphs.get(previous).map_or(0, |p| p.start);
                // A quote that opens the story before anyone is named: the person the
                // next paragraph introduces (`Those were the words of organiser X`).
                let next = paragraphs.get(f.span.last_paragraph + 1);
                resolver.about(from, at).or_else(|| {
                    let end = next.map_or(f.span.outer.end, |p| p.end);
                    resolver
                        .cast
                        .introduced_between(f.span.outer.end..end, None, false)
                })
            }
            Attribution::Unknown => None,
        };
        out.push(speaker);
    }
    out
}
