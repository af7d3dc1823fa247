/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-money.c: unit tests of SbMoney — ICU locale formatting (the exact
 * strings ICU 72 produces), strict whole-string locale parsing into minor
 * units, and arithmetic that fails instead of wrapping.
 */
#include "config.h"

#include <string.h>

#include "sb-money.h"

/* U+00A0 NO-BREAK SPACE and the rouble and won signs, spelled out so the
 * expectations are unambiguous. */
#define NBSP "\xc2\xa0"
#define RUBLE "\xe2\x82\xbd"
#define WON "\xe2\x82\xa9"

static void
test_boxed (void)
{
  g_autoptr(SbMoney) money = sb_money_new (1290, "USD");
  g_autoptr(SbMoney) copy = sb_money_copy (money);
  g_auto(GValue) value = G_VALUE_INIT;
  SbMoney other;

  g_assert_cmpint (copy->minor, ==, 1290);
  g_assert_cmpstr (copy->currency, ==, "USD");
  g_assert_true (sb_money_equal (money, copy));
  sb_money_init (&other, 1290, "KRW");
  g_assert_false (sb_money_equal (money, &other));
  sb_money_init (&other, 1291, "USD");
  g_assert_false (sb_money_equal (money, &other));
  /* Too long a code is cut, never overflows the field. */
  sb_money_init (&other, 1, "USDX");
  g_assert_cmpstr (other.currency, ==, "USD");

  g_value_init (&value, SB_TYPE_MONEY);
  g_value_set_boxed (&value, money);
  g_assert_true (sb_money_equal (g_value_get_boxed (&value), money));
  g_assert_true (g_value_get_boxed (&value) != (gpointer) money);
}

static void
test_to_decimal (void)
{
  SbMoney money;
  g_autofree char *usd = NULL;
  g_autofree char *krw = NULL;

  sb_money_init (&money, 1290, "USD");
  usd = sb_money_to_decimal (&money);
  g_assert_cmpstr (usd, ==, "12.90");
  sb_money_init (&money, -12900, "KRW");
  krw = sb_money_to_decimal (&money);
  g_assert_cmpstr (krw, ==, "-12900");
}

/* What ICU 72.1 (Debian 12) prints.  ICU owns these conventions; if a
 * newer ICU changes them, update the table rather than the code. */
