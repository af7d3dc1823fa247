/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-sync-faults.c: the sync engine against a real sellbridge-sandbox
 * that injects faults into 20% of the requests (429, 500, 503, connection
 * resets, slow and truncated or malformed answers — the last three after
 * the write was applied).  Syncs are repeated until nothing is pending;
 * then every product must be on the server exactly once at version 1 (no
 * Idempotency-Key applied twice) and clean locally.  Also: a wrong secret
 * stops the sync on 401 without marking anything sent, and a clock an hour
 * off is corrected once from the Date header.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "sb-store.h"
#include "sb-sync.h"
#include "sb-test-sync.h"

typedef struct {
  SbTestSandbox *sandbox;
  char          *dir;
  char          *db;
  SbStore       *store;
  GPtrArray     *images;
} Fixture;

static void
fixture_open (Fixture            *f,
              const char * const *sandbox_args,
              const char         *country,
              guint               n_products,
              guint               n_images)
{
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  g_autoptr(GError) error = NULL;

  f->sandbox = sb_test_sandbox_start (sandbox_args);
  f->dir = g_dir_make_tmp ("sellbridge-faults-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "catalogue.db", NULL);
  f->store = sb_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_save_seller_json (f->store, sb_test_seller_json (country), &error));
  f->images = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_images; i++)
    g_ptr_array_add (f->images, sb_test_write_png (f->dir, i));
  for (guint i = 0; i < n_products; i++)
    {
      g_autofree char *offer_id = g_strdup_printf ("F-%04u", i);

      g_ptr_array_add (products, sb_test_product_new (country, offer_id,
                                                      g_ptr_array_index (f->images, i % n_images)));
    }
  g_assert_true (sb_store_save_products (f->store, products, &error));
}

static void
fixture_close (Fixture *f)
{
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);

  g_clear_object (&f->store);
  for (guint i = 0; i < f->images->len; i++)
    g_unlink (g_ptr_array_index (f->images, i));
  g_ptr_array_unref (f->images);
  g_unlink (f->db);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
  sb_test_sandbox_stop (f->sandbox);
}

static SbSyncSummary *
run_sync (SbSync  *sync,
          GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sb_sync_run_async (sync, NULL, sb_test_store_result_cb, &result);
  return sb_sync_run_finish (sync, sb_test_wait (&result), error);
}

