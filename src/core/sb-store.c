/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-store.c: the local SQLite catalogue.  One connection per SbStore, a
 * schema versioned with PRAGMA user_version and migrated forward one
 * transaction per step, WAL with synchronous=FULL, cached prepared
 * statements with bound values only, writes under BEGIN IMMEDIATE, and an
 * outbox written in the same transaction as the edit it carries.  The
 * product list reads denormalised summary columns kept on the product row,
 * with one index per sort order, and searches through an in-memory index
 * of the search text (sb-search-index.c), or a trigram FTS5 index for
 * words that mix scripts.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <unicode/ucol.h>

#include "sb-search-index.h"
#include "sb-store.h"

G_DEFINE_QUARK (sb-store-error-quark, sb_store_error)

/* The schema.  Each entry migrates from version i to i + 1 and runs in its
 * own transaction together with the user_version bump it ends with.  Never
 * edit a released step: add a new one.
 *
 * Design notes:
 * - products holds the catalogue fields, the sync bookkeeping (one row per
 *   product either way, so a separate 1:1 table would only cost a join in
 *   every list query) and denormalised list columns (variant count, price
 *   range, total stock, first image, ICU collation keys of the titles) so a
 *   list page never touches the child tables.  Each sort has an index
 *   (column, offer_id, sync_state) that the ORDER BY walks, forwards or
 *   backwards; the trailing sync_state lets a status filter be checked
 *   from the index alone (see build_where()).
 * - sync_state is stored as the fixed code of sync_state_codes[] below,
 *   whose order is the order of the status sort.
 * - revision counts local saves; confirmed_revision is the revision the
 *   server last acknowledged.  A row is dirty while they differ.
 * - outbox ops are never reused (AUTOINCREMENT); batches keep the exact
 *   request bytes so a resend after a crash is byte-identical.
 * - search_text holds, per product, the NFKC-casefolded titles, offer id
 *   and skus; product_fts is a trigram FTS5 index over it (external
 *   content, rowid = products.id), kept in sync by update_search_text()
 *   in the transaction of each write — cheaper than triggers on imports. */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE seller ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  json TEXT NOT NULL,"
  "  status TEXT,"
  "  reasons_json TEXT NOT NULL DEFAULT '[]',"
  "  revision INTEGER NOT NULL DEFAULT 0,"
  "  confirmed_revision INTEGER NOT NULL DEFAULT 0,"
  "  updated_usec INTEGER NOT NULL"
  ");"
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE products ("
  "  id INTEGER PRIMARY KEY,"
  "  offer_id TEXT NOT NULL UNIQUE,"
  "  category_id TEXT,"
  "  title_en TEXT, title_ko TEXT, title_ru TEXT,"
  "  description_en TEXT, description_ko TEXT, description_ru TEXT,"
  "  weight_g INTEGER NOT NULL DEFAULT 0,"
  "  length_mm INTEGER NOT NULL DEFAULT 0,"
  "  width_mm INTEGER NOT NULL DEFAULT 0,"
  "  height_mm INTEGER NOT NULL DEFAULT 0,"
  "  hs_code TEXT,"
  "  batteries TEXT NOT NULL DEFAULT 'none'"
  "    CHECK (batteries IN ('none', 'installed', 'packed', 'standalone')),"
  "  liquids INTEGER NOT NULL DEFAULT 0 CHECK (liquids IN (0, 1)),"
  "  handling_days INTEGER NOT NULL DEFAULT 0,"
  /* list columns */
  "  title_key_en BLOB, title_key_ko BLOB, title_key_ru BLOB,"
  "  n_variants INTEGER NOT NULL DEFAULT 0,"
  "  price_currency TEXT NOT NULL DEFAULT '',"
  "  min_price_minor INTEGER NOT NULL DEFAULT 0,"
  "  max_price_minor INTEGER NOT NULL DEFAULT 0,"
  "  mixed_currencies INTEGER NOT NULL DEFAULT 0,"
  "  total_stock INTEGER NOT NULL DEFAULT 0,"
  "  image_path TEXT,"
  "  created_usec INTEGER NOT NULL,"
  "  updated_usec INTEGER NOT NULL,"
  /* sync state */
  "  sync_state INTEGER NOT NULL DEFAULT 0 CHECK (sync_state BETWEEN 0 AND 7),"
  "  server_version INTEGER NOT NULL DEFAULT 0,"
  "  server_status TEXT,"
  "  reasons_json TEXT NOT NULL DEFAULT '[]',"
  "  field_errors_json TEXT NOT NULL DEFAULT '[]',"
  "  revision INTEGER NOT NULL DEFAULT 1,"
  "  confirmed_revision INTEGER NOT NULL DEFAULT 0,"
  "  conflict_json TEXT,"
  "  conflict_version INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX products_by_title_en ON products (title_key_en, offer_id, sync_state);"
  "CREATE INDEX products_by_title_ko ON products (title_key_ko, offer_id, sync_state);"
  "CREATE INDEX products_by_title_ru ON products (title_key_ru, offer_id, sync_state);"
  "CREATE INDEX products_by_price ON products (price_currency, min_price_minor, offer_id, sync_state);"
  "CREATE INDEX products_by_stock ON products (total_stock, offer_id, sync_state);"
  "CREATE INDEX products_by_state ON products (sync_state, offer_id);"
  "CREATE INDEX products_by_updated ON products (updated_usec, offer_id, sync_state);"
  "CREATE TABLE variants ("
  "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  sku TEXT NOT NULL,"
  "  options_json TEXT NOT NULL DEFAULT '{}',"
  "  price_minor INTEGER NOT NULL,"
  "  currency TEXT NOT NULL,"
  "  stock INTEGER NOT NULL DEFAULT 0,"
  "  barcode TEXT,"
  "  PRIMARY KEY (product_id, position),"
  "  UNIQUE (product_id, sku)"
  ") WITHOUT ROWID;"
  "CREATE INDEX variants_by_sku ON variants (sku);"
  "CREATE TABLE attributes ("
  "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
  "  attribute_id TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (product_id, attribute_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE images ("
  "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  local_path TEXT,"
  "  sha256 TEXT,"
  "  remote_id TEXT,"
  "  width INTEGER NOT NULL DEFAULT 0,"
  "  height INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (product_id, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE carriers ("
  "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  carrier_id TEXT NOT NULL,"
  "  PRIMARY KEY (product_id, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE reference ("
  "  kind TEXT PRIMARY KEY NOT NULL,"
  "  body BLOB NOT NULL,"
  "  etag TEXT,"
  "  fetched_usec INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE batches ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  body BLOB NOT NULL,"
  "  created_usec INTEGER NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  sent_usec INTEGER"
  ");"
  "CREATE TABLE batch_items ("
  "  batch_key TEXT NOT NULL REFERENCES batches (key) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  offer_id TEXT NOT NULL,"
  "  revision INTEGER NOT NULL,"
  "  PRIMARY KEY (batch_key, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  kind TEXT NOT NULL CHECK (kind IN ('put_product', 'delete_product', 'put_seller')),"
  "  offer_id TEXT,"
  "  revision INTEGER NOT NULL,"
  "  created_usec INTEGER NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  batch_key TEXT REFERENCES batches (key) ON DELETE CASCADE,"
  "  sent_usec INTEGER,"
  "  CHECK ((kind = 'put_seller') = (offer_id IS NULL))"
  ");"
  "CREATE INDEX outbox_by_offer ON outbox (offer_id);"
  "CREATE INDEX outbox_by_batch ON outbox (batch_key) WHERE batch_key IS NOT NULL;"
  "CREATE TABLE sync_meta ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  pull_cursor TEXT,"
  "  last_pull_usec INTEGER,"
  "  last_sync_usec INTEGER"
  ");"
  "INSERT INTO sync_meta (id) VALUES (1);"
  "CREATE TABLE search_text ("
  "  id INTEGER PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL"
  ");"
  "CREATE VIRTUAL TABLE product_fts USING fts5 (text, tokenize = 'trigram',"
  "  content = 'search_text', content_rowid = 'id');"
  "PRAGMA user_version = 1;",

  /* 1 → 2: search_meta.version moves in every transaction that changes
   * search_text, on any connection (note_search_text_changed()), so a
   * store's in-memory search index (search_index_refresh()) knows when it
   * is out of date.  Bumped once per transaction from the code, not by
   * triggers on search_text: a trigger makes each insert open a statement
   * journal, which doubled the cost of a save inside a big transaction
   * (65 µs more a row, measured). */
  "CREATE TABLE search_meta ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  version INTEGER NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO search_meta (id) VALUES (1);"
  "PRAGMA user_version = 2;",
};

#define SCHEMA_VERSION G_N_ELEMENTS (migrations)

/* The oldest schema a read-only store can read: schema 2 only added
 * search_meta, which reading can do without (search_index_refresh()). */
#define OLDEST_READABLE_SCHEMA 1

/* Stored codes of SbSyncState; also the order of SB_STORE_SORT_STATUS. */
static const SbSyncState sync_state_codes[] = {
  SB_SYNC_DRAFT,
  SB_SYNC_QUEUED,
  SB_SYNC_SENT,
  SB_SYNC_PENDING_REVIEW,
  SB_SYNC_ACTIVE,
  SB_SYNC_REJECTED,
  SB_SYNC_CONFLICT,
  SB_SYNC_ARCHIVED,
};

static int
sync_state_to_code (SbSyncState state)
{
  for (guint i = 0; i < G_N_ELEMENTS (sync_state_codes); i++)
    if (sync_state_codes[i] == state)
      return (int) i;
  return 0;
}

static SbSyncState
sync_state_from_code (gint64 code)
{
  if (code < 0 || code >= (gint64) G_N_ELEMENTS (sync_state_codes))
    return SB_SYNC_DRAFT;
  return sync_state_codes[code];
}

struct _SbStore
{
  GObject parent_instance;

  /* owned */
  char         *path;
  sqlite3      *db;
  GHashTable   *statements;   /* SQL literal's address → sqlite3_stmt (owned) */
  GHashTable   *queries;      /* generated SQL text → sqlite3_stmt (owned) */
  GCancellable *cancellable;  /* (nullable) checked by the progress handler */
  UCollator    *collators[SB_N_LANGS];

  SbStoreOpenFlags flags;

  /* Set by a bulk save into an empty catalogue: the trigram index is
   * rebuilt once at its end instead of being filled product by product. */
  gboolean      defer_fts;

  /* The ordered ids of the last list kept by list_kept_ids(). */
  char         *search_key;        /* (nullable) page query and its values */
  guint64       search_generation;
  GArray       *search_ids;        /* (nullable) (element-type gint64) */

  /* The in-memory search index, built at the first search that can use
   * it (search_index_refresh()), and the matches of the last search. */
  SbSearchIndex *search_index;       /* (nullable) */
  gint64         search_index_version;  /* search_meta.version it holds */
  guint64        search_index_checked;  /* generation it was last checked at */
  char          *match_key;          /* (nullable) the words of @match_ids */
  GArray        *match_ids;          /* (nullable) (element-type gint64) offer id order */
  guint8        *match_bits;         /* (nullable) @match_ids as a bitmap by id */
  gint64         match_bits_size;    /* ids the bitmap covers */
  gboolean       search_text_noted;  /* search_meta.version moved in this transaction */
  gint64         schema;             /* PRAGMA user_version once opened */
};

G_DEFINE_FINAL_TYPE (SbStore, sb_store, G_TYPE_OBJECT)

static void search_match_fn (sqlite3_context  *context,
                             int               argc,
                             sqlite3_value   **argv);

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Statements from the cache are reset and unbound when they leave scope. */
static void
stmt_release (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

typedef sqlite3_stmt SbStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbStmt, stmt_release)

/* Errors */

static void
set_error_from_code (SbStore  *self,
                     int       rc,
                     GError  **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FULL,
                   _("The disk is full, so the catalogue could not be saved. "
                     "Free some disk space and try again."));
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_AUTH:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY,
                   /* Translators: %s is a file name. */
                   _("Sellbridge cannot write to its catalogue file “%s”. "
                     "Check that the file and its folder are writable and not on a read-only disk."),
                   self->path);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_BUSY,
                   _("The catalogue is in use by another program. "
                     "Close other copies of Sellbridge or sellbridge-cli and try again."));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FORMAT:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                   /* Translators: %s is a file name. */
                   _("The catalogue file “%s” is damaged or is not a Sellbridge catalogue. "
                     "Restore it from a backup or move it away to start a new catalogue."),
                   self->path);
      break;
    case SQLITE_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The operation was cancelled."));
      break;
    case SQLITE_NOMEM:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FAILED,
                   _("There is not enough memory to work on the catalogue. "
                     "Close some programs and try again."));
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   /* Translators: %s is a technical detail from the database. */
                   _("The change was refused because it would make the catalogue inconsistent (%s). "
                     "Nothing was saved; check the data and try again."),
                   detail);
      break;
    default:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FAILED,
                   /* Translators: %s is a technical detail from the database. */
                   _("The catalogue could not be read or saved (%s). "
                     "Try again; if this keeps happening, report a bug."),
                   detail);
      break;
    }
}

/* Statements */

static sqlite3_stmt *
prepare_cached (SbStore     *self,
                GHashTable  *cache,
                const char  *sql,
                gboolean     copy_key,
                GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (cache, sql);
  int rc;

  if (stmt != NULL)
    return stmt;
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (cache, copy_key ? g_strdup (sql) : (gpointer) sql, stmt);
  return stmt;
}

/* @sql must be a string literal: the cache is keyed by its address, so a
 * save does not hash kilobytes of SQL text for each of its statements. */
static sqlite3_stmt *
get_stmt (SbStore     *self,
          const char  *sql,
          GError     **error)
{
  return prepare_cached (self, self->statements, sql, FALSE, error);
}

/* For SQL assembled at run time from fixed fragments (list queries). */
static sqlite3_stmt *
get_query_stmt (SbStore     *self,
                const char  *sql,
                GError     **error)
{
  return prepare_cached (self, self->queries, sql, TRUE, error);
}

