/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-store-recovery.c: the start-up path of the catalogue, shared by the
 * app and the CLI.  The file is opened and checked with PRAGMA
 * quick_check.  When it is damaged, whatever of the seller's unsynced work
 * can still be read (products whose current revision the server never
 * confirmed, and an unsent seller profile) is written next to it as a CSV
 * file and a JSON file, the file and its WAL are renamed to .corrupt (never
 * deleted), and a new catalogue is started.  When it cannot be written, it
 * is opened read-only so the seller can still look.  A catalogue from a
 * newer Sellbridge is refused and left alone.  Each outcome comes with a
 * translated message for the seller.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sb-csv-export.h"
#include "sb-store-recovery.h"

G_DEFINE_BOXED_TYPE (SbStoreRecovery, sb_store_recovery,
                     sb_store_recovery_copy, sb_store_recovery_free)

SbStoreRecovery *
sb_store_recovery_copy (const SbStoreRecovery *recovery)
{
  SbStoreRecovery *copy;

  g_return_val_if_fail (recovery != NULL, NULL);

  copy = g_new0 (SbStoreRecovery, 1);
  *copy = *recovery;
  copy->moved_to = g_strdup (recovery->moved_to);
  copy->products_csv = g_strdup (recovery->products_csv);
  copy->seller_json = g_strdup (recovery->seller_json);
  copy->message = g_strdup (recovery->message);
  return copy;
}

void
sb_store_recovery_free (SbStoreRecovery *recovery)
{
  if (recovery == NULL)
    return;
  g_free (recovery->moved_to);
  g_free (recovery->products_csv);
  g_free (recovery->seller_json);
  g_free (recovery->message);
  g_free (recovery);
}

/* "<path>.<suffix>", or "<path>.<suffix>.N" with the first free N, so
 * nothing earlier is ever overwritten. */
