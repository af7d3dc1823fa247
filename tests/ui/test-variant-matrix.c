/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-variant-matrix.c: the variant matrix dialog and the editor's
 * per-row checks under Xvfb against a real store — the 100-variant cap
 * with its translated message, a 3 × 2 matrix generated into six rows
 * with suggested SKUs, a row edited, a bad barcode and a doubled SKU shown
 * at their fields as typed and refusing the save, then a save, a reload
 * and generating again without doubles; screenshots of the dialog and the
 * editor (also at 360 px) in the language of the run.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sb-product-editor.h"
#include "sb-store.h"
#include "sb-test-ui.h"
#include "sb-variant-matrix-dialog.h"

typedef struct
{
  char    *dir;
  SbStore *store;
} Fixture;

static void
put_file_reference (SbStore    *store,
                    const char *kind,
                    const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("SELLBRIDGE_SOURCE_ROOT"), "data", "sandbox", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  body = g_bytes_new (contents, strlen (contents));
  g_assert_true (sb_store_put_reference (store, kind, body, "\"1\"", now, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = sb_test_ui_new_seller_store ("matrix", &fixture->dir);
  {
    static const char categories[] =
      "{\"categories\": ["
      "{\"id\": \"100\", \"parent_id\": null, \"name\": \"Clothing\", \"leaf\": false},"
      "{\"id\": \"1001\", \"parent_id\": \"100\", \"name\": \"T-shirts\", \"leaf\": true,"
      " \"commission_rate\": \"0.08\", \"variant_options\": [\"color\", \"size\"], \"attributes\": []}]}";
    g_autoptr(GBytes) body = g_bytes_new_static (categories, strlen (categories));
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    g_assert_true (sb_store_put_reference (fixture->store, "categories:en", body, "\"1\"", now, &error));
    g_assert_no_error (error);
  }
  put_file_reference (fixture->store, "carriers:KR", "carriers.json");
  put_file_reference (fixture->store, "currencies", "currencies.json");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  sb_test_ui_remove_dir (fixture->dir);
  g_free (fixture->dir);
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

static const char *
cell_text (SbProductEditor *editor,
           guint            row,
           guint            column)
{
  return gtk_editable_get_text (GTK_EDITABLE (variant_cell (editor, row, column)));
}

static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *outer;
  GtkWidget *content;
  GtkAdjustment *adjustment;
  graphene_point_t point;

  /* The variant grid has a scrolled window of its own (horizontal): the
   * editor's is the outermost. */
  while ((outer = gtk_widget_get_ancestor (gtk_widget_get_parent (scrolled), GTK_TYPE_SCROLLED_WINDOW)) != NULL)
    scrolled = outer;
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, point.y + gtk_adjustment_get_value (adjustment) - 12);
  sb_test_ui_wait_for_draw (gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW));
}

static void
saved_cb (SbProductEditor *editor,
          const char      *offer_id,
          guint           *n_saved)
{
  (*n_saved)++;
}

