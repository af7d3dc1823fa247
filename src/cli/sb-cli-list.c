/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-list.c: `sellbridge-cli list` prints the catalogue's products as
 * the app's list shows them — searched, filtered by sync state, sorted and
 * paged by the store — as a text table or as JSON for scripts.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sb-cli-list.h"
#include "sb-currency.h"
#include "sb-store.h"
#include "sb-store-recovery.h"

enum {
  EXIT_OK = 0,
  EXIT_REJECTED = 1,
  EXIT_USAGE = 2,
};

static const struct {
  const char  *name;
  SbStoreSort  sort;
} sort_names[] = {
  { "offer_id", SB_STORE_SORT_OFFER_ID },
  { "title", SB_STORE_SORT_TITLE },
  { "price", SB_STORE_SORT_PRICE },
  { "stock", SB_STORE_SORT_STOCK },
  { "status", SB_STORE_SORT_STATUS },
  { "updated", SB_STORE_SORT_UPDATED },
};

static char *
format_price (gint64      minor,
              const char *currency)
{
  if (currency == NULL || *currency == '\0')
    return g_strdup ("");
  return sb_currency_format_decimal (minor, currency);
}

static const char *
first_title (const SbProductSummary *row,
             SbLang                  lang)
{
  if (row->title[lang] != NULL)
    return row->title[lang];
  for (guint i = 0; i < SB_N_LANGS; i++)
    if (row->title[i] != NULL)
      return row->title[i];
  return "";
}

static void
add_row_json (JsonBuilder            *builder,
              const SbProductSummary *row)
{
  g_autofree char *min_price = format_price (row->min_price_minor, row->currency);
  g_autofree char *max_price = format_price (row->max_price_minor, row->currency);
  g_autofree char *updated = g_date_time_format_iso8601 (row->updated);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "offer_id");
  json_builder_add_string_value (builder, row->offer_id);
  json_builder_set_member_name (builder, "title");
  json_builder_begin_object (builder);
  for (guint i = 0; i < SB_N_LANGS; i++)
    if (row->title[i] != NULL)
      {
        json_builder_set_member_name (builder, sb_lang_to_code (i));
        json_builder_add_string_value (builder, row->title[i]);
      }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, sb_sync_state_to_string (row->sync_state));
  json_builder_set_member_name (builder, "variants");
  json_builder_add_int_value (builder, row->n_variants);
  json_builder_set_member_name (builder, "price");
  if (row->n_variants == 0)
    json_builder_add_null_value (builder);
  else
    {
      /* Decimal strings, as the Seller API writes amounts. */
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "min");
      json_builder_add_string_value (builder, min_price);
      json_builder_set_member_name (builder, "max");
      json_builder_add_string_value (builder, max_price);
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, row->currency);
      json_builder_set_member_name (builder, "mixed_currencies");
      json_builder_add_boolean_value (builder, row->mixed_currencies);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "stock");
  json_builder_add_int_value (builder, row->total_stock);
  json_builder_set_member_name (builder, "image");
  if (row->image_path != NULL)
    json_builder_add_string_value (builder, row->image_path);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < row->reasons->len; i++)
    {
      const SbReason *reason = g_ptr_array_index (row->reasons, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, reason->code);
      if (reason->path != NULL)
        {
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, reason->path);
        }
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, reason->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_string_value (builder, updated);
  json_builder_end_object (builder);
}

static void
print_row_text (const SbProductSummary *row,
                SbLang                  lang)
{
  g_autofree char *min_price = format_price (row->min_price_minor, row->currency);
  g_autofree char *max_price = format_price (row->max_price_minor, row->currency);
  g_autofree char *price = NULL;

  if (row->n_variants == 0)
    price = g_strdup ("-");
  else if (row->min_price_minor == row->max_price_minor)
    price = g_strdup_printf ("%s %s", min_price, row->currency);
  else
    price = g_strdup_printf ("%s–%s %s", min_price, max_price, row->currency);
  g_print ("%-24s %-15s %8u %22s %8" G_GINT64_FORMAT "  %s\n",
           row->offer_id, sb_sync_state_to_string (row->sync_state), row->n_variants,
           price, row->total_stock, first_title (row, lang));
}

