/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-bench-util.c: clock, percentiles, peak RSS and the result lines that
 * bench/run.sh turns into the table of docs/benchmarks.md.
 */
#include "config.h"

#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#include "sb-bench-util.h"

double
sb_bench_now (void)
{
  return g_get_monotonic_time () / 1e6;
}

double
sb_bench_thread_cpu (void)
{
  struct timespec t;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

double
sb_bench_percentile (GArray *samples,
                     double  p)
{
  guint rank;

  g_return_val_if_fail (samples->len > 0, 0);
  g_array_sort (samples, compare_doubles);
  /* Nearest rank: the smallest sample with at least p of them at or below. */
  rank = (guint) (p * samples->len + 0.999999);
  if (rank < 1)
    rank = 1;
  if (rank > samples->len)
    rank = samples->len;
  return g_array_index (samples, double, rank - 1);
}

double
sb_bench_median (GArray *samples)
{
  return sb_bench_percentile (samples, 0.5);
}

gint64
sb_bench_peak_rss_kib (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return usage.ru_maxrss;
}

void
sb_bench_note (const char *figure,
               const char *ours,
               const char *baseline,
               const char *ratio,
               const char *target,
               const char *note)
{
  printf ("RESULT|%s|%s|%s|%s|%s|%s\n", figure, ours, baseline, ratio, target, note);
  fflush (stdout);
}

void
sb_bench_result (const char *figure,
                 const char *ours,
                 const char *baseline,
                 const char *ratio,
                 const char *target,
                 gboolean    met)
{
  sb_bench_note (figure, ours, baseline, ratio, target, met ? "met" : "**missed**");
}
