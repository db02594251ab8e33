//! `lede add URL...`: fetch pages, extract their articles, save them to the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use lede::library::page::{Added, add_page};
use lede::library::{Library, address, printable};

use super::fetching::{NetArgs, data_dir};

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  lede add https://example.org/news/story.html
  lede add URL1 URL2 && lede")]
pub struct AddArgs {
    /// Web addresses (http or https) of articles to save.
    #[arg(value_name = "URL", required = true)]
    urls: Vec<String>,
    #[command(flatten)]
    net: NetArgs,
}

pub fn run(args: &AddArgs, data_dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let library = Library::new(&self::data_dir(data_dir)?);
    let fetcher = args.net.fetcher();
    let mut known = library.known();
    let mut failed = false;
    for text in &args.urls {
        let result =
            address::parse(text).and_then(|url| add_page(&fetcher, &library, &mut known, &url));
        match result {
            Ok(Added::Saved(path)) => println!("saved: {}", printable(&path.display().to_string())),
            Ok(Added::AlreadySaved(path)) => {
                println!("already saved: {}", printable(&path.display().to_string()))
            }
            Err(reason) => {
                failed = true;
                super::warn(format_args!("{}: {}", printable(text), printable(&reason)));
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
