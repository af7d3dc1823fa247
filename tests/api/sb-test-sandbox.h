/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-test-sandbox.h: test-only helpers of the API tests — start the real
 * sellbridge-sandbox program on a free port, read its printed JSON config,
 * make requests signed the contract's way with libsoup, and stop the
 * process again.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct {
  GSubprocess *process;
  SoupSession *session;
  char        *url;
  char        *key;
  char        *secret;
  guint        port;
} SbtSandbox;

typedef struct {
  guint       status;
  GBytes     *body;          /* (nullable) */
  JsonNode   *json;          /* (nullable): when the body parsed */
  SoupMessageHeaders *headers;
  GError     *error;         /* (nullable): transport failure */
} SbtResponse;

/* Flags of sbt_request_full(). */
typedef enum {
  SBT_NONE         = 0,
  SBT_NO_RETRY_429 = 1 << 0,  /* return a 429 instead of waiting and retrying */
  SBT_UNSIGNED     = 1 << 1,  /* send no signature headers */
} SbtFlags;

SbtSandbox  *sbt_sandbox_start     (const char *first_arg,
                                    ...);
void         sbt_sandbox_stop      (SbtSandbox *sandbox);

SbtResponse *sbt_request           (SbtSandbox *sandbox,
                                    const char *method,
                                    const char *path_and_query,
                                    const char *json_body);
SbtResponse *sbt_request_full      (SbtSandbox *sandbox,
                                    const char *method,
                                    const char *path_and_query,
                                    const char *content_type,
                                    GBytes     *body,
                                    const char *key,
                                    const char *secret,
                                    gint64      timestamp,
                                    SbtFlags    flags,
                                    const char *header_name,
                                    ...);
void         sbt_response_free     (SbtResponse *response);

const char  *sbt_error_code        (SbtResponse *response);
const char  *sbt_member_string     (SbtResponse *response,
                                    const char  *member);
gint64       sbt_member_int        (SbtResponse *response,
                                    const char  *member);
GBytes      *sbt_make_png          (guint       width,
                                    guint       height,
                                    guint       salt);
GBytes      *sbt_make_jpeg         (guint       width,
                                    guint       height);
char        *sbt_product_json      (const char *offer_id,
                                    const char *title_en,
                                    const char *image_id);
char        *sbt_upload_image      (SbtSandbox *sandbox,
                                    guint       salt);
SbtResponse *sbt_wait_for_status   (SbtSandbox *sandbox,
                                    const char *path,
                                    const char *pending_status,
                                    guint       timeout_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbtResponse, sbt_response_free)

G_END_DECLS
