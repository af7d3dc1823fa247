/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-session.c: the controller behind the onboarding wizard and
 * the main window's status view.  It restores the wizard's progress from
 * the store's settings and saves it again after every change, so that a
 * restart resumes on the same step with the same values.  Submitting
 * saves the seller profile in the store, which queues it in the outbox in
 * the same transaction, and lets the sync engine send it; without a
 * network the application simply stays queued and goes out by itself when
 * the network comes back (or at the next periodic try).  While the
 * marketplace reviews the application its status is asked for now and
 * then.  Only core calls: no SQL or HTTP here, and nothing blocks.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-api-client.h"
#include "sb-local-sandbox.h"
#include "sb-onboarding-session.h"
#include "sb-sync.h"

#define SAVE_DELAY_MS     300
#define RETRY_INTERVAL_S  30

struct _SbOnboardingSession
{
  GObject          parent_instance;

  /* Owned references */
  SbOnboarding    *model;
  SbStore         *store;         /* (nullable) */
  SbCredentials   *credentials;   /* (nullable) */
  SbSync          *sync;          /* (nullable) while a run goes on */
  GCancellable    *cancellable;

  guint            save_source;
  guint            retry_source;
  gulong           network_id;
  gboolean         busy;
};

G_DEFINE_FINAL_TYPE (SbOnboardingSession, sb_onboarding_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void send_queued (SbOnboardingSession *self,
                         GTask               *task);

static void
set_busy (SbOnboardingSession *self,
          gboolean             busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  SbOnboardingSession *self = user_data;
  g_autoptr(GError) error = NULL;

  self->save_source = 0;
  if (!sb_onboarding_session_save (self, &error))
    g_warning ("The onboarding progress was not saved: %s", error->message);
  return G_SOURCE_REMOVE;
}

static gboolean
retry_timeout_cb (gpointer user_data)
{
  SbOnboardingSession *self = user_data;
  SbOnboardingStatus status = sb_onboarding_get_status (self->model);

  if (self->busy)
    return G_SOURCE_CONTINUE;
  if (status == SB_ONBOARDING_STATUS_QUEUED)
    send_queued (self, NULL);
  else if (status == SB_ONBOARDING_STATUS_SUBMITTED)
    sb_onboarding_session_refresh_async (self, NULL, NULL, NULL);
  return G_SOURCE_CONTINUE;
}

static void
network_changed_cb (GNetworkMonitor     *monitor,
                    gboolean             available,
                    SbOnboardingSession *self)
{
  if (available && !self->busy &&
      sb_onboarding_get_status (self->model) == SB_ONBOARDING_STATUS_QUEUED)
    send_queued (self, NULL);
}

/* Asks for news while the application waits in the outbox or under
 * review, and stops once there is nothing left to wait for. */
static void
update_retry (SbOnboardingSession *self)
{
  SbOnboardingStatus status = sb_onboarding_get_status (self->model);
  gboolean waiting = self->store != NULL &&
                     (status == SB_ONBOARDING_STATUS_QUEUED || status == SB_ONBOARDING_STATUS_SUBMITTED);

  if (waiting && self->retry_source == 0)
    self->retry_source = g_timeout_add_seconds (RETRY_INTERVAL_S, retry_timeout_cb, self);
  else if (!waiting)
    g_clear_handle_id (&self->retry_source, g_source_remove);
}

static void
model_notify_cb (SbOnboardingSession *self,
                 GParamSpec          *pspec)
{
  if (self->store == NULL)
    return;
  if (g_str_equal (pspec->name, "status"))
    update_retry (self);
  /* A new step is saved at once; typing is saved a moment later. */
  if (g_str_equal (pspec->name, "step") || g_str_equal (pspec->name, "status"))
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      save_timeout_cb (self);
    }
  else if (self->save_source == 0)
    self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* One indexed lookup: reading every pending op here (one per product of a
 * catalogue not synced yet) cost the window's start 10 MiB and a stall. */
static gboolean
seller_op_pending (SbOnboardingSession *self)
{
  return sb_store_has_pending_op (self->store, SB_OUTBOX_PUT_SELLER, NULL);
}

/* Takes the status the store has from the marketplace into the model. */
static void
load_status_from_store (SbOnboardingSession *self)
{
  g_autoptr(GPtrArray) reasons = NULL;
  g_autofree char *text = NULL;
  SbOnboardingStatus status;

  text = sb_store_dup_seller_status (self->store, &reasons, NULL);
  if (seller_op_pending (self))
    {
      /* A 422 leaves the profile queued with the field errors. */
      if (reasons != NULL && reasons->len > 0)
        sb_onboarding_set_review (self->model, SB_ONBOARDING_STATUS_REJECTED, reasons);
      else
        sb_onboarding_set_review (self->model, SB_ONBOARDING_STATUS_QUEUED, NULL);
      return;
    }
  if (sb_onboarding_status_from_string (text, &status) &&
      status >= SB_ONBOARDING_STATUS_SUBMITTED)
    sb_onboarding_set_review (self->model, status,
                              status == SB_ONBOARDING_STATUS_REJECTED ? reasons : NULL);
}

static void
sb_onboarding_session_dispose (GObject *object)
{
  SbOnboardingSession *self = SB_ONBOARDING_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  if (self->save_source != 0)
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      save_timeout_cb (self);
    }
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_signal_handler (&self->network_id, g_network_monitor_get_default ());
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->sync);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->credentials, sb_credentials_free);

  G_OBJECT_CLASS (sb_onboarding_session_parent_class)->dispose (object);
}

