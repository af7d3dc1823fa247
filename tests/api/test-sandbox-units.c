/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-sandbox-units.c: the sandbox's pieces in-process — image headers
 * (PNG, JPEG, WebP), the fault plan's determinism, the string to sign and
 * HMAC (RFC 4231 vector), clock skew and the sliding-window rate limit on
 * a fake clock, If-Match in the database, and the server used as a library
 * on port 0 (loopback only).
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "sb-sandbox-image.h"
#include "sb-sandbox-server.h"

static void
test_image_png (void)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
    0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0x03, 0xe8, 0, 0, 0x02, 0x58, 8, 6, 0, 0, 0,
  };
  guint w = 0, h = 0;

  g_assert_true (sb_sandbox_image_read_size ("image/png", png, sizeof png, &w, &h));
  g_assert_cmpuint (w, ==, 1000);
  g_assert_cmpuint (h, ==, 600);
  g_assert_false (sb_sandbox_image_read_size ("image/png", png, 20, &w, &h));
  g_assert_false (sb_sandbox_image_read_size ("image/jpeg", png, sizeof png, &w, &h));
}

static void
test_image_jpeg (void)
{
  /* Fill bytes, an APP1 segment and a DQT before a progressive SOF2. */
  static const guint8 jpeg[] = {
    0xff, 0xd8,
    0xff, 0xff, 0xe1, 0x00, 0x06, 'E', 'x', 'i', 'f',
    0xff, 0xdb, 0x00, 0x04, 0x00, 0x01,
    0xff, 0xc2, 0x00, 0x0b, 0x08, 0x03, 0x84, 0x04, 0xb0, 0x01, 0x01, 0x11, 0x00,
    0xff, 0xd9,
  };
  static const guint8 no_frame[] = { 0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0xff, 0xd9 };
  static const guint8 short_segment[] = { 0xff, 0xd8, 0xff, 0xc0, 0x00, 0x40, 0x08 };
  guint w = 0, h = 0;

  g_assert_true (sb_sandbox_image_read_size ("image/jpeg", jpeg, sizeof jpeg, &w, &h));
  g_assert_cmpuint (w, ==, 1200);
  g_assert_cmpuint (h, ==, 900);
  g_assert_false (sb_sandbox_image_read_size ("image/jpeg", no_frame, sizeof no_frame, &w, &h));
  g_assert_false (sb_sandbox_image_read_size ("image/jpeg", short_segment, sizeof short_segment, &w, &h));
}

static void
test_image_webp (void)
{
  /* VP8X: canvas 1024×512 stored as width-1, height-1 in 24 bits. */
  static const guint8 vp8x[30] = {
    'R', 'I', 'F', 'F', 22, 0, 0, 0, 'W', 'E', 'B', 'P',
    'V', 'P', '8', 'X', 10, 0, 0, 0, 0, 0, 0, 0, 0xff, 0x03, 0x00, 0xff, 0x01, 0x00,
  };
  /* VP8L: 14-bit width-1 and height-1 after the 0x2f signature. */
  static const guint8 vp8l[30] = {
    'R', 'I', 'F', 'F', 22, 0, 0, 0, 'W', 'E', 'B', 'P',
    'V', 'P', '8', 'L', 10, 0, 0, 0, 0x2f, 0x1f, 0xc0, 0x03, 0x00, 0, 0, 0, 0, 0,
  };
  guint w = 0, h = 0;

  g_assert_true (sb_sandbox_image_read_size ("image/webp", vp8x, sizeof vp8x, &w, &h));
  g_assert_cmpuint (w, ==, 1024);
  g_assert_cmpuint (h, ==, 512);
  g_assert_true (sb_sandbox_image_read_size ("image/webp", vp8l, sizeof vp8l, &w, &h));
  g_assert_cmpuint (w, ==, 32);
  g_assert_cmpuint (h, ==, 16);
}

