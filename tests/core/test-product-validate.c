/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-product-validate.c: unit tests of the product rules — a valid
 * product passes, and breaking each rule of the contract, one at a time,
 * gives exactly one field error with the contract's path and code.
 */
#include "config.h"

#include <string.h>

#include "sb-carrier.h"
#include "sb-product-validate.h"

static const char *categories_json =
  "{\"categories\": ["
  "{\"id\": \"100\", \"parent_id\": null, \"name\": \"Clothing\", \"leaf\": false},"
  "{\"id\": \"1001\", \"parent_id\": \"100\", \"name\": \"T-shirts\", \"leaf\": true,"
  " \"attributes\": ["
  "  {\"id\": \"brand\", \"name\": \"Brand\", \"type\": \"text\", \"required\": true, \"max_length\": 8},"
  "  {\"id\": \"material\", \"name\": \"Material\", \"type\": \"enum\", \"required\": true,"
  "   \"values\": [{\"id\": \"cotton\", \"name\": \"Cotton\"}, {\"id\": \"polyester\", \"name\": \"Polyester\"}]},"
  "  {\"id\": \"volume_ml\", \"name\": \"Volume\", \"type\": \"number\", \"required\": false, \"unit\": \"ml\", \"min\": 0, \"max\": 100000}],"
  " \"variant_options\": [\"color\", \"size\"]}]}";

static const char *carriers_json =
  "{\"carriers\": ["
  "{\"id\": \"kr_kpacket\", \"name\": \"K-Packet\", \"origin\": \"KR\","
  " \"max_weight_g\": 2000, \"max_side_mm\": 600, \"max_sum_sides_mm\": 900,"
  " \"volumetric_divisor\": 6000, \"batteries\": [\"installed\"], \"liquids\": false, \"tracking\": true,"
  " \"zones\": [{\"destinations\": [\"RU\"], \"days_min\": 7, \"days_max\": 15, \"currency\": \"KRW\","
  "   \"first_weight_g\": 100, \"first_price\": \"5200\", \"step_weight_g\": 100, \"step_price\": \"700\"}]},"
  "{\"id\": \"kr_ems\", \"name\": \"EMS\", \"origin\": \"KR\", \"max_weight_g\": 30000, \"volumetric_divisor\": 6000,"
  " \"batteries\": [\"installed\", \"packed\"], \"liquids\": true},"
  "{\"id\": \"ru_post\", \"name\": \"Pochta\", \"origin\": \"RU\", \"max_weight_g\": 2000}]}";

typedef struct {
  SbCategoryTree *categories;
  GPtrArray *carriers;
  GHashTable *uploaded;
  SbValidationContext context;
  SbProduct *product;
  GPtrArray *errors;
} Fixture;

static SbVariant *
make_variant (const char *sku,
              const char *color)
{
  SbVariant *variant = sb_variant_new ();

  variant->sku = g_strdup (sku);
  sb_variant_set_option (variant, "color", color);
  sb_variant_set_option (variant, "size", "M");
  variant->price_minor = 12900;
  g_strlcpy (variant->currency, "KRW", sizeof variant->currency);
  variant->stock = 25;
  variant->barcode = g_strdup ("8801234567893");
  return variant;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbImage *image = sb_image_new ();

  (void) data;
  f->categories = sb_category_tree_new_from_data (categories_json, -1, &error);
  g_assert_no_error (error);
  f->carriers = sb_carrier_list_new_from_data (carriers_json, -1, &error);
  g_assert_no_error (error);
  f->uploaded = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_add (f->uploaded, (gpointer) "img_3f2a");
  f->context = (SbValidationContext) { f->categories, f->carriers, "KR", "KRW", f->uploaded };

  f->product = sb_product_new ("HB-TEE-001");
  f->product->category_id = g_strdup ("1001");
  sb_product_set_title (f->product, SB_LANG_EN, "Cotton T-shirt");
  sb_product_set_title (f->product, SB_LANG_KO, "면 티셔츠");
  sb_product_set_attribute (f->product, "brand", "Hanbit");
  sb_product_set_attribute (f->product, "material", "cotton");
  image->remote_id = g_strdup ("img_3f2a");
  sb_product_add_image (f->product, image);
  f->product->weight_g = 250;
  f->product->length_mm = 300;
  f->product->width_mm = 200;
  f->product->height_mm = 30;
  f->product->hs_code = g_strdup ("610910");
  sb_product_add_carrier (f->product, "kr_kpacket");
  sb_product_add_carrier (f->product, "kr_ems");
  f->product->handling_days = 3;
  sb_product_add_variant (f->product, make_variant ("HB-TEE-001-WH-M", "white"));
  f->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  (void) data;
  g_ptr_array_unref (f->errors);
  sb_product_free (f->product);
  g_hash_table_unref (f->uploaded);
  g_ptr_array_unref (f->carriers);
  g_object_unref (f->categories);
}

