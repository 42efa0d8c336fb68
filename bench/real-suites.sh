#!/bin/bash
# Wall times of real open-source suites under their own runner and under ptest, side by side:
# per suite, 3 rounds of (own runner, ptest with an empty bundle cache, ptest warm), 2 workers
# each, CI=true. The checkouts are not part of this repository (see the README's "Running Jest and
# Vitest suites" for where each came from); pass the folder holding them.
#   bench/real-suites.sh <suites-dir> [ptest-bin] [suite...]   ->  <suites-dir>/walls/walls.txt
# Vite+ (tiptap-vp2 own runner) needs Node 22: NODE22=<dir holding its node> puts it first on PATH
# for that runner only; ptest runs on the Node first on PATH.
set -u
SUITES=${1:?usage: bench/real-suites.sh <suites-dir> [ptest-bin] [suite...]}
P=${2:-$(cd "$(dirname "$0")/.." && pwd)/bin/ptest}
shift $(($# < 2 ? $# : 2))
ONLY=("$@")
OUT=$SUITES/walls
mkdir -p "$OUT"
export CI=true
declare -A OWN=(
  [rtk-orig]="npx jest --ci --maxWorkers=2"
  [hookform]="npx jest --ci --maxWorkers=2"
  [zod-orig]="npx vitest run --maxWorkers 2"
  [msw]="npx vitest run --maxWorkers 2"
  [tiptap-happy]="npx vitest run --maxWorkers 2"
  [tanstack-query]="npx jest --ci --maxWorkers=2"
  [rtk2]="npx vitest run --maxWorkers 2"
  [goober]="npx jest --ci --maxWorkers=2"
  [tiptap-vp2]="env PATH=${NODE22:-}${NODE22:+:}$PATH npx vp test run --maxWorkers 2"
)
run() { # label logfile command...
  local label=$1 log=$2; shift 2
  local s e x; s=$(date +%s.%N); "$@" > "$log" 2>&1; x=$?; e=$(date +%s.%N)
  echo "$label $(echo "$e - $s" | bc) exit=$x $(tail -1 "$log" | tr -d '\033')" >> "$OUT/walls.txt"
}
ALL=(tiptap-happy hookform msw zod-orig rtk-orig tiptap-vp2 tanstack-query rtk2 goober)
for suite in "${ONLY[@]:-${ALL[@]}}"; do
  cd "$SUITES/$suite" || continue
  for round in 1 2 3; do
    run "$suite own $round" "$OUT/$suite-own-$round.log" ${OWN[$suite]}
    rm -rf node_modules/.cache/ptest
    run "$suite cold $round" "$OUT/$suite-cold-$round.log" node "$P" -n 2
    run "$suite warm $round" "$OUT/$suite-warm-$round.log" node "$P" -n 2
  done
done
echo DONE >> "$OUT/walls.txt"
