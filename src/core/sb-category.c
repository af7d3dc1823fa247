/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-category.c: the marketplace's category tree.  The reference response
 * is read with every member type-checked (a wrong type is an error, an
 * unknown extra member is ignored), kept in the server's order, and
 * indexed by id so that the product rules and the editor can find a
 * category, its attributes and its children quickly.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-category.h"
#include "sb-json-util.h"

G_DEFINE_QUARK (sb-category-error-quark, sb_category_error)

#define ERR SB_CATEGORY_ERROR, SB_CATEGORY_ERROR_INVALID

static const char * const attribute_types[] = { "text", "enum", "number" };

const char *
sb_attribute_type_to_string (SbAttributeType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (attribute_types), NULL);
  return attribute_types[type];
}

gboolean
sb_attribute_type_from_string (const char      *str,
                               SbAttributeType *out_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (attribute_types); i++)
    {
      if (g_strcmp0 (str, attribute_types[i]) == 0)
        {
          *out_type = (SbAttributeType) i;
          return TRUE;
        }
    }
  return FALSE;
}

/* SbAttributeValue */

G_DEFINE_BOXED_TYPE (SbAttributeValue, sb_attribute_value, sb_attribute_value_copy, sb_attribute_value_free)

SbAttributeValue *
sb_attribute_value_new (const char *id,
                        const char *name)
{
  SbAttributeValue *value = g_new0 (SbAttributeValue, 1);

  value->id = g_strdup (id);
  value->name = g_strdup (name);
  return value;
}

SbAttributeValue *
sb_attribute_value_copy (const SbAttributeValue *value)
{
  return sb_attribute_value_new (value->id, value->name);
}

void
sb_attribute_value_free (SbAttributeValue *value)
{
  if (value == NULL)
    return;
  g_free (value->id);
  g_free (value->name);
  g_free (value);
}

/* SbAttribute */

G_DEFINE_BOXED_TYPE (SbAttribute, sb_attribute, sb_attribute_copy, sb_attribute_free)

SbAttribute *
sb_attribute_new (void)
{
  SbAttribute *attribute = g_new0 (SbAttribute, 1);

  attribute->values = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_attribute_value_free);
  return attribute;
}

SbAttribute *
sb_attribute_copy (const SbAttribute *attribute)
{
  SbAttribute *copy = sb_attribute_new ();

  copy->id = g_strdup (attribute->id);
  copy->name = g_strdup (attribute->name);
  copy->type = attribute->type;
  copy->required = attribute->required;
  copy->max_length = attribute->max_length;
  for (guint i = 0; i < attribute->values->len; i++)
    g_ptr_array_add (copy->values, sb_attribute_value_copy (g_ptr_array_index (attribute->values, i)));
  copy->unit = g_strdup (attribute->unit);
  copy->has_min = attribute->has_min;
  copy->min = attribute->min;
  copy->has_max = attribute->has_max;
  copy->max = attribute->max;
  return copy;
}

void
sb_attribute_free (SbAttribute *attribute)
{
  if (attribute == NULL)
    return;
  g_free (attribute->id);
  g_free (attribute->name);
  g_ptr_array_unref (attribute->values);
  g_free (attribute->unit);
  g_free (attribute);
}

