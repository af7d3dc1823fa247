/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sync-controller.c: runs "Sync now" for the window.  A run looks up the
 * API key for the address in GSettings (keyring or environment), opens the
 * catalogue, and drives core's SbSync, whose network work is asynchronous
 * on the main context and whose database writes are short transactions.
 * The engine's progress and state are mirrored into the controller's
 * properties; a retry after a transient failure and a run stopped by the
 * network are reported through "transient-failure", a refused key through
 * "needs-credentials".  Between runs the status is recomputed from the
 * catalogue on a worker thread with its own SbStore.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-api-client.h"
#include "sb-credentials.h"
#include "sb-sync-controller.h"

struct _SbSyncController
{
  GObject parent_instance;

  /* Owned references */
  char            *db_path;
  SbStore         *store;          /* (nullable) main-thread store, opened on the first run */
  SbSync          *sync;           /* (nullable) the run under way */
  GCancellable    *cancellable;    /* (nullable) of the run under way */
  GSettings       *settings;
  GNetworkMonitor *monitor;        /* (not owned) the default monitor */
  SbSyncSummary   *summary;        /* (nullable) of the last finished run */
  char            *last_error;     /* (nullable) */

  SbBackoff        backoff;
  gboolean         has_backoff;
  gboolean         told_transient; /* one toast per run */
  SbSyncStatus     status;
  guint            done;
  guint            total;
  guint            refresh_serial;
};

