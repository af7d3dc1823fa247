/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-sync.c: "Sync now" from the real main window against a real
 * sellbridge-sandbox on a random loopback port.  A clean run reaches
 * "N of N" in the header's progress bar and ends up to date; a run with
 * injected 503s shows a toast and still finishes; a wrong secret shows
 * the toast that leads to Preferences; a product changed on both sides
 * opens the conflict dialog with both versions, and the seller's choice
 * clears the conflict.  Screenshots of the sync in progress and of the
 * conflict dialog, at full width and at 360 px.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-conflict-dialog.h"
#include "sb-product-json.h"
#include "sb-store.h"
#include "sb-sync-indicator.h"
#include "sb-test-sync.h"
#include "sb-test-ui.h"
#include "sb-window.h"

#define N_PRODUCTS 12

typedef struct {
  SbTestSandbox *sandbox;
  char          *dir;
  SbWindow      *window;
  SbSyncController *controller;
  GSettings     *settings;
  guint          max_done;
  char          *last_progress_text;
  gboolean       finished;
} Fixture;

static void
progress_cb (SbSyncController *controller,
             GParamSpec       *pspec,
             Fixture          *f)
{
  SbSyncIndicator *indicator = SB_SYNC_INDICATOR (sb_publish_actions_get_indicator (sb_window_get_publish_actions (f->window)));
  const char *text = sb_sync_indicator_get_progress_text (indicator);

  f->max_done = MAX (f->max_done, sb_sync_controller_get_done (controller));
  g_assert_cmpuint (sb_sync_controller_get_done (controller), <=, sb_sync_controller_get_total (controller));
  if (text != NULL)
    {
      g_free (f->last_progress_text);
      f->last_progress_text = g_strdup (text);
    }
}

static void
finished_cb (SbSyncController *controller,
             Fixture          *f)
{
  f->finished = TRUE;
}

static void
fixture_set_up (Fixture            *f,
                const char * const *sandbox_args)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autofree char *db = NULL;
  g_autofree char *image = NULL;

  f->dir = g_dir_make_tmp ("sellbridge-ui-sync-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "catalogue.db", NULL);
  g_setenv ("SELLBRIDGE_DB", db, TRUE);

  f->sandbox = sb_test_sandbox_start (sandbox_args);
  f->settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (f->settings, "endpoint", f->sandbox->url);
  g_setenv ("SELLBRIDGE_API_KEY", f->sandbox->key, TRUE);
  g_setenv ("SELLBRIDGE_API_SECRET", f->sandbox->secret, TRUE);

  store = sb_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_save_seller_json (store, sb_test_seller_json ("KR"), &error));
  image = sb_test_write_png (f->dir, 1);
  for (guint i = 0; i < N_PRODUCTS; i++)
    {
      g_autofree char *offer_id = g_strdup_printf ("UI-%03u", i);
      g_autoptr(SbProduct) product = sb_test_product_new ("KR", offer_id, image);

      g_assert_true (sb_store_save_product (store, product, &error));
      g_assert_no_error (error);
    }

  f->window = sb_window_new (app);
  f->controller = sb_publish_actions_get_controller (sb_window_get_publish_actions (f->window));
  g_assert_cmpstr (sb_sync_controller_get_db_path (f->controller), ==, db);
  g_signal_connect (f->controller, "notify::done", G_CALLBACK (progress_cb), f);
  g_signal_connect (f->controller, "finished", G_CALLBACK (finished_cb), f);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 640);
  gtk_window_present (GTK_WINDOW (f->window));
  sb_test_ui_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture *f)
{
  g_signal_handlers_disconnect_by_data (f->controller, f);
  gtk_window_destroy (GTK_WINDOW (f->window));
  sb_test_ui_iterate (50);
  sb_test_sandbox_stop (f->sandbox);
  g_settings_reset (f->settings, "endpoint");
  g_clear_object (&f->settings);
  g_unsetenv ("SELLBRIDGE_API_KEY");
  g_unsetenv ("SELLBRIDGE_API_SECRET");
  g_unsetenv ("SELLBRIDGE_DB");
  g_free (f->last_progress_text);
  /* The temporary folder is left for a person to look at on failure;
   * it is small. */
  g_free (f->dir);
}

/* Runs "Sync now" through the window's action and waits for the end;
 * @shot names a screenshot taken while the run is under way. */
