/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-bench-search.c: the search and list-paging figures on a catalogue of
 * (typically) 100,000 products.
 *
 * Search — what the catalogue view asks when the seller types: the number
 * of matches and the first page of 100 summaries, through the core API
 * (sb_store_count_products + sb_store_list_products).  The words are
 * substrings of 1–4 characters cut from real titles of the catalogue in
 * Korean, Russian and English.  Baseline, interleaved in the same run on
 * the same file: the same FTS query in raw SQLite on a second connection —
 * count(*) and the first 100 ids and titles in offer id order, matched
 * through the trigram FTS5 table (MATCH for 3+ characters); 1–2 characters
 * cannot use trigrams, and raw SQLite's fastest answer is a scan of the
 * FTS table's content table (search_text) with instr(), which is used.
 * Wall time decides the ratio; the absolute 20 ms is judged on the
 * thread's CPU time, since on a shared machine the wall time includes
 * waiting for a CPU (both are printed).
 *
 * List paging — any 100-row page of the sorted, filtered catalogue:
 * random offsets under every sort, both directions, with no filter, a
 * status filter or a search filter; sb_store_list_products only (the view
 * counts once per query, not per page).  The 5 ms is judged on the
 * thread's CPU time, like search's 20 ms; wall times are printed too.
 *
 *   sb-bench-search [--queries-per-cell N] [--pages N] DB
 */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "sb-bench-util.h"
#include "sb-store.h"

typedef struct {
  char   *text;
  guint   lang;     /* 0 ko, 1 ru, 2 en */
  guint   length;   /* characters */
} Query;

static void
query_clear (gpointer data)
{
  Query *query = data;

  g_free (query->text);
}

static const char *const lang_names[] = { "Korean", "Russian", "English" };

/* A substring of @length characters of a random word of @title, or NULL. */
static char *
cut_word (GRand      *rand,
          const char *title,
          guint       length)
{
  g_auto(GStrv) words = g_strsplit (title, " ", -1);
  guint n_words = g_strv_length (words);

  for (guint attempt = 0; attempt < 8 && n_words > 0; attempt++)
    {
      const char *word = words[g_rand_int_range (rand, 0, n_words)];
      glong n_chars = g_utf8_strlen (word, -1);
      gboolean letters = TRUE;
      const char *start, *end;
      glong first;

      if (n_chars < (glong) length)
        continue;
      first = g_rand_int_range (rand, 0, n_chars - length + 1);
      start = g_utf8_offset_to_pointer (word, first);
      end = g_utf8_offset_to_pointer (start, length);
      for (const char *p = start; p < end; p = g_utf8_next_char (p))
        if (!g_unichar_isalpha (g_utf8_get_char (p)))
          letters = FALSE;
      if (letters)
        return g_strndup (start, end - start);
    }
  return NULL;
}

static GArray *
make_queries (sqlite3 *db,
              guint    per_cell)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GArray *queries = g_array_new (FALSE, TRUE, sizeof (Query));
  sqlite3_stmt *stmt = NULL;
  gint64 max_id = 0;

  g_array_set_clear_func (queries, query_clear);
  sqlite3_prepare_v2 (db, "SELECT max(id) FROM products", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    max_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "SELECT title_ko, title_ru, title_en FROM products WHERE id = ?", -1, &stmt, NULL);
  for (guint lang = 0; lang < 3; lang++)
    for (guint length = 1; length <= 4; length++)
      for (guint n = 0; n < per_cell && max_id > 0;)
        {
          Query query = { NULL, lang, length };

          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, g_rand_int_range (rand, 1, (gint32) max_id + 1));
          if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_text (stmt, lang) == NULL)
            continue;
          query.text = cut_word (rand, (const char *) sqlite3_column_text (stmt, lang), length);
          if (query.text == NULL)
            continue;
          g_array_append_val (queries, query);
          n++;
        }
  sqlite3_finalize (stmt);
  return queries;
}

static double
search_ours (SbStore     *store,
             const char  *text,
             gint64      *out_count,
             double      *out_cpu,
             GError     **error)
{
  g_autoptr(SbStoreQuery) query = sb_store_query_new ();
  g_autoptr(GPtrArray) page = NULL;
  double start = sb_bench_now ();
  double cpu = sb_bench_thread_cpu ();

  sb_store_query_set_search (query, text);
  *out_count = sb_store_count_products (store, query, error);
  if (*out_count < 0)
    return -1;
  page = sb_store_list_products (store, query, 0, 100, error);
  if (page == NULL)
    return -1;
  *out_cpu = sb_bench_thread_cpu () - cpu;
  return sb_bench_now () - start;
}

