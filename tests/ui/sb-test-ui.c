/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-test-ui.c: the UI tests' shared helpers.  Tests run once per
 * language (en, ko, ru) with SELLBRIDGE_TEST_LANG naming it; screenshots go
 * to $SELLBRIDGE_BUILD_ROOT/screenshots/<name>-<lang>.png so that a person
 * can look at what the tests saw.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sb-test-ui.h"

/**
 * sb_test_ui_init:
 *
 * Binds the translations of the build tree and initialises GTK for testing.
 */
void
sb_test_ui_init (int    *argc,
                 char ***argv)
{
  sb_application_init_i18n ();
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

/**
 * sb_test_ui_start_application:
 *
 * Registers a non-unique SbApplication, which runs its startup (actions,
 * accelerators, style, icons) without entering a main loop.  An
 * application can be registered once per process, so every test of the
 * process shares it.
 *
 * Returns: (transfer full): the application
 */
SbApplication *
sb_test_ui_start_application (void)
{
  static SbApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = sb_application_new ();
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }
  return g_object_ref (app);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * sb_test_ui_iterate:
 *
 * Runs the default main context for @milliseconds.
 */
void
sb_test_ui_iterate (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
sb_test_ui_wait_for_draw (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  /* Let size allocation and idle work settle (fonts, icons). */
  sb_test_ui_iterate (200);
}

/**
 * sb_test_ui_save_screenshot:
 * @widget: a realised widget, usually a window
 * @name: a short name for the view, e.g. "main-window"
 *
 * Renders @widget with its own renderer and saves it as a PNG.
 *
 * Returns: (transfer full): the path of the PNG
 */
char *
sb_test_ui_save_screenshot (GtkWidget  *widget,
                            const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  char *path;
  const char *root = g_getenv ("SELLBRIDGE_BUILD_ROOT");
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_nonnull (renderer);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* A widget whose redraw is queued (a blinking cursor, an animation) has
   * no render node until the next frame: wait for frames until it has. */
  for (guint attempt = 0; node == NULL && attempt < 40; attempt++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        sb_test_ui_iterate (50);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  dir = g_build_filename (root != NULL ? root : ".", "screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  file = g_strdup_printf ("%s-%s.png", name, sb_test_ui_get_language ());
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot saved to %s", path);
  return path;
}

/**
 * sb_test_ui_get_language:
 *
 * Returns: "en", "ko" or "ru": the language this run of the test is for
 */
const char *
sb_test_ui_get_language (void)
{
  const char *lang = g_getenv ("SELLBRIDGE_TEST_LANG");

  return lang != NULL ? lang : "en";
}

/**
 * sb_test_ui_text_is_in_language:
 *
 * Returns: %TRUE when @text is written in the script of the test's
 *   language: Hangul for ko, Cyrillic for ru, Latin only for en
 */
gboolean
sb_test_ui_text_is_in_language (const char *text)
{
  const char *lang = sb_test_ui_get_language ();
  gboolean hangul = FALSE, cyrillic = FALSE;

  for (const char *p = text; p != NULL && *p; p = g_utf8_next_char (p))
    {
      GUnicodeScript script = g_unichar_get_script (g_utf8_get_char (p));

      hangul |= script == G_UNICODE_SCRIPT_HANGUL;
      cyrillic |= script == G_UNICODE_SCRIPT_CYRILLIC;
    }
  if (g_str_equal (lang, "ko"))
    return hangul && !cyrillic;
  if (g_str_equal (lang, "ru"))
    return cyrillic && !hangul;
  return !hangul && !cyrillic;
}

/**
 * sb_test_ui_new_seller_store:
 * @name: a word for the temporary folder's name
 * @out_dir: (out): the new folder, for sb_test_ui_remove_dir()
 *
 * Returns: (transfer full): a new catalogue, `catalogue.db` in a new
 *   temporary folder, with a Korean company seller paid in KRW
 */
SbStore *
sb_test_ui_new_seller_store (const char  *name,
                             char       **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("sellbridge-%s-XXXXXX", name);
  g_autofree char *dir = g_dir_make_tmp (template, &error);
  g_autofree char *path = NULL;
  g_autoptr(SbStore) store = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "catalogue.db", NULL);
  store = sb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_save_seller_json (store,
                                            "{\"country\": \"KR\", \"legal_form\": \"company\", \"payout_currency\": \"KRW\"}",
                                            &error));
  g_assert_no_error (error);
  *out_dir = g_steal_pointer (&dir);
  return g_steal_pointer (&store);
}

/* Removes the files of a test's folder, then the folder. */
void
sb_test_ui_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* The product editor's template child @name, which must exist. */
gpointer
sb_test_ui_editor_child (SbProductEditor *editor,
                         const char      *name)
{
  gpointer widget = gtk_widget_get_template_child (GTK_WIDGET (editor), SB_TYPE_PRODUCT_EDITOR, name);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
keep_awake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Returns right after the main-loop iteration in which the editor's load
 * or save finished (work it started on other threads, such as image
 * checks, may still be running); fails after 20 s.  A timer keeps the
 * loop waking while the editor waits for a worker thread. */
void
sb_test_ui_wait_editor (SbProductEditor *editor)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (100, keep_awake_cb, NULL);

  while (sb_product_editor_get_busy (editor) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  g_assert_false (sb_product_editor_get_busy (editor));
}
