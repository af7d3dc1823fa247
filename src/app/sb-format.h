/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-format.h: how the interface writes money and picks its language.
 */
#pragma once

#include <glib.h>

#include "sb-product.h"

G_BEGIN_DECLS

const char *sb_format_locale        (void);
SbLang      sb_format_interface_lang (void);
char       *sb_format_money         (gint64      minor,
                                     const char *currency);

G_END_DECLS
