//! Each article's key in the store (`seeds/NAME`, or its absolute path), worked out once:
//! finding it costs a file-system call, too slow to repeat per highlight or per frame with
//! 50,000 articles.

use std::collections::HashMap;

use lede::corpus::Article;
use lede::store::ArticleKeyer;

#[derive(Debug, Default)]
pub struct ArticleKeys {
    keys: Vec<String>,
    by_key: HashMap<String, usize>,
    keyer: ArticleKeyer,
}

impl ArticleKeys {
    /// Takes in articles added since the last call (articles are only ever appended).
    pub fn update(&mut self, articles: &[Article]) {
        for (index, article) in articles.iter().enumerate().skip(self.keys.len()) {
            let key = self.keyer.key(&article.path);
            self.by_key.entry(key.clone()).or_insert(index);
            self.keys.push(key);
        }
    }

    /// Lets go of the folder listing made while keying a load: it holds every name of
    /// a big folder, and articles added later (feeds) are keyed as the folder is then.
    pub fn forget_listing(&mut self) {
        self.keyer = ArticleKeyer::default();
    }

    /// The key of article `index` ("" past the end).
    pub fn key(&self, index: usize) -> &str {
        self.keys.get(index).map_or("", String::as_str)
    }

    /// The article with this key, if loaded.
    pub fn index(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }
}
