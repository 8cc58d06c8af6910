#!/usr/bin/env bash
# Line coverage of the core (core/src/*.cpp) by the native GoogleTest suite: builds
# build/coverage with g++ and -DQRPOS_COVERAGE=ON, runs ctest from zeroed counters,
# and reports per file and in total with gcovr. The table also goes to
# build/coverage/coverage.txt. Not part of CI. Exits non-zero if a test failed.
#
#   scripts/coverage.sh
set -euo pipefail

cd "$(dirname "$0")/.."

if ! command -v gcovr >/dev/null; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "coverage.sh: gcovr is missing; install it with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y gcovr" >&2
    exit 1
  fi
  echo "== installing gcovr"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcovr
fi

build=build/coverage
mkdir -p "$build"
echo "== configuring $build (g++, --coverage on core/)"
cmake -S . -B "$build" -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Debug \
  -DQRPOS_COVERAGE=ON -DQRPOS_BUILD_TESTS=ON -DQRPOS_FUZZ=OFF >"$build/configure.log" 2>&1 ||
  { cat "$build/configure.log" >&2; exit 1; }

# Only the test executables: the acquirer and the benchmarks add nothing to core coverage.
tests=()
for f in test/native/*_test.cpp; do tests+=("$(basename "$f" .cpp)"); done
echo "== building ${tests[*]}"
cmake --build "$build" -j2 --target "${tests[@]}"

# Counters from an earlier run would inflate the numbers.
find "$build" -name '*.gcda' -delete
echo "== running the native tests"
status=0
ctest --test-dir "$build" -j2 --output-on-failure >"$build/ctest.log" 2>&1 || status=$?
tail -n 3 "$build/ctest.log"
if ((status != 0)); then
  echo "coverage.sh: some tests failed (see $build/ctest.log); coverage below is of what ran" >&2
fi

echo "== line coverage of core/src/*.cpp"
gcovr --root . --filter 'core/src/.*\.cpp$' --gcov-executable gcov \
  --sort-percentage --txt "$build/coverage.txt" "$build"
cat "$build/coverage.txt"
exit "$status"
