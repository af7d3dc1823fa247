/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-sync-categories.c: the sync engine's categories step against a
 * scripted in-process SoupServer.  A first run fetches the tree in en, ko
 * and ru without If-None-Match and caches each with its own ETag; a second
 * run sends each language's own ETag and keeps the cache on 304; a
 * language the server refuses (400) leaves its cache alone and the run
 * goes on; a 503 is retried; an answer that is not a category tree is not
 * cached; 401 stops the run.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "sb-category.h"
#include "sb-store.h"
#include "sb-sync.h"
#include "sb-test-sync.h"

typedef struct {
  SoupServer  *server;
  char        *dir;
  char        *db;
  SbStore     *store;
  SbApiClient *client;
  SbSync      *sync;
  GPtrArray   *log;          /* "lang If-None-Match" of each categories request */
  GHashTable  *statuses;     /* lang → scripted status for its next request */
  guint        version;      /* bumped to change every ETag */
  gboolean     bad_body;
} Fixture;

static const char *names[] = { "Clothing", "의류", "Одежда" };

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *body)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "X-Request-Id", "rid-cat");
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_COPY,
                                      body, strlen (body));
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  const char *lang = query != NULL ? g_hash_table_lookup (query, "lang") : NULL;
  const char *inm;
  g_autofree char *etag = NULL;
  g_autofree char *body = NULL;
  guint status;
  int index = -1;

  if (!g_str_equal (path, "/v1/reference/categories"))
    {
      /* Nothing else to sync: empty answers. */
      if (g_str_equal (path, "/v1/products"))
        respond (msg, 200, "{\"products\": [], \"next_cursor\": \"\"}");
      else
        respond (msg, 404, "{\"error\": {\"code\": \"not_found\", \"message\": \"none\"}}");
      return;
    }
  inm = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-None-Match");
  g_ptr_array_add (f->log, g_strdup_printf ("%s %s", lang != NULL ? lang : "-", inm != NULL ? inm : "-"));
  status = GPOINTER_TO_UINT (g_hash_table_lookup (f->statuses, lang != NULL ? lang : ""));
  if (status != 0)
    {
      g_hash_table_remove (f->statuses, lang);
      body = g_strdup_printf ("{\"error\": {\"code\": \"%s\", \"message\": \"scripted\"}}",
                              status == 400 ? "bad_request" : status == 401 ? "unknown_key" : "internal");
      respond (msg, status, body);
      return;
    }
  for (guint i = 0; i < SB_N_LANGS; i++)
    if (g_strcmp0 (lang, sb_lang_to_code (i)) == 0)
      index = (int) i;
  g_assert_cmpint (index, >=, 0);
  etag = g_strdup_printf ("\"%s-%u\"", lang, f->version);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
  if (g_strcmp0 (inm, etag) == 0)
    {
      respond (msg, 304, NULL);
      return;
    }
  if (f->bad_body)
    body = g_strdup ("{\"categories\": \"none\"}");
  else
    body = g_strdup_printf ("{\"categories\": [{\"id\": \"100\", \"parent_id\": null, \"name\": \"%s %u\", \"leaf\": false},"
                            "{\"id\": \"1001\", \"parent_id\": \"100\", \"name\": \"T\", \"leaf\": true,"
                            " \"commission_rate\": \"0.08\", \"attributes\": [], \"variant_options\": []}]}",
                            names[index], f->version);
  respond (msg, 200, body);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GSList *uris;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, handler, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  f->log = g_ptr_array_new_with_free_func (g_free);
  f->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->version = 1;

  f->dir = g_dir_make_tmp ("sellbridge-categories-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "catalogue.db", NULL);
  f->store = sb_store_open (f->db, &error);
  g_assert_no_error (error);
  f->client = sb_api_client_new (url, "key", "secret", &error);
  g_assert_no_error (error);
  sb_api_client_set_rate_limit (f->client, 0);
  f->sync = sb_sync_new (f->store, f->client);
  sb_sync_set_backoff (f->sync, &(SbBackoff) { 10, 100, 5 });
  sb_sync_set_seed (f->sync, 1);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);

  g_clear_object (&f->sync);
  g_clear_object (&f->client);
  g_clear_object (&f->store);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_ptr_array_unref (f->log);
  g_hash_table_unref (f->statuses);
  g_unlink (f->db);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static SbSyncSummary *
run_sync (Fixture  *f,
          GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_ptr_array_set_size (f->log, 0);
  sb_sync_run_async (f->sync, NULL, sb_test_store_result_cb, &result);
  return sb_sync_run_finish (f->sync, sb_test_wait (&result), error);
}

