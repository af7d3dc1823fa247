/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-catalogue-view.c: the catalogue, where sellers spend their days.  A
 * GtkColumnView over SbProductListModel (a lazy model that reads pages of
 * the store on a worker thread) with a GtkMultiSelection; the search entry,
 * the status filter and the column headers change the model's
 * SbStoreQuery, so that searching and sorting happen in the store, not by
 * loading every row.  Bulk actions on the selection run through
 * sb-bulk-edit on a worker thread with its own store connection ("Assign
 * Carriers" through SbAssignCarriersDialog, with the carriers a product's
 * parcel is too much for reported behind a toast).  When the
 * list is empty it shows what to do first, or that nothing matches.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-assign-carriers-dialog.h"
#include "sb-catalogue-view.h"
#include "sb-format.h"
#include "sb-product-item.h"

#define THUMBNAIL_SIZE  40
#define MAX_THUMBNAILS  512
#define RESOLVE_CHUNK   500

typedef enum {
  COLUMN_IMAGE,
  COLUMN_TITLE,
  COLUMN_OFFER_ID,
  COLUMN_VARIANTS,
  COLUMN_PRICE,
  COLUMN_STOCK,
  COLUMN_STATUS,
  N_COLUMNS
} Column;

struct _SbCatalogueView
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkBox              *filter_bar;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *status_dropdown;
  GtkStack            *stack;
  GtkScrolledWindow   *scrolled_window;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *image_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *offer_id_column;
  GtkColumnViewColumn *variants_column;
  GtkColumnViewColumn *price_column;
  GtkColumnViewColumn *stock_column;
  GtkColumnViewColumn *status_column;
  AdwStatusPage       *empty_page;
  AdwStatusPage       *no_results_page;
  GtkSpinner          *spinner;
  GtkActionBar        *action_bar;
  GtkLabel            *selection_label;

  /* Owned references */
  SbStore             *store;
  SbProductListModel  *model;
  GtkMultiSelection   *selection;
  SbStoreQuery        *query;
  GHashTable          *thumbnails;     /* path → GdkTexture */
  GCancellable        *cancellable;    /* of bulk edits and thumbnails */
  GObject             *probe_a;        /* sort probes, see sorter_changed_cb */
  GObject             *probe_b;

  SbLang               lang;
  Column               probe_column;
  gboolean             busy;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_LANG,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_PRODUCT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SbCatalogueView, sb_catalogue_view, GTK_TYPE_WIDGET)

static const SbStoreSort column_sorts[N_COLUMNS] = {
  [COLUMN_IMAGE] = SB_STORE_SORT_UPDATED,
  [COLUMN_TITLE] = SB_STORE_SORT_TITLE,
  [COLUMN_OFFER_ID] = SB_STORE_SORT_OFFER_ID,
  [COLUMN_VARIANTS] = SB_STORE_SORT_UPDATED,
  [COLUMN_PRICE] = SB_STORE_SORT_PRICE,
  [COLUMN_STOCK] = SB_STORE_SORT_STOCK,
  [COLUMN_STATUS] = SB_STORE_SORT_STATUS,
};

/**
 * sb_catalogue_view_status_label:
 *
 * Returns: the translated name of a sync state, as the list shows it
 */
const char *
sb_catalogue_view_status_label (SbSyncState state)
{
  switch (state)
    {
    case SB_SYNC_DRAFT:
      return C_("sync state", "Draft");
    case SB_SYNC_QUEUED:
      /* Translators: changed locally and waiting to be sent to the marketplace. */
      return C_("sync state", "Waiting to sync");
    case SB_SYNC_SENT:
      return C_("sync state", "Sending");
    case SB_SYNC_PENDING_REVIEW:
      /* Translators: the marketplace is reviewing the listing. */
      return C_("sync state", "In review");
    case SB_SYNC_ACTIVE:
      return C_("sync state", "Active");
    case SB_SYNC_REJECTED:
      return C_("sync state", "Rejected");
    case SB_SYNC_CONFLICT:
      /* Translators: changed both here and on the marketplace. */
      return C_("sync state", "Conflict");
    case SB_SYNC_ARCHIVED:
      return C_("sync state", "Archived");
    default:
      return "";
    }
}

static const char *
status_icon_name (SbSyncState state)
{
  switch (state)
    {
    case SB_SYNC_DRAFT:
      return "document-edit-symbolic";
    case SB_SYNC_QUEUED:
      return "document-send-symbolic";
    case SB_SYNC_SENT:
      return "emblem-synchronizing-symbolic";
    case SB_SYNC_PENDING_REVIEW:
      return "document-open-recent-symbolic";
    case SB_SYNC_ACTIVE:
      return "emblem-ok-symbolic";
    case SB_SYNC_REJECTED:
      return "dialog-error-symbolic";
    case SB_SYNC_CONFLICT:
      return "dialog-warning-symbolic";
    case SB_SYNC_ARCHIVED:
      return "user-trash-symbolic";
    default:
      return "image-missing-symbolic";
    }
}

static const char *
status_css_class (SbSyncState state)
{
  switch (state)
    {
    case SB_SYNC_ACTIVE:
      return "success";
    case SB_SYNC_REJECTED:
      return "error";
    case SB_SYNC_CONFLICT:
      return "warning";
    default:
      return "dim-label";
    }
}

/**
 * sb_catalogue_view_format_price:
 *
 * Returns: (transfer full): the price range of @summary in its currency
 *   as the interface's locale writes money, e.g. "₩12,900 – ₩14,900", or
 *   "—" without variants
 */
