/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-store.h: the local SQLite catalogue — the truth the app, the CLI, CSV
 * import/export and the sync engine all work on.  Every edit commits to the
 * database and, in the same transaction, queues an outbox operation; the
 * sync engine drains the outbox and records what the server confirmed, so a
 * crash at any instant loses nothing and duplicates nothing.
 *
 * Threading: an SbStore is a single SQLite connection and must be used from
 * one thread at a time.  Open a second SbStore on the same file for a
 * worker thread; the WAL journal lets readers run beside one writer.
 */
#pragma once

#include <gio/gio.h>

#include "sb-product.h"

G_BEGIN_DECLS

#define SB_STORE_ERROR (sb_store_error_quark ())

typedef enum {
  SB_STORE_ERROR_FAILED,         /* anything else; the message says what */
  SB_STORE_ERROR_NOT_FOUND,      /* no such product (or other row) */
  SB_STORE_ERROR_NEWER_VERSION,  /* saved by a newer Sellbridge */
  SB_STORE_ERROR_CORRUPT,        /* not a database, or damaged */
  SB_STORE_ERROR_FULL,           /* the disk is full */
  SB_STORE_ERROR_READ_ONLY,      /* file or folder not writable */
  SB_STORE_ERROR_BUSY,           /* locked by another program for too long */
  SB_STORE_ERROR_INVALID,        /* a caller passed a value the store refuses */
} SbStoreError;

GQuark sb_store_error_quark (void);

/* Sorting of the product list. Ties are always broken by offer id. */
typedef enum {
  SB_STORE_SORT_OFFER_ID,
  SB_STORE_SORT_TITLE,     /* by SbStoreQuery.lang, locale collation */
  SB_STORE_SORT_PRICE,     /* by currency, then lowest variant price */
  SB_STORE_SORT_STOCK,     /* total stock over all variants */
  SB_STORE_SORT_STATUS,    /* SbSyncState order */
  SB_STORE_SORT_UPDATED,   /* last local save */
} SbStoreSort;

/* What the product list shows: a boxed, copyable query. */
typedef struct {
  char        *search;         /* (nullable) substring of titles, offer id or skus */
  gboolean     filter_status;  /* only products whose sync state is @status */
  SbSyncState  status;
  SbStoreSort  sort;
  gboolean     descending;
  SbLang       lang;           /* title language for SB_STORE_SORT_TITLE */
} SbStoreQuery;

/* One row of the product list, read from denormalised columns. */
typedef struct {
  char        *offer_id;
  char        *title[SB_N_LANGS];  /* (nullable) each */
  guint        n_variants;
  /* Lowest and highest variant price in @currency, the currency of the
   * first variant; variants in other currencies are left out and
   * @mixed_currencies is set.  @currency is "" without variants. */
  gint64       min_price_minor;
  gint64       max_price_minor;
  char         currency[4];
  gboolean     mixed_currencies;
  gint64       total_stock;
  SbSyncState  sync_state;
  GPtrArray   *reasons;            /* (element-type SbReason) (owned) */
  char        *image_path;         /* (nullable) local path of the first image */
  GDateTime   *updated;            /* (owned) last local save, UTC */
} SbProductSummary;

/* Kinds of outbox operations. */
typedef enum {
  SB_OUTBOX_PUT_PRODUCT,
  SB_OUTBOX_DELETE_PRODUCT,
  SB_OUTBOX_PUT_SELLER,
} SbOutboxKind;

const char *sb_outbox_kind_to_string   (SbOutboxKind  kind);
gboolean    sb_outbox_kind_from_string (const char   *str,
                                        SbOutboxKind *out_kind);

/* A queued change waiting to reach the server. */
typedef struct {
  gint64        id;           /* order of the queue */
  SbOutboxKind  kind;
  char         *offer_id;     /* (nullable) NULL for put_seller */
  gint64        revision;     /* local revision of the product or seller */
  GDateTime    *created;      /* (owned) */
  guint         attempts;     /* times it was sent */
  char         *batch_key;    /* (nullable) Idempotency-Key of its batch */
  GDateTime    *sent_at;      /* (nullable) (owned) last time it was sent */
} SbOutboxOp;

