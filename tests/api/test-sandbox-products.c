/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-sandbox-products.c: products and the seller through the sandbox —
 * versions and If-Match (409 with current_version), delete to archived,
 * idempotent batches (replay returns the stored results without applying
 * twice; the same key with another body is 422 idempotency_key_reused),
 * cursor paging in update order, moderation to active or rejected after
 * the delay, seller review, and the 413 / 400 / 404 answers.
 */
#include "config.h"

#include <string.h>

#include "sb-test-sandbox.h"

#define SELLER_KR \
  "{\"country\": \"KR\", \"legal_form\": \"company\", \"legal_name\": \"주식회사 한빛상사\"," \
  " \"registration_number\": \"1248100998\", \"tax_id\": null, \"kpp\": null," \
  " \"store_name\": \"Hanbit Goods\", \"contact_email\": \"seller@example.kr\", \"phone\": \"+82 2 1234 5678\"," \
  " \"payout_currency\": \"KRW\"," \
  " \"bank\": {\"name\": \"Shinhan Bank\", \"account\": \"110-123-456789\", \"holder\": \"주식회사 한빛상사\"}}"

static SbtResponse *
put_product (SbtSandbox *sandbox,
             const char *offer_id,
             const char *json,
             const char *if_match)
{
  g_autofree char *path = g_strdup_printf ("/v1/products/%s", offer_id);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  if (if_match != NULL)
    return sbt_request_full (sandbox, "PUT", path, "application/json; charset=utf-8", body, NULL, NULL, 0,
                             SBT_NONE, "If-Match", if_match, NULL);
  return sbt_request_full (sandbox, "PUT", path, "application/json; charset=utf-8", body, NULL, NULL, 0,
                           SBT_NONE, NULL);
}

static void
test_versions_and_if_match (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start ("--moderation-delay=60", NULL);
  g_autofree char *image = sbt_upload_image (sandbox, 1);
  g_autofree char *json = sbt_product_json ("HB-TEE-001", "Cotton T-shirt", image);
  g_autoptr(SbtResponse) created = put_product (sandbox, "HB-TEE-001", json, NULL);
  g_autoptr(SbtResponse) replaced = put_product (sandbox, "HB-TEE-001", json, NULL);
  g_autoptr(SbtResponse) stale = put_product (sandbox, "HB-TEE-001", json, "\"1\"");
  g_autoptr(SbtResponse) fresh = put_product (sandbox, "HB-TEE-001", json, "\"2\"");
  g_autoptr(SbtResponse) got = sbt_request (sandbox, "GET", "/v1/products/HB-TEE-001", NULL);
  g_autoptr(SbtResponse) deleted = sbt_request (sandbox, "DELETE", "/v1/products/HB-TEE-001", NULL);
  g_autoptr(SbtResponse) after_delete = sbt_request (sandbox, "GET", "/v1/products/HB-TEE-001", NULL);
  g_autoptr(SbtResponse) missing = sbt_request (sandbox, "GET", "/v1/products/NOPE-1", NULL);
  g_autoptr(SbtResponse) delete_missing = sbt_request (sandbox, "DELETE", "/v1/products/NOPE-1", NULL);
  g_autoptr(SbtResponse) mismatch = put_product (sandbox, "OTHER-ID", json, NULL);
  JsonObject *error;

  g_assert_cmpuint (created->status, ==, 201);
  g_assert_cmpint (sbt_member_int (created, "version"), ==, 1);
  g_assert_cmpstr (sbt_member_string (created, "status"), ==, "pending_review");
  g_assert_cmpstr (sbt_member_string (created, "offer_id"), ==, "HB-TEE-001");

  g_assert_cmpuint (replaced->status, ==, 200);
  g_assert_cmpint (sbt_member_int (replaced, "version"), ==, 2);

  g_assert_cmpuint (stale->status, ==, 409);
  g_assert_cmpstr (sbt_error_code (stale), ==, "version_conflict");
  g_assert_cmpint (sbt_member_int (stale, "current_version"), ==, 2);
  error = json_object_get_object_member (json_node_get_object (stale->json), "error");
  g_assert_cmpint (json_object_get_int_member (error, "current_version"), ==, 2);

  g_assert_cmpuint (fresh->status, ==, 200);
  g_assert_cmpint (sbt_member_int (fresh, "version"), ==, 3);

  /* The full product as stored, plus version, status and reasons. */
  g_assert_cmpuint (got->status, ==, 200);
  g_assert_cmpint (sbt_member_int (got, "version"), ==, 3);
  g_assert_cmpstr (sbt_member_string (got, "status"), ==, "pending_review");
  g_assert_cmpstr (sbt_member_string (got, "category_id"), ==, "1001");
  g_assert_true (json_object_has_member (json_node_get_object (got->json), "reasons"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (got->json),
                                                                                 "title"), "ko"), ==, "면 티셔츠");

  g_assert_cmpuint (deleted->status, ==, 200);
  g_assert_cmpint (sbt_member_int (deleted, "version"), ==, 4);
  g_assert_cmpstr (sbt_member_string (deleted, "status"), ==, "archived");
  g_assert_cmpstr (sbt_member_string (after_delete, "status"), ==, "archived");

  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpstr (sbt_error_code (missing), ==, "not_found");
  g_assert_cmpuint (delete_missing->status, ==, 404);

  g_assert_cmpuint (mismatch->status, ==, 422);
  g_assert_cmpstr (sbt_error_code (mismatch), ==, "validation_failed");
  sbt_sandbox_stop (sandbox);
}

