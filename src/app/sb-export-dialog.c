/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-export-dialog.c: the CSV export dialog.  The seller chooses the
 * encoding (UTF-8, UTF-8 with a BOM for Excel, CP949 for Korean Excel,
 * windows-1251 for Russian Excel) and the delimiter (comma, or semicolon
 * as Excel in Russian and other comma-decimal locales expects), then where
 * to save (GtkFileChooserNative).  The catalogue is read and the file
 * written on a worker thread with its own SbStore; "finished" says whether
 * the file was written.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-csv-store.h"
#include "sb-export-dialog.h"

struct _SbExportDialog
{
  AdwWindow parent_instance;

  /* Child widgets */
  AdwComboRow    *encoding_row;
  AdwComboRow    *delimiter_row;
  GtkButton      *export_button;
  GtkLabel       *status_label;
  GtkProgressBar *progress;

  /* Owned references */
  char                 *db_path;
  char                 *status;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  guint                 pulse_id;
};

G_DEFINE_FINAL_TYPE (SbExportDialog, sb_export_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_FINISHED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static const SbCsvEncoding encodings[] = {
  SB_CSV_ENCODING_UTF8, SB_CSV_ENCODING_UTF8_BOM, SB_CSV_ENCODING_CP949, SB_CSV_ENCODING_WINDOWS_1251,
};
static const SbCsvDelimiter delimiters[] = {
  SB_CSV_DELIMITER_COMMA, SB_CSV_DELIMITER_SEMICOLON,
};

typedef struct {
  char           *db_path;
  GFile          *file;
  SbCsvEncoding   encoding;
  SbCsvDelimiter  delimiter;
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_clear_object (&job->file);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  store = sb_store_open (job->db_path, &error);
  if (store != NULL)
    {
      sb_store_set_cancellable (store, cancellable);
      bytes = sb_csv_export_from_store (store, job->encoding, job->delimiter, &error);
    }
  if (bytes == NULL ||
      !g_file_replace_contents (job->file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static gboolean
pulse_cb (gpointer data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (data));
  return G_SOURCE_CONTINUE;
}

static void
set_busy (SbExportDialog *self,
          gboolean        busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress), busy);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (busy)
    self->pulse_id = g_timeout_add (100, pulse_cb, self->progress);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->encoding_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delimiter_row), !busy);
}

static void
set_status (SbExportDialog *self,
            const char     *status,
            gboolean        failed)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_text (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SbExportDialog *self = SB_EXPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  ok = g_task_propagate_boolean (G_TASK (result), &error);
  if (ok)
    {
      g_autofree char *name = g_file_get_basename (job->file);
      g_autofree char *status = g_strdup_printf (_("Saved to “%s”."), name);

      set_status (self, status, FALSE);
    }
  else
    set_status (self, error->message, TRUE);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, ok);
}

static void
chooser_response_cb (SbExportDialog       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      sb_export_dialog_export_to_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
export_clicked_cb (SbExportDialog *self)
{
  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Products"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  /* Translators: the suggested name of an exported catalogue file. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("products.csv"));
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
sb_export_dialog_dispose (GObject *object)
{
  SbExportDialog *self = SB_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (sb_export_dialog_parent_class)->dispose (object);
}

static void
sb_export_dialog_class_init (SbExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_export_dialog_dispose;

  /* %TRUE when the file was written. */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
combo_row_new (const char         *title,
               const char         *subtitle,
               const char * const *items)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  return row;
}

static void
sb_export_dialog_init (SbExportDialog *self)
{
  const char *encoding_items[] = {
    "UTF-8",
    /* Translators: UTF-8 with a byte order mark, which Excel needs. */
    _("UTF-8 for Excel (with BOM)"),
    _("Korean (CP949)"),
    _("Russian (Windows-1251)"),
    NULL
  };
  const char *delimiter_items[] = {
    _("Comma"),
    _("Semicolon"),
    NULL
  };
  GtkWidget *box, *header, *cancel, *clamp, *content, *group;

  gtk_window_set_title (GTK_WINDOW (self), _("Export Products"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 420);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 300);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_window_set_content (ADW_WINDOW (self), box);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_box_append (GTK_BOX (box), header);
  cancel = gtk_button_new_with_mnemonic (_("_Close"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->export_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Export…")));
  gtk_widget_add_css_class (GTK_WIDGET (self->export_button), "suggested-action");
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->export_button));

  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->progress), "osd");
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress));

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 600);
  gtk_widget_set_vexpand (clamp, TRUE);
  gtk_box_append (GTK_BOX (box), clamp);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Every product is written with one row per variant, in the columns Sellbridge also imports."));
  gtk_box_append (GTK_BOX (content), group);
  self->encoding_row = ADW_COMBO_ROW (combo_row_new (_("_Encoding"),
                                                     _("Excel on Windows opens CP949 or Windows-1251 files without questions"),
                                                     encoding_items));
  adw_combo_row_set_selected (self->encoding_row, 1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->encoding_row));
  self->delimiter_row = ADW_COMBO_ROW (combo_row_new (_("_Delimiter"),
                                                      _("Excel in Russian expects a semicolon"),
                                                      delimiter_items));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->delimiter_row));

  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_xalign (self->status_label, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->status_label));
}