char *
sb_catalogue_view_format_price (const SbProductSummary *summary)
{
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;

  if (summary->n_variants == 0 || summary->currency[0] == '\0')
    return g_strdup ("—");

  min = sb_format_money (summary->min_price_minor, summary->currency);
  if (summary->max_price_minor == summary->min_price_minor)
    return g_steal_pointer (&min);
  max = sb_format_money (summary->max_price_minor, summary->currency);
  /* Translators: a price range: lowest – highest. */
  return g_strdup_printf (_("%s – %s"), min, max);
}

static const char *
summary_title (SbCatalogueView        *self,
               const SbProductSummary *summary)
{
  if (summary->title[self->lang] != NULL && summary->title[self->lang][0] != '\0')
    return summary->title[self->lang];
  for (guint i = 0; i < SB_N_LANGS; i++)
    if (summary->title[i] != NULL && summary->title[i][0] != '\0')
      return summary->title[i];
  return NULL;
}

/* Thumbnails, made off the main thread and kept in a small cache. */

static void
thumbnail_thread_cb (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GError *error = NULL;

  pixbuf = gdk_pixbuf_new_from_file_at_scale (path, THUMBNAIL_SIZE * 2, THUMBNAIL_SIZE * 2,
                                              TRUE, &error);
  if (pixbuf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, gdk_texture_new_for_pixbuf (pixbuf), g_object_unref);
}

static void
set_thumbnail_icon (GtkImage   *image,
                    const char *icon_name)
{
  gtk_image_set_from_icon_name (image, icon_name);
  gtk_image_set_pixel_size (image, 16);
  gtk_widget_add_css_class (GTK_WIDGET (image), "dim-label");
}

static void
set_thumbnail_texture (GtkImage     *image,
                       GdkPaintable *texture)
{
  gtk_image_set_from_paintable (image, texture);
  gtk_image_set_pixel_size (image, THUMBNAIL_SIZE);
  gtk_widget_remove_css_class (GTK_WIDGET (image), "dim-label");
}

static void
thumbnail_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SbCatalogueView *self = SB_CATALOGUE_VIEW (source);
  g_autoptr(GtkImage) image = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  const char *path = g_task_get_task_data (G_TASK (result));

  texture = g_task_propagate_pointer (G_TASK (result), NULL);
  if (self->thumbnails == NULL)
    return;
  if (g_hash_table_size (self->thumbnails) >= MAX_THUMBNAILS)
    g_hash_table_remove_all (self->thumbnails);
  /* A file that cannot be read is remembered too, as "no texture". */
  g_hash_table_insert (self->thumbnails, g_strdup (path),
                       texture != NULL ? g_object_ref (texture) : NULL);
  if (texture != NULL &&
      g_strcmp0 (g_object_get_data (G_OBJECT (image), "sb-path"), path) == 0)
    set_thumbnail_texture (image, GDK_PAINTABLE (texture));
}

static void
set_thumbnail (SbCatalogueView *self,
               GtkImage        *image,
               const char      *path)
{
  g_autoptr(GTask) task = NULL;
  gpointer texture;

  g_object_set_data_full (G_OBJECT (image), "sb-path", g_strdup (path), g_free);
  if (path == NULL)
    {
      set_thumbnail_icon (image, "image-x-generic-symbolic");
      return;
    }
  if (g_hash_table_lookup_extended (self->thumbnails, path, NULL, &texture))
    {
      if (texture != NULL)
        set_thumbnail_texture (image, texture);
      else
        set_thumbnail_icon (image, "image-missing-symbolic");
      return;
    }
  set_thumbnail_icon (image, "image-x-generic-symbolic");
  task = g_task_new (self, self->cancellable, thumbnail_done_cb, g_object_ref (image));
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, thumbnail_thread_cb);
}

/* Cells */

