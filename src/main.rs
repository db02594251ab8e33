//! The `lede` command: the reader (TUI) by default, and subcommands for scripts.

mod cli;
mod tui;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "lede",
    version,
    about = "A terminal reader for news articles",
    after_help = "Examples:
  lede                               read the bundled seed articles
  lede ~/news                        read the articles in a folder
  curl -s URL | lede -               read one article from standard input"
)]
struct Cli {
    /// Folder for highlights, reading state, feeds and the library (default: the XDG data
    /// directory).
    #[arg(long, global = true, env = "LEDE_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// Folder for the cache of what reading and extracting articles worked out (default:
    /// the XDG cache directory); deleting it loses nothing.
    #[arg(long, global = true, env = "LEDE_CACHE_DIR", value_name = "DIR")]
    cache_dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,

    /// Article files and folders to open (default: the library, or the bundled seed
    /// articles when it is empty); `-` reads one article from standard input.
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
        /// Article files and folders (default: the library, or the bundled seeds when it
        /// is empty); `-` reads one article from standard input.
        paths: Vec<PathBuf>,
    },
    /// Add, list, remove and tag highlights.
    #[command(after_help = "Examples:
  lede highlight add --article seeds/003_d488c55d3acb0cdc.txt --text \"NATO is ready\"
  lede highlight list --tag nato
  lede highlight tag ID nato turkey")]
    Highlight {
        #[command(subcommand)]
        command: cli::highlight::HighlightCommand,
    },
    /// Print each article as lede reads it: metadata and paragraphs, boilerplate marked.
    #[command(after_help = "Examples:
  lede show ~/news/story.html                 the article lede finds in a saved page
  lede show --format json story.md | jq .title
  curl -s URL | lede show -                   a page from standard input")]
    Show(cli::show::ShowArgs),
    /// Search titles and sentences, best matches first (fzf-style query).
    Search(cli::search::SearchArgs),
    /// Export highlights as Markdown (Obsidian), W3C Web Annotation JSON, CSV, Readwise CSV,
    /// Hypothesis JSON or Kindle clippings.
    Export(cli::export::ExportArgs),
    /// Import highlights from W3C Web Annotation JSON, Hypothesis JSON or Kindle clippings.
    Import(cli::import::ImportArgs),
    /// Fetch web pages and save their articles to the library.
    Add(cli::add::AddArgs),
    /// Follow, list, remove, import and export feeds.
    #[command(after_help = "Examples:
  lede feed add https://example.org/feed.xml
  lede feed list
  lede feed export -o subscriptions.opml")]
    Feed {
        #[command(subcommand)]
        command: cli::feed::FeedCommand,
    },
    /// Fetch every feed and save new articles to the library.
    Update(cli::update::UpdateArgs),
    /// Show or clear the cache (what reading and extracting articles worked out).
    #[command(after_help = "Examples:
  lede cache info
  lede cache clear
  lede --cache-dir /tmp/lede-cache ~/news      read with the cache in another folder")]
    Cache {
        #[command(subcommand)]
        command: cli::cache::CacheCommand,
    },
    /// Print a completion script for a shell.
    #[command(after_help = "Examples:
  lede completions bash > ~/.local/share/bash-completion/completions/lede
  lede completions zsh > ~/.zfunc/_lede
  lede completions fish > ~/.config/fish/completions/lede.fish")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    #[command(after_help = "Examples:
  lede man > ~/.local/share/man/man1/lede.1
  lede man | man -l -")]
    Man,
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
    cli::cache::set_dir(cli.cache_dir);
    let result = match cli.command {
        Some(Command::Extract { format, paths }) => cli::extract::run(format, &paths, cli.data_dir),
        Some(Command::Highlight { command }) => cli::highlight::run(command, cli.data_dir),
        Some(Command::Search(args)) => cli::search::run(&args, cli.data_dir),
        Some(Command::Show(args)) => cli::show::run(&args, cli.data_dir),
        Some(Command::Export(args)) => cli::export::run(args, cli.data_dir),
        Some(Command::Import(args)) => cli::import::run(args, cli.data_dir),
        Some(Command::Add(args)) => cli::add::run(&args, cli.data_dir),
        Some(Command::Feed { command }) => cli::feed::run(command, cli.data_dir),
        Some(Command::Update(args)) => cli::update::run(&args, cli.data_dir),
        Some(Command::Completions { shell }) => cli::docs::completions(shell, Cli::command()),
        Some(Command::Cache { command }) => cli::cache::run(&command),
        Some(Command::Man) => cli::docs::man_page(Cli::command()),
        None => open_reader(&cli.paths, cli.data_dir),
    };
    cli::cache::finish();
    match result {
        Ok(code) => code,
        Err(err) => {
            cli::warn(format!("{err:#}"));
            ExitCode::FAILURE
        }
    }
}

/// The default command: the reader on the given paths, or on the default corpus (the
/// library, or the bundled seeds when it is empty).
fn open_reader(paths: &[PathBuf], data_dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let data_dir = lede::paths::data_dir(data_dir);
    let paths = if paths.is_empty() {
        lede::library::default_corpus(data_dir.as_deref()).paths()
    } else {
        paths.to_vec()
    };
    let articles = if paths.is_empty() {
        tui::Articles::Ready(lede::corpus::Corpus::seeds())
    } else {
        tui::Articles::Load(paths.clone())
    };
    let (cache, notices) = if paths.is_empty() {
        (None, Vec::new())
    } else {
        cli::cache::get_with_notices()
    };
    let session = tui::Session {
        corpus_key: lede::store::corpus_key(&paths),
        data_dir,
        cache,
        notices,
    };
    for message in tui::run(articles, session)? {
        cli::warn(message);
    }
    Ok(ExitCode::SUCCESS)
}
