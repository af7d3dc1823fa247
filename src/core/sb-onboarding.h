/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding.h: the onboarding wizard's model, without any GTK — every
 * field a new seller fills in, the step the seller is on, the checks of
 * each step, the saved progress as JSON and the seller profile that goes to
 * the marketplace, and the application's review status once submitted.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sb-product.h"

G_BEGIN_DECLS

#define SB_ONBOARDING_ERROR (sb_onboarding_error_quark ())

typedef enum {
  SB_ONBOARDING_ERROR_REQUIRED,   /* a field that must be filled is empty */
  SB_ONBOARDING_ERROR_INVALID,    /* a field's value breaks its rule */
  SB_ONBOARDING_ERROR_PROGRESS,   /* saved progress cannot be read */
} SbOnboardingError;

typedef enum {
  SB_ONBOARDING_STEP_COUNTRY,
  SB_ONBOARDING_STEP_IDENTITY,
  SB_ONBOARDING_STEP_STORE,
  SB_ONBOARDING_STEP_PAYOUT,
  SB_ONBOARDING_STEP_CONNECTION,  /* before shipping: carriers come from the marketplace */
  SB_ONBOARDING_STEP_SHIPPING,
  SB_ONBOARDING_STEP_REVIEW,
  SB_ONBOARDING_STEP_STATUS,
  SB_ONBOARDING_N_STEPS
} SbOnboardingStep;

/* Where the application stands. */
typedef enum {
  SB_ONBOARDING_STATUS_DRAFT,      /* being filled in */
  SB_ONBOARDING_STATUS_QUEUED,     /* submitted offline, waiting in the outbox */
  SB_ONBOARDING_STATUS_SUBMITTED,  /* received by the marketplace, under review */
  SB_ONBOARDING_STATUS_APPROVED,
  SB_ONBOARDING_STATUS_REJECTED,   /* see sb_onboarding_get_reasons() */
} SbOnboardingStatus;

#define SB_TYPE_ONBOARDING_STEP   (sb_onboarding_step_get_type ())
#define SB_TYPE_ONBOARDING_STATUS (sb_onboarding_status_get_type ())
#define SB_TYPE_ONBOARDING        (sb_onboarding_get_type ())

GType       sb_onboarding_step_get_type   (void) G_GNUC_CONST;
GType       sb_onboarding_status_get_type (void) G_GNUC_CONST;
const char *sb_onboarding_step_to_string   (SbOnboardingStep    step);
gboolean    sb_onboarding_step_from_string (const char         *str,
                                            SbOnboardingStep   *out_step);
const char *sb_onboarding_step_get_title   (SbOnboardingStep    step);
const char *sb_onboarding_status_to_string   (SbOnboardingStatus  status);
gboolean    sb_onboarding_status_from_string (const char         *str,
                                              SbOnboardingStatus *out_status);

G_DECLARE_FINAL_TYPE (SbOnboarding, sb_onboarding, SB, ONBOARDING, GObject)

/* The key under which the progress is kept in the store's settings. */
#define SB_ONBOARDING_PROGRESS_KEY "onboarding.progress"

GQuark              sb_onboarding_error_quark   (void);
SbOnboarding       *sb_onboarding_new           (void);

SbOnboardingStep    sb_onboarding_get_step      (SbOnboarding      *self);
void                sb_onboarding_set_step      (SbOnboarding      *self,
                                                 SbOnboardingStep   step);
const char         *sb_onboarding_get_text      (SbOnboarding      *self,
                                                 const char        *field);
void                sb_onboarding_set_text      (SbOnboarding      *self,
                                                 const char        *field,
                                                 const char        *value);
const char * const *sb_onboarding_get_carrier_ids (SbOnboarding    *self);
void                sb_onboarding_set_carrier_ids (SbOnboarding    *self,
                                                   const char * const *ids);
gboolean            sb_onboarding_has_carrier   (SbOnboarding      *self,
                                                 const char        *carrier_id);
void                sb_onboarding_set_carrier   (SbOnboarding      *self,
                                                 const char        *carrier_id,
                                                 gboolean           chosen);
gboolean            sb_onboarding_get_use_sandbox (SbOnboarding    *self);
void                sb_onboarding_set_use_sandbox (SbOnboarding    *self,
                                                   gboolean         use_sandbox);
SbOnboardingStatus  sb_onboarding_get_status    (SbOnboarding      *self);
void                sb_onboarding_set_status    (SbOnboarding      *self,
                                                 SbOnboardingStatus status);
GPtrArray          *sb_onboarding_get_reasons   (SbOnboarding      *self);
void                sb_onboarding_set_review    (SbOnboarding      *self,
                                                 SbOnboardingStatus status,
                                                 GPtrArray         *reasons);

const char * const *sb_onboarding_step_get_fields (SbOnboardingStep step);
SbOnboardingStep    sb_onboarding_field_get_step  (const char      *field);
gboolean            sb_onboarding_field_applies (SbOnboarding      *self,
                                                 const char        *field);
gboolean            sb_onboarding_check_field   (SbOnboarding      *self,
                                                 const char        *field,
                                                 GError           **error);
gboolean            sb_onboarding_check_step    (SbOnboarding      *self,
                                                 SbOnboardingStep   step,
                                                 GHashTable       **out_errors);
SbOnboardingStep    sb_onboarding_find_invalid_step (SbOnboarding  *self);
gboolean            sb_onboarding_go_next       (SbOnboarding      *self,
                                                 GHashTable       **out_errors);
gboolean            sb_onboarding_go_back       (SbOnboarding      *self);

char               *sb_onboarding_to_json       (SbOnboarding      *self);
gboolean            sb_onboarding_load_json     (SbOnboarding      *self,
                                                 const char        *json,
                                                 GError           **error);
JsonNode           *sb_onboarding_build_seller  (SbOnboarding      *self,
                                                 GError           **error);
gboolean            sb_onboarding_apply_profile (SbOnboarding      *self,
                                                 JsonObject        *profile,
                                                 GError           **error);

const char         *sb_onboarding_reason_get_field (const SbReason *reason);
SbOnboardingStep    sb_onboarding_reason_get_step (const SbReason  *reason);
const char         *sb_onboarding_reason_get_fix  (const SbReason  *reason);

G_END_DECLS
