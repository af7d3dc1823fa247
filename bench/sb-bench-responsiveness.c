/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-bench-responsiveness.c: the responsiveness figure — the longest
 * main-loop stall of the real main window (libsellbridge-app, as the
 * memory figure uses it) while it imports a CSV and syncs a catalogue
 * through its own code paths.  A probe, a high-priority 5 ms timeout on
 * the main context, records the gap between its dispatches; a tick
 * callback on the window records the frame clock's gaps.  Phases: the
 * import dialog's dry run and its import of a generated CP949 CSV
 * (sb_csv_dialog_set_file, then sb_csv_dialog_run, as the buttons do),
 * then "win.sync" on a catalogue of queued products, run by SbPublisher
 * against sellbridge-sandbox on a random loopback port.  Each phase
 * prints its longest gap, p99 and the gaps over 50 ms; every gap over
 * 50 ms is logged (G_MESSAGES_DEBUG=sellbridge-bench) with the window's
 * events that fell inside it, to name the cause.
 *
 *   sb-bench-responsiveness [--products N] [--csv FILE] --sandbox PROGRAM
 *                           --data-dir DIR WORKDIR
 *
 * Without --csv only the sync phase runs (a quick look at the sync).
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "sellbridge-bench"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "sb-application.h"
#include "sb-bench-data.h"
#include "sb-bench-util.h"
#include "sb-catalogue-view.h"
#include "sb-csv-dialog.h"
#include "sb-product-list-model.h"
#include "sb-publisher.h"
#include "sb-store.h"
#include "sb-window.h"

#define PROBE_MS   5
#define STALL_MS   50

/* ---- the probe ---- */

typedef struct {
  gint64  time;
  char   *what;
} Event;

typedef struct {
  const char *name;
  GArray     *gaps;        /* double, ms, between probe dispatches */
  GArray     *frame_gaps;  /* double, ms, between frame clock ticks */
  double      started;
  double      seconds;
} Phase;

static Phase  *phase;       /* (nullable) the phase being measured */
static gint64  last_probe;
static gint64  last_frame;
static GArray *events;      /* Event */

static void
event (const char *what)
{
  Event e = { g_get_monotonic_time (), g_strdup (what) };

  g_array_append_val (events, e);
}

static void
events_clear (void)
{
  for (guint i = 0; i < events->len; i++)
    g_free (g_array_index (events, Event, i).what);
  g_array_set_size (events, 0);
}

/* The main thread's CPU time at the last probe: a gap with little of it
 * was the machine's other load (the thread waited for a CPU), not ours. */
static double last_probe_cpu;

static gboolean
probe_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  double cpu = sb_bench_thread_cpu ();

  if (phase != NULL && last_probe != 0)
    {
      double gap = (now - last_probe) / 1000.0;

      g_array_append_val (phase->gaps, gap);
      if (gap > STALL_MS)
        {
          g_autoptr(GString) inside = g_string_new (NULL);

          for (guint i = 0; i < events->len; i++)
            {
              Event *e = &g_array_index (events, Event, i);

              /* Events up to one probe period before the gap began
               * belong to it: the handler that ran them is the stall. */
              if (e->time >= last_probe - PROBE_MS * 1000 && e->time <= now)
                g_string_append_printf (inside, " [+%.0f ms %s]", (e->time - last_probe) / 1000.0, e->what);
            }
          g_debug ("%s: main loop stalled %.0f ms (main thread CPU %.0f ms) at %.2f s;%s", phase->name, gap,
                   (cpu - last_probe_cpu) * 1000.0, sb_bench_now () - phase->started,
                   inside->len > 0 ? inside->str : " no window event inside");
        }
    }
  last_probe = now;
  last_probe_cpu = cpu;
  if (events->len > 256)
    events_clear ();
  return G_SOURCE_CONTINUE;
}

static gboolean
frame_cb (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       data)
{
  gint64 now = g_get_monotonic_time ();

  if (phase != NULL && last_frame != 0)
    {
      double gap = (now - last_frame) / 1000.0;

      g_array_append_val (phase->frame_gaps, gap);
    }
  last_frame = now;
  return G_SOURCE_CONTINUE;
}

