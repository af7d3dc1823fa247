/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-preferences-window.c: the Preferences window.  It edits the address
 * of the marketplace's Seller API, kept in GSettings, and refuses an
 * address that the contract forbids (plain http to another computer) with
 * the reason shown at the field.  It also edits the API key for that
 * address — key id and secret key, kept in the keyring through
 * sb-credentials — and tests it with one signed request of the API client
 * (asynchronous; the answer is shown under the buttons).  A note says
 * that the interface follows the system's language.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-api-client.h"
#include "sb-credentials.h"
#include "sb-endpoint.h"
#include "sb-preferences-window.h"

struct _SbPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  AdwEntryRow *endpoint_row;
  GtkLabel    *endpoint_error_label;
  AdwEntryRow *key_id_row;
  AdwEntryRow *secret_row;
  GtkButton   *test_button;
  GtkButton   *save_button;
  GtkSpinner  *spinner;
  GtkLabel    *credentials_status_label;

  /* Owned references */
  GSettings    *settings;
  GCancellable *cancellable;  /* of the keyring or network call under way */
  SbApiClient  *test_client;  /* (nullable) while a test runs */
  guint         busy;
  gboolean      loading;      /* filling the rows from the keyring */
  gboolean      last_ok;
};

G_DEFINE_FINAL_TYPE (SbPreferencesWindow, sb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
endpoint_apply_cb (SbPreferencesWindow *self,
                   AdwEntryRow         *row)
{
  sb_preferences_window_set_endpoint (self, gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
endpoint_changed_cb (SbPreferencesWindow *self,
                     AdwEntryRow         *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->endpoint_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->endpoint_error_label), FALSE);
}

static void
set_busy (SbPreferencesWindow *self,
          gboolean             busy)
{
  self->busy += busy ? 1 : -1;
  gtk_spinner_set_spinning (self->spinner, self->busy > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), self->busy == 0);
}

static void
show_credentials_status (SbPreferencesWindow *self,
                         const char          *message,
                         gboolean             ok)
{
  self->last_ok = ok;
  gtk_label_set_text (self->credentials_status_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->credentials_status_label), message != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->credentials_status_label), ok ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->credentials_status_label), ok ? "success" : "error");
}

static void
credentials_changed_cb (SbPreferencesWindow *self)
{
  if (self->loading)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->credentials_status_label), FALSE);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SbPreferencesWindow) self = user_data;
  g_autoptr(SbCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = sb_credentials_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (error != NULL)
    {
      show_credentials_status (self, error->message, FALSE);
      return;
    }
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->key_id_row), credentials != NULL ? credentials->key_id : "");
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), credentials != NULL ? credentials->secret : "");
  self->loading = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
}

static void
load_credentials (SbPreferencesWindow *self)
{
  g_autofree char *endpoint = g_settings_get_string (self->settings, "endpoint");

  set_busy (self, TRUE);
  sb_credentials_lookup_async (endpoint, self->cancellable, lookup_cb, g_object_ref (self));
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sb_credentials_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_credentials_status (self, error->message, FALSE);
      return;
    }
  set_busy (self, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  show_credentials_status (self, _("The API key is saved in your keyring."), TRUE);
}

static void
save_clicked_cb (SbPreferencesWindow *self)
{
  sb_preferences_window_save_credentials (self);
}

static void
test_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SbPreferencesWindow) self = user_data;
  g_autoptr(SbApiStatusPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = sb_api_client_list_products_finish (SB_API_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->test_client);
  set_busy (self, FALSE);
  if (page == NULL)
    {
      g_autofree char *message = NULL;

      if (sb_api_error_is_auth (error))
        message = g_strdup (_("The marketplace refused this key. Check the key id and the secret key, then try again."));
      else
        /* Translators: %s is the reason the connection test failed. */
        message = g_strdup_printf (_("Could not connect: %s"), error->message);
      show_credentials_status (self, message, FALSE);
      return;
    }
  show_credentials_status (self, _("Connected. The marketplace accepted the key."), TRUE);
}

static void
test_clicked_cb (SbPreferencesWindow *self)
{
  sb_preferences_window_test_connection (self);
}

/* Destroyed (unrealized) while a keyring or network call still holds a
 * reference: stop the call, and let go of the parent now, because the
 * last reference may be dropped after the parent window is gone. */
static void
sb_preferences_window_unrealize (GtkWidget *widget)
{
  SbPreferencesWindow *self = SB_PREFERENCES_WINDOW (widget);

  g_cancellable_cancel (self->cancellable);
  GTK_WIDGET_CLASS (sb_preferences_window_parent_class)->unrealize (widget);
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
}

static void
sb_preferences_window_dispose (GObject *object)
{
  SbPreferencesWindow *self = SB_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->test_client);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sb_preferences_window_parent_class)->dispose (object);
}

