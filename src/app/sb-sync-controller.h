/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sync-controller.h: the window's owner of a sync run.  It reads the
 * marketplace address from GSettings and the API key from the keyring,
 * runs core's SbSync on the main context (the engine is asynchronous), and
 * exposes what the header shows — the sync status, the progress (done of
 * total) and the last error — and signals for toasts.
 */
#pragma once

#include <gio/gio.h>

#include "sb-backoff.h"
#include "sb-store.h"
#include "sb-sync.h"

G_BEGIN_DECLS

typedef enum {
  SB_SYNC_STATUS_PENDING,     /* changes wait to be sent, or never synced */
  SB_SYNC_STATUS_OFFLINE,     /* no network, or the marketplace cannot be reached */
  SB_SYNC_STATUS_SYNCING,     /* a run is under way */
  SB_SYNC_STATUS_UP_TO_DATE,  /* everything confirmed by the marketplace */
  SB_SYNC_STATUS_ERRORS,      /* rejected or conflicting products, or the run stopped */
} SbSyncStatus;

#define SB_TYPE_SYNC_STATUS (sb_sync_status_get_type ())
GType sb_sync_status_get_type (void) G_GNUC_CONST;

#define SB_TYPE_SYNC_CONTROLLER (sb_sync_controller_get_type ())

G_DECLARE_FINAL_TYPE (SbSyncController, sb_sync_controller, SB, SYNC_CONTROLLER, GObject)

SbSyncController *sb_sync_controller_new             (const char       *db_path);
const char       *sb_sync_controller_get_db_path     (SbSyncController *self);
SbSyncStatus      sb_sync_controller_get_status      (SbSyncController *self);
guint             sb_sync_controller_get_done        (SbSyncController *self);
guint             sb_sync_controller_get_total       (SbSyncController *self);
const char       *sb_sync_controller_get_last_error  (SbSyncController *self);
const SbSyncSummary *sb_sync_controller_get_summary  (SbSyncController *self);
SbStore          *sb_sync_controller_get_store       (SbSyncController *self,
                                                      GError          **error);
void              sb_sync_controller_set_backoff     (SbSyncController *self,
                                                      const SbBackoff  *backoff);
gboolean          sb_sync_controller_sync            (SbSyncController *self);
void              sb_sync_controller_cancel          (SbSyncController *self);
void              sb_sync_controller_refresh         (SbSyncController *self);
char             *sb_sync_status_dup_label           (SbSyncStatus      status);

G_END_DECLS
