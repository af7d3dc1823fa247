/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-product-editor.h: the window where a seller writes or changes one
 * product.
 */
#pragma once

#include <adwaita.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_PRODUCT_EDITOR (sb_product_editor_get_type ())

G_DECLARE_FINAL_TYPE (SbProductEditor, sb_product_editor, SB, PRODUCT_EDITOR, AdwWindow)

SbProductEditor *sb_product_editor_new           (GtkWindow       *parent,
                                                  SbStore         *store,
                                                  const char      *offer_id,
                                                  SbLang           local_lang,
                                                  const char      *currency);
gboolean         sb_product_editor_get_busy      (SbProductEditor *self);
const char      *sb_product_editor_get_offer_id  (SbProductEditor *self);
SbProduct       *sb_product_editor_build_product (SbProductEditor *self,
                                                  GPtrArray       *field_errors);
void             sb_product_editor_show_field_errors (SbProductEditor *self,
                                                      GPtrArray       *field_errors);
void             sb_product_editor_save          (SbProductEditor *self);
void             sb_product_editor_add_variant   (SbProductEditor *self,
                                                  const SbVariant *variant);
guint            sb_product_editor_get_n_variants (SbProductEditor *self);
GtkWindow       *sb_product_editor_open_variant_matrix (SbProductEditor *self);
void             sb_product_editor_set_category  (SbProductEditor *self,
                                                  const char      *id);
GtkWindow       *sb_product_editor_open_category_chooser (SbProductEditor *self);
GtkWidget       *sb_product_editor_get_attribute_row (SbProductEditor *self,
                                                      const char      *id);

G_END_DECLS
