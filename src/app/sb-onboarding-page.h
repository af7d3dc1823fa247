/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-page.h: the base class of the onboarding wizard's pages.
 */
#pragma once

#include <adwaita.h>

#include "sb-onboarding.h"

G_BEGIN_DECLS

#define SB_TYPE_ONBOARDING_PAGE (sb_onboarding_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (SbOnboardingPage, sb_onboarding_page, SB, ONBOARDING_PAGE, AdwBin)

struct _SbOnboardingPageClass
{
  AdwBinClass parent_class;

  /* Called when the page gets its model (never NULL) or loses it (NULL). */
  void     (*bind)  (SbOnboardingPage *self,
                     SbOnboarding     *model);
  /* Extra checks beyond the model's, e.g. the secret key that the model
   * never holds: adds field → message to @errors. */
  void     (*check) (SbOnboardingPage *self,
                     GHashTable       *errors);
};

SbOnboarding *sb_onboarding_page_get_model   (SbOnboardingPage *self);
void          sb_onboarding_page_set_model   (SbOnboardingPage *self,
                                              SbOnboarding     *model);
void          sb_onboarding_page_add_field   (SbOnboardingPage *self,
                                              const char       *field,
                                              GtkWidget        *row);
void          sb_onboarding_page_bind_entry  (SbOnboardingPage *self,
                                              const char       *field,
                                              AdwEntryRow      *row);
void          sb_onboarding_page_bind_combo  (SbOnboardingPage *self,
                                              const char       *field,
                                              AdwComboRow      *row,
                                              const char * const *codes);
gboolean      sb_onboarding_page_check       (SbOnboardingPage *self,
                                              SbOnboardingStep  step,
                                              gboolean          focus);
void          sb_onboarding_page_show_error  (SbOnboardingPage *self,
                                              const char       *field,
                                              const char       *message);
const char   *sb_onboarding_page_get_error   (SbOnboardingPage *self,
                                              const char       *field);
void          sb_onboarding_page_focus_field (SbOnboardingPage *self,
                                              const char       *field);
void          sb_onboarding_row_set_title    (GtkWidget        *row,
                                              const char       *title);

G_END_DECLS
