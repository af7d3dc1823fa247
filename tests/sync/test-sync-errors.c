/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-sync-errors.c: every status of the contract's error table and what
 * the sync engine does with it, against a scripted in-process SoupServer
 * that answers the next request of a route with a chosen status:
 *   400, 413, 422 idempotency_key_reused on a batch → its products are
 *     rejected with the server's code, without a retry;
 *   422 with fields → the field errors go to that product, others go on;
 *   401 → the run stops and asks for credentials; nothing becomes clean;
 *   404 on a PUT → rejected; on a DELETE → the product is simply gone;
 *   409 → both versions kept (conflict, server copy stored); after the
 *     seller keeps the local one, the PUT carries the new If-Match;
 *   429 → waits at least Retry-After, then succeeds;
 *   500, 502 (no JSON body), 503, 504 → retried with backoff, the batch
 *     resent with the same Idempotency-Key and the same bytes;
 *   a PUT applied but answered 503 → its retry meets 409, but the server
 *     copy is what was sent: accepted, not a conflict;
 *   retries exhausted → the run stops, the batch stays recorded and the
 *     next run resends it unchanged;
 *   cancelled during a backoff wait → G_IO_ERROR_CANCELLED at once.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "sb-store.h"
#include "sb-sync.h"
#include "sb-test-sync.h"

typedef struct {
  SoupServer  *server;
  char        *url;
  char        *dir;
  char        *db;
  char        *image;
  SbStore     *store;
  SbApiClient *client;
  SbSync      *sync;

  GQueue       batch_script;   /* statuses for the next batch requests */
  GQueue       put_script;
  GQueue       delete_script;
  char        *invalid_offer;  /* a batch answers ok:false for it */
  guint        batch_requests;
  guint        put_requests;
  guint        image_requests;
  GPtrArray   *batch_keys;     /* (element-type utf8) */
  GPtrArray   *batch_bodies;   /* (element-type GBytes) */
  char        *last_if_match;
  gint64       server_version;
  GBytes      *applied_put;    /* (nullable) the last PUT body applied */
} Fixture;

static const char *
error_code_for (guint status)
{
  switch (status)
    {
    case 400: return "malformed_json";
    case 401: return "bad_signature";
    case 404: return "not_found";
    case 409: return "version_conflict";
    case 413: return "too_large";
    case 422: return "validation_failed";
    case 4220: return "idempotency_key_reused";
    case 429: return "rate_limited";
    default: return "internal";
    }
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              const char        *body)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "X-Request-Id", "rid-test");
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_COPY,
                                      body, strlen (body));
}

/* Answers with an error status; FALSE when @status means "go on". */
static gboolean
respond_scripted (SoupServerMessage *msg,
                  guint              status)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *body = NULL;
  guint http = status == 4220 ? 422 : status;

  if (status == 0 || status == 200)
    return FALSE;
  if (status == 429)
    soup_message_headers_replace (headers, "Retry-After", "1");
  if (status == 502)
    {
      /* No JSON body at all, as a proxy would answer. */
      soup_server_message_set_status (msg, 502, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<h1>Bad Gateway</h1>", 20);
      return TRUE;
    }
  if (status == 422)
    body = g_strdup ("{\"error\": {\"code\": \"validation_failed\", \"message\": \"invalid\", \"fields\": ["
                     "{\"path\": \"title.en\", \"code\": \"required\", \"message\": \"A title is required.\"}]}}");
  else if (status == 409)
    body = g_strdup ("{\"error\": {\"code\": \"version_conflict\", \"message\": \"stale\", \"current_version\": 2}}");
  else
    body = g_strdup_printf ("{\"error\": {\"code\": \"%s\", \"message\": \"scripted %u\"}}",
                            error_code_for (status), http);
  respond_json (msg, http, body);
  return TRUE;
}

