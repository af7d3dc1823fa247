/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-api-client.c: the Seller API client against an in-process SoupServer
 * on a random loopback port: signing (fixed vectors computed with openssl,
 * and a server that verifies every request independently), the base-URL
 * rule, If-None-Match, redirects, the response cap, the deadline, the one
 * clock-skew correction, error mapping and strict type checks of answers.
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "sb-api-client.h"

#define SECRET "sk_test_9f8e7d"
#define KEY_ID "ak_test_1"

typedef struct {
  SoupServer  *server;
  char        *base_url;
  SbApiClient *client;
  guint        hits;
  gint64       server_skew;  /* the fake server's clock minus ours */
  GPtrArray   *paused;       /* (element-type SoupServerMessage) */
  char        *last_target;
  char        *last_if_match;
  char        *last_idempotency_key;
  char        *last_content_type;
  GBytes      *last_body;
  GArray      *arrivals;     /* (element-type gint64) monotonic µs of each request */
} Fixture;

/* Verifies the signature the way the contract describes, with no code
 * shared with the client. */
static gboolean
signature_ok (SoupServerMessage *msg,
              Fixture           *f)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *ts = soup_message_headers_get_one (headers, "X-Timestamp");
  const char *sig = soup_message_headers_get_one (headers, "X-Signature");
  const char *key = soup_message_headers_get_one (headers, "X-Api-Key");
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) SECRET, strlen (SECRET));
  g_autofree char *target = NULL;
  g_autofree char *to_sign = NULL;

  if (ts == NULL || sig == NULL || g_strcmp0 (key, KEY_ID) != 0)
    return FALSE;
  target = g_uri_get_query (uri) != NULL ?
           g_strconcat (g_uri_get_path (uri), "?", g_uri_get_query (uri), NULL) :
           g_strdup (g_uri_get_path (uri));
  g_checksum_update (sha, (const guchar *) body->data, body->length);
  to_sign = g_strdup_printf ("%s\n%s\n%s\n%s", soup_server_message_get_method (msg), target, ts,
                             g_checksum_get_string (sha));
  g_hmac_update (hmac, (const guchar *) to_sign, -1);
  return g_strcmp0 (g_hmac_get_string (hmac), sig) == 0;
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *body)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "X-Request-Id", "rid-42");
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                      SOUP_MEMORY_COPY, body, strlen (body));
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *req_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *resp_headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *req_body = soup_server_message_get_request_body (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  gint64 ts;

  f->hits++;
  g_array_append_val (f->arrivals, (gint64) { g_get_monotonic_time () });
  g_free (f->last_target);
  f->last_target = g_uri_get_query (uri) != NULL ?
                   g_strconcat (path, "?", g_uri_get_query (uri), NULL) : g_strdup (path);
  g_free (f->last_if_match);
  f->last_if_match = g_strdup (soup_message_headers_get_one (req_headers, "If-Match"));
  g_free (f->last_idempotency_key);
  f->last_idempotency_key = g_strdup (soup_message_headers_get_one (req_headers, "Idempotency-Key"));
  g_free (f->last_content_type);
  f->last_content_type = g_strdup (soup_message_headers_get_one (req_headers, "Content-Type"));
  g_clear_pointer (&f->last_body, g_bytes_unref);
  f->last_body = g_bytes_new (req_body->data, req_body->length);

  if (g_str_has_prefix (path, "/hang/"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (f->paused, g_object_ref (msg));
      return;
    }
  if (!signature_ok (msg, f))
    {
      respond (msg, 401, "{\"error\": {\"code\": \"bad_signature\", \"message\": \"bad\"}}");
      return;
    }
  ts = g_ascii_strtoll (soup_message_headers_get_one (req_headers, "X-Timestamp"), NULL, 10);
  if (ABS (g_get_real_time () / G_USEC_PER_SEC + f->server_skew - ts) > 300)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) server_now = g_date_time_add_seconds (now, (gdouble) f->server_skew);
      g_autofree char *date = soup_date_time_to_string (server_now, SOUP_DATE_HTTP);

      soup_message_headers_replace (resp_headers, "Date", date);
      respond (msg, 401, "{\"error\": {\"code\": \"clock_skew\", \"message\": \"skew\"}}");
      return;
    }

  if (g_str_equal (path, "/v1/reference/currencies"))
    {
      soup_message_headers_replace (resp_headers, "ETag", "\"v1\"");
      if (g_strcmp0 (soup_message_headers_get_one (req_headers, "If-None-Match"), "\"v1\"") == 0)
        respond (msg, 304, NULL);
      else
        respond (msg, 200, "{\"base\": \"USD\", \"rates\": {\"KRW\": \"1385.20\"}, \"extra\": [1]}");
    }
  else if (g_str_equal (path, "/v1/products/HB-1"))
    respond (msg, g_str_equal (soup_server_message_get_method (msg), "PUT") ? 201 : 200,
             "{\"offer_id\": \"HB-1\", \"version\": 3, \"status\": \"pending_review\", \"unknown\": {}}");
  else if (g_str_equal (path, "/v1/products/WRONG-TYPE"))
    respond (msg, 200, "{\"offer_id\": \"WRONG-TYPE\", \"version\": \"3\", \"status\": \"pending_review\"}");
  else if (g_str_equal (path, "/v1/products/FLOAT"))
    respond (msg, 200, "{\"offer_id\": \"FLOAT\", \"version\": 3.5, \"status\": \"pending_review\"}");
  else if (g_str_equal (path, "/v1/products/BAD-STATUS"))
    respond (msg, 200, "{\"offer_id\": \"BAD-STATUS\", \"version\": 1, \"status\": \"weird\"}");
  else if (g_str_equal (path, "/v1/products/NOT-JSON"))
    respond (msg, 200, "<html>oops</html>");
  else if (g_str_equal (path, "/v1/products/CONFLICT"))
    respond (msg, 409, "{\"error\": {\"code\": \"version_conflict\", \"message\": \"stale\", \"current_version\": 9}}");
  else if (g_str_equal (path, "/v1/products/INVALID"))
    respond (msg, 422, "{\"error\": {\"code\": \"validation_failed\", \"message\": \"no\", \"fields\": "
                       "[{\"path\": \"title.en\", \"code\": \"required\", \"message\": \"needed\"}]}}");
  else if (g_str_equal (path, "/v1/products/SLOW-DOWN"))
    {
      soup_message_headers_replace (resp_headers, "Retry-After", "2");
      respond (msg, 429, "{\"error\": {\"code\": \"rate_limited\", \"message\": \"slow\"}}");
    }
  else if (g_str_equal (path, "/v1/products/DOWN"))
    respond (msg, 503, NULL);
  else if (g_str_equal (path, "/v1/products/BIG"))
    {
      g_autofree char *big = g_strnfill (2 * 1024 * 1024, ' ');

      respond (msg, 200, big);
    }
  else if (g_str_equal (path, "/v1/products/BIG-CHUNKED"))
    {
      SoupMessageBody *body = soup_server_message_get_response_body (msg);

      soup_message_headers_set_encoding (resp_headers, SOUP_ENCODING_CHUNKED);
      soup_server_message_set_status (msg, 200, NULL);
      for (guint i = 0; i < 40; i++)
        {
          g_autofree char *chunk = g_strnfill (64 * 1024, ' ');

          soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, strlen (chunk));
        }
      soup_message_body_complete (body);
    }
  else if (g_str_equal (path, "/v1/products/AWAY"))
    {
      soup_message_headers_replace (resp_headers, "Location", "https://evil.example/v1/products/HB-1");
      respond (msg, 302, NULL);
    }
  else if (g_str_equal (path, "/v1/products/MOVED"))
    {
      soup_message_headers_replace (resp_headers, "Location", "/v1/products/HB-1");
      respond (msg, 307, NULL);
    }
  else if (g_str_equal (path, "/v1/products/batch"))
    respond (msg, 200,
             "{\"results\": [{\"offer_id\": \"A\", \"ok\": true, \"version\": 1, \"status\": \"pending_review\"},"
             "{\"offer_id\": \"B\", \"ok\": false, \"error\": {\"code\": \"validation_failed\", \"fields\": "
             "[{\"path\": \"variants[0].price.amount\", \"code\": \"out_of_range\", \"message\": \"m\"}]}}]}");
  else if (g_str_equal (path, "/v1/products"))
    respond (msg, 200,
             "{\"products\": [{\"offer_id\": \"A\", \"version\": 2, \"status\": \"rejected\", "
             "\"reasons\": [{\"code\": \"prohibited_word\", \"message\": \"m\"}], \"updated_at\": \"2026-11-21T09:00:00Z\"},"
             "{\"offer_id\": \"B\", \"version\": 1, \"status\": \"active\"}], \"next_cursor\": \"c2\"}");
  else if (g_str_equal (path, "/v1/images"))
    respond (msg, 201, "{\"image_id\": \"img_ab12\", \"width\": 1000, \"height\": 800, \"sha256\": \"ab12\"}");
  else
    respond (msg, 404, "{\"error\": {\"code\": \"not_found\", \"message\": \"none\"}}");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  g_autofree char *url = NULL;

  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  f->arrivals = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, handler, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  f->client = sb_api_client_new (f->base_url, KEY_ID, SECRET, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < f->paused->len; i++)
    soup_server_message_unpause (g_ptr_array_index (f->paused, i));
  g_clear_object (&f->client);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_ptr_array_unref (f->paused);
  g_array_unref (f->arrivals);
  g_free (f->base_url);
  g_free (f->last_target);
  g_free (f->last_if_match);
  g_free (f->last_idempotency_key);
  g_free (f->last_content_type);
  g_clear_pointer (&f->last_body, g_bytes_unref);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_sign_vectors (void)
{
  /* printf 'GET\n/v1/products?limit=100\n1700000000\ne3b0…b855' | openssl dgst -sha256 -hmac demo-secret */
  g_autofree char *a = sb_api_sign ("demo-secret", "GET", "/v1/products?limit=100", "1700000000", NULL);
  /* H=$(printf '{"a":1}' | sha256sum) = 015abd7f…f862;
   * printf 'PUT\n/v1/products/HB-TEE-001\n1763715600\n%s' $H | openssl dgst -sha256 -hmac sk_test_9f8e7d */
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"a\":1}", 7);
  g_autofree char *b = sb_api_sign (SECRET, "PUT", "/v1/products/HB-TEE-001", "1763715600", body);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autofree char *c = sb_api_sign ("demo-secret", "GET", "/v1/products?limit=100", "1700000000", empty);

  g_assert_cmpstr (a, ==, "438f2e1f67f8b5ae3c10b2da4a6e11d5f4cea9b5c6e0924944e94cba853f8da9");
  g_assert_cmpstr (b, ==, "2f8178da02dd94c234a1e1685b4eb73ef89d14e03f3b49e0d9923c7bdda58136");
  g_assert_cmpstr (c, ==, a);
}

