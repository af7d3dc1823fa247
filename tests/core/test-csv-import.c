/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-csv-import.c: unit tests of catalogue import — Korean and Russian
 * header aliases, CP949 and windows-1251 sample files, the decimal comma,
 * Excel-mangled ids, per-row errors with row and column, merge rules (a
 * column the file lacks is never blanked, variants matched by SKU), dry
 * runs and a failing save that leaves the catalogue as it was.  The store
 * is a hash table behind the importer's lookup/save callbacks.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "sb-csv-import.h"

/* A stand-in catalogue: offer id → product. */
typedef struct {
  GHashTable *products;
  gboolean    fail_save;
  guint       n_saves;
} Store;

static Store *
store_new (void)
{
  Store *store = g_new0 (Store, 1);

  store->products = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sb_product_free);
  return store;
}

static void
store_free (Store *store)
{
  g_hash_table_unref (store->products);
  g_free (store);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Store, store_free)

static SbProduct *
store_lookup (const char  *offer_id,
              gpointer     user_data,
              GError     **error)
{
  Store *store = user_data;
  SbProduct *product = g_hash_table_lookup (store->products, offer_id);

  return product != NULL ? sb_product_copy (product) : NULL;
}

static char *
store_sku_owner (const char  *sku,
                 gpointer     user_data,
                 GError     **error)
{
  Store *store = user_data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, store->products);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (sb_product_find_variant (value, sku) != NULL)
      return g_strdup (((SbProduct *) value)->offer_id);
  return NULL;
}

static gboolean
store_save (GPtrArray  *products,
            gpointer    user_data,
            GError    **error)
{
  Store *store = user_data;

  if (store->fail_save)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "disk full");
      return FALSE;
    }
  store->n_saves++;
  for (guint i = 0; i < products->len; i++)
    {
      SbProduct *product = g_ptr_array_index (products, i);

      g_hash_table_replace (store->products, g_strdup (product->offer_id), sb_product_copy (product));
    }
  return TRUE;
}

static SbProduct *
store_get (Store      *store,
           const char *offer_id)
{
  SbProduct *product = g_hash_table_lookup (store->products, offer_id);

  g_assert_nonnull (product);
  return product;
}

static SbCsvImportReport *
import_bytes (Store          *store,
              const char     *data,
              gsize           length,
              gboolean        dry_run,
              GError        **error)
{
  g_autoptr(SbCsvTable) table = sb_csv_parse (data, length, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, error);

  if (table == NULL)
    return NULL;
  return sb_csv_import_table (table, store_lookup, store_sku_owner, dry_run ? NULL : store_save, store, error);
}

static SbCsvImportReport *
import_text (Store      *store,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  SbCsvImportReport *report = import_bytes (store, text, strlen (text), FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static SbCsvImportReport *
import_file (Store      *store,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  SbCsvImportReport *report;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  report = import_bytes (store, contents, length, FALSE, &error);
  g_assert_no_error (error);
  return report;
}

/* The report's issues as lines, for exact comparisons. */
static char *
issues_text (const SbCsvImportReport *report)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < report->issues->len; i++)
    {
      g_autofree char *line = sb_csv_issue_to_string (g_ptr_array_index (report->issues, i));

      g_string_append_printf (text, "%s\n", line);
    }
  return g_string_free (text, FALSE);
}

/* Asserts an issue at @row/@column whose message contains @needle. */
static void
assert_issue (const SbCsvImportReport *report,
              guint                    row,
              const char              *column,
              gboolean                 warning,
              const char              *needle)
{
  for (guint i = 0; i < report->issues->len; i++)
    {
      const SbCsvIssue *issue = g_ptr_array_index (report->issues, i);

      if (issue->row == row && g_strcmp0 (issue->column, column) == 0 && issue->warning == warning &&
          (needle == NULL || strstr (issue->message, needle) != NULL))
        return;
    }
  g_error ("no %s at row %u, column %s with “%s”; issues:\n%s", warning ? "warning" : "error",
           row, column, needle, issues_text (report));
}

