/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli.c: sellbridge-cli, the command-line face of libsellbridge-core for
 * scripts and tests.  It parses the global options, picks the command and
 * maps failures to exit codes: 0 success, 1 rejected input, 2 usage or
 * internal error.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "sb-cli-check-id.h"
#include "sb-cli-convert.h"
#include "sb-cli-export.h"
#include "sb-cli-import.h"
#include "sb-cli-list.h"
#include "sb-cli-net.h"
#include "sb-cli-quote.h"
#include "sb-cli-status.h"
#include "sb-cli-sync.h"

enum {
  EXIT_OK = 0,
  EXIT_REJECTED = 1,
  EXIT_USAGE = 2,
};

typedef struct {
  const char *name;
  const char *summary;
  int (*run) (int argc, char **argv);
} CliCommand;

static const CliCommand commands[] = {
  { "check-id", N_("Check a seller identity number or a barcode"), sb_cli_check_id },
  { "convert", N_("Convert an amount between currencies with the marketplace's exchange rates"), sb_cli_convert },
  { "export", N_("Write the catalogue to a CSV file"), sb_cli_export },
  { "import", N_("Read products from a CSV file into the catalogue"), sb_cli_import },
  { "list", N_("List the products of the catalogue"), sb_cli_list },
  { "net", N_("Show what the seller nets from a price after commission and shipping"), sb_cli_net },
  { "price-for-net", N_("Find the smallest price that nets a given amount after commission and shipping"), sb_cli_price_for_net },
  { "quote", N_("Quote shipping for a parcel with every carrier"), sb_cli_quote },
  { "status", N_("Show how many products are queued, sent, in review, active or rejected"), sb_cli_status },
  { "sync", N_("Send pending changes to the marketplace and fetch moderation results"), sb_cli_sync },
  { NULL, NULL, NULL },
};

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));

  for (guint i = 0; commands[i].name != NULL; i++)
    g_string_append_printf (text, "\n  %-14s %s", commands[i].name, _(commands[i].summary));
  return g_string_free (text, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  gboolean version = FALSE;
  const char *localedir = g_getenv ("SELLBRIDGE_LOCALEDIR");
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Translators: the usage line of sellbridge-cli --help. */
  context = g_option_context_new (_("COMMAND [ARGUMENT…] — work with a Sellbridge catalogue"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, TRUE);
  description = describe_commands ();
  g_option_context_set_description (context, description);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("sellbridge-cli: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (version)
    {
      g_print ("sellbridge-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return EXIT_USAGE;
    }
  for (guint i = 0; commands[i].name != NULL; i++)
    if (g_strcmp0 (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  g_printerr (_("sellbridge-cli: unknown command “%s”. Run “sellbridge-cli --help” for the list.\n"), argv[1]);
  return EXIT_USAGE;
}
