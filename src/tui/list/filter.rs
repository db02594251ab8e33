//! The list filter (`f`): words that must be in the title, source or feed, `#tag`s that
//! must be on a highlight of the article, and `feed:NAME` terms naming the feed (any of
//! them). A quoted feed name matches that feed exactly, an unquoted one any feed whose
//! name contains it; a quoted phrase is one word.

use lede::corpus::Article;

use crate::tui::shared::Shared;

/// Where an article came from, for the feed filter and the feed picker: its feed, or for
/// an article saved without one, its outlet.
pub fn feed_name(article: &Article) -> Option<&str> {
    [article.origin.feed.as_deref(), article.source.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|name| !name.is_empty())
}

/// A feed name as compared: lower case, without quotes (which a typed term cannot hold).
fn comparable(name: &str) -> String {
    name.to_lowercase().replace('"', "")
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum FeedTerm {
    Exact(String),
    Part(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    words: Vec<String>,
    tags: Vec<String>,
    feeds: Vec<FeedTerm>,
}

/// The filter's terms: split at white space outside double quotes; each with whether it
/// was quoted.
fn terms(text: &str) -> Vec<(String, bool)> {
    let mut terms = Vec::new();
    let mut term = String::new();
    let (mut quoted, mut inside) = (false, false);
    for c in text.chars() {
        match c {
            '"' => {
                inside = !inside;
                quoted = true;
            }
            c if c.is_whitespace() && !inside => {
                if !term.is_empty() {
                    terms.push((std::mem::take(&mut term), quoted));
                }
                quoted = false;
            }
            c => term.push(c),
        }
    }
    if !term.is_empty() {
        terms.push((term, quoted));
    }
    terms
}

/// The prefix of a feed term.
const FEED: &str = "feed:";

fn feed_value(term: &str) -> Option<&str> {
    let prefix = term.get(..FEED.len())?;
    prefix
        .eq_ignore_ascii_case(FEED)
        .then(|| &term[FEED.len()..])
}

impl Filter {
    pub fn parse(text: &str) -> Filter {
        let mut filter = Filter::default();
        for (term, quoted) in terms(text) {
            if let Some(feed) = feed_value(&term) {
                let feed = comparable(feed.trim());
                if !feed.is_empty() {
                    filter.feeds.push(if quoted {
                        FeedTerm::Exact(feed)
                    } else {
                        FeedTerm::Part(feed)
                    });
                }
            } else if let Some(tag) = term.strip_prefix('#').filter(|_| !quoted) {
                if !tag.is_empty() {
                    filter.tags.push(tag.to_lowercase());
                }
            } else {
                filter.words.push(term.to_lowercase());
            }
        }
        filter
    }

    /// Whether article `index` passes.
    pub fn matches(&self, index: usize, shared: &Shared) -> bool {
        let Some(article) = shared.corpus.articles.get(index) else {
            return false;
        };
        if !self.feeds.is_empty() {
            let Some(name) = feed_name(article).map(comparable) else {
                return false;
            };
            let any = self.feeds.iter().any(|term| match term {
                FeedTerm::Exact(feed) => name == *feed,
                FeedTerm::Part(part) => name.contains(part.as_str()),
            });
            if !any {
                return false;
            }
        }
        if !self.words.is_empty() {
            let haystack = [
                Some(article.title.as_str()),
                article.source.as_deref(),
                article.origin.feed.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
            if !self.words.iter().all(|w| haystack.contains(w.as_str())) {
                return false;
            }
        }
        self.tags.is_empty()
            || shared.notes.store.as_ref().is_some_and(|store| {
                let key = shared.keys.key(index);
                self.tags.iter().all(|tag| {
                    store
                        .highlights()
                        .iter()
                        .any(|h| h.article == key && h.has_tag(tag))
                })
            })
    }
}

/// `filter` with its feed terms replaced by one naming `feed` exactly (none: all feeds),
/// keeping the other terms as typed.
pub fn with_feed(filter: Option<&str>, feed: Option<&str>) -> Option<String> {
    let mut kept: Vec<String> = terms(filter.unwrap_or(""))
        .into_iter()
        .filter(|(term, _)| feed_value(term).is_none())
        .map(|(term, quoted)| {
            if quoted {
                // Put the quotes back around the part after a prefix.
                match term.strip_prefix('#') {
                    Some(rest) => format!("#\"{rest}\""),
                    None => format!("\"{term}\""),
                }
            } else {
                term
            }
        })
        .collect();
    if let Some(feed) = feed {
        kept.insert(0, format!("{FEED}\"{}\"", feed.replace('"', "")));
    }
    let text = kept.join(" ");
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_keep_quoted_phrases_together() {
        assert_eq!(
            terms(r#"feed:"New York Times" nato  "sea wall" #idlib"#),
            [
                ("feed:New York Times".to_string(), true),
                ("nato".to_string(), false),
                ("sea wall".to_string(), true),
                ("#idlib".to_string(), false),
            ]
        );
        let filter = Filter::parse(r#"FEED:"The Times" feed:gazette Nato #Idlib"#);
        assert_eq!(
            filter.feeds,
            [
                FeedTerm::Exact("the times".into()),
                FeedTerm::Part("gazette".into())
            ]
        );
        assert_eq!(filter.words, ["nato"]);
        assert_eq!(filter.tags, ["idlib"]);
        assert_eq!(Filter::parse("feed: feed:\"\""), Filter::default());
    }

    #[test]
    fn picking_a_feed_replaces_the_feed_terms_only() {
        assert_eq!(
            with_feed(
                Some(r#"nato feed:old "sea wall""#),
                Some("The \"Daily\" Gazette")
            )
            .as_deref(),
            Some(r#"feed:"The Daily Gazette" nato "sea wall""#)
        );
        assert_eq!(
            with_feed(Some("feed:\"x y\" nato"), None).as_deref(),
            Some("nato")
        );
        assert_eq!(with_feed(Some("feed:x"), None), None);
        assert_eq!(with_feed(None, Some("A")).as_deref(), Some("feed:\"A\""));
    }
}
