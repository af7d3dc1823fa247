/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-faults.h: deterministic fault injection for client tests —
 * which of the failures a client must survive (429, 500, 503, a connection
 * reset mid-response, a slow response, a truncated body, malformed JSON)
 * the sandbox plays for each request, drawn from a seeded generator.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  SB_SANDBOX_FAULT_NONE      = 0,
  SB_SANDBOX_FAULT_429       = 1 << 0,  /* 429 rate_limited with Retry-After, not applied */
  SB_SANDBOX_FAULT_500       = 1 << 1,  /* 500 internal with a JSON body, not applied */
  SB_SANDBOX_FAULT_503       = 1 << 2,  /* 503 with Retry-After and no JSON body, not applied */
  SB_SANDBOX_FAULT_RESET     = 1 << 3,  /* applied, then the connection is reset mid-body */
  SB_SANDBOX_FAULT_SLOW      = 1 << 4,  /* applied, answered after a delay */
  SB_SANDBOX_FAULT_TRUNCATED = 1 << 5,  /* applied, body cut short (Content-Length agrees) */
  SB_SANDBOX_FAULT_MALFORMED = 1 << 6,  /* applied, body replaced by broken JSON */
} SbSandboxFault;

#define SB_SANDBOX_FAULT_ALL (SB_SANDBOX_FAULT_429 | SB_SANDBOX_FAULT_500 | SB_SANDBOX_FAULT_503 | \
                              SB_SANDBOX_FAULT_RESET | SB_SANDBOX_FAULT_SLOW | \
                              SB_SANDBOX_FAULT_TRUNCATED | SB_SANDBOX_FAULT_MALFORMED)

#define SB_SANDBOX_FAULTS_ERROR (sb_sandbox_faults_error_quark ())

typedef enum {
  SB_SANDBOX_FAULTS_ERROR_INVALID,
} SbSandboxFaultsError;

GQuark          sb_sandbox_faults_error_quark (void);
const char     *sb_sandbox_fault_to_string    (SbSandboxFault fault);
gboolean        sb_sandbox_fault_parse_kinds  (const char     *list,
                                               guint          *out_kinds,
                                               GError        **error);

#define SB_TYPE_SANDBOX_FAULTS (sb_sandbox_faults_get_type ())
G_DECLARE_FINAL_TYPE (SbSandboxFaults, sb_sandbox_faults, SB, SANDBOX_FAULTS, GObject)

SbSandboxFaults *sb_sandbox_faults_new        (guint32          seed,
                                               double           rate,
                                               guint            kinds);
SbSandboxFault   sb_sandbox_faults_next       (SbSandboxFaults *self);
double           sb_sandbox_faults_get_rate   (SbSandboxFaults *self);
guint            sb_sandbox_faults_get_kinds  (SbSandboxFaults *self);
guint32          sb_sandbox_faults_get_seed   (SbSandboxFaults *self);

G_END_DECLS
