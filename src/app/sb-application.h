/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-application.h: the Sellbridge AdwApplication.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_APPLICATION (sb_application_get_type ())

G_DECLARE_FINAL_TYPE (SbApplication, sb_application, SB, APPLICATION, AdwApplication)

SbApplication *sb_application_new        (void);
void           sb_application_init_i18n  (void);
GtkWindow     *sb_application_show_about (SbApplication *self);
GtkWindow     *sb_application_show_preferences (SbApplication *self);

G_END_DECLS