static void
test_header_aliases (void)
{
  static const struct {
    const char  *header;
    SbCsvColumn  column;
    const char  *name;
  } cases[] = {
    { "offer_id", SB_CSV_COLUMN_OFFER_ID, NULL },
    { " Offer ID ", SB_CSV_COLUMN_OFFER_ID, NULL },
    { "상품코드", SB_CSV_COLUMN_OFFER_ID, NULL },
    { "판매자 상품코드", SB_CSV_COLUMN_OFFER_ID, NULL },
    { "Артикул", SB_CSV_COLUMN_OFFER_ID, NULL },
    { "АРТИКУЛ ТОВАРА", SB_CSV_COLUMN_OFFER_ID, NULL },
    { "카테고리", SB_CSV_COLUMN_CATEGORY_ID, NULL },
    { "상품명", SB_CSV_COLUMN_TITLE_KO, NULL },
    { "상품명 (영문)", SB_CSV_COLUMN_TITLE_EN, NULL },
    { "Название", SB_CSV_COLUMN_TITLE_RU, NULL },
    { "Описание", SB_CSV_COLUMN_DESCRIPTION_RU, NULL },
    { "상세설명", SB_CSV_COLUMN_DESCRIPTION_KO, NULL },
    { "옵션코드", SB_CSV_COLUMN_SKU, NULL },
    { "Артикул варианта", SB_CSV_COLUMN_SKU, NULL },
    { "가격", SB_CSV_COLUMN_PRICE, NULL },
    { "Цена", SB_CSV_COLUMN_PRICE, NULL },
    { "통화", SB_CSV_COLUMN_CURRENCY, NULL },
    { "재고", SB_CSV_COLUMN_STOCK, NULL },
    { "Остаток", SB_CSV_COLUMN_STOCK, NULL },
    { "바코드", SB_CSV_COLUMN_BARCODE, NULL },
    { "Штрихкод", SB_CSV_COLUMN_BARCODE, NULL },
    { "Штрих-код", SB_CSV_COLUMN_BARCODE, NULL },
    { "무게(g)", SB_CSV_COLUMN_WEIGHT_G, NULL },
    { "무게 (g)", SB_CSV_COLUMN_WEIGHT_G, NULL },
    { "Вес, г", SB_CSV_COLUMN_WEIGHT_G, NULL },
    { "вес (г)", SB_CSV_COLUMN_WEIGHT_G, NULL },
    { "길이(mm)", SB_CSV_COLUMN_LENGTH_MM, NULL },
    { "Ширина, мм", SB_CSV_COLUMN_WIDTH_MM, NULL },
    { "높이", SB_CSV_COLUMN_HEIGHT_MM, NULL },
    { "HS 코드", SB_CSV_COLUMN_HS_CODE, NULL },
    { "Код ТН ВЭД", SB_CSV_COLUMN_HS_CODE, NULL },
    { "배터리", SB_CSV_COLUMN_BATTERIES, NULL },
    { "Жидкости", SB_CSV_COLUMN_LIQUIDS, NULL },
    { "배송사", SB_CSV_COLUMN_CARRIERS, NULL },
    { "Срок отгрузки, дней", SB_CSV_COLUMN_HANDLING_DAYS, NULL },
    { "이미지", SB_CSV_COLUMN_IMAGES, NULL },
    { "option_color", SB_CSV_COLUMN_OPTION, "color" },
    { "Option_Size", SB_CSV_COLUMN_OPTION, "size" },
    { "옵션_색상", SB_CSV_COLUMN_OPTION, "색상" },
    { "опция_цвет", SB_CSV_COLUMN_OPTION, "цвет" },
    { "Опция: Размер", SB_CSV_COLUMN_OPTION, "размер" },
    { "attr_brand", SB_CSV_COLUMN_ATTRIBUTE, "brand" },
    { "속성_material", SB_CSV_COLUMN_ATTRIBUTE, "material" },
    { "атрибут_brand", SB_CSV_COLUMN_ATTRIBUTE, "brand" },
    { "option_", SB_CSV_COLUMN_UNKNOWN, NULL },
    { "options", SB_CSV_COLUMN_UNKNOWN, NULL },
    { "prce", SB_CSV_COLUMN_UNKNOWN, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = NULL;

      g_test_message ("%s", cases[i].header);
      g_assert_cmpint (sb_csv_header_match (cases[i].header, &name), ==, cases[i].column);
      g_assert_cmpstr (name, ==, cases[i].name);
    }
  /* Every canonical name maps to itself. */
  for (SbCsvColumn c = 0; c < SB_CSV_N_COLUMNS; c++)
    g_assert_cmpint (sb_csv_header_match (sb_csv_column_to_string (c), NULL), ==, c);
}

static void
test_korean_cp949 (void)
{
  g_autoptr(Store) store = store_new ();
  g_autoptr(SbCsvImportReport) report = import_file (store, "ko-cp949-comma.csv");
  g_autofree char *issues = issues_text (report);
  SbProduct *tee, *cup;
  SbVariant *white;

  /* The mug has an empty images column: imported, with the marketplace's
   * rule as a warning. */
  g_assert_cmpstr (issues, ==, "row 4, column 이미지: warning: the marketplace will refuse this product until it is fixed: Add at least one image.\n");
  g_assert_cmpint (report->encoding, ==, SB_CSV_ENCODING_CP949);
  g_assert_cmpuint (report->n_rows, ==, 3);
  g_assert_cmpuint (report->n_created, ==, 2);
  g_assert_true (report->saved);

  tee = store_get (store, "HB-TEE-001");
  g_assert_cmpstr (tee->category_id, ==, "1001");
  g_assert_cmpstr (tee->title[SB_LANG_KO], ==, "면 티셔츠 뷁");
  g_assert_cmpstr (tee->title[SB_LANG_EN], ==, "Cotton T-shirt");
  g_assert_null (tee->title[SB_LANG_RU]);
  g_assert_cmpuint (tee->variants->len, ==, 2);
  white = sb_product_find_variant (tee, "HB-TEE-001-WH");
  g_assert_nonnull (white);
  g_assert_cmpstr (g_hash_table_lookup (white->options, "색상"), ==, "흰색");
  g_assert_cmpint (white->price_minor, ==, 12900);
  g_assert_cmpstr (white->currency, ==, "KRW");
  g_assert_cmpint (white->stock, ==, 25);
  g_assert_cmpstr (white->barcode, ==, "8801234567893");
  g_assert_cmpuint (tee->weight_g, ==, 250);
  g_assert_cmpint (tee->batteries, ==, SB_BATTERIES_NONE);
  g_assert_false (tee->liquids);
  g_assert_cmpuint (tee->carrier_ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (tee->carrier_ids, 1), ==, "kr_ems");
  g_assert_cmpuint (tee->images->len, ==, 2);
  g_assert_cmpstr (((SbImage *) g_ptr_array_index (tee->images, 0))->local_path, ==, "img/tee-front.jpg");
  g_assert_cmpstr (g_hash_table_lookup (tee->attributes, "brand"), ==, "한빛");

  cup = store_get (store, "HB-CUP-002");
  g_assert_cmpstr (cup->title[SB_LANG_KO], ==, "머그컵, 350ml");
  g_assert_true (cup->liquids);
  g_assert_cmpuint (cup->images->len, ==, 0);
  g_assert_cmpuint (g_hash_table_size (cup->attributes), ==, 0);
  /* "원" is read as KRW. */
  g_assert_cmpstr (((SbVariant *) g_ptr_array_index (cup->variants, 0))->currency, ==, "KRW");
  g_assert_null (((SbVariant *) g_ptr_array_index (cup->variants, 0))->barcode);
}

static void
check_russian_products (Store *store)
{
  SbProduct *mug = store_get (store, "RU-MUG-01");
  SbProduct *lamp = store_get (store, "RU-LAMP-7");
  SbVariant *white, *black;

  g_assert_cmpstr (mug->title[SB_LANG_RU], ==, "Кружка \"Утро\", керамика");
  g_assert_cmpstr (mug->title[SB_LANG_EN], ==, "Ceramic mug");
  g_assert_cmpuint (mug->variants->len, ==, 2);
  white = g_ptr_array_index (mug->variants, 0);
  black = g_ptr_array_index (mug->variants, 1);
  /* Decimal comma in a ; file. */
  g_assert_cmpint (white->price_minor, ==, 45050);
  g_assert_cmpint (black->price_minor, ==, 45500);
  g_assert_cmpstr (black->currency, ==, "RUB");
  /* Empty product cells on the second row mean "as above". */
  g_assert_cmpuint (mug->weight_g, ==, 350);
  g_assert_cmpuint (mug->length_mm, ==, 120);
  g_assert_cmpuint (mug->width_mm, ==, 90);
  g_assert_cmpuint (mug->height_mm, ==, 100);
  g_assert_cmpstr (mug->hs_code, ==, "691200");
  g_assert_cmpuint (mug->handling_days, ==, 2);

  g_assert_cmpint (((SbVariant *) g_ptr_array_index (lamp->variants, 0))->price_minor, ==, 129990);
  g_assert_cmpint (lamp->batteries, ==, SB_BATTERIES_INSTALLED);
  g_assert_cmpuint (lamp->carrier_ids->len, ==, 2);
}

static void
test_russian_cp1251 (void)
{
  g_autoptr(Store) store = store_new ();
  g_autoptr(Store) store_sep = store_new ();
  g_autoptr(SbCsvImportReport) report = import_file (store, "ru-cp1251-semicolon.csv");
  g_autoptr(SbCsvImportReport) report_sep = import_file (store_sep, "ru-utf8-sep.csv");
  g_autofree char *issues = issues_text (report);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpstr (issues, ==, "");
  g_assert_cmpint (report->encoding, ==, SB_CSV_ENCODING_WINDOWS_1251);
  g_assert_cmpint (report->delimiter, ==, ';');
  g_assert_cmpuint (report->n_created, ==, 2);
  check_russian_products (store);

  /* The same data as UTF-8 with a sep=; line gives the same products. */
  g_assert_cmpint (report_sep->encoding, ==, SB_CSV_ENCODING_UTF8);
  g_assert_cmpuint (report_sep->n_errors, ==, 0);
  g_assert_cmpuint (g_hash_table_size (store_sep->products), ==, 2);
  g_hash_table_iter_init (&iter, store->products);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_true (sb_product_equal (value, store_get (store_sep, key)));
}

static void
test_utf8_bom_tab (void)
{
  g_autoptr(Store) store = store_new ();
  g_autoptr(SbCsvImportReport) report = import_file (store, "utf8-bom-tab.csv");
  SbProduct *product;

  g_assert_cmpuint (report->n_errors, ==, 0);
  product = store_get (store, "TAB-1");
  g_assert_cmpstr (product->title[SB_LANG_KO], ==, "탭 파일");
  g_assert_cmpstr (product->title[SB_LANG_RU], ==, "Файл с табуляцией");
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (product->variants, 0))->price_minor, ==, 1250);
}

