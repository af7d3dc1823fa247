/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-api-products.c: the product endpoints.  PUT creates (201) or
 * replaces (200) after core's validation, honouring If-Match (409 with
 * current_version); DELETE archives; GET returns the product as stored
 * with its version, status and reasons; the list pages through changes in
 * update order with opaque cursors; a batch applies up to 100 products
 * once per Idempotency-Key and replays its stored answer byte for byte.
 */
#include "config.h"

#include <string.h>

#include "sb-sandbox-api.h"
#include "sb-sandbox-validate.h"

#define DEFAULT_PAGE_LIMIT  100
#define MAX_PAGE_LIMIT      500
#define CURSOR_PREFIX       "sbx1:"

/* Members of a product that only the server writes. */
static const char * const server_owned[] = { "version", "status", "reasons", "updated_at" };

static JsonObject *
seller_profile (SbSandboxRequest *request)
{
  g_autoptr(SbSandboxSellerRow) row = sb_sandbox_db_get_seller (request->db, request->api_key, NULL);
  g_autoptr(JsonNode) node = NULL;

  if (row == NULL || (node = sb_sandbox_parse_json_text (row->profile)) == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

static JsonNode *
write_result (const char *offer_id,
              gint64      version,
              const char *status)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "offer_id");
  json_builder_add_string_value (builder, offer_id);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, version);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Parses If-Match: "3", 3 or W/"3".  Returns -1 for no header, -2 when it
 * is not a version. */
static gint64
parse_if_match (SoupServerMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-Match");
  g_autofree char *bare = NULL;
  guint64 version;
  gsize len;

  if (value == NULL)
    return -1;
  bare = g_strstrip (g_strdup (value));
  if (g_str_has_prefix (bare, "W/"))
    memmove (bare, bare + 2, strlen (bare) - 1);
  len = strlen (bare);
  if (len >= 2 && bare[0] == '"' && bare[len - 1] == '"')
    {
      memmove (bare, bare + 1, len - 2);
      bare[len - 2] = '\0';
    }
  for (const char *p = bare; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return -2;
  if (!g_ascii_string_to_unsigned (bare, 10, 0, G_MAXINT64, &version, NULL))
    return -2;
  return (gint64) version;
}

/* Validates and stores one product.  On success returns the result object
 * and sets @out_created; on a validation failure returns NULL with
 * @out_fields set; on an internal failure returns NULL with @error set.
 * A stale @if_match fails with SB_SANDBOX_DB_ERROR_CONFLICT. */
static JsonNode *
write_product (SbSandboxRequest  *request,
               JsonNode          *product,
               const char        *path_offer_id,
               gint64             if_match,
               gboolean          *out_created,
               JsonNode         **out_fields,
               gint64            *out_current_version,
               GError           **error)
{
  g_autoptr(JsonObject) seller = seller_profile (request);
  g_autoptr(JsonNode) fields = NULL;
  g_autoptr(JsonNode) stored = NULL;
  g_autofree char *text = NULL;
  const char *offer_id;
  gint64 version;
  JsonObject *object;

  fields = sb_sandbox_validate_product (request->reference, request->db, request->api_key, seller,
                                        product, path_offer_id);
  if (json_array_get_length (json_node_get_array (fields)) > 0)
    {
      *out_fields = g_steal_pointer (&fields);
      return NULL;
    }

  /* Store what the seller sent, less the fields the server owns. */
  stored = json_node_copy (product);
  object = json_node_get_object (stored);
  for (guint i = 0; i < G_N_ELEMENTS (server_owned); i++)
    json_object_remove_member (object, server_owned[i]);
  offer_id = json_object_get_string_member (object, "offer_id");
  text = sb_sandbox_node_to_string (stored);
  if (!sb_sandbox_db_put_product (request->db, request->api_key, offer_id, text, if_match, request->now,
                                  request->review_due_us, &version, out_created, out_current_version, error))
    return NULL;
  return write_result (offer_id, version, "pending_review");
}

void
sb_sandbox_handle_product_put (SbSandboxRequest *request,
                               const char       *offer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) fields = NULL;
  g_autoptr(JsonNode) result = NULL;
  gint64 if_match = parse_if_match (request->msg);
  gint64 current = 0;
  gboolean created = FALSE;

  if (if_match == -2)
    {
      sb_sandbox_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                                "If-Match must be a quoted version number, e.g. \"3\".");
      return;
    }
  body = sb_sandbox_request_parse_body (request);
  if (body == NULL)
    return;
  if (!JSON_NODE_HOLDS_OBJECT (body))
    {
      sb_sandbox_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request", "The product must be a JSON object.");
      return;
    }
  if (!sb_sandbox_db_begin (request->db, &error))
    {
      sb_sandbox_respond_internal (request->msg, error);
      return;
    }
  result = write_product (request, body, offer_id, if_match, &created, &fields, &current, &error);
  if (result == NULL)
    {
      sb_sandbox_db_rollback (request->db);
      if (fields != NULL)
        sb_sandbox_respond_validation (request->msg, fields);
      else if (g_error_matches (error, SB_SANDBOX_DB_ERROR, SB_SANDBOX_DB_ERROR_CONFLICT))
        sb_sandbox_respond_error_full (request->msg, SOUP_STATUS_CONFLICT, "version_conflict",
                                       "The product was changed since the version in If-Match; fetch it and merge.",
                                       NULL, current);
      else
        sb_sandbox_respond_internal (request->msg, error);
      return;
    }
  if (!sb_sandbox_db_commit (request->db, &error))
    {
      sb_sandbox_db_rollback (request->db);
      sb_sandbox_respond_internal (request->msg, error);
      return;
    }
  sb_sandbox_respond_node (request->msg, created ? SOUP_STATUS_CREATED : SOUP_STATUS_OK, result);
}

