/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-local-sandbox.h: the practice marketplace the onboarding wizard
 * starts on this computer when the seller chooses "use the local sandbox".
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SB_TYPE_LOCAL_SANDBOX (sb_local_sandbox_get_type ())

G_DECLARE_FINAL_TYPE (SbLocalSandbox, sb_local_sandbox, SB, LOCAL_SANDBOX, GObject)

SbLocalSandbox *sb_local_sandbox_get_default (void);
void            sb_local_sandbox_start_async (SbLocalSandbox      *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean        sb_local_sandbox_start_finish (SbLocalSandbox     *self,
                                               GAsyncResult       *result,
                                               GError            **error);
const char     *sb_local_sandbox_get_url     (SbLocalSandbox      *self);
const char     *sb_local_sandbox_get_key_id  (SbLocalSandbox      *self);
const char     *sb_local_sandbox_get_secret  (SbLocalSandbox      *self);
void            sb_local_sandbox_stop        (SbLocalSandbox      *self);

G_END_DECLS
