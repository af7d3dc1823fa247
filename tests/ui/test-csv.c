/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-csv.c: CSV import and export from the window under Xvfb — a
 * spreadsheet with a semicolon delimiter and a bad row: its first rows
 * shown, the dry run's per-row error report, the import itself (good
 * rows in, the bad one left out) and the catalogue refreshed; an export
 * in CP949 that decodes back to the Korean titles; screenshots in the
 * language of the run.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sb-csv-dialog.h"
#include "sb-csv.h"
#include "sb-store.h"
#include "sb-test-ui.h"
#include "sb-window.h"

static void
wait_dialog (SbCsvDialog *dialog)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  sb_test_ui_iterate (20);
  while (sb_csv_dialog_get_busy (dialog) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_csv_dialog_get_busy (dialog));
}

static void
test_import_export (void)
{
  static const char csv[] =
    "offer_id;title_en;title_ko;sku;price;currency;stock;weight_g\r\n"
    "HB-1;Cotton T-shirt;면 티셔츠;HB-1-M;12900;KRW;5;250\r\n"
    "HB-2;Ceramic mug;도자기 머그컵;HB-2;8900;KRW;3;400\r\n"
    "HB-3;Bad price;;HB-3;12.5x;KRW;1;100\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  g_autofree char *dir = g_dir_make_tmp ("sellbridge-csv-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "catalogue.db", NULL);
  g_autofree char *in = g_build_filename (dir, "products.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "export.csv", NULL);
  g_autofree char *shot = NULL;
  g_autofree char *shot2 = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *decoded = NULL;
  g_autoptr(SbStore) store = NULL;
  gsize length = 0;
  SbWindow *window;
  SbCsvDialog *dialog;
  SbProductListModel *model;
  gint64 deadline;

  g_assert_no_error (error);
  store = sb_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_save_seller_json (store, "{\"country\": \"KR\", \"payout_currency\": \"KRW\"}", &error));
  g_assert_true (g_file_set_contents (in, csv, -1, &error));

  window = sb_window_new (app);
  sb_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));

  /* Ctrl+I's action opens the import dialog. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  dialog = NULL;
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

        if (SB_IS_CSV_DIALOG (w))
          dialog = SB_CSV_DIALOG (w);
      }
  }
  g_assert_nonnull (dialog);
  g_assert_true (sb_test_ui_text_is_in_language (gtk_window_get_title (GTK_WINDOW (dialog))));

  /* The file: first rows and a dry run's report, nothing imported. */
  sb_csv_dialog_set_file (dialog, in);
  wait_dialog (dialog);
  g_assert_cmpuint (sb_csv_dialog_get_n_preview_rows (dialog), ==, 4);
  g_assert_cmpuint (sb_csv_dialog_get_n_issues (dialog), >=, 1);
  g_assert_true (sb_test_ui_text_is_in_language (sb_csv_dialog_get_summary (dialog)));
  g_assert_false (sb_store_has_product (store, "HB-1", NULL));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 700, 640);
  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (dialog), "csv-import");

  /* Choosing the delimiter by hand reads the file again. */
  sb_csv_dialog_set_delimiter (dialog, 2);
  wait_dialog (dialog);
  g_assert_cmpuint (sb_csv_dialog_get_n_preview_rows (dialog), ==, 4);

  /* Import: the good rows go in, the bad one is reported and left out. */
  sb_csv_dialog_run (dialog);
  wait_dialog (dialog);
  g_assert_true (sb_store_has_product (store, "HB-1", NULL));
  g_assert_true (sb_store_has_product (store, "HB-2", NULL));
  g_assert_false (sb_store_has_product (store, "HB-3", NULL));
  g_assert_true (sb_test_ui_text_is_in_language (sb_csv_dialog_get_summary (dialog)));
  sb_csv_dialog_run (dialog);  /* Close */
  sb_test_ui_iterate (50);

  model = sb_catalogue_view_get_model (sb_window_get_catalogue_view (window));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((sb_product_list_model_get_loading (model) ||
          g_list_model_get_n_items (G_LIST_MODEL (model)) != 2) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);

  /* Export in CP949 with semicolons (Korean Excel). */
  dialog = sb_window_open_csv_dialog (window, SB_CSV_DIALOG_EXPORT);
  g_assert_true (sb_test_ui_text_is_in_language (gtk_window_get_title (GTK_WINDOW (dialog))));
  sb_csv_dialog_set_encoding (dialog, 3);
  sb_csv_dialog_set_delimiter (dialog, 2);
  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  shot2 = sb_test_ui_save_screenshot (GTK_WIDGET (dialog), "csv-export");
  sb_csv_dialog_set_file (dialog, out);
  wait_dialog (dialog);
  g_assert_true (sb_test_ui_text_is_in_language (sb_csv_dialog_get_summary (dialog)));
  g_assert_true (g_file_get_contents (out, &exported, &length, &error));
  g_assert_no_error (error);
  decoded = sb_csv_decode (exported, length, SB_CSV_ENCODING_CP949, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (decoded, "면 티셔츠"));
  g_assert_nonnull (strstr (decoded, "HB-2;"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  sb_test_ui_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);
  g_test_add_func ("/csv/import-export", test_import_export);
  return g_test_run ();
}
