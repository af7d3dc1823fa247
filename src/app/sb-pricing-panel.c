/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-pricing-panel.c: the pricing panel of the product editor.  From the
 * price in the home currency and the cached exchange rates it shows the
 * listing price in US dollars and in buyers' currencies, with the rates'
 * as-of time and a warning when they are older than 24 hours; for a
 * destination the seller picks it shows what the seller nets after the
 * category's commission and the cheapest chosen carrier's charge — as a
 * bar as well as numbers — and the price needed to net a given amount.
 * All arithmetic is sb-pricing's, on integer minor units.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-currency.h"
#include "sb-format.h"
#include "sb-pricing-panel.h"

struct _SbPricingPanel
{
  AdwPreferencesGroup parent_instance;

  /* Widgets */
  GtkWidget        *usd_row;
  GtkWidget        *buyers_row;
  GtkWidget        *rates_row;
  GtkWidget        *rates_warning;
  GtkWidget        *destination_row;
  GtkStringList    *destinations;
  GtkWidget        *net_row;
  GtkWidget        *bar;
  GtkWidget        *legend;
  GtkWidget        *target_row;
  GtkWidget        *target_result;

  /* Owned references */
  SbRates          *rates;
  GPtrArray        *carriers;      /* (element-type SbCarrier) */
  GPtrArray        *chosen;        /* (element-type utf8) */
  char             *commission;
  GHashTable       *texts;         /* what → shown text, for tests */

  SbMoney           price;
  char              payout[4];
  SbParcel          parcel;
  gboolean          has_breakdown;
  SbPriceBreakdown  breakdown;
};

G_DEFINE_FINAL_TYPE (SbPricingPanel, sb_pricing_panel, ADW_TYPE_PREFERENCES_GROUP)

static void
remember (SbPricingPanel *self,
          const char     *what,
          const char     *text)
{
  g_hash_table_replace (self->texts, g_strdup (what), g_strdup (text != NULL ? text : ""));
}

static void
set_subtitle (SbPricingPanel *self,
              GtkWidget      *row,
              const char     *what,
              const char     *text)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  remember (self, what, text);
}

static char *
money_text (const SbMoney *money)
{
  return sb_format_money (money->minor, money->currency);
}

/* The cheapest chosen carrier (or any carrier, when none is chosen) that
 * takes the parcel to @destination. */
static gboolean
shipping_to (SbPricingPanel *self,
             const char     *destination,
             SbMoney        *out,
             char          **out_carrier)
{
  gboolean found = FALSE;

  for (int pass = 0; pass < 2 && !found; pass++)
    for (guint i = 0; self->carriers != NULL && i < self->carriers->len; i++)
      {
        const SbCarrier *carrier = g_ptr_array_index (self->carriers, i);
        g_auto(SbQuote) quote = { 0 };
        gboolean is_chosen = FALSE;

        for (guint j = 0; self->chosen != NULL && j < self->chosen->len; j++)
          is_chosen |= g_strcmp0 (g_ptr_array_index (self->chosen, j), carrier->id) == 0;
        if (pass == 0 && !is_chosen)
          continue;
        if (!sb_shipping_quote (carrier, &self->parcel, destination, &quote) || !quote.has_price)
          continue;
        if (found && g_strcmp0 (out->currency, quote.currency) == 0 && out->minor <= quote.price_minor)
          continue;
        sb_money_init (out, quote.price_minor, quote.currency);
        g_free (*out_carrier);
        *out_carrier = g_strdup (carrier->name);
        found = TRUE;
      }
  return found;
}

static void
bar_draw_cb (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  SbPricingPanel *self = user_data;
  const SbPriceBreakdown *b = &self->breakdown;
  gint64 parts[3], total = 0;
  static const double colors[3][3] = {
    { 0.18, 0.76, 0.49 },   /* net: green */
    { 1.00, 0.47, 0.00 },   /* commission: orange */
    { 0.21, 0.52, 0.89 },   /* shipping: blue */
  };
  double x = 0;

  if (!self->has_breakdown)
    return;
  parts[0] = MAX (b->net.minor, 0);
  parts[1] = MAX (b->commission.minor, 0);
  parts[2] = MAX (b->shipping.minor, 0);
  for (guint i = 0; i < 3; i++)
    total += parts[i];
  if (total <= 0)
    return;
  for (guint i = 0; i < 3; i++)
    {
      /* Drawing only: the fraction of the bar, not money. */
      double w = width * ((double) parts[i] / (double) total);

      cairo_set_source_rgb (cr, colors[i][0], colors[i][1], colors[i][2]);
      cairo_rectangle (cr, x, 0, w, height);
      cairo_fill (cr);
      x += w;
    }
  if (b->net.minor < 0)
    {
      cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
      cairo_set_line_width (cr, 3);
      cairo_rectangle (cr, 1.5, 1.5, width - 3, height - 3);
      cairo_stroke (cr);
    }
}

