/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sync.h: the sync engine.  One run pushes what the outbox holds — the
 * seller profile, new images (content-addressed, each uploaded once), new
 * products in batches of at most 100 under an Idempotency-Key recorded
 * before sending, changed products one PUT each with If-Match, deletions —
 * then pulls moderation statuses from the stored cursor.  Transient
 * failures (429, 5xx, network) are retried with exponential backoff and
 * jitter, honouring Retry-After, up to a cap; 422 attaches field errors to
 * the product and goes on; 409 keeps both versions for the seller; 401
 * stops and asks for credentials.  Progress (done / total) and the state
 * are properties, for the UI.  The steps, their callbacks and the
 * notifications run on the caller's main context and the network is
 * asynchronous; the store work that grows with the catalogue runs on a
 * worker thread with the run's own connection to the catalogue file (an
 * in-memory store is used in place, on the caller's thread).  A pull that
 * sees a server change to a product with unsent local edits makes it a
 * conflict; a PUT's If-Match is always the version the edit was based on.
 */
#pragma once

#include <gio/gio.h>

#include "sb-api-client.h"
#include "sb-backoff.h"
#include "sb-store.h"

G_BEGIN_DECLS

typedef enum {
  SB_SYNC_ENGINE_IDLE,               /* not started */
  SB_SYNC_ENGINE_RUNNING,            /* talking to the marketplace */
  SB_SYNC_ENGINE_WAITING,            /* waiting before a retry */
  SB_SYNC_ENGINE_DONE,               /* the run finished */
  SB_SYNC_ENGINE_FAILED,             /* the run stopped on an error */
  SB_SYNC_ENGINE_NEEDS_CREDENTIALS,  /* 401: ask the seller for the API key */
} SbSyncEngineState;

#define SB_SYNC_ERROR (sb_sync_error_quark ())
GQuark sb_sync_error_quark (void);

typedef enum {
  SB_SYNC_ERROR_BUSY,  /* another run over the same catalogue file is going on */
} SbSyncError;

#define SB_TYPE_SYNC_ENGINE_STATE (sb_sync_engine_state_get_type ())
GType sb_sync_engine_state_get_type (void) G_GNUC_CONST;

/* What one run did. */
typedef struct {
  guint      accepted;         /* product writes and deletions the server confirmed */
  guint      rejected;         /* products refused with field errors (422 and the like) */
  guint      conflicts;        /* products changed on both sides (409) */
  guint      images_uploaded;
  guint      images_reused;    /* same bytes already had an image id */
  guint      pulled;           /* status updates pulled */
  guint      retries;          /* requests retried after transient failures */
  gboolean   seller_pushed;
  char      *seller_status;    /* (nullable) as the server last said */
  gint64     pending;          /* products still not confirmed after the run */
  GPtrArray *notes;            /* (element-type utf8) one line per rejection or conflict */
} SbSyncSummary;

#define SB_TYPE_SYNC_SUMMARY (sb_sync_summary_get_type ())
GType          sb_sync_summary_get_type (void) G_GNUC_CONST;
SbSyncSummary *sb_sync_summary_new      (void);
SbSyncSummary *sb_sync_summary_copy     (const SbSyncSummary *summary);
void           sb_sync_summary_free     (SbSyncSummary       *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSyncSummary, sb_sync_summary_free)

#define SB_SYNC_BATCH_MAX 100
#define SB_SYNC_PULL_LIMIT 500
/* The contract's image limit; bigger files are refused before reading. */
#define SB_SYNC_MAX_IMAGE_BYTES (5 * 1024 * 1024)

#define SB_TYPE_SYNC (sb_sync_get_type ())

G_DECLARE_FINAL_TYPE (SbSync, sb_sync, SB, SYNC, GObject)

SbSync            *sb_sync_new          (SbStore          *store,
                                         SbApiClient      *client);
SbStore           *sb_sync_get_store    (SbSync           *self);
SbApiClient       *sb_sync_get_client   (SbSync           *self);
SbSyncEngineState  sb_sync_get_state    (SbSync           *self);
const GError      *sb_sync_get_wait_error (SbSync         *self);
guint              sb_sync_get_done     (SbSync           *self);
guint              sb_sync_get_total    (SbSync           *self);
void               sb_sync_set_backoff  (SbSync           *self,
                                         const SbBackoff  *backoff);
void               sb_sync_set_seed     (SbSync           *self,
                                         guint32           seed);

void               sb_sync_run_async    (SbSync              *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
SbSyncSummary     *sb_sync_run_finish   (SbSync              *self,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
