/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-server.c: the SoupServer of the sandbox and its routing.
 * Every request gets an X-Request-Id, then in this order: a fault drawn from
 * the fault plan (429/500/503 answer at once, without touching anything),
 * the body size limit (also enforced from Content-Length before the body is
 * read), the signature, clock and rate-limit checks, the moderation that
 * has fallen due, and the endpoint itself.  Faults that corrupt a response
 * (reset, truncated, malformed, slow) are applied after the endpoint ran,
 * so a client sees the write happen but not its answer — the case its
 * idempotent retries exist for.  Every non-2xx answer carries the
 * contract's {"error": {"code", "message"}} body (with "fields" on 422).
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/socket.h>

#include "sb-endpoint.h"
#include "sb-sandbox-image.h"
#include "sb-sandbox-moderation.h"
#include "sb-sandbox-server.h"
#include "sb-sandbox-validate.h"

G_DEFINE_QUARK (sb-sandbox-server-error-quark, sb_sandbox_server_error)

#define JSON_CONTENT_TYPE   "application/json; charset=utf-8"
#define DEFAULT_PAGE_LIMIT  100
#define MAX_PAGE_LIMIT      500
#define CURSOR_PREFIX       "sbx1:"
/* libsoup 3.2 has no name for it. */
#define STATUS_TOO_MANY_REQUESTS 429

struct _SbSandboxServer
{
  GObject             parent_instance;

  SoupServer         *server;      /* (owned) */
  SbSandboxDb        *db;          /* (owned) */
  SbSandboxReference *reference;   /* (owned) */
  SbSandboxAuth      *auth;        /* (owned) */
  SbSandboxFaults    *faults;      /* (owned) (nullable) */
  char               *url;         /* (owned) (nullable): set once listening */
  guint               port;
  double              moderation_delay;
};

G_DEFINE_FINAL_TYPE (SbSandboxServer, sb_sandbox_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODERATION_DELAY,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What one request is about, passed between the routing steps. */
typedef struct {
  SoupServerMessage *msg;        /* (unowned) */
  const char        *method;
  const char        *path;
  GHashTable        *query;      /* (owned) (nullable) */
  GBytes            *body;       /* (owned) */
  char              *api_key;    /* (owned) (nullable): once authenticated */
  gint64             now;        /* Unix seconds */
} Request;

static void
request_clear (Request *request)
{
  g_clear_pointer (&request->query, g_hash_table_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->api_key, g_free);
}

/* Responses */

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static void
respond_text (SoupServerMessage *msg,
              guint              status,
              char              *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, JSON_CONTENT_TYPE, SOUP_MEMORY_TAKE, text, strlen (text));
}

static void
respond_node (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  respond_text (msg, status, node_to_string (node));
}

static JsonNode *
error_node (const char *code,
            const char *message,
            JsonNode   *fields,
            gint64      current_version)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  if (fields != NULL)
    {
      json_builder_set_member_name (builder, "fields");
      json_builder_add_value (builder, json_node_copy (fields));
    }
  if (current_version >= 0)
    {
      json_builder_set_member_name (builder, "current_version");
      json_builder_add_int_value (builder, current_version);
    }
  json_builder_end_object (builder);
  /* The contract puts current_version in the body of a 409; it is given
   * both beside and inside "error" so either reading finds it. */
  if (current_version >= 0)
    {
      json_builder_set_member_name (builder, "current_version");
      json_builder_add_int_value (builder, current_version);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
respond_error_full (SoupServerMessage *msg,
                    guint              status,
                    const char        *code,
                    const char        *message,
                    JsonNode          *fields,
                    gint64             current_version)
{
  g_autoptr(JsonNode) node = error_node (code, message, fields, current_version);

  respond_node (msg, status, node);
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *message)
{
  respond_error_full (msg, status, code, message, NULL, -1);
}

static void
respond_rate_limited (SoupServerMessage *msg,
                      guint              retry_after)
{
  g_autofree char *value = g_strdup_printf ("%u", retry_after);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", value);
  respond_error (msg, STATUS_TOO_MANY_REQUESTS, "rate_limited",
                 "More than 10 requests per second with this key; wait for Retry-After seconds.");
}

/* fields: a JSON array of {"path","code","message"}. */
static void
respond_validation (SoupServerMessage *msg,
                    JsonNode          *fields)
{
  respond_error_full (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "validation_failed",
                      "The request has invalid fields; see fields.", fields, -1);
}

static JsonNode *
single_field (const char *path,
              const char *code,
              const char *message)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonObject *field = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_object_set_string_member (field, "path", path);
  json_object_set_string_member (field, "code", code);
  json_object_set_string_member (field, "message", message);
  json_array_add_object_element (array, field);
  json_node_set_array (node, array);
  return node;
}

static char *
format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

static JsonNode *
parse_json_text (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

/* Parses a request body; answers 400 malformed_json and returns NULL when
 * it is not UTF-8 JSON. */
static JsonNode *
parse_body (Request *request)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (request->body, &len);

  if (len == 0 || !g_utf8_validate (data, len, NULL) ||
      !json_parser_load_from_data (parser, data, len, &error))
    {
      g_autofree char *message = g_strdup_printf ("The body is not UTF-8 JSON: %s",
                                                  error != NULL ? error->message : "empty or invalid UTF-8");

      respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "malformed_json", message);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

static void
respond_internal (SoupServerMessage *msg,
                  const GError      *error)
{
  g_warning ("sellbridge-sandbox: %s", error->message);
  respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "The sandbox failed; see its log.");
}

