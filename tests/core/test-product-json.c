/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-product-json.c: unit tests of the product body — the contract's
 * example reads into the record and writes back member for member, number
 * attributes are typed by the category, null optional members are left
 * out, and each wrong member is reported at its contract path and code.
 */
#include "config.h"

#include <string.h>

#include "sb-product-json.h"

static const char *contract_example =
  "{\"offer_id\": \"HB-TEE-001\", \"category_id\": \"1001\","
  " \"title\": {\"en\": \"Cotton T-shirt\", \"ko\": \"면 티셔츠\"},"
  " \"description\": {\"en\": \"...\", \"ko\": \"...\"},"
  " \"attributes\": {\"brand\": \"Hanbit\", \"material\": \"cotton\"},"
  " \"images\": [\"img_3f2a\"],"
  " \"package\": {\"weight_g\": 250, \"length_mm\": 300, \"width_mm\": 200, \"height_mm\": 30},"
  " \"hs_code\": \"610910\","
  " \"dangerous_goods\": {\"batteries\": \"none\", \"liquids\": false},"
  " \"shipping\": {\"carrier_ids\": [\"kr_kpacket\", \"kr_ems\"], \"handling_days\": 3},"
  " \"variants\": ["
  "   {\"sku\": \"HB-TEE-001-WH-M\", \"options\": {\"color\": \"white\", \"size\": \"M\"},"
  "    \"price\": {\"amount\": \"12900\", \"currency\": \"KRW\"}, \"stock\": 25, \"barcode\": \"8801234567893\"}]}";

static const char *categories_json =
  "{\"categories\": [{\"id\": \"1001\", \"name\": \"T-shirts\", \"leaf\": true, \"attributes\": ["
  " {\"id\": \"brand\", \"name\": \"Brand\", \"type\": \"text\"},"
  " {\"id\": \"volume_ml\", \"name\": \"Volume\", \"type\": \"number\"},"
  " {\"id\": \"ratio\", \"name\": \"Ratio\", \"type\": \"number\"},"
  " {\"id\": \"bad\", \"name\": \"Bad\", \"type\": \"number\"}]}]}";

static JsonNode *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static char *
to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static void
test_read_example (void)
{
  g_autoptr(JsonNode) node = parse (contract_example);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) product = sb_product_from_json (node, errors, &error);
  const SbVariant *variant;

  g_assert_no_error (error);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_cmpstr (product->offer_id, ==, "HB-TEE-001");
  g_assert_cmpstr (product->category_id, ==, "1001");
  g_assert_cmpstr (product->title[SB_LANG_EN], ==, "Cotton T-shirt");
  g_assert_cmpstr (product->title[SB_LANG_KO], ==, "면 티셔츠");
  g_assert_null (product->title[SB_LANG_RU]);
  g_assert_cmpstr (product->description[SB_LANG_KO], ==, "...");
  g_assert_cmpstr (g_hash_table_lookup (product->attributes, "material"), ==, "cotton");
  g_assert_cmpuint (product->images->len, ==, 1);
  g_assert_cmpstr (((SbImage *) g_ptr_array_index (product->images, 0))->remote_id, ==, "img_3f2a");
  g_assert_cmpuint (product->weight_g, ==, 250);
  g_assert_cmpuint (product->length_mm, ==, 300);
  g_assert_cmpuint (product->width_mm, ==, 200);
  g_assert_cmpuint (product->height_mm, ==, 30);
  g_assert_cmpstr (product->hs_code, ==, "610910");
  g_assert_cmpint (product->batteries, ==, SB_BATTERIES_NONE);
  g_assert_false (product->liquids);
  g_assert_cmpuint (product->carrier_ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (product->carrier_ids, 1), ==, "kr_ems");
  g_assert_cmpuint (product->handling_days, ==, 3);
  g_assert_cmpuint (product->variants->len, ==, 1);
  variant = g_ptr_array_index (product->variants, 0);
  g_assert_cmpstr (variant->sku, ==, "HB-TEE-001-WH-M");
  g_assert_cmpstr (g_hash_table_lookup (variant->options, "size"), ==, "M");
  g_assert_cmpint (variant->price_minor, ==, 12900);
  g_assert_cmpstr (variant->currency, ==, "KRW");
  g_assert_cmpint (variant->stock, ==, 25);
  g_assert_cmpstr (variant->barcode, ==, "8801234567893");
  g_assert_cmpint (product->sync_state, ==, SB_SYNC_DRAFT);
  g_assert_cmpint (product->server_version, ==, 0);
}

