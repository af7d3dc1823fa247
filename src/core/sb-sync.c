/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sync.c: the sync engine, a chain of asynchronous steps on the
 * caller's main context.  Each step reads what it needs from the store,
 * sends one request and, in its callback, writes the answer back in one
 * short transaction before going on:
 *
 *   categories in en, ko, ru (If-None-Match) → unfinished batches (resent byte for byte)
 *   → seller → images → products (batches of new products, PUT with
 *   If-Match for changed ones, DELETE) → pull statuses → server copies of
 *   the conflicts the pull found → summary
 *
 * The store work that grows with the catalogue — listing the outbox,
 * loading products and building each batch, applying a batch's results or
 * a status page, looking image ids up — runs as a job on a worker thread
 * with the run's own connection to the catalogue file (run_job()), one job
 * at a time, so the caller's main loop stays free during a big sync.  A
 * job ends before the request it prepared is sent, so the order of steps
 * and the crash-consistency rules below are those of a single thread.
 *
 * The store's outbox is the truth: an op leaves it only when the server
 * gave a definite answer, and a batch's Idempotency-Key and exact body are
 * recorded before the first send, so killing the process at any instant
 * loses nothing and applies nothing twice.  A transient failure schedules
 * the same step again after a backoff delay; an item-level refusal (422,
 * 409, 400, 413) is written to that product and the run goes on; anything
 * else (401, a redirect, cancellation, a store error) stops the run.
 *
 * Only one run at a time may work on a catalogue, or two runs would take
 * the same outbox ops.  A run first takes the catalogue's sync lock and
 * fails at once with SB_SYNC_ERROR_BUSY when it cannot: within the
 * process a table of the store paths being synced (an in-memory store is
 * keyed by its object), across processes flock() on "<db>.sync-lock"
 * beside the database.  flock() was chosen over a lock row in SQLite
 * because the kernel drops it when the holder's descriptor closes, also
 * when the process is killed with SIGKILL, so a crashed holder never
 * blocks later runs and there is no heartbeat or stale pid to judge.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "sb-category.h"
#include "sb-product-json.h"
#include "sb-sync.h"

struct _SbSync
{
  GObject            parent_instance;

  SbStore           *store;    /* (owned) (not nullable) */
  SbApiClient       *client;   /* (owned) (not nullable) */
  SbBackoff          backoff;
  GRand             *rand;     /* (owned) jitter */
  SbSyncEngineState  state;
  guint              done;
  guint              total;
  GTask             *task;     /* (owned) (nullable) the run in progress */
  char              *lock_key; /* (owned) (nullable) held in running_stores during a run */
  int                lock_fd;  /* flock()ed "<db>.sync-lock" during a run, or -1 */
  GError            *wait_error; /* (owned) (nullable) why the run waits, while WAITING */
};

G_DEFINE_FINAL_TYPE (SbSync, sb_sync, G_TYPE_OBJECT)
G_DEFINE_ENUM_TYPE (SbSyncEngineState, sb_sync_engine_state,
  G_DEFINE_ENUM_VALUE (SB_SYNC_ENGINE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (SB_SYNC_ENGINE_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (SB_SYNC_ENGINE_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (SB_SYNC_ENGINE_DONE, "done"),
  G_DEFINE_ENUM_VALUE (SB_SYNC_ENGINE_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (SB_SYNC_ENGINE_NEEDS_CREDENTIALS, "needs-credentials"))
G_DEFINE_QUARK (sb-sync-error-quark, sb_sync_error)
G_DEFINE_BOXED_TYPE (SbSyncSummary, sb_sync_summary, sb_sync_summary_copy, sb_sync_summary_free)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CLIENT,
  PROP_STATE,
  PROP_DONE,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef void (*StepFunc) (SbSync *self);

#define SB_SYNC_MAX_PAGES 1000

/* Products whose new image ids are saved in one transaction. */
#define IMAGE_SAVE_GROUP 100

/* What the products job prepared for the main thread to send. */
typedef enum {
  SEND_NOTHING,   /* no op left: pull statuses */
  SEND_BATCH,     /* run->batch, recorded and noted sent */
  SEND_PUT,       /* run->op, run->product, run->body, noted sent */
  SEND_DELETE,    /* run->op, noted sent */
  SEND_CONFLICT,  /* run->op of a product in conflict: fetch the server copy, send nothing */
} SendKind;

/* The data of one run, kept on its GTask. */
typedef struct {
  GCancellable   *cancellable;    /* (owned) (nullable) */
  SbSyncSummary  *summary;        /* (owned) */
  guint           attempt;        /* retries of the current request */
  StepFunc        retry_step;
  GSource        *wait_source;    /* (owned) (nullable) */
  GSource        *cancel_source;  /* (owned) (nullable) */
  SbCategoryTree *categories;     /* (owned) (nullable) */
  SbLang          categories_lang; /* the language being fetched */
  GHashTable     *image_ids;      /* (owned) sha256 → image id */
  GHashTable     *path_shas;      /* (owned) local path → sha256, files read in this run */
  gboolean        image_ids_loaded;

  char           *work_path;      /* (owned) (nullable) the catalogue file jobs open; %NULL: in memory */
  SbStore        *work_store;     /* (owned) (nullable) the jobs' own connection to it */
  guint           job_total;      /* work a job found, added to the progress on the main thread */

  GPtrArray      *ops;            /* (owned) (element-type SbOutboxOp) */
  guint           op_index;
  gboolean        images_done;
  SendKind        send;
  SbOutboxOp     *op;             /* (borrowed from @ops) the op in hand */
  gboolean        finish_pending; /* the op in hand was answered: the next job finishes it */
  gint64          finish_op_id;
  SbSyncResult   *finish_result;  /* (owned) (nullable) what the server answered */
  SbProduct      *product;        /* (owned) (nullable) its product */
  JsonNode       *body;           /* (owned) (nullable) the body being sent */
  guint           image_index;
  gboolean        product_changed;
  GPtrArray      *image_saves;    /* (owned) (element-type SbProduct) with new image ids, not saved yet */
  GBytes         *image_bytes;    /* (owned) (nullable) */
  char           *image_sha;      /* (owned) (nullable) */
  const char     *image_type;

  GPtrArray      *batch_ops;      /* (owned) (element-type SbOutboxOp) waiting to be batched */
  GPtrArray      *batch_nodes;    /* (owned) (element-type JsonNode) their bodies */
  SbStoreBatch   *batch;          /* (owned) (nullable) the batch being sent */
  StepFunc        after_batch;
  GPtrArray      *results;        /* (owned) (nullable) (element-type SbSyncResult) the batch's answer */
  char           *cursor;         /* (owned) (nullable) */
  GPtrArray      *updates;        /* (owned) (nullable) (element-type SbSyncResult) a status page */
  char           *next_cursor;    /* (owned) (nullable) its next cursor */
  gboolean        pull_more;      /* another page follows */
  guint           pages;          /* status pages pulled in this run */
  GPtrArray      *conflict_ids;   /* (owned) (nullable) (element-type utf8) conflicts without a server copy */
  guint           conflict_index;
  gboolean        seller_tried;
} Run;

static void step_unfinished_batch (SbSync *self);
static void step_seller           (SbSync *self);
static void step_images_begin     (SbSync *self);
static void step_images_next_op   (SbSync *self);
static void step_image            (SbSync *self);
static void step_image_upload     (SbSync *self);
static void step_products_begin   (SbSync *self);
static void step_products_next    (SbSync *self);
static void step_send_batch       (SbSync *self);
static void step_put              (SbSync *self);
static void step_fetch_conflict   (SbSync *self);
static void step_delete           (SbSync *self);
static void step_pull             (SbSync *self);
static void step_pull_conflicts   (SbSync *self);
static void step_seller_status    (SbSync *self);
static gboolean store_seller_status (SbSync    *self,
                                     JsonNode  *answer,
                                     GError   **error);
static void step_finish           (SbSync *self);

static void
run_free (Run *run)
{
  if (run->wait_source != NULL)
    {
      g_source_destroy (run->wait_source);
      g_source_unref (run->wait_source);
    }
  if (run->cancel_source != NULL)
    {
      g_source_destroy (run->cancel_source);
      g_source_unref (run->cancel_source);
    }
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->summary, sb_sync_summary_free);
  g_clear_object (&run->categories);
  g_clear_pointer (&run->image_ids, g_hash_table_unref);
  g_clear_pointer (&run->path_shas, g_hash_table_unref);
  g_clear_pointer (&run->ops, g_ptr_array_unref);
  g_clear_pointer (&run->product, sb_product_free);
  g_clear_pointer (&run->image_saves, g_ptr_array_unref);
  g_clear_pointer (&run->body, json_node_unref);
  g_clear_pointer (&run->image_bytes, g_bytes_unref);
  g_free (run->image_sha);
  g_clear_pointer (&run->batch_ops, g_ptr_array_unref);
  g_clear_pointer (&run->batch_nodes, g_ptr_array_unref);
  g_clear_pointer (&run->batch, sb_store_batch_free);
  g_clear_pointer (&run->results, g_ptr_array_unref);
  g_clear_pointer (&run->finish_result, sb_sync_result_free);
  g_clear_pointer (&run->updates, g_ptr_array_unref);
  g_clear_pointer (&run->conflict_ids, g_ptr_array_unref);
  g_free (run->cursor);
  g_free (run->next_cursor);
  g_free (run->work_path);
  g_clear_object (&run->work_store);
  g_free (run);
}

static Run *
get_run (SbSync *self)
{
  return g_task_get_task_data (self->task);
}

/* ---- summary ---- */

SbSyncSummary *
sb_sync_summary_new (void)
{
  SbSyncSummary *summary = g_new0 (SbSyncSummary, 1);

  summary->notes = g_ptr_array_new_with_free_func (g_free);
  return summary;
}

SbSyncSummary *
sb_sync_summary_copy (const SbSyncSummary *summary)
{
  SbSyncSummary *copy = g_memdup2 (summary, sizeof *summary);

  copy->seller_status = g_strdup (summary->seller_status);
  copy->notes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < summary->notes->len; i++)
    g_ptr_array_add (copy->notes, g_strdup (g_ptr_array_index (summary->notes, i)));
  return copy;
}

void
sb_sync_summary_free (SbSyncSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->seller_status);
  g_clear_pointer (&summary->notes, g_ptr_array_unref);
  g_free (summary);
}

/* ---- state and progress ---- */

static void
set_state (SbSync            *self,
           SbSyncEngineState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_progress (SbSync *self,
              guint   done,
              guint   total)
{
  total = MAX (total, done);
  g_object_freeze_notify (G_OBJECT (self));
  if (self->done != done)
    {
      self->done = done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
    }
  if (self->total != total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
add_done (SbSync *self,
          guint   n)
{
  set_progress (self, self->done + n, self->total);
}

static void
add_total (SbSync *self,
           guint   n)
{
  set_progress (self, self->done, self->total + n);
}

/* ---- the sync lock ---- */

/* (element-type utf8) the stores of this process with a run going on */
static GHashTable *running_stores;
G_LOCK_DEFINE_STATIC (running_stores);

static gboolean
is_file_store (const char *path)
{
  return path != NULL && path[0] != '\0' && !g_str_equal (path, ":memory:") &&
         !g_str_has_prefix (path, "file:");
}

static void
set_busy_error (GError **error)
{
  g_set_error_literal (error, SB_SYNC_ERROR, SB_SYNC_ERROR_BUSY,
                       /* Translators: a second sync was asked for while one runs. */
                       _("Another sync of this catalogue is running. Wait for it to finish, then sync again."));
}

/* Takes the catalogue's sync lock for the run about to start. */
static gboolean
acquire_run_lock (SbSync  *self,
                  GError **error)
{
  const char *path = sb_store_get_path (self->store);
  g_autofree char *key = NULL;
  int fd = -1;

  g_assert (self->lock_key == NULL && self->lock_fd == -1);
  if (is_file_store (path))
    key = g_canonicalize_filename (path, NULL);
  else
    key = g_strdup_printf ("memory:%p", (void *) self->store);

  G_LOCK (running_stores);
  if (running_stores == NULL)
    running_stores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_contains (running_stores, key))
    {
      G_UNLOCK (running_stores);
      set_busy_error (error);
      return FALSE;
    }
  if (is_file_store (path))
    {
      g_autofree char *lock_path = g_strconcat (key, ".sync-lock", NULL);

      fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved_errno = errno;

          G_UNLOCK (running_stores);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       /* Translators: %s is a file name, then the system's reason. */
                       _("Could not open the sync lock file %s: %s. Check that the catalogue's folder is writable."),
                       lock_path, g_strerror (saved_errno));
          return FALSE;
        }
      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          int saved_errno = errno;

          close (fd);
          G_UNLOCK (running_stores);
          if (saved_errno == EWOULDBLOCK || saved_errno == EINTR)
            set_busy_error (error);
          else
            g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                         _("Could not lock the sync lock file %s: %s. Check that the catalogue's folder is writable."),
                         lock_path, g_strerror (saved_errno));
          return FALSE;
        }
    }
  g_hash_table_add (running_stores, g_strdup (key));
  G_UNLOCK (running_stores);
  self->lock_key = g_steal_pointer (&key);
  self->lock_fd = fd;
  return TRUE;
}