static SbtResponse *
post_batch (SbtSandbox *sandbox,
            const char *key,
            const char *json)
{
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  if (key == NULL)
    return sbt_request_full (sandbox, "POST", "/v1/products/batch", "application/json", body, NULL, NULL, 0,
                             SBT_NONE, NULL);
  return sbt_request_full (sandbox, "POST", "/v1/products/batch", "application/json", body, NULL, NULL, 0,
                           SBT_NONE, "Idempotency-Key", key, NULL);
}

static void
test_batch_idempotency (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start ("--moderation-delay=60", NULL);
  g_autofree char *image = sbt_upload_image (sandbox, 2);
  g_autofree char *a = sbt_product_json ("B-1", "Cotton T-shirt", image);
  g_autofree char *b = sbt_product_json ("B-2", "Linen T-shirt", image);
  g_autofree char *batch = g_strdup_printf ("{\"products\": [%s, %s, {\"offer_id\": \"bad id!\"}]}", a, b);
  g_autofree char *other = g_strdup_printf ("{\"products\": [%s]}", b);
  const char *key = "6f1c2a9e-3b7d-4e25-9a61-0d2c8e4f7b13";
  g_autoptr(SbtResponse) first = post_batch (sandbox, key, batch);
  g_autoptr(SbtResponse) replay = post_batch (sandbox, key, batch);
  g_autoptr(SbtResponse) reused = post_batch (sandbox, key, other);
  g_autoptr(SbtResponse) no_key = post_batch (sandbox, NULL, batch);
  g_autoptr(SbtResponse) product = sbt_request (sandbox, "GET", "/v1/products/B-1", NULL);
  g_autoptr(GString) big = g_string_new ("{\"products\": [");
  g_autoptr(SbtResponse) too_many = NULL;
  JsonArray *results;
  JsonObject *failed;

  g_assert_cmpuint (first->status, ==, 200);
  results = json_object_get_array_member (json_node_get_object (first->json), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 3);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (results, 0), "ok"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0), "offer_id"), ==, "B-1");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, 0), "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 1), "status"), ==,
                   "pending_review");
  failed = json_array_get_object_element (results, 2);
  g_assert_false (json_object_get_boolean_member (failed, "ok"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (failed, "error"), "code"), ==,
                   "validation_failed");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (failed, "error"),
                                                                         "fields")), >=, 1);

  /* The replay is byte for byte the stored answer, and nothing was applied
   * twice: B-1 is still at version 1. */
  g_assert_cmpuint (replay->status, ==, 200);
  g_assert_true (g_bytes_equal (first->body, replay->body));
  g_assert_cmpint (sbt_member_int (product, "version"), ==, 1);

  g_assert_cmpuint (reused->status, ==, 422);
  g_assert_cmpstr (sbt_error_code (reused), ==, "idempotency_key_reused");

  g_assert_cmpuint (no_key->status, ==, 400);
  g_assert_cmpstr (sbt_error_code (no_key), ==, "bad_request");

  for (guint i = 0; i < 101; i++)
    g_string_append_printf (big, "%s{\"offer_id\": \"X-%u\"}", i > 0 ? "," : "", i);
  g_string_append (big, "]}");
  too_many = post_batch (sandbox, "f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f", big->str);
  g_assert_cmpuint (too_many->status, ==, 422);
  g_assert_cmpstr (sbt_error_code (too_many), ==, "validation_failed");
  sbt_sandbox_stop (sandbox);
}

