/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-window.c: the main window.  It is built from ui/sb-window.ui, shows
 * the primary menu in its header bar and a stack of three pages: until
 * the seller has submitted a profile, a welcome page whose button opens
 * the onboarding wizard; after that, the application's status; and, once
 * there are products (or the seller asks for it), the catalogue
 * (SbCatalogueView) with the product editor, CSV import and export and
 * "Sync now".  Its size and maximised state are restored from and saved
 * to GSettings.  It opens the catalogue through sb_store_open_or_recover()
 * and, once shown, tells the seller in a dialog when the catalogue could
 * not be opened, was damaged and moved aside, or is read-only.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sb-catalogue-view.h"
#include "sb-csv-dialog.h"
#include "sb-currency.h"
#include "sb-conflict-dialog.h"
#include "sb-onboarding-window.h"
#include "sb-product-editor.h"
#include "sb-publisher.h"
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
  SbCatalogueView *catalogue_view;
  AdwWindowTitle *window_title;
  GtkRevealer    *sync_revealer;
  GtkProgressBar *sync_progress;

  /* Owned references */
  GSettings      *settings;
  SbStore        *store;       /* (nullable) when it cannot be opened */
  SbOnboardingSession *onboarding;
  SbPublisher    *publisher;   /* (nullable) with a store */
  AdwToast       *last_toast;  /* (nullable) the last publishing toast */
  GCancellable   *check_cancellable;  /* (owned) the background file check */
  char           *currency;    /* home currency for new prices */

  gboolean        has_seller;
  gboolean        catalogue_asked;  /* the seller chose the catalogue */
  char           *store_heading;  /* (nullable) what to tell the seller about */
  char           *store_message;  /* (nullable)   the catalogue, once shown */
};

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_main_page (SbWindow *self)
{
  SbOnboarding *model = sb_onboarding_session_get_model (self->onboarding);
  SbProductListModel *products = sb_catalogue_view_get_model (self->catalogue_view);
  gboolean has_products = products != NULL && g_list_model_get_n_items (G_LIST_MODEL (products)) > 0;
  const char *page;

  /* Once shown, the catalogue stays: deleting the last product shows its
   * empty state, not the welcome page. */
  if (has_products || self->catalogue_asked ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "catalogue") == 0)
    page = "catalogue";
  else if (sb_onboarding_get_status (model) == SB_ONBOARDING_STATUS_DRAFT)
    page = "welcome";
  else
    page = "seller-status";
  gtk_stack_set_visible_child_name (self->main_stack, page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-catalogue",
                                 self->store != NULL && !g_str_equal (page, "catalogue"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-seller-status",
                                 sb_onboarding_get_status (model) != SB_ONBOARDING_STATUS_DRAFT &&
                                 !g_str_equal (page, "seller-status"));
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
show_catalogue_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  sb_window_show_catalogue (SB_WINDOW (widget));
}

static void
show_seller_status_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  self->catalogue_asked = FALSE;
  gtk_stack_set_visible_child_name (self->main_stack, "seller-status");
  update_main_page (self);
  gtk_stack_set_visible_child_name (self->main_stack, "seller-status");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-catalogue", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-seller-status", FALSE);
}

/* The catalogue */

static void
editor_saved_cb (SbWindow   *self,
                 const char *offer_id)
{
  g_autofree char *text = NULL;

  sb_catalogue_view_refresh (self->catalogue_view);
  /* Translators: %s is the product's offer id. */
  text = g_strdup_printf (_("Product %s saved"), offer_id);
  sb_catalogue_view_add_toast (self->catalogue_view, adw_toast_new (text));
  sb_window_show_catalogue (self);
}

/**
 * sb_window_open_editor:
 * @offer_id: (nullable): the product, or %NULL for a new one
 *
 * Returns: (transfer none) (nullable): the editor, presented; %NULL
 *   without a store
 */
