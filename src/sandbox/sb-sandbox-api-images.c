/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-api-images.c: POST /v1/images.  JPEG, PNG or WebP up to 5 MiB;
 * the size comes from the file's own header, JPEG and PNG must be at least
 * 800×800, and the same bytes always get the same image_id (201 the first
 * time, 200 after).
 */
#include "config.h"

#include <string.h>

#include "sb-sandbox-api.h"
#include "sb-sandbox-image.h"

static const char * const image_types[] = { "image/jpeg", "image/png", "image/webp" };

static JsonNode *
image_response (const SbSandboxImageRow *row)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "image_id");
  json_builder_add_string_value (builder, row->image_id);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, row->width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, row->height);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, row->sha256);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
sb_sandbox_handle_images (SbSandboxRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSandboxImageRow) existing = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(JsonNode) fields = NULL;
  g_autofree char *sha256 = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  SbSandboxImageRow row = { 0 };
  gboolean known_type = FALSE;
  gsize len;
  const guint8 *data = g_bytes_get_data (request->body, &len);

  if (strcmp (request->method, "POST") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (request->msg), "Allow", "POST");
      sb_sandbox_respond_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "bad_request", "Use POST on /v1/images.");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (image_types); i++)
    if (g_strcmp0 (content_type, image_types[i]) == 0)
      known_type = TRUE;
  if (!known_type)
    {
      fields = sb_sandbox_single_field ("content_type", "unsupported",
                                        "Send the image as image/jpeg, image/png or image/webp.");
      sb_sandbox_respond_validation (request->msg, fields);
      return;
    }
  if (len > SB_SANDBOX_MAX_IMAGE_BYTES)
    {
      sb_sandbox_respond_error (request->msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
                                "Images may be at most 5 MiB.");
      return;
    }
  if (!sb_sandbox_image_read_size (content_type, data, len, &row.width, &row.height))
    {
      g_autofree char *message = g_strdup_printf ("The bytes are not a readable %s image.", content_type);

      fields = sb_sandbox_single_field ("body", "unreadable", message);
      sb_sandbox_respond_validation (request->msg, fields);
      return;
    }
  if (strcmp (content_type, "image/webp") != 0 && (row.width < 800 || row.height < 800))
    {
      g_autofree char *message = g_strdup_printf ("The image is %u×%u pixels; JPEG and PNG images must be at least 800×800.",
                                                  row.width, row.height);

      fields = sb_sandbox_single_field ("body", "too_small", message);
      sb_sandbox_respond_validation (request->msg, fields);
      return;
    }

  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
  existing = sb_sandbox_db_find_image (request->db, request->api_key, sha256, NULL, &error);
  if (error != NULL)
    {
      sb_sandbox_respond_internal (request->msg, error);
      return;
    }
  if (existing != NULL)
    {
      response = image_response (existing);
      sb_sandbox_respond_node (request->msg, SOUP_STATUS_OK, response);
      return;
    }
  row.sha256 = sha256;
  row.image_id = g_strdup_printf ("img_%.32s", sha256);
  row.content_type = (char *) content_type;
  row.size = (gint64) len;
  if (!sb_sandbox_db_add_image (request->db, request->api_key, &row, request->now, &error))
    {
      g_free (row.image_id);
      sb_sandbox_respond_internal (request->msg, error);
      return;
    }
  response = image_response (&row);
  g_free (row.image_id);
  sb_sandbox_respond_node (request->msg, SOUP_STATUS_CREATED, response);
}
