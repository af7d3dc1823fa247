/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-review-page.c: the review step of the onboarding wizard.
 * It lists everything the seller entered, grouped as the steps were, each
 * row with a button that goes back to its step, so that the seller checks
 * the application once more before submitting it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-carrier.h"
#include "sb-onboarding-review-page.h"

struct _SbOnboardingReviewPage
{
  SbOnboardingPage parent_instance;

  /* Borrowed references */
  AdwPreferencesPage *page;   /* the bin's child, from the template */

  /* Owned references */
  GPtrArray          *groups;    /* (element-type AdwPreferencesGroup) */
  GPtrArray          *carriers;  /* (element-type SbCarrier) (nullable) for their names */
};

G_DEFINE_FINAL_TYPE (SbOnboardingReviewPage, sb_onboarding_review_page, SB_TYPE_ONBOARDING_PAGE)

static const char *
country_name (const char *code)
{
  return g_strcmp0 (code, "RU") == 0 ? _("Russia") : _("South Korea");
}

static char *
describe_field (SbOnboardingReviewPage *self,
                SbOnboarding           *model,
                const char             *field,
                const char            **out_title)
{
  const char *text = g_str_equal (field, "carrier-ids") ? "" : sb_onboarding_get_text (model, field);
  gboolean russia = g_strcmp0 (sb_onboarding_get_text (model, "country"), "RU") == 0;
  gboolean sole = g_strcmp0 (sb_onboarding_get_text (model, "legal-form"), "sole_proprietor") == 0;

  if (g_str_equal (field, "country"))
    {
      *out_title = _("Country of registration");
      return g_strdup (country_name (text));
    }
  if (g_str_equal (field, "legal-form"))
    {
      *out_title = _("Legal form");
      return g_strdup (sole ? _("Sole proprietor") : _("Company"));
    }
  if (g_str_equal (field, "legal-name"))
    *out_title = sole ? _("Full name of the proprietor") : _("Registered company name");
  else if (g_str_equal (field, "registration-number"))
    *out_title = !russia ? _("Business registration number") : sole ? _("OGRNIP") : _("OGRN");
  else if (g_str_equal (field, "tax-id"))
    *out_title = _("INN");
  else if (g_str_equal (field, "kpp"))
    *out_title = _("KPP");
  else if (g_str_equal (field, "store-name"))
    *out_title = _("Store name");
  else if (g_str_equal (field, "contact-email"))
    *out_title = _("Email address");
  else if (g_str_equal (field, "phone"))
    *out_title = _("Phone");
  else if (g_str_equal (field, "payout-currency"))
    *out_title = _("Payout currency");
  else if (g_str_equal (field, "bank-name"))
    *out_title = _("Bank name");
  else if (g_str_equal (field, "bank-account"))
    *out_title = _("Account number");
  else if (g_str_equal (field, "bank-holder"))
    *out_title = _("Account holder");
  else if (g_str_equal (field, "shipping-origin"))
    {
      *out_title = _("Parcels leave from");
      return g_strdup (country_name (text));
    }
  else if (g_str_equal (field, "carrier-ids"))
    {
      const char * const *ids = sb_onboarding_get_carrier_ids (model);
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_auto(GStrv) list = NULL;

      *out_title = _("Default carriers");
      for (guint i = 0; ids[i] != NULL; i++)
        {
          const SbCarrier *carrier = sb_carrier_list_find (self->carriers, ids[i]);

          g_strv_builder_add (names, carrier != NULL ? carrier->name : ids[i]);
        }
      list = g_strv_builder_end (names);
      return g_strjoinv (", ", list);
    }
  else if (g_str_equal (field, "endpoint"))
    {
      *out_title = sb_onboarding_get_use_sandbox (model) ? _("Seller API address (local sandbox)")
                                                        : _("Seller API address");
    }
  else if (g_str_equal (field, "access-key"))
    *out_title = _("Access key ID");
  else
    g_return_val_if_reached (NULL);
  return g_strdup (text);
}

