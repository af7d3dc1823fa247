/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-csv-import.h: turns a catalogue CSV file into product changes.  The
 * header is mapped onto the canonical columns (with Korean and Russian
 * aliases), each row is checked and parsed into a patch of one variant and
 * its product, rows are grouped by offer_id, and each patch is merged into
 * the stored product so that a column the file does not have is left as
 * it was.  Storage is reached through two callbacks, so the importer works
 * with the SQLite store, with a test double, or with nothing (dry run).
 */
#pragma once

#include <glib-object.h>

#include "sb-csv.h"
#include "sb-product.h"

G_BEGIN_DECLS

#define SB_CSV_IMPORT_ERROR (sb_csv_import_error_quark ())

typedef enum {
  SB_CSV_IMPORT_ERROR_HEADER,   /* a needed column is missing, or one is given twice */
  SB_CSV_IMPORT_ERROR_FAILED,   /* the lookup or save callback failed */
} SbCsvImportError;

/* The canonical columns, in the order an export writes them; option_<name>
 * columns go between SKU and PRICE, attr_<id> columns after IMAGES. */
typedef enum {
  SB_CSV_COLUMN_OFFER_ID,
  SB_CSV_COLUMN_CATEGORY_ID,
  SB_CSV_COLUMN_TITLE_EN,
  SB_CSV_COLUMN_TITLE_KO,
  SB_CSV_COLUMN_TITLE_RU,
  SB_CSV_COLUMN_DESCRIPTION_EN,
  SB_CSV_COLUMN_DESCRIPTION_KO,
  SB_CSV_COLUMN_DESCRIPTION_RU,
  SB_CSV_COLUMN_SKU,
  SB_CSV_COLUMN_PRICE,
  SB_CSV_COLUMN_CURRENCY,
  SB_CSV_COLUMN_STOCK,
  SB_CSV_COLUMN_BARCODE,
  SB_CSV_COLUMN_WEIGHT_G,
  SB_CSV_COLUMN_LENGTH_MM,
  SB_CSV_COLUMN_WIDTH_MM,
  SB_CSV_COLUMN_HEIGHT_MM,
  SB_CSV_COLUMN_HS_CODE,
  SB_CSV_COLUMN_BATTERIES,
  SB_CSV_COLUMN_LIQUIDS,
  SB_CSV_COLUMN_CARRIERS,
  SB_CSV_COLUMN_HANDLING_DAYS,
  SB_CSV_COLUMN_IMAGES,
  SB_CSV_N_COLUMNS,
  SB_CSV_COLUMN_OPTION,      /* option_<name> */
  SB_CSV_COLUMN_ATTRIBUTE,   /* attr_<id> */
  SB_CSV_COLUMN_UNKNOWN,
} SbCsvColumn;

const char  *sb_csv_column_to_string (SbCsvColumn   column);
SbCsvColumn  sb_csv_header_match     (const char   *header,
                                      char        **out_name);

/* A problem found in one row (or, with @row 1, in the header). */
typedef struct {
  guint     row;
  char     *column;    /* (nullable) as written in the file's header */
  char     *message;   /* translated */
  gboolean  warning;   /* the row was still imported */
} SbCsvIssue;

#define SB_TYPE_CSV_ISSUE (sb_csv_issue_get_type ())
GType        sb_csv_issue_get_type   (void) G_GNUC_CONST;
SbCsvIssue  *sb_csv_issue_copy       (const SbCsvIssue *issue);
void         sb_csv_issue_free       (SbCsvIssue       *issue);
char        *sb_csv_issue_to_string  (const SbCsvIssue *issue);

/* Everything a file says about one product (one offer_id). */
typedef struct _SbCsvPatch SbCsvPatch;

const char  *sb_csv_patch_get_offer_id   (const SbCsvPatch *patch);
guint        sb_csv_patch_get_first_row  (const SbCsvPatch *patch);
void         sb_csv_patch_free           (SbCsvPatch       *patch);

GPtrArray   *sb_csv_read_patches     (const SbCsvTable  *table,
                                      GPtrArray         *issues,
                                      GError           **error);
gboolean     sb_csv_patch_check      (SbCsvPatch        *patch,
                                      const SbProduct   *existing,
                                      GPtrArray         *issues);
SbProduct   *sb_csv_merge            (const SbProduct   *existing,
                                      const SbCsvPatch  *patch);
void         sb_csv_patch_report_rules (const SbCsvPatch *patch,
                                        const SbProduct  *merged,
                                        GPtrArray        *issues);

/* Returns the stored product with @offer_id, %NULL when there is none (and
 * no error), or %NULL with @error when the lookup failed. */
typedef SbProduct *(*SbCsvLookupFunc) (const char  *offer_id,
                                       gpointer     user_data,
                                       GError     **error);
/* Returns the offer id of the stored product that has a variant with
 * @sku, %NULL when none has (and no error), or %NULL with @error. */
typedef char      *(*SbCsvSkuOwnerFunc) (const char  *sku,
                                         gpointer     user_data,
                                         GError     **error);
/* Saves all @products (element-type SbProduct) at once, in one
 * transaction: all or nothing. */
typedef gboolean   (*SbCsvSaveFunc)   (GPtrArray   *products,
                                       gpointer     user_data,
                                       GError     **error);

typedef struct {
  SbCsvEncoding   encoding;        /* as read */
  SbCsvDelimiter  delimiter;       /* as read */
  guint           n_rows;          /* data rows, header not counted */
  guint           n_rows_invalid;
  guint           n_created;       /* products */
  guint           n_updated;
  guint           n_unchanged;
  guint           n_errors;
  guint           n_warnings;
  gboolean        saved;           /* FALSE for a dry run or nothing to save */
  GPtrArray      *issues;          /* (element-type SbCsvIssue) in row order */
  GPtrArray      *products;        /* (element-type SbProduct) created or changed */
} SbCsvImportReport;

void         sb_csv_import_report_free (SbCsvImportReport *report);

GQuark       sb_csv_import_error_quark (void);

SbCsvImportReport *sb_csv_import_table (const SbCsvTable  *table,
                                        SbCsvLookupFunc    lookup,
                                        SbCsvSkuOwnerFunc  sku_owner,
                                        SbCsvSaveFunc      save,
                                        gpointer           user_data,
                                        GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCsvIssue, sb_csv_issue_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCsvPatch, sb_csv_patch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCsvImportReport, sb_csv_import_report_free)

G_END_DECLS
