/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-field-errors.h: the marketplace's field errors for the product
 * editor.  A 422 names each wrong member by its path in the API body
 * ("variants[0].price.amount"); these helpers name the field in the
 * seller's language and pick out the reasons that belong to one field or
 * one variant, so that an editor can show each message at its field.
 * No GTK here.
 */
#pragma once

#include <glib.h>

#include "sb-product.h"

G_BEGIN_DECLS

char      *sb_field_path_dup_label     (const char      *path);
gboolean   sb_field_path_get_variant   (const char      *path,
                                        guint           *out_index);
GPtrArray *sb_field_errors_for_path    (const SbProduct *product,
                                        const char      *path_prefix);
GPtrArray *sb_field_errors_unplaced    (const SbProduct *product,
                                        const char * const *known_prefixes);

G_END_DECLS
