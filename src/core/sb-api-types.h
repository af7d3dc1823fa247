/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-api-types.h: the small typed results of Seller API calls — a
 * reference-data answer (or "not modified"), an uploaded image, the answer
 * to a product write, one result of a batch and a page of product
 * statuses.  Bodies that another module parses (seller profile, full
 * product, reference data) stay JsonNodes.  All are boxed records.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sb-product.h"

G_BEGIN_DECLS

/* A reference-data answer: either 304 (not_modified, root NULL) or 200. */
typedef struct {
  gboolean  not_modified;
  char     *etag;       /* (nullable) the ETag to send next time */
  JsonNode *root;       /* (nullable) the body, an object, when modified */
} SbApiReference;

typedef struct {
  char  *image_id;      /* "img_…" */
  guint  width;
  guint  height;
  char  *sha256;        /* lowercase hex, as the server computed it */
  gboolean created;     /* 201 (new) rather than 200 (already known) */
} SbApiImage;

/* The answer to PUT or DELETE of a product. */
typedef struct {
  char        *offer_id;
  gint64       version;
  SbSyncState  status;  /* pending_review, active, rejected or archived */
  gboolean     created; /* 201 rather than 200 */
} SbApiWriteResult;

/* One element of a batch answer, in the order of the request. */
typedef struct {
  char        *offer_id;
  gboolean     ok;
  gint64       version;         /* when ok */
  SbSyncState  status;          /* when ok */
  char        *error_code;      /* (nullable) when not ok */
  char        *error_message;   /* (nullable) when not ok */
  gint64       current_version; /* -1 unless a version_conflict says it */
  GPtrArray   *fields;          /* (element-type SbReason) (owned) */
} SbApiBatchItem;

typedef struct {
  char        *offer_id;
  gint64       version;
  SbSyncState  status;
  GPtrArray   *reasons;         /* (element-type SbReason) (owned) */
  char        *updated_at;      /* (nullable) RFC 3339 as the server wrote it */
} SbApiProductStatus;

typedef struct {
  GPtrArray *items;             /* (element-type SbApiProductStatus) (owned) */
  char      *next_cursor;       /* (nullable) */
} SbApiStatusPage;

#define SB_TYPE_API_REFERENCE      (sb_api_reference_get_type ())
#define SB_TYPE_API_IMAGE          (sb_api_image_get_type ())
#define SB_TYPE_API_WRITE_RESULT   (sb_api_write_result_get_type ())
#define SB_TYPE_API_BATCH_ITEM     (sb_api_batch_item_get_type ())
#define SB_TYPE_API_PRODUCT_STATUS (sb_api_product_status_get_type ())
#define SB_TYPE_API_STATUS_PAGE    (sb_api_status_page_get_type ())

GType               sb_api_reference_get_type      (void) G_GNUC_CONST;
SbApiReference     *sb_api_reference_copy          (const SbApiReference *reference);
void                sb_api_reference_free          (SbApiReference *reference);

GType               sb_api_image_get_type          (void) G_GNUC_CONST;
SbApiImage         *sb_api_image_copy              (const SbApiImage *image);
void                sb_api_image_free              (SbApiImage *image);

GType               sb_api_write_result_get_type   (void) G_GNUC_CONST;
SbApiWriteResult   *sb_api_write_result_copy       (const SbApiWriteResult *result);
void                sb_api_write_result_free       (SbApiWriteResult *result);

GType               sb_api_batch_item_get_type     (void) G_GNUC_CONST;
SbApiBatchItem     *sb_api_batch_item_new          (void);
SbApiBatchItem     *sb_api_batch_item_copy         (const SbApiBatchItem *item);
void                sb_api_batch_item_free         (SbApiBatchItem *item);

GType               sb_api_product_status_get_type (void) G_GNUC_CONST;
SbApiProductStatus *sb_api_product_status_new      (void);
SbApiProductStatus *sb_api_product_status_copy     (const SbApiProductStatus *status);
void                sb_api_product_status_free     (SbApiProductStatus *status);

GType               sb_api_status_page_get_type    (void) G_GNUC_CONST;
SbApiStatusPage    *sb_api_status_page_new         (void);
SbApiStatusPage    *sb_api_status_page_copy        (const SbApiStatusPage *page);
void                sb_api_status_page_free        (SbApiStatusPage *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbApiReference, sb_api_reference_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbApiImage, sb_api_image_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbApiWriteResult, sb_api_write_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbApiBatchItem, sb_api_batch_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbApiProductStatus, sb_api_product_status_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbApiStatusPage, sb_api_status_page_free)

G_END_DECLS
