#!/usr/bin/env bash
# Benchmarks of boardpaper (issue 6). Not part of .ci/run: slow and noisy.
#
#   bench/run.sh            # everything, medians of RUNS runs (default 15)
#   RUNS=30 bench/run.sh    # more runs on a busy machine
#
# Needs hyperfine and jq (Debian: apt-get install hyperfine jq) and GNU time
# (/usr/bin/time, Debian package `time`). Works from a fresh clone: it builds
# the release binary and the workload generator first.
#
# Figures: wall-clock medians from hyperfine (with warm-up runs), peak memory
# (max RSS) from /usr/bin/time -v, per-stage totals from `build --timings`.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-15}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
for tool in hyperfine jq /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install hyperfine jq time)" >&2; exit 2; }
done
cargo build --release --locked --quiet --bin boardpaper --example workload
BIN=$CARGO_TARGET_DIR/release/boardpaper
GEN=$CARGO_TARGET_DIR/release/examples/workload
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# median (ms) of a hyperfine JSON export
median() { jq -r '.results[0].median * 1000 | floor' "$1"; }
# peak memory (MB) of one run of "$@"
maxrss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident/ {printf "%.0f", $6/1024}'; }
# hyperfine with warm-ups; $1 = label, $2 = prepare command, $3 = command
bench() {
    hyperfine -N --style none --warmup 2 --runs "$RUNS" --prepare "$2" --export-json "$TMP/h.json" "$3" >/dev/null
    printf '%-44s median %6s ms\n' "$1" "$(median "$TMP/h.json")"
}

