/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-test-sandbox.c: the API tests' harness.  The sandbox runs as a real
 * child process (SELLBRIDGE_SANDBOX names the built program) that dies with
 * the test (PR_SET_PDEATHSIG), so no test leaves a server behind; its first
 * line of output is the --print-config JSON.  Requests are signed here
 * independently of the server's code: string_to_sign = METHOD "\n"
 * PATH_AND_QUERY "\n" timestamp "\n" hex(SHA-256(body)), HMAC-SHA256.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "sb-test-sandbox.h"

static void
child_setup (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/**
 * sbt_sandbox_start:
 * @first_arg: extra command-line arguments, %NULL-terminated
 *
 * Starts sellbridge-sandbox --port 0 --print-config with the seed data of
 * the source tree and returns once it printed its config.
 */
SbtSandbox *
sbt_sandbox_start (const char *first_arg,
                   ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *program = g_getenv ("SELLBRIDGE_SANDBOX");
  const char *source_root = g_getenv ("SELLBRIDGE_SOURCE_ROOT");
  SbtSandbox *sandbox = g_new0 (SbtSandbox, 1);
  JsonObject *config;
  va_list args;

  g_assert_nonnull (program);
  g_assert_nonnull (source_root);
  g_ptr_array_add (argv, g_strdup (program));
  g_ptr_array_add (argv, g_strdup ("--port=0"));
  g_ptr_array_add (argv, g_strdup ("--print-config"));
  g_ptr_array_add (argv, g_strdup_printf ("--data-dir=%s/data/sandbox", source_root));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  sandbox->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sandbox->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  config = json_node_get_object (json_parser_get_root (parser));
  sandbox->url = g_strdup (json_object_get_string_member (config, "url"));
  sandbox->key = g_strdup (json_object_get_string_member (config, "key"));
  sandbox->secret = g_strdup (json_object_get_string_member (config, "secret"));
  sandbox->port = (guint) json_object_get_int_member (config, "port");
  g_assert_true (g_str_has_prefix (sandbox->url, "http://127.0.0.1:"));
  g_assert_cmpuint (sandbox->port, >, 0);

  sandbox->session = soup_session_new_with_options ("timeout", 20, NULL);
  return sandbox;
}

/**
 * sbt_sandbox_stop:
 *
 * Stops the server with SIGTERM, checks that it exited cleanly, and frees
 * everything.
 */
void
sbt_sandbox_stop (SbtSandbox *sandbox)
{
  g_autoptr(GError) error = NULL;

  soup_session_abort (sandbox->session);
  g_clear_object (&sandbox->session);
  g_subprocess_send_signal (sandbox->process, SIGTERM);
  g_subprocess_wait (sandbox->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (sandbox->process));
  g_assert_cmpint (g_subprocess_get_exit_status (sandbox->process), ==, 0);
  g_clear_object (&sandbox->process);
  g_free (sandbox->url);
  g_free (sandbox->key);
  g_free (sandbox->secret);
  g_free (sandbox);
}

void
sbt_response_free (SbtResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_error (&response->error);
  g_free (response);
}

static char *
sign (const char *secret,
      const char *method,
      const char *path_and_query,
      const char *timestamp,
      GBytes     *body)
{
  g_autofree char *body_hash = NULL;
  g_autofree char *to_sign = NULL;

  body_hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                           body != NULL ? g_bytes_get_data (body, NULL) : (const guchar *) "",
                                           body != NULL ? g_bytes_get_size (body) : 0);
  to_sign = g_strconcat (method, "\n", path_and_query, "\n", timestamp, "\n", body_hash, NULL);
  return g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret), to_sign, -1);
}

static SbtResponse *
send_once (SbtSandbox *sandbox,
           const char *method,
           const char *path_and_query,
           const char *content_type,
           GBytes     *body,
           const char *key,
           const char *secret,
           gint64      timestamp,
           SbtFlags    flags,
           GPtrArray  *extra_headers)
{
  g_autofree char *url = g_strconcat (sandbox->url, path_and_query, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autofree char *ts = g_strdup_printf ("%" G_GINT64_FORMAT,
                                         timestamp != 0 ? timestamp : g_get_real_time () / G_USEC_PER_SEC);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  SbtResponse *response = g_new0 (SbtResponse, 1);

  g_assert_nonnull (msg);
  if (!(flags & SBT_UNSIGNED))
    {
      g_autofree char *signature = sign (secret != NULL ? secret : sandbox->secret, method, path_and_query, ts, body);

      soup_message_headers_replace (headers, "X-Api-Key", key != NULL ? key : sandbox->key);
      soup_message_headers_replace (headers, "X-Timestamp", ts);
      soup_message_headers_replace (headers, "X-Signature", signature);
    }
  for (guint i = 0; i + 1 < extra_headers->len; i += 2)
    soup_message_headers_replace (headers, extra_headers->pdata[i], extra_headers->pdata[i + 1]);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);

  response->body = soup_session_send_and_read (sandbox->session, msg, NULL, &response->error);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (response->body != NULL && g_bytes_get_size (response->body) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, g_bytes_get_data (response->body, NULL),
                                      g_bytes_get_size (response->body), NULL))
        response->json = json_node_ref (json_parser_get_root (parser));
    }
  return response;
}

