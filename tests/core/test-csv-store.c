/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-csv-store.c: CSV import into and export from the real SQLite store —
 * the sample files land in the catalogue, export → import into a new
 * catalogue → export is byte-identical in every encoding, a partial file
 * leaves the other columns alone, a dry run and an interrupted save leave
 * the catalogue exactly as it was, and a SKU cannot move between products.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sb-csv-store.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sellbridge-csv-store-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static SbStore *
open_store (Fixture    *fixture,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  SbStore *store = sb_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static SbCsvImportReport *
import_file (SbStore    *store,
             const char *name,
             gboolean    dry_run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
  g_autoptr(SbCsvTable) table = sb_csv_read_file (path, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  SbCsvImportReport *report;

  g_assert_no_error (error);
  report = sb_csv_import_into_store (store, table, dry_run, &error);
  g_assert_no_error (error);
  return report;
}

static SbCsvImportReport *
import_text (SbStore    *store,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCsvTable) table = sb_csv_parse (text, strlen (text), SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  SbCsvImportReport *report;

  g_assert_no_error (error);
  report = sb_csv_import_into_store (store, table, FALSE, &error);
  g_assert_no_error (error);
  return report;
}

static SbProduct *
load (SbStore    *store,
      const char *offer_id)
{
  g_autoptr(GError) error = NULL;
  SbProduct *product = sb_store_load_product (store, offer_id, &error);

  g_assert_no_error (error);
  return product;
}

static gint64
count_products (SbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStoreQuery) query = sb_store_query_new ();
  gint64 n = sb_store_count_products (store, query, &error);

  g_assert_no_error (error);
  return n;
}

static void
test_samples (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SbStore) store = open_store (fixture, "samples.db");
  g_autoptr(SbCsvImportReport) ko = import_file (store, "ko-cp949-comma.csv", FALSE);
  g_autoptr(SbCsvImportReport) ru = import_file (store, "ru-cp1251-semicolon.csv", FALSE);
  g_autoptr(SbProduct) tee = NULL;
  g_autoptr(SbProduct) mug = NULL;

  g_assert_cmpuint (ko->n_errors, ==, 0);
  g_assert_cmpuint (ru->n_errors, ==, 0);
  g_assert_true (ko->saved);
  g_assert_cmpint (count_products (store), ==, 4);

  tee = load (store, "HB-TEE-001");
  g_assert_cmpstr (tee->title[SB_LANG_KO], ==, "면 티셔츠 뷁");
  g_assert_cmpuint (tee->variants->len, ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (((SbVariant *) g_ptr_array_index (tee->variants, 1))->options, "색상"), ==, "검정");
  mug = load (store, "RU-MUG-01");
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (mug->variants, 0))->price_minor, ==, 45050);
  g_assert_cmpstr (mug->title[SB_LANG_RU], ==, "Кружка \"Утро\", керамика");
}

static void
round_trip (Fixture        *fixture,
            SbStore        *source,
            SbCsvEncoding   encoding,
            SbCsvDelimiter  delimiter)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("copy-%s-%s.db", sb_csv_encoding_to_string (encoding),
                                           sb_csv_delimiter_to_string (delimiter));
  g_autoptr(SbStore) copy = open_store (fixture, name);
  g_autoptr(GBytes) first = sb_csv_export_from_store (source, encoding, delimiter, &error);
  g_autoptr(GBytes) second = NULL;
  g_autoptr(SbCsvTable) table = NULL;
  g_autoptr(SbCsvImportReport) report = NULL;
  g_autoptr(SbCsvImportReport) again = NULL;

  g_test_message ("round trip through the store in %s, %s", sb_csv_encoding_to_string (encoding),
                  sb_csv_delimiter_to_string (delimiter));
  g_assert_no_error (error);
  table = sb_csv_parse (g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                        SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  g_assert_no_error (error);
  report = sb_csv_import_into_store (copy, table, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_errors, ==, 0);
  second = sb_csv_export_from_store (copy, encoding, delimiter, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, second));

  /* Into the catalogue it came from: nothing changes, nothing is saved. */
  again = sb_csv_import_into_store (source, table, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_unchanged, ==, count_products (source));
  g_assert_false (again->saved);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SbStore) korean = open_store (fixture, "korean.db");
  g_autoptr(SbStore) russian = open_store (fixture, "russian.db");
  g_autoptr(SbCsvImportReport) ko = import_file (korean, "ko-cp949-comma.csv", FALSE);
  g_autoptr(SbCsvImportReport) ru = import_file (korean, "ru-cp1251-semicolon.csv", FALSE);
  g_autoptr(SbCsvImportReport) ru_only = import_file (russian, "ru-cp1251-semicolon.csv", FALSE);
  g_autoptr(SbCsvImportReport) quoted = import_file (russian, "quoted.csv", FALSE);

  round_trip (fixture, korean, SB_CSV_ENCODING_UTF8, SB_CSV_DELIMITER_COMMA);
  round_trip (fixture, korean, SB_CSV_ENCODING_UTF8_BOM, SB_CSV_DELIMITER_SEMICOLON);
  round_trip (fixture, korean, SB_CSV_ENCODING_CP949, SB_CSV_DELIMITER_COMMA);
  round_trip (fixture, korean, SB_CSV_ENCODING_CP949, SB_CSV_DELIMITER_SEMICOLON);
  round_trip (fixture, russian, SB_CSV_ENCODING_WINDOWS_1251, SB_CSV_DELIMITER_SEMICOLON);
  round_trip (fixture, russian, SB_CSV_ENCODING_WINDOWS_1251, SB_CSV_DELIMITER_COMMA);
}