static guint
pop_status (GQueue *script)
{
  return GPOINTER_TO_UINT (g_queue_pop_head (script));
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageBody *request = soup_server_message_get_request_body (msg);

  if (g_str_equal (path, "/v1/reference/categories"))
    respond_json (msg, 200, "{\"categories\": []}");
  else if (g_str_equal (path, "/v1/seller"))
    respond_json (msg, 200, "{\"status\": \"submitted\", \"reasons\": []}");
  else if (g_str_equal (path, "/v1/images"))
    {
      g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                          (const guchar *) request->data, request->length);
      g_autofree char *body = g_strdup_printf ("{\"image_id\": \"img_%.16s\", \"width\": 800, \"height\": 800,"
                                               " \"sha256\": \"%s\"}", sha, sha);

      f->image_requests++;

      respond_json (msg, 201, body);
    }
  else if (g_str_equal (path, "/v1/products/batch"))
    {
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GString) out = g_string_new ("{\"results\": [");
      JsonArray *products;

      f->batch_requests++;
      g_ptr_array_add (f->batch_keys, g_strdup (soup_message_headers_get_one (
        soup_server_message_get_request_headers (msg), "Idempotency-Key")));
      g_ptr_array_add (f->batch_bodies, g_bytes_new (request->data, request->length));
      if (respond_scripted (msg, pop_status (&f->batch_script)))
        return;
      {
        g_autofree char *text = g_strndup (request->data, request->length);

        root = json_from_string (text, NULL);
      }
      products = json_object_get_array_member (json_node_get_object (root), "products");
      for (guint i = 0; i < json_array_get_length (products); i++)
        {
          const char *offer_id = json_object_get_string_member (json_array_get_object_element (products, i),
                                                                "offer_id");

          if (i > 0)
            g_string_append (out, ", ");
          if (g_strcmp0 (offer_id, f->invalid_offer) == 0)
            g_string_append_printf (out, "{\"offer_id\": \"%s\", \"ok\": false, \"error\": {\"code\": "
                                    "\"validation_failed\", \"fields\": [{\"path\": \"variants[0].price.amount\","
                                    " \"code\": \"out_of_range\", \"message\": \"Too low.\"}]}}", offer_id);
          else
            g_string_append_printf (out, "{\"offer_id\": \"%s\", \"ok\": true, \"version\": 1,"
                                    " \"status\": \"pending_review\"}", offer_id);
        }
      g_string_append (out, "]}");
      respond_json (msg, 200, out->str);
    }
  else if (g_str_has_prefix (path, "/v1/products/") && g_str_equal (method, "PUT"))
    {
      g_autofree char *body = NULL;
      guint status;

      f->put_requests++;
      g_free (f->last_if_match);
      f->last_if_match = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                 "If-Match"));
      status = pop_status (&f->put_script);
      if (status == 5031)
        {
          /* The write happens, but its answer is lost. */
          f->server_version++;
          g_clear_pointer (&f->applied_put, g_bytes_unref);
          f->applied_put = g_bytes_new (request->data, request->length);
          respond_scripted (msg, 503);
          return;
        }
      if (f->applied_put != NULL && f->last_if_match != NULL)
        {
          g_autofree char *expected = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", f->server_version);

          if (!g_str_equal (expected, f->last_if_match))
            status = 409;
        }
      if (respond_scripted (msg, status))
        return;
      f->server_version++;
      body = g_strdup_printf ("{\"offer_id\": \"%s\", \"version\": %" G_GINT64_FORMAT ", \"status\": \"pending_review\"}",
                              path + strlen ("/v1/products/"), f->server_version);
      respond_json (msg, 200, body);
    }
  else if (g_str_has_prefix (path, "/v1/products/") && g_str_equal (method, "GET") &&
           f->applied_put != NULL)
    {
      /* The stored copy: what was written, plus the server's members. */
      g_autofree char *text = g_strndup (g_bytes_get_data (f->applied_put, NULL),
                                         g_bytes_get_size (f->applied_put));
      g_autoptr(JsonNode) stored = json_from_string (text, NULL);
      g_autofree char *body = NULL;

      json_object_set_int_member (json_node_get_object (stored), "version", f->server_version);
      json_object_set_string_member (json_node_get_object (stored), "status", "pending_review");
      json_object_set_array_member (json_node_get_object (stored), "reasons", json_array_new ());
      body = json_to_string (stored, FALSE);
      respond_json (msg, 200, body);
    }
  else if (g_str_has_prefix (path, "/v1/products/") && g_str_equal (method, "GET"))
    {
      g_autofree char *body = g_strdup_printf ("{\"offer_id\": \"%s\", \"category_id\": \"1001\", \"title\": "
                                               "{\"en\": \"Changed on the marketplace\"}, \"version\": 2,"
                                               " \"status\": \"active\", \"reasons\": []}",
                                               path + strlen ("/v1/products/"));

      respond_json (msg, 200, body);
    }
  else if (g_str_has_prefix (path, "/v1/products/") && g_str_equal (method, "DELETE"))
    {
      g_autofree char *body = NULL;

      if (respond_scripted (msg, pop_status (&f->delete_script)))
        return;
      body = g_strdup_printf ("{\"offer_id\": \"%s\", \"version\": 9, \"status\": \"archived\"}",
                              path + strlen ("/v1/products/"));
      respond_json (msg, 200, body);
    }
  else if (g_str_equal (path, "/v1/products"))
    respond_json (msg, 200, "{\"products\": [], \"next_cursor\": \"c1\"}");
  else
    respond_json (msg, 404, "{\"error\": {\"code\": \"not_found\", \"message\": \"no route\"}}");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, handler, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_queue_init (&f->batch_script);
  g_queue_init (&f->put_script);
  g_queue_init (&f->delete_script);
  f->batch_keys = g_ptr_array_new_with_free_func (g_free);
  f->batch_bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  f->dir = g_dir_make_tmp ("sellbridge-errors-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "catalogue.db", NULL);
  f->image = sb_test_write_png (f->dir, 1);
  f->store = sb_store_open (f->db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *offer_id = g_strdup_printf ("E-%u", i);

      g_ptr_array_add (products, sb_test_product_new ("KR", offer_id, f->image));
    }
  g_assert_true (sb_store_save_products (f->store, products, &error));

  f->client = sb_api_client_new (f->url, "key", "secret", &error);
  g_assert_no_error (error);
  /* The scripted server has no rate limit: no pacing, quicker tests. */
  sb_api_client_set_rate_limit (f->client, 0);
  f->sync = sb_sync_new (f->store, f->client);
  sb_sync_set_backoff (f->sync, &(SbBackoff) { 10, 100, 5 });
  sb_sync_set_seed (f->sync, 1);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);

  g_clear_object (&f->sync);
  g_clear_object (&f->client);
  g_clear_object (&f->store);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_queue_clear (&f->batch_script);
  g_queue_clear (&f->put_script);
  g_queue_clear (&f->delete_script);
  g_ptr_array_unref (f->batch_keys);
  g_ptr_array_unref (f->batch_bodies);
  g_unlink (f->image);
  g_unlink (f->db);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->image);
  g_free (f->db);
  g_free (f->dir);
  g_free (f->url);
  g_free (f->invalid_offer);
  g_free (f->last_if_match);
  g_clear_pointer (&f->applied_put, g_bytes_unref);
}

