/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-publishing.c: "Sync now" from the window against the real
 * sellbridge-sandbox on a loopback port — the progress bar (n of N), the
 * header's sync state, a product the marketplace rejects shown as
 * rejected in the catalogue with its field error at the field in the
 * editor, a toast for it, and the offline state; screenshots in the
 * language of the run.  "Sync now" while another run over the same
 * catalogue holds the sync engine's lock (as the onboarding session's
 * does): the window waits and then runs, quietly, each product reaches
 * the server once, and the onboarding status view takes the seller's
 * status the run pulled.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sb-catalogue-view.h"
#include "sb-onboarding-session.h"
#include "sb-product-editor.h"
#include "sb-publisher.h"
#include "sb-store.h"
#include "sb-test-sync.h"
#include "sb-test-ui.h"
#include "sb-window.h"

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Keeps the loops below waking up, so that their deadlines hold even
 * when nothing else happens. */
static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
test_sync_now (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *dir = g_dir_make_tmp ("sellbridge-publish-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "catalogue.db", NULL);
  g_autofree char *image = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *editor_shot = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  SbTestSandbox *sandbox = sb_test_sandbox_start (NULL);
  SbWindow *window;
  SbPublisher *publisher;
  SbCatalogueView *view;
  SbProductListModel *model;
  SbProductEditor *editor;
  AdwWindowTitle *title;
  GtkRevealer *revealer;
  gboolean saw_running = FALSE;
  gint64 deadline;
  guint max_total = 0;
  guint wake;

  g_assert_no_error (error);
  store = sb_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_save_seller_json (store, sb_test_seller_json ("KR"), &error));
  image = sb_test_write_png (dir, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *offer_id = g_strdup_printf ("KR-TEE-%u", i);

      g_ptr_array_add (products, sb_test_product_new ("KR", offer_id, image));
    }
  /* One the marketplace refuses: no English title. */
  {
    SbProduct *bad = sb_test_product_new ("KR", "KR-BAD-1", image);

    sb_product_set_title (bad, SB_LANG_EN, NULL);
    g_ptr_array_add (products, bad);
  }
  g_assert_true (sb_store_save_products (store, products, &error));
  g_assert_no_error (error);

  g_settings_set_string (settings, "endpoint", sandbox->url);
  window = sb_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  sb_window_set_store (window, store);
  publisher = sb_window_get_publisher (window);
  g_assert_nonnull (publisher);
  sb_publisher_set_credentials (publisher, sandbox->key, sandbox->secret);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));

  title = ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (window), SB_TYPE_WINDOW, "window_title"));
  revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (window), SB_TYPE_WINDOW, "sync_revealer"));
  g_assert_true (sb_test_ui_text_is_in_language (adw_window_title_get_subtitle (title)));

  wake = g_timeout_add (100, wake_cb, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  g_assert_true (sb_publisher_get_running (publisher));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpint (sb_publisher_get_state (publisher), ==, SB_PUBLISH_SYNCING);
  g_assert_true (sb_test_ui_text_is_in_language (adw_window_title_get_subtitle (title)));

  deadline = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;
  while (sb_publisher_get_running (publisher) && g_get_monotonic_time () < deadline)
    {
      saw_running = TRUE;
      max_total = MAX (max_total, sb_publisher_get_total (publisher));
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (saw_running);
  g_assert_false (sb_publisher_get_running (publisher));
  g_assert_cmpuint (max_total, >, 0);
  g_assert_cmpuint (sb_publisher_get_done (publisher), ==, sb_publisher_get_total (publisher));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* One product rejected: the header asks for attention. */
  g_assert_cmpint (sb_publisher_get_state (publisher), ==, SB_PUBLISH_ERRORS);
  g_assert_true (sb_test_ui_text_is_in_language (adw_window_title_get_subtitle (title)));

  view = sb_window_get_catalogue_view (window);
  model = sb_catalogue_view_get_model (view);
  sb_catalogue_view_set_status_filter (view, TRUE, SB_SYNC_REJECTED);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((sb_product_list_model_get_loading (model) ||
          g_list_model_get_n_items (G_LIST_MODEL (model)) != 1) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  sb_catalogue_view_set_status_filter (view, FALSE, SB_SYNC_DRAFT);
  sb_test_ui_iterate (300);
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (window), "catalogue-after-sync");

  /* The marketplace's field error is shown at the field. */
  editor = sb_window_open_editor (window, "KR-BAD-1");
  sb_test_ui_wait_editor (editor);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (sb_test_ui_editor_child (editor, "title_en_error"))));
  gtk_window_set_default_size (GTK_WINDOW (editor), 760, 760);
  sb_test_ui_wait_for_draw (GTK_WIDGET (editor));
  editor_shot = sb_test_ui_save_screenshot (GTK_WIDGET (editor), "product-editor-rejected");
  gtk_window_destroy (GTK_WINDOW (editor));
  g_source_remove (wake);

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "endpoint");
  sb_test_sandbox_stop (sandbox);
  g_clear_object (&store);
  remove_dir (dir);
}

