/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-sync-flow.c: the whole sync against a real sellbridge-sandbox
 * process, for a Korean and a Russian seller: the profile, images
 * (content-addressed: 25 distinct files for 500 products), 500 products in
 * batches, then moderation pulled back from the stored cursor.  Checks the
 * local states, the progress reporting, and on the server side that every
 * product exists exactly once at version 1.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "sb-store.h"
#include "sb-sync.h"
#include "sb-test-sync.h"

#define N_PRODUCTS 500
#define N_IMAGES   25

typedef struct {
  guint last_done;
  guint notifications;
  gboolean went_backwards;
  gboolean done_over_total;
} Progress;

static void
progress_cb (SbSync     *sync,
             GParamSpec *pspec,
             Progress   *progress)
{
  guint done = sb_sync_get_done (sync);

  progress->notifications++;
  if (done < progress->last_done)
    progress->went_backwards = TRUE;
  if (done > sb_sync_get_total (sync))
    progress->done_over_total = TRUE;
  progress->last_done = done;
}

static SbSyncSummary *
run_sync (SbSync  *sync,
          GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sb_sync_run_async (sync, NULL, sb_test_store_result_cb, &result);
  return sb_sync_run_finish (sync, sb_test_wait (&result), error);
}

/* Every product on the server, by paging from the start. */
static GHashTable *
server_versions (SbApiClient *client)
{
  GHashTable *versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;

  for (;;)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(SbApiStatusPage) page = NULL;
      g_autoptr(GError) error = NULL;

      sb_api_client_list_products_async (client, cursor, 500, NULL, sb_test_store_result_cb, &result);
      page = sb_api_client_list_products_finish (client, sb_test_wait (&result), &error);
      g_assert_no_error (error);
      for (guint i = 0; i < page->items->len; i++)
        {
          SbApiProductStatus *status = g_ptr_array_index (page->items, i);

          g_hash_table_insert (versions, g_strdup (status->offer_id), GINT_TO_POINTER ((int) status->version));
        }
      if (page->items->len < 500 || page->next_cursor == NULL)
        break;
      g_free (cursor);
      cursor = g_strdup (page->next_cursor);
    }
  return versions;
}

