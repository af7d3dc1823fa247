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

#include "sb-category-chooser.h"
#include "sb-format.h"
#include "sb-image-strip.h"
#include "sb-pricing-panel.h"
#include "sb-product-editor.h"
#include "sb-shipping-panel.h"
#include "sb-store.h"
#include "sb-test-ui.h"
#include "sb-window.h"

typedef struct
{
  char    *dir;
  SbStore *store;
} Fixture;

static const char *category_names[SB_N_LANGS][6] = {
  { "Clothing", "T-shirts", "Brand", "Material", "Cotton", "Kitchen" },
  { "의류", "티셔츠", "브랜드", "소재", "면", "주방" },
  { "Одежда", "Футболки", "Бренд", "Материал", "Хлопок", "Кухня" },
};

static void
put_reference (SbStore    *store,
               const char *kind,
               const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_true (sb_store_put_reference (store, kind, body, "\"1\"", now, &error));
  g_assert_no_error (error);
}

static void
put_file_reference (SbStore    *store,
                    const char *kind,
                    const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("SELLBRIDGE_SOURCE_ROOT"), "data", "sandbox", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  put_reference (store, kind, contents);
}

static void
put_references (SbStore *store)
{
  for (guint lang = 0; lang < SB_N_LANGS; lang++)
    {
      const char **n = category_names[lang];
      g_autofree char *kind = g_strdup_printf ("categories:%s", sb_lang_to_code (lang));
      g_autofree char *json = g_strdup_printf (
        "{\"categories\": ["
        "{\"id\": \"100\", \"parent_id\": null, \"name\": \"%s\", \"leaf\": false},"
        "{\"id\": \"1001\", \"parent_id\": \"100\", \"name\": \"%s\", \"leaf\": true,"
        " \"commission_rate\": \"0.08\", \"variant_options\": [\"color\", \"size\"],"
        " \"attributes\": ["
        "  {\"id\": \"brand\", \"name\": \"%s\", \"type\": \"text\", \"required\": true, \"max_length\": 64},"
        "  {\"id\": \"material\", \"name\": \"%s\", \"type\": \"enum\", \"required\": true,"
        "   \"values\": [{\"id\": \"cotton\", \"name\": \"%s\"}, {\"id\": \"wool\", \"name\": \"Wool\"}]},"
        "  {\"id\": \"volume_ml\", \"name\": \"Volume\", \"type\": \"number\", \"required\": false, \"unit\": \"ml\", \"min\": 0, \"max\": 100000}]},"
        "{\"id\": \"200\", \"parent_id\": null, \"name\": \"%s\", \"leaf\": false},"
        "{\"id\": \"2001\", \"parent_id\": \"200\", \"name\": \"Mugs\", \"leaf\": true,"
        " \"commission_rate\": \"0.10\", \"variant_options\": [\"color\"], \"attributes\": []}"
        "]}", n[0], n[1], n[2], n[3], n[4], n[5]);

      put_reference (store, kind, json);
    }
  put_file_reference (store, "carriers:KR", "carriers.json");
  put_file_reference (store, "currencies", "currencies.json");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = sb_test_ui_new_seller_store ("editor", &fixture->dir);
  put_references (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  sb_test_ui_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Scrolls the editor so that @widget is at the top, for a screenshot. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, point.y + gtk_adjustment_get_value (adjustment) - 12);
  sb_test_ui_wait_for_draw (gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW));
}

