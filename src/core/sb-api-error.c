/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-api-error.c: maps the marketplace's error answers (status, JSON error
 * body, Retry-After, X-Request-Id) to SB_API_ERROR GErrors whose private
 * data keeps the details.  The user-facing message is ours and translated;
 * the server's own (English) message, its code and its field paths stay
 * available through the getters.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sb-api-error.h"
#include "sb-backoff.h"
#include "sb-product.h"

typedef struct {
  guint      http_status;     /* 0 when no HTTP answer was read */
  char      *server_code;     /* (nullable) (owned) */
  char      *server_message;  /* (nullable) (owned) */
  GPtrArray *fields;          /* (element-type SbReason) (owned) (not nullable) */
  gint64     current_version; /* -1 when absent */
  gint64     retry_after;     /* seconds, -1 when absent */
  char      *request_id;      /* (nullable) (owned) */
} SbApiErrorPrivate;

static void
sb_api_error_private_init (SbApiErrorPrivate *priv)
{
  priv->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  priv->current_version = -1;
  priv->retry_after = -1;
}

static void
sb_api_error_private_copy (const SbApiErrorPrivate *src,
                           SbApiErrorPrivate       *dest)
{
  dest->http_status = src->http_status;
  dest->server_code = g_strdup (src->server_code);
  dest->server_message = g_strdup (src->server_message);
  for (guint i = 0; i < src->fields->len; i++)
    g_ptr_array_add (dest->fields, sb_reason_copy (g_ptr_array_index (src->fields, i)));
  dest->current_version = src->current_version;
  dest->retry_after = src->retry_after;
  dest->request_id = g_strdup (src->request_id);
}

static void
sb_api_error_private_clear (SbApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->server_code, g_free);
  g_clear_pointer (&priv->server_message, g_free);
  g_clear_pointer (&priv->fields, g_ptr_array_unref);
  g_clear_pointer (&priv->request_id, g_free);
}

G_DEFINE_EXTENDED_ERROR (SbApiError, sb_api_error)

/* Reads a string member, NULL when absent or of another type. */
static const char *
object_get_string (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Parses {"error": {"code", "message", "fields", "current_version"}}
 * leniently: an error body is already a failure, so members of a wrong type
 * are skipped, never fatal. */
static void
parse_error_body (SbApiErrorPrivate *priv,
                  GBytes            *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonObject *error_object;
  JsonNode *node;
  gsize size = 0;
  const char *data;

  if (body == NULL)
    return;
  data = g_bytes_get_data (body, &size);
  if (size == 0 || !json_parser_load_from_data (parser, data, (gssize) size, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  node = json_object_get_member (json_node_get_object (root), "error");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  error_object = json_node_get_object (node);

  priv->server_code = g_strdup (object_get_string (error_object, "code"));
  priv->server_message = g_strdup (object_get_string (error_object, "message"));

  node = json_object_get_member (error_object, "current_version");
  if (node == NULL)
    node = json_object_get_member (json_node_get_object (root), "current_version");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64)
    priv->current_version = json_node_get_int (node);

  node = json_object_get_member (error_object, "fields");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *fields = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (fields); i++)
        {
          JsonNode *item = json_array_get_element (fields, i);
          JsonObject *field;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            continue;
          field = json_node_get_object (item);
          g_ptr_array_add (priv->fields,
                           sb_reason_new (object_get_string (field, "code"),
                                          object_get_string (field, "path"),
                                          object_get_string (field, "message")));
        }
    }
}

static SbApiErrorCode
code_for (guint       http_status,
          const char *server_code)
{
  switch (http_status)
    {
    case 400:
      return g_strcmp0 (server_code, "malformed_json") == 0 ?
             SB_API_ERROR_MALFORMED_JSON : SB_API_ERROR_BAD_REQUEST;
    case 401:
    case 403:
      if (g_strcmp0 (server_code, "clock_skew") == 0)
        return SB_API_ERROR_CLOCK_SKEW;
      if (g_strcmp0 (server_code, "unknown_key") == 0)
        return SB_API_ERROR_UNKNOWN_KEY;
      return SB_API_ERROR_BAD_SIGNATURE;
    case 404:
      return SB_API_ERROR_NOT_FOUND;
    case 409:
      return SB_API_ERROR_VERSION_CONFLICT;
    case 413:
      return SB_API_ERROR_TOO_LARGE;
    case 422:
      return g_strcmp0 (server_code, "idempotency_key_reused") == 0 ?
             SB_API_ERROR_IDEMPOTENCY_KEY_REUSED : SB_API_ERROR_VALIDATION_FAILED;
    case 429:
      return SB_API_ERROR_RATE_LIMITED;
    default:
      return http_status >= 500 ? SB_API_ERROR_SERVER : SB_API_ERROR_BAD_REQUEST;
    }
}

