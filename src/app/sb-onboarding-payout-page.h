/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-payout-page.h: the payout step of the onboarding wizard.
 */
#pragma once

#include "sb-onboarding-page.h"

G_BEGIN_DECLS

#define SB_TYPE_ONBOARDING_PAYOUT_PAGE (sb_onboarding_payout_page_get_type ())

G_DECLARE_FINAL_TYPE (SbOnboardingPayoutPage, sb_onboarding_payout_page, SB, ONBOARDING_PAYOUT_PAGE, SbOnboardingPage)

G_END_DECLS
