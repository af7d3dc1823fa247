/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-api-error.c: unit tests of the mapping from the contract's error
 * table (status + JSON error body + headers) to SB_API_ERROR codes and the
 * details the extended error carries: server code and message, field
 * paths, current_version, Retry-After and X-Request-Id — also after
 * g_error_copy().
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "sb-api-error.h"
#include "sb-product.h"

static GError *
make (guint       status,
      const char *body,
      const char *retry_after)
{
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new_static (body, strlen (body)) : NULL;

  return sb_api_error_new_from_response (status, "req-1", retry_after, bytes);
}

static void
test_table (void)
{
  static const struct {
    guint status;
    const char *code;
    int expected;
    gboolean retryable;
    gboolean auth;
  } cases[] = {
    { 400, "malformed_json", SB_API_ERROR_MALFORMED_JSON, FALSE, FALSE },
    { 400, "bad_request", SB_API_ERROR_BAD_REQUEST, FALSE, FALSE },
    { 401, "bad_signature", SB_API_ERROR_BAD_SIGNATURE, FALSE, TRUE },
    { 401, "unknown_key", SB_API_ERROR_UNKNOWN_KEY, FALSE, TRUE },
    { 401, "clock_skew", SB_API_ERROR_CLOCK_SKEW, FALSE, TRUE },
    { 404, "not_found", SB_API_ERROR_NOT_FOUND, FALSE, FALSE },
    { 409, "version_conflict", SB_API_ERROR_VERSION_CONFLICT, FALSE, FALSE },
    { 413, "too_large", SB_API_ERROR_TOO_LARGE, FALSE, FALSE },
    { 422, "validation_failed", SB_API_ERROR_VALIDATION_FAILED, FALSE, FALSE },
    { 422, "idempotency_key_reused", SB_API_ERROR_IDEMPOTENCY_KEY_REUSED, FALSE, FALSE },
    { 429, "rate_limited", SB_API_ERROR_RATE_LIMITED, TRUE, FALSE },
    { 500, "internal", SB_API_ERROR_SERVER, TRUE, FALSE },
    { 502, "bad_gateway", SB_API_ERROR_SERVER, TRUE, FALSE },
    { 503, "unavailable", SB_API_ERROR_SERVER, TRUE, FALSE },
    { 504, "timeout", SB_API_ERROR_SERVER, TRUE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"error\": {\"code\": \"%s\", \"message\": \"m%u\"}}",
                                               cases[i].code, i);
      g_autoptr(GError) error = make (cases[i].status, body, NULL);
      g_autofree char *message = g_strdup_printf ("m%u", i);

      g_assert_error (error, SB_API_ERROR, cases[i].expected);
      g_assert_cmpuint (sb_api_error_get_http_status (error), ==, cases[i].status);
      g_assert_cmpstr (sb_api_error_get_server_code (error), ==, cases[i].code);
      g_assert_cmpstr (sb_api_error_get_server_message (error), ==, message);
      g_assert_cmpstr (sb_api_error_get_request_id (error), ==, "req-1");
      g_assert_cmpint (sb_api_error_is_retryable (error), ==, cases[i].retryable);
      g_assert_cmpint (sb_api_error_is_auth (error), ==, cases[i].auth);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_details (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  GPtrArray *fields;
  SbReason *reason;

  error = make (422,
                "{\"error\": {\"code\": \"validation_failed\", \"message\": \"bad\", \"fields\": ["
                "{\"path\": \"variants[0].price.amount\", \"code\": \"out_of_range\", \"message\": \"too small\"},"
                "{\"path\": \"title.en\", \"code\": \"required\"}, 7, {\"path\": 3}]}}",
                NULL);
  copy = g_error_copy (error);
  g_clear_error (&error);
  fields = sb_api_error_get_fields (copy);
  g_assert_cmpuint (fields->len, ==, 3);
  reason = g_ptr_array_index (fields, 0);
  g_assert_cmpstr (reason->path, ==, "variants[0].price.amount");
  g_assert_cmpstr (reason->code, ==, "out_of_range");
  g_assert_cmpstr (reason->message, ==, "too small");
  reason = g_ptr_array_index (fields, 1);
  g_assert_cmpstr (reason->path, ==, "title.en");
  /* A member of a wrong type is skipped, not a crash. */
  reason = g_ptr_array_index (fields, 2);
  g_assert_null (reason->path);
  g_assert_cmpstr (sb_api_error_get_request_id (copy), ==, "req-1");

  error = make (409, "{\"error\": {\"code\": \"version_conflict\", \"message\": \"x\", \"current_version\": 5}}", NULL);
  g_assert_cmpint (sb_api_error_get_current_version (error), ==, 5);
  g_clear_error (&error);
  error = make (409, "{\"error\": {\"code\": \"version_conflict\"}, \"current_version\": 6}", NULL);
  g_assert_cmpint (sb_api_error_get_current_version (error), ==, 6);
  g_clear_error (&error);
  error = make (409, "{\"error\": {\"code\": \"version_conflict\", \"current_version\": \"6\"}}", NULL);
  g_assert_cmpint (sb_api_error_get_current_version (error), ==, -1);
  g_clear_error (&error);

  error = make (429, "{\"error\": {\"code\": \"rate_limited\"}}", "3");
  g_assert_cmpint (sb_api_error_get_retry_after (error), ==, 3);
  g_clear_error (&error);
  error = make (503, NULL, "oops");
  g_assert_error (error, SB_API_ERROR, SB_API_ERROR_SERVER);
  g_assert_cmpint (sb_api_error_get_retry_after (error), ==, -1);
  g_assert_null (sb_api_error_get_server_code (error));
}

static void
test_garbage_bodies (void)
{
  static const char *bodies[] = {
    "", "not json", "[1,2]", "{\"error\": 5}", "{\"error\": {\"code\": 5, \"fields\": {}}}",
    "{\"error\": {\"code\": null, \"message\": [1]}}", "\xff\xfe",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = make (500, bodies[i], NULL);

      g_assert_error (error, SB_API_ERROR, SB_API_ERROR_SERVER);
      g_assert_null (sb_api_error_get_server_code (error));
      g_assert_cmpuint (sb_api_error_get_fields (error)->len, ==, 0);
    }
  /* Getters on a foreign error are harmless. */
  {
    g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

    g_assert_cmpuint (sb_api_error_get_http_status (other), ==, 0);
    g_assert_null (sb_api_error_get_fields (other));
    g_assert_false (sb_api_error_is_retryable (other));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/api-error/table", test_table);
  g_test_add_func ("/api-error/details", test_details);
  g_test_add_func ("/api-error/garbage-bodies", test_garbage_bodies);
  return g_test_run ();
}
