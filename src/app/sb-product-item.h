/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-product-item.h: one row of the catalogue list, a GObject around an
 * SbProductSummary that may still be loading.
 */
#pragma once

#include <glib-object.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_PRODUCT_ITEM (sb_product_item_get_type ())

G_DECLARE_FINAL_TYPE (SbProductItem, sb_product_item, SB, PRODUCT_ITEM, GObject)

SbProductItem          *sb_product_item_new         (guint                   position);
guint                   sb_product_item_get_position (SbProductItem         *self);
const SbProductSummary *sb_product_item_get_summary (SbProductItem          *self);
void                    sb_product_item_set_summary (SbProductItem          *self,
                                                     const SbProductSummary *summary);
void                    sb_product_item_take_summary (SbProductItem         *self,
                                                      SbProductSummary      *summary);
gboolean                sb_product_item_get_loaded  (SbProductItem          *self);
const char             *sb_product_item_get_offer_id (SbProductItem         *self);

G_END_DECLS
