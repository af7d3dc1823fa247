/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-csv.c: unit tests of the CSV dialect layer — encoding detection
 * (BOM, UTF-8, CP949 against windows-1251) and delimiter detection for
 * every combination, Excel's `sep=` line, RFC 4180 quoting with
 * delimiters, quotes and line breaks inside fields, row numbering, encoding
 * errors with row and column, and the deterministic writer.
 */
#include "config.h"

#include <string.h>

#include "sb-csv-import.h"
#include "sb-csv.h"

static const char *korean_text =
  "상품코드{}상품명{}가격\r\n"
  "HB-1{}면 티셔츠 뷁{}12900\r\n"
  "HB-2{}\"머그컵{} 큰 것\"{}8900\r\n"
  "HB-3{}가방{}45000\r\n";

static const char *russian_text =
  "Артикул{}Название{}Цена\r\n"
  "RU-1{}Кружка керамическая{}450\r\n"
  "RU-2{}\"Фонарь{} налобный\"{}1299\r\n"
  "RU-3{}Сумка дорожная{}3500\r\n";

static char *
with_delimiter (const char *text,
                char        delimiter)
{
  g_autofree char *sep = g_strdup_printf ("%c", delimiter);
  g_auto(GStrv) parts = g_strsplit (text, "{}", -1);

  return g_strjoinv (sep, parts);
}

static GBytes *
encode (const char    *utf8,
        SbCsvEncoding  encoding)
{
  g_autofree char *converted = NULL;
  gsize length = 0;

  switch (encoding)
    {
    case SB_CSV_ENCODING_UTF8:
      return g_bytes_new (utf8, strlen (utf8));
    case SB_CSV_ENCODING_UTF8_BOM:
      converted = g_strconcat ("\xEF\xBB\xBF", utf8, NULL);
      return g_bytes_new (converted, strlen (converted));
    case SB_CSV_ENCODING_CP949:
      converted = g_convert (utf8, -1, "CP949", "UTF-8", NULL, &length, NULL);
      break;
    case SB_CSV_ENCODING_WINDOWS_1251:
      converted = g_convert (utf8, -1, "WINDOWS-1251", "UTF-8", NULL, &length, NULL);
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_nonnull (converted);
  return g_bytes_new (converted, length);
}

/* Every encoding × every delimiter, detected from the bytes alone. */
static void
test_detect_combinations (void)
{
  static const SbCsvEncoding encodings_ko[] = {
    SB_CSV_ENCODING_UTF8, SB_CSV_ENCODING_UTF8_BOM, SB_CSV_ENCODING_CP949,
  };
  static const SbCsvEncoding encodings_ru[] = {
    SB_CSV_ENCODING_UTF8, SB_CSV_ENCODING_UTF8_BOM, SB_CSV_ENCODING_WINDOWS_1251,
  };
  static const char delimiters[] = { ',', ';', '\t' };

  for (guint lang = 0; lang < 2; lang++)
    for (guint e = 0; e < 3; e++)
      for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
        {
          SbCsvEncoding encoding = lang == 0 ? encodings_ko[e] : encodings_ru[e];
          g_autofree char *text = with_delimiter (lang == 0 ? korean_text : russian_text, delimiters[d]);
          g_autoptr(GBytes) bytes = encode (text, encoding);
          g_autoptr(GError) error = NULL;
          g_autoptr(SbCsvTable) table = NULL;
          const SbCsvRecord *record;

          g_test_message ("%s, %s, delimiter %d", lang == 0 ? "Korean" : "Russian",
                          sb_csv_encoding_to_string (encoding), delimiters[d]);
          g_assert_cmpint (sb_csv_detect_encoding (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)),
                           ==, encoding);
          table = sb_csv_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
          g_assert_no_error (error);
          g_assert_cmpint (table->encoding, ==, encoding);
          g_assert_cmpint (table->delimiter, ==, delimiters[d]);
          g_assert_cmpuint (table->records->len, ==, 4);
          record = g_ptr_array_index (table->records, 2);
          g_assert_cmpuint (record->n_fields, ==, 3);
          g_assert_cmpuint (record->row, ==, 3);
          if (lang == 0)
            {
              g_autofree char *expected = g_strdup_printf ("머그컵%c 큰 것", delimiters[d]);

              g_assert_cmpstr (((SbCsvRecord *) g_ptr_array_index (table->records, 0))->fields[0], ==, "상품코드");
              g_assert_cmpstr (((SbCsvRecord *) g_ptr_array_index (table->records, 1))->fields[1], ==, "면 티셔츠 뷁");
              g_assert_cmpstr (record->fields[1], ==, expected);
            }
          else
            {
              g_autofree char *expected = g_strdup_printf ("Фонарь%c налобный", delimiters[d]);

              g_assert_cmpstr (((SbCsvRecord *) g_ptr_array_index (table->records, 0))->fields[0], ==, "Артикул");
              g_assert_cmpstr (record->fields[1], ==, expected);
            }
        }
}

