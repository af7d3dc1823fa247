/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-category.c: unit tests of the category tree — the contract's
 * example parses into categories and attributes with every member, order
 * and lookups hold, and each wrong member type is an error naming its path.
 */
#include "config.h"

#include <string.h>

#include "sb-category.h"

static const char *example =
  "{\"categories\": ["
  "{\"id\": \"100\", \"parent_id\": null, \"name\": \"Clothing\", \"leaf\": false},"
  "{\"id\": \"1001\", \"parent_id\": \"100\", \"name\": \"T-shirts\", \"leaf\": true,"
  " \"commission_rate\": \"0.08\","
  " \"attributes\": ["
  "  {\"id\": \"brand\", \"name\": \"Brand\", \"type\": \"text\", \"required\": true, \"max_length\": 64},"
  "  {\"id\": \"material\", \"name\": \"Material\", \"type\": \"enum\", \"required\": true,"
  "   \"values\": [{\"id\": \"cotton\", \"name\": \"Cotton\"}, {\"id\": \"polyester\", \"name\": \"Polyester\"}]},"
  "  {\"id\": \"volume_ml\", \"name\": \"Volume\", \"type\": \"number\", \"required\": false, \"unit\": \"ml\", \"min\": 0, \"max\": 100000}],"
  " \"variant_options\": [\"color\", \"size\"], \"future_member\": {\"x\": 1}},"
  "{\"id\": \"1002\", \"parent_id\": \"100\", \"name\": \"Socks\"},"
  "{\"id\": \"200\", \"name\": \"Toys\"}"
  "], \"etag\": \"ignored\"}";

static void
test_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCategoryTree) tree = sb_category_tree_new_from_data (example, -1, &error);
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) none = NULL;
  const SbCategory *tee;
  const SbAttribute *attribute;

  g_assert_no_error (error);
  g_assert_nonnull (tree);
  g_assert_cmpuint (sb_category_tree_get_n_categories (tree), ==, 4);

  roots = sb_category_tree_get_children (tree, NULL);
  g_assert_cmpuint (roots->len, ==, 2);
  g_assert_cmpstr (((SbCategory *) g_ptr_array_index (roots, 0))->id, ==, "100");
  g_assert_cmpstr (((SbCategory *) g_ptr_array_index (roots, 1))->id, ==, "200");
  children = sb_category_tree_get_children (tree, "100");
  g_assert_cmpuint (children->len, ==, 2);
  g_assert_cmpstr (((SbCategory *) g_ptr_array_index (children, 0))->name, ==, "T-shirts");
  g_assert_cmpstr (((SbCategory *) g_ptr_array_index (children, 1))->name, ==, "Socks");
  none = sb_category_tree_get_children (tree, "1001");
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_false (sb_category_tree_lookup (tree, "100")->leaf);
  /* No "leaf" member: a leaf when nothing names it as parent. */
  g_assert_true (sb_category_tree_lookup (tree, "1002")->leaf);
  g_assert_true (sb_category_tree_lookup (tree, "200")->leaf);
  g_assert_null (sb_category_tree_lookup (tree, "999"));
  g_assert_null (sb_category_tree_lookup (tree, NULL));

  tee = sb_category_tree_lookup (tree, "1001");
  g_assert_nonnull (tee);
  g_assert_true (tee->leaf);
  g_assert_cmpstr (tee->parent_id, ==, "100");
  g_assert_cmpstr (tee->commission_rate, ==, "0.08");
  g_assert_cmpuint (g_strv_length (tee->variant_options), ==, 2);
  g_assert_cmpstr (tee->variant_options[1], ==, "size");
  g_assert_cmpuint (tee->attributes->len, ==, 3);

  attribute = sb_category_find_attribute (tee, "brand");
  g_assert_cmpint (attribute->type, ==, SB_ATTRIBUTE_TEXT);
  g_assert_true (attribute->required);
  g_assert_cmpuint (attribute->max_length, ==, 64);
  g_assert_false (attribute->has_min);

  attribute = sb_category_find_attribute (tee, "material");
  g_assert_cmpint (attribute->type, ==, SB_ATTRIBUTE_ENUM);
  g_assert_cmpuint (attribute->values->len, ==, 2);
  g_assert_true (sb_attribute_has_value (attribute, "polyester"));
  g_assert_false (sb_attribute_has_value (attribute, "Polyester"));
  g_assert_cmpstr (((SbAttributeValue *) g_ptr_array_index (attribute->values, 0))->name, ==, "Cotton");

  attribute = sb_category_find_attribute (tee, "volume_ml");
  g_assert_cmpint (attribute->type, ==, SB_ATTRIBUTE_NUMBER);
  g_assert_false (attribute->required);
  g_assert_cmpstr (attribute->unit, ==, "ml");
  g_assert_true (attribute->has_min);
  g_assert_true (attribute->has_max);
  g_assert_cmpfloat (attribute->min, ==, 0);
  g_assert_cmpfloat (attribute->max, ==, 100000);
  g_assert_null (sb_category_find_attribute (tee, "color"));

  {
    g_autoptr(SbCategory) copy = sb_category_copy (tee);
    g_assert_cmpstr (copy->name, ==, "T-shirts");
    g_assert_cmpuint (copy->attributes->len, ==, 3);
    g_assert_cmpuint (((SbAttribute *) g_ptr_array_index (copy->attributes, 1))->values->len, ==, 2);
  }
}

