/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-import.c: `sellbridge-cli import FILE [--encoding auto|utf-8|cp949|
 * windows-1251] [--delimiter auto|comma|semicolon|tab] [--dry-run]
 * [--db FILE]` reads a catalogue CSV (see docs/csv.md), prints one line per
 * problem on stderr ("row 14, column price: …") and a summary on stdout,
 * and saves the valid rows in one transaction.  Exit status 0 when every
 * row was imported, 1 for rejected input (invalid rows, or a file that
 * cannot be read or used), 2 for a usage error or a store failure.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-cli-import.h"
#include "sb-csv-store.h"
#include "sb-store-recovery.h"

#define EXIT_OK 0
#define EXIT_REJECTED 1
#define EXIT_USAGE 2

static int
fail (int         status,
      const char *message)
{
  g_printerr ("sellbridge-cli import: %s\n", message);
  return status;
}

int
sb_cli_import (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbStoreRecovery) recovery = NULL;
  g_autoptr(SbCsvTable) table = NULL;
  g_autoptr(SbCsvImportReport) report = NULL;
  g_autofree char *encoding_name = NULL;
  g_autofree char *delimiter_name = NULL;
  g_autofree char *db = NULL;
  gboolean dry_run = FALSE;
  SbCsvEncoding encoding = SB_CSV_ENCODING_AUTO;
  SbCsvDelimiter delimiter = SB_CSV_DELIMITER_AUTO;
  const GOptionEntry entries[] = {
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding_name,
      N_("The file’s encoding: auto (the default), utf-8, cp949 or windows-1251"), N_("ENCODING") },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter_name,
      N_("The column delimiter: auto (the default), comma, semicolon or tab"), N_("DELIMITER") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check the file and report what would change, without saving anything"), NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("The catalogue database to use instead of the default one"), N_("FILE") },
    { NULL }
  };

  /* Translators: the usage line of "sellbridge-cli import --help". */
  context = g_option_context_new (_("FILE — import a catalogue CSV file"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (EXIT_USAGE, error->message);
  if (argc != 2)
    return fail (EXIT_USAGE, _("Name exactly one CSV file to import."));
  if (encoding_name != NULL && !sb_csv_encoding_from_string (encoding_name, &encoding))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not an encoding Sellbridge reads. Use auto, utf-8, cp949 or windows-1251."),
                         encoding_name);

      return fail (EXIT_USAGE, message);
    }
  if (delimiter_name != NULL && !sb_csv_delimiter_from_string (delimiter_name, &delimiter))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a delimiter Sellbridge reads. Use auto, comma, semicolon or tab."),
                         delimiter_name);

      return fail (EXIT_USAGE, message);
    }

  table = sb_csv_read_file (argv[1], encoding, delimiter, &error);
  if (table == NULL)
    return fail (EXIT_REJECTED, error->message);

  if (db == NULL)
    db = sb_store_dup_default_path ();
  store = sb_store_open_or_recover (db, &recovery, &error);
  if (store == NULL)
    return fail (EXIT_USAGE, error->message);
  if (recovery != NULL)
    g_printerr ("sellbridge-cli import: %s\n", recovery->message);

  report = sb_csv_import_into_store (store, table, dry_run, &error);
  if (report == NULL)
    return fail (g_error_matches (error, SB_CSV_IMPORT_ERROR, SB_CSV_IMPORT_ERROR_HEADER)
                 ? EXIT_REJECTED : EXIT_USAGE,
                 error->message);

  for (guint i = 0; i < report->issues->len; i++)
    {
      g_autofree char *line = sb_csv_issue_to_string (g_ptr_array_index (report->issues, i));

      g_printerr ("%s\n", line);
    }

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        /* Translators: %s are an encoding (e.g. CP949) and a delimiter (comma, semicolon or tab). */
                        "%u row read (encoding %s, delimiter %s).\n",
                        "%u rows read (encoding %s, delimiter %s).\n",
                        report->n_rows),
           report->n_rows, sb_csv_encoding_to_string (report->encoding),
           sb_csv_delimiter_to_string (report->delimiter));
  g_print (_("Products: %u created, %u updated, %u unchanged.\n"),
           report->n_created, report->n_updated, report->n_unchanged);
  if (report->n_rows_invalid > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u row was rejected and not imported.\n",
                          "%u rows were rejected and not imported.\n",
                          report->n_rows_invalid),
             report->n_rows_invalid);
  if (dry_run)
    g_print (_("Dry run: nothing was saved.\n"));

  return report->n_errors > 0 ? EXIT_REJECTED : EXIT_OK;
}
