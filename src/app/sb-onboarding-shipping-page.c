/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-shipping-page.c: the shipping step of the onboarding
 * wizard.  The seller says where parcels leave from and ticks the default
 * carriers, each shown with what a typical 500 g parcel costs and how long
 * it takes to the main destination.  The carriers come from the
 * marketplace's reference (GET /v1/reference/carriers), read first from
 * the store's cache so the step works offline, then refreshed with the
 * key entered on the previous step; the quotes come from the contract's
 * quote rule in core, never computed here.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-api-client.h"
#include "sb-carrier.h"
#include "sb-money.h"
#include "sb-onboarding-shipping-page.h"
#include "sb-shipping.h"

struct _SbOnboardingShippingPage
{
  SbOnboardingPage     parent_instance;

  /* Template widgets */
  AdwComboRow         *shipping_origin_row;
  AdwPreferencesGroup *carriers_group;
  AdwActionRow        *status_row;
  GtkSpinner          *spinner;
  GtkButton           *retry_button;

  /* Borrowed references */
  SbStore             *store;        /* (nullable) */

  /* Owned references */
  SbCredentials       *credentials;  /* (nullable) */
  GPtrArray           *carriers;     /* (element-type SbCarrier) (nullable) */
  GPtrArray           *rows;         /* (element-type GtkWidget) carrier rows */
  GCancellable        *cancellable;
  char                *origin;       /* of @carriers */
  gboolean             syncing;
};

G_DEFINE_FINAL_TYPE (SbOnboardingShippingPage, sb_onboarding_shipping_page, SB_TYPE_ONBOARDING_PAGE)

static const char * const origin_codes[] = { "KR", "RU", NULL };

/* The typical parcel the step quotes: 500 g in a 20 × 15 × 5 cm box. */
static const SbParcel typical_parcel = {
  .weight_g = 500,
  .length_mm = 200,
  .width_mm = 150,
  .height_mm = 50,
  .batteries = SB_BATTERIES_NONE,
  .liquids = FALSE,
};

static const char *
country_name (const char *code)
{
  if (g_strcmp0 (code, "KR") == 0)
    return _("South Korea");
  if (g_strcmp0 (code, "RU") == 0)
    return _("Russia");
  if (g_strcmp0 (code, "KZ") == 0)
    return _("Kazakhstan");
  if (g_strcmp0 (code, "BY") == 0)
    return _("Belarus");
  if (g_strcmp0 (code, "CN") == 0)
    return _("China");
  return code;
}

static char *
describe_quote (const SbCarrier *carrier,
                const char      *origin)
{
  /* Parcels from Korea mostly go to Russia and the other way round. */
  const char *main_destination = g_strcmp0 (origin, "KR") == 0 ? "RU" : "KR";
  g_auto(SbQuote) quote = { 0 };
  g_autofree char *amount = NULL;
  g_autofree char *days = NULL;
  SbMoney price;

  if (sb_carrier_find_zone (carrier, main_destination) == NULL && carrier->zones->len > 0)
    {
      const SbCarrierZone *zone = g_ptr_array_index (carrier->zones, 0);

      if (zone->destinations != NULL && zone->destinations[0] != NULL)
        main_destination = zone->destinations[0];
    }
  if (!sb_shipping_quote (carrier, &typical_parcel, main_destination, &quote) || !quote.has_price)
    {
      char *reason = sb_quote_dup_reason (&quote);

      return reason != NULL ? reason : g_strdup (_("Does not take a typical 500 g parcel."));
    }
  sb_money_init (&price, quote.price_minor, quote.currency);
  amount = sb_money_format (&price, NULL);
  if (quote.days_min == quote.days_max)
    days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", quote.days_max),
                            quote.days_max);
  else
    /* Translators: a delivery time, e.g. "7–15 days". */
    days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u–%u day", "%u–%u days", quote.days_max),
                            quote.days_min, quote.days_max);
  /* Translators: "₩5,900, 7–15 days to Russia for a 500 g parcel". */
  return g_strdup_printf (_("%s, %s to %s for a 500 g parcel"),
                          amount, days, country_name (main_destination));
}

static void
set_status (SbOnboardingShippingPage *self,
            const char               *message,
            gboolean                  busy,
            gboolean                  can_retry)
{
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), message != NULL);
  if (message != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), message);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), can_retry);
}

static void
sync_checks (SbOnboardingShippingPage *self)
{
  SbOnboarding *model = sb_onboarding_page_get_model (SB_ONBOARDING_PAGE (self));

  if (model == NULL)
    return;
  self->syncing = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "sb-check");
      const char *id = g_object_get_data (G_OBJECT (row), "sb-carrier-id");

      gtk_check_button_set_active (check, sb_onboarding_has_carrier (model, id));
    }
  self->syncing = FALSE;
}