static void
test_quoted_and_decimal_comma (void)
{
  g_autoptr(Store) store = store_new ();
  g_autoptr(SbCsvImportReport) report = import_file (store, "quoted.csv");
  SbProduct *product;

  product = store_get (store, "Q-1");
  g_assert_cmpstr (product->title[SB_LANG_EN], ==, "Shirt, large");
  g_assert_cmpstr (product->description[SB_LANG_EN], ==, "Line one\r\nLine two, with comma\nand \"quotes\"");
  /* A decimal comma is not read in a comma-delimited file. */
  g_assert_cmpuint (report->n_errors, ==, 1);
  assert_issue (report, 3, "price", FALSE, "20,00");
  g_assert_false (g_hash_table_contains (store->products, "Q-2"));
  g_assert_cmpuint (report->n_rows_invalid, ==, 1);
}

static void
test_mangled (void)
{
  g_autoptr(Store) store = store_new ();
  g_autoptr(SbCsvImportReport) report = import_file (store, "mangled.csv");
  g_autoptr(SbCsvImportReport) nine = NULL;
  SbVariant *variant;

  /* Row 2 is imported with two warnings. */
  assert_issue (report, 2, "sku", TRUE, "scientific notation");
  assert_issue (report, 2, "barcode", TRUE, "0123456789012");
  variant = g_ptr_array_index (store_get (store, "M-1")->variants, 0);
  g_assert_cmpstr (variant->sku, ==, "1.2E+15");
  g_assert_cmpstr (variant->barcode, ==, "123456789012");
  /* An unquoted 1,2E+15 shifts the cells. */
  assert_issue (report, 3, NULL, FALSE, "more cells (8)");
  assert_issue (report, 4, "barcode", FALSE, "scientific notation");
  /* 11 digits: two leading zeros lost. */
  assert_issue (report, 5, "barcode", FALSE, "0012345678905");
  /* An HS code that lost its leading zero. */
  assert_issue (report, 6, "hs_code", FALSE, "010121");
  g_assert_cmpuint (report->n_warnings, ==, 2);
  g_assert_cmpuint (report->n_errors, ==, 4);
  g_assert_cmpuint (report->n_rows_invalid, ==, 4);
  g_assert_cmpuint (g_hash_table_size (store->products), ==, 1);

  /* Nine digits are allowed, with a warning about a lost 0. */
  nine = import_text (store, "offer_id,hs_code\nM-9,610910000\n");
  assert_issue (nine, 2, "hs_code", TRUE, "0610910000");
  g_assert_cmpstr (store_get (store, "M-9")->hs_code, ==, "610910000");
}