static void
test_faults (void)
{
  g_autoptr(SbSandboxFaults) a = sb_sandbox_faults_new (42, 0.5, SB_SANDBOX_FAULT_ALL);
  g_autoptr(SbSandboxFaults) b = sb_sandbox_faults_new (42, 0.5, SB_SANDBOX_FAULT_ALL);
  g_autoptr(SbSandboxFaults) never = sb_sandbox_faults_new (42, 0.0, SB_SANDBOX_FAULT_ALL);
  g_autoptr(SbSandboxFaults) only = sb_sandbox_faults_new (7, 1.0, SB_SANDBOX_FAULT_503 | SB_SANDBOX_FAULT_RESET);
  g_autoptr(GError) error = NULL;
  guint kinds = 0, faulted = 0;

  for (guint i = 0; i < 200; i++)
    {
      SbSandboxFault fa = sb_sandbox_faults_next (a);
      SbSandboxFault fo = sb_sandbox_faults_next (only);

      g_assert_cmpint (fa, ==, sb_sandbox_faults_next (b));
      g_assert_cmpint (sb_sandbox_faults_next (never), ==, SB_SANDBOX_FAULT_NONE);
      g_assert_true (fo == SB_SANDBOX_FAULT_503 || fo == SB_SANDBOX_FAULT_RESET);
      faulted += fa != SB_SANDBOX_FAULT_NONE;
    }
  g_assert_cmpuint (faulted, >, 60);
  g_assert_cmpuint (faulted, <, 140);

  g_assert_true (sb_sandbox_fault_parse_kinds ("429, reset,malformed", &kinds, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kinds, ==, SB_SANDBOX_FAULT_429 | SB_SANDBOX_FAULT_RESET | SB_SANDBOX_FAULT_MALFORMED);
  g_assert_true (sb_sandbox_fault_parse_kinds ("all", &kinds, NULL));
  g_assert_cmpuint (kinds, ==, SB_SANDBOX_FAULT_ALL);
  g_assert_false (sb_sandbox_fault_parse_kinds ("429,teapot", &kinds, &error));
  g_assert_error (error, SB_SANDBOX_FAULTS_ERROR, SB_SANDBOX_FAULTS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sb_sandbox_fault_parse_kinds ("", &kinds, &error));
  g_assert_error (error, SB_SANDBOX_FAULTS_ERROR, SB_SANDBOX_FAULTS_ERROR_INVALID);
}

static void
test_signing (void)
{
  g_autofree char *to_sign = sb_sandbox_auth_string_to_sign ("GET", "/v1/products?limit=100", "1763700000", NULL, 0);
  g_autofree char *rfc4231 = sb_sandbox_auth_sign ("Jefe", "what do ya want for nothing?");

  g_assert_cmpstr (to_sign, ==,
                   "GET\n/v1/products?limit=100\n1763700000\n"
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (rfc4231, ==, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

static SbSandboxAuthResult
check_at (SbSandboxAuth *auth,
          const char    *secret,
          gint64         timestamp,
          gint64         now_s,
          gint64         now_us,
          guint         *retry_after)
{
  g_autofree char *ts = g_strdup_printf ("%" G_GINT64_FORMAT, timestamp);
  g_autofree char *to_sign = sb_sandbox_auth_string_to_sign ("PUT", "/v1/seller", ts, (const guint8 *) "{}", 2);
  g_autofree char *signature = sb_sandbox_auth_sign (secret, to_sign);

  return sb_sandbox_auth_check (auth, "PUT", "/v1/seller", "k1", ts, signature, (const guint8 *) "{}", 2,
                                now_s, now_us, retry_after);
}

static void
test_auth_rules (void)
{
  g_autoptr(SbSandboxAuth) auth = sb_sandbox_auth_new ();
  gint64 now = 1763700000, t0 = 50 * G_USEC_PER_SEC;
  guint retry = 0;

  sb_sandbox_auth_add_key (auth, "k1", "s1");
  g_assert_cmpint (check_at (auth, "s2", now, now, t0, &retry), ==, SB_SANDBOX_AUTH_BAD_SIGNATURE);
  g_assert_cmpint (sb_sandbox_auth_check (auth, "GET", "/", "k9", "1", "00", NULL, 0, now, t0, &retry), ==,
                   SB_SANDBOX_AUTH_UNKNOWN_KEY);
  g_assert_cmpint (sb_sandbox_auth_check (auth, "GET", "/", "k1", "1e9", "00", NULL, 0, now, t0, &retry), ==,
                   SB_SANDBOX_AUTH_BAD_SIGNATURE);
  g_assert_cmpint (check_at (auth, "s1", now - 301, now, t0, &retry), ==, SB_SANDBOX_AUTH_CLOCK_SKEW);
  g_assert_cmpint (check_at (auth, "s1", now + 301, now, t0, &retry), ==, SB_SANDBOX_AUTH_CLOCK_SKEW);

  /* Ten requests spread over 0.9 s pass; the eleventh at 0.95 s waits
   * until the first leaves the window at 1.0 s. */
  for (guint i = 0; i < 10; i++)
    g_assert_cmpint (check_at (auth, "s1", now + (i % 2 ? 300 : -300), now, t0 + i * 100000, &retry), ==,
                     SB_SANDBOX_AUTH_OK);
  g_assert_cmpint (check_at (auth, "s1", now, now, t0 + 950000, &retry), ==, SB_SANDBOX_AUTH_RATE_LIMITED);
  g_assert_cmpuint (retry, ==, 1);
  g_assert_cmpint (check_at (auth, "s1", now, now, t0 + 1000000, &retry), ==, SB_SANDBOX_AUTH_OK);
  g_assert_cmpint (check_at (auth, "s1", now, now, t0 + 1050000, &retry), ==, SB_SANDBOX_AUTH_RATE_LIMITED);
  g_assert_cmpint (check_at (auth, "s1", now, now, t0 + 1100000, &retry), ==, SB_SANDBOX_AUTH_OK);
}

static void
test_db_versions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSandboxDb) db = sb_sandbox_db_new (NULL, &error);
  g_autoptr(SbSandboxProductRow) row = NULL;
  gint64 version = 0, current = 0;
  gboolean created = FALSE;

  g_assert_no_error (error);
  g_assert_true (sb_sandbox_db_put_product (db, "k", "A-1", "{}", 0, 100, 0, &version, &created, &current, &error));
  g_assert_true (created);
  g_assert_cmpint (version, ==, 1);
  g_assert_false (sb_sandbox_db_put_product (db, "k", "A-1", "{}", 0, 101, 0, &version, &created, &current, &error));
  g_assert_error (error, SB_SANDBOX_DB_ERROR, SB_SANDBOX_DB_ERROR_CONFLICT);
  g_assert_cmpint (current, ==, 1);
  g_clear_error (&error);
  g_assert_true (sb_sandbox_db_put_product (db, "k", "A-1", "{}", 1, 102, 0, &version, &created, &current, &error));
  g_assert_false (created);
  g_assert_cmpint (version, ==, 2);
  /* Another key does not see it. */
  row = sb_sandbox_db_get_product (db, "other", "A-1", &error);
  g_assert_no_error (error);
  g_assert_null (row);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  GBytes **out = data;
  g_autoptr(GError) error = NULL;

  *out = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
}

static void
test_in_process (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = g_build_filename (g_getenv ("SELLBRIDGE_SOURCE_ROOT"), "data", "sandbox", NULL);
  g_autoptr(SbSandboxReference) reference = sb_sandbox_reference_new (data_dir, &error);
  g_autoptr(SbSandboxDb) db = sb_sandbox_db_new (NULL, &error);
  g_autoptr(SbSandboxAuth) auth = sb_sandbox_auth_new ();
  g_autoptr(SbSandboxServer) server = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  g_autofree char *ts = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *to_sign = NULL;
  g_autofree char *signature = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (sb_sandbox_reference_count_leaves (reference), >=, 40);
  g_assert_cmpuint (sb_sandbox_reference_count_carriers (reference), ==, 8);
  sb_sandbox_auth_add_key (auth, "lib-key", "lib-secret");
  server = sb_sandbox_server_new (db, reference, auth, NULL);

  g_assert_false (sb_sandbox_server_listen (server, "0.0.0.0", 0, &error));
  g_assert_error (error, SB_SANDBOX_SERVER_ERROR, SB_SANDBOX_SERVER_ERROR_NOT_LOOPBACK);
  g_clear_error (&error);
  g_assert_true (sb_sandbox_server_listen (server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sb_sandbox_server_get_port (server), >, 0);

  url = g_strconcat (sb_sandbox_server_get_url (server), "/v1/reference/carriers?origin=KR", NULL);
  msg = soup_message_new ("GET", url);
  to_sign = sb_sandbox_auth_string_to_sign ("GET", "/v1/reference/carriers?origin=KR", ts, NULL, 0);
  signature = sb_sandbox_auth_sign ("lib-secret", to_sign);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Api-Key", "lib-key");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Timestamp", ts);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Signature", signature);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, send_cb, &body);
  while (body == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "kr_kpacket"));
  g_assert_null (strstr (g_bytes_get_data (body, NULL), "ru_cdek"));

  sb_sandbox_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/units/image-png", test_image_png);
  g_test_add_func ("/sandbox/units/image-jpeg", test_image_jpeg);
  g_test_add_func ("/sandbox/units/image-webp", test_image_webp);
  g_test_add_func ("/sandbox/units/faults", test_faults);
  g_test_add_func ("/sandbox/units/signing", test_signing);
  g_test_add_func ("/sandbox/units/auth-rules", test_auth_rules);
  g_test_add_func ("/sandbox/units/db-versions", test_db_versions);
  g_test_add_func ("/sandbox/units/in-process", test_in_process);
  return g_test_run ();
}
