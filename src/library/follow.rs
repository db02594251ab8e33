//! Following a feed: `lede feed add` fetches the address once and follows it only if it
//! is a feed, or a page that links one.

use std::path::Path;

use anyhow::Result;

use super::address::WebAddress;
use super::feed::{self, ACCEPT_FEED, ParsedFeed};
use super::feed_list::{self, Feed, FeedState};
use super::net::{Fetched, Fetcher, Validators};
use super::page::with_declared_charset;

/// A feed found at an address: where it really is (after redirects, or the feed a page
/// links), and what it holds now.
#[derive(Debug, Clone)]
pub struct Found {
    pub url: WebAddress,
    pub feed: ParsedFeed,
}

/// Fetches `url` and reads it as a feed; a web page is searched for a linked feed, which
/// is fetched in turn. The error says why there is no feed.
pub fn find_feed(fetcher: &Fetcher, url: &WebAddress) -> Result<Found, String> {
    let page = fetch(fetcher, url)?;
    let bytes = with_declared_charset(&page.bytes, page.charset.as_deref());
    let not_a_feed = match feed::parse(&bytes, &page.url) {
        Ok(parsed) => {
            return Ok(Found {
                url: page.url,
                feed: parsed,
            });
        }
        Err(reason) => reason,
    };
    let Some(linked) = feed::linked_feeds(&bytes, &page.url).into_iter().next() else {
        return Err(if looks_like_html(&page) {
            "not a feed: a web page that links no feed".to_string()
        } else {
            not_a_feed
        });
    };
    let linked_page =
        fetch(fetcher, &linked).map_err(|e| format!("the page's feed {linked}: {e}"))?;
    let bytes = with_declared_charset(&linked_page.bytes, linked_page.charset.as_deref());
    let parsed = feed::parse(&bytes, &linked_page.url)
        .map_err(|e| format!("the page's feed {linked}: {e}"))?;
    Ok(Found {
        url: linked_page.url,
        feed: parsed,
    })
}

fn fetch(fetcher: &Fetcher, url: &WebAddress) -> Result<super::net::Page, String> {
    match fetcher
        .get(url, &Validators::default(), ACCEPT_FEED)
        .map_err(|e| e.to_string())?
    {
        Fetched::Page(page) => Ok(*page),
        Fetched::NotModified => Err("the server answered 304 to a plain request".to_string()),
    }
}

fn looks_like_html(page: &super::net::Page) -> bool {
    page.media_type
        .as_deref()
        .is_some_and(|t| t.contains("html"))
        || String::from_utf8_lossy(&page.bytes[..page.bytes.len().min(512)])
            .to_ascii_lowercase()
            .contains("<html")
}

/// What following did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Followed {
    Added,
    /// Already followed; its settings were updated (and a gone mark cleared).
    AlreadyFollowed,
}

/// Adds the feed found to the list (or updates its settings when it is there).
pub fn follow(
    data_dir: &Path,
    found: &Found,
    full_text: Option<bool>,
) -> Result<(Followed, Vec<String>)> {
    let url = found.url.to_string();
    let title = found
        .feed
        .title
        .as_deref()
        .map(super::printable)
        .filter(|t| !t.is_empty());
    feed_list::edit(data_dir, |list| {
        Ok(match list.find_mut(&url) {
            Some(feed) => {
                feed.state = FeedState::default();
                if let Some(full_text) = full_text {
                    feed.full_text = full_text;
                }
                if feed.title.is_none() {
                    feed.title = title;
                }
                Followed::AlreadyFollowed
            }
            None => {
                list.feeds.push(Feed {
                    url,
                    title,
                    full_text: full_text.unwrap_or(false),
                    added: Some(crate::store::timestamp::now()),
                    state: FeedState::default(),
                });
                Followed::Added
            }
        })
    })
}
