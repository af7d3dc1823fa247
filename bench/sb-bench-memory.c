/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-bench-memory.c: one side of the memory figure — the real main window
 * (libsellbridge-app) on a catalogue, its list scrolled from the first row
 * to the last in 100 steps, each waiting until the visible rows are
 * loaded, then this process's peak RSS.  bench/run.sh runs it once on the
 * 100,000-product catalogue and once on an empty one (the baseline) and
 * compares.  The longest main-loop stall while scrolling is printed too,
 * and, after the peak RSS is taken, the longest stall while the list is
 * emptied and refilled (a search that matches nothing, then none): the
 * items-changed of all rows at once that the window also sees when a
 * catalogue is imported.
 *
 *   sb-bench-memory DB
 *
 * With SB_BENCH_MEMORY_DETAILS=1 it also prints where the memory is: the
 * resident size after the first page and after the scroll, the process's
 * mappings grouped by kind (/proc/self/smaps: the main heap, other
 * anonymous mappings — the malloc arenas of other threads among them —,
 * thread stacks, GL and shared-memory buffers, libraries), the number of
 * threads and glibc's per-arena statistics (malloc_info).
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "sb-application.h"
#include "sb-bench-util.h"
#include "sb-catalogue-view.h"
#include "sb-product-list-model.h"
#include "sb-store.h"
#include "sb-window.h"

static gint64 last_tick;
static gint64 max_gap;

static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0)
    max_gap = MAX (max_gap, now - last_tick);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
iterate (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static gint64
status_kib (const char *field)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return -1;
  line = strstr (text, field);
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (field) + 1, NULL, 10);
}

