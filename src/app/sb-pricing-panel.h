/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-pricing-panel.h: a price seen from every side — listing prices in
 * other currencies, and what the seller nets after commission and
 * shipping.
 */
#pragma once

#include <adwaita.h>

#include "sb-money.h"
#include "sb-pricing.h"
#include "sb-rates.h"
#include "sb-shipping.h"

G_BEGIN_DECLS

#define SB_TYPE_PRICING_PANEL (sb_pricing_panel_get_type ())

G_DECLARE_FINAL_TYPE (SbPricingPanel, sb_pricing_panel, SB, PRICING_PANEL, AdwPreferencesGroup)

GtkWidget  *sb_pricing_panel_new            (void);
void        sb_pricing_panel_set_rates      (SbPricingPanel  *self,
                                             SbRates         *rates);
void        sb_pricing_panel_set_price      (SbPricingPanel  *self,
                                             const SbMoney   *price);
void        sb_pricing_panel_set_payout_currency (SbPricingPanel *self,
                                                  const char     *currency);
void        sb_pricing_panel_set_commission (SbPricingPanel  *self,
                                             const char      *commission_rate);
void        sb_pricing_panel_set_shipping   (SbPricingPanel  *self,
                                             GPtrArray       *carriers,
                                             const SbParcel  *parcel,
                                             GPtrArray       *chosen_ids);
gboolean    sb_pricing_panel_set_destination (SbPricingPanel *self,
                                              const char     *destination);
gboolean    sb_pricing_panel_get_breakdown  (SbPricingPanel  *self,
                                             SbPriceBreakdown *out);
void        sb_pricing_panel_set_target_net (SbPricingPanel  *self,
                                             const char      *decimal);
const char *sb_pricing_panel_get_text       (SbPricingPanel  *self,
                                             const char      *what);

G_END_DECLS
