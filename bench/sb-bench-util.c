/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-bench-util.c: clock, percentiles, peak RSS and the result lines that
 * bench/run.sh turns into the table of docs/benchmarks.md; and what the
 * sync and responsiveness figures share: the pictures (real 800×800 PNGs),
 * a sellbridge-sandbox process on a random loopback port, and the
 * catalogue of queued Korean products to push.
 */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include "sb-bench-data.h"
#include "sb-bench-util.h"

double
sb_bench_now (void)
{
  return g_get_monotonic_time () / 1e6;
}

double
sb_bench_thread_cpu (void)
{
  struct timespec t;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

double
sb_bench_percentile (GArray *samples,
                     double  p)
{
  guint rank;

  g_return_val_if_fail (samples->len > 0, 0);
  g_array_sort (samples, compare_doubles);
  /* Nearest rank: the smallest sample with at least p of them at or below. */
  rank = (guint) (p * samples->len + 0.999999);
  if (rank < 1)
    rank = 1;
  if (rank > samples->len)
    rank = samples->len;
  return g_array_index (samples, double, rank - 1);
}

double
sb_bench_median (GArray *samples)
{
  return sb_bench_percentile (samples, 0.5);
}

gint64
sb_bench_peak_rss_kib (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return usage.ru_maxrss;
}

void
sb_bench_note (const char *figure,
               const char *ours,
               const char *baseline,
               const char *ratio,
               const char *target,
               const char *note)
{
  printf ("RESULT|%s|%s|%s|%s|%s|%s\n", figure, ours, baseline, ratio, target, note);
  fflush (stdout);
}

void
sb_bench_result (const char *figure,
                 const char *ours,
                 const char *baseline,
                 const char *ratio,
                 const char *target,
                 gboolean    met)
{
  sb_bench_note (figure, ours, baseline, ratio, target, met ? "met" : "**missed**");
}

/* ---- pictures ---- */

/* A CRC-32 as PNG needs it. */
static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         length)
{
  crc = ~crc;
  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
  return ~crc;
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              guint32       length)
{
  guint8 be[4] = { length >> 24, length >> 16, length >> 8, length };
  guint32 crc;

  g_byte_array_append (png, be, 4);
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (png, data, length);
  crc = crc32_update (crc32_update (0, (const guint8 *) type, 4), data, length);
  be[0] = crc >> 24;
  be[1] = crc >> 16;
  be[2] = crc >> 8;
  be[3] = crc;
  g_byte_array_append (png, be, 4);
}

/* An 800×800 RGB PNG of one colour. */
static GBytes *
make_png (guint8 r,
          guint8 g,
          guint8 b)
{
  const guint size = 800;
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GByteArray) raw = g_byte_array_sized_new ((size * 3 + 1) * size);
  g_autoptr(GConverter) zlib = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9));
  guint8 header[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  guint8 ihdr[13] = { 0, 0, size >> 8, size & 0xFF, 0, 0, size >> 8, size & 0xFF, 8, 2, 0, 0, 0 };
  g_autofree guint8 *out = NULL;
  gsize read = 0, written = 0;

  for (guint y = 0; y < size; y++)
    {
      guint8 filter = 0;

      g_byte_array_append (raw, &filter, 1);
      for (guint x = 0; x < size; x++)
        {
          guint8 pixel[3] = { r, g, b };

          g_byte_array_append (raw, pixel, 3);
        }
    }
  out = g_malloc (raw->len + 1024);
  g_byte_array_append (png, header, sizeof header);
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  g_converter_convert (zlib, raw->data, raw->len, out, raw->len + 1024,
                       G_CONVERTER_INPUT_AT_END | G_CONVERTER_FLUSH, &read, &written, NULL);
  append_chunk (png, "IDAT", out, written);
  append_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

/**
 * sb_bench_make_picture:
 * @index: below %SB_BENCH_N_PICTURES
 *
 * Returns: (transfer full): the @index-th picture, an 800×800 PNG of its
 *   own colour (the smallest size the marketplace accepts)
 */
GBytes *
sb_bench_make_picture (guint index)
{
  static const guint8 colours[SB_BENCH_N_PICTURES][3] = {
    { 240, 240, 235 }, { 20, 20, 24 }, { 30, 50, 110 }, { 220, 200, 170 },
  };

  g_return_val_if_fail (index < SB_BENCH_N_PICTURES, NULL);
  return make_png (colours[index][0], colours[index][1], colours[index][2]);
}

/* ---- the sandbox ---- */

void
sb_bench_sandbox_stop (SbBenchSandbox *sandbox)
{
  if (sandbox->pid > 0)
    {
      kill (sandbox->pid, SIGTERM);
      waitpid (sandbox->pid, NULL, 0);
      g_spawn_close_pid (sandbox->pid);
    }
  g_free (sandbox->url);
  g_free (sandbox->key);
  g_free (sandbox->secret);
  memset (sandbox, 0, sizeof *sandbox);
}

/* Starts @program on a random loopback port (moderation never decides
 * during a run) and reads its URL and demo key from --print-config. */
gboolean
sb_bench_sandbox_start (SbBenchSandbox  *sandbox,
                        const char      *program,
                        const char      *data_dir,
                        GError         **error)
{
  const char *argv[] = { program, "--port", "0", "--print-config", "--moderation-delay", "3600",
                         "--seed", "1", "--data-dir", data_dir, NULL };
  int out_fd = -1;
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *line = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *config;

  memset (sandbox, 0, sizeof *sandbox);
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                 &sandbox->pid, NULL, &out_fd, NULL, error))
    return FALSE;
  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  if (g_io_channel_read_line (channel, &line, NULL, NULL, error) != G_IO_STATUS_NORMAL ||
      !json_parser_load_from_data (parser, line, -1, error))
    return FALSE;
  config = json_node_get_object (json_parser_get_root (parser));
  sandbox->url = g_strdup (json_object_get_string_member (config, "url"));
  sandbox->key = g_strdup (json_object_get_string_member (config, "key"));
  sandbox->secret = g_strdup (json_object_get_string_member (config, "secret"));
  return TRUE;
}

/* ---- the catalogue to sync ---- */

/**
 * sb_bench_make_kr_products:
 * @image_paths: the pictures, one per product in turn
 *
 * Returns: (transfer full) (element-type SbProduct): @n queued Korean
 *   products (the sandbox's seller ships from Korea) from the fixed seed,
 *   each with one of the pictures
 */
GPtrArray *
sb_bench_make_kr_products (guint        n,
                           char * const image_paths[SB_BENCH_N_PICTURES])
{
  g_autoptr(SbBenchGen) gen = sb_bench_gen_new (5);
  GPtrArray *products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);

  for (guint i = 1; products->len < n; i++)
    {
      SbProduct *product = sb_bench_gen_product (gen, i, 4, 0.0);
      SbImage *image;

      if (!g_str_has_prefix (product->offer_id, "KR"))
        {
          sb_product_free (product);
          continue;
        }
      image = sb_image_new ();
      g_ptr_array_set_size (product->images, 0);
      image->local_path = g_strdup (image_paths[i % SB_BENCH_N_PICTURES]);
      sb_product_add_image (product, image);
      g_ptr_array_add (products, product);
    }
  return products;
}
