/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-api-seller.c: GET and PUT /v1/seller.  A PUT is validated by
 * core's seller rules, stored in core's spelling with normalised identity
 * numbers and status "submitted", and reviewed after the moderation
 * delay; GET is 404 until a profile was submitted.
 */
#include "config.h"

#include <string.h>

#include "sb-sandbox-api.h"
#include "sb-sandbox-validate.h"

static JsonNode *
seller_response (SbSandboxSellerRow *row)
{
  g_autoptr(JsonNode) profile = sb_sandbox_parse_json_text (row->profile);
  g_autoptr(JsonNode) reasons = sb_sandbox_parse_json_text (row->reasons);
  JsonObject *object;

  if (profile == NULL || !JSON_NODE_HOLDS_OBJECT (profile))
    return NULL;
  object = json_node_get_object (profile);
  json_object_set_string_member (object, "status", row->status);
  json_object_set_member (object, "reasons",
                          reasons != NULL ? json_node_ref (reasons) : json_node_new (JSON_NODE_ARRAY));
  return g_steal_pointer (&profile);
}

void
sb_sandbox_handle_seller (SbSandboxRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSandboxSellerRow) row = NULL;
  g_autoptr(JsonNode) response = NULL;

  if (strcmp (request->method, "PUT") == 0)
    {
      g_autoptr(JsonNode) body = sb_sandbox_request_parse_body (request);
      g_autoptr(JsonNode) fields = NULL;
      g_autoptr(JsonNode) normalized = NULL;
      g_autofree char *profile = NULL;
      JsonObject *object;

      if (body == NULL)
        return;
      if (!JSON_NODE_HOLDS_OBJECT (body))
        {
          sb_sandbox_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                                    "The seller profile must be a JSON object.");
          return;
        }
      fields = sb_sandbox_validate_seller (body, &normalized);
      if (json_array_get_length (json_node_get_array (fields)) > 0 || normalized == NULL)
        {
          sb_sandbox_respond_validation (request->msg, fields);
          return;
        }
      /* What is stored is core's spelling of the profile with normalised
       * identity numbers; status and reasons are the server's, whatever the
       * client sent there is dropped. */
      object = json_node_get_object (normalized);
      json_object_remove_member (object, "status");
      json_object_remove_member (object, "reasons");
      profile = sb_sandbox_node_to_string (normalized);
      if (!sb_sandbox_db_put_seller (request->db, request->api_key, profile, request->now,
                                     request->review_due_us, &error))
        {
          sb_sandbox_respond_internal (request->msg, error);
          return;
        }
    }
  else if (strcmp (request->method, "GET") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (request->msg), "Allow", "GET, PUT");
      sb_sandbox_respond_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "bad_request",
                                "Use GET or PUT on /v1/seller.");
      return;
    }

  row = sb_sandbox_db_get_seller (request->db, request->api_key, &error);
  if (row == NULL)
    {
      if (error != NULL)
        sb_sandbox_respond_internal (request->msg, error);
      else
        sb_sandbox_respond_error (request->msg, SOUP_STATUS_NOT_FOUND, "not_found",
                                  "No seller profile was submitted yet; PUT /v1/seller first.");
      return;
    }
  response = seller_response (row);
  sb_sandbox_respond_node (request->msg, SOUP_STATUS_OK, response);
}
