/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-csv-export.c: unit tests of catalogue export — the exact canonical
 * layout, every encoding and delimiter, currency codes (never ₩ or ₽) in
 * legacy encodings, a clear error for a character an encoding lacks, and
 * export → import → export giving byte-identical files.
 */
#include "config.h"

#include <string.h>

#include "sb-csv-export.h"
#include "sb-csv-import.h"

static SbProduct *
make_tee (void)
{
  SbProduct *product = sb_product_new ("HB-TEE-001");
  SbImage *image = sb_image_new ();

  product->category_id = g_strdup ("1001");
  sb_product_set_title (product, SB_LANG_EN, "Cotton T-shirt");
  sb_product_set_title (product, SB_LANG_KO, "면 티셔츠");
  sb_product_set_title (product, SB_LANG_RU, "Футболка");
  sb_product_set_description (product, SB_LANG_EN, "Soft cotton.");
  sb_product_set_attribute (product, "brand", "Hanbit");
  sb_product_set_attribute (product, "material", "cotton");
  product->weight_g = 250;
  product->length_mm = 300;
  product->width_mm = 200;
  product->height_mm = 30;
  product->hs_code = g_strdup ("610910");
  product->handling_days = 3;
  sb_product_add_carrier (product, "kr_kpacket");
  image->local_path = g_strdup ("/photos/tee.jpg");
  sb_product_add_image (product, image);
  for (guint i = 0; i < 2; i++)
    {
      SbVariant *variant = sb_variant_new ();

      variant->sku = g_strdup (i == 0 ? "HB-TEE-001-WH" : "HB-TEE-001-BK");
      sb_variant_set_option (variant, "color", i == 0 ? "white" : "black");
      sb_variant_set_option (variant, "size", "M");
      variant->price_minor = 12900;
      g_strlcpy (variant->currency, "KRW", sizeof variant->currency);
      variant->stock = 25;
      variant->barcode = g_strdup (i == 0 ? "8801234567893" : "8801234567909");
      sb_product_add_variant (product, variant);
    }
  return product;
}

static SbProduct *
make_mug (void)
{
  SbProduct *product = sb_product_new ("A-MUG");
  SbVariant *variant = sb_variant_new ();

  product->category_id = g_strdup ("2001");
  sb_product_set_title (product, SB_LANG_EN, "Mug, large");
  sb_product_set_title (product, SB_LANG_RU, "Кружка “Утро”");
  sb_product_set_description (product, SB_LANG_RU, "Керамика.\nОбъём 350 мл, \"большая\".");
  sb_product_set_attribute (product, "volume_ml", "350");
  product->weight_g = 350;
  product->liquids = TRUE;
  product->batteries = SB_BATTERIES_INSTALLED;
  sb_product_add_carrier (product, "ru_post");
  sb_product_add_carrier (product, "ru_cdek");
  product->handling_days = 1;
  variant->sku = g_strdup ("A-MUG-1");
  variant->price_minor = 45050;
  g_strlcpy (variant->currency, "RUB", sizeof variant->currency);
  variant->stock = 3;
  variant->barcode = g_strdup ("4601234567893");
  sb_product_add_variant (product, variant);
  /* A second variant without options either: the product validation's
   * business, not the file's — it must read back. */
  variant = sb_variant_new ();
  variant->sku = g_strdup ("A-MUG-2");
  variant->price_minor = 100;
  g_strlcpy (variant->currency, "USD", sizeof variant->currency);
  sb_product_add_variant (product, variant);
  return product;
}

/* A product without variants yet (a draft). */
static SbProduct *
make_draft (void)
{
  SbProduct *product = sb_product_new ("Z-DRAFT");

  sb_product_set_title (product, SB_LANG_EN, "Draft");
  return product;
}

static GPtrArray *
make_products (gboolean with_korean)
{
  GPtrArray *products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);

  if (with_korean)
    g_ptr_array_add (products, make_tee ());
  g_ptr_array_add (products, make_draft ());
  g_ptr_array_add (products, make_mug ());
  return products;
}

