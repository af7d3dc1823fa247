/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-currency-names.c: unit tests of currency names in the interface
 * language from iso-codes.  Each language runs in its own subprocess so
 * that gettext starts fresh; a language is skipped only when its system
 * locale is not installed (generate ko_KR.UTF-8 and ru_RU.UTF-8 with
 * locale-gen to run them).
 */
#include "config.h"

#include <locale.h>

#include "sb-currency-names.h"

static gboolean
locale_available (const char *name)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  gboolean available = setlocale (LC_ALL, name) != NULL;

  setlocale (LC_ALL, saved);
  return available;
}

static void
assert_name (const char *code,
             const char *expected)
{
  g_autofree char *name = sb_currency_dup_name (code);

  g_assert_cmpstr (name, ==, expected);
}

/* Runs the calling test again in a subprocess with @language and @locale. */
static gboolean
in_language (const char *language,
             const char *locale)
{
  if (g_test_subprocess ())
    {
      if (language != NULL)
        g_setenv ("LANGUAGE", language, TRUE);
      else
        g_unsetenv ("LANGUAGE");
      g_unsetenv ("LC_ALL");
      g_unsetenv ("LC_MESSAGES");
      g_assert_nonnull (setlocale (LC_ALL, locale));
      return TRUE;
    }
  if (!locale_available (locale))
    {
      g_autofree char *message = g_strdup_printf ("the %s locale is not installed", locale);

      g_test_skip (message);
      return FALSE;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}

static void
test_english (void)
{
  if (!in_language (NULL, "C.UTF-8"))
    return;
  assert_name ("KRW", "Won");
  assert_name ("RUB", "Russian Ruble");
  assert_name ("USD", "US Dollar");
  assert_name ("CNY", "Yuan Renminbi");
}

static void
test_russian (void)
{
  if (!in_language ("ru", "ru_RU.UTF-8"))
    return;
  assert_name ("KRW", "Вона");
  assert_name ("RUB", "Российский рубль");
  assert_name ("USD", "Доллар США");
  assert_name ("EUR", "Евро");
}

static void
test_korean (void)
{
  if (!in_language ("ko", "ko_KR.UTF-8"))
    return;
  assert_name ("KRW", "대한민국 원");
  assert_name ("RUB", "러시아 루블");
  assert_name ("USD", "미국 달러");
  assert_name ("CNY", "중국 위안");
}

static void
test_unknown (void)
{
  assert_name ("XXQ", "XXQ");
  assert_name ("", "");
  assert_name (NULL, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/currency-names/english", test_english);
  g_test_add_func ("/currency-names/russian", test_russian);
  g_test_add_func ("/currency-names/korean", test_korean);
  g_test_add_func ("/currency-names/unknown", test_unknown);

  return g_test_run ();
}