static void
check_toggled_cb (GtkCheckButton           *check,
                  SbOnboardingShippingPage *self)
{
  SbOnboarding *model = sb_onboarding_page_get_model (SB_ONBOARDING_PAGE (self));

  if (model == NULL || self->syncing)
    return;
  sb_onboarding_set_carrier (model, g_object_get_data (G_OBJECT (check), "sb-carrier-id"),
                             gtk_check_button_get_active (check));
}

static void
show_carriers (SbOnboardingShippingPage *self,
               GPtrArray                *carriers,
               const char               *origin)
{
  SbOnboarding *model = sb_onboarding_page_get_model (SB_ONBOARDING_PAGE (self));
  g_autoptr(GStrvBuilder) known = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->carriers_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->carriers, g_ptr_array_unref);
  g_free (self->origin);
  self->origin = g_strdup (origin);
  if (carriers == NULL)
    return;
  self->carriers = g_ptr_array_ref (carriers);

  for (guint i = 0; i < carriers->len; i++)
    {
      const SbCarrier *carrier = g_ptr_array_index (carriers, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *check;

      if (g_strcmp0 (carrier->origin, origin) != 0)
        continue;
      subtitle = describe_quote (carrier, origin);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), carrier->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, carrier->name,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                      -1);
      g_object_set_data_full (G_OBJECT (check), "sb-carrier-id", g_strdup (carrier->id), g_free);
      g_object_set_data_full (G_OBJECT (row), "sb-carrier-id", g_strdup (carrier->id), g_free);
      g_object_set_data (G_OBJECT (row), "sb-check", check);
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->carriers_group, row);
      g_ptr_array_add (self->rows, row);
      g_strv_builder_add (known, carrier->id);
    }

  /* Drop chosen carriers the marketplace no longer offers. */
  if (model != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) ids = g_strv_builder_end (known);
      const char * const *chosen = sb_onboarding_get_carrier_ids (model);

      for (guint i = 0; chosen[i] != NULL; i++)
        if (g_strv_contains ((const char * const *) ids, chosen[i]))
          g_strv_builder_add (builder, chosen[i]);
      kept = g_strv_builder_end (builder);
      sb_onboarding_set_carrier_ids (model, (const char * const *) kept);
    }
  sync_checks (self);
  if (self->rows->len == 0)
    set_status (self, _("The marketplace offers no carriers from this country yet."), FALSE, TRUE);
}

static char *
reference_kind (const char *origin)
{
  return g_strdup_printf ("carriers:%s", origin);
}

static void
carriers_fetched_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SbOnboardingShippingPage) self = user_data;
  g_autoptr(SbApiReference) reference = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) carriers = NULL;
  const char *origin = g_object_get_data (object, "sb-origin");

  reference = sb_api_client_get_carriers_finish (SB_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reference == NULL)
    {
      if (self->rows->len > 0)
        set_status (self, NULL, FALSE, FALSE);
      else
        {
          g_autofree char *message =
            g_strdup_printf (_("The carriers cannot be loaded: %s"), error->message);

          set_status (self, message, FALSE, TRUE);
        }
      return;
    }
  set_status (self, NULL, FALSE, FALSE);
  if (reference->not_modified || reference->root == NULL)
    return;
  carriers = sb_carrier_list_new_from_json (reference->root, &error);
  if (carriers == NULL)
    {
      set_status (self, error->message, FALSE, TRUE);
      return;
    }
  if (self->store != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GBytes) body = NULL;
      g_autofree char *kind = reference_kind (origin);
      g_autofree char *text = NULL;
      gsize length;

      json_generator_set_root (generator, reference->root);
      text = json_generator_to_data (generator, &length);
      body = g_bytes_new_take (g_steal_pointer (&text), length);
      if (!sb_store_put_reference (self->store, kind, body, reference->etag, now, &error))
        g_warning ("Cannot cache the carriers: %s", error->message);
    }
  show_carriers (self, carriers, origin);
}

