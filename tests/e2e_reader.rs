//! End to end: the real binary in a pseudo-terminal, read back through a terminal
//! emulator (vt100), driven by keys as a user would.

mod pty_support;

use std::path::Path;
use std::thread;
use std::time::Duration;

use pty_support::Session;

/// The cache folder for every lede these tests run (never the user's).
const CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/lede-cache");

const TITLES: [&str; 5] = [
    "Following the",
    "Russian planes",
    "Direct clashes",
    "Russia-Backed",
    "NATO Is Getti",
];

#[test]
fn read_the_third_article_quit_cleanly_and_come_back_to_it() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();

    let mut lede = Session::start(data.path(), config.path(), &[]);
    lede.wait_for("1/5 · Articles");
    for title in TITLES {
        lede.wait_for(title);
    }
    lede.keys("jj\r");
    lede.wait_for("3/5 · Reader");
    lede.wait_for("full-blown conflict");
    lede.keys("q");
    let status = lede.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    thread::sleep(Duration::from_millis(100));
    {
        let parser = lede.screen.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "left the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is visible again");
    }

    // The place is remembered.
    let mut again = Session::start(data.path(), config.path(), &[]);
    again.wait_for("3/5");
    again.wait_for("full-blown conflict");
    again.keys("q");
    assert!(again.wait_exit().success());
}

#[test]
fn an_invalid_user_keymap_names_the_line_and_the_defaults_still_work() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().join("lede");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("keymap.toml"),
        "[global]\nx = \"quit\"\nj = \"dwn\"\n",
    )
    .unwrap();

    let mut lede = Session::start(data.path(), config.path(), &[]);
    lede.wait_for("line 3: unknown action \"dwn\"");
    lede.keys("j\r");
    lede.wait_for("2/5 · Reader");
    lede.keys("q");
    assert!(lede.wait_exit().success());
}

#[test]
fn opens_a_folder_given_on_the_command_line_and_lists_what_it_could_not_read() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let articles = tempfile::tempdir().unwrap();
    std::fs::write(
        articles.path().join("story.txt"),
        "Harbour Reopens After Storm\n\nThe harbour reopened on Tuesday, officials said.",
    )
    .unwrap();
    std::fs::write(articles.path().join("blob.txt"), b"\x00\x01\x02binary").unwrap();

    let path = articles.path().to_str().unwrap();
    let mut lede = Session::start(data.path(), config.path(), &[path]);
    lede.wait_for("Harbour Reopens After Storm");
    lede.wait_for("1 file not loaded (! lists them)");
    lede.keys("!");
    lede.wait_for("binary file");
    lede.wait_for("Not loaded · 1 file");
    lede.keys("q"); // closes the list of problems
    lede.wait_for("1/1 · Articles");
    lede.keys("q");
    assert!(lede.wait_exit().success());
}

#[test]
fn highlight_tag_and_note_survive_a_restart_and_a_kill() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();

    let mut lede = Session::start(data.path(), config.path(), &[]);
    lede.wait_for("1/5 · Articles");
    lede.keys("l)v))");
    lede.wait_for("Reader · SELECT");
    lede.keys("h");
    lede.wait_for("highlighted (saved)");
    lede.keys("t");
    lede.wait_for("Tags ·");
    lede.keys("idlib\r");
    lede.wait_for("tags · saved");
    lede.keys("n");
    lede.wait_for("Note ·");
    lede.keys("Stoltenberg's line\x13"); // ctrl-s
    lede.wait_for("note · saved");
    lede.keys("q");
    assert!(lede.wait_exit().success());

    let mut again = Session::start(data.path(), config.path(), &[]);
    again.wait_for("✎1");
    again.wait_for("#idlib");
    // Highlight the sentence under the cursor, then die without any chance to clean up.
    again.keys("l}}H");
    again.wait_for("highlighted (saved)");
    again.child.kill().unwrap();
    let _ = again.child.wait();

    let mut third = Session::start(data.path(), config.path(), &[]);
    third.wait_for("✎2");
    third.keys("q");
    assert!(third.wait_exit().success());

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(["--data-dir"])
        .env("LEDE_CACHE_DIR", CACHE)
        .arg(data.path())
        .args(["highlight", "list", "--format", "json"])
        .output()
        .unwrap();
    let listed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 2);
    let tagged = listed
        .iter()
        .find(|h| h["tags"][0] == "idlib")
        .expect("the tagged highlight");
    assert_eq!(tagged["note"], "Stoltenberg's line");
    assert!(
        tagged["text"]
            .as_str()
            .unwrap_or("")
            .starts_with("The secretary-general of NATO")
            || tagged.to_string().contains("The secretary-general of NATO")
    );
}

