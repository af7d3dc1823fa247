/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-import-dialog.c: the CSV import dialog.  The seller picks a file
 * (GtkFileChooserNative), may force its encoding (automatic, UTF-8, CP949,
 * windows-1251) and delimiter (automatic, comma, semicolon, tab), and sees
 * the first rows as a grid and the dry run's per-row report (row, column,
 * reason).  Reading, the dry run and the import itself run on a worker
 * thread with their own SbStore (core's sb_csv_import_into_store saves a
 * whole file in one transaction), with a pulsing progress bar meanwhile.
 * "finished" is emitted after each dry run and import.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-csv-store.h"
#include "sb-import-dialog.h"

struct _SbImportDialog
{
  AdwWindow parent_instance;

  /* Child widgets */
  GtkButton      *import_button;
  AdwActionRow   *file_row;
  AdwComboRow    *encoding_row;
  AdwComboRow    *delimiter_row;
  GtkGrid        *preview_grid;
  GtkWidget      *preview_group;
  GtkLabel       *summary_label;
  GtkListBox     *report_list;
  GtkWidget      *report_group;
  GtkProgressBar *progress;

  /* Owned references */
  char              *db_path;
  GFile             *file;
  SbCsvTable        *table;
  SbCsvImportReport *report;
  char              *error;
  GCancellable      *cancellable;
  GtkFileChooserNative *chooser;
  guint              pulse_id;
  guint              n_preview_rows;
  guint              n_report_rows;
  gboolean           imported;
};

G_DEFINE_FINAL_TYPE (SbImportDialog, sb_import_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_FINISHED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static const SbCsvEncoding encodings[] = {
  SB_CSV_ENCODING_AUTO, SB_CSV_ENCODING_UTF8, SB_CSV_ENCODING_CP949, SB_CSV_ENCODING_WINDOWS_1251,
};
static const SbCsvDelimiter delimiters[] = {
  SB_CSV_DELIMITER_AUTO, SB_CSV_DELIMITER_COMMA, SB_CSV_DELIMITER_SEMICOLON, SB_CSV_DELIMITER_TAB,
};

/* The worker's job and answer. */
typedef struct {
  char              *path;
  char              *db_path;
  SbCsvEncoding      encoding;
  SbCsvDelimiter     delimiter;
  gboolean           dry_run;
  SbCsvTable        *table;
  SbCsvImportReport *report;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->db_path);
  g_clear_pointer (&job->table, sb_csv_table_free);
  g_clear_pointer (&job->report, sb_csv_import_report_free);
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
  g_autoptr(GError) error = NULL;

  job->table = sb_csv_read_file (job->path, job->encoding, job->delimiter, &error);
  if (job->table == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  store = sb_store_open (job->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sb_store_set_cancellable (store, cancellable);
  job->report = sb_csv_import_into_store (store, job->table, job->dry_run, &error);
  if (job->report == NULL)
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
set_busy (SbImportDialog *self,
          gboolean        busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress), busy);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (busy)
    self->pulse_id = g_timeout_add (100, pulse_cb, self->progress);
  gtk_widget_set_sensitive (GTK_WIDGET (self->encoding_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delimiter_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button),
                            !busy && !self->imported && self->report != NULL &&
                            self->report->n_created + self->report->n_updated > 0);
}

static void
clear_children (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else
        gtk_grid_remove (GTK_GRID (container), child);
    }
}

