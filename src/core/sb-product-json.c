/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-product-json.c: the product body of PUT /v1/products/{offer_id} and
 * of GET /v1/products/{offer_id}.  Writing follows the contract member by
 * member (object members in a stable, sorted order so that the same
 * product always gives the same bytes — batch replays depend on it);
 * reading type-checks every member, collects every wrong one with its
 * contract path and code, and ignores members it does not know.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "sb-currency.h"
#include "sb-json-util.h"
#include "sb-product-json.h"

G_DEFINE_QUARK (sb-product-json-error-quark, sb_product_json_error)

#define ERR SB_PRODUCT_JSON_ERROR, SB_PRODUCT_JSON_ERROR_INVALID

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The keys of @table sorted, for a stable member order. */
static const char **
sorted_keys (GHashTable *table,
             guint      *out_n)
{
  const char **keys = (const char **) g_hash_table_get_keys_as_array (table, out_n);

  qsort (keys, *out_n, sizeof (char *), compare_strings);
  return keys;
}

/* A plain integer such as "250" or "-3". */
static gboolean
parse_integer (const char *text,
               gint64     *out)
{
  const char *p = text;

  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, out, NULL);
}

/* A plain decimal such as "0.5" (no exponent, no grouping). */
static gboolean
parse_plain_decimal (const char *text,
                     double     *out)
{
  const char *p = text;
  gboolean digits = FALSE, dot = FALSE;
  char *end = NULL;

  if (*p == '-')
    p++;
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      else if (*p == '.' && !dot)
        dot = TRUE;
      else
        return FALSE;
    }
  if (!digits)
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0';
}

static void
add_attribute (JsonBuilder       *builder,
               const char        *id,
               const char        *value,
               const SbCategory  *category)
{
  const SbAttribute *attribute = category != NULL ? sb_category_find_attribute (category, id) : NULL;
  gint64 integer;
  double number;

  json_builder_set_member_name (builder, id);
  if (attribute != NULL && attribute->type == SB_ATTRIBUTE_NUMBER)
    {
      if (parse_integer (value, &integer))
        {
          json_builder_add_int_value (builder, integer);
          return;
        }
      if (parse_plain_decimal (value, &number))
        {
          json_builder_add_double_value (builder, number);
          return;
        }
    }
  /* Not a number attribute, or not a number the server could take as one:
   * send the text and let validation say what is wrong. */
  json_builder_add_string_value (builder, value);
}

static void
add_localized (JsonBuilder *builder,
               const char  *member,
               char * const texts[SB_N_LANGS])
{
  gboolean any = FALSE;

  for (guint i = 0; i < SB_N_LANGS; i++)
    any = any || texts[i] != NULL;
  if (!any)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  for (guint i = 0; i < SB_N_LANGS; i++)
    {
      if (texts[i] == NULL)
        continue;
      json_builder_set_member_name (builder, sb_lang_to_code ((SbLang) i));
      json_builder_add_string_value (builder, texts[i]);
    }
  json_builder_end_object (builder);
}

/**
 * sb_product_to_json:
 * @categories: (nullable): with it, the values of the category's number
 *   attributes are sent as JSON numbers; without it, every value is a string
 *
 * Builds the contract's product body.  Images are listed by their remote
 * id; an image not uploaded yet has none and is left out.  Null optional
 * members (a missing title language, description, hs_code, barcode) are
 * left out; the local sync bookkeeping is never sent.
 *
 * Returns: (transfer full): the body
 */
