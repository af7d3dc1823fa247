/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-csv-store.c: binds the CSV importer and exporter to the SQLite store.
 * A product the store does not have is a new one (not an error); every
 * created or changed product of a file goes to sb_store_save_products(),
 * one transaction, so a failure or a crash leaves the catalogue as it was.
 * Saving queues changed products for sync unless they are drafts, as any
 * other save does.  Into an empty catalogue no product or SKU is looked
 * up: there is nothing to find, and a 100,000-row file made 150,000
 * queries that each found nothing.
 */
#include "config.h"

#include "sb-csv-store.h"

static SbProduct *
store_lookup (const char  *offer_id,
              gpointer     user_data,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  SbProduct *product = sb_store_load_product (user_data, offer_id, &local_error);

  if (product == NULL && !g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return product;
}

static char *
store_sku_owner (const char  *sku,
                 gpointer     user_data,
                 GError     **error)
{
  return sb_store_find_offer_id_by_sku (user_data, sku, error);
}

/* For an empty catalogue: nothing is stored, no error. */
static SbProduct *
empty_lookup (const char  *offer_id,
              gpointer     user_data,
              GError     **error)
{
  return NULL;
}

static char *
empty_sku_owner (const char  *sku,
                 gpointer     user_data,
                 GError     **error)
{
  return NULL;
}

static gboolean
store_save (GPtrArray  *products,
            gpointer    user_data,
            GError    **error)
{
  return sb_store_save_products (user_data, products, error);
}

/**
 * sb_csv_import_into_store:
 * @dry_run: check and report without saving
 *
 * Imports @table into @store; see sb_csv_import_table().
 *
 * Returns: (transfer full): the report, or %NULL with @error when the
 *   file is unusable or the store failed (then nothing was saved)
 */
SbCsvImportReport *
sb_csv_import_into_store (SbStore           *store,
                          const SbCsvTable  *table,
                          gboolean           dry_run,
                          GError           **error)
{
  g_autoptr(SbStoreQuery) all = NULL;
  gint64 n_stored;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  all = sb_store_query_new ();
  n_stored = sb_store_count_products (store, all, error);
  if (n_stored < 0)
    return NULL;
  return sb_csv_import_table (table,
                              n_stored == 0 ? empty_lookup : store_lookup,
                              n_stored == 0 ? empty_sku_owner : store_sku_owner,
                              dry_run ? NULL : store_save, store, error);
}

static gboolean
collect_product (SbProduct *product,
                 gpointer   user_data)
{
  g_ptr_array_add (user_data, sb_product_copy (product));
  return TRUE;
}

/**
 * sb_csv_export_from_store:
 *
 * Returns: (transfer full): the whole catalogue as CSV (see
 *   sb_csv_export_products()), or %NULL with @error
 */
GBytes *
sb_csv_export_from_store (SbStore         *store,
                          SbCsvEncoding    encoding,
                          SbCsvDelimiter   delimiter,
                          GError         **error)
{
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  if (!sb_store_foreach_product (store, collect_product, products, error))
    return NULL;
  return sb_csv_export_products (products, encoding, delimiter, error);
}
