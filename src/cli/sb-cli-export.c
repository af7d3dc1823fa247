/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-export.c: `sellbridge-cli export FILE [--encoding utf-8|utf-8-bom|
 * cp949|windows-1251] [--delimiter comma|semicolon] [--db FILE]` writes the
 * whole catalogue as a canonical CSV file (see docs/csv.md); FILE "-" is
 * standard output.  The file is replaced atomically, so a failure leaves
 * any old file as it was.  Exit status 0 on success, 1 when the catalogue
 * holds a character the chosen encoding lacks (the message names the row
 * and column), 2 for a usage error or a store or file failure.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sb-cli-export.h"
#include "sb-csv-store.h"
#include "sb-store-recovery.h"

#define EXIT_OK 0
#define EXIT_REJECTED 1
#define EXIT_USAGE 2

static int
fail (int         status,
      const char *message)
{
  g_printerr ("sellbridge-cli export: %s\n", message);
  return status;
}

int
sb_cli_export (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbStoreRecovery) recovery = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *encoding_name = NULL;
  g_autofree char *delimiter_name = NULL;
  g_autofree char *db = NULL;
  SbCsvEncoding encoding = SB_CSV_ENCODING_UTF8;
  SbCsvDelimiter delimiter = SB_CSV_DELIMITER_COMMA;
  const GOptionEntry entries[] = {
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding_name,
      N_("The file’s encoding: utf-8 (the default), utf-8-bom, cp949 or windows-1251"), N_("ENCODING") },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter_name,
      N_("The column delimiter: comma (the default) or semicolon"), N_("DELIMITER") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("The catalogue database to use instead of the default one"), N_("FILE") },
    { NULL }
  };
  gsize size = 0;
  const char *data;

  /* Translators: the usage line of "sellbridge-cli export --help". */
  context = g_option_context_new (_("FILE — export the catalogue as a CSV file (“-” for standard output)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (EXIT_USAGE, error->message);
  if (argc != 2)
    return fail (EXIT_USAGE, _("Name exactly one file to export to."));
  if (encoding_name != NULL &&
      (!sb_csv_encoding_from_string (encoding_name, &encoding) || encoding == SB_CSV_ENCODING_AUTO))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not an encoding Sellbridge writes. Use utf-8, utf-8-bom, cp949 or windows-1251."),
                         encoding_name);

      return fail (EXIT_USAGE, message);
    }
  if (delimiter_name != NULL &&
      (!sb_csv_delimiter_from_string (delimiter_name, &delimiter) ||
       (delimiter != SB_CSV_DELIMITER_COMMA && delimiter != SB_CSV_DELIMITER_SEMICOLON)))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a delimiter Sellbridge writes. Use comma or semicolon."),
                         delimiter_name);

      return fail (EXIT_USAGE, message);
    }

  if (db == NULL)
    db = sb_store_dup_default_path ();
  store = sb_store_open_or_recover (db, &recovery, &error);
  if (store == NULL)
    return fail (EXIT_USAGE, error->message);
  if (recovery != NULL)
    g_printerr ("sellbridge-cli export: %s\n", recovery->message);

  bytes = sb_csv_export_from_store (store, encoding, delimiter, &error);
  if (bytes == NULL)
    return fail (g_error_matches (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING) ? EXIT_REJECTED : EXIT_USAGE,
                 error->message);

  data = g_bytes_get_data (bytes, &size);
  if (g_strcmp0 (argv[1], "-") == 0)
    {
      if (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0)
        return fail (EXIT_USAGE, _("Could not write to standard output."));
      return EXIT_OK;
    }
  if (!g_file_set_contents (argv[1], data, (gssize) size, &error))
    return fail (EXIT_USAGE, error->message);
  return EXIT_OK;
}