static void
test_row_errors (void)
{
  g_autoptr(Store) store = store_new ();
  const char *text =
    "offer_id,sku,title_en,price,currency,stock,weight_g,batteries,liquids,barcode,hs_code\n"
    "OK-1,OK-1-A,Good,10.50,USD,5,100,none,no,880-1234 56789 3,\n"
    "BAD-1,BAD-1-A,Too precise,10.505,USD,5,100,none,no,,\n"
    "BAD-2,BAD-2-A,Negative,10,USD,-1,100,none,no,,\n"
    "BAD-3,BAD-3-A,Fraction,10,USD,1,1.5,none,no,,\n"
    "BAD-4,BAD-4-A,Battery,10,USD,1,100,maybe,no,,\n"
    "bad id!,X,Id,10,USD,1,100,none,no,,\n"
    "BAD-5,BAD-5-A,Currency,10,XYZ,1,100,none,no,,\n"
    "BAD-6,,No sku,10,USD,1,100,none,no,,\n"
    "BAD-7,BAD-7-A,Check digit,10,USD,1,100,none,no,8801234567890,\n"
    "BAD-8,BAD-8-A,Zero price,0,USD,1,100,none,no,,\n"
    "BAD-9,BAD-9-A,Heavy,10,USD,1,30001,none,no,,\n"
    "BAD-10,BAD-10-A,Liquids,10,USD,1,100,none,maybe,,\n"
    "BAD-11,BAD-11-A,HS,10,USD,1,100,none,no,,12AB56\n"
    "OK-2,OK-2-A,Korean won,12900,KRW,0,,installed,yes,8801234567893,6109.10\n"
    "BAD-12,BAD-12-A,Won fraction,12900.5,KRW,0,,none,no,,\n"
    "BAD-13,BAD-13-A,Empty stock,1,KRW,,,none,no,,\n";
  g_autoptr(SbCsvImportReport) report = import_text (store, text);
  g_autofree char *first = NULL;
  g_autofree char *lines = issues_text (report);
  SbProduct *won;

  g_test_message ("%s", lines);
  assert_issue (report, 3, "price", FALSE, "10.505");
  assert_issue (report, 4, "stock", FALSE, "-1");
  assert_issue (report, 5, "weight_g", FALSE, "1.5");
  assert_issue (report, 6, "batteries", FALSE, "maybe");
  assert_issue (report, 7, "offer_id", FALSE, "bad id!");
  assert_issue (report, 8, "currency", FALSE, "XYZ");
  assert_issue (report, 9, "sku", FALSE, NULL);
  assert_issue (report, 10, "barcode", FALSE, "check digit");
  assert_issue (report, 11, "price", FALSE, "greater than zero");
  assert_issue (report, 12, "weight_g", FALSE, "30000");
  assert_issue (report, 13, "liquids", FALSE, "maybe");
  assert_issue (report, 14, "hs_code", FALSE, "12AB56");
  assert_issue (report, 16, "price", FALSE, "12900.5");
  assert_issue (report, 17, "stock", FALSE, "empty");
  g_assert_cmpuint (report->n_rows, ==, 16);
  g_assert_cmpuint (report->n_rows_invalid, ==, 14);
  g_assert_cmpuint (report->n_created, ==, 2);

  /* The line format: "row N, column NAME: reason". */
  first = sb_csv_issue_to_string (g_ptr_array_index (report->issues, 0));
  g_assert_true (g_str_has_prefix (first, "row 3, column price: "));

  g_assert_cmpuint (g_hash_table_size (store->products), ==, 2);
  won = store_get (store, "OK-2");
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (won->variants, 0))->price_minor, ==, 12900);
  g_assert_cmpstr (won->hs_code, ==, "610910");
  g_assert_cmpint (won->batteries, ==, SB_BATTERIES_INSTALLED);
  g_assert_true (won->liquids);
  g_assert_cmpuint (won->weight_g, ==, 0);
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (store_get (store, "OK-1")->variants, 0))->price_minor, ==, 1050);
  /* Spaces and dashes in a barcode are removed. */
  g_assert_cmpstr (((SbVariant *) g_ptr_array_index (store_get (store, "OK-1")->variants, 0))->barcode, ==, "8801234567893");
}

