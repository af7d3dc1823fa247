/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-crash.c: crash consistency of the catalogue under kill -9.  Each
 * round forks a child that opens the store and, until it is killed, edits
 * products one by one (load, stock + 1, save), imports a CSV file of 20
 * products in-process (sb_csv_import_into_store) and by running the real
 * `sellbridge-cli import` (killed with the child: same process group), and confirms
 * queued ops the way the sync engine does when the server answered.  The
 * child tells the parent about every edit and import through a pipe only
 * after the call that committed it returned — what the seller would have
 * seen as saved.  The parent kills the child with SIGKILL at a random
 * moment (seeded: SB_CRASH_SEED), then checks PRAGMA integrity_check, the
 * FTS index, that the outbox and the products agree, and that every
 * acknowledged edit is there.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sb-csv-store.h"

#define N_ROUNDS 24
#define N_EDITED 30
#define N_IMPORTED 20

typedef struct {
  char       *dir;
  char       *path;
  GHashTable *acked;   /* offer id → highest stock acknowledged (gint64 in a pointer) */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-crash-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "catalogue.db", NULL);
  fixture->acked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

      g_remove (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_hash_table_unref (fixture->acked);
}

/* The child */

static void
child_fail (int         fd,
            const char *what,
            GError     *error)
{
  g_autofree char *line = g_strdup_printf ("X %s: %s\n", what, error != NULL ? error->message : "?");

  (void) !write (fd, line, strlen (line));
  _exit (3);
}

static void
ack (int         fd,
     const char *line)
{
  gsize length = strlen (line);

  if (write (fd, line, length) != (gssize) length)
    _exit (4);
}

static SbProduct *
new_product (const char *offer_id,
             gint64      stock)
{
  SbProduct *product = sb_product_new (offer_id);
  SbVariant *variant = sb_variant_new ();

  product->category_id = g_strdup ("1001");
  sb_product_set_title (product, SB_LANG_EN, "Crash test mug");
  sb_product_set_title (product, SB_LANG_KO, "충돌 시험 머그");
  product->weight_g = 350;
  variant->sku = g_strconcat (offer_id, "-1", NULL);
  variant->price_minor = 45050;
  g_strlcpy (variant->currency, "RUB", sizeof variant->currency);
  variant->stock = stock;
  sb_product_add_variant (product, variant);
  product->sync_state = SB_SYNC_QUEUED;
  return product;
}

static void
child_edit (SbStore *store,
            GRand   *rand,
            int      fd)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *offer_id = g_strdup_printf ("E-%02d", g_rand_int_range (rand, 0, N_EDITED));
  g_autoptr(SbProduct) product = sb_store_load_product (store, offer_id, &error);
  g_autofree char *line = NULL;
  SbVariant *variant;

  if (product == NULL)
    {
      if (!g_error_matches (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
        child_fail (fd, "load", error);
      g_clear_error (&error);
      product = new_product (offer_id, 0);
    }
  variant = g_ptr_array_index (product->variants, 0);
  variant->stock++;
  if (!sb_store_save_product (store, product, &error))
    child_fail (fd, "save", error);
  line = g_strdup_printf ("E %s %" G_GINT64_FORMAT "\n", offer_id, variant->stock);
  ack (fd, line);
}

static void
child_import (SbStore *store,
              gint64  *counter,
              int      fd)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("offer_id,title_en,title_ru,sku,price,currency,stock,weight_g\r\n");
  g_autoptr(SbCsvTable) table = NULL;
  g_autoptr(SbCsvImportReport) report = NULL;
  g_autofree char *line = NULL;

  ++*counter;
  for (guint i = 0; i < N_IMPORTED; i++)
    g_string_append_printf (csv, "I-%02u,Imported mug %u,Кружка %u,I-%02u-1,450.50,RUB,%" G_GINT64_FORMAT ",350\r\n",
                            i, i, i, i, *counter);
  table = sb_csv_parse (csv->str, csv->len, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  if (table == NULL)
    child_fail (fd, "parse", error);
  report = sb_csv_import_into_store (store, table, FALSE, &error);
  if (report == NULL)
    child_fail (fd, "import", error);
  if (report->n_errors > 0)
    child_fail (fd, "import rows", NULL);
  line = g_strdup_printf ("I %" G_GINT64_FORMAT "\n", *counter);
  ack (fd, line);
}

/* What the sync engine does with a definite answer from the server. */
static void
child_confirm (SbStore *store,
               int      fd)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = sb_store_list_pending_ops (store, 5, &error);

  if (ops == NULL)
    child_fail (fd, "list ops", error);
  for (guint i = 0; i < ops->len; i++)
    {
      const SbOutboxOp *op = g_ptr_array_index (ops, i);
      g_autoptr(SbSyncResult) result = sb_sync_result_new (op->offer_id);

      if (op->kind != SB_OUTBOX_PUT_PRODUCT)
        continue;
      result->revision = op->revision;
      result->outcome = SB_SYNC_OUTCOME_ACCEPTED;
      result->server_version = op->revision;
      result->status = SB_SYNC_PENDING_REVIEW;
      if (!sb_store_note_op_sent (store, op->id, &error) ||
          !sb_store_finish_op (store, op->id, result, &error))
        child_fail (fd, "finish op", error);
    }
}

