/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-shipping-panel.h: which carriers can take a package, at what price
 * and in how many days, and which ones the seller ships with.
 */
#pragma once

#include <adwaita.h>

#include "sb-carrier.h"
#include "sb-shipping.h"

G_BEGIN_DECLS

#define SB_TYPE_SHIPPING_PANEL (sb_shipping_panel_get_type ())

G_DECLARE_FINAL_TYPE (SbShippingPanel, sb_shipping_panel, SB, SHIPPING_PANEL, AdwPreferencesGroup)

GtkWidget *sb_shipping_panel_new               (void);
void       sb_shipping_panel_set_carriers      (SbShippingPanel *self,
                                                GPtrArray       *carriers,
                                                const char      *origin);
void       sb_shipping_panel_set_parcel        (SbShippingPanel *self,
                                                const SbParcel  *parcel);
void       sb_shipping_panel_set_chosen        (SbShippingPanel *self,
                                                GPtrArray       *carrier_ids,
                                                guint            handling_days);
GPtrArray *sb_shipping_panel_dup_chosen        (SbShippingPanel *self);
guint      sb_shipping_panel_get_handling_days (SbShippingPanel *self);
GPtrArray *sb_shipping_panel_get_carriers      (SbShippingPanel *self);
const SbParcel *sb_shipping_panel_get_parcel   (SbShippingPanel *self);
GtkWidget *sb_shipping_panel_get_carrier_check (SbShippingPanel *self,
                                                const char      *carrier_id);
const char *sb_shipping_panel_get_carrier_text (SbShippingPanel *self,
                                                const char      *carrier_id);

G_END_DECLS
