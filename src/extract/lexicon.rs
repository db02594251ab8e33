//! Word lists for attribution: reporting verbs, titles, organisation words, pronouns.
//! All lookups take lower-case words.

use std::sync::OnceLock;

use foldhash::HashSet;

/// Verbs (and their forms) that report speech or writing.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "tell",
    "added",
    "adds",
    "add",
    "asked",
    "asks",
    "wrote",
    "writes",
    "write",
    "written",
    "noted",
    "notes",
    "continued",
    "continues",
    "explained",
    "explains",
    "argued",
    "argues",
    "insisted",
    "insists",
    "warned",
    "warns",
    "vowed",
    "vows",
    "claimed",
    "claims",
    "stated",
    "states",
    "declared",
    "declares",
    "tweeted",
    "tweets",
    "posted",
    "posts",
    "replied",
    "replies",
    "responded",
    "responds",
    "recalled",
    "recalls",
    "conceded",
    "concedes",
    "complained",
    "complains",
    "announced",
    "announces",
    "predicted",
    "predicts",
    "cautioned",
    "cautions",
    "contended",
    "contends",
    "observed",
    "observes",
    "remarked",
    "remarks",
    "commented",
    "stressed",
    "stresses",
    "emphasized",
    "emphasised",
    "emphasizes",
    "emphasises",
    "maintained",
    "maintains",
    "joked",
    "jokes",
    "quipped",
    "quips",
    "shouted",
    "shouts",
    "testified",
    "testifies",
    "reported",
    "reports",
    "admitted",
    "admits",
    "acknowledged",
    "acknowledges",
    "suggested",
    "suggests",
    "urged",
    "urges",
    "pledged",
    "pledges",
    "promised",
    "promises",
    "called",
    "calls",
    "described",
    "describes",
    "wondered",
    "wonders",
    "mused",
    "muses",
    "concluded",
    "concludes",
    "agreed",
    "agrees",
    "boasted",
    "boasts",
    "charged",
    "charges",
    "countered",
    "counters",
    "demanded",
    "demands",
    "exclaimed",
    "interjected",
    "lamented",
    "laments",
    "marveled",
    "mocked",
    "mocks",
    "objected",
    "pointed",
    "points",
    "proclaimed",
    "proclaims",
    "protested",
    "read",
    "reads",
    "reiterated",
    "reiterates",
    "detailed",
    "outlined",
    "highlighted",
    "condemned",
    "advocated",
    "cheered",
    "welcomed",
    "repeated",
    "repeats",
    "retorted",
    "screamed",
    "snapped",
    "speculated",
    "thundered",
    "yelled",
    "whispered",
    "offered",
    "allowed",
    "alleged",
    "alleges",
    "assured",
    "assures",
    "confirmed",
    "confirms",
    "denied",
    "denies",
    "disclosed",
    "estimated",
    "informed",
    "instructed",
    "ordered",
    "pleaded",
    "questioned",
    "questions",
    "recounted",
    "recounts",
    "reminded",
    "reminds",
    "replying",
    "sighed",
    "stating",
    "threatened",
    "threatens",
    "touted",
    "touts",
    "vented",
    "echoed",
    "echoes",
    "cried",
    "chimed",
    "blasted",
    "blasts",
    "slammed",
    "slams",
    "criticized",
    "criticised",
    "criticizes",
    "praised",
    "praises",
    "dubbed",
    "dubs",
    "labeled",
    "labelled",
    "branded",
    "deemed",
    "characterized",
    "characterised",
    "likened",
    "likens",
    "compared",
    "compares",
    "referred",
    "refers",
    "insisting",
    "noting",
    "adding",
    "arguing",
    "explaining",
    "warning",
    "asking",
    "telling",
    "writing",
    "declaring",
    "claiming",
    "calling",
    "describing",
    "tweeting",
    "according",
    "quoted",
    "speaking",
    "spoke",
    "speaks",
    "believes",
    "believed",
    "thinks",
    "thought",
    "felt",
    "feels",
    "wants",
    "wanted",
    "hopes",
    "hoped",
    "expects",
    "expected",
    "pressed",
    "fumed",
    "scoffed",
    "sneered",
    "gushed",
    "raged",
    "ranted",
    "opined",
    "teased",
    "deadpanned",
    "asserted",
    "asserts",
    "referenced",
    "decried",
    "denounced",
    "hailed",
    "lauded",
    "accused",
    "accuses",
    "blamed",
    "blames",
    "characterizing",
    "labeling",
    "promising",
    "vowing",
    "pledging",
    "urging",
    "suggesting",
];

