/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-onboarding.c: unit tests of the onboarding wizard's model — the
 * identity-number checks and their messages, which fields apply to which
 * seller, moving between steps, saving and restoring progress, the seller
 * profile body, and the review status with its reasons.
 */
#include "config.h"

#include "sb-onboarding.h"

static void
fill_korean (SbOnboarding *ob)
{
  sb_onboarding_set_text (ob, "country", "KR");
  sb_onboarding_set_text (ob, "legal-form", "company");
  sb_onboarding_set_text (ob, "legal-name", "주식회사 한빛상사");
  sb_onboarding_set_text (ob, "registration-number", "124-81-00998");
  sb_onboarding_set_text (ob, "store-name", "Hanbit Goods");
  sb_onboarding_set_text (ob, "contact-email", "seller@example.kr");
  sb_onboarding_set_text (ob, "phone", "+82 2 1234 5678");
  sb_onboarding_set_text (ob, "bank-name", "KB Kookmin Bank");
  sb_onboarding_set_text (ob, "bank-account", "123456-01-234567");
  sb_onboarding_set_text (ob, "bank-holder", "Hanbit Co., Ltd.");
  sb_onboarding_set_carrier (ob, "kr_kpacket", TRUE);
  sb_onboarding_set_text (ob, "endpoint", "http://127.0.0.1:8080");
  sb_onboarding_set_text (ob, "access-key", "AKDEMO");
}

