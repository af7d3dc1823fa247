/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-convert.h: the "convert" command of sellbridge-cli.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int sb_cli_convert (int    argc,
                    char **argv);

G_END_DECLS
