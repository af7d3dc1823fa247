/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-category-chooser.c: the category chooser, a modal window over the
 * marketplace's category tree.  Without a search it shows the tree as a
 * GtkTreeListModel with GtkTreeExpander rows; typing anywhere searches,
 * and the list becomes the leaf categories whose path contains every word
 * typed (case-insensitively, Korean and Russian too, "е" finding "ё"),
 * each with its path.  Names are in the interface language, or English
 * where that copy has none.  Only leaves can be chosen: Enter or a click
 * on a leaf emits "category-chosen" and closes the window; on a parent it
 * opens or closes it (so do Right/Left, plus/minus); Down goes from the
 * search to the list; Escape clears the search, then closes.
 */
#include "config.h"

#include <string.h>

#include "sb-category-chooser.h"

#define MAX_DEPTH 16

struct _SbCategoryChooser
{
  AdwWindow          parent_instance;

  /* Template widgets */
  GtkSearchEntry    *search_entry;
  GtkStack          *stack;
  GtkListView       *list_view;

  /* Owned references */
  SbCategoryTree    *tree;       /* (nullable) interface language */
  SbCategoryTree    *fallback;   /* (nullable) English */
  GtkTreeListModel  *tree_model; /* the browsable tree */
  GtkTreeListModel  *leaf_model; /* the matching leaves, flat */
  GtkFilter         *filter;
  GHashTable        *folded;     /* leaf id → folded path, for the search */
  char             **words;      /* (nullable) folded words searched for */
};

G_DEFINE_FINAL_TYPE (SbCategoryChooser, sb_category_chooser, ADW_TYPE_WINDOW)

enum {
  CATEGORY_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The tree the structure comes from: the interface language's, or English. */
static SbCategoryTree *
structure (SbCategoryChooser *self)
{
  return self->tree != NULL ? self->tree : self->fallback;
}

static const char *
display_name (SbCategoryChooser *self,
              const char        *id)
{
  const SbCategory *category = self->tree != NULL ? sb_category_tree_lookup (self->tree, id) : NULL;

  if (category != NULL && category->name != NULL && category->name[0] != '\0')
    return category->name;
  category = self->fallback != NULL ? sb_category_tree_lookup (self->fallback, id) : NULL;
  if (category != NULL && category->name != NULL && category->name[0] != '\0')
    return category->name;
  return id;
}

static gboolean
is_leaf (SbCategoryChooser *self,
         const char        *id)
{
  const SbCategory *category = sb_category_tree_lookup (structure (self), id);

  return category != NULL && category->leaf;
}

/* Case-, normalisation- and ё-insensitive form of @text for matching. */
static char *
fold (const char *text)
{
  g_autofree char *composed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *folded = g_utf8_casefold (composed != NULL ? composed : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, c == 0x0451 ? 0x0435 : c);   /* ё → е */
    }
  return g_string_free (out, FALSE);
}

/**
 * sb_category_chooser_dup_path:
 *
 * Returns: (transfer full): the names from the root down to @id, joined
 *   by " › ", in the interface language where it has them
 */
char *
sb_category_chooser_dup_path (SbCategoryChooser *self,
                              const char        *id)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *path = g_string_new (NULL);
  const SbCategory *category;

  g_return_val_if_fail (SB_IS_CATEGORY_CHOOSER (self), NULL);

  category = sb_category_tree_lookup (structure (self), id);
  for (guint depth = 0; category != NULL && depth < MAX_DEPTH; depth++)
    {
      g_ptr_array_insert (names, 0, (gpointer) display_name (self, category->id));
      category = category->parent_id != NULL ? sb_category_tree_lookup (structure (self), category->parent_id) : NULL;
    }
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (path, " › ");
      g_string_append (path, g_ptr_array_index (names, i));
    }
  return g_string_free (path, FALSE);
}