static char *
message_for (SbApiErrorCode code,
             guint          http_status)
{
  switch (code)
    {
    case SB_API_ERROR_MALFORMED_JSON:
    case SB_API_ERROR_BAD_REQUEST:
      return g_strdup_printf (_("The marketplace could not understand a request from Sellbridge (HTTP %u). Please report this problem."),
                              http_status);
    case SB_API_ERROR_BAD_SIGNATURE:
    case SB_API_ERROR_UNKNOWN_KEY:
      return g_strdup (_("The marketplace did not accept your API key. Check the key id and secret key in Preferences."));
    case SB_API_ERROR_CLOCK_SKEW:
      return g_strdup (_("This computer’s clock differs too much from the marketplace’s. Set the correct date and time, then sync again."));
    case SB_API_ERROR_NOT_FOUND:
      return g_strdup (_("The marketplace does not have this item."));
    case SB_API_ERROR_VERSION_CONFLICT:
      return g_strdup (_("This product was changed on the marketplace since the last sync. Choose which version to keep."));
    case SB_API_ERROR_TOO_LARGE:
      return g_strdup (_("The request is too large for the marketplace. Use smaller images or fewer products at a time."));
    case SB_API_ERROR_VALIDATION_FAILED:
      return g_strdup (_("The marketplace rejected some fields. Correct the marked fields and sync again."));
    case SB_API_ERROR_IDEMPOTENCY_KEY_REUSED:
      return g_strdup (_("The marketplace refused a repeated batch whose contents had changed. Please report this problem."));
    case SB_API_ERROR_RATE_LIMITED:
      return g_strdup (_("The marketplace asked Sellbridge to slow down. Sync will retry shortly."));
    case SB_API_ERROR_SERVER:
    case SB_API_ERROR_NETWORK:
    case SB_API_ERROR_TIMEOUT:
    case SB_API_ERROR_TOO_LARGE_RESPONSE:
    case SB_API_ERROR_BAD_RESPONSE:
    case SB_API_ERROR_INSECURE:
    case SB_API_ERROR_REDIRECT:
    default:
      return g_strdup_printf (_("The marketplace had a problem (HTTP %u). Sync will retry later."),
                              http_status);
    }
}

/**
 * sb_api_error_new_from_response:
 * @http_status: a status outside 2xx
 * @request_id: (nullable): the X-Request-Id header
 * @retry_after: (nullable): the Retry-After header
 * @body: (nullable): the response body, read leniently
 *
 * Returns: (transfer full): a new SB_API_ERROR error
 */
GError *
sb_api_error_new_from_response (guint       http_status,
                                const char *request_id,
                                const char *retry_after,
                                GBytes     *body)
{
  g_autofree char *message = NULL;
  SbApiErrorPrivate *priv;
  SbApiErrorCode code;
  GError *error;
  SbApiErrorPrivate scratch = { 0 };

  /* Parse first into a scratch record, to pick the code. */
  sb_api_error_private_init (&scratch);
  parse_error_body (&scratch, body);
  code = code_for (http_status, scratch.server_code);
  message = message_for (code, http_status);

  error = g_error_new_literal (SB_API_ERROR, code, message);
  priv = sb_api_error_get_private (error);
  sb_api_error_private_clear (priv);
  *priv = scratch;
  priv->http_status = http_status;
  priv->request_id = g_strdup (request_id);
  if (retry_after != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      gint64 seconds;

      if (sb_backoff_parse_retry_after (retry_after, now, &seconds))
        priv->retry_after = seconds;
    }
  return error;
}

static SbApiErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != SB_API_ERROR)
    return NULL;
  return sb_api_error_get_private (error);
}

