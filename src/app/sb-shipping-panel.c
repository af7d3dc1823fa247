/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-shipping-panel.c: the shipping panel of the product editor.  For the
 * package being edited it lists every carrier from the seller's origin
 * (from the cached reference data) with, for each of its zones, the
 * price and delivery days — computed by sb-shipping's quote rule — or why
 * it cannot carry the package, in which case it cannot be chosen.  The
 * seller ticks the carriers to ship with and sets the handling days.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-format.h"
#include "sb-shipping-panel.h"

typedef struct
{
  char      *carrier_id;
  GtkWidget *row;
  GtkWidget *check;
  char      *text;
} CarrierRow;

struct _SbShippingPanel
{
  AdwPreferencesGroup parent_instance;

  GtkWidget  *handling_row;
  GtkWidget  *handling_spin;
  GtkWidget  *empty_row;
  GPtrArray  *rows;       /* (element-type CarrierRow) */
  GPtrArray  *carriers;   /* (element-type SbCarrier) (owned) of the origin */
  GHashTable *chosen;     /* carrier ids, kept for carriers not listed */
  SbParcel    parcel;
};

G_DEFINE_FINAL_TYPE (SbShippingPanel, sb_shipping_panel, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
carrier_row_free (gpointer data)
{
  CarrierRow *row = data;

  g_free (row->carrier_id);
  g_free (row->text);
  g_free (row);
}

static void
check_toggled_cb (GtkCheckButton  *check,
                  SbShippingPanel *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "sb-carrier-id");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->chosen, g_strdup (id));
  else
    g_hash_table_remove (self->chosen, id);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static char *
describe (const SbCarrier *carrier,
          const SbParcel  *parcel,
          gboolean        *out_takes)
{
  g_auto(SbQuote) limits = { 0 };
  GString *text = g_string_new (NULL);

  /* Without a destination only the limits are checked. */
  *out_takes = sb_shipping_quote (carrier, parcel, NULL, &limits);
  if (!*out_takes)
    {
      g_autofree char *reason = sb_quote_dup_reason (&limits);

      g_string_append (text, reason != NULL ? reason : "");
      return g_string_free (text, FALSE);
    }
  for (guint i = 0; i < carrier->zones->len; i++)
    {
      const SbCarrierZone *zone = g_ptr_array_index (carrier->zones, i);
      g_auto(SbQuote) quote = { 0 };
      g_autofree char *destinations = NULL;

      if (zone->destinations == NULL || zone->destinations[0] == NULL)
        continue;
      destinations = g_strjoinv (", ", zone->destinations);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (sb_shipping_quote (carrier, parcel, zone->destinations[0], &quote) && quote.has_price)
        {
          g_autofree char *price = sb_format_money (quote.price_minor, quote.currency);

          /* Translators: destinations, price, delivery days, e.g.
           * "RU, KZ: ₩6,600 · 7–15 days"; the plural follows the
           * larger number of days. */
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s: %s · %u–%u day",
                                                     "%s: %s · %u–%u days", quote.days_max),
                                  destinations, price, quote.days_min, quote.days_max);
        }
      else
        {
          g_autofree char *reason = sb_quote_dup_reason (&quote);

          g_string_append_printf (text, "%s: %s", destinations, reason != NULL ? reason : "");
        }
    }
  return g_string_free (text, FALSE);
}

static void
rebuild (SbShippingPanel *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                  ((CarrierRow *) g_ptr_array_index (self->rows, i))->row);
  g_ptr_array_set_size (self->rows, 0);
  if (self->empty_row != NULL)
    {
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->empty_row);
      self->empty_row = NULL;
    }
  if (gtk_widget_get_parent (self->handling_row) != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->handling_row);

  if (self->carriers == NULL || self->carriers->len == 0)
    {
      self->empty_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row),
                                     _("No carriers known yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->empty_row),
                                   _("Sync once while online to download the carriers and their prices."));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->empty_row);
    }

  for (guint i = 0; self->carriers != NULL && i < self->carriers->len; i++)
    {
      const SbCarrier *carrier = g_ptr_array_index (self->carriers, i);
      CarrierRow *row = g_new0 (CarrierRow, 1);
      gboolean takes;

      row->carrier_id = g_strdup (carrier->id);
      row->text = describe (carrier, &self->parcel, &takes);
      row->row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), carrier->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), row->text);
      row->check = gtk_check_button_new ();
      gtk_widget_set_valign (row->check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (row->check), "sb-carrier-id", g_strdup (carrier->id), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row->check),
                                   takes && g_hash_table_contains (self->chosen, carrier->id));
      gtk_widget_set_sensitive (row->check, takes);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, carrier->name, -1);
      g_signal_connect (row->check, "toggled", G_CALLBACK (check_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row->row), row->check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row->row), row->check);
      if (!takes)
        gtk_widget_add_css_class (row->row, "sb-refused");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row->row);
      g_ptr_array_add (self->rows, row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->handling_row);
}

