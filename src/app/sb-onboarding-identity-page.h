/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-identity-page.h: the registration step of the onboarding wizard.
 */
#pragma once

#include "sb-onboarding-page.h"

G_BEGIN_DECLS

#define SB_TYPE_ONBOARDING_IDENTITY_PAGE (sb_onboarding_identity_page_get_type ())

G_DECLARE_FINAL_TYPE (SbOnboardingIdentityPage, sb_onboarding_identity_page, SB, ONBOARDING_IDENTITY_PAGE, SbOnboardingPage)

G_END_DECLS
