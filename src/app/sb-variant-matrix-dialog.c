/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-variant-matrix-dialog.c: the variant matrix dialog of the product
 * editor.  The seller names option dimensions ("size": S, M, L; "color":
 * black, white), each value shown as a chip as it is typed; the dialog
 * says how many combinations that makes and how many variants are new,
 * refuses more than the marketplace's 100 variants, and on "Generate"
 * hands the merged variants (sb_variant_matrix_generate(): existing
 * variants keep their SKU, price, stock and barcode, new ones get a
 * suggested SKU and the default price and stock) to the editor through
 * SbVariantMatrixDialog::generated.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-variant-matrix.h"
#include "sb-variant-matrix-dialog.h"

typedef struct
{
  GtkWidget *box;
  GtkWidget *name;
  GtkWidget *values;
  GtkWidget *chips;
  GtkWidget *remove;
} DimensionRow;

struct _SbVariantMatrixDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkWidget       *generate_button;
  GtkBox          *dimensions_box;
  AdwEntryRow     *price_row;
  AdwEntryRow     *stock_row;
  GtkLabel        *count_label;
  GtkLabel        *message_label;

  /* Owned references */
  GPtrArray       *rows;        /* (element-type DimensionRow) */
  GPtrArray       *existing;    /* (element-type SbVariant) */
  char            *offer_id;
  char            *currency;

  guint64          count;
  guint            n_new;
  gboolean         valid;
};

enum {
  SIGNAL_GENERATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SbVariantMatrixDialog, sb_variant_matrix_dialog, ADW_TYPE_WINDOW)

static void
set_message (SbVariantMatrixDialog *self,
             const char            *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_chips (DimensionRow *row)
{
  g_auto(GStrv) values = sb_variant_matrix_split_values (gtk_editable_get_text (GTK_EDITABLE (row->values)));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (row->chips)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (row->chips), child);
  for (guint i = 0; values[i] != NULL; i++)
    {
      GtkWidget *chip = gtk_label_new (values[i]);

      gtk_label_set_ellipsize (GTK_LABEL (chip), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (chip), 20);
      gtk_widget_add_css_class (chip, "variant-chip");
      gtk_flow_box_append (GTK_FLOW_BOX (row->chips), chip);
    }
  gtk_widget_set_visible (row->chips, values[0] != NULL);
}

/* The matrix the rows describe, or NULL with the first problem. */
static SbVariantMatrix *
build_matrix (SbVariantMatrixDialog  *self,
              GError                **error)
{
  g_autoptr(SbVariantMatrix) matrix = sb_variant_matrix_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      DimensionRow *row = g_ptr_array_index (self->rows, i);
      const char *name = gtk_editable_get_text (GTK_EDITABLE (row->name));
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row->values));
      g_auto(GStrv) values = sb_variant_matrix_split_values (text);
      g_autofree char *stripped = g_strstrip (g_strdup (name));

      gtk_widget_remove_css_class (row->name, "error");
      gtk_widget_remove_css_class (row->values, "error");
      if (stripped[0] == '\0' && values[0] == NULL)
        continue;   /* an empty row is ignored */
      if (!sb_variant_matrix_add_dimension (matrix, name, (const char * const *) values, error))
        {
          gtk_widget_add_css_class (stripped[0] == '\0' || values[0] != NULL ? row->name : row->values,
                                    "error");
          return NULL;
        }
    }
  return g_steal_pointer (&matrix);
}

static gboolean
read_defaults (SbVariantMatrixDialog  *self,
               gint64                 *out_price,
               gint64                 *out_stock,
               GError                **error)
{
  g_autofree char *price = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->price_row))));

  gtk_widget_remove_css_class (GTK_WIDGET (self->price_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->stock_row), "error");
  *out_price = 0;
  if (price[0] != '\0' && !sb_variant_parse_price (price, self->currency, out_price, error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->price_row), "error");
      return FALSE;
    }
  if (!sb_variant_parse_stock (gtk_editable_get_text (GTK_EDITABLE (self->stock_row)), out_stock, error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->stock_row), "error");
      return FALSE;
    }
  return TRUE;
}

