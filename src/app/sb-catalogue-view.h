/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-catalogue-view.h: the catalogue — the seller's products in a
 * searchable, sortable table with bulk actions.
 */
#pragma once

#include <adwaita.h>

#include "sb-bulk-edit.h"
#include "sb-product-list-model.h"
#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_CATALOGUE_VIEW (sb_catalogue_view_get_type ())

G_DECLARE_FINAL_TYPE (SbCatalogueView, sb_catalogue_view, SB, CATALOGUE_VIEW, GtkWidget)

GtkWidget          *sb_catalogue_view_new           (void);
SbStore            *sb_catalogue_view_get_store     (SbCatalogueView  *self);
void                sb_catalogue_view_set_store     (SbCatalogueView  *self,
                                                     SbStore          *store);
SbLang              sb_catalogue_view_get_lang      (SbCatalogueView  *self);
void                sb_catalogue_view_set_lang      (SbCatalogueView  *self,
                                                     SbLang            lang);
SbProductListModel *sb_catalogue_view_get_model     (SbCatalogueView  *self);
GtkSelectionModel  *sb_catalogue_view_get_selection (SbCatalogueView  *self);
void                sb_catalogue_view_refresh       (SbCatalogueView  *self);
void                sb_catalogue_view_focus_search  (SbCatalogueView  *self);
void                sb_catalogue_view_set_search    (SbCatalogueView  *self,
                                                     const char       *text);
void                sb_catalogue_view_set_status_filter (SbCatalogueView *self,
                                                         gboolean         filter,
                                                         SbSyncState      status);
void                sb_catalogue_view_sort_by       (SbCatalogueView  *self,
                                                     SbStoreSort       sort,
                                                     gboolean          descending);
const char         *sb_catalogue_view_get_visible_page (SbCatalogueView *self);
gboolean            sb_catalogue_view_get_busy      (SbCatalogueView  *self);
void                sb_catalogue_view_apply_bulk_edit (SbCatalogueView  *self,
                                                       const SbBulkEdit *edit);
GtkWindow          *sb_catalogue_view_open_assign_carriers (SbCatalogueView *self);
void                sb_catalogue_view_add_toast     (SbCatalogueView  *self,
                                                     AdwToast         *toast);
char               *sb_catalogue_view_format_price  (const SbProductSummary *summary);
const char         *sb_catalogue_view_status_label  (SbSyncState       state);

G_END_DECLS