static void
test_base_url_rule (void)
{
  static const struct { const char *url; gboolean ok; } cases[] = {
    { "https://seller-api.marketplace.example", TRUE },
    { "http://127.0.0.1:8080", TRUE },
    { "http://[::1]:8080/", TRUE },
    { "http://localhost:1", TRUE },
    { "http://seller-api.marketplace.example", FALSE },
    { "http://192.168.1.10:8080", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbApiClient) client = sb_api_client_new (cases[i].url, KEY_ID, SECRET, &error);

      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_nonnull (client);
        }
      else
        {
          g_assert_error (error, SB_API_ERROR, SB_API_ERROR_INSECURE);
          g_assert_null (client);
        }
    }
}

static void
test_reference_etag (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(SbApiReference) ref1 = NULL;
  g_autoptr(SbApiReference) ref2 = NULL;
  g_autoptr(GError) error = NULL;

  sb_api_client_get_currencies_async (f->client, NULL, NULL, store_result_cb, &r1);
  ref1 = sb_api_client_get_currencies_finish (f->client, wait_for (&r1), &error);
  g_assert_no_error (error);
  g_assert_false (ref1->not_modified);
  g_assert_cmpstr (ref1->etag, ==, "\"v1\"");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (ref1->root));

  sb_api_client_get_currencies_async (f->client, ref1->etag, NULL, store_result_cb, &r2);
  ref2 = sb_api_client_get_currencies_finish (f->client, wait_for (&r2), &error);
  g_assert_no_error (error);
  g_assert_true (ref2->not_modified);
  g_assert_null (ref2->root);
}