static void
test_format (void)
{
  static const struct { gint64 minor; const char *code; const char *locale; const char *text; } cases[] = {
    { 12900, "KRW", "ko_KR", WON "12,900" },
    { 0, "KRW", "ko_KR", WON "0" },
    { 1234567, "KRW", "ko_KR", WON "1,234,567" },
    { 1290, "USD", "ko_KR", "US$12.90" },
    { 123456, "RUB", "ru_RU", "1" NBSP "234,56" NBSP RUBLE },
    { 5, "RUB", "ru_RU", "0,05" NBSP RUBLE },
    { -123450, "USD", "ru_RU", "-1" NBSP "234,50" NBSP "$" },
    { 12900, "KRW", "ru_RU", "12" NBSP "900" NBSP WON },
    { 1290, "USD", "en_US", "$12.90" },
    { -129050, "USD", "en_US", "-$1,290.50" },
    { 12900, "KRW", "en_US", WON "12,900" },
    { G_MAXINT64, "USD", "en_US", "$92,233,720,368,547,758.07" },
    { 1290, "XXQ", "en_US", "12.90 XXQ" },
    /* Other minor units: 3 (KWD), 0 (JPY), 4 (CLF). */
    { 12345, "KWD", "en_US", "KWD" NBSP "12.345" },
    { 1234, "JPY", "en_US", "\xc2\xa5" "1,234" },
    { 123456, "CLF", "en_US", "CLF" NBSP "12.3456" },
  };

  /* Twice, the second time backwards: each thread keeps the last 8
   * formatters by locale and currency, so the second pass mixes reused
   * and evicted ones. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint j = 0; j < G_N_ELEMENTS (cases); j++)
      {
        guint i = pass == 0 ? j : G_N_ELEMENTS (cases) - 1 - j;
        g_autofree char *text = NULL;
        SbMoney money;

        sb_money_init (&money, cases[i].minor, cases[i].code);
        text = sb_money_format (&money, cases[i].locale);
        g_assert_cmpstr (text, ==, cases[i].text);
      }
}

static void
test_parse (void)
{
  static const struct { const char *text; const char *code; const char *locale; gint64 minor; } ok[] = {
    { WON "12,900", "KRW", "ko_KR", 12900 },
    { "12,900", "KRW", "ko_KR", 12900 },
    { "12900", "KRW", "ko_KR", 12900 },
    { "  " WON "12,900 ", "KRW", "ko_KR", 12900 },
    { WON "1,234,567", "KRW", "ko_KR", 1234567 },
    { "-" WON "12,900", "KRW", "ko_KR", -12900 },
    { WON " 12,900", "KRW", "ko_KR", 12900 },
    { "$ 12.90", "USD", "en_US", 1290 },
    { "1 234,56" RUBLE, "RUB", "ru_RU", 123456 },
    { "500" RUBLE, "RUB", "ru_RU", 50000 },
    { "-500" RUBLE, "RUB", "ru_RU", -50000 },
    { "1 234,56 RUB", "RUB", "ru_RU", 123456 },
    { "RUB 1 234,56", "RUB", "ru_RU", 123456 },
    { "12.90 USD", "USD", "en_US", 1290 },
    { "12,900 KRW", "KRW", "ko_KR", 12900 },
    { "12,900" WON, "KRW", "ko_KR", 12900 },
    /* ICU's strict parser takes a space for a group separator everywhere:
     * unambiguous, so accepted. */
    { "1 234.56", "USD", "en_US", 123456 },
    { "12 900", "KRW", "ko_KR", 12900 },
    { "1" NBSP "234,56" NBSP RUBLE, "RUB", "ru_RU", 123456 },
    { "1 234,56 " RUBLE, "RUB", "ru_RU", 123456 },
    /* glibc's ru_RU writes U+202F NARROW NO-BREAK SPACE */
    { "1\xe2\x80\xaf" "234,56\xe2\x80\xaf" RUBLE, "RUB", "ru_RU", 123456 },
    { "1 234,56", "RUB", "ru_RU", 123456 },
    { "1234,56", "RUB", "ru_RU", 123456 },
    { "1234,5", "RUB", "ru_RU", 123450 },
    { "1234", "RUB", "ru_RU", 123400 },
    { "0,05", "RUB", "ru_RU", 5 },
    { "-1 234,56 " RUBLE, "RUB", "ru_RU", -123456 },
    { "100 000,50", "RUB", "ru_RU", 10000050 },
    { "$12.90", "USD", "en_US", 1290 },
    { "12.90", "USD", "en_US", 1290 },
    { "12", "USD", "en_US", 1200 },
    { "1,234.5", "USD", "en_US", 123450 },
    { "$1,234,567.89", "USD", "en_US", 123456789 },
    { "-$12.90", "USD", "en_US", -1290 },
    { "$92,233,720,368,547,758.07", "USD", "en_US", G_MAXINT64 },
    { "US$12.90", "USD", "ko_KR", 1290 },
  };
  static const struct { const char *text; const char *code; const char *locale; int error; } bad[] = {
    /* ICU alone reads this as 1234: the rest must not be dropped. */
    { "1 234,56", "KRW", "ko_KR", SB_MONEY_ERROR_SYNTAX },
    { "1234,56", "KRW", "ko_KR", SB_MONEY_ERROR_SYNTAX },
    { WON "12,900.5", "KRW", "ko_KR", SB_MONEY_ERROR_PRECISION },
    { "12,900.0", "KRW", "ko_KR", SB_MONEY_ERROR_PRECISION },
    { "$12.90", "KRW", "ko_KR", SB_MONEY_ERROR_SYNTAX },
    { "1,2,3,4", "KRW", "ko_KR", SB_MONEY_ERROR_SYNTAX },
    /* Lenient ICU reads these as 123456 and 1290 roubles. */
    { "1234.56", "RUB", "ru_RU", SB_MONEY_ERROR_SYNTAX },
    { "12.90", "RUB", "ru_RU", SB_MONEY_ERROR_SYNTAX },
    { "1,234", "RUB", "ru_RU", SB_MONEY_ERROR_PRECISION },
    { "1 234,567 " RUBLE, "RUB", "ru_RU", SB_MONEY_ERROR_PRECISION },
    { "12.900", "USD", "en_US", SB_MONEY_ERROR_PRECISION },
    { "1.234", "USD", "en_US", SB_MONEY_ERROR_PRECISION },
    { "1 234,56", "USD", "en_US", SB_MONEY_ERROR_SYNTAX },

    { "\xe2\x82\xac" "12.90", "USD", "en_US", SB_MONEY_ERROR_SYNTAX },
    { "12.90 EUR", "USD", "en_US", SB_MONEY_ERROR_SYNTAX },
    { "$12.90 USD", "USD", "en_US", SB_MONEY_ERROR_SYNTAX },
    { "--$12.90", "USD", "en_US", SB_MONEY_ERROR_SYNTAX },
    { "-$-12.90", "USD", "en_US", SB_MONEY_ERROR_SYNTAX },
    { "1234.56 RUB", "RUB", "ru_RU", SB_MONEY_ERROR_SYNTAX },
    { "USD", "USD", "en_US", SB_MONEY_ERROR_SYNTAX },
    { "1e3", "USD", "en_US", SB_MONEY_ERROR_SYNTAX },
    { "1.5E2", "USD", "en_US", SB_MONEY_ERROR_SYNTAX },
    { "", "USD", "en_US", SB_MONEY_ERROR_SYNTAX },
    { "   ", "USD", "en_US", SB_MONEY_ERROR_SYNTAX },
    { "abc", "USD", "en_US", SB_MONEY_ERROR_SYNTAX },
    { "$", "USD", "en_US", SB_MONEY_ERROR_SYNTAX },
    { "\xff", "USD", "en_US", SB_MONEY_ERROR_SYNTAX },
    { "$92,233,720,368,547,758.08", "USD", "en_US", SB_MONEY_ERROR_OVERFLOW },
    { "99999999999999999999999", "KRW", "ko_KR", SB_MONEY_ERROR_OVERFLOW },
    { "12", "XXQ", "en_US", SB_MONEY_ERROR_UNKNOWN_CURRENCY },
    { "12", NULL, "en_US", SB_MONEY_ERROR_UNKNOWN_CURRENCY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      SbMoney money = { 42, "XXX" };

      g_test_message ("parsing “%s” as %s in %s", ok[i].text, ok[i].code, ok[i].locale);
      g_assert_true (sb_money_parse_locale (ok[i].text, ok[i].code, ok[i].locale, &money, &error));
      g_assert_no_error (error);
      g_assert_cmpint (money.minor, ==, ok[i].minor);
      g_assert_cmpstr (money.currency, ==, ok[i].code);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      SbMoney money = { 42, "XXX" };

      g_test_message ("parsing “%s” as %s in %s", bad[i].text, bad[i].code, bad[i].locale);
      g_assert_false (sb_money_parse_locale (bad[i].text, bad[i].code, bad[i].locale, &money, &error));
      g_assert_error (error, SB_MONEY_ERROR, bad[i].error);
      g_assert_cmpint (money.minor, ==, 42);
      g_assert_cmpstr (money.currency, ==, "XXX");
    }
}