/* Runs a statement that returns no rows (or ignores them). */
static gboolean
step_done (SbStore      *self,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      set_error_from_code (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Returns 1 for a row, 0 when done, -1 with @error set. */
static int
step_row (SbStore      *self,
          sqlite3_stmt *stmt,
          GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;
  set_error_from_code (self, rc, error);
  return -1;
}

static gboolean
exec_cached (SbStore     *self,
             const char  *sql,
             GError     **error)
{
  g_autoptr(SbStmt) stmt = get_stmt (self, sql, error);

  return stmt != NULL && step_done (self, stmt, error);
}

static gboolean
begin_write (SbStore  *self,
             GError  **error)
{
  self->search_text_noted = FALSE;
  return exec_cached (self, "BEGIN IMMEDIATE", error);
}

/* Starts a read transaction unless one is open already (a call from a
 * sb_store_foreach_product() callback); end it with end_read(). */
static gboolean
begin_read (SbStore   *self,
            gboolean  *started,
            GError   **error)
{
  *started = sqlite3_get_autocommit (self->db) != 0;
  return !*started || exec_cached (self, "BEGIN DEFERRED", error);
}

static void
end_read (SbStore  *self,
          gboolean  started)
{
  if (started && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
commit (SbStore  *self,
        GError  **error)
{
  if (exec_cached (self, "COMMIT", error))
    return TRUE;
  /* A failed COMMIT (disk full, busy) may leave the transaction open. */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static void
rollback (SbStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* The text of the first column of the first row of @sql, whose one
 * parameter (if @param is not %NULL) is bound to @param; %NULL without an
 * error when there is no row. */
static char *
query_text (SbStore     *self,
            const char  *sql,
            const char  *param,
            GError     **error)
{
  g_autoptr(SbStmt) stmt = get_stmt (self, sql, error);

  if (stmt == NULL)
    return NULL;
  if (param != NULL)
    bind_text (stmt, 1, param);
  if (step_row (self, stmt, error) <= 0)
    return NULL;
  return column_dup (stmt, 0);
}

static GDateTime *
date_time_from_usec (gint64 usec)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  if (seconds == NULL)
    return NULL;
  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

static gint64
date_time_to_usec (GDateTime *when)
{
  return g_date_time_to_unix (when) * G_USEC_PER_SEC + g_date_time_get_microsecond (when);
}

/* JSON helpers for reasons and variant options */

static char *
reasons_to_json (GPtrArray *reasons)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      const SbReason *reason = g_ptr_array_index (reasons, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, reason->code != NULL ? reason->code : "");
      if (reason->path != NULL)
        {
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, reason->path);
        }
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, reason->message != NULL ? reason->message : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Appends the reasons of a JSON array to @reasons; bad JSON adds nothing. */
static void
reasons_append_json (GPtrArray  *reasons,
                     const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      g_ptr_array_add (reasons,
                       sb_reason_new (json_object_get_string_member_with_default (object, "code", ""),
                                      json_object_get_string_member_with_default (object, "path", NULL),
                                      json_object_get_string_member_with_default (object, "message", "")));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Text a JSON string holds as it is: printable ASCII other than the quote
 * and the backslash, and UTF-8 sequences. */
static gboolean
json_text_is_plain (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    if (*p < 0x20 || *p == '"' || *p == '\\' || *p == 0x7f)
      return FALSE;
  return TRUE;
}

static char *
options_to_json (GHashTable *options)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint n = 0;
  g_autofree const char **names = NULL;

  names = (const char **) g_hash_table_get_keys_as_array (options, &n);
  qsort (names, n, sizeof (char *), compare_strings);

  /* Names and values that JSON-GLib writes as they are (no quote,
   * backslash or control character) are written here, byte for byte as
   * its generator would: building a JSON tree per variant was a tenth of
   * the save. */
  {
    g_autoptr(GString) json = g_string_new ("{");
    gboolean plain = TRUE;

    for (guint i = 0; i < n && plain; i++)
      {
        const char *value = g_hash_table_lookup (options, names[i]);

        plain = value != NULL && json_text_is_plain (names[i]) && json_text_is_plain (value);
        g_string_append_printf (json, "%s\"%s\":\"%s\"", i > 0 ? "," : "", names[i], plain ? value : "");
      }
    if (plain)
      {
        g_string_append_c (json, '}');
        return g_string_free (g_steal_pointer (&json), FALSE);
      }
  }

  builder = json_builder_new ();
  generator = json_generator_new ();
  json_builder_begin_object (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_set_member_name (builder, names[i]);
      json_builder_add_string_value (builder, g_hash_table_lookup (options, names[i]));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
options_from_json (SbVariant  *variant,
                   const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &name, &value))
    if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
      sb_variant_set_option (variant, name, json_node_get_string (value));
}

/* Search text: NFKC then case folding, so "ＡＢＣ", "abc" and "ABC" match,
 * and so do "Футболка" and "футболка". */
static char *
fold_for_search (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);

  if (normalized == NULL)
    return g_strdup ("");
  return g_utf8_casefold (normalized, -1);
}

/* Collation keys: memcmp order of the keys is the locale's order. */
static GBytes *
collation_key (SbStore    *self,
               SbLang      lang,
               const char *text)
{
  g_autofree gunichar2 *utf16 = NULL;
  glong n_utf16 = 0;
  guint8 stack_key[256];
  int length;

  if (text == NULL || self->collators[lang] == NULL)
    return NULL;
  utf16 = g_utf8_to_utf16 (text, -1, NULL, &n_utf16, NULL);
  if (utf16 == NULL)
    return NULL;
  length = ucol_getSortKey (self->collators[lang], (const UChar *) utf16, (int32_t) n_utf16,
                            stack_key, sizeof stack_key);
  if (length <= 0)
    return NULL;
  if ((gsize) length <= sizeof stack_key)
    return g_bytes_new (stack_key, length - 1);  /* drop the trailing NUL */
  else
    {
      guint8 *key = g_malloc (length);

      ucol_getSortKey (self->collators[lang], (const UChar *) utf16, (int32_t) n_utf16, key, length);
      return g_bytes_new_take (key, length - 1);
    }
}

/* Boxed records */

G_DEFINE_BOXED_TYPE (SbStoreQuery, sb_store_query, sb_store_query_copy, sb_store_query_free)

SbStoreQuery *
sb_store_query_new (void)
{
  SbStoreQuery *query = g_new0 (SbStoreQuery, 1);

  query->sort = SB_STORE_SORT_OFFER_ID;
  query->lang = SB_LANG_EN;
  return query;
}

SbStoreQuery *
sb_store_query_copy (const SbStoreQuery *query)
{
  SbStoreQuery *copy = g_memdup2 (query, sizeof *query);

  copy->search = g_strdup (query->search);
  return copy;
}

void
sb_store_query_free (SbStoreQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->search);
  g_free (query);
}

void
sb_store_query_set_search (SbStoreQuery *query,
                           const char   *search)
{
  char *old = query->search;

  query->search = g_strdup (search);
  g_free (old);
}

G_DEFINE_BOXED_TYPE (SbProductSummary, sb_product_summary,
                     sb_product_summary_copy, sb_product_summary_free)

static SbProductSummary *
sb_product_summary_new (void)
{
  SbProductSummary *summary = g_new0 (SbProductSummary, 1);

  summary->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  return summary;
}

SbProductSummary *
sb_product_summary_copy (const SbProductSummary *summary)
{
  SbProductSummary *copy = sb_product_summary_new ();

  copy->offer_id = g_strdup (summary->offer_id);
  for (guint i = 0; i < SB_N_LANGS; i++)
    copy->title[i] = g_strdup (summary->title[i]);
  copy->n_variants = summary->n_variants;
  copy->min_price_minor = summary->min_price_minor;
  copy->max_price_minor = summary->max_price_minor;
  memcpy (copy->currency, summary->currency, sizeof copy->currency);
  copy->mixed_currencies = summary->mixed_currencies;
  copy->total_stock = summary->total_stock;
  copy->sync_state = summary->sync_state;
  for (guint i = 0; i < summary->reasons->len; i++)
    g_ptr_array_add (copy->reasons, sb_reason_copy (g_ptr_array_index (summary->reasons, i)));
  copy->image_path = g_strdup (summary->image_path);
  copy->updated = summary->updated != NULL ? g_date_time_ref (summary->updated) : NULL;
  return copy;
}

void
sb_product_summary_free (SbProductSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->offer_id);
  for (guint i = 0; i < SB_N_LANGS; i++)
    g_free (summary->title[i]);
  g_clear_pointer (&summary->reasons, g_ptr_array_unref);
  g_free (summary->image_path);
  g_clear_pointer (&summary->updated, g_date_time_unref);
  g_free (summary);
}

static const char * const outbox_kind_names[] = {
  [SB_OUTBOX_PUT_PRODUCT] = "put_product",
  [SB_OUTBOX_DELETE_PRODUCT] = "delete_product",
  [SB_OUTBOX_PUT_SELLER] = "put_seller",
};

const char *
sb_outbox_kind_to_string (SbOutboxKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (outbox_kind_names), NULL);
  return outbox_kind_names[kind];
}

gboolean
sb_outbox_kind_from_string (const char   *str,
                            SbOutboxKind *out_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (outbox_kind_names); i++)
    if (g_strcmp0 (str, outbox_kind_names[i]) == 0)
      {
        *out_kind = (SbOutboxKind) i;
        return TRUE;
      }
  return FALSE;
}

G_DEFINE_BOXED_TYPE (SbOutboxOp, sb_outbox_op, sb_outbox_op_copy, sb_outbox_op_free)

SbOutboxOp *
sb_outbox_op_copy (const SbOutboxOp *op)
{
  SbOutboxOp *copy = g_memdup2 (op, sizeof *op);

  copy->offer_id = g_strdup (op->offer_id);
  copy->created = op->created != NULL ? g_date_time_ref (op->created) : NULL;
  copy->batch_key = g_strdup (op->batch_key);
  copy->sent_at = op->sent_at != NULL ? g_date_time_ref (op->sent_at) : NULL;
  return copy;
}

void
sb_outbox_op_free (SbOutboxOp *op)
{
  if (op == NULL)
    return;
  g_free (op->offer_id);
  g_clear_pointer (&op->created, g_date_time_unref);
  g_free (op->batch_key);
  g_clear_pointer (&op->sent_at, g_date_time_unref);
  g_free (op);
}

G_DEFINE_BOXED_TYPE (SbStoreBatch, sb_store_batch, sb_store_batch_copy, sb_store_batch_free)

SbStoreBatch *
sb_store_batch_new (const char *key,
                    GBytes     *body)
{
  SbStoreBatch *batch = g_new0 (SbStoreBatch, 1);

  batch->key = g_strdup (key);
  batch->body = body != NULL ? g_bytes_ref (body) : NULL;
  batch->offer_ids = g_ptr_array_new_with_free_func (g_free);
  batch->revisions = g_array_new (FALSE, FALSE, sizeof (gint64));
  return batch;
}

void
sb_store_batch_add_item (SbStoreBatch *batch,
                         const char   *offer_id,
                         gint64        revision)
{
  g_ptr_array_add (batch->offer_ids, g_strdup (offer_id));
  g_array_append_val (batch->revisions, revision);
}

SbStoreBatch *
sb_store_batch_copy (const SbStoreBatch *batch)
{
  SbStoreBatch *copy = sb_store_batch_new (batch->key, batch->body);

  for (guint i = 0; i < batch->offer_ids->len; i++)
    sb_store_batch_add_item (copy, g_ptr_array_index (batch->offer_ids, i),
                             g_array_index (batch->revisions, gint64, i));
  copy->created = batch->created != NULL ? g_date_time_ref (batch->created) : NULL;
  copy->attempts = batch->attempts;
  return copy;
}

void
sb_store_batch_free (SbStoreBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->key);
  g_clear_pointer (&batch->body, g_bytes_unref);
  g_clear_pointer (&batch->offer_ids, g_ptr_array_unref);
  g_clear_pointer (&batch->revisions, g_array_unref);
  g_clear_pointer (&batch->created, g_date_time_unref);
  g_free (batch);
}

G_DEFINE_BOXED_TYPE (SbSyncResult, sb_sync_result, sb_sync_result_copy, sb_sync_result_free)

SbSyncResult *
sb_sync_result_new (const char *offer_id)
{
  SbSyncResult *result = g_new0 (SbSyncResult, 1);

  result->offer_id = g_strdup (offer_id);
  result->outcome = SB_SYNC_OUTCOME_ACCEPTED;
  result->status = SB_SYNC_PENDING_REVIEW;
  result->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  return result;
}

SbSyncResult *
sb_sync_result_copy (const SbSyncResult *result)
{
  SbSyncResult *copy = sb_sync_result_new (result->offer_id);

  copy->revision = result->revision;
  copy->outcome = result->outcome;
  copy->server_version = result->server_version;
  copy->status = result->status;
  for (guint i = 0; i < result->reasons->len; i++)
    g_ptr_array_add (copy->reasons, sb_reason_copy (g_ptr_array_index (result->reasons, i)));
  copy->conflict_json = g_strdup (result->conflict_json);
  return copy;
}

void
sb_sync_result_free (SbSyncResult *result)
{
  if (result == NULL)
    return;
  g_free (result->offer_id);
  g_clear_pointer (&result->reasons, g_ptr_array_unref);
  g_free (result->conflict_json);
  g_free (result);
}

/* The object */

static int
progress_cb (void *user_data)
{
  SbStore *self = user_data;

  /* Non-zero interrupts the running statement with SQLITE_INTERRUPT. */
  return self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable);
}

static void
sb_store_dispose (GObject *object)
{
  SbStore *self = SB_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->queries, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close (self->db);
      self->db = NULL;
    }
  g_clear_object (&self->cancellable);
  for (guint i = 0; i < SB_N_LANGS; i++)
    g_clear_pointer (&self->collators[i], ucol_close);

  G_OBJECT_CLASS (sb_store_parent_class)->dispose (object);
}

static void
sb_store_finalize (GObject *object)
{
  SbStore *self = SB_STORE (object);

  g_free (self->path);
  g_free (self->search_key);
  g_clear_pointer (&self->search_ids, g_array_unref);
  g_clear_pointer (&self->search_index, sb_search_index_free);
  g_free (self->match_key);
  g_clear_pointer (&self->match_ids, g_array_unref);
  g_free (self->match_bits);

  G_OBJECT_CLASS (sb_store_parent_class)->finalize (object);
}

