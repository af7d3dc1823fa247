/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-validate.c: the sandbox's calls into core's validators.  The
 * server's own concern is the identity of the resource — the offer_id in
 * the body must be present, well formed and the one in the URL.
 */
#include "config.h"

#include "sb-product.h"
#include "sb-sandbox-validate.h"

static void
add_field (JsonArray  *fields,
           const char *path,
           const char *code,
           const char *message)
{
  JsonObject *field = json_object_new ();

  json_object_set_string_member (field, "path", path);
  json_object_set_string_member (field, "code", code);
  json_object_set_string_member (field, "message", message);
  json_array_add_object_element (fields, field);
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
  JsonObject *object;
  JsonNode *id_node;
  const char *offer_id = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (product))
    {
      add_field (fields, "", "type", "The product must be a JSON object.");
      return wrap (fields);
    }
  object = json_node_get_object (product);
  id_node = json_object_get_member (object, "offer_id");
  if (id_node == NULL && path_offer_id != NULL)
    {
      json_object_set_string_member (object, "offer_id", path_offer_id);
      id_node = json_object_get_member (object, "offer_id");
    }
  if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node) && json_node_get_value_type (id_node) == G_TYPE_STRING)
    offer_id = json_node_get_string (id_node);
  if (offer_id == NULL)
    add_field (fields, "offer_id", "required", "offer_id is required.");
  else if (!sb_offer_id_is_valid (offer_id))
    add_field (fields, "offer_id", "invalid", "offer_id must be 1–64 of A–Z, a–z, 0–9, “.”, “_”, “-”.");
  else if (path_offer_id != NULL && g_strcmp0 (offer_id, path_offer_id) != 0)
    add_field (fields, "offer_id", "mismatch", "offer_id in the body differs from the one in the URL.");
  return wrap (fields);
}

/**
 * sb_sandbox_validate_seller:
 *
 * Returns: (transfer full): a JSON array of field errors, empty when the
 *   profile may be stored
 */
JsonNode *
sb_sandbox_validate_seller (JsonNode *profile)
{
  JsonArray *fields = json_array_new ();

  if (!JSON_NODE_HOLDS_OBJECT (profile))
    add_field (fields, "", "type", "The seller profile must be a JSON object.");
  return wrap (fields);
}
