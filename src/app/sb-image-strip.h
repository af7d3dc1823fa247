/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-image-strip.h: the product editor's images — thumbnails in order
 * (the first is the main image), added from a file chooser or by
 * dropping files, reordered and removed, each checked against the
 * marketplace's image rules.
 */
#pragma once

#include <adwaita.h>

#include "sb-product.h"

G_BEGIN_DECLS

/* The marketplace's image rules (marketplace-api-v1.md, "Images" and the
 * product rules). */
#define SB_IMAGE_STRIP_MAX_IMAGES 10
#define SB_IMAGE_STRIP_MIN_SIDE   800
#define SB_IMAGE_STRIP_MAX_BYTES  (5 * 1024 * 1024)

#define SB_TYPE_IMAGE_STRIP (sb_image_strip_get_type ())

G_DECLARE_FINAL_TYPE (SbImageStrip, sb_image_strip, SB, IMAGE_STRIP, AdwBin)

GtkWidget  *sb_image_strip_new          (void);
void        sb_image_strip_set_images   (SbImageStrip *self,
                                         GPtrArray    *images);
GPtrArray  *sb_image_strip_dup_images   (SbImageStrip *self);
guint       sb_image_strip_get_n_images (SbImageStrip *self);
guint       sb_image_strip_add_files    (SbImageStrip *self,
                                         GSList       *files);
void        sb_image_strip_move         (SbImageStrip *self,
                                         guint         from,
                                         guint         to);
void        sb_image_strip_remove       (SbImageStrip *self,
                                         guint         index);
gboolean    sb_image_strip_get_busy     (SbImageStrip *self);
char       *sb_image_strip_dup_message  (SbImageStrip *self,
                                         guint         index);
GtkWidget  *sb_image_strip_get_button   (SbImageStrip *self,
                                         guint         index,
                                         const char   *name);
void        sb_image_strip_show_error   (SbImageStrip *self,
                                         int           index,
                                         const char   *message);
void        sb_image_strip_clear_errors (SbImageStrip *self);
void        sb_image_strip_open_chooser (SbImageStrip *self);

G_END_DECLS