static GPtrArray *
page (SbtSandbox  *sandbox,
      const char  *cursor,
      guint        limit,
      char       **out_next)
{
  g_autofree char *path = g_strdup_printf ("/v1/products?updated_since=%s&limit=%u", cursor, limit);
  g_autoptr(SbtResponse) response = sbt_request (sandbox, "GET", path, NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *products;

  g_assert_cmpuint (response->status, ==, 200);
  products = json_object_get_array_member (json_node_get_object (response->json), "products");
  for (guint i = 0; i < json_array_get_length (products); i++)
    {
      JsonObject *item = json_array_get_object_element (products, i);

      g_assert_true (json_object_has_member (item, "version"));
      g_assert_true (json_object_has_member (item, "status"));
      g_assert_true (json_object_has_member (item, "reasons"));
      g_assert_true (g_str_has_suffix (json_object_get_string_member (item, "updated_at"), "Z"));
      g_ptr_array_add (ids, g_strdup (json_object_get_string_member (item, "offer_id")));
    }
  *out_next = g_strdup (sbt_member_string (response, "next_cursor"));
  g_assert_nonnull (*out_next);
  return ids;
}

static void
test_cursor_paging (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start ("--moderation-delay=60", NULL);
  g_autofree char *image = sbt_upload_image (sandbox, 3);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cursor = g_strdup ("");
  static const char * const ids[] = { "P-1", "P-2", "P-3", "P-4", "P-5" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *json = sbt_product_json (ids[i], "Cotton T-shirt", image);
      g_autoptr(SbtResponse) response = put_product (sandbox, ids[i], json, NULL);

      g_assert_cmpuint (response->status, ==, 201);
    }

  /* Pages of 2: P-1 P-2 | P-3 P-4 | P-5 | (empty, cursor kept). */
  for (guint round = 0; round < 4; round++)
    {
      g_autofree char *next = NULL;
      g_autoptr(GPtrArray) got = page (sandbox, cursor, 2, &next);

      g_assert_cmpuint (got->len, ==, round < 2 ? 2 : round == 2 ? 1 : 0);
      for (guint i = 0; i < got->len; i++)
        g_ptr_array_add (all, g_strdup (got->pdata[i]));
      if (round == 3)
        g_assert_cmpstr (next, ==, cursor);
      g_free (cursor);
      cursor = g_steal_pointer (&next);
    }
  g_assert_cmpuint (all->len, ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpstr (all->pdata[i], ==, ids[i]);

  /* A later change to P-2 shows up after the stored cursor, alone. */
  {
    g_autofree char *json = sbt_product_json ("P-2", "Cotton T-shirt, new", image);
    g_autoptr(SbtResponse) response = put_product (sandbox, "P-2", json, NULL);
    g_autofree char *next = NULL;
    g_autoptr(GPtrArray) got = NULL;

    g_assert_cmpuint (response->status, ==, 200);
    got = page (sandbox, cursor, 500, &next);
    g_assert_cmpuint (got->len, ==, 1);
    g_assert_cmpstr (got->pdata[0], ==, "P-2");
  }

  {
    g_autoptr(SbtResponse) bad_cursor = sbt_request (sandbox, "GET", "/v1/products?updated_since=garbage!", NULL);
    g_autoptr(SbtResponse) zero = sbt_request (sandbox, "GET", "/v1/products?limit=0", NULL);
    g_autoptr(SbtResponse) too_big = sbt_request (sandbox, "GET", "/v1/products?limit=501", NULL);
    g_autoptr(SbtResponse) full = sbt_request (sandbox, "GET", "/v1/products?limit=500", NULL);

    g_assert_cmpuint (bad_cursor->status, ==, 400);
    g_assert_cmpuint (zero->status, ==, 400);
    g_assert_cmpuint (too_big->status, ==, 400);
    g_assert_cmpuint (full->status, ==, 200);
    /* From the beginning every product appears once, in update order. */
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (full->json),
                                                                           "products")), ==, 5);
  }
  sbt_sandbox_stop (sandbox);
}

