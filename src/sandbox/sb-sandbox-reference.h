/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-reference.h: the sandbox's reference data — currencies,
 * categories (names in en/ko/ru) and carriers — loaded from the seed files
 * in data/sandbox and served as the contract's read-only, cacheable
 * documents with strong ETags.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sb-category.h"
#include "sb-product.h"

G_BEGIN_DECLS

#define SB_SANDBOX_REFERENCE_ERROR (sb_sandbox_reference_error_quark ())

typedef enum {
  SB_SANDBOX_REFERENCE_ERROR_INVALID,  /* a seed file is missing or malformed */
} SbSandboxReferenceError;

GQuark sb_sandbox_reference_error_quark (void);

#define SB_TYPE_SANDBOX_REFERENCE (sb_sandbox_reference_get_type ())
G_DECLARE_FINAL_TYPE (SbSandboxReference, sb_sandbox_reference, SB, SANDBOX_REFERENCE, GObject)

SbSandboxReference *sb_sandbox_reference_new            (const char          *data_dir,
                                                         GError             **error);
GBytes             *sb_sandbox_reference_get_currencies (SbSandboxReference  *self,
                                                         const char         **out_etag);
GBytes             *sb_sandbox_reference_get_categories (SbSandboxReference  *self,
                                                         SbLang               lang,
                                                         const char         **out_etag);
GBytes             *sb_sandbox_reference_get_carriers   (SbSandboxReference  *self,
                                                         const char          *origin,
                                                         const char         **out_etag);
JsonNode           *sb_sandbox_reference_get_categories_node (SbSandboxReference *self,
                                                         SbLang               lang);
JsonNode           *sb_sandbox_reference_get_carriers_node (SbSandboxReference *self,
                                                         const char          *origin);
SbCategoryTree     *sb_sandbox_reference_get_category_tree (SbSandboxReference *self);
GPtrArray          *sb_sandbox_reference_get_carrier_list  (SbSandboxReference *self);
guint               sb_sandbox_reference_count_leaves   (SbSandboxReference  *self);
guint               sb_sandbox_reference_count_carriers (SbSandboxReference  *self);

G_END_DECLS
