/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-session.h: the onboarding wizard's controller — model,
 * saved progress, submission through the outbox and the application's
 * status.
 */
#pragma once

#include <gio/gio.h>

#include "sb-credentials.h"
#include "sb-onboarding.h"
#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_ONBOARDING_SESSION (sb_onboarding_session_get_type ())

G_DECLARE_FINAL_TYPE (SbOnboardingSession, sb_onboarding_session, SB, ONBOARDING_SESSION, GObject)

SbOnboardingSession *sb_onboarding_session_new             (SbStore              *store);
SbOnboarding        *sb_onboarding_session_get_model       (SbOnboardingSession  *self);
SbStore             *sb_onboarding_session_get_store       (SbOnboardingSession  *self);
SbCredentials       *sb_onboarding_session_get_credentials (SbOnboardingSession  *self);
void                 sb_onboarding_session_set_credentials (SbOnboardingSession  *self,
                                                            const SbCredentials  *credentials);
gboolean             sb_onboarding_session_save            (SbOnboardingSession  *self,
                                                            GError              **error);
gboolean             sb_onboarding_session_get_busy        (SbOnboardingSession  *self);
void                 sb_onboarding_session_reload_status   (SbOnboardingSession  *self);

void                 sb_onboarding_session_submit_async    (SbOnboardingSession  *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean             sb_onboarding_session_submit_finish   (SbOnboardingSession  *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                 sb_onboarding_session_refresh_async   (SbOnboardingSession  *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean             sb_onboarding_session_refresh_finish  (SbOnboardingSession  *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

G_END_DECLS