static void
update_target (SbPricingPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->target_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *carrier = NULL;
  SbMoney net, shipping, price;
  const char *destination = NULL;
  guint selected;

  if (text[0] == '\0' || self->payout[0] == '\0')
    {
      gtk_label_set_text (GTK_LABEL (self->target_result), "");
      remember (self, "target", "");
      return;
    }
  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->destination_row));
  if (selected != GTK_INVALID_LIST_POSITION)
    destination = gtk_string_list_get_string (self->destinations, selected);
  net.currency[0] = '\0';
  if (!sb_currency_parse_decimal (text, self->payout, &net.minor, &error))
    shown = g_strdup (error->message);
  else
    {
      memcpy (net.currency, self->payout, sizeof net.currency);
      if (destination == NULL || !shipping_to (self, destination, &shipping, &carrier))
        sb_money_init (&shipping, 0, self->payout);
      if (!sb_pricing_price_for_net (self->rates, &net, self->price.currency[0] != '\0'
                                                        ? self->price.currency : self->payout,
                                     self->commission != NULL ? self->commission : "0",
                                     &shipping, &price, &error))
        shown = g_strdup (error->message);
      else
        {
          g_autofree char *amount = money_text (&price);

          /* Translators: %s is the price to list at. */
          shown = g_strdup_printf (_("List at %s"), amount);
        }
    }
  gtk_label_set_text (GTK_LABEL (self->target_result), shown);
  remember (self, "target", shown);
}

static void
update (SbPricingPanel *self)
{
  g_autoptr(GString) buyers = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *usd_text = NULL;
  g_autofree char *carrier = NULL;
  const char *destination = NULL;
  SbMoney usd, shipping;
  guint selected;
  gboolean has_price = self->price.currency[0] != '\0' && self->price.minor > 0;

  /* Rates */
  if (self->rates == NULL)
    {
      set_subtitle (self, self->rates_row, "rates",
                    _("No exchange rates yet: sync once while online."));
      gtk_widget_set_visible (self->rates_warning, FALSE);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) local = g_date_time_to_local (sb_rates_get_as_of (self->rates));
      g_autofree char *when = g_date_time_format (local, "%x %H:%M");
      g_autofree char *text = NULL;
      gboolean stale = sb_rates_is_stale (self->rates, now);

      if (stale)
        /* Translators: %s is a date and time. */
        text = g_strdup_printf (_("As of %s — more than 24 hours old. Sync to get today's rates."), when);
      else
        /* Translators: %s is a date and time. */
        text = g_strdup_printf (_("As of %s"), when);
      set_subtitle (self, self->rates_row, "rates", text);
      gtk_widget_set_visible (self->rates_warning, stale);
      remember (self, "rates-stale", stale ? "yes" : "no");
    }

  /* Listing prices */
  if (!has_price)
    usd_text = g_strdup (_("Enter a price for the first variant."));
  else if (!sb_pricing_listing_price_usd (self->rates, &self->price, &usd, &error))
    usd_text = g_strdup (error->message);
  else
    usd_text = money_text (&usd);
  set_subtitle (self, self->usd_row, "usd", usd_text);
  g_clear_error (&error);

  if (has_price && self->rates != NULL)
    {
      g_auto(GStrv) codes = sb_rates_dup_codes (self->rates);

      for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
        {
          SbMoney converted;

          if (g_str_equal (codes[i], "USD") || g_str_equal (codes[i], self->price.currency))
            continue;
          if (sb_rates_convert (self->rates, &self->price, codes[i], &converted, NULL))
            {
              g_autofree char *amount = money_text (&converted);

              if (buyers->len > 0)
                g_string_append (buyers, " · ");
              g_string_append (buyers, amount);
            }
        }
    }
  set_subtitle (self, self->buyers_row, "buyers", buyers->len > 0 ? buyers->str : "—");

  /* Net for the destination */
  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->destination_row));
  if (selected != GTK_INVALID_LIST_POSITION)
    destination = gtk_string_list_get_string (self->destinations, selected);
  self->has_breakdown = FALSE;
  if (!has_price || self->payout[0] == '\0')
    set_subtitle (self, self->net_row, "net", _("Enter a price to see what you receive."));
  else if (destination == NULL || !shipping_to (self, destination, &shipping, &carrier))
    set_subtitle (self, self->net_row, "net",
                  _("No chosen carrier delivers this package there. Choose carriers in Shipping below."));
  else if (!sb_pricing_compute_net (self->rates, &self->price,
                                    self->commission != NULL ? self->commission : "0",
                                    &shipping, self->payout, &self->breakdown, &error))
    set_subtitle (self, self->net_row, "net", error->message);
  else
    {
      g_autofree char *net = money_text (&self->breakdown.net);
      g_autofree char *commission = money_text (&self->breakdown.commission);
      g_autofree char *ship = money_text (&self->breakdown.shipping);
      g_autofree char *title = NULL;
      g_autofree char *legend = NULL;

      self->has_breakdown = TRUE;
      /* Translators: %s is an amount of money. */
      title = g_strdup_printf (_("You receive %s"), net);
      set_subtitle (self, self->net_row, "net", title);
      /* Translators: the legend of the bar; each %s is an amount, the
       * last %s the carrier's name. */
      legend = g_strdup_printf (_("<span foreground=\"#2ec27e\">■</span> You receive %s   "
                                  "<span foreground=\"#ff7800\">■</span> Commission %s   "
                                  "<span foreground=\"#3584e4\">■</span> Shipping %s (%s)"),
                                net, commission, ship, carrier);
      gtk_label_set_markup (GTK_LABEL (self->legend), legend);
      remember (self, "legend", gtk_label_get_text (GTK_LABEL (self->legend)));
    }
  gtk_widget_set_visible (self->bar, self->has_breakdown);
  gtk_widget_set_visible (self->legend, self->has_breakdown);
  gtk_widget_queue_draw (self->bar);
  update_target (self);
}

