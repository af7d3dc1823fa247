/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-list.h: the `list` command of sellbridge-cli — products of the
 * catalogue, searched, filtered, sorted and paged, as text or JSON.
 */
#pragma once

int sb_cli_list (int    argc,
                 char **argv);
