/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-auth.h: the sandbox's check of a signed request — the access
 * key, the HMAC-SHA256 signature over the contract's string to sign, the
 * clock skew, and the rate limit of 10 requests per second per key.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  SB_SANDBOX_AUTH_OK,
  SB_SANDBOX_AUTH_UNKNOWN_KEY,    /* 401 unknown_key */
  SB_SANDBOX_AUTH_BAD_SIGNATURE,  /* 401 bad_signature */
  SB_SANDBOX_AUTH_CLOCK_SKEW,     /* 401 clock_skew */
  SB_SANDBOX_AUTH_RATE_LIMITED,   /* 429 rate_limited */
} SbSandboxAuthResult;

#define SB_SANDBOX_AUTH_MAX_SKEW_S       300
#define SB_SANDBOX_AUTH_REQUESTS_PER_S   10

char *sb_sandbox_auth_string_to_sign (const char *method,
                                      const char *path_and_query,
                                      const char *timestamp,
                                      const guint8 *body,
                                      gsize       body_len);
char *sb_sandbox_auth_sign           (const char *secret,
                                      const char *string_to_sign);

#define SB_TYPE_SANDBOX_AUTH (sb_sandbox_auth_get_type ())
G_DECLARE_FINAL_TYPE (SbSandboxAuth, sb_sandbox_auth, SB, SANDBOX_AUTH, GObject)

SbSandboxAuth      *sb_sandbox_auth_new     (void);
void                sb_sandbox_auth_add_key (SbSandboxAuth *self,
                                             const char    *key_id,
                                             const char    *secret);
SbSandboxAuthResult sb_sandbox_auth_check   (SbSandboxAuth *self,
                                             const char    *method,
                                             const char    *path_and_query,
                                             const char    *key_id,
                                             const char    *timestamp,
                                             const char    *signature,
                                             const guint8  *body,
                                             gsize          body_len,
                                             gint64         now_s,
                                             gint64         now_monotonic_us,
                                             guint         *out_retry_after_s);

G_END_DECLS
