/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-cli-sync.c: runs the built `sellbridge-cli status` and `sync` (path
 * in $SELLBRIDGE_CLI).  status: the counts by state, the last sync and the
 * seller's status, as text and as JSON.  sync: exit status 2 when it cannot
 * start — no --endpoint, plain http to a host that is not loopback, a
 * marketplace that does not answer — and the key never taken from the
 * command line.  (The full sync against the sandbox, with its exit
 * statuses 0 and 1, is in tests/sync/test-sync-kill.c.)
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sb-store.h"

typedef struct {
  char *dir;
  char *db;
} Fixture;

static int
run_cli (char       **out,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SELLBRIDGE_CLI"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "SELLBRIDGE_API_KEY", "ak_test", TRUE);
  g_subprocess_launcher_setenv (launcher, "SELLBRIDGE_API_SECRET", "sk_test", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sellbridge-cli-sync-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "catalogue.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);

  g_unlink (f->db);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json_out = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  {
    g_autoptr(SbStore) store = sb_store_open (f->db, &error);
    g_autoptr(SbProduct) queued = sb_product_new ("Q-1");
    g_autoptr(SbProduct) draft = sb_product_new ("D-1");

    g_assert_no_error (error);
    queued->sync_state = SB_SYNC_QUEUED;
    draft->sync_state = SB_SYNC_DRAFT;
    g_assert_true (sb_store_save_product (store, queued, &error));
    g_assert_true (sb_store_save_product (store, draft, &error));
  }

  g_assert_cmpint (run_cli (&out, &err, "status", "--db", f->db, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Queued: 1\n"));
  g_assert_nonnull (strstr (out, "Sent: 0\n"));
  g_assert_nonnull (strstr (out, "Pending review: 0\n"));
  g_assert_nonnull (strstr (out, "Active: 0\n"));
  g_assert_nonnull (strstr (out, "Rejected: 0\n"));
  g_assert_nonnull (strstr (out, "Drafts: 1\n"));
  g_assert_nonnull (strstr (out, "Last sync: never\n"));
  g_assert_nonnull (strstr (out, "Seller status: no application sent yet\n"));

  g_assert_cmpint (run_cli (&json_out, NULL, "status", "--db", f->db, "--json", NULL), ==, 0);
  root = json_from_string (json_out, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "queued"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "draft"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "pending_review"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "dirty"), ==, 1);
  g_assert_true (json_object_get_null_member (object, "last_sync"));
  g_assert_true (json_object_get_null_member (object, "seller_status"));
}

static void
test_sync_cannot_start (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GError) error = NULL;
  g_autofree char *closed = NULL;

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (&out, &err, "sync", "--db", f->db, NULL), ==, 2);
    g_assert_nonnull (strstr (err, "--endpoint"));
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (&out, &err, "sync", "--db", f->db,
                              "--endpoint", "http://seller-api.marketplace.example", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "https"));
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    /* No option takes the secret. */
    g_assert_cmpint (run_cli (&out, &err, "sync", "--db", f->db, "--secret", "x",
                              "--endpoint", "http://127.0.0.1:1", NULL), ==, 2);
  }

  /* A port nobody listens on: the sync stops (after its retries) with 2. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, &error);
  closed = g_strdup_printf ("--endpoint=http://127.0.0.1:%u",
                            g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
  g_socket_close (socket, NULL);
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (&out, &err, "sync", "--db", f->db, closed,
                              "--backoff-base-ms=1", "--backoff-cap-ms=5", "--max-attempts=2", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "Could not reach the marketplace"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli/status", Fixture, NULL, fixture_set_up, test_status, fixture_tear_down);
  g_test_add ("/cli/sync/cannot-start", Fixture, NULL, fixture_set_up, test_sync_cannot_start,
              fixture_tear_down);
  return g_test_run ();
}
