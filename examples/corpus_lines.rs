//! Every searchable item of a corpus (titles and sentences, as lede reads them) one per
//! line, for comparing lede's search with line-based finders such as fzf and skim on the
//! same text.
//!
//! cargo run --release --example corpus_lines -- OUT_FILE PATH...

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use lede::corpus::Corpus;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(out), paths) = (args.next(), args.map(PathBuf::from).collect::<Vec<_>>()) else {
        eprintln!("usage: corpus_lines OUT_FILE PATH...");
        return ExitCode::FAILURE;
    };
    let corpus = Corpus::load(&paths);
    let written = File::create(&out).and_then(|file| {
        let mut lines = BufWriter::new(file);
        for article in &corpus.articles {
            writeln!(lines, "{}", one_line(&article.title))?;
            for sentence in &article.sentences {
                let text = article.body.get(sentence.range.clone()).unwrap_or("");
                writeln!(lines, "{}", one_line(text))?;
            }
        }
        lines.flush()
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("corpus_lines: {err}");
            ExitCode::FAILURE
        }
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