/* The same import through `sellbridge-cli import` in its own process (of
 * the child's process group, so the kill takes it too); acknowledged when
 * it exited 0. */
static void
child_cli_import (const char *path,
                  gint64     *counter,
                  int         fd)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("offer_id,title_en,sku,price,currency,stock\r\n");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *file = g_build_filename (dir, "cli-import.csv", NULL);
  g_autofree char *cli = g_build_filename (g_getenv ("SELLBRIDGE_BUILD_ROOT"), "src", "cli", "sellbridge-cli", NULL);
  g_autofree char *line = NULL;
  const char *argv[] = { cli, "import", file, "--db", path, NULL };
  int wait_status = 0;

  ++*counter;
  for (guint i = 0; i < N_IMPORTED; i++)
    g_string_append_printf (csv, "C-%02u,CLI mug %u,C-%02u-1,9.90,USD,%" G_GINT64_FORMAT "\r\n",
                            i, i, i, *counter);
  if (!g_file_set_contents (file, csv->str, (gssize) csv->len, &error))
    child_fail (fd, "write csv", error);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &wait_status, &error))
    child_fail (fd, "spawn sellbridge-cli", error);
  if (!g_spawn_check_wait_status (wait_status, &error))
    child_fail (fd, "sellbridge-cli import", error);
  line = g_strdup_printf ("C %" G_GINT64_FORMAT "\n", *counter);
  ack (fd, line);
}

static gint64
highest_import (SbStore    *store,
                const char *prefix)
{
  gint64 highest = 0;

  for (guint i = 0; i < N_IMPORTED; i++)
    {
      g_autofree char *offer_id = g_strdup_printf ("%s-%02u", prefix, i);
      g_autoptr(SbProduct) product = sb_store_load_product (store, offer_id, NULL);

      if (product != NULL)
        highest = MAX (highest, ((SbVariant *) g_ptr_array_index (product->variants, 0))->stock);
    }
  return highest;
}

static void G_GNUC_NORETURN
child_main (const char *path,
            guint32     seed,
            int         fd)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  gint64 counter;
  gint64 cli_counter;

  if (store == NULL)
    child_fail (fd, "open", error);
  counter = highest_import (store, "I");
  cli_counter = highest_import (store, "C");
  ack (fd, "S\n");
  for (;;)
    {
      int what = g_rand_int_range (rand, 0, 12);

      if (what < 6)
        child_edit (store, rand, fd);
      else if (what < 8)
        child_import (store, &counter, fd);
      else if (what < 10)
        child_confirm (store, fd);
      else
        child_cli_import (path, &cli_counter, fd);
    }
}

/* The parent */

static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  g_autofree char *text = raw_text (db, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static void
note_ack (Fixture    *fixture,
          const char *offer_id,
          gint64      stock)
{
  gint64 before = GPOINTER_TO_SIZE (g_hash_table_lookup (fixture->acked, offer_id));

  if (stock > before)
    g_hash_table_insert (fixture->acked, g_strdup (offer_id), GSIZE_TO_POINTER ((gsize) stock));
}

/* Returns the number of acknowledgements in @text. */
static guint
read_acks (Fixture    *fixture,
           const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  /* The last piece is empty or a line the kill cut short. */
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", 3);

      if (words[0][0] == 'X')
        g_error ("The child failed: %s", lines[i]);
      else if (words[0][0] == 'E')
        note_ack (fixture, words[1], g_ascii_strtoll (words[2], NULL, 10));
      else if (words[0][0] == 'I' || words[0][0] == 'C')
        for (guint j = 0; j < N_IMPORTED; j++)
          {
            g_autofree char *offer_id = g_strdup_printf ("%c-%02u", words[0][0], j);

            note_ack (fixture, offer_id, g_ascii_strtoll (words[1], NULL, 10));
          }
      else
        continue;
      n++;
    }
  return n;
}

