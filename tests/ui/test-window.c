/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-window.c: opens the real main window under Xvfb, checks the
 * welcome page, the primary menu's actions, the About, Preferences and
 * Keyboard Shortcuts windows, and that the window keeps its size in
 * GSettings; saves screenshots in the language of the run.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sb-preferences-window.h"
#include "sb-test-ui.h"
#include "sb-window.h"

static void
test_welcome_page (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  SbWindow *window = sb_window_new (app);
  AdwStatusPage *page;
  g_autofree char *shot = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));

  page = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), SB_TYPE_WINDOW, "welcome_page"));
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_true (sb_test_ui_text_is_in_language (adw_status_page_get_title (page)));
  g_assert_true (sb_test_ui_text_is_in_language (adw_status_page_get_description (page)));
  g_assert_true (sb_test_ui_text_is_in_language (gtk_window_get_title (GTK_WINDOW (window))) ||
                 g_str_equal (gtk_window_get_title (GTK_WINDOW (window)), "Sellbridge"));

  /* The primary menu offers the three actions, and they exist. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));

  shot = sb_test_ui_save_screenshot (GTK_WIDGET (window), "main-window");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_narrow_window (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  SbWindow *window = sb_window_new (app);
  g_autofree char *shot = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (window), "main-window-narrow");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_about (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  SbWindow *window = sb_window_new (app);
  GtkWindow *about;
  g_autofree char *shot = NULL;
  const char *credits;

  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));

  about = sb_application_show_about (app);
  g_assert_true (ADW_IS_ABOUT_WINDOW (about));
  sb_test_ui_wait_for_draw (GTK_WIDGET (about));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  credits = adw_about_window_get_translator_credits (ADW_ABOUT_WINDOW (about));
  if (g_str_equal (sb_test_ui_get_language (), "en"))
    g_assert_cmpstr (credits, ==, "translator-credits");
  else
    g_assert_cmpstr (credits, !=, "translator-credits");
  g_assert_true (sb_test_ui_text_is_in_language (adw_about_window_get_comments (ADW_ABOUT_WINDOW (about))));

  shot = sb_test_ui_save_screenshot (GTK_WIDGET (about), "about");
  gtk_window_destroy (about);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_preferences (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  SbWindow *window = sb_window_new (app);
  GtkWindow *prefs;
  GtkEditable *row;
  GtkLabel *error_label;
  g_autofree char *endpoint = NULL;
  g_autofree char *shot = NULL;

  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  prefs = sb_application_show_preferences (app);
  sb_test_ui_wait_for_draw (GTK_WIDGET (prefs));

  /* A plain-http address of another computer, typed and applied, is
   * refused and not stored. */
  row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (prefs), SB_TYPE_PREFERENCES_WINDOW, "endpoint_row"));
  error_label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (prefs), SB_TYPE_PREFERENCES_WINDOW, "endpoint_error_label"));
  gtk_editable_set_text (row, "http://seller-api.example.com");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_true (sb_test_ui_text_is_in_language (gtk_label_get_text (error_label)));
  endpoint = g_settings_get_string (settings, "endpoint");
  g_assert_cmpstr (endpoint, ==, "https://seller-api.marketplace.example");
  sb_test_ui_wait_for_draw (GTK_WIDGET (prefs));
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (prefs), "preferences-error");

  g_assert_true (sb_preferences_window_set_endpoint (SB_PREFERENCES_WINDOW (prefs),
                                                     " http://127.0.0.1:8080/ "));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_clear_pointer (&endpoint, g_free);
  endpoint = g_settings_get_string (settings, "endpoint");
  g_assert_cmpstr (endpoint, ==, "http://127.0.0.1:8080");
  g_settings_reset (settings, "endpoint");

  gtk_window_destroy (prefs);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_shortcuts (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  SbWindow *window = sb_window_new (app);
  GtkShortcutsWindow *overlay;
  g_autofree char *shot = NULL;

  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  sb_test_ui_wait_for_draw (GTK_WIDGET (overlay));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (overlay), "shortcuts");
  gtk_window_close (GTK_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_state (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  SbWindow *window;
  int width = 0, height = 0;

  g_settings_set (settings, "window-size", "(ii)", 777, 555);
  window = sb_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 777);
  g_assert_cmpint (height, ==, 555);

  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  gtk_window_close (GTK_WINDOW (window));
  sb_test_ui_iterate (50);

  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  g_assert_cmpint (width, ==, 640);
  g_assert_cmpint (height, ==, 480);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_settings_reset (settings, "window-size");
}

static GtkWindow *
find_dialog_of (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent)
        return window;  /* still owned by GTK's list of toplevels */
    }
  return NULL;
}

/* A damaged catalogue: the window starts on a new one and tells the
 * seller, in their language, where the old file and the export went. */
static void
test_damaged_catalogue (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sellbridge-ui-damaged-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "catalogue.db", NULL);
  g_autofree char *corrupt = g_strconcat (db, ".corrupt", NULL);
  g_autofree char *old_db = g_strdup (g_getenv ("SELLBRIDGE_DB"));
  g_autofree char *shot = NULL;
  SbWindow *window;
  GtkWindow *dialog = NULL;
  const char *body;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (db, "not a catalogue at all", -1, NULL));
  g_setenv ("SELLBRIDGE_DB", db, TRUE);

  window = sb_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  for (guint i = 0; i < 100 && (dialog = find_dialog_of (GTK_WINDOW (window))) == NULL; i++)
    sb_test_ui_iterate (20);
  g_assert_nonnull (dialog);
  sb_test_ui_wait_for_draw (GTK_WIDGET (dialog));

  g_assert_true (sb_test_ui_text_is_in_language (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog))));
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_true (sb_test_ui_text_is_in_language (body));
  g_assert_nonnull (strstr (body, corrupt));
  g_assert_true (g_file_test (corrupt, G_FILE_TEST_EXISTS));
  /* Shown once. */
  g_assert_null (sb_window_show_store_problem (window));
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (dialog), "damaged-catalogue");

  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (20);
  if (old_db != NULL)
    g_setenv ("SELLBRIDGE_DB", old_db, TRUE);
  else
    g_unsetenv ("SELLBRIDGE_DB");
  {
    g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
    const char *name;

    while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);
  g_test_add_func ("/window/welcome-page", test_welcome_page);
  g_test_add_func ("/window/narrow", test_narrow_window);
  g_test_add_func ("/window/about", test_about);
  g_test_add_func ("/window/preferences", test_preferences);
  g_test_add_func ("/window/shortcuts", test_shortcuts);
  g_test_add_func ("/window/state", test_window_state);
  g_test_add_func ("/window/damaged-catalogue", test_damaged_catalogue);
  return g_test_run ();
}
