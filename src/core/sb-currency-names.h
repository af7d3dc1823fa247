/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-currency-names.h: the names of currencies in the seller's language,
 * from Debian's iso-codes ("Won" → "대한민국 원", "Вона").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *sb_currency_dup_name (const char *code);

G_END_DECLS
