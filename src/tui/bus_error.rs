//! The one crash the panic hook cannot see: a bus error (SIGBUS). The cache's corpus
//! snapshot and search index files are mapped into memory; lede itself only ever replaces
//! such a file by renaming a new one over it, but if another program cuts it short in
//! place, or the disk fails under it, reading it is a SIGBUS, not an error. The process
//! cannot go on from there, so the handler gives the terminal back — the sequences
//! `terminal::restore` writes, and the terminal's settings from before raw mode — says
//! what happened, and returns: the handler is installed to run once, so the faulting read
//! faults again and the process ends as a bus error does (with a core dump where those
//! are kept). Highlights and notes are written as they are made, so nothing acknowledged
//! is lost.

use std::sync::OnceLock;

/// The terminal's settings before lede took it, with the terminal they belong to.
static SAVED: OnceLock<(libc::c_int, libc::termios)> = OnceLock::new();

/// Cancels an escape sequence another thread may have been writing (CAN), then what
/// `terminal::restore` writes: mouse capture off, the main screen back, the cursor shown.
const RESTORE: &[u8] =
    b"\x18\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";

const MESSAGE: &[u8] = b"lede: a file it had mapped (most likely the cache's corpus snapshot or \
search index) was cut short or could not be read while lede ran (bus error); it stopped. \
Highlights and notes already made are kept. If this happens again, run `lede cache clear`.\n";

/// Saves the terminal's settings (call before raw mode) and installs the handler.
pub fn install() {
    // The keyboard's terminal is standard input, or /dev/tty when input is piped in (as
    // crossterm does).
    // SAFETY: isatty, open and tcgetattr are called with a valid descriptor, a
    // NUL-terminated path and a termios the call fills in; nothing is borrowed.
    let descriptor = unsafe {
        if libc::isatty(libc::STDIN_FILENO) == 1 {
            libc::STDIN_FILENO
        } else {
            libc::open(c"/dev/tty".as_ptr(), libc::O_RDWR | libc::O_CLOEXEC)
        }
    };
    if descriptor >= 0 {
        // SAFETY: termios is plain data; tcgetattr fills it or fails.
        let mut settings: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(descriptor, &mut settings) } == 0 {
            let _ = SAVED.set((descriptor, settings));
        }
    }
    // SAFETY: the handler only makes async-signal-safe calls (write, tcsetattr) and reads
    // SAVED, which is set before the handler is installed and never changed after. It runs
    // once (SA_RESETHAND) and on the thread's alternate stack when it has one (SA_ONSTACK,
    // as the standard library's own handler does).
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_bus_error as *const () as libc::sighandler_t;
        action.sa_flags = libc::SA_RESETHAND | libc::SA_ONSTACK;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGBUS, &action, std::ptr::null_mut());
    }
}

extern "C" fn on_bus_error(_signal: libc::c_int) {
    // SAFETY: async-signal-safe calls on descriptors that stay open for the process's
    // life, with buffers of the stated lengths.
    unsafe {
        libc::write(libc::STDOUT_FILENO, RESTORE.as_ptr().cast(), RESTORE.len());
        if let Some((descriptor, settings)) = SAVED.get() {
            libc::tcsetattr(*descriptor, libc::TCSANOW, settings);
        }
        libc::write(libc::STDERR_FILENO, MESSAGE.as_ptr().cast(), MESSAGE.len());
    }
    // Back to the faulting read, which faults again, now with the default action.
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::DisableMouseCapture;
    use crossterm::queue;
    use crossterm::terminal::LeaveAlternateScreen;

    #[test]
    fn the_handler_writes_what_restoring_the_terminal_writes() {
        let mut restore = Vec::new();
        queue!(
            restore,
            DisableMouseCapture,
            LeaveAlternateScreen,
            crossterm::cursor::Show
        )
        .unwrap();
        assert_eq!(&RESTORE[1..], restore.as_slice());
        assert_eq!(
            RESTORE[0], 0x18,
            "an escape sequence half written is cancelled"
        );
    }
}
