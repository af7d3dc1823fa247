/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-catalogue.c: the catalogue workspace under Xvfb against a real
 * store in a temporary folder — the welcome page until there is a seller
 * or a product, the empty state, the list with its columns, search in
 * Korean and Russian, the status filter, sorting by a column header,
 * bulk actions on a multi-selection, and screenshots of each view (also
 * at 360 px) in the language of the run.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sb-catalogue-view.h"
#include "sb-product-item.h"
#include "sb-store.h"
#include "sb-test-ui.h"
#include "sb-window.h"

typedef struct
{
  char    *dir;
  SbStore *store;
} Fixture;

static SbProduct *
make_product (const char  *offer_id,
              const char  *en,
              const char  *ko,
              const char  *ru,
              SbSyncState  state,
              gint64       price_minor,
              gint64       stock,
              guint        n_variants)
{
  SbProduct *product = sb_product_new (offer_id);

  sb_product_set_title (product, SB_LANG_EN, en);
  sb_product_set_title (product, SB_LANG_KO, ko);
  sb_product_set_title (product, SB_LANG_RU, ru);
  product->category_id = g_strdup ("1001");
  product->weight_g = 250;
  product->length_mm = 300;
  product->width_mm = 200;
  product->height_mm = 30;
  product->sync_state = state;
  for (guint i = 0; i < n_variants; i++)
    {
      SbVariant *variant = sb_variant_new ();

      variant->sku = g_strdup_printf ("%s-%u", offer_id, i);
      variant->price_minor = price_minor + i * 1000;
      memcpy (variant->currency, "KRW", 4);
      variant->stock = stock;
      sb_variant_set_option (variant, "size", i == 0 ? "S" : i == 1 ? "M" : "L");
      sb_product_add_variant (product, variant);
    }
  return product;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("sellbridge-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "catalogue.db", NULL);
  fixture->store = sb_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  sb_test_ui_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static void
seed (Fixture *fixture)
{
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sync_result_free);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (products, make_product ("HB-TEE-001", "Cotton T-shirt", "면 티셔츠", "Хлопковая футболка",
                                           SB_SYNC_ACTIVE, 12900, 25, 3));
  g_ptr_array_add (products, make_product ("HB-MUG-002", "Ceramic mug", "도자기 머그컵", "Керамическая кружка",
                                           SB_SYNC_PENDING_REVIEW, 8900, 40, 1));
  g_ptr_array_add (products, make_product ("HB-CAP-003", "Baseball cap", "야구 모자", "Бейсболка",
                                           SB_SYNC_REJECTED, 15000, 0, 2));
  g_ptr_array_add (products, make_product ("HB-SOCK-004", "Wool socks", "울 양말", "Шерстяные носки",
                                           SB_SYNC_DRAFT, 5000, 100, 1));
  g_ptr_array_add (products, make_product ("HB-BAG-005", "Canvas tote bag", "캔버스 토트백", "Холщовая сумка-тоут",
                                           SB_SYNC_QUEUED, 19900, 12, 1));
  for (guint i = 6; i <= 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("HB-TEA-%03u", i);
      g_autofree char *en = g_strdup_printf ("Green tea, pack %u", i);
      g_autofree char *ko = g_strdup_printf ("녹차 %u팩", i);
      g_autofree char *ru = g_strdup_printf ("Зелёный чай, упаковка %u", i);

      g_ptr_array_add (products, make_product (id, en, ko, ru, SB_SYNC_ACTIVE, 3000 + i * 10, i, 1));
    }
  g_assert_true (sb_store_save_products (fixture->store, products, &error));
  g_assert_no_error (error);

  /* The marketplace accepted every product that was not a draft or
   * still waiting… */
  {
    g_autoptr(GPtrArray) ops = sb_store_list_pending_ops (fixture->store, 1000, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < ops->len; i++)
      {
        SbOutboxOp *op = g_ptr_array_index (ops, i);
        g_autoptr(SbSyncResult) result = NULL;

        if (g_str_equal (op->offer_id, "HB-BAG-005"))
          continue;
        result = sb_sync_result_new (op->offer_id);
        result->revision = op->revision;
        result->outcome = SB_SYNC_OUTCOME_ACCEPTED;
        result->server_version = 1;
        result->status = SB_SYNC_PENDING_REVIEW;
        g_assert_true (sb_store_finish_op (fixture->store, op->id, result, &error));
        g_assert_no_error (error);
      }
  }

  /* … and moderation answered, as a status pull brings it. */
  for (guint i = 0; i < products->len; i++)
    {
      SbProduct *product = g_ptr_array_index (products, i);
      SbSyncResult *result;

      if (product->sync_state == SB_SYNC_DRAFT || product->sync_state == SB_SYNC_QUEUED)
        continue;
      result = sb_sync_result_new (product->offer_id);
      result->outcome = SB_SYNC_OUTCOME_ACCEPTED;
      result->server_version = 1;
      result->status = product->sync_state;
      if (product->sync_state == SB_SYNC_PENDING_REVIEW)
        {
          sb_sync_result_free (result);
          continue;
        }
      if (product->sync_state == SB_SYNC_REJECTED)
        g_ptr_array_add (result->reasons,
                         sb_reason_new ("prohibited_word", NULL,
                                        "The title contains a word the marketplace does not allow."));
      g_ptr_array_add (updates, result);
    }
  g_assert_true (sb_store_apply_pull_page (fixture->store, updates, "cursor-1", &error));
  g_assert_no_error (error);
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

static SbWindow *
open_window (Fixture *fixture,
             int      width)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  SbWindow *window = sb_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 640);
  sb_window_set_store (window, fixture->store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for_model (sb_catalogue_view_get_model (sb_window_get_catalogue_view (window))));
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  /* Rows that became visible ask for their pages. */
  g_assert_true (wait_for_model (sb_catalogue_view_get_model (sb_window_get_catalogue_view (window))));
  sb_test_ui_iterate (100);
  return window;
}

