/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-product-validate.c: the product rules of the Seller API contract
 * ("Rules the server enforces"), applied to an SbProduct.  Each broken
 * rule becomes an SbReason with the contract's field path, a short code
 * (required, too_long, too_many, out_of_range, invalid, not_leaf,
 * duplicate, cannot_carry) and a translated message saying what to do.
 * The sandbox answers 422 with these, and the app and CLI show them
 * before anything is sent.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-carrier.h"
#include "sb-currency.h"
#include "sb-identity.h"
#include "sb-product-validate.h"
#include "sb-shipping.h"

#define MAX_TITLE_CHARS        128
#define MAX_DESCRIPTION_CHARS  5000
#define MAX_IMAGES             10
#define MAX_WEIGHT_G           30000
#define MAX_SIDE_MM            1500
#define MAX_VARIANTS           100
#define MAX_STOCK              999999

G_GNUC_PRINTF (4, 5)
static void
add (GPtrArray  *errors,
     const char *path,
     const char *code,
     const char *format,
     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (errors, sb_reason_new (code, path, message));
}

static void
check_texts (const SbProduct *product,
             GPtrArray       *errors)
{
  for (guint i = 0; i < SB_N_LANGS; i++)
    {
      const char *title = product->title[i];
      const char *description = product->description[i];
      g_autofree char *title_path = g_strconcat ("title.", sb_lang_to_code ((SbLang) i), NULL);
      g_autofree char *description_path = g_strconcat ("description.", sb_lang_to_code ((SbLang) i), NULL);

      if (title == NULL || *title == '\0')
        {
          if (i == SB_LANG_EN)
            add (errors, title_path, "required", "%s",
                 _("Enter a title in English; the marketplace requires one."));
        }
      else
        {
          guint n = (guint) g_utf8_strlen (title, -1);

          if (n > MAX_TITLE_CHARS)
            add (errors, title_path, "too_long",
                 g_dngettext (GETTEXT_PACKAGE,
                              "Shorten the title to at most 128 characters; it has %u.",
                              "Shorten the title to at most 128 characters; it has %u.",
                              n),
                 n);
        }
      if (description != NULL)
        {
          guint n = (guint) g_utf8_strlen (description, -1);

          if (n > MAX_DESCRIPTION_CHARS)
            add (errors, description_path, "too_long",
                 g_dngettext (GETTEXT_PACKAGE,
                              "Shorten the description to at most 5000 characters; it has %u.",
                              "Shorten the description to at most 5000 characters; it has %u.",
                              n),
                 n);
        }
    }
}

/* A plain decimal number such as "250", "-3" or "0.5". */
static gboolean
parse_number (const char *text,
              double     *out)
{
  const char *p = text;
  gboolean digits = FALSE, dot = FALSE;

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
  *out = g_ascii_strtod (text, NULL);
  return TRUE;
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", value));
}

