/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-csv-dialog.c: CSV import and export from the window.  Import: pick a
 * file (GtkFileChooserNative), choose its encoding and delimiter (or let
 * them be detected), see the first rows and a dry run's per-row errors,
 * then import; export: choose the encoding and delimiter, then where to
 * save.  Reading, the dry run, the import and the export all run on a
 * worker thread with its own store connection, through sb-csv-store.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-csv-dialog.h"
#include "sb-csv-import.h"
#include "sb-csv-store.h"
#include "sb-csv.h"

#define PREVIEW_ROWS    6
#define PREVIEW_COLUMNS 8
/* Issues listed in the report; the count covers all of them. */
#define REPORT_ISSUES   200

static const SbCsvEncoding encodings[] = {
  SB_CSV_ENCODING_AUTO, SB_CSV_ENCODING_UTF8, SB_CSV_ENCODING_UTF8_BOM,
  SB_CSV_ENCODING_CP949, SB_CSV_ENCODING_WINDOWS_1251,
};
static const SbCsvDelimiter delimiters[] = {
  SB_CSV_DELIMITER_AUTO, SB_CSV_DELIMITER_COMMA, SB_CSV_DELIMITER_SEMICOLON, SB_CSV_DELIMITER_TAB,
};

struct _SbCsvDialog
{
  AdwWindow        parent_instance;

  /* Widgets */
  AdwToastOverlay *toast_overlay;
  GtkWidget       *file_row;
  GtkWidget       *encoding_row;
  GtkWidget       *delimiter_row;
  GtkWidget       *preview_group;
  GtkWidget       *preview_grid;
  GtkWidget       *report_group;
  GtkWidget       *summary_label;
  GtkWidget       *issues_box;
  GtkWidget       *run_button;
  GtkWidget       *spinner;

  /* Owned references */
  SbStore         *store;
  char            *path;
  char            *summary;
  GCancellable    *cancellable;
  GtkFileChooserNative *chooser;

  SbCsvDialogMode  mode;
  guint            n_preview_rows;
  guint            n_issues;
  gboolean         busy;
};

G_DEFINE_FINAL_TYPE (SbCsvDialog, sb_csv_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  char              *db_path;
  char              *path;
  SbCsvEncoding      encoding;
  SbCsvDelimiter     delimiter;
  gboolean           dry_run;
  gboolean           export;
  /* What the main thread shows: the file's first rows (element-type
   * GStrv, at most PREVIEW_COLUMNS cells each) and the report without its
   * products and with its first REPORT_ISSUES issues only.  The table and
   * the rest of the report (100,000 rows take most of a second to free)
   * are freed on the worker thread. */
  GPtrArray         *preview;
  SbCsvImportReport *report;
  guint              n_issues;
  guint              n_exported;
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_free (job->path);
  g_clear_pointer (&job->preview, g_ptr_array_unref);
  g_clear_pointer (&job->report, sb_csv_import_report_free);
  g_free (job);
}

/* On the worker: copies what the dialog shows out of @table and drops the
 * rest of @report. */
static void
job_keep_for_display (Job               *job,
                      const SbCsvTable  *table,
                      SbCsvImportReport *report)
{
  job->preview = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint r = 0; r < table->records->len && r < PREVIEW_ROWS; r++)
    {
      const SbCsvRecord *record = g_ptr_array_index (table->records, r);
      guint n = MIN (record->n_fields, PREVIEW_COLUMNS);
      char **cells = g_new0 (char *, n + 1);

      for (guint c = 0; c < n; c++)
        cells[c] = g_strdup (record->fields[c]);
      g_ptr_array_add (job->preview, cells);
    }
  job->n_issues = report->issues->len;
  if (report->issues->len > REPORT_ISSUES)
    g_ptr_array_remove_range (report->issues, REPORT_ISSUES, report->issues->len - REPORT_ISSUES);
  g_ptr_array_set_size (report->products, 0);
  job->report = report;
}

static void
set_busy (SbCsvDialog *self,
          gboolean     busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_sensitive (self->run_button, !busy &&
                            (self->mode == SB_CSV_DIALOG_EXPORT || self->path != NULL));
}