/// Is `word` one of [`SPEECH_VERBS`]? Asked of nearly every word of an article, so looked
/// up in a set built once rather than compared with each in turn.
pub(crate) fn is_speech_verb(word: &str) -> bool {
    static LIST: WordList = WordList::new(SPEECH_VERBS);
    LIST.contains(word)
}

/// The shapes (length and last byte) of the words of a list, built at compile time: one
/// bit test rules out most words of an article before the list itself is looked at.
struct Shapes([u64; 4 * SHAPE_LENGTHS]);

/// Words longer than this many bytes have no shape (and are in no list using one).
const SHAPE_LENGTHS: usize = 24;

impl Shapes {
    const fn slot(word: &[u8]) -> (usize, u32) {
        let last = match word.last() {
            Some(&b) => b,
            None => 0,
        };
        (word.len() * 4 + (last >> 6) as usize, (last & 63) as u32)
    }

    /// The shapes of `words` (each shorter than [`SHAPE_LENGTHS`]; a longer one stops the
    /// build).
    const fn of(words: &[&str]) -> Shapes {
        let mut bits = [0u64; 4 * SHAPE_LENGTHS];
        let mut k = 0;
        while k < words.len() {
            assert!(words[k].len() < SHAPE_LENGTHS);
            let (slot, bit) = Shapes::slot(words[k].as_bytes());
            bits[slot] |= 1 << bit;
            k += 1;
        }
        Shapes(bits)
    }

    /// May `word` be in the list? `false` is sure; `true` asks the list.
    fn may_hold(&self, word: &str) -> bool {
        if word.len() >= SHAPE_LENGTHS {
            return false;
        }
        let (slot, bit) = Shapes::slot(word.as_bytes());
        self.0[slot] & (1 << bit) != 0
    }
}

/// A word list asked of many words: its [`Shapes`] rule out most words before the set,
/// built on first use, is looked at.
pub(crate) struct WordList {
    words: &'static [&'static str],
    shapes: Shapes,
    set: OnceLock<HashSet<&'static str>>,
}

impl WordList {
    pub(crate) const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            shapes: Shapes::of(words),
            set: OnceLock::new(),
        }
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        self.shapes.may_hold(word)
            && self
                .set
                .get_or_init(|| self.words.iter().copied().collect())
                .contains(word)
    }
}