static void
release_run_lock (SbSync *self)
{
  if (self->lock_key == NULL)
    return;
  G_LOCK (running_stores);
  g_hash_table_remove (running_stores, self->lock_key);
  G_UNLOCK (running_stores);
  g_clear_pointer (&self->lock_key, g_free);
  if (self->lock_fd >= 0)
    {
      /* Closing drops the flock(); the file stays, empty, for the next run. */
      close (self->lock_fd);
      self->lock_fd = -1;
    }
}

/* ---- ending a run ---- */

static void
run_fail (SbSync *self,
          GError *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  g_debug ("sync stopped: %s (request id %s)", error->message,
           sb_api_error_get_request_id (error) != NULL ? sb_api_error_get_request_id (error) : "none");
  release_run_lock (self);
  set_state (self, sb_api_error_is_auth (error) ? SB_SYNC_ENGINE_NEEDS_CREDENTIALS : SB_SYNC_ENGINE_FAILED);
  g_task_return_error (task, error);
}

/* ---- retries ---- */

static gboolean
wait_over_cb (gpointer user_data)
{
  SbSync *self = user_data;
  Run *run = get_run (self);
  StepFunc step = run->retry_step;

  g_source_destroy (run->wait_source);
  g_clear_pointer (&run->wait_source, g_source_unref);
  if (run->cancel_source != NULL)
    {
      g_source_destroy (run->cancel_source);
      g_clear_pointer (&run->cancel_source, g_source_unref);
    }
  g_clear_error (&self->wait_error);
  set_state (self, SB_SYNC_ENGINE_RUNNING);
  /* After a cancellation the step's request fails at once and stops the run. */
  step (self);
  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  return wait_over_cb (user_data);
}

typedef enum {
  HANDLED,     /* the error was consumed: a retry is scheduled or the run stopped */
  ITEM_ERROR,  /* a definite refusal of this item: the caller records it */
} ErrorHandling;

/* Sorts an error of a request made by @step: transient failures are
 * retried after a backoff delay (until the cap on attempts), 401 and
 * transport-level refusals stop the run, and the rest is the item's. */
static ErrorHandling
handle_error (SbSync   *self,
              GError  **error,
              StepFunc  step)
{
  Run *run = get_run (self);
  guint delay;

  if ((*error)->domain == SB_API_ERROR && sb_api_error_is_retryable (*error))
    {
      if (run->attempt >= self->backoff.max_attempts)
        {
          run_fail (self, g_steal_pointer (error));
          return HANDLED;
        }
      delay = sb_backoff_get_delay_ms (&self->backoff, run->attempt,
                                       sb_api_error_get_retry_after (*error), self->rand);
      g_debug ("retry %u in %u ms after: %s (request id %s)", run->attempt + 1, delay,
               (*error)->message,
               sb_api_error_get_request_id (*error) != NULL ? sb_api_error_get_request_id (*error) : "none");
      g_clear_error (&self->wait_error);
      self->wait_error = g_steal_pointer (error);
      run->attempt++;
      run->summary->retries++;
      run->retry_step = step;
      run->wait_source = g_timeout_source_new (delay);
      g_source_set_callback (run->wait_source, wait_over_cb, self, NULL);
      g_source_set_static_name (run->wait_source, "[sellbridge] sync backoff");
      g_source_attach (run->wait_source, g_main_context_get_thread_default ());
      if (run->cancellable != NULL)
        {
          run->cancel_source = g_cancellable_source_new (run->cancellable);
          g_source_set_callback (run->cancel_source, G_SOURCE_FUNC (wait_cancelled_cb), self, NULL);
          g_source_attach (run->cancel_source, g_main_context_get_thread_default ());
        }
      set_state (self, SB_SYNC_ENGINE_WAITING);
      return HANDLED;
    }

  if ((*error)->domain == SB_API_ERROR)
    {
      switch ((SbApiErrorCode) (*error)->code)
        {
        case SB_API_ERROR_MALFORMED_JSON:
        case SB_API_ERROR_BAD_REQUEST:
        case SB_API_ERROR_NOT_FOUND:
        case SB_API_ERROR_VERSION_CONFLICT:
        case SB_API_ERROR_TOO_LARGE:
        case SB_API_ERROR_VALIDATION_FAILED:
        case SB_API_ERROR_IDEMPOTENCY_KEY_REUSED:
          run->attempt = 0;
          return ITEM_ERROR;
        case SB_API_ERROR_BAD_SIGNATURE:
        case SB_API_ERROR_UNKNOWN_KEY:
        case SB_API_ERROR_CLOCK_SKEW:
        case SB_API_ERROR_RATE_LIMITED:
        case SB_API_ERROR_SERVER:
        case SB_API_ERROR_NETWORK:
        case SB_API_ERROR_TIMEOUT:
        case SB_API_ERROR_TOO_LARGE_RESPONSE:
        case SB_API_ERROR_BAD_RESPONSE:
        case SB_API_ERROR_INSECURE:
        case SB_API_ERROR_REDIRECT:
        default:
          break;
        }
    }
  run_fail (self, g_steal_pointer (error));
  return HANDLED;
}

