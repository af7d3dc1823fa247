/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-sync-pull-conflict.c: a change made on the marketplace while a
 * local edit waits is never overwritten.  Against a real sellbridge-sandbox
 * process: a product is synced (version 1), the seller's edit is refused
 * (422, so it stays unsent), another client changes the product on the
 * server (version 2), the next sync's status pull sees version 2, and the
 * seller fixes the edit and syncs again.  The pull must turn the product
 * into a conflict with the server copy kept — not learn version 2 as the
 * If-Match of the next PUT, which would replace the other client's change
 * without a 409.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "sb-product-json.h"
#include "sb-store.h"
#include "sb-sync.h"
#include "sb-test-sync.h"

#define OFFER_ID "KR-TEE-PULL"
#define OTHER_TITLE "Cotton T-shirt (changed on the marketplace)"

static SbSyncSummary *
run_sync (SbSync  *sync,
          GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sb_sync_run_async (sync, NULL, sb_test_store_result_cb, &result);
  return sb_sync_run_finish (sync, sb_test_wait (&result), error);
}

/* The product as the server has it now. */
static JsonNode *
server_copy (SbApiClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *copy;

  sb_test_sleep (1100);
  sb_api_client_get_product_async (client, OFFER_ID, NULL, sb_test_store_result_cb, &result);
  copy = sb_api_client_get_product_finish (client, sb_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  return copy;
}

static const char *
title_en (JsonNode *product)
{
  JsonObject *title = json_object_get_object_member (json_node_get_object (product), "title");

  return json_object_get_string_member (title, "en");
}

static void
set_stock (SbProduct *product,
           gint64     stock)
{
  SbVariant *variant = g_ptr_array_index (product->variants, 0);

  variant->stock = stock;
}

static void
test_pull_conflict (void)
{
  const char *args[] = { NULL };
  SbTestSandbox *sandbox = sb_test_sandbox_start (args);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sellbridge-pull-conflict-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "catalogue.db", NULL);
  g_autofree char *image = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(SbApiClient) other = NULL;
  g_autoptr(SbSync) sync = NULL;
  g_autoptr(SbProduct) product = NULL;
  g_autoptr(SbProduct) loaded = NULL;
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *conflict = NULL;

  g_assert_no_error (error);
  store = sb_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_save_seller_json (store, sb_test_seller_json ("KR"), &error));
  image = sb_test_write_png (dir, 0);
  product = sb_test_product_new ("KR", OFFER_ID, image);
  g_assert_true (sb_store_save_product (store, product, &error));
  g_assert_no_error (error);

  client = sb_api_client_new (sandbox->url, sandbox->key, sandbox->secret, &error);
  g_assert_no_error (error);
  other = sb_api_client_new (sandbox->url, sandbox->key, sandbox->secret, &error);
  g_assert_no_error (error);
  sync = sb_sync_new (store, client);
  sb_sync_set_backoff (sync, &(SbBackoff) { 50, 2000, 12 });
  sb_sync_set_seed (sync, 7);

  /* 1. Synced: version 1. */
  {
    g_autoptr(SbSyncSummary) summary = run_sync (sync, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (summary->accepted, ==, 1);
  }
  loaded = sb_store_load_product (store, OFFER_ID, &error);
  g_assert_cmpint (loaded->server_version, ==, 1);
  g_clear_pointer (&loaded, sb_product_free);

  /* 2. A local edit the server refuses (stock over 999999): still unsent. */
  g_clear_pointer (&product, sb_product_free);
  product = sb_store_load_product (store, OFFER_ID, &error);
  set_stock (product, 1000000);
  g_assert_true (sb_store_save_product (store, product, &error));
  {
    g_autoptr(SbSyncSummary) summary = run_sync (sync, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (summary->rejected, ==, 1);
  }
  loaded = sb_store_load_product (store, OFFER_ID, &error);
  g_assert_cmpint (loaded->sync_state, ==, SB_SYNC_REJECTED);
  g_clear_pointer (&loaded, sb_product_free);

  /* 3. Another client changes the product on the marketplace: version 2. */
  {
    g_autoptr(SbProduct) changed = sb_test_product_new ("KR", OFFER_ID, image);
    g_autoptr(SbProduct) uploaded = sb_store_load_product (store, OFFER_ID, &error);
    g_autoptr(JsonNode) body = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(SbApiWriteResult) written = NULL;

    /* The image ids as uploaded by the first sync. */
    g_ptr_array_set_size (changed->images, 0);
    for (guint i = 0; i < uploaded->images->len; i++)
      g_ptr_array_add (changed->images, sb_image_copy (g_ptr_array_index (uploaded->images, i)));
    sb_product_set_title (changed, SB_LANG_EN, OTHER_TITLE);
    body = sb_product_to_json (changed, NULL);
    /* Past the sandbox's 10 requests per second of the syncs before. */
    sb_test_sleep (1100);
    sb_api_client_put_product_async (other, OFFER_ID, body, 1, NULL, sb_test_store_result_cb, &result);
    written = sb_api_client_put_product_finish (other, sb_test_wait (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpint (written->version, ==, 2);
  }

  /* 4. The next sync pulls version 2: a conflict, with the server copy. */
  {
    g_autoptr(SbSyncSummary) summary = run_sync (sync, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (summary->conflicts, ==, 1);
  }
  loaded = sb_store_load_product (store, OFFER_ID, &error);
  g_assert_cmpint (loaded->sync_state, ==, SB_SYNC_CONFLICT);
  /* The version the local edit was based on. */
  g_assert_cmpint (loaded->server_version, ==, 1);
  g_clear_pointer (&loaded, sb_product_free);
  conflict = sb_store_dup_conflict_json (store, OFFER_ID, &error);
  g_assert_no_error (error);
  g_assert_nonnull (conflict);
  g_assert_nonnull (strstr (conflict, OTHER_TITLE));

  /* 5. The seller fixes the edit and syncs: still a conflict (a save
   * keeps it), nothing sent, nothing overwritten on the server. */
  set_stock (product, 30);
  g_assert_true (sb_store_save_product (store, product, &error));
  {
    g_autoptr(SbSyncSummary) summary = run_sync (sync, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (summary->accepted, ==, 0);
    g_assert_cmpuint (summary->rejected, ==, 0);
  }
  copy = server_copy (client);
  g_assert_cmpstr (title_en (copy), ==, OTHER_TITLE);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (copy), "version"), ==, 2);
  loaded = sb_store_load_product (store, OFFER_ID, &error);
  g_assert_cmpint (loaded->sync_state, ==, SB_SYNC_CONFLICT);
  g_clear_pointer (&loaded, sb_product_free);

  /* 6. Keeping the local copy is the seller's choice: then it replaces
   * version 2, by If-Match "2". */
  g_assert_true (sb_store_keep_local_version (store, OFFER_ID, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SbSyncSummary) summary = run_sync (sync, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (summary->accepted, ==, 1);
    g_assert_cmpuint (summary->conflicts, ==, 0);
  }
  g_clear_pointer (&copy, json_node_unref);
  copy = server_copy (client);
  g_assert_cmpstr (title_en (copy), ==, "Cotton T-shirt");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (copy), "version"), ==, 3);

  g_clear_object (&sync);
  g_clear_object (&store);
  g_unlink (image);
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_autofree char *lock = g_strconcat (db, ".sync-lock", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (lock);
  }
  g_rmdir (dir);
  sb_test_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/pull-conflict", test_pull_conflict);
  return g_test_run ();
}