/// Speech verbs strong enough to attribute a quote that follows them directly
/// (`“…,” said X`, `X said: “…”`); the weaker ones above only attribute fragments.
pub(crate) fn is_strong_speech_verb(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "asked"
            | "asks"
            | "wrote"
            | "writes"
            | "noted"
            | "notes"
            | "continued"
            | "continues"
            | "explained"
            | "explains"
            | "argued"
            | "argues"
            | "insisted"
            | "insists"
            | "warned"
            | "warns"
            | "claimed"
            | "claims"
            | "stated"
            | "states"
            | "declared"
            | "declares"
            | "tweeted"
            | "tweets"
            | "posted"
            | "replied"
            | "replies"
            | "responded"
            | "responds"
            | "recalled"
            | "recalls"
            | "conceded"
            | "concedes"
            | "complained"
            | "complains"
            | "announced"
            | "predicted"
            | "cautioned"
            | "contended"
            | "observed"
            | "remarked"
            | "commented"
            | "stressed"
            | "emphasized"
            | "emphasised"
            | "maintained"
            | "joked"
            | "quipped"
            | "shouted"
            | "testified"
            | "reported"
            | "reports"
            | "admitted"
            | "acknowledged"
            | "suggested"
            | "urged"
            | "pledged"
            | "promised"
            | "wondered"
            | "mused"
            | "concluded"
            | "boasted"
            | "charged"
            | "countered"
            | "exclaimed"
            | "interjected"
            | "lamented"
            | "objected"
            | "proclaimed"
            | "protested"
            | "reiterated"
            | "repeated"
            | "retorted"
            | "screamed"
            | "snapped"
            | "thundered"
            | "yelled"
            | "whispered"
            | "offered"
            | "alleged"
            | "assured"
            | "confirmed"
            | "recounted"
            | "sighed"
            | "echoed"
            | "cried"
            | "chimed"
            | "vowed"
            | "vows"
            | "agreed"
            | "agrees"
            | "reads"
            | "read"
            | "writing"
            | "saying"
            | "adding"
            | "asking"
            | "telling"
            | "noting"
            | "insisting"
            | "explaining"
            | "arguing"
            | "warning"
            | "declaring"
            | "tweeting"
            | "pressed"
            | "fumed"
            | "scoffed"
            | "sneered"
            | "gushed"
            | "raged"
            | "ranted"
            | "huffed"
            | "opined"
            | "teased"
            | "deadpanned"
            | "marveled"
            | "marvelled"
            | "laughed"
    )
}

/// Words that may stand between a speaker and the verb (`X also said`, `X has said`).
pub(crate) fn is_verb_filler(word: &str) -> bool {
    matches!(
        word,
        "also"
            | "later"
            | "then"
            | "has"
            | "had"
            | "have"
            | "once"
            | "previously"
            | "recently"
            | "repeatedly"
            | "again"
            | "simply"
            | "just"
            | "frequently"
            | "often"
            | "publicly"
            | "privately"
            | "flatly"
            | "would"
            | "will"
            | "quickly"
            | "famously"
            | "reportedly"
            | "is"
            | "was"
            | "were"
            | "are"
            | "been"
            | "further"
            | "earlier"
            | "first"
            | "separately"
            | "similarly"
            | "likewise"
            | "bluntly"
            | "told"
            | "recently,"
            | "did"
            | "does"
            | "not"
            | "never"
            | "always"
            | "even"
            | "herself"
            | "himself"
    )
}

pub(crate) fn is_pronoun(word: &str) -> bool {
    matches!(word, "he" | "she" | "they" | "we" | "i" | "it" | "you")
}

/// Verbs of speech whose object is the listener (`told Cook`, `asked the minister`), not
/// the speaker.
pub(crate) fn names_its_listener(verb: &str) -> bool {
    matches!(verb, "told" | "tells" | "asked" | "asks")
}

pub(crate) fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "another"
            | "one"
            | "some"
            | "two"
            | "several"
            | "many"
    )
}

/// Titles and roles that stand before a name (`Secretary-General Jens Stoltenberg`).
pub(crate) fn is_title(word: &str) -> bool {
    static LIST: WordList = WordList::new(TITLES);
    let word = word.trim_end_matches('.');
    LIST.contains(word)
}