/* Resident KiB of the mappings in /proc/self/smaps, by kind. */
static void
print_mappings (void)
{
  static const char *const kinds[] = { "main heap", "other anonymous (arenas, large blocks)",
                                       "thread stacks", "GL / DRM / shared memory", "libraries",
                                       "other files" };
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 rss[G_N_ELEMENTS (kinds)] = { 0 };
  guint n_big_anon = 0;
  guint kind = 5;
  gint64 size_kib = 0;

  if (!g_file_get_contents ("/proc/self/smaps", &text, NULL, NULL))
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      guint64 start, end;
      char *rest;

      if (g_ascii_isxdigit (line[0]) && strchr (line, '-') != NULL && strchr (line, ' ') != NULL &&
          strchr (line, '-') < strchr (line, ' '))
        {
          const char *path;

          start = g_ascii_strtoull (line, &rest, 16);
          end = g_ascii_strtoull (rest + 1, NULL, 16);
          size_kib = (end - start) / 1024;
          /* address perms offset dev inode [path] */
          path = line;
          for (guint field = 0; field < 5 && path != NULL; field++)
            {
              path = strchr (path, ' ');
              while (path != NULL && *path == ' ')
                path++;
            }
          if (path == NULL || *path == '\0')
            kind = 1;
          else if (g_str_equal (path, "[heap]"))
            kind = 0;
          else if (g_str_has_prefix (path, "[stack"))
            kind = 2;
          else if (strstr (path, "/dev/dri") != NULL || strstr (path, "memfd:") != NULL ||
                   strstr (path, "SYSV") != NULL || strstr (path, "/dev/shm") != NULL)
            kind = 3;
          else if (strstr (path, ".so") != NULL)
            kind = 4;
          else if (path[0] == '[')
            kind = 1;
          else
            kind = 5;
        }
      else if (g_str_has_prefix (line, "Rss:"))
        {
          gint64 kib = g_ascii_strtoll (line + 4, NULL, 10);

          /* Thread stacks are anonymous too: 8 MiB plus a guard page. */
          if (kind == 1 && size_kib == 8192)
            kind = 2;
          rss[kind] += kib;
          if (kind == 1 && kib >= 1024)
            n_big_anon++;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_printerr ("  %-40s %8" G_GINT64_FORMAT " KiB\n", kinds[i], rss[i]);
  g_printerr ("  anonymous mappings over 1 MiB resident: %u; threads: %" G_GINT64_FORMAT "\n",
              n_big_anon, status_kib ("Threads:"));
}

/* glibc's arenas: heap size and what is in use, from malloc_info. */
static void
print_arenas (void)
{
  g_autofree char *xml = NULL;
  size_t size = 0;
  FILE *stream = open_memstream (&xml, &size);
  const char *p;
  guint n_arenas = 0;

  if (stream == NULL)
    return;
  malloc_info (0, stream);
  fclose (stream);
  for (p = xml; (p = strstr (p, "<heap nr=")) != NULL; p++)
    n_arenas++;
  p = strstr (xml, "<total type=\"rest\"");
  g_printerr ("  malloc arenas: %u\n", n_arenas);
  for (const char *t = xml; (t = strstr (t, "<system type=\"current\" size=\"")) != NULL; t++)
    {
      gint64 current = g_ascii_strtoll (t + strlen ("<system type=\"current\" size=\""), NULL, 10);
      const char *heap_end = strstr (t, "</heap>");

      g_printerr ("    %s %8" G_GINT64_FORMAT " KiB\n", heap_end != NULL ? "arena:" : "total:",
                  current / 1024);
    }
  (void) p;
}

static void
print_details (const char *when)
{
  if (g_getenv ("SB_BENCH_MEMORY_DETAILS") == NULL)
    return;
  g_printerr ("memory %s: RSS %" G_GINT64_FORMAT " KiB, peak %" G_GINT64_FORMAT " KiB\n",
              when, status_kib ("VmRSS:"), status_kib ("VmHWM:"));
  print_mappings ();
  print_arenas ();
}

static gboolean
wait_for_model (SbProductListModel *model)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while ((!sb_product_list_model_get_counted (model) || sb_product_list_model_get_loading (model)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return !sb_product_list_model_get_loading (model);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbApplication) app = NULL;
  g_autoptr(SbStore) store = NULL;
  SbWindow *window;
  SbCatalogueView *view;
  SbProductListModel *model;
  GtkScrolledWindow *scrolled;
  GtkAdjustment *adjustment;
  guint n_items;
  gint64 peak_kib, scroll_gap, refill_gap;

  setlocale (LC_ALL, "");
  if (argc != 2)
    {
      g_printerr ("usage: sb-bench-memory DB\n");
      return 2;
    }
  store = sb_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("sb-bench-memory: %s\n", error->message);
      return 2;
    }
  app = sb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("sb-bench-memory: %s\n", error->message);
      return 2;
    }
  window = sb_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  sb_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  view = sb_window_get_catalogue_view (window);
  model = sb_catalogue_view_get_model (view);
  if (!wait_for_model (model))
    {
      g_printerr ("sb-bench-memory: the list did not load\n");
      return 1;
    }
  iterate (200);
  print_details ("with the first rows");
  n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (GTK_WIDGET (view), SB_TYPE_CATALOGUE_VIEW,
                                                                 "scrolled_window"));
  adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  g_timeout_add (10, tick_cb, NULL);
  for (guint step = 0; step <= 100; step++)
    {
      double upper = gtk_adjustment_get_upper (adjustment);
      double page = gtk_adjustment_get_page_size (adjustment);

      gtk_adjustment_set_value (adjustment, (upper - page) * step / 100.0);
      iterate (20);
      if (!wait_for_model (model))
        {
          g_printerr ("sb-bench-memory: a page did not load\n");
          return 1;
        }
      iterate (10);
    }
  print_details ("after the scroll");
  peak_kib = sb_bench_peak_rss_kib ();
  scroll_gap = max_gap;

  /* Empty the list and fill it again, as an import into an empty
   * catalogue does. */
  max_gap = 0;
  last_tick = 0;
  sb_catalogue_view_set_search (view, "\xE2\x88\x85 no such product \xE2\x88\x85");
  if (!wait_for_model (model))
    return 1;
  iterate (100);
  sb_catalogue_view_set_search (view, "");
  if (!wait_for_model (model))
    return 1;
  iterate (300);
  refill_gap = max_gap;
  if (g_list_model_get_n_items (G_LIST_MODEL (model)) != n_items)
    {
      g_printerr ("sb-bench-memory: the list did not come back\n");
      return 1;
    }

  g_printerr ("memory: %u products, peak RSS %" G_GINT64_FORMAT " KiB, longest main-loop stall while scrolling %.0f ms,"
              " while emptying and refilling the list %.0f ms\n",
              n_items, peak_kib, scroll_gap / 1000.0, refill_gap / 1000.0);
  printf ("MEMORY|%u|%" G_GINT64_FORMAT "|%.0f|%.0f\n", n_items, peak_kib, scroll_gap / 1000.0, refill_gap / 1000.0);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
