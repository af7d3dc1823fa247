/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-page.c: the base class of the onboarding wizard's pages.
 * A page registers the row of each of its fields; the base class then
 * binds entry rows to the model, checks a field live as the seller types
 * and shows the message in a row right under the field (and to screen
 * readers as the field's description), hides the fields that do not apply
 * to this seller (the KPP of a sole proprietor), and makes Enter in any
 * entry go to the next step.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-onboarding-page.h"

typedef struct
{
  char      *name;
  GtkWidget *row;          /* (unowned) a child of the page's template */
  GtkWidget *error_row;    /* (unowned) inserted after @row */
  GtkLabel  *error_label;  /* (unowned) */
  char      *message;      /* (nullable) the error shown */
} Field;

typedef struct
{
  SbOnboarding *model;     /* (owned) (nullable) */
  GPtrArray    *fields;    /* (element-type Field) (owned) */
  GPtrArray    *bindings;  /* (element-type GBinding) (owned) */
  gulong        notify_id;
} SbOnboardingPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (SbOnboardingPage, sb_onboarding_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
field_free (gpointer data)
{
  Field *field = data;

  g_free (field->name);
  g_free (field->message);
  g_free (field);
}

static Field *
find_field (SbOnboardingPage *self,
            const char       *name)
{
  SbOnboardingPagePrivate *priv = sb_onboarding_page_get_instance_private (self);

  for (guint i = 0; i < priv->fields->len; i++)
    {
      Field *field = g_ptr_array_index (priv->fields, i);

      if (g_str_equal (field->name, name))
        return field;
    }
  return NULL;
}

static void
field_set_message (Field      *field,
                   const char *message)
{
  g_free (field->message);
  field->message = g_strdup (message);

  if (message != NULL)
    {
      gtk_label_set_text (field->error_label, message);
      /* A group (the carriers) keeps its colours; only its message is red. */
      if (!ADW_IS_PREFERENCES_GROUP (field->row))
        gtk_widget_add_css_class (field->row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (field->row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (field->row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field->row), GTK_ACCESSIBLE_STATE_INVALID);
    }
  gtk_widget_set_visible (field->error_row,
                          message != NULL && gtk_widget_get_visible (field->row));
}

static void
update_visibility (SbOnboardingPage *self)
{
  SbOnboardingPagePrivate *priv = sb_onboarding_page_get_instance_private (self);

  if (priv->model == NULL)
    return;
  for (guint i = 0; i < priv->fields->len; i++)
    {
      Field *field = g_ptr_array_index (priv->fields, i);
      gboolean applies = sb_onboarding_field_applies (priv->model, field->name);

      gtk_widget_set_visible (field->row, applies);
      if (!applies)
        field_set_message (field, NULL);
      else
        gtk_widget_set_visible (field->error_row, field->message != NULL);
    }
}

/* Checks @field as the seller types: an error is shown as soon as there is
 * something to check; an empty field is only told off once the seller
 * tried to go on. */
static void
check_live (SbOnboardingPage *self,
            Field            *field)
{
  SbOnboardingPagePrivate *priv = sb_onboarding_page_get_instance_private (self);
  g_autoptr(GError) error = NULL;

  /* Fields the model does not hold (the secret key) are the page's own. */
  if (sb_onboarding_field_get_step (field->name) == SB_ONBOARDING_N_STEPS)
    return;
  if (sb_onboarding_check_field (priv->model, field->name, &error))
    field_set_message (field, NULL);
  else if (!g_error_matches (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_REQUIRED) ||
           field->message != NULL)
    field_set_message (field, error->message);
}

/* The marketplace's reasons for a rejection, each at its field until the
 * seller changes it. */
static void
show_reasons (SbOnboardingPage *self)
{
  SbOnboardingPagePrivate *priv = sb_onboarding_page_get_instance_private (self);
  GPtrArray *reasons;

  if (priv->model == NULL || sb_onboarding_get_status (priv->model) != SB_ONBOARDING_STATUS_REJECTED)
    return;
  reasons = sb_onboarding_get_reasons (priv->model);
  for (guint i = 0; i < reasons->len; i++)
    {
      const SbReason *reason = g_ptr_array_index (reasons, i);
      const char *name = sb_onboarding_reason_get_field (reason);
      Field *field = name != NULL ? find_field (self, name) : NULL;

      if (field != NULL && reason->message != NULL && *reason->message != '\0')
        {
          /* Translators: %s is the marketplace's own message, often in English. */
          g_autofree char *message = g_strdup_printf (_("The marketplace says: %s"), reason->message);

          field_set_message (field, message);
        }
    }
}

static void
model_notify_cb (SbOnboardingPage *self,
                 GParamSpec       *pspec,
                 SbOnboarding     *model)
{
  Field *field;

  if (g_str_equal (pspec->name, "country") || g_str_equal (pspec->name, "legal-form"))
    {
      SbOnboardingPagePrivate *priv = sb_onboarding_page_get_instance_private (self);

      update_visibility (self);
      /* What is right depends on the country and form: check again. */
      for (guint i = 0; i < priv->fields->len; i++)
        {
          Field *f = g_ptr_array_index (priv->fields, i);

          if (gtk_widget_get_visible (f->row))
            check_live (self, f);
        }
    }
  if (g_str_equal (pspec->name, "status"))
    show_reasons (self);
  field = find_field (self, pspec->name);
  if (field != NULL)
    {
      /* A reason from the marketplace goes once the seller edits the field. */
      field_set_message (field, NULL);
      check_live (self, field);
    }
}

static void
entry_activated_cb (SbOnboardingPage *self,
                    AdwEntryRow      *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "onboarding.next", NULL);
}

static void
sb_onboarding_page_real_bind (SbOnboardingPage *self,
                              SbOnboarding     *model)
{
}

static void
sb_onboarding_page_real_check (SbOnboardingPage *self,
                               GHashTable       *errors)
{
}

static void
sb_onboarding_page_dispose (GObject *object)
{
  SbOnboardingPage *self = SB_ONBOARDING_PAGE (object);

  sb_onboarding_page_set_model (self, NULL);

  G_OBJECT_CLASS (sb_onboarding_page_parent_class)->dispose (object);
}

static void
sb_onboarding_page_finalize (GObject *object)
{
  SbOnboardingPage *self = SB_ONBOARDING_PAGE (object);
  SbOnboardingPagePrivate *priv = sb_onboarding_page_get_instance_private (self);

  g_ptr_array_unref (priv->fields);
  g_ptr_array_unref (priv->bindings);

  G_OBJECT_CLASS (sb_onboarding_page_parent_class)->finalize (object);
}

static void
sb_onboarding_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SbOnboardingPage *self = SB_ONBOARDING_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, sb_onboarding_page_get_model (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_onboarding_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SbOnboardingPage *self = SB_ONBOARDING_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      sb_onboarding_page_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_onboarding_page_class_init (SbOnboardingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_onboarding_page_dispose;
  object_class->finalize = sb_onboarding_page_finalize;
  object_class->get_property = sb_onboarding_page_get_property;
  object_class->set_property = sb_onboarding_page_set_property;

  klass->bind = sb_onboarding_page_real_bind;
  klass->check = sb_onboarding_page_real_check;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         SB_TYPE_ONBOARDING,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_onboarding_page_init (SbOnboardingPage *self)
{
  SbOnboardingPagePrivate *priv = sb_onboarding_page_get_instance_private (self);

  priv->fields = g_ptr_array_new_with_free_func (field_free);
  priv->bindings = g_ptr_array_new_with_free_func (g_object_unref);
}

SbOnboarding *
sb_onboarding_page_get_model (SbOnboardingPage *self)
{
  SbOnboardingPagePrivate *priv = sb_onboarding_page_get_instance_private (self);

  g_return_val_if_fail (SB_IS_ONBOARDING_PAGE (self), NULL);
  return priv->model;
}

void
sb_onboarding_page_set_model (SbOnboardingPage *self,
                              SbOnboarding     *model)
{
  SbOnboardingPagePrivate *priv = sb_onboarding_page_get_instance_private (self);

  g_return_if_fail (SB_IS_ONBOARDING_PAGE (self));
  g_return_if_fail (model == NULL || SB_IS_ONBOARDING (model));

  if (priv->model == model)
    return;
  if (priv->model != NULL)
    {
      SB_ONBOARDING_PAGE_GET_CLASS (self)->bind (self, NULL);
      for (guint i = 0; i < priv->bindings->len; i++)
        g_binding_unbind (g_ptr_array_index (priv->bindings, i));
      g_ptr_array_set_size (priv->bindings, 0);
      g_clear_signal_handler (&priv->notify_id, priv->model);
      g_clear_object (&priv->model);
    }
  if (model != NULL)
    {
      priv->model = g_object_ref (model);
      priv->notify_id = g_signal_connect_object (model, "notify",
                                                 G_CALLBACK (model_notify_cb), self,
                                                 G_CONNECT_SWAPPED);
      SB_ONBOARDING_PAGE_GET_CLASS (self)->bind (self, model);
      update_visibility (self);
      show_reasons (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * sb_onboarding_row_set_title:
 * @row: an #AdwPreferencesRow
 * @title: its title, with a mnemonic underline
 *
 * Sets the title and the accessible name (the title without the
 * underline), so that screen readers name the field even when its title
 * changes with the country.
 */
void
sb_onboarding_row_set_title (GtkWidget  *row,
                             const char *title)
{
  g_autoptr(GString) plain = g_string_new (NULL);

  g_return_if_fail (ADW_IS_PREFERENCES_ROW (row));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  for (const char *p = title; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] == '_')
        g_string_append_c (plain, *++p);
      else if (*p != '_')
        g_string_append_c (plain, *p);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, plain->str,
                                  -1);
}

/**
 * sb_onboarding_page_add_field:
 * @field: the model's property name
 * @row: the row that edits it, in a #GtkListBox (a preferences group), or
 *   an #AdwPreferencesGroup for a field made of several rows
 *
 * Registers @row as the place of @field: its errors show right under it.
 */
void
sb_onboarding_page_add_field (SbOnboardingPage *self,
                              const char       *name,
                              GtkWidget        *row)
{
  SbOnboardingPagePrivate *priv = sb_onboarding_page_get_instance_private (self);
  GtkWidget *parent = gtk_widget_get_parent (row);
  GtkWidget *label;
  Field *field;

  g_return_if_fail (SB_IS_ONBOARDING_PAGE (self));
  g_return_if_fail (find_field (self, name) == NULL);

  label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "sb-field-error");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);

  field = g_new0 (Field, 1);
  field->name = g_strdup (name);
  field->row = row;
  field->error_label = GTK_LABEL (label);

  if (GTK_IS_LIST_BOX (parent))
    {
      GtkWidget *error_row = gtk_list_box_row_new ();

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (error_row), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (error_row), FALSE);
      gtk_widget_set_focusable (error_row, FALSE);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_add_css_class (error_row, "sb-field-error-row");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (error_row), label);
      gtk_list_box_insert (GTK_LIST_BOX (parent), error_row,
                           gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
      field->error_row = error_row;
    }
  else
    {
      g_return_if_fail (ADW_IS_PREFERENCES_GROUP (row));
      gtk_widget_set_margin_top (label, 6);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (row), label);
      field->error_row = label;
    }
  gtk_widget_set_visible (field->error_row, FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL,
                                  -1);
  if (ADW_IS_PREFERENCES_ROW (row))
    sb_onboarding_row_set_title (row, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_ptr_array_add (priv->fields, field);
  update_visibility (self);
}

/**
 * sb_onboarding_page_bind_entry:
 *
 * Registers @row as the place of @field, keeps its text and the model's
 * field in step both ways, and makes Enter in it go to the next step.
 */
void
sb_onboarding_page_bind_entry (SbOnboardingPage *self,
                               const char       *field,
                               AdwEntryRow      *row)
{
  SbOnboardingPagePrivate *priv = sb_onboarding_page_get_instance_private (self);

  g_return_if_fail (SB_IS_ONBOARDING_PAGE (self));
  g_return_if_fail (priv->model != NULL);

  if (find_field (self, field) == NULL)
    {
      sb_onboarding_page_add_field (self, field, GTK_WIDGET (row));
      g_signal_connect_object (row, "entry-activated",
                               G_CALLBACK (entry_activated_cb), self,
                               G_CONNECT_SWAPPED);
    }
  g_ptr_array_add (priv->bindings,
                   g_object_ref (g_object_bind_property (priv->model, field, row, "text",
                                                         G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE)));
}

static gboolean
code_to_index_cb (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  const char * const *codes = user_data;
  const char *code = g_value_get_string (from);

  for (guint i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], code) == 0)
      {
        g_value_set_uint (to, i);
        return TRUE;
      }
  return FALSE;
}

