/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-sync.c: `sellbridge-cli sync --endpoint URL [--db FILE] [--json]`
 * pushes everything pending in the catalogue to the marketplace, pulls
 * moderation statuses and prints a summary.  The API key comes from the
 * keyring (schema io.github.sellbridge.Sellbridge.ApiKey) or, for scripts,
 * from SELLBRIDGE_API_KEY / SELLBRIDGE_API_SECRET — never from the command
 * line.  Exit status: 0 when everything was accepted, 1 when some products
 * were rejected, are in conflict or are still pending, 2 when an error
 * stopped the sync (or on a usage error).  A sync of the same catalogue
 * already running (another sellbridge-cli or the app) does not wait: the
 * command prints one line saying so and exits 2, changing nothing.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sb-api-client.h"
#include "sb-cli-sync.h"
#include "sb-credentials.h"
#include "sb-endpoint.h"
#include "sb-store-recovery.h"
#include "sb-store.h"
#include "sb-sync.h"

#define EXIT_OK 0
#define EXIT_REJECTED 1
#define EXIT_STOPPED 2

typedef struct {
  GMainLoop     *loop;
  GAsyncResult  *result;
} Wait;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  if (wait->result == NULL)
    g_main_loop_run (wait->loop);
  return wait->result;
}

static void
print_error (const GError *error)
{
  const char *request_id = sb_api_error_get_request_id (error);

  g_printerr ("sellbridge-cli sync: %s\n", error->message);
  if (sb_api_error_get_server_message (error) != NULL)
    /* Translators: %s is the marketplace's own (English) error message. */
    g_printerr (_("The marketplace said: %s\n"), sb_api_error_get_server_message (error));
  if (request_id != NULL)
    /* Translators: %s is an identifier to quote when contacting the marketplace. */
    g_printerr (_("Request id: %s\n"), request_id);
}

static char *
summary_to_json (const SbSyncSummary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
#define INT_MEMBER(name, value) \
  json_builder_set_member_name (builder, name); \
  json_builder_add_int_value (builder, value)
  INT_MEMBER ("accepted", summary->accepted);
  INT_MEMBER ("rejected", summary->rejected);
  INT_MEMBER ("conflicts", summary->conflicts);
  INT_MEMBER ("images_uploaded", summary->images_uploaded);
  INT_MEMBER ("images_reused", summary->images_reused);
  INT_MEMBER ("pulled", summary->pulled);
  INT_MEMBER ("retries", summary->retries);
  INT_MEMBER ("pending", summary->pending);
#undef INT_MEMBER
  json_builder_set_member_name (builder, "seller_pushed");
  json_builder_add_boolean_value (builder, summary->seller_pushed);
  json_builder_set_member_name (builder, "seller_status");
  if (summary->seller_status != NULL)
    json_builder_add_string_value (builder, summary->seller_status);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < summary->notes->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (summary->notes, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
print_summary (const SbSyncSummary *summary)
{
  if (summary->seller_pushed)
    g_print ("%s\n", _("Seller profile sent."));
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u product accepted\n", "%u products accepted\n",
                        summary->accepted), summary->accepted);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u product rejected\n", "%u products rejected\n",
                        summary->rejected), summary->rejected);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u product in conflict\n", "%u products in conflict\n",
                        summary->conflicts), summary->conflicts);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u image uploaded\n", "%u images uploaded\n",
                        summary->images_uploaded), summary->images_uploaded);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u image already on the marketplace\n",
                        "%u images already on the marketplace\n",
                        summary->images_reused), summary->images_reused);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u status update received\n", "%u status updates received\n",
                        summary->pulled), summary->pulled);
  /* Translators: rejected products count here too, until they are fixed and accepted. */
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u product not yet confirmed by the marketplace\n",
                        "%u products not yet confirmed by the marketplace\n",
                        (gulong) summary->pending), (guint) summary->pending);
  if (summary->seller_status != NULL)
    /* Translators: %s is the seller's application status: submitted, approved or rejected. */
    g_print (_("Seller status: %s\n"), summary->seller_status);
  for (guint i = 0; i < summary->notes->len; i++)
    g_print ("  %s\n", (const char *) g_ptr_array_index (summary->notes, i));
}

