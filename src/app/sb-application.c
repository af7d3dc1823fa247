/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-application.c: the application object.  It owns the app-wide actions
 * (about, preferences, quit), their keyboard accelerators and the
 * --version option, and opens the main window on activation.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sb-application.h"
#include "sb-preferences-window.h"
#include "sb-window.h"

struct _SbApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (SbApplication, sb_application, ADW_TYPE_APPLICATION)

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  sb_application_show_about (SB_APPLICATION (user_data));
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  sb_application_show_preferences (SB_APPLICATION (user_data));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Close windows properly so that they save their state. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
  g_application_quit (app);
}

static const GActionEntry app_actions[] = {
  { "about", about_action_cb },
  { "preferences", preferences_action_cb },
  { "quit", quit_action_cb },
};

static int
sb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "sellbridge", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
sb_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (sb_window_new (SB_APPLICATION (app)));
  gtk_window_present (window);
}

static void
sb_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *sync_accels[] = { "<Control>r", "F5", NULL };

  G_APPLICATION_CLASS (sb_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.sync", sync_accels);
}

static void
sb_application_class_init (SbApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = sb_application_activate;
  app_class->startup = sb_application_startup;
  app_class->handle_local_options = sb_application_handle_local_options;
}

static void
sb_application_init (SbApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

/**
 * sb_application_init_i18n:
 *
 * Sets the locale and binds the message catalogue.  The directory can be
 * overridden with SELLBRIDGE_LOCALEDIR so that tests and the uninstalled
 * build find the catalogues compiled in the build tree.
 */
void
sb_application_init_i18n (void)
{
  const char *localedir = g_getenv ("SELLBRIDGE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

SbApplication *
sb_application_new (void)
{
  return g_object_new (SB_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/sellbridge/Sellbridge",
                       NULL);
}

/**
 * sb_application_show_about:
 *
 * Returns: (transfer none): the About window, already presented
 */
GtkWindow *
sb_application_show_about (SbApplication *self)
{
  static const char *developers[] = { "The Sellbridge developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-icon", APPLICATION_ID,
                        "application-name", _("Sellbridge"),
                        "developer-name", _("The Sellbridge developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("List your goods on a cross-border marketplace from Korea or Russia"),
                        "website", "https://github.com/sellbridge/sellbridge",
                        "issue-url", "https://github.com/sellbridge/sellbridge/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Sellbridge developers",
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
  return GTK_WINDOW (about);
}

/**
 * sb_application_show_preferences:
 *
 * Returns: (transfer none): the Preferences window, already presented
 */
GtkWindow *
sb_application_show_preferences (SbApplication *self)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *prefs = GTK_WINDOW (sb_preferences_window_new (parent));

  gtk_window_present (prefs);
  return prefs;
}
