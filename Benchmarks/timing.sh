# Timing helpers for the shell benchmarks (sourced by who-now-which.sh and who-now-which-sqlite.sh): whole process
# against whole process, after a check that both print the same numbers, one untimed warm-up each, then $runs
# alternating runs, medians. Needs python3 (Benchmarks/same-counts.py).

benchmarks_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# read_arguments [CHANSTAT_BINARY] [CONVERSATIONS] [RUNS]: the scripts' common arguments, run from the clone's root.
# Sets chanstat (.build/release/chanstat if built, else .build/debug/chanstat), conversations (5000000), runs (5).
read_arguments() {
    chanstat=${1:-}
    if [ -z "$chanstat" ]; then
        chanstat=.build/release/chanstat
        [ -x "$chanstat" ] || chanstat=.build/debug/chanstat
    fi
    chanstat=$(realpath "$chanstat")
    conversations=${2:-5000000}
    runs=${3:-5}
}

seconds() {  # the wall time of one run of "$@" in microseconds, output discarded; fails when the command does
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 ))
}

median_ms() { sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.0f", m / 1000 }'; }

# time_pair WHAT CHECK OURS... ::: THEIRS...
# OURS is a chanstat command printing JSON, THEIRS a shell (psql -At, sqlite3) printing rows separated by "|".
# CHECK is same-counts.py's mode (groups, queue, live-counts, list): the numbers must agree before anything is timed.
# Prints one Markdown row: | WHAT | ours ms | theirs ms | theirs / ours |.
time_pair() {
    local what=$1 check=$2 ours=() theirs=() ours_ms=() theirs_ms=()
    shift 2
    while [ "$1" != ":::" ]; do ours+=("$1"); shift; done
    shift
    theirs=("$@")
    # The check's runs are the warm-up: both have read what they need into the page cache.
    python3 "$benchmarks_dir/same-counts.py" "$check" <("${ours[@]}") <("${theirs[@]}") \
        || { echo "| $what | the numbers differ, not timed | | |"; return 0; }
    for _ in $(seq "$runs"); do
        ours_ms+=("$(seconds "${ours[@]}")")
        theirs_ms+=("$(seconds "${theirs[@]}")")
    done
    local a b
    a=$(printf '%s\n' "${ours_ms[@]}" | median_ms)
    b=$(printf '%s\n' "${theirs_ms[@]}" | median_ms)
    printf '| %s | %s ms | %s ms | %s |\n' "$what" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }')"
}
