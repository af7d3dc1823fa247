/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-currency.h: ISO 4217 currency facts (from ICU) and the exact decimal
 * spelling of amounts used at the edges — the API, CSV files and the CLI.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SB_CURRENCY_ERROR (sb_currency_error_quark ())

typedef enum {
  SB_CURRENCY_ERROR_UNKNOWN,     /* not an ISO 4217 code ICU knows */
  SB_CURRENCY_ERROR_SYNTAX,      /* not a plain decimal number */
  SB_CURRENCY_ERROR_PRECISION,   /* more fraction digits than the minor unit */
  SB_CURRENCY_ERROR_OVERFLOW,    /* does not fit in 64 bits of minor units */
} SbCurrencyError;

GQuark   sb_currency_error_quark     (void);
gboolean sb_currency_is_known        (const char  *code);
int      sb_currency_get_minor_units (const char  *code);
gboolean sb_currency_parse_decimal   (const char  *text,
                                      const char  *code,
                                      gint64      *out_minor,
                                      GError     **error);
char    *sb_currency_format_decimal  (gint64       minor,
                                      const char  *code);

G_END_DECLS