static void
assert_field (SbOnboarding *ob,
              const char   *field,
              const char   *value,
              gboolean      valid)
{
  g_autoptr(GError) error = NULL;

  sb_onboarding_set_text (ob, field, value);
  if (valid)
    {
      g_assert_true (sb_onboarding_check_field (ob, field, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_assert_false (sb_onboarding_check_field (ob, field, &error));
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_korean_numbers (void)
{
  g_autoptr(SbOnboarding) ob = sb_onboarding_new ();
  g_autoptr(GError) error = NULL;

  sb_onboarding_set_text (ob, "country", "KR");
  assert_field (ob, "registration-number", "124-81-00998", TRUE);
  assert_field (ob, "registration-number", "1208800767", TRUE);
  /* Full-width digits and spaces as pasted from a document. */
  assert_field (ob, "registration-number", "１２４ ８１ ００９９８", TRUE);
  assert_field (ob, "registration-number", "124-81-00999", FALSE);
  assert_field (ob, "registration-number", "124-81-0099", FALSE);
  assert_field (ob, "registration-number", "124-81-0099x", FALSE);
  assert_field (ob, "registration-number", "", FALSE);

  /* The message says how many digits there are. */
  sb_onboarding_set_text (ob, "registration-number", "12481009");
  g_assert_false (sb_onboarding_check_field (ob, "registration-number", &error));
  g_assert_error (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "10 digits"));
  g_assert_nonnull (strstr (error->message, "has 8"));
  g_clear_error (&error);

  sb_onboarding_set_text (ob, "registration-number", "");
  g_assert_false (sb_onboarding_check_field (ob, "registration-number", &error));
  g_assert_error (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_REQUIRED);

  /* No INN or KPP is asked of a Korean seller. */
  g_assert_false (sb_onboarding_field_applies (ob, "tax-id"));
  g_assert_false (sb_onboarding_field_applies (ob, "kpp"));
  g_assert_true (sb_onboarding_check_field (ob, "tax-id", NULL));
}

static void
test_russian_numbers (void)
{
  g_autoptr(SbOnboarding) ob = sb_onboarding_new ();
  g_autoptr(GError) error = NULL;

  sb_onboarding_set_text (ob, "country", "RU");
  sb_onboarding_set_text (ob, "legal-form", "company");
  g_assert_true (sb_onboarding_field_applies (ob, "tax-id"));
  g_assert_true (sb_onboarding_field_applies (ob, "kpp"));

  assert_field (ob, "tax-id", "7707083893", TRUE);
  assert_field (ob, "tax-id", "7707083894", FALSE);
  assert_field (ob, "tax-id", "500123456750", FALSE);  /* a sole proprietor's */
  assert_field (ob, "registration-number", "1027700132195", TRUE);
  assert_field (ob, "registration-number", "1027700132194", FALSE);
  assert_field (ob, "registration-number", "304500116000157", FALSE);
  assert_field (ob, "kpp", "773601001", TRUE);
  assert_field (ob, "kpp", "7736AB001", TRUE);
  assert_field (ob, "kpp", "7736ab001", TRUE);
  assert_field (ob, "kpp", "77360100", FALSE);
  assert_field (ob, "kpp", "77A601001", FALSE);
  assert_field (ob, "kpp", "", FALSE);

  sb_onboarding_set_text (ob, "tax-id", "7707083894");
  g_assert_false (sb_onboarding_check_field (ob, "tax-id", &error));
  g_assert_nonnull (strstr (error->message, "check digit"));
  g_clear_error (&error);

  sb_onboarding_set_text (ob, "legal-form", "sole_proprietor");
  g_assert_false (sb_onboarding_field_applies (ob, "kpp"));
  assert_field (ob, "tax-id", "500123456750", TRUE);
  assert_field (ob, "tax-id", "500123456751", FALSE);
  assert_field (ob, "tax-id", "7707083893", FALSE);
  assert_field (ob, "registration-number", "304500116000157", TRUE);
  /* Remainders of 11 and 12 give check digits 1 and 2. */
  assert_field (ob, "registration-number", "304770400000411", TRUE);
  assert_field (ob, "registration-number", "304770400000422", TRUE);
  assert_field (ob, "registration-number", "304770400000421", FALSE);
  assert_field (ob, "registration-number", "1027700132195", FALSE);

  sb_onboarding_set_text (ob, "registration-number", "1027700132195");
  g_assert_false (sb_onboarding_check_field (ob, "registration-number", &error));
  g_assert_nonnull (strstr (error->message, "15 digits"));
  g_assert_nonnull (strstr (error->message, "has 13"));
}

static void
test_contact_fields (void)
{
  g_autoptr(SbOnboarding) ob = sb_onboarding_new ();

  assert_field (ob, "contact-email", "seller@example.kr", TRUE);
  assert_field (ob, "contact-email", " seller@example.kr ", TRUE);
  assert_field (ob, "contact-email", "seller@example", FALSE);
  assert_field (ob, "contact-email", "seller example.kr", FALSE);
  assert_field (ob, "contact-email", "a@b@example.kr", FALSE);
  assert_field (ob, "phone", "+82 2 1234 5678", TRUE);
  assert_field (ob, "phone", "+7 (495) 123-45-67", TRUE);
  assert_field (ob, "phone", "02 1234 5678", FALSE);
  assert_field (ob, "phone", "+7 123", FALSE);
  assert_field (ob, "bank-account", "40702810900000000001", TRUE);
  assert_field (ob, "bank-account", "123456-01-234567", TRUE);
  assert_field (ob, "bank-account", "IBAN?", FALSE);
  assert_field (ob, "endpoint", "http://127.0.0.1:8080", TRUE);
  assert_field (ob, "endpoint", "http://seller-api.example", FALSE);
  assert_field (ob, "access-key", "AK 1", FALSE);
  assert_field (ob, "access-key", "AKDEMO", TRUE);
}

static void
test_country_follows (void)
{
  g_autoptr(SbOnboarding) ob = sb_onboarding_new ();

  g_assert_cmpstr (sb_onboarding_get_text (ob, "payout-currency"), ==, "KRW");
  sb_onboarding_set_carrier (ob, "kr_kpacket", TRUE);
  sb_onboarding_set_text (ob, "country", "RU");
  g_assert_cmpstr (sb_onboarding_get_text (ob, "payout-currency"), ==, "RUB");
  g_assert_cmpstr (sb_onboarding_get_text (ob, "shipping-origin"), ==, "RU");
  /* Carriers of the old origin are dropped. */
  g_assert_cmpuint (g_strv_length ((GStrv) sb_onboarding_get_carrier_ids (ob)), ==, 0);

  sb_onboarding_set_text (ob, "payout-currency", "USD");
  sb_onboarding_set_text (ob, "country", "KR");
  g_assert_cmpstr (sb_onboarding_get_text (ob, "payout-currency"), ==, "USD");
  g_assert_true (sb_onboarding_check_field (ob, "payout-currency", NULL));
  sb_onboarding_set_text (ob, "payout-currency", "RUB");
  g_assert_false (sb_onboarding_check_field (ob, "payout-currency", NULL));
}

static void
test_steps (void)
{
  g_autoptr(SbOnboarding) ob = sb_onboarding_new ();
  g_autoptr(GHashTable) errors = NULL;

  g_assert_cmpint (sb_onboarding_get_step (ob), ==, SB_ONBOARDING_STEP_COUNTRY);
  g_assert_false (sb_onboarding_go_back (ob));
  g_assert_true (sb_onboarding_go_next (ob, NULL));
  g_assert_cmpint (sb_onboarding_get_step (ob), ==, SB_ONBOARDING_STEP_IDENTITY);

  /* An incomplete step keeps the seller there and names every bad field. */
  g_assert_false (sb_onboarding_go_next (ob, &errors));
  g_assert_cmpint (sb_onboarding_get_step (ob), ==, SB_ONBOARDING_STEP_IDENTITY);
  g_assert_nonnull (errors);
  g_assert_true (g_hash_table_contains (errors, "legal-name"));
  g_assert_true (g_hash_table_contains (errors, "registration-number"));
  g_assert_false (g_hash_table_contains (errors, "kpp"));
  g_clear_pointer (&errors, g_hash_table_unref);

  g_assert_true (sb_onboarding_go_back (ob));
  g_assert_cmpint (sb_onboarding_get_step (ob), ==, SB_ONBOARDING_STEP_COUNTRY);
  g_assert_cmpint (sb_onboarding_find_invalid_step (ob), ==, SB_ONBOARDING_STEP_IDENTITY);

  fill_korean (ob);
  g_assert_cmpint (sb_onboarding_find_invalid_step (ob), ==, SB_ONBOARDING_STEP_REVIEW);
  for (SbOnboardingStep step = SB_ONBOARDING_STEP_COUNTRY; step < SB_ONBOARDING_STEP_REVIEW; step++)
    {
      g_assert_true (sb_onboarding_go_next (ob, &errors));
      g_assert_null (errors);
    }
  g_assert_cmpint (sb_onboarding_get_step (ob), ==, SB_ONBOARDING_STEP_REVIEW);
  g_assert_false (sb_onboarding_go_next (ob, NULL));

  g_assert_cmpint (sb_onboarding_field_get_step ("kpp"), ==, SB_ONBOARDING_STEP_IDENTITY);
  g_assert_cmpint (sb_onboarding_field_get_step ("carrier-ids"), ==, SB_ONBOARDING_STEP_SHIPPING);
  g_assert_cmpint (sb_onboarding_field_get_step ("nonsense"), ==, SB_ONBOARDING_N_STEPS);
  for (SbOnboardingStep step = 0; step < SB_ONBOARDING_N_STEPS; step++)
    {
      SbOnboardingStep back;

      g_assert_nonnull (sb_onboarding_step_get_title (step));
      g_assert_true (sb_onboarding_step_from_string (sb_onboarding_step_to_string (step), &back));
      g_assert_cmpint (back, ==, step);
    }
}

static void
test_progress_round_trip (void)
{
  g_autoptr(SbOnboarding) ob = sb_onboarding_new ();
  g_autoptr(SbOnboarding) back = sb_onboarding_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json2 = NULL;

  fill_korean (ob);
  sb_onboarding_set_carrier (ob, "kr_ems", TRUE);
  sb_onboarding_set_use_sandbox (ob, TRUE);
  sb_onboarding_set_step (ob, SB_ONBOARDING_STEP_SHIPPING);
  json = sb_onboarding_to_json (ob);
  g_assert_null (strstr (json, "secret"));

  g_assert_true (sb_onboarding_load_json (back, json, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_onboarding_get_step (back), ==, SB_ONBOARDING_STEP_SHIPPING);
  g_assert_cmpstr (sb_onboarding_get_text (back, "legal-name"), ==, "주식회사 한빛상사");
  g_assert_cmpstr (sb_onboarding_get_text (back, "registration-number"), ==, "124-81-00998");
  g_assert_true (sb_onboarding_has_carrier (back, "kr_kpacket"));
  g_assert_true (sb_onboarding_has_carrier (back, "kr_ems"));
  g_assert_true (sb_onboarding_get_use_sandbox (back));
  json2 = sb_onboarding_to_json (back);
  g_assert_cmpstr (json, ==, json2);

  /* A Russian seller with USD payouts survives too (the country is set
   * before the currency so that it does not reset it). */
  sb_onboarding_set_text (ob, "country", "RU");
  sb_onboarding_set_text (ob, "payout-currency", "USD");
  g_clear_pointer (&json, g_free);
  json = sb_onboarding_to_json (ob);
  g_assert_true (sb_onboarding_load_json (back, json, NULL));
  g_assert_cmpstr (sb_onboarding_get_text (back, "payout-currency"), ==, "USD");
  g_assert_cmpstr (sb_onboarding_get_text (back, "country"), ==, "RU");

  g_assert_false (sb_onboarding_load_json (back, "{", &error));
  g_assert_error (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_PROGRESS);
  g_clear_error (&error);
  g_assert_false (sb_onboarding_load_json (back, "{\"version\": 99}", &error));
  g_assert_error (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_PROGRESS);
  g_assert_cmpstr (sb_onboarding_get_text (back, "country"), ==, "RU");
}

static void
test_build_seller (void)
{
  g_autoptr(SbOnboarding) ob = sb_onboarding_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  node = sb_onboarding_build_seller (ob, &error);
  g_assert_null (node);
  g_assert_error (error, SB_ONBOARDING_ERROR, SB_ONBOARDING_ERROR_REQUIRED);
  g_clear_error (&error);

  fill_korean (ob);
  node = sb_onboarding_build_seller (ob, &error);
  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "country"), ==, "KR");
  g_assert_cmpstr (json_object_get_string_member (object, "legal_form"), ==, "company");
  g_assert_cmpstr (json_object_get_string_member (object, "registration_number"), ==, "1248100998");
  g_assert_true (json_object_get_null_member (object, "tax_id"));
  g_assert_true (json_object_get_null_member (object, "kpp"));
  g_assert_cmpstr (json_object_get_string_member (object, "payout_currency"), ==, "KRW");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "bank"), "holder"),
                   ==, "Hanbit Co., Ltd.");
  g_assert_false (json_object_has_member (object, "status"));
  g_clear_pointer (&node, json_node_unref);

  sb_onboarding_set_text (ob, "country", "RU");
  sb_onboarding_set_text (ob, "registration-number", "1027700132195");
  sb_onboarding_set_text (ob, "tax-id", "7707083893");
  sb_onboarding_set_text (ob, "kpp", "7736 01 001");
  node = sb_onboarding_build_seller (ob, &error);
  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "tax_id"), ==, "7707083893");
  g_assert_cmpstr (json_object_get_string_member (object, "kpp"), ==, "773601001");
  g_assert_cmpstr (json_object_get_string_member (object, "payout_currency"), ==, "RUB");
}

