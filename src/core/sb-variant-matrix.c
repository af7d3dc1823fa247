/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-variant-matrix.c: the variant matrix generator, with no GTK.  A
 * matrix is an ordered list of option dimensions, each with its values;
 * its combinations are taken with the first dimension varying slowest
 * ("S / black", "S / white", "M / black", …).  Generating merges them
 * with the product's variants: a variant with exactly a combination's
 * options is kept as it is (SKU, price, stock, barcode); one whose options
 * are part of a combination (a product that had sizes only, now also
 * colours) is widened to the first such combination and keeps its fields
 * too; every other combination gets a new variant with a suggested SKU —
 * the offer id and the values, transliterated to Latin letters by ICU —
 * and the default price and stock.  Nothing is ever doubled, and the
 * result is refused when it would pass the API's 100 variants.  The field
 * checks (SKU, price, stock, barcode) are the ones the editor shows as
 * the seller types.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

#include "sb-currency.h"
#include "sb-identity.h"
#include "sb-variant-matrix.h"

typedef struct
{
  char      *name;
  GPtrArray *values;   /* (element-type utf8) (owned), NULL-terminated */
} Dimension;

struct _SbVariantMatrix
{
  GPtrArray *dimensions;   /* (element-type Dimension) (owned) */
};

G_DEFINE_QUARK (sb-variant-matrix-error-quark, sb_variant_matrix_error)

G_DEFINE_BOXED_TYPE (SbVariantMatrix, sb_variant_matrix, sb_variant_matrix_copy, sb_variant_matrix_free)

static void
dimension_free (gpointer data)
{
  Dimension *dimension = data;

  g_free (dimension->name);
  g_ptr_array_unref (dimension->values);
  g_free (dimension);
}

static Dimension *
dimension_new (const char *name)
{
  Dimension *dimension = g_new0 (Dimension, 1);

  dimension->name = g_strdup (name);
  dimension->values = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  return dimension;
}

/**
 * sb_variant_matrix_new:
 *
 * Returns: (transfer full): a matrix without dimensions
 */
SbVariantMatrix *
sb_variant_matrix_new (void)
{
  SbVariantMatrix *matrix = g_new0 (SbVariantMatrix, 1);

  matrix->dimensions = g_ptr_array_new_with_free_func (dimension_free);
  return matrix;
}

SbVariantMatrix *
sb_variant_matrix_copy (const SbVariantMatrix *matrix)
{
  SbVariantMatrix *copy;

  g_return_val_if_fail (matrix != NULL, NULL);

  copy = sb_variant_matrix_new ();
  for (guint i = 0; i < matrix->dimensions->len; i++)
    {
      const Dimension *dimension = g_ptr_array_index (matrix->dimensions, i);
      Dimension *dup = dimension_new (dimension->name);

      for (guint v = 0; v < dimension->values->len; v++)
        g_ptr_array_add (dup->values, g_strdup (g_ptr_array_index (dimension->values, v)));
      g_ptr_array_add (copy->dimensions, dup);
    }
  return copy;
}

void
sb_variant_matrix_free (SbVariantMatrix *matrix)
{
  if (matrix == NULL)
    return;
  g_ptr_array_unref (matrix->dimensions);
  g_free (matrix);
}

static Dimension *
find_dimension (const SbVariantMatrix *matrix,
                const char            *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint i = 0; i < matrix->dimensions->len; i++)
    {
      Dimension *dimension = g_ptr_array_index (matrix->dimensions, i);
      g_autofree char *other = g_utf8_casefold (dimension->name, -1);

      if (g_str_equal (folded, other))
        return dimension;
    }
  return NULL;
}

static gboolean
has_value (const Dimension *dimension,
           const char      *value)
{
  for (guint i = 0; i < dimension->values->len; i++)
    if (g_str_equal (g_ptr_array_index (dimension->values, i), value))
      return TRUE;
  return FALSE;
}

