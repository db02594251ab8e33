//! The same article reached twice (two copies of a file, a page saved and also in a
//! dataset) is listed once: articles are compared by their story text.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

use super::article::{Article, Paragraph, ParagraphKind};

/// Remembers the texts seen so far, by a 128-bit fingerprint (two independent 64-bit
/// hashes; a false match is as likely as a 128-bit collision, i.e. never in practice).
#[derive(Debug, Clone, Default)]
pub struct SeenTexts {
    first: HashMap<u128, usize>,
}

impl SeenTexts {
    pub fn new() -> SeenTexts {
        SeenTexts::default()
    }

    /// `None` the first time this text is seen (remembering it as `index`), else the
    /// index given when it was first seen.
    pub fn check(&mut self, article: &Article, index: usize) -> Option<usize> {
        self.check_fingerprint(fingerprint(article), index)
    }

    /// [`SeenTexts::check`] for an article's [`fingerprint`] taken earlier (on another
    /// thread, say).
    pub fn check_fingerprint(&mut self, fingerprint: u128, index: usize) -> Option<usize> {
        match self.first.entry(fingerprint) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(index);
                None
            }
        }
    }
}

/// The fingerprint of an article's story, worked out once with its text (so it is known
/// without reading a text kept in the cache).
pub fn fingerprint(article: &Article) -> u128 {
    article.text().fingerprint()
}

/// The story paragraphs (not headline, captions or furniture, which differ between a saved
/// page and the same story elsewhere), with whitespace runs counted as one space.
pub fn text_fingerprint(body: &str, paragraphs: &[Paragraph]) -> u128 {
    // The words joined by single spaces, hashed by two independent hashers. A paragraph
    // already written that way (the usual case) is fed whole, much cheaper than word by
    // word.
    let mut words = Words::new();
    for part in fingerprinted_parts(body, paragraphs) {
        let plain = !part.contains("  ") && !has_other_whitespace(part.as_bytes());
        if plain {
            words.feed(part.as_bytes());
            words.feed(b" ");
        } else {
            for word in part.split_whitespace() {
                words.feed(word.as_bytes());
                words.feed(b" ");
            }
        }
    }
    words.finish()
}

/// The two hashes of a stream of bytes, fed to the hashers in blocks of [`Words::BLOCK`]
/// bytes (the last one shorter): the blocks depend only on the bytes, not on how they
/// were fed, so the same words give the same fingerprint however they were split. A block
/// on the stack instead of the whole text in one string: a string per article cost a
/// warm reopen of 50,000 articles a third of its fingerprinting in allocation.
struct Words {
    block: [u8; Words::BLOCK],
    len: usize,
    hashers: [foldhash::quality::FoldHasher<'static>; 2],
}

impl Words {
    const BLOCK: usize = 1024;

    fn new() -> Words {
        Words {
            block: [0; Words::BLOCK],
            len: 0,
            hashers: fingerprint_hashers()
                .each_ref()
                .map(BuildHasher::build_hasher),
        }
    }

    fn feed(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let room = Words::BLOCK - self.len;
            let (now, rest) = bytes.split_at(room.min(bytes.len()));
            self.block[self.len..self.len + now.len()].copy_from_slice(now);
            self.len += now.len();
            bytes = rest;
            if self.len == Words::BLOCK {
                self.flush();
            }
        }
    }

    fn flush(&mut self) {
        for hasher in &mut self.hashers {
            hasher.write(&self.block[..self.len]);
        }
        self.len = 0;
    }

    fn finish(mut self) -> u128 {
        if self.len > 0 {
            self.flush();
        }
        let [low, high] = self.hashers.each_ref().map(Hasher::finish);
        (u128::from(high) << 64) | u128::from(low)
    }
}

/// The parts of a text its [`text_fingerprint`] is taken from: its story paragraphs,
/// or the whole body when it has none.
pub fn fingerprinted_parts<'a>(body: &'a str, paragraphs: &[Paragraph]) -> Vec<&'a str> {
    let story: Vec<&str> = paragraphs
        .iter()
        .filter(|p| in_story(p.kind))
        .filter_map(|p| body.get(p.range.clone()))
        .collect();
    if story.is_empty() { vec![body] } else { story }
}