static void
sync_now (Fixture    *f,
          const char *shot)
{
  gboolean shot_taken = shot == NULL;

  f->finished = FALSE;
  f->max_done = 0;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
  g_assert_cmpint (sb_sync_controller_get_status (f->controller), ==, SB_SYNC_STATUS_SYNCING);
  /* A second request while a run is under way does nothing. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "sync"));
  while (!f->finished)
    {
      g_main_context_iteration (NULL, TRUE);
      if (!shot_taken && sb_sync_controller_get_done (f->controller) > 0 &&
          sb_sync_controller_get_status (f->controller) == SB_SYNC_STATUS_SYNCING)
        {
          g_autofree char *path = NULL;

          gtk_widget_queue_draw (GTK_WIDGET (f->window));
          gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
          path = sb_test_ui_save_screenshot (GTK_WIDGET (f->window), shot);
          shot_taken = TRUE;
        }
    }
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "sync"));
}

static void
test_sync_now (void)
{
  const char *args[] = { "--moderation-delay=0", NULL };
  Fixture f = { 0 };
  SbSyncIndicator *indicator;
  g_autofree char *expected = NULL;
  g_autofree char *shot = NULL;
  const SbSyncSummary *summary;

  fixture_set_up (&f, args);
  indicator = SB_SYNC_INDICATOR (sb_publish_actions_get_indicator (sb_window_get_publish_actions (f.window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (indicator)));

  sync_now (&f, NULL);
  g_assert_null (sb_sync_controller_get_last_error (f.controller));
  summary = sb_sync_controller_get_summary (f.controller);
  g_assert_nonnull (summary);
  g_assert_cmpuint (summary->accepted, ==, N_PRODUCTS);
  g_assert_cmpuint (summary->rejected, ==, 0);
  g_assert_cmpint (summary->pending, ==, 0);

  /* The progress bar counted up to N of N, and the header says so. */
  g_assert_cmpuint (sb_sync_controller_get_total (f.controller), >=, N_PRODUCTS);
  g_assert_cmpuint (f.max_done, ==, sb_sync_controller_get_total (f.controller));
  expected = g_strdup_printf (_("%u of %u"), f.max_done, f.max_done);
  g_assert_cmpstr (f.last_progress_text, ==, expected);
  g_assert_cmpint (sb_sync_controller_get_status (f.controller), ==, SB_SYNC_STATUS_UP_TO_DATE);
  g_assert_true (sb_test_ui_text_is_in_language (sb_sync_indicator_get_label (indicator)));
  g_assert_null (sb_sync_indicator_get_progress_text (indicator));

  sb_test_ui_wait_for_draw (GTK_WIDGET (f.window));
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (f.window), "sync-up-to-date");
  fixture_tear_down (&f);
}

static void
test_sync_transient_toast (void)
{
  const char *args[] = { "--fault-rate=0.3", "--fault-kinds=503", "--seed=11", "--moderation-delay=0", NULL };
  Fixture f = { 0 };
  AdwToast *toast;
  const SbSyncSummary *summary;
  g_autofree char *shot = NULL;

  fixture_set_up (&f, args);
  sync_now (&f, "sync-in-progress");

  summary = sb_sync_controller_get_summary (f.controller);
  g_assert_nonnull (summary);
  g_assert_cmpuint (summary->retries, >, 0);
  g_assert_cmpuint (summary->accepted, ==, N_PRODUCTS);
  toast = sb_publish_actions_get_last_toast (sb_window_get_publish_actions (f.window));
  g_assert_nonnull (toast);
  g_assert_true (sb_test_ui_text_is_in_language (adw_toast_get_title (toast)));
  g_assert_cmpint (sb_sync_controller_get_status (f.controller), ==, SB_SYNC_STATUS_UP_TO_DATE);

  /* The same, at the narrowest width the window allows. */
  gtk_window_set_default_size (GTK_WINDOW (f.window), 360, 640);
  sb_test_ui_wait_for_draw (GTK_WIDGET (f.window));
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (f.window), "sync-toast-narrow");
  fixture_tear_down (&f);
}