static void
dump (Fixture *f)
{
  for (guint i = 0; i < f->errors->len; i++)
    {
      const SbReason *reason = g_ptr_array_index (f->errors, i);

      g_test_message ("%s %s: %s", reason->path, reason->code, reason->message);
    }
}

/* Validates and expects exactly one error at @path with @code. */
static const SbReason *
expect_one (Fixture    *f,
            const char *path,
            const char *code)
{
  const SbReason *reason;

  g_ptr_array_set_size (f->errors, 0);
  g_assert_false (sb_product_validate (f->product, &f->context, f->errors));
  dump (f);
  g_assert_cmpuint (f->errors->len, ==, 1);
  reason = g_ptr_array_index (f->errors, 0);
  g_assert_cmpstr (reason->path, ==, path);
  g_assert_cmpstr (reason->code, ==, code);
  g_assert_nonnull (reason->message);
  g_assert_cmpuint (strlen (reason->message), >, 0);
  return reason;
}

static void
expect_valid (Fixture *f)
{
  g_ptr_array_set_size (f->errors, 0);
  g_assert_true (sb_product_validate (f->product, &f->context, f->errors));
  dump (f);
  g_assert_cmpuint (f->errors->len, ==, 0);
}

static SbVariant *
first_variant (Fixture *f)
{
  return g_ptr_array_index (f->product->variants, 0);
}

static void
test_valid (Fixture       *f,
            gconstpointer  data)
{
  (void) data;
  expect_valid (f);
  /* With no context at all, the context-free rules still pass. */
  g_assert_true (sb_product_validate (f->product, NULL, f->errors));
}

static void
test_offer_id (Fixture *f, gconstpointer data)
{
  (void) data;
  g_free (f->product->offer_id);
  f->product->offer_id = g_strdup ("HB TEE");
  expect_one (f, "offer_id", "invalid");
}

static void
test_title (Fixture *f, gconstpointer data)
{
  GString *title = g_string_new (NULL);

  (void) data;
  sb_product_set_title (f->product, SB_LANG_EN, NULL);
  expect_one (f, "title.en", "required");

  /* 128 Hangul syllables are 384 bytes but 128 characters: fine. */
  for (guint i = 0; i < 128; i++)
    g_string_append (title, "면");
  sb_product_set_title (f->product, SB_LANG_EN, title->str);
  expect_valid (f);
  g_string_append (title, "a");
  sb_product_set_title (f->product, SB_LANG_EN, title->str);
  g_assert_nonnull (strstr (expect_one (f, "title.en", "too_long")->message, "129"));
  sb_product_set_title (f->product, SB_LANG_EN, "T-shirt");
  sb_product_set_title (f->product, SB_LANG_RU, title->str);
  expect_one (f, "title.ru", "too_long");
  g_string_free (title, TRUE);
}

