/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-decimal.c: unit tests of the exact decimal factors and the wide
 * multiply-divide with one rounding, half away from zero.
 */
#include "config.h"

#include "sb-decimal.h"

static void
test_parse (void)
{
  static const struct { const char *text; guint64 mantissa; guint scale; } ok[] = {
    { "1", 1, 0 },
    { "1385.20", 13852, 1 },
    { "92.15", 9215, 2 },
    { "7.2400", 724, 2 },
    { "0.9210", 921, 3 },
    { "0.08", 8, 2 },
    { "0", 0, 0 },
    { "0.000", 0, 0 },
    { "10", 10, 0 },
    { "10.", 10, 0 },
    { ".5", 5, 1 },
    { "000123.4500", 12345, 2 },
    { "18446744073709551615", G_MAXUINT64, 0 },
    { "0.0000000000000000000000000000000000000001", 1, 40 },
    { "0.000012345678901234567890", G_GUINT64_CONSTANT (1234567890123456789), 23 },
  };
  static const char * const bad[] = {
    "", ".", "-1", "+1", "1e3", "1,5", " 1", "1 ", "1.2.3", "abc",
    "18446744073709551616",
    "0.00000000000000000000000000000000000000001",
    "1.00000000000000000001",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      SbDecimal d = { 99, 99 };

      g_test_message ("parsing %s", ok[i].text);
      g_assert_true (sb_decimal_parse (ok[i].text, &d));
      g_assert_cmpuint (d.mantissa, ==, ok[i].mantissa);
      g_assert_cmpuint (d.scale, ==, ok[i].scale);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      SbDecimal d;

      g_test_message ("parsing %s", bad[i]);
      g_assert_false (sb_decimal_parse (bad[i], &d));
    }
  g_assert_false (sb_decimal_parse (NULL, &(SbDecimal) { 0, 0 }));
}

static void
test_compare (void)
{
  SbDecimal a, b;

  g_assert_true (sb_decimal_parse ("1.0", &a));
  g_assert_true (sb_decimal_parse ("1", &b));
  g_assert_cmpint (sb_decimal_compare (&a, &b), ==, 0);
  g_assert_true (sb_decimal_parse ("0.9999999999999999999", &a));
  g_assert_cmpint (sb_decimal_compare (&a, &b), ==, -1);
  g_assert_cmpint (sb_decimal_compare (&b, &a), ==, 1);
  g_assert_true (sb_decimal_parse ("1385.2", &a));
  g_assert_true (sb_decimal_parse ("1385.200000000000001", &b));
  g_assert_cmpint (sb_decimal_compare (&a, &b), ==, -1);
  g_assert_true (sb_decimal_is_zero (&(SbDecimal) { 0, 0 }));
}

static void
test_mul_div (void)
{
  static const struct {
    gint64 value; guint64 mul; guint64 div; int exp10; gint64 result;
  } cases[] = {
    /* 12900 KRW / 1385.20 → USD cents: 12900 · 1 · 10^(1+2-0-0) / 13852 = 931.27… */
    { 12900, 1, 13852, 3, 931 },
    { 5, 1, 10, 0, 1 },        /* 0.5 → 1 */
    { -5, 1, 10, 0, -1 },      /* −0.5 → −1, away from zero */
    { 4, 1, 10, 0, 0 },
    { -4, 1, 10, 0, 0 },
    { 15, 1, 10, 0, 2 },
    { -15, 1, 10, 0, -2 },
    { 25, 1, 10, 0, 3 },       /* not banker's rounding */
    { 1, 1, 3, 0, 0 },
    { 2, 1, 3, 0, 1 },
    { 0, 7, 3, 5, 0 },
    { 7, 3, 1, 2, 2100 },
    { G_MAXINT64, 1, 1, 0, G_MAXINT64 },
    { -G_MAXINT64, 1, 1, 0, -G_MAXINT64 },
    /* 127-bit numerator, exact result */
    { G_MAXINT64, G_MAXUINT64, G_MAXUINT64, 0, G_MAXINT64 },
    /* denominator of 2^64·10^10: 922337203.6854775807 */
    { G_MAXINT64, G_MAXUINT64, G_MAXUINT64, -10, 922337204 },
    { -G_MAXINT64, G_MAXUINT64, G_MAXUINT64, -10, -922337204 },
    /* denominator far past 128 bits */
    { G_MAXINT64, G_MAXUINT64, G_MAXUINT64, -40, 0 },
    /* 100 · 10^24 / 1234567890123456789 = 81000000.73 */
    { 100, 1, G_GUINT64_CONSTANT (1234567890123456789), 24, 81000001 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 out = 42;

      g_test_message ("case %u", i);
      g_assert_true (sb_decimal_mul_div (cases[i].value, cases[i].mul, cases[i].div,
                                         cases[i].exp10, &out));
      g_assert_cmpint (out, ==, cases[i].result);
    }
}

static void
test_overflow (void)
{
  gint64 out = 42;

  g_assert_false (sb_decimal_mul_div (G_MAXINT64, 2, 1, 0, &out));
  g_assert_false (sb_decimal_mul_div (G_MININT64, 1, 1, 0, &out));
  g_assert_false (sb_decimal_mul_div (G_MAXINT64, G_MAXUINT64, 1, 96, &out));
  g_assert_false (sb_decimal_mul_div (1, 1, 1, 19, &out));
  g_assert_false (sb_decimal_mul_div (1, 1, 0, 0, &out));
  g_assert_cmpint (out, ==, 42);
  /* 2·G_MAXINT64 / 2 fits; rounding up past G_MAXINT64 does not. */
  g_assert_true (sb_decimal_mul_div (G_MAXINT64, 2, 2, 0, &out));
  g_assert_cmpint (out, ==, G_MAXINT64);
  /* (2^64 − 1) / 2 = 2^63 − 0.5 rounds away from zero past the limit... */
  g_assert_false (sb_decimal_mul_div (G_GINT64_CONSTANT (6148914691236517205), 3, 2, 0, &out));
  /* ...while (2^64 − 4) / 2 = 2^63 − 2 fits. */
  g_assert_true (sb_decimal_mul_div (G_GINT64_CONSTANT (6148914691236517204), 3, 2, 0, &out));
  g_assert_cmpint (out, ==, G_MAXINT64 - 1);
  g_assert_true (sb_decimal_mul_div (1, 1, 1, 18, &out));
  g_assert_cmpint (out, ==, G_GINT64_CONSTANT (1000000000000000000));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/decimal/parse", test_parse);
  g_test_add_func ("/decimal/compare", test_compare);
  g_test_add_func ("/decimal/mul-div", test_mul_div);
  g_test_add_func ("/decimal/overflow", test_overflow);

  return g_test_run ();
}
