/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-identity.c: normalisation and check-digit rules of seller identity
 * numbers and barcodes.  Pasted text is folded to ASCII (NFKC turns
 * full-width digits into plain ones; spaces, dashes and invisible format
 * characters are dropped), then the length, characters and check digits
 * are verified in that order, and each failure names the exact problem:
 * the length expected or the check digit that the rest of the number
 * calls for.  OGRN and OGRNIP are reduced in 64-bit integers.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-identity.h"

G_DEFINE_QUARK (sb-id-error-quark, sb_id_error)

static const char * const kind_names[] = {
  "kr-brn", "ru-inn", "ru-ogrn", "ru-ogrnip", "ru-kpp", "ean13",
};

gboolean
sb_id_kind_from_string (const char *s,
                        SbIdKind   *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_strcmp0 (s, kind_names[i]) == 0)
        {
          if (out != NULL)
            *out = (SbIdKind) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
sb_id_kind_to_string (SbIdKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

static gboolean
is_dropped (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_FORMAT:
    case G_UNICODE_CONTROL:
      return TRUE;
    default:
      /* U+2212 MINUS SIGN is a math symbol, but people type it as a dash. */
      return c == 0x2212;
    }
}

/**
 * sb_id_normalize:
 * @input: (nullable): text as the user typed or pasted it
 *
 * Folds full-width and other compatibility forms to ASCII, turns any
 * decimal digit into its ASCII digit, uppercases letters and drops
 * spaces (including no-break ones), dashes, tabs, line breaks and
 * invisible format characters.  Any other character is kept so that the
 * check can name it.
 *
 * Returns: (transfer full): the normalised text, never %NULL
 */
char *
sb_id_normalize (const char *input)
{
  g_autofree char *valid = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (input == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (input, -1);
  folded = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKC);
  if (folded == NULL)
    folded = g_strdup (valid);
  out = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_dropped (c))
        continue;
      if (g_unichar_isdigit (c) && g_unichar_digit_value (c) >= 0)
        g_string_append_c (out, (char) ('0' + g_unichar_digit_value (c)));
      else if (c < 0x80)
        g_string_append_c (out, g_ascii_toupper ((char) c));
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static int
digit (const char *s,
       guint       i)
{
  return s[i] - '0';
}

static int
weighted_mod11 (const char *s,
                const int  *weights,
                guint       n)
{
  int sum = 0;

  for (guint i = 0; i < n; i++)
    sum += digit (s, i) * weights[i];
  return sum % 11 % 10;
}

static int
brn_check_digit (const char *s)
{
  static const int weights[] = { 1, 3, 7, 1, 3, 7, 1, 3, 5 };
  int sum = 0;

  for (guint i = 0; i < 9; i++)
    sum += digit (s, i) * weights[i];
  sum += digit (s, 8) * 5 / 10;
  return (10 - sum % 10) % 10;
}

static int
inn10_check_digit (const char *s)
{
  static const int weights[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };

  return weighted_mod11 (s, weights, 9);
}

static int
inn12_check_digit_1 (const char *s)
{
  static const int weights[] = { 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };

  return weighted_mod11 (s, weights, 10);
}

static int
inn12_check_digit_2 (const char *s)
{
  static const int weights[] = { 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };

  return weighted_mod11 (s, weights, 11);
}

/* The first @n digits as a number, mod @modulus, mod 10. */
static int
number_mod (const char *s,
            guint       n,
            guint64     modulus)
{
  guint64 value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + (guint64) digit (s, i);
  return (int) (value % modulus % 10);
}

/* EAN-13; a 12-digit UPC-A is an EAN-13 with a leading zero. */
static int
ean_check_digit (const char *s,
                 guint       len)
{
  int sum = 0;

  /* Weights 3, 1, 3, … from the digit left of the check digit. */
  for (guint i = 0; i + 1 < len; i++)
    sum += digit (s, i) * (((len - 2 - i) % 2 == 0) ? 3 : 1);
  return (10 - sum % 10) % 10;
}

static void
set_check_digit_error (GError **error,
                       int      expected,
                       int      actual)
{
  g_set_error (error, SB_ID_ERROR, SB_ID_ERROR_CHECK_DIGIT,
               /* Translators: both are single digits, 0–9. */
               _("The last digit is a check digit: the check digit should be %d, not %d. Look for a typo in the other digits."),
               expected, actual);
}

static gboolean
check_digits_only (const char  *value,
                   GError     **error)
{
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_ascii_isdigit (*p))
        {
          g_autofree char *bad = g_strndup (p, (gsize) (g_utf8_next_char (p) - p));

          g_set_error (error, SB_ID_ERROR, SB_ID_ERROR_CHARACTERS,
                       /* Translators: %s is the character that is not allowed. */
                       _("Only digits are allowed here; “%s” is not a digit."), bad);
          return FALSE;
        }
    }
  return TRUE;
}

