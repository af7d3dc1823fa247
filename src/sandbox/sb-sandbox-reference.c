/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-reference.c: loads categories.json, carriers.json and
 * currencies.json from the data directory once, checks their shape, and
 * prepares every document the reference endpoints can return (categories
 * in each language, carriers for each origin and for all) with its ETag —
 * a quoted prefix of the body's SHA-256, so it changes exactly when the
 * bytes do.  A category is a leaf when no other category names it as
 * parent; only leaves carry a commission, attributes and variant options.
 * The documents are also read back through core's parsers (SbCategoryTree,
 * SbCarrier), which checks the seed files and gives the validators what
 * they need.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-carrier.h"
#include "sb-sandbox-reference.h"

G_DEFINE_QUARK (sb-sandbox-reference-error-quark, sb_sandbox_reference_error)

typedef struct {
  GBytes   *body;   /* (owned) */
  char     *etag;   /* (owned) */
  JsonNode *node;   /* (owned) */
} Document;

static const char * const origins[] = { "KR", "RU" };

struct _SbSandboxReference
{
  GObject   parent_instance;

  Document  currencies;
  Document  categories[SB_N_LANGS];
  Document  carriers_all;
  Document  carriers[G_N_ELEMENTS (origins)];
  guint     n_leaves;
  guint     n_carriers;

  SbCategoryTree *category_tree;  /* (owned): English names */
  GPtrArray      *carrier_list;   /* (owned) (element-type SbCarrier): every origin */
};

G_DEFINE_FINAL_TYPE (SbSandboxReference, sb_sandbox_reference, G_TYPE_OBJECT)

static void
document_clear (Document *doc)
{
  g_clear_pointer (&doc->body, g_bytes_unref);
  g_clear_pointer (&doc->etag, g_free);
  g_clear_pointer (&doc->node, json_node_unref);
}

static void
document_set (Document *doc,
              JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *hash = NULL;
  char *text;
  gsize len;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &len);
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, len);
  doc->body = g_bytes_new_take (text, len);
  doc->etag = g_strdup_printf ("\"%.32s\"", hash);
  doc->node = json_node_ref (node);
}

static gboolean
invalid (GError     **error,
         const char  *file,
         const char  *what)
{
  g_set_error (error, SB_SANDBOX_REFERENCE_ERROR, SB_SANDBOX_REFERENCE_ERROR_INVALID,
               /* Translators: the first %s is a file name, the second says what is wrong in English. */
               _("The sandbox seed file “%s” is not valid: %s. Reinstall Sellbridge or pass the right --data-dir."),
               file, what);
  return FALSE;
}

static JsonNode *
load (const char  *data_dir,
      const char  *name,
      GError     **error)
{
  g_autofree char *path = g_build_filename (data_dir, name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      invalid (error, path, "the top level is not an object");
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

/* The seed spells names as {"en": …, "ko": …, "ru": …}. */
static const char *
localized (JsonObject *object,
           const char *member,
           SbLang      lang)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonObject *names;
  const char *name;

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    return json_node_get_string (node);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  names = json_node_get_object (node);
  name = json_object_get_string_member_with_default (names, sb_lang_to_code (lang), NULL);
  if (name == NULL)
    name = json_object_get_string_member_with_default (names, "en", NULL);
  return name;
}

static JsonNode *
localize_attribute (JsonObject *attribute,
                    SbLang      lang)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GList) members = json_object_get_members (attribute);

  json_builder_begin_object (builder);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;

      json_builder_set_member_name (builder, member);
      if (g_str_equal (member, "name"))
        json_builder_add_string_value (builder, localized (attribute, "name", lang));
      else if (g_str_equal (member, "values"))
        {
          JsonArray *values = json_object_get_array_member (attribute, "values");

          json_builder_begin_array (builder);
          for (guint i = 0; i < json_array_get_length (values); i++)
            {
              JsonObject *value = json_array_get_object_element (values, i);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "id");
              json_builder_add_string_value (builder, json_object_get_string_member (value, "id"));
              json_builder_set_member_name (builder, "name");
              json_builder_add_string_value (builder, localized (value, "name", lang));
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }
      else
        json_builder_add_value (builder, json_node_copy (json_object_get_member (attribute, member)));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
