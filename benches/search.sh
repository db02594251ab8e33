#!/usr/bin/env bash
# Search benchmarks, all in one run on the same machine state:
#   1. corpora: a generated one of 20,000 articles (~100 MB), and, if REAL_SOURCE is set,
#      real news copied from that folder into REAL_CORPUS until it holds 100 MiB (each copy
#      ends with a marker line, so no copy is de-duplicated away); for each, the same
#      items (titles and sentences, as lede reads them) one per line for the line finders;
#   2. one-shot search, for each query, the commands run in turn RUNS times (alternating),
#      medians of wall time, CPU time and peak RSS: `lede search` (reading the articles
#      itself; default --limit 50 with its cache off, on a first run with an empty cache
#      folder, and with a warm cache; --limit 0 warm), `fzf --filter`, skim's `sk --filter`
#      (its default algorithm) and `sk --algo frizbee --filter`, on the lines file;
#   3. degenerate queries (lede only);
#   4. the criterion benchmark typing a query key by key (first screen per keystroke).
# fzf comes from Debian (apt-get), skim from crates.io (`cargo install skim --locked`
# into target/bench/tools).
#
# Usage: [REAL_SOURCE=DIR REAL_CORPUS=DIR] benches/search.sh [ARTICLES]
#   RUNS=5 by default; SKIP_CRITERION=1 skips part 4; SKIP_GENERATED=1 part 1's
#   generated corpus (and parts 3 and 4).
set -euo pipefail

cd "$(dirname "$0")/.."
ARTICLES="${1:-20000}"
RUNS="${RUNS:-5}"
GENERATED="target/bench-corpus"
WORK="target/bench"
TOOLS="$WORK/tools"
REAL_BYTES=$((100 * 1024 * 1024))
QUERIES=("stoltnberg" "erdogan" "turkish soldirs idlib" "stoltenberg nato" "tu")
mkdir -p "$WORK"

if [ ! -x /usr/bin/time ]; then
    echo "needs /usr/bin/time (Debian package: time)" >&2
    exit 1
fi
if ! command -v fzf >/dev/null; then
    echo "== installing fzf (Debian package)"
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y fzf >/dev/null; else sudo apt-get install -y fzf >/dev/null; fi
fi
SK="$TOOLS/bin/sk"
if [ ! -x "$SK" ]; then
    echo "== installing skim (cargo install skim --locked, into $TOOLS)"
    cargo install skim --locked --quiet --root "$TOOLS"
fi
FRIZBEE=()
if "$SK" --help 2>/dev/null | grep -q frizbee; then
    FRIZBEE=(--algo frizbee)
else
    echo "   (this skim has no --algo frizbee: its default algorithm stands in)"
fi

echo "== building (release)"
cargo build --release --quiet --bin lede --example gen_corpus --example corpus_lines
LEDE=target/release/lede

if [ -z "${SKIP_GENERATED:-}" ] && [ "$(ls "$GENERATED" 2>/dev/null | wc -l)" -ne "$ARTICLES" ]; then
    echo "== generating $ARTICLES articles"
    rm -rf "$GENERATED"
    target/release/examples/gen_corpus --articles "$ARTICLES" --out "$GENERATED"
fi