static SbProduct *
make_full_product (void)
{
  SbProduct *product = sb_product_new ("HB-TEE-001");
  SbVariant *variant;
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
  image->sha256 = g_strdup ("abcd");
  image->remote_id = g_strdup ("img_abcd");
  sb_product_add_image (product, image);
  for (guint i = 0; i < 2; i++)
    {
      variant = sb_variant_new ();
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

/* A file with only some columns changes only those. */
static void
test_partial_never_blanks (void)
{
  g_autoptr(Store) store = store_new ();
  g_autoptr(SbProduct) original = make_full_product ();
  g_autoptr(SbProduct) expected = NULL;
  g_autoptr(SbCsvImportReport) stock = NULL;
  g_autoptr(SbCsvImportReport) title = NULL;
  g_autoptr(SbCsvImportReport) clear = NULL;
  g_autoptr(SbCsvImportReport) images = NULL;
  SbProduct *stored;
  SbVariant *black;

  g_hash_table_insert (store->products, g_strdup (original->offer_id), sb_product_copy (original));

  /* Stock of one variant: nothing else moves. */
  stock = import_text (store, "offer_id;sku;Остаток\nHB-TEE-001;HB-TEE-001-BK;7\n");
  g_assert_cmpuint (stock->n_updated, ==, 1);
  expected = sb_product_copy (original);
  ((SbVariant *) g_ptr_array_index (expected->variants, 1))->stock = 7;
  stored = store_get (store, "HB-TEE-001");
  g_assert_true (sb_product_equal (stored, expected));
  g_assert_cmpstr (((SbImage *) g_ptr_array_index (stored->images, 0))->sha256, ==, "abcd");

  /* A product column without a sku column: variants untouched. */
  title = import_text (store, "상품코드,상품명\nHB-TEE-001,새 면 티셔츠\n");
  g_assert_cmpuint (title->n_errors, ==, 0);
  sb_product_set_title (expected, SB_LANG_KO, "새 면 티셔츠");
  g_assert_true (sb_product_equal (store_get (store, "HB-TEE-001"), expected));

  /* An empty cell in a column the file has clears the value. */
  clear = import_text (store, "offer_id,sku,barcode,option_size,attr_material\n"
                              "HB-TEE-001,HB-TEE-001-WH,,,\n");
  g_assert_cmpuint (clear->n_errors, ==, 0);
  stored = store_get (store, "HB-TEE-001");
  g_assert_null (((SbVariant *) g_ptr_array_index (stored->variants, 0))->barcode);
  g_assert_null (g_hash_table_lookup (((SbVariant *) g_ptr_array_index (stored->variants, 0))->options, "size"));
  g_assert_null (g_hash_table_lookup (stored->attributes, "material"));
  g_assert_cmpstr (g_hash_table_lookup (stored->attributes, "brand"), ==, "Hanbit");
  black = g_ptr_array_index (stored->variants, 1);
  g_assert_cmpstr (black->barcode, ==, "8801234567909");
  g_assert_cmpstr (g_hash_table_lookup (black->options, "size"), ==, "M");

  /* Images: a known path keeps its upload id and hash. */
  images = import_text (store, "offer_id,images\nHB-TEE-001,/photos/tee.jpg|/photos/new.jpg\n");
  stored = store_get (store, "HB-TEE-001");
  g_assert_cmpuint (stored->images->len, ==, 2);
  g_assert_cmpstr (((SbImage *) g_ptr_array_index (stored->images, 0))->remote_id, ==, "img_abcd");
  g_assert_null (((SbImage *) g_ptr_array_index (stored->images, 1))->remote_id);
}

static void
test_merge_variants (void)
{
  g_autoptr(Store) store = store_new ();
  g_autoptr(SbProduct) original = make_full_product ();
  g_autoptr(SbCsvImportReport) report = NULL;
  g_autofree char *lines = NULL;
  SbProduct *stored;
  SbVariant *added;

  g_hash_table_insert (store->products, g_strdup (original->offer_id), sb_product_copy (original));
  report = import_text (store,
                        "offer_id,sku,option_color,option_size,price,currency,stock\n"
                        "HB-TEE-001,HB-TEE-001-RD,red,M,13900,KRW,4\n"
                        "HB-TEE-001,HB-TEE-001-WH,white,M,11900,,3\n"
                        "HB-TEE-001,HB-TEE-001-GR,green,M,,,4\n"
                        "HB-TEE-001,HB-TEE-001-BK,black,M,10,USD,4\n"
                        "HB-TEE-001,HB-TEE-001-BL,black,M,13900,KRW,4\n"
                        "HB-TEE-001,HB-TEE-001-RD,red,L,13900,KRW,4\n");
  lines = issues_text (report);
  g_test_message ("%s", lines);
  /* Row 3: a price without a currency. */
  assert_issue (report, 3, "price", FALSE, "currency");
  /* Row 4: a new SKU needs a price. */
  assert_issue (report, 4, "price", FALSE, "new");
  /* Row 6: the same options as HB-TEE-001-BK — imported, with a warning
   * from the marketplace's rules. */
  assert_issue (report, 6, "option_color", TRUE, "marketplace");
  /* Row 7: the same SKU twice. */
  assert_issue (report, 7, "sku", FALSE, "row 2");
  g_assert_cmpuint (report->n_errors, ==, 3);

  stored = store_get (store, "HB-TEE-001");
  /* Existing variants kept in order, the new ones appended.  (Row 6 has
   * the same options as HB-TEE-001-BK: product validation reports that
   * before sync; the import keeps it.) */
  g_assert_cmpuint (stored->variants->len, ==, 4);
  g_assert_cmpstr (((SbVariant *) g_ptr_array_index (stored->variants, 3))->sku, ==, "HB-TEE-001-BL");
  g_assert_cmpstr (((SbVariant *) g_ptr_array_index (stored->variants, 0))->sku, ==, "HB-TEE-001-WH");
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (stored->variants, 0))->price_minor, ==, 12900);
  /* Row 5 changed the currency together with the price. */
  g_assert_cmpstr (((SbVariant *) g_ptr_array_index (stored->variants, 1))->currency, ==, "USD");
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (stored->variants, 1))->price_minor, ==, 1000);
  added = g_ptr_array_index (stored->variants, 2);
  g_assert_cmpstr (added->sku, ==, "HB-TEE-001-RD");
  g_assert_cmpint (added->price_minor, ==, 13900);
  g_assert_cmpint (added->stock, ==, 4);
  g_assert_cmpstr (stored->title[SB_LANG_EN], ==, "Cotton T-shirt");
}

