/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-payout-page.c: the payout step of the onboarding wizard —
 * the currency the marketplace pays out in (the seller's own, or US
 * dollars) and the bank account it pays into.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-onboarding-payout-page.h"

struct _SbOnboardingPayoutPage
{
  SbOnboardingPage parent_instance;

  /* Template widgets */
  AdwComboRow *payout_currency_row;
  AdwEntryRow *bank_name_row;
  AdwEntryRow *bank_account_row;
  AdwEntryRow *bank_holder_row;

  /* State */
  gboolean     syncing;
};

G_DEFINE_FINAL_TYPE (SbOnboardingPayoutPage, sb_onboarding_payout_page, SB_TYPE_ONBOARDING_PAGE)

static const char * const kr_currencies[] = { "KRW", "USD", NULL };
static const char * const ru_currencies[] = { "RUB", "USD", NULL };

static const char * const *
currencies_for (SbOnboarding *model)
{
  return g_strcmp0 (sb_onboarding_get_text (model, "country"), "RU") == 0 ? ru_currencies : kr_currencies;
}

static const char *
currency_name (const char *code)
{
  if (g_str_equal (code, "KRW"))
    return _("South Korean won (KRW)");
  if (g_str_equal (code, "RUB"))
    return _("Russian rouble (RUB)");
  return _("US dollar (USD)");
}

/* Fills the list for the model's country and selects the model's currency. */
static void
model_to_row (SbOnboardingPayoutPage *self)
{
  SbOnboarding *model = sb_onboarding_page_get_model (SB_ONBOARDING_PAGE (self));
  const char * const *codes;
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const char *current;
  guint selected = 0;

  if (model == NULL || self->syncing)
    return;
  codes = currencies_for (model);
  current = sb_onboarding_get_text (model, "payout-currency");
  for (guint i = 0; codes[i] != NULL; i++)
    {
      gtk_string_list_append (list, currency_name (codes[i]));
      if (g_str_equal (codes[i], current))
        selected = i;
    }
  self->syncing = TRUE;
  adw_combo_row_set_model (self->payout_currency_row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (self->payout_currency_row, selected);
  self->syncing = FALSE;
  if (!g_strv_contains (codes, current))
    sb_onboarding_set_text (model, "payout-currency", codes[0]);
}

static void
selected_cb (SbOnboardingPayoutPage *self)
{
  SbOnboarding *model = sb_onboarding_page_get_model (SB_ONBOARDING_PAGE (self));
  guint selected = adw_combo_row_get_selected (self->payout_currency_row);
  const char * const *codes;

  if (model == NULL || self->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;
  codes = currencies_for (model);
  if (selected < g_strv_length ((GStrv) codes))
    {
      self->syncing = TRUE;
      sb_onboarding_set_text (model, "payout-currency", codes[selected]);
      self->syncing = FALSE;
    }
}

static void
sb_onboarding_payout_page_bind (SbOnboardingPage *page,
                                SbOnboarding     *model)
{
  SbOnboardingPayoutPage *self = SB_ONBOARDING_PAYOUT_PAGE (page);

  if (model == NULL)
    return;
  sb_onboarding_page_add_field (page, "payout-currency", GTK_WIDGET (self->payout_currency_row));
  sb_onboarding_page_bind_entry (page, "bank-name", self->bank_name_row);
  sb_onboarding_page_bind_entry (page, "bank-account", self->bank_account_row);
  sb_onboarding_page_bind_entry (page, "bank-holder", self->bank_holder_row);
  g_signal_connect_object (model, "notify::country", G_CALLBACK (model_to_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notify::payout-currency", G_CALLBACK (model_to_row), self, G_CONNECT_SWAPPED);
  model_to_row (self);
}

static void
sb_onboarding_payout_page_dispose (GObject *object)
{
  sb_onboarding_page_set_model (SB_ONBOARDING_PAGE (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_ONBOARDING_PAYOUT_PAGE);

  G_OBJECT_CLASS (sb_onboarding_payout_page_parent_class)->dispose (object);
}

static void
sb_onboarding_payout_page_class_init (SbOnboardingPayoutPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SbOnboardingPageClass *page_class = SB_ONBOARDING_PAGE_CLASS (klass);

  object_class->dispose = sb_onboarding_payout_page_dispose;
  page_class->bind = sb_onboarding_payout_page_bind;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-onboarding-payout-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingPayoutPage, payout_currency_row);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingPayoutPage, bank_name_row);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingPayoutPage, bank_account_row);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingPayoutPage, bank_holder_row);
  gtk_widget_class_bind_template_callback (widget_class, selected_cb);
}

static void
sb_onboarding_payout_page_init (SbOnboardingPayoutPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