static char *
bytes_to_string (GBytes *bytes)
{
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_layout (void)
{
  g_autoptr(GPtrArray) products = make_products (TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = sb_csv_export_products (products, SB_CSV_ENCODING_UTF8, SB_CSV_DELIMITER_COMMA, &error);
  g_autofree char *text = NULL;
  g_auto(GStrv) columns = sb_csv_export_dup_columns (products);
  g_autofree char *joined = g_strjoinv (",", columns);

  g_assert_no_error (error);
  text = bytes_to_string (bytes);
  g_assert_cmpstr (text, ==,
    "offer_id,category_id,title_en,title_ko,title_ru,description_en,description_ko,description_ru,"
    "sku,option_color,option_size,price,currency,stock,barcode,weight_g,length_mm,width_mm,height_mm,"
    "hs_code,batteries,liquids,carriers,handling_days,images,attr_brand,attr_material,attr_volume_ml\r\n"
    "A-MUG,2001,\"Mug, large\",,Кружка “Утро”,,,\"Керамика.\nОбъём 350 мл, \"\"большая\"\".\","
    "A-MUG-1,,,450.50,RUB,3,4601234567893,350,,,,,installed,yes,ru_post|ru_cdek,1,,,,350\r\n"
    "A-MUG,2001,\"Mug, large\",,Кружка “Утро”,,,\"Керамика.\nОбъём 350 мл, \"\"большая\"\".\","
    "A-MUG-2,,,1.00,USD,0,,350,,,,,installed,yes,ru_post|ru_cdek,1,,,,350\r\n"
    "HB-TEE-001,1001,Cotton T-shirt,면 티셔츠,Футболка,Soft cotton.,,,"
    "HB-TEE-001-WH,white,M,12900,KRW,25,8801234567893,250,300,200,30,610910,none,no,kr_kpacket,3,/photos/tee.jpg,Hanbit,cotton,\r\n"
    "HB-TEE-001,1001,Cotton T-shirt,면 티셔츠,Футболка,Soft cotton.,,,"
    "HB-TEE-001-BK,black,M,12900,KRW,25,8801234567909,250,300,200,30,610910,none,no,kr_kpacket,3,/photos/tee.jpg,Hanbit,cotton,\r\n"
    "Z-DRAFT,,Draft,,,,,,,,,,,,,,,,,,none,no,,0,,,,\r\n");
  g_assert_true (g_str_has_prefix (text, joined));
}

static void
test_semicolon_decimal_comma (void)
{
  g_autoptr(GPtrArray) products = make_products (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = sb_csv_export_products (products, SB_CSV_ENCODING_UTF8, SB_CSV_DELIMITER_SEMICOLON, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = bytes_to_string (bytes);
  /* "Mug, large" needs no quotes in a ; file; the price has a decimal comma. */
  g_assert_nonnull (strstr (text, "A-MUG;2001;Mug, large;;Кружка “Утро”;"));
  g_assert_nonnull (strstr (text, ";A-MUG-1;450,50;RUB;3;"));
}

static char *
decode (GBytes     *bytes,
        const char *charset)
{
  g_autoptr(GError) error = NULL;
  char *text = g_convert (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "UTF-8", charset, NULL, NULL, &error);

  g_assert_no_error (error);
  return text;
}

static void
test_encodings (void)
{
  g_autoptr(GPtrArray) all = make_products (TRUE);
  g_autoptr(GPtrArray) russian = make_products (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) utf8 = sb_csv_export_products (all, SB_CSV_ENCODING_UTF8, SB_CSV_DELIMITER_COMMA, &error);
  g_autoptr(GBytes) bom = sb_csv_export_products (all, SB_CSV_ENCODING_UTF8_BOM, SB_CSV_DELIMITER_COMMA, &error);
  g_autoptr(GBytes) cp949 = sb_csv_export_products (all, SB_CSV_ENCODING_CP949, SB_CSV_DELIMITER_COMMA, &error);
  g_autoptr(GBytes) ru_utf8 = NULL;
  g_autoptr(GBytes) cp1251 = NULL;
  g_autoptr(GBytes) failed = NULL;
  g_autofree char *utf8_text = bytes_to_string (utf8);
  g_autofree char *bom_text = bytes_to_string (bom);
  g_autofree char *cp949_text = NULL;
  g_autofree char *cp1251_text = NULL;
  g_autofree char *ru_text = NULL;

  g_assert_no_error (error);
  g_assert_false (g_str_has_prefix (utf8_text, "\xEF\xBB\xBF"));
  g_assert_true (g_str_has_prefix (bom_text, "\xEF\xBB\xBF"));
  g_assert_cmpstr (bom_text + 3, ==, utf8_text);
  /* CP949 holds Hangul and Cyrillic: the same text, other bytes. */
  g_assert_false (g_bytes_equal (cp949, utf8));
  cp949_text = decode (cp949, "CP949");
  g_assert_cmpstr (cp949_text, ==, utf8_text);

  /* windows-1251 has no Hangul: a clear error naming the cell. */
  failed = sb_csv_export_products (all, SB_CSV_ENCODING_WINDOWS_1251, SB_CSV_DELIMITER_SEMICOLON, &error);
  g_assert_null (failed);
  g_assert_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "row 4, column title_ko"));
  g_assert_nonnull (strstr (error->message, "windows-1251"));
  g_clear_error (&error);

  cp1251 = sb_csv_export_products (russian, SB_CSV_ENCODING_WINDOWS_1251, SB_CSV_DELIMITER_SEMICOLON, &error);
  g_assert_no_error (error);
  ru_utf8 = sb_csv_export_products (russian, SB_CSV_ENCODING_UTF8, SB_CSV_DELIMITER_SEMICOLON, &error);
  g_assert_no_error (error);
  cp1251_text = decode (cp1251, "WINDOWS-1251");
  ru_text = bytes_to_string (ru_utf8);
  g_assert_cmpstr (cp1251_text, ==, ru_text);
  /* Latin text is ASCII in every encoding. */
  g_assert_true (g_str_has_prefix (g_bytes_get_data (cp1251, NULL), "offer_id;category_id;"));
}

/* Currencies are written as ISO codes; a ₽ or ₩ in a text cannot be
 * written in CP949 or windows-1251 and fails with row and column. */
static void
test_no_currency_symbols (void)
{
  g_autoptr(GPtrArray) products = make_products (TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cp949 = sb_csv_export_products (products, SB_CSV_ENCODING_CP949, SB_CSV_DELIMITER_COMMA, &error);
  g_autoptr(GBytes) utf8 = sb_csv_export_products (products, SB_CSV_ENCODING_UTF8, SB_CSV_DELIMITER_COMMA, &error);
  g_autofree char *text = NULL;
  g_autofree char *utf8_text = NULL;
  g_autoptr(GBytes) rub = NULL;
  g_autoptr(GBytes) won = NULL;
  g_autoptr(GPtrArray) ruble_title = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  SbProduct *mug = make_mug ();

  g_assert_no_error (error);
  text = decode (cp949, "CP949");
  utf8_text = bytes_to_string (utf8);
  g_assert_nonnull (strstr (text, ",KRW,"));
  g_assert_nonnull (strstr (text, ",RUB,"));
  g_assert_null (strstr (text, "₩"));
  g_assert_null (strstr (text, "₽"));
  g_assert_null (strstr (utf8_text, "₩"));
  g_assert_null (strstr (utf8_text, "₽"));

  sb_product_set_title (mug, SB_LANG_RU, "Кружка за 450 ₽");
  g_ptr_array_add (ruble_title, mug);
  rub = sb_csv_export_products (ruble_title, SB_CSV_ENCODING_WINDOWS_1251, SB_CSV_DELIMITER_SEMICOLON, &error);
  g_assert_null (rub);
  g_assert_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "row 2, column title_ru"));
  g_assert_nonnull (strstr (error->message, "₽"));
  g_clear_error (&error);

  sb_product_set_title (mug, SB_LANG_RU, "Кружка");
  sb_product_set_title (mug, SB_LANG_KO, "머그 ₩9900");
  won = sb_csv_export_products (ruble_title, SB_CSV_ENCODING_CP949, SB_CSV_DELIMITER_COMMA, &error);
  g_assert_null (won);
  g_assert_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "row 2, column title_ko"));
}

