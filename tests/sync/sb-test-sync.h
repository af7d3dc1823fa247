/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-test-sync.h: helpers of the sync tests in tests/sync — start and stop a
 * real sellbridge-sandbox process on a random loopback port, build valid
 * KR and RU sellers and products with their image files, wait for async
 * results on the main context.
 */
#pragma once

#include <gio/gio.h>

#include "sb-product.h"

G_BEGIN_DECLS

typedef struct {
  GSubprocess *process;
  char        *url;
  char        *key;
  char        *secret;
} SbTestSandbox;

SbTestSandbox *sb_test_sandbox_start (const char * const *extra_args);
void           sb_test_sandbox_stop  (SbTestSandbox      *sandbox);

char          *sb_test_write_png     (const char         *dir,
                                      guint               index);
const char    *sb_test_seller_json   (const char         *country);
SbProduct     *sb_test_product_new   (const char         *country,
                                      const char         *offer_id,
                                      const char         *image_path);

GAsyncResult  *sb_test_wait          (GAsyncResult      **slot);
void           sb_test_store_result_cb (GObject          *source,
                                        GAsyncResult     *result,
                                        gpointer          user_data);
void           sb_test_sleep         (guint               ms);

G_END_DECLS
