//! Entering and leaving the terminal's full-screen mode. The terminal is restored on every
//! way out: normal exit, error, and panic.

use std::io::{self, IsTerminal, Stdout};

use anyhow::{Context, Result, bail};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Whether the process has a terminal to read keys from other than standard input.
fn keyboard_terminal() -> bool {
    cfg!(unix)
        && std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .is_ok()
}

/// Restores the terminal when dropped.
pub struct TerminalGuard {
    pub terminal: Tui,
    /// The mouse is captured (clicks and the wheel come to lede).
    mouse: bool,
}

impl TerminalGuard {
    pub fn enter(mouse: bool) -> Result<TerminalGuard> {
        // Keys come from standard input, or from the terminal itself when an article is
        // piped in (`cat a.txt | lede -`: crossterm then reads /dev/tty).
        if !io::stdout().is_terminal() || !(io::stdin().is_terminal() || keyboard_terminal()) {
            bail!(
                "the reader needs a terminal (standard input and output are not one); for scripts, use `lede extract`"
            );
        }
        install_panic_hook();
        #[cfg(unix)]
        super::bus_error::install();
        enable_raw_mode().context("cannot switch the terminal to raw mode")?;
        if let Err(err) = execute!(io::stdout(), EnterAlternateScreen) {
            restore();
            return Err(err).context("cannot open the alternate screen");
        }
        if mouse {
            let _ = execute!(io::stdout(), EnableMouseCapture);
        }
        match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(terminal) => Ok(TerminalGuard { terminal, mouse }),
            Err(err) => {
                restore();
                Err(err).context("cannot start drawing")
            }
        }
    }
}

impl TerminalGuard {
    /// Gives the terminal back (for Ctrl-z or an external editor).
    pub fn suspend(&mut self) {
        let _ = self.terminal.show_cursor();
        restore();
    }

    /// Takes the terminal again after `suspend` (or after being stopped and continued
    /// from outside) and clears it, so the next draw paints everything.
    pub fn resume(&mut self) -> Result<()> {
        enable_raw_mode().context("cannot switch the terminal to raw mode")?;
        execute!(io::stdout(), EnterAlternateScreen).context("cannot open the alternate screen")?;
        if self.mouse {
            let _ = execute!(io::stdout(), EnableMouseCapture);
        }
        // Cleared by hand: ratatui's clear asks the terminal where its cursor is, which
        // a terminal that just got us back may be slow to answer.
        execute!(io::stdout(), Clear(ClearType::All)).context("cannot clear the screen")?;
        // Both buffers reset: the next draw paints every cell.
        self.terminal.swap_buffers();
        self.terminal.swap_buffers();
        Ok(())
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = self.terminal.show_cursor();
        restore();
    }
}

/// Leaves the alternate screen, mouse capture and raw mode; safe to call more than once.
/// (The bus-error handler writes the same bytes; a test keeps them equal.)
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// A panic on the main thread restores the terminal first, so its message is readable and
/// the shell usable. A background worker's panic must not: the reader goes on without that
/// worker, and its message is kept to print once the terminal is back to normal.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some("main") {
            restore();
            previous(info);
        } else if let Ok(mut messages) = WORKER_PANICS.lock() {
            messages.push(format!("internal error in a background task: {info}"));
        }
    }));
}

static WORKER_PANICS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Messages of background tasks that failed, to print after leaving the screen.
pub fn worker_panics() -> Vec<String> {
    WORKER_PANICS
        .lock()
        .map(|mut messages| std::mem::take(&mut *messages))
        .unwrap_or_default()
}
