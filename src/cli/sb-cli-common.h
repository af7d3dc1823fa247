/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-common.h: small parsers shared by the sellbridge-cli commands that
 * describe a parcel (quote, net, price-for-net).
 */
#pragma once

#include <glib.h>

#include "sb-shipping.h"

G_BEGIN_DECLS

gboolean sb_cli_parse_positive (const char *text,
                                guint      *out);
gboolean sb_cli_parse_size     (const char *text,
                                SbParcel   *parcel);

G_END_DECLS