static void
sb_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SbStore *self = SB_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SbStore *self = SB_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_store_class_init (SbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_store_dispose;
  object_class->finalize = sb_store_finalize;
  object_class->get_property = sb_store_get_property;
  object_class->set_property = sb_store_set_property;

  /**
   * SbStore:path:
   *
   * The database file.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

static void
sb_store_init (SbStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_stmt);
  self->queries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
}

static gint64
read_user_version (SbStore  *self,
                   GError  **error)
{
  g_autoptr(SbStmt) stmt = get_stmt (self, "PRAGMA user_version", error);
  int row;

  if (stmt == NULL)
    return -1;
  row = step_row (self, stmt, error);
  if (row < 0)
    return -1;
  return row > 0 ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* Runs SQL that has no values to bind: the migrations, the catalogue's own
 * index definitions, DROP INDEX of a quoted name. */
static gboolean
exec_script (SbStore     *self,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_error_from_code (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
refuse_newer (SbStore  *self,
              gint64    version,
              GError  **error)
{
  if (version <= (gint64) SCHEMA_VERSION)
    return TRUE;
  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NEWER_VERSION,
               /* Translators: %s is a file name. */
               _("This catalogue was saved by a newer version of Sellbridge. "
                 "Update Sellbridge to open “%s”; it was left unchanged."),
               self->path);
  return FALSE;
}

static gboolean
migrate (SbStore  *self,
         GError  **error)
{
  gint64 version = read_user_version (self, error);

  if (version < 0 || !refuse_newer (self, version, error))
    return FALSE;
  while (version < (gint64) SCHEMA_VERSION)
    {
      if (!begin_write (self, error))
        return FALSE;
      /* Another process may have migrated while we waited for the lock. */
      version = read_user_version (self, error);
      if (version < 0 || !refuse_newer (self, version, error))
        {
          rollback (self);
          return FALSE;
        }
      if (version < (gint64) SCHEMA_VERSION)
        {
          g_debug ("Migrating %s from schema %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
                   self->path, version, version + 1);
          if (!exec_script (self, migrations[version], error))
            {
              rollback (self);
              return FALSE;
            }
        }
      if (!commit (self, error))
        return FALSE;
      /* The statement cache may hold plans against the old schema. */
      g_hash_table_remove_all (self->statements);
      g_hash_table_remove_all (self->queries);
      version = read_user_version (self, error);
      if (version < 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
open_db (SbStore  *self,
         GError  **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *journal_mode = NULL;
  static const char * const locales[SB_N_LANGS] = { "en", "ko", "ru" };
  int rc;

  gboolean read_only = (self->flags & SB_STORE_OPEN_READ_ONLY) != 0;

  if (!read_only && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SB_STORE_ERROR,
                   saved_errno == ENOSPC ? SB_STORE_ERROR_FULL : SB_STORE_ERROR_READ_ONLY,
                   /* Translators: the first %s is a folder, the second the system's reason. */
                   _("Cannot create the folder “%s” for the catalogue: %s. "
                     "Check that you may write there, or choose another file with --db."),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                        SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      if (self->db != NULL)
        rc = sqlite3_extended_errcode (self->db);
      set_error_from_code (self, rc, error);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);

  /* A WAL file in a folder nobody may write, closed cleanly (no -wal or
   * -shm left), can only be read as immutable: nobody can change it. */
  if (read_only && read_user_version (self, NULL) < 0)
    {
      g_autofree char *escaped = g_uri_escape_string (self->path, "/", TRUE);
      g_autofree char *uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
      g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
      GStatBuf st;

      /* Immutable means the WAL is not read: rather than show the
       * catalogue without its last changes, refuse. */
      if (g_stat (wal, &st) == 0 && st.st_size > 0)
        {
          set_error_from_code (self, SQLITE_READONLY, error);
          return FALSE;
        }

      g_debug ("%s: opening as immutable", self->path);
      g_hash_table_remove_all (self->statements);
      sqlite3_close (self->db);
      self->db = NULL;
      rc = sqlite3_open_v2 (uri, &self->db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
      if (rc != SQLITE_OK)
        {
          if (self->db != NULL)
            rc = sqlite3_extended_errcode (self->db);
          set_error_from_code (self, rc, error);
          return FALSE;
        }
      sqlite3_extended_result_codes (self->db, 1);
    }
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_progress_handler (self->db, 1000, progress_cb, self);
  sqlite3_create_function_v2 (self->db, "sb_search_match", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                              self, search_match_fn, NULL, NULL, NULL);

  /* SQLite quietly opens a file it may not write read-only; say so now,
   * not at the first save. */
  if (!read_only && sqlite3_db_readonly (self->db, "main") == 1)
    {
      set_error_from_code (self, SQLITE_READONLY, error);
      return FALSE;
    }

  /* Check the version before anything writes to the file, so a newer
   * catalogue is left exactly as it was. */
  {
    gint64 version = read_user_version (self, error);

    if (version < 0 || !refuse_newer (self, version, error))
      return FALSE;
    if (read_only)
      {
        /* Nothing may be written, so an older schema cannot be migrated;
         * the previous release's can be read as it is. */
        if (version < OLDEST_READABLE_SCHEMA)
          {
            set_error_from_code (self, SQLITE_READONLY, error);
            return FALSE;
          }
        self->schema = version;
        goto collators;
      }
  }

  {
    g_autoptr(SbStmt) stmt = get_stmt (self, "PRAGMA journal_mode = WAL", error);

    if (stmt == NULL || step_row (self, stmt, error) < 0)
      return FALSE;
    journal_mode = column_dup (stmt, 0);
  }
  if (g_ascii_strcasecmp (journal_mode, "wal") != 0)
    g_debug ("%s: journal mode is %s, not WAL", self->path, journal_mode);
  if (!exec_script (self,
                    "PRAGMA synchronous = FULL;"
                    "PRAGMA foreign_keys = ON;"
                    "PRAGMA temp_store = MEMORY;",
                    error))
    return FALSE;

  if (!migrate (self, error))
    return FALSE;
  self->schema = SCHEMA_VERSION;

collators:
  for (guint i = 0; i < SB_N_LANGS; i++)
    {
      UErrorCode status = U_ZERO_ERROR;

      self->collators[i] = ucol_open (locales[i], &status);
      if (U_FAILURE (status))
        {
          g_warning ("Cannot open the ICU collator for %s: %s", locales[i], u_errorName (status));
          g_clear_pointer (&self->collators[i], ucol_close);
        }
    }
  return TRUE;
}

/**
 * sb_store_dup_default_path:
 *
 * Returns: (transfer full): $SELLBRIDGE_DB when set, else
 *   $XDG_DATA_HOME/sellbridge/sellbridge.db.
 */
char *
sb_store_dup_default_path (void)
{
  const char *env = g_getenv ("SELLBRIDGE_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "sellbridge", "sellbridge.db", NULL);
}

/**
 * sb_store_open:
 * @path: (nullable): the database file, or %NULL for the default
 *
 * Opens the catalogue, creating the file and its folder when needed and
 * migrating an older schema.  A catalogue saved by a newer Sellbridge is
 * refused with %SB_STORE_ERROR_NEWER_VERSION and left untouched.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
SbStore *
sb_store_open (const char  *path,
               GError     **error)
{
  return sb_store_open_full (path, SB_STORE_OPEN_DEFAULT, error);
}

/**
 * sb_store_open_full:
 * @path: (nullable): the database file, or %NULL for the default
 * @flags: %SB_STORE_OPEN_READ_ONLY to open an existing catalogue without
 *   ever writing to it (every write then fails with
 *   %SB_STORE_ERROR_READ_ONLY); the file must exist and have the current
 *   schema
 *
 * Like sb_store_open(), with flags.  Without %SB_STORE_OPEN_READ_ONLY, a
 * file or folder Sellbridge may not write is refused at once with
 * %SB_STORE_ERROR_READ_ONLY rather than at the first save.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
SbStore *
sb_store_open_full (const char        *path,
                    SbStoreOpenFlags   flags,
                    GError           **error)
{
  g_autofree char *default_path = NULL;
  g_autoptr(SbStore) self = NULL;

  if (path == NULL)
    path = default_path = sb_store_dup_default_path ();
  self = g_object_new (SB_TYPE_STORE, "path", path, NULL);
  self->flags = flags;
  if (!open_db (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * sb_store_is_read_only:
 *
 * Returns: whether the store was opened with %SB_STORE_OPEN_READ_ONLY
 */
gboolean
sb_store_is_read_only (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  return (self->flags & SB_STORE_OPEN_READ_ONLY) != 0;
}

/**
 * sb_store_check_integrity:
 *
 * Runs SQLite's `PRAGMA quick_check` over the whole file: every page,
 * every B-tree and the row counts of every index, without comparing index
 * contents with the tables (`integrity_check` does that too and is several
 * times slower).  It reads the whole file: 1.3 s for a 100,000-product
 * catalogue (120 MB) on the shared build machine, so call it off the main
 * thread.
 *
 * Returns: %TRUE when the file is sound; %FALSE with
 *   %SB_STORE_ERROR_CORRUPT when it is damaged, or another error when it
 *   could not be read
 */
gboolean
sb_store_check_integrity (SbStore  *self,
                          GError  **error)
{
  g_autoptr(SbStmt) stmt = NULL;
  g_autofree char *first = NULL;
  int row;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  stmt = get_stmt (self, "PRAGMA quick_check", error);
  if (stmt == NULL)
    return FALSE;
  row = step_row (self, stmt, error);
  if (row < 0)
    return FALSE;
  if (row > 0)
    first = column_dup (stmt, 0);
  if (g_strcmp0 (first, "ok") == 0)
    return TRUE;
  g_debug ("%s: quick_check says %s", self->path, first != NULL ? first : "nothing");
  set_error_from_code (self, SQLITE_CORRUPT, error);
  return FALSE;
}

/**
 * sb_store_set_page_limit_for_testing:
 * @max_pages: the most pages the file may grow to (SQLite's
 *   `PRAGMA max_page_count`), or 0 to lift the limit
 *
 * Makes writes that would grow the file past @max_pages fail the way a
 * full disk makes them fail (SQLITE_FULL, %SB_STORE_ERROR_FULL).  For tests
 * only: it simulates a full disk without root and without filling one.
 *
 * Returns: the page count now in use, or -1 with @error
 */
gint64
sb_store_set_page_limit_for_testing (SbStore  *self,
                                     gint64    max_pages,
                                     GError  **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(SbStmt) stmt = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), -1);
  g_return_val_if_fail (max_pages >= 0, -1);

  /* A PRAGMA cannot take a bound parameter; this is an integer. */
  sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                         max_pages > 0 ? max_pages : (gint64) 0xfffffffe);
  if (!exec_script (self, sql, error))
    return -1;
  stmt = get_stmt (self, "PRAGMA page_count", error);
  if (stmt == NULL || step_row (self, stmt, error) <= 0)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * sb_store_dup_unsynced_offer_ids:
 *
 * The products whose current revision the server has not confirmed —
 * drafts, queued, rejected and conflicting products alike: the seller's
 * work that exists nowhere but in this file.
 *
 * Returns: (transfer full): the offer ids in offer id order, or %NULL
 *   with @error
 */
GStrv
sb_store_dup_unsynced_offer_ids (SbStore  *self,
                                 GError  **error)
{
  g_autoptr(SbStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int row;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = get_stmt (self,
                   "SELECT offer_id FROM products WHERE revision <> confirmed_revision ORDER BY offer_id",
                   error);
  if (stmt == NULL)
    return NULL;
  while ((row = step_row (self, stmt, error)) > 0)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (row < 0)
    return NULL;
  return g_strv_builder_end (builder);
}

const char *
sb_store_get_path (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return self->path;
}

/**
 * sb_store_set_cancellable:
 * @cancellable: (nullable):
 *
 * Sets the cancellable that long queries check every thousand virtual
 * machine steps; a cancelled call fails with %G_IO_ERROR_CANCELLED and a
 * cancelled write is rolled back.
 */
void
sb_store_set_cancellable (SbStore      *self,
                          GCancellable *cancellable)
{
  g_return_if_fail (SB_IS_STORE (self));
  g_set_object (&self->cancellable, cancellable);
}

/**
 * sb_store_get_generation:
 *
 * A number that grows whenever the catalogue file may have changed —
 * through this store or any other connection, such as the sync engine's
 * in a worker thread or sellbridge-cli in another process.  Cheap enough
 * to poll from a timeout: a list view refreshes when it moved.
 *
 * Returns: the generation, or 0 with @error set
 */
guint64
sb_store_get_generation (SbStore  *self,
                         GError  **error)
{
  g_autoptr(SbStmt) stmt = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), 0);

  /* data_version moves with other connections' commits, total_changes
   * with this connection's own writes; both only grow. */
  stmt = get_stmt (self, "PRAGMA data_version", error);
  if (stmt == NULL || step_row (self, stmt, error) <= 0)
    return 0;
  return (guint64) sqlite3_column_int64 (stmt, 0) + (guint64) sqlite3_total_changes64 (self->db);
}

/**
 * sb_store_get_schema_version:
 *
 * Returns: the PRAGMA user_version this code writes
 */
guint
sb_store_get_schema_version (void)
{
  return SCHEMA_VERSION;
}

/* Products: writing */

static gboolean
check_product (const SbProduct  *product,
               GError          **error)
{
  g_autoptr(GHashTable) skus = g_hash_table_new (g_str_hash, g_str_equal);

  if (!sb_offer_id_is_valid (product->offer_id))
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   /* Translators: %s is the offer id the seller typed. */
                   _("“%s” is not a valid offer id. Use 1 to 64 Latin letters, digits, dots, "
                     "underscores or hyphens."),
                   product->offer_id != NULL ? product->offer_id : "");
      return FALSE;
    }
  for (guint i = 0; i < product->variants->len; i++)
    {
      const SbVariant *variant = g_ptr_array_index (product->variants, i);

      if (variant->sku == NULL || *variant->sku == '\0')
        {
          g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                       /* Translators: %u is the variant's number, %s the offer id. */
                       _("Variant %u of “%s” has no SKU. Give every variant its own SKU."),
                       i + 1, product->offer_id);
          return FALSE;
        }
      if (!g_hash_table_add (skus, variant->sku))
        {
          g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                       /* Translators: the first %s is a SKU, the second an offer id. */
                       _("The SKU “%s” is used by two variants of “%s”. "
                         "Give every variant its own SKU."),
                       variant->sku, product->offer_id);
          return FALSE;
        }
    }
  return TRUE;
}

/* Appends @line folded and a line break; FALSE when it is not UTF-8.
 * Folding line by line gives what folding the whole text gives (a line
 * break ends every composition), and ASCII lines — the English title,
 * offer id and SKUs — need no Unicode tables. */
static gboolean
append_folded_line (GString    *text,
                    const char *line)
{
  const char *p;

  for (p = line; *p && (guchar) *p < 0x80; p++)
    ;
  if (*p == '\0')
    {
      for (p = line; *p; p++)
        g_string_append_c (text, g_ascii_tolower (*p));
    }
  else
    {
      g_autofree char *normalized = g_utf8_normalize (line, -1, G_NORMALIZE_NFKC);
      g_autofree char *folded = NULL;

      if (normalized == NULL)
        return FALSE;
      folded = g_utf8_casefold (normalized, -1);
      g_string_append (text, folded);
    }
  g_string_append_c (text, '\n');
  return TRUE;
}

/* fold_for_search() of the titles, offer id and SKUs, a line each. */
static char *
build_search_text (const SbProduct *product)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean ok = TRUE;

  for (guint i = 0; i < SB_N_LANGS && ok; i++)
    if (product->title[i] != NULL)
      ok = append_folded_line (text, product->title[i]);
  ok = ok && append_folded_line (text, product->offer_id);
  for (guint i = 0; i < product->variants->len && ok; i++)
    {
      const SbVariant *variant = g_ptr_array_index (product->variants, i);

      ok = append_folded_line (text, variant->sku);
    }
  /* As fold_for_search() of text that is not UTF-8. */
  if (!ok)
    return g_strdup ("");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
bind_blob_or_null (sqlite3_stmt *stmt,
                   int           index,
                   GBytes       *bytes)
{
  if (bytes == NULL)
    sqlite3_bind_null (stmt, index);
  else
    {
      gsize size;
      gconstpointer data = g_bytes_get_data (bytes, &size);

      sqlite3_bind_blob64 (stmt, index, data != NULL ? data : "", size, SQLITE_TRANSIENT);
    }
}

/* Queues @kind for @offer_id at @revision, replacing any op for the same
 * target that has not been sent yet. Call inside a write transaction. */
static gboolean
queue_op (SbStore      *self,
          SbOutboxKind  kind,
          const char   *offer_id,
          gint64        revision,
          gint64        now,
          GError      **error)
{
  {
    g_autoptr(SbStmt) stmt = NULL;

    if (offer_id != NULL)
      stmt = get_stmt (self,
                       "DELETE FROM outbox WHERE offer_id = ?1 AND batch_key IS NULL"
                       " AND sent_usec IS NULL",
                       error);
    else
      stmt = get_stmt (self,
                       "DELETE FROM outbox WHERE kind = 'put_seller' AND batch_key IS NULL"
                       " AND sent_usec IS NULL",
                       error);
    if (stmt == NULL)
      return FALSE;
    if (offer_id != NULL)
      bind_text (stmt, 1, offer_id);
    if (!step_done (self, stmt, error))
      return FALSE;
  }
  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "INSERT INTO outbox (kind, offer_id, revision, created_usec)"
                                       " VALUES (?1, ?2, ?3, ?4)",
                                       error);

    if (stmt == NULL)
      return FALSE;
    bind_text (stmt, 1, sb_outbox_kind_to_string (kind));
    bind_text (stmt, 2, offer_id);
    sqlite3_bind_int64 (stmt, 3, revision);
    sqlite3_bind_int64 (stmt, 4, now);
    return step_done (self, stmt, error);
  }
}

