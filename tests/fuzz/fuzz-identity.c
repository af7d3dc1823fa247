/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-identity.c: a libFuzzer target for identity checks — the Korean
 * business registration number, INN, OGRN, OGRNIP, KPP and EAN-13 /
 * UPC-A — on raw bytes as people paste them (any encoding, full-width
 * digits, dashes, stray spaces).  A check either returns the normalised
 * value or fails with a message; a normalised valid value is valid and
 * unchanged when checked again, and the legal form only narrows what is
 * valid.
 */
#include "config.h"

#include <stdint.h>

#include "sb-identity.h"

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

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *normalized = NULL;

  if (size > 1024)
    return 0;
  text = g_strndup ((const char *) data, size);
  normalized = sb_id_normalize (text);
  if (normalized != NULL)
    g_assert_true (g_utf8_validate (normalized, -1, NULL));

  for (guint kind = SB_ID_KIND_KR_BRN; kind <= SB_ID_KIND_EAN13; kind++)
    {
      const char *name = sb_id_kind_to_string ((SbIdKind) kind);
      SbIdKind parsed;

      g_assert_true (sb_id_kind_from_string (name, &parsed));
      g_assert_cmpint (parsed, ==, kind);

      for (int sole = 0; sole <= 1; sole++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GError) form_error = NULL;
          g_autofree char *value = sb_id_check ((SbIdKind) kind, text, &error);
          g_autofree char *for_form = sb_id_check_for_form ((SbIdKind) kind, text, sole, &form_error);

          g_assert ((value == NULL) == (error != NULL));
          g_assert ((for_form == NULL) == (form_error != NULL));
          if (error != NULL)
            {
              g_assert (error->domain == SB_ID_ERROR);
              g_assert_true (g_utf8_validate (error->message, -1, NULL));
              g_assert_cmpstr (error->message, !=, "");
            }
          if (form_error != NULL)
            g_assert_true (g_utf8_validate (form_error->message, -1, NULL));
          if (value != NULL)
            {
              g_autofree char *again = sb_id_check ((SbIdKind) kind, value, NULL);

              /* Only ASCII digits (and KPP's letters) survive. */
              for (const char *p = value; *p != '\0'; p++)
                g_assert_true (g_ascii_isdigit (*p) || (kind == SB_ID_KIND_RU_KPP && g_ascii_isupper (*p)));
              g_assert_cmpstr (again, ==, value);
            }
          if (for_form != NULL && kind != SB_ID_KIND_RU_OGRN && kind != SB_ID_KIND_RU_OGRNIP)
            g_assert_cmpstr (for_form, ==, value);
        }
    }
  return 0;
}
