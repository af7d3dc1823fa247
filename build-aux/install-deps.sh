#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs every Debian 12 package Sellbridge needs to build, run and test,
# and the Korean and Russian UTF-8 locales the UI tests use.  Idempotent:
# it only calls apt-get when something is missing.  Runs as root, or
# through sudo.
set -eu

PACKAGES="
  build-essential meson ninja-build pkg-config gettext itstool python3
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsqlite3-dev sqlite3 libicu-dev
  libsecret-1-dev iso-codes
  desktop-file-utils appstream flatpak-builder
  xvfb xauth dbus dbus-x11 gnome-keyring libxtst-dev
  fonts-noto-cjk fonts-cantarell fonts-dejavu-core adwaita-icon-theme
  librsvg2-common locales imagemagick
  clang libclang-rt-14-dev
"
LOCALES="ko_KR.UTF-8 ru_RU.UTF-8"

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "install-deps: run this as root or install sudo" >&2
  exit 2
fi

missing=""
for pkg in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $pkg"
  fi
done

if [ -n "$missing" ]; then
  echo "install-deps: installing$missing"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
else
  echo "install-deps: all packages are installed"
fi

need_locale_gen=no
for loc in $LOCALES; do
  short=$(echo "$loc" | sed 's/UTF-8/utf8/')
  if ! locale -a 2>/dev/null | grep -qx "$short"; then
    need_locale_gen=yes
    if ! grep -q "^$loc UTF-8" /etc/locale.gen 2>/dev/null; then
      echo "$loc UTF-8" | $SUDO tee -a /etc/locale.gen >/dev/null
    fi
  fi
done
if [ "$need_locale_gen" = yes ]; then
  echo "install-deps: generating locales $LOCALES"
  $SUDO locale-gen
fi