/**
 * sb_variant_matrix_new_from_variants:
 * @variants: (element-type SbVariant) (nullable): a product's variants
 *
 * The dimensions and values @variants already use, in the order they
 * first appear, so that the seller can add to them.
 *
 * Returns: (transfer full): the matrix
 */
SbVariantMatrix *
sb_variant_matrix_new_from_variants (GPtrArray *variants)
{
  SbVariantMatrix *matrix = sb_variant_matrix_new ();

  for (guint i = 0; variants != NULL && i < variants->len; i++)
    {
      const SbVariant *variant = g_ptr_array_index (variants, i);
      g_autoptr(GList) names = NULL;

      if (variant->options == NULL)
        continue;
      names = g_list_sort (g_hash_table_get_keys (variant->options), (GCompareFunc) g_strcmp0);
      for (GList *l = names; l != NULL; l = l->next)
        {
          const char *value = g_hash_table_lookup (variant->options, l->data);
          Dimension *dimension = find_dimension (matrix, l->data);

          if (dimension == NULL)
            {
              dimension = dimension_new (l->data);
              g_ptr_array_add (matrix->dimensions, dimension);
            }
          if (value != NULL && value[0] != '\0' && !has_value (dimension, value))
            g_ptr_array_add (dimension->values, g_strdup (value));
        }
    }
  return matrix;
}

/**
 * sb_variant_matrix_split_values:
 * @text: values as a seller types them: "S, M, L"
 *
 * Splits at commas (also the full-width "，" and the ideographic "、"
 * that Korean and Chinese input methods produce), trims each value and
 * drops empty ones and repeats.
 *
 * Returns: (transfer full): the values, possibly none
 */
GStrv
sb_variant_matrix_split_values (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) normalized = NULL;
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return g_strv_builder_end (builder);

  normalized = g_string_new (text);
  g_string_replace (normalized, "，", ",", 0);
  g_string_replace (normalized, "、", ",", 0);
  parts = g_strsplit (normalized->str, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *value = g_strstrip (parts[i]);

      if (value[0] == '\0' || g_hash_table_contains (seen, value))
        continue;
      g_hash_table_add (seen, g_strdup (value));
      g_strv_builder_add (builder, value);
    }
  return g_strv_builder_end (builder);
}

/**
 * sb_variant_matrix_add_dimension:
 * @name: the option's name, e.g. "size"
 * @values: (array zero-terminated=1): its values, e.g. S, M, L
 *
 * Adds a dimension.  Its name may not be empty, hold a colon or a comma
 * (the editor writes options as "name: value, …"), or repeat another
 * dimension's (ignoring case); it needs at least one value, and values
 * may not hold a comma.  Repeated values are dropped.
 *
 * Returns: %TRUE when added
 */
gboolean
sb_variant_matrix_add_dimension (SbVariantMatrix    *matrix,
                                 const char         *name,
                                 const char * const *values,
                                 GError            **error)
{
  g_autofree char *stripped = NULL;
  Dimension *dimension;

  g_return_val_if_fail (matrix != NULL, FALSE);

  stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_EMPTY,
                           _("Give each option a name, such as “size” or “color”."));
      return FALSE;
    }
  if (!g_utf8_validate (stripped, -1, NULL) || strpbrk (stripped, ":,") != NULL)
    {
      g_set_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_INVALID,
                   /* Translators: %s is an option name the seller typed. */
                   _("The option name “%s” cannot contain a colon or a comma."), stripped);
      return FALSE;
    }
  if (find_dimension (matrix, stripped) != NULL)
    {
      g_set_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_DUPLICATE,
                   _("The option “%s” is listed twice. Put all its values in one line."), stripped);
      return FALSE;
    }

  dimension = dimension_new (stripped);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (values[i]));

      if (value[0] == '\0' || has_value (dimension, value))
        continue;
      if (!g_utf8_validate (value, -1, NULL) || strchr (value, ',') != NULL)
        {
          g_set_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_INVALID,
                       _("The value “%s” cannot contain a comma: commas separate values."), value);
          dimension_free (dimension);
          return FALSE;
        }
      g_ptr_array_add (dimension->values, g_steal_pointer (&value));
    }
  if (dimension->values->len == 0)
    {
      g_set_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_EMPTY,
                   /* Translators: %s is an option name, e.g. "size". */
                   _("Enter at least one value for “%s”, separated by commas."), stripped);
      dimension_free (dimension);
      return FALSE;
    }
  g_ptr_array_add (matrix->dimensions, dimension);
  return TRUE;
}