/// The words of [`is_title`].
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "reverend",
    "president",
    "vice",
    "minister",
    "premier",
    "chancellor",
    "senator",
    "sen",
    "sens",
    "rep",
    "reps",
    "representative",
    "congressman",
    "congresswoman",
    "mp",
    "mep",
    "msp",
    "mla",
    "councillor",
    "cllr",
    "gov",
    "governor",
    "secretary",
    "secretary-general",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "ceo",
    "mayor",
    "judge",
    "justice",
    "general",
    "gen",
    "lt",
    "lieutenant",
    "col",
    "colonel",
    "capt",
    "captain",
    "maj",
    "major",
    "sgt",
    "sergeant",
    "adm",
    "admiral",
    "cmdr",
    "commander",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "speaker",
    "leader",
    "director",
    "ambassador",
    "envoy",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sheikh",
    "ayatollah",
    "attorney",
    "counsel",
    "commissioner",
    "officer",
    "candidate",
    "nominee",
    "host",
    "anchor",
    "columnist",
    "correspondent",
    "editor",
    "analyst",
    "adviser",
    "advisor",
    "aide",
    "deputy",
    "former",
    "acting",
    "state",
    "defense",
    "defence",
    "foreign",
    "interior",
    "finance",
    "prime",
    "first",
    "press",
    "sheriff",
    "superintendent",
    "detective",
    "inspector",
    "pastor",
    "bishop",
    "cardinal",
    "father",
    "rabbi",
    "imam",
    "coach",
    "founder",
    "co-founder",
    "strategist",
    "pollster",
    "economist",
    "professor,",
    "chairperson",
    "executive",
    "manager",
    "head",
    "delegate",
    "supt",
    "det",
    "insp",
    "atty",
    "u.s.",
    "democratic",
    "republican",
    "gop",
    "house",
    "senate",
    "majority",
    "minority",
    "whip",
    "special",
    "general,",
    "national",
    "security",
    "homeland",
    "treasury",
    "labor",
    "commerce",
    "health",
    "education",
    "energy",
    "justice,",
    "agriculture",
    "transportation",
];

/// Role nouns that a description may end with (`the alliance’s Secretary-General`).
pub(crate) fn is_role_noun(word: &str) -> bool {
    is_title(word)
        && !matches!(
            word,
            "former"
                | "acting"
                | "state"
                | "defense"
                | "defence"
                | "foreign"
                | "interior"
                | "finance"
                | "prime"
                | "first"
                | "press"
                | "vice"
                | "deputy"
                | "u.s."
                | "democratic"
                | "republican"
                | "gop"
                | "house"
                | "senate"
                | "majority"
                | "minority"
                | "special"
                | "national"
                | "security"
                | "homeland"
                | "treasury"
                | "labor"
                | "commerce"
                | "health"
                | "education"
                | "energy"
                | "agriculture"
                | "transportation"
                | "executive"
                | "mr"
                | "mrs"
                | "ms"
                | "miss"
                | "dr"
        )
}

/// Words that make a capitalised phrase an organisation or an outlet.
pub(crate) fn is_organisation_word(word: &str) -> bool {
    static LIST: WordList = WordList::new(ORGANISATION_WORDS);
    LIST.contains(word)
}

/// The words of [`is_organisation_word`].
const ORGANISATION_WORDS: &[&str] = &[
    "ministry",
    "department",
    "agency",
    "institute",
    "institution",
    "council",
    "committee",
    "commission",
    "party",
    "army",
    "office",
    "organization",
    "organisation",
    "association",
    "university",
    "bank",
    "fund",
    "foundation",
    "center",
    "centre",
    "court",
    "senate",
    "house",
    "congress",
    "administration",
    "government",
    "service",
    "group",
    "union",
    "corporation",
    "company",
    "inc",
    "inc.",
    "corp",
    "corp.",
    "campaign",
    "pentagon",
    "kremlin",
    "observatory",
    "network",
    "board",
    "federation",
    "alliance",
    "police",
    "forces",
    "command",
    "coalition",
    "embassy",
    "parliament",
    "cabinet",
    "media",
    "times",
    "post",
    "journal",
    "reuters",
    "bureau",
    "authority",
    "project",
    "watch",
    "initiative",
    "caucus",
    "conference",
    "club",
    "society",
    "school",
    "college",
    "hospital",
    "station",
    "channel",
    "radio",
    "television",
    "tv",
    "news",
    "press",
    "tribune",
    "herald",
    "gazette",
    "magazine",
    "daily",
    "telegraph",
    "guardian",
    "politico",
    "bloomberg",
    "cnn",
    "msnbc",
    "nbc",
    "abc",
    "cbs",
    "fox",
    "bbc",
    "ap",
    "afp",
    "npr",
    "pbs",
    "breitbart",
    "axios",
    "statement",
    "report",
    "study",
    "survey",
    "poll",
    "website",
    "ministry,",
    "council,",
    "fbi",
    "cia",
    "nsa",
    "un",
    "nato",
    "eu",
    "who",
    "white",
    "state",
    "states",
    "nations",
    "republic",
    "kingdom",
    "industries",
    "llc",
    "ltd",
    "co",
    "co.",
    "trust",
    "institution,",
    "movement",
    "front",
    "brigade",
    "militia",
    "guard",
    "navy",
    "force",
    "court,",
    "tass",
    "xinhua",
    "sana",
    "ria",
    "interfax",
    "anadolu",
    "yonhap",
    "kcna",
    "newsweek",
    "time",
    "economist",
    "insider",
    "hill",
    "examiner",
    "beacon",
    "wire",
    "sun",
    "mail",
    "express",
    "mirror",
    "independent",
    "observer",
    "review",
    "weekly",
    "monitor",
    "chronicle",
    "record",
    "star",
    "globe",
    "inquirer",
    "register",
    "dispatch",
    "bulletin",
    "blog",
    "feed",
    "buzzfeed",
    "vox",
    "slate",
    "salon",
    "atlantic",
    "yorker",
    "nation",
];