static GListModel *
children_of (SbCategoryChooser *self,
             const char        *parent_id)
{
  g_autoptr(GPtrArray) children = sb_category_tree_get_children (structure (self), parent_id);
  GtkStringList *ids = gtk_string_list_new (NULL);

  for (guint i = 0; children != NULL && i < children->len; i++)
    gtk_string_list_append (ids, ((const SbCategory *) g_ptr_array_index (children, i))->id);
  return G_LIST_MODEL (ids);
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  SbCategoryChooser *self = user_data;
  const char *id = gtk_string_object_get_string (item);
  GListModel *children;

  if (is_leaf (self, id))
    return NULL;
  children = children_of (self, id);
  if (g_list_model_get_n_items (children) == 0)
    g_clear_object (&children);
  return children;
}

static GListModel *
no_children_cb (gpointer item,
                gpointer user_data)
{
  return NULL;
}

static void
collect_leaves (SbCategoryChooser *self,
                const char        *parent_id,
                GtkStringList     *leaves,
                guint              depth)
{
  g_autoptr(GPtrArray) children = sb_category_tree_get_children (structure (self), parent_id);

  for (guint i = 0; children != NULL && i < children->len && depth < MAX_DEPTH; i++)
    {
      const SbCategory *category = g_ptr_array_index (children, i);

      if (category->leaf)
        {
          g_autofree char *path = sb_category_chooser_dup_path (self, category->id);

          gtk_string_list_append (leaves, category->id);
          g_hash_table_insert (self->folded, g_strdup (category->id), fold (path));
        }
      else
        collect_leaves (self, category->id, leaves, depth + 1);
    }
}

static gboolean
leaf_matches_cb (gpointer item,
                 gpointer user_data)
{
  SbCategoryChooser *self = user_data;
  const char *path = g_hash_table_lookup (self->folded, gtk_string_object_get_string (item));

  for (guint i = 0; self->words != NULL && self->words[i] != NULL; i++)
    if (self->words[i][0] != '\0' && (path == NULL || strstr (path, self->words[i]) == NULL))
      return FALSE;
  return TRUE;
}

static gboolean
searching (SbCategoryChooser *self)
{
  return self->words != NULL && self->words[0] != NULL;
}

static GtkTreeListRow *
row_at (SbCategoryChooser *self,
        guint              position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->list_view));

  return position < g_list_model_get_n_items (model) ? g_list_model_get_item (model, position) : NULL;
}

static const char *
row_id (GtkTreeListRow *row)
{
  g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

  /* The string list keeps the object, and with it the string. */
  return gtk_string_object_get_string (GTK_STRING_OBJECT (item));
}

static void
choose (SbCategoryChooser *self,
        const char        *id)
{
  g_autofree char *chosen = g_strdup (id);

  g_signal_emit (self, signals[CATEGORY_CHOSEN], 0, chosen);
  gtk_window_close (GTK_WINDOW (self));
}

/* Enter or a click on a row: a leaf is chosen, a parent opens or closes. */
static void
row_activate_cb (SbCategoryChooser *self,
                 guint              position)
{
  g_autoptr(GtkTreeListRow) row = row_at (self, position);
  const char *id;

  if (row == NULL)
    return;
  id = row_id (row);
  if (is_leaf (self, id))
    choose (self, id);
  else if (gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

/* The row of the focused list item, from its GtkTreeExpander. */
static GtkTreeListRow *
focused_row (SbCategoryChooser *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  for (; focus != NULL && focus != GTK_WIDGET (self->list_view); focus = gtk_widget_get_parent (focus))
    {
      GtkWidget *child = gtk_widget_get_first_child (focus);

      if (GTK_IS_TREE_EXPANDER (focus))
        return gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (focus));
      if (child != NULL && GTK_IS_TREE_EXPANDER (child))
        return gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (child));
    }
  return NULL;
}

static gboolean
list_key_pressed_cb (SbCategoryChooser     *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  GtkTreeListRow *row;
  gboolean expand;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_plus:
    case GDK_KEY_KP_Add:
      expand = TRUE;
      break;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      expand = FALSE;
      break;
    default:
      return FALSE;
    }
  row = focused_row (self);
  if (row == NULL || !gtk_tree_list_row_is_expandable (row))
    return FALSE;
  gtk_tree_list_row_set_expanded (row, expand);
  return TRUE;
}

