/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-seller.c: unit tests of the seller profile — the contract's example
 * reads and writes back as the PUT body (without the server-owned
 * members), wrong member types are errors, and each onboarding rule gives
 * its field error for Korean and Russian companies and sole proprietors.
 */
#include "config.h"

#include <string.h>

#include "sb-seller.h"

static const char *example =
  "{\"country\": \"KR\", \"legal_form\": \"company\", \"legal_name\": \"주식회사 한빛상사\","
  " \"registration_number\": \"1248100998\", \"tax_id\": null, \"kpp\": null,"
  " \"store_name\": \"Hanbit Goods\", \"contact_email\": \"seller@example.kr\", \"phone\": \"+82 2 1234 5678\","
  " \"payout_currency\": \"KRW\", \"bank\": {\"name\": \"Hana\", \"account\": \"123-456\", \"holder\": \"Hanbit\"},"
  " \"status\": \"rejected\", \"reasons\": [{\"code\": \"blurry_document\", \"message\": \"Upload again.\"}],"
  " \"submitted_at\": \"2026-11-21T09:00:00Z\"}";

static JsonNode *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static void
test_json (void)
{
  g_autoptr(JsonNode) node = parse (example);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSeller) seller = sb_seller_from_json (node, &error);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(SbSeller) again = NULL;
  g_autoptr(SbSeller) copy = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (seller->country, ==, "KR");
  g_assert_cmpstr (seller->legal_name, ==, "주식회사 한빛상사");
  g_assert_null (seller->tax_id);
  g_assert_null (seller->kpp);
  g_assert_cmpstr (seller->phone, ==, "+82 2 1234 5678");
  g_assert_cmpstr (seller->bank_account, ==, "123-456");
  g_assert_cmpstr (seller->status, ==, "rejected");
  g_assert_cmpuint (seller->reasons->len, ==, 1);
  g_assert_false (sb_seller_is_sole_proprietor (seller));

  body = sb_seller_to_json (seller);
  text = json_to_string (body, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"country\":\"KR\",\"legal_form\":\"company\",\"legal_name\":\"주식회사 한빛상사\","
                   "\"registration_number\":\"1248100998\",\"tax_id\":null,\"kpp\":null,"
                   "\"store_name\":\"Hanbit Goods\",\"contact_email\":\"seller@example.kr\",\"phone\":\"+82 2 1234 5678\","
                   "\"payout_currency\":\"KRW\",\"bank\":{\"name\":\"Hana\",\"account\":\"123-456\",\"holder\":\"Hanbit\"}}");
  again = sb_seller_from_json (body, &error);
  g_assert_no_error (error);
  g_assert_true (sb_seller_equal (seller, again));
  g_assert_null (again->status);
  copy = sb_seller_copy (seller);
  g_assert_true (sb_seller_equal (seller, copy));
  g_assert_cmpstr (copy->status, ==, "rejected");
  g_assert_cmpuint (copy->reasons->len, ==, 1);

  /* Missing optional members are fine. */
  {
    g_autoptr(JsonNode) minimal = parse ("{\"country\": \"RU\"}");
    g_autoptr(SbSeller) partial = sb_seller_from_json (minimal, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (partial->country, ==, "RU");
    g_assert_null (partial->bank_name);
  }
}