/* ETag / If-None-Match */

static gboolean
etag_matches (const char *if_none_match,
              const char *etag)
{
  g_auto(GStrv) tags = NULL;

  if (if_none_match == NULL)
    return FALSE;
  tags = g_strsplit (if_none_match, ",", -1);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      const char *tag = g_strstrip (tags[i]);

      if (g_str_has_prefix (tag, "W/"))
        tag += 2;
      if (strcmp (tag, "*") == 0 || strcmp (tag, etag) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
respond_cacheable (Request    *request,
                   GBytes     *body,
                   const char *etag)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->msg);
  const char *if_none_match = soup_message_headers_get_one (soup_server_message_get_request_headers (request->msg),
                                                            "If-None-Match");

  soup_message_headers_replace (headers, "ETag", etag);
  soup_message_headers_replace (headers, "Cache-Control", "private, max-age=0, must-revalidate");
  if (etag_matches (if_none_match, etag))
    {
      soup_server_message_set_status (request->msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  soup_server_message_set_status (request->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (request->msg, JSON_CONTENT_TYPE, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* Reference data */

static void
handle_currencies (SbSandboxServer *self,
                   Request         *request)
{
  const char *etag;
  GBytes *body = sb_sandbox_reference_get_currencies (self->reference, &etag);

  respond_cacheable (request, body, etag);
}

static void
handle_categories (SbSandboxServer *self,
                   Request         *request)
{
  const char *code = request->query != NULL ? g_hash_table_lookup (request->query, "lang") : NULL;
  const char *etag;
  SbLang lang = SB_LANG_EN;
  GBytes *body;

  if (code != NULL && !sb_lang_from_code (code, &lang))
    {
      respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                     "lang must be one of en, ko, ru.");
      return;
    }
  body = sb_sandbox_reference_get_categories (self->reference, lang, &etag);
  respond_cacheable (request, body, etag);
}

static void
handle_carriers (SbSandboxServer *self,
                 Request         *request)
{
  const char *origin = request->query != NULL ? g_hash_table_lookup (request->query, "origin") : NULL;
  const char *etag = NULL;
  GBytes *body;

  if (origin != NULL && *origin == '\0')
    origin = NULL;
  body = sb_sandbox_reference_get_carriers (self->reference, origin, &etag);
  if (body == NULL)
    {
      respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                     "origin must be KR or RU.");
      return;
    }
  respond_cacheable (request, body, etag);
}

/* Moderation */

/**
 * sb_sandbox_server_run_moderation:
 *
 * Decides every review that has fallen due.  The server calls this before
 * each request, so a client never sees a review that should have ended.
 */
void
sb_sandbox_server_run_moderation (SbSandboxServer *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  gint64 now_us = g_get_real_time ();
  gint64 now = now_us / G_USEC_PER_SEC;

  due = sb_sandbox_db_list_due (self->db, now_us, &error);
  if (due == NULL)
    {
      g_warning ("sellbridge-sandbox: moderation: %s", error->message);
      return;
    }
  for (guint i = 0; i < due->len; i++)
    {
      SbSandboxDueItem *item = g_ptr_array_index (due, i);
      g_autoptr(JsonNode) reasons = NULL;
      g_autoptr(JsonNode) stored = NULL;
      g_autofree char *reasons_text = NULL;
      gboolean ok;

      if (item->offer_id != NULL)
        {
          g_autoptr(SbSandboxProductRow) row = sb_sandbox_db_get_product (self->db, item->api_key,
                                                                           item->offer_id, &error);

          if (row == NULL || (stored = parse_json_text (row->body)) == NULL ||
              !JSON_NODE_HOLDS_OBJECT (stored))
            continue;
          reasons = sb_sandbox_moderate_product (json_node_get_object (stored), self->db, item->api_key);
          reasons_text = node_to_string (reasons);
          ok = sb_sandbox_db_set_product_review (self->db, item->api_key, item->offer_id,
                                                 json_array_get_length (json_node_get_array (reasons)) == 0
                                                   ? "active" : "rejected",
                                                 reasons_text, now, &error);
        }
      else
        {
          g_autoptr(SbSandboxSellerRow) row = sb_sandbox_db_get_seller (self->db, item->api_key, &error);

          if (row == NULL || (stored = parse_json_text (row->profile)) == NULL ||
              !JSON_NODE_HOLDS_OBJECT (stored))
            continue;
          reasons = sb_sandbox_moderate_seller (json_node_get_object (stored));
          reasons_text = node_to_string (reasons);
          ok = sb_sandbox_db_set_seller_review (self->db, item->api_key,
                                                json_array_get_length (json_node_get_array (reasons)) == 0
                                                  ? "approved" : "rejected",
                                                reasons_text, now, &error);
        }
      if (!ok)
        {
          g_warning ("sellbridge-sandbox: moderation: %s", error->message);
          g_clear_error (&error);
        }
    }
}

static gint64
review_due_us (SbSandboxServer *self)
{
  return g_get_real_time () + (gint64) (self->moderation_delay * G_USEC_PER_SEC);
}

/* The seller */

static JsonObject *
seller_profile (SbSandboxServer *self,
                const char      *api_key)
{
  g_autoptr(SbSandboxSellerRow) row = sb_sandbox_db_get_seller (self->db, api_key, NULL);
  g_autoptr(JsonNode) node = NULL;

  if (row == NULL || (node = parse_json_text (row->profile)) == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

static JsonNode *
seller_response (SbSandboxSellerRow *row)
{
  g_autoptr(JsonNode) profile = parse_json_text (row->profile);
  g_autoptr(JsonNode) reasons = parse_json_text (row->reasons);
  JsonObject *object;

  if (profile == NULL || !JSON_NODE_HOLDS_OBJECT (profile))
    return NULL;
  object = json_node_get_object (profile);
  json_object_set_string_member (object, "status", row->status);
  json_object_set_member (object, "reasons",
                          reasons != NULL ? json_node_ref (reasons) : json_node_new (JSON_NODE_ARRAY));
  return g_steal_pointer (&profile);
}

static void
handle_seller (SbSandboxServer *self,
               Request         *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSandboxSellerRow) row = NULL;
  g_autoptr(JsonNode) response = NULL;

  if (strcmp (request->method, "PUT") == 0)
    {
      g_autoptr(JsonNode) body = parse_body (request);
      g_autoptr(JsonNode) fields = NULL;
      g_autoptr(JsonNode) normalized = NULL;
      g_autofree char *profile = NULL;
      JsonObject *object;

      if (body == NULL)
        return;
      if (!JSON_NODE_HOLDS_OBJECT (body))
        {
          respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                         "The seller profile must be a JSON object.");
          return;
        }
      fields = sb_sandbox_validate_seller (body, &normalized);
      if (json_array_get_length (json_node_get_array (fields)) > 0 || normalized == NULL)
        {
          respond_validation (request->msg, fields);
          return;
        }
      /* What is stored is core's spelling of the profile with normalised
       * identity numbers; status and reasons are the server's, whatever the
       * client sent there is dropped. */
      object = json_node_get_object (normalized);
      json_object_remove_member (object, "status");
      json_object_remove_member (object, "reasons");
      profile = node_to_string (normalized);
      if (!sb_sandbox_db_put_seller (self->db, request->api_key, profile, request->now,
                                     review_due_us (self), &error))
        {
          respond_internal (request->msg, error);
          return;
        }
    }
  else if (strcmp (request->method, "GET") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (request->msg), "Allow", "GET, PUT");
      respond_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "bad_request",
                     "Use GET or PUT on /v1/seller.");
      return;
    }

  row = sb_sandbox_db_get_seller (self->db, request->api_key, &error);
  if (row == NULL)
    {
      if (error != NULL)
        respond_internal (request->msg, error);
      else
        respond_error (request->msg, SOUP_STATUS_NOT_FOUND, "not_found",
                       "No seller profile was submitted yet; PUT /v1/seller first.");
      return;
    }
  response = seller_response (row);
  respond_node (request->msg, SOUP_STATUS_OK, response);
}

/* Images */

static const char * const image_types[] = { "image/jpeg", "image/png", "image/webp" };

static JsonNode *
image_response (const SbSandboxImageRow *row)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "image_id");
  json_builder_add_string_value (builder, row->image_id);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, row->width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, row->height);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, row->sha256);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
