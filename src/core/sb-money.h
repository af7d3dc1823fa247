/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-money.h: an amount of money — a count of minor units and an ISO 4217
 * code — with locale formatting and strict locale parsing through ICU, and
 * arithmetic that reports overflow instead of wrapping.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SB_MONEY_ERROR (sb_money_error_quark ())

typedef enum {
  SB_MONEY_ERROR_UNKNOWN_CURRENCY,   /* not an ISO 4217 code ICU knows */
  SB_MONEY_ERROR_SYNTAX,             /* not an amount in the locale's format */
  SB_MONEY_ERROR_PRECISION,          /* more fraction digits than the currency has */
  SB_MONEY_ERROR_OVERFLOW,           /* does not fit in 64 bits of minor units */
  SB_MONEY_ERROR_CURRENCY_MISMATCH,  /* arithmetic on two different currencies */
} SbMoneyError;

typedef struct {
  gint64 minor;        /* amount in minor units of @currency (cents, won, kopecks) */
  char   currency[4];  /* ISO 4217 code, NUL-terminated */
} SbMoney;

#define SB_TYPE_MONEY (sb_money_get_type ())

GQuark   sb_money_error_quark  (void);
GType    sb_money_get_type     (void) G_GNUC_CONST;
SbMoney *sb_money_new          (gint64          minor,
                                const char     *currency);
SbMoney *sb_money_copy         (const SbMoney  *money);
void     sb_money_free         (SbMoney        *money);
void     sb_money_init         (SbMoney        *money,
                                gint64          minor,
                                const char     *currency);
gboolean sb_money_equal        (const SbMoney  *a,
                                const SbMoney  *b);

char    *sb_money_to_decimal   (const SbMoney  *money);
char    *sb_money_format       (const SbMoney  *money,
                                const char     *locale);
gboolean sb_money_parse_locale (const char     *text,
                                const char     *currency,
                                const char     *locale,
                                SbMoney        *out,
                                GError        **error);

gboolean sb_money_add          (const SbMoney  *a,
                                const SbMoney  *b,
                                SbMoney        *out,
                                GError        **error);
gboolean sb_money_subtract     (const SbMoney  *a,
                                const SbMoney  *b,
                                SbMoney        *out,
                                GError        **error);
gboolean sb_money_multiply     (const SbMoney  *money,
                                gint64          factor,
                                SbMoney        *out,
                                GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbMoney, sb_money_free)

G_END_DECLS