static void
test_description (Fixture *f, gconstpointer data)
{
  g_autofree char *text = g_strnfill (5000, 'x');
  g_autofree char *longer = g_strnfill (5001, 'x');

  (void) data;
  sb_product_set_description (f->product, SB_LANG_KO, text);
  expect_valid (f);
  sb_product_set_description (f->product, SB_LANG_KO, longer);
  expect_one (f, "description.ko", "too_long");
}

static void
test_category (Fixture *f, gconstpointer data)
{
  (void) data;
  g_free (f->product->category_id);
  f->product->category_id = g_strdup ("100");
  expect_one (f, "category_id", "not_leaf");
  g_free (f->product->category_id);
  f->product->category_id = g_strdup ("999");
  expect_one (f, "category_id", "invalid");
  g_clear_pointer (&f->product->category_id, g_free);
  expect_one (f, "category_id", "required");
}

static void
test_attributes (Fixture *f, gconstpointer data)
{
  (void) data;
  sb_product_set_attribute (f->product, "brand", NULL);
  expect_one (f, "attributes.brand", "required");
  sb_product_set_attribute (f->product, "brand", "Hanbit12");   /* 8 characters */
  expect_valid (f);
  sb_product_set_attribute (f->product, "brand", "한빛상사한빛상사");  /* 8 characters, 24 bytes */
  expect_valid (f);
  sb_product_set_attribute (f->product, "brand", "Hanbit123");
  expect_one (f, "attributes.brand", "too_long");
  sb_product_set_attribute (f->product, "brand", "Hanbit");

  sb_product_set_attribute (f->product, "material", "Cotton");
  expect_one (f, "attributes.material", "invalid");
  sb_product_set_attribute (f->product, "material", "polyester");
  expect_valid (f);

  sb_product_set_attribute (f->product, "volume_ml", "100000");
  expect_valid (f);
  sb_product_set_attribute (f->product, "volume_ml", "0.5");
  expect_valid (f);
  sb_product_set_attribute (f->product, "volume_ml", "100000.5");
  expect_one (f, "attributes.volume_ml", "out_of_range");
  sb_product_set_attribute (f->product, "volume_ml", "-1");
  expect_one (f, "attributes.volume_ml", "out_of_range");
  sb_product_set_attribute (f->product, "volume_ml", "1e3");
  expect_one (f, "attributes.volume_ml", "invalid");
  sb_product_set_attribute (f->product, "volume_ml", "lots");
  expect_one (f, "attributes.volume_ml", "invalid");
}

static void
test_images (Fixture *f, gconstpointer data)
{
  (void) data;
  for (guint i = 0; i < 9; i++)
    {
      SbImage *image = sb_image_new ();

      image->remote_id = g_strdup ("img_3f2a");
      sb_product_add_image (f->product, image);
    }
  expect_valid (f);
  {
    SbImage *image = sb_image_new ();

    image->remote_id = g_strdup ("img_3f2a");
    sb_product_add_image (f->product, image);
  }
  expect_one (f, "images", "too_many");
  g_ptr_array_set_size (f->product->images, 0);
  expect_one (f, "images", "required");

  {
    SbImage *image = sb_image_new ();

    image->remote_id = g_strdup ("img_other");
    sb_product_add_image (f->product, image);
  }
  expect_one (f, "images[0]", "invalid");
  /* Without the set of uploads, a local file is enough (the app's view). */
  f->context.uploaded_image_ids = NULL;
  expect_valid (f);
}

static void
test_package (Fixture *f, gconstpointer data)
{
  (void) data;
  f->context.carriers = NULL;   /* limits of the package only */
  f->product->weight_g = 0;
  expect_one (f, "package.weight_g", "out_of_range");
  f->product->weight_g = 30000;
  expect_valid (f);
  f->product->weight_g = 30001;
  expect_one (f, "package.weight_g", "out_of_range");
  f->product->weight_g = 250;
  f->product->length_mm = 1501;
  expect_one (f, "package.length_mm", "out_of_range");
  f->product->length_mm = 1500;
  expect_valid (f);
  f->product->width_mm = 0;
  expect_one (f, "package.width_mm", "out_of_range");
  f->product->width_mm = 1;
  f->product->height_mm = 0;
  expect_one (f, "package.height_mm", "out_of_range");
}

