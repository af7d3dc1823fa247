/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-variant-matrix.c: the variant matrix generator — splitting values,
 * counting and ordering combinations, the 100-variant cap, suggested SKUs
 * (with Hangul and Cyrillic values), merging with existing variants
 * without doubles, and the per-field checks of SKU, price, stock and
 * barcode.
 */
#include "config.h"

#include <string.h>

#include "sb-currency.h"
#include "sb-identity.h"
#include "sb-variant-matrix.h"

static SbVariantMatrix *
matrix_3x2 (void)
{
  SbVariantMatrix *matrix = sb_variant_matrix_new ();
  const char *sizes[] = { "S", "M", "L", NULL };
  const char *colors[] = { "black", "white", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_variant_matrix_add_dimension (matrix, "size", sizes, &error));
  g_assert_no_error (error);
  g_assert_true (sb_variant_matrix_add_dimension (matrix, "color", colors, &error));
  g_assert_no_error (error);
  return matrix;
}

static SbVariant *
make_variant (const char *sku,
              const char *size,
              const char *color,
              gint64      price,
              gint64      stock,
              const char *barcode)
{
  SbVariant *variant = sb_variant_new ();

  variant->sku = g_strdup (sku);
  if (size != NULL)
    sb_variant_set_option (variant, "size", size);
  if (color != NULL)
    sb_variant_set_option (variant, "color", color);
  variant->price_minor = price;
  memcpy (variant->currency, "KRW", 4);
  variant->stock = stock;
  variant->barcode = g_strdup (barcode);
  return variant;
}

