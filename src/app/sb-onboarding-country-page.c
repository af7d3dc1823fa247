/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-country-page.c: the first step of the onboarding wizard.
 * The seller says where the business is registered (Korea or Russia) and
 * whether it is a company or a sole proprietor; every later step asks
 * for what that country and form require.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-onboarding-country-page.h"

struct _SbOnboardingCountryPage
{
  SbOnboardingPage parent_instance;

  /* Template widgets */
  AdwComboRow *country_row;
  AdwComboRow *legal_form_row;
};

G_DEFINE_FINAL_TYPE (SbOnboardingCountryPage, sb_onboarding_country_page, SB_TYPE_ONBOARDING_PAGE)

static const char * const country_codes[] = { "KR", "RU", NULL };
static const char * const legal_form_codes[] = { "company", "sole_proprietor", NULL };

static void
sb_onboarding_country_page_bind (SbOnboardingPage *page,
                                 SbOnboarding     *model)
{
  SbOnboardingCountryPage *self = SB_ONBOARDING_COUNTRY_PAGE (page);

  if (model == NULL)
    return;
  sb_onboarding_page_bind_combo (page, "country", self->country_row, country_codes);
  sb_onboarding_page_bind_combo (page, "legal-form", self->legal_form_row, legal_form_codes);
}

static void
sb_onboarding_country_page_dispose (GObject *object)
{
  sb_onboarding_page_set_model (SB_ONBOARDING_PAGE (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_ONBOARDING_COUNTRY_PAGE);

  G_OBJECT_CLASS (sb_onboarding_country_page_parent_class)->dispose (object);
}

static void
sb_onboarding_country_page_class_init (SbOnboardingCountryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SbOnboardingPageClass *page_class = SB_ONBOARDING_PAGE_CLASS (klass);

  object_class->dispose = sb_onboarding_country_page_dispose;
  page_class->bind = sb_onboarding_country_page_bind;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-onboarding-country-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingCountryPage, country_row);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingCountryPage, legal_form_row);
}

static void
sb_onboarding_country_page_init (SbOnboardingCountryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
