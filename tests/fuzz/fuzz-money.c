/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-money.c: a libFuzzer target for money parsing and conversion.  The
 * first byte picks a currency, the second a locale; the rest is read as a
 * plain decimal amount (API and CSV), as an amount typed in the locale
 * (ICU's strict parser), as a decimal factor (rates, commission) and as a
 * currencies reply from the server whose rates then convert the amounts.
 * What is written must read back the same: decimal → minor units →
 * decimal, and a locale-formatted amount parsed in the same locale.
 * Conversion to the same currency gives the amount back, and no
 * arithmetic wraps silently.
 */
#include "config.h"

#include <stdint.h>

#include "sb-currency.h"
#include "sb-decimal.h"
#include "sb-money.h"
#include "sb-rates.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  (void) argc;
  (void) argv;
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  return 0;
}

/* BHD has three minor units, JPY none, XXQ is not a currency. */
static const char * const currencies[] = { "KRW", "RUB", "USD", "EUR", "CNY", "JPY", "BHD", "XXQ" };
static const char * const locales[] = { "ko_KR", "ru_RU", "en_US", "de_DE", "fr_CH", NULL };

static void
exercise_decimal (const char *text,
                  const char *code)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = 0;

  if (sb_currency_parse_decimal (text, code, &minor, &error))
    {
      g_autofree char *written = sb_currency_format_decimal (minor, code);
      SbMoney money;
      g_autofree char *again_text = NULL;
      gint64 again = 0;

      g_assert_no_error (error);
      g_assert_true (sb_currency_parse_decimal (written, code, &again, NULL));
      g_assert_cmpint (again, ==, minor);
      sb_money_init (&money, minor, code);
      again_text = sb_money_to_decimal (&money);
      g_assert_cmpstr (again_text, ==, written);
    }
  else
    g_assert_nonnull (error);
}

static void
exercise_locale (const char *text,
                 const char *code,
                 const char *locale)
{
  g_autoptr(GError) error = NULL;
  SbMoney money = { 0, "" };

  if (sb_money_parse_locale (text, code, locale, &money, &error))
    {
      g_autofree char *shown = sb_money_format (&money, locale);
      SbMoney again = { 0, "" };
      SbMoney sum, product;

      g_assert_no_error (error);
      g_assert_cmpstr (money.currency, ==, code);
      g_assert_true (g_utf8_validate (shown, -1, NULL));
      /* What the locale writes, it reads back. */
      if (!sb_money_parse_locale (shown, code, locale, &again, &error))
        g_error ("“%s” (%s, %s) was shown as “%s”, which does not parse: %s",
                 text, code, locale ? locale : "default", shown, error->message);
      g_assert_cmpint (again.minor, ==, money.minor);

      /* Overflow is reported, never wrapped. */
      if (sb_money_add (&money, &again, &sum, NULL))
        g_assert_cmpint (sum.minor - again.minor, ==, money.minor);
      if (sb_money_multiply (&money, 3, &product, NULL))
        g_assert_cmpint (product.minor / 3, ==, money.minor);
    }
  else
    g_assert_nonnull (error);
}

static void
exercise_factor (const char *text)
{
  SbDecimal decimal;

  if (sb_decimal_parse (text, &decimal))
    {
      gint64 out = 0;

      g_assert_cmpint (sb_decimal_compare (&decimal, &decimal), ==, 0);
      g_assert_cmpuint (decimal.scale, <=, SB_DECIMAL_MAX_SCALE);
      /* 10^scale / 10^scale = 1: the mantissa comes back. */
      if (decimal.mantissa <= G_MAXINT64 &&
          sb_decimal_mul_div ((gint64) decimal.mantissa, 1, 1, 0, &out))
        g_assert_cmpint (out, ==, (gint64) decimal.mantissa);
    }
}

static void
exercise_rates (const char *json,
                gsize       length,
                gint64      minor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbRates) rates = sb_rates_new_from_data (json, (gssize) length, &error);
  g_auto(GStrv) codes = NULL;

  g_assert ((rates == NULL) == (error != NULL));
  if (rates == NULL)
    return;
  codes = sb_rates_dup_codes (rates);
  for (guint i = 0; codes[i] != NULL && i < 8; i++)
    for (guint j = 0; codes[j] != NULL && j < 8; j++)
      {
        SbMoney from;
        SbMoney to = { 0, "" };

        g_assert_nonnull (sb_rates_get_rate_string (rates, codes[i]));
        sb_money_init (&from, minor, codes[i]);
        if (sb_rates_convert (rates, &from, codes[j], &to, NULL))
          {
            g_assert_cmpstr (to.currency, ==, codes[j]);
            if (i == j)
              g_assert_cmpint (to.minor, ==, from.minor);
          }
      }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  const char *code;
  const char *locale;
  gint64 minor = 0;

  if (size < 2 || size > 4096)
    return 0;
  code = currencies[data[0] % G_N_ELEMENTS (currencies)];
  locale = locales[data[1] % G_N_ELEMENTS (locales)];
  text = g_strndup ((const char *) data + 2, size - 2);

  exercise_decimal (text, code);
  exercise_locale (text, code, locale);
  exercise_factor (text);
  {
    guint64 bits = 0;

    for (size_t i = 0; i < MIN (size, 8); i++)
      bits = (bits << 8) | data[i];
    minor = (gint64) bits;
  }
  exercise_rates ((const char *) data + 2, size - 2, minor);
  return 0;
}
