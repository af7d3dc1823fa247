/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-csv-dialogs.c: CSV import and export from the real main window.
 * Win.import opens the import dialog; a CP949 and a windows-1251 sample
 * (from tests/data/csv, each with one bad row appended in its own
 * encoding) show their first rows decoded, the dry run reports the bad
 * row at its row and column, a wrong forced encoding is reported, and the
 * import saves the products.  Win.export opens the export dialog, which
 * writes the catalogue in the chosen encoding and delimiter so that it
 * reads back.  Screenshots of both dialogs, also at 360 px.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sb-csv-store.h"
#include "sb-export-dialog.h"
#include "sb-import-dialog.h"
#include "sb-store.h"
#include "sb-test-ui.h"
#include "sb-window.h"

typedef struct {
  char     *dir;
  char     *db;
  SbWindow *window;
} Fixture;

static void
fixture_set_up (Fixture *f)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sellbridge-ui-csv-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "catalogue.db", NULL);
  g_setenv ("SELLBRIDGE_DB", f->db, TRUE);
  f->window = sb_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 640);
  gtk_window_present (GTK_WINDOW (f->window));
  sb_test_ui_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  sb_test_ui_iterate (50);
  g_unsetenv ("SELLBRIDGE_DB");
  g_free (f->db);
  g_free (f->dir);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static void
finished_cb (GObject  *dialog,
             gboolean  ok,
             gboolean *done)
{
  *done = TRUE;
}

static void
wait_finished (gpointer dialog)
{
  gboolean done = FALSE;
  gulong id = g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &done);

  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (dialog, id);
}

/* Copies a sample and appends @bad_row_utf8 in @charset. */
static GFile *
sample_with_bad_row (Fixture    *f,
                     const char *name,
                     const char *charset,
                     const char *bad_row_utf8)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
  g_autofree char *target = g_build_filename (f->dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *joined = NULL;
  gsize length = 0, bad_length = 0;

  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  bad = g_convert (bad_row_utf8, -1, charset, "UTF-8", NULL, &bad_length, &error);
  g_assert_no_error (error);
  joined = g_malloc (length + bad_length);
  memcpy (joined, contents, length);
  memcpy (joined + length, bad, bad_length);
  g_assert_true (g_file_set_contents (target, joined, length + bad_length, &error));
  return g_file_new_for_path (target);
}

static const SbCsvIssue *
find_error (const SbCsvImportReport *report)
{
  for (guint i = 0; i < report->issues->len; i++)
    {
      const SbCsvIssue *issue = g_ptr_array_index (report->issues, i);

      if (!issue->warning)
        return issue;
    }
  return NULL;
}

static void
check_import (const char    *name,
              const char    *charset,
              const char    *bad_row,
              SbCsvEncoding  encoding,
              const char    *first_header,
              guint          title_column,
              const char    *first_title,
              const char    *price_column,
              const char    *offer_id)
{
  Fixture f = { 0 };
  g_autoptr(GFile) file = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbProduct) product = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *narrow = NULL;
  g_autofree char *shot_name = g_strdup_printf ("import-dialog-%s", charset);
  SbImportDialog *dialog;
  const SbCsvImportReport *report;
  const SbCsvIssue *issue;

  fixture_set_up (&f);
  file = sample_with_bad_row (&f, name, charset, bad_row);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.import", NULL));
  dialog = SB_IMPORT_DIALOG (find_toplevel (SB_TYPE_IMPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (sb_test_ui_text_is_in_language (gtk_window_get_title (GTK_WINDOW (dialog))));

  /* Forcing UTF-8 on a legacy file is refused with a reason. */
  sb_import_dialog_set_encoding (dialog, SB_CSV_ENCODING_UTF8);
  sb_import_dialog_load_file (dialog, file);
  wait_finished (dialog);
  g_assert_null (sb_import_dialog_get_report (dialog));
  g_assert_nonnull (sb_import_dialog_get_error (dialog));

  /* Detected, the file decodes; the preview shows its first rows. */
  sb_import_dialog_set_encoding (dialog, SB_CSV_ENCODING_AUTO);
  wait_finished (dialog);
  report = sb_import_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_null (sb_import_dialog_get_error (dialog));
  g_assert_cmpint (report->encoding, ==, encoding);
  g_assert_false (report->saved);
  g_assert_cmpuint (sb_import_dialog_get_n_preview_rows (dialog), ==, report->n_rows);
  g_assert_cmpstr (sb_import_dialog_get_preview_cell (dialog, 0, 0), ==, first_header);
  g_assert_cmpstr (sb_import_dialog_get_preview_cell (dialog, 1, 0), ==, offer_id);
  g_assert_cmpstr (sb_import_dialog_get_preview_cell (dialog, 1, title_column), ==, first_title);

  /* The dry run names the bad row and its column. */
  g_assert_cmpuint (report->n_rows_invalid, ==, 1);
  issue = find_error (report);
  g_assert_nonnull (issue);
  g_assert_cmpuint (issue->row, ==, report->n_rows + 1);
  g_assert_cmpstr (issue->column, ==, price_column);
  g_assert_cmpuint (sb_import_dialog_get_n_report_rows (dialog), ==, report->issues->len);
  g_assert_cmpuint (report->n_created, ==, 2);

  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (dialog), shot_name);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 640);
  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  g_free (shot_name);
  shot_name = g_strdup_printf ("import-dialog-%s-narrow", charset);
  narrow = sb_test_ui_save_screenshot (GTK_WIDGET (dialog), shot_name);

  /* Nothing is saved until the seller imports. */
  store = sb_store_open (f.db, &error);
  g_assert_no_error (error);
  g_assert_false (sb_store_has_product (store, offer_id, &error));

  g_assert_true (sb_import_dialog_import (dialog));
  wait_finished (dialog);
  report = sb_import_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_true (report->saved);
  g_assert_cmpuint (report->n_created, ==, 2);
  product = sb_store_load_product (store, offer_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (product);
  g_assert_false (sb_import_dialog_import (dialog));  /* once only */

  gtk_window_destroy (GTK_WINDOW (dialog));
  fixture_tear_down (&f);
}

