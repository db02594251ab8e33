//! Time from starting `lede` on the bundled seeds to its first full frame on screen: the
//! real binary in a pseudo-terminal, timed until the status line has been drawn.
//!
//! Run: `cargo bench --bench first_frame`

use std::io::Read;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn time_to_first_frame(data_dir: &std::path::Path) -> Duration {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pseudo-terminal");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_lede"));
    command.arg("--data-dir");
    command.arg(data_dir);
    command.env("TERM", "xterm-256color");
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(command).expect("start lede");
    let mut parser = vt100::Parser::new(30, 120, 0);
    let mut buf = [0u8; 16384];
    let elapsed = loop {
        let n = reader.read(&mut buf).unwrap_or(0);
        if n == 0 {
            panic!("lede exited before drawing");
        }
        parser.process(&buf[..n]);
        // The status line is drawn last in the frame's bottom row.
        if parser.screen().contents().contains("1/5 · Articles") {
            break start.elapsed();
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    elapsed
}

fn first_frame(c: &mut Criterion) {
    let data = tempfile::tempdir().expect("temp dir");
    c.bench_function("seeds: start to first frame", |b| {
        b.iter_custom(|iterations| {
            (0..iterations)
                .map(|_| time_to_first_frame(data.path()))
                .sum()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(5));
    targets = first_frame
}
criterion_main!(benches);
