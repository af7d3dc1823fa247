/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-cli-net.c: runs the built `sellbridge-cli net` and `price-for-net`
 * (its path in $SELLBRIDGE_CLI) with the sandbox's carriers and rates, a
 * small categories file in the API's format (tests/data/net; the sandbox's
 * categories.json is its seed format, with names in every language), and a
 * real catalogue whose cached reference data and seller profile the
 * commands read.  Every run gets its own XDG_DATA_HOME, so the user's real
 * catalogue is never read.
 *
 * The numbers, by hand.  A KR seller's T-shirt (category 1001, commission
 * "0.08") priced 12900 KRW, a parcel of 250 g in 300×200×30 mm with K-Packet
 * to RU (first 100 g 5200 KRW, then 700 KRW per 100 g, volumetric divisor
 * 6000):
 *   volumetric weight = 300·200·30 / 6000 = 300 g > 250 g, so 300 g count;
 *   shipping = 5200 + 2·700 = 6600 KRW, 7–15 days.
 * Payout in KRW: commission = 0.08 · 12900 = 1032 KRW;
 *   net = 12900 − 1032 − 6600 = 5268 KRW.
 * Payout in USD (1 USD = 1385.20 KRW, each conversion rounded once, half
 * away from zero): price = 12900 / 1385.20 = 9.3127… → 9.31 USD;
 *   commission = 0.08 · 9.31 = 0.7448 → 0.74 USD;
 *   shipping = 6600 / 1385.20 = 4.7646… → 4.76 USD;
 *   net = 9.31 − 0.74 − 4.76 = 3.81 USD.  The listing price is 9.31 USD.
 * price-for-net 5268 KRW: at 12899 KRW the commission is 1031.92 → 1032
 *   and the net 5267 < 5268, so 12900 KRW is the smallest price.
 */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sb-store.h"

