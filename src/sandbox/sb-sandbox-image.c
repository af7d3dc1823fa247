/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-image.c: image dimensions from the file headers.  PNG keeps
 * them in the IHDR chunk that must follow the signature; JPEG in the first
 * start-of-frame marker (SOF0–SOF15 except DHT, JPG and DAC), found by
 * walking the marker segments; WebP in the VP8, VP8L or VP8X chunk.  Every
 * read is bounds-checked: the input is whatever a client sent.
 */
#include "config.h"

#include <string.h>

#include "sb-sandbox-image.h"

static guint32
be16 (const guint8 *p)
{
  return ((guint32) p[0] << 8) | p[1];
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint32
le16 (const guint8 *p)
{
  return ((guint32) p[1] << 8) | p[0];
}

static guint32
le24 (const guint8 *p)
{
  return ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

static gboolean
png_size (const guint8 *data,
          gsize         len,
          guint        *width,
          guint        *height)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (len < 24 || memcmp (data, signature, 8) != 0 || memcmp (data + 12, "IHDR", 4) != 0 ||
      be32 (data + 8) != 13)
    return FALSE;
  *width = be32 (data + 16);
  *height = be32 (data + 20);
  return *width > 0 && *height > 0 && *width <= G_MAXINT32 && *height <= G_MAXINT32;
}

static gboolean
is_sof_marker (guint8 marker)
{
  return marker >= 0xc0 && marker <= 0xcf &&
         marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

static gboolean
jpeg_size (const guint8 *data,
           gsize         len,
           guint        *width,
           guint        *height)
{
  gsize pos = 2;

  if (len < 4 || data[0] != 0xff || data[1] != 0xd8)
    return FALSE;
  while (pos + 4 <= len)
    {
      guint8 marker;
      guint32 seg_len;

      if (data[pos] != 0xff)
        return FALSE;
      /* Any number of 0xFF fill bytes may precede a marker. */
      while (pos < len && data[pos] == 0xff)
        pos++;
      if (pos >= len)
        return FALSE;
      marker = data[pos++];
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        continue;  /* stand-alone markers without a length */
      if (marker == 0xd9 || marker == 0xda)
        return FALSE;  /* end of image or start of scan before any frame */
      if (pos + 2 > len)
        return FALSE;
      seg_len = be16 (data + pos);
      if (seg_len < 2 || pos + seg_len > len)
        return FALSE;
      if (is_sof_marker (marker))
        {
          if (seg_len < 7)
            return FALSE;
          *height = be16 (data + pos + 3);
          *width = be16 (data + pos + 5);
          return *width > 0 && *height > 0;
        }
      pos += seg_len;
    }
  return FALSE;
}

static gboolean
webp_size (const guint8 *data,
           gsize         len,
           guint        *width,
           guint        *height)
{
  const guint8 *chunk;

  if (len < 30 || memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WEBP", 4) != 0)
    return FALSE;
  chunk = data + 12;
  if (memcmp (chunk, "VP8 ", 4) == 0)
    {
      /* Frame tag (3 bytes), start code 9d 01 2a, then 14-bit sizes. */
      const guint8 *frame = chunk + 8;

      if (frame[3] != 0x9d || frame[4] != 0x01 || frame[5] != 0x2a)
        return FALSE;
      *width = le16 (frame + 6) & 0x3fff;
      *height = le16 (frame + 8) & 0x3fff;
    }
  else if (memcmp (chunk, "VP8L", 4) == 0)
    {
      const guint8 *bits = chunk + 8;
      guint32 value;

      if (bits[0] != 0x2f)
        return FALSE;
      value = (guint32) bits[1] | ((guint32) bits[2] << 8) | ((guint32) bits[3] << 16) |
              ((guint32) bits[4] << 24);
      *width = (value & 0x3fff) + 1;
      *height = ((value >> 14) & 0x3fff) + 1;
    }
  else if (memcmp (chunk, "VP8X", 4) == 0)
    {
      *width = le24 (chunk + 12) + 1;
      *height = le24 (chunk + 15) + 1;
    }
  else
    return FALSE;
  return *width > 0 && *height > 0;
}

/**
 * sb_sandbox_image_read_size:
 * @content_type: "image/png", "image/jpeg" or "image/webp"
 *
 * Returns: %TRUE when @data is an image of that type whose header names
 *   its size
 */
gboolean
sb_sandbox_image_read_size (const char   *content_type,
                            const guint8 *data,
                            gsize         len,
                            guint        *out_width,
                            guint        *out_height)
{
  guint width = 0, height = 0;
  gboolean ok;

  if (g_strcmp0 (content_type, "image/png") == 0)
    ok = png_size (data, len, &width, &height);
  else if (g_strcmp0 (content_type, "image/jpeg") == 0)
    ok = jpeg_size (data, len, &width, &height);
  else if (g_strcmp0 (content_type, "image/webp") == 0)
    ok = webp_size (data, len, &width, &height);
  else
    ok = FALSE;
  if (ok)
    {
      *out_width = width;
      *out_height = height;
    }
  return ok;
}
