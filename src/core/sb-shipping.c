/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-shipping.c: the contract's quote rule in integer arithmetic.
 * Volumetric grams are ceil(L·W·H mm³ / divisor) — the same as
 * L·W·H cm³ / divisor kilograms — the chargeable weight is the larger of
 * that and the actual weight, and the price is the zone's first price plus
 * one step price per started step above the first weight.  A refused
 * parcel keeps the numbers that explain the refusal, so the message can
 * say by how much it is over and what the limit is.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "sb-shipping.h"

static const char * const refusal_names[] = {
  "none", "no_zone", "batteries", "liquids", "side_too_long", "sum_of_sides", "too_heavy",
};

const char *
sb_refusal_to_string (SbRefusal refusal)
{
  g_return_val_if_fail ((guint) refusal < G_N_ELEMENTS (refusal_names), NULL);
  return refusal_names[refusal];
}

G_DEFINE_BOXED_TYPE (SbQuote, sb_quote, sb_quote_copy, sb_quote_free)

SbQuote *
sb_quote_new (void)
{
  return g_new0 (SbQuote, 1);
}

SbQuote *
sb_quote_copy (const SbQuote *quote)
{
  SbQuote *copy = g_memdup2 (quote, sizeof *quote);

  copy->carrier_id = g_strdup (quote->carrier_id);
  copy->carrier_name = g_strdup (quote->carrier_name);
  copy->destination = g_strdup (quote->destination);
  return copy;
}

/**
 * sb_quote_clear:
 *
 * Frees what @quote owns and zeroes it, for a quote on the stack.
 */
void
sb_quote_clear (SbQuote *quote)
{
  g_free (quote->carrier_id);
  g_free (quote->carrier_name);
  g_free (quote->destination);
  memset (quote, 0, sizeof *quote);
}

void
sb_quote_free (SbQuote *quote)
{
  if (quote == NULL)
    return;
  sb_quote_clear (quote);
  g_free (quote);
}

/* ceil(a / b) without overflow, b > 0. */
static guint64
ceil_div (guint64 a,
          guint64 b)
{
  return a / b + (a % b != 0 ? 1 : 0);
}

/**
 * sb_shipping_volumetric_g:
 *
 * Returns: ceil(length·width·height / volumetric_divisor) in grams, 0 when
 *   the carrier has no divisor, G_MAXUINT64 when the volume does not fit
 *   in 64 bits
 */
guint64
sb_shipping_volumetric_g (const SbCarrier *carrier,
                          const SbParcel  *parcel)
{
  guint64 volume;

  if (carrier->volumetric_divisor == 0)
    return 0;
  if (!g_uint64_checked_mul (&volume, parcel->length_mm, parcel->width_mm) ||
      !g_uint64_checked_mul (&volume, volume, parcel->height_mm))
    return G_MAXUINT64;
  return ceil_div (volume, carrier->volumetric_divisor);
}

/**
 * sb_shipping_quote:
 * @destination: (nullable): ISO 3166 code; %NULL checks only the limits
 * @out_quote: (out caller-allocates): zero-initialised (`g_auto(SbQuote) q = { 0 };`)
 *   or emptied with sb_quote_clear(); it is overwritten, not freed
 *
 * Applies the contract's quote rule.  The checks run in this order and
 * the first that fails is the refusal: no zone for @destination,
 * batteries, liquids, a side too long, the sum of sides, the chargeable
 * weight.
 *
 * Returns: %TRUE when @carrier takes @parcel
 */
