/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-net.c: `sellbridge-cli net PRICE CURRENCY --category ID --carrier
 * ID --to COUNTRY --weight-g N --size LxWxH` prints what the seller nets in
 * the payout currency after the category's commission and the carrier's
 * shipping to the destination, and `sellbridge-cli price-for-net NET
 * CURRENCY …` the smallest price in CURRENCY that nets at least NET, with
 * the breakdown at that price.  Both share their setup: the categories,
 * carriers and exchange rates come from --categories, --carriers and
 * --rates files (the marketplace's reference JSON) or else from the copies
 * cached in the catalogue (--db FILE or the default); the payout currency
 * from --payout, else the seller profile, else the price's currency.  Exit
 * status 0 on success, 1 for rejected input, 2 for usage errors.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sb-carrier.h"
#include "sb-category.h"
#include "sb-cli-common.h"
#include "sb-cli-net.h"
#include "sb-currency.h"
#include "sb-money.h"
#include "sb-pricing.h"
#include "sb-rates.h"
#include "sb-shipping.h"
#include "sb-store.h"

#define EXIT_OK 0
#define EXIT_REJECTED 1
#define EXIT_USAGE 2

typedef struct {
  const char *command;
  char       *db_path;     /* the catalogue; NULL until needed */
  SbStore    *store;       /* (nullable) opened lazily */
  gboolean    store_tried;
} NetContext;

static void
net_context_clear (NetContext *ctx)
{
  g_clear_object (&ctx->store);
  g_clear_pointer (&ctx->db_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NetContext, net_context_clear)

static int
fail (const NetContext *ctx,
      int               status,
      const char       *message)
{
  g_printerr ("sellbridge-cli %s: %s\n", ctx->command, message);
  return status;
}

/* The catalogue, or NULL when there is none (it is never created). */
static SbStore *
get_store (NetContext *ctx)
{
  g_autoptr(GError) error = NULL;

  if (ctx->store_tried)
    return ctx->store;
  ctx->store_tried = TRUE;
  if (ctx->db_path == NULL)
    ctx->db_path = sb_store_dup_default_path ();
  if (!g_file_test (ctx->db_path, G_FILE_TEST_EXISTS))
    return NULL;
  ctx->store = sb_store_open_full (ctx->db_path, SB_STORE_OPEN_READ_ONLY, &error);
  if (ctx->store == NULL)
    g_printerr ("sellbridge-cli %s: %s\n", ctx->command, error->message);
  return ctx->store;
}

static GBytes *
read_file (const char  *path,
           GError     **error)
{
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (length > G_MAXSSIZE)
    {
      g_free (contents);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The file %s is too large."), path);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

/* The first of @kinds cached in the catalogue, or NULL. */
static GBytes *
cached (NetContext         *ctx,
        const char * const *kinds)
{
  SbStore *store = get_store (ctx);

  if (store == NULL)
    return NULL;
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;

      if (sb_store_get_reference (store, kinds[i], &body, NULL, NULL, &error) && body != NULL)
        return g_steal_pointer (&body);
    }
  return NULL;
}

/* The payout currency of the stored seller profile, or NULL. */
static char *
seller_payout_currency (NetContext *ctx)
{
  SbStore *store = get_store (ctx);
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  const char *code;

  if (store == NULL)
    return NULL;
  json = sb_store_load_seller_json (store, NULL);
  if (json == NULL)
    return NULL;
  root = json_from_string (json, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  code = json_object_get_string_member_with_default (object, "payout_currency", NULL);
  if (g_strcmp0 (code, "KRW") != 0 && g_strcmp0 (code, "RUB") != 0 && g_strcmp0 (code, "USD") != 0)
    return NULL;
  return g_strdup (code);
}

/* "-5" and "-0.5" are (negative) amounts, not options. */
static gboolean
looks_like_number (const char *arg)
{
  return arg[0] == '-' && (g_ascii_isdigit (arg[1]) || arg[1] == '.');
}

static void
add_money (JsonBuilder   *builder,
           const char    *name,
           const SbMoney *money)
{
  g_autofree char *amount = sb_money_to_decimal (money);

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_string_value (builder, amount);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, money->currency);
  json_builder_end_object (builder);
}

static char *
money_text (const SbMoney *money)
{
  g_autofree char *amount = sb_money_to_decimal (money);

  return g_strdup_printf ("%s %s", amount, money->currency);
}

static void
print_result (gboolean                json,
              const SbMoney          *price,
              const SbMoney          *target,
              const char             *commission_rate,
              const SbQuote          *quote,
              const SbPriceBreakdown *breakdown,
              const SbMoney          *listing_usd)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      add_money (builder, "price", price);
      if (target != NULL)
        add_money (builder, "target_net", target);
      json_builder_set_member_name (builder, "payout_currency");
      json_builder_add_string_value (builder, breakdown->net.currency);
      json_builder_set_member_name (builder, "commission_rate");
      json_builder_add_string_value (builder, commission_rate);
      json_builder_set_member_name (builder, "carrier");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, quote->carrier_id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, quote->carrier_name);
      json_builder_set_member_name (builder, "destination");
      json_builder_add_string_value (builder, quote->destination);
      json_builder_set_member_name (builder, "chargeable_g");
      json_builder_add_int_value (builder, (gint64) MIN (quote->chargeable_g, (guint64) G_MAXINT64));
      json_builder_set_member_name (builder, "days_min");
      json_builder_add_int_value (builder, quote->days_min);
      json_builder_set_member_name (builder, "days_max");
      json_builder_add_int_value (builder, quote->days_max);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "breakdown");
      json_builder_begin_object (builder);
      add_money (builder, "price", &breakdown->price);
      add_money (builder, "commission", &breakdown->commission);
      add_money (builder, "shipping", &breakdown->shipping);
      add_money (builder, "net", &breakdown->net);
      json_builder_end_object (builder);
      if (listing_usd != NULL)
        add_money (builder, "listing_price_usd", listing_usd);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      text = json_to_string (root, TRUE);
      g_print ("%s\n", text);
      return;
    }

  {
    g_autofree char *price_text = money_text (price);
    g_autofree char *bd_price = money_text (&breakdown->price);
    g_autofree char *commission = money_text (&breakdown->commission);
    g_autofree char *shipping = money_text (&breakdown->shipping);
    g_autofree char *net = money_text (&breakdown->net);

    if (target != NULL)
      {
        g_autofree char *target_text = money_text (target);

        /* Translators: price-for-net; %s is an amount with its code, e.g. “12900 KRW”. */
        g_print (_("To net at least %s, ask %s.\n"), target_text, price_text);
      }
    if (strcmp (price->currency, breakdown->price.currency) == 0)
      /* Translators: a line of the net breakdown; %s is e.g. “12900 KRW”. */
      g_print (_("Price:       %s\n"), bd_price);
    else
      /* Translators: a line of the net breakdown; the price and its value in the payout currency. */
      g_print (_("Price:       %s (%s)\n"), price_text, bd_price);
    /* Translators: a line of the net breakdown; the amount, then the commission rate as a decimal fraction such as 0.08. */
    g_print (_("Commission:  −%s (rate %s)\n"), commission, commission_rate);
    /* Translators: a line of the net breakdown; the amount, the carrier's name and the delivery days, e.g. “7–15”. */
    g_print (_("Shipping:    −%s (%s, %u–%u days)\n"), shipping,
             quote->carrier_name != NULL ? quote->carrier_name : quote->carrier_id,
             quote->days_min, quote->days_max);
    /* Translators: the last line of the net breakdown: what the seller is paid. */
    g_print (_("Net:         %s\n"), net);
    if (listing_usd != NULL)
      {
        g_autofree char *usd = money_text (listing_usd);

        /* Translators: the price as the marketplace lists it, in US dollars. */
        g_print (_("Listed at:   %s\n"), usd);
      }
  }
}