static double
search_raw (sqlite3    *db,
            const char *text,
            gint64     *out_count,
            double     *out_cpu)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = g_utf8_casefold (normalized, -1);
  gboolean short_word = g_utf8_strlen (folded, -1) < 3;
  g_autofree char *pattern = short_word ? g_strdup (folded) : g_strdup_printf ("\"%s\"", folded);
  const char *count_sql = short_word ? "SELECT count(*) FROM search_text WHERE instr(text, ?1) > 0"
                                     : "SELECT count(*) FROM product_fts WHERE product_fts MATCH ?1";
  const char *page_sql = short_word ? "SELECT p.id, p.offer_id, p.title_en, p.title_ko, p.title_ru"
                                      " FROM products p WHERE p.id IN"
                                      " (SELECT id FROM search_text WHERE instr(text, ?1) > 0)"
                                      " ORDER BY p.offer_id LIMIT 100"
                                    : "SELECT p.id, p.offer_id, p.title_en, p.title_ko, p.title_ru"
                                      " FROM products p WHERE p.id IN"
                                      " (SELECT rowid FROM product_fts WHERE product_fts MATCH ?1)"
                                      " ORDER BY p.offer_id LIMIT 100";
  sqlite3_stmt *stmt = NULL;
  double start = sb_bench_now ();
  double cpu = sb_bench_thread_cpu ();
  guint rows = 0;

  /* Prepared each time, as the store prepares (and caches) its own. */
  sqlite3_prepare_v2 (db, count_sql, -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *out_count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, page_sql, -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    rows++;
  sqlite3_finalize (stmt);
  (void) rows;
  *out_cpu = sb_bench_thread_cpu () - cpu;
  return sb_bench_now () - start;
}

static void
report_search (const char *label,
               GArray     *ours,
               GArray     *base,
               GArray     *ours_cpu,
               GArray     *base_cpu)
{
  char figure[160], ours_text[96], base_text[96], ratio_text[32];
  double o50 = sb_bench_percentile (ours, 0.5) * 1000, o95 = sb_bench_percentile (ours, 0.95) * 1000;
  double b50 = sb_bench_percentile (base, 0.5) * 1000, b95 = sb_bench_percentile (base, 0.95) * 1000;
  double oc95 = sb_bench_percentile (ours_cpu, 0.95) * 1000, bc95 = sb_bench_percentile (base_cpu, 0.95) * 1000;

  g_snprintf (figure, sizeof figure, "search %s (%u queries: count + first 100)", label, ours->len);
  g_snprintf (ours_text, sizeof ours_text, "p50 %.1f ms, p95 %.1f ms (CPU p95 %.1f ms)", o50, o95, oc95);
  g_snprintf (base_text, sizeof base_text, "p50 %.1f ms, p95 %.1f ms (CPU p95 %.1f ms)", b50, b95, bc95);
  g_snprintf (ratio_text, sizeof ratio_text, "p95 %.2f×", o95 / b95);
  sb_bench_result (figure, ours_text, base_text, ratio_text, "p95 ≤ 2× and ≤ 20 ms",
                   o95 <= 2 * b95 && oc95 <= 20.0);
}

/* Wall and CPU times of core and raw SQLite for one group of queries. */
typedef struct {
  GArray *ours, *base, *ours_cpu, *base_cpu;
} Samples;

