//! Bytes to safe text: encoding detection and neutralising terminal control sequences.

use std::borrow::Cow;

/// Why a file could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => f.write_str("empty file"),
            DecodeError::Binary => f.write_str("binary file, not text"),
        }
    }
}

/// Text decoded from a file, with a note when it was not valid UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Decodes file bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else the legacy
/// encoding the bytes look like (chardetng's guess, flagged in the warning).
/// Binary and empty files are refused. The result is sanitised (see [`sanitize`]).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_declared(bytes, None)
}

/// [`decode`], honouring the encoding the file declares (an HTML page's `<meta charset>`):
/// a BOM still wins, and a declared UTF-8 that is not valid falls back to detection.
pub fn decode_declared(
    bytes: &[u8],
    declared: Option<&'static encoding_rs::Encoding>,
) -> Result<Decoded, DecodeError> {
    let legacy = declared.filter(|e| {
        *e != encoding_rs::UTF_8 && *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE
    });
    let (text, warning) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (decode_utf8_or_legacy(rest)?.0, None)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, had_errors) = encoding_rs::UTF_16LE.decode(bytes); // BOM sniffing picks LE/BE
        let warning = had_errors.then(|| "invalid UTF-16 sequences replaced".to_string());
        (text.into_owned(), warning)
    } else if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    } else if let Some(encoding) = legacy {
        (
            encoding.decode_without_bom_handling(bytes).0.into_owned(),
            None,
        )
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), None),
            Err(_) => {
                let (text, encoding) = decode_utf8_or_legacy(bytes)?;
                let warning = format!("not valid UTF-8: decoded as {}", encoding.name());
                (text, Some(warning))
            }
        }
    };
    // Clean text (the usual case) is kept as it is, not copied.
    let text = if needs_sanitizing(text.as_bytes()) {
        sanitize(&text)
    } else {
        text
    };
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded { text, warning })
}

/// UTF-8 if the bytes are, else the legacy encoding chardetng takes them for.
fn decode_utf8_or_legacy(
    bytes: &[u8],
) -> Result<(String, &'static encoding_rs::Encoding), DecodeError> {
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), encoding_rs::UTF_8),
        Err(_) => {
            // ISO-2022-JP is told by escape sequences, which text must not be read by.
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
            (
                encoding.decode_without_bom_handling(bytes).0.into_owned(),
                encoding,
            )
        }
    })
}

/// A NUL byte, or many control bytes, in the first 8 KiB means this is not text.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let is_control = |b: u8| {
        let allowed = (b == b'\n') | (b == b'\r') | (b == b'\t') | (b == 0x0C) | (b == 0x1B);
        (b < 0x20) & !allowed
    };
    // Text has none: a test without branching (vector code) before any counting.
    if !head.iter().fold(false, |found, &b| found | is_control(b)) {
        return false;
    }
    let controls = head.iter().filter(|&&b| is_control(b)).count();
    !head.is_empty() && controls * 10 > head.len()
}

/// Makes text safe to put on a terminal and regular to work with:
/// - CRLF and lone CR become LF; tabs become a space; form feeds become a blank line;
/// - ANSI/VT escape sequences (CSI, OSC, DCS, …) are removed entirely, so an article can
///   never change the terminal's title, colours or clipboard;
/// - other C0/C1 control characters and bidirectional overrides are dropped.
pub fn sanitize(text: &str) -> String {
    if !needs_sanitizing(text.as_bytes()) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{0C}' => out.push_str("\n\n"),
            '\u{1B}' => skip_escape_sequence(&mut chars, &mut out),
            // C1 CSI/OSC/DCS/SOS/PM/APC introduce sequences as ESC does.
            '\u{9B}' => skip_until_final(&mut chars, &mut out),
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' => {
                skip_string(&mut chars, &mut out)
            }
            c if c.is_control() => {}
            // Bidi embeddings/overrides/isolates can make text display other than it reads;
            // the marks (ALM, LRM, RLM) are gone with them, as `acts_on_terminal` names them.
            '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The neutraliser for everything lede prints on one line of a terminal that came from