void
sb_sandbox_handle_product_delete (SbSandboxRequest *request,
                                  const char       *offer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  gint64 if_match = parse_if_match (request->msg);
  gint64 version = 0, current = 0;

  if (if_match == -2)
    {
      sb_sandbox_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                                "If-Match must be a quoted version number, e.g. \"3\".");
      return;
    }
  if (!sb_sandbox_db_archive_product (request->db, request->api_key, offer_id, if_match, request->now,
                                      &version, &current, &error))
    {
      if (error == NULL)
        sb_sandbox_respond_error (request->msg, SOUP_STATUS_NOT_FOUND, "not_found", "There is no product with this offer_id.");
      else if (g_error_matches (error, SB_SANDBOX_DB_ERROR, SB_SANDBOX_DB_ERROR_CONFLICT))
        sb_sandbox_respond_error_full (request->msg, SOUP_STATUS_CONFLICT, "version_conflict",
                                       "The product was changed since the version in If-Match; fetch it and merge.",
                                       NULL, current);
      else
        sb_sandbox_respond_internal (request->msg, error);
      return;
    }
  result = write_result (offer_id, version, "archived");
  sb_sandbox_respond_node (request->msg, SOUP_STATUS_OK, result);
}

static void
add_state_members (JsonObject                *object,
                   const SbSandboxProductRow *row)
{
  g_autoptr(JsonNode) reasons = sb_sandbox_parse_json_text (row->reasons);
  g_autofree char *updated_at = sb_sandbox_format_time (row->updated_at);

  json_object_set_int_member (object, "version", row->version);
  json_object_set_string_member (object, "status", row->status);
  json_object_set_member (object, "reasons",
                          reasons != NULL ? json_node_ref (reasons) : json_node_new (JSON_NODE_ARRAY));
  json_object_set_string_member (object, "updated_at", updated_at);
}

void
sb_sandbox_handle_product_get (SbSandboxRequest *request,
                               const char       *offer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSandboxProductRow) row = NULL;
  g_autoptr(JsonNode) node = NULL;

  row = sb_sandbox_db_get_product (request->db, request->api_key, offer_id, &error);
  if (row == NULL)
    {
      if (error != NULL)
        sb_sandbox_respond_internal (request->msg, error);
      else
        sb_sandbox_respond_error (request->msg, SOUP_STATUS_NOT_FOUND, "not_found", "There is no product with this offer_id.");
      return;
    }
  node = sb_sandbox_parse_json_text (row->body);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      sb_sandbox_respond_error (request->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "The stored product is damaged.");
      return;
    }
  add_state_members (json_node_get_object (node), row);
  sb_sandbox_respond_node (request->msg, SOUP_STATUS_OK, node);
}