/**
 * sbt_request_full:
 * @timestamp: Unix seconds to sign with, or 0 for now
 * @header_name: extra request headers as name, value pairs, then %NULL
 *
 * Sends one request.  A 429 is waited out (Retry-After) and retried unless
 * %SBT_NO_RETRY_429 is given, so ordinary tests are not tripped by the
 * 10-requests-per-second limit.
 */
SbtResponse *
sbt_request_full (SbtSandbox *sandbox,
                  const char *method,
                  const char *path_and_query,
                  const char *content_type,
                  GBytes     *body,
                  const char *key,
                  const char *secret,
                  gint64      timestamp,
                  SbtFlags    flags,
                  const char *header_name,
                  ...)
{
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();
  va_list args;

  va_start (args, header_name);
  for (const char *name = header_name; name != NULL; name = va_arg (args, const char *))
    {
      g_ptr_array_add (extra, (gpointer) name);
      g_ptr_array_add (extra, va_arg (args, char *));
    }
  va_end (args);

  for (guint attempt = 0;; attempt++)
    {
      SbtResponse *response = send_once (sandbox, method, path_and_query, content_type, body,
                                         key, secret, timestamp, flags, extra);
      const char *retry_after;

      if (response->status != 429 || (flags & SBT_NO_RETRY_429) || attempt >= 5)
        return response;
      retry_after = soup_message_headers_get_one (response->headers, "Retry-After");
      g_assert_nonnull (retry_after);
      g_usleep ((gulong) g_ascii_strtoull (retry_after, NULL, 10) * G_USEC_PER_SEC);
      sbt_response_free (response);
    }
}

SbtResponse *
sbt_request (SbtSandbox *sandbox,
             const char *method,
             const char *path_and_query,
             const char *json_body)
{
  g_autoptr(GBytes) body = json_body != NULL ? g_bytes_new (json_body, strlen (json_body)) : NULL;

  return sbt_request_full (sandbox, method, path_and_query, "application/json; charset=utf-8", body,
                           NULL, NULL, 0, SBT_NONE, NULL);
}

const char *
sbt_error_code (SbtResponse *response)
{
  JsonObject *error;

  if (response->json == NULL || !JSON_NODE_HOLDS_OBJECT (response->json))
    return NULL;
  error = json_object_get_object_member (json_node_get_object (response->json), "error");
  return error != NULL ? json_object_get_string_member_with_default (error, "code", NULL) : NULL;
}

const char *
sbt_member_string (SbtResponse *response,
                   const char  *member)
{
  g_assert_nonnull (response->json);
  return json_object_get_string_member_with_default (json_node_get_object (response->json), member, NULL);
}

gint64
sbt_member_int (SbtResponse *response,
                const char  *member)
{
  g_assert_nonnull (response->json);
  return json_object_get_int_member_with_default (json_node_get_object (response->json), member, -1);
}

static void
append_be32 (GByteArray *bytes,
             guint32     value)
{
  guint8 b[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (bytes, b, 4);
}

/* A PNG signature, IHDR and IEND with correct CRCs; @salt goes into a
 * tEXt chunk so that tests can make different bytes of the same size. */
GBytes *
sbt_make_png (guint width,
              guint height,
              guint salt)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  GByteArray *bytes = g_byte_array_new ();
  g_autofree char *text = g_strdup_printf ("Comment%csalt %u", 0, salt);
  gsize text_len = strlen ("Comment") + 1 + strlen (text + strlen ("Comment") + 1);
  struct { const char *type; const guint8 *data; gsize len; } chunks[3];
  guint8 ihdr[13] = { 0 };

  ihdr[0] = width >> 24; ihdr[1] = width >> 16; ihdr[2] = width >> 8; ihdr[3] = width;
  ihdr[4] = height >> 24; ihdr[5] = height >> 16; ihdr[6] = height >> 8; ihdr[7] = height;
  ihdr[8] = 8; ihdr[9] = 2;
  chunks[0].type = "IHDR"; chunks[0].data = ihdr; chunks[0].len = sizeof ihdr;
  chunks[1].type = "tEXt"; chunks[1].data = (const guint8 *) text; chunks[1].len = text_len;
  chunks[2].type = "IEND"; chunks[2].data = NULL; chunks[2].len = 0;

  g_byte_array_append (bytes, signature, sizeof signature);
  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      guint32 crc = 0xffffffffu;
      gsize start;

      append_be32 (bytes, (guint32) chunks[i].len);
      start = bytes->len;
      g_byte_array_append (bytes, (const guint8 *) chunks[i].type, 4);
      if (chunks[i].len > 0)
        g_byte_array_append (bytes, chunks[i].data, (guint) chunks[i].len);
      for (gsize k = start; k < bytes->len; k++)
        {
          crc ^= bytes->data[k];
          for (int bit = 0; bit < 8; bit++)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
        }
      append_be32 (bytes, crc ^ 0xffffffffu);
    }
  return g_byte_array_free_to_bytes (bytes);
}