/* Recounts, previews the merge and says what is wrong, if anything. */
static GPtrArray *
update (SbVariantMatrixDialog *self)
{
  g_autoptr(SbVariantMatrix) matrix = NULL;
  g_autoptr(GPtrArray) variants = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *combinations = NULL;
  g_autofree char *news = NULL;
  g_autofree char *text = NULL;
  gint64 price = 0, stock = 0;

  self->valid = FALSE;
  self->count = 0;
  self->n_new = 0;
  matrix = build_matrix (self, &error);
  if (matrix != NULL)
    {
      self->count = sb_variant_matrix_count (matrix);
      if (read_defaults (self, &price, &stock, &error))
        variants = sb_variant_matrix_generate (matrix, self->offer_id, self->existing,
                                               price, self->currency, stock, &self->n_new, &error);
    }
  self->valid = variants != NULL;

  if (self->count == G_MAXUINT64)
    /* Translators: shown instead of a count too large to write. */
    combinations = g_strdup_printf (_("More than %d combinations"), SB_VARIANT_MATRIX_MAX_VARIANTS);
  else
    {
      g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, self->count);

      /* Translators: %s is a number of combinations of option values. */
      combinations = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s combination", "%s combinations",
                                                   (gulong) self->count),
                                      number);
    }
  if (self->valid)
    {
      news = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new variant to add", "%u new variants to add",
                                           self->n_new),
                              self->n_new);
      text = g_strdup_printf ("%s\n%s", combinations, news);
    }
  gtk_label_set_text (self->count_label, text != NULL ? text : combinations);

  if (error != NULL && self->count == 0 && g_error_matches (error, SB_VARIANT_MATRIX_ERROR, SB_VARIANT_MATRIX_ERROR_EMPTY) &&
      matrix != NULL)
    set_message (self, NULL);   /* nothing typed yet: no reproach */
  else
    set_message (self, error != NULL ? error->message : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.generate", self->valid);
  return g_steal_pointer (&variants);
}

static void
defaults_changed_cb (SbVariantMatrixDialog *self)
{
  g_autoptr(GPtrArray) variants = update (self);
}

static void
dimension_changed_cb (SbVariantMatrixDialog *self,
                      GtkEditable           *editable)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      DimensionRow *row = g_ptr_array_index (self->rows, i);

      if (row->values == GTK_WIDGET (editable))
        update_chips (row);
    }
  defaults_changed_cb (self);
}


static void
remove_dimension_cb (GtkButton             *button,
                     SbVariantMatrixDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      DimensionRow *row = g_ptr_array_index (self->rows, i);

      if (row->remove == GTK_WIDGET (button))
        {
          gtk_box_remove (self->dimensions_box, row->box);
          g_ptr_array_remove_index (self->rows, i);
          break;
        }
    }
  defaults_changed_cb (self);
}

static GtkWidget *
entry_new (const char *text,
           const char *placeholder,
           const char *accessible_label)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return entry;
}

/**
 * sb_variant_matrix_dialog_add_dimension:
 * @name: (nullable): the option's name
 * @values: (nullable): its values, separated by commas
 *
 * Adds a row for one option dimension.
 */