static char *
encode_cursor (gint64 seq)
{
  g_autofree char *plain = g_strdup_printf (CURSOR_PREFIX "%" G_GINT64_FORMAT, seq);
  char *encoded = g_base64_encode ((const guchar *) plain, strlen (plain));

  /* URL-safe alphabet without padding, so it can go in a query as is. */
  for (char *p = encoded; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return encoded;
}

static gboolean
decode_cursor (const char *cursor,
               gint64     *out_seq)
{
  g_autoptr(GString) text = NULL;
  g_autofree guchar *plain = NULL;
  g_autofree char *terminated = NULL;
  gsize len;
  gint64 seq;

  if (cursor == NULL || *cursor == '\0')
    {
      *out_seq = 0;
      return TRUE;
    }
  if (strlen (cursor) > 64)
    return FALSE;
  text = g_string_new (cursor);
  for (gsize i = 0; i < text->len; i++)
    {
      char c = text->str[i];

      if (c == '-')
        text->str[i] = '+';
      else if (c == '_')
        text->str[i] = '/';
      else if (!g_ascii_isalnum (c))
        return FALSE;
    }
  while (text->len % 4 != 0)
    g_string_append_c (text, '=');
  plain = g_base64_decode (text->str, &len);
  terminated = g_strndup ((const char *) plain, len);
  if (!g_str_has_prefix (terminated, CURSOR_PREFIX))
    return FALSE;
  for (const char *p = terminated + strlen (CURSOR_PREFIX); *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  if (!g_ascii_string_to_signed (terminated + strlen (CURSOR_PREFIX), 10, 0, G_MAXINT64, &seq, NULL))
    return FALSE;
  *out_seq = seq;
  return TRUE;
}

void
sb_sandbox_handle_product_list (SbSandboxRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) response = NULL;
  g_autofree char *next_cursor = NULL;
  const char *cursor = request->query != NULL ? g_hash_table_lookup (request->query, "updated_since") : NULL;
  const char *limit_text = request->query != NULL ? g_hash_table_lookup (request->query, "limit") : NULL;
  guint64 limit = DEFAULT_PAGE_LIMIT;
  gint64 after = 0;

  if (limit_text != NULL &&
      !g_ascii_string_to_unsigned (limit_text, 10, 1, MAX_PAGE_LIMIT, &limit, NULL))
    {
      sb_sandbox_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request", "limit must be a whole number from 1 to 500.");
      return;
    }
  if (!decode_cursor (cursor, &after))
    {
      sb_sandbox_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                                "updated_since is not a cursor this server issued; start again with an empty one.");
      return;
    }
  rows = sb_sandbox_db_list_products (request->db, request->api_key, after, (guint) limit, &error);
  if (rows == NULL)
    {
      sb_sandbox_respond_internal (request->msg, error);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "products");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      SbSandboxProductRow *row = g_ptr_array_index (rows, i);
      g_autoptr(JsonNode) item = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "offer_id", row->offer_id);
      add_state_members (object, row);
      json_node_set_object (item, object);
      json_builder_add_value (builder, g_steal_pointer (&item));
      after = row->updated_seq;
    }
  json_builder_end_array (builder);
  next_cursor = encode_cursor (after);
  json_builder_set_member_name (builder, "next_cursor");
  json_builder_add_string_value (builder, next_cursor);
  json_builder_end_object (builder);
  response = json_builder_get_root (builder);
  sb_sandbox_respond_node (request->msg, SOUP_STATUS_OK, response);
}

static JsonNode *
batch_error_result (JsonNode *product,
                    JsonNode *fields)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *offer_id = NULL;

  if (JSON_NODE_HOLDS_OBJECT (product))
    {
      JsonNode *id = json_object_get_member (json_node_get_object (product), "offer_id");

      if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
        offer_id = json_node_get_string (id);
    }
  json_builder_begin_object (builder);
  /* Always a string, as the contract types it; empty when the product
   * had no usable offer_id. */
  json_builder_set_member_name (builder, "offer_id");
  json_builder_add_string_value (builder, offer_id != NULL ? offer_id : "");
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, "validation_failed");
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, "The product has invalid fields; see fields.");
  json_builder_set_member_name (builder, "fields");
  json_builder_add_value (builder, json_node_copy (fields));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