/// Whether paragraphs of this kind are story paragraphs, which the fingerprint is
/// taken from (see [`fingerprinted_parts`]).
pub fn in_story(kind: ParagraphKind) -> bool {
    matches!(kind, ParagraphKind::Body | ParagraphKind::Standfirst)
}

/// The two hashers of [`fingerprint`]: seeded at random once per process (the same for
/// every article of a load), so that no text can be made to collide with another on
/// purpose. foldhash hashes several times faster than the standard library's SipHash.
fn fingerprint_hashers() -> &'static [foldhash::quality::SeedableRandomState; 2] {
    static HASHERS: std::sync::OnceLock<[foldhash::quality::SeedableRandomState; 2]> =
        std::sync::OnceLock::new();
    HASHERS.get_or_init(|| {
        [
            foldhash::quality::SeedableRandomState::random(),
            foldhash::quality::SeedableRandomState::random(),
        ]
    })
}

/// Which words a text holds, as one bit per word (of 1024, by the word's hash): a cheap
/// test that an article cannot be the duplicate of another, without parsing it. The
/// words of an article's story ([`fingerprinted_parts`], split at whitespace as its
/// [`fingerprint`] is) are words of its text, so when two articles have the same
/// fingerprint, every bit of either's story is set in the other's text: an article
/// whose text lacks a bit of a story is not that story's duplicate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordSignature([u64; 16]);

impl WordSignature {
    /// The words of an article's text (the text it is parsed from).
    pub fn of_text(text: &str) -> WordSignature {
        if text.len() > super::PARAGRAPH_MAX_BYTES {
            // A paragraph may be cut inside a word: its pieces are not words of the text.
            return WordSignature([u64::MAX; 16]);
        }
        let mut signature = WordSignature([0; 16]);
        let bytes = text.as_bytes();
        if has_non_ascii_whitespace(bytes) {
            text.split_whitespace()
                .for_each(|word| signature.add(word.as_bytes()));
            return signature;
        }
        // The same words, found byte by byte and hashed as they go (several times
        // cheaper than by chars).
        let mut hash = WORD_HASH_START;
        let mut in_word = false;
        for &byte in bytes {
            if ASCII_WHITESPACE[usize::from(byte)] {
                if in_word {
                    signature.set(hash);
                    hash = WORD_HASH_START;
                    in_word = false;
                }
            } else {
                hash = word_hash_step(hash, byte);
                in_word = true;
            }
        }
        if in_word {
            signature.set(hash);
        }
        signature
    }

    /// The words of an article's story.
    pub fn of_story(article: &Article) -> WordSignature {
        let text = article.text();
        let mut signature = WordSignature([0; 16]);
        for part in fingerprinted_parts(text.body(), text.paragraphs()) {
            part.split_whitespace()
                .for_each(|word| signature.add(word.as_bytes()));
        }
        signature
    }

    /// Whether every word of `story` may be in this text.
    pub fn may_hold(&self, story: &WordSignature) -> bool {
        self.0
            .iter()
            .zip(&story.0)
            .all(|(text, story)| story & !text == 0)
    }

    fn add(&mut self, word: &[u8]) {
        self.set(
            word.iter()
                .fold(WORD_HASH_START, |hash, &b| word_hash_step(hash, b)),
        );
    }

    fn set(&mut self, hash: u64) {
        // The top bits are the best mixed.
        let bit = (hash >> 54) as usize;
        self.0[bit / 64] |= 1 << (bit % 64);
    }
}

/// Bits in a [`WordSignature`].
const SIGNATURE_BITS: usize = 64 * 16;