static void
test_split (void)
{
  g_auto(GStrv) values = sb_variant_matrix_split_values (" S, M ,,L, M ");
  g_auto(GStrv) korean = sb_variant_matrix_split_values ("검정，흰색、빨강");
  g_auto(GStrv) none = sb_variant_matrix_split_values (" , ,");

  g_assert_cmpuint (g_strv_length (values), ==, 3);
  g_assert_cmpstr (values[0], ==, "S");
  g_assert_cmpstr (values[1], ==, "M");
  g_assert_cmpstr (values[2], ==, "L");
  g_assert_cmpuint (g_strv_length (korean), ==, 3);
  g_assert_cmpstr (korean[1], ==, "흰색");
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

static void
test_dimensions (void)
{
  g_autoptr(SbVariantMatrix) matrix = sb_variant_matrix_new ();
  g_autoptr(GError) error = NULL;
  const char *sizes[] = { "S", "S", " M ", NULL };
  const char *empty[] = { " ", NULL };
  const char *comma[] = { "a,b", NULL };

  g_assert_cmpuint (sb_variant_matrix_count (matrix), ==, 0);
  g_assert_true (sb_variant_matrix_add_dimension (matrix, " size ", sizes, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sb_variant_matrix_get_name (matrix, 0), ==, "size");
  g_assert_cmpuint (g_strv_length ((GStrv) sb_variant_matrix_get_values (matrix, 0)), ==, 2);
  g_assert_cmpuint (sb_variant_matrix_count (matrix), ==, 2);

  g_assert_false (sb_variant_matrix_add_dimension (matrix, "Size", sizes, &error));
  g_assert_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (sb_variant_matrix_add_dimension (matrix, "", sizes, &error));
  g_assert_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (sb_variant_matrix_add_dimension (matrix, "color", empty, &error));
  g_assert_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (sb_variant_matrix_add_dimension (matrix, "col:or", sizes, &error));
  g_assert_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sb_variant_matrix_add_dimension (matrix, "color", comma, &error));
  g_assert_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (sb_variant_matrix_get_n_dimensions (matrix), ==, 1);
}

static void
test_combinations (void)
{
  g_autoptr(SbVariantMatrix) matrix = matrix_3x2 ();
  g_autoptr(GPtrArray) combinations = sb_variant_matrix_dup_combinations (matrix);
  const char *expected[][2] = {
    { "S", "black" }, { "S", "white" }, { "M", "black" },
    { "M", "white" }, { "L", "black" }, { "L", "white" },
  };

  g_assert_cmpuint (sb_variant_matrix_count (matrix), ==, 6);
  g_assert_nonnull (combinations);
  g_assert_cmpuint (combinations->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      GHashTable *options = g_ptr_array_index (combinations, i);

      g_assert_cmpuint (g_hash_table_size (options), ==, 2);
      g_assert_cmpstr (g_hash_table_lookup (options, "size"), ==, expected[i][0]);
      g_assert_cmpstr (g_hash_table_lookup (options, "color"), ==, expected[i][1]);
    }
}

static void
test_cap (void)
{
  g_autoptr(SbVariantMatrix) matrix = sb_variant_matrix_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) eleven = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) variants = NULL;
  const char *ten[] = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", NULL };

  for (guint i = 0; i < 11; i++)
    {
      g_autofree char *value = g_strdup_printf ("v%u", i);

      g_strv_builder_add (builder, value);
    }
  eleven = g_strv_builder_end (builder);

  /* 10 × 10 = 100: exactly the limit. */
  g_assert_true (sb_variant_matrix_add_dimension (matrix, "a", ten, NULL));
  g_assert_true (sb_variant_matrix_add_dimension (matrix, "b", ten, NULL));
  variants = sb_variant_matrix_generate (matrix, "X", NULL, 1000, "KRW", 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (variants->len, ==, 100);
  g_clear_pointer (&variants, g_ptr_array_unref);

  /* One more value: 110, refused with a message giving the number. */
  g_clear_pointer (&matrix, sb_variant_matrix_free);
  matrix = sb_variant_matrix_new ();
  g_assert_true (sb_variant_matrix_add_dimension (matrix, "a", ten, NULL));
  g_assert_true (sb_variant_matrix_add_dimension (matrix, "b", (const char * const *) eleven, NULL));
  g_assert_cmpuint (sb_variant_matrix_count (matrix), ==, 110);
  g_assert_null (sb_variant_matrix_dup_combinations (matrix));
  variants = sb_variant_matrix_generate (matrix, "X", NULL, 1000, "KRW", 1, NULL, &error);
  g_assert_null (variants);
  g_assert_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_TOO_MANY);
  g_assert_nonnull (strstr (error->message, "110"));
  g_clear_error (&error);

  /* The count saturates instead of wrapping. */
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("d%u", i);

      g_assert_true (sb_variant_matrix_add_dimension (matrix, name, (const char * const *) eleven, NULL));
    }
  g_assert_cmpuint (sb_variant_matrix_count (matrix), ==, G_MAXUINT64);

  /* Existing variants count towards the cap. */
  {
    g_autoptr(SbVariantMatrix) small = sb_variant_matrix_new ();
    g_autoptr(GPtrArray) existing = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_variant_free);

    for (guint i = 0; i < 95; i++)
      {
        g_autofree char *sku = g_strdup_printf ("OLD-%u", i);
        SbVariant *variant = make_variant (sku, NULL, NULL, 1000, 1, NULL);

        sb_variant_set_option (variant, "material", sku);
        g_ptr_array_add (existing, variant);
      }
    g_assert_true (sb_variant_matrix_add_dimension (small, "size", ten, NULL));
    variants = sb_variant_matrix_generate (small, "X", existing, 1000, "KRW", 1, NULL, &error);
    g_assert_null (variants);
    g_assert_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_TOO_MANY);
    g_assert_nonnull (strstr (error->message, "105"));
  }
}

static gboolean
sku_is_offer_id_like (const char *sku)
{
  return sb_offer_id_is_valid (sku);
}

