/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-preferences-window.c: the Preferences window.  It edits the address
 * of the marketplace's Seller API, kept in GSettings, and refuses an
 * address that the contract forbids (plain http to another computer) with
 * the reason shown at the field.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-endpoint.h"
#include "sb-preferences-window.h"

struct _SbPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  AdwEntryRow *endpoint_row;
  GtkLabel    *endpoint_error_label;

  /* Owned references */
  GSettings   *settings;
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
sb_preferences_window_dispose (GObject *object)
{
  SbPreferencesWindow *self = SB_PREFERENCES_WINDOW (object);

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
}

static void
sb_preferences_window_init (SbPreferencesWindow *self)
{
  g_autofree char *endpoint = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  endpoint = g_settings_get_string (self->settings, "endpoint");
  gtk_editable_set_text (GTK_EDITABLE (self->endpoint_row), endpoint);
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
