//! Web addresses lede fetches: `http` and `https` with a host, nothing else. A feed, an
//! OPML file or a page can name any address; whatever is not a web address is refused
//! here, so no `file://` (or other scheme) ever reaches the network code.

use std::fmt;

use url::Url;

/// An absolute `http`/`https` address with a host, without its `#fragment`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WebAddress(Url);

impl WebAddress {
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub fn host(&self) -> &str {
        self.0.host_str().unwrap_or("")
    }

    /// `href` (maybe relative) read against this address.
    pub fn join(&self, href: &str) -> Result<WebAddress, String> {
        let joined = self
            .0
            .join(href.trim())
            .map_err(|e| format!("not an address ({e})"))?;
        checked(joined)
    }
}

impl fmt::Display for WebAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Longest address accepted.
const ADDRESS_MAX_BYTES: usize = 4096;

/// Reads an absolute web address; the reason it is refused otherwise, in words.
pub fn parse(text: &str) -> Result<WebAddress, String> {
    let text = text.trim();
    if text.len() > ADDRESS_MAX_BYTES {
        return Err("address too long".to_string());
    }
    let url = Url::parse(text).map_err(|e| match e {
        url::ParseError::RelativeUrlWithoutBase => {
            "not a web address (give it with http:// or https://)".to_string()
        }
        other => format!("not a web address ({other})"),
    })?;
    checked(url)
}

fn checked(mut url: Url) -> Result<WebAddress, String> {
    match url.scheme() {
        "http" | "https" => {}
        "file" => {
            return Err(
                "file:// addresses are not fetched (open a local file with `lede PATH`)"
                    .to_string(),
            );
        }
        other => {
            return Err(format!(
                "{}: addresses are not fetched (only http and https)",
                super::printable(other)
            ));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("not a web address (no host)".to_string());
    }
    if url.as_str().len() > ADDRESS_MAX_BYTES {
        return Err("address too long".to_string());
    }
    url.set_fragment(None);
    Ok(WebAddress(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses() {
        assert_eq!(
            parse(" HTTPS://Example.COM/a#top ").unwrap().as_str(),
            "https://example.com/a"
        );
        assert!(parse("http://127.0.0.1:8080/feed.xml").is_ok());
        for bad in [
            "file:///etc/passwd",
            "ftp://example.com/x",
            "javascript:alert(1)",
            "data:text/html,hi",
            "/etc/passwd",
            "example.com/feed",
            "http://",
            "",
        ] {
            assert!(parse(bad).is_err(), "{bad} accepted");
        }
        assert!(
            parse("file:///etc/passwd")
                .unwrap_err()
                .contains("lede PATH")
        );
    }

    #[test]
    fn relative_links_stay_on_the_web() {
        let base = parse("https://example.com/news/feed.xml").unwrap();
        assert_eq!(
            base.join("../story.html").unwrap().as_str(),
            "https://example.com/story.html"
        );
        assert!(base.join("file:///etc/passwd").is_err());
        assert!(base.join("//other.org/x").is_ok());
    }
}