typedef struct {
  char *dir;
  char *data_home;    /* XDG_DATA_HOME of the runs */
  char *categories;   /* tests/data/net/categories.json */
  char *carriers;     /* data/sandbox/carriers.json */
  char *rates;        /* data/sandbox/currencies.json */
  char *empty_db;     /* a catalogue with nothing cached */
  char *db;           /* a catalogue with cached references and a seller */
} Fixture;

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbStore) empty = NULL;
  g_autoptr(GBytes) categories = NULL;
  g_autoptr(GBytes) carriers = NULL;
  g_autoptr(GBytes) rates = NULL;

  fixture->dir = g_dir_make_tmp ("sellbridge-cli-net-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_home = g_build_filename (fixture->dir, "data", NULL);
  fixture->categories = g_test_build_filename (G_TEST_DIST, "data", "net", "categories.json", NULL);
  fixture->carriers = g_test_build_filename (G_TEST_DIST, "..", "data", "sandbox", "carriers.json", NULL);
  fixture->rates = g_test_build_filename (G_TEST_DIST, "..", "data", "sandbox", "currencies.json", NULL);

  fixture->empty_db = g_build_filename (fixture->dir, "empty.db", NULL);
  empty = sb_store_open (fixture->empty_db, &error);
  g_assert_no_error (error);

  fixture->db = g_build_filename (fixture->dir, "catalogue.db", NULL);
  store = sb_store_open (fixture->db, &error);
  g_assert_no_error (error);
  categories = read_bytes (fixture->categories);
  carriers = read_bytes (fixture->carriers);
  rates = read_bytes (fixture->rates);
  g_assert_true (sb_store_put_reference (store, "categories:ko", categories, "\"c1\"", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_put_reference (store, "carriers:KR", carriers, "\"k1\"", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_put_reference (store, "currencies", rates, "\"r1\"", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_save_seller_json (store, "{\"country\": \"KR\", \"payout_currency\": \"USD\"}", &error));
  g_assert_no_error (error);
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
  g_free (fixture->categories);
  g_free (fixture->carriers);
  g_free (fixture->rates);
  g_free (fixture->empty_db);
  g_free (fixture->db);
  g_free (fixture->dir);
}

/* Runs sellbridge-cli with the NULL-terminated arguments; "@CATEGORIES@",
 * "@CARRIERS@", "@RATES@", "@DB@" and "@EMPTY@" stand for the fixture's
 * files. */
static int
run_cli_v (Fixture  *fixture,
           char    **out,
           char    **err,
           va_list   args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *cli = g_getenv ("SELLBRIDGE_CLI");
  const char *arg;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, g_strdup (cli));
  while ((arg = va_arg (args, const char *)) != NULL)
    {
      if (strcmp (arg, "@CATEGORIES@") == 0)
        arg = fixture->categories;
      else if (strcmp (arg, "@CARRIERS@") == 0)
        arg = fixture->carriers;
      else if (strcmp (arg, "@RATES@") == 0)
        arg = fixture->rates;
      else if (strcmp (arg, "@DB@") == 0)
        arg = fixture->db;
      else if (strcmp (arg, "@EMPTY@") == 0)
        arg = fixture->empty_db;
      g_ptr_array_add (argv, g_strdup (arg));
    }
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

static int
run_cli (Fixture  *fixture,
         char    **out,
         char    **err,
         ...)
{
  va_list args;
  int status;

  va_start (args, err);
  status = run_cli_v (fixture, out, err, args);
  va_end (args);
  return status;
}

/* The parcel of the T-shirt, K-Packet to RU, with the reference files. */
#define TSHIRT "--category", "1001", "--carrier", "kr_kpacket", "--to", "RU", \
               "--weight-g", "250", "--size", "300x200x30"
#define FILES "--categories", "@CATEGORIES@", "--carriers", "@CARRIERS@", "--rates", "@RATES@"

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
assert_money (JsonObject *object,
              const char *member,
              const char *amount,
              const char *currency)
{
  JsonObject *money = json_object_get_object_member (object, member);

  g_assert_nonnull (money);
  g_assert_cmpstr (json_object_get_string_member (money, "amount"), ==, amount);
  g_assert_cmpstr (json_object_get_string_member (money, "currency"), ==, currency);
}

static void
test_net_krw (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (fixture, &out, &err, "net", "12900", "KRW", TSHIRT, FILES,
                            "--payout", "KRW", "--db", "@EMPTY@", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==,
                   "Price:       12900 KRW\n"
                   "Commission:  −1032 KRW (rate 0.08)\n"
                   "Shipping:    −6600 KRW (K-Packet, 7–15 days)\n"
                   "Net:         5268 KRW\n"
                   "Listed at:   9.31 USD\n");
}

static void
test_net_usd_json (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonObject *breakdown, *carrier;

  g_assert_cmpint (run_cli (fixture, &out, &err, "net", "12900", "krw", TSHIRT, FILES,
                            "--payout", "USD", "--json", "--db", "@EMPTY@", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  root = parse_object (out);
  assert_money (root, "price", "12900", "KRW");
  g_assert_cmpstr (json_object_get_string_member (root, "payout_currency"), ==, "USD");
  g_assert_cmpstr (json_object_get_string_member (root, "commission_rate"), ==, "0.08");
  breakdown = json_object_get_object_member (root, "breakdown");
  assert_money (breakdown, "price", "9.31", "USD");
  assert_money (breakdown, "commission", "0.74", "USD");
  assert_money (breakdown, "shipping", "4.76", "USD");
  assert_money (breakdown, "net", "3.81", "USD");
  assert_money (root, "listing_price_usd", "9.31", "USD");
  carrier = json_object_get_object_member (root, "carrier");
  g_assert_cmpstr (json_object_get_string_member (carrier, "id"), ==, "kr_kpacket");
  g_assert_cmpstr (json_object_get_string_member (carrier, "name"), ==, "K-Packet");
  g_assert_cmpint (json_object_get_int_member (carrier, "days_min"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (carrier, "days_max"), ==, 15);
  g_assert_cmpint (json_object_get_int_member (carrier, "chargeable_g"), ==, 300);
}

/* The net, in minor units, of @price_minor KRW with @payout. */
static gint64
net_minor (Fixture    *fixture,
           gint64      price_minor,
           const char *price_text,
           const char *payout,
           char      **out_net_currency)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonObject *net;
  const char *amount;
  g_autofree char *digits = NULL;
  gint64 value = 0;

  g_assert_cmpint (run_cli (fixture, &out, &err, "net", price_text, "KRW", TSHIRT, FILES,
                            "--payout", payout, "--json", "--db", "@EMPTY@", NULL), ==, 0);
  root = parse_object (out);
  net = json_object_get_object_member (json_object_get_object_member (root, "breakdown"), "net");
  amount = json_object_get_string_member (net, "amount");
  /* "3.81" → 381; "5268" → 5268 (no double) */
  {
    GString *s = g_string_new (amount);

    g_string_replace (s, ".", "", 0);
    digits = g_string_free (s, FALSE);
  }
  g_assert_true (g_ascii_string_to_signed (digits, 10, G_MININT64, G_MAXINT64, &value, NULL));
  *out_net_currency = g_strdup (json_object_get_string_member (net, "currency"));
  return value;
}

static void
check_round_trip (Fixture    *fixture,
                  const char *target,
                  gint64      target_minor,
                  const char *payout,
                  const char *expected_price)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *below = NULL;
  g_autofree char *currency = NULL, *currency_below = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonObject *price;
  gint64 price_minor = 0;

  g_assert_cmpint (run_cli (fixture, &out, &err, "price-for-net", target, "KRW", TSHIRT, FILES,
                            "--payout", payout, "--json", "--db", "@EMPTY@", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  root = parse_object (out);
  price = json_object_get_object_member (root, "price");
  g_assert_cmpstr (json_object_get_string_member (price, "currency"), ==, "KRW");
  if (expected_price != NULL)
    g_assert_cmpstr (json_object_get_string_member (price, "amount"), ==, expected_price);
  g_assert_true (g_ascii_string_to_signed (json_object_get_string_member (price, "amount"), 10,
                                           1, G_MAXINT64, &price_minor, NULL));
  assert_money (root, "target_net", target, payout);

  /* The net at the price reaches the target; one won less does not. */
  g_assert_cmpint (net_minor (fixture, price_minor, json_object_get_string_member (price, "amount"),
                              payout, &currency), >=, target_minor);
  g_assert_cmpstr (currency, ==, payout);
  below = g_strdup_printf ("%" G_GINT64_FORMAT, price_minor - 1);
  g_assert_cmpint (net_minor (fixture, price_minor - 1, below, payout, &currency_below), <, target_minor);
}

static void
test_price_for_net (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;

  check_round_trip (fixture, "5268", 5268, "KRW", "12900");
  check_round_trip (fixture, "3.81", 381, "USD", NULL);
  check_round_trip (fixture, "10.00", 1000, "USD", NULL);

  g_assert_cmpint (run_cli (fixture, &out, &err, "price-for-net", "5268", "KRW", TSHIRT, FILES,
                            "--payout", "KRW", "--db", "@EMPTY@", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "To net at least 5268 KRW, ask 12900 KRW.\n"
                                        "Price:       12900 KRW\n"));
  g_assert_nonnull (strstr (out, "Net:         5268 KRW\n"));
}

/* The references and the payout currency come from the catalogue. */
static void
test_store (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autoptr(JsonObject) root = NULL;

  /* The seller is paid in USD. */
  g_assert_cmpint (run_cli (fixture, &out, &err, "net", "12900", "KRW", TSHIRT,
                            "--db", "@DB@", "--json", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  root = parse_object (out);
  assert_money (json_object_get_object_member (root, "breakdown"), "net", "3.81", "USD");

  /* --payout wins over the profile. */
  g_assert_cmpint (run_cli (fixture, &out2, &err2, "net", "12900", "KRW", TSHIRT,
                            "--db", "@DB@", "--payout", "KRW", NULL), ==, 0);
  g_assert_nonnull (strstr (out2, "Net:         5268 KRW\n"));

  /* Nothing cached: one line naming the data and the option. */
  g_assert_cmpint (run_cli (fixture, &out3, &err3, "net", "12900", "KRW", TSHIRT,
                            "--db", "@EMPTY@", NULL), ==, 2);
  g_assert_cmpstr (out3, ==, "");
  g_assert_nonnull (strstr (err3, "categories"));
  g_assert_nonnull (strstr (err3, "--categories FILE"));
  g_assert_true (strchr (err3, '\n') == err3 + strlen (err3) - 1);
}

static void
test_rejected (Fixture       *fixture,
               gconstpointer  data)
{
  static const struct { const char *args[6]; const char *mentions; } cases[] = {
    { { "net", "-5", "KRW", "--category", "1001" }, "negative" },
    { { "net", "12900.5", "KRW", "--category", "1001" }, "12900.5" },
    { { "net", "12900", "KRW", "--category", "999" }, "999" },
    { { "net", "12900", "KRW", "--category", "100" }, "subcategories" },
    { { "price-for-net", "1.234", "KRW", "--category", "1001", "--payout" }, "1.234" },
  };
  static const struct { const char *carrier, *to, *extra, *mentions; } parcel_cases[] = {
    { "nosuch", "RU", NULL, "nosuch" },
    { "kr_kpacket", "BR", NULL, "BR" },
    { "kr_kpacket", "RU", "--liquids", "liquid" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      const char *const *a = cases[i].args;
      int status;

      g_test_message ("%s %s %s --category %s", a[0], a[1], a[2], a[4]);
      if (a[5] != NULL)
        status = run_cli (fixture, &out, &err, a[0], a[1], a[2], a[3], a[4], a[5], "USD",
                          "--carrier", "kr_kpacket", "--to", "RU", "--weight-g", "250",
                          "--size", "300x200x30", FILES, "--db", "@EMPTY@", NULL);
      else
        status = run_cli (fixture, &out, &err, a[0], a[1], a[2], a[3], a[4],
                          "--carrier", "kr_kpacket", "--to", "RU", "--weight-g", "250",
                          "--size", "300x200x30", FILES, "--db", "@EMPTY@", NULL);
      g_assert_cmpint (status, ==, 1);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "sellbridge-cli "));
      g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
      g_assert_nonnull (strstr (err, cases[i].mentions));
    }

  for (guint i = 0; i < G_N_ELEMENTS (parcel_cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_test_message ("net --carrier %s --to %s", parcel_cases[i].carrier, parcel_cases[i].to);
      g_assert_cmpint (run_cli (fixture, &out, &err, "net", "12900", "KRW", "--category", "1001",
                                "--carrier", parcel_cases[i].carrier, "--to", parcel_cases[i].to,
                                "--weight-g", "250", "--size", "300x200x30", FILES, "--db", "@EMPTY@",
                                parcel_cases[i].extra, NULL), ==, 1);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
      g_assert_nonnull (strstr (err, parcel_cases[i].mentions));
    }

  /* A payout in USD needs rates; the empty catalogue has none. */
  {
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run_cli (fixture, &out, &err, "net", "12900", "KRW", TSHIRT,
                              "--categories", "@CATEGORIES@", "--carriers", "@CARRIERS@",
                              "--payout", "USD", "--db", "@EMPTY@", NULL), ==, 1);
    g_assert_cmpstr (out, ==, "");
    g_assert_nonnull (strstr (err, "--rates FILE"));
    g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  }
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *out1 = NULL, *err1 = NULL, *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL, *out4 = NULL, *err4 = NULL;

  g_assert_cmpint (run_cli (fixture, &out1, &err1, "net", NULL), ==, 2);
  g_assert_cmpint (run_cli (fixture, &out2, &err2, "net", "12900", "KRW", "--carrier", "kr_kpacket",
                            "--to", "RU", "--weight-g", "250", "--size", "300x200x30", FILES, NULL), ==, 2);
  g_assert_nonnull (strstr (err2, "--category"));
  g_assert_cmpint (run_cli (fixture, &out3, &err3, "price-for-net", "5268", "KRW", TSHIRT, FILES,
                            "--frobnicate", NULL), ==, 2);
  g_assert_cmpint (run_cli (fixture, &out4, &err4, "net", "12900", "KRW", "extra", TSHIRT, FILES, NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/net/krw", test_net_krw);
  ADD ("/cli/net/usd-json", test_net_usd_json);
  ADD ("/cli/net/price-for-net", test_price_for_net);
  ADD ("/cli/net/store", test_store);
  ADD ("/cli/net/rejected", test_rejected);
  ADD ("/cli/net/usage", test_usage);
#undef ADD

  return g_test_run ();
}