handle_images (SbSandboxServer *self,
               Request         *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSandboxImageRow) existing = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(JsonNode) fields = NULL;
  g_autofree char *sha256 = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  SbSandboxImageRow row = { 0 };
  gboolean known_type = FALSE;
  gsize len;
  const guint8 *data = g_bytes_get_data (request->body, &len);

  if (strcmp (request->method, "POST") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (request->msg), "Allow", "POST");
      respond_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "bad_request", "Use POST on /v1/images.");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (image_types); i++)
    if (g_strcmp0 (content_type, image_types[i]) == 0)
      known_type = TRUE;
  if (!known_type)
    {
      fields = single_field ("content_type", "unsupported",
                             "Send the image as image/jpeg, image/png or image/webp.");
      respond_validation (request->msg, fields);
      return;
    }
  if (len > SB_SANDBOX_MAX_IMAGE_BYTES)
    {
      respond_error (request->msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
                     "Images may be at most 5 MiB.");
      return;
    }
  if (!sb_sandbox_image_read_size (content_type, data, len, &row.width, &row.height))
    {
      g_autofree char *message = g_strdup_printf ("The bytes are not a readable %s image.", content_type);

      fields = single_field ("body", "unreadable", message);
      respond_validation (request->msg, fields);
      return;
    }
  if (strcmp (content_type, "image/webp") != 0 && (row.width < 800 || row.height < 800))
    {
      g_autofree char *message = g_strdup_printf ("The image is %u×%u pixels; JPEG and PNG images must be at least 800×800.",
                                                  row.width, row.height);

      fields = single_field ("body", "too_small", message);
      respond_validation (request->msg, fields);
      return;
    }

  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
  existing = sb_sandbox_db_find_image (self->db, request->api_key, sha256, NULL, &error);
  if (error != NULL)
    {
      respond_internal (request->msg, error);
      return;
    }
  if (existing != NULL)
    {
      response = image_response (existing);
      respond_node (request->msg, SOUP_STATUS_OK, response);
      return;
    }
  row.sha256 = sha256;
  row.image_id = g_strdup_printf ("img_%.32s", sha256);
  row.content_type = (char *) content_type;
  row.size = (gint64) len;
  if (!sb_sandbox_db_add_image (self->db, request->api_key, &row, request->now, &error))
    {
      g_free (row.image_id);
      respond_internal (request->msg, error);
      return;
    }
  response = image_response (&row);
  g_free (row.image_id);
  respond_node (request->msg, SOUP_STATUS_CREATED, response);
}

