#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Configures (once) and builds Sellbridge in BUILDDIR (default _build)
# with any extra meson options given.
set -eu

cd "$(dirname "$0")/.."
BUILDDIR=${BUILDDIR:-_build}

if [ -f "$BUILDDIR/build.ninja" ]; then
  meson setup --reconfigure "$BUILDDIR" "$@" >/dev/null
else
  meson setup "$BUILDDIR" "$@"
fi
ninja -C "$BUILDDIR"
