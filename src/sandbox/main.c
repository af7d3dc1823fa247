/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * main.c: the sellbridge-sandbox program.  It parses the options, opens the
 * database (in memory unless --db names a file), loads the seed data,
 * listens on a loopback port (--port 0 picks a free one) and prints its URL
 * with the demo key and secret — as one JSON line with --print-config, for
 * scripts and tests — then serves until SIGINT or SIGTERM.
 */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "sb-sandbox-server.h"

#define DEMO_KEY    "sbx-demo-key"
#define DEMO_SECRET "sbx-demo-secret-7f3c9a1e5b2d4086"

enum {
  EXIT_OK = 0,
  EXIT_FAILURE_RUN = 1,
  EXIT_USAGE = 2,
};

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static char *
find_data_dir (const char *option)
{
  const char *env;

  if (option != NULL)
    return g_strdup (option);
  env = g_getenv ("SELLBRIDGE_SANDBOX_DATA_DIR");
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  env = g_getenv ("SELLBRIDGE_SOURCE_ROOT");
  if (env != NULL && *env != '\0')
    return g_build_filename (env, "data", "sandbox", NULL);
  return g_build_filename (PKGDATADIR, "sandbox", NULL);
}

static char *
describe_kinds (guint kinds)
{
  static const SbSandboxFault all[] = {
    SB_SANDBOX_FAULT_429, SB_SANDBOX_FAULT_500, SB_SANDBOX_FAULT_503, SB_SANDBOX_FAULT_RESET,
    SB_SANDBOX_FAULT_SLOW, SB_SANDBOX_FAULT_TRUNCATED, SB_SANDBOX_FAULT_MALFORMED,
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (kinds & all[i])
      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "", sb_sandbox_fault_to_string (all[i]));
  return g_string_free (text, FALSE);
}

