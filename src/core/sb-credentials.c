/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-credentials.c: the API key in the Secret Service.  One item per
 * endpoint: storing a key first clears the endpoint's old item, so a new
 * key id replaces the old one instead of sitting beside it.  Nothing here
 * logs the secret; failures of the keyring become SB_CREDENTIALS_ERROR
 * with a message that says what to do.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "sb-credentials.h"

G_DEFINE_QUARK (sb-credentials-error-quark, sb_credentials_error)
G_DEFINE_BOXED_TYPE (SbCredentials, sb_credentials, sb_credentials_copy, sb_credentials_free)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    SB_CREDENTIALS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "endpoint", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "key-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/* The default collection ("login"), or for tests the in-memory session
 * collection when SELLBRIDGE_SECRET_COLLECTION=session: storing into the
 * default one may open an unlock prompt that a test cannot answer. */
static const char *
get_collection (void)
{
  if (g_strcmp0 (g_getenv ("SELLBRIDGE_SECRET_COLLECTION"), "session") == 0)
    return SECRET_COLLECTION_SESSION;
  return SECRET_COLLECTION_DEFAULT;
}

/**
 * sb_credentials_new:
 *
 * Returns: (transfer full): a record holding copies of the arguments
 */
SbCredentials *
sb_credentials_new (const char *endpoint,
                    const char *key_id,
                    const char *secret)
{
  SbCredentials *credentials = g_new0 (SbCredentials, 1);

  credentials->endpoint = g_strdup (endpoint);
  credentials->key_id = g_strdup (key_id);
  credentials->secret = g_strdup (secret);
  return credentials;
}

SbCredentials *
sb_credentials_copy (const SbCredentials *credentials)
{
  return sb_credentials_new (credentials->endpoint, credentials->key_id, credentials->secret);
}

void
sb_credentials_free (SbCredentials *credentials)
{
  if (credentials == NULL)
    return;
  if (credentials->secret != NULL)
    memset (credentials->secret, 0, strlen (credentials->secret));
  g_free (credentials->secret);
  g_free (credentials->key_id);
  g_free (credentials->endpoint);
  g_free (credentials);
}

/**
 * sb_credentials_from_environment:
 *
 * Returns: (transfer full) (nullable): the key from SELLBRIDGE_API_KEY and
 *   SELLBRIDGE_API_SECRET when both are set and not empty
 */
SbCredentials *
sb_credentials_from_environment (void)
{
  const char *key_id = g_getenv ("SELLBRIDGE_API_KEY");
  const char *secret = g_getenv ("SELLBRIDGE_API_SECRET");

  if (key_id == NULL || *key_id == '\0' || secret == NULL || *secret == '\0')
    return NULL;
  return sb_credentials_new (NULL, key_id, secret);
}

static GError *
unavailable_error (GError *cause)
{
  GError *error;

  g_debug ("Secret Service: %s", cause != NULL ? cause->message : "no answer");
  error = g_error_new_literal (SB_CREDENTIALS_ERROR, SB_CREDENTIALS_ERROR_UNAVAILABLE,
                               _("The keyring could not be used. Unlock it, or install and start a "
                                 "Secret Service such as GNOME Keyring, then try again."));
  g_clear_error (&cause);
  return error;
}

/* ---- lookup ---- */

static void
retrieve_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SecretRetrievable *item = SECRET_RETRIEVABLE (source);
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  GError *error = NULL;
  const char *text;

  value = secret_retrievable_retrieve_secret_finish (item, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, unavailable_error (error));
      return;
    }
  attributes = secret_retrievable_get_attributes (item);
  text = value != NULL ? secret_value_get_text (value) : NULL;
  if (text == NULL || g_hash_table_lookup (attributes, "key-id") == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_task_return_pointer (task,
                         sb_credentials_new (g_task_get_task_data (task),
                                             g_hash_table_lookup (attributes, "key-id"),
                                             text),
                         (GDestroyNotify) sb_credentials_free);
}

static void
search_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GList *items;
  GError *error = NULL;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, unavailable_error (error));
      return;
    }
  if (items == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  secret_retrievable_retrieve_secret (items->data, g_task_get_cancellable (task),
                                      retrieve_cb, g_object_ref (task));
  g_list_free_full (items, g_object_unref);
}

/**
 * sb_credentials_lookup_async:
 * @endpoint: the normalized base URL
 *
 * Finds the key stored for @endpoint; the environment override wins.
 */
void
sb_credentials_lookup_async (const char          *endpoint,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = NULL;
  SbCredentials *from_env;

  g_return_if_fail (endpoint != NULL);
  g_task_set_source_tag (task, sb_credentials_lookup_async);
  g_task_set_task_data (task, g_strdup (endpoint), g_free);

  from_env = sb_credentials_from_environment ();
  if (from_env != NULL)
    {
      from_env->endpoint = g_strdup (endpoint);
      g_task_return_pointer (task, from_env, (GDestroyNotify) sb_credentials_free);
      return;
    }
  attributes = secret_attributes_build (get_schema (), "endpoint", endpoint, NULL);
  secret_password_searchv (get_schema (), attributes, SECRET_SEARCH_UNLOCK,
                           cancellable, search_cb, g_steal_pointer (&task));
}

/**
 * sb_credentials_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the key, or %NULL — with @error
 *   unset — when none is stored for the endpoint
 */
SbCredentials *
sb_credentials_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- store ---- */

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, unavailable_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
clear_before_store_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SbCredentials *credentials = g_task_get_task_data (task);
  g_autofree char *label = NULL;
  GError *error = NULL;

  /* FALSE without error just means there was nothing to clear. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, unavailable_error (error));
      return;
    }
  /* Translators: the label of the keyring item; %s is the marketplace address. */
  label = g_strdup_printf (_("Sellbridge API key for %s"), credentials->endpoint);
  secret_password_store (get_schema (), get_collection (), label, credentials->secret,
                         g_task_get_cancellable (task), store_cb, g_object_ref (task),
                         "endpoint", credentials->endpoint,
                         "key-id", credentials->key_id,
                         NULL);
}

/**
 * sb_credentials_store_async:
 * @credentials: endpoint, key id and secret; all must be set
 *
 * Replaces the key stored for the endpoint.
 */
void
sb_credentials_store_async (const SbCredentials *credentials,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, sb_credentials_store_async);
  if (credentials->endpoint == NULL ||
      credentials->key_id == NULL || *credentials->key_id == '\0' ||
      credentials->secret == NULL || *credentials->secret == '\0')
    {
      g_task_return_new_error (task, SB_CREDENTIALS_ERROR, SB_CREDENTIALS_ERROR_INVALID,
                               _("Enter both the key id and the secret key."));
      return;
    }
  g_task_set_task_data (task, sb_credentials_copy (credentials), (GDestroyNotify) sb_credentials_free);
  secret_password_clear (get_schema (), cancellable, clear_before_store_cb, g_steal_pointer (&task),
                         "endpoint", credentials->endpoint, NULL);
}

gboolean
sb_credentials_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- clear ---- */

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, unavailable_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * sb_credentials_clear_async:
 * @endpoint: the normalized base URL
 *
 * Forgets the key stored for @endpoint (succeeds when there was none).
 */
void
sb_credentials_clear_async (const char          *endpoint,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (endpoint != NULL);
  g_task_set_source_tag (task, sb_credentials_clear_async);
  secret_password_clear (get_schema (), cancellable, clear_cb, task, "endpoint", endpoint, NULL);
}

gboolean
sb_credentials_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
