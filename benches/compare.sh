# Shared by search.sh and search_jsonl.sh (sourced; needs WORK and RUNS): runs commands in
# turn and prints a table of medians.

# Prints "wall user+sys maxrss_kb" of one run of the command, output discarded.
measure() {
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" >/dev/null
    # The last line: a failing command adds a "Command exited…" line first.
    tail -n 1 "$WORK/time.txt" | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }'
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

table_header() {
    printf '   %-24s %-22s %9s %9s %10s %9s\n' query command "wall s" "cpu s" "peak MB" matches
}

# compare QUERY TARGET LINES: runs each of the "label|shell command" entries of the array
# `commands` (the command gets $1 = QUERY, $2 = TARGET for lede, $3 = LINES for the line
# finders) RUNS times, the commands alternating, and prints one table row per command:
# medians of wall time, CPU time and peak memory, and the number of lines it printed.
compare() {
    local query=$1 target=$2 lines=$3 c count
    for c in "${!commands[@]}"; do : > "$WORK/runs-$c.txt"; done
    for _ in $(seq "$RUNS"); do
        for c in "${!commands[@]}"; do
            measure sh -c "${commands[$c]#*|}" sh "$query" "$target" "$lines" >> "$WORK/runs-$c.txt"
        done
    done
    for c in "${!commands[@]}"; do
        count=$(sh -c "${commands[$c]#*|}" sh "$query" "$target" "$lines" | wc -l)
        printf '   %-24s %-22s %9s %9s %10s %9s\n' "\"$query\"" "${commands[$c]%%|*}" \
            "$(cut -d' ' -f1 "$WORK/runs-$c.txt" | median)" \
            "$(cut -d' ' -f2 "$WORK/runs-$c.txt" | median)" \
            "$(cut -d' ' -f3 "$WORK/runs-$c.txt" | median | awk '{printf "%.0f", $1/1024}')" \
            "$count"
    done
}
