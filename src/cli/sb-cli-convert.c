/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-convert.c: `sellbridge-cli convert AMOUNT FROM TO [--rates FILE]
 * [--db FILE] [--json]` converts a plain decimal amount between currencies
 * with the marketplace's rates exactly as the app does — one rounding, half
 * away from zero, to the target's minor unit — and prints "9.31 USD" or,
 * with --json, {"amount":"9.31","currency":"USD"}.  The rates come from
 * FILE (the body of GET /v1/reference/currencies) or else from the copy
 * cached in the catalogue database; cached rates older than a day get a
 * warning on stderr.  Exit status 1 for rejected input (a negative or too
 * precise amount, an unknown currency, bad or missing rates), 2 for a
 * usage error.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sb-cli-convert.h"
#include "sb-currency.h"
#include "sb-money.h"
#include "sb-rates.h"
#include "sb-store.h"

#define EXIT_OK 0
#define EXIT_REJECTED 1
#define EXIT_USAGE 2

static int
fail (int         status,
      const char *message)
{
  g_printerr ("sellbridge-cli convert: %s\n", message);
  return status;
}

/* "-5" and "-0.5" are (negative) amounts, not options. */
static gboolean
looks_like_option (const char *arg)
{
  return arg[0] == '-' && arg[1] != '\0' && !g_ascii_isdigit (arg[1]) && arg[1] != '.';
}

static SbRates *
rates_from_file (const char  *path,
                 GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (length > G_MAXSSIZE)
    {
      g_set_error_literal (error, SB_RATES_ERROR, SB_RATES_ERROR_INVALID,
                           _("The exchange rates could not be read: the file is too large."));
      return NULL;
    }
  return sb_rates_new_from_data (contents, (gssize) length, error);
}

/* The rates the app last downloaded, from the catalogue at @db_path (the
 * default catalogue when NULL).  A catalogue that does not exist is not
 * created: there is nothing cached in it. */
static SbRates *
rates_from_store (const char  *db_path,
                  GError     **error)
{
  g_autofree char *default_path = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GBytes) body = NULL;
  gsize length = 0;
  const char *data;

  if (db_path == NULL)
    db_path = default_path = sb_store_dup_default_path ();
  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no catalogue at %s, so no exchange rates are cached. Give the rates with --rates FILE, or the catalogue with --db FILE."),
                   db_path);
      return NULL;
    }
  store = sb_store_open (db_path, error);
  if (store == NULL)
    return NULL;
  if (!sb_store_get_reference (store, "currencies", &body, NULL, NULL, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("The catalogue %s has no exchange rates yet. Let Sellbridge download them, or give them with --rates FILE."),
                     db_path);
      return NULL;
    }
  data = g_bytes_get_data (body, &length);
  if (data == NULL || length > G_MAXSSIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The catalogue %s has no exchange rates yet. Let Sellbridge download them, or give them with --rates FILE."),
                   db_path);
      return NULL;
    }
  return sb_rates_new_from_data (data, (gssize) length, error);
}

static char *
result_to_json (const SbMoney *money)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *amount = sb_money_to_decimal (money);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_string_value (builder, amount);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, money->currency);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

int
sb_cli_convert (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbRates) rates = NULL;
  g_autofree char *rates_file = NULL;
  g_autofree char *db_file = NULL;
  gboolean json = FALSE;
  const char *amount, *from, *to;
  const char *args[3] = { NULL, };
  guint n_args = 0;
  gboolean seen_dashes = FALSE;
  SbMoney money, result;
  gint64 minor = 0;
  const GOptionEntry entries[] = {
    { "rates", 0, 0, G_OPTION_ARG_FILENAME, &rates_file,
      N_("Exchange rates to use: a file with the marketplace's answer to GET /v1/reference/currencies (default: the rates cached in the catalogue)"),
      N_("FILE") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_file,
      N_("The catalogue database whose cached exchange rates to use when --rates is not given (default: the one Sellbridge uses)"),
      N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the result as JSON: {\"amount\": \"9.31\", \"currency\": \"USD\"}"), NULL },
    { NULL }
  };

  g_set_prgname ("sellbridge-cli convert");
  /* Translators: the usage line of "sellbridge-cli convert --help";
   * AMOUNT, FROM and TO stand for what the user types. */
  context = g_option_context_new (_("AMOUNT FROM TO — convert an amount between currencies"));
  g_option_context_set_summary (context,
                                _("AMOUNT is a plain decimal number such as 12900 or 12.90; FROM and TO are ISO 4217 codes such as KRW, RUB or USD."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_ignore_unknown_options (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (EXIT_USAGE, error->message);
  /* What GOption left: the arguments, and options it does not know —
   * except that "-5" is a (negative) amount, and after "--" everything is
   * an argument. */
  for (int i = 1; i < argc; i++)
    {
      if (!seen_dashes && strcmp (argv[i], "--") == 0)
        {
          seen_dashes = TRUE;
          continue;
        }
      if (!seen_dashes && looks_like_option (argv[i]))
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("Unknown option “%s”. Run “sellbridge-cli convert --help” for the options."),
                                     argv[i]);
          return fail (EXIT_USAGE, message);
        }
      if (n_args < G_N_ELEMENTS (args))
        args[n_args] = argv[i];
      n_args++;
    }
  if (n_args != G_N_ELEMENTS (args))
    return fail (EXIT_USAGE,
                 _("Give an amount and two currency codes, e.g. “sellbridge-cli convert 12900 KRW USD --rates rates.json”."));
  amount = args[0];
  from = args[1];
  to = args[2];

  /* The codes first, so that an unknown one is reported as such. */
  for (guint i = 0; i < 2; i++)
    {
      const char *code = i == 0 ? from : to;

      if (!sb_currency_is_known (code))
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("“%s” is not a currency code. Use a three-letter ISO 4217 code such as KRW, RUB or USD."),
                                     code);
          return fail (EXIT_REJECTED, message);
        }
    }
  if (!sb_currency_parse_decimal (amount, from, &minor, &error))
    return fail (EXIT_REJECTED, error->message);
  if (minor < 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("The amount “%s” is negative. Give an amount of zero or more."), amount);
      return fail (EXIT_REJECTED, message);
    }

  if (rates_file != NULL)
    rates = rates_from_file (rates_file, &error);
  else
    rates = rates_from_store (db_file, &error);
  if (rates == NULL)
    return fail (EXIT_REJECTED, error->message);
  if (rates_file == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (sb_rates_is_stale (rates, now))
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (sb_rates_get_as_of (rates));
          g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");

          /* Translators: %s is a date and time such as 2026-11-21 18:00. */
          g_printerr (_("sellbridge-cli convert: warning: the cached exchange rates are from %s, more than a day old.\n"),
                      when);
        }
    }

  sb_money_init (&money, minor, from);
  if (!sb_rates_convert (rates, &money, to, &result, &error))
    return fail (EXIT_REJECTED, error->message);

  if (json)
    {
      g_autofree char *text = result_to_json (&result);

      g_print ("%s\n", text);
    }
  else
    {
      g_autofree char *decimal = sb_money_to_decimal (&result);

      g_print ("%s %s\n", decimal, result.currency);
    }
  return EXIT_OK;
}
