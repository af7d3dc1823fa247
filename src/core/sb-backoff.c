/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-backoff.c: Retry-After parsing and "equal jitter" exponential backoff.
 * The n-th retry waits a random time in [d/2, d] where
 * d = min (cap, base · 2^n); when the server sent Retry-After the wait is
 * at least that long, even past the cap, because the contract says to
 * wait at least that long.
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "sb-backoff.h"

/**
 * sb_backoff_init_default:
 *
 * Fills @backoff with the defaults used against the real marketplace.
 */
void
sb_backoff_init_default (SbBackoff *backoff)
{
  backoff->base_ms = SB_BACKOFF_DEFAULT_BASE_MS;
  backoff->cap_ms = SB_BACKOFF_DEFAULT_CAP_MS;
  backoff->max_attempts = SB_BACKOFF_DEFAULT_MAX_ATTEMPTS;
}

/**
 * sb_backoff_parse_retry_after:
 * @value: (nullable): the Retry-After header
 * @now: the current time, to turn an HTTP-date into seconds
 * @out_seconds: (out): seconds to wait, 0 for a date in the past
 *
 * Accepts delta-seconds (RFC 9110: one or more digits, nothing else apart
 * from surrounding spaces) and HTTP-dates in the three forms RFC 9110 lists.
 *
 * Returns: %FALSE for a missing or unreadable value
 */
gboolean
sb_backoff_parse_retry_after (const char *value,
                              GDateTime  *now,
                              gint64     *out_seconds)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) date = NULL;
  gint64 diff;

  if (value == NULL)
    return FALSE;
  text = g_strstrip (g_strdup (value));
  if (*text == '\0')
    return FALSE;

  if (g_ascii_isdigit (*text))
    {
      guint64 seconds = 0;

      for (const char *p = text; *p != '\0'; p++)
        {
          if (!g_ascii_isdigit (*p))
            return FALSE;
          /* A huge value is clamped rather than refused: it still means "later". */
          if (seconds < G_MAXINT32)
            seconds = seconds * 10 + (guint64) (*p - '0');
        }
      *out_seconds = (gint64) MIN (seconds, (guint64) G_MAXINT32);
      return TRUE;
    }

  date = soup_date_time_new_from_http_string (text);
  if (date == NULL)
    return FALSE;
  diff = g_date_time_difference (date, now) / G_TIME_SPAN_SECOND;
  *out_seconds = CLAMP (diff, 0, G_MAXINT32);
  return TRUE;
}

/**
 * sb_backoff_get_delay_ms:
 * @attempt: 0 for the first retry
 * @retry_after_s: the server's Retry-After in seconds, or -1
 * @rand: the source of jitter
 *
 * Returns: how long to wait before retry number @attempt
 */
guint
sb_backoff_get_delay_ms (const SbBackoff *backoff,
                         guint            attempt,
                         gint64           retry_after_s,
                         GRand           *rand)
{
  guint64 d = MAX (backoff->base_ms, 1);
  guint64 half;
  guint64 delay;

  for (guint i = 0; i < attempt && d < backoff->cap_ms; i++)
    d *= 2;
  d = MIN (d, MAX (backoff->cap_ms, 1));
  half = d / 2;
  delay = half + (guint64) g_rand_int_range (rand, 0, (gint32) (d - half) + 1);

  if (retry_after_s >= 0)
    {
      guint64 floor_ms = (guint64) MIN (retry_after_s, G_MAXUINT32 / 1000) * 1000;

      delay = MAX (delay, floor_ms);
    }
  return (guint) MIN (delay, G_MAXUINT32);
}