void
sb_variant_matrix_dialog_add_dimension (SbVariantMatrixDialog *self,
                                        const char            *name,
                                        const char            *values)
{
  DimensionRow *row;
  GtkWidget *top;

  g_return_if_fail (SB_IS_VARIANT_MATRIX_DIALOG (self));

  row = g_new0 (DimensionRow, 1);
  row->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (row->box, "card");
  gtk_widget_add_css_class (row->box, "variant-dimension");
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* Translators: placeholder of an option name; "size" is an example. */
  row->name = entry_new (name, _("Option, e.g. size"), _("Option name"));
  gtk_editable_set_width_chars (GTK_EDITABLE (row->name), 10);
  /* Translators: placeholder of the values of an option. */
  row->values = entry_new (values, _("Values, e.g. S, M, L"), _("Option values"));
  row->remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_tooltip_text (row->remove, _("Remove this option"));
  gtk_widget_add_css_class (row->remove, "flat");
  gtk_widget_set_valign (row->remove, GTK_ALIGN_CENTER);
  row->chips = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (row->chips), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (row->chips), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (row->chips), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (row->chips), 4);
  gtk_widget_set_can_focus (row->chips, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->chips),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Values as read"), -1);

  gtk_box_append (GTK_BOX (top), row->name);
  gtk_box_append (GTK_BOX (top), row->remove);
  gtk_box_append (GTK_BOX (row->box), top);
  gtk_box_append (GTK_BOX (row->box), row->values);
  gtk_box_append (GTK_BOX (row->box), row->chips);
  gtk_box_append (self->dimensions_box, row->box);
  g_signal_connect_object (row->name, "changed", G_CALLBACK (dimension_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row->values, "changed", G_CALLBACK (dimension_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (row->remove, "clicked", G_CALLBACK (remove_dimension_cb), self);
  g_ptr_array_add (self->rows, row);
  update_chips (row);
  defaults_changed_cb (self);
}

static void
add_dimension_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SbVariantMatrixDialog *self = SB_VARIANT_MATRIX_DIALOG (widget);
  DimensionRow *row;

  sb_variant_matrix_dialog_add_dimension (self, NULL, NULL);
  row = g_ptr_array_index (self->rows, self->rows->len - 1);
  gtk_widget_grab_focus (row->name);
}

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  sb_variant_matrix_dialog_generate (SB_VARIANT_MATRIX_DIALOG (widget));
}

static void
sb_variant_matrix_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_VARIANT_MATRIX_DIALOG);

  G_OBJECT_CLASS (sb_variant_matrix_dialog_parent_class)->dispose (object);
}

static void
sb_variant_matrix_dialog_finalize (GObject *object)
{
  SbVariantMatrixDialog *self = SB_VARIANT_MATRIX_DIALOG (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->existing, g_ptr_array_unref);
  g_free (self->offer_id);
  g_free (self->currency);

  G_OBJECT_CLASS (sb_variant_matrix_dialog_parent_class)->finalize (object);
}

static void
sb_variant_matrix_dialog_class_init (SbVariantMatrixDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_variant_matrix_dialog_dispose;
  object_class->finalize = sb_variant_matrix_dialog_finalize;

  /**
   * SbVariantMatrixDialog::generated:
   * @variants: (element-type SbVariant): every variant of the product,
   *   kept and new, in order
   */
  signals[SIGNAL_GENERATED] =
    g_signal_new ("generated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-variant-matrix-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SbVariantMatrixDialog, generate_button);
  gtk_widget_class_bind_template_child (widget_class, SbVariantMatrixDialog, dimensions_box);
  gtk_widget_class_bind_template_child (widget_class, SbVariantMatrixDialog, price_row);
  gtk_widget_class_bind_template_child (widget_class, SbVariantMatrixDialog, stock_row);
  gtk_widget_class_bind_template_child (widget_class, SbVariantMatrixDialog, count_label);
  gtk_widget_class_bind_template_child (widget_class, SbVariantMatrixDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, defaults_changed_cb);

  gtk_widget_class_install_action (widget_class, "matrix.add-dimension", NULL, add_dimension_action);
  gtk_widget_class_install_action (widget_class, "matrix.generate", NULL, generate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "matrix.generate", NULL);
}

static void
sb_variant_matrix_dialog_init (SbVariantMatrixDialog *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sb_variant_matrix_dialog_new:
 * @parent: (nullable): the product editor
 * @offer_id: the product's offer id, for suggested SKUs
 * @currency: the home currency of prices
 * @existing: (element-type SbVariant) (nullable): the product's variants
 *   as the editor has them; their options fill the dialog
 * @option_names: (array zero-terminated=1) (nullable): the option names
 *   the product's category expects (its `variant_options`), offered as
 *   empty rows when @existing has no options
 *
 * Returns: (transfer none): the dialog, not yet presented
 */
SbVariantMatrixDialog *
sb_variant_matrix_dialog_new (GtkWindow          *parent,
                              const char         *offer_id,
                              const char         *currency,
                              GPtrArray          *existing,
                              const char * const *option_names)
{
  SbVariantMatrixDialog *self;
  g_autoptr(SbVariantMatrix) matrix = NULL;
  g_autofree char *price_title = NULL;

  g_return_val_if_fail (currency != NULL, NULL);

  self = g_object_new (SB_TYPE_VARIANT_MATRIX_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->offer_id = g_strdup (offer_id);
  self->currency = g_strdup (currency);
  self->existing = existing != NULL ? g_ptr_array_ref (existing)
                                    : g_ptr_array_new_with_free_func ((GDestroyNotify) sb_variant_free);
  /* Translators: %s is a currency code; the price new variants start with. */
  price_title = g_strdup_printf (_("_Price, %s (optional)"), currency);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->price_row), price_title);

  matrix = sb_variant_matrix_new_from_variants (self->existing);
  for (guint d = 0; d < sb_variant_matrix_get_n_dimensions (matrix); d++)
    {
      g_autofree char *values = g_strjoinv (", ", (GStrv) sb_variant_matrix_get_values (matrix, d));

      sb_variant_matrix_dialog_add_dimension (self, sb_variant_matrix_get_name (matrix, d), values);
    }
  for (guint i = 0; sb_variant_matrix_get_n_dimensions (matrix) == 0 &&
                   option_names != NULL && option_names[i] != NULL; i++)
    sb_variant_matrix_dialog_add_dimension (self, option_names[i], NULL);
  if (self->rows->len == 0)
    sb_variant_matrix_dialog_add_dimension (self, NULL, NULL);
  defaults_changed_cb (self);
  return self;
}

/**
 * sb_variant_matrix_dialog_set_defaults:
 * @price: (nullable): the price new variants start with, a plain decimal
 * @stock: (nullable): their stock
 */
void
sb_variant_matrix_dialog_set_defaults (SbVariantMatrixDialog *self,
                                       const char            *price,
                                       const char            *stock)
{
  g_return_if_fail (SB_IS_VARIANT_MATRIX_DIALOG (self));

  if (price != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->price_row), price);
  if (stock != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->stock_row), stock);
}

