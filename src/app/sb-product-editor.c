/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-product-editor.c: the product editor.  It loads the product on a
 * worker thread, shows titles and descriptions in English and in the
 * seller's language with live character counts against the marketplace's
 * limits, the variants (SKU, options, price in the home currency, stock,
 * barcode — each checked as the seller types, and generated from option
 * dimensions by the variant matrix dialog), the package and the dangerous-goods answers, and saves on a
 * worker thread with its own store connection (which queues the product
 * for sync).  Problems are shown at their fields, whether the editor
 * found them (a price it cannot read) or the marketplace did (422 field
 * paths such as "variants[1].price.amount").
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-category.h"
#include "sb-category-chooser.h"
#include "sb-currency.h"
#include "sb-format.h"
#include "sb-image-strip.h"
#include "sb-pricing-panel.h"
#include "sb-product-editor.h"
#include "sb-product-validate.h"
#include "sb-shipping-panel.h"
#include "sb-variant-matrix.h"
#include "sb-variant-matrix-dialog.h"

#define TITLE_MAX        128
#define DESCRIPTION_MAX  5000

typedef struct
{
  char            *id;
  SbAttributeType  type;
  GtkWidget       *row;
  GStrv            value_ids;   /* enum: parallel to the combo's items */
} AttributeRow;

static void
attribute_row_free (gpointer data)
{
  AttributeRow *row = data;

  g_free (row->id);
  g_strfreev (row->value_ids);
  g_free (row);
}

typedef struct
{
  GtkWidget  *sku;
  GtkWidget  *options;
  GtkWidget  *price;
  GtkWidget  *stock;
  GtkWidget  *barcode;
  GtkWidget  *remove;
} VariantRow;

struct _SbProductEditor
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkWidget       *save_button;
  GtkLabel        *general_error_label;
  AdwEntryRow     *offer_id_row;
  GtkLabel        *offer_id_error;
  AdwActionRow    *category_row;
  AdwPreferencesGroup *attributes_group;
  SbPricingPanel  *pricing_panel;
  SbShippingPanel *shipping_panel;
  GtkLabel        *category_error;
  AdwEntryRow     *title_en_row;
  GtkLabel        *title_en_count;
  GtkLabel        *title_en_error;
  AdwEntryRow     *title_local_row;
  GtkLabel        *title_local_count;
  GtkLabel        *title_local_error;
  GtkTextView     *description_en_view;
  GtkLabel        *description_en_count;
  GtkLabel        *description_en_error;
  GtkLabel        *description_local_label;
  GtkTextView     *description_local_view;
  GtkLabel        *description_local_count;
  GtkLabel        *description_local_error;
  SbImageStrip    *image_strip;
  GtkGrid         *variants_grid;
  GtkLabel        *variants_error;
  GtkSpinButton   *weight_spin;
  GtkSpinButton   *length_spin;
  GtkSpinButton   *width_spin;
  GtkSpinButton   *height_spin;
  GtkLabel        *package_error;
  AdwEntryRow     *hs_code_row;
  GtkLabel        *hs_code_error;
  AdwComboRow     *batteries_row;
  GtkSwitch       *liquids_switch;

  /* Owned references */
  SbStore         *store;
  SbProduct       *product;       /* as loaded; keeps images, attributes… */
  GPtrArray       *variant_rows;  /* (element-type VariantRow) */
  GCancellable    *cancellable;
  char            *offer_id;      /* (nullable) NULL for a new product */
  char            *currency;
  char            *category_id;   /* (nullable) */
  SbCategoryTree  *categories;    /* (nullable) cached, interface language */
  SbCategoryTree  *categories_en; /* (nullable) cached English, the chooser's fallback names */
  GPtrArray       *carriers;      /* (nullable) (element-type SbCarrier) */
  SbRates         *rates;         /* (nullable) */
  GPtrArray       *attribute_rows; /* (element-type AttributeRow) */

  SbLang           local_lang;
  gboolean         busy;
  guint            problems;      /* marketplace rules broken at the last save */
};

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SbProductEditor, sb_product_editor, ADW_TYPE_WINDOW)

static void
set_busy (SbProductEditor *self,
          gboolean         busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_count (GtkLabel   *label,
           const char *text,
           guint       limit)
{
  glong n = text != NULL ? g_utf8_strlen (text, -1) : 0;
  g_autofree char *str = NULL;

  /* Translators: characters used of the limit, e.g. "12 / 128". */
  str = g_strdup_printf (_("%ld / %u"), n, limit);
  gtk_label_set_text (label, str);
  if (n > (glong) limit)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }
}

static void
update_counts (SbProductEditor *self)
{
  g_autofree char *description_en = text_view_get_text (self->description_en_view);
  g_autofree char *description_local = text_view_get_text (self->description_local_view);

  set_count (self->title_en_count, gtk_editable_get_text (GTK_EDITABLE (self->title_en_row)), TITLE_MAX);
  set_count (self->title_local_count, gtk_editable_get_text (GTK_EDITABLE (self->title_local_row)), TITLE_MAX);
  set_count (self->description_en_count, description_en, DESCRIPTION_MAX);
  set_count (self->description_local_count, description_local, DESCRIPTION_MAX);
}

static void
field_changed_cb (SbProductEditor *self,
                  GtkWidget       *row)
{
  gtk_widget_remove_css_class (row, "error");
  update_counts (self);
}

static void
description_changed_cb (SbProductEditor *self)
{
  update_counts (self);
}

/* Variants */

static void update_pricing (SbProductEditor *self);

static char *
format_options (GHashTable *options)
{
  g_autoptr(GList) keys = NULL;
  GString *str = g_string_new (NULL);

  if (options == NULL)
    return g_string_free (str, FALSE);
  keys = g_list_sort (g_hash_table_get_keys (options), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      if (str->len > 0)
        g_string_append (str, ", ");
      g_string_append_printf (str, "%s: %s", (const char *) l->data,
                              (const char *) g_hash_table_lookup (options, l->data));
    }
  return g_string_free (str, FALSE);
}

/* "color: white, size: M" → option table; FALSE when a part has no colon. */
static gboolean
parse_options (const char *text,
               SbVariant  *variant)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      char *colon;

      if (part[0] == '\0')
        continue;
      colon = strchr (part, ':');
      if (colon == NULL)
        return FALSE;
      *colon = '\0';
      g_strstrip (part);
      g_strstrip (colon + 1);
      if (part[0] == '\0' || colon[1] == '\0')
        return FALSE;
      sb_variant_set_option (variant, part, colon + 1);
    }
  return TRUE;
}