static const char *
item_offer_id (GListModel *model,
               guint       position)
{
  g_autoptr(SbProductItem) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  g_assert_true (sb_product_item_get_loaded (item));
  /* The model keeps the item in its page cache, so the string stays. */
  return sb_product_item_get_offer_id (item);
}

static void
test_welcome_until_profile (Fixture       *fixture,
                            gconstpointer  data)
{
  SbWindow *window = open_window (fixture, 900);

  /* Neither a seller nor products: onboarding comes first. */
  g_assert_cmpstr (sb_window_get_visible_page (window), ==, "welcome");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_empty_state (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbCatalogueView *view;
  SbWindow *window;
  g_autofree char *shot = NULL;
  g_autofree char *narrow = NULL;
  AdwStatusPage *page;

  g_assert_true (sb_store_save_seller_json (fixture->store,
                                            "{\"country\": \"KR\", \"legal_form\": \"company\", \"store_name\": \"Hanbit Goods\"}",
                                            &error));
  g_assert_no_error (error);
  window = open_window (fixture, 900);
  view = sb_window_get_catalogue_view (window);
  /* A profile and no products: the application's status first, and the
   * catalogue one menu item away. */
  g_assert_cmpstr (sb_window_get_visible_page (window), ==, "seller-status");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-catalogue", NULL);
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (sb_window_get_visible_page (window), ==, "catalogue");
  g_assert_cmpstr (sb_catalogue_view_get_visible_page (view), ==, "empty");
  g_assert_cmpint (sb_catalogue_view_get_lang (view), ==, SB_LANG_KO);

  page = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (view), SB_TYPE_CATALOGUE_VIEW, "empty_page"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_true (sb_test_ui_text_is_in_language (adw_status_page_get_title (page)));
  g_assert_true (sb_test_ui_text_is_in_language (adw_status_page_get_description (page)));
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (window), "catalogue-empty");

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  narrow = sb_test_ui_save_screenshot (GTK_WIDGET (window), "catalogue-empty-narrow");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  SbWindow *window;
  SbCatalogueView *view;
  SbProductListModel *model;
  GtkColumnView *column_view;
  GListModel *columns;
  g_autofree char *shot = NULL;
  g_autofree char *narrow = NULL;

  seed (fixture);
  window = open_window (fixture, 1100);
  view = sb_window_get_catalogue_view (window);
  model = sb_catalogue_view_get_model (view);

  /* Products, and no seller profile yet: the catalogue is shown. */
  g_assert_cmpstr (sb_window_get_visible_page (window), ==, "catalogue");
  g_assert_cmpstr (sb_catalogue_view_get_visible_page (view), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 40);

  /* Every column has a translated title. */
  column_view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (view), SB_TYPE_CATALOGUE_VIEW, "column_view"));
  columns = gtk_column_view_get_columns (column_view);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 7);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_true (sb_test_ui_text_is_in_language (gtk_column_view_column_get_title (column)));
    }

  /* States and the rejection's reason came through the store. */
  {
    g_autoptr(SbStoreQuery) query = sb_store_query_new ();
    g_autoptr(GPtrArray) rows = NULL;
    const SbProductSummary *cap;

    query->filter_status = TRUE;
    query->status = SB_SYNC_REJECTED;
    rows = sb_store_list_products (fixture->store, query, 0, 10, NULL);
    g_assert_cmpuint (rows->len, ==, 1);
    cap = g_ptr_array_index (rows, 0);
    g_assert_cmpstr (cap->offer_id, ==, "HB-CAP-003");
    g_assert_cmpuint (cap->reasons->len, ==, 1);
  }

  /* Only the pages near the visible rows are read. */
  g_assert_cmpuint (sb_product_list_model_get_n_cached_pages (model), ==, 1);

  shot = sb_test_ui_save_screenshot (GTK_WIDGET (window), "catalogue");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  narrow = sb_test_ui_save_screenshot (GTK_WIDGET (window), "catalogue-narrow");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_search_filter_sort (Fixture       *fixture,
                         gconstpointer  data)
{
  SbWindow *window;
  SbCatalogueView *view;
  SbProductListModel *model;
  g_autofree char *shot = NULL;

  seed (fixture);
  window = open_window (fixture, 1000);
  view = sb_window_get_catalogue_view (window);
  model = sb_catalogue_view_get_model (view);

  /* Korean: a substring inside a word. */
  sb_catalogue_view_set_search (view, "셔츠");
  g_assert_true (wait_for_model (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  sb_test_ui_iterate (50);
  g_assert_true (wait_for_model (model));
  g_assert_cmpstr (item_offer_id (G_LIST_MODEL (model), 0), ==, "HB-TEE-001");

  /* Russian: a substring inside a word. */
  sb_catalogue_view_set_search (view, "ружк");
  g_assert_true (wait_for_model (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  /* Many matches, then a SKU. */
  sb_catalogue_view_set_search (view, "녹차");
  g_assert_true (wait_for_model (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 35);
  sb_catalogue_view_set_search (view, "HB-CAP-003-1");
  g_assert_true (wait_for_model (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  /* Nothing matches: say so. */
  sb_catalogue_view_set_search (view, "없는상품");
  g_assert_true (wait_for_model (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpstr (sb_catalogue_view_get_visible_page (view), ==, "no-results");
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (window), "catalogue-no-results");

  /* The status filter. */
  sb_catalogue_view_set_search (view, NULL);
  sb_catalogue_view_set_status_filter (view, TRUE, SB_SYNC_REJECTED);
  g_assert_true (wait_for_model (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  sb_test_ui_iterate (50);
  g_assert_true (wait_for_model (model));
  g_assert_cmpstr (item_offer_id (G_LIST_MODEL (model), 0), ==, "HB-CAP-003");
  sb_catalogue_view_set_status_filter (view, FALSE, SB_SYNC_DRAFT);
  g_assert_true (wait_for_model (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 40);

  /* Sorting by a column header sorts in the store. */
  sb_catalogue_view_sort_by (view, SB_STORE_SORT_STOCK, TRUE);
  g_assert_cmpint (sb_product_list_model_get_query (model)->sort, ==, SB_STORE_SORT_STOCK);
  g_assert_true (sb_product_list_model_get_query (model)->descending);
  g_assert_true (wait_for_model (model));
  sb_test_ui_iterate (50);
  g_assert_true (wait_for_model (model));
  g_assert_cmpstr (item_offer_id (G_LIST_MODEL (model), 0), ==, "HB-SOCK-004");

  sb_catalogue_view_sort_by (view, SB_STORE_SORT_OFFER_ID, FALSE);
  g_assert_cmpint (sb_product_list_model_get_query (model)->sort, ==, SB_STORE_SORT_OFFER_ID);
  g_assert_false (sb_product_list_model_get_query (model)->descending);
  g_assert_true (wait_for_model (model));
  sb_test_ui_iterate (50);
  g_assert_true (wait_for_model (model));
  g_assert_cmpstr (item_offer_id (G_LIST_MODEL (model), 0), ==, "HB-BAG-005");

  gtk_window_destroy (GTK_WINDOW (window));
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

static GtkWindow *
find_dialog (SbWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      /* The toplevel list holds a reference; returning ours is safe. */
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        return w;
    }
  return NULL;
}

static void
test_bulk_actions (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) tee = NULL;
  g_autoptr(SbProduct) mug = NULL;
  g_autoptr(SbBulkEdit) stock = sb_bulk_edit_new (SB_BULK_EDIT_SET_STOCK);
  SbWindow *window;
  SbCatalogueView *view;
  SbProductListModel *model;
  GtkSelectionModel *selection;
  GtkActionBar *action_bar;
  GtkWindow *dialog;
  g_autofree char *shot = NULL;

  seed (fixture);
  window = open_window (fixture, 1000);
  view = sb_window_get_catalogue_view (window);
  model = sb_catalogue_view_get_model (view);
  selection = sb_catalogue_view_get_selection (view);
  action_bar = GTK_ACTION_BAR (gtk_widget_get_template_child (GTK_WIDGET (view), SB_TYPE_CATALOGUE_VIEW, "action_bar"));

  sb_catalogue_view_sort_by (view, SB_STORE_SORT_OFFER_ID, FALSE);
  g_assert_true (wait_for_model (model));
  sb_test_ui_iterate (50);
  g_assert_true (wait_for_model (model));
  /* HB-BAG-005, HB-CAP-003, HB-MUG-002, HB-SOCK-004, HB-TEA-…, HB-TEE-001 */
  g_assert_cmpstr (item_offer_id (G_LIST_MODEL (model), 2), ==, "HB-MUG-002");
  g_assert_cmpstr (item_offer_id (G_LIST_MODEL (model), 39), ==, "HB-TEE-001");

  g_assert_false (gtk_action_bar_get_revealed (action_bar));
  gtk_selection_model_select_item (selection, 2, FALSE);
  gtk_selection_model_select_item (selection, 39, FALSE);
  g_assert_true (gtk_action_bar_get_revealed (action_bar));

  /* Set stock, through the dialog as a seller would. */
  gtk_widget_activate_action (GTK_WIDGET (view), "catalogue.set-stock", NULL);
  sb_test_ui_iterate (100);
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (sb_test_ui_text_is_in_language (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog))));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))), 7);
  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  g_clear_pointer (&shot, g_free);
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (dialog), "catalogue-set-stock");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  gtk_window_destroy (dialog);
  g_assert_true (wait_not_busy (view));

  tee = sb_store_load_product (fixture->store, "HB-TEE-001", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < tee->variants->len; i++)
    g_assert_cmpint (((SbVariant *) g_ptr_array_index (tee->variants, i))->stock, ==, 7);
  mug = sb_store_load_product (fixture->store, "HB-MUG-002", &error);
  g_assert_no_error (error);
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (mug->variants, 0))->stock, ==, 7);
  g_clear_pointer (&tee, sb_product_free);
  g_clear_pointer (&mug, sb_product_free);

  /* Raise prices by 60 %: the dialog warns about the large change. */
  gtk_widget_activate_action (GTK_WIDGET (view), "catalogue.change-price", NULL);
  sb_test_ui_iterate (100);
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  {
    GtkWidget *box = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
    GtkSpinButton *spin = g_object_get_data (G_OBJECT (box), "sb-spin");
    GtkWidget *warning = g_object_get_data (G_OBJECT (box), "sb-warning");

    g_assert_false (gtk_widget_get_visible (warning));
    gtk_spin_button_set_value (spin, 60);
    g_assert_true (gtk_widget_get_visible (warning));
    g_assert_true (sb_test_ui_text_is_in_language (gtk_label_get_text (GTK_LABEL (warning))));
  }
  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  g_clear_pointer (&shot, g_free);
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (dialog), "catalogue-change-price");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  gtk_window_destroy (dialog);
  g_assert_true (wait_not_busy (view));

  tee = sb_store_load_product (fixture->store, "HB-TEE-001", &error);
  g_assert_no_error (error);
  /* 12900 · 1.6 = 20640; 13900 · 1.6 = 22240 (KRW has no minor unit). */
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (tee->variants, 0))->price_minor, ==, 20640);
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (tee->variants, 1))->price_minor, ==, 22240);
  g_clear_pointer (&tee, sb_product_free);

  /* The list shows the new prices without losing the selection. */
  g_assert_true (gtk_selection_model_is_selected (selection, 39));
  {
    g_autoptr(SbProductItem) item = g_list_model_get_item (G_LIST_MODEL (model), 39);
    const SbProductSummary *summary = sb_product_item_get_summary (item);

    g_assert_nonnull (summary);
    g_assert_cmpint (summary->min_price_minor, ==, 20640);
    g_assert_cmpint (summary->total_stock, ==, 21);
  }

  /* Delete both. */
  gtk_widget_activate_action (GTK_WIDGET (view), "catalogue.delete-selected", NULL);
  sb_test_ui_iterate (100);
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (sb_test_ui_text_is_in_language (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog))));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  gtk_window_destroy (dialog);
  g_assert_true (wait_not_busy (view));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 38);
  g_assert_false (sb_store_has_product (fixture->store, "HB-TEE-001", NULL));
  g_assert_false (gtk_action_bar_get_revealed (action_bar));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);
  g_test_add ("/catalogue/welcome-until-profile", Fixture, NULL, fixture_set_up, test_welcome_until_profile, fixture_tear_down);
  g_test_add ("/catalogue/empty", Fixture, NULL, fixture_set_up, test_empty_state, fixture_tear_down);
  g_test_add ("/catalogue/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/catalogue/search-filter-sort", Fixture, NULL, fixture_set_up, test_search_filter_sort, fixture_tear_down);
  g_test_add ("/catalogue/bulk-actions", Fixture, NULL, fixture_set_up, test_bulk_actions, fixture_tear_down);
  return g_test_run ();
}
