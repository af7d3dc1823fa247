/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-image.h: reads the pixel size of an uploaded image from its
 * own header (PNG IHDR, JPEG SOFn, WebP VP8/VP8L/VP8X) without decoding
 * it, so that the sandbox needs no image library.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean sb_sandbox_image_read_size (const char   *content_type,
                                     const guint8 *data,
                                     gsize         len,
                                     guint        *out_width,
                                     guint        *out_height);

G_END_DECLS
