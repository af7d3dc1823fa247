/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-sync-lock.c: one sync at a time per catalogue, against a real
 * sellbridge-sandbox.  Three engines started together on the same file
 * (two over one SbStore, one over a second SbStore on the same path):
 * one runs, the others fail with SB_SYNC_ERROR_BUSY, and the server holds
 * every product once at version 1.  Across processes: `sellbridge-cli
 * sync` exits 2 with one line while this process's run holds the lock,
 * and a CLI killed with SIGKILL while holding it does not block the next
 * run.
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "sb-store.h"
#include "sb-sync.h"
#include "sb-test-sync.h"

#define N_PRODUCTS 40

static GSubprocess *
spawn_cli (SbTestSandbox *sandbox,
           const char    *db,
           guint          backoff_ms)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autofree char *cli = g_build_filename (g_getenv ("SELLBRIDGE_BUILD_ROOT"), "src", "cli",
                                           "sellbridge-cli", NULL);
  g_autofree char *db_arg = g_strconcat ("--db=", db, NULL);
  g_autofree char *endpoint = g_strconcat ("--endpoint=", sandbox->url, NULL);
  g_autofree char *base = g_strdup_printf ("--backoff-base-ms=%u", backoff_ms);
  g_autofree char *cap = g_strdup_printf ("--backoff-cap-ms=%u", backoff_ms);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_setenv (launcher, "SELLBRIDGE_API_KEY", sandbox->key, TRUE);
  g_subprocess_launcher_setenv (launcher, "SELLBRIDGE_API_SECRET", sandbox->secret, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, cli, "sync", endpoint, db_arg,
                                         base, cap, "--max-attempts=8", "--seed=7", NULL);
  g_assert_no_error (error);
  return process;
}

static SbStore *
make_store (const char *dir,
            const char *country,
            guint       n_products)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "catalogue.db", NULL);
  g_autofree char *image = sb_test_write_png (dir, 0);
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  SbStore *store = sb_store_open (db, &error);

  g_assert_no_error (error);
  g_assert_true (sb_store_save_seller_json (store, sb_test_seller_json (country), &error));
  for (guint i = 0; i < n_products; i++)
    {
      g_autofree char *offer_id = g_strdup_printf ("%s-LOCK-%04u", country, i);

      g_ptr_array_add (products, sb_test_product_new (country, offer_id, image));
    }
  g_assert_true (sb_store_save_products (store, products, &error));
  g_assert_no_error (error);
  return store;
}