static void
test_price_without_currency_column (void)
{
  g_autoptr(Store) store = store_new ();
  g_autoptr(SbProduct) original = make_full_product ();
  g_autoptr(SbCsvImportReport) report = NULL;
  g_autoptr(SbCsvImportReport) change = NULL;
  SbProduct *stored;

  g_hash_table_insert (store->products, g_strdup (original->offer_id), sb_product_copy (original));
  /* The price is read in the stored currency (KRW has no fraction). */
  report = import_text (store, "offer_id;sku;price\n"
                               "HB-TEE-001;HB-TEE-001-WH;15900\n"
                               "HB-TEE-001;HB-TEE-001-BK;15900,5\n"
                               "HB-TEE-001;HB-TEE-001-NEW;100\n");
  assert_issue (report, 3, "price", FALSE, "KRW");
  assert_issue (report, 4, "currency", FALSE, "new");
  stored = store_get (store, "HB-TEE-001");
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (stored->variants, 0))->price_minor, ==, 15900);
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (stored->variants, 1))->price_minor, ==, 12900);

  /* A currency change needs a price in the new currency. */
  change = import_text (store, "offer_id,sku,currency\nHB-TEE-001,HB-TEE-001-WH,USD\n");
  assert_issue (change, 2, "currency", FALSE, "price");
  g_assert_cmpstr (((SbVariant *) g_ptr_array_index (store_get (store, "HB-TEE-001")->variants, 0))->currency, ==, "KRW");
}

static void
test_product_cells_conflict (void)
{
  g_autoptr(Store) store = store_new ();
  g_autoptr(SbCsvImportReport) report = import_text (store,
    "offer_id,title_en,sku,price,currency,stock\n"
    "P-1,Mug,P-1-A,10,USD,1\n"
    "P-1,,P-1-B,10,USD,1\n"
    "P-1,Cup,P-1-C,10,USD,1\n");
  SbProduct *product;

  assert_issue (report, 4, "title_en", FALSE, "row 2");
  product = store_get (store, "P-1");
  g_assert_cmpstr (product->title[SB_LANG_EN], ==, "Mug");
  g_assert_cmpuint (product->variants->len, ==, 2);
}