static void
set_length_error (GError   **error,
                  SbIdKind   kind,
                  int        form,   /* -1 any, 0 company, 1 sole proprietor */
                  guint      len)
{
  switch (kind)
    {
    case SB_ID_KIND_KR_BRN:
      g_set_error (error, SB_ID_ERROR, SB_ID_ERROR_LENGTH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A business registration number has 10 digits, but this one has %u.",
                                "A business registration number has 10 digits, but this one has %u.",
                                len),
                   len);
      break;
    case SB_ID_KIND_RU_INN:
      if (form == 0)
        g_set_error (error, SB_ID_ERROR, SB_ID_ERROR_LENGTH,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "A company’s INN has 10 digits, but this one has %u.",
                                  "A company’s INN has 10 digits, but this one has %u.",
                                  len),
                     len);
      else if (form == 1)
        g_set_error (error, SB_ID_ERROR, SB_ID_ERROR_LENGTH,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "A sole proprietor’s INN has 12 digits, but this one has %u.",
                                  "A sole proprietor’s INN has 12 digits, but this one has %u.",
                                  len),
                     len);
      else
        g_set_error (error, SB_ID_ERROR, SB_ID_ERROR_LENGTH,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "An INN has 10 digits for a company, 12 for a sole proprietor, but this one has %u.",
                                  "An INN has 10 digits for a company, 12 for a sole proprietor, but this one has %u.",
                                  len),
                     len);
      break;
    case SB_ID_KIND_RU_OGRN:
      g_set_error (error, SB_ID_ERROR, SB_ID_ERROR_LENGTH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A company’s OGRN has 13 digits, but this one has %u.",
                                "A company’s OGRN has 13 digits, but this one has %u.",
                                len),
                   len);
      break;
    case SB_ID_KIND_RU_OGRNIP:
      g_set_error (error, SB_ID_ERROR, SB_ID_ERROR_LENGTH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A sole proprietor’s OGRNIP has 15 digits, but this one has %u.",
                                "A sole proprietor’s OGRNIP has 15 digits, but this one has %u.",
                                len),
                   len);
      break;
    case SB_ID_KIND_RU_KPP:
      g_set_error (error, SB_ID_ERROR, SB_ID_ERROR_LENGTH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A KPP has 9 characters, but this one has %u.",
                                "A KPP has 9 characters, but this one has %u.",
                                len),
                   len);
      break;
    case SB_ID_KIND_EAN13:
      g_set_error (error, SB_ID_ERROR, SB_ID_ERROR_LENGTH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A barcode has 13 digits (EAN-13) or 12 (UPC-A), but this one has %u.",
                                "A barcode has 13 digits (EAN-13) or 12 (UPC-A), but this one has %u.",
                                len),
                   len);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_kpp (const char  *value,
           GError     **error)
{
  guint i = 0;

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      gboolean ok;

      if (i < 4 || (i >= 6 && i < 9))
        ok = g_ascii_isdigit (*p);
      else if (i < 6)
        ok = g_ascii_isdigit (*p) || g_ascii_isupper (*p);
      else
        ok = g_ascii_isalnum (*p);
      if (!ok)
        {
          g_autofree char *bad = g_strndup (p, (gsize) (g_utf8_next_char (p) - p));

          g_set_error (error, SB_ID_ERROR, SB_ID_ERROR_CHARACTERS,
                       /* Translators: %s is the character, %u its position (1–9). */
                       _("A KPP is 4 digits, then 2 digits or Latin capital letters, then 3 digits; “%s” at position %u does not fit."),
                       bad, i + 1);
          return FALSE;
        }
    }
  if (i != 9)
    {
      set_length_error (error, SB_ID_KIND_RU_KPP, -1, i);
      return FALSE;
    }
  return TRUE;
}