/* A POST /v1/products/batch recorded before it is sent, so a retry after a
 * crash sends the very same key with the very same bytes. */
typedef struct {
  char       *key;            /* Idempotency-Key */
  GBytes     *body;           /* exact request body */
  GPtrArray  *offer_ids;      /* (element-type utf8) in body order */
  GArray     *revisions;      /* (element-type gint64) parallel to @offer_ids */
  GDateTime  *created;        /* (nullable) (owned) set by the store */
  guint       attempts;       /* set by the store */
} SbStoreBatch;

/* What the server said about one product write (PUT, batch result or a
 * DELETE) or one product in a pull page. */
typedef enum {
  SB_SYNC_OUTCOME_ACCEPTED,   /* @server_version and @status are set */
  SB_SYNC_OUTCOME_INVALID,    /* 422: field errors in @reasons (with paths) */
  SB_SYNC_OUTCOME_CONFLICT,   /* 409: @server_version is current_version;
                               * @conflict_json the server copy (nullable) */
} SbSyncOutcome;

typedef struct {
  char          *offer_id;
  gint64         revision;        /* local revision that was sent; ignored in pulls */
  SbSyncOutcome  outcome;
  gint64         server_version;
  SbSyncState    status;          /* PENDING_REVIEW, ACTIVE, REJECTED or ARCHIVED */
  GPtrArray     *reasons;         /* (element-type SbReason) (owned) */
  char          *conflict_json;   /* (nullable) */
} SbSyncResult;

#define SB_TYPE_STORE_QUERY     (sb_store_query_get_type ())
#define SB_TYPE_PRODUCT_SUMMARY (sb_product_summary_get_type ())
#define SB_TYPE_OUTBOX_OP       (sb_outbox_op_get_type ())
#define SB_TYPE_STORE_BATCH     (sb_store_batch_get_type ())
#define SB_TYPE_SYNC_RESULT     (sb_sync_result_get_type ())

GType             sb_store_query_get_type     (void) G_GNUC_CONST;
SbStoreQuery     *sb_store_query_new          (void);
SbStoreQuery     *sb_store_query_copy         (const SbStoreQuery *query);
void              sb_store_query_free         (SbStoreQuery       *query);
void              sb_store_query_set_search   (SbStoreQuery       *query,
                                               const char         *search);

GType             sb_product_summary_get_type (void) G_GNUC_CONST;
SbProductSummary *sb_product_summary_copy     (const SbProductSummary *summary);
void              sb_product_summary_free     (SbProductSummary       *summary);

GType             sb_outbox_op_get_type       (void) G_GNUC_CONST;
SbOutboxOp       *sb_outbox_op_copy           (const SbOutboxOp *op);
void              sb_outbox_op_free           (SbOutboxOp       *op);

GType             sb_store_batch_get_type     (void) G_GNUC_CONST;
SbStoreBatch     *sb_store_batch_new          (const char         *key,
                                               GBytes             *body);
void              sb_store_batch_add_item     (SbStoreBatch       *batch,
                                               const char         *offer_id,
                                               gint64              revision);
SbStoreBatch     *sb_store_batch_copy         (const SbStoreBatch *batch);
void              sb_store_batch_free         (SbStoreBatch       *batch);

GType             sb_sync_result_get_type     (void) G_GNUC_CONST;
SbSyncResult     *sb_sync_result_new          (const char         *offer_id);
SbSyncResult     *sb_sync_result_copy         (const SbSyncResult *result);
void              sb_sync_result_free         (SbSyncResult       *result);

#define SB_TYPE_STORE (sb_store_get_type ())

G_DECLARE_FINAL_TYPE (SbStore, sb_store, SB, STORE, GObject)

typedef gboolean (*SbStoreProductFunc) (SbProduct *product,
                                        gpointer   user_data);

/* Opening */
typedef enum {
  SB_STORE_OPEN_DEFAULT   = 0,
  SB_STORE_OPEN_READ_ONLY = 1 << 0,  /* never write; writes fail with READ_ONLY */
} SbStoreOpenFlags;

