/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-money.c: SbMoney, the boxed amount-plus-currency record.  Display
 * goes through ICU's currency formatter fed with the exact decimal string
 * (never a double), so ko_KR shows ₩12,900 and ru_RU shows 1 234,56 ₽.
 * Parsing is ICU's strict parser that must consume the whole text — with
 * or without the currency symbol — and its exact decimal result is turned
 * into minor units by the same strict rules as sb_currency_parse_decimal.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unicode/ucurr.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>
#include <unicode/uchar.h>

#include "sb-currency.h"
#include "sb-money.h"

G_DEFINE_QUARK (sb-money-error-quark, sb_money_error)

G_DEFINE_BOXED_TYPE (SbMoney, sb_money, sb_money_copy, sb_money_free)

/* Longest decimal string we accept back from ICU. */
#define DECIMAL_MAX 512
/* Exponents in ICU's scientific decimal strings beyond this are either far
 * too large or far too precise for any currency. */
#define EXPONENT_MAX 400

/**
 * sb_money_init:
 * @money: an #SbMoney to fill, e.g. on the stack
 * @currency: an ISO 4217 code; anything longer than 3 bytes is cut
 */
void
sb_money_init (SbMoney    *money,
               gint64      minor,
               const char *currency)
{
  char code[4] = { 0 };

  g_return_if_fail (money != NULL);
  /* @currency may point into @money itself. */
  if (currency != NULL)
    g_strlcpy (code, currency, sizeof code);
  money->minor = minor;
  memcpy (money->currency, code, sizeof code);
}

/**
 * sb_money_new:
 *
 * Returns: (transfer full): a new #SbMoney
 */
SbMoney *
sb_money_new (gint64      minor,
              const char *currency)
{
  SbMoney *money = g_new0 (SbMoney, 1);

  sb_money_init (money, minor, currency);
  return money;
}

SbMoney *
sb_money_copy (const SbMoney *money)
{
  g_return_val_if_fail (money != NULL, NULL);
  return g_memdup2 (money, sizeof *money);
}

void
sb_money_free (SbMoney *money)
{
  g_free (money);
}

/**
 * sb_money_equal:
 *
 * Returns: %TRUE when both amounts and currencies are the same
 */
gboolean
sb_money_equal (const SbMoney *a,
                const SbMoney *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  return a->minor == b->minor && strcmp (a->currency, b->currency) == 0;
}

/**
 * sb_money_to_decimal:
 *
 * Returns: (transfer full): the amount as a plain decimal in the currency's
 *   minor unit, e.g. "12.90" or "12900" — the spelling the API and CSV use
 */
char *
sb_money_to_decimal (const SbMoney *money)
{
  g_return_val_if_fail (money != NULL, NULL);
  return sb_currency_format_decimal (money->minor, money->currency);
}

static void
code_to_uchars (const char *code,
                UChar       ucode[4])
{
  u_charsToUChars (code, ucode, 3);
  ucode[3] = 0;
}

/* Opening an ICU currency formatter costs far more than formatting with
 * it (a list of prices spent most of its time in unum_open), so each
 * thread keeps the last few it opened, by locale and currency. */
#define FORMAT_CACHE_SIZE 8

typedef struct
{
  char           locale[32];
  char           currency[4];
  UNumberFormat *format;
} CachedFormat;

typedef struct
{
  CachedFormat entries[FORMAT_CACHE_SIZE];
  guint        next;
} FormatCache;

static void
format_cache_free (gpointer data)
{
  FormatCache *cache = data;

  for (guint i = 0; i < FORMAT_CACHE_SIZE; i++)
    if (cache->entries[i].format != NULL)
      unum_close (cache->entries[i].format);
  g_free (cache);
}

static GPrivate format_cache = G_PRIVATE_INIT (format_cache_free);

static UNumberFormat *
open_formatter (const char *locale,
                const char *currency)
{
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *format;
  UChar ucode[4];

  code_to_uchars (currency, ucode);
  format = unum_open (UNUM_CURRENCY, NULL, 0, locale, NULL, &status);
  unum_setTextAttribute (format, UNUM_CURRENCY_CODE, ucode, 3, &status);
  /* Exactly the minor unit the amount is counted in: nothing is rounded
   * away and KRW shows no decimals. */
  unum_setAttribute (format, UNUM_MIN_FRACTION_DIGITS, sb_currency_get_minor_units (currency));
  unum_setAttribute (format, UNUM_MAX_FRACTION_DIGITS, sb_currency_get_minor_units (currency));
  if (U_FAILURE (status))
    {
      unum_close (format);
      return NULL;
    }
  return format;
}

