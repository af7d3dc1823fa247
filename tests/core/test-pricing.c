/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-pricing.c: unit tests of the pricing rules — the net breakdown in
 * the payout currency, the smallest price that nets a target (checked
 * against the forward computation at the answer and one minor unit
 * below), the USD listing price and the large-change warning.
 */
#include "config.h"

#include "sb-pricing.h"

static const char contract_json[] =
  "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\","
  " \"rates\": {\"USD\": \"1\", \"KRW\": \"1385.20\", \"RUB\": \"92.15\", \"CNY\": \"7.2400\", \"EUR\": \"0.9210\"}}";

static SbRates *
contract_rates (void)
{
  g_autoptr(GError) error = NULL;
  SbRates *rates = sb_rates_new_from_data (contract_json, -1, &error);

  g_assert_no_error (error);
  return rates;
}

static void
assert_breakdown (SbRates    *rates,
                  gint64      price_minor,
                  const char *price_currency,
                  const char *commission_rate,
                  gint64      shipping_minor,
                  const char *shipping_currency,
                  const char *payout,
                  gint64      price,
                  gint64      commission,
                  gint64      shipping,
                  gint64      net)
{
  g_autoptr(GError) error = NULL;
  SbPriceBreakdown breakdown;
  SbMoney p, s;

  sb_money_init (&p, price_minor, price_currency);
  sb_money_init (&s, shipping_minor, shipping_currency);
  g_assert_true (sb_pricing_compute_net (rates, &p, commission_rate, &s, payout, &breakdown, &error));
  g_assert_no_error (error);
  g_assert_cmpint (breakdown.price.minor, ==, price);
  g_assert_cmpint (breakdown.commission.minor, ==, commission);
  g_assert_cmpint (breakdown.shipping.minor, ==, shipping);
  g_assert_cmpint (breakdown.net.minor, ==, net);
  g_assert_cmpstr (breakdown.price.currency, ==, payout);
  g_assert_cmpstr (breakdown.commission.currency, ==, payout);
  g_assert_cmpstr (breakdown.shipping.currency, ==, payout);
  g_assert_cmpstr (breakdown.net.currency, ==, payout);
}

static void
test_net (void)
{
  g_autoptr(SbRates) rates = contract_rates ();

  /* A Korean seller: 12900 − 8% (1032) − K-Packet 5200 = 6668 won. */
  assert_breakdown (rates, 12900, "KRW", "0.08", 5200, "KRW", "KRW", 12900, 1032, 5200, 6668);
  /* Priced in USD, paid in KRW: 12.90 USD = 17869 won, 8% = 1429.52 → 1430. */
  assert_breakdown (rates, 1290, "USD", "0.08", 5200, "KRW", "KRW", 17869, 1430, 5200, 11239);
  /* A Russian seller shipping with a carrier that bills in KRW:
   * 5200 / 1385.20 × 92.15 = 345.928… → 345.93 RUB. */
  assert_breakdown (rates, 150000, "RUB", "0.15", 5200, "KRW", "RUB", 150000, 22500, 34593, 92907);
  /* Paid in USD: 12900 won = 9.31, 8% = 0.7448 → 0.74, 5200 won = 3.75399… → 3.75. */
  assert_breakdown (rates, 12900, "KRW", "0.08", 5200, "KRW", "USD", 931, 74, 375, 482);
  /* Shipping that costs more than the price: the net is negative. */
  assert_breakdown (rates, 1000, "KRW", "0.08", 5200, "KRW", "KRW", 1000, 80, 5200, -4280);
  /* The commission rounds half away from zero. */
  assert_breakdown (rates, 1, "KRW", "0.5", 0, "KRW", "KRW", 1, 1, 0, 0);
  assert_breakdown (rates, 3, "KRW", "0.5", 0, "KRW", "KRW", 3, 2, 0, 1);
  assert_breakdown (rates, 5, "KRW", "0.1", 0, "KRW", "KRW", 5, 1, 0, 4);
  assert_breakdown (rates, 4, "KRW", "0.1", 0, "KRW", "KRW", 4, 0, 0, 4);
  assert_breakdown (rates, 12900, "KRW", "0", 0, "KRW", "KRW", 12900, 0, 0, 12900);
  assert_breakdown (rates, 12900, "KRW", "0.0800000000000000000000000", 0, "KRW", "KRW", 12900, 1032, 0, 11868);
  /* No rates needed when nothing is converted. */
  assert_breakdown (NULL, 12900, "KRW", "0.08", 5200, "KRW", "KRW", 12900, 1032, 5200, 6668);
}

