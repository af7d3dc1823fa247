/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-window.h: the Sellbridge main window.
 */
#pragma once

#include <adwaita.h>

#include "sb-application.h"
#include "sb-catalogue-view.h"
#include "sb-csv-dialog.h"
#include "sb-onboarding-session.h"
#include "sb-product-editor.h"
#include "sb-publisher.h"
#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_WINDOW (sb_window_get_type ())

G_DECLARE_FINAL_TYPE (SbWindow, sb_window, SB, WINDOW, AdwApplicationWindow)

SbWindow            *sb_window_new                (SbApplication   *application);
SbOnboardingSession *sb_window_get_onboarding     (SbWindow        *self);
GtkWindow           *sb_window_show_onboarding    (SbWindow        *self);
void                 sb_window_show_catalogue     (SbWindow        *self);
void                 sb_window_set_store          (SbWindow        *self,
                                                   SbStore         *store);
SbStore             *sb_window_get_store          (SbWindow        *self);
SbCatalogueView     *sb_window_get_catalogue_view (SbWindow        *self);
const char          *sb_window_get_visible_page   (SbWindow        *self);
SbProductEditor     *sb_window_open_editor        (SbWindow        *self,
                                                   const char      *offer_id);
SbPublisher         *sb_window_get_publisher      (SbWindow        *self);
GtkWindow           *sb_window_show_conflict      (SbWindow        *self,
                                                   const char      *offer_id);
AdwToast            *sb_window_get_last_toast     (SbWindow        *self);
SbCsvDialog         *sb_window_open_csv_dialog    (SbWindow        *self,
                                                   SbCsvDialogMode  mode);
GtkWindow           *sb_window_show_store_problem (SbWindow       *self);

G_END_DECLS
