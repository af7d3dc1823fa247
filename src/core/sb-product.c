/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-product.c: constructors, deep copies, equality and small helpers for
 * the catalogue records declared in sb-product.h.  Equality compares what
 * the marketplace would see (not the local sync bookkeeping), which is what
 * round-trip tests and conflict detection need.
 */
#include "config.h"

#include <string.h>

#include "sb-product.h"

static const char * const lang_codes[SB_N_LANGS] = { "en", "ko", "ru" };

const char *
sb_lang_to_code (SbLang lang)
{
  g_return_val_if_fail (lang < SB_N_LANGS, NULL);
  return lang_codes[lang];
}

gboolean
sb_lang_from_code (const char *code,
                   SbLang     *out_lang)
{
  for (guint i = 0; i < SB_N_LANGS; i++)
    {
      if (g_strcmp0 (code, lang_codes[i]) == 0)
        {
          *out_lang = (SbLang) i;
          return TRUE;
        }
    }
  return FALSE;
}

static const char * const battery_names[] = { "none", "installed", "packed", "standalone" };

const char *
sb_batteries_to_string (SbBatteries batteries)
{
  g_return_val_if_fail (batteries <= SB_BATTERIES_STANDALONE, NULL);
  return battery_names[batteries];
}

gboolean
sb_batteries_from_string (const char  *str,
                          SbBatteries *out_batteries)
{
  for (guint i = 0; i < G_N_ELEMENTS (battery_names); i++)
    {
      if (g_strcmp0 (str, battery_names[i]) == 0)
        {
          *out_batteries = (SbBatteries) i;
          return TRUE;
        }
    }
  return FALSE;
}

static const char * const sync_state_names[] = {
  "draft", "queued", "sent", "pending_review", "active", "rejected", "conflict", "archived",
};

const char *
sb_sync_state_to_string (SbSyncState state)
{
  g_return_val_if_fail (state <= SB_SYNC_ARCHIVED, NULL);
  return sync_state_names[state];
}

gboolean
sb_sync_state_from_string (const char  *str,
                           SbSyncState *out_state)
{
  for (guint i = 0; i < G_N_ELEMENTS (sync_state_names); i++)
    {
      if (g_strcmp0 (str, sync_state_names[i]) == 0)
        {
          *out_state = (SbSyncState) i;
          return TRUE;
        }
    }
  return FALSE;
}

static GHashTable *
string_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static GHashTable *
string_table_copy (GHashTable *table)
{
  GHashTable *copy = string_table_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  return copy;
}

static gboolean
string_table_equal (GHashTable *a,
                    GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
      return FALSE;
  return TRUE;
}

/* Variants */

G_DEFINE_BOXED_TYPE (SbVariant, sb_variant, sb_variant_copy, sb_variant_free)

SbVariant *
sb_variant_new (void)
{
  SbVariant *variant = g_new0 (SbVariant, 1);

  variant->options = string_table_new ();
  return variant;
}

SbVariant *
sb_variant_copy (const SbVariant *variant)
{
  SbVariant *copy = g_new0 (SbVariant, 1);

  copy->sku = g_strdup (variant->sku);
  copy->options = string_table_copy (variant->options);
  copy->price_minor = variant->price_minor;
  memcpy (copy->currency, variant->currency, sizeof copy->currency);
  copy->stock = variant->stock;
  copy->barcode = g_strdup (variant->barcode);
  return copy;
}

void
sb_variant_free (SbVariant *variant)
{
  if (variant == NULL)
    return;
  g_free (variant->sku);
  g_clear_pointer (&variant->options, g_hash_table_unref);
  g_free (variant->barcode);
  g_free (variant);
}

