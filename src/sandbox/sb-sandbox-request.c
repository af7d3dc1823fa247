/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-request.c: how the sandbox answers.  Every body is JSON in
 * UTF-8; every error is {"error": {"code", "message"}} with "fields" on
 * 422 and "current_version" on 409 (given inside "error" and beside it, so
 * either reading of the contract finds it); cacheable documents carry a
 * strong ETag and answer If-None-Match with 304.
 */
#include "config.h"

#include <string.h>

#include "sb-sandbox-request.h"

/**
 * sb_sandbox_request_clear:
 *
 * Frees what @request owns (query, body, key), not the struct itself.
 */
void
sb_sandbox_request_clear (SbSandboxRequest *request)
{
  g_clear_pointer (&request->query, g_hash_table_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->api_key, g_free);
}

char *
sb_sandbox_node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

void
sb_sandbox_respond_text (SoupServerMessage *msg,
                         guint              status,
                         char              *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, SB_SANDBOX_JSON_CONTENT_TYPE, SOUP_MEMORY_TAKE, text, strlen (text));
}

void
sb_sandbox_respond_node (SoupServerMessage *msg,
                         guint              status,
                         JsonNode          *node)
{
  sb_sandbox_respond_text (msg, status, sb_sandbox_node_to_string (node));
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

void
sb_sandbox_respond_error_full (SoupServerMessage *msg,
                               guint              status,
                               const char        *code,
                               const char        *message,
                               JsonNode          *fields,
                               gint64             current_version)
{
  g_autoptr(JsonNode) node = error_node (code, message, fields, current_version);

  sb_sandbox_respond_node (msg, status, node);
}

void
sb_sandbox_respond_error (SoupServerMessage *msg,
                          guint              status,
                          const char        *code,
                          const char        *message)
{
  sb_sandbox_respond_error_full (msg, status, code, message, NULL, -1);
}

void
sb_sandbox_respond_rate_limited (SoupServerMessage *msg,
                                 guint              retry_after)
{
  g_autofree char *value = g_strdup_printf ("%u", retry_after);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", value);
  sb_sandbox_respond_error (msg, SB_SANDBOX_STATUS_TOO_MANY_REQUESTS, "rate_limited",
                            "More than 10 requests per second with this key; wait for Retry-After seconds.");
}

/* fields: a JSON array of {"path","code","message"}. */
void
sb_sandbox_respond_validation (SoupServerMessage *msg,
                               JsonNode          *fields)
{
  sb_sandbox_respond_error_full (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "validation_failed",
                                 "The request has invalid fields; see fields.", fields, -1);
}

JsonNode *
sb_sandbox_single_field (const char *path,
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

char *
sb_sandbox_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

JsonNode *
sb_sandbox_parse_json_text (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

/* Parses a request body; answers 400 malformed_json and returns NULL when
 * it is not UTF-8 JSON. */
JsonNode *
sb_sandbox_request_parse_body (SbSandboxRequest *request)
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

      sb_sandbox_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "malformed_json", message);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

void
sb_sandbox_respond_internal (SoupServerMessage *msg,
                             const GError      *error)
{
  g_warning ("sellbridge-sandbox: %s", error->message);
  sb_sandbox_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "The sandbox failed; see its log.");
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

void
sb_sandbox_respond_cacheable (SbSandboxRequest *request,
                              GBytes           *body,
                              const char       *etag)
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
  soup_server_message_set_response (request->msg, SB_SANDBOX_JSON_CONTENT_TYPE, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

void
sb_sandbox_method_not_allowed (SbSandboxRequest *request,
                               const char       *allow)
{
  g_autofree char *message = g_strdup_printf ("%s is not allowed here; use %s.", request->method, allow);

  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg), "Allow", allow);
  sb_sandbox_respond_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "bad_request", message);
}
