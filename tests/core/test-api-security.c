/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-api-security.c: the network rules of docs/reliability.md checked
 * against real servers on the loopback interface.  A TLS server with a
 * self-signed certificate (tests/data/tls/self-signed.pem, valid until
 * 2126, for 127.0.0.1 and localhost) is refused with
 * SB_API_ERROR_INSECURE and no request reaches its handler — the error is
 * never ignored and never retried; plain http is refused for any host
 * that is not loopback before a connection is made; a redirect to another
 * origin is refused; and a reply over the size cap is refused, whether it
 * says its length up front or not.
 */
#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sb-api-client.h"

#define KEY_ID "ak_security"
#define SECRET "sk_security_0123456789"

typedef struct {
  SoupServer *server;
  char       *base_url;
  guint       n_requests;
  char       *redirect_to;   /* (nullable) answer every request with 302 here */
  gsize       body_size;     /* the size of every JSON answer */
  gboolean    chunked;       /* without Content-Length */
} Fixture;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  GString *body;

  f->n_requests++;
  soup_message_headers_replace (headers, "X-Request-Id", "req-security");
  if (f->redirect_to != NULL)
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, f->redirect_to);
      return;
    }
  /* {"country": "KR", "pad": "xxxx…"} of exactly body_size bytes */
  body = g_string_new ("{\"country\": \"KR\", \"pad\": \"");
  while (body->len + 2 < MAX (f->body_size, 32))
    g_string_append_c (body, 'x');
  g_string_append (body, "\"}");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  if (f->chunked)
    {
      SoupMessageBody *response = soup_server_message_get_response_body (msg);

      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "application/json; charset=utf-8", NULL);
      soup_message_body_append (response, SOUP_MEMORY_COPY, body->str, body->len);
      soup_message_body_complete (response);
      g_string_free (body, TRUE);
      return;
    }
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE,
                                    body->str, body->len);
  g_string_free (body, FALSE);
}

static void
start_server (Fixture  *f,
              gboolean  tls)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  GSList *uris;

  if (tls)
    {
      g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "data", "tls", "self-signed.pem", NULL);

      certificate = g_tls_certificate_new_from_file (pem, &error);
      g_assert_no_error (error);
    }
  f->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (f->server, NULL, handler, f, NULL);
  soup_server_listen_local (f->server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY | (tls ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base_url = g_strdup_printf ("%s://127.0.0.1:%d", tls ? "https" : "http", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->server != NULL)
    soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_free (f->base_url);
  g_free (f->redirect_to);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* GET /v1/seller through a fresh client; returns the error. */
static GError *
get_seller (const char *base_url,
            gsize       max_response)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbApiClient) client = sb_api_client_new (base_url, KEY_ID, SECRET, &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_no_error (error);
  sb_api_client_set_timeout (client, 10000);
  if (max_response > 0)
    sb_api_client_set_max_response_size (client, max_response);
  sb_api_client_get_seller_async (client, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  node = sb_api_client_get_seller_finish (client, result, &error);
  g_assert ((node == NULL) == (error != NULL));
  return g_steal_pointer (&error);
}

/* The TLS handshake runs in a subprocess that leaves with _exit(): after
 * gnutls has run, LeakSanitizer's scan of dynamic thread-local storage
 * crashes at exit ("Tracer caught signal 11", a libsanitizer bug with the
 * TLS blocks of dlopen()ed modules), so that one process skips the leak
 * check; its assertions still abort it and fail the test. */
static void
test_self_signed (Fixture       *f,
                  gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      start_server (f, TRUE);
      error = get_seller (f->base_url, 0);
      g_assert_error (error, SB_API_ERROR, SB_API_ERROR_INSECURE);
      g_assert_false (sb_api_error_is_retryable (error));
      g_printerr ("%s\n", error->message);
      /* The signed request never reached the server. */
      g_assert_cmpuint (f->n_requests, ==, 0);
      g_printerr ("handshake refused, no request reached the server\n");
      fflush (stderr);
      _exit (0);
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*handshake refused, no request reached the server*");
}

static void
test_plain_http_refused (void)
{
  const char *refused[] = { "http://seller-api.marketplace.example", "http://10.0.0.1:8080",
                            "http://127.0.0.1.nip.io", "http://localhost.example.com" };
  const char *allowed[] = { "http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1",
                            "https://seller-api.marketplace.example" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbApiClient) client = sb_api_client_new (refused[i], KEY_ID, SECRET, &error);

      g_assert_null (client);
      g_assert_nonnull (error);
      g_test_message ("%s: %s", refused[i], error->message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbApiClient) client = sb_api_client_new (allowed[i], KEY_ID, SECRET, &error);

      g_assert_no_error (error);
      g_assert_nonnull (client);
    }
}

static void
test_redirect_elsewhere (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Fixture other = { 0 };

  /* Another origin on the same machine: another port. */
  start_server (&other, FALSE);
  start_server (f, FALSE);
  f->redirect_to = g_strconcat (other.base_url, "/v1/seller", NULL);
  error = get_seller (f->base_url, 0);
  g_assert_error (error, SB_API_ERROR, SB_API_ERROR_REDIRECT);
  g_assert_cmpuint (f->n_requests, ==, 1);
  g_assert_cmpuint (other.n_requests, ==, 0);
  g_clear_error (&error);

  /* And another host. */
  g_free (f->redirect_to);
  f->redirect_to = g_strdup ("https://evil.example/v1/seller");
  error = get_seller (f->base_url, 0);
  g_assert_error (error, SB_API_ERROR, SB_API_ERROR_REDIRECT);
  fixture_tear_down (&other, NULL);
}

static void
test_size_cap (Fixture       *f,
               gconstpointer  data)
{
  start_server (f, FALSE);
  for (int chunked = 0; chunked <= 1; chunked++)
    {
      g_autoptr(GError) under = NULL;
      g_autoptr(GError) over = NULL;

      f->chunked = chunked;
      f->body_size = 4096;
      under = get_seller (f->base_url, 4096);
      g_assert_no_error (under);
      f->body_size = 4097;
      over = get_seller (f->base_url, 4096);
      g_assert_error (over, SB_API_ERROR, SB_API_ERROR_TOO_LARGE_RESPONSE);
      g_assert_false (sb_api_error_is_retryable (over));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api-security/plain-http", test_plain_http_refused);
#define ADD(path, func) g_test_add (path, Fixture, NULL, NULL, func, fixture_tear_down)
  ADD ("/api-security/self-signed", test_self_signed);
  ADD ("/api-security/redirect-elsewhere", test_redirect_elsewhere);
  ADD ("/api-security/size-cap", test_size_cap);
#undef ADD
  return g_test_run ();
}
