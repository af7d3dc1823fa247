/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-csv-store.h: CSV import into, and export from, the SQLite catalogue —
 * the importer's lookup and save callbacks bound to an SbStore, so that all
 * products of one file are saved in a single transaction.
 */
#pragma once

#include "sb-csv-export.h"
#include "sb-csv-import.h"
#include "sb-store.h"

G_BEGIN_DECLS

SbCsvImportReport *sb_csv_import_into_store (SbStore           *store,
                                             const SbCsvTable  *table,
                                             gboolean           dry_run,
                                             GError           **error);
GBytes            *sb_csv_export_from_store (SbStore           *store,
                                             SbCsvEncoding      encoding,
                                             SbCsvDelimiter     delimiter,
                                             GError           **error);

G_END_DECLS
