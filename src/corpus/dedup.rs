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
    let parts = fingerprinted_parts(body, paragraphs);
    // The words joined by single spaces, hashed by two independent hashers. A paragraph
    // already written that way (the usual case) is copied whole, much cheaper than word
    // by word.
    let mut words = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for part in parts {
        let plain = !part.contains("  ") && !has_other_whitespace(part.as_bytes());
        if plain {
            words.push_str(part);
            words.push(' ');
        } else {
            for word in part.split_whitespace() {
                words.push_str(word);
                words.push(' ');
            }
        }
    }
    let [low, high] = fingerprint_hashers().each_ref().map(|state| {
        let mut hasher = state.build_hasher();
        hasher.write(words.as_bytes());
        hasher.finish()
    });
    (u128::from(high) << 64) | u128::from(low)
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

/// Whether `text` may hold whitespace other than the plain space (a byte scan that may
/// say yes for a few non-space characters, which only costs the slow path). Three
/// memchr passes (each looks for up to three bytes at once): text is mostly without
/// any of these bytes.
fn has_other_whitespace(bytes: &[u8]) -> bool {
    memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_some()
        // U+1680 leads with 0xE1.
        || memchr::memchr3(0x0B, 0x0C, 0xE1, bytes).is_some()
        || memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes).any(|i| match bytes[i] {
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
    fn whitespace_and_paragraph_breaks_do_not_matter_words_do() {
        let one = fp("The minister said “no” today.\n\nShe left.");
        assert_eq!(
            one,
            fp("The  minister said\n“no”\u{a0}today.\n\n\nShe left.  ")
        );
        assert_ne!(one, fp("The minister said “yes” today.\n\nShe left."));
        assert_eq!(one, fp("The minister said “no” today. She left."));
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