static gboolean
delete_children (SbStore  *self,
                 gint64    id,
                 GError  **error)
{
  static const char * const sql[] = {
    "DELETE FROM variants WHERE product_id = ?1",
    "DELETE FROM attributes WHERE product_id = ?1",
    "DELETE FROM images WHERE product_id = ?1",
    "DELETE FROM carriers WHERE product_id = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr(SbStmt) stmt = get_stmt (self, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Moves search_meta.version, once per write transaction, before
 * search_text changes: the in-memory search indexes of every connection
 * then know they are out of date (search_index_refresh()).  Every write to
 * search_text must call it. */
static gboolean
note_search_text_changed (SbStore  *self,
                          GError  **error)
{
  if (self->search_text_noted)
    return TRUE;
  if (!exec_cached (self, "UPDATE search_meta SET version = version + 1 WHERE id = 1", error))
    return FALSE;
  self->search_text_noted = TRUE;
  return TRUE;
}

/* Removes product @id from the trigram index; an external-content FTS5
 * table needs the indexed text to forget it. */
static gboolean
forget_search_text (SbStore  *self,
                    gint64    id,
                    GError  **error)
{
  g_autofree char *old_text = NULL;

  {
    g_autoptr(SbStmt) stmt = get_stmt (self, "SELECT text FROM search_text WHERE id = ?1", error);
    int row;

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    row = step_row (self, stmt, error);
    if (row < 0)
      return FALSE;
    if (row == 0)
      return TRUE;
    old_text = column_dup (stmt, 0);
  }
  if (!note_search_text_changed (self, error))
    return FALSE;
  /* During a bulk save the index is rebuilt at the end; it does not have
   * this text. */
  if (!self->defer_fts)
    {
      g_autoptr(SbStmt) stmt = get_stmt (self,
                                         "INSERT INTO product_fts (product_fts, rowid, text)"
                                         " VALUES ('delete', ?1, ?2)",
                                         error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, old_text);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  {
    g_autoptr(SbStmt) stmt = get_stmt (self, "DELETE FROM search_text WHERE id = ?1", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    return step_done (self, stmt, error);
  }
}

/* Writes the search text of product @id and indexes it. */
static gboolean
update_search_text (SbStore          *self,
                    gint64            id,
                    const SbProduct  *product,
                    gboolean          is_new,
                    GError          **error)
{
  g_autofree char *text = build_search_text (product);

  if (!note_search_text_changed (self, error) ||
      (!is_new && !forget_search_text (self, id, error)))
    return FALSE;
  {
    g_autoptr(SbStmt) stmt = get_stmt (self, "INSERT INTO search_text (id, text) VALUES (?1, ?2)", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    bind_text (stmt, 2, text);
    if (!step_done (self, stmt, error))
      return FALSE;
  }
  if (self->defer_fts)
    return TRUE;
  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "INSERT INTO product_fts (rowid, text) VALUES (?1, ?2)",
                                       error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    bind_text (stmt, 2, text);
    return step_done (self, stmt, error);
  }
}

static gboolean
insert_children (SbStore          *self,
                 gint64            id,
                 const SbProduct  *product,
                 gboolean          is_new,
                 GError          **error)
{
  for (guint i = 0; i < product->variants->len; i++)
    {
      const SbVariant *variant = g_ptr_array_index (product->variants, i);
      g_autofree char *options = options_to_json (variant->options);
      g_autoptr(SbStmt) stmt = get_stmt (self,
                                         "INSERT INTO variants (product_id, position, sku, options_json,"
                                         " price_minor, currency, stock, barcode)"
                                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                         error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      bind_text (stmt, 3, variant->sku);
      bind_text (stmt, 4, options);
      sqlite3_bind_int64 (stmt, 5, variant->price_minor);
      bind_text (stmt, 6, variant->currency);
      sqlite3_bind_int64 (stmt, 7, variant->stock);
      bind_text (stmt, 8, variant->barcode);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, product->attributes);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_autoptr(SbStmt) stmt = get_stmt (self,
                                           "INSERT INTO attributes (product_id, attribute_id, value)"
                                           " VALUES (?1, ?2, ?3)",
                                           error);

        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, id);
        bind_text (stmt, 2, key);
        bind_text (stmt, 3, value != NULL ? value : "");
        if (!step_done (self, stmt, error))
          return FALSE;
      }
  }

  for (guint i = 0; i < product->images->len; i++)
    {
      const SbImage *image = g_ptr_array_index (product->images, i);
      g_autoptr(SbStmt) stmt = get_stmt (self,
                                         "INSERT INTO images (product_id, position, local_path, sha256,"
                                         " remote_id, width, height)"
                                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                         error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      bind_text (stmt, 3, image->local_path);
      bind_text (stmt, 4, image->sha256);
      bind_text (stmt, 5, image->remote_id);
      sqlite3_bind_int64 (stmt, 6, image->width);
      sqlite3_bind_int64 (stmt, 7, image->height);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < product->carrier_ids->len; i++)
    {
      g_autoptr(SbStmt) stmt = get_stmt (self,
                                         "INSERT INTO carriers (product_id, position, carrier_id)"
                                         " VALUES (?1, ?2, ?3)",
                                         error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      bind_text (stmt, 3, g_ptr_array_index (product->carrier_ids, i));
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return update_search_text (self, id, product, is_new, error);
}

typedef enum {
  WRITE_LOCAL,   /* the seller's edit: bump revision, queue unless draft */
  WRITE_SERVER,  /* the server's copy: bump revision and mark it confirmed */
} WriteMode;

/* The id, revision and state of the row an upsert just wrote.  A
 * separate lookup by the unique index: with SQLite 3.40 a RETURNING clause
 * on the upsert doubled the cost of an import. */
static gboolean
lookup_written (SbStore      *self,
                const char   *offer_id,
                gint64       *out_id,
                gint64       *out_revision,
                SbSyncState  *out_state,
                GError      **error)
{
  g_autoptr(SbStmt) stmt = get_stmt (self,
                                     "SELECT id, revision, sync_state FROM products WHERE offer_id = ?1",
                                     error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, offer_id);
  if (step_row (self, stmt, error) <= 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FAILED,
                     _("The catalogue could not be saved. Try again; if this keeps happening, report a bug."));
      return FALSE;
    }
  *out_id = sqlite3_column_int64 (stmt, 0);
  *out_revision = sqlite3_column_int64 (stmt, 1);
  *out_state = sync_state_from_code (sqlite3_column_int64 (stmt, 2));
  return TRUE;
}

/* Upserts one product with its children; call inside a write transaction. */
static gboolean
write_product (SbStore          *self,
               const SbProduct  *product,
               WriteMode         mode,
               gint64            now,
               GError          **error)
{
  g_autoptr(GPtrArray) owned_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  GBytes *keys[SB_N_LANGS] = { NULL, };
  const char *currency = "";
  gint64 min_price = 0, max_price = 0, total_stock = 0;
  gboolean mixed = FALSE;
  const char *image_path = NULL;
  gint64 id, revision;
  gint64 before_rowid, inserted_rowid;
  SbSyncState state;

  if (!check_product (product, error))
    return FALSE;

  for (guint i = 0; i < SB_N_LANGS; i++)
    {
      keys[i] = collation_key (self, i, product->title[i] != NULL ? product->title[i]
                                                                  : product->title[SB_LANG_EN]);
      if (keys[i] != NULL)
        g_ptr_array_add (owned_keys, keys[i]);
    }
  for (guint i = 0; i < product->variants->len; i++)
    {
      const SbVariant *variant = g_ptr_array_index (product->variants, i);

      total_stock += variant->stock;
      if (i == 0)
        {
          currency = variant->currency;
          min_price = max_price = variant->price_minor;
        }
      else if (strcmp (variant->currency, currency) != 0)
        mixed = TRUE;
      else
        {
          min_price = MIN (min_price, variant->price_minor);
          max_price = MAX (max_price, variant->price_minor);
        }
    }
  if (product->images->len > 0)
    image_path = ((const SbImage *) g_ptr_array_index (product->images, 0))->local_path;

  {
    g_autoptr(SbStmt) stmt = NULL;

    if (mode == WRITE_LOCAL)
      /* A save while in conflict keeps the conflict: the seller resolves it
       * with sb_store_keep_local_version() or by taking the server copy. */
      stmt = get_stmt (self,
                       "INSERT INTO products (offer_id, category_id, title_en, title_ko, title_ru,"
                       " description_en, description_ko, description_ru, weight_g, length_mm,"
                       " width_mm, height_mm, hs_code, batteries, liquids, handling_days,"
                       " title_key_en, title_key_ko, title_key_ru, n_variants, price_currency,"
                       " min_price_minor, max_price_minor, mixed_currencies, total_stock,"
                       " image_path, created_usec, updated_usec, sync_state, revision)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                       " ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?27, ?28, 1)"
                       " ON CONFLICT (offer_id) DO UPDATE SET"
                       " category_id = excluded.category_id, title_en = excluded.title_en,"
                       " title_ko = excluded.title_ko, title_ru = excluded.title_ru,"
                       " description_en = excluded.description_en,"
                       " description_ko = excluded.description_ko,"
                       " description_ru = excluded.description_ru, weight_g = excluded.weight_g,"
                       " length_mm = excluded.length_mm, width_mm = excluded.width_mm,"
                       " height_mm = excluded.height_mm, hs_code = excluded.hs_code,"
                       " batteries = excluded.batteries, liquids = excluded.liquids,"
                       " handling_days = excluded.handling_days,"
                       " title_key_en = excluded.title_key_en, title_key_ko = excluded.title_key_ko,"
                       " title_key_ru = excluded.title_key_ru, n_variants = excluded.n_variants,"
                       " price_currency = excluded.price_currency,"
                       " min_price_minor = excluded.min_price_minor,"
                       " max_price_minor = excluded.max_price_minor,"
                       " mixed_currencies = excluded.mixed_currencies,"
                       " total_stock = excluded.total_stock, image_path = excluded.image_path,"
                       " updated_usec = excluded.updated_usec,"
                       " sync_state = CASE WHEN sync_state = 6 THEN 6 ELSE excluded.sync_state END,"
                       " field_errors_json = '[]',"
                       " revision = revision + 1",
                       error);
    else
      stmt = get_stmt (self,
                       "INSERT INTO products (offer_id, category_id, title_en, title_ko, title_ru,"
                       " description_en, description_ko, description_ru, weight_g, length_mm,"
                       " width_mm, height_mm, hs_code, batteries, liquids, handling_days,"
                       " title_key_en, title_key_ko, title_key_ru, n_variants, price_currency,"
                       " min_price_minor, max_price_minor, mixed_currencies, total_stock,"
                       " image_path, created_usec, updated_usec, sync_state, revision,"
                       " confirmed_revision, server_version, server_status, reasons_json)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                       " ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?27, ?28, 1, 1,"
                       " ?29, ?30, ?31)"
                       " ON CONFLICT (offer_id) DO UPDATE SET"
                       " category_id = excluded.category_id, title_en = excluded.title_en,"
                       " title_ko = excluded.title_ko, title_ru = excluded.title_ru,"
                       " description_en = excluded.description_en,"
                       " description_ko = excluded.description_ko,"
                       " description_ru = excluded.description_ru, weight_g = excluded.weight_g,"
                       " length_mm = excluded.length_mm, width_mm = excluded.width_mm,"
                       " height_mm = excluded.height_mm, hs_code = excluded.hs_code,"
                       " batteries = excluded.batteries, liquids = excluded.liquids,"
                       " handling_days = excluded.handling_days,"
                       " title_key_en = excluded.title_key_en, title_key_ko = excluded.title_key_ko,"
                       " title_key_ru = excluded.title_key_ru, n_variants = excluded.n_variants,"
                       " price_currency = excluded.price_currency,"
                       " min_price_minor = excluded.min_price_minor,"
                       " max_price_minor = excluded.max_price_minor,"
                       " mixed_currencies = excluded.mixed_currencies,"
                       " total_stock = excluded.total_stock, image_path = excluded.image_path,"
                       " updated_usec = excluded.updated_usec, sync_state = excluded.sync_state,"
                       " revision = revision + 1, confirmed_revision = revision + 1,"
                       " server_version = excluded.server_version,"
                       " server_status = excluded.server_status,"
                       " reasons_json = excluded.reasons_json, field_errors_json = '[]',"
                       " conflict_json = NULL, conflict_version = 0",
                       error);
    if (stmt == NULL)
      return FALSE;

    bind_text (stmt, 1, product->offer_id);
    bind_text (stmt, 2, product->category_id);
    for (guint i = 0; i < SB_N_LANGS; i++)
      {
        bind_text (stmt, 3 + i, product->title[i]);
        bind_text (stmt, 6 + i, product->description[i]);
        bind_blob_or_null (stmt, 17 + i, keys[i]);
      }
    sqlite3_bind_int64 (stmt, 9, product->weight_g);
    sqlite3_bind_int64 (stmt, 10, product->length_mm);
    sqlite3_bind_int64 (stmt, 11, product->width_mm);
    sqlite3_bind_int64 (stmt, 12, product->height_mm);
    bind_text (stmt, 13, product->hs_code);
    bind_text (stmt, 14, sb_batteries_to_string (product->batteries));
    sqlite3_bind_int (stmt, 15, product->liquids ? 1 : 0);
    sqlite3_bind_int64 (stmt, 16, product->handling_days);
    sqlite3_bind_int64 (stmt, 20, product->variants->len);
    bind_text (stmt, 21, currency);
    sqlite3_bind_int64 (stmt, 22, min_price);
    sqlite3_bind_int64 (stmt, 23, max_price);
    sqlite3_bind_int (stmt, 24, mixed ? 1 : 0);
    sqlite3_bind_int64 (stmt, 25, total_stock);
    bind_text (stmt, 26, image_path);
    sqlite3_bind_int64 (stmt, 27, now);
    if (mode == WRITE_LOCAL)
      sqlite3_bind_int (stmt, 28, sync_state_to_code (product->sync_state == SB_SYNC_DRAFT
                                                      ? SB_SYNC_DRAFT : SB_SYNC_QUEUED));
    else
      {
        g_autofree char *reasons = reasons_to_json (product->reasons);

        sqlite3_bind_int (stmt, 28, sync_state_to_code (product->sync_state));
        sqlite3_bind_int64 (stmt, 29, product->server_version);
        bind_text (stmt, 30, sb_sync_state_to_string (product->sync_state));
        bind_text (stmt, 31, reasons);
      }

    before_rowid = sqlite3_last_insert_rowid (self->db);
    if (!step_done (self, stmt, error))
      return FALSE;
    inserted_rowid = sqlite3_last_insert_rowid (self->db);
  }
  /* A new row: the upsert inserted it with revision 1 and the state bound
   * above (an update leaves the last insert rowid as it was; should a new
   * row's id equal the previous one, the lookup answers instead). */
  if (mode == WRITE_LOCAL && inserted_rowid != before_rowid)
    {
      id = inserted_rowid;
      revision = 1;
      state = product->sync_state == SB_SYNC_DRAFT ? SB_SYNC_DRAFT : SB_SYNC_QUEUED;
    }
  else if (!lookup_written (self, product->offer_id, &id, &revision, &state, error))
    return FALSE;

  /* Revision 1 is a row this statement inserted: it has no children. */
  if ((revision > 1 && !delete_children (self, id, error)) ||
      !insert_children (self, id, product, revision == 1, error))
    return FALSE;

  if (mode == WRITE_LOCAL)
    {
      if (state == SB_SYNC_QUEUED)
        return queue_op (self, SB_OUTBOX_PUT_PRODUCT, product->offer_id, revision, now, error);
      if (state != SB_SYNC_DRAFT)
        return TRUE;
    }
  {
    /* The server copy, or a draft, supersedes what had not been sent yet. */
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "DELETE FROM outbox WHERE offer_id = ?1 AND batch_key IS NULL"
                                       " AND sent_usec IS NULL",
                                       error);

    if (stmt == NULL)
      return FALSE;
    bind_text (stmt, 1, product->offer_id);
    return step_done (self, stmt, error);
  }
}

/**
 * sb_store_save_product:
 *
 * Saves the whole product (variants, attributes, images and carriers are
 * replaced), bumps its local revision and — unless @product's sync state is
 * %SB_SYNC_DRAFT — marks it queued and queues a put_product op, all in one
 * transaction.  The product's own server version and reasons are ignored:
 * the store keeps those.
 */
gboolean
sb_store_save_product (SbStore          *self,
                       const SbProduct  *product,
                       GError          **error)
{
  g_autoptr(GPtrArray) products = g_ptr_array_new ();

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (product != NULL, FALSE);

  g_ptr_array_add (products, (gpointer) product);
  return sb_store_save_products (self, products, error);
}

/**
 * sb_store_save_products:
 * @products: (element-type SbProduct):
 *
 * Like sb_store_save_product() for many products in one transaction:
 * either all are saved or, on any error, none.
 */
/* A save of at least this many products into an empty catalogue builds
 * the secondary indexes and the trigram index once, at its end. */
#define BULK_SAVE_MIN_PRODUCTS 1000

/* Inside the write transaction of a bulk save into an empty catalogue:
 * drops the secondary indexes of products and variants (not the unique
 * ones, which the save relies on) and returns their CREATE statements in
 * @index_sql, for build_bulk_indexes().  Inserting 50,000 products into 8
 * indexes one row at a time cost more than sorting each index once. */
static gboolean
drop_bulk_indexes (SbStore    *self,
                   GPtrArray  *index_sql,
                   GError    **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                                       " AND tbl_name IN ('products', 'variants') AND sql IS NOT NULL"
                                       " ORDER BY name",
                                       error);
    int row;

    if (stmt == NULL)
      return FALSE;
    while ((row = step_row (self, stmt, error)) > 0)
      {
        g_ptr_array_add (names, column_dup (stmt, 0));
        g_ptr_array_add (index_sql, column_dup (stmt, 1));
      }
    if (row < 0)
      return FALSE;
  }
  for (guint i = 0; i < names->len; i++)
    {
      char *drop = sqlite3_mprintf ("DROP INDEX \"%w\"", (const char *) g_ptr_array_index (names, i));
      gboolean ok;

      if (drop == NULL)
        {
          set_error_from_code (self, SQLITE_NOMEM, error);
          return FALSE;
        }
      ok = exec_script (self, drop, error);
      sqlite3_free (drop);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* The end of a bulk save: the dropped indexes built again from the
 * products written, and the trigram index from search_text. */
static gboolean
build_bulk_indexes (SbStore    *self,
                    GPtrArray  *index_sql,
                    GError    **error)
{
  for (guint i = 0; i < index_sql->len; i++)
    if (!exec_script (self, g_ptr_array_index (index_sql, i), error))
      return FALSE;
  return exec_cached (self, "INSERT INTO product_fts (product_fts) VALUES ('rebuild')", error);
}

/**
 * sb_store_save_products:
 * @products: (element-type SbProduct):
 *
 * Like sb_store_save_product() for many products in one transaction:
 * either all are saved or, on any error, none.  A large save into an empty
 * catalogue (an import into a new one) builds the list and SKU indexes and
 * the search index once at its end, in the same transaction.
 */
gboolean
sb_store_save_products (SbStore    *self,
                        GPtrArray  *products,
                        GError    **error)
{
  g_autoptr(GPtrArray) index_sql = NULL;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (products != NULL, FALSE);

  if (!begin_write (self, error))
    return FALSE;
  if (products->len >= BULK_SAVE_MIN_PRODUCTS)
    {
      g_autoptr(SbStmt) stmt = get_stmt (self, "SELECT EXISTS (SELECT 1 FROM products)", error);
      int row = stmt != NULL ? step_row (self, stmt, error) : -1;

      if (row <= 0)
        {
          if (row == 0)
            g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FAILED,
                         _("The catalogue could not be saved. Try again; if this keeps happening, report a bug."));
          rollback (self);
          return FALSE;
        }
      if (sqlite3_column_int (stmt, 0) == 0)
        index_sql = g_ptr_array_new_with_free_func (g_free);
    }
  if (index_sql != NULL && !drop_bulk_indexes (self, index_sql, error))
    {
      rollback (self);
      return FALSE;
    }
  self->defer_fts = index_sql != NULL;
  for (guint i = 0; i < products->len; i++)
    {
      /* Each statement is short, below the progress handler's period, so
       * a long import checks the cancellable between products. */
      if (g_cancellable_set_error_if_cancelled (self->cancellable, error) ||
          !write_product (self, g_ptr_array_index (products, i), WRITE_LOCAL, now, error))
        {
          self->defer_fts = FALSE;
          rollback (self);
          return FALSE;
        }
    }
  self->defer_fts = FALSE;
  if (index_sql != NULL && !build_bulk_indexes (self, index_sql, error))
    {
      rollback (self);
      return FALSE;
    }
  return commit (self, error);
}

/**
 * sb_store_save_server_product:
 *
 * Stores the server's copy of a product (after a pull of the full product,
 * or when the seller resolves a conflict in favour of the server): the
 * content, @product's server_version, sync_state and reasons.  The row
 * becomes clean, unsent ops for it are dropped and any conflict is cleared.
 */
gboolean
sb_store_save_server_product (SbStore          *self,
                              const SbProduct  *product,
                              GError          **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (product != NULL, FALSE);

  if (!begin_write (self, error))
    return FALSE;
  if (!write_product (self, product, WRITE_SERVER, g_get_real_time (), error))
    {
      rollback (self);
      return FALSE;
    }
  return commit (self, error);
}

static gboolean
set_not_found (const char  *offer_id,
               GError     **error)
{
  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
               /* Translators: %s is an offer id. */
               _("There is no product “%s” in the catalogue. Check the offer id."),
               offer_id);
  return FALSE;
}

/**
 * sb_store_delete_product:
 *
 * Deletes the product and its unsent ops; when it may have reached the
 * server (it has a server version, or an op of it was sent), queues a
 * delete_product op in the same transaction.
 */
gboolean
sb_store_delete_product (SbStore     *self,
                         const char  *offer_id,
                         GError     **error)
{
  gint64 now = g_get_real_time ();
  gint64 id, revision;
  gboolean sent;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (offer_id != NULL, FALSE);

  if (!begin_write (self, error))
    return FALSE;
  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "SELECT id, revision, server_version > 0 OR EXISTS"
                                       " (SELECT 1 FROM outbox o WHERE o.offer_id = p.offer_id"
                                       "  AND (o.batch_key IS NOT NULL OR o.sent_usec IS NOT NULL))"
                                       " FROM products p WHERE offer_id = ?1",
                                       error);
    int row;

    if (stmt == NULL)
      goto fail;
    bind_text (stmt, 1, offer_id);
    row = step_row (self, stmt, error);
    if (row < 0)
      goto fail;
    if (row == 0)
      {
        rollback (self);
        return set_not_found (offer_id, error);
      }
    id = sqlite3_column_int64 (stmt, 0);
    revision = sqlite3_column_int64 (stmt, 1);
    sent = sqlite3_column_int (stmt, 2) != 0;
  }
  if (!forget_search_text (self, id, error))
    goto fail;
  {
    g_autoptr(SbStmt) stmt = get_stmt (self, "DELETE FROM products WHERE id = ?1", error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, id);
    if (!step_done (self, stmt, error))
      goto fail;
  }
  if (sent)
    {
      if (!queue_op (self, SB_OUTBOX_DELETE_PRODUCT, offer_id, revision + 1, now, error))
        goto fail;
    }
  else
    {
      g_autoptr(SbStmt) stmt = get_stmt (self,
                                         "DELETE FROM outbox WHERE offer_id = ?1 AND batch_key IS NULL"
                                         " AND sent_usec IS NULL",
                                         error);

      if (stmt == NULL || (bind_text (stmt, 1, offer_id), !step_done (self, stmt, error)))
        goto fail;
    }
  return commit (self, error);

