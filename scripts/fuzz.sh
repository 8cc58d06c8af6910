#!/usr/bin/env bash
# Builds the libFuzzer targets (test/fuzz/<name>_fuzz.cpp, clang-14 with ASan and
# UBSan) and runs each for a while on a copy of its seeds. Not part of CI.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET=60] [--runs N] [--jobs J] [TARGET...]
#
# --runs N stops a target after N executions (the seconds still cap it): the campaign
# of issue 7 is `scripts/fuzz.sh 7200 --runs 10000000`, whose table lands in
# bench/results/fuzz.md.
# --jobs J runs J libFuzzer processes of each target side by side on the same corpus
# (each reloads what the others found) and splits --runs between them; the table sums
# their executions. One core each: a target too slow for one core gets more.
#
# TARGET is "scan" or "scan_fuzz"; none means every target. The committed seeds in
# test/fuzz/corpus/<name>/ are only read: the grown corpus lives in
# build/fuzz/corpus/<name>/ (kept between runs), crash inputs in
# build/fuzz/artifacts/<name>/. Prints a table; exits non-zero if a target crashed.
set -euo pipefail

cd "$(dirname "$0")/.."

seconds=60
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
runs=0
jobs=1
while [[ $# -gt 1 && ($1 == --runs || $1 == --jobs) && $2 =~ ^[0-9]+$ ]]; do
  if [[ $1 == --runs ]]; then runs=$2; else jobs=$2; fi
  shift 2
done
if ((jobs < 1)); then
  echo "fuzz.sh: --jobs must be at least 1" >&2
  exit 2
fi
if ((seconds < 1)); then
  echo "fuzz.sh: SECONDS_PER_TARGET must be at least 1" >&2
  exit 2
fi

# --- toolchain --------------------------------------------------------------------
packages=(clang-14 libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "fuzz.sh: missing ${missing[*]}; install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "== installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# --- targets ----------------------------------------------------------------------
all=()
for f in test/fuzz/*_fuzz.cpp; do
  [[ -e $f ]] && all+=("$(basename "$f" .cpp)")
done
targets=()
if [[ $# -eq 0 ]]; then
  targets=("${all[@]}")
else
  for t in "$@"; do
    t=${t%_fuzz}_fuzz
    if [[ ! -f test/fuzz/$t.cpp ]]; then
      echo "fuzz.sh: no target $t (have: ${all[*]})" >&2
      exit 2
    fi
    targets+=("$t")
  done
fi
if ((${#targets[@]} == 0)); then
  echo "fuzz.sh: no test/fuzz/*_fuzz.cpp" >&2
  exit 2
fi

# --- build ------------------------------------------------------------------------
build=build/fuzz
mkdir -p "$build"
echo "== configuring $build (clang-14, ASan+UBSan+libFuzzer)"
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DQRPOS_FUZZ=ON -DQRPOS_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build/configure.log" 2>&1 ||
  { cat "$build/configure.log" >&2; exit 1; }
echo "== building ${targets[*]}"
cmake --build "$build" -j2 --target "${targets[@]}"

# --- run --------------------------------------------------------------------------
fuzzer_pids=()
trap '((${#fuzzer_pids[@]})) && kill "${fuzzer_pids[@]}" 2>/dev/null; exit 130' INT TERM

last_execs() {  # the newest "#<n>" status line libFuzzer wrote
  grep -aoE '^#[0-9]+' "$1" 2>/dev/null | tail -n 1 | tr -d '#' || true
}
stat_of() {  # a final "stat::<name>: <value>" (-print_final_stats=1)
  grep -aE "^stat::$2:" "$1" 2>/dev/null | tail -n 1 | awk '{print $2}' || true
}
count_files() { find "$1" -maxdepth 1 -type f | wc -l; }

declare -a rows=()
crashed=0
n=0
for t in "${targets[@]}"; do
  n=$((n + 1))
  name=${t%_fuzz}
  corpus=$build/corpus/$name
  artifacts=$build/artifacts/$name
  log=$build/logs/$name.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  if [[ -d test/fuzz/corpus/$name ]]; then
    cp -n test/fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null || true  # keep what earlier runs grew
  fi
  before=$(count_files "$artifacts")

  # Job 1 logs to <name>.log, job j > 1 to <name>.<j>.log.
  logs=("$log")
  for ((j = 2; j <= jobs; j++)); do logs+=("$build/logs/$name.$j.log"); done
  echo "== [$n/${#targets[@]}] $t for ${seconds}s, $jobs job(s) (corpus $corpus, $(count_files "$corpus") inputs; log ${logs[*]})"
  start=$(date +%s)
  # Inputs stop a little past what the target's parser accepts (its "fuzz-max-len").
  max_len=$(sed -nE 's|^// fuzz-max-len: ([0-9]+).*|\1|p' "test/fuzz/$t.cpp")
  job_runs=-1
  ((runs > 0)) && job_runs=$(((runs + jobs - 1) / jobs))
  fuzzer_pids=()
  for l in "${logs[@]}"; do
    "$build/test/fuzz/$t" -max_total_time="$seconds" -runs="$job_runs" -print_final_stats=1 -timeout=10 \
      ${max_len:+-max_len="$max_len"} \
      -artifact_prefix="$artifacts/" "$corpus" >"$l" 2>&1 &
    fuzzer_pids+=($!)
  done
  sum_execs() {  # every job's final count, or its newest status line
    local total=0 e
    for l in "${logs[@]}"; do
      e=$(stat_of "$l" number_of_executed_units)
      [[ -n $e ]] || e=$(last_execs "$l")
      total=$((total + ${e:-0}))
    done
    echo "$total"
  }
  any_running() {
    local pid
    for pid in "${fuzzer_pids[@]}"; do kill -0 "$pid" 2>/dev/null && return 0; done
    return 1
  }
  while any_running; do
    sleep 1
    elapsed=$(($(date +%s) - start))
    if [[ -t 1 ]]; then
      printf '\r   %3ds/%ds  %s executions  ' "$elapsed" "$seconds" "$(sum_execs)"
    elif ((elapsed % 10 == 0)); then
      printf '   %3ds/%ds  %s executions\n' "$elapsed" "$seconds" "$(sum_execs)"
    fi
  done
  rc=0
  for pid in "${fuzzer_pids[@]}"; do
    r=0
    wait "$pid" || r=$?
    ((r == 0)) || rc=$r
  done
  fuzzer_pids=()
  [[ -t 1 ]] && printf '\n'
  elapsed=$(($(date +%s) - start))

  execs=$(sum_execs)
  rate=$((execs / (elapsed > 0 ? elapsed : 1)))
  crashes=$(($(count_files "$artifacts") - before))
  # libFuzzer ends a SIGINT with exit 72 ("run interrupted"): a stop, not a finding.
  if ((rc == 72 && crashes == 0)) && grep -q 'libFuzzer: run interrupted' "${logs[@]}"; then
    echo "   stopped by SIGINT after $execs executions (not a crash; the grown corpus is kept)"
    rc=0
  fi
  if ((rc != 0 && crashes == 0)); then crashes=1; fi
  if ((crashes > 0)); then
    crashed=1
    echo "   CRASH (exit $rc): see ${logs[*]} and $artifacts/; reproduce with $build/test/fuzz/$t <artifact>"
    grep -ahE '^(==[0-9]+== ?ERROR|SUMMARY)' "${logs[@]}" | head -n 3 | sed 's/^/   /' || true
  fi
  rows+=("$t|$elapsed|$execs|$rate|$crashes")
done

echo
printf '%-18s | %7s | %12s | %8s | %7s\n' target seconds executions exec/s crashes
printf '%s\n' "-------------------+---------+--------------+----------+--------"
for row in "${rows[@]}"; do
  IFS='|' read -r t s e r c <<<"$row"
  printf '%-18s | %7s | %12s | %8s | %7s\n' "$t" "$s" "$e" "$r" "$c"
done
exit "$crashed"
