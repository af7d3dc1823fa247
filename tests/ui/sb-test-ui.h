/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-test-ui.h: helpers shared by the UI tests — start the real
 * application without running its main loop, wait for a window to be
 * drawn, save what GTK drew as a PNG, tell which language the test
 * runs in, and make and remove a test's own catalogue folder.
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-application.h"
#include "sb-product-editor.h"
#include "sb-store.h"

G_BEGIN_DECLS

void           sb_test_ui_init               (int         *argc,
                                              char      ***argv);
SbApplication *sb_test_ui_start_application  (void);
void           sb_test_ui_wait_for_draw      (GtkWidget   *widget);
void           sb_test_ui_iterate            (guint        milliseconds);
char          *sb_test_ui_save_screenshot    (GtkWidget   *widget,
                                              const char  *name);
const char    *sb_test_ui_get_language       (void);
gboolean       sb_test_ui_text_is_in_language (const char *text);
SbStore       *sb_test_ui_new_seller_store   (const char  *name,
                                              char       **out_dir);
void           sb_test_ui_remove_dir         (const char  *dir);
gpointer       sb_test_ui_editor_child       (SbProductEditor *editor,
                                              const char      *name);
void           sb_test_ui_wait_editor        (SbProductEditor *editor);

G_END_DECLS