static void
update_cell (SbCatalogueView *self,
             GtkListItem     *list_item,
             Column           column)
{
  SbProductItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  const SbProductSummary *summary = item != NULL ? sb_product_item_get_summary (item) : NULL;

  if (column == COLUMN_IMAGE)
    {
      set_thumbnail (self, GTK_IMAGE (child), summary != NULL ? summary->image_path : NULL);
      return;
    }

  if (column == COLUMN_STATUS)
    {
      GtkWidget *icon = gtk_widget_get_first_child (child);
      GtkWidget *label = gtk_widget_get_next_sibling (icon);
      GtkWidget *reason = gtk_widget_get_next_sibling (label);
      g_autoptr(GString) tooltip = g_string_new (NULL);

      gtk_widget_remove_css_class (icon, "success");
      gtk_widget_remove_css_class (icon, "error");
      gtk_widget_remove_css_class (icon, "warning");
      gtk_widget_remove_css_class (icon, "dim-label");
      if (summary == NULL)
        {
          gtk_image_set_from_icon_name (GTK_IMAGE (icon), NULL);
          gtk_label_set_text (GTK_LABEL (label), "");
          gtk_label_set_text (GTK_LABEL (reason), "");
          gtk_widget_set_visible (reason, FALSE);
          gtk_widget_set_tooltip_text (child, NULL);
          return;
        }
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), status_icon_name (summary->sync_state));
      gtk_widget_add_css_class (icon, status_css_class (summary->sync_state));
      gtk_label_set_text (GTK_LABEL (label), sb_catalogue_view_status_label (summary->sync_state));
      for (guint i = 0; summary->reasons != NULL && i < summary->reasons->len; i++)
        {
          const SbReason *r = g_ptr_array_index (summary->reasons, i);

          if (tooltip->len > 0)
            g_string_append_c (tooltip, '\n');
          g_string_append (tooltip, r->message != NULL ? r->message : r->code);
        }
      gtk_label_set_text (GTK_LABEL (reason), tooltip->str);
      gtk_widget_set_visible (reason, tooltip->len > 0);
      gtk_widget_set_tooltip_text (child, tooltip->len > 0 ? tooltip->str : NULL);
      return;
    }

  if (summary == NULL)
    {
      gtk_label_set_text (GTK_LABEL (child), "");
      return;
    }

  switch (column)
    {
    case COLUMN_TITLE:
      {
        const char *title = summary_title (self, summary);

        gtk_label_set_text (GTK_LABEL (child), title != NULL ? title : _("Untitled"));
        if (title != NULL)
          gtk_widget_remove_css_class (child, "dim-label");
        else
          gtk_widget_add_css_class (child, "dim-label");
        gtk_widget_set_tooltip_text (child, title);
      }
      break;
    case COLUMN_OFFER_ID:
      gtk_label_set_text (GTK_LABEL (child), summary->offer_id);
      break;
    case COLUMN_VARIANTS:
      {
        g_autofree char *text = g_strdup_printf ("%u", summary->n_variants);

        gtk_label_set_text (GTK_LABEL (child), text);
      }
      break;
    case COLUMN_PRICE:
      {
        g_autofree char *text = sb_catalogue_view_format_price (summary);

        gtk_label_set_text (GTK_LABEL (child), text);
        gtk_widget_set_tooltip_text (child, summary->mixed_currencies
                                     ? _("Some variants are priced in another currency and are not included.")
                                     : NULL);
      }
      break;
    case COLUMN_STOCK:
      {
        g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, summary->total_stock);

        gtk_label_set_text (GTK_LABEL (child), text);
        if (summary->total_stock == 0)
          gtk_widget_add_css_class (child, "warning");
        else
          gtk_widget_remove_css_class (child, "warning");
      }
      break;
    default:
      break;
    }
}

static void
item_summary_changed_cb (SbProductItem *item,
                         GParamSpec    *pspec,
                         GtkListItem   *list_item)
{
  GtkListItemFactory *factory = g_object_get_data (G_OBJECT (list_item), "sb-factory");
  SbCatalogueView *self = g_object_get_data (G_OBJECT (factory), "sb-view");
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "sb-column"));

  if (self != NULL && gtk_list_item_get_item (list_item) == (gpointer) item)
    update_cell (self, list_item, column);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               SbCatalogueView          *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "sb-column"));
  GtkWidget *child;

  g_object_set_data (G_OBJECT (list_item), "sb-factory", factory);
  switch (column)
    {
    case COLUMN_IMAGE:
      child = gtk_image_new ();
      gtk_image_set_pixel_size (GTK_IMAGE (child), THUMBNAIL_SIZE);
      gtk_widget_set_size_request (child, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
      gtk_widget_add_css_class (child, "sb-thumbnail");
      break;
    case COLUMN_STATUS:
      {
        GtkWidget *icon = gtk_image_new ();
        GtkWidget *label = gtk_label_new (NULL);
        GtkWidget *reason = gtk_label_new (NULL);

        child = gtk_grid_new ();
        gtk_grid_set_column_spacing (GTK_GRID (child), 6);
        gtk_widget_set_valign (child, GTK_ALIGN_CENTER);
        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_label_set_xalign (GTK_LABEL (reason), 0);
        gtk_label_set_ellipsize (GTK_LABEL (reason), PANGO_ELLIPSIZE_END);
        gtk_label_set_max_width_chars (GTK_LABEL (reason), 32);
        gtk_widget_add_css_class (reason, "caption");
        gtk_widget_add_css_class (reason, "error");
        gtk_grid_attach (GTK_GRID (child), icon, 0, 0, 1, 1);
        gtk_grid_attach (GTK_GRID (child), label, 1, 0, 1, 1);
        gtk_grid_attach (GTK_GRID (child), reason, 1, 1, 1, 1);
      }
      break;
    default:
      child = gtk_label_new (NULL);
      if (column != COLUMN_OFFER_ID)
        gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      if (column == COLUMN_VARIANTS || column == COLUMN_STOCK || column == COLUMN_PRICE)
        {
          gtk_label_set_xalign (GTK_LABEL (child), 1);
          gtk_widget_add_css_class (child, "numeric");
        }
      else
        gtk_label_set_xalign (GTK_LABEL (child), 0);
      if (column == COLUMN_TITLE)
        gtk_label_set_width_chars (GTK_LABEL (child), 16);
      if (column == COLUMN_OFFER_ID)
        gtk_widget_add_css_class (child, "monospace");
      break;
    }
  gtk_list_item_set_child (list_item, child);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              SbCatalogueView          *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "sb-column"));
  SbProductItem *item = gtk_list_item_get_item (list_item);
  gulong id;

  id = g_signal_connect_object (item, "notify::summary",
                                G_CALLBACK (item_summary_changed_cb), list_item, 0);
  g_object_set_data (G_OBJECT (list_item), "sb-handler", GSIZE_TO_POINTER (id));
  update_cell (self, list_item, column);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SbCatalogueView          *self)
{
  SbProductItem *item = gtk_list_item_get_item (list_item);
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "sb-handler"));

  if (item != NULL && id != 0)
    g_signal_handler_disconnect (item, id);
  g_object_set_data (G_OBJECT (list_item), "sb-handler", NULL);
}

