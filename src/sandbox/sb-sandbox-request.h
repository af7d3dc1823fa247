/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-request.h: one request as the sandbox's endpoint handlers see
 * it (message, method, path, query, body, the authenticated key, the time,
 * the database and reference data), and the helpers every handler uses to
 * answer with the contract's JSON and error bodies.  Private to
 * src/sandbox.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sb-sandbox-db.h"
#include "sb-sandbox-reference.h"

G_BEGIN_DECLS

#define SB_SANDBOX_JSON_CONTENT_TYPE "application/json; charset=utf-8"
/* libsoup 3.2 has no name for it. */
#define SB_SANDBOX_STATUS_TOO_MANY_REQUESTS 429

typedef struct {
  SoupServerMessage  *msg;            /* (unowned) */
  const char         *method;
  const char         *path;
  GHashTable         *query;          /* (owned) (nullable) */
  GBytes             *body;           /* (owned) */
  char               *api_key;        /* (owned) (nullable): once authenticated */
  gint64              now;            /* Unix seconds */
  SbSandboxDb        *db;             /* (unowned) */
  SbSandboxReference *reference;      /* (unowned) */
  gint64              review_due_us;  /* when moderation decides on a write made now */
} SbSandboxRequest;

void      sb_sandbox_request_clear        (SbSandboxRequest  *request);
JsonNode *sb_sandbox_request_parse_body   (SbSandboxRequest  *request);

char     *sb_sandbox_node_to_string       (JsonNode          *node);
JsonNode *sb_sandbox_parse_json_text      (const char        *text);
char     *sb_sandbox_format_time          (gint64             unix_seconds);
JsonNode *sb_sandbox_single_field         (const char        *path,
                                           const char        *code,
                                           const char        *message);

void      sb_sandbox_respond_text         (SoupServerMessage *msg,
                                           guint              status,
                                           char              *text);
void      sb_sandbox_respond_node         (SoupServerMessage *msg,
                                           guint              status,
                                           JsonNode          *node);
void      sb_sandbox_respond_error_full   (SoupServerMessage *msg,
                                           guint              status,
                                           const char        *code,
                                           const char        *message,
                                           JsonNode          *fields,
                                           gint64             current_version);
void      sb_sandbox_respond_error        (SoupServerMessage *msg,
                                           guint              status,
                                           const char        *code,
                                           const char        *message);
void      sb_sandbox_respond_validation   (SoupServerMessage *msg,
                                           JsonNode          *fields);
void      sb_sandbox_respond_rate_limited (SoupServerMessage *msg,
                                           guint              retry_after);
void      sb_sandbox_respond_internal     (SoupServerMessage *msg,
                                           const GError      *error);
void      sb_sandbox_respond_cacheable    (SbSandboxRequest  *request,
                                           GBytes            *body,
                                           const char        *etag);
void      sb_sandbox_method_not_allowed   (SbSandboxRequest  *request,
                                           const char        *allow);

G_END_DECLS
