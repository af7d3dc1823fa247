/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-rates.c: unit tests of SbRates — reading GET /v1/reference/currencies
 * with every member type-checked, exact rate strings, exact conversion
 * rounded once half away from zero, overflow and missing currencies, and
 * staleness.
 */
#include "config.h"

#include <string.h>

#include "sb-rates.h"

/* The example of the API contract. */
static const char contract_json[] =
  "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\",\n"
  " \"rates\": {\"USD\": \"1\", \"KRW\": \"1385.20\", \"RUB\": \"92.15\", \"CNY\": \"7.2400\", \"EUR\": \"0.9210\"}}";

static SbRates *
rates_new (const char *json)
{
  g_autoptr(GError) error = NULL;
  SbRates *rates = sb_rates_new_from_data (json, -1, &error);

  g_assert_no_error (error);
  g_assert_true (SB_IS_RATES (rates));
  return rates;
}

static void
assert_converts (SbRates    *rates,
                 gint64      minor,
                 const char *from,
                 const char *to,
                 gint64      expected)
{
  g_autoptr(GError) error = NULL;
  SbMoney money, out = { 42, "XXX" };

  sb_money_init (&money, minor, from);
  g_test_message ("%" G_GINT64_FORMAT " %s → %s", minor, from, to);
  g_assert_true (sb_rates_convert (rates, &money, to, &out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (out.minor, ==, expected);
  g_assert_cmpstr (out.currency, ==, to);
}

static void
test_contract (void)
{
  g_autoptr(SbRates) rates = rates_new (contract_json);
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2026, 11, 21, 9, 0, 0);
  g_auto(GStrv) codes = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GDateTime) as_of = NULL;

  g_assert_cmpstr (sb_rates_get_base (rates), ==, "USD");
  g_assert_true (g_date_time_equal (sb_rates_get_as_of (rates), expected));
  g_assert_true (sb_rates_has (rates, "KRW"));
  g_assert_false (sb_rates_has (rates, "JPY"));
  g_assert_false (sb_rates_has (rates, NULL));
  /* Exactly as sent: trailing zeros kept. */
  g_assert_cmpstr (sb_rates_get_rate_string (rates, "KRW"), ==, "1385.20");
  g_assert_cmpstr (sb_rates_get_rate_string (rates, "CNY"), ==, "7.2400");
  g_assert_cmpstr (sb_rates_get_rate_string (rates, "USD"), ==, "1");
  g_assert_null (sb_rates_get_rate_string (rates, "JPY"));

  codes = sb_rates_dup_codes (rates);
  g_assert_cmpuint (g_strv_length (codes), ==, 5);
  g_assert_cmpstr (codes[0], ==, "CNY");
  g_assert_cmpstr (codes[1], ==, "EUR");
  g_assert_cmpstr (codes[2], ==, "KRW");
  g_assert_cmpstr (codes[3], ==, "RUB");
  g_assert_cmpstr (codes[4], ==, "USD");

  g_object_get (rates, "base", &base, "as-of", &as_of, NULL);
  g_assert_cmpstr (base, ==, "USD");
  g_assert_true (g_date_time_equal (as_of, expected));
}

static void
test_convert (void)
{
  g_autoptr(SbRates) rates = rates_new (contract_json);

  /* 12900 / 1385.20 = 9.3127… */
  assert_converts (rates, 12900, "KRW", "USD", 931);
  /* 1000.00 / 92.15 × 1385.20 = 15032.013… */
  assert_converts (rates, 100000, "RUB", "KRW", 15032);
  /* 12.90 × 1385.20 = 17869.08 */
  assert_converts (rates, 1290, "USD", "KRW", 17869);
  /* 1000.00 / 92.15 × 7.24 = 78.567… */
  assert_converts (rates, 100000, "RUB", "CNY", 7857);
  assert_converts (rates, -12900, "KRW", "USD", -931);
  assert_converts (rates, 0, "KRW", "USD", 0);
  /* The same currency is the amount itself. */
  assert_converts (rates, 12345, "RUB", "RUB", 12345);
  assert_converts (rates, G_MAXINT64, "KRW", "KRW", G_MAXINT64);
  /* The largest amounts that still fit. */
  assert_converts (rates, G_MAXINT64, "USD", "EUR", G_GINT64_CONSTANT (8494725645943248518));
}

