/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-variant-matrix-dialog.h: the dialog where a seller names option
 * dimensions and their values and generates one variant per combination.
 */
#pragma once

#include <adwaita.h>

#include "sb-product.h"

G_BEGIN_DECLS

#define SB_TYPE_VARIANT_MATRIX_DIALOG (sb_variant_matrix_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SbVariantMatrixDialog, sb_variant_matrix_dialog, SB, VARIANT_MATRIX_DIALOG, AdwWindow)

SbVariantMatrixDialog *sb_variant_matrix_dialog_new (GtkWindow          *parent,
                                                     const char         *offer_id,
                                                     const char         *currency,
                                                     GPtrArray          *existing,
                                                     const char * const *option_names);
void        sb_variant_matrix_dialog_add_dimension (SbVariantMatrixDialog *self,
                                                    const char            *name,
                                                    const char            *values);
void        sb_variant_matrix_dialog_set_defaults  (SbVariantMatrixDialog *self,
                                                    const char            *price,
                                                    const char            *stock);
guint       sb_variant_matrix_dialog_get_n_dimensions (SbVariantMatrixDialog *self);
guint64     sb_variant_matrix_dialog_get_count     (SbVariantMatrixDialog *self);
guint       sb_variant_matrix_dialog_get_n_new     (SbVariantMatrixDialog *self);
const char *sb_variant_matrix_dialog_get_message   (SbVariantMatrixDialog *self);
gboolean    sb_variant_matrix_dialog_can_generate  (SbVariantMatrixDialog *self);
gboolean    sb_variant_matrix_dialog_generate      (SbVariantMatrixDialog *self);

G_END_DECLS