fail:
  rollback (self);
  return FALSE;
}

/* Products: reading */

#define PRODUCT_COLUMNS \
  "id, offer_id, category_id, title_en, title_ko, title_ru, description_en," \
  " description_ko, description_ru, weight_g, length_mm, width_mm, height_mm, hs_code," \
  " batteries, liquids, handling_days, sync_state, server_version, reasons_json," \
  " field_errors_json"

/* Builds a product from a row of PRODUCT_COLUMNS and its child rows. */
static SbProduct *
read_product (SbStore       *self,
              sqlite3_stmt  *row,
              GError       **error)
{
  g_autoptr(SbProduct) product = sb_product_new ((const char *) sqlite3_column_text (row, 1));
  gint64 id = sqlite3_column_int64 (row, 0);
  int rc;

  product->category_id = column_dup (row, 2);
  for (guint i = 0; i < SB_N_LANGS; i++)
    {
      product->title[i] = column_dup (row, 3 + i);
      product->description[i] = column_dup (row, 6 + i);
    }
  product->weight_g = sqlite3_column_int64 (row, 9);
  product->length_mm = sqlite3_column_int64 (row, 10);
  product->width_mm = sqlite3_column_int64 (row, 11);
  product->height_mm = sqlite3_column_int64 (row, 12);
  product->hs_code = column_dup (row, 13);
  if (!sb_batteries_from_string ((const char *) sqlite3_column_text (row, 14), &product->batteries))
    product->batteries = SB_BATTERIES_NONE;
  product->liquids = sqlite3_column_int (row, 15) != 0;
  product->handling_days = sqlite3_column_int64 (row, 16);
  product->sync_state = sync_state_from_code (sqlite3_column_int64 (row, 17));
  product->server_version = sqlite3_column_int64 (row, 18);
  reasons_append_json (product->reasons, (const char *) sqlite3_column_text (row, 19));
  reasons_append_json (product->reasons, (const char *) sqlite3_column_text (row, 20));

  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "SELECT sku, options_json, price_minor, currency, stock, barcode"
                                       " FROM variants WHERE product_id = ?1 ORDER BY position",
                                       error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, id);
    while ((rc = step_row (self, stmt, error)) > 0)
      {
        SbVariant *variant = sb_variant_new ();
        const char *currency = (const char *) sqlite3_column_text (stmt, 3);

        variant->sku = column_dup (stmt, 0);
        options_from_json (variant, (const char *) sqlite3_column_text (stmt, 1));
        variant->price_minor = sqlite3_column_int64 (stmt, 2);
        g_strlcpy (variant->currency, currency != NULL ? currency : "", sizeof variant->currency);
        variant->stock = sqlite3_column_int64 (stmt, 4);
        variant->barcode = column_dup (stmt, 5);
        g_ptr_array_add (product->variants, variant);
      }
    if (rc < 0)
      return NULL;
  }
  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "SELECT attribute_id, value FROM attributes WHERE product_id = ?1",
                                       error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, id);
    while ((rc = step_row (self, stmt, error)) > 0)
      sb_product_set_attribute (product,
                                (const char *) sqlite3_column_text (stmt, 0),
                                (const char *) sqlite3_column_text (stmt, 1));
    if (rc < 0)
      return NULL;
  }
  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "SELECT local_path, sha256, remote_id, width, height"
                                       " FROM images WHERE product_id = ?1 ORDER BY position",
                                       error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, id);
    while ((rc = step_row (self, stmt, error)) > 0)
      {
        SbImage *image = sb_image_new ();

        image->local_path = column_dup (stmt, 0);
        image->sha256 = column_dup (stmt, 1);
        image->remote_id = column_dup (stmt, 2);
        image->width = sqlite3_column_int64 (stmt, 3);
        image->height = sqlite3_column_int64 (stmt, 4);
        g_ptr_array_add (product->images, image);
      }
    if (rc < 0)
      return NULL;
  }
  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "SELECT carrier_id FROM carriers WHERE product_id = ?1"
                                       " ORDER BY position",
                                       error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, id);
    while ((rc = step_row (self, stmt, error)) > 0)
      g_ptr_array_add (product->carrier_ids, column_dup (stmt, 0));
    if (rc < 0)
      return NULL;
  }
  return g_steal_pointer (&product);
}

/**
 * sb_store_load_product:
 *
 * Returns: (transfer full): the product with its sync state, server
 *   version and reasons (moderation reasons, then the last field errors),
 *   or %NULL with %SB_STORE_ERROR_NOT_FOUND
 */
SbProduct *
sb_store_load_product (SbStore     *self,
                       const char  *offer_id,
                       GError     **error)
{
  gboolean started = FALSE;
  SbProduct *product = NULL;
  int row;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  g_return_val_if_fail (offer_id != NULL, NULL);

  /* One read transaction, so the children match the row. */
  if (!begin_read (self, &started, error))
    return NULL;
  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "SELECT " PRODUCT_COLUMNS " FROM products p WHERE offer_id = ?1",
                                       error);

    if (stmt == NULL)
      goto out;
    bind_text (stmt, 1, offer_id);
    row = step_row (self, stmt, error);
    if (row == 0)
      set_not_found (offer_id, error);
    else if (row > 0)
      product = read_product (self, stmt, error);
  }
out:
  end_read (self, started);
  return product;
}

gboolean
sb_store_has_product (SbStore     *self,
                      const char  *offer_id,
                      GError     **error)
{
  g_autoptr(SbStmt) stmt = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  stmt = get_stmt (self, "SELECT 1 FROM products WHERE offer_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, offer_id);
  return step_row (self, stmt, error) > 0;
}

/**
 * sb_store_find_offer_id_by_sku:
 *
 * Returns: (transfer full) (nullable): the offer id of a product that has a
 *   variant with @sku (the first by offer id), or %NULL — without an error
 *   when there is none
 */
char *
sb_store_find_offer_id_by_sku (SbStore     *self,
                               const char  *sku,
                               GError     **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  return query_text (self,
                     "SELECT p.offer_id FROM variants v JOIN products p ON p.id = v.product_id"
                     " WHERE v.sku = ?1 ORDER BY p.offer_id LIMIT 1",
                     sku, error);
}

/**
 * sb_store_foreach_product:
 * @func: called with each product in offer id order; it may keep the
 *   product (it is a new one each time); return %FALSE to stop
 *
 * Streams the catalogue inside one read transaction, one product in memory
 * at a time.  @func must not write to this store (use another one).
 *
 * Returns: %FALSE with @error set on a database error; stopping early is
 *   not an error
 */
gboolean
sb_store_foreach_product (SbStore             *self,
                          SbStoreProductFunc   func,
                          gpointer             user_data,
                          GError             **error)
{
  gboolean started = FALSE;
  sqlite3_stmt *cursor = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!begin_read (self, &started, error))
    return FALSE;
  /* Not from the cache: the callback may use any cached statement. */
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT " PRODUCT_COLUMNS " FROM products p ORDER BY offer_id",
                           -1, &cursor, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (self, rc, error);
      goto out;
    }
  for (;;)
    {
      g_autoptr(SbProduct) product = NULL;
      int row;

      if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
        goto out;
      row = step_row (self, cursor, error);
      if (row < 0)
        goto out;
      if (row == 0)
        break;
      product = read_product (self, cursor, error);
      if (product == NULL)
        goto out;
      if (!func (product, user_data))
        break;
    }
  ok = TRUE;

out:
  sqlite3_finalize (cursor);
  end_read (self, started);
  return ok;
}

/* The product list */

/* The words of @query's search: the text NFKC-casefolded and split at
 * white space; words past the eighth are ignored. */
static GPtrArray *
search_words (const SbStoreQuery *query)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  if (query != NULL && query->search != NULL)
    {
      g_autofree char *folded = fold_for_search (query->search);
      g_auto(GStrv) split = g_strsplit_set (folded, " \t\n\r", -1);

      for (guint i = 0; split[i] != NULL && words->len < 8; i++)
        if (*split[i] != '\0')
          g_ptr_array_add (words, g_strdup (split[i]));
    }
  return words;
}

/* Builds the FROM/WHERE part of a list query and binds its values in
 * order through the returned list of strings.
 *
 * Search: a search the in-memory index answered (see search_index_match()
 * and match_filter()) is either its few matching ids (@match_json, a JSON
 * array read by json_each(): the rows are fetched by id and sorted) or,
 * with more matches, a test of each row of the sort index
 * (sb_search_match(), @match_words).  Otherwise (a word that mixes scripts) the words
 * of search_words() go to SQLite: words of three or more characters
 * become quoted phrases of one FTS5 MATCH (the trigram tokenizer finds
 * them as substrings through its index); shorter words cannot use
 * trigrams, and each adds an instr() test over search_text, the FTS
 * index's content table — after the MATCH narrowed the rows, or as a scan
 * of the whole table (about 80 bytes a product; 100–300 ms with count and
 * first page at 100,000 products, which is why the index exists). */
static char *
build_where (const SbStoreQuery *query,
             gboolean            for_sort,
             const char         *match_words,
             const char         *match_json,
             GPtrArray          *binds)
{
  g_autoptr(GString) sql = g_string_new (" FROM products p");
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GPtrArray) short_words = g_ptr_array_new_with_free_func (g_free);
  gboolean where = FALSE;

  if (match_json != NULL)
    {
      /* CROSS JOIN keeps the ids as the outer loop: the planner cannot
       * tell how few they are, and would rather walk an index. */
      g_string_assign (sql, " FROM json_each(?) j CROSS JOIN products p WHERE p.id = j.value");
      g_ptr_array_add (binds, g_strdup (match_json));
      where = TRUE;
    }
  else if (match_words != NULL)
    {
      g_string_append (sql, " WHERE sb_search_match(p.id, ?)");
      g_ptr_array_add (binds, g_strdup (match_words));
      where = TRUE;
    }
  else
    {
      g_autoptr(GPtrArray) words = search_words (query);

      for (guint i = 0; i < words->len; i++)
        {
          const char *word = g_ptr_array_index (words, i);

          if (g_utf8_strlen (word, -1) >= 3)
            {
              g_autofree char *escaped = NULL;
              g_auto(GStrv) parts = g_strsplit (word, "\"", -1);

              escaped = g_strjoinv ("\"\"", parts);
              if (match->len > 0)
                g_string_append_c (match, ' ');
              g_string_append_printf (match, "\"%s\"", escaped);
            }
          else
            g_ptr_array_add (short_words, g_strdup (word));
        }
    }

  if (short_words->len == 0 && match->len > 0)
    {
      g_string_append (sql, " WHERE p.id IN (SELECT rowid FROM product_fts WHERE product_fts MATCH ?)");
      g_ptr_array_add (binds, g_strdup (match->str));
      where = TRUE;
    }
  else if (short_words->len > 0)
    {
      g_string_append (sql, " WHERE p.id IN (SELECT id FROM search_text WHERE ");
      if (match->len > 0)
        {
          g_string_append (sql, "id IN (SELECT rowid FROM product_fts WHERE product_fts MATCH ?) AND ");
          g_ptr_array_add (binds, g_strdup (match->str));
        }
      for (guint i = 0; i < short_words->len; i++)
        {
          g_string_append (sql, i == 0 ? "instr(text, ?) > 0" : " AND instr(text, ?) > 0");
          g_ptr_array_add (binds, g_strdup (g_ptr_array_index (short_words, i)));
        }
      g_string_append (sql, ")");
      where = TRUE;
    }
  if (where && !for_sort && match_json == NULL && match_words == NULL &&
      (query == NULL || !query->filter_status))
    {
      /* Counting a search alone needs no product rows: search_text and
       * the FTS index hold exactly one row per product (written and
       * deleted in the same transactions), so the subquery is counted on
       * its own instead of joined with products — at 100,000 products
       * 0.5 ms instead of 7.5 ms for a trigram match, and about half the
       * time of a 1–2 character scan. */
      const char *prefix = " FROM products p WHERE p.id IN (";
      g_autoptr(GString) inner = NULL;

      g_assert (g_str_has_prefix (sql->str, prefix));
      inner = g_string_new (" FROM (");
      g_string_append (inner, sql->str + strlen (prefix));
      return g_string_free (g_steal_pointer (&inner), FALSE);
    }
  if (query != NULL && query->filter_status)
    {
      /* A count, or a list in offer id or status order, uses the
       * (sync_state, offer_id) index.  Any other order walks its own sort
       * index and checks the state from that index's trailing column: the
       * unary + keeps the planner from picking the state index and then
       * sorting ~100,000 rows (measured at 100,000 products, page at
       * 45,000 by title: 25 ms against 90–150 ms). */
      if (for_sort && query->sort != SB_STORE_SORT_OFFER_ID && query->sort != SB_STORE_SORT_STATUS)
        g_string_append (sql, where ? " AND +p.sync_state = CAST (? AS INTEGER)"
                                : " WHERE +p.sync_state = CAST (? AS INTEGER)");
      else
        g_string_append (sql, where ? " AND p.sync_state = ?" : " WHERE p.sync_state = ?");
      g_ptr_array_add (binds, g_strdup_printf ("%d", sync_state_to_code (query->status)));
    }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The ORDER BY columns of @query before the offer id that breaks ties,
 * NULL-terminated; each matches the leading columns of one index. */
static const char * const *
order_columns (const SbStoreQuery *query)
{
  static const char * const title_en[] = { "p.title_key_en", NULL };
  static const char * const title_ko[] = { "p.title_key_ko", NULL };
  static const char * const title_ru[] = { "p.title_key_ru", NULL };
  static const char * const price[] = { "p.price_currency", "p.min_price_minor", NULL };
  static const char * const stock[] = { "p.total_stock", NULL };
  static const char * const state[] = { "p.sync_state", NULL };
  static const char * const updated[] = { "p.updated_usec", NULL };
  static const char * const none[] = { NULL };

  switch (query != NULL ? query->sort : SB_STORE_SORT_OFFER_ID)
    {
    case SB_STORE_SORT_TITLE:
      return query->lang == SB_LANG_KO ? title_ko : query->lang == SB_LANG_RU ? title_ru : title_en;
    case SB_STORE_SORT_PRICE:
      return price;
    case SB_STORE_SORT_STOCK:
      return stock;
    case SB_STORE_SORT_STATUS:
      return state;
    case SB_STORE_SORT_UPDATED:
      return updated;
    case SB_STORE_SORT_OFFER_ID:
    default:
      return none;
    }
}

static sqlite3_stmt *
prepare_query (SbStore     *self,
               const char  *sql,
               GPtrArray   *binds,
               GError     **error)
{
  sqlite3_stmt *stmt = get_query_stmt (self, sql, error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < binds->len; i++)
    bind_text (stmt, i + 1, g_ptr_array_index (binds, i));
  return stmt;
}

/* Rebuilds the in-memory search index when search_text changed since it
 * was built, on this connection or any other: the generation (which moves
 * with any commit) is compared first, then search_meta.version (which
 * only moves when search_text did, see the migration to schema 2).  A
 * rebuild reads every product's search text in offer id order: about
 * 100–200 ms of CPU at 100,000 products (docs/store.md).  Call inside a
 * read transaction, before anything else read in it, so the generation,
 * the version and the text come from one snapshot. */
static gboolean
search_index_refresh (SbStore  *self,
                      GError  **error)
{
  g_autoptr(SbSearchIndex) index = NULL;
  guint64 generation = sb_store_get_generation (self, error);
  gint64 version;
  int rc;

  if (generation == 0)
    return FALSE;
  if (self->search_index != NULL && self->search_index_checked == generation)
    return TRUE;
  /* Without search_meta (a schema 1 file opened read-only) or its row,
   * any commit may have changed the text: the index is rebuilt whenever
   * the generation moves. */
  version = -(gint64) generation;
  if (self->schema >= 2)
    {
      g_autoptr(SbStmt) stmt = get_stmt (self, "SELECT version FROM search_meta WHERE id = 1", error);

      if (stmt == NULL || (rc = step_row (self, stmt, error)) < 0)
        return FALSE;
      if (rc > 0)
        version = sqlite3_column_int64 (stmt, 0);
    }
  if (self->search_index != NULL && self->search_index_version == version)
    {
      self->search_index_checked = generation;
      return TRUE;
    }
  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "SELECT s.id, s.text FROM products p"
                                       " JOIN search_text s ON s.id = p.id ORDER BY p.offer_id",
                                       error);
    gint64 start = g_get_monotonic_time ();
    guint n = 0;

    if (stmt == NULL)
      return FALSE;
    index = sb_search_index_new ();
    while ((rc = step_row (self, stmt, error)) > 0)
      {
        const char *text = (const char *) sqlite3_column_text (stmt, 1);

        sb_search_index_append (index, sqlite3_column_int64 (stmt, 0),
                                text != NULL ? text : "", sqlite3_column_bytes (stmt, 1));
        if (++n % 4096 == 0 && g_cancellable_set_error_if_cancelled (self->cancellable, error))
          return FALSE;
      }
    if (rc < 0)
      return FALSE;
    sb_search_index_finish (index);
    g_debug ("%s: search index of %u products, %" G_GSIZE_FORMAT " KiB, built in %.0f ms",
             self->path, sb_search_index_get_n_items (index),
             sb_search_index_get_memory (index) / 1024,
             (g_get_monotonic_time () - start) / 1000.0);
  }
  g_clear_pointer (&self->search_index, sb_search_index_free);
  self->search_index = g_steal_pointer (&index);
  self->search_index_version = version;
  self->search_index_checked = generation;
  g_clear_pointer (&self->match_key, g_free);
  g_clear_pointer (&self->match_ids, g_array_unref);
  g_clear_pointer (&self->match_bits, g_free);
  return TRUE;
}