G_DEFINE_FINAL_TYPE (SbSyncController, sb_sync_controller, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SbSyncStatus, sb_sync_status,
  G_DEFINE_ENUM_VALUE (SB_SYNC_STATUS_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (SB_SYNC_STATUS_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (SB_SYNC_STATUS_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (SB_SYNC_STATUS_UP_TO_DATE, "up-to-date"),
  G_DEFINE_ENUM_VALUE (SB_SYNC_STATUS_ERRORS, "errors"))

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_STATUS,
  PROP_DONE,
  PROP_TOTAL,
  PROP_LAST_ERROR,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_TRANSIENT_FAILURE,
  SIGNAL_NEEDS_CREDENTIALS,
  SIGNAL_FINISHED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void
set_status (SbSyncController *self,
            SbSyncStatus      status)
{
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
set_progress (SbSyncController *self,
              guint             done,
              guint             total)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->total != total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  if (self->done != done)
    {
      self->done = done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_last_error (SbSyncController *self,
                const char       *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static gboolean
error_is_offline (const GError *error)
{
  return g_error_matches (error, SB_API_ERROR, SB_API_ERROR_NETWORK) ||
         g_error_matches (error, SB_API_ERROR, SB_API_ERROR_TIMEOUT);
}

/* The status between runs, from the catalogue's counts. */
static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) last_sync = NULL;
  gint64 counts[SB_SYNC_ARCHIVED + 1] = { 0 };
  gint64 dirty;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_task_return_int (task, SB_SYNC_STATUS_PENDING);
      return;
    }
  store = sb_store_open (path, &error);
  if (store == NULL || !sb_store_count_by_state (store, counts, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  dirty = sb_store_count_dirty (store, &error);
  if (dirty < 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  last_sync = sb_store_dup_last_sync (store, NULL);
  if (counts[SB_SYNC_REJECTED] > 0 || counts[SB_SYNC_CONFLICT] > 0)
    g_task_return_int (task, SB_SYNC_STATUS_ERRORS);
  else if (dirty == 0 && last_sync != NULL)
    g_task_return_int (task, SB_SYNC_STATUS_UP_TO_DATE);
  else
    g_task_return_int (task, SB_SYNC_STATUS_PENDING);
}

static void
refresh_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  SbSyncController *self = SB_SYNC_CONTROLLER (source);
  g_autoptr(GError) error = NULL;
  gssize status = g_task_propagate_int (G_TASK (result), &error);

  if (GPOINTER_TO_UINT (user_data) != self->refresh_serial || self->cancellable != NULL)
    return;  /* a newer refresh or a run took over */
  if (status < 0)
    {
      set_last_error (self, error->message);
      set_status (self, SB_SYNC_STATUS_ERRORS);
      return;
    }
  if (!g_network_monitor_get_network_available (self->monitor) &&
      status != SB_SYNC_STATUS_ERRORS)
    status = SB_SYNC_STATUS_OFFLINE;
  set_status (self, (SbSyncStatus) status);
}

static void
network_changed_cb (SbSyncController *self,
                    gboolean          available)
{
  if (self->sync != NULL)
    return;
  if (!available)
    set_status (self, SB_SYNC_STATUS_OFFLINE);
  else
    sb_sync_controller_refresh (self);
}

static void
engine_progress_cb (SbSyncController *self,
                    GParamSpec       *pspec,
                    SbSync           *sync)
{
  set_progress (self, sb_sync_get_done (sync), sb_sync_get_total (sync));
}

static void
engine_state_cb (SbSyncController *self,
                 GParamSpec       *pspec,
                 SbSync           *sync)
{
  if (sb_sync_get_state (sync) == SB_SYNC_ENGINE_WAITING && !self->told_transient)
    {
      self->told_transient = TRUE;
      g_signal_emit (self, signals[SIGNAL_TRANSIENT_FAILURE], 0,
                     _("The marketplace did not answer in time. Sellbridge keeps trying."));
    }
}

static void
finish_run (SbSyncController *self)
{
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  g_clear_object (&self->cancellable);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(SbSyncController) self = user_data;
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = sb_sync_run_finish (SB_SYNC (source), result, &error);
  g_clear_pointer (&self->summary, sb_sync_summary_free);
  if (summary == NULL)
    {
      set_last_error (self, error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, SB_SYNC_STATUS_PENDING);
      else if (sb_api_error_is_auth (error))
        {
          set_status (self, SB_SYNC_STATUS_ERRORS);
          g_signal_emit (self, signals[SIGNAL_NEEDS_CREDENTIALS], 0,
                         _("The marketplace refused the API key. Check the key id and secret in Preferences."));
        }
      else if (error_is_offline (error))
        {
          set_status (self, SB_SYNC_STATUS_OFFLINE);
          g_signal_emit (self, signals[SIGNAL_TRANSIENT_FAILURE], 0, error->message);
        }
      else
        {
          set_status (self, SB_SYNC_STATUS_ERRORS);
          if (sb_api_error_is_retryable (error))
            g_signal_emit (self, signals[SIGNAL_TRANSIENT_FAILURE], 0, error->message);
        }
      finish_run (self);
      return;
    }

  self->summary = g_steal_pointer (&summary);
  set_last_error (self, NULL);
  set_progress (self, sb_sync_get_done (SB_SYNC (source)), sb_sync_get_total (SB_SYNC (source)));
  if (self->summary->rejected > 0 || self->summary->conflicts > 0)
    set_status (self, SB_SYNC_STATUS_ERRORS);
  else if (self->summary->pending > 0)
    set_status (self, SB_SYNC_STATUS_PENDING);
  else
    set_status (self, SB_SYNC_STATUS_UP_TO_DATE);
  finish_run (self);
}

static void
fail_before_run (SbSyncController *self,
                 const char       *message,
                 gboolean          credentials)
{
  set_last_error (self, message);
  set_status (self, SB_SYNC_STATUS_ERRORS);
  if (credentials)
    g_signal_emit (self, signals[SIGNAL_NEEDS_CREDENTIALS], 0, message);
  finish_run (self);
}

static void
start_engine (SbSyncController *self,
              SbApiClient      *client)
{
  self->sync = sb_sync_new (self->store, client);
  if (self->has_backoff)
    sb_sync_set_backoff (self->sync, &self->backoff);
  g_signal_connect_swapped (self->sync, "notify::done", G_CALLBACK (engine_progress_cb), self);
  g_signal_connect_swapped (self->sync, "notify::total", G_CALLBACK (engine_progress_cb), self);
  g_signal_connect_swapped (self->sync, "notify::state", G_CALLBACK (engine_state_cb), self);
  sb_sync_run_async (self->sync, self->cancellable, run_cb, g_object_ref (self));
}

/* Opening (and perhaps migrating) the catalogue is disk work: it happens
 * on a worker, and the connection is then used on the main thread only. */
static void
open_store_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  SbStore *store = sb_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
open_store_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SbSyncController *self = SB_SYNC_CONTROLLER (source);
  g_autoptr(SbApiClient) client = user_data;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      set_status (self, SB_SYNC_STATUS_PENDING);
      finish_run (self);
      return;
    }
  if (store == NULL)
    {
      fail_before_run (self, error->message, FALSE);
      return;
    }
  if (self->store == NULL)
    self->store = g_steal_pointer (&store);
  start_engine (self, client);
}

static void
credentials_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SbSyncController) self = user_data;
  g_autoptr(SbCredentials) credentials = NULL;
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  g_autoptr(GTask) task = NULL;

  credentials = sb_credentials_lookup_finish (result, &error);
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      set_status (self, SB_SYNC_STATUS_PENDING);
      finish_run (self);
      return;
    }
  if (credentials == NULL)
    {
      fail_before_run (self,
                       error != NULL ? error->message
                                     : _("No API key is saved for this marketplace. Add the key id and secret in Preferences."),
                       TRUE);
      return;
    }

  endpoint = g_settings_get_string (self->settings, "endpoint");
  client = sb_api_client_new (endpoint, credentials->key_id, credentials->secret, &error);
  if (client == NULL)
    {
      fail_before_run (self, error->message, FALSE);
      return;
    }
  if (self->store != NULL)
    {
      start_engine (self, client);
      return;
    }
  task = g_task_new (self, NULL, open_store_cb, g_steal_pointer (&client));
  g_task_set_task_data (task, g_strdup (self->db_path), g_free);
  g_task_run_in_thread (task, open_store_thread);
}

