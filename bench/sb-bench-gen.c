/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-bench-gen.c: writes the benchmarks' data — a catalogue CSV file of a
 * given number of rows (one row per variant) in CP949 or UTF-8 through
 * core's CSV exporter, or a catalogue database of a given number of
 * products through core's store — from the realistic Korean and Russian
 * products of sb-bench-data.c.
 *
 *   sb-bench-gen csv --rows 100000 --encoding cp949 FILE
 *   sb-bench-gen store --products 100000 [--draft-share 0.3] DB
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "sb-bench-data.h"
#include "sb-bench-util.h"
#include "sb-csv-export.h"
#include "sb-store.h"

static int
write_csv (int    argc,
           char **argv)
{
  int rows = 100000;
  int seed = 1;
  g_autofree char *encoding_name = NULL;
  GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT, &rows, "Data rows (variants)", "N" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding_name, "cp949 (default) or utf-8", "NAME" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Generator seed", "N" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbBenchGen) gen = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SbCsvEncoding encoding = SB_CSV_ENCODING_CP949;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || rows <= 0 ||
      (encoding_name != NULL && !sb_csv_encoding_from_string (encoding_name, &encoding)))
    {
      g_printerr ("usage: sb-bench-gen csv [--rows N] [--encoding cp949|utf-8] [--seed N] FILE\n");
      return 2;
    }
  gen = sb_bench_gen_new (seed);
  products = sb_bench_gen_rows (gen, rows);
  bytes = sb_csv_export_products (products, encoding, SB_CSV_DELIMITER_COMMA, &error);
  if (bytes == NULL ||
      !g_file_set_contents (argv[1], g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    {
      g_printerr ("sb-bench-gen: %s\n", error->message);
      return 2;
    }
  g_printerr ("%s: %d rows, %u products, %zu bytes, %s\n", argv[1], rows, products->len,
              g_bytes_get_size (bytes), sb_csv_encoding_to_string (encoding));
  return 0;
}

static int
write_store (int    argc,
             char **argv)
{
  int n_products = 100000;
  int seed = 2;
  int max_variants = 4;
  double draft_share = 0.3;
  GOptionEntry entries[] = {
    { "products", 0, 0, G_OPTION_ARG_INT, &n_products, "Products", "N" },
    { "max-variants", 0, 0, G_OPTION_ARG_INT, &max_variants, "Variants per product, at most", "N" },
    { "draft-share", 0, 0, G_OPTION_ARG_DOUBLE, &draft_share, "Share of drafts (others are queued)", "P" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Generator seed", "N" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DB");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbBenchGen) gen = NULL;
  g_autoptr(SbStore) store = NULL;
  double start = sb_bench_now ();

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || n_products <= 0)
    {
      g_printerr ("usage: sb-bench-gen store [--products N] [--max-variants N] [--draft-share P] [--seed N] DB\n");
      return 2;
    }
  store = sb_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("sb-bench-gen: %s\n", error->message);
      return 2;
    }
  gen = sb_bench_gen_new (seed);
  for (int first = 1; first <= n_products; first += 10000)
    {
      g_autoptr(GPtrArray) chunk = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);

      for (int i = first; i < first + 10000 && i <= n_products; i++)
        g_ptr_array_add (chunk, sb_bench_gen_product (gen, i, max_variants, draft_share));
      if (!sb_store_save_products (store, chunk, &error))
        {
          g_printerr ("sb-bench-gen: %s\n", error->message);
          return 2;
        }
    }
  g_printerr ("%s: %d products in %.1f s\n", argv[1], n_products, sb_bench_now () - start);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  if (argc >= 2 && g_str_equal (argv[1], "csv"))
    return write_csv (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "store"))
    return write_store (argc - 1, argv + 1);
  g_printerr ("usage: sb-bench-gen csv|store …  (see --help of each)\n");
  return 2;
}