/* SOI, an APP0 (JFIF) segment, a SOF0 naming the size, EOI. */
GBytes *
sbt_make_jpeg (guint width,
               guint height)
{
  const guint8 data[] = {
    0xff, 0xd8,
    0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
    0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03,
    0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
    0xff, 0xd9,
  };

  return g_bytes_new (data, sizeof data);
}

/**
 * sbt_upload_image:
 *
 * Returns: (transfer full): the image_id of a fresh 1000×1000 PNG
 */
char *
sbt_upload_image (SbtSandbox *sandbox,
                  guint       salt)
{
  g_autoptr(GBytes) png = sbt_make_png (1000, 1000, salt);
  g_autoptr(SbtResponse) response = sbt_request_full (sandbox, "POST", "/v1/images", "image/png", png,
                                                      NULL, NULL, 0, SBT_NONE, NULL);

  g_assert_cmpuint (response->status, ==, 201);
  return g_strdup (sbt_member_string (response, "image_id"));
}

/**
 * sbt_product_json:
 *
 * Returns: (transfer full): a product that satisfies every rule of the
 *   contract for a Korean seller paid in KRW, in the T-shirts category
 */
char *
sbt_product_json (const char *offer_id,
                  const char *title_en,
                  const char *image_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *sku = g_strdup_printf ("%s-WH-M", offer_id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "offer_id");
  json_builder_add_string_value (builder, offer_id);
  json_builder_set_member_name (builder, "category_id");
  json_builder_add_string_value (builder, "1001");
  json_builder_set_member_name (builder, "title");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "en");
  json_builder_add_string_value (builder, title_en);
  json_builder_set_member_name (builder, "ko");
  json_builder_add_string_value (builder, "면 티셔츠");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "description");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "en");
  json_builder_add_string_value (builder, "Soft combed cotton, regular fit.");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "brand");
  json_builder_add_string_value (builder, "Hanbit");
  json_builder_set_member_name (builder, "material");
  json_builder_add_string_value (builder, "cotton");
  json_builder_set_member_name (builder, "gender");
  json_builder_add_string_value (builder, "unisex");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "images");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, image_id);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "package");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "weight_g");
  json_builder_add_int_value (builder, 250);
  json_builder_set_member_name (builder, "length_mm");
  json_builder_add_int_value (builder, 300);
  json_builder_set_member_name (builder, "width_mm");
  json_builder_add_int_value (builder, 200);
  json_builder_set_member_name (builder, "height_mm");
  json_builder_add_int_value (builder, 30);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "hs_code");
  json_builder_add_string_value (builder, "610910");
  json_builder_set_member_name (builder, "dangerous_goods");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "batteries");
  json_builder_add_string_value (builder, "none");
  json_builder_set_member_name (builder, "liquids");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "shipping");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "carrier_ids");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "kr_kpacket");
  json_builder_add_string_value (builder, "kr_ems");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "handling_days");
  json_builder_add_int_value (builder, 3);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "variants");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sku");
  json_builder_add_string_value (builder, sku);
  json_builder_set_member_name (builder, "options");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "color");
  json_builder_add_string_value (builder, "white");
  json_builder_set_member_name (builder, "size");
  json_builder_add_string_value (builder, "M");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "price");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_string_value (builder, "12900");
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, "KRW");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "stock");
  json_builder_add_int_value (builder, 25);
  json_builder_set_member_name (builder, "barcode");
  json_builder_add_string_value (builder, "8801234567893");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/**
 * sbt_wait_for_status:
 *
 * Polls GET @path until its "status" is no longer @pending_status.
 */
SbtResponse *
sbt_wait_for_status (SbtSandbox *sandbox,
                     const char *path,
                     const char *pending_status,
                     guint       timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      SbtResponse *response = sbt_request (sandbox, "GET", path, NULL);

      g_assert_cmpuint (response->status, ==, 200);
      if (g_strcmp0 (sbt_member_string (response, "status"), pending_status) != 0 ||
          g_get_monotonic_time () > deadline)
        return response;
      sbt_response_free (response);
      g_usleep (150 * 1000);
    }
}
