/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-window.c: the onboarding wizard.  One page per step in a
 * stack, Back and Next (Submit on the review step) in the header bar, the
 * step's name and number as the title.  Next checks the page and shows
 * every message at its field; Enter in any field does the same; Alt+Left
 * and Alt+Right go back and forth.  The window follows the model's step,
 * so progress restored from the store opens on the step the seller left.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-api-error.h"
#include "sb-onboarding-connection-page.h"
#include "sb-onboarding-country-page.h"
#include "sb-onboarding-identity-page.h"
#include "sb-onboarding-payout-page.h"
#include "sb-onboarding-review-page.h"
#include "sb-onboarding-shipping-page.h"
#include "sb-onboarding-store-page.h"
#include "sb-onboarding-window.h"
#include "sb-seller-status-view.h"

struct _SbOnboardingWindow
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkButton          *back_button;
  GtkButton          *next_button;
  GtkStack           *stack;
  SbSellerStatusView *status_view;

  /* Owned references */
  SbOnboardingSession *session;
  SbOnboarding       *model;
  GCancellable       *cancellable;
  SbOnboardingStep    last_step;
  GtkWidget          *pages[SB_ONBOARDING_N_STEPS];  /* (unowned) children of @stack */
};

G_DEFINE_FINAL_TYPE (SbOnboardingWindow, sb_onboarding_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_step (SbOnboardingWindow *self)
{
  SbOnboardingStep step = sb_onboarding_get_step (self->model);
  g_autofree char *subtitle = NULL;

  gtk_stack_set_visible_child (self->stack, self->pages[step]);
  adw_window_title_set_title (self->window_title, sb_onboarding_step_get_title (step));
  if (step < SB_ONBOARDING_STEP_STATUS)
    /* Translators: the wizard's subtitle, e.g. "Step 2 of 7". */
    subtitle = g_strdup_printf (_("Step %u of %u"), (guint) step + 1, (guint) SB_ONBOARDING_STEP_STATUS);
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");

  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          step > SB_ONBOARDING_STEP_COUNTRY && step < SB_ONBOARDING_STEP_STATUS);
  if (step == SB_ONBOARDING_STEP_REVIEW)
    gtk_button_set_label (self->next_button, _("_Submit"));
  else if (step == SB_ONBOARDING_STEP_STATUS)
    gtk_button_set_label (self->next_button, _("_Done"));
  else
    gtk_button_set_label (self->next_button, _("_Next"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "onboarding.back",
                                 step > SB_ONBOARDING_STEP_COUNTRY && step < SB_ONBOARDING_STEP_STATUS);
}

static void
next_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SbOnboardingWindow *self = SB_ONBOARDING_WINDOW (widget);
  SbOnboardingStep step = sb_onboarding_get_step (self->model);

  if (step == SB_ONBOARDING_STEP_STATUS)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (step == SB_ONBOARDING_STEP_REVIEW)
    {
      gtk_widget_activate_action (widget, "onboarding.submit", NULL);
      return;
    }
  if (!sb_onboarding_page_check (SB_ONBOARDING_PAGE (self->pages[step]), step, TRUE))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  sb_onboarding_go_next (self->model, NULL);
}

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SbOnboardingWindow *self = SB_ONBOARDING_WINDOW (widget);

  sb_onboarding_go_back (self->model);
}

static void
go_to_step_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SbOnboardingWindow *self = SB_ONBOARDING_WINDOW (widget);
  SbOnboardingStep step;

  if (!sb_onboarding_step_from_string (g_variant_get_string (parameter, NULL), &step) ||
      step >= SB_ONBOARDING_STEP_STATUS)
    return;
  sb_onboarding_set_step (self->model, step);
}