static int
run (int         argc,
     char      **argv,
     gboolean    inverse)
{
  g_auto(NetContext) ctx = { inverse ? "price-for-net" : "net", NULL, NULL, FALSE };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *category_id = NULL;
  g_autofree char *carrier_id = NULL;
  g_autofree char *to = NULL;
  g_autofree char *weight = NULL;
  g_autofree char *size = NULL;
  g_autofree char *batteries = NULL;
  g_autofree char *payout_option = NULL;
  g_autofree char *payout = NULL;
  g_autofree char *categories_file = NULL;
  g_autofree char *carriers_file = NULL;
  g_autofree char *rates_file = NULL;
  g_autofree char *currency = NULL;
  g_autofree char **args = NULL;
  g_autofree char *negative = NULL;
  g_autoptr(GBytes) categories_data = NULL;
  g_autoptr(GBytes) rates_data = NULL;
  g_autoptr(SbCategoryTree) tree = NULL;
  g_autoptr(GPtrArray) carriers = NULL;
  g_autoptr(SbRates) rates = NULL;
  g_auto(SbQuote) quote = { 0 };
  const SbCategory *category;
  const SbCarrier *carrier = NULL;
  const char *amount_text;
  gboolean liquids = FALSE, json = FALSE;
  gint64 minor = 0;
  int n_args = 0;
  SbMoney amount, price, shipping, listing_usd;
  gboolean has_listing = FALSE;
  SbPriceBreakdown breakdown = { { 0, "" }, { 0, "" }, { 0, "" }, { 0, "" } };
  SbParcel parcel = { 0, 0, 0, 0, SB_BATTERIES_NONE, FALSE };
  const GOptionEntry entries[] = {
    { "category", 0, 0, G_OPTION_ARG_STRING, &category_id, N_("The product’s category (a leaf of the category tree)"), N_("ID") },
    { "carrier", 0, 0, G_OPTION_ARG_STRING, &carrier_id, N_("The carrier that ships the parcel, e.g. kr_kpacket"), N_("ID") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Destination country, a two-letter code such as RU or KZ"), N_("COUNTRY") },
    { "weight-g", 0, 0, G_OPTION_ARG_STRING, &weight, N_("Weight of the packed parcel in grams"), N_("GRAMS") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, N_("Length, width and height of the package in millimetres"), N_("LxWxH") },
    { "batteries", 0, 0, G_OPTION_ARG_STRING, &batteries, N_("Batteries: none, installed, packed or standalone"), N_("KIND") },
    { "liquids", 0, 0, G_OPTION_ARG_NONE, &liquids, N_("The goods contain liquids"), NULL },
    { "payout", 0, 0, G_OPTION_ARG_STRING, &payout_option, N_("Payout currency: KRW, RUB or USD (default: the seller profile’s, else the price’s currency)"), N_("CODE") },
    { "categories", 0, 0, G_OPTION_ARG_FILENAME, &categories_file, N_("The categories, as JSON from GET /v1/reference/categories (default: the catalogue’s cached copy)"), N_("FILE") },
    { "carriers", 0, 0, G_OPTION_ARG_FILENAME, &carriers_file, N_("The carriers, as JSON from GET /v1/reference/carriers (default: the catalogue’s cached copy)"), N_("FILE") },
    { "rates", 0, 0, G_OPTION_ARG_FILENAME, &rates_file, N_("Exchange rates, as JSON from GET /v1/reference/currencies (default: the catalogue’s cached copy)"), N_("FILE") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &ctx.db_path, N_("The catalogue whose cached reference data and seller profile to use"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };

  if (inverse)
    /* Translators: the usage line of sellbridge-cli price-for-net. */
    context = g_option_context_new (_("NET CURRENCY — find the smallest price that nets at least NET"));
  else
    /* Translators: the usage line of sellbridge-cli net. */
    context = g_option_context_new (_("PRICE CURRENCY — show what a price nets after commission and shipping"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("Example: sellbridge-cli net 12900 KRW --category 1001 --carrier kr_kpacket --to RU --weight-g 250 --size 300x200x30\n"
                                      "Exits with 0 on success, 1 when the input is rejected, 2 on usage errors."));

  /* A negative amount is an argument to reject, not an unknown option. */
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    {
      if (i > 0 && negative == NULL && looks_like_number (argv[i]))
        negative = g_strdup (argv[i]);
      else
        args[n_args++] = argv[i];
    }
  {
    char **parse_argv = args;

    if (!g_option_context_parse (context, &n_args, &parse_argv, &error))
      return fail (&ctx, EXIT_USAGE, error->message);
  }
  if (negative != NULL ? n_args != 2 : n_args != 3)
    return fail (&ctx, EXIT_USAGE,
                 inverse ? _("give the amount to net and its currency, e.g. 5000 KRW; see --help.")
                         : _("give the price and its currency, e.g. 12900 KRW; see --help."));
  amount_text = negative != NULL ? negative : args[1];
  currency = g_ascii_strup (args[n_args - 1], -1);
  if (category_id == NULL || carrier_id == NULL || to == NULL || weight == NULL || size == NULL)
    return fail (&ctx, EXIT_USAGE, _("--category, --carrier, --to, --weight-g and --size are required."));

  /* The parcel */
  {
    char *upper = g_ascii_strup (to, -1);

    g_free (to);
    to = upper;
  }
  if (strlen (to) != 2 || !g_ascii_isalpha (to[0]) || !g_ascii_isalpha (to[1]))
    return fail (&ctx, EXIT_REJECTED, _("--to must be a two-letter country code such as RU or KZ."));
  if (!sb_cli_parse_positive (weight, &parcel.weight_g))
    {
      g_autofree char *message = g_strdup_printf (_("the weight “%s” is not a whole number of grams greater than zero."), weight);

      return fail (&ctx, EXIT_REJECTED, message);
    }
  if (!sb_cli_parse_size (size, &parcel))
    {
      g_autofree char *message = g_strdup_printf (_("the size “%s” is not LxWxH in whole millimetres greater than zero, like 300x200x30."), size);

      return fail (&ctx, EXIT_REJECTED, message);
    }
  if (batteries != NULL && !sb_batteries_from_string (batteries, &parcel.batteries))
    {
      g_autofree char *message = g_strdup_printf (_("unknown battery kind “%s”; use none, installed, packed or standalone."), batteries);

      return fail (&ctx, EXIT_REJECTED, message);
    }
  parcel.liquids = liquids;

  if (payout_option != NULL)
    {
      payout = g_ascii_strup (payout_option, -1);
      if (strcmp (payout, "KRW") != 0 && strcmp (payout, "RUB") != 0 && strcmp (payout, "USD") != 0)
        return fail (&ctx, EXIT_REJECTED, _("--payout must be KRW, RUB or USD."));
    }

  /* The category */
  if (categories_file != NULL)
    {
      categories_data = read_file (categories_file, &error);
      if (categories_data == NULL)
        return fail (&ctx, EXIT_USAGE, error->message);
    }
  else
    {
      const char * const kinds[] = { "categories:en", "categories:ko", "categories:ru", NULL };

      categories_data = cached (&ctx, kinds);
      if (categories_data == NULL)
        return fail (&ctx, EXIT_USAGE, _("no categories are cached in the catalogue; give them with --categories FILE, or the catalogue with --db FILE."));
    }
  tree = sb_category_tree_new_from_data (g_bytes_get_data (categories_data, NULL),
                                         (gssize) g_bytes_get_size (categories_data), &error);
  if (tree == NULL)
    return fail (&ctx, EXIT_REJECTED, error->message);
  category = sb_category_tree_lookup (tree, category_id);
  if (category == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("there is no category “%s”."), category_id);

      return fail (&ctx, EXIT_REJECTED, message);
    }
  if (!category->leaf || category->commission_rate == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("the category “%s” has subcategories; choose one of them."), category_id);

      return fail (&ctx, EXIT_REJECTED, message);
    }

  /* The carrier and its charge */
  if (carriers_file != NULL)
    {
      g_autoptr(GBytes) data = read_file (carriers_file, &error);

      if (data == NULL)
        return fail (&ctx, EXIT_USAGE, error->message);
      carriers = sb_carrier_list_new_from_data (g_bytes_get_data (data, NULL),
                                                (gssize) g_bytes_get_size (data), &error);
      if (carriers == NULL)
        return fail (&ctx, EXIT_REJECTED, error->message);
      carrier = sb_carrier_list_find (carriers, carrier_id);
    }
  else
    {
      const char *origins[] = { "KR", "RU" };
      gboolean any = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (origins) && carrier == NULL; i++)
        {
          g_autofree char *kind = g_strconcat ("carriers:", origins[i], NULL);
          const char * const kinds[] = { kind, NULL };
          g_autoptr(GBytes) data = cached (&ctx, kinds);

          if (data == NULL)
            continue;
          any = TRUE;
          g_clear_pointer (&carriers, g_ptr_array_unref);
          carriers = sb_carrier_list_new_from_data (g_bytes_get_data (data, NULL),
                                                    (gssize) g_bytes_get_size (data), &error);
          if (carriers == NULL)
            return fail (&ctx, EXIT_REJECTED, error->message);
          carrier = sb_carrier_list_find (carriers, carrier_id);
        }
      if (!any)
        return fail (&ctx, EXIT_USAGE, _("no carriers are cached in the catalogue; give them with --carriers FILE, or the catalogue with --db FILE."));
    }
  if (carrier == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("there is no carrier “%s”."), carrier_id);

      return fail (&ctx, EXIT_REJECTED, message);
    }
  sb_shipping_quote (carrier, &parcel, to, &quote);
  if (quote.refusal != SB_REFUSAL_NONE || !quote.has_price)
    {
      g_autofree char *reason = sb_quote_dup_reason (&quote);

      return fail (&ctx, EXIT_REJECTED, reason);
    }
  sb_money_init (&shipping, quote.price_minor, quote.currency);

  /* The rates are optional: only a conversion needs them. */
  if (rates_file != NULL)
    {
      rates_data = read_file (rates_file, &error);
      if (rates_data == NULL)
        return fail (&ctx, EXIT_USAGE, error->message);
    }
  else
    {
      const char * const kinds[] = { "currencies", NULL };

      rates_data = cached (&ctx, kinds);
    }
  if (rates_data != NULL)
    {
      rates = sb_rates_new_from_data (g_bytes_get_data (rates_data, NULL),
                                      (gssize) g_bytes_get_size (rates_data), &error);
      if (rates == NULL)
        return fail (&ctx, EXIT_REJECTED, error->message);
    }

  if (payout == NULL)
    payout = seller_payout_currency (&ctx);
  if (payout == NULL)
    payout = g_strdup (currency);

  /* The amount */
  if (!sb_currency_parse_decimal (amount_text, inverse ? payout : currency, &minor, &error))
    {
      g_autofree char *message = g_strdup_printf ("“%s %s”: %s", amount_text, inverse ? payout : currency, error->message);

      return fail (&ctx, EXIT_REJECTED, message);
    }
  if (minor < 0)
    {
      g_autofree char *message = g_strdup_printf (_("the amount “%s” is negative; give zero or more."), amount_text);

      return fail (&ctx, EXIT_REJECTED, message);
    }
  sb_money_init (&amount, minor, inverse ? payout : currency);

  if (inverse)
    {
      if (!sb_pricing_price_for_net (rates, &amount, currency, category->commission_rate,
                                     &shipping, &price, &error))
        {
          if (g_error_matches (error, SB_PRICING_ERROR, SB_PRICING_ERROR_NO_RATES))
            return fail (&ctx, EXIT_REJECTED, _("exchange rates are needed for this conversion but none are cached; give them with --rates FILE."));
          return fail (&ctx, EXIT_REJECTED, error->message);
        }
    }
  else
    price = amount;

  if (!sb_pricing_compute_net (rates, &price, category->commission_rate, &shipping,
                               payout, &breakdown, &error))
    {
      if (g_error_matches (error, SB_PRICING_ERROR, SB_PRICING_ERROR_NO_RATES))
        return fail (&ctx, EXIT_REJECTED, _("exchange rates are needed for this conversion but none are cached; give them with --rates FILE."));
      return fail (&ctx, EXIT_REJECTED, error->message);
    }
  if (rates != NULL)
    {
      g_autoptr(GError) usd_error = NULL;

      has_listing = sb_pricing_listing_price_usd (rates, &price, &listing_usd, &usd_error);
    }

  print_result (json, &price, inverse ? &amount : NULL, category->commission_rate,
                &quote, &breakdown, has_listing ? &listing_usd : NULL);
  return EXIT_OK;
}

int
sb_cli_net (int    argc,
            char **argv)
{
  return run (argc, argv, FALSE);
}

int
sb_cli_price_for_net (int    argc,
                      char **argv)
{
  return run (argc, argv, TRUE);
}