/* Products */

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
write_product (SbSandboxServer  *self,
               Request          *request,
               JsonNode         *product,
               const char       *path_offer_id,
               gint64            if_match,
               gboolean         *out_created,
               JsonNode        **out_fields,
               gint64           *out_current_version,
               GError          **error)
{
  g_autoptr(JsonObject) seller = seller_profile (self, request->api_key);
  g_autoptr(JsonNode) fields = NULL;
  g_autoptr(JsonNode) stored = NULL;
  g_autofree char *text = NULL;
  const char *offer_id;
  gint64 version;
  JsonObject *object;

  fields = sb_sandbox_validate_product (self->reference, self->db, request->api_key, seller,
                                        product, path_offer_id);
  if (json_array_get_length (json_node_get_array (fields)) > 0)
    {
      *out_fields = g_steal_pointer (&fields);
      return NULL;
    }

  /* Store what the seller sent, less the fields the server owns. */
  stored = json_node_copy (product);
  object = json_node_get_object (stored);
  for (guint i = 0; i < 4; i++)
    json_object_remove_member (object, (const char *[]) { "version", "status", "reasons", "updated_at" }[i]);
  offer_id = json_object_get_string_member (object, "offer_id");
  text = node_to_string (stored);
  if (!sb_sandbox_db_put_product (self->db, request->api_key, offer_id, text, if_match, request->now,
                                  review_due_us (self), &version, out_created, out_current_version, error))
    return NULL;
  return write_result (offer_id, version, "pending_review");
}

static void
handle_product_put (SbSandboxServer *self,
                    Request         *request,
                    const char      *offer_id)
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
      respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                     "If-Match must be a quoted version number, e.g. \"3\".");
      return;
    }
  body = parse_body (request);
  if (body == NULL)
    return;
  if (!JSON_NODE_HOLDS_OBJECT (body))
    {
      respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request", "The product must be a JSON object.");
      return;
    }
  if (!sb_sandbox_db_begin (self->db, &error))
    {
      respond_internal (request->msg, error);
      return;
    }
  result = write_product (self, request, body, offer_id, if_match, &created, &fields, &current, &error);
  if (result == NULL)
    {
      sb_sandbox_db_rollback (self->db);
      if (fields != NULL)
        respond_validation (request->msg, fields);
      else if (g_error_matches (error, SB_SANDBOX_DB_ERROR, SB_SANDBOX_DB_ERROR_CONFLICT))
        respond_error_full (request->msg, SOUP_STATUS_CONFLICT, "version_conflict",
                            "The product was changed since the version in If-Match; fetch it and merge.",
                            NULL, current);
      else
        respond_internal (request->msg, error);
      return;
    }
  if (!sb_sandbox_db_commit (self->db, &error))
    {
      sb_sandbox_db_rollback (self->db);
      respond_internal (request->msg, error);
      return;
    }
  respond_node (request->msg, created ? SOUP_STATUS_CREATED : SOUP_STATUS_OK, result);
}

static void
handle_product_delete (SbSandboxServer *self,
                       Request         *request,
                       const char      *offer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  gint64 if_match = parse_if_match (request->msg);
  gint64 version = 0, current = 0;

  if (if_match == -2)
    {
      respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                     "If-Match must be a quoted version number, e.g. \"3\".");
      return;
    }
  if (!sb_sandbox_db_archive_product (self->db, request->api_key, offer_id, if_match, request->now,
                                      &version, &current, &error))
    {
      if (error == NULL)
        respond_error (request->msg, SOUP_STATUS_NOT_FOUND, "not_found", "There is no product with this offer_id.");
      else if (g_error_matches (error, SB_SANDBOX_DB_ERROR, SB_SANDBOX_DB_ERROR_CONFLICT))
        respond_error_full (request->msg, SOUP_STATUS_CONFLICT, "version_conflict",
                            "The product was changed since the version in If-Match; fetch it and merge.",
                            NULL, current);
      else
        respond_internal (request->msg, error);
      return;
    }
  result = write_result (offer_id, version, "archived");
  respond_node (request->msg, SOUP_STATUS_OK, result);
}

static void
add_state_members (JsonObject                *object,
                   const SbSandboxProductRow *row)
{
  g_autoptr(JsonNode) reasons = parse_json_text (row->reasons);
  g_autofree char *updated_at = format_time (row->updated_at);

  json_object_set_int_member (object, "version", row->version);
  json_object_set_string_member (object, "status", row->status);
  json_object_set_member (object, "reasons",
                          reasons != NULL ? json_node_ref (reasons) : json_node_new (JSON_NODE_ARRAY));
  json_object_set_string_member (object, "updated_at", updated_at);
}

static void
handle_product_get (SbSandboxServer *self,
                    Request         *request,
                    const char      *offer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSandboxProductRow) row = NULL;
  g_autoptr(JsonNode) node = NULL;

  row = sb_sandbox_db_get_product (self->db, request->api_key, offer_id, &error);
  if (row == NULL)
    {
      if (error != NULL)
        respond_internal (request->msg, error);
      else
        respond_error (request->msg, SOUP_STATUS_NOT_FOUND, "not_found", "There is no product with this offer_id.");
      return;
    }
  node = parse_json_text (row->body);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      respond_error (request->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "The stored product is damaged.");
      return;
    }
  add_state_members (json_node_get_object (node), row);
  respond_node (request->msg, SOUP_STATUS_OK, node);
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

