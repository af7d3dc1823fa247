/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-keyboard.c: Sellbridge with the keyboard alone, under Xvfb.  Key
 * presses are real X events synthesized with the XTEST extension (so they
 * go through GTK's shortcut and focus handling as a person's would); the
 * focus chain is walked with gtk_widget_child_focus(), which is what Tab
 * does.  Ctrl+F focuses the catalogue search, Ctrl+N opens a new product,
 * Tab reaches every control of the editor, the category chooser opens
 * with Enter on its row, is searched by typing in the run's language and
 * a leaf is chosen with Down and Enter (and browsed with Right/Left, closed
 * with Escape), Ctrl+S saves, Ctrl+I and Ctrl+E open the CSV dialog, and
 * every one of those shortcuts is listed in the shortcuts window.
 */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include "sb-catalogue-view.h"
#include "sb-category-chooser.h"
#include "sb-csv-dialog.h"
#include "sb-format.h"
#include "sb-product-editor.h"
#include "sb-store.h"
#include "sb-test-ui.h"
#include "sb-window.h"

typedef struct
{
  char    *dir;
  SbStore *store;
} Fixture;

/* Category 100 › 1001 and 200 › 2001, named in each language; the
 * Russian leaf has a long name, to see it wrap in a narrow chooser. */
static const char *names[SB_N_LANGS][4] = {
  { "Clothing", "T-shirts", "Kitchen", "Mugs and cups for hot drinks" },
  { "의류", "티셔츠", "주방", "머그컵" },
  { "Одежда", "Футболки", "Кухня", "Кружки и чашки для горячих напитков и для чайных церемоний" },
};

/* What to type to find the T-shirts: a part of the name, not its start,
 * in other letter case where the script has case. */
static const char *searches[SB_N_LANGS] = { "SHIRT", "셔츠", "ФУТБОЛ" };