/* The importer's callbacks over a plain hash table. */
static SbProduct *
table_lookup (const char  *offer_id,
              gpointer     user_data,
              GError     **error)
{
  SbProduct *product = g_hash_table_lookup (user_data, offer_id);

  return product != NULL ? sb_product_copy (product) : NULL;
}

static gboolean
table_save (GPtrArray  *products,
            gpointer    user_data,
            GError    **error)
{
  for (guint i = 0; i < products->len; i++)
    {
      SbProduct *product = g_ptr_array_index (products, i);

      g_hash_table_replace (user_data, g_strdup (product->offer_id), sb_product_copy (product));
    }
  return TRUE;
}

static void
round_trip (GPtrArray      *products,
            SbCsvEncoding   encoding,
            SbCsvDelimiter  delimiter)
{
  g_autoptr(GHashTable) store = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sb_product_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = sb_csv_export_products (products, encoding, delimiter, &error);
  g_autoptr(SbCsvTable) table = NULL;
  g_autoptr(SbCsvImportReport) report = NULL;
  g_autoptr(SbCsvImportReport) again = NULL;
  g_autoptr(GPtrArray) imported = g_ptr_array_new ();
  g_autoptr(GBytes) second = NULL;
  GHashTableIter iter;
  gpointer value;

  g_test_message ("round trip in %s, %s", sb_csv_encoding_to_string (encoding), sb_csv_delimiter_to_string (delimiter));
  g_assert_no_error (error);
  /* Read back with everything detected. */
  table = sb_csv_parse (g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                        SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->encoding, ==, encoding);
  g_assert_cmpint (table->delimiter, ==, delimiter);
  report = sb_csv_import_table (table, table_lookup, NULL, table_save, store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->issues->len; i++)
    {
      g_autofree char *line = sb_csv_issue_to_string (g_ptr_array_index (report->issues, i));

      g_test_message ("%s", line);
    }
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->n_created, ==, products->len);

  for (guint i = 0; i < products->len; i++)
    {
      SbProduct *original = g_ptr_array_index (products, i);

      g_assert_true (sb_product_equal (original, g_hash_table_lookup (store, original->offer_id)));
    }
  g_hash_table_iter_init (&iter, store);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (imported, value);
  second = sb_csv_export_products (imported, encoding, delimiter, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, second));

  /* Importing the same file again changes nothing. */
  again = sb_csv_import_table (table, table_lookup, NULL, table_save, store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_unchanged, ==, products->len);
  g_assert_cmpuint (again->products->len, ==, 0);
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) all = make_products (TRUE);
  g_autoptr(GPtrArray) russian = make_products (FALSE);
  static const SbCsvDelimiter delimiters[] = { SB_CSV_DELIMITER_COMMA, SB_CSV_DELIMITER_SEMICOLON };

  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    {
      round_trip (all, SB_CSV_ENCODING_UTF8, delimiters[d]);
      round_trip (all, SB_CSV_ENCODING_UTF8_BOM, delimiters[d]);
      round_trip (all, SB_CSV_ENCODING_CP949, delimiters[d]);
      round_trip (russian, SB_CSV_ENCODING_WINDOWS_1251, delimiters[d]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-export/layout", test_layout);
  g_test_add_func ("/csv-export/semicolon-decimal-comma", test_semicolon_decimal_comma);
  g_test_add_func ("/csv-export/encodings", test_encodings);
  g_test_add_func ("/csv-export/no-currency-symbols", test_no_currency_symbols);
  g_test_add_func ("/csv-export/round-trip", test_round_trip);

  return g_test_run ();
}