static void
handle_product_list (SbSandboxServer *self,
                     Request         *request)
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
      respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request", "limit must be a whole number from 1 to 500.");
      return;
    }
  if (!decode_cursor (cursor, &after))
    {
      respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                     "updated_since is not a cursor this server issued; start again with an empty one.");
      return;
    }
  rows = sb_sandbox_db_list_products (self->db, request->api_key, after, (guint) limit, &error);
  if (rows == NULL)
    {
      respond_internal (request->msg, error);
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
  respond_node (request->msg, SOUP_STATUS_OK, response);
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

static void
handle_product_batch (SbSandboxServer *self,
                      Request         *request)
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
      respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                     "POST /v1/products/batch needs an Idempotency-Key header (a UUID, at most 255 characters).");
      return;
    }
  body_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
  if (sb_sandbox_db_find_idempotency (self->db, request->api_key, key, &stored_sha256, &stored_status,
                                      &stored_response, &error))
    {
      if (strcmp (stored_sha256, body_sha256) != 0)
        {
          g_autoptr(JsonNode) fields = single_field ("Idempotency-Key", "idempotency_key_reused",
                                                     "This Idempotency-Key was used with a different body; use a new key for a new batch.");

          respond_error_full (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "idempotency_key_reused",
                              "This Idempotency-Key was used with a different body; use a new key for a new batch.",
                              fields, -1);
          return;
        }
      soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                    "Idempotent-Replayed", "true");
      respond_text (request->msg, stored_status, g_steal_pointer (&stored_response));
      return;
    }
  if (error != NULL)
    {
      respond_internal (request->msg, error);
      return;
    }

  body = parse_body (request);
  if (body == NULL)
    return;
  products = JSON_NODE_HOLDS_OBJECT (body) ? json_object_get_member (json_node_get_object (body), "products") : NULL;
  if (products == NULL || !JSON_NODE_HOLDS_ARRAY (products))
    {
      respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                     "The body must be {\"products\": [ … ]}.");
      return;
    }
  array = json_node_get_array (products);
  if (json_array_get_length (array) > SB_SANDBOX_MAX_BATCH)
    {
      g_autoptr(JsonNode) fields = single_field ("products", "too_many",
                                                 "A batch holds at most 100 products; split it.");

      respond_validation (request->msg, fields);
      return;
    }

  if (!sb_sandbox_db_begin (self->db, &error))
    {
      respond_internal (request->msg, error);
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
          fields = single_field ("", "type", "Each product must be a JSON object.");
          json_builder_add_value (builder, batch_error_result (product, fields));
          continue;
        }
      result = write_product (self, request, product, NULL, -1, &created, &fields, &current, &error);
      if (result != NULL)
        {
          json_object_set_boolean_member (json_node_get_object (result), "ok", TRUE);
          json_builder_add_value (builder, g_steal_pointer (&result));
        }
      else if (fields != NULL)
        json_builder_add_value (builder, batch_error_result (product, fields));
      else
        {
          sb_sandbox_db_rollback (self->db);
          respond_internal (request->msg, error);
          return;
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  response = json_builder_get_root (builder);
  response_text = node_to_string (response);
  if (!sb_sandbox_db_add_idempotency (self->db, request->api_key, key, body_sha256, SOUP_STATUS_OK,
                                      response_text, request->now, &error) ||
      !sb_sandbox_db_commit (self->db, &error))
    {
      sb_sandbox_db_rollback (self->db);
      respond_internal (request->msg, error);
      return;
    }
  respond_text (request->msg, SOUP_STATUS_OK, g_steal_pointer (&response_text));
}

/* Routing */

static void
method_not_allowed (Request    *request,
                    const char *allow)
{
  g_autofree char *message = g_strdup_printf ("%s is not allowed here; use %s.", request->method, allow);

  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg), "Allow", allow);
  respond_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "bad_request", message);
}

static void
route (SbSandboxServer *self,
       Request         *request)
{
  const char *path = request->path;
  const char *method = request->method;

  if (strcmp (path, "/v1/reference/currencies") == 0 ||
      strcmp (path, "/v1/reference/categories") == 0 ||
      strcmp (path, "/v1/reference/carriers") == 0)
    {
      if (strcmp (method, "GET") != 0 && strcmp (method, "HEAD") != 0)
        method_not_allowed (request, "GET");
      else if (g_str_has_suffix (path, "currencies"))
        handle_currencies (self, request);
      else if (g_str_has_suffix (path, "categories"))
        handle_categories (self, request);
      else
        handle_carriers (self, request);
    }
  else if (strcmp (path, "/v1/seller") == 0)
    handle_seller (self, request);
  else if (strcmp (path, "/v1/images") == 0)
    handle_images (self, request);
  else if (strcmp (path, "/v1/products") == 0)
    {
      if (strcmp (method, "GET") == 0)
        handle_product_list (self, request);
      else
        method_not_allowed (request, "GET");
    }
  else if (strcmp (path, "/v1/products/batch") == 0 && strcmp (method, "POST") == 0)
    handle_product_batch (self, request);
  else if (g_str_has_prefix (path, "/v1/products/"))
    {
      g_autofree char *offer_id = g_uri_unescape_string (path + strlen ("/v1/products/"), NULL);

      if (offer_id == NULL || !sb_offer_id_is_valid (offer_id))
        respond_error (request->msg, SOUP_STATUS_NOT_FOUND, "not_found",
                       "There is no such product; an offer_id is 1–64 of A–Z, a–z, 0–9, “.”, “_”, “-”.");
      else if (strcmp (method, "GET") == 0)
        handle_product_get (self, request, offer_id);
      else if (strcmp (method, "PUT") == 0)
        handle_product_put (self, request, offer_id);
      else if (strcmp (method, "DELETE") == 0)
        handle_product_delete (self, request, offer_id);
      else
        method_not_allowed (request, "GET, PUT, DELETE");
    }
  else
    respond_error (request->msg, SOUP_STATUS_NOT_FOUND, "not_found", "There is no such endpoint in API v1.");
}