/* Shows @message (or no problem) at a variant field. */
static void
mark_variant_field (GtkWidget  *field,
                    const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_set_tooltip_text (field, message);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_widget_set_tooltip_text (field, NULL);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
note_variant_problem (GString    *summary,
                      guint       index,
                      GtkWidget  *field,
                      const char *message)
{
  mark_variant_field (field, message);
  if (message == NULL)
    return;
  if (summary->len > 0)
    g_string_append_c (summary, '\n');
  /* Translators: %u is the row number in the variant table, %s the problem. */
  g_string_append_printf (summary, _("Variant %u: %s"), index + 1, message);
}

static char *
dup_duplicate_sku_message (const char *sku,
                           guint       other)
{
  /* Translators: %s is a SKU, %u the row number of the variant that has it. */
  return g_strdup_printf (_("Variant %u already uses the SKU “%s”; each variant needs its own."),
                          other + 1, sku);
}

/* Checks every variant row as the seller types: SKU (format and unique
 * within the product), price, stock and barcode.  An empty field is left
 * alone here; saving asks for what is required. */
static void
validate_variant_rows (SbProductEditor *self)
{
  g_autoptr(GHashTable) skus = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint i = 0; i < self->variant_rows->len; i++)
    {
      VariantRow *row = g_ptr_array_index (self->variant_rows, i);
      g_autofree char *sku = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->sku))));
      g_autofree char *price = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->price))));
      const char *stock = gtk_editable_get_text (GTK_EDITABLE (row->stock));
      const char *barcode = gtk_editable_get_text (GTK_EDITABLE (row->barcode));
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      g_autofree char *normalized = NULL;
      gpointer other;
      gint64 value;

      if (sku[0] != '\0' && !sb_variant_check_sku (sku, &error))
        message = g_strdup (error->message);
      else if (sku[0] != '\0' && g_hash_table_lookup_extended (skus, sku, NULL, &other))
        message = dup_duplicate_sku_message (sku, GPOINTER_TO_UINT (other));
      else if (sku[0] != '\0')
        g_hash_table_insert (skus, g_strdup (sku), GUINT_TO_POINTER (i));
      note_variant_problem (summary, i, row->sku, message);
      g_clear_pointer (&message, g_free);
      g_clear_error (&error);

      if (price[0] != '\0' &&
          !sb_variant_parse_price (price, self->currency, &value, &error))
        message = g_strdup (error->message);
      note_variant_problem (summary, i, row->price, message);
      g_clear_pointer (&message, g_free);
      g_clear_error (&error);

      if (stock[0] != '\0' && !sb_variant_parse_stock (stock, &value, &error))
        message = g_strdup (error->message);
      note_variant_problem (summary, i, row->stock, message);
      g_clear_pointer (&message, g_free);
      g_clear_error (&error);

      normalized = sb_variant_check_barcode (barcode, &error);
      if (normalized == NULL)
        message = g_strdup (error->message);
      note_variant_problem (summary, i, row->barcode, message);
      g_clear_pointer (&message, g_free);
    }
  gtk_label_set_text (self->variants_error, summary->str);
  gtk_widget_set_visible (GTK_WIDGET (self->variants_error), summary->len > 0);
}

static void
variant_field_changed_cb (SbProductEditor *self)
{
  validate_variant_rows (self);
}

static void
remove_variant_cb (GtkButton       *button,
                   SbProductEditor *self)
{
  for (guint i = 0; i < self->variant_rows->len; i++)
    {
      VariantRow *row = g_ptr_array_index (self->variant_rows, i);

      if (row->remove == GTK_WIDGET (button))
        {
          gtk_grid_remove_row (self->variants_grid, i + 1);
          g_ptr_array_remove_index (self->variant_rows, i);
          update_pricing (self);
          validate_variant_rows (self);
          return;
        }
    }
}

static GtkWidget *
variant_entry (const char *text,
               const char *accessible_label,
               int         width_chars)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width_chars);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return entry;
}

/**
 * sb_product_editor_add_variant:
 * @variant: (nullable): values to start with
 *
 * Adds a row to the variant table.
 */
void
sb_product_editor_add_variant (SbProductEditor *self,
                               const SbVariant *variant)
{
  VariantRow *row = g_new0 (VariantRow, 1);
  g_autofree char *price = NULL;
  g_autofree char *options = NULL;
  int y = self->variant_rows->len + 1;

  g_return_if_fail (SB_IS_PRODUCT_EDITOR (self));

  /* A generated variant without a default price is left to fill in. */
  if (variant != NULL && variant->currency[0] != '\0' && variant->price_minor > 0)
    price = sb_currency_format_decimal (variant->price_minor, variant->currency);
  options = format_options (variant != NULL ? variant->options : NULL);

  row->sku = variant_entry (variant != NULL ? variant->sku : NULL, _("SKU"), 10);
  row->options = variant_entry (options, _("Options"), 12);
  gtk_entry_set_placeholder_text (GTK_ENTRY (row->options), _("size: M"));
  row->price = variant_entry (price, _("Price"), 7);
  g_signal_connect_object (row->price, "changed", G_CALLBACK (update_pricing), self, G_CONNECT_SWAPPED);
  gtk_entry_set_input_purpose (GTK_ENTRY (row->price), GTK_INPUT_PURPOSE_NUMBER);
  row->stock = gtk_spin_button_new_with_range (0, 999999, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row->stock), variant != NULL ? variant->stock : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->stock),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stock"), -1);
  row->barcode = variant_entry (variant != NULL ? variant->barcode : NULL, _("Barcode"), 13);
  gtk_entry_set_input_purpose (GTK_ENTRY (row->barcode), GTK_INPUT_PURPOSE_DIGITS);
  row->remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_tooltip_text (row->remove, _("Remove this variant"));
  gtk_widget_add_css_class (row->remove, "flat");
  g_signal_connect (row->remove, "clicked", G_CALLBACK (remove_variant_cb), self);

  gtk_grid_attach (self->variants_grid, row->sku, 0, y, 1, 1);
  gtk_grid_attach (self->variants_grid, row->options, 1, y, 1, 1);
  gtk_grid_attach (self->variants_grid, row->price, 2, y, 1, 1);
  gtk_grid_attach (self->variants_grid, row->stock, 3, y, 1, 1);
  gtk_grid_attach (self->variants_grid, row->barcode, 4, y, 1, 1);
  gtk_grid_attach (self->variants_grid, row->remove, 5, y, 1, 1);
  g_ptr_array_add (self->variant_rows, row);
  g_signal_connect_object (row->sku, "changed", G_CALLBACK (variant_field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row->price, "changed", G_CALLBACK (variant_field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row->stock, "changed", G_CALLBACK (variant_field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row->barcode, "changed", G_CALLBACK (variant_field_changed_cb), self, G_CONNECT_SWAPPED);
  /* A stored or imported value that is wrong shows at once. */
  if (variant != NULL)
    validate_variant_rows (self);
}

guint
sb_product_editor_get_n_variants (SbProductEditor *self)
{
  g_return_val_if_fail (SB_IS_PRODUCT_EDITOR (self), 0);
  return self->variant_rows->len;
}

static void
add_variant_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbProductEditor *self = SB_PRODUCT_EDITOR (widget);
  VariantRow *row;

  sb_product_editor_add_variant (self, NULL);
  row = g_ptr_array_index (self->variant_rows, self->variant_rows->len - 1);
  gtk_widget_grab_focus (row->sku);
}

/* The rows as variants, reading what can be read: a price or stock that
 * is not a number yet counts as none. */
static GPtrArray *
dup_row_variants (SbProductEditor *self)
{
  GPtrArray *variants = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_variant_free);

  for (guint i = 0; i < self->variant_rows->len; i++)
    {
      VariantRow *row = g_ptr_array_index (self->variant_rows, i);
      SbVariant *variant = sb_variant_new ();
      g_autofree char *barcode = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->barcode))));

      variant->sku = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->sku))));
      parse_options (gtk_editable_get_text (GTK_EDITABLE (row->options)), variant);
      memcpy (variant->currency, self->currency, sizeof variant->currency);
      if (!sb_variant_parse_price (gtk_editable_get_text (GTK_EDITABLE (row->price)), self->currency,
                                   &variant->price_minor, NULL))
        variant->price_minor = 0;
      if (!sb_variant_parse_stock (gtk_editable_get_text (GTK_EDITABLE (row->stock)), &variant->stock, NULL))
        variant->stock = 0;
      variant->barcode = barcode[0] != '\0' ? g_steal_pointer (&barcode) : NULL;
      g_ptr_array_add (variants, variant);
    }
  return variants;
}

typedef struct
{
  char *price;
  char *stock;
  char *barcode;
} RowText;

static void
row_text_free (gpointer data)
{
  RowText *text = data;

  g_free (text->price);
  g_free (text->stock);
  g_free (text->barcode);
  g_free (text);
}

