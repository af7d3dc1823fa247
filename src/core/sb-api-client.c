/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-api-client.c: signed, bounded, asynchronous calls to the Seller API.
 *
 * Every call goes through one internal request machine: build the message,
 * sign exactly the request target libsoup will send, send it on the one
 * SoupSession with redirects disabled, read the body in chunks up to the
 * cap, then either hand the bytes to the endpoint's parser (which
 * type-checks every member it reads) or turn the answer into an
 * SB_API_ERROR.  A same-origin redirect is followed (re-signed) a few
 * times; a redirect to another origin is refused.  A 401 clock_skew answer
 * corrects the clock offset from the Date header and retries once.  A
 * timeout source on the caller's main context cancels the request when its
 * total deadline passes.  Nothing here blocks.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "sb-api-client-private.h"
#include "sb-endpoint.h"

#define READ_CHUNK     (64 * 1024)
#define MAX_REDIRECTS  3

struct _SbApiClient
{
  GObject      parent_instance;

  SoupSession *session;       /* (owned) (not nullable) */
  GUri        *base_uri;      /* (owned) (not nullable) */
  char        *base_url;      /* (owned) normalized, no trailing slash */
  char        *key_id;        /* (owned) */
  char        *secret;        /* (owned) never logged; wiped at finalize */
  guint        timeout_ms;    /* total deadline of one request, 0 for none */
  gsize        max_response;  /* bytes of body read before giving up */
  gint64       clock_offset;  /* seconds to add to the local clock */
  guint        rate_limit;    /* requests per rolling second, 0 for no pacing */
  GQueue       send_slots;    /* (element-type gint64) monotonic µs of the last sends */
};

