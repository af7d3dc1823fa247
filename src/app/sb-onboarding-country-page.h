/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-country-page.h: the first step of the onboarding wizard: country and legal form.
 */
#pragma once

#include "sb-onboarding-page.h"

G_BEGIN_DECLS

#define SB_TYPE_ONBOARDING_COUNTRY_PAGE (sb_onboarding_country_page_get_type ())

G_DECLARE_FINAL_TYPE (SbOnboardingCountryPage, sb_onboarding_country_page, SB, ONBOARDING_COUNTRY_PAGE, SbOnboardingPage)

G_END_DECLS
