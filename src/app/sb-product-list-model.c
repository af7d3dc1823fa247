/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-product-list-model.c: the catalogue list as a lazy GListModel.  It
 * never loads the whole table: the number of rows comes from
 * sb_store_count_products() and rows are read in pages of
 * SB_PRODUCT_LIST_MODEL_PAGE_SIZE through sb_store_list_products(), on a
 * worker thread with its own connection to the same database, so that the
 * main loop never waits for the disk.  get_item() answers at once with an
 * SbProductItem that fills in when its page arrives.  A small
 * least-recently-used cache keeps the pages around the visible rows.
 * Changing the query (search, status filter, sort) or refresh() after an
 * edit recounts; the rows both lists have keep their item objects and are
 * re-read in place, and only the rows added or removed at the end are
 * announced with items-changed — replacing every row of a GtkColumnView
 * holding 100,000 products is what would stall the window.
 */
#include "config.h"

#include "sb-product-list-model.h"

#define MAX_CACHED_PAGES 16
/* Rows arriving from the worker are handed to their items in slices of
 * at most this long, so that a page never holds up a frame. */
#define FILL_BUDGET_USEC 3000

/* The worker's own connection, shared by the model's jobs and used by one
 * thread at a time under @mutex. */
typedef struct
{
  gatomicrefcount  ref;
  GMutex           mutex;
  char            *path;
  SbStore         *store;   /* (owned) (nullable) opened on first use */
} Worker;


typedef struct
{
  SbProductListModel *model;  /* (unowned) */
  guint         index;
  guint         generation;
  GPtrArray    *items;        /* (element-type SbProductItem) (owned) */
  GCancellable *cancellable;  /* (owned) of the running fetch */
  GList        *link;         /* in SbProductListModel.lru */
  GPtrArray    *rows;         /* (element-type SbProductSummary) (owned) (nullable)
                               * read but not yet given to the items */
  guint         filled;       /* rows given so far */
  GList        *fill_link;    /* in SbProductListModel.fill_queue */
} Page;

typedef enum {
  JOB_COUNT,
  JOB_PAGE,
} JobKind;

typedef struct
{
  Worker       *worker;
  JobKind       kind;
  SbStoreQuery *query;
  guint         generation;
  guint         page_index;
  guint         offset;
  guint         limit;
  /* Results */
  gint64        count;
  GPtrArray    *rows;         /* (element-type SbProductSummary) */
  gint64        usec;
} Job;

struct _SbProductListModel
{
  GObject        parent_instance;

  /* Owned references */
  SbStore       *store;
  SbStoreQuery  *query;
  Worker        *worker;
  GHashTable    *pages;       /* page index → Page (owned) */
  GQueue         lru;         /* (element-type Page) most recent first */
  GQueue         fill_queue;  /* (element-type Page) with rows to hand out */
  guint          fill_idle_id;
  GCancellable  *count_cancellable;
  GError        *error;

