/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-currency.c: unit tests of ISO 4217 minor units and the strict
 * decimal spelling of amounts.
 */
#include "config.h"

#include "sb-currency.h"

static void
test_minor_units (void)
{
  g_assert_cmpint (sb_currency_get_minor_units ("KRW"), ==, 0);
  g_assert_cmpint (sb_currency_get_minor_units ("RUB"), ==, 2);
  g_assert_cmpint (sb_currency_get_minor_units ("USD"), ==, 2);
  g_assert_cmpint (sb_currency_get_minor_units ("CNY"), ==, 2);
  g_assert_cmpint (sb_currency_get_minor_units ("EUR"), ==, 2);
  g_assert_cmpint (sb_currency_get_minor_units ("JPY"), ==, 0);
  g_assert_cmpint (sb_currency_get_minor_units ("XXQ"), ==, -1);
  g_assert_cmpint (sb_currency_get_minor_units ("usd"), ==, -1);
  g_assert_cmpint (sb_currency_get_minor_units (NULL), ==, -1);
  g_assert_true (sb_currency_is_known ("KRW"));
  g_assert_false (sb_currency_is_known ("KR"));
}

static void
test_parse (void)
{
  static const struct { const char *text; const char *code; gint64 minor; } ok[] = {
    { "12900", "KRW", 12900 },
    { "12.90", "USD", 1290 },
    { "12.9", "USD", 1290 },
    { "12", "RUB", 1200 },
    { "0.01", "RUB", 1 },
    { ".5", "EUR", 50 },
    { "-3.25", "USD", -325 },
    { "92233720368547758.07", "USD", G_MAXINT64 },
  };
  static const struct { const char *text; const char *code; int error; } bad[] = {
    { "12900.5", "KRW", SB_CURRENCY_ERROR_PRECISION },
    { "1.234", "USD", SB_CURRENCY_ERROR_PRECISION },
    { "1,5", "USD", SB_CURRENCY_ERROR_SYNTAX },
    { "1e3", "USD", SB_CURRENCY_ERROR_SYNTAX },
    { "", "USD", SB_CURRENCY_ERROR_SYNTAX },
    { ".", "USD", SB_CURRENCY_ERROR_SYNTAX },
    { " 12", "USD", SB_CURRENCY_ERROR_SYNTAX },
    { "1 234", "RUB", SB_CURRENCY_ERROR_SYNTAX },
    { "12", "ABC", SB_CURRENCY_ERROR_UNKNOWN },
    { "92233720368547758.08", "USD", SB_CURRENCY_ERROR_OVERFLOW },
    { "99999999999999999999999", "KRW", SB_CURRENCY_ERROR_OVERFLOW },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = 0;

      g_assert_true (sb_currency_parse_decimal (ok[i].text, ok[i].code, &minor, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minor, ==, ok[i].minor);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = 42;

      g_assert_false (sb_currency_parse_decimal (bad[i].text, bad[i].code, &minor, &error));
      g_assert_error (error, SB_CURRENCY_ERROR, bad[i].error);
      g_assert_cmpint (minor, ==, 42);
    }
}

static void
test_format (void)
{
  static const struct { gint64 minor; const char *code; const char *text; } cases[] = {
    { 12900, "KRW", "12900" },
    { 1290, "USD", "12.90" },
    { 5, "RUB", "0.05" },
    { -325, "USD", "-3.25" },
    { 0, "EUR", "0.00" },
    { -G_MAXINT64, "KRW", "-9223372036854775807" },
    { G_MAXINT64, "USD", "92233720368547758.07" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sb_currency_format_decimal (cases[i].minor, cases[i].code);
      gint64 back = 0;

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_true (sb_currency_parse_decimal (text, cases[i].code, &back, NULL));
      g_assert_cmpint (back, ==, cases[i].minor);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/currency/minor-units", test_minor_units);
  g_test_add_func ("/currency/parse", test_parse);
  g_test_add_func ("/currency/format", test_format);
  return g_test_run ();
}
