/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-store.c: unit tests of the SQLite store — schema creation and the
 * refusal of newer or damaged files, lossless product round trips, the
 * outbox written atomically with each edit, Korean/Russian/Latin substring
 * search down to one character, filters, every sort, paging, the sync
 * bookkeeping, and a 100,000-product catalogue that must stay fast.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "sb-store.h"

typedef struct {
  char    *dir;
  char    *path;
  SbStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sub", "dir", "catalogue.db", NULL);
  fixture->store = sb_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
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
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

static void raw_exec (const char *path, const char *sql);

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  /* Every test leaves the trigram index consistent with its content. */
  if (g_file_test (fixture->path, G_FILE_TEST_EXISTS) && data == NULL)
    raw_exec (fixture->path, "INSERT INTO product_fts (product_fts) VALUES ('integrity-check')");
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Runs SQL on the file behind the store's back, as a test probe. */
static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
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

static char *
raw_text (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static SbVariant *
make_variant (const char *sku,
              const char *color,
              const char *size,
              gint64      price,
              const char *currency,
              gint64      stock)
{
  SbVariant *variant = sb_variant_new ();

  variant->sku = g_strdup (sku);
  if (color != NULL)
    sb_variant_set_option (variant, "color", color);
  if (size != NULL)
    sb_variant_set_option (variant, "size", size);
  variant->price_minor = price;
  g_strlcpy (variant->currency, currency, sizeof variant->currency);
  variant->stock = stock;
  return variant;
}

static SbProduct *
make_tee (void)
{
  SbProduct *product = sb_product_new ("HB-TEE-001");
  SbImage *image = sb_image_new ();
  SbVariant *variant;

  product->category_id = g_strdup ("1001");
  sb_product_set_title (product, SB_LANG_EN, "Cotton T-shirt");
  sb_product_set_title (product, SB_LANG_KO, "면 티셔츠");
  sb_product_set_title (product, SB_LANG_RU, "Хлопковая футболка");
  sb_product_set_description (product, SB_LANG_EN, "Soft \"combed\" cotton, 180 g/m².");
  sb_product_set_description (product, SB_LANG_KO, "부드러운 면");
  sb_product_set_attribute (product, "brand", "Hanbit");
  sb_product_set_attribute (product, "material", "cotton");
  image->local_path = g_strdup ("/home/seller/Pictures/tee.jpg");
  image->sha256 = g_strdup ("3f2a000000000000000000000000000000000000000000000000000000000000");
  image->remote_id = g_strdup ("img_3f2a");
  image->width = 1000;
  image->height = 1200;
  sb_product_add_image (product, image);
  product->weight_g = 250;
  product->length_mm = 300;
  product->width_mm = 200;
  product->height_mm = 30;
  product->hs_code = g_strdup ("610910");
  product->batteries = SB_BATTERIES_INSTALLED;
  product->liquids = TRUE;
  sb_product_add_carrier (product, "kr_kpacket");
  sb_product_add_carrier (product, "kr_ems");
  product->handling_days = 3;
  variant = make_variant ("HB-TEE-001-WH-M", "white", "M", 12900, "KRW", 25);
  variant->barcode = g_strdup ("8801234567893");
  sb_product_add_variant (product, variant);
  sb_product_add_variant (product, make_variant ("HB-TEE-001-BK-L", "black", "L", 13900, "KRW", 5));
  product->sync_state = SB_SYNC_QUEUED;
  return product;
}

static SbProduct *
make_simple (const char *offer_id,
             const char *title_en,
             const char *title_ru,
             gint64      price,
             gint64      stock)
{
  SbProduct *product = sb_product_new (offer_id);
  g_autofree char *sku = g_strconcat (offer_id, "-1", NULL);

  product->category_id = g_strdup ("1001");
  sb_product_set_title (product, SB_LANG_EN, title_en);
  sb_product_set_title (product, SB_LANG_RU, title_ru);
  sb_product_add_variant (product, make_variant (sku, NULL, NULL, price, "USD", stock));
  product->sync_state = SB_SYNC_QUEUED;
  return product;
}

static gboolean
keep_going_cb (SbProduct *product,
             gpointer   user_data)
{
  return TRUE;
}

static gint64
count_ops (SbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = sb_store_list_pending_ops (store, 0, &error);

  g_assert_no_error (error);
  return ops->len;
}

/* Opening and migrations */

static void
test_store_migrate_empty (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = g_build_filename (fixture->dir, "empty.db", NULL);
  g_autoptr(SbStore) store = NULL;
  g_autofree char *path = NULL;

  g_assert_cmpint (sb_store_get_schema_version (), >=, 1);
  g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, sb_store_get_schema_version ());
  g_object_get (fixture->store, "path", &path, NULL);
  g_assert_cmpstr (path, ==, fixture->path);
  g_assert_cmpstr (sb_store_get_path (fixture->store), ==, fixture->path);

  /* A zero-byte file is an empty database and is migrated. */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  store = sb_store_open (empty, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (empty, "PRAGMA user_version"), ==, sb_store_get_schema_version ());
  {
    g_autofree char *mode = raw_text (empty, "PRAGMA journal_mode");

    g_assert_cmpstr (mode, ==, "wal");
  }
  g_assert_cmpint (raw_int (empty, "SELECT count(*) FROM sqlite_schema WHERE name = 'outbox'"), ==, 1);
  g_assert_cmpint (sb_store_count_products (store, NULL, &error), ==, 0);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Opening again does not migrate twice. */
  store = sb_store_open (empty, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (empty, "SELECT count(*) FROM sync_meta"), ==, 1);
}

static void
test_store_refuse_newer (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %u", sb_store_get_schema_version () + 1);
  g_autofree char *newer = g_build_filename (fixture->dir, "newer.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;

  raw_exec (newer, "CREATE TABLE future (x); INSERT INTO future VALUES (42);");
  raw_exec (newer, sql);
  g_assert_true (g_file_get_contents (newer, &before, &before_len, NULL));

  store = sb_store_open (newer, &error);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NEWER_VERSION);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "newer version"));

  /* Left exactly as it was: no WAL switch, no tables. */
  g_assert_true (g_file_get_contents (newer, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_cmpint (raw_int (newer, "SELECT count(*) FROM sqlite_schema WHERE name = 'products'"), ==, 0);
}

static void
test_store_refuse_corrupt (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.db", NULL);
  g_autofree char *garbage = g_strnfill (8192, 'x');

  g_assert_true (g_file_set_contents (bad, garbage, -1, NULL));
  store = sb_store_open (bad, &error);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT);
  g_assert_null (store);
}

static void
test_store_default_path (void)
{
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;

  g_setenv ("SELLBRIDGE_DB", "/tmp/some/where.db", TRUE);
  path = sb_store_dup_default_path ();
  g_assert_cmpstr (path, ==, "/tmp/some/where.db");
  g_clear_pointer (&path, g_free);

  g_unsetenv ("SELLBRIDGE_DB");
  path = sb_store_dup_default_path ();
  expected = g_build_filename (g_get_user_data_dir (), "sellbridge", "sellbridge.db", NULL);
  g_assert_cmpstr (path, ==, expected);
}

/* Products */