/// Capitalised words that start sentences or name times and places, never a speaker.
pub(crate) fn is_not_a_name(word: &str) -> bool {
    static LIST: WordList = WordList::new(NOT_NAMES);
    LIST.contains(word)
}

/// The words of [`is_not_a_name`].
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "if",
    "when",
    "while",
    "as",
    "in",
    "on",
    "at",
    "for",
    "of",
    "to",
    "from",
    "by",
    "with",
    "after",
    "before",
    "since",
    "during",
    "meanwhile",
    "however",
    "still",
    "then",
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "aug.",
    "sept.",
    "sep.",
    "oct.",
    "nov.",
    "dec.",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "there",
    "here",
    "what",
    "who",
    "why",
    "how",
    "where",
    "which",
    "also",
    "asked",
    "speaking",
    "according",
    "although",
    "though",
    "because",
    "said",
    "says",
    "not",
    "no",
    "yes",
    "last",
    "next",
    "earlier",
    "later",
    "instead",
    "indeed",
    "in a",
    "both",
    "each",
    "all",
    "some",
    "many",
    "most",
    "other",
    "such",
    "even",
    "just",
    "only",
    "like",
    "unlike",
    "despite",
    "amid",
    "among",
    "under",
    "over",
    "about",
    "against",
    "through",
    "without",
    "within",
    "whether",
    "once",
    "again",
    "thus",
    "therefore",
    "perhaps",
    "maybe",
    "sometimes",
    "often",
    "mr",
    "ms",
    "mrs",
    "another",
    "one",
    "every",
    "moreover",
    "furthermore",
    "additionally",
    "except",
    "via",
];

/// Feminine and masculine honorifics and nouns (for matching he/she).
pub(crate) fn honorific_gender(word: &str) -> Option<Gender> {
    // `the mother-of-two`, `a father-of-three` (a byte test first: this runs on every word)
    if word.len() > 8
        && word.as_bytes().contains(&b'-')
        && let Some((kin, _)) = word.split_once("-of-")
    {
        return honorific_gender(kin);
    }
    match word.trim_end_matches('.') {
        "mr" | "sir" | "lord" | "king" | "prince" | "congressman" | "spokesman" | "chairman"
        | "father" | "husband" | "son" | "brother" | "dad" | "grandfather" | "actor" | "man"
        | "boy" | "businessman" | "frenchman" | "englishman" | "scotsman" | "welshman"
        | "irishman" | "countryman" | "sportsman" | "policeman" | "fireman" | "uncle"
        | "nephew" | "duke" | "earl" | "baron" | "archbishop" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "dame" | "lady" | "queen" | "princess" | "congresswoman"
        | "spokeswoman" | "chairwoman" | "mother" | "wife" | "daughter" | "sister" | "mum"
        | "mom" | "grandmother" | "actress" | "woman" | "girl" | "businesswoman"
        | "sportswoman" | "policewoman" | "aunt" | "niece" | "duchess" | "countess"
        | "baroness" | "widow" | "frenchwoman" | "englishwoman" | "scotswoman" | "welshwoman"
        | "irishwoman" => Some(Gender::Female),
        _ => None,
    }
}

