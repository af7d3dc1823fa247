/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-identity-page.c: the registration step of the onboarding
 * wizard.  A Korean seller gives the business registration number; a
 * Russian one the INN and the OGRN (company) or OGRNIP (sole proprietor),
 * and a company its KPP too.  The fields' names follow the country and
 * form chosen on the first step, and each number is checked as it is
 * typed, with the message right under it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-onboarding-identity-page.h"

struct _SbOnboardingIdentityPage
{
  SbOnboardingPage parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  AdwEntryRow         *legal_name_row;
  AdwEntryRow         *registration_number_row;
  AdwEntryRow         *tax_id_row;
  AdwEntryRow         *kpp_row;
};

G_DEFINE_FINAL_TYPE (SbOnboardingIdentityPage, sb_onboarding_identity_page, SB_TYPE_ONBOARDING_PAGE)

static void
update_titles (SbOnboardingIdentityPage *self)
{
  SbOnboarding *model = sb_onboarding_page_get_model (SB_ONBOARDING_PAGE (self));
  gboolean russia, sole;

  if (model == NULL)
    return;
  russia = g_strcmp0 (sb_onboarding_get_text (model, "country"), "RU") == 0;
  sole = g_strcmp0 (sb_onboarding_get_text (model, "legal-form"), "sole_proprietor") == 0;

  if (!russia)
    {
      adw_preferences_group_set_description (self->group,
                                             _("Exactly as on your business registration certificate."));
      sb_onboarding_row_set_title (GTK_WIDGET (self->registration_number_row),
                                   _("Business _registration number"));
    }
  else
    {
      adw_preferences_group_set_description (self->group,
                                             sole ? _("Exactly as in your entry in the register of sole proprietors (EGRIP).")
                                                  : _("Exactly as in your company’s entry in the state register (EGRUL)."));
      sb_onboarding_row_set_title (GTK_WIDGET (self->registration_number_row),
                                   /* Translators: OGRN and OGRNIP are Russian state registration numbers. */
                                   sole ? _("_OGRNIP") : _("_OGRN"));
    }
  sb_onboarding_row_set_title (GTK_WIDGET (self->legal_name_row),
                               sole ? _("Full name of the _proprietor") : _("Registered _company name"));
}

static void
sb_onboarding_identity_page_bind (SbOnboardingPage *page,
                                  SbOnboarding     *model)
{
  SbOnboardingIdentityPage *self = SB_ONBOARDING_IDENTITY_PAGE (page);

  if (model == NULL)
    return;
  sb_onboarding_page_bind_entry (page, "legal-name", self->legal_name_row);
  sb_onboarding_page_bind_entry (page, "registration-number", self->registration_number_row);
  sb_onboarding_page_bind_entry (page, "tax-id", self->tax_id_row);
  sb_onboarding_page_bind_entry (page, "kpp", self->kpp_row);
  g_signal_connect_object (model, "notify::country", G_CALLBACK (update_titles), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notify::legal-form", G_CALLBACK (update_titles), self, G_CONNECT_SWAPPED);
  update_titles (self);
}

static void
sb_onboarding_identity_page_dispose (GObject *object)
{
  sb_onboarding_page_set_model (SB_ONBOARDING_PAGE (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_ONBOARDING_IDENTITY_PAGE);

  G_OBJECT_CLASS (sb_onboarding_identity_page_parent_class)->dispose (object);
}

static void
sb_onboarding_identity_page_class_init (SbOnboardingIdentityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SbOnboardingPageClass *page_class = SB_ONBOARDING_PAGE_CLASS (klass);

  object_class->dispose = sb_onboarding_identity_page_dispose;
  page_class->bind = sb_onboarding_identity_page_bind;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-onboarding-identity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingIdentityPage, group);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingIdentityPage, legal_name_row);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingIdentityPage, registration_number_row);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingIdentityPage, tax_id_row);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingIdentityPage, kpp_row);
}

static void
sb_onboarding_identity_page_init (SbOnboardingIdentityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