static void
phase_begin (Phase      *p,
             const char *name)
{
  p->name = name;
  p->gaps = g_array_new (FALSE, FALSE, sizeof (double));
  p->frame_gaps = g_array_new (FALSE, FALSE, sizeof (double));
  p->started = sb_bench_now ();
  events_clear ();
  last_probe = last_frame = 0;
  phase = p;
}

static void
phase_end (Phase *p)
{
  p->seconds = sb_bench_now () - p->started;
  phase = NULL;
}

static double
max_of (GArray *samples)
{
  double m = 0;

  for (guint i = 0; i < samples->len; i++)
    m = MAX (m, g_array_index (samples, double, i));
  return m;
}

static guint
count_over (GArray *samples,
            double  limit)
{
  guint n = 0;

  for (guint i = 0; i < samples->len; i++)
    if (g_array_index (samples, double, i) > limit)
      n++;
  return n;
}

/* Longest, p99, count over 50 ms of the probe; longest frame gap. */
static void
phase_print (Phase *p,
             double *out_max)
{
  double longest = max_of (p->gaps);
  double frames = max_of (p->frame_gaps);
  guint over = count_over (p->gaps, STALL_MS);
  double p99 = p->gaps->len > 0 ? sb_bench_percentile (p->gaps, 0.99) : 0;

  g_printerr ("responsiveness: %-16s %6.1f s, %6u probes: longest gap %.0f ms, p99 %.1f ms, %u over %d ms; "
              "%u frames, longest frame gap %.0f ms\n",
              p->name, p->seconds, p->gaps->len, longest, p99, over, STALL_MS, p->frame_gaps->len, frames);
  *out_max = longest;
}

static void
phase_text (Phase   *p,
            GString *out)
{
  double longest = max_of (p->gaps);
  guint over = count_over (p->gaps, STALL_MS);
  double p99 = p->gaps->len > 0 ? sb_bench_percentile (p->gaps, 0.99) : 0;

  g_string_append_printf (out, "%s%s %.0f ms (p99 %.1f ms, %u over %d ms, %.0f s)", out->len > 0 ? "; " : "",
                          p->name, longest, p99, over, STALL_MS, p->seconds);
}

static gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer   data,
            guint      seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return done (data);
}

static gboolean
timed_out (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

static void
iterate (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) milliseconds * 1000;

  wait_until (timed_out, &end, milliseconds / 1000 + 1);
}

/* ---- the window's events ---- */

static gboolean
dialog_idle (gpointer data)
{
  return !sb_csv_dialog_get_busy (SB_CSV_DIALOG (data));
}

static gboolean
model_ready (gpointer data)
{
  SbProductListModel *model = data;

  return sb_product_list_model_get_counted (model) && !sb_product_list_model_get_loading (model);
}

static gboolean
publisher_idle (gpointer data)
{
  return !sb_publisher_get_running (SB_PUBLISHER (data));
}

static void
imported_before_cb (SbCsvDialog *dialog)
{
  event ("\"imported\" emitted (end of the dialog's job_done_cb: preview and report built)");
}

static void
imported_after_cb (SbCsvDialog *dialog)
{
  event ("\"imported\" handled (the window's csv_imported_cb: catalogue refreshed)");
}

static void
dialog_notify_cb (SbCsvDialog *dialog,
              GParamSpec  *pspec)
{
  event ("dialog notify");
}

static void
progress_cb (SbPublisher *publisher)
{
  g_autofree char *text = g_strdup_printf ("sync progress %u of %u", sb_publisher_get_done (publisher),
                                           sb_publisher_get_total (publisher));

  event (text);
}

static void
publisher_event_cb (SbPublisher *publisher,
                    GParamSpec  *pspec)
{
  g_autofree char *text = g_strdup_printf ("publisher %s → %s", pspec->name,
                                           sb_publisher_get_state_text (publisher));

  event (text);
}

static void
model_event_cb (SbProductListModel *model,
                guint               position,
                guint               removed,
                guint               added)
{
  g_autofree char *text = g_strdup_printf ("catalogue items-changed at %u −%u +%u", position, removed, added);

  event (text);
}

static void
model_notify_cb (SbProductListModel *model,
                 GParamSpec         *pspec)
{
  g_autofree char *text = g_strdup_printf ("catalogue model notify::%s", pspec->name);

  event (text);
}