static void
test_article_alias (void)
{
  g_autoptr(Store) store = store_new ();
  g_autoptr(SbCsvImportReport) report = import_text (store,
    "offer_id;Артикул;Цена;Валюта;Остаток\n"
    "RU-1;RU-1-RED;100;RUB;1\n");
  g_autoptr(SbCsvImportReport) alone = import_text (store, "Артикул;Название\nRU-2;Чашка\n");

  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_nonnull (sb_product_find_variant (store_get (store, "RU-1"), "RU-1-RED"));
  g_assert_cmpstr (store_get (store, "RU-2")->title[SB_LANG_RU], ==, "Чашка");
}

static void
test_header_errors (void)
{
  static const struct {
    const char *text;
    const char *needle;
  } cases[] = {
    { "sku,price\nA,1\n", "offer_id" },
    { "offer_id,가격,Цена\nA,1,1\n", "“가격” and “Цена”" },
    { "offer_id,price,currency\nA,1,KRW\n", "sku" },
    { "offer_id,option_color\nA,red\n", "sku" },
    { "offer_id,sku,option_color,옵션_color\nA,B,red,red\n", "color" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Store) store = store_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(SbCsvImportReport) report = import_bytes (store, cases[i].text, strlen (cases[i].text), FALSE, &error);

      g_assert_null (report);
      g_assert_error (error, SB_CSV_IMPORT_ERROR, SB_CSV_IMPORT_ERROR_HEADER);
      g_assert_nonnull (strstr (error->message, cases[i].needle));
      g_assert_cmpuint (g_hash_table_size (store->products), ==, 0);
    }
}

static void
test_unknown_column (void)
{
  g_autoptr(Store) store = store_new ();
  g_autoptr(SbCsvImportReport) report = import_text (store, "offer_id,prce,,title_en\nA,1,,Thing\n");

  assert_issue (report, 1, "prce", TRUE, NULL);
  g_assert_cmpuint (report->n_warnings, ==, 1);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpstr (store_get (store, "A")->title[SB_LANG_EN], ==, "Thing");
}

static void
test_dry_run (void)
{
  g_autoptr(Store) store = store_new ();
  g_autoptr(GError) error = NULL;
  const char *text = "offer_id,title_en\nA,Thing\nB,Other\n";
  g_autoptr(SbCsvImportReport) report = import_bytes (store, text, strlen (text), TRUE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (report->n_created, ==, 2);
  g_assert_cmpuint (report->products->len, ==, 2);
  g_assert_false (report->saved);
  g_assert_cmpuint (g_hash_table_size (store->products), ==, 0);
}

static void
test_save_fails (void)
{
  g_autoptr(Store) store = store_new ();
  g_autoptr(SbProduct) original = make_full_product ();
  g_autoptr(GError) error = NULL;
  const char *text = "offer_id,title_en\nHB-TEE-001,Changed\nNEW-1,New\n";
  g_autoptr(SbCsvImportReport) report = NULL;

  g_hash_table_insert (store->products, g_strdup (original->offer_id), sb_product_copy (original));
  store->fail_save = TRUE;
  report = import_bytes (store, text, strlen (text), FALSE, &error);
  g_assert_null (report);
  g_assert_error (error, SB_CSV_IMPORT_ERROR, SB_CSV_IMPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "disk full"));
  g_assert_cmpuint (g_hash_table_size (store->products), ==, 1);
  g_assert_true (sb_product_equal (store_get (store, "HB-TEE-001"), original));
}

static void
test_unchanged_not_saved (void)
{
  g_autoptr(Store) store = store_new ();
  g_autoptr(SbProduct) original = make_full_product ();
  g_autoptr(SbCsvImportReport) report = NULL;

  g_hash_table_insert (store->products, g_strdup (original->offer_id), sb_product_copy (original));
  report = import_text (store, "offer_id,title_en,sku,stock\nHB-TEE-001,Cotton T-shirt,HB-TEE-001-WH,25\n");
  g_assert_cmpuint (report->n_unchanged, ==, 1);
  g_assert_cmpuint (report->products->len, ==, 0);
  g_assert_cmpuint (store->n_saves, ==, 0);
}

/* Numbers as spreadsheets display them: digit grouping is removed when it
 * is regular, never guessed otherwise. */
static void
test_grouping (void)
{
  g_autoptr(Store) store = store_new ();
  g_autoptr(SbCsvImportReport) semicolon = import_text (store,
    "offer_id;sku;price;currency;stock;weight_g\n"
    "G-1;G-1-A;1 234,56;RUB;1 500;12 000\n"
    "G-2;G-2-A;1\xC2\xA0" "234\xC2\xA0" "567,5;RUB;2;1\n"
    "G-3;G-3-A;1 23;RUB;2;1\n"
    "G-4;G-4-A;1.234,56;RUB;2;1\n");
  g_autoptr(SbCsvImportReport) comma = import_text (store,
    "offer_id,sku,price,currency,stock\n"
    "K-1,K-1-A,\"12,900\",KRW,\"1,000\"\n"
    "K-2,K-2-A,\"1,234.50\",USD,1\n"
    "K-3,K-3-A,\"12,90\",USD,1\n");
  SbProduct *product;

  product = store_get (store, "G-1");
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (product->variants, 0))->price_minor, ==, 123456);
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (product->variants, 0))->stock, ==, 1500);
  g_assert_cmpuint (product->weight_g, ==, 12000);
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (store_get (store, "G-2")->variants, 0))->price_minor, ==, 123456750);
  assert_issue (semicolon, 4, "price", FALSE, "1 23");
  assert_issue (semicolon, 5, "price", FALSE, "1.234,56");
  g_assert_cmpuint (semicolon->n_errors, ==, 2);

  product = store_get (store, "K-1");
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (product->variants, 0))->price_minor, ==, 12900);
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (product->variants, 0))->stock, ==, 1000);
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (store_get (store, "K-2")->variants, 0))->price_minor, ==, 123450);
  assert_issue (comma, 4, "price", FALSE, "12,90");
  g_assert_cmpuint (comma->n_errors, ==, 1);
}