static void
test_json_wrong_types (void)
{
  struct { const char *json, *part; } cases[] = {
    { "[]", "seller profile" },
    { "{\"country\": 1}", "“country”" },
    { "{\"tax_id\": 7707083893}", "“tax_id”" },
    { "{\"bank\": \"Hana\"}", "“bank”" },
    { "{\"bank\": {\"account\": 123}}", "“bank.account”" },
    { "{\"status\": true}", "“status”" },
    { "{\"reasons\": [{\"message\": \"x\"}]}", "code" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(SbSeller) seller = sb_seller_from_json (node, &error);

      g_assert_null (seller);
      g_assert_error (error, SB_SELLER_ERROR, SB_SELLER_ERROR_INVALID);
      if (strstr (error->message, cases[i].part) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, cases[i].part);
    }
}

static SbSeller *
kr_company (void)
{
  SbSeller *seller = sb_seller_new ();

  seller->country = g_strdup ("KR");
  seller->legal_form = g_strdup ("company");
  seller->legal_name = g_strdup ("주식회사 한빛상사");
  seller->registration_number = g_strdup ("1248100998");
  seller->store_name = g_strdup ("Hanbit Goods");
  seller->contact_email = g_strdup ("seller@example.kr");
  seller->phone = g_strdup ("+82 2 1234 5678");
  seller->payout_currency = g_strdup ("KRW");
  seller->bank_name = g_strdup ("Hana Bank");
  seller->bank_account = g_strdup ("123-456789-01");
  seller->bank_holder = g_strdup ("Hanbit");
  return seller;
}

static SbSeller *
ru_company (void)
{
  SbSeller *seller = kr_company ();

  g_free (seller->country);
  seller->country = g_strdup ("RU");
  g_free (seller->registration_number);
  seller->registration_number = g_strdup ("1027700132195");
  seller->tax_id = g_strdup ("7707083893");
  seller->kpp = g_strdup ("773601001");
  g_free (seller->payout_currency);
  seller->payout_currency = g_strdup ("RUB");
  return seller;
}

static SbSeller *
ru_sole_proprietor (void)
{
  SbSeller *seller = ru_company ();

  g_free (seller->legal_form);
  seller->legal_form = g_strdup ("sole_proprietor");
  g_free (seller->registration_number);
  seller->registration_number = g_strdup ("304500100000051");
  g_free (seller->tax_id);
  seller->tax_id = g_strdup ("500123456750");
  g_clear_pointer (&seller->kpp, g_free);
  return seller;
}

static void
expect (SbSeller   *seller,
        const char *path,
        const char *code,
        const char *message_part)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
  const SbReason *reason;

  if (path == NULL)
    {
      gboolean ok = sb_seller_validate (seller, errors);

      for (guint i = 0; i < errors->len; i++)
        g_test_message ("unexpected %s: %s", ((SbReason *) errors->pdata[i])->path,
                        ((SbReason *) errors->pdata[i])->message);
      g_assert_true (ok);
      g_assert_cmpuint (errors->len, ==, 0);
      return;
    }
  g_assert_false (sb_seller_validate (seller, errors));
  for (guint i = 0; i < errors->len; i++)
    g_test_message ("%s %s: %s", ((SbReason *) errors->pdata[i])->path,
                    ((SbReason *) errors->pdata[i])->code, ((SbReason *) errors->pdata[i])->message);
  g_assert_cmpuint (errors->len, ==, 1);
  reason = g_ptr_array_index (errors, 0);
  g_assert_cmpstr (reason->path, ==, path);
  g_assert_cmpstr (reason->code, ==, code);
  if (message_part != NULL && strstr (reason->message, message_part) == NULL)
    g_error ("“%s” does not mention “%s”", reason->message, message_part);
}

#define SET(seller, member, value) \
  G_STMT_START { g_free ((seller)->member); (seller)->member = g_strdup (value); } G_STMT_END

static void
test_validate_kr (void)
{
  g_autoptr(SbSeller) seller = kr_company ();

  expect (seller, NULL, NULL, NULL);
  SET (seller, registration_number, "1248100997");
  expect (seller, "registration_number", "invalid", "should be 8");
  SET (seller, registration_number, "124-81-00998");
  expect (seller, "registration_number", "invalid", "1248100998");
  sb_seller_normalize_ids (seller);
  g_assert_cmpstr (seller->registration_number, ==, "1248100998");
  expect (seller, NULL, NULL, NULL);
  SET (seller, registration_number, NULL);
  expect (seller, "registration_number", "required", NULL);
  SET (seller, registration_number, "1248100998");
  SET (seller, kpp, "773601001");
  expect (seller, "kpp", "not_allowed", NULL);
  SET (seller, kpp, NULL);
  SET (seller, payout_currency, "RUB");
  expect (seller, "payout_currency", "invalid", "KRW or USD");
  SET (seller, payout_currency, "USD");
  expect (seller, NULL, NULL, NULL);
  SET (seller, legal_form, "sole_proprietor");
  expect (seller, NULL, NULL, NULL);   /* a BRN either way */
  SET (seller, legal_form, "llc");
  expect (seller, "legal_form", "invalid", NULL);
}