static void
test_hs_code (Fixture *f, gconstpointer data)
{
  const char *bad[] = { "61091", "61091012345", "6109.10", "61091O", "" };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_free (f->product->hs_code);
      f->product->hs_code = g_strdup (bad[i]);
      expect_one (f, "hs_code", "invalid");
    }
  g_free (f->product->hs_code);
  f->product->hs_code = g_strdup ("6109100010");
  expect_valid (f);
  g_clear_pointer (&f->product->hs_code, g_free);
  expect_valid (f);
}

static void
test_variants (Fixture *f, gconstpointer data)
{
  (void) data;
  sb_product_add_variant (f->product, make_variant ("HB-TEE-001-WH-M", "black"));
  expect_one (f, "variants[1].sku", "duplicate");
  g_free (((SbVariant *) g_ptr_array_index (f->product->variants, 1))->sku);
  ((SbVariant *) g_ptr_array_index (f->product->variants, 1))->sku = g_strdup ("HB-TEE-001-BK-M");
  expect_valid (f);
  sb_product_add_variant (f->product, make_variant ("HB-TEE-001-WH-M2", "white"));
  expect_one (f, "variants[2].options", "duplicate");
  g_ptr_array_remove_index (f->product->variants, 2);

  g_clear_pointer (&first_variant (f)->sku, g_free);
  expect_one (f, "variants[0].sku", "required");
  first_variant (f)->sku = g_strdup ("A");

  g_ptr_array_set_size (f->product->variants, 0);
  expect_one (f, "variants", "required");
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *sku = g_strdup_printf ("SKU-%u", i);
      g_autofree char *color = g_strdup_printf ("c%u", i);

      sb_product_add_variant (f->product, make_variant (sku, color));
    }
  expect_valid (f);
  sb_product_add_variant (f->product, make_variant ("SKU-100", "c100"));
  expect_one (f, "variants", "too_many");
}

static void
test_single_variant_without_options (Fixture *f, gconstpointer data)
{
  (void) data;
  g_hash_table_remove_all (first_variant (f)->options);
  expect_valid (f);
}

static void
test_price (Fixture *f, gconstpointer data)
{
  (void) data;
  g_strlcpy (first_variant (f)->currency, "USD", 4);
  first_variant (f)->price_minor = 1290;
  expect_valid (f);
  g_strlcpy (first_variant (f)->currency, "RUB", 4);
  g_assert_nonnull (strstr (expect_one (f, "variants[0].price.currency", "invalid")->message, "KRW"));
  g_strlcpy (first_variant (f)->currency, "KRW", 4);
  first_variant (f)->price_minor = 0;
  expect_one (f, "variants[0].price.amount", "out_of_range");
  first_variant (f)->price_minor = -100;
  expect_one (f, "variants[0].price.amount", "out_of_range");
  first_variant (f)->price_minor = 1;
  expect_valid (f);
  /* Without a payout currency any real currency passes. */
  f->context.payout_currency = NULL;
  g_strlcpy (first_variant (f)->currency, "RUB", 4);
  expect_valid (f);
  g_strlcpy (first_variant (f)->currency, "XYZ", 4);
  expect_one (f, "variants[0].price.currency", "invalid");
}

static void
test_stock (Fixture *f, gconstpointer data)
{
  (void) data;
  first_variant (f)->stock = 0;
  expect_valid (f);
  first_variant (f)->stock = 999999;
  expect_valid (f);
  first_variant (f)->stock = 1000000;
  expect_one (f, "variants[0].stock", "out_of_range");
  first_variant (f)->stock = -1;
  expect_one (f, "variants[0].stock", "out_of_range");
}

