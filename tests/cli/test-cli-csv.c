/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-cli-csv.c: runs the built `sellbridge-cli import` and `export` (the
 * program's path is the test's argument) on temporary catalogues and checks
 * their exit status (0 ok, 1 rejected input, 2 usage), the one-line
 * problem reports on stderr, that rejected rows and dry runs store nothing,
 * and that export → import → export gives the same bytes.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

static const char *cli_path;

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sellbridge-cli-csv-XXXXXX", &error);
  g_assert_no_error (error);
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

      g_unlink (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static char *
sample (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
}

/* Runs sellbridge-cli with the NULL-terminated arguments in English. */
static int
run_cli (char **out,
         char **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *cli = cli_path;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &stdout_text, &stderr_text, &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s", stdout_text);
  g_test_message ("stderr: %s", stderr_text);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_import_export (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *db = path_in (fixture, "a.db");
  g_autofree char *copy_db = path_in (fixture, "b.db");
  g_autofree char *first = path_in (fixture, "first.csv");
  g_autofree char *second = path_in (fixture, "second.csv");
  g_autofree char *ko = sample ("ko-cp949-comma.csv");
  g_autofree char *ru = sample ("ru-cp1251-semicolon.csv");
  g_autofree char *out = NULL;
  g_autofree char *first_bytes = NULL;
  g_autofree char *second_bytes = NULL;
  gsize first_length = 0, second_length = 0;

  g_assert_cmpint (run_cli (&out, NULL, "import", ko, "--db", db, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "3 rows read (encoding cp949, delimiter comma)"));
  g_assert_nonnull (strstr (out, "2 created"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, "import", ru, "--encoding", "windows-1251",
                            "--delimiter", "semicolon", "--db", db, NULL), ==, 0);

  g_assert_cmpint (run_cli (NULL, NULL, "export", first, "--encoding", "cp949", "--delimiter", "semicolon",
                            "--db", db, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "import", first, "--db", copy_db, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "export", second, "--encoding", "cp949", "--delimiter", "semicolon",
                            "--db", copy_db, NULL), ==, 0);
  first_bytes = read_file (first, &first_length);
  second_bytes = read_file (second, &second_length);
  g_assert_cmpmem (first_bytes, first_length, second_bytes, second_length);
  /* Currency codes, never ₩ (which CP949 does not have anyway). */
  g_assert_nonnull (g_strstr_len (first_bytes, first_length, ";KRW;"));

  /* The same file again changes nothing. */
  g_assert_cmpint (run_cli (&out, NULL, "import", first, "--db", db, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 created, 0 updated, 4 unchanged"));
}

static void
test_rejected_rows (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *db = path_in (fixture, "a.db");
  g_autofree char *mangled = sample ("mangled.csv");
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run_cli (&out, &err, "import", mangled, "--db", db, NULL), ==, 1);
  lines = g_strsplit (err, "\n", -1);
  /* One line per problem, in row order. */
  g_assert_cmpuint (g_strv_length (lines), ==, 7);
  g_assert_true (g_str_has_prefix (lines[0], "row 2, column sku: warning: "));
  g_assert_true (g_str_has_prefix (lines[2], "row 3: "));
  g_assert_true (g_str_has_prefix (lines[3], "row 4, column barcode: "));
  g_assert_true (g_str_has_prefix (lines[5], "row 6, column hs_code: "));
  g_assert_nonnull (strstr (out, "4 rows were rejected"));
  g_clear_pointer (&out, g_free);

  /* The valid row was imported, the others were not. */
  g_assert_cmpint (run_cli (&out, NULL, "export", "-", "--db", db, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\r\nM-1,"));
  g_assert_null (strstr (out, "M-2"));
  g_assert_null (strstr (out, "M-3"));
}

static void
test_dry_run (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *db = path_in (fixture, "a.db");
  g_autofree char *ko = sample ("ko-cp949-comma.csv");
  g_autofree char *out = NULL;
  g_autofree char *exported = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "import", "--dry-run", ko, "--db", db, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2 created"));
  g_assert_nonnull (strstr (out, "Dry run"));
  g_assert_cmpint (run_cli (&exported, NULL, "export", "-", "--db", db, NULL), ==, 0);
  /* Only the header: nothing was stored. */
  g_assert_true (g_str_has_prefix (exported, "offer_id,"));
  g_assert_cmpstr (strstr (exported, "\r\n"), ==, "\r\n");
}

static void
test_rejected_files (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *db = path_in (fixture, "a.db");
  g_autofree char *no_offer = path_in (fixture, "no-offer.csv");
  g_autofree char *ko = sample ("ko-cp949-comma.csv");
  g_autofree char *out_1251 = path_in (fixture, "out.csv");
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (no_offer, "sku,price\nA,1\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_cli (NULL, &err, "import", no_offer, "--db", db, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "offer_id"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &err, "import", "/nonexistent/file.csv", "--db", db, NULL), ==, 1);
  g_clear_pointer (&err, g_free);

  /* Forcing the wrong encoding: CP949 bytes are not UTF-8. */
  g_assert_cmpint (run_cli (NULL, &err, "import", ko, "--encoding", "utf-8", "--db", db, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "row 1, column 1: the bytes"));
  g_clear_pointer (&err, g_free);

  /* Hangul cannot be written in windows-1251. */
  g_assert_cmpint (run_cli (NULL, NULL, "import", ko, "--db", db, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, &err, "export", out_1251, "--encoding", "windows-1251", "--db", db, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "windows-1251"));
  g_assert_false (g_file_test (out_1251, G_FILE_TEST_EXISTS));
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *db = path_in (fixture, "a.db");
  g_autofree char *ko = sample ("ko-cp949-comma.csv");

  g_assert_cmpint (run_cli (NULL, NULL, "import", "--db", db, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "import", ko, "--encoding", "latin1", "--db", db, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "import", ko, "--delimiter", "pipe", "--db", db, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "import", ko, "--bogus", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "export", "-", "--encoding", "auto", "--db", db, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "export", "-", "--delimiter", "tab", "--db", db, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "export", "--db", db, NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli_path = argv[1];

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/csv/import-export", test_import_export);
  ADD ("/cli/csv/rejected-rows", test_rejected_rows);
  ADD ("/cli/csv/dry-run", test_dry_run);
  ADD ("/cli/csv/rejected-files", test_rejected_files);
  ADD ("/cli/csv/usage", test_usage);
#undef ADD

  return g_test_run ();
}
