/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-window.c: the main window.  It is built from ui/sb-window.ui, shows
 * the primary menu in its header bar and, until the seller has set up a
 * profile, a welcome page that says what to do first.  Its size and
 * maximised state are restored from and saved to GSettings.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-publish-actions.h"
#include "sb-window.h"

struct _SbWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwHeaderBar   *header_bar;
  GtkMenuButton  *primary_menu_button;
  AdwStatusPage  *welcome_page;
  AdwToastOverlay *toast_overlay;

  /* Owned references */
  GSettings      *settings;
  SbPublishActions *publish;  /* sync, import, export (sb-publish-actions.c) */
};

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

static void
sb_window_save_state (SbWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
sb_window_close_request (GtkWindow *window)
{
  sb_window_save_state (SB_WINDOW (window));
  return GTK_WINDOW_CLASS (sb_window_parent_class)->close_request (window);
}

static void
sb_window_dispose (GObject *object)
{
  SbWindow *self = SB_WINDOW (object);

  g_clear_object (&self->publish);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sb_window_parent_class)->dispose (object);
}

static void
sb_window_class_init (SbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sb_window_dispose;
  window_class->close_request = sb_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, toast_overlay);
}

static void
sb_window_init (SbWindow *self)
{
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->publish = sb_publish_actions_new (ADW_APPLICATION_WINDOW (self), self->header_bar,
                                         self->toast_overlay);

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

SbWindow *
sb_window_new (SbApplication *application)
{
  return g_object_new (SB_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * sb_window_get_publish_actions:
 *
 * Returns: (transfer none): the window's sync, import and export side
 */
SbPublishActions *
sb_window_get_publish_actions (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->publish;
}

/**
 * sb_window_add_toast:
 *
 * Shows @toast over the window's content; takes ownership of it.
 */
void
sb_window_add_toast (SbWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (SB_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