static void
put_references (SbStore *store)
{
  for (guint lang = 0; lang < SB_N_LANGS; lang++)
    {
      const char **n = names[lang];
      g_autofree char *kind = g_strdup_printf ("categories:%s", sb_lang_to_code (lang));
      g_autofree char *json = g_strdup_printf (
        "{\"categories\": ["
        "{\"id\": \"100\", \"parent_id\": null, \"name\": \"%s\", \"leaf\": false},"
        "{\"id\": \"1001\", \"parent_id\": \"100\", \"name\": \"%s\", \"leaf\": true,"
        " \"commission_rate\": \"0.08\", \"variant_options\": [\"size\"],"
        " \"attributes\": [{\"id\": \"brand\", \"name\": \"Brand\", \"type\": \"text\", \"required\": true}]},"
        "{\"id\": \"200\", \"parent_id\": null, \"name\": \"%s\", \"leaf\": false},"
        "{\"id\": \"2001\", \"parent_id\": \"200\", \"name\": \"%s\", \"leaf\": true,"
        " \"commission_rate\": \"0.10\", \"variant_options\": [], \"attributes\": []}"
        "]}", n[0], n[1], n[2], n[3]);
      g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
      g_autoptr(GError) error = NULL;

      g_assert_true (sb_store_put_reference (store, kind, body, "\"1\"", NULL, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = sb_test_ui_new_seller_store ("keyboard", &fixture->dir);
  put_references (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  sb_test_ui_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* ---- synthesized keys ---- */

static Display *
xdisplay (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  return gdk_x11_display_get_xdisplay (display);
}

/* Gives @window the X keyboard focus, as a window manager would. */
static void
focus_window (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  gtk_window_present (window);
  sb_test_ui_iterate (50);
  XSetInputFocus (xdisplay (), gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (xdisplay (), False);
  sb_test_ui_iterate (100);
}

/* A keycode that types @sym, mapping a free one to it when none does
 * (how Hangul and Cyrillic are typed on the US layout Xvfb starts with). */
static KeyCode
keycode_for (KeySym sym)
{
  Display *dpy = xdisplay ();
  KeyCode code = XKeysymToKeycode (dpy, sym);
  int min, max, per;
  KeySym *map;

  if (code != 0)
    return code;
  XDisplayKeycodes (dpy, &min, &max);
  map = XGetKeyboardMapping (dpy, (KeyCode) min, max - min + 1, &per);
  for (int k = max; k >= min && code == 0; k--)
    {
      gboolean free_code = TRUE;

      for (int i = 0; i < per; i++)
        free_code &= map[(k - min) * per + i] == NoSymbol;
      if (free_code)
        code = (KeyCode) k;
    }
  XFree (map);
  g_assert_cmpuint (code, !=, 0);
  XChangeKeyboardMapping (dpy, code, 1, &sym, 1);
  XSync (dpy, False);
  /* Let GDK read the new keymap before the key arrives. */
  sb_test_ui_iterate (150);
  return code;
}

static void
press (KeySym   sym,
       gboolean control)
{
  Display *dpy = xdisplay ();
  KeyCode code = keycode_for (sym);
  KeyCode ctrl = XKeysymToKeycode (dpy, XK_Control_L);

  if (control)
    XTestFakeKeyEvent (dpy, ctrl, True, CurrentTime);
  XTestFakeKeyEvent (dpy, code, True, CurrentTime);
  XTestFakeKeyEvent (dpy, code, False, CurrentTime);
  if (control)
    XTestFakeKeyEvent (dpy, ctrl, False, CurrentTime);
  XSync (dpy, False);
  sb_test_ui_iterate (80);
}

/* Types @text character by character. */
static void
type_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      KeySym sym = c < 0x80 ? (KeySym) g_unichar_tolower (c) : (KeySym) (0x01000000 | c);

      if (c < 0x80 && g_unichar_isupper (c))
        {
          KeyCode shift = XKeysymToKeycode (xdisplay (), XK_Shift_L);

          XTestFakeKeyEvent (xdisplay (), shift, True, CurrentTime);
          press (sym, FALSE);
          XTestFakeKeyEvent (xdisplay (), shift, False, CurrentTime);
          XSync (xdisplay (), False);
        }
      else
        press (sym, FALSE);
    }
  sb_test_ui_iterate (200);
}

static GtkWidget *
focus_of (GtkWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* TRUE when the focus is @widget or inside it. */
static gboolean
focus_in (GtkWindow *window,
          gpointer   widget)
{
  GtkWidget *focus = focus_of (window);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static gpointer
wait_toplevel (GType type)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gpointer found;

  while ((found = find_toplevel (type)) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return found;
}

static SbWindow *
open_window (Fixture *fixture)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  SbWindow *window = sb_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  sb_window_set_store (window, fixture->store);
  gtk_window_present (GTK_WINDOW (window));
  /* A profile without products opens on its status; the catalogue is in
   * the primary menu (not what this test is about). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-catalogue", NULL);
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  focus_window (GTK_WINDOW (window));
  return window;
}

/* Walks the focus chain as Tab does, once round, from the first control:
 * Returns: (transfer container): the widgets that had the focus */
static GPtrArray *
walk_focus_chain (GtkWindow *window)
{
  GPtrArray *visited = g_ptr_array_new ();
  GtkWidget *first = NULL;

  for (guint i = 0; i < 400; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        {
          /* Past the last control: Tab starts again from the top. */
          gtk_window_set_focus (window, NULL);
          continue;
        }
      focus = focus_of (window);
      if (focus == first)
        break;
      if (first == NULL)
        first = focus;
      g_ptr_array_add (visited, focus);
    }
  return visited;
}

static gboolean
chain_reaches (GPtrArray *visited,
               gpointer   widget)
{
  for (guint i = 0; i < visited->len; i++)
    {
      GtkWidget *focus = g_ptr_array_index (visited, i);

      if (focus == widget || gtk_widget_is_ancestor (focus, widget))
        return TRUE;
    }
  return FALSE;
}

static void
test_catalogue_shortcuts (Fixture       *fixture,
                          gconstpointer  data)
{
  SbWindow *window = open_window (fixture);
  SbCatalogueView *view = sb_window_get_catalogue_view (window);
  GtkWidget *search = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (view), SB_TYPE_CATALOGUE_VIEW, "search_entry");
  SbCsvDialog *csv;

  g_assert_cmpstr (sb_window_get_visible_page (window), ==, "catalogue");
  g_assert_nonnull (search);
  g_assert_false (focus_in (GTK_WINDOW (window), search));
  press (XK_f, TRUE);
  g_assert_true (focus_in (GTK_WINDOW (window), search));

  /* Ctrl+I: the import dialog; Escape closes it; Ctrl+E: export. */
  press (XK_i, TRUE);
  csv = wait_toplevel (SB_TYPE_CSV_DIALOG);
  g_assert_nonnull (csv);
  focus_window (GTK_WINDOW (csv));
  press (XK_Escape, FALSE);
  sb_test_ui_iterate (100);
  g_assert_null (find_toplevel (SB_TYPE_CSV_DIALOG));

  focus_window (GTK_WINDOW (window));
  press (XK_e, TRUE);
  csv = wait_toplevel (SB_TYPE_CSV_DIALOG);
  g_assert_nonnull (csv);
  gtk_window_destroy (GTK_WINDOW (csv));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_editor_by_keyboard (Fixture       *fixture,
                         gconstpointer  data)
{
  SbWindow *window = open_window (fixture);
  SbLang lang = sb_format_interface_lang ();
  SbProductEditor *editor;
  SbCategoryChooser *chooser;
  g_autoptr(GPtrArray) chain = NULL;
  GtkWidget *category_row;
  GtkWidget *list;
  guint rows;

  /* Ctrl+N: a new product, ready to type into. */
  press (XK_n, TRUE);
  editor = wait_toplevel (SB_TYPE_PRODUCT_EDITOR);
  g_assert_nonnull (editor);
  sb_test_ui_wait_editor (editor);
  sb_test_ui_wait_for_draw (GTK_WIDGET (editor));
  focus_window (GTK_WINDOW (editor));
  category_row = sb_test_ui_editor_child (editor, "category_row");

  /* Tab reaches every control; the category's attribute rows come with a
   * category, so choose one first, by keyboard: Enter on the row. */
  chain = walk_focus_chain (GTK_WINDOW (editor));
  g_assert_true (chain_reaches (chain, category_row));
  gtk_widget_grab_focus (category_row);
  press (XK_Return, FALSE);
  chooser = wait_toplevel (SB_TYPE_CATEGORY_CHOOSER);
  g_assert_nonnull (chooser);
  sb_test_ui_wait_for_draw (GTK_WIDGET (chooser));
  focus_window (GTK_WINDOW (chooser));
  list = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (chooser), SB_TYPE_CATEGORY_CHOOSER, "list_view");

  /* Browsing: the two parents, shown in the interface language; Down into
   * the list, Right opens the first, Left closes it. */
  g_assert_cmpuint (sb_category_chooser_get_n_rows (chooser), ==, 2);
  {
    g_autofree char *text = sb_category_chooser_dup_row_text (chooser, 0);

    g_assert_cmpstr (text, ==, names[lang][0]);
  }
  press (XK_Down, FALSE);
  g_assert_true (focus_in (GTK_WINDOW (chooser), list));
  press (XK_Right, FALSE);
  g_assert_cmpuint (sb_category_chooser_get_n_rows (chooser), ==, 3);
  g_assert_cmpstr (sb_category_chooser_get_row_id (chooser, 1), ==, "1001");
  sb_test_ui_wait_for_draw (GTK_WIDGET (chooser));
  g_free (sb_test_ui_save_screenshot (GTK_WIDGET (chooser), "category-chooser-tree"));
  press (XK_Left, FALSE);
  g_assert_cmpuint (sb_category_chooser_get_n_rows (chooser), ==, 2);
  /* Enter on a parent opens it too; it cannot be chosen. */
  press (XK_Return, FALSE);
  g_assert_cmpuint (sb_category_chooser_get_n_rows (chooser), ==, 3);
  g_assert_true (find_toplevel (SB_TYPE_CATEGORY_CHOOSER) == chooser);

  /* Typing from the list goes to the search: only the matching leaf, with
   * its path; Escape clears the search first. */
  type_text (searches[lang]);
  rows = sb_category_chooser_get_n_rows (chooser);
  g_assert_cmpuint (rows, ==, 1);
  g_assert_cmpstr (sb_category_chooser_get_row_id (chooser, 0), ==, "1001");
  {
    g_autofree char *text = sb_category_chooser_dup_row_text (chooser, 0);
    g_autofree char *path = g_strdup_printf ("%s\n%s › %s", names[lang][1], names[lang][0], names[lang][1]);

    g_assert_cmpstr (text, ==, path);
  }
  sb_test_ui_wait_for_draw (GTK_WIDGET (chooser));
  g_free (sb_test_ui_save_screenshot (GTK_WIDGET (chooser), "category-chooser-search"));

  /* Down to the match, Enter chooses it: the chooser closes and the
   * editor shows the category and its attribute. */
  press (XK_Down, FALSE);
  g_assert_true (focus_in (GTK_WINDOW (chooser), list));
  press (XK_Return, FALSE);
  sb_test_ui_iterate (100);
  g_assert_null (find_toplevel (SB_TYPE_CATEGORY_CHOOSER));
  g_assert_nonnull (sb_product_editor_get_attribute_row (editor, "brand"));
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (category_row)), names[lang][1]));

  /* The whole chain, now with the attribute. */
  focus_window (GTK_WINDOW (editor));
  g_clear_pointer (&chain, g_ptr_array_unref);
  chain = walk_focus_chain (GTK_WINDOW (editor));
  g_test_message ("the editor's focus chain has %u stops", chain->len);
  {
    const char *named[] = { "offer_id_row", "category_row", "title_en_row", "title_local_row",
                            "description_en_view", "description_local_view", "weight_spin",
                            "length_spin", "width_spin", "height_spin", "hs_code_row",
                            "batteries_row", "liquids_switch", "save_button" };
    GtkWidget *variant = gtk_grid_get_child_at (GTK_GRID (sb_test_ui_editor_child (editor, "variants_grid")), 0, 1);

    for (guint i = 0; i < G_N_ELEMENTS (named); i++)
      {
        if (!chain_reaches (chain, sb_test_ui_editor_child (editor, named[i])))
          g_error ("Tab does not reach %s", named[i]);
      }
    g_assert_true (chain_reaches (chain, sb_product_editor_get_attribute_row (editor, "brand")));
    g_assert_nonnull (variant);
    for (guint column = 0; column < 4; column++)
      g_assert_true (chain_reaches (chain, gtk_grid_get_child_at (GTK_GRID (sb_test_ui_editor_child (editor, "variants_grid")),
                                                                  column, 1)));
  }

  /* Type the offer id, a title, the variant's SKU and price and save with
   * Ctrl+S: kept on this computer (the marketplace's rules, such as an
   * image, are shown but do not stop a local save). */
  gtk_widget_grab_focus (sb_test_ui_editor_child (editor, "offer_id_row"));
  type_text ("kb-1");
  gtk_widget_grab_focus (sb_test_ui_editor_child (editor, "title_en_row"));
  type_text ("Tee");
  gtk_widget_grab_focus (gtk_grid_get_child_at (GTK_GRID (sb_test_ui_editor_child (editor, "variants_grid")), 0, 1));
  type_text ("kb-1-m");
  gtk_widget_grab_focus (gtk_grid_get_child_at (GTK_GRID (sb_test_ui_editor_child (editor, "variants_grid")), 2, 1));
  type_text ("12900");
  press (XK_s, TRUE);
  sb_test_ui_wait_editor (editor);
  g_assert_true (sb_store_has_product (fixture->store, "kb-1", NULL));
  if (find_toplevel (SB_TYPE_PRODUCT_EDITOR) != NULL)
    gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A narrow chooser: long names wrap instead of widening the window; a
 * search without a match; Escape clears the search, then closes. */
static void
test_chooser_narrow (Fixture       *fixture,
                     gconstpointer  data)
{
  SbWindow *window = open_window (fixture);
  SbProductEditor *editor;
  SbCategoryChooser *chooser;

  press (XK_n, TRUE);
  editor = wait_toplevel (SB_TYPE_PRODUCT_EDITOR);
  g_assert_nonnull (editor);
  sb_test_ui_wait_editor (editor);
  chooser = SB_CATEGORY_CHOOSER (sb_product_editor_open_category_chooser (editor));
  gtk_window_set_default_size (GTK_WINDOW (chooser), 320, 480);
  sb_category_chooser_set_search (chooser, "");
  sb_test_ui_wait_for_draw (GTK_WIDGET (chooser));
  focus_window (GTK_WINDOW (chooser));
  press (XK_Down, FALSE);
  press (XK_Down, FALSE);
  press (XK_Right, FALSE);
  g_assert_cmpuint (sb_category_chooser_get_n_rows (chooser), ==, 3);
  sb_test_ui_wait_for_draw (GTK_WIDGET (chooser));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (chooser)), <=, 340);
  g_free (sb_test_ui_save_screenshot (GTK_WIDGET (chooser), "category-chooser-narrow"));

  /* No match: the list gives way to a page saying so; Escape clears the
   * search (the chooser stays), Escape again closes it. */
  type_text ("zzq");
  g_assert_cmpuint (sb_category_chooser_get_n_rows (chooser), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (chooser), SB_TYPE_CATEGORY_CHOOSER, "stack"))),
                   ==, "empty");
  sb_test_ui_wait_for_draw (GTK_WIDGET (chooser));
  g_free (sb_test_ui_save_screenshot (GTK_WIDGET (chooser), "category-chooser-no-match"));
  press (XK_Escape, FALSE);
  g_assert_true (find_toplevel (SB_TYPE_CATEGORY_CHOOSER) == chooser);
  g_assert_cmpuint (sb_category_chooser_get_n_rows (chooser), ==, 3);
  press (XK_Escape, FALSE);
  sb_test_ui_iterate (100);
  g_assert_null (find_toplevel (SB_TYPE_CATEGORY_CHOOSER));
  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every shortcut this test used is listed in the shortcuts window. */
