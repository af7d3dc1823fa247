/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding.c: the onboarding wizard's model.  It holds what a new
 * seller types, step by step, as plain string properties named after the
 * fields (so that the UI binds rows to them and the progress is a flat
 * JSON object), checks each field with the message the seller sees under
 * it, moves between steps only when the current one is complete, and
 * builds the seller profile body of PUT /v1/seller.  It also keeps the
 * application's review status and the marketplace's reasons for a
 * rejection, each mapped back to the step where the seller can fix it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-endpoint.h"
#include "sb-identity.h"
#include "sb-onboarding.h"
#include "sb-seller.h"

G_DEFINE_QUARK (sb-onboarding-error-quark, sb_onboarding_error)

G_DEFINE_ENUM_TYPE (SbOnboardingStep, sb_onboarding_step,
  G_DEFINE_ENUM_VALUE (SB_ONBOARDING_STEP_COUNTRY, "country"),
  G_DEFINE_ENUM_VALUE (SB_ONBOARDING_STEP_IDENTITY, "identity"),
  G_DEFINE_ENUM_VALUE (SB_ONBOARDING_STEP_STORE, "store"),
  G_DEFINE_ENUM_VALUE (SB_ONBOARDING_STEP_PAYOUT, "payout"),
  G_DEFINE_ENUM_VALUE (SB_ONBOARDING_STEP_CONNECTION, "connection"),
  G_DEFINE_ENUM_VALUE (SB_ONBOARDING_STEP_SHIPPING, "shipping"),
  G_DEFINE_ENUM_VALUE (SB_ONBOARDING_STEP_REVIEW, "review"),
  G_DEFINE_ENUM_VALUE (SB_ONBOARDING_STEP_STATUS, "status"))

