/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-moderation.c: moderation rules of the sandbox, applied when a
 * review falls due (after --moderation-delay).  A product is rejected when
 * a title in any language contains a prohibited word (counterfeit goods in
 * English, Korean or Russian), when an image is smaller than 800×800 (WebP
 * uploads are not size-checked at upload, as the contract allows), when an
 * image is no longer known, or when a description carries a link to an
 * outside shop.  A seller's application is rejected when its legal or store
 * name contains a test word, so the rejected path can be demonstrated;
 * otherwise it is approved.  The reasons are API text (English), as a real
 * marketplace sends them; see docs/sandbox.md.
 */
#include "config.h"

#include <string.h>

#include "sb-sandbox-moderation.h"

#define MIN_IMAGE_SIDE 800

/* Matched case-insensitively as substrings, so the Russian entries are
 * stems that cover the case endings (подделка, подделки, подделку…). */
static const char * const prohibited_words[] = {
  "replica", "counterfeit", "knockoff", "bootleg",
  "짝퉁", "가품", "레플리카", "이미테이션",
  "подделк", "реплик", "контрафакт",
};

static const char * const test_words[] = {
  "test", "тест", "테스트",
};

static const char * const link_markers[] = {
  "http://", "https://", "www.",
};

static void
add_reason (JsonBuilder *builder,
            const char  *code,
            const char  *path,
            const char  *message)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  if (path != NULL)
    {
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, path);
    }
  json_builder_end_object (builder);
}

/* Returns the first entry of @words found in @text, ignoring case. */
static const char *
find_word (const char         *text,
           const char * const *words,
           gsize               n_words)
{
  g_autofree char *folded = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  folded = g_utf8_casefold (text, -1);
  for (gsize i = 0; i < n_words; i++)
    {
      g_autofree char *word = g_utf8_casefold (words[i], -1);

      if (strstr (folded, word) != NULL)
        return words[i];
    }
  return NULL;
}

static void
check_texts (JsonBuilder        *builder,
             JsonObject         *product,
             const char         *member,
             const char * const *words,
             gsize               n_words,
             const char         *code)
{
  JsonNode *node = json_object_get_member (product, member);
  g_autoptr(GList) langs = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  langs = json_object_get_members (json_node_get_object (node));
  for (GList *l = langs; l != NULL; l = l->next)
    {
      JsonNode *text = json_object_get_member (json_node_get_object (node), l->data);
      const char *found;

      if (!JSON_NODE_HOLDS_VALUE (text) || json_node_get_value_type (text) != G_TYPE_STRING)
        continue;
      found = find_word (json_node_get_string (text), words, n_words);
      if (found != NULL)
        {
          g_autofree char *path = g_strdup_printf ("%s.%s", member, (const char *) l->data);
          g_autofree char *message = NULL;

          if (g_str_equal (code, "prohibited_word"))
            message = g_strdup_printf ("The title (%s) contains the prohibited word “%s”: "
                                       "counterfeit goods may not be listed.", path, found);
          else
            message = g_strdup_printf ("The description (%s) contains a link (“%s”): "
                                       "links to outside shops are not allowed.", path, found);

          add_reason (builder, code, path, message);
        }
    }
}

/**
 * sb_sandbox_moderate_product:
 * @product: the stored product object
 *
 * Returns: (transfer full): a JSON array of reasons; empty to approve
 */
JsonNode *
sb_sandbox_moderate_product (JsonObject  *product,
                             SbSandboxDb *db,
                             const char  *api_key)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonNode *images;

  json_builder_begin_array (builder);
  check_texts (builder, product, "title", prohibited_words, G_N_ELEMENTS (prohibited_words),
               "prohibited_word");
  check_texts (builder, product, "description", link_markers, G_N_ELEMENTS (link_markers),
               "external_link");

  images = json_object_get_member (product, "images");
  if (images != NULL && JSON_NODE_HOLDS_ARRAY (images))
    {
      JsonArray *array = json_node_get_array (images);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autoptr(SbSandboxImageRow) image = NULL;
          g_autofree char *path = g_strdup_printf ("images[%u]", i);
          g_autofree char *message = NULL;

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            continue;
          image = sb_sandbox_db_find_image (db, api_key, NULL, json_node_get_string (element), NULL);
          if (image == NULL)
            {
              message = g_strdup_printf ("Image %s is not known; upload it again.",
                                         json_node_get_string (element));
              add_reason (builder, "image_missing", path, message);
            }
          else if (image->width < MIN_IMAGE_SIDE || image->height < MIN_IMAGE_SIDE)
            {
              message = g_strdup_printf ("Image %s is %u×%u pixels; images must be at least %d×%d.",
                                         image->image_id, image->width, image->height,
                                         MIN_IMAGE_SIDE, MIN_IMAGE_SIDE);
              add_reason (builder, "image_too_small", path, message);
            }
        }
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

/**
 * sb_sandbox_moderate_seller:
 * @profile: the submitted seller profile
 *
 * Returns: (transfer full): a JSON array of reasons; empty to approve
 */
JsonNode *
sb_sandbox_moderate_seller (JsonObject *profile)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  static const char * const members[] = { "legal_name", "store_name" };

  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *value = json_object_get_string_member_with_default (profile, members[i], NULL);
      const char *found = find_word (value, test_words, G_N_ELEMENTS (test_words));

      if (found != NULL)
        {
          g_autofree char *message =
            g_strdup_printf ("The %s contains “%s”: test or placeholder applications are not accepted. "
                             "Submit the name as registered.",
                             members[i], found);

          add_reason (builder, "test_account", members[i], message);
        }
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}
