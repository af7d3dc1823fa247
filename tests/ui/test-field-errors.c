/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-field-errors.c: the names of the marketplace's field paths in the
 * interface language and the selection of a product's reasons by path,
 * which the product editor uses to show each message at its field.  Run
 * in English, Korean and Russian like the other UI tests.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-field-errors.h"
#include "sb-test-ui.h"

static void
test_labels (void)
{
  struct {
    const char *path;
    const char *english;
  } cases[] = {
    { "title.en", "Title in English" },
    { "variants[0].price.amount", "Variant 1: Price" },
    { "variants[11].stock", "Variant 12: Stock" },
    { "package.weight_g", "Weight" },
    { "shipping.carrier_ids[1]", "Carriers" },
    { "images[2]", "Image 3" },
    { "variants[3]", "Variant 4" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = sb_field_path_dup_label (cases[i].path);

      if (g_str_equal (sb_test_ui_get_language (), "en"))
        g_assert_cmpstr (label, ==, cases[i].english);
      else
        g_assert_true (sb_test_ui_text_is_in_language (label));
    }

  /* Names the seller typed stay as they are, inside translated words. */
  {
    g_autofree char *option = sb_field_path_dup_label ("variants[1].options.color");
    g_autofree char *attribute = sb_field_path_dup_label ("attributes.brand");
    g_autofree char *unknown = sb_field_path_dup_label ("warranty_months");

    g_assert_nonnull (strstr (option, "color"));
    g_assert_nonnull (strstr (option, "2"));
    g_assert_nonnull (strstr (attribute, "brand"));
    g_assert_cmpstr (unknown, ==, "warranty_months");
  }
}

static void
test_variant_index (void)
{
  guint index = 99;

  g_assert_true (sb_field_path_get_variant ("variants[7].sku", &index));
  g_assert_cmpuint (index, ==, 7);
  g_assert_false (sb_field_path_get_variant ("variants[].sku", &index));
  g_assert_false (sb_field_path_get_variant ("variants[x]", &index));
  g_assert_false (sb_field_path_get_variant ("title.en", &index));
  g_assert_false (sb_field_path_get_variant (NULL, &index));
}

static void
test_selection (void)
{
  g_autoptr(SbProduct) product = sb_product_new ("P-1");
  g_autoptr(GPtrArray) title = NULL;
  g_autoptr(GPtrArray) variant = NULL;
  g_autoptr(GPtrArray) unplaced = NULL;
  const char *known[] = { "title", "variants", NULL };

  g_ptr_array_add (product->reasons, sb_reason_new ("too_long", "title.en", "Too long"));
  g_ptr_array_add (product->reasons, sb_reason_new ("required", "titles", "No such field"));
  g_ptr_array_add (product->reasons, sb_reason_new ("out_of_range", "variants[1].price.amount", "Too high"));
  g_ptr_array_add (product->reasons, sb_reason_new ("out_of_range", "variants[10].stock", "Negative"));
  g_ptr_array_add (product->reasons, sb_reason_new ("blurry_photo", NULL, "Blurry photo"));

  /* A prefix matches at a member boundary only. */
  title = sb_field_errors_for_path (product, "title");
  g_assert_cmpuint (title->len, ==, 1);
  g_assert_cmpstr (((SbReason *) title->pdata[0])->path, ==, "title.en");
  variant = sb_field_errors_for_path (product, "variants[1]");
  g_assert_cmpuint (variant->len, ==, 1);
  g_assert_cmpstr (((SbReason *) variant->pdata[0])->code, ==, "out_of_range");

  unplaced = sb_field_errors_unplaced (product, known);
  g_assert_cmpuint (unplaced->len, ==, 2);
  g_assert_cmpstr (((SbReason *) unplaced->pdata[0])->path, ==, "titles");
  g_assert_null (((SbReason *) unplaced->pdata[1])->path);
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);
  g_test_add_func ("/field-errors/labels", test_labels);
  g_test_add_func ("/field-errors/variant-index", test_variant_index);
  g_test_add_func ("/field-errors/selection", test_selection);
  return g_test_run ();
}