static char *
check (SbIdKind     kind,
       const char  *input,
       int          form,
       GError     **error)
{
  g_autofree char *value = sb_id_normalize (input);
  guint len;
  int expected, expected2;

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  if (kind == SB_ID_KIND_RU_KPP)
    return check_kpp (value, error) ? g_steal_pointer (&value) : NULL;

  if (!check_digits_only (value, error))
    return NULL;
  len = (guint) strlen (value);

  switch (kind)
    {
    case SB_ID_KIND_KR_BRN:
      if (len != 10)
        goto bad_length;
      expected = brn_check_digit (value);
      if (expected != digit (value, 9))
        goto bad_check_digit;
      break;

    case SB_ID_KIND_RU_INN:
      if ((form == 0 && len != 10) || (form == 1 && len != 12) ||
          (form < 0 && len != 10 && len != 12))
        goto bad_length;
      if (len == 10)
        {
          expected = inn10_check_digit (value);
          if (expected != digit (value, 9))
            goto bad_check_digit;
          break;
        }
      /* The second check digit covers the first: compute it over the
       * corrected first one, so that following both hints gives a valid
       * number when the typo is in the check digits themselves. */
      expected = inn12_check_digit_1 (value);
      {
        char corrected[12];

        memcpy (corrected, value, 10);
        corrected[10] = (char) ('0' + expected);
        corrected[11] = '\0';
        expected2 = inn12_check_digit_2 (corrected);
      }
      if (expected != digit (value, 10) && expected2 != digit (value, 11))
        {
          g_set_error (error, SB_ID_ERROR, SB_ID_ERROR_CHECK_DIGIT,
                       /* Translators: a 12-digit INN; %d are single digits. */
                       _("The last two digits are check digits: the 11th should be %d and the 12th should be %d, not %d and %d. Look for a typo in the other digits."),
                       expected, expected2, digit (value, 10), digit (value, 11));
          return NULL;
        }
      if (expected != digit (value, 10))
        {
          g_set_error (error, SB_ID_ERROR, SB_ID_ERROR_CHECK_DIGIT,
                       /* Translators: a 12-digit INN; %d are single digits. */
                       _("The first check digit (the 11th digit) should be %d, not %d. Look for a typo in the first ten digits."),
                       expected, digit (value, 10));
          return NULL;
        }
      if (expected2 != digit (value, 11))
        {
          g_set_error (error, SB_ID_ERROR, SB_ID_ERROR_CHECK_DIGIT,
                       /* Translators: a 12-digit INN; %d are single digits. */
                       _("The second check digit (the 12th digit) should be %d, not %d. Look for a typo in the other digits."),
                       expected2, digit (value, 11));
          return NULL;
        }
      break;

    case SB_ID_KIND_RU_OGRN:
      if (len != 13)
        goto bad_length;
      expected = number_mod (value, 12, 11);
      if (expected != digit (value, 12))
        goto bad_check_digit;
      break;

    case SB_ID_KIND_RU_OGRNIP:
      if (len != 15)
        goto bad_length;
      /* A remainder of 11 or 12 gives check digit 1 or 2 (mod 10). */
      expected = number_mod (value, 14, 13);
      if (expected != digit (value, 14))
        goto bad_check_digit;
      break;

    case SB_ID_KIND_EAN13:
      if (len != 13 && len != 12)
        goto bad_length;
      expected = ean_check_digit (value, len);
      if (expected != digit (value, len - 1))
        goto bad_check_digit;
      break;

    case SB_ID_KIND_RU_KPP:
    default:
      g_assert_not_reached ();
    }
  return g_steal_pointer (&value);

bad_length:
  set_length_error (error, kind, form, len);
  return NULL;

bad_check_digit:
  set_check_digit_error (error, expected, digit (value, len - 1));
  return NULL;
}

/**
 * sb_id_check:
 * @kind: what @input should be
 * @input: (nullable): the number as typed or pasted
 *
 * Returns: (transfer full) (nullable): the normalised number, or %NULL with
 *   @error in %SB_ID_ERROR saying what is wrong
 */
char *
sb_id_check (SbIdKind     kind,
             const char  *input,
             GError     **error)
{
  return check (kind, input, -1, error);
}

/**
 * sb_id_check_for_form:
 * @sole_proprietor: whether the seller is a sole proprietor (ИП)
 *
 * Like sb_id_check(), but for the legal form: an INN must then have 10
 * digits for a company and 12 for a sole proprietor, and the message names
 * the form.  For %SB_ID_KIND_RU_OGRN and %SB_ID_KIND_RU_OGRNIP the form
 * decides which of the two is checked (OGRN for a company, OGRNIP for a
 * sole proprietor).
 */
char *
sb_id_check_for_form (SbIdKind     kind,
                      const char  *input,
                      gboolean     sole_proprietor,
                      GError     **error)
{
  if (kind == SB_ID_KIND_RU_OGRN || kind == SB_ID_KIND_RU_OGRNIP)
    kind = sole_proprietor ? SB_ID_KIND_RU_OGRNIP : SB_ID_KIND_RU_OGRN;
  if (kind == SB_ID_KIND_RU_INN)
    return check (kind, input, sole_proprietor ? 1 : 0, error);
  return check (kind, input, -1, error);
}
