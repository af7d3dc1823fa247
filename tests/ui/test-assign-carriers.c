/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-assign-carriers.c: the catalogue's "Assign Carriers" under Xvfb
 * against a real store — the action enabled by a selection, the dialog
 * listing the cached carriers of the seller's origin, adding a carrier
 * to some products and replacing the carriers of others, a carrier that
 * cannot carry a heavy product's parcel left out of it, the changes in
 * the store and queued in the outbox; screenshots of the dialog (also at
 * 360 px) and of the window with the outcome toast, in the language of
 * the run.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sb-assign-carriers-dialog.h"
#include "sb-catalogue-view.h"
#include "sb-store.h"
#include "sb-test-ui.h"
#include "sb-window.h"

typedef struct
{
  char    *dir;
  SbStore *store;
} Fixture;

static SbProduct *
make_product (const char *offer_id,
              const char *title,
              guint       weight_g)
{
  SbProduct *product = sb_product_new (offer_id);
  SbVariant *variant = sb_variant_new ();

  sb_product_set_title (product, SB_LANG_EN, title);
  product->category_id = g_strdup ("1001");
  product->weight_g = weight_g;
  product->length_mm = 300;
  product->width_mm = 200;
  product->height_mm = 100;
  product->handling_days = 2;
  sb_product_add_carrier (product, "kr_ems");
  product->sync_state = SB_SYNC_ACTIVE;
  variant->sku = g_strdup_printf ("%s-1", offer_id);
  variant->price_minor = 12900;
  memcpy (variant->currency, "KRW", 4);
  variant->stock = 3;
  sb_product_add_variant (product, variant);
  return product;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *carriers = NULL;
  g_autofree char *carriers_path = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *ids[] = { "A-TEE", "B-MUG", "C-KETTLEBELL", "D-SOCKS" };
  const char *titles[] = { "Cotton T-shirt", "Ceramic mug", "Cast iron kettlebell", "Wool socks" };
  guint weights[] = { 250, 600, 8000, 120 };

  fixture->dir = g_dir_make_tmp ("sellbridge-carriers-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "catalogue.db", NULL);
  fixture->store = sb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_save_seller_json (fixture->store,
                                            "{\"country\": \"KR\", \"legal_form\": \"company\", \"payout_currency\": \"KRW\"}",
                                            &error));
  g_assert_no_error (error);
  carriers_path = g_build_filename (g_getenv ("SELLBRIDGE_SOURCE_ROOT"), "data", "sandbox", "carriers.json", NULL);
  g_assert_true (g_file_get_contents (carriers_path, &carriers, NULL, &error));
  body = g_bytes_new (carriers, strlen (carriers));
  g_assert_true (sb_store_put_reference (fixture->store, "carriers:KR", body, "\"1\"", now, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(SbProduct) product = make_product (ids[i], titles[i], weights[i]);

      g_assert_true (sb_store_save_product (fixture->store, product, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  sb_test_ui_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
wait_for_model (SbProductListModel *model)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while ((!sb_product_list_model_get_counted (model) || sb_product_list_model_get_loading (model)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return !sb_product_list_model_get_loading (model);
}

static gboolean
wait_not_busy (SbCatalogueView *view)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (sb_catalogue_view_get_busy (view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return !sb_catalogue_view_get_busy (view) &&
         wait_for_model (sb_catalogue_view_get_model (view));
}

static SbAssignCarriersDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (SB_IS_ASSIGN_CARRIERS_DIALOG (w))
        return SB_ASSIGN_CARRIERS_DIALOG (w);
    }
  return NULL;
}

static SbAssignCarriersDialog *
open_dialog (SbCatalogueView *view)
{
  SbAssignCarriersDialog *dialog;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "catalogue.assign-carriers", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  while (sb_assign_carriers_dialog_get_loading (dialog) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_assign_carriers_dialog_get_loading (dialog));
  return dialog;
}

static char *
carriers_of (SbStore    *store,
             const char *offer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) product = sb_store_load_product (store, offer_id, &error);

  g_assert_no_error (error);
  g_ptr_array_add (product->carrier_ids, NULL);
  return g_strjoinv (",", (GStrv) product->carrier_ids->pdata);
}

static gint64
pending_revision (SbStore    *store,
                  const char *offer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = sb_store_list_pending_ops (store, 100, &error);
  gint64 revision = -1;

  g_assert_no_error (error);
  for (guint i = 0; i < ops->len; i++)
    {
      SbOutboxOp *op = g_ptr_array_index (ops, i);

      if (op->kind == SB_OUTBOX_PUT_PRODUCT && g_strcmp0 (op->offer_id, offer_id) == 0)
        revision = op->revision;
    }
  return revision;
}

static void
test_assign (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  SbWindow *window = sb_window_new (app);
  SbCatalogueView *view;
  SbProductListModel *model;
  GtkSelectionModel *selection;
  SbAssignCarriersDialog *dialog;
  gint64 tee_revision, bell_revision, socks_revision;
  g_autofree char *ids = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  sb_window_set_store (window, fixture->store);
  gtk_window_present (GTK_WINDOW (window));
  view = sb_window_get_catalogue_view (window);
  model = sb_catalogue_view_get_model (view);
  g_assert_true (wait_for_model (model));
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  sb_catalogue_view_sort_by (view, SB_STORE_SORT_OFFER_ID, FALSE);
  sb_test_ui_iterate (50);
  g_assert_true (wait_for_model (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4);
  selection = sb_catalogue_view_get_selection (view);

  tee_revision = pending_revision (fixture->store, "A-TEE");
  bell_revision = pending_revision (fixture->store, "C-KETTLEBELL");
  socks_revision = pending_revision (fixture->store, "D-SOCKS");
  g_assert_cmpint (tee_revision, >, 0);

  /* Nothing selected: nothing to assign to. */
  gtk_widget_activate_action (GTK_WIDGET (view), "catalogue.assign-carriers", NULL);
  g_assert_null (find_dialog ());

  /* Add K-Packet to the T-shirt and the kettlebell: the kettlebell's
   * 8 kg are beyond K-Packet's 2 kg, so it keeps only EMS. */
  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_selection_model_select_item (selection, 2, FALSE);
  dialog = open_dialog (view);
  g_assert_cmpstr (sb_assign_carriers_dialog_get_origin (dialog), ==, "KR");
  g_assert_cmpuint (sb_assign_carriers_dialog_get_n_carriers (dialog), ==, 4);
  g_assert_false (sb_assign_carriers_dialog_set_chosen (dialog, "ru_cdek", TRUE));
  /* Nothing chosen: the dialog says so and stays. */
  g_assert_false (sb_assign_carriers_dialog_apply (dialog));
  {
    GtkWidget *label = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), SB_TYPE_ASSIGN_CARRIERS_DIALOG, "message_label");

    g_assert_true (gtk_widget_get_visible (label));
    g_assert_true (sb_test_ui_text_is_in_language (gtk_label_get_text (GTK_LABEL (label))));
  }
  g_assert_true (sb_assign_carriers_dialog_set_chosen (dialog, "kr_kpacket", TRUE));
  g_assert_false (gtk_widget_get_visible ((GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), SB_TYPE_ASSIGN_CARRIERS_DIALOG,
                                                                         "message_label")));
  sb_assign_carriers_dialog_set_assign (dialog, SB_CARRIER_ASSIGN_ADD);
  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  g_free (sb_test_ui_save_screenshot (GTK_WIDGET (dialog), "assign-carriers"));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 640);
  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  g_free (sb_test_ui_save_screenshot (GTK_WIDGET (dialog), "assign-carriers-narrow"));
  g_assert_true (sb_assign_carriers_dialog_apply (dialog));
  g_assert_true (wait_not_busy (view));
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  g_free (sb_test_ui_save_screenshot (GTK_WIDGET (window), "assign-carriers-done"));
  /* After the count's toast, the one about the refused carrier, which
   * stays until dismissed. */
  sb_test_ui_iterate (5600);
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  g_free (sb_test_ui_save_screenshot (GTK_WIDGET (window), "assign-carriers-refused"));

  ids = carriers_of (fixture->store, "A-TEE");
  g_assert_cmpstr (ids, ==, "kr_ems,kr_kpacket");
  g_clear_pointer (&ids, g_free);
  ids = carriers_of (fixture->store, "C-KETTLEBELL");
  g_assert_cmpstr (ids, ==, "kr_ems");
  g_clear_pointer (&ids, g_free);
  ids = carriers_of (fixture->store, "B-MUG");
  g_assert_cmpstr (ids, ==, "kr_ems");   /* not selected */
  g_clear_pointer (&ids, g_free);
  /* Queued for sync: a newer revision of the T-shirt waits in the outbox;
   * the kettlebell, unchanged, was not written again. */
  g_assert_cmpint (pending_revision (fixture->store, "A-TEE"), >, tee_revision);
  g_assert_cmpint (pending_revision (fixture->store, "C-KETTLEBELL"), ==, bell_revision);

  /* Replace the socks' carriers with CJ and Cainiao. */
  gtk_selection_model_select_item (selection, 3, TRUE);
  dialog = open_dialog (view);
  g_assert_true (sb_assign_carriers_dialog_set_chosen (dialog, "kr_cj_express", TRUE));
  g_assert_true (sb_assign_carriers_dialog_set_chosen (dialog, "kr_cainiao", TRUE));
  sb_assign_carriers_dialog_set_assign (dialog, SB_CARRIER_ASSIGN_REPLACE);
  g_assert_true (sb_assign_carriers_dialog_apply (dialog));
  g_assert_true (wait_not_busy (view));
  ids = carriers_of (fixture->store, "D-SOCKS");
  g_assert_cmpstr (ids, ==, "kr_cj_express,kr_cainiao");
  g_assert_cmpint (pending_revision (fixture->store, "D-SOCKS"), >, socks_revision);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);
  g_test_add ("/assign-carriers/assign", Fixture, NULL, fixture_set_up, test_assign, fixture_tear_down);
  return g_test_run ();
}
