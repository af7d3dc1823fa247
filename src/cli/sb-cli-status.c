/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-status.c: `sellbridge-cli status [--db FILE] [--json]` prints how
 * many products are queued, sent, pending review, active, rejected (and in
 * conflict, drafts, archived), when the catalogue was last synced and the
 * seller's application status.  It reads the catalogue only; no network.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sb-cli-status.h"
#include "sb-store-recovery.h"
#include "sb-store.h"

#define EXIT_OK 0
#define EXIT_FAILED 2

int
sb_cli_status (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbStoreRecovery) recovery = NULL;
  g_autoptr(GDateTime) last_sync = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autofree char *db = NULL;
  g_autofree char *seller_status = NULL;
  g_autofree char *last_sync_text = NULL;
  gint64 counts[SB_SYNC_ARCHIVED + 1];
  gint64 dirty;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("Catalogue database to use instead of the default one"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the status as JSON"), NULL },
    { NULL }
  };
  static const struct { SbSyncState state; const char *label; } rows[] = {
    /* Translators: product counts by sync state, printed as "Queued: 3". */
    { SB_SYNC_QUEUED, N_("Queued") },
    { SB_SYNC_SENT, N_("Sent") },
    { SB_SYNC_PENDING_REVIEW, N_("Pending review") },
    { SB_SYNC_ACTIVE, N_("Active") },
    { SB_SYNC_REJECTED, N_("Rejected") },
    { SB_SYNC_CONFLICT, N_("In conflict") },
    { SB_SYNC_DRAFT, N_("Drafts") },
    { SB_SYNC_ARCHIVED, N_("Archived") },
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Show where the catalogue’s products stand on the marketplace."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("sellbridge-cli status: %s\n", error->message);
      return EXIT_FAILED;
    }
  if (db == NULL)
    db = sb_store_dup_default_path ();
  store = sb_store_open_or_recover (db, &recovery, &error);
  if (recovery != NULL)
    g_printerr ("sellbridge-cli status: %s\n", recovery->message);
  if (store == NULL ||
      !sb_store_count_by_state (store, counts, &error) ||
      (dirty = sb_store_count_dirty (store, &error)) < 0)
    {
      g_printerr ("sellbridge-cli status: %s\n", error->message);
      return EXIT_FAILED;
    }
  last_sync = sb_store_dup_last_sync (store, &error);
  if (error == NULL)
    seller_status = sb_store_dup_seller_status (store, &reasons, &error);
  if (error != NULL)
    {
      g_printerr ("sellbridge-cli status: %s\n", error->message);
      return EXIT_FAILED;
    }
  if (last_sync != NULL)
    last_sync_text = g_date_time_format_iso8601 (last_sync);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          json_builder_set_member_name (builder, sb_sync_state_to_string (rows[i].state));
          json_builder_add_int_value (builder, counts[rows[i].state]);
        }
      json_builder_set_member_name (builder, "dirty");
      json_builder_add_int_value (builder, dirty);
      json_builder_set_member_name (builder, "last_sync");
      if (last_sync_text != NULL)
        json_builder_add_string_value (builder, last_sync_text);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "seller_status");
      if (seller_status != NULL)
        json_builder_add_string_value (builder, seller_status);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_print ("%s: %" G_GINT64_FORMAT "\n", _(rows[i].label), counts[rows[i].state]);
  if (last_sync != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (last_sync);
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");

      /* Translators: %s is a date and time. */
      g_print (_("Last sync: %s\n"), when);
    }
  else
    g_print ("%s\n", _("Last sync: never"));
  if (seller_status != NULL)
    /* Translators: %s is the seller's application status: submitted, approved or rejected. */
    g_print (_("Seller status: %s\n"), seller_status);
  else
    g_print ("%s\n", _("Seller status: no application sent yet"));
  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      const SbReason *reason = g_ptr_array_index (reasons, i);

      g_print ("  %s%s%s\n", reason->path != NULL ? reason->path : "",
               reason->path != NULL ? ": " : "", reason->message != NULL ? reason->message : reason->code);
    }
  return EXIT_OK;
}