/* The cached name of category 100 in @lang, and its ETag, or NULL. */
static char *
cached_name (Fixture  *f,
             SbLang    lang,
             char    **out_etag)
{
  g_autofree char *kind = g_strdup_printf ("categories:%s", sb_lang_to_code (lang));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SbCategoryTree) tree = NULL;
  g_autoptr(GError) error = NULL;

  if (!sb_store_get_reference (f->store, kind, &body, out_etag, NULL, &error))
    {
      g_assert_no_error (error);
      return NULL;
    }
  tree = sb_category_tree_new_from_data (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  return g_strdup (sb_category_tree_lookup (tree, "100")->name);
}

static void
assert_log (Fixture            *f,
            const char * const *expected)
{
  g_assert_cmpuint (f->log->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < f->log->len; i++)
    g_assert_cmpstr (g_ptr_array_index (f->log, i), ==, expected[i]);
}

static void
test_languages_and_etags (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SbSyncSummary) first = NULL;
  g_autoptr(SbSyncSummary) second = NULL;
  g_autoptr(SbSyncSummary) third = NULL;
  g_autoptr(GError) error = NULL;

  first = run_sync (f, &error);
  g_assert_no_error (error);
  assert_log (f, (const char * const[]) { "en -", "ko -", "ru -", NULL });
  for (guint lang = 0; lang < SB_N_LANGS; lang++)
    {
      g_autofree char *etag = NULL;
      g_autofree char *name = cached_name (f, lang, &etag);
      g_autofree char *want_name = g_strdup_printf ("%s 1", names[lang]);
      g_autofree char *want_etag = g_strdup_printf ("\"%s-1\"", sb_lang_to_code (lang));

      g_assert_cmpstr (name, ==, want_name);
      g_assert_cmpstr (etag, ==, want_etag);
    }

  /* Unchanged: each language sends its own ETag and keeps its copy. */
  second = run_sync (f, &error);
  g_assert_no_error (error);
  assert_log (f, (const char * const[]) { "en \"en-1\"", "ko \"ko-1\"", "ru \"ru-1\"", NULL });
  {
    g_autofree char *name = cached_name (f, SB_LANG_KO, NULL);

    g_assert_cmpstr (name, ==, "의류 1");
  }

  /* Changed on the server: new copies and ETags. */
  f->version = 2;
  third = run_sync (f, &error);
  g_assert_no_error (error);
  for (guint lang = 0; lang < SB_N_LANGS; lang++)
    {
      g_autofree char *etag = NULL;
      g_autofree char *name = cached_name (f, lang, &etag);
      g_autofree char *want_name = g_strdup_printf ("%s 2", names[lang]);

      g_assert_cmpstr (name, ==, want_name);
      g_assert_true (g_str_has_suffix (etag, "-2\""));
    }
}

static void
test_refused_and_retried (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SbSyncSummary) first = NULL;
  g_autoptr(SbSyncSummary) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ru = NULL;
  g_autofree char *ko = NULL;

  /* ru is not offered (400): skipped, not cached, the run goes on; a 503
   * on ko is retried once. */
  g_hash_table_insert (f->statuses, g_strdup ("ru"), GUINT_TO_POINTER (400));
  g_hash_table_insert (f->statuses, g_strdup ("ko"), GUINT_TO_POINTER (503));
  first = run_sync (f, &error);
  g_assert_no_error (error);
  assert_log (f, (const char * const[]) { "en -", "ko -", "ko -", "ru -", NULL });
  g_assert_cmpuint (first->retries, ==, 1);
  ko = cached_name (f, SB_LANG_KO, NULL);
  g_assert_cmpstr (ko, ==, "의류 1");
  ru = cached_name (f, SB_LANG_RU, NULL);
  g_assert_null (ru);

  /* Not a category tree: the good copy cached before stays. */
  f->version = 2;
  f->bad_body = TRUE;
  second = run_sync (f, &error);
  g_assert_no_error (error);
  {
    g_autofree char *etag = NULL;
    g_autofree char *en = cached_name (f, SB_LANG_EN, &etag);

    g_assert_cmpstr (en, ==, "Clothing 1");
    g_assert_cmpstr (etag, ==, "\"en-1\"");
  }
}

static void
test_unauthorized_stops (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (f->statuses, g_strdup ("ko"), GUINT_TO_POINTER (401));
  summary = run_sync (f, &error);
  g_assert_null (summary);
  g_assert_true (sb_api_error_is_auth (error));
  assert_log (f, (const char * const[]) { "en -", "ko -", NULL });
  g_assert_cmpint (sb_sync_get_state (f->sync), ==, SB_SYNC_ENGINE_NEEDS_CREDENTIALS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/sync/categories/languages-and-etags", Fixture, NULL,
              fixture_setup, test_languages_and_etags, fixture_teardown);
  g_test_add ("/sync/categories/refused-and-retried", Fixture, NULL,
              fixture_setup, test_refused_and_retried, fixture_teardown);
  g_test_add ("/sync/categories/unauthorized-stops", Fixture, NULL,
              fixture_setup, test_unauthorized_stops, fixture_teardown);
  return g_test_run ();
}
