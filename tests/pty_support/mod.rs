//! A pseudo-terminal session for the end-to-end tests: the real binary, its screen read
//! back through a terminal emulator (vt100) and its raw output kept, driven by keys.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The cache folder for every lede these tests run (never the user's).
pub const CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/lede-cache");

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Session {
    pub screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte lede wrote to the terminal, as written.
    pub output: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    pub fn start(data_dir: &Path, config_dir: &Path, args: &[&str]) -> Session {
        Session::start_with(data_dir, config_dir, args, (30, 120), &[])
    }

    /// An interactive bash (with job control) to run lede from.
    pub fn shell(config_dir: &Path) -> Session {
        Session::spawn(
            CommandBuilder::new("bash"),
            &["--norc", "--noprofile", "-i"],
            config_dir,
            (30, 120),
            &[("PS1", "$ ")],
        )
    }

    /// Starts lede on a `size` (rows, columns) terminal with extra environment.
    pub fn start_with(
        data_dir: &Path,
        config_dir: &Path,
        args: &[&str],
        size: (u16, u16),
        env: &[(&str, &str)],
    ) -> Session {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_lede"));
        command.arg("--data-dir");
        command.arg(data_dir);
        Session::spawn(command, args, config_dir, size, env)
    }

    pub fn spawn(
        mut command: CommandBuilder,
        args: &[&str],
        config_dir: &Path,
        size: (u16, u16),
        env: &[(&str, &str)],
    ) -> Session {
        let (rows, cols) = size;
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        command.args(args);
        command.env("XDG_CONFIG_HOME", config_dir);
        command.env("TERM", "xterm-256color");
        command.env_remove("LEDE_DATA_DIR");
        command.env("LEDE_CACHE_DIR", CACHE);
        command.env_remove("VISUAL");
        command.env_remove("EDITOR");
        command.env_remove("BROWSER");
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pty.slave.spawn_command(command).expect("start lede");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let feed = Arc::clone(&screen);
        let output = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&output);
        thread::spawn(move || {
            let _master = pty.master; // keep the pty open while reading
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
                log.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            screen,
            output,
            writer,
            child,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if self.contents().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(25));
        }
        panic!(
            "{text:?} did not appear; the screen shows:\n{}",
            self.contents()
        );
    }

    /// The last line of the screen (the status line).
    pub fn status(&self) -> String {
        let contents = self.contents();
        contents.lines().last().unwrap_or("").to_string()
    }

    /// Waits until `check` holds for the screen.
    pub fn wait_until(&self, what: &str, check: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if check(&self.contents()) {
                return;
            }
            thread::sleep(Duration::from_millis(25));
        }
        panic!("{what}; the screen shows:\n{}", self.contents());
    }

    /// The reader's scroll position, from its title ("… · 38%").
    pub fn percent(&self) -> u32 {
        let contents = self.contents();
        let first = contents.lines().next().unwrap_or("");
        first
            .split('%')
            .next()
            .and_then(|s| s.rsplit(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    }

    /// Pages the reader down `pages` times, one key at a time, each waiting for the
    /// scroll to show, so the place read afterwards is the final one (keys sent at once
    /// could be read from the screen halfway).
    pub fn page_down(&mut self, pages: usize) {
        for _ in 0..pages {
            let before = self.percent();
            self.keys(" ");
            self.wait_until("the reader scrolled", |_| self.percent() > before);
        }
    }

    pub fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            thread::sleep(Duration::from_millis(25));
        }
        let _ = self.child.kill();
        panic!("lede did not exit; the screen shows:\n{}", self.contents());
    }
}
