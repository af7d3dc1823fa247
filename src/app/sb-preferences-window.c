/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-preferences-window.c: the Preferences window.  It edits the address
 * of the marketplace's Seller API, kept in GSettings, and refuses an
 * address that the contract forbids (plain http to another computer) with
 * the reason shown at the field; and the API key for that address, kept
 * in the Secret Service (sb-credentials), never in GSettings or SQLite.
 */
#include "config.h"

#include <glib/gi18n.h>

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
  AdwPasswordEntryRow *secret_row;
  GtkLabel    *key_status_label;
  GtkWidget   *save_key_button;

  /* Owned references */
  GSettings   *settings;
  GCancellable *cancellable;

  gboolean     saving_key;
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
key_stored_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving_key = FALSE;
  if (!sb_credentials_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_text (self->key_status_label, error->message);
      gtk_widget_set_sensitive (self->save_key_button, TRUE);
      return;
    }
  gtk_widget_set_sensitive (self->save_key_button, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  gtk_label_set_text (self->key_status_label, _("A key for this address is in your keyring."));
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("API key saved in your keyring")));
}

/**
 * sb_preferences_window_save_key:
 *
 * Stores the access key id and secret typed in the window for the saved
 * marketplace address, in the Secret Service.  The outcome is shown under
 * the fields and in a toast.
 *
 * Returns: %FALSE when a field is empty (and says so), %TRUE when the key
 *   is being stored
 */
gboolean
sb_preferences_window_save_key (SbPreferencesWindow *self)
{
  g_autoptr(SbCredentials) credentials = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *key_id = NULL;
  const char *secret;

  g_return_val_if_fail (SB_IS_PREFERENCES_WINDOW (self), FALSE);

  key_id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_id_row))));
  secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  if (key_id[0] == '\0' || secret[0] == '\0')
    {
      gtk_label_set_text (self->key_status_label,
                          _("Enter both the access key ID and the secret key from your seller portal."));
      return FALSE;
    }
  endpoint = g_settings_get_string (self->settings, "endpoint");
  credentials = sb_credentials_new (endpoint, key_id, secret);
  self->saving_key = TRUE;
  gtk_widget_set_sensitive (self->save_key_button, FALSE);
  sb_credentials_store_async (credentials, self->cancellable, key_stored_cb, g_object_ref (self));
  return TRUE;
}

/**
 * sb_preferences_window_get_saving_key:
 *
 * Returns: %TRUE while the key is being stored
 */
gboolean
sb_preferences_window_get_saving_key (SbPreferencesWindow *self)
{
  g_return_val_if_fail (SB_IS_PREFERENCES_WINDOW (self), FALSE);
  return self->saving_key;
}

static void
save_key_clicked_cb (SbPreferencesWindow *self)
{
  sb_preferences_window_save_key (self);
}

static void
key_found_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SbPreferencesWindow) self = user_data;
  g_autoptr(SbCredentials) credentials = sb_credentials_lookup_finish (result, NULL);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (credentials == NULL)
    {
      gtk_label_set_text (self->key_status_label, _("No key saved for this address yet."));
      return;
    }
  /* The id is not secret; the secret stays in the keyring. */
  gtk_editable_set_text (GTK_EDITABLE (self->key_id_row), credentials->key_id);
  gtk_label_set_text (self->key_status_label, _("A key for this address is in your keyring."));
}

static void
sb_preferences_window_dispose (GObject *object)
{
  SbPreferencesWindow *self = SB_PREFERENCES_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, endpoint_error_label);
  gtk_widget_class_bind_template_callback (widget_class, endpoint_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, endpoint_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, key_id_row);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, secret_row);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, key_status_label);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, save_key_button);
  gtk_widget_class_bind_template_callback (widget_class, save_key_clicked_cb);
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
  sb_credentials_lookup_async (endpoint, self->cancellable, key_found_cb, g_object_ref (self));
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
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Marketplace address saved")));
  return TRUE;
}