G_DEFINE_FINAL_TYPE (SbApiClient, sb_api_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_KEY_ID,
  PROP_TIMEOUT,
  PROP_MAX_RESPONSE_SIZE,
  PROP_CLOCK_OFFSET,
  PROP_RATE_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Turns a complete 2xx or 304 answer into the endpoint's result. */
typedef gpointer (*ParseFunc) (guint                status,
                               SoupMessageHeaders  *headers,
                               GBytes              *body,
                               GError             **error);

typedef struct {
  SbApiClient    *client;          /* (owned) */
  char           *method;
  char           *target;          /* path and query below the base URL */
  GUri           *uri;             /* (owned) current request URI */
  GBytes         *body;            /* (owned) (nullable) */
  char           *content_type;    /* (nullable) */
  char           *if_none_match;   /* (nullable) */
  char           *if_match;        /* (nullable) */
  char           *idempotency_key; /* (nullable) */
  ParseFunc       parse;
  GDestroyNotify  result_free;

  guint           redirects;
  gboolean        skew_retried;

  GCancellable   *cancellable;     /* (owned) cancelled by the caller or the deadline */
  GCancellable   *user_cancellable;/* (owned) (nullable) */
  gulong          user_cancel_id;
  GSource        *deadline;        /* (owned) (nullable) */
  GSource        *pacing;          /* (owned) (nullable) waiting for a send slot */
  gboolean        timed_out;

  SoupMessage    *msg;             /* (owned) (nullable) */
  char           *request_id;      /* (owned) (nullable) X-Request-Id of the answer */
  GInputStream   *stream;          /* (owned) (nullable) */
  GByteArray     *buffer;          /* (owned) (nullable) */
} Request;

static void request_start (GTask *task);

static void
request_free (Request *req)
{
  if (req->user_cancellable != NULL && req->user_cancel_id != 0)
    g_cancellable_disconnect (req->user_cancellable, req->user_cancel_id);
  if (req->deadline != NULL)
    {
      g_source_destroy (req->deadline);
      g_source_unref (req->deadline);
    }
  if (req->pacing != NULL)
    {
      g_source_destroy (req->pacing);
      g_source_unref (req->pacing);
    }
  g_clear_object (&req->user_cancellable);
  g_clear_object (&req->cancellable);
  g_clear_object (&req->msg);
  g_free (req->request_id);
  g_clear_object (&req->stream);
  g_clear_pointer (&req->buffer, g_byte_array_unref);
  g_clear_pointer (&req->uri, g_uri_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->method);
  g_free (req->target);
  g_free (req->content_type);
  g_free (req->if_none_match);
  g_free (req->if_match);
  g_free (req->idempotency_key);
  g_clear_object (&req->client);
  g_free (req);
}

static void
user_cancelled_cb (GCancellable *user_cancellable,
                   GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Request *req = user_data;

  req->timed_out = TRUE;
  g_cancellable_cancel (req->cancellable);
  g_clear_pointer (&req->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

/* ---- JSON helpers: every member read is type-checked. ---- */

static void
set_bad_member (GError     **error,
                const char  *name)
{
  g_set_error (error, SB_API_ERROR, SB_API_ERROR_BAD_RESPONSE,
               /* Translators: %s is a JSON member name such as "version". */
               _("The marketplace sent an answer Sellbridge cannot read (member “%s” is missing or of the wrong type). Try again later."),
               name);
}

static JsonNode *
parse_root_object (GBytes  *body,
                   GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  JsonNode *root;

  if (data == NULL || size == 0 ||
      !g_utf8_validate (data, (gssize) size, NULL) ||
      !json_parser_load_from_data (parser, data, (gssize) size, &local_error))
    {
      g_set_error (error, SB_API_ERROR, SB_API_ERROR_BAD_RESPONSE,
                   _("The marketplace sent an answer that is not valid JSON. Try again later."));
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SB_API_ERROR, SB_API_ERROR_BAD_RESPONSE,
                   _("The marketplace sent an answer that is not a JSON object. Try again later."));
      return NULL;
    }
  return json_node_ref (root);
}

/* @required: when FALSE a missing member or null gives *out = NULL. */
static gboolean
get_string (JsonObject  *object,
            const char  *name,
            gboolean     required,
            const char **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      set_bad_member (error, name);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_bad_member (error, name);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_int (JsonObject  *object,
         const char  *name,
         gboolean     required,
         gint64       min,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      set_bad_member (error, name);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < min)
    {
      set_bad_member (error, name);
      return FALSE;
    }
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_bool (JsonObject  *object,
          const char  *name,
          gboolean    *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      set_bad_member (error, name);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* Returns the array member, NULL without error when absent or null. */
static gboolean
get_array (JsonObject  *object,
           const char  *name,
           gboolean     required,
           JsonArray  **out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      set_bad_member (error, name);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_bad_member (error, name);
      return FALSE;
    }
  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_server_status (JsonObject   *object,
                   SbSyncState  *out,
                   GError      **error)
{
  const char *text;

  if (!get_string (object, "status", TRUE, &text, error))
    return FALSE;
  if (!sb_sync_state_from_string (text, out) ||
      (*out != SB_SYNC_PENDING_REVIEW && *out != SB_SYNC_ACTIVE &&
       *out != SB_SYNC_REJECTED && *out != SB_SYNC_ARCHIVED))
    {
      set_bad_member (error, "status");
      return FALSE;
    }
  return TRUE;
}

/* [{"path"?, "code", "message"}…] into SbReasons; null/absent is empty. */
static gboolean
get_reasons (JsonObject  *object,
             const char  *name,
             GPtrArray   *into,
             GError     **error)
{
  JsonArray *array;

  if (!get_array (object, name, FALSE, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *code, *path, *message;
      JsonObject *reason;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          set_bad_member (error, name);
          return FALSE;
        }
      reason = json_node_get_object (node);
      if (!get_string (reason, "code", TRUE, &code, error) ||
          !get_string (reason, "path", FALSE, &path, error) ||
          !get_string (reason, "message", FALSE, &message, error))
        return FALSE;
      g_ptr_array_add (into, sb_reason_new (code, path, message));
    }
  return TRUE;
}

/* ---- Endpoint parsers. ---- */

static gpointer
parse_reference (guint                status,
                 SoupMessageHeaders  *headers,
                 GBytes              *body,
                 GError             **error)
{
  g_autoptr(SbApiReference) reference = g_new0 (SbApiReference, 1);

  reference->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      reference->not_modified = TRUE;
      return g_steal_pointer (&reference);
    }
  reference->root = parse_root_object (body, error);
  if (reference->root == NULL)
    return NULL;
  return g_steal_pointer (&reference);
}

static gpointer
parse_object (guint                status,
              SoupMessageHeaders  *headers,
              GBytes              *body,
              GError             **error)
{
  return parse_root_object (body, error);
}

static gpointer
parse_image (guint                status,
             SoupMessageHeaders  *headers,
             GBytes              *body,
             GError             **error)
{
  g_autoptr(JsonNode) root = parse_root_object (body, error);
  g_autoptr(SbApiImage) image = NULL;
  JsonObject *object;
  const char *image_id, *sha256;
  gint64 width = 0, height = 0;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  if (!get_string (object, "image_id", TRUE, &image_id, error) ||
      !get_string (object, "sha256", FALSE, &sha256, error) ||
      !get_int (object, "width", FALSE, 0, &width, error) ||
      !get_int (object, "height", FALSE, 0, &height, error))
    return NULL;
  if (!g_str_has_prefix (image_id, "img_"))
    {
      set_bad_member (error, "image_id");
      return NULL;
    }
  image = g_new0 (SbApiImage, 1);
  image->image_id = g_strdup (image_id);
  image->sha256 = g_strdup (sha256);
  image->width = (guint) MIN (width, G_MAXUINT);
  image->height = (guint) MIN (height, G_MAXUINT);
  image->created = status == SOUP_STATUS_CREATED;
  return g_steal_pointer (&image);
}

static gpointer
parse_write_result (guint                status,
                    SoupMessageHeaders  *headers,
                    GBytes              *body,
                    GError             **error)
{
  g_autoptr(JsonNode) root = parse_root_object (body, error);
  g_autoptr(SbApiWriteResult) result = NULL;
  JsonObject *object;
  const char *offer_id;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  result = g_new0 (SbApiWriteResult, 1);
  if (!get_string (object, "offer_id", TRUE, &offer_id, error) ||
      !get_int (object, "version", TRUE, 1, &result->version, error) ||
      !get_server_status (object, &result->status, error))
    return NULL;
  result->offer_id = g_strdup (offer_id);
  result->created = status == SOUP_STATUS_CREATED;
  return g_steal_pointer (&result);
}

static gpointer
parse_batch (guint                status,
             SoupMessageHeaders  *headers,
             GBytes              *body,
             GError             **error)
{
  g_autoptr(JsonNode) root = parse_root_object (body, error);
  g_autoptr(GPtrArray) items = NULL;
  JsonArray *results;

  if (root == NULL ||
      !get_array (json_node_get_object (root), "results", TRUE, &results, error))
    return NULL;
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_api_batch_item_free);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      g_autoptr(SbApiBatchItem) item = sb_api_batch_item_new ();
      JsonNode *node = json_array_get_element (results, i);
      JsonObject *object;
      const char *offer_id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          set_bad_member (error, "results");
          return NULL;
        }
      object = json_node_get_object (node);
      if (!get_string (object, "offer_id", TRUE, &offer_id, error) ||
          !get_bool (object, "ok", &item->ok, error))
        return NULL;
      item->offer_id = g_strdup (offer_id);
      if (item->ok)
        {
          if (!get_int (object, "version", TRUE, 1, &item->version, error) ||
              !get_server_status (object, &item->status, error))
            return NULL;
        }
      else
        {
          JsonNode *error_node = json_object_get_member (object, "error");
          JsonObject *error_object;
          const char *code, *message;

          if (error_node == NULL || !JSON_NODE_HOLDS_OBJECT (error_node))
            {
              set_bad_member (error, "error");
              return NULL;
            }
          error_object = json_node_get_object (error_node);
          if (!get_string (error_object, "code", TRUE, &code, error) ||
              !get_string (error_object, "message", FALSE, &message, error) ||
              !get_int (error_object, "current_version", FALSE, 0, &item->current_version, error) ||
              !get_int (object, "current_version", FALSE, 0, &item->current_version, error) ||
              !get_reasons (error_object, "fields", item->fields, error))
            return NULL;
          item->error_code = g_strdup (code);
          item->error_message = g_strdup (message);
        }
      g_ptr_array_add (items, g_steal_pointer (&item));
    }
  return g_steal_pointer (&items);
}