static void
test_net_errors (void)
{
  g_autoptr(SbRates) rates = contract_rates ();
  static const char * const bad_rates[] = { "1", "1.0", "1.5", "-0.1", "abc", "8%", "", " 0.08", "0,08", NULL };
  SbPriceBreakdown breakdown = { { 42, "XXX" }, };
  SbMoney price = { 12900, "KRW" }, shipping = { 5200, "KRW" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_rates); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (sb_pricing_compute_net (rates, &price, bad_rates[i], &shipping, "KRW", &breakdown, &error));
      g_assert_error (error, SB_PRICING_ERROR, SB_PRICING_ERROR_INVALID_COMMISSION);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (sb_pricing_compute_net (NULL, &price, "0.08", &shipping, "USD", &breakdown, &error));
    g_assert_error (error, SB_PRICING_ERROR, SB_PRICING_ERROR_NO_RATES);
  }
  {
    g_autoptr(GError) error = NULL;
    SbMoney yen = { 500, "JPY" };

    g_assert_false (sb_pricing_compute_net (rates, &price, "0.08", &yen, "KRW", &breakdown, &error));
    g_assert_error (error, SB_RATES_ERROR, SB_RATES_ERROR_MISSING_CURRENCY);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (sb_pricing_compute_net (rates, &price, "0.08", &shipping, "XXQ", &breakdown, &error));
    g_assert_error (error, SB_MONEY_ERROR, SB_MONEY_ERROR_UNKNOWN_CURRENCY);
  }
  {
    g_autoptr(GError) error = NULL;
    SbMoney huge = { G_MAXINT64, "USD" };

    g_assert_false (sb_pricing_compute_net (rates, &huge, "0.08", &shipping, "KRW", &breakdown, &error));
    g_assert_error (error, SB_RATES_ERROR, SB_RATES_ERROR_OVERFLOW);
  }
  {
    g_autoptr(GError) error = NULL;
    SbMoney huge = { G_MAXINT64, "KRW" }, refund = { G_MININT64, "KRW" };

    /* price − commission − (−2^63) does not fit */
    g_assert_false (sb_pricing_compute_net (rates, &huge, "0.08", &refund, "KRW", &breakdown, &error));
    g_assert_error (error, SB_MONEY_ERROR, SB_MONEY_ERROR_OVERFLOW);
  }
  {
    g_autoptr(GError) error = NULL;
    SbPriceBreakdown lowest_breakdown;
    SbMoney lowest = { G_MININT64, "KRW" }, none = { 0, "KRW" };

    /* The largest rate: −2^63 × 0.9999999999999999999 still fits. */
    g_assert_true (sb_pricing_compute_net (rates, &lowest, "0.9999999999999999999", &none, "KRW",
                                           &lowest_breakdown, &error));
    g_assert_no_error (error);
    g_assert_cmpint (lowest_breakdown.commission.minor, ==, -G_MAXINT64);
    g_assert_cmpint (lowest_breakdown.net.minor, ==, -1);
  }
  g_assert_cmpint (breakdown.price.minor, ==, 42);
}

