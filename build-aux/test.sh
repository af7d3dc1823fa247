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
# One test runs without the leak check (but with ASan and UBSan);
# tests/ui/meson.build says which and why.
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
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS="suppressions=$ROOT/build-aux/lsan.supp:print_suppressions=0" \
    run_suite "$ASAN_BUILDDIR" "$@" || status=$?
  logs="$logs $ASAN_BUILDDIR/meson-logs/testlog.json"
fi

# shellcheck disable=SC2086
python3 "$ROOT/build-aux/test-summary.py" $logs || status=1
exit $status