gboolean
sb_shipping_quote (const SbCarrier *carrier,
                   const SbParcel  *parcel,
                   const char      *destination,
                   SbQuote         *out_quote)
{
  const guint sides[] = { parcel->length_mm, parcel->width_mm, parcel->height_mm };
  const SbCarrierZone *zone = NULL;
  guint64 sum = 0;
  guint longest = 0;

  g_return_val_if_fail (carrier != NULL && parcel != NULL && out_quote != NULL, FALSE);

  memset (out_quote, 0, sizeof *out_quote);
  out_quote->carrier_id = g_strdup (carrier->id);
  out_quote->carrier_name = g_strdup (carrier->name);
  out_quote->destination = g_strdup (destination);
  out_quote->weight_g = parcel->weight_g;
  out_quote->volumetric_g = sb_shipping_volumetric_g (carrier, parcel);
  out_quote->chargeable_g = MAX (out_quote->volumetric_g, (guint64) parcel->weight_g);

  if (destination != NULL)
    {
      zone = sb_carrier_find_zone (carrier, destination);
      if (zone == NULL)
        {
          out_quote->refusal = SB_REFUSAL_NO_ZONE;
          return FALSE;
        }
    }
  if (!sb_carrier_takes_batteries (carrier, parcel->batteries))
    {
      out_quote->refusal = SB_REFUSAL_BATTERIES;
      out_quote->batteries = parcel->batteries;
      return FALSE;
    }
  if (parcel->liquids && !carrier->liquids)
    {
      out_quote->refusal = SB_REFUSAL_LIQUIDS;
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      sum += sides[i];
      if (sides[i] > sides[longest])
        longest = i;
    }
  if (sides[longest] > carrier->max_side_mm)
    {
      out_quote->refusal = SB_REFUSAL_SIDE_TOO_LONG;
      out_quote->side = (SbSide) longest;
      out_quote->limit = carrier->max_side_mm;
      out_quote->over_by = sides[longest] - carrier->max_side_mm;
      return FALSE;
    }
  if (sum > carrier->max_sum_sides_mm)
    {
      out_quote->refusal = SB_REFUSAL_SUM_OF_SIDES;
      out_quote->limit = carrier->max_sum_sides_mm;
      out_quote->over_by = sum - carrier->max_sum_sides_mm;
      return FALSE;
    }
  if (out_quote->chargeable_g > carrier->max_weight_g)
    {
      out_quote->refusal = SB_REFUSAL_TOO_HEAVY;
      out_quote->limit = carrier->max_weight_g;
      out_quote->over_by = out_quote->chargeable_g - carrier->max_weight_g;
      return FALSE;
    }

  out_quote->refusal = SB_REFUSAL_NONE;
  if (zone != NULL)
    {
      guint64 steps = 0, extra = 0, price = 0;

      if (out_quote->chargeable_g > zone->first_weight_g)
        steps = ceil_div (out_quote->chargeable_g - zone->first_weight_g, zone->step_weight_g);
      /* Prices are non-negative (the parser refuses others). */
      if (!g_uint64_checked_mul (&extra, steps, (guint64) zone->step_price_minor) ||
          !g_uint64_checked_add (&price, (guint64) zone->first_price_minor, extra) ||
          price > G_MAXINT64)
        price = G_MAXINT64;
      out_quote->price_minor = (gint64) price;
      out_quote->has_price = TRUE;
      g_strlcpy (out_quote->currency, zone->currency, sizeof out_quote->currency);
      out_quote->days_min = zone->days_min;
      out_quote->days_max = zone->days_max;
    }
  return TRUE;
}

/**
 * sb_shipping_quote_all:
 * @carriers: (element-type SbCarrier)
 *
 * Returns: (transfer full) (element-type SbQuote): one quote per carrier,
 *   in the order of @carriers, refused ones included
 */
GPtrArray *
sb_shipping_quote_all (GPtrArray      *carriers,
                       const SbParcel *parcel,
                       const char     *destination)
{
  GPtrArray *quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_quote_free);

  for (guint i = 0; carriers != NULL && i < carriers->len; i++)
    {
      SbQuote *quote = sb_quote_new ();

      sb_shipping_quote (g_ptr_array_index (carriers, i), parcel, destination, quote);
      g_ptr_array_add (quotes, quote);
    }
  return quotes;
}

/**
 * sb_parcel_from_product:
 *
 * Fills @parcel with the package and dangerous goods of @product.
 */
void
sb_parcel_from_product (SbParcel        *parcel,
                        const SbProduct *product)
{
  parcel->weight_g = product->weight_g;
  parcel->length_mm = product->length_mm;
  parcel->width_mm = product->width_mm;
  parcel->height_mm = product->height_mm;
  parcel->batteries = product->batteries;
  parcel->liquids = product->liquids;
}

/* The ICU locale of the message language, "en" for C/POSIX. */
static char *
dup_number_locale (void)
{
  const char * const *names = g_get_language_names ();
  g_autofree char *name = g_strndup (names[0] != NULL ? names[0] : "C",
                                     strcspn (names[0] != NULL ? names[0] : "C", ".@"));

  if (g_str_equal (name, "C") || g_str_equal (name, "POSIX") || *name == '\0')
    return g_strdup ("en");
  return g_steal_pointer (&name);
}

