/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-window.h: the Sellbridge main window.
 */
#pragma once

#include <adwaita.h>

#include "sb-application.h"
#include "sb-onboarding-session.h"
#include "sb-publish-actions.h"

G_BEGIN_DECLS

#define SB_TYPE_WINDOW (sb_window_get_type ())

G_DECLARE_FINAL_TYPE (SbWindow, sb_window, SB, WINDOW, AdwApplicationWindow)

SbWindow            *sb_window_new                 (SbApplication *application);
SbOnboardingSession *sb_window_get_onboarding      (SbWindow      *self);
GtkWindow           *sb_window_show_onboarding     (SbWindow      *self);
SbPublishActions    *sb_window_get_publish_actions (SbWindow      *self);
void                 sb_window_add_toast           (SbWindow      *self,
                                                    AdwToast      *toast);

G_END_DECLS