static void
destination_changed_cb (SbPricingPanel *self)
{
  update (self);
}

static void
sb_pricing_panel_dispose (GObject *object)
{
  SbPricingPanel *self = SB_PRICING_PANEL (object);

  g_clear_object (&self->rates);
  g_clear_pointer (&self->carriers, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, g_ptr_array_unref);
  g_clear_pointer (&self->commission, g_free);
  g_clear_pointer (&self->texts, g_hash_table_unref);

  G_OBJECT_CLASS (sb_pricing_panel_parent_class)->dispose (object);
}

static void
sb_pricing_panel_class_init (SbPricingPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sb_pricing_panel_dispose;
}

static GtkWidget *
info_row (SbPricingPanel *self,
          const char     *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  return row;
}

static void
sb_pricing_panel_init (SbPricingPanel *self)
{
  GtkWidget *box;

  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Pricing"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("The first variant's price as buyers see it, and what you receive."));

  self->usd_row = info_row (self, _("Listing price in US dollars"));
  self->buyers_row = info_row (self, _("In buyers' currencies"));
  self->rates_row = info_row (self, _("Exchange rates"));
  self->rates_warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (self->rates_warning, "warning");
  gtk_widget_set_tooltip_text (self->rates_warning, _("The exchange rates are more than 24 hours old"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->rates_row), self->rates_warning);

  self->destinations = gtk_string_list_new (NULL);
  self->destination_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->destination_row), _("_Ship to"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->destination_row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->destination_row), G_LIST_MODEL (self->destinations));
  g_object_unref (self->destinations);
  g_signal_connect_object (self->destination_row, "notify::selected",
                           G_CALLBACK (destination_changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->destination_row);

  self->net_row = info_row (self, _("After commission and shipping"));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 6);
  self->bar = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->bar), 16);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->bar), bar_draw_cb, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("How the price divides into what you receive, commission and shipping"), -1);
  self->legend = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->legend), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->legend), 0);
  gtk_widget_add_css_class (self->legend, "caption");
  gtk_box_append (GTK_BOX (box), self->bar);
  gtk_box_append (GTK_BOX (box), self->legend);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), box);

  self->target_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->target_row), _("_Price to receive"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->target_row), TRUE);
  self->target_result = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->target_result, "dim-label");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->target_row), self->target_result);
  g_signal_connect_object (self->target_row, "changed", G_CALLBACK (update_target), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->target_row);

  update (self);
}

GtkWidget *
sb_pricing_panel_new (void)
{
  return g_object_new (SB_TYPE_PRICING_PANEL, NULL);
}

void
sb_pricing_panel_set_rates (SbPricingPanel *self,
                            SbRates        *rates)
{
  g_return_if_fail (SB_IS_PRICING_PANEL (self));

  g_set_object (&self->rates, rates);
  update (self);
}

/**
 * sb_pricing_panel_set_price:
 * @price: (nullable): the price, or %NULL when there is none to show
 */
void
sb_pricing_panel_set_price (SbPricingPanel *self,
                            const SbMoney  *price)
{
  g_return_if_fail (SB_IS_PRICING_PANEL (self));

  if (price != NULL)
    self->price = *price;
  else
    memset (&self->price, 0, sizeof self->price);
  update (self);
}

