/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-rates.c: SbRates, an immutable table of exchange rates built from the
 * body of GET /v1/reference/currencies — {"base": "USD", "as_of": "…",
 * "rates": {"KRW": "1385.20", …}}, rates[X] being units of X per one unit
 * of the base.  Every member is type-checked (bad data is a GError, never
 * a critical), rates stay the exact strings the server sent, and
 * conversion is amount / rate_from × rate_to on wide integers, rounded
 * once, half away from zero, to the target currency's minor unit.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-currency.h"
#include "sb-decimal.h"
#include "sb-rates.h"

G_DEFINE_QUARK (sb-rates-error-quark, sb_rates_error)

typedef struct {
  char      *text;   /* exactly as the server sent it */
  SbDecimal  value;
} Rate;

struct _SbRates
{
  GObject     parent_instance;

  /* Owned references, set once at construction. */
  char       *base;
  GDateTime  *as_of;
  GHashTable *rates;  /* code (owned) → Rate (owned) */
};

G_DEFINE_FINAL_TYPE (SbRates, sb_rates, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE,
  PROP_AS_OF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rate_free (gpointer data)
{
  Rate *rate = data;

  g_free (rate->text);
  g_free (rate);
}

static gboolean
code_is_well_formed (const char *code)
{
  return code != NULL && strlen (code) == 3 &&
         g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]) && g_ascii_isupper (code[2]);
}

/* The string value of @object's member @name, or NULL when it is missing
 * or is not a JSON string. */
static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
set_missing_field_error (GError     **error,
                         const char  *field)
{
  g_set_error (error, SB_RATES_ERROR, SB_RATES_ERROR_INVALID,
               /* Translators: %s is a field name of the marketplace's data, e.g. "as_of". */
               _("The exchange rates are damaged: the field “%s” is missing or is not text. Download the rates again."),
               field);
}

static void
sb_rates_finalize (GObject *object)
{
  SbRates *self = SB_RATES (object);

  g_clear_pointer (&self->base, g_free);
  g_clear_pointer (&self->as_of, g_date_time_unref);
  g_clear_pointer (&self->rates, g_hash_table_unref);

  G_OBJECT_CLASS (sb_rates_parent_class)->finalize (object);
}

