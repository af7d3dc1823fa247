/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-csv.c: a libFuzzer target for CSV import in every encoding.  The
 * first byte picks the encoding (auto, UTF-8, UTF-8 with BOM, CP949,
 * windows-1251) and the delimiter the reader is told (or auto); the rest
 * is the file.  The table goes through the whole importer (header
 * aliases, row parsing, the merge, the rule checks) as a dry run, and the
 * products it would save are exported again in every encoding; whatever
 * an export writes must read back as the same products.  Any crash,
 * sanitizer report, GLib critical or failed assertion is a bug.
 */
#include "config.h"

#include <stdint.h>

#include "sb-csv-export.h"
#include "sb-csv-import.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  (void) argc;
  (void) argv;
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  return 0;
}

static const SbCsvEncoding encodings[] = {
  SB_CSV_ENCODING_AUTO,
  SB_CSV_ENCODING_UTF8,
  SB_CSV_ENCODING_UTF8_BOM,
  SB_CSV_ENCODING_CP949,
  SB_CSV_ENCODING_WINDOWS_1251,
};

static const SbCsvDelimiter delimiters[] = {
  SB_CSV_DELIMITER_AUTO,
  SB_CSV_DELIMITER_COMMA,
  SB_CSV_DELIMITER_SEMICOLON,
  SB_CSV_DELIMITER_TAB,
};

/* Products exported and read back must be the same products. */
static void
check_round_trip (GPtrArray     *products,
                  SbCsvEncoding  encoding,
                  SbCsvDelimiter delimiter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = sb_csv_export_products (products, encoding, delimiter, &error);
  g_autoptr(SbCsvTable) table = NULL;
  g_autoptr(SbCsvImportReport) report = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  gsize length;
  const char *text;

  if (bytes == NULL)
    {
      /* Only a character the legacy encoding lacks may stop an export. */
      g_assert_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING);
      g_assert (encoding == SB_CSV_ENCODING_CP949 || encoding == SB_CSV_ENCODING_WINDOWS_1251);
      return;
    }
  text = g_bytes_get_data (bytes, &length);
  table = sb_csv_parse (text, length, encoding, delimiter, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  report = sb_csv_import_table (table, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->products->len, ==, products->len);
  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < report->products->len; i++)
    {
      SbProduct *after = g_ptr_array_index (report->products, i);

      g_hash_table_insert (by_id, after->offer_id, after);
    }
  for (guint i = 0; i < products->len; i++)
    {
      SbProduct *before = g_ptr_array_index (products, i);
      SbProduct *after = g_hash_table_lookup (by_id, before->offer_id);

      g_assert_nonnull (after);
      if (!sb_product_equal (before, after))
        g_error ("%s changed in a CSV round trip through %s",
                 before->offer_id, sb_csv_encoding_to_string (encoding));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCsvTable) table = NULL;
  g_autoptr(SbCsvImportReport) report = NULL;
  SbCsvEncoding encoding;
  SbCsvDelimiter delimiter;
  const char *text;

  if (size < 1)
    return 0;
  encoding = encodings[data[0] % G_N_ELEMENTS (encodings)];
  delimiter = delimiters[(data[0] / G_N_ELEMENTS (encodings)) % G_N_ELEMENTS (delimiters)];
  text = (const char *) data + 1;
  size--;

  (void) sb_csv_detect_encoding (text, size);
  table = sb_csv_parse (text, size, encoding, delimiter, &error);
  g_assert ((table == NULL) == (error != NULL));
  if (table == NULL)
    return 0;

  g_assert (table->encoding != SB_CSV_ENCODING_AUTO);
  g_assert (table->delimiter != SB_CSV_DELIMITER_AUTO);
  for (guint i = 0; i < table->records->len; i++)
    {
      const SbCsvRecord *record = g_ptr_array_index (table->records, i);

      for (guint j = 0; j < record->n_fields; j++)
        g_assert_true (g_utf8_validate (record->fields[j], -1, NULL));
      if (i > 0)
        g_assert_cmpuint (record->row, >, ((SbCsvRecord *) g_ptr_array_index (table->records, i - 1))->row);
    }

  report = sb_csv_import_table (table, NULL, NULL, NULL, NULL, &error);
  g_assert ((report == NULL) == (error != NULL));
  if (report == NULL)
    return 0;

  g_assert_cmpuint (report->n_created + report->n_updated + report->n_unchanged, >=, report->products->len);
  for (guint i = 0; i < report->issues->len; i++)
    {
      g_autofree char *line = sb_csv_issue_to_string (g_ptr_array_index (report->issues, i));

      g_assert_true (g_utf8_validate (line, -1, NULL));
    }

  if (report->products->len > 0)
    for (guint i = 1; i < G_N_ELEMENTS (encodings); i++)
      check_round_trip (report->products, encodings[i], delimiters[1 + i % 3]);
  return 0;
}
