/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-field-errors.c: names the fields of the API's product body for
 * people ("variants[0].price.amount" → "Variant 1: Price") and selects
 * the product's reasons by path, so that the product editor shows each of
 * the marketplace's messages beside the field it is about and lists the
 * rest (reasons without a path, or for fields it has no widget for) at the
 * top.  A path prefix matches at a member boundary: "title" matches
 * "title.en" but not "titles".
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-field-errors.h"

static const struct {
  const char *path;
  const char *label;
} labels[] = {
  { "offer_id", N_("Offer ID") },
  { "category_id", N_("Category") },
  { "title.en", N_("Title in English") },
  { "title.ko", N_("Title in Korean") },
  { "title.ru", N_("Title in Russian") },
  { "title", N_("Title") },
  { "description.en", N_("Description in English") },
  { "description.ko", N_("Description in Korean") },
  { "description.ru", N_("Description in Russian") },
  { "description", N_("Description") },
  { "attributes", N_("Attributes") },
  { "images", N_("Images") },
  { "package.weight_g", N_("Weight") },
  { "package.length_mm", N_("Length") },
  { "package.width_mm", N_("Width") },
  { "package.height_mm", N_("Height") },
  { "package", N_("Package") },
  { "hs_code", N_("HS code") },
  { "dangerous_goods.batteries", N_("Batteries") },
  { "dangerous_goods.liquids", N_("Liquids") },
  { "dangerous_goods", N_("Dangerous goods") },
  { "shipping.carrier_ids", N_("Carriers") },
  { "shipping.handling_days", N_("Handling time") },
  { "shipping", N_("Shipping") },
  { "variants", N_("Variants") },
};

static const struct {
  const char *path;
  const char *label;
} variant_labels[] = {
  { "sku", N_("SKU") },
  { "options", N_("Options") },
  { "price.amount", N_("Price") },
  { "price.currency", N_("Currency") },
  { "price", N_("Price") },
  { "stock", N_("Stock") },
  { "barcode", N_("Barcode") },
};

/* TRUE when @path is @prefix or starts with it followed by '.' or '['. */
static gboolean
path_has_prefix (const char *path,
                 const char *prefix)
{
  gsize n = strlen (prefix);

  if (n == 0)
    return TRUE;
  if (strncmp (path, prefix, n) != 0)
    return FALSE;
  return path[n] == '\0' || path[n] == '.' || path[n] == '[';
}

static const char *
lookup (const char *path,
        gboolean    variant,
        const char **out_rest)
{
  guint n = variant ? G_N_ELEMENTS (variant_labels) : G_N_ELEMENTS (labels);

  for (guint i = 0; i < n; i++)
    {
      const char *p = variant ? variant_labels[i].path : labels[i].path;

      if (path_has_prefix (path, p))
        {
          *out_rest = path + strlen (p);
          return _(variant ? variant_labels[i].label : labels[i].label);
        }
    }
  return NULL;
}

/**
 * sb_field_path_get_variant:
 *
 * Returns: %TRUE when @path is inside variants[N], with N in @out_index
 */
gboolean
sb_field_path_get_variant (const char *path,
                           guint      *out_index)
{
  guint64 index;
  char *end = NULL;

  if (path == NULL || !g_str_has_prefix (path, "variants["))
    return FALSE;
  index = g_ascii_strtoull (path + strlen ("variants["), &end, 10);
  if (end == path + strlen ("variants[") || *end != ']' || index > G_MAXUINT)
    return FALSE;
  if (out_index != NULL)
    *out_index = (guint) index;
  return TRUE;
}

/**
 * sb_field_path_dup_label:
 * @path: (nullable): a field path of the API's product body
 *
 * Returns: (transfer full): the field's name in the interface language,
 *   e.g. "Variant 1: Price"; the path itself for a path it does not know
 */
char *
sb_field_path_dup_label (const char *path)
{
  const char *rest = NULL;
  const char *label;
  guint index;

  if (path == NULL || *path == '\0')
    return g_strdup (_("Product"));

  if (sb_field_path_get_variant (path, &index))
    {
      const char *inner = strchr (path, ']') + 1;

      if (*inner == '.')
        inner++;
      label = *inner != '\0' ? lookup (inner, TRUE, &rest) : NULL;
      if (label == NULL)
        /* Translators: a product variant, counted from 1. */
        return g_strdup_printf (_("Variant %u"), index + 1);
      if (g_str_has_prefix (inner, "options."))
        /* Translators: a variant option: variant number, option name. */
        return g_strdup_printf (_("Variant %u: option “%s”"), index + 1, inner + strlen ("options."));
      /* Translators: a field of a variant: variant number, field name. */
      return g_strdup_printf (_("Variant %u: %s"), index + 1, label);
    }

  label = lookup (path, FALSE, &rest);
  if (label == NULL)
    return g_strdup (path);
  if (g_str_has_prefix (path, "attributes.") && path[strlen ("attributes.")] != '\0')
    /* Translators: a category attribute, by its id. */
    return g_strdup_printf (_("Attribute “%s”"), path + strlen ("attributes."));
  if (g_str_has_prefix (path, "images["))
    {
      guint64 image = g_ascii_strtoull (path + strlen ("images["), NULL, 10);

      /* Translators: one of the product's images, counted from 1. */
      return g_strdup_printf (_("Image %u"), (guint) image + 1);
    }
  return g_strdup (label);
}

/**
 * sb_field_errors_for_path:
 * @path_prefix: e.g. "title.en", "variants[1]" or "package"
 *
 * Returns: (transfer container) (element-type SbReason): the product's
 *   reasons whose path is @path_prefix or below it, in their order
 */
GPtrArray *
sb_field_errors_for_path (const SbProduct *product,
                          const char      *path_prefix)
{
  GPtrArray *found = g_ptr_array_new ();

  g_return_val_if_fail (product != NULL, found);
  g_return_val_if_fail (path_prefix != NULL, found);

  for (guint i = 0; product->reasons != NULL && i < product->reasons->len; i++)
    {
      SbReason *reason = g_ptr_array_index (product->reasons, i);

      if (reason->path != NULL && path_has_prefix (reason->path, path_prefix))
        g_ptr_array_add (found, reason);
    }
  return found;
}

/**
 * sb_field_errors_unplaced:
 * @known_prefixes: (array zero-terminated=1): the paths an editor shows
 *   at a field
 *
 * Returns: (transfer container) (element-type SbReason): the reasons with
 *   no path or a path under none of @known_prefixes
 */
GPtrArray *
sb_field_errors_unplaced (const SbProduct    *product,
                          const char * const *known_prefixes)
{
  GPtrArray *found = g_ptr_array_new ();

  g_return_val_if_fail (product != NULL, found);

  for (guint i = 0; product->reasons != NULL && i < product->reasons->len; i++)
    {
      SbReason *reason = g_ptr_array_index (product->reasons, i);
      gboolean placed = FALSE;

      for (guint k = 0; reason->path != NULL && known_prefixes != NULL && known_prefixes[k] != NULL; k++)
        placed |= path_has_prefix (reason->path, known_prefixes[k]);
      if (!placed)
        g_ptr_array_add (found, reason);
    }
  return found;
}