SbProductEditor *
sb_window_open_editor (SbWindow   *self,
                       const char *offer_id)
{
  SbProductEditor *editor;

  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;
  editor = sb_product_editor_new (GTK_WINDOW (self), self->store, offer_id,
                                  sb_catalogue_view_get_lang (self->catalogue_view),
                                  self->currency);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
product_activated_cb (SbWindow   *self,
                      const char *offer_id)
{
  sb_window_open_editor (self, offer_id);
}

static void
csv_imported_cb (SbWindow *self)
{
  sb_catalogue_view_refresh (self->catalogue_view);
  sb_window_show_catalogue (self);
}

/**
 * sb_window_open_csv_dialog:
 *
 * Returns: (transfer none) (nullable): the import or export dialog,
 *   presented; %NULL without a store
 */
SbCsvDialog *
sb_window_open_csv_dialog (SbWindow        *self,
                           SbCsvDialogMode  mode)
{
  SbCsvDialog *dialog;

  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;
  dialog = sb_csv_dialog_new (GTK_WINDOW (self), self->store, mode);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (csv_imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sb_window_open_csv_dialog (SB_WINDOW (widget), SB_CSV_DIALOG_IMPORT);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sb_window_open_csv_dialog (SB_WINDOW (widget), SB_CSV_DIALOG_EXPORT);
}

static void
new_product_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  sb_window_open_editor (SB_WINDOW (widget), NULL);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "catalogue") == 0)
    sb_catalogue_view_focus_search (self->catalogue_view);
}

/* Publishing */

static void
publisher_state_cb (SbWindow *self)
{
  adw_window_title_set_subtitle (self->window_title, sb_publisher_get_state_text (self->publisher));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", !sb_publisher_get_running (self->publisher));
  gtk_revealer_set_reveal_child (self->sync_revealer, sb_publisher_get_running (self->publisher));
}

static void
publisher_progress_cb (SbWindow *self)
{
  guint done = sb_publisher_get_done (self->publisher);
  guint total = sb_publisher_get_total (self->publisher);
  g_autofree char *text = NULL;

  /* Translators: sync progress, e.g. "3 of 12". */
  text = g_strdup_printf (_("%u of %u"), done, total);
  gtk_progress_bar_set_text (self->sync_progress, text);
  if (total > 0)
    /* A fraction for drawing the bar, not money. */
    gtk_progress_bar_set_fraction (self->sync_progress, (double) MIN (done, total) / (double) total);
  else
    gtk_progress_bar_pulse (self->sync_progress);
}

static void
show_publish_toast (SbWindow *self,
                    AdwToast *toast)
{
  g_set_object (&self->last_toast, toast);
  sb_catalogue_view_add_toast (self->catalogue_view, toast);
}

/* The publisher says why a run stopped before it changes its state, so
 * the toast is made once the state is known: a refused or missing key
 * gets a button that opens Preferences. */
typedef struct {
  SbWindow *window;
  char     *text;
} PublishMessage;

static gboolean
publisher_message_idle_cb (gpointer data)
{
  PublishMessage *message = data;
  SbWindow *self = message->window;

  if (self->catalogue_view != NULL)
    {
      AdwToast *toast = adw_toast_new (message->text);

      if (self->publisher != NULL &&
          sb_publisher_get_state (self->publisher) == SB_PUBLISH_NEEDS_CREDENTIALS)
        {
          adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
          adw_toast_set_timeout (toast, 0);
          adw_toast_set_button_label (toast, _("_Preferences"));
          adw_toast_set_action_name (toast, "app.preferences");
        }
      show_publish_toast (self, toast);
    }
  g_object_unref (message->window);
  g_free (message->text);
  g_free (message);
  return G_SOURCE_REMOVE;
}

static void
publisher_message_cb (SbWindow   *self,
                      const char *text)
{
  PublishMessage *message = g_new0 (PublishMessage, 1);

  message->window = g_object_ref (self);
  message->text = g_strdup (text);
  g_idle_add_full (G_PRIORITY_DEFAULT, publisher_message_idle_cb, message, NULL);
}

/* A conflict waits for the seller: a toast whose button opens the
 * conflict dialog (sb-conflict-dialog.c). */
static void
publisher_finished_cb (SbWindow *self)
{
  gint64 counts[SB_SYNC_ARCHIVED + 1] = { 0 };

  sb_catalogue_view_refresh (self->catalogue_view);
  /* The run pulled the seller's review status into the store. */
  if (self->onboarding != NULL)
    sb_onboarding_session_reload_status (self->onboarding);
  if (self->store != NULL && sb_store_count_by_state (self->store, counts, NULL) &&
      counts[SB_SYNC_CONFLICT] > 0)
    {
      guint n = (guint) counts[SB_SYNC_CONFLICT];
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u product was changed on the marketplace too: choose which version to keep",
                                                            "%u products were changed on the marketplace too: choose which version to keep",
                                                            n), n);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_timeout (toast, 0);
      adw_toast_set_button_label (toast, _("_Resolve"));
      adw_toast_set_action_name (toast, "win.resolve-conflict");
      show_publish_toast (self, toast);
    }
}

static gboolean
conflict_closed_cb (SbWindow *self)
{
  sb_catalogue_view_refresh (self->catalogue_view);
  return FALSE;
}

