/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-backoff.c: unit tests of Retry-After parsing (delta-seconds and the
 * three HTTP-date forms) and of the exponential backoff with jitter: its
 * bounds, its cap, Retry-After as a floor, and determinism under a seed.
 */
#include "config.h"

#include "sb-backoff.h"

static void
test_retry_after_seconds (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 21, 9, 0, 0);
  gint64 s = -1;

  g_assert_true (sb_backoff_parse_retry_after ("120", now, &s));
  g_assert_cmpint (s, ==, 120);
  g_assert_true (sb_backoff_parse_retry_after (" 0 ", now, &s));
  g_assert_cmpint (s, ==, 0);
  g_assert_true (sb_backoff_parse_retry_after ("99999999999999999999", now, &s));
  g_assert_cmpint (s, ==, G_MAXINT32);

  g_assert_false (sb_backoff_parse_retry_after (NULL, now, &s));
  g_assert_false (sb_backoff_parse_retry_after ("", now, &s));
  g_assert_false (sb_backoff_parse_retry_after ("1.5", now, &s));
  g_assert_false (sb_backoff_parse_retry_after ("-3", now, &s));
  g_assert_false (sb_backoff_parse_retry_after ("10s", now, &s));
  g_assert_false (sb_backoff_parse_retry_after ("soon", now, &s));
}

static void
test_retry_after_date (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 21, 9, 0, 0);
  gint64 s = -1;

  /* IMF-fixdate, RFC 850 and asctime, all 90 s after now. */
  g_assert_true (sb_backoff_parse_retry_after ("Sat, 21 Nov 2026 09:01:30 GMT", now, &s));
  g_assert_cmpint (s, ==, 90);
  s = -1;
  g_assert_true (sb_backoff_parse_retry_after ("Saturday, 21-Nov-26 09:01:30 GMT", now, &s));
  g_assert_cmpint (s, ==, 90);
  s = -1;
  g_assert_true (sb_backoff_parse_retry_after ("Sat Nov 21 09:01:30 2026", now, &s));
  g_assert_cmpint (s, ==, 90);
  /* A date in the past means "now". */
  g_assert_true (sb_backoff_parse_retry_after ("Fri, 20 Nov 2026 09:00:00 GMT", now, &s));
  g_assert_cmpint (s, ==, 0);
}

static void
test_delay_bounds (void)
{
  SbBackoff backoff = { 100, 1000, 5 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint round = 0; round < 200; round++)
    {
      /* d = 100, 200, 400, 800, 1000, 1000… ; delay in [d/2, d]. */
      static const guint d[] = { 100, 200, 400, 800, 1000, 1000, 1000 };

      for (guint attempt = 0; attempt < G_N_ELEMENTS (d); attempt++)
        {
          guint delay = sb_backoff_get_delay_ms (&backoff, attempt, -1, rand);

          g_assert_cmpuint (delay, >=, d[attempt] / 2);
          g_assert_cmpuint (delay, <=, d[attempt]);
        }
    }
  /* A huge attempt number does not overflow. */
  g_assert_cmpuint (sb_backoff_get_delay_ms (&backoff, 1000, -1, rand), <=, 1000);
}

static void
test_delay_jitter_and_seed (void)
{
  SbBackoff backoff = { 1000, 60000, 8 };
  g_autoptr(GRand) a = g_rand_new_with_seed (7);
  g_autoptr(GRand) b = g_rand_new_with_seed (7);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < 50; i++)
    {
      guint da = sb_backoff_get_delay_ms (&backoff, 3, -1, a);
      guint db = sb_backoff_get_delay_ms (&backoff, 3, -1, b);

      g_assert_cmpuint (da, ==, db);
      g_hash_table_add (seen, GUINT_TO_POINTER (da));
    }
  /* Jitter: 50 draws from [4000, 8000] are not all the same. */
  g_assert_cmpuint (g_hash_table_size (seen), >, 10);
}

static void
test_delay_retry_after_floor (void)
{
  SbBackoff backoff = { 100, 1000, 5 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);

  /* Retry-After wins over the (smaller) backoff, even beyond the cap. */
  g_assert_cmpuint (sb_backoff_get_delay_ms (&backoff, 0, 7, rand), ==, 7000);
  /* Retry-After: 0 leaves the backoff as it is. */
  g_assert_cmpuint (sb_backoff_get_delay_ms (&backoff, 0, 0, rand), >=, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/backoff/retry-after/seconds", test_retry_after_seconds);
  g_test_add_func ("/backoff/retry-after/date", test_retry_after_date);
  g_test_add_func ("/backoff/delay/bounds", test_delay_bounds);
  g_test_add_func ("/backoff/delay/jitter-and-seed", test_delay_jitter_and_seed);
  g_test_add_func ("/backoff/delay/retry-after-floor", test_delay_retry_after_floor);
  return g_test_run ();
}
