/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-window.h: the Sellbridge main window.
 */
#pragma once

#include <adwaita.h>

#include "sb-application.h"
#include "sb-onboarding-session.h"

G_BEGIN_DECLS

#define SB_TYPE_WINDOW (sb_window_get_type ())

G_DECLARE_FINAL_TYPE (SbWindow, sb_window, SB, WINDOW, AdwApplicationWindow)

SbWindow            *sb_window_new             (SbApplication *application);
SbOnboardingSession *sb_window_get_onboarding  (SbWindow      *self);
GtkWindow           *sb_window_show_onboarding (SbWindow      *self);
GtkWindow           *sb_window_show_store_problem (SbWindow   *self);

G_END_DECLS
