/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-shipping-page.h: the shipping step of the onboarding wizard.
 */
#pragma once

#include "sb-credentials.h"
#include "sb-onboarding-page.h"
#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_ONBOARDING_SHIPPING_PAGE (sb_onboarding_shipping_page_get_type ())

G_DECLARE_FINAL_TYPE (SbOnboardingShippingPage, sb_onboarding_shipping_page, SB, ONBOARDING_SHIPPING_PAGE, SbOnboardingPage)

void        sb_onboarding_shipping_page_load (SbOnboardingShippingPage *self,
                                              SbStore                  *store,
                                              SbCredentials            *credentials);
GPtrArray  *sb_onboarding_shipping_page_get_carriers (SbOnboardingShippingPage *self);

G_END_DECLS
