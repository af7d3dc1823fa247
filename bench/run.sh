#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench/run.sh: the whole benchmark suite in one command.  It builds what it
# needs, generates the data (realistic Korean and Russian catalogues), runs
# every figure beside its baseline measured in the same run, and prints one
# table: figure, ours, baseline, ratio, target, met/missed.  The table and
# the machine's description are also written to BUILD_DIR/bench-results.md
# for docs/benchmarks.md.
#
#   bench/run.sh [BUILD_DIR]          (default: _build-bench)
#
# Environment: SB_BENCH_WORK (data folder, default a new temporary one,
# removed at the end), SB_BENCH_ROWS (CSV rows, 100000), SB_BENCH_PRODUCTS
# (products in the store, 100000), SB_BENCH_IMPORT_RUNS (1),
# SB_BENCH_STARTUP_RUNS (7), SB_BENCH_SYNC_PRODUCTS (10000),
# SB_BENCH_UI_SYNC_PRODUCTS (products synced from the window in the
# responsiveness figure, 10000), SB_BENCH_ONLY (a comma-separated list of
# the figures to run — import, search, paging, startup, memory, sync,
# responsiveness — default all; search and paging run together).
set -eu

SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$SRC/_build-bench}
ROWS=${SB_BENCH_ROWS:-100000}
PRODUCTS=${SB_BENCH_PRODUCTS:-100000}
IMPORT_RUNS=${SB_BENCH_IMPORT_RUNS:-1}
STARTUP_RUNS=${SB_BENCH_STARTUP_RUNS:-7}
SYNC_PRODUCTS=${SB_BENCH_SYNC_PRODUCTS:-10000}
UI_SYNC_PRODUCTS=${SB_BENCH_UI_SYNC_PRODUCTS:-10000}
ONLY=${SB_BENCH_ONLY:-}
started=$(date +%s)

# Whether the figure(s) named in the arguments are to be run.
want () {
  [ -z "$ONLY" ] && return 0
  for figure in "$@"; do
    case ",$ONLY," in *",$figure,"*) return 0 ;; esac
  done
  return 1
}

if [ -n "${SB_BENCH_WORK:-}" ]; then
  WORK=$SB_BENCH_WORK
  mkdir -p "$WORK"
else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/sellbridge-bench.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT INT TERM
fi
RESULTS=$WORK/results.txt
: > "$RESULTS"

step () {
  printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - started ))" >&2
}

# Keeps the RESULT lines of a benchmark, shows everything else as progress.
collect () {
  while IFS= read -r line; do
    case $line in
      RESULT\|*) printf '%s\n' "$line" >> "$RESULTS"; printf '%s\n' "$line" >&2 ;;
      *) printf '%s\n' "$line" >&2 ;;
    esac
  done
}

step "build"
if [ ! -f "$BUILD/build.ninja" ]; then
  meson setup "$BUILD" "$SRC" -Dbenchmarks=true >&2
fi
targets="bench/sb-bench-gen bench/sb-bench-import bench/sb-bench-search"
if want startup memory responsiveness; then
  targets="$targets src/app/sellbridge data/gschemas.compiled"
fi
for t in bench/sb-bench-startup bench/sb-bench-adw-window bench/sb-bench-memory bench/sb-bench-responsiveness \
         bench/sb-bench-sync src/sandbox/sellbridge-sandbox; do
  case $t in
    *startup|*adw-window) want startup || continue ;;
    *memory) want memory || continue ;;
    *responsiveness) want responsiveness || continue ;;
    *) want sync responsiveness || continue ;;
  esac
  if ninja -C "$BUILD" -t query "$t" >/dev/null 2>&1; then
    targets="$targets $t"
  fi
done
# shellcheck disable=SC2086
ninja -C "$BUILD" -j2 $targets >&2

if want import responsiveness; then
  step "data: $ROWS-row catalogue CSV in CP949 and UTF-8"
  "$BUILD/bench/sb-bench-gen" csv --rows "$ROWS" --encoding cp949 "$WORK/catalogue-cp949.csv"
  "$BUILD/bench/sb-bench-gen" csv --rows "$ROWS" --encoding utf-8 "$WORK/catalogue-utf8.csv"
