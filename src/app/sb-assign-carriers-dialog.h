/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-assign-carriers-dialog.h: the catalogue's dialog for giving the
 * selected products carriers, added to theirs or replacing them.
 */
#pragma once

#include <adwaita.h>

#include "sb-bulk-edit.h"
#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_ASSIGN_CARRIERS_DIALOG (sb_assign_carriers_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SbAssignCarriersDialog, sb_assign_carriers_dialog, SB, ASSIGN_CARRIERS_DIALOG, AdwWindow)

SbAssignCarriersDialog *sb_assign_carriers_dialog_new (GtkWindow *parent,
                                                       SbStore   *store,
                                                       guint      n_products,
                                                       SbLang     lang);
gboolean    sb_assign_carriers_dialog_get_loading     (SbAssignCarriersDialog *self);
const char *sb_assign_carriers_dialog_get_origin      (SbAssignCarriersDialog *self);
guint       sb_assign_carriers_dialog_get_n_carriers  (SbAssignCarriersDialog *self);
gboolean    sb_assign_carriers_dialog_set_chosen      (SbAssignCarriersDialog *self,
                                                       const char             *carrier_id,
                                                       gboolean                chosen);
void        sb_assign_carriers_dialog_set_assign      (SbAssignCarriersDialog *self,
                                                       SbCarrierAssign         assign);
SbBulkEdit *sb_assign_carriers_dialog_dup_edit        (SbAssignCarriersDialog *self,
                                                       GError                **error);
gboolean    sb_assign_carriers_dialog_apply           (SbAssignCarriersDialog *self);

G_END_DECLS