/* Short texts: a single Korean or Russian word still decides right. */
static void
test_detect_short (void)
{
  g_autoptr(GBytes) ko = encode ("a,b\r\n1,가격\r\n", SB_CSV_ENCODING_CP949);
  g_autoptr(GBytes) ru = encode ("a;b\r\n1;Цена\r\n", SB_CSV_ENCODING_WINDOWS_1251);
  g_autoptr(GBytes) ru_caps = encode ("a;b\r\n1;ЦЕНА ТОВАРА\r\n", SB_CSV_ENCODING_WINDOWS_1251);
  g_autoptr(GBytes) ko_odd = encode ("a,b\r\n1,뷁\r\n", SB_CSV_ENCODING_CP949);

  g_assert_cmpint (sb_csv_detect_encoding (g_bytes_get_data (ko, NULL), g_bytes_get_size (ko)),
                   ==, SB_CSV_ENCODING_CP949);
  g_assert_cmpint (sb_csv_detect_encoding (g_bytes_get_data (ru, NULL), g_bytes_get_size (ru)),
                   ==, SB_CSV_ENCODING_WINDOWS_1251);
  g_assert_cmpint (sb_csv_detect_encoding (g_bytes_get_data (ru_caps, NULL), g_bytes_get_size (ru_caps)),
                   ==, SB_CSV_ENCODING_WINDOWS_1251);
  g_assert_cmpint (sb_csv_detect_encoding (g_bytes_get_data (ko_odd, NULL), g_bytes_get_size (ko_odd)),
                   ==, SB_CSV_ENCODING_CP949);
  g_assert_cmpint (sb_csv_detect_encoding ("plain,ascii\r\n", 13), ==, SB_CSV_ENCODING_UTF8);
}

static SbCsvTable *
parse_string (const char     *text,
              SbCsvEncoding   encoding,
              SbCsvDelimiter  delimiter)
{
  g_autoptr(GError) error = NULL;
  SbCsvTable *table = sb_csv_parse (text, strlen (text), encoding, delimiter, &error);

  g_assert_no_error (error);
  return table;
}

static const char *
field (SbCsvTable *table,
       guint       record,
       guint       index)
{
  SbCsvRecord *r = g_ptr_array_index (table->records, record);

  g_assert_cmpuint (index, <, r->n_fields);
  return r->fields[index];
}

/* A large file is judged on a sample of its lines.  When the rest of the
 * file does not decode in the sample's encoding, it is read in the other
 * one, as when the whole file was judged; large files that do decode are
 * read in the sample's encoding. */
