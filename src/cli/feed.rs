//! `lede feed add|list|rm|set|import|export`: the feeds `lede update` fetches.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Subcommand;

use lede::library::feed_list::{self, Feed};
use lede::library::follow::{Followed, find_feed, follow};
use lede::library::{address, opml, printable};

use super::fetching::{NetArgs, data_dir};

#[derive(Subcommand, Debug)]
pub enum FeedCommand {
    /// Follow a feed (RSS, Atom, JSON Feed, or a page that links one); it is fetched once
    /// to check it.
    #[command(after_help = "Examples:
  lede feed add https://example.org/feed.xml
  lede feed add --full-text https://example.org/   (the feed the page links)")]
    Add {
        /// The feed's (or the site's) web address.
        url: String,
        /// Fetch each new item's web page for its full text (for summary-only feeds).
        #[arg(long)]
        full_text: bool,
        #[command(flatten)]
        net: NetArgs,
    },
    /// List the feeds followed: address, title, state.
    #[command(after_help = "Examples:
  lede feed list")]
    List,
    /// Stop following feeds (their articles stay in the library).
    #[command(after_help = "Examples:
  lede feed rm https://example.org/feed.xml")]
    Rm {
        #[arg(value_name = "URL", required = true)]
        urls: Vec<String>,
    },
    /// Change a feed's settings.
    #[command(after_help = "Examples:
  lede feed set https://example.org/feed.xml --full-text true")]
    Set {
        url: String,
        /// Fetch each new item's web page for its full text: true or false.
        #[arg(long, value_name = "BOOL", action = clap::ArgAction::Set, required = true)]
        full_text: bool,
    },
    /// Follow the feeds of an OPML file (they are fetched by the next `lede update`).
    #[command(after_help = "Examples:
  lede feed import subscriptions.opml && lede update")]
    Import { file: PathBuf },
    /// Write the feeds as OPML 2.0 (to standard output, or to FILE).
    #[command(after_help = "Examples:
  lede feed export -o subscriptions.opml")]
    Export {
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

pub fn run(command: FeedCommand, data_dir: Option<PathBuf>) -> Result<ExitCode> {
    let dir = self::data_dir(data_dir)?;
    match command {
        FeedCommand::Add {
            url,
            full_text,
            net,
        } => add(&dir, &url, full_text.then_some(true), &net),
        FeedCommand::List => list(&dir),
        FeedCommand::Rm { urls } => remove(&dir, &urls),
        FeedCommand::Set { url, full_text } => set(&dir, &url, full_text),
        FeedCommand::Import { file } => import(&dir, &file),
        FeedCommand::Export { output } => export(&dir, output),
    }
}

fn report(problems: &[String]) {
    for problem in problems {
        super::warn(format_args!("{}", printable(problem)));
    }
}

fn add(
    dir: &std::path::Path,
    text: &str,
    full_text: Option<bool>,
    net: &NetArgs,
) -> Result<ExitCode> {
    let url = match address::parse(text) {
        Ok(url) => url,
        Err(reason) => {
            super::warn(format_args!("{}: {reason}", printable(text)));
            return Ok(ExitCode::FAILURE);
        }
    };
    let found = match find_feed(&net.fetcher(), &url) {
        Ok(found) => found,
        Err(reason) => {
            super::warn(format_args!(
                "{}: {}; not added",
                printable(text),
                printable(&reason)
            ));
            return Ok(ExitCode::FAILURE);
        }
    };
    let (followed, problems) = follow(dir, &found, full_text)?;
    report(&problems);
    let title = found
        .feed
        .title
        .as_deref()
        .map(printable)
        .unwrap_or_default();
    let verb = match followed {
        Followed::Added => "added",
        Followed::AlreadyFollowed => "already followed",
    };
    println!(
        "{verb}: {} {title} ({} items now; `lede update` fetches them)",
        printable(found.url.as_str()),
        found.feed.items.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn list(dir: &std::path::Path) -> Result<ExitCode> {
    let loaded = feed_list::load(dir)?;
    report(&loaded.problems);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for feed in &loaded.list.feeds {
        writeln!(
            out,
            "{}\t{}\t{}",
            printable(&feed.url),
            printable(feed.title.as_deref().unwrap_or("")),
            state(feed)
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A feed's state in a few words.
fn state(feed: &Feed) -> String {
    let mut words = Vec::new();
    if let Some(gone) = &feed.state.gone {
        words.push(format!("gone ({})", printable(gone)));
    } else if feed
        .state
        .retry_after
        .is_some_and(|t| t > lede::library::now_unix())
    {
        words.push("backing off".to_string());
    } else if let Some(error) = &feed.state.last_error {
        words.push(format!("failing: {}", printable(error)));
    } else if feed.state.last_update.is_some() {
        words.push("ok".to_string());
    } else {
        words.push("not fetched yet".to_string());
    }
    if feed.full_text {
        words.push("full text".to_string());
    }
    words.join(", ")
}

/// The list's form of an address typed by the user (as `feed add` stored it).
fn normalized(text: &str) -> String {
    address::parse(text)
        .map(|a| a.to_string())
        .unwrap_or_else(|_| text.trim().to_string())
}

fn remove(dir: &std::path::Path, urls: &[String]) -> Result<ExitCode> {
    let (missing, problems) = feed_list::edit(dir, |list| {
        let mut missing = Vec::new();
        for text in urls {
            let url = normalized(text);
            let before = list.feeds.len();
            list.feeds.retain(|f| f.url != url);
            if list.feeds.len() == before {
                missing.push(text.clone());
            }
        }
        Ok(missing)
    })?;
    report(&problems);
    for text in &missing {
        super::warn(format_args!("{}: not a feed followed", printable(text)));
    }
    let removed = urls.len() - missing.len();
    println!(
        "removed {removed} feed{}",
        if removed == 1 { "" } else { "s" }
    );
    Ok(if missing.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn set(dir: &std::path::Path, text: &str, full_text: bool) -> Result<ExitCode> {
    let url = normalized(text);
    let (found, problems) = feed_list::edit(dir, |list| {
        Ok(list
            .find_mut(&url)
            .map(|feed| feed.full_text = full_text)
            .is_some())
    })?;
    report(&problems);
    if !found {
        super::warn(format_args!("{}: not a feed followed", printable(text)));
        return Ok(ExitCode::FAILURE);
    }
    println!(
        "{}: full text {}",
        printable(&url),
        if full_text { "on" } else { "off" }
    );
    Ok(ExitCode::SUCCESS)
}

fn import(dir: &std::path::Path, file: &std::path::Path) -> Result<ExitCode> {
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .with_context(|| format!("cannot open {}", file.display()))?
        .take(opml::FILE_MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", file.display()))?;
    if bytes.len() as u64 > opml::FILE_MAX_BYTES {
        anyhow::bail!(
            "{}: larger than {} MB, not an OPML file lede reads",
            file.display(),
            opml::FILE_MAX_BYTES >> 20
        );
    }
    let text = String::from_utf8_lossy(&bytes);
    let imported = match opml::import(&text) {
        Ok(imported) => imported,
        Err(reason) => {
            super::warn(format_args!("{}: {reason}", file.display()));
            return Ok(ExitCode::FAILURE);
        }
    };
    let (added, problems) = feed_list::edit(dir, |list| {
        let mut added = 0;
        for feed in &imported.feeds {
            if list.find(&feed.url).is_none() {
                list.feeds.push(Feed {
                    added: Some(lede::store::timestamp::now()),
                    ..feed.clone()
                });
                added += 1;
            }
        }
        Ok(added)
    })?;
    report(&problems);
    for refused in &imported.refused {
        super::warn(format_args!("{}: refused {refused}", file.display()));
    }
    println!(
        "imported {added} feed{} ({} already followed, {} refused); `lede update` fetches them",
        if added == 1 { "" } else { "s" },
        imported.feeds.len() - added,
        imported.refused.len()
    );
    Ok(if imported.refused.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn export(dir: &std::path::Path, output: Option<PathBuf>) -> Result<ExitCode> {
    let loaded = feed_list::load(dir)?;
    report(&loaded.problems);
    let xml = opml::export(&loaded.list.feeds).map_err(anyhow::Error::msg)?;
    match output {
        Some(path) => lede::store::write_atomic(&path, xml.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(xml.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
