/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-store-page.c: the store and contact step of the onboarding
 * wizard — the name buyers see, and the email address and phone number
 * where the marketplace reaches the seller.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-onboarding-store-page.h"

struct _SbOnboardingStorePage
{
  SbOnboardingPage parent_instance;

  /* Template widgets */
  AdwEntryRow *store_name_row;
  AdwEntryRow *contact_email_row;
  AdwEntryRow *phone_row;
};

G_DEFINE_FINAL_TYPE (SbOnboardingStorePage, sb_onboarding_store_page, SB_TYPE_ONBOARDING_PAGE)

static void
sb_onboarding_store_page_bind (SbOnboardingPage *page,
                               SbOnboarding     *model)
{
  SbOnboardingStorePage *self = SB_ONBOARDING_STORE_PAGE (page);

  if (model == NULL)
    return;
  sb_onboarding_page_bind_entry (page, "store-name", self->store_name_row);
  sb_onboarding_page_bind_entry (page, "contact-email", self->contact_email_row);
  sb_onboarding_page_bind_entry (page, "phone", self->phone_row);
}

static void
sb_onboarding_store_page_dispose (GObject *object)
{
  sb_onboarding_page_set_model (SB_ONBOARDING_PAGE (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_ONBOARDING_STORE_PAGE);

  G_OBJECT_CLASS (sb_onboarding_store_page_parent_class)->dispose (object);
}

static void
sb_onboarding_store_page_class_init (SbOnboardingStorePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SbOnboardingPageClass *page_class = SB_ONBOARDING_PAGE_CLASS (klass);

  object_class->dispose = sb_onboarding_store_page_dispose;
  page_class->bind = sb_onboarding_store_page_bind;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-onboarding-store-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingStorePage, store_name_row);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingStorePage, contact_email_row);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingStorePage, phone_row);
}

static void
sb_onboarding_store_page_init (SbOnboardingStorePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
