/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-category-chooser.h: the window where a seller picks the leaf
 * category of a product from the marketplace's tree, by browsing or by
 * searching, with the keyboard alone if they like.
 */
#pragma once

#include <adwaita.h>

#include "sb-category.h"

G_BEGIN_DECLS

#define SB_TYPE_CATEGORY_CHOOSER (sb_category_chooser_get_type ())

G_DECLARE_FINAL_TYPE (SbCategoryChooser, sb_category_chooser, SB, CATEGORY_CHOOSER, AdwWindow)

SbCategoryChooser *sb_category_chooser_new             (GtkWindow         *parent,
                                                        SbCategoryTree    *tree,
                                                        SbCategoryTree    *fallback);
void               sb_category_chooser_set_search      (SbCategoryChooser *self,
                                                        const char        *text);
guint              sb_category_chooser_get_n_rows      (SbCategoryChooser *self);
const char        *sb_category_chooser_get_row_id      (SbCategoryChooser *self,
                                                        guint              position);
char              *sb_category_chooser_dup_row_text    (SbCategoryChooser *self,
                                                        guint              position);
char              *sb_category_chooser_dup_path        (SbCategoryChooser *self,
                                                        const char        *id);

G_END_DECLS
