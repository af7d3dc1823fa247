/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-bench-import.c: the import figure.  Ours: a CP949 catalogue CSV read
 * with encoding and delimiter detection and imported into a new catalogue
 * through core (sb_csv_read_file + sb_csv_import_into_store, as the CLI
 * and the app do).  Baseline, in the same run on the same rows: the sqlite3
 * shell's `.import` of the UTF-8 file plus building a trigram FTS5 index
 * over the same text (titles, offer id and SKUs of each product), in a WAL
 * database with synchronous=FULL like the store's.  Runs alternate, and
 * the medians are compared.
 *
 *   sb-bench-import --cp949 FILE --utf8 FILE [--sqlite3 PATH] [--runs N] WORKDIR
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>

#include "sb-bench-util.h"
#include "sb-csv-store.h"

static void
remove_db (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

static double
run_ours (const char  *csv,
          const char  *db,
          guint       *out_products,
          guint       *out_rows,
          GError     **error)
{
  double start, open_done, read_done;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbCsvTable) table = NULL;
  g_autoptr(SbCsvImportReport) report = NULL;

  remove_db (db);
  start = sb_bench_now ();
  store = sb_store_open (db, error);
  if (store == NULL)
    return -1;
  open_done = sb_bench_now ();
  table = sb_csv_read_file (csv, SB_CSV_ENCODING_AUTO, SB_CSV_DELIMITER_AUTO, error);
  if (table == NULL)
    return -1;
  read_done = sb_bench_now ();
  report = sb_csv_import_into_store (store, table, FALSE, error);
  if (report == NULL)
    return -1;
  g_printerr ("  ours: open %.2f s, read + decode %.2f s, import + save %.2f s\n",
              open_done - start, read_done - open_done, sb_bench_now () - read_done);
  if (report->n_errors > 0 || report->encoding != SB_CSV_ENCODING_CP949 || !report->saved)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the import was not clean: %u errors, encoding %s",
                   report->n_errors, sb_csv_encoding_to_string (report->encoding));
      return -1;
    }
  *out_products = report->n_created;
  *out_rows = report->n_rows;
  return sb_bench_now () - start;
}

static double
run_baseline (const char  *sqlite3,
              const char  *csv,
              const char  *db,
              GError     **error)
{
  g_autofree char *import = g_strdup_printf (".import '%s' rows", csv);
  const char *argv[] = {
    sqlite3, db,
    "PRAGMA journal_mode = WAL;",
    "PRAGMA synchronous = FULL;",
    ".mode csv",
    import,
    "CREATE VIRTUAL TABLE fts USING fts5 (text, tokenize = 'trigram');",
    /* One document per product, as the store's search_text. */
    "INSERT INTO fts (text) SELECT lower (title_en) || ' ' || title_ko || ' ' || lower (title_ru)"
    " || ' ' || lower (offer_id) || ' ' || lower (group_concat (sku, ' ')) FROM rows GROUP BY offer_id;",
    NULL,
  };
  int status = 0;
  g_autofree char *err = NULL;
  double start;

  remove_db (db);
  start = sb_bench_now ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, error))
    return -1;
  if (!g_spawn_check_wait_status (status, error))
    return -1;
  if (err != NULL && *err != '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "sqlite3: %s", err);
      return -1;
    }
  return sb_bench_now () - start;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cp949 = NULL;
  g_autofree char *utf8 = NULL;
  g_autofree char *sqlite3 = NULL;
  int runs = 3;
  GOptionEntry entries[] = {
    { "cp949", 0, 0, G_OPTION_ARG_FILENAME, &cp949, "The CP949 file", "FILE" },
    { "utf8", 0, 0, G_OPTION_ARG_FILENAME, &utf8, "The same rows in UTF-8", "FILE" },
    { "sqlite3", 0, 0, G_OPTION_ARG_FILENAME, &sqlite3, "The sqlite3 shell", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each", "N" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("WORKDIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) base = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *ours_db = NULL;
  g_autofree char *base_db = NULL;
  guint n_products = 0, n_rows = 0;
  double o, b, ratio;
  char ours_text[64], base_text[64], ratio_text[32], figure[128];

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 ||
      cp949 == NULL || utf8 == NULL || runs < 1)
    {
      g_printerr ("usage: sb-bench-import --cp949 FILE --utf8 FILE [--sqlite3 PATH] [--runs N] WORKDIR\n");
      return 2;
    }
  ours_db = g_build_filename (argv[1], "import-ours.db", NULL);
  base_db = g_build_filename (argv[1], "import-sqlite3.db", NULL);

  for (int i = 0; i < runs; i++)
    {
      double t;

      t = run_baseline (sqlite3 != NULL ? sqlite3 : "sqlite3", utf8, base_db, &error);
      if (t < 0)
        goto fail;
      g_array_append_val (base, t);
      g_printerr ("import run %d: sqlite3 %.2f s", i + 1, t);
      t = run_ours (cp949, ours_db, &n_products, &n_rows, &error);
      if (t < 0)
        goto fail;
      g_array_append_val (ours, t);
      g_printerr (", ours %.2f s (%u rows, %u products)\n", t, n_rows, n_products);
    }
  o = sb_bench_median (ours);
  b = sb_bench_median (base);
  ratio = o / b;
  g_snprintf (figure, sizeof figure, "import: %u-row CP949 CSV (%u products), median of %d", n_rows, n_products, runs);
  g_snprintf (ours_text, sizeof ours_text, "%.2f s", o);
  g_snprintf (base_text, sizeof base_text, "%.2f s (sqlite3 .import + FTS5)", b);
  g_snprintf (ratio_text, sizeof ratio_text, "%.2f×", ratio);
  sb_bench_result (figure, ours_text, base_text, ratio_text, "≤ 3×", ratio <= 3.0);
  remove_db (ours_db);
  remove_db (base_db);
  return 0;

fail:
  g_printerr ("sb-bench-import: %s\n", error->message);
  return 1;
}