/* Sorting: the column headers drive SbStoreQuery.sort. */

static int
probe_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GtkColumnViewColumn *column = user_data;
  SbCatalogueView *self = g_object_get_data (G_OBJECT (column), "sb-view");

  self->probe_column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (column), "sb-column"));
  return a == (gconstpointer) self->probe_a ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
}

static void
update_query (SbCatalogueView *self)
{
  if (self->model == NULL)
    return;
  /* The selection is of positions, and they will hold other products. */
  if (self->selection != NULL)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  sb_product_list_model_set_query (self->model, self->query);
}

/* GTK 4.8 has no public way to ask a column view which column it sorts
 * by.  Comparing two probe objects with its sorter calls the primary
 * column's sorter first (ours all answer "not equal"), and the answer's
 * sign is the direction. */
static void
sorter_changed_cb (SbCatalogueView  *self,
                   GtkSorterChange   change,
                   GtkSorter        *sorter)
{
  GtkOrdering order;

  self->probe_column = N_COLUMNS;
  order = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  if (order == GTK_ORDERING_EQUAL || self->probe_column == N_COLUMNS)
    {
      self->query->sort = SB_STORE_SORT_UPDATED;
      self->query->descending = TRUE;
    }
  else
    {
      self->query->sort = column_sorts[self->probe_column];
      self->query->descending = order == GTK_ORDERING_LARGER;
    }
  update_query (self);
}

/* Pages and selection */

static void
update_page (SbCatalogueView *self)
{
  const char *page;
  gboolean filtered = self->query->filter_status ||
                      (self->query->search != NULL && self->query->search[0] != '\0');

  if (self->model == NULL || !sb_product_list_model_get_counted (self->model))
    page = "loading";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    page = "list";
  else if (filtered)
    page = "no-results";
  else
    page = "empty";

  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_bar), !g_str_equal (page, "empty"));
}

static guint
selected_count (SbCatalogueView *self)
{
  g_autoptr(GtkBitset) bitset = NULL;

  if (self->selection == NULL)
    return 0;
  bitset = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  return (guint) MIN (gtk_bitset_get_size (bitset), G_MAXUINT);
}

static void
update_selection (SbCatalogueView *self)
{
  guint n = selected_count (self);
  g_autofree char *text = NULL;
  gboolean can_edit = n > 0 && !self->busy;

  /* Disposing: the column view's sorter changes as its columns go, which
   * re-queries the model after the template widgets are gone. */
  if (self->selection_label == NULL)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected",
                                       "%u selected", n), n);
  gtk_label_set_text (self->selection_label, text);
  gtk_action_bar_set_revealed (self->action_bar, n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "catalogue.delete-selected", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "catalogue.set-stock", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "catalogue.change-price", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "catalogue.assign-carriers", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "catalogue.unselect-all", n > 0);
}

static void
selection_changed_cb (SbCatalogueView *self)
{
  update_selection (self);
}

static void
model_items_changed_cb (SbCatalogueView *self)
{
  update_page (self);
  update_selection (self);
}

static void
model_error_cb (SbCatalogueView    *self,
                GParamSpec         *pspec,
                SbProductListModel *model)
{
  const GError *error = sb_product_list_model_get_error (model);
  g_autofree char *text = NULL;

  if (error == NULL)
    return;
  /* Translators: %s says what went wrong with the local catalogue file. */
  text = g_strdup_printf (_("Could not read the catalogue: %s"), error->message);
  sb_catalogue_view_add_toast (self, adw_toast_new (text));
}

static void
search_changed_cb (SbCatalogueView *self,
                   GtkSearchEntry  *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  sb_store_query_set_search (self->query, stripped[0] != '\0' ? stripped : NULL);
  update_query (self);
}

static void
status_changed_cb (SbCatalogueView *self,
                   GParamSpec      *pspec,
                   GtkDropDown     *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  self->query->filter_status = selected > 0 && selected != GTK_INVALID_LIST_POSITION;
  self->query->status = self->query->filter_status ? (SbSyncState) (selected - 1) : SB_SYNC_DRAFT;
  update_query (self);
}

static void
row_activated_cb (SbCatalogueView *self,
                  guint            position,
                  GtkColumnView   *view)
{
  g_autoptr(SbProductItem) item = NULL;

  if (self->model == NULL)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (item != NULL && sb_product_item_get_offer_id (item) != NULL)
    g_signal_emit (self, signals[SIGNAL_PRODUCT_ACTIVATED], 0, sb_product_item_get_offer_id (item));
}

/* Bulk actions */

typedef struct
{
  char         *path;
  SbStoreQuery *query;
  GArray       *ranges;     /* pairs of guint: first, n */
  SbBulkEdit   *edit;
  SbBulkEditReport report;
} BulkJob;

static void
bulk_job_free (BulkJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->query, sb_store_query_free);
  g_clear_pointer (&job->ranges, g_array_unref);
  g_clear_pointer (&job->edit, sb_bulk_edit_free);
  sb_bulk_edit_report_clear (&job->report);
  g_free (job);
}

