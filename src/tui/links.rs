//! An article's web address, opened in the browser (`o`) or copied (`y`). The address
//! comes from an article or a feed, so it is untrusted: only `http`/`https` addresses are
//! used, the browser gets it as one argument (never through a shell), it is started
//! detached with nothing to read or write on the terminal, and the copy is sent as OSC 52
//! with the address base64-encoded, so no byte of it reaches the terminal as a sequence.

use std::ffi::OsString;
use std::process::{Command, Stdio};

use lede::corpus::Article;
use lede::library::{WebAddress, address, printable};

use super::action::Action;
use super::component::{self, Hint};
use super::keymap::{Context, Keymap};
use super::outbox::{Outbox, Report};

/// The article's web address, or why there is none to use, in words for the status line.
pub fn address_of(article: &Article) -> Result<WebAddress, String> {
    let Some(url) = article
        .origin
        .url
        .as_deref()
        .filter(|u| !u.trim().is_empty())
    else {
        return Err("this article has no web address".to_string());
    };
    address::parse(url).map_err(|why| format!("not opened: {why}"))
}

/// The hints of `o` and `y` in `context`, when `article` has an address to use.
pub fn hints(keymap: &Keymap, context: Context, article: Option<&Article>) -> Vec<Hint> {
    if article.is_none_or(|a| address_of(a).is_err()) {
        return Vec::new();
    }
    let groups: &[&[Action]] = &[&[Action::OpenInBrowser], &[Action::CopyAddress]];
    component::keymap_hints(keymap, context, groups, |group| match group {
        [Action::OpenInBrowser] => "browser",
        _ => "copy link",
    })
}

/// The browser to run: `$BROWSER` (as the environment gives it), else the platform's
/// opener.
#[derive(Debug, Clone, Default)]
pub struct Browser {
    /// `$BROWSER`: commands separated by `:`, tried in turn; `%s` in a command stands for
    /// the address, which is otherwise added as the last argument.
    pub from_env: Option<OsString>,
}

/// The platform's opener, used when `$BROWSER` is not set.
const PLATFORM_OPENER: &str = if cfg!(target_os = "macos") {
    "open"
} else {
    "xdg-open"
};

impl Browser {
    pub fn from_env() -> Browser {
        Browser {
            from_env: std::env::var_os("BROWSER")
                .filter(|v| !v.to_string_lossy().trim().is_empty()),
        }
    }

    /// Each command to try, as program and arguments, with `url` in place.
    fn commands(&self, url: &str) -> Vec<Vec<String>> {
        let list = match &self.from_env {
            Some(value) => value.to_string_lossy().into_owned(),
            None => PLATFORM_OPENER.to_string(),
        };
        list.split(':')
            .map(|command| {
                let mut words: Vec<String> =
                    command.split_whitespace().map(str::to_string).collect();
                if words.iter().any(|w| w.contains("%s")) {
                    for word in words.iter_mut().skip(1) {
                        *word = word.replace("%s", url);
                    }
                } else if !words.is_empty() {
                    words.push(url.to_string());
                }
                words
            })
            .filter(|words| !words.is_empty())
            .collect()
    }

    /// Starts the browser on `url` and returns at once with the program's name; a
    /// browser that fails later is reported through `outbox`. It runs in a process group
    /// of its own with no terminal input or output, so it neither writes over the screen
    /// nor stops when the reader's terminal closes.
    pub fn open(&self, url: &WebAddress, outbox: Option<&Outbox>) -> Result<String, String> {
        let mut tried = Vec::new();
        for words in self.commands(url.as_str()) {
            let (program, args) = (&words[0], &words[1..]);
            let mut command = Command::new(program);
            command
                .args(args)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            #[cfg(unix)]
            {
                use std::os::unix::process::CommandExt;
                command.process_group(0);
            }
            match command.spawn() {
                Ok(mut child) => {
                    let name = printable(program);
                    let outbox = outbox.cloned();
                    let reported = name.clone();
                    // Waited for on a thread of its own, so it never lingers as a zombie
                    // and a failure is told.
                    std::thread::spawn(move || {
                        if let Ok(status) = child.wait()
                            && !status.success()
                            && let Some(outbox) = outbox
                        {
                            outbox(Report::Browser(format!(
                                "the browser ({reported}) failed: {status}"
                            )));
                        }
                    });
                    return Ok(name);
                }
                Err(err) => tried.push(match err.kind() {
                    std::io::ErrorKind::NotFound => format!("{} not found", printable(program)),
                    _ => format!("cannot run {}: {err}", printable(program)),
                }),
            }
        }
        let hint = if self.from_env.is_some() {
            "check $BROWSER"
        } else {
            "set $BROWSER to your browser"
        };
        if tried.is_empty() {
            return Err(format!("no browser to open it with: {hint}"));
        }
        Err(format!("no browser: {} ({hint})", tried.join(", ")))
    }
}