static void
show_preview (SbImportDialog *self)
{
  clear_children (GTK_WIDGET (self->preview_grid));
  self->n_preview_rows = 0;
  if (self->table == NULL)
    {
      gtk_widget_set_visible (self->preview_group, FALSE);
      return;
    }
  for (guint r = 0; r < self->table->records->len && r <= SB_IMPORT_DIALOG_PREVIEW_ROWS; r++)
    {
      SbCsvRecord *record = g_ptr_array_index (self->table->records, r);
      g_autofree char *number = g_strdup_printf ("%u", record->row);
      GtkWidget *row_label = gtk_label_new (number);

      gtk_widget_add_css_class (row_label, "dim-label");
      gtk_widget_add_css_class (row_label, "numeric");
      gtk_grid_attach (self->preview_grid, row_label, 0, r, 1, 1);
      for (guint c = 0; c < record->n_fields; c++)
        {
          GtkWidget *cell = gtk_label_new (record->fields[c]);

          gtk_label_set_xalign (GTK_LABEL (cell), 0);
          /* Long cells are cut at 24 characters; short ones are never
           * squeezed, the grid scrolls sideways instead. */
          gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
          gtk_label_set_width_chars (GTK_LABEL (cell), MIN ((int) g_utf8_strlen (record->fields[c], -1), 12));
          gtk_label_set_max_width_chars (GTK_LABEL (cell), 24);
          if (r == 0)
            gtk_widget_add_css_class (cell, "heading");
          gtk_grid_attach (self->preview_grid, cell, c + 1, r, 1, 1);
        }
      if (r > 0)
        self->n_preview_rows++;
    }
  gtk_widget_set_visible (self->preview_group, TRUE);
}

static void
show_report (SbImportDialog *self)
{
  g_autofree char *summary = NULL;

  clear_children (GTK_WIDGET (self->report_list));
  self->n_report_rows = 0;
  if (self->report == NULL)
    {
      gtk_label_set_text (self->summary_label, self->error != NULL ? self->error : "");
      gtk_widget_set_visible (GTK_WIDGET (self->summary_label), self->error != NULL);
      gtk_widget_set_visible (self->report_group, FALSE);
      return;
    }

  for (guint i = 0; i < self->report->issues->len; i++)
    {
      SbCsvIssue *issue = g_ptr_array_index (self->report->issues, i);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      g_autofree char *title = NULL;
      GtkWidget *icon;

      if (issue->column != NULL)
        /* Translators: where a CSV problem is: row number and column name. */
        title = g_strdup_printf (_("Row %u, column “%s”"), issue->row, issue->column);
      else
        /* Translators: where a CSV problem is: the row number. */
        title = g_strdup_printf (_("Row %u"), issue->row);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (row, issue->message);
      icon = gtk_image_new_from_icon_name (issue->warning ? "dialog-information-symbolic"
                                                          : "dialog-error-symbolic");
      gtk_widget_add_css_class (icon, issue->warning ? "warning" : "error");
      adw_action_row_add_prefix (row, icon);
      gtk_list_box_append (self->report_list, GTK_WIDGET (row));
      self->n_report_rows++;
    }
  gtk_widget_set_visible (self->report_group, self->n_report_rows > 0);

  if (self->imported)
    /* Translators: after an import: products created, changed. */
    summary = g_strdup_printf (_("Imported: %u new, %u changed, %u unchanged."),
                               self->report->n_created, self->report->n_updated,
                               self->report->n_unchanged);
  else
    {
      g_autofree char *rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u row read",
                                                            "%u rows read",
                                                            self->report->n_rows),
                                               self->report->n_rows);
      g_autofree char *bad = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u row has errors and will be skipped",
                                                           "%u rows have errors and will be skipped",
                                                           self->report->n_rows_invalid),
                                              self->report->n_rows_invalid);
      g_autofree char *products = g_strdup_printf (_("%u new products, %u changed"),
                                                   self->report->n_created, self->report->n_updated);

      /* Translators: the dry run's summary, three parts joined. */
      summary = g_strdup_printf (_("%s; %s; %s."), rows, products, bad);
    }
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SbImportDialog *self = SB_IMPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->table, sb_csv_table_free);
  g_clear_pointer (&self->report, sb_csv_import_report_free);
  g_clear_pointer (&self->error, g_free);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->error = g_strdup (error->message);
    }
  self->table = g_steal_pointer (&job->table);
  self->report = g_steal_pointer (&job->report);
  self->imported = !job->dry_run && self->report != NULL && self->report->saved;
  show_preview (self);
  show_report (self);
  set_busy (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, self->imported);
}

