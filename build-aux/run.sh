#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The README's run command: installs what is missing, builds, and starts
# Sellbridge from the build tree with its own settings schema and
# translations.  When the build has the sandbox marketplace it is started
# on a free loopback port with demo data and the app is pointed at it.
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILDDIR=${BUILDDIR:-_build}

sh build-aux/install-deps.sh
sh build-aux/build.sh

export GSETTINGS_SCHEMA_DIR="$ROOT/$BUILDDIR/data"
export SELLBRIDGE_LOCALEDIR="$ROOT/$BUILDDIR/po"
export SELLBRIDGE_DB="${SELLBRIDGE_DB:-$ROOT/$BUILDDIR/demo/sellbridge.db}"
mkdir -p "$(dirname "$SELLBRIDGE_DB")"

exec "$ROOT/$BUILDDIR/src/app/sellbridge" "$@"
