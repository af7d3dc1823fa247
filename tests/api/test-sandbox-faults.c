/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-sandbox-faults.c: fault injection.  With the same --seed the same
 * sequence of requests meets the same faults (429, 500, 503, reset,
 * truncated, malformed, slow), another seed gives another sequence, a slow
 * response is late, and a corrupted answer still means the write was
 * applied.
 */
#include "config.h"

#include <string.h>

#include "sb-test-sandbox.h"

#define N_REQUESTS 24

/* One word per outcome: the status, "reset" for a transport failure,
 * "truncated" or "malformed" for a 200 whose body does not parse. */
static char *
classify (SbtResponse *response)
{
  gsize len = 0;
  const char *data;

  if (response->error != NULL)
    return g_strdup ("reset");
  if (response->status == 200 && response->json == NULL)
    {
      data = g_bytes_get_data (response->body, &len);
      if (len >= 2 && memcmp (data + len - 2, ",]", 2) == 0)
        return g_strdup ("malformed");
      return g_strdup ("truncated");
    }
  if (response->status == 503)
    g_assert_nonnull (soup_message_headers_get_one (response->headers, "Retry-After"));
  return g_strdup_printf ("%u", response->status);
}

static char *
run_sequence (const char *seed)
{
  g_autofree char *seed_arg = g_strdup_printf ("--seed=%s", seed);
  SbtSandbox *sandbox = sbt_sandbox_start (seed_arg, "--fault-rate=0.5",
                                           "--fault-kinds=429,500,503,reset,truncated,malformed", NULL);
  g_autoptr(GString) outcomes = g_string_new (NULL);

  for (guint i = 0; i < N_REQUESTS; i++)
    {
      g_autoptr(SbtResponse) response = sbt_request_full (sandbox, "GET", "/v1/reference/currencies", NULL,
                                                          NULL, NULL, NULL, 0, SBT_NO_RETRY_429, NULL);
      g_autofree char *outcome = classify (response);

      g_string_append_printf (outcomes, "%s%s", i > 0 ? " " : "", outcome);
      /* Stay under the real rate limit so that every 429 is injected. */
      g_usleep (120 * 1000);
    }
  sbt_sandbox_stop (sandbox);
  return g_string_free (g_steal_pointer (&outcomes), FALSE);
}

static void
test_deterministic (void)
{
  g_autofree char *a = run_sequence ("1234");
  g_autofree char *b = run_sequence ("1234");
  g_autofree char *c = run_sequence ("98765");
  g_auto(GStrv) words = g_strsplit (a, " ", -1);
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);

  g_test_message ("seed 1234: %s", a);
  g_test_message ("seed 98765: %s", c);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  for (guint i = 0; words[i] != NULL; i++)
    g_hash_table_add (kinds, words[i]);
  /* Some requests succeed and several kinds of fault occur. */
  g_assert_true (g_hash_table_contains (kinds, "200"));
  g_assert_cmpuint (g_hash_table_size (kinds), >=, 4);
}

static void
test_slow (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start ("--seed=1", "--fault-rate=1", "--fault-kinds=slow", NULL);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(SbtResponse) response = sbt_request (sandbox, "GET", "/v1/reference/currencies", NULL);
  gint64 elapsed_ms = (g_get_monotonic_time () - start) / 1000;

  g_assert_cmpuint (response->status, ==, 200);
  g_assert_nonnull (response->json);
  g_assert_cmpint (elapsed_ms, >=, 1900);
  sbt_sandbox_stop (sandbox);
}

static void
test_corrupted_answer_was_applied (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start ("--seed=1", "--fault-rate=1", "--fault-kinds=truncated",
                                           "--moderation-delay=60", NULL);
  g_autoptr(GBytes) png = sbt_make_png (1000, 1000, 11);
  g_autoptr(SbtResponse) image = sbt_request_full (sandbox, "POST", "/v1/images", "image/png", png,
                                                   NULL, NULL, 0, SBT_NONE, NULL);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  g_autofree char *image_id = g_strdup_printf ("img_%.32s", sha256);
  g_autofree char *json = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SbtResponse) first = NULL;
  g_autoptr(SbtResponse) second = NULL;

  /* Every answer is cut short, but the status line is intact. */
  g_assert_cmpuint (image->status, ==, 201);
  g_assert_null (image->json);

  json = sbt_product_json ("F-1", "Cotton T-shirt", image_id);
  body = g_bytes_new (json, strlen (json));
  first = sbt_request_full (sandbox, "PUT", "/v1/products/F-1", "application/json", body, NULL, NULL, 0,
                            SBT_NONE, NULL);
  g_assert_cmpuint (first->status, ==, 201);
  g_assert_null (first->json);

  /* The write happened: version 1 exists, so If-Match "1" succeeds. */
  second = sbt_request_full (sandbox, "PUT", "/v1/products/F-1", "application/json", body, NULL, NULL, 0,
                             SBT_NONE, "If-Match", "\"1\"", NULL);
  g_assert_cmpuint (second->status, ==, 200);
  sbt_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/faults/deterministic", test_deterministic);
  g_test_add_func ("/sandbox/faults/slow", test_slow);
  g_test_add_func ("/sandbox/faults/applied", test_corrupted_answer_was_applied);
  return g_test_run ();
}
