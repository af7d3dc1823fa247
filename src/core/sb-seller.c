/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-seller.c: the seller profile of GET/PUT /v1/seller.  The PUT body
 * leaves out what the server owns (status, reasons) and sends an absent
 * tax id, KPP or phone as null; reading type-checks every member and
 * tolerates missing and unknown ones; validation applies the contract's
 * onboarding rules with the identity-number checks of sb-identity: a BRN
 * for Korea; INN, OGRN or OGRNIP and, for companies only, KPP for
 * Russia; the payout currency of the country or USD.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-identity.h"
#include "sb-json-util.h"
#include "sb-product.h"
#include "sb-product-json.h"
#include "sb-seller.h"

G_DEFINE_QUARK (sb-seller-error-quark, sb_seller_error)

#define ERR SB_SELLER_ERROR, SB_SELLER_ERROR_INVALID

G_DEFINE_BOXED_TYPE (SbSeller, sb_seller, sb_seller_copy, sb_seller_free)

SbSeller *
sb_seller_new (void)
{
  SbSeller *seller = g_new0 (SbSeller, 1);

  seller->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  return seller;
}

SbSeller *
sb_seller_copy (const SbSeller *seller)
{
  SbSeller *copy = sb_seller_new ();

  copy->country = g_strdup (seller->country);
  copy->legal_form = g_strdup (seller->legal_form);
  copy->legal_name = g_strdup (seller->legal_name);
  copy->registration_number = g_strdup (seller->registration_number);
  copy->tax_id = g_strdup (seller->tax_id);
  copy->kpp = g_strdup (seller->kpp);
  copy->store_name = g_strdup (seller->store_name);
  copy->contact_email = g_strdup (seller->contact_email);
  copy->phone = g_strdup (seller->phone);
  copy->payout_currency = g_strdup (seller->payout_currency);
  copy->bank_name = g_strdup (seller->bank_name);
  copy->bank_account = g_strdup (seller->bank_account);
  copy->bank_holder = g_strdup (seller->bank_holder);
  copy->status = g_strdup (seller->status);
  for (guint i = 0; i < seller->reasons->len; i++)
    g_ptr_array_add (copy->reasons, sb_reason_copy (g_ptr_array_index (seller->reasons, i)));
  return copy;
}

void
sb_seller_free (SbSeller *seller)
{
  if (seller == NULL)
    return;
  g_free (seller->country);
  g_free (seller->legal_form);
  g_free (seller->legal_name);
  g_free (seller->registration_number);
  g_free (seller->tax_id);
  g_free (seller->kpp);
  g_free (seller->store_name);
  g_free (seller->contact_email);
  g_free (seller->phone);
  g_free (seller->payout_currency);
  g_free (seller->bank_name);
  g_free (seller->bank_account);
  g_free (seller->bank_holder);
  g_free (seller->status);
  g_ptr_array_unref (seller->reasons);
  g_free (seller);
}

/**
 * sb_seller_equal:
 *
 * Returns: whether @a and @b carry the same application (the PUT body);
 *   the server-owned status and reasons are not compared
 */
gboolean
sb_seller_equal (const SbSeller *a,
                 const SbSeller *b)
{
  return g_strcmp0 (a->country, b->country) == 0 &&
         g_strcmp0 (a->legal_form, b->legal_form) == 0 &&
         g_strcmp0 (a->legal_name, b->legal_name) == 0 &&
         g_strcmp0 (a->registration_number, b->registration_number) == 0 &&
         g_strcmp0 (a->tax_id, b->tax_id) == 0 &&
         g_strcmp0 (a->kpp, b->kpp) == 0 &&
         g_strcmp0 (a->store_name, b->store_name) == 0 &&
         g_strcmp0 (a->contact_email, b->contact_email) == 0 &&
         g_strcmp0 (a->phone, b->phone) == 0 &&
         g_strcmp0 (a->payout_currency, b->payout_currency) == 0 &&
         g_strcmp0 (a->bank_name, b->bank_name) == 0 &&
         g_strcmp0 (a->bank_account, b->bank_account) == 0 &&
         g_strcmp0 (a->bank_holder, b->bank_holder) == 0;
}