/// outside: a file name or path, an article key, a tag, a highlight id, an outlet or title,
/// an import's labels, an error message quoting any of them. Call it on each such string
/// before printing it (`lede: {}` messages included); JSON output goes through
/// [`crate::safe_json`] instead, which escapes the same characters.
///
/// It is [`sanitize`], the article text's sanitiser, with line breaks made spaces: escape
/// sequences (CSI, OSC, DCS …, by ESC or their C1 forms) are removed whole, every other
/// C0/C1 control character and bidirectional override is dropped, and line breaks (CR,
/// LF, form feed, U+2028, U+2029) and tabs become spaces. So the text stays on its line
/// and cannot move the cursor, retitle the terminal, write the clipboard, change colours
/// or display other than it reads. Clean text is returned as it is, without copying.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    let line_break = |c: char| matches!(c, '\n' | '\u{2028}' | '\u{2029}');
    if !needs_sanitizing(text.as_bytes()) && !text.contains(line_break) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(sanitize(text).replace(line_break, " "))
}

/// Whether `c` could act on a terminal or make text display other than it reads: a C0 or
/// C1 control character (escape sequences start with one), or a bidirectional mark,
/// embedding, override or isolate. What may never be printed raw.
pub fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Whether `sanitize` would change anything: a byte scan, much cheaper than going through
/// the characters, for the common case of clean text.
fn needs_sanitizing(bytes: &[u8]) -> bool {
    // Control bytes but the newline: a block at a time, without branching inside a block
    // (which compiles to vector code), stopping at the first block holding one.
    let controls = bytes.chunks(64).any(|block| {
        block.iter().fold(false, |found, &b| {
            found | ((b < 0x20) & (b != b'\n')) | (b == 0x7F)
        })
    });
    controls || memchr::memchr3_iter(0xC2, 0xD8, 0xE2, bytes).any(|i| starts_c1_or_bidi(bytes, i))
}

