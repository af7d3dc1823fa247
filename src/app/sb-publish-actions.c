/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-publish-actions.c: publishing, wired into the main window without
 * living in its file.  It owns the window's SbSyncController, puts the
 * SbSyncIndicator and a "Sync Now" button into the header bar, installs
 * the window actions sync (Ctrl+R, F5), import (Ctrl+I), export (Ctrl+E)
 * and resolve-conflict, and turns the controller's signals into toasts:
 * transient failures, a refused key (with a button to Preferences),
 * rejected products and conflicts (with a button to resolve them).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-conflict-dialog.h"
#include "sb-export-dialog.h"
#include "sb-import-dialog.h"
#include "sb-publish-actions.h"
#include "sb-sync-indicator.h"
#include "sb-window.h"

struct _SbPublishActions
{
  GObject parent_instance;

  /* Borrowed references: the window owns this object */
  AdwApplicationWindow *window;
  AdwToastOverlay      *toast_overlay;

  /* Owned references */
  SbSyncController     *controller;
  GtkWidget            *indicator;
  AdwToast             *last_toast;
};

G_DEFINE_FINAL_TYPE (SbPublishActions, sb_publish_actions, G_TYPE_OBJECT)

static void
show_toast (SbPublishActions *self,
            AdwToast         *toast)
{
  g_set_object (&self->last_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
transient_failure_cb (SbPublishActions *self,
                      const char       *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  show_toast (self, toast);
}

static void
needs_credentials_cb (SbPublishActions *self,
                      const char       *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Preferences"));
  adw_toast_set_action_name (toast, "app.preferences");
  show_toast (self, toast);
}

static void
sync_finished_cb (SbPublishActions *self)
{
  const SbSyncSummary *summary = sb_sync_controller_get_summary (self->controller);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->window), "sync");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), TRUE);
  if (summary == NULL)
    return;
  if (summary->conflicts > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u product was changed here and on the marketplace",
                                                            "%u products were changed here and on the marketplace",
                                                            summary->conflicts),
                                               summary->conflicts);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_timeout (toast, 0);
      adw_toast_set_button_label (toast, _("_Resolve"));
      adw_toast_set_action_name (toast, "win.resolve-conflict");
      show_toast (self, toast);
    }
  else if (summary->rejected > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "The marketplace refused %u product; its problems are shown at the fields",
                                                            "The marketplace refused %u products; their problems are shown at the fields",
                                                            summary->rejected),
                                               summary->rejected);

      show_toast (self, adw_toast_new (text));
    }
}

/* Below this width the header has no room for the status label. */
#define COMPACT_WIDTH 560

static void
window_width_cb (SbPublishActions *self)
{
  int width = 0, height = 0;

  /* GTK keeps the default size up to date when the window is resized. */
  gtk_window_get_default_size (GTK_WINDOW (self->window), &width, &height);
  sb_sync_indicator_set_compact (SB_SYNC_INDICATOR (self->indicator), width > 0 && width < COMPACT_WIDTH);
}

static void
sync_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  SbPublishActions *self = user_data;

  /* The onboarding session drains the same outbox to send the seller's
   * application; two runs at once would both send what is queued. */
  if (SB_IS_WINDOW (self->window) &&
      sb_onboarding_session_get_busy (sb_window_get_onboarding (SB_WINDOW (self->window))))
    {
      show_toast (self, adw_toast_new (_("Your seller application is being sent. Try again in a moment.")));
      return;
    }
  if (sb_sync_controller_sync (self->controller))
    g_simple_action_set_enabled (action, FALSE);
}

static void
import_finished_cb (SbPublishActions *self,
                    gboolean          imported)
{
  if (!imported)
    return;
  sb_sync_controller_refresh (self->controller);
  show_toast (self, adw_toast_new (_("Products imported")));
}

