/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-api.h: the sandbox's endpoint handlers, one file per
 * resource (reference data, seller, images, products).  Each answers one
 * authenticated request.  Private to src/sandbox.
 */
#pragma once

#include "sb-sandbox-request.h"
#include "sb-sandbox-server.h"

G_BEGIN_DECLS

void sb_sandbox_handle_currencies     (SbSandboxRequest *request);
void sb_sandbox_handle_categories     (SbSandboxRequest *request);
void sb_sandbox_handle_carriers       (SbSandboxRequest *request);
void sb_sandbox_handle_seller         (SbSandboxRequest *request);
void sb_sandbox_handle_images         (SbSandboxRequest *request);
void sb_sandbox_handle_product_put    (SbSandboxRequest *request,
                                       const char       *offer_id);
void sb_sandbox_handle_product_get    (SbSandboxRequest *request,
                                       const char       *offer_id);
void sb_sandbox_handle_product_delete (SbSandboxRequest *request,
                                       const char       *offer_id);
void sb_sandbox_handle_product_list   (SbSandboxRequest *request);
void sb_sandbox_handle_product_batch  (SbSandboxRequest *request);

G_END_DECLS
