/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sync.c: the sync engine, a chain of asynchronous steps on the
 * caller's main context.  Each step reads what it needs from the store,
 * sends one request and, in its callback, writes the answer back in one
 * short transaction before going on:
 *
 *   categories in en, ko, ru (If-None-Match) → unfinished batches (resent byte for byte)
 *   → seller → images → products (batches of new products, PUT with
 *   If-Match for changed ones, DELETE) → pull statuses → summary
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

/* The data of one run, kept on its GTask. */
/* Products whose new image ids are saved in one transaction. */
#define IMAGE_SAVE_GROUP 100

/* Local work between two returns to the main loop, at most. */
#define SLICE_USEC (8 * 1000)

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

  GPtrArray      *ops;            /* (owned) (element-type SbOutboxOp) */
  guint           op_index;
  gint64          slice_start;    /* monotonic time the main loop last ran */
  SbOutboxOp     *op;             /* (borrowed from @ops) the op in hand */
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
  char           *cursor;         /* (owned) (nullable) */
  guint           pages;          /* status pages pulled in this run */
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
  g_free (run->cursor);
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

static void
step_finish (SbSync *self)
{
  Run *run = get_run (self);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) reasons = NULL;
  GError *error = NULL;
  SbSyncSummary *summary;

  run->summary->pending = sb_store_count_dirty (self->store, &error);
  if (error == NULL)
    {
      g_free (run->summary->seller_status);
      run->summary->seller_status = sb_store_dup_seller_status (self->store, &reasons, &error);
      /* No profile saved locally yet is not a failure of the sync. */
      if (g_error_matches (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
        g_clear_error (&error);
    }
  if (error == NULL)
    sb_store_set_last_sync (self->store, now, &error);
  if (error != NULL)
    {
      run_fail (self, error);
      return;
    }
  summary = g_steal_pointer (&run->summary);
  task = g_steal_pointer (&self->task);
  release_run_lock (self);
  set_progress (self, self->total, self->total);
  set_state (self, SB_SYNC_ENGINE_DONE);
  g_task_return_pointer (task, summary, (GDestroyNotify) sb_sync_summary_free);
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
      g_clear_error (error);
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

/* Records an item-level refusal of the op in hand and drops the op. */
static gboolean
finish_op_invalid (SbSync     *self,
                   GPtrArray  *reasons,
                   GError    **error)
{
  Run *run = get_run (self);
  g_autoptr(SbSyncResult) result = sb_sync_result_new (run->op->offer_id);

  result->revision = run->op->revision;
  result->outcome = SB_SYNC_OUTCOME_INVALID;
  for (guint i = 0; i < reasons->len; i++)
    g_ptr_array_add (result->reasons, sb_reason_copy (g_ptr_array_index (reasons, i)));
  note_reasons (self, run->op->offer_id, reasons);
  run->summary->rejected++;
  add_done (self, 1);
  return sb_store_finish_op (self->store, run->op->id, result, error);
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

static gboolean
apply_batch_error (SbSync  *self,
                   GError  *refusal,
                   GError **error)
{
  Run *run = get_run (self);
  g_autoptr(GPtrArray) reasons = reasons_for_error (refusal);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sync_result_free);

  for (guint i = 0; i < run->batch->offer_ids->len; i++)
    {
      SbSyncResult *result = sb_sync_result_new (g_ptr_array_index (run->batch->offer_ids, i));

      result->revision = g_array_index (run->batch->revisions, gint64, i);
      result->outcome = SB_SYNC_OUTCOME_INVALID;
      for (guint j = 0; j < reasons->len; j++)
        g_ptr_array_add (result->reasons, sb_reason_copy (g_ptr_array_index (reasons, j)));
      note_reasons (self, result->offer_id, reasons);
      run->summary->rejected++;
      g_ptr_array_add (results, result);
    }
  add_done (self, run->batch->offer_ids->len);
  return sb_store_finish_batch (self->store, run->batch->key, results, error);
}

static void
batch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SbSync *self = user_data;
  Run *run = get_run (self);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) results = NULL;
  GError *error = NULL;
  StepFunc next;

  items = sb_api_client_batch_products_finish (self->client, result, &error);
  if (items == NULL)
    {
      if (handle_error (self, &error, step_send_batch) == HANDLED)
        return;
      /* 400, 413 or 422 idempotency_key_reused: the whole batch is refused. */
      if (!apply_batch_error (self, error, &error))
        {
          run_fail (self, error);
          return;
        }
      g_clear_error (&error);
    }
  else
    {
      request_ok (self);
      results = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sync_result_free);
      for (guint i = 0; i < items->len; i++)
        {
          const SbApiBatchItem *item = g_ptr_array_index (items, i);
          SbSyncResult *r = sb_sync_result_new (item->offer_id);

          /* revision 0: the store takes the one recorded in the batch. */
          if (item->ok)
            {
              r->outcome = SB_SYNC_OUTCOME_ACCEPTED;
              r->server_version = item->version;
              r->status = item->status;
              run->summary->accepted++;
            }
          else if (g_strcmp0 (item->error_code, "version_conflict") == 0)
            {
              r->outcome = SB_SYNC_OUTCOME_CONFLICT;
              r->server_version = MAX (item->current_version, 0);
              run->summary->conflicts++;
              g_ptr_array_add (run->summary->notes,
                               g_strdup_printf ("%s: version_conflict", item->offer_id));
            }
          else
            {
              r->outcome = SB_SYNC_OUTCOME_INVALID;
              for (guint j = 0; j < item->fields->len; j++)
                g_ptr_array_add (r->reasons, sb_reason_copy (g_ptr_array_index (item->fields, j)));
              if (r->reasons->len == 0)
                g_ptr_array_add (r->reasons, sb_reason_new (item->error_code, NULL, item->error_message));
              note_reasons (self, item->offer_id, r->reasons);
              run->summary->rejected++;
            }
          g_ptr_array_add (results, r);
        }
      add_done (self, run->batch->offer_ids->len);
      if (!sb_store_finish_batch (self->store, run->batch->key, results, &error))
        {
          run_fail (self, error);
          return;
        }
    }
  g_clear_pointer (&run->batch, sb_store_batch_free);
  next = run->after_batch;
  next (self);
}

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
  sb_api_client_batch_products_async (self->client, run->batch->key, run->batch->body,
                                      run->cancellable, batch_cb, self);
}