#[test]
fn search_as_you_type_then_enter_opens_the_passage() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut lede = Session::start(data.path(), config.path(), &[]);
    lede.wait_for("1/5 · Articles");
    lede.keys("/");
    lede.wait_for("Search ·");
    lede.keys("political solu");
    lede.wait_for("matches");
    lede.wait_for("There has to be a political solution");
    lede.keys("\r");
    lede.wait_for("5/5 · Reader");
    lede.wait_for("\"There has to be a political solution, a");
    lede.keys("q");
    assert!(lede.wait_exit().success());
}

#[test]
fn export_from_the_tui_writes_markdown() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("notes.md");
    let mut lede = Session::start(data.path(), config.path(), &[]);
    lede.wait_for("1/5 · Articles");
    lede.keys("l)H");
    lede.wait_for("highlighted (saved)");
    lede.keys("E");
    lede.wait_for("Export highlights");
    lede.keys("\t\t\t\t\x15"); // past format, layout, which and tags to the file field; ctrl-u clears it
    lede.keys(target.to_str().unwrap());
    lede.keys("\r");
    lede.wait_for("exported 1 highlight");
    let markdown = std::fs::read_to_string(&target).unwrap();
    assert!(markdown.contains("> The secretary-general of NATO, Jens Stoltenberg"));
    lede.keys("q");
    assert!(lede.wait_exit().success());
}

/// A key pause: lets the reader take in one key before the next (a lone ESC followed at
/// once by a key would read as alt-key).
fn pause() {
    thread::sleep(Duration::from_millis(150));
}

#[test]
fn each_article_keeps_its_place_when_stepping_away_and_back() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut lede = Session::start(data.path(), config.path(), &[]);
    lede.wait_for("1/5 · Articles");
    lede.keys("l");
    lede.wait_for("1/5 · Reader");
    lede.page_down(2);
    let place = lede.percent();
    assert!(place > 60, "two pages down is past 60%, not {place}%");
    lede.keys("]");
    lede.wait_for("2/5 · Reader");
    lede.keys("j");
    lede.keys("[");
    lede.wait_for("1/5 · Reader");
    assert_eq!(
        lede.percent(),
        place,
        "back where the first article was left"
    );
    lede.keys("q");
    assert!(lede.wait_exit().success());
}

#[test]
fn closing_the_terminal_saves_the_place() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut lede = Session::start(data.path(), config.path(), &[]);
    lede.wait_for("1/5 · Articles");
    lede.keys("jj\r");
    lede.wait_for("3/5 · Reader");
    lede.page_down(6);
    let place = lede.percent();
    assert!(place > 50, "six pages down is past 50%, not {place}%");
    let pid = lede.child.process_id().expect("a process id");
    let status = std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(lede.wait_exit().success(), "a hangup is a clean exit");

    let mut again = Session::start(data.path(), config.path(), &[]);
    again.wait_for("3/5");
    again.keys("l");
    again.wait_for("3/5 · Reader");
    assert_eq!(again.percent(), place, "the place was saved on SIGHUP");
    again.keys("q");
    assert!(again.wait_exit().success());
}

#[test]
fn help_scrolls_to_its_last_line_at_every_size() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    for size in [(24, 80), (12, 60), (40, 140)] {
        let mut lede = Session::start_with(data.path(), config.path(), &[], size, &[]);
        lede.wait_for("1/5 · Articles");
        lede.keys("?");
        lede.wait_for("Keys ·");
        lede.keys("G");
        // The last words of the last section of the help.
        // The last words of the help (the note editor's keys), wrapped or not.
        lede.wait_until(&format!("{size:?}: the help's last line"), |screen| {
            let new_line = screen.rfind("a new line");
            new_line.is_some() && screen.rfind("delete a") > new_line && screen.contains("back")
        });
        lede.keys("g");
        lede.wait_for("Everywhere");
        lede.keys("/undo");
        lede.wait_for("undo a highlight change");
        lede.keys("\r");
        lede.wait_for("filter: undo · / changes");
        lede.keys("q"); // clears the filter
        lede.wait_for("Keys · j/k");
        lede.keys("q");
        lede.wait_for("1/5 · Articles");
        lede.keys("q");
        assert!(lede.wait_exit().success());
    }
}