static void
test_profile_status (void)
{
  g_autoptr(SbOnboarding) ob = sb_onboarding_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  SbReason *reason;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"status\": \"rejected\", \"reasons\": ["
    "{\"code\": \"registration_number_mismatch\", \"message\": \"Not found in the registry\"},"
    "{\"code\": \"other\", \"message\": \"Call us\"}]}", -1, NULL));
  g_assert_true (sb_onboarding_apply_profile (ob, json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_onboarding_get_status (ob), ==, SB_ONBOARDING_STATUS_REJECTED);
  g_assert_cmpint (sb_onboarding_get_step (ob), ==, SB_ONBOARDING_STEP_STATUS);
  g_assert_cmpuint (sb_onboarding_get_reasons (ob)->len, ==, 2);
  reason = g_ptr_array_index (sb_onboarding_get_reasons (ob), 0);
  g_assert_cmpstr (reason->message, ==, "Not found in the registry");
  g_assert_cmpint (sb_onboarding_reason_get_step (reason), ==, SB_ONBOARDING_STEP_IDENTITY);
  g_assert_cmpstr (sb_onboarding_reason_get_field (reason), ==, "registration-number");
  g_assert_nonnull (sb_onboarding_reason_get_fix (reason));
  reason = g_ptr_array_index (sb_onboarding_get_reasons (ob), 1);
  g_assert_cmpint (sb_onboarding_reason_get_step (reason), ==, SB_ONBOARDING_N_STEPS);
  g_assert_null (sb_onboarding_reason_get_field (reason));

  g_assert_true (json_parser_load_from_data (parser, "{\"status\": \"approved\", \"reasons\": []}", -1, NULL));
  g_assert_true (sb_onboarding_apply_profile (ob, json_node_get_object (json_parser_get_root (parser)), NULL));
  g_assert_cmpint (sb_onboarding_get_status (ob), ==, SB_ONBOARDING_STATUS_APPROVED);
  g_assert_cmpuint (sb_onboarding_get_reasons (ob)->len, ==, 0);

  g_assert_true (json_parser_load_from_data (parser, "{\"status\": \"frozen\"}", -1, NULL));
  g_assert_false (sb_onboarding_apply_profile (ob, json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_nonnull (error);
  g_assert_cmpint (sb_onboarding_get_status (ob), ==, SB_ONBOARDING_STATUS_APPROVED);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_notify (void)
{
  g_autoptr(SbOnboarding) ob = sb_onboarding_new ();
  guint count = 0;

  g_signal_connect (ob, "notify::store-name", G_CALLBACK (notify_cb), &count);
  g_object_set (ob, "store-name", "A", NULL);
  g_object_set (ob, "store-name", "A", NULL);
  sb_onboarding_set_text (ob, "store-name", "A");
  g_assert_cmpuint (count, ==, 1);
  sb_onboarding_set_text (ob, "store-name", NULL);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpstr (sb_onboarding_get_text (ob, "store-name"), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/onboarding/korean-numbers", test_korean_numbers);
  g_test_add_func ("/onboarding/russian-numbers", test_russian_numbers);
  g_test_add_func ("/onboarding/contact-fields", test_contact_fields);
  g_test_add_func ("/onboarding/country-follows", test_country_follows);
  g_test_add_func ("/onboarding/steps", test_steps);
  g_test_add_func ("/onboarding/progress-round-trip", test_progress_round_trip);
  g_test_add_func ("/onboarding/build-seller", test_build_seller);
  g_test_add_func ("/onboarding/profile-status", test_profile_status);
  g_test_add_func ("/onboarding/notify", test_notify);
  return g_test_run ();
}