char       *sb_store_dup_default_path (void);
SbStore    *sb_store_open             (const char   *path,
                                       GError      **error);
SbStore    *sb_store_open_full        (const char        *path,
                                       SbStoreOpenFlags   flags,
                                       GError           **error);
gboolean    sb_store_is_read_only     (SbStore      *self);
gboolean    sb_store_check_integrity  (SbStore      *self,
                                       GError      **error);
gint64      sb_store_set_page_limit_for_testing (SbStore  *self,
                                                 gint64    max_pages,
                                                 GError  **error);
GStrv       sb_store_dup_unsynced_offer_ids (SbStore  *self,
                                             GError  **error);
const char *sb_store_get_path         (SbStore      *self);
void        sb_store_set_cancellable  (SbStore      *self,
                                       GCancellable *cancellable);
guint       sb_store_get_schema_version (void);
guint64     sb_store_get_generation   (SbStore      *self,
                                       GError      **error);

/* Products */
SbProduct  *sb_store_load_product     (SbStore          *self,
                                       const char       *offer_id,
                                       GError          **error);
gboolean    sb_store_has_product      (SbStore          *self,
                                       const char       *offer_id,
                                       GError          **error);
gboolean    sb_store_save_product     (SbStore          *self,
                                       const SbProduct  *product,
                                       GError          **error);
gboolean    sb_store_save_products    (SbStore          *self,
                                       GPtrArray        *products,
                                       GError          **error);
gboolean    sb_store_delete_product   (SbStore          *self,
                                       const char       *offer_id,
                                       GError          **error);
gboolean    sb_store_foreach_product  (SbStore             *self,
                                       SbStoreProductFunc   func,
                                       gpointer             user_data,
                                       GError             **error);
char       *sb_store_find_offer_id_by_sku (SbStore     *self,
                                           const char  *sku,
                                           GError     **error);

/* The product list */
gint64      sb_store_count_products   (SbStore             *self,
                                       const SbStoreQuery  *query,
                                       GError             **error);
GPtrArray  *sb_store_list_products    (SbStore             *self,
                                       const SbStoreQuery  *query,
                                       guint                offset,
                                       guint                limit,
                                       GError             **error);
char       *sb_store_dup_query_plan   (SbStore             *self,
                                       const SbStoreQuery  *query,
                                       GError             **error);

/* Settings (onboarding progress and the like) */
char       *sb_store_get_setting      (SbStore     *self,
                                       const char  *key,
                                       GError     **error);
gboolean    sb_store_set_setting      (SbStore     *self,
                                       const char  *key,
                                       const char  *value,
                                       GError     **error);

/* The seller profile */
char       *sb_store_load_seller_json (SbStore     *self,
                                       GError     **error);
gboolean    sb_store_save_seller_json (SbStore     *self,
                                       const char  *json,
                                       GError     **error);
char       *sb_store_dup_seller_status (SbStore     *self,
                                        GPtrArray  **out_reasons,
                                        GError     **error);
gboolean    sb_store_set_seller_status (SbStore     *self,
                                        const char  *status,
                                        GPtrArray   *reasons,
                                        GError     **error);

/* Cached reference data ("currencies", "categories:ko", "carriers:KR") */
gboolean    sb_store_get_reference    (SbStore     *self,
                                       const char  *kind,
                                       GBytes     **out_body,
                                       char       **out_etag,
                                       GDateTime  **out_fetched,
                                       GError     **error);
gboolean    sb_store_put_reference    (SbStore     *self,
                                       const char  *kind,
                                       GBytes      *body,
                                       const char  *etag,
                                       GDateTime   *fetched,
                                       GError     **error);