/* The answer nets at least the target, and one minor unit less does not. */
static void
assert_smallest_price (SbRates    *rates,
                       gint64      target_minor,
                       const char *payout,
                       const char *price_currency,
                       const char *commission_rate,
                       gint64      shipping_minor,
                       const char *shipping_currency,
                       gint64      expected)
{
  g_autoptr(GError) error = NULL;
  SbPriceBreakdown at, below;
  SbMoney target, shipping, price = { 0, "" }, less;

  sb_money_init (&target, target_minor, payout);
  sb_money_init (&shipping, shipping_minor, shipping_currency);
  g_test_message ("net %" G_GINT64_FORMAT " %s from a price in %s", target_minor, payout, price_currency);
  g_assert_true (sb_pricing_price_for_net (rates, &target, price_currency, commission_rate,
                                           &shipping, &price, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (price.currency, ==, price_currency);
  g_assert_cmpint (price.minor, >=, 1);
  if (expected > 0)
    g_assert_cmpint (price.minor, ==, expected);

  g_assert_true (sb_pricing_compute_net (rates, &price, commission_rate, &shipping, payout, &at, &error));
  g_assert_no_error (error);
  g_assert_cmpint (at.net.minor, >=, target_minor);
  if (price.minor > 1)
    {
      sb_money_init (&less, price.minor - 1, price_currency);
      g_assert_true (sb_pricing_compute_net (rates, &less, commission_rate, &shipping, payout, &below, &error));
      g_assert_no_error (error);
      g_assert_cmpint (below.net.minor, <, target_minor);
    }
}

static void
test_price_for_net (void)
{
  g_autoptr(SbRates) rates = contract_rates ();
  static const gint64 targets[] = {
    1, 2, 3, 99, 100, 101, 999, 1000, 4999, 6667, 6668, 6669, 12345, 99999, 100000, 1234567,
    987654321, G_GINT64_CONSTANT (1000000000000),
  };

  /* The inverse of the first breakdown of test_net(). */
  assert_smallest_price (rates, 6668, "KRW", "KRW", "0.08", 5200, "KRW", 12900);
  /* Without commission it is the target plus shipping. */
  assert_smallest_price (rates, 10000, "KRW", "KRW", "0", 5200, "KRW", 15200);
  /* A net that any price reaches: the lowest price, one minor unit. */
  assert_smallest_price (rates, -100000, "KRW", "KRW", "0.08", 5200, "KRW", 1);
  assert_smallest_price (rates, G_MININT64, "KRW", "USD", "0.08", 5200, "KRW", 1);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      /* Same currency, and every mix of price, payout and shipping currencies. */
      assert_smallest_price (rates, targets[i], "KRW", "KRW", "0.08", 5200, "KRW", 0);
      assert_smallest_price (rates, targets[i], "KRW", "USD", "0.08", 5200, "KRW", 0);
      assert_smallest_price (rates, targets[i], "USD", "KRW", "0.08", 5200, "KRW", 0);
      assert_smallest_price (rates, targets[i], "RUB", "RUB", "0.15", 5200, "KRW", 0);
      assert_smallest_price (rates, targets[i], "RUB", "USD", "0.125", 399, "USD", 0);
      assert_smallest_price (rates, targets[i], "USD", "RUB", "0.333", 34593, "RUB", 0);
      assert_smallest_price (rates, targets[i], "KRW", "CNY", "0.0725", 0, "KRW", 0);
    }
}

static void
test_price_for_net_errors (void)
{
  g_autoptr(SbRates) rates = contract_rates ();
  SbMoney target = { G_MAXINT64, "KRW" }, shipping = { 5200, "KRW" }, price = { 42, "XXX" };

  {
    g_autoptr(GError) error = NULL;

    /* With any commission the net stays below the price, so no 64-bit
     * price nets G_MAXINT64. */
    g_assert_false (sb_pricing_price_for_net (rates, &target, "KRW", "0.08", &shipping, &price, &error));
    g_assert_error (error, SB_PRICING_ERROR, SB_PRICING_ERROR_OUT_OF_RANGE);
  }
  {
    g_autoptr(GError) error = NULL;

    /* Priced in USD, the conversion overflows long before. */
    g_assert_false (sb_pricing_price_for_net (rates, &target, "USD", "0.08", &shipping, &price, &error));
    g_assert_error (error, SB_PRICING_ERROR, SB_PRICING_ERROR_OUT_OF_RANGE);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (sb_pricing_price_for_net (rates, &target, "KRW", "1", &shipping, &price, &error));
    g_assert_error (error, SB_PRICING_ERROR, SB_PRICING_ERROR_INVALID_COMMISSION);
  }
  {
    g_autoptr(GError) error = NULL;
    SbMoney small = { 1000, "KRW" };

    g_assert_false (sb_pricing_price_for_net (rates, &small, "JPY", "0.08", &shipping, &price, &error));
    g_assert_error (error, SB_RATES_ERROR, SB_RATES_ERROR_MISSING_CURRENCY);
  }
  {
    g_autoptr(GError) error = NULL;
    SbMoney small = { 1000, "KRW" };

    g_assert_false (sb_pricing_price_for_net (NULL, &small, "USD", "0.08", &shipping, &price, &error));
    g_assert_error (error, SB_PRICING_ERROR, SB_PRICING_ERROR_NO_RATES);
  }
  g_assert_cmpint (price.minor, ==, 42);
}

static void
test_listing_price_usd (void)
{
  g_autoptr(SbRates) rates = contract_rates ();
  g_autoptr(GError) error = NULL;
  SbMoney price = { 12900, "KRW" }, usd;

  g_assert_true (sb_pricing_listing_price_usd (rates, &price, &usd, &error));
  g_assert_no_error (error);
  g_assert_cmpint (usd.minor, ==, 931);
  g_assert_cmpstr (usd.currency, ==, "USD");

  sb_money_init (&price, 150000, "RUB");
  g_assert_true (sb_pricing_listing_price_usd (rates, &price, &usd, &error));
  g_assert_cmpint (usd.minor, ==, 1628);  /* 1500 / 92.15 = 16.2778… */

  sb_money_init (&price, 1290, "USD");
  g_assert_true (sb_pricing_listing_price_usd (NULL, &price, &usd, &error));
  g_assert_cmpint (usd.minor, ==, 1290);
  g_assert_no_error (error);
}

static void
test_change_is_large (void)
{
  static const struct { gint64 old_minor; gint64 new_minor; gboolean large; } cases[] = {
    { 100, 150, FALSE },   /* exactly +50% */
    { 100, 151, TRUE },
    { 100, 50, FALSE },    /* exactly −50% */
    { 100, 49, TRUE },
    { 100, 100, FALSE },
    { 12900, 19350, FALSE },
    { 12900, 19351, TRUE },
    { 12900, 6450, FALSE },
    { 12900, 6449, TRUE },
    { 2, 3, FALSE },
    { 2, 1, FALSE },
    { 1, 2, TRUE },
    { 3, 1, TRUE },
    { 3, 2, FALSE },
    /* To zero or below from a real price: a drop of 100% or more. */
    { 100, 0, TRUE },
    { 100, -1, TRUE },
    /* From zero or below there was no price to quarantine. */
    { 0, 0, FALSE },
    { 0, 100, FALSE },
    { -5, 10, FALSE },
    /* No overflow at the extremes. */
    { G_MAXINT64, G_MININT64, TRUE },
    { G_MAXINT64, G_MAXINT64, FALSE },
    { 1, G_MAXINT64, TRUE },
    /* G_MAXINT64 is odd: its half rounded down is already below 50%. */
    { G_MAXINT64, G_MAXINT64 / 2 + 1, FALSE },
    { G_MAXINT64, G_MAXINT64 / 2, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%" G_GINT64_FORMAT " → %" G_GINT64_FORMAT, cases[i].old_minor, cases[i].new_minor);
      g_assert_cmpint (sb_pricing_change_is_large (cases[i].old_minor, cases[i].new_minor), ==, cases[i].large);
    }
}

static void
test_boxed (void)
{
  SbPriceBreakdown breakdown = {
    { 12900, "KRW" }, { 1032, "KRW" }, { 5200, "KRW" }, { 6668, "KRW" },
  };
  g_autoptr(SbPriceBreakdown) copy = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  copy = sb_price_breakdown_copy (&breakdown);
  g_assert_true (sb_money_equal (&copy->net, &breakdown.net));
  g_value_init (&value, SB_TYPE_PRICE_BREAKDOWN);
  g_value_set_boxed (&value, copy);
  g_assert_cmpint (((SbPriceBreakdown *) g_value_get_boxed (&value))->commission.minor, ==, 1032);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pricing/net", test_net);
  g_test_add_func ("/pricing/net-errors", test_net_errors);
  g_test_add_func ("/pricing/price-for-net", test_price_for_net);
  g_test_add_func ("/pricing/price-for-net-errors", test_price_for_net_errors);
  g_test_add_func ("/pricing/listing-price-usd", test_listing_price_usd);
  g_test_add_func ("/pricing/change-is-large", test_change_is_large);
  g_test_add_func ("/pricing/boxed", test_boxed);

  return g_test_run ();
}
