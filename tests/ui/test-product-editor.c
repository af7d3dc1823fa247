/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-product-editor.c: the product editor under Xvfb against a real
 * store — a new product from Ctrl+N's action, live character counts,
 * errors shown at their fields (the editor's own and the marketplace's
 * 422 field paths), editing an existing product, a duplicate offer id,
 * and screenshots (also at 360 px) in the language of the run.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sb-product-editor.h"
#include "sb-store.h"
#include "sb-test-ui.h"
#include "sb-window.h"

typedef struct
{
  char    *dir;
  SbStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("sellbridge-editor-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "catalogue.db", NULL);
  fixture->store = sb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_save_seller_json (fixture->store,
                                            "{\"country\": \"KR\", \"legal_form\": \"company\", \"payout_currency\": \"KRW\"}",
                                            &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  d = g_dir_open (fixture->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static gpointer
child (SbProductEditor *editor,
       const char      *name)
{
  gpointer widget = gtk_widget_get_template_child (GTK_WIDGET (editor), SB_TYPE_PRODUCT_EDITOR, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
wait_not_busy (SbProductEditor *editor)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (sb_product_editor_get_busy (editor) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_product_editor_get_busy (editor));
}

static GtkWidget *
variant_cell (SbProductEditor *editor,
              guint            row,
              guint            column)
{
  GtkWidget *widget = gtk_grid_get_child_at (GTK_GRID (child (editor, "variants_grid")), column, row + 1);

  g_assert_nonnull (widget);
  return widget;
}

static SbWindow *
open_window (Fixture *fixture)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  SbWindow *window = sb_window_new (app);

  sb_window_set_store (window, fixture->store);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static SbProductEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (SB_IS_PRODUCT_EDITOR (w))
        return SB_PRODUCT_EDITOR (w);
    }
  return NULL;
}

static gboolean
editor_closed (void)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (find_editor () != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return find_editor () == NULL;
}

static void
test_new_product (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) saved = NULL;
  SbWindow *window = open_window (fixture);
  SbProductEditor *editor;
  GtkLabel *label;
  g_autofree char *shot = NULL;
  g_autofree char *narrow = NULL;

  /* Ctrl+N's action opens an empty editor with one variant row. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-product", NULL);
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_assert_true (sb_test_ui_text_is_in_language (gtk_window_get_title (GTK_WINDOW (editor))));
  g_assert_cmpuint (sb_product_editor_get_n_variants (editor), ==, 1);
  gtk_window_set_default_size (GTK_WINDOW (editor), 760, 900);
  sb_test_ui_wait_for_draw (GTK_WIDGET (editor));

  /* The local title is Korean for a Korean seller, with its own count. */
  g_assert_true (sb_test_ui_text_is_in_language (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child (editor, "title_local_row")))));
  gtk_editable_set_text (GTK_EDITABLE (child (editor, "title_en_row")), "Cotton T-shirt");
  gtk_editable_set_text (GTK_EDITABLE (child (editor, "title_local_row")), "면 티셔츠");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (editor, "title_en_count"))), ==, "14 / 128");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (editor, "title_local_count"))), ==, "5 / 128");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (editor, "description_local_view"))),
                            "부드러운 면 100% 티셔츠입니다.", -1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (editor, "description_local_count"))), ==, "19 / 5000");

  /* A title over the limit turns its count red. */
  {
    g_autofree char *long_title = g_strnfill (129, 'x');

    gtk_editable_set_text (GTK_EDITABLE (child (editor, "title_en_row")), long_title);
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (child (editor, "title_en_count")), "error"));
    gtk_editable_set_text (GTK_EDITABLE (child (editor, "title_en_row")), "Cotton T-shirt");
    g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (child (editor, "title_en_count")), "error"));
  }

  /* A bad offer id and a price the editor cannot read: shown at the
   * fields, nothing saved. */
  gtk_editable_set_text (GTK_EDITABLE (child (editor, "offer_id_row")), "HB TEE 001");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 0, 0)), "HB-TEE-001-M");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 0, 1)), "size: M");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 0, 2)), "12900.50");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_false (sb_product_editor_get_busy (editor));
  label = child (editor, "offer_id_error");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_true (sb_test_ui_text_is_in_language (gtk_label_get_text (label)));
  label = child (editor, "variants_error");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_true (gtk_widget_has_css_class (variant_cell (editor, 0, 2), "error"));
  g_assert_false (sb_store_has_product (fixture->store, "HB-TEE-001", NULL));
  sb_test_ui_wait_for_draw (GTK_WIDGET (editor));
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (editor), "product-editor-errors");

  gtk_window_set_default_size (GTK_WINDOW (editor), 360, 700);
  sb_test_ui_wait_for_draw (GTK_WIDGET (editor));
  narrow = sb_test_ui_save_screenshot (GTK_WIDGET (editor), "product-editor-narrow");

  /* Fixed: saved on a worker thread, the editor closes and the
   * catalogue lists the product. */
  gtk_editable_set_text (GTK_EDITABLE (child (editor, "offer_id_row")), "HB-TEE-001");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 0, 2)), "12900");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (variant_cell (editor, 0, 3)), 25);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (editor, "weight_spin")), 250);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (editor, "length_spin")), 300);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (editor, "width_spin")), 200);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (editor, "height_spin")), 30);
  adw_combo_row_set_selected (child (editor, "batteries_row"), SB_BATTERIES_NONE);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_true (editor_closed ());

  saved = sb_store_load_product (fixture->store, "HB-TEE-001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->title[SB_LANG_EN], ==, "Cotton T-shirt");
  g_assert_cmpstr (saved->title[SB_LANG_KO], ==, "면 티셔츠");
  g_assert_cmpstr (saved->description[SB_LANG_KO], ==, "부드러운 면 100% 티셔츠입니다.");
  g_assert_null (saved->description[SB_LANG_EN]);
  g_assert_cmpuint (saved->variants->len, ==, 1);
  {
    SbVariant *variant = g_ptr_array_index (saved->variants, 0);

    g_assert_cmpstr (variant->sku, ==, "HB-TEE-001-M");
    g_assert_cmpint (variant->price_minor, ==, 12900);
    g_assert_cmpstr (variant->currency, ==, "KRW");
    g_assert_cmpint (variant->stock, ==, 25);
    g_assert_cmpstr (g_hash_table_lookup (variant->options, "size"), ==, "M");
  }
  g_assert_cmpuint (saved->weight_g, ==, 250);
  g_assert_cmpuint (saved->height_mm, ==, 30);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_edit_and_marketplace_errors (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) product = sb_product_new ("HB-MUG-002");
  g_autoptr(SbProduct) saved = NULL;
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  SbVariant *variant = sb_variant_new ();
  SbWindow *window = open_window (fixture);
  SbProductEditor *editor;
  g_autofree char *shot = NULL;

  sb_product_set_title (product, SB_LANG_EN, "Ceramic mug");
  sb_product_set_title (product, SB_LANG_KO, "도자기 머그컵");
  product->weight_g = 400;
  product->length_mm = product->width_mm = product->height_mm = 120;
  variant->sku = g_strdup ("HB-MUG-002");
  variant->price_minor = 8900;
  memcpy (variant->currency, "KRW", 4);
  variant->stock = 40;
  sb_product_add_variant (product, variant);
  sb_product_add_carrier (product, "kr_kpacket");
  g_assert_true (sb_store_save_product (fixture->store, product, &error));
  g_assert_no_error (error);

  editor = sb_window_open_editor (window, "HB-MUG-002");
  g_assert_nonnull (editor);
  wait_not_busy (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "title_local_row"))), ==, "도자기 머그컵");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (variant_cell (editor, 0, 2))), ==, "8900");
  g_assert_cmpuint (sb_product_editor_get_n_variants (editor), ==, 1);

  /* The marketplace's 422 field paths land at their fields. */
  g_ptr_array_add (reasons, sb_reason_new ("out_of_range", "variants[0].price.amount",
                                           "The price must be greater than zero."));
  g_ptr_array_add (reasons, sb_reason_new ("invalid", "variants[0].barcode",
                                           "The barcode check digit is wrong."));
  g_ptr_array_add (reasons, sb_reason_new ("required", "package.weight_g",
                                           "The package weight is required."));
  g_ptr_array_add (reasons, sb_reason_new ("too_few", "images",
                                           "Add at least one image."));
  sb_product_editor_show_field_errors (editor, reasons);
  g_assert_true (gtk_widget_has_css_class (variant_cell (editor, 0, 2), "error"));
  g_assert_true (gtk_widget_has_css_class (variant_cell (editor, 0, 4), "error"));
  g_assert_true (gtk_widget_get_visible (child (editor, "package_error")));
  g_assert_true (gtk_widget_get_visible (child (editor, "general_error_label")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (editor, "general_error_label"))), ==, "Add at least one image.");
  gtk_window_set_default_size (GTK_WINDOW (editor), 760, 900);
  sb_test_ui_wait_for_draw (GTK_WIDGET (editor));
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (editor), "product-editor");

  /* A second variant, then save: what the editor does not show (the
   * carriers) is kept. */
  sb_product_editor_add_variant (editor, NULL);
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 0, 1)), "color: white");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 1, 0)), "HB-MUG-002-BK");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 1, 1)), "color: black");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 1, 2)), "9900");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (variant_cell (editor, 1, 3)), 3);
  sb_product_editor_save (editor);
  g_assert_true (editor_closed ());

  saved = sb_store_load_product (fixture->store, "HB-MUG-002", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->variants->len, ==, 2);
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (saved->variants, 1))->price_minor, ==, 9900);
  g_assert_cmpuint (saved->carrier_ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (saved->carrier_ids, 0), ==, "kr_kpacket");

  /* A new product may not take an existing offer id. */
  editor = sb_window_open_editor (window, NULL);
  gtk_editable_set_text (GTK_EDITABLE (child (editor, "offer_id_row")), "HB-MUG-002");
  gtk_editable_set_text (GTK_EDITABLE (child (editor, "title_en_row")), "Another mug");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 0, 0)), "X-1");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 0, 2)), "1000");
  sb_product_editor_save (editor);
  wait_not_busy (editor);
  g_assert_true (gtk_widget_get_visible (child (editor, "offer_id_error")));
  g_assert_true (sb_test_ui_text_is_in_language (gtk_label_get_text (GTK_LABEL (child (editor, "offer_id_error")))));
  g_clear_pointer (&saved, sb_product_free);
  saved = sb_store_load_product (fixture->store, "HB-MUG-002", &error);
  g_assert_cmpstr (saved->title[SB_LANG_EN], ==, "Ceramic mug");
  gtk_window_destroy (GTK_WINDOW (editor));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);
  g_test_add ("/product-editor/new", Fixture, NULL, fixture_set_up, test_new_product, fixture_tear_down);
  g_test_add ("/product-editor/edit", Fixture, NULL, fixture_set_up, test_edit_and_marketplace_errors, fixture_tear_down);
  return g_test_run ();
}
