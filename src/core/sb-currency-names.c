/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-currency-names.c: reads the English currency names of ISO 4217 once
 * from iso-codes' iso_4217.json and translates them with iso-codes' own
 * gettext domain "iso_4217", so the names follow the user interface
 * language (LANGUAGE / LC_MESSAGES) without the project translating them.
 * The iso-codes prefix comes from pkg-config at build time (/usr when
 * pkg-config does not know iso-codes).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sb-currency-names.h"

#ifndef SB_ISO_CODES_PREFIX
#define SB_ISO_CODES_PREFIX "/usr"
#endif

#define ISO_4217_DOMAIN "iso_4217"
#define ISO_4217_JSON SB_ISO_CODES_PREFIX "/share/iso-codes/json/iso_4217.json"
#define ISO_CODES_LOCALEDIR SB_ISO_CODES_PREFIX "/share/locale"

/* code → English name; entries that are not as expected are skipped. */
static GHashTable *
load_names (void)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  JsonNode *root, *list;

  if (!json_parser_load_from_mapped_file (parser, ISO_4217_JSON, &error))
    {
      g_debug ("No currency names from iso-codes: %s", error->message);
      return names;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return names;
  list = json_object_get_member (json_node_get_object (root), "4217");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return names;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *entry = json_array_get_element (json_node_get_array (list), i);
      JsonObject *object;
      JsonNode *code, *name;

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        continue;
      object = json_node_get_object (entry);
      code = json_object_get_member (object, "alpha_3");
      name = json_object_get_member (object, "name");
      if (code == NULL || name == NULL ||
          json_node_get_value_type (code) != G_TYPE_STRING ||
          json_node_get_value_type (name) != G_TYPE_STRING)
        continue;
      g_hash_table_replace (names,
                            g_strdup (json_node_get_string (code)),
                            g_strdup (json_node_get_string (name)));
    }
  return names;
}

static GHashTable *
get_names (void)
{
  static gsize initialized = 0;
  static GHashTable *names = NULL;

  if (g_once_init_enter (&initialized))
    {
      names = load_names ();
      bindtextdomain (ISO_4217_DOMAIN, ISO_CODES_LOCALEDIR);
      bind_textdomain_codeset (ISO_4217_DOMAIN, "UTF-8");
      g_once_init_leave (&initialized, 1);
    }
  return names;
}

/**
 * sb_currency_dup_name:
 * @code: an ISO 4217 code such as "KRW"
 *
 * Returns: (transfer full): the currency's name in the user interface
 *   language ("대한민국 원" in Korean, "Вона" in Russian, "Won" in English);
 *   the English name when iso-codes has no translation, or @code itself
 *   when iso-codes does not know it
 */
char *
sb_currency_dup_name (const char *code)
{
  const char *name;

  if (code == NULL)
    return g_strdup ("");
  name = g_hash_table_lookup (get_names (), code);
  if (name == NULL)
    return g_strdup (code);
  return g_strdup (dgettext (ISO_4217_DOMAIN, name));
}
