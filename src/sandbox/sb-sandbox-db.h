/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-db.h: the sandbox marketplace's own SQLite database — the
 * sellers' profiles, products with their version, moderation status,
 * reasons and update sequence, uploaded images by SHA-256, and the
 * idempotency records of batch writes.  It is in memory unless a file is
 * given.  Nothing secret is stored: rows are keyed by the access key id.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SB_SANDBOX_DB_ERROR (sb_sandbox_db_error_quark ())

typedef enum {
  SB_SANDBOX_DB_ERROR_OPEN,     /* the file could not be opened or migrated */
  SB_SANDBOX_DB_ERROR_SQL,      /* a statement failed */
  SB_SANDBOX_DB_ERROR_CONFLICT, /* If-Match did not name the current version */
} SbSandboxDbError;

GQuark sb_sandbox_db_error_quark (void);

/* One stored product as the server sees it. */
typedef struct {
  char   *offer_id;
  char   *body;         /* the product object as JSON text */
  gint64  version;
  char   *status;       /* pending_review, active, rejected, archived */
  char   *reasons;      /* JSON array of {"code","message"} */
  gint64  updated_at;   /* Unix seconds */
  gint64  updated_seq;  /* position in the update order */
} SbSandboxProductRow;

void sb_sandbox_product_row_free (SbSandboxProductRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSandboxProductRow, sb_sandbox_product_row_free)

typedef struct {
  char   *image_id;
  char   *sha256;
  char   *content_type;
  guint   width;
  guint   height;
  gint64  size;
} SbSandboxImageRow;

void sb_sandbox_image_row_free (SbSandboxImageRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSandboxImageRow, sb_sandbox_image_row_free)

typedef struct {
  char   *profile;      /* the profile object as JSON text, without status */
  char   *status;       /* submitted, approved, rejected */
  char   *reasons;      /* JSON array */
  gint64  updated_at;
} SbSandboxSellerRow;

void sb_sandbox_seller_row_free (SbSandboxSellerRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSandboxSellerRow, sb_sandbox_seller_row_free)

/* A row due for moderation: which seller, which product (NULL for the
 * seller's own profile). */
typedef struct {
  char *api_key;
  char *offer_id;
} SbSandboxDueItem;

void sb_sandbox_due_item_free (SbSandboxDueItem *item);

#define SB_TYPE_SANDBOX_DB (sb_sandbox_db_get_type ())
G_DECLARE_FINAL_TYPE (SbSandboxDb, sb_sandbox_db, SB, SANDBOX_DB, GObject)

SbSandboxDb         *sb_sandbox_db_new              (const char           *path,
                                                     GError              **error);
const char          *sb_sandbox_db_get_path         (SbSandboxDb          *self);

gboolean             sb_sandbox_db_begin            (SbSandboxDb          *self,
                                                     GError              **error);
gboolean             sb_sandbox_db_commit           (SbSandboxDb          *self,
                                                     GError              **error);
void                 sb_sandbox_db_rollback         (SbSandboxDb          *self);

/* Products */
SbSandboxProductRow *sb_sandbox_db_get_product      (SbSandboxDb          *self,
                                                     const char           *api_key,
                                                     const char           *offer_id,
                                                     GError              **error);
gboolean             sb_sandbox_db_put_product      (SbSandboxDb          *self,
                                                     const char           *api_key,
                                                     const char           *offer_id,
                                                     const char           *body,
                                                     gint64                if_match,
                                                     gint64                now,
                                                     gint64                review_due_us,
                                                     gint64               *out_version,
                                                     gboolean             *out_created,
                                                     gint64               *out_current_version,
                                                     GError              **error);
gboolean             sb_sandbox_db_archive_product  (SbSandboxDb          *self,
                                                     const char           *api_key,
                                                     const char           *offer_id,
                                                     gint64                if_match,
                                                     gint64                now,
                                                     gint64               *out_version,
                                                     gint64               *out_current_version,
                                                     GError              **error);
GPtrArray           *sb_sandbox_db_list_products    (SbSandboxDb          *self,
                                                     const char           *api_key,
                                                     gint64                after_seq,
                                                     guint                 limit,
                                                     GError              **error);
gboolean             sb_sandbox_db_set_product_review (SbSandboxDb        *self,
                                                     const char           *api_key,
                                                     const char           *offer_id,
                                                     const char           *status,
                                                     const char           *reasons,
                                                     gint64                now,
                                                     GError              **error);

/* Images */
SbSandboxImageRow   *sb_sandbox_db_find_image       (SbSandboxDb          *self,
                                                     const char           *api_key,
                                                     const char           *sha256,
                                                     const char           *image_id,
                                                     GError              **error);
GHashTable          *sb_sandbox_db_list_image_ids   (SbSandboxDb          *self,
                                                     const char           *api_key,
                                                     GError              **error);
gboolean             sb_sandbox_db_add_image        (SbSandboxDb          *self,
                                                     const char           *api_key,
                                                     const SbSandboxImageRow *row,
                                                     gint64                now,
                                                     GError              **error);

/* Idempotency records */
gboolean             sb_sandbox_db_find_idempotency (SbSandboxDb          *self,
                                                     const char           *api_key,
                                                     const char           *idempotency_key,
                                                     char                **out_body_sha256,
                                                     guint                *out_status,
                                                     char                **out_response,
                                                     GError              **error);
gboolean             sb_sandbox_db_add_idempotency  (SbSandboxDb          *self,
                                                     const char           *api_key,
                                                     const char           *idempotency_key,
                                                     const char           *body_sha256,
                                                     guint                 status,
                                                     const char           *response,
                                                     gint64                now,
                                                     GError              **error);

/* The seller */
SbSandboxSellerRow  *sb_sandbox_db_get_seller       (SbSandboxDb          *self,
                                                     const char           *api_key,
                                                     GError              **error);
gboolean             sb_sandbox_db_put_seller       (SbSandboxDb          *self,
                                                     const char           *api_key,
                                                     const char           *profile,
                                                     gint64                now,
                                                     gint64                review_due_us,
                                                     GError              **error);
gboolean             sb_sandbox_db_set_seller_review (SbSandboxDb         *self,
                                                     const char           *api_key,
                                                     const char           *status,
                                                     const char           *reasons,
                                                     gint64                now,
                                                     GError              **error);

/* Moderation */
GPtrArray           *sb_sandbox_db_list_due         (SbSandboxDb          *self,
                                                     gint64                now_us,
                                                     GError              **error);

G_END_DECLS
