//! `lede extract` and `lede search` count progress on stderr in a terminal, and print
//! nothing extra when piped.

use std::io::Read;
use std::process::Command;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The cache folder for every lede these tests run (never the user's).
const CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/lede-cache");

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        std::fs::write(
            dir.path().join(format!("{i:03}.txt")),
            format!("Story {i} Opens\n\nThe mayor said on Monday that {i} roads were closed."),
        )
        .unwrap();
    }
    dir
}

#[test]
fn piped_output_carries_no_progress() {
    let dir = corpus();
    for args in [
        vec!["extract", "--format", "jsonl"],
        vec!["search", "mayor"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_lede"))
            .args(&args)
            .env("LEDE_CACHE_DIR", CACHE)
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}");
        assert!(
            output.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!output.stdout.is_empty());
    }
}

#[test]
fn a_terminal_sees_progress_and_a_clean_line_after() {
    let dir = corpus();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 10,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_lede"));
    command.args(["extract", "--format", "text"]);
    command.env("LEDE_CACHE_DIR", CACHE);
    command.arg(dir.path());
    let mut child = pty.slave.spawn_command(command).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success());
    drop(pty.master);
    let mut raw = Vec::new();
    let _ = reader.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("reading files") || text.contains("extracting"),
        "{text}"
    );
}