gboolean
sb_attribute_has_value (const SbAttribute *attribute,
                        const char        *value_id)
{
  for (guint i = 0; i < attribute->values->len; i++)
    {
      const SbAttributeValue *value = g_ptr_array_index (attribute->values, i);

      if (g_strcmp0 (value->id, value_id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* SbCategory */

G_DEFINE_BOXED_TYPE (SbCategory, sb_category, sb_category_copy, sb_category_free)

SbCategory *
sb_category_new (void)
{
  SbCategory *category = g_new0 (SbCategory, 1);

  category->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_attribute_free);
  category->variant_options = g_new0 (char *, 1);
  return category;
}

SbCategory *
sb_category_copy (const SbCategory *category)
{
  SbCategory *copy = g_new0 (SbCategory, 1);

  copy->id = g_strdup (category->id);
  copy->parent_id = g_strdup (category->parent_id);
  copy->name = g_strdup (category->name);
  copy->leaf = category->leaf;
  copy->commission_rate = g_strdup (category->commission_rate);
  copy->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_attribute_free);
  for (guint i = 0; i < category->attributes->len; i++)
    g_ptr_array_add (copy->attributes, sb_attribute_copy (g_ptr_array_index (category->attributes, i)));
  copy->variant_options = g_strdupv (category->variant_options);
  return copy;
}

void
sb_category_free (SbCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->id);
  g_free (category->parent_id);
  g_free (category->name);
  g_free (category->commission_rate);
  g_ptr_array_unref (category->attributes);
  g_strfreev (category->variant_options);
  g_free (category);
}

const SbAttribute *
sb_category_find_attribute (const SbCategory *category,
                            const char       *attribute_id)
{
  for (guint i = 0; i < category->attributes->len; i++)
    {
      const SbAttribute *attribute = g_ptr_array_index (category->attributes, i);

      if (g_strcmp0 (attribute->id, attribute_id) == 0)
        return attribute;
    }
  return NULL;
}

/* SbCategoryTree */

struct _SbCategoryTree
{
  GObject     parent_instance;

  GPtrArray  *categories;  /* (owned) (element-type SbCategory) server order */
  GHashTable *by_id;       /* (owned) id → SbCategory borrowed from @categories */
};

G_DEFINE_FINAL_TYPE (SbCategoryTree, sb_category_tree, G_TYPE_OBJECT)

static void
sb_category_tree_finalize (GObject *object)
{
  SbCategoryTree *self = SB_CATEGORY_TREE (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  G_OBJECT_CLASS (sb_category_tree_parent_class)->finalize (object);
}

static void
sb_category_tree_class_init (SbCategoryTreeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_category_tree_finalize;
}

static void
sb_category_tree_init (SbCategoryTree *self)
{
  self->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_category_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

static gboolean
is_decimal (const char *text)
{
  gboolean digits = FALSE, dot = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      else if (*p == '.' && !dot && digits)
        dot = TRUE;
      else
        return FALSE;
    }
  return digits && text[strlen (text) - 1] != '.';
}

static gboolean
parse_attribute (JsonNode     *node,
                 const char   *path,
                 SbAttribute **out,
                 GError      **error)
{
  g_autoptr(SbAttribute) attribute = sb_attribute_new ();
  g_autofree char *type = NULL;
  JsonObject *object;
  JsonArray *values = NULL;
  gint64 max_length = 0;

  if (sb_json_check_node (node, path, JSON_TYPE_OBJECT, ERR, error) != SB_JSON_OK)
    return FALSE;
  object = json_node_get_object (node);
  if (sb_json_get_string (object, path, "id", SB_JSON_REQUIRED, &attribute->id, ERR, error) > SB_JSON_ABSENT ||
      sb_json_get_string (object, path, "name", SB_JSON_REQUIRED, &attribute->name, ERR, error) > SB_JSON_ABSENT ||
      sb_json_get_string (object, path, "type", SB_JSON_REQUIRED, &type, ERR, error) > SB_JSON_ABSENT ||
      sb_json_get_bool (object, path, "required", SB_JSON_NULLABLE, &attribute->required, ERR, error) > SB_JSON_ABSENT ||
      sb_json_get_int (object, path, "max_length", SB_JSON_NULLABLE, 0, G_MAXUINT, &max_length, ERR, error) > SB_JSON_ABSENT ||
      sb_json_get_string (object, path, "unit", SB_JSON_NULLABLE, &attribute->unit, ERR, error) > SB_JSON_ABSENT ||
      sb_json_get_array (object, path, "values", SB_JSON_NULLABLE, &values, ERR, error) > SB_JSON_ABSENT)
    return FALSE;
  attribute->max_length = (guint) max_length;
  if (!sb_attribute_type_from_string (type, &attribute->type))
    {
      g_set_error (error, ERR,
                   /* Translators: %s.type is a path such as categories[1].attributes[0].type */
                   _("“%s.type” is “%s”; the known types are text, enum and number."),
                   path, type);
      return FALSE;
    }
  switch (sb_json_get_double (object, path, "min", SB_JSON_NULLABLE, &attribute->min, ERR, error))
    {
    case SB_JSON_OK:
      attribute->has_min = TRUE;
      break;
    case SB_JSON_ABSENT:
      break;
    default:
      return FALSE;
    }
  switch (sb_json_get_double (object, path, "max", SB_JSON_NULLABLE, &attribute->max, ERR, error))
    {
    case SB_JSON_OK:
      attribute->has_max = TRUE;
      break;
    case SB_JSON_ABSENT:
      break;
    default:
      return FALSE;
    }
  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      g_autofree char *vpath_base = sb_json_path (path, "values");
      g_autofree char *vpath = sb_json_path_index (vpath_base, i);
      JsonNode *vnode = json_array_get_element (values, i);
      g_autoptr(SbAttributeValue) value = sb_attribute_value_new (NULL, NULL);
      JsonObject *vobject;

      if (sb_json_check_node (vnode, vpath, JSON_TYPE_OBJECT, ERR, error) != SB_JSON_OK)
        return FALSE;
      vobject = json_node_get_object (vnode);
      if (sb_json_get_string (vobject, vpath, "id", SB_JSON_REQUIRED, &value->id, ERR, error) > SB_JSON_ABSENT ||
          sb_json_get_string (vobject, vpath, "name", SB_JSON_REQUIRED, &value->name, ERR, error) > SB_JSON_ABSENT)
        return FALSE;
      g_ptr_array_add (attribute->values, g_steal_pointer (&value));
    }
  *out = g_steal_pointer (&attribute);
  return TRUE;
}

static gboolean
parse_category (JsonNode     *node,
                const char   *path,
                SbCategory  **out,
                gboolean     *out_has_leaf,
                GError      **error)
{
  g_autoptr(SbCategory) category = sb_category_new ();
  JsonObject *object;
  JsonArray *attributes = NULL;
  JsonArray *options = NULL;
  SbJsonStatus leaf_status;

  if (sb_json_check_node (node, path, JSON_TYPE_OBJECT, ERR, error) != SB_JSON_OK)
    return FALSE;
  object = json_node_get_object (node);
  if (sb_json_get_string (object, path, "id", SB_JSON_REQUIRED, &category->id, ERR, error) > SB_JSON_ABSENT ||
      sb_json_get_string (object, path, "parent_id", SB_JSON_NULLABLE, &category->parent_id, ERR, error) > SB_JSON_ABSENT ||
      sb_json_get_string (object, path, "name", SB_JSON_REQUIRED, &category->name, ERR, error) > SB_JSON_ABSENT ||
      sb_json_get_string (object, path, "commission_rate", SB_JSON_NULLABLE, &category->commission_rate, ERR, error) > SB_JSON_ABSENT ||
      sb_json_get_array (object, path, "attributes", SB_JSON_NULLABLE, &attributes, ERR, error) > SB_JSON_ABSENT ||
      sb_json_get_array (object, path, "variant_options", SB_JSON_NULLABLE, &options, ERR, error) > SB_JSON_ABSENT)
    return FALSE;
  leaf_status = sb_json_get_bool (object, path, "leaf", SB_JSON_NULLABLE, &category->leaf, ERR, error);
  if (leaf_status > SB_JSON_ABSENT)
    return FALSE;
  *out_has_leaf = (leaf_status == SB_JSON_OK);
  if (category->commission_rate != NULL && !is_decimal (category->commission_rate))
    {
      g_set_error (error, ERR,
                   _("“%s.commission_rate” is “%s”, which is not a decimal number such as 0.08."),
                   path, category->commission_rate);
      return FALSE;
    }
  for (guint i = 0; attributes != NULL && i < json_array_get_length (attributes); i++)
    {
      g_autofree char *apath_base = sb_json_path (path, "attributes");
      g_autofree char *apath = sb_json_path_index (apath_base, i);
      SbAttribute *attribute = NULL;

      if (!parse_attribute (json_array_get_element (attributes, i), apath, &attribute, error))
        return FALSE;
      g_ptr_array_add (category->attributes, attribute);
    }
  if (options != NULL)
    {
      guint n = json_array_get_length (options);

      g_strfreev (category->variant_options);
      category->variant_options = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *opath_base = sb_json_path (path, "variant_options");
          g_autofree char *opath = sb_json_path_index (opath_base, i);

          if (sb_json_node_get_string (json_array_get_element (options, i), opath,
                                       &category->variant_options[i], ERR, error) != SB_JSON_OK)
            return FALSE;
        }
    }
  *out = g_steal_pointer (&category);
  return TRUE;
}

