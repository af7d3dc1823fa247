/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-window.c: the main window.  It is built from ui/sb-window.ui, shows
 * the primary menu in its header bar and, until the seller has submitted a
 * profile, a welcome page whose button opens the onboarding wizard; after
 * that, the application's status.  Its size and maximised state are
 * restored from and saved to GSettings.  It opens the catalogue through
 * sb_store_open_or_recover() and, once shown, tells the seller in a dialog
 * when the catalogue could not be opened, was damaged and moved aside, or
 * is read-only.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-onboarding-window.h"
#include "sb-seller-status-view.h"
#include "sb-store-recovery.h"
#include "sb-window.h"

struct _SbWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwHeaderBar   *header_bar;
  GtkMenuButton  *primary_menu_button;
  AdwStatusPage  *welcome_page;
  GtkStack       *main_stack;
  SbSellerStatusView *seller_status_view;

  /* Owned references */
  GSettings      *settings;
  SbStore        *store;       /* (nullable) when it cannot be opened */
  SbOnboardingSession *onboarding;
  char           *store_heading;  /* (nullable) what to tell the seller about */
  char           *store_message;  /* (nullable)   the catalogue, once shown */
};

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_main_page (SbWindow *self)
{
  SbOnboarding *model = sb_onboarding_session_get_model (self->onboarding);

  gtk_stack_set_visible_child_name (self->main_stack,
                                    sb_onboarding_get_status (model) == SB_ONBOARDING_STATUS_DRAFT
                                    ? "welcome" : "seller-status");
}

static void
seller_fix_requested_cb (SbWindow         *self,
                         SbOnboardingStep  step)
{
  sb_onboarding_set_step (sb_onboarding_session_get_model (self->onboarding), step);
  sb_window_show_onboarding (self);
}

static void
seller_refresh_requested_cb (SbWindow *self)
{
  sb_onboarding_session_refresh_async (self->onboarding, NULL, NULL, NULL);
}

static void
set_up_seller_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  sb_window_show_onboarding (SB_WINDOW (widget));
}

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

static gboolean
show_store_problem_cb (gpointer user_data)
{
  sb_window_show_store_problem (SB_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
sb_window_map (GtkWidget *widget)
{
  SbWindow *self = SB_WINDOW (widget);

  GTK_WIDGET_CLASS (sb_window_parent_class)->map (widget);
  if (self->store_message != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_store_problem_cb, g_object_ref (self), g_object_unref);
}

static void
sb_window_finalize (GObject *object)
{
  SbWindow *self = SB_WINDOW (object);

  g_free (self->store_heading);
  g_free (self->store_message);

  G_OBJECT_CLASS (sb_window_parent_class)->finalize (object);
}

static void
sb_window_dispose (GObject *object)
{
  SbWindow *self = SB_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->onboarding);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_window_parent_class)->dispose (object);
}

static void
sb_window_class_init (SbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sb_window_dispose;
  object_class->finalize = sb_window_finalize;
  widget_class->map = sb_window_map;
  window_class->close_request = sb_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, seller_status_view);
  gtk_widget_class_bind_template_callback (widget_class, seller_fix_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, seller_refresh_requested_cb);
  gtk_widget_class_install_action (widget_class, "win.set-up-seller", NULL, set_up_seller_action_cb);

  g_type_ensure (SB_TYPE_SELLER_STATUS_VIEW);
}

static void
sb_window_init (SbWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStoreRecovery) recovery = NULL;
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = sb_store_open_or_recover (NULL, &recovery, &error);
  if (self->store == NULL)
    {
      g_message ("The local database cannot be opened: %s", error->message);
      self->store_heading = g_strdup (_("The Catalogue Cannot Be Opened"));
      self->store_message = g_strdup (error->message);
    }
  else if (recovery != NULL)
    {
      self->store_heading = g_strdup (recovery->read_only ? _("The Catalogue Is Read-Only")
                                                          : _("A New Catalogue Was Started"));
      self->store_message = g_strdup (recovery->message);
    }
  self->onboarding = sb_onboarding_session_new (self->store);
  sb_seller_status_view_set_model (self->seller_status_view,
                                   sb_onboarding_session_get_model (self->onboarding));
  g_signal_connect_object (sb_onboarding_session_get_model (self->onboarding), "notify::status",
                           G_CALLBACK (update_main_page), self, G_CONNECT_SWAPPED);
  update_main_page (self);

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

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
 * sb_window_get_onboarding:
 *
 * Returns: (transfer none): the seller's onboarding session
 */
SbOnboardingSession *
sb_window_get_onboarding (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->onboarding;
}

/**
 * sb_window_show_onboarding:
 *
 * Opens the onboarding wizard on the step the seller left it.
 *
 * Returns: (transfer none): the wizard's window, already presented
 */
GtkWindow *
sb_window_show_onboarding (SbWindow *self)
{
  GtkWindow *wizard;

  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  wizard = GTK_WINDOW (sb_onboarding_window_new (GTK_WINDOW (self), self->onboarding));
  gtk_window_present (wizard);
  return wizard;
}

/**
 * sb_window_show_store_problem:
 *
 * Tells the seller, in a dialog over the window, why the catalogue could
 * not be opened or what was done to open it (moved aside as damaged, with
 * the unsynced products exported; opened read-only).  The window does this
 * by itself once it is shown; each problem is shown once.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when there is
 *   nothing to tell
 */
GtkWindow *
sb_window_show_store_problem (SbWindow *self)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  if (self->store_message == NULL)
    return NULL;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), self->store_heading,
                                                       self->store_message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  g_clear_pointer (&self->store_heading, g_free);
  g_clear_pointer (&self->store_message, g_free);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
