/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-store-faults.c: the catalogue under storage faults.  A full disk is
 * simulated with SQLite's own limit (PRAGMA max_page_count makes writes
 * fail with SQLITE_FULL, exactly as ENOSPC does, without root or a small
 * file system); a read-only data directory is simulated with
 * SB_STORE_OPEN_READ_ONLY, because the tests run as root in CI and root
 * ignores file modes — the real chmod case runs only for other users.
 * Damaged files are made by overwriting a page of an index, or the whole
 * file, behind SQLite's back.  Each case checks the seller's message and
 * that nothing already saved was lost.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sb-csv-store.h"
#include "sb-store-recovery.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-store-faults-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "catalogue.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  g_chmod (path, 0700);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* PRAGMA integrity_check on the file behind the store's back. */
static char *
integrity_check (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static SbProduct *
make_product (const char  *offer_id,
              SbSyncState  state,
              gint64       stock,
              gsize        description_length)
{
  SbProduct *product = sb_product_new (offer_id);
  SbVariant *variant = sb_variant_new ();
  g_autofree char *description = g_strnfill (description_length, 'd');

  product->category_id = g_strdup ("1001");
  sb_product_set_title (product, SB_LANG_EN, "Cotton T-shirt");
  sb_product_set_title (product, SB_LANG_KO, "면 티셔츠");
  sb_product_set_title (product, SB_LANG_RU, "Хлопковая футболка");
  if (description_length > 0)
    sb_product_set_description (product, SB_LANG_EN, description);
  product->weight_g = 250;
  product->length_mm = 300;
  product->width_mm = 200;
  product->height_mm = 30;
  sb_product_add_carrier (product, "kr_kpacket");
  variant->sku = g_strconcat (offer_id, "-1", NULL);
  variant->price_minor = 12900;
  g_strlcpy (variant->currency, "KRW", sizeof variant->currency);
  variant->stock = stock;
  sb_product_add_variant (product, variant);
  product->sync_state = state;
  return product;
}

/* Every dirty non-draft product has exactly one op at its revision, and
 * every op belongs to a product (or the seller). */
static void
assert_outbox_agrees (const char *path)
{
  g_assert_cmpint (raw_int (path,
                            "SELECT count(*) FROM products p WHERE p.sync_state <> 0"
                            " AND p.revision <> p.confirmed_revision"
                            " AND (SELECT count(*) FROM outbox o WHERE o.offer_id = p.offer_id"
                            "      AND o.kind = 'put_product' AND o.revision = p.revision) <> 1"),
                   ==, 0);
  g_assert_cmpint (raw_int (path,
                            "SELECT count(*) FROM outbox o WHERE o.kind = 'put_product'"
                            " AND NOT EXISTS (SELECT 1 FROM products p WHERE p.offer_id = o.offer_id)"),
                   ==, 0);
}

static void
test_full_disk (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (fixture->path, &error);
  g_autoptr(GPtrArray) big = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  g_autoptr(SbProduct) kept = make_product ("KEPT-1", SB_SYNC_QUEUED, 5, 0);
  g_autoptr(SbProduct) edited = NULL;
  g_autoptr(SbProduct) loaded = NULL;
  g_autoptr(SbCsvTable) table = NULL;
  g_autoptr(SbCsvImportReport) report = NULL;
  g_autofree char *check = NULL;
  g_autoptr(GString) csv = g_string_new ("offer_id,sku,price,currency,description_en\n");
  gint64 pages;

  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("KEPT-%u", i + 1);
      g_autoptr(SbProduct) product = make_product (id, SB_SYNC_QUEUED, 5, 0);

      g_assert_true (sb_store_save_product (store, product, &error));
      g_assert_no_error (error);
    }

  /* The disk fills up: a few spare pages, far less than the import needs. */
  pages = sb_store_set_page_limit_for_testing (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pages, >, 0);
  g_assert_cmpint (sb_store_set_page_limit_for_testing (store, pages + 2, &error), ==, pages);

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("BIG-%03u", i);

      g_ptr_array_add (big, make_product (id, SB_SYNC_QUEUED, 1, 3000));
    }
  g_assert_false (sb_store_save_products (store, big, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_clear_error (&error);

  /* An edit of a product that was saved before fails whole… */
  edited = make_product ("KEPT-1", SB_SYNC_QUEUED, 6, 20000);
  g_assert_false (sb_store_save_product (store, edited, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FULL);
  g_clear_error (&error);

  /* …and so does a CSV import, in one transaction. */
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (csv, "CSV-%03u,CSV-%03u-1,100,USD,%0500u\n", i, i, i);
  table = sb_csv_parse (csv->str, csv->len, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  g_assert_no_error (error);
  report = sb_csv_import_into_store (store, table, FALSE, &error);
  g_assert_null (report);
  g_assert_error (error, SB_CSV_IMPORT_ERROR, SB_CSV_IMPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_nonnull (strstr (error->message, "not changed"));
  g_clear_error (&error);

  /* Nothing that was saved before is lost, nothing half-saved. */
  g_assert_cmpint (sb_store_count_products (store, NULL, &error), ==, 5);
  loaded = sb_store_load_product (store, "KEPT-1", &error);
  g_assert_no_error (error);
  g_assert_true (sb_product_equal (loaded, kept));
  g_assert_cmpint (sb_store_count_dirty (store, &error), ==, 5);
  g_clear_object (&store);
  check = integrity_check (fixture->path);
  g_assert_cmpstr (check, ==, "ok");
  assert_outbox_agrees (fixture->path);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM outbox"), ==, 5);

  /* Space again: the very same save goes through. */
  store = sb_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_save_product (store, edited, &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_save_products (store, big, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_store_count_products (store, NULL, &error), ==, 205);
}

static void
save_some (const char *path,
           guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("P-%02u", i);
      g_autoptr(SbProduct) product = make_product (id, i % 2 ? SB_SYNC_DRAFT : SB_SYNC_QUEUED, i, 10);

      g_assert_true (sb_store_save_product (store, product, &error));
      g_assert_no_error (error);
    }
  g_assert_true (sb_store_set_setting (store, "onboarding", "done", &error));
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbProduct) product = make_product ("P-00", SB_SYNC_QUEUED, 99, 0);
  g_autoptr(SbProduct) loaded = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *setting = NULL;
  gsize before_len, after_len;

  save_some (fixture->path, 6);
  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));

  /* Simulated: root may write anywhere, so the read-only folder is the
   * store's read-only mode, as the recovery path opens it. */
  store = sb_store_open_full (fixture->path, SB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_is_read_only (store));
  g_assert_cmpint (sb_store_count_products (store, NULL, &error), ==, 6);
  loaded = sb_store_load_product (store, "P-02", &error);
  g_assert_no_error (error);
  setting = sb_store_get_setting (store, "onboarding", &error);
  g_assert_cmpstr (setting, ==, "done");

  g_assert_false (sb_store_save_product (store, product, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "writable"));
  g_clear_error (&error);
  g_assert_false (sb_store_delete_product (store, "P-01", &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (sb_store_set_setting (store, "onboarding", "again", &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&store);

  /* Byte for byte what it was. */
  g_assert_true (g_file_get_contents (fixture->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_clear_pointer (&after, g_free);

  /* A missing file is not created by a read-only open. */
  g_remove (fixture->path);
  store = sb_store_open_full (fixture->path, SB_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

/* The real thing, for a user that file modes apply to. */
static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbStoreRecovery) recovery = NULL;
  g_autoptr(SbProduct) product = make_product ("P-00", SB_SYNC_QUEUED, 99, 0);
  g_autofree char *crashed_path = g_build_filename (fixture->dir, "crashed.db", NULL);
  g_autofree char *crashed_wal = g_strconcat (crashed_path, "-wal", NULL);
  g_autofree char *crashed_shm = g_strconcat (crashed_path, "-shm", NULL);

  if (geteuid () == 0)
    {
      g_test_skip ("root ignores file modes; /store-faults/read-only covers the read-only store");
      return;
    }

  save_some (fixture->path, 4);
  /* A second catalogue whose writer died: created and closed cleanly, then
   * its last save is only in the WAL. */
  save_some (crashed_path, 2);
  {
    pid_t pid = fork ();
    int status = 0;

    g_assert_cmpint (pid, >=, 0);
    if (pid == 0)
      {
        SbStore *crashed = sb_store_open (crashed_path, NULL);
        g_autoptr(SbProduct) last = make_product ("P-00", SB_SYNC_QUEUED, 1, 0);

        _exit (crashed != NULL && sb_store_save_product (crashed, last, NULL) ? 0 : 1);
      }
    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    g_assert_true (g_file_test (crashed_wal, G_FILE_TEST_EXISTS));
    g_remove (crashed_shm);
    g_chmod (crashed_path, 0444);
    g_chmod (crashed_wal, 0444);
  }
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);

  store = sb_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  store = sb_store_open_or_recover (fixture->path, &recovery, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_nonnull (recovery);
  g_assert_true (recovery->read_only);
  g_assert_nonnull (strstr (recovery->message, "read-only"));
  g_assert_cmpint (sb_store_count_products (store, NULL, &error), ==, 4);
  g_assert_false (sb_store_save_product (store, product, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&store);
  g_clear_pointer (&recovery, sb_store_recovery_free);

  /* Read-only it could only be opened without its WAL, so without its
   * last save: refused instead, and left as it is. */
  store = sb_store_open_or_recover (crashed_path, &recovery, &error);
  g_assert_null (store);
  g_assert_null (recovery);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY);
  g_assert_true (g_file_test (crashed_wal, G_FILE_TEST_EXISTS));
  g_chmod (fixture->dir, 0700);
  g_chmod (fixture->path, 0600);
}

/* Fills one page of @name's B-tree with garbage, as a bad sector or a
 * torn copy would. */
static void
damage_btree (const char *path,
              const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rootpage FROM sqlite_schema WHERE name = '%s'", name);
  gint64 page = raw_int (path, sql);
  gint64 page_size = raw_int (path, "PRAGMA page_size");
  g_autofree char *garbage = g_strnfill (page_size, 0x55);
  FILE *file;

  g_assert_cmpint (page, >, 1);
  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (page - 1) * page_size, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, page_size, file), ==, (gsize) page_size);
  fclose (file);
}

static void
test_corrupt_recovered (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (fixture->path, &error);
  g_autoptr(SbStoreRecovery) recovery = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  g_autoptr(SbCsvTable) table = NULL;
  g_autoptr(SbCsvImportReport) report = NULL;
  g_autofree char *seller = NULL;
  g_autofree char *wal = NULL;
  const char *seller_json = "{\"country\": \"KR\", \"store_name\": \"Hanbit Goods\"}";

  g_assert_no_error (error);
  /* 10 confirmed by the server, 10 queued, 10 drafts, and a seller profile
   * waiting to be sent. */
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *id = g_strdup_printf ("P-%02u", i);
      g_autoptr(SbProduct) product = make_product (id, i >= 20 ? SB_SYNC_DRAFT : SB_SYNC_QUEUED, i, 100);

      g_assert_true (sb_store_save_product (store, product, &error));
      g_assert_no_error (error);
      if (i >= 10)
        g_ptr_array_add (originals, g_steal_pointer (&product));
    }
  ops = sb_store_list_pending_ops (store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, 10);
  for (guint i = 0; i < ops->len; i++)
    {
      const SbOutboxOp *op = g_ptr_array_index (ops, i);
      g_autoptr(SbSyncResult) result = sb_sync_result_new (op->offer_id);

      result->revision = op->revision;
      result->outcome = SB_SYNC_OUTCOME_ACCEPTED;
      result->server_version = 1;
      result->status = SB_SYNC_PENDING_REVIEW;
      g_assert_true (sb_store_finish_op (store, op->id, result, &error));
      g_assert_no_error (error);
    }
  g_assert_true (sb_store_save_seller_json (store, seller_json, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* An index the product reads never use is damaged: the file fails the
   * check, but the products can still be read. */
  damage_btree (fixture->path, "products_by_stock");

  store = sb_store_open_or_recover (fixture->path, &recovery, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_nonnull (recovery);
  g_assert_false (recovery->read_only);

  /* The damaged file is kept, renamed, and a fresh catalogue is open. */
  g_assert_nonnull (recovery->moved_to);
  g_assert_true (g_str_has_suffix (recovery->moved_to, ".corrupt"));
  g_assert_true (g_file_test (recovery->moved_to, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sb_store_count_products (store, NULL, &error), ==, 0);
  g_assert_true (sb_store_check_integrity (store, &error));

  /* The 20 products the server never confirmed were exported, not the 10
   * it has; the seller profile too. */
  g_assert_cmpuint (recovery->n_exported, ==, 20);
  g_assert_cmpuint (recovery->n_unreadable, ==, 0);
  g_assert_nonnull (recovery->products_csv);
  g_assert_nonnull (recovery->seller_json);
  g_assert_true (g_file_get_contents (recovery->seller_json, &seller, NULL, NULL));
  g_assert_cmpstr (seller, ==, seller_json);
  g_assert_nonnull (strstr (recovery->message, recovery->moved_to));
  g_assert_nonnull (strstr (recovery->message, recovery->products_csv));
  g_assert_nonnull (strstr (recovery->message, "20 products"));

  /* Importing the export gives the seller's work back, field for field. */
  table = sb_csv_read_file (recovery->products_csv, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  g_assert_no_error (error);
  report = sb_csv_import_into_store (store, table, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->n_created, ==, 20);
  for (guint i = 0; i < originals->len; i++)
    {
      SbProduct *original = g_ptr_array_index (originals, i);
      g_autoptr(SbProduct) back = sb_store_load_product (store, original->offer_id, &error);

      g_assert_no_error (error);
      g_assert_true (sb_product_equal (original, back));
    }

  /* Recovering again does not overwrite the first .corrupt file. */
  g_clear_object (&store);
  g_clear_pointer (&recovery, sb_store_recovery_free);
  wal = g_strconcat (fixture->path, "-wal", NULL);
  g_remove (wal);
  g_assert_true (g_file_set_contents (fixture->path, "not a database at all, just some text", -1, NULL));
  store = sb_store_open_or_recover (fixture->path, &recovery, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovery);
  g_assert_true (g_str_has_suffix (recovery->moved_to, ".corrupt-1"));
  g_assert_cmpuint (recovery->n_exported, ==, 0);
  g_assert_null (recovery->products_csv);
}

static void
test_garbage_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbStoreRecovery) recovery = NULL;
  g_autoptr(SbProduct) product = make_product ("NEW-1", SB_SYNC_QUEUED, 1, 0);
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autofree char *moved = NULL;
  gsize moved_len;

  g_assert_true (g_file_set_contents (fixture->path, garbage, 8192, NULL));
  store = sb_store_open_or_recover (fixture->path, &recovery, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_nonnull (recovery);
  g_assert_true (g_file_get_contents (recovery->moved_to, &moved, &moved_len, NULL));
  g_assert_cmpmem (moved, moved_len, garbage, 8192);
  g_assert_cmpuint (recovery->n_exported, ==, 0);
  g_assert_nonnull (strstr (recovery->message, "damaged"));
  g_assert_true (sb_store_save_product (store, product, &error));
  g_assert_no_error (error);
}

static void
test_newer_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbStoreRecovery) recovery = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %u", sb_store_get_schema_version () + 1);
  gsize before_len, after_len;
  sqlite3 *db = NULL;

  save_some (fixture->path, 3);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));

  store = sb_store_open_or_recover (fixture->path, &recovery, &error);
  g_assert_null (store);
  g_assert_null (recovery);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_assert_true (g_file_get_contents (fixture->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  {
    g_autofree char *corrupt = g_strconcat (fixture->path, ".corrupt", NULL);

    g_assert_false (g_file_test (corrupt, G_FILE_TEST_EXISTS));
  }
}

static void
test_sound_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbStoreRecovery) recovery = NULL;

  save_some (fixture->path, 5);
  store = sb_store_open_or_recover (fixture->path, &recovery, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_null (recovery);
  g_assert_cmpint (sb_store_count_products (store, NULL, &error), ==, 5);
}

static void
check_file_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
check_file (const char  *path,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sb_store_check_file_async (path, NULL, check_file_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return sb_store_check_file_finish (result, error);
}

/* The app opens without reading the whole file and checks it on a worker;
 * damage found there is recovered at the next start. */
static void
test_deferred_check (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbStoreRecovery) recovery = NULL;
  g_autofree char *request = sb_store_dup_check_request_path (fixture->path);

  save_some (fixture->path, 5);

  /* A sound file: opened at once, the background check passes, and no
   * request is left. */
  store = sb_store_open_or_recover_full (fixture->path, SB_STORE_RECOVER_DEFER_CHECK, &recovery, &error);
  g_assert_no_error (error);
  g_assert_null (recovery);
  g_assert_true (check_file (fixture->path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (request, G_FILE_TEST_EXISTS));
  g_clear_object (&store);

  /* A damaged index: the deferred open still succeeds (nothing read it)... */
  damage_btree (fixture->path, "products_by_stock");
  store = sb_store_open_or_recover_full (fixture->path, SB_STORE_RECOVER_DEFER_CHECK, &recovery, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_null (recovery);

  /* ...the background check finds it and asks for a check at next start... */
  g_assert_false (check_file (fixture->path, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_true (g_file_test (request, G_FILE_TEST_EXISTS));
  g_clear_object (&store);

  /* ...where the file is exported, moved aside and replaced. */
  store = sb_store_open_or_recover_full (fixture->path, SB_STORE_RECOVER_DEFER_CHECK, &recovery, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_nonnull (recovery);
  g_assert_nonnull (recovery->moved_to);
  g_assert_true (g_file_test (recovery->moved_to, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sb_store_count_products (store, NULL, &error), ==, 0);
  g_assert_false (g_file_test (request, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/store-faults/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("full-disk", test_full_disk);
  ADD ("read-only", test_read_only);
  ADD ("read-only-folder", test_read_only_folder);
  ADD ("corrupt-recovered", test_corrupt_recovered);
  ADD ("garbage-file", test_garbage_file);
  ADD ("newer-refused", test_newer_refused);
  ADD ("sound-file", test_sound_file);
  ADD ("deferred-check", test_deferred_check);
#undef ADD

  return g_test_run ();
}
