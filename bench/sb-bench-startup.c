/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-bench-startup.c: the start-up figure — wall time from exec to the
 * program's first top-level window being mapped on an X server (Xvfb),
 * seen from outside through the root window's MapNotify events, so that
 * nothing in the measured program changes.  Sellbridge (with a catalogue
 * of 100,000 products in $SELLBRIDGE_DB) and the minimal libadwaita
 * baseline run alternately; each run is killed once mapped.  The peak RSS
 * of each child at that moment is reported as well.
 *
 *   sb-bench-startup [--runs N] --ours PROGRAM --baseline PROGRAM
 */
#include "config.h"

#include <X11/Xlib.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sb-bench-util.h"

/* Seconds from exec to the first mapped top-level window, or -1. */
static double
time_to_map (Display    *display,
             const char *program,
             gint64     *out_rss_kib)
{
  const char *argv[] = { program, NULL };
  struct rusage usage;
  double start, mapped = -1;
  GPid pid;
  int status;
  g_autoptr(GError) error = NULL;

  while (XPending (display))
    {
      XEvent event;

      XNextEvent (display, &event);
    }
  start = sb_bench_now ();
  if (!g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error))
    {
      g_printerr ("sb-bench-startup: %s\n", error->message);
      return -1;
    }
  while (mapped < 0 && sb_bench_now () - start < 60)
    {
      struct pollfd fd = { ConnectionNumber (display), POLLIN, 0 };

      if (!XPending (display))
        poll (&fd, 1, 100);
      while (XPending (display))
        {
          XEvent event;

          XNextEvent (display, &event);
          if (event.type == MapNotify && !event.xmap.override_redirect && mapped < 0)
            mapped = sb_bench_now () - start;
        }
    }
  kill (pid, SIGTERM);
  if (wait4 (pid, &status, 0, &usage) == pid)
    *out_rss_kib = usage.ru_maxrss;
  g_spawn_close_pid (pid);
  return mapped;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *ours = NULL;
  g_autofree char *baseline = NULL;
  g_autofree char *label = NULL;
  int runs = 7;
  GOptionEntry entries[] = {
    { "ours", 0, 0, G_OPTION_ARG_FILENAME, &ours, "The sellbridge program", "PATH" },
    { "baseline", 0, 0, G_OPTION_ARG_FILENAME, &baseline, "The minimal libadwaita program", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each", "N" },
    { "label", 0, 0, G_OPTION_ARG_STRING, &label, "What the figure is called", "TEXT" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ours_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) base_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ours_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) base_rss = g_array_new (FALSE, FALSE, sizeof (double));
  char ours_text[64], base_text[64], ratio_text[32];
  Display *display;
  double o, b;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || ours == NULL || baseline == NULL || runs < 1)
    {
      g_printerr ("usage: sb-bench-startup [--runs N] --ours PROGRAM --baseline PROGRAM\n");
      return 2;
    }
  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      g_printerr ("sb-bench-startup: cannot open the X display; run under Xvfb (bench/run.sh does)\n");
      return 2;
    }
  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);
  XFlush (display);

  /* One unmeasured run of each warms the file cache. */
  for (int i = -1; i < runs; i++)
    {
      gint64 rss_o = 0, rss_b = 0;
      double tb = time_to_map (display, baseline, &rss_b);
      double to = time_to_map (display, ours, &rss_o);
      double rss;

      if (tb < 0 || to < 0)
        {
          g_printerr ("sb-bench-startup: a program did not map a window within 60 s\n");
          return 1;
        }
      g_printerr ("start-up run %d: baseline %.0f ms (%" G_GINT64_FORMAT " KiB), ours %.0f ms (%" G_GINT64_FORMAT " KiB)\n",
                  i + 1, tb * 1000, rss_b, to * 1000, rss_o);
      if (i < 0)
        continue;
      g_array_append_val (base_times, tb);
      g_array_append_val (ours_times, to);
      rss = rss_o;
      g_array_append_val (ours_rss, rss);
      rss = rss_b;
      g_array_append_val (base_rss, rss);
    }
  XCloseDisplay (display);

  o = sb_bench_median (ours_times);
  b = sb_bench_median (base_times);
  g_snprintf (ours_text, sizeof ours_text, "%.0f ms", o * 1000);
  g_snprintf (base_text, sizeof base_text, "%.0f ms (minimal libadwaita window)", b * 1000);
  g_snprintf (ratio_text, sizeof ratio_text, "%.2f×", o / b);
  sb_bench_result (label != NULL ? label : "start-up: exec → main window mapped (Xvfb)",
                   ours_text, base_text, ratio_text, "≤ 1.5×", o / b <= 1.5);
  g_printerr ("peak RSS at map: ours %.0f KiB, baseline %.0f KiB (medians)\n",
              sb_bench_median (ours_rss), sb_bench_median (base_rss));
  printf ("RSS|%.0f|%.0f\n", sb_bench_median (ours_rss), sb_bench_median (base_rss));
  return 0;
}