static void
start_job (SbImportDialog *self,
           gboolean        dry_run)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->file == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->imported = FALSE;

  job = g_new0 (Job, 1);
  job->path = g_file_get_path (self->file);
  job->db_path = g_strdup (self->db_path);
  job->encoding = encodings[adw_combo_row_get_selected (self->encoding_row)];
  job->delimiter = delimiters[adw_combo_row_get_selected (self->delimiter_row)];
  job->dry_run = dry_run;

  task = g_task_new (self, self->cancellable, job_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
  set_busy (self, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
}

static void
dialect_changed_cb (SbImportDialog *self)
{
  start_job (self, TRUE);
}

static void
chooser_response_cb (SbImportDialog       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      sb_import_dialog_load_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
choose_file_cb (SbImportDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose a Catalogue File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_clicked_cb (SbImportDialog *self)
{
  sb_import_dialog_import (self);
}

static void
sb_import_dialog_dispose (GObject *object)
{
  SbImportDialog *self = SB_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->file);
  g_clear_pointer (&self->table, sb_csv_table_free);
  g_clear_pointer (&self->report, sb_csv_import_report_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (sb_import_dialog_parent_class)->dispose (object);
}

static void
sb_import_dialog_class_init (SbImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_import_dialog_dispose;

  /* After a dry run (%FALSE) or an import that saved products (%TRUE). */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
combo_row_new (const char         *title,
               const char * const *items)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  return row;
}

static void
sb_import_dialog_init (SbImportDialog *self)
{
  const char *encoding_items[] = {
    /* Translators: encoding of a CSV file: detect it. */
    _("Detect automatically"),
    "UTF-8",
    /* Translators: the encoding Korean Excel saves CSV files in. */
    _("Korean (CP949)"),
    /* Translators: the encoding Russian Excel saves CSV files in. */
    _("Russian (Windows-1251)"),
    NULL
  };
  const char *delimiter_items[] = {
    _("Detect automatically"),
    /* Translators: CSV delimiter. */
    _("Comma"),
    /* Translators: CSV delimiter. */
    _("Semicolon"),
    /* Translators: CSV delimiter. */
    _("Tab"),
    NULL
  };
  GtkWidget *box, *header, *cancel, *scrolled, *clamp, *content, *group, *button, *frame, *preview_scroll;

  gtk_window_set_title (GTK_WINDOW (self), _("Import Products"));
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 640);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 400);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_window_set_content (ADW_WINDOW (self), box);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_box_append (GTK_BOX (box), header);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->import_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Import")));
  gtk_widget_add_css_class (GTK_WIDGET (self->import_button), "suggested-action");
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (import_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->import_button));

  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->progress), "osd");
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress));

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 800);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);

  group = adw_preferences_group_new ();
  gtk_box_append (GTK_BOX (content), group);
  self->file_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), _("File"));
  adw_action_row_set_subtitle (self->file_row, _("No file chosen"));
  button = gtk_button_new_with_mnemonic (_("C_hoose…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (choose_file_cb), self);
  adw_action_row_add_suffix (self->file_row, button);
  adw_action_row_set_activatable_widget (self->file_row, button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->file_row));
  self->encoding_row = ADW_COMBO_ROW (combo_row_new (_("_Encoding"), encoding_items));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->encoding_row));
  self->delimiter_row = ADW_COMBO_ROW (combo_row_new (_("_Delimiter"), delimiter_items));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->delimiter_row));
  g_signal_connect_swapped (self->encoding_row, "notify::selected", G_CALLBACK (dialect_changed_cb), self);
  g_signal_connect_swapped (self->delimiter_row, "notify::selected", G_CALLBACK (dialect_changed_cb), self);

  self->preview_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->preview_group), _("First Rows"));
  gtk_widget_set_visible (self->preview_group, FALSE);
  gtk_box_append (GTK_BOX (content), self->preview_group);
  frame = gtk_frame_new (NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->preview_group), frame);
  preview_scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (preview_scroll), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_frame_set_child (GTK_FRAME (frame), preview_scroll);
  self->preview_grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->preview_grid, 12);
  gtk_grid_set_row_spacing (self->preview_grid, 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->preview_grid), 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->preview_grid), 8);
  gtk_widget_set_margin_start (GTK_WIDGET (self->preview_grid), 8);
  gtk_widget_set_margin_end (GTK_WIDGET (self->preview_grid), 8);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (preview_scroll), GTK_WIDGET (self->preview_grid));

  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->summary_label, TRUE);
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->summary_label));

  self->report_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->report_group), _("Problems"));
  gtk_widget_set_visible (self->report_group, FALSE);
  gtk_box_append (GTK_BOX (content), self->report_group);
  self->report_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->report_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->report_list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->report_group), GTK_WIDGET (self->report_list));
}

