/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-server.h: the sandbox marketplace — a SoupServer speaking the
 * Seller API v1 over its own database, reference data, request
 * authentication and fault plan.  Usable in-process by tests (listen on
 * port 0 and read the URL back) as well as by the sellbridge-sandbox
 * program.
 */
#pragma once

#include <gio/gio.h>

#include "sb-sandbox-auth.h"
#include "sb-sandbox-db.h"
#include "sb-sandbox-faults.h"
#include "sb-sandbox-reference.h"

G_BEGIN_DECLS

#define SB_SANDBOX_MAX_BODY_BYTES   (8 * 1024 * 1024)
#define SB_SANDBOX_MAX_IMAGE_BYTES  (5 * 1024 * 1024)
#define SB_SANDBOX_MAX_BATCH        100
#define SB_SANDBOX_SLOW_RESPONSE_MS 2000

#define SB_SANDBOX_SERVER_ERROR (sb_sandbox_server_error_quark ())

typedef enum {
  SB_SANDBOX_SERVER_ERROR_NOT_LOOPBACK,  /* asked to listen beyond loopback */
  SB_SANDBOX_SERVER_ERROR_LISTEN,        /* the socket could not be opened */
} SbSandboxServerError;

GQuark sb_sandbox_server_error_quark (void);

#define SB_TYPE_SANDBOX_SERVER (sb_sandbox_server_get_type ())
G_DECLARE_FINAL_TYPE (SbSandboxServer, sb_sandbox_server, SB, SANDBOX_SERVER, GObject)

SbSandboxServer *sb_sandbox_server_new                  (SbSandboxDb        *db,
                                                         SbSandboxReference *reference,
                                                         SbSandboxAuth      *auth,
                                                         SbSandboxFaults    *faults);
gboolean         sb_sandbox_server_listen               (SbSandboxServer    *self,
                                                         const char         *host,
                                                         guint               port,
                                                         GError            **error);
void             sb_sandbox_server_disconnect           (SbSandboxServer    *self);
const char      *sb_sandbox_server_get_url              (SbSandboxServer    *self);
guint            sb_sandbox_server_get_port             (SbSandboxServer    *self);
double           sb_sandbox_server_get_moderation_delay (SbSandboxServer    *self);
void             sb_sandbox_server_set_moderation_delay (SbSandboxServer    *self,
                                                         double              seconds);
void             sb_sandbox_server_run_moderation       (SbSandboxServer    *self);

G_END_DECLS