static void
matrix_generated_cb (SbProductEditor       *self,
                     GPtrArray             *variants,
                     SbVariantMatrixDialog *dialog)
{
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, row_text_free);
  g_autofree char *message = NULL;
  guint n_new;

  /* What the seller typed in kept rows stays exactly as typed, even
   * where it cannot be read yet. */
  for (guint i = 0; i < self->variant_rows->len; i++)
    {
      VariantRow *row = g_ptr_array_index (self->variant_rows, i);
      g_autofree char *sku = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->sku))));
      RowText *text;

      if (sku[0] == '\0' || g_hash_table_contains (texts, sku))
        continue;
      text = g_new0 (RowText, 1);
      text->price = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->price)));
      text->stock = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->stock)));
      text->barcode = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->barcode)));
      g_hash_table_insert (texts, g_steal_pointer (&sku), text);
    }

  for (guint i = self->variant_rows->len; i > 0; i--)
    gtk_grid_remove_row (self->variants_grid, i);
  g_ptr_array_set_size (self->variant_rows, 0);
  for (guint i = 0; i < variants->len; i++)
    {
      const SbVariant *variant = g_ptr_array_index (variants, i);
      RowText *text = variant->sku != NULL ? g_hash_table_lookup (texts, variant->sku) : NULL;
      VariantRow *row;

      sb_product_editor_add_variant (self, variant);
      row = g_ptr_array_index (self->variant_rows, self->variant_rows->len - 1);
      if (text != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (row->price), text->price);
          gtk_editable_set_text (GTK_EDITABLE (row->stock), text->stock);
          gtk_editable_set_text (GTK_EDITABLE (row->barcode), text->barcode);
        }
    }
  update_pricing (self);
  validate_variant_rows (self);

  n_new = sb_variant_matrix_dialog_get_n_new (dialog);
  if (n_new == 0)
    message = g_strdup (_("Every combination already has a variant"));
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u variant added", "%u variants added", n_new),
                               n_new);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/**
 * sb_product_editor_open_variant_matrix:
 *
 * Opens the variant matrix dialog over the editor, filled with the
 * options the rows already use, or else with the option names the
 * category expects.  Generating replaces the rows with the merged
 * variants.
 *
 * Returns: (transfer none): the dialog, presented
 */
GtkWindow *
sb_product_editor_open_variant_matrix (SbProductEditor *self)
{
  g_autoptr(GPtrArray) variants = NULL;
  const SbCategory *category = NULL;
  SbVariantMatrixDialog *dialog;

  g_return_val_if_fail (SB_IS_PRODUCT_EDITOR (self), NULL);

  variants = dup_row_variants (self);
  if (self->categories != NULL && self->category_id != NULL)
    category = sb_category_tree_lookup (self->categories, self->category_id);
  dialog = sb_variant_matrix_dialog_new (GTK_WINDOW (self),
                                         gtk_editable_get_text (GTK_EDITABLE (self->offer_id_row)),
                                         self->currency, variants,
                                         category != NULL ? (const char * const *) category->variant_options : NULL);
  g_signal_connect_object (dialog, "generated", G_CALLBACK (matrix_generated_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
generate_variants_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  sb_product_editor_open_variant_matrix (SB_PRODUCT_EDITOR (widget));
}

static void
add_variant_header (SbProductEditor *self)
{
  g_autofree char *price = NULL;
  const char *titles[5];

  /* Translators: column of the variant table; %s is a currency code. */
  price = g_strdup_printf (_("Price, %s"), self->currency);
  titles[0] = _("SKU");
  titles[1] = _("Options");
  titles[2] = price;
  titles[3] = _("Stock");
  titles[4] = _("Barcode");
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkWidget *label = gtk_label_new (titles[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->variants_grid, label, i, 0, 1, 1);
    }
}

/* Category, attributes, pricing and shipping */

static const char *
origin (SbProductEditor *self)
{
  return self->local_lang == SB_LANG_RU ? "RU" : "KR";
}

static void
current_parcel (SbProductEditor *self,
                SbParcel        *parcel)
{
  memset (parcel, 0, sizeof *parcel);
  parcel->weight_g = gtk_spin_button_get_value_as_int (self->weight_spin);
  parcel->length_mm = gtk_spin_button_get_value_as_int (self->length_spin);
  parcel->width_mm = gtk_spin_button_get_value_as_int (self->width_spin);
  parcel->height_mm = gtk_spin_button_get_value_as_int (self->height_spin);
  parcel->batteries = (SbBatteries) adw_combo_row_get_selected (self->batteries_row);
  if (parcel->batteries > SB_BATTERIES_STANDALONE)
    parcel->batteries = SB_BATTERIES_NONE;
  parcel->liquids = gtk_switch_get_active (self->liquids_switch);
}

static void
update_pricing (SbProductEditor *self)
{
  g_autoptr(GPtrArray) chosen = NULL;
  SbParcel parcel;
  SbMoney price;
  gboolean has_price = FALSE;

  if (self->pricing_panel == NULL || self->shipping_panel == NULL)
    return;
  if (self->variant_rows != NULL && self->variant_rows->len > 0)
    {
      VariantRow *row = g_ptr_array_index (self->variant_rows, 0);

      sb_money_init (&price, 0, self->currency);
      has_price = sb_currency_parse_decimal (gtk_editable_get_text (GTK_EDITABLE (row->price)),
                                             self->currency, &price.minor, NULL) &&
                  price.minor > 0;
    }
  current_parcel (self, &parcel);
  chosen = sb_shipping_panel_dup_chosen (self->shipping_panel);
  sb_pricing_panel_set_shipping (self->pricing_panel, sb_shipping_panel_get_carriers (self->shipping_panel),
                                 &parcel, chosen);
  sb_pricing_panel_set_price (self->pricing_panel, has_price ? &price : NULL);
}

static void
parcel_changed_cb (SbProductEditor *self)
{
  SbParcel parcel;

  if (self->shipping_panel == NULL)
    return;
  current_parcel (self, &parcel);
  sb_shipping_panel_set_parcel (self->shipping_panel, &parcel);
  update_pricing (self);
}

static char *
category_path (SbProductEditor *self,
               const char      *id)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *path = g_string_new (NULL);
  const SbCategory *category = sb_category_tree_lookup (self->categories, id);

  for (guint depth = 0; category != NULL && depth < 16; depth++)
    {
      g_ptr_array_insert (names, 0, category->name);
      category = category->parent_id != NULL ? sb_category_tree_lookup (self->categories, category->parent_id) : NULL;
    }
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (path, " › ");
      g_string_append (path, g_ptr_array_index (names, i));
    }
  return g_string_free (path, FALSE);
}

static void
clear_attribute_rows (SbProductEditor *self)
{
  for (guint i = 0; i < self->attribute_rows->len; i++)
    adw_preferences_group_remove (self->attributes_group,
                                  ((AttributeRow *) g_ptr_array_index (self->attribute_rows, i))->row);
  g_ptr_array_set_size (self->attribute_rows, 0);
}

