/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-secret-leak.c: the API secret never leaves the process.  A real
 * sellbridge-sandbox is started with a distinctive secret (and a few
 * injected faults, so error paths log too); `sellbridge-cli sync` runs
 * against it with G_MESSAGES_DEBUG=all, the keyfile GSettings backend and
 * XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME and HOME inside one
 * scratch folder: once to the end, once with a wrong distinctive secret
 * (401 answers, logged errors), and once killed with SIGSEGV in the middle
 * so whatever crash output there is gets captured (AddressSanitizer's
 * report in the sanitizer build).  Then everything is grepped for both
 * secrets: the captured stdout and stderr of every run, and every file in
 * the scratch folder — the database, its -wal and -shm, the GSettings
 * keyfile folder, anything else written there.  The secret may appear
 * nowhere (the key id may).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "sb-store.h"
#include "sb-test-sync.h"

#define SECRET       "sk-LEAKCHECK-4f1d9b27c3e8a6057e2b"
#define WRONG_SECRET "sk-WRONGLEAK-a83c5d1e907f64b2c1d9"
#define N_PRODUCTS   40

typedef struct {
  char    *home;
  char    *db;
  GString *captured;   /* stdout and stderr of every run */
} Fixture;

static GSubprocess *
spawn_sync (Fixture       *f,
            SbTestSandbox *sandbox,
            const char    *secret)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autofree char *cli = g_build_filename (g_getenv ("SELLBRIDGE_BUILD_ROOT"), "src", "cli",
                                           "sellbridge-cli", NULL);
  g_autofree char *config = g_build_filename (f->home, "config", NULL);
  g_autofree char *data = g_build_filename (f->home, "data", NULL);
  g_autofree char *cache = g_build_filename (f->home, "cache", NULL);
  g_autofree char *db_arg = g_strconcat ("--db=", f->db, NULL);
  g_autofree char *endpoint = g_strconcat ("--endpoint=", sandbox->url, NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", f->home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "SELLBRIDGE_API_KEY", sandbox->key, TRUE);
  g_subprocess_launcher_setenv (launcher, "SELLBRIDGE_API_SECRET", secret, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, cli, "sync", endpoint, db_arg,
                                         "--backoff-base-ms=20", "--backoff-cap-ms=200",
                                         "--max-attempts=4", NULL);
  g_assert_no_error (error);
  return process;
}

static int
run_sync (Fixture       *f,
          SbTestSandbox *sandbox,
          const char    *secret)
{
  g_autoptr(GSubprocess) process = spawn_sync (f, sandbox, secret);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;

  g_subprocess_communicate (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_string_append_len (f->captured, g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

/* Fails if @secret is anywhere in @data. */
static void
assert_clean (const char *what,
              const char *data,
              gsize       length)
{
  const char *secrets[] = { SECRET, WRONG_SECRET };

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      gsize n = strlen (secrets[i]);

      for (gsize at = 0; at + n <= length; at++)
        if (memcmp (data + at, secrets[i], n) == 0)
          g_error ("%s contains the secret %s at byte %" G_GSIZE_FORMAT, what, secrets[i], at);
    }
}

static guint
grep_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n_files = 0;

  if (dir == NULL)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL))
        {
          assert_clean (path, contents, length);
          return 1;
        }
      return 0;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n_files += grep_tree (child);
    }
  return n_files;
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

static void
test_secret_never_written (void)
{
  const char *args[] = { "--secret=" SECRET, "--fault-rate=0.1", "--seed=5",
                         "--fault-kinds=429,500,503,truncated,malformed", "--moderation-delay=1", NULL };
  SbTestSandbox *sandbox = sb_test_sandbox_start (args);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  g_autoptr(GSubprocess) crashing = NULL;
  g_autofree char *image = NULL;
  g_autofree char *settings = NULL;
  Fixture f = { 0 };
  guint n_files;
  int status;

  g_assert_cmpstr (sandbox->secret, ==, SECRET);
  f.home = g_dir_make_tmp ("sellbridge-secret-XXXXXX", &error);
  g_assert_no_error (error);
  f.db = g_build_filename (f.home, "data", "sellbridge", "sellbridge.db", NULL);
  f.captured = g_string_new (NULL);

  {
    g_autoptr(SbStore) store = sb_store_open (f.db, &error);

    g_assert_no_error (error);
    g_assert_true (sb_store_save_seller_json (store, sb_test_seller_json ("KR"), &error));
    image = sb_test_write_png (f.home, 0);
    for (guint i = 0; i < N_PRODUCTS; i++)
      {
        g_autofree char *offer_id = g_strdup_printf ("LEAK-%03u", i);

        g_ptr_array_add (products, sb_test_product_new ("KR", offer_id, image));
      }
    g_assert_true (sb_store_save_products (store, products, &error));
    g_assert_no_error (error);
  }

  /* A wrong secret: every request is answered 401 bad_signature. */
  status = run_sync (&f, sandbox, WRONG_SECRET);
  g_assert_cmpint (status, !=, 0);

  /* Killed in the middle, by a crash. */
  crashing = spawn_sync (&f, sandbox, SECRET);
  {
    g_autofree char *wal = g_strconcat (f.db, "-wal", NULL);

    /* Once it has written something (the WAL exists), it crashes. */
    for (guint i = 0; i < 2000 && !g_file_test (wal, G_FILE_TEST_EXISTS); i++)
      sb_test_sleep (5);
  }
  g_subprocess_send_signal (crashing, SIGSEGV);
  {
    g_autoptr(GBytes) out = NULL;

    g_subprocess_communicate (crashing, NULL, NULL, &out, NULL, &error);
    g_assert_no_error (error);
    g_string_append_len (f.captured, g_bytes_get_data (out, NULL), g_bytes_get_size (out));
    g_assert_true (g_subprocess_get_if_signaled (crashing) ||
                   (g_subprocess_get_if_exited (crashing) && g_subprocess_get_exit_status (crashing) != 0));
  }
  /* Before anything checkpoints it: the WAL and shared memory as the
   * crash left them. */
  n_files = grep_tree (f.home);
  g_test_message ("%u files grepped after the crash", n_files);
  {
    g_autofree char *wal = g_strconcat (f.db, "-wal", NULL);

    g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  /* To the end (faults are retried; a later run finishes what is left). */
  for (guint i = 0; i < 4 && (status = run_sync (&f, sandbox, SECRET)) != 0; i++)
    ;
  g_assert_cmpint (status, ==, 0);
  sb_test_sandbox_stop (sandbox);

  /* The logs really were verbose, and the key id may appear. */
  g_test_message ("%" G_GSIZE_FORMAT " bytes of output captured", f.captured->len);
  g_assert_nonnull (strstr (f.captured->str, "sellbridge"));
  assert_clean ("the output of sellbridge-cli", f.captured->str, f.captured->len);

  /* The database, its WAL and shared memory, the GSettings keyfile
   * folder and anything else in the scratch home. */
  n_files = grep_tree (f.home);
  g_test_message ("%u files grepped", n_files);
  g_assert_cmpuint (n_files, >=, 2);
  settings = g_build_filename (f.home, "config", "glib-2.0", "settings", NULL);
  g_test_message ("GSettings keyfile folder %s: %s", settings,
                  g_file_test (settings, G_FILE_TEST_IS_DIR) ? "present" : "never created");

  remove_tree (f.home);
  g_free (f.home);
  g_free (f.db);
  g_string_free (f.captured, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/secret/never-written", test_secret_never_written);
  return g_test_run ();
}