/**
 * sb_category_tree_new_from_json:
 * @node: the body of GET /v1/reference/categories
 *
 * A category without a `leaf` member is a leaf when no other category
 * names it as its parent.
 *
 * Returns: (transfer full) (nullable): the tree, or %NULL with @error
 */
SbCategoryTree *
sb_category_tree_new_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(SbCategoryTree) self = g_object_new (SB_TYPE_CATEGORY_TREE, NULL);
  g_autoptr(GPtrArray) leaf_unknown = g_ptr_array_new ();
  g_autoptr(GHashTable) parents = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *categories = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  if (sb_json_check_node (node, _("the category list"), JSON_TYPE_OBJECT, ERR, error) != SB_JSON_OK ||
      sb_json_get_array (json_node_get_object (node), NULL, "categories", SB_JSON_REQUIRED,
                         &categories, ERR, error) != SB_JSON_OK)
    goto fail;
  for (guint i = 0; i < json_array_get_length (categories); i++)
    {
      g_autofree char *path = sb_json_path_index ("categories", i);
      SbCategory *category = NULL;
      gboolean has_leaf = FALSE;

      if (!parse_category (json_array_get_element (categories, i), path, &category, &has_leaf, error))
        goto fail;
      if (g_hash_table_contains (self->by_id, category->id))
        {
          g_set_error (error, ERR, _("Category “%s” appears twice in the category list."), category->id);
          sb_category_free (category);
          goto fail;
        }
      g_ptr_array_add (self->categories, category);
      g_hash_table_insert (self->by_id, category->id, category);
      if (category->parent_id != NULL)
        g_hash_table_add (parents, category->parent_id);
      if (!has_leaf)
        g_ptr_array_add (leaf_unknown, category);
    }
  for (guint i = 0; i < leaf_unknown->len; i++)
    {
      SbCategory *category = g_ptr_array_index (leaf_unknown, i);

      category->leaf = !g_hash_table_contains (parents, category->id);
    }
  return g_steal_pointer (&self);

