/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-cli-rules.c: runs `sellbridge-cli check-id` and `sellbridge-cli
 * quote` and checks what they print and their exit status: the normalised
 * value or the reason, the quote table and JSON, and the one-line message
 * and status 1 for a malformed size or weight.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "sb-store.h"

static const char *cli_path;
static char *carriers_path;
static char *tmp_dir;

static const char *carriers_json =
  "{\"carriers\": ["
  "{\"id\": \"kr_kpacket\", \"name\": \"K-Packet\", \"origin\": \"KR\","
  " \"max_weight_g\": 2000, \"max_side_mm\": 600, \"max_sum_sides_mm\": 900,"
  " \"volumetric_divisor\": 6000, \"batteries\": [\"installed\"], \"liquids\": false, \"tracking\": true,"
  " \"zones\": [{\"destinations\": [\"RU\", \"KZ\", \"BY\"], \"days_min\": 7, \"days_max\": 15,"
  "  \"currency\": \"KRW\", \"first_weight_g\": 100, \"first_price\": \"5200\","
  "  \"step_weight_g\": 100, \"step_price\": \"700\"}]},"
  "{\"id\": \"kr_ems\", \"name\": \"EMS\", \"origin\": \"KR\", \"max_weight_g\": 30000,"
  " \"volumetric_divisor\": 6000, \"liquids\": true,"
  " \"zones\": [{\"destinations\": [\"RU\"], \"days_min\": 3, \"days_max\": 7, \"currency\": \"USD\","
  "  \"first_weight_g\": 500, \"first_price\": \"21.50\", \"step_weight_g\": 500, \"step_price\": \"3.20\"}]},"
  "{\"id\": \"ru_post\", \"name\": \"Pochta\", \"origin\": \"RU\", \"max_weight_g\": 2000}]}";

/* Runs the CLI with a NULL-terminated argument list. */
static int
run (char       **out_stdout,
     char       **out_stderr,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 0;
  va_list ap;

  g_ptr_array_add (args, (char *) cli_path);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out_stdout, out_stderr, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_check_id (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "check-id", "kr-brn", "124-81-00998", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "1248100998\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "check-id", "ru-inn", "7707083894", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "should be 3"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "check-id", "--json", "ru-ogrnip", "304500100000051", NULL), ==, 0);
  {
    g_autoptr(JsonNode) node = json_from_string (out, NULL);
    JsonObject *object = json_node_get_object (node);

    g_assert_true (json_object_get_boolean_member (object, "valid"));
    g_assert_cmpstr (json_object_get_string_member (object, "value"), ==, "304500100000051");
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "check-id", "--json", "--form", "sole_proprietor", "ru-inn", "7707083893", NULL), ==, 1);
  {
    g_autoptr(JsonNode) node = json_from_string (out, NULL);
    JsonObject *object = json_node_get_object (node);

    g_assert_false (json_object_get_boolean_member (object, "valid"));
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "error"), "code"), ==, "length");
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "check-id", "inn", "7707083893", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "check-id", "ru-inn", NULL), ==, 2);
}

static void
test_quote_table (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "quote", "--from", "KR", "--to", "RU", "--weight-g", "2350",
                        "--size", "300x200x30", "--carriers", carriers_path, NULL), ==, 0);
  g_assert_cmpstr (out, ==,
                   "Carrier   Price      Days  Chargeable\n"
                   "K-Packet  not offered: Too heavy by 350 g — K-Packet takes at most 2,000 g.\n"
                   "EMS       34.30 USD  3–7   2350 g\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Nothing takes liquids to KZ: status 1. */
  g_assert_cmpint (run (&out, &err, "quote", "--from", "KR", "--to", "KZ", "--weight-g", "250",
                        "--size", "300X200X30", "--liquids", "--carriers", carriers_path, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "K-Packet does not take liquids."));
  g_assert_nonnull (strstr (out, "EMS does not ship to KZ."));
}