/* Answers @query's search from the in-memory index: 1 with *@out_ids
 * (owned by @self, valid until the next search) set to the matching
 * product ids in offer id order; 0 when @query has no search or a word
 * that mixes scripts (then SQL answers, see build_where()); -1 with
 * @error set.  The matches of the last search are kept, so counting and
 * then listing it scans once.  Call inside a read transaction, first. */
static int
search_index_match (SbStore             *self,
                    const SbStoreQuery  *query,
                    GArray             **out_ids,
                    GError             **error)
{
  g_autoptr(GPtrArray) words = search_words (query);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *key = NULL;

  if (!sb_search_index_can_answer ((const char * const *) words->pdata, words->len))
    return 0;
  if (!search_index_refresh (self, error))
    return -1;
  g_ptr_array_add (words, NULL);
  key = g_strjoinv ("\n", (char **) words->pdata);
  g_ptr_array_set_size (words, words->len - 1);
  if (self->match_ids == NULL || g_strcmp0 (self->match_key, key) != 0)
    {
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (!sb_search_index_find (self->search_index, (const char * const *) words->pdata, words->len,
                                 self->cancellable, ids, error))
        return -1;
      g_clear_pointer (&self->match_ids, g_array_unref);
      g_clear_pointer (&self->match_bits, g_free);
      g_free (self->match_key);
      self->match_ids = g_steal_pointer (&ids);
      self->match_key = g_steal_pointer (&key);
    }
  *out_ids = self->match_ids;
  return 1;
}

/* sb_search_match(id, words) in SQL: whether product @id is one of the
 * kept matches of the search @words (search_index_match() must have
 * answered it last).  A list in another order than the offer id, or with
 * a status filter, walks its sort index and tests each row here — a bit
 * test — instead of sorting every match: its first page stops after 100
 * matches, and its whole ordered list (for the kept list) costs one pass
 * over the index whatever the number of matches. */
static void
search_match_fn (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  SbStore *self = sqlite3_user_data (context);
  const char *words = (const char *) sqlite3_value_text (argv[1]);
  gint64 id = sqlite3_value_int64 (argv[0]);

  if (self->match_ids == NULL || words == NULL || strcmp (words, self->match_key) != 0)
    {
      sqlite3_result_error (context, "sb_search_match: not the last search", -1);
      return;
    }
  if (self->match_bits == NULL)
    {
      gint64 max_id = 0;

      for (guint i = 0; i < self->match_ids->len; i++)
        max_id = MAX (max_id, g_array_index (self->match_ids, gint64, i));
      self->match_bits_size = max_id + 1;
      self->match_bits = g_malloc0 (self->match_bits_size / 8 + 1);
      for (guint i = 0; i < self->match_ids->len; i++)
        {
          gint64 match = g_array_index (self->match_ids, gint64, i);

          if (match >= 0)
            self->match_bits[match / 8] |= 1 << (match % 8);
        }
    }
  sqlite3_result_int (context,
                      id >= 0 && id < self->match_bits_size &&
                      (self->match_bits[id / 8] & (1 << (id % 8))) != 0);
}

/* Up to this many matches, a sorted or filtered search reads its matches
 * by id and sorts them (about 4 µs a match at 100,000 products); with
 * more, it walks the sort index and tests each row (10–40 ms for the
 * whole list, a few ms for a first page). */
#define FEW_MATCHES 1000

/* How build_where() filters on @matches: a JSON array of them when they
 * are few, else NULL (sb_search_match() with the search's words). */
static char *
match_filter (SbStore *self,
              GArray  *matches)
{
  GString *json;

  if (matches->len > FEW_MATCHES)
    return NULL;
  json = g_string_sized_new (matches->len * 8 + 2);
  g_string_append_c (json, '[');
  for (guint i = 0; i < matches->len; i++)
    g_string_append_printf (json, i > 0 ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT,
                            g_array_index (matches, gint64, i));
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/**
 * sb_store_count_products:
 * @query: (nullable): what to count; %NULL counts all
 *
 * Returns: the number of products matching @query, or -1 with @error set
 */
gint64
sb_store_count_products (SbStore             *self,
                         const SbStoreQuery  *query,
                         GError             **error)
{
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  gboolean started = FALSE;
  GArray *matches = NULL;
  int indexed = 0;
  gint64 count = -1;

  g_return_val_if_fail (SB_IS_STORE (self), -1);

  if (!begin_read (self, &started, error))
    return -1;
  indexed = search_index_match (self, query, &matches, error);
  if (indexed < 0)
    goto out;
  if (indexed > 0 && (!query->filter_status || matches->len == 0))
    count = matches->len;
  else
    {
      g_autoptr(SbStmt) stmt = NULL;
      g_autofree char *json = indexed > 0 ? match_filter (self, matches) : NULL;

      where = build_where (query, FALSE, indexed > 0 && json == NULL ? self->match_key : NULL, json, binds);
      sql = g_strconcat ("SELECT count(*)", where, NULL);
      stmt = prepare_query (self, sql, binds, error);
      if (stmt != NULL && step_row (self, stmt, error) > 0)
        count = sqlite3_column_int64 (stmt, 0);
    }

out:
  end_read (self, started);
  return count;
}

static SbProductSummary *
read_summary (sqlite3_stmt *stmt)
{
  SbProductSummary *summary = sb_product_summary_new ();
  const char *currency;

  summary->offer_id = column_dup (stmt, 0);
  for (guint i = 0; i < SB_N_LANGS; i++)
    summary->title[i] = column_dup (stmt, 1 + i);
  summary->n_variants = sqlite3_column_int64 (stmt, 4);
  currency = (const char *) sqlite3_column_text (stmt, 5);
  g_strlcpy (summary->currency, currency != NULL ? currency : "", sizeof summary->currency);
  summary->min_price_minor = sqlite3_column_int64 (stmt, 6);
  summary->max_price_minor = sqlite3_column_int64 (stmt, 7);
  summary->mixed_currencies = sqlite3_column_int (stmt, 8) != 0;
  summary->total_stock = sqlite3_column_int64 (stmt, 9);
  summary->sync_state = sync_state_from_code (sqlite3_column_int64 (stmt, 10));
  reasons_append_json (summary->reasons, (const char *) sqlite3_column_text (stmt, 11));
  reasons_append_json (summary->reasons, (const char *) sqlite3_column_text (stmt, 12));
  summary->image_path = column_dup (stmt, 13);
  summary->updated = date_time_from_usec (sqlite3_column_int64 (stmt, 14));
  return summary;
}

/* The query of a page's product ids, behind @prefix ("" or "EXPLAIN
 * QUERY PLAN "); its last two parameters are LIMIT and OFFSET. */
static char *
build_page_query (const SbStoreQuery *query,
                  const char         *prefix,
                  const char         *match_words,
                  const char         *match_json,
                  GPtrArray          *binds)
{
  g_autofree char *where = build_where (query, TRUE, match_words, match_json, binds);
  g_autoptr(GString) sql = g_string_new (prefix);
  const char * const *columns = order_columns (query);
  const char *direction = (query != NULL && query->descending) ? " DESC" : "";

  g_string_append (sql, "SELECT p.id");
  g_string_append (sql, where);
  g_string_append (sql, " ORDER BY ");
  for (guint i = 0; columns[i] != NULL; i++)
    g_string_append_printf (sql, "%s%s, ", columns[i], direction);
  g_string_append_printf (sql, "p.offer_id%s LIMIT ? OFFSET ?", direction);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/**
 * sb_store_dup_query_plan:
 * @query: (nullable):
 *
 * For tests and benchmarks: SQLite's EXPLAIN QUERY PLAN of the query that
 * sb_store_list_products() runs for @query, one step per line.
 *
 * Returns: (transfer full): the plan, or %NULL with @error set
 */
char *
sb_store_dup_query_plan (SbStore             *self,
                         const SbStoreQuery  *query,
                         GError             **error)
{
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);
  g_autoptr(SbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  /* Without the index's matches: the plan of the query a search the
   * index cannot answer runs, or of the list without a search. */
  sql = build_page_query (query, "EXPLAIN QUERY PLAN ", NULL, NULL, binds);
  stmt = prepare_query (self, sql, binds, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, binds->len + 1, 50);
  sqlite3_bind_int64 (stmt, binds->len + 2, 0);
  while ((rc = step_row (self, stmt, error)) > 0)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  if (rc < 0)
    return NULL;
  return g_string_free (g_steal_pointer (&plan), FALSE);
}

/* Pages from this offset on are served from a kept ordered list. */
#define DEEP_PAGE_OFFSET 5000

/* The ids of a page from a kept ordered list.  A search's matches have no
 * index in the list's order, so every page sorts all of them (a few
 * thousand rows for a common word: 10–30 ms at 100,000 products), and a
 * deep OFFSET walks every row before it (5–10 ms near the end of 100,000
 * products, more with a status filter).  So the ordered ids of the last
 * list that was searched past its first page or paged deep (@build) are kept, keyed by the
 * page query and its values, until anything in the database changes
 * (sb_store_get_generation()); later pages of that list are slices of it
 * (about 1 ms with the rows).  Sets @out_done when @ids was filled.  Call
 * inside a read transaction. */
static gboolean
list_kept_ids (SbStore     *self,
               const char  *sql,
               GPtrArray   *binds,
               guint        offset,
               guint        limit,
               gboolean     build,
               GArray      *ids,
               gboolean    *out_done,
               GError     **error)
{
  g_autoptr(GString) key = g_string_new (sql);
  guint64 generation;

  *out_done = FALSE;

  for (guint i = 0; i < binds->len; i++)
    {
      g_string_append_c (key, '\x1f');
      g_string_append (key, g_ptr_array_index (binds, i));
    }
  generation = sb_store_get_generation (self, error);
  if (generation == 0)
    return FALSE;
  if (self->search_ids == NULL || self->search_generation != generation ||
      g_strcmp0 (self->search_key, key->str) != 0)
    {
      if (!build)
        return TRUE;
      {
      g_autoptr(SbStmt) stmt = prepare_query (self, sql, binds, error);
      g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, binds->len + 1, -1);
      sqlite3_bind_int64 (stmt, binds->len + 2, 0);
      while ((rc = step_row (self, stmt, error)) > 0)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (all, id);
        }
      if (rc < 0)
        return FALSE;
      g_clear_pointer (&self->search_ids, g_array_unref);
      g_free (self->search_key);
      self->search_ids = g_steal_pointer (&all);
      self->search_key = g_string_free (g_steal_pointer (&key), FALSE);
      self->search_generation = generation;
      }
    }
  if (offset < self->search_ids->len)
    g_array_append_vals (ids, &g_array_index (self->search_ids, gint64, offset),
                         MIN (limit, self->search_ids->len - offset));
  *out_done = TRUE;
  return TRUE;
}

/**
 * sb_store_list_products:
 * @query: (nullable): filter and order; %NULL lists all by offer id
 *
 * Returns: (transfer full) (element-type SbProductSummary): up to @limit
 *   rows from @offset, or %NULL with @error set
 */
GPtrArray *
sb_store_list_products (SbStore             *self,
                        const SbStoreQuery  *query,
                        guint                offset,
                        guint                limit,
                        GError             **error)
{
  gboolean started = FALSE;
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_summary_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *sql = NULL;
  gboolean kept = FALSE;
  GArray *matches = NULL;
  int indexed;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  if (!begin_read (self, &started, error))
    return NULL;
  indexed = search_index_match (self, query, &matches, error);
  if (indexed < 0)
    goto fail;
  if (indexed > 0 && ((!query->filter_status && query->sort == SB_STORE_SORT_OFFER_ID) ||
                      matches->len == 0))
    {
      /* A search in offer id order: a slice of the index's matches. */
      for (guint i = offset; i < matches->len && i - offset < limit; i++)
        {
          gint64 id = g_array_index (matches, gint64, query->descending ? matches->len - 1 - i : i);

          g_array_append_val (ids, id);
        }
      goto rows;
    }
  if (indexed > 0)
    {
      g_autofree char *json = match_filter (self, matches);

      sql = build_page_query (query, "", json == NULL ? self->match_key : NULL, json, binds);
    }
  else
    sql = build_page_query (query, "", NULL, NULL, binds);

  /* First the page's ids — the sort then carries only keys and ids even
   * when no index matches — then each row by its primary key. */
  if (!list_kept_ids (self, sql, binds, offset, limit,
                      /* The first page of a search is a top-100 sort,
                       * cheaper than ordering every match. */
                      (query != NULL && query->search != NULL && *query->search != '\0' && offset > 0) ||
                      offset >= DEEP_PAGE_OFFSET,
                      ids, &kept, error))
    goto fail;
  if (!kept)
  {
    g_autoptr(SbStmt) stmt = prepare_query (self, sql, binds, error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, binds->len + 1, limit);
    sqlite3_bind_int64 (stmt, binds->len + 2, offset);
    while ((rc = step_row (self, stmt, error)) > 0)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (ids, id);
      }
    if (rc < 0)
      goto fail;
  }

rows:
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(SbStmt) stmt = get_stmt (self,
                                         "SELECT offer_id, title_en, title_ko, title_ru, n_variants,"
                                         " price_currency, min_price_minor, max_price_minor,"
                                         " mixed_currencies, total_stock, sync_state, reasons_json,"
                                         " field_errors_json, image_path, updated_usec"
                                         " FROM products WHERE id = ?1",
                                         error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      rc = step_row (self, stmt, error);
      if (rc < 0)
        goto fail;
      if (rc > 0)
        g_ptr_array_add (result, read_summary (stmt));
    }
  end_read (self, started);
  return g_steal_pointer (&result);

fail:
  end_read (self, started);
  return NULL;
}

/* Settings */

/**
 * sb_store_get_setting:
 *
 * Returns: (transfer full) (nullable): the value, or %NULL without an
 *   error when @key was never set
 */
char *
sb_store_get_setting (SbStore     *self,
                      const char  *key,
                      GError     **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return query_text (self, "SELECT value FROM settings WHERE key = ?1", key, error);
}

/**
 * sb_store_set_setting:
 * @value: (nullable): the new value; %NULL removes the setting
 */
gboolean
sb_store_set_setting (SbStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autoptr(SbStmt) stmt = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value != NULL)
    stmt = get_stmt (self,
                     "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                     " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                     error);
  else
    stmt = get_stmt (self, "DELETE FROM settings WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  if (value != NULL)
    bind_text (stmt, 2, value);
  return step_done (self, stmt, error);
}

/* The seller */

/**
 * sb_store_load_seller_json:
 *
 * Returns: (transfer full) (nullable): the JSON text of the seller body
 *   as last saved, or %NULL without an error when there is none
 */
char *
sb_store_load_seller_json (SbStore  *self,
                           GError  **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  return query_text (self, "SELECT json FROM seller WHERE id = 1", NULL, error);
}

/**
 * sb_store_save_seller_json:
 * @json: the seller body as the API takes it (PUT /v1/seller)
 *
 * Saves the profile and queues a put_seller op in the same transaction.
 * The server-owned status and reasons are kept.
 */
gboolean
sb_store_save_seller_json (SbStore     *self,
                           const char  *json,
                           GError     **error)
{
  gint64 now = g_get_real_time ();
  gint64 revision;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  {
    g_autoptr(JsonParser) parser = json_parser_new_immutable ();
    g_autoptr(GError) local_error = NULL;

    if (!json_parser_load_from_data (parser, json, -1, &local_error) ||
        !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
      {
        g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                     _("The seller profile could not be saved because it is not a JSON object. "
                       "This is a bug; please report it."));
        return FALSE;
      }
  }

  if (!begin_write (self, error))
    return FALSE;
  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "INSERT INTO seller (id, json, revision, updated_usec)"
                                       " VALUES (1, ?1, 1, ?2)"
                                       " ON CONFLICT (id) DO UPDATE SET json = excluded.json,"
                                       " revision = revision + 1, updated_usec = excluded.updated_usec"
                                       " RETURNING revision",
                                       error);

    if (stmt == NULL)
      goto fail;
    bind_text (stmt, 1, json);
    sqlite3_bind_int64 (stmt, 2, now);
    if (step_row (self, stmt, error) <= 0)
      goto fail;
    revision = sqlite3_column_int64 (stmt, 0);
    if (!step_done (self, stmt, error))
      goto fail;
  }
  if (!queue_op (self, SB_OUTBOX_PUT_SELLER, NULL, revision, now, error))
    goto fail;
  return commit (self, error);