void
sb_pricing_panel_set_payout_currency (SbPricingPanel *self,
                                      const char     *currency)
{
  g_return_if_fail (SB_IS_PRICING_PANEL (self));

  g_strlcpy (self->payout, currency != NULL ? currency : "", sizeof self->payout);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->target_row), _("_Price to receive"));
  update (self);
}

/**
 * sb_pricing_panel_set_commission:
 * @commission_rate: (nullable): the category's commission, e.g. "0.08"
 */
void
sb_pricing_panel_set_commission (SbPricingPanel *self,
                                 const char     *commission_rate)
{
  g_return_if_fail (SB_IS_PRICING_PANEL (self));

  g_free (self->commission);
  self->commission = g_strdup (commission_rate);
  update (self);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/**
 * sb_pricing_panel_set_shipping:
 * @carriers: (nullable) (element-type SbCarrier): carriers of the origin
 * @chosen_ids: (nullable) (element-type utf8): the carriers the seller
 *   ships with
 */
void
sb_pricing_panel_set_shipping (SbPricingPanel *self,
                               GPtrArray      *carriers,
                               const SbParcel *parcel,
                               GPtrArray      *chosen_ids)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autofree char *previous = NULL;
  guint selected;

  g_return_if_fail (SB_IS_PRICING_PANEL (self));

  g_clear_pointer (&self->carriers, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, g_ptr_array_unref);
  if (carriers != NULL)
    self->carriers = g_ptr_array_ref (carriers);
  if (chosen_ids != NULL)
    self->chosen = g_ptr_array_ref (chosen_ids);
  self->parcel = *parcel;

  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->destination_row));
  if (selected != GTK_INVALID_LIST_POSITION)
    previous = g_strdup (gtk_string_list_get_string (self->destinations, selected));

  for (guint i = 0; carriers != NULL && i < carriers->len; i++)
    {
      const SbCarrier *carrier = g_ptr_array_index (carriers, i);

      for (guint z = 0; z < carrier->zones->len; z++)
        {
          const SbCarrierZone *zone = g_ptr_array_index (carrier->zones, z);

          for (guint d = 0; zone->destinations != NULL && zone->destinations[d] != NULL; d++)
            if (g_hash_table_add (seen, zone->destinations[d]))
              g_ptr_array_add (codes, zone->destinations[d]);
        }
    }
  g_ptr_array_sort (codes, compare_strings);

  /* Rebuilding the list changes the selection: update once, after. */
  g_signal_handlers_block_by_func (self->destination_row, destination_changed_cb, self);
  gtk_string_list_splice (self->destinations, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->destinations)), NULL);
  for (guint i = 0; i < codes->len; i++)
    {
      gtk_string_list_append (self->destinations, g_ptr_array_index (codes, i));
      if (g_strcmp0 (previous, g_ptr_array_index (codes, i)) == 0)
        adw_combo_row_set_selected (ADW_COMBO_ROW (self->destination_row), i);
    }
  g_signal_handlers_unblock_by_func (self->destination_row, destination_changed_cb, self);
  update (self);
}

/**
 * sb_pricing_panel_set_destination:
 *
 * Returns: %TRUE when @destination is one the carriers serve
 */
gboolean
sb_pricing_panel_set_destination (SbPricingPanel *self,
                                  const char     *destination)
{
  guint n;

  g_return_val_if_fail (SB_IS_PRICING_PANEL (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->destinations));
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->destinations, i), destination) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (self->destination_row), i);
        update (self);
        return TRUE;
      }
  return FALSE;
}

/**
 * sb_pricing_panel_get_breakdown:
 *
 * Returns: %TRUE with the breakdown shown, %FALSE when none is
 */
gboolean
sb_pricing_panel_get_breakdown (SbPricingPanel   *self,
                                SbPriceBreakdown *out)
{
  g_return_val_if_fail (SB_IS_PRICING_PANEL (self), FALSE);

  if (self->has_breakdown)
    *out = self->breakdown;
  return self->has_breakdown;
}

void
sb_pricing_panel_set_target_net (SbPricingPanel *self,
                                 const char     *decimal)
{
  g_return_if_fail (SB_IS_PRICING_PANEL (self));

  gtk_editable_set_text (GTK_EDITABLE (self->target_row), decimal != NULL ? decimal : "");
  update_target (self);
}

/**
 * sb_pricing_panel_get_text:
 * @what: "usd", "buyers", "rates", "rates-stale", "net", "legend" or
 *   "target"
 *
 * Returns: (nullable): what the panel shows there
 */
const char *
sb_pricing_panel_get_text (SbPricingPanel *self,
                           const char     *what)
{
  g_return_val_if_fail (SB_IS_PRICING_PANEL (self), NULL);
  return g_hash_table_lookup (self->texts, what);
}
