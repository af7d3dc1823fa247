/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-pricing.c: the pricing rules.  The price and the shipping cost are
 * each converted once to the payout currency (rounded half away from
 * zero), the commission is the rate times that converted price (rounded
 * the same way), and the net is what is left — so the breakdown the UI
 * draws adds up exactly.  The net never decreases as the price rises (the
 * rate is below 1), which lets the inverse find the smallest sufficient
 * price by bisection over the price's minor units with the very same
 * forward computation.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-currency.h"
#include "sb-decimal.h"
#include "sb-pricing.h"

G_DEFINE_QUARK (sb-pricing-error-quark, sb_pricing_error)

G_DEFINE_BOXED_TYPE (SbPriceBreakdown, sb_price_breakdown,
                     sb_price_breakdown_copy, sb_price_breakdown_free)

SbPriceBreakdown *
sb_price_breakdown_copy (const SbPriceBreakdown *breakdown)
{
  g_return_val_if_fail (breakdown != NULL, NULL);
  return g_memdup2 (breakdown, sizeof *breakdown);
}

void
sb_price_breakdown_free (SbPriceBreakdown *breakdown)
{
  g_free (breakdown);
}

static gboolean
parse_commission (const char  *text,
                  SbDecimal   *out,
                  GError     **error)
{
  const SbDecimal one = { 1, 0 };

  if (text == NULL || !sb_decimal_parse (text, out) || sb_decimal_compare (out, &one) >= 0)
    {
      g_set_error (error, SB_PRICING_ERROR, SB_PRICING_ERROR_INVALID_COMMISSION,
                   _("The commission rate “%s” is not valid. It must be a decimal fraction from 0 up to (but not including) 1, such as 0.08."),
                   text != NULL ? text : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_currency (const char  *code,
                GError     **error)
{
  if (sb_currency_is_known (code))
    return TRUE;
  g_set_error (error, SB_MONEY_ERROR, SB_MONEY_ERROR_UNKNOWN_CURRENCY,
               _("“%s” is not a currency code. Use a three-letter ISO 4217 code such as KRW, RUB or USD."),
               code != NULL ? code : "");
  return FALSE;
}

/* Like sb_rates_convert(), but without rates when no conversion is needed. */
static gboolean
convert (SbRates        *rates,
         const SbMoney  *from,
         const char     *to,
         SbMoney        *out,
         GError        **error)
{
  if (!check_currency (from->currency, error) || !check_currency (to, error))
    return FALSE;
  if (strcmp (from->currency, to) == 0)
    {
      *out = *from;
      return TRUE;
    }
  if (rates == NULL)
    {
      g_set_error (error, SB_PRICING_ERROR, SB_PRICING_ERROR_NO_RATES,
                   _("Converting %s to %s needs exchange rates. Download the exchange rates first."),
                   from->currency, to);
      return FALSE;
    }
  return sb_rates_convert (rates, from, to, out, error);
}

static gboolean
compute_net (SbRates          *rates,
             const SbMoney    *price,
             const SbDecimal  *commission_rate,
             const SbMoney    *shipping,
             const char       *payout_currency,
             SbPriceBreakdown *out,
             GError          **error)
{
  SbPriceBreakdown result;
  gint64 commission;

  if (!convert (rates, price, payout_currency, &result.price, error) ||
      !convert (rates, shipping, payout_currency, &result.shipping, error))
    return FALSE;
  /* The rate is below 1 with at most 19 significant digits, so the
   * commission's magnitude never exceeds the price's, even for G_MININT64;
   * report rather than abort should that ever change. */
  if (!sb_decimal_mul_div (result.price.minor, commission_rate->mantissa, 1,
                           -(int) commission_rate->scale, &commission))
    {
      g_set_error_literal (error, SB_MONEY_ERROR, SB_MONEY_ERROR_OVERFLOW,
                           _("The result is too large to represent. Check the amounts for a typing mistake."));
      return FALSE;
    }
  sb_money_init (&result.commission, commission, payout_currency);
  if (!sb_money_subtract (&result.price, &result.commission, &result.net, error) ||
      !sb_money_subtract (&result.net, &result.shipping, &result.net, error))
    return FALSE;
  *out = result;
  return TRUE;
}

/**
 * sb_pricing_compute_net:
 * @rates: (nullable): exchange rates; needed only when the price's or the
 *   shipping cost's currency is not @payout_currency
 * @price: the variant's price, in its own currency
 * @commission_rate: the category's commission as a decimal fraction,
 *   e.g. "0.08" (from the categories reference, exactly as sent)
 * @shipping: the chosen carrier's charge to the destination, in any currency
 * @payout_currency: the seller's payout currency (KRW, RUB or USD)
 * @out: (out caller-allocates): the breakdown, all in @payout_currency
 *
 * The price and the shipping cost are converted to @payout_currency, each
 * rounded once; the commission is @commission_rate times the converted
 * price, rounded half away from zero; the net is the converted price minus
 * the commission minus the shipping, and may be negative.
 *
 * Returns: %FALSE with @error set when the rate is not valid, a currency
 *   is unknown or lacks a rate, or an amount overflows
 */
gboolean
sb_pricing_compute_net (SbRates           *rates,
                        const SbMoney     *price,
                        const char        *commission_rate,
                        const SbMoney     *shipping,
                        const char        *payout_currency,
                        SbPriceBreakdown  *out,
                        GError           **error)
{
  SbDecimal rate;

  g_return_val_if_fail (rates == NULL || SB_IS_RATES (rates), FALSE);
  g_return_val_if_fail (price != NULL && shipping != NULL && out != NULL, FALSE);

  if (!parse_commission (commission_rate, &rate, error))
    return FALSE;
  return compute_net (rates, price, &rate, shipping, payout_currency, out, error);
}

static gboolean
is_overflow (const GError *error)
{
  return g_error_matches (error, SB_RATES_ERROR, SB_RATES_ERROR_OVERFLOW) ||
         g_error_matches (error, SB_MONEY_ERROR, SB_MONEY_ERROR_OVERFLOW);
}

/* Whether @price_minor nets at least @target.  An overflowing computation
 * means a price far beyond any 64-bit target, so it counts as enough;
 * the caller still checks that the answer itself computes. */
static gboolean
nets_at_least (SbRates          *rates,
               gint64            price_minor,
               const char       *price_currency,
               const SbDecimal  *rate,
               const SbMoney    *shipping,
               const SbMoney    *target,
               gboolean         *enough,
               GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  SbPriceBreakdown breakdown;
  SbMoney price;

  sb_money_init (&price, price_minor, price_currency);
  if (!compute_net (rates, &price, rate, shipping, target->currency, &breakdown, &local_error))
    {
      if (!is_overflow (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      *enough = TRUE;
      return TRUE;
    }
  *enough = breakdown.net.minor >= target->minor;
  return TRUE;
}

/**
 * sb_pricing_price_for_net:
 * @rates: (nullable): exchange rates; needed only when currencies differ
 * @net: the net payout wanted, in the payout currency
 * @price_currency: the currency to price the variant in
 * @commission_rate: the category's commission, e.g. "0.08"
 * @shipping: the carrier's charge, in any currency
 * @out_price: (out caller-allocates): the smallest price, in minor units of
 *   @price_currency and at least one minor unit, whose sb_pricing_compute_net()
 *   net is at least @net
 *
 * Returns: %FALSE with @error set when the inputs are not valid or no
 *   64-bit price reaches @net
 */
gboolean
sb_pricing_price_for_net (SbRates        *rates,
                          const SbMoney  *net,
                          const char     *price_currency,
                          const char     *commission_rate,
                          const SbMoney  *shipping,
                          SbMoney        *out_price,
                          GError        **error)
{
  SbPriceBreakdown check;
  SbDecimal rate;
  SbMoney price;
  gint64 low = 1, high = G_MAXINT64;
  gboolean enough = FALSE;

  g_return_val_if_fail (rates == NULL || SB_IS_RATES (rates), FALSE);
  g_return_val_if_fail (net != NULL && shipping != NULL && out_price != NULL, FALSE);

  if (!parse_commission (commission_rate, &rate, error) ||
      !check_currency (price_currency, error))
    return FALSE;

  /* The lowest price a listing can have. */
  if (!nets_at_least (rates, low, price_currency, &rate, shipping, net, &enough, error))
    return FALSE;
  if (!enough)
    {
      if (!nets_at_least (rates, high, price_currency, &rate, shipping, net, &enough, error))
        return FALSE;
      if (!enough)
        goto out_of_range;
      /* nets(low) is false and nets(high) true; the net never decreases as
       * the price rises, so bisect to the boundary. */
      while (high - low > 1)
        {
          gint64 middle = low + (high - low) / 2;

          if (!nets_at_least (rates, middle, price_currency, &rate, shipping, net, &enough, error))
            return FALSE;
          if (enough)
            high = middle;
          else
            low = middle;
        }
      low = high;
    }

  sb_money_init (&price, low, price_currency);
  if (!compute_net (rates, &price, &rate, shipping, net->currency, &check, NULL))
    goto out_of_range;
  *out_price = price;
  return TRUE;

out_of_range:
  {
    g_autofree char *amount = sb_money_to_decimal (net);

    g_set_error (error, SB_PRICING_ERROR, SB_PRICING_ERROR_OUT_OF_RANGE,
                 /* Translators: "No price in KRW nets 12900 USD; the amount is too large." */
                 _("No price in %s nets %s %s; the amount is too large."),
                 price_currency, amount, net->currency);
  }
  return FALSE;
}

/**
 * sb_pricing_listing_price_usd:
 * @rates: exchange rates
 * @price: the variant's price
 * @out: (out caller-allocates): @price in USD, rounded half away from zero
 *   to the cent — what buyers abroad see
 *
 * Returns: %FALSE with @error set when the conversion fails
 */
gboolean
sb_pricing_listing_price_usd (SbRates        *rates,
                              const SbMoney  *price,
                              SbMoney        *out,
                              GError        **error)
{
  g_return_val_if_fail (rates == NULL || SB_IS_RATES (rates), FALSE);
  g_return_val_if_fail (price != NULL && out != NULL, FALSE);
  return convert (rates, price, "USD", out, error);
}

/**
 * sb_pricing_change_is_large:
 * @old_minor: the price the marketplace has now, in minor units
 * @new_minor: the price about to be sent, in the same currency
 *
 * Marketplaces quarantine a listing whose price jumps by more than 50%
 * (Ozon), so the seller is warned first.  The change is measured against
 * the old price: more than 50% up (100 → 151) or more than 50% down
 * (100 → 49) is large; exactly 50% (100 → 150, 100 → 50) is not.
 *
 * An old price of zero or less is no price at all — a listing the
 * marketplace has never accepted (it requires prices above zero) — so
 * there is nothing to quarantine and the answer is %FALSE whatever the
 * new price.  A new price of zero or less from a positive one is a drop
 * of 100% or more and is large.
 *
 * Returns: %TRUE when the seller should be warned
 */
gboolean
sb_pricing_change_is_large (gint64 old_minor,
                            gint64 new_minor)
{
  __int128 change;

  if (old_minor <= 0)
    return FALSE;
  change = (__int128) new_minor - (__int128) old_minor;
  if (change < 0)
    change = -change;
  return change * 2 > (__int128) old_minor;
}