static void
faults_converge (guint32 seed)
{
  g_autofree char *seed_arg = g_strdup_printf ("--seed=%u", seed);
  const char *args[] = { "--fault-rate=0.2", seed_arg, "--moderation-delay=1", NULL };
  Fixture f = { 0 };
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(SbSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  guint runs = 0, retries = 0, failed_runs = 0;
  gint64 pending = -1;
  gint64 counts[SB_SYNC_ARCHIVED + 1];
  guint n_products = 300;

  fixture_open (&f, args, "KR", n_products, 60);
  client = sb_api_client_new (f.sandbox->url, f.sandbox->key, f.sandbox->secret, &error);
  g_assert_no_error (error);
  sb_api_client_set_timeout (client, 10000);
  sync = sb_sync_new (f.store, client);
  sb_sync_set_backoff (sync, &(SbBackoff) { 20, 1000, 6 });
  sb_sync_set_seed (sync, 3);

  /* A run may stop when one request failed 6 times in a row; the next run
   * takes over from the outbox.  It must converge within a few runs. */
  while (pending != 0 && runs < 15)
    {
      g_autoptr(SbSyncSummary) summary = run_sync (sync, &error);

      runs++;
      if (summary == NULL)
        {
          g_test_message ("run %u stopped: %s", runs, error->message);
          g_assert_true (sb_api_error_is_retryable (error));
          g_clear_error (&error);
          failed_runs++;
          continue;
        }
      retries += summary->retries;
      g_assert_cmpuint (summary->rejected, ==, 0);
      g_assert_cmpuint (summary->conflicts, ==, 0);
      pending = summary->pending;
    }
  g_test_message ("seed %u: converged after %u runs (%u stopped), %u retries",
                  seed, runs, failed_runs, retries);
  g_assert_cmpint (pending, ==, 0);
  g_assert_cmpuint (retries, >, 0);
  g_assert_cmpint (sb_store_count_dirty (f.store, NULL), ==, 0);
  g_assert_true (sb_store_count_by_state (f.store, counts, &error));
  g_assert_cmpint (counts[SB_SYNC_PENDING_REVIEW] + counts[SB_SYNC_ACTIVE] + counts[SB_SYNC_REJECTED],
                   ==, n_products);

  /* Server side, read without faults through the same sandbox: each
   * product once, at version 1 — no batch was applied twice. */
  {
    g_autofree char *cursor = NULL;
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    guint pages = 0;

    while (pages++ < 50)
      {
        g_autoptr(GAsyncResult) result = NULL;
        g_autoptr(SbApiStatusPage) page = NULL;

        sb_api_client_list_products_async (client, cursor, 500, NULL, sb_test_store_result_cb, &result);
        page = sb_api_client_list_products_finish (client, sb_test_wait (&result), &error);
        if (page == NULL)
          {
            /* An injected fault: ask again. */
            g_assert_true (sb_api_error_is_retryable (error));
            g_clear_error (&error);
            sb_test_sleep (200);
            continue;
          }
        for (guint i = 0; i < page->items->len; i++)
          {
            SbApiProductStatus *status = g_ptr_array_index (page->items, i);

            /* Written once: every accepted write bumps the version.  A
             * review decided while the pages are read moves a product to
             * the end of the update order, so it may be listed twice —
             * the same listing, as the server keys products by offer id. */
            g_assert_cmpint (status->version, ==, 1);
            g_hash_table_add (seen, g_strdup (status->offer_id));
          }
        if (page->items->len < 500 || page->next_cursor == NULL)
          break;
        g_free (cursor);
        cursor = g_strdup (page->next_cursor);
      }
    g_assert_cmpuint (g_hash_table_size (seen), ==, n_products);
  }

  g_clear_object (&sync);
  fixture_close (&f);
}

static void
test_faults_converge (void)
{
  static const guint32 seeds[] = { 20261122, 7 };

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    faults_converge (seeds[i]);
}

static void
test_wrong_secret (void)
{
  Fixture f = { 0 };
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(SbSync) sync = NULL;
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  gint64 counts[SB_SYNC_ARCHIVED + 1];

  fixture_open (&f, NULL, "KR", 30, 3);
  client = sb_api_client_new (f.sandbox->url, f.sandbox->key, "not-the-secret", &error);
  g_assert_no_error (error);
  sync = sb_sync_new (f.store, client);
  sb_sync_set_backoff (sync, &(SbBackoff) { 20, 500, 3 });

  summary = run_sync (sync, &error);
  g_assert_null (summary);
  g_assert_error (error, SB_API_ERROR, SB_API_ERROR_BAD_SIGNATURE);
  g_assert_true (sb_api_error_is_auth (error));
  g_assert_nonnull (sb_api_error_get_request_id (error));
  g_assert_cmpint (sb_sync_get_state (sync), ==, SB_SYNC_ENGINE_NEEDS_CREDENTIALS);

  /* Nothing was sent, nothing became clean: all still queued. */
  g_assert_cmpint (sb_store_count_dirty (f.store, NULL), ==, 30);
  g_assert_true (sb_store_count_by_state (f.store, counts, NULL));
  g_assert_cmpint (counts[SB_SYNC_QUEUED], ==, 30);
  ops = sb_store_list_pending_ops (f.store, 0, NULL);
  g_assert_cmpuint (ops->len, ==, 31);  /* 30 products and the seller */
  g_clear_error (&error);

  /* With the right key the same catalogue then goes through. */
  g_clear_object (&sync);
  g_clear_object (&client);
  client = sb_api_client_new (f.sandbox->url, f.sandbox->key, f.sandbox->secret, &error);
  sync = sb_sync_new (f.store, client);
  g_clear_pointer (&summary, sb_sync_summary_free);
  summary = run_sync (sync, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->accepted, ==, 30);
  g_assert_cmpint (summary->pending, ==, 0);

  g_clear_object (&sync);
  fixture_close (&f);
}

static void
test_unknown_key (void)
{
  Fixture f = { 0 };
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(SbSync) sync = NULL;
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  fixture_open (&f, NULL, "RU", 3, 1);
  client = sb_api_client_new (f.sandbox->url, "no-such-key", f.sandbox->secret, &error);
  sync = sb_sync_new (f.store, client);
  summary = run_sync (sync, &error);
  g_assert_null (summary);
  g_assert_error (error, SB_API_ERROR, SB_API_ERROR_UNKNOWN_KEY);
  g_assert_cmpint (sb_sync_get_state (sync), ==, SB_SYNC_ENGINE_NEEDS_CREDENTIALS);
  g_assert_cmpint (sb_store_count_dirty (f.store, NULL), ==, 3);
  g_clear_object (&sync);
  fixture_close (&f);
}

static void
test_skewed_clock (void)
{
  Fixture f = { 0 };
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(SbSync) sync = NULL;
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  fixture_open (&f, NULL, "RU", 20, 2);
  client = sb_api_client_new (f.sandbox->url, f.sandbox->key, f.sandbox->secret, &error);
  g_assert_no_error (error);
  /* This computer's clock is an hour behind the marketplace's. */
  sb_api_client_set_clock_offset (client, -3600);
  sync = sb_sync_new (f.store, client);
  summary = run_sync (sync, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->accepted, ==, 20);
  g_assert_cmpint (summary->pending, ==, 0);
  /* Corrected once, from the Date header (second resolution). */
  g_assert_cmpint (ABS (sb_api_client_get_clock_offset (client)), <=, 2);
  g_clear_object (&sync);
  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/faults/converge", test_faults_converge);
  g_test_add_func ("/sync/auth/wrong-secret", test_wrong_secret);
  g_test_add_func ("/sync/auth/unknown-key", test_unknown_key);
  g_test_add_func ("/sync/auth/skewed-clock", test_skewed_clock);
  return g_test_run ();
}