gboolean
sb_seller_is_sole_proprietor (const SbSeller *seller)
{
  return g_strcmp0 (seller->legal_form, "sole_proprietor") == 0;
}

static void
normalize_member (char **value)
{
  char *normalized;

  if (*value == NULL)
    return;
  normalized = sb_id_normalize (*value);
  g_free (*value);
  *value = normalized;
  if (*normalized == '\0')
    g_clear_pointer (value, g_free);
}

void
sb_seller_normalize_ids (SbSeller *seller)
{
  normalize_member (&seller->registration_number);
  normalize_member (&seller->tax_id);
  normalize_member (&seller->kpp);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * sb_seller_to_json:
 *
 * Returns: (transfer full): the body of PUT /v1/seller; members that are
 *   %NULL (tax_id and kpp for a Korean seller, …) are sent as null
 */
JsonNode *
sb_seller_to_json (const SbSeller *seller)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (seller != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "country", seller->country);
  add_string (builder, "legal_form", seller->legal_form);
  add_string (builder, "legal_name", seller->legal_name);
  add_string (builder, "registration_number", seller->registration_number);
  add_string (builder, "tax_id", seller->tax_id);
  add_string (builder, "kpp", seller->kpp);
  add_string (builder, "store_name", seller->store_name);
  add_string (builder, "contact_email", seller->contact_email);
  add_string (builder, "phone", seller->phone);
  add_string (builder, "payout_currency", seller->payout_currency);
  json_builder_set_member_name (builder, "bank");
  json_builder_begin_object (builder);
  add_string (builder, "name", seller->bank_name);
  add_string (builder, "account", seller->bank_account);
  add_string (builder, "holder", seller->bank_holder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * sb_seller_from_json:
 * @node: the body of GET or PUT /v1/seller
 *
 * Every member is optional (validation says what is missing) but must have
 * its type when present; unknown members are ignored.
 *
 * Returns: (transfer full) (nullable): the seller, or %NULL with @error
 */
SbSeller *
sb_seller_from_json (JsonNode  *node,
                     GError   **error)
{
  g_autoptr(SbSeller) seller = sb_seller_new ();
  const struct { const char *name; char **out; } members[] = {
    { "country", &seller->country },
    { "legal_form", &seller->legal_form },
    { "legal_name", &seller->legal_name },
    { "registration_number", &seller->registration_number },
    { "tax_id", &seller->tax_id },
    { "kpp", &seller->kpp },
    { "store_name", &seller->store_name },
    { "contact_email", &seller->contact_email },
    { "phone", &seller->phone },
    { "payout_currency", &seller->payout_currency },
    { "status", &seller->status },
  };
  JsonObject *object;
  JsonObject *bank = NULL;
  JsonNode *reasons;

  g_return_val_if_fail (node != NULL, NULL);

  if (sb_json_check_node (node, _("the seller profile"), JSON_TYPE_OBJECT, ERR, error) != SB_JSON_OK)
    goto fail;
  object = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (sb_json_get_string (object, NULL, members[i].name, SB_JSON_NULLABLE, members[i].out, ERR, error) > SB_JSON_ABSENT)
      goto fail;
  switch (sb_json_get_object (object, NULL, "bank", SB_JSON_NULLABLE, &bank, ERR, error))
    {
    case SB_JSON_OK:
      if (sb_json_get_string (bank, "bank", "name", SB_JSON_NULLABLE, &seller->bank_name, ERR, error) > SB_JSON_ABSENT ||
          sb_json_get_string (bank, "bank", "account", SB_JSON_NULLABLE, &seller->bank_account, ERR, error) > SB_JSON_ABSENT ||
          sb_json_get_string (bank, "bank", "holder", SB_JSON_NULLABLE, &seller->bank_holder, ERR, error) > SB_JSON_ABSENT)
        goto fail;
      break;
    case SB_JSON_ABSENT:
      break;
    default:
      goto fail;
    }
  reasons = json_object_get_member (object, "reasons");
  if (reasons != NULL && !JSON_NODE_HOLDS_NULL (reasons))
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) list = sb_reasons_from_json (reasons, &local_error);

      if (list == NULL)
        {
          g_set_error_literal (error, ERR, local_error->message);
          goto fail;
        }
      for (guint i = 0; i < list->len; i++)
        g_ptr_array_add (seller->reasons, sb_reason_copy (g_ptr_array_index (list, i)));
    }
  return g_steal_pointer (&seller);

fail:
  g_prefix_error (error, "%s", _("The seller profile cannot be read: "));
  return NULL;
}