JsonNode *
sb_product_to_json (const SbProduct *product,
                    SbCategoryTree  *categories)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const SbCategory *category = NULL;
  g_autofree const char **attribute_ids = NULL;
  guint n_attributes = 0;

  g_return_val_if_fail (product != NULL, NULL);

  if (categories != NULL)
    category = sb_category_tree_lookup (categories, product->category_id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "offer_id");
  json_builder_add_string_value (builder, product->offer_id);
  if (product->category_id != NULL)
    {
      json_builder_set_member_name (builder, "category_id");
      json_builder_add_string_value (builder, product->category_id);
    }
  json_builder_set_member_name (builder, "title");
  json_builder_begin_object (builder);
  for (guint i = 0; i < SB_N_LANGS; i++)
    {
      if (product->title[i] == NULL)
        continue;
      json_builder_set_member_name (builder, sb_lang_to_code ((SbLang) i));
      json_builder_add_string_value (builder, product->title[i]);
    }
  json_builder_end_object (builder);
  add_localized (builder, "description", product->description);

  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_object (builder);
  attribute_ids = sorted_keys (product->attributes, &n_attributes);
  for (guint i = 0; i < n_attributes; i++)
    add_attribute (builder, attribute_ids[i],
                   g_hash_table_lookup (product->attributes, attribute_ids[i]), category);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "images");
  json_builder_begin_array (builder);
  for (guint i = 0; i < product->images->len; i++)
    {
      const SbImage *image = g_ptr_array_index (product->images, i);

      if (image->remote_id != NULL)
        json_builder_add_string_value (builder, image->remote_id);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "package");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "weight_g");
  json_builder_add_int_value (builder, product->weight_g);
  json_builder_set_member_name (builder, "length_mm");
  json_builder_add_int_value (builder, product->length_mm);
  json_builder_set_member_name (builder, "width_mm");
  json_builder_add_int_value (builder, product->width_mm);
  json_builder_set_member_name (builder, "height_mm");
  json_builder_add_int_value (builder, product->height_mm);
  json_builder_end_object (builder);

  if (product->hs_code != NULL)
    {
      json_builder_set_member_name (builder, "hs_code");
      json_builder_add_string_value (builder, product->hs_code);
    }

  json_builder_set_member_name (builder, "dangerous_goods");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "batteries");
  json_builder_add_string_value (builder, sb_batteries_to_string (product->batteries));
  json_builder_set_member_name (builder, "liquids");
  json_builder_add_boolean_value (builder, product->liquids);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "shipping");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "carrier_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; i < product->carrier_ids->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (product->carrier_ids, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "handling_days");
  json_builder_add_int_value (builder, product->handling_days);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "variants");
  json_builder_begin_array (builder);
  for (guint i = 0; i < product->variants->len; i++)
    {
      const SbVariant *variant = g_ptr_array_index (product->variants, i);
      g_autofree const char **option_names = NULL;
      g_autofree char *amount = sb_currency_format_decimal (variant->price_minor, variant->currency);
      guint n_options = 0;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "sku");
      json_builder_add_string_value (builder, variant->sku);
      json_builder_set_member_name (builder, "options");
      json_builder_begin_object (builder);
      option_names = sorted_keys (variant->options, &n_options);
      for (guint j = 0; j < n_options; j++)
        {
          json_builder_set_member_name (builder, option_names[j]);
          json_builder_add_string_value (builder, g_hash_table_lookup (variant->options, option_names[j]));
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "price");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "amount");
      json_builder_add_string_value (builder, amount);
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, variant->currency);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "stock");
      json_builder_add_int_value (builder, variant->stock);
      if (variant->barcode != NULL)
        {
          json_builder_set_member_name (builder, "barcode");
          json_builder_add_string_value (builder, variant->barcode);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Reading */

typedef struct {
  GPtrArray *errors;   /* (element-type SbReason) */
} Reader;

static void
reader_add (Reader     *reader,
            const char *path,
            const char *code,
            const char *message)
{
  g_ptr_array_add (reader->errors, sb_reason_new (code, path, message));
}

static void
reader_add_take (Reader     *reader,
                 const char *path,
                 const char *code,
                 char       *message)
{
  g_ptr_array_add (reader->errors, sb_reason_new (code, path, message));
  g_free (message);
}

/* Records a failed read as a field error; returns whether there is a value. */
static gboolean
reader_note (Reader        *reader,
             const char    *prefix,
             const char    *name,
             SbJsonStatus   status,
             GError        *error)
{
  g_autofree char *path = NULL;
  const char *code;

  switch (status)
    {
    case SB_JSON_OK:
      return TRUE;
    case SB_JSON_ABSENT:
      return FALSE;
    case SB_JSON_MISSING:
      code = "required";
      break;
    case SB_JSON_OUT_OF_RANGE:
      code = "out_of_range";
      break;
    case SB_JSON_WRONG_TYPE:
    default:
      code = "invalid_type";
      break;
    }
  path = name != NULL ? sb_json_path (prefix, name) : g_strdup (prefix);
  reader_add (reader, path, code, error != NULL ? error->message : "");
  return FALSE;
}

static gboolean
read_string (Reader       *reader,
             JsonObject   *object,
             const char   *prefix,
             const char   *name,
             SbJsonFlags   flags,
             char        **out)
{
  g_autoptr(GError) error = NULL;
  SbJsonStatus status = sb_json_get_string (object, prefix, name, flags, out, ERR, &error);

  return reader_note (reader, prefix, name, status, error);
}

static gboolean
read_uint (Reader       *reader,
           JsonObject   *object,
           const char   *prefix,
           const char   *name,
           SbJsonFlags   flags,
           guint        *out)
{
  g_autoptr(GError) error = NULL;
  gint64 value = 0;
  SbJsonStatus status = sb_json_get_int (object, prefix, name, flags, 0, G_MAXUINT, &value, ERR, &error);

  if (!reader_note (reader, prefix, name, status, error))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static gboolean
read_int64 (Reader       *reader,
            JsonObject   *object,
            const char   *prefix,
            const char   *name,
            SbJsonFlags   flags,
            gint64       *out)
{
  g_autoptr(GError) error = NULL;
  SbJsonStatus status = sb_json_get_int (object, prefix, name, flags, G_MININT64, G_MAXINT64, out, ERR, &error);

  return reader_note (reader, prefix, name, status, error);
}

static gboolean
read_bool (Reader       *reader,
           JsonObject   *object,
           const char   *prefix,
           const char   *name,
           SbJsonFlags   flags,
           gboolean     *out)
{
  g_autoptr(GError) error = NULL;
  SbJsonStatus status = sb_json_get_bool (object, prefix, name, flags, out, ERR, &error);

  return reader_note (reader, prefix, name, status, error);
}

static gboolean
read_array (Reader       *reader,
            JsonObject   *object,
            const char   *prefix,
            const char   *name,
            SbJsonFlags   flags,
            JsonArray   **out)
{
  g_autoptr(GError) error = NULL;
  SbJsonStatus status = sb_json_get_array (object, prefix, name, flags, out, ERR, &error);

  return reader_note (reader, prefix, name, status, error);
}

static gboolean
read_object (Reader       *reader,
             JsonObject   *object,
             const char   *prefix,
             const char   *name,
             SbJsonFlags   flags,
             JsonObject  **out)
{
  g_autoptr(GError) error = NULL;
  SbJsonStatus status = sb_json_get_object (object, prefix, name, flags, out, ERR, &error);

  return reader_note (reader, prefix, name, status, error);
}

static gboolean
read_node_string (Reader      *reader,
                  JsonNode    *node,
                  const char  *path,
                  char       **out)
{
  g_autoptr(GError) error = NULL;
  SbJsonStatus status = sb_json_node_get_string (node, path, out, ERR, &error);

  return reader_note (reader, path, NULL, status, error);
}

/* {"en": "...", "ko": "..."}: unknown languages are ignored. */
static void
read_localized (Reader      *reader,
                JsonObject  *object,
                const char  *member,
                SbProduct   *product,
                gboolean     is_title)
{
  JsonObject *texts = NULL;

  if (!read_object (reader, object, NULL, member, SB_JSON_NULLABLE, &texts))
    return;
  for (guint i = 0; i < SB_N_LANGS; i++)
    {
      g_autofree char *text = NULL;

      if (!read_string (reader, texts, member, sb_lang_to_code ((SbLang) i), SB_JSON_NULLABLE, &text))
        continue;
      if (is_title)
        sb_product_set_title (product, (SbLang) i, text);
      else
        sb_product_set_description (product, (SbLang) i, text);
    }
}

static void
read_attributes (Reader     *reader,
                 JsonObject *object,
                 SbProduct  *product)
{
  JsonObject *attributes = NULL;
  JsonObjectIter iter;
  const char *id;
  JsonNode *node;

  if (!read_object (reader, object, NULL, "attributes", SB_JSON_NULLABLE, &attributes))
    return;
  json_object_iter_init (&iter, attributes);
  while (json_object_iter_next (&iter, &id, &node))
    {
      g_autofree char *path = sb_json_path ("attributes", id);
      GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

      if (type == G_TYPE_STRING)
        sb_product_set_attribute (product, id, json_node_get_string (node));
      else if (type == G_TYPE_INT64)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

          sb_product_set_attribute (product, id, text);
        }
      else if (type == G_TYPE_DOUBLE)
        {
          char text[G_ASCII_DTOSTR_BUF_SIZE];

          sb_product_set_attribute (product, id, g_ascii_dtostr (text, sizeof text, json_node_get_double (node)));
        }
      else if (!JSON_NODE_HOLDS_NULL (node))
        reader_add_take (reader, path, "invalid_type",
                    /* Translators: %s is a path such as attributes.brand */
                    g_strdup_printf (_("“%s” should be a string or a number."), path));
    }
}

static void
read_images (Reader     *reader,
             JsonObject *object,
             SbProduct  *product)
{
  JsonArray *images = NULL;

  if (!read_array (reader, object, NULL, "images", SB_JSON_NULLABLE, &images))
    return;
  for (guint i = 0; i < json_array_get_length (images); i++)
    {
      g_autofree char *path = sb_json_path_index ("images", i);
      g_autofree char *id = NULL;

      if (read_node_string (reader, json_array_get_element (images, i), path, &id))
        {
          SbImage *image = sb_image_new ();

          image->remote_id = g_steal_pointer (&id);
          sb_product_add_image (product, image);
        }
    }
}

static void
read_package (Reader     *reader,
              JsonObject *object,
              SbProduct  *product)
{
  JsonObject *package = NULL;

  if (!read_object (reader, object, NULL, "package", SB_JSON_REQUIRED, &package))
    return;
  read_uint (reader, package, "package", "weight_g", SB_JSON_REQUIRED, &product->weight_g);
  read_uint (reader, package, "package", "length_mm", SB_JSON_REQUIRED, &product->length_mm);
  read_uint (reader, package, "package", "width_mm", SB_JSON_REQUIRED, &product->width_mm);
  read_uint (reader, package, "package", "height_mm", SB_JSON_REQUIRED, &product->height_mm);
}

static void
read_dangerous_goods (Reader     *reader,
                      JsonObject *object,
                      SbProduct  *product)
{
  JsonObject *goods = NULL;
  g_autofree char *batteries = NULL;

  if (!read_object (reader, object, NULL, "dangerous_goods", SB_JSON_NULLABLE, &goods))
    return;
  if (read_string (reader, goods, "dangerous_goods", "batteries", SB_JSON_NULLABLE, &batteries) &&
      !sb_batteries_from_string (batteries, &product->batteries))
    reader_add_take (reader, "dangerous_goods.batteries", "invalid",
                g_strdup_printf (_("“%s” is not a kind of battery; use none, installed, packed or standalone."),
                                 batteries));
  read_bool (reader, goods, "dangerous_goods", "liquids", SB_JSON_NULLABLE, &product->liquids);
}

static void
read_shipping (Reader     *reader,
               JsonObject *object,
               SbProduct  *product)
{
  JsonObject *shipping = NULL;
  JsonArray *carrier_ids = NULL;

  if (!read_object (reader, object, NULL, "shipping", SB_JSON_NULLABLE, &shipping))
    return;
  read_uint (reader, shipping, "shipping", "handling_days", SB_JSON_NULLABLE, &product->handling_days);
  if (!read_array (reader, shipping, "shipping", "carrier_ids", SB_JSON_NULLABLE, &carrier_ids))
    return;
  for (guint i = 0; i < json_array_get_length (carrier_ids); i++)
    {
      g_autofree char *path = sb_json_path_index ("shipping.carrier_ids", i);
      g_autofree char *id = NULL;

      if (read_node_string (reader, json_array_get_element (carrier_ids, i), path, &id))
        sb_product_add_carrier (product, id);
    }
}

static void
read_price (Reader     *reader,
            JsonObject *object,
            const char *prefix,
            SbVariant  *variant)
{
  g_autofree char *path = sb_json_path (prefix, "price");
  JsonObject *price = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *currency = NULL;
  gboolean have_amount, have_currency;

  if (!read_object (reader, object, prefix, "price", SB_JSON_REQUIRED, &price))
    return;
  have_amount = read_string (reader, price, path, "amount", SB_JSON_REQUIRED, &amount);
  have_currency = read_string (reader, price, path, "currency", SB_JSON_REQUIRED, &currency);
  if (have_currency && !sb_currency_is_known (currency))
    {
      g_autofree char *cpath = sb_json_path (path, "currency");

      reader_add_take (reader, cpath, "invalid",
                  g_strdup_printf (_("“%s” is not a currency code. Use a three-letter ISO 4217 code such as KRW, RUB or USD."),
                                   currency));
      return;
    }
  if (have_currency)
    g_strlcpy (variant->currency, currency, sizeof variant->currency);
  if (have_amount && have_currency)
    {
      g_autoptr(GError) error = NULL;

      if (!sb_currency_parse_decimal (amount, currency, &variant->price_minor, &error))
        {
          g_autofree char *apath = sb_json_path (path, "amount");

          reader_add (reader, apath,
                      g_error_matches (error, SB_CURRENCY_ERROR, SB_CURRENCY_ERROR_OVERFLOW) ? "out_of_range" : "invalid",
                      error->message);
        }
    }
}

static void
read_variant (Reader     *reader,
              JsonNode   *node,
              const char *path,
              SbProduct  *product)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbVariant) variant = sb_variant_new ();
  JsonObject *object;
  JsonObject *options = NULL;
  SbJsonStatus status = sb_json_check_node (node, path, JSON_TYPE_OBJECT, ERR, &error);

  if (!reader_note (reader, path, NULL, status, error))
    return;
  object = json_node_get_object (node);
  read_string (reader, object, path, "sku", SB_JSON_REQUIRED, &variant->sku);
  if (read_object (reader, object, path, "options", SB_JSON_NULLABLE, &options))
    {
      g_autofree char *opath = sb_json_path (path, "options");
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, options);
      while (json_object_iter_next (&iter, &name, &value))
        {
          g_autofree char *vpath = sb_json_path (opath, name);
          g_autofree char *text = NULL;

          if (read_node_string (reader, value, vpath, &text))
            sb_variant_set_option (variant, name, text);
        }
    }
  read_price (reader, object, path, variant);
  read_int64 (reader, object, path, "stock", SB_JSON_REQUIRED, &variant->stock);
  read_string (reader, object, path, "barcode", SB_JSON_NULLABLE, &variant->barcode);
  if (variant->barcode != NULL && *variant->barcode == '\0')
    g_clear_pointer (&variant->barcode, g_free);
  sb_product_add_variant (product, g_steal_pointer (&variant));
}

