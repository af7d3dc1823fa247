/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-product-editor.c: the product editor.  It loads the product on a
 * worker thread, shows titles and descriptions in English and in the
 * seller's language with live character counts against the marketplace's
 * limits, the variants (SKU, options, price in the home currency, stock,
 * barcode), the package and the dangerous-goods answers, and saves on a
 * worker thread with its own store connection (which queues the product
 * for sync).  Problems are shown at their fields, whether the editor
 * found them (a price it cannot read) or the marketplace did (422 field
 * paths such as "variants[1].price.amount").
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-currency.h"
#include "sb-product-editor.h"

#define TITLE_MAX        128
#define DESCRIPTION_MAX  5000

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
  AdwEntryRow     *category_row;
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

  SbLang           local_lang;
  gboolean         busy;
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

  if (variant != NULL && variant->currency[0] != '\0')
    price = sb_currency_format_decimal (variant->price_minor, variant->currency);
  options = format_options (variant != NULL ? variant->options : NULL);

  row->sku = variant_entry (variant != NULL ? variant->sku : NULL, _("SKU"), 10);
  row->options = variant_entry (options, _("Options"), 12);
  gtk_entry_set_placeholder_text (GTK_ENTRY (row->options), _("size: M"));
  row->price = variant_entry (price, _("Price"), 7);
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
  g_autofree char *description_en = NULL;
  g_autofree char *description_local = NULL;
  const char *offer_id, *title_en, *title_local, *category, *hs_code;
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

  category = gtk_editable_get_text (GTK_EDITABLE (self->category_row));
  g_free (product->category_id);
  product->category_id = category[0] != '\0' ? g_strdup (category) : NULL;

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

  g_ptr_array_set_size (product->variants, 0);
  if (self->variant_rows->len == 0)
    add_error (field_errors, "variants", "required",
               _("Add at least one variant with its SKU, price and stock."));
  for (guint i = 0; i < self->variant_rows->len; i++)
    {
      VariantRow *row = g_ptr_array_index (self->variant_rows, i);
      g_autoptr(SbVariant) variant = sb_variant_new ();
      g_autoptr(GError) error = NULL;
      const char *price = gtk_editable_get_text (GTK_EDITABLE (row->price));
      const char *barcode = gtk_editable_get_text (GTK_EDITABLE (row->barcode));
      g_autofree char *path = NULL;

      variant->sku = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->sku))));
      if (variant->sku[0] == '\0')
        {
          path = g_strdup_printf ("variants[%u].sku", i);
          add_error (field_errors, path, "required", _("Enter the SKU you use for this variant."));
          g_clear_pointer (&path, g_free);
        }
      if (!parse_options (gtk_editable_get_text (GTK_EDITABLE (row->options)), variant))
        {
          path = g_strdup_printf ("variants[%u].options", i);
          add_error (field_errors, path, "invalid",
                     _("Write options as “name: value”, separated by commas, e.g. “color: white, size: M”."));
          g_clear_pointer (&path, g_free);
        }
      memcpy (variant->currency, self->currency, sizeof variant->currency);
      if (!sb_currency_parse_decimal (price, self->currency, &variant->price_minor, &error))
        {
          path = g_strdup_printf ("variants[%u].price.amount", i);
          add_error (field_errors, path, "invalid", error->message);
          g_clear_pointer (&path, g_free);
        }
      else if (variant->price_minor <= 0)
        {
          path = g_strdup_printf ("variants[%u].price.amount", i);
          add_error (field_errors, path, "out_of_range", _("Enter a price greater than zero."));
          g_clear_pointer (&path, g_free);
        }
      gtk_spin_button_update (GTK_SPIN_BUTTON (row->stock));
      variant->stock = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (row->stock));
      variant->barcode = barcode[0] != '\0' ? g_strstrip (g_strdup (barcode)) : NULL;
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
  gtk_editable_set_text (GTK_EDITABLE (self->category_row),
                         product->category_id != NULL ? product->category_id : "");
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
  for (guint i = 0; i < product->variants->len; i++)
    sb_product_editor_add_variant (self, g_ptr_array_index (product->variants, i));
  gtk_spin_button_set_value (self->weight_spin, product->weight_g);
  gtk_spin_button_set_value (self->length_spin, product->length_mm);
  gtk_spin_button_set_value (self->width_spin, product->width_mm);
  gtk_spin_button_set_value (self->height_spin, product->height_mm);
  gtk_editable_set_text (GTK_EDITABLE (self->hs_code_row), product->hs_code != NULL ? product->hs_code : "");
  adw_combo_row_set_selected (self->batteries_row, product->batteries);
  gtk_switch_set_active (self->liquids_switch, product->liquids);
  update_counts (self);

  /* Field errors the marketplace sent with a rejection. */
  if (product->sync_state == SB_SYNC_REJECTED && product->reasons->len > 0)
    sb_product_editor_show_field_errors (self, product->reasons);
}

typedef struct
{
  char      *path;
  char      *offer_id;
  SbProduct *product;
  gboolean   is_new;
} StoreJob;

static void
store_job_free (StoreJob *job)
{
  g_free (job->path);
  g_free (job->offer_id);
  g_clear_pointer (&job->product, sb_product_free);
  g_free (job);
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
  if (store != NULL)
    job->product = sb_store_load_product (store, job->offer_id, &error);
  if (job->product == NULL)
    g_task_return_error (task, error);
  else
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
  self->product = g_steal_pointer (&job->product);
  fill_form (self);
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
  gtk_window_close (GTK_WINDOW (self));
}

/**
 * sb_product_editor_save:
 *
 * Checks the form, shows what is wrong at its field or saves the product
 * on a worker thread; on success emits SbProductEditor::saved and closes.
 */
void
sb_product_editor_save (SbProductEditor *self)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  g_autoptr(GTask) task = NULL;
  SbProduct *product;
  StoreJob *job;

  g_return_if_fail (SB_IS_PRODUCT_EDITOR (self));

  if (self->busy)
    return;
  product = sb_product_editor_build_product (self, errors);
  sb_product_editor_show_field_errors (self, errors);
  if (product == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Some fields need your attention")));
      return;
    }

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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-product-editor.ui");
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

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-variant", NULL, add_variant_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sb_product_editor_init (SbProductEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->variant_rows = g_ptr_array_new_with_free_func (variant_row_free);
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

  if (offer_id == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Product"));
      sb_product_editor_add_variant (self, NULL);
      update_counts (self);
    }
  else
    {
      g_autoptr(GTask) task = NULL;
      StoreJob *job = g_new0 (StoreJob, 1);

      self->offer_id = g_strdup (offer_id);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Product"));
      job->path = g_strdup (sb_store_get_path (store));
      job->offer_id = g_strdup (offer_id);
      set_busy (self, TRUE);
      task = g_task_new (self, self->cancellable, load_done_cb, NULL);
      g_task_set_task_data (task, job, (GDestroyNotify) store_job_free);
      g_task_run_in_thread (task, load_thread_cb);
    }
  return self;
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