/* A request succeeded: the next one starts with a fresh backoff. */
static void
request_ok (SbSync *self)
{
  get_run (self)->attempt = 0;
}

/* ---- store work on a worker thread ---- */

/* A job reads and writes @store only (never the SbSync, its properties or
 * the main context) and the fields of @run its step names; the main thread
 * leaves the run alone until the job is done. */
typedef gboolean (*JobFunc) (Run      *run,
                             SbStore  *store,
                             GError  **error);

typedef struct {
  Run      *run;
  JobFunc   func;
  StepFunc  then;
} Job;

/* Writes the answer of the single op finished last, then does @func. */
static gboolean
job_run (Run      *run,
         SbStore  *store,
         JobFunc   func,
         GError  **error)
{
  if (run->finish_pending)
    {
      g_autoptr(SbSyncResult) result = g_steal_pointer (&run->finish_result);

      run->finish_pending = FALSE;
      if (!sb_store_finish_op (store, run->finish_op_id, result, error))
        return FALSE;
    }
  return func (run, store, error);
}

static void
job_thread_cb (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  /* The connection is opened by the first job and kept for the run. */
  if (job->run->work_store == NULL)
    job->run->work_store = sb_store_open (job->run->work_path, &error);
  if (job->run->work_store == NULL || !job_run (job->run, job->run->work_store, job->func, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SbSync *self = SB_SYNC (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  StepFunc then = job->then;
  GError *error = NULL;

  /* A job is never interrupted (its writes are whole transactions); a
   * cancellation during it stops the run right after. */
  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      g_cancellable_set_error_if_cancelled (job->run->cancellable, &error))
    {
      run_fail (self, error);
      return;
    }
  then (self);
}

/* Runs @func on a worker thread with the run's own store connection, then
 * @then on the main context.  An in-memory catalogue (tests) cannot be
 * opened twice: there @func runs at once on this thread with the store. */
static void
run_job (SbSync   *self,
         JobFunc   func,
         StepFunc  then)
{
  Run *run = get_run (self);
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (run->work_path == NULL)
    {
      GError *error = NULL;

      if (!job_run (run, self->store, func, &error))
        {
          run_fail (self, error);
          return;
        }
      then (self);
      return;
    }
  job = g_new0 (Job, 1);
  job->run = run;
  job->func = func;
  job->then = then;
  task = g_task_new (self, NULL, job_done_cb, NULL);
  g_task_set_source_tag (task, run_job);
  g_task_set_name (task, "[sellbridge] sync store work");
  g_task_set_task_data (task, job, g_free);
  g_task_run_in_thread (task, job_thread_cb);
}

static gboolean
list_ops_job (Run      *run,
              SbStore  *store,
              GError  **error)
{
  g_clear_pointer (&run->ops, g_ptr_array_unref);
  run->ops = sb_store_list_pending_ops (store, 0, error);
  run->op_index = 0;
  return run->ops != NULL;
}

/* ---- the end of a run ---- */

static gboolean
finish_job (Run      *run,
            SbStore  *store,
            GError  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GError *local_error = NULL;

  run->summary->pending = sb_store_count_dirty (store, error);
  if (run->summary->pending < 0)
    return FALSE;
  g_free (run->summary->seller_status);
  run->summary->seller_status = sb_store_dup_seller_status (store, NULL, &local_error);
  /* No profile saved locally yet is not a failure of the sync. */
  if (local_error != NULL && !g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  g_clear_error (&local_error);
  return sb_store_set_last_sync (store, now, error);
}

static void
run_finished (SbSync *self)
{
  Run *run = get_run (self);
  g_autoptr(GTask) task = NULL;
  SbSyncSummary *summary;

  summary = g_steal_pointer (&run->summary);
  task = g_steal_pointer (&self->task);
  release_run_lock (self);
  set_progress (self, self->total, self->total);
  set_state (self, SB_SYNC_ENGINE_DONE);
  g_task_return_pointer (task, summary, (GDestroyNotify) sb_sync_summary_free);
}

static void
step_finish (SbSync *self)
{
  run_job (self, finish_job, run_finished);
}

/* The reasons to attach to an item the server refused with @error. */
static GPtrArray *
reasons_for_error (const GError *error)
{
  GPtrArray *reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  GPtrArray *fields = sb_api_error_get_fields (error);
  const char *code = sb_api_error_get_server_code (error);
  const char *message = sb_api_error_get_server_message (error);

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    g_ptr_array_add (reasons, sb_reason_copy (g_ptr_array_index (fields, i)));
  if (reasons->len == 0)
    g_ptr_array_add (reasons, sb_reason_new (code != NULL ? code : "error", NULL,
                                             message != NULL ? message : error->message));
  return reasons;
}

static void
note_reasons (SbSync     *self,
              const char *subject,
              GPtrArray  *reasons)
{
  Run *run = get_run (self);

  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      const SbReason *reason = g_ptr_array_index (reasons, i);

      g_ptr_array_add (run->summary->notes,
                       g_strdup_printf ("%s: %s%s%s%s%s", subject,
                                        reason->path != NULL ? reason->path : "",
                                        reason->path != NULL ? ": " : "",
                                        reason->code != NULL ? reason->code : "",
                                        reason->message != NULL ? " — " : "",
                                        reason->message != NULL ? reason->message : ""));
    }
}

/* The results the engine writes, one per product, for a single op and a
 * batch alike; each counts itself in the summary. */
static SbSyncResult *
accepted_result (SbSync      *self,
                 const char  *offer_id,
                 gint64       revision,
                 gint64       server_version,
                 SbSyncState  status)
{
  SbSyncResult *result = sb_sync_result_new (offer_id);

  result->revision = revision;
  result->outcome = SB_SYNC_OUTCOME_ACCEPTED;
  result->server_version = server_version;
  result->status = status;
  get_run (self)->summary->accepted++;
  return result;
}

static SbSyncResult *
invalid_result (SbSync     *self,
                const char *offer_id,
                gint64      revision,
                GPtrArray  *reasons)
{
  SbSyncResult *result = sb_sync_result_new (offer_id);

  result->revision = revision;
  result->outcome = SB_SYNC_OUTCOME_INVALID;
  for (guint i = 0; i < reasons->len; i++)
    g_ptr_array_add (result->reasons, sb_reason_copy (g_ptr_array_index (reasons, i)));
  note_reasons (self, offer_id, reasons);
  get_run (self)->summary->rejected++;
  return result;
}

static SbSyncResult *
conflict_result (SbSync     *self,
                 const char *offer_id,
                 gint64      revision,
                 gint64      server_version)
{
  SbSyncResult *result = sb_sync_result_new (offer_id);

  result->revision = revision;
  result->outcome = SB_SYNC_OUTCOME_CONFLICT;
  result->server_version = MAX (server_version, 0);
  get_run (self)->summary->conflicts++;
  g_ptr_array_add (get_run (self)->summary->notes, g_strdup_printf ("%s: version_conflict", offer_id));
  return result;
}

/* The single op in hand got a definite answer, @outcome (nullable for a
 * DELETE): it is counted done now, and written (sb_store_finish_op(),
 * dropping the op) by the job that @next starts, on the worker, before
 * that job's own work.  Nothing is sent in between, so a crash there only
 * sends the op again. */
static void
finish_op_then (SbSync       *self,
                SbSyncResult *outcome,
                StepFunc      next)
{
  Run *run = get_run (self);

  g_assert (!run->finish_pending);
  run->finish_pending = TRUE;
  run->finish_op_id = run->op->id;
  run->finish_result = outcome;
  add_done (self, 1);
  next (self);
}

/* ---- categories, in every language the API offers ---- */

/* GET /v1/reference/categories?lang=… once per language, each with the
 * ETag of its own cached copy ("categories:en", "categories:ko",
 * "categories:ru") as If-None-Match: English first, the names the
 * marketplace validates against, then Korean and Russian for the product
 * editor's chooser.  A 304 keeps the cached copy; an answer that is not a
 * category tree is not cached.  Auth failures and cancellation stop the
 * run; a transient failure retries that language after the backoff delay;
 * any other refusal (say, a language the server does not offer) leaves
 * that language's cache as it was and goes on.  Afterwards the English
 * tree types the number attributes of the products sent. */

static void step_categories (SbSync *self);

static void
categories_done (SbSync *self)
{
  Run *run = get_run (self);
  g_autoptr(GBytes) cached = NULL;
  GError *error = NULL;

  if (!sb_store_get_reference (self->store, "categories:en", &cached, NULL, NULL, &error))
    g_clear_error (&error);
  if (cached != NULL)
    {
      gsize size = 0;
      const char *data = g_bytes_get_data (cached, &size);

      run->categories = sb_category_tree_new_from_data (data, (gssize) size, &error);
      if (run->categories == NULL)
        {
          g_debug ("cached categories unusable: %s", error->message);
          g_clear_error (&error);
        }
    }
  step_unfinished_batch (self);
}

static void
categories_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SbSync *self = user_data;
  Run *run = get_run (self);
  g_autoptr(SbApiReference) reference = NULL;
  g_autofree char *kind = g_strdup_printf ("categories:%s", sb_lang_to_code (run->categories_lang));
  GError *error = NULL;

  reference = sb_api_client_get_categories_finish (self->client, result, &error);
  if (reference == NULL)
    {
      if (error->domain != SB_API_ERROR || sb_api_error_is_auth (error) ||
          sb_api_error_is_retryable (error))
        {
          /* Auth and cancellation stop the run; transient failures retry. */
          if (handle_error (self, &error, step_categories) == HANDLED)
            return;
        }
      g_debug ("%s not updated: %s (request id %s)", kind, error->message,
               sb_api_error_get_request_id (error) != NULL ? sb_api_error_get_request_id (error) : "none");
      g_clear_error (&error);
    }
  else
    {
      g_autoptr(SbCategoryTree) tree = NULL;

      request_ok (self);
      if (!reference->not_modified && reference->root != NULL)
        tree = sb_category_tree_new_from_json (reference->root, &error);
      if (tree == NULL && error != NULL)
        {
          g_debug ("%s not cached: %s", kind, error->message);
          g_clear_error (&error);
        }
      if (tree != NULL)
        {
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
          gsize length = 0;
          char *data;
          g_autoptr(GBytes) body = NULL;

          json_generator_set_root (generator, reference->root);
          data = json_generator_to_data (generator, &length);
          body = g_bytes_new_take (data, length);
          if (!sb_store_put_reference (self->store, kind, body, reference->etag, now, &error))
            {
              run_fail (self, error);
              return;
            }
        }
    }

  run->categories_lang++;
  if (run->categories_lang < SB_N_LANGS)
    step_categories (self);
  else
    categories_done (self);
}

static void
step_categories (SbSync *self)
{
  Run *run = get_run (self);
  g_autofree char *kind = g_strdup_printf ("categories:%s", sb_lang_to_code (run->categories_lang));
  g_autofree char *etag = NULL;
  GError *error = NULL;

  if (!sb_store_get_reference (self->store, kind, NULL, &etag, NULL, &error))
    g_clear_error (&error);
  sb_api_client_get_categories_async (self->client, sb_lang_to_code (run->categories_lang), etag,
                                      run->cancellable, categories_cb, self);
}

/* ---- batches ---- */

/* Applies run->results to run->batch and forgets the batch. */
static gboolean
finish_batch_job (Run      *run,
                  SbStore  *store,
                  GError  **error)
{
  return sb_store_finish_batch (store, run->batch->key, run->results, error);
}

static void
batch_finished (SbSync *self)
{
  Run *run = get_run (self);
  StepFunc next = run->after_batch;

  g_clear_pointer (&run->results, g_ptr_array_unref);
  g_clear_pointer (&run->batch, sb_store_batch_free);
  next (self);
}

/* The result of one product the server answered for in a batch. */
static SbSyncResult *
result_for_item (SbSync               *self,
                 const SbApiBatchItem *item)
{
  g_autoptr(GPtrArray) reasons = NULL;

  /* revision 0: the store takes the one recorded in the batch. */
  if (item->ok)
    return accepted_result (self, item->offer_id, 0, item->version, item->status);
  if (g_strcmp0 (item->error_code, "version_conflict") == 0)
    return conflict_result (self, item->offer_id, 0, item->current_version);
  reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  for (guint j = 0; j < item->fields->len; j++)
    g_ptr_array_add (reasons, sb_reason_copy (g_ptr_array_index (item->fields, j)));
  if (reasons->len == 0)
    g_ptr_array_add (reasons, sb_reason_new (item->error_code, NULL, item->error_message));
  return invalid_result (self, item->offer_id, 0, reasons);
}

/* The results of a batch refused as a whole (400, 413 or 422
 * idempotency_key_reused): every product is invalid for that reason. */
static GPtrArray *
results_for_refusal (SbSync *self,
                     GError *refusal)
{
  Run *run = get_run (self);
  g_autoptr(GPtrArray) reasons = reasons_for_error (refusal);
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sync_result_free);

  for (guint i = 0; i < run->batch->offer_ids->len; i++)
    g_ptr_array_add (results, invalid_result (self, g_ptr_array_index (run->batch->offer_ids, i),
                                              g_array_index (run->batch->revisions, gint64, i),
                                              reasons));
  return results;
}

