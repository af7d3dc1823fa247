/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-review-page.h: the review step of the onboarding wizard.
 */
#pragma once

#include "sb-onboarding-page.h"

G_BEGIN_DECLS

#define SB_TYPE_ONBOARDING_REVIEW_PAGE (sb_onboarding_review_page_get_type ())

G_DECLARE_FINAL_TYPE (SbOnboardingReviewPage, sb_onboarding_review_page, SB, ONBOARDING_REVIEW_PAGE, SbOnboardingPage)

void sb_onboarding_review_page_set_carriers (SbOnboardingReviewPage *self,
                                             GPtrArray              *carriers);

G_END_DECLS