static void
check_catalogue (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autofree char *integrity = NULL;
  GHashTableIter iter;
  gpointer key, value;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  integrity = raw_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO product_fts (product_fts) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  /* Every dirty queued product has exactly one op at its revision; no op
   * is left for a product the server confirmed, nor for a missing one. */
  g_assert_cmpint (raw_int (db,
                            "SELECT count(*) FROM products p WHERE p.sync_state <> 0"
                            " AND p.revision <> p.confirmed_revision"
                            " AND (SELECT count(*) FROM outbox o WHERE o.offer_id = p.offer_id"
                            "      AND o.kind = 'put_product' AND o.revision = p.revision) <> 1"),
                   ==, 0);
  g_assert_cmpint (raw_int (db,
                            "SELECT count(*) FROM outbox o WHERE o.kind = 'put_product' AND NOT EXISTS"
                            " (SELECT 1 FROM products p WHERE p.offer_id = o.offer_id"
                            "  AND p.revision <> p.confirmed_revision AND o.revision <= p.revision)"),
                   ==, 0);
  g_assert_cmpint (raw_int (db,
                            "SELECT count(*) FROM (SELECT offer_id FROM outbox WHERE kind = 'put_product'"
                            " GROUP BY offer_id HAVING count(*) > 1)"),
                   ==, 0);
  /* The list columns agree with the variants they summarise. */
  g_assert_cmpint (raw_int (db,
                            "SELECT count(*) FROM products p WHERE p.total_stock <>"
                            " (SELECT coalesce (sum (stock), 0) FROM variants v WHERE v.product_id = p.id)"),
                   ==, 0);
  sqlite3_close (db);

  /* Every edit the seller saw saved is there. */
  store = sb_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, fixture->acked);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(SbProduct) product = sb_store_load_product (store, key, &error);

      g_assert_no_error (error);
      if (((SbVariant *) g_ptr_array_index (product->variants, 0))->stock < (gint64) GPOINTER_TO_SIZE (value))
        g_error ("%s: stock %" G_GINT64_FORMAT " was acknowledged, the catalogue has %" G_GINT64_FORMAT,
                 (const char *) key, (gint64) GPOINTER_TO_SIZE (value),
                 ((SbVariant *) g_ptr_array_index (product->variants, 0))->stock);
    }
}

static void
test_kill_rounds (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *seed_env = g_getenv ("SB_CRASH_SEED");
  guint32 seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : 20261122;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint total_acks = 0;
  gint64 started = g_get_monotonic_time ();

  g_test_message ("seed %u (set SB_CRASH_SEED to repeat another run)", seed);
  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autoptr(GString) received = g_string_new (NULL);
      int fds[2];
      pid_t pid;
      int status = 0;
      gint64 deadline;
      guint n_acks;
      gboolean started_up = FALSE;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          /* Its own process group: the kill also takes a running
           * sellbridge-cli. */
          setpgid (0, 0);
          close (fds[0]);
          child_main (fixture->path, g_rand_int (rand) ^ round, fds[1]);
        }
      close (fds[1]);

      /* Read until the child has started and then for a random while —
       * 5 to 250 ms — before the kill, so kills land in every phase. */
      deadline = -1;
      for (;;)
        {
          struct pollfd pfd = { fds[0], POLLIN, 0 };
          gint64 now = g_get_monotonic_time ();
          int timeout = deadline < 0 ? 10000 : (int) MAX (0, (deadline - now) / 1000);
          char buffer[4096];
          gssize n;

          if (deadline >= 0 && now >= deadline)
            break;
          if (poll (&pfd, 1, timeout) <= 0)
            {
              g_assert_true (deadline >= 0);
              break;
            }
          n = read (fds[0], buffer, sizeof buffer);
          if (n <= 0)
            g_error ("The child ended by itself: %s", received->str);
          g_string_append_len (received, buffer, n);
          if (!started_up && strstr (received->str, "S\n") != NULL)
            {
              started_up = TRUE;
              deadline = g_get_monotonic_time () + g_rand_int_range (rand, 5, 250) * 1000;
            }
        }
      g_assert_cmpint (kill (-pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

      /* What the child wrote before it died is acknowledged too. */
      for (;;)
        {
          char buffer[4096];
          gssize n = read (fds[0], buffer, sizeof buffer);

          if (n <= 0)
            break;
          g_string_append_len (received, buffer, n);
        }
      close (fds[0]);

      n_acks = read_acks (fixture, received->str);
      total_acks += n_acks;
      check_catalogue (fixture);
    }
  g_test_message ("%u rounds, %u acknowledged edits and imports, %u products checked, %.1f s",
                  N_ROUNDS, total_acks, g_hash_table_size (fixture->acked),
                  (g_get_monotonic_time () - started) / 1e6);
  /* The rounds did real work. */
  g_assert_cmpuint (total_acks, >, N_ROUNDS);
  g_assert_cmpuint (g_hash_table_size (fixture->acked), >, N_EDITED / 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crash/kill-rounds", Fixture, NULL, fixture_set_up, test_kill_rounds, fixture_tear_down);

  return g_test_run ();
}