static void
batch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SbSync *self = user_data;
  Run *run = get_run (self);
  g_autoptr(GPtrArray) items = NULL;
  GError *error = NULL;

  items = sb_api_client_batch_products_finish (self->client, result, &error);
  if (items == NULL)
    {
      if (handle_error (self, &error, step_send_batch) == HANDLED)
        return;
      run->results = results_for_refusal (self, error);
      g_clear_error (&error);
    }
  else
    {
      request_ok (self);
      run->results = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sync_result_free);
      for (guint i = 0; i < items->len; i++)
        g_ptr_array_add (run->results, result_for_item (self, g_ptr_array_index (items, i)));
    }
  add_done (self, run->batch->offer_ids->len);
  run_job (self, finish_batch_job, batch_finished);
}

static void
send_batch (SbSync *self)
{
  Run *run = get_run (self);

  sb_api_client_batch_products_async (self->client, run->batch->key, run->batch->body,
                                      run->cancellable, batch_cb, self);
}

/* Sends run->batch again (a retry, or a batch left by an earlier run). */
static void
step_send_batch (SbSync *self)
{
  Run *run = get_run (self);
  GError *error = NULL;

  if (!sb_store_note_batch_sent (self->store, run->batch->key, &error))
    {
      run_fail (self, error);
      return;
    }
  send_batch (self);
}

/* Batches recorded by an earlier run that never got an answer (a crash, a
 * kill, a lost connection) go first, with the same key and bytes. */
