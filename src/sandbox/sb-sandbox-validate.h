/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-validate.h: how the sandbox checks a product or a seller
 * profile before accepting it, reported as the contract's field errors
 * ({"path", "code", "message"}).  The rules themselves live in core; this
 * is only the sandbox's side of calling them.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sb-sandbox-db.h"
#include "sb-sandbox-reference.h"

G_BEGIN_DECLS

JsonNode *sb_sandbox_validate_product (SbSandboxReference *reference,
                                       SbSandboxDb        *db,
                                       const char         *api_key,
                                       JsonObject         *seller,
                                       JsonNode           *product,
                                       const char         *path_offer_id);
JsonNode *sb_sandbox_validate_seller  (JsonNode           *profile,
                                       JsonNode          **out_normalized);

G_END_DECLS
