/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-conflict.c: a product changed both on this computer and on the
 * marketplace, found by "Sync now" from the real window against a real
 * sellbridge-sandbox on a loopback port.  The window's win.resolve-conflict
 * (the button of the conflict toast) opens the conflict dialog with both
 * versions side by side, the differing fields marked; "Keep Mine" sends
 * the local version again over the server's version, and "Use Marketplace
 * Version" stores the server copy.  A refused key ends in a toast whose
 * button opens Preferences.  Screenshots of the dialog at full width and
 * at 360 px.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sb-conflict-dialog.h"
#include "sb-product-json.h"
#include "sb-publisher.h"
#include "sb-store.h"
#include "sb-test-sync.h"
#include "sb-test-ui.h"
#include "sb-window.h"

#define N_PRODUCTS 4

typedef struct {
  SbTestSandbox *sandbox;
  char          *dir;
  SbStore       *store;
  SbWindow      *window;
  GSettings     *settings;
} Fixture;

static void
fixture_set_up (Fixture *f)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  g_autofree char *db = NULL;
  g_autofree char *image = NULL;
  const char *args[] = { "--moderation-delay=0", NULL };

  f->dir = g_dir_make_tmp ("sellbridge-ui-conflict-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "catalogue.db", NULL);
  f->store = sb_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_save_seller_json (f->store, sb_test_seller_json ("KR"), &error));
  image = sb_test_write_png (f->dir, 1);
  for (guint i = 0; i < N_PRODUCTS; i++)
    {
      g_autofree char *offer_id = g_strdup_printf ("UI-%03u", i);

      g_ptr_array_add (products, sb_test_product_new ("KR", offer_id, image));
    }
  g_assert_true (sb_store_save_products (f->store, products, &error));

  f->sandbox = sb_test_sandbox_start (args);
  f->settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (f->settings, "endpoint", f->sandbox->url);
  f->window = sb_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 640);
  sb_window_set_store (f->window, f->store);
  sb_publisher_set_credentials (sb_window_get_publisher (f->window), f->sandbox->key, f->sandbox->secret);
  gtk_window_present (GTK_WINDOW (f->window));
  sb_test_ui_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  sb_test_ui_iterate (50);
  sb_test_sandbox_stop (f->sandbox);
  g_settings_reset (f->settings, "endpoint");
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  g_free (f->dir);
}

static void
sync_now (Fixture *f)
{
  SbPublisher *publisher = sb_window_get_publisher (f->window);
  gint64 deadline = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
  g_assert_true (sb_publisher_get_running (publisher));
  while (sb_publisher_get_running (publisher) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_publisher_get_running (publisher));
}

/* Changes the product's English title on the server, as another tool of
 * the seller would. */
static void
change_on_server (Fixture         *f,
                  const SbProduct *product)
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

/* Makes @offer_id conflict: changed on the server and here, then synced. */
static void
make_conflict (Fixture    *f,
               const char *offer_id,
               gint64      local_price)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) product = sb_store_load_product (f->store, offer_id, &error);
  gint64 counts[SB_SYNC_ARCHIVED + 1] = { 0 };

  g_assert_no_error (error);
  change_on_server (f, product);
  ((SbVariant *) g_ptr_array_index (product->variants, 0))->price_minor = local_price;
  g_assert_true (sb_store_save_product (f->store, product, &error));
  sync_now (f);
  g_assert_true (sb_store_count_by_state (f->store, counts, &error));
  g_assert_cmpint (counts[SB_SYNC_CONFLICT], ==, 1);
}

static void
test_conflict (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) after = NULL;
  g_autoptr(SbProduct) mine = NULL;
  g_autofree char *json = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *narrow = NULL;
  SbConflictDialog *dialog;
  AdwToast *toast;
  gint64 counts[SB_SYNC_ARCHIVED + 1] = { 0 };

  fixture_set_up (&f);
  sync_now (&f);
  g_assert_true (sb_store_count_by_state (f.store, counts, &error));
  g_assert_cmpint (counts[SB_SYNC_CONFLICT], ==, 0);

  /* Without a conflict, the action says so and opens nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.resolve-conflict", NULL));
  g_assert_null (find_conflict_dialog ());

  make_conflict (&f, "UI-003", 13900);
  sb_test_ui_iterate (50);
  toast = sb_window_get_last_toast (f.window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.resolve-conflict");
  g_assert_true (sb_test_ui_text_is_in_language (adw_toast_get_title (toast)));

  /* The toast's button opens the dialog with both versions. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.resolve-conflict", NULL));
  dialog = find_conflict_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (sb_conflict_dialog_get_offer_id (dialog), ==, "UI-003");
  /* The title differs (server) and the price differs (here), nothing else. */
  g_assert_cmpuint (sb_conflict_dialog_get_n_differences (dialog), ==, 2);
  g_assert_true (sb_test_ui_text_is_in_language (gtk_window_get_title (GTK_WINDOW (dialog))));
  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (dialog), "conflict-dialog");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 640);
  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  narrow = sb_test_ui_save_screenshot (GTK_WIDGET (dialog), "conflict-dialog-narrow");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, 400);

  /* Taking the marketplace's version clears the conflict. */
  g_assert_true (sb_conflict_dialog_choose (dialog, SB_CONFLICT_CHOICE_SERVER, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  after = sb_store_load_product (f.store, "UI-003", &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->sync_state, !=, SB_SYNC_CONFLICT);
  g_assert_cmpstr (after->title[SB_LANG_EN], ==, "Cotton T-shirt, changed in the seller portal");
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (after->variants, 0))->price_minor, ==, 12900);
  json = sb_store_dup_conflict_json (f.store, "UI-003", &error);
  g_assert_no_error (error);
  g_assert_null (json);

  /* Keeping this computer's version sends it again, over the server's. */
  make_conflict (&f, "UI-001", 15900);
  g_assert_nonnull (sb_window_show_conflict (f.window, "UI-001"));
  dialog = find_conflict_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (sb_conflict_dialog_choose (dialog, SB_CONFLICT_CHOICE_LOCAL, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  sync_now (&f);
  mine = sb_store_load_product (f.store, "UI-001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mine->sync_state, !=, SB_SYNC_CONFLICT);
  g_assert_cmpint (mine->sync_state, !=, SB_SYNC_QUEUED);
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (mine->variants, 0))->price_minor, ==, 15900);
  g_assert_cmpint (sb_store_count_dirty (f.store, &error), ==, 0);

  fixture_tear_down (&f);
}

/* A refused key: the toast offers Preferences. */
static void
test_refused_key (void)
{
  Fixture f = { 0 };
  AdwToast *toast;

  fixture_set_up (&f);
  sb_publisher_set_credentials (sb_window_get_publisher (f.window), f.sandbox->key, "not-the-secret");
  sync_now (&f);
  g_assert_cmpint (sb_publisher_get_state (sb_window_get_publisher (f.window)), ==, SB_PUBLISH_NEEDS_CREDENTIALS);
  sb_test_ui_iterate (50);
  toast = sb_window_get_last_toast (f.window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "app.preferences");
  g_assert_true (sb_test_ui_text_is_in_language (adw_toast_get_title (toast)));
  fixture_tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);
  g_test_add_func ("/conflict/resolve", test_conflict);
  g_test_add_func ("/conflict/refused-key", test_refused_key);
  return g_test_run ();
}