static void
rebuild (SbOnboardingReviewPage *self)
{
  SbOnboarding *model = sb_onboarding_page_get_model (SB_ONBOARDING_PAGE (self));

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  if (model == NULL)
    return;

  for (SbOnboardingStep step = SB_ONBOARDING_STEP_COUNTRY; step < SB_ONBOARDING_STEP_REVIEW; step++)
    {
      const char * const *fields = sb_onboarding_step_get_fields (step);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      GtkWidget *edit;

      adw_preferences_group_set_title (group, sb_onboarding_step_get_title (step));
      edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (edit, "flat");
      /* Translators: tooltip of a button next to a step's summary. */
      gtk_widget_set_tooltip_text (edit, _("Change"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, sb_onboarding_step_get_title (step),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Change"),
                                      -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "onboarding.go-to-step");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", sb_onboarding_step_to_string (step));
      adw_preferences_group_set_header_suffix (group, edit);

      for (guint i = 0; fields[i] != NULL; i++)
        {
          const char *title = NULL;
          g_autofree char *value = NULL;
          GtkWidget *row;

          if (!sb_onboarding_field_applies (model, fields[i]))
            continue;
          value = describe_field (self, model, fields[i], &title);
          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL && *value != '\0' ? value : "—");
          adw_preferences_group_add (group, row);
        }
      adw_preferences_page_add (self->page, group);
      g_ptr_array_add (self->groups, group);
    }
}

static void
step_changed_cb (SbOnboardingReviewPage *self)
{
  SbOnboarding *model = sb_onboarding_page_get_model (SB_ONBOARDING_PAGE (self));

  if (model != NULL && sb_onboarding_get_step (model) == SB_ONBOARDING_STEP_REVIEW)
    rebuild (self);
}

static void
sb_onboarding_review_page_bind (SbOnboardingPage *page,
                                SbOnboarding     *model)
{
  SbOnboardingReviewPage *self = SB_ONBOARDING_REVIEW_PAGE (page);

  if (model != NULL)
    g_signal_connect_object (model, "notify::step", G_CALLBACK (step_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);
}

static void
sb_onboarding_review_page_dispose (GObject *object)
{
  SbOnboardingReviewPage *self = SB_ONBOARDING_REVIEW_PAGE (object);

  sb_onboarding_page_set_model (SB_ONBOARDING_PAGE (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_ONBOARDING_REVIEW_PAGE);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->carriers, g_ptr_array_unref);
  self->page = NULL;

  G_OBJECT_CLASS (sb_onboarding_review_page_parent_class)->dispose (object);
}

static void
sb_onboarding_review_page_class_init (SbOnboardingReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SbOnboardingPageClass *page_class = SB_ONBOARDING_PAGE_CLASS (klass);

  object_class->dispose = sb_onboarding_review_page_dispose;
  page_class->bind = sb_onboarding_review_page_bind;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-onboarding-review-page.ui");
}

static void
sb_onboarding_review_page_init (SbOnboardingReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: the bin unparents its child itself. */
  self->page = ADW_PREFERENCES_PAGE (adw_bin_get_child (ADW_BIN (self)));
  self->groups = g_ptr_array_new ();
}

/**
 * sb_onboarding_review_page_set_carriers:
 * @carriers: (nullable) (element-type SbCarrier): the carriers reference,
 *   to show the chosen carriers by name
 */
void
sb_onboarding_review_page_set_carriers (SbOnboardingReviewPage *self,
                                        GPtrArray              *carriers)
{
  g_return_if_fail (SB_IS_ONBOARDING_REVIEW_PAGE (self));

  g_clear_pointer (&self->carriers, g_ptr_array_unref);
  if (carriers != NULL)
    self->carriers = g_ptr_array_ref (carriers);
  rebuild (self);
}
