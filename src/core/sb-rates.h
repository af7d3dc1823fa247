/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-rates.h: the marketplace's exchange rates (GET /v1/reference/currencies)
 * kept as the exact decimal strings the server sent, and exact conversion of
 * money between currencies with them.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sb-money.h"

G_BEGIN_DECLS

#define SB_RATES_ERROR (sb_rates_error_quark ())

typedef enum {
  SB_RATES_ERROR_INVALID,           /* the JSON does not follow the contract */
  SB_RATES_ERROR_UNKNOWN_CURRENCY,  /* not an ISO 4217 code ICU knows */
  SB_RATES_ERROR_MISSING_CURRENCY,  /* no rate for this currency */
  SB_RATES_ERROR_OVERFLOW,          /* the result does not fit in 64 bits */
} SbRatesError;

#define SB_TYPE_RATES (sb_rates_get_type ())

G_DECLARE_FINAL_TYPE (SbRates, sb_rates, SB, RATES, GObject)

GQuark      sb_rates_error_quark     (void);
SbRates    *sb_rates_new_from_json   (JsonNode       *root,
                                      GError        **error);
SbRates    *sb_rates_new_from_data   (const char     *json,
                                      gssize          len,
                                      GError        **error);
const char *sb_rates_get_base        (SbRates        *rates);
GDateTime  *sb_rates_get_as_of       (SbRates        *rates);
gboolean    sb_rates_is_stale        (SbRates        *rates,
                                      GDateTime      *now);
gboolean    sb_rates_has             (SbRates        *rates,
                                      const char     *code);
const char *sb_rates_get_rate_string (SbRates        *rates,
                                      const char     *code);
char      **sb_rates_dup_codes       (SbRates        *rates);
gboolean    sb_rates_convert         (SbRates        *rates,
                                      const SbMoney  *from,
                                      const char     *to,
                                      SbMoney        *out,
                                      GError        **error);

G_END_DECLS