static void
test_moderation (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start ("--moderation-delay=0.6", NULL);
  g_autofree char *image = sbt_upload_image (sandbox, 4);
  g_autofree char *good = sbt_product_json ("M-GOOD", "Cotton T-shirt", image);
  g_autofree char *bad_ko = sbt_product_json ("M-KO", "T-shirt", image);
  g_autofree char *bad_ru = sbt_product_json ("M-RU", "Реплика футболки", image);
  g_autoptr(SbtResponse) r1 = put_product (sandbox, "M-GOOD", good, NULL);
  g_autoptr(SbtResponse) r2 = NULL;
  g_autoptr(SbtResponse) r3 = put_product (sandbox, "M-RU", bad_ru, NULL);
  g_autoptr(SbtResponse) pending = sbt_request (sandbox, "GET", "/v1/products/M-GOOD", NULL);
  g_autoptr(SbtResponse) active = NULL;
  g_autoptr(SbtResponse) rejected_ko = NULL;
  g_autoptr(SbtResponse) rejected_ru = NULL;
  g_autofree char *bad_ko_title = NULL;
  JsonArray *reasons;

  /* A Korean title with a prohibited word ("짝퉁" = counterfeit). */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    JsonObject *object;

    json_parser_load_from_data (parser, bad_ko, -1, NULL);
    object = json_node_get_object (json_parser_get_root (parser));
    json_object_set_string_member (json_object_get_object_member (object, "title"), "ko", "명품 짝퉁 티셔츠");
    json_generator_set_root (generator, json_parser_get_root (parser));
    bad_ko_title = json_generator_to_data (generator, NULL);
  }
  r2 = put_product (sandbox, "M-KO", bad_ko_title, NULL);
  g_assert_cmpuint (r1->status, ==, 201);
  g_assert_cmpuint (r2->status, ==, 201);
  g_assert_cmpuint (r3->status, ==, 201);
  g_assert_cmpstr (sbt_member_string (pending, "status"), ==, "pending_review");

  active = sbt_wait_for_status (sandbox, "/v1/products/M-GOOD", "pending_review", 5000);
  g_assert_cmpstr (sbt_member_string (active, "status"), ==, "active");
  g_assert_cmpint (sbt_member_int (active, "version"), ==, 1);  /* moderation is not a write */

  rejected_ko = sbt_wait_for_status (sandbox, "/v1/products/M-KO", "pending_review", 5000);
  g_assert_cmpstr (sbt_member_string (rejected_ko, "status"), ==, "rejected");
  reasons = json_object_get_array_member (json_node_get_object (rejected_ko->json), "reasons");
  g_assert_cmpuint (json_array_get_length (reasons), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (reasons, 0), "code"), ==,
                   "prohibited_word");
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (reasons, 0), "message"),
                            "짝퉁"));

  rejected_ru = sbt_wait_for_status (sandbox, "/v1/products/M-RU", "pending_review", 5000);
  g_assert_cmpstr (sbt_member_string (rejected_ru, "status"), ==, "rejected");

  /* The listing shows the decisions too. */
  {
    g_autoptr(SbtResponse) list = sbt_request (sandbox, "GET", "/v1/products", NULL);
    JsonArray *products = json_object_get_array_member (json_node_get_object (list->json), "products");

    g_assert_cmpuint (json_array_get_length (products), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        JsonObject *item = json_array_get_object_element (products, i);
        const char *id = json_object_get_string_member (item, "offer_id");

        g_assert_cmpstr (json_object_get_string_member (item, "status"), ==,
                         g_str_equal (id, "M-GOOD") ? "active" : "rejected");
      }
  }

  /* Fixing the title puts it back under review, then live. */
  {
    g_autofree char *fixed_json = sbt_product_json ("M-RU", "Cotton T-shirt", image);
    g_autoptr(SbtResponse) fixed = put_product (sandbox, "M-RU", fixed_json, NULL);
    g_autoptr(SbtResponse) after = NULL;

    g_assert_cmpuint (fixed->status, ==, 200);
    g_assert_cmpint (sbt_member_int (fixed, "version"), ==, 2);
    g_assert_cmpstr (sbt_member_string (fixed, "status"), ==, "pending_review");
    after = sbt_wait_for_status (sandbox, "/v1/products/M-RU", "pending_review", 5000);
    g_assert_cmpstr (sbt_member_string (after, "status"), ==, "active");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (after->json),
                                                                           "reasons")), ==, 0);
  }
  sbt_sandbox_stop (sandbox);
}

