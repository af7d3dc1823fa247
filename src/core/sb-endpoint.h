/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-endpoint.h: checks a Seller API base URL against the contract's
 * transport rule — https anywhere, plain http only to a loopback host.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SB_ENDPOINT_ERROR (sb_endpoint_error_quark ())

typedef enum {
  SB_ENDPOINT_ERROR_INVALID,   /* not an absolute http(s) URL */
  SB_ENDPOINT_ERROR_INSECURE,  /* plain http to a host that is not loopback */
} SbEndpointError;

GQuark   sb_endpoint_error_quark (void);
gboolean sb_endpoint_host_is_loopback (const char *host);
char    *sb_endpoint_normalize   (const char  *url,
                                  GError     **error);

G_END_DECLS
