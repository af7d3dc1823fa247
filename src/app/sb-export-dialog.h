/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-export-dialog.h: CSV export from the window — the encoding and the
 * delimiter for the spreadsheet that will open the file, then where to
 * save it.
 */
#pragma once

#include <adwaita.h>

#include "sb-csv.h"

G_BEGIN_DECLS

#define SB_TYPE_EXPORT_DIALOG (sb_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SbExportDialog, sb_export_dialog, SB, EXPORT_DIALOG, AdwWindow)

SbExportDialog *sb_export_dialog_new            (GtkWindow      *parent,
                                                 const char     *db_path);
void            sb_export_dialog_set_encoding   (SbExportDialog *self,
                                                 SbCsvEncoding   encoding);
void            sb_export_dialog_set_delimiter  (SbExportDialog *self,
                                                 SbCsvDelimiter  delimiter);
SbCsvEncoding   sb_export_dialog_get_encoding   (SbExportDialog *self);
SbCsvDelimiter  sb_export_dialog_get_delimiter  (SbExportDialog *self);
void            sb_export_dialog_export_to_file (SbExportDialog *self,
                                                 GFile          *file);
gboolean        sb_export_dialog_get_busy       (SbExportDialog *self);
const char     *sb_export_dialog_get_status     (SbExportDialog *self);

G_END_DECLS
