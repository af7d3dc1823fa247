/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-publisher.c: the window's side of publishing.  "Sync now" looks up
 * the API key in the Secret Service (or takes the one set by the caller),
 * builds an SbApiClient for the configured endpoint and runs SbSync on
 * the main context (the engine is asynchronous), forwarding its progress.
 * It sums the outcome up as one state for the header — offline, syncing,
 * up to date, errors — and emits "message" for what deserves a toast:
 * transient failures, rejected products and conflicts, a missing key.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-api-client.h"
#include "sb-api-error.h"
#include "sb-credentials.h"
#include "sb-publisher.h"

struct _SbPublisher
{
  GObject          parent_instance;

  /* Owned references */
  SbStore         *store;
  char            *endpoint;
  SbCredentials   *credentials;   /* (nullable) set by the caller */
  SbSync          *sync;          /* (nullable) while running */
  GCancellable    *cancellable;
  GNetworkMonitor *monitor;       /* (unowned) the default one */

  SbPublishState   state;
  guint            done;
  guint            total;
  gboolean         running;
  guint            busy_retry_id; /* waiting for another run over the store to end */
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_DONE,
  PROP_TOTAL,
  PROP_RUNNING,
  N_PROPS
};

enum {
  SIGNAL_MESSAGE,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SbPublisher, sb_publisher, G_TYPE_OBJECT)

static void
set_state (SbPublisher    *self,
           SbPublishState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_running (SbPublisher *self,
             gboolean     running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
message (SbPublisher *self,
         const char  *text)
{
  g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, text);
}

static void
progress_cb (SbPublisher *self,
             GParamSpec  *pspec,
             SbSync      *sync)
{
  guint done = sb_sync_get_done (sync);
  guint total = sb_sync_get_total (sync);

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
engine_state_cb (SbPublisher *self,
                 GParamSpec  *pspec,
                 SbSync      *sync)
{
  const GError *reason;

  if (sb_sync_get_state (sync) != SB_SYNC_ENGINE_WAITING)
    return;
  /* A 429 is the marketplace pacing the run (another run or client of the
   * same key just sent): the run waits as it is told, nothing to report. */
  reason = sb_sync_get_wait_error (sync);
  if (reason != NULL && g_error_matches (reason, SB_API_ERROR, SB_API_ERROR_RATE_LIMITED))
    return;
  message (self, _("The marketplace did not answer; trying again shortly."));
}

static void
finish (SbPublisher    *self,
        SbPublishState  state)
{
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  set_state (self, state);
  set_running (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

static void run_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data);

static gboolean
busy_retry_cb (gpointer user_data)
{
  SbPublisher *self = user_data;

  self->busy_retry_id = 0;
  sb_sync_run_async (self->sync, self->cancellable, run_done_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SbPublisher) self = user_data;
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  SbSyncEngineState engine_state = sb_sync_get_state (SB_SYNC (source));

  summary = sb_sync_run_finish (SB_SYNC (source), result, &error);
  if (summary == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          finish (self, SB_PUBLISH_IDLE);
          return;
        }
      /* Another run over this catalogue (the onboarding session's, or a
       * sellbridge-cli) holds the engine's lock: stay "Syncing…", wait
       * for it to end and then run, so that whatever was saved meanwhile
       * goes too.  Nothing is shown: the seller asked for a sync and one
       * is happening. */
      if (g_error_matches (error, SB_SYNC_ERROR, SB_SYNC_ERROR_BUSY))
        {
          if (g_cancellable_is_cancelled (self->cancellable))
            {
              finish (self, SB_PUBLISH_IDLE);
              return;
            }
          self->busy_retry_id = g_timeout_add (250, busy_retry_cb, self);
          return;
        }
      if (engine_state == SB_SYNC_ENGINE_NEEDS_CREDENTIALS)
        {
          message (self, _("The marketplace refused the API key. Check it in Preferences."));
          finish (self, SB_PUBLISH_NEEDS_CREDENTIALS);
          return;
        }
      if (!g_network_monitor_get_network_available (self->monitor) ||
          g_error_matches (error, SB_API_ERROR, SB_API_ERROR_NETWORK) ||
          g_error_matches (error, SB_API_ERROR, SB_API_ERROR_TIMEOUT))
        {
          message (self, _("You are offline. Your changes are kept and will be sent when you sync online."));
          finish (self, SB_PUBLISH_OFFLINE);
          return;
        }
      /* Translators: %s says what went wrong. */
      text = g_strdup_printf (_("Sync stopped: %s Nothing was lost; it will be tried again."), error->message);
      message (self, text);
      finish (self, SB_PUBLISH_FAILED);
      return;
    }

  if (summary->rejected > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u product was rejected: open it to see why",
                                                            "%u products were rejected: open them to see why",
                                                            summary->rejected), summary->rejected);
      message (self, text);
    }
  /* Conflicts are told by the window, with a button that opens the
   * conflict dialog. */
  finish (self, summary->rejected > 0 || summary->conflicts > 0 || summary->pending > 0
                ? SB_PUBLISH_ERRORS : SB_PUBLISH_UP_TO_DATE);
}

