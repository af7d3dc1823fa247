/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-credentials.h: where the seller's API key lives.  The key id and the
 * secret key are kept in the Secret Service through libsecret (schema
 * io.github.sellbridge.Sellbridge.ApiKey, attributes "endpoint" and
 * "key-id", the secret being the secret key) — never in SQLite, GSettings,
 * logs or command lines.  Scripts and tests may instead set
 * SELLBRIDGE_API_KEY and SELLBRIDGE_API_SECRET in the environment; when
 * both are set they win over the keyring.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SB_CREDENTIALS_SCHEMA_NAME "io.github.sellbridge.Sellbridge.ApiKey"

#define SB_CREDENTIALS_ERROR (sb_credentials_error_quark ())

typedef enum {
  SB_CREDENTIALS_ERROR_UNAVAILABLE,  /* no Secret Service, or it failed */
  SB_CREDENTIALS_ERROR_INVALID,      /* an empty key id or secret */
} SbCredentialsError;

typedef struct {
  char *endpoint;  /* (nullable) the base URL the key belongs to */
  char *key_id;
  char *secret;    /* wiped when freed */
} SbCredentials;

#define SB_TYPE_CREDENTIALS (sb_credentials_get_type ())

GQuark         sb_credentials_error_quark (void);
GType          sb_credentials_get_type    (void) G_GNUC_CONST;
SbCredentials *sb_credentials_new         (const char           *endpoint,
                                           const char           *key_id,
                                           const char           *secret);
SbCredentials *sb_credentials_copy        (const SbCredentials  *credentials);
void           sb_credentials_free        (SbCredentials        *credentials);

SbCredentials *sb_credentials_from_environment (void);

void           sb_credentials_lookup_async  (const char           *endpoint,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
SbCredentials *sb_credentials_lookup_finish (GAsyncResult         *result,
                                             GError              **error);
void           sb_credentials_store_async   (const SbCredentials  *credentials,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean       sb_credentials_store_finish  (GAsyncResult         *result,
                                             GError              **error);
void           sb_credentials_clear_async   (const char           *endpoint,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean       sb_credentials_clear_finish  (GAsyncResult         *result,
                                             GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCredentials, sb_credentials_free)

G_END_DECLS