static void
sb_onboarding_session_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SbOnboardingSession *self = SB_ONBOARDING_SESSION (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_onboarding_session_class_init (SbOnboardingSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_onboarding_session_dispose;
  object_class->get_property = sb_onboarding_session_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_onboarding_session_init (SbOnboardingSession *self)
{
  self->model = sb_onboarding_new ();
  self->cancellable = g_cancellable_new ();
}

static void
credentials_found_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SbOnboardingSession) self = user_data;
  g_autoptr(SbCredentials) credentials = sb_credentials_lookup_finish (result, NULL);

  if (credentials == NULL || self->credentials != NULL || self->model == NULL)
    return;
  sb_onboarding_session_set_credentials (self, credentials);
  if (sb_onboarding_get_status (self->model) == SB_ONBOARDING_STATUS_QUEUED)
    send_queued (self, NULL);
}

static void
sandbox_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SbLocalSandbox *sandbox = SB_LOCAL_SANDBOX (object);
  g_autoptr(SbOnboardingSession) self = user_data;
  g_autoptr(SbCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  if (!sb_local_sandbox_start_finish (sandbox, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("%s", error->message);
      return;
    }
  if (self->model == NULL || !sb_onboarding_get_use_sandbox (self->model))
    return;
  /* The sandbox may listen on another port than last time. */
  sb_onboarding_set_text (self->model, "endpoint", sb_local_sandbox_get_url (sandbox));
  sb_onboarding_set_text (self->model, "access-key", sb_local_sandbox_get_key_id (sandbox));
  credentials = sb_credentials_new (sb_local_sandbox_get_url (sandbox),
                                    sb_local_sandbox_get_key_id (sandbox),
                                    sb_local_sandbox_get_secret (sandbox));
  sb_onboarding_session_set_credentials (self, credentials);
  if (sb_onboarding_get_status (self->model) == SB_ONBOARDING_STATUS_QUEUED)
    send_queued (self, NULL);
  else if (sb_onboarding_get_status (self->model) == SB_ONBOARDING_STATUS_SUBMITTED)
    sb_onboarding_session_refresh_async (self, NULL, NULL, NULL);
}

/**
 * sb_onboarding_session_new:
 * @store: (nullable): the store to keep progress and the profile in;
 *   without one nothing is saved and nothing can be submitted
 *
 * Restores the saved progress and the application's status.
 */
SbOnboardingSession *
sb_onboarding_session_new (SbStore *store)
{
  SbOnboardingSession *self = g_object_new (SB_TYPE_ONBOARDING_SESSION, NULL);

  if (store != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *progress = NULL;
      const char *endpoint;

      self->store = g_object_ref (store);
      progress = sb_store_get_setting (store, SB_ONBOARDING_PROGRESS_KEY, &error);
      if (progress != NULL && !sb_onboarding_load_json (self->model, progress, &error))
        g_warning ("%s", error->message);
      else if (error != NULL)
        g_warning ("The onboarding progress cannot be read: %s", error->message);
      load_status_from_store (self);

      endpoint = sb_onboarding_get_text (self->model, "endpoint");
      if (sb_onboarding_get_use_sandbox (self->model) &&
          sb_onboarding_get_status (self->model) != SB_ONBOARDING_STATUS_DRAFT)
        sb_local_sandbox_start_async (sb_local_sandbox_get_default (), self->cancellable,
                                      sandbox_ready_cb, g_object_ref (self));
      else if (*endpoint != '\0')
        sb_credentials_lookup_async (endpoint, self->cancellable, credentials_found_cb, g_object_ref (self));
      self->network_id = g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                                                  G_CALLBACK (network_changed_cb), self, 0);
      update_retry (self);
    }
  g_signal_connect_object (self->model, "notify", G_CALLBACK (model_notify_cb), self, G_CONNECT_SWAPPED);
  return self;
}