/* Every formatted amount parses back to itself. */
static void
test_round_trip (void)
{
  static const char * const locales[] = { "ko_KR", "ru_RU", "en_US" };
  static const char * const codes[] = { "KRW", "RUB", "USD", "EUR", "CNY", "JPY", "KWD", "CLF" };
  static const gint64 amounts[] = { 0, 1, 5, 99, 100, 12900, 123456, 100000050, -123456, G_MAXINT64 };

  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
      for (guint a = 0; a < G_N_ELEMENTS (amounts); a++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *text = NULL;
          SbMoney money, back = { 0, "" };

          sb_money_init (&money, amounts[a], codes[c]);
          text = sb_money_format (&money, locales[l]);
          g_test_message ("%s in %s: “%s”", codes[c], locales[l], text);
          g_assert_true (sb_money_parse_locale (text, codes[c], locales[l], &back, &error));
          g_assert_no_error (error);
          g_assert_true (sb_money_equal (&money, &back));
        }
}

static void
test_parse_error_message (void)
{
  g_autoptr(GError) error = NULL;
  SbMoney money;

  /* The message shows how the locale writes an amount. */
  g_assert_false (sb_money_parse_locale ("1234.56", "RUB", "ru_RU", &money, &error));
  g_assert_error (error, SB_MONEY_ERROR, SB_MONEY_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "1" NBSP "234,56" NBSP RUBLE));
  g_assert_nonnull (strstr (error->message, "1234.56"));
}