static gpointer
parse_status_page (guint                status,
                   SoupMessageHeaders  *headers,
                   GBytes              *body,
                   GError             **error)
{
  g_autoptr(JsonNode) root = parse_root_object (body, error);
  g_autoptr(SbApiStatusPage) page = NULL;
  JsonArray *products;
  JsonObject *object;
  const char *cursor;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  if (!get_array (object, "products", TRUE, &products, error) ||
      !get_string (object, "next_cursor", FALSE, &cursor, error))
    return NULL;
  page = sb_api_status_page_new ();
  page->next_cursor = g_strdup (cursor);
  for (guint i = 0; i < json_array_get_length (products); i++)
    {
      g_autoptr(SbApiProductStatus) item = sb_api_product_status_new ();
      JsonNode *node = json_array_get_element (products, i);
      const char *offer_id, *updated_at;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          set_bad_member (error, "products");
          return NULL;
        }
      object = json_node_get_object (node);
      if (!get_string (object, "offer_id", TRUE, &offer_id, error) ||
          !get_int (object, "version", TRUE, 1, &item->version, error) ||
          !get_server_status (object, &item->status, error) ||
          !get_reasons (object, "reasons", item->reasons, error) ||
          !get_string (object, "updated_at", FALSE, &updated_at, error))
        return NULL;
      item->offer_id = g_strdup (offer_id);
      item->updated_at = g_strdup (updated_at);
      g_ptr_array_add (page->items, g_steal_pointer (&item));
    }
  return g_steal_pointer (&page);
}

/* ---- The request machine. ---- */

/**
 * sb_api_sign:
 * @secret: the secret key
 * @method: "GET", "PUT", …
 * @path_and_query: the request target exactly as sent
 * @timestamp: the X-Timestamp value
 * @body: (nullable): the exact body bytes
 *
 * Returns: (transfer full): lowercase hex HMAC-SHA256 of the contract's
 *   string to sign
 */
char *
sb_api_sign (const char *secret,
             const char *method,
             const char *path_and_query,
             const char *timestamp,
             GBytes     *body)
{
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret));
  g_autofree char *to_sign = NULL;

  if (body != NULL)
    {
      gsize size = 0;
      const guchar *data = g_bytes_get_data (body, &size);

      if (size > 0)
        g_checksum_update (sha, data, (gssize) size);
    }
  to_sign = g_strdup_printf ("%s\n%s\n%s\n%s", method, path_and_query, timestamp,
                             g_checksum_get_string (sha));
  g_hmac_update (hmac, (const guchar *) to_sign, (gssize) strlen (to_sign));
  return g_strdup (g_hmac_get_string (hmac));
}

