#!/usr/bin/env bash
# Search benchmarks, all in one run on the same machine state:
#   1. a generated corpus of 20,000 articles (~100 MB) and the same items one per line;
#   2. full ranking: `lede search --limit 0` (load, index, match, rank, print) against
#      `fzf --filter` over the same titles and sentences;
#   3. peak RSS of loading and indexing the corpus, against its size on disk;
#   4. the criterion benchmark typing a query key by key (first screen per keystroke).
# Usage: benches/search.sh [ARTICLES] (default 20000). Run from anywhere in the repo.
# SKIP_CRITERION=1 skips part 4.
set -euo pipefail

cd "$(dirname "$0")/.."
ARTICLES="${1:-20000}"
CORPUS="target/bench-corpus"
LINES="target/bench/lines.txt"
RUNS=3
QUERIES=("stoltenberg nato" "erdogan" "turkish soldiers idlib")

if ! command -v fzf >/dev/null; then
    echo "== installing fzf (Debian package)"
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y fzf >/dev/null; else sudo apt-get install -y fzf >/dev/null; fi
fi
if [ ! -x /usr/bin/time ]; then
    echo "needs /usr/bin/time (Debian package: time)" >&2
    exit 1
fi

echo "== building (release)"
cargo build --release --quiet --bin lede --example gen_corpus
LEDE=target/release/lede

if [ ! -f "$LINES" ] || [ "$(ls "$CORPUS" 2>/dev/null | wc -l)" -ne "$ARTICLES" ]; then
    echo "== generating $ARTICLES articles"
    rm -rf "$CORPUS"
    mkdir -p "$(dirname "$LINES")"
    target/release/examples/gen_corpus --articles "$ARTICLES" --out "$CORPUS" --lines "$LINES"
fi

corpus_bytes=$(cat "$CORPUS"/* | wc -c)
echo "== machine: $(nproc) cores, $(fzf --version | cut -d' ' -f1) fzf, load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== corpus: $ARTICLES articles, $corpus_bytes bytes; $(wc -l < "$LINES") items (titles + sentences)"

# Prints "wall user sys maxrss_kb" of one run of the command, output discarded.
measure() {
    /usr/bin/time -f "%e %U %S %M" -o target/bench/time.txt "$@" >/dev/null
    # The last line: a failing command adds a "Command exited…" line first.
    tail -n 1 target/bench/time.txt
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo
echo "== full ranking, $RUNS runs each, alternating (median wall / user CPU, seconds)"
for query in "${QUERIES[@]}"; do
    lede_count=$("$LEDE" search --limit 0 "$query" "$CORPUS" | wc -l)
    fzf_count=$(fzf --filter "$query" < "$LINES" | wc -l)
    : > target/bench/lede.txt
    : > target/bench/lede50.txt
    : > target/bench/fzf.txt
    for _ in $(seq "$RUNS"); do
        measure "$LEDE" search --limit 0 --format text "$query" "$CORPUS" >> target/bench/lede.txt
        measure sh -c 'fzf --filter "$1" < "$2"' sh "$query" "$LINES" >> target/bench/fzf.txt
        measure "$LEDE" search --format text "$query" "$CORPUS" >> target/bench/lede50.txt
    done
    printf '  %-24s lede --limit 0: %6s s wall, %6s s user | fzf --filter: %6s s wall, %6s s user | lede (first 50): %6s s wall, %6s s user | %s matches (fzf: %s)\n' \
        "\"$query\"" \
        "$(cut -d' ' -f1 target/bench/lede.txt | median)" "$(cut -d' ' -f2 target/bench/lede.txt | median)" \
        "$(cut -d' ' -f1 target/bench/fzf.txt | median)" "$(cut -d' ' -f2 target/bench/fzf.txt | median)" \
        "$(cut -d' ' -f1 target/bench/lede50.txt | median)" "$(cut -d' ' -f2 target/bench/lede50.txt | median)" \
        "$lede_count" "$fzf_count"
done

echo
echo "== peak RSS: load + index the corpus, a query that matches nothing"
rss_kb=$(measure "$LEDE" search --limit 0 "zzqqxxjj" "$CORPUS" | cut -d' ' -f4)
awk -v rss="$rss_kb" -v size="$corpus_bytes" \
    'BEGIN { printf "  peak RSS %.1f MB for %.1f MB of articles: %.2fx\n", rss/1024, size/1048576, rss*1024/size }'
fzf_rss=$(measure sh -c 'fzf --filter zzqqxxjj < "$1"' sh "$LINES" | cut -d' ' -f4)
awk -v rss="$fzf_rss" 'BEGIN { printf "  (fzf --filter on the lines file: peak RSS %.1f MB)\n", rss/1024 }'

if [ -n "${SKIP_CRITERION:-}" ]; then exit 0; fi
echo
echo "== per keystroke (criterion; the table first, then criterion's own estimates)"
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
LEDE_BENCH_CORPUS="$CORPUS" cargo bench --quiet --bench search 2>&1 | grep -v -E '^(Gnuplot|Benchmarking|Warning: Unable)'
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