  guint          n_items;     /* announced to the view */
  guint          target_n;    /* the count, while n_items grows towards it */
  guint          grow_idle_id;
  guint          generation;
  guint          n_running;
  gboolean       counted;
  gint64         last_fetch_usec;
  gint64         max_fetch_usec;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_N_ITEMS,
  PROP_LOADING,
  PROP_COUNTED,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SbProductListModel, sb_product_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static Worker *
worker_new (const char *path)
{
  Worker *worker = g_new0 (Worker, 1);

  g_atomic_ref_count_init (&worker->ref);
  g_mutex_init (&worker->mutex);
  worker->path = g_strdup (path);
  return worker;
}

static Worker *
worker_ref (Worker *worker)
{
  g_atomic_ref_count_inc (&worker->ref);
  return worker;
}

static void
worker_unref (Worker *worker)
{
  if (!g_atomic_ref_count_dec (&worker->ref))
    return;
  g_clear_object (&worker->store);
  g_mutex_clear (&worker->mutex);
  g_free (worker->path);
  g_free (worker);
}

static void
job_free (Job *job)
{
  g_clear_pointer (&job->worker, worker_unref);
  g_clear_pointer (&job->query, sb_store_query_free);
  g_clear_pointer (&job->rows, g_ptr_array_unref);
  g_free (job);
}

static void job_finished (SbProductListModel *self);

static void
page_free (Page *page)
{
  if (page->fill_link != NULL)
    {
      g_queue_delete_link (&page->model->fill_queue, page->fill_link);
      page->fill_link = NULL;
      job_finished (page->model);
    }
  g_clear_pointer (&page->rows, g_ptr_array_unref);
  g_cancellable_cancel (page->cancellable);
  g_clear_object (&page->cancellable);
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

static void
job_thread_cb (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  Worker *worker = job->worker;
  g_autoptr(GError) error = NULL;
  gint64 start;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&worker->mutex);
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_mutex_unlock (&worker->mutex);
      g_task_return_error_if_cancelled (task);
      return;
    }
  if (worker->store == NULL)
    worker->store = sb_store_open (worker->path, &error);
  if (worker->store != NULL)
    {
      sb_store_set_cancellable (worker->store, cancellable);
      start = g_get_monotonic_time ();
      if (job->kind == JOB_COUNT)
        job->count = sb_store_count_products (worker->store, job->query, &error);
      else
        job->rows = sb_store_list_products (worker->store, job->query,
                                            job->offset, job->limit, &error);
      job->usec = g_get_monotonic_time () - start;
      sb_store_set_cancellable (worker->store, NULL);
    }
  g_mutex_unlock (&worker->mutex);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (job->kind == JOB_COUNT && job->count < 0)
    g_task_return_new_error (task, SB_STORE_ERROR, SB_STORE_ERROR_FAILED,
                             "%s", "count failed");
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_error (SbProductListModel *self,
           const GError       *error)
{
  g_clear_error (&self->error);
  self->error = error != NULL ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
job_started (SbProductListModel *self)
{
  if (self->n_running++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
job_finished (SbProductListModel *self)
{
  g_assert (self->n_running > 0);
  if (--self->n_running == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void fetch_page_done_cb (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data);

static void
fetch_page (SbProductListModel *self,
            Page               *page)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (page->cancellable != NULL)
    g_cancellable_cancel (page->cancellable);
  g_clear_object (&page->cancellable);
  page->cancellable = g_cancellable_new ();
  page->generation = self->generation;

  job = g_new0 (Job, 1);
  job->worker = worker_ref (self->worker);
  job->kind = JOB_PAGE;
  job->query = sb_store_query_copy (self->query);
  job->generation = self->generation;
  job->page_index = page->index;
  job->offset = page->index * SB_PRODUCT_LIST_MODEL_PAGE_SIZE;
  job->limit = SB_PRODUCT_LIST_MODEL_PAGE_SIZE;

  task = g_task_new (self, page->cancellable, fetch_page_done_cb, NULL);
  g_task_set_source_tag (task, fetch_page);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  job_started (self);
  g_task_run_in_thread (task, job_thread_cb);
}

static void
clear_pages (SbProductListModel *self)
{
  g_queue_clear (&self->lru);
  g_hash_table_remove_all (self->pages);
}

static gboolean
fill_idle_cb (gpointer data)
{
  SbProductListModel *self = data;
  gint64 deadline = g_get_monotonic_time () + FILL_BUDGET_USEC;

  while (self->fill_queue.head != NULL)
    {
      Page *page = self->fill_queue.head->data;

      while (page->filled < page->items->len && page->filled < page->rows->len)
        {
          sb_product_item_take_summary (g_ptr_array_index (page->items, page->filled),
                                        g_steal_pointer (&g_ptr_array_index (page->rows, page->filled)));
          page->filled++;
          if (page->filled % 16 == 0 && g_get_monotonic_time () > deadline)
            return G_SOURCE_CONTINUE;
        }
      g_queue_pop_head (&self->fill_queue);
      page->fill_link = NULL;
      g_clear_pointer (&page->rows, g_ptr_array_unref);
      job_finished (self);
      if (g_get_monotonic_time () > deadline)
        break;
    }
  if (self->fill_queue.head != NULL)
    return G_SOURCE_CONTINUE;
  self->fill_idle_id = 0;
  return G_SOURCE_REMOVE;
}

static void
fetch_page_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SbProductListModel *self = SB_PRODUCT_LIST_MODEL (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Page *page;

  job_finished (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not read the product list: %s", error->message);
          set_error (self, error);
        }
      return;
    }
  self->last_fetch_usec = job->usec;
  self->max_fetch_usec = MAX (self->max_fetch_usec, job->usec);

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (job->page_index));
  if (page == NULL || page->generation != job->generation)
    return;

  /* A newer read of the page replaces rows not handed out yet. */
  if (page->fill_link != NULL)
    {
      g_queue_delete_link (&self->fill_queue, page->fill_link);
      page->fill_link = NULL;
      job_finished (self);
    }
  g_clear_pointer (&page->rows, g_ptr_array_unref);
  page->rows = g_steal_pointer (&job->rows);
  page->filled = 0;
  g_queue_push_tail (&self->fill_queue, page);
  page->fill_link = self->fill_queue.tail;
  job_started (self);
  if (self->fill_idle_id == 0)
    self->fill_idle_id = g_idle_add (fill_idle_cb, self);

  if (self->error != NULL)
    set_error (self, NULL);
}

/* After a count: drops cached pages at or beyond @keep, fits the others
 * to @new_n rows and re-reads those that are not of the current
 * generation (or that grew). */
static void
resize_pages (SbProductListModel *self,
              guint               keep,
              guint               new_n)
{
  GList *l = self->lru.head;

  while (l != NULL)
    {
      Page *page = l->data;
      GList *next = l->next;
      guint first = page->index * SB_PRODUCT_LIST_MODEL_PAGE_SIZE;

      if (first >= keep)
        {
          g_queue_delete_link (&self->lru, l);
          g_hash_table_remove (self->pages, GUINT_TO_POINTER (page->index));
        }
      else
        {
          guint needed = MIN (SB_PRODUCT_LIST_MODEL_PAGE_SIZE, new_n - first);
          gboolean grew = page->items->len < needed;

          if (page->items->len > needed)
            g_ptr_array_set_size (page->items, needed);
          while (page->items->len < needed)
            g_ptr_array_add (page->items, sb_product_item_new (first + page->items->len));
          if (grew || page->generation != self->generation)
            fetch_page (self, page);
        }
      l = next;
    }
}

/* GTK 4.8's list views make and bind a widget for each of up to 200 rows
 * around their anchor, all inside the items-changed that announces them:
 * a catalogue that goes from empty to 50,000 rows (an import) would stall
 * the window 150–350 ms at once.  While a list grows from fewer than
 * GROW_STEPPED_BELOW rows, the rows are announced GROW_STEP at a time, one
 * step per main-loop turn, so that each turn makes only that many rows;
 * the rest follows in one step once GTK has all the widgets it keeps.
 * The model counts as loading until the whole count is announced. */
#define GROW_STEP 25
#define GROW_STEPPED_BELOW 250

static void
announce (SbProductListModel *self,
          guint               new_n)
{
  guint old_n = self->n_items;
  guint keep = MIN (old_n, new_n);

  if (old_n == new_n)
    return;
  self->n_items = new_n;
  g_list_model_items_changed (G_LIST_MODEL (self), keep, old_n - keep, new_n - keep);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
stop_growing (SbProductListModel *self)
{
  if (self->grow_idle_id == 0)
    return;
  g_clear_handle_id (&self->grow_idle_id, g_source_remove);
  job_finished (self);
}

static gboolean
grow_idle_cb (gpointer user_data)
{
  SbProductListModel *self = user_data;
  guint next = self->n_items + GROW_STEP;

  if (next >= GROW_STEPPED_BELOW || next >= self->target_n)
    {
      self->grow_idle_id = 0;
      announce (self, self->target_n);
      job_finished (self);
      return G_SOURCE_REMOVE;
    }
  announce (self, next);
  return G_SOURCE_CONTINUE;
}

/* Announces @new_n rows: at once, or in steps when the list grows from
 * (nearly) empty. */
static void
set_n_items (SbProductListModel *self,
             guint               new_n)
{
  stop_growing (self);
  self->target_n = new_n;
  if (new_n <= self->n_items || self->n_items >= GROW_STEPPED_BELOW ||
      new_n - self->n_items <= GROW_STEP)
    {
      announce (self, new_n);
      return;
    }
  announce (self, self->n_items + GROW_STEP);
  job_started (self);
  {
    GSource *source = g_idle_source_new ();

    /* Below the redraw priority: a frame may be drawn between two steps. */
    g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
    g_source_set_callback (source, grow_idle_cb, self, NULL);
    g_source_set_static_name (source, "[sellbridge] list grows");
    self->grow_idle_id = g_source_attach (source, NULL);
    g_source_unref (source);
  }
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SbProductListModel *self = SB_PRODUCT_LIST_MODEL (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint old_n, new_n, keep;

  job_finished (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not count the products: %s", error->message);
          set_error (self, error);
        }
      return;
    }
  if (job->generation != self->generation)
    return;

  old_n = self->n_items;
  new_n = (guint) MIN (job->count, (gint64) G_MAXUINT);
  self->last_fetch_usec = job->usec;
  self->max_fetch_usec = MAX (self->max_fetch_usec, job->usec);
  if (self->error != NULL)
    set_error (self, NULL);

  /* Rows [0, keep) stay the same objects and are re-read in place; only
   * the difference is announced.  Replacing all 100,000 rows of a
   * GtkColumnView costs far more than filling the visible ones again. */
  keep = MIN (old_n, new_n);
  resize_pages (self, keep, new_n);
  set_n_items (self, new_n);

  if (!self->counted)
    {
      self->counted = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTED]);
    }
}

static void
count (SbProductListModel *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  self->count_cancellable = g_cancellable_new ();

  job = g_new0 (Job, 1);
  job->worker = worker_ref (self->worker);
  job->kind = JOB_COUNT;
  job->query = sb_store_query_copy (self->query);
  job->generation = self->generation;

  task = g_task_new (self, self->count_cancellable, count_done_cb, NULL);
  g_task_set_source_tag (task, count);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  job_started (self);
  g_task_run_in_thread (task, job_thread_cb);
}

static GType
sb_product_list_model_get_item_type (GListModel *model)
{
  return SB_TYPE_PRODUCT_ITEM;
}

static guint
sb_product_list_model_get_n_items (GListModel *model)
{
  return SB_PRODUCT_LIST_MODEL (model)->n_items;
}

static gpointer
sb_product_list_model_get_item (GListModel *model,
                                guint       position)
{
  SbProductListModel *self = SB_PRODUCT_LIST_MODEL (model);
  guint index, first;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  index = position / SB_PRODUCT_LIST_MODEL_PAGE_SIZE;
  first = index * SB_PRODUCT_LIST_MODEL_PAGE_SIZE;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page == NULL)
    {
      /* Sized for the whole count: while it is announced in steps the
       * page is already complete. */
      guint n = MIN (SB_PRODUCT_LIST_MODEL_PAGE_SIZE, self->target_n - first);

      page = g_new0 (Page, 1);
      page->model = self;
      page->index = index;
      page->items = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (page->items, sb_product_item_new (first + i));
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
      g_queue_push_head (&self->lru, page);
      page->link = self->lru.head;
      fetch_page (self, page);

      while (self->lru.length > MAX_CACHED_PAGES)
        {
          Page *old = g_queue_pop_tail (&self->lru);

          g_hash_table_remove (self->pages, GUINT_TO_POINTER (old->index));
        }
    }
  else if (page->link != self->lru.head)
    {
      g_queue_unlink (&self->lru, page->link);
      g_queue_push_head_link (&self->lru, page->link);
    }

  if (position - first >= page->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (page->items, position - first));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sb_product_list_model_get_item_type;
  iface->get_n_items = sb_product_list_model_get_n_items;
  iface->get_item = sb_product_list_model_get_item;
}

static void
sb_product_list_model_constructed (GObject *object)
{
  SbProductListModel *self = SB_PRODUCT_LIST_MODEL (object);

  G_OBJECT_CLASS (sb_product_list_model_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  self->worker = worker_new (sb_store_get_path (self->store));
  count (self);
}

static void
sb_product_list_model_dispose (GObject *object)
{
  SbProductListModel *self = SB_PRODUCT_LIST_MODEL (object);

  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  if (self->pages != NULL)
    clear_pages (self);
  g_clear_handle_id (&self->fill_idle_id, g_source_remove);
  g_clear_handle_id (&self->grow_idle_id, g_source_remove);

  G_OBJECT_CLASS (sb_product_list_model_parent_class)->dispose (object);
}

static void
sb_product_list_model_finalize (GObject *object)
{
  SbProductListModel *self = SB_PRODUCT_LIST_MODEL (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->worker, worker_unref);
  g_clear_pointer (&self->query, sb_store_query_free);
  g_clear_object (&self->store);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (sb_product_list_model_parent_class)->finalize (object);
}

static void
sb_product_list_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SbProductListModel *self = SB_PRODUCT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->n_running > 0);
      break;
    case PROP_COUNTED:
      g_value_set_boolean (value, self->counted);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_product_list_model_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SbProductListModel *self = SB_PRODUCT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_product_list_model_class_init (SbProductListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sb_product_list_model_constructed;
  object_class->dispose = sb_product_list_model_dispose;
  object_class->finalize = sb_product_list_model_finalize;
  object_class->get_property = sb_product_list_model_get_property;
  object_class->set_property = sb_product_list_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         SB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTED] =
    g_param_spec_boolean ("counted", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_product_list_model_init (SbProductListModel *self)
{
  self->query = sb_store_query_new ();
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
  g_queue_init (&self->lru);
  g_queue_init (&self->fill_queue);
}

/**
 * sb_product_list_model_new:
 * @store: the store whose products to list; the model reads through its
 *   own connection to the same file
 *
 * Returns: (transfer full): a model that starts counting at once
 */
SbProductListModel *
sb_product_list_model_new (SbStore *store)
{
  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  return g_object_new (SB_TYPE_PRODUCT_LIST_MODEL,
                       "store", store,
                       NULL);
}

/**
 * sb_product_list_model_get_store:
 *
 * Returns: (transfer none): the store given at construction
 */
SbStore *
sb_product_list_model_get_store (SbProductListModel *self)
{
  g_return_val_if_fail (SB_IS_PRODUCT_LIST_MODEL (self), NULL);
  return self->store;
}

/**
 * sb_product_list_model_get_query:
 *
 * Returns: (transfer none): the query the model shows
 */
const SbStoreQuery *
sb_product_list_model_get_query (SbProductListModel *self)
{
  g_return_val_if_fail (SB_IS_PRODUCT_LIST_MODEL (self), NULL);
  return self->query;
}

static gboolean
query_equal (const SbStoreQuery *a,
             const SbStoreQuery *b)
{
  const char *sa = a->search != NULL ? a->search : "";
  const char *sb = b->search != NULL ? b->search : "";

  return g_str_equal (sa, sb) &&
         a->filter_status == b->filter_status &&
         (!a->filter_status || a->status == b->status) &&
         a->sort == b->sort &&
         a->descending == b->descending &&
         a->lang == b->lang;
}

/**
 * sb_product_list_model_set_query:
 *
 * Shows the products @query selects, in its order, once the new count
 * is known.  Items keep their positions and are re-read in place, so a
 * selection of positions no longer means the same products: callers
 * clear it.
 */
void
sb_product_list_model_set_query (SbProductListModel *self,
                                 const SbStoreQuery *query)
{
  g_return_if_fail (SB_IS_PRODUCT_LIST_MODEL (self));
  g_return_if_fail (query != NULL);

  if (query_equal (self->query, query))
    return;

  g_clear_pointer (&self->query, sb_store_query_free);
  self->query = sb_store_query_copy (query);
  self->generation++;
  count (self);
}

/**
 * sb_product_list_model_refresh:
 *
 * Reads the list again after the store changed: cached rows are updated
 * in place and rows added or removed at the end are announced.
 */
void
sb_product_list_model_refresh (SbProductListModel *self)
{
  g_return_if_fail (SB_IS_PRODUCT_LIST_MODEL (self));

  self->generation++;
  count (self);
}

/**
 * sb_product_list_model_get_loading:
 *
 * Returns: %TRUE while a count or a page is being read
 */
gboolean
sb_product_list_model_get_loading (SbProductListModel *self)
{
  g_return_val_if_fail (SB_IS_PRODUCT_LIST_MODEL (self), FALSE);
  return self->n_running > 0;
}

/**
 * sb_product_list_model_get_counted:
 *
 * Returns: %TRUE once the first count arrived, so that an empty list
 *   really means that no product matches
 */
gboolean
sb_product_list_model_get_counted (SbProductListModel *self)
{
  g_return_val_if_fail (SB_IS_PRODUCT_LIST_MODEL (self), FALSE);
  return self->counted;
}

guint
sb_product_list_model_get_n_cached_pages (SbProductListModel *self)
{
  g_return_val_if_fail (SB_IS_PRODUCT_LIST_MODEL (self), 0);
  return self->lru.length;
}

/**
 * sb_product_list_model_get_last_fetch_usec:
 *
 * Returns: how long the store took for the last page or count, in
 *   microseconds (measured on the worker thread)
 */
gint64
sb_product_list_model_get_last_fetch_usec (SbProductListModel *self)
{
  g_return_val_if_fail (SB_IS_PRODUCT_LIST_MODEL (self), 0);
  return self->last_fetch_usec;
}

gint64
sb_product_list_model_get_max_fetch_usec (SbProductListModel *self)
{
  g_return_val_if_fail (SB_IS_PRODUCT_LIST_MODEL (self), 0);
  return self->max_fetch_usec;
}

/**
 * sb_product_list_model_get_error:
 *
 * Returns: (nullable) (transfer none): why the last read failed, until a
 *   read succeeds
 */
const GError *
sb_product_list_model_get_error (SbProductListModel *self)
{
  g_return_val_if_fail (SB_IS_PRODUCT_LIST_MODEL (self), NULL);
  return self->error;
}