static void
test_rounding (void)
{
  g_autoptr(SbRates) rates = rates_new (
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\","
    " \"rates\": {\"USD\": \"1\", \"EUR\": \"0.5\", \"KRW\": \"2000\"}}");

  /* 0.005 EUR → 0.01, −0.005 → −0.01: half away from zero. */
  assert_converts (rates, 1, "USD", "EUR", 1);
  assert_converts (rates, -1, "USD", "EUR", -1);
  assert_converts (rates, 3, "USD", "EUR", 2);
  assert_converts (rates, -3, "USD", "EUR", -2);
  /* 10 won = 0.005 USD → 0.01; 9 won = 0.0045 → 0.00 (one rounding, not two). */
  assert_converts (rates, 10, "KRW", "USD", 1);
  assert_converts (rates, -10, "KRW", "USD", -1);
  assert_converts (rates, 9, "KRW", "USD", 0);
  assert_converts (rates, -9, "KRW", "USD", 0);
  /* 0.01 USD = 20 won exactly; 0.01 EUR = 40 won */
  assert_converts (rates, 1, "USD", "KRW", 20);
  assert_converts (rates, 1, "EUR", "KRW", 40);
}

static void
test_many_fraction_digits (void)
{
  g_autoptr(SbRates) rates = rates_new (
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00+09:00\","
    " \"rates\": {\"KRW\": \"1385.201234567890123\", \"RUB\": \"92.15000000000000001\","
    " \"EUR\": \"0.000000000000000000000000000000000000500\"}}");

  g_assert_cmpstr (sb_rates_get_rate_string (rates, "KRW"), ==, "1385.201234567890123");
  /* The base was left out: it is 1. */
  g_assert_cmpstr (sb_rates_get_rate_string (rates, "USD"), ==, "1");
  /* 10^9 / 1385.201234567890123 = 721916.77… USD */
  assert_converts (rates, 1000000000, "KRW", "USD", 72191677);
  /* 123456789 / 1385.201234567890123 × 92.15000000000000001 = 8212917.24… RUB */
  assert_converts (rates, 123456789, "KRW", "RUB", 821291724);
  assert_converts (rates, -123456789, "KRW", "RUB", -821291724);
  /* 10^36 EUR is 2·10^72 USD: far too large, reported, never wrapped */
  assert_converts (rates, 0, "EUR", "USD", 0);
  {
    g_autoptr(GError) error = NULL;
    SbMoney one_cent = { 1, "EUR" }, out = { 42, "XXX" };

    g_assert_false (sb_rates_convert (rates, &one_cent, "USD", &out, &error));
    g_assert_error (error, SB_RATES_ERROR, SB_RATES_ERROR_OVERFLOW);
    g_assert_cmpint (out.minor, ==, 42);
  }
  /* …and the other way even a large amount is less than a cent. */
  assert_converts (rates, G_MAXINT64, "KRW", "EUR", 0);
}