static void
show_attributes (SbProductEditor *self,
                 GHashTable      *values)
{
  const SbCategory *category = NULL;

  clear_attribute_rows (self);
  if (self->categories != NULL && self->category_id != NULL)
    category = sb_category_tree_lookup (self->categories, self->category_id);
  gtk_widget_set_visible (GTK_WIDGET (self->attributes_group),
                          category != NULL && category->attributes->len > 0);
  if (category == NULL)
    return;

  for (guint i = 0; i < category->attributes->len; i++)
    {
      const SbAttribute *attribute = g_ptr_array_index (category->attributes, i);
      AttributeRow *row = g_new0 (AttributeRow, 1);
      const char *value = values != NULL ? g_hash_table_lookup (values, attribute->id) : NULL;
      g_autofree char *title = NULL;

      /* Translators: a required field's name, marked for the seller. */
      title = attribute->required ? g_strdup_printf (_("%s *"), attribute->name) : g_strdup (attribute->name);
      row->id = g_strdup (attribute->id);
      row->type = attribute->type;
      if (attribute->type == SB_ATTRIBUTE_ENUM)
        {
          g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
          guint selected = GTK_INVALID_LIST_POSITION;

          row->value_ids = g_new0 (char *, attribute->values->len + 2);
          /* Translators: the choice of an optional list attribute left empty. */
          gtk_string_list_append (names, attribute->required ? _("Choose…") : _("Not set"));
          row->value_ids[0] = g_strdup ("");
          for (guint v = 0; v < attribute->values->len; v++)
            {
              const SbAttributeValue *av = g_ptr_array_index (attribute->values, v);

              gtk_string_list_append (names, av->name);
              row->value_ids[v + 1] = g_strdup (av->id);
              if (g_strcmp0 (value, av->id) == 0)
                selected = v + 1;
            }
          row->row = adw_combo_row_new ();
          adw_combo_row_set_model (ADW_COMBO_ROW (row->row), G_LIST_MODEL (names));
          adw_combo_row_set_selected (ADW_COMBO_ROW (row->row), selected != GTK_INVALID_LIST_POSITION ? selected : 0);
        }
      else
        {
          row->row = adw_entry_row_new ();
          gtk_editable_set_text (GTK_EDITABLE (row->row), value != NULL ? value : "");
          if (attribute->type == SB_ATTRIBUTE_NUMBER)
            {
              adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row->row), GTK_INPUT_PURPOSE_NUMBER);
              if (attribute->unit != NULL)
                {
                  GtkWidget *unit = gtk_label_new (attribute->unit);

                  gtk_widget_add_css_class (unit, "dim-label");
                  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row->row), unit);
                }
            }
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
      adw_preferences_group_add (self->attributes_group, row->row);
      g_ptr_array_add (self->attribute_rows, row);
    }
}

static GHashTable *
dup_attribute_values (SbProductEditor *self)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < self->attribute_rows->len; i++)
    {
      AttributeRow *row = g_ptr_array_index (self->attribute_rows, i);
      const char *value;

      if (row->type == SB_ATTRIBUTE_ENUM)
        {
          guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row->row));

          value = selected != GTK_INVALID_LIST_POSITION && selected < g_strv_length (row->value_ids)
                  ? row->value_ids[selected] : "";
        }
      else
        value = gtk_editable_get_text (GTK_EDITABLE (row->row));
      if (value != NULL && value[0] != '\0')
        g_hash_table_insert (values, g_strdup (row->id), g_strstrip (g_strdup (value)));
    }
  return values;
}

/**
 * sb_product_editor_set_category:
 *
 * Places the product in category @id and shows that category's
 * attributes, keeping values already entered for attributes of the same
 * id.
 */
void
sb_product_editor_set_category (SbProductEditor *self,
                                const char      *id)
{
  g_autoptr(GHashTable) values = NULL;
  const SbCategory *category = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (SB_IS_PRODUCT_EDITOR (self));

  values = dup_attribute_values (self);
  if (self->product != NULL && self->product->attributes != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->product->attributes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_hash_table_contains (values, key))
          g_hash_table_insert (values, g_strdup (key), g_strdup (value));
    }
  g_free (self->category_id);
  self->category_id = g_strdup (id);
  gtk_widget_remove_css_class (GTK_WIDGET (self->category_row), "error");

  if (self->categories != NULL && id != NULL)
    category = sb_category_tree_lookup (self->categories, id);
  if (category != NULL)
    path = category_path (self, id);
  else if (id != NULL)
    /* Translators: %s is a category id not found in the downloaded list. */
    path = g_strdup_printf (_("Category %s"), id);
  else if (self->categories == NULL)
    path = g_strdup (_("Categories are not downloaded yet: sync once while online."));
  else
    path = g_strdup (_("Not chosen"));
  adw_action_row_set_subtitle (self->category_row, path);
  show_attributes (self, values);
  sb_pricing_panel_set_commission (self->pricing_panel, category != NULL ? category->commission_rate : NULL);
}

/* The category chooser (sb-category-chooser.c) hands back a leaf's id. */

static void
category_chosen_cb (SbProductEditor *self,
                    const char      *id)
{
  sb_product_editor_set_category (self, id);
  gtk_widget_grab_focus (GTK_WIDGET (self->category_row));
}

/**
 * sb_product_editor_open_category_chooser:
 *
 * Returns: (transfer none) (nullable): the chooser window
 *   (an #SbCategoryChooser), presented; %NULL when no categories are cached
 */
GtkWindow *
sb_product_editor_open_category_chooser (SbProductEditor *self)
{
  SbCategoryChooser *chooser;

  g_return_val_if_fail (SB_IS_PRODUCT_EDITOR (self), NULL);

  if (self->categories == NULL && self->categories_en == NULL)
    return NULL;
  chooser = sb_category_chooser_new (GTK_WINDOW (self), self->categories, self->categories_en);
  g_signal_connect_object (chooser, "category-chosen", G_CALLBACK (category_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (chooser));
  return GTK_WINDOW (chooser);
}

static void
category_activated_cb (SbProductEditor *self)
{
  if (sb_product_editor_open_category_chooser (self) == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("Categories are not downloaded yet: sync once while online.")));
}

/* Field errors */

static void
show_error (GtkLabel   *label,
            GtkWidget  *field,
            const char *message)
{
  const char *old = gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : NULL;
  g_autofree char *text = NULL;

  text = old != NULL && old[0] != '\0' ? g_strdup_printf ("%s\n%s", old, message) : g_strdup (message);
  gtk_label_set_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  if (field != NULL)
    gtk_widget_add_css_class (field, "error");
}