/// Longest address sent to the clipboard: terminals cap OSC 52 (xterm at about 100 KB),
/// and an address this long is not one a person copies.
const COPY_MAX_BYTES: usize = 8192;

/// The OSC 52 sequence that puts `url` on the terminal's clipboard. The address is a
/// checked web address (no control characters: the URL parser percent-encodes them) and
/// is sent base64-encoded.
pub fn clipboard_sequence(url: &WebAddress) -> Result<String, String> {
    use crossterm::Command;
    let text = url.as_str();
    if text.len() > COPY_MAX_BYTES || text.chars().any(char::is_control) {
        return Err("this address is too long to copy".to_string());
    }
    let mut sequence = String::new();
    crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
        .write_ansi(&mut sequence)
        .map_err(|_| "cannot encode the address".to_string())?;
    Ok(sequence)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(url: Option<&str>) -> Article {
        let mut article = lede::corpus::Corpus::seeds().articles.remove(0);
        article.origin.url = url.map(str::to_string);
        article
    }

    #[test]
    fn only_web_addresses_are_used() {
        assert!(address_of(&article(Some("https://example.org/a?b=1#top"))).is_ok());
        let refused = [
            (None, "no web address"),
            (Some("  "), "no web address"),
            (Some("file:///etc/passwd"), "file://"),
            (Some("javascript:alert(1)"), "only http and https"),
            (Some("-oProxyCommand=x"), "not a web address"),
            (Some("mailto:a@example.org"), "only http and https"),
        ];
        for (url, why) in refused {
            let err = address_of(&article(url)).unwrap_err();
            assert!(err.contains(why), "{url:?}: {err}");
        }
    }

    #[test]
    fn the_address_is_one_argument_in_place_of_percent_s_or_last() {
        let url = "https://example.org/a b;$(rm -rf ~)";
        let browser = |value: &str| Browser {
            from_env: Some(value.into()),
        };
        assert_eq!(
            browser("firefox --new-tab").commands(url),
            [vec!["firefox", "--new-tab", url]]
        );
        assert_eq!(
            browser("w3m -o x=%s:lynx").commands(url),
            [vec!["w3m", "-o", &format!("x={url}")], vec!["lynx", url]]
        );
        assert_eq!(
            Browser::default().commands(url),
            [vec![PLATFORM_OPENER, url]]
        );
        assert!(browser(" : ").commands(url).is_empty());
    }

    #[test]
    fn a_missing_browser_is_said_at_once() {
        let url = address::parse("https://example.org/").unwrap();
        let missing = Browser {
            from_env: Some("/nonexistent/browser".into()),
        };
        let err = missing.open(&url, None).unwrap_err();
        assert!(err.contains("/nonexistent/browser not found"), "{err}");
        assert!(err.contains("$BROWSER"), "{err}");
    }

    #[test]
    fn the_copy_is_osc_52_with_the_address_in_base64() {
        let url = address::parse("https://example.org/a\u{1b}]0;x\u{7}?q=é").unwrap();
        let sequence = clipboard_sequence(&url).unwrap();
        let body = sequence
            .strip_prefix("\u{1b}]52;c;")
            .and_then(|s| {
                s.strip_suffix("\u{1b}\\")
                    .or_else(|| s.strip_suffix('\u{7}'))
            })
            .expect("an OSC 52 sequence");
        assert!(
            body.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c))
        );
        use base64::Engine;
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap();
        let decoded = String::from_utf8(decoded).unwrap();
        assert_eq!(decoded, url.as_str());
        assert!(!decoded.chars().any(char::is_control), "{decoded:?}");
    }
}