static void
read_server_state (Reader     *reader,
                   JsonObject *object,
                   SbProduct  *product)
{
  g_autofree char *status = NULL;
  gint64 version = 0;
  JsonNode *reasons_node = json_object_get_member (object, "reasons");

  if (read_int64 (reader, object, NULL, "version", SB_JSON_NULLABLE, &version))
    product->server_version = version;
  if (read_string (reader, object, NULL, "status", SB_JSON_NULLABLE, &status))
    {
      SbSyncState state;

      /* pending_review, active, rejected, archived; an unknown future
       * status leaves the local state alone. */
      if (sb_sync_state_from_string (status, &state))
        product->sync_state = state;
    }
  if (reasons_node != NULL && !JSON_NODE_HOLDS_NULL (reasons_node))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) reasons = sb_reasons_from_json (reasons_node, &error);

      if (reasons == NULL)
        reader_add (reader, "reasons", "invalid_type", error->message);
      else
        {
          for (guint i = 0; i < reasons->len; i++)
            g_ptr_array_add (product->reasons, sb_reason_copy (g_ptr_array_index (reasons, i)));
        }
    }
}

/**
 * sb_product_from_json:
 * @node: a product body, or the product as GET /v1/products/{offer_id}
 *   returns it (then `version`, `status` and `reasons` are read too)
 * @field_errors: (nullable) (element-type SbReason): receives one entry per
 *   wrong member: code `required`, `invalid_type`, `out_of_range` or
 *   `invalid`, with the contract's path (`variants[0].price.amount`)
 *
 * Members this version does not know are ignored.  The rules of
 * sb_product_validate() are not applied here, only types, presence of
 * the members a product cannot do without, and what the record cannot
 * represent (an amount with too many fraction digits for its currency,
 * an unknown battery kind, a negative package size).
 *
 * Returns: (transfer full) (nullable): the product, or %NULL with @error
 */
