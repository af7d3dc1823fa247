/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-pricing.h: what a seller nets from a variant's price after the
 * category's commission and the shipping cost, the price needed to net a
 * given amount, the listing price in USD, and the warning for a price
 * change large enough for the marketplace to quarantine the listing.
 * Inputs are plain values (a commission rate string, money amounts, codes)
 * so that any caller can use it without the catalogue or the store.
 */
#pragma once

#include <glib-object.h>

#include "sb-money.h"
#include "sb-rates.h"

G_BEGIN_DECLS

#define SB_PRICING_ERROR (sb_pricing_error_quark ())

typedef enum {
  SB_PRICING_ERROR_INVALID_COMMISSION,  /* not a decimal fraction in [0, 1) */
  SB_PRICING_ERROR_NO_RATES,            /* currencies differ and no rates were given */
  SB_PRICING_ERROR_OUT_OF_RANGE,        /* no price in range reaches the target */
} SbPricingError;

/* Every amount is in the payout currency; net = price − commission −
 * shipping holds exactly on the minor units shown. */
typedef struct {
  SbMoney price;       /* the variant's price converted to the payout currency */
  SbMoney commission;  /* the category's commission on @price */
  SbMoney shipping;    /* the carrier's charge converted to the payout currency */
  SbMoney net;         /* what the seller is paid; may be negative */
} SbPriceBreakdown;

#define SB_TYPE_PRICE_BREAKDOWN (sb_price_breakdown_get_type ())

GQuark            sb_pricing_error_quark       (void);
GType             sb_price_breakdown_get_type  (void) G_GNUC_CONST;
SbPriceBreakdown *sb_price_breakdown_copy      (const SbPriceBreakdown *breakdown);
void              sb_price_breakdown_free      (SbPriceBreakdown       *breakdown);

gboolean          sb_pricing_compute_net       (SbRates                *rates,
                                                const SbMoney          *price,
                                                const char             *commission_rate,
                                                const SbMoney          *shipping,
                                                const char             *payout_currency,
                                                SbPriceBreakdown       *out,
                                                GError                **error);
gboolean          sb_pricing_price_for_net     (SbRates                *rates,
                                                const SbMoney          *net,
                                                const char             *price_currency,
                                                const char             *commission_rate,
                                                const SbMoney          *shipping,
                                                SbMoney                *out_price,
                                                GError                **error);
gboolean          sb_pricing_listing_price_usd (SbRates                *rates,
                                                const SbMoney          *price,
                                                SbMoney                *out,
                                                GError                **error);
gboolean          sb_pricing_change_is_large   (gint64                  old_minor,
                                                gint64                  new_minor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbPriceBreakdown, sb_price_breakdown_free)

G_END_DECLS
