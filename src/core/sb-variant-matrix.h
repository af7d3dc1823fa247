/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-variant-matrix.h: the variant matrix — option dimensions ("size": S,
 * M, L; "color": black, white) multiplied out into one variant per
 * combination, merged with the variants a product already has, with a
 * suggested SKU for each new one; and the checks the product editor runs
 * on a variant's fields as the seller types them.
 */
#pragma once

#include <glib-object.h>

#include "sb-product.h"

G_BEGIN_DECLS

#define SB_VARIANT_MATRIX_ERROR (sb_variant_matrix_error_quark ())

typedef enum {
  SB_VARIANT_MATRIX_ERROR_EMPTY,      /* a dimension without a name or values */
  SB_VARIANT_MATRIX_ERROR_DUPLICATE,  /* the same dimension or SKU twice */
  SB_VARIANT_MATRIX_ERROR_TOO_MANY,   /* more variants than the API allows */
  SB_VARIANT_MATRIX_ERROR_INVALID,    /* a field that cannot be read */
} SbVariantMatrixError;

/* The contract's limits: 1–100 variants, stock 0–999999. */
#define SB_VARIANT_MATRIX_MAX_VARIANTS 100
#define SB_VARIANT_MAX_STOCK           999999
/* Suggested SKUs keep to the offer id's pattern, [A-Za-z0-9._-]{1,64}. */
#define SB_VARIANT_SUGGESTED_SKU_MAX   64

typedef struct _SbVariantMatrix SbVariantMatrix;

#define SB_TYPE_VARIANT_MATRIX (sb_variant_matrix_get_type ())

GQuark           sb_variant_matrix_error_quark (void);
GType            sb_variant_matrix_get_type    (void) G_GNUC_CONST;
SbVariantMatrix *sb_variant_matrix_new         (void);
SbVariantMatrix *sb_variant_matrix_new_from_variants (GPtrArray *variants);
SbVariantMatrix *sb_variant_matrix_copy        (const SbVariantMatrix *matrix);
void             sb_variant_matrix_free        (SbVariantMatrix       *matrix);

GStrv            sb_variant_matrix_split_values (const char *text);
gboolean         sb_variant_matrix_add_dimension (SbVariantMatrix    *matrix,
                                                  const char         *name,
                                                  const char * const *values,
                                                  GError            **error);
guint            sb_variant_matrix_get_n_dimensions (const SbVariantMatrix *matrix);
const char      *sb_variant_matrix_get_name    (const SbVariantMatrix *matrix,
                                                guint                  dimension);
const char * const *sb_variant_matrix_get_values (const SbVariantMatrix *matrix,
                                                  guint                  dimension);
guint64          sb_variant_matrix_count       (const SbVariantMatrix *matrix);
GPtrArray       *sb_variant_matrix_dup_combinations (const SbVariantMatrix *matrix);

char            *sb_variant_matrix_suggest_sku (const char            *offer_id,
                                                const SbVariantMatrix *matrix,
                                                GHashTable            *options);
GPtrArray       *sb_variant_matrix_generate    (const SbVariantMatrix *matrix,
                                                const char            *offer_id,
                                                GPtrArray             *existing,
                                                gint64                 price_minor,
                                                const char            *currency,
                                                gint64                 stock,
                                                guint                 *out_added,
                                                GError               **error);

gboolean         sb_variant_check_sku          (const char  *sku,
                                                GError     **error);
gboolean         sb_variant_parse_price        (const char  *text,
                                                const char  *currency,
                                                gint64      *out_minor,
                                                GError     **error);
gboolean         sb_variant_parse_stock        (const char  *text,
                                                gint64      *out_stock,
                                                GError     **error);
char            *sb_variant_check_barcode      (const char  *text,
                                                GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbVariantMatrix, sb_variant_matrix_free)

G_END_DECLS
