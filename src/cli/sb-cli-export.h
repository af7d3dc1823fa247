/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-export.h: `sellbridge-cli export`, the store as a catalogue CSV.
 */
#pragma once

int sb_cli_export (int    argc,
                   char **argv);