/**
 * sb_api_error_get_http_status:
 *
 * Returns: the HTTP status of the answer, or 0 when there was none (network
 *   failure, deadline) or @error is not an SB_API_ERROR
 */
guint
sb_api_error_get_http_status (const GError *error)
{
  SbApiErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->http_status : 0;
}

/**
 * sb_api_error_get_server_code:
 *
 * Returns: (nullable): the server's "error.code", e.g. "clock_skew"
 */
const char *
sb_api_error_get_server_code (const GError *error)
{
  SbApiErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->server_code : NULL;
}

/**
 * sb_api_error_get_server_message:
 *
 * Returns: (nullable): the server's "error.message", untranslated
 */
const char *
sb_api_error_get_server_message (const GError *error)
{
  SbApiErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->server_message : NULL;
}

/**
 * sb_api_error_get_fields:
 *
 * Returns: (transfer none) (element-type SbReason) (nullable): the field
 *   errors of a 422 answer, each with its path, code and message
 */
GPtrArray *
sb_api_error_get_fields (const GError *error)
{
  SbApiErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->fields : NULL;
}

/**
 * sb_api_error_get_current_version:
 *
 * Returns: the server's version of a 409 conflict, or -1
 */
gint64
sb_api_error_get_current_version (const GError *error)
{
  SbApiErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->current_version : -1;
}

/**
 * sb_api_error_get_retry_after:
 *
 * Returns: the Retry-After of the answer in seconds, or -1 when absent
 */
gint64
sb_api_error_get_retry_after (const GError *error)
{
  SbApiErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->retry_after : -1;
}

/**
 * sb_api_error_get_request_id:
 *
 * Returns: (nullable): the X-Request-Id of the answer, to log with the error
 */
const char *
sb_api_error_get_request_id (const GError *error)
{
  SbApiErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->request_id : NULL;
}

/**
 * sb_api_error_set_request_id:
 *
 * Records the X-Request-Id of the answer that caused @error.
 */
void
sb_api_error_set_request_id (GError     *error,
                             const char *request_id)
{
  SbApiErrorPrivate *priv = get_private (error);

  g_return_if_fail (priv != NULL);
  g_free (priv->request_id);
  priv->request_id = g_strdup (request_id);
}

/**
 * sb_api_error_is_retryable:
 *
 * Returns: %TRUE for the failures the contract says to retry with backoff:
 *   429, 5xx, network failures, deadlines and truncated or unreadable bodies
 */
gboolean
sb_api_error_is_retryable (const GError *error)
{
  if (error == NULL || error->domain != SB_API_ERROR)
    return FALSE;
  switch ((SbApiErrorCode) error->code)
    {
    case SB_API_ERROR_RATE_LIMITED:
    case SB_API_ERROR_SERVER:
    case SB_API_ERROR_NETWORK:
    case SB_API_ERROR_TIMEOUT:
    case SB_API_ERROR_BAD_RESPONSE:
      return TRUE;
    case SB_API_ERROR_MALFORMED_JSON:
    case SB_API_ERROR_BAD_REQUEST:
    case SB_API_ERROR_BAD_SIGNATURE:
    case SB_API_ERROR_UNKNOWN_KEY:
    case SB_API_ERROR_CLOCK_SKEW:
    case SB_API_ERROR_NOT_FOUND:
    case SB_API_ERROR_VERSION_CONFLICT:
    case SB_API_ERROR_TOO_LARGE:
    case SB_API_ERROR_VALIDATION_FAILED:
    case SB_API_ERROR_IDEMPOTENCY_KEY_REUSED:
    case SB_API_ERROR_TOO_LARGE_RESPONSE:
    case SB_API_ERROR_INSECURE:
    case SB_API_ERROR_REDIRECT:
    default:
      return FALSE;
    }
}

/**
 * sb_api_error_is_auth:
 *
 * Returns: %TRUE when syncing must stop and ask the seller for credentials
 */
gboolean
sb_api_error_is_auth (const GError *error)
{
  return g_error_matches (error, SB_API_ERROR, SB_API_ERROR_BAD_SIGNATURE) ||
         g_error_matches (error, SB_API_ERROR, SB_API_ERROR_UNKNOWN_KEY) ||
         g_error_matches (error, SB_API_ERROR, SB_API_ERROR_CLOCK_SKEW);
}