static gboolean
unfinished_batch_job (Run      *run,
                      SbStore  *store,
                      GError  **error)
{
  GError *local_error = NULL;

  run->batch = sb_store_dup_unfinished_batch (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  /* Counted as sent here, off the main thread. */
  return run->batch == NULL || sb_store_note_batch_sent (store, run->batch->key, error);
}

static void
unfinished_batch_read (SbSync *self)
{
  Run *run = get_run (self);

  if (run->batch == NULL)
    {
      step_seller (self);
      return;
    }
  add_total (self, run->batch->offer_ids->len);
  run->after_batch = step_unfinished_batch;
  send_batch (self);
}

static void
step_unfinished_batch (SbSync *self)
{
  run_job (self, unfinished_batch_job, unfinished_batch_read);
}

/* Records the batch of new products collected so far and counts its first
 * send (on the products job's thread): the key and the exact bytes are
 * saved before the request goes out. */
static gboolean
record_batch (Run      *run,
              SbStore  *store,
              GError  **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *key = g_uuid_string_random ();
  gsize length = 0;
  char *data;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "products");
  json_builder_begin_array (builder);
  for (guint i = 0; i < run->batch_nodes->len; i++)
    json_builder_add_value (builder, json_node_ref (g_ptr_array_index (run->batch_nodes, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  body = g_bytes_new_take (data, length);

  run->batch = sb_store_batch_new (key, body);
  for (guint i = 0; i < run->batch_ops->len; i++)
    {
      const SbOutboxOp *op = g_ptr_array_index (run->batch_ops, i);

      sb_store_batch_add_item (run->batch, op->offer_id, op->revision);
    }
  g_ptr_array_set_size (run->batch_ops, 0);
  g_ptr_array_set_size (run->batch_nodes, 0);
  run->send = SEND_BATCH;
  return sb_store_record_batch (store, run->batch, error) &&
         sb_store_note_batch_sent (store, run->batch->key, error);
}

/* ---- the seller ---- */

static void
seller_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SbSync *self = user_data;
  Run *run = get_run (self);
  g_autoptr(JsonNode) answer = NULL;
  GError *error = NULL;

  answer = sb_api_client_put_seller_finish (self->client, result, &error);
  if (answer == NULL)
    {
      g_autoptr(GPtrArray) reasons = NULL;
      g_autofree char *status = NULL;

      if (handle_error (self, &error, step_seller) == HANDLED)
        return;
      /* Refused: the profile stays dirty and its op stays queued; the
       * field errors are shown with the seller's status. */
      reasons = reasons_for_error (error);
      note_reasons (self, _("Seller profile"), reasons);
      g_clear_error (&error);
      status = sb_store_dup_seller_status (self->store, NULL, &error);
      if (error == NULL)
        sb_store_set_seller_status (self->store, status, reasons, &error);
      if (error != NULL)
        {
          run_fail (self, error);
          return;
        }
      add_done (self, 1);
      step_seller (self);
      return;
    }

  request_ok (self);
  if (!sb_store_finish_op (self->store, run->op->id, NULL, &error) ||
      !store_seller_status (self, answer, &error))
    {
      run_fail (self, error);
      return;
    }
  run->summary->seller_pushed = TRUE;
  add_done (self, 1);
  step_seller (self);
}

static void
seller_ops_listed (SbSync *self)
{
  Run *run = get_run (self);
  g_autofree char *json = NULL;
  GError *error = NULL;

  for (guint i = 0; i < run->ops->len && run->op == NULL; i++)
    {
      SbOutboxOp *op = g_ptr_array_index (run->ops, i);

      if (op->kind == SB_OUTBOX_PUT_SELLER)
        run->op = op;
    }
  if (run->op == NULL)
    {
      step_images_begin (self);
      return;
    }

  run->seller_tried = TRUE;
  json = sb_store_load_seller_json (self->store, &error);
  if (error != NULL)
    {
      run_fail (self, error);
      return;
    }
  g_clear_pointer (&run->body, json_node_unref);
  run->body = json != NULL ? json_from_string (json, NULL) : NULL;
  if (run->body == NULL || !JSON_NODE_HOLDS_OBJECT (run->body))
    {
      /* Nothing sendable was saved: drop the op rather than loop on it. */
      if (!sb_store_finish_op (self->store, run->op->id, NULL, &error))
        {
          run_fail (self, error);
          return;
        }
      step_images_begin (self);
      return;
    }
  /* status and reasons are the server's; never sent back. */
  json_object_remove_member (json_node_get_object (run->body), "status");
  json_object_remove_member (json_node_get_object (run->body), "reasons");
  if (!sb_store_note_op_sent (self->store, run->op->id, &error))
    {
      run_fail (self, error);
      return;
    }
  sb_api_client_put_seller_async (self->client, run->body, run->cancellable, seller_cb, self);
}

static void
step_seller (SbSync *self)
{
  Run *run = get_run (self);

  g_clear_pointer (&run->ops, g_ptr_array_unref);
  run->op = NULL;
  if (run->seller_tried)
    {
      step_images_begin (self);
      return;
    }
  run_job (self, list_ops_job, seller_ops_listed);
}

/* ---- images: content-addressed, each distinct file uploaded once ---- */

static const char *
sniff_image_type (GBytes *bytes)
{
  gsize size = 0;
  const guchar *data = g_bytes_get_data (bytes, &size);

  if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";
  return NULL;
}

/* Sets @image's id when its file was read earlier in this run and its
 * bytes have an id: many products share a picture (a size chart, a brand
 * banner), which is then not read again. */
static gboolean
resolve_known_image (Run     *run,
                     SbImage *image)
{
  const char *sha = image->local_path != NULL ? g_hash_table_lookup (run->path_shas, image->local_path) : NULL;
  const char *known = sha != NULL ? g_hash_table_lookup (run->image_ids, sha) : NULL;

  if (known == NULL)
    return FALSE;
  g_free (image->sha256);
  image->sha256 = g_strdup (sha);
  g_free (image->remote_id);
  image->remote_id = g_strdup (known);
  run->summary->images_reused++;
  return TRUE;
}

/* Writes the image ids learnt since the last call in place, in one
 * transaction (sb_store_set_image_ids()): no product is rewritten and no
 * op requeued.  Losing unsaved ids (a crash) only means looking them up
 * again by content next time. */
static gboolean
save_image_ids (Run      *run,
                SbStore  *store,
                GError  **error)
{
  gboolean ok;

  if (run->image_saves == NULL || run->image_saves->len == 0)
    return TRUE;
  ok = sb_store_set_image_ids (store, run->image_saves, error);
  g_ptr_array_set_size (run->image_saves, 0);
  return ok;
}

static void
keep_image_ids (Run       *run,
                SbProduct *product)
{
  if (run->image_saves == NULL)
    run->image_saves = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  g_ptr_array_add (run->image_saves, product);
}

/* On the worker: walks the queued products from run->op_index, gives each
 * image whose file was read in this run its id, saves the ids
 * IMAGE_SAVE_GROUP products at a time, and stops at the first image that
 * needs its file read (or is refused): run->product, run->op and
 * run->image_index are then that image's, for the main thread.  Sets
 * run->images_done when every product was seen.  The ids of images
 * uploaded before are read once per run, only when some file is needed. */
static gboolean
images_scan_job (Run      *run,
                 SbStore  *store,
                 GError  **error)
{
  if (run->ops == NULL)
    {
      if (!list_ops_job (run, store, error))
        return FALSE;
      run->job_total += run->ops->len;
    }
  if (run->product != NULL && run->product_changed)
    keep_image_ids (run, g_steal_pointer (&run->product));
  g_clear_pointer (&run->product, sb_product_free);
  run->product_changed = FALSE;

  while (run->op_index < run->ops->len)
    {
      SbOutboxOp *op = g_ptr_array_index (run->ops, run->op_index++);
      g_autoptr(SbProduct) product = NULL;
      GError *local_error = NULL;
      gboolean changed = FALSE;

      if (op->kind != SB_OUTBOX_PUT_PRODUCT)
        continue;
      product = sb_store_load_product (store, op->offer_id, &local_error);
      if (product == NULL)
        {
          if (!g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          g_clear_error (&local_error);
          continue;
        }
      for (guint i = 0; i < product->images->len; i++)
        {
          SbImage *image = g_ptr_array_index (product->images, i);

          if (image->remote_id != NULL)
            continue;
          if (resolve_known_image (run, image))
            {
              changed = TRUE;
              continue;
            }
          if (!run->image_ids_loaded)
            {
              run->image_ids_loaded = TRUE;
              if (!sb_store_collect_image_ids (store, run->image_ids, error))
                return FALSE;
            }
          run->op = op;
          run->image_index = i;
          run->product_changed = changed;
          run->product = g_steal_pointer (&product);
          return TRUE;
        }
      if (changed)
        {
          keep_image_ids (run, g_steal_pointer (&product));
          if (run->image_saves->len >= IMAGE_SAVE_GROUP && !save_image_ids (run, store, error))
            return FALSE;
        }
    }
  run->images_done = TRUE;
  return save_image_ids (run, store, error);
}

static void
images_scanned (SbSync *self)
{
  Run *run = get_run (self);

  add_total (self, run->job_total);
  run->job_total = 0;
  if (run->images_done)
    {
      step_products_begin (self);
      return;
    }
  step_image (self);
}

static void
step_images_begin (SbSync *self)
{
  Run *run = get_run (self);

  g_clear_pointer (&run->ops, g_ptr_array_unref);
  run->images_done = FALSE;
  step_images_next_op (self);
}

/* Fails the product in hand because of image @index, and moves on. */
static void
image_refused (SbSync     *self,
               guint       index,
               const char *code,
               const char *message)
{
  Run *run = get_run (self);
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  g_autofree char *path = g_strdup_printf ("images[%u]", index);

  g_ptr_array_add (reasons, sb_reason_new (code, path, message));
  get_run (self)->product_changed = FALSE;
  finish_op_then (self, invalid_result (self, run->op->offer_id, run->op->revision, reasons),
                  step_images_next_op);
}

/* Done with the product in hand (its ids are kept for the next save). */
static void
step_images_next_op (SbSync *self)
{
  run_job (self, images_scan_job, images_scanned);
}

/* Goes to the next image of the product in hand that has no id yet. */
static void
next_image (SbSync *self)
{
  Run *run = get_run (self);

  for (run->image_index++; run->image_index < run->product->images->len; run->image_index++)
    {
      const SbImage *image = g_ptr_array_index (run->product->images, run->image_index);

      if (image->remote_id == NULL)
        {
          step_image (self);
          return;
        }
    }
  step_images_next_op (self);
}

static void image_refused_too_large (SbSync *self);

static void
image_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SbSync *self = user_data;
  Run *run = get_run (self);
  SbImage *image = g_ptr_array_index (run->product->images, run->image_index);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;
  const char *known;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          run_fail (self, g_steal_pointer (&error));
          return;
        }
      image_refused (self, run->image_index, "file_unreadable", error->message);
      return;
    }
  /* It may have grown since its size was read. */
  if (length > SB_SYNC_MAX_IMAGE_BYTES)
    {
      g_free (contents);
      image_refused_too_large (self);
      return;
    }
  g_clear_pointer (&run->image_bytes, g_bytes_unref);
  run->image_bytes = g_bytes_new_take (contents, length);
  g_free (run->image_sha);
  run->image_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, run->image_bytes);
  g_hash_table_replace (run->path_shas, g_strdup (image->local_path), g_strdup (run->image_sha));

  /* The ids of images uploaded before were read by the scan. */
  known = g_hash_table_lookup (run->image_ids, run->image_sha);
  if (known != NULL)
    {
      g_free (image->sha256);
      image->sha256 = g_strdup (run->image_sha);
      g_free (image->remote_id);
      image->remote_id = g_strdup (known);
      run->product_changed = TRUE;
      run->summary->images_reused++;
      next_image (self);
      return;
    }
  run->image_type = sniff_image_type (run->image_bytes);
  if (run->image_type == NULL)
    {
      image_refused (self, run->image_index, "unsupported_type",
                     _("The image is not a JPEG, PNG or WebP file. Convert it and sync again."));
      return;
    }
  add_total (self, 1);
  step_image_upload (self);
}