/* Batches recorded by an earlier run that never got an answer (a crash, a
 * kill, a lost connection) go first, with the same key and bytes. */
static void
step_unfinished_batch (SbSync *self)
{
  Run *run = get_run (self);
  GError *error = NULL;

  run->batch = sb_store_dup_unfinished_batch (self->store, &error);
  if (error != NULL)
    {
      run_fail (self, error);
      return;
    }
  if (run->batch == NULL)
    {
      step_seller (self);
      return;
    }
  add_total (self, run->batch->offer_ids->len);
  run->after_batch = step_unfinished_batch;
  step_send_batch (self);
}

/* Records the batch of new products collected so far, then sends it. */
static void
flush_batch (SbSync   *self,
             StepFunc  after)
{
  Run *run = get_run (self);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *key = g_uuid_string_random ();
  GError *error = NULL;
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

  /* The key and the exact bytes are saved before the first send. */
  if (!sb_store_record_batch (self->store, run->batch, &error))
    {
      run_fail (self, error);
      return;
    }
  run->after_batch = after;
  step_send_batch (self);
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
step_seller (SbSync *self)
{
  Run *run = get_run (self);
  g_autofree char *json = NULL;
  GError *error = NULL;

  g_clear_pointer (&run->ops, g_ptr_array_unref);
  run->op = NULL;
  if (!run->seller_tried)
    {
      run->ops = sb_store_list_pending_ops (self->store, 0, &error);
      if (run->ops == NULL)
        {
          run_fail (self, error);
          return;
        }
      for (guint i = 0; i < run->ops->len && run->op == NULL; i++)
        {
          SbOutboxOp *op = g_ptr_array_index (run->ops, i);

          if (op->kind == SB_OUTBOX_PUT_SELLER)
            run->op = op;
        }
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

static gboolean
collect_image_id_cb (SbProduct *product,
                     gpointer   user_data)
{
  GHashTable *image_ids = user_data;

  for (guint i = 0; i < product->images->len; i++)
    {
      const SbImage *image = g_ptr_array_index (product->images, i);

      if (image->sha256 != NULL && image->remote_id != NULL)
        g_hash_table_insert (image_ids, g_strdup (image->sha256), g_strdup (image->remote_id));
    }
  return TRUE;
}

/* Runs @step from the main loop soon, so that a long stretch of local work
 * (thousands of products whose images are all known) does not hold the
 * caller's main loop: the UI stays responsive during a big sync. */
static void
yield_then (SbSync   *self,
            StepFunc  step)
{
  Run *run = get_run (self);

  run->retry_step = step;
  run->wait_source = g_timeout_source_new (0);
  g_source_set_callback (run->wait_source, wait_over_cb, self, NULL);
  g_source_set_static_name (run->wait_source, "[sellbridge] sync slice");
  g_source_attach (run->wait_source, g_main_context_get_thread_default ());
}

/* Whether the current slice of local work has run long enough. */
static gboolean
slice_is_over (Run *run)
{
  gint64 now = g_get_monotonic_time ();

  if (run->slice_start == 0 || now - run->slice_start < SLICE_USEC)
    {
      if (run->slice_start == 0)
        run->slice_start = now;
      return FALSE;
    }
  run->slice_start = 0;
  return TRUE;
}

static void
step_images_begin (SbSync *self)
{
  Run *run = get_run (self);
  GError *error = NULL;

  g_clear_pointer (&run->ops, g_ptr_array_unref);
  run->ops = sb_store_list_pending_ops (self->store, 0, &error);
  if (run->ops == NULL)
    {
      run_fail (self, error);
      return;
    }
  run->op_index = 0;
  add_total (self, run->ops->len);
  step_images_next_op (self);
}

/* Fails the product in hand because of image @index, and moves on. */
static void
image_refused (SbSync     *self,
               guint       index,
               const char *code,
               const char *message)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  g_autofree char *path = g_strdup_printf ("images[%u]", index);
  GError *error = NULL;

  g_ptr_array_add (reasons, sb_reason_new (code, path, message));
  if (!finish_op_invalid (self, reasons, &error))
    {
      run_fail (self, error);
      return;
    }
  get_run (self)->product_changed = FALSE;
  step_images_next_op (self);
}

/* Saves the products whose image ids were learnt since the last call, in
 * one transaction.  Each is a local save that replaces its unsent op with
 * one at a new revision.  Saving them one by one cost a transaction (and
 * an fsync) per product: 10,000 products sharing a few images spent most
 * of a sync run here.  Losing unsaved ids (a crash) only means looking
 * them up again by content next time. */
static gboolean
save_image_ids (SbSync  *self,
                GError **error)
{
  Run *run = get_run (self);
  gboolean ok;

  if (run->image_saves == NULL || run->image_saves->len == 0)
    return TRUE;
  ok = sb_store_save_products (self->store, run->image_saves, error);
  g_ptr_array_set_size (run->image_saves, 0);
  return ok;
}

static void
step_images_next_op (SbSync *self)
{
  Run *run = get_run (self);
  GError *error = NULL;

  /* Keep what the previous product learnt (its image ids).  Products are
   * saved in groups of IMAGE_SAVE_GROUP, and before any upload, so a
   * product is rewritten only milliseconds after it was read. */
  if (run->product != NULL && run->product_changed)
    {
      if (run->image_saves == NULL)
        run->image_saves = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
      g_ptr_array_add (run->image_saves, g_steal_pointer (&run->product));
      if (run->image_saves->len >= IMAGE_SAVE_GROUP && !save_image_ids (self, &error))
        {
          run_fail (self, error);
          return;
        }
    }
  g_clear_pointer (&run->product, sb_product_free);
  run->product_changed = FALSE;

  while (run->op_index < run->ops->len)
    {
      SbOutboxOp *op;

      if (slice_is_over (run))
        {
          yield_then (self, step_images_next_op);
          return;
        }
      op = g_ptr_array_index (run->ops, run->op_index++);
      if (op->kind != SB_OUTBOX_PUT_PRODUCT)
        continue;
      run->product = sb_store_load_product (self->store, op->offer_id, &error);
      if (run->product == NULL)
        {
          if (!g_error_matches (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
            {
              run_fail (self, error);
              return;
            }
          g_clear_error (&error);
          continue;
        }
      for (guint i = 0; i < run->product->images->len; i++)
        {
          const SbImage *image = g_ptr_array_index (run->product->images, i);

          if (image->remote_id == NULL)
            {
              run->op = op;
              run->image_index = i;
              step_image (self);
              return;
            }
        }
      g_clear_pointer (&run->product, sb_product_free);
    }
  if (!save_image_ids (self, &error))
    {
      run_fail (self, error);
      return;
    }
  step_products_begin (self);
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

  /* The ids of images already uploaded, by content: read once per run,
   * and only when some image has no id yet. */
  if (!run->image_ids_loaded)
    {
      GError *store_error = NULL;

      run->image_ids_loaded = TRUE;
      if (!sb_store_foreach_product (self->store, collect_image_id_cb, run->image_ids, &store_error))
        {
          run_fail (self, store_error);
          return;
        }
    }
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
  /* Many products share a picture (a size chart, a brand banner): a file
   * read and hashed earlier in this run whose bytes already have an id
   * is not read again. */
  {
    const char *sha = g_hash_table_lookup (run->path_shas, image->local_path);
    const char *known = sha != NULL ? g_hash_table_lookup (run->image_ids, sha) : NULL;

    if (known != NULL)
      {
        SbImage *target = g_ptr_array_index (run->product->images, run->image_index);

        g_free (target->sha256);
        target->sha256 = g_strdup (sha);
        g_free (target->remote_id);
        target->remote_id = g_strdup (known);
        run->product_changed = TRUE;
        run->summary->images_reused++;
        next_image (self);
        return;
      }
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
  GError *error = NULL;

  /* Nothing read earlier waits across a network request. */
  if (!save_image_ids (self, &error))
    {
      run_fail (self, error);
      return;
    }

  sb_api_client_upload_image_async (self->client, run->image_bytes, run->image_type,
                                    run->cancellable, upload_cb, self);
}

/* ---- products ---- */

static void
step_products_begin (SbSync *self)
{
  Run *run = get_run (self);
  GError *error = NULL;

  g_clear_pointer (&run->ops, g_ptr_array_unref);
  run->ops = sb_store_list_pending_ops (self->store, 0, &error);
  if (run->ops == NULL)
    {
      run_fail (self, error);
      return;
    }
  run->op_index = 0;
  run->op = NULL;
  step_products_next (self);
}

static void
step_products_next (SbSync *self)
{
  Run *run = get_run (self);
  GError *error = NULL;

  g_clear_pointer (&run->product, sb_product_free);
  g_clear_pointer (&run->body, json_node_unref);
  while (run->op_index < run->ops->len)
    {
      SbOutboxOp *op = g_ptr_array_index (run->ops, run->op_index++);

      run->op = op;
      if (op->kind == SB_OUTBOX_DELETE_PRODUCT)
        {
          step_delete (self);
          return;
        }
      if (op->kind != SB_OUTBOX_PUT_PRODUCT)
        continue;
      run->product = sb_store_load_product (self->store, op->offer_id, &error);
      if (run->product == NULL)
        {
          if (!g_error_matches (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
            {
              run_fail (self, error);
              return;
            }
          g_clear_error (&error);
          continue;
        }
      run->body = sb_product_to_json (run->product, run->categories);
      if (run->product->server_version > 0)
        {
          /* A change to a product the server has: PUT with If-Match, so a
           * change made on the marketplace meanwhile is a 409, not lost. */
          step_put (self);
          return;
        }
      g_ptr_array_add (run->batch_ops, sb_outbox_op_copy (op));
      g_ptr_array_add (run->batch_nodes, g_steal_pointer (&run->body));
      g_clear_pointer (&run->product, sb_product_free);
      if (run->batch_ops->len >= SB_SYNC_BATCH_MAX)
        {
          flush_batch (self, step_products_next);
          return;
        }
    }
  if (run->batch_ops->len > 0)
    {
      flush_batch (self, step_products_next);
      return;
    }
  step_pull (self);
}

static void
put_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  SbSync *self = user_data;
  Run *run = get_run (self);
  g_autoptr(SbApiWriteResult) written = NULL;
  g_autoptr(SbSyncResult) outcome = NULL;
  GError *error = NULL;

  written = sb_api_client_put_product_finish (self->client, result, &error);
  if (written == NULL)
    {
      g_autoptr(GPtrArray) reasons = NULL;

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
      if (!finish_op_invalid (self, reasons, &error))
        {
          run_fail (self, error);
          return;
        }
      step_products_next (self);
      return;
    }
  request_ok (self);
  outcome = sb_sync_result_new (run->op->offer_id);
  outcome->revision = run->op->revision;
  outcome->outcome = SB_SYNC_OUTCOME_ACCEPTED;
  outcome->server_version = written->version;
  outcome->status = written->status;
  run->summary->accepted++;
  add_done (self, 1);
  if (!sb_store_finish_op (self->store, run->op->id, outcome, &error))
    {
      run_fail (self, error);
      return;
    }
  step_products_next (self);
}

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
  sb_api_client_put_product_async (self->client, run->op->offer_id, run->body,
                                   run->product->server_version, run->cancellable, put_cb, self);
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

static void
conflict_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SbSync *self = user_data;
  Run *run = get_run (self);
  g_autoptr(JsonNode) server_copy = NULL;
  g_autoptr(SbSyncResult) outcome = NULL;
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

  outcome = sb_sync_result_new (run->op->offer_id);
  outcome->revision = run->op->revision;
  outcome->outcome = SB_SYNC_OUTCOME_CONFLICT;
  outcome->server_version = MAX (run->product->server_version, 0);
  if (server_copy != NULL && server_copy_matches (server_copy, run->body))
    {
      /* Our own write, applied by an attempt whose answer was lost: the
       * retry's If-Match was stale because of it.  Not a conflict. */
      JsonNode *version = json_object_get_member (json_node_get_object (server_copy), "version");
      JsonNode *status = json_object_get_member (json_node_get_object (server_copy), "status");

      outcome->outcome = SB_SYNC_OUTCOME_ACCEPTED;
      if (version != NULL && JSON_NODE_HOLDS_VALUE (version) &&
          json_node_get_value_type (version) == G_TYPE_INT64)
        outcome->server_version = json_node_get_int (version);
      outcome->status = SB_SYNC_PENDING_REVIEW;
      if (status != NULL && JSON_NODE_HOLDS_VALUE (status) &&
          json_node_get_value_type (status) == G_TYPE_STRING &&
          !sb_sync_state_from_string (json_node_get_string (status), &outcome->status))
        outcome->status = SB_SYNC_PENDING_REVIEW;
      run->summary->accepted++;
      add_done (self, 1);
      if (!sb_store_finish_op (self->store, run->op->id, outcome, &error))
        {
          run_fail (self, error);
          return;
        }
      step_products_next (self);
      return;
    }
  if (server_copy != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      JsonNode *version = json_object_get_member (json_node_get_object (server_copy), "version");

      if (version != NULL && JSON_NODE_HOLDS_VALUE (version) &&
          json_node_get_value_type (version) == G_TYPE_INT64)
        outcome->server_version = json_node_get_int (version);
      json_generator_set_root (generator, server_copy);
      outcome->conflict_json = json_generator_to_data (generator, NULL);
    }
  run->summary->conflicts++;
  g_ptr_array_add (run->summary->notes, g_strdup_printf ("%s: version_conflict", run->op->offer_id));
  add_done (self, 1);
  if (!sb_store_finish_op (self->store, run->op->id, outcome, &error))
    {
      run_fail (self, error);
      return;
    }
  step_products_next (self);
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
  g_autoptr(SbSyncResult) outcome = NULL;
  GError *error = NULL;

  written = sb_api_client_delete_product_finish (self->client, result, &error);
  if (written == NULL)
    {
      g_autoptr(GPtrArray) reasons = NULL;

      if (handle_error (self, &error, step_delete) == HANDLED)
        return;
      if (!g_error_matches (error, SB_API_ERROR, SB_API_ERROR_NOT_FOUND))
        {
          /* The product is gone locally; the note is all that can be shown. */
          reasons = reasons_for_error (error);
          note_reasons (self, run->op->offer_id, reasons);
          run->summary->rejected++;
        }
      g_clear_error (&error);
    }
  else
    {
      request_ok (self);
      outcome = sb_sync_result_new (run->op->offer_id);
      outcome->revision = run->op->revision;
      outcome->outcome = SB_SYNC_OUTCOME_ACCEPTED;
      outcome->server_version = written->version;
      outcome->status = written->status;
      run->summary->accepted++;
    }
  add_done (self, 1);
  if (!sb_store_finish_op (self->store, run->op->id, outcome, &error))
    {
      run_fail (self, error);
      return;
    }
  step_products_next (self);
}

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
  sb_api_client_delete_product_async (self->client, run->op->offer_id, run->cancellable,
                                      delete_cb, self);
}

/* ---- pull ---- */

static void
pull_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SbSync *self = user_data;
  Run *run = get_run (self);
  g_autoptr(SbApiStatusPage) page = NULL;
  g_autoptr(GPtrArray) updates = NULL;
  const char *next_cursor;
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
  updates = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sync_result_free);
  for (guint i = 0; i < page->items->len; i++)
    {
      const SbApiProductStatus *status = g_ptr_array_index (page->items, i);
      SbSyncResult *update = sb_sync_result_new (status->offer_id);

      update->outcome = SB_SYNC_OUTCOME_ACCEPTED;
      update->server_version = status->version;
      update->status = status->status;
      for (guint j = 0; j < status->reasons->len; j++)
        g_ptr_array_add (update->reasons, sb_reason_copy (g_ptr_array_index (status->reasons, j)));
      g_ptr_array_add (updates, update);
    }
  /* Without a next_cursor the old one stays: never go back to the start. */
  next_cursor = page->next_cursor != NULL ? page->next_cursor : run->cursor;
  if (!sb_store_apply_pull_page (self->store, updates, next_cursor, &error))
    {
      run_fail (self, error);
      return;
    }
  run->summary->pulled += page->items->len;
  /* Page on until a page is empty or the cursor stops moving (a server may
   * cap pages below the limit asked for); at most a fixed number of pages
   * per run, against a server whose cursor never settles. */
  if (page->items->len > 0 && page->next_cursor != NULL &&
      g_strcmp0 (page->next_cursor, run->cursor) != 0 &&
      ++run->pages < SB_SYNC_MAX_PAGES)
    {
      step_pull (self);
      return;
    }
  step_seller_status (self);
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
