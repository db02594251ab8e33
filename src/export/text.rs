//! Text helpers shared by the formats: removing control characters, percent-encoding, and
//! the IRI an article key is exported under.

use crate::store::path_key::{path_bytes, path_from_bytes, path_of_key};

/// Text safe to write into any export: line breaks as `\n`, tabs kept, every other control
/// character (escape sequences included) and bidirectional control dropped.
pub fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    text.chars()
        .filter_map(|c| match c {
            '\r' => Some('\n'),
            '\n' | '\t' => Some(c),
            c if crate::corpus::acts_on_terminal(c) => None,
            c => Some(c),
        })
        .collect()
}

/// One line: every run of white space (line breaks included) becomes one space.
pub fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Percent-encodes every byte except ASCII letters, digits, `.`, `_`, `~` and the bytes in
/// `keep`.
pub fn percent_encode(text: &str, keep: &[u8]) -> String {
    percent_encode_bytes(text.as_bytes(), keep)
}

/// [`percent_encode`] of bytes that may not be UTF-8 (a file's name).
fn percent_encode_bytes(bytes: &[u8], keep: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &byte in bytes {
        if byte.is_ascii_alphanumeric() || b"._~".contains(&byte) || keep.contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes; `None` when the result is not UTF-8. A `%` not followed by two
/// hex digits is kept as it is.
pub fn percent_decode(text: &str) -> Option<String> {
    String::from_utf8(percent_decode_bytes(text)).ok()
}

/// [`percent_decode`] to bytes that may not be UTF-8 (a file's name).
fn percent_decode_bytes(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                let value = hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0);
                out.push(u8::try_from(value).unwrap_or(b'?'));
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// The IRI an article key is exported under: `seeds/NAME` stays as it is (lede opens the
/// bundled copy by that path); an absolute path becomes a `file://` URI, and a record of a
/// JSON Lines dataset (`DATASET:LINE`) the dataset's `file://` URI with an RFC 5147 line
/// fragment (`#line=11,12` is line 12); anything else (an orphan's source from another
/// tool) is kept, with characters an IRI cannot hold percent-encoded.
pub fn source_iri(key: &str) -> String {
    if let Some((dataset, line)) = crate::store::dataset_line(key)
        && dataset.is_absolute()
    {
        let file = percent_encode_bytes(&path_bytes(&dataset), b"/-");
        return format!("file://{file}#line={},{line}", line - 1);
    }
    let path = path_of_key(key);
    if path.is_absolute() {
        return format!("file://{}", percent_encode_bytes(&path_bytes(&path), b"/-"));
    }
    if key.contains("://") || key.starts_with("urn:") {
        return encode_unsafe(key);
    }
    percent_encode(key, b"/-:@!$&'()*+,;=")
}

/// `text` with what no IRI may hold raw (white space, control characters, `<>"{}|\^` and
/// the backtick) percent-encoded; everything else, `%` included, kept.
fn encode_unsafe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c) {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` when it is a web address lede links to: `http` or `https`, on one line, without
/// white space, control characters or the characters RFC 3986 leaves out of addresses
/// (`<>"` and the like, which would end a link in the formats). A page's `javascript:` link
/// is no address.
pub fn web_address(text: &str) -> Option<String> {
    let text = text.trim();
    let scheme_ok = ["http://", "https://"].iter().any(|scheme| {
        text.get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
    });
    let clean = !text
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>\"`{}|\\^".contains(c));
    (scheme_ok && clean && text.len() > "https://".len()).then(|| text.to_string())
}

/// Where an article named by an annotation's source lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceRef {
    /// A bundled seed, `seeds/NAME`.
    Seed(String),
    /// A local file.
    File(std::path::PathBuf),
    /// A record of a local JSON Lines dataset: the file and the line (from 1).
    Record(std::path::PathBuf, usize),
    /// Something lede cannot open (a web address, a book title): kept as the key.
    Other(String),
}

/// Reads an annotation's source (or our own `source_iri`) back.
pub fn source_ref(source: &str) -> SourceRef {
    let source = source.trim();
    if let Some(rest) = source.strip_prefix("file://") {
        let rest = rest.strip_prefix("localhost").unwrap_or(rest);
        let (path, fragment) = rest.split_once('#').unwrap_or((rest, ""));
        let bytes = percent_decode_bytes(path);
        // A name with control characters is no file lede opens (and must not reach a terminal).
        let control = match std::str::from_utf8(&bytes) {
            Ok(text) => text.contains(char::is_control),
            Err(_) => bytes.iter().any(u8::is_ascii_control),
        };
        let file = (bytes.starts_with(b"/") && !control)
            .then(|| path_from_bytes(bytes))
            .flatten();
        return match (file, line_fragment(fragment)) {
            (Some(file), Some(line)) => SourceRef::Record(file, line),
            (Some(file), None) => SourceRef::File(file),
            (None, _) => SourceRef::Other(source.to_string()),
        };
    }
    if source.contains("://") || source.starts_with("urn:") || source.is_empty() {
        return SourceRef::Other(source.to_string());
    }
    let decoded = percent_decode(source).unwrap_or_else(|| source.to_string());
    // A name with control characters is no file lede opens (and must not reach a terminal).
    if decoded.contains(char::is_control) {
        return SourceRef::Other(source.to_string());
    }
    if let Some(name) = crate::store::bundled_seed_name(std::path::Path::new(&decoded)) {
        return SourceRef::Seed(name);
    }
    SourceRef::File(decoded.into())
}

