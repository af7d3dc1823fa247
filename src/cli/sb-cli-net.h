/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-net.h: `sellbridge-cli net` and `sellbridge-cli price-for-net`.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int sb_cli_net           (int    argc,
                          char **argv);
int sb_cli_price_for_net (int    argc,
                          char **argv);

G_END_DECLS
