/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-product-validate.h: the product rules the marketplace enforces
 * (422 validation_failed with field paths), written once and shared by the
 * sandbox server, the app and the CLI.
 */
#pragma once

#include <glib.h>

#include "sb-category.h"
#include "sb-product.h"

G_BEGIN_DECLS

typedef struct {
  SbCategoryTree *categories;          /* (nullable) skip category rules */
  GPtrArray      *carriers;            /* (nullable) (element-type SbCarrier) */
  const char     *origin;              /* (nullable) "KR" or "RU" */
  const char     *payout_currency;     /* (nullable) */
  GHashTable     *uploaded_image_ids;  /* (nullable) set of "img_…" */
} SbValidationContext;

/* Appends an SbReason (path, code, translated message) to @field_errors
 * for each broken rule.
 * Returns: TRUE when the product passes every rule */
gboolean sb_product_validate (const SbProduct           *product,
                              const SbValidationContext *context,
                              GPtrArray                 *field_errors);

G_END_DECLS
