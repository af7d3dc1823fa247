/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-validate.c: the sandbox's calls into core's validators, so
 * the server enforces exactly the rules the app checks before sending.  A
 * product is read with sb_product_from_json() (types and presence, with the
 * contract's field paths) and checked with sb_product_validate() against
 * the sandbox's categories and carriers, the seller's origin and payout
 * currency (KR and KRW until a profile is submitted) and the images this
 * seller uploaded.  A seller profile is read with sb_seller_from_json(),
 * its identity numbers normalised, and checked with sb_seller_validate().
 * The server's own concern is only the identity of the resource: the
 * offer_id in the body must be the one in the URL.
 */
#include "config.h"

#include "sb-product-json.h"
#include "sb-product-validate.h"
#include "sb-sandbox-validate.h"
#include "sb-seller.h"

static void
add_field (JsonArray  *fields,
           const char *path,
           const char *code,
           const char *message)
{
  JsonObject *field = json_object_new ();

  json_object_set_string_member (field, "path", path != NULL ? path : "");
  json_object_set_string_member (field, "code", code);
  json_object_set_string_member (field, "message", message != NULL ? message : "");
  json_array_add_object_element (fields, field);
}

static void
add_reasons (JsonArray *fields,
             GPtrArray *reasons)
{
  for (guint i = 0; i < reasons->len; i++)
    {
      const SbReason *reason = g_ptr_array_index (reasons, i);

      add_field (fields, reason->path, reason->code, reason->message);
    }
}

static JsonNode *
wrap (JsonArray *fields)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, fields);
  return node;
}

/**
 * sb_sandbox_validate_product:
 * @seller: (nullable): the seller's submitted profile, if any
 * @product: the product object as sent; an offer_id missing from it is
 *   filled in from @path_offer_id
 * @path_offer_id: (nullable): the offer_id of the URL (PUT), or %NULL in a
 *   batch
 *
 * Returns: (transfer full): a JSON array of field errors, empty when the
 *   product may be stored
 */
JsonNode *
sb_sandbox_validate_product (SbSandboxReference *reference,
                             SbSandboxDb        *db,
                             const char         *api_key,
                             JsonObject         *seller,
                             JsonNode           *product,
                             const char         *path_offer_id)
{
  JsonArray *fields = json_array_new ();
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  g_autoptr(SbProduct) parsed = NULL;
  g_autoptr(GHashTable) image_ids = NULL;
  g_autoptr(GError) error = NULL;
  SbValidationContext context = { 0 };
  JsonObject *object;
  JsonNode *id_node;

  if (!JSON_NODE_HOLDS_OBJECT (product))
    {
      add_field (fields, "", "invalid_type", "The product must be a JSON object.");
      return wrap (fields);
    }
  object = json_node_get_object (product);
  id_node = json_object_get_member (object, "offer_id");
  if (id_node == NULL && path_offer_id != NULL)
    json_object_set_string_member (object, "offer_id", path_offer_id);
  else if (path_offer_id != NULL && JSON_NODE_HOLDS_VALUE (id_node) &&
           json_node_get_value_type (id_node) == G_TYPE_STRING &&
           g_strcmp0 (json_node_get_string (id_node), path_offer_id) != 0)
    add_field (fields, "offer_id", "mismatch", "offer_id in the body differs from the one in the URL.");

  parsed = sb_product_from_json (product, reasons, &error);
  if (parsed != NULL)
    {
      image_ids = sb_sandbox_db_list_image_ids (db, api_key, NULL);
      context.categories = sb_sandbox_reference_get_category_tree (reference);
      context.carriers = sb_sandbox_reference_get_carrier_list (reference);
      context.origin = seller != NULL ? json_object_get_string_member_with_default (seller, "country", "KR") : "KR";
      context.payout_currency = seller != NULL
                                ? json_object_get_string_member_with_default (seller, "payout_currency", "KRW")
                                : "KRW";
      /* A failed lookup leaves the set empty, so every image is refused
       * rather than the check skipped. */
      if (image_ids == NULL)
        image_ids = g_hash_table_new (g_str_hash, g_str_equal);
      context.uploaded_image_ids = image_ids;
      sb_product_validate (parsed, &context, reasons);
    }
  else if (reasons->len == 0)
    add_field (fields, "", "invalid", error != NULL ? error->message : "The product cannot be read.");
  add_reasons (fields, reasons);
  return wrap (fields);
}

/**
 * sb_sandbox_validate_seller:
 * @profile: the body of PUT /v1/seller
 * @out_normalized: (out) (transfer full) (optional): the profile to store —
 *   core's spelling of it, identity numbers normalised — when it is valid
 *
 * Returns: (transfer full): a JSON array of field errors, empty when the
 *   profile may be stored
 */
JsonNode *
sb_sandbox_validate_seller (JsonNode  *profile,
                            JsonNode **out_normalized)
{
  JsonArray *fields = json_array_new ();
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  g_autoptr(SbSeller) seller = NULL;
  g_autoptr(GError) error = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (profile))
    {
      add_field (fields, "", "invalid_type", "The seller profile must be a JSON object.");
      return wrap (fields);
    }
  seller = sb_seller_from_json (profile, &error);
  if (seller == NULL)
    {
      add_field (fields, "", "invalid_type", error->message);
      return wrap (fields);
    }
  sb_seller_normalize_ids (seller);
  if (!sb_seller_validate (seller, reasons))
    add_reasons (fields, reasons);
  else if (out_normalized != NULL)
    *out_normalized = sb_seller_to_json (seller);
  return wrap (fields);
}