# The anchor (issue 12): Typst 0.15 (PyPI `typst`, in $TYPST_VENV, default
# .venv-typst, created here) compiling the same EMA paper for the six
# trusts, tagged as it is by default, in one process; the .typ files come
# from the demo's HTML copies (bench/typst_paper.py). Both commands run side
# by side in one hyperfine run; the ratio is boardpaper's median over
# Typst's. ONLY=typst bench/run.sh runs just this and the demo cycle.
typst_anchor() {
    local venv=${TYPST_VENV:-$PWD/.venv-typst}
    [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import typst' 2>/dev/null || {
        python3 -m venv "$venv" && "$venv/bin/pip" install --quiet 'typst>=0.15,<0.16'
    }
    "$BIN" --quiet build --out "$TMP/anchor"
    python3 bench/typst_paper.py "$TMP/typ" "$TMP"/anchor/*/ema-update.html
    echo "== the anchor: Typst $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("typst"))'), 6 trusts' EMA paper, tagged (its default), one process"
    hyperfine -N --style none --warmup 2 --runs "$RUNS" --export-json "$TMP/anchor.json" \
        --prepare "rm -rf $TMP/demo" "$BIN --quiet build --out $TMP/demo" \
        --prepare "true" "$venv/bin/python bench/typst_compile.py $TMP/typ fonts" \
        --prepare "rm -rf $TMP/demo" "$BIN --quiet build --no-packs --out $TMP/demo" >/dev/null
    jq -r '.results[] | "\(.command | .[0:60])  median \(.median * 1000 | floor) ms"' "$TMP/anchor.json"
    jq -r '"   ratio boardpaper / Typst: \(.results[0].median / .results[1].median * 100 | floor / 100)"' "$TMP/anchor.json"
    # The issue 22 figures, all from this one run (see the summary).
    SUM_RATIO=$(jq -r '.results[0].median / .results[1].median * 100 | floor / 100' "$TMP/anchor.json")
    SUM_RATIO_NP=$(jq -r '.results[2].median / .results[1].median * 100 | floor / 100' "$TMP/anchor.json")
    SUM_PACKS=$(jq -r '(.results[0].median / .results[2].median - 1) * 100 | floor' "$TMP/anchor.json")
    echo "   ratio with --no-packs: $SUM_RATIO_NP; packs add $SUM_PACKS %"
    pdfinfo "$TMP/typ/lpt.pdf" 2>/dev/null | grep -E '^(Tagged|Pages)' | sed 's/^/   Typst LPT: /'
    pdfinfo "$TMP/demo/lpt/ema-update.pdf" | grep -E '^(Tagged|Pages)' | sed 's/^/   boardpaper LPT: /'
}

# Preview latency (issue 22), as a person waits for it: `preview --trust
# t01` on the 20 x 30 workload (600 variants), one of t01's papers open in
# headless Chromium (Debian's, with tests/browser's playwright-core); each
# edit appends a sentence to that paper and is timed until the open page
# shows it (its reload script notices, then fetches the page). Medians of
# EDITS edits (default 9), PAUSE_MS (2000) apart. PREVIEW_BASELINE=path
# of another boardpaper binary measures it too, in the same run (before
# and after figures). ONLY=preview bench/run.sh runs just this.
preview_latency() {
    command -v node >/dev/null || { echo "bench: node is missing (apt-get install nodejs npm)" >&2; exit 2; }
    [ -d tests/browser/node_modules/playwright-core ] || npm ci --prefix tests/browser --ignore-scripts --silent
    local dir=$TMP/preview-20x30
    "$GEN" --trusts 20 --papers 30 --out "$dir" >/dev/null
    echo "== preview: edit -> visible in the browser, 20 trusts x 30 papers (600 variants), --trust t01"
    node bench/preview_edit.js "$dir" ${PREVIEW_BASELINE:+"$PREVIEW_BASELINE"} "$BIN"
}
[ "${ONLY:-}" = preview ] && { preview_latency; exit 0; }

echo "== demo cycle (6 trusts, PDF+HTML, whole process, fresh output folder)"
bench "demo build" "rm -rf $TMP/demo" "$BIN --quiet build --out $TMP/demo"
# What the six board packs add (issue 16): the same build without them.
bench "demo build, no packs" "rm -rf $TMP/demo" "$BIN --quiet build --no-packs --out $TMP/demo"
rm -rf "$TMP/demo"
echo "   max RSS $(maxrss "$BIN" --quiet build --out "$TMP/demo") MB"
for packs in "" --no-packs; do
    echo "== per-stage totals, demo ${packs:-with packs} (one run, summed over threads)"
    rm -rf "$TMP/demo"
    "$BIN" build $packs --timings --out "$TMP/demo" 2>&1 | grep -v '^built '
done
# The figures issue 22 sets targets for, printed last (filled in below).
SUM_RATIO=- SUM_RATIO_NP=- SUM_PACKS=- SUM_RSS=-
declare -A SUM_PER_FILE=()
summary() {
    echo "== summary (issue 22 targets in brackets)"
    echo "   demo with packs / Typst:      $SUM_RATIO  [<= 0.15]"
    echo "   demo --no-packs / Typst:      $SUM_RATIO_NP"
    echo "   packs over --no-packs:        $SUM_PACKS %  [<= 15 %]"
    for size in 5x10 10x20 20x30 50x60; do
        echo "   ms per output file, $size: ${SUM_PER_FILE[$size]:--}  [flat within 20 % from 5x10 to 50x60]"
    done
    echo "   peak RSS, 50x60:              $SUM_RSS MB  [<= 150]"
}
typst_anchor
[ "${ONLY:-}" = typst ] && { summary; exit 0; }

# Peak memory must not grow with the number of outputs (issue 11): each
# output is written as soon as it is rendered. 20 x 30 is 1,200 files,
# 50 x 60 is 6,000; compare their max RSS (and time per file).
ALL_RUNS=$RUNS
for size in "5 10" "10 20" "20 30" "50 60"; do
    set -- $size
    # A 50 x 60 build takes about 20 s: a few runs are enough.
    RUNS=$(( $1 >= 50 ? 3 : ALL_RUNS ))
    dir=$TMP/cycle-$1x$2
    "$GEN" --trusts "$1" --papers "$2" --out "$dir" >/dev/null
    "$BIN" --quiet --project "$dir" check
    files=$("$BIN" --quiet --project "$dir" build --out "$dir/build" && jq '.files | length' "$dir/build/manifest.json")
    echo "== $1 trusts x $2 papers: $files files"
    bench "full build" "rm -rf $dir/out" "$BIN --quiet --project $dir build --out $dir/out"
    rm -rf "$dir/out"
    rss=$(maxrss "$BIN" --quiet --project "$dir" build --out "$dir/out")
    echo "   max RSS $rss MB"
    ms=$(median "$TMP/h.json")
    per_file=$(awk -v ms="$ms" -v n="$files" 'BEGIN { printf "%.2f", ms / n }')
    echo "   $per_file ms per file"
    SUM_PER_FILE[$1x$2]=$per_file
    [ "$1" = 50 ] && SUM_RSS=$rss
done

RUNS=$ALL_RUNS
dir=$TMP/cycle-20x30
echo "== rebuilds, 20 trusts x 30 papers"
bench "no-op rebuild" "true" "$BIN --quiet --project $dir build --out $dir/out"
# hyperfine -N runs --prepare without a shell too: the edit needs one.
edit="sh -c 'echo Edited at \$(date +%s%N). >> $dir/papers/paper-001.md'"
bench "rebuild after editing one paper" "$edit" "$BIN --quiet --project $dir build --out $dir/out"
eval "$edit"
"$BIN" --project "$dir" build --out "$dir/out"

echo "== per-stage totals, one variant (t01 / paper-001, PDF+HTML)"
"$BIN" --project "$dir" build --timings --trust t01 --paper paper-001 --out "$TMP/one"
echo "== per-stage totals, 20 x 30 (summed over threads)"
"$BIN" --project "$dir" build --timings --out "$TMP/all"

preview_latency

summary