static void
script (GQueue *queue,
        ...)
{
  va_list args;
  guint status;

  va_start (args, queue);
  while ((status = va_arg (args, guint)) != 0)
    g_queue_push_tail (queue, GUINT_TO_POINTER (status));
  va_end (args);
}

static SbSyncSummary *
run_sync (Fixture  *f,
          GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sb_sync_run_async (f->sync, NULL, sb_test_store_result_cb, &result);
  return sb_sync_run_finish (f->sync, sb_test_wait (&result), error);
}

static SbSyncState
state_of (Fixture    *f,
          const char *offer_id)
{
  g_autoptr(SbProduct) product = sb_store_load_product (f->store, offer_id, NULL);

  g_assert_nonnull (product);
  return product->sync_state;
}

static gboolean
has_reason (Fixture    *f,
            const char *offer_id,
            const char *code,
            const char *path)
{
  g_autoptr(SbProduct) product = sb_store_load_product (f->store, offer_id, NULL);

  for (guint i = 0; i < product->reasons->len; i++)
    {
      const SbReason *reason = g_ptr_array_index (product->reasons, i);

      if (g_strcmp0 (reason->code, code) == 0 && g_strcmp0 (reason->path, path) == 0)
        return TRUE;
    }
  return FALSE;
}

/* 500, 502, 503, 504: retried, same key, same bytes. */
static void
test_server_errors_retried (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  script (&f->batch_script, 500, 502, 503, 504, 0);
  summary = run_sync (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->batch_requests, ==, 5);
  g_assert_cmpuint (summary->retries, ==, 4);
  g_assert_cmpuint (summary->accepted, ==, 3);
  g_assert_cmpint (summary->pending, ==, 0);
  for (guint i = 1; i < f->batch_keys->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (f->batch_keys, i), ==, g_ptr_array_index (f->batch_keys, 0));
      g_assert_true (g_bytes_equal (g_ptr_array_index (f->batch_bodies, i),
                                    g_ptr_array_index (f->batch_bodies, 0)));
    }
  g_assert_cmpint (state_of (f, "E-0"), ==, SB_SYNC_PENDING_REVIEW);
}