static void
print_config (SbSandboxServer *server,
              const char      *key,
              const char      *secret,
              guint32          seed,
              double           fault_rate,
              const char      *kinds,
              double           moderation_delay,
              const char      *data_dir,
              const char      *db_path)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, sb_sandbox_server_get_url (server));
  json_builder_set_member_name (builder, "port");
  json_builder_add_int_value (builder, sb_sandbox_server_get_port (server));
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, key);
  json_builder_set_member_name (builder, "secret");
  json_builder_add_string_value (builder, secret);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, seed);
  json_builder_set_member_name (builder, "fault_rate");
  json_builder_add_double_value (builder, fault_rate);
  json_builder_set_member_name (builder, "fault_kinds");
  json_builder_add_string_value (builder, kinds);
  json_builder_set_member_name (builder, "moderation_delay");
  json_builder_add_double_value (builder, moderation_delay);
  json_builder_set_member_name (builder, "data_dir");
  json_builder_add_string_value (builder, data_dir);
  json_builder_set_member_name (builder, "db");
  if (db_path != NULL)
    json_builder_add_string_value (builder, db_path);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSandboxDb) db = NULL;
  g_autoptr(SbSandboxReference) reference = NULL;
  g_autoptr(SbSandboxAuth) auth = NULL;
  g_autoptr(SbSandboxFaults) faults = NULL;
  g_autoptr(SbSandboxServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *host = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *data_dir_option = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *fault_kinds_option = NULL;
  g_autofree char *fault_kinds = NULL;
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;
  const char *localedir = g_getenv ("SELLBRIDGE_LOCALEDIR");
  const char *secret_env = g_getenv ("SELLBRIDGE_SANDBOX_SECRET");
  gint port = 0;
  gint64 seed_option = -1;
  guint32 seed;
  double fault_rate = 0.0;
  double moderation_delay = 5.0;
  guint kinds = SB_SANDBOX_FAULT_ALL;
  gboolean json_config = FALSE;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("TCP port to listen on; 0 picks a free one (default)"), N_("PORT") },
    { "host", 0, 0, G_OPTION_ARG_STRING, &host,
      N_("Loopback address to listen on (default 127.0.0.1)"), N_("ADDRESS") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("Keep the sandbox's data in this SQLite file instead of in memory"), N_("FILE") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir_option,
      N_("Folder with the seed data (categories.json, carriers.json, currencies.json)"), N_("DIR") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed_option,
      N_("Seed of the fault generator; the same seed gives the same faults"), N_("N") },
    { "fault-rate", 0, 0, G_OPTION_ARG_DOUBLE, &fault_rate,
      N_("Probability from 0 to 1 that a request meets an injected fault (default 0)"), N_("P") },
    { "fault-kinds", 0, 0, G_OPTION_ARG_STRING, &fault_kinds_option,
      /* Translators: keep the kind names untranslated. */
      N_("Comma-separated fault kinds: 429, 500, 503, reset, slow, truncated, malformed or all (default)"),
      N_("LIST") },
    { "moderation-delay", 0, 0, G_OPTION_ARG_DOUBLE, &moderation_delay,
      N_("Seconds until moderation decides on a product or seller (default 5)"), N_("SECONDS") },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key,
      N_("Access key id to accept (default: the demo key)"), N_("KEY") },
    { "secret", 0, 0, G_OPTION_ARG_STRING, &secret,
      N_("Secret of that key (default: the demo secret; SELLBRIDGE_SANDBOX_SECRET also sets it)"), N_("SECRET") },
    { "print-config", 0, 0, G_OPTION_ARG_NONE, &json_config,
      N_("Print the URL, key and secret as one JSON line for scripts"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    { NULL }
  };

  /* Standard output carries only the URL and keys (one JSON line with
   * --print-config); every log message goes to standard error. */
  g_log_writer_default_set_use_stderr (TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Translators: the summary line of sellbridge-sandbox --help. */
  context = g_option_context_new (_("— a local marketplace speaking the Seller API, for demos and tests"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("sellbridge-sandbox: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (version)
    {
      g_print ("sellbridge-sandbox %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (port < 0 || port > 65535)
    {
      g_printerr (_("sellbridge-sandbox: --port must be from 0 to 65535.\n"));
      return EXIT_USAGE;
    }
  if (fault_rate < 0.0 || fault_rate > 1.0)
    {
      g_printerr (_("sellbridge-sandbox: --fault-rate must be from 0 to 1.\n"));
      return EXIT_USAGE;
    }
  if (moderation_delay < 0.0 || moderation_delay > 24.0 * 3600.0)
    {
      g_printerr (_("sellbridge-sandbox: --moderation-delay must be from 0 to 86400 seconds.\n"));
      return EXIT_USAGE;
    }
  if (seed_option > G_MAXUINT32)
    {
      g_printerr (_("sellbridge-sandbox: --seed must be from 0 to 4294967295.\n"));
      return EXIT_USAGE;
    }
  if (fault_kinds_option != NULL && !sb_sandbox_fault_parse_kinds (fault_kinds_option, &kinds, &error))
    {
      g_printerr ("sellbridge-sandbox: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (key == NULL)
    key = g_strdup (DEMO_KEY);
  if (secret == NULL)
    secret = g_strdup (secret_env != NULL && *secret_env != '\0' ? secret_env : DEMO_SECRET);
  if (*key == '\0' || *secret == '\0')
    {
      g_printerr (_("sellbridge-sandbox: the key and the secret must not be empty.\n"));
      return EXIT_USAGE;
    }
  seed = seed_option >= 0 ? (guint32) seed_option : g_random_int ();
  fault_kinds = describe_kinds (kinds);

  data_dir = find_data_dir (data_dir_option);
  reference = sb_sandbox_reference_new (data_dir, &error);
  if (reference == NULL)
    {
      g_printerr ("sellbridge-sandbox: %s\n", error->message);
      return EXIT_FAILURE_RUN;
    }
  db = sb_sandbox_db_new (db_path, &error);
  if (db == NULL)
    {
      g_printerr ("sellbridge-sandbox: %s\n", error->message);
      return EXIT_FAILURE_RUN;
    }
  auth = sb_sandbox_auth_new ();
  sb_sandbox_auth_add_key (auth, key, secret);
  faults = sb_sandbox_faults_new (seed, fault_rate, kinds);

  server = sb_sandbox_server_new (db, reference, auth, faults);
  sb_sandbox_server_set_moderation_delay (server, moderation_delay);
  if (!sb_sandbox_server_listen (server, host != NULL ? host : "127.0.0.1", (guint) port, &error))
    {
      g_printerr ("sellbridge-sandbox: %s\n", error->message);
      return EXIT_FAILURE_RUN;
    }

  if (json_config)
    print_config (server, key, secret, seed, fault_rate, fault_kinds, moderation_delay, data_dir, db_path);
  else
    {
      g_print (_("Sellbridge sandbox listening on %s\n"), sb_sandbox_server_get_url (server));
      g_print (_("  Access key id: %s\n"), key);
      /* Translators: the secret is a sandbox demo value, shown so that it can be pasted into the app. */
      g_print (_("  Secret key:    %s\n"), secret);
      g_print (g_dngettext (GETTEXT_PACKAGE, "  %u leaf category\n", "  %u leaf categories\n",
                            sb_sandbox_reference_count_leaves (reference)),
               sb_sandbox_reference_count_leaves (reference));
      g_print (g_dngettext (GETTEXT_PACKAGE, "  %u carrier\n", "  %u carriers\n",
                            sb_sandbox_reference_count_carriers (reference)),
               sb_sandbox_reference_count_carriers (reference));
      g_print (_("  Moderation decides %.1f s after each write\n"), moderation_delay);
      if (fault_rate > 0.0)
        g_print (_("  Faults: %s with probability %.3f, seed %u\n"), fault_kinds, fault_rate, seed);
      g_print (_("Press Ctrl+C to stop.\n"));
    }
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  sb_sandbox_server_disconnect (server);
  return EXIT_OK;
}