int
sb_cli_list (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbStoreRecovery) recovery = NULL;
  g_autoptr(SbStoreQuery) query = sb_store_query_new ();
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *search = NULL;
  g_autofree char *status = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *db = NULL;
  gboolean json = FALSE;
  gboolean descending = FALSE;
  gint limit = 0;
  gint offset = 0;
  guint printed = 0;
  gint64 total;
  const GOptionEntry entries[] = {
    { "search", 's', 0, G_OPTION_ARG_STRING, &search,
      N_("Only products whose title, offer id or SKU contains TEXT"), N_("TEXT") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status,
      /* Translators: do not translate the state names, they are typed as they are. */
      N_("Only products in this sync state: draft, queued, sent, pending_review, active, "
         "rejected, conflict or archived"), N_("STATUS") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort,
      /* Translators: do not translate the sort names, they are typed as they are. */
      N_("Order by offer_id (the default), title, price, stock, status or updated"), N_("KEY") },
    { "descending", 0, 0, G_OPTION_ARG_NONE, &descending, N_("Reverse the order"), NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang,
      N_("Language of the titles shown and sorted: en (the default), ko or ru"), N_("LANG") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      N_("Show at most N products (0, the default, shows all)"), N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip the first N products"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write JSON for scripts"), NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("Catalogue file (default: $SELLBRIDGE_DB or the user's data folder)"), N_("FILE") },
    { NULL }
  };

  /* Translators: the usage line of sellbridge-cli list --help. */
  context = g_option_context_new (_("— list the products of the catalogue"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("sellbridge-cli list: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_printerr (_("sellbridge-cli list: unexpected argument “%s”. Run “sellbridge-cli list --help”.\n"),
                  argv[1]);
      return EXIT_USAGE;
    }
  if (limit < 0 || offset < 0)
    {
      g_printerr (_("sellbridge-cli list: --limit and --offset take a number of 0 or more.\n"));
      return EXIT_USAGE;
    }
  if (status != NULL)
    {
      if (!sb_sync_state_from_string (status, &query->status))
        {
          g_printerr (_("sellbridge-cli list: unknown status “%s”. Use draft, queued, sent, "
                        "pending_review, active, rejected, conflict or archived.\n"),
                      status);
          return EXIT_USAGE;
        }
      query->filter_status = TRUE;
    }
  if (sort != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
        if (g_strcmp0 (sort, sort_names[i].name) == 0)
          {
            query->sort = sort_names[i].sort;
            found = TRUE;
          }
      if (!found)
        {
          g_printerr (_("sellbridge-cli list: unknown sort key “%s”. Use offer_id, title, price, "
                        "stock, status or updated.\n"),
                      sort);
          return EXIT_USAGE;
        }
    }
  if (lang != NULL && !sb_lang_from_code (lang, &query->lang))
    {
      g_printerr (_("sellbridge-cli list: unknown language “%s”. Use en, ko or ru.\n"), lang);
      return EXIT_USAGE;
    }
  query->descending = descending;
  sb_store_query_set_search (query, search);

  store = sb_store_open_or_recover (db, &recovery, &error);
  if (recovery != NULL)
    g_printerr ("sellbridge-cli list: %s\n", recovery->message);
  if (store == NULL)
    {
      g_printerr ("sellbridge-cli list: %s\n", error->message);
      return EXIT_USAGE;
    }
  total = sb_store_count_products (store, query, &error);
  if (total < 0)
    {
      g_printerr ("sellbridge-cli list: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, total);
      json_builder_set_member_name (builder, "offset");
      json_builder_add_int_value (builder, offset);
      json_builder_set_member_name (builder, "products");
      json_builder_begin_array (builder);
    }
  else
    g_print ("%-24s %-15s %8s %22s %8s  %s\n",
             /* Translators: column headings of `sellbridge-cli list`; keep
              * each short (the columns are 24, 15, 8, 22 and 8 wide). */
             _("OFFER ID"), _("STATUS"), _("VARIANTS"), _("PRICE"), _("STOCK"), _("TITLE"));

  /* Pages of 500 keep memory flat on a large catalogue. */
  for (;;)
    {
      g_autoptr(GPtrArray) rows = NULL;
      guint want = 500;

      if (limit > 0)
        want = MIN (want, (guint) limit - printed);
      if (want == 0)
        break;
      rows = sb_store_list_products (store, query, offset + printed, want, &error);
      if (rows == NULL)
        {
          g_printerr ("sellbridge-cli list: %s\n", error->message);
          return EXIT_USAGE;
        }
      for (guint i = 0; i < rows->len; i++)
        {
          if (json)
            add_row_json (builder, g_ptr_array_index (rows, i));
          else
            print_row_text (g_ptr_array_index (rows, i), query->lang);
        }
      printed += rows->len;
      if (rows->len < want)
        break;
    }

  if (json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  else
    /* Translators: the first %u is how many were printed, the second the
     * total that matches; the plural follows the total. */
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u of %u product shown.\n",
                          "%u of %u products shown.\n",
                          (gulong) total),
             printed, (guint) total);
  return EXIT_OK;
}