fail:
  rollback (self);
  return FALSE;
}

/**
 * sb_store_dup_seller_status:
 * @out_reasons: (out) (optional) (element-type SbReason) (transfer full):
 *
 * Returns: (transfer full) (nullable): the status the server last gave the
 *   seller profile ("submitted", "approved", "rejected"), or %NULL when
 *   none (check @error)
 */
char *
sb_store_dup_seller_status (SbStore     *self,
                            GPtrArray  **out_reasons,
                            GError     **error)
{
  g_autoptr(SbStmt) stmt = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  if (out_reasons != NULL)
    *out_reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  stmt = get_stmt (self, "SELECT status, reasons_json FROM seller WHERE id = 1", error);
  if (stmt == NULL || step_row (self, stmt, error) <= 0)
    return NULL;
  if (out_reasons != NULL)
    reasons_append_json (*out_reasons, (const char *) sqlite3_column_text (stmt, 1));
  return column_dup (stmt, 0);
}

/**
 * sb_store_set_seller_status:
 * @reasons: (nullable) (element-type SbReason):
 *
 * Records the server's review status of the seller profile.  Fails with
 * %SB_STORE_ERROR_NOT_FOUND when no profile was saved.
 */
gboolean
sb_store_set_seller_status (SbStore     *self,
                            const char  *status,
                            GPtrArray   *reasons,
                            GError     **error)
{
  g_autofree char *reasons_json = reasons_to_json (reasons);
  g_autoptr(SbStmt) stmt = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  stmt = get_stmt (self,
                   "UPDATE seller SET status = ?1, reasons_json = ?2 WHERE id = 1",
                   error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, status);
  bind_text (stmt, 2, reasons_json);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("There is no seller profile yet. Fill in the seller profile first."));
      return FALSE;
    }
  return TRUE;
}

/* Reference data */

/**
 * sb_store_get_reference:
 * @kind: e.g. "currencies", "categories:ko", "carriers:KR"
 * @out_body: (out) (optional) (transfer full):
 * @out_etag: (out) (optional) (transfer full) (nullable):
 * @out_fetched: (out) (optional) (transfer full):
 *
 * Returns: %TRUE when a copy is cached; %FALSE without an error when not,
 *   %FALSE with @error on failure
 */
gboolean
sb_store_get_reference (SbStore     *self,
                        const char  *kind,
                        GBytes     **out_body,
                        char       **out_etag,
                        GDateTime  **out_fetched,
                        GError     **error)
{
  g_autoptr(SbStmt) stmt = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  stmt = get_stmt (self, "SELECT body, etag, fetched_usec FROM reference WHERE kind = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, kind);
  if (step_row (self, stmt, error) <= 0)
    return FALSE;
  if (out_body != NULL)
    *out_body = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  if (out_etag != NULL)
    *out_etag = column_dup (stmt, 1);
  if (out_fetched != NULL)
    *out_fetched = date_time_from_usec (sqlite3_column_int64 (stmt, 2));
  return TRUE;
}

/**
 * sb_store_put_reference:
 * @etag: (nullable):
 * @fetched: (nullable): when it was fetched; %NULL for now
 *
 * Caches (or replaces) one reference document.
 */
gboolean
sb_store_put_reference (SbStore     *self,
                        const char  *kind,
                        GBytes      *body,
                        const char  *etag,
                        GDateTime   *fetched,
                        GError     **error)
{
  g_autoptr(SbStmt) stmt = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL && body != NULL, FALSE);

  stmt = get_stmt (self,
                   "INSERT INTO reference (kind, body, etag, fetched_usec) VALUES (?1, ?2, ?3, ?4)"
                   " ON CONFLICT (kind) DO UPDATE SET body = excluded.body, etag = excluded.etag,"
                   " fetched_usec = excluded.fetched_usec",
                   error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, kind);
  bind_blob_or_null (stmt, 2, body);
  bind_text (stmt, 3, etag);
  sqlite3_bind_int64 (stmt, 4, fetched != NULL ? date_time_to_usec (fetched) : g_get_real_time ());
  return step_done (self, stmt, error);
}

/* Sync bookkeeping */

/**
 * sb_store_list_pending_ops:
 * @limit: at most this many; 0 for all
 *
 * Returns: (transfer full) (element-type SbOutboxOp): the ops not part of
 *   a batch, oldest first — including single ops sent before but not
 *   finished (a crash or a transient failure; PUT and DELETE are
 *   idempotent, send them again) — or %NULL with @error set
 */
GPtrArray *
sb_store_list_pending_ops (SbStore  *self,
                           guint     limit,
                           GError  **error)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_outbox_op_free);
  g_autoptr(SbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = get_stmt (self,
                   "SELECT id, kind, offer_id, revision, created_usec, attempts, batch_key, sent_usec"
                   " FROM outbox WHERE batch_key IS NULL ORDER BY id LIMIT ?1",
                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);
  while ((rc = step_row (self, stmt, error)) > 0)
    {
      SbOutboxOp *op = g_new0 (SbOutboxOp, 1);

      op->id = sqlite3_column_int64 (stmt, 0);
      if (!sb_outbox_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &op->kind))
        op->kind = SB_OUTBOX_PUT_PRODUCT;
      op->offer_id = column_dup (stmt, 2);
      op->revision = sqlite3_column_int64 (stmt, 3);
      op->created = date_time_from_usec (sqlite3_column_int64 (stmt, 4));
      op->attempts = sqlite3_column_int64 (stmt, 5);
      op->batch_key = column_dup (stmt, 6);
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        op->sent_at = date_time_from_usec (sqlite3_column_int64 (stmt, 7));
      g_ptr_array_add (ops, op);
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&ops);
}

/**
 * sb_store_has_pending_op:
 * @kind: the kind of op to look for
 *
 * Whether sb_store_list_pending_ops() would return an op of @kind,
 * without reading them all (a catalogue waiting for its first sync has
 * one op per product).
 *
 * Returns: %TRUE if there is one; %FALSE if not, or with @error set
 */
gboolean
sb_store_has_pending_op (SbStore       *self,
                         SbOutboxKind   kind,
                         GError       **error)
{
  g_autofree char *found = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  /* The seller's op is the only one without an offer id, which the
   * outbox_by_offer index finds at once. */
  found = query_text (self,
                      kind == SB_OUTBOX_PUT_SELLER
                      ? "SELECT kind FROM outbox WHERE offer_id IS NULL AND kind = ?1"
                        " AND batch_key IS NULL LIMIT 1"
                      : "SELECT kind FROM outbox WHERE kind = ?1 AND batch_key IS NULL LIMIT 1",
                      sb_outbox_kind_to_string (kind), error);
  return found != NULL;
}

/* Marks @offer_id sent when @revision is its current one and it is queued. */
static gboolean
mark_sent (SbStore     *self,
           const char  *offer_id,
           gint64       revision,
           GError     **error)
{
  g_autoptr(SbStmt) stmt = get_stmt (self,
                                     "UPDATE products SET sync_state = 2"
                                     " WHERE offer_id = ?1 AND revision = ?2 AND sync_state = 1",
                                     error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, offer_id);
  sqlite3_bind_int64 (stmt, 2, revision);
  return step_done (self, stmt, error);
}

/**
 * sb_store_note_op_sent:
 *
 * Counts one attempt of a single op (a PUT, a DELETE or the seller) just
 * before it is sent; a put_product of the current revision shows as sent.
 */
gboolean
sb_store_note_op_sent (SbStore  *self,
                       gint64    op_id,
                       GError  **error)
{
  g_autofree char *offer_id = NULL;
  g_autofree char *kind = NULL;
  gint64 revision;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  if (!begin_write (self, error))
    return FALSE;
  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "UPDATE outbox SET attempts = attempts + 1, sent_usec = ?2"
                                       " WHERE id = ?1 RETURNING kind, offer_id, revision",
                                       error);
    int row;

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, op_id);
    sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
    row = step_row (self, stmt, error);
    if (row < 0)
      goto fail;
    if (row == 0)
      {
        g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                     _("The queued change was not found; it may have been sent already. "
                       "Sync again to continue."));
        goto fail;
      }
    kind = column_dup (stmt, 0);
    offer_id = column_dup (stmt, 1);
    revision = sqlite3_column_int64 (stmt, 2);
    if (!step_done (self, stmt, error))
      goto fail;
  }
  if (g_strcmp0 (kind, "put_product") == 0 && !mark_sent (self, offer_id, revision, error))
    goto fail;
  return commit (self, error);

fail:
  rollback (self);
  return FALSE;
}

/* Applies what the server said about @result->offer_id's revision
 * @result->revision.  Call inside a write transaction. */
static gboolean
apply_result (SbStore             *self,
              const SbSyncResult  *result,
              GError             **error)
{
  g_autofree char *reasons = reasons_to_json (result->reasons);
  g_autoptr(SbStmt) stmt = NULL;

  switch (result->outcome)
    {
    case SB_SYNC_OUTCOME_ACCEPTED:
      /* The newest server version is always kept (for If-Match); the row
       * becomes clean only when the confirmed revision is the current one. */
      stmt = get_stmt (self,
                       "UPDATE products SET"
                       " server_version = max(server_version, ?3),"
                       " server_status = ?4,"
                       " confirmed_revision = CASE WHEN revision = ?2 THEN ?2 ELSE confirmed_revision END,"
                       " sync_state = CASE WHEN revision = ?2 AND sync_state <> 6 THEN ?5 ELSE sync_state END,"
                       " reasons_json = CASE WHEN revision = ?2 THEN ?6 ELSE reasons_json END,"
                       " field_errors_json = CASE WHEN revision = ?2 THEN '[]' ELSE field_errors_json END"
                       " WHERE offer_id = ?1",
                       error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 3, result->server_version);
      bind_text (stmt, 4, sb_sync_state_to_string (result->status));
      sqlite3_bind_int (stmt, 5, sync_state_to_code (result->status));
      bind_text (stmt, 6, reasons);
      break;

    case SB_SYNC_OUTCOME_INVALID:
      stmt = get_stmt (self,
                       "UPDATE products SET"
                       " sync_state = CASE WHEN revision = ?2 THEN 5 ELSE sync_state END,"
                       " field_errors_json = CASE WHEN revision = ?2 THEN ?3 ELSE field_errors_json END"
                       " WHERE offer_id = ?1",
                       error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 3, reasons);
      break;

    case SB_SYNC_OUTCOME_CONFLICT:
    default:
      stmt = get_stmt (self,
                       "UPDATE products SET sync_state = 6, conflict_json = ?3, conflict_version = ?4"
                       " WHERE offer_id = ?1 AND ?2 = ?2",
                       error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 3, result->conflict_json);
      sqlite3_bind_int64 (stmt, 4, result->server_version);
      break;
    }
  bind_text (stmt, 1, result->offer_id);
  sqlite3_bind_int64 (stmt, 2, result->revision);
  return step_done (self, stmt, error);
}

/**
 * sb_store_finish_op:
 * @result: (nullable): what the server answered; required for put_product,
 *   optional for delete_product, ignored for put_seller; its revision is
 *   taken from the op when 0
 *
 * Removes a single op that the server answered (any definite answer:
 * accepted, 422 or 409 — not a transient failure) and applies @result to
 * the product in the same transaction.  For put_seller the seller row
 * becomes clean when the op's revision is its current one.
 */
gboolean
sb_store_finish_op (SbStore             *self,
                    gint64               op_id,
                    const SbSyncResult  *result,
                    GError             **error)
{
  g_autofree char *kind = NULL;
  gint64 revision;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  if (!begin_write (self, error))
    return FALSE;
  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "DELETE FROM outbox WHERE id = ?1 RETURNING kind, revision",
                                       error);
    int row;

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, op_id);
    row = step_row (self, stmt, error);
    if (row < 0)
      goto fail;
    if (row == 0)
      {
        g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                     _("The queued change was not found; it may have been sent already. "
                       "Sync again to continue."));
        goto fail;
      }
    kind = column_dup (stmt, 0);
    revision = sqlite3_column_int64 (stmt, 1);
    if (!step_done (self, stmt, error))
      goto fail;
  }
  if (g_strcmp0 (kind, "put_seller") == 0)
    {
      g_autoptr(SbStmt) stmt = get_stmt (self,
                                         "UPDATE seller SET confirmed_revision = ?1"
                                         " WHERE id = 1 AND revision = ?1",
                                         error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, revision);
      if (!step_done (self, stmt, error))
        goto fail;
    }
  else if (result != NULL)
    {
      g_autoptr(SbSyncResult) copy = NULL;

      /* Without a revision the answer is for the op's. */
      if (result->revision == 0)
        {
          copy = sb_sync_result_copy (result);
          copy->revision = revision;
          result = copy;
        }
      if (!apply_result (self, result, error))
        goto fail;
    }
  else if (g_strcmp0 (kind, "put_product") == 0)
    {
      /* Dropping a put without its answer would leave the product "sent"
       * for ever; the caller must say what the server answered. */
      g_critical ("sb_store_finish_op: a put_product op needs its SbSyncResult");
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FAILED,
                   _("The catalogue could not be saved. Try again; if this keeps happening, report a bug."));
      goto fail;
    }
  return commit (self, error);

fail:
  rollback (self);
  return FALSE;
}

/**
 * sb_store_record_batch:
 * @batch: the key, the exact body and the (offer id, revision) pairs in it
 *
 * Records a product batch before its first send: the pending put_product
 * ops of those products up to those revisions join it (they are no longer
 * listed as pending) and products whose current revision is in it show as
 * sent.  Send exactly @batch->body with @batch->key afterwards.
 */
gboolean
sb_store_record_batch (SbStore             *self,
                       const SbStoreBatch  *batch,
                       GError             **error)
{
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (batch != NULL && batch->key != NULL && batch->body != NULL, FALSE);
  g_return_val_if_fail (batch->offer_ids->len == batch->revisions->len, FALSE);

  if (!begin_write (self, error))
    return FALSE;
  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "INSERT INTO batches (key, body, created_usec) VALUES (?1, ?2, ?3)",
                                       error);

    if (stmt == NULL)
      goto fail;
    bind_text (stmt, 1, batch->key);
    bind_blob_or_null (stmt, 2, batch->body);
    sqlite3_bind_int64 (stmt, 3, now);
    if (!step_done (self, stmt, error))
      goto fail;
  }
  for (guint i = 0; i < batch->offer_ids->len; i++)
    {
      const char *offer_id = g_ptr_array_index (batch->offer_ids, i);
      gint64 revision = g_array_index (batch->revisions, gint64, i);

      {
        g_autoptr(SbStmt) stmt = get_stmt (self,
                                           "INSERT INTO batch_items (batch_key, position, offer_id, revision)"
                                           " VALUES (?1, ?2, ?3, ?4)",
                                           error);

        if (stmt == NULL)
          goto fail;
        bind_text (stmt, 1, batch->key);
        sqlite3_bind_int (stmt, 2, i);
        bind_text (stmt, 3, offer_id);
        sqlite3_bind_int64 (stmt, 4, revision);
        if (!step_done (self, stmt, error))
          goto fail;
      }
      {
        g_autoptr(SbStmt) stmt = get_stmt (self,
                                           "UPDATE outbox SET batch_key = ?1"
                                           " WHERE offer_id = ?2 AND kind = 'put_product'"
                                           " AND revision <= ?3 AND batch_key IS NULL",
                                           error);

        if (stmt == NULL)
          goto fail;
        bind_text (stmt, 1, batch->key);
        bind_text (stmt, 2, offer_id);
        sqlite3_bind_int64 (stmt, 3, revision);
        if (!step_done (self, stmt, error))
          goto fail;
      }
      if (!mark_sent (self, offer_id, revision, error))
        goto fail;
    }
  return commit (self, error);

fail:
  rollback (self);
  return FALSE;
}

/**
 * sb_store_dup_unfinished_batch:
 *
 * Returns: (transfer full) (nullable): the oldest batch recorded but not
 *   finished — resend it with the same key and body — or %NULL (check
 *   @error)
 */
SbStoreBatch *
sb_store_dup_unfinished_batch (SbStore  *self,
                               GError  **error)
{
  gboolean started = FALSE;
  g_autoptr(SbStoreBatch) batch = NULL;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  if (!begin_read (self, &started, error))
    return NULL;
  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "SELECT key, body, created_usec, attempts FROM batches"
                                       " ORDER BY created_usec, rowid LIMIT 1",
                                       error);

    if (stmt == NULL || (rc = step_row (self, stmt, error)) <= 0)
      goto out;
    {
      g_autoptr(GBytes) body = g_bytes_new (sqlite3_column_blob (stmt, 1),
                                            sqlite3_column_bytes (stmt, 1));

      batch = sb_store_batch_new ((const char *) sqlite3_column_text (stmt, 0), body);
    }
    batch->created = date_time_from_usec (sqlite3_column_int64 (stmt, 2));
    batch->attempts = sqlite3_column_int64 (stmt, 3);
  }
  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "SELECT offer_id, revision FROM batch_items WHERE batch_key = ?1"
                                       " ORDER BY position",
                                       error);

    if (stmt == NULL)
      {
        g_clear_pointer (&batch, sb_store_batch_free);
        goto out;
      }
    bind_text (stmt, 1, batch->key);
    while ((rc = step_row (self, stmt, error)) > 0)
      sb_store_batch_add_item (batch, (const char *) sqlite3_column_text (stmt, 0),
                               sqlite3_column_int64 (stmt, 1));
    if (rc < 0)
      g_clear_pointer (&batch, sb_store_batch_free);
  }
