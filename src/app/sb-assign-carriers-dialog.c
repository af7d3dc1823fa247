/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-assign-carriers-dialog.c: the catalogue's "Assign Carriers" dialog.
 * On a worker thread with its own store connection it reads the seller's
 * country (the origin; the interface's seller language when there is no
 * profile yet) and the cached carrier list of that origin, then lists
 * each carrier with a check button and its limits.  The seller chooses
 * carriers and whether they are added to the products' own or replace
 * them; SbAssignCarriersDialog::apply hands the catalogue an SbBulkEdit
 * that carries the carrier list, so that core leaves out, and reports,
 * a carrier that cannot carry a product's parcel.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sb-assign-carriers-dialog.h"
#include "sb-carrier.h"

typedef struct
{
  char      *carrier_id;
  GtkWidget *check;
} CarrierRow;

struct _SbAssignCarriersDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwPreferencesGroup *carriers_group;
  GtkCheckButton      *add_check;
  GtkCheckButton      *replace_check;
  GtkLabel            *message_label;

  /* Owned references */
  GCancellable        *cancellable;
  GPtrArray           *carriers;   /* (nullable) (element-type SbCarrier) */
  GPtrArray           *rows;       /* (element-type CarrierRow) */
  char                *origin;

  guint                n_products;
  gboolean             loading;
};

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

enum {
  SIGNAL_APPLY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SbAssignCarriersDialog, sb_assign_carriers_dialog, ADW_TYPE_WINDOW)

static void
carrier_row_free (gpointer data)
{
  CarrierRow *row = data;

  g_free (row->carrier_id);
  g_free (row);
}

static void
set_message (SbAssignCarriersDialog *self,
             const char             *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
check_toggled_cb (SbAssignCarriersDialog *self)
{
  set_message (self, NULL);
}

static char *
describe_limits (const SbCarrier *carrier)
{
  GString *text = g_string_new (NULL);

  if (carrier->max_weight_g != G_MAXUINT)
    /* Translators: a carrier's weight limit in grams. */
    g_string_append_printf (text, _("up to %u g"), carrier->max_weight_g);
  if (carrier->max_side_mm != G_MAXUINT)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: the longest side a carrier takes, in millimetres. */
      g_string_append_printf (text, _("sides up to %u mm"), carrier->max_side_mm);
    }
  if (carrier->max_sum_sides_mm != G_MAXUINT)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: the most length + width + height a carrier takes. */
      g_string_append_printf (text, _("L + W + H up to %u mm"), carrier->max_sum_sides_mm);
    }
  if (!carrier->liquids)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, _("no liquids"));
    }
  return g_string_free (text, FALSE);
}

static void
show_carriers (SbAssignCarriersDialog *self)
{
  g_autofree char *description = NULL;

  if (self->carriers == NULL || self->carriers->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Carriers that ship from your country, for the %u selected product.",
                                              "Carriers that ship from your country, for the %u selected products.",
                                              self->n_products),
                                 self->n_products);
  adw_preferences_group_set_description (self->carriers_group, description);
  for (guint i = 0; i < self->carriers->len; i++)
    {
      const SbCarrier *carrier = g_ptr_array_index (self->carriers, i);
      CarrierRow *row = g_new0 (CarrierRow, 1);
      g_autofree char *limits = describe_limits (carrier);
      GtkWidget *action_row = adw_action_row_new ();

      row->carrier_id = g_strdup (carrier->id);
      row->check = gtk_check_button_new ();
      gtk_widget_set_valign (row->check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row),
                                     carrier->name != NULL ? carrier->name : carrier->id);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), limits);
      adw_action_row_add_prefix (ADW_ACTION_ROW (action_row), row->check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action_row), row->check);
      adw_preferences_group_add (self->carriers_group, action_row);
      g_signal_connect_object (row->check, "toggled", G_CALLBACK (check_toggled_cb), self, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->rows, row);
    }
  gtk_stack_set_visible_child_name (self->stack, "carriers");
}

/* Loading the carriers on a worker thread */

typedef struct
{
  char      *path;
  char      *origin;
  GPtrArray *carriers;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->path);
  g_free (job->origin);
  g_clear_pointer (&job->carriers, g_ptr_array_unref);
  g_free (job);
}

