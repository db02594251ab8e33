//! The character set a saved page declares in its first bytes, as a browser's prescan
//! finds it: `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…;
//! charset=…">`. A byte-order mark, when there is one, wins over it (see `decode`).

use encoding_rs::Encoding;
use memchr::memmem;

/// How far into the file the declaration is looked for (browsers look at 1024 bytes;
/// saved pages often put a long comment or script first).
const PRESCAN_BYTES: usize = 4096;

/// The encoding a page declares, if the file opens like markup and names a known one.
pub fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let first = head.iter().position(|b| !b.is_ascii_whitespace())?;
    if head[first] != b'<' {
        return None;
    }
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memmem::find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        if let Some(encoding) = charset_in(&lower[start..end]).and_then(Encoding::for_label) {
            return Some(encoding);
        }
        from = end;
    }
    None
}

/// The label after `charset=` in a `<meta …>` tag (lower case, without quotes).
fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let at = memmem::find(tag, b"charset")?;
    let rest = tag[at + b"charset".len()..].trim_ascii_start();
    let rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let rest = match rest.first() {
        Some(b'"' | b'\'') => &rest[1..],
        _ => rest,
    };
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_and_http_equiv() {
        let page = b"<!DOCTYPE html><html><head><meta charset=\"windows-1251\"><title>";
        assert_eq!(declared(page), Some(encoding_rs::WINDOWS_1251));
        let page = b"<html><head><META HTTP-EQUIV='Content-Type' \
                     CONTENT='text/html; charset=ISO-8859-2'></head>";
        assert_eq!(declared(page), Some(encoding_rs::ISO_8859_2));
        let page = b"<meta charset=utf-8>";
        assert_eq!(declared(page), Some(encoding_rs::UTF_8));
    }

    #[test]
    fn nothing_declared_or_not_markup() {
        assert_eq!(declared(b"<html><head><title>x</title></head>"), None);
        assert_eq!(declared(b"<meta charset=\"klingon\">"), None);
        assert_eq!(declared(b"Plain text naming <meta charset=koi8-r>"), None);
        assert_eq!(declared(b"<meta charset="), None);
        assert_eq!(declared(b""), None);
    }
}
