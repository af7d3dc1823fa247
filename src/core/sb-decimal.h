/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-decimal.h: exact decimal arithmetic for money — positive decimal
 * factors such as exchange rates ("1385.20") and commission rates ("0.08")
 * kept as an integer and a power of ten, and one multiply-divide with a
 * single rounding, half away from zero, done on wide integers.  Nothing
 * here ever goes through a binary float.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* At most this many digits after the decimal point in a factor. */
#define SB_DECIMAL_MAX_SCALE 40

/* value = mantissa / 10^scale; the mantissa has no trailing zeros in the
 * fraction, so "1385.20" is { 138520 → 13852, scale 1 }. */
typedef struct {
  guint64 mantissa;
  guint   scale;
} SbDecimal;

gboolean sb_decimal_parse      (const char      *text,
                                SbDecimal       *out);
gboolean sb_decimal_is_zero    (const SbDecimal *decimal);
int      sb_decimal_compare    (const SbDecimal *a,
                                const SbDecimal *b);
gboolean sb_decimal_mul_div    (gint64           value,
                                guint64          multiplier,
                                guint64          divisor,
                                int              exp10,
                                gint64          *out);

G_END_DECLS
