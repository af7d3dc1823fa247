/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-common.c: parsers shared by the sellbridge-cli commands that take
 * a parcel on the command line: a positive whole number (grams) and a size
 * "LxWxH" in whole millimetres, so quote, net and price-for-net accept
 * exactly the same input.
 */
#include "config.h"

#include "sb-cli-common.h"

/* A whole number 1 … G_MAXUINT, digits only. */
gboolean
sb_cli_parse_positive (const char *text,
                       guint      *out)
{
  guint64 value = 0;

  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

/* "300x200x30" (x, X or ×) → three positive whole millimetres. */
gboolean
sb_cli_parse_size (const char *text,
                   SbParcel   *parcel)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) parts = NULL;
  GString *ascii;

  if (text == NULL)
    return FALSE;
  ascii = g_string_new (text);
  g_string_replace (ascii, "×", "x", 0);
  g_string_replace (ascii, "X", "x", 0);
  folded = g_string_free (ascii, FALSE);
  parts = g_strsplit (folded, "x", -1);
  return g_strv_length (parts) == 3 &&
         sb_cli_parse_positive (parts[0], &parcel->length_mm) &&
         sb_cli_parse_positive (parts[1], &parcel->width_mm) &&
         sb_cli_parse_positive (parts[2], &parcel->height_mm);
}