static void
start_run (SbPublisher         *self,
           const SbCredentials *credentials)
{
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = sb_api_client_new (self->endpoint, credentials->key_id, credentials->secret, &error);
  if (client == NULL)
    {
      message (self, error->message);
      finish (self, SB_PUBLISH_NEEDS_CREDENTIALS);
      return;
    }
  self->sync = sb_sync_new (self->store, client);
  g_signal_connect_object (self->sync, "notify::done", G_CALLBACK (progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::total", G_CALLBACK (progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::state", G_CALLBACK (engine_state_cb), self, G_CONNECT_SWAPPED);
  sb_sync_run_async (self->sync, self->cancellable, run_done_cb, g_object_ref (self));
}

static void
lookup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SbPublisher) self = user_data;
  g_autoptr(SbCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = sb_credentials_lookup_finish (result, &error);
  if (credentials == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          finish (self, SB_PUBLISH_IDLE);
          return;
        }
      message (self, _("Enter the API key your marketplace gave you in Preferences, then sync again."));
      finish (self, SB_PUBLISH_NEEDS_CREDENTIALS);
      return;
    }
  start_run (self, credentials);
}

/**
 * sb_publisher_sync:
 *
 * Starts a sync run unless one is running.  Progress, the state and
 * messages arrive through properties and signals.
 */
void
sb_publisher_sync (SbPublisher *self)
{
  g_return_if_fail (SB_IS_PUBLISHER (self));

  if (self->running)
    return;
  if (!g_network_monitor_get_network_available (self->monitor))
    {
      set_state (self, SB_PUBLISH_OFFLINE);
      message (self, _("You are offline. Your changes are kept and will be sent when you sync online."));
      return;
    }
  self->done = self->total = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
  set_running (self, TRUE);
  set_state (self, SB_PUBLISH_SYNCING);

  if (self->credentials != NULL)
    start_run (self, self->credentials);
  else
    sb_credentials_lookup_async (self->endpoint, self->cancellable, lookup_done_cb, g_object_ref (self));
}

static void
network_changed_cb (SbPublisher *self)
{
  gboolean available = g_network_monitor_get_network_available (self->monitor);

  if (!available && !self->running)
    set_state (self, SB_PUBLISH_OFFLINE);
  else if (available && self->state == SB_PUBLISH_OFFLINE)
    set_state (self, SB_PUBLISH_IDLE);
}

static void
sb_publisher_dispose (GObject *object)
{
  SbPublisher *self = SB_PUBLISHER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->busy_retry_id, g_source_remove);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_publisher_parent_class)->dispose (object);
}