static char *
uri_get_target (GUri *uri)
{
  const char *query = g_uri_get_query (uri);
  const char *path = g_uri_get_path (uri);

  if (path == NULL || *path == '\0')
    path = "/";
  return query != NULL ? g_strconcat (path, "?", query, NULL) : g_strdup (path);
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

static void
request_return_error (GTask  *task,
                      GError *error)
{
  Request *req = g_task_get_task_data (task);
  const char *request_id = req->request_id;

  /* The message is done with: let its connection go back to the pool
   * before the caller's callback starts another request. */
  g_clear_object (&req->stream);
  g_clear_object (&req->msg);
  if (error->domain == SB_API_ERROR && request_id != NULL &&
      sb_api_error_get_request_id (error) == NULL)
    sb_api_error_set_request_id (error, request_id);
  /* The contract asks a client to log X-Request-Id with any error. */
  g_debug ("%s %s failed (request id %s): %s", req->method, req->target,
           request_id != NULL ? request_id : "none", error->message);
  g_task_return_error (task, error);
}

/* The transport failed: the caller cancelled, the deadline passed, or the
 * network or TLS failed.  TLS errors are never ignored: the session has no
 * accept-certificate handler, and a TLS failure is SB_API_ERROR_INSECURE,
 * which is not retried. */
static void
request_fail_transport (GTask  *task,
                        GError *error)
{
  Request *req = g_task_get_task_data (task);

  if (req->timed_out)
    {
      g_clear_error (&error);
      error = g_error_new (SB_API_ERROR, SB_API_ERROR_TIMEOUT,
                           _("The marketplace did not answer within %u seconds. Check the connection and try again."),
                           (req->client->timeout_ms + 999) / 1000);
    }
  else if (req->user_cancellable != NULL && g_cancellable_is_cancelled (req->user_cancellable))
    {
      /* Keep G_IO_ERROR_CANCELLED as it is. */
      g_clear_error (&error);
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The operation was cancelled."));
    }
  else if (error->domain == G_TLS_ERROR)
    {
      /* Never ignored, and not retried: a bad certificate stays bad. */
      GError *wrapped = g_error_new (SB_API_ERROR, SB_API_ERROR_INSECURE,
                                     /* Translators: %s is the system's description of a TLS failure. */
                                     _("The marketplace’s secure connection could not be verified: %s. Check the marketplace address and this computer’s date and time."),
                                     error->message);
      g_clear_error (&error);
      error = wrapped;
    }
  else if (error->domain != SB_API_ERROR)
    {
      GError *wrapped = g_error_new (SB_API_ERROR, SB_API_ERROR_NETWORK,
                                     /* Translators: %s is the system's description of a network failure. */
                                     _("Could not reach the marketplace: %s. Check the connection and try again."),
                                     error->message);
      g_clear_error (&error);
      error = wrapped;
    }
  request_return_error (task, error);
  g_object_unref (task);
}

static void
request_finish_body (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (req->msg);
  guint status = soup_message_get_status (req->msg);
  g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&req->buffer));
  GError *error = NULL;
  gpointer result;

  g_clear_object (&req->stream);

  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autoptr(GUri) next = NULL;

      if (location != NULL)
        next = g_uri_parse_relative (req->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
      if (next == NULL || !same_origin (req->uri, next) || req->redirects >= MAX_REDIRECTS)
        {
          error = g_error_new (SB_API_ERROR, SB_API_ERROR_REDIRECT,
                               _("The marketplace redirected the request to another address (%s). Check the marketplace address in Preferences."),
                               next != NULL && g_uri_get_host (next) != NULL ? g_uri_get_host (next) : "?");
          request_return_error (task, error);
          g_object_unref (task);
          return;
        }
      req->redirects++;
      g_uri_unref (req->uri);
      req->uri = g_steal_pointer (&next);
      request_start (task);
      return;
    }

  if (status == SOUP_STATUS_UNAUTHORIZED && !req->skew_retried)
    {
      g_autoptr(GError) skew = sb_api_error_new_from_response (status, NULL, NULL, body);
      const char *date = soup_message_headers_get_one (headers, "Date");
      g_autoptr(GDateTime) server_time = date != NULL ? soup_date_time_new_from_http_string (date) : NULL;

      if (g_error_matches (skew, SB_API_ERROR, SB_API_ERROR_CLOCK_SKEW) && server_time != NULL)
        {
          gint64 local = g_get_real_time () / G_USEC_PER_SEC;

          req->skew_retried = TRUE;
          sb_api_client_set_clock_offset (req->client, g_date_time_to_unix (server_time) - local);
          request_start (task);
          return;
        }
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status) || status == SOUP_STATUS_NOT_MODIFIED)
    {
      result = req->parse (status, headers, body, &error);
      if (result == NULL)
        request_return_error (task, error);
      else
        {
          g_clear_object (&req->msg);
          g_task_return_pointer (task, result, req->result_free);
        }
      g_object_unref (task);
      return;
    }

  request_return_error (task,
                        sb_api_error_new_from_response (status,
                                                        soup_message_headers_get_one (headers, "X-Request-Id"),
                                                        soup_message_headers_get_one (headers, "Retry-After"),
                                                        body));
  g_object_unref (task);
}

static GError *
too_large_error (SbApiClient *client)
{
  g_autofree char *size = g_format_size (client->max_response);

  return g_error_new (SB_API_ERROR, SB_API_ERROR_TOO_LARGE_RESPONSE,
                      /* Translators: %s is a size such as "16.8 MB". */
                      _("The marketplace sent an answer larger than %s. Check the marketplace address in Preferences."),
                      size);
}

static void
close_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  /* The whole body was read; a failure to close changes nothing. */
  g_input_stream_close_finish (G_INPUT_STREAM (source), result, NULL);
  request_finish_body (user_data);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      request_fail_transport (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      /* Closing the stream after its end lets libsoup reuse the
       * connection for the next request. */
      g_input_stream_close_async (req->stream, G_PRIORITY_DEFAULT, NULL, close_cb, task);
      return;
    }
  if (req->buffer->len + g_bytes_get_size (chunk) > req->client->max_response)
    {
      g_cancellable_cancel (req->cancellable);
      request_return_error (task, too_large_error (req->client));
      g_object_unref (task);
      return;
    }
  g_byte_array_append (req->buffer, g_bytes_get_data (chunk, NULL), (guint) g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->cancellable, read_cb, task);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;

  req->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (req->stream == NULL)
    {
      request_fail_transport (task, error);
      return;
    }
  headers = soup_message_get_response_headers (req->msg);
  g_free (req->request_id);
  req->request_id = g_strdup (soup_message_headers_get_one (headers, "X-Request-Id"));
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) req->client->max_response)
    {
      g_cancellable_cancel (req->cancellable);
      request_return_error (task, too_large_error (req->client));
      g_object_unref (task);
      return;
    }
  req->buffer = g_byte_array_new ();
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->cancellable, read_cb, task);
}

static void
request_send (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  SbApiClient *client = req->client;
  SoupMessageHeaders *headers;
  g_autofree char *target = NULL;
  g_autofree char *timestamp = NULL;
  g_autofree char *signature = NULL;

  g_clear_object (&req->msg);
  req->msg = soup_message_new_from_uri (req->method, req->uri);
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (req->msg);

  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->msg,
                                              req->content_type != NULL ? req->content_type :
                                              "application/json; charset=utf-8",
                                              req->body);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (req->if_none_match != NULL)
    soup_message_headers_replace (headers, "If-None-Match", req->if_none_match);
  if (req->if_match != NULL)
    soup_message_headers_replace (headers, "If-Match", req->if_match);
  if (req->idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", req->idempotency_key);

  /* Sign exactly the target libsoup writes on the request line. */
  target = uri_get_target (soup_message_get_uri (req->msg));
  timestamp = g_strdup_printf ("%" G_GINT64_FORMAT,
                               g_get_real_time () / G_USEC_PER_SEC + client->clock_offset);
  signature = sb_api_sign (client->secret, req->method, target, timestamp, req->body);
  soup_message_headers_replace (headers, "X-Api-Key", client->key_id);
  soup_message_headers_replace (headers, "X-Timestamp", timestamp);
  soup_message_headers_replace (headers, "X-Signature", signature);

  soup_session_send_async (client->session, req->msg, G_PRIORITY_DEFAULT,
                           req->cancellable, send_cb, task);
}

