/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-import.h: `sellbridge-cli import`, a catalogue CSV into the store.
 */
#pragma once

int sb_cli_import (int    argc,
                   char **argv);
