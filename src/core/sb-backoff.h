/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-backoff.h: the retry policy of the sync engine — reading the
 * Retry-After header (delta-seconds or an HTTP-date) and computing
 * exponential delays with jitter and a cap.  Randomness comes from a
 * caller-supplied GRand so that tests can seed it and get fixed delays.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint base_ms;       /* delay before the first retry, before jitter */
  guint cap_ms;        /* no single delay is longer than this (Retry-After aside) */
  guint max_attempts;  /* retries of one request before giving up */
} SbBackoff;

#define SB_BACKOFF_DEFAULT_BASE_MS      500
#define SB_BACKOFF_DEFAULT_CAP_MS       60000
#define SB_BACKOFF_DEFAULT_MAX_ATTEMPTS 8

void     sb_backoff_init_default      (SbBackoff  *backoff);
gboolean sb_backoff_parse_retry_after (const char *value,
                                       GDateTime  *now,
                                       gint64     *out_seconds);
guint    sb_backoff_get_delay_ms      (const SbBackoff *backoff,
                                       guint            attempt,
                                       gint64           retry_after_s,
                                       GRand           *rand);

G_END_DECLS
