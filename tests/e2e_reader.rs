//! End to end: the real binary in a pseudo-terminal, read back through a terminal
//! emulator (vt100), driven by keys as a user would.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(20);

struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(data_dir: &Path, config_dir: &Path, args: &[&str]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_lede"));
        command.arg("--data-dir");
        command.arg(data_dir);
        command.args(args);
        command.env("XDG_CONFIG_HOME", config_dir);
        command.env("TERM", "xterm-256color");
        command.env_remove("LEDE_DATA_DIR");
        let child = pty.slave.spawn_command(command).expect("start lede");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(30, 120, 0)));
        let feed = Arc::clone(&screen);
        thread::spawn(move || {
            let _master = pty.master; // keep the pty open while reading
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        Session {
            screen,
            writer,
            child,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if self.contents().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(25));
        }
        panic!(
            "{text:?} did not appear; the screen shows:\n{}",
            self.contents()
        );
    }

    fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            thread::sleep(Duration::from_millis(25));
        }
        let _ = self.child.kill();
        panic!("lede did not exit; the screen shows:\n{}", self.contents());
    }
}

const TITLES: [&str; 5] = [
    "Following the killing",
    "Russian planes did not",
    "Direct clashes between",
    "Russia-Backed Ai",
    "NATO Is Getting",
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
    lede.wait_for("1 file not loaded");
    lede.keys("\t\t");
    lede.wait_for("binary file");
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
    lede.keys("\t\t\t\x15"); // to the file field, ctrl-u clears it
    lede.keys(target.to_str().unwrap());
    lede.keys("\r");
    lede.wait_for("exported 1 highlight");
    let markdown = std::fs::read_to_string(&target).unwrap();
    assert!(markdown.contains("> The secretary-general of NATO, Jens Stoltenberg"));
    lede.keys("q");
    assert!(lede.wait_exit().success());
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