static char *
free_name (const char *path,
           const char *suffix,
           const char *extension)
{
  for (guint n = 0; ; n++)
    {
      g_autofree char *name = n == 0
        ? g_strdup_printf ("%s.%s%s", path, suffix, extension)
        : g_strdup_printf ("%s.%s-%u%s", path, suffix, n, extension);

      if (!g_file_test (name, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&name);
    }
}

static gboolean
collect_product (SbProduct *product,
                 gpointer   user_data)
{
  g_ptr_array_add (user_data, sb_product_copy (product));
  return TRUE;
}

/* Reads what it can of the seller's unsynced work from the damaged file
 * and writes it beside it.  Failures only mean less was rescued. */
static void
export_unsynced (const char      *path,
                 SbStoreRecovery *recovery)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open_full (path, SB_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  g_autoptr(GPtrArray) ops = NULL;
  g_auto(GStrv) offer_ids = NULL;

  if (store == NULL)
    {
      g_debug ("%s cannot be read at all: %s", path, error->message);
      return;
    }

  offer_ids = sb_store_dup_unsynced_offer_ids (store, &error);
  if (offer_ids != NULL)
    {
      for (guint i = 0; offer_ids[i] != NULL; i++)
        {
          g_autoptr(GError) load_error = NULL;
          SbProduct *product = sb_store_load_product (store, offer_ids[i], &load_error);

          if (product != NULL)
            g_ptr_array_add (products, product);
          else
            {
              g_debug ("%s: %s", offer_ids[i], load_error->message);
              recovery->n_unreadable++;
            }
        }
    }
  else
    {
      /* Which products are unsynced cannot be read: keep every product
       * that can be, up to where the damage stops the walk. */
      g_debug ("%s: the unsynced products cannot be listed: %s", path, error->message);
      g_clear_error (&error);
      if (!sb_store_foreach_product (store, collect_product, products, &error))
        g_debug ("%s: reading stopped after %u products: %s", path, products->len, error->message);
      g_clear_error (&error);
    }

  if (products->len > 0)
    {
      g_autoptr(GBytes) csv = sb_csv_export_products (products, SB_CSV_ENCODING_UTF8_BOM,
                                                      SB_CSV_DELIMITER_COMMA, &error);
      g_autofree char *name = free_name (path, "unsynced", ".csv");

      if (csv != NULL &&
          g_file_set_contents (name, g_bytes_get_data (csv, NULL), (gssize) g_bytes_get_size (csv), &error))
        {
          recovery->products_csv = g_steal_pointer (&name);
          recovery->n_exported = products->len;
        }
      else
        {
          g_warning ("Cannot save the unsynced products of %s: %s", path, error->message);
          recovery->n_unreadable += products->len;
          g_clear_error (&error);
        }
    }

  ops = sb_store_list_pending_ops (store, 0, NULL);
  for (guint i = 0; ops != NULL && i < ops->len; i++)
    {
      const SbOutboxOp *op = g_ptr_array_index (ops, i);
      g_autofree char *json = NULL;
      g_autofree char *name = NULL;

      if (op->kind != SB_OUTBOX_PUT_SELLER)
        continue;
      json = sb_store_load_seller_json (store, NULL);
      name = free_name (path, "unsynced-seller", ".json");
      if (json != NULL && g_file_set_contents (name, json, -1, &error))
        recovery->seller_json = g_steal_pointer (&name);
      else if (error != NULL)
        g_warning ("Cannot save the unsynced seller profile of %s: %s", path, error->message);
      break;
    }
}

/* Renames the file and its WAL (which holds committed transactions) to
 * .corrupt; the shared-memory index is rebuilt by SQLite and is removed. */
static gboolean
move_aside (const char       *path,
            SbStoreRecovery  *recovery,
            GError          **error)
{
  g_autofree char *target = free_name (path, "corrupt", "");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *target_wal = g_strconcat (target, "-wal", NULL);

  if (g_rename (path, target) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                   /* Translators: the first %s is a file name, the second the system's reason. */
                   _("The catalogue file “%s” is damaged and could not be moved aside: %s. "
                     "Move it away yourself, then start Sellbridge again."),
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  if (g_file_test (wal, G_FILE_TEST_EXISTS) && g_rename (wal, target_wal) != 0)
    g_warning ("Cannot move %s aside: %s", wal, g_strerror (errno));
  g_remove (shm);
  recovery->moved_to = g_steal_pointer (&target);
  return TRUE;
}

static char *
corrupt_message (const SbStoreRecovery *recovery)
{
  GString *message = g_string_new (NULL);

  g_string_append_printf (message,
                          /* Translators: %s is a file name. */
                          _("The catalogue was damaged. It was moved aside to “%s” and a new, empty catalogue was started."),
                          recovery->moved_to);
  if (recovery->n_exported > 0)
    {
      g_string_append_c (message, ' ');
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %u is a number of products, %s a file name. */
                                           "%u product with changes not yet sent to the marketplace was saved to “%s”; import that file to get it back.",
                                           "%u products with changes not yet sent to the marketplace were saved to “%s”; import that file to get them back.",
                                           recovery->n_exported),
                              recovery->n_exported, recovery->products_csv);
    }
  if (recovery->seller_json != NULL)
    {
      g_string_append_c (message, ' ');
      g_string_append_printf (message,
                              /* Translators: %s is a file name. */
                              _("Your unsent seller profile was saved to “%s”."),
                              recovery->seller_json);
    }
  if (recovery->n_unreadable > 0)
    {
      g_string_append_c (message, ' ');
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u product with unsent changes could not be read and has to be entered again.",
                                           "%u products with unsent changes could not be read and have to be entered again.",
                                           recovery->n_unreadable),
                              recovery->n_unreadable);
    }
  g_string_append_c (message, ' ');
  g_string_append (message, _("What was already sent to the marketplace is still there."));
  return g_string_free (message, FALSE);
}

/**
 * sb_store_open_or_recover:
 * @path: (nullable): the database file, or %NULL for the default
 * @out_recovery: (out) (optional) (nullable) (transfer full): what had to
 *   be done, with the message to show; %NULL when the file was sound
 *
 * Opens the catalogue as the app and the CLI do at start-up.  The file is
 * checked with sb_store_check_integrity() (1.3 s for 100,000
 * products).  A damaged file — one SQLite refuses, or one that fails the
 * check — is handled without losing what can still be read: the products
 * whose current revision the server has not confirmed are exported as
 * `<path>.unsynced.csv` (UTF-8 with BOM, the import format) and an unsent
 * seller profile as `<path>.unsynced-seller.json`; the file and its WAL
 * are renamed to `<path>.corrupt` (`-N` added rather than overwriting);
 * and a new, empty catalogue is opened.  A file or folder Sellbridge may
 * not write is opened read-only (sb_store_is_read_only()).  A catalogue
 * from a newer Sellbridge, a busy file and every other failure are
 * errors, and the file is left as it was.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
SbStore *
sb_store_open_or_recover (const char        *path,
                          SbStoreRecovery  **out_recovery,
                          GError           **error)
{
  return sb_store_open_or_recover_full (path, SB_STORE_RECOVER_DEFAULT, out_recovery, error);
}

/**
 * sb_store_dup_check_request_path:
 * @path: the database file
 *
 * Returns: (transfer full): the file whose presence asks the next start-up
 *   to check @path in full before opening it (`<path>.check`)
 */