/// Texts' word signatures, kept so that the texts that may hold a story's words are found
/// without testing each one: entries go by blocks of 64, and each block holds, for each
/// signature bit, which of its entries have it. A story is then tested with a few ANDs per
/// 64 entries (most blocks rule everyone out after a handful of the story's bits), where a
/// test of each entry against every new story made the work grow with their product.
#[derive(Default)]
pub struct SignatureIndex {
    /// For each block of 64 entries, for each bit, the entries that have it.
    blocks: Vec<Box<[u64; SIGNATURE_BITS]>>,
    /// For each block, its entries still in the index.
    present: Vec<u64>,
    len: usize,
}

impl SignatureIndex {
    /// Adds an entry with these words (`None`: any words, not noted yet); returns its
    /// number, counting from 0 in the order added.
    pub fn push(&mut self, words: Option<&WordSignature>) -> usize {
        let entry = self.len;
        if entry.is_multiple_of(64) {
            self.blocks.push(Box::new([0; SIGNATURE_BITS]));
            self.present.push(0);
        }
        self.len += 1;
        self.present[entry / 64] |= 1 << (entry % 64);
        self.set(entry, words);
        entry
    }

    /// Entry `entry`'s words are now these (`None`: any words).
    pub fn set(&mut self, entry: usize, words: Option<&WordSignature>) {
        let Some(rows) = self.blocks.get_mut(entry / 64) else {
            return;
        };
        let bit = 1u64 << (entry % 64);
        for (index, row) in rows.iter_mut().enumerate() {
            let has = words.is_none_or(|words| words.0[index / 64] >> (index % 64) & 1 == 1);
            if has {
                *row |= bit;
            } else {
                *row &= !bit;
            }
        }
    }

    /// Takes entry `entry` out: it is never found again.
    pub fn remove(&mut self, entry: usize) {
        if let Some(present) = self.present.get_mut(entry / 64) {
            *present &= !(1 << (entry % 64));
        }
    }

    /// The entries whose words may hold every word of `story`
    /// ([`WordSignature::may_hold`]), in the order they were added.
    pub fn may_hold(&self, story: &WordSignature) -> Vec<usize> {
        let bits: Vec<usize> = (0..SIGNATURE_BITS)
            .filter(|&index| story.0[index / 64] >> (index % 64) & 1 == 1)
            .collect();
        let mut found = Vec::new();
        for (block, (rows, &present)) in self.blocks.iter().zip(&self.present).enumerate() {
            let mut entries = present;
            for &index in &bits {
                if entries == 0 {
                    break;
                }
                entries &= rows[index];
            }
            while entries != 0 {
                found.push(block * 64 + entries.trailing_zeros() as usize);
                entries &= entries - 1;
            }
        }
        found
    }
}

/// The bytes that are whitespace chars on their own (`char::is_whitespace`).
const ASCII_WHITESPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = (byte as u8 as char).is_whitespace();
        byte += 1;
    }
    table
};

/// A word's hash for [`WordSignature`]: any fixed hash does (bits are only compared with
/// bits made the same way); this one (FNV-1a) is cheap byte by byte.
const WORD_HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

fn word_hash_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// The words of a story, for telling texts it is not in (see [`WordSignature`]).
#[derive(Debug, Clone)]
pub struct StoryWords {
    pub signature: WordSignature,
    /// Its longest words (a few), each found in a text in one fast pass.
    longest: Vec<String>,
}

impl StoryWords {
    /// Words looked for by [`StoryWords::may_be_in`].
    const LONGEST: usize = 3;

    pub fn of(article: &Article) -> StoryWords {
        let text = article.text();
        let mut longest: Vec<&str> = Vec::new();
        for part in fingerprinted_parts(text.body(), text.paragraphs()) {
            for word in part.split_whitespace() {
                if !longest.contains(&word) {
                    let at = longest.partition_point(|w| w.len() >= word.len());
                    longest.insert(at, word);
                    longest.truncate(Self::LONGEST);
                }
            }
        }
        StoryWords {
            signature: WordSignature::of_story(article),
            longest: longest.into_iter().map(str::to_string).collect(),
        }
    }

