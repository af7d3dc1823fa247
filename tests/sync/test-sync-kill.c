/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-sync-kill.c: crash safety of `sellbridge-cli sync`.  Twenty times,
 * the command is started against a real sellbridge-sandbox (which also
 * injects a few faults) and killed with SIGKILL at a random moment; after
 * each kill the database must pass PRAGMA integrity_check.  A final run
 * must then finish with exit status 0, nothing pending, and every product
 * on the server exactly once at version 1: a batch interrupted anywhere
 * was resent with its recorded Idempotency-Key and bytes, never applied
 * twice, and nothing was lost.  Ten new products, each with a new
 * image, are added before each round so that every round has work to
 * interrupt.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>

#include "sb-api-client.h"
#include "sb-store.h"
#include "sb-test-sync.h"

#define N_PRODUCTS 300
#define N_IMAGES   40
#define N_KILLS    20
#define N_PER_ROUND 10
#define N_TOTAL    (N_PRODUCTS + N_KILLS * N_PER_ROUND)

static GSubprocess *
spawn_cli (SbTestSandbox *sandbox,
           const char    *db,
           guint          seed)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autofree char *cli = g_build_filename (g_getenv ("SELLBRIDGE_BUILD_ROOT"), "src", "cli",
                                           "sellbridge-cli", NULL);
  g_autofree char *db_arg = g_strconcat ("--db=", db, NULL);
  g_autofree char *endpoint = g_strconcat ("--endpoint=", sandbox->url, NULL);
  g_autofree char *seed_arg = g_strdup_printf ("--seed=%u", seed);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  /* The key travels in the environment, never on the command line. */
  g_subprocess_launcher_setenv (launcher, "SELLBRIDGE_API_KEY", sandbox->key, TRUE);
  g_subprocess_launcher_setenv (launcher, "SELLBRIDGE_API_SECRET", sandbox->secret, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, cli, "sync", endpoint, db_arg,
                                         "--backoff-base-ms=20", "--backoff-cap-ms=500",
                                         "--max-attempts=8", seed_arg, NULL);
  g_assert_no_error (error);
  return process;
}

static void
assert_integrity (const char *db)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db, &handle, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
}

static void
test_kill_and_rerun (void)
{
  const char *args[] = { "--fault-rate=0.05", "--seed=11", "--moderation-delay=2", NULL };
  SbTestSandbox *sandbox = sb_test_sandbox_start (args);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sellbridge-kill-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "catalogue.db", NULL);
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  guint killed_running = 0;
  int status = -1;

  {
    g_autoptr(SbStore) store = sb_store_open (db, &error);

    g_assert_no_error (error);
    g_assert_true (sb_store_save_seller_json (store, sb_test_seller_json ("KR"), &error));
    for (guint i = 0; i < N_IMAGES; i++)
      g_ptr_array_add (images, sb_test_write_png (dir, i));
    for (guint i = 0; i < N_PRODUCTS; i++)
      {
        g_autofree char *offer_id = g_strdup_printf ("K-%04u", i);

        g_ptr_array_add (products, sb_test_product_new ("KR", offer_id,
                                                        g_ptr_array_index (images, i % N_IMAGES)));
      }
    g_assert_true (sb_store_save_products (store, products, &error));
  }

  for (guint round = 0; round < N_KILLS; round++)
    {
      g_autoptr(GSubprocess) cli = NULL;
      guint delay = (guint) g_test_rand_int_range (30, 1000);

      /* New work every round, so that every kill can land in a sync
       * that has something to send. */
      {
        g_autoptr(SbStore) store = sb_store_open (db, &error);

        g_assert_no_error (error);
        g_ptr_array_set_size (products, 0);
        for (guint i = 0; i < N_PER_ROUND; i++)
          {
            g_autofree char *offer_id = g_strdup_printf ("K-R%02u-%02u", round, i);
            char *image = sb_test_write_png (dir, N_IMAGES + round * N_PER_ROUND + i);

            /* A new image each: about a second of uploads (paced at
             * 10 requests a second) for the kill to land in. */
            g_ptr_array_add (images, image);
            g_ptr_array_add (products, sb_test_product_new ("KR", offer_id, image));
          }
        g_assert_true (sb_store_save_products (store, products, &error));
      }
      cli = spawn_cli (sandbox, db, round + 1);

      sb_test_sleep (delay);
      if (g_subprocess_get_identifier (cli) != NULL)
        killed_running++;
      g_subprocess_force_exit (cli);
      g_subprocess_wait (cli, NULL, &error);
      g_assert_no_error (error);
      assert_integrity (db);
    }
  g_test_message ("%u of %u kills hit a running sync", killed_running, N_KILLS);
  g_assert_cmpuint (killed_running, >=, N_KILLS / 2);

  /* Reruns to completion: a run may still end on exit 2 if a request
   * kept failing, but never lose anything. */
  for (guint attempt = 0; attempt < 5 && status != 0; attempt++)
    {
      g_autoptr(GSubprocess) cli = spawn_cli (sandbox, db, 100 + attempt);

      g_subprocess_wait (cli, NULL, &error);
      g_assert_no_error (error);
      status = g_subprocess_get_exit_status (cli);
      assert_integrity (db);
    }
  g_assert_cmpint (status, ==, 0);

  {
    g_autoptr(SbStore) store = sb_store_open (db, &error);
    g_autoptr(GPtrArray) ops = NULL;
    g_autoptr(SbStoreBatch) batch = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (sb_store_count_dirty (store, NULL), ==, 0);
    ops = sb_store_list_pending_ops (store, 0, &error);
    g_assert_cmpuint (ops->len, ==, 0);
    batch = sb_store_dup_unfinished_batch (store, &error);
    g_assert_null (batch);
  }

  client = sb_api_client_new (sandbox->url, sandbox->key, sandbox->secret, &error);
  g_assert_no_error (error);
  for (guint pages = 0; pages < 50; pages++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(SbApiStatusPage) page = NULL;

      sb_api_client_list_products_async (client, cursor, 500, NULL, sb_test_store_result_cb, &result);
      page = sb_api_client_list_products_finish (client, sb_test_wait (&result), &error);
      if (page == NULL)
        {
          g_assert_true (sb_api_error_is_retryable (error));
          g_clear_error (&error);
          sb_test_sleep (200);
          continue;
        }
      for (guint i = 0; i < page->items->len; i++)
        {
          SbApiProductStatus *item = g_ptr_array_index (page->items, i);

          /* Written once: every accepted write bumps the version. */
          g_assert_cmpint (item->version, ==, 1);
          /* A review decided while the pages are read moves the product
           * to the end of the update order, so it can be listed again;
           * the server keys products by offer id, so a repeat is the same
           * listing, not a duplicate. */
          g_hash_table_add (seen, g_strdup (item->offer_id));
        }
      if (page->items->len < 500 || page->next_cursor == NULL)
        break;
      g_free (cursor);
      cursor = g_strdup (page->next_cursor);
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, N_TOTAL);

  for (guint i = 0; i < images->len; i++)
    g_unlink (g_ptr_array_index (images, i));
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (db);
  g_rmdir (dir);
  sb_test_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/kill-9/rerun", test_kill_and_rerun);
  return g_test_run ();
}