/* @value with the message language's digit grouping: 2,000 or 2 000. */
static char *
format_count (guint64 value)
{
  g_autofree char *locale = dup_number_locale ();
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *format;
  UChar buffer[64];
  char out[256];
  int32_t len;

  if (value > G_MAXINT64)
    value = G_MAXINT64;
  format = unum_open (UNUM_DECIMAL, NULL, 0, locale, NULL, &status);
  if (U_FAILURE (status))
    return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  len = unum_formatInt64 (format, (int64_t) value, buffer, G_N_ELEMENTS (buffer), NULL, &status);
  unum_close (format);
  if (U_FAILURE (status) || len <= 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  u_strToUTF8 (out, sizeof out, NULL, buffer, len, &status);
  if (U_FAILURE (status))
    return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  return g_strdup (out);
}

/**
 * sb_quote_dup_reason:
 *
 * Returns: (transfer full) (nullable): why the carrier refuses the parcel,
 *   translated, e.g. “Too heavy by 350 g — K-Packet takes at most
 *   2,000 g.”, or %NULL when it takes it
 */
char *
sb_quote_dup_reason (const SbQuote *quote)
{
  const char *name = quote->carrier_name != NULL ? quote->carrier_name : quote->carrier_id;
  g_autofree char *over = format_count (quote->over_by);
  g_autofree char *limit = format_count (quote->limit);

  if (name == NULL)
    name = "";
  switch (quote->refusal)
    {
    case SB_REFUSAL_NONE:
      return NULL;

    case SB_REFUSAL_NO_ZONE:
      /* Translators: “K-Packet does not ship to BR.”; the second %s is a country code. */
      return g_strdup_printf (_("%s does not ship to %s."), name,
                              quote->destination != NULL ? quote->destination : "");

    case SB_REFUSAL_BATTERIES:
      switch (quote->batteries)
        {
        case SB_BATTERIES_INSTALLED:
          return g_strdup_printf (_("%s does not take goods with batteries installed in them."), name);
        case SB_BATTERIES_PACKED:
          return g_strdup_printf (_("%s does not take batteries packed with the goods."), name);
        case SB_BATTERIES_STANDALONE:
        case SB_BATTERIES_NONE:
        default:
          return g_strdup_printf (_("%s does not take batteries shipped on their own."), name);
        }

    case SB_REFUSAL_LIQUIDS:
      return g_strdup_printf (_("%s does not take liquids."), name);

    case SB_REFUSAL_SIDE_TOO_LONG:
      switch (quote->side)
        {
        case SB_SIDE_WIDTH:
          /* Translators: “The width is 50 mm too long — K-Packet takes at most 600 mm on any side.” */
          return g_strdup_printf (_("The width is %s mm too long — %s takes at most %s mm on any side."),
                                  over, name, limit);
        case SB_SIDE_HEIGHT:
          return g_strdup_printf (_("The height is %s mm too long — %s takes at most %s mm on any side."),
                                  over, name, limit);
        case SB_SIDE_LENGTH:
        default:
          return g_strdup_printf (_("The length is %s mm too long — %s takes at most %s mm on any side."),
                                  over, name, limit);
        }

    case SB_REFUSAL_SUM_OF_SIDES:
      /* Translators: “Length + width + height is 100 mm too much — K-Packet takes at most 900 mm in total.” */
      return g_strdup_printf (_("Length + width + height is %s mm too much — %s takes at most %s mm in total."),
                              over, name, limit);

    case SB_REFUSAL_TOO_HEAVY:
      if (quote->volumetric_g > quote->weight_g)
        {
          g_autofree char *volumetric = format_count (quote->volumetric_g);

          /* Translators: “Too heavy by 350 g: the volumetric weight is 2,350 g — K-Packet takes at most 2,000 g.” */
          return g_strdup_printf (_("Too heavy by %s g: the volumetric weight is %s g — %s takes at most %s g."),
                                  over, volumetric, name, limit);
        }
      /* Translators: “Too heavy by 350 g — K-Packet takes at most 2,000 g.” */
      return g_strdup_printf (_("Too heavy by %s g — %s takes at most %s g."), over, name, limit);

    default:
      break;
    }
  return NULL;
}
