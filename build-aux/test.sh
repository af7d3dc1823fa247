#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The README's test command: installs what is missing, builds, and runs
# the whole test suite under Xvfb inside a private D-Bus session, then
# prints one line "N passed, N failed, N skipped" and exits non-zero on any
# failure.  .ci/run calls exactly this.
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILDDIR=${BUILDDIR:-_build}

sh build-aux/install-deps.sh
sh build-aux/build.sh

status=0
xvfb-run -a -s "-screen 0 1280x1024x24" \
  dbus-run-session -- \
  meson test -C "$BUILDDIR" --print-errorlogs --num-processes 2 "$@" || status=$?

python3 "$ROOT/build-aux/test-summary.py" "$BUILDDIR/meson-logs/testlog.json" || status=1
exit $status