/* Faults applied to a finished response */

static void
unpause_cb (gpointer data)
{
  soup_server_message_unpause (data);
}

static gboolean
slow_done_cb (gpointer data)
{
  unpause_cb (data);
  return G_SOURCE_REMOVE;
}

static const char *
reason_phrase (guint status)
{
  const char *phrase = soup_status_get_phrase (status);

  return phrase != NULL ? phrase : "Unknown";
}

/* Writes the status line, the headers with the full Content-Length and
 * half of the body, then closes with SO_LINGER 0 so the peer sees a reset
 * in the middle of the body. */
static void
reset_mid_response (SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GIOStream) stream = NULL;
  GSocket *socket = soup_server_message_get_socket (msg);
  const char *request_id = soup_message_headers_get_one (soup_server_message_get_response_headers (msg),
                                                         "X-Request-Id");
  gsize len = g_bytes_get_size (body);
  guint status = soup_server_message_get_status (msg);
  struct linger linger = { 1, 0 };

  g_string_append_printf (head, "HTTP/1.1 %u %s\r\n", status, reason_phrase (status));
  g_string_append_printf (head, "Content-Type: %s\r\n", JSON_CONTENT_TYPE);
  g_string_append_printf (head, "Content-Length: %" G_GSIZE_FORMAT "\r\n", MAX (len, 2));
  if (request_id != NULL)
    g_string_append_printf (head, "X-Request-Id: %s\r\n", request_id);
  g_string_append (head, "Connection: close\r\n\r\n");
  g_string_append_len (head, g_bytes_get_data (body, NULL), len / 2);

  if (socket != NULL)
    g_object_ref (socket);
  stream = soup_server_message_steal_connection (msg);
  if (stream != NULL)
    {
      g_output_stream_write_all (g_io_stream_get_output_stream (stream), head->str, head->len,
                                 NULL, NULL, NULL);
      g_output_stream_flush (g_io_stream_get_output_stream (stream), NULL, NULL);
      if (socket != NULL &&
          setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger) != 0)
        g_debug ("sellbridge-sandbox: SO_LINGER: %s", g_strerror (errno));
      g_io_stream_close (stream, NULL, NULL);
    }
  g_clear_object (&socket);
}

static void
apply_response_fault (SoupServerMessage *msg,
                      SbSandboxFault     fault)
{
  g_autoptr(GBytes) body = NULL;
  gsize len;
  const char *data;

  switch (fault)
    {
    case SB_SANDBOX_FAULT_SLOW:
      soup_server_message_pause (msg);
      g_timeout_add_full (G_PRIORITY_DEFAULT, SB_SANDBOX_SLOW_RESPONSE_MS, slow_done_cb,
                          g_object_ref (msg), g_object_unref);
      break;

    case SB_SANDBOX_FAULT_TRUNCATED:
      body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
      data = g_bytes_get_data (body, &len);
      soup_server_message_set_response (msg, JSON_CONTENT_TYPE, SOUP_MEMORY_COPY, data, len / 2);
      break;

    case SB_SANDBOX_FAULT_MALFORMED:
      {
        g_autoptr(GString) text = g_string_new (NULL);

        body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
        data = g_bytes_get_data (body, &len);
        /* Drop the closing brace and end with a stray comma and bracket. */
        g_string_append_len (text, data != NULL ? data : "", len > 0 ? len - 1 : 0);
        g_string_append (text, ",]");
        if (soup_server_message_get_status (msg) == SOUP_STATUS_NOT_MODIFIED)
          soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, JSON_CONTENT_TYPE, SOUP_MEMORY_COPY, text->str, text->len);
      }
      break;

    case SB_SANDBOX_FAULT_RESET:
      reset_mid_response (msg);
      break;

    case SB_SANDBOX_FAULT_NONE:
    case SB_SANDBOX_FAULT_429:
    case SB_SANDBOX_FAULT_500:
    case SB_SANDBOX_FAULT_503:
    default:
      break;
    }
}

/* Returns TRUE when the fault answered the request already. */
static gboolean
apply_request_fault (SoupServerMessage *msg,
                     SbSandboxFault     fault)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  switch (fault)
    {
    case SB_SANDBOX_FAULT_429:
      soup_message_headers_replace (headers, "Retry-After", "1");
      respond_error (msg, STATUS_TOO_MANY_REQUESTS, "rate_limited",
                     "Too many requests (injected fault); wait for Retry-After seconds.");
      return TRUE;
    case SB_SANDBOX_FAULT_500:
      respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "Internal error (injected fault).");
      return TRUE;
    case SB_SANDBOX_FAULT_503:
      {
        static const char page[] = "<html><body><h1>503 Service Unavailable</h1></body></html>\n";

        soup_message_headers_replace (headers, "Retry-After", "1");
        soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
        soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                          page, sizeof page - 1);
      }
      return TRUE;
    case SB_SANDBOX_FAULT_NONE:
    case SB_SANDBOX_FAULT_RESET:
    case SB_SANDBOX_FAULT_SLOW:
    case SB_SANDBOX_FAULT_TRUNCATED:
    case SB_SANDBOX_FAULT_MALFORMED:
    default:
      return FALSE;
    }
}