/* "KR" or "RU" from the stored seller profile, or NULL. */
static char *
seller_country (SbStore *store)
{
  g_autofree char *json = sb_store_load_seller_json (store, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  const char *country;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  country = json_object_get_string_member_with_default (json_node_get_object (root), "country", NULL);
  if (g_strcmp0 (country, "KR") != 0 && g_strcmp0 (country, "RU") != 0)
    return NULL;
  return g_strdup (country);
}

static void
load_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *country = NULL;
  g_autofree char *kind = NULL;
  g_autoptr(GPtrArray) all = NULL;
  GError *error = NULL;
  gsize size;
  const char *data;

  store = sb_store_open (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  country = seller_country (store);
  if (country != NULL)
    {
      g_free (job->origin);
      job->origin = g_steal_pointer (&country);
    }
  kind = g_strdup_printf ("carriers:%s", job->origin);
  if (!sb_store_get_reference (store, kind, &body, NULL, NULL, &error))
    {
      if (error != NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_task_return_boolean (task, TRUE);   /* not cached yet */
      return;
    }
  data = g_bytes_get_data (body, &size);
  all = sb_carrier_list_new_from_data (data, size, &error);
  if (all == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Only carriers that ship from the origin, as the editor's panel. */
  job->carriers = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_carrier_free);
  for (guint i = 0; i < all->len; i++)
    {
      const SbCarrier *carrier = g_ptr_array_index (all, i);

      if (carrier->origin == NULL || g_str_equal (carrier->origin, job->origin))
        g_ptr_array_add (job->carriers, sb_carrier_copy (carrier));
    }
  g_task_return_boolean (task, TRUE);
}

static void
set_loading (SbAssignCarriersDialog *self,
             gboolean                loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "carriers.apply", !loading && self->rows->len > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SbAssignCarriersDialog *self = SB_ASSIGN_CARRIERS_DIALOG (source);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("The cached carriers cannot be read: %s", error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_loading (self, FALSE);
      return;
    }
  g_free (self->origin);
  self->origin = g_steal_pointer (&job->origin);
  self->carriers = g_steal_pointer (&job->carriers);
  show_carriers (self);
  set_loading (self, FALSE);
}

/* Applying */

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  sb_assign_carriers_dialog_apply (SB_ASSIGN_CARRIERS_DIALOG (widget));
}

static void
sb_assign_carriers_dialog_dispose (GObject *object)
{
  SbAssignCarriersDialog *self = SB_ASSIGN_CARRIERS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_ASSIGN_CARRIERS_DIALOG);

  G_OBJECT_CLASS (sb_assign_carriers_dialog_parent_class)->dispose (object);
}

static void
sb_assign_carriers_dialog_finalize (GObject *object)
{
  SbAssignCarriersDialog *self = SB_ASSIGN_CARRIERS_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->carriers, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->origin);

  G_OBJECT_CLASS (sb_assign_carriers_dialog_parent_class)->finalize (object);
}

static void
sb_assign_carriers_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  SbAssignCarriersDialog *self = SB_ASSIGN_CARRIERS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_assign_carriers_dialog_class_init (SbAssignCarriersDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_assign_carriers_dialog_dispose;
  object_class->finalize = sb_assign_carriers_dialog_finalize;
  object_class->get_property = sb_assign_carriers_dialog_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbAssignCarriersDialog::apply:
   * @edit: (type SbBulkEdit): a SET_CARRIERS edit with the carrier list
   */
  signals[SIGNAL_APPLY] =
    g_signal_new ("apply",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, SB_TYPE_BULK_EDIT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-assign-carriers-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SbAssignCarriersDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SbAssignCarriersDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SbAssignCarriersDialog, carriers_group);
  gtk_widget_class_bind_template_child (widget_class, SbAssignCarriersDialog, add_check);
  gtk_widget_class_bind_template_child (widget_class, SbAssignCarriersDialog, replace_check);
  gtk_widget_class_bind_template_child (widget_class, SbAssignCarriersDialog, message_label);

  gtk_widget_class_install_action (widget_class, "carriers.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sb_assign_carriers_dialog_init (SbAssignCarriersDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func (carrier_row_free);
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "carriers.apply", FALSE);
}

/**
 * sb_assign_carriers_dialog_new:
 * @parent: (nullable): the main window
 * @store: the catalogue; the carriers are read through a connection of
 *   the dialog's own, off the main thread
 * @n_products: how many products are selected
 * @lang: the seller's language, for the origin when the store has no
 *   seller profile (Russian: RU; otherwise KR)
 *
 * Returns: (transfer none): the dialog, not yet presented
 */
