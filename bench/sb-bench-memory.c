/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-bench-memory.c: one side of the memory figure — the real main window
 * (libsellbridge-app) on a catalogue, its list scrolled from the first row
 * to the last in 100 steps, each waiting until the visible rows are
 * loaded, then this process's peak RSS.  bench/run.sh runs it once on the
 * 100,000-product catalogue and once on an empty one (the baseline) and
 * compares.  The longest main-loop stall while scrolling is printed too.
 *
 *   sb-bench-memory [--label TEXT] DB
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <stdio.h>

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
  g_printerr ("memory: %u products, peak RSS %" G_GINT64_FORMAT " KiB, longest main-loop stall while scrolling %.0f ms\n",
              n_items, sb_bench_peak_rss_kib (), max_gap / 1000.0);
  printf ("MEMORY|%u|%" G_GINT64_FORMAT "|%.0f\n", n_items, sb_bench_peak_rss_kib (), max_gap / 1000.0);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