static void
bulk_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  BulkJob *job = task_data;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;

  store = sb_store_open (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The selection is positions in the list as the query orders it:
   * read their offer ids first, then change them. */
  for (guint r = 0; r + 1 < job->ranges->len; r += 2)
    {
      guint first = g_array_index (job->ranges, guint, r);
      guint n = g_array_index (job->ranges, guint, r + 1);

      for (guint done = 0; done < n;)
        {
          g_autoptr(GPtrArray) rows = NULL;
          guint limit = MIN (RESOLVE_CHUNK, n - done);

          if (g_task_return_error_if_cancelled (task))
            return;
          rows = sb_store_list_products (store, job->query, first + done, limit, &error);
          if (rows == NULL)
            {
              g_task_return_error (task, error);
              return;
            }
          for (guint i = 0; i < rows->len; i++)
            g_ptr_array_add (ids, g_strdup (((SbProductSummary *) g_ptr_array_index (rows, i))->offer_id));
          if (rows->len < limit)
            break;
          done += rows->len;
        }
    }
  g_ptr_array_add (ids, NULL);

  if (!sb_bulk_edit_apply_report (job->edit, store, (const char * const *) ids->pdata,
                                  &job->report, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_busy (SbCatalogueView *self,
          gboolean         busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  update_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
refusals_details_cb (AdwToast        *toast,
                     SbCatalogueView *self)
{
  GPtrArray *refusals = g_object_get_data (G_OBJECT (toast), "sb-refusals");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;
  guint shown = MIN (refusals->len, 30);

  for (guint i = 0; i < shown; i++)
    {
      const SbBulkEditRefusal *refusal = g_ptr_array_index (refusals, i);

      /* Translators: offer id, carrier name and why it cannot carry the parcel. */
      g_string_append_printf (body, _("%s — %s: %s"), refusal->offer_id, refusal->carrier_name,
                              refusal->reason != NULL ? refusal->reason : "");
      g_string_append_c (body, '\n');
    }
  if (refusals->len > shown)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "…and %u more.", "…and %u more.",
                                               refusals->len - shown),
                            refusals->len - shown);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Carriers Not Assigned"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A toast about the carriers that could not carry some products'
 * parcels, with their reasons behind a button. */
static void
add_refusals_toast (SbCatalogueView *self,
                    GPtrArray       *refusals)
{
  g_autoptr(GHashTable) products = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *text = NULL;
  AdwToast *toast;
  guint n;

  for (guint i = 0; i < refusals->len; i++)
    g_hash_table_add (products, ((SbBulkEditRefusal *) g_ptr_array_index (refusals, i))->offer_id);
  n = g_hash_table_size (products);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Some carriers were not given to %u product: its parcel is beyond their limits",
                                       "Some carriers were not given to %u products: their parcels are beyond their limits",
                                       n), n);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_timeout (toast, 0);
  g_object_set_data_full (G_OBJECT (toast), "sb-refusals", g_ptr_array_ref (refusals),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (refusals_details_cb), self, 0);
  sb_catalogue_view_add_toast (self, toast);
}

static void
bulk_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SbCatalogueView *self = SB_CATALOGUE_VIEW (source);
  BulkJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint changed = job->report.changed;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s is the reason, from the catalogue store. */
      text = g_strdup_printf (_("Could not change the products: %s"), error->message);
    }
  else if (job->edit->kind == SB_BULK_EDIT_DELETE)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u product deleted",
                                         "%u products deleted", changed), changed);
  else if (job->report.skipped > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u product changed; the others were left as they were because the change does not fit them",
                                         "%u products changed; the others were left as they were because the change does not fit them",
                                         changed), changed);
  else if (job->report.unchanged > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u product changed; the others already had these carriers",
                                         "%u products changed; the others already had these carriers",
                                         changed), changed);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u product changed",
                                         "%u products changed", changed), changed);

  sb_catalogue_view_add_toast (self, adw_toast_new (text));
  if (ok && job->report.refusals != NULL && job->report.refusals->len > 0)
    add_refusals_toast (self, job->report.refusals);
  if (job->edit->kind == SB_BULK_EDIT_DELETE)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  set_busy (self, FALSE);
  sb_catalogue_view_refresh (self);
}

/**
 * sb_catalogue_view_apply_bulk_edit:
 *
 * Applies @edit to the selected products on a worker thread, then shows
 * the outcome in a toast and re-reads the list.  The view is busy (no new
 * bulk action) until then.
 */
void
sb_catalogue_view_apply_bulk_edit (SbCatalogueView  *self,
                                   const SbBulkEdit *edit)
{
  g_autoptr(GtkBitset) bitset = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  GtkBitsetIter iter;
  guint position;
  BulkJob *job;

  g_return_if_fail (SB_IS_CATALOGUE_VIEW (self));
  g_return_if_fail (edit != NULL);

  if (self->store == NULL || self->busy)
    return;
  if (!sb_bulk_edit_check (edit, &error))
    {
      sb_catalogue_view_add_toast (self, adw_toast_new (error->message));
      return;
    }

  job = g_new0 (BulkJob, 1);
  job->path = g_strdup (sb_store_get_path (self->store));
  job->query = sb_store_query_copy (sb_product_list_model_get_query (self->model));
  job->edit = sb_bulk_edit_copy (edit);
  sb_bulk_edit_report_init (&job->report);
  job->ranges = g_array_new (FALSE, FALSE, sizeof (guint));

  bitset = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_iter_init_first (&iter, bitset, &position))
    {
      guint first = position, n = 1;

      while (gtk_bitset_iter_next (&iter, &position))
        {
          if (position == first + n)
            {
              n++;
              continue;
            }
          g_array_append_val (job->ranges, first);
          g_array_append_val (job->ranges, n);
          first = position;
          n = 1;
        }
      g_array_append_val (job->ranges, first);
      g_array_append_val (job->ranges, n);
    }

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, bulk_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) bulk_job_free);
  g_task_run_in_thread (task, bulk_thread_cb);
}

