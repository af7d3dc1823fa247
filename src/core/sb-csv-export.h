/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-csv-export.h: writes products as a catalogue CSV file in the
 * canonical columns — one row per variant, products sorted by offer_id —
 * in UTF-8 (with or without a BOM), CP949 or windows-1251, so that the file
 * reads back into exactly the same products.
 */
#pragma once

#include <glib.h>

#include "sb-csv.h"
#include "sb-product.h"

G_BEGIN_DECLS

GStrv   sb_csv_export_dup_columns (GPtrArray       *products);
GBytes *sb_csv_export_products    (GPtrArray       *products,
                                   SbCsvEncoding    encoding,
                                   SbCsvDelimiter   delimiter,
                                   GError         **error);

G_END_DECLS