static void
image_refused_too_large (SbSync *self)
{
  image_refused (self, get_run (self)->image_index, "too_large",
                 _("The image is larger than 5 MiB, the most the marketplace accepts. "
                   "Save it smaller and sync again."));
}

/* The size is checked before the file is read, so a wrong pick (a video,
 * a disk image) is never loaded into memory. */
static void
image_info_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SbSync *self = user_data;
  Run *run = get_run (self);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (source), result, &error);
  if (info == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          run_fail (self, g_steal_pointer (&error));
          return;
        }
      image_refused (self, run->image_index, "file_unreadable", error->message);
      return;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      image_refused (self, run->image_index, "unsupported_type",
                     _("The image is not a JPEG, PNG or WebP file. Convert it and sync again."));
      return;
    }
  if (g_file_info_get_size (info) > SB_SYNC_MAX_IMAGE_BYTES)
    {
      image_refused_too_large (self);
      return;
    }
  g_file_load_contents_async (G_FILE (source), run->cancellable, image_loaded_cb, self);
}

static void
step_image (SbSync *self)
{
  Run *run = get_run (self);
  const SbImage *image = g_ptr_array_index (run->product->images, run->image_index);
  g_autoptr(GFile) file = NULL;

  if (image->local_path == NULL)
    {
      image_refused (self, run->image_index, "file_missing",
                     _("The image has no file. Pick the image again and sync."));
      return;
    }
  /* A later image of the product in hand may share a file read for an
   * earlier one. */
  if (resolve_known_image (run, g_ptr_array_index (run->product->images, run->image_index)))
    {
      run->product_changed = TRUE;
      next_image (self);
      return;
    }
  file = g_file_new_for_path (image->local_path);
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, run->cancellable,
                           image_info_cb, self);
}

static void
upload_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SbSync *self = user_data;
  Run *run = get_run (self);
  SbImage *image = g_ptr_array_index (run->product->images, run->image_index);
  g_autoptr(SbApiImage) uploaded = NULL;
  GError *error = NULL;

  uploaded = sb_api_client_upload_image_finish (self->client, result, &error);
  if (uploaded == NULL)
    {
      const char *code;

      if (handle_error (self, &error, step_image_upload) == HANDLED)
        return;
      add_done (self, 1);
      code = sb_api_error_get_server_code (error);
      image_refused (self, run->image_index, code != NULL ? code : "error",
                     sb_api_error_get_server_message (error) != NULL ?
                     sb_api_error_get_server_message (error) : error->message);
      g_clear_error (&error);
      return;
    }
  request_ok (self);
  g_free (image->remote_id);
  image->remote_id = g_strdup (uploaded->image_id);
  g_free (image->sha256);
  image->sha256 = g_strdup (run->image_sha);
  if (uploaded->width > 0)
    image->width = uploaded->width;
  if (uploaded->height > 0)
    image->height = uploaded->height;
  g_hash_table_insert (run->image_ids, g_strdup (run->image_sha), g_strdup (uploaded->image_id));
  run->product_changed = TRUE;
  run->summary->images_uploaded++;
  add_done (self, 1);
  next_image (self);
}

static void
step_image_upload (SbSync *self)
{
  Run *run = get_run (self);

  sb_api_client_upload_image_async (self->client, run->image_bytes, run->image_type,
                                    run->cancellable, upload_cb, self);
}

/* ---- products ---- */

/* On the worker: walks the pending ops from run->op_index and prepares the
 * next request — a batch of new products (recorded), a PUT of a changed
 * one or a DELETE (noted sent) — or a conflict to fetch; run->send says
 * which. */
static gboolean
products_job (Run      *run,
              SbStore  *store,
              GError  **error)
{
  if (run->ops == NULL && !list_ops_job (run, store, error))
    return FALSE;
  while (run->op_index < run->ops->len)
    {
      SbOutboxOp *op = g_ptr_array_index (run->ops, run->op_index++);
      g_autoptr(SbProduct) product = NULL;
      GError *local_error = NULL;

      run->op = op;
      if (op->kind == SB_OUTBOX_DELETE_PRODUCT)
        {
          run->send = SEND_DELETE;
          return sb_store_note_op_sent (store, op->id, error);
        }
      if (op->kind != SB_OUTBOX_PUT_PRODUCT)
        continue;
      product = sb_store_load_product (store, op->offer_id, &local_error);
      if (product == NULL)
        {
          if (!g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          g_clear_error (&local_error);
          continue;
        }
      if (product->sync_state == SB_SYNC_CONFLICT)
        {
          /* The server changed it since the edits were made (a pull saw
           * it): never pushed until the seller chooses; its server copy
           * is fetched for the conflict dialog. */
          run->product = g_steal_pointer (&product);
          run->send = SEND_CONFLICT;
          return TRUE;
        }
      if (product->server_version > 0)
        {
          /* A change to a product the server has: PUT with If-Match, the
           * version the edits were based on, so a change made on the
           * marketplace meanwhile is a 409, not lost. */
          run->body = sb_product_to_json (product, run->categories);
          run->product = g_steal_pointer (&product);
          run->send = SEND_PUT;
          return sb_store_note_op_sent (store, op->id, error);
        }
      g_ptr_array_add (run->batch_ops, sb_outbox_op_copy (op));
      g_ptr_array_add (run->batch_nodes, sb_product_to_json (product, run->categories));
      if (run->batch_ops->len >= SB_SYNC_BATCH_MAX)
        return record_batch (run, store, error);
    }
  run->op = NULL;
  if (run->batch_ops->len > 0)
    return record_batch (run, store, error);
  run->send = SEND_NOTHING;
  return TRUE;
}

static void send_put    (SbSync *self);
static void send_delete (SbSync *self);

static void
products_prepared (SbSync *self)
{
  Run *run = get_run (self);

  switch (run->send)
    {
    case SEND_BATCH:
      run->after_batch = step_products_next;
      send_batch (self);
      break;
    case SEND_PUT:
      send_put (self);
      break;
    case SEND_DELETE:
      send_delete (self);
      break;
    case SEND_CONFLICT:
      step_fetch_conflict (self);
      break;
    case SEND_NOTHING:
    default:
      step_pull (self);
      break;
    }
}

static void
step_products_next (SbSync *self)
{
  Run *run = get_run (self);

  g_clear_pointer (&run->product, sb_product_free);
  g_clear_pointer (&run->body, json_node_unref);
  run_job (self, products_job, products_prepared);
}

static void
step_products_begin (SbSync *self)
{
  Run *run = get_run (self);

  g_clear_pointer (&run->ops, g_ptr_array_unref);
  run->op = NULL;
  step_products_next (self);
}

static void
put_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  SbSync *self = user_data;
  Run *run = get_run (self);
  g_autoptr(SbApiWriteResult) written = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  GError *error = NULL;

  written = sb_api_client_put_product_finish (self->client, result, &error);
  if (written != NULL)
    {
      request_ok (self);
      finish_op_then (self, accepted_result (self, run->op->offer_id, run->op->revision,
                                             written->version, written->status),
                      step_products_next);
      return;
    }
  if (handle_error (self, &error, step_put) == HANDLED)
    return;
  if (g_error_matches (error, SB_API_ERROR, SB_API_ERROR_VERSION_CONFLICT))
    {
      run->product->server_version = sb_api_error_get_current_version (error);
      g_clear_error (&error);
      step_fetch_conflict (self);
      return;
    }
  reasons = reasons_for_error (error);
  g_clear_error (&error);
  finish_op_then (self, invalid_result (self, run->op->offer_id, run->op->revision, reasons),
                  step_products_next);
}

static void
send_put (SbSync *self)
{
  Run *run = get_run (self);

  sb_api_client_put_product_async (self->client, run->op->offer_id, run->body,
                                   run->product->server_version, run->cancellable, put_cb, self);
}