/// Whether a C1 control (U+0080..U+009F) or a bidi control or mark starts at byte `i`.
fn starts_c1_or_bidi(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        // U+0080..U+009F are C2 80..C2 9F in UTF-8.
        0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
        // U+061C (the Arabic letter mark) is D8 9C.
        0xD8 => bytes.get(i + 1) == Some(&0x9C),
        // U+200E, U+200F are E2 80 8E, 8F; U+202A..U+202E are E2 80 AA..AE; U+2066..U+2069
        // are E2 81 A6..A9.
        0xE2 => match (bytes.get(i + 1), bytes.get(i + 2)) {
            (Some(0x80), Some(n)) => matches!(n, 0x8E | 0x8F | 0xAA..=0xAE),
            (Some(0x81), Some(n)) => (0xA6..=0xA9).contains(n),
            _ => false,
        },
        _ => false,
    }
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape_sequence(chars: &mut Chars, out: &mut String) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_until_final(chars, out);
        }
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
            chars.next();
            skip_string(chars, out);
        }
        // Two-character escapes (ESC 7, ESC c, ESC ( B …): drop intermediates and the final.
        Some(c) if ('\u{20}'..='\u{2F}').contains(&c) => {
            while matches!(chars.peek(), Some(c) if ('\u{20}'..='\u{2F}').contains(c)) {
                chars.next();
            }
            chars.next();
        }
        Some(c) if ('\u{30}'..='\u{7E}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI: parameters and intermediates up to a final byte in `@`..=`~`.
fn skip_until_final(chars: &mut Chars, out: &mut String) {
    for c in chars.by_ref() {
        if c == '\n' {
            out.push('\n');
            break;
        }
        if ('\u{40}'..='\u{7E}').contains(&c) {
            break;
        }
    }
}

/// OSC/DCS-style strings end with BEL, ESC \ or ST (U+009C). A missing terminator stops at
/// the end of the line so a stray sequence cannot swallow the rest of the article.
fn skip_string(chars: &mut Chars, out: &mut String) {
    while let Some(c) = chars.next() {
        match c {
            '\u{07}' | '\u{9C}' => break,
            '\n' => {
                out.push('\n');
                break;
            }
            '\u{1B}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("Erdoğan said “no”.".as_bytes()).unwrap();
        assert_eq!(d.text, "Erdoğan said “no”.");
        assert_eq!(d.warning, None);
    }

    #[test]
    fn bom_is_dropped() {
        let d = decode(b"\xEF\xBB\xBFHello").unwrap();
        assert_eq!(d.text, "Hello");
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252_and_is_flagged() {
        let d = decode(b"caf\xE9 \x93quoted\x94").unwrap();
        assert_eq!(d.text, "café “quoted”");
        assert!(d.warning.unwrap().contains("windows-1252"));
    }

    #[test]
    fn undeclared_cyrillic_is_detected_and_declared_encodings_are_honoured() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("Правительство объявило о новых мерах поддержки для семей с детьми.");
        let d = decode(&bytes).unwrap();
        assert!(d.text.starts_with("Правительство объявило"), "{}", d.text);
        assert!(d.warning.unwrap().contains("windows-1251"));
        let (bytes, _, _) = encoding_rs::ISO_8859_2.encode("Łódź i Žilina: zażółć gęślą jaźń.");
        let d = decode_declared(&bytes, Some(encoding_rs::ISO_8859_2)).unwrap();
        assert_eq!(d.text, "Łódź i Žilina: zażółć gęślą jaźń.");
        assert_eq!(d.warning, None);
        // A BOM wins over the declaration; declared UTF-8 is read as UTF-8.
        let d = decode_declared(b"\xEF\xBB\xBFcaf\xC3\xA9", Some(encoding_rs::ISO_8859_2));
        assert_eq!(d.unwrap().text, "café");
        let d = decode_declared("café".as_bytes(), Some(encoding_rs::UTF_8)).unwrap();
        assert_eq!(d.text, "café");
    }

    #[test]
    fn utf16_with_bom() {
        let d = decode(b"\xFF\xFEH\x00i\x00").unwrap();
        assert_eq!(d.text, "Hi");
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(decode(b"\x7FELF\x02\x01\x00\x00"), Err(DecodeError::Binary));
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \n\n \t"), Err(DecodeError::Empty));
    }

    #[test]
    fn escape_sequences_are_removed() {
        let hostile =
            "Red \x1b[31mtext\x1b[0m, title \x1b]0;pwned\x07 clip \x1b]52;c;aGk=\x1b\\ end\x07.";
        assert_eq!(sanitize(hostile), "Red text, title  clip  end.");
    }

    #[test]
    fn unterminated_osc_stops_at_line_end() {
        assert_eq!(sanitize("a\x1b]0;title\nnext line"), "a\nnext line");
    }

    #[test]
    fn clean_text_is_left_alone_and_everything_else_is_noticed() {
        for clean in ["", "plain\nlines", "“curly” — dash … é 日本 😀"] {
            assert!(!needs_sanitizing(clean.as_bytes()), "{clean:?}");
        }
        for c in (0u32..0x20)
            .chain(0x7F..0xA0)
            .chain([0x061C, 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069])
        {
            let c = char::from_u32(c).unwrap();
            if c != '\n' {
                assert!(!sanitize(&format!("a{c}b")).contains(c), "{c:?} kept");
                assert!(needs_sanitizing(format!("a{c}b").as_bytes()), "{c:?}");
                // Anywhere in a longer text, and at its very end.
                for at in [0, 63, 64, 65, 200] {
                    let text = format!("{}{c}{}", "x\n“".repeat(at / 5), "é".repeat(at % 7));
                    assert!(needs_sanitizing(text.as_bytes()), "{c:?} at {at}");
                }
            }
        }
    }

    #[test]
    fn binary_is_told_by_nul_or_many_control_bytes() {
        assert!(looks_binary(b"text\0more"));
        let some = "line\r\n\tx\x0C\x1B[0m ".repeat(100);
        assert!(!looks_binary(some.as_bytes()));
        // One control byte in ten is text; more is binary.
        assert!(!looks_binary(b"\x01bcdefghij"));
        assert!(looks_binary(b"\x01bcdefghi"));
        assert!(looks_binary(&[0x02; 9000]));
    }

    #[test]
    fn terminal_safe_text_is_one_clean_line() {
        let hostile = "a\x1b]0;title\x07b\x1b[2Jc\u{9b}31md\r\ne\tf\u{202e}g\u{2028}h\u{85}i";
        assert_eq!(terminal_safe(hostile), "abcd e fg hi");
        assert!(matches!(terminal_safe("plain “text” é"), Cow::Borrowed(_)));
        for c in (0u32..0x20)
            .chain(0x7F..0xA0)
            .chain([0x061C, 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069])
        {
            let c = char::from_u32(c).unwrap();
            let shown = terminal_safe(&format!("x{c}y")).into_owned();
            assert!(!shown.chars().any(|c| c.is_control()), "{c:?}: {shown:?}");
            assert!(!shown.chars().any(acts_on_terminal), "{c:?}: {shown:?}");
        }
    }

    #[test]
    fn control_characters_and_line_endings() {
        assert_eq!(
            sanitize("a\r\nb\rc\td\u{0}e\u{85}f\u{202E}g"),
            "a\nb\nc defg"
        );
    }
}