/// An SGR mouse report: button, 1-based column and row, press.
fn mouse(button: u8, column: u16, row: u16) -> String {
    format!("\x1b[<{button};{column};{row}M\x1b[<{button};{column};{row}m")
}

#[test]
fn the_mouse_focuses_panes_chooses_rows_and_scrolls() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut lede = Session::start(data.path(), config.path(), &[]);
    lede.wait_for("1/5 · Articles");
    // A click in the middle of the screen: the reader.
    lede.keys(&mouse(0, 60, 10));
    lede.wait_for("1/5 · Reader");
    let before = lede.percent();
    lede.keys(&mouse(65, 60, 10)); // wheel down
    lede.wait_until("the wheel scrolled the reader", |_| lede.percent() > before);
    // The third article of the list (two lines each, from the second row), then again
    // to open it.
    lede.keys(&mouse(0, 10, 6));
    lede.wait_for("1/5 · Articles");
    lede.keys(&mouse(0, 10, 7));
    lede.wait_for("3/5 · Reader");
    // The side panel, at the right.
    lede.keys(&mouse(0, 110, 10));
    lede.wait_for("· Details");
    lede.keys("q");
    assert!(lede.wait_exit().success());
}

#[test]
fn mouse_false_leaves_the_mouse_to_the_terminal() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(config.path().join("lede")).unwrap();
    std::fs::write(config.path().join("lede/config.toml"), "mouse = false\n").unwrap();
    let mut lede = Session::start(data.path(), config.path(), &[]);
    lede.wait_for("1/5 · Articles");
    let mode = lede.screen.lock().unwrap().screen().mouse_protocol_mode();
    assert_eq!(mode, vt100::MouseProtocolMode::None);
    lede.keys("q");
    assert!(lede.wait_exit().success());

    std::fs::write(config.path().join("lede/config.toml"), "mouse = maybe\n").unwrap();
    let mut lede = Session::start(data.path(), config.path(), &[]);
    lede.wait_for("line 1:");
    let mode = lede.screen.lock().unwrap().screen().mouse_protocol_mode();
    assert_ne!(
        mode,
        vt100::MouseProtocolMode::None,
        "the default: captured"
    );
    lede.keys("q");
    assert!(lede.wait_exit().success());
}

/// A shell script standing in for an editor.
fn fake_editor(dir: &Path, body: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("fake-editor");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

fn notes(data: &Path) -> Vec<String> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .arg("--data-dir")
        .env("LEDE_CACHE_DIR", CACHE)
        .arg(data)
        .args(["highlight", "list", "--format", "json"])
        .output()
        .unwrap();
    let listed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    listed
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["note"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn notes_are_written_in_the_editor_and_a_failing_editor_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let bin = tempfile::tempdir().unwrap();
    let editor = fake_editor(bin.path(), "printf 'written in my editor\\n' >> \"$1\"");
    let mut lede = Session::start_with(
        data.path(),
        config.path(),
        &[],
        (30, 120),
        &[("EDITOR", &editor)],
    );
    lede.wait_for("1/5 · Articles");
    lede.keys("l)H");
    lede.wait_for("highlighted (saved)");
    lede.keys("A");
    lede.wait_for("note · saved");
    assert!(
        !lede.screen.lock().unwrap().screen().hide_cursor()
            || lede.contents().contains("1/5 · Reader"),
        "the screen came back"
    );
    lede.wait_for("1/5 · Reader");
    lede.keys("q");
    assert!(lede.wait_exit().success());
    assert_eq!(notes(data.path()), ["written in my editor"]);

    // An editor that fails: the note stays as it was.
    let failing = fake_editor(bin.path(), "echo scribbled > \"$1\"; exit 1");
    let mut lede = Session::start_with(
        data.path(),
        config.path(),
        &[],
        (30, 120),
        &[("EDITOR", &failing)],
    );
    lede.wait_for("1/5");
    lede.keys("l)A");
    lede.wait_for("the note is unchanged");
    lede.keys("q");
    assert!(lede.wait_exit().success());
    assert_eq!(notes(data.path()), ["written in my editor"]);

    // No editor at all: the built-in one, with a word why.
    let mut lede = Session::start_with(
        data.path(),
        config.path(),
        &[],
        (30, 120),
        &[("EDITOR", "/nonexistent/editor")],
    );
    lede.wait_for("1/5");
    lede.keys("l)A");
    lede.wait_for("not found: the built-in editor");
    lede.wait_for("Note ·");
    lede.keys(" and typed here\x13"); // ctrl-s
    lede.wait_for("note · saved");
    lede.keys("q");
    assert!(lede.wait_exit().success());
    assert_eq!(notes(data.path()), ["written in my editor and typed here"]);
}

#[test]
fn a_path_that_does_not_exist_is_named_on_the_first_screen() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut lede = Session::start(data.path(), config.path(), &["/does/not/exist"]);
    lede.wait_for("Nothing could be read");
    lede.wait_for("/does/not/exist");
    lede.keys("q");
    assert!(lede.wait_exit().success());
}

