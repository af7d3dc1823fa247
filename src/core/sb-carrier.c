/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-carrier.c: carriers from GET /v1/reference/carriers.  Every member is
 * type-checked; zone prices arrive as decimal strings in the zone's
 * currency and are kept as integer minor units (sb_currency_parse_decimal),
 * never as floats.  A limit the server leaves out means no limit; a
 * battery kind this version does not know is ignored.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-carrier.h"
#include "sb-currency.h"
#include "sb-json-util.h"

G_DEFINE_QUARK (sb-carrier-error-quark, sb_carrier_error)

#define ERR SB_CARRIER_ERROR, SB_CARRIER_ERROR_INVALID

/* SbCarrierZone */

G_DEFINE_BOXED_TYPE (SbCarrierZone, sb_carrier_zone, sb_carrier_zone_copy, sb_carrier_zone_free)

SbCarrierZone *
sb_carrier_zone_new (void)
{
  SbCarrierZone *zone = g_new0 (SbCarrierZone, 1);

  zone->destinations = g_new0 (char *, 1);
  zone->step_weight_g = 1;
  return zone;
}

SbCarrierZone *
sb_carrier_zone_copy (const SbCarrierZone *zone)
{
  SbCarrierZone *copy = g_memdup2 (zone, sizeof *zone);

  copy->destinations = g_strdupv (zone->destinations);
  return copy;
}

void
sb_carrier_zone_free (SbCarrierZone *zone)
{
  if (zone == NULL)
    return;
  g_strfreev (zone->destinations);
  g_free (zone);
}

/* SbCarrier */

G_DEFINE_BOXED_TYPE (SbCarrier, sb_carrier, sb_carrier_copy, sb_carrier_free)

SbCarrier *
sb_carrier_new (void)
{
  SbCarrier *carrier = g_new0 (SbCarrier, 1);

  carrier->max_weight_g = G_MAXUINT;
  carrier->max_side_mm = G_MAXUINT;
  carrier->max_sum_sides_mm = G_MAXUINT;
  carrier->batteries = 1u << SB_BATTERIES_NONE;
  carrier->zones = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_carrier_zone_free);
  return carrier;
}

SbCarrier *
sb_carrier_copy (const SbCarrier *carrier)
{
  SbCarrier *copy = g_memdup2 (carrier, sizeof *carrier);

  copy->id = g_strdup (carrier->id);
  copy->name = g_strdup (carrier->name);
  copy->origin = g_strdup (carrier->origin);
  copy->zones = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_carrier_zone_free);
  for (guint i = 0; i < carrier->zones->len; i++)
    g_ptr_array_add (copy->zones, sb_carrier_zone_copy (g_ptr_array_index (carrier->zones, i)));
  return copy;
}

void
sb_carrier_free (SbCarrier *carrier)
{
  if (carrier == NULL)
    return;
  g_free (carrier->id);
  g_free (carrier->name);
  g_free (carrier->origin);
  g_ptr_array_unref (carrier->zones);
  g_free (carrier);
}

gboolean
sb_carrier_takes_batteries (const SbCarrier *carrier,
                            SbBatteries      batteries)
{
  if (batteries == SB_BATTERIES_NONE)
    return TRUE;
  return (carrier->batteries & (1u << batteries)) != 0;
}

const SbCarrierZone *
sb_carrier_find_zone (const SbCarrier *carrier,
                      const char      *destination)
{
  if (destination == NULL)
    return NULL;
  for (guint i = 0; i < carrier->zones->len; i++)
    {
      const SbCarrierZone *zone = g_ptr_array_index (carrier->zones, i);

      for (guint j = 0; zone->destinations[j] != NULL; j++)
        if (g_ascii_strcasecmp (zone->destinations[j], destination) == 0)
          return zone;
    }
  return NULL;
}