static void
check_attribute (const SbAttribute *attribute,
                 const char        *value,
                 GPtrArray         *errors)
{
  g_autofree char *path = g_strconcat ("attributes.", attribute->id, NULL);
  const char *name = attribute->name != NULL ? attribute->name : attribute->id;

  if (value == NULL || *value == '\0')
    {
      if (attribute->required)
        add (errors, path, "required",
             /* Translators: %s is the name of a category attribute, e.g. “Brand”. */
             _("Fill in “%s”; this category requires it."), name);
      return;
    }
  switch (attribute->type)
    {
    case SB_ATTRIBUTE_TEXT:
      if (attribute->max_length > 0 && (guint) g_utf8_strlen (value, -1) > attribute->max_length)
        add (errors, path, "too_long",
             g_dngettext (GETTEXT_PACKAGE,
                          "Shorten “%s” to at most %u character.",
                          "Shorten “%s” to at most %u characters.",
                          attribute->max_length),
             name, attribute->max_length);
      break;

    case SB_ATTRIBUTE_ENUM:
      if (!sb_attribute_has_value (attribute, value))
        add (errors, path, "invalid",
             /* Translators: “cotton?” is not one of the values of “Material”… */
             _("“%s” is not one of the values of “%s”; choose one from the list."),
             value, name);
      break;

    case SB_ATTRIBUTE_NUMBER:
      {
        double number = 0;
        g_autofree char *min = format_number (attribute->min);
        g_autofree char *max = format_number (attribute->max);

        if (!parse_number (value, &number))
          add (errors, path, "invalid",
               /* Translators: “Volume” should be a number; “a lot” is not. */
               _("“%s” should be a number; “%s” is not."), name, value);
        else if ((attribute->has_min && number < attribute->min) ||
                 (attribute->has_max && number > attribute->max))
          {
            if (attribute->has_min && attribute->has_max)
              add (errors, path, "out_of_range",
                   /* Translators: “Volume” should be between 0 and 100000. */
                   _("“%s” should be between %s and %s."), name, min, max);
            else if (attribute->has_min)
              add (errors, path, "out_of_range", _("“%s” should be at least %s."), name, min);
            else
              add (errors, path, "out_of_range", _("“%s” should be at most %s."), name, max);
          }
      }
      break;

    default:
      break;
    }
}

static void
check_category (const SbProduct           *product,
                const SbValidationContext *context,
                GPtrArray                 *errors)
{
  const SbCategory *category;

  if (product->category_id == NULL || *product->category_id == '\0')
    {
      add (errors, "category_id", "required", "%s", _("Choose a category."));
      return;
    }
  if (context->categories == NULL)
    return;
  category = sb_category_tree_lookup (context->categories, product->category_id);
  if (category == NULL)
    {
      add (errors, "category_id", "invalid",
           _("Category “%s” does not exist on the marketplace; choose another one."),
           product->category_id);
      return;
    }
  if (!category->leaf)
    {
      add (errors, "category_id", "not_leaf",
           /* Translators: %s is a category name such as “Clothing”. */
           _("“%s” is a group of categories; choose one of the categories inside it."),
           category->name);
      return;
    }
  for (guint i = 0; i < category->attributes->len; i++)
    {
      const SbAttribute *attribute = g_ptr_array_index (category->attributes, i);

      check_attribute (attribute, g_hash_table_lookup (product->attributes, attribute->id), errors);
    }
}

static void
check_images (const SbProduct           *product,
              const SbValidationContext *context,
              GPtrArray                 *errors)
{
  guint n = product->images->len;

  if (n == 0)
    add (errors, "images", "required", "%s", _("Add at least one image."));
  else if (n > MAX_IMAGES)
    add (errors, "images", "too_many",
         g_dngettext (GETTEXT_PACKAGE,
                      "A product can have at most 10 images; remove %u.",
                      "A product can have at most 10 images; remove %u.",
                      n - MAX_IMAGES),
         n - MAX_IMAGES);
  for (guint i = 0; i < n; i++)
    {
      const SbImage *image = g_ptr_array_index (product->images, i);
      g_autofree char *path = g_strdup_printf ("images[%u]", i);

      if (context->uploaded_image_ids != NULL)
        {
          if (image->remote_id == NULL || !g_hash_table_contains (context->uploaded_image_ids, image->remote_id))
            add (errors, path, "invalid",
                 _("Image “%s” was not uploaded by this seller; upload it first."),
                 image->remote_id != NULL ? image->remote_id : "");
        }
      else if (image->remote_id == NULL && image->local_path == NULL)
        add (errors, path, "invalid", "%s", _("This image has no file; pick the file again."));
    }
}