sb_sandbox_handle_product_batch (SbSandboxRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autofree char *body_sha256 = NULL;
  g_autofree char *stored_sha256 = NULL;
  g_autofree char *stored_response = NULL;
  g_autofree char *response_text = NULL;
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (request->msg),
                                                  "Idempotency-Key");
  JsonNode *products;
  JsonArray *array;
  guint stored_status = 0;
  gsize len;
  const guint8 *data = g_bytes_get_data (request->body, &len);

  if (key == NULL || *key == '\0' || strlen (key) > 255)
    {
      sb_sandbox_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                                "POST /v1/products/batch needs an Idempotency-Key header (a UUID, at most 255 characters).");
      return;
    }
  body_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
  if (sb_sandbox_db_find_idempotency (request->db, request->api_key, key, &stored_sha256, &stored_status,
                                      &stored_response, &error))
    {
      if (strcmp (stored_sha256, body_sha256) != 0)
        {
          g_autoptr(JsonNode) fields = sb_sandbox_single_field ("Idempotency-Key", "idempotency_key_reused",
                                                                "This Idempotency-Key was used with a different body; use a new key for a new batch.");

          sb_sandbox_respond_error_full (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "idempotency_key_reused",
                                         "This Idempotency-Key was used with a different body; use a new key for a new batch.",
                                         fields, -1);
          return;
        }
      soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                    "Idempotent-Replayed", "true");
      sb_sandbox_respond_text (request->msg, stored_status, g_steal_pointer (&stored_response));
      return;
    }
  if (error != NULL)
    {
      sb_sandbox_respond_internal (request->msg, error);
      return;
    }

  body = sb_sandbox_request_parse_body (request);
  if (body == NULL)
    return;
  products = JSON_NODE_HOLDS_OBJECT (body) ? json_object_get_member (json_node_get_object (body), "products") : NULL;
  if (products == NULL || !JSON_NODE_HOLDS_ARRAY (products))
    {
      sb_sandbox_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                                "The body must be {\"products\": [ … ]}.");
      return;
    }
  array = json_node_get_array (products);
  if (json_array_get_length (array) > SB_SANDBOX_MAX_BATCH)
    {
      g_autoptr(JsonNode) fields = sb_sandbox_single_field ("products", "too_many",
                                                            "A batch holds at most 100 products; split it.");

      sb_sandbox_respond_validation (request->msg, fields);
      return;
    }

  if (!sb_sandbox_db_begin (request->db, &error))
    {
      sb_sandbox_respond_internal (request->msg, error);
      return;
    }
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *product = json_array_get_element (array, i);
      g_autoptr(JsonNode) fields = NULL;
      g_autoptr(JsonNode) result = NULL;
      gboolean created;
      gint64 current;

      if (!JSON_NODE_HOLDS_OBJECT (product))
        {
          fields = sb_sandbox_single_field ("", "type", "Each product must be a JSON object.");
          json_builder_add_value (builder, batch_error_result (product, fields));
          continue;
        }
      result = write_product (request, product, NULL, -1, &created, &fields, &current, &error);
      if (result != NULL)
        {
          json_object_set_boolean_member (json_node_get_object (result), "ok", TRUE);
          json_builder_add_value (builder, g_steal_pointer (&result));
        }
      else if (fields != NULL)
        json_builder_add_value (builder, batch_error_result (product, fields));
      else
        {
          sb_sandbox_db_rollback (request->db);
          sb_sandbox_respond_internal (request->msg, error);
          return;
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  response = json_builder_get_root (builder);
  response_text = sb_sandbox_node_to_string (response);
  if (!sb_sandbox_db_add_idempotency (request->db, request->api_key, key, body_sha256, SOUP_STATUS_OK,
                                      response_text, request->now, &error) ||
      !sb_sandbox_db_commit (request->db, &error))
    {
      sb_sandbox_db_rollback (request->db);
      sb_sandbox_respond_internal (request->msg, error);
      return;
    }
  sb_sandbox_respond_text (request->msg, SOUP_STATUS_OK, g_steal_pointer (&response_text));
}
