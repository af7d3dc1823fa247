/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-store-page.h: the store and contact step of the onboarding wizard.
 */
#pragma once

#include "sb-onboarding-page.h"

G_BEGIN_DECLS

#define SB_TYPE_ONBOARDING_STORE_PAGE (sb_onboarding_store_page_get_type ())

G_DECLARE_FINAL_TYPE (SbOnboardingStorePage, sb_onboarding_store_page, SB, ONBOARDING_STORE_PAGE, SbOnboardingPage)

G_END_DECLS