static void
check_package (const SbProduct *product,
               GPtrArray       *errors)
{
  if (product->weight_g < 1 || product->weight_g > MAX_WEIGHT_G)
    add (errors, "package.weight_g", "out_of_range", "%s",
         _("The package weight should be between 1 and 30000 g."));
  if (product->length_mm < 1 || product->length_mm > MAX_SIDE_MM)
    add (errors, "package.length_mm", "out_of_range", "%s",
         _("The package length should be between 1 and 1500 mm."));
  if (product->width_mm < 1 || product->width_mm > MAX_SIDE_MM)
    add (errors, "package.width_mm", "out_of_range", "%s",
         _("The package width should be between 1 and 1500 mm."));
  if (product->height_mm < 1 || product->height_mm > MAX_SIDE_MM)
    add (errors, "package.height_mm", "out_of_range", "%s",
         _("The package height should be between 1 and 1500 mm."));

  if (product->hs_code != NULL)
    {
      gsize len = strlen (product->hs_code);
      gboolean digits = len >= 6 && len <= 10;

      for (gsize i = 0; digits && i < len; i++)
        digits = g_ascii_isdigit (product->hs_code[i]);
      if (!digits)
        add (errors, "hs_code", "invalid", "%s",
             _("An HS code has 6 to 10 digits, with no dots or spaces."));
    }
}

static void
check_variant (const SbVariant           *variant,
               guint                      index,
               const SbValidationContext *context,
               GPtrArray                 *errors)
{
  g_autofree char *prefix = g_strdup_printf ("variants[%u]", index);
  g_autofree char *sku_path = g_strconcat (prefix, ".sku", NULL);
  g_autofree char *currency_path = g_strconcat (prefix, ".price.currency", NULL);
  g_autofree char *amount_path = g_strconcat (prefix, ".price.amount", NULL);
  g_autofree char *stock_path = g_strconcat (prefix, ".stock", NULL);
  g_autofree char *barcode_path = g_strconcat (prefix, ".barcode", NULL);

  if (variant->sku == NULL || *variant->sku == '\0')
    add (errors, sku_path, "required", "%s", _("Enter a SKU for this variant."));

  if (context->payout_currency != NULL)
    {
      if (g_strcmp0 (variant->currency, context->payout_currency) != 0 &&
          g_strcmp0 (variant->currency, "USD") != 0)
        add (errors, currency_path, "invalid",
             /* Translators: Prices must be in KRW (your payout currency) or USD, not EUR. */
             _("Prices must be in %s (your payout currency) or USD, not %s."),
             context->payout_currency, variant->currency);
    }
  else if (!sb_currency_is_known (variant->currency))
    add (errors, currency_path, "invalid",
         _("“%s” is not a currency code. Use a three-letter ISO 4217 code such as KRW, RUB or USD."),
         variant->currency);

  if (variant->price_minor <= 0)
    add (errors, amount_path, "out_of_range", "%s", _("The price should be greater than zero."));

  if (variant->stock < 0 || variant->stock > MAX_STOCK)
    add (errors, stock_path, "out_of_range", "%s", _("Stock should be between 0 and 999999."));

  if (variant->barcode != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = sb_id_check (SB_ID_KIND_EAN13, variant->barcode, &error);

      if (normalized == NULL)
        add (errors, barcode_path, "invalid", "%s", error->message);
      else if (g_strcmp0 (normalized, variant->barcode) != 0)
        add (errors, barcode_path, "invalid",
             _("Write the barcode as digits only, like %s."), normalized);
    }
}