fail:
  g_prefix_error (error, "%s", _("The category list cannot be read: "));
  return NULL;
}

/**
 * sb_category_tree_new_from_data:
 * @length: length of @data in bytes, or -1 when it is nul-terminated
 *
 * Parses the JSON text of GET /v1/reference/categories (as cached).
 */
SbCategoryTree *
sb_category_tree_new_from_data (const char  *data,
                                gssize       length,
                                GError     **error)
{
  g_autoptr(JsonNode) root = sb_json_parse_data (data, length, ERR, error);

  if (root == NULL)
    {
      g_prefix_error (error, "%s", _("The category list cannot be read: "));
      return NULL;
    }
  return sb_category_tree_new_from_json (root, error);
}

guint
sb_category_tree_get_n_categories (SbCategoryTree *self)
{
  g_return_val_if_fail (SB_IS_CATEGORY_TREE (self), 0);
  return self->categories->len;
}

const SbCategory *
sb_category_tree_lookup (SbCategoryTree *self,
                         const char     *id)
{
  g_return_val_if_fail (SB_IS_CATEGORY_TREE (self), NULL);
  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

/**
 * sb_category_tree_get_children:
 * @parent_id: (nullable): %NULL for the roots
 *
 * Returns: (transfer container) (element-type SbCategory): the children of
 *   @parent_id in the server's order; the categories belong to @self
 */
GPtrArray *
sb_category_tree_get_children (SbCategoryTree *self,
                               const char     *parent_id)
{
  GPtrArray *children = g_ptr_array_new ();

  g_return_val_if_fail (SB_IS_CATEGORY_TREE (self), children);
  for (guint i = 0; i < self->categories->len; i++)
    {
      SbCategory *category = g_ptr_array_index (self->categories, i);

      if (g_strcmp0 (category->parent_id, parent_id) == 0)
        g_ptr_array_add (children, category);
    }
  return children;
}