static void
job_thread_cb (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(SbStore) store = NULL;
  GError *error = NULL;

  store = sb_store_open (job->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->export)
    {
      g_autoptr(GBytes) bytes = sb_csv_export_from_store (store, job->encoding, job->delimiter, &error);
      g_autoptr(SbStoreQuery) all = sb_store_query_new ();
      gint64 n;

      if (bytes == NULL ||
          !g_file_set_contents (job->path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
        {
          g_task_return_error (task, error);
          return;
        }
      n = sb_store_count_products (store, all, NULL);
      job->n_exported = n > 0 ? (guint) n : 0;
      g_task_return_boolean (task, TRUE);
      return;
    }

  {
    g_autoptr(SbCsvTable) table = NULL;
    SbCsvImportReport *report;

    table = sb_csv_read_file (job->path, job->encoding, job->delimiter, &error);
    if (table == NULL)
      {
        g_task_return_error (task, error);
        return;
      }
    report = sb_csv_import_into_store (store, table, job->dry_run, &error);
    if (report == NULL)
      {
        g_task_return_error (task, error);
        return;
      }
    job_keep_for_display (job, table, report);
  }
  /* The table is freed here, on the worker, before the main thread is
   * told. */
  g_task_return_boolean (task, TRUE);
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_GRID (box))
        gtk_grid_remove (GTK_GRID (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

/* @preview: (element-type GStrv) the file's first rows, header first */
static void
show_preview (SbCsvDialog *self,
              GPtrArray   *preview)
{
  clear_box (self->preview_grid);
  self->n_preview_rows = 0;
  for (guint r = 0; r < preview->len && r < PREVIEW_ROWS; r++)
    {
      char **cells = g_ptr_array_index (preview, r);

      for (guint c = 0; cells[c] != NULL && c < PREVIEW_COLUMNS; c++)
        {
          GtkWidget *label = gtk_label_new (cells[c]);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
          gtk_label_set_width_chars (GTK_LABEL (label), MIN (g_utf8_strlen (cells[c], -1), 12));
          if (r == 0)
            gtk_widget_add_css_class (label, "heading");
          gtk_grid_attach (GTK_GRID (self->preview_grid), label, c, r, 1, 1);
        }
      self->n_preview_rows++;
    }
  gtk_widget_set_visible (self->preview_group, TRUE);
}

/* @n_issues: all issues of the import; @report lists the first ones */
static void
show_report (SbCsvDialog             *self,
             const SbCsvImportReport *report,
             guint                    n_issues,
             gboolean                 dry_run)
{
  g_autofree char *counts = NULL;

  clear_box (self->issues_box);
  self->n_issues = n_issues;
  if (dry_run)
    /* Translators: a dry run's result; label: number pairs avoid plurals. */
    counts = g_strdup_printf (_("Rows read: %u · New products: %u · Changed: %u · Rows with errors: %u. Nothing is imported until you press Import."),
                              report->n_rows, report->n_created, report->n_updated, report->n_rows_invalid);
  else
    /* Translators: an import's result; label: number pairs avoid plurals. */
    counts = g_strdup_printf (_("Imported. New products: %u · Changed: %u · Unchanged: %u · Rows with errors, left out: %u."),
                              report->n_created, report->n_updated, report->n_unchanged, report->n_rows_invalid);
  gtk_label_set_text (GTK_LABEL (self->summary_label), counts);
  g_free (self->summary);
  self->summary = g_steal_pointer (&counts);

  for (guint i = 0; i < report->issues->len && i < REPORT_ISSUES; i++)
    {
      const SbCsvIssue *issue = g_ptr_array_index (report->issues, i);
      g_autofree char *text = sb_csv_issue_to_string (issue);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, issue->warning ? "warning" : "error");
      gtk_box_append (GTK_BOX (self->issues_box), label);
    }
  gtk_widget_set_visible (self->report_group, TRUE);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SbCsvDialog *self = SB_CSV_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_free (self->summary);
      self->summary = g_strdup (error->message);
      gtk_label_set_text (GTK_LABEL (self->summary_label), error->message);
      clear_box (self->issues_box);
      gtk_widget_set_visible (self->report_group, TRUE);
      return;
    }
  if (job->export)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u product exported",
                                           "%u products exported", job->n_exported), job->n_exported);
      g_free (self->summary);
      self->summary = g_strdup (text);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }
  show_preview (self, job->preview);
  show_report (self, job->report, job->n_issues, job->dry_run);
  if (!job->dry_run)
    {
      gtk_button_set_label (GTK_BUTTON (self->run_button), _("_Close"));
      g_object_set_data (G_OBJECT (self), "sb-imported", GINT_TO_POINTER (TRUE));
      g_signal_emit_by_name (self, "imported");
    }
}