static void
test_moderation_small_webp (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start ("--moderation-delay=0.3", NULL);
  /* A WebP (VP8X) header naming a 500×500 canvas: WebP is not size-checked
   * at upload, so moderation catches it. */
  static const guint8 webp[30] = {
    'R', 'I', 'F', 'F', 22, 0, 0, 0, 'W', 'E', 'B', 'P',
    'V', 'P', '8', 'X', 10, 0, 0, 0, 0, 0, 0, 0, 0xf3, 0x01, 0x00, 0xf3, 0x01, 0x00,
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (webp, sizeof webp);
  g_autoptr(SbtResponse) upload = sbt_request_full (sandbox, "POST", "/v1/images", "image/webp", bytes,
                                                    NULL, NULL, 0, SBT_NONE, NULL);
  g_autofree char *json = NULL;
  g_autoptr(SbtResponse) put = NULL;
  g_autoptr(SbtResponse) decided = NULL;
  JsonArray *reasons;

  g_assert_cmpuint (upload->status, ==, 201);
  g_assert_cmpint (sbt_member_int (upload, "width"), ==, 500);
  json = sbt_product_json ("W-1", "Cotton T-shirt", sbt_member_string (upload, "image_id"));
  put = put_product (sandbox, "W-1", json, NULL);
  g_assert_cmpuint (put->status, ==, 201);
  decided = sbt_wait_for_status (sandbox, "/v1/products/W-1", "pending_review", 5000);
  g_assert_cmpstr (sbt_member_string (decided, "status"), ==, "rejected");
  reasons = json_object_get_array_member (json_node_get_object (decided->json), "reasons");
  g_assert_cmpuint (json_array_get_length (reasons), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (reasons, 0), "code"), ==,
                   "image_too_small");
  sbt_sandbox_stop (sandbox);
}

static void
test_seller_review (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start ("--moderation-delay=0.5", NULL);
  g_autoptr(SbtResponse) none = sbt_request (sandbox, "GET", "/v1/seller", NULL);
  g_autoptr(SbtResponse) submitted = sbt_request (sandbox, "PUT", "/v1/seller", SELLER_KR);
  g_autoptr(SbtResponse) approved = NULL;
  g_autoptr(SbtResponse) test_name = NULL;
  g_autoptr(SbtResponse) rejected = NULL;
  g_autoptr(GString) profile = g_string_new (SELLER_KR);
  JsonArray *reasons;

  g_assert_cmpuint (none->status, ==, 404);
  g_assert_cmpstr (sbt_error_code (none), ==, "not_found");

  g_assert_cmpuint (submitted->status, ==, 200);
  g_assert_cmpstr (sbt_member_string (submitted, "status"), ==, "submitted");
  g_assert_cmpstr (sbt_member_string (submitted, "registration_number"), ==, "1248100998");
  approved = sbt_wait_for_status (sandbox, "/v1/seller", "submitted", 5000);
  g_assert_cmpstr (sbt_member_string (approved, "status"), ==, "approved");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (approved->json),
                                                                         "reasons")), ==, 0);

  /* The documented rejection rule: a test word in the legal name. */
  g_string_replace (profile, "주식회사 한빛상사\", \"registration", "Test Trading Co\", \"registration", 1);
  test_name = sbt_request (sandbox, "PUT", "/v1/seller", profile->str);
  g_assert_cmpuint (test_name->status, ==, 200);
  g_assert_cmpstr (sbt_member_string (test_name, "status"), ==, "submitted");
  rejected = sbt_wait_for_status (sandbox, "/v1/seller", "submitted", 5000);
  g_assert_cmpstr (sbt_member_string (rejected, "status"), ==, "rejected");
  reasons = json_object_get_array_member (json_node_get_object (rejected->json), "reasons");
  g_assert_cmpuint (json_array_get_length (reasons), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (reasons, 0), "code"), ==,
                   "test_account");
  g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (reasons, 0), "message"));
  sbt_sandbox_stop (sandbox);
}

