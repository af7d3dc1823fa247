/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-cli-list.c: runs the built `sellbridge-cli list` (its path in
 * $SELLBRIDGE_CLI) on a catalogue written through the store and checks
 * its JSON and text output — search, status filter, sort, paging — and
 * its exit status for bad options and a catalogue from a newer version.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "sb-store.h"

typedef struct {
  char *dir;
  char *db;
} Fixture;

static SbProduct *
make_product (const char  *offer_id,
              const char  *title_en,
              const char  *title_ko,
              gint64       price,
              gint64       stock,
              SbSyncState  state)
{
  SbProduct *product = sb_product_new (offer_id);
  SbVariant *variant = sb_variant_new ();

  sb_product_set_title (product, SB_LANG_EN, title_en);
  sb_product_set_title (product, SB_LANG_KO, title_ko);
  variant->sku = g_strconcat (offer_id, "-1", NULL);
  variant->price_minor = price;
  g_strlcpy (variant->currency, "KRW", sizeof variant->currency);
  variant->stock = stock;
  sb_product_add_variant (product, variant);
  product->sync_state = state;
  return product;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);

  fixture->dir = g_dir_make_tmp ("sellbridge-cli-list-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "catalogue.db", NULL);
  store = sb_store_open (fixture->db, &error);
  g_assert_no_error (error);
  g_ptr_array_add (products, make_product ("HB-TEE-001", "Cotton T-shirt", "면 티셔츠", 12900, 25,
                                           SB_SYNC_QUEUED));
  g_ptr_array_add (products, make_product ("HB-CAP-002", "Baseball cap", "야구 모자", 9900, 3,
                                           SB_SYNC_QUEUED));
  g_ptr_array_add (products, make_product ("HB-MUG-003", "Mug", "머그컵", 15000, 0, SB_SYNC_DRAFT));
  g_assert_true (sb_store_save_products (store, products, &error));
  g_assert_no_error (error);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_dir (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->dir);
}

