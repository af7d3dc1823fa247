/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-conflict-dialog.h: the dialog for a product changed both here and on
 * the marketplace — both versions side by side, and the seller's choice.
 */
#pragma once

#include <adwaita.h>

#include "sb-store.h"

G_BEGIN_DECLS

typedef enum {
  SB_CONFLICT_CHOICE_LOCAL,   /* keep this computer's version; it is sent again */
  SB_CONFLICT_CHOICE_SERVER,  /* take the marketplace's version */
} SbConflictChoice;

#define SB_TYPE_CONFLICT_DIALOG (sb_conflict_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SbConflictDialog, sb_conflict_dialog, SB, CONFLICT_DIALOG, AdwWindow)

SbConflictDialog *sb_conflict_dialog_new        (GtkWindow         *parent,
                                                 SbStore           *store,
                                                 const char        *offer_id,
                                                 GError           **error);
const char       *sb_conflict_dialog_get_offer_id (SbConflictDialog *self);
guint             sb_conflict_dialog_get_n_differences (SbConflictDialog *self);
gboolean          sb_conflict_dialog_choose     (SbConflictDialog  *self,
                                                 SbConflictChoice   choice,
                                                 GError           **error);

G_END_DECLS