# Copies the files of $1 into $2, copy after copy, until $2 holds $REAL_BYTES bytes.
make_real_corpus() {
    local source="$1" out="$2" total=0 copy=0
    rm -rf "$out"
    mkdir -p "$out"
    while [ "$total" -lt "$REAL_BYTES" ]; do
        copy=$((copy + 1))
        local dir
        dir="$out/$(printf 'copy%02d' "$copy")"
        mkdir -p "$dir"
        for file in "$source"/*; do
            [ -f "$file" ] || continue
            { cat "$file"; printf '\n\nBench copy %d of this article.\n' "$copy"; } > "$dir/$(basename "$file")"
            total=$((total + $(stat -c %s "$dir/$(basename "$file")")))
            [ "$total" -lt "$REAL_BYTES" ] || break
        done
    done
}

CORPORA=()
[ -n "${SKIP_GENERATED:-}" ] || CORPORA+=("generated:$GENERATED")
if [ -n "${REAL_SOURCE:-}" ]; then
    REAL_CORPUS="${REAL_CORPUS:?set REAL_CORPUS to a folder outside the repository}"
    if [ ! -f "$REAL_CORPUS/.complete" ]; then
        echo "== copying $REAL_SOURCE into $REAL_CORPUS until it holds $REAL_BYTES bytes"
        make_real_corpus "$REAL_SOURCE" "$REAL_CORPUS"
        touch "$REAL_CORPUS/.complete"
    fi
    CORPORA+=("real:$REAL_CORPUS")
fi

# measure, median, table_header, compare.
source benches/compare.sh


echo "== machine: $(nproc) cores; $(fzf --version | cut -d' ' -f1) fzf, $("$SK" --version) ${FRIZBEE[*]}"
for entry in "${CORPORA[@]}"; do
    name="${entry%%:*}"
    corpus="${entry#*:}"
    lines="$WORK/lines-$name.txt"
    target/release/examples/corpus_lines "$lines" "$corpus"
    bytes=$(find "$corpus" -type f -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
    echo
    echo "== $name corpus: $corpus, $(find "$corpus" -type f -name '*.txt' | wc -l) files, $bytes bytes; $(wc -l < "$lines") items in $lines"
    # lede search reads files through the cache when one is there (see src/cache/), but
    # keeps nothing in it: measured without one, on a first run (an empty cache folder,
    # removed before each run, the removal timed too) and with a warm one (filled once
    # here by `lede show`, as the reader and the other commands fill it).
    COLD="$WORK/cache-cold-$name"
    WARM="$WORK/cache-warm-$name"
    rm -rf "$WARM"
    LEDE_CACHE_DIR="$WARM" "$LEDE" show "$corpus" >/dev/null
    echo "   load average now: $(cut -d' ' -f1-3 /proc/loadavg); medians of $RUNS runs, commands alternating"
    table_header
    for query in "${QUERIES[@]}"; do
        commands=(
            "lede, cache off|LEDE_CACHE_DIR=/dev/null/nocache $LEDE search --format text \"\$1\" \"\$2\" 2>/dev/null"
            "lede, first run|rm -rf \"$COLD\" && LEDE_CACHE_DIR=\"$COLD\" $LEDE search --format text \"\$1\" \"\$2\""
            "lede, warm cache|LEDE_CACHE_DIR=\"$WARM\" $LEDE search --format text \"\$1\" \"\$2\""
            "lede --limit 0, warm|LEDE_CACHE_DIR=\"$WARM\" $LEDE search --format text --limit 0 \"\$1\" \"\$2\""
            "fzf --filter|fzf --filter \"\$1\" < \"\$3\""
            "sk --filter|$SK --filter \"\$1\" < \"\$3\""
            "sk ${FRIZBEE[*]} --filter|$SK ${FRIZBEE[*]} --filter \"\$1\" < \"\$3\""
        )
        compare "$query" "$corpus" "$lines"
    done
    echo "   exact commands: LEDE_CACHE_DIR=/dev/null/nocache|$COLD (emptied)|$WARM lede search [--limit 0] QUERY $corpus;"
    echo "   fzf --filter QUERY < $lines;"
    echo "   $SK [${FRIZBEE[*]}] --filter QUERY < $lines"
done

if [ -n "${SKIP_GENERATED:-}" ]; then exit 0; fi
echo
echo "== degenerate queries on the generated corpus (lede search --limit 0, medians of $RUNS)"
long=$(printf 'stoltenberg%.0s' $(seq 910))
words=$(for i in $(seq 2000); do printf 'w%d ' "$i"; done)
for query in "$long" "$words" '?!.,;:' '!the !a' '!e'; do
    : > "$WORK/runs-d.txt"
    for _ in $(seq "$RUNS"); do
        measure sh -c "$LEDE search --format text --limit 0 \"\$1\" \"\$2\" 2>/dev/null || true" sh "$query" "$GENERATED" >> "$WORK/runs-d.txt"
    done
    count=$("$LEDE" search --format text --limit 0 "$query" "$GENERATED" 2>"$WORK/said.txt" | wc -l || true)
    printf '   %-30s %6s s wall, %6s s cpu: %8s rows %s\n' "$(printf '%.28s' "$query")… (${#query} chars)" \
        "$(cut -d' ' -f1 "$WORK/runs-d.txt" | median)" "$(cut -d' ' -f2 "$WORK/runs-d.txt" | median)" \
        "$count" "$(head -c 120 "$WORK/said.txt")"
done

if [ -n "${SKIP_CRITERION:-}" ]; then exit 0; fi
echo
echo "== per keystroke (criterion; the table first, then criterion's own estimates)"
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
LEDE_BENCH_CORPUS="$GENERATED" cargo bench --quiet --bench search 2>&1 | grep -v -E '^(Gnuplot|Benchmarking|Warning: Unable)'
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
