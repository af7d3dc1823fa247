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

SbStore         *sb_store_open_or_recover   (const char        *path,
                                             SbStoreRecovery  **out_recovery,
                                             GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbStoreRecovery, sb_store_recovery_free)

G_END_DECLS