/* Validation */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

G_GNUC_PRINTF (4, 5)
static void
add (GPtrArray  *errors,
     const char *path,
     const char *code,
     const char *format,
     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (errors, sb_reason_new (code, path, message));
}

/* local@domain.tld: one @, no spaces, a dot inside the domain, no empty
 * labels.  The mailbox is confirmed by mail, not by a pattern. */
static gboolean
email_is_plausible (const char *email)
{
  const char *at = strchr (email, '@');
  const char *domain;
  gboolean dot = FALSE;

  if (at == NULL || at == email || strchr (at + 1, '@') != NULL || strlen (email) > 254)
    return FALSE;
  for (const char *p = email; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == ',' || c == ';' || c == '<' || c == '>')
        return FALSE;
    }
  domain = at + 1;
  if (*domain == '.' || *domain == '\0' || domain[strlen (domain) - 1] == '.' || strstr (domain, "..") != NULL)
    return FALSE;
  for (const char *p = domain; *p != '\0'; p++)
    dot = dot || *p == '.';
  return dot;
}

/* Digits with optional +, spaces, dashes, dots and parentheses; 7–15 digits (E.164). */
static gboolean
phone_is_plausible (const char *phone)
{
  guint digits = 0;

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == '+' && p == phone)
        continue;
      else if (strchr (" -.()", *p) == NULL)
        return FALSE;
    }
  return digits >= 7 && digits <= 15;
}

/* Checks an identity number that must be present, and in normalised form. */
static void
check_id (GPtrArray   *errors,
          const char  *path,
          const char  *value,
          SbIdKind     kind,
          int          form,   /* -1 unknown, 0 company, 1 sole proprietor */
          const char  *missing_message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  if (is_blank (value))
    {
      add (errors, path, "required", "%s", missing_message);
      return;
    }
  if (form < 0)
    normalized = sb_id_check (kind, value, &error);
  else
    normalized = sb_id_check_for_form (kind, value, form == 1, &error);
  if (normalized == NULL)
    add (errors, path, "invalid", "%s", error->message);
  else if (g_strcmp0 (normalized, value) != 0)
    add (errors, path, "invalid",
         /* Translators: %s is the number without spaces or dashes. */
         _("Write the number without spaces or dashes: %s."), normalized);
}

static void
check_kr (const SbSeller *seller,
          GPtrArray      *errors)
{
  check_id (errors, "registration_number", seller->registration_number, SB_ID_KIND_KR_BRN, -1,
            _("Enter the 10-digit business registration number (사업자등록번호)."));
  if (!is_blank (seller->kpp))
    add (errors, "kpp", "not_allowed", "%s", _("A KPP is only for Russian companies; leave it empty."));
}

static void
check_ru (const SbSeller *seller,
          int             form,
          GPtrArray      *errors)
{
  SbIdKind registration_kind = SB_ID_KIND_RU_OGRN;

  if (form == 1)
    registration_kind = SB_ID_KIND_RU_OGRNIP;
  else if (form < 0 && seller->registration_number != NULL && strlen (seller->registration_number) == 15)
    registration_kind = SB_ID_KIND_RU_OGRNIP;

  check_id (errors, "tax_id", seller->tax_id, SB_ID_KIND_RU_INN, form,
            form == 1 ? _("Enter the 12-digit INN of the sole proprietor.")
                      : _("Enter the 10-digit INN of the company."));
  if (form < 0)
    check_id (errors, "registration_number", seller->registration_number, registration_kind, -1,
              _("Enter the OGRN (13 digits) or, for a sole proprietor, the OGRNIP (15 digits)."));
  else
    check_id (errors, "registration_number", seller->registration_number, registration_kind, form,
              form == 1 ? _("Enter the 15-digit OGRNIP of the sole proprietor.")
                        : _("Enter the 13-digit OGRN of the company."));
  if (form == 1)
    {
      if (!is_blank (seller->kpp))
        add (errors, "kpp", "not_allowed", "%s", _("Sole proprietors have no KPP; leave it empty."));
    }
  else if (form == 0)
    check_id (errors, "kpp", seller->kpp, SB_ID_KIND_RU_KPP, -1,
              _("Enter the 9-character KPP of the company."));
}

