/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-window.h: the onboarding wizard's window.
 */
#pragma once

#include <adwaita.h>

#include "sb-onboarding-session.h"

G_BEGIN_DECLS

#define SB_TYPE_ONBOARDING_WINDOW (sb_onboarding_window_get_type ())

G_DECLARE_FINAL_TYPE (SbOnboardingWindow, sb_onboarding_window, SB, ONBOARDING_WINDOW, AdwWindow)

SbOnboardingWindow  *sb_onboarding_window_new         (GtkWindow           *parent,
                                                       SbOnboardingSession *session);
SbOnboardingSession *sb_onboarding_window_get_session (SbOnboardingWindow  *self);
SbOnboarding        *sb_onboarding_window_get_model   (SbOnboardingWindow  *self);
GtkWidget           *sb_onboarding_window_get_page    (SbOnboardingWindow  *self,
                                                       SbOnboardingStep     step);

G_END_DECLS