/// Nouns that describe a person by what they do or are (`the Hull scrum-half`, `the
/// Portuguese boss`, `the 44-year-old`): a definite description ending in one refers to a
/// person named in the article. Role nouns (`is_role_noun`) are such nouns too.
pub(crate) fn is_person_noun(word: &str) -> bool {
    static LIST: WordList = WordList::new(PERSON_NOUNS);
    is_role_noun(word)
        || honorific_gender(word).is_some()
        || word.ends_with("-year-old")
        || (LIST.contains(word))
}

/// A capitalised word (given here in lower case) that, after `the`, stands for a person:
/// a party's member (`the Republican`, `the New Democrat`), a demonym for someone from a
/// city or region (`the Dubliner`, `the Glaswegian`), or a compound in `-man`/`-woman`
/// (`the Ulsterman`, `the Yorkshirewoman`) that is no role (`the Chairman`). Word endings
/// alone (`-er`, `-ian`) would make institutions people (`the Smithsonian`, `the
/// Exchequer`), so other demonyms are listed.
pub(crate) fn is_person_epithet(word: &str) -> bool {
    const DEMONYMS: &[&str] = &[
        "aberdonian",
        "aucklander",
        "brummie",
        "capetonian",
        "corkonian",
        "dubliner",
        "edinburgher",
        "geordie",
        "glaswegian",
        "liverpudlian",
        "londoner",
        "mancunian",
        "melburnian",
        "muscovite",
        "parisian",
        "scouser",
        "sydneysider",
        "torontonian",
        "vancouverite",
    ];
    if is_party_member(word) || DEMONYMS.contains(&word) {
        return true;
    }
    (word.len() >= 7 && word.ends_with("man"))
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && !is_role_noun(word)
        && !is_organisation_word(word)
}

/// A party's member, in lower case (`democrat`, `tory`).
pub(crate) fn is_party_member(word: &str) -> bool {
    const PARTY_MEMBERS: &[&str] = &[
        "democrat",
        "republican",
        "conservative",
        "tory",
        "liberal",
        "socialist",
        "nationalist",
        "unionist",
        "loyalist",
        "labourite",
    ];
    PARTY_MEMBERS.contains(&word)
}

/// The words of [`is_person_noun`] beyond roles and honorifics.
const PERSON_NOUNS: &[&str] = &[
    "boss",
    "executive",
    "manager",
    "player",
    "striker",
    "midfielder",
    "defender",
    "forward",
    "winger",
    "goalkeeper",
    "keeper",
    "scrum-half",
    "fly-half",
    "full-back",
    "centre-back",
    "prop",
    "hooker",
    "batsman",
    "batter",
    "bowler",
    "pitcher",
    "quarterback",
    "receiver",
    "skipper",
    "star",
    "veteran",
    "champion",
    "rookie",
    "youngster",
    "teenager",
    "newcomer",
    "owner",
    "politician",
    "mp",
    "mep",
    "mayor",
    "councillor",
    "official",
    "singer",
    "rapper",
    "presenter",
    "author",
    "writer",
    "novelist",
    "journalist",
    "reporter",
    "expert",
    "scientist",
    "researcher",
    "doctor",
    "nurse",
    "teacher",
    "student",
    "lawyer",
    "barrister",
    "solicitor",
    "victim",
    "survivor",
    "witness",
    "resident",
    "campaigner",
    "critic",
    "opponent",
    "activist",
    "protester",
    "billionaire",
    "entrepreneur",
    "tycoon",
    "investor",
    "trader",
    "banker",
    "economist",
    "premier",
    "incumbent",
    "challenger",
    "frontrunner",
    "nominee",
    "rider",
    "driver",
    "cyclist",
    "runner",
    "swimmer",
    "golfer",
    "boxer",
    "fighter",
    "jockey",
    "trainer",
    "seed",
    "fan",
    "supporter",
    "enthusiast",
    "insider",
    "spaniard",
    "briton",
    "scot",
    "dane",
    "swede",
    "finn",
    "pole",
    "dutchman",
    "australian",
    "american",
    "canadian",
    "argentine",
    "brazilian",
    "italian",
    "german",
    "portuguese",
    "serb",
    "croat",
    "russian",
    "ukrainian",
    "kiwi",
    "belgian",
    "swiss",
    "czech",
    "croatian",
    "norwegian",
    "austrian",
    "hungarian",
    "romanian",
    "greek",
    "kenyan",
    "ethiopian",
    "jamaican",
    "nigerian",
    "ghanaian",
    "senegalese",
    "egyptian",
    "moroccan",
    "mexican",
    "colombian",
    "uruguayan",
    "argentinian",
    "chilean",
    "frontbencher",
    "international",
    "agent",
    "publicist",
    "african",
    "backbencher",
    "peer",
    "tory",
    "comedian",
    "musician",
    "chef",
    "winner",
    "pensioner",
    "schoolgirl",
    "schoolboy",
    "officer",
];