static void
start (SbCsvDialog *self,
       gboolean     dry_run,
       const char  *export_path)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);
  guint enc = adw_combo_row_get_selected (ADW_COMBO_ROW (self->encoding_row));
  guint delim = adw_combo_row_get_selected (ADW_COMBO_ROW (self->delimiter_row));

  job->db_path = g_strdup (sb_store_get_path (self->store));
  job->export = export_path != NULL;
  job->path = g_strdup (export_path != NULL ? export_path : self->path);
  job->dry_run = dry_run;
  job->encoding = encodings[MIN (enc, G_N_ELEMENTS (encodings) - 1)];
  job->delimiter = delimiters[MIN (delim, G_N_ELEMENTS (delimiters) - 1)];
  if (job->export)
    {
      /* An export names its encoding and delimiter: "automatic" means
       * UTF-8 with a comma. */
      if (job->encoding == SB_CSV_ENCODING_AUTO)
        job->encoding = SB_CSV_ENCODING_UTF8;
      if (job->delimiter == SB_CSV_DELIMITER_AUTO)
        job->delimiter = SB_CSV_DELIMITER_COMMA;
    }
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, job_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread_cb);
}

static void
options_changed_cb (SbCsvDialog *self)
{
  if (self->mode == SB_CSV_DIALOG_IMPORT && self->path != NULL && !self->busy)
    start (self, TRUE, NULL);
}

/**
 * sb_csv_dialog_set_file:
 *
 * Import: reads @path and shows its first rows and a dry run's report.
 * Export: writes the catalogue to @path.
 */
void
sb_csv_dialog_set_file (SbCsvDialog *self,
                        const char  *path)
{
  g_autofree char *name = NULL;

  g_return_if_fail (SB_IS_CSV_DIALOG (self));

  if (self->mode == SB_CSV_DIALOG_EXPORT)
    {
      start (self, FALSE, path);
      return;
    }
  g_free (self->path);
  self->path = g_strdup (path);
  name = g_path_get_basename (path);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->file_row), name);
  start (self, TRUE, NULL);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     SbCsvDialog     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        sb_csv_dialog_set_file (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_file (SbCsvDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  gboolean export = self->mode == SB_CSV_DIALOG_EXPORT;

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (export ? _("Export Catalogue") : _("Import Spreadsheet"),
                                               GTK_WINDOW (self),
                                               export ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               export ? _("_Export") : _("_Open"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (export)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "catalogue.csv");
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/**
 * sb_csv_dialog_run:
 *
 * The main button: import the chosen file (after the dry run), close
 * after an import, or choose where to export.
 */
void
sb_csv_dialog_run (SbCsvDialog *self)
{
  g_return_if_fail (SB_IS_CSV_DIALOG (self));

  if (self->busy)
    return;
  if (self->mode == SB_CSV_DIALOG_EXPORT)
    choose_file (self);
  else if (g_object_get_data (G_OBJECT (self), "sb-imported") != NULL)
    gtk_window_close (GTK_WINDOW (self));
  else if (self->path != NULL)
    start (self, FALSE, NULL);
}

static void
run_clicked_cb (SbCsvDialog *self)
{
  sb_csv_dialog_run (self);
}

static GtkWidget *
combo_row (const char  *title,
           const char **items)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) list = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  return row;
}

static void
sb_csv_dialog_dispose (GObject *object)
{
  SbCsvDialog *self = SB_CSV_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_csv_dialog_parent_class)->dispose (object);
}

static void
sb_csv_dialog_finalize (GObject *object)
{
  SbCsvDialog *self = SB_CSV_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_free (self->summary);

  G_OBJECT_CLASS (sb_csv_dialog_parent_class)->finalize (object);
}