char *
sb_store_dup_check_request_path (const char *path)
{
  return g_strconcat (path, ".check", NULL);
}

/**
 * sb_store_open_or_recover_full:
 * @flags: %SB_STORE_RECOVER_DEFER_CHECK to leave the whole-file check to
 *   sb_store_check_file_async()
 *
 * Like sb_store_open_or_recover().  With %SB_STORE_RECOVER_DEFER_CHECK a
 * file that SQLite opens is not read in full here — the app must not
 * stall its first frame for a second per 100,000 products — unless a
 * background check of an earlier run found damage and left a
 * `<path>.check` request, in which case the check, and the recovery it
 * leads to, happen now.
 */
SbStore *
sb_store_open_or_recover_full (const char           *path,
                               SbStoreRecoverFlags   flags,
                               SbStoreRecovery     **out_recovery,
                               GError              **error)
{
  g_autofree char *default_path = NULL;
  g_autofree char *check_request = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbStoreRecovery) recovery = NULL;
  gboolean check;

  if (out_recovery != NULL)
    *out_recovery = NULL;
  if (path == NULL)
    path = default_path = sb_store_dup_default_path ();
  check_request = sb_store_dup_check_request_path (path);
  check = !(flags & SB_STORE_RECOVER_DEFER_CHECK) || g_file_test (check_request, G_FILE_TEST_EXISTS);

  store = sb_store_open (path, &local_error);
  if (store != NULL)
    {
      if (!check || sb_store_check_integrity (store, &local_error))
        {
          if (check)
            g_unlink (check_request);
          return g_steal_pointer (&store);
        }
      /* Close the file before it is renamed. */
      g_clear_object (&store);
      if (!g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  recovery = g_new0 (SbStoreRecovery, 1);

  if (g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY) &&
      g_file_test (path, G_FILE_TEST_EXISTS))
    {
      store = sb_store_open_full (path, SB_STORE_OPEN_READ_ONLY, NULL);
      if (store == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      recovery->read_only = TRUE;
      recovery->message =
        g_strdup_printf (/* Translators: %s is a file name. */
                         _("Sellbridge cannot write to the catalogue file “%s”, so it was opened read-only: "
                           "you can look at your products but not change them. Check that the file and its "
                           "folder are writable and not on a read-only disk, then start Sellbridge again."),
                         path);
    }
  else if (g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT))
    {
      g_debug ("%s is damaged: %s", path, local_error->message);
      export_unsynced (path, recovery);
      if (!move_aside (path, recovery, error))
        return NULL;
      store = sb_store_open (path, error);
      if (store == NULL)
        return NULL;
      recovery->message = corrupt_message (recovery);
    }
  else
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  g_unlink (check_request);
  g_debug ("%s", recovery->message);
  if (out_recovery != NULL)
    *out_recovery = g_steal_pointer (&recovery);
  return g_steal_pointer (&store);
}

static void
check_file_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;

  /* A connection of its own: the caller's stays free for the main loop. */
  store = sb_store_open_full (path, SB_STORE_OPEN_READ_ONLY, &error);
  if (store != NULL)
    {
      sb_store_set_cancellable (store, cancellable);
      if (sb_store_check_integrity (store, &error))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
    }
  if (g_error_matches (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT))
    {
      g_autofree char *check_request = sb_store_dup_check_request_path (path);

      /* The next start-up checks in full and recovers before opening. */
      if (!g_file_set_contents (check_request, "", 0, NULL))
        g_debug ("could not write %s", check_request);
    }
  g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * sb_store_check_file_async:
 * @path: the database file
 *
 * Checks the whole file with `PRAGMA quick_check` on a worker thread over
 * a read-only connection of its own.  When the file is damaged it leaves a
 * `<path>.check` request so that the next sb_store_open_or_recover_full()
 * recovers it, and finishes with %SB_STORE_ERROR_CORRUPT.
 */
void
sb_store_check_file_async (const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, sb_store_check_file_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, check_file_thread);
}

gboolean
sb_store_check_file_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