static void
test_wrong_secret (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SbApiClient) client = sb_api_client_new (f->base_url, KEY_ID, "wrong", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  sb_api_client_get_seller_async (client, NULL, store_result_cb, &result);
  node = sb_api_client_get_seller_finish (client, wait_for (&result), &error);
  g_assert_null (node);
  g_assert_error (error, SB_API_ERROR, SB_API_ERROR_BAD_SIGNATURE);
  g_assert_true (sb_api_error_is_auth (error));
  g_assert_cmpstr (sb_api_error_get_request_id (error), ==, "rid-42");
  g_assert_cmpuint (f->hits, ==, 1);
}

static void
test_clock_skew (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(SbApiWriteResult) res = NULL;
  g_autoptr(JsonNode) empty = json_from_string ("{}", NULL);
  g_autoptr(GError) error = NULL;

  /* One correction then success; the offset is kept for later requests. */
  f->server_skew = 3600;
  sb_api_client_get_product_async (f->client, "HB-1", NULL, store_result_cb, &r1);
  {
    g_autoptr(JsonNode) node = sb_api_client_get_product_finish (f->client, wait_for (&r1), &error);

    g_assert_no_error (error);
    g_assert_nonnull (node);
  }
  g_assert_cmpuint (f->hits, ==, 2);
  g_assert_cmpint (ABS (sb_api_client_get_clock_offset (f->client) - 3600), <=, 2);

  sb_api_client_put_product_async (f->client, "HB-1", empty, 0, NULL, store_result_cb, &r2);
  res = sb_api_client_put_product_finish (f->client, wait_for (&r2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->hits, ==, 3);
}

static void
test_clock_skew_once (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  /* A server whose clock keeps moving gets one retry, not a loop. */
  f->server_skew = 3600;
  sb_api_client_set_clock_offset (f->client, -7200);
  sb_api_client_get_product_async (f->client, "HB-1", NULL, store_result_cb, &result);
  /* Move the server's clock again while the first answer is on its way. */
  while (f->hits == 0)
    g_main_context_iteration (NULL, TRUE);
  f->server_skew = -3600;
  node = sb_api_client_get_product_finish (f->client, wait_for (&result), &error);
  g_assert_null (node);
  g_assert_error (error, SB_API_ERROR, SB_API_ERROR_CLOCK_SKEW);
  g_assert_cmpuint (f->hits, ==, 2);
}

static void
test_write_results (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GAsyncResult) r4 = NULL;
  g_autoptr(GAsyncResult) r5 = NULL;
  g_autoptr(SbApiWriteResult) put = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(SbApiStatusPage) page = NULL;
  g_autoptr(SbApiImage) image = NULL;
  g_autoptr(SbApiWriteResult) del = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"products\": []}", 16);
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG", 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) product = json_from_string ("{\"offer_id\": \"HB-1\"}", NULL);
  SbApiBatchItem *item;
  SbApiProductStatus *status;

  sb_api_client_put_product_async (f->client, "HB-1", product, 2, NULL, store_result_cb, &r1);
  put = sb_api_client_put_product_finish (f->client, wait_for (&r1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (put->offer_id, ==, "HB-1");
  g_assert_cmpint (put->version, ==, 3);
  g_assert_cmpint (put->status, ==, SB_SYNC_PENDING_REVIEW);
  g_assert_true (put->created);
  g_assert_cmpstr (f->last_if_match, ==, "\"2\"");
  g_assert_cmpstr (f->last_content_type, ==, "application/json; charset=utf-8");

  sb_api_client_batch_products_async (f->client, "6f1c-key", body, NULL, store_result_cb, &r2);
  batch = sb_api_client_batch_products_finish (f->client, wait_for (&r2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->last_idempotency_key, ==, "6f1c-key");
  g_assert_true (g_bytes_equal (f->last_body, body));
  g_assert_cmpuint (batch->len, ==, 2);
  item = g_ptr_array_index (batch, 0);
  g_assert_true (item->ok);
  g_assert_cmpint (item->version, ==, 1);
  item = g_ptr_array_index (batch, 1);
  g_assert_false (item->ok);
  g_assert_cmpstr (item->error_code, ==, "validation_failed");
  g_assert_cmpuint (item->fields->len, ==, 1);
  g_assert_cmpstr (((SbReason *) g_ptr_array_index (item->fields, 0))->path, ==, "variants[0].price.amount");

  sb_api_client_list_products_async (f->client, "c 1/&", 100, NULL, store_result_cb, &r3);
  page = sb_api_client_list_products_finish (f->client, wait_for (&r3), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->last_target, ==, "/v1/products?updated_since=c%201%2F%26&limit=100");
  g_assert_cmpstr (page->next_cursor, ==, "c2");
  g_assert_cmpuint (page->items->len, ==, 2);
  status = g_ptr_array_index (page->items, 0);
  g_assert_cmpint (status->status, ==, SB_SYNC_REJECTED);
  g_assert_cmpuint (status->reasons->len, ==, 1);
  g_assert_cmpstr (status->updated_at, ==, "2026-11-21T09:00:00Z");
  status = g_ptr_array_index (page->items, 1);
  g_assert_cmpint (status->status, ==, SB_SYNC_ACTIVE);
  g_assert_null (status->updated_at);

  sb_api_client_upload_image_async (f->client, png, "image/png", NULL, store_result_cb, &r4);
  image = sb_api_client_upload_image_finish (f->client, wait_for (&r4), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (image->image_id, ==, "img_ab12");
  g_assert_cmpuint (image->width, ==, 1000);
  g_assert_cmpstr (f->last_content_type, ==, "image/png");
  g_assert_true (g_bytes_equal (f->last_body, png));

  sb_api_client_delete_product_async (f->client, "HB-1", NULL, store_result_cb, &r5);
  del = sb_api_client_delete_product_finish (f->client, wait_for (&r5), &error);
  g_assert_no_error (error);
  g_assert_cmpint (del->version, ==, 3);
}

static GError *
put_error (Fixture    *f,
           const char *offer_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SbApiWriteResult) put = NULL;
  g_autoptr(JsonNode) empty = json_from_string ("{}", NULL);
  GError *error = NULL;

  sb_api_client_put_product_async (f->client, offer_id, empty, 0, NULL, store_result_cb, &result);
  put = sb_api_client_put_product_finish (f->client, wait_for (&result), &error);
  g_assert_null (put);
  g_assert_nonnull (error);
  return error;
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) e = NULL;

  e = put_error (f, "WRONG-TYPE");
  g_assert_error (e, SB_API_ERROR, SB_API_ERROR_BAD_RESPONSE);
  g_clear_error (&e);
  e = put_error (f, "FLOAT");
  g_assert_error (e, SB_API_ERROR, SB_API_ERROR_BAD_RESPONSE);
  g_clear_error (&e);
  e = put_error (f, "BAD-STATUS");
  g_assert_error (e, SB_API_ERROR, SB_API_ERROR_BAD_RESPONSE);
  g_clear_error (&e);
  e = put_error (f, "NOT-JSON");
  g_assert_error (e, SB_API_ERROR, SB_API_ERROR_BAD_RESPONSE);
  g_clear_error (&e);
  e = put_error (f, "CONFLICT");
  g_assert_error (e, SB_API_ERROR, SB_API_ERROR_VERSION_CONFLICT);
  g_assert_cmpint (sb_api_error_get_current_version (e), ==, 9);
  g_assert_cmpstr (sb_api_error_get_request_id (e), ==, "rid-42");
  g_clear_error (&e);
  e = put_error (f, "INVALID");
  g_assert_error (e, SB_API_ERROR, SB_API_ERROR_VALIDATION_FAILED);
  g_assert_cmpuint (sb_api_error_get_fields (e)->len, ==, 1);
  g_clear_error (&e);
  e = put_error (f, "SLOW-DOWN");
  g_assert_error (e, SB_API_ERROR, SB_API_ERROR_RATE_LIMITED);
  g_assert_cmpint (sb_api_error_get_retry_after (e), ==, 2);
  g_clear_error (&e);
  e = put_error (f, "DOWN");
  g_assert_error (e, SB_API_ERROR, SB_API_ERROR_SERVER);
  g_assert_cmpuint (sb_api_error_get_http_status (e), ==, 503);
  g_clear_error (&e);
  e = put_error (f, "NOWHERE");
  g_assert_error (e, SB_API_ERROR, SB_API_ERROR_NOT_FOUND);
  g_clear_error (&e);
}

static void
test_response_cap (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) e = NULL;

  sb_api_client_set_max_response_size (f->client, 1024 * 1024);
  e = put_error (f, "BIG");
  g_assert_error (e, SB_API_ERROR, SB_API_ERROR_TOO_LARGE_RESPONSE);
  g_clear_error (&e);
  e = put_error (f, "BIG-CHUNKED");
  g_assert_error (e, SB_API_ERROR, SB_API_ERROR_TOO_LARGE_RESPONSE);
  g_clear_error (&e);
  /* Under the cap, the same client still works. */
  sb_api_client_set_max_response_size (f->client, 4 * 1024 * 1024);
  e = put_error (f, "BIG-CHUNKED");
  g_assert_error (e, SB_API_ERROR, SB_API_ERROR_BAD_RESPONSE);
}

