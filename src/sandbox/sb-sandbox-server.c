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
#include "sb-sandbox-api.h"
#include "sb-sandbox-moderation.h"
#include "sb-sandbox-server.h"

G_DEFINE_QUARK (sb-sandbox-server-error-quark, sb_sandbox_server_error)


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

          if (row == NULL || (stored = sb_sandbox_parse_json_text (row->body)) == NULL ||
              !JSON_NODE_HOLDS_OBJECT (stored))
            continue;
          reasons = sb_sandbox_moderate_product (json_node_get_object (stored), self->db, item->api_key);
          reasons_text = sb_sandbox_node_to_string (reasons);
          ok = sb_sandbox_db_set_product_review (self->db, item->api_key, item->offer_id,
                                                 json_array_get_length (json_node_get_array (reasons)) == 0
                                                   ? "active" : "rejected",
                                                 reasons_text, now, &error);
        }
      else
        {
          g_autoptr(SbSandboxSellerRow) row = sb_sandbox_db_get_seller (self->db, item->api_key, &error);

          if (row == NULL || (stored = sb_sandbox_parse_json_text (row->profile)) == NULL ||
              !JSON_NODE_HOLDS_OBJECT (stored))
            continue;
          reasons = sb_sandbox_moderate_seller (json_node_get_object (stored));
          reasons_text = sb_sandbox_node_to_string (reasons);
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

/* Routing */

static void
route (SbSandboxRequest *request)
{
  const char *path = request->path;
  const char *method = request->method;

  if (strcmp (path, "/v1/reference/currencies") == 0 ||
      strcmp (path, "/v1/reference/categories") == 0 ||
      strcmp (path, "/v1/reference/carriers") == 0)
    {
      if (strcmp (method, "GET") != 0 && strcmp (method, "HEAD") != 0)
        sb_sandbox_method_not_allowed (request, "GET");
      else if (g_str_has_suffix (path, "currencies"))
        sb_sandbox_handle_currencies (request);
      else if (g_str_has_suffix (path, "categories"))
        sb_sandbox_handle_categories (request);
      else
        sb_sandbox_handle_carriers (request);
    }
  else if (strcmp (path, "/v1/seller") == 0)
    sb_sandbox_handle_seller (request);
  else if (strcmp (path, "/v1/images") == 0)
    sb_sandbox_handle_images (request);
  else if (strcmp (path, "/v1/products") == 0)
    {
      if (strcmp (method, "GET") == 0)
        sb_sandbox_handle_product_list (request);
      else
        sb_sandbox_method_not_allowed (request, "GET");
    }
  else if (strcmp (path, "/v1/products/batch") == 0 && strcmp (method, "POST") == 0)
    sb_sandbox_handle_product_batch (request);
  else if (g_str_has_prefix (path, "/v1/products/"))
    {
      g_autofree char *offer_id = g_uri_unescape_string (path + strlen ("/v1/products/"), NULL);

      if (offer_id == NULL || !sb_offer_id_is_valid (offer_id))
        sb_sandbox_respond_error (request->msg, SOUP_STATUS_NOT_FOUND, "not_found",
                                  "There is no such product; an offer_id is 1–64 of A–Z, a–z, 0–9, “.”, “_”, “-”.");
      else if (strcmp (method, "GET") == 0)
        sb_sandbox_handle_product_get (request, offer_id);
      else if (strcmp (method, "PUT") == 0)
        sb_sandbox_handle_product_put (request, offer_id);
      else if (strcmp (method, "DELETE") == 0)
        sb_sandbox_handle_product_delete (request, offer_id);
      else
        sb_sandbox_method_not_allowed (request, "GET, PUT, DELETE");
    }
  else
    sb_sandbox_respond_error (request->msg, SOUP_STATUS_NOT_FOUND, "not_found", "There is no such endpoint in API v1.");
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
  g_string_append_printf (head, "Content-Type: %s\r\n", SB_SANDBOX_JSON_CONTENT_TYPE);
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
      soup_server_message_set_response (msg, SB_SANDBOX_JSON_CONTENT_TYPE, SOUP_MEMORY_COPY, data, len / 2);
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
        soup_server_message_set_response (msg, SB_SANDBOX_JSON_CONTENT_TYPE, SOUP_MEMORY_COPY, text->str, text->len);
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
      sb_sandbox_respond_error (msg, SB_SANDBOX_STATUS_TOO_MANY_REQUESTS, "rate_limited",
                                "Too many requests (injected fault); wait for Retry-After seconds.");
      return TRUE;
    case SB_SANDBOX_FAULT_500:
      sb_sandbox_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "Internal error (injected fault).");
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
      sb_sandbox_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
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
  SbSandboxRequest request = { 0 };
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
  request.db = self->db;
  request.reference = self->reference;
  request.review_due_us = review_due_us (self);

  if (!g_str_has_prefix (path, "/v1/"))
    {
      sb_sandbox_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "The Seller API lives under /v1/.");
      sb_sandbox_request_clear (&request);
      return;
    }

  if (self->faults != NULL)
    fault = sb_sandbox_faults_next (self->faults);
  if (fault != SB_SANDBOX_FAULT_NONE)
    g_debug ("sellbridge-sandbox: fault %s for %s %s", sb_sandbox_fault_to_string (fault), request.method, path);
  if (apply_request_fault (msg, fault))
    {
      sb_sandbox_request_clear (&request);
      return;
    }

  data = g_bytes_get_data (request.body, &len);
  if (len > SB_SANDBOX_MAX_BODY_BYTES ||
      (strcmp (path, "/v1/images") == 0 && len > SB_SANDBOX_MAX_IMAGE_BYTES))
    {
      sb_sandbox_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
                                len > SB_SANDBOX_MAX_BODY_BYTES ? "Request bodies may be at most 8 MiB."
                                                                : "Images may be at most 5 MiB.");
      sb_sandbox_request_clear (&request);
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
      route (&request);
      break;
    case SB_SANDBOX_AUTH_UNKNOWN_KEY:
      sb_sandbox_respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "unknown_key",
                                "X-Api-Key is missing or not a key this marketplace issued.");
      break;
    case SB_SANDBOX_AUTH_BAD_SIGNATURE:
      sb_sandbox_respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "bad_signature",
                                "X-Signature does not match the request; check the secret and the string to sign.");
      break;
    case SB_SANDBOX_AUTH_CLOCK_SKEW:
      {
        g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (request.now);
        g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);

        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Date", date);
        sb_sandbox_respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "clock_skew",
                                  "X-Timestamp is more than 300 seconds from the server's clock; see the Date header.");
      }
      break;
    case SB_SANDBOX_AUTH_RATE_LIMITED:
      sb_sandbox_respond_rate_limited (msg, retry_after);
      break;
    default:
      g_assert_not_reached ();
    }

  g_debug ("sellbridge-sandbox: %s %s → %u (%s)", request.method, path, soup_server_message_get_status (msg),
           soup_message_headers_get_one (soup_server_message_get_response_headers (msg), "X-Request-Id"));
  apply_response_fault (msg, fault);
  sb_sandbox_request_clear (&request);
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
