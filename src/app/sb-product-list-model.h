/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-product-list-model.h: a lazy GListModel of SbProductItem over the
 * store's product list.
 */
#pragma once

#include <gio/gio.h>

#include "sb-product-item.h"
#include "sb-store.h"

G_BEGIN_DECLS

#define SB_PRODUCT_LIST_MODEL_PAGE_SIZE 200

#define SB_TYPE_PRODUCT_LIST_MODEL (sb_product_list_model_get_type ())

G_DECLARE_FINAL_TYPE (SbProductListModel, sb_product_list_model, SB, PRODUCT_LIST_MODEL, GObject)

SbProductListModel *sb_product_list_model_new          (SbStore            *store);
SbStore            *sb_product_list_model_get_store    (SbProductListModel *self);
const SbStoreQuery *sb_product_list_model_get_query    (SbProductListModel *self);
void                sb_product_list_model_set_query    (SbProductListModel *self,
                                                        const SbStoreQuery *query);
void                sb_product_list_model_refresh      (SbProductListModel *self);
gboolean            sb_product_list_model_get_loading  (SbProductListModel *self);
gboolean            sb_product_list_model_get_counted  (SbProductListModel *self);
guint               sb_product_list_model_get_n_cached_pages (SbProductListModel *self);
gint64              sb_product_list_model_get_last_fetch_usec (SbProductListModel *self);
gint64              sb_product_list_model_get_max_fetch_usec  (SbProductListModel *self);
const GError       *sb_product_list_model_get_error    (SbProductListModel *self);

G_END_DECLS