static void
test_round_trip (void)
{
  g_autoptr(JsonNode) node = parse (contract_example);
  g_autoptr(SbProduct) product = sb_product_from_json (node, NULL, NULL);
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(SbProduct) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;

  g_assert_nonnull (product);
  written = sb_product_to_json (product, NULL);
  /* Exactly the contract's members, in a stable order. */
  g_assert_true (json_node_equal (node, written));
  text = to_string (written);
  g_assert_cmpstr (text, ==,
                   "{\"offer_id\":\"HB-TEE-001\",\"category_id\":\"1001\","
                   "\"title\":{\"en\":\"Cotton T-shirt\",\"ko\":\"면 티셔츠\"},"
                   "\"description\":{\"en\":\"...\",\"ko\":\"...\"},"
                   "\"attributes\":{\"brand\":\"Hanbit\",\"material\":\"cotton\"},"
                   "\"images\":[\"img_3f2a\"],"
                   "\"package\":{\"weight_g\":250,\"length_mm\":300,\"width_mm\":200,\"height_mm\":30},"
                   "\"hs_code\":\"610910\","
                   "\"dangerous_goods\":{\"batteries\":\"none\",\"liquids\":false},"
                   "\"shipping\":{\"carrier_ids\":[\"kr_kpacket\",\"kr_ems\"],\"handling_days\":3},"
                   "\"variants\":[{\"sku\":\"HB-TEE-001-WH-M\",\"options\":{\"color\":\"white\",\"size\":\"M\"},"
                   "\"price\":{\"amount\":\"12900\",\"currency\":\"KRW\"},\"stock\":25,\"barcode\":\"8801234567893\"}]}");

  again = sb_product_from_json (written, NULL, NULL);
  g_assert_true (sb_product_equal (product, again));
  {
    g_autoptr(JsonNode) rewritten = sb_product_to_json (again, NULL);

    text2 = to_string (rewritten);
  }
  g_assert_cmpstr (text, ==, text2);
}

static void
test_write_details (void)
{
  g_autoptr(SbProduct) product = sb_product_new ("USD-1");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCategoryTree) tree = sb_category_tree_new_from_data (categories_json, -1, &error);
  g_autoptr(JsonNode) plain = NULL;
  g_autoptr(JsonNode) typed = NULL;
  SbVariant *variant = sb_variant_new ();
  SbImage *local = sb_image_new ();
  SbImage *remote = sb_image_new ();
  JsonObject *object, *attributes, *price, *v;

  g_assert_no_error (error);
  product->category_id = g_strdup ("1001");
  sb_product_set_title (product, SB_LANG_RU, "Футболка");
  sb_product_set_attribute (product, "brand", "42");
  sb_product_set_attribute (product, "volume_ml", "250");
  sb_product_set_attribute (product, "ratio", "0.5");
  sb_product_set_attribute (product, "bad", "lots");
  local->local_path = g_strdup ("/tmp/a.jpg");
  remote->remote_id = g_strdup ("img_ab");
  sb_product_add_image (product, local);
  sb_product_add_image (product, remote);
  variant->sku = g_strdup ("USD-1-A");
  variant->price_minor = 1290;
  g_strlcpy (variant->currency, "USD", sizeof variant->currency);
  sb_product_add_variant (product, variant);
  product->sync_state = SB_SYNC_QUEUED;
  product->server_version = 7;

  plain = sb_product_to_json (product, NULL);
  object = json_node_get_object (plain);
  g_assert_false (json_object_has_member (object, "description"));
  g_assert_false (json_object_has_member (object, "hs_code"));
  g_assert_false (json_object_has_member (object, "version"));
  g_assert_false (json_object_has_member (object, "status"));
  g_assert_false (json_object_has_member (json_object_get_object_member (object, "title"), "en"));
  /* Only uploaded images, by remote id. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "images")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "images"), 0), ==, "img_ab");
  attributes = json_object_get_object_member (object, "attributes");
  g_assert_cmpstr (json_object_get_string_member (attributes, "volume_ml"), ==, "250");
  v = json_array_get_object_element (json_object_get_array_member (object, "variants"), 0);
  price = json_object_get_object_member (v, "price");
  g_assert_cmpstr (json_object_get_string_member (price, "amount"), ==, "12.90");
  g_assert_false (json_object_has_member (v, "barcode"));

  typed = sb_product_to_json (product, tree);
  attributes = json_object_get_object_member (json_node_get_object (typed), "attributes");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (attributes, "volume_ml")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (attributes, "volume_ml"), ==, 250);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (attributes, "ratio")), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_object_get_double_member (attributes, "ratio"), ==, 0.5);
  /* A text attribute stays text even when it looks like a number. */
  g_assert_cmpstr (json_object_get_string_member (attributes, "brand"), ==, "42");
  g_assert_cmpstr (json_object_get_string_member (attributes, "bad"), ==, "lots");
}

