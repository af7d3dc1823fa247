/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sync-indicator.c: a small header-bar widget that follows an
 * SbSyncController.  It shows an icon and a short label for the status,
 * the last error as its tooltip, and while syncing a progress bar with the
 * text "n of N" (its fraction done / total).  Its accessible label repeats
 * the status so that screen readers hear it too.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-sync-indicator.h"

struct _SbSyncIndicator
{
  GtkWidget parent_instance;

  /* Child widgets */
  GtkWidget        *box;
  GtkImage         *icon;
  GtkLabel         *label;
  GtkProgressBar   *progress;

  /* Owned references */
  SbSyncController *controller;

  gboolean          compact;
};

G_DEFINE_FINAL_TYPE (SbSyncIndicator, sb_sync_indicator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTROLLER,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const char *
status_icon (SbSyncStatus status)
{
  switch (status)
    {
    case SB_SYNC_STATUS_OFFLINE:
      return "network-offline-symbolic";
    case SB_SYNC_STATUS_SYNCING:
      return "emblem-synchronizing-symbolic";
    case SB_SYNC_STATUS_UP_TO_DATE:
      return "emblem-ok-symbolic";
    case SB_SYNC_STATUS_ERRORS:
      return "dialog-warning-symbolic";
    case SB_SYNC_STATUS_PENDING:
    default:
      return "document-send-symbolic";
    }
}

static void
update (SbSyncIndicator *self)
{
  SbSyncStatus status = sb_sync_controller_get_status (self->controller);
  guint done = sb_sync_controller_get_done (self->controller);
  guint total = sb_sync_controller_get_total (self->controller);
  const char *error = sb_sync_controller_get_last_error (self->controller);
  g_autofree char *label = sb_sync_status_dup_label (status);
  g_autofree char *text = NULL;

  gtk_image_set_from_icon_name (self->icon, status_icon (status));
  gtk_label_set_text (self->label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), error != NULL ? error : label);

  /* Translators: progress of a sync: products and images sent of all. */
  text = g_strdup_printf (_("%u of %u"), done, total);
  gtk_progress_bar_set_text (self->progress, text);
  gtk_progress_bar_set_fraction (self->progress, total > 0 ? (double) done / total : 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress),
                          status == SB_SYNC_STATUS_SYNCING && total > 0);

  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "success");
  if (status == SB_SYNC_STATUS_ERRORS)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), "error");
  else if (status == SB_SYNC_STATUS_UP_TO_DATE)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), "success");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
sb_sync_indicator_dispose (GObject *object)
{
  SbSyncIndicator *self = SB_SYNC_INDICATOR (object);

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_clear_object (&self->controller);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (sb_sync_indicator_parent_class)->dispose (object);
}

static void
sb_sync_indicator_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbSyncIndicator *self = SB_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      g_value_set_object (value, self->controller);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_sync_indicator_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SbSyncIndicator *self = SB_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      self->controller = g_value_dup_object (value);
      g_signal_connect_object (self->controller, "notify", G_CALLBACK (update),
                               self, G_CONNECT_SWAPPED);
      update (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_sync_indicator_class_init (SbSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_sync_indicator_dispose;
  object_class->get_property = sb_sync_indicator_get_property;
  object_class->set_property = sb_sync_indicator_set_property;

  properties[PROP_CONTROLLER] =
    g_param_spec_object ("controller", NULL, NULL, SB_TYPE_SYNC_CONTROLLER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sb-sync-indicator");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
sb_sync_indicator_init (SbSyncIndicator *self)
{
  GtkWidget *labels;

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->icon));

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->box), labels);
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "caption");
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (self->label));
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->progress), "osd");
  gtk_widget_set_size_request (GTK_WIDGET (self->progress), 72, -1);
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (self->progress));
}

GtkWidget *
sb_sync_indicator_new (SbSyncController *controller)
{
  g_return_val_if_fail (SB_IS_SYNC_CONTROLLER (controller), NULL);
  return g_object_new (SB_TYPE_SYNC_INDICATOR, "controller", controller, NULL);
}

SbSyncController *
sb_sync_indicator_get_controller (SbSyncIndicator *self)
{
  g_return_val_if_fail (SB_IS_SYNC_INDICATOR (self), NULL);
  return self->controller;
}

/**
 * sb_sync_indicator_set_compact:
 *
 * In a narrow window only the icon and the progress bar are shown; the
 * status stays in the tooltip and the accessible label.
 */
void
sb_sync_indicator_set_compact (SbSyncIndicator *self,
                               gboolean         compact)
{
  g_return_if_fail (SB_IS_SYNC_INDICATOR (self));
  self->compact = !!compact;
  gtk_widget_set_visible (GTK_WIDGET (self->label), !self->compact);
}

const char *
sb_sync_indicator_get_label (SbSyncIndicator *self)
{
  g_return_val_if_fail (SB_IS_SYNC_INDICATOR (self), NULL);
  return gtk_label_get_text (self->label);
}

/**
 * sb_sync_indicator_get_progress_text:
 *
 * Returns: (nullable): "n of N" while the progress bar is shown, else %NULL
 */
const char *
sb_sync_indicator_get_progress_text (SbSyncIndicator *self)
{
  g_return_val_if_fail (SB_IS_SYNC_INDICATOR (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->progress)))
    return NULL;
  return gtk_progress_bar_get_text (self->progress);
}
