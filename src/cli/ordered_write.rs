//! Writing many formatted records in order, formatting them on all cores.

use std::io::{self, Write};

/// Records formatted per round: the output held in memory at once is one round's.
const ROUND: usize = 16_384;
/// Below this many records one thread is quicker than starting more.
const PARALLEL_MIN: usize = 4_096;

/// Writes `format(i, item)` for every item (`i` its place in `items`), in order. Each round of items is split between
/// the cores, each part formatted into its own buffer, and the buffers written in turn.
pub fn write_all_formatted<T: Sync>(
    out: &mut impl Write,
    items: &[T],
    format: impl Fn(usize, &T, &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let format_part = |first: usize, part: &[T], buffer: &mut Vec<u8>| -> io::Result<()> {
        buffer.clear();
        for (i, item) in part.iter().enumerate() {
            format(first + i, item, buffer)?;
        }
        Ok(())
    };
    // One buffer per thread, kept from round to round.
    let mut buffers: Vec<Vec<u8>> = vec![Vec::new(); threads];
    for (round_index, round) in items.chunks(ROUND).enumerate() {
        let round_start = round_index * ROUND;
        if threads == 1 || round.len() < PARALLEL_MIN {
            let buffer = &mut buffers[0];
            format_part(round_start, round, buffer)?;
            out.write_all(buffer)?;
            continue;
        }
        let part_len = round.len().div_ceil(threads);
        let results: Vec<io::Result<()>> = std::thread::scope(|scope| {
            let mut jobs = round.chunks(part_len).zip(buffers.iter_mut()).enumerate();
            // The calling thread formats the first part itself.
            let first = jobs.next();
            let helpers: Vec<_> = jobs
                .map(|(n, (part, buffer))| {
                    scope.spawn(move || format_part(round_start + n * part_len, part, buffer))
                })
                .collect();
            let mut results = Vec::with_capacity(threads);
            if let Some((_, (part, buffer))) = first {
                results.push(format_part(round_start, part, buffer));
            }
            results.extend(helpers.into_iter().map(|helper| {
                helper
                    .join()
                    .unwrap_or_else(|_| Err(io::Error::other("a formatting thread panicked")))
            }));
            results
        });
        let parts = round.len().div_ceil(part_len);
        for (result, buffer) in results.into_iter().zip(&buffers[..parts]) {
            result?;
            out.write_all(buffer)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_item_in_order() {
        let items: Vec<usize> = (0..3 * ROUND + 17).collect();
        let mut out = Vec::new();
        write_all_formatted(&mut out, &items, |i, n, buffer| writeln!(buffer, "{i} {n}")).unwrap();
        let expected: String = items.iter().map(|n| format!("{n} {n}\n")).collect();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn a_formatting_error_is_returned() {
        let items = vec![1, 2, 3];
        let mut out = Vec::new();
        let result = write_all_formatted(&mut out, &items, |_, &n, buffer| {
            if n == 2 {
                return Err(io::Error::other("bad item"));
            }
            writeln!(buffer, "{n}")
        });
        assert!(result.is_err());
    }
}
