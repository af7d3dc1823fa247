/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-api-error.h: the error domain of the Seller API client.  Every failure
 * of a request — an error answer of the marketplace, a network or TLS
 * failure, a deadline, a body that is too large or not what the contract
 * says — becomes one GError in SB_API_ERROR.  The domain is an extended
 * GError domain (G_DEFINE_EXTENDED_ERROR), so the details of the server's
 * answer travel inside the GError itself and survive g_error_copy() and
 * g_task_return_error(): read them with the sb_api_error_get_*() getters.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SB_API_ERROR (sb_api_error_quark ())

typedef enum {
  /* The contract's error table. */
  SB_API_ERROR_MALFORMED_JSON,         /* 400 malformed_json */
  SB_API_ERROR_BAD_REQUEST,            /* 400 bad_request, or another 4xx */
  SB_API_ERROR_BAD_SIGNATURE,          /* 401 bad_signature */
  SB_API_ERROR_UNKNOWN_KEY,            /* 401 unknown_key */
  SB_API_ERROR_CLOCK_SKEW,             /* 401 clock_skew (after the one correction) */
  SB_API_ERROR_NOT_FOUND,              /* 404 not_found */
  SB_API_ERROR_VERSION_CONFLICT,       /* 409 version_conflict; see current_version */
  SB_API_ERROR_TOO_LARGE,              /* 413 too_large */
  SB_API_ERROR_VALIDATION_FAILED,      /* 422 validation_failed; see fields */
  SB_API_ERROR_IDEMPOTENCY_KEY_REUSED, /* 422 idempotency_key_reused */
  SB_API_ERROR_RATE_LIMITED,           /* 429 rate_limited; see retry_after */
  SB_API_ERROR_SERVER,                 /* 500, 502, 503, 504 or another 5xx */
  /* Failures found by the client itself. */
  SB_API_ERROR_NETWORK,                /* connection refused or reset, DNS */
  SB_API_ERROR_TIMEOUT,                /* the request's total deadline passed */
  SB_API_ERROR_TOO_LARGE_RESPONSE,     /* the body passed the client's cap */
  SB_API_ERROR_BAD_RESPONSE,           /* not JSON, truncated, or a member of a wrong type */
  SB_API_ERROR_INSECURE,               /* plain http to a host that is not loopback, or a TLS failure */
  SB_API_ERROR_REDIRECT,               /* a redirect to another host, or too many */
} SbApiErrorCode;

GQuark       sb_api_error_quark (void);

GError      *sb_api_error_new_from_response (guint         http_status,
                                             const char   *request_id,
                                             const char   *retry_after,
                                             GBytes       *body);

guint        sb_api_error_get_http_status     (const GError *error);
const char  *sb_api_error_get_server_code     (const GError *error);
const char  *sb_api_error_get_server_message  (const GError *error);
GPtrArray   *sb_api_error_get_fields          (const GError *error);
gint64       sb_api_error_get_current_version (const GError *error);
gint64       sb_api_error_get_retry_after     (const GError *error);
const char  *sb_api_error_get_request_id      (const GError *error);
void         sb_api_error_set_request_id      (GError       *error,
                                               const char   *request_id);

gboolean     sb_api_error_is_retryable        (const GError *error);
gboolean     sb_api_error_is_auth             (const GError *error);

G_END_DECLS
