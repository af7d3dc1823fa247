/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-bench-util.h: what every benchmark program shares — a monotonic
 * clock, percentiles of a set of samples, peak memory of the process and
 * its children, and the one line per figure that bench/run.sh collects
 * into the results table (figure, ours, baseline, ratio, target, met);
 * the pictures, sandbox and products of the sync and responsiveness
 * figures.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Seconds on the monotonic clock. */
double  sb_bench_now          (void);
/* Seconds of CPU time of the calling thread (no waiting for the CPU). */
double  sb_bench_thread_cpu   (void);
/* @p in [0, 1] of @samples (sorted in place), nearest rank. */
double  sb_bench_percentile   (GArray     *samples,
                               double      p);
double  sb_bench_median       (GArray     *samples);
/* Peak resident set size of this process, in KiB. */
gint64  sb_bench_peak_rss_kib (void);

/* Prints one result line for run.sh:
 *   RESULT|figure|ours|baseline|ratio|target|met
 * @met is "met", "missed" or a short note. */
void    sb_bench_result       (const char *figure,
                               const char *ours,
                               const char *baseline,
                               const char *ratio,
                               const char *target,
                               gboolean    met);
void    sb_bench_note         (const char *figure,
                               const char *ours,
                               const char *baseline,
                               const char *ratio,
                               const char *target,
                               const char *note);

/* The pictures the synced products share. */
#define SB_BENCH_N_PICTURES 4

GBytes    *sb_bench_make_picture     (guint        index);

/* A sellbridge-sandbox process on a random loopback port. */
typedef struct {
  GPid  pid;
  char *url;
  char *key;
  char *secret;
} SbBenchSandbox;

gboolean   sb_bench_sandbox_start    (SbBenchSandbox  *sandbox,
                                      const char      *program,
                                      const char      *data_dir,
                                      GError         **error);
void       sb_bench_sandbox_stop     (SbBenchSandbox  *sandbox);

GPtrArray *sb_bench_make_kr_products (guint            n,
                                      char * const     image_paths[SB_BENCH_N_PICTURES]);

G_END_DECLS