static GtkWidget *
variant_cell (SbProductEditor *editor,
              guint            row,
              guint            column)
{
  GtkWidget *widget = gtk_grid_get_child_at (GTK_GRID (sb_test_ui_editor_child (editor, "variants_grid")), column, row + 1);

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
  sb_test_ui_wait_editor (editor);
  g_assert_true (sb_test_ui_text_is_in_language (gtk_window_get_title (GTK_WINDOW (editor))));
  g_assert_cmpuint (sb_product_editor_get_n_variants (editor), ==, 1);
  gtk_window_set_default_size (GTK_WINDOW (editor), 760, 900);
  sb_test_ui_wait_for_draw (GTK_WIDGET (editor));

  /* The local title is Korean for a Korean seller, with its own count. */
  g_assert_true (sb_test_ui_text_is_in_language (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (sb_test_ui_editor_child (editor, "title_local_row")))));
  gtk_editable_set_text (GTK_EDITABLE (sb_test_ui_editor_child (editor, "title_en_row")), "Cotton T-shirt");
  gtk_editable_set_text (GTK_EDITABLE (sb_test_ui_editor_child (editor, "title_local_row")), "면 티셔츠");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sb_test_ui_editor_child (editor, "title_en_count"))), ==, "14 / 128");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sb_test_ui_editor_child (editor, "title_local_count"))), ==, "5 / 128");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (sb_test_ui_editor_child (editor, "description_local_view"))),
                            "부드러운 면 100% 티셔츠입니다.", -1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sb_test_ui_editor_child (editor, "description_local_count"))), ==, "19 / 5000");

  /* A title over the limit turns its count red. */
  {
    g_autofree char *long_title = g_strnfill (129, 'x');

    gtk_editable_set_text (GTK_EDITABLE (sb_test_ui_editor_child (editor, "title_en_row")), long_title);
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (sb_test_ui_editor_child (editor, "title_en_count")), "error"));
    gtk_editable_set_text (GTK_EDITABLE (sb_test_ui_editor_child (editor, "title_en_row")), "Cotton T-shirt");
    g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (sb_test_ui_editor_child (editor, "title_en_count")), "error"));
  }

  /* A bad offer id and a price the editor cannot read: shown at the
   * fields, nothing saved. */
  gtk_editable_set_text (GTK_EDITABLE (sb_test_ui_editor_child (editor, "offer_id_row")), "HB TEE 001");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 0, 0)), "HB-TEE-001-M");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 0, 1)), "size: M");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 0, 2)), "12900.50");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_false (sb_product_editor_get_busy (editor));
  label = sb_test_ui_editor_child (editor, "offer_id_error");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_true (sb_test_ui_text_is_in_language (gtk_label_get_text (label)));
  label = sb_test_ui_editor_child (editor, "variants_error");
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
  gtk_editable_set_text (GTK_EDITABLE (sb_test_ui_editor_child (editor, "offer_id_row")), "HB-TEE-001");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 0, 2)), "12900");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (variant_cell (editor, 0, 3)), 25);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (sb_test_ui_editor_child (editor, "weight_spin")), 250);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (sb_test_ui_editor_child (editor, "length_spin")), 300);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (sb_test_ui_editor_child (editor, "width_spin")), 200);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (sb_test_ui_editor_child (editor, "height_spin")), 30);
  adw_combo_row_set_selected (sb_test_ui_editor_child (editor, "batteries_row"), SB_BATTERIES_NONE);

  /* The category, from the searchable list in the interface language,
   * brings its attribute form: text, list and number with its unit. */
  {
    GtkWindow *chooser_window = sb_product_editor_open_category_chooser (editor);
    SbCategoryChooser *chooser;
    g_autofree char *first = NULL;
    g_autofree char *shot_chooser = NULL;

    g_assert_nonnull (chooser_window);
    chooser = SB_CATEGORY_CHOOSER (chooser_window);
    sb_category_chooser_set_search (chooser, category_names[sb_format_interface_lang ()][1]);
    sb_test_ui_iterate (300);
    g_assert_cmpuint (sb_category_chooser_get_n_rows (chooser), ==, 1);
    first = sb_category_chooser_dup_row_text (chooser, 0);
    g_assert_true (g_str_has_suffix (first, category_names[sb_format_interface_lang ()][1]));
    sb_test_ui_wait_for_draw (GTK_WIDGET (chooser));
    shot_chooser = sb_test_ui_save_screenshot (GTK_WIDGET (chooser), "category-chooser");
    g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (chooser), SB_TYPE_CATEGORY_CHOOSER, "list_view"),
                           "activate", 0);
    sb_test_ui_iterate (50);
  }
  g_assert_true (gtk_widget_get_visible (sb_test_ui_editor_child (editor, "attributes_group")));
  {
    GtkWidget *brand = sb_product_editor_get_attribute_row (editor, "brand");
    GtkWidget *material = sb_product_editor_get_attribute_row (editor, "material");
    GtkWidget *volume = sb_product_editor_get_attribute_row (editor, "volume_ml");
    const char *title;

    g_assert_true (ADW_IS_ENTRY_ROW (brand));
    g_assert_true (ADW_IS_COMBO_ROW (material));
    g_assert_true (ADW_IS_ENTRY_ROW (volume));
    title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (brand));
    g_assert_true (g_str_has_suffix (title, "*"));
    g_assert_true (g_str_has_prefix (title, category_names[sb_format_interface_lang ()][2]));
    g_assert_false (g_str_has_suffix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (volume)), "*"));
    gtk_editable_set_text (GTK_EDITABLE (brand), "Hanbit");
    adw_combo_row_set_selected (ADW_COMBO_ROW (material), 1);
  }
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  sb_test_ui_wait_editor (editor);
  /* Saved on this computer; the marketplace's rules still ask for an
   * image (and carriers), shown, and the editor stays open. */
  g_assert_true (sb_store_has_product (fixture->store, "HB-TEE-001", NULL));
  g_assert_true (gtk_widget_get_visible (sb_test_ui_editor_child (editor, "general_error_label")));
  g_assert_true (sb_test_ui_text_is_in_language (gtk_label_get_text (GTK_LABEL (sb_test_ui_editor_child (editor, "general_error_label")))));
  g_assert_false (gtk_widget_get_visible (sb_test_ui_editor_child (editor, "category_error")));
  gtk_window_destroy (GTK_WINDOW (editor));

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
  g_assert_cmpstr (saved->category_id, ==, "1001");
  g_assert_cmpstr (g_hash_table_lookup (saved->attributes, "brand"), ==, "Hanbit");
  g_assert_cmpstr (g_hash_table_lookup (saved->attributes, "material"), ==, "cotton");
  g_assert_null (g_hash_table_lookup (saved->attributes, "volume_ml"));

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
  product->category_id = g_strdup ("2001");
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
  sb_test_ui_wait_editor (editor);
  g_assert_true (sb_test_ui_text_is_in_language (adw_action_row_get_subtitle (sb_test_ui_editor_child (editor, "category_row"))) ||
                 g_str_has_suffix (adw_action_row_get_subtitle (sb_test_ui_editor_child (editor, "category_row")), "Mugs"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sb_test_ui_editor_child (editor, "title_local_row"))), ==, "도자기 머그컵");
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
  g_assert_true (gtk_widget_get_visible (sb_test_ui_editor_child (editor, "package_error")));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (sb_test_ui_editor_child (editor, "image_strip"), SB_TYPE_IMAGE_STRIP, "error_label"))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (sb_test_ui_editor_child (editor, "image_strip"), SB_TYPE_IMAGE_STRIP, "error_label"))), ==, "Add at least one image.");
  gtk_window_set_default_size (GTK_WINDOW (editor), 760, 900);
  sb_test_ui_wait_for_draw (GTK_WIDGET (editor));
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (editor), "product-editor");

  /* Pricing: 8900 KRW to Russia by K-Packet (400 g → 5200 + 3 · 700 =
   * 7300 KRW), 10 % commission (890 KRW): the seller receives 710 KRW. */
  {
    SbPricingPanel *pricing = sb_test_ui_editor_child (editor, "pricing_panel");
    SbShippingPanel *shipping = sb_test_ui_editor_child (editor, "shipping_panel");
    SbPriceBreakdown breakdown;
    g_autofree char *target = NULL;
    g_autofree char *pricing_shot = NULL;
    g_autofree char *shipping_shot = NULL;

    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (sb_shipping_panel_get_carrier_check (shipping, "kr_kpacket"))));
    g_assert_true (sb_pricing_panel_set_destination (pricing, "RU"));
    g_assert_true (sb_pricing_panel_get_breakdown (pricing, &breakdown));
    g_assert_cmpint (breakdown.price.minor, ==, 8900);
    g_assert_cmpint (breakdown.commission.minor, ==, 890);
    g_assert_cmpint (breakdown.shipping.minor, ==, 7300);
    g_assert_cmpint (breakdown.net.minor, ==, 710);
    g_assert_cmpstr (breakdown.net.currency, ==, "KRW");
    g_assert_true (sb_test_ui_text_is_in_language (sb_pricing_panel_get_text (pricing, "net")));
    g_assert_cmpstr (sb_pricing_panel_get_text (pricing, "rates-stale"), ==, "no");
    g_assert_nonnull (strstr (sb_pricing_panel_get_text (pricing, "buyers"), "¥"));
    g_assert_nonnull (strstr (sb_pricing_panel_get_text (pricing, "usd"), "6"));

    /* The price needed to receive 5000 KRW: (5000 + 7300) / 0.9. */
    sb_pricing_panel_set_target_net (pricing, "5000");
    target = sb_format_money (13667, "KRW");
    g_assert_nonnull (strstr (sb_pricing_panel_get_text (pricing, "target"), target));
    scroll_to (GTK_WIDGET (pricing));
    pricing_shot = sb_test_ui_save_screenshot (GTK_WIDGET (editor), "pricing-panel");

    /* Liquids: K-Packet refuses them and says why; CJ takes them. */
    gtk_switch_set_active (GTK_SWITCH (sb_test_ui_editor_child (editor, "liquids_switch")), TRUE);
    g_assert_false (gtk_widget_get_sensitive (sb_shipping_panel_get_carrier_check (shipping, "kr_kpacket")));
    g_assert_true (sb_test_ui_text_is_in_language (sb_shipping_panel_get_carrier_text (shipping, "kr_kpacket")));
    g_assert_true (gtk_widget_get_sensitive (sb_shipping_panel_get_carrier_check (shipping, "kr_cj_express")));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (sb_shipping_panel_get_carrier_check (shipping, "kr_cj_express")), TRUE);
    scroll_to (GTK_WIDGET (shipping));
    shipping_shot = sb_test_ui_save_screenshot (GTK_WIDGET (editor), "shipping-panel");
  }

  /* A second variant, then save: what the editor does not show is kept;
   * a price more than doubled asks first. */
  sb_product_editor_add_variant (editor, NULL);
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 0, 1)), "color: white");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 1, 0)), "HB-MUG-002-BK");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 1, 1)), "color: black");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 1, 2)), "9900");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (variant_cell (editor, 1, 3)), 3);
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 0, 2)), "20000");
  sb_product_editor_save (editor);
  sb_test_ui_iterate (100);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    AdwMessageDialog *dialog = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (w))
          dialog = ADW_MESSAGE_DIALOG (w);
      }
    g_assert_nonnull (dialog);
    g_assert_true (sb_test_ui_text_is_in_language (adw_message_dialog_get_heading (dialog)));
    g_assert_false (sb_product_editor_get_busy (editor));
    adw_message_dialog_response (dialog, "save");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  sb_test_ui_wait_editor (editor);

  saved = sb_store_load_product (fixture->store, "HB-MUG-002", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->variants->len, ==, 2);
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (saved->variants, 0))->price_minor, ==, 20000);
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (saved->variants, 1))->price_minor, ==, 9900);
  g_assert_cmpuint (saved->carrier_ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (saved->carrier_ids, 0), ==, "kr_cj_express");
  g_assert_true (saved->liquids);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* A new product may not take an existing offer id. */
  editor = sb_window_open_editor (window, NULL);
  sb_test_ui_wait_editor (editor);
  gtk_editable_set_text (GTK_EDITABLE (sb_test_ui_editor_child (editor, "offer_id_row")), "HB-MUG-002");
  gtk_editable_set_text (GTK_EDITABLE (sb_test_ui_editor_child (editor, "title_en_row")), "Another mug");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 0, 0)), "X-1");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 0, 2)), "1000");
  sb_product_editor_save (editor);
  sb_test_ui_wait_editor (editor);
  g_assert_true (gtk_widget_get_visible (sb_test_ui_editor_child (editor, "offer_id_error")));
  g_assert_true (sb_test_ui_text_is_in_language (gtk_label_get_text (GTK_LABEL (sb_test_ui_editor_child (editor, "offer_id_error")))));
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