/* Down in the search entry goes to the first row of the list. */
static gboolean
search_key_pressed_cb (SbCategoryChooser     *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  if (sb_category_chooser_get_n_rows (self) == 0)
    return FALSE;
  return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

/* Enter in the search entry: the first leaf shown, when searching. */
static void
search_activate_cb (SbCategoryChooser *self)
{
  guint n = sb_category_chooser_get_n_rows (self);

  for (guint i = 0; searching (self) && i < n; i++)
    {
      const char *id = sb_category_chooser_get_row_id (self, i);

      if (is_leaf (self, id))
        {
          choose (self, id);
          return;
        }
    }
}

/* Escape: clears the search, or closes when there is none. */
static void
stop_search_cb (SbCategoryChooser *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Escape with the focus in the list (typing there searches too). */
static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  stop_search_cb (SB_CATEGORY_CHOOSER (widget));
}

static void
update_view (SbCategoryChooser *self)
{
  GtkTreeListModel *model = searching (self) ? self->leaf_model : self->tree_model;
  GtkSelectionModel *current = gtk_list_view_get_model (self->list_view);
  g_autoptr(GtkSingleSelection) selection = NULL;

  if (current == NULL || gtk_single_selection_get_model (GTK_SINGLE_SELECTION (current)) != G_LIST_MODEL (model))
    {
      selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (model)));
      gtk_single_selection_set_autoselect (selection, FALSE);
      gtk_single_selection_set_can_unselect (selection, TRUE);
      gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
    }
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (model)) > 0 ? "list" : "empty");
}

static void
search_changed_cb (SbCategoryChooser *self)
{
  g_autofree char *folded = fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  g_auto(GStrv) words = g_strsplit_set (g_strstrip (folded), " \t", -1);
  GPtrArray *kept = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (kept, g_strdup (words[i]));
  g_ptr_array_add (kept, NULL);
  g_strfreev (self->words);
  self->words = (char **) g_ptr_array_free (kept, FALSE);
  if (self->words[0] == NULL)
    g_clear_pointer (&self->words, g_strfreev);
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  update_view (self);
}