SbOnboarding *
sb_onboarding_session_get_model (SbOnboardingSession *self)
{
  g_return_val_if_fail (SB_IS_ONBOARDING_SESSION (self), NULL);
  return self->model;
}

/**
 * sb_onboarding_session_reload_status:
 *
 * Takes the application's review status from the store into the model.
 * The window calls it after every sync run it started, since the sync
 * engine pulls the seller's status into the store.
 */
void
sb_onboarding_session_reload_status (SbOnboardingSession *self)
{
  g_return_if_fail (SB_IS_ONBOARDING_SESSION (self));

  if (self->store != NULL)
    load_status_from_store (self);
}

/**
 * sb_onboarding_session_get_store:
 *
 * Returns: (transfer none) (nullable):
 */
SbStore *
sb_onboarding_session_get_store (SbOnboardingSession *self)
{
  g_return_val_if_fail (SB_IS_ONBOARDING_SESSION (self), NULL);
  return self->store;
}

/**
 * sb_onboarding_session_get_credentials:
 *
 * Returns: (transfer none) (nullable): the key the application is sent with
 */
SbCredentials *
sb_onboarding_session_get_credentials (SbOnboardingSession *self)
{
  g_return_val_if_fail (SB_IS_ONBOARDING_SESSION (self), NULL);
  return self->credentials;
}

void
sb_onboarding_session_set_credentials (SbOnboardingSession *self,
                                       const SbCredentials *credentials)
{
  g_return_if_fail (SB_IS_ONBOARDING_SESSION (self));

  g_clear_pointer (&self->credentials, sb_credentials_free);
  if (credentials != NULL)
    self->credentials = sb_credentials_copy (credentials);
}

gboolean
sb_onboarding_session_get_busy (SbOnboardingSession *self)
{
  g_return_val_if_fail (SB_IS_ONBOARDING_SESSION (self), FALSE);
  return self->busy;
}

/**
 * sb_onboarding_session_save:
 *
 * Saves the progress now.  It is also saved by itself after every change.
 */
gboolean
sb_onboarding_session_save (SbOnboardingSession  *self,
                            GError              **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (SB_IS_ONBOARDING_SESSION (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->store == NULL)
    return TRUE;
  json = sb_onboarding_to_json (self->model);
  return sb_store_set_setting (self->store, SB_ONBOARDING_PROGRESS_KEY, json, error);
}

/* Sending --------------------------------------------------------------- */

static gboolean
busy_retry_cb (gpointer user_data)
{
  GTask *task = user_data;
  SbOnboardingSession *self = g_task_get_source_object (task);

  set_busy (self, FALSE);
  send_queued (self, g_object_ref (task));
  return G_SOURCE_REMOVE;
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SbOnboardingSession *self = g_task_get_source_object (task);
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = sb_sync_run_finish (SB_SYNC (object), result, &error);
  g_clear_object (&self->sync);
  /* Another run over the store (the window's "Sync now", a
   * sellbridge-cli) holds the sync lock: stay busy, wait for it to end and
   * run then, so the submission does not fail for it. */
  if (g_error_matches (error, SB_SYNC_ERROR, SB_SYNC_ERROR_BUSY) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_timeout_add_full (G_PRIORITY_DEFAULT, 250, busy_retry_cb, g_steal_pointer (&task),
                          g_object_unref);
      return;
    }
  set_busy (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, SB_SYNC_ERROR, SB_SYNC_ERROR_BUSY))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  load_status_from_store (self);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (sb_onboarding_get_status (self->model) == SB_ONBOARDING_STATUS_QUEUED)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The marketplace did not confirm the application. Sellbridge will send it again."));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* Lets the sync engine drain the outbox, where the profile waits. */
static void
send_queued (SbOnboardingSession *self,
             GTask               *task_in)
{
  g_autoptr(GTask) task = task_in != NULL ? task_in : g_task_new (self, self->cancellable, NULL, NULL);
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(GError) error = NULL;
  SbBackoff backoff = { 0 };
  GCancellable *cancellable;

  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The application is being sent already."));
      return;
    }
  if (self->credentials == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                               _("The secret key is missing. Enter it again on the Marketplace Connection step."));
      return;
    }
  client = sb_api_client_new (self->credentials->endpoint, self->credentials->key_id,
                              self->credentials->secret, &error);
  if (client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sb_api_client_set_timeout (client, 20000);
  self->sync = sb_sync_new (self->store, client);
  /* A few quick tries: the session tries again later by itself. */
  sb_backoff_init_default (&backoff);
  backoff.cap_ms = 4000;
  backoff.max_attempts = 2;
  sb_sync_set_backoff (self->sync, &backoff);
  set_busy (self, TRUE);
  cancellable = g_task_get_cancellable (task);
  sb_sync_run_async (self->sync, cancellable, sync_done_cb, g_steal_pointer (&task));
}