static void
test_sync_wrong_key (void)
{
  const char *args[] = { NULL };
  Fixture f = { 0 };
  AdwToast *toast;

  fixture_set_up (&f, args);
  g_setenv ("SELLBRIDGE_API_SECRET", "not-the-secret", TRUE);
  sync_now (&f, NULL);
  g_assert_cmpint (sb_sync_controller_get_status (f.controller), ==, SB_SYNC_STATUS_ERRORS);
  g_assert_nonnull (sb_sync_controller_get_last_error (f.controller));
  toast = sb_publish_actions_get_last_toast (sb_window_get_publish_actions (f.window));
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "app.preferences");
  g_assert_true (sb_test_ui_text_is_in_language (adw_toast_get_title (toast)));
  fixture_tear_down (&f);
}

/* Changes the product's English title on the server, as another tool of
 * the seller would. */
static void
change_on_server (Fixture    *f,
                  SbProduct  *product)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbApiClient) client = sb_api_client_new (f->sandbox->url, f->sandbox->key, f->sandbox->secret, &error);
  g_autoptr(SbProduct) copy = sb_product_copy (product);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SbApiWriteResult) written = NULL;

  g_assert_no_error (error);
  sb_product_set_title (copy, SB_LANG_EN, "Cotton T-shirt, changed in the seller portal");
  body = sb_product_to_json (copy, NULL);
  sb_api_client_put_product_async (client, copy->offer_id, body, 0, NULL, sb_test_store_result_cb, &result);
  written = sb_api_client_put_product_finish (client, sb_test_wait (&result), &error);
  g_assert_no_error (error);
}

static SbConflictDialog *
find_conflict_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SB_IS_CONFLICT_DIALOG (window))
        return SB_CONFLICT_DIALOG (window);
    }
  return NULL;
}

static void
test_sync_conflict (void)
{
  const char *args[] = { "--moderation-delay=0", NULL };
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) product = NULL;
  g_autoptr(SbProduct) after = NULL;
  SbStore *store;
  SbConflictDialog *dialog;
  AdwToast *toast;
  g_autofree char *shot = NULL;
  g_autofree char *narrow = NULL;
  g_autofree char *title = NULL;

  fixture_set_up (&f, args);
  sync_now (&f, NULL);
  g_assert_cmpint (sb_sync_controller_get_status (f.controller), ==, SB_SYNC_STATUS_UP_TO_DATE);

  store = sb_sync_controller_get_store (f.controller, &error);
  g_assert_no_error (error);
  product = sb_store_load_product (store, "UI-003", &error);
  g_assert_no_error (error);
  change_on_server (&f, product);
  ((SbVariant *) g_ptr_array_index (product->variants, 0))->price_minor = 13900;
  g_assert_true (sb_store_save_product (store, product, &error));

  sync_now (&f, NULL);
  g_assert_cmpuint (sb_sync_controller_get_summary (f.controller)->conflicts, ==, 1);
  g_assert_cmpint (sb_sync_controller_get_status (f.controller), ==, SB_SYNC_STATUS_ERRORS);
  toast = sb_publish_actions_get_last_toast (sb_window_get_publish_actions (f.window));
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.resolve-conflict");

  /* The toast's button opens the dialog with both versions. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.resolve-conflict", NULL));
  dialog = find_conflict_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (sb_conflict_dialog_get_offer_id (dialog), ==, "UI-003");
  /* The title differs (server) and the price differs (here). */
  g_assert_cmpuint (sb_conflict_dialog_get_n_differences (dialog), ==, 2);
  g_assert_true (sb_test_ui_text_is_in_language (gtk_window_get_title (GTK_WINDOW (dialog))));
  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (dialog), "conflict-dialog");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 640);
  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  narrow = sb_test_ui_save_screenshot (GTK_WIDGET (dialog), "conflict-dialog-narrow");

  /* Taking the marketplace's version clears the conflict. */
  g_assert_true (sb_conflict_dialog_choose (dialog, SB_CONFLICT_CHOICE_SERVER, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  after = sb_store_load_product (store, "UI-003", &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->sync_state, !=, SB_SYNC_CONFLICT);
  g_assert_cmpstr (after->title[SB_LANG_EN], ==, "Cotton T-shirt, changed in the seller portal");
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (after->variants, 0))->price_minor, ==, 12900);
  g_assert_null (sb_store_dup_conflict_json (store, "UI-003", &error));

  fixture_tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);
  g_test_add_func ("/sync/now", test_sync_now);
  g_test_add_func ("/sync/transient-toast", test_sync_transient_toast);
  g_test_add_func ("/sync/wrong-key", test_sync_wrong_key);
  g_test_add_func ("/sync/conflict", test_sync_conflict);
  return g_test_run ();
}
