/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-quote.c: `sellbridge-cli quote --from KR --to RU --weight-g 250
 * --size 300x200x30 --carriers FILE` applies the contract's quote rule to
 * every carrier of the origin and prints a table (or `--json`): the price
 * and delivery days of each carrier that takes the parcel and the reason
 * of each that does not.  Exit status: 0 when at least one carrier takes
 * the parcel, 1 when none does or the input is wrong, 2 on usage errors.
 *
 * The carriers come from --carriers FILE (the JSON of GET
 * /v1/reference/carriers), or else from the copy the catalogue caches
 * when it syncs ("carriers:KR"), in --db FILE or the default catalogue.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sb-carrier.h"
#include "sb-cli-common.h"
#include "sb-cli-quote.h"
#include "sb-currency.h"
#include "sb-shipping.h"
#include "sb-store.h"

#define PREFIX "sellbridge-cli quote: "

static gboolean
is_country_code (const char *code)
{
  return code != NULL && strlen (code) == 2 && g_ascii_isalpha (code[0]) && g_ascii_isalpha (code[1]);
}

static char *
format_price (const SbQuote *quote)
{
  g_autofree char *amount = sb_currency_format_decimal (quote->price_minor, quote->currency);

  return g_strdup_printf ("%s %s", amount, quote->currency);
}

static void
print_json (GPtrArray      *quotes,
            const char     *from,
            const char     *to,
            const SbParcel *parcel)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, from);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, to);
  json_builder_set_member_name (builder, "parcel");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "weight_g");
  json_builder_add_int_value (builder, parcel->weight_g);
  json_builder_set_member_name (builder, "length_mm");
  json_builder_add_int_value (builder, parcel->length_mm);
  json_builder_set_member_name (builder, "width_mm");
  json_builder_add_int_value (builder, parcel->width_mm);
  json_builder_set_member_name (builder, "height_mm");
  json_builder_add_int_value (builder, parcel->height_mm);
  json_builder_set_member_name (builder, "batteries");
  json_builder_add_string_value (builder, sb_batteries_to_string (parcel->batteries));
  json_builder_set_member_name (builder, "liquids");
  json_builder_add_boolean_value (builder, parcel->liquids);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "quotes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < quotes->len; i++)
    {
      const SbQuote *quote = g_ptr_array_index (quotes, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "carrier_id");
      json_builder_add_string_value (builder, quote->carrier_id);
      json_builder_set_member_name (builder, "carrier_name");
      json_builder_add_string_value (builder, quote->carrier_name);
      json_builder_set_member_name (builder, "offered");
      json_builder_add_boolean_value (builder, quote->refusal == SB_REFUSAL_NONE);
      json_builder_set_member_name (builder, "chargeable_g");
      json_builder_add_int_value (builder, (gint64) MIN (quote->chargeable_g, (guint64) G_MAXINT64));
      json_builder_set_member_name (builder, "volumetric_g");
      json_builder_add_int_value (builder, (gint64) MIN (quote->volumetric_g, (guint64) G_MAXINT64));
      if (quote->refusal == SB_REFUSAL_NONE)
        {
          g_autofree char *amount = sb_currency_format_decimal (quote->price_minor, quote->currency);

          json_builder_set_member_name (builder, "price");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "amount");
          json_builder_add_string_value (builder, amount);
          json_builder_set_member_name (builder, "currency");
          json_builder_add_string_value (builder, quote->currency);
          json_builder_end_object (builder);
          json_builder_set_member_name (builder, "days_min");
          json_builder_add_int_value (builder, quote->days_min);
          json_builder_set_member_name (builder, "days_max");
          json_builder_add_int_value (builder, quote->days_max);
        }
      else
        {
          g_autofree char *reason = sb_quote_dup_reason (quote);

          json_builder_set_member_name (builder, "refusal");
          json_builder_add_string_value (builder, sb_refusal_to_string (quote->refusal));
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, reason);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

/* Terminal columns of @text: East Asian wide characters take two. */
static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* Appends @text padded with spaces to @width columns. */
static void
append_cell (GString    *line,
             const char *text,
             guint       width)
{
  guint len = display_width (text);

  g_string_append (line, text);
  for (; len < width; len++)
    g_string_append_c (line, ' ');
  g_string_append (line, "  ");
}