SbProduct *
sb_product_from_json (JsonNode   *node,
                      GPtrArray  *field_errors,
                      GError    **error)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  g_autoptr(SbProduct) product = sb_product_new (NULL);
  Reader reader = { errors };
  JsonObject *object;
  JsonArray *variants = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, ERR, _("The product is not a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);

  read_string (&reader, object, NULL, "offer_id", SB_JSON_REQUIRED, &product->offer_id);
  read_string (&reader, object, NULL, "category_id", SB_JSON_REQUIRED, &product->category_id);
  read_localized (&reader, object, "title", product, TRUE);
  read_localized (&reader, object, "description", product, FALSE);
  read_attributes (&reader, object, product);
  read_images (&reader, object, product);
  read_package (&reader, object, product);
  read_string (&reader, object, NULL, "hs_code", SB_JSON_NULLABLE, &product->hs_code);
  read_dangerous_goods (&reader, object, product);
  read_shipping (&reader, object, product);
  if (read_array (&reader, object, NULL, "variants", SB_JSON_REQUIRED, &variants))
    {
      for (guint i = 0; i < json_array_get_length (variants); i++)
        {
          g_autofree char *path = sb_json_path_index ("variants", i);

          read_variant (&reader, json_array_get_element (variants, i), path, product);
        }
    }
  read_server_state (&reader, object, product);

  if (errors->len > 0)
    {
      const SbReason *first = g_ptr_array_index (errors, 0);

      if (errors->len == 1)
        g_set_error (error, ERR, _("The product cannot be read: %s"), first->message);
      else
        g_set_error (error, ERR,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The product cannot be read: %s (and %u more problem)",
                                  "The product cannot be read: %s (and %u more problems)",
                                  errors->len - 1),
                     first->message, errors->len - 1);
      if (field_errors != NULL)
        for (guint i = 0; i < errors->len; i++)
          g_ptr_array_add (field_errors, sb_reason_copy (g_ptr_array_index (errors, i)));
      return NULL;
    }
  return g_steal_pointer (&product);
}

