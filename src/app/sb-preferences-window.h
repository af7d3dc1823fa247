/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-preferences-window.h: the Preferences window.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_PREFERENCES_WINDOW (sb_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SbPreferencesWindow, sb_preferences_window, SB, PREFERENCES_WINDOW, AdwPreferencesWindow)

SbPreferencesWindow *sb_preferences_window_new          (GtkWindow           *parent);
gboolean             sb_preferences_window_set_endpoint (SbPreferencesWindow *self,
                                                         const char          *url);

gboolean             sb_preferences_window_save_key     (SbPreferencesWindow *self);
gboolean             sb_preferences_window_get_saving_key (SbPreferencesWindow *self);

G_END_DECLS