static void
test_barcode (Fixture *f, gconstpointer data)
{
  (void) data;
  g_free (first_variant (f)->barcode);
  first_variant (f)->barcode = g_strdup ("036000291452");   /* UPC-A */
  expect_valid (f);
  g_free (first_variant (f)->barcode);
  first_variant (f)->barcode = g_strdup ("8801234567890");
  g_assert_nonnull (strstr (expect_one (f, "variants[0].barcode", "invalid")->message, "should be 3"));
  g_free (first_variant (f)->barcode);
  first_variant (f)->barcode = g_strdup ("880 1234 56789 3");
  expect_one (f, "variants[0].barcode", "invalid");
  g_clear_pointer (&first_variant (f)->barcode, g_free);
  expect_valid (f);
}

static void
test_carriers (Fixture *f, gconstpointer data)
{
  const SbReason *reason;

  (void) data;
  g_ptr_array_set_size (f->product->carrier_ids, 0);
  expect_one (f, "shipping.carrier_ids", "required");

  sb_product_add_carrier (f->product, "ru_post");
  expect_one (f, "shipping.carrier_ids[0]", "invalid");
  g_ptr_array_set_size (f->product->carrier_ids, 0);
  sb_product_add_carrier (f->product, "dhl");
  expect_one (f, "shipping.carrier_ids[0]", "invalid");
  g_ptr_array_set_size (f->product->carrier_ids, 0);

  sb_product_add_carrier (f->product, "kr_ems");
  sb_product_add_carrier (f->product, "kr_kpacket");
  f->product->weight_g = 2350;
  reason = expect_one (f, "shipping.carrier_ids[1]", "cannot_carry");
  g_assert_cmpstr (reason->message, ==, "Too heavy by 350 g — K-Packet takes at most 2,000 g.");
  f->product->weight_g = 250;
  f->product->batteries = SB_BATTERIES_PACKED;
  expect_one (f, "shipping.carrier_ids[1]", "cannot_carry");
  f->product->batteries = SB_BATTERIES_INSTALLED;
  expect_valid (f);
  f->product->liquids = TRUE;
  expect_one (f, "shipping.carrier_ids[1]", "cannot_carry");
  f->product->liquids = FALSE;
  /* Volumetric weight counts: 600·300·80 / 6000 = 2400 g. */
  f->product->length_mm = 500;
  f->product->width_mm = 300;
  f->product->height_mm = 100;
  expect_one (f, "shipping.carrier_ids[1]", "cannot_carry");
}

static void
test_many_errors_in_order (Fixture *f, gconstpointer data)
{
  (void) data;
  sb_product_set_title (f->product, SB_LANG_EN, NULL);
  f->product->weight_g = 0;
  first_variant (f)->stock = -5;
  g_assert_false (sb_product_validate (f->product, &f->context, f->errors));
  dump (f);
  g_assert_cmpuint (f->errors->len, ==, 3);
  g_assert_cmpstr (((SbReason *) g_ptr_array_index (f->errors, 0))->path, ==, "title.en");
  g_assert_cmpstr (((SbReason *) g_ptr_array_index (f->errors, 1))->path, ==, "package.weight_g");
  g_assert_cmpstr (((SbReason *) g_ptr_array_index (f->errors, 2))->path, ==, "variants[0].stock");
}

#define ADD(name, func) \
  g_test_add ("/product-validate/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);
  ADD ("valid", test_valid);
  ADD ("offer-id", test_offer_id);
  ADD ("title", test_title);
  ADD ("description", test_description);
  ADD ("category", test_category);
  ADD ("attributes", test_attributes);
  ADD ("images", test_images);
  ADD ("package", test_package);
  ADD ("hs-code", test_hs_code);
  ADD ("variants", test_variants);
  ADD ("single-variant-without-options", test_single_variant_without_options);
  ADD ("price", test_price);
  ADD ("stock", test_stock);
  ADD ("barcode", test_barcode);
  ADD ("carriers", test_carriers);
  ADD ("many-errors-in-order", test_many_errors_in_order);
  return g_test_run ();
}