static void
samples_init (Samples *samples)
{
  samples->ours = g_array_new (FALSE, FALSE, sizeof (double));
  samples->base = g_array_new (FALSE, FALSE, sizeof (double));
  samples->ours_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  samples->base_cpu = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
samples_clear (Samples *samples)
{
  g_array_unref (samples->ours);
  g_array_unref (samples->base);
  g_array_unref (samples->ours_cpu);
  g_array_unref (samples->base_cpu);
}

static void
samples_add (Samples *samples,
             double   o,
             double   b,
             double   oc,
             double   bc)
{
  g_array_append_val (samples->ours, o);
  g_array_append_val (samples->base, b);
  g_array_append_val (samples->ours_cpu, oc);
  g_array_append_val (samples->base_cpu, bc);
}

static gboolean
run_search (SbStore  *store,
            sqlite3  *db,
            guint     per_cell,
            GError  **error)
{
  g_autoptr(GArray) queries = make_queries (db, per_cell);
  /* all, 1–2 characters, 3–4 characters, then Korean, Russian, English */
  Samples groups[6];
  guint mismatches = 0;
  gboolean ok = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    samples_init (&groups[i]);
  /* Warm the page cache of both connections. */
  for (guint i = 0; i < MIN (queries->len, 6); i++)
    {
      gint64 count;
      double cpu;

      if (search_ours (store, g_array_index (queries, Query, i).text, &count, &cpu, error) < 0)
        goto out;
      search_raw (db, g_array_index (queries, Query, i).text, &count, &cpu);
    }
  for (guint i = 0; i < queries->len; i++)
    {
      Query *query = &g_array_index (queries, Query, i);
      gint64 ours_count = 0, base_count = 0;
      double o, b, oc = 0, bc = 0;

      /* Alternate which goes first, so neither always finds a warm cache. */
      if (i % 2 == 0)
        {
          o = search_ours (store, query->text, &ours_count, &oc, error);
          b = search_raw (db, query->text, &base_count, &bc);
        }
      else
        {
          b = search_raw (db, query->text, &base_count, &bc);
          o = search_ours (store, query->text, &ours_count, &oc, error);
        }
      if (o < 0)
        goto out;
      /* The baseline searches the same text (titles, offer id, SKUs), so
       * the counts must agree. */
      if (ours_count != base_count)
        {
          mismatches++;
          g_printerr ("search \"%s\": core found %" G_GINT64_FORMAT ", raw SQLite %" G_GINT64_FORMAT "\n",
                      query->text, ours_count, base_count);
        }
      samples_add (&groups[0], o, b, oc, bc);
      samples_add (&groups[query->length <= 2 ? 1 : 2], o, b, oc, bc);
      samples_add (&groups[3 + query->lang], o, b, oc, bc);
    }
  for (guint i = 0; i < 3; i++)
    {
      Samples *g = &groups[3 + i];

      g_printerr ("search, %s: wall p50 %.1f / %.1f ms, p95 %.1f / %.1f ms; CPU p95 %.1f / %.1f ms (core / raw)\n",
                  lang_names[i],
                  sb_bench_percentile (g->ours, 0.5) * 1000, sb_bench_percentile (g->base, 0.5) * 1000,
                  sb_bench_percentile (g->ours, 0.95) * 1000, sb_bench_percentile (g->base, 0.95) * 1000,
                  sb_bench_percentile (g->ours_cpu, 0.95) * 1000, sb_bench_percentile (g->base_cpu, 0.95) * 1000);
    }
  report_search ("1–4 chars, ko/ru/en", groups[0].ours, groups[0].base, groups[0].ours_cpu, groups[0].base_cpu);
  report_search ("1–2 chars only", groups[1].ours, groups[1].base, groups[1].ours_cpu, groups[1].base_cpu);
  report_search ("3–4 chars only", groups[2].ours, groups[2].base, groups[2].ours_cpu, groups[2].base_cpu);
  if (mismatches > 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%u searches found different counts", mismatches);
  else
    ok = TRUE;

out:
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    samples_clear (&groups[i]);
  return ok;
}

#define PAGES_PER_VIEW 25

static gboolean
run_paging (SbStore  *store,
            guint     n_pages,
            GError  **error)
{
  static const SbStoreSort sorts[] = {
    SB_STORE_SORT_OFFER_ID, SB_STORE_SORT_TITLE, SB_STORE_SORT_PRICE,
    SB_STORE_SORT_STOCK, SB_STORE_SORT_STATUS, SB_STORE_SORT_UPDATED,
  };
  static const char *const searches[] = { "티셔츠", "хлопк", "cream", "오버핏", "мёд" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(SbStoreQuery) query = NULL;
  gint64 count = 0;
  GArray *by_filter[3] = { NULL, };
  GArray *cpu_by_filter[3] = { NULL, };
  static const char *const filter_names[] = { "no filter", "status filter", "search filter" };
  char ours_text[192], figure[160];
  double p95, cpu_p95;

  for (guint i = 0; i < 3; i++)
    {
      by_filter[i] = g_array_new (FALSE, FALSE, sizeof (double));
      cpu_by_filter[i] = g_array_new (FALSE, FALSE, sizeof (double));
    }
  /* A view: one sort and filter, its count, then pages anywhere in it as
   * the seller scrolls or jumps; PAGES_PER_VIEW pages a view, the first
   * (right after the sort or filter changed) timed like the others. */
  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(GPtrArray) page = NULL;
      guint filter = (i / PAGES_PER_VIEW) % 3;
      guint offset;
      double start, cpu, t, c;

      if (i % PAGES_PER_VIEW == 0)
        {
          g_clear_pointer (&query, sb_store_query_free);
          query = sb_store_query_new ();
          query->sort = sorts[g_rand_int_range (rand, 0, G_N_ELEMENTS (sorts))];
          query->descending = g_rand_boolean (rand);
          query->lang = (SbLang) g_rand_int_range (rand, 0, SB_N_LANGS);
          if (filter == 1)
            {
              query->filter_status = TRUE;
              query->status = g_rand_boolean (rand) ? SB_SYNC_QUEUED : SB_SYNC_DRAFT;
            }
          else if (filter == 2)
            sb_store_query_set_search (query, searches[g_rand_int_range (rand, 0, G_N_ELEMENTS (searches))]);
          count = sb_store_count_products (store, query, error);
          if (count < 0)
            goto fail;
        }
      offset = count > 100 ? (guint) g_rand_int_range (rand, 0, (gint32) (count - 100) + 1) : 0;
      start = sb_bench_now ();
      cpu = sb_bench_thread_cpu ();
      page = sb_store_list_products (store, query, offset, 100, error);
      c = sb_bench_thread_cpu () - cpu;
      t = sb_bench_now () - start;
      if (page == NULL)
        goto fail;
      g_array_append_val (times, t);
      g_array_append_val (by_filter[filter], t);
      g_array_append_val (cpu_times, c);
      g_array_append_val (cpu_by_filter[filter], c);
      if (i % PAGES_PER_VIEW == 0)
        g_array_append_val (first_cpu, c);
    }
  for (guint i = 0; i < 3; i++)
    g_printerr ("paging, %s: wall p50 %.2f ms, p95 %.2f ms, max %.2f ms; CPU p50 %.2f ms, p95 %.2f ms\n",
                filter_names[i],
                sb_bench_percentile (by_filter[i], 0.5) * 1000, sb_bench_percentile (by_filter[i], 0.95) * 1000,
                sb_bench_percentile (by_filter[i], 1.0) * 1000,
                sb_bench_percentile (cpu_by_filter[i], 0.5) * 1000, sb_bench_percentile (cpu_by_filter[i], 0.95) * 1000);
  g_printerr ("paging, first page of a view: CPU p50 %.2f ms, p95 %.2f ms\n",
              sb_bench_percentile (first_cpu, 0.5) * 1000, sb_bench_percentile (first_cpu, 0.95) * 1000);
  p95 = sb_bench_percentile (times, 0.95) * 1000;
  cpu_p95 = sb_bench_percentile (cpu_times, 0.95) * 1000;
  g_snprintf (figure, sizeof figure, "list paging: %u random 100-row pages in %u views (6 sorts × 2 directions × 3 filters)",
              n_pages, (n_pages + PAGES_PER_VIEW - 1) / PAGES_PER_VIEW);
  g_snprintf (ours_text, sizeof ours_text,
              "p50 %.2f ms, p95 %.2f ms (CPU p95 %.2f ms); first page of a view: CPU p50 %.1f ms, p95 %.1f ms",
              sb_bench_percentile (times, 0.5) * 1000, p95, cpu_p95,
              sb_bench_percentile (first_cpu, 0.5) * 1000, sb_bench_percentile (first_cpu, 0.95) * 1000);
  sb_bench_result (figure, ours_text, "—", "—", "p95 ≤ 5 ms", cpu_p95 <= 5.0);
  for (guint i = 0; i < 3; i++)
    {
      g_array_unref (by_filter[i]);
      g_array_unref (cpu_by_filter[i]);
    }
  return TRUE;

fail:
  for (guint i = 0; i < 3; i++)
    {
      g_array_unref (by_filter[i]);
      g_array_unref (cpu_by_filter[i]);
    }
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  int per_cell = 10;
  int pages = 600;
  GOptionEntry entries[] = {
    { "queries-per-cell", 0, 0, G_OPTION_ARG_INT, &per_cell, "Queries per language and length", "N" },
    { "pages", 0, 0, G_OPTION_ARG_INT, &pages, "Pages to read", "N" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DB");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  sqlite3 *db = NULL;
  gboolean ok;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || per_cell < 1 || pages < 1)
    {
      g_printerr ("usage: sb-bench-search [--queries-per-cell N] [--pages N] DB\n");
      return 2;
    }
  store = sb_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("sb-bench-search: %s\n", error->message);
      return 2;
    }
  if (sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_printerr ("sb-bench-search: %s\n", sqlite3_errmsg (db));
      return 2;
    }
  ok = run_search (store, db, per_cell, &error) && run_paging (store, pages, &error);
  sqlite3_close (db);
  if (!ok)
    {
      g_printerr ("sb-bench-search: %s\n", error->message);
      return 1;
    }
  return 0;
}
