/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-rules-json.c: a libFuzzer target for the parsers that read what the
 * marketplace (or a damaged cache) sends — categories, carriers, products,
 * the seller profile, reasons — and for what runs on their results: the
 * quote rule, product validation and the JSON writers, plus identity
 * number checks on the raw bytes.  Any crash, sanitizer report or GLib
 * critical is a bug.
 */
#include "config.h"

#include <stdint.h>

#include "sb-carrier.h"
#include "sb-category.h"
#include "sb-identity.h"
#include "sb-product-json.h"
#include "sb-product-validate.h"
#include "sb-seller.h"
#include "sb-shipping.h"

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

static void
exercise_ids (const uint8_t *data,
              size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, MIN (size, 256));

  for (guint kind = SB_ID_KIND_KR_BRN; kind <= SB_ID_KIND_EAN13; kind++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = sb_id_check ((SbIdKind) kind, text, &error);
      g_autofree char *for_form = sb_id_check_for_form ((SbIdKind) kind, text, size % 2 == 0, NULL);

      g_assert ((value == NULL) == (error != NULL));
      /* The legal form only narrows what is valid (OGRN ↔ OGRNIP aside). */
      if (for_form != NULL && kind != SB_ID_KIND_RU_OGRN && kind != SB_ID_KIND_RU_OGRNIP)
        g_assert_cmpstr (for_form, ==, value);
      if (value != NULL)
        {
          g_autofree char *again = sb_id_check ((SbIdKind) kind, value, NULL);

          /* A normalised valid value stays valid and unchanged. */
          g_assert_cmpstr (again, ==, value);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(SbCategoryTree) tree = NULL;
  g_autoptr(GPtrArray) carriers = NULL;
  g_autoptr(GPtrArray) field_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  g_autoptr(SbProduct) product = NULL;
  g_autoptr(SbSeller) seller = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  JsonNode *root;

  exercise_ids (data, size);

  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL)
    return 0;

  tree = sb_category_tree_new_from_json (root, NULL);
  if (tree != NULL)
    {
      g_autoptr(GPtrArray) roots = sb_category_tree_get_children (tree, NULL);

      for (guint i = 0; i < roots->len; i++)
        {
          const SbCategory *category = g_ptr_array_index (roots, i);
          g_autoptr(GPtrArray) children = sb_category_tree_get_children (tree, category->id);

          g_assert (sb_category_tree_lookup (tree, category->id) == category);
          for (guint j = 0; j < children->len; j++)
            g_assert_cmpstr (((SbCategory *) g_ptr_array_index (children, j))->parent_id, ==, category->id);
        }
    }

  carriers = sb_carrier_list_new_from_json (root, NULL);
  if (carriers != NULL)
    {
      SbParcel parcel = { (guint) size * 37, (guint) size * 11, 200, 30, (SbBatteries) (size % 4), size % 3 == 0 };
      g_autoptr(GPtrArray) quotes = sb_shipping_quote_all (carriers, &parcel, size % 2 ? "RU" : NULL);

      for (guint i = 0; i < quotes->len; i++)
        {
          const SbQuote *quote = g_ptr_array_index (quotes, i);
          g_autofree char *reason = sb_quote_dup_reason (quote);

          g_assert ((reason == NULL) == (quote->refusal == SB_REFUSAL_NONE));
        }
    }

  product = sb_product_from_json (root, field_errors, NULL);
  if (product != NULL)
    {
      SbValidationContext context = { tree, carriers, "KR", "KRW", NULL };
      g_autoptr(JsonNode) written = sb_product_to_json (product, tree);
      g_autoptr(SbProduct) again = sb_product_from_json (written, NULL, NULL);

      g_assert_cmpuint (field_errors->len, ==, 0);
      /* What we write, we read back and write again the same. */
      g_assert_nonnull (again);
      {
        g_autoptr(JsonNode) rewritten = sb_product_to_json (again, tree);

        g_assert_true (json_node_equal (written, rewritten));
      }
      sb_product_validate (product, &context, field_errors);
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    g_assert_cmpuint (field_errors->len, >, 0);

  seller = sb_seller_from_json (root, NULL);
  if (seller != NULL)
    {
      g_autoptr(JsonNode) written = sb_seller_to_json (seller);
      g_autoptr(SbSeller) again = sb_seller_from_json (written, NULL);
      g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);

      g_assert_nonnull (again);
      g_assert_true (sb_seller_equal (seller, again));
      sb_seller_validate (seller, errors);
    }

  reasons = sb_reasons_from_json (root, NULL);
  if (reasons != NULL)
    {
      g_autoptr(JsonNode) written = sb_reasons_to_json (reasons);

      g_assert_cmpuint (json_array_get_length (json_node_get_array (written)), ==, reasons->len);
    }
  return 0;
}