check_categories (JsonArray   *categories,
                  GHashTable  *parents,
                  const char  *file,
                  GError     **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (categories); i++)
    {
      JsonNode *node = json_array_get_element (categories, i);
      JsonObject *category;
      const char *id, *parent;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, file, "a category is not an object");
      category = json_node_get_object (node);
      id = json_object_get_string_member_with_default (category, "id", NULL);
      if (id == NULL || !g_hash_table_add (ids, (gpointer) id))
        return invalid (error, file, "a category id is missing or repeated");
      for (guint l = 0; l < SB_N_LANGS; l++)
        if (localized (category, "name", l) == NULL)
          return invalid (error, file, "a category has no name");
      parent = json_object_get_string_member_with_default (category, "parent_id", NULL);
      if (parent != NULL)
        g_hash_table_add (parents, (gpointer) parent);
    }
  for (guint i = 0; i < json_array_get_length (categories); i++)
    {
      JsonObject *category = json_array_get_object_element (categories, i);
      const char *parent = json_object_get_string_member_with_default (category, "parent_id", NULL);

      if (parent != NULL && !g_hash_table_contains (ids, parent))
        return invalid (error, file, "a category's parent does not exist");
      if (!g_hash_table_contains (parents, json_object_get_string_member (category, "id")) &&
          (!json_object_has_member (category, "commission_rate") ||
           !json_object_has_member (category, "attributes")))
        return invalid (error, file, "a leaf category has no commission_rate or attributes");
    }
  return TRUE;
}

static JsonNode *
localize_categories (JsonArray  *categories,
                     GHashTable *parents,
                     SbLang      lang,
                     guint      *out_leaves)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint leaves = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "categories");
  json_builder_begin_array (builder);
  for (guint i = 0; i < json_array_get_length (categories); i++)
    {
      JsonObject *category = json_array_get_object_element (categories, i);
      const char *id = json_object_get_string_member (category, "id");
      const char *parent = json_object_get_string_member_with_default (category, "parent_id", NULL);
      gboolean leaf = !g_hash_table_contains (parents, id);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "parent_id");
      if (parent != NULL)
        json_builder_add_string_value (builder, parent);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, localized (category, "name", lang));
      json_builder_set_member_name (builder, "leaf");
      json_builder_add_boolean_value (builder, leaf);
      if (leaf)
        {
          JsonArray *attributes = json_object_get_array_member (category, "attributes");

          leaves++;
          json_builder_set_member_name (builder, "commission_rate");
          json_builder_add_string_value (builder, json_object_get_string_member (category, "commission_rate"));
          json_builder_set_member_name (builder, "attributes");
          json_builder_begin_array (builder);
          for (guint a = 0; a < json_array_get_length (attributes); a++)
            json_builder_add_value (builder,
                                    localize_attribute (json_array_get_object_element (attributes, a), lang));
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "variant_options");
          if (json_object_has_member (category, "variant_options"))
            json_builder_add_value (builder, json_node_copy (json_object_get_member (category, "variant_options")));
          else
            {
              json_builder_begin_array (builder);
              json_builder_end_array (builder);
            }
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  *out_leaves = leaves;
  return json_builder_get_root (builder);
}

static JsonNode *
filter_carriers (JsonArray  *carriers,
                 const char *origin)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "carriers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < json_array_get_length (carriers); i++)
    {
      JsonObject *carrier = json_array_get_object_element (carriers, i);

      if (origin == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (carrier, "origin", NULL), origin) == 0)
        json_builder_add_value (builder, json_node_copy (json_array_get_element (carriers, i)));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
sb_sandbox_reference_finalize (GObject *object)
{
  SbSandboxReference *self = SB_SANDBOX_REFERENCE (object);

  document_clear (&self->currencies);
  for (guint i = 0; i < SB_N_LANGS; i++)
    document_clear (&self->categories[i]);
  document_clear (&self->carriers_all);
  for (guint i = 0; i < G_N_ELEMENTS (origins); i++)
    document_clear (&self->carriers[i]);
  g_clear_object (&self->category_tree);
  g_clear_pointer (&self->carrier_list, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_sandbox_reference_parent_class)->finalize (object);
}

static void
sb_sandbox_reference_class_init (SbSandboxReferenceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_sandbox_reference_finalize;
}

static void
sb_sandbox_reference_init (SbSandboxReference *self)
{
}

/**
 * sb_sandbox_reference_new:
 * @data_dir: the folder with categories.json, carriers.json and
 *   currencies.json
 *
 * Returns: (transfer full) (nullable): the loaded reference data
 */