static void
watch_model (SbWindow *window)
{
  SbProductListModel *model = sb_catalogue_view_get_model (sb_window_get_catalogue_view (window));

  if (model == NULL)
    return;
  g_signal_connect (model, "items-changed", G_CALLBACK (model_event_cb), NULL);
  g_signal_connect (model, "notify", G_CALLBACK (model_notify_cb), NULL);
}

/* ---- the catalogue to sync ---- */

/* N queued Korean products (the sandbox's seller is Korean), each with
 * one of the pictures, saved into a new store at @db. */
static SbStore *
make_sync_store (const char   *db,
                 guint         n,
                 char * const  image_paths[SB_BENCH_N_PICTURES],
                 GError      **error)
{
  g_autoptr(GPtrArray) products = sb_bench_make_kr_products (n, image_paths);
  g_autoptr(SbStore) store = NULL;

  g_unlink (db);
  store = sb_store_open (db, error);
  if (store == NULL || !sb_store_save_products (store, products, error))
    return NULL;
  return g_steal_pointer (&store);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *csv = NULL;
  g_autofree char *sandbox_program = NULL;
  g_autofree char *data_dir = NULL;
  int n_products = 10000;
  GOptionEntry entries[] = {
    { "products", 0, 0, G_OPTION_ARG_INT, &n_products, "Products to sync", "N" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, "The CSV to import", "FILE" },
    { "sandbox", 0, 0, G_OPTION_ARG_FILENAME, &sandbox_program, "sellbridge-sandbox", "PATH" },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "The sandbox's seed data", "DIR" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("WORKDIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbApplication) app = NULL;
  g_autoptr(SbStore) import_store = NULL;
  g_autoptr(SbStore) sync_store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GString) ours = g_string_new (NULL);
  g_autofree char *import_db = NULL;
  g_autofree char *sync_db = NULL;
  char *image_paths[SB_BENCH_N_PICTURES] = { NULL, };
  SbBenchSandbox sandbox = { 0, };
  Phase dry = { 0, }, import = { 0, }, sync = { 0, };
  SbWindow *window = NULL;
  SbCsvDialog *dialog;
  SbPublisher *publisher;
  SbProductListModel *model;
  double m_dry = 0, m_import = 0, m_sync = 0, longest;
  char figure[160];
  int status = 1;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 ||
      sandbox_program == NULL || data_dir == NULL || n_products < 1)
    {
      g_printerr ("usage: sb-bench-responsiveness [--products N] [--csv FILE] --sandbox PROGRAM --data-dir DIR WORKDIR\n");
      return 2;
    }
  events = g_array_new (FALSE, FALSE, sizeof (Event));

  /* Data first, outside any measured phase. */
  for (guint i = 0; i < SB_BENCH_N_PICTURES; i++)
    {
      g_autoptr(GBytes) png = sb_bench_make_picture (i);

      image_paths[i] = g_strdup_printf ("%s/responsiveness-image-%u.png", argv[1], i);
      if (!g_file_set_contents (image_paths[i], g_bytes_get_data (png, NULL), g_bytes_get_size (png), &error))
        goto out;
    }
  sync_db = g_build_filename (argv[1], "responsiveness-sync.db", NULL);
  sync_store = make_sync_store (sync_db, n_products, image_paths, &error);
  if (sync_store == NULL)
    goto out;
  import_db = g_build_filename (argv[1], "responsiveness-import.db", NULL);
  g_unlink (import_db);
  import_store = sb_store_open (import_db, &error);
  if (import_store == NULL)
    goto out;
  if (!sb_bench_sandbox_start (&sandbox, sandbox_program, data_dir, &error))
    goto out;

  app = sb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    goto out;
  /* The window reads the endpoint when it is given a store. */
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "endpoint", sandbox.url);

  window = sb_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  sb_window_set_store (window, import_store);
  gtk_window_present (GTK_WINDOW (window));
  g_timeout_add_full (G_PRIORITY_HIGH, PROBE_MS, probe_cb, NULL, NULL);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), frame_cb, NULL, NULL);
  iterate (500);

  /* Import: choosing the file runs the dry run, the button imports. */
  if (csv != NULL)
    {
      watch_model (window);
      dialog = sb_window_open_csv_dialog (window, SB_CSV_DIALOG_IMPORT);
      g_signal_connect (dialog, "imported", G_CALLBACK (imported_before_cb), NULL);
      g_signal_connect_after (dialog, "imported", G_CALLBACK (imported_after_cb), NULL);
      g_signal_connect (dialog, "notify", G_CALLBACK (dialog_notify_cb), NULL);
      iterate (300);
      phase_begin (&dry, "import-dry-run");
      event ("sb_csv_dialog_set_file");
      sb_csv_dialog_set_file (dialog, csv);
      wait_until (dialog_idle, dialog, 300);
      iterate (300);
      phase_end (&dry);
      g_printerr ("  dry run: %s\n", sb_csv_dialog_get_summary (dialog));

      phase_begin (&import, "import");
      event ("sb_csv_dialog_run");
      sb_csv_dialog_run (dialog);
      wait_until (dialog_idle, dialog, 300);
      model = sb_catalogue_view_get_model (sb_window_get_catalogue_view (window));
      /* Until the refreshed list has been counted and its first page shown. */
      iterate (50);
      if (model != NULL)
        wait_until (model_ready, model, 60);
      iterate (300);
      phase_end (&import);
      g_printerr ("  import: %s\n", sb_csv_dialog_get_summary (dialog));
      gtk_window_destroy (GTK_WINDOW (dialog));
      iterate (300);
    }

  /* Sync: the catalogue of queued products, then "Sync now". */
  sb_window_set_store (window, sync_store);
  watch_model (window);
  model = sb_catalogue_view_get_model (sb_window_get_catalogue_view (window));
  if (model != NULL)
    wait_until (model_ready, model, 60);
  iterate (300);
  publisher = sb_window_get_publisher (window);
  if (publisher == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "the window has no publisher");
      goto out;
    }
  sb_publisher_set_credentials (publisher, sandbox.key, sandbox.secret);
  g_signal_connect (publisher, "notify::done", G_CALLBACK (progress_cb), NULL);
  g_signal_connect (publisher, "notify::state", G_CALLBACK (publisher_event_cb), NULL);
  g_signal_connect (publisher, "notify::running", G_CALLBACK (publisher_event_cb), NULL);
  phase_begin (&sync, "sync");
  event ("win.sync activated");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  iterate (50);
  wait_until (publisher_idle, publisher, 600);
  iterate (300);
  phase_end (&sync);
  g_printerr ("  sync: %s (%u of %u)\n", sb_publisher_get_state_text (publisher),
              sb_publisher_get_done (publisher), sb_publisher_get_total (publisher));

  if (csv != NULL)
    {
      phase_print (&dry, &m_dry);
      phase_print (&import, &m_import);
      phase_text (&dry, ours);
      phase_text (&import, ours);
    }
  phase_print (&sync, &m_sync);
  phase_text (&sync, ours);
  longest = MAX (m_dry, MAX (m_import, m_sync));
  g_snprintf (figure, sizeof figure,
              csv != NULL ?
              "responsiveness: longest main-loop stall, import of a CP949 CSV + sync of %d products from the UI" :
              "responsiveness: longest main-loop stall, sync of %d products from the UI (no import)",
              n_products);
  {
    g_autofree char *text = g_strdup_printf ("%.0f ms — %s", longest, ours->str);

    SbPublishState state = sb_publisher_get_state (publisher);
    gboolean synced = sb_publisher_get_total (publisher) > 0 &&
                      sb_publisher_get_done (publisher) >= sb_publisher_get_total (publisher) &&
                      (state == SB_PUBLISH_UP_TO_DATE || state == SB_PUBLISH_ERRORS);

    if (!synced)
      sb_bench_note (figure, text, "—", "—", "≤ 50 ms", "**failed**: the sync did not finish");
    else
      sb_bench_result (figure, text, "—", "—", "≤ 50 ms", longest <= STALL_MS);
  }
  status = 0;

out:
  if (error != NULL)
    g_printerr ("sb-bench-responsiveness: %s\n", error->message);
  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  sb_bench_sandbox_stop (&sandbox);
  for (guint i = 0; i < SB_BENCH_N_PICTURES; i++)
    {
      if (image_paths[i] != NULL)
        g_unlink (image_paths[i]);
      g_free (image_paths[i]);
    }
  return status;
}