#[test]
fn search_opens_at_once_while_a_folder_loads() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let articles = tempfile::tempdir().unwrap();
    for i in 0..400 {
        std::fs::write(
            articles.path().join(format!("{i:03}.txt")),
            format!("Council Meeting {i}\n\nThe council met on day {i} and voted on the harbour."),
        )
        .unwrap();
    }
    let path = articles.path().to_str().unwrap();
    let mut lede = Session::start(data.path(), config.path(), &[path]);
    lede.keys("/");
    lede.wait_for("Search ·");
    lede.keys("'meeting 123");
    lede.wait_for("Council Meeting 123");
    let status = lede.status();
    assert!(
        !status.contains("sorted"),
        "the query was not taken as commands: {status}"
    );
    pause();
    lede.keys("\x1b");
    pause();
    lede.keys("q");
    assert!(lede.wait_exit().success());
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_brings_the_screen_back() {
    if std::process::Command::new("bash")
        .arg("-c")
        .arg("true")
        .status()
        .is_err()
    {
        return; // no bash to run lede from with job control
    }
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut shell = Session::shell(config.path());
    shell.wait_for("$ ");
    shell.keys(&format!(
        "{} --data-dir {}\r",
        env!("CARGO_BIN_EXE_lede"),
        data.path().display()
    ));
    shell.wait_for("1/5 · Articles");
    shell.keys("\x1a"); // ctrl-z
    shell.wait_for("Stopped");
    assert!(!shell.screen.lock().unwrap().screen().alternate_screen());
    shell.keys("fg\r");
    shell.wait_until("the screen is back", |_| {
        shell.screen.lock().unwrap().screen().alternate_screen()
    });
    shell.wait_for("1/5 · Articles");
    shell.keys("j\r");
    shell.wait_for("2/5 · Reader");
    shell.keys("q");
    shell.wait_until("back at the prompt", |_| {
        !shell.screen.lock().unwrap().screen().alternate_screen()
    });
    shell.keys("exit\r");
    assert!(shell.wait_exit().success());
}
/// Issue 16, point 2: a damaged journal line is reported on the status line (the changes
/// recovered, where the damaged part went), and the highlights around it are shown.
#[test]
fn a_damaged_journal_is_reported_on_the_status_line() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let (mut store, _) = lede::store::Store::open(data.path()).unwrap();
    let seed = lede::corpus::Corpus::seeds().articles.remove(0);
    for word in ["NATO", "Turkey", "Syria"] {
        let start = seed.body.find(word).unwrap();
        let h = lede::store::Highlight::new(&seed, start..start + word.len()).unwrap();
        store.add_highlight(h).unwrap();
    }
    drop(store);
    let journal = data.path().join("store.journal");
    let mut bytes = b"{\"v\":2,\"put\":[\x00\n".to_vec();
    bytes.extend(std::fs::read(&journal).unwrap());
    std::fs::write(&journal, bytes).unwrap();

    let mut lede = Session::start(data.path(), config.path(), &[]);
    lede.wait_for("journal was damaged: 2 changes recovered");
    lede.keys("q");
    assert!(lede.wait_exit().success());
}

#[test]
fn a_cache_that_cannot_be_read_is_rebuilt_and_said_on_the_status_line() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let articles = tempfile::tempdir().unwrap();
    std::fs::write(
        articles.path().join("harbour.txt"),
        "Harbour wall approved\n\nThe council approved the new sea wall on Tuesday.\n",
    )
    .unwrap();
    let cache = tempfile::tempdir().unwrap();
    std::fs::write(cache.path().join("cache.sqlite"), b"not a database at all").unwrap();
    let cache_dir = cache.path().to_str().unwrap();
    let path = articles.path().to_str().unwrap();

    let mut lede = Session::start_with(
        data.path(),
        config.path(),
        &[path],
        (30, 220),
        &[("LEDE_CACHE_DIR", cache_dir)],
    );
    lede.wait_for("Harbour wall approved");
    lede.wait_until("the status line says the cache is rebuilt", |_| {
        lede.status().contains("rebuilding it")
    });
    lede.keys("q");
    assert!(lede.wait_exit().success());
    // Rebuilt: the next start has nothing to say about it.
    let mut again = Session::start_with(
        data.path(),
        config.path(),
        &[path],
        (30, 220),
        &[("LEDE_CACHE_DIR", cache_dir)],
    );
    again.wait_for("Harbour wall approved");
    pause();
    assert!(!again.status().contains("cache"), "{}", again.status());
    again.keys("q");
    assert!(again.wait_exit().success());
}