/* Counts another attempt of the PUT in hand and sends it again. */
static void
step_put (SbSync *self)
{
  Run *run = get_run (self);
  GError *error = NULL;

  if (!sb_store_note_op_sent (self->store, run->op->id, &error))
    {
      run_fail (self, error);
      return;
    }
  send_put (self);
}

/* Whether the server's copy holds exactly the body we sent, apart from the
 * members the server owns. */
static gboolean
server_copy_matches (JsonNode *server_copy,
                     JsonNode *sent)
{
  static const char * const server_owned[] = {
    "version", "status", "reasons", "updated_at", "created_at", NULL,
  };
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) copy = json_node_new (JSON_NODE_OBJECT);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (sent == NULL)
    return FALSE;
  /* A new object: json_node_copy() would share (and let us change) the
   * server copy's members. */
  json_object_iter_init (&iter, json_node_get_object (server_copy));
  while (json_object_iter_next (&iter, &name, &member))
    if (!g_strv_contains (server_owned, name))
      json_object_set_member (object, name, json_node_ref (member));
  json_node_set_object (copy, object);
  return json_node_equal (copy, sent);
}

/* The "version" member of a server copy, or 0. */
static gint64
copy_version (JsonNode *server_copy)
{
  JsonNode *version = json_object_get_member (json_node_get_object (server_copy), "version");

  if (version != NULL && JSON_NODE_HOLDS_VALUE (version) &&
      json_node_get_value_type (version) == G_TYPE_INT64)
    return json_node_get_int (version);
  return 0;
}

static void
conflict_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SbSync *self = user_data;
  Run *run = get_run (self);
  g_autoptr(JsonNode) server_copy = NULL;
  SbSyncResult *outcome;
  GError *error = NULL;

  server_copy = sb_api_client_get_product_finish (self->client, result, &error);
  if (server_copy == NULL)
    {
      if (handle_error (self, &error, step_fetch_conflict) == HANDLED)
        return;
      /* Keep the conflict even without the server copy. */
      g_clear_error (&error);
    }
  else
    request_ok (self);

  if (server_copy != NULL && server_copy_matches (server_copy, run->body))
    {
      /* Our own write, applied by an attempt whose answer was lost: the
       * retry's If-Match was stale because of it.  Not a conflict. */
      JsonNode *status = json_object_get_member (json_node_get_object (server_copy), "status");
      SbSyncState state = SB_SYNC_PENDING_REVIEW;

      if (status != NULL && JSON_NODE_HOLDS_VALUE (status) &&
          json_node_get_value_type (status) == G_TYPE_STRING &&
          !sb_sync_state_from_string (json_node_get_string (status), &state))
        state = SB_SYNC_PENDING_REVIEW;
      outcome = accepted_result (self, run->op->offer_id, run->op->revision,
                                 MAX (copy_version (server_copy), run->product->server_version), state);
      finish_op_then (self, outcome, step_products_next);
      return;
    }
  outcome = conflict_result (self, run->op->offer_id, run->op->revision, run->product->server_version);
  if (server_copy != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();

      if (copy_version (server_copy) > 0)
        outcome->server_version = copy_version (server_copy);
      json_generator_set_root (generator, server_copy);
      outcome->conflict_json = json_generator_to_data (generator, NULL);
    }
  finish_op_then (self, outcome, step_products_next);
}

static void
step_fetch_conflict (SbSync *self)
{
  Run *run = get_run (self);

  sb_api_client_get_product_async (self->client, run->op->offer_id, run->cancellable,
                                   conflict_cb, self);
}

static void
delete_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SbSync *self = user_data;
  Run *run = get_run (self);
  g_autoptr(SbApiWriteResult) written = NULL;
  GError *error = NULL;

  written = sb_api_client_delete_product_finish (self->client, result, &error);
  if (written != NULL)
    {
      request_ok (self);
      finish_op_then (self, accepted_result (self, run->op->offer_id, run->op->revision,
                                             written->version, written->status),
                      step_products_next);
      return;
    }
  if (handle_error (self, &error, step_delete) == HANDLED)
    return;
  if (!g_error_matches (error, SB_API_ERROR, SB_API_ERROR_NOT_FOUND))
    {
      /* The product is gone locally; the note is all that can be shown. */
      g_autoptr(GPtrArray) reasons = reasons_for_error (error);

      note_reasons (self, run->op->offer_id, reasons);
      run->summary->rejected++;
    }
  g_clear_error (&error);
  finish_op_then (self, NULL, step_products_next);
}

static void
send_delete (SbSync *self)
{
  Run *run = get_run (self);

  sb_api_client_delete_product_async (self->client, run->op->offer_id, run->cancellable,
                                      delete_cb, self);
}

/* Counts another attempt of the DELETE in hand and sends it again. */
static void
step_delete (SbSync *self)
{
  Run *run = get_run (self);
  GError *error = NULL;

  if (!sb_store_note_op_sent (self->store, run->op->id, &error))
    {
      run_fail (self, error);
      return;
    }
  send_delete (self);
}

/* ---- pull ---- */

/* Stores run->updates and run->next_cursor in one transaction. */
static gboolean
pull_page_job (Run      *run,
               SbStore  *store,
               GError  **error)
{
  return sb_store_apply_pull_page (store, run->updates, run->next_cursor, error);
}

static void
pull_page_applied (SbSync *self)
{
  Run *run = get_run (self);

  g_clear_pointer (&run->updates, g_ptr_array_unref);
  if (run->pull_more)
    step_pull (self);
  else
    step_pull_conflicts (self);
}

static void
pull_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SbSync *self = user_data;
  Run *run = get_run (self);
  g_autoptr(SbApiStatusPage) page = NULL;
  GError *error = NULL;

  page = sb_api_client_list_products_finish (self->client, result, &error);
  if (page == NULL)
    {
      if (handle_error (self, &error, step_pull) == HANDLED)
        return;
      /* A refusal of the pull itself (400: a stale cursor) stops the run. */
      run_fail (self, error);
      return;
    }
  request_ok (self);
  run->updates = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sync_result_free);
  for (guint i = 0; i < page->items->len; i++)
    {
      const SbApiProductStatus *status = g_ptr_array_index (page->items, i);
      SbSyncResult *update = sb_sync_result_new (status->offer_id);

      update->outcome = SB_SYNC_OUTCOME_ACCEPTED;
      update->server_version = status->version;
      update->status = status->status;
      for (guint j = 0; j < status->reasons->len; j++)
        g_ptr_array_add (update->reasons, sb_reason_copy (g_ptr_array_index (status->reasons, j)));
      g_ptr_array_add (run->updates, update);
    }
  /* Without a next_cursor the old one stays: never go back to the start. */
  g_free (run->next_cursor);
  run->next_cursor = g_strdup (page->next_cursor != NULL ? page->next_cursor : run->cursor);
  run->summary->pulled += page->items->len;
  /* Page on until a page is empty or the cursor stops moving (a server may
   * cap pages below the limit asked for); at most a fixed number of pages
   * per run, against a server whose cursor never settles. */
  run->pull_more = page->items->len > 0 && page->next_cursor != NULL &&
                   g_strcmp0 (page->next_cursor, run->cursor) != 0 &&
                   ++run->pages < SB_SYNC_MAX_PAGES;
  run_job (self, pull_page_job, pull_page_applied);
}

/* ---- server copies of the conflicts a pull found ---- */

static void
pull_conflict_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SbSync *self = user_data;
  Run *run = get_run (self);
  const char *offer_id = g_ptr_array_index (run->conflict_ids, run->conflict_index);
  g_autoptr(JsonNode) server_copy = NULL;
  GError *error = NULL;

  server_copy = sb_api_client_get_product_finish (self->client, result, &error);
  if (server_copy == NULL)
    {
      if (handle_error (self, &error, step_pull_conflicts) == HANDLED)
        return;
      /* The conflict stays, without a copy; the next run asks again. */
      g_debug ("no server copy of %s: %s", offer_id, error->message);
      g_clear_error (&error);
    }
  else
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *json = NULL;

      request_ok (self);
      json_generator_set_root (generator, server_copy);
      json = json_generator_to_data (generator, NULL);
      if (!sb_store_set_conflict_copy (self->store, offer_id, copy_version (server_copy), json, &error))
        {
          run_fail (self, error);
          return;
        }
      run->summary->conflicts++;
      g_ptr_array_add (run->summary->notes, g_strdup_printf ("%s: version_conflict", offer_id));
    }
  run->conflict_index++;
  step_pull_conflicts (self);
}

static gboolean
list_conflicts_job (Run      *run,
                    SbStore  *store,
                    GError  **error)
{
  run->conflict_index = 0;
  run->conflict_ids = sb_store_list_conflicts_without_copy (store, error);
  return run->conflict_ids != NULL;
}

/* The products a pull put in conflict (changed on the server while local
 * edits waited) get their server copy, for the conflict dialog. */
