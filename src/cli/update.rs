//! `lede update`: fetch every feed, save new articles to the library. A progress bar on
//! stderr in a terminal; a summary line (and a line per failed feed) always.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use clap::Args;

use lede::library::printable;
use lede::library::update::{Event, Options, Outcome, update};

use super::fetching::{NetArgs, data_dir};

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  lede update
  lede update --workers 2")]
pub struct UpdateArgs {
    /// Feeds fetched at the same time (at most 2 requests to one host at once).
    #[arg(long, value_name = "N", default_value_t = 8)]
    workers: usize,
    #[command(flatten)]
    net: NetArgs,
}

pub fn run(args: &UpdateArgs, data_dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let dir = self::data_dir(data_dir)?;
    let fetcher = args.net.fetcher();
    let options = Options {
        workers: args.workers.max(1),
    };
    let terminal = std::io::stderr().is_terminal();
    let mut saved = 0usize;
    let mut shown = None::<std::time::Instant>;
    let report = update(
        &dir,
        &fetcher,
        &options,
        &AtomicBool::new(false),
        |event| match event {
            Event::Saved { .. } => saved += 1,
            Event::FeedDone { done, total, .. } if terminal => {
                let due = shown.is_none_or(|t| t.elapsed().as_millis() >= 100) || done == total;
                if due {
                    shown = Some(std::time::Instant::now());
                    let width = 30;
                    let filled = done * width / total.max(1);
                    let _ = write!(
                        std::io::stderr(),
                        "\r\x1b[2Kupdating [{}{}] {done}/{total} feeds · {saved} new",
                        "#".repeat(filled),
                        "-".repeat(width - filled)
                    );
                    let _ = std::io::stderr().flush();
                }
            }
            _ => {}
        },
    )?;
    if terminal && shown.is_some() {
        let _ = write!(std::io::stderr(), "\r\x1b[2K");
    }
    for problem in &report.problems {
        super::warn(format_args!("{}", printable(problem)));
    }
    for feed in &report.feeds {
        let name = printable(&feed.url);
        match &feed.outcome {
            Outcome::Failed(reason) => super::warn(format_args!("{name}: {}", printable(reason))),
            Outcome::Skipped(reason) => {
                super::warn(format_args!("{name}: skipped: {}", printable(reason)))
            }
            _ => {}
        }
        for note in &feed.notes {
            super::warn(format_args!("{name}: {}", printable(note)));
        }
    }
    super::warn(format_args!("{}", report.summary()));
    Ok(if report.failed() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
