/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-seller-status-view.c: where the seller's application stands — not
 * sent yet, waiting in the outbox for a connection, under review,
 * approved, or rejected.  A rejection lists each of the marketplace's
 * reasons with how to fix it and a button that opens the step where the
 * seller does; the view only emits "fix-requested" so that both the
 * wizard and the main window can show it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-seller-status-view.h"

struct _SbSellerStatusView
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwStatusPage       *status_page;
  AdwPreferencesGroup *reasons_group;
  GtkButton           *refresh_button;

  /* Owned references */
  SbOnboarding        *model;    /* (nullable) */
  GPtrArray           *rows;     /* (element-type GtkWidget) rows in reasons_group */
};

G_DEFINE_FINAL_TYPE (SbSellerStatusView, sb_seller_status_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

enum {
  SIGNAL_FIX_REQUESTED,
  SIGNAL_REFRESH_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
fix_clicked_cb (GtkButton          *button,
                SbSellerStatusView *self)
{
  SbOnboardingStep step = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "sb-step"));

  g_signal_emit (self, signals[SIGNAL_FIX_REQUESTED], 0, step);
}

static void
refresh_clicked_cb (SbSellerStatusView *self)
{
  g_signal_emit (self, signals[SIGNAL_REFRESH_REQUESTED], 0);
}

static void
update (SbSellerStatusView *self)
{
  const char *icon = "document-edit-symbolic";
  const char *title = "";
  const char *description = "";
  SbOnboardingStatus status = SB_ONBOARDING_STATUS_DRAFT;
  GPtrArray *reasons = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->reasons_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  if (self->model != NULL)
    {
      status = sb_onboarding_get_status (self->model);
      reasons = sb_onboarding_get_reasons (self->model);
    }

  switch (status)
    {
    case SB_ONBOARDING_STATUS_DRAFT:
      title = _("Application Not Submitted");
      description = _("Finish setting up your seller profile and submit it to the marketplace.");
      break;
    case SB_ONBOARDING_STATUS_QUEUED:
      icon = "network-offline-symbolic";
      title = _("Waiting for a Connection");
      description = _("Your application is saved on this computer and will be sent by itself as soon as the marketplace can be reached, now or the next time you open Sellbridge.");
      break;
    case SB_ONBOARDING_STATUS_SUBMITTED:
      icon = "emblem-synchronizing-symbolic";
      title = _("Application Submitted");
      description = _("The marketplace is reviewing your application. Its answer will appear here.");
      break;
    case SB_ONBOARDING_STATUS_APPROVED:
      icon = "emblem-ok-symbolic";
      title = _("Application Approved");
      description = _("Welcome aboard: you can now list your products on the marketplace.");
      break;
    case SB_ONBOARDING_STATUS_REJECTED:
      icon = "dialog-warning-symbolic";
      title = _("Application Rejected");
      description = _("The marketplace could not approve your application. Fix what is listed below, then submit it again.");
      break;
    default:
      g_assert_not_reached ();
    }
  adw_status_page_set_icon_name (self->status_page, icon);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_button),
                          status == SB_ONBOARDING_STATUS_SUBMITTED || status == SB_ONBOARDING_STATUS_QUEUED);

  for (guint i = 0; status == SB_ONBOARDING_STATUS_REJECTED && reasons != NULL && i < reasons->len; i++)
    {
      const SbReason *reason = g_ptr_array_index (reasons, i);
      SbOnboardingStep step = sb_onboarding_reason_get_step (reason);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     reason->message != NULL && *reason->message != '\0' ? reason->message : reason->code);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sb_onboarding_reason_get_fix (reason));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-warning-symbolic");
      if (step < SB_ONBOARDING_N_STEPS)
        {
          /* Translators: a button next to a reason for rejection. */
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Fix"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, sb_onboarding_step_get_title (step),
                                          -1);
          g_object_set_data (G_OBJECT (button), "sb-step", GUINT_TO_POINTER (step));
          g_signal_connect (button, "clicked", G_CALLBACK (fix_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
        }
      adw_preferences_group_add (self->reasons_group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->reasons_group), self->rows->len > 0);
}

static void
sb_seller_status_view_dispose (GObject *object)
{
  SbSellerStatusView *self = SB_SELLER_STATUS_VIEW (object);

  sb_seller_status_view_set_model (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_SELLER_STATUS_VIEW);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_seller_status_view_parent_class)->dispose (object);
}

static void
sb_seller_status_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SbSellerStatusView *self = SB_SELLER_STATUS_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_seller_status_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SbSellerStatusView *self = SB_SELLER_STATUS_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      sb_seller_status_view_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_seller_status_view_class_init (SbSellerStatusViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_seller_status_view_dispose;
  object_class->get_property = sb_seller_status_view_get_property;
  object_class->set_property = sb_seller_status_view_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         SB_TYPE_ONBOARDING,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbSellerStatusView::fix-requested:
   * @step: the #SbOnboardingStep where the seller fixes a reason
   */
  signals[SIGNAL_FIX_REQUESTED] =
    g_signal_new ("fix-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, SB_TYPE_ONBOARDING_STEP);
  /**
   * SbSellerStatusView::refresh-requested:
   *
   * The seller asked to send a queued application or to ask the
   * marketplace for news now.
   */
  signals[SIGNAL_REFRESH_REQUESTED] =
    g_signal_new ("refresh-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-seller-status-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SbSellerStatusView, status_page);
  gtk_widget_class_bind_template_child (widget_class, SbSellerStatusView, reasons_group);
  gtk_widget_class_bind_template_child (widget_class, SbSellerStatusView, refresh_button);
  gtk_widget_class_bind_template_callback (widget_class, refresh_clicked_cb);
}

static void
sb_seller_status_view_init (SbSellerStatusView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  update (self);
}

GtkWidget *
sb_seller_status_view_new (void)
{
  return g_object_new (SB_TYPE_SELLER_STATUS_VIEW, NULL);
}

SbOnboarding *
sb_seller_status_view_get_model (SbSellerStatusView *self)
{
  g_return_val_if_fail (SB_IS_SELLER_STATUS_VIEW (self), NULL);
  return self->model;
}

void
sb_seller_status_view_set_model (SbSellerStatusView *self,
                                 SbOnboarding       *model)
{
  g_return_if_fail (SB_IS_SELLER_STATUS_VIEW (self));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (self->model != NULL)
    g_signal_connect_swapped (self->model, "notify::status", G_CALLBACK (update), self);
  if (self->rows != NULL)
    update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}