static gboolean
index_to_code_cb (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  const char * const *codes = user_data;
  guint index = g_value_get_uint (from);

  if (index >= g_strv_length ((GStrv) codes))
    return FALSE;
  g_value_set_string (to, codes[index]);
  return TRUE;
}

/**
 * sb_onboarding_page_bind_combo:
 * @codes: (array zero-terminated=1): the model's value for each item of
 *   the row's list, in order; must outlive the page
 *
 * Registers @row as the place of @field and keeps its selection and the
 * model's code in step both ways.
 */
void
sb_onboarding_page_bind_combo (SbOnboardingPage   *self,
                               const char         *field,
                               AdwComboRow        *row,
                               const char * const *codes)
{
  SbOnboardingPagePrivate *priv = sb_onboarding_page_get_instance_private (self);

  g_return_if_fail (SB_IS_ONBOARDING_PAGE (self));
  g_return_if_fail (priv->model != NULL);

  if (find_field (self, field) == NULL)
    sb_onboarding_page_add_field (self, field, GTK_WIDGET (row));
  g_ptr_array_add (priv->bindings,
                   g_object_ref (g_object_bind_property_full (priv->model, field, row, "selected",
                                                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                                              code_to_index_cb, index_to_code_cb,
                                                              (gpointer) codes, NULL)));
}

