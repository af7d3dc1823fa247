/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-connection-page.h: the marketplace connection step of the onboarding wizard.
 */
#pragma once

#include "sb-credentials.h"
#include "sb-onboarding-page.h"

G_BEGIN_DECLS

#define SB_TYPE_ONBOARDING_CONNECTION_PAGE (sb_onboarding_connection_page_get_type ())

G_DECLARE_FINAL_TYPE (SbOnboardingConnectionPage, sb_onboarding_connection_page, SB, ONBOARDING_CONNECTION_PAGE, SbOnboardingPage)

SbCredentials *sb_onboarding_connection_page_dup_credentials (SbOnboardingConnectionPage *self);
void           sb_onboarding_connection_page_save_credentials (SbOnboardingConnectionPage *self);
void           sb_onboarding_connection_page_test (SbOnboardingConnectionPage *self);

G_END_DECLS