static void
clear_errors (SbProductEditor *self)
{
  GtkLabel *labels[] = {
    self->general_error_label, self->offer_id_error, self->category_error,
    self->title_en_error, self->title_local_error, self->description_en_error,
    self->description_local_error, self->variants_error, self->package_error,
    self->hs_code_error,
  };
  GtkWidget *fields[] = {
    GTK_WIDGET (self->offer_id_row), GTK_WIDGET (self->category_row),
    GTK_WIDGET (self->title_en_row), GTK_WIDGET (self->title_local_row),
    GTK_WIDGET (self->hs_code_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gtk_label_set_text (labels[i], "");
      gtk_widget_set_visible (GTK_WIDGET (labels[i]), FALSE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_widget_remove_css_class (fields[i], "error");
  sb_image_strip_clear_errors (self->image_strip);
  for (guint i = 0; i < self->variant_rows->len; i++)
    {
      VariantRow *row = g_ptr_array_index (self->variant_rows, i);

      gtk_widget_remove_css_class (row->sku, "error");
      gtk_widget_remove_css_class (row->options, "error");
      gtk_widget_remove_css_class (row->price, "error");
      gtk_widget_remove_css_class (row->stock, "error");
      gtk_widget_remove_css_class (row->barcode, "error");
    }
}

static void
show_field_error (SbProductEditor *self,
                  const SbReason  *reason)
{
  const char *path = reason->path != NULL ? reason->path : "";
  const char *message = reason->message != NULL ? reason->message : reason->code;
  const char *local = sb_lang_to_code (self->local_lang);
  guint index;
  char *end;

  if (g_str_equal (path, "offer_id"))
    show_error (self->offer_id_error, GTK_WIDGET (self->offer_id_row), message);
  else if (g_str_equal (path, "category_id") || g_str_has_prefix (path, "attributes"))
    show_error (self->category_error, GTK_WIDGET (self->category_row), message);
  else if (g_str_equal (path, "title.en") || g_str_equal (path, "title"))
    show_error (self->title_en_error, GTK_WIDGET (self->title_en_row), message);
  else if (g_str_has_prefix (path, "title."))
    {
      if (g_str_equal (path + strlen ("title."), local))
        show_error (self->title_local_error, GTK_WIDGET (self->title_local_row), message);
      else
        show_error (self->general_error_label, NULL, message);
    }
  else if (g_str_equal (path, "description.en") || g_str_equal (path, "description"))
    show_error (self->description_en_error, NULL, message);
  else if (g_str_has_prefix (path, "description."))
    show_error (self->description_local_error, NULL, message);
  else if (g_str_has_prefix (path, "package"))
    show_error (self->package_error, NULL, message);
  else if (g_str_equal (path, "hs_code"))
    show_error (self->hs_code_error, GTK_WIDGET (self->hs_code_row), message);
  else if (g_str_has_prefix (path, "variants[") &&
           (index = (guint) g_ascii_strtoull (path + strlen ("variants["), &end, 10), *end == ']'))
    {
      VariantRow *row = index < self->variant_rows->len ? g_ptr_array_index (self->variant_rows, index) : NULL;
      const char *field = end[1] == '.' ? end + 2 : "";
      GtkWidget *widget = NULL;
      g_autofree char *text = NULL;

      if (row != NULL)
        {
          if (g_str_has_prefix (field, "sku"))
            widget = row->sku;
          else if (g_str_has_prefix (field, "options"))
            widget = row->options;
          else if (g_str_has_prefix (field, "price"))
            widget = row->price;
          else if (g_str_has_prefix (field, "stock"))
            widget = row->stock;
          else if (g_str_has_prefix (field, "barcode"))
            widget = row->barcode;
        }
      /* Translators: %u is the row number in the variant table, %s the problem. */
      text = g_strdup_printf (_("Variant %u: %s"), index + 1, message);
      show_error (self->variants_error, widget, text);
      if (widget != NULL)
        gtk_widget_set_tooltip_text (widget, message);
    }
  else if (g_str_has_prefix (path, "variants"))
    show_error (self->variants_error, NULL, message);
  else if (g_str_has_prefix (path, "images[") &&
           (index = (guint) g_ascii_strtoull (path + strlen ("images["), &end, 10), *end == ']'))
    sb_image_strip_show_error (self->image_strip, (int) MIN (index, G_MAXINT), message);
  else if (g_str_has_prefix (path, "images"))
    sb_image_strip_show_error (self->image_strip, -1, message);
  else
    show_error (self->general_error_label, NULL, message);
}

/**
 * sb_product_editor_show_field_errors:
 * @field_errors: (element-type SbReason): problems with API field paths
 *
 * Shows each problem at its field, replacing those shown before.
 */
void
sb_product_editor_show_field_errors (SbProductEditor *self,
                                     GPtrArray       *field_errors)
{
  g_return_if_fail (SB_IS_PRODUCT_EDITOR (self));

  clear_errors (self);
  for (guint i = 0; field_errors != NULL && i < field_errors->len; i++)
    show_field_error (self, g_ptr_array_index (field_errors, i));
}

static void
add_error (GPtrArray  *errors,
           const char *path,
           const char *code,
           const char *message)
{
  g_ptr_array_add (errors, sb_reason_new (code, path, message));
}

/**
 * sb_product_editor_build_product:
 * @field_errors: (element-type SbReason): where to add what cannot be read
 *
 * Reads the form into a product: the loaded one (or a new one) with the
 * editor's fields replaced.  Only what the form itself can tell is
 * checked here — text that is not a number or a price, a missing English
 * title, counts over the limits; the marketplace's other rules come back
 * as field errors at sync.
 *
 * Returns: (transfer full) (nullable): the product, or %NULL when
 *   @field_errors got entries
 */
SbProduct *
sb_product_editor_build_product (SbProductEditor *self,
                                 GPtrArray       *field_errors)
{
  g_autoptr(SbProduct) product = NULL;
  g_autoptr(GHashTable) skus = NULL;
  g_autofree char *description_en = NULL;
  g_autofree char *description_local = NULL;
  const char *offer_id, *title_en, *title_local, *hs_code;
  guint n_errors;

  g_return_val_if_fail (SB_IS_PRODUCT_EDITOR (self), NULL);
  g_return_val_if_fail (field_errors != NULL, NULL);

  n_errors = field_errors->len;
  offer_id = gtk_editable_get_text (GTK_EDITABLE (self->offer_id_row));
  if (!sb_offer_id_is_valid (offer_id))
    add_error (field_errors, "offer_id", "invalid",
               _("Use 1 to 64 Latin letters, digits, dots, dashes or underscores."));

  product = self->product != NULL ? sb_product_copy (self->product) : sb_product_new (offer_id);
  g_free (product->offer_id);
  product->offer_id = g_strdup (offer_id);

  g_free (product->category_id);
  product->category_id = g_strdup (self->category_id);
  if (self->categories != NULL && self->category_id != NULL &&
      sb_category_tree_lookup (self->categories, self->category_id) != NULL)
    {
      /* The form shows exactly the category's attributes. */
      g_hash_table_unref (product->attributes);
      product->attributes = dup_attribute_values (self);
    }

  title_en = gtk_editable_get_text (GTK_EDITABLE (self->title_en_row));
  title_local = gtk_editable_get_text (GTK_EDITABLE (self->title_local_row));
  if (g_utf8_strlen (title_en, -1) == 0)
    add_error (field_errors, "title.en", "required",
               _("Enter a title in English: buyers search in English."));
  else if (g_utf8_strlen (title_en, -1) > TITLE_MAX)
    add_error (field_errors, "title.en", "too_long", _("Shorten the title to 128 characters."));
  if (g_utf8_strlen (title_local, -1) > TITLE_MAX)
    {
      g_autofree char *path = g_strdup_printf ("title.%s", sb_lang_to_code (self->local_lang));

      add_error (field_errors, path, "too_long", _("Shorten the title to 128 characters."));
    }
  sb_product_set_title (product, SB_LANG_EN, title_en[0] != '\0' ? title_en : NULL);
  sb_product_set_title (product, self->local_lang, title_local[0] != '\0' ? title_local : NULL);

  description_en = text_view_get_text (self->description_en_view);
  description_local = text_view_get_text (self->description_local_view);
  if (g_utf8_strlen (description_en, -1) > DESCRIPTION_MAX)
    add_error (field_errors, "description.en", "too_long", _("Shorten the description to 5000 characters."));
  if (g_utf8_strlen (description_local, -1) > DESCRIPTION_MAX)
    {
      g_autofree char *path = g_strdup_printf ("description.%s", sb_lang_to_code (self->local_lang));

      add_error (field_errors, path, "too_long", _("Shorten the description to 5000 characters."));
    }
  sb_product_set_description (product, SB_LANG_EN, description_en[0] != '\0' ? description_en : NULL);
  sb_product_set_description (product, self->local_lang,
                              description_local[0] != '\0' ? description_local : NULL);

  /* The images in the strip's order; ids kept for unchanged files. */
  g_ptr_array_unref (product->images);
  product->images = sb_image_strip_dup_images (self->image_strip);

  g_ptr_array_set_size (product->variants, 0);
  if (self->variant_rows->len == 0)
    add_error (field_errors, "variants", "required",
               _("Add at least one variant with its SKU, price and stock."));
  skus = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < self->variant_rows->len; i++)
    {
      VariantRow *row = g_ptr_array_index (self->variant_rows, i);
      g_autoptr(SbVariant) variant = sb_variant_new ();
      g_autoptr(GError) error = NULL;
      const char *price = gtk_editable_get_text (GTK_EDITABLE (row->price));
      g_autofree char *barcode = NULL;
      g_autofree char *path = NULL;
      gpointer other;

      variant->sku = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->sku))));
      path = g_strdup_printf ("variants[%u].sku", i);
      if (!sb_variant_check_sku (variant->sku, &error))
        add_error (field_errors, path, variant->sku[0] == '\0' ? "required" : "invalid", error->message);
      else if (g_hash_table_lookup_extended (skus, variant->sku, NULL, &other))
        {
          g_autofree char *message = dup_duplicate_sku_message (variant->sku, GPOINTER_TO_UINT (other));

          add_error (field_errors, path, "duplicate", message);
        }
      else
        g_hash_table_insert (skus, g_strdup (variant->sku), GUINT_TO_POINTER (i));
      g_clear_pointer (&path, g_free);
      g_clear_error (&error);
      if (!parse_options (gtk_editable_get_text (GTK_EDITABLE (row->options)), variant))
        {
          path = g_strdup_printf ("variants[%u].options", i);
          add_error (field_errors, path, "invalid",
                     _("Write options as “name: value”, separated by commas, e.g. “color: white, size: M”."));
          g_clear_pointer (&path, g_free);
        }
      memcpy (variant->currency, self->currency, sizeof variant->currency);
      if (!sb_variant_parse_price (price, self->currency, &variant->price_minor, &error))
        {
          path = g_strdup_printf ("variants[%u].price.amount", i);
          add_error (field_errors, path, "invalid", error->message);
          g_clear_pointer (&path, g_free);
          g_clear_error (&error);
        }
      /* The text as typed: a spin button would quietly clamp "-5" to 0. */
      if (!sb_variant_parse_stock (gtk_editable_get_text (GTK_EDITABLE (row->stock)), &variant->stock, &error))
        {
          path = g_strdup_printf ("variants[%u].stock", i);
          add_error (field_errors, path, "invalid", error->message);
          g_clear_pointer (&path, g_free);
          g_clear_error (&error);
        }
      barcode = sb_variant_check_barcode (gtk_editable_get_text (GTK_EDITABLE (row->barcode)), &error);
      if (barcode == NULL)
        {
          path = g_strdup_printf ("variants[%u].barcode", i);
          add_error (field_errors, path, "invalid", error->message);
          g_clear_pointer (&path, g_free);
        }
      variant->barcode = barcode != NULL && barcode[0] != '\0' ? g_steal_pointer (&barcode) : NULL;
      sb_product_add_variant (product, g_steal_pointer (&variant));
    }

  gtk_spin_button_update (self->weight_spin);
  gtk_spin_button_update (self->length_spin);
  gtk_spin_button_update (self->width_spin);
  gtk_spin_button_update (self->height_spin);
  product->weight_g = gtk_spin_button_get_value_as_int (self->weight_spin);
  product->length_mm = gtk_spin_button_get_value_as_int (self->length_spin);
  product->width_mm = gtk_spin_button_get_value_as_int (self->width_spin);
  product->height_mm = gtk_spin_button_get_value_as_int (self->height_spin);

  hs_code = gtk_editable_get_text (GTK_EDITABLE (self->hs_code_row));
  g_free (product->hs_code);
  product->hs_code = hs_code[0] != '\0' ? g_strdup (hs_code) : NULL;
  product->batteries = (SbBatteries) adw_combo_row_get_selected (self->batteries_row);
  product->liquids = gtk_switch_get_active (self->liquids_switch);

  if (sb_shipping_panel_get_carriers (self->shipping_panel) != NULL &&
      sb_shipping_panel_get_carriers (self->shipping_panel)->len > 0)
    {
      g_autoptr(GPtrArray) chosen = sb_shipping_panel_dup_chosen (self->shipping_panel);

      g_ptr_array_set_size (product->carrier_ids, 0);
      for (guint i = 0; i < chosen->len; i++)
        sb_product_add_carrier (product, g_ptr_array_index (chosen, i));
    }
  product->handling_days = sb_shipping_panel_get_handling_days (self->shipping_panel);

  if (field_errors->len > n_errors)
    return NULL;
  return g_steal_pointer (&product);
}

