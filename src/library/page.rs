//! A fetched web page to a library entry, through the corpus's HTML reader (the same
//! article extraction as for saved pages), and `lede add`: fetch, extract, save once.

use std::path::{Path, PathBuf};

use super::address::WebAddress;
use super::article_file::Entry;
use super::net::{Fetched, Fetcher, Page, Validators};
use super::shelf::{Keys, Library};
use crate::corpus::{Format, ParagraphKind, article_from_bytes};

/// What a page request accepts.
pub const ACCEPT_PAGE: &str = "text/html, application/xhtml+xml, */*;q=0.5";

/// The body's bytes with the charset the server declared applied: re-encoded as UTF-8
/// with a byte-order mark (which every reader honours before any `<meta charset>` or XML
/// declaration, as the HTTP header should be). Unchanged when the server declared
/// nothing, or UTF-8, or the bytes carry their own mark.
pub fn with_declared_charset(bytes: &[u8], charset: Option<&str>) -> Vec<u8> {
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF");
    let encoding = charset.and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()));
    match encoding {
        Some(encoding) if !has_bom && encoding != encoding_rs::UTF_8 => {
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            let mut out = Vec::with_capacity(text.len() + 3);
            out.extend_from_slice(b"\xEF\xBB\xBF");
            out.extend_from_slice(text.as_bytes());
            out
        }
        _ => bytes.to_vec(),
    }
}

/// The article in a fetched page. The error says why there is none.
pub fn entry_from_page(page: &Page, fetched: &str) -> Result<Entry, String> {
    let bytes = with_declared_charset(&page.bytes, page.charset.as_deref());
    let article = article_from_bytes(Path::new("page.html"), Format::Html, &bytes)?;
    let paragraphs = (0..article.paragraphs.len())
        .filter(|&i| {
            !(i == 0
                && article.paragraphs[0].kind == ParagraphKind::Headline
                && article.paragraph_text(0) == article.title)
        })
        .map(|i| article.paragraph_text(i).to_string())
        .collect();
    Ok(Entry {
        title: article.title,
        byline: article.byline,
        date: article.date,
        source: article.source,
        url: Some(page.url.to_string()),
        fetched: fetched.to_string(),
        paragraphs,
        ..Entry::default()
    })
}

/// What `lede add` did with one address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    Saved(PathBuf),
    /// The library already had it, in this file.
    AlreadySaved(PathBuf),
}

/// Fetches `url`, extracts its article and saves it, unless the library already holds
/// it (by address before fetching; by final address or story text after).
pub fn add_page(
    fetcher: &Fetcher,
    library: &Library,
    known: &mut super::shelf::Known,
    url: &WebAddress,
) -> Result<Added, String> {
    if let Some(path) = known.find_url(url.as_str()) {
        return Ok(Added::AlreadySaved(path.to_path_buf()));
    }
    let page = match fetcher
        .get(url, &Validators::default(), ACCEPT_PAGE)
        .map_err(|e| e.to_string())?
    {
        Fetched::Page(page) => page,
        Fetched::NotModified => return Err("the server answered 304 to a plain request".into()),
    };
    let entry = entry_from_page(&page, &crate::store::timestamp::now())?;
    let keys = Keys::of(&entry);
    if let Some(path) = known.find(&keys) {
        return Ok(Added::AlreadySaved(path.to_path_buf()));
    }
    let path = library.save(&entry).map_err(|e| format!("{e:#}"))?;
    known.insert(keys, &path);
    Ok(Added::Saved(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_charset_is_applied_once() {
        let cp1251 = b"<p>\xcf\xf0\xe8\xe2\xe5\xf2</p>";
        let utf8 = with_declared_charset(cp1251, Some("windows-1251"));
        assert_eq!(utf8, "\u{feff}<p>Привет</p>".as_bytes());
        // Already marked, or nothing declared, or UTF-8: left alone.
        assert_eq!(with_declared_charset(&utf8, Some("windows-1251")), utf8);
        assert_eq!(with_declared_charset(cp1251, None), cp1251);
        assert_eq!(with_declared_charset(cp1251, Some("utf-8")), cp1251);
        assert_eq!(
            with_declared_charset(cp1251, Some("no-such-charset")),
            cp1251
        );
    }
}