static void
test_store_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) tee = make_tee ();
  g_autoptr(SbProduct) loaded = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  const SbOutboxOp *op;

  g_assert_true (sb_store_save_product (fixture->store, tee, &error));
  g_assert_no_error (error);

  loaded = sb_store_load_product (fixture->store, "HB-TEE-001", &error);
  g_assert_no_error (error);
  g_assert_true (sb_product_equal (tee, loaded));
  g_assert_cmpint (loaded->sync_state, ==, SB_SYNC_QUEUED);
  g_assert_cmpint (loaded->server_version, ==, 0);
  g_assert_cmpint (((SbImage *) g_ptr_array_index (loaded->images, 0))->width, ==, 1000);
  g_assert_cmpint (((SbImage *) g_ptr_array_index (loaded->images, 0))->height, ==, 1200);
  g_assert_cmpstr (((SbImage *) g_ptr_array_index (loaded->images, 0))->local_path, ==,
                   "/home/seller/Pictures/tee.jpg");

  ops = sb_store_list_pending_ops (fixture->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, 1);
  op = g_ptr_array_index (ops, 0);
  g_assert_cmpint (op->kind, ==, SB_OUTBOX_PUT_PRODUCT);
  g_assert_cmpstr (op->offer_id, ==, "HB-TEE-001");
  g_assert_cmpint (op->revision, ==, 1);
  g_assert_nonnull (op->created);
  g_clear_pointer (&ops, g_ptr_array_unref);

  /* A second save replaces the unsent op with one for revision 2. */
  sb_product_set_title (tee, SB_LANG_EN, "Cotton T-shirt, white");
  g_ptr_array_remove_index (tee->variants, 1);
  g_hash_table_remove (tee->attributes, "material");
  g_assert_true (sb_store_save_product (fixture->store, tee, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, sb_product_free);
  loaded = sb_store_load_product (fixture->store, "HB-TEE-001", &error);
  g_assert_no_error (error);
  g_assert_true (sb_product_equal (tee, loaded));
  ops = sb_store_list_pending_ops (fixture->store, 0, &error);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_cmpint (((SbOutboxOp *) g_ptr_array_index (ops, 0))->revision, ==, 2);

  /* Not found is an error. */
  g_clear_pointer (&loaded, sb_product_free);
  loaded = sb_store_load_product (fixture->store, "NOPE", &error);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
  g_assert_null (loaded);
  g_clear_error (&error);

  g_assert_true (sb_store_has_product (fixture->store, "HB-TEE-001", &error));
  g_assert_false (sb_store_has_product (fixture->store, "NOPE", &error));
  g_assert_no_error (error);
  {
    g_autofree char *offer = sb_store_find_offer_id_by_sku (fixture->store, "HB-TEE-001-WH-M", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (offer, ==, "HB-TEE-001");
  }
}

static void
test_store_draft (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) tee = make_tee ();
  g_autoptr(SbProduct) loaded = NULL;

  tee->sync_state = SB_SYNC_DRAFT;
  g_assert_true (sb_store_save_product (fixture->store, tee, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_ops (fixture->store), ==, 0);
  loaded = sb_store_load_product (fixture->store, tee->offer_id, &error);
  g_assert_cmpint (loaded->sync_state, ==, SB_SYNC_DRAFT);

  /* Queued, then back to draft: the unsent op goes away. */
  tee->sync_state = SB_SYNC_QUEUED;
  g_assert_true (sb_store_save_product (fixture->store, tee, &error));
  g_assert_cmpint (count_ops (fixture->store), ==, 1);
  tee->sync_state = SB_SYNC_DRAFT;
  g_assert_true (sb_store_save_product (fixture->store, tee, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_ops (fixture->store), ==, 0);
  g_assert_cmpint (sb_store_count_dirty (fixture->store, &error), ==, 0);
}

static void
test_store_outbox_atomic (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) tee = make_tee ();
  g_autoptr(SbProduct) loaded = NULL;

  /* Make the outbox insert — the last statement of a save — fail. */
  raw_exec (fixture->path,
            "CREATE TRIGGER test_fail BEFORE INSERT ON outbox"
            " BEGIN SELECT RAISE (ABORT, 'outbox refused'); END;");
  g_assert_false (sb_store_save_product (fixture->store, tee, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (sb_store_has_product (fixture->store, tee->offer_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM products"), ==, 0);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM variants"), ==, 0);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM product_fts"), ==, 0);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM outbox"), ==, 0);

  /* An existing product keeps its old content when the outbox fails. */
  raw_exec (fixture->path, "DROP TRIGGER test_fail");
  g_assert_true (sb_store_save_product (fixture->store, tee, &error));
  g_assert_no_error (error);
  raw_exec (fixture->path,
            "CREATE TRIGGER test_fail BEFORE INSERT ON outbox"
            " BEGIN SELECT RAISE (ABORT, 'outbox refused'); END;");
  {
    g_autoptr(SbProduct) changed = sb_product_copy (tee);

    sb_product_set_title (changed, SB_LANG_EN, "Changed");
    g_assert_false (sb_store_save_product (fixture->store, changed, &error));
    g_clear_error (&error);
  }
  loaded = sb_store_load_product (fixture->store, tee->offer_id, &error);
  g_assert_no_error (error);
  g_assert_true (sb_product_equal (tee, loaded));
  g_assert_cmpint (raw_int (fixture->path, "SELECT revision FROM products"), ==, 1);
  g_assert_cmpint (count_ops (fixture->store), ==, 1);

  /* The same with the seller. */
  g_assert_false (sb_store_save_seller_json (fixture->store, "{\"country\": \"KR\"}", &error));
  g_clear_error (&error);
  {
    g_autofree char *json = sb_store_load_seller_json (fixture->store, &error);

    g_assert_no_error (error);
    g_assert_null (json);
  }
}

static void
test_store_rejected_write (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) tee = make_tee ();
  g_autoptr(SbProduct) bad = NULL;
  g_autoptr(SbProduct) loaded = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  g_autoptr(SbProduct) bad_id = make_simple ("bad id!", "Bad", NULL, 100, 1);

  g_assert_true (sb_store_save_product (fixture->store, tee, &error));
  g_assert_no_error (error);

  /* Two variants with one SKU. */
  bad = sb_product_copy (tee);
  g_free (((SbVariant *) g_ptr_array_index (bad->variants, 1))->sku);
  ((SbVariant *) g_ptr_array_index (bad->variants, 1))->sku = g_strdup ("HB-TEE-001-WH-M");
  sb_product_set_title (bad, SB_LANG_EN, "Should not be saved");
  g_assert_false (sb_store_save_product (fixture->store, bad, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (sb_store_save_product (fixture->store, bad_id, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A batch with one bad product saves none. */
  g_ptr_array_add (batch, make_simple ("A-1", "First", NULL, 100, 1));
  g_ptr_array_add (batch, sb_product_copy (bad));
  g_ptr_array_add (batch, make_simple ("A-3", "Third", NULL, 100, 1));
  g_assert_false (sb_store_save_products (fixture->store, batch, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  loaded = sb_store_load_product (fixture->store, tee->offer_id, &error);
  g_assert_no_error (error);
  g_assert_true (sb_product_equal (tee, loaded));
  g_assert_cmpint (sb_store_count_products (fixture->store, NULL, &error), ==, 1);
  g_assert_cmpint (count_ops (fixture->store), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT revision FROM products"), ==, 1);
}

static void
test_store_cancel (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  g_autoptr(SbProduct) tee = make_tee ();

  g_assert_true (sb_store_save_product (fixture->store, tee, &error));
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *offer_id = g_strdup_printf ("C-%u", i);

      g_ptr_array_add (products, make_simple (offer_id, "Cancelled", NULL, 100, 1));
    }
  sb_store_set_cancellable (fixture->store, cancellable);
  g_cancellable_cancel (cancellable);

  /* A cancelled import saves nothing. */
  g_assert_false (sb_store_save_products (fixture->store, products, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (sb_store_foreach_product (fixture->store, keep_going_cb, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  sb_store_set_cancellable (fixture->store, NULL);
  g_assert_cmpint (sb_store_count_products (fixture->store, NULL, &error), ==, 1);
  g_assert_cmpint (count_ops (fixture->store), ==, 1);
  g_assert_true (sb_store_save_products (fixture->store, products, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_store_count_products (fixture->store, NULL, &error), ==, 51);
}

static void
test_store_delete (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) a = make_simple ("A", "Apple", NULL, 100, 1);
  g_autoptr(SbProduct) b = make_simple ("B", "Banana", NULL, 100, 1);
  g_autoptr(SbStoreBatch) batch = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(SbStoreQuery) query = sb_store_query_new ();

  g_assert_true (sb_store_save_product (fixture->store, a, &error));
  g_assert_true (sb_store_save_product (fixture->store, b, &error));
  g_assert_no_error (error);

  /* Never sent: gone without a trace. */
  g_assert_true (sb_store_delete_product (fixture->store, "A", &error));
  g_assert_no_error (error);
  g_assert_false (sb_store_has_product (fixture->store, "A", NULL));
  g_assert_cmpint (count_ops (fixture->store), ==, 1);
  sb_store_query_set_search (query, "apple");
  g_assert_cmpint (sb_store_count_products (fixture->store, query, &error), ==, 0);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM product_fts WHERE product_fts MATCH 'apple'"),
                   ==, 0);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM search_text"), ==, 1);

  /* Sent in a batch: a delete_product op follows. */
  batch = sb_store_batch_new ("key-1", body);
  sb_store_batch_add_item (batch, "B", 1);
  g_assert_true (sb_store_record_batch (fixture->store, batch, &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_delete_product (fixture->store, "B", &error));
  g_assert_no_error (error);
  ops = sb_store_list_pending_ops (fixture->store, 0, &error);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_cmpint (((SbOutboxOp *) g_ptr_array_index (ops, 0))->kind, ==, SB_OUTBOX_DELETE_PRODUCT);
  g_assert_cmpstr (((SbOutboxOp *) g_ptr_array_index (ops, 0))->offer_id, ==, "B");

  g_assert_false (sb_store_delete_product (fixture->store, "B", &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The delete confirmed. */
  g_assert_true (sb_store_finish_op (fixture->store, ((SbOutboxOp *) g_ptr_array_index (ops, 0))->id,
                                     NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_ops (fixture->store), ==, 0);
}

/* Search, filters, sorts and paging */

static void
save_catalogue (SbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  SbProduct *p;

  g_ptr_array_add (products, make_tee ());                                        /* 12900–13900 KRW, stock 30 */
  g_ptr_array_add (products, make_simple ("RU-TEE-7", "Football shirt", "Футболка детская", 1500, 7));
  g_ptr_array_add (products, make_simple ("ZZ-MUG", "mug", "Кружка", 900, 100));
  p = make_simple ("AA-CAP", "Baseball cap", "Кепка", 2500, 0);
  sb_product_set_title (p, SB_LANG_KO, "야구 모자");
  g_ptr_array_add (products, p);
  p = make_simple ("DRAFT-1", "Éclair box", NULL, 500, 3);
  p->sync_state = SB_SYNC_DRAFT;
  g_ptr_array_add (products, p);
  g_assert_true (sb_store_save_products (store, products, &error));
  g_assert_no_error (error);
}

static char *
list_ids (SbStore            *store,
          const SbStoreQuery *query,
          guint               offset,
          guint               limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = sb_store_list_products (store, query, offset, limit, &error);
  g_autoptr(GString) ids = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const SbProductSummary *row = g_ptr_array_index (rows, i);

      g_string_append_printf (ids, "%s%s", i > 0 ? " " : "", row->offer_id);
    }
  /* The count agrees with an unpaged list. */
  if (offset == 0 && limit >= 1000)
    g_assert_cmpint (sb_store_count_products (store, query, NULL), ==, rows->len);
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
check_search (SbStore    *store,
              const char *text,
              const char *expected)
{
  g_autoptr(SbStoreQuery) query = sb_store_query_new ();
  g_autofree char *ids = NULL;

  sb_store_query_set_search (query, text);
  ids = list_ids (store, query, 0, 1000);
  g_test_message ("search “%s” → %s", text, ids);
  g_assert_cmpstr (ids, ==, expected);
}

static void
test_store_search (Fixture       *fixture,
                   gconstpointer  data)
{
  save_catalogue (fixture->store);

  check_search (fixture->store, "티셔", "HB-TEE-001");
  check_search (fixture->store, "티셔츠", "HB-TEE-001");
  check_search (fixture->store, "면", "HB-TEE-001");
  check_search (fixture->store, "모", "AA-CAP");
  check_search (fixture->store, "футб", "HB-TEE-001 RU-TEE-7");
  check_search (fixture->store, "ФУТБОЛКА", "HB-TEE-001 RU-TEE-7");
  check_search (fixture->store, "Ф", "HB-TEE-001 RU-TEE-7");
  check_search (fixture->store, "кр", "ZZ-MUG");
  check_search (fixture->store, "COTTON", "HB-TEE-001");
  check_search (fixture->store, "ＣＯＴＴＯＮ", "HB-TEE-001");  /* full-width */
  check_search (fixture->store, "éclair", "DRAFT-1");
  check_search (fixture->store, "ÉCLAIR", "DRAFT-1");
  check_search (fixture->store, "bk-l", "HB-TEE-001");            /* a SKU */
  check_search (fixture->store, "tee", "HB-TEE-001 RU-TEE-7");    /* offer ids */
  check_search (fixture->store, "cap base", "AA-CAP");            /* every word */
  check_search (fixture->store, "shirt z", "");
  check_search (fixture->store, "a ball", "AA-CAP RU-TEE-7");
  check_search (fixture->store, "\"quoted", "");
  check_search (fixture->store, "  ", "AA-CAP DRAFT-1 HB-TEE-001 RU-TEE-7 ZZ-MUG");
}

/* A save of 1,000+ products into an empty catalogue builds its secondary
 * indexes and the trigram index at the end: the result must be the same
 * catalogue as product-by-product saves give, cancelling it must leave
 * the indexes in place, and later saves must keep the indexes up. */
static void
test_store_bulk_save (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *index_list = "SELECT group_concat (name || ':' || sql, ' | ') FROM"
                           " (SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                           " AND sql IS NOT NULL ORDER BY name)";
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  g_autoptr(SbProduct) changed = NULL;
  g_autofree char *indexes = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SbStoreQuery) by_title = sb_store_query_new ();
  g_autofree char *first = NULL;

  /* Let the store create its schema before reading the index list. */
  g_assert_cmpint (sb_store_count_products (fixture->store, NULL, &error), ==, 0);
  indexes = raw_text (fixture->path, index_list);
  g_assert_nonnull (strstr (indexes, "products_by_title_en"));
  g_assert_nonnull (strstr (indexes, "variants_by_sku"));

  for (guint i = 0; i < 1200; i++)
    {
      g_autofree char *offer_id = g_strdup_printf ("B-%04u", i);
      g_autofree char *title = g_strdup_printf ("Bulk item %04u", 1199 - i);

      g_ptr_array_add (products, make_simple (offer_id, title, i == 7 ? "Футболка хлопковая" : NULL,
                                              100 + i, i));
    }

  /* Cancelled: nothing saved, every index still there. */
  sb_store_set_cancellable (fixture->store, cancellable);
  g_cancellable_cancel (cancellable);
  g_assert_false (sb_store_save_products (fixture->store, products, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  sb_store_set_cancellable (fixture->store, NULL);
  g_assert_cmpint (sb_store_count_products (fixture->store, NULL, &error), ==, 0);
  after = raw_text (fixture->path, index_list);
  g_assert_cmpstr (after, ==, indexes);
  g_clear_pointer (&after, g_free);

  g_assert_true (sb_store_save_products (fixture->store, products, &error));
  g_assert_no_error (error);
  after = raw_text (fixture->path, index_list);
  g_assert_cmpstr (after, ==, indexes);
  g_assert_cmpint (sb_store_count_products (fixture->store, NULL, &error), ==, 1200);
  g_assert_cmpint (count_ops (fixture->store), ==, 1200);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM variants INDEXED BY variants_by_sku"
                                           " WHERE sku >= 'B-'"), ==, 1200);
  g_assert_true (sb_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);

  /* The rebuilt trigram index finds products, the list indexes sort. */
  check_search (fixture->store, "хлопк", "B-0007");
  check_search (fixture->store, "b-0042", "B-0042");
  by_title->sort = SB_STORE_SORT_TITLE;
  first = list_ids (fixture->store, by_title, 0, 1);
  g_assert_cmpstr (first, ==, "B-1199");

  /* An ordinary save afterwards updates both. */
  changed = sb_store_load_product (fixture->store, "B-0042", &error);
  g_assert_no_error (error);
  sb_product_set_title (changed, SB_LANG_EN, "Renamed zebra");
  g_assert_true (sb_store_save_product (fixture->store, changed, &error));
  g_assert_no_error (error);
  check_search (fixture->store, "zebra", "B-0042");
  /* B-0042's old title "Bulk item 1157" is gone from the index; B-1157
   * still matches through its offer id. */
  check_search (fixture->store, "item 1157", "B-1157");
  /* (The tear-down runs the trigram index's integrity check.) */
}

/* Variant options are stored as JSON-GLib writes them, whether the store
 * writes the text itself (plain text) or through JSON-GLib (escapes). */
static void
test_store_options_json (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) product = sb_product_new ("OPT-1");
  g_autoptr(SbProduct) loaded = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *empty = NULL;
  SbVariant *odd;

  product->category_id = g_strdup ("1001");
  sb_product_set_title (product, SB_LANG_EN, "Options");
  sb_product_add_variant (product, make_variant ("OPT-1-A", "화이트 / Белый", "L", 100, "USD", 1));
  odd = make_variant ("OPT-1-B", "say \"hi\"\\", NULL, 100, "USD", 1);
  sb_variant_set_option (odd, "size", "tab\there\x7f");
  sb_product_add_variant (product, odd);
  sb_product_add_variant (product, make_variant ("OPT-1-C", NULL, NULL, 100, "USD", 1));
  g_assert_true (sb_store_save_product (fixture->store, product, &error));
  g_assert_no_error (error);

  plain = raw_text (fixture->path, "SELECT options_json FROM variants WHERE sku = 'OPT-1-A'");
  g_assert_cmpstr (plain, ==, "{\"color\":\"화이트 / Белый\",\"size\":\"L\"}");
  escaped = raw_text (fixture->path, "SELECT options_json FROM variants WHERE sku = 'OPT-1-B'");
  g_assert_cmpstr (escaped, ==, "{\"color\":\"say \\\"hi\\\"\\\\\",\"size\":\"tab\\there\\u007f\"}");
  empty = raw_text (fixture->path, "SELECT options_json FROM variants WHERE sku = 'OPT-1-C'");
  g_assert_cmpstr (empty, ==, "{}");

  loaded = sb_store_load_product (fixture->store, "OPT-1", &error);
  g_assert_no_error (error);
  g_assert_true (sb_product_equal (product, loaded));
}

static void
test_store_filter_sort_page (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStoreQuery) query = sb_store_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *ids = NULL;
  const SbProductSummary *row;

  save_catalogue (fixture->store);

#define CHECK_LIST(expected) \
  G_STMT_START { \
    g_autofree char *got = list_ids (fixture->store, query, 0, 1000); \
    g_assert_cmpstr (got, ==, expected); \
  } G_STMT_END

  CHECK_LIST ("AA-CAP DRAFT-1 HB-TEE-001 RU-TEE-7 ZZ-MUG");
  query->descending = TRUE;
  CHECK_LIST ("ZZ-MUG RU-TEE-7 HB-TEE-001 DRAFT-1 AA-CAP");

  query->descending = FALSE;
  query->filter_status = TRUE;
  query->status = SB_SYNC_DRAFT;
  CHECK_LIST ("DRAFT-1");
  query->status = SB_SYNC_QUEUED;
  CHECK_LIST ("AA-CAP HB-TEE-001 RU-TEE-7 ZZ-MUG");
  query->status = SB_SYNC_ACTIVE;
  CHECK_LIST ("");
  query->filter_status = FALSE;

  /* Titles by locale collation: "Éclair" sorts with E, "mug" with M. */
  query->sort = SB_STORE_SORT_TITLE;
  query->lang = SB_LANG_EN;
  CHECK_LIST ("AA-CAP HB-TEE-001 DRAFT-1 RU-TEE-7 ZZ-MUG");
  query->descending = TRUE;
  CHECK_LIST ("ZZ-MUG RU-TEE-7 DRAFT-1 HB-TEE-001 AA-CAP");
  query->descending = FALSE;
  /* Russian titles, with the English one where there is none: the
   * Russian collation puts Cyrillic before Latin. */
  query->lang = SB_LANG_RU;
  CHECK_LIST ("AA-CAP ZZ-MUG RU-TEE-7 HB-TEE-001 DRAFT-1");
  query->lang = SB_LANG_KO;
  CHECK_LIST ("HB-TEE-001 AA-CAP DRAFT-1 RU-TEE-7 ZZ-MUG");

  query->sort = SB_STORE_SORT_PRICE;
  CHECK_LIST ("HB-TEE-001 DRAFT-1 ZZ-MUG RU-TEE-7 AA-CAP");  /* KRW before USD */
  query->descending = TRUE;
  CHECK_LIST ("AA-CAP RU-TEE-7 ZZ-MUG DRAFT-1 HB-TEE-001");
  query->descending = FALSE;

  query->sort = SB_STORE_SORT_STOCK;
  CHECK_LIST ("AA-CAP DRAFT-1 RU-TEE-7 HB-TEE-001 ZZ-MUG");
  query->descending = TRUE;
  CHECK_LIST ("ZZ-MUG HB-TEE-001 RU-TEE-7 DRAFT-1 AA-CAP");
  query->descending = FALSE;

  query->sort = SB_STORE_SORT_STATUS;
  CHECK_LIST ("DRAFT-1 AA-CAP HB-TEE-001 RU-TEE-7 ZZ-MUG");
  query->descending = TRUE;
  CHECK_LIST ("ZZ-MUG RU-TEE-7 HB-TEE-001 AA-CAP DRAFT-1");
  query->descending = FALSE;

  /* All were saved in one transaction; a later save moves one to the end. */
  {
    g_autoptr(SbProduct) mug = sb_store_load_product (fixture->store, "ZZ-MUG", &error);

    g_assert_no_error (error);
    g_usleep (2000);
    g_assert_true (sb_store_save_product (fixture->store, mug, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(SbProduct) cap = sb_store_load_product (fixture->store, "AA-CAP", &error);

    g_usleep (2000);
    g_assert_true (sb_store_save_product (fixture->store, cap, &error));
  }
  query->sort = SB_STORE_SORT_UPDATED;
  CHECK_LIST ("DRAFT-1 HB-TEE-001 RU-TEE-7 ZZ-MUG AA-CAP");
  query->descending = TRUE;
  CHECK_LIST ("AA-CAP ZZ-MUG RU-TEE-7 HB-TEE-001 DRAFT-1");

  /* Sort with a filter and a search. */
  query->sort = SB_STORE_SORT_PRICE;
  query->descending = FALSE;
  query->filter_status = TRUE;
  query->status = SB_SYNC_QUEUED;
  sb_store_query_set_search (query, "a");  /* Latin a only: not the Cyrillic а of Кружка */
  CHECK_LIST ("RU-TEE-7 AA-CAP");
  query->descending = TRUE;
  CHECK_LIST ("AA-CAP RU-TEE-7");
  query->descending = FALSE;
  sb_store_query_set_search (query, "shirt");
  CHECK_LIST ("HB-TEE-001 RU-TEE-7");
  sb_store_query_set_search (query, NULL);
  query->filter_status = FALSE;

  /* Paging. */
  query->sort = SB_STORE_SORT_OFFER_ID;
  ids = list_ids (fixture->store, query, 1, 2);
  g_assert_cmpstr (ids, ==, "DRAFT-1 HB-TEE-001");
  g_clear_pointer (&ids, g_free);
  ids = list_ids (fixture->store, query, 4, 2);
  g_assert_cmpstr (ids, ==, "ZZ-MUG");
  g_clear_pointer (&ids, g_free);
  ids = list_ids (fixture->store, query, 5, 2);
  g_assert_cmpstr (ids, ==, "");

  /* The summary columns. */
  rows = sb_store_list_products (fixture->store, query, 2, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->offer_id, ==, "HB-TEE-001");
  g_assert_cmpstr (row->title[SB_LANG_KO], ==, "면 티셔츠");
  g_assert_cmpuint (row->n_variants, ==, 2);
  g_assert_cmpint (row->min_price_minor, ==, 12900);
  g_assert_cmpint (row->max_price_minor, ==, 13900);
  g_assert_cmpstr (row->currency, ==, "KRW");
  g_assert_false (row->mixed_currencies);
  g_assert_cmpint (row->total_stock, ==, 30);
  g_assert_cmpint (row->sync_state, ==, SB_SYNC_QUEUED);
  g_assert_cmpstr (row->image_path, ==, "/home/seller/Pictures/tee.jpg");
  g_assert_nonnull (row->updated);
  {
    g_autoptr(SbProductSummary) copy = sb_product_summary_copy (row);
    g_autoptr(SbStoreQuery) query_copy = sb_store_query_copy (query);

    g_assert_cmpstr (copy->title[SB_LANG_RU], ==, "Хлопковая футболка");
    g_assert_cmpint (query_copy->sort, ==, query->sort);
  }
#undef CHECK_LIST
}

/* Every list order walks an index: no sort of the whole catalogue, with
 * or without a status filter. */
static void
test_store_query_plans (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SbStoreQuery) query = sb_store_query_new ();

  save_catalogue (fixture->store);
  for (int filter = 0; filter < 2; filter++)
    for (SbStoreSort sort = SB_STORE_SORT_OFFER_ID; sort <= SB_STORE_SORT_UPDATED; sort++)
      for (int descending = 0; descending < 2; descending++)
        for (SbLang lang = SB_LANG_EN; lang < SB_N_LANGS; lang++)
          {
            g_autoptr(GError) error = NULL;
            g_autofree char *plan = NULL;

            if (sort != SB_STORE_SORT_TITLE && lang != SB_LANG_EN)
              continue;
            query->filter_status = filter;
            query->status = SB_SYNC_REJECTED;
            query->sort = sort;
            query->descending = descending;
            query->lang = lang;
            plan = sb_store_dup_query_plan (fixture->store, query, &error);
            g_assert_no_error (error);
            g_test_message ("sort %d%s%s, lang %d: %s", sort, descending ? " desc" : "",
                            filter ? ", one status" : "", lang, plan);
            g_assert_nonnull (strstr (plan, "USING"));
            g_assert_null (strstr (plan, "TEMP B-TREE"));
            g_assert_null (strstr (plan, "SCAN p\n"));
          }
}

/* Settings, seller, reference data */

static void
test_store_settings_seller_reference (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *json = NULL;
  g_autofree char *status = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"base\": \"USD\"}", 15);
  g_autoptr(GBytes) got_body = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(GDateTime) fetched = g_date_time_new_utc (2026, 11, 21, 9, 0, 0.25);
  g_autoptr(GDateTime) got_fetched = NULL;

  value = sb_store_get_setting (fixture->store, "onboarding.step", &error);
  g_assert_no_error (error);
  g_assert_null (value);
  g_assert_true (sb_store_set_setting (fixture->store, "onboarding.step", "bank", &error));
  g_assert_true (sb_store_set_setting (fixture->store, "onboarding.step", "review", &error));
  value = sb_store_get_setting (fixture->store, "onboarding.step", &error);
  g_assert_cmpstr (value, ==, "review");
  g_assert_true (sb_store_set_setting (fixture->store, "onboarding.step", NULL, &error));
  g_clear_pointer (&value, g_free);
  value = sb_store_get_setting (fixture->store, "onboarding.step", &error);
  g_assert_null (value);
  g_assert_no_error (error);

  g_assert_false (sb_store_set_seller_status (fixture->store, "approved", NULL, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sb_store_save_seller_json (fixture->store, "not json", &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (sb_store_has_pending_op (fixture->store, SB_OUTBOX_PUT_SELLER, &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_save_seller_json (fixture->store, "{\"country\": \"KR\"}", &error));
  g_assert_true (sb_store_save_seller_json (fixture->store, "{\"country\": \"RU\"}", &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_has_pending_op (fixture->store, SB_OUTBOX_PUT_SELLER, &error));
  g_assert_false (sb_store_has_pending_op (fixture->store, SB_OUTBOX_DELETE_PRODUCT, &error));
  g_assert_no_error (error);
  json = sb_store_load_seller_json (fixture->store, &error);
  g_assert_cmpstr (json, ==, "{\"country\": \"RU\"}");
  ops = sb_store_list_pending_ops (fixture->store, 0, &error);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_cmpint (((SbOutboxOp *) g_ptr_array_index (ops, 0))->kind, ==, SB_OUTBOX_PUT_SELLER);
  g_assert_null (((SbOutboxOp *) g_ptr_array_index (ops, 0))->offer_id);
  g_assert_cmpint (((SbOutboxOp *) g_ptr_array_index (ops, 0))->revision, ==, 2);
  g_assert_true (sb_store_note_op_sent (fixture->store, ((SbOutboxOp *) g_ptr_array_index (ops, 0))->id,
                                        &error));
  g_assert_true (sb_store_finish_op (fixture->store, ((SbOutboxOp *) g_ptr_array_index (ops, 0))->id,
                                     NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (fixture->path, "SELECT confirmed_revision FROM seller"), ==, 2);
  g_assert_false (sb_store_has_pending_op (fixture->store, SB_OUTBOX_PUT_SELLER, &error));
  g_assert_no_error (error);

  reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  g_ptr_array_add (reasons, sb_reason_new ("bad_inn", NULL, "Проверьте ИНН"));
  g_assert_true (sb_store_set_seller_status (fixture->store, "rejected", reasons, &error));
  g_clear_pointer (&reasons, g_ptr_array_unref);
  status = sb_store_dup_seller_status (fixture->store, &reasons, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (status, ==, "rejected");
  g_assert_cmpuint (reasons->len, ==, 1);
  g_assert_cmpstr (((SbReason *) g_ptr_array_index (reasons, 0))->message, ==, "Проверьте ИНН");

  g_assert_false (sb_store_get_reference (fixture->store, "currencies", &got_body, &etag, &got_fetched,
                                          &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_put_reference (fixture->store, "currencies", body, "\"v1\"", fetched, &error));
  g_assert_true (sb_store_get_reference (fixture->store, "currencies", &got_body, &etag, &got_fetched,
                                         &error));
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (body, got_body));
  g_assert_cmpstr (etag, ==, "\"v1\"");
  g_assert_true (g_date_time_equal (fetched, got_fetched));
}

/* Sync bookkeeping */

static SbSyncResult *
accepted (const char  *offer_id,
          gint64       version,
          SbSyncState  status)
{
  SbSyncResult *result = sb_sync_result_new (offer_id);

  result->server_version = version;
  result->status = status;
  return result;
}

static void
test_store_sync (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(SbStoreBatch) batch = NULL;
  g_autoptr(SbStoreBatch) unfinished = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sync_result_free);
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"products\": [1, 2, 3]}", 23);
  g_autoptr(SbProduct) a = make_simple ("A", "Apple", NULL, 100, 1);
  g_autoptr(SbProduct) b = make_simple ("B", "Banana", NULL, 100, 1);
  g_autoptr(SbProduct) c = make_simple ("C", "Cherry", NULL, 100, 1);
  g_autoptr(SbProduct) loaded = NULL;
  g_autoptr(SbStore) other = NULL;
  gint64 counts[SB_SYNC_ARCHIVED + 1];
  guint64 generation;
  SbSyncResult *invalid;

  g_assert_true (sb_store_save_product (fixture->store, a, &error));
  g_assert_true (sb_store_save_product (fixture->store, b, &error));
  g_assert_true (sb_store_save_product (fixture->store, c, &error));
  g_assert_no_error (error);
  ops = sb_store_list_pending_ops (fixture->store, 2, &error);
  g_assert_cmpuint (ops->len, ==, 2);
  g_clear_pointer (&ops, g_ptr_array_unref);

  batch = sb_store_batch_new ("6f1c2d3e-0000-4000-8000-000000000001", body);
  sb_store_batch_add_item (batch, "A", 1);
  sb_store_batch_add_item (batch, "B", 1);
  sb_store_batch_add_item (batch, "C", 1);
  g_assert_true (sb_store_record_batch (fixture->store, batch, &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_note_batch_sent (fixture->store, batch->key, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_ops (fixture->store), ==, 0);
  loaded = sb_store_load_product (fixture->store, "A", &error);
  g_assert_cmpint (loaded->sync_state, ==, SB_SYNC_SENT);
  g_clear_pointer (&loaded, sb_product_free);

  /* The seller edits B while the batch is in flight. */
  sb_product_set_title (b, SB_LANG_EN, "Banana, ripe");
  g_assert_true (sb_store_save_product (fixture->store, b, &error));
  g_assert_cmpint (count_ops (fixture->store), ==, 1);

  /* "Crash": a new connection finds the same batch, byte for byte. */
  other = sb_store_open (fixture->path, &error);
  g_assert_no_error (error);
  generation = sb_store_get_generation (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (generation, >, 0);
  g_assert_cmpuint (sb_store_get_generation (fixture->store, &error), ==, generation);
  unfinished = sb_store_dup_unfinished_batch (other, &error);
  g_assert_no_error (error);
  g_assert_nonnull (unfinished);
  g_assert_cmpstr (unfinished->key, ==, batch->key);
  g_assert_true (g_bytes_equal (unfinished->body, body));
  g_assert_cmpuint (unfinished->offer_ids->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (unfinished->offer_ids, 1), ==, "B");
  g_assert_cmpint (g_array_index (unfinished->revisions, gint64, 1), ==, 1);
  g_assert_cmpuint (unfinished->attempts, ==, 1);

  /* A accepted, B accepted (but edited since), C invalid. */
  g_ptr_array_add (results, accepted ("A", 1, SB_SYNC_PENDING_REVIEW));
  g_ptr_array_add (results, accepted ("B", 1, SB_SYNC_PENDING_REVIEW));
  invalid = sb_sync_result_new ("C");
  invalid->outcome = SB_SYNC_OUTCOME_INVALID;
  g_ptr_array_add (invalid->reasons, sb_reason_new ("out_of_range", "variants[0].price.amount", "Too low"));
  g_ptr_array_add (results, invalid);
  g_assert_true (sb_store_finish_batch (other, unfinished->key, results, &error));
  g_assert_no_error (error);
  /* The other connection's commit moves this store's generation. */
  g_assert_cmpuint (sb_store_get_generation (fixture->store, &error), >, generation);
  generation = sb_store_get_generation (fixture->store, &error);
  g_assert_true (sb_store_set_setting (fixture->store, "x", "y", &error));
  g_assert_cmpuint (sb_store_get_generation (fixture->store, &error), >, generation);
  g_clear_pointer (&unfinished, sb_store_batch_free);
  unfinished = sb_store_dup_unfinished_batch (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_null (unfinished);

  loaded = sb_store_load_product (fixture->store, "A", &error);
  g_assert_cmpint (loaded->sync_state, ==, SB_SYNC_PENDING_REVIEW);
  g_assert_cmpint (loaded->server_version, ==, 1);
  g_clear_pointer (&loaded, sb_product_free);
  loaded = sb_store_load_product (fixture->store, "B", &error);
  g_assert_cmpint (loaded->sync_state, ==, SB_SYNC_QUEUED);  /* still dirty */
  g_assert_cmpint (loaded->server_version, ==, 1);           /* but If-Match is current */
  g_clear_pointer (&loaded, sb_product_free);
  loaded = sb_store_load_product (fixture->store, "C", &error);
  g_assert_cmpint (loaded->sync_state, ==, SB_SYNC_REJECTED);
  g_assert_cmpuint (loaded->reasons->len, ==, 1);
  g_assert_cmpstr (((SbReason *) g_ptr_array_index (loaded->reasons, 0))->path, ==,
                   "variants[0].price.amount");
  g_clear_pointer (&loaded, sb_product_free);
  g_assert_cmpint (sb_store_count_dirty (fixture->store, &error), ==, 2);  /* B and C */
  ops = sb_store_list_pending_ops (fixture->store, 0, &error);
  g_assert_cmpuint (ops->len, ==, 1);  /* only B's newer revision */
  g_assert_cmpstr (((SbOutboxOp *) g_ptr_array_index (ops, 0))->offer_id, ==, "B");
  g_assert_cmpint (((SbOutboxOp *) g_ptr_array_index (ops, 0))->revision, ==, 2);

  /* B's revision 2 goes by PUT and hits a conflict. */
  {
    g_autoptr(SbSyncResult) conflict = sb_sync_result_new ("B");
    g_autofree char *copy = NULL;

    conflict->outcome = SB_SYNC_OUTCOME_CONFLICT;
    conflict->revision = 2;
    conflict->server_version = 5;
    conflict->conflict_json = g_strdup ("{\"offer_id\": \"B\"}");
    g_assert_true (sb_store_note_op_sent (fixture->store, ((SbOutboxOp *) g_ptr_array_index (ops, 0))->id,
                                          &error));
    g_assert_true (sb_store_finish_op (fixture->store, ((SbOutboxOp *) g_ptr_array_index (ops, 0))->id,
                                       conflict, &error));
    g_assert_no_error (error);
    loaded = sb_store_load_product (fixture->store, "B", &error);
    g_assert_cmpint (loaded->sync_state, ==, SB_SYNC_CONFLICT);
    g_clear_pointer (&loaded, sb_product_free);
    copy = sb_store_dup_conflict_json (fixture->store, "B", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (copy, ==, "{\"offer_id\": \"B\"}");

    g_assert_true (sb_store_keep_local_version (fixture->store, "B", &error));
    g_assert_no_error (error);
    loaded = sb_store_load_product (fixture->store, "B", &error);
    g_assert_cmpint (loaded->sync_state, ==, SB_SYNC_QUEUED);
    g_assert_cmpint (loaded->server_version, ==, 5);
    g_clear_pointer (&loaded, sb_product_free);
    g_assert_false (sb_store_keep_local_version (fixture->store, "B", &error));
    g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* A pull page: A became active.  B has a local edit (revision 3, based
   * on server version 5) and the server moved to 6 meanwhile: B becomes a
   * conflict and keeps 5, the version its edit was based on, so that no
   * PUT can carry 6 and overwrite the server's change without a 409. */
  g_ptr_array_set_size (results, 0);
  g_ptr_array_add (results, accepted ("A", 1, SB_SYNC_ACTIVE));
  g_ptr_array_add (results, accepted ("B", 6, SB_SYNC_ACTIVE));
  g_ptr_array_add (results, accepted ("UNKNOWN", 3, SB_SYNC_ACTIVE));
  g_assert_true (sb_store_apply_pull_page (fixture->store, results, "cursor-2", &error));
  g_assert_no_error (error);
  {
    g_autofree char *cursor = sb_store_dup_pull_cursor (fixture->store, &error);
    g_autoptr(GDateTime) last = sb_store_dup_last_sync (fixture->store, &error);

    g_assert_cmpstr (cursor, ==, "cursor-2");
    g_assert_nonnull (last);
  }
  loaded = sb_store_load_product (fixture->store, "A", &error);
  g_assert_cmpint (loaded->sync_state, ==, SB_SYNC_ACTIVE);
  g_clear_pointer (&loaded, sb_product_free);
  loaded = sb_store_load_product (fixture->store, "B", &error);
  g_assert_cmpint (loaded->sync_state, ==, SB_SYNC_CONFLICT);
  g_assert_cmpint (loaded->server_version, ==, 5);
  g_clear_pointer (&loaded, sb_product_free);
  {
    g_autoptr(GPtrArray) missing = sb_store_list_conflicts_without_copy (fixture->store, &error);
    g_autofree char *copy = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (missing->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, "B");
    g_assert_true (sb_store_set_conflict_copy (fixture->store, "B", 6, "{\"offer_id\": \"B\"}", &error));
    g_assert_no_error (error);
    g_clear_pointer (&missing, g_ptr_array_unref);
    missing = sb_store_list_conflicts_without_copy (fixture->store, &error);
    g_assert_cmpuint (missing->len, ==, 0);
    copy = sb_store_dup_conflict_json (fixture->store, "B", &error);
    g_assert_cmpstr (copy, ==, "{\"offer_id\": \"B\"}");
  }
  /* The same version again changes nothing; keeping the local copy then
   * bases the next PUT on the server's 6. */
  g_assert_true (sb_store_apply_pull_page (fixture->store, results, "cursor-2", &error));
  g_assert_true (sb_store_keep_local_version (fixture->store, "B", &error));
  g_assert_no_error (error);
  loaded = sb_store_load_product (fixture->store, "B", &error);
  g_assert_cmpint (loaded->sync_state, ==, SB_SYNC_QUEUED);
  g_assert_cmpint (loaded->server_version, ==, 6);
  g_clear_pointer (&loaded, sb_product_free);

  /* The server copy of C replaces the rejected local one. */
  {
    g_autoptr(SbProduct) server = make_simple ("C", "Cherry (server)", NULL, 200, 1);

    server->server_version = 7;
    server->sync_state = SB_SYNC_ACTIVE;
    g_assert_true (sb_store_save_server_product (fixture->store, server, &error));
    g_assert_no_error (error);
    loaded = sb_store_load_product (fixture->store, "C", &error);
    g_assert_true (sb_product_equal (server, loaded));
    g_assert_cmpint (loaded->sync_state, ==, SB_SYNC_ACTIVE);
    g_assert_cmpint (loaded->server_version, ==, 7);
    g_assert_cmpuint (loaded->reasons->len, ==, 0);
    g_clear_pointer (&loaded, sb_product_free);
  }
  g_assert_cmpint (sb_store_count_dirty (fixture->store, &error), ==, 1);  /* B */

  g_assert_true (sb_store_count_by_state (fixture->store, counts, &error));
  g_assert_cmpint (counts[SB_SYNC_ACTIVE], ==, 2);
  g_assert_cmpint (counts[SB_SYNC_QUEUED], ==, 1);
  g_assert_cmpint (counts[SB_SYNC_DRAFT], ==, 0);
}

/* Image ids learnt during a sync are written in place: no new revision,
 * no new op, only images still without an id at the same file. */
static void
test_store_image_ids (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) a = make_simple ("A", "Apple", NULL, 100, 1);
  g_autoptr(GPtrArray) learnt = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) ops_before = NULL;
  g_autoptr(GPtrArray) ops_after = NULL;
  g_autoptr(SbProduct) loaded = NULL;
  SbProduct *copy;

  for (guint i = 0; i < 2; i++)
    {
      SbImage *image = sb_image_new ();

      image->local_path = g_strdup_printf ("/pictures/%u.png", i);
      g_ptr_array_add (a->images, image);
    }
  g_assert_true (sb_store_save_product (fixture->store, a, &error));
  g_assert_no_error (error);
  ops_before = sb_store_list_pending_ops (fixture->store, 0, &error);
  g_assert_cmpuint (ops_before->len, ==, 1);

  g_assert_true (sb_store_collect_image_ids (fixture->store, ids, &error));
  g_assert_cmpuint (g_hash_table_size (ids), ==, 0);

  copy = sb_store_load_product (fixture->store, "A", &error);
  g_assert_no_error (error);
  {
    SbImage *first = g_ptr_array_index (copy->images, 0);
    SbImage *second = g_ptr_array_index (copy->images, 1);

    first->remote_id = g_strdup ("img_aa");
    first->sha256 = g_strdup ("aa");
    first->width = 800;
    first->height = 900;
    /* A stale copy: the stored image at position 1 is another file. */
    g_free (second->local_path);
    second->local_path = g_strdup ("/pictures/other.png");
    second->remote_id = g_strdup ("img_bb");
    second->sha256 = g_strdup ("bb");
  }
  g_ptr_array_add (learnt, copy);
  g_assert_true (sb_store_set_image_ids (fixture->store, learnt, &error));
  g_assert_no_error (error);

  loaded = sb_store_load_product (fixture->store, "A", &error);
  g_assert_cmpstr (((SbImage *) g_ptr_array_index (loaded->images, 0))->remote_id, ==, "img_aa");
  g_assert_cmpstr (((SbImage *) g_ptr_array_index (loaded->images, 0))->sha256, ==, "aa");
  g_assert_cmpuint (((SbImage *) g_ptr_array_index (loaded->images, 0))->width, ==, 800);
  g_assert_null (((SbImage *) g_ptr_array_index (loaded->images, 1))->remote_id);
  ops_after = sb_store_list_pending_ops (fixture->store, 0, &error);
  g_assert_cmpuint (ops_after->len, ==, 1);
  g_assert_cmpint (((SbOutboxOp *) g_ptr_array_index (ops_after, 0))->id, ==,
                   ((SbOutboxOp *) g_ptr_array_index (ops_before, 0))->id);
  g_assert_cmpint (((SbOutboxOp *) g_ptr_array_index (ops_after, 0))->revision, ==,
                   ((SbOutboxOp *) g_ptr_array_index (ops_before, 0))->revision);

  g_assert_true (sb_store_collect_image_ids (fixture->store, ids, &error));
  g_assert_cmpuint (g_hash_table_size (ids), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (ids, "aa"), ==, "img_aa");
}

/* A batch the server never answered for one product requeues it. */
static void
test_store_batch_partial (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) a = make_simple ("A", "Apple", NULL, 100, 1);
  g_autoptr(SbProduct) b = make_simple ("B", "Banana", NULL, 100, 1);
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(SbStoreBatch) batch = sb_store_batch_new ("k", body);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sync_result_free);
  g_autoptr(GPtrArray) ops = NULL;

  g_assert_true (sb_store_save_product (fixture->store, a, &error));
  g_assert_true (sb_store_save_product (fixture->store, b, &error));
  sb_store_batch_add_item (batch, "A", 1);
  sb_store_batch_add_item (batch, "B", 1);
  g_assert_true (sb_store_record_batch (fixture->store, batch, &error));
  g_assert_no_error (error);
  /* Recording the same key twice is refused. */
  g_assert_false (sb_store_record_batch (fixture->store, batch, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_ptr_array_add (results, accepted ("A", 1, SB_SYNC_PENDING_REVIEW));
  g_assert_true (sb_store_finish_batch (fixture->store, "k", results, &error));
  g_assert_no_error (error);
  ops = sb_store_list_pending_ops (fixture->store, 0, &error);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_cmpstr (((SbOutboxOp *) g_ptr_array_index (ops, 0))->offer_id, ==, "B");
  g_assert_cmpint (sb_store_count_dirty (fixture->store, &error), ==, 1);

  /* B goes alone by PUT; an answer without a revision is for the op's. */
  {
    g_autoptr(SbSyncResult) result = accepted ("B", 1, SB_SYNC_PENDING_REVIEW);
    gint64 op_id = ((SbOutboxOp *) g_ptr_array_index (ops, 0))->id;
    g_autoptr(SbProduct) loaded = NULL;

    g_assert_true (sb_store_note_op_sent (fixture->store, op_id, &error));
    loaded = sb_store_load_product (fixture->store, "B", &error);
    g_assert_cmpint (loaded->sync_state, ==, SB_SYNC_SENT);
    g_clear_pointer (&loaded, sb_product_free);
    g_assert_true (sb_store_finish_op (fixture->store, op_id, result, &error));
    g_assert_no_error (error);
    loaded = sb_store_load_product (fixture->store, "B", &error);
    g_assert_cmpint (loaded->sync_state, ==, SB_SYNC_PENDING_REVIEW);
    g_assert_cmpint (sb_store_count_dirty (fixture->store, &error), ==, 0);
    g_assert_cmpint (count_ops (fixture->store), ==, 0);
    g_assert_false (sb_store_finish_op (fixture->store, op_id, result, &error));
    g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
  }
}

/* The 100,000-product catalogue */

static const char * const ko_words[] = { "면", "티셔츠", "모자", "가방", "양말", "컵", "신발", "바지" };
static const char * const ru_words[] = { "Футболка", "Кепка", "Сумка", "Носки", "Кружка", "Кеды", "Брюки", "Шарф" };
static const char * const en_words[] = { "Cotton", "Cap", "Bag", "Socks", "Mug", "Sneakers", "Trousers", "Scarf" };

static void
big_titles (guint   i,
            char  **en,
            char  **ko,
            char  **ru)
{
  *en = g_strdup_printf ("%s %u", en_words[i % 8], i);
  *ko = g_strdup_printf ("%s %s %u", ko_words[i % 8], ko_words[(i / 8) % 8], i);
  *ru = g_strdup_printf ("%s %u", ru_words[(i / 3) % 8], i);
}

/* The expected number of matches of each search, found the slow way:
 * every word of a search is a case-insensitive substring of a title, the
 * offer id or a SKU of the product. */
static void
big_count_matches (guint              n_products,
                   const char * const searches[],
                   guint              n_searches,
                   gint64             counts[])
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint s = 0; s < n_searches; s++)
    {
      g_autofree char *folded = g_utf8_casefold (searches[s], -1);

      g_ptr_array_add (words, g_strsplit (folded, " ", -1));
      counts[s] = 0;
    }
  for (guint i = 0; i < n_products; i++)
    {
      g_autofree char *en = NULL;
      g_autofree char *ko = NULL;
      g_autofree char *ru = NULL;
      g_autofree char *text = NULL;
      g_autofree char *folded_text = NULL;

      big_titles (i, &en, &ko, &ru);
      text = g_strdup_printf ("%s\n%s\n%s\nP-%06u\nP-%06u-0\nP-%06u-1\nP-%06u-2", en, ko, ru, i, i, i, i);
      folded_text = g_utf8_casefold (text, -1);
      for (guint s = 0; s < n_searches; s++)
        {
          char **search_words = g_ptr_array_index (words, s);
          gboolean all = TRUE;

          for (guint w = 0; search_words[w] != NULL && all; w++)
            all = strstr (folded_text, search_words[w]) != NULL;
          counts[s] += all;
        }
    }
}

static double
thread_cpu_ms (void)
{
  struct timespec now;

  g_assert_cmpint (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now), ==, 0);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
check_in_order_cb (SbProduct *product,
                   gpointer   user_data)
{
  guint *n = user_data;  /* n[0] seen so far, n[1] where to stop */
  g_autofree char *expected = g_strdup_printf ("P-%06u", n[0]);

  g_assert_cmpstr (product->offer_id, ==, expected);
  g_assert_cmpuint (product->variants->len, ==, 3);
  return ++n[0] < n[1];
}

/* Sanitizer builds run several times slower: there the big test checks
 * the same results on a tenth of the catalogue, with a wider time guard. */
#if defined(__SANITIZE_ADDRESS__)
# define BIG_SANITIZED 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define BIG_SANITIZED 1
# endif
#endif
#ifndef BIG_SANITIZED
# define BIG_SANITIZED 0
#endif

static void
test_store_big (Fixture       *fixture,
                gconstpointer  data)
{
  const guint n_products = BIG_SANITIZED ? 10000 : 100000;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStoreQuery) query = sb_store_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 start, count;
  double ms, worst = 0;
  guint n_chunk = 10000;

  start = g_get_monotonic_time ();
  for (guint chunk = 0; chunk < n_products / n_chunk; chunk++)
    {
      g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);

      for (guint i = chunk * n_chunk; i < (chunk + 1) * n_chunk; i++)
        {
          g_autofree char *offer_id = g_strdup_printf ("P-%06u", i);
          g_autofree char *en = NULL;
          g_autofree char *ko = NULL;
          g_autofree char *ru = NULL;
          SbProduct *product = sb_product_new (offer_id);

          big_titles (i, &en, &ko, &ru);
          product->category_id = g_strdup ("1001");
          sb_product_set_title (product, SB_LANG_EN, en);
          sb_product_set_title (product, SB_LANG_KO, ko);
          sb_product_set_title (product, SB_LANG_RU, ru);
          sb_product_set_attribute (product, "brand", "Hanbit");
          product->weight_g = 100 + i % 900;
          for (guint v = 0; v < 3; v++)
            {
              g_autofree char *sku = g_strdup_printf ("%s-%u", offer_id, v);

              sb_product_add_variant (product,
                                      make_variant (sku, v == 0 ? "white" : "black", v == 2 ? "L" : "M",
                                                    1000 + (i * 7919 + v * 13) % 100000, "KRW",
                                                    (i + v) % 50));
            }
          product->sync_state = (i % 10 == 0) ? SB_SYNC_DRAFT : SB_SYNC_QUEUED;
          g_ptr_array_add (products, product);
        }
      if (chunk == 0)
        {
          /* The first chunk alone, to time one big import transaction. */
          gint64 chunk_start = g_get_monotonic_time ();

          g_assert_true (sb_store_save_products (fixture->store, products, &error));
          g_test_message ("save_products of %u products with 3 variants each: %.0f ms",
                          n_chunk, elapsed_ms (chunk_start));
        }
      else
        g_assert_true (sb_store_save_products (fixture->store, products, &error));
      g_assert_no_error (error);
    }
  g_test_message ("generated %u products, 3 variants each: %.0f ms", n_products, elapsed_ms (start));

  /* The bound is on the thread's CPU time — the machine running the tests
   * may be shared and busy — and the wall time is logged beside it.  It
   * is a guard against a lost index (a full scan costs seconds), not a
   * performance claim: those come from bench/.  Sanitizer builds run
   * several times slower, so the guard is wider there. */
#if BIG_SANITIZED
#define TIMED_BOUND_MS 2000.0
#else
#define TIMED_BOUND_MS 200.0
#endif
#define TIMED(label, expr) \
  G_STMT_START { \
    double cpu_start = thread_cpu_ms (); \
    start = g_get_monotonic_time (); \
    expr; \
    ms = thread_cpu_ms () - cpu_start; \
    worst = MAX (worst, ms); \
    g_test_message ("%-44s %7.1f ms CPU %7.1f ms wall", label, ms, elapsed_ms (start)); \
    g_assert_cmpfloat (ms, <, TIMED_BOUND_MS); \
  } G_STMT_END

  TIMED ("count all", count = sb_store_count_products (fixture->store, query, &error));
  g_assert_cmpint (count, ==, n_products);

  for (SbStoreSort sort = SB_STORE_SORT_OFFER_ID; sort <= SB_STORE_SORT_UPDATED; sort++)
    for (int descending = 0; descending < 2; descending++)
      {
        g_autofree char *label = g_strdup_printf ("page at %u, sort %d%s", n_products / 2, sort,
                                                  descending ? " desc" : "");

        query->sort = sort;
        query->descending = descending;
        query->lang = SB_LANG_RU;
        g_clear_pointer (&rows, g_ptr_array_unref);
        TIMED (label, rows = sb_store_list_products (fixture->store, query, n_products / 2, 50, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (rows->len, ==, 50);
      }
  query->sort = SB_STORE_SORT_OFFER_ID;
  query->descending = FALSE;
  g_assert_cmpstr (((SbProductSummary *) g_ptr_array_index (rows, 0))->offer_id, !=, NULL);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = sb_store_list_products (fixture->store, query, n_products / 2, 1, &error);
  {
    g_autofree char *middle = g_strdup_printf ("P-%06u", n_products / 2);

    g_assert_cmpstr (((SbProductSummary *) g_ptr_array_index (rows, 0))->offer_id, ==, middle);
  }

  query->filter_status = TRUE;
  query->status = SB_SYNC_DRAFT;
  TIMED ("count drafts", count = sb_store_count_products (fixture->store, query, &error));
  g_assert_cmpint (count, ==, n_products / 10);
  query->sort = SB_STORE_SORT_PRICE;
  g_clear_pointer (&rows, g_ptr_array_unref);
  TIMED ("drafts by price, page in the middle",
         rows = sb_store_list_products (fixture->store, query, n_products / 20, 50, &error));
  g_assert_cmpuint (rows->len, ==, 50);
  query->status = SB_SYNC_QUEUED;
  query->sort = SB_STORE_SORT_TITLE;
  g_clear_pointer (&rows, g_ptr_array_unref);
  TIMED ("queued by title, page in the middle",
         rows = sb_store_list_products (fixture->store, query, n_products * 45 / 100, 50, &error));
  g_assert_cmpuint (rows->len, ==, 50);
  query->filter_status = FALSE;
  query->sort = SB_STORE_SORT_OFFER_ID;

  {
    gint64 expected[9];
    static const char * const searches[] = {
      "футб",         /* 3+ characters: the trigram index */
      "티셔츠",
      "p-0099",
      "cotton 424",
      "면",           /* 1–2 characters: the scan */
      "모자",
      "42",
      "сумка 7",
      "p-0099 면",    /* two scripts in one search */
    };

    G_STATIC_ASSERT (G_N_ELEMENTS (searches) == G_N_ELEMENTS (expected));
    big_count_matches (n_products, searches, G_N_ELEMENTS (searches), expected);

    /* The first search builds the store's in-memory search index (every
     * product's search text, read once): timed on its own, with a wider
     * guard. */
    {
      double cpu_start = thread_cpu_ms ();

      sb_store_query_set_search (query, "zzzz");
      start = g_get_monotonic_time ();
      count = sb_store_count_products (fixture->store, query, &error);
      ms = thread_cpu_ms () - cpu_start;
      g_test_message ("%-44s %7.1f ms CPU %7.1f ms wall", "first search: builds the search index",
                      ms, elapsed_ms (start));
      g_assert_no_error (error);
      g_assert_cmpint (count, ==, 0);
      g_assert_cmpfloat (ms, <, 5 * TIMED_BOUND_MS);
    }

    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        g_autofree char *label = g_strdup_printf ("search “%s”: count + first page", searches[i]);

        sb_store_query_set_search (query, searches[i]);
        g_clear_pointer (&rows, g_ptr_array_unref);
        TIMED (label,
               count = sb_store_count_products (fixture->store, query, &error);
               rows = sb_store_list_products (fixture->store, query, 0, 50, &error));
        g_assert_no_error (error);
        g_assert_cmpint (count, ==, expected[i]);
        g_assert_cmpint (count, >, 0);
        g_assert_cmpuint (rows->len, ==, MIN (count, 50));
      }
    sb_store_query_set_search (query, "면");
    g_clear_pointer (&rows, g_ptr_array_unref);
    TIMED ("search “면”: page at a fifth",
           rows = sb_store_list_products (fixture->store, query, n_products / 5, 50, &error));
    g_assert_cmpuint (rows->len, ==, 50);
  }
  g_test_message ("slowest of the timed queries: %.1f ms CPU", worst);

  /* A cancelled store interrupts a long query. */
  sb_store_query_set_search (query, "e");
  sb_store_set_cancellable (fixture->store, cancellable);
  g_cancellable_cancel (cancellable);
  count = sb_store_count_products (fixture->store, query, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count, ==, -1);
  g_clear_error (&error);
  sb_store_set_cancellable (fixture->store, NULL);
  g_assert_cmpint (sb_store_count_products (fixture->store, query, &error), >, 0);
  g_assert_no_error (error);

  /* Streaming export, in offer id order. */
  {
    guint seen[2] = { 0, n_products / 5 };

    start = g_get_monotonic_time ();
    g_assert_true (sb_store_foreach_product (fixture->store, check_in_order_cb, seen, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (seen[0], ==, n_products / 5);
    g_test_message ("foreach over %u products: %.0f ms", seen[0], elapsed_ms (start));
  }
#undef TIMED
}

/* The in-memory search index */

/* The catalogue's model, offer id → SbProduct, kept beside the store. */
static void
model_put (GHashTable *model,
           SbProduct  *product)
{
  g_hash_table_replace (model, product->offer_id, product);
}

static SbProduct *
make_titled (const char *offer_id,
             const char *en,
             const char *ko,
             const char *ru,
             gboolean    draft)
{
  SbProduct *product = make_simple (offer_id, en, ru, 1000, 1);

  sb_product_set_title (product, SB_LANG_KO, ko);
  if (draft)
    product->sync_state = SB_SYNC_DRAFT;
  return product;
}

static char *
fold_nfkc (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);

  return g_utf8_casefold (normalized, -1);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The offer ids whose titles, offer id or SKUs contain every word of
 * @search, found the slow way (strstr over the folded text), in offer id
 * order (or only those in @status when @filter). */
static char *
model_search (GHashTable  *model,
              const char  *search,
              gboolean     filter,
              SbSyncState  status)
{
  g_autofree char *folded = fold_nfkc (search);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n\r", -1);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GHashTableIter iter;
  SbProduct *product;

  g_hash_table_iter_init (&iter, model);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &product))
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *folded_text = NULL;
      gboolean all = TRUE;

      if (filter && product->sync_state != status)
        continue;
      for (guint i = 0; i < SB_N_LANGS; i++)
        if (product->title[i] != NULL)
          g_string_append_printf (text, "%s\n", product->title[i]);
      g_string_append_printf (text, "%s\n", product->offer_id);
      for (guint i = 0; i < product->variants->len; i++)
        g_string_append_printf (text, "%s\n", ((SbVariant *) g_ptr_array_index (product->variants, i))->sku);
      folded_text = fold_nfkc (text->str);
      for (guint w = 0; words[w] != NULL && all; w++)
        all = *words[w] == '\0' || strstr (folded_text, words[w]) != NULL;
      if (all)
        g_ptr_array_add (found, product->offer_id);
    }
  g_ptr_array_sort (found, compare_strings);
  g_ptr_array_add (found, NULL);
  return g_strjoinv (" ", (char **) found->pdata);
}

/* Sorts a list of offer ids, to compare lists in another order as sets. */
static char *
sorted_words (const char *list)
{
  g_auto(GStrv) words = g_strsplit (list, " ", -1);

  if (*list == '\0')
    return g_strdup ("");
  qsort (words, g_strv_length (words), sizeof (char *), compare_strings);
  return g_strjoinv (" ", words);
}

static const char * const index_searches[] = {
  /* Korean: 1, 2, 3 and 4+ characters, several words, NFD jamo */
  "면", "티셔", "티셔츠", "오버핏 화이트", "어성초 진정", "셔츠", "\341\204\206\341\205\247\341\206\253",
  "며",
  /* Russian: ё and е stay apart; case folded */
  "ф", "фу", "мёд", "мед", "МЁД", "ё", "хлопк", "льняная", "Футболка белая",
  /* English, digits, offer ids and SKUs; full-width folded by NFKC */
  "e", "sh", "hon", "honey", "200", "200ml", "250 г", "kr-0", "-1", "ＦＵＬＬ", "full", "w",
  /* words that mix scripts go to SQL */
  "티셔츠l", "футболкаxl", "s티", "면 футболкаxl",
  /* nothing: not across white space, scripts or products */
  "zzz", "ъъ", "면티", "cottont", "футболкахлоп", "1kr", "kr-0001kr",
};

/* Every search of index_searches through @store agrees with the model,
 * counted and listed, in offer id order both ways, with a status filter
 * and in another order. */
static void
check_index_searches (SbStore    *store,
                      GHashTable *model,
                      const char *when)
{
  for (guint i = 0; i < G_N_ELEMENTS (index_searches); i++)
    {
      g_autoptr(SbStoreQuery) query = sb_store_query_new ();
      g_autofree char *expected = model_search (model, index_searches[i], FALSE, SB_SYNC_DRAFT);
      g_autofree char *expected_drafts = model_search (model, index_searches[i], TRUE, SB_SYNC_DRAFT);
      g_auto(GStrv) expected_list = g_strsplit (expected, " ", -1);
      guint n = *expected == '\0' ? 0 : g_strv_length (expected_list);
      g_autofree char *got = NULL;
      g_autofree char *got_desc = NULL;
      g_autofree char *got_drafts = NULL;
      g_autofree char *got_by_title = NULL;
      g_autofree char *got_by_title_sorted = NULL;
      g_autofree char *got_page = NULL;
      g_autofree char *drafts_sorted = NULL;
      g_autofree char *desc_sorted = NULL;
      g_auto(GStrv) desc_list = NULL;

      sb_store_query_set_search (query, index_searches[i]);
      got = list_ids (store, query, 0, 1000);
      g_test_message ("%s: “%s” → %u", when, index_searches[i], n);
      g_assert_cmpstr (got, ==, expected);
      g_assert_cmpint (sb_store_count_products (store, query, NULL), ==, n);

      /* A page from the middle, and the other direction. */
      if (n >= 3)
        {
          g_autofree char *expected_page = g_strdup_printf ("%s %s", expected_list[1], expected_list[2]);

          got_page = list_ids (store, query, 1, 2);
          g_assert_cmpstr (got_page, ==, expected_page);
        }
      query->descending = TRUE;
      got_desc = list_ids (store, query, 0, 1000);
      desc_list = g_strsplit (got_desc, " ", 2);
      if (n > 0)
        g_assert_cmpstr (desc_list[0], ==, expected_list[n - 1]);
      desc_sorted = sorted_words (got_desc);
      g_assert_cmpstr (desc_sorted, ==, expected);

      /* Drafts only, by Korean title: the same set. */
      query->filter_status = TRUE;
      query->status = SB_SYNC_DRAFT;
      got_drafts = list_ids (store, query, 0, 1000);
      drafts_sorted = sorted_words (got_drafts);
      g_assert_cmpstr (drafts_sorted, ==, expected_drafts);
      query->filter_status = FALSE;
      query->sort = SB_STORE_SORT_TITLE;
      query->lang = SB_LANG_KO;
      got_by_title = list_ids (store, query, 0, 1000);
      got_by_title_sorted = sorted_words (got_by_title);
      g_assert_cmpstr (got_by_title_sorted, ==, expected);
    }
}

static const struct {
  const char *offer_id, *en, *ko, *ru;
} index_products[] = {
  { "KR-0001", "Cotton T-shirt Oversized White", "면 티셔츠 오버핏 화이트", "Футболка хлопковая оверсайз белая" },
  { "KR-0002", "Heartleaf Soothing Toner 200ml", "어성초 진정 토너 200ml", "Тоник успокаивающий, 200 мл" },
  { "RU-0003", "Altai Buckwheat Honey, 250 g", NULL, "Мёд алтайский гречишный, 250 г" },
  { "RU-0004", "Lime Honey", NULL, "Мед липовый" },
  { "KR-0005", "Linen Shirt", "린넨 셔츠", "Рубашка льняная" },
  { "MX-0006", "Mixed T-shirt", "티셔츠L", "ФутболкаXL" },
  { "KR-0007", "ＦＵＬＬ-width Cap", "ㅁㅕㄴ 모자", NULL },
};

static void
test_store_search_index (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GHashTable) model = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) sb_product_free);
  g_autoptr(GPtrArray) products = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) other = NULL;
  gint64 version;

  for (guint i = 0; i < G_N_ELEMENTS (index_products); i++)
    {
      SbProduct *product = make_titled (index_products[i].offer_id, index_products[i].en,
                                        index_products[i].ko, index_products[i].ru, i % 3 == 0);

      model_put (model, product);
      g_ptr_array_add (products, product);
    }
  g_assert_true (sb_store_save_products (fixture->store, products, &error));
  g_assert_no_error (error);
  check_index_searches (fixture->store, model, "saved");

  /* search_meta.version moves with the search text only. */
  version = raw_int (fixture->path, "SELECT version FROM search_meta");
  g_assert_cmpint (version, >, 0);
  g_assert_true (sb_store_set_setting (fixture->store, "k", "v", &error));
  g_assert_cmpint (raw_int (fixture->path, "SELECT version FROM search_meta"), ==, version);

  /* An edit, a new product and a delete through the same connection. */
  {
    SbProduct *edited = make_titled ("KR-0001", "Linen Trousers", "린넨 바지", "Брюки льняные", FALSE);

    g_assert_true (sb_store_save_product (fixture->store, edited, &error));
    g_assert_no_error (error);
    model_put (model, edited);
  }
  g_assert_cmpint (raw_int (fixture->path, "SELECT version FROM search_meta"), >, version);
  {
    SbProduct *added = make_titled ("AA-0000", "Honey Soap", "꿀 비누 티셔츠", "Мыло медовое", TRUE);

    g_assert_true (sb_store_save_product (fixture->store, added, &error));
    g_assert_no_error (error);
    model_put (model, added);
  }
  g_assert_true (sb_store_delete_product (fixture->store, "RU-0004", &error));
  g_assert_no_error (error);
  g_hash_table_remove (model, "RU-0004");
  check_index_searches (fixture->store, model, "edited here");

  /* The same through another connection: the first store's index must
   * notice without being told. */
  other = sb_store_open (fixture->path, &error);
  g_assert_no_error (error);
  {
    SbProduct *edited = make_titled ("KR-0005", "Silk Shirt", "실크 셔츠", "Рубашка шёлковая", TRUE);
    SbProduct *added = make_titled ("ZZ-9999", "Mug", "머그컵", "Кружка", FALSE);

    g_assert_true (sb_store_save_product (other, edited, &error));
    g_assert_true (sb_store_save_product (other, added, &error));
    g_assert_no_error (error);
    model_put (model, edited);
    model_put (model, added);
  }
  g_assert_true (sb_store_delete_product (other, "KR-0002", &error));
  g_assert_no_error (error);
  g_hash_table_remove (model, "KR-0002");
  check_index_searches (fixture->store, model, "edited elsewhere");

  /* An import of 500 products on the other connection. */
  g_ptr_array_set_size (products, 0);
  for (guint i = 0; i < 500; i++)
    {
      static const char * const ko[] = { "면 양말", "가방", "티셔츠 블랙", "수분 크림" };
      static const char * const ru[] = { "Носки хлопковые", "Сумка", "Футболка чёрная", "Крем увлажняющий" };
      static const char * const en[] = { "Cotton Socks", "Bag", "T-shirt Black", "Moisture Cream" };
      g_autofree char *offer_id = g_strdup_printf ("IM-%04u", (i * 7919) % 10000);
      SbProduct *product = make_titled (offer_id, en[i % 4], ko[i % 4], ru[i % 4], i % 5 == 0);

      model_put (model, product);
      g_ptr_array_add (products, product);
    }
  g_assert_true (sb_store_save_products (other, products, &error));
  g_assert_no_error (error);
  check_index_searches (fixture->store, model, "imported elsewhere");
  /* … and what the other connection sees, built from scratch. */
  check_index_searches (other, model, "imported, other connection");
}

/* A schema 1 catalogue gains search_meta, and search works on it at once
 * and follows its changes. */
static void
test_store_migrate_search_meta (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GHashTable) model = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) sb_product_free);
  g_autoptr(GError) error = NULL;
  gint64 version;

  for (guint i = 0; i < G_N_ELEMENTS (index_products); i++)
    {
      SbProduct *product = make_titled (index_products[i].offer_id, index_products[i].en,
                                        index_products[i].ko, index_products[i].ru, i % 3 == 0);

      g_assert_true (sb_store_save_product (fixture->store, product, &error));
      g_assert_no_error (error);
      model_put (model, product);
    }
  g_clear_object (&fixture->store);
  /* Back to schema 1, as a catalogue of the previous release. */
  raw_exec (fixture->path, "DROP TABLE search_meta; PRAGMA user_version = 1;");
  g_assert_cmpint (sb_store_get_schema_version (), ==, 2);

  /* Read-only, the previous release's catalogue is read as it is — the
   * recovery export and sellbridge-cli's network commands open it so —
   * and its search works without search_meta. */
  {
    g_autoptr(SbStore) reader = sb_store_open_full (fixture->path, SB_STORE_OPEN_READ_ONLY, &error);

    g_assert_no_error (error);
    check_index_searches (reader, model, "schema 1, read-only");
    g_clear_object (&reader);
    g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, 1);
  }

  fixture->store = sb_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (raw_int (fixture->path, "SELECT version FROM search_meta"), ==, 0);
  check_index_searches (fixture->store, model, "migrated");
  version = raw_int (fixture->path, "SELECT version FROM search_meta");
  g_assert_true (sb_store_delete_product (fixture->store, "KR-0005", &error));
  g_assert_no_error (error);
  g_hash_table_remove (model, "KR-0005");
  g_assert_cmpint (raw_int (fixture->path, "SELECT version FROM search_meta"), >, version);
  check_index_searches (fixture->store, model, "migrated, then deleted");
}

/* Deep pages and searched lists are served from a kept ordered list; a
 * write on this connection or another one must show in the next page. */
static void
test_store_kept_list (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  g_autoptr(SbStoreQuery) search = sb_store_query_new ();
  g_autoptr(SbStore) other = NULL;
  g_autoptr(SbProduct) extra = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 6000; i++)
    {
      g_autofree char *offer_id = g_strdup_printf ("P%05u", i);

      g_ptr_array_add (products, make_simple (offer_id, "Mug", "Кружка", 900, 1));
    }
  g_assert_true (sb_store_save_products (fixture->store, products, &error));
  g_assert_no_error (error);

  page = sb_store_list_products (fixture->store, NULL, 5990, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 10);
  g_assert_cmpstr (((SbProductSummary *) g_ptr_array_index (page, 9))->offer_id, ==, "P05999");
  g_clear_pointer (&page, g_ptr_array_unref);

  /* Another connection adds a product inside the page. */
  other = sb_store_open (fixture->path, &error);
  g_assert_no_error (error);
  extra = make_simple ("P05995A", "Cup", "Чашка", 900, 1);
  g_assert_true (sb_store_save_product (other, extra, &error));
  g_assert_no_error (error);
  page = sb_store_list_products (fixture->store, NULL, 5990, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 11);
  g_assert_cmpstr (((SbProductSummary *) g_ptr_array_index (page, 6))->offer_id, ==, "P05995A");
  g_clear_pointer (&page, g_ptr_array_unref);

  /* A searched list past its first page, then a write on this
   * connection that moves every later row by one. */
  g_clear_object (&other);
  g_clear_pointer (&extra, sb_product_free);
  sb_store_query_set_search (search, "mug");
  page = sb_store_list_products (fixture->store, search, 100, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 100);
  g_assert_cmpstr (((SbProductSummary *) g_ptr_array_index (page, 0))->offer_id, ==, "P00100");
  g_clear_pointer (&page, g_ptr_array_unref);
  extra = make_simple ("P00000A", "Mug", "Кружка", 900, 1);
  g_assert_true (sb_store_save_product (fixture->store, extra, &error));
  g_assert_no_error (error);
  page = sb_store_list_products (fixture->store, search, 100, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((SbProductSummary *) g_ptr_array_index (page, 0))->offer_id, ==, "P00099");
  g_clear_pointer (&page, g_ptr_array_unref);
  g_assert_true (sb_store_delete_product (fixture->store, "P00000A", &error));
  g_assert_no_error (error);
  page = sb_store_list_products (fixture->store, search, 100, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((SbProductSummary *) g_ptr_array_index (page, 0))->offer_id, ==, "P00100");
}

int
main (int   argc,
      char *argv[])
{
  /* UTF-8 output, so Korean and Russian search terms are readable in the
   * TAP log whatever the environment's locale. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/store/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("migrate-empty", test_store_migrate_empty);
  ADD ("refuse-newer", test_store_refuse_newer);
  ADD ("refuse-corrupt", test_store_refuse_corrupt);
  g_test_add_func ("/store/default-path", test_store_default_path);
  ADD ("round-trip", test_store_round_trip);
  ADD ("draft", test_store_draft);
  ADD ("outbox-atomic", test_store_outbox_atomic);
  ADD ("rejected-write", test_store_rejected_write);
  ADD ("cancel", test_store_cancel);
  ADD ("delete", test_store_delete);
  ADD ("search", test_store_search);
  ADD ("bulk-save", test_store_bulk_save);
  ADD ("options-json", test_store_options_json);
  ADD ("search-index", test_store_search_index);
  ADD ("migrate-search-meta", test_store_migrate_search_meta);
  ADD ("filter-sort-page", test_store_filter_sort_page);
  ADD ("query-plans", test_store_query_plans);
  ADD ("kept-list", test_store_kept_list);
  ADD ("settings-seller-reference", test_store_settings_seller_reference);
  ADD ("sync", test_store_sync);
  ADD ("batch-partial", test_store_batch_partial);
  ADD ("image-ids", test_store_image_ids);
  /* The 100,000-product store skips the index check at tear-down. */
  g_test_add ("/store/big", Fixture, "big", fixture_set_up, test_store_big, fixture_tear_down);
#undef ADD

  return g_test_run ();
}