static void
resolve_conflict_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autoptr(SbStoreQuery) query = sb_store_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  query->filter_status = TRUE;
  query->status = SB_SYNC_CONFLICT;
  rows = sb_store_list_products (self->store, query, 0, 1, &error);
  if (rows == NULL)
    sb_catalogue_view_add_toast (self->catalogue_view, adw_toast_new (error->message));
  else if (rows->len == 0)
    sb_catalogue_view_add_toast (self->catalogue_view, adw_toast_new (_("No product is in conflict")));
  else
    sb_window_show_conflict (self, ((SbProductSummary *) g_ptr_array_index (rows, 0))->offer_id);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  if (self->publisher != NULL)
    sb_publisher_sync (self->publisher);
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
store_checked_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SbWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (sb_store_check_file_finish (result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_message ("The catalogue file failed its check: %s", error->message);
  if (!g_error_matches (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT))
    return;
  /* The file cannot be moved aside while this run has it open; the check
   * left a request, so the next start saves what it can and starts anew. */
  g_free (self->store_heading);
  g_free (self->store_message);
  self->store_heading = g_strdup (_("The Catalogue File Is Damaged"));
  self->store_message =
    g_strdup (_("Sellbridge found damage in your catalogue file. Quit Sellbridge and start it again: "
                "it will export the products not yet synced to a CSV file next to the catalogue, "
                "keep the damaged file, and start a new catalogue."));
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sb_window_show_store_problem (self);
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
  if (self->publisher != NULL)
    g_signal_handlers_disconnect_by_data (self->publisher, self);
  g_clear_object (&self->publisher);
  g_clear_object (&self->onboarding);
  g_clear_object (&self->store);
  g_clear_pointer (&self->currency, g_free);
  g_clear_object (&self->last_toast);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);

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

  g_type_ensure (SB_TYPE_SELLER_STATUS_VIEW);
  g_type_ensure (SB_TYPE_CATALOGUE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, seller_status_view);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, catalogue_view);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, sync_revealer);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, sync_progress);
  gtk_widget_class_bind_template_callback (widget_class, seller_fix_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, seller_refresh_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, product_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.set-up-seller", NULL, set_up_seller_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-catalogue", NULL, show_catalogue_action);
  gtk_widget_class_install_action (widget_class, "win.show-seller-status", NULL, show_seller_status_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.new-product", NULL, new_product_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.resolve-conflict", NULL, resolve_conflict_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-product", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
}

static void
attach_onboarding (SbWindow *self)
{
  if (self->onboarding != NULL)
    g_signal_handlers_disconnect_by_data (sb_onboarding_session_get_model (self->onboarding), self);
  g_clear_object (&self->onboarding);
  self->onboarding = sb_onboarding_session_new (self->store);
  sb_seller_status_view_set_model (self->seller_status_view,
                                   sb_onboarding_session_get_model (self->onboarding));
  g_signal_connect_object (sb_onboarding_session_get_model (self->onboarding), "notify::status",
                           G_CALLBACK (update_main_page), self, G_CONNECT_SWAPPED);
}

static void
sb_window_init (SbWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbStoreRecovery) recovery = NULL;
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->currency = g_strdup ("USD");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-product", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);

  /* The whole-file check runs in the background once the window is up,
   * so a large catalogue does not hold back the first frame. */
  store = sb_store_open_or_recover_full (NULL, SB_STORE_RECOVER_DEFER_CHECK, &recovery, &error);
  if (store == NULL)
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
  attach_onboarding (self);
  update_main_page (self);
  if (store != NULL)
    {
      sb_window_set_store (self, store);
      if (!sb_store_is_read_only (store))
        {
          self->check_cancellable = g_cancellable_new ();
          sb_store_check_file_async (sb_store_get_path (store), self->check_cancellable,
                                     store_checked_cb, g_object_ref (self));
        }
    }

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

/**
 * sb_window_show_catalogue:
 *
 * Shows the catalogue, empty or not.
 */
void
sb_window_show_catalogue (SbWindow *self)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  self->catalogue_asked = TRUE;
  update_main_page (self);
}

/* The seller's language and home currency, from the stored profile. */
static SbLang
seller_facts (const char  *seller_json,
              char       **out_currency)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  const char *country = NULL;
  const char *currency = NULL;

  *out_currency = NULL;
  if (seller_json == NULL || !json_parser_load_from_data (parser, seller_json, -1, NULL))
    return SB_N_LANGS;
  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      country = json_object_get_string_member_with_default (object, "country", NULL);
      currency = json_object_get_string_member_with_default (object, "payout_currency", NULL);
    }
  if (currency != NULL && sb_currency_is_known (currency))
    *out_currency = g_strdup (currency);
  if (g_strcmp0 (country, "KR") == 0)
    return SB_LANG_KO;
  if (g_strcmp0 (country, "RU") == 0)
    return SB_LANG_RU;
  return SB_N_LANGS;
}