static void
test_validate_ru (void)
{
  g_autoptr(SbSeller) company = ru_company ();
  g_autoptr(SbSeller) sole = ru_sole_proprietor ();

  expect (company, NULL, NULL, NULL);
  SET (company, kpp, NULL);
  expect (company, "kpp", "required", NULL);
  SET (company, kpp, "77360100");
  expect (company, "kpp", "invalid", "9 characters");
  SET (company, kpp, "773601001");
  SET (company, tax_id, "500123456750");
  expect (company, "tax_id", "invalid", "company’s INN has 10 digits");
  SET (company, tax_id, "7707083894");
  expect (company, "tax_id", "invalid", "should be 3");
  SET (company, tax_id, NULL);
  expect (company, "tax_id", "required", NULL);
  SET (company, tax_id, "7707083893");
  SET (company, registration_number, "304500100000051");
  expect (company, "registration_number", "invalid", "13 digits");
  SET (company, registration_number, "1027700132195");
  SET (company, payout_currency, "KRW");
  expect (company, "payout_currency", "invalid", "RUB or USD");
  SET (company, payout_currency, "USD");
  expect (company, NULL, NULL, NULL);

  expect (sole, NULL, NULL, NULL);
  SET (sole, kpp, "773601001");
  expect (sole, "kpp", "not_allowed", NULL);
  SET (sole, kpp, NULL);
  SET (sole, tax_id, "7707083893");
  expect (sole, "tax_id", "invalid", "sole proprietor’s INN has 12 digits");
  SET (sole, tax_id, "500123456751");
  expect (sole, "tax_id", "invalid", "12th");
  SET (sole, tax_id, "500123456750");
  SET (sole, registration_number, "1027700132195");
  expect (sole, "registration_number", "invalid", "15 digits");
  SET (sole, registration_number, "304500100000062");   /* remainder 12 → 2 */
  expect (sole, NULL, NULL, NULL);
}

static void
test_validate_common (void)
{
  g_autoptr(SbSeller) seller = kr_company ();
  const char *bad_emails[] = { "seller", "@example.kr", "seller@", "seller@example", "a@b@c.kr",
                               "sel ler@example.kr", "seller@.example.kr", "seller@example..kr", "seller@example.kr." };
  const char *good_emails[] = { "seller@example.kr", "first.last+shop@mail.example.ru", "판매자@예시.한국" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_emails); i++)
    {
      SET (seller, contact_email, bad_emails[i]);
      expect (seller, "contact_email", "invalid", NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good_emails); i++)
    {
      SET (seller, contact_email, good_emails[i]);
      expect (seller, NULL, NULL, NULL);
    }
  SET (seller, contact_email, "  ");
  expect (seller, "contact_email", "required", NULL);
  SET (seller, contact_email, "seller@example.kr");

  SET (seller, phone, NULL);
  expect (seller, NULL, NULL, NULL);
  SET (seller, phone, "call me");
  expect (seller, "phone", "invalid", NULL);
  SET (seller, phone, "12345");
  expect (seller, "phone", "invalid", NULL);
  SET (seller, phone, "+7 (495) 123-45-67");
  expect (seller, NULL, NULL, NULL);

  SET (seller, country, "JP");
  expect (seller, "country", "invalid", NULL);
  SET (seller, country, "KR");
  SET (seller, legal_name, "");
  expect (seller, "legal_name", "required", NULL);
  SET (seller, legal_name, "Hanbit");
  SET (seller, store_name, NULL);
  expect (seller, "store_name", "required", NULL);
  SET (seller, store_name, "Hanbit");
  SET (seller, bank_account, NULL);
  expect (seller, "bank.account", "required", NULL);
  SET (seller, bank_account, "1");
  SET (seller, bank_holder, NULL);
  expect (seller, "bank.holder", "required", NULL);
  SET (seller, bank_holder, "H");
  SET (seller, bank_name, NULL);
  expect (seller, "bank.name", "required", NULL);
  SET (seller, bank_name, "B");
  SET (seller, payout_currency, NULL);
  expect (seller, "payout_currency", "required", NULL);

  /* An empty profile names every required member. */
  {
    g_autoptr(SbSeller) empty = sb_seller_new ();
    g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);

    g_assert_false (sb_seller_validate (empty, errors));
    g_assert_cmpuint (errors->len, ==, 9);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/seller/json", test_json);
  g_test_add_func ("/seller/json-wrong-types", test_json_wrong_types);
  g_test_add_func ("/seller/validate-kr", test_validate_kr);
  g_test_add_func ("/seller/validate-ru", test_validate_ru);
  g_test_add_func ("/seller/validate-common", test_validate_common);
  return g_test_run ();
}