/* (transfer none): this thread's formatter for @locale and @currency, or
 * %NULL if ICU has none; @owned is set when the caller must close it
 * (a locale name too long for the cache). */
static UNumberFormat *
get_formatter (const char  *locale,
               const char  *currency,
               gboolean    *owned)
{
  FormatCache *cache = g_private_get (&format_cache);
  const char *key = locale != NULL ? locale : "";
  CachedFormat *entry;

  *owned = FALSE;
  if (strlen (key) >= sizeof entry->locale)
    {
      *owned = TRUE;
      return open_formatter (locale, currency);
    }
  if (cache == NULL)
    {
      cache = g_new0 (FormatCache, 1);
      g_private_set (&format_cache, cache);
    }
  for (guint i = 0; i < FORMAT_CACHE_SIZE; i++)
    {
      entry = &cache->entries[i];
      if (entry->format != NULL && strcmp (entry->locale, key) == 0 &&
          strcmp (entry->currency, currency) == 0)
        return entry->format;
    }
  entry = &cache->entries[cache->next];
  cache->next = (cache->next + 1) % FORMAT_CACHE_SIZE;
  g_clear_pointer (&entry->format, unum_close);
  entry->format = open_formatter (locale, currency);
  g_strlcpy (entry->locale, key, sizeof entry->locale);
  g_strlcpy (entry->currency, currency, sizeof entry->currency);
  return entry->format;
}

/**
 * sb_money_format:
 * @money: an amount
 * @locale: (nullable): an ICU locale such as "ko_KR", "ru_RU" or "en_US";
 *   %NULL for ICU's default locale
 *
 * Formats @money the way @locale writes money, with the currency's minor
 * units (no decimals for KRW).  With ICU 72: 12900 KRW in ko_KR is
 * "₩12,900"; 123456 RUB in ru_RU is "1 234,56 ₽" with U+00A0 NO-BREAK
 * SPACE both as the group separator and before the sign; 1290 USD in
 * en_US is "$12.90".  A code ICU does not know is shown as "12.90 XXQ".
 *
 * Returns: (transfer full): the text to show
 */
char *
sb_money_format (const SbMoney *money,
                 const char    *locale)
{
  g_autofree char *decimal = NULL;
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *format;
  gboolean owned;
  UChar buffer[256];
  int32_t len = 0;
  char *text = NULL;

  g_return_val_if_fail (money != NULL, NULL);

  decimal = sb_money_to_decimal (money);
  if (!sb_currency_is_known (money->currency))
    return g_strdup_printf ("%s %s", decimal, money->currency);

  format = get_formatter (locale, money->currency, &owned);
  if (format != NULL)
    len = unum_formatDecimal (format, decimal, -1, buffer, G_N_ELEMENTS (buffer), NULL, &status);
  else
    status = U_INTERNAL_PROGRAM_ERROR;
  if (owned && format != NULL)
    unum_close (format);
  if (U_SUCCESS (status) && len < (int32_t) G_N_ELEMENTS (buffer))
    text = g_utf16_to_utf8 ((const gunichar2 *) buffer, len, NULL, NULL, NULL);
  if (text == NULL)
    text = g_strdup_printf ("%s %s", decimal, money->currency);
  return text;
}

/* A strict ICU parser for @locale: the currency format when @currency_format
 * is NULL, otherwise a plain decimal format that uses the same monetary
 * separators as @currency_format. */
static UNumberFormat *
open_parser (const char          *locale,
             const UChar         *ucode,
             const UNumberFormat *currency_format)
{
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *format;

  format = unum_open (currency_format == NULL ? UNUM_CURRENCY : UNUM_DECIMAL,
                      NULL, 0, locale, NULL, &status);
  if (U_FAILURE (status))
    {
      unum_close (format);
      return NULL;
    }
  if (currency_format == NULL)
    {
      unum_setTextAttribute (format, UNUM_CURRENCY_CODE, ucode, 3, &status);
    }
  else
    {
      UChar symbol[16];
      int32_t len;

      len = unum_getSymbol (currency_format, UNUM_MONETARY_SEPARATOR_SYMBOL,
                            symbol, G_N_ELEMENTS (symbol), &status);
      unum_setSymbol (format, UNUM_DECIMAL_SEPARATOR_SYMBOL, symbol, len, &status);
      len = unum_getSymbol (currency_format, UNUM_MONETARY_GROUPING_SEPARATOR_SYMBOL,
                            symbol, G_N_ELEMENTS (symbol), &status);
      unum_setSymbol (format, UNUM_GROUPING_SEPARATOR_SYMBOL, symbol, len, &status);
    }
  unum_setAttribute (format, UNUM_LENIENT_PARSE, 0);
  unum_setAttribute (format, UNUM_PARSE_NO_EXPONENT, 1);
  if (U_FAILURE (status))
    {
      unum_close (format);
      return NULL;
    }
  return format;
}

