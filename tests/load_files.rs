//! Loading folders as a user has them: good files, bad files, odd files. Bad files never
//! stop the load; each is listed with a reason.

use std::fs;
use std::path::{Path, PathBuf};

use lede::corpus::Corpus;

fn reasons(corpus: &Corpus) -> Vec<(String, String)> {
    corpus
        .problems
        .iter()
        .map(|p| {
            let name = p.path.file_name().unwrap().to_string_lossy().into_owned();
            (name, p.reason.clone())
        })
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn folders_load_recursively_with_text_extensions_and_skip_hidden_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"First story. It is short.");
    write(dir.path(), "nested/deeper/b.md", b"Second story.");
    write(dir.path(), "nested/NOEXT", b"Third story.");
    write(dir.path(), "nested/image.png", b"\x89PNG\r\n");
    write(dir.path(), ".hidden/secret.txt", b"Hidden story.");
    write(dir.path(), ".notes.txt", b"Hidden too.");
    let corpus = Corpus::load(&[dir.path().to_path_buf()]);
    let names: Vec<String> = corpus.articles.iter().map(|a| a.file_name()).collect();
    assert_eq!(names, ["a.txt", "NOEXT", "b.md"]);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
}

#[test]
fn a_file_named_directly_loads_whatever_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "story.article", b"Named directly.");
    let corpus = Corpus::load(&[path.clone(), path]);
    assert_eq!(
        corpus.articles.len(),
        1,
        "the same file twice is loaded once"
    );
}

#[test]
fn bad_files_are_listed_with_reasons_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.txt", b"A good story. It loads.");
    write(dir.path(), "empty.txt", b"");
    write(dir.path(), "blank.txt", b"\n  \n\t\n");
    write(dir.path(), "binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00");
    write(
        dir.path(),
        "latin1.txt",
        b"Caf\xe9 owner said \x93hello\x94.",
    );
    std::os::unix::fs::symlink(
        dir.path().join("nowhere.txt"),
        dir.path().join("dangling.txt"),
    )
    .unwrap();
    fs::create_dir(dir.path().join("loop")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("loop"), dir.path().join("loop/again")).unwrap();

    let corpus = Corpus::load(&[dir.path().to_path_buf(), dir.path().join("missing")]);
    let names: Vec<String> = corpus.articles.iter().map(|a| a.file_name()).collect();
    assert_eq!(names, ["good.txt", "latin1.txt"]);

    let latin1 = &corpus.articles[1];
    assert_eq!(latin1.body, "Café owner said “hello”.");
    assert!(
        latin1.warnings[0].contains("windows-1252"),
        "detected and named"
    );

    let mut problems = reasons(&corpus);
    problems.sort();
    assert_eq!(
        problems,
        [
            (
                "binary.txt".to_string(),
                "binary file, not text".to_string()
            ),
            ("blank.txt".to_string(), "empty file".to_string()),
            (
                "dangling.txt".to_string(),
                "no such file or folder".to_string()
            ),
            ("empty.txt".to_string(), "empty file".to_string()),
            ("missing".to_string(), "no such file or folder".to_string()),
        ]
    );
}

#[test]
fn escape_sequences_never_reach_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "hostile.txt",
        b"Evil \x1b]0;owned\x07Headline\n\nText \x1b[2J\x1b[31mred\x1b[0m and \x1b]52;c;Y2xpcA==\x07 clipboard.\x07\x08",
    );
    let corpus = Corpus::load(&[path]);
    let article = &corpus.articles[0];
    assert!(!article.body.chars().any(|c| c.is_control() && c != '\n'));
    assert!(!article.title.contains('\x1b'));
    assert_eq!(article.body, "Evil Headline\n\nText red and  clipboard.");
}

#[test]
fn crlf_and_non_breaking_spaces_are_handled() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "crlf.txt",
        "Line one ends.\r\n\r\nThe U.S.\u{a0}Army said 3.6\u{a0}million. Then it left.\r\n"
            .as_bytes(),
    );
    let corpus = Corpus::load(&[path]);
    let article = &corpus.articles[0];
    assert_eq!(article.paragraphs.len(), 2);
    let sentences: Vec<&str> = (0..article.sentences.len())
        .map(|i| article.sentence_text(i))
        .collect();
    assert_eq!(
        sentences,
        [
            "Line one ends.",
            "The U.S.\u{a0}Army said 3.6\u{a0}million.",
            "Then it left."
        ]
    );
}

