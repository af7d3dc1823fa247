#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The README's run command: installs what is missing, builds, and starts
# Sellbridge from the build tree against the local sandbox marketplace,
# with demo data.  The app runs on its own catalogue file
# (_build/demo/sellbridge.db, filled with a small demo catalogue on the
# first run) and finds the uninstalled sellbridge-sandbox with its seed data
# (52 categories in English, Korean and Russian, 8 carriers, exchange
# rates), which the onboarding wizard starts when you choose "Use the local
# sandbox".  Extra arguments go to the app.
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILDDIR=${BUILDDIR:-_build}

sh build-aux/install-deps.sh
sh build-aux/build.sh

export GSETTINGS_SCHEMA_DIR="$ROOT/$BUILDDIR/data"
export SELLBRIDGE_LOCALEDIR="$ROOT/$BUILDDIR/po"
export SELLBRIDGE_SANDBOX_PROGRAM="$ROOT/$BUILDDIR/src/sandbox/sellbridge-sandbox"
export SELLBRIDGE_SANDBOX_DATA_DIR="$ROOT/data/sandbox"
export SELLBRIDGE_DB="${SELLBRIDGE_DB:-$ROOT/$BUILDDIR/demo/sellbridge.db}"
mkdir -p "$(dirname "$SELLBRIDGE_DB")"

if [ ! -e "$SELLBRIDGE_DB" ]; then
  demo_csv="$ROOT/$BUILDDIR/demo/catalogue.csv"
  sed "s|@DEMO_DIR@|$ROOT/data/demo|g" data/demo/catalogue.csv.in > "$demo_csv"
  echo "run.sh: importing the demo catalogue into $SELLBRIDGE_DB"
  "$ROOT/$BUILDDIR/src/cli/sellbridge-cli" import "$demo_csv" --db "$SELLBRIDGE_DB"
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run.sh: no display; starting Sellbridge on a virtual X display (xvfb-run)." >&2
  set -- xvfb-run -a -s "-screen 0 1280x900x24" "$ROOT/$BUILDDIR/src/app/sellbridge" "$@"
else
  set -- "$ROOT/$BUILDDIR/src/app/sellbridge" "$@"
fi

# The API secret goes to the Secret Service: use the session's bus when
# there is one, else a private bus with a keyring daemon of its own.
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec dbus-run-session -- sh -c 'printf "" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' sh "$@"
fi
exec "$@"
