//! A deterministic corpus for benchmarks: N articles built from the seed articles'
//! sentences, with names and numbers varied, in the seeds' text format.
//!
//! cargo run --release --example gen_corpus -- --articles 20000 --out DIR [--lines FILE]
//!
//! `--lines FILE` also writes every searchable item (titles and sentences, as lede
//! reads them back) one per line, for comparing with line-based tools such as fzf.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use lede::corpus::{Corpus, ParagraphKind, parse_article};

/// Average article size aimed at (bytes): 20,000 articles ≈ 100 MB.
const ARTICLE_BYTES: usize = 5_000;

/// Names in the seeds that are swapped for others.
const SEED_NAMES: &[&str] = &[
    "Stoltenberg",
    "Erdogan",
    "Putin",
    "Assad",
    "Fallon",
    "Thomson",
    "Kirby",
    "Bakeer",
    "Lavrov",
    "Akar",
    "Trump",
    "Pompeo",
    "Jeffrey",
    "Ayoub",
    "Druzhinin",
];

/// Names put in their place (accents included, so accent folding gets exercised).
const NAMES: &[&str] = &[
    "Stoltenberg",
    "Erdoğan",
    "Putin",
    "Assad",
    "Müller",
    "Jørgensen",
    "Łukasiewicz",
    "Núñez",
    "Dvořák",
    "Öztürk",
    "Çelik",
    "Šimić",
    "García",
    "Lefèvre",
    "Petrov",
    "Kowalski",
    "Nakamura",
    "Haddad",
    "O'Brien",
    "Svensson",
    "Ferreira",
    "Nováková",
    "Kılıç",
    "Åberg",
    "Brontë",
    "Zaïd",
    "Costa",
    "Fischer",
    "Rossi",
    "Yılmaz",
];

/// SplitMix64: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

struct Args {
    articles: usize,
    out: PathBuf,
    lines: Option<PathBuf>,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        articles: 1000,
        out: PathBuf::new(),
        lines: None,
        seed: 42,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--articles" => args.articles = value.parse().map_err(|_| "bad --articles")?,
            "--out" => args.out = PathBuf::from(value),
            "--lines" => args.lines = Some(PathBuf::from(value)),
            "--seed" => args.seed = value.parse().map_err(|_| "bad --seed")?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if args.out.as_os_str().is_empty() {
        return Err("--out DIR is required".into());
    }
    Ok(args)
}

/// The story sentences of the seeds, one line each.
fn seed_sentences() -> Vec<String> {
    let corpus = Corpus::seeds();
    let mut sentences = Vec::new();
    for article in &corpus.articles {
        for s in &article.sentences {
            let kind = article.paragraphs.get(s.paragraph).map(|p| p.kind);
            let text = article.body.get(s.range.clone()).unwrap_or("");
            if kind == Some(ParagraphKind::Body) && text.len() > 30 {
                sentences.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
            }
        }
    }
    sentences
}

/// `sentence` with its names and numbers swapped for random ones.
fn vary(sentence: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(sentence.len() + 16);
    let mut rest = sentence;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let first = 1 + rng.below(9);
            out.push(char::from(b'0' + first as u8));
            for _ in 1..digits {
                out.push(char::from(b'0' + rng.below(10) as u8));
            }
            rest = &rest[digits..];
            continue;
        }
        if let Some(seed_name) = SEED_NAMES.iter().find(|n| rest.starts_with(**n)) {
            let name: &&str = rng.pick(NAMES);
            out.push_str(name);
            rest = &rest[seed_name.len()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn article_text(sentences: &[String], rng: &mut Rng) -> String {
    let target = ARTICLE_BYTES / 2 + rng.below(ARTICLE_BYTES);
    let date = format!(
        " date {}-{:02}-{:02} ",
        2015 + rng.below(10),
        1 + rng.below(12),
        1 + rng.below(28)
    );
    let mut text = date;
    let mut first_paragraph = true;
    while text.len() < target {
        if !first_paragraph {
            text.push_str("\n\n");
        }
        first_paragraph = false;
        let count = 1 + rng.below(3);
        let paragraph: Vec<String> = (0..count)
            .map(|_| {
                let sentence: &String = rng.pick(sentences);
                vary(sentence, rng)
            })
            .collect();
        text.push_str(&paragraph.join(" "));
    }
    text.push('\n');
    text
}

fn write_lines(out: &mut impl Write, path: &Path, text: &str) -> std::io::Result<()> {
    let article = parse_article(path.to_path_buf(), text, Vec::new());
    writeln!(out, "{}", one_line(&article.title))?;
    for s in &article.sentences {
        writeln!(
            out,
            "{}",
            one_line(article.body.get(s.range.clone()).unwrap_or(""))
        )?;
    }
    Ok(())
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

fn run(args: &Args) -> Result<(), String> {
    let sentences = seed_sentences();
    if sentences.is_empty() {
        return Err("no seed sentences".into());
    }
    fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let mut lines = match &args.lines {
        Some(path) => Some(BufWriter::new(
            fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?,
        )),
        None => None,
    };
    let mut rng = Rng(args.seed);
    let mut total = 0;
    for n in 0..args.articles {
        let text = article_text(&sentences, &mut rng);
        let path = args.out.join(format!("{n:06}.txt"));
        fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some(out) = lines.as_mut() {
            write_lines(out, &path, &text).map_err(|e| e.to_string())?;
        }
        total += text.len();
    }
    if let Some(mut out) = lines {
        out.flush().map_err(|e| e.to_string())?;
    }
    eprintln!(
        "wrote {} articles, {:.1} MB, to {}",
        args.articles,
        total as f64 / 1e6,
        args.out.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    match parse_args().and_then(|args| run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gen_corpus: {err}");
            ExitCode::FAILURE
        }
    }
}