static void
test_arithmetic (void)
{
  g_autoptr(GError) error = NULL;
  SbMoney a, b, out;

  sb_money_init (&a, 1290, "USD");
  sb_money_init (&b, 10, "USD");
  g_assert_true (sb_money_add (&a, &b, &out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (out.minor, ==, 1300);
  g_assert_cmpstr (out.currency, ==, "USD");
  g_assert_true (sb_money_subtract (&b, &a, &out, &error));
  g_assert_cmpint (out.minor, ==, -1280);
  g_assert_true (sb_money_multiply (&a, 3, &out, &error));
  g_assert_cmpint (out.minor, ==, 3870);
  g_assert_true (sb_money_multiply (&a, -2, &out, &error));
  g_assert_cmpint (out.minor, ==, -2580);

  /* @out may be an input. */
  g_assert_true (sb_money_add (&a, &b, &a, &error));
  g_assert_cmpint (a.minor, ==, 1300);
  g_assert_cmpstr (a.currency, ==, "USD");
  g_assert_true (sb_money_multiply (&a, 2, &a, &error));
  g_assert_cmpint (a.minor, ==, 2600);
  g_assert_no_error (error);
}

static void
test_arithmetic_errors (void)
{
  SbMoney big, one, minus_one, krw, out = { 42, "XXX" };
  struct { gboolean ok; int code; } results[7];
  GError *errors[7] = { NULL, };

  sb_money_init (&big, G_MAXINT64, "USD");
  sb_money_init (&one, 1, "USD");
  sb_money_init (&minus_one, -1, "USD");
  sb_money_init (&krw, 1, "KRW");

  results[0].ok = sb_money_add (&big, &one, &out, &errors[0]);
  results[0].code = SB_MONEY_ERROR_OVERFLOW;
  results[1].ok = sb_money_subtract (&minus_one, &big, &out, &errors[1]);  /* G_MININT64 fits */
  results[1].code = -1;
  results[2].ok = sb_money_subtract (&big, &minus_one, &out, &errors[2]);
  results[2].code = SB_MONEY_ERROR_OVERFLOW;
  results[3].ok = sb_money_multiply (&big, 2, &out, &errors[3]);
  results[3].code = SB_MONEY_ERROR_OVERFLOW;
  results[4].ok = sb_money_add (&one, &krw, &out, &errors[4]);
  results[4].code = SB_MONEY_ERROR_CURRENCY_MISMATCH;
  results[5].ok = sb_money_subtract (&krw, &one, &out, &errors[5]);
  results[5].code = SB_MONEY_ERROR_CURRENCY_MISMATCH;
  sb_money_init (&big, G_MININT64, "USD");
  results[6].ok = sb_money_multiply (&big, -1, &out, &errors[6]);
  results[6].code = SB_MONEY_ERROR_OVERFLOW;

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_test_message ("case %u", i);
      if (results[i].code < 0)
        {
          g_assert_true (results[i].ok);
          g_assert_no_error (errors[i]);
          continue;
        }
      g_assert_false (results[i].ok);
      g_assert_error (errors[i], SB_MONEY_ERROR, results[i].code);
      g_clear_error (&errors[i]);
    }
  /* Only the one successful call wrote @out. */
  g_assert_cmpint (out.minor, ==, G_MININT64);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/boxed", test_boxed);
  g_test_add_func ("/money/to-decimal", test_to_decimal);
  g_test_add_func ("/money/format", test_format);
  g_test_add_func ("/money/parse", test_parse);
  g_test_add_func ("/money/round-trip", test_round_trip);
  g_test_add_func ("/money/parse-error-message", test_parse_error_message);
  g_test_add_func ("/money/arithmetic", test_arithmetic);
  g_test_add_func ("/money/arithmetic-errors", test_arithmetic_errors);

  return g_test_run ();
}