guint
sb_variant_matrix_get_n_dimensions (const SbVariantMatrix *matrix)
{
  g_return_val_if_fail (matrix != NULL, 0);
  return matrix->dimensions->len;
}

const char *
sb_variant_matrix_get_name (const SbVariantMatrix *matrix,
                            guint                  dimension)
{
  g_return_val_if_fail (matrix != NULL, NULL);
  g_return_val_if_fail (dimension < matrix->dimensions->len, NULL);
  return ((Dimension *) g_ptr_array_index (matrix->dimensions, dimension))->name;
}

/**
 * sb_variant_matrix_get_values:
 *
 * Returns: (transfer none) (array zero-terminated=1): the values of
 *   @dimension
 */
const char * const *
sb_variant_matrix_get_values (const SbVariantMatrix *matrix,
                              guint                  dimension)
{
  g_return_val_if_fail (matrix != NULL, NULL);
  g_return_val_if_fail (dimension < matrix->dimensions->len, NULL);
  return (const char * const *) ((Dimension *) g_ptr_array_index (matrix->dimensions, dimension))->values->pdata;
}

/**
 * sb_variant_matrix_count:
 *
 * Returns: the number of combinations (0 without dimensions), at most
 *   G_MAXUINT64
 */
guint64
sb_variant_matrix_count (const SbVariantMatrix *matrix)
{
  guint64 count = 1;

  g_return_val_if_fail (matrix != NULL, 0);

  if (matrix->dimensions->len == 0)
    return 0;
  for (guint i = 0; i < matrix->dimensions->len; i++)
    {
      guint n = ((Dimension *) g_ptr_array_index (matrix->dimensions, i))->values->len;

      if (__builtin_mul_overflow (count, (guint64) n, &count))
        return G_MAXUINT64;
    }
  return count;
}

/**
 * sb_variant_matrix_dup_combinations:
 *
 * Returns: (transfer full) (element-type GHashTable) (nullable): one
 *   option table (name → value) per combination, the first dimension
 *   varying slowest; %NULL when there are none or more than
 *   %SB_VARIANT_MATRIX_MAX_VARIANTS
 */
GPtrArray *
sb_variant_matrix_dup_combinations (const SbVariantMatrix *matrix)
{
  guint64 count;
  GPtrArray *combinations;
  guint n_dims;

  g_return_val_if_fail (matrix != NULL, NULL);

  count = sb_variant_matrix_count (matrix);
  if (count == 0 || count > SB_VARIANT_MATRIX_MAX_VARIANTS)
    return NULL;

  n_dims = matrix->dimensions->len;
  combinations = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  for (guint64 index = 0; index < count; index++)
    {
      GHashTable *options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      guint64 rest = index;

      /* Mixed radix, the last dimension the fastest digit. */
      for (guint d = n_dims; d-- > 0;)
        {
          const Dimension *dimension = g_ptr_array_index (matrix->dimensions, d);
          guint n = dimension->values->len;

          g_hash_table_insert (options, g_strdup (dimension->name),
                               g_strdup (g_ptr_array_index (dimension->values, rest % n)));
          rest /= n;
        }
      g_ptr_array_add (combinations, options);
    }
  return combinations;
}

/* SKU suggestions */