static void
test_limits_and_bad_bodies (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start (NULL);
  gsize size = 8 * 1024 * 1024 + 1;
  g_autofree char *huge = g_malloc (size);
  g_autoptr(GBytes) huge_body = NULL;
  g_autoptr(SbtResponse) too_large = NULL;
  g_autoptr(SbtResponse) malformed = NULL;
  g_autoptr(SbtResponse) not_object = NULL;
  g_autoptr(SbtResponse) after = NULL;

  memset (huge, ' ', size);
  huge[0] = '{';
  huge[size - 1] = '}';
  huge_body = g_bytes_new_take (g_steal_pointer (&huge), size);
  too_large = sbt_request_full (sandbox, "PUT", "/v1/products/BIG-1", "application/json", huge_body,
                                NULL, NULL, 0, SBT_NONE, NULL);
  g_assert_no_error (too_large->error);
  g_assert_cmpuint (too_large->status, ==, 413);
  g_assert_cmpstr (sbt_error_code (too_large), ==, "too_large");

  malformed = sbt_request (sandbox, "PUT", "/v1/products/BAD-1", "{\"offer_id\": ");
  g_assert_cmpuint (malformed->status, ==, 400);
  g_assert_cmpstr (sbt_error_code (malformed), ==, "malformed_json");

  not_object = sbt_request (sandbox, "PUT", "/v1/products/BAD-1", "[1, 2]");
  g_assert_cmpuint (not_object->status, ==, 400);
  g_assert_cmpstr (sbt_error_code (not_object), ==, "bad_request");

  /* None of that stored anything. */
  after = sbt_request (sandbox, "GET", "/v1/products/BAD-1", NULL);
  g_assert_cmpuint (after->status, ==, 404);
  sbt_sandbox_stop (sandbox);
}

/* Replaces one member of the valid test product, given as a JSON path of
 * object members ("variants" arrays are entered at index 0). */
static char *
product_with (const char *offer_id,
              const char *image_id,
              const char *object_path,
              const char *member,
              const char *json_value)
{
  g_autofree char *json = sbt_product_json (offer_id, "Cotton T-shirt", image_id);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) value = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_auto(GStrv) steps = g_strsplit (object_path, ".", -1);
  JsonObject *object;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  g_assert_true (json_parser_load_from_data (value, json_value, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; steps[i] != NULL && *steps[i] != '\0'; i++)
    {
      JsonNode *next = json_object_get_member (object, steps[i]);

      if (JSON_NODE_HOLDS_ARRAY (next))
        object = json_array_get_object_element (json_node_get_array (next), 0);
      else
        object = json_node_get_object (next);
    }
  json_object_set_member (object, member, json_node_copy (json_parser_get_root (value)));
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

static void
check_field (SbtResponse *response,
             const char  *path,
             const char  *code)
{
  JsonArray *fields;
  gboolean found = FALSE;

  g_assert_cmpuint (response->status, ==, 422);
  g_assert_cmpstr (sbt_error_code (response), ==, "validation_failed");
  fields = json_object_get_array_member (json_object_get_object_member (json_node_get_object (response->json),
                                                                        "error"), "fields");
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);

      g_assert_nonnull (json_object_get_string_member (field, "message"));
      if (g_strcmp0 (json_object_get_string_member (field, "path"), path) == 0 &&
          g_strcmp0 (json_object_get_string_member (field, "code"), code) == 0)
        found = TRUE;
    }
  if (!found)
    g_error ("no field error %s/%s in %s", path, code, (const char *) g_bytes_get_data (response->body, NULL));
}