static void
test_detect_large (void)
{
  g_autoptr(GString) korean = g_string_new ("offer_id,title_ko\r\n");
  g_autoptr(GString) mixed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCsvTable) table = NULL;
  g_autofree char *line = g_convert ("면 티셔츠 오버핏 화이트", -1, "CP949", "UTF-8", NULL, NULL, NULL);
  gsize bad_at = 0;

  g_assert_nonnull (line);
  for (guint i = 0; korean->len < 640 * 1024; i++)
    {
      g_string_append_printf (korean, "KR-%05u,%s\r\n", i, line);
      /* Past the first 16 KiB sample, before the second. */
      if (bad_at == 0 && korean->len > 24 * 1024)
        bad_at = korean->len;
    }
  g_assert_cmpint (sb_csv_detect_encoding (korean->str, korean->len), ==, SB_CSV_ENCODING_CP949);
  table = sb_csv_parse (korean->str, korean->len, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->encoding, ==, SB_CSV_ENCODING_CP949);
  g_assert_cmpstr (((SbCsvRecord *) g_ptr_array_index (table->records, 1))->fields[1], ==, "면 티셔츠 오버핏 화이트");
  g_clear_pointer (&table, sb_csv_table_free);

  /* One line that CP949 cannot decode (lead byte 0x81, then a space) and
   * windows-1251 can ("Ѓ "), where the sample does not look. */
  mixed = g_string_new_len (korean->str, korean->len);
  g_string_insert (mixed, bad_at, "KR-BAD,\x81 \r\n");
  g_assert_cmpint (sb_csv_detect_encoding (mixed->str, mixed->len), ==, SB_CSV_ENCODING_CP949);
  table = sb_csv_parse (mixed->str, mixed->len, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->encoding, ==, SB_CSV_ENCODING_WINDOWS_1251);
  g_clear_pointer (&table, sb_csv_table_free);

  /* Told the encoding, the file is not second-guessed. */
  table = sb_csv_parse (mixed->str, mixed->len, SB_CSV_ENCODING_CP949, SB_CSV_DELIMITER_AUTO, &error);
  g_assert_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING);
  g_assert_null (table);
}

static void
test_sep_line (void)
{
  g_autoptr(SbCsvTable) table = parse_string ("sep=;\r\na;b,c\r\n1;2,5\r\n", SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO);
  g_autoptr(SbCsvTable) forced = NULL;
  g_autoptr(SbCsvTable) tab = parse_string ("SEP=\t\na\tb\n", SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCsvTable) bad = NULL;

  g_assert_true (table->had_sep_line);
  g_assert_cmpint (table->delimiter, ==, ';');
  g_assert_cmpuint (table->records->len, ==, 2);
  /* The sep= line is not a spreadsheet row: the header is row 1. */
  g_assert_cmpuint (((SbCsvRecord *) g_ptr_array_index (table->records, 0))->row, ==, 1);
  g_assert_cmpstr (field (table, 1, 1), ==, "2,5");

  /* An explicit delimiter wins over the sep= line, which is still skipped. */
  forced = parse_string ("sep=;\r\na;b,c\r\n", SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_COMMA);
  g_assert_cmpint (forced->delimiter, ==, ',');
  g_assert_cmpstr (field (forced, 0, 0), ==, "a;b");

  g_assert_cmpint (tab->delimiter, ==, '\t');
  g_assert_cmpstr (field (tab, 0, 1), ==, "b");

  bad = sb_csv_parse ("sep=|\na|b\n", 10, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  g_assert_error (error, SB_CSV_ERROR, SB_CSV_ERROR_SYNTAX);
  g_assert_null (bad);
}

static void
test_bom (void)
{
  g_autoptr(SbCsvTable) table = parse_string ("\xEF\xBB\xBFoffer_id,sku\r\nA,B\r\n", SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO);
  g_autoptr(SbCsvTable) forced = parse_string ("\xEF\xBB\xBFoffer_id,sku\r\n", SB_CSV_ENCODING_UTF8, SB_CSV_DELIMITER_AUTO);

  g_assert_cmpint (table->encoding, ==, SB_CSV_ENCODING_UTF8_BOM);
  /* The BOM is not part of the first column's name. */
  g_assert_cmpstr (field (table, 0, 0), ==, "offer_id");
  g_assert_cmpint (forced->encoding, ==, SB_CSV_ENCODING_UTF8_BOM);
  g_assert_cmpstr (field (forced, 0, 0), ==, "offer_id");
}

static void
test_quoting (void)
{
  const char *text =
    "a,b,c\n"
    "\"x, y\",\"say \"\"hi\"\"\",\"line1\r\nline2\nline3\"\n"
    "\"\",plain \"inner\" quote,\"\"\"\"\r\n"
    "\n"
    "last,\"multi\n"
    "line\",end";
  g_autoptr(SbCsvTable) table = parse_string (text, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO);
  SbCsvRecord *last;

  g_assert_cmpint (table->delimiter, ==, ',');
  g_assert_cmpuint (table->records->len, ==, 4);
  g_assert_cmpstr (field (table, 1, 0), ==, "x, y");
  g_assert_cmpstr (field (table, 1, 1), ==, "say \"hi\"");
  g_assert_cmpstr (field (table, 1, 2), ==, "line1\r\nline2\nline3");
  g_assert_cmpstr (field (table, 2, 0), ==, "");
  g_assert_cmpstr (field (table, 2, 1), ==, "plain \"inner\" quote");
  g_assert_cmpstr (field (table, 2, 2), ==, "\"");
  /* Rows as a spreadsheet numbers them: the multi-line field is one row,
   * the blank line is a row of its own. */
  g_assert_cmpuint (((SbCsvRecord *) g_ptr_array_index (table->records, 2))->row, ==, 3);
  last = g_ptr_array_index (table->records, 3);
  g_assert_cmpuint (last->row, ==, 5);
  g_assert_cmpuint (last->n_fields, ==, 3);
  g_assert_cmpstr (last->fields[1], ==, "multi\nline");
  g_assert_cmpstr (last->fields[2], ==, "end");
}

static void
test_unclosed_quote (void)
{
  g_autoptr(GError) error = NULL;
  const char *text = "a,b\n1,2\n3,\"open\n4,5\n";
  g_autoptr(SbCsvTable) table = sb_csv_parse (text, strlen (text), SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);

  g_assert_null (table);
  g_assert_error (error, SB_CSV_ERROR, SB_CSV_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "row 3, column 2"));
}

