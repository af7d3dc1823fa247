/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-check-id.h: `sellbridge-cli check-id KIND VALUE`.
 */
#pragma once

int sb_cli_check_id (int argc, char **argv);