/* The server callbacks */

static char *
new_request_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  GString *id = g_string_new ("req_");

  for (const char *p = uuid; *p != '\0'; p++)
    if (*p != '-')
      g_string_append_c (id, *p);
  return g_string_free (id, FALSE);
}

static void
ensure_request_id (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (soup_message_headers_get_one (headers, "X-Request-Id") == NULL)
    {
      g_autofree char *id = new_request_id ();

      soup_message_headers_replace (headers, "X-Request-Id", id);
    }
}

static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset limit = strcmp (path, "/v1/images") == 0 ? SB_SANDBOX_MAX_IMAGE_BYTES : SB_SANDBOX_MAX_BODY_BYTES;

  ensure_request_id (msg);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > limit)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
                     limit == SB_SANDBOX_MAX_IMAGE_BYTES ? "Images may be at most 5 MiB."
                                                         : "Request bodies may be at most 8 MiB.");
    }
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  SbSandboxServer *self = user_data;
  Request request = { 0 };
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autofree char *path_and_query = NULL;
  SbSandboxFault fault = SB_SANDBOX_FAULT_NONE;
  SbSandboxAuthResult auth;
  GUri *uri = soup_server_message_get_uri (msg);
  guint retry_after = 0;
  gsize len;
  const guint8 *data;

  ensure_request_id (msg);
  if (soup_server_message_get_status (msg) != 0)
    return;  /* answered early (413) */

  request.msg = msg;
  request.method = soup_server_message_get_method (msg);
  request.path = path;
  request.query = query != NULL ? g_hash_table_ref (query) : NULL;
  request.body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  request.now = g_get_real_time () / G_USEC_PER_SEC;

  if (!g_str_has_prefix (path, "/v1/"))
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "The Seller API lives under /v1/.");
      request_clear (&request);
      return;
    }

  if (self->faults != NULL)
    fault = sb_sandbox_faults_next (self->faults);
  if (fault != SB_SANDBOX_FAULT_NONE)
    g_debug ("sellbridge-sandbox: fault %s for %s %s", sb_sandbox_fault_to_string (fault), request.method, path);
  if (apply_request_fault (msg, fault))
    {
      request_clear (&request);
      return;
    }

  data = g_bytes_get_data (request.body, &len);
  if (len > SB_SANDBOX_MAX_BODY_BYTES ||
      (strcmp (path, "/v1/images") == 0 && len > SB_SANDBOX_MAX_IMAGE_BYTES))
    {
      respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
                     len > SB_SANDBOX_MAX_BODY_BYTES ? "Request bodies may be at most 8 MiB."
                                                     : "Images may be at most 5 MiB.");
      request_clear (&request);
      return;
    }

  path_and_query = g_uri_get_query (uri) != NULL
                   ? g_strdup_printf ("%s?%s", g_uri_get_path (uri), g_uri_get_query (uri))
                   : g_strdup (g_uri_get_path (uri));
  auth = sb_sandbox_auth_check (self->auth, request.method, path_and_query,
                                soup_message_headers_get_one (headers, "X-Api-Key"),
                                soup_message_headers_get_one (headers, "X-Timestamp"),
                                soup_message_headers_get_one (headers, "X-Signature"),
                                data, len, request.now, g_get_monotonic_time (), &retry_after);
  switch (auth)
    {
    case SB_SANDBOX_AUTH_OK:
      request.api_key = g_strdup (soup_message_headers_get_one (headers, "X-Api-Key"));
      sb_sandbox_server_run_moderation (self);
      route (self, &request);
      break;
    case SB_SANDBOX_AUTH_UNKNOWN_KEY:
      respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "unknown_key",
                     "X-Api-Key is missing or not a key this marketplace issued.");
      break;
    case SB_SANDBOX_AUTH_BAD_SIGNATURE:
      respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "bad_signature",
                     "X-Signature does not match the request; check the secret and the string to sign.");
      break;
    case SB_SANDBOX_AUTH_CLOCK_SKEW:
      {
        g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (request.now);
        g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);

        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Date", date);
        respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "clock_skew",
                       "X-Timestamp is more than 300 seconds from the server's clock; see the Date header.");
      }
      break;
    case SB_SANDBOX_AUTH_RATE_LIMITED:
      respond_rate_limited (msg, retry_after);
      break;
    default:
      g_assert_not_reached ();
    }

  apply_response_fault (msg, fault);
  request_clear (&request);
}

/* GObject */

static void
sb_sandbox_server_dispose (GObject *object)
{
  SbSandboxServer *self = SB_SANDBOX_SERVER (object);

  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
  g_clear_object (&self->db);
  g_clear_object (&self->reference);
  g_clear_object (&self->auth);
  g_clear_object (&self->faults);

  G_OBJECT_CLASS (sb_sandbox_server_parent_class)->dispose (object);
}

static void
sb_sandbox_server_finalize (GObject *object)
{
  SbSandboxServer *self = SB_SANDBOX_SERVER (object);

  g_free (self->url);

  G_OBJECT_CLASS (sb_sandbox_server_parent_class)->finalize (object);
}