SbSandboxReference *
sb_sandbox_reference_new (const char  *data_dir,
                          GError     **error)
{
  g_autoptr(SbSandboxReference) self = g_object_new (SB_TYPE_SANDBOX_REFERENCE, NULL);
  g_autoptr(JsonNode) currencies = NULL;
  g_autoptr(JsonNode) categories = NULL;
  g_autoptr(JsonNode) carriers = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(GHashTable) parents = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *category_array, *carrier_array;

  currencies = load (data_dir, "currencies.json", error);
  if (currencies == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (currencies), "rates")))
    {
      invalid (error, "currencies.json", "it has no rates object");
      return NULL;
    }
  document_set (&self->currencies, currencies);

  categories = load (data_dir, "categories.json", error);
  if (categories == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (categories), "categories")))
    {
      invalid (error, "categories.json", "it has no categories array");
      return NULL;
    }
  category_array = json_object_get_array_member (json_node_get_object (categories), "categories");
  if (!check_categories (category_array, parents, "categories.json", error))
    return NULL;
  for (guint l = 0; l < SB_N_LANGS; l++)
    {
      g_autoptr(JsonNode) node = localize_categories (category_array, parents, l, &self->n_leaves);

      document_set (&self->categories[l], node);
    }

  carriers = load (data_dir, "carriers.json", error);
  if (carriers == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (carriers), "carriers")))
    {
      invalid (error, "carriers.json", "it has no carriers array");
      return NULL;
    }
  carrier_array = json_object_get_array_member (json_node_get_object (carriers), "carriers");
  for (guint i = 0; i < json_array_get_length (carrier_array); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (carrier_array, i)) ||
        json_object_get_string_member_with_default (json_array_get_object_element (carrier_array, i),
                                                    "id", NULL) == NULL)
      {
        invalid (error, "carriers.json", "a carrier has no id");
        return NULL;
      }
  self->n_carriers = json_array_get_length (carrier_array);
  all = filter_carriers (carrier_array, NULL);
  document_set (&self->carriers_all, all);
  for (guint i = 0; i < G_N_ELEMENTS (origins); i++)
    {
      g_autoptr(JsonNode) node = filter_carriers (carrier_array, origins[i]);

      document_set (&self->carriers[i], node);
    }

  self->category_tree = sb_category_tree_new_from_json (self->categories[SB_LANG_EN].node, error);
  if (self->category_tree == NULL)
    {
      g_prefix_error (error, "categories.json: ");
      return NULL;
    }
  self->carrier_list = sb_carrier_list_new_from_json (self->carriers_all.node, error);
  if (self->carrier_list == NULL)
    {
      g_prefix_error (error, "carriers.json: ");
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * sb_sandbox_reference_get_currencies:
 * @out_etag: (out) (transfer none): the quoted strong ETag
 *
 * Returns: (transfer none): the body of GET /v1/reference/currencies
 */
GBytes *
sb_sandbox_reference_get_currencies (SbSandboxReference  *self,
                                     const char         **out_etag)
{
  *out_etag = self->currencies.etag;
  return self->currencies.body;
}

/**
 * sb_sandbox_reference_get_categories:
 *
 * Returns: (transfer none): the body of GET /v1/reference/categories in
 *   @lang
 */
GBytes *
sb_sandbox_reference_get_categories (SbSandboxReference  *self,
                                     SbLang               lang,
                                     const char         **out_etag)
{
  g_return_val_if_fail (lang < SB_N_LANGS, NULL);
  *out_etag = self->categories[lang].etag;
  return self->categories[lang].body;
}

static Document *
carriers_document (SbSandboxReference *self,
                   const char         *origin)
{
  if (origin == NULL)
    return &self->carriers_all;
  for (guint i = 0; i < G_N_ELEMENTS (origins); i++)
    if (g_strcmp0 (origin, origins[i]) == 0)
      return &self->carriers[i];
  return NULL;
}

/**
 * sb_sandbox_reference_get_carriers:
 * @origin: (nullable): "KR", "RU", or %NULL for every carrier
 *
 * Returns: (transfer none) (nullable): the body of
 *   GET /v1/reference/carriers, or %NULL for an unknown origin
 */
GBytes *
sb_sandbox_reference_get_carriers (SbSandboxReference  *self,
                                   const char          *origin,
                                   const char         **out_etag)
{
  Document *doc = carriers_document (self, origin);

  if (doc == NULL)
    return NULL;
  *out_etag = doc->etag;
  return doc->body;
}

/**
 * sb_sandbox_reference_get_categories_node:
 *
 * Returns: (transfer none): the categories document in @lang as JSON
 */
JsonNode *
sb_sandbox_reference_get_categories_node (SbSandboxReference *self,
                                          SbLang              lang)
{
  g_return_val_if_fail (lang < SB_N_LANGS, NULL);
  return self->categories[lang].node;
}

/**
 * sb_sandbox_reference_get_carriers_node:
 *
 * Returns: (transfer none) (nullable): the carriers document for @origin
 */
JsonNode *
sb_sandbox_reference_get_carriers_node (SbSandboxReference *self,
                                        const char         *origin)
{
  Document *doc = carriers_document (self, origin);

  return doc != NULL ? doc->node : NULL;
}

/**
 * sb_sandbox_reference_get_category_tree:
 *
 * Returns: (transfer none): the categories, with English names, as core's
 *   validators take them
 */
SbCategoryTree *
sb_sandbox_reference_get_category_tree (SbSandboxReference *self)
{
  return self->category_tree;
}

/**
 * sb_sandbox_reference_get_carrier_list:
 *
 * Returns: (transfer none) (element-type SbCarrier): every carrier, of
 *   both origins
 */
GPtrArray *
sb_sandbox_reference_get_carrier_list (SbSandboxReference *self)
{
  return self->carrier_list;
}

guint
sb_sandbox_reference_count_leaves (SbSandboxReference *self)
{
  return self->n_leaves;
}

guint
sb_sandbox_reference_count_carriers (SbSandboxReference *self)
{
  return self->n_carriers;
}
