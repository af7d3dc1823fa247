/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-preferences-key.c: the API key in Preferences against a real
 * sellbridge-sandbox.  "Test Connection" with the right key says so, with
 * a wrong secret says the key was refused; "Save Key" stores the key in
 * the Secret Service (the in-memory session collection, never the login
 * keyring) and a new Preferences window reads it back.  The round trip is
 * skipped, and says why, when no Secret Service answers.  Screenshots at
 * full width and at 360 px.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-credentials.h"
#include "sb-preferences-window.h"
#include "sb-test-sync.h"
#include "sb-test-ui.h"
#include "sb-window.h"

static void
wait_idle (SbPreferencesWindow *prefs)
{
  sb_test_ui_iterate (20);
  while (sb_preferences_window_get_busy (prefs))
    g_main_context_iteration (NULL, TRUE);
}

static GtkEditable *
row (GtkWindow  *prefs,
     const char *name)
{
  return GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (prefs), SB_TYPE_PREFERENCES_WINDOW, name));
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_key (void)
{
  const char *args[] = { NULL };
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  SbTestSandbox *sandbox;
  SbWindow *window;
  GtkWindow *prefs, *again;
  const char *status;
  gboolean ok = FALSE;
  g_autofree char *shot = NULL;
  g_autofree char *narrow = NULL;

  g_setenv ("SELLBRIDGE_SECRET_COLLECTION", "session", TRUE);
  g_unsetenv ("SELLBRIDGE_API_KEY");
  g_unsetenv ("SELLBRIDGE_API_SECRET");
  sandbox = sb_test_sandbox_start (args);
  g_settings_set_string (settings, "endpoint", sandbox->url);

  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  prefs = sb_application_show_preferences (app);
  wait_idle (SB_PREFERENCES_WINDOW (prefs));

  /* A wrong secret is refused by the marketplace, and the window says so. */
  gtk_editable_set_text (row (prefs, "key_id_row"), sandbox->key);
  gtk_editable_set_text (row (prefs, "secret_row"), "not-the-secret");
  sb_preferences_window_test_connection (SB_PREFERENCES_WINDOW (prefs));
  wait_idle (SB_PREFERENCES_WINDOW (prefs));
  status = sb_preferences_window_get_credentials_status (SB_PREFERENCES_WINDOW (prefs), &ok);
  g_assert_nonnull (status);
  g_assert_false (ok);
  g_assert_true (sb_test_ui_text_is_in_language (status));

  /* The right one is accepted. */
  gtk_editable_set_text (row (prefs, "secret_row"), sandbox->secret);
  sb_preferences_window_test_connection (SB_PREFERENCES_WINDOW (prefs));
  wait_idle (SB_PREFERENCES_WINDOW (prefs));
  status = sb_preferences_window_get_credentials_status (SB_PREFERENCES_WINDOW (prefs), &ok);
  g_assert_nonnull (status);
  g_assert_true (ok);
  g_assert_true (sb_test_ui_text_is_in_language (status));
  sb_test_ui_wait_for_draw (GTK_WIDGET (prefs));
  shot = sb_test_ui_save_screenshot (GTK_WIDGET (prefs), "preferences-key");
  gtk_window_set_default_size (prefs, 360, 720);
  sb_test_ui_wait_for_draw (GTK_WIDGET (prefs));
  narrow = sb_test_ui_save_screenshot (GTK_WIDGET (prefs), "preferences-key-narrow");

  /* Empty fields are refused before anything is sent. */
  gtk_editable_set_text (row (prefs, "key_id_row"), "");
  sb_preferences_window_save_credentials (SB_PREFERENCES_WINDOW (prefs));
  g_assert_nonnull (sb_preferences_window_get_credentials_status (SB_PREFERENCES_WINDOW (prefs), &ok));
  g_assert_false (ok);

  /* Saved, then read back by a new window. */
  gtk_editable_set_text (row (prefs, "key_id_row"), sandbox->key);
  sb_preferences_window_save_credentials (SB_PREFERENCES_WINDOW (prefs));
  wait_idle (SB_PREFERENCES_WINDOW (prefs));
  status = sb_preferences_window_get_credentials_status (SB_PREFERENCES_WINDOW (prefs), &ok);
  g_assert_nonnull (status);
  gtk_window_destroy (prefs);
  if (!ok)
    {
      g_autofree char *why = g_strdup_printf ("the Secret Service is not usable here: %s", status);

      g_test_skip (why);
    }
  else
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      again = sb_application_show_preferences (app);
      wait_idle (SB_PREFERENCES_WINDOW (again));
      g_assert_cmpstr (gtk_editable_get_text (row (again, "key_id_row")), ==, sandbox->key);
      g_assert_cmpstr (gtk_editable_get_text (row (again, "secret_row")), ==, sandbox->secret);
      gtk_window_destroy (again);

      sb_credentials_clear_async (sandbox->url, NULL, clear_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (sb_credentials_clear_finish (result, &error));
      g_assert_no_error (error);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
  g_settings_reset (settings, "endpoint");
  sb_test_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);
  g_test_add_func ("/preferences/key", test_key);
  return g_test_run ();
}