SbAssignCarriersDialog *
sb_assign_carriers_dialog_new (GtkWindow *parent,
                               SbStore   *store,
                               guint      n_products,
                               SbLang     lang)
{
  SbAssignCarriersDialog *self;
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  self = g_object_new (SB_TYPE_ASSIGN_CARRIERS_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->n_products = n_products;
  self->origin = g_strdup (lang == SB_LANG_RU ? "RU" : "KR");

  job = g_new0 (LoadJob, 1);
  job->path = g_strdup (sb_store_get_path (store));
  job->origin = g_strdup (self->origin);
  set_loading (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread_cb);
  return self;
}

/**
 * sb_assign_carriers_dialog_get_loading:
 *
 * Returns: %TRUE while the carriers are being read
 */
gboolean
sb_assign_carriers_dialog_get_loading (SbAssignCarriersDialog *self)
{
  g_return_val_if_fail (SB_IS_ASSIGN_CARRIERS_DIALOG (self), FALSE);
  return self->loading;
}

/**
 * sb_assign_carriers_dialog_get_origin:
 *
 * Returns: "KR" or "RU": the country whose carriers are listed
 */
const char *
sb_assign_carriers_dialog_get_origin (SbAssignCarriersDialog *self)
{
  g_return_val_if_fail (SB_IS_ASSIGN_CARRIERS_DIALOG (self), NULL);
  return self->origin;
}

guint
sb_assign_carriers_dialog_get_n_carriers (SbAssignCarriersDialog *self)
{
  g_return_val_if_fail (SB_IS_ASSIGN_CARRIERS_DIALOG (self), 0);
  return self->rows->len;
}

/**
 * sb_assign_carriers_dialog_set_chosen:
 *
 * Ticks or clears the check button of @carrier_id.
 *
 * Returns: %TRUE when the carrier is listed
 */
gboolean
sb_assign_carriers_dialog_set_chosen (SbAssignCarriersDialog *self,
                                      const char             *carrier_id,
                                      gboolean                chosen)
{
  g_return_val_if_fail (SB_IS_ASSIGN_CARRIERS_DIALOG (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      CarrierRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (row->carrier_id, carrier_id) == 0)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (row->check), chosen);
          return TRUE;
        }
    }
  return FALSE;
}

void
sb_assign_carriers_dialog_set_assign (SbAssignCarriersDialog *self,
                                      SbCarrierAssign         assign)
{
  g_return_if_fail (SB_IS_ASSIGN_CARRIERS_DIALOG (self));

  gtk_check_button_set_active (assign == SB_CARRIER_ASSIGN_ADD ? self->add_check : self->replace_check, TRUE);
}

/**
 * sb_assign_carriers_dialog_dup_edit:
 *
 * Returns: (transfer full) (nullable): the SET_CARRIERS edit the dialog
 *   describes, or %NULL when no carrier is chosen
 */
SbBulkEdit *
sb_assign_carriers_dialog_dup_edit (SbAssignCarriersDialog  *self,
                                    GError                 **error)
{
  g_autoptr(SbBulkEdit) edit = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  g_return_val_if_fail (SB_IS_ASSIGN_CARRIERS_DIALOG (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      CarrierRow *row = g_ptr_array_index (self->rows, i);

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (row->check)))
        g_strv_builder_add (ids, row->carrier_id);
    }
  edit = sb_bulk_edit_new (SB_BULK_EDIT_SET_CARRIERS);
  edit->carrier_ids = g_strv_builder_end (ids);
  edit->carrier_assign = gtk_check_button_get_active (self->replace_check) ? SB_CARRIER_ASSIGN_REPLACE
                                                                           : SB_CARRIER_ASSIGN_ADD;
  if (self->carriers != NULL)
    edit->carriers = g_ptr_array_ref (self->carriers);
  if (!sb_bulk_edit_check (edit, error))
    return NULL;
  return g_steal_pointer (&edit);
}

/**
 * sb_assign_carriers_dialog_apply:
 *
 * Emits SbAssignCarriersDialog::apply and closes, or shows what is
 * missing.
 *
 * Returns: %TRUE when applied
 */
gboolean
sb_assign_carriers_dialog_apply (SbAssignCarriersDialog *self)
{
  g_autoptr(SbBulkEdit) edit = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SB_IS_ASSIGN_CARRIERS_DIALOG (self), FALSE);

  if (self->loading)
    return FALSE;
  edit = sb_assign_carriers_dialog_dup_edit (self, &error);
  if (edit == NULL)
    {
      set_message (self, error->message);
      return FALSE;
    }
  set_message (self, NULL);
  g_signal_emit (self, signals[SIGNAL_APPLY], 0, edit);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
