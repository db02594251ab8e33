//! The same article reached twice (two copies of a file, a page saved and also in a
//! dataset) is listed once: articles are compared by their story text.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use super::article::{Article, ParagraphKind};

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

/// The story paragraphs (not headline, captions or furniture, which differ between a saved
/// page and the same story elsewhere), with whitespace runs counted as one space.
pub fn fingerprint(article: &Article) -> u128 {
    let story: Vec<&str> = article
        .paragraphs
        .iter()
        .filter(|p| matches!(p.kind, ParagraphKind::Body | ParagraphKind::Standfirst))
        .filter_map(|p| article.body.get(p.range.clone()))
        .collect();
    let parts: Vec<&str> = if story.is_empty() {
        vec![article.body.as_str()]
    } else {
        story
    };
    let mut low = std::collections::hash_map::DefaultHasher::new();
    let mut high = std::collections::hash_map::DefaultHasher::new();
    0xA5u8.hash(&mut high);
    for part in parts {
        // Words joined by single spaces. A paragraph already written that way (the usual
        // case) is hashed whole, which is much cheaper than word by word.
        let plain = !part.contains("  ") && !has_other_whitespace(part.as_bytes());
        if plain {
            low.write(part.as_bytes());
            high.write(part.as_bytes());
        } else {
            for word in part.split_whitespace() {
                low.write(word.as_bytes());
                low.write_u8(b' ');
                high.write(word.as_bytes());
                high.write_u8(b' ');
            }
            continue;
        }
        low.write_u8(b' ');
        high.write_u8(b' ');
    }
    (u128::from(high.finish()) << 64) | u128::from(low.finish())
}

/// Whether `text` may hold whitespace other than the plain space (a byte scan that may
/// say yes for a few non-space characters, which only costs the slow path).
fn has_other_whitespace(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => true,
        // U+0085, U+00A0.
        0xC2 => matches!(bytes.get(i + 1), Some(0x85 | 0xA0)),
        // U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
        0xE1 | 0xE3 => true,
        0xE2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) | (Some(0x81), Some(0x9F))
        ),
        _ => false,
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