static void
test_import_cp949 (void)
{
  check_import ("ko-cp949-comma.csv", "CP949",
                "HB-BAD-003,1001,잘못된 상품,Bad product,HB-BAD-003,,만이천원,KRW,5,,250,없음,아니오,kr_ems,img/x.jpg,한빛\r\n",
                SB_CSV_ENCODING_CP949, "상품코드", 2, "면 티셔츠 뷁", "가격", "HB-TEE-001");
}

static void
test_import_windows_1251 (void)
{
  check_import ("ru-cp1251-semicolon.csv", "WINDOWS-1251",
                "RU-BAD-9;Плохой товар;Bad item;RU-BAD-9;сто;RUB;1;;100;10;10;10;691200;нет;нет;ru_post;2\r\n",
                SB_CSV_ENCODING_WINDOWS_1251, "Артикул", 1, "Кружка \"Утро\", керамика", "Цена", "RU-MUG-01");
}

static void
test_export (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbCsvTable) table = NULL;
  g_autoptr(SbCsvTable) source = NULL;
  g_autoptr(SbCsvImportReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "data", "csv", "ru-cp1251-semicolon.csv", NULL);
  g_autofree char *shot = NULL;
  g_autofree char *narrow = NULL;
  SbExportDialog *dialog;
  SbCsvRecord *header, *first;
  g_autofree char *status = NULL;

  fixture_set_up (&f);
  store = sb_store_open (f.db, &error);
  g_assert_no_error (error);
  source = sb_csv_read_file (sample, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  g_assert_no_error (error);
  report = sb_csv_import_into_store (store, source, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (report->saved);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.export", NULL));
  dialog = SB_EXPORT_DIALOG (find_toplevel (SB_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (sb_test_ui_text_is_in_language (gtk_window_get_title (GTK_WINDOW (dialog))));
  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (dialog), "export-dialog");

  sb_export_dialog_set_encoding (dialog, SB_CSV_ENCODING_WINDOWS_1251);
  sb_export_dialog_set_delimiter (dialog, SB_CSV_DELIMITER_SEMICOLON);
  g_assert_cmpint (sb_export_dialog_get_encoding (dialog), ==, SB_CSV_ENCODING_WINDOWS_1251);
  path = g_build_filename (f.dir, "export.csv", NULL);
  file = g_file_new_for_path (path);
  sb_export_dialog_export_to_file (dialog, file);
  g_assert_true (sb_export_dialog_get_busy (dialog));
  wait_finished (dialog);
  status = g_strdup (sb_export_dialog_get_status (dialog));
  g_assert_nonnull (status);
  g_assert_true (sb_test_ui_text_is_in_language (status));

  /* The file reads back as windows-1251 with semicolons, header first. */
  table = sb_csv_read_file (path, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->encoding, ==, SB_CSV_ENCODING_WINDOWS_1251);
  g_assert_cmpint (table->delimiter, ==, SB_CSV_DELIMITER_SEMICOLON);
  g_assert_cmpuint (table->records->len, ==, 4);  /* header and three variants */
  header = g_ptr_array_index (table->records, 0);
  first = g_ptr_array_index (table->records, 1);
  g_assert_cmpstr (header->fields[0], ==, "offer_id");
  g_assert_cmpstr (first->fields[0], ==, "RU-LAMP-7");

  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 480);
  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  narrow = sb_test_ui_save_screenshot (GTK_WIDGET (dialog), "export-dialog-narrow");

  /* A folder that does not exist is reported, not ignored. */
  {
    g_autofree char *bad_path = g_build_filename (f.dir, "missing", "export.csv", NULL);
    g_autoptr(GFile) bad = g_file_new_for_path (bad_path);

    sb_export_dialog_export_to_file (dialog, bad);
    wait_finished (dialog);
    g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
    g_assert_cmpstr (sb_export_dialog_get_status (dialog), !=, status);
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  fixture_tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);
  g_test_add_func ("/csv-dialogs/import-cp949", test_import_cp949);
  g_test_add_func ("/csv-dialogs/import-windows-1251", test_import_windows_1251);
  g_test_add_func ("/csv-dialogs/export", test_export);
  return g_test_run ();
}