/**
 * sb_export_dialog_new:
 * @db_path: the catalogue file (see sb_store_dup_default_path())
 */
SbExportDialog *
sb_export_dialog_new (GtkWindow  *parent,
                      const char *db_path)
{
  SbExportDialog *self = g_object_new (SB_TYPE_EXPORT_DIALOG,
                                       "transient-for", parent,
                                       NULL);

  self->db_path = g_strdup (db_path);
  /* Excel in a Russian locale splits on semicolons. */
  if (g_str_has_prefix (g_get_language_names ()[0], "ru"))
    adw_combo_row_set_selected (self->delimiter_row, 1);
  return self;
}

void
sb_export_dialog_set_encoding (SbExportDialog *self,
                               SbCsvEncoding   encoding)
{
  g_return_if_fail (SB_IS_EXPORT_DIALOG (self));
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (encodings[i] == encoding)
      adw_combo_row_set_selected (self->encoding_row, i);
}

void
sb_export_dialog_set_delimiter (SbExportDialog *self,
                                SbCsvDelimiter  delimiter)
{
  g_return_if_fail (SB_IS_EXPORT_DIALOG (self));
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i] == delimiter)
      adw_combo_row_set_selected (self->delimiter_row, i);
}

SbCsvEncoding
sb_export_dialog_get_encoding (SbExportDialog *self)
{
  g_return_val_if_fail (SB_IS_EXPORT_DIALOG (self), SB_CSV_ENCODING_UTF8);
  return encodings[adw_combo_row_get_selected (self->encoding_row)];
}

SbCsvDelimiter
sb_export_dialog_get_delimiter (SbExportDialog *self)
{
  g_return_val_if_fail (SB_IS_EXPORT_DIALOG (self), SB_CSV_DELIMITER_COMMA);
  return delimiters[adw_combo_row_get_selected (self->delimiter_row)];
}

/**
 * sb_export_dialog_export_to_file:
 *
 * Writes the catalogue to @file on a worker thread with the chosen
 * encoding and delimiter.
 */
void
sb_export_dialog_export_to_file (SbExportDialog *self,
                                 GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (SB_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->cancellable != NULL)
    return;
  self->cancellable = g_cancellable_new ();
  job = g_new0 (Job, 1);
  job->db_path = g_strdup (self->db_path);
  job->file = g_object_ref (file);
  job->encoding = sb_export_dialog_get_encoding (self);
  job->delimiter = sb_export_dialog_get_delimiter (self);
  task = g_task_new (self, self->cancellable, job_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
  set_status (self, NULL, FALSE);
  set_busy (self, TRUE);
}

gboolean
sb_export_dialog_get_busy (SbExportDialog *self)
{
  g_return_val_if_fail (SB_IS_EXPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

/**
 * sb_export_dialog_get_status:
 *
 * Returns: (nullable): what the last export did, as shown
 */
const char *
sb_export_dialog_get_status (SbExportDialog *self)
{
  g_return_val_if_fail (SB_IS_EXPORT_DIALOG (self), NULL);
  return self->status;
}