fi

if want import; then
  step "import"
  "$BUILD/bench/sb-bench-import" --runs "$IMPORT_RUNS" \
    --cp949 "$WORK/catalogue-cp949.csv" --utf8 "$WORK/catalogue-utf8.csv" "$WORK" | collect
fi
rm -f "$WORK/catalogue-utf8.csv"

if want search paging startup memory; then
  step "data: a catalogue of $PRODUCTS products"
  "$BUILD/bench/sb-bench-gen" store --products "$PRODUCTS" "$WORK/store.db"
fi

if want search paging; then
  step "search and list paging"
  "$BUILD/bench/sb-bench-search" "$WORK/store.db" | collect
fi

if ! want startup; then
  :
elif [ -x "$BUILD/bench/sb-bench-startup" ]; then
  step "start-up under Xvfb"
  mkdir -p "$WORK/home"
  # The app and the baseline get the same clean session: a private D-Bus,
  # in-memory settings, their own XDG folders, the X11 backend.
  env HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/config" XDG_DATA_HOME="$WORK/home/data" \
      XDG_CACHE_HOME="$WORK/home/cache" GSETTINGS_BACKEND=memory \
      GSETTINGS_SCHEMA_DIR="$BUILD/data" SELLBRIDGE_DB="$WORK/store.db" \
      GDK_BACKEND=x11 NO_AT_BRIDGE=1 GTK_A11Y=none \
    xvfb-run -a -s "-screen 0 1280x1024x24" \
    dbus-run-session -- "$BUILD/bench/sb-bench-startup" --runs "$STARTUP_RUNS" \
      --label "start-up: exec → main window mapped (Xvfb), $PRODUCTS products in the store" \
      --ours "$BUILD/src/app/sellbridge" --baseline "$BUILD/bench/sb-bench-adw-window" | collect
else
  printf 'RESULT|start-up|not run|—|—|≤ 1.5×|not run: no X11 development files at build time\n' >> "$RESULTS"
fi

if want memory && [ -x "$BUILD/bench/sb-bench-memory" ]; then
  step "memory: the catalogue scrolled end to end, $PRODUCTS products and empty"
  rm -f "$WORK/empty.db"
  for db in store empty; do
    env HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/config" XDG_DATA_HOME="$WORK/home/data" \
        XDG_CACHE_HOME="$WORK/home/cache" GSETTINGS_BACKEND=memory \
        GSETTINGS_SCHEMA_DIR="$BUILD/data" GDK_BACKEND=x11 NO_AT_BRIDGE=1 GTK_A11Y=none \
      xvfb-run -a -s "-screen 0 1280x1024x24" \
      dbus-run-session -- "$BUILD/bench/sb-bench-memory" "$WORK/$db.db" > "$WORK/memory-$db.txt"
  done
  # (gnome-keyring, started by the window's secret lookup, also prints
  # to standard output.)
  ours_kib=$(grep '^MEMORY|' "$WORK/memory-store.txt" | cut -d'|' -f3)
  base_kib=$(grep '^MEMORY|' "$WORK/memory-empty.txt" | cut -d'|' -f3)
  stall_ms=$(grep '^MEMORY|' "$WORK/memory-store.txt" | cut -d'|' -f4)
  awk -v o="${ours_kib:-0}" -v b="${base_kib:-0}" -v n="$PRODUCTS" -v s="${stall_ms:-0}" 'BEGIN {
    if (o <= 0 || b <= 0) {
      printf "RESULT|memory: peak RSS, %d products open and scrolled end to end|failed|—|—|≤ 1.3×|not measured: sb-bench-memory failed\n", n
      exit
    }
    r = o / b
    printf "RESULT|memory: peak RSS, %d products open and scrolled end to end (100 steps)|%.0f MiB (longest stall while scrolling %d ms)|%.0f MiB (the same window, empty store)|%.2f×|≤ 1.3×|%s\n",
      n, o / 1024, s, b / 1024, r, (r <= 1.3 ? "met" : "**missed**")
  }' >> "$RESULTS"
  grep '^RESULT|memory' "$RESULTS" >&2
fi