void
sb_variant_set_option (SbVariant  *variant,
                       const char *name,
                       const char *value)
{
  g_return_if_fail (name != NULL);

  if (value == NULL)
    g_hash_table_remove (variant->options, name);
  else
    g_hash_table_insert (variant->options, g_strdup (name), g_strdup (value));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * sb_variant_dup_options_key:
 *
 * Returns: a canonical "name=value\x1f…" spelling of the option set, with
 *   names sorted, so two variants with the same options compare equal.
 */
char *
sb_variant_dup_options_key (const SbVariant *variant)
{
  g_autofree const char **names = (const char **) g_hash_table_get_keys_as_array (variant->options, NULL);
  GString *key = g_string_new (NULL);
  guint n = g_hash_table_size (variant->options);

  qsort (names, n, sizeof (char *), compare_strings);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (key, "%s=%s\x1f", names[i],
                            (const char *) g_hash_table_lookup (variant->options, names[i]));
  return g_string_free (key, FALSE);
}

static gboolean
variant_equal (const SbVariant *a,
               const SbVariant *b)
{
  return g_strcmp0 (a->sku, b->sku) == 0 &&
         string_table_equal (a->options, b->options) &&
         a->price_minor == b->price_minor &&
         strcmp (a->currency, b->currency) == 0 &&
         a->stock == b->stock &&
         g_strcmp0 (a->barcode, b->barcode) == 0;
}

/* Images */

G_DEFINE_BOXED_TYPE (SbImage, sb_image, sb_image_copy, sb_image_free)

SbImage *
sb_image_new (void)
{
  return g_new0 (SbImage, 1);
}

SbImage *
sb_image_copy (const SbImage *image)
{
  SbImage *copy = g_new0 (SbImage, 1);

  copy->local_path = g_strdup (image->local_path);
  copy->sha256 = g_strdup (image->sha256);
  copy->remote_id = g_strdup (image->remote_id);
  copy->width = image->width;
  copy->height = image->height;
  return copy;
}

void
sb_image_free (SbImage *image)
{
  if (image == NULL)
    return;
  g_free (image->local_path);
  g_free (image->sha256);
  g_free (image->remote_id);
  g_free (image);
}

/* Reasons */

G_DEFINE_BOXED_TYPE (SbReason, sb_reason, sb_reason_copy, sb_reason_free)

SbReason *
sb_reason_new (const char *code,
               const char *path,
               const char *message)
{
  SbReason *reason = g_new0 (SbReason, 1);

  reason->code = g_strdup (code);
  reason->path = g_strdup (path);
  reason->message = g_strdup (message);
  return reason;
}

SbReason *
sb_reason_copy (const SbReason *reason)
{
  return sb_reason_new (reason->code, reason->path, reason->message);
}

void
sb_reason_free (SbReason *reason)
{
  if (reason == NULL)
    return;
  g_free (reason->code);
  g_free (reason->path);
  g_free (reason->message);
  g_free (reason);
}

/* Products */

G_DEFINE_BOXED_TYPE (SbProduct, sb_product, sb_product_copy, sb_product_free)

SbProduct *
sb_product_new (const char *offer_id)
{
  SbProduct *product = g_new0 (SbProduct, 1);

  product->offer_id = g_strdup (offer_id);
  product->attributes = string_table_new ();
  product->images = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_image_free);
  product->carrier_ids = g_ptr_array_new_with_free_func (g_free);
  product->variants = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_variant_free);
  product->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  product->batteries = SB_BATTERIES_NONE;
  product->sync_state = SB_SYNC_DRAFT;
  return product;
}

SbProduct *
sb_product_copy (const SbProduct *product)
{
  SbProduct *copy = sb_product_new (product->offer_id);

  copy->category_id = g_strdup (product->category_id);
  for (guint i = 0; i < SB_N_LANGS; i++)
    {
      copy->title[i] = g_strdup (product->title[i]);
      copy->description[i] = g_strdup (product->description[i]);
    }
  g_hash_table_unref (copy->attributes);
  copy->attributes = string_table_copy (product->attributes);
  for (guint i = 0; i < product->images->len; i++)
    g_ptr_array_add (copy->images, sb_image_copy (g_ptr_array_index (product->images, i)));
  copy->weight_g = product->weight_g;
  copy->length_mm = product->length_mm;
  copy->width_mm = product->width_mm;
  copy->height_mm = product->height_mm;
  copy->hs_code = g_strdup (product->hs_code);
  copy->batteries = product->batteries;
  copy->liquids = product->liquids;
  for (guint i = 0; i < product->carrier_ids->len; i++)
    g_ptr_array_add (copy->carrier_ids, g_strdup (g_ptr_array_index (product->carrier_ids, i)));
  copy->handling_days = product->handling_days;
  for (guint i = 0; i < product->variants->len; i++)
    g_ptr_array_add (copy->variants, sb_variant_copy (g_ptr_array_index (product->variants, i)));
  copy->sync_state = product->sync_state;
  copy->server_version = product->server_version;
  for (guint i = 0; i < product->reasons->len; i++)
    g_ptr_array_add (copy->reasons, sb_reason_copy (g_ptr_array_index (product->reasons, i)));
  return copy;
}

void
sb_product_free (SbProduct *product)
{
  if (product == NULL)
    return;
  g_free (product->offer_id);
  g_free (product->category_id);
  for (guint i = 0; i < SB_N_LANGS; i++)
    {
      g_free (product->title[i]);
      g_free (product->description[i]);
    }
  g_clear_pointer (&product->attributes, g_hash_table_unref);
  g_clear_pointer (&product->images, g_ptr_array_unref);
  g_free (product->hs_code);
  g_clear_pointer (&product->carrier_ids, g_ptr_array_unref);
  g_clear_pointer (&product->variants, g_ptr_array_unref);
  g_clear_pointer (&product->reasons, g_ptr_array_unref);
  g_free (product);
}

/**
 * sb_product_equal:
 *
 * Compares the content the marketplace sees: identity, texts, attributes,
 * image content (by SHA-256, else by path), package, shipping and variants
 * in order.  Sync bookkeeping is ignored.
 */
