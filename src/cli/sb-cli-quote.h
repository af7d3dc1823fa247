/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-quote.h: `sellbridge-cli quote`.
 */
#pragma once

int sb_cli_quote (int argc, char **argv);