static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) e = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;

  e = put_error (f, "AWAY");
  g_assert_error (e, SB_API_ERROR, SB_API_ERROR_REDIRECT);
  g_assert_cmpuint (f->hits, ==, 1);
  g_clear_error (&e);

  /* A same-origin redirect is followed and signed again. */
  sb_api_client_get_product_async (f->client, "MOVED", NULL, store_result_cb, &result);
  node = sb_api_client_get_product_finish (f->client, wait_for (&result), &e);
  g_assert_no_error (e);
  g_assert_nonnull (node);
  g_assert_cmpstr (f->last_target, ==, "/v1/products/HB-1");
}

static void
test_deadline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *url = g_strconcat (f->base_url, "/hang", NULL);
  gint64 start = g_get_monotonic_time ();

  /* A base URL whose path makes every request hang in the fake server. */
  client = sb_api_client_new (url, KEY_ID, SECRET, &error);
  g_assert_no_error (error);
  sb_api_client_set_timeout (client, 300);
  sb_api_client_get_seller_async (client, NULL, store_result_cb, &result);
  while (f->paused->len == 0 && result == NULL)
    g_main_context_iteration (NULL, TRUE);
  node = sb_api_client_get_seller_finish (client, wait_for (&result), &error);
  g_assert_null (node);
  g_assert_error (error, SB_API_ERROR, SB_API_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* A "server" that answers plain text to anything, then hangs up. */
static gboolean
plain_text_cb (GSocketService    *service,
               GSocketConnection *connection,
               GObject           *source,
               gpointer           user_data)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  static const char answer[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";

  g_output_stream_write_all (out, answer, sizeof answer - 1, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

/* TLS to a server that does not speak it: a failure, never ignored, and
 * not one to retry. */
static void
test_tls_failure (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (plain_text_cb), NULL);
  g_socket_service_start (service);
  url = g_strdup_printf ("https://127.0.0.1:%u", port);
  client = sb_api_client_new (url, KEY_ID, SECRET, &error);
  g_assert_no_error (error);
  sb_api_client_set_timeout (client, 5000);
  sb_api_client_get_seller_async (client, NULL, store_result_cb, &result);
  node = sb_api_client_get_seller_finish (client, wait_for (&result), &error);
  g_assert_null (node);
  g_assert_error (error, SB_API_ERROR, SB_API_ERROR_INSECURE);
  g_assert_false (sb_api_error_is_retryable (error));
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

/* Pacing: with a limit of 4 per second, 9 requests fired at once reach the
 * server no more than 4 in any rolling second. */
static void
test_pacing (Fixture       *f,
             gconstpointer  data)
{
  GAsyncResult *results[9] = { NULL, };

  sb_api_client_set_rate_limit (f->client, 4);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    sb_api_client_get_seller_async (f->client, NULL, store_result_cb, &results[i]);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;

      node = sb_api_client_get_seller_finish (f->client, wait_for (&results[i]), &error);
      g_assert_error (error, SB_API_ERROR, SB_API_ERROR_NOT_FOUND);
      g_object_unref (results[i]);
    }
  g_assert_cmpuint (f->arrivals->len, ==, 9);
  /* The client spaces its sends; arrivals at the server can bunch up by
   * the time a loaded machine (or a sanitizer build) takes to deliver
   * one, so allow 200 ms of that.  Without pacing all nine arrive within
   * a few milliseconds. */
  for (guint i = 0; i + 4 < f->arrivals->len; i++)
    g_assert_cmpint (g_array_index (f->arrivals, gint64, i + 4) - g_array_index (f->arrivals, gint64, i),
                     >=, G_USEC_PER_SEC - 200 * 1000);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_cancellable_cancel (cancellable);
  sb_api_client_get_seller_async (f->client, cancellable, store_result_cb, &result);
  node = sb_api_client_get_seller_finish (f->client, wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_network_error (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* Find a free port, then close it: the connection is refused. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  g_socket_close (socket, NULL);

  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  client = sb_api_client_new (url, KEY_ID, SECRET, &error);
  g_assert_no_error (error);
  sb_api_client_get_seller_async (client, NULL, store_result_cb, &result);
  node = sb_api_client_get_seller_finish (client, wait_for (&result), &error);
  g_assert_error (error, SB_API_ERROR, SB_API_ERROR_NETWORK);
  g_assert_true (sb_api_error_is_retryable (error));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/api-client/sign-vectors", test_sign_vectors);
  g_test_add_func ("/api-client/base-url-rule", test_base_url_rule);
  g_test_add_func ("/api-client/network-error", test_network_error);
  g_test_add_func ("/api-client/tls-failure", test_tls_failure);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/api-client/reference-etag", test_reference_etag);
  ADD ("/api-client/wrong-secret", test_wrong_secret);
  ADD ("/api-client/clock-skew", test_clock_skew);
  ADD ("/api-client/clock-skew-once", test_clock_skew_once);
  ADD ("/api-client/write-results", test_write_results);
  ADD ("/api-client/errors", test_errors);
  ADD ("/api-client/response-cap", test_response_cap);
  ADD ("/api-client/redirects", test_redirects);
  ADD ("/api-client/deadline", test_deadline);
  ADD ("/api-client/cancel", test_cancel);
  ADD ("/api-client/pacing", test_pacing);
#undef ADD
  return g_test_run ();
}
