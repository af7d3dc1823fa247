/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-auth.c: verification of the contract's request signature.
 * string_to_sign = METHOD "\n" PATH_AND_QUERY "\n" X-Timestamp "\n"
 * hex(SHA-256(body)), signed with HMAC-SHA256 (GHmac) and compared in
 * constant time.  A timestamp more than 300 s from the server's clock is a
 * clock skew.  Each key may make at most 10 accepted requests in any
 * sliding one-second window; beyond that the caller answers 429 with the
 * number of whole seconds until a slot frees up.
 */
#include "config.h"

#include <string.h>

#include "sb-sandbox-auth.h"

typedef struct {
  char   *secret;
  /* Monotonic times (µs) of the last accepted requests, a ring buffer. */
  gint64  recent[SB_SANDBOX_AUTH_REQUESTS_PER_S];
  guint   next;
} KeyState;

struct _SbSandboxAuth
{
  GObject     parent_instance;

  GHashTable *keys;   /* (owned): key id → KeyState */
};

G_DEFINE_FINAL_TYPE (SbSandboxAuth, sb_sandbox_auth, G_TYPE_OBJECT)

static void
key_state_free (KeyState *state)
{
  /* Wipe the secret before giving the memory back. */
  if (state->secret != NULL)
    memset (state->secret, 0, strlen (state->secret));
  g_free (state->secret);
  g_free (state);
}

/**
 * sb_sandbox_auth_string_to_sign:
 *
 * Returns: (transfer full): the contract's string to sign for a request
 */
char *
sb_sandbox_auth_string_to_sign (const char   *method,
                                const char   *path_and_query,
                                const char   *timestamp,
                                const guint8 *body,
                                gsize         body_len)
{
  g_autofree char *body_hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                            body != NULL ? body : (const guint8 *) "",
                                                            body_len);

  return g_strdup_printf ("%s\n%s\n%s\n%s", method, path_and_query, timestamp, body_hash);
}

/**
 * sb_sandbox_auth_sign:
 *
 * Returns: (transfer full): lowercase hex HMAC-SHA256 of @string_to_sign
 */
char *
sb_sandbox_auth_sign (const char *secret,
                      const char *string_to_sign)
{
  return g_compute_hmac_for_string (G_CHECKSUM_SHA256,
                                    (const guchar *) secret, strlen (secret),
                                    string_to_sign, -1);
}

static gboolean
equal_constant_time (const char *a,
                     const char *b)
{
  gsize len_a = strlen (a), len_b = strlen (b);
  guint diff = len_a != len_b;

  for (gsize i = 0; i < len_a && i < len_b; i++)
    diff |= (guint) (a[i] ^ b[i]);
  return diff == 0;
}

/* Strict decimal seconds, optionally negative; no spaces, no exponent. */
static gboolean
parse_timestamp (const char *text,
                 gint64     *out)
{
  gint64 value;

  if (text == NULL || *text == '\0' || strlen (text) > 15)
    return FALSE;
  for (const char *p = (text[0] == '-' ? text + 1 : text); *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  if (!g_ascii_string_to_signed (text, 10, -G_MAXINT64 / 2, G_MAXINT64 / 2, &value, NULL))
    return FALSE;
  *out = value;
  return TRUE;
}

static void
sb_sandbox_auth_finalize (GObject *object)
{
  SbSandboxAuth *self = SB_SANDBOX_AUTH (object);

  g_clear_pointer (&self->keys, g_hash_table_unref);

  G_OBJECT_CLASS (sb_sandbox_auth_parent_class)->finalize (object);
}

static void
sb_sandbox_auth_class_init (SbSandboxAuthClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_sandbox_auth_finalize;
}

static void
sb_sandbox_auth_init (SbSandboxAuth *self)
{
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) key_state_free);
}

SbSandboxAuth *
sb_sandbox_auth_new (void)
{
  return g_object_new (SB_TYPE_SANDBOX_AUTH, NULL);
}

/**
 * sb_sandbox_auth_add_key:
 *
 * Accepts requests signed by @key_id with @secret (replacing an earlier
 * secret of that key).
 */
void
sb_sandbox_auth_add_key (SbSandboxAuth *self,
                         const char    *key_id,
                         const char    *secret)
{
  KeyState *state;

  g_return_if_fail (SB_IS_SANDBOX_AUTH (self));
  g_return_if_fail (key_id != NULL && *key_id != '\0');
  g_return_if_fail (secret != NULL && *secret != '\0');

  state = g_new0 (KeyState, 1);
  state->secret = g_strdup (secret);
  for (guint i = 0; i < G_N_ELEMENTS (state->recent); i++)
    state->recent[i] = G_MININT64;
  g_hash_table_replace (self->keys, g_strdup (key_id), state);
}

/**
 * sb_sandbox_auth_check:
 * @now_s: the server's Unix time in seconds
 * @now_monotonic_us: a monotonic clock in microseconds, for the rate limit
 * @out_retry_after_s: (out): seconds to wait, set for
 *   %SB_SANDBOX_AUTH_RATE_LIMITED
 *
 * Checks one request.  Only requests that pass the signature and clock
 * checks count against the key's rate limit, and a request refused with
 * 429 does not count either.
 */
SbSandboxAuthResult
sb_sandbox_auth_check (SbSandboxAuth *self,
                       const char    *method,
                       const char    *path_and_query,
                       const char    *key_id,
                       const char    *timestamp,
                       const char    *signature,
                       const guint8  *body,
                       gsize          body_len,
                       gint64         now_s,
                       gint64         now_monotonic_us,
                       guint         *out_retry_after_s)
{
  g_autofree char *to_sign = NULL;
  g_autofree char *expected = NULL;
  KeyState *state;
  gint64 ts, oldest;

  g_return_val_if_fail (SB_IS_SANDBOX_AUTH (self), SB_SANDBOX_AUTH_BAD_SIGNATURE);

  if (key_id == NULL || (state = g_hash_table_lookup (self->keys, key_id)) == NULL)
    return SB_SANDBOX_AUTH_UNKNOWN_KEY;
  if (signature == NULL || !parse_timestamp (timestamp, &ts))
    return SB_SANDBOX_AUTH_BAD_SIGNATURE;

  to_sign = sb_sandbox_auth_string_to_sign (method, path_and_query, timestamp, body, body_len);
  expected = sb_sandbox_auth_sign (state->secret, to_sign);
  if (!equal_constant_time (expected, signature))
    return SB_SANDBOX_AUTH_BAD_SIGNATURE;
  if (ABS (now_s - ts) > SB_SANDBOX_AUTH_MAX_SKEW_S)
    return SB_SANDBOX_AUTH_CLOCK_SKEW;

  /* The slot about to be overwritten holds the oldest of the last ten
   * accepted requests; a new one fits only when that was ≥ 1 s ago. */
  oldest = state->recent[state->next];
  if (oldest != G_MININT64 && now_monotonic_us - oldest < G_USEC_PER_SEC)
    {
      gint64 wait_us = oldest + G_USEC_PER_SEC - now_monotonic_us;

      *out_retry_after_s = (guint) MAX (1, (wait_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
      return SB_SANDBOX_AUTH_RATE_LIMITED;
    }
  state->recent[state->next] = now_monotonic_us;
  state->next = (state->next + 1) % G_N_ELEMENTS (state->recent);
  return SB_SANDBOX_AUTH_OK;
}
