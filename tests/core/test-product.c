/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-product.c: unit tests of the catalogue records — copies are deep and
 * equal, equality notices every field the marketplace sees, option keys
 * are canonical and offer ids follow the contract's pattern.
 */
#include "config.h"

#include "sb-product.h"

static SbProduct *
make_tee (void)
{
  SbProduct *product = sb_product_new ("HB-TEE-001");
  SbVariant *variant = sb_variant_new ();
  SbImage *image = sb_image_new ();

  product->category_id = g_strdup ("1001");
  sb_product_set_title (product, SB_LANG_EN, "Cotton T-shirt");
  sb_product_set_title (product, SB_LANG_KO, "면 티셔츠");
  sb_product_set_attribute (product, "brand", "Hanbit");
  product->weight_g = 250;
  product->length_mm = 300;
  product->width_mm = 200;
  product->height_mm = 30;
  sb_product_add_carrier (product, "kr_kpacket");
  sb_product_add_carrier (product, "kr_kpacket");
  variant->sku = g_strdup ("HB-TEE-001-WH-M");
  sb_variant_set_option (variant, "size", "M");
  sb_variant_set_option (variant, "color", "white");
  variant->price_minor = 12900;
  g_strlcpy (variant->currency, "KRW", sizeof variant->currency);
  variant->stock = 25;
  sb_product_add_variant (product, variant);
  image->sha256 = g_strdup ("ab");
  sb_product_add_image (product, image);
  return product;
}

static void
test_copy_equal (void)
{
  g_autoptr(SbProduct) a = make_tee ();
  g_autoptr(SbProduct) b = sb_product_copy (a);
  SbVariant *variant;

  g_assert_true (sb_product_equal (a, b));
  g_assert_cmpuint (a->carrier_ids->len, ==, 1);

  variant = sb_product_find_variant (b, "HB-TEE-001-WH-M");
  g_assert_nonnull (variant);
  variant->stock = 24;
  g_assert_false (sb_product_equal (a, b));
  variant->stock = 25;
  g_assert_true (sb_product_equal (a, b));

  sb_product_set_title (b, SB_LANG_RU, "Футболка");
  g_assert_false (sb_product_equal (a, b));
  sb_product_set_title (b, SB_LANG_RU, "");
  g_assert_null (b->title[SB_LANG_RU]);
  g_assert_true (sb_product_equal (a, b));

  b->liquids = TRUE;
  g_assert_false (sb_product_equal (a, b));
}

static void
test_options_key (void)
{
  g_autoptr(SbProduct) product = make_tee ();
  g_autoptr(SbVariant) other = sb_variant_new ();
  g_autofree char *key1 = NULL;
  g_autofree char *key2 = NULL;
  g_auto(GStrv) names = NULL;

  sb_variant_set_option (other, "color", "white");
  sb_variant_set_option (other, "size", "M");
  key1 = sb_variant_dup_options_key (g_ptr_array_index (product->variants, 0));
  key2 = sb_variant_dup_options_key (other);
  g_assert_cmpstr (key1, ==, key2);
  g_assert_cmpstr (key1, ==, "color=white\x1fsize=M\x1f");

  names = sb_product_dup_option_names (product);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "color");
  g_assert_cmpstr (names[1], ==, "size");
}

static void
test_enums (void)
{
  SbBatteries batteries;
  SbSyncState state;
  SbLang lang;

  g_assert_true (sb_batteries_from_string ("packed", &batteries));
  g_assert_cmpint (batteries, ==, SB_BATTERIES_PACKED);
  g_assert_false (sb_batteries_from_string ("yes", &batteries));
  g_assert_true (sb_sync_state_from_string ("pending_review", &state));
  g_assert_cmpstr (sb_sync_state_to_string (state), ==, "pending_review");
  g_assert_true (sb_lang_from_code ("ru", &lang));
  g_assert_cmpint (lang, ==, SB_LANG_RU);
  g_assert_false (sb_lang_from_code ("de", &lang));
}

static void
test_offer_id (void)
{
  g_autofree char *long_id = g_strnfill (65, 'a');

  g_assert_true (sb_offer_id_is_valid ("HB-TEE-001"));
  g_assert_true (sb_offer_id_is_valid ("a.b_c-9"));
  g_assert_false (sb_offer_id_is_valid (""));
  g_assert_false (sb_offer_id_is_valid ("with space"));
  g_assert_false (sb_offer_id_is_valid ("футболка"));
  g_assert_false (sb_offer_id_is_valid (long_id));
  long_id[64] = '\0';
  g_assert_true (sb_offer_id_is_valid (long_id));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/product/copy-equal", test_copy_equal);
  g_test_add_func ("/product/options-key", test_options_key);
  g_test_add_func ("/product/enums", test_enums);
  g_test_add_func ("/product/offer-id", test_offer_id);
  return g_test_run ();
}
