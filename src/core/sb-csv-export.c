/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-csv-export.c: products → canonical CSV.  The column set is the
 * canonical columns plus the sorted union of the products' option names
 * and attribute ids; products are sorted by offer_id and keep their
 * variants' order; product columns repeat on every variant row.  Amounts
 * are plain decimals in the variant's ISO 4217 currency — never a symbol —
 * with a decimal comma in a `;` file, as Russian Excel expects.  The same
 * products always give the same bytes.
 */
#include "config.h"

#include <string.h>

#include "sb-csv-export.h"
#include "sb-csv-import.h"
#include "sb-currency.h"

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
compare_products (gconstpointer a,
                  gconstpointer b)
{
  const SbProduct *pa = *(SbProduct * const *) a;
  const SbProduct *pb = *(SbProduct * const *) b;

  return g_strcmp0 (pa->offer_id, pb->offer_id);
}

static GPtrArray *
sorted_union (GHashTable *set)
{
  GPtrArray *names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  g_ptr_array_sort (names, compare_strings);
  return names;
}

static void
collect_names (GPtrArray  *products,
               GHashTable *options,
               GHashTable *attributes)
{
  for (guint i = 0; i < products->len; i++)
    {
      const SbProduct *product = g_ptr_array_index (products, i);
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, product->attributes);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (attributes, key);
      for (guint v = 0; v < product->variants->len; v++)
        {
          const SbVariant *variant = g_ptr_array_index (product->variants, v);

          g_hash_table_iter_init (&iter, variant->options);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            g_hash_table_add (options, key);
        }
    }
}

static GPtrArray *
build_columns (GPtrArray *option_names,
               GPtrArray *attribute_ids)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func (g_free);

  for (SbCsvColumn c = 0; c < SB_CSV_N_COLUMNS; c++)
    {
      g_ptr_array_add (columns, g_strdup (sb_csv_column_to_string (c)));
      if (c == SB_CSV_COLUMN_SKU)
        for (guint i = 0; i < option_names->len; i++)
          g_ptr_array_add (columns, g_strconcat ("option_", (char *) g_ptr_array_index (option_names, i), NULL));
    }
  for (guint i = 0; i < attribute_ids->len; i++)
    g_ptr_array_add (columns, g_strconcat ("attr_", (char *) g_ptr_array_index (attribute_ids, i), NULL));
  return columns;
}

/**
 * sb_csv_export_dup_columns:
 * @products: (element-type SbProduct)
 *
 * Returns: (transfer full): the header an export of @products writes
 */
GStrv
sb_csv_export_dup_columns (GPtrArray *products)
{
  g_autoptr(GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) option_names = NULL;
  g_autoptr(GPtrArray) attribute_ids = NULL;
  GPtrArray *columns;

  collect_names (products, options, attributes);
  option_names = sorted_union (options);
  attribute_ids = sorted_union (attributes);
  columns = build_columns (option_names, attribute_ids);
  g_ptr_array_add (columns, NULL);
  return (GStrv) g_ptr_array_free (columns, FALSE);
}

static char *
format_size (guint value)
{
  return value == 0 ? g_strdup ("") : g_strdup_printf ("%u", value);
}

static char *
join_images (const SbProduct *product)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < product->images->len; i++)
    {
      const SbImage *image = g_ptr_array_index (product->images, i);
      const char *spelling = image->local_path != NULL ? image->local_path : image->remote_id;

      if (spelling == NULL)
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, '|');
      g_string_append (joined, spelling);
    }
  return g_string_free (joined, FALSE);
}

static char *
join_carriers (const SbProduct *product)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < product->carrier_ids->len; i++)
    {
      if (i > 0)
        g_string_append_c (joined, '|');
      g_string_append (joined, g_ptr_array_index (product->carrier_ids, i));
    }
  return g_string_free (joined, FALSE);
}

static char *
format_price (const SbVariant *variant,
              SbCsvDelimiter   delimiter)
{
  char *text = sb_currency_format_decimal (variant->price_minor, variant->currency);

  if (delimiter == SB_CSV_DELIMITER_SEMICOLON)
    {
      char *dot = strchr (text, '.');

      if (dot != NULL)
        *dot = ',';
    }
  return text;
}

/* Fills @row (one string per column) for @variant of @product, or for the
 * product alone when @variant is NULL. */
