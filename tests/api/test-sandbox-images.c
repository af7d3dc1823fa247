/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-sandbox-images.c: POST /v1/images — 201 for new bytes and 200 with
 * the same image_id for the same bytes, sizes read from PNG and JPEG
 * headers, the 800×800 minimum for JPEG/PNG, the accepted content types,
 * unreadable bytes, and the 5 MiB limit (413).
 */
#include "config.h"

#include <string.h>

#include "sb-test-sandbox.h"

static SbtResponse *
upload (SbtSandbox *sandbox,
        const char *content_type,
        GBytes     *bytes)
{
  return sbt_request_full (sandbox, "POST", "/v1/images", content_type, bytes, NULL, NULL, 0, SBT_NONE, NULL);
}

static void
test_idempotent_by_content (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start (NULL);
  g_autoptr(GBytes) png = sbt_make_png (1000, 1200, 7);
  g_autoptr(GBytes) other = sbt_make_png (1000, 1200, 8);
  g_autoptr(SbtResponse) first = upload (sandbox, "image/png", png);
  g_autoptr(SbtResponse) again = upload (sandbox, "image/png", png);
  g_autoptr(SbtResponse) different = upload (sandbox, "image/png", other);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);

  g_assert_cmpuint (first->status, ==, 201);
  g_assert_true (g_str_has_prefix (sbt_member_string (first, "image_id"), "img_"));
  g_assert_cmpint (sbt_member_int (first, "width"), ==, 1000);
  g_assert_cmpint (sbt_member_int (first, "height"), ==, 1200);
  g_assert_cmpstr (sbt_member_string (first, "sha256"), ==, sha256);

  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpstr (sbt_member_string (again, "image_id"), ==, sbt_member_string (first, "image_id"));

  g_assert_cmpuint (different->status, ==, 201);
  g_assert_cmpstr (sbt_member_string (different, "image_id"), !=, sbt_member_string (first, "image_id"));
  sbt_sandbox_stop (sandbox);
}

static void
test_minimum_size (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start (NULL);
  g_autoptr(GBytes) small_png = sbt_make_png (799, 1000, 1);
  g_autoptr(GBytes) edge_png = sbt_make_png (800, 800, 1);
  g_autoptr(GBytes) small_jpeg = sbt_make_jpeg (1024, 640);
  g_autoptr(GBytes) big_jpeg = sbt_make_jpeg (1600, 1200);
  g_autoptr(SbtResponse) r_small_png = upload (sandbox, "image/png", small_png);
  g_autoptr(SbtResponse) r_edge_png = upload (sandbox, "image/png", edge_png);
  g_autoptr(SbtResponse) r_small_jpeg = upload (sandbox, "image/jpeg", small_jpeg);
  g_autoptr(SbtResponse) r_big_jpeg = upload (sandbox, "image/jpeg", big_jpeg);
  JsonArray *fields;

  g_assert_cmpuint (r_small_png->status, ==, 422);
  g_assert_cmpstr (sbt_error_code (r_small_png), ==, "validation_failed");
  fields = json_object_get_array_member (json_object_get_object_member (json_node_get_object (r_small_png->json),
                                                                        "error"), "fields");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fields, 0), "code"), ==,
                   "too_small");

  g_assert_cmpuint (r_edge_png->status, ==, 201);
  g_assert_cmpuint (r_small_jpeg->status, ==, 422);
  g_assert_cmpuint (r_big_jpeg->status, ==, 201);
  g_assert_cmpint (sbt_member_int (r_big_jpeg, "width"), ==, 1600);
  g_assert_cmpint (sbt_member_int (r_big_jpeg, "height"), ==, 1200);
  sbt_sandbox_stop (sandbox);
}

static void
test_types_and_limits (void)
{
  SbtSandbox *sandbox = sbt_sandbox_start (NULL);
  g_autoptr(GBytes) png = sbt_make_png (1000, 1000, 3);
  g_autoptr(GBytes) junk = g_bytes_new_static ("not an image at all, sorry", 26);
  gsize size = 5 * 1024 * 1024 + 16;
  guint8 *huge = g_malloc0 (size);
  g_autoptr(GBytes) huge_bytes = NULL;
  g_autoptr(SbtResponse) gif = upload (sandbox, "image/gif", png);
  g_autoptr(SbtResponse) unreadable = upload (sandbox, "image/png", junk);
  g_autoptr(SbtResponse) mislabelled = upload (sandbox, "image/jpeg", png);
  g_autoptr(SbtResponse) too_large = NULL;

  g_assert_cmpuint (gif->status, ==, 422);
  g_assert_cmpuint (unreadable->status, ==, 422);
  g_assert_cmpuint (mislabelled->status, ==, 422);

  /* A valid PNG header followed by padding, over 5 MiB. */
  memcpy (huge, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  huge_bytes = g_bytes_new_take (huge, size);
  too_large = upload (sandbox, "image/png", huge_bytes);
  g_assert_no_error (too_large->error);
  g_assert_cmpuint (too_large->status, ==, 413);
  g_assert_cmpstr (sbt_error_code (too_large), ==, "too_large");
  sbt_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/images/idempotent", test_idempotent_by_content);
  g_test_add_func ("/sandbox/images/minimum-size", test_minimum_size);
  g_test_add_func ("/sandbox/images/types-and-limits", test_types_and_limits);
  return g_test_run ();
}
