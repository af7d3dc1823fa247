/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-shipping.h: the contract's quote rule — volumetric and chargeable
 * weight, the zone price in integer minor units, and the reason a carrier
 * refuses a parcel, in words a seller understands.
 */
#pragma once

#include <glib-object.h>

#include "sb-carrier.h"
#include "sb-product.h"

G_BEGIN_DECLS

typedef struct {
  guint       weight_g;
  guint       length_mm;
  guint       width_mm;
  guint       height_mm;
  SbBatteries batteries;
  gboolean    liquids;
} SbParcel;

typedef enum {
  SB_REFUSAL_NONE,            /* the carrier takes the parcel */
  SB_REFUSAL_NO_ZONE,         /* it does not ship to the destination */
  SB_REFUSAL_BATTERIES,       /* it refuses this kind of battery */
  SB_REFUSAL_LIQUIDS,         /* it refuses liquids */
  SB_REFUSAL_SIDE_TOO_LONG,   /* one side exceeds max_side_mm */
  SB_REFUSAL_SUM_OF_SIDES,    /* L + W + H exceeds max_sum_sides_mm */
  SB_REFUSAL_TOO_HEAVY,       /* chargeable weight exceeds max_weight_g */
} SbRefusal;

/* "none", "no_zone", "batteries", "liquids", "side_too_long",
 * "sum_of_sides", "too_heavy" */
const char *sb_refusal_to_string (SbRefusal refusal);

typedef enum {
  SB_SIDE_LENGTH,
  SB_SIDE_WIDTH,
  SB_SIDE_HEIGHT,
} SbSide;

typedef struct {
  char        *carrier_id;
  char        *carrier_name;
  char        *destination;     /* (nullable) */
  guint64      weight_g;        /* the actual weight */
  guint64      volumetric_g;
  guint64      chargeable_g;

  SbRefusal    refusal;

  /* When refusal is NONE and a destination was given: */
  gboolean     has_price;
  gint64       price_minor;
  char         currency[4];
  guint        days_min;
  guint        days_max;

  /* Details of the refusal: */
  guint64      over_by;         /* TOO_HEAVY: grams; SIDE_TOO_LONG, SUM_OF_SIDES: mm */
  guint64      limit;           /* max_weight_g, max_side_mm or max_sum_sides_mm */
  SbSide       side;            /* SIDE_TOO_LONG */
  SbBatteries  batteries;       /* BATTERIES */
} SbQuote;

#define SB_TYPE_QUOTE (sb_quote_get_type ())

GType     sb_quote_get_type  (void) G_GNUC_CONST;
SbQuote  *sb_quote_new       (void);
SbQuote  *sb_quote_copy      (const SbQuote *quote);
void      sb_quote_free      (SbQuote       *quote);
void      sb_quote_clear     (SbQuote       *quote);
/* Returns: (transfer full) (nullable): why the carrier refuses, translated,
 *   or NULL when it does not */
char     *sb_quote_dup_reason (const SbQuote *quote);

guint64   sb_shipping_volumetric_g (const SbCarrier *carrier,
                                    const SbParcel  *parcel);
/* @destination: (nullable): without one, only the limits are checked and
 *   no price is computed.
 * Returns: TRUE when the carrier takes the parcel */
gboolean  sb_shipping_quote     (const SbCarrier *carrier,
                                 const SbParcel  *parcel,
                                 const char      *destination,
                                 SbQuote         *out_quote);
/* Returns: (transfer full) (element-type SbQuote): one per carrier, in order */
GPtrArray *sb_shipping_quote_all (GPtrArray      *carriers,
                                  const SbParcel *parcel,
                                  const char     *destination);
void      sb_parcel_from_product (SbParcel        *parcel,
                                  const SbProduct *product);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbQuote, sb_quote_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SbQuote, sb_quote_clear)

G_END_DECLS