static void
test_read_server_state (void)
{
  g_autoptr(JsonNode) node = parse (
    "{\"offer_id\": \"A\", \"category_id\": \"1\", \"title\": {\"en\": \"A\", \"xx\": \"ignored\"},"
    " \"package\": {\"weight_g\": 1, \"length_mm\": 1, \"width_mm\": 1, \"height_mm\": 1},"
    " \"variants\": [], \"attributes\": {\"volume_ml\": 250, \"ratio\": 0.5, \"none\": null},"
    " \"version\": 3, \"status\": \"rejected\", \"updated_at\": \"2026-11-21T09:00:00Z\","
    " \"reasons\": [{\"code\": \"prohibited_word\", \"message\": \"No.\"}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) product = sb_product_from_json (node, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (product->server_version, ==, 3);
  g_assert_cmpint (product->sync_state, ==, SB_SYNC_REJECTED);
  g_assert_cmpuint (product->reasons->len, ==, 1);
  g_assert_cmpstr (((SbReason *) g_ptr_array_index (product->reasons, 0))->code, ==, "prohibited_word");
  g_assert_cmpstr (g_hash_table_lookup (product->attributes, "volume_ml"), ==, "250");
  g_assert_cmpstr (g_hash_table_lookup (product->attributes, "ratio"), ==, "0.5");
  g_assert_false (g_hash_table_contains (product->attributes, "none"));
}

static void
test_wrong_members (void)
{
  g_autoptr(JsonNode) node = parse (
    "{\"offer_id\": 12, \"title\": {\"en\": 5}, \"description\": [],"
    " \"attributes\": {\"brand\": true}, \"images\": [\"img_a\", 7],"
    " \"package\": {\"weight_g\": \"250\", \"length_mm\": -1, \"width_mm\": 2.5},"
    " \"hs_code\": 610910, \"dangerous_goods\": {\"batteries\": \"lithium\", \"liquids\": \"no\"},"
    " \"shipping\": {\"carrier_ids\": \"kr_ems\", \"handling_days\": \"3\"},"
    " \"variants\": [{\"sku\": \"A\", \"price\": {\"amount\": \"12.345\", \"currency\": \"USD\"}, \"stock\": 1},"
    "  {\"sku\": [\"B\"], \"options\": {\"size\": 42}, \"price\": {\"amount\": 5, \"currency\": \"usd\"}, \"stock\": \"1\", \"barcode\": 880},"
    "  {\"sku\": \"C\", \"price\": {\"amount\": \"99999999999999999999\", \"currency\": \"KRW\"}},"
    "  \"D\"],"
    " \"reasons\": {}}");
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) product = sb_product_from_json (node, errors, &error);
  struct { const char *path, *code; } expected[] = {
    { "offer_id", "invalid_type" },
    { "category_id", "required" },
    { "title.en", "invalid_type" },
    { "description", "invalid_type" },
    { "attributes.brand", "invalid_type" },
    { "images[1]", "invalid_type" },
    { "package.weight_g", "invalid_type" },
    { "package.length_mm", "out_of_range" },
    { "package.width_mm", "invalid_type" },
    { "package.height_mm", "required" },
    { "hs_code", "invalid_type" },
    { "dangerous_goods.batteries", "invalid" },
    { "dangerous_goods.liquids", "invalid_type" },
    { "shipping.handling_days", "invalid_type" },
    { "shipping.carrier_ids", "invalid_type" },
    { "variants[0].price.amount", "invalid" },
    { "variants[1].sku", "invalid_type" },
    { "variants[1].options.size", "invalid_type" },
    { "variants[1].price.amount", "invalid_type" },
    { "variants[1].price.currency", "invalid" },
    { "variants[1].stock", "invalid_type" },
    { "variants[1].barcode", "invalid_type" },
    { "variants[2].price.amount", "out_of_range" },
    { "variants[2].stock", "required" },
    { "variants[3]", "invalid_type" },
    { "reasons", "invalid_type" },
  };

  g_assert_null (product);
  g_assert_error (error, SB_PRODUCT_JSON_ERROR, SB_PRODUCT_JSON_ERROR_INVALID);
  for (guint i = 0; i < errors->len; i++)
    {
      const SbReason *reason = g_ptr_array_index (errors, i);
      g_test_message ("%s %s: %s", reason->path, reason->code, reason->message);
    }
  g_assert_cmpuint (errors->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const SbReason *reason = g_ptr_array_index (errors, i);

      g_assert_cmpstr (reason->path, ==, expected[i].path);
      g_assert_cmpstr (reason->code, ==, expected[i].code);
      g_assert_nonnull (reason->message);
      g_assert_cmpstr (reason->message, !=, "");
    }
  /* USD has 2 fraction digits: the message says so. */
  g_assert_nonnull (strstr (((SbReason *) g_ptr_array_index (errors, 15))->message, "12.345"));
}