/* 429: at least Retry-After (1 s), though the backoff alone is 10 ms. */
static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  script (&f->batch_script, 429, 0);
  summary = run_sync (f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1000 * 1000);
  g_assert_cmpuint (f->batch_requests, ==, 2);
  g_assert_cmpuint (summary->accepted, ==, 3);
}

/* Retries are capped: the run stops, the batch stays recorded, and the
 * next run resends it with the same key and bytes. */
static void
test_retries_exhausted (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStoreBatch) batch = NULL;

  script (&f->batch_script, 503, 503, 503, 503, 503, 503, 0);
  summary = run_sync (f, &error);
  g_assert_null (summary);
  g_assert_error (error, SB_API_ERROR, SB_API_ERROR_SERVER);
  g_assert_cmpint (sb_sync_get_state (f->sync), ==, SB_SYNC_ENGINE_FAILED);
  g_assert_cmpuint (f->batch_requests, ==, 6);   /* 1 + max_attempts 5 */
  g_assert_cmpint (sb_store_count_dirty (f->store, NULL), ==, 3);
  batch = sb_store_dup_unfinished_batch (f->store, NULL);
  g_assert_nonnull (batch);
  g_assert_cmpstr (batch->key, ==, g_ptr_array_index (f->batch_keys, 0));
  g_clear_error (&error);

  summary = run_sync (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->batch_requests, ==, 7);
  g_assert_cmpstr (g_ptr_array_index (f->batch_keys, 6), ==, g_ptr_array_index (f->batch_keys, 0));
  g_assert_true (g_bytes_equal (g_ptr_array_index (f->batch_bodies, 6), g_ptr_array_index (f->batch_bodies, 0)));
  g_assert_cmpuint (summary->accepted, ==, 3);
  g_assert_cmpint (summary->pending, ==, 0);
}

/* 400, 413, 422 idempotency_key_reused: a bug or corrupt data — report,
 * do not retry; the products carry the server's code. */
