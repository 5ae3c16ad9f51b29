#!/usr/bin/env bash
# Benchmark of the contract run against the embedded reference target. Not part of the
# test command: it runs the full suites several times and prints one table.
#
#   bench/run.sh                 parallel and sequential, default config
#   bench/run.sh --realistic     also realistic mode: a one-worker target (one request processed at a
#                                time, as a one-process async server that hashes on its request thread),
#                                bcrypt cost 12, 60 s rate-limit window; and the same on a target that
#                                hashes on many threads at once (the old realistic mode), for comparison
#   bench/run.sh --only-parallel just the default parallel run
#   bench/run.sh --only-realistic just the two realistic rows
#
# Columns: wall time (Maven start included), user CPU of the whole command (Maven and the test JVM,
# which also runs the embedded target), time to the first test result, tests, requests, hash-costing
# calls (successful registrations, logins that reached the credential check, created users incl. bulk
# items) in total and per test class, 429s inside and outside rate_limit, retries, pacing waits; for
# the realistic rows the floor max(the longest rate-limit wait, i.e. one window, hash-costing calls x
# measured hash time, hashes counted one after another as a one-worker target makes them) and
# wall/floor.
set -uo pipefail
cd "$(dirname "$0")/.."
out=bench/results
mkdir -p "$out"

./mvnw -q -B test-compile >/dev/null || { echo "build failed" >&2; exit 2; }

prop() { sed -n "s/^$1=//p" "$2" | head -n 1; }
calc() { awk "BEGIN { printf \"%.2f\", $* }"; }

timer=""
[ -x /usr/bin/time ] && timer="/usr/bin/time -f %U -o"

run() {
  local label=$1; shift
  local start first="" end
  start=$(date +%s.%N)
  rm -f "$out/$label.cpu"
  if [ -n "$timer" ]; then
    $timer "$out/$label.cpu" ./mvnw -B test "$@" > "$out/$label.log" 2>&1 &
  else
    ./mvnw -B test "$@" > "$out/$label.log" 2>&1 &
  fi
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if [ -z "$first" ] && grep -q "Tests run:" "$out/$label.log" 2>/dev/null; then first=$(date +%s.%N); fi
    sleep 0.2
  done
  wait "$pid"; local code=$?
  end=$(date +%s.%N)
  [ -n "$first" ] || first=$end
  cp target/harness-status.properties "$out/$label.status" 2>/dev/null
  cp target/requests.tsv "$out/$label.requests.tsv" 2>/dev/null
  local s="$out/$label.status"
  local tests; tests=$(grep -o "Tests run: [0-9]*, Failures: [0-9]*, Errors: [0-9]*, Skipped: [0-9]*$" "$out/$label.log" | tail -n 1)
  local total429; total429=$(( $(prop 429s "$s") + $(grep -o "provoked by tests [0-9]*" "$out/$label.log" | tail -n1 | grep -o "[0-9]*$" || echo 0) ))
  local outside; outside=$(prop 429sOutsideRateLimit "$s")
  local cpu="n/a"; [ -s "$out/$label.cpu" ] && cpu=$(tail -n 1 "$out/$label.cpu")
  printf "%-22s %8.1f %8s %8.1f  %-28s %8s %8s %8s %6s %6s %7s %6s %8s  exit %s\n" "$label" \
    "$(calc "$end - $start")" "$cpu" "$(calc "$first - $start")" "${tests#Tests run: }" \
    "$(prop requests "$s")" "$(prop hashCostingCalls "$s")" "$(prop hashCostingCallsPerClass "$s")" \
    "$((total429 - outside))" "$outside" \
    "$(prop retries "$s")" "$(prop pacedWaits "$s")" "$(prop pacedWaitSeconds "$s")" "$code" | tee -a "$out/table.txt"
  calc "$end - $start" > "$out/$label.wall"
}

: > "$out/table.txt"
printf "%-22s %8s %8s %8s  %-28s %8s %8s %8s %6s %6s %7s %6s %8s\n" mode wall_s user_s first_s "tests (run, fail, err, skip)" \
  requests hashes hash/cls 429in 429out retries waits wait_s | tee -a "$out/table.txt"
floor_of() { # label window_s hash_ms: prints the floor and wall/floor of that row
  local hashes; hashes=$(prop hashCostingCalls "$out/$1.status")
  local hash_s; hash_s=$(calc "$hashes * $3 / 1000")
  local floor; floor=$(awk "BEGIN { h = $hash_s; w = $2; printf \"%.1f\", (h > w ? h : w) }")
  echo "$1 floor: max($2 s window, $hashes hashes x $3 ms one after another = $hash_s s) = $floor s;" \
    "wall/floor = $(calc "$(cat "$out/$1.wall") / $floor")" | tee -a "$out/table.txt"
}

mode=${1:-}
if [ "$mode" != "--only-realistic" ]; then
  run parallel
  if [ "$mode" != "--only-parallel" ]; then
    run sequential -Djunit.jupiter.execution.parallel.enabled=false
    echo "speed-up parallel over sequential: $(calc "$(cat $out/sequential.wall) / $(cat $out/parallel.wall)")x" | tee -a "$out/table.txt"
  fi
fi
if [ "$mode" = "--realistic" ] || [ "$mode" = "--only-realistic" ]; then
  realistic="-Dreference.bcryptCost=12 -Dapi.rateLimit.window=60s"
  run realistic-one-worker $realistic -Dreference.oneWorker=true
  run realistic-threads $realistic
  hash_ms=$(./mvnw -q -B exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.mtapi.harness.bench.HashCost -Dcost=12 | tail -n 1)
  floor_of realistic-one-worker 60 "$hash_ms"
  floor_of realistic-threads 60 "$hash_ms"
fi
echo "Table kept in $out/table.txt ($(date -u +%F), $(nproc) cores)"
