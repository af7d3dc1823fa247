/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-status.h: `sellbridge-cli status`.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int sb_cli_status (int    argc,
                   char **argv);

G_END_DECLS
