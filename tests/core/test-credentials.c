/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-credentials.c: the environment override of the API key, and — when
 * a Secret Service is reachable on the session bus — a store, lookup,
 * replace and clear round trip through libsecret.
 */
#include "config.h"

#include "sb-credentials.h"

#define ENDPOINT "http://127.0.0.1:1/test-credentials"

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_environment (void)
{
  g_autoptr(SbCredentials) none = NULL;
  g_autoptr(SbCredentials) some = NULL;
  g_autoptr(SbCredentials) looked_up = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("SELLBRIDGE_API_KEY", "ak_env", TRUE);
  g_setenv ("SELLBRIDGE_API_SECRET", "", TRUE);
  none = sb_credentials_from_environment ();
  g_assert_null (none);

  g_setenv ("SELLBRIDGE_API_SECRET", "sk_env", TRUE);
  some = sb_credentials_from_environment ();
  g_assert_nonnull (some);
  g_assert_cmpstr (some->key_id, ==, "ak_env");
  g_assert_cmpstr (some->secret, ==, "sk_env");

  /* The override wins without touching the keyring. */
  sb_credentials_lookup_async (ENDPOINT, NULL, store_result_cb, &result);
  looked_up = sb_credentials_lookup_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (looked_up->key_id, ==, "ak_env");
  g_assert_cmpstr (looked_up->secret, ==, "sk_env");
  g_assert_cmpstr (looked_up->endpoint, ==, ENDPOINT);

  g_unsetenv ("SELLBRIDGE_API_KEY");
  g_unsetenv ("SELLBRIDGE_API_SECRET");
}

static SbCredentials *
lookup (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sb_credentials_lookup_async (ENDPOINT, NULL, store_result_cb, &result);
  return sb_credentials_lookup_finish (wait_for (&result), error);
}

static gboolean
store (const char  *key_id,
       const char  *secret,
       GError     **error)
{
  g_autoptr(SbCredentials) credentials = sb_credentials_new (ENDPOINT, key_id, secret);
  g_autoptr(GAsyncResult) result = NULL;

  sb_credentials_store_async (credentials, NULL, store_result_cb, &result);
  return sb_credentials_store_finish (wait_for (&result), error);
}

static void
test_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCredentials) found = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no session bus, so no Secret Service");
      return;
    }
  /* Never the login keyring: it may prompt for a password. */
  g_setenv ("SELLBRIDGE_SECRET_COLLECTION", "session", TRUE);
  g_unsetenv ("SELLBRIDGE_API_KEY");
  g_unsetenv ("SELLBRIDGE_API_SECRET");
  if (!store ("ak_one", "sk_one", &error))
    {
      g_assert_error (error, SB_CREDENTIALS_ERROR, SB_CREDENTIALS_ERROR_UNAVAILABLE);
      g_test_skip ("the Secret Service is not usable here");
      return;
    }
  found = lookup (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->key_id, ==, "ak_one");
  g_assert_cmpstr (found->secret, ==, "sk_one");
  g_clear_pointer (&found, sb_credentials_free);

  /* A new key id replaces the old item. */
  g_assert_true (store ("ak_two", "sk_two", &error));
  found = lookup (&error);
  g_assert_cmpstr (found->key_id, ==, "ak_two");
  g_assert_cmpstr (found->secret, ==, "sk_two");
  g_clear_pointer (&found, sb_credentials_free);

  sb_credentials_clear_async (ENDPOINT, NULL, store_result_cb, &result);
  g_assert_true (sb_credentials_clear_finish (wait_for (&result), &error));
  g_assert_no_error (error);
  found = lookup (&error);
  g_assert_no_error (error);
  g_assert_null (found);
}

static void
test_invalid (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (store ("", "x", &error));
  g_assert_error (error, SB_CREDENTIALS_ERROR, SB_CREDENTIALS_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/credentials/environment", test_environment);
  g_test_add_func ("/credentials/invalid", test_invalid);
  g_test_add_func ("/credentials/keyring", test_keyring);
  return g_test_run ();
}
