/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-publish-actions.h: the publishing side of the main window — the
 * sync indicator in the header bar, the win.sync, win.import, win.export
 * and win.resolve-conflict actions, and the toasts of a sync run.
 */
#pragma once

#include <adwaita.h>

#include "sb-sync-controller.h"

G_BEGIN_DECLS

#define SB_TYPE_PUBLISH_ACTIONS (sb_publish_actions_get_type ())

G_DECLARE_FINAL_TYPE (SbPublishActions, sb_publish_actions, SB, PUBLISH_ACTIONS, GObject)

SbPublishActions *sb_publish_actions_new            (AdwApplicationWindow *window,
                                                     AdwHeaderBar         *header_bar,
                                                     AdwToastOverlay      *toast_overlay);
SbSyncController *sb_publish_actions_get_controller (SbPublishActions     *self);
GtkWidget        *sb_publish_actions_get_indicator  (SbPublishActions     *self);
AdwToast         *sb_publish_actions_get_last_toast (SbPublishActions     *self);
GtkWindow        *sb_publish_actions_show_conflict  (SbPublishActions     *self,
                                                     const char           *offer_id);

G_END_DECLS
