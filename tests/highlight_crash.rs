//! `kill -9` in the middle of a burst of writes: the store still parses and holds every
//! change that was acknowledged.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use lede::corpus::Corpus;
use lede::store::{Highlight, OpenNotice, Store};

/// The cache folder for every lede these tests run (never the user's).
const CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/lede-cache");

const BURST_DIR: &str = "LEDE_TEST_BURST_DIR";

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temporary folder")
}

/// Run as a child by the tests below (this test binary started again): writes until
/// killed, printing `ack ID` after each change the store reported saved.
#[test]
#[ignore = "started by kill_during_a_burst_of_library_writes"]
fn burst_child() {
    let Some(dir) = std::env::var_os(BURST_DIR) else {
        return;
    };
    let (mut store, _) = Store::open(Path::new(&dir)).expect("open store");
    let corpus = Corpus::seeds();
    let article = &corpus.articles[0];
    let sentences = &article.sentences;
    for n in 0.. {
        let sentence = &sentences[n % sentences.len()];
        let highlight = Highlight::new(article, sentence.range.clone())
            .expect("highlight")
            .with_tags(&[format!("n{n}")])
            .expect("tag");
        let id = store
            .add_highlight(highlight)
            .expect("saved")
            .id()
            .to_string();
        println!("ack add {id}");
        store
            .set_note(&id, Some(format!("note {n}")))
            .expect("note saved");
        println!("ack note {id}");
    }
}

fn check_acknowledged(dir: &Path, added: &[String], noted: &[String]) {
    let leftovers = temporaries(dir);
    if leftovers > 0 {
        eprintln!("a kill landed mid-write ({leftovers} temporary file(s) left)");
    }
    let (store, notices) = Store::open(dir).expect("open after the kill");
    // A torn last journal line is no damage (it was never acknowledged): nothing to say.
    assert!(
        notices.is_empty(),
        "the store was damaged: {:?}",
        notices
            .iter()
            .map(OpenNotice::to_string)
            .collect::<Vec<_>>()
    );
    for id in added {
        assert!(store.highlight(id).is_some(), "acknowledged {id} was lost");
    }
    for id in noted {
        let note = store.highlight(id).and_then(|h| h.note.as_ref());
        assert!(note.is_some(), "acknowledged note of {id} was lost");
    }
    let broken = fs::read_dir(dir)
        .expect("list data folder")
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains("broken"));
    assert!(!broken);
    assert_eq!(temporaries(dir), 0, "opening clears what dead writers left");
}

fn temporaries(dir: &Path) -> usize {
    fs::read_dir(dir)
        .expect("list data folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .count()
}

#[test]
fn kill_during_a_burst_of_library_writes() {
    for acks_before_kill in [1, 7, 25] {
        let data = temp_dir();
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "burst_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(BURST_DIR, data.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the writer");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut added = Vec::new();
        let mut noted = Vec::new();
        let mut lines = BufReader::new(stdout).lines();
        while added.len() + noted.len() < acks_before_kill {
            let Some(Ok(line)) = lines.next() else {
                panic!("the writer stopped early");
            };
            if let Some(id) = line.strip_prefix("ack add ") {
                added.push(id.to_string());
            } else if let Some(id) = line.strip_prefix("ack note ") {
                noted.push(id.to_string());
            }
        }
        child.kill().expect("SIGKILL the writer");
        child.wait().expect("reap the writer");
        // Lines written just before the kill are acknowledgements too.
        for line in lines.map_while(Result::ok) {
            if let Some(id) = line.strip_prefix("ack add ") {
                added.push(id.to_string());
            } else if let Some(id) = line.strip_prefix("ack note ") {
                noted.push(id.to_string());
            }
        }
        check_acknowledged(data.path(), &added, &noted);
    }
}

#[test]
fn kill_cli_processes_at_random_moments() {
    let data = temp_dir();
    let article = "seeds/000_4c127d6cd1a64f9a.txt";
    let mut acknowledged = Vec::new();
    for round in 0..4u64 {
        let children: Vec<_> = (0..6u64)
            .map(|n| {
                Command::new(env!("CARGO_BIN_EXE_lede"))
                    .arg("--data-dir")
                    .arg(data.path())
                    .args(["highlight", "add", "--article", article])
                    .args(["--text", "NATO held an extraordinary meeting"])
                    .args(["--tag", &format!("r{round}n{n}")])
                    .env_remove("LEDE_DATA_DIR")
                    .env("LEDE_CACHE_DIR", CACHE)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("spawn lede")
            })
            .collect();
        for (n, mut child) in children.into_iter().enumerate() {
            // Odd children are killed after a delay that varies by round and child.
            if n % 2 == 1 {
                std::thread::sleep(Duration::from_millis(round * 3 + n as u64));
                let _ = child.kill();
            }
            let out = child.wait_with_output().expect("wait");
            if out.status.success() {
                acknowledged.push(String::from_utf8_lossy(&out.stdout).trim().to_string());
            }
        }
    }
    check_acknowledged(data.path(), &acknowledged, &[]);
}