/* Delimiter sniffing ignores delimiters inside quotes and prefers the one
 * that is consistent across lines. */
static void
test_sniff (void)
{
  g_assert_cmpint (sb_csv_detect_delimiter ("a;b;c\n\"1,5\";2,5;3\n4;5,1;6\n"), ==, ';');
  g_assert_cmpint (sb_csv_detect_delimiter ("a,b,c\n\"x;y\",2,3\n"), ==, ',');
  g_assert_cmpint (sb_csv_detect_delimiter ("Вес, г;Длина, мм;Цена\n1;2;3,5\n4;5;6,25\n"), ==, ';');
  g_assert_cmpint (sb_csv_detect_delimiter ("a\tb, c\n1\t2, 3\n"), ==, '\t');
  g_assert_cmpint (sb_csv_detect_delimiter ("single\nvalue\n"), ==, ',');
}

static void
test_invalid_bytes (void)
{
  g_autoptr(GError) error = NULL;
  /* Valid UTF-8 header, then a byte sequence valid in no encoding asked for. */
  const char *text = "offer_id,title_ko\r\nA,\xEA\xB0\r\n";
  g_autoptr(SbCsvTable) table = sb_csv_parse (text, strlen (text), SB_CSV_ENCODING_UTF8, SB_CSV_DELIMITER_AUTO, &error);
  g_autoptr(SbCsvTable) table2 = NULL;
  g_autofree char *decoded = NULL;

  g_assert_null (table);
  g_assert_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "row 2, column title_ko"));
  g_clear_error (&error);

  /* 0xFF 0xFF is not CP949. */
  table2 = sb_csv_parse ("a,b\r\n1,\xFF\xFF\r\n", 11, SB_CSV_ENCODING_CP949, SB_CSV_DELIMITER_AUTO, &error);
  g_assert_null (table2);
  g_assert_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "row 2, column b"));
  g_assert_nonnull (strstr (error->message, "CP949"));
  g_clear_error (&error);

  decoded = sb_csv_decode ("\x98", 1, SB_CSV_ENCODING_WINDOWS_1251, &error);
  g_assert_null (decoded);
  g_assert_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING);
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCsvTable) table = sb_csv_parse ("\r\n\r\n", 4, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  g_autoptr(SbCsvTable) utf16 = NULL;

  g_assert_null (table);
  g_assert_error (error, SB_CSV_ERROR, SB_CSV_ERROR_EMPTY);
  g_clear_error (&error);

  utf16 = sb_csv_parse ("\xFF\xFEo\0f\0", 6, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  g_assert_null (utf16);
  g_assert_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "UTF-16"));
}