static void
test_not_object (void)
{
  g_autoptr(JsonNode) node = parse ("[1, 2]");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) product = sb_product_from_json (node, NULL, &error);

  g_assert_null (product);
  g_assert_error (error, SB_PRODUCT_JSON_ERROR, SB_PRODUCT_JSON_ERROR_INVALID);
}

static void
test_reasons (void)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_ptr_array_add (reasons, sb_reason_new ("out_of_range", "variants[0].price.amount", "Too low."));
  g_ptr_array_add (reasons, sb_reason_new ("prohibited_word", NULL, "No."));
  node = sb_reasons_to_json (reasons);
  text = to_string (node);
  g_assert_cmpstr (text, ==,
                   "[{\"path\":\"variants[0].price.amount\",\"code\":\"out_of_range\",\"message\":\"Too low.\"},"
                   "{\"code\":\"prohibited_word\",\"message\":\"No.\"}]");
  back = sb_reasons_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 2);
  g_assert_cmpstr (((SbReason *) g_ptr_array_index (back, 0))->path, ==, "variants[0].price.amount");
  g_assert_null (((SbReason *) g_ptr_array_index (back, 1))->path);
  g_assert_cmpstr (((SbReason *) g_ptr_array_index (back, 1))->message, ==, "No.");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/product-json/read-example", test_read_example);
  g_test_add_func ("/product-json/round-trip", test_round_trip);
  g_test_add_func ("/product-json/write-details", test_write_details);
  g_test_add_func ("/product-json/read-server-state", test_read_server_state);
  g_test_add_func ("/product-json/wrong-members", test_wrong_members);
  g_test_add_func ("/product-json/not-object", test_not_object);
  g_test_add_func ("/product-json/reasons", test_reasons);
  return g_test_run ();
}