static void
count_message_cb (SbPublisher *publisher,
                  const char  *text,
                  guint       *count)
{
  g_test_message ("publisher message: %s", text);
  (*count)++;
}

static void
test_sync_waits_for_running (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *dir = g_dir_make_tmp ("sellbridge-publish-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "catalogue.db", NULL);
  g_autofree char *image = NULL;
  g_autofree char *stored_status = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(SbSync) other = NULL;
  g_autoptr(GAsyncResult) other_result = NULL;
  g_autoptr(SbSyncSummary) other_summary = NULL;
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  SbTestSandbox *sandbox = sb_test_sandbox_start (NULL);
  SbOnboarding *onboarding;
  SbOnboardingStatus status;
  SbWindow *window;
  SbPublisher *publisher;
  guint messages = 0;
  guint seen = 0;
  gint64 deadline;

  g_assert_no_error (error);
  store = sb_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_save_seller_json (store, sb_test_seller_json ("KR"), &error));
  image = sb_test_write_png (dir, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *offer_id = g_strdup_printf ("KR-JOIN-%u", i);

      g_ptr_array_add (products, sb_test_product_new ("KR", offer_id, image));
    }
  g_assert_true (sb_store_save_products (store, products, &error));
  g_assert_no_error (error);

  g_settings_set_string (settings, "endpoint", sandbox->url);
  window = sb_window_new (app);
  sb_window_set_store (window, store);
  publisher = sb_window_get_publisher (window);
  sb_publisher_set_credentials (publisher, sandbox->key, sandbox->secret);
  g_signal_connect (publisher, "message", G_CALLBACK (count_message_cb), &messages);
  onboarding = sb_onboarding_session_get_model (sb_window_get_onboarding (window));
  /* The profile waits in the outbox. */
  g_assert_cmpint (sb_onboarding_get_status (onboarding), ==, SB_ONBOARDING_STATUS_QUEUED);
  gtk_window_present (GTK_WINDOW (window));

  /* Another run over the same catalogue file, e.g. the onboarding
   * session's, is going on when the seller asks for a sync. */
  client = sb_api_client_new (sandbox->url, sandbox->key, sandbox->secret, &error);
  g_assert_no_error (error);
  other = sb_sync_new (store, client);
  sb_sync_run_async (other, NULL, sb_test_store_result_cb, &other_result);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  g_assert_true (sb_publisher_get_running (publisher));
  g_assert_cmpint (sb_publisher_get_state (publisher), ==, SB_PUBLISH_SYNCING);

  other_summary = sb_sync_run_finish (other, sb_test_wait (&other_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other_summary->accepted, ==, 3);
  g_assert_true (other_summary->seller_pushed);
  /* The window's run waited for it instead of failing. */
  g_assert_true (sb_publisher_get_running (publisher));
  g_assert_cmpint (sb_publisher_get_state (publisher), ==, SB_PUBLISH_SYNCING);
  /* Nobody told the onboarding session about that run. */
  g_assert_cmpint (sb_onboarding_get_status (onboarding), ==, SB_ONBOARDING_STATUS_QUEUED);

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (sb_publisher_get_running (publisher) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_publisher_get_running (publisher));
  g_assert_cmpint (sb_publisher_get_state (publisher), ==, SB_PUBLISH_UP_TO_DATE);
  g_assert_cmpuint (messages, ==, 0);

  /* The status view shows what the window's run pulled into the store. */
  stored_status = sb_store_dup_seller_status (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sb_onboarding_status_from_string (stored_status, &status));
  g_assert_cmpint (status, >=, SB_ONBOARDING_STATUS_SUBMITTED);
  g_assert_cmpint (sb_onboarding_get_status (onboarding), ==, status);

  /* Each product reached the server once. */
  for (;;)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(SbApiStatusPage) page = NULL;

      /* The sandbox may ask to slow down after the two runs. */
      for (guint attempt = 0; page == NULL && attempt < 20; attempt++)
        {
          g_clear_object (&result);
          g_clear_error (&error);
          sb_api_client_list_products_async (client, cursor, 500, NULL, sb_test_store_result_cb, &result);
          page = sb_api_client_list_products_finish (client, sb_test_wait (&result), &error);
          if (page == NULL && sb_api_error_is_retryable (error))
            sb_test_sleep (500);
          else
            break;
        }
      g_assert_no_error (error);
      for (guint i = 0; i < page->items->len; i++)
        {
          SbApiProductStatus *item = g_ptr_array_index (page->items, i);

          g_assert_cmpint (item->version, ==, 1);
          seen++;
        }
      if (page->items->len < 500 || page->next_cursor == NULL)
        break;
      g_free (cursor);
      cursor = g_strdup (page->next_cursor);
    }
  g_assert_cmpuint (seen, ==, 3);

  g_signal_handlers_disconnect_by_data (publisher, &messages);
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "endpoint");
  sb_test_sandbox_stop (sandbox);
  g_clear_object (&store);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);
  g_test_add_func ("/publishing/sync-now", test_sync_now);
  g_test_add_func ("/publishing/sync-waits-for-running", test_sync_waits_for_running);
  return g_test_run ();
}