typedef enum {
  PARSE_OK,
  PARSE_SYNTAX,
  PARSE_TOO_LONG,
} ParseResult;

/* Parses all of @text or fails: ICU stops quietly at the first character it
 * cannot use ("1 234,56" in ko_KR reads as 1234), so the position must be
 * the end. */
static ParseResult
parse_whole (const UNumberFormat *format,
             const UChar         *text,
             int32_t              len,
             char                 decimal[DECIMAL_MAX])
{
  UErrorCode status = U_ZERO_ERROR;
  int32_t pos = 0;
  int32_t n;

  n = unum_parseDecimal (format, text, len, &pos, decimal, DECIMAL_MAX, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING)
    return PARSE_TOO_LONG;
  if (U_FAILURE (status) || pos != len || n <= 0)
    return PARSE_SYNTAX;
  return PARSE_OK;
}

/* The number of digits right after the last @separator in @text. */
static int
count_fraction_digits (const UChar *text,
                       const UChar *separator)
{
  const UChar *found = u_strrstr (text, separator);
  UChar32 c;
  int32_t i, len, n = 0;

  if (found == NULL || separator[0] == 0)
    return 0;
  i = (int32_t) (found - text) + u_strlen (separator);
  len = u_strlen (text);
  while (i < len)
    {
      U16_NEXT (text, i, len, c);
      if (!u_isdigit (c))
        break;
      n++;
    }
  return n;
}

/* ICU hands back "1234.56", "-12.9" or, for larger magnitudes, "1.23456E+5":
 * spell any of them as a plain decimal.  @exponent_sign tells which way an
 * absurd exponent went. */
static char *
decimal_to_plain (const char *decimal,
                  int        *exponent_sign)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  GString *plain;
  gboolean negative = FALSE;
  gint64 point = -1, exponent = 0;
  const char *p = decimal;

  *exponent_sign = 0;
  if (*p == '-' || *p == '+')
    negative = (*p++ == '-');
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == '.' && point < 0)
        point = (gint64) digits->len;
      else if (*p == 'E' || *p == 'e')
        {
          char *end = NULL;

          exponent = g_ascii_strtoll (p + 1, &end, 10);
          if (end == p + 1 || *end != '\0')
            return NULL;
          if (exponent > EXPONENT_MAX || exponent < -EXPONENT_MAX)
            {
              *exponent_sign = exponent > 0 ? 1 : -1;
              return NULL;
            }
          break;
        }
      else
        return NULL;
    }
  if (digits->len == 0)
    return NULL;
  if (point < 0)
    point = (gint64) digits->len;
  point += exponent;

  plain = g_string_new (negative ? "-" : "");
  if (point <= 0)
    {
      g_string_append (plain, "0.");
      for (gint64 i = 0; i < -point; i++)
        g_string_append_c (plain, '0');
      g_string_append (plain, digits->str);
    }
  else if ((gsize) point >= digits->len)
    {
      g_string_append (plain, digits->str);
      for (gint64 i = (gint64) digits->len; i < point; i++)
        g_string_append_c (plain, '0');
    }
  else
    {
      g_string_append_len (plain, digits->str, (gssize) point);
      g_string_append_c (plain, '.');
      g_string_append (plain, digits->str + point);
    }
  return g_string_free (plain, FALSE);
}

/* Interior white space as people type it (plain spaces) rewritten the way
 * ICU writes it: a space between digits becomes the locale's group
 * separator when that is a space (U+00A0 in ru_RU); any other becomes
 * U+00A0, the space ICU puts between a number and its currency sign, or
 * is dropped with @drop_others ("₩ 12,900" is written "₩12,900"). */