/**
 * sb_import_dialog_new:
 * @db_path: the catalogue file (see sb_store_dup_default_path())
 */
SbImportDialog *
sb_import_dialog_new (GtkWindow  *parent,
                      const char *db_path)
{
  SbImportDialog *self = g_object_new (SB_TYPE_IMPORT_DIALOG,
                                       "transient-for", parent,
                                       NULL);

  self->db_path = g_strdup (db_path);
  return self;
}

/**
 * sb_import_dialog_load_file:
 *
 * Reads @file with the chosen dialect and starts a dry run.
 */
void
sb_import_dialog_load_file (SbImportDialog *self,
                            GFile          *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (SB_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  name = g_file_get_basename (file);
  adw_action_row_set_subtitle (self->file_row, name);
  start_job (self, TRUE);
}

void
sb_import_dialog_set_encoding (SbImportDialog *self,
                               SbCsvEncoding   encoding)
{
  g_return_if_fail (SB_IS_IMPORT_DIALOG (self));
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (encodings[i] == encoding)
      adw_combo_row_set_selected (self->encoding_row, i);
}

void
sb_import_dialog_set_delimiter (SbImportDialog *self,
                                SbCsvDelimiter  delimiter)
{
  g_return_if_fail (SB_IS_IMPORT_DIALOG (self));
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i] == delimiter)
      adw_combo_row_set_selected (self->delimiter_row, i);
}

/**
 * sb_import_dialog_import:
 *
 * Imports the file after a dry run found something to save.
 *
 * Returns: %TRUE when the import was started
 */
gboolean
sb_import_dialog_import (SbImportDialog *self)
{
  g_return_val_if_fail (SB_IS_IMPORT_DIALOG (self), FALSE);

  if (self->cancellable != NULL || self->report == NULL || self->imported)
    return FALSE;
  start_job (self, FALSE);
  return TRUE;
}

gboolean
sb_import_dialog_get_busy (SbImportDialog *self)
{
  g_return_val_if_fail (SB_IS_IMPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

/**
 * sb_import_dialog_get_report:
 *
 * Returns: (nullable): the report of the last dry run or import
 */
const SbCsvImportReport *
sb_import_dialog_get_report (SbImportDialog *self)
{
  g_return_val_if_fail (SB_IS_IMPORT_DIALOG (self), NULL);
  return self->report;
}

/**
 * sb_import_dialog_get_error:
 *
 * Returns: (nullable): why the file could not be read, as shown
 */
const char *
sb_import_dialog_get_error (SbImportDialog *self)
{
  g_return_val_if_fail (SB_IS_IMPORT_DIALOG (self), NULL);
  return self->error;
}

guint
sb_import_dialog_get_n_preview_rows (SbImportDialog *self)
{
  g_return_val_if_fail (SB_IS_IMPORT_DIALOG (self), 0);
  return self->n_preview_rows;
}

/**
 * sb_import_dialog_get_preview_cell:
 * @row: 0 for the header, then the data rows shown
 *
 * Returns: (nullable): the text of a preview cell, as shown
 */
const char *
sb_import_dialog_get_preview_cell (SbImportDialog *self,
                                   guint           row,
                                   guint           column)
{
  GtkWidget *cell;

  g_return_val_if_fail (SB_IS_IMPORT_DIALOG (self), NULL);
  cell = gtk_grid_get_child_at (self->preview_grid, column + 1, row);
  return cell != NULL ? gtk_label_get_text (GTK_LABEL (cell)) : NULL;
}

guint
sb_import_dialog_get_n_report_rows (SbImportDialog *self)
{
  g_return_val_if_fail (SB_IS_IMPORT_DIALOG (self), 0);
  return self->n_report_rows;
}
