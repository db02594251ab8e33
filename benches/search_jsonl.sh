#!/usr/bin/env bash
# One-shot search of one JSON Lines file (an article a line), the companion of search.sh:
#   1. corpora: the articles of a folder (search.sh's generated corpus by default, and
#      REAL_CORPUS if set) written as one JSON Lines file, {"text": FILE'S TEXT} a line, in
#      the folder's order; and the items lede reads from it one per line for the others;
#   2. for each query, the commands run in turn RUNS times (alternating), medians of wall
#      time, CPU time and peak RSS: `lede search` with its cache off (and LEDE_BEFORE, another
#      lede binary, the same way, for before/after), `fzf --filter` and
#      `sk --algo frizbee --filter` on the lines file.
# Run search.sh first (it builds the tools, generates the corpus and installs fzf and skim).
#
# Usage: [LEDE_BEFORE=BIN] [REAL_CORPUS=DIR] [BENCH_DIR=DIR] RUNS=3 benches/search_jsonl.sh
#   BENCH_DIR (default target/bench) takes the JSON Lines and lines files (~300 MB).
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS="${RUNS:-5}"
GENERATED="${GENERATED:-target/bench-corpus}"
WORK="${BENCH_DIR:-target/bench}"
SK="${SK:-target/bench/tools/bin/sk}"
QUERIES=("stoltnberg" "erdogan" "turkish soldirs idlib" "stoltenberg nato" "tu")
mkdir -p "$WORK"
for tool in /usr/bin/time fzf "$SK" python3; do
    command -v "$tool" >/dev/null || { echo "needs $tool (run benches/search.sh first)" >&2; exit 1; }
done

cargo build --release --quiet --bin lede --example corpus_lines
LEDE=target/release/lede

# Writes the text files of folder $1 (in name order, recursively) as JSON Lines file $2.
to_jsonl() {
    python3 - "$1" "$2" <<'EOF'
import json, os, sys
source, out = sys.argv[1], sys.argv[2]
with open(out, "w", encoding="utf-8") as lines:
    for folder, dirs, files in sorted(os.walk(source)):
        dirs.sort()
        for name in sorted(files):
            if name.startswith("."):
                continue
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                lines.write(json.dumps({"text": f.read()}) + "\n")
EOF
}

CORPORA=("generated:$GENERATED")
[ -z "${REAL_CORPUS:-}" ] || CORPORA+=("real:$REAL_CORPUS")

# measure, median, table_header, compare.
source benches/compare.sh

for entry in "${CORPORA[@]}"; do
    name="${entry%%:*}"
    folder="${entry#*:}"
    file="$WORK/$name.jsonl"
    lines="$WORK/lines-$name-jsonl.txt"
    [ -s "$file" ] || to_jsonl "$folder" "$file"
    [ -s "$lines" ] || target/release/examples/corpus_lines "$lines" "$file"
    echo
    echo "== $name corpus as JSON Lines: $file, $(wc -l < "$file") lines, $(stat -c %s "$file") bytes; $(wc -l < "$lines") items in $lines"
    echo "   load average now: $(cut -d' ' -f1-3 /proc/loadavg); medians of $RUNS runs, commands alternating"
    table_header
    commands=("lede, cache off|LEDE_CACHE_DIR=/dev/null/nocache $LEDE search --format text \"\$1\" \"\$2\" 2>/dev/null")
    if [ -n "${LEDE_BEFORE:-}" ]; then
        commands+=("before, cache off|LEDE_CACHE_DIR=/dev/null/nocache $LEDE_BEFORE search --format text \"\$1\" \"\$2\" 2>/dev/null")
    fi
    commands+=(
        "fzf --filter|fzf --filter \"\$1\" < \"\$3\""
        "sk --algo frizbee|$SK --algo frizbee --filter \"\$1\" < \"\$3\""
    )
    for query in "${QUERIES[@]}"; do
        compare "$query" "$file" "$lines"
    done
    echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