static void
import_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  SbPublishActions *self = user_data;
  SbImportDialog *dialog = sb_import_dialog_new (GTK_WINDOW (self->window),
                                                 sb_sync_controller_get_db_path (self->controller));

  g_signal_connect_object (dialog, "finished", G_CALLBACK (import_finished_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  SbPublishActions *self = user_data;
  SbExportDialog *dialog = sb_export_dialog_new (GTK_WINDOW (self->window),
                                                 sb_sync_controller_get_db_path (self->controller));

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
resolve_conflict_action_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  SbPublishActions *self = user_data;
  g_autoptr(SbStoreQuery) query = sb_store_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  SbStore *store = sb_sync_controller_get_store (self->controller, &error);

  if (store != NULL)
    {
      query->filter_status = TRUE;
      query->status = SB_SYNC_CONFLICT;
      rows = sb_store_list_products (store, query, 0, 1, &error);
    }
  if (rows == NULL)
    {
      show_toast (self, adw_toast_new (error->message));
      return;
    }
  if (rows->len == 0)
    {
      show_toast (self, adw_toast_new (_("No product is in conflict")));
      return;
    }
  sb_publish_actions_show_conflict (self, ((SbProductSummary *) g_ptr_array_index (rows, 0))->offer_id);
}

static const GActionEntry actions[] = {
  { "sync", sync_action_cb },
  { "import", import_action_cb },
  { "export", export_action_cb },
  { "resolve-conflict", resolve_conflict_action_cb },
};

static void
sb_publish_actions_dispose (GObject *object)
{
  SbPublishActions *self = SB_PUBLISH_ACTIONS (object);

  if (self->controller != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->controller, self);
      sb_sync_controller_cancel (self->controller);
    }
  g_clear_object (&self->controller);
  g_clear_object (&self->indicator);
  g_clear_object (&self->last_toast);

  G_OBJECT_CLASS (sb_publish_actions_parent_class)->dispose (object);
}

static void
sb_publish_actions_class_init (SbPublishActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_publish_actions_dispose;
}

static void
sb_publish_actions_init (SbPublishActions *self)
{
}

/**
 * sb_publish_actions_new:
 *
 * Adds the sync indicator and button to @header_bar and the publishing
 * actions to @window, which must keep the returned object until it is
 * disposed.  Toasts go to @toast_overlay.
 */
SbPublishActions *
sb_publish_actions_new (AdwApplicationWindow *window,
                        AdwHeaderBar         *header_bar,
                        AdwToastOverlay      *toast_overlay)
{
  SbPublishActions *self = g_object_new (SB_TYPE_PUBLISH_ACTIONS, NULL);
  GtkWidget *button;

  self->window = window;
  self->toast_overlay = toast_overlay;
  self->controller = sb_sync_controller_new (NULL);
  g_signal_connect_swapped (self->controller, "transient-failure", G_CALLBACK (transient_failure_cb), self);
  g_signal_connect_swapped (self->controller, "needs-credentials", G_CALLBACK (needs_credentials_cb), self);
  g_signal_connect_swapped (self->controller, "finished", G_CALLBACK (sync_finished_cb), self);
  g_action_map_add_action_entries (G_ACTION_MAP (window), actions, G_N_ELEMENTS (actions), self);

  button = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.sync");
  gtk_widget_set_tooltip_text (button, _("Sync Now"));
  adw_header_bar_pack_start (header_bar, button);
  self->indicator = g_object_ref_sink (sb_sync_indicator_new (self->controller));
  adw_header_bar_pack_start (header_bar, self->indicator);

  g_signal_connect_object (window, "notify::default-width", G_CALLBACK (window_width_cb),
                           self, G_CONNECT_SWAPPED);
  window_width_cb (self);

  sb_sync_controller_refresh (self->controller);
  return self;
}

SbSyncController *
sb_publish_actions_get_controller (SbPublishActions *self)
{
  g_return_val_if_fail (SB_IS_PUBLISH_ACTIONS (self), NULL);
  return self->controller;
}

GtkWidget *
sb_publish_actions_get_indicator (SbPublishActions *self)
{
  g_return_val_if_fail (SB_IS_PUBLISH_ACTIONS (self), NULL);
  return self->indicator;
}

/**
 * sb_publish_actions_get_last_toast:
 *
 * Returns: (nullable) (transfer none): the last toast shown
 */
AdwToast *
sb_publish_actions_get_last_toast (SbPublishActions *self)
{
  g_return_val_if_fail (SB_IS_PUBLISH_ACTIONS (self), NULL);
  return self->last_toast;
}

static gboolean
conflict_closed_cb (SbPublishActions *self)
{
  sb_sync_controller_refresh (self->controller);
  return FALSE;
}

/**
 * sb_publish_actions_show_conflict:
 *
 * Opens the conflict dialog for @offer_id, or shows a toast saying why not.
 *
 * Returns: (nullable) (transfer none): the dialog, already presented
 */
GtkWindow *
sb_publish_actions_show_conflict (SbPublishActions *self,
                                  const char       *offer_id)
{
  g_autoptr(GError) error = NULL;
  SbStore *store;
  SbConflictDialog *dialog = NULL;

  g_return_val_if_fail (SB_IS_PUBLISH_ACTIONS (self), NULL);

  store = sb_sync_controller_get_store (self->controller, &error);
  if (store != NULL)
    dialog = sb_conflict_dialog_new (GTK_WINDOW (self->window), store, offer_id, &error);
  if (dialog == NULL)
    {
      show_toast (self, adw_toast_new (error->message));
      return NULL;
    }
  g_signal_connect_object (dialog, "close-request", G_CALLBACK (conflict_closed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