/* Reserves the next send slot: at most rate_limit sends in any rolling
 * second (plus a small margin), as the contract's limit is counted.
 * Returns the monotonic time of the slot. */
static gint64
reserve_send_slot (SbApiClient *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 slot = now;

  if (self->rate_limit == 0)
    return now;
  while (self->send_slots.length >= self->rate_limit)
    {
      gint64 oldest = *(gint64 *) g_queue_peek_head (&self->send_slots);

      if (self->send_slots.length > self->rate_limit)
        {
          g_free (g_queue_pop_head (&self->send_slots));
          continue;
        }
      slot = MAX (slot, oldest + G_USEC_PER_SEC + 50 * 1000);
      g_free (g_queue_pop_head (&self->send_slots));
      break;
    }
  g_queue_push_tail (&self->send_slots, g_memdup2 (&slot, sizeof slot));
  return slot;
}

static gboolean
pacing_over_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);

  g_clear_pointer (&req->pacing, g_source_unref);
  request_send (task);
  return G_SOURCE_REMOVE;
}

/* Sends now, or when the client's pacing allows. */
static void
request_start (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  gint64 wait = reserve_send_slot (req->client) - g_get_monotonic_time ();

  if (wait <= 0)
    {
      request_send (task);
      return;
    }
  req->pacing = g_timeout_source_new ((guint) ((wait + 999) / 1000));
  g_source_set_callback (req->pacing, pacing_over_cb, task, NULL);
  g_source_set_static_name (req->pacing, "[sellbridge] API request pacing");
  g_source_attach (req->pacing, g_main_context_get_thread_default ());
}

/* Creates the task and its request; @target is below the base URL. */
static GTask *
request_new (SbApiClient         *self,
             const char          *method,
             const char          *target,
             ParseFunc            parse,
             GDestroyNotify       result_free,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *req = g_new0 (Request, 1);
  g_autofree char *url = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  req->client = g_object_ref (self);
  req->method = g_strdup (method);
  req->target = g_strdup (target);
  req->parse = parse;
  req->result_free = result_free;
  url = g_strconcat (self->base_url, target, NULL);
  req->uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  g_assert (req->uri != NULL);
  req->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      req->user_cancellable = g_object_ref (cancellable);
      req->user_cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (user_cancelled_cb),
                                                   req->cancellable, NULL);
    }
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);
  return task;
}

/* Arms the deadline and sends.  Takes the task's reference. */
static void
request_run (GTask *task)
{
  Request *req = g_task_get_task_data (task);

  if (req->client->timeout_ms > 0)
    {
      req->deadline = g_timeout_source_new (req->client->timeout_ms);
      g_source_set_callback (req->deadline, deadline_cb, req, NULL);
      g_source_set_static_name (req->deadline, "[sellbridge] API request deadline");
      g_source_attach (req->deadline, g_main_context_get_thread_default ());
    }
  request_start (task);
}