/**
 * sb_reasons_to_json:
 * @reasons: (element-type SbReason)
 *
 * Returns: (transfer full): [{"path", "code", "message"}], the `fields` of a
 *   422 answer or the `reasons` of a product; `path` is left out when NULL
 */
JsonNode *
sb_reasons_to_json (GPtrArray *reasons)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_array (builder);
  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      const SbReason *reason = g_ptr_array_index (reasons, i);

      json_builder_begin_object (builder);
      if (reason->path != NULL)
        {
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, reason->path);
        }
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, reason->code != NULL ? reason->code : "");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, reason->message != NULL ? reason->message : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

/**
 * sb_reasons_from_json:
 * @node: [{"code", "message", "path"?}]
 *
 * Returns: (transfer full) (element-type SbReason) (nullable): the reasons,
 *   or %NULL with @error when a member has the wrong type
 */
GPtrArray *
sb_reasons_from_json (JsonNode  *node,
                      GError   **error)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  JsonArray *array;

  g_return_val_if_fail (node != NULL, NULL);
  if (sb_json_check_node (node, "reasons", JSON_TYPE_ARRAY, ERR, error) != SB_JSON_OK)
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = sb_json_path_index ("", i);
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(SbReason) reason = sb_reason_new (NULL, NULL, NULL);
      JsonObject *object;

      if (sb_json_check_node (element, path, JSON_TYPE_OBJECT, ERR, error) != SB_JSON_OK)
        return NULL;
      object = json_node_get_object (element);
      if (sb_json_get_string (object, path, "code", SB_JSON_REQUIRED, &reason->code, ERR, error) != SB_JSON_OK ||
          sb_json_get_string (object, path, "message", SB_JSON_NULLABLE, &reason->message, ERR, error) > SB_JSON_ABSENT ||
          sb_json_get_string (object, path, "path", SB_JSON_NULLABLE, &reason->path, ERR, error) > SB_JSON_ABSENT)
        return NULL;
      if (reason->message == NULL)
        reason->message = g_strdup ("");
      g_ptr_array_add (reasons, g_steal_pointer (&reason));
    }
  return g_steal_pointer (&reasons);
}