static gboolean
read_limit (JsonObject  *object,
            const char  *path,
            const char  *name,
            guint       *out,
            GError     **error)
{
  gint64 value = 0;

  switch (sb_json_get_int (object, path, name, SB_JSON_NULLABLE, 0, G_MAXUINT, &value, ERR, error))
    {
    case SB_JSON_OK:
      *out = (guint) value;
      return TRUE;
    case SB_JSON_ABSENT:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
read_price (JsonObject  *object,
            const char  *path,
            const char  *name,
            const char  *currency,
            gint64      *out,
            GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  if (sb_json_get_string (object, path, name, SB_JSON_REQUIRED, &text, ERR, error) != SB_JSON_OK)
    return FALSE;
  if (!sb_currency_parse_decimal (text, currency, out, &local_error))
    {
      g_set_error (error, ERR,
                   /* Translators: “zones[0].first_price”: <reason from the currency module> */
                   _("“%s.%s”: %s"), path, name, local_error->message);
      return FALSE;
    }
  if (*out < 0)
    {
      g_set_error (error, ERR, _("“%s.%s” is negative: %s."), path, name, text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_zone (JsonNode        *node,
            const char      *path,
            SbCarrierZone  **out,
            GError         **error)
{
  g_autoptr(SbCarrierZone) zone = sb_carrier_zone_new ();
  g_autofree char *currency = NULL;
  JsonObject *object;
  JsonArray *destinations = NULL;
  gint64 days_min = 0, days_max = 0, first_weight = 0, step_weight = 0;
  guint n;

  if (sb_json_check_node (node, path, JSON_TYPE_OBJECT, ERR, error) != SB_JSON_OK)
    return FALSE;
  object = json_node_get_object (node);
  if (sb_json_get_array (object, path, "destinations", SB_JSON_REQUIRED, &destinations, ERR, error) != SB_JSON_OK ||
      sb_json_get_int (object, path, "days_min", SB_JSON_NULLABLE, 0, G_MAXUINT, &days_min, ERR, error) > SB_JSON_ABSENT ||
      sb_json_get_int (object, path, "days_max", SB_JSON_NULLABLE, 0, G_MAXUINT, &days_max, ERR, error) > SB_JSON_ABSENT ||
      sb_json_get_string (object, path, "currency", SB_JSON_REQUIRED, &currency, ERR, error) != SB_JSON_OK ||
      sb_json_get_int (object, path, "first_weight_g", SB_JSON_REQUIRED, 0, G_MAXUINT, &first_weight, ERR, error) != SB_JSON_OK ||
      sb_json_get_int (object, path, "step_weight_g", SB_JSON_REQUIRED, 1, G_MAXUINT, &step_weight, ERR, error) != SB_JSON_OK)
    return FALSE;
  if (!sb_currency_is_known (currency))
    {
      g_set_error (error, ERR, _("“%s.currency” is “%s”, which is not an ISO 4217 currency code."),
                   path, currency);
      return FALSE;
    }
  g_strlcpy (zone->currency, currency, sizeof zone->currency);
  if (!read_price (object, path, "first_price", currency, &zone->first_price_minor, error) ||
      !read_price (object, path, "step_price", currency, &zone->step_price_minor, error))
    return FALSE;
  zone->days_min = (guint) days_min;
  zone->days_max = (guint) days_max;
  zone->first_weight_g = (guint) first_weight;
  zone->step_weight_g = (guint) step_weight;

  n = json_array_get_length (destinations);
  g_strfreev (zone->destinations);
  zone->destinations = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *base = sb_json_path (path, "destinations");
      g_autofree char *dpath = sb_json_path_index (base, i);

      if (sb_json_node_get_string (json_array_get_element (destinations, i), dpath,
                                   &zone->destinations[i], ERR, error) != SB_JSON_OK)
        return FALSE;
    }
  *out = g_steal_pointer (&zone);
  return TRUE;
}

static SbCarrier *
parse_carrier (JsonNode    *node,
               const char  *path,
               GError     **error)
{
  g_autoptr(SbCarrier) carrier = sb_carrier_new ();
  JsonObject *object;
  JsonArray *batteries = NULL;
  JsonArray *zones = NULL;
  gint64 divisor = 0;

  if (sb_json_check_node (node, path, JSON_TYPE_OBJECT, ERR, error) != SB_JSON_OK)
    return NULL;
  object = json_node_get_object (node);
  if (sb_json_get_string (object, path, "id", SB_JSON_REQUIRED, &carrier->id, ERR, error) != SB_JSON_OK ||
      sb_json_get_string (object, path, "name", SB_JSON_REQUIRED, &carrier->name, ERR, error) != SB_JSON_OK ||
      sb_json_get_string (object, path, "origin", SB_JSON_REQUIRED, &carrier->origin, ERR, error) != SB_JSON_OK ||
      !read_limit (object, path, "max_weight_g", &carrier->max_weight_g, error) ||
      !read_limit (object, path, "max_side_mm", &carrier->max_side_mm, error) ||
      !read_limit (object, path, "max_sum_sides_mm", &carrier->max_sum_sides_mm, error) ||
      sb_json_get_int (object, path, "volumetric_divisor", SB_JSON_NULLABLE, 1, G_MAXUINT, &divisor, ERR, error) > SB_JSON_ABSENT ||
      sb_json_get_array (object, path, "batteries", SB_JSON_NULLABLE, &batteries, ERR, error) > SB_JSON_ABSENT ||
      sb_json_get_bool (object, path, "liquids", SB_JSON_NULLABLE, &carrier->liquids, ERR, error) > SB_JSON_ABSENT ||
      sb_json_get_bool (object, path, "tracking", SB_JSON_NULLABLE, &carrier->tracking, ERR, error) > SB_JSON_ABSENT ||
      sb_json_get_array (object, path, "zones", SB_JSON_NULLABLE, &zones, ERR, error) > SB_JSON_ABSENT)
    return NULL;
  carrier->volumetric_divisor = (guint) divisor;

  for (guint i = 0; batteries != NULL && i < json_array_get_length (batteries); i++)
    {
      g_autofree char *base = sb_json_path (path, "batteries");
      g_autofree char *bpath = sb_json_path_index (base, i);
      g_autofree char *kind_name = NULL;
      SbBatteries kind;

      if (sb_json_node_get_string (json_array_get_element (batteries, i), bpath,
                                   &kind_name, ERR, error) != SB_JSON_OK)
        return NULL;
      if (sb_batteries_from_string (kind_name, &kind))
        carrier->batteries |= 1u << kind;
    }
  for (guint i = 0; zones != NULL && i < json_array_get_length (zones); i++)
    {
      g_autofree char *base = sb_json_path (path, "zones");
      g_autofree char *zpath = sb_json_path_index (base, i);
      SbCarrierZone *zone = NULL;

      if (!parse_zone (json_array_get_element (zones, i), zpath, &zone, error))
        return NULL;
      g_ptr_array_add (carrier->zones, zone);
    }
  return g_steal_pointer (&carrier);
}

/**
 * sb_carrier_new_from_json:
 * @node: one carrier object
 *
 * Returns: (transfer full) (nullable): the carrier, or %NULL with @error
 */
SbCarrier *
sb_carrier_new_from_json (JsonNode  *node,
                          GError   **error)
{
  SbCarrier *carrier;

  g_return_val_if_fail (node != NULL, NULL);
  carrier = parse_carrier (node, _("the carrier"), error);
  if (carrier == NULL)
    g_prefix_error (error, "%s", _("The carrier cannot be read: "));
  return carrier;
}

/**
 * sb_carrier_list_new_from_json:
 * @node: the body of GET /v1/reference/carriers
 *
 * Returns: (transfer full) (element-type SbCarrier) (nullable): the carriers
 *   in the server's order, or %NULL with @error
 */
GPtrArray *
sb_carrier_list_new_from_json (JsonNode  *node,
                               GError   **error)
{
  g_autoptr(GPtrArray) carriers = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_carrier_free);
  JsonArray *array = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  if (sb_json_check_node (node, _("the carrier list"), JSON_TYPE_OBJECT, ERR, error) != SB_JSON_OK ||
      sb_json_get_array (json_node_get_object (node), NULL, "carriers", SB_JSON_REQUIRED,
                         &array, ERR, error) != SB_JSON_OK)
    goto fail;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = sb_json_path_index ("carriers", i);
      SbCarrier *carrier = parse_carrier (json_array_get_element (array, i), path, error);

      if (carrier == NULL)
        goto fail;
      if (sb_carrier_list_find (carriers, carrier->id) != NULL)
        {
          g_set_error (error, ERR, _("Carrier “%s” appears twice in the carrier list."), carrier->id);
          sb_carrier_free (carrier);
          goto fail;
        }
      g_ptr_array_add (carriers, carrier);
    }
  return g_steal_pointer (&carriers);

fail:
  g_prefix_error (error, "%s", _("The carrier list cannot be read: "));
  return NULL;
}

/**
 * sb_carrier_list_new_from_data:
 * @length: length of @data in bytes, or -1 when it is nul-terminated
 *
 * Parses the JSON text of GET /v1/reference/carriers (as cached).
 */
GPtrArray *
sb_carrier_list_new_from_data (const char  *data,
                               gssize       length,
                               GError     **error)
{
  g_autoptr(JsonNode) root = sb_json_parse_data (data, length, ERR, error);

  if (root == NULL)
    {
      g_prefix_error (error, "%s", _("The carrier list cannot be read: "));
      return NULL;
    }
  return sb_carrier_list_new_from_json (root, error);
}

const SbCarrier *
sb_carrier_list_find (GPtrArray  *carriers,
                      const char *id)
{
  if (carriers == NULL || id == NULL)
    return NULL;
  for (guint i = 0; i < carriers->len; i++)
    {
      const SbCarrier *carrier = g_ptr_array_index (carriers, i);

      if (g_strcmp0 (carrier->id, id) == 0)
        return carrier;
    }
  return NULL;
}
