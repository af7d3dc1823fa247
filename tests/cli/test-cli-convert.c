/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-cli-convert.c: runs the built `sellbridge-cli convert` (its path in
 * $SELLBRIDGE_CLI) against a rates file and checks what it prints and its
 * exit status: 0 with the result, 1 with one line on stderr for rejected
 * input, 2 for usage errors.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

static const char contract_json[] =
  "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\",\n"
  " \"rates\": {\"USD\": \"1\", \"KRW\": \"1385.20\", \"RUB\": \"92.15\", \"CNY\": \"7.2400\", \"EUR\": \"0.9210\"}}\n";

typedef struct {
  char *dir;
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
  fixture->rates = write_file (fixture->dir, "rates.json", contract_json);
  fixture->broken = write_file (fixture->dir, "broken.json", "{\"base\": \"USD\", ");
  fixture->wrong_type = write_file (fixture->dir, "wrong-type.json",
                                    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\","
                                    " \"rates\": {\"KRW\": 1385.20}}");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_unlink (fixture->rates);
  g_unlink (fixture->broken);
  g_unlink (fixture->wrong_type);
  g_rmdir (fixture->dir);
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

  /* The cached rates are not available yet: --rates is required. */
  g_assert_cmpint (run_cli (fixture, &out, &err, "convert", "12900", "KRW", "USD", NULL), ==, 2);
  assert_one_line (out, err);
  g_assert_nonnull (strstr (err, "--rates"));

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
  g_test_add ("/cli/convert/listed", Fixture, NULL, fixture_set_up, test_listed, fixture_tear_down);

  return g_test_run ();
}
