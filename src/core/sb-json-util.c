/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-json-util.c: typed member access for the Seller API's JSON bodies.
 * A member of the wrong type is an error naming its path ("zones[0].
 * first_price"), never a silent zero; integers may arrive as JSON numbers
 * with no fraction (2000.0), and are range-checked before they are
 * narrowed.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sb-json-util.h"

char *
sb_json_path (const char *prefix,
              const char *name)
{
  if (prefix == NULL || *prefix == '\0')
    return g_strdup (name);
  return g_strconcat (prefix, ".", name, NULL);
}

char *
sb_json_path_index (const char *prefix,
                    guint       index)
{
  return g_strdup_printf ("%s[%u]", prefix != NULL ? prefix : "", index);
}

static SbJsonStatus
wrong_type (const char  *path,
            GType        value_type,
            GQuark       domain,
            int          code,
            GError     **error)
{
  if (value_type == G_TYPE_STRING)
    g_set_error (error, domain, code, _("“%s” should be a string."), path);
  else if (value_type == G_TYPE_INT64)
    g_set_error (error, domain, code, _("“%s” should be a whole number."), path);
  else if (value_type == G_TYPE_DOUBLE)
    g_set_error (error, domain, code, _("“%s” should be a number."), path);
  else if (value_type == G_TYPE_BOOLEAN)
    g_set_error (error, domain, code, _("“%s” should be true or false."), path);
  else if (value_type == JSON_TYPE_ARRAY)
    g_set_error (error, domain, code, _("“%s” should be a list."), path);
  else
    g_set_error (error, domain, code, _("“%s” should be an object."), path);
  return SB_JSON_WRONG_TYPE;
}

/**
 * sb_json_check_node:
 * @value_type: G_TYPE_STRING, G_TYPE_INT64, G_TYPE_DOUBLE, G_TYPE_BOOLEAN,
 *   JSON_TYPE_ARRAY or JSON_TYPE_OBJECT
 *
 * Checks that @node holds a value of that type; G_TYPE_DOUBLE accepts
 * any JSON number, G_TYPE_INT64 also an integral number.
 */
SbJsonStatus
sb_json_check_node (JsonNode    *node,
                    const char  *path,
                    GType        value_type,
                    GQuark       domain,
                    int          code,
                    GError     **error)
{
  if (value_type == JSON_TYPE_ARRAY)
    return JSON_NODE_HOLDS_ARRAY (node) ? SB_JSON_OK : wrong_type (path, value_type, domain, code, error);
  if (value_type == JSON_TYPE_OBJECT)
    return JSON_NODE_HOLDS_OBJECT (node) ? SB_JSON_OK : wrong_type (path, value_type, domain, code, error);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return wrong_type (path, value_type, domain, code, error);
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      if (value_type == G_TYPE_STRING)
        return SB_JSON_OK;
      break;
    case G_TYPE_BOOLEAN:
      if (value_type == G_TYPE_BOOLEAN)
        return SB_JSON_OK;
      break;
    case G_TYPE_INT64:
      if (value_type == G_TYPE_INT64 || value_type == G_TYPE_DOUBLE)
        return SB_JSON_OK;
      break;
    case G_TYPE_DOUBLE:
      if (value_type == G_TYPE_DOUBLE)
        return SB_JSON_OK;
      if (value_type == G_TYPE_INT64)
        {
          double d = json_node_get_double (node);

          if (isfinite (d) && floor (d) == d)
            return SB_JSON_OK;
        }
      break;
    default:
      break;
    }
  return wrong_type (path, value_type, domain, code, error);
}

/* Looks @name up; ABSENT/MISSING unless there is a node to read. */
static SbJsonStatus
lookup (JsonObject   *object,
        const char   *path,
        SbJsonFlags   flags,
        JsonNode    **out_node,
        GQuark        domain,
        int           code,
        GError      **error,
        const char   *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || ((flags & SB_JSON_NULLABLE) && JSON_NODE_HOLDS_NULL (node)))
    {
      if (flags & SB_JSON_REQUIRED)
        {
          g_set_error (error, domain, code, _("“%s” is missing."), path);
          return SB_JSON_MISSING;
        }
      return SB_JSON_ABSENT;
    }
  *out_node = node;
  return SB_JSON_OK;
}

SbJsonStatus
sb_json_node_get_string (JsonNode    *node,
                         const char  *path,
                         char       **out,
                         GQuark       domain,
                         int          code,
                         GError     **error)
{
  SbJsonStatus status = sb_json_check_node (node, path, G_TYPE_STRING, domain, code, error);

  if (status == SB_JSON_OK)
    {
      g_free (*out);
      *out = g_strdup (json_node_get_string (node));
    }
  return status;
}

SbJsonStatus
sb_json_node_get_int (JsonNode    *node,
                      const char  *path,
                      gint64       min,
                      gint64       max,
                      gint64      *out,
                      GQuark       domain,
                      int          code,
                      GError     **error)
{
  SbJsonStatus status = sb_json_check_node (node, path, G_TYPE_INT64, domain, code, error);
  gint64 value;

  if (status != SB_JSON_OK)
    return status;
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (d < (double) min || d > (double) max)
        goto out_of_range;
      value = (gint64) d;
    }
  else
    value = json_node_get_int (node);
  if (value < min || value > max)
    goto out_of_range;
  *out = value;
  return SB_JSON_OK;