static void
reload (SbOnboardingShippingPage *self)
{
  SbOnboarding *model = sb_onboarding_page_get_model (SB_ONBOARDING_PAGE (self));
  g_autofree char *etag = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbApiClient) client = NULL;
  const char *origin;

  if (model == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  origin = sb_onboarding_get_text (model, "shipping-origin");

  /* The cached copy first, so that the step works offline. */
  if (self->store != NULL)
    {
      g_autofree char *kind = reference_kind (origin);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GPtrArray) carriers = NULL;

      if (sb_store_get_reference (self->store, kind, &body, &etag, NULL, NULL) && body != NULL)
        carriers = sb_carrier_list_new_from_data (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL);
      if (carriers == NULL)
        g_clear_pointer (&etag, g_free);
      show_carriers (self, carriers, origin);
    }
  else
    show_carriers (self, NULL, origin);

  if (self->credentials == NULL)
    {
      if (self->rows->len == 0)
        set_status (self, _("Connect to the marketplace on the previous step to see its carriers."), FALSE, FALSE);
      return;
    }
  client = sb_api_client_new (self->credentials->endpoint, self->credentials->key_id,
                              self->credentials->secret, &error);
  if (client == NULL)
    {
      set_status (self, error->message, FALSE, TRUE);
      return;
    }
  sb_api_client_set_timeout (client, 20000);
  g_object_set_data_full (G_OBJECT (client), "sb-origin", g_strdup (origin), g_free);
  if (self->rows->len == 0)
    set_status (self, _("Loading the marketplace’s carriers…"), TRUE, FALSE);
  sb_api_client_get_carriers_async (client, origin, etag, self->cancellable,
                                    carriers_fetched_cb, g_object_ref (self));
}

static void
retry_clicked_cb (SbOnboardingShippingPage *self)
{
  reload (self);
}

static void
origin_changed_cb (SbOnboardingShippingPage *self)
{
  SbOnboarding *model = sb_onboarding_page_get_model (SB_ONBOARDING_PAGE (self));

  if (model != NULL && g_strcmp0 (self->origin, sb_onboarding_get_text (model, "shipping-origin")) != 0 &&
      self->origin != NULL)
    reload (self);
}

static void
sb_onboarding_shipping_page_bind (SbOnboardingPage *page,
                                  SbOnboarding     *model)
{
  SbOnboardingShippingPage *self = SB_ONBOARDING_SHIPPING_PAGE (page);

  if (model == NULL)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }
  sb_onboarding_page_bind_combo (page, "shipping-origin", self->shipping_origin_row, origin_codes);
  sb_onboarding_page_add_field (page, "carrier-ids", GTK_WIDGET (self->carriers_group));
  g_signal_connect_object (model, "notify::carrier-ids", G_CALLBACK (sync_checks), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notify::shipping-origin", G_CALLBACK (origin_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
sb_onboarding_shipping_page_dispose (GObject *object)
{
  SbOnboardingShippingPage *self = SB_ONBOARDING_SHIPPING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  sb_onboarding_page_set_model (SB_ONBOARDING_PAGE (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_ONBOARDING_SHIPPING_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->credentials, sb_credentials_free);
  g_clear_pointer (&self->carriers, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->origin, g_free);
  self->store = NULL;

  G_OBJECT_CLASS (sb_onboarding_shipping_page_parent_class)->dispose (object);
}

static void
sb_onboarding_shipping_page_class_init (SbOnboardingShippingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SbOnboardingPageClass *page_class = SB_ONBOARDING_PAGE_CLASS (klass);

  object_class->dispose = sb_onboarding_shipping_page_dispose;
  page_class->bind = sb_onboarding_shipping_page_bind;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-onboarding-shipping-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingShippingPage, shipping_origin_row);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingShippingPage, carriers_group);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingShippingPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingShippingPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingShippingPage, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
sb_onboarding_shipping_page_init (SbOnboardingShippingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

/**
 * sb_onboarding_shipping_page_load:
 * @store: (nullable): where the carrier reference is cached
 * @credentials: (nullable): the connection entered on the previous step
 *
 * Shows the carriers from the cache at once and refreshes them from the
 * marketplace in the background.
 */
void
sb_onboarding_shipping_page_load (SbOnboardingShippingPage *self,
                                  SbStore                  *store,
                                  SbCredentials            *credentials)
{
  g_return_if_fail (SB_IS_ONBOARDING_SHIPPING_PAGE (self));

  self->store = store;
  g_clear_pointer (&self->credentials, sb_credentials_free);
  self->credentials = credentials != NULL ? sb_credentials_copy (credentials) : NULL;
  reload (self);
}

/**
 * sb_onboarding_shipping_page_get_carriers:
 *
 * Returns: (transfer none) (nullable) (element-type SbCarrier): the
 *   carriers shown
 */
GPtrArray *
sb_onboarding_shipping_page_get_carriers (SbOnboardingShippingPage *self)
{
  g_return_val_if_fail (SB_IS_ONBOARDING_SHIPPING_PAGE (self), NULL);
  return self->carriers;
}
