/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-conflict-dialog.c: shows a product in conflict — edited on this
 * computer while the marketplace's copy changed too — as two columns, this
 * computer's version beside the marketplace's (the copy the sync engine
 * kept with the 409), one row per field with the differing rows marked.
 * "Keep Mine" queues the local version again over the server's version;
 * "Use Marketplace Version" stores the server copy.  Both are one short
 * store transaction.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sb-conflict-dialog.h"
#include "sb-currency.h"
#include "sb-product-json.h"

struct _SbConflictDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkLabel  *intro_label;
  GtkGrid   *grid;
  GtkButton *keep_local_button;
  GtkButton *use_server_button;
  GtkLabel  *error_label;

  /* Owned references */
  SbStore   *store;
  SbProduct *local;
  SbProduct *server;
  guint      n_rows;
  guint      n_differences;
};

G_DEFINE_FINAL_TYPE (SbConflictDialog, sb_conflict_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
cell_new (const char *text,
          gboolean    heading,
          gboolean    differs)
{
  GtkWidget *label = gtk_label_new (text != NULL && *text != '\0' ? text : "—");

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  gtk_widget_set_valign (label, heading ? GTK_ALIGN_END : GTK_ALIGN_START);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  if (differs)
    gtk_widget_add_css_class (label, "accent");
  return label;
}

static void
add_row (SbConflictDialog *self,
         const char       *field,
         const char       *local,
         const char       *server)
{
  gboolean differs = g_strcmp0 (local, server) != 0;
  GtkWidget *caption = gtk_label_new (field);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_widget_add_css_class (caption, "caption-heading");
  gtk_widget_set_margin_top (caption, 6);
  gtk_grid_attach (self->grid, caption, 0, self->n_rows++, 2, 1);
  gtk_grid_attach (self->grid, cell_new (local, FALSE, differs), 0, self->n_rows, 1, 1);
  gtk_grid_attach (self->grid, cell_new (server, FALSE, differs), 1, self->n_rows++, 1, 1);
  if (differs)
    self->n_differences++;
}

static char *
variant_text (const SbProduct *product,
              guint            i)
{
  SbVariant *variant;
  g_autofree char *price = NULL;
  g_autofree char *stock = NULL;

  if (product->variants == NULL || i >= product->variants->len)
    return NULL;
  variant = g_ptr_array_index (product->variants, i);
  price = sb_currency_format_decimal (variant->price_minor, variant->currency);
  stock = g_strdup_printf ("%" G_GINT64_FORMAT, variant->stock);
  /* Translators: one variant in the conflict dialog: SKU, price, its
   * currency code, and the stock count. */
  return g_strdup_printf (_("%s: %s %s, %s in stock"),
                          variant->sku, price != NULL ? price : "?", variant->currency,
                          stock);
}

static void
fill (SbConflictDialog *self)
{
  static const struct { SbLang lang; const char *label; } titles[] = {
    { SB_LANG_EN, N_("Title in English") },
    { SB_LANG_KO, N_("Title in Korean") },
    { SB_LANG_RU, N_("Title in Russian") },
  };
  guint n_variants = MAX (self->local->variants->len, self->server->variants->len);
  g_autofree char *local_weight = g_strdup_printf ("%u", self->local->weight_g);
  g_autofree char *server_weight = g_strdup_printf ("%u", self->server->weight_g);
  g_autofree char *local_days = g_strdup_printf ("%u", self->local->handling_days);
  g_autofree char *server_days = g_strdup_printf ("%u", self->server->handling_days);
  g_autofree char *intro = NULL;

  intro = g_strdup_printf (_("“%s” was changed on this computer and on the marketplace since the last sync. Choose the version to keep; the other is discarded."),
                           self->local->offer_id);
  gtk_label_set_text (self->intro_label, intro);

  gtk_grid_attach (self->grid, cell_new (_("On This Computer"), TRUE, FALSE), 0, self->n_rows, 1, 1);
  gtk_grid_attach (self->grid, cell_new (_("On the Marketplace"), TRUE, FALSE), 1, self->n_rows++, 1, 1);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    add_row (self, _(titles[i].label), self->local->title[titles[i].lang], self->server->title[titles[i].lang]);
  add_row (self, _("Category"), self->local->category_id, self->server->category_id);
  for (guint i = 0; i < n_variants; i++)
    {
      g_autofree char *label = g_strdup_printf (_("Variant %u"), i + 1);
      g_autofree char *local = variant_text (self->local, i);
      g_autofree char *server = variant_text (self->server, i);

      add_row (self, label, local, server);
    }
  add_row (self, _("Weight (g)"), local_weight, server_weight);
  add_row (self, _("Handling days"), local_days, server_days);
  for (guint i = 0; i < SB_N_LANGS; i++)
    if (g_strcmp0 (self->local->description[i], self->server->description[i]) != 0)
      {
        add_row (self, _("Description"), self->local->description[i], self->server->description[i]);
        break;
      }
}

static void
choose_cb (SbConflictDialog *self,
           SbConflictChoice  choice)
{
  g_autoptr(GError) error = NULL;

  if (!sb_conflict_dialog_choose (self, choice, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
keep_local_clicked_cb (SbConflictDialog *self)
{
  choose_cb (self, SB_CONFLICT_CHOICE_LOCAL);
}

static void
use_server_clicked_cb (SbConflictDialog *self)
{
  choose_cb (self, SB_CONFLICT_CHOICE_SERVER);
}

static void
sb_conflict_dialog_dispose (GObject *object)
{
  SbConflictDialog *self = SB_CONFLICT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_CONFLICT_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->local, sb_product_free);
  g_clear_pointer (&self->server, sb_product_free);

  G_OBJECT_CLASS (sb_conflict_dialog_parent_class)->dispose (object);
}

static void
sb_conflict_dialog_class_init (SbConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_conflict_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SbConflictDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, SbConflictDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, SbConflictDialog, keep_local_button);
  gtk_widget_class_bind_template_child (widget_class, SbConflictDialog, use_server_button);
  gtk_widget_class_bind_template_child (widget_class, SbConflictDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, keep_local_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, use_server_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sb_conflict_dialog_init (SbConflictDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The server copy as a product, with its version and status. */
static SbProduct *
server_product_from_json (const char  *json,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(SbProduct) product = NULL;
  JsonNode *root;
  JsonObject *object;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  product = sb_product_from_json (root, NULL, error);
  if (product == NULL)
    return NULL;
  object = json_node_get_object (root);
  if (json_object_has_member (object, "version"))
    product->server_version = json_object_get_int_member (object, "version");
  product->sync_state = SB_SYNC_PENDING_REVIEW;
  if (json_object_has_member (object, "status"))
    sb_sync_state_from_string (json_object_get_string_member (object, "status"), &product->sync_state);
  return g_steal_pointer (&product);
}

/**
 * sb_conflict_dialog_new:
 * @store: the store the sync runs on (main thread)
 *
 * Returns: (transfer full) (nullable): the dialog, or %NULL with @error when
 *   the product has no conflict or its copies cannot be read
 */
SbConflictDialog *
sb_conflict_dialog_new (GtkWindow   *parent,
                        SbStore     *store,
                        const char  *offer_id,
                        GError     **error)
{
  g_autoptr(SbProduct) local = NULL;
  g_autoptr(SbProduct) server = NULL;
  g_autofree char *json = NULL;
  SbConflictDialog *self;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  local = sb_store_load_product (store, offer_id, error);
  if (local == NULL)
    return NULL;
  json = sb_store_dup_conflict_json (store, offer_id, error);
  if (json == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                     _("“%s” is no longer in conflict."), offer_id);
      return NULL;
    }
  server = server_product_from_json (json, error);
  if (server == NULL)
    return NULL;

  self = g_object_new (SB_TYPE_CONFLICT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->local = g_steal_pointer (&local);
  self->server = g_steal_pointer (&server);
  fill (self);
  return self;
}

const char *
sb_conflict_dialog_get_offer_id (SbConflictDialog *self)
{
  g_return_val_if_fail (SB_IS_CONFLICT_DIALOG (self), NULL);
  return self->local->offer_id;
}

/**
 * sb_conflict_dialog_get_n_differences:
 *
 * Returns: how many of the rows shown differ between the two versions
 */
guint
sb_conflict_dialog_get_n_differences (SbConflictDialog *self)
{
  g_return_val_if_fail (SB_IS_CONFLICT_DIALOG (self), 0);
  return self->n_differences;
}

/**
 * sb_conflict_dialog_choose:
 *
 * Applies the seller's choice to the store.
 */
gboolean
sb_conflict_dialog_choose (SbConflictDialog  *self,
                           SbConflictChoice   choice,
                           GError           **error)
{
  g_return_val_if_fail (SB_IS_CONFLICT_DIALOG (self), FALSE);

  if (choice == SB_CONFLICT_CHOICE_LOCAL)
    return sb_store_keep_local_version (self->store, self->local->offer_id, error);
  return sb_store_save_server_product (self->store, self->server, error);
}