/// Nouns for a document or message that speaks for whoever wrote it (`The Conservatives’
/// letter said`, `his remarks that …`).
pub(crate) fn is_document_noun(word: &str) -> bool {
    matches!(
        word,
        "letter"
            | "statement"
            | "report"
            | "remarks"
            | "comments"
            | "words"
            | "post"
            | "tweet"
            | "email"
            | "message"
            | "note"
            | "memo"
            | "filing"
            | "ruling"
            | "judgment"
            | "release"
            | "brochure"
            | "pamphlet"
            | "guidance"
            | "website"
            | "blog"
            | "manifesto"
            | "submission"
    )
}

/// Nouns for a news outlet written without its name (`the newspaper reported`).
pub(crate) fn is_media_noun(word: &str) -> bool {
    matches!(
        word,
        "newspaper"
            | "paper"
            | "tabloid"
            | "broadcaster"
            | "channel"
            | "station"
            | "network"
            | "outlet"
            | "publisher"
            | "magazine"
            | "website"
            | "site"
    )
}

/// Does an organisation's name (`the Chicago Tribune`, `Fox News`, `the Daily Star`) name
/// a news outlet? Only by words that seldom name anything else.
pub(crate) fn is_news_outlet(name: &str) -> bool {
    let mut words = name
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    let first = words.next().unwrap_or("");
    let last = words.next_back().unwrap_or(first);
    let last_names_outlet = [
        "times",
        "post",
        "journal",
        "tribune",
        "herald",
        "gazette",
        "telegraph",
        "guardian",
        "chronicle",
        "inquirer",
        "examiner",
        "news",
        "newspaper",
        "magazine",
        "radio",
        "television",
        "tv",
        "reuters",
        "cnn",
        "bbc",
        "nbc",
        "abc",
        "cbs",
        "msnbc",
        "npr",
        "pbs",
        "afp",
        "ap",
        "politico",
        "axios",
        "breitbart",
        "wired",
    ]
    .iter()
    .any(|w| w.eq_ignore_ascii_case(last));
    last_names_outlet
        || ["daily", "sunday"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(first))
}