gboolean
sb_product_equal (const SbProduct *a,
                  const SbProduct *b)
{
  if (g_strcmp0 (a->offer_id, b->offer_id) != 0 ||
      g_strcmp0 (a->category_id, b->category_id) != 0)
    return FALSE;
  for (guint i = 0; i < SB_N_LANGS; i++)
    if (g_strcmp0 (a->title[i], b->title[i]) != 0 ||
        g_strcmp0 (a->description[i], b->description[i]) != 0)
      return FALSE;
  if (!string_table_equal (a->attributes, b->attributes))
    return FALSE;
  if (a->images->len != b->images->len)
    return FALSE;
  for (guint i = 0; i < a->images->len; i++)
    {
      const SbImage *ia = g_ptr_array_index (a->images, i);
      const SbImage *ib = g_ptr_array_index (b->images, i);

      if (ia->sha256 != NULL && ib->sha256 != NULL)
        {
          if (strcmp (ia->sha256, ib->sha256) != 0)
            return FALSE;
        }
      else if (g_strcmp0 (ia->local_path, ib->local_path) != 0 ||
               g_strcmp0 (ia->remote_id, ib->remote_id) != 0)
        return FALSE;
    }
  if (a->weight_g != b->weight_g || a->length_mm != b->length_mm ||
      a->width_mm != b->width_mm || a->height_mm != b->height_mm ||
      g_strcmp0 (a->hs_code, b->hs_code) != 0 ||
      a->batteries != b->batteries || !a->liquids != !b->liquids ||
      a->handling_days != b->handling_days)
    return FALSE;
  if (a->carrier_ids->len != b->carrier_ids->len)
    return FALSE;
  for (guint i = 0; i < a->carrier_ids->len; i++)
    if (strcmp (g_ptr_array_index (a->carrier_ids, i), g_ptr_array_index (b->carrier_ids, i)) != 0)
      return FALSE;
  if (a->variants->len != b->variants->len)
    return FALSE;
  for (guint i = 0; i < a->variants->len; i++)
    if (!variant_equal (g_ptr_array_index (a->variants, i), g_ptr_array_index (b->variants, i)))
      return FALSE;
  return TRUE;
}

static void
replace_string (char       **slot,
                const char  *value)
{
  char *old = *slot;

  *slot = (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
  g_free (old);
}

void
sb_product_set_title (SbProduct  *product,
                      SbLang      lang,
                      const char *title)
{
  g_return_if_fail (lang < SB_N_LANGS);
  replace_string (&product->title[lang], title);
}

void
sb_product_set_description (SbProduct  *product,
                            SbLang      lang,
                            const char *description)
{
  g_return_if_fail (lang < SB_N_LANGS);
  replace_string (&product->description[lang], description);
}

void
sb_product_set_attribute (SbProduct  *product,
                          const char *id,
                          const char *value)
{
  g_return_if_fail (id != NULL);

  if (value == NULL || *value == '\0')
    g_hash_table_remove (product->attributes, id);
  else
    g_hash_table_insert (product->attributes, g_strdup (id), g_strdup (value));
}

/**
 * sb_product_add_variant:
 * @variant: (transfer full):
 */
void
sb_product_add_variant (SbProduct *product,
                        SbVariant *variant)
{
  g_ptr_array_add (product->variants, variant);
}

/**
 * sb_product_find_variant:
 *
 * Returns: (transfer none) (nullable): the variant with @sku
 */
SbVariant *
sb_product_find_variant (SbProduct  *product,
                         const char *sku)
{
  for (guint i = 0; i < product->variants->len; i++)
    {
      SbVariant *variant = g_ptr_array_index (product->variants, i);

      if (g_strcmp0 (variant->sku, sku) == 0)
        return variant;
    }
  return NULL;
}

void
sb_product_add_carrier (SbProduct  *product,
                        const char *carrier_id)
{
  for (guint i = 0; i < product->carrier_ids->len; i++)
    if (strcmp (g_ptr_array_index (product->carrier_ids, i), carrier_id) == 0)
      return;
  g_ptr_array_add (product->carrier_ids, g_strdup (carrier_id));
}

/**
 * sb_product_add_image:
 * @image: (transfer full):
 */
void
sb_product_add_image (SbProduct *product,
                      SbImage   *image)
{
  g_ptr_array_add (product->images, image);
}

/**
 * sb_product_dup_option_names:
 *
 * Returns: (transfer full): the sorted union of option names used by the
 *   product's variants
 */
char **
sb_product_dup_option_names (const SbProduct *product)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < product->variants->len; i++)
    {
      const SbVariant *variant = g_ptr_array_index (product->variants, i);
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, variant->options);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (g_hash_table_add (seen, key))
          g_ptr_array_add (names, g_strdup (key));
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

gboolean
sb_offer_id_is_valid (const char *offer_id)
{
  gsize len;

  if (offer_id == NULL)
    return FALSE;
  len = strlen (offer_id);
  if (len < 1 || len > 64)
    return FALSE;
  for (const char *p = offer_id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}
