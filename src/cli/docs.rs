//! `lede completions SHELL` and `lede man`: the shell completion script and the manual page,
//! both generated from the command-line definition (clap_complete, clap_mangen), so they
//! never drift from it.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};

/// Prints the completion script of `shell` for `command`.
pub fn completions(shell: clap_complete::Shell, mut command: clap::Command) -> Result<ExitCode> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "lede", &mut out);
    print(&out)
}

/// Prints the manual page of `command`: clap_mangen's page for `lede`, then a section per
/// subcommand holding its full help (usage, options, examples), preformatted.
pub fn man_page(mut command: clap::Command) -> Result<ExitCode> {
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut out)
        .context("cannot render the manual page")?;
    command.build();
    help_sections(&mut out, &mut command, "lede");
    print(&out)
}

/// A section for each subcommand of `command` (and theirs), named by its full command line.
fn help_sections(out: &mut Vec<u8>, command: &mut clap::Command, prefix: &str) {
    for sub in command.get_subcommands_mut() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        let name = format!("{prefix} {}", sub.get_name());
        let help = sub.render_long_help().to_string();
        out.extend_from_slice(format!(".SH \"{}\"\n.nf\n", name.to_uppercase()).as_bytes());
        for line in help.lines() {
            out.extend_from_slice(roff_line(line).as_bytes());
            out.push(b'\n');
        }
        out.extend_from_slice(b".fi\n");
        help_sections(out, sub, &name);
    }
}

/// A line of text for roff: backslashes escaped, and a line starting with `.` or `'` (a
/// request) made text.
fn roff_line(line: &str) -> String {
    let line = line.replace('\\', "\\e");
    match line.starts_with(['.', '\'']) {
        true => format!("\\&{line}"),
        false => line,
    }
}

fn print(bytes: &[u8]) -> Result<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}
