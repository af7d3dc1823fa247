/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-db.c: the sandbox's SQLite database.  Products carry a version
 * that every accepted write increments, a moderation status with reasons,
 * the time a pending review is due, and a global update sequence that the
 * paging cursor of GET /v1/products walks.  Images are keyed by their
 * SHA-256 so that the same bytes get the same id, and batch writes leave an
 * idempotency record (key → body hash + stored response).  All SQL is
 * prepared with bound parameters; the schema is versioned with
 * PRAGMA user_version.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sb-sandbox-db.h"

G_DEFINE_QUARK (sb-sandbox-db-error-quark, sb_sandbox_db_error)

#define SCHEMA_VERSION 1

struct _SbSandboxDb
{
  GObject  parent_instance;

  char    *path;     /* (owned) (nullable): NULL when in memory */
  sqlite3 *db;       /* (owned) */
};

G_DEFINE_FINAL_TYPE (SbSandboxDb, sb_sandbox_db, G_TYPE_OBJECT)

static const char schema_sql[] =
  "CREATE TABLE IF NOT EXISTS sellers ("
  "  api_key TEXT PRIMARY KEY,"
  "  profile TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  reasons TEXT NOT NULL DEFAULT '[]',"
  "  review_due INTEGER,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS products ("
  "  api_key TEXT NOT NULL,"
  "  offer_id TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  version INTEGER NOT NULL,"
  "  status TEXT NOT NULL,"
  "  reasons TEXT NOT NULL DEFAULT '[]',"
  "  review_due INTEGER,"
  "  updated_at INTEGER NOT NULL,"
  "  updated_seq INTEGER NOT NULL,"
  "  PRIMARY KEY (api_key, offer_id));"
  "CREATE UNIQUE INDEX IF NOT EXISTS products_by_seq ON products (api_key, updated_seq);"
  "CREATE INDEX IF NOT EXISTS products_by_due ON products (review_due) WHERE review_due IS NOT NULL;"
  "CREATE TABLE IF NOT EXISTS images ("
  "  api_key TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  image_id TEXT NOT NULL,"
  "  content_type TEXT NOT NULL,"
  "  width INTEGER NOT NULL,"
  "  height INTEGER NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (api_key, sha256));"
  "CREATE INDEX IF NOT EXISTS images_by_id ON images (api_key, image_id);"
  "CREATE TABLE IF NOT EXISTS idempotency ("
  "  api_key TEXT NOT NULL,"
  "  idempotency_key TEXT NOT NULL,"
  "  body_sha256 TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  response TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (api_key, idempotency_key));"
  "CREATE TABLE IF NOT EXISTS sequence (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);"
  "INSERT OR IGNORE INTO sequence (id, value) VALUES (1, 0);";

void
sb_sandbox_product_row_free (SbSandboxProductRow *row)
{
  if (row == NULL)
    return;
  g_free (row->offer_id);
  g_free (row->body);
  g_free (row->status);
  g_free (row->reasons);
  g_free (row);
}

void
sb_sandbox_image_row_free (SbSandboxImageRow *row)
{
  if (row == NULL)
    return;
  g_free (row->image_id);
  g_free (row->sha256);
  g_free (row->content_type);
  g_free (row);
}

void
sb_sandbox_seller_row_free (SbSandboxSellerRow *row)
{
  if (row == NULL)
    return;
  g_free (row->profile);
  g_free (row->status);
  g_free (row->reasons);
  g_free (row);
}

void
sb_sandbox_due_item_free (SbSandboxDueItem *item)
{
  if (item == NULL)
    return;
  g_free (item->api_key);
  g_free (item->offer_id);
  g_free (item);
}

static gboolean
set_sql_error (SbSandboxDb  *self,
               GError      **error)
{
  g_set_error (error, SB_SANDBOX_DB_ERROR, SB_SANDBOX_DB_ERROR_SQL,
               "SQLite: %s", sqlite3_errmsg (self->db));
  return FALSE;
}

