/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-sandbox-reference.c: the three reference endpoints — ETag and
 * If-None-Match → 304 on each, categories in en/ko/ru with at least 40
 * leaves that carry a commission and required attributes, and carriers per
 * origin with the real-world limits of K-Packet and Pochta Rossii.
 */
#include "config.h"

#include "sb-test-sandbox.h"

static void
check_etag (SbtSandbox *sandbox,
            const char *path)
{
  g_autoptr(SbtResponse) first = sbt_request (sandbox, "GET", path, NULL);
  g_autoptr(SbtResponse) again = NULL;
  g_autoptr(SbtResponse) stale = NULL;
  const char *etag;

  g_assert_cmpuint (first->status, ==, 200);
  etag = soup_message_headers_get_one (first->headers, "ETag");
  g_assert_nonnull (etag);
  g_assert_true (etag[0] == '"');

  again = sbt_request_full (sandbox, "GET", path, NULL, NULL, NULL, NULL, 0, SBT_NONE,
                            "If-None-Match", etag, NULL);
  g_assert_cmpuint (again->status, ==, 304);
  g_assert_true (again->body == NULL || g_bytes_get_size (again->body) == 0);
  g_assert_cmpstr (soup_message_headers_get_one (again->headers, "ETag"), ==, etag);
  g_assert_nonnull (soup_message_headers_get_one (again->headers, "X-Request-Id"));

  stale = sbt_request_full (sandbox, "GET", path, NULL, NULL, NULL, NULL, 0, SBT_NONE,
                            "If-None-Match", "\"0000\"", NULL);
  g_assert_cmpuint (stale->status, ==, 200);
}

static void
test_etags (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start (NULL);

  check_etag (sandbox, "/v1/reference/currencies");
  check_etag (sandbox, "/v1/reference/categories?lang=ko");
  check_etag (sandbox, "/v1/reference/carriers?origin=RU");
  sbt_sandbox_stop (sandbox);
}

static JsonObject *
find_by_id (JsonArray  *array,
            const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "id"), id) == 0)
        return object;
    }
  return NULL;
}

static void
test_categories (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start (NULL);
  static const struct { const char *lang; const char *tshirts; } names[] = {
    { "en", "T-shirts" }, { "ko", "티셔츠" }, { "ru", "Футболки" },
  };
  char *etags[G_N_ELEMENTS (names)] = { NULL };

  for (guint l = 0; l < G_N_ELEMENTS (names); l++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/reference/categories?lang=%s", names[l].lang);
      g_autoptr(SbtResponse) response = sbt_request (sandbox, "GET", path, NULL);
      JsonArray *categories;
      JsonObject *tshirts;
      guint leaves = 0;

      g_assert_cmpuint (response->status, ==, 200);
      categories = json_object_get_array_member (json_node_get_object (response->json), "categories");
      for (guint i = 0; i < json_array_get_length (categories); i++)
        {
          JsonObject *category = json_array_get_object_element (categories, i);
          JsonArray *attributes;
          gboolean any_required = FALSE;

          if (!json_object_get_boolean_member (category, "leaf"))
            continue;
          leaves++;
          g_assert_true (g_str_has_prefix (json_object_get_string_member (category, "commission_rate"), "0."));
          attributes = json_object_get_array_member (category, "attributes");
          for (guint a = 0; a < json_array_get_length (attributes); a++)
            any_required |= json_object_get_boolean_member (json_array_get_object_element (attributes, a),
                                                            "required");
          g_assert_true (any_required);
        }
      g_assert_cmpuint (leaves, >=, 40);

      tshirts = find_by_id (categories, "1001");
      g_assert_nonnull (tshirts);
      g_assert_cmpstr (json_object_get_string_member (tshirts, "name"), ==, names[l].tshirts);
      g_assert_cmpstr (json_object_get_string_member (tshirts, "parent_id"), ==, "100");
      g_assert_cmpstr (json_object_get_string_member (tshirts, "commission_rate"), ==, "0.08");
      g_assert_nonnull (find_by_id (json_object_get_array_member (tshirts, "attributes"), "brand"));
      g_assert_true (json_object_get_null_member (find_by_id (categories, "100"), "parent_id"));
      g_assert_false (json_object_get_boolean_member (find_by_id (categories, "100"), "leaf"));
      etags[l] = g_strdup (soup_message_headers_get_one (response->headers, "ETag"));
    }
  /* Each language is its own document. */
  g_assert_cmpstr (etags[0], !=, etags[1]);
  g_assert_cmpstr (etags[1], !=, etags[2]);
  for (guint l = 0; l < G_N_ELEMENTS (names); l++)
    g_free (etags[l]);

  {
    g_autoptr(SbtResponse) bad = sbt_request (sandbox, "GET", "/v1/reference/categories?lang=fr", NULL);

    g_assert_cmpuint (bad->status, ==, 400);
    g_assert_cmpstr (sbt_error_code (bad), ==, "bad_request");
  }
  sbt_sandbox_stop (sandbox);
}