out:
  end_read (self, started);
  return g_steal_pointer (&batch);
}

/**
 * sb_store_note_batch_sent:
 *
 * Counts one send attempt of the batch @key, just before it is sent.
 */
gboolean
sb_store_note_batch_sent (SbStore     *self,
                          const char  *key,
                          GError     **error)
{
  g_autoptr(SbStmt) stmt = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  stmt = get_stmt (self,
                   "UPDATE batches SET attempts = attempts + 1, sent_usec = ?2 WHERE key = ?1",
                   error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("The batch of changes was not found; it may have been finished already. "
                     "Sync again to continue."));
      return FALSE;
    }
  return TRUE;
}

/**
 * sb_store_finish_batch:
 * @results: (element-type SbSyncResult): one per product of the batch; a
 *   result's revision is the one recorded for its offer id in the batch
 *   (it is taken from the batch when 0)
 *
 * Applies the server's answer to a batch and forgets the batch and its ops,
 * in one transaction.  Products without a result stay dirty and are queued
 * again.
 */
gboolean
sb_store_finish_batch (SbStore     *self,
                       const char  *key,
                       GPtrArray   *results,
                       GError     **error)
{
  g_autoptr(GHashTable) revisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) answered = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 now = g_get_real_time ();
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!begin_write (self, error))
    return FALSE;
  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "SELECT offer_id, revision FROM batch_items WHERE batch_key = ?1",
                                       error);

    if (stmt == NULL)
      goto fail;
    bind_text (stmt, 1, key);
    while ((rc = step_row (self, stmt, error)) > 0)
      g_hash_table_insert (revisions, column_dup (stmt, 0),
                           g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) }, sizeof (gint64)));
    if (rc < 0)
      goto fail;
  }
  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      const SbSyncResult *result = g_ptr_array_index (results, i);
      g_autoptr(SbSyncResult) copy = NULL;
      const gint64 *revision = g_hash_table_lookup (revisions, result->offer_id);

      if (revision == NULL)
        continue;  /* not in this batch */
      g_hash_table_add (answered, result->offer_id);
      if (result->revision == 0)
        {
          copy = sb_sync_result_copy (result);
          copy->revision = *revision;
          result = copy;
        }
      if (!apply_result (self, result, error))
        goto fail;
    }
  /* Products the server did not answer for are queued again. */
  {
    GHashTableIter iter;
    gpointer offer_id, revision;

    g_hash_table_iter_init (&iter, revisions);
    while (g_hash_table_iter_next (&iter, &offer_id, &revision))
      {
        g_autoptr(SbStmt) stmt = NULL;

        if (g_hash_table_contains (answered, offer_id))
          continue;
        stmt = get_stmt (self,
                         "UPDATE products SET sync_state = 1"
                         " WHERE offer_id = ?1 AND revision = ?2 AND sync_state = 2",
                         error);
        if (stmt == NULL)
          goto fail;
        bind_text (stmt, 1, offer_id);
        sqlite3_bind_int64 (stmt, 2, *(gint64 *) revision);
        if (!step_done (self, stmt, error))
          goto fail;
        {
          g_autoptr(SbStmt) queued = get_stmt (self,
                                               "SELECT 1 FROM products WHERE offer_id = ?1"
                                               " AND revision = ?2 AND sync_state = 1",
                                               error);
          int row;

          if (queued == NULL)
            goto fail;
          bind_text (queued, 1, offer_id);
          sqlite3_bind_int64 (queued, 2, *(gint64 *) revision);
          row = step_row (self, queued, error);
          if (row < 0)
            goto fail;
          if (row > 0)
            {
              g_clear_pointer (&queued, stmt_release);
              if (!queue_op (self, SB_OUTBOX_PUT_PRODUCT, offer_id, *(gint64 *) revision, now, error))
                goto fail;
            }
        }
      }
  }
  {
    g_autoptr(SbStmt) stmt = get_stmt (self, "DELETE FROM batches WHERE key = ?1", error);

    if (stmt == NULL)
      goto fail;
    bind_text (stmt, 1, key);
    if (!step_done (self, stmt, error))
      goto fail;
  }
  {
    g_autoptr(SbStmt) stmt = get_stmt (self, "UPDATE sync_meta SET last_sync_usec = ?1 WHERE id = 1",
                                       error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, now);
    if (!step_done (self, stmt, error))
      goto fail;
  }
  return commit (self, error);

fail:
  rollback (self);
  return FALSE;
}

/**
 * sb_store_apply_pull_page:
 * @updates: (element-type SbSyncResult): the page's products (offer id,
 *   server_version, status, reasons)
 * @next_cursor: (nullable): the page's next_cursor
 *
 * Stores a page of GET /v1/products?updated_since= and the new cursor in
 * one transaction.  For a clean row the server version moves forward and
 * the status and reasons replace the local ones.  A row with local edits
 * not yet confirmed keeps its server version: it is the version those
 * edits were based on, which the next PUT must carry as If-Match.  When
 * the page shows a newer version of such a row (not a draft), the server
 * copy was changed meanwhile: the row becomes a conflict, with the new
 * version and no server copy yet (sb_store_list_conflicts_without_copy(),
 * sb_store_set_conflict_copy()), for the seller to choose.  Unknown offer
 * ids are skipped.
 */
gboolean
sb_store_apply_pull_page (SbStore     *self,
                          GPtrArray   *updates,
                          const char  *next_cursor,
                          GError     **error)
{
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  if (!begin_write (self, error))
    return FALSE;
  for (guint i = 0; updates != NULL && i < updates->len; i++)
    {
      const SbSyncResult *update = g_ptr_array_index (updates, i);
      g_autofree char *reasons = reasons_to_json (update->reasons);
      g_autoptr(SbStmt) stmt = get_stmt (self,
                                         "UPDATE products SET"
                                         " server_version = CASE WHEN revision = confirmed_revision"
                                         "   THEN ?2 ELSE server_version END,"
                                         " server_status = ?3,"
                                         " sync_state = CASE WHEN revision = confirmed_revision"
                                         "   AND sync_state NOT IN (0, 6) THEN ?4"
                                         "   WHEN revision <> confirmed_revision AND sync_state <> 0"
                                         "   AND ?2 > server_version THEN 6 ELSE sync_state END,"
                                         " conflict_json = CASE WHEN revision <> confirmed_revision"
                                         "   AND sync_state <> 0 AND ?2 > server_version"
                                         "   AND ?2 > conflict_version THEN NULL ELSE conflict_json END,"
                                         " conflict_version = CASE WHEN revision <> confirmed_revision"
                                         "   AND sync_state <> 0 AND ?2 > server_version"
                                         "   THEN max(conflict_version, ?2) ELSE conflict_version END,"
                                         " reasons_json = CASE WHEN revision = confirmed_revision"
                                         "   THEN ?5 ELSE reasons_json END"
                                         " WHERE offer_id = ?1 AND server_version <= ?2",
                                         error);

      if (stmt == NULL)
        goto fail;
      bind_text (stmt, 1, update->offer_id);
      sqlite3_bind_int64 (stmt, 2, update->server_version);
      bind_text (stmt, 3, sb_sync_state_to_string (update->status));
      sqlite3_bind_int (stmt, 4, sync_state_to_code (update->status));
      bind_text (stmt, 5, reasons);
      if (!step_done (self, stmt, error))
        goto fail;
    }
  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "UPDATE sync_meta SET pull_cursor = ?1, last_pull_usec = ?2,"
                                       " last_sync_usec = ?2 WHERE id = 1",
                                       error);

    if (stmt == NULL)
      goto fail;
    bind_text (stmt, 1, next_cursor);
    sqlite3_bind_int64 (stmt, 2, now);
    if (!step_done (self, stmt, error))
      goto fail;
  }
  return commit (self, error);

fail:
  rollback (self);
  return FALSE;
}

/**
 * sb_store_dup_pull_cursor:
 *
 * Returns: (transfer full) (nullable): the cursor to pass as updated_since,
 *   or %NULL to start from the beginning (check @error)
 */
char *
sb_store_dup_pull_cursor (SbStore  *self,
                          GError  **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  return query_text (self, "SELECT pull_cursor FROM sync_meta WHERE id = 1", NULL, error);
}

/**
 * sb_store_keep_local_version:
 *
 * Resolves a conflict in favour of the local copy: the next PUT carries
 * the server's current version as If-Match, so it replaces the server copy.
 * Queues a put_product op at a new revision.
 */
gboolean
sb_store_keep_local_version (SbStore     *self,
                             const char  *offer_id,
                             GError     **error)
{
  gint64 revision;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  if (!begin_write (self, error))
    return FALSE;
  {
    g_autoptr(SbStmt) stmt = get_stmt (self,
                                       "UPDATE products SET server_version = max(server_version, conflict_version),"
                                       " conflict_json = NULL, conflict_version = 0, sync_state = 1,"
                                       " revision = revision + 1, updated_usec = ?2"
                                       " WHERE offer_id = ?1 AND sync_state = 6 RETURNING revision",
                                       error);
    int row;

    if (stmt == NULL)
      goto fail;
    bind_text (stmt, 1, offer_id);
    sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
    row = step_row (self, stmt, error);
    if (row < 0)
      goto fail;
    if (row == 0)
      {
        g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                     /* Translators: %s is an offer id. */
                     _("The product “%s” has no conflict to resolve. Reload the list."),
                     offer_id);
        goto fail;
      }
    revision = sqlite3_column_int64 (stmt, 0);
    if (!step_done (self, stmt, error))
      goto fail;
  }
  if (!queue_op (self, SB_OUTBOX_PUT_PRODUCT, offer_id, revision, g_get_real_time (), error))
    goto fail;
  return commit (self, error);

fail:
  rollback (self);
  return FALSE;
}

/**
 * sb_store_dup_conflict_json:
 *
 * Returns: (transfer full) (nullable): the server copy kept with a
 *   conflict, or %NULL (check @error)
 */
char *
sb_store_dup_conflict_json (SbStore     *self,
                            const char  *offer_id,
                            GError     **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  return query_text (self, "SELECT conflict_json FROM products WHERE offer_id = ?1", offer_id, error);
}

/* Image ids */

/**
 * sb_store_collect_image_ids:
 * @image_ids: (element-type utf8 utf8): filled with sha256 → image id
 *
 * Adds the marketplace image id of every picture uploaded before, by the
 * SHA-256 of its content, reading only the images table.
 */
gboolean
sb_store_collect_image_ids (SbStore     *self,
                            GHashTable  *image_ids,
                            GError     **error)
{
  g_autoptr(SbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (image_ids != NULL, FALSE);

  stmt = get_stmt (self,
                   "SELECT DISTINCT sha256, remote_id FROM images"
                   " WHERE sha256 IS NOT NULL AND remote_id IS NOT NULL",
                   error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = step_row (self, stmt, error)) > 0)
    g_hash_table_insert (image_ids, column_dup (stmt, 0), column_dup (stmt, 1));
  return rc == 0;
}

/**
 * sb_store_set_image_ids:
 * @products: (element-type SbProduct): products whose images learnt their
 *   marketplace id (and sha256, width, height) during a sync
 *
 * Writes, in one transaction, the id, sha256 and size of each image of
 * @products that has an id, in place: only images still without an id and
 * still at the same position with the same file are changed.  The rest of
 * the product, its revision and its queued op are left alone — the id
 * describes the file already saved, it is not an edit.
 */
gboolean
sb_store_set_image_ids (SbStore    *self,
                        GPtrArray  *products,
                        GError    **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (products != NULL, FALSE);

  if (products->len == 0)
    return TRUE;
  if (!begin_write (self, error))
    return FALSE;
  for (guint i = 0; i < products->len; i++)
    {
      const SbProduct *product = g_ptr_array_index (products, i);

      for (guint j = 0; j < product->images->len; j++)
        {
          const SbImage *image = g_ptr_array_index (product->images, j);
          g_autoptr(SbStmt) stmt = NULL;

          if (image->remote_id == NULL)
            continue;
          stmt = get_stmt (self,
                           "UPDATE images SET remote_id = ?3, sha256 = ?4,"
                           " width = CASE WHEN ?5 > 0 THEN ?5 ELSE width END,"
                           " height = CASE WHEN ?6 > 0 THEN ?6 ELSE height END"
                           " WHERE product_id = (SELECT id FROM products WHERE offer_id = ?1)"
                           " AND position = ?2 AND local_path IS ?7 AND remote_id IS NULL",
                           error);
          if (stmt == NULL)
            goto fail;
          bind_text (stmt, 1, product->offer_id);
          sqlite3_bind_int (stmt, 2, j);
          bind_text (stmt, 3, image->remote_id);
          bind_text (stmt, 4, image->sha256);
          sqlite3_bind_int64 (stmt, 5, image->width);
          sqlite3_bind_int64 (stmt, 6, image->height);
          bind_text (stmt, 7, image->local_path);
          if (!step_done (self, stmt, error))
            goto fail;
        }
    }
  return commit (self, error);

fail:
  rollback (self);
  return FALSE;
}

/**
 * sb_store_list_conflicts_without_copy:
 *
 * Returns: (transfer full) (element-type utf8): the offer ids of products
 *   in conflict whose server copy was not fetched yet (a status pull saw
 *   the server change them), or %NULL with @error set
 */
GPtrArray *
sb_store_list_conflicts_without_copy (SbStore  *self,
                                      GError  **error)
{
  g_autoptr(GPtrArray) offer_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = get_stmt (self,
                   "SELECT offer_id FROM products WHERE sync_state = 6 AND conflict_json IS NULL"
                   " ORDER BY offer_id",
                   error);
  if (stmt == NULL)
    return NULL;
  while ((rc = step_row (self, stmt, error)) > 0)
    g_ptr_array_add (offer_ids, column_dup (stmt, 0));
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&offer_ids);
}

/**
 * sb_store_set_conflict_copy:
 * @version: the server copy's version
 * @json: the server copy (GET /v1/products/{offer_id})
 *
 * Keeps the server copy of a product in conflict for the conflict dialog.
 * Does nothing when the product is no longer in conflict.
 */
gboolean
sb_store_set_conflict_copy (SbStore     *self,
                            const char  *offer_id,
                            gint64       version,
                            const char  *json,
                            GError     **error)
{
  g_autoptr(SbStmt) stmt = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (offer_id != NULL && json != NULL, FALSE);

  stmt = get_stmt (self,
                   "UPDATE products SET conflict_json = ?2, conflict_version = max(conflict_version, ?3)"
                   " WHERE offer_id = ?1 AND sync_state = 6",
                   error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, offer_id);
  bind_text (stmt, 2, json);
  sqlite3_bind_int64 (stmt, 3, version);
  return step_done (self, stmt, error);
}

/**
 * sb_store_count_by_state:
 * @counts: (out caller-allocates) (array fixed-size=8): indexed by SbSyncState
 */
gboolean
sb_store_count_by_state (SbStore  *self,
                         gint64    counts[SB_SYNC_ARCHIVED + 1],
                         GError  **error)
{
  g_autoptr(SbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  memset (counts, 0, sizeof (gint64) * (SB_SYNC_ARCHIVED + 1));
  stmt = get_stmt (self, "SELECT sync_state, count(*) FROM products GROUP BY sync_state", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = step_row (self, stmt, error)) > 0)
    counts[sync_state_from_code (sqlite3_column_int64 (stmt, 0))] += sqlite3_column_int64 (stmt, 1);
  return rc == 0;
}

/**
 * sb_store_count_dirty:
 *
 * Returns: the number of products whose current revision the server has
 *   not confirmed (drafts excluded), or -1 with @error set
 */
gint64
sb_store_count_dirty (SbStore  *self,
                      GError  **error)
{
  g_autoptr(SbStmt) stmt = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), -1);

  stmt = get_stmt (self,
                   "SELECT count(*) FROM products WHERE revision <> confirmed_revision AND sync_state <> 0",
                   error);
  if (stmt == NULL || step_row (self, stmt, error) <= 0)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * sb_store_dup_last_sync:
 *
 * Returns: (transfer full) (nullable): when a sync last finished a batch or
 *   a pull page, or %NULL when never (check @error)
 */
GDateTime *
sb_store_dup_last_sync (SbStore  *self,
                        GError  **error)
{
  g_autoptr(SbStmt) stmt = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = get_stmt (self, "SELECT last_sync_usec FROM sync_meta WHERE id = 1", error);
  if (stmt == NULL || step_row (self, stmt, error) <= 0)
    return NULL;
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return date_time_from_usec (sqlite3_column_int64 (stmt, 0));
}

gboolean
sb_store_set_last_sync (SbStore    *self,
                        GDateTime  *when,
                        GError    **error)
{
  g_autoptr(SbStmt) stmt = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  stmt = get_stmt (self, "UPDATE sync_meta SET last_sync_usec = ?1 WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  if (when != NULL)
    sqlite3_bind_int64 (stmt, 1, date_time_to_usec (when));
  else
    sqlite3_bind_null (stmt, 1);
  return step_done (self, stmt, error);
}