static void
sb_csv_dialog_class_init (SbCsvDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_csv_dialog_dispose;
  object_class->finalize = sb_csv_dialog_finalize;

  /**
   * SbCsvDialog::imported:
   *
   * Rows were imported into the store.
   */
  g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sb_csv_dialog_init (SbCsvDialog *self)
{
  static const char *encoding_names[6];
  static const char *delimiter_names[5];
  GtkWidget *box, *header, *scrolled, *clamp, *content, *options, *cancel, *choose;

  encoding_names[0] = _("Detect automatically");
  encoding_names[1] = _("UTF-8");
  encoding_names[2] = _("UTF-8 with BOM (Excel)");
  encoding_names[3] = _("Korean (CP949, Excel)");
  encoding_names[4] = _("Cyrillic (Windows-1251, Excel)");
  encoding_names[5] = NULL;
  delimiter_names[0] = _("Detect automatically");
  delimiter_names[1] = _("Comma");
  delimiter_names[2] = _("Semicolon");
  delimiter_names[3] = _("Tab");
  delimiter_names[4] = NULL;

  self->cancellable = g_cancellable_new ();
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 620);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 360);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->run_button = gtk_button_new ();
  gtk_button_set_use_underline (GTK_BUTTON (self->run_button), TRUE);
  gtk_widget_add_css_class (self->run_button, "suggested-action");
  g_signal_connect_object (self->run_button, "clicked", G_CALLBACK (run_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->run_button);
  self->spinner = gtk_spinner_new ();
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->spinner);
  gtk_box_append (GTK_BOX (box), header);

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toast_overlay), TRUE);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  clamp = adw_clamp_new ();
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);

  options = adw_preferences_group_new ();
  self->file_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), _("File"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->file_row), _("No file chosen"));
  choose = gtk_button_new_with_mnemonic (_("C_hoose…"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  g_signal_connect_object (choose, "clicked", G_CALLBACK (choose_file), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->file_row), choose);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->file_row), choose);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (options), self->file_row);
  self->encoding_row = combo_row (_("_Encoding"), encoding_names);
  g_signal_connect_object (self->encoding_row, "notify::selected", G_CALLBACK (options_changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (options), self->encoding_row);
  self->delimiter_row = combo_row (_("_Delimiter"), delimiter_names);
  g_signal_connect_object (self->delimiter_row, "notify::selected", G_CALLBACK (options_changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (options), self->delimiter_row);
  gtk_box_append (GTK_BOX (content), options);

  self->preview_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->preview_group), _("First Rows"));
  {
    GtkWidget *frame = gtk_frame_new (NULL);
    GtkWidget *preview_scroll = gtk_scrolled_window_new ();

    self->preview_grid = gtk_grid_new ();
    gtk_grid_set_column_spacing (GTK_GRID (self->preview_grid), 12);
    gtk_grid_set_row_spacing (GTK_GRID (self->preview_grid), 6);
    gtk_widget_set_margin_top (self->preview_grid, 8);
    gtk_widget_set_margin_bottom (self->preview_grid, 8);
    gtk_widget_set_margin_start (self->preview_grid, 8);
    gtk_widget_set_margin_end (self->preview_grid, 8);
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (preview_scroll), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (preview_scroll), self->preview_grid);
    gtk_frame_set_child (GTK_FRAME (frame), preview_scroll);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->preview_group), frame);
  }
  gtk_widget_set_visible (self->preview_group, FALSE);
  gtk_box_append (GTK_BOX (content), self->preview_group);

  self->report_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->report_group), _("Report"));
  self->summary_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->summary_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->summary_label), 0);
  self->issues_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (self->issues_box, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->report_group), self->summary_label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->report_group), self->issues_box);
  gtk_widget_set_visible (self->report_group, FALSE);
  gtk_box_append (GTK_BOX (content), self->report_group);

  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_toast_overlay_set_child (self->toast_overlay, scrolled);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * sb_csv_dialog_new:
 *
 * Returns: (transfer none): the dialog, not yet presented
 */
SbCsvDialog *
sb_csv_dialog_new (GtkWindow       *parent,
                   SbStore         *store,
                   SbCsvDialogMode  mode)
{
  SbCsvDialog *self;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  self = g_object_new (SB_TYPE_CSV_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->mode = mode;
  if (mode == SB_CSV_DIALOG_EXPORT)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Export Catalogue"));
      gtk_button_set_label (GTK_BUTTON (self->run_button), _("_Export…"));
      gtk_widget_set_visible (self->file_row, FALSE);
      /* An export writes a named encoding: UTF-8 with BOM opens in Excel. */
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->encoding_row), 2);
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->delimiter_row), 1);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Import Spreadsheet"));
      gtk_button_set_label (GTK_BUTTON (self->run_button), _("_Import"));
    }
  set_busy (self, FALSE);
  return self;
}

void
sb_csv_dialog_set_encoding (SbCsvDialog *self,
                            guint        index)
{
  g_return_if_fail (SB_IS_CSV_DIALOG (self));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->encoding_row), index);
}

void
sb_csv_dialog_set_delimiter (SbCsvDialog *self,
                             guint        index)
{
  g_return_if_fail (SB_IS_CSV_DIALOG (self));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->delimiter_row), index);
}

gboolean
sb_csv_dialog_get_busy (SbCsvDialog *self)
{
  g_return_val_if_fail (SB_IS_CSV_DIALOG (self), FALSE);
  return self->busy;
}

guint
sb_csv_dialog_get_n_preview_rows (SbCsvDialog *self)
{
  g_return_val_if_fail (SB_IS_CSV_DIALOG (self), 0);
  return self->n_preview_rows;
}

guint
sb_csv_dialog_get_n_issues (SbCsvDialog *self)
{
  g_return_val_if_fail (SB_IS_CSV_DIALOG (self), 0);
  return self->n_issues;
}

/**
 * sb_csv_dialog_get_summary:
 *
 * Returns: (nullable): the last report's summary line
 */
const char *
sb_csv_dialog_get_summary (SbCsvDialog *self)
{
  g_return_val_if_fail (SB_IS_CSV_DIALOG (self), NULL);
  return self->summary;
}