static void
test_carriers (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start (NULL);
  g_autoptr(SbtResponse) kr = sbt_request (sandbox, "GET", "/v1/reference/carriers?origin=KR", NULL);
  g_autoptr(SbtResponse) ru = sbt_request (sandbox, "GET", "/v1/reference/carriers?origin=RU", NULL);
  static const char * const kr_ids[] = { "kr_kpacket", "kr_ems", "kr_cj_express", "kr_cainiao" };
  static const char * const ru_ids[] = { "ru_pochta_small", "ru_ems", "ru_cdek", "ru_cainiao" };
  JsonArray *kr_carriers, *ru_carriers;
  JsonObject *kpacket, *pochta, *zone;

  g_assert_cmpuint (kr->status, ==, 200);
  g_assert_cmpuint (ru->status, ==, 200);
  kr_carriers = json_object_get_array_member (json_node_get_object (kr->json), "carriers");
  ru_carriers = json_object_get_array_member (json_node_get_object (ru->json), "carriers");
  g_assert_cmpuint (json_array_get_length (kr_carriers), ==, 4);
  g_assert_cmpuint (json_array_get_length (ru_carriers), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_nonnull (find_by_id (kr_carriers, kr_ids[i]));
      g_assert_nonnull (find_by_id (ru_carriers, ru_ids[i]));
      g_assert_cmpstr (json_object_get_string_member (find_by_id (kr_carriers, kr_ids[i]), "origin"), ==, "KR");
    }

  kpacket = find_by_id (kr_carriers, "kr_kpacket");
  g_assert_cmpint (json_object_get_int_member (kpacket, "max_weight_g"), ==, 2000);
  g_assert_cmpint (json_object_get_int_member (kpacket, "max_side_mm"), ==, 600);
  g_assert_cmpint (json_object_get_int_member (kpacket, "max_sum_sides_mm"), ==, 900);
  g_assert_cmpint (json_object_get_int_member (kpacket, "volumetric_divisor"), ==, 6000);
  g_assert_false (json_object_get_boolean_member (kpacket, "liquids"));
  zone = json_array_get_object_element (json_object_get_array_member (kpacket, "zones"), 0);
  g_assert_cmpstr (json_object_get_string_member (zone, "currency"), ==, "KRW");
  g_assert_cmpstr (json_object_get_string_member (zone, "first_price"), ==, "5200");

  pochta = find_by_id (ru_carriers, "ru_pochta_small");
  g_assert_cmpint (json_object_get_int_member (pochta, "max_weight_g"), ==, 2000);
  g_assert_cmpint (json_object_get_int_member (pochta, "max_sum_sides_mm"), ==, 900);
  zone = json_array_get_object_element (json_object_get_array_member (pochta, "zones"), 0);
  g_assert_cmpstr (json_object_get_string_member (zone, "currency"), ==, "RUB");
  /* EMS from Korea takes up to 30 kg, with volumetric weight at /6000. */
  g_assert_cmpint (json_object_get_int_member (find_by_id (kr_carriers, "kr_ems"), "max_weight_g"), ==, 30000);
  /* Express couriers compute volumetric weight at /5000. */
  g_assert_cmpint (json_object_get_int_member (find_by_id (ru_carriers, "ru_cdek"), "volumetric_divisor"), ==, 5000);

  {
    g_autoptr(SbtResponse) bad = sbt_request (sandbox, "GET", "/v1/reference/carriers?origin=US", NULL);

    g_assert_cmpuint (bad->status, ==, 400);
  }
  sbt_sandbox_stop (sandbox);
}

static void
test_currencies (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start (NULL);
  g_autoptr(SbtResponse) response = sbt_request (sandbox, "GET", "/v1/reference/currencies", NULL);
  JsonObject *rates;

  g_assert_cmpuint (response->status, ==, 200);
  rates = json_object_get_object_member (json_node_get_object (response->json), "rates");
  /* Rates are decimal strings, never JSON numbers. */
  g_assert_cmpstr (json_object_get_string_member (rates, "KRW"), ==, "1385.20");
  g_assert_cmpstr (json_object_get_string_member (rates, "RUB"), ==, "92.15");
  g_assert_cmpstr (json_object_get_string_member (rates, "USD"), ==, "1");
  sbt_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/reference/etags", test_etags);
  g_test_add_func ("/sandbox/reference/categories", test_categories);
  g_test_add_func ("/sandbox/reference/carriers", test_carriers);
  g_test_add_func ("/sandbox/reference/currencies", test_currencies);
  return g_test_run ();
}
