/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sync-indicator.h: the sync state in the main window's header bar — an
 * icon and a label (offline, syncing, up to date, needs attention) and,
 * while a run is under way, a progress bar reading "n of N".
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-sync-controller.h"

G_BEGIN_DECLS

#define SB_TYPE_SYNC_INDICATOR (sb_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (SbSyncIndicator, sb_sync_indicator, SB, SYNC_INDICATOR, GtkWidget)

GtkWidget        *sb_sync_indicator_new            (SbSyncController *controller);
SbSyncController *sb_sync_indicator_get_controller (SbSyncIndicator  *self);
void              sb_sync_indicator_set_compact    (SbSyncIndicator  *self,
                                                    gboolean          compact);
const char       *sb_sync_indicator_get_label      (SbSyncIndicator  *self);
const char       *sb_sync_indicator_get_progress_text (SbSyncIndicator *self);

G_END_DECLS
