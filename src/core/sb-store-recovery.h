/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-store-recovery.h: opening the catalogue the way the app and the CLI
 * do at start-up — a damaged file is checked, its unsynced work exported
 * where it can still be read, and moved aside as .corrupt before a new
 * catalogue is started; a file Sellbridge may not write is opened
 * read-only; and the seller is told what happened in one message.
 */
#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

/* What sb_store_open_or_recover() had to do. */
typedef struct {
  gboolean  read_only;           /* opened read-only: the file or folder is not writable */
  char     *moved_to;            /* (nullable) where the damaged file went */
  char     *products_csv;        /* (nullable) CSV of the unsynced products read from it */
  char     *seller_json;         /* (nullable) the unsynced seller profile read from it */
  guint     n_exported;          /* products in @products_csv */
  guint     n_unreadable;        /* unsynced products that could not be read */
  char     *message;             /* translated: what to tell the seller */
} SbStoreRecovery;

#define SB_TYPE_STORE_RECOVERY (sb_store_recovery_get_type ())

GType            sb_store_recovery_get_type (void) G_GNUC_CONST;
SbStoreRecovery *sb_store_recovery_copy     (const SbStoreRecovery *recovery);
void             sb_store_recovery_free     (SbStoreRecovery       *recovery);

/* How sb_store_open_or_recover_full() checks the file. */
typedef enum {
  SB_STORE_RECOVER_DEFAULT     = 0,
  /* Skip the whole-file check (O(size): 1.3 s at 100,000 products) unless
   * a background check of an earlier run asked for it; the caller runs
   * sb_store_check_file_async() once it is up instead. */
  SB_STORE_RECOVER_DEFER_CHECK = 1 << 0,
} SbStoreRecoverFlags;

SbStore         *sb_store_open_or_recover   (const char        *path,
                                             SbStoreRecovery  **out_recovery,
                                             GError           **error);
SbStore         *sb_store_open_or_recover_full (const char          *path,
                                                SbStoreRecoverFlags  flags,
                                                SbStoreRecovery    **out_recovery,
                                                GError             **error);
void             sb_store_check_file_async  (const char          *path,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean         sb_store_check_file_finish (GAsyncResult        *result,
                                             GError             **error);
char            *sb_store_dup_check_request_path (const char *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbStoreRecovery, sb_store_recovery_free)

G_END_DECLS