static SbVariantMatrixDialog *
open_matrix (SbProductEditor *editor)
{
  GtkWindow *dialog = sb_product_editor_open_variant_matrix (editor);

  g_assert_true (SB_IS_VARIANT_MATRIX_DIALOG (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (editor));
  return SB_VARIANT_MATRIX_DIALOG (dialog);
}

static void
test_generate_edit_save (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) saved = NULL;
  SbProductEditor *editor;
  SbVariantMatrixDialog *dialog;
  const char *message;
  guint n_saved = 0;

  editor = sb_product_editor_new (NULL, fixture->store, NULL, SB_LANG_KO, "KRW");
  gtk_window_present (GTK_WINDOW (editor));
  sb_test_ui_wait_editor (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &n_saved);
  gtk_editable_set_text (GTK_EDITABLE (sb_test_ui_editor_child (editor, "offer_id_row")), "HB-TEE-001");
  gtk_editable_set_text (GTK_EDITABLE (sb_test_ui_editor_child (editor, "title_en_row")), "Cotton T-shirt");
  g_assert_cmpuint (sb_product_editor_get_n_variants (editor), ==, 1);

  /* In a category, the dialog offers the option names it expects and
   * asks for their values. */
  sb_product_editor_set_category (editor, "1001");
  dialog = open_matrix (editor);
  g_assert_cmpuint (sb_variant_matrix_dialog_get_n_dimensions (dialog), ==, 2);
  g_assert_false (sb_variant_matrix_dialog_can_generate (dialog));
  message = sb_variant_matrix_dialog_get_message (dialog);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "color"));
  g_assert_true (sb_test_ui_text_is_in_language (message));
  gtk_window_destroy (GTK_WINDOW (dialog));
  sb_product_editor_set_category (editor, NULL);

  /* Too many combinations: 3 × 2 × 17 = 102, refused in words. */
  dialog = open_matrix (editor);
  sb_variant_matrix_dialog_add_dimension (dialog, "size", "S, M, L");
  sb_variant_matrix_dialog_add_dimension (dialog, "color", "black, white");
  g_assert_cmpuint (sb_variant_matrix_dialog_get_count (dialog), ==, 6);
  sb_variant_matrix_dialog_add_dimension (dialog, "pattern",
                                          "a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q");
  g_assert_cmpuint (sb_variant_matrix_dialog_get_count (dialog), ==, 102);
  g_assert_false (sb_variant_matrix_dialog_can_generate (dialog));
  message = sb_variant_matrix_dialog_get_message (dialog);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "102"));
  g_assert_true (sb_test_ui_text_is_in_language (message));
  g_assert_false (sb_variant_matrix_dialog_generate (dialog));
  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  g_free (sb_test_ui_save_screenshot (GTK_WIDGET (dialog), "variant-matrix-too-many"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (sb_product_editor_get_n_variants (editor), ==, 1);

  /* 3 × 2: six rows, the empty starting row replaced. */
  dialog = open_matrix (editor);
  g_assert_cmpuint (sb_variant_matrix_dialog_get_n_dimensions (dialog), ==, 1);   /* one empty row */
  sb_variant_matrix_dialog_add_dimension (dialog, "size", "S, M, L");
  sb_variant_matrix_dialog_add_dimension (dialog, "color", "black，white");   /* a full-width comma */
  sb_variant_matrix_dialog_set_defaults (dialog, "12.5", "5");
  g_assert_false (sb_variant_matrix_dialog_can_generate (dialog));     /* KRW has no minor unit */
  g_assert_true (sb_test_ui_text_is_in_language (sb_variant_matrix_dialog_get_message (dialog)));
  sb_variant_matrix_dialog_set_defaults (dialog, "12900", "5");
  g_assert_true (sb_variant_matrix_dialog_can_generate (dialog));
  g_assert_null (sb_variant_matrix_dialog_get_message (dialog));
  g_assert_cmpuint (sb_variant_matrix_dialog_get_count (dialog), ==, 6);
  g_assert_cmpuint (sb_variant_matrix_dialog_get_n_new (dialog), ==, 6);
  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  g_free (sb_test_ui_save_screenshot (GTK_WIDGET (dialog), "variant-matrix"));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 640);
  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  g_free (sb_test_ui_save_screenshot (GTK_WIDGET (dialog), "variant-matrix-narrow"));
  g_assert_true (sb_variant_matrix_dialog_generate (dialog));
  sb_test_ui_iterate (50);

  g_assert_cmpuint (sb_product_editor_get_n_variants (editor), ==, 6);
  g_assert_cmpstr (cell_text (editor, 0, 0), ==, "HB-TEE-001-S-BLACK");
  g_assert_cmpstr (cell_text (editor, 0, 1), ==, "color: black, size: S");
  g_assert_cmpstr (cell_text (editor, 0, 2), ==, "12900");
  g_assert_cmpstr (cell_text (editor, 0, 3), ==, "5");
  g_assert_cmpstr (cell_text (editor, 5, 0), ==, "HB-TEE-001-L-WHITE");
  g_assert_false (gtk_widget_get_visible (sb_test_ui_editor_child (editor, "variants_error")));

  /* Edit a row. */
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 2, 2)), "13900");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 2, 3)), "7");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 2, 4)), "8801234567893");
  g_assert_false (gtk_widget_has_css_class (variant_cell (editor, 2, 4), "error"));

  /* A wrong check digit and a SKU another row has: shown at the field as
   * typed, in the interface language. */
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 3, 4)), "8801234567894");
  g_assert_true (gtk_widget_has_css_class (variant_cell (editor, 3, 4), "error"));
  g_assert_true (sb_test_ui_text_is_in_language (gtk_widget_get_tooltip_text (variant_cell (editor, 3, 4))));
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 4, 0)), "HB-TEE-001-S-BLACK");
  g_assert_true (gtk_widget_has_css_class (variant_cell (editor, 4, 0), "error"));
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 1, 2)), "12900.5");
  g_assert_true (gtk_widget_has_css_class (variant_cell (editor, 1, 2), "error"));
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 1, 2)), "12900");
  g_assert_false (gtk_widget_has_css_class (variant_cell (editor, 1, 2), "error"));
  g_assert_true (gtk_widget_get_visible (sb_test_ui_editor_child (editor, "variants_error")));
  g_assert_true (sb_test_ui_text_is_in_language (gtk_label_get_text (sb_test_ui_editor_child (editor, "variants_error"))));

  /* Saving is refused with the fields marked. */
  sb_product_editor_save (editor);
  sb_test_ui_wait_editor (editor);
  g_assert_cmpuint (n_saved, ==, 0);
  g_assert_false (sb_store_has_product (fixture->store, "HB-TEE-001", NULL));
  g_assert_true (gtk_widget_has_css_class (variant_cell (editor, 3, 4), "error"));
  g_assert_true (gtk_widget_has_css_class (variant_cell (editor, 4, 0), "error"));
  scroll_to (sb_test_ui_editor_child (editor, "variants_grid"));
  g_free (sb_test_ui_save_screenshot (GTK_WIDGET (editor), "variant-matrix-errors"));
  gtk_window_set_default_size (GTK_WINDOW (editor), 360, 700);
  sb_test_ui_wait_for_draw (GTK_WIDGET (editor));
  /* The whole Variants group, with "Generate…" and "Add Variant". */
  scroll_to (gtk_widget_get_ancestor (sb_test_ui_editor_child (editor, "variants_grid"), ADW_TYPE_PREFERENCES_GROUP));
  g_free (sb_test_ui_save_screenshot (GTK_WIDGET (editor), "variant-matrix-errors-narrow"));

  /* Fixed, the product saves; a barcode typed with spaces is kept as digits. */
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 3, 4)), "400 6381 33393 1");
  gtk_editable_set_text (GTK_EDITABLE (variant_cell (editor, 4, 0)), "HB-TEE-001-L-BLACK");
  g_assert_false (gtk_widget_get_visible (sb_test_ui_editor_child (editor, "variants_error")));
  sb_product_editor_save (editor);
  sb_test_ui_wait_editor (editor);
  g_assert_cmpuint (n_saved, ==, 1);
  gtk_window_destroy (GTK_WINDOW (editor));

  saved = sb_store_load_product (fixture->store, "HB-TEE-001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->variants->len, ==, 6);
  {
    SbVariant *variant = g_ptr_array_index (saved->variants, 2);

    g_assert_cmpstr (variant->sku, ==, "HB-TEE-001-M-BLACK");
    g_assert_cmpint (variant->price_minor, ==, 13900);
    g_assert_cmpint (variant->stock, ==, 7);
    g_assert_cmpstr (variant->barcode, ==, "8801234567893");
    g_assert_cmpstr (g_hash_table_lookup (variant->options, "size"), ==, "M");
    g_assert_cmpstr (g_hash_table_lookup (variant->options, "color"), ==, "black");
    variant = g_ptr_array_index (saved->variants, 3);
    g_assert_cmpstr (variant->barcode, ==, "4006381333931");
    g_assert_cmpstr (((SbVariant *) g_ptr_array_index (saved->variants, 4))->sku, ==, "HB-TEE-001-L-BLACK");
  }

  /* Reloaded, the dialog starts from the product's options; adding XL
   * adds two rows and leaves the six as they were. */
  editor = sb_product_editor_new (NULL, fixture->store, "HB-TEE-001", SB_LANG_KO, "KRW");
  gtk_window_present (GTK_WINDOW (editor));
  sb_test_ui_wait_editor (editor);
  g_assert_cmpuint (sb_product_editor_get_n_variants (editor), ==, 6);
  g_assert_cmpstr (cell_text (editor, 2, 2), ==, "13900");
  g_assert_cmpstr (cell_text (editor, 3, 4), ==, "4006381333931");
  dialog = open_matrix (editor);
  g_assert_cmpuint (sb_variant_matrix_dialog_get_n_dimensions (dialog), ==, 2);
  g_assert_cmpuint (sb_variant_matrix_dialog_get_count (dialog), ==, 6);
  g_assert_cmpuint (sb_variant_matrix_dialog_get_n_new (dialog), ==, 0);
  sb_variant_matrix_dialog_add_dimension (dialog, "Color", "red");
  g_assert_false (sb_variant_matrix_dialog_can_generate (dialog));   /* the same option twice */
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = open_matrix (editor);
  {
    GtkWidget *box = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), SB_TYPE_VARIANT_MATRIX_DIALOG, "dimensions_box");
    GtkWidget *values = NULL;

    /* Options come back in name order; the seller types into the
     * values of "size". */
    for (GtkWidget *card = gtk_widget_get_first_child (box); card != NULL; card = gtk_widget_get_next_sibling (card))
      {
        GtkWidget *top = gtk_widget_get_first_child (card);

        if (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (gtk_widget_get_first_child (top))), "size"))
          values = gtk_widget_get_next_sibling (top);
      }
    g_assert_true (GTK_IS_ENTRY (values));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (values)), ==, "S, M, L");
    gtk_editable_set_text (GTK_EDITABLE (values), "S, M, L, XL");
  }
  g_assert_cmpuint (sb_variant_matrix_dialog_get_count (dialog), ==, 8);
  g_assert_cmpuint (sb_variant_matrix_dialog_get_n_new (dialog), ==, 2);
  g_assert_true (sb_variant_matrix_dialog_generate (dialog));
  sb_test_ui_iterate (50);
  g_assert_cmpuint (sb_product_editor_get_n_variants (editor), ==, 8);
  g_assert_cmpstr (cell_text (editor, 2, 0), ==, "HB-TEE-001-M-BLACK");
  g_assert_cmpstr (cell_text (editor, 2, 2), ==, "13900");
  g_assert_cmpstr (cell_text (editor, 2, 3), ==, "7");
  g_assert_cmpstr (cell_text (editor, 6, 0), ==, "HB-TEE-001-BLACK-XL");
  g_assert_cmpstr (cell_text (editor, 7, 0), ==, "HB-TEE-001-WHITE-XL");
  g_assert_cmpstr (cell_text (editor, 6, 2), ==, "");   /* a price to fill in */
  sb_test_ui_wait_for_draw (GTK_WIDGET (editor));
  scroll_to (sb_test_ui_editor_child (editor, "variants_grid"));
  g_free (sb_test_ui_save_screenshot (GTK_WIDGET (editor), "variant-matrix-reloaded"));
  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);
  g_test_add ("/variant-matrix/generate-edit-save", Fixture, NULL, fixture_set_up,
              test_generate_edit_save, fixture_tear_down);
  return g_test_run ();
}