/// The line an RFC 5147 fragment selects: `line=A,B` with B = A + 1 is line B counting
/// from 1 (the text between the ends of lines A and B).
fn line_fragment(fragment: &str) -> Option<usize> {
    let (from, to) = fragment.strip_prefix("line=")?.split_once(',')?;
    let (from, to): (usize, usize) = (from.parse().ok()?, to.parse().ok()?);
    (to == from.checked_add(1)?).then_some(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_dropped_and_line_breaks_kept() {
        assert_eq!(clean("a\u{1b}[31mb\r\nc\rd\te\u{7}"), "a[31mb\nc\nd\te");
        assert_eq!(clean("x\u{202e}y\u{2066}z"), "xyz");
        assert_eq!(one_line(" a\n\n b\tc "), "a b c");
    }

    #[test]
    fn percent_encoding_round_trips() {
        let text = "Erdoğan, 100% - a&b/c";
        let encoded = percent_encode(text, b"/");
        assert_eq!(encoded, "Erdo%C4%9Fan%2C%20100%25%20%2D%20a%26b/c");
        assert_eq!(percent_decode(&encoded).as_deref(), Some(text));
        assert_eq!(percent_decode("100%").as_deref(), Some("100%"));
        assert_eq!(percent_decode("%FF"), None);
    }

    #[test]
    fn sources_round_trip_through_their_iri() {
        let seed = "seeds/000_4c127d6cd1a64f9a.txt";
        assert_eq!(source_iri(seed), seed);
        assert_eq!(
            source_ref(&source_iri(seed)),
            SourceRef::Seed("000_4c127d6cd1a64f9a.txt".into())
        );
        let file = "/home/a b/news/ünï.txt";
        assert_eq!(
            source_iri(file),
            "file:///home/a%20b/news/%C3%BCn%C3%AF.txt"
        );
        assert_eq!(source_ref(&source_iri(file)), SourceRef::File(file.into()));
        assert_eq!(
            source_ref("https://example.com/a"),
            SourceRef::Other("https://example.com/a".into())
        );
        assert_eq!(
            source_ref("file://localhost/x"),
            SourceRef::File("/x".into())
        );
        assert_eq!(
            source_ref("file:///tmp/%1B[2J.txt"),
            SourceRef::Other("file:///tmp/%1B[2J.txt".into())
        );
        assert!(matches!(source_ref("a%07b.txt"), SourceRef::Other(_)));
    }

    #[test]
    fn dataset_records_are_a_line_of_the_dataset() {
        let key = "/data/news feed.jsonl:12";
        let iri = source_iri(key);
        assert_eq!(iri, "file:///data/news%20feed.jsonl#line=11,12");
        assert_eq!(
            source_ref(&iri),
            SourceRef::Record("/data/news feed.jsonl".into(), 12)
        );
        assert_eq!(
            source_ref("file:///data/a.jsonl#line=3,9"),
            SourceRef::File("/data/a.jsonl".into())
        );
    }

    /// A file (or dataset) whose name is not UTF-8 goes out as its bytes, percent-encoded,
    /// and comes back as the same file: not a lossy look-alike.
    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_go_out_and_come_back_byte_for_byte() {
        use crate::store::path_key::key_of_path;
        let file = path_from_bytes(b"/news/caf\xe9.txt".to_vec()).unwrap();
        let iri = source_iri(&key_of_path(&file));
        assert_eq!(iri, "file:///news/caf%E9.txt");
        assert_eq!(source_ref(&iri), SourceRef::File(file));
        let dataset = path_from_bytes(b"/news/f\xe9ed.jsonl".to_vec()).unwrap();
        let record = crate::corpus::record_path(&dataset, 4);
        let iri = source_iri(&key_of_path(&record));
        assert_eq!(iri, "file:///news/f%E9ed.jsonl#line=3,4");
        assert_eq!(source_ref(&iri), SourceRef::Record(dataset, 4));
        // A control byte in such a name is still no file.
        assert!(matches!(
            source_ref("file:///news/%FF%1B[2J"),
            SourceRef::Other(_)
        ));
    }

    #[test]
    fn addresses_from_other_tools_are_made_safe_iris() {
        assert_eq!(source_iri("https://x.org/a?b=1#c"), "https://x.org/a?b=1#c");
        assert_eq!(
            source_iri("https://x.org/a b<\n>\u{1b}"),
            "https://x.org/a%20b%3C%0A%3E%1B"
        );
    }

    #[test]
    fn only_http_addresses_are_web_addresses() {
        assert_eq!(
            web_address(" https://example.com/a?b=c#d ").as_deref(),
            Some("https://example.com/a?b=c#d")
        );
        assert!(web_address("HTTP://example.com").is_some());
        for not_one in [
            "javascript:alert(1)",
            "https://exa mple.com",
            "https://x\u{1b}[2J",
            "https://x/<script>",
            "https://x/\"a",
            "ftp://example.com",
            "https://",
            "seeds/000.txt",
        ] {
            assert_eq!(web_address(not_one), None, "{not_one:?}");
        }
    }
}