static void
step_pull_conflicts (SbSync *self)
{
  Run *run = get_run (self);

  if (run->conflict_ids == NULL)
    {
      run_job (self, list_conflicts_job, step_pull_conflicts);
      return;
    }
  if (run->conflict_index >= run->conflict_ids->len)
    {
      step_seller_status (self);
      return;
    }
  sb_api_client_get_product_async (self->client, g_ptr_array_index (run->conflict_ids, run->conflict_index),
                                   run->cancellable, pull_conflict_cb, self);
}

/* ---- the seller's review status ---- */

/* Reads "status" and "reasons" of a seller answer into the store. */
static gboolean
store_seller_status (SbSync    *self,
                     JsonNode  *answer,
                     GError   **error)
{
  JsonObject *object = json_node_get_object (answer);
  JsonNode *status = json_object_get_member (object, "status");
  JsonNode *reasons_node = json_object_get_member (object, "reasons");
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GError) local_error = NULL;

  if (status == NULL || !JSON_NODE_HOLDS_VALUE (status) ||
      json_node_get_value_type (status) != G_TYPE_STRING)
    return TRUE;
  if (reasons_node != NULL && !JSON_NODE_HOLDS_NULL (reasons_node))
    {
      reasons = sb_reasons_from_json (reasons_node, &local_error);
      if (reasons == NULL)
        {
          g_debug ("seller reasons unreadable: %s", local_error->message);
          g_clear_error (&local_error);
        }
    }
  if (!sb_store_set_seller_status (self->store, json_node_get_string (status), reasons, &local_error))
    {
      /* A profile on the server but none here (a new catalogue file):
       * nothing to attach the status to. */
      if (g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static void
seller_status_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SbSync *self = user_data;
  g_autoptr(JsonNode) answer = NULL;
  GError *error = NULL;

  answer = sb_api_client_get_seller_finish (self->client, result, &error);
  if (answer == NULL)
    {
      if (handle_error (self, &error, step_seller_status) == HANDLED)
        return;
      /* 404: no application yet; nothing to record. */
      g_clear_error (&error);
    }
  else
    {
      request_ok (self);
      if (!store_seller_status (self, answer, &error))
        {
          run_fail (self, error);
          return;
        }
    }
  step_finish (self);
}

static void
step_seller_status (SbSync *self)
{
  Run *run = get_run (self);

  sb_api_client_get_seller_async (self->client, run->cancellable, seller_status_cb, self);
}

static void
step_pull (SbSync *self)
{
  Run *run = get_run (self);
  GError *error = NULL;

  g_free (run->cursor);
  run->cursor = sb_store_dup_pull_cursor (self->store, &error);
  if (error != NULL)
    {
      run_fail (self, error);
      return;
    }
  sb_api_client_list_products_async (self->client, run->cursor, SB_SYNC_PULL_LIMIT,
                                     run->cancellable, pull_cb, self);
}

/* ---- GObject ---- */

static void
sb_sync_dispose (GObject *object)
{
  SbSync *self = SB_SYNC (object);

  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_sync_parent_class)->dispose (object);
}

static void
sb_sync_finalize (GObject *object)
{
  SbSync *self = SB_SYNC (object);

  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_error (&self->wait_error);
  release_run_lock (self);

  G_OBJECT_CLASS (sb_sync_parent_class)->finalize (object);
}

static void
sb_sync_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  SbSync *self = SB_SYNC (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_DONE:
      g_value_set_uint (value, self->done);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_sync_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  SbSync *self = SB_SYNC (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_sync_class_init (SbSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_sync_dispose;
  object_class->finalize = sb_sync_finalize;
  object_class->get_property = sb_sync_get_property;
  object_class->set_property = sb_sync_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, SB_TYPE_API_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SB_TYPE_SYNC_ENGINE_STATE, SB_SYNC_ENGINE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DONE] =
    g_param_spec_uint ("done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_sync_init (SbSync *self)
{
  sb_backoff_init_default (&self->backoff);
  self->rand = g_rand_new ();
  self->lock_fd = -1;
}

/* ---- public API ---- */

/**
 * sb_sync_new:
 * @store: the catalogue to sync
 * @client: the marketplace to sync with
 *
 * Returns: (transfer full): a sync engine, idle
 */
SbSync *
sb_sync_new (SbStore     *store,
             SbApiClient *client)
{
  g_return_val_if_fail (SB_IS_STORE (store), NULL);
  g_return_val_if_fail (SB_IS_API_CLIENT (client), NULL);

  return g_object_new (SB_TYPE_SYNC, "store", store, "client", client, NULL);
}

SbStore *
sb_sync_get_store (SbSync *self)
{
  g_return_val_if_fail (SB_IS_SYNC (self), NULL);
  return self->store;
}

SbApiClient *
sb_sync_get_client (SbSync *self)
{
  g_return_val_if_fail (SB_IS_SYNC (self), NULL);
  return self->client;
}

SbSyncEngineState
sb_sync_get_state (SbSync *self)
{
  g_return_val_if_fail (SB_IS_SYNC (self), SB_SYNC_ENGINE_IDLE);
  return self->state;
}

/**
 * sb_sync_get_wait_error:
 *
 * Returns: (transfer none) (nullable): while the state is
 *   %SB_SYNC_ENGINE_WAITING, the failure the run waits to retry (a 429 is
 *   %SB_API_ERROR_RATE_LIMITED: the marketplace pacing the run, not a
 *   fault); %NULL otherwise
 */
const GError *
sb_sync_get_wait_error (SbSync *self)
{
  g_return_val_if_fail (SB_IS_SYNC (self), NULL);
  return self->state == SB_SYNC_ENGINE_WAITING ? self->wait_error : NULL;
}

/**
 * sb_sync_get_done:
 *
 * Returns: units of work finished in the current run (products answered,
 *   images uploaded, the seller); never more than sb_sync_get_total()
 */
guint
sb_sync_get_done (SbSync *self)
{
  g_return_val_if_fail (SB_IS_SYNC (self), 0);
  return self->done;
}

/**
 * sb_sync_get_total:
 *
 * Returns: units of work of the current run known so far; it grows as the
 *   run discovers work (unfinished batches, images to upload)
 */
guint
sb_sync_get_total (SbSync *self)
{
  g_return_val_if_fail (SB_IS_SYNC (self), 0);
  return self->total;
}

/**
 * sb_sync_set_backoff:
 *
 * Replaces the retry policy (tests use short delays).
 */
void
sb_sync_set_backoff (SbSync          *self,
                     const SbBackoff *backoff)
{
  g_return_if_fail (SB_IS_SYNC (self));
  g_return_if_fail (backoff != NULL);
  self->backoff = *backoff;
}

/**
 * sb_sync_set_seed:
 *
 * Seeds the jitter, so that a test gets the same delays every time.
 */
void
sb_sync_set_seed (SbSync  *self,
                  guint32  seed)
{
  g_return_if_fail (SB_IS_SYNC (self));
  g_rand_set_seed (self->rand, seed);
}

/**
 * sb_sync_run_async:
 *
 * Runs one sync.  Only one run at a time: the caller waits for the
 * previous one to finish.  Only one run per catalogue file either, in this
 * process or any other: while another SbSync syncs the same store the run
 * fails at once with %SB_SYNC_ERROR_BUSY and touches nothing.
 */
void
sb_sync_run_async (SbSync              *self,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GError *error = NULL;
  Run *run;

  g_return_if_fail (SB_IS_SYNC (self));
  g_return_if_fail (self->task == NULL);

  if (!acquire_run_lock (self, &error))
    {
      g_debug ("sync not started: %s", error->message);
      g_task_report_error (self, callback, user_data, sb_sync_run_async, error);
      return;
    }

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, sb_sync_run_async);
  g_task_set_check_cancellable (self->task, FALSE);
  run = g_new0 (Run, 1);
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  run->summary = sb_sync_summary_new ();
  run->image_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run->path_shas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run->batch_ops = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_outbox_op_free);
  run->batch_nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  if (is_file_store (sb_store_get_path (self->store)))
    run->work_path = g_strdup (sb_store_get_path (self->store));
  g_task_set_task_data (self->task, run, (GDestroyNotify) run_free);

  set_progress (self, 0, 0);
  set_state (self, SB_SYNC_ENGINE_RUNNING);
  step_categories (self);
}

/**
 * sb_sync_run_finish:
 *
 * Returns: (transfer full) (nullable): what the run did, or %NULL with
 *   @error set when it stopped: SB_API_ERROR for the marketplace (401 means
 *   ask for credentials; see sb_api_error_is_auth()), SB_STORE_ERROR for
 *   the catalogue, G_IO_ERROR_CANCELLED when cancelled, %SB_SYNC_ERROR_BUSY
 *   when another run over the same catalogue was going on
 */
SbSyncSummary *
sb_sync_run_finish (SbSync        *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (SB_IS_SYNC (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
