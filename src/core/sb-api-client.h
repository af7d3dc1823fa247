/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-api-client.h: the Seller API client (marketplace-api-v1.md).  One
 * SbApiClient holds one SoupSession, the base URL and the signing key, and
 * offers one GAsyncResult call per endpoint.  Every request is signed, has
 * a total deadline and a cap on the size of its answer, refuses redirects
 * to another host, corrects the clock once on 401 clock_skew, and turns
 * every failure into an SB_API_ERROR (see sb-api-error.h).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sb-api-error.h"
#include "sb-api-types.h"

G_BEGIN_DECLS

#define SB_API_CLIENT_DEFAULT_TIMEOUT_MS    60000
#define SB_API_CLIENT_DEFAULT_MAX_RESPONSE  (16 * 1024 * 1024)
#define SB_API_CLIENT_DEFAULT_RATE_LIMIT    10

#define SB_TYPE_API_CLIENT (sb_api_client_get_type ())

G_DECLARE_FINAL_TYPE (SbApiClient, sb_api_client, SB, API_CLIENT, GObject)

SbApiClient *sb_api_client_new                   (const char   *base_url,
                                                  const char   *key_id,
                                                  const char   *secret,
                                                  GError      **error);
const char  *sb_api_client_get_base_url          (SbApiClient  *self);
const char  *sb_api_client_get_key_id            (SbApiClient  *self);
guint        sb_api_client_get_timeout           (SbApiClient  *self);
void         sb_api_client_set_timeout           (SbApiClient  *self,
                                                  guint         timeout_ms);
gsize        sb_api_client_get_max_response_size (SbApiClient  *self);
void         sb_api_client_set_max_response_size (SbApiClient  *self,
                                                  gsize         max_bytes);
gint64       sb_api_client_get_clock_offset      (SbApiClient  *self);
void         sb_api_client_set_clock_offset      (SbApiClient  *self,
                                                  gint64        offset_s);
guint        sb_api_client_get_rate_limit        (SbApiClient  *self);
void         sb_api_client_set_rate_limit        (SbApiClient  *self,
                                                  guint         per_second);

char        *sb_api_sign                         (const char   *secret,
                                                  const char   *method,
                                                  const char   *path_and_query,
                                                  const char   *timestamp,
                                                  GBytes       *body);

/* Reference data; @etag is the ETag of the copy the caller has, or NULL. */
void            sb_api_client_get_currencies_async  (SbApiClient         *self,
                                                     const char          *etag,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
SbApiReference *sb_api_client_get_currencies_finish (SbApiClient         *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void            sb_api_client_get_categories_async  (SbApiClient         *self,
                                                     const char          *lang,
                                                     const char          *etag,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
SbApiReference *sb_api_client_get_categories_finish (SbApiClient         *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void            sb_api_client_get_carriers_async    (SbApiClient         *self,
                                                     const char          *origin,
                                                     const char          *etag,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
SbApiReference *sb_api_client_get_carriers_finish   (SbApiClient         *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* The seller profile, as a JSON object node. */
void          sb_api_client_get_seller_async  (SbApiClient         *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
JsonNode     *sb_api_client_get_seller_finish (SbApiClient         *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void          sb_api_client_put_seller_async  (SbApiClient         *self,
                                               JsonNode            *profile,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
JsonNode     *sb_api_client_put_seller_finish (SbApiClient         *self,
                                               GAsyncResult        *result,
                                               GError             **error);

void          sb_api_client_upload_image_async  (SbApiClient         *self,
                                                 GBytes              *bytes,
                                                 const char          *content_type,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
SbApiImage   *sb_api_client_upload_image_finish (SbApiClient         *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* @if_match_version: 0 for no If-Match. */
void              sb_api_client_put_product_async     (SbApiClient         *self,
                                                       const char          *offer_id,
                                                       JsonNode            *product,
                                                       gint64               if_match_version,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
SbApiWriteResult *sb_api_client_put_product_finish    (SbApiClient         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void              sb_api_client_batch_products_async  (SbApiClient         *self,
                                                       const char          *idempotency_key,
                                                       GBytes              *body,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray        *sb_api_client_batch_products_finish (SbApiClient         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void              sb_api_client_delete_product_async  (SbApiClient         *self,
                                                       const char          *offer_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
SbApiWriteResult *sb_api_client_delete_product_finish (SbApiClient         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void              sb_api_client_list_products_async   (SbApiClient         *self,
                                                       const char          *cursor,
                                                       guint                limit,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
SbApiStatusPage  *sb_api_client_list_products_finish  (SbApiClient         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void              sb_api_client_get_product_async     (SbApiClient         *self,
                                                       const char          *offer_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
JsonNode         *sb_api_client_get_product_finish    (SbApiClient         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