static void
test_overflow (void)
{
  g_autoptr(SbRates) rates = rates_new (contract_json);
  const struct { gint64 minor; const char *from; const char *to; } cases[] = {
    { G_MAXINT64, "USD", "KRW" },
    { G_MININT64, "USD", "KRW" },
    /* 92233720368547758.07 EUR would be ~1.4·10^20 won */
    { G_MAXINT64, "EUR", "KRW" },
    { G_MININT64 + 1, "EUR", "KRW" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      SbMoney money, out = { 42, "XXX" };

      sb_money_init (&money, cases[i].minor, cases[i].from);
      g_assert_false (sb_rates_convert (rates, &money, cases[i].to, &out, &error));
      g_assert_error (error, SB_RATES_ERROR, SB_RATES_ERROR_OVERFLOW);
      g_assert_cmpint (out.minor, ==, 42);
    }
}

static void
test_missing (void)
{
  g_autoptr(SbRates) rates = rates_new (contract_json);
  g_autoptr(GError) error = NULL;
  SbMoney money = { 1000, "JPY" }, out = { 42, "XXX" };

  g_assert_false (sb_rates_convert (rates, &money, "USD", &out, &error));
  g_assert_error (error, SB_RATES_ERROR, SB_RATES_ERROR_MISSING_CURRENCY);
  g_assert_nonnull (strstr (error->message, "JPY"));
  g_clear_error (&error);

  sb_money_init (&money, 1000, "USD");
  g_assert_false (sb_rates_convert (rates, &money, "JPY", &out, &error));
  g_assert_error (error, SB_RATES_ERROR, SB_RATES_ERROR_MISSING_CURRENCY);
  g_assert_nonnull (strstr (error->message, "JPY"));
  g_clear_error (&error);

  g_assert_false (sb_rates_convert (rates, &money, "XXQ", &out, &error));
  g_assert_error (error, SB_RATES_ERROR, SB_RATES_ERROR_UNKNOWN_CURRENCY);
  g_clear_error (&error);

  g_assert_false (sb_rates_convert (rates, &money, "usd", &out, &error));
  g_assert_error (error, SB_RATES_ERROR, SB_RATES_ERROR_UNKNOWN_CURRENCY);
  g_assert_cmpint (out.minor, ==, 42);
}

static void
test_stale (void)
{
  g_autoptr(SbRates) rates = rates_new (contract_json);
  g_autoptr(GDateTime) day = g_date_time_new_utc (2026, 11, 22, 9, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_add_seconds (day, 1);
  g_autoptr(GDateTime) earlier = g_date_time_new_utc (2026, 11, 21, 10, 0, 0);
  g_autoptr(GDateTime) seoul = NULL;
  g_autoptr(GTimeZone) kst = g_time_zone_new_offset (9 * 3600);

  g_assert_false (sb_rates_is_stale (rates, earlier));
  g_assert_false (sb_rates_is_stale (rates, day));
  g_assert_true (sb_rates_is_stale (rates, later));
  /* The same instant in another time zone. */
  seoul = g_date_time_new (kst, 2026, 11, 22, 18, 0, 0);
  g_assert_false (sb_rates_is_stale (rates, seoul));
}

static void
test_extra_members (void)
{
  g_autoptr(SbRates) rates = rates_new (
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"source\": {\"name\": \"x\"},"
    " \"rates\": {\"USD\": \"1.000\", \"KRW\": \"1385.20\"}, \"next\": [1, 2]}");

  g_assert_true (sb_rates_has (rates, "KRW"));
  g_assert_cmpstr (sb_rates_get_rate_string (rates, "USD"), ==, "1.000");
}

static void
test_invalid (void)
{
  static const char * const cases[] = {
    "",
    "{",
    "[]",
    "\"USD\"",
    "null",
    "{}",
    "{\"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {}}",
    "{\"base\": 1, \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {}}",
    "{\"base\": \"usd\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {}}",
    "{\"base\": \"USD\", \"rates\": {}}",
    "{\"base\": \"USD\", \"as_of\": 1763715600, \"rates\": {}}",
    "{\"base\": \"USD\", \"as_of\": \"yesterday\", \"rates\": {}}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00\", \"rates\": {}}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\"}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": []}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": \"KRW\"}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {\"KRW\": 1385.20}}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {\"KRW\": 1385}}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {\"KRW\": null}}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {\"KRW\": true}}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {\"KRW\": {\"rate\": \"1\"}}}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {\"KRW\": [\"1\"]}}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {\"KRW\": \"-1385.20\"}}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {\"KRW\": \"0\"}}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {\"KRW\": \"0.000\"}}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {\"KRW\": \"1.3852e3\"}}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {\"KRW\": \"1,385.20\"}}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {\"KRW\": \"\"}}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {\"KRW\": \"123456789012345678901\"}}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {\"krw\": \"1385.20\"}}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {\"KRWX\": \"1385.20\"}}",
    "{\"base\": \"USD\", \"as_of\": \"2026-11-21T09:00:00Z\", \"rates\": {\"USD\": \"2\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbRates) rates = NULL;

      g_test_message ("case %u: %s", i, cases[i]);
      rates = sb_rates_new_from_data (cases[i], -1, &error);
      g_assert_null (rates);
      g_assert_error (error, SB_RATES_ERROR, SB_RATES_ERROR_INVALID);
    }
}

static void
test_from_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (contract_json, &error);
  g_autoptr(SbRates) rates = NULL;

  g_assert_no_error (error);
  rates = sb_rates_new_from_json (root, &error);
  g_assert_no_error (error);
  g_assert_true (sb_rates_has (rates, "EUR"));
  g_assert_null (sb_rates_new_from_json (NULL, &error));
  g_assert_error (error, SB_RATES_ERROR, SB_RATES_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rates/contract", test_contract);
  g_test_add_func ("/rates/convert", test_convert);
  g_test_add_func ("/rates/rounding", test_rounding);
  g_test_add_func ("/rates/many-fraction-digits", test_many_fraction_digits);
  g_test_add_func ("/rates/overflow", test_overflow);
  g_test_add_func ("/rates/missing", test_missing);
  g_test_add_func ("/rates/stale", test_stale);
  g_test_add_func ("/rates/extra-members", test_extra_members);
  g_test_add_func ("/rates/invalid", test_invalid);
  g_test_add_func ("/rates/from-json", test_from_json);

  return g_test_run ();
}