static void
test_suggest_sku (void)
{
  g_autoptr(SbVariantMatrix) matrix = sb_variant_matrix_new ();
  g_autoptr(GHashTable) options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *colors[] = { "검정", "чёрный", "Navy blue", "★", NULL };
  const char *sizes[] = { "XL", NULL };
  g_autofree char *sku = NULL;
  g_autofree char *long_id = NULL;

  g_assert_true (sb_variant_matrix_add_dimension (matrix, "color", colors, NULL));
  g_assert_true (sb_variant_matrix_add_dimension (matrix, "size", sizes, NULL));

  g_hash_table_insert (options, g_strdup ("size"), g_strdup ("XL"));
  g_hash_table_insert (options, g_strdup ("color"), g_strdup ("Navy blue"));
  sku = sb_variant_matrix_suggest_sku ("HB-TEE-001", matrix, options);
  g_assert_cmpstr (sku, ==, "HB-TEE-001-NAVY-BLUE-XL");
  g_clear_pointer (&sku, g_free);

  g_hash_table_insert (options, g_strdup ("color"), g_strdup ("검정"));
  sku = sb_variant_matrix_suggest_sku ("HB-TEE-001", matrix, options);
  g_assert_cmpstr (sku, ==, "HB-TEE-001-GEOMJEONG-XL");
  g_clear_pointer (&sku, g_free);

  g_hash_table_insert (options, g_strdup ("color"), g_strdup ("чёрный"));
  sku = sb_variant_matrix_suggest_sku ("HB-TEE-001", matrix, options);
  g_assert_true (g_str_has_prefix (sku, "HB-TEE-001-C"));
  g_assert_true (g_str_has_suffix (sku, "RNYJ-XL"));
  g_assert_true (sku_is_offer_id_like (sku));
  g_clear_pointer (&sku, g_free);

  /* Nothing to transliterate: the value's place in its list. */
  g_hash_table_insert (options, g_strdup ("color"), g_strdup ("★"));
  sku = sb_variant_matrix_suggest_sku ("HB-TEE-001", matrix, options);
  g_assert_cmpstr (sku, ==, "HB-TEE-001-4-XL");
  g_clear_pointer (&sku, g_free);

  /* No valid offer id yet, and one too long for a SKU of 64. */
  sku = sb_variant_matrix_suggest_sku ("", matrix, options);
  g_assert_cmpstr (sku, ==, "SKU-4-XL");
  g_clear_pointer (&sku, g_free);
  long_id = g_strnfill (64, 'A');
  sku = sb_variant_matrix_suggest_sku (long_id, matrix, options);
  g_assert_cmpuint (strlen (sku), ==, 64);
  g_assert_true (sku_is_offer_id_like (sku));
}

