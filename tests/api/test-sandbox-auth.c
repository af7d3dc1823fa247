/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-sandbox-auth.c: the sandbox's request authentication as seen by a
 * client — a good signature passes, a wrong secret, an unknown key and a
 * skewed clock each get their own 401, every answer carries X-Request-Id
 * and the contract's error body, and the 11th request within a second gets
 * 429 with Retry-After.
 */
#include "config.h"

#include "sb-test-sandbox.h"

static void
test_signed_request_passes (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start (NULL);
  g_autoptr(SbtResponse) response = sbt_request (sandbox, "GET", "/v1/reference/currencies", NULL);

  g_assert_no_error (response->error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (response->headers, "X-Request-Id"), "req_"));
  g_assert_cmpstr (sbt_member_string (response, "base"), ==, "USD");
  sbt_sandbox_stop (sandbox);
}

static void
check_401 (SbtResponse *response,
           const char  *code)
{
  g_assert_no_error (response->error);
  g_assert_cmpuint (response->status, ==, 401);
  g_assert_cmpstr (sbt_error_code (response), ==, code);
  g_assert_nonnull (soup_message_headers_get_one (response->headers, "X-Request-Id"));
  g_assert_true (g_str_has_prefix (soup_message_headers_get_content_type (response->headers, NULL),
                                   "application/json"));
}

static void
test_bad_signature (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start (NULL);
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(SbtResponse) wrong_secret = NULL;
  g_autoptr(SbtResponse) unsigned_request = NULL;
  g_autoptr(SbtResponse) tampered = NULL;

  wrong_secret = sbt_request_full (sandbox, "GET", "/v1/seller", NULL, NULL, NULL, "not-the-secret", 0,
                                   SBT_NONE, NULL);
  check_401 (wrong_secret, "bad_signature");

  /* The key is right but there is no signature at all. */
  unsigned_request = sbt_request_full (sandbox, "GET", "/v1/seller", NULL, NULL, NULL, NULL, 0,
                                       SBT_UNSIGNED, "X-Api-Key", sandbox->key, NULL);
  check_401 (unsigned_request, "bad_signature");

  /* Signed for another timestamp than the one sent. */
  tampered = sbt_request_full (sandbox, "PUT", "/v1/seller", "application/json", body, NULL, NULL, 0,
                               SBT_NONE, "X-Timestamp", "12345", NULL);
  check_401 (tampered, "bad_signature");
  sbt_sandbox_stop (sandbox);
}

static void
test_unknown_key (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start (NULL);
  g_autoptr(SbtResponse) response = sbt_request_full (sandbox, "GET", "/v1/seller", NULL, NULL,
                                                      "someone-else", NULL, 0, SBT_NONE, NULL);

  check_401 (response, "unknown_key");
  sbt_sandbox_stop (sandbox);
}

static void
test_clock_skew (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start (NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(SbtResponse) behind = sbt_request_full (sandbox, "GET", "/v1/reference/currencies", NULL, NULL,
                                                    NULL, NULL, now - 400, SBT_NONE, NULL);
  g_autoptr(SbtResponse) ahead = sbt_request_full (sandbox, "GET", "/v1/reference/currencies", NULL, NULL,
                                                   NULL, NULL, now + 400, SBT_NONE, NULL);
  g_autoptr(SbtResponse) within = sbt_request_full (sandbox, "GET", "/v1/reference/currencies", NULL, NULL,
                                                    NULL, NULL, now - 250, SBT_NONE, NULL);
  g_autoptr(GDateTime) date = NULL;
  const char *date_header;

  check_401 (behind, "clock_skew");
  check_401 (ahead, "clock_skew");
  date_header = soup_message_headers_get_one (behind->headers, "Date");
  g_assert_nonnull (date_header);
  date = soup_date_time_new_from_http_string (date_header);
  g_assert_nonnull (date);
  /* The Date header lets the client correct its offset. */
  g_assert_cmpint (ABS (g_date_time_to_unix (date) - now), <=, 5);
  g_assert_cmpuint (within->status, ==, 200);
  sbt_sandbox_stop (sandbox);
}

static void
test_rate_limit (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start (NULL);
  guint ok = 0, limited = 0;
  g_autofree char *retry_after = NULL;

  /* Requests as fast as possible: the first ten within a second pass,
   * then 429 comes (a request takes a few milliseconds here). */
  for (guint i = 0; i < 60 && limited < 3; i++)
    {
      g_autoptr(SbtResponse) response = sbt_request_full (sandbox, "GET", "/v1/reference/currencies", NULL,
                                                          NULL, NULL, NULL, 0, SBT_NO_RETRY_429, NULL);

      if (response->status == 200)
        {
          g_assert_cmpuint (limited, ==, 0);
          ok++;
        }
      else
        {
          g_assert_cmpuint (response->status, ==, 429);
          g_assert_cmpstr (sbt_error_code (response), ==, "rate_limited");
          g_assert_nonnull (soup_message_headers_get_one (response->headers, "X-Request-Id"));
          g_free (retry_after);
          retry_after = g_strdup (soup_message_headers_get_one (response->headers, "Retry-After"));
          limited++;
        }
    }
  g_assert_cmpuint (ok, >=, 10);
  g_assert_cmpuint (limited, ==, 3);
  g_assert_nonnull (retry_after);
  g_assert_cmpuint (g_ascii_strtoull (retry_after, NULL, 10), >=, 1);

  /* After waiting as told, requests pass again. */
  g_usleep (g_ascii_strtoull (retry_after, NULL, 10) * G_USEC_PER_SEC);
  {
    g_autoptr(SbtResponse) again = sbt_request_full (sandbox, "GET", "/v1/reference/currencies", NULL,
                                                     NULL, NULL, NULL, 0, SBT_NO_RETRY_429, NULL);

    g_assert_cmpuint (again->status, ==, 200);
  }
  sbt_sandbox_stop (sandbox);
}

static void
test_not_found_has_error_body (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start (NULL);
  g_autoptr(SbtResponse) response = sbt_request (sandbox, "GET", "/v1/nothing-here", NULL);

  g_assert_cmpuint (response->status, ==, 404);
  g_assert_cmpstr (sbt_error_code (response), ==, "not_found");
  g_assert_nonnull (soup_message_headers_get_one (response->headers, "X-Request-Id"));
  sbt_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/auth/signed", test_signed_request_passes);
  g_test_add_func ("/sandbox/auth/bad-signature", test_bad_signature);
  g_test_add_func ("/sandbox/auth/unknown-key", test_unknown_key);
  g_test_add_func ("/sandbox/auth/clock-skew", test_clock_skew);
  g_test_add_func ("/sandbox/auth/rate-limit", test_rate_limit);
  g_test_add_func ("/sandbox/auth/not-found", test_not_found_has_error_body);
  return g_test_run ();
}