/* A SKU belongs to one product, in the file and in the catalogue. */
static void
test_sku_owner (void)
{
  g_autoptr(Store) store = store_new ();
  g_autoptr(SbProduct) original = make_full_product ();
  g_autoptr(SbCsvImportReport) report = NULL;

  g_hash_table_insert (store->products, g_strdup (original->offer_id), sb_product_copy (original));
  report = import_text (store,
                        "offer_id,sku,price,currency,stock\n"
                        "OTHER-1,HB-TEE-001-WH,100,KRW,1\n"
                        "OTHER-2,NEW-SKU,100,KRW,1\n"
                        "OTHER-3,NEW-SKU,100,KRW,1\n");
  assert_issue (report, 2, "sku", FALSE, "HB-TEE-001");
  assert_issue (report, 4, "sku", FALSE, "row 3");
  g_assert_cmpuint (report->n_errors, ==, 2);
  g_assert_false (g_hash_table_contains (store->products, "OTHER-1"));
  g_assert_true (g_hash_table_contains (store->products, "OTHER-2"));
  g_assert_false (g_hash_table_contains (store->products, "OTHER-3"));
  g_assert_true (sb_product_equal (store_get (store, "HB-TEE-001"), original));
}

static void
test_vocabularies (void)
{
  g_autoptr(Store) store = store_new ();
  g_autoptr(SbCsvImportReport) report = import_text (store,
    "offer_id,batteries,liquids\n"
    "V-1,내장,예\n"
    "V-2,в комплекте,да\n"
    "V-3,Standalone,아니오\n"
    "V-4,отдельно,Нет\n"
    "V-5,없음,No\n"
    "V-6,none,ИСТИНА\n"
    "V-7,none,ЛОЖЬ\n");

  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpint (store_get (store, "V-1")->batteries, ==, SB_BATTERIES_INSTALLED);
  g_assert_true (store_get (store, "V-1")->liquids);
  g_assert_cmpint (store_get (store, "V-2")->batteries, ==, SB_BATTERIES_PACKED);
  g_assert_true (store_get (store, "V-2")->liquids);
  g_assert_cmpint (store_get (store, "V-3")->batteries, ==, SB_BATTERIES_STANDALONE);
  g_assert_false (store_get (store, "V-3")->liquids);
  g_assert_cmpint (store_get (store, "V-4")->batteries, ==, SB_BATTERIES_STANDALONE);
  g_assert_false (store_get (store, "V-4")->liquids);
  g_assert_cmpint (store_get (store, "V-5")->batteries, ==, SB_BATTERIES_NONE);
  g_assert_true (store_get (store, "V-6")->liquids);
  g_assert_false (store_get (store, "V-7")->liquids);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-import/header-aliases", test_header_aliases);
  g_test_add_func ("/csv-import/korean-cp949", test_korean_cp949);
  g_test_add_func ("/csv-import/russian-cp1251", test_russian_cp1251);
  g_test_add_func ("/csv-import/utf8-bom-tab", test_utf8_bom_tab);
  g_test_add_func ("/csv-import/quoted-decimal-comma", test_quoted_and_decimal_comma);
  g_test_add_func ("/csv-import/mangled", test_mangled);
  g_test_add_func ("/csv-import/row-errors", test_row_errors);
  g_test_add_func ("/csv-import/partial-never-blanks", test_partial_never_blanks);
  g_test_add_func ("/csv-import/merge-variants", test_merge_variants);
  g_test_add_func ("/csv-import/price-without-currency", test_price_without_currency_column);
  g_test_add_func ("/csv-import/product-cells-conflict", test_product_cells_conflict);
  g_test_add_func ("/csv-import/article-alias", test_article_alias);
  g_test_add_func ("/csv-import/header-errors", test_header_errors);
  g_test_add_func ("/csv-import/unknown-column", test_unknown_column);
  g_test_add_func ("/csv-import/dry-run", test_dry_run);
  g_test_add_func ("/csv-import/save-fails", test_save_fails);
  g_test_add_func ("/csv-import/unchanged", test_unchanged_not_saved);
  g_test_add_func ("/csv-import/vocabularies", test_vocabularies);
  g_test_add_func ("/csv-import/sku-owner", test_sku_owner);
  g_test_add_func ("/csv-import/grouping", test_grouping);

  return g_test_run ();
}