static void
test_sample_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ko_path = g_test_build_filename (G_TEST_DIST, "data", "csv", "ko-cp949-comma.csv", NULL);
  g_autofree char *ru_path = g_test_build_filename (G_TEST_DIST, "data", "csv", "ru-cp1251-semicolon.csv", NULL);
  g_autofree char *tab_path = g_test_build_filename (G_TEST_DIST, "data", "csv", "utf8-bom-tab.csv", NULL);
  g_autoptr(SbCsvTable) ko = sb_csv_read_file (ko_path, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  g_autoptr(SbCsvTable) ru = NULL;
  g_autoptr(SbCsvTable) tab = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (ko->encoding, ==, SB_CSV_ENCODING_CP949);
  g_assert_cmpint (ko->delimiter, ==, ',');
  /* "뷁" is in CP949 (UHC) but not in strict EUC-KR. */
  g_assert_cmpstr (field (ko, 1, 2), ==, "면 티셔츠 뷁");

  ru = sb_csv_read_file (ru_path, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ru->encoding, ==, SB_CSV_ENCODING_WINDOWS_1251);
  g_assert_cmpint (ru->delimiter, ==, ';');
  g_assert_cmpstr (field (ru, 1, 1), ==, "Кружка \"Утро\", керамика");
  g_assert_cmpstr (field (ru, 1, 4), ==, "450,50");

  tab = sb_csv_read_file (tab_path, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tab->encoding, ==, SB_CSV_ENCODING_UTF8_BOM);
  g_assert_cmpint (tab->delimiter, ==, '\t');
  g_assert_cmpstr (field (tab, 1, 3), ==, "Файл с табуляцией");
}

static void
test_names (void)
{
  SbCsvEncoding encoding;
  SbCsvDelimiter delimiter;

  g_assert_true (sb_csv_encoding_from_string ("CP1251", &encoding));
  g_assert_cmpint (encoding, ==, SB_CSV_ENCODING_WINDOWS_1251);
  g_assert_true (sb_csv_encoding_from_string ("utf-8-bom", &encoding));
  g_assert_cmpint (encoding, ==, SB_CSV_ENCODING_UTF8_BOM);
  g_assert_true (sb_csv_encoding_from_string ("cp949", &encoding));
  g_assert_cmpint (encoding, ==, SB_CSV_ENCODING_CP949);
  g_assert_false (sb_csv_encoding_from_string ("latin1", &encoding));
  g_assert_cmpstr (sb_csv_encoding_to_string (SB_CSV_ENCODING_WINDOWS_1251), ==, "windows-1251");
  g_assert_true (sb_csv_delimiter_from_string ("semicolon", &delimiter));
  g_assert_cmpint (delimiter, ==, ';');
  g_assert_true (sb_csv_delimiter_from_string ("tab", &delimiter));
  g_assert_cmpint (delimiter, ==, '\t');
  g_assert_false (sb_csv_delimiter_from_string ("pipe", &delimiter));
}