static void
test_in_process (void)
{
  const char *args[] = { "--moderation-delay=1", NULL };
  SbTestSandbox *sandbox = sb_test_sandbox_start (args);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sellbridge-lock-XXXXXX", &error);
  g_autoptr(SbStore) store = make_store (dir, "KR", N_PRODUCTS);
  g_autoptr(SbStore) other_store = sb_store_open (sb_store_get_path (store), &error);
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(SbSync) first = NULL;
  g_autoptr(SbSync) same_store = NULL;
  g_autoptr(SbSync) same_file = NULL;
  g_autoptr(GAsyncResult) first_result = NULL;
  g_autoptr(GAsyncResult) same_store_result = NULL;
  g_autoptr(GAsyncResult) same_file_result = NULL;
  g_autoptr(GAsyncResult) again_result = NULL;
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(SbSyncSummary) busy = NULL;
  g_autoptr(SbSyncSummary) again = NULL;
  g_autofree char *cursor = NULL;
  guint seen = 0;

  g_assert_no_error (error);
  client = sb_api_client_new (sandbox->url, sandbox->key, sandbox->secret, &error);
  g_assert_no_error (error);
  first = sb_sync_new (store, client);
  same_store = sb_sync_new (store, client);
  same_file = sb_sync_new (other_store, client);

  sb_sync_run_async (first, NULL, sb_test_store_result_cb, &first_result);
  sb_sync_run_async (same_store, NULL, sb_test_store_result_cb, &same_store_result);
  sb_sync_run_async (same_file, NULL, sb_test_store_result_cb, &same_file_result);

  busy = sb_sync_run_finish (same_store, sb_test_wait (&same_store_result), &error);
  g_assert_error (error, SB_SYNC_ERROR, SB_SYNC_ERROR_BUSY);
  g_assert_null (busy);
  g_assert_cmpint (sb_sync_get_state (same_store), ==, SB_SYNC_ENGINE_IDLE);
  g_clear_error (&error);
  busy = sb_sync_run_finish (same_file, sb_test_wait (&same_file_result), &error);
  g_assert_error (error, SB_SYNC_ERROR, SB_SYNC_ERROR_BUSY);
  g_assert_null (busy);
  g_clear_error (&error);

  summary = sb_sync_run_finish (first, sb_test_wait (&first_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->accepted, ==, N_PRODUCTS);
  g_assert_true (summary->seller_pushed);

  /* The lock went with the run: the next one starts, with nothing to send. */
  sb_sync_run_async (same_file, NULL, sb_test_store_result_cb, &again_result);
  again = sb_sync_run_finish (same_file, sb_test_wait (&again_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->accepted, ==, 0);
  g_assert_false (again->seller_pushed);

  /* Each product reached the server once. */
  for (;;)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(SbApiStatusPage) page = NULL;

      sb_api_client_list_products_async (client, cursor, 500, NULL, sb_test_store_result_cb, &result);
      page = sb_api_client_list_products_finish (client, sb_test_wait (&result), &error);
      g_assert_no_error (error);
      for (guint i = 0; i < page->items->len; i++)
        {
          SbApiProductStatus *status = g_ptr_array_index (page->items, i);

          g_assert_cmpint (status->version, ==, 1);
          seen++;
        }
      if (page->items->len < 500 || page->next_cursor == NULL)
        break;
      g_free (cursor);
      cursor = g_strdup (page->next_cursor);
    }
  g_assert_cmpuint (seen, ==, N_PRODUCTS);

  sb_test_sandbox_stop (sandbox);
}

static gboolean
lock_file_is_held (const char *db)
{
  g_autofree char *path = g_strconcat (db, ".sync-lock", NULL);
  int fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  gboolean held;

  if (fd < 0)
    return FALSE;
  held = flock (fd, LOCK_EX | LOCK_NB) != 0;
  close (fd);
  return held;
}

static void
test_cross_process (void)
{
  /* Every request fails with 503, so a run sits in its backoff wait,
   * holding the lock, for as long as the test needs. */
  const char *args[] = { "--fault-rate=1", "--fault-kinds=503", NULL };
  SbTestSandbox *sandbox = sb_test_sandbox_start (args);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sellbridge-lock-XXXXXX", &error);
  g_autoptr(SbStore) store = make_store (dir, "RU", 3);
  const char *db = sb_store_get_path (store);
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(SbSync) sync = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GSubprocess) killed = NULL;
  g_autofree char *err_text = NULL;
  gint64 deadline;

  g_assert_no_error (error);
  client = sb_api_client_new (sandbox->url, sandbox->key, sandbox->secret, &error);
  g_assert_no_error (error);

  /* This process syncs; a CLI started meanwhile refuses in one line. */
  sync = sb_sync_new (store, client);
  sb_sync_set_backoff (sync, &(SbBackoff) { 60000, 60000, 8 });
  sb_sync_run_async (sync, cancellable, sb_test_store_result_cb, &result);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (sb_sync_get_state (sync) != SB_SYNC_ENGINE_WAITING && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (sb_sync_get_state (sync), ==, SB_SYNC_ENGINE_WAITING);
  g_assert_true (lock_file_is_held (db));

  cli = spawn_cli (sandbox, db, 20);
  g_subprocess_communicate_utf8 (cli, NULL, NULL, NULL, &err_text, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (cli));
  g_assert_cmpint (g_subprocess_get_exit_status (cli), ==, 2);
  g_assert_nonnull (strstr (err_text, "Another sync of this catalogue is running"));
  g_assert_nonnull (strchr (err_text, '\n'));
  /* One line only. */
  g_assert_cmpint (*(strchr (err_text, '\n') + 1), ==, '\0');

  g_cancellable_cancel (cancellable);
  summary = sb_sync_run_finish (sync, sb_test_wait (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (lock_file_is_held (db));

  /* A CLI killed with SIGKILL while it holds the lock does not block. */
  killed = spawn_cli (sandbox, db, 60000);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!lock_file_is_held (db) && g_get_monotonic_time () < deadline)
    sb_test_sleep (20);
  g_assert_true (lock_file_is_held (db));
  g_subprocess_force_exit (killed);
  g_subprocess_wait (killed, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (killed));

  sb_sync_set_backoff (sync, &(SbBackoff) { 1, 1, 0 });
  g_clear_object (&result);
  sb_sync_run_async (sync, NULL, sb_test_store_result_cb, &result);
  summary = sb_sync_run_finish (sync, sb_test_wait (&result), &error);
  /* It ran and met the sandbox's 503, instead of being refused as busy. */
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, SB_SYNC_ERROR, SB_SYNC_ERROR_BUSY));
  g_assert_true (error->domain == SB_API_ERROR);

  sb_test_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/lock/in-process", test_in_process);
  g_test_add_func ("/sync/lock/cross-process", test_cross_process);
  return g_test_run ();
}