guint
sb_variant_matrix_dialog_get_n_dimensions (SbVariantMatrixDialog *self)
{
  g_return_val_if_fail (SB_IS_VARIANT_MATRIX_DIALOG (self), 0);
  return self->rows->len;
}

/**
 * sb_variant_matrix_dialog_get_count:
 *
 * Returns: the number of combinations the rows make
 */
guint64
sb_variant_matrix_dialog_get_count (SbVariantMatrixDialog *self)
{
  g_return_val_if_fail (SB_IS_VARIANT_MATRIX_DIALOG (self), 0);
  return self->count;
}

/**
 * sb_variant_matrix_dialog_get_n_new:
 *
 * Returns: how many variants generating would add
 */
guint
sb_variant_matrix_dialog_get_n_new (SbVariantMatrixDialog *self)
{
  g_return_val_if_fail (SB_IS_VARIANT_MATRIX_DIALOG (self), 0);
  return self->n_new;
}

/**
 * sb_variant_matrix_dialog_get_message:
 *
 * Returns: (nullable): the problem shown, if any
 */
const char *
sb_variant_matrix_dialog_get_message (SbVariantMatrixDialog *self)
{
  g_return_val_if_fail (SB_IS_VARIANT_MATRIX_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->message_label)) ? gtk_label_get_text (self->message_label) : NULL;
}

gboolean
sb_variant_matrix_dialog_can_generate (SbVariantMatrixDialog *self)
{
  g_return_val_if_fail (SB_IS_VARIANT_MATRIX_DIALOG (self), FALSE);
  return self->valid;
}

/**
 * sb_variant_matrix_dialog_generate:
 *
 * Emits SbVariantMatrixDialog::generated with the merged variants and
 * closes, or leaves the problem shown.
 *
 * Returns: %TRUE when variants were generated
 */
gboolean
sb_variant_matrix_dialog_generate (SbVariantMatrixDialog *self)
{
  g_autoptr(GPtrArray) variants = NULL;

  g_return_val_if_fail (SB_IS_VARIANT_MATRIX_DIALOG (self), FALSE);

  variants = update (self);
  if (variants == NULL)
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_GENERATED], 0, variants);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