static UTransliterator *
open_transliterator (void)
{
  static const char id[] = "Any-Latin; Latin-ASCII";
  UChar uid[sizeof id];
  UErrorCode status = U_ZERO_ERROR;
  UTransliterator *trans;

  u_uastrcpy (uid, id);
  trans = utrans_openU (uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
  if (U_FAILURE (status))
    {
      g_debug ("No ICU transliterator: %s", u_errorName (status));
      return NULL;
    }
  return trans;
}

/* @value in ASCII letters and digits, upper case, runs of anything else
 * as one dash; "" when nothing is left. */
static char *
slug (UTransliterator *trans,
      const char      *value)
{
  g_autofree char *latin = NULL;
  GString *out = g_string_new (NULL);

  if (trans != NULL)
    {
      UErrorCode status = U_ZERO_ERROR;
      g_autofree UChar *buffer = NULL;
      int32_t length = 0, limit, capacity;

      u_strFromUTF8 (NULL, 0, &length, value, -1, &status);
      status = U_ZERO_ERROR;
      capacity = length * 4 + 16;
      buffer = g_new0 (UChar, capacity);
      u_strFromUTF8 (buffer, capacity, &length, value, -1, &status);
      limit = length;
      if (U_SUCCESS (status))
        utrans_transUChars (trans, buffer, &length, capacity, 0, &limit, &status);
      if (U_SUCCESS (status))
        {
          int32_t size = 0;
          UErrorCode status2 = U_ZERO_ERROR;

          u_strToUTF8 (NULL, 0, &size, buffer, length, &status2);
          latin = g_new0 (char, size + 1);
          status2 = U_ZERO_ERROR;
          u_strToUTF8 (latin, size + 1, NULL, buffer, length, &status2);
          if (U_FAILURE (status2))
            g_clear_pointer (&latin, g_free);
        }
    }
  if (latin == NULL)
    latin = g_str_to_ascii (value, "C");

  for (const char *p = latin; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (out, g_ascii_toupper (*p));
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static char *
suggest_sku (UTransliterator       *trans,
             const char            *offer_id,
             const SbVariantMatrix *matrix,
             GHashTable            *options)
{
  GString *sku = g_string_new (sb_offer_id_is_valid (offer_id) ? offer_id : "SKU");

  for (guint d = 0; d < matrix->dimensions->len; d++)
    {
      const Dimension *dimension = g_ptr_array_index (matrix->dimensions, d);
      const char *value = g_hash_table_lookup (options, dimension->name);
      g_autofree char *part = NULL;

      if (value == NULL)
        continue;
      part = slug (trans, value);
      if (part[0] == '\0')
        {
          /* Nothing Latin to show: the value's position in its list. */
          for (guint v = 0; v < dimension->values->len; v++)
            if (g_str_equal (g_ptr_array_index (dimension->values, v), value))
              {
                g_free (part);
                part = g_strdup_printf ("%u", v + 1);
              }
        }
      g_string_append_printf (sku, "-%s", part);
    }
  if (sku->len > SB_VARIANT_SUGGESTED_SKU_MAX)
    g_string_truncate (sku, SB_VARIANT_SUGGESTED_SKU_MAX);
  while (sku->len > 1 && strchr ("-._", sku->str[sku->len - 1]) != NULL)
    g_string_truncate (sku, sku->len - 1);
  return g_string_free (sku, FALSE);
}

/**
 * sb_variant_matrix_suggest_sku:
 * @offer_id: the product's offer id ("SKU" is used when it is not valid)
 * @options: a combination of @matrix
 *
 * The offer id and the combination's values in the matrix's order, e.g.
 * "HB-TEE-001-M-BLACK"; values in Hangul or Cyrillic are transliterated
 * ("검정" → "GEOMJEONG", "чёрный" → "CERNYJ").  It matches the offer id's
 * pattern, [A-Za-z0-9._-]{1,64}.
 *
 * Returns: (transfer full): the SKU
 */
char *
sb_variant_matrix_suggest_sku (const char            *offer_id,
                               const SbVariantMatrix *matrix,
                               GHashTable            *options)
{
  UTransliterator *trans;
  char *sku;

  g_return_val_if_fail (matrix != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  trans = open_transliterator ();
  sku = suggest_sku (trans, offer_id, matrix, options);
  if (trans != NULL)
    utrans_close (trans);
  return sku;
}

/* @base, or @base-2, @base-3, … cut to fit 64 characters, not in @used. */
static char *
unique_sku (const char *base,
            GHashTable *used)
{
  if (!g_hash_table_contains (used, base))
    return g_strdup (base);
  for (guint n = 2;; n++)
    {
      g_autofree char *suffix = g_strdup_printf ("-%u", n);
      gsize keep = MIN (strlen (base), SB_VARIANT_SUGGESTED_SKU_MAX - strlen (suffix));
      char *candidate = g_strdup_printf ("%.*s%s", (int) keep, base, suffix);

      if (!g_hash_table_contains (used, candidate))
        return candidate;
      g_free (candidate);
    }
}

static gboolean
options_within (GHashTable *part,
                GHashTable *whole)
{
  GHashTableIter iter;
  gpointer key, value;

  if (part == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, part);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (g_hash_table_lookup (whole, key), value) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
variant_is_blank (const SbVariant *variant)
{
  return (variant->sku == NULL || variant->sku[0] == '\0') &&
         (variant->options == NULL || g_hash_table_size (variant->options) == 0) &&
         (variant->barcode == NULL || variant->barcode[0] == '\0');
}

/**
 * sb_variant_matrix_generate:
 * @offer_id: the product's offer id, for suggested SKUs
 * @existing: (element-type SbVariant) (nullable): the product's variants
 * @price_minor: the price of new variants, in minor units of @currency
 *   (0 leaves it for the seller to fill)
 * @currency: the home currency
 * @stock: the stock of new variants
 * @out_added: (out) (optional): how many variants are new
 *
 * Merges the matrix's combinations with @existing (see the file's
 * comment).  Variants without a SKU, options or barcode (an untouched
 * empty row) are dropped; other variants that fit no combination are kept
 * as they are, at their place.
 *
 * Returns: (transfer full) (element-type SbVariant) (nullable): the
 *   variants, or %NULL with an error when the matrix is empty or the
 *   result would have more than %SB_VARIANT_MATRIX_MAX_VARIANTS
 */
GPtrArray *
sb_variant_matrix_generate (const SbVariantMatrix *matrix,
                            const char            *offer_id,
                            GPtrArray             *existing,
                            gint64                 price_minor,
                            const char            *currency,
                            gint64                 stock,
                            guint                 *out_added,
                            GError               **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_variant_free);
  g_autoptr(GPtrArray) combinations = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree gboolean *covered = NULL;
  g_autoptr(GArray) exact = NULL;
  UTransliterator *trans;
  guint64 count;
  guint added = 0;

  g_return_val_if_fail (matrix != NULL, NULL);
  g_return_val_if_fail (currency != NULL && strlen (currency) == 3, NULL);

  count = sb_variant_matrix_count (matrix);
  if (count == 0)
    {
      g_set_error_literal (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_EMPTY,
                           _("Add at least one option with its values."));
      return NULL;
    }
  if (count > SB_VARIANT_MATRIX_MAX_VARIANTS)
    {
      g_autofree char *number = count == G_MAXUINT64 ? g_strdup ("∞")
                                                     : g_strdup_printf ("%" G_GUINT64_FORMAT, count);

      g_set_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_TOO_MANY,
                   /* Translators: %s is a number of combinations above 100. */
                   g_dngettext (GETTEXT_PACKAGE,
                                "These options make %s combination, but a product can have at most 100 variants. Remove some values or split the product.",
                                "These options make %s combinations, but a product can have at most 100 variants. Remove some values or split the product.",
                                (gulong) count),
                   number);
      return NULL;
    }

  combinations = sb_variant_matrix_dup_combinations (matrix);
  covered = g_new0 (gboolean, combinations->len);
  exact = g_array_new (FALSE, TRUE, sizeof (gboolean));

  /* Existing variants first, at their places; each claims at most one
   * combination: its own, or the first wider one nobody has. */
  for (guint i = 0; existing != NULL && i < existing->len; i++)
    {
      const SbVariant *variant = g_ptr_array_index (existing, i);
      g_autoptr(SbVariant) copy = NULL;
      gboolean matched = FALSE;
      char *key;

      if (variant_is_blank (variant))
        continue;
      copy = sb_variant_copy (variant);
      key = sb_variant_dup_options_key (copy);
      for (guint c = 0; c < combinations->len; c++)
        {
          g_autoptr(SbVariant) probe = sb_variant_new ();
          g_autofree char *probe_key = NULL;
          GHashTableIter iter;
          gpointer name, value;

          if (covered[c])
            continue;
          g_hash_table_iter_init (&iter, g_ptr_array_index (combinations, c));
          while (g_hash_table_iter_next (&iter, &name, &value))
            sb_variant_set_option (probe, name, value);
          probe_key = sb_variant_dup_options_key (probe);
          if (g_str_equal (probe_key, key))
            {
              covered[c] = matched = TRUE;
              break;
            }
        }
      g_array_append_val (exact, matched);
      g_hash_table_add (keys, key);
      if (copy->sku != NULL && copy->sku[0] != '\0')
        g_hash_table_add (used, g_strdup (copy->sku));
      g_ptr_array_add (result, g_steal_pointer (&copy));
    }
  /* Widen variants that fit no combination exactly. */
  for (guint i = 0; i < result->len; i++)
    {
      SbVariant *variant = g_ptr_array_index (result, i);
      g_autofree char *key = NULL;

      if (g_array_index (exact, gboolean, i))
        continue;
      key = sb_variant_dup_options_key (variant);
      for (guint c = 0; c < combinations->len; c++)
        {
          GHashTable *options = g_ptr_array_index (combinations, c);
          GHashTableIter iter;
          gpointer name, value;

          if (covered[c] || !options_within (variant->options, options))
            continue;
          g_hash_table_remove (keys, key);
          g_hash_table_iter_init (&iter, options);
          while (g_hash_table_iter_next (&iter, &name, &value))
            sb_variant_set_option (variant, name, value);
          g_hash_table_add (keys, sb_variant_dup_options_key (variant));
          covered[c] = TRUE;
          break;
        }
    }

  trans = open_transliterator ();
  for (guint c = 0; c < combinations->len; c++)
    {
      GHashTable *options = g_ptr_array_index (combinations, c);
      g_autoptr(SbVariant) variant = NULL;
      g_autofree char *base = NULL;
      GHashTableIter iter;
      gpointer name, value;
      char *key;

      if (covered[c])
        continue;
      variant = sb_variant_new ();
      g_hash_table_iter_init (&iter, options);
      while (g_hash_table_iter_next (&iter, &name, &value))
        sb_variant_set_option (variant, name, value);
      key = sb_variant_dup_options_key (variant);
      if (!g_hash_table_add (keys, key))
        continue;   /* a kept variant already has these options */
      base = suggest_sku (trans, offer_id, matrix, options);
      variant->sku = unique_sku (base, used);
      g_hash_table_add (used, g_strdup (variant->sku));
      variant->price_minor = price_minor;
      memcpy (variant->currency, currency, 3);
      variant->currency[3] = '\0';
      variant->stock = CLAMP (stock, 0, SB_VARIANT_MAX_STOCK);
      g_ptr_array_add (result, g_steal_pointer (&variant));
      added++;
    }
  if (trans != NULL)
    utrans_close (trans);

  if (result->len > SB_VARIANT_MATRIX_MAX_VARIANTS)
    {
      g_set_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_TOO_MANY,
                   g_dngettext (GETTEXT_PACKAGE,
                                "With the variants the product already has this makes %u variant, but a product can have at most 100. Remove some values or some variants first.",
                                "With the variants the product already has this makes %u variants, but a product can have at most 100. Remove some values or some variants first.",
                                result->len),
                   result->len);
      return NULL;
    }
  if (out_added != NULL)
    *out_added = added;
  return g_steal_pointer (&result);
}

/* Field checks */

/**
 * sb_variant_check_sku:
 * @sku: the SKU as entered, already trimmed
 *
 * The contract asks a SKU to be present and unique within the product
 * (checked by the caller over all rows); it gives no pattern.  Spaces,
 * tabs and line breaks inside are refused: they come from pasting and
 * break CSV round trips and barcode scanners.
 *
 * Returns: %TRUE when @sku can be saved
 */
gboolean
sb_variant_check_sku (const char  *sku,
                      GError     **error)
{
  if (sku == NULL || sku[0] == '\0')
    {
      g_set_error_literal (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_EMPTY,
                           _("Enter the SKU you use for this variant."));
      return FALSE;
    }
  if (!g_utf8_validate (sku, -1, NULL))
    {
      g_set_error_literal (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_INVALID,
                           _("The SKU is not valid text. Type it again."));
      return FALSE;
    }
  for (const char *p = sku; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) ||
          g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR)
        {
          g_set_error_literal (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_INVALID,
                               _("A SKU cannot contain spaces or line breaks. Use a dash or an underscore instead."));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * sb_variant_parse_price:
 * @text: a plain decimal such as "12900" or "12.90"
 * @currency: the ISO 4217 code the price is in
 *
 * Returns: %TRUE with the price in minor units, greater than zero
 */
gboolean
sb_variant_parse_price (const char  *text,
                        const char  *currency,
                        gint64      *out_minor,
                        GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  gint64 minor = 0;

  g_return_val_if_fail (out_minor != NULL, FALSE);

  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_EMPTY,
                           _("Enter the price of this variant."));
      return FALSE;
    }
  if (!sb_currency_parse_decimal (stripped, currency, &minor, error))
    return FALSE;
  if (minor <= 0)
    {
      g_set_error_literal (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_INVALID,
                           _("Enter a price greater than zero."));
      return FALSE;
    }
  *out_minor = minor;
  return TRUE;
}

/**
 * sb_variant_parse_stock:
 * @text: digits only, "0" … "999999"
 *
 * Returns: %TRUE with the stock
 */
gboolean
sb_variant_parse_stock (const char  *text,
                        gint64      *out_stock,
                        GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  gint64 stock = 0;
  gsize len = strlen (stripped);

  g_return_val_if_fail (out_stock != NULL, FALSE);

  if (len == 0)
    {
      g_set_error_literal (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_EMPTY,
                           _("Enter the stock, 0 if you have none."));
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (stripped[i]) || len > 6)
      {
        g_set_error (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_INVALID,
                     _("Enter the stock as a whole number from 0 to %d."), SB_VARIANT_MAX_STOCK);
        return FALSE;
      }
  for (gsize i = 0; i < len; i++)
    stock = stock * 10 + (stripped[i] - '0');
  *out_stock = stock;
  return TRUE;
}

/**
 * sb_variant_check_barcode:
 * @text: a barcode as typed or scanned; spaces, dashes and full-width
 *   digits are allowed
 *
 * Checks an EAN-13 or UPC-A barcode's length and check digit through
 * sb-identity.
 *
 * Returns: (transfer full) (nullable): the barcode as digits only, "" when
 *   @text is empty (no barcode), or %NULL with an error
 */
char *
sb_variant_check_barcode (const char  *text,
                          GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (stripped[0] == '\0')
    return g_strdup ("");
  return sb_id_check (SB_ID_KIND_EAN13, stripped, error);
}