int
sb_cli_sync (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbStoreRecovery) recovery = NULL;
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(SbSync) sync = NULL;
  g_autoptr(SbCredentials) credentials = NULL;
  g_autoptr(SbSyncSummary) summary = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *endpoint = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *db = NULL;
  gboolean json = FALSE;
  int timeout_s = SB_API_CLIENT_DEFAULT_TIMEOUT_MS / 1000;
  int backoff_base_ms = SB_BACKOFF_DEFAULT_BASE_MS;
  int backoff_cap_ms = SB_BACKOFF_DEFAULT_CAP_MS;
  int max_attempts = SB_BACKOFF_DEFAULT_MAX_ATTEMPTS;
  int seed = 0;
  Wait wait = { loop, NULL };
  const GOptionEntry entries[] = {
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint,
      N_("Address of the marketplace’s Seller API"), N_("URL") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("Catalogue database to use instead of the default one"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the summary as JSON"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_s,
      N_("Give up on a request after this many seconds"), N_("SECONDS") },
    /* For tests: a faster retry policy and a fixed jitter. */
    { "backoff-base-ms", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &backoff_base_ms, NULL, NULL },
    { "backoff-cap-ms", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &backoff_cap_ms, NULL, NULL },
    { "max-attempts", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &max_attempts, NULL, NULL },
    { "seed", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &seed, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Send every pending change to the marketplace and fetch moderation results."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("sellbridge-cli sync: %s\n", error->message);
      return EXIT_STOPPED;
    }
  if (argc > 1)
    {
      g_printerr ("sellbridge-cli sync: %s\n", _("Unexpected argument. Run “sellbridge-cli sync --help”."));
      return EXIT_STOPPED;
    }
  if (endpoint == NULL)
    {
      g_printerr ("sellbridge-cli sync: %s\n",
                  _("Say which marketplace to sync with: --endpoint URL."));
      return EXIT_STOPPED;
    }
  if (timeout_s <= 0 || backoff_base_ms <= 0 || backoff_cap_ms <= 0 || max_attempts < 0)
    {
      g_printerr ("sellbridge-cli sync: %s\n", _("The timeout must be a positive number of seconds."));
      return EXIT_STOPPED;
    }
  normalized = sb_endpoint_normalize (endpoint, &error);
  if (normalized == NULL)
    {
      g_printerr ("sellbridge-cli sync: %s\n", error->message);
      return EXIT_STOPPED;
    }

  if (db == NULL)
    db = sb_store_dup_default_path ();
  store = sb_store_open_or_recover (db, &recovery, &error);
  if (recovery != NULL)
    g_printerr ("sellbridge-cli sync: %s\n", recovery->message);
  if (store == NULL)
    {
      g_printerr ("sellbridge-cli sync: %s\n", error->message);
      return EXIT_STOPPED;
    }

  sb_credentials_lookup_async (normalized, NULL, done_cb, &wait);
  credentials = sb_credentials_lookup_finish (wait_for (&wait), &error);
  g_clear_object (&wait.result);
  if (credentials == NULL)
    {
      if (error == NULL)
        g_set_error (&error, SB_CREDENTIALS_ERROR, SB_CREDENTIALS_ERROR_INVALID,
                     _("No API key is saved for %s. Enter it in Sellbridge’s preferences, or set "
                       "SELLBRIDGE_API_KEY and SELLBRIDGE_API_SECRET."),
                     normalized);
      g_printerr ("sellbridge-cli sync: %s\n", error->message);
      return EXIT_STOPPED;
    }

  client = sb_api_client_new (normalized, credentials->key_id, credentials->secret, &error);
  if (client == NULL)
    {
      g_printerr ("sellbridge-cli sync: %s\n", error->message);
      return EXIT_STOPPED;
    }
  sb_api_client_set_timeout (client, (guint) timeout_s * 1000);

  sync = sb_sync_new (store, client);
  sb_sync_set_backoff (sync, &(SbBackoff) { backoff_base_ms, backoff_cap_ms, max_attempts });
  if (seed != 0)
    sb_sync_set_seed (sync, (guint32) seed);
  sb_sync_run_async (sync, NULL, done_cb, &wait);
  summary = sb_sync_run_finish (sync, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  if (summary == NULL)
    {
      print_error (error);
      return EXIT_STOPPED;
    }

  if (json)
    {
      g_autofree char *text = summary_to_json (summary);

      g_print ("%s\n", text);
    }
  else
    print_summary (summary);

  if (summary->rejected > 0 || summary->conflicts > 0 || summary->pending > 0)
    return EXIT_REJECTED;
  return EXIT_OK;
}