static void
run_flow (const char *country)
{
  /* Two seconds: the first run's status pull comes well within that of
   * its last batch even on a loaded machine, so the second run still has
   * decisions to pull (with one second it sometimes had none). */
  const char *args[] = { "--moderation-delay=2", NULL };
  SbTestSandbox *sandbox = sb_test_sandbox_start (args);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sellbridge-flow-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "catalogue.db", NULL);
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(SbSync) sync = NULL;
  g_autoptr(SbSyncSummary) first = NULL;
  g_autoptr(SbSyncSummary) second = NULL;
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) versions = NULL;
  gint64 counts[SB_SYNC_ARCHIVED + 1];
  Progress progress = { 0 };
  gint64 start;
  GHashTableIter iter;
  gpointer version;

  g_assert_no_error (error);
  store = sb_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_save_seller_json (store, sb_test_seller_json (country), &error));
  for (guint i = 0; i < N_IMAGES; i++)
    g_ptr_array_add (images, sb_test_write_png (dir, i));
  for (guint i = 0; i < N_PRODUCTS; i++)
    {
      g_autofree char *offer_id = g_strdup_printf ("%s-TEE-%04u", country, i);

      g_ptr_array_add (products, sb_test_product_new (country, offer_id,
                                                      g_ptr_array_index (images, i % N_IMAGES)));
    }
  g_assert_true (sb_store_save_products (store, products, &error));
  g_assert_no_error (error);

  client = sb_api_client_new (sandbox->url, sandbox->key, sandbox->secret, &error);
  g_assert_no_error (error);
  sync = sb_sync_new (store, client);
  sb_sync_set_backoff (sync, &(SbBackoff) { 50, 2000, 12 });
  sb_sync_set_seed (sync, 7);
  g_signal_connect (sync, "notify::done", G_CALLBACK (progress_cb), &progress);

  start = g_get_monotonic_time ();
  first = run_sync (sync, &error);
  g_assert_no_error (error);
  g_test_message ("%s: first sync of %u products and %u images took %.1f s with %u retries",
                  country, N_PRODUCTS, N_IMAGES,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, first->retries);
  for (guint i = 0; i < first->notes->len; i++)
    g_test_message ("note: %s", (const char *) g_ptr_array_index (first->notes, i));
  g_assert_true (first->seller_pushed);
  g_assert_cmpuint (first->accepted, ==, N_PRODUCTS);
  g_assert_cmpuint (first->rejected, ==, 0);
  g_assert_cmpuint (first->conflicts, ==, 0);
  g_assert_cmpuint (first->images_uploaded, ==, N_IMAGES);
  g_assert_cmpuint (first->images_reused, ==, N_PRODUCTS - N_IMAGES);
  g_assert_cmpint (first->pending, ==, 0);
  g_assert_nonnull (first->seller_status);
  g_assert_cmpint (sb_sync_get_state (sync), ==, SB_SYNC_ENGINE_DONE);
  g_assert_cmpuint (sb_sync_get_done (sync), ==, sb_sync_get_total (sync));
  g_assert_cmpuint (progress.notifications, >, 0);
  g_assert_false (progress.went_backwards);
  g_assert_false (progress.done_over_total);

  g_assert_true (sb_store_count_by_state (store, counts, &error));
  g_assert_cmpint (counts[SB_SYNC_PENDING_REVIEW] + counts[SB_SYNC_ACTIVE] + counts[SB_SYNC_REJECTED],
                   ==, N_PRODUCTS);
  g_assert_cmpint (counts[SB_SYNC_QUEUED] + counts[SB_SYNC_SENT], ==, 0);

  /* Moderation decides after two seconds; the next sync pulls it back. */
  sb_test_sleep (2500);
  second = run_sync (sync, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->accepted, ==, 0);
  g_assert_cmpuint (second->images_uploaded, ==, 0);
  /* Reviews that fell due while the first run was still sending were
   * already pulled by it; together the two runs saw every decision. */
  g_assert_cmpuint (first->pulled + second->pulled, >=, N_PRODUCTS);
  g_assert_cmpuint (second->pulled, >, 0);
  g_assert_cmpint (second->pending, ==, 0);
  g_assert_true (g_strcmp0 (second->seller_status, "approved") == 0 ||
                 g_strcmp0 (second->seller_status, "rejected") == 0);
  g_assert_true (sb_store_count_by_state (store, counts, &error));
  g_assert_cmpint (counts[SB_SYNC_PENDING_REVIEW], ==, 0);
  g_assert_cmpint (counts[SB_SYNC_ACTIVE] + counts[SB_SYNC_REJECTED], ==, N_PRODUCTS);
  g_assert_cmpint (counts[SB_SYNC_ACTIVE], >, 0);

  /* Server side: each product once, written once. */
  versions = server_versions (client);
  g_assert_cmpuint (g_hash_table_size (versions), ==, N_PRODUCTS);
  g_hash_table_iter_init (&iter, versions);
  while (g_hash_table_iter_next (&iter, NULL, &version))
    g_assert_cmpint (GPOINTER_TO_INT (version), ==, 1);

  g_clear_object (&sync);
  g_clear_object (&store);
  for (guint i = 0; i < images->len; i++)
    g_unlink (g_ptr_array_index (images, i));
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  sb_test_sandbox_stop (sandbox);
}

static void
test_flow_kr (void)
{
  run_flow ("KR");
}

static void
test_flow_ru (void)
{
  run_flow ("RU");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/flow/kr", test_flow_kr);
  g_test_add_func ("/sync/flow/ru", test_flow_ru);
  return g_test_run ();
}