G_DEFINE_ENUM_TYPE (SbOnboardingStatus, sb_onboarding_status,
  G_DEFINE_ENUM_VALUE (SB_ONBOARDING_STATUS_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (SB_ONBOARDING_STATUS_QUEUED, "queued"),
  G_DEFINE_ENUM_VALUE (SB_ONBOARDING_STATUS_SUBMITTED, "submitted"),
  G_DEFINE_ENUM_VALUE (SB_ONBOARDING_STATUS_APPROVED, "approved"),
  G_DEFINE_ENUM_VALUE (SB_ONBOARDING_STATUS_REJECTED, "rejected"))

#define PROGRESS_VERSION 1

/* The text fields, in the order of their properties. */
static const char * const text_fields[] = {
  "country",
  "legal-form",
  "legal-name",
  "registration-number",
  "tax-id",
  "kpp",
  "store-name",
  "contact-email",
  "phone",
  "payout-currency",
  "bank-name",
  "bank-account",
  "bank-holder",
  "shipping-origin",
  "endpoint",
  "access-key",
};
#define N_TEXT_FIELDS G_N_ELEMENTS (text_fields)

static const char * const country_fields[] = { "country", "legal-form", NULL };
static const char * const identity_fields[] = { "legal-name", "registration-number", "tax-id", "kpp", NULL };
static const char * const store_fields[] = { "store-name", "contact-email", "phone", NULL };
static const char * const payout_fields[] = { "payout-currency", "bank-name", "bank-account", "bank-holder", NULL };
static const char * const shipping_fields[] = { "shipping-origin", "carrier-ids", NULL };
static const char * const connection_fields[] = { "endpoint", "access-key", NULL };
static const char * const no_fields[] = { NULL };

struct _SbOnboarding
{
  GObject             parent_instance;

  SbOnboardingStep    step;
  char               *text[N_TEXT_FIELDS];  /* (owned) never NULL */
  GStrv               carrier_ids;          /* (owned) never NULL */
  gboolean            use_sandbox;
  SbOnboardingStatus  status;
  GPtrArray          *reasons;              /* (element-type SbReason) (owned) */
};

G_DEFINE_FINAL_TYPE (SbOnboarding, sb_onboarding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STEP,
  PROP_CARRIER_IDS,
  PROP_USE_SANDBOX,
  PROP_STATUS,
  PROP_TEXT_FIRST,
  N_PROPS = PROP_TEXT_FIRST + N_TEXT_FIELDS
};

static GParamSpec *properties[N_PROPS];

static int
text_field_index (const char *field)
{
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    if (g_strcmp0 (text_fields[i], field) == 0)
      return (int) i;
  return -1;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
is_company (SbOnboarding *self)
{
  return g_strcmp0 (sb_onboarding_get_text (self, "legal-form"), "sole_proprietor") != 0;
}

static gboolean
is_russian (SbOnboarding *self)
{
  return g_strcmp0 (sb_onboarding_get_text (self, "country"), "RU") == 0;
}

/* Identity numbers ------------------------------------------------------ */

/* The rules live in sb-identity; this only picks the kind for the field. */
static char *
check_identity (SbOnboarding  *self,
                const char    *field,
                GError       **error)
{
  const char *text = sb_onboarding_get_text (self, field);
  gboolean sole = !is_company (self);
  g_autoptr(GError) local_error = NULL;
  SbIdKind kind;
  char *normalized;

  if (g_str_equal (field, "tax-id"))
    kind = SB_ID_KIND_RU_INN;
  else if (g_str_equal (field, "kpp"))
    kind = SB_ID_KIND_RU_KPP;
  else if (is_russian (self))
    kind = sole ? SB_ID_KIND_RU_OGRNIP : SB_ID_KIND_RU_OGRN;
  else
    kind = SB_ID_KIND_KR_BRN;

  normalized = sb_id_check_for_form (kind, text, sole, &local_error);
  if (normalized == NULL)
    g_set_error_literal (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_INVALID,
                         local_error->message);
  return normalized;
}

/* Other fields ------------------------------------------------------------ */

static gboolean
check_email (const char  *text,
             GError     **error)
{
  const char *at = strchr (text, '@');
  const char *dot = at != NULL ? strrchr (at, '.') : NULL;
  gboolean ok = at != NULL && at != text && strchr (at + 1, '@') == NULL &&
                dot != NULL && dot > at + 1 && dot[1] != '\0';

  for (const char *p = text; ok && *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      ok = FALSE;
  if (!ok)
    {
      g_set_error_literal (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_INVALID,
                           _("This is not an email address. Enter one like seller@example.com."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_phone (const char  *text,
             GError     **error)
{
  const char *p = text;
  guint digits = 0;
  gboolean ok;

  while (*p == ' ')
    p++;
  ok = *p == '+';
  for (p = ok ? p + 1 : p; ok && *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p != ' ' && *p != '-' && *p != '(' && *p != ')')
        ok = FALSE;
    }
  /* E.164 numbers have at most 15 digits, country code included. */
  if (!ok || digits < 8 || digits > 15)
    {
      g_set_error_literal (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_INVALID,
                           _("Enter the phone number with + and the country code, like +82 2 1234 5678 or +7 495 123-45-67."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_bank_account (const char  *text,
                    GError     **error)
{
  guint digits = 0;
  gboolean ok = TRUE;

  for (const char *p = text; ok && *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else
        ok = *p == ' ' || *p == '-';
    }
  if (!ok || digits < 6)
    {
      g_set_error_literal (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_INVALID,
                           _("Enter the account number as your bank writes it: digits, with spaces or dashes if you like."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
require (const char  *text,
         const char  *message,
         GError     **error)
{
  if (is_blank (text))
    {
      g_set_error_literal (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_REQUIRED, message);
      return FALSE;
    }
  return TRUE;
}

/* Object ------------------------------------------------------------------ */

static void
sb_onboarding_finalize (GObject *object)
{
  SbOnboarding *self = SB_ONBOARDING (object);

  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    g_free (self->text[i]);
  g_strfreev (self->carrier_ids);
  g_ptr_array_unref (self->reasons);

  G_OBJECT_CLASS (sb_onboarding_parent_class)->finalize (object);
}

static void
sb_onboarding_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SbOnboarding *self = SB_ONBOARDING (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_enum (value, self->step);
      break;
    case PROP_CARRIER_IDS:
      g_value_set_boxed (value, self->carrier_ids);
      break;
    case PROP_USE_SANDBOX:
      g_value_set_boolean (value, self->use_sandbox);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    default:
      if (prop_id >= PROP_TEXT_FIRST && prop_id < N_PROPS)
        g_value_set_string (value, self->text[prop_id - PROP_TEXT_FIRST]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_onboarding_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SbOnboarding *self = SB_ONBOARDING (object);

  switch (prop_id)
    {
    case PROP_STEP:
      sb_onboarding_set_step (self, g_value_get_enum (value));
      break;
    case PROP_CARRIER_IDS:
      sb_onboarding_set_carrier_ids (self, g_value_get_boxed (value));
      break;
    case PROP_USE_SANDBOX:
      sb_onboarding_set_use_sandbox (self, g_value_get_boolean (value));
      break;
    case PROP_STATUS:
      sb_onboarding_set_status (self, g_value_get_enum (value));
      break;
    default:
      if (prop_id >= PROP_TEXT_FIRST && prop_id < N_PROPS)
        sb_onboarding_set_text (self, text_fields[prop_id - PROP_TEXT_FIRST],
                                g_value_get_string (value));
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_onboarding_class_init (SbOnboardingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_onboarding_finalize;
  object_class->get_property = sb_onboarding_get_property;
  object_class->set_property = sb_onboarding_set_property;

  properties[PROP_STEP] =
    g_param_spec_enum ("step", NULL, NULL,
                       SB_TYPE_ONBOARDING_STEP, SB_ONBOARDING_STEP_COUNTRY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CARRIER_IDS] =
    g_param_spec_boxed ("carrier-ids", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USE_SANDBOX] =
    g_param_spec_boolean ("use-sandbox", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       SB_TYPE_ONBOARDING_STATUS, SB_ONBOARDING_STATUS_DRAFT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    properties[PROP_TEXT_FIRST + i] =
      g_param_spec_string (text_fields[i], NULL, NULL,
                           "",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_onboarding_init (SbOnboarding *self)
{
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    self->text[i] = g_strdup ("");
  g_free (self->text[text_field_index ("country")]);
  self->text[text_field_index ("country")] = g_strdup ("KR");
  g_free (self->text[text_field_index ("legal-form")]);
  self->text[text_field_index ("legal-form")] = g_strdup ("company");
  g_free (self->text[text_field_index ("payout-currency")]);
  self->text[text_field_index ("payout-currency")] = g_strdup ("KRW");
  g_free (self->text[text_field_index ("shipping-origin")]);
  self->text[text_field_index ("shipping-origin")] = g_strdup ("KR");
  self->carrier_ids = g_new0 (char *, 1);
  self->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
}

/* Public API -------------------------------------------------------------- */

const char *
sb_onboarding_step_to_string (SbOnboardingStep step)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (SB_TYPE_ONBOARDING_STEP);
  GEnumValue *value = g_enum_get_value (klass, step);

  return value != NULL ? value->value_nick : NULL;
}

gboolean
sb_onboarding_step_from_string (const char       *str,
                                SbOnboardingStep *out_step)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (SB_TYPE_ONBOARDING_STEP);
  GEnumValue *value = str != NULL ? g_enum_get_value_by_nick (klass, str) : NULL;

  if (value == NULL)
    return FALSE;
  *out_step = value->value;
  return TRUE;
}

/**
 * sb_onboarding_step_get_title:
 *
 * Returns: the translated name of @step, as the wizard shows it
 */
const char *
sb_onboarding_step_get_title (SbOnboardingStep step)
{
  switch (step)
    {
    case SB_ONBOARDING_STEP_COUNTRY:
      /* Translators: a step of the onboarding wizard. */
      return _("Country and Legal Form");
    case SB_ONBOARDING_STEP_IDENTITY:
      /* Translators: a step of the onboarding wizard. */
      return _("Registration");
    case SB_ONBOARDING_STEP_STORE:
      /* Translators: a step of the onboarding wizard. */
      return _("Store and Contact");
    case SB_ONBOARDING_STEP_PAYOUT:
      /* Translators: a step of the onboarding wizard. */
      return _("Payouts");
    case SB_ONBOARDING_STEP_SHIPPING:
      /* Translators: a step of the onboarding wizard. */
      return _("Shipping");
    case SB_ONBOARDING_STEP_CONNECTION:
      /* Translators: a step of the onboarding wizard. */
      return _("Marketplace Connection");
    case SB_ONBOARDING_STEP_REVIEW:
      /* Translators: a step of the onboarding wizard. */
      return _("Review and Submit");
    case SB_ONBOARDING_STEP_STATUS:
      /* Translators: a step of the onboarding wizard. */
      return _("Application Status");
    case SB_ONBOARDING_N_STEPS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
sb_onboarding_status_to_string (SbOnboardingStatus status)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (SB_TYPE_ONBOARDING_STATUS);
  GEnumValue *value = g_enum_get_value (klass, status);

  return value != NULL ? value->value_nick : NULL;
}

gboolean
sb_onboarding_status_from_string (const char         *str,
                                  SbOnboardingStatus *out_status)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (SB_TYPE_ONBOARDING_STATUS);
  GEnumValue *value = str != NULL ? g_enum_get_value_by_nick (klass, str) : NULL;

  if (value == NULL)
    return FALSE;
  *out_status = value->value;
  return TRUE;
}

SbOnboarding *
sb_onboarding_new (void)
{
  return g_object_new (SB_TYPE_ONBOARDING, NULL);
}

SbOnboardingStep
sb_onboarding_get_step (SbOnboarding *self)
{
  g_return_val_if_fail (SB_IS_ONBOARDING (self), SB_ONBOARDING_STEP_COUNTRY);
  return self->step;
}

void
sb_onboarding_set_step (SbOnboarding     *self,
                        SbOnboardingStep  step)
{
  g_return_if_fail (SB_IS_ONBOARDING (self));
  g_return_if_fail (step < SB_ONBOARDING_N_STEPS);

  if (self->step == step)
    return;
  self->step = step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

/**
 * sb_onboarding_get_text:
 * @field: a text field's property name, e.g. "registration-number"
 *
 * Returns: (transfer none): the field's value, never %NULL
 */
const char *
sb_onboarding_get_text (SbOnboarding *self,
                        const char   *field)
{
  int i = text_field_index (field);

  g_return_val_if_fail (SB_IS_ONBOARDING (self), NULL);
  g_return_val_if_fail (i >= 0, NULL);
  return self->text[i];
}

static void
set_text_internal (SbOnboarding *self,
                   int           i,
                   const char   *value)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (self->text[i], value) == 0)
    return;
  g_free (self->text[i]);
  self->text[i] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_FIRST + i]);
}

/**
 * sb_onboarding_set_text:
 * @field: a text field's property name
 *
 * Sets a field.  Choosing another country also moves the payout currency
 * to that country's (unless it is USD) and the shipping origin with it;
 * choosing another shipping origin drops the carriers chosen for the old
 * one.
 */
void
sb_onboarding_set_text (SbOnboarding *self,
                        const char   *field,
                        const char   *value)
{
  int i = text_field_index (field);
  g_autofree char *old_country = NULL;
  g_autofree char *old_origin = NULL;

  g_return_if_fail (SB_IS_ONBOARDING (self));
  g_return_if_fail (i >= 0);

  old_country = g_strdup (sb_onboarding_get_text (self, "country"));
  old_origin = g_strdup (sb_onboarding_get_text (self, "shipping-origin"));

  g_object_freeze_notify (G_OBJECT (self));
  set_text_internal (self, i, value);

  if (g_str_equal (field, "country") && g_strcmp0 (old_country, value) != 0)
    {
      const char *currency = sb_onboarding_get_text (self, "payout-currency");

      if (g_strcmp0 (currency, "USD") != 0)
        set_text_internal (self, text_field_index ("payout-currency"),
                           g_strcmp0 (value, "RU") == 0 ? "RUB" : "KRW");
      if (g_strcmp0 (old_origin, old_country) == 0 || is_blank (old_origin))
        sb_onboarding_set_text (self, "shipping-origin", value);
    }
  if (g_str_equal (field, "shipping-origin") && g_strcmp0 (old_origin, value) != 0)
    sb_onboarding_set_carrier_ids (self, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

const char * const *
sb_onboarding_get_carrier_ids (SbOnboarding *self)
{
  g_return_val_if_fail (SB_IS_ONBOARDING (self), NULL);
  return (const char * const *) self->carrier_ids;
}

void
sb_onboarding_set_carrier_ids (SbOnboarding       *self,
                               const char * const *ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) new_ids = NULL;

  g_return_if_fail (SB_IS_ONBOARDING (self));

  /* Keep the first occurrence of each id, in order. */
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = g_str_equal (ids[i], ids[j]);
      if (!seen && *ids[i] != '\0')
        g_strv_builder_add (builder, ids[i]);
    }
  new_ids = g_strv_builder_end (builder);
  if (g_strv_equal ((const char * const *) new_ids, (const char * const *) self->carrier_ids))
    return;
  g_strfreev (self->carrier_ids);
  self->carrier_ids = g_steal_pointer (&new_ids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARRIER_IDS]);
}

gboolean
sb_onboarding_has_carrier (SbOnboarding *self,
                           const char   *carrier_id)
{
  g_return_val_if_fail (SB_IS_ONBOARDING (self), FALSE);
  return g_strv_contains ((const char * const *) self->carrier_ids, carrier_id);
}

/**
 * sb_onboarding_set_carrier:
 *
 * Adds @carrier_id to the default carriers or removes it.
 */
void
sb_onboarding_set_carrier (SbOnboarding *self,
                           const char   *carrier_id,
                           gboolean      chosen)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  g_return_if_fail (SB_IS_ONBOARDING (self));
  g_return_if_fail (carrier_id != NULL);

  if (sb_onboarding_has_carrier (self, carrier_id) == !!chosen)
    return;
  for (guint i = 0; self->carrier_ids[i] != NULL; i++)
    if (!g_str_equal (self->carrier_ids[i], carrier_id))
      g_strv_builder_add (builder, self->carrier_ids[i]);
  if (chosen)
    g_strv_builder_add (builder, carrier_id);
  ids = g_strv_builder_end (builder);
  sb_onboarding_set_carrier_ids (self, (const char * const *) ids);
}

gboolean
sb_onboarding_get_use_sandbox (SbOnboarding *self)
{
  g_return_val_if_fail (SB_IS_ONBOARDING (self), FALSE);
  return self->use_sandbox;
}

void
sb_onboarding_set_use_sandbox (SbOnboarding *self,
                               gboolean      use_sandbox)
{
  g_return_if_fail (SB_IS_ONBOARDING (self));

  use_sandbox = !!use_sandbox;
  if (self->use_sandbox == use_sandbox)
    return;
  self->use_sandbox = use_sandbox;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USE_SANDBOX]);
}

SbOnboardingStatus
sb_onboarding_get_status (SbOnboarding *self)
{
  g_return_val_if_fail (SB_IS_ONBOARDING (self), SB_ONBOARDING_STATUS_DRAFT);
  return self->status;
}

void
sb_onboarding_set_status (SbOnboarding       *self,
                          SbOnboardingStatus  status)
{
  g_return_if_fail (SB_IS_ONBOARDING (self));

  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/**
 * sb_onboarding_get_reasons:
 *
 * Returns: (transfer none) (element-type SbReason): the marketplace's
 *   reasons for rejecting the application, empty unless rejected
 */
GPtrArray *
sb_onboarding_get_reasons (SbOnboarding *self)
{
  g_return_val_if_fail (SB_IS_ONBOARDING (self), NULL);
  return self->reasons;
}

/**
 * sb_onboarding_set_review:
 * @reasons: (nullable) (element-type SbReason): copied
 *
 * Sets the status and the reasons together; "status" is notified even
 * when only the reasons changed.
 */
void
sb_onboarding_set_review (SbOnboarding       *self,
                          SbOnboardingStatus  status,
                          GPtrArray          *reasons)
{
  g_return_if_fail (SB_IS_ONBOARDING (self));

  g_ptr_array_set_size (self->reasons, 0);
  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    g_ptr_array_add (self->reasons, sb_reason_copy (g_ptr_array_index (reasons, i)));
  if (self->status == status)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  else
    sb_onboarding_set_status (self, status);
}

/**
 * sb_onboarding_step_get_fields:
 *
 * Returns: (transfer none): the property names of the fields on @step,
 *   %NULL-terminated, in the order the wizard shows them
 */
const char * const *
sb_onboarding_step_get_fields (SbOnboardingStep step)
{
  switch (step)
    {
    case SB_ONBOARDING_STEP_COUNTRY:
      return country_fields;
    case SB_ONBOARDING_STEP_IDENTITY:
      return identity_fields;
    case SB_ONBOARDING_STEP_STORE:
      return store_fields;
    case SB_ONBOARDING_STEP_PAYOUT:
      return payout_fields;
    case SB_ONBOARDING_STEP_SHIPPING:
      return shipping_fields;
    case SB_ONBOARDING_STEP_CONNECTION:
      return connection_fields;
    case SB_ONBOARDING_STEP_REVIEW:
    case SB_ONBOARDING_STEP_STATUS:
    case SB_ONBOARDING_N_STEPS:
    default:
      return no_fields;
    }
}

/**
 * sb_onboarding_field_get_step:
 *
 * Returns: the step that shows @field, or %SB_ONBOARDING_N_STEPS when no
 *   step does
 */
SbOnboardingStep
sb_onboarding_field_get_step (const char *field)
{
  for (SbOnboardingStep step = 0; step < SB_ONBOARDING_N_STEPS; step++)
    if (g_strv_contains (sb_onboarding_step_get_fields (step), field))
      return step;
  return SB_ONBOARDING_N_STEPS;
}

/**
 * sb_onboarding_field_applies:
 *
 * Returns: whether @field is asked of this seller: the INN only in Russia,
 *   the KPP only for a Russian company
 */
gboolean
sb_onboarding_field_applies (SbOnboarding *self,
                             const char   *field)
{
  g_return_val_if_fail (SB_IS_ONBOARDING (self), FALSE);

  if (g_strcmp0 (field, "tax-id") == 0)
    return is_russian (self);
  if (g_strcmp0 (field, "kpp") == 0)
    return is_russian (self) && is_company (self);
  return TRUE;
}

/**
 * sb_onboarding_check_field:
 * @field: a field's property name
 *
 * Checks one field.  A field that does not apply to this seller is always
 * fine.
 *
 * Returns: %TRUE when the field is complete and valid; otherwise %FALSE
 *   with @error set to the message to show at the field
 */
gboolean
sb_onboarding_check_field (SbOnboarding  *self,
                           const char    *field,
                           GError       **error)
{
  const char *text;

  g_return_val_if_fail (SB_IS_ONBOARDING (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (!sb_onboarding_field_applies (self, field))
    return TRUE;

  if (g_str_equal (field, "carrier-ids"))
    {
      if (self->carrier_ids[0] == NULL)
        {
          g_set_error_literal (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_REQUIRED,
                               _("Choose at least one carrier to offer your buyers."));
          return FALSE;
        }
      return TRUE;
    }

  text = sb_onboarding_get_text (self, field);

  if (g_str_equal (field, "country"))
    {
      if (g_strcmp0 (text, "KR") != 0 && g_strcmp0 (text, "RU") != 0)
        {
          g_set_error_literal (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_REQUIRED,
                               _("Choose Korea or Russia: the marketplace takes sellers registered in one of them."));
          return FALSE;
        }
      return TRUE;
    }
  if (g_str_equal (field, "legal-form"))
    {
      if (g_strcmp0 (text, "company") != 0 && g_strcmp0 (text, "sole_proprietor") != 0)
        {
          g_set_error_literal (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_REQUIRED,
                               _("Choose whether you sell as a company or as a sole proprietor."));
          return FALSE;
        }
      return TRUE;
    }
  if (g_str_equal (field, "legal-name"))
    return require (text, _("Enter the name under which your business is registered."), error);
  if (g_str_equal (field, "registration-number"))
    {
      g_autofree char *normalized = NULL;

      if (!is_russian (self))
        {
          if (!require (text, _("Enter your business registration number (10 digits)."), error))
            return FALSE;
        }
      else if (!require (text, is_company (self) ? _("Enter your OGRN (13 digits).")
                                                 : _("Enter your OGRNIP (15 digits)."), error))
        return FALSE;
      normalized = check_identity (self, field, error);
      return normalized != NULL;
    }
  if (g_str_equal (field, "tax-id"))
    {
      g_autofree char *normalized = NULL;

      if (!require (text, is_company (self) ? _("Enter your INN (10 digits for a company).")
                                            : _("Enter your INN (12 digits for a sole proprietor)."), error))
        return FALSE;
      normalized = check_identity (self, field, error);
      return normalized != NULL;
    }
  if (g_str_equal (field, "kpp"))
    {
      g_autofree char *normalized = NULL;

      if (!require (text, _("Enter your company’s KPP (9 characters)."), error))
        return FALSE;
      normalized = check_identity (self, field, error);
      return normalized != NULL;
    }
  if (g_str_equal (field, "store-name"))
    return require (text, _("Enter the name buyers will see for your store."), error);
  if (g_str_equal (field, "contact-email"))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (text));

      return require (text, _("Enter an email address where the marketplace can reach you."), error) &&
             check_email (trimmed, error);
    }
  if (g_str_equal (field, "phone"))
    return require (text, _("Enter a phone number where the marketplace can reach you."), error) &&
           check_phone (text, error);
  if (g_str_equal (field, "payout-currency"))
    {
      const char *local = is_russian (self) ? "RUB" : "KRW";

      if (g_strcmp0 (text, local) != 0 && g_strcmp0 (text, "USD") != 0)
        {
          g_set_error (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_INVALID,
                       /* Translators: %s is a currency code, KRW or RUB. */
                       _("Payouts can be made in %s or in USD."),
                       local);
          return FALSE;
        }
      return TRUE;
    }
  if (g_str_equal (field, "bank-name"))
    return require (text, _("Enter the name of your bank."), error);
  if (g_str_equal (field, "bank-account"))
    return require (text, _("Enter the account number payouts go to."), error) &&
           check_bank_account (text, error);
  if (g_str_equal (field, "bank-holder"))
    return require (text, _("Enter the account holder’s name exactly as the bank has it."), error);
  if (g_str_equal (field, "shipping-origin"))
    {
      if (g_strcmp0 (text, "KR") != 0 && g_strcmp0 (text, "RU") != 0)
        {
          g_set_error_literal (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_REQUIRED,
                               _("Choose the country your parcels leave from."));
          return FALSE;
        }
      return TRUE;
    }
  if (g_str_equal (field, "endpoint"))
    {
      g_autofree char *url = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!require (text, _("Enter the Seller API address your marketplace gave you."), error))
        return FALSE;
      url = sb_endpoint_normalize (text, &local_error);
      if (url == NULL)
        {
          g_set_error_literal (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_INVALID,
                               local_error->message);
          return FALSE;
        }
      return TRUE;
    }
  if (g_str_equal (field, "access-key"))
    {
      if (!require (text, _("Enter the access key ID from the marketplace’s seller portal."), error))
        return FALSE;
      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        if (g_unichar_isspace (g_utf8_get_char (p)))
          {
            g_set_error_literal (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_INVALID,
                                 _("An access key ID has no spaces. Copy it again from the seller portal."));
            return FALSE;
          }
      return TRUE;
    }
  g_return_val_if_reached (FALSE);
}

/**
 * sb_onboarding_check_step:
 * @out_errors: (out) (optional) (element-type utf8 utf8): field → message
 *   for every field of @step that is not right
 *
 * Returns: %TRUE when every field of @step is complete and valid
 */
gboolean
sb_onboarding_check_step (SbOnboarding      *self,
                          SbOnboardingStep   step,
                          GHashTable       **out_errors)
{
  g_autoptr(GHashTable) errors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char * const *fields = sb_onboarding_step_get_fields (step);

  g_return_val_if_fail (SB_IS_ONBOARDING (self), FALSE);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!sb_onboarding_check_field (self, fields[i], &error))
        g_hash_table_insert (errors, (gpointer) fields[i], g_strdup (error->message));
    }
  if (g_hash_table_size (errors) > 0)
    {
      if (out_errors != NULL)
        *out_errors = g_steal_pointer (&errors);
      return FALSE;
    }
  if (out_errors != NULL)
    *out_errors = NULL;
  return TRUE;
}

/**
 * sb_onboarding_find_invalid_step:
 *
 * Returns: the first step before the review whose fields are not right,
 *   or %SB_ONBOARDING_STEP_REVIEW when all are
 */
SbOnboardingStep
sb_onboarding_find_invalid_step (SbOnboarding *self)
{
  g_return_val_if_fail (SB_IS_ONBOARDING (self), SB_ONBOARDING_STEP_COUNTRY);

  for (SbOnboardingStep step = 0; step < SB_ONBOARDING_STEP_REVIEW; step++)
    if (!sb_onboarding_check_step (self, step, NULL))
      return step;
  return SB_ONBOARDING_STEP_REVIEW;
}

/**
 * sb_onboarding_go_next:
 * @out_errors: (out) (optional): as for sb_onboarding_check_step()
 *
 * Moves to the next step when the current one is right.  The review step
 * leads nowhere by this call: it is left by submitting.
 *
 * Returns: %TRUE when the step changed
 */
gboolean
sb_onboarding_go_next (SbOnboarding  *self,
                       GHashTable   **out_errors)
{
  g_return_val_if_fail (SB_IS_ONBOARDING (self), FALSE);

  if (out_errors != NULL)
    *out_errors = NULL;
  if (self->step >= SB_ONBOARDING_STEP_REVIEW)
    return FALSE;
  if (!sb_onboarding_check_step (self, self->step, out_errors))
    return FALSE;
  sb_onboarding_set_step (self, self->step + 1);
  return TRUE;
}

/**
 * sb_onboarding_go_back:
 *
 * Returns: %TRUE when the step changed
 */
gboolean
sb_onboarding_go_back (SbOnboarding *self)
{
  g_return_val_if_fail (SB_IS_ONBOARDING (self), FALSE);

  if (self->step == SB_ONBOARDING_STEP_COUNTRY || self->step >= SB_ONBOARDING_STEP_STATUS)
    return FALSE;
  sb_onboarding_set_step (self, self->step - 1);
  return TRUE;
}

/**
 * sb_onboarding_to_json:
 *
 * Serialises the progress — the step, every field, the status and the
 * reasons — for the store's settings.  The secret key is never part of it.
 *
 * Returns: (transfer full): a JSON object
 */
char *
sb_onboarding_to_json (SbOnboarding *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (SB_IS_ONBOARDING (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, PROGRESS_VERSION);
  json_builder_set_member_name (builder, "step");
  json_builder_add_string_value (builder, sb_onboarding_step_to_string (self->step));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, sb_onboarding_status_to_string (self->status));
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    {
      json_builder_set_member_name (builder, text_fields[i]);
      json_builder_add_string_value (builder, self->text[i]);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "carrier-ids");
  json_builder_begin_array (builder);
  for (guint i = 0; self->carrier_ids[i] != NULL; i++)
    json_builder_add_string_value (builder, self->carrier_ids[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "use-sandbox");
  json_builder_add_boolean_value (builder, self->use_sandbox);
  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->reasons->len; i++)
    {
      SbReason *reason = g_ptr_array_index (self->reasons, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, reason->code);
      if (reason->path != NULL)
        {
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, reason->path);
        }
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, reason->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
progress_error (GError **error)
{
  g_set_error_literal (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_PROGRESS,
                       _("The saved onboarding progress cannot be read. Start the set-up again."));
  return FALSE;
}

static void
set_reasons_from_array (SbOnboarding *self,
                        JsonArray    *array)
{
  g_ptr_array_set_size (self->reasons, 0);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      g_ptr_array_add (self->reasons,
                       sb_reason_new (json_object_get_string_member_with_default (object, "code", ""),
                                      json_object_get_string_member_with_default (object, "path",
                                        json_object_get_string_member_with_default (object, "field", NULL)),
                                      json_object_get_string_member_with_default (object, "message", "")));
    }
}

/**
 * sb_onboarding_load_json:
 *
 * Restores progress saved by sb_onboarding_to_json().  On error nothing
 * is changed.
 */
gboolean
sb_onboarding_load_json (SbOnboarding  *self,
                         const char    *json,
                         GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *root, *fields;
  JsonArray *carriers;
  SbOnboardingStep step;
  SbOnboardingStatus status;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) carrier_ids = NULL;

  g_return_val_if_fail (SB_IS_ONBOARDING (self), FALSE);

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return progress_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member_with_default (root, "version", 0) != PROGRESS_VERSION ||
      !sb_onboarding_step_from_string (json_object_get_string_member_with_default (root, "step", NULL), &step) ||
      !sb_onboarding_status_from_string (json_object_get_string_member_with_default (root, "status", NULL), &status) ||
      !json_object_has_member (root, "fields") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "fields")))
    return progress_error (error);
  fields = json_object_get_object_member (root, "fields");
  carriers = json_object_has_member (root, "carrier-ids") &&
             JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "carrier-ids"))
             ? json_object_get_array_member (root, "carrier-ids") : NULL;
  for (guint i = 0; carriers != NULL && i < json_array_get_length (carriers); i++)
    {
      const char *id = json_array_get_string_element (carriers, i);

      if (id != NULL)
        g_strv_builder_add (builder, id);
    }
  carrier_ids = g_strv_builder_end (builder);

  g_object_freeze_notify (G_OBJECT (self));
  /* The country and origin first: setting them resets what depends on them. */
  sb_onboarding_set_text (self, "country",
                          json_object_get_string_member_with_default (fields, "country", "KR"));
  sb_onboarding_set_text (self, "shipping-origin",
                          json_object_get_string_member_with_default (fields, "shipping-origin", "KR"));
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    set_text_internal (self, i, json_object_get_string_member_with_default (fields, text_fields[i], ""));
  sb_onboarding_set_carrier_ids (self, (const char * const *) carrier_ids);
  sb_onboarding_set_use_sandbox (self, json_object_get_boolean_member_with_default (root, "use-sandbox", FALSE));
  set_reasons_from_array (self,
                          json_object_has_member (root, "reasons") &&
                          JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "reasons"))
                          ? json_object_get_array_member (root, "reasons") : NULL);
  sb_onboarding_set_status (self, status);
  sb_onboarding_set_step (self, step);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/**
 * sb_onboarding_build_seller:
 *
 * Builds the body of PUT /v1/seller from the fields, with the identity
 * numbers normalised, through #SbSeller and its validation.
 *
 * Returns: (transfer full) (nullable): a JSON object node, or %NULL with
 *   @error set to the first field that is not right
 */
JsonNode *
sb_onboarding_build_seller (SbOnboarding  *self,
                            GError       **error)
{
  g_autoptr(SbSeller) seller = NULL;
  g_autoptr(GPtrArray) field_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  g_autofree char *registration = NULL;
  g_autofree char *tax_id = NULL;
  g_autofree char *kpp = NULL;

  g_return_val_if_fail (SB_IS_ONBOARDING (self), NULL);

  for (SbOnboardingStep step = 0; step <= SB_ONBOARDING_STEP_PAYOUT; step++)
    {
      const char * const *fields = sb_onboarding_step_get_fields (step);

      for (guint i = 0; fields[i] != NULL; i++)
        if (!sb_onboarding_check_field (self, fields[i], error))
          return NULL;
    }

  registration = check_identity (self, "registration-number", NULL);
  if (sb_onboarding_field_applies (self, "tax-id"))
    tax_id = check_identity (self, "tax-id", NULL);
  if (sb_onboarding_field_applies (self, "kpp"))
    kpp = check_identity (self, "kpp", NULL);
  seller = sb_seller_new ();
  seller->country = g_strdup (sb_onboarding_get_text (self, "country"));
  seller->legal_form = g_strdup (sb_onboarding_get_text (self, "legal-form"));
  seller->legal_name = g_strstrip (g_strdup (sb_onboarding_get_text (self, "legal-name")));
  seller->registration_number = g_steal_pointer (&registration);
  seller->tax_id = g_steal_pointer (&tax_id);
  seller->kpp = g_steal_pointer (&kpp);
  seller->store_name = g_strstrip (g_strdup (sb_onboarding_get_text (self, "store-name")));
  seller->contact_email = g_strstrip (g_strdup (sb_onboarding_get_text (self, "contact-email")));
  seller->phone = g_strstrip (g_strdup (sb_onboarding_get_text (self, "phone")));
  seller->payout_currency = g_strdup (sb_onboarding_get_text (self, "payout-currency"));
  seller->bank_name = g_strstrip (g_strdup (sb_onboarding_get_text (self, "bank-name")));
  seller->bank_account = g_strstrip (g_strdup (sb_onboarding_get_text (self, "bank-account")));
  seller->bank_holder = g_strstrip (g_strdup (sb_onboarding_get_text (self, "bank-holder")));

  /* The contract's own rules, shared with the sandbox, have the last word. */
  if (!sb_seller_validate (seller, field_errors))
    {
      const SbReason *first = g_ptr_array_index (field_errors, 0);

      g_set_error_literal (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_INVALID, first->message);
      return NULL;
    }
  return sb_seller_to_json (seller);
}

/**
 * sb_onboarding_apply_profile:
 * @profile: the body of a GET or PUT /v1/seller answer
 *
 * Takes the review status and the reasons from the marketplace's copy of
 * the profile.
 */
gboolean
sb_onboarding_apply_profile (SbOnboarding  *self,
                             JsonObject    *profile,
                             GError       **error)
{
  SbOnboardingStatus status;
  const char *str;

  g_return_val_if_fail (SB_IS_ONBOARDING (self), FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  str = json_object_get_string_member_with_default (profile, "status", NULL);
  if (!sb_onboarding_status_from_string (str, &status) ||
      status == SB_ONBOARDING_STATUS_DRAFT || status == SB_ONBOARDING_STATUS_QUEUED)
    {
      g_set_error_literal (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_PROGRESS,
                           _("The marketplace sent an application status Sellbridge does not know. Update Sellbridge and try again."));
      return FALSE;
    }
  g_object_freeze_notify (G_OBJECT (self));
  set_reasons_from_array (self,
                          json_object_has_member (profile, "reasons") &&
                          JSON_NODE_HOLDS_ARRAY (json_object_get_member (profile, "reasons"))
                          ? json_object_get_array_member (profile, "reasons") : NULL);
  if (status != SB_ONBOARDING_STATUS_REJECTED)
    g_ptr_array_set_size (self->reasons, 0);
  /* Reasons change with the status; notify even when the status did not. */
  if (self->status == status)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  sb_onboarding_set_status (self, status);
  if (self->step < SB_ONBOARDING_STEP_STATUS)
    sb_onboarding_set_step (self, SB_ONBOARDING_STEP_STATUS);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/* Maps an API field name, as it appears in a reason's path or code, to the
 * wizard's field. */
static const struct {
  const char *api;
  const char *field;
} api_fields[] = {
  { "registration_number", "registration-number" },
  { "tax_id", "tax-id" },
  { "inn", "tax-id" },
  { "kpp", "kpp" },
  { "legal_name", "legal-name" },
  { "legal_form", "legal-form" },
  { "store_name", "store-name" },
  { "contact_email", "contact-email" },
  { "email", "contact-email" },
  { "phone", "phone" },
  { "payout_currency", "payout-currency" },
  { "bank.account", "bank-account" },
  { "bank.holder", "bank-holder" },
  { "bank.name", "bank-name" },
  { "bank", "bank-account" },
  { "country", "country" },
};

/**
 * sb_onboarding_reason_get_field:
 *
 * Returns: (nullable): the property name of the field @reason is about
 */
const char *
sb_onboarding_reason_get_field (const SbReason *reason)
{
  const char *texts[] = { reason->path, reason->code };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (guint i = 0; texts[t] != NULL && i < G_N_ELEMENTS (api_fields); i++)
      if (strstr (texts[t], api_fields[i].api) != NULL)
        return api_fields[i].field;
  return NULL;
}

/**
 * sb_onboarding_reason_get_step:
 *
 * Returns: the step where the seller fixes what @reason is about, or
 *   %SB_ONBOARDING_N_STEPS when it is about nothing the wizard asks
 */
SbOnboardingStep
sb_onboarding_reason_get_step (const SbReason *reason)
{
  const char *field;

  g_return_val_if_fail (reason != NULL, SB_ONBOARDING_N_STEPS);

  field = sb_onboarding_reason_get_field (reason);
  return field != NULL ? sb_onboarding_field_get_step (field) : SB_ONBOARDING_N_STEPS;
}

/**
 * sb_onboarding_reason_get_fix:
 *
 * Returns: (transfer none): a translated sentence telling the seller how
 *   to fix what @reason is about
 */
const char *
sb_onboarding_reason_get_fix (const SbReason *reason)
{
  const char *field;

  g_return_val_if_fail (reason != NULL, NULL);

  field = sb_onboarding_reason_get_field (reason);
  if (g_strcmp0 (field, "registration-number") == 0 || g_strcmp0 (field, "tax-id") == 0 ||
      g_strcmp0 (field, "kpp") == 0 || g_strcmp0 (field, "legal-name") == 0 ||
      g_strcmp0 (field, "legal-form") == 0)
    return _("Correct it on the Registration step so that it matches your registration certificate exactly, then submit again.");
  if (g_strcmp0 (field, "store-name") == 0 || g_strcmp0 (field, "contact-email") == 0 ||
      g_strcmp0 (field, "phone") == 0)
    return _("Correct it on the Store and Contact step, then submit again.");
  if (g_strcmp0 (field, "payout-currency") == 0 || g_strcmp0 (field, "bank-name") == 0 ||
      g_strcmp0 (field, "bank-account") == 0 || g_strcmp0 (field, "bank-holder") == 0)
    return _("Correct your bank details on the Payouts step, then submit again.");
  if (g_strcmp0 (field, "country") == 0)
    return _("Check the country and legal form on the first step, then submit again.");
  return _("Contact the marketplace’s seller support with this message; there is nothing to change in Sellbridge.");
}
