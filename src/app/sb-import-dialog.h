/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-import-dialog.h: CSV import from the window — pick a file, choose or
 * detect its encoding and delimiter, see the first rows and the per-row
 * problems of a dry run, then import.
 */
#pragma once

#include <adwaita.h>

#include "sb-csv-import.h"

G_BEGIN_DECLS

#define SB_IMPORT_DIALOG_PREVIEW_ROWS 8

#define SB_TYPE_IMPORT_DIALOG (sb_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SbImportDialog, sb_import_dialog, SB, IMPORT_DIALOG, AdwWindow)

SbImportDialog          *sb_import_dialog_new           (GtkWindow      *parent,
                                                         const char     *db_path);
void                     sb_import_dialog_load_file     (SbImportDialog *self,
                                                         GFile          *file);
void                     sb_import_dialog_set_encoding  (SbImportDialog *self,
                                                         SbCsvEncoding   encoding);
void                     sb_import_dialog_set_delimiter (SbImportDialog *self,
                                                         SbCsvDelimiter  delimiter);
gboolean                 sb_import_dialog_import        (SbImportDialog *self);
gboolean                 sb_import_dialog_get_busy      (SbImportDialog *self);
const SbCsvImportReport *sb_import_dialog_get_report    (SbImportDialog *self);
const char              *sb_import_dialog_get_error     (SbImportDialog *self);
guint                    sb_import_dialog_get_n_preview_rows (SbImportDialog *self);
const char              *sb_import_dialog_get_preview_cell   (SbImportDialog *self,
                                                              guint           row,
                                                              guint           column);
guint                    sb_import_dialog_get_n_report_rows  (SbImportDialog *self);

G_END_DECLS