static void
sb_sync_controller_dispose (GObject *object)
{
  SbSyncController *self = SB_SYNC_CONTROLLER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  self->monitor = NULL;
  g_clear_object (&self->sync);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sb_sync_controller_parent_class)->dispose (object);
}

static void
sb_sync_controller_finalize (GObject *object)
{
  SbSyncController *self = SB_SYNC_CONTROLLER (object);

  g_free (self->db_path);
  g_free (self->last_error);
  g_clear_pointer (&self->summary, sb_sync_summary_free);

  G_OBJECT_CLASS (sb_sync_controller_parent_class)->finalize (object);
}

static void
sb_sync_controller_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SbSyncController *self = SB_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_DONE:
      g_value_set_uint (value, self->done);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_sync_controller_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SbSyncController *self = SB_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_free (self->db_path);
      self->db_path = g_value_dup_string (value);
      if (self->db_path == NULL)
        self->db_path = sb_store_dup_default_path ();
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_sync_controller_class_init (SbSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_sync_controller_dispose;
  object_class->finalize = sb_sync_controller_finalize;
  object_class->get_property = sb_sync_controller_get_property;
  object_class->set_property = sb_sync_controller_set_property;

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, SB_TYPE_SYNC_STATUS, SB_SYNC_STATUS_PENDING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DONE] =
    g_param_spec_uint ("done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A retry after a 429, a 5xx or a dropped connection, or a run stopped
   * by the network: worth a toast, not a dialog. */
  signals[SIGNAL_TRANSIENT_FAILURE] =
    g_signal_new ("transient-failure", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* No key, or the marketplace refused it (401). */
  signals[SIGNAL_NEEDS_CREDENTIALS] =
    g_signal_new ("needs-credentials", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sb_sync_controller_init (SbSyncController *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
  self->monitor = g_network_monitor_get_default ();
  g_signal_connect_swapped (self->monitor, "network-changed", G_CALLBACK (network_changed_cb), self);
}

/**
 * sb_sync_controller_new:
 * @db_path: (nullable): the catalogue file, %NULL for the default
 */
SbSyncController *
sb_sync_controller_new (const char *db_path)
{
  return g_object_new (SB_TYPE_SYNC_CONTROLLER, "db-path", db_path, NULL);
}

const char *
sb_sync_controller_get_db_path (SbSyncController *self)
{
  g_return_val_if_fail (SB_IS_SYNC_CONTROLLER (self), NULL);
  return self->db_path;
}

SbSyncStatus
sb_sync_controller_get_status (SbSyncController *self)
{
  g_return_val_if_fail (SB_IS_SYNC_CONTROLLER (self), SB_SYNC_STATUS_PENDING);
  return self->status;
}

guint
sb_sync_controller_get_done (SbSyncController *self)
{
  g_return_val_if_fail (SB_IS_SYNC_CONTROLLER (self), 0);
  return self->done;
}

guint
sb_sync_controller_get_total (SbSyncController *self)
{
  g_return_val_if_fail (SB_IS_SYNC_CONTROLLER (self), 0);
  return self->total;
}

/**
 * sb_sync_controller_get_last_error:
 *
 * Returns: (nullable): why the last run stopped, translated
 */
const char *
sb_sync_controller_get_last_error (SbSyncController *self)
{
  g_return_val_if_fail (SB_IS_SYNC_CONTROLLER (self), NULL);
  return self->last_error;
}

/**
 * sb_sync_controller_get_summary:
 *
 * Returns: (nullable): what the last finished run did
 */
const SbSyncSummary *
sb_sync_controller_get_summary (SbSyncController *self)
{
  g_return_val_if_fail (SB_IS_SYNC_CONTROLLER (self), NULL);
  return self->summary;
}

/**
 * sb_sync_controller_get_store:
 *
 * The main-thread store the sync runs on, opened on first use; dialogs
 * that resolve a conflict use it for their short writes.
 *
 * Returns: (transfer none) (nullable): the store, or %NULL with @error
 */
SbStore *
sb_sync_controller_get_store (SbSyncController  *self,
                              GError           **error)
{
  g_return_val_if_fail (SB_IS_SYNC_CONTROLLER (self), NULL);

  if (self->store == NULL)
    self->store = sb_store_open (self->db_path, error);
  return self->store;
}

/**
 * sb_sync_controller_set_backoff:
 *
 * Replaces the retry schedule of the following runs (tests use a fast one).
 */
void
sb_sync_controller_set_backoff (SbSyncController *self,
                                const SbBackoff  *backoff)
{
  g_return_if_fail (SB_IS_SYNC_CONTROLLER (self));
  self->backoff = *backoff;
  self->has_backoff = TRUE;
}

/**
 * sb_sync_controller_sync:
 *
 * Starts a run unless one is under way.  Returns at once; follow the
 * properties and the "finished" signal.
 *
 * Returns: %TRUE when a run was started
 */
gboolean
sb_sync_controller_sync (SbSyncController *self)
{
  g_autofree char *endpoint = NULL;

  g_return_val_if_fail (SB_IS_SYNC_CONTROLLER (self), FALSE);

  if (self->cancellable != NULL)
    return FALSE;
  self->cancellable = g_cancellable_new ();
  self->told_transient = FALSE;
  self->refresh_serial++;
  set_last_error (self, NULL);
  set_progress (self, 0, 0);
  set_status (self, SB_SYNC_STATUS_SYNCING);
  endpoint = g_settings_get_string (self->settings, "endpoint");
  sb_credentials_lookup_async (endpoint, self->cancellable, credentials_cb, g_object_ref (self));
  return TRUE;
}

/**
 * sb_sync_controller_cancel:
 *
 * Stops the run under way, if any; what was confirmed stays confirmed.
 */
void
sb_sync_controller_cancel (SbSyncController *self)
{
  g_return_if_fail (SB_IS_SYNC_CONTROLLER (self));
  g_cancellable_cancel (self->cancellable);
}

/**
 * sb_sync_controller_refresh:
 *
 * Recomputes the status from the catalogue on a worker thread, e.g. after
 * an import or an edit.  Does nothing while a run is under way.
 */
void
sb_sync_controller_refresh (SbSyncController *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SB_IS_SYNC_CONTROLLER (self));

  if (self->cancellable != NULL)
    return;
  task = g_task_new (self, NULL, refresh_cb, GUINT_TO_POINTER (++self->refresh_serial));
  g_task_set_task_data (task, g_strdup (self->db_path), g_free);
  g_task_run_in_thread (task, refresh_thread);
}

/**
 * sb_sync_status_dup_label:
 *
 * Returns: (transfer full): the status as the header shows it
 */
char *
sb_sync_status_dup_label (SbSyncStatus status)
{
  switch (status)
    {
    case SB_SYNC_STATUS_PENDING:
      /* Translators: sync state in the header: local changes wait to be sent. */
      return g_strdup (_("Not synced"));
    case SB_SYNC_STATUS_OFFLINE:
      /* Translators: sync state in the header. */
      return g_strdup (_("Offline"));
    case SB_SYNC_STATUS_SYNCING:
      /* Translators: sync state in the header. */
      return g_strdup (_("Syncing…"));
    case SB_SYNC_STATUS_UP_TO_DATE:
      /* Translators: sync state in the header. */
      return g_strdup (_("Up to date"));
    case SB_SYNC_STATUS_ERRORS:
      /* Translators: sync state in the header: some products need attention. */
      return g_strdup (_("Needs attention"));
    default:
      g_return_val_if_reached (NULL);
    }
}