static void
check_variants (const SbProduct           *product,
                const SbValidationContext *context,
                GPtrArray                 *errors)
{
  g_autoptr(GHashTable) skus = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) option_sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = product->variants->len;

  if (n == 0)
    add (errors, "variants", "required", "%s", _("Add at least one variant with a SKU, price and stock."));
  else if (n > MAX_VARIANTS)
    add (errors, "variants", "too_many",
         g_dngettext (GETTEXT_PACKAGE,
                      "A product can have at most 100 variants; remove %u.",
                      "A product can have at most 100 variants; remove %u.",
                      n - MAX_VARIANTS),
         n - MAX_VARIANTS);

  for (guint i = 0; i < n; i++)
    {
      const SbVariant *variant = g_ptr_array_index (product->variants, i);

      check_variant (variant, i, context, errors);
      if (variant->sku != NULL && *variant->sku != '\0')
        {
          if (g_hash_table_contains (skus, variant->sku))
            {
              g_autofree char *path = g_strdup_printf ("variants[%u].sku", i);

              add (errors, path, "duplicate",
                   _("SKU “%s” is already used by another variant; each variant needs its own."),
                   variant->sku);
            }
          else
            g_hash_table_add (skus, variant->sku);
        }
      if (n > 1)
        {
          char *key = sb_variant_dup_options_key (variant);

          if (g_hash_table_contains (option_sets, key))
            {
              g_autofree char *path = g_strdup_printf ("variants[%u].options", i);

              add (errors, path, "duplicate", "%s",
                   _("Another variant has exactly the same options; make each variant differ in at least one option."));
              g_free (key);
            }
          else
            g_hash_table_add (option_sets, key);
        }
    }
}

static void
check_carriers (const SbProduct           *product,
                const SbValidationContext *context,
                GPtrArray                 *errors)
{
  SbParcel parcel;

  if (product->carrier_ids->len == 0)
    {
      add (errors, "shipping.carrier_ids", "required", "%s", _("Choose at least one carrier."));
      return;
    }
  if (context->carriers == NULL)
    return;
  sb_parcel_from_product (&parcel, product);
  for (guint i = 0; i < product->carrier_ids->len; i++)
    {
      const char *id = g_ptr_array_index (product->carrier_ids, i);
      const SbCarrier *carrier = sb_carrier_list_find (context->carriers, id);
      g_autofree char *path = g_strdup_printf ("shipping.carrier_ids[%u]", i);
      g_auto(SbQuote) quote = { 0 };

      if (carrier == NULL || (context->origin != NULL && g_strcmp0 (carrier->origin, context->origin) != 0))
        {
          if (context->origin != NULL)
            add (errors, path, "invalid",
                 /* Translators: Carrier “ru_post” does not ship from KR. */
                 _("Carrier “%s” does not ship from %s; choose one of the carriers offered for your country."),
                 id, context->origin);
          else
            add (errors, path, "invalid", _("Carrier “%s” is not known."), id);
          continue;
        }
      if (!sb_shipping_quote (carrier, &parcel, NULL, &quote))
        {
          g_autofree char *reason = sb_quote_dup_reason (&quote);

          add (errors, path, "cannot_carry", "%s", reason);
        }
    }
}

/**
 * sb_product_validate:
 * @context: what the rules need to know about the marketplace and the
 *   seller; a %NULL member skips the rules that need it (the category
 *   rules without @categories, the carrier limits without @carriers, the
 *   payout currency rule without @payout_currency, the upload check
 *   without @uploaded_image_ids)
 * @field_errors: (element-type SbReason): receives one entry per broken
 *   rule, in the order of the contract's members
 *
 * Returns: %TRUE when @product passes every rule
 */
gboolean
sb_product_validate (const SbProduct           *product,
                     const SbValidationContext *context,
                     GPtrArray                 *field_errors)
{
  static const SbValidationContext empty = { 0 };
  guint before;

  g_return_val_if_fail (product != NULL, FALSE);
  g_return_val_if_fail (field_errors != NULL, FALSE);

  if (context == NULL)
    context = &empty;
  before = field_errors->len;

  if (!sb_offer_id_is_valid (product->offer_id))
    add (field_errors, "offer_id", "invalid", "%s",
         _("An offer id has 1 to 64 characters: Latin letters, digits, dots, dashes and underscores."));
  check_texts (product, field_errors);
  check_category (product, context, field_errors);
  check_images (product, context, field_errors);
  check_package (product, field_errors);
  check_carriers (product, context, field_errors);
  check_variants (product, context, field_errors);

  return field_errors->len == before;
}
