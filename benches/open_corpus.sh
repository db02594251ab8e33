#!/usr/bin/env bash
# Opening 50,000 generated articles (about 250 MB) in the reader, first with an empty cache
# then again with the cache it left: time to first frame, first listed, loaded, indexed,
# extraction done and idle; CPU seconds and peak memory. Usage: benches/open_corpus.sh [ARTICLES]
set -euo pipefail
cd "$(dirname "$0")/.."
articles="${1:-50000}"
dir="${TMPDIR:-/tmp}/lede-corpus-$articles"
if [ ! -d "$dir" ]; then
  cargo run --release --example gen_corpus -- --articles "$articles" --out "$dir"
fi
LEDE_BENCH_CORPUS="$dir" cargo bench --bench open_corpus