static char *
normalize_spaces (const char  *text,
                  const UChar *grouping,
                  gboolean     drop_others)
{
  GString *out = g_string_new (NULL);
  gunichar group = 0;
  gunichar prev = 0;

  if (grouping[0] != 0 && grouping[1] == 0 && u_isUWhiteSpace (grouping[0]))
    group = grouping[0];
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar next = g_utf8_get_char (g_utf8_next_char (p));

      if (g_unichar_isspace (c))
        {
          if (g_unichar_isdigit (prev) && g_unichar_isdigit (next))
            {
              /* Never dropped: "1 234.56" is not 1234.56 in en_US. */
              if (group != 0)
                c = group;
            }
          else if (drop_others)
            continue;
          else
            c = 0x00A0;
        }
      g_string_append_unichar (out, c);
      prev = c;
    }
  return g_string_free (out, FALSE);
}

/* @text without @symbol at its start (after a minus sign) or its end. */
static char *
strip_symbol (const char *text,
              const char *symbol)
{
  const char *sign = "";
  const char *rest = text;
  gsize symbol_len = strlen (symbol);
  g_autofree char *body = NULL;

  if (symbol_len == 0)
    return NULL;
  if (*rest == '-')
    {
      sign = "-";
      rest++;
    }
  if (g_str_has_prefix (rest, symbol))
    body = g_strdup (rest + symbol_len);
  else if (g_str_has_suffix (rest, symbol))
    body = g_strndup (rest, strlen (rest) - symbol_len);
  else
    return NULL;
  g_strstrip (body);
  if (*body == '\0' || (*sign != '\0' && *body == '-'))
    return NULL;
  return g_strconcat (sign, body, NULL);
}

/* Adds @text without the currency's symbol, narrow symbol or ISO code, for
 * each of them it starts or ends with. */
static void
add_without_symbols (GPtrArray   *candidates,
                     const char  *text,
                     const UChar *ucode,
                     const char  *locale)
{
  static const UCurrNameStyle styles[] = { UCURR_SYMBOL_NAME, UCURR_NARROW_SYMBOL_NAME };
  g_autofree char *code = g_utf16_to_utf8 ((const gunichar2 *) ucode, 3, NULL, NULL, NULL);
  char *stripped;

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      UErrorCode status = U_ZERO_ERROR;
      UBool is_choice = 0;
      int32_t len = 0;
      const UChar *name;
      g_autofree char *symbol = NULL;

      name = ucurr_getName (ucode, locale != NULL ? locale : uloc_getDefault (),
                            styles[i], &is_choice, &len, &status);
      if (U_FAILURE (status) || name == NULL)
        continue;
      symbol = g_utf16_to_utf8 ((const gunichar2 *) name, len, NULL, NULL, NULL);
      if (symbol != NULL && (stripped = strip_symbol (text, symbol)) != NULL)
        g_ptr_array_add (candidates, stripped);
    }
  if (code != NULL && (stripped = strip_symbol (text, code)) != NULL)
    g_ptr_array_add (candidates, stripped);
}

static char *
dup_example (const char *currency,
             const char *locale)
{
  int minor_units = sb_currency_get_minor_units (currency);
  g_autofree char *decimal = NULL;
  SbMoney example;
  gint64 minor = 0;

  decimal = g_strdup_printf ("1234%s%.*s", minor_units > 0 ? "." : "",
                             MIN (minor_units, 9), "567890123");
  if (!sb_currency_parse_decimal (decimal, currency, &minor, NULL))
    minor = 1234;
  sb_money_init (&example, minor, currency);
  return sb_money_format (&example, locale);
}

static void
set_precision_error (GError     **error,
                     const char  *currency,
                     int          minor_units,
                     const char  *text)
{
  if (minor_units == 0)
    g_set_error (error, SB_MONEY_ERROR, SB_MONEY_ERROR_PRECISION,
                 _("%s amounts are whole numbers; “%s” has a fraction."), currency, text);
  else
    g_set_error (error, SB_MONEY_ERROR, SB_MONEY_ERROR_PRECISION,
                 g_dngettext (GETTEXT_PACKAGE,
                              "%s amounts have at most %d digit after the decimal point; “%s” has more.",
                              "%s amounts have at most %d digits after the decimal point; “%s” has more.",
                              minor_units),
                 currency, minor_units, text);
}

