/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-cli-convert.c: runs the built `sellbridge-cli convert` (its path in
 * $SELLBRIDGE_CLI) against a rates file or the rates cached in a catalogue
 * and checks what it prints and its exit status: 0 with the result, 1 with
 * one line on stderr for rejected input, 2 for usage errors.  Every run
 * gets its own XDG_DATA_HOME, so the user's real catalogue is never read.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "sb-store.h"

static const char contract_json[] =
  "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\",\n"
  " \"rates\": {\"USD\": \"1\", \"KRW\": \"1385.20\", \"RUB\": \"92.15\", \"CNY\": \"7.2400\", \"EUR\": \"0.9210\"}}\n";

typedef struct {
  char *dir;
  char *data_home;  /* XDG_DATA_HOME of the runs */
  char *rates;      /* the contract's example */
  char *broken;     /* not JSON */
  char *wrong_type; /* a rate as a JSON number */
} Fixture;

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sellbridge-cli-convert-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_home = g_build_filename (fixture->dir, "data", NULL);
  fixture->rates = write_file (fixture->dir, "rates.json", contract_json);
  fixture->broken = write_file (fixture->dir, "broken.json", "{\"base\": \"USD\", ");
  fixture->wrong_type = write_file (fixture->dir, "wrong-type.json",
                                    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\","
                                    " \"rates\": {\"KRW\": 1385.20}}");
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL)
    {
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) || child == NULL)
        break;
      remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->dir);

  remove_tree (dir);
  g_free (fixture->data_home);
  g_free (fixture->rates);
  g_free (fixture->broken);
  g_free (fixture->wrong_type);
  g_free (fixture->dir);
}

/* Runs sellbridge-cli with the NULL-terminated arguments; "@RATES@",
 * "@BROKEN@" and "@WRONG@" stand for the fixture's files. */
static int
run_cli (Fixture  *fixture,
         char    **out,
         char    **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *cli = g_getenv ("SELLBRIDGE_CLI");
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, g_strdup (cli));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    {
      if (strcmp (arg, "@RATES@") == 0)
        arg = fixture->rates;
      else if (strcmp (arg, "@BROKEN@") == 0)
        arg = fixture->broken;
      else if (strcmp (arg, "@WRONG@") == 0)
        arg = fixture->wrong_type;
      g_ptr_array_add (argv, g_strdup (arg));
    }
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* English messages whatever the machine's language. */
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", fixture->data_home, TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

/* A rejected input gets exactly one line on stderr and nothing on stdout. */
static void
assert_one_line (const char *out,
                 const char *err)
{
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "sellbridge-cli convert: "));
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
}

