#!/usr/bin/env bash
# Builds the libFuzzer targets (test/fuzz/<name>_fuzz.cpp, clang-14 with ASan and
# UBSan) and runs each for a while on a copy of its seeds. Not part of CI.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET=60] [--runs N] [TARGET...]
#
# --runs N stops a target after N executions (the seconds still cap it): the campaign
# of issue 7 is `scripts/fuzz.sh 7200 --runs 10000000`, whose table lands in
# bench/results/fuzz.md.
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
if [[ $# -gt 1 && $1 == --runs && $2 =~ ^[0-9]+$ ]]; then
  runs=$2
  shift 2
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
fuzzer_pid=
trap '[[ -n $fuzzer_pid ]] && kill "$fuzzer_pid" 2>/dev/null; exit 130' INT TERM

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

  echo "== [$n/${#targets[@]}] $t for ${seconds}s (corpus $corpus, $(count_files "$corpus") inputs; log $log)"
  start=$(date +%s)
  # Inputs stop a little past what the target's parser accepts (its "fuzz-max-len").
  max_len=$(sed -nE 's|^// fuzz-max-len: ([0-9]+).*|\1|p' "test/fuzz/$t.cpp")
  "$build/test/fuzz/$t" -max_total_time="$seconds" -runs="${runs/#0/-1}" -print_final_stats=1 -timeout=10 \
    ${max_len:+-max_len="$max_len"} \
    -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1 &
  fuzzer_pid=$!
  while kill -0 "$fuzzer_pid" 2>/dev/null; do
    sleep 1
    elapsed=$(($(date +%s) - start))
    if [[ -t 1 ]]; then
      printf '\r   %3ds/%ds  %s executions  ' "$elapsed" "$seconds" "$(last_execs "$log")"
    elif ((elapsed % 10 == 0)); then
      printf '   %3ds/%ds  %s executions\n' "$elapsed" "$seconds" "$(last_execs "$log")"
    fi
  done
  rc=0
  wait "$fuzzer_pid" || rc=$?
  fuzzer_pid=
  [[ -t 1 ]] && printf '\n'
  elapsed=$(($(date +%s) - start))

  execs=$(stat_of "$log" number_of_executed_units)
  [[ -n $execs ]] || execs=$(last_execs "$log")
  execs=${execs:-0}
  rate=$(stat_of "$log" average_exec_per_sec)
  # libFuzzer reports 0 for runs under a second (a quick crash): divide instead.
  [[ -n $rate && $rate != 0 ]] || rate=$((execs / (elapsed > 0 ? elapsed : 1)))
  crashes=$(($(count_files "$artifacts") - before))
  # libFuzzer ends a SIGINT with exit 72 ("run interrupted"): a stop, not a finding.
  if ((rc == 72 && crashes == 0)) && grep -q 'libFuzzer: run interrupted' "$log"; then
    echo "   stopped by SIGINT after $execs executions (not a crash; the grown corpus is kept)"
    rc=0
  fi
  if ((rc != 0 && crashes == 0)); then crashes=1; fi
  if ((crashes > 0)); then
    crashed=1
    echo "   CRASH (exit $rc): see $log and $artifacts/; reproduce with $build/test/fuzz/$t <artifact>"
    grep -aE '^(==[0-9]+== ?ERROR|SUMMARY)' "$log" | head -n 3 | sed 's/^/   /' || true
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
