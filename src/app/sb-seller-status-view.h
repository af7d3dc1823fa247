/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-seller-status-view.h: shows where the seller's application stands.
 */
#pragma once

#include <adwaita.h>

#include "sb-onboarding.h"

G_BEGIN_DECLS

#define SB_TYPE_SELLER_STATUS_VIEW (sb_seller_status_view_get_type ())

G_DECLARE_FINAL_TYPE (SbSellerStatusView, sb_seller_status_view, SB, SELLER_STATUS_VIEW, AdwBin)

GtkWidget    *sb_seller_status_view_new       (void);
SbOnboarding *sb_seller_status_view_get_model (SbSellerStatusView *self);
void          sb_seller_status_view_set_model (SbSellerStatusView *self,
                                               SbOnboarding       *model);

G_END_DECLS