/* Loading and saving on a worker thread */

static void
fill_form (SbProductEditor *self)
{
  SbProduct *product = self->product;
  GtkTextBuffer *buffer;

  gtk_editable_set_text (GTK_EDITABLE (self->offer_id_row), product->offer_id);
  gtk_editable_set_text (GTK_EDITABLE (self->title_en_row),
                         product->title[SB_LANG_EN] != NULL ? product->title[SB_LANG_EN] : "");
  gtk_editable_set_text (GTK_EDITABLE (self->title_local_row),
                         product->title[self->local_lang] != NULL ? product->title[self->local_lang] : "");
  buffer = gtk_text_view_get_buffer (self->description_en_view);
  gtk_text_buffer_set_text (buffer, product->description[SB_LANG_EN] != NULL
                                    ? product->description[SB_LANG_EN] : "", -1);
  buffer = gtk_text_view_get_buffer (self->description_local_view);
  gtk_text_buffer_set_text (buffer, product->description[self->local_lang] != NULL
                                    ? product->description[self->local_lang] : "", -1);
  sb_image_strip_set_images (self->image_strip, product->images);
  for (guint i = 0; i < product->variants->len; i++)
    sb_product_editor_add_variant (self, g_ptr_array_index (product->variants, i));
  gtk_spin_button_set_value (self->weight_spin, product->weight_g);
  gtk_spin_button_set_value (self->length_spin, product->length_mm);
  gtk_spin_button_set_value (self->width_spin, product->width_mm);
  gtk_spin_button_set_value (self->height_spin, product->height_mm);
  gtk_editable_set_text (GTK_EDITABLE (self->hs_code_row), product->hs_code != NULL ? product->hs_code : "");
  adw_combo_row_set_selected (self->batteries_row, product->batteries);
  gtk_switch_set_active (self->liquids_switch, product->liquids);
  sb_shipping_panel_set_chosen (self->shipping_panel, product->carrier_ids, product->handling_days);
  sb_product_editor_set_category (self, product->category_id);
  parcel_changed_cb (self);
  update_counts (self);

  /* Field errors the marketplace sent with a rejection. */
  if (product->sync_state == SB_SYNC_REJECTED && product->reasons->len > 0)
    sb_product_editor_show_field_errors (self, product->reasons);
}

typedef struct
{
  char           *path;
  char           *offer_id;
  SbProduct      *product;
  gboolean        is_new;
  /* Reference data, read and parsed on the worker */
  SbLang          categories_lang;
  char           *origin;
  SbCategoryTree *categories;
  SbCategoryTree *categories_en;
  GPtrArray      *carriers;
  SbRates        *rates;
} StoreJob;

static void
store_job_free (StoreJob *job)
{
  g_free (job->path);
  g_free (job->offer_id);
  g_free (job->origin);
  g_clear_pointer (&job->product, sb_product_free);
  g_clear_object (&job->categories);
  g_clear_object (&job->categories_en);
  g_clear_pointer (&job->carriers, g_ptr_array_unref);
  g_clear_object (&job->rates);
  g_free (job);
}

/* A cached reference document, or NULL (logged) when missing or bad. */
static GBytes *
get_reference (SbStore    *store,
               const char *kind)
{
  g_autoptr(GError) error = NULL;
  GBytes *body = NULL;

  if (!sb_store_get_reference (store, kind, &body, NULL, NULL, &error))
    {
      if (error != NULL)
        g_debug ("No cached %s: %s", kind, error->message);
      return NULL;
    }
  return body;
}

