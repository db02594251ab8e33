//! Writing a note in the user's own editor (`$VISUAL`, else `$EDITOR`): the text goes to
//! a private temporary file, the editor runs on the terminal, and the file is read back.
//! The caller hands the terminal over before and takes it back after.

use std::ffi::OsString;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What became of the note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edited {
    /// The editor exited cleanly; this is the text it left.
    Saved(String),
    /// The note is unchanged, and why.
    Unchanged(String),
    /// No editor could be run (none set, or not found): use the built-in one.
    Unavailable(String),
}

/// The editor command the environment names: `$VISUAL`, else `$EDITOR`.
pub fn editor_from_env() -> Option<OsString> {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(std::env::var_os)
        .find(|value| !value.to_string_lossy().trim().is_empty())
}

/// Edits `text` with `editor` (a program and its arguments, split at spaces).
pub fn edit(text: &str, editor: Option<OsString>) -> Edited {
    let Some(editor) = editor else {
        return Edited::Unavailable("no $EDITOR set: the built-in editor".to_string());
    };
    let command = editor.to_string_lossy().into_owned();
    let mut words = command.split_whitespace();
    let Some(program) = words.next() else {
        return Edited::Unavailable("no $EDITOR set: the built-in editor".to_string());
    };
    let args: Vec<&str> = words.collect();
    let path = match temporary_file(text) {
        Ok(path) => path,
        Err(err) => return Edited::Unchanged(format!("cannot write a temporary file: {err}")),
    };
    let status = Command::new(program).args(&args).arg(&path).status();
    let result = match status {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Edited::Unavailable(format!(
            "$EDITOR ({program}) not found: the built-in editor"
        )),
        Err(err) => Edited::Unavailable(format!(
            "cannot run $EDITOR ({program}): {err}; the built-in editor"
        )),
        Ok(status) if !status.success() => Edited::Unchanged(format!(
            "{program} exited with {status}: the note is unchanged"
        )),
        Ok(_) => match fs::read_to_string(&path) {
            Ok(text) => Edited::Saved(text.strip_suffix('\n').unwrap_or(&text).to_string()),
            Err(err) => Edited::Unchanged(format!("cannot read the note back: {err}")),
        },
    };
    let _ = fs::remove_file(&path);
    result
}

/// A new file only this user can read, holding `text`.
fn temporary_file(text: &str) -> std::io::Result<PathBuf> {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir();
    loop {
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!("lede-note-{}-{n}.md", std::process::id()));
        match create_private(&path) {
            Ok(mut file) => {
                file.write_all(text.as_bytes())?;
                file.sync_all()?;
                return Ok(path);
            }
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(err),
        }
    }
}

fn create_private(path: &Path) -> std::io::Result<fs::File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;

    fn script(dir: &Path, body: &str) -> OsString {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join("fake-editor");
        fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
        path.into_os_string()
    }

    #[test]
    fn the_editor_s_text_is_kept_and_a_failure_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let append = script(dir.path(), "printf ' and more\\n' >> \"$1\"");
        assert_eq!(
            edit("first", Some(append)),
            Edited::Saved("first and more".into())
        );
        let fail = script(dir.path(), "echo changed > \"$1\"; exit 3");
        assert!(matches!(edit("first", Some(fail)), Edited::Unchanged(m) if m.contains("3")));
        let missing = OsString::from("/nonexistent/editor --wait");
        assert!(
            matches!(edit("x", Some(missing)), Edited::Unavailable(m) if m.contains("not found"))
        );
        assert!(matches!(edit("x", None), Edited::Unavailable(_)));
        let left: Vec<_> = fs::read_dir(std::env::temp_dir())
            .unwrap()
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(&format!("lede-note-{}-", std::process::id()))
            })
            .collect();
        assert!(left.is_empty(), "temporary files are removed");
    }
}