static void
sb_preferences_window_class_init (SbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_preferences_window_dispose;
  widget_class->unrealize = sb_preferences_window_unrealize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, endpoint_error_label);
  gtk_widget_class_bind_template_callback (widget_class, endpoint_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, endpoint_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, key_id_row);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, secret_row);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, test_button);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, credentials_status_label);
  gtk_widget_class_bind_template_callback (widget_class, credentials_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);
}

static void
sb_preferences_window_init (SbPreferencesWindow *self)
{
  g_autofree char *endpoint = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  endpoint = g_settings_get_string (self->settings, "endpoint");
  gtk_editable_set_text (GTK_EDITABLE (self->endpoint_row), endpoint);
  self->cancellable = g_cancellable_new ();
  load_credentials (self);
}

SbPreferencesWindow *
sb_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (SB_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}

/**
 * sb_preferences_window_set_endpoint:
 *
 * Checks @url and stores it when it is allowed; otherwise shows the reason
 * under the field and keeps the stored address.
 *
 * Returns: %TRUE when the address was stored
 */
gboolean
sb_preferences_window_set_endpoint (SbPreferencesWindow *self,
                                    const char          *url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (SB_IS_PREFERENCES_WINDOW (self), FALSE);

  normalized = sb_endpoint_normalize (url, &error);
  if (normalized == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->endpoint_row), "error");
      gtk_label_set_text (self->endpoint_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->endpoint_error_label), TRUE);
      return FALSE;
    }
  g_settings_set_string (self->settings, "endpoint", normalized);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->endpoint_row)), normalized) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->endpoint_row), normalized);
  endpoint_changed_cb (self, self->endpoint_row);
  load_credentials (self);  /* the key belongs to the address */
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Marketplace address saved")));
  return TRUE;
}

/**
 * sb_preferences_window_save_credentials:
 *
 * Stores the key id and secret of the rows for the current address in the
 * keyring; the outcome is shown under the buttons.
 */
void
sb_preferences_window_save_credentials (SbPreferencesWindow *self)
{
  g_autoptr(SbCredentials) credentials = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *key_id = NULL;
  const char *secret;

  g_return_if_fail (SB_IS_PREFERENCES_WINDOW (self));

  key_id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_id_row))));
  secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  if (*key_id == '\0' || *secret == '\0')
    {
      show_credentials_status (self, _("Enter both the key id and the secret key."), FALSE);
      return;
    }
  endpoint = g_settings_get_string (self->settings, "endpoint");
  credentials = sb_credentials_new (endpoint, key_id, secret);
  set_busy (self, TRUE);
  sb_credentials_store_async (credentials, self->cancellable, store_cb, g_object_ref (self));
}

/**
 * sb_preferences_window_test_connection:
 *
 * Sends one signed request with the key of the rows to the current
 * address; the outcome is shown under the buttons.
 */
void
sb_preferences_window_test_connection (SbPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *key_id = NULL;
  const char *secret;

  g_return_if_fail (SB_IS_PREFERENCES_WINDOW (self));

  if (self->test_client != NULL)
    return;
  key_id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_id_row))));
  secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  if (*key_id == '\0' || *secret == '\0')
    {
      show_credentials_status (self, _("Enter both the key id and the secret key."), FALSE);
      return;
    }
  endpoint = g_settings_get_string (self->settings, "endpoint");
  self->test_client = sb_api_client_new (endpoint, key_id, secret, &error);
  if (self->test_client == NULL)
    {
      show_credentials_status (self, error->message, FALSE);
      return;
    }
  sb_api_client_set_timeout (self->test_client, 15000);
  set_busy (self, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->credentials_status_label), FALSE);
  sb_api_client_list_products_async (self->test_client, NULL, 1, self->cancellable,
                                     test_cb, g_object_ref (self));
}

/**
 * sb_preferences_window_get_busy:
 *
 * Returns: %TRUE while a keyring or connection call is under way
 */
gboolean
sb_preferences_window_get_busy (SbPreferencesWindow *self)
{
  g_return_val_if_fail (SB_IS_PREFERENCES_WINDOW (self), FALSE);
  return self->busy > 0;
}

/**
 * sb_preferences_window_get_credentials_status:
 * @out_ok: (out) (optional): whether it reports a success
 *
 * Returns: (nullable): the message under the key buttons, if shown
 */
const char *
sb_preferences_window_get_credentials_status (SbPreferencesWindow *self,
                                              gboolean            *out_ok)
{
  g_return_val_if_fail (SB_IS_PREFERENCES_WINDOW (self), NULL);
  if (out_ok != NULL)
    *out_ok = self->last_ok;
  if (!gtk_widget_get_visible (GTK_WIDGET (self->credentials_status_label)))
    return NULL;
  return gtk_label_get_text (self->credentials_status_label);
}