/**
 * sb_money_parse_locale:
 * @text: an amount as a person typed it, e.g. "₩12,900", "12900",
 *   "1 234,56 ₽" or "1234,56" (ru_RU), "$12.90" (en_US)
 * @currency: the ISO 4217 code the amount is in
 * @locale: (nullable): the ICU locale whose separators @text uses; %NULL
 *   for ICU's default locale
 * @out: (out caller-allocates): the amount
 *
 * ICU's strict parser reads @text, with or without @currency's symbol and
 * with or without (correctly placed) group separators; plain spaces are
 * accepted where the locale writes U+00A0, and @currency's symbol or ISO
 * code may also stand at the other end or without its space ("500₽",
 * "12.90 USD", "₩ 12,900").  No other currency's sign is accepted.  The
 * whole of @text must be used: "1 234,56" in ko_KR or "1234.56" in ru_RU
 * is an error, not 1234 or 123456.  The number is converted to minor units exactly, and more
 * fraction digits than the currency has (even zeros: "12.900" USD, "12.0"
 * KRW) are an error, never rounded.  Negative amounts are accepted; the
 * caller decides whether they make sense.
 *
 * Returns: %TRUE on success; @out is untouched on failure
 */
gboolean
sb_money_parse_locale (const char  *text,
                       const char  *currency,
                       const char  *locale,
                       SbMoney     *out,
                       GError     **error)
{
  int minor_units = sb_currency_get_minor_units (currency);
  g_autofree char *stripped = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  guint n_with_symbol;
  UNumberFormat *currency_format = NULL;
  UNumberFormat *decimal_format = NULL;
  UErrorCode status = U_ZERO_ERROR;
  UChar ucode[4];
  UChar grouping[16] = { 0 };
  UChar separator[16] = { 0 };
  char decimal[DECIMAL_MAX];
  ParseResult result = PARSE_SYNTAX;
  int fraction_digits = 0;
  int exponent_sign = 0;
  g_autoptr(GError) local_error = NULL;
  gint64 minor = 0;

  g_return_val_if_fail (out != NULL, FALSE);

  if (minor_units < 0)
    {
      g_set_error (error, SB_MONEY_ERROR, SB_MONEY_ERROR_UNKNOWN_CURRENCY,
                   _("“%s” is not a currency code. Use a three-letter ISO 4217 code such as KRW, RUB or USD."),
                   currency != NULL ? currency : "");
      return FALSE;
    }
  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    goto syntax;
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    goto syntax;

  code_to_uchars (currency, ucode);
  currency_format = open_parser (locale, ucode, NULL);
  if (currency_format != NULL)
    decimal_format = open_parser (locale, ucode, currency_format);
  if (decimal_format == NULL)
    goto syntax;
  unum_getSymbol (currency_format, UNUM_MONETARY_GROUPING_SEPARATOR_SYMBOL,
                  grouping, G_N_ELEMENTS (grouping) - 1, &status);
  unum_getSymbol (currency_format, UNUM_MONETARY_SEPARATOR_SYMBOL,
                  separator, G_N_ELEMENTS (separator) - 1, &status);
  if (U_FAILURE (status))
    goto syntax;

  /* As typed first, then with the spaces spelled the way ICU spells them,
   * then without spaces around the sign, then with the currency's own sign
   * or code taken off either end ("500₽", "12.90 USD"); each read with the
   * currency sign, then as a bare number. */
  candidates = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (candidates, g_strdup (stripped));
  g_ptr_array_add (candidates, normalize_spaces (stripped, grouping, FALSE));
  g_ptr_array_add (candidates, normalize_spaces (stripped, grouping, TRUE));
  n_with_symbol = candidates->len;
  add_without_symbols (candidates, stripped, ucode, locale);
  for (guint i = 0; i < candidates->len && result == PARSE_SYNTAX; i++)
    {
      const char *candidate = g_ptr_array_index (candidates, i);
      g_autofree gunichar2 *utf16 = NULL;
      glong len = 0;

      utf16 = g_utf8_to_utf16 (candidate, -1, NULL, &len, NULL);
      if (utf16 == NULL || len > G_MAXINT32)
        break;
      /* Once the sign is off, what is left must be a bare number. */
      if (i < n_with_symbol)
        result = parse_whole (currency_format, (const UChar *) utf16, (int32_t) len, decimal);
      if (result == PARSE_SYNTAX)
        result = parse_whole (decimal_format, (const UChar *) utf16, (int32_t) len, decimal);
      if (result == PARSE_OK)
        fraction_digits = count_fraction_digits ((const UChar *) utf16, separator);
    }
  g_clear_pointer (&currency_format, unum_close);
  g_clear_pointer (&decimal_format, unum_close);

  if (result == PARSE_TOO_LONG)
    goto overflow;
  if (result != PARSE_OK)
    goto syntax;
  if (fraction_digits > minor_units)
    {
      set_precision_error (error, currency, minor_units, text);
      return FALSE;
    }
  plain = decimal_to_plain (decimal, &exponent_sign);
  if (plain == NULL)
    {
      if (exponent_sign > 0)
        goto overflow;
      if (exponent_sign < 0)
        {
          set_precision_error (error, currency, minor_units, text);
          return FALSE;
        }
      goto syntax;
    }
  if (!sb_currency_parse_decimal (plain, currency, &minor, &local_error))
    {
      if (g_error_matches (local_error, SB_CURRENCY_ERROR, SB_CURRENCY_ERROR_PRECISION))
        {
          set_precision_error (error, currency, minor_units, text);
          return FALSE;
        }
      if (g_error_matches (local_error, SB_CURRENCY_ERROR, SB_CURRENCY_ERROR_OVERFLOW))
        goto overflow;
      goto syntax;
    }
  sb_money_init (out, minor, currency);
  return TRUE;

overflow:
  g_set_error (error, SB_MONEY_ERROR, SB_MONEY_ERROR_OVERFLOW,
               _("The amount “%s” is too large."), text);
  return FALSE;

syntax:
  g_clear_pointer (&currency_format, unum_close);
  g_clear_pointer (&decimal_format, unum_close);
  {
    g_autofree char *example = dup_example (currency, locale);

    g_set_error (error, SB_MONEY_ERROR, SB_MONEY_ERROR_SYNTAX,
                 /* Translators: the first %s is what the seller typed, the
                  * second an example amount written the way the seller's
                  * language writes money, e.g. "1 234,56 ₽". */
                 _("“%s” is not an amount. Write it like %s."), text, example);
  }
  return FALSE;
}