static void
sb_rates_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SbRates *self = SB_RATES (object);

  switch (prop_id)
    {
    case PROP_BASE:
      g_value_set_string (value, self->base);
      break;
    case PROP_AS_OF:
      g_value_set_boxed (value, self->as_of);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_rates_class_init (SbRatesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_rates_finalize;
  object_class->get_property = sb_rates_get_property;

  /**
   * SbRates:base:
   *
   * The currency the rates are quoted against ("USD").
   */
  properties[PROP_BASE] =
    g_param_spec_string ("base", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbRates:as-of:
   *
   * When the marketplace fixed these rates.
   */
  properties[PROP_AS_OF] =
    g_param_spec_boxed ("as-of", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_rates_init (SbRates *self)
{
  self->rates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, rate_free);
}

/**
 * sb_rates_new_from_json:
 * @root: the parsed body of GET /v1/reference/currencies
 *
 * Members other than base, as_of and rates are ignored.  The base currency
 * gets the rate "1" when the server left it out; a different rate for it
 * is an error.
 *
 * Returns: (transfer full): the rates, or %NULL with @error set when
 *   @root does not follow the contract
 */
SbRates *
sb_rates_new_from_json (JsonNode  *root,
                        GError   **error)
{
  g_autoptr(SbRates) self = NULL;
  JsonObject *object, *rates;
  JsonNode *rates_node;
  JsonObjectIter iter;
  const char *code, *as_of;
  JsonNode *node;
  Rate *base_rate;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, SB_RATES_ERROR, SB_RATES_ERROR_INVALID,
                           _("The exchange rates are damaged: the data is not a JSON object. Download the rates again."));
      return NULL;
    }
  object = json_node_get_object (root);
  self = g_object_new (SB_TYPE_RATES, NULL);

  code = get_string_member (object, "base");
  if (code == NULL)
    {
      set_missing_field_error (error, "base");
      return NULL;
    }
  if (!code_is_well_formed (code))
    {
      g_set_error (error, SB_RATES_ERROR, SB_RATES_ERROR_INVALID,
                   _("The exchange rates are damaged: “%s” is not a currency code. Download the rates again."),
                   code);
      return NULL;
    }
  self->base = g_strdup (code);

  as_of = get_string_member (object, "as_of");
  if (as_of == NULL)
    {
      set_missing_field_error (error, "as_of");
      return NULL;
    }
  self->as_of = g_date_time_new_from_iso8601 (as_of, NULL);
  if (self->as_of == NULL)
    {
      g_set_error (error, SB_RATES_ERROR, SB_RATES_ERROR_INVALID,
                   _("The exchange rates are damaged: “%s” is not a date and time with a time zone. Download the rates again."),
                   as_of);
      return NULL;
    }

  rates_node = json_object_get_member (object, "rates");
  if (rates_node == NULL || !JSON_NODE_HOLDS_OBJECT (rates_node))
    {
      g_set_error_literal (error, SB_RATES_ERROR, SB_RATES_ERROR_INVALID,
                           _("The exchange rates are damaged: the list of rates is missing. Download the rates again."));
      return NULL;
    }
  rates = json_node_get_object (rates_node);
  json_object_iter_init (&iter, rates);
  while (json_object_iter_next (&iter, &code, &node))
    {
      Rate *rate;

      if (!code_is_well_formed (code))
        {
          g_set_error (error, SB_RATES_ERROR, SB_RATES_ERROR_INVALID,
                       _("The exchange rates are damaged: “%s” is not a currency code. Download the rates again."),
                       code);
          return NULL;
        }
      rate = g_new0 (Rate, 1);
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        rate->text = g_strdup (json_node_get_string (node));
      if (rate->text == NULL || !sb_decimal_parse (rate->text, &rate->value) ||
          sb_decimal_is_zero (&rate->value))
        {
          g_autofree char *shown = NULL;

          shown = rate->text != NULL ? g_strdup (rate->text) : json_to_string (node, FALSE);
          g_set_error (error, SB_RATES_ERROR, SB_RATES_ERROR_INVALID,
                       /* Translators: the first %s is a currency code, the
                        * second what the server sent as its rate. */
                       _("The exchange rates are damaged: the rate of %s, %s, is not a positive decimal number. Download the rates again."),
                       code, shown);
          rate_free (rate);
          return NULL;
        }
      g_hash_table_replace (self->rates, g_strdup (code), rate);
    }

  base_rate = g_hash_table_lookup (self->rates, self->base);
  if (base_rate == NULL)
    {
      base_rate = g_new0 (Rate, 1);
      base_rate->text = g_strdup ("1");
      sb_decimal_parse (base_rate->text, &base_rate->value);
      g_hash_table_replace (self->rates, g_strdup (self->base), base_rate);
    }
  else
    {
      SbDecimal one = { 1, 0 };

      if (sb_decimal_compare (&base_rate->value, &one) != 0)
        {
          g_set_error (error, SB_RATES_ERROR, SB_RATES_ERROR_INVALID,
                       _("The exchange rates are damaged: the base currency %s has the rate “%s” instead of 1. Download the rates again."),
                       self->base, base_rate->text);
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

/**
 * sb_rates_new_from_data:
 * @json: the body of GET /v1/reference/currencies
 * @len: its length in bytes, or -1 when it is NUL-terminated
 *
 * Returns: (transfer full): the rates, or %NULL with @error set
 */
SbRates *
sb_rates_new_from_data (const char  *json,
                        gssize       len,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  if (!json_parser_load_from_data (parser, json, len, &local_error))
    {
      g_set_error (error, SB_RATES_ERROR, SB_RATES_ERROR_INVALID,
                   _("The exchange rates could not be read: %s"), local_error->message);
      return NULL;
    }
  return sb_rates_new_from_json (json_parser_get_root (parser), error);
}

/**
 * sb_rates_get_base:
 *
 * Returns: the ISO 4217 code the rates are quoted against
 */
const char *
sb_rates_get_base (SbRates *rates)
{
  g_return_val_if_fail (SB_IS_RATES (rates), NULL);
  return rates->base;
}

/**
 * sb_rates_get_as_of:
 *
 * Returns: (transfer none): when the marketplace fixed these rates
 */
GDateTime *
sb_rates_get_as_of (SbRates *rates)
{
  g_return_val_if_fail (SB_IS_RATES (rates), NULL);
  return rates->as_of;
}

/**
 * sb_rates_is_stale:
 * @now: the current time
 *
 * Returns: %TRUE when the rates are more than 24 hours older than @now
 */
gboolean
sb_rates_is_stale (SbRates   *rates,
                   GDateTime *now)
{
  g_return_val_if_fail (SB_IS_RATES (rates), TRUE);
  g_return_val_if_fail (now != NULL, TRUE);
  return g_date_time_difference (now, rates->as_of) > G_TIME_SPAN_DAY;
}

/**
 * sb_rates_has:
 *
 * Returns: %TRUE when there is a rate for @code
 */
gboolean
sb_rates_has (SbRates    *rates,
              const char *code)
{
  g_return_val_if_fail (SB_IS_RATES (rates), FALSE);
  return code != NULL && g_hash_table_contains (rates->rates, code);
}

/**
 * sb_rates_get_rate_string:
 *
 * Returns: (nullable): the rate of @code exactly as the server sent it,
 *   e.g. "1385.20", or %NULL when there is none
 */
const char *
sb_rates_get_rate_string (SbRates    *rates,
                          const char *code)
{
  Rate *rate;

  g_return_val_if_fail (SB_IS_RATES (rates), NULL);
  if (code == NULL)
    return NULL;
  rate = g_hash_table_lookup (rates->rates, code);
  return rate != NULL ? rate->text : NULL;
}

/* g_ptr_array_sort passes pointers to the elements. */
static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * sb_rates_dup_codes:
 *
 * Returns: (transfer full): the codes that have a rate, sorted
 */
char **
sb_rates_dup_codes (SbRates *rates)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (SB_IS_RATES (rates), NULL);
  g_hash_table_iter_init (&iter, rates->rates);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (codes, g_strdup (key));
  g_ptr_array_sort (codes, compare_codes);
  g_ptr_array_add (codes, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&codes), FALSE);
}

static const Rate *
lookup_rate (SbRates     *rates,
             const char  *code,
             GError     **error)
{
  Rate *rate = g_hash_table_lookup (rates->rates, code);

  if (rate == NULL)
    g_set_error (error, SB_RATES_ERROR, SB_RATES_ERROR_MISSING_CURRENCY,
                 _("There is no exchange rate for %s. Download the exchange rates again or use another currency."),
                 code);
  return rate;
}

/**
 * sb_rates_convert:
 * @from: the amount to convert
 * @to: the ISO 4217 code to convert to
 * @out: (out caller-allocates): the converted amount; may be @from
 *
 * Computes @from / rate(@from) × rate(@to) exactly and rounds the result
 * once, half away from zero, to @to's minor unit: 12900 KRW at 1385.20 is
 * 9.31 USD, −0.005 rounds to −0.01.  Converting to the same currency gives
 * the amount back unchanged.
 *
 * Returns: %FALSE when a currency is unknown or has no rate, or when the
 *   result does not fit in 64 bits; @out is then untouched
 */
gboolean
sb_rates_convert (SbRates        *rates,
                  const SbMoney  *from,
                  const char     *to,
                  SbMoney        *out,
                  GError        **error)
{
  const char *unknown = NULL;
  const Rate *rate_from, *rate_to;
  int minor_from, minor_to, exp10;
  gint64 minor;

  g_return_val_if_fail (SB_IS_RATES (rates), FALSE);
  g_return_val_if_fail (from != NULL && out != NULL, FALSE);

  minor_from = sb_currency_get_minor_units (from->currency);
  minor_to = sb_currency_get_minor_units (to);
  if (minor_from < 0)
    unknown = from->currency;
  else if (minor_to < 0)
    unknown = to != NULL ? to : "";
  if (unknown != NULL)
    {
      g_set_error (error, SB_RATES_ERROR, SB_RATES_ERROR_UNKNOWN_CURRENCY,
                   _("“%s” is not a currency code. Use a three-letter ISO 4217 code such as KRW, RUB or USD."),
                   unknown);
      return FALSE;
    }
  if (strcmp (from->currency, to) == 0)
    {
      *out = *from;
      return TRUE;
    }
  rate_from = lookup_rate (rates, from->currency, error);
  if (rate_from == NULL)
    return FALSE;
  rate_to = lookup_rate (rates, to, error);
  if (rate_to == NULL)
    return FALSE;

  /* amount = A·10^-mf, rates Rf·10^-sf and Rt·10^-st; in minor units of
   * the target: A · Rt · 10^(sf + mt − mf − st) / Rf. */
  exp10 = (int) rate_from->value.scale + minor_to - minor_from - (int) rate_to->value.scale;
  if (!sb_decimal_mul_div (from->minor, rate_to->value.mantissa, rate_from->value.mantissa,
                           exp10, &minor))
    {
      g_autofree char *amount = sb_money_to_decimal (from);

      g_set_error (error, SB_RATES_ERROR, SB_RATES_ERROR_OVERFLOW,
                   /* Translators: "12900 KRW is too large to convert to USD." */
                   _("%s %s is too large to convert to %s."), amount, from->currency, to);
      return FALSE;
    }
  sb_money_init (out, minor, to);
  return TRUE;
}