static AdwMessageDialog *
bulk_dialog_new (SbCatalogueView *self,
                 const char      *heading,
                 const char      *body,
                 const char      *apply_label,
                 gboolean         destructive)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "apply", apply_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply",
                                              destructive ? ADW_RESPONSE_DESTRUCTIVE
                                                          : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, destructive ? "cancel" : "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SbCatalogueView  *self)
{
  g_autoptr(SbBulkEdit) edit = NULL;

  if (!g_str_equal (response, "apply"))
    return;
  edit = sb_bulk_edit_new (SB_BULK_EDIT_DELETE);
  sb_catalogue_view_apply_bulk_edit (self, edit);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SbCatalogueView *self = SB_CATALOGUE_VIEW (widget);
  guint n = selected_count (self);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (n == 0)
    return;
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Product?",
                                          "Delete %u Products?", n), n);
  dialog = bulk_dialog_new (self, heading,
                            _("They are removed from this computer now, and from the marketplace at the next sync."),
                            _("_Delete"), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_stock_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       SbCatalogueView  *self)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(SbBulkEdit) edit = NULL;

  if (!g_str_equal (response, "apply"))
    return;
  edit = sb_bulk_edit_new (SB_BULK_EDIT_SET_STOCK);
  gtk_spin_button_update (spin);
  edit->stock = gtk_spin_button_get_value_as_int (spin);
  sb_catalogue_view_apply_bulk_edit (self, edit);
}

static void
set_stock_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbCatalogueView *self = SB_CATALOGUE_VIEW (widget);
  guint n = selected_count (self);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *spin;

  if (n == 0)
    return;
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Every variant of the %u selected product gets this stock.",
                                       "Every variant of the %u selected products gets this stock.", n), n);
  dialog = bulk_dialog_new (self, _("Set Stock"), body, _("_Set Stock"), FALSE);
  spin = gtk_spin_button_new_with_range (0, SB_BULK_EDIT_MAX_STOCK, 1);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stock"), -1);
  adw_message_dialog_set_extra_child (dialog, spin);
  g_signal_connect_object (dialog, "response", G_CALLBACK (set_stock_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (spin);
}

static void
percent_changed_cb (GtkSpinButton *spin,
                    GtkWidget     *warning)
{
  int percent = gtk_spin_button_get_value_as_int (spin);

  gtk_widget_set_visible (warning, ABS (percent) > 50);
}

static void
change_price_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          SbCatalogueView  *self)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkSpinButton *spin = GTK_SPIN_BUTTON (g_object_get_data (G_OBJECT (box), "sb-spin"));
  g_autoptr(SbBulkEdit) edit = NULL;

  if (!g_str_equal (response, "apply"))
    return;
  gtk_spin_button_update (spin);
  edit = sb_bulk_edit_new (SB_BULK_EDIT_CHANGE_PRICE);
  edit->percent = gtk_spin_button_get_value_as_int (spin);
  sb_catalogue_view_apply_bulk_edit (self, edit);
}

static void
change_price_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SbCatalogueView *self = SB_CATALOGUE_VIEW (widget);
  guint n = selected_count (self);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box, *row, *spin, *unit, *warning;

  if (n == 0)
    return;
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Raise or lower the price of every variant of the %u selected product by a percentage. Prices are rounded to the currency's smallest unit.",
                                       "Raise or lower the price of every variant of the %u selected products by a percentage. Prices are rounded to the currency's smallest unit.", n), n);
  dialog = bulk_dialog_new (self, _("Change Prices"), body, _("C_hange Prices"), FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (row, GTK_ALIGN_CENTER);
  spin = gtk_spin_button_new_with_range (SB_BULK_EDIT_MIN_PERCENT, SB_BULK_EDIT_MAX_PERCENT, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 10);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Price change in percent"), -1);
  unit = gtk_label_new ("%");
  gtk_box_append (GTK_BOX (row), spin);
  gtk_box_append (GTK_BOX (row), unit);
  /* xgettext:no-c-format */
  warning = gtk_label_new (_("A change of more than 50% may put the listings on hold while the marketplace reviews them."));
  gtk_label_set_wrap (GTK_LABEL (warning), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (warning), 40);
  gtk_widget_add_css_class (warning, "warning");
  gtk_widget_set_visible (warning, FALSE);
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), warning);
  g_object_set_data (G_OBJECT (box), "sb-spin", spin);
  g_object_set_data (G_OBJECT (box), "sb-warning", warning);
  g_signal_connect (spin, "value-changed", G_CALLBACK (percent_changed_cb), warning);

  adw_message_dialog_set_extra_child (dialog, box);
  g_signal_connect_object (dialog, "response", G_CALLBACK (change_price_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (spin);
}

static void
assign_carriers_apply_cb (SbCatalogueView        *self,
                          SbBulkEdit             *edit,
                          SbAssignCarriersDialog *dialog)
{
  sb_catalogue_view_apply_bulk_edit (self, edit);
}

/**
 * sb_catalogue_view_open_assign_carriers:
 *
 * Opens the "Assign Carriers" dialog for the selection.
 *
 * Returns: (transfer none) (nullable): the dialog, presented; %NULL
 *   without a store or a selection
 */
GtkWindow *
sb_catalogue_view_open_assign_carriers (SbCatalogueView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  SbAssignCarriersDialog *dialog;
  guint n;

  g_return_val_if_fail (SB_IS_CATALOGUE_VIEW (self), NULL);

  n = selected_count (self);
  if (self->store == NULL || n == 0 || self->busy)
    return NULL;
  dialog = sb_assign_carriers_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          self->store, n, self->lang);
  g_signal_connect_object (dialog, "apply", G_CALLBACK (assign_carriers_apply_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
assign_carriers_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  sb_catalogue_view_open_assign_carriers (SB_CATALOGUE_VIEW (widget));
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SbCatalogueView *self = SB_CATALOGUE_VIEW (widget);

  if (self->selection != NULL)
    gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

static void
unselect_all_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SbCatalogueView *self = SB_CATALOGUE_VIEW (widget);

  if (self->selection != NULL)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

/* GObject */

static void
setup_column (SbCatalogueView     *self,
              GtkColumnViewColumn *column,
              Column               kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "sb-view", self);
  g_object_set_data (G_OBJECT (factory), "sb-column", GUINT_TO_POINTER (kind));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), self);
  gtk_column_view_column_set_factory (column, factory);

  if (kind != COLUMN_IMAGE && kind != COLUMN_VARIANTS)
    {
      g_autoptr(GtkSorter) sorter = NULL;

      g_object_set_data (G_OBJECT (column), "sb-view", self);
      g_object_set_data (G_OBJECT (column), "sb-column", GUINT_TO_POINTER (kind));
      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare_cb, column, NULL));
      gtk_column_view_column_set_sorter (column, sorter);
    }
}