/**
 * sb_seller_validate:
 * @field_errors: (element-type SbReason): receives one entry per broken
 *   rule: path (`tax_id`, `bank.account`, …), code (`required`, `invalid`,
 *   `not_allowed`) and a translated message
 *
 * Applies the contract's onboarding rules.  Identity numbers must already
 * be in normalised form (see sb_seller_normalize_ids()).
 *
 * Returns: %TRUE when @seller passes every rule
 */
gboolean
sb_seller_validate (const SbSeller *seller,
                    GPtrArray      *field_errors)
{
  gboolean kr = g_strcmp0 (seller->country, "KR") == 0;
  gboolean ru = g_strcmp0 (seller->country, "RU") == 0;
  int form = -1;
  guint before;

  g_return_val_if_fail (seller != NULL, FALSE);
  g_return_val_if_fail (field_errors != NULL, FALSE);
  before = field_errors->len;

  if (is_blank (seller->country))
    add (field_errors, "country", "required", "%s", _("Choose the country of the business: Korea or Russia."));
  else if (!kr && !ru)
    add (field_errors, "country", "invalid",
         _("Sellers can register from Korea (KR) or Russia (RU), not “%s”."), seller->country);

  if (g_strcmp0 (seller->legal_form, "company") == 0)
    form = 0;
  else if (g_strcmp0 (seller->legal_form, "sole_proprietor") == 0)
    form = 1;
  else if (is_blank (seller->legal_form))
    add (field_errors, "legal_form", "required", "%s", _("Choose the legal form: company or sole proprietor."));
  else
    add (field_errors, "legal_form", "invalid",
         _("“%s” is not a legal form; use company or sole_proprietor."), seller->legal_form);

  if (is_blank (seller->legal_name))
    add (field_errors, "legal_name", "required", "%s", _("Enter the legal name as registered."));

  if (kr)
    check_kr (seller, field_errors);
  else if (ru)
    check_ru (seller, form, field_errors);

  if (is_blank (seller->store_name))
    add (field_errors, "store_name", "required", "%s", _("Enter the name buyers will see for your store."));

  if (is_blank (seller->contact_email))
    add (field_errors, "contact_email", "required", "%s", _("Enter a contact email address."));
  else if (!email_is_plausible (seller->contact_email))
    add (field_errors, "contact_email", "invalid",
         _("“%s” does not look like an email address; write it like name@example.com."),
         seller->contact_email);

  if (!is_blank (seller->phone) && !phone_is_plausible (seller->phone))
    add (field_errors, "phone", "invalid",
         _("“%s” does not look like a phone number; write it with the country code, like +82 2 1234 5678."),
         seller->phone);

  if (is_blank (seller->payout_currency))
    add (field_errors, "payout_currency", "required", "%s", _("Choose the payout currency."));
  else if (g_strcmp0 (seller->payout_currency, "USD") != 0 &&
           !(!ru && g_strcmp0 (seller->payout_currency, "KRW") == 0) &&
           !(!kr && g_strcmp0 (seller->payout_currency, "RUB") == 0))
    {
      if (kr)
        add (field_errors, "payout_currency", "invalid",
             _("Korean sellers are paid in KRW or USD, not %s."), seller->payout_currency);
      else if (ru)
        add (field_errors, "payout_currency", "invalid",
             _("Russian sellers are paid in RUB or USD, not %s."), seller->payout_currency);
      else
        add (field_errors, "payout_currency", "invalid",
             _("Sellers are paid in KRW, RUB or USD, not %s."), seller->payout_currency);
    }

  if (is_blank (seller->bank_name))
    add (field_errors, "bank.name", "required", "%s", _("Enter the name of the bank."));
  if (is_blank (seller->bank_account))
    add (field_errors, "bank.account", "required", "%s", _("Enter the bank account number."));
  if (is_blank (seller->bank_holder))
    add (field_errors, "bank.holder", "required", "%s", _("Enter the name of the account holder."));

  return field_errors->len == before;
}