static void
sb_publisher_finalize (GObject *object)
{
  SbPublisher *self = SB_PUBLISHER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->credentials, sb_credentials_free);
  g_free (self->endpoint);

  G_OBJECT_CLASS (sb_publisher_parent_class)->finalize (object);
}

static void
sb_publisher_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SbPublisher *self = SB_PUBLISHER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_DONE:
      g_value_set_uint (value, self->done);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_publisher_class_init (SbPublisherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_publisher_dispose;
  object_class->finalize = sb_publisher_finalize;
  object_class->get_property = sb_publisher_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      SB_PUBLISH_IDLE, SB_PUBLISH_NEEDS_CREDENTIALS, SB_PUBLISH_IDLE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DONE] =
    g_param_spec_uint ("done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbPublisher::message:
   * @text: a sentence for a toast
   */
  signals[SIGNAL_MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * SbPublisher::finished:
   *
   * A run ended (in any way); the store may have changed.
   */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sb_publisher_init (SbPublisher *self)
{
  self->cancellable = g_cancellable_new ();
  self->monitor = g_network_monitor_get_default ();
  g_signal_connect_object (self->monitor, "network-changed",
                           G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * sb_publisher_new:
 * @endpoint: the Seller API's base URL
 */
SbPublisher *
sb_publisher_new (SbStore    *store,
                  const char *endpoint)
{
  SbPublisher *self;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  self = g_object_new (SB_TYPE_PUBLISHER, NULL);
  self->store = g_object_ref (store);
  self->endpoint = g_strdup (endpoint);
  network_changed_cb (self);
  return self;
}

/**
 * sb_publisher_set_credentials:
 *
 * Uses this key instead of looking it up in the Secret Service (for the
 * sandbox and tests).  The secret is not kept anywhere else.
 */
void
sb_publisher_set_credentials (SbPublisher *self,
                              const char  *key_id,
                              const char  *secret)
{
  g_return_if_fail (SB_IS_PUBLISHER (self));

  g_clear_pointer (&self->credentials, sb_credentials_free);
  if (key_id != NULL && secret != NULL)
    self->credentials = sb_credentials_new (self->endpoint, key_id, secret);
}

SbPublishState
sb_publisher_get_state (SbPublisher *self)
{
  g_return_val_if_fail (SB_IS_PUBLISHER (self), SB_PUBLISH_IDLE);
  return self->state;
}

/**
 * sb_publisher_get_state_text:
 *
 * Returns: the state in a few words, for the header
 */
const char *
sb_publisher_get_state_text (SbPublisher *self)
{
  g_return_val_if_fail (SB_IS_PUBLISHER (self), NULL);

  switch (self->state)
    {
    case SB_PUBLISH_OFFLINE:
      return C_("sync state", "Offline");
    case SB_PUBLISH_SYNCING:
      return C_("sync state", "Syncing…");
    case SB_PUBLISH_UP_TO_DATE:
      return C_("sync state", "Up to date");
    case SB_PUBLISH_ERRORS:
      /* Translators: some products were rejected or are in conflict. */
      return C_("sync state", "Needs attention");
    case SB_PUBLISH_FAILED:
      return C_("sync state", "Sync failed");
    case SB_PUBLISH_NEEDS_CREDENTIALS:
      return C_("sync state", "API key needed");
    case SB_PUBLISH_IDLE:
    default:
      return C_("sync state", "Not synced yet");
    }
}

guint
sb_publisher_get_done (SbPublisher *self)
{
  g_return_val_if_fail (SB_IS_PUBLISHER (self), 0);
  return self->done;
}

guint
sb_publisher_get_total (SbPublisher *self)
{
  g_return_val_if_fail (SB_IS_PUBLISHER (self), 0);
  return self->total;
}

gboolean
sb_publisher_get_running (SbPublisher *self)
{
  g_return_val_if_fail (SB_IS_PUBLISHER (self), FALSE);
  return self->running;
}