/* Rows: an expander with the name and, in a search, the path under it. */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              SbCategoryChooser        *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *path = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (path), 0);
  gtk_label_set_wrap (GTK_LABEL (path), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (path), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (path, "dim-label");
  gtk_widget_add_css_class (path, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), path);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_margin_start (expander, 6);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             SbCategoryChooser        *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *path = gtk_widget_get_next_sibling (name);
  const char *id = row_id (row);
  gboolean leaf = is_leaf (self, id);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_text (GTK_LABEL (name), display_name (self, id));
  if (!leaf)
    gtk_widget_add_css_class (name, "heading");
  else
    gtk_widget_remove_css_class (name, "heading");
  gtk_widget_set_visible (path, searching (self));
  if (searching (self))
    {
      g_autofree char *text = sb_category_chooser_dup_path (self, id);

      gtk_label_set_text (GTK_LABEL (path), text);
    }
  /* Only leaves can be chosen; parents open and close. */
  gtk_list_item_set_selectable (list_item, leaf);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               SbCategoryChooser        *self)
{
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

/* Public API */

/**
 * sb_category_chooser_set_search:
 *
 * Searches for @text as if it were typed.
 */
void
sb_category_chooser_set_search (SbCategoryChooser *self,
                                const char        *text)
{
  g_return_if_fail (SB_IS_CATEGORY_CHOOSER (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  search_changed_cb (self);
}

/**
 * sb_category_chooser_get_n_rows:
 *
 * Returns: how many rows the list shows (opened parents' children count)
 */
guint
sb_category_chooser_get_n_rows (SbCategoryChooser *self)
{
  g_return_val_if_fail (SB_IS_CATEGORY_CHOOSER (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (self->list_view)));
}

/**
 * sb_category_chooser_get_row_id:
 *
 * Returns: (transfer none) (nullable): the category id of the row at
 *   @position
 */
const char *
sb_category_chooser_get_row_id (SbCategoryChooser *self,
                                guint              position)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  g_return_val_if_fail (SB_IS_CATEGORY_CHOOSER (self), NULL);
  row = row_at (self, position);
  return row != NULL ? row_id (row) : NULL;
}

/**
 * sb_category_chooser_dup_row_text:
 *
 * Returns: (transfer full) (nullable): what the row at @position shows:
 *   the name, and in a search the path after a newline
 */
char *
sb_category_chooser_dup_row_text (SbCategoryChooser *self,
                                  guint              position)
{
  const char *id;

  g_return_val_if_fail (SB_IS_CATEGORY_CHOOSER (self), NULL);
  id = sb_category_chooser_get_row_id (self, position);
  if (id == NULL)
    return NULL;
  if (searching (self))
    {
      g_autofree char *path = sb_category_chooser_dup_path (self, id);

      return g_strdup_printf ("%s\n%s", display_name (self, id), path);
    }
  return g_strdup (display_name (self, id));
}

/* GObject */

static void
sb_category_chooser_dispose (GObject *object)
{
  SbCategoryChooser *self = SB_CATEGORY_CHOOSER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_CATEGORY_CHOOSER);
  G_OBJECT_CLASS (sb_category_chooser_parent_class)->dispose (object);
}

static void
sb_category_chooser_finalize (GObject *object)
{
  SbCategoryChooser *self = SB_CATEGORY_CHOOSER (object);

  g_clear_object (&self->tree_model);
  g_clear_object (&self->leaf_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->tree);
  g_clear_object (&self->fallback);
  g_clear_pointer (&self->folded, g_hash_table_unref);
  g_strfreev (self->words);
  G_OBJECT_CLASS (sb_category_chooser_parent_class)->finalize (object);
}

static void
sb_category_chooser_class_init (SbCategoryChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_category_chooser_dispose;
  object_class->finalize = sb_category_chooser_finalize;

  /**
   * SbCategoryChooser::category-chosen:
   * @id: the leaf category's id
   *
   * A leaf was chosen; the window closes right after.
   */
  signals[CATEGORY_CHOSEN] =
    g_signal_new ("category-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sellbridge/Sellbridge/ui/sb-category-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, SbCategoryChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SbCategoryChooser, stack);
  gtk_widget_class_bind_template_child (widget_class, SbCategoryChooser, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activate_cb);
  gtk_widget_class_install_action (widget_class, "chooser.escape", NULL, escape_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "chooser.escape", NULL);
}

static void
sb_category_chooser_init (SbCategoryChooser *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* Typing anywhere in the window goes to the search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (list_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);
}

/**
 * sb_category_chooser_new:
 * @parent: (nullable): the window the chooser is modal for
 * @tree: (nullable): the categories in the interface language
 * @fallback: (nullable): the categories in English, for names @tree lacks
 *
 * At least one of @tree and @fallback must be given.
 *
 * Returns: (transfer none): the chooser, not yet presented
 */
SbCategoryChooser *
sb_category_chooser_new (GtkWindow      *parent,
                         SbCategoryTree *tree,
                         SbCategoryTree *fallback)
{
  SbCategoryChooser *self;
  GtkListItemFactory *factory;
  g_autoptr(GtkStringList) leaves = gtk_string_list_new (NULL);
  GtkFilterListModel *matching;

  g_return_val_if_fail (tree != NULL || fallback != NULL, NULL);

  self = g_object_new (SB_TYPE_CATEGORY_CHOOSER, "transient-for", parent, NULL);
  self->tree = tree != NULL ? g_object_ref (tree) : NULL;
  self->fallback = fallback != NULL ? g_object_ref (fallback) : NULL;

  self->tree_model = gtk_tree_list_model_new (children_of (self, NULL), FALSE, FALSE,
                                              create_children_cb, self, NULL);
  collect_leaves (self, NULL, leaves, 0);
  self->filter = GTK_FILTER (gtk_custom_filter_new (leaf_matches_cb, self, NULL));
  matching = gtk_filter_list_model_new (G_LIST_MODEL (g_steal_pointer (&leaves)), g_object_ref (self->filter));
  self->leaf_model = gtk_tree_list_model_new (G_LIST_MODEL (matching), FALSE, FALSE, no_children_cb, NULL, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  update_view (self);
  return self;
}