/* Prepares @sql and binds the text, integer and NULL parameters described
 * by @types ('t' text, 'i' gint64, 'n' NULL) from the variadic list. */
static sqlite3_stmt *
prepare (SbSandboxDb  *self,
         GError      **error,
         const char   *sql,
         const char   *types,
         ...)
{
  sqlite3_stmt *stmt = NULL;
  va_list args;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sql_error (self, error);
      return NULL;
    }
  va_start (args, types);
  for (int i = 0; types[i] != '\0'; i++)
    {
      int rc = SQLITE_OK;

      switch (types[i])
        {
        case 't':
          {
            const char *text = va_arg (args, const char *);

            rc = text != NULL ? sqlite3_bind_text (stmt, i + 1, text, -1, SQLITE_TRANSIENT)
                              : sqlite3_bind_null (stmt, i + 1);
          }
          break;
        case 'i':
          rc = sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
          break;
        case 'n':
          rc = sqlite3_bind_null (stmt, i + 1);
          break;
        default:
          g_assert_not_reached ();
        }
      if (rc != SQLITE_OK)
        {
          va_end (args);
          set_sql_error (self, error);
          sqlite3_finalize (stmt);
          return NULL;
        }
    }
  va_end (args);
  return stmt;
}

static gboolean
step_done (SbSandboxDb   *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_sql_error (self, error);
  return TRUE;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static gboolean
exec (SbSandboxDb  *self,
      const char   *sql,
      GError      **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, SB_SANDBOX_DB_ERROR, SB_SANDBOX_DB_ERROR_SQL,
                   "SQLite: %s", message != NULL ? message : "unknown error");
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static void
sb_sandbox_db_finalize (GObject *object)
{
  SbSandboxDb *self = SB_SANDBOX_DB (object);

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (sb_sandbox_db_parent_class)->finalize (object);
}

static void
sb_sandbox_db_class_init (SbSandboxDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_sandbox_db_finalize;
}

static void
sb_sandbox_db_init (SbSandboxDb *self)
{
}

/**
 * sb_sandbox_db_new:
 * @path: (nullable): a database file, or %NULL (or ":memory:") for a fresh
 *   database in memory
 *
 * Returns: (transfer full) (nullable): the opened and migrated database
 */
SbSandboxDb *
sb_sandbox_db_new (const char  *path,
                   GError     **error)
{
  g_autoptr(SbSandboxDb) self = g_object_new (SB_TYPE_SANDBOX_DB, NULL);
  sqlite3_stmt *stmt;
  int version = 0;

  if (path != NULL && g_strcmp0 (path, ":memory:") != 0)
    self->path = g_strdup (path);
  if (sqlite3_open_v2 (self->path != NULL ? self->path : ":memory:", &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, SB_SANDBOX_DB_ERROR, SB_SANDBOX_DB_ERROR_OPEN,
                   _("Cannot open the sandbox database “%s”: %s"),
                   self->path != NULL ? self->path : ":memory:",
                   self->db != NULL ? sqlite3_errmsg (self->db) : "out of memory");
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  if (!exec (self, "PRAGMA foreign_keys = ON;", error))
    return NULL;
  if (self->path != NULL && !exec (self, "PRAGMA journal_mode = WAL;", error))
    return NULL;

  stmt = prepare (self, error, "PRAGMA user_version;", "");
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, SB_SANDBOX_DB_ERROR, SB_SANDBOX_DB_ERROR_OPEN,
                   /* Translators: the first %d is the file's schema version, the second this program's. */
                   _("The sandbox database “%s” has schema version %d, newer than this program’s %d. Use a newer sellbridge-sandbox or another file."),
                   self->path, version, SCHEMA_VERSION);
      return NULL;
    }
  if (version < SCHEMA_VERSION)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d;", SCHEMA_VERSION);

      if (!exec (self, "BEGIN IMMEDIATE;", error))
        return NULL;
      if (!exec (self, schema_sql, error) || !exec (self, pragma, error))
        {
          exec (self, "ROLLBACK;", NULL);
          return NULL;
        }
      if (!exec (self, "COMMIT;", error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

const char *
sb_sandbox_db_get_path (SbSandboxDb *self)
{
  g_return_val_if_fail (SB_IS_SANDBOX_DB (self), NULL);
  return self->path;
}

gboolean
sb_sandbox_db_begin (SbSandboxDb  *self,
                     GError      **error)
{
  return exec (self, "BEGIN IMMEDIATE;", error);
}

gboolean
sb_sandbox_db_commit (SbSandboxDb  *self,
                      GError      **error)
{
  return exec (self, "COMMIT;", error);
}

void
sb_sandbox_db_rollback (SbSandboxDb *self)
{
  if (!sqlite3_get_autocommit (self->db))
    exec (self, "ROLLBACK;", NULL);
}

static gboolean
next_sequence (SbSandboxDb  *self,
               gint64       *out_seq,
               GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self, error, "UPDATE sequence SET value = value + 1 WHERE id = 1 RETURNING value;", "");
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return set_sql_error (self, error);
    }
  *out_seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static SbSandboxProductRow *
product_from_stmt (sqlite3_stmt *stmt)
{
  SbSandboxProductRow *row = g_new0 (SbSandboxProductRow, 1);

  row->offer_id = column_dup (stmt, 0);
  row->body = column_dup (stmt, 1);
  row->version = sqlite3_column_int64 (stmt, 2);
  row->status = column_dup (stmt, 3);
  row->reasons = column_dup (stmt, 4);
  row->updated_at = sqlite3_column_int64 (stmt, 5);
  row->updated_seq = sqlite3_column_int64 (stmt, 6);
  return row;
}

#define PRODUCT_COLUMNS "offer_id, body, version, status, reasons, updated_at, updated_seq"

/**
 * sb_sandbox_db_get_product:
 *
 * Returns: (transfer full) (nullable): the product, or %NULL when there is
 *   none (without @error) or on failure (with @error)
 */
SbSandboxProductRow *
sb_sandbox_db_get_product (SbSandboxDb  *self,
                           const char   *api_key,
                           const char   *offer_id,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  SbSandboxProductRow *row = NULL;
  int rc;

  stmt = prepare (self, error,
                  "SELECT " PRODUCT_COLUMNS " FROM products WHERE api_key = ? AND offer_id = ?;",
                  "tt", api_key, offer_id);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    row = product_from_stmt (stmt);
  else if (rc != SQLITE_DONE)
    set_sql_error (self, error);
  sqlite3_finalize (stmt);
  return row;
}

static gboolean
version_conflict (gint64   current,
                  gint64  *out_current_version,
                  GError **error)
{
  if (out_current_version != NULL)
    *out_current_version = current;
  g_set_error (error, SB_SANDBOX_DB_ERROR, SB_SANDBOX_DB_ERROR_CONFLICT,
               "The product is at version %" G_GINT64_FORMAT, current);
  return FALSE;
}

/**
 * sb_sandbox_db_put_product:
 * @if_match: the version the writer expects, or -1 for none; 0 means "must
 *   not exist yet"
 * @review_due_us: the real time in microseconds when moderation decides
 *
 * Creates or replaces a product, increments its version and puts it back
 * under review.  A stale @if_match fails with
 * %SB_SANDBOX_DB_ERROR_CONFLICT and @out_current_version set.
 */
gboolean
sb_sandbox_db_put_product (SbSandboxDb  *self,
                           const char   *api_key,
                           const char   *offer_id,
                           const char   *body,
                           gint64        if_match,
                           gint64        now,
                           gint64        review_due_us,
                           gint64       *out_version,
                           gboolean     *out_created,
                           gint64       *out_current_version,
                           GError      **error)
{
  g_autoptr(SbSandboxProductRow) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 current, seq;

  existing = sb_sandbox_db_get_product (self, api_key, offer_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  current = existing != NULL ? existing->version : 0;
  if (if_match >= 0 && if_match != current)
    return version_conflict (current, out_current_version, error);
  if (!next_sequence (self, &seq, error))
    return FALSE;

  if (existing == NULL)
    stmt = prepare (self, error,
                    "INSERT INTO products (api_key, offer_id, body, version, status, reasons,"
                    " review_due, updated_at, updated_seq)"
                    " VALUES (?, ?, ?, 1, 'pending_review', '[]', ?, ?, ?);",
                    "tttiii", api_key, offer_id, body, review_due_us, now, seq);
  else
    stmt = prepare (self, error,
                    "UPDATE products SET body = ?, version = version + 1, status = 'pending_review',"
                    " reasons = '[]', review_due = ?, updated_at = ?, updated_seq = ?"
                    " WHERE api_key = ? AND offer_id = ?;",
                    "tiiitt", body, review_due_us, now, seq, api_key, offer_id);
  if (stmt == NULL || !step_done (self, stmt, error))
    return FALSE;
  *out_version = current + 1;
  *out_created = existing == NULL;
  return TRUE;
}

/**
 * sb_sandbox_db_archive_product:
 *
 * Marks a product archived, incrementing its version unless it already was
 * archived.  Returns %FALSE without @error set when there is no such
 * product.
 */
gboolean
sb_sandbox_db_archive_product (SbSandboxDb  *self,
                               const char   *api_key,
                               const char   *offer_id,
                               gint64        if_match,
                               gint64        now,
                               gint64       *out_version,
                               gint64       *out_current_version,
                               GError      **error)
{
  g_autoptr(SbSandboxProductRow) existing = NULL;
  sqlite3_stmt *stmt;
  gint64 seq;

  existing = sb_sandbox_db_get_product (self, api_key, offer_id, error);
  if (existing == NULL)
    return FALSE;
  if (if_match >= 0 && if_match != existing->version)
    return version_conflict (existing->version, out_current_version, error);
  if (g_strcmp0 (existing->status, "archived") == 0)
    {
      *out_version = existing->version;
      return TRUE;
    }
  if (!next_sequence (self, &seq, error))
    return FALSE;
  stmt = prepare (self, error,
                  "UPDATE products SET version = version + 1, status = 'archived', reasons = '[]',"
                  " review_due = NULL, updated_at = ?, updated_seq = ?"
                  " WHERE api_key = ? AND offer_id = ?;",
                  "iitt", now, seq, api_key, offer_id);
  if (stmt == NULL || !step_done (self, stmt, error))
    return FALSE;
  *out_version = existing->version + 1;
  return TRUE;
}

/**
 * sb_sandbox_db_list_products:
 *
 * Returns: (transfer full) (element-type SbSandboxProductRow): up to @limit
 *   products updated after position @after_seq, in update order
 */
GPtrArray *
sb_sandbox_db_list_products (SbSandboxDb  *self,
                             const char   *api_key,
                             gint64        after_seq,
                             guint         limit,
                             GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sandbox_product_row_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self, error,
                  "SELECT " PRODUCT_COLUMNS " FROM products WHERE api_key = ? AND updated_seq > ?"
                  " ORDER BY updated_seq LIMIT ?;",
                  "tii", api_key, after_seq, (gint64) limit);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, product_from_stmt (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * sb_sandbox_db_set_product_review:
 *
 * Records moderation's decision.  The version stays (moderation is not a
 * write by the seller) but the product moves to the end of the update
 * order so that pollers see the new status.
 */
gboolean
sb_sandbox_db_set_product_review (SbSandboxDb  *self,
                                  const char   *api_key,
                                  const char   *offer_id,
                                  const char   *status,
                                  const char   *reasons,
                                  gint64        now,
                                  GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 seq;

  if (!next_sequence (self, &seq, error))
    return FALSE;
  stmt = prepare (self, error,
                  "UPDATE products SET status = ?, reasons = ?, review_due = NULL, updated_at = ?,"
                  " updated_seq = ? WHERE api_key = ? AND offer_id = ? AND status = 'pending_review';",
                  "ttiitt", status, reasons, now, seq, api_key, offer_id);
  return stmt != NULL && step_done (self, stmt, error);
}

/**
 * sb_sandbox_db_find_image:
 * @sha256: (nullable): look up by content
 * @image_id: (nullable): or by id
 *
 * Returns: (transfer full) (nullable): the image when this seller uploaded
 *   it
 */
SbSandboxImageRow *
sb_sandbox_db_find_image (SbSandboxDb  *self,
                          const char   *api_key,
                          const char   *sha256,
                          const char   *image_id,
                          GError      **error)
{
  sqlite3_stmt *stmt;
  SbSandboxImageRow *row = NULL;
  int rc;

  if (sha256 != NULL)
    stmt = prepare (self, error,
                    "SELECT image_id, sha256, content_type, width, height, size FROM images"
                    " WHERE api_key = ? AND sha256 = ?;",
                    "tt", api_key, sha256);
  else
    stmt = prepare (self, error,
                    "SELECT image_id, sha256, content_type, width, height, size FROM images"
                    " WHERE api_key = ? AND image_id = ?;",
                    "tt", api_key, image_id);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row = g_new0 (SbSandboxImageRow, 1);
      row->image_id = column_dup (stmt, 0);
      row->sha256 = column_dup (stmt, 1);
      row->content_type = column_dup (stmt, 2);
      row->width = (guint) sqlite3_column_int64 (stmt, 3);
      row->height = (guint) sqlite3_column_int64 (stmt, 4);
      row->size = sqlite3_column_int64 (stmt, 5);
    }
  else if (rc != SQLITE_DONE)
    set_sql_error (self, error);
  sqlite3_finalize (stmt);
  return row;
}

/**
 * sb_sandbox_db_list_image_ids:
 *
 * Returns: (transfer full) (nullable): the set of image ids this seller
 *   uploaded, or %NULL on failure
 */
GHashTable *
sb_sandbox_db_list_image_ids (SbSandboxDb  *self,
                              const char   *api_key,
                              GError      **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self, error, "SELECT image_id FROM images WHERE api_key = ?;", "t", api_key);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (ids, column_dup (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gboolean
sb_sandbox_db_add_image (SbSandboxDb              *self,
                         const char               *api_key,
                         const SbSandboxImageRow  *row,
                         gint64                    now,
                         GError                  **error)
{
  sqlite3_stmt *stmt;

  stmt = prepare (self, error,
                  "INSERT INTO images (api_key, sha256, image_id, content_type, width, height, size,"
                  " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?);",
                  "ttttiiii", api_key, row->sha256, row->image_id, row->content_type,
                  (gint64) row->width, (gint64) row->height, row->size, now);
  return stmt != NULL && step_done (self, stmt, error);
}

/**
 * sb_sandbox_db_find_idempotency:
 *
 * Returns: %TRUE when a record exists (outputs set); %FALSE when not
 *   (without @error) or on failure
 */
gboolean
sb_sandbox_db_find_idempotency (SbSandboxDb  *self,
                                const char   *api_key,
                                const char   *idempotency_key,
                                char        **out_body_sha256,
                                guint        *out_status,
                                char        **out_response,
                                GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  stmt = prepare (self, error,
                  "SELECT body_sha256, status, response FROM idempotency"
                  " WHERE api_key = ? AND idempotency_key = ?;",
                  "tt", api_key, idempotency_key);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_body_sha256 = column_dup (stmt, 0);
      *out_status = (guint) sqlite3_column_int (stmt, 1);
      *out_response = column_dup (stmt, 2);
      found = TRUE;
    }
  else if (rc != SQLITE_DONE)
    set_sql_error (self, error);
  sqlite3_finalize (stmt);
  return found;
}

gboolean
sb_sandbox_db_add_idempotency (SbSandboxDb  *self,
                               const char   *api_key,
                               const char   *idempotency_key,
                               const char   *body_sha256,
                               guint         status,
                               const char   *response,
                               gint64        now,
                               GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = prepare (self, error,
                  "INSERT INTO idempotency (api_key, idempotency_key, body_sha256, status, response,"
                  " created_at) VALUES (?, ?, ?, ?, ?, ?);",
                  "tttiti", api_key, idempotency_key, body_sha256, (gint64) status, response, now);
  return stmt != NULL && step_done (self, stmt, error);
}

/**
 * sb_sandbox_db_get_seller:
 *
 * Returns: (transfer full) (nullable): the seller's profile, or %NULL when
 *   none was submitted (without @error) or on failure
 */
SbSandboxSellerRow *
sb_sandbox_db_get_seller (SbSandboxDb  *self,
                          const char   *api_key,
                          GError      **error)
{
  sqlite3_stmt *stmt;
  SbSandboxSellerRow *row = NULL;
  int rc;

  stmt = prepare (self, error,
                  "SELECT profile, status, reasons, updated_at FROM sellers WHERE api_key = ?;",
                  "t", api_key);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row = g_new0 (SbSandboxSellerRow, 1);
      row->profile = column_dup (stmt, 0);
      row->status = column_dup (stmt, 1);
      row->reasons = column_dup (stmt, 2);
      row->updated_at = sqlite3_column_int64 (stmt, 3);
    }
  else if (rc != SQLITE_DONE)
    set_sql_error (self, error);
  sqlite3_finalize (stmt);
  return row;
}

gboolean
sb_sandbox_db_put_seller (SbSandboxDb  *self,
                          const char   *api_key,
                          const char   *profile,
                          gint64        now,
                          gint64        review_due_us,
                          GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = prepare (self, error,
                  "INSERT INTO sellers (api_key, profile, status, reasons, review_due, updated_at)"
                  " VALUES (?, ?, 'submitted', '[]', ?, ?)"
                  " ON CONFLICT (api_key) DO UPDATE SET profile = excluded.profile,"
                  " status = 'submitted', reasons = '[]', review_due = excluded.review_due,"
                  " updated_at = excluded.updated_at;",
                  "ttii", api_key, profile, review_due_us, now);
  return stmt != NULL && step_done (self, stmt, error);
}

gboolean
sb_sandbox_db_set_seller_review (SbSandboxDb  *self,
                                 const char   *api_key,
                                 const char   *status,
                                 const char   *reasons,
                                 gint64        now,
                                 GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = prepare (self, error,
                  "UPDATE sellers SET status = ?, reasons = ?, review_due = NULL, updated_at = ?"
                  " WHERE api_key = ? AND status = 'submitted';",
                  "ttit", status, reasons, now, api_key);
  return stmt != NULL && step_done (self, stmt, error);
}

/**
 * sb_sandbox_db_list_due:
 *
 * Returns: (transfer full) (element-type SbSandboxDueItem): the sellers'
 *   profiles and products whose review is due at @now_us, oldest first
 */
GPtrArray *
sb_sandbox_db_list_due (SbSandboxDb  *self,
                        gint64        now_us,
                        GError      **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sandbox_due_item_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self, error,
                  "SELECT api_key, NULL, review_due FROM sellers"
                  " WHERE status = 'submitted' AND review_due <= ?"
                  " UNION ALL SELECT api_key, offer_id, review_due FROM products"
                  " WHERE status = 'pending_review' AND review_due <= ?"
                  " ORDER BY 3;",
                  "ii", now_us, now_us);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SbSandboxDueItem *item = g_new0 (SbSandboxDueItem, 1);

      item->api_key = column_dup (stmt, 0);
      item->offer_id = column_dup (stmt, 1);
      g_ptr_array_add (items, item);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&items);
}