static void
test_partial (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SbStore) store = open_store (fixture, "partial.db");
  g_autoptr(SbCsvImportReport) ko = import_file (store, "ko-cp949-comma.csv", FALSE);
  g_autoptr(SbProduct) before = load (store, "HB-TEE-001");
  g_autoptr(SbProduct) after = NULL;
  g_autoptr(SbCsvImportReport) stock = import_text (store, "offer_id;sku;Остаток\nHB-TEE-001;HB-TEE-001-BK;0\n");

  g_assert_cmpuint (stock->n_updated, ==, 1);
  after = load (store, "HB-TEE-001");
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (after->variants, 1))->stock, ==, 0);
  ((SbVariant *) g_ptr_array_index (before->variants, 1))->stock = 0;
  g_assert_true (sb_product_equal (before, after));
}

/* New products are drafts; a change to a live product queues it for sync. */
static void
test_sync_state (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SbStore) store = open_store (fixture, "state.db");
  g_autoptr(SbCsvImportReport) ko = import_file (store, "ko-cp949-comma.csv", FALSE);
  g_autoptr(SbProduct) tee = load (store, "HB-TEE-001");
  g_autoptr(SbProduct) changed = NULL;
  g_autoptr(SbCsvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (tee->sync_state, ==, SB_SYNC_DRAFT);
  tee->sync_state = SB_SYNC_ACTIVE;
  tee->server_version = 3;
  g_assert_true (sb_store_save_server_product (store, tee, &error));
  g_assert_no_error (error);

  report = import_text (store, "offer_id,sku,stock\nHB-TEE-001,HB-TEE-001-WH,24\n");
  g_assert_cmpuint (report->n_updated, ==, 1);
  changed = load (store, "HB-TEE-001");
  g_assert_cmpint (changed->sync_state, ==, SB_SYNC_QUEUED);
  g_assert_cmpint (changed->server_version, ==, 3);
}

static void
test_dry_run (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SbStore) store = open_store (fixture, "dry.db");
  g_autoptr(SbCsvImportReport) report = import_file (store, "ko-cp949-comma.csv", TRUE);

  g_assert_cmpuint (report->n_created, ==, 2);
  g_assert_false (report->saved);
  g_assert_cmpint (count_products (store), ==, 0);
}

/* The save is one transaction: interrupted in the middle, it leaves
 * nothing of the file behind. */
static gboolean
interrupted_save (GPtrArray  *products,
                  gpointer    user_data,
                  GError    **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  sb_store_set_cancellable (user_data, cancellable);
  if (sb_store_save_products (user_data, products, error))
    return TRUE;
  sb_store_set_cancellable (user_data, NULL);
  return FALSE;
}

static SbProduct *
lookup (const char  *offer_id,
        gpointer     user_data,
        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  SbProduct *product = sb_store_load_product (user_data, offer_id, &local_error);

  if (product == NULL && !g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return product;
}

static void
test_interrupted_save (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(SbStore) store = open_store (fixture, "interrupted.db");
  g_autoptr(SbCsvImportReport) ko = import_file (store, "ko-cp949-comma.csv", FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = sb_csv_export_from_store (store, SB_CSV_ENCODING_UTF8, SB_CSV_DELIMITER_COMMA, &error);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GString) text = g_string_new ("offer_id,title_en,sku,price,currency,stock\n"
                                          "HB-TEE-001,Changed,HB-TEE-001-WH,1,KRW,1\n");
  g_autoptr(SbCsvTable) table = NULL;
  g_autoptr(SbCsvImportReport) report = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text, "NEW-%03u,Product %u,NEW-%03u-A,100,KRW,%u\n", i, i, i, i);
  table = sb_csv_parse (text->str, text->len, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  g_assert_no_error (error);
  report = sb_csv_import_table (table, lookup, NULL, interrupted_save, store, &error);
  g_assert_null (report);
  g_assert_error (error, SB_CSV_IMPORT_ERROR, SB_CSV_IMPORT_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_cmpint (count_products (store), ==, 2);
  after = sb_csv_export_from_store (store, SB_CSV_ENCODING_UTF8, SB_CSV_DELIMITER_COMMA, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_sku_owner (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SbStore) store = open_store (fixture, "owner.db");
  g_autoptr(SbCsvImportReport) ko = import_file (store, "ko-cp949-comma.csv", FALSE);
  g_autoptr(SbCsvImportReport) report = import_text (store,
    "offer_id,sku,price,currency,stock\n"
    "OTHER,HB-TEE-001-WH,100,KRW,1\n");
  const SbCsvIssue *issue;

  g_assert_cmpuint (report->n_errors, ==, 1);
  issue = g_ptr_array_index (report->issues, 0);
  g_assert_cmpuint (issue->row, ==, 2);
  g_assert_cmpstr (issue->column, ==, "sku");
  g_assert_nonnull (strstr (issue->message, "HB-TEE-001"));
  g_assert_cmpint (count_products (store), ==, 2);
}

static void
test_export_encoding_error (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(SbStore) store = open_store (fixture, "encoding.db");
  g_autoptr(SbCsvImportReport) ko = import_file (store, "ko-cp949-comma.csv", FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = sb_csv_export_from_store (store, SB_CSV_ENCODING_WINDOWS_1251,
                                                      SB_CSV_DELIMITER_SEMICOLON, &error);

  g_assert_null (bytes);
  g_assert_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/csv-store/samples", test_samples);
  ADD ("/csv-store/round-trip", test_round_trip);
  ADD ("/csv-store/partial", test_partial);
  ADD ("/csv-store/dry-run", test_dry_run);
  ADD ("/csv-store/sync-state", test_sync_state);
  ADD ("/csv-store/interrupted-save", test_interrupted_save);
  ADD ("/csv-store/sku-owner", test_sku_owner);
  ADD ("/csv-store/export-encoding-error", test_export_encoding_error);
#undef ADD

  return g_test_run ();
}
