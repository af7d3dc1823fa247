/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-product-json.h: the product body of the Seller API — SbProduct to
 * JSON exactly as the contract spells it, and back with every member
 * type-checked and reported at its contract field path.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sb-category.h"
#include "sb-product.h"

G_BEGIN_DECLS

#define SB_PRODUCT_JSON_ERROR (sb_product_json_error_quark ())

typedef enum {
  SB_PRODUCT_JSON_ERROR_INVALID,   /* not an object, or members of the wrong type */
} SbProductJsonError;

GQuark     sb_product_json_error_quark (void);

/* @categories: (nullable): types number attributes as JSON numbers */
JsonNode  *sb_product_to_json   (const SbProduct *product,
                                 SbCategoryTree  *categories);
/* @field_errors: (nullable) (element-type SbReason): receives one entry per
 *   wrong member, with its path ("variants[0].price.amount") and code.
 * Returns: (transfer full) (nullable): NULL with @error set when the node is
 *   not an object or any member was wrong */
SbProduct *sb_product_from_json (JsonNode        *node,
                                 GPtrArray       *field_errors,
                                 GError         **error);

/* [{"path", "code", "message"}] (path omitted when NULL) */
JsonNode  *sb_reasons_to_json   (GPtrArray       *reasons);
/* Returns: (transfer full) (element-type SbReason) (nullable) */
GPtrArray *sb_reasons_from_json (JsonNode        *node,
                                 GError         **error);

G_END_DECLS