static void
test_wrong_types (void)
{
  struct { const char *json, *path; } cases[] = {
    { "[]", "category list" },
    { "{}", "“categories” is missing" },
    { "{\"categories\": {}}", "“categories” should be a list" },
    { "{\"categories\": [1]}", "categories[0]" },
    { "{\"categories\": [{\"id\": 100, \"name\": \"A\"}]}", "categories[0].id" },
    { "{\"categories\": [{\"name\": \"A\"}]}", "categories[0].id” is missing" },
    { "{\"categories\": [{\"id\": \"1\", \"name\": \"A\", \"leaf\": \"yes\"}]}", "categories[0].leaf" },
    { "{\"categories\": [{\"id\": \"1\", \"name\": \"A\", \"parent_id\": 5}]}", "categories[0].parent_id" },
    { "{\"categories\": [{\"id\": \"1\", \"name\": \"A\", \"commission_rate\": 0.08}]}", "categories[0].commission_rate" },
    { "{\"categories\": [{\"id\": \"1\", \"name\": \"A\", \"commission_rate\": \"8%\"}]}", "categories[0].commission_rate" },
    { "{\"categories\": [{\"id\": \"1\", \"name\": \"A\", \"variant_options\": [\"a\", 2]}]}", "categories[0].variant_options[1]" },
    { "{\"categories\": [{\"id\": \"1\", \"name\": \"A\", \"attributes\": [{\"id\": \"x\", \"name\": \"X\", \"type\": \"colour\"}]}]}", "categories[0].attributes[0].type" },
    { "{\"categories\": [{\"id\": \"1\", \"name\": \"A\", \"attributes\": [{\"id\": \"x\", \"name\": \"X\", \"type\": \"text\", \"max_length\": \"64\"}]}]}", "categories[0].attributes[0].max_length" },
    { "{\"categories\": [{\"id\": \"1\", \"name\": \"A\", \"attributes\": [{\"id\": \"x\", \"name\": \"X\", \"type\": \"text\", \"max_length\": 6.5}]}]}", "categories[0].attributes[0].max_length" },
    { "{\"categories\": [{\"id\": \"1\", \"name\": \"A\", \"attributes\": [{\"id\": \"x\", \"name\": \"X\", \"type\": \"number\", \"min\": \"0\"}]}]}", "categories[0].attributes[0].min" },
    { "{\"categories\": [{\"id\": \"1\", \"name\": \"A\", \"attributes\": [{\"id\": \"x\", \"name\": \"X\", \"type\": \"enum\", \"values\": [{\"id\": \"a\"}]}]}]}", "categories[0].attributes[0].values[0].name" },
    { "{\"categories\": [{\"id\": \"1\", \"name\": \"A\", \"attributes\": [{\"id\": \"x\", \"name\": \"X\", \"type\": \"text\", \"required\": 1}]}]}", "categories[0].attributes[0].required" },
    { "{\"categories\": [{\"id\": \"1\", \"name\": \"A\"}, {\"id\": \"1\", \"name\": \"B\"}]}", "twice" },
    { "{\"categories\": [", "not valid JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbCategoryTree) tree = sb_category_tree_new_from_data (cases[i].json, -1, &error);

      g_assert_null (tree);
      g_assert_error (error, SB_CATEGORY_ERROR, SB_CATEGORY_ERROR_INVALID);
      if (strstr (error->message, cases[i].path) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, cases[i].path);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/category/example", test_example);
  g_test_add_func ("/category/wrong-types", test_wrong_types);
  return g_test_run ();
}
