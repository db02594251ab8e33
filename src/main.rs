//! The `lede` command: the reader (TUI) by default, and subcommands for scripts.

mod cli;

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
    Extract {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Article files and folders (default: the bundled seed articles).
        paths: Vec<PathBuf>,
    },
    /// Search titles and sentences, best matches first (fzf-style query).
    Search(cli::search::SearchArgs),
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
        Some(Command::Search(args)) => cli::search::run(&args),
        None => Ok(ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("lede: {err:#}");
            ExitCode::FAILURE
        }
    }
}