static void
fill_row (GPtrArray       *row,
          const SbProduct *product,
          const SbVariant *variant,
          GPtrArray       *option_names,
          GPtrArray       *attribute_ids,
          SbCsvDelimiter   delimiter)
{
  g_ptr_array_set_size (row, 0);
#define ADD(value) g_ptr_array_add (row, (value))
  ADD (g_strdup (product->offer_id));
  ADD (g_strdup (product->category_id != NULL ? product->category_id : ""));
  for (guint lang = 0; lang < SB_N_LANGS; lang++)
    ADD (g_strdup (product->title[lang] != NULL ? product->title[lang] : ""));
  for (guint lang = 0; lang < SB_N_LANGS; lang++)
    ADD (g_strdup (product->description[lang] != NULL ? product->description[lang] : ""));
  ADD (g_strdup (variant != NULL && variant->sku != NULL ? variant->sku : ""));
  for (guint i = 0; i < option_names->len; i++)
    {
      const char *value = variant != NULL ? g_hash_table_lookup (variant->options, g_ptr_array_index (option_names, i)) : NULL;

      ADD (g_strdup (value != NULL ? value : ""));
    }
  ADD (variant != NULL ? format_price (variant, delimiter) : g_strdup (""));
  ADD (g_strdup (variant != NULL ? variant->currency : ""));
  ADD (variant != NULL ? g_strdup_printf ("%" G_GINT64_FORMAT, variant->stock) : g_strdup (""));
  ADD (g_strdup (variant != NULL && variant->barcode != NULL ? variant->barcode : ""));
  ADD (format_size (product->weight_g));
  ADD (format_size (product->length_mm));
  ADD (format_size (product->width_mm));
  ADD (format_size (product->height_mm));
  ADD (g_strdup (product->hs_code != NULL ? product->hs_code : ""));
  ADD (g_strdup (sb_batteries_to_string (product->batteries)));
  ADD (g_strdup (product->liquids ? "yes" : "no"));
  ADD (join_carriers (product));
  ADD (g_strdup_printf ("%u", product->handling_days));
  ADD (join_images (product));
  for (guint i = 0; i < attribute_ids->len; i++)
    {
      const char *value = g_hash_table_lookup (product->attributes, g_ptr_array_index (attribute_ids, i));

      ADD (g_strdup (value != NULL ? value : ""));
    }
#undef ADD
}

/**
 * sb_csv_export_products:
 * @products: (element-type SbProduct)
 * @encoding: UTF8, UTF8_BOM, CP949 or WINDOWS_1251
 * @delimiter: COMMA or SEMICOLON (TAB works too)
 *
 * Returns: (transfer full): the file's bytes, or %NULL with an
 *   SB_CSV_ERROR_ENCODING error naming the row and column of a character
 *   the encoding lacks
 */
GBytes *
sb_csv_export_products (GPtrArray       *products,
                        SbCsvEncoding    encoding,
                        SbCsvDelimiter   delimiter,
                        GError         **error)
{
  g_autoptr(GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) option_names = NULL;
  g_autoptr(GPtrArray) attribute_ids = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SbCsvWriter) writer = NULL;

  g_return_val_if_fail (encoding != SB_CSV_ENCODING_AUTO, NULL);
  g_return_val_if_fail (delimiter != SB_CSV_DELIMITER_AUTO, NULL);

  collect_names (products, options, attributes);
  option_names = sorted_union (options);
  attribute_ids = sorted_union (attributes);
  columns = build_columns (option_names, attribute_ids);

  writer = sb_csv_writer_new (encoding, delimiter);
  if (!sb_csv_writer_add_row (writer, (const char * const *) columns->pdata, columns->len, error))
    return NULL;

  for (guint i = 0; i < products->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (products, i));
  g_ptr_array_sort (sorted, compare_products);

  for (guint i = 0; i < sorted->len; i++)
    {
      const SbProduct *product = g_ptr_array_index (sorted, i);
      guint n = MAX (product->variants->len, 1);

      for (guint v = 0; v < n; v++)
        {
          const SbVariant *variant = v < product->variants->len ? g_ptr_array_index (product->variants, v) : NULL;

          fill_row (row, product, variant, option_names, attribute_ids, delimiter);
          if (!sb_csv_writer_add_row (writer, (const char * const *) row->pdata, row->len, error))
            return NULL;
        }
    }
  return sb_csv_writer_finish (writer);
}