/* Sync bookkeeping, for the sync engine.
 *
 * Every product and the seller carry a local revision, bumped by each save,
 * and the revision the server last confirmed; a row is dirty while they
 * differ and only a confirmation of the current revision makes it clean.
 * Saving queues one outbox op per offer id (a newer save replaces an op
 * that was not sent yet).  The engine:
 *  1. resends sb_store_dup_unfinished_batch() first, if any, byte for byte;
 *  2. takes sb_store_list_pending_ops() in order; for put_product ops it
 *     builds a batch body from sb_store_load_product(), calls
 *     sb_store_record_batch() with the exact bytes and the (offer id,
 *     revision) pairs BEFORE sending, sb_store_note_batch_sent() on each
 *     attempt, and sb_store_finish_batch() with one SbSyncResult per
 *     product when the answer came (all in one transaction);
 *     delete_product and put_seller ops go one by one:
 *     sb_store_note_op_sent(), then sb_store_finish_op();
 *  3. on a transient failure (network, 429, 5xx) records nothing: the op
 *     or batch stays and is sent again later;
 *  4. pulls status pages and stores each with sb_store_apply_pull_page(),
 *     which also advances the cursor in the same transaction; a row with
 *     unconfirmed local edits keeps the server version they were based on
 *     (the next If-Match), and a newer server version of it makes it a
 *     conflict whose server copy the engine fetches
 *     (sb_store_list_conflicts_without_copy(), sb_store_set_conflict_copy()).
 * Image ids learnt while syncing are written in place with
 * sb_store_set_image_ids(), without a new revision or op.
 * Results for an older revision than the current one update the server
 * version but leave the row dirty and queued.  An INVALID result marks the
 * product rejected with the field errors and drops the op (unchanged data
 * would fail again); a CONFLICT keeps the server copy for the seller to
 * choose: sb_store_keep_local_version() or sb_store_save_server_product(). */
GPtrArray    *sb_store_list_pending_ops (SbStore     *self,
                                         guint        limit,
                                         GError     **error);
gboolean      sb_store_note_op_sent     (SbStore     *self,
                                         gint64       op_id,
                                         GError     **error);
gboolean      sb_store_finish_op        (SbStore            *self,
                                         gint64              op_id,
                                         const SbSyncResult *result,
                                         GError            **error);
gboolean      sb_store_record_batch     (SbStore            *self,
                                         const SbStoreBatch *batch,
                                         GError            **error);
SbStoreBatch *sb_store_dup_unfinished_batch (SbStore   *self,
                                             GError   **error);
gboolean      sb_store_note_batch_sent  (SbStore     *self,
                                         const char  *key,
                                         GError     **error);
gboolean      sb_store_finish_batch     (SbStore     *self,
                                         const char  *key,
                                         GPtrArray   *results,
                                         GError     **error);
gboolean      sb_store_apply_pull_page  (SbStore     *self,
                                         GPtrArray   *updates,
                                         const char  *next_cursor,
                                         GError     **error);
char         *sb_store_dup_pull_cursor  (SbStore     *self,
                                         GError     **error);
gboolean      sb_store_save_server_product (SbStore          *self,
                                            const SbProduct  *product,
                                            GError          **error);
gboolean      sb_store_keep_local_version  (SbStore     *self,
                                            const char  *offer_id,
                                            GError     **error);
char         *sb_store_dup_conflict_json   (SbStore     *self,
                                            const char  *offer_id,
                                            GError     **error);
GPtrArray    *sb_store_list_conflicts_without_copy (SbStore     *self,
                                                    GError     **error);
gboolean      sb_store_set_conflict_copy   (SbStore     *self,
                                            const char  *offer_id,
                                            gint64       version,
                                            const char  *json,
                                            GError     **error);
gboolean      sb_store_collect_image_ids   (SbStore     *self,
                                            GHashTable  *image_ids,
                                            GError     **error);
gboolean      sb_store_set_image_ids       (SbStore     *self,
                                            GPtrArray   *products,
                                            GError     **error);
gboolean      sb_store_count_by_state   (SbStore     *self,
                                         gint64       counts[SB_SYNC_ARCHIVED + 1],
                                         GError     **error);
gint64        sb_store_count_dirty      (SbStore     *self,
                                         GError     **error);
GDateTime    *sb_store_dup_last_sync    (SbStore     *self,
                                         GError     **error);
gboolean      sb_store_set_last_sync    (SbStore     *self,
                                         GDateTime   *when,
                                         GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbStoreQuery, sb_store_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbProductSummary, sb_product_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbOutboxOp, sb_outbox_op_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbStoreBatch, sb_store_batch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSyncResult, sb_sync_result_free)

G_END_DECLS