static void
test_quote_json (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *quotes;
  JsonObject *kpacket, *price;

  g_assert_cmpint (run (&out, &err, "quote", "--json", "--from", "KR", "--to", "RU", "--weight-g", "250",
                        "--size", "300x200x30", "--batteries", "installed", "--carriers", carriers_path, NULL), ==, 0);
  node = json_from_string (out, NULL);
  g_assert_nonnull (node);
  quotes = json_object_get_array_member (json_node_get_object (node), "quotes");
  /* Only the carriers of the origin. */
  g_assert_cmpuint (json_array_get_length (quotes), ==, 2);
  kpacket = json_array_get_object_element (quotes, 0);
  g_assert_true (json_object_get_boolean_member (kpacket, "offered"));
  g_assert_cmpint (json_object_get_int_member (kpacket, "chargeable_g"), ==, 300);
  g_assert_cmpint (json_object_get_int_member (kpacket, "volumetric_g"), ==, 300);
  price = json_object_get_object_member (kpacket, "price");
  g_assert_cmpstr (json_object_get_string_member (price, "amount"), ==, "6600");
  g_assert_cmpstr (json_object_get_string_member (price, "currency"), ==, "KRW");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (quotes, 1), "refusal"), ==, "batteries");
}

static void
test_quote_cached_carriers (void)
{
  g_autofree char *db = g_build_filename (tmp_dir, "catalogue.db", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.db", NULL);
  g_autoptr(GError) error = NULL;

  /* No catalogue: say so, and do not create one. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run (&out, &err, "quote", "--db", missing, "--from", "KR", "--to", "RU", "--weight-g", "250",
                          "--size", "300x200x30", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "--carriers"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  /* A catalogue without cached carriers. */
  {
    g_autoptr(SbStore) store = sb_store_open (db, &error);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_no_error (error);
    g_clear_object (&store);
    g_assert_cmpint (run (&out, &err, "quote", "--db", db, "--from", "KR", "--to", "RU", "--weight-g", "250",
                          "--size", "300x200x30", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "no carriers from KR"));
  }
  /* The cached copy is used. */
  {
    g_autoptr(SbStore) store = sb_store_open (db, &error);
    g_autoptr(GBytes) body = g_bytes_new_static (carriers_json, strlen (carriers_json));
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_no_error (error);
    sb_store_put_reference (store, "carriers:KR", body, "\"v1\"", NULL, &error);
    g_assert_no_error (error);
    g_clear_object (&store);
    g_assert_cmpint (run (&out, &err, "quote", "--db", db, "--from", "KR", "--to", "RU", "--weight-g", "250",
                          "--size", "300x200x30", NULL), ==, 0);
    g_assert_nonnull (strstr (out, "K-Packet  6600 KRW"));
  }
}

static void
test_quote_bad_input (void)
{
  const char *sizes[] = { "0x200x30", "300x-1x30", "300x200", "300x200x30x5", "axbxc", "300x200x", "" };
  const char *weights[] = { "0", "-5", "12.5", "abc", "99999999999" };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run (&out, &err, "quote", "--from", "KR", "--to", "RU", "--weight-g", "250",
                            "--size", sizes[i], "--carriers", carriers_path, NULL), ==, 1);
      g_assert_cmpstr (out, ==, "");
      /* One line. */
      g_assert_nonnull (strstr (err, "size"));
      g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run (&out, &err, "quote", "--from", "KR", "--to", "RU", "--weight-g", weights[i],
                            "--size", "300x200x30", "--carriers", carriers_path, NULL), ==, 1);
      g_assert_nonnull (strstr (err, "weight"));
      g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
    }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run (&out, &err, "quote", "--from", "JP", "--to", "RU", "--weight-g", "250",
                          "--size", "300x200x30", "--carriers", carriers_path, NULL), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli_path = argv[1];

  tmp_dir = g_dir_make_tmp ("sellbridge-cli-rules-XXXXXX", &error);
  g_assert_no_error (error);
  carriers_path = g_build_filename (tmp_dir, "carriers.json", NULL);
  g_file_set_contents (carriers_path, carriers_json, -1, &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/check-id", test_check_id);
  g_test_add_func ("/cli/quote-table", test_quote_table);
  g_test_add_func ("/cli/quote-json", test_quote_json);
  g_test_add_func ("/cli/quote-cached-carriers", test_quote_cached_carriers);
  g_test_add_func ("/cli/quote-bad-input", test_quote_bad_input);
  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  g_free (carriers_path);
  return status;
}
