/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-format.c: the interface's locale for ICU money formatting (the
 * language the interface follows, e.g. "ko_KR" from LANG=ko_KR.UTF-8 or
 * "ru" from LANGUAGE=ru; "en_US" for the C locale) and the interface language among Sellbridge's
 * three.  Money is formatted by sb-money (ICU), never by printf.
 */
#include "config.h"

#include <string.h>

#include "sb-format.h"
#include "sb-money.h"

/**
 * sb_format_locale:
 *
 * Returns: an ICU locale id for the interface, e.g. "ru_RU"
 */
const char *
sb_format_locale (void)
{
  static gsize locale;

  if (g_once_init_enter (&locale))
    {
      const char * const *names = g_get_language_names ();
      char *id = NULL;

      for (guint i = 0; names[i] != NULL && id == NULL; i++)
        {
          if (g_str_equal (names[i], "C") || g_str_equal (names[i], "POSIX") ||
              g_str_has_prefix (names[i], "C."))
            continue;
          id = g_strndup (names[i], strcspn (names[i], ".@"));
        }
      g_once_init_leave (&locale, (gsize) (id != NULL ? id : g_strdup ("en_US")));
    }
  return (const char *) locale;
}

/**
 * sb_format_interface_lang:
 *
 * Returns: the language the interface is shown in, or English when it is
 *   none of Sellbridge's three
 */
SbLang
sb_format_interface_lang (void)
{
  const char * const *names = g_get_language_names ();
  SbLang lang;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *code = g_strndup (names[i], 2);

      if (g_str_equal (names[i], "C"))
        break;
      if (sb_lang_from_code (code, &lang))
        return lang;
    }
  return SB_LANG_EN;
}

/**
 * sb_format_money:
 *
 * Returns: (transfer full): @minor units of @currency as the interface's
 *   locale writes them, e.g. "₩12,900" or "1 234,56 ₽"
 */
char *
sb_format_money (gint64      minor,
                 const char *currency)
{
  SbMoney money;

  sb_money_init (&money, minor, currency);
  return sb_money_format (&money, sb_format_locale ());
}