static void
test_generate_new (void)
{
  g_autoptr(SbVariantMatrix) matrix = matrix_3x2 ();
  g_autoptr(GPtrArray) variants = NULL;
  g_autoptr(GHashTable) skus = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  guint added = 0;

  variants = sb_variant_matrix_generate (matrix, "HB-TEE-001", NULL, 12900, "KRW", 5, &added, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (variants->len, ==, 6);
  g_assert_cmpuint (added, ==, 6);
  for (guint i = 0; i < variants->len; i++)
    {
      SbVariant *variant = g_ptr_array_index (variants, i);

      g_assert_true (sku_is_offer_id_like (variant->sku));
      g_assert_true (g_hash_table_add (skus, variant->sku));
      g_assert_cmpint (variant->price_minor, ==, 12900);
      g_assert_cmpstr (variant->currency, ==, "KRW");
      g_assert_cmpint (variant->stock, ==, 5);
      g_assert_null (variant->barcode);
    }
  g_assert_cmpstr (((SbVariant *) g_ptr_array_index (variants, 0))->sku, ==, "HB-TEE-001-S-BLACK");
  g_assert_cmpstr (((SbVariant *) g_ptr_array_index (variants, 5))->sku, ==, "HB-TEE-001-L-WHITE");
}

static void
test_generate_merge (void)
{
  g_autoptr(SbVariantMatrix) matrix = matrix_3x2 ();
  g_autoptr(GPtrArray) existing = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_variant_free);
  g_autoptr(GPtrArray) variants = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  SbVariant *variant;
  guint added = 0;

  /* An exact match keeps everything; a blank row goes; a SKU the
   * generator would suggest is taken already; a variant with another
   * option is kept as it is. */
  g_ptr_array_add (existing, make_variant ("MY-OWN-SKU", "M", "white", 15000, 7, "8801234567893"));
  g_ptr_array_add (existing, make_variant ("", NULL, NULL, 0, 0, NULL));
  g_ptr_array_add (existing, make_variant ("HB-TEE-001-S-BLACK", "XS", "black", 11000, 2, NULL));
  variants = sb_variant_matrix_generate (matrix, "HB-TEE-001", existing, 12900, "KRW", 0, &added, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 5);
  g_assert_cmpuint (variants->len, ==, 7);

  variant = g_ptr_array_index (variants, 0);
  g_assert_cmpstr (variant->sku, ==, "MY-OWN-SKU");
  g_assert_cmpint (variant->price_minor, ==, 15000);
  g_assert_cmpint (variant->stock, ==, 7);
  g_assert_cmpstr (variant->barcode, ==, "8801234567893");
  variant = g_ptr_array_index (variants, 1);
  g_assert_cmpstr (variant->sku, ==, "HB-TEE-001-S-BLACK");
  g_assert_cmpstr (g_hash_table_lookup (variant->options, "size"), ==, "XS");
  /* The new S/black could not take its SKU. */
  variant = g_ptr_array_index (variants, 2);
  g_assert_cmpstr (g_hash_table_lookup (variant->options, "size"), ==, "S");
  g_assert_cmpstr (g_hash_table_lookup (variant->options, "color"), ==, "black");
  g_assert_cmpstr (variant->sku, ==, "HB-TEE-001-S-BLACK-2");

  for (guint i = 0; i < variants->len; i++)
    g_assert_true (g_hash_table_add (keys, sb_variant_dup_options_key (g_ptr_array_index (variants, i))));

  /* Generating again changes nothing: no doubles. */
  again = sb_variant_matrix_generate (matrix, "HB-TEE-001", variants, 100, "KRW", 9, &added, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (again->len, ==, variants->len);
  for (guint i = 0; i < again->len; i++)
    {
      SbVariant *a = g_ptr_array_index (again, i);
      SbVariant *b = g_ptr_array_index (variants, i);

      g_assert_cmpstr (a->sku, ==, b->sku);
      g_assert_cmpint (a->price_minor, ==, b->price_minor);
      g_assert_cmpint (a->stock, ==, b->stock);
    }
}

static void
test_generate_widen (void)
{
  g_autoptr(SbVariantMatrix) matrix = matrix_3x2 ();
  g_autoptr(GPtrArray) existing = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_variant_free);
  g_autoptr(GPtrArray) variants = NULL;
  g_autoptr(SbVariantMatrix) from = NULL;
  g_autoptr(GError) error = NULL;
  SbVariant *variant;
  guint added = 0;

  /* A product sold in sizes only, now also in colours: the M row becomes
   * M/black and keeps its SKU, price and stock. */
  g_ptr_array_add (existing, make_variant ("TEE-M", "M", NULL, 14000, 3, NULL));
  from = sb_variant_matrix_new_from_variants (existing);
  g_assert_cmpuint (sb_variant_matrix_get_n_dimensions (from), ==, 1);
  g_assert_cmpstr (sb_variant_matrix_get_name (from, 0), ==, "size");
  g_assert_cmpstr (sb_variant_matrix_get_values (from, 0)[0], ==, "M");

  variants = sb_variant_matrix_generate (matrix, "TEE", existing, 12900, "KRW", 0, &added, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (variants->len, ==, 6);
  g_assert_cmpuint (added, ==, 5);
  variant = g_ptr_array_index (variants, 0);
  g_assert_cmpstr (variant->sku, ==, "TEE-M");
  g_assert_cmpstr (g_hash_table_lookup (variant->options, "size"), ==, "M");
  g_assert_cmpstr (g_hash_table_lookup (variant->options, "color"), ==, "black");
  g_assert_cmpint (variant->price_minor, ==, 14000);
  g_assert_cmpint (variant->stock, ==, 3);
  variant = g_ptr_array_index (variants, 1);
  g_assert_cmpstr (variant->sku, ==, "TEE-S-BLACK");
}

static void
test_check_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *barcode = NULL;
  gint64 value = -1;

  g_assert_true (sb_variant_check_sku ("HB-TEE-001-M", &error));
  g_assert_no_error (error);
  g_assert_true (sb_variant_check_sku ("티셔츠-M", &error));
  g_assert_no_error (error);
  g_assert_false (sb_variant_check_sku ("", &error));
  g_assert_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (sb_variant_check_sku ("HB TEE", &error));
  g_assert_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sb_variant_check_sku ("HB\xe3\x80\x80TEE", &error));   /* ideographic space */
  g_clear_error (&error);
  g_assert_false (sb_variant_check_sku ("HB\tTEE", &error));
  g_clear_error (&error);

  g_assert_true (sb_variant_parse_price ("12900", "KRW", &value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, 12900);
  g_assert_true (sb_variant_parse_price (" 12.90 ", "RUB", &value, &error));
  g_assert_cmpint (value, ==, 1290);
  g_assert_false (sb_variant_parse_price ("12900.5", "KRW", &value, &error));
  g_assert_error (error, SB_CURRENCY_ERROR, SB_CURRENCY_ERROR_PRECISION);
  g_clear_error (&error);
  g_assert_false (sb_variant_parse_price ("1,290", "RUB", &value, &error));
  g_assert_error (error, SB_CURRENCY_ERROR, SB_CURRENCY_ERROR_SYNTAX);
  g_clear_error (&error);
  g_assert_false (sb_variant_parse_price ("0", "KRW", &value, &error));
  g_assert_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sb_variant_parse_price ("", "KRW", &value, &error));
  g_assert_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_true (sb_variant_parse_stock ("0", &value, &error));
  g_assert_cmpint (value, ==, 0);
  g_assert_true (sb_variant_parse_stock (" 999999 ", &value, &error));
  g_assert_cmpint (value, ==, 999999);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      const char *bad[] = { "-1", "1.5", "1000000", "12a", "1e3" };

      g_assert_false (sb_variant_parse_stock (bad[i], &value, &error));
      g_assert_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_false (sb_variant_parse_stock ("", &value, &error));
  g_assert_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_EMPTY);
  g_clear_error (&error);

  barcode = sb_variant_check_barcode ("880 1234 56789 3", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (barcode, ==, "8801234567893");
  g_clear_pointer (&barcode, g_free);
  barcode = sb_variant_check_barcode ("036000291452", &error);   /* UPC-A */
  g_assert_no_error (error);
  g_assert_cmpstr (barcode, ==, "036000291452");
  g_clear_pointer (&barcode, g_free);
  barcode = sb_variant_check_barcode ("8801234567894", &error);
  g_assert_null (barcode);
  g_assert_error (error, SB_ID_ERROR, SB_ID_ERROR_CHECK_DIGIT);
  g_clear_error (&error);
  barcode = sb_variant_check_barcode ("  ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (barcode, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/variant-matrix/split", test_split);
  g_test_add_func ("/variant-matrix/dimensions", test_dimensions);
  g_test_add_func ("/variant-matrix/combinations", test_combinations);
  g_test_add_func ("/variant-matrix/cap", test_cap);
  g_test_add_func ("/variant-matrix/suggest-sku", test_suggest_sku);
  g_test_add_func ("/variant-matrix/generate-new", test_generate_new);
  g_test_add_func ("/variant-matrix/generate-merge", test_generate_merge);
  g_test_add_func ("/variant-matrix/generate-widen", test_generate_widen);
  g_test_add_func ("/variant-matrix/check-fields", test_check_fields);

  return g_test_run ();
}