static gpointer
request_finish (SbApiClient   *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (SB_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GBytes *
json_to_bytes (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *data;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_take (data, length);
}

/* ---- GObject. ---- */

static void
sb_api_client_finalize (GObject *object)
{
  SbApiClient *self = SB_API_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_free (self->base_url);
  g_free (self->key_id);
  g_queue_clear_full (&self->send_slots, g_free);
  if (self->secret != NULL)
    memset (self->secret, 0, strlen (self->secret));
  g_free (self->secret);

  G_OBJECT_CLASS (sb_api_client_parent_class)->finalize (object);
}

static void
sb_api_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SbApiClient *self = SB_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_KEY_ID:
      g_value_set_string (value, self->key_id);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;
    case PROP_MAX_RESPONSE_SIZE:
      g_value_set_uint64 (value, self->max_response);
      break;
    case PROP_CLOCK_OFFSET:
      g_value_set_int64 (value, self->clock_offset);
      break;
    case PROP_RATE_LIMIT:
      g_value_set_uint (value, self->rate_limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_api_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SbApiClient *self = SB_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      sb_api_client_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_RESPONSE_SIZE:
      sb_api_client_set_max_response_size (self, (gsize) g_value_get_uint64 (value));
      break;
    case PROP_CLOCK_OFFSET:
      sb_api_client_set_clock_offset (self, g_value_get_int64 (value));
      break;
    case PROP_RATE_LIMIT:
      sb_api_client_set_rate_limit (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_api_client_class_init (SbApiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_api_client_finalize;
  object_class->get_property = sb_api_client_get_property;
  object_class->set_property = sb_api_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY_ID] =
    g_param_spec_string ("key-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, SB_API_CLIENT_DEFAULT_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_RESPONSE_SIZE] =
    g_param_spec_uint64 ("max-response-size", NULL, NULL, 1, G_MAXSIZE, SB_API_CLIENT_DEFAULT_MAX_RESPONSE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCK_OFFSET] =
    g_param_spec_int64 ("clock-offset", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RATE_LIMIT] =
    g_param_spec_uint ("rate-limit", NULL, NULL, 0, G_MAXUINT, SB_API_CLIENT_DEFAULT_RATE_LIMIT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_api_client_init (SbApiClient *self)
{
  self->timeout_ms = SB_API_CLIENT_DEFAULT_TIMEOUT_MS;
  self->max_response = SB_API_CLIENT_DEFAULT_MAX_RESPONSE;
  self->rate_limit = SB_API_CLIENT_DEFAULT_RATE_LIMIT;
  g_queue_init (&self->send_slots);
}

/* ---- Public API. ---- */

/**
 * sb_api_client_new:
 * @base_url: the marketplace's base URL; https, or http to loopback only
 * @key_id: the access key id
 * @secret: the secret key; kept in memory only, never logged
 *
 * Returns: (transfer full) (nullable): a client, or %NULL with @error set
 *   (SB_API_ERROR_INSECURE for plain http to another host)
 */
SbApiClient *
sb_api_client_new (const char  *base_url,
                   const char  *key_id,
                   const char  *secret,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *normalized = NULL;
  SbApiClient *self;

  g_return_val_if_fail (key_id != NULL, NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  normalized = sb_endpoint_normalize (base_url, &local_error);
  if (normalized == NULL)
    {
      g_set_error_literal (error, SB_API_ERROR,
                           g_error_matches (local_error, SB_ENDPOINT_ERROR, SB_ENDPOINT_ERROR_INSECURE) ?
                           SB_API_ERROR_INSECURE : SB_API_ERROR_BAD_REQUEST,
                           local_error->message);
      return NULL;
    }
  if (*key_id == '\0' || *secret == '\0')
    {
      g_set_error_literal (error, SB_API_ERROR, SB_API_ERROR_UNKNOWN_KEY,
                           _("The API key id or secret key is empty. Enter both in Preferences."));
      return NULL;
    }

  self = g_object_new (SB_TYPE_API_CLIENT, NULL);
  self->base_uri = g_uri_parse (normalized, SOUP_HTTP_URI_FLAGS, NULL);
  self->base_url = g_steal_pointer (&normalized);
  self->key_id = g_strdup (key_id);
  self->secret = g_strdup (secret);
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "user-agent", "Sellbridge/" PACKAGE_VERSION " ",
                                "max-conns-per-host", 4,
                                NULL);
  return self;
}

const char *
sb_api_client_get_base_url (SbApiClient *self)
{
  g_return_val_if_fail (SB_IS_API_CLIENT (self), NULL);
  return self->base_url;
}

const char *
sb_api_client_get_key_id (SbApiClient *self)
{
  g_return_val_if_fail (SB_IS_API_CLIENT (self), NULL);
  return self->key_id;
}

guint
sb_api_client_get_timeout (SbApiClient *self)
{
  g_return_val_if_fail (SB_IS_API_CLIENT (self), 0);
  return self->timeout_ms;
}

/**
 * sb_api_client_set_timeout:
 * @timeout_ms: the total deadline of each request (connecting, sending,
 *   reading, redirects and the clock-skew retry together), 0 for none
 */
void
sb_api_client_set_timeout (SbApiClient *self,
                           guint        timeout_ms)
{
  g_return_if_fail (SB_IS_API_CLIENT (self));
  if (self->timeout_ms == timeout_ms)
    return;
  self->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

gsize
sb_api_client_get_max_response_size (SbApiClient *self)
{
  g_return_val_if_fail (SB_IS_API_CLIENT (self), 0);
  return self->max_response;
}

/**
 * sb_api_client_set_max_response_size:
 * @max_bytes: the largest body read; beyond it the request fails with
 *   SB_API_ERROR_TOO_LARGE_RESPONSE before any JSON parsing
 */
void
sb_api_client_set_max_response_size (SbApiClient *self,
                                     gsize        max_bytes)
{
  g_return_if_fail (SB_IS_API_CLIENT (self));
  g_return_if_fail (max_bytes > 0);
  if (self->max_response == max_bytes)
    return;
  self->max_response = max_bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RESPONSE_SIZE]);
}

/**
 * sb_api_client_get_clock_offset:
 *
 * Returns: the seconds added to the local clock for X-Timestamp, learnt
 *   from the Date header of a 401 clock_skew answer
 */
gint64
sb_api_client_get_clock_offset (SbApiClient *self)
{
  g_return_val_if_fail (SB_IS_API_CLIENT (self), 0);
  return self->clock_offset;
}

void
sb_api_client_set_clock_offset (SbApiClient *self,
                                gint64       offset_s)
{
  g_return_if_fail (SB_IS_API_CLIENT (self));
  if (self->clock_offset == offset_s)
    return;
  self->clock_offset = offset_s;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK_OFFSET]);
}

guint
sb_api_client_get_rate_limit (SbApiClient *self)
{
  g_return_val_if_fail (SB_IS_API_CLIENT (self), 0);
  return self->rate_limit;
}

/**
 * sb_api_client_set_rate_limit:
 * @per_second: requests sent in any rolling second at most (the contract
 *   allows 10 per key), 0 to send without pacing
 *
 * Paces the requests so that a sync stays under the marketplace's limit
 * instead of meeting 429 answers; a 429 is still handled by the caller.
 */
void
sb_api_client_set_rate_limit (SbApiClient *self,
                              guint        per_second)
{
  g_return_if_fail (SB_IS_API_CLIENT (self));
  if (self->rate_limit == per_second)
    return;
  self->rate_limit = per_second;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE_LIMIT]);
}

static void
get_reference_async (SbApiClient         *self,
                     const char          *target,
                     const char          *etag,
                     gpointer             source_tag,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task = request_new (self, "GET", target, parse_reference,
                             (GDestroyNotify) sb_api_reference_free, source_tag,
                             cancellable, callback, user_data);
  Request *req = g_task_get_task_data (task);

  req->if_none_match = g_strdup (etag);
  request_run (task);
}

/**
 * sb_api_client_get_currencies_async:
 * @etag: (nullable): the ETag of the copy the caller has
 *
 * GET /v1/reference/currencies, with If-None-Match when @etag is given.
 */
void
sb_api_client_get_currencies_async (SbApiClient         *self,
                                    const char          *etag,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (SB_IS_API_CLIENT (self));
  get_reference_async (self, "/v1/reference/currencies", etag,
                       sb_api_client_get_currencies_async, cancellable, callback, user_data);
}

/**
 * sb_api_client_get_currencies_finish:
 *
 * Returns: (transfer full): the answer; not_modified set on 304
 */
SbApiReference *
sb_api_client_get_currencies_finish (SbApiClient   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return request_finish (self, result, sb_api_client_get_currencies_async, error);
}

/**
 * sb_api_client_get_categories_async:
 * @lang: "en", "ko" or "ru"
 * @etag: (nullable): the ETag of the copy the caller has
 */
void
sb_api_client_get_categories_async (SbApiClient         *self,
                                    const char          *lang,
                                    const char          *etag,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *target = NULL;

  g_return_if_fail (SB_IS_API_CLIENT (self));
  g_return_if_fail (lang != NULL);
  escaped = g_uri_escape_string (lang, NULL, FALSE);
  target = g_strconcat ("/v1/reference/categories?lang=", escaped, NULL);
  get_reference_async (self, target, etag, sb_api_client_get_categories_async,
                       cancellable, callback, user_data);
}

SbApiReference *
sb_api_client_get_categories_finish (SbApiClient   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return request_finish (self, result, sb_api_client_get_categories_async, error);
}

/**
 * sb_api_client_get_carriers_async:
 * @origin: "KR" or "RU"
 * @etag: (nullable): the ETag of the copy the caller has
 */
void
sb_api_client_get_carriers_async (SbApiClient         *self,
                                  const char          *origin,
                                  const char          *etag,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *target = NULL;

  g_return_if_fail (SB_IS_API_CLIENT (self));
  g_return_if_fail (origin != NULL);
  escaped = g_uri_escape_string (origin, NULL, FALSE);
  target = g_strconcat ("/v1/reference/carriers?origin=", escaped, NULL);
  get_reference_async (self, target, etag, sb_api_client_get_carriers_async,
                       cancellable, callback, user_data);
}

SbApiReference *
sb_api_client_get_carriers_finish (SbApiClient   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return request_finish (self, result, sb_api_client_get_carriers_async, error);
}

/**
 * sb_api_client_get_seller_async:
 *
 * GET /v1/seller.  A seller who never applied gives SB_API_ERROR_NOT_FOUND.
 */
void
sb_api_client_get_seller_async (SbApiClient         *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (SB_IS_API_CLIENT (self));
  request_run (request_new (self, "GET", "/v1/seller", parse_object,
                            (GDestroyNotify) json_node_unref, sb_api_client_get_seller_async,
                            cancellable, callback, user_data));
}

/**
 * sb_api_client_get_seller_finish:
 *
 * Returns: (transfer full): the profile, a JSON object node
 */
JsonNode *
sb_api_client_get_seller_finish (SbApiClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return request_finish (self, result, sb_api_client_get_seller_async, error);
}

/**
 * sb_api_client_put_seller_async:
 * @profile: the profile as a JSON object node
 */
void
sb_api_client_put_seller_async (SbApiClient         *self,
                                JsonNode            *profile,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Request *req;

  g_return_if_fail (SB_IS_API_CLIENT (self));
  g_return_if_fail (profile != NULL && JSON_NODE_HOLDS_OBJECT (profile));
  task = request_new (self, "PUT", "/v1/seller", parse_object,
                      (GDestroyNotify) json_node_unref, sb_api_client_put_seller_async,
                      cancellable, callback, user_data);
  req = g_task_get_task_data (task);
  req->body = json_to_bytes (profile);
  request_run (task);
}

/**
 * sb_api_client_put_seller_finish:
 *
 * Returns: (transfer full): the stored profile with its review status
 */
JsonNode *
sb_api_client_put_seller_finish (SbApiClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return request_finish (self, result, sb_api_client_put_seller_async, error);
}

/**
 * sb_api_client_upload_image_async:
 * @bytes: the image file's bytes
 * @content_type: "image/jpeg", "image/png" or "image/webp"
 */
void
sb_api_client_upload_image_async (SbApiClient         *self,
                                  GBytes              *bytes,
                                  const char          *content_type,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  Request *req;

  g_return_if_fail (SB_IS_API_CLIENT (self));
  g_return_if_fail (bytes != NULL);
  g_return_if_fail (content_type != NULL);
  task = request_new (self, "POST", "/v1/images", parse_image,
                      (GDestroyNotify) sb_api_image_free, sb_api_client_upload_image_async,
                      cancellable, callback, user_data);
  req = g_task_get_task_data (task);
  req->body = g_bytes_ref (bytes);
  req->content_type = g_strdup (content_type);
  request_run (task);
}

SbApiImage *
sb_api_client_upload_image_finish (SbApiClient   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return request_finish (self, result, sb_api_client_upload_image_async, error);
}

static char *
product_target (const char *offer_id)
{
  g_autofree char *escaped = g_uri_escape_string (offer_id, NULL, FALSE);

  return g_strconcat ("/v1/products/", escaped, NULL);
}

/**
 * sb_api_client_put_product_async:
 * @offer_id: the seller's offer id
 * @product: the product body, a JSON object node
 * @if_match_version: the version the edit is based on, or 0 to overwrite
 */
void
sb_api_client_put_product_async (SbApiClient         *self,
                                 const char          *offer_id,
                                 JsonNode            *product,
                                 gint64               if_match_version,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *target = NULL;
  GTask *task;
  Request *req;

  g_return_if_fail (SB_IS_API_CLIENT (self));
  g_return_if_fail (offer_id != NULL);
  g_return_if_fail (product != NULL && JSON_NODE_HOLDS_OBJECT (product));
  target = product_target (offer_id);
  task = request_new (self, "PUT", target, parse_write_result,
                      (GDestroyNotify) sb_api_write_result_free, sb_api_client_put_product_async,
                      cancellable, callback, user_data);
  req = g_task_get_task_data (task);
  req->body = json_to_bytes (product);
  if (if_match_version > 0)
    req->if_match = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", if_match_version);
  request_run (task);
}

SbApiWriteResult *
sb_api_client_put_product_finish (SbApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return request_finish (self, result, sb_api_client_put_product_async, error);
}

/**
 * sb_api_client_batch_products_async:
 * @idempotency_key: the key saved in the outbox with @body
 * @body: the exact bytes of {"products": […]}, sent unchanged so that a
 *   resend after a crash is byte-identical
 */
void
sb_api_client_batch_products_async (SbApiClient         *self,
                                    const char          *idempotency_key,
                                    GBytes              *body,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  Request *req;

  g_return_if_fail (SB_IS_API_CLIENT (self));
  g_return_if_fail (idempotency_key != NULL && *idempotency_key != '\0');
  g_return_if_fail (body != NULL);
  task = request_new (self, "POST", "/v1/products/batch", parse_batch,
                      (GDestroyNotify) g_ptr_array_unref, sb_api_client_batch_products_async,
                      cancellable, callback, user_data);
  req = g_task_get_task_data (task);
  req->body = g_bytes_ref (body);
  req->idempotency_key = g_strdup (idempotency_key);
  request_run (task);
}

/**
 * sb_api_client_batch_products_finish:
 *
 * Returns: (transfer full) (element-type SbApiBatchItem): one result per
 *   product, in the order of the request
 */
GPtrArray *
sb_api_client_batch_products_finish (SbApiClient   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return request_finish (self, result, sb_api_client_batch_products_async, error);
}

void
sb_api_client_delete_product_async (SbApiClient         *self,
                                    const char          *offer_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *target = NULL;

  g_return_if_fail (SB_IS_API_CLIENT (self));
  g_return_if_fail (offer_id != NULL);
  target = product_target (offer_id);
  request_run (request_new (self, "DELETE", target, parse_write_result,
                            (GDestroyNotify) sb_api_write_result_free,
                            sb_api_client_delete_product_async,
                            cancellable, callback, user_data));
}

SbApiWriteResult *
sb_api_client_delete_product_finish (SbApiClient   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return request_finish (self, result, sb_api_client_delete_product_async, error);
}

/**
 * sb_api_client_list_products_async:
 * @cursor: (nullable): the stored next_cursor, or %NULL from the beginning
 * @limit: 1 to 500
 */
void
sb_api_client_list_products_async (SbApiClient         *self,
                                   const char          *cursor,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *target = NULL;

  g_return_if_fail (SB_IS_API_CLIENT (self));
  g_return_if_fail (limit >= 1 && limit <= 500);
  escaped = g_uri_escape_string (cursor != NULL ? cursor : "", NULL, FALSE);
  target = g_strdup_printf ("/v1/products?updated_since=%s&limit=%u", escaped, limit);
  request_run (request_new (self, "GET", target, parse_status_page,
                            (GDestroyNotify) sb_api_status_page_free,
                            sb_api_client_list_products_async,
                            cancellable, callback, user_data));
}

SbApiStatusPage *
sb_api_client_list_products_finish (SbApiClient   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return request_finish (self, result, sb_api_client_list_products_async, error);
}

void
sb_api_client_get_product_async (SbApiClient         *self,
                                 const char          *offer_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *target = NULL;

  g_return_if_fail (SB_IS_API_CLIENT (self));
  g_return_if_fail (offer_id != NULL);
  target = product_target (offer_id);
  request_run (request_new (self, "GET", target, parse_object,
                            (GDestroyNotify) json_node_unref, sb_api_client_get_product_async,
                            cancellable, callback, user_data));
}

/**
 * sb_api_client_get_product_finish:
 *
 * Returns: (transfer full): the stored product with version, status and
 *   reasons, a JSON object node
 */
JsonNode *
sb_api_client_get_product_finish (SbApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return request_finish (self, result, sb_api_client_get_product_async, error);
}

/**
 * sb_api_client_parse_reply_for_testing:
 * @kind: which endpoint's parser
 * @status: the HTTP status of the 2xx/304 answer
 * @headers: the answer's headers
 * @body: the answer's body
 *
 * Runs one of the client's reply parsers on a canned answer, for the fuzz
 * target and tests.
 *
 * Returns: (transfer full) (nullable): what the endpoint's _finish would
 *   return (see #SbApiReplyKind), or %NULL with @error
 */
gpointer
sb_api_client_parse_reply_for_testing (SbApiReplyKind       kind,
                                       guint                status,
                                       SoupMessageHeaders  *headers,
                                       GBytes              *body,
                                       GError             **error)
{
  switch (kind)
    {
    case SB_API_REPLY_REFERENCE:
      return parse_reference (status, headers, body, error);
    case SB_API_REPLY_OBJECT:
      return parse_object (status, headers, body, error);
    case SB_API_REPLY_IMAGE:
      return parse_image (status, headers, body, error);
    case SB_API_REPLY_WRITE_RESULT:
      return parse_write_result (status, headers, body, error);
    case SB_API_REPLY_BATCH:
      return parse_batch (status, headers, body, error);
    case SB_API_REPLY_STATUS_PAGE:
      return parse_status_page (status, headers, body, error);
    default:
      g_return_val_if_reached (NULL);
    }
}