static void
test_shortcuts_listed (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/sellbridge/Sellbridge/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  const char *wanted[] = { "<Control>f", "<Control>n", "<Control>s", "<Control>i", "<Control>e" };

  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      gboolean found = FALSE;

      for (GSList *l = objects; l != NULL && !found; l = l->next)
        if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
          {
            g_autofree char *accelerator = NULL;
            g_autofree char *title = NULL;

            g_object_get (l->data, "accelerator", &accelerator, "title", &title, NULL);
            found = g_strcmp0 (accelerator, wanted[i]) == 0 && title != NULL &&
                    sb_test_ui_text_is_in_language (title);
          }
      if (!found)
        g_error ("%s is not in the shortcuts window, or not translated", wanted[i]);
    }
}

int
main (int    argc,
      char **argv)
{
  sb_test_ui_init (&argc, &argv);
  g_test_add ("/keyboard/catalogue-shortcuts", Fixture, NULL, fixture_set_up, test_catalogue_shortcuts, fixture_tear_down);
  g_test_add ("/keyboard/editor", Fixture, NULL, fixture_set_up, test_editor_by_keyboard, fixture_tear_down);
  g_test_add ("/keyboard/chooser-narrow", Fixture, NULL, fixture_set_up, test_chooser_narrow, fixture_tear_down);
  g_test_add_func ("/keyboard/shortcuts-listed", test_shortcuts_listed);
  return g_test_run ();
}
