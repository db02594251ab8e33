//! The `lede` command: the reader (TUI) by default, and subcommands for scripts.

mod cli;
mod tui;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(name = "lede", version, about = "A terminal reader for news articles")]
struct Cli {
    /// Folder for highlights and reading state (default: the XDG data directory).
    #[arg(long, global = true, env = "LEDE_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,

    /// Article files and folders to open (default: the bundled seed articles).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the quotes (with speakers) and figures found in articles.
    #[command(after_help = cli::extract::AFTER_HELP)]
    Extract {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Article files and folders (default: the bundled seed articles).
        paths: Vec<PathBuf>,
    },
    /// Add, list, remove and tag highlights.
    Highlight {
        #[command(subcommand)]
        command: cli::highlight::HighlightCommand,
    },
    /// Search titles and sentences, best matches first (fzf-style query).
    Search(cli::search::SearchArgs),
    /// Export highlights as Markdown, W3C Web Annotation JSON, CSV or Kindle clippings.
    Export(cli::export::ExportArgs),
    /// Import highlights from W3C Web Annotation JSON or Kindle clippings.
    Import(cli::import::ImportArgs),
}

/// Output formats of the subcommands.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Jsonl,
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Extract { format, paths }) => cli::extract::run(format, &paths),
        Some(Command::Highlight { command }) => cli::highlight::run(command, cli.data_dir),
        Some(Command::Search(args)) => cli::search::run(&args),
        Some(Command::Export(args)) => cli::export::run(args, cli.data_dir),
        Some(Command::Import(args)) => cli::import::run(args, cli.data_dir),
        None => open_reader(&cli.paths, cli.data_dir),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("lede: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// The default command: the reader on the given paths, or on the bundled seeds.
fn open_reader(paths: &[PathBuf], data_dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let articles = if paths.is_empty() {
        tui::Articles::Ready(lede::corpus::Corpus::seeds())
    } else {
        tui::Articles::Load(paths.to_vec())
    };
    let session = tui::Session {
        corpus_key: lede::store::corpus_key(paths),
        data_dir: lede::paths::data_dir(data_dir),
    };
    for message in tui::run(articles, session)? {
        eprintln!("lede: {message}");
    }
    Ok(ExitCode::SUCCESS)
}