    /// Whether an article parsed from `text` may tell this story: no when a word of the
    /// story is not in the text (a few looked for, with memchr's substring search).
    pub fn may_be_in(&self, text: &str) -> bool {
        text.len() > super::PARAGRAPH_MAX_BYTES
            || self
                .longest
                .iter()
                .all(|word| memchr::memmem::find(text.as_bytes(), word.as_bytes()).is_some())
    }
}

/// Whether `text` may hold whitespace other than the plain space (a byte scan that may
/// say yes for a few non-space characters, which only costs the slow path). Three
/// memchr passes (each looks for up to three bytes at once): text is mostly without
/// any of these bytes.
fn has_other_whitespace(bytes: &[u8]) -> bool {
    memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_some()
        // U+1680 leads with 0xE1.
        || memchr::memchr3(0x0B, 0x0C, 0xE1, bytes).is_some()
        || has_other_multibyte_whitespace(bytes)
}

/// Whether `text` may hold whitespace that is not ASCII (it may say yes for a few other
/// characters).
fn has_non_ascii_whitespace(bytes: &[u8]) -> bool {
    memchr::memchr(0xE1, bytes).is_some() || has_other_multibyte_whitespace(bytes)
}

/// Whether `text` may hold non-ASCII whitespace other than U+1680.
fn has_other_multibyte_whitespace(bytes: &[u8]) -> bool {
    memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes).any(|i| match bytes[i] {
        // U+0085, U+00A0.
        0xC2 => matches!(bytes.get(i + 1), Some(0x85 | 0xA0)),
        // U+3000 leads with 0xE3.
        0xE3 => true,
        // U+2000..U+200A, U+2028, U+2029, U+202F, U+205F.
        _ => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) | (Some(0x81), Some(0x9F))
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_article;

    fn fp(text: &str) -> u128 {
        fingerprint(&parse_article("t".into(), text, Vec::new()))
    }

    #[test]
    fn the_signature_index_finds_what_testing_each_entry_finds() {
        // Texts of a few words drawn from twelve, stories of one or two of them: some
        // entries hold a story, most do not, some are not noted yet (any words).
        let vocabulary = [
            "harbour", "wall", "council", "vote", "minister", "said", "budget", "rain", "flood",
            "bridge", "school", "court",
        ];
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let text = |words: usize, next: &mut dyn FnMut() -> usize| {
            (0..words)
                .map(|_| vocabulary[next() % vocabulary.len()])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut index = SignatureIndex::default();
        let mut entries: Vec<Option<Option<WordSignature>>> = Vec::new();
        for round in 0..300 {
            let words = (next() % 4 != 0).then(|| WordSignature::of_text(&text(3, &mut next)));
            assert_eq!(index.push(words.as_ref()), entries.len());
            entries.push(Some(words));
            if round % 5 == 0 {
                // One taken out, one noted.
                let gone = next() % entries.len();
                index.remove(gone);
                entries[gone] = None;
                let noted = next() % entries.len();
                let words = WordSignature::of_text(&text(4, &mut next));
                index.set(noted, Some(&words));
                if let Some(entry) = &mut entries[noted] {
                    *entry = Some(words);
                }
            }
            let story = WordSignature::of_text(&text(1 + next() % 2, &mut next));
            let expected: Vec<usize> = entries
                .iter()
                .enumerate()
                .filter_map(|(i, entry)| {
                    let words = entry.as_ref()?;
                    words
                        .as_ref()
                        .is_none_or(|w| w.may_hold(&story))
                        .then_some(i)
                })
                .collect();
            assert_eq!(index.may_hold(&story), expected, "round {round}");
        }
    }

    #[test]
    fn whitespace_and_paragraph_breaks_do_not_matter_words_do() {
        let one = fp("The minister said “no” today.\n\nShe left.");
        assert_eq!(
            one,
            fp("The  minister said\n“no”\u{a0}today.\n\n\nShe left.  ")
        );
        assert_ne!(one, fp("The minister said “yes” today.\n\nShe left."));
        assert_eq!(one, fp("The minister said “no” today. She left."));
    }

    /// The words reach the hashers in blocks: texts longer than several blocks, fed
    /// whole or word by word and split into paragraphs anywhere, still match, and a word
    /// changed in the last, short block still tells them apart.
    #[test]
    fn long_stories_match_however_their_words_fall_into_blocks() {
        let words: Vec<String> = (0..1500).map(|n| format!("word{}", n * 7 % 1000)).collect();
        let plain = words.join(" ");
        assert!(plain.len() > 5 * Words::BLOCK);
        let spaced = words.join("  ");
        let mut paragraphs = String::new();
        for (n, word) in words.iter().enumerate() {
            paragraphs.push_str(word);
            paragraphs.push_str(if n % 97 == 96 { "\n\n" } else { " " });
        }
        let one = fp(&plain);
        assert_eq!(one, fp(&spaced));
        assert_eq!(one, fp(&paragraphs));
        let mut changed = words.clone();
        if let Some(last) = changed.last_mut() {
            last.push('x');
        }
        assert_ne!(one, fp(&changed.join(" ")));
        // The stream fed in blocks is the whole stream: one more word is another text.
        assert_ne!(one, fp(&format!("{plain} more")));
    }

    /// Pieces of text: words, punctuation, other scripts, whitespace of every kind, lines
    /// a page's layout puts around a story (headline, caption, furniture).
    const PIECES: &[&str] = &[
        "The",
        "minister",
        "said",
        "“no”",
        "today.",
        "Stoltenberg",
        "Erdoğan",
        "e\u{301}te",
        "PeÃ±a",
        "東京",
        "U.S.",
        "3.6",
        "—",
        "(AP)",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "\r\n",
        "\u{a0}",
        "\u{3000}",
        "\u{2009}",
        "\u{85}",
        "\u{b}",
        "\u{c}",
        "\u{1c}",
        "\n\nPhoto: Reuters\n\n",
        "\n\nFollow us on Twitter\n\n",
        "date 2019-05-07\n",
        "\n\nBREAKING NEWS\n\n",
        "- a list item\n",
    ];

    fn reference_signature(text: &str) -> WordSignature {
        let mut signature = WordSignature([0; 16]);
        text.split_whitespace()
            .for_each(|word| signature.add(word.as_bytes()));
        signature
    }

    proptest::proptest! {
        /// The property a duplicate check leans on: a story's words are words of its
        /// text, whatever the layout and whitespace.
        #[test]
        fn a_story_s_words_are_words_of_its_text(
            picks in proptest::collection::vec(0..PIECES.len(), 0..60),
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let words = WordSignature::of_text(&text);
            proptest::prop_assert_eq!(&words, &reference_signature(&text));
            let article = parse_article("t".into(), &text, Vec::new());
            proptest::prop_assert!(words.may_hold(&WordSignature::of_story(&article)));
            proptest::prop_assert!(StoryWords::of(&article).may_be_in(&text));
        }
    }

    #[test]
    fn another_story_is_told_apart() {
        let text = "Talks drag on\n\nBudget talks went on all week.\n\nPhoto: Reuters";
        let other = parse_article("t".into(), "Zebra plan\n\nA zebra was seen.", Vec::new());
        assert!(!WordSignature::of_text(text).may_hold(&WordSignature::of_story(&other)));
        assert!(!StoryWords::of(&other).may_be_in(text));
        let same = parse_article("t".into(), "Budget talks went\non all week.", Vec::new());
        assert!(WordSignature::of_text(text).may_hold(&WordSignature::of_story(&same)));
        // A paragraph of a long text may be cut inside a word: every story may be in it.
        let long = "x".repeat(super::super::PARAGRAPH_MAX_BYTES + 1);
        assert!(WordSignature::of_text(&long).may_hold(&WordSignature::of_story(&other)));
    }

    #[test]
    fn unusual_whitespace_is_noticed() {
        for c in (0u32..0x110000)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
        {
            if c != ' ' {
                assert!(has_other_whitespace(c.to_string().as_bytes()), "{c:?}");
            }
        }
        assert!(!has_other_whitespace("plain “quoted” — text".as_bytes()));
    }
}