/// The cache's corpus snapshot is mapped into memory. If another program cuts it short in
/// place while the reader runs, reading an article's text is a bus error (SIGBUS), which
/// no panic hook sees: the terminal must still be given back, with a word on why.
#[cfg(target_os = "linux")]
#[test]
fn a_snapshot_cut_short_under_the_reader_gives_the_terminal_back_and_says_why() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let articles = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    // Enough articles for a reopen to read their texts from the mapped snapshot.
    for n in 0..1200 {
        let paragraph = format!("Paragraph of story {n} about the harbour wall and its cost. ");
        let body = format!("Story {n:04}\n\n{}\n", paragraph.repeat(10));
        std::fs::write(articles.path().join(format!("s{n:04}.txt")), body).unwrap();
    }
    let cache_dir = cache.path().to_str().unwrap();
    let path = articles.path().to_str().unwrap();
    let start = || {
        Session::start_with(
            data.path(),
            config.path(),
            &[path],
            (30, 120),
            &[("LEDE_CACHE_DIR", cache_dir)],
        )
    };
    let snapshot = || {
        std::fs::read_dir(cache.path())
            .unwrap()
            .flatten()
            .map(|entry| entry.path())
            .find(|file| file.to_string_lossy().contains("corpus-snapshot"))
    };
    // The list fills as the corpus loads: going to its end until the last article shows
    // waits for the whole corpus.
    let go_to_the_end = |lede: &mut Session| {
        let begun = std::time::Instant::now();
        while !lede.contents().contains("Story 1199") && begun.elapsed() < pty_support::TIMEOUT {
            lede.keys("G");
            pause();
        }
    };
    // The snapshot file in the cache folder and its inode.
    let snapshot_inode = || {
        use std::os::unix::fs::MetadataExt;
        let file = snapshot()?;
        let inode = file.metadata().ok()?.ino();
        Some((file, inode))
    };
    // Whether the reader `pid` has that inode mapped.
    let maps = |pid: u32, inode: u64| {
        std::fs::read_to_string(format!("/proc/{pid}/maps"))
            .unwrap_or_default()
            .lines()
            .any(|line| line.split_whitespace().nth(4) == Some(&inode.to_string()))
    };
    // A run that finds the snapshot out of date writes a new one once it has loaded
    // everything: the reader to test is one that maps the snapshot kept before it
    // started, and keeps it.
    let mut runs = 0;
    let (mut lede, snapshot_file) = loop {
        runs += 1;
        assert!(runs <= 4, "no reopen read the texts from the snapshot");
        let before = snapshot_inode();
        let mut lede = start();
        go_to_the_end(&mut lede);
        thread::sleep(Duration::from_secs(2));
        let pid = lede.child.process_id().unwrap();
        if let Some((file, inode)) = before
            && snapshot_inode() == Some((file.clone(), inode))
            && maps(pid, inode)
        {
            break (lede, file);
        }
        lede.keys("q");
        assert!(lede.wait_exit().success());
    };
    // Cut short in place, under the reader.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&snapshot_file)
        .unwrap()
        .set_len(100)
        .unwrap();
    // Opening the last articles reads their texts past the cut: a fault.
    for _ in 0..5 {
        lede.keys("\r");
        pause();
        lede.keys("hk");
    }
    let status = lede.wait_exit();
    assert!(!status.success(), "ended by the bus error");
    let output = lede.output.lock().unwrap().clone();
    let output = String::from_utf8_lossy(&output);
    let entered = output
        .rfind("\x1b[?1049h")
        .expect("the reader took the screen");
    let left = output
        .rfind("\x1b[?1049l")
        .expect("the screen was given back");
    assert!(left > entered, "the main screen is back at the end");
    assert!(
        output[left..].contains("\x1b[?25h"),
        "the cursor is shown again"
    );
    assert!(lede.contents().contains("bus error"), "{}", lede.contents());
}