static void
test_validation (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start ("--moderation-delay=60", NULL);
  g_autofree char *image = sbt_upload_image (sandbox, 5);
  static const struct {
    const char *object_path, *member, *value, *path, *code;
  } cases[] = {
    /* KRW has no minor unit. */
    { "variants.price", "amount", "\"12.5\"", "variants[0].price.amount", "invalid" },
    /* A KR seller (the default until a profile is sent) is paid in KRW or USD. */
    { "variants.price", "currency", "\"RUB\"", "variants[0].price.currency", "invalid" },
    { "", "category_id", "\"100\"", "category_id", "not_leaf" },
    { "", "title", "{\"ko\": \"티셔츠\"}", "title.en", "required" },
    { "", "images", "[\"img_00000000000000000000000000000000\"]", "images[0]", "invalid" },
    /* Three kilograms is beyond K-Packet's 2 kg. */
    { "package", "weight_g", "3000", "shipping.carrier_ids[0]", "cannot_carry" },
    /* A Russian carrier for a Korean seller. */
    { "shipping", "carrier_ids", "[\"ru_cdek\"]", "shipping.carrier_ids[0]", "invalid" },
    { "", "package", "\"heavy\"", "package", "invalid_type" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = product_with ("V-1", image, cases[i].object_path, cases[i].member, cases[i].value);
      g_autoptr(SbtResponse) response = put_product (sandbox, "V-1", json, NULL);

      check_field (response, cases[i].path, cases[i].code);
    }
  {
    /* Nothing of that was stored. */
    g_autoptr(SbtResponse) missing = sbt_request (sandbox, "GET", "/v1/products/V-1", NULL);

    g_assert_cmpuint (missing->status, ==, 404);
  }
  {
    /* In a batch, the same errors come per product, with the same paths. */
    g_autofree char *bad = product_with ("V-2", image, "variants.price", "amount", "\"0\"");
    g_autofree char *good = sbt_product_json ("V-3", "Cotton T-shirt", image);
    g_autofree char *batch = g_strdup_printf ("{\"products\": [%s, %s]}", bad, good);
    g_autoptr(GBytes) body = g_bytes_new (batch, strlen (batch));
    g_autoptr(SbtResponse) response = sbt_request_full (sandbox, "POST", "/v1/products/batch", "application/json",
                                                        body, NULL, NULL, 0, SBT_NONE,
                                                        "Idempotency-Key", "0b6d5a4e-6c1f-4f8e-9d2a-3e7b1c5f9a04",
                                                        NULL);
    JsonArray *results;
    JsonObject *error;

    g_assert_cmpuint (response->status, ==, 200);
    results = json_object_get_array_member (json_node_get_object (response->json), "results");
    g_assert_false (json_object_get_boolean_member (json_array_get_object_element (results, 0), "ok"));
    error = json_object_get_object_member (json_array_get_object_element (results, 0), "error");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (error, "fields"), 0),
                                                    "path"), ==, "variants[0].price.amount");
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (results, 1), "ok"));
  }
  sbt_sandbox_stop (sandbox);
}

static void
test_seller_validation (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start ("--moderation-delay=60", NULL);
  g_autoptr(GString) dashed = g_string_new (SELLER_KR);
  g_autoptr(GString) bad_digit = g_string_new (SELLER_KR);
  g_autoptr(GString) rub = g_string_new (SELLER_KR);
  g_autoptr(SbtResponse) stored = NULL;
  g_autoptr(SbtResponse) wrong = NULL;
  g_autoptr(SbtResponse) wrong_currency = NULL;
  g_autoptr(SbtResponse) after = NULL;

  /* Pasted with dashes: accepted and stored normalised. */
  g_string_replace (dashed, "\"1248100998\"", "\"124-81-00998\"", 1);
  stored = sbt_request (sandbox, "PUT", "/v1/seller", dashed->str);
  g_assert_cmpuint (stored->status, ==, 200);
  g_assert_cmpstr (sbt_member_string (stored, "registration_number"), ==, "1248100998");

  g_string_replace (bad_digit, "\"1248100998\"", "\"1248100999\"", 1);
  wrong = sbt_request (sandbox, "PUT", "/v1/seller", bad_digit->str);
  check_field (wrong, "registration_number", "invalid");

  g_string_replace (rub, "\"payout_currency\": \"KRW\"", "\"payout_currency\": \"RUB\"", 1);
  wrong_currency = sbt_request (sandbox, "PUT", "/v1/seller", rub->str);
  check_field (wrong_currency, "payout_currency", "invalid");

  /* The refused profiles did not replace the stored one. */
  after = sbt_request (sandbox, "GET", "/v1/seller", NULL);
  g_assert_cmpstr (sbt_member_string (after, "registration_number"), ==, "1248100998");
  g_assert_cmpstr (sbt_member_string (after, "payout_currency"), ==, "KRW");
  sbt_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/products/versions", test_versions_and_if_match);
  g_test_add_func ("/sandbox/products/batch", test_batch_idempotency);
  g_test_add_func ("/sandbox/products/paging", test_cursor_paging);
  g_test_add_func ("/sandbox/products/moderation", test_moderation);
  g_test_add_func ("/sandbox/products/moderation-webp", test_moderation_small_webp);
  g_test_add_func ("/sandbox/seller/review", test_seller_review);
  g_test_add_func ("/sandbox/products/limits", test_limits_and_bad_bodies);
  g_test_add_func ("/sandbox/products/validation", test_validation);
  g_test_add_func ("/sandbox/seller/validation", test_seller_validation);
  return g_test_run ();
}