/// Loads `dir` as a one-shot search does, wanting the articles whose text holds `zebra`
/// (`on_unwanted` is called for the others) and checking every kept one against those
/// left unparsed. Returns the file names kept and the problems.
fn load_wanting_zebra(
    dir: &Path,
    on_unwanted: impl Fn(&Path) + Sync,
) -> (Vec<String>, Vec<(String, String)>) {
    let name = |path: &Path| path.file_name().unwrap().to_string_lossy().into_owned();
    let mut kept = Vec::new();
    let problems = lede::corpus::load_each_wanted(
        &[dir.to_path_buf()],
        |_, _| {},
        &|unparsed| {
            let wanted = unparsed.text.to_lowercase().contains("zebra");
            if !wanted {
                on_unwanted(&unparsed.path);
            }
            wanted
        },
        None,
        |article| name(&article.path),
        |_, _| true,
        |file| kept.push(file),
    );
    let problems = problems
        .iter()
        .map(|p| (name(&p.path), p.reason.clone()))
        .collect();
    (kept, problems)
}

const STORY: &str = "Budget talks went on in the capital all week. Ministers met on Friday.";

#[test]
fn a_copy_of_an_article_left_unparsed_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "01.txt",
        format!("Talks drag on\n\n{STORY}").as_bytes(),
    );
    write(
        dir.path(),
        "02.txt",
        b"Other news\n\nA minister resigned today.",
    );
    // Only its headline is wanted: its story is the first file's.
    write(
        dir.path(),
        "03.txt",
        format!("Zebra crossing plan\n\n{STORY}").as_bytes(),
    );
    write(
        dir.path(),
        "04.txt",
        b"A zebra\n\nA zebra escaped. Keepers found it.",
    );
    write(
        dir.path(),
        "05.txt",
        b"More zebra news\n\nA minister resigned today.",
    );
    let (kept, problems) = load_wanting_zebra(dir.path(), |_| {});
    assert_eq!(kept, ["04.txt"]);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_file_left_unparsed_then_removed_is_reported_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "01.txt",
        format!("Talks drag on\n\n{STORY}").as_bytes(),
    );
    write(
        dir.path(),
        "02.txt",
        format!("Zebra crossing plan\n\n{STORY}").as_bytes(),
    );
    // The file goes away after it was read once, before it is read again.
    let (kept, problems) = load_wanting_zebra(dir.path(), |path| fs::remove_file(path).unwrap());
    assert_eq!(kept, ["02.txt"], "{problems:?}");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, "01.txt");
}

#[test]
fn a_file_left_unparsed_then_changed_is_read_as_it_is_now() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "01.txt", b"Talks\n\nNothing was agreed.");
    write(
        dir.path(),
        "02.txt",
        format!("Zebra crossing plan\n\n{STORY}").as_bytes(),
    );
    let (kept, problems) = load_wanting_zebra(dir.path(), |path| {
        // Now a copy of the story after it: that story is then a duplicate.
        fs::write(path, format!("Talks drag on\n\n{STORY}")).unwrap();
    });
    assert!(kept.is_empty(), "{kept:?}");
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_bug_in_the_test_of_an_article_is_reported_for_its_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "01.txt", b"A zebra\n\nA zebra escaped.");
    write(dir.path(), "02.txt", b"Talks\n\nNothing was agreed.");
    write(
        dir.path(),
        "03.txt",
        b"More zebra news\n\nA zebra came back.",
    );
    let (kept, problems) = load_wanting_zebra(dir.path(), |path| {
        assert!(!path.ends_with("02.txt"), "a bug");
    });
    assert_eq!(kept, ["01.txt", "03.txt"]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, "02.txt");
    assert!(problems[0].1.contains("internal error"), "{problems:?}");
}
