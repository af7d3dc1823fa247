#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The README's test command: installs what is missing, builds, and runs
# the whole test suite under Xvfb inside a private D-Bus session — once in
# a normal build (_build) and once built with AddressSanitizer and
# UndefinedBehaviorSanitizer with leak checking (_build-asan) — then prints
# one line "N passed, N failed, N skipped" over both runs and exits
# non-zero on any failure.  .ci/run calls exactly this.
#
# SELLBRIDGE_SANITIZERS=0 skips the sanitizer run (quicker local runs).
# A test that fails only because LeakSanitizer's own tracer crashed at its
# exit runs once more, fully checked (build-aux/lsan-retry.py says why).
# Extra arguments are passed to meson test (e.g. --suite core).
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILDDIR=${BUILDDIR:-_build}
ASAN_BUILDDIR=${ASAN_BUILDDIR:-_build-asan}

sh build-aux/install-deps.sh

run_suite ()
{
  builddir=$1
  shift
  xvfb-run -a -s "-screen 0 1280x1024x24" \
    dbus-run-session -- \
    meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@"
}

status=0
logs=""

build_failed ()
{
  echo "test.sh: the build in $1 failed" >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
}

BUILDDIR=$BUILDDIR sh build-aux/build.sh || build_failed "$BUILDDIR"
run_suite "$BUILDDIR" "$@" || status=$?
logs="$BUILDDIR/meson-logs/testlog.json"

if [ "${SELLBRIDGE_SANITIZERS:-1}" != 0 ]; then
  BUILDDIR=$ASAN_BUILDDIR sh build-aux/build.sh -Db_sanitize=address,undefined -Db_lundef=false \
    || build_failed "$ASAN_BUILDDIR"
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  export LSAN_OPTIONS="suppressions=$ROOT/build-aux/lsan.supp:print_suppressions=0"
  asan_status=0
  run_suite "$ASAN_BUILDDIR" "$@" || asan_status=$?
  asan_logs=$ASAN_BUILDDIR/meson-logs
  cp "$asan_logs/testlog.json" "$asan_logs/testlog-first.json"
  # A test failed only by LeakSanitizer's tracer crashing at exit runs once
  # more, fully checked; its second result counts (build-aux/lsan-retry.py).
  retry=$(python3 "$ROOT/build-aux/lsan-retry.py" list "$asan_logs/testlog-first.json")
  if [ -n "$retry" ]; then
    # shellcheck disable=SC2086
    run_suite "$ASAN_BUILDDIR" --no-rebuild $retry || true
    python3 "$ROOT/build-aux/lsan-retry.py" merge "$asan_logs/testlog-first.json" \
      "$asan_logs/testlog.json" "$asan_logs/testlog-merged.json"
    logs="$logs $asan_logs/testlog-merged.json"
  else
    [ "$asan_status" = 0 ] || status=$asan_status
    logs="$logs $asan_logs/testlog-first.json"
  fi
  unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
fi

# shellcheck disable=SC2086
python3 "$ROOT/build-aux/test-summary.py" $logs || status=1
exit $status
