/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-endpoint.c: unit tests of the Seller API base-URL rule — https
 * anywhere, plain http only to loopback, and a clear error otherwise.
 */
#include "config.h"

#include "sb-endpoint.h"

static void
test_accepted (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "https://seller-api.marketplace.example", "https://seller-api.marketplace.example" },
    { "  https://seller-api.marketplace.example/ ", "https://seller-api.marketplace.example" },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080" },
    { "http://127.1.2.3:9/", "http://127.1.2.3:9" },
    { "http://localhost:5000", "http://localhost:5000" },
    { "http://[::1]:5000", "http://[::1]:5000" },
    { "HTTPS://Example.com/base", "HTTPS://Example.com/base" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = sb_endpoint_normalize (cases[i].in, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, cases[i].out);
    }
}

static void
test_refused (void)
{
  static const struct { const char *in; int code; } cases[] = {
    { "http://seller-api.marketplace.example", SB_ENDPOINT_ERROR_INSECURE },
    { "http://10.0.0.1:8080", SB_ENDPOINT_ERROR_INSECURE },
    { "http://localhost.evil.example", SB_ENDPOINT_ERROR_INSECURE },
    { "ftp://example.com", SB_ENDPOINT_ERROR_INVALID },
    { "seller-api.marketplace.example", SB_ENDPOINT_ERROR_INVALID },
    { "", SB_ENDPOINT_ERROR_INVALID },
    { "https://", SB_ENDPOINT_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = sb_endpoint_normalize (cases[i].in, &error);

      g_assert_null (url);
      g_assert_error (error, SB_ENDPOINT_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_loopback (void)
{
  g_assert_true (sb_endpoint_host_is_loopback ("127.0.0.1"));
  g_assert_true (sb_endpoint_host_is_loopback ("::1"));
  g_assert_true (sb_endpoint_host_is_loopback ("[::1]"));
  g_assert_true (sb_endpoint_host_is_loopback ("LOCALHOST"));
  g_assert_false (sb_endpoint_host_is_loopback ("192.168.1.1"));
  g_assert_false (sb_endpoint_host_is_loopback ("example.com"));
  g_assert_false (sb_endpoint_host_is_loopback (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/endpoint/accepted", test_accepted);
  g_test_add_func ("/endpoint/refused", test_refused);
  g_test_add_func ("/endpoint/loopback", test_loopback);
  return g_test_run ();
}