static gboolean
check_same_currency (const SbMoney  *a,
                     const SbMoney  *b,
                     GError        **error)
{
  if (strcmp (a->currency, b->currency) == 0)
    return TRUE;
  g_set_error (error, SB_MONEY_ERROR, SB_MONEY_ERROR_CURRENCY_MISMATCH,
               /* Translators: the two %s are ISO 4217 codes such as KRW and USD. */
               _("Amounts in %s and %s cannot be added or subtracted. Convert one of them first."),
               a->currency, b->currency);
  return FALSE;
}

static void
set_overflow_error (GError **error)
{
  g_set_error_literal (error, SB_MONEY_ERROR, SB_MONEY_ERROR_OVERFLOW,
                       _("The result is too large to represent. Check the amounts for a typing mistake."));
}

/**
 * sb_money_add:
 * @out: (out caller-allocates): @a + @b; may be @a or @b
 *
 * Returns: %FALSE when the currencies differ or the sum overflows; @out is
 *   then untouched
 */
gboolean
sb_money_add (const SbMoney  *a,
              const SbMoney  *b,
              SbMoney        *out,
              GError        **error)
{
  gint64 result;

  g_return_val_if_fail (a != NULL && b != NULL && out != NULL, FALSE);
  if (!check_same_currency (a, b, error))
    return FALSE;
  if (__builtin_add_overflow (a->minor, b->minor, &result))
    {
      set_overflow_error (error);
      return FALSE;
    }
  sb_money_init (out, result, a->currency);
  return TRUE;
}

/**
 * sb_money_subtract:
 * @out: (out caller-allocates): @a − @b; may be @a or @b
 *
 * Returns: %FALSE when the currencies differ or the difference overflows
 */
gboolean
sb_money_subtract (const SbMoney  *a,
                   const SbMoney  *b,
                   SbMoney        *out,
                   GError        **error)
{
  gint64 result;

  g_return_val_if_fail (a != NULL && b != NULL && out != NULL, FALSE);
  if (!check_same_currency (a, b, error))
    return FALSE;
  if (__builtin_sub_overflow (a->minor, b->minor, &result))
    {
      set_overflow_error (error);
      return FALSE;
    }
  sb_money_init (out, result, a->currency);
  return TRUE;
}

/**
 * sb_money_multiply:
 * @out: (out caller-allocates): @money × @factor; may be @money
 *
 * Returns: %FALSE when the product overflows
 */
gboolean
sb_money_multiply (const SbMoney  *money,
                   gint64          factor,
                   SbMoney        *out,
                   GError        **error)
{
  gint64 result;

  g_return_val_if_fail (money != NULL && out != NULL, FALSE);
  if (__builtin_mul_overflow (money->minor, factor, &result))
    {
      set_overflow_error (error);
      return FALSE;
    }
  sb_money_init (out, result, money->currency);
  return TRUE;
}