static void
load_references (StoreJob *job,
                 SbStore  *store)
{
  g_autoptr(GBytes) categories = NULL;
  g_autoptr(GBytes) carriers = NULL;
  g_autoptr(GBytes) rates = NULL;
  g_autofree char *kind = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  /* The interface language's copy, and English for the names it lacks
   * (or all of them, when it is not cached). */
  categories = get_reference (store, "categories:en");
  if (categories != NULL)
    {
      data = g_bytes_get_data (categories, &size);
      job->categories_en = sb_category_tree_new_from_data (data, size, &error);
      if (job->categories_en == NULL)
        g_warning ("The cached categories cannot be read: %s", error->message);
      g_clear_error (&error);
    }
  g_clear_pointer (&categories, g_bytes_unref);
  kind = g_strdup_printf ("categories:%s", sb_lang_to_code (job->categories_lang));
  if (job->categories_lang != SB_LANG_EN)
    categories = get_reference (store, kind);
  if (categories != NULL)
    {
      data = g_bytes_get_data (categories, &size);
      job->categories = sb_category_tree_new_from_data (data, size, &error);
      if (job->categories == NULL)
        g_warning ("The cached categories cannot be read: %s", error->message);
      g_clear_error (&error);
    }
  if (job->categories == NULL && job->categories_en != NULL)
    job->categories = g_object_ref (job->categories_en);

  g_clear_pointer (&kind, g_free);
  kind = g_strdup_printf ("carriers:%s", job->origin);
  carriers = get_reference (store, kind);
  if (carriers != NULL)
    {
      data = g_bytes_get_data (carriers, &size);
      job->carriers = sb_carrier_list_new_from_data (data, size, &error);
      if (job->carriers == NULL)
        g_warning ("The cached carriers cannot be read: %s", error->message);
      g_clear_error (&error);
    }

  rates = get_reference (store, "currencies");
  if (rates != NULL)
    {
      data = g_bytes_get_data (rates, &size);
      job->rates = sb_rates_new_from_data (data, size, &error);
      if (job->rates == NULL)
        g_warning ("The cached exchange rates cannot be read: %s", error->message);
    }
}

static void
load_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  StoreJob *job = task_data;
  g_autoptr(SbStore) store = NULL;
  GError *error = NULL;

  store = sb_store_open (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  load_references (job, store);
  if (job->offer_id != NULL)
    {
      job->product = sb_store_load_product (store, job->offer_id, &error);
      if (job->product == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SbProductEditor *self = SB_PRODUCT_EDITOR (source);
  StoreJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s is the reason from the catalogue store. */
      text = g_strdup_printf (_("Could not open the product: %s"), error->message);
      show_error (self->general_error_label, NULL, text);
      set_busy (self, FALSE);
      return;
    }
  self->categories = g_steal_pointer (&job->categories);
  self->categories_en = g_steal_pointer (&job->categories_en);
  self->carriers = g_steal_pointer (&job->carriers);
  self->rates = g_steal_pointer (&job->rates);
  sb_shipping_panel_set_carriers (self->shipping_panel, self->carriers, origin (self));
  sb_pricing_panel_set_rates (self->pricing_panel, self->rates);
  self->product = g_steal_pointer (&job->product);
  if (self->product != NULL)
    fill_form (self);
  else
    {
      sb_product_editor_set_category (self, NULL);
      parcel_changed_cb (self);
    }
  set_busy (self, FALSE);
}

static void
save_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  StoreJob *job = task_data;
  g_autoptr(SbStore) store = NULL;
  GError *error = NULL;

  store = sb_store_open (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->is_new || g_strcmp0 (job->offer_id, job->product->offer_id) != 0)
    {
      gboolean exists = sb_store_has_product (store, job->product->offer_id, &error);

      if (error != NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      if (exists)
        {
          g_task_return_new_error (task, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                                   _("A product with this offer ID already exists. Choose another one."));
          return;
        }
    }
  if (!sb_store_save_product (store, job->product, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* A renamed product replaces the old one. */
  if (!job->is_new && g_strcmp0 (job->offer_id, job->product->offer_id) != 0 &&
      !sb_store_delete_product (store, job->offer_id, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SbProductEditor *self = SB_PRODUCT_EDITOR (source);
  StoreJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID))
        show_error (self->offer_id_error, GTK_WIDGET (self->offer_id_row), error->message);
      else
        {
          g_autofree char *text = NULL;

          /* Translators: %s is the reason from the catalogue store. */
          text = g_strdup_printf (_("Could not save the product: %s"), error->message);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
        }
      return;
    }

  g_clear_pointer (&self->product, sb_product_free);
  self->product = g_steal_pointer (&job->product);
  g_free (self->offer_id);
  self->offer_id = g_strdup (self->product->offer_id);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->offer_id);
  if (self->problems > 0)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Product"));
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Saved. Fix the marked fields before the marketplace can accept it.")));
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
start_save (SbProductEditor *self,
            SbProduct       *product)
{
  g_autoptr(GTask) task = NULL;
  StoreJob *job;

  job = g_new0 (StoreJob, 1);
  job->path = g_strdup (sb_store_get_path (self->store));
  job->offer_id = g_strdup (self->offer_id);
  job->is_new = self->offer_id == NULL;
  job->product = product;
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, save_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) store_job_free);
  g_task_run_in_thread (task, save_thread_cb);
}

static void
large_change_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          SbProductEditor  *self)
{
  SbProduct *product = g_object_steal_data (G_OBJECT (dialog), "sb-product");

  if (g_str_equal (response, "save"))
    start_save (self, product);
  else
    sb_product_free (product);
}

/* A variant whose price moves by more than half, by SKU. */
static const SbVariant *
find_large_change (SbProductEditor *self,
                   SbProduct       *product,
                   gint64          *out_old)
{
  if (self->product == NULL)
    return NULL;
  for (guint i = 0; i < product->variants->len; i++)
    {
      const SbVariant *variant = g_ptr_array_index (product->variants, i);
      const SbVariant *old = sb_product_find_variant (self->product, variant->sku);

      if (old != NULL && g_str_equal (old->currency, variant->currency) &&
          sb_pricing_change_is_large (old->price_minor, variant->price_minor))
        {
          *out_old = old->price_minor;
          return variant;
        }
    }
  return NULL;
}

static void
images_checked_cb (SbImageStrip    *strip,
                   GParamSpec      *pspec,
                   SbProductEditor *self)
{
  if (sb_image_strip_get_busy (strip))
    return;
  g_signal_handlers_disconnect_by_func (strip, images_checked_cb, self);
  sb_product_editor_save (self);
}

/**
 * sb_product_editor_save:
 *
 * Checks the form and shows what is wrong at its field; otherwise saves
 * the product on a worker thread — after asking, when a price moves by
 * more than 50 % — and emits SbProductEditor::saved.  The editor closes
 * unless the marketplace's rules (sb_product_validate()) find problems,
 * which stay shown at their fields.  While image files are still being
 * checked, the save waits for them.
 */