static void
test_writer (void)
{
  const char *header[] = { "offer_id", "title_ru", "price" };
  const char *row[] = { "A-1", "Кружка \"Утро\"; 2 шт.\nновая", "12,50" };
  const char *symbol[] = { "A-2", "Цена 100 ₽", "1" };
  const char *won[] = { "A-3", "가격 ₩100", "1" };
  g_autoptr(SbCsvWriter) writer = sb_csv_writer_new (SB_CSV_ENCODING_UTF8, SB_CSV_DELIMITER_SEMICOLON);
  g_autoptr(SbCsvWriter) legacy = sb_csv_writer_new (SB_CSV_ENCODING_WINDOWS_1251, SB_CSV_DELIMITER_SEMICOLON);
  g_autoptr(SbCsvWriter) korean = sb_csv_writer_new (SB_CSV_ENCODING_CP949, SB_CSV_DELIMITER_COMMA);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) legacy_bytes = NULL;
  g_autofree char *text = NULL;

  g_assert_true (sb_csv_writer_add_row (writer, header, 3, &error));
  g_assert_true (sb_csv_writer_add_row (writer, row, 3, &error));
  bytes = sb_csv_writer_finish (writer);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  /* Quotes only where needed; "12,50" needs none in a ; file; CRLF. */
  g_assert_cmpstr (text, ==,
                   "offer_id;title_ru;price\r\n"
                   "A-1;\"Кружка \"\"Утро\"\"; 2 шт.\nновая\";12,50\r\n");

  /* ₽ and ₩ are not in windows-1251 / CP949: a clear error with the cell. */
  g_assert_true (sb_csv_writer_add_row (legacy, header, 3, &error));
  g_assert_true (sb_csv_writer_add_row (legacy, row, 3, &error));
  g_assert_false (sb_csv_writer_add_row (legacy, symbol, 3, &error));
  g_assert_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "row 3, column title_ru"));
  g_assert_nonnull (strstr (error->message, "U+20BD"));
  g_clear_error (&error);
  legacy_bytes = sb_csv_writer_finish (legacy);
  /* The failed row was not written. */
  g_assert_null (g_strstr_len (g_bytes_get_data (legacy_bytes, NULL), g_bytes_get_size (legacy_bytes), "A-2"));

  g_assert_true (sb_csv_writer_add_row (korean, header, 3, &error));
  g_assert_false (sb_csv_writer_add_row (korean, won, 3, &error));
  g_assert_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "U+20A9"));
}

/* Arbitrary bytes never crash the reader or the importer: each input is
 * either read (and then imported as a dry run) or refused with an error. */
static void
test_arbitrary_bytes (void)
{
  static const char alphabet[] = "\"\",;\t\r\n \xEF\xBB\xBF\xB0\xA1\xC0\xE0\x98\xFF\x80"
                                 "offer_id,sku,price,currency,stock,barcode,option_a,attr_b,sep=;1.5E+3";
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);

  for (guint round = 0; round < 3000; round++)
    {
      guint length = (guint) g_rand_int_range (rand, 0, 200);
      g_autofree char *data = g_malloc (length + 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(SbCsvTable) table = NULL;

      for (guint i = 0; i < length; i++)
        data[i] = g_rand_boolean (rand)
                  ? alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]
                  : (char) g_rand_int_range (rand, 0, 256);
      data[length] = '\0';
      /* Now and then a real header, so that rows get imported. */
      if (round % 3 == 0 && length > 40)
        memcpy (data, "offer_id,sku,price,currency,stock\n", 35);

      table = sb_csv_parse (data, length, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
      g_assert_true ((table == NULL) != (error == NULL));
      if (table != NULL)
        {
          g_autoptr(SbCsvImportReport) report = sb_csv_import_table (table, NULL, NULL, NULL, NULL, &error);

          g_assert_true ((report == NULL) != (error == NULL));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/detect/combinations", test_detect_combinations);
  g_test_add_func ("/csv/detect/short", test_detect_short);
  g_test_add_func ("/csv/detect/sniff", test_sniff);
  g_test_add_func ("/csv/detect/large", test_detect_large);
  g_test_add_func ("/csv/sep-line", test_sep_line);
  g_test_add_func ("/csv/bom", test_bom);
  g_test_add_func ("/csv/quoting", test_quoting);
  g_test_add_func ("/csv/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/csv/invalid-bytes", test_invalid_bytes);
  g_test_add_func ("/csv/empty", test_empty);
  g_test_add_func ("/csv/sample-files", test_sample_files);
  g_test_add_func ("/csv/names", test_names);
  g_test_add_func ("/csv/writer", test_writer);
  g_test_add_func ("/csv/arbitrary-bytes", test_arbitrary_bytes);

  return g_test_run ();
}