if ! want sync; then
  :
elif [ -x "$BUILD/bench/sb-bench-sync" ] && [ -x "$BUILD/src/sandbox/sellbridge-sandbox" ]; then
  step "sync: $SYNC_PRODUCTS products to the sandbox on loopback"
  "$BUILD/bench/sb-bench-sync" --products "$SYNC_PRODUCTS" \
    --sandbox "$BUILD/src/sandbox/sellbridge-sandbox" --data-dir "$SRC/data/sandbox" "$WORK" | collect
else
  printf 'RESULT|sync: %s products to the sandbox|not run|—|—|≥ 0.5×|not built: needs the API client and sync engine\n' \
    "$SYNC_PRODUCTS" >> "$RESULTS"
fi

if want responsiveness && [ -x "$BUILD/bench/sb-bench-responsiveness" ] && [ -x "$BUILD/src/sandbox/sellbridge-sandbox" ]; then
  step "responsiveness: the window imports $ROWS rows and syncs $UI_SYNC_PRODUCTS products under Xvfb"
  # Cairo, not GL: Xvfb has no GPU, and GL there is llvmpipe, whose
  # software rendering of each frame (150–300 ms on this machine) would be
  # the only stall measured.  Every gap over 50 ms is printed (debug).
  env HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/config" XDG_DATA_HOME="$WORK/home/data" \
      XDG_CACHE_HOME="$WORK/home/cache" GSETTINGS_BACKEND=memory \
      GSETTINGS_SCHEMA_DIR="$BUILD/data" GDK_BACKEND=x11 NO_AT_BRIDGE=1 GTK_A11Y=none \
      G_MESSAGES_DEBUG=sellbridge-bench GSK_RENDERER=cairo \
    xvfb-run -a -s "-screen 0 1280x1024x24" \
    dbus-run-session -- "$BUILD/bench/sb-bench-responsiveness" --products "$UI_SYNC_PRODUCTS" \
      --csv "$WORK/catalogue-cp949.csv" --sandbox "$BUILD/src/sandbox/sellbridge-sandbox" \
      --data-dir "$SRC/data/sandbox" "$WORK" | collect
fi
rm -f "$WORK/catalogue-cp949.csv"

if want memory && ! grep -q '^RESULT|memory' "$RESULTS"; then
  printf 'RESULT|memory: peak RSS, %s products open and scrolled end to end|not run|—|—|≤ 1.3×|not run: sb-bench-memory was not built (no X11 development files)\n' \
    "$PRODUCTS" >> "$RESULTS"
fi
if want responsiveness && ! grep -q '^RESULT|responsiveness' "$RESULTS"; then
  printf 'RESULT|responsiveness: longest main-loop stall, import + sync from the UI|not run|—|—|≤ 50 ms|not run: sb-bench-responsiveness was not built (no X11 development files) or failed\n' \
    >> "$RESULTS"
fi

step "done"
elapsed=$(( $(date +%s) - started ))
{
  printf '## Machine\n\n'
  printf -- '- CPU: %s, %s CPUs\n' "$(lscpu | sed -n 's/^Model name: *//p')" "$(nproc)"
  printf -- '- memory: %s\n' "$(free -h | awk '/^Mem:/ { print $2 }')"
  printf -- '- OS: %s, kernel %s\n' "$(. /etc/os-release && echo "$PRETTY_NAME")" "$(uname -r)"
  printf -- '- SQLite %s, GTK %s, libadwaita %s\n' "$(sqlite3 --version | cut -d' ' -f1)" \
    "$(pkg-config --modversion gtk4 2>/dev/null || echo '?')" "$(pkg-config --modversion libadwaita-1 2>/dev/null || echo '?')"
  printf -- '- load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf -- '- suite run time: %s s (with the build)\n\n' "$elapsed"
  printf '| figure | ours | baseline | ratio | target | result |\n'
  printf '| --- | --- | --- | --- | --- | --- |\n'
  sed -e 's/^RESULT|//' -e 's/|/ | /g' -e 's/^/| /' -e 's/$/ |/' "$RESULTS"
} > "$BUILD/bench-results.md"
cat "$BUILD/bench-results.md"
