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
        match self.first.entry(fingerprint(article)) {
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
    for word in parts.iter().flat_map(|p| p.split_whitespace()) {
        word.hash(&mut low);
        word.hash(&mut high);
    }
    (u128::from(high.finish()) << 64) | u128::from(low.finish())
}