out_of_range:
  {
    g_autofree char *min_text = g_strdup_printf ("%" G_GINT64_FORMAT, min);
    g_autofree char *max_text = g_strdup_printf ("%" G_GINT64_FORMAT, max);

    g_set_error (error, domain, code,
                 /* Translators: “weight_g” should be between 0 and 4294967295. */
                 _("“%s” should be between %s and %s."),
                 path, min_text, max_text);
  }
  return SB_JSON_OUT_OF_RANGE;
}

SbJsonStatus
sb_json_get_string (JsonObject   *object,
                    const char   *prefix,
                    const char   *name,
                    SbJsonFlags   flags,
                    char        **out,
                    GQuark        domain,
                    int           code,
                    GError      **error)
{
  g_autofree char *path = sb_json_path (prefix, name);
  JsonNode *node = NULL;
  SbJsonStatus status = lookup (object, path, flags, &node, domain, code, error, name);

  if (status != SB_JSON_OK)
    return status;
  return sb_json_node_get_string (node, path, out, domain, code, error);
}

SbJsonStatus
sb_json_get_int (JsonObject   *object,
                 const char   *prefix,
                 const char   *name,
                 SbJsonFlags   flags,
                 gint64        min,
                 gint64        max,
                 gint64       *out,
                 GQuark        domain,
                 int           code,
                 GError      **error)
{
  g_autofree char *path = sb_json_path (prefix, name);
  JsonNode *node = NULL;
  SbJsonStatus status = lookup (object, path, flags, &node, domain, code, error, name);

  if (status != SB_JSON_OK)
    return status;
  return sb_json_node_get_int (node, path, min, max, out, domain, code, error);
}

/* Looks @name up in @object and checks its type: SB_JSON_OK with *@out_node
 * set, or the status of what was wrong. */
static SbJsonStatus
typed_member (JsonObject   *object,
              const char   *prefix,
              const char   *name,
              SbJsonFlags   flags,
              GType         value_type,
              JsonNode    **out_node,
              GQuark        domain,
              int           code,
              GError      **error)
{
  g_autofree char *path = sb_json_path (prefix, name);
  SbJsonStatus status = lookup (object, path, flags, out_node, domain, code, error, name);

  if (status != SB_JSON_OK)
    return status;
  return sb_json_check_node (*out_node, path, value_type, domain, code, error);
}

SbJsonStatus
sb_json_get_double (JsonObject   *object,
                    const char   *prefix,
                    const char   *name,
                    SbJsonFlags   flags,
                    double       *out,
                    GQuark        domain,
                    int           code,
                    GError      **error)
{
  JsonNode *node = NULL;
  SbJsonStatus status = typed_member (object, prefix, name, flags, G_TYPE_DOUBLE, &node, domain, code, error);

  if (status == SB_JSON_OK)
    *out = json_node_get_double (node);
  return status;
}

SbJsonStatus
sb_json_get_bool (JsonObject   *object,
                  const char   *prefix,
                  const char   *name,
                  SbJsonFlags   flags,
                  gboolean     *out,
                  GQuark        domain,
                  int           code,
                  GError      **error)
{
  JsonNode *node = NULL;
  SbJsonStatus status = typed_member (object, prefix, name, flags, G_TYPE_BOOLEAN, &node, domain, code, error);

  if (status == SB_JSON_OK)
    *out = json_node_get_boolean (node);
  return status;
}

SbJsonStatus
sb_json_get_array (JsonObject   *object,
                   const char   *prefix,
                   const char   *name,
                   SbJsonFlags   flags,
                   JsonArray   **out,
                   GQuark        domain,
                   int           code,
                   GError      **error)
{
  JsonNode *node = NULL;
  SbJsonStatus status = typed_member (object, prefix, name, flags, JSON_TYPE_ARRAY, &node, domain, code, error);

  if (status == SB_JSON_OK)
    *out = json_node_get_array (node);
  return status;
}

SbJsonStatus
sb_json_get_object (JsonObject   *object,
                    const char   *prefix,
                    const char   *name,
                    SbJsonFlags   flags,
                    JsonObject  **out,
                    GQuark        domain,
                    int           code,
                    GError      **error)
{
  JsonNode *node = NULL;
  SbJsonStatus status = typed_member (object, prefix, name, flags, JSON_TYPE_OBJECT, &node, domain, code, error);

  if (status == SB_JSON_OK)
    *out = json_node_get_object (node);
  return status;
}

/**
 * sb_json_parse_data:
 *
 * Returns: (transfer full) (nullable): the root node of @data, or %NULL
 *   with @error in @domain / @code
 */
JsonNode *
sb_json_parse_data (const char  *data,
                    gssize       length,
                    GQuark       domain,
                    int          code,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data != NULL ? data : "", length, &local_error))
    {
      g_set_error (error, domain, code, _("The data is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, domain, code, _("The data is empty."));
      return NULL;
    }
  return json_node_ref (root);
}