/**
 * sb_window_set_store:
 *
 * Gives the window its catalogue.  The catalogue replaces the welcome
 * page once the store holds a seller profile or products.  Titles are
 * shown in the seller's language (Korean for a Korean seller, Russian for
 * a Russian one).
 */
void
sb_window_set_store (SbWindow *self,
                     SbStore  *store)
{
  g_autofree char *seller = NULL;
  g_autofree char *currency = NULL;
  SbProductListModel *model;
  SbLang lang;

  g_return_if_fail (SB_IS_WINDOW (self));
  g_return_if_fail (store == NULL || SB_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  attach_onboarding (self);

  if (store != NULL)
    seller = sb_store_load_seller_json (store, NULL);
  self->has_seller = seller != NULL;
  lang = seller_facts (seller, &currency);
  if (lang != SB_N_LANGS)
    sb_catalogue_view_set_lang (self->catalogue_view, lang);
  if (currency == NULL)
    {
      /* No profile yet: the currency of the interface's country. */
      lang = sb_catalogue_view_get_lang (self->catalogue_view);
      currency = g_strdup (lang == SB_LANG_KO ? "KRW" : lang == SB_LANG_RU ? "RUB" : "USD");
    }
  g_free (self->currency);
  self->currency = g_steal_pointer (&currency);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-product", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", store != NULL);

  if (self->publisher != NULL)
    g_signal_handlers_disconnect_by_data (self->publisher, self);
  g_clear_object (&self->publisher);
  if (store != NULL)
    {
      g_autofree char *endpoint = g_settings_get_string (self->settings, "endpoint");

      self->publisher = sb_publisher_new (store, endpoint);
      g_signal_connect_object (self->publisher, "notify::state", G_CALLBACK (publisher_state_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->publisher, "notify::running", G_CALLBACK (publisher_state_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->publisher, "notify::done", G_CALLBACK (publisher_progress_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->publisher, "notify::total", G_CALLBACK (publisher_progress_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->publisher, "message", G_CALLBACK (publisher_message_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->publisher, "finished", G_CALLBACK (publisher_finished_cb), self, G_CONNECT_SWAPPED);
      publisher_state_cb (self);
    }
  else
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", FALSE);
    }

  sb_catalogue_view_set_store (self->catalogue_view, store);
  model = sb_catalogue_view_get_model (self->catalogue_view);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (update_main_page),
                             self, G_CONNECT_SWAPPED);
  update_main_page (self);
}

/**
 * sb_window_get_store:
 *
 * Returns: (transfer none) (nullable): the store the window shows
 */
SbStore *
sb_window_get_store (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->store;
}

/**
 * sb_window_get_catalogue_view:
 *
 * Returns: (transfer none): the catalogue page
 */
SbCatalogueView *
sb_window_get_catalogue_view (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->catalogue_view;
}

/**
 * sb_window_get_visible_page:
 *
 * Returns: "welcome" or "catalogue"
 */
const char *
sb_window_get_visible_page (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

/**
 * sb_window_get_publisher:
 *
 * Returns: (transfer none) (nullable): what runs "Sync now", once the
 *   window has a store
 */
SbPublisher *
sb_window_get_publisher (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->publisher;
}

/**
 * sb_window_show_conflict:
 *
 * Opens the conflict dialog (both versions side by side) for @offer_id,
 * or shows a toast saying why it cannot.
 *
 * Returns: (transfer none) (nullable): the dialog, already presented
 */
GtkWindow *
sb_window_show_conflict (SbWindow   *self,
                         const char *offer_id)
{
  g_autoptr(GError) error = NULL;
  SbConflictDialog *dialog;

  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;
  dialog = sb_conflict_dialog_new (GTK_WINDOW (self), self->store, offer_id, &error);
  if (dialog == NULL)
    {
      sb_catalogue_view_add_toast (self->catalogue_view, adw_toast_new (error->message));
      return NULL;
    }
  g_signal_connect_object (dialog, "close-request", G_CALLBACK (conflict_closed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/**
 * sb_window_get_last_toast:
 *
 * Returns: (transfer none) (nullable): the last toast about publishing
 */
AdwToast *
sb_window_get_last_toast (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->last_toast;
}