/**
 * sb_onboarding_session_submit_async:
 *
 * Saves the seller profile in the store (which queues it in the outbox),
 * marks the application queued, and sends it.
 */
void
sb_onboarding_session_submit_async (SbOnboardingSession *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(JsonNode) seller = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  g_return_if_fail (SB_IS_ONBOARDING_SESSION (self));
  g_task_set_source_tag (task, sb_onboarding_session_submit_async);

  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("Sellbridge’s local database is not open, so the application cannot be saved."));
      return;
    }
  seller = sb_onboarding_build_seller (self->model, &error);
  if (seller == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  json = json_to_string (seller, FALSE);
  if (!sb_store_save_seller_json (self->store, json, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sb_onboarding_set_review (self->model, SB_ONBOARDING_STATUS_QUEUED, NULL);
  sb_onboarding_set_step (self->model, SB_ONBOARDING_STEP_STATUS);
  send_queued (self, g_steal_pointer (&task));
}

/**
 * sb_onboarding_session_submit_finish:
 *
 * Returns: %TRUE when the marketplace received the application; %FALSE
 *   with @error otherwise, the application then staying queued when the
 *   marketplace could not be reached (the model's status says so)
 */
gboolean
sb_onboarding_session_submit_finish (SbOnboardingSession  *self,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
seller_fetched_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SbOnboardingSession *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = sb_api_client_get_seller_finish (SB_API_CLIENT (object), result, &error);
  set_busy (self, FALSE);
  if (profile == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (profile) ||
      !sb_onboarding_apply_profile (self->model, json_node_get_object (profile), &error))
    {
      if (error == NULL)
        g_set_error_literal (&error, SB_API_ERROR, SB_API_ERROR_BAD_RESPONSE,
                             _("The marketplace sent a seller profile Sellbridge cannot read."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->store != NULL)
    {
      const char *status = sb_onboarding_status_to_string (sb_onboarding_get_status (self->model));

      if (!sb_store_set_seller_status (self->store, status, sb_onboarding_get_reasons (self->model), &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * sb_onboarding_session_refresh_async:
 *
 * Sends a queued application, or else asks the marketplace for the
 * application's review status.
 */
void
sb_onboarding_session_refresh_async (SbOnboardingSession *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable != NULL ? cancellable : self->cancellable,
                                      callback, user_data);
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *task_cancellable;

  g_return_if_fail (SB_IS_ONBOARDING_SESSION (self));
  g_task_set_source_tag (task, sb_onboarding_session_refresh_async);

  if (self->store != NULL && sb_onboarding_get_status (self->model) == SB_ONBOARDING_STATUS_QUEUED)
    {
      send_queued (self, g_steal_pointer (&task));
      return;
    }
  if (self->busy)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->credentials == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                               _("The secret key is missing. Enter it again on the Marketplace Connection step."));
      return;
    }
  client = sb_api_client_new (self->credentials->endpoint, self->credentials->key_id,
                              self->credentials->secret, &error);
  if (client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  set_busy (self, TRUE);
  task_cancellable = g_task_get_cancellable (task);
  sb_api_client_get_seller_async (client, task_cancellable, seller_fetched_cb, g_steal_pointer (&task));
}

gboolean
sb_onboarding_session_refresh_finish (SbOnboardingSession  *self,
                                      GAsyncResult         *result,
                                      GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
