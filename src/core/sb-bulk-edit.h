/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-bulk-edit.h: changes applied to many products at once from the
 * catalogue — delete, set stock, change prices by a percentage, assign
 * carriers (replacing or adding to a product's own, with the carriers
 * that cannot carry a product's parcel reported).
 */
#pragma once

#include <glib-object.h>

#include "sb-carrier.h"
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

/* How SET_CARRIERS treats the carriers a product already has. */
typedef enum {
  SB_CARRIER_ASSIGN_REPLACE,   /* the product ships with exactly these */
  SB_CARRIER_ASSIGN_ADD,       /* these are added to the product's own */
} SbCarrierAssign;

#define SB_BULK_EDIT_MAX_STOCK     999999
#define SB_BULK_EDIT_MIN_PERCENT   (-99)
#define SB_BULK_EDIT_MAX_PERCENT   1000

typedef struct {
  SbBulkEditKind  kind;
  gint64          stock;        /* SET_STOCK: 0 … SB_BULK_EDIT_MAX_STOCK */
  int             percent;      /* CHANGE_PRICE: −99 … +1000 */
  GStrv           carrier_ids;  /* SET_CARRIERS: (owned) at least one */
  guint           handling_days;/* SET_CARRIERS: kept when 0 */
  SbCarrierAssign carrier_assign; /* SET_CARRIERS: replace or add */
  /* SET_CARRIERS: (nullable) (element-type SbCarrier) the carriers of the
   * seller's origin.  When set, every id must be one of them, and a
   * carrier that cannot carry a product's parcel is not given to that
   * product but reported. */
  GPtrArray      *carriers;
} SbBulkEdit;

/* A carrier that was not given to a product, and why. */
typedef struct {
  char *offer_id;
  char *carrier_id;
  char *carrier_name;
  char *reason;        /* translated, e.g. "Too heavy: 500 g over the 2000 g limit." */
} SbBulkEditRefusal;

/* What sb_bulk_edit_apply_report() did. */
typedef struct {
  guint      changed;    /* saved (and so queued for sync) */
  guint      skipped;    /* left as they were: the change does not fit them, or gone */
  guint      unchanged;  /* already as asked: not saved again */
  GPtrArray *refusals;   /* (element-type SbBulkEditRefusal) (owned) */
} SbBulkEditReport;

#define SB_TYPE_BULK_EDIT (sb_bulk_edit_get_type ())
#define SB_TYPE_BULK_EDIT_REFUSAL (sb_bulk_edit_refusal_get_type ())

GQuark      sb_bulk_edit_error_quark (void);
GType       sb_bulk_edit_get_type    (void) G_GNUC_CONST;
SbBulkEdit *sb_bulk_edit_new         (SbBulkEditKind    kind);
SbBulkEdit *sb_bulk_edit_copy        (const SbBulkEdit *edit);
void        sb_bulk_edit_free        (SbBulkEdit       *edit);

GType              sb_bulk_edit_refusal_get_type (void) G_GNUC_CONST;
SbBulkEditRefusal *sb_bulk_edit_refusal_copy     (const SbBulkEditRefusal *refusal);
void               sb_bulk_edit_refusal_free     (SbBulkEditRefusal       *refusal);

void        sb_bulk_edit_report_init  (SbBulkEditReport *report);
void        sb_bulk_edit_report_clear (SbBulkEditReport *report);

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
gboolean    sb_bulk_edit_apply_report (const SbBulkEdit   *edit,
                                       SbStore            *store,
                                       const char * const *offer_ids,
                                       SbBulkEditReport   *report,
                                       GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbBulkEdit, sb_bulk_edit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbBulkEditRefusal, sb_bulk_edit_refusal_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SbBulkEditReport, sb_bulk_edit_report_clear)

G_END_DECLS
