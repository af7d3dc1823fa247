/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-csv-dialog.h: import a spreadsheet into the catalogue, or export
 * the catalogue as one.
 */
#pragma once

#include <adwaita.h>

#include "sb-store.h"

G_BEGIN_DECLS

typedef enum {
  SB_CSV_DIALOG_IMPORT,
  SB_CSV_DIALOG_EXPORT,
} SbCsvDialogMode;

#define SB_TYPE_CSV_DIALOG (sb_csv_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SbCsvDialog, sb_csv_dialog, SB, CSV_DIALOG, AdwWindow)

SbCsvDialog *sb_csv_dialog_new          (GtkWindow       *parent,
                                         SbStore         *store,
                                         SbCsvDialogMode  mode);
void         sb_csv_dialog_set_file     (SbCsvDialog     *self,
                                         const char      *path);
void         sb_csv_dialog_set_encoding (SbCsvDialog     *self,
                                         guint            index);
void         sb_csv_dialog_set_delimiter (SbCsvDialog    *self,
                                          guint           index);
void         sb_csv_dialog_run          (SbCsvDialog     *self);
gboolean     sb_csv_dialog_get_busy     (SbCsvDialog     *self);
guint        sb_csv_dialog_get_n_preview_rows (SbCsvDialog *self);
guint        sb_csv_dialog_get_n_issues (SbCsvDialog     *self);
const char  *sb_csv_dialog_get_summary  (SbCsvDialog     *self);

G_END_DECLS