static void
sb_shipping_panel_dispose (GObject *object)
{
  SbShippingPanel *self = SB_SHIPPING_PANEL (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->carriers, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  g_clear_object (&self->handling_row);

  G_OBJECT_CLASS (sb_shipping_panel_parent_class)->dispose (object);
}

static void
sb_shipping_panel_class_init (SbShippingPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sb_shipping_panel_dispose;

  /**
   * SbShippingPanel::changed:
   *
   * The seller chose or dropped a carrier.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sb_shipping_panel_init (SbShippingPanel *self)
{
  self->rows = g_ptr_array_new_with_free_func (carrier_row_free);
  self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Shipping"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Carriers that can take this package, with their price and delivery time to each destination. Tick the ones you ship with."));

  self->handling_row = g_object_ref_sink (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->handling_row), _("_Handling time, days"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->handling_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->handling_row),
                               _("Days between an order and handing the parcel to the carrier"));
  self->handling_spin = gtk_spin_button_new_with_range (1, 30, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->handling_spin), 3);
  gtk_widget_set_valign (self->handling_spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->handling_row), self->handling_spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->handling_row), self->handling_spin);
  rebuild (self);
}

GtkWidget *
sb_shipping_panel_new (void)
{
  return g_object_new (SB_TYPE_SHIPPING_PANEL, NULL);
}

/**
 * sb_shipping_panel_set_carriers:
 * @carriers: (nullable) (element-type SbCarrier): the cached carrier list
 * @origin: (nullable): the seller's country; other carriers are left out
 */
void
sb_shipping_panel_set_carriers (SbShippingPanel *self,
                                GPtrArray       *carriers,
                                const char      *origin)
{
  g_return_if_fail (SB_IS_SHIPPING_PANEL (self));

  g_clear_pointer (&self->carriers, g_ptr_array_unref);
  self->carriers = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_carrier_free);
  for (guint i = 0; carriers != NULL && i < carriers->len; i++)
    {
      const SbCarrier *carrier = g_ptr_array_index (carriers, i);

      if (origin == NULL || g_strcmp0 (carrier->origin, origin) == 0)
        g_ptr_array_add (self->carriers, sb_carrier_copy (carrier));
    }
  rebuild (self);
}

void
sb_shipping_panel_set_parcel (SbShippingPanel *self,
                              const SbParcel  *parcel)
{
  g_return_if_fail (SB_IS_SHIPPING_PANEL (self));

  if (memcmp (&self->parcel, parcel, sizeof *parcel) == 0)
    return;
  self->parcel = *parcel;
  rebuild (self);
}

void
sb_shipping_panel_set_chosen (SbShippingPanel *self,
                              GPtrArray       *carrier_ids,
                              guint            handling_days)
{
  g_return_if_fail (SB_IS_SHIPPING_PANEL (self));

  g_hash_table_remove_all (self->chosen);
  for (guint i = 0; carrier_ids != NULL && i < carrier_ids->len; i++)
    g_hash_table_add (self->chosen, g_strdup (g_ptr_array_index (carrier_ids, i)));
  if (handling_days > 0)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->handling_spin), handling_days);
  rebuild (self);
}

/**
 * sb_shipping_panel_dup_chosen:
 *
 * Returns: (transfer full) (element-type utf8): the chosen carrier ids
 *   that can carry the package, in the list's order
 */
GPtrArray *
sb_shipping_panel_dup_chosen (SbShippingPanel *self)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SB_IS_SHIPPING_PANEL (self), ids);

  for (guint i = 0; i < self->rows->len; i++)
    {
      CarrierRow *row = g_ptr_array_index (self->rows, i);

      if (gtk_widget_get_sensitive (row->check) &&
          gtk_check_button_get_active (GTK_CHECK_BUTTON (row->check)))
        g_ptr_array_add (ids, g_strdup (row->carrier_id));
    }
  return ids;
}

guint
sb_shipping_panel_get_handling_days (SbShippingPanel *self)
{
  g_return_val_if_fail (SB_IS_SHIPPING_PANEL (self), 0);

  gtk_spin_button_update (GTK_SPIN_BUTTON (self->handling_spin));
  return gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->handling_spin));
}

/**
 * sb_shipping_panel_get_carriers:
 *
 * Returns: (transfer none) (nullable) (element-type SbCarrier): the
 *   carriers of the seller's origin
 */
GPtrArray *
sb_shipping_panel_get_carriers (SbShippingPanel *self)
{
  g_return_val_if_fail (SB_IS_SHIPPING_PANEL (self), NULL);
  return self->carriers;
}

const SbParcel *
sb_shipping_panel_get_parcel (SbShippingPanel *self)
{
  g_return_val_if_fail (SB_IS_SHIPPING_PANEL (self), NULL);
  return &self->parcel;
}

/**
 * sb_shipping_panel_get_carrier_check:
 *
 * Returns: (transfer none) (nullable): the check button of a carrier
 */
GtkWidget *
sb_shipping_panel_get_carrier_check (SbShippingPanel *self,
                                     const char      *carrier_id)
{
  g_return_val_if_fail (SB_IS_SHIPPING_PANEL (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      CarrierRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (row->carrier_id, carrier_id) == 0)
        return row->check;
    }
  return NULL;
}

/**
 * sb_shipping_panel_get_carrier_text:
 *
 * Returns: (nullable): what the panel says of a carrier: prices and days
 *   per zone, or why it cannot carry the package
 */
const char *
sb_shipping_panel_get_carrier_text (SbShippingPanel *self,
                                    const char      *carrier_id)
{
  g_return_val_if_fail (SB_IS_SHIPPING_PANEL (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      CarrierRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (row->carrier_id, carrier_id) == 0)
        return row->text;
    }
  return NULL;
}
