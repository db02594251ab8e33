//! Article keys are strings, but a file name on Unix is any bytes. A path that is UTF-8 is
//! its own key (as every key written so far). Any other path is keyed `bytes:` and its
//! bytes, with `%` and every byte that is not printable ASCII written `%XX`. Without that,
//! two names that differ only in bytes that are not UTF-8 would share one key, and each
//! would show the other's highlights. No other key starts with `bytes:/`: file and record
//! keys are absolute paths, and seed keys start with `seeds/`.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

const PREFIX: &str = "bytes:";

/// The key text of `path` (see the module's comment).
pub fn key_of_path(path: &Path) -> String {
    if let Some(text) = path.to_str() {
        return text.to_string();
    }
    let mut key = String::from(PREFIX);
    for &byte in path_bytes(path).iter() {
        if byte == b'%' || !(b' '..=b'~').contains(&byte) {
            key.push_str(&format!("%{byte:02X}"));
        } else {
            key.push(char::from(byte));
        }
    }
    key
}

/// The path a key names: the inverse of [`key_of_path`]. Any other text (a path as a user
/// typed it, a seed's key) is taken as the path it spells.
pub fn path_of_key(key: &str) -> PathBuf {
    key.strip_prefix(PREFIX)
        .filter(|rest| rest.starts_with('/'))
        .and_then(decode)
        .and_then(path_from_bytes)
        // Only what `key_of_path` writes: a path that is not UTF-8, spelt exactly so.
        .filter(|path| key_of_path(path) == key)
        .unwrap_or_else(|| PathBuf::from(key))
}

/// The bytes of `%XX`-escaped printable ASCII; `None` for anything [`key_of_path`] does
/// not write.
fn decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        if byte == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else if (b' '..=b'~').contains(&byte) {
            out.push(byte);
            i += 1;
        } else {
            return None;
        }
    }
    Some(out)
}

/// The path with these bytes (on systems whose paths are not bytes: only UTF-8 ones).
pub fn path_from_bytes(bytes: Vec<u8>) -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(bytes).ok().map(PathBuf::from)
    }
}

/// The bytes of a path (elsewhere than Unix, of its UTF-8 spelling, lossily).
pub fn path_bytes(path: &Path) -> Cow<'_, [u8]> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Cow::Borrowed(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        match path.to_string_lossy() {
            Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
            Cow::Owned(text) => Cow::Owned(text.into_bytes()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_utf8_path_is_its_own_key() {
        for text in [
            "/news/a.txt",
            "/news/naïve 100%.md",
            "seeds/x.txt",
            "bytes:/odd",
        ] {
            assert_eq!(key_of_path(Path::new(text)), text);
        }
        assert_eq!(
            path_of_key("/news/naïve 100%.md"),
            Path::new("/news/naïve 100%.md")
        );
        assert_eq!(path_of_key("seeds/x.txt"), Path::new("seeds/x.txt"));
    }

    #[cfg(unix)]
    #[test]
    fn names_differing_only_in_bytes_that_are_not_utf8_keep_apart_and_come_back() {
        let (a, b) = (
            path_from_bytes(b"/news/caf\xe9 %41.txt".to_vec()).unwrap(),
            path_from_bytes(b"/news/caf\xe8 %41.txt".to_vec()).unwrap(),
        );
        // A lossy conversion gives both the same text.
        assert_eq!(a.to_string_lossy(), b.to_string_lossy());
        let (key_a, key_b) = (key_of_path(&a), key_of_path(&b));
        assert_ne!(key_a, key_b);
        assert_eq!(key_a, "bytes:/news/caf%E9 %2541.txt");
        assert_eq!(path_of_key(&key_a), a);
        assert_eq!(path_of_key(&key_b), b);
        // Control bytes are escaped too: a key never carries one to a terminal.
        let bell = path_from_bytes(b"/n/\x07\xff".to_vec()).unwrap();
        assert_eq!(key_of_path(&bell), "bytes:/n/%07%FF");
        assert_eq!(path_of_key(&key_of_path(&bell)), bell);
    }

    #[test]
    fn text_that_is_no_encoded_key_is_the_path_it_spells() {
        for text in [
            "bytes:relative",
            "bytes:/bad%zz",
            "bytes:/cut%4",
            "bytes:/ü",
            "bytes:/utf8/a.txt",
            "bytes:/plus%+9",
            "bytes:/lower%ff",
        ] {
            assert_eq!(path_of_key(text), Path::new(text), "{text}");
        }
    }
}
