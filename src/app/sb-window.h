/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-window.h: the Sellbridge main window.
 */
#pragma once

#include <adwaita.h>

#include "sb-application.h"

G_BEGIN_DECLS

#define SB_TYPE_WINDOW (sb_window_get_type ())

G_DECLARE_FINAL_TYPE (SbWindow, sb_window, SB, WINDOW, AdwApplicationWindow)

SbWindow *sb_window_new (SbApplication *application);

G_END_DECLS
