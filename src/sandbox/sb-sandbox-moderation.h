/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-moderation.h: the sandbox's simulated moderators, which decide
 * whether a product under review goes live or is rejected, and whether a
 * seller's application is approved, with reasons a seller can act on.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sb-sandbox-db.h"

G_BEGIN_DECLS

JsonNode *sb_sandbox_moderate_product (JsonObject  *product,
                                       SbSandboxDb *db,
                                       const char  *api_key);
JsonNode *sb_sandbox_moderate_seller  (JsonObject  *profile);

G_END_DECLS