static void
toast (SbOnboardingWindow *self,
       const char         *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SbOnboardingWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->model == NULL)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "onboarding.submit", TRUE);
  if (sb_onboarding_session_submit_finish (SB_ONBOARDING_SESSION (object), result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Offline or the marketplace down: the application waits in the queue. */
  if (sb_onboarding_get_status (self->model) == SB_ONBOARDING_STATUS_QUEUED &&
      error->domain == SB_API_ERROR && sb_api_error_is_retryable (error))
    toast (self, _("No connection: your application is queued."));
  else
    toast (self, error->message);
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SbOnboardingWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->model == NULL ||
      sb_onboarding_session_refresh_finish (SB_ONBOARDING_SESSION (object), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (sb_onboarding_get_status (self->model) == SB_ONBOARDING_STATUS_QUEUED &&
      error->domain == SB_API_ERROR && sb_api_error_is_retryable (error))
    toast (self, _("Still no connection: your application stays queued."));
  else
    toast (self, error->message);
}

static void
refresh_requested_cb (SbOnboardingWindow *self)
{
  sb_onboarding_session_refresh_async (self->session, self->cancellable, refreshed_cb, g_object_ref (self));
}

static void
submit_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbOnboardingWindow *self = SB_ONBOARDING_WINDOW (widget);
  SbOnboardingStep invalid = sb_onboarding_find_invalid_step (self->model);
  g_autoptr(SbCredentials) credentials = NULL;

  if (invalid != SB_ONBOARDING_STEP_REVIEW)
    {
      /* Take the seller to what is missing, with the messages shown. */
      sb_onboarding_set_step (self->model, invalid);
      sb_onboarding_page_check (SB_ONBOARDING_PAGE (self->pages[invalid]), invalid, TRUE);
      return;
    }
  if (sb_onboarding_session_get_busy (self->session))
    return;
  credentials = sb_onboarding_connection_page_dup_credentials (SB_ONBOARDING_CONNECTION_PAGE (self->pages[SB_ONBOARDING_STEP_CONNECTION]));
  if (credentials != NULL)
    sb_onboarding_session_set_credentials (self->session, credentials);
  else if (sb_onboarding_session_get_credentials (self->session) == NULL)
    {
      /* After a restart without a keyring: ask for the secret key again. */
      sb_onboarding_set_step (self->model, SB_ONBOARDING_STEP_CONNECTION);
      sb_onboarding_page_check (SB_ONBOARDING_PAGE (self->pages[SB_ONBOARDING_STEP_CONNECTION]),
                                SB_ONBOARDING_STEP_CONNECTION, TRUE);
      return;
    }
  gtk_widget_action_set_enabled (widget, "onboarding.submit", FALSE);
  sb_onboarding_session_submit_async (self->session, self->cancellable, submitted_cb, g_object_ref (self));
}

static void
fix_requested_cb (SbOnboardingWindow *self,
                  SbOnboardingStep    step)
{
  sb_onboarding_set_step (self->model, step);
}

static void
load_shipping (SbOnboardingWindow *self)
{
  g_autoptr(SbCredentials) credentials =
    sb_onboarding_connection_page_dup_credentials (SB_ONBOARDING_CONNECTION_PAGE (self->pages[SB_ONBOARDING_STEP_CONNECTION]));

  sb_onboarding_shipping_page_load (SB_ONBOARDING_SHIPPING_PAGE (self->pages[SB_ONBOARDING_STEP_SHIPPING]),
                                    sb_onboarding_session_get_store (self->session),
                                    credentials != NULL ? credentials : sb_onboarding_session_get_credentials (self->session));
}

static void
step_changed_cb (SbOnboardingWindow *self)
{
  SbOnboardingStep step = sb_onboarding_get_step (self->model);
  SbOnboardingConnectionPage *connection = SB_ONBOARDING_CONNECTION_PAGE (self->pages[SB_ONBOARDING_STEP_CONNECTION]);

  if (self->last_step == SB_ONBOARDING_STEP_CONNECTION && step > SB_ONBOARDING_STEP_CONNECTION)
    {
      g_autoptr(SbCredentials) credentials = sb_onboarding_connection_page_dup_credentials (connection);

      if (credentials != NULL)
        sb_onboarding_session_set_credentials (self->session, credentials);
      sb_onboarding_connection_page_save_credentials (connection);
    }
  if (step == SB_ONBOARDING_STEP_SHIPPING)
    load_shipping (self);
  if (step == SB_ONBOARDING_STEP_REVIEW)
    sb_onboarding_review_page_set_carriers (SB_ONBOARDING_REVIEW_PAGE (self->pages[SB_ONBOARDING_STEP_REVIEW]),
                                            sb_onboarding_shipping_page_get_carriers (SB_ONBOARDING_SHIPPING_PAGE (self->pages[SB_ONBOARDING_STEP_SHIPPING])));
  self->last_step = step;

  update_step (self);
  if (step < SB_ONBOARDING_STEP_REVIEW)
    {
      const char * const *fields = sb_onboarding_step_get_fields (step);

      for (guint i = 0; fields[i] != NULL; i++)
        if (sb_onboarding_field_applies (self->model, fields[i]))
          {
            sb_onboarding_page_focus_field (SB_ONBOARDING_PAGE (self->pages[step]), fields[i]);
            break;
          }
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
sb_onboarding_window_constructed (GObject *object)
{
  SbOnboardingWindow *self = SB_ONBOARDING_WINDOW (object);

  G_OBJECT_CLASS (sb_onboarding_window_parent_class)->constructed (object);

  if (self->session == NULL)
    self->session = sb_onboarding_session_new (NULL);
  self->model = g_object_ref (sb_onboarding_session_get_model (self->session));
  self->last_step = sb_onboarding_get_step (self->model);
  for (SbOnboardingStep step = 0; step < SB_ONBOARDING_STEP_STATUS; step++)
    sb_onboarding_page_set_model (SB_ONBOARDING_PAGE (self->pages[step]), self->model);
  sb_seller_status_view_set_model (self->status_view, self->model);
  g_signal_connect_object (self->model, "notify::step", G_CALLBACK (step_changed_cb), self, G_CONNECT_SWAPPED);
  update_step (self);
  if (self->last_step == SB_ONBOARDING_STEP_SHIPPING)
    load_shipping (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->next_button));
}

static void
sb_onboarding_window_dispose (GObject *object)
{
  SbOnboardingWindow *self = SB_ONBOARDING_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    sb_onboarding_session_save (self->session, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_ONBOARDING_WINDOW);
  g_clear_object (&self->model);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sb_onboarding_window_parent_class)->dispose (object);
}

static void
sb_onboarding_window_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SbOnboardingWindow *self = SB_ONBOARDING_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_onboarding_window_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SbOnboardingWindow *self = SB_ONBOARDING_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_onboarding_window_class_init (SbOnboardingWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sb_onboarding_window_constructed;
  object_class->dispose = sb_onboarding_window_dispose;
  object_class->get_property = sb_onboarding_window_get_property;
  object_class->set_property = sb_onboarding_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SB_TYPE_ONBOARDING_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SB_TYPE_ONBOARDING_COUNTRY_PAGE);
  g_type_ensure (SB_TYPE_ONBOARDING_IDENTITY_PAGE);
  g_type_ensure (SB_TYPE_ONBOARDING_STORE_PAGE);
  g_type_ensure (SB_TYPE_ONBOARDING_PAYOUT_PAGE);
  g_type_ensure (SB_TYPE_ONBOARDING_SHIPPING_PAGE);
  g_type_ensure (SB_TYPE_ONBOARDING_CONNECTION_PAGE);
  g_type_ensure (SB_TYPE_ONBOARDING_REVIEW_PAGE);
  g_type_ensure (SB_TYPE_SELLER_STATUS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-onboarding-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingWindow, status_view);
  gtk_widget_class_bind_template_child_full (widget_class, "country_page", FALSE,
                                             G_STRUCT_OFFSET (SbOnboardingWindow, pages[SB_ONBOARDING_STEP_COUNTRY]));
  gtk_widget_class_bind_template_child_full (widget_class, "identity_page", FALSE,
                                             G_STRUCT_OFFSET (SbOnboardingWindow, pages[SB_ONBOARDING_STEP_IDENTITY]));
  gtk_widget_class_bind_template_child_full (widget_class, "store_page", FALSE,
                                             G_STRUCT_OFFSET (SbOnboardingWindow, pages[SB_ONBOARDING_STEP_STORE]));
  gtk_widget_class_bind_template_child_full (widget_class, "payout_page", FALSE,
                                             G_STRUCT_OFFSET (SbOnboardingWindow, pages[SB_ONBOARDING_STEP_PAYOUT]));
  gtk_widget_class_bind_template_child_full (widget_class, "shipping_page", FALSE,
                                             G_STRUCT_OFFSET (SbOnboardingWindow, pages[SB_ONBOARDING_STEP_SHIPPING]));
  gtk_widget_class_bind_template_child_full (widget_class, "connection_page", FALSE,
                                             G_STRUCT_OFFSET (SbOnboardingWindow, pages[SB_ONBOARDING_STEP_CONNECTION]));
  gtk_widget_class_bind_template_child_full (widget_class, "review_page", FALSE,
                                             G_STRUCT_OFFSET (SbOnboardingWindow, pages[SB_ONBOARDING_STEP_REVIEW]));
  gtk_widget_class_bind_template_callback (widget_class, fix_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, refresh_requested_cb);

  gtk_widget_class_install_action (widget_class, "onboarding.next", NULL, next_action_cb);
  gtk_widget_class_install_action (widget_class, "onboarding.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "onboarding.submit", NULL, submit_action_cb);
  gtk_widget_class_install_action (widget_class, "onboarding.go-to-step", "s", go_to_step_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "onboarding.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "onboarding.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sb_onboarding_window_init (SbOnboardingWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->pages[SB_ONBOARDING_STEP_STATUS] = GTK_WIDGET (self->status_view);

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/**
 * sb_onboarding_window_new:
 * @parent: (nullable): the main window
 * @session: (nullable): the session to show, or %NULL for one that saves
 *   nothing
 */
SbOnboardingWindow *
sb_onboarding_window_new (GtkWindow           *parent,
                          SbOnboardingSession *session)
{
  return g_object_new (SB_TYPE_ONBOARDING_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "session", session,
                       NULL);
}

SbOnboardingSession *
sb_onboarding_window_get_session (SbOnboardingWindow *self)
{
  g_return_val_if_fail (SB_IS_ONBOARDING_WINDOW (self), NULL);
  return self->session;
}

SbOnboarding *
sb_onboarding_window_get_model (SbOnboardingWindow *self)
{
  g_return_val_if_fail (SB_IS_ONBOARDING_WINDOW (self), NULL);
  return self->model;
}

/**
 * sb_onboarding_window_get_page:
 *
 * Returns: (transfer none): the page of @step (an #SbOnboardingPage, or
 *   the #SbSellerStatusView for the status step)
 */
GtkWidget *
sb_onboarding_window_get_page (SbOnboardingWindow *self,
                               SbOnboardingStep    step)
{
  g_return_val_if_fail (SB_IS_ONBOARDING_WINDOW (self), NULL);
  g_return_val_if_fail (step < SB_ONBOARDING_N_STEPS, NULL);
  return self->pages[step];
}
