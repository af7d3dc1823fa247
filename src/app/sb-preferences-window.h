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
void                 sb_preferences_window_save_credentials (SbPreferencesWindow *self);
void                 sb_preferences_window_test_connection  (SbPreferencesWindow *self);
gboolean             sb_preferences_window_get_busy         (SbPreferencesWindow *self);
const char          *sb_preferences_window_get_credentials_status (SbPreferencesWindow *self,
                                                                   gboolean            *out_ok);

G_END_DECLS