static void
print_table (GPtrArray *quotes)
{
  /* Translators: column headings of `sellbridge-cli quote`. */
  const char *headings[] = { N_("Carrier"), N_("Price"), N_("Days"), N_("Chargeable") };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint widths[4] = { 0 };

  for (guint i = 0; i < quotes->len; i++)
    {
      const SbQuote *quote = g_ptr_array_index (quotes, i);
      char **row = g_new0 (char *, 5);

      row[0] = g_strdup (quote->carrier_name != NULL ? quote->carrier_name : quote->carrier_id);
      if (quote->refusal == SB_REFUSAL_NONE)
        {
          g_autofree char *grams = g_strdup_printf ("%" G_GUINT64_FORMAT, quote->chargeable_g);

          row[1] = format_price (quote);
          /* Translators: delivery time, e.g. “7–15”. */
          row[2] = g_strdup_printf (_("%u–%u"), quote->days_min, quote->days_max);
          /* Translators: a weight in grams, e.g. “300 g”. */
          row[3] = g_strdup_printf (_("%s g"), grams);
        }
      else
        {
          /* The reason takes the rest of the line. */
          row[1] = sb_quote_dup_reason (quote);
          row[2] = g_strdup ("");
          row[3] = g_strdup ("");
        }
      g_ptr_array_add (rows, row);
    }
  for (guint c = 0; c < 4; c++)
    widths[c] = display_width (_(headings[c]));
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      const SbQuote *quote = g_ptr_array_index (quotes, i);

      for (guint c = 0; c < 4; c++)
        if (quote->refusal == SB_REFUSAL_NONE || c == 0)
          widths[c] = MAX (widths[c], display_width (row[c]));
    }

  {
    GString *line = g_string_new (NULL);

    for (guint c = 0; c < 4; c++)
      append_cell (line, _(headings[c]), c == 3 ? 0 : widths[c]);
    g_strchomp (line->str);
    g_print ("%s\n", line->str);
    g_string_free (line, TRUE);
  }
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      const SbQuote *quote = g_ptr_array_index (quotes, i);
      GString *line = g_string_new (NULL);

      append_cell (line, row[0], widths[0]);
      if (quote->refusal == SB_REFUSAL_NONE)
        {
          append_cell (line, row[1], widths[1]);
          append_cell (line, row[2], widths[2]);
          append_cell (line, row[3], 0);
        }
      else
        /* Translators: a carrier that does not take the parcel; %s is the reason. */
        g_string_append_printf (line, _("not offered: %s"), row[1]);
      g_strchomp (line->str);
      g_print ("%s\n", line->str);
      g_string_free (line, TRUE);
    }
}

