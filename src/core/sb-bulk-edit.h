/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-bulk-edit.h: changes applied to many products at once from the
 * catalogue — delete, set stock, change prices by a percentage, assign
 * carriers.
 */
#pragma once

#include <glib-object.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_BULK_EDIT_ERROR (sb_bulk_edit_error_quark ())

typedef enum {
  SB_BULK_EDIT_ERROR_INVALID,   /* the change itself is not allowed */
  SB_BULK_EDIT_ERROR_PRICE,     /* a price would leave the allowed range */
} SbBulkEditError;

typedef enum {
  SB_BULK_EDIT_DELETE,
  SB_BULK_EDIT_SET_STOCK,
  SB_BULK_EDIT_CHANGE_PRICE,
  SB_BULK_EDIT_SET_CARRIERS,
} SbBulkEditKind;

#define SB_BULK_EDIT_MAX_STOCK     999999
#define SB_BULK_EDIT_MIN_PERCENT   (-99)
#define SB_BULK_EDIT_MAX_PERCENT   1000

typedef struct {
  SbBulkEditKind  kind;
  gint64          stock;        /* SET_STOCK: 0 … SB_BULK_EDIT_MAX_STOCK */
  int             percent;      /* CHANGE_PRICE: −99 … +1000 */
  GStrv           carrier_ids;  /* SET_CARRIERS: (owned) at least one */
  guint           handling_days;/* SET_CARRIERS: kept when 0 */
} SbBulkEdit;

#define SB_TYPE_BULK_EDIT (sb_bulk_edit_get_type ())

GQuark      sb_bulk_edit_error_quark (void);
GType       sb_bulk_edit_get_type    (void) G_GNUC_CONST;
SbBulkEdit *sb_bulk_edit_new         (SbBulkEditKind    kind);
SbBulkEdit *sb_bulk_edit_copy        (const SbBulkEdit *edit);
void        sb_bulk_edit_free        (SbBulkEdit       *edit);

gboolean    sb_bulk_edit_check       (const SbBulkEdit *edit,
                                      GError          **error);
gboolean    sb_bulk_edit_change_price_minor (gint64   price_minor,
                                             int      percent,
                                             gint64  *out_minor,
                                             GError **error);
gboolean    sb_bulk_edit_apply_to_product   (const SbBulkEdit *edit,
                                             SbProduct        *product,
                                             GError          **error);
gboolean    sb_bulk_edit_apply       (const SbBulkEdit    *edit,
                                      SbStore             *store,
                                      const char * const  *offer_ids,
                                      guint               *out_changed,
                                      guint               *out_skipped,
                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbBulkEdit, sb_bulk_edit_free)

G_END_DECLS