/* Runs sellbridge-cli with the NULL-terminated arguments; "@DB@" stands
 * for the fixture's catalogue. */
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
    g_ptr_array_add (argv, g_strdup (strcmp (arg, "@DB@") == 0 ? fixture->db : arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* English messages whatever the machine's language, and no stray
   * default catalogue. */
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  envp = g_environ_setenv (envp, "SELLBRIDGE_DB", fixture->db, TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

/* The offer ids of a --json answer, space-separated, and its total. */
static char *
json_offer_ids (const char *json,
                gint64     *out_total)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  JsonObject *root;
  JsonArray *products;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  *out_total = json_object_get_int_member (root, "total");
  products = json_object_get_array_member (root, "products");
  for (guint i = 0; i < json_array_get_length (products); i++)
    {
      JsonObject *product = json_array_get_object_element (products, i);

      g_string_append_printf (ids, "%s%s", i > 0 ? " " : "",
                              json_object_get_string_member (product, "offer_id"));
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  static const struct {
    const char *args[6];
    const char *ids;
    gint64      total;
  } cases[] = {
    { { NULL }, "HB-CAP-002 HB-MUG-003 HB-TEE-001", 3 },
    { { "--search", "티셔", NULL }, "HB-TEE-001", 1 },
    { { "--search", "모", NULL }, "HB-CAP-002", 1 },
    { { "--search", "COTTON", NULL }, "HB-TEE-001", 1 },
    { { "--status", "draft", NULL }, "HB-MUG-003", 1 },
    { { "--status", "queued", "--sort", "price", NULL }, "HB-CAP-002 HB-TEE-001", 2 },
    { { "--sort", "stock", "--descending", NULL }, "HB-TEE-001 HB-CAP-002 HB-MUG-003", 3 },
    { { "--sort", "title", "--lang", "ko", NULL }, "HB-MUG-003 HB-TEE-001 HB-CAP-002", 3 },
    { { "--limit", "1", "--offset", "1", NULL }, "HB-MUG-003", 3 },
    { { "--offset", "5", NULL }, "", 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL, *ids = NULL;
      const char * const *a = cases[i].args;
      gint64 total = -1;

      g_assert_cmpint (run_cli (fixture, &out, &err, "list", "--db", "@DB@", "--json",
                                a[0], a[1], a[2], a[3], a[4], a[5], NULL), ==, 0);
      g_assert_cmpstr (err, ==, "");
      ids = json_offer_ids (out, &total);
      g_test_message ("list %s %s %s %s → %s", a[0] ? a[0] : "", a[0] && a[1] ? a[1] : "",
                      a[0] && a[1] && a[2] ? a[2] : "", a[0] && a[1] && a[2] && a[3] ? a[3] : "", ids);
      g_assert_cmpstr (ids, ==, cases[i].ids);
      g_assert_cmpint (total, ==, cases[i].total);
    }
}

static void
test_json_fields (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *product, *price;

  g_assert_cmpint (run_cli (fixture, &out, &err, "list", "--db", "@DB@", "--json", "--search",
                            "HB-TEE", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  product = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "products"), 0);
  g_assert_cmpstr (json_object_get_string_member (product, "status"), ==, "queued");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (product, "title"), "ko"),
                   ==, "면 티셔츠");
  g_assert_cmpint (json_object_get_int_member (product, "variants"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (product, "stock"), ==, 25);
  price = json_object_get_object_member (product, "price");
  g_assert_cmpstr (json_object_get_string_member (price, "min"), ==, "12900");
  g_assert_cmpstr (json_object_get_string_member (price, "currency"), ==, "KRW");
}

static void
test_text (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (fixture, &out, &err, "list", "--search", "cap", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "OFFER ID"));
  g_assert_nonnull (strstr (out, "HB-CAP-002"));
  g_assert_nonnull (strstr (out, "9900 KRW"));
  g_assert_nonnull (strstr (out, "Baseball cap"));
  g_assert_null (strstr (out, "HB-TEE-001"));
  g_assert_true (g_str_has_suffix (out, "1 of 1 product shown.\n"));
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  static const char * const bad[][3] = {
    { "--status", "bogus", NULL },
    { "--sort", "colour", NULL },
    { "--lang", "fr", NULL },
    { "--limit", "-1", NULL },
    { "extra", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run_cli (fixture, &out, &err, "list", "--db", "@DB@", bad[i][0], bad[i][1], NULL),
                       ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "sellbridge-cli list: "));
    }
}

static void
test_newer_catalogue (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %u", sb_store_get_schema_version () + 1);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_cmpint (run_cli (fixture, &out, &err, "list", "--db", "@DB@", NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "newer version of Sellbridge"));
}

static void
test_damaged_catalogue (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->db, "-shm", NULL);
  g_autofree char *corrupt = g_strconcat (fixture->db, ".corrupt", NULL);
  g_autofree char *moved = NULL;

  g_unlink (wal);
  g_unlink (shm);
  g_assert_true (g_file_set_contents (fixture->db, "this is not a catalogue", -1, NULL));

  /* Moved aside, said so on stderr, and the listing of the new, empty
   * catalogue goes on. */
  g_assert_cmpint (run_cli (fixture, &out, &err, "list", "--db", "@DB@", NULL), ==, 0);
  g_assert_nonnull (strstr (err, "damaged"));
  g_assert_nonnull (strstr (err, corrupt));
  g_assert_nonnull (strstr (out, "0 of 0 products"));
  g_assert_true (g_file_get_contents (corrupt, &moved, NULL, NULL));
  g_assert_cmpstr (moved, ==, "this is not a catalogue");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/list/json", Fixture, NULL, fixture_set_up, test_json, fixture_tear_down);
  g_test_add ("/cli/list/json-fields", Fixture, NULL, fixture_set_up, test_json_fields, fixture_tear_down);
  g_test_add ("/cli/list/text", Fixture, NULL, fixture_set_up, test_text, fixture_tear_down);
  g_test_add ("/cli/list/usage", Fixture, NULL, fixture_set_up, test_usage, fixture_tear_down);
  g_test_add ("/cli/list/newer-catalogue", Fixture, NULL, fixture_set_up, test_newer_catalogue,
              fixture_tear_down);
  g_test_add ("/cli/list/damaged-catalogue", Fixture, NULL, fixture_set_up, test_damaged_catalogue,
              fixture_tear_down);

  return g_test_run ();
}