static void
sb_sandbox_server_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbSandboxServer *self = SB_SANDBOX_SERVER (object);

  switch (prop_id)
    {
    case PROP_MODERATION_DELAY:
      g_value_set_double (value, self->moderation_delay);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_sandbox_server_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SbSandboxServer *self = SB_SANDBOX_SERVER (object);

  switch (prop_id)
    {
    case PROP_MODERATION_DELAY:
      sb_sandbox_server_set_moderation_delay (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_sandbox_server_class_init (SbSandboxServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_sandbox_server_dispose;
  object_class->finalize = sb_sandbox_server_finalize;
  object_class->get_property = sb_sandbox_server_get_property;
  object_class->set_property = sb_sandbox_server_set_property;

  /**
   * SbSandboxServer:moderation-delay:
   *
   * Seconds between a write and moderation's decision.
   */
  properties[PROP_MODERATION_DELAY] =
    g_param_spec_double ("moderation-delay", NULL, NULL,
                         0.0, 24.0 * 3600.0, 5.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbSandboxServer:url:
   *
   * The base URL once listening, e.g. "http://127.0.0.1:41234".
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_sandbox_server_init (SbSandboxServer *self)
{
  self->moderation_delay = 5.0;
}

/**
 * sb_sandbox_server_new:
 * @db: (transfer none): the sandbox database
 * @reference: (transfer none): the reference data
 * @auth: (transfer none): the keys the server accepts
 * @faults: (transfer none) (nullable): the fault plan, or %NULL for none
 *
 * Returns: (transfer full): a server, not yet listening
 */
SbSandboxServer *
sb_sandbox_server_new (SbSandboxDb        *db,
                       SbSandboxReference *reference,
                       SbSandboxAuth      *auth,
                       SbSandboxFaults    *faults)
{
  SbSandboxServer *self;

  g_return_val_if_fail (SB_IS_SANDBOX_DB (db), NULL);
  g_return_val_if_fail (SB_IS_SANDBOX_REFERENCE (reference), NULL);
  g_return_val_if_fail (SB_IS_SANDBOX_AUTH (auth), NULL);
  g_return_val_if_fail (faults == NULL || SB_IS_SANDBOX_FAULTS (faults), NULL);

  self = g_object_new (SB_TYPE_SANDBOX_SERVER, NULL);
  self->db = g_object_ref (db);
  self->reference = g_object_ref (reference);
  self->auth = g_object_ref (auth);
  self->faults = faults != NULL ? g_object_ref (faults) : NULL;
  self->server = soup_server_new ("server-header", "sellbridge-sandbox/" PACKAGE_VERSION " ", NULL);
  soup_server_add_early_handler (self->server, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  return self;
}

/**
 * sb_sandbox_server_listen:
 * @host: a loopback address or "localhost"
 * @port: the TCP port, or 0 for any free one
 *
 * Starts listening.  The server refuses any address beyond loopback: the
 * sandbox speaks plain HTTP, which the contract allows only there.
 */
gboolean
sb_sandbox_server_listen (SbSandboxServer  *self,
                          const char       *host,
                          guint             port,
                          GError          **error)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *bare = NULL;
  GSList *uris;

  g_return_val_if_fail (SB_IS_SANDBOX_SERVER (self), FALSE);

  if (!sb_endpoint_host_is_loopback (host))
    {
      g_set_error (error, SB_SANDBOX_SERVER_ERROR, SB_SANDBOX_SERVER_ERROR_NOT_LOOPBACK,
                   _("The sandbox listens only on loopback addresses (127.0.0.1, ::1 or localhost), not “%s”."),
                   host);
      return FALSE;
    }
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    bare = g_strdup ("127.0.0.1");
  else if (host[0] == '[')
    bare = g_strndup (host + 1, strlen (host) - 2);
  else
    bare = g_strdup (host);
  address = g_inet_address_new_from_string (bare);
  socket_address = g_inet_socket_address_new (address, port);
  if (!soup_server_listen (self->server, socket_address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    {
      GUri *first = uris->data;

      self->port = (guint) g_uri_get_port (first);
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    self->url = g_strdup_printf ("http://[%s]:%u", bare, self->port);
  else
    self->url = g_strdup_printf ("http://%s:%u", bare, self->port);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
  return TRUE;
}

/**
 * sb_sandbox_server_disconnect:
 *
 * Closes the listening socket and every connection.
 */
void
sb_sandbox_server_disconnect (SbSandboxServer *self)
{
  g_return_if_fail (SB_IS_SANDBOX_SERVER (self));
  if (self->server != NULL)
    soup_server_disconnect (self->server);
}

const char *
sb_sandbox_server_get_url (SbSandboxServer *self)
{
  g_return_val_if_fail (SB_IS_SANDBOX_SERVER (self), NULL);
  return self->url;
}

guint
sb_sandbox_server_get_port (SbSandboxServer *self)
{
  g_return_val_if_fail (SB_IS_SANDBOX_SERVER (self), 0);
  return self->port;
}

double
sb_sandbox_server_get_moderation_delay (SbSandboxServer *self)
{
  g_return_val_if_fail (SB_IS_SANDBOX_SERVER (self), 0.0);
  return self->moderation_delay;
}

void
sb_sandbox_server_set_moderation_delay (SbSandboxServer *self,
                                        double           seconds)
{
  g_return_if_fail (SB_IS_SANDBOX_SERVER (self));

  seconds = CLAMP (seconds, 0.0, 24.0 * 3600.0);
  if (self->moderation_delay == seconds)
    return;
  self->moderation_delay = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODERATION_DELAY]);
}