static void
test_batch_refused (Fixture       *f,
                    gconstpointer  data)
{
  static const struct { guint status; const char *code; } cases[] = {
    { 400, "malformed_json" }, { 413, "too_large" }, { 4220, "idempotency_key_reused" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SbSyncSummary) summary = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
      guint before = f->batch_requests;

      /* Make the three products pending again for each case. */
      for (guint j = 0; j < 3; j++)
        {
          g_autofree char *offer_id = g_strdup_printf ("E-%u", j);

          g_ptr_array_add (products, sb_test_product_new ("KR", offer_id, f->image));
        }
      g_assert_true (sb_store_save_products (f->store, products, NULL));
      script (&f->batch_script, cases[i].status, 0);
      summary = run_sync (f, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (f->batch_requests - before, ==, 1);
      g_assert_cmpuint (summary->retries, ==, 0);
      g_assert_cmpuint (summary->rejected, ==, 3);
      g_assert_cmpint (summary->pending, ==, 3);
      g_assert_cmpint (state_of (f, "E-1"), ==, SB_SYNC_REJECTED);
      g_assert_true (has_reason (f, "E-1", cases[i].code, NULL));
    }
}

/* 422 for one product of a batch: its field errors, and the others go on. */
static void
test_batch_item_invalid (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  f->invalid_offer = g_strdup ("E-1");
  summary = run_sync (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->accepted, ==, 2);
  g_assert_cmpuint (summary->rejected, ==, 1);
  g_assert_cmpint (summary->pending, ==, 1);
  g_assert_cmpint (state_of (f, "E-0"), ==, SB_SYNC_PENDING_REVIEW);
  g_assert_cmpint (state_of (f, "E-1"), ==, SB_SYNC_REJECTED);
  g_assert_true (has_reason (f, "E-1", "out_of_range", "variants[0].price.amount"));
  g_assert_cmpint (state_of (f, "E-2"), ==, SB_SYNC_PENDING_REVIEW);
}

/* An image over the contract's 5 MiB is refused at its field before it is
 * read or sent; the other products go on. */
static void
test_image_too_large (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(SbProduct) product = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_build_filename (f->dir, "big.png", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* A real PNG header followed by padding: 5 MiB + 1 byte. */
  g_assert_true (g_file_get_contents (f->image, &contents, &length, NULL));
  contents = g_realloc (contents, SB_SYNC_MAX_IMAGE_BYTES + 1);
  memset (contents + length, 0, SB_SYNC_MAX_IMAGE_BYTES + 1 - length);
  g_assert_true (g_file_set_contents (big, contents, SB_SYNC_MAX_IMAGE_BYTES + 1, &error));
  product = sb_store_load_product (f->store, "E-1", &error);
  g_assert_no_error (error);
  g_free (((SbImage *) g_ptr_array_index (product->images, 0))->local_path);
  ((SbImage *) g_ptr_array_index (product->images, 0))->local_path = g_strdup (big);
  g_assert_true (sb_store_save_product (f->store, product, &error));

  summary = run_sync (f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (state_of (f, "E-1"), ==, SB_SYNC_REJECTED);
  g_assert_true (has_reason (f, "E-1", "too_large", "images[0]"));
  g_assert_cmpint (state_of (f, "E-0"), ==, SB_SYNC_PENDING_REVIEW);
  g_assert_cmpint (state_of (f, "E-2"), ==, SB_SYNC_PENDING_REVIEW);
  /* Only the small image (shared by E-0 and E-2) was uploaded. */
  g_assert_cmpuint (f->image_requests, ==, 1);
  g_unlink (big);
}

/* 401: stop at once and ask for credentials; nothing becomes clean. */
static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  script (&f->batch_script, 401, 0);
  summary = run_sync (f, &error);
  g_assert_null (summary);
  g_assert_error (error, SB_API_ERROR, SB_API_ERROR_BAD_SIGNATURE);
  g_assert_cmpstr (sb_api_error_get_request_id (error), ==, "rid-test");
  g_assert_cmpint (sb_sync_get_state (f->sync), ==, SB_SYNC_ENGINE_NEEDS_CREDENTIALS);
  g_assert_cmpuint (f->batch_requests, ==, 1);
  g_assert_cmpint (sb_store_count_dirty (f->store, NULL), ==, 3);
}

/* Accepts the three products, then edits E-0 so that the next sync PUTs
 * it with If-Match. */
static void
push_then_edit (Fixture *f)
{
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(SbProduct) product = NULL;
  g_autoptr(GError) error = NULL;

  summary = run_sync (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->accepted, ==, 3);
  f->server_version = 1;
  product = sb_store_load_product (f->store, "E-0", &error);
  g_assert_no_error (error);
  g_assert_cmpint (product->server_version, ==, 1);
  sb_product_set_title (product, SB_LANG_EN, "Cotton T-shirt, new colours");
  g_assert_true (sb_store_save_product (f->store, product, &error));
}

/* 409: both versions kept, the seller decides; keeping the local one
 * sends it with the server's current version as If-Match. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server_copy = NULL;
  g_autoptr(SbProduct) local = NULL;

  push_then_edit (f);
  script (&f->put_script, 409, 0);
  summary = run_sync (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->last_if_match, ==, "\"1\"");
  g_assert_cmpuint (summary->conflicts, ==, 1);
  g_assert_cmpint (state_of (f, "E-0"), ==, SB_SYNC_CONFLICT);
  server_copy = sb_store_dup_conflict_json (f->store, "E-0", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (server_copy, "Changed on the marketplace"));
  local = sb_store_load_product (f->store, "E-0", &error);
  g_assert_cmpstr (local->title[SB_LANG_EN], ==, "Cotton T-shirt, new colours");

  g_assert_true (sb_store_keep_local_version (f->store, "E-0", &error));
  g_clear_pointer (&summary, sb_sync_summary_free);
  f->server_version = 2;
  summary = run_sync (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->last_if_match, ==, "\"2\"");
  g_assert_cmpuint (summary->accepted, ==, 1);
  g_assert_cmpint (summary->pending, ==, 0);
  g_assert_cmpint (state_of (f, "E-0"), ==, SB_SYNC_PENDING_REVIEW);
}

/* A PUT applied whose answer was lost: the retry's If-Match is stale and
 * gets 409, but the server copy is exactly what was sent — accepted, not
 * a conflict. */
static void
test_put_answer_lost (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  push_then_edit (f);
  script (&f->put_script, 5031, 0);
  summary = run_sync (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->put_requests, ==, 2);
  g_assert_cmpuint (summary->retries, ==, 1);
  g_assert_cmpuint (summary->conflicts, ==, 0);
  g_assert_cmpuint (summary->accepted, ==, 1);
  g_assert_cmpint (summary->pending, ==, 0);
  g_assert_cmpint (state_of (f, "E-0"), ==, SB_SYNC_PENDING_REVIEW);
}

/* 422 and 404 on a PUT: rejected with the server's fields or code. */
static void
test_put_refused (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  push_then_edit (f);
  script (&f->put_script, 422, 0);
  summary = run_sync (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->put_requests, ==, 1);
  g_assert_cmpuint (summary->rejected, ==, 1);
  g_assert_cmpint (state_of (f, "E-0"), ==, SB_SYNC_REJECTED);
  g_assert_true (has_reason (f, "E-0", "required", "title.en"));

  {
    g_autoptr(SbProduct) product = sb_store_load_product (f->store, "E-1", NULL);

    g_clear_pointer (&summary, sb_sync_summary_free);
    sb_product_set_title (product, SB_LANG_EN, "Renamed");
    g_assert_true (sb_store_save_product (f->store, product, NULL));
    script (&f->put_script, 404, 0);
    summary = run_sync (f, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (summary->rejected, ==, 1);
    g_assert_true (has_reason (f, "E-1", "not_found", NULL));
  }
}

/* 404 on a DELETE: already gone, nothing left to do. */
static void
test_delete_not_found (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = NULL;

  push_then_edit (f);
  g_assert_true (sb_store_delete_product (f->store, "E-2", &error));
  g_assert_true (sb_store_delete_product (f->store, "E-1", &error));
  script (&f->delete_script, 404, 200, 0);
  summary = run_sync (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->rejected, ==, 0);
  ops = sb_store_list_pending_ops (f->store, 0, &error);
  g_assert_cmpuint (ops->len, ==, 0);
  g_assert_cmpint (summary->pending, ==, 0);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Cancelling while the run waits to retry ends it at once (not after the
 * backoff), with G_IO_ERROR_CANCELLED; the next run sends the same batch. */
static void
test_cancel_during_backoff (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  sb_sync_set_backoff (f->sync, &(SbBackoff) { 30000, 60000, 5 });
  script (&f->batch_script, 503, 0);
  start = g_get_monotonic_time ();
  g_timeout_add (300, cancel_cb, cancellable);
  sb_sync_run_async (f->sync, cancellable, sb_test_store_result_cb, &result);
  summary = sb_sync_run_finish (f->sync, sb_test_wait (&result), &error);
  g_assert_null (summary);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (f->batch_requests, ==, 1);
  g_assert_cmpint (sb_store_count_dirty (f->store, NULL), ==, 3);
  g_clear_error (&error);

  sb_sync_set_backoff (f->sync, &(SbBackoff) { 10, 100, 5 });
  summary = run_sync (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->batch_requests, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->batch_keys, 1), ==, g_ptr_array_index (f->batch_keys, 0));
  g_assert_cmpint (summary->pending, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sync/errors/5xx-retried", test_server_errors_retried);
  ADD ("/sync/errors/429-retry-after", test_rate_limited);
  ADD ("/sync/errors/retries-exhausted", test_retries_exhausted);
  ADD ("/sync/errors/400-413-422-batch-refused", test_batch_refused);
  ADD ("/sync/errors/422-batch-item", test_batch_item_invalid);
  ADD ("/sync/errors/image-too-large", test_image_too_large);
  ADD ("/sync/errors/401-stops", test_unauthorized);
  ADD ("/sync/errors/409-conflict", test_conflict);
  ADD ("/sync/errors/422-404-put", test_put_refused);
  ADD ("/sync/errors/put-answer-lost", test_put_answer_lost);
  ADD ("/sync/errors/404-delete", test_delete_not_found);
  ADD ("/sync/cancel-during-backoff", test_cancel_during_backoff);
#undef ADD
  return g_test_run ();
}