void
sb_product_editor_save (SbProductEditor *self)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  SbValidationContext context = { 0 };
  const SbVariant *changed;
  SbProduct *product;
  gint64 old_price = 0;

  g_return_if_fail (SB_IS_PRODUCT_EDITOR (self));

  if (self->busy)
    return;
  /* An image file's check tells whether it changed since it was
   * uploaded (its id is then dropped): save once all are checked. */
  g_signal_handlers_disconnect_by_func (self->image_strip, images_checked_cb, self);
  if (sb_image_strip_get_busy (self->image_strip))
    {
      g_signal_connect_object (self->image_strip, "notify::busy", G_CALLBACK (images_checked_cb), self, 0);
      return;
    }
  product = sb_product_editor_build_product (self, errors);
  if (product == NULL)
    {
      sb_product_editor_show_field_errors (self, errors);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Some fields need your attention")));
      return;
    }

  /* The marketplace's own rules: shown, but they do not stop a save on
   * this computer. */
  context.categories = self->categories;
  context.carriers = self->carriers;
  context.origin = origin (self);
  context.payout_currency = self->currency;
  sb_product_validate (product, &context, errors);
  sb_product_editor_show_field_errors (self, errors);
  self->problems = errors->len;

  changed = find_large_change (self, product, &old_price);
  if (changed != NULL)
    {
      g_autofree char *from = sb_format_money (old_price, changed->currency);
      g_autofree char *to = sb_format_money (changed->price_minor, changed->currency);
      g_autofree char *body = NULL;
      AdwMessageDialog *dialog;

      /* Translators: SKU, old price, new price. */
      body = g_strdup_printf (_("The price of %s changes from %s to %s, by more than half. The marketplace may hold the listing for review after such a change."),
                              changed->sku, from, to);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Change the Price This Much?"), body));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save Anyway"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_object_set_data_full (G_OBJECT (dialog), "sb-product", product, (GDestroyNotify) sb_product_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (large_change_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  start_save (self, product);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sb_product_editor_save (SB_PRODUCT_EDITOR (widget));
}

/* GObject */

static void
variant_row_free (gpointer data)
{
  g_free (data);
}

static void
sb_product_editor_dispose (GObject *object)
{
  SbProductEditor *self = SB_PRODUCT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_PRODUCT_EDITOR);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_product_editor_parent_class)->dispose (object);
}

static void
sb_product_editor_finalize (GObject *object)
{
  SbProductEditor *self = SB_PRODUCT_EDITOR (object);

  g_clear_pointer (&self->product, sb_product_free);
  g_clear_pointer (&self->variant_rows, g_ptr_array_unref);
  g_clear_pointer (&self->attribute_rows, g_ptr_array_unref);
  g_clear_object (&self->categories);
  g_clear_object (&self->categories_en);
  g_clear_pointer (&self->carriers, g_ptr_array_unref);
  g_clear_object (&self->rates);
  g_free (self->category_id);
  g_clear_object (&self->cancellable);
  g_free (self->offer_id);
  g_free (self->currency);

  G_OBJECT_CLASS (sb_product_editor_parent_class)->finalize (object);
}

static void
sb_product_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbProductEditor *self = SB_PRODUCT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_product_editor_class_init (SbProductEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_product_editor_dispose;
  object_class->finalize = sb_product_editor_finalize;
  object_class->get_property = sb_product_editor_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbProductEditor::saved:
   * @offer_id: the offer id the product was saved under
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SB_TYPE_IMAGE_STRIP);
  g_type_ensure (SB_TYPE_PRICING_PANEL);
  g_type_ensure (SB_TYPE_SHIPPING_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-product-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, attributes_group);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, pricing_panel);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, shipping_panel);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, general_error_label);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, offer_id_row);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, offer_id_error);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, category_error);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, title_en_row);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, title_en_count);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, title_en_error);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, title_local_row);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, title_local_count);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, title_local_error);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, description_en_view);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, description_en_count);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, description_en_error);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, description_local_label);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, description_local_view);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, description_local_count);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, description_local_error);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, image_strip);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, variants_grid);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, variants_error);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, weight_spin);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, length_spin);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, width_spin);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, height_spin);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, package_error);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, hs_code_row);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, hs_code_error);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, batteries_row);
  gtk_widget_class_bind_template_child (widget_class, SbProductEditor, liquids_switch);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, parcel_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, category_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-variant", NULL, add_variant_action);
  gtk_widget_class_install_action (widget_class, "editor.generate-variants", NULL, generate_variants_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sb_product_editor_init (SbProductEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->variant_rows = g_ptr_array_new_with_free_func (variant_row_free);
  self->attribute_rows = g_ptr_array_new_with_free_func (attribute_row_free);
  g_signal_connect_object (self->shipping_panel, "changed", G_CALLBACK (update_pricing), self, G_CONNECT_SWAPPED);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (gtk_text_view_get_buffer (self->description_en_view), "changed",
                           G_CALLBACK (description_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->description_local_view), "changed",
                           G_CALLBACK (description_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
set_local_lang (SbProductEditor *self,
                SbLang           lang)
{
  self->local_lang = lang;
  if (lang == SB_LANG_RU)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_local_row), _("Title in _Russian"));
      gtk_label_set_text_with_mnemonic (self->description_local_label, _("Description in R_ussian"));
    }
  else
    {
      self->local_lang = SB_LANG_KO;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_local_row), _("Title in _Korean"));
      gtk_label_set_text_with_mnemonic (self->description_local_label, _("Description in K_orean"));
    }
}

/**
 * sb_product_editor_new:
 * @parent: (nullable): the main window
 * @store: the catalogue; the editor reads and writes through its own
 *   connection to the same file, off the main thread
 * @offer_id: (nullable): the product to edit, or %NULL for a new one
 * @local_lang: the seller's language besides English (Korean or Russian)
 * @currency: the home currency prices are entered in
 *
 * Returns: (transfer none): the editor, not yet presented
 */
SbProductEditor *
sb_product_editor_new (GtkWindow  *parent,
                       SbStore    *store,
                       const char *offer_id,
                       SbLang      local_lang,
                       const char *currency)
{
  SbProductEditor *self;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);
  g_return_val_if_fail (sb_currency_is_known (currency), NULL);

  self = g_object_new (SB_TYPE_PRODUCT_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->currency = g_strdup (currency);
  set_local_lang (self, local_lang);
  add_variant_header (self);

  sb_pricing_panel_set_payout_currency (self->pricing_panel, currency);
  if (offer_id == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Product"));
      sb_product_editor_add_variant (self, NULL);
      update_counts (self);
    }
  else
    {
      self->offer_id = g_strdup (offer_id);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Product"));
    }

  /* The product and the cached reference data, off the main thread. */
  {
    g_autoptr(GTask) task = NULL;
    StoreJob *job = g_new0 (StoreJob, 1);

    job->path = g_strdup (sb_store_get_path (store));
    job->offer_id = g_strdup (offer_id);
    job->categories_lang = sb_format_interface_lang ();
    job->origin = g_strdup (origin (self));
    set_busy (self, TRUE);
    task = g_task_new (self, self->cancellable, load_done_cb, NULL);
    g_task_set_task_data (task, job, (GDestroyNotify) store_job_free);
    g_task_run_in_thread (task, load_thread_cb);
  }
  return self;
}

/**
 * sb_product_editor_get_attribute_row:
 *
 * Returns: (transfer none) (nullable): the row of the category's
 *   attribute @id
 */
GtkWidget *
sb_product_editor_get_attribute_row (SbProductEditor *self,
                                     const char      *id)
{
  g_return_val_if_fail (SB_IS_PRODUCT_EDITOR (self), NULL);

  for (guint i = 0; i < self->attribute_rows->len; i++)
    {
      AttributeRow *row = g_ptr_array_index (self->attribute_rows, i);

      if (g_strcmp0 (row->id, id) == 0)
        return row->row;
    }
  return NULL;
}

/**
 * sb_product_editor_get_busy:
 *
 * Returns: %TRUE while the product is being loaded or saved
 */
gboolean
sb_product_editor_get_busy (SbProductEditor *self)
{
  g_return_val_if_fail (SB_IS_PRODUCT_EDITOR (self), FALSE);
  return self->busy;
}

/**
 * sb_product_editor_get_offer_id:
 *
 * Returns: (nullable): the offer id of the product being edited, %NULL
 *   for a new product not saved yet
 */
const char *
sb_product_editor_get_offer_id (SbProductEditor *self)
{
  g_return_val_if_fail (SB_IS_PRODUCT_EDITOR (self), NULL);
  return self->offer_id;
}