/**
 * sb_onboarding_page_show_error:
 * @message: (nullable): the message, or %NULL to clear it
 */
void
sb_onboarding_page_show_error (SbOnboardingPage *self,
                               const char       *name,
                               const char       *message)
{
  Field *field;

  g_return_if_fail (SB_IS_ONBOARDING_PAGE (self));

  field = find_field (self, name);
  g_return_if_fail (field != NULL);
  field_set_message (field, message);
}

/**
 * sb_onboarding_page_get_error:
 *
 * Returns: (nullable): the message shown under @field
 */
const char *
sb_onboarding_page_get_error (SbOnboardingPage *self,
                              const char       *name)
{
  Field *field;

  g_return_val_if_fail (SB_IS_ONBOARDING_PAGE (self), NULL);

  field = find_field (self, name);
  g_return_val_if_fail (field != NULL, NULL);
  return gtk_widget_get_visible (field->error_row) ? field->message : NULL;
}

void
sb_onboarding_page_focus_field (SbOnboardingPage *self,
                                const char       *name)
{
  Field *field;

  g_return_if_fail (SB_IS_ONBOARDING_PAGE (self));

  field = find_field (self, name);
  if (field != NULL)
    gtk_widget_grab_focus (field->row);
}

/**
 * sb_onboarding_page_check:
 * @step: the step this page shows
 * @focus: whether to move the focus to the first field that is not right
 *
 * Checks every field of the page and shows all messages at once.
 *
 * Returns: %TRUE when the page is complete
 */
gboolean
sb_onboarding_page_check (SbOnboardingPage *self,
                          SbOnboardingStep  step,
                          gboolean          focus)
{
  SbOnboardingPagePrivate *priv = sb_onboarding_page_get_instance_private (self);
  g_autoptr(GHashTable) errors = NULL;
  Field *first = NULL;

  g_return_val_if_fail (SB_IS_ONBOARDING_PAGE (self), FALSE);
  g_return_val_if_fail (priv->model != NULL, FALSE);

  sb_onboarding_check_step (priv->model, step, &errors);
  if (errors == NULL)
    errors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  SB_ONBOARDING_PAGE_GET_CLASS (self)->check (self, errors);

  for (guint i = 0; i < priv->fields->len; i++)
    {
      Field *field = g_ptr_array_index (priv->fields, i);
      const char *message = g_hash_table_lookup (errors, field->name);

      field_set_message (field, message);
      if (message != NULL && first == NULL)
        first = field;
    }
  if (first != NULL && focus)
    gtk_widget_grab_focus (first->row);
  return g_hash_table_size (errors) == 0;
}