static void
test_success (Fixture       *fixture,
              gconstpointer  data)
{
  static const struct { const char *amount, *from, *to, *printed, *json; } cases[] = {
    { "12900", "KRW", "USD", "9.31 USD\n", "{\"amount\":\"9.31\",\"currency\":\"USD\"}\n" },
    { "1000.00", "RUB", "KRW", "15032 KRW\n", "{\"amount\":\"15032\",\"currency\":\"KRW\"}\n" },
    { "1000", "RUB", "KRW", "15032 KRW\n", "{\"amount\":\"15032\",\"currency\":\"KRW\"}\n" },
    { "12.9", "USD", "KRW", "17869 KRW\n", "{\"amount\":\"17869\",\"currency\":\"KRW\"}\n" },
    { "0", "KRW", "USD", "0.00 USD\n", "{\"amount\":\"0.00\",\"currency\":\"USD\"}\n" },
    { "12.34", "EUR", "EUR", "12.34 EUR\n", "{\"amount\":\"12.34\",\"currency\":\"EUR\"}\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL, *json_out = NULL, *json_err = NULL;

      g_test_message ("convert %s %s %s", cases[i].amount, cases[i].from, cases[i].to);
      g_assert_cmpint (run_cli (fixture, &out, &err, "convert", cases[i].amount, cases[i].from,
                                cases[i].to, "--rates", "@RATES@", NULL), ==, 0);
      g_assert_cmpstr (out, ==, cases[i].printed);
      g_assert_cmpstr (err, ==, "");
      g_assert_cmpint (run_cli (fixture, &json_out, &json_err, "convert", "--json", "--rates", "@RATES@",
                                cases[i].amount, cases[i].from, cases[i].to, NULL), ==, 0);
      g_assert_cmpstr (json_out, ==, cases[i].json);
      g_assert_cmpstr (json_err, ==, "");
    }
}

static void
test_rejected (Fixture       *fixture,
               gconstpointer  data)
{
  static const struct { const char *amount, *from, *to, *rates, *mentions; } cases[] = {
    { "-5", "KRW", "USD", "@RATES@", "negative" },
    { "-0.01", "USD", "KRW", "@RATES@", "negative" },
    { "1.234", "USD", "KRW", "@RATES@", "1.234" },
    { "12900.5", "KRW", "USD", "@RATES@", "12900.5" },
    { "abc", "KRW", "USD", "@RATES@", "abc" },
    { "1,5", "USD", "KRW", "@RATES@", "1,5" },
    { "12", "XXQ", "USD", "@RATES@", "XXQ" },
    { "12", "KRW", "usd", "@RATES@", "usd" },
    { "12", "KRW", "JPY", "@RATES@", "JPY" },
    { "92233720368547758.07", "USD", "KRW", "@RATES@", "too large" },
    { "12", "KRW", "USD", "@BROKEN@", "exchange rates" },
    { "12", "KRW", "USD", "@WRONG@", "KRW" },
    { "12", "KRW", "USD", "/nonexistent/rates.json", "/nonexistent/rates.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_test_message ("convert %s %s %s --rates %s", cases[i].amount, cases[i].from, cases[i].to, cases[i].rates);
      g_assert_cmpint (run_cli (fixture, &out, &err, "convert", "--rates", cases[i].rates,
                                cases[i].amount, cases[i].from, cases[i].to, NULL), ==, 1);
      assert_one_line (out, err);
      g_assert_nonnull (strstr (err, cases[i].mentions));
    }
  {
    g_autofree char *out = NULL, *err = NULL;

    /* "--" also works before a negative amount. */
    g_assert_cmpint (run_cli (fixture, &out, &err, "convert", "--rates", "@RATES@", "--",
                              "-5", "KRW", "USD", NULL), ==, 1);
    assert_one_line (out, err);
  }
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *out4 = NULL, *err4 = NULL;

  g_assert_cmpint (run_cli (fixture, &out, &err, "convert", NULL), ==, 2);
  assert_one_line (out, err);
  g_assert_cmpint (run_cli (fixture, &out2, &err2, "convert", "12900", "KRW", "--rates", "@RATES@", NULL), ==, 2);
  assert_one_line (out2, err2);
  g_assert_cmpint (run_cli (fixture, &out3, &err3, "convert", "--bogus", "12900", "KRW", "USD",
                            "--rates", "@RATES@", NULL), ==, 2);
  assert_one_line (out3, err3);
  g_assert_nonnull (strstr (err3, "--bogus"));
  g_assert_cmpint (run_cli (fixture, &out4, &err4, "convert", "12900", "KRW", "USD", "RUB",
                            "--rates", "@RATES@", NULL), ==, 2);
  assert_one_line (out4, err4);
}

/* A catalogue at @path with @json cached as the currencies reference, or
 * with nothing cached when @json is NULL. */
static void
make_catalogue (const char *path,
                const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);

  g_assert_no_error (error);
  if (json != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

      g_assert_true (sb_store_put_reference (store, "currencies", body, "\"r1\"", NULL, &error));
      g_assert_no_error (error);
    }
}

static char *
rates_json_as_of (GDateTime *as_of)
{
  g_autofree char *when = g_date_time_format_iso8601 (as_of);

  return g_strdup_printf ("{\"base\": \"USD\", \"as_of\": \"%s\","
                          " \"rates\": {\"USD\": \"1\", \"KRW\": \"1385.20\", \"RUB\": \"92.15\"}}",
                          when);
}

static void
test_cached (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *fresh = rates_json_as_of (now);
  g_autofree char *db = g_build_filename (fixture->dir, "catalogue.db", NULL);
  g_autofree char *default_db = g_build_filename (fixture->data_home, "sellbridge", "sellbridge.db", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *out4 = NULL, *err4 = NULL;

  /* No --rates: the rates cached in the catalogue given with --db… */
  make_catalogue (db, fresh);
  g_assert_cmpint (run_cli (fixture, &out, &err, "convert", "12900", "KRW", "USD", "--db", db, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "9.31 USD\n");
  g_assert_cmpstr (err, ==, "");

  /* …or in the default catalogue. */
  g_assert_cmpint (g_mkdir_with_parents (fixture->data_home, 0700), ==, 0);
  make_catalogue (default_db, fresh);
  g_assert_cmpint (run_cli (fixture, &out2, &err2, "convert", "--json", "1000", "RUB", "KRW", NULL), ==, 0);
  g_assert_cmpstr (out2, ==, "{\"amount\":\"15032\",\"currency\":\"KRW\"}\n");
  g_assert_cmpstr (err2, ==, "");

  /* --rates wins over the catalogue (whose rates lack EUR). */
  g_assert_cmpint (run_cli (fixture, &out3, &err3, "convert", "12.34", "USD", "EUR",
                            "--db", db, "--rates", "@RATES@", NULL), ==, 0);
  g_assert_cmpstr (out3, ==, "11.37 EUR\n");
  g_assert_cmpint (run_cli (fixture, &out4, &err4, "convert", "12.34", "USD", "EUR", "--db", db, NULL), ==, 1);
  assert_one_line (out4, err4);
  g_assert_nonnull (strstr (err4, "EUR"));
}

static void
test_cached_stale (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) old = g_date_time_add_hours (now, -25);
  g_autofree char *stale = rates_json_as_of (old);
  g_autofree char *db = g_build_filename (fixture->dir, "catalogue.db", NULL);
  g_autofree char *out = NULL, *err = NULL;

  /* Still converted, with a warning. */
  make_catalogue (db, stale);
  g_assert_cmpint (run_cli (fixture, &out, &err, "convert", "12900", "KRW", "USD", "--db", db, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "9.31 USD\n");
  g_assert_true (g_str_has_prefix (err, "sellbridge-cli convert: warning: "));
  g_assert_nonnull (strstr (err, "more than a day old"));
}

static void
test_cached_missing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *empty = g_build_filename (fixture->dir, "empty.db", NULL);
  g_autofree char *absent = g_build_filename (fixture->dir, "absent.db", NULL);
  g_autofree char *default_db = g_build_filename (fixture->data_home, "sellbridge", "sellbridge.db", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;

  /* A catalogue without cached rates. */
  make_catalogue (empty, NULL);
  g_assert_cmpint (run_cli (fixture, &out, &err, "convert", "12900", "KRW", "USD", "--db", empty, NULL), ==, 1);
  assert_one_line (out, err);
  g_assert_nonnull (strstr (err, "--rates"));

  /* No catalogue at all: reported, and not created. */
  g_assert_cmpint (run_cli (fixture, &out2, &err2, "convert", "12900", "KRW", "USD", "--db", absent, NULL), ==, 1);
  assert_one_line (out2, err2);
  g_assert_nonnull (strstr (err2, "--rates"));
  g_assert_false (g_file_test (absent, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_cli (fixture, &out3, &err3, "convert", "12900", "KRW", "USD", NULL), ==, 1);
  assert_one_line (out3, err3);
  g_assert_false (g_file_test (default_db, G_FILE_TEST_EXISTS));
}

static void
test_listed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;

  /* sellbridge-cli --help lists the command. */
  run_cli (fixture, &out, &err, "--help", NULL);
  g_assert_nonnull (strstr (out, "convert"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/convert/success", Fixture, NULL, fixture_set_up, test_success, fixture_tear_down);
  g_test_add ("/cli/convert/rejected", Fixture, NULL, fixture_set_up, test_rejected, fixture_tear_down);
  g_test_add ("/cli/convert/usage", Fixture, NULL, fixture_set_up, test_usage, fixture_tear_down);
  g_test_add ("/cli/convert/cached", Fixture, NULL, fixture_set_up, test_cached, fixture_tear_down);
  g_test_add ("/cli/convert/cached-stale", Fixture, NULL, fixture_set_up, test_cached_stale, fixture_tear_down);
  g_test_add ("/cli/convert/cached-missing", Fixture, NULL, fixture_set_up, test_cached_missing, fixture_tear_down);
  g_test_add ("/cli/convert/listed", Fixture, NULL, fixture_set_up, test_listed, fixture_tear_down);

  return g_test_run ();
}
