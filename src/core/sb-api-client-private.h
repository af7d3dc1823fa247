/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-api-client-private.h: the API client's reply parsers, reachable
 * without a network for the fuzz target and tests.  Not for the app.
 */
#pragma once

#include <libsoup/soup.h>

#include "sb-api-client.h"

G_BEGIN_DECLS

typedef enum {
  SB_API_REPLY_REFERENCE,     /* SbApiReference */
  SB_API_REPLY_OBJECT,        /* JsonNode (seller, full product) */
  SB_API_REPLY_IMAGE,         /* SbApiImage */
  SB_API_REPLY_WRITE_RESULT,  /* SbApiWriteResult */
  SB_API_REPLY_BATCH,         /* GPtrArray of SbApiBatchItem */
  SB_API_REPLY_STATUS_PAGE,   /* SbApiStatusPage */
} SbApiReplyKind;

gpointer sb_api_client_parse_reply_for_testing (SbApiReplyKind       kind,
                                                guint                status,
                                                SoupMessageHeaders  *headers,
                                                GBytes              *body,
                                                GError             **error);

G_END_DECLS