static void
sb_catalogue_view_dispose (GObject *object)
{
  SbCatalogueView *self = SB_CATALOGUE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_CATALOGUE_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->thumbnails, g_hash_table_unref);

  G_OBJECT_CLASS (sb_catalogue_view_parent_class)->dispose (object);
}

static void
sb_catalogue_view_finalize (GObject *object)
{
  SbCatalogueView *self = SB_CATALOGUE_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
  g_clear_pointer (&self->query, sb_store_query_free);

  G_OBJECT_CLASS (sb_catalogue_view_parent_class)->finalize (object);
}

static void
sb_catalogue_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbCatalogueView *self = SB_CATALOGUE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LANG:
      g_value_set_uint (value, self->lang);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_catalogue_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SbCatalogueView *self = SB_CATALOGUE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      sb_catalogue_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_LANG:
      sb_catalogue_view_set_lang (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_catalogue_view_class_init (SbCatalogueViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_catalogue_view_dispose;
  object_class->finalize = sb_catalogue_view_finalize;
  object_class->get_property = sb_catalogue_view_get_property;
  object_class->set_property = sb_catalogue_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         SB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANG] =
    g_param_spec_uint ("lang", NULL, NULL,
                       0, SB_N_LANGS - 1, SB_LANG_EN,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbCatalogueView::product-activated:
   * @offer_id: the product's offer id
   *
   * The seller opened a row (double click or Enter).
   */
  signals[SIGNAL_PRODUCT_ACTIVATED] =
    g_signal_new ("product-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-catalogue-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, stack);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, column_view);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, image_column);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, title_column);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, offer_id_column);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, variants_column);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, price_column);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, stock_column);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, status_column);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, spinner);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, action_bar);
  gtk_widget_class_bind_template_child (widget_class, SbCatalogueView, selection_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "catalogue.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_install_action (widget_class, "catalogue.set-stock", NULL, set_stock_action);
  gtk_widget_class_install_action (widget_class, "catalogue.change-price", NULL, change_price_action);
  gtk_widget_class_install_action (widget_class, "catalogue.assign-carriers", NULL, assign_carriers_action);
  gtk_widget_class_install_action (widget_class, "catalogue.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "catalogue.unselect-all", NULL, unselect_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "catalogue.delete-selected", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
sb_catalogue_view_init (SbCatalogueView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->query = sb_store_query_new ();
  self->query->sort = SB_STORE_SORT_UPDATED;
  self->query->descending = TRUE;
  self->lang = sb_format_interface_lang ();
  self->query->lang = self->lang;
  self->cancellable = g_cancellable_new ();
  self->thumbnails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_if_set);
  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_column = N_COLUMNS;

  setup_column (self, self->image_column, COLUMN_IMAGE);
  setup_column (self, self->title_column, COLUMN_TITLE);
  setup_column (self, self->offer_id_column, COLUMN_OFFER_ID);
  setup_column (self, self->variants_column, COLUMN_VARIANTS);
  setup_column (self, self->price_column, COLUMN_PRICE);
  setup_column (self, self->stock_column, COLUMN_STOCK);
  setup_column (self, self->status_column, COLUMN_STATUS);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  update_page (self);
  update_selection (self);
}

GtkWidget *
sb_catalogue_view_new (void)
{
  return g_object_new (SB_TYPE_CATALOGUE_VIEW, NULL);
}

/**
 * sb_catalogue_view_get_store:
 *
 * Returns: (transfer none) (nullable): the store the view lists
 */
SbStore *
sb_catalogue_view_get_store (SbCatalogueView *self)
{
  g_return_val_if_fail (SB_IS_CATALOGUE_VIEW (self), NULL);
  return self->store;
}

/**
 * sb_catalogue_view_set_store:
 *
 * Lists the products of @store.  The list is read on a worker thread
 * through a second connection to the same file.
 */
void
sb_catalogue_view_set_store (SbCatalogueView *self,
                             SbStore         *store)
{
  g_return_if_fail (SB_IS_CATALOGUE_VIEW (self));
  g_return_if_fail (store == NULL || SB_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  gtk_column_view_set_model (self->column_view, NULL);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);

  if (store != NULL)
    {
      self->model = sb_product_list_model_new (store);
      sb_product_list_model_set_query (self->model, self->query);
      g_signal_connect_object (self->model, "items-changed",
                               G_CALLBACK (model_items_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->model, "notify::counted",
                               G_CALLBACK (model_items_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->model, "notify::error",
                               G_CALLBACK (model_error_cb), self, G_CONNECT_SWAPPED);
      self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
      g_signal_connect_object (self->selection, "selection-changed",
                               G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
    }
  update_page (self);
  update_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

SbLang
sb_catalogue_view_get_lang (SbCatalogueView *self)
{
  g_return_val_if_fail (SB_IS_CATALOGUE_VIEW (self), SB_LANG_EN);
  return self->lang;
}

/**
 * sb_catalogue_view_set_lang:
 *
 * Shows titles in @lang (the seller's language), falling back to another
 * language where a product has no title in it, and sorts by them.
 */
void
sb_catalogue_view_set_lang (SbCatalogueView *self,
                            SbLang           lang)
{
  g_return_if_fail (SB_IS_CATALOGUE_VIEW (self));
  g_return_if_fail (lang < SB_N_LANGS);

  if (self->lang == lang)
    return;
  self->lang = lang;
  self->query->lang = lang;
  update_query (self);
  if (self->model != NULL)
    sb_product_list_model_refresh (self->model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANG]);
}

/**
 * sb_catalogue_view_get_model:
 *
 * Returns: (transfer none) (nullable): the list model, once a store is set
 */
SbProductListModel *
sb_catalogue_view_get_model (SbCatalogueView *self)
{
  g_return_val_if_fail (SB_IS_CATALOGUE_VIEW (self), NULL);
  return self->model;
}

/**
 * sb_catalogue_view_get_selection:
 *
 * Returns: (transfer none) (nullable): the selection over the model
 */
GtkSelectionModel *
sb_catalogue_view_get_selection (SbCatalogueView *self)
{
  g_return_val_if_fail (SB_IS_CATALOGUE_VIEW (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

/**
 * sb_catalogue_view_refresh:
 *
 * Re-reads the list after the store changed.
 */
void
sb_catalogue_view_refresh (SbCatalogueView *self)
{
  g_return_if_fail (SB_IS_CATALOGUE_VIEW (self));

  if (self->model != NULL)
    sb_product_list_model_refresh (self->model);
}

void
sb_catalogue_view_focus_search (SbCatalogueView *self)
{
  g_return_if_fail (SB_IS_CATALOGUE_VIEW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->filter_bar), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
sb_catalogue_view_set_search (SbCatalogueView *self,
                              const char      *text)
{
  g_return_if_fail (SB_IS_CATALOGUE_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* Apply now rather than after the entry's typing delay. */
  search_changed_cb (self, self->search_entry);
}

void
sb_catalogue_view_set_status_filter (SbCatalogueView *self,
                                     gboolean         filter,
                                     SbSyncState      status)
{
  g_return_if_fail (SB_IS_CATALOGUE_VIEW (self));

  gtk_drop_down_set_selected (self->status_dropdown, filter ? (guint) status + 1 : 0);
}

/**
 * sb_catalogue_view_sort_by:
 *
 * Sorts as a click on the column header would; SB_STORE_SORT_UPDATED
 * (no column) clears the column sort.
 */
void
sb_catalogue_view_sort_by (SbCatalogueView *self,
                           SbStoreSort      sort,
                           gboolean         descending)
{
  GtkColumnViewColumn *column = NULL;

  g_return_if_fail (SB_IS_CATALOGUE_VIEW (self));

  switch (sort)
    {
    case SB_STORE_SORT_TITLE:
      column = self->title_column;
      break;
    case SB_STORE_SORT_OFFER_ID:
      column = self->offer_id_column;
      break;
    case SB_STORE_SORT_PRICE:
      column = self->price_column;
      break;
    case SB_STORE_SORT_STOCK:
      column = self->stock_column;
      break;
    case SB_STORE_SORT_STATUS:
      column = self->status_column;
      break;
    case SB_STORE_SORT_UPDATED:
    default:
      break;
    }
  gtk_column_view_sort_by_column (self->column_view, column,
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

/**
 * sb_catalogue_view_get_visible_page:
 *
 * Returns: "list", "empty", "no-results" or "loading"
 */
const char *
sb_catalogue_view_get_visible_page (SbCatalogueView *self)
{
  g_return_val_if_fail (SB_IS_CATALOGUE_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
sb_catalogue_view_get_busy (SbCatalogueView *self)
{
  g_return_val_if_fail (SB_IS_CATALOGUE_VIEW (self), FALSE);
  return self->busy;
}

void
sb_catalogue_view_add_toast (SbCatalogueView *self,
                             AdwToast        *toast)
{
  g_return_if_fail (SB_IS_CATALOGUE_VIEW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
