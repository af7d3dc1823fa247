/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-currency.c: minor units come from ICU (KRW 0, RUB 2, USD 2, …), and
 * amounts travel as plain decimal strings ("12900", "12.90").  Parsing is
 * strict — no exponent, no grouping, no more fraction digits than the
 * currency has — and never goes through a binary float.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unicode/ucurr.h>
#include <unicode/ustring.h>

#include "sb-currency.h"

G_DEFINE_QUARK (sb-currency-error-quark, sb_currency_error)

/* value = value * 10 + digit, FALSE when that would pass G_MAXINT64. */
static gboolean
append_digit (guint64 *value,
              guint    digit)
{
  if (*value > ((guint64) G_MAXINT64 - digit) / 10)
    return FALSE;
  *value = *value * 10 + digit;
  return TRUE;
}

static gboolean
code_is_well_formed (const char *code)
{
  return code != NULL && strlen (code) == 3 &&
         g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]) && g_ascii_isupper (code[2]);
}

/**
 * sb_currency_is_known:
 *
 * Returns: %TRUE when @code is an ISO 4217 code that ICU knows
 */
/* ICU's answers per well-formed code (AAA–ZZZ), looked up once per
 * process: an import asks for every row.  0 not asked yet, 1 unknown,
 * 2 known without minor units, 3 + minor units when known with them. */
static gint minor_units_cache[26 * 26 * 26];

/* Returns the minor units of @code, -1 when it is not a currency ICU
 * knows, -2 when it is one without a number of minor units. */
static int
lookup_minor_units (const char *code)
{
  guint slot;
  gint cached;
  UChar ucode[4];
  UErrorCode status = U_ZERO_ERROR;
  UBool is_choice = 0;
  int32_t len = 0;
  int32_t digits;

  if (!code_is_well_formed (code))
    return -1;
  slot = ((code[0] - 'A') * 26 + (code[1] - 'A')) * 26 + (code[2] - 'A');
  cached = g_atomic_int_get (&minor_units_cache[slot]);
  if (cached != 0)
    return cached == 1 ? -1 : cached == 2 ? -2 : cached - 3;

  u_charsToUChars (code, ucode, 4);
  ucode[3] = 0;
  /* ICU answers with the code itself for a code it has no name for. */
  ucurr_getName (ucode, "en", UCURR_LONG_NAME, &is_choice, &len, &status);
  if (U_FAILURE (status) || status == U_USING_DEFAULT_WARNING)
    digits = -1;
  else
    {
      status = U_ZERO_ERROR;
      digits = ucurr_getDefaultFractionDigitsForUsage (ucode, UCURR_USAGE_STANDARD, &status);
      if (U_FAILURE (status))
        digits = -2;   /* known, but without minor units */
    }
  g_atomic_int_set (&minor_units_cache[slot], digits == -1 ? 1 : digits == -2 ? 2 : digits + 3);
  return digits;
}

gboolean
sb_currency_is_known (const char *code)
{
  return lookup_minor_units (code) != -1;
}

/**
 * sb_currency_get_minor_units:
 *
 * Returns: the ISO 4217 number of fraction digits of @code, or -1 when the
 *   code is not known
 */
int
sb_currency_get_minor_units (const char *code)
{
  int digits = lookup_minor_units (code);

  return digits >= 0 ? digits : -1;
}

/**
 * sb_currency_parse_decimal:
 * @text: a plain decimal such as "12900", "12.90" or "-0.5"
 * @code: the ISO 4217 code the amount is in
 * @out_minor: (out): the amount in minor units
 *
 * Fewer fraction digits than the currency has are padded ("12.9" USD is
 * 1290); more are an error, never rounded away silently.
 */
gboolean
sb_currency_parse_decimal (const char  *text,
                           const char  *code,
                           gint64      *out_minor,
                           GError     **error)
{
  int minor_units = sb_currency_get_minor_units (code);
  const char *p = text;
  gboolean negative = FALSE;
  guint64 value = 0;
  int fraction_digits = 0;
  gboolean seen_digit = FALSE;

  if (minor_units < 0)
    {
      g_set_error (error, SB_CURRENCY_ERROR, SB_CURRENCY_ERROR_UNKNOWN,
                   _("“%s” is not a currency code. Use a three-letter ISO 4217 code such as KRW, RUB or USD."),
                   code != NULL ? code : "");
      return FALSE;
    }
  if (p == NULL)
    p = "";
  if (*p == '-' || *p == '+')
    negative = (*p++ == '-');
  for (; g_ascii_isdigit (*p); p++)
    {
      seen_digit = TRUE;
      if (!append_digit (&value, (guint) (*p - '0')))
        goto overflow;
    }
  if (*p == '.')
    {
      p++;
      for (; g_ascii_isdigit (*p); p++)
        {
          seen_digit = TRUE;
          if (++fraction_digits > minor_units)
            {
              if (minor_units == 0)
                g_set_error (error, SB_CURRENCY_ERROR, SB_CURRENCY_ERROR_PRECISION,
                             _("%s amounts are whole numbers; “%s” has a fraction."), code, text);
              else
                g_set_error (error, SB_CURRENCY_ERROR, SB_CURRENCY_ERROR_PRECISION,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "%s amounts have at most %d digit after the decimal point; “%s” has more.",
                                          "%s amounts have at most %d digits after the decimal point; “%s” has more.",
                                          minor_units),
                             code, minor_units, text);
              return FALSE;
            }
          if (!append_digit (&value, (guint) (*p - '0')))
            goto overflow;
        }
    }
  if (*p != '\0' || !seen_digit)
    {
      g_set_error (error, SB_CURRENCY_ERROR, SB_CURRENCY_ERROR_SYNTAX,
                   _("“%s” is not a plain number. Write amounts with digits and a decimal point, like 12900 or 12.90."),
                   text);
      return FALSE;
    }
  for (; fraction_digits < minor_units; fraction_digits++)
    {
      if (!append_digit (&value, 0))
        goto overflow;
    }
  *out_minor = negative ? -(gint64) value : (gint64) value;
  return TRUE;

overflow:
  g_set_error (error, SB_CURRENCY_ERROR, SB_CURRENCY_ERROR_OVERFLOW,
               _("The amount “%s” is too large."), text);
  return FALSE;
}

/**
 * sb_currency_format_decimal:
 *
 * Returns: (transfer full): @minor as a plain decimal in @code's minor
 *   unit, e.g. 1290 USD → "12.90", 12900 KRW → "12900"
 */
char *
sb_currency_format_decimal (gint64      minor,
                            const char *code)
{
  int minor_units = sb_currency_get_minor_units (code);
  guint64 magnitude, divisor = 1;

  if (minor_units < 0)
    minor_units = 2;
  magnitude = minor < 0 ? (guint64) (-(minor + 1)) + 1 : (guint64) minor;
  if (minor_units == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, minor < 0 ? "-" : "", magnitude);
  for (int i = 0; i < minor_units; i++)
    divisor *= 10;
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT,
                          minor < 0 ? "-" : "",
                          magnitude / divisor, minor_units, magnitude % divisor);
}
