/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-sync.h: `sellbridge-cli sync`.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int sb_cli_sync (int    argc,
                 char **argv);

G_END_DECLS