/* The cached GET /v1/reference/carriers?origin=@from of the catalogue. */
static GBytes *
load_cached_carriers (const char  *db_path,
                      const char  *from,
                      char       **out_where,
                      int         *out_status)
{
  g_autofree char *path = db_path != NULL ? g_strdup (db_path) : sb_store_dup_default_path ();
  g_autofree char *kind = g_strconcat ("carriers:", from, NULL);
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  *out_status = 2;
  *out_where = g_strdup (path);
  /* Do not create an empty catalogue just to find nothing in it. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr ("%s", PREFIX);
      g_printerr (_("there is no catalogue at %s; give the carriers with --carriers FILE, or the catalogue with --db FILE.\n"),
                  path);
      return NULL;
    }
  store = sb_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr (PREFIX "%s\n", error->message);
      return NULL;
    }
  if (!sb_store_get_reference (store, kind, &body, NULL, NULL, &error))
    {
      if (error != NULL)
        g_printerr (PREFIX "%s\n", error->message);
      else
        {
          g_printerr ("%s", PREFIX);
          g_printerr (_("the catalogue %s has no carriers from %s yet; sync with the marketplace once, or give --carriers FILE.\n"),
                      path, from);
        }
      return NULL;
    }
  *out_status = 0;
  return g_steal_pointer (&body);
}

int
sb_cli_quote (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *weight = NULL;
  g_autofree char *size = NULL;
  g_autofree char *batteries = NULL;
  g_autofree char *carriers_file = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *where = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GBytes) cached = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) carriers = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  gboolean liquids = FALSE, json = FALSE;
  gsize length = 0;
  guint offered = 0;
  SbParcel parcel = { 0, 0, 0, 0, SB_BATTERIES_NONE, FALSE };
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Country the parcel ships from: KR or RU"), N_("COUNTRY") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Destination country, a two-letter code such as RU or KZ"), N_("COUNTRY") },
    { "weight-g", 0, 0, G_OPTION_ARG_STRING, &weight, N_("Weight of the packed parcel in grams"), N_("GRAMS") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, N_("Length, width and height of the package in millimetres"), N_("LxWxH") },
    { "batteries", 0, 0, G_OPTION_ARG_STRING, &batteries, N_("Batteries: none, installed, packed or standalone"), N_("KIND") },
    { "liquids", 0, 0, G_OPTION_ARG_NONE, &liquids, N_("The goods contain liquids"), NULL },
    { "carriers", 0, 0, G_OPTION_ARG_FILENAME, &carriers_file, N_("The carriers, as JSON from GET /v1/reference/carriers (default: the catalogue’s cached copy)"), N_("FILE") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The catalogue file whose cached carriers to use"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the quotes as JSON"), NULL },
    { NULL }
  };

  /* Translators: the usage line of sellbridge-cli quote. */
  context = g_option_context_new (_("— quote shipping for a parcel with every carrier"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("Example: sellbridge-cli quote --from KR --to RU --weight-g 250 --size 300x200x30\n"
                                      "Exits with 0 when at least one carrier takes the parcel, 1 when none does or the input is wrong."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr (PREFIX "%s\n", error->message);
      return 2;
    }
  if (argc > 1)
    {
      g_printerr (PREFIX "%s\n", _("unexpected argument; every input is an option, see --help."));
      return 2;
    }
  if (from == NULL || to == NULL || weight == NULL || size == NULL)
    {
      g_printerr (PREFIX "%s\n", _("--from, --to, --weight-g and --size are required."));
      return 2;
    }

  {
    char *upper = g_ascii_strup (from, -1);

    g_free (from);
    from = upper;
    upper = g_ascii_strup (to, -1);
    g_free (to);
    to = upper;
  }
  if (g_strcmp0 (from, "KR") != 0 && g_strcmp0 (from, "RU") != 0)
    {
      g_printerr (PREFIX "%s\n", _("--from must be KR or RU."));
      return 1;
    }
  if (!is_country_code (to))
    {
      g_printerr (PREFIX "%s\n", _("--to must be a two-letter country code such as RU or KZ."));
      return 1;
    }
  if (!sb_cli_parse_positive (weight, &parcel.weight_g))
    {
      g_printerr ("%s", PREFIX);
      g_printerr (_("the weight “%s” is not a whole number of grams greater than zero.\n"), weight);
      return 1;
    }
  if (!sb_cli_parse_size (size, &parcel))
    {
      g_printerr ("%s", PREFIX);
      g_printerr (_("the size “%s” is not LxWxH in whole millimetres greater than zero, like 300x200x30.\n"), size);
      return 1;
    }
  if (batteries != NULL && !sb_batteries_from_string (batteries, &parcel.batteries))
    {
      g_printerr ("%s", PREFIX);
      g_printerr (_("unknown battery kind “%s”; use none, installed, packed or standalone.\n"), batteries);
      return 1;
    }
  parcel.liquids = liquids;

  if (carriers_file != NULL)
    {
      if (!g_file_get_contents (carriers_file, &data, &length, &error))
        {
          g_printerr (PREFIX "%s\n", error->message);
          return 2;
        }
      where = g_strdup (carriers_file);
      all = sb_carrier_list_new_from_data (data, (gssize) length, &error);
    }
  else
    {
      int status = 0;

      cached = load_cached_carriers (db_path, from, &where, &status);
      if (cached == NULL)
        return status;
      all = sb_carrier_list_new_from_data (g_bytes_get_data (cached, NULL),
                                           (gssize) g_bytes_get_size (cached), &error);
    }
  if (all == NULL)
    {
      g_printerr (PREFIX "%s: %s\n", where, error->message);
      return 2;
    }
  carriers = g_ptr_array_new ();
  for (guint i = 0; i < all->len; i++)
    {
      SbCarrier *carrier = g_ptr_array_index (all, i);

      if (g_strcmp0 (carrier->origin, from) == 0)
        g_ptr_array_add (carriers, carrier);
    }
  if (carriers->len == 0)
    {
      g_printerr ("%s", PREFIX);
      g_printerr (_("no carrier in %s ships from %s.\n"), where, from);
      return 1;
    }

  quotes = sb_shipping_quote_all (carriers, &parcel, to);
  for (guint i = 0; i < quotes->len; i++)
    if (((SbQuote *) g_ptr_array_index (quotes, i))->refusal == SB_REFUSAL_NONE)
      offered++;
  if (json)
    print_json (quotes, from, to, &parcel);
  else
    print_table (quotes);
  return offered > 0 ? 0 : 1;
}