/// Nouns for an organisation written without its name (`the company said`, `the bureau`).
pub(crate) fn is_organisation_noun(word: &str) -> bool {
    is_organisation_word(word)
        && !is_document_noun(word)
        && !matches!(word, "study" | "survey" | "poll" | "project" | "initiative")
        || matches!(
            word,
            "firm"
                // A group of musicians speaks as one (`the band said`).
                | "band"
                | "orchestra"
                | "choir"
                | "airline"
                | "carrier"
                | "club"
                | "side"
                | "team"
                | "regulator"
                | "watchdog"
                | "broadcaster"
                | "newspaper"
                | "paper"
                | "retailer"
                | "supermarket"
                | "lender"
                | "insurer"
                | "manufacturer"
                | "maker"
                | "giant"
                | "charity"
                | "body"
                | "outlet"
                | "publisher"
                | "platform"
                | "operator"
                | "carmaker"
                | "automaker"
                | "startup"
                | "department"
                | "ministry"
                | "bureau"
        )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// Words that open an introductory phrase before a sentence's subject
/// (`In his column, …`, `Meanwhile, …`, `As the race turned, …`).
pub(crate) fn is_intro_word(word: &str) -> bool {
    matches!(
        word,
        "in" | "on"
            | "at"
            | "after"
            | "before"
            | "during"
            | "meanwhile"
            | "still"
            | "however"
            | "but"
            | "and"
            | "yet"
            | "later"
            | "earlier"
            | "asked"
            | "for"
            | "with"
            | "since"
            | "now"
            | "then"
            | "also"
            | "as"
            | "when"
            | "while"
            | "although"
            | "though"
            | "because"
            | "if"
            | "once"
            | "until"
            | "despite"
            | "amid"
            | "instead"
            | "under"
            | "by"
            | "from"
            | "over"
            | "like"
            | "unlike"
            | "last"
            | "this"
            | "indeed"
            | "already"
            | "so"
            | "today"
            | "yesterday"
            | "separately"
            | "similarly"
            | "overall"
            | "nevertheless"
            | "moreover"
            | "furthermore"
            | "additionally"
            | "of"
            | "to"
            | "through"
            | "without"
            | "within"
            | "among"
            | "according"
            | "following"
            | "again"
            | "first"
            | "finally"
            | "next"
            | "there"
            | "here"
            | "thus"
            | "perhaps"
            | "instead,"
    )
}

/// Common irregular past tenses (`NATO held`, `Trump went`).
pub(crate) fn is_irregular_past(word: &str) -> bool {
    matches!(
        word,
        "held"
            | "went"
            | "made"
            | "took"
            | "gave"
            | "told"
            | "said"
            | "wrote"
            | "spoke"
            | "thought"
            | "felt"
            | "began"
            | "came"
            | "saw"
            | "met"
            | "won"
            | "lost"
            | "led"
            | "sent"
            | "kept"
            | "left"
            | "put"
            | "set"
            | "got"
            | "ran"
            | "stood"
            | "brought"
            | "bought"
            | "sought"
            | "fought"
            | "struck"
            | "drew"
            | "threw"
            | "knew"
            | "grew"
            | "became"
            | "found"
            | "paid"
            | "laid"
            | "meant"
            | "heard"
            | "read"
            | "cut"
            | "hit"
            | "let"
            | "spent"
            | "built"
            | "sat"
            | "taught"
            | "caught"
            | "chose"
            | "rose"
            | "fell"
            | "broke"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "should"
            | "shall"
            | "did"
            | "does"
            | "do"
            | "am"
            | "isn’t"
            | "wasn’t"
            | "won’t"
            | "didn’t"
            | "doesn’t"
            | "can’t"
            | "isn't"
            | "wasn't"
            | "won't"
            | "didn't"
            | "doesn't"
            | "can't"
            | "hasn't"
            | "hasn’t"
            | "hadn't"
            | "hadn’t"
            | "wouldn't"
            | "wouldn’t"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_sets_hold_every_word_of_their_lists() {
        for verb in SPEECH_VERBS {
            assert!(is_speech_verb(verb), "{verb}");
        }
        // (`u.s.`, `professor,` are written in the list but never asked: a word is asked
        // without its final dot and never holds a comma.)
        for word in ORGANISATION_WORDS {
            assert!(is_organisation_word(word), "{word}");
        }
        for word in PERSON_NOUNS {
            assert!(is_person_noun(word), "{word}");
        }
        for word in NOT_NAMES {
            assert!(is_not_a_name(word), "{word}");
        }
        for title in TITLES.iter().filter(|t| !t.ends_with(['.', ','])) {
            assert!(is_title(title), "{title}");
        }
        assert!(!is_speech_verb("sad") && !is_speech_verb("") && !is_speech_verb("Said"));
        assert!(is_title("dr.") && !is_title("doctorate") && !is_title(&"a".repeat(40)));
    }
}
