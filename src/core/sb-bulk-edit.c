/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-bulk-edit.c: the catalogue's bulk actions as store edits, with no
 * GTK, so that the window's worker thread and tests run the same rules.
 * A percentage price change is exact integer arithmetic on minor units,
 * rounded half away from zero; a price that would fall below one minor
 * unit is refused for that product, which is then left as it was.  Each
 * chunk of products is saved in one transaction (and so queued for sync
 * by the store).  Assigning carriers replaces a product's carriers or adds
 * to them; given the origin's carrier list it checks each product's
 * parcel with the contract's quote rule (sb-shipping) and leaves out, and
 * reports, a carrier that cannot carry it — a product that would be left
 * with no carrier stays as it was.  A product that already has exactly
 * the carriers asked for is not saved again.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-bulk-edit.h"
#include "sb-shipping.h"

#define CHUNK 500

G_DEFINE_QUARK (sb-bulk-edit-error-quark, sb_bulk_edit_error)

G_DEFINE_BOXED_TYPE (SbBulkEdit, sb_bulk_edit, sb_bulk_edit_copy, sb_bulk_edit_free)
G_DEFINE_BOXED_TYPE (SbBulkEditRefusal, sb_bulk_edit_refusal, sb_bulk_edit_refusal_copy, sb_bulk_edit_refusal_free)

SbBulkEditRefusal *
sb_bulk_edit_refusal_copy (const SbBulkEditRefusal *refusal)
{
  SbBulkEditRefusal *copy = g_new0 (SbBulkEditRefusal, 1);

  copy->offer_id = g_strdup (refusal->offer_id);
  copy->carrier_id = g_strdup (refusal->carrier_id);
  copy->carrier_name = g_strdup (refusal->carrier_name);
  copy->reason = g_strdup (refusal->reason);
  return copy;
}

void
sb_bulk_edit_refusal_free (SbBulkEditRefusal *refusal)
{
  if (refusal == NULL)
    return;
  g_free (refusal->offer_id);
  g_free (refusal->carrier_id);
  g_free (refusal->carrier_name);
  g_free (refusal->reason);
  g_free (refusal);
}

void
sb_bulk_edit_report_init (SbBulkEditReport *report)
{
  memset (report, 0, sizeof *report);
  report->refusals = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_bulk_edit_refusal_free);
}

void
sb_bulk_edit_report_clear (SbBulkEditReport *report)
{
  g_clear_pointer (&report->refusals, g_ptr_array_unref);
  report->changed = report->skipped = report->unchanged = 0;
}

SbBulkEdit *
sb_bulk_edit_new (SbBulkEditKind kind)
{
  SbBulkEdit *edit = g_new0 (SbBulkEdit, 1);

  edit->kind = kind;
  return edit;
}

SbBulkEdit *
sb_bulk_edit_copy (const SbBulkEdit *edit)
{
  SbBulkEdit *copy = g_memdup2 (edit, sizeof *edit);

  copy->carrier_ids = g_strdupv (edit->carrier_ids);
  if (edit->carriers != NULL)
    copy->carriers = g_ptr_array_ref (edit->carriers);
  return copy;
}

void
sb_bulk_edit_free (SbBulkEdit *edit)
{
  if (edit == NULL)
    return;
  g_strfreev (edit->carrier_ids);
  g_clear_pointer (&edit->carriers, g_ptr_array_unref);
  g_free (edit);
}

/**
 * sb_bulk_edit_check:
 *
 * Returns: %TRUE when @edit is a change the catalogue accepts
 */
gboolean
sb_bulk_edit_check (const SbBulkEdit  *edit,
                    GError           **error)
{
  g_return_val_if_fail (edit != NULL, FALSE);

  switch (edit->kind)
    {
    case SB_BULK_EDIT_DELETE:
      return TRUE;
    case SB_BULK_EDIT_SET_STOCK:
      if (edit->stock < 0 || edit->stock > SB_BULK_EDIT_MAX_STOCK)
        {
          g_set_error (error, SB_BULK_EDIT_ERROR, SB_BULK_EDIT_ERROR_INVALID,
                       _("Stock must be between 0 and %d."), SB_BULK_EDIT_MAX_STOCK);
          return FALSE;
        }
      return TRUE;
    case SB_BULK_EDIT_CHANGE_PRICE:
      if (edit->percent == 0 ||
          edit->percent < SB_BULK_EDIT_MIN_PERCENT ||
          edit->percent > SB_BULK_EDIT_MAX_PERCENT)
        {
          g_set_error (error, SB_BULK_EDIT_ERROR, SB_BULK_EDIT_ERROR_INVALID,
                       _("Enter a price change between %d%% and +%d%%, other than 0."),
                       SB_BULK_EDIT_MIN_PERCENT, SB_BULK_EDIT_MAX_PERCENT);
          return FALSE;
        }
      return TRUE;
    case SB_BULK_EDIT_SET_CARRIERS:
      if (edit->carrier_ids == NULL || edit->carrier_ids[0] == NULL)
        {
          g_set_error_literal (error, SB_BULK_EDIT_ERROR, SB_BULK_EDIT_ERROR_INVALID,
                               _("Choose at least one carrier."));
          return FALSE;
        }
      if (edit->carrier_assign != SB_CARRIER_ASSIGN_REPLACE &&
          edit->carrier_assign != SB_CARRIER_ASSIGN_ADD)
        {
          g_set_error_literal (error, SB_BULK_EDIT_ERROR, SB_BULK_EDIT_ERROR_INVALID,
                               "unknown carrier assignment");
          return FALSE;
        }
      for (guint i = 0; edit->carriers != NULL && edit->carrier_ids[i] != NULL; i++)
        if (sb_carrier_list_find (edit->carriers, edit->carrier_ids[i]) == NULL)
          {
            g_set_error (error, SB_BULK_EDIT_ERROR, SB_BULK_EDIT_ERROR_INVALID,
                         /* Translators: %s is a carrier id such as kr_kpacket. */
                         _("The carrier “%s” does not ship from your country. Sync to update the list of carriers, then choose again."),
                         edit->carrier_ids[i]);
            return FALSE;
          }
      return TRUE;
    default:
      g_set_error_literal (error, SB_BULK_EDIT_ERROR, SB_BULK_EDIT_ERROR_INVALID,
                           "unknown bulk edit");
      return FALSE;
    }
}

/**
 * sb_bulk_edit_change_price_minor:
 * @price_minor: a price in minor units, greater than zero
 * @percent: the change, −99 … +1000
 *
 * Computes @price_minor · (100 + @percent) / 100 in integers, rounding
 * half away from zero to the minor unit.
 *
 * Returns: %TRUE with the new price, or %FALSE when it would be below one
 *   minor unit or too large
 */
gboolean
sb_bulk_edit_change_price_minor (gint64   price_minor,
                                 int      percent,
                                 gint64  *out_minor,
                                 GError **error)
{
  gint64 scaled, result;

  g_return_val_if_fail (out_minor != NULL, FALSE);

  if (price_minor <= 0 || percent < -100 ||
      __builtin_mul_overflow (price_minor, (gint64) (100 + percent), &scaled) ||
      scaled > G_MAXINT64 - 50)
    {
      g_set_error_literal (error, SB_BULK_EDIT_ERROR, SB_BULK_EDIT_ERROR_PRICE,
                           _("The new price would be out of range. Choose a smaller change."));
      return FALSE;
    }
  result = (scaled + 50) / 100;
  if (result < 1)
    {
      g_set_error_literal (error, SB_BULK_EDIT_ERROR, SB_BULK_EDIT_ERROR_PRICE,
                           _("The new price would be zero. Choose a smaller reduction."));
      return FALSE;
    }
  *out_minor = result;
  return TRUE;
}

static gboolean
has_carrier (const SbProduct *product,
             const char      *id)
{
  for (guint i = 0; i < product->carrier_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (product->carrier_ids, i), id))
      return TRUE;
  return FALSE;
}

static gboolean
set_carriers (const SbBulkEdit  *edit,
              SbProduct         *product,
              GPtrArray         *refusals,
              GError           **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  SbParcel parcel;
  guint n_fit = 0;

  sb_parcel_from_product (&parcel, product);
  if (edit->carrier_assign == SB_CARRIER_ASSIGN_ADD)
    for (guint i = 0; i < product->carrier_ids->len; i++)
      g_ptr_array_add (ids, g_strdup (g_ptr_array_index (product->carrier_ids, i)));

  for (guint i = 0; edit->carrier_ids[i] != NULL; i++)
    {
      const char *id = edit->carrier_ids[i];
      const SbCarrier *carrier = edit->carriers != NULL ? sb_carrier_list_find (edit->carriers, id) : NULL;
      gboolean present = FALSE;

      if (carrier != NULL)
        {
          g_auto(SbQuote) quote = { 0 };

          /* No destination: only the carrier's limits are checked. */
          if (!sb_shipping_quote (carrier, &parcel, NULL, &quote))
            {
              if (refusals != NULL)
                {
                  SbBulkEditRefusal *refusal = g_new0 (SbBulkEditRefusal, 1);

                  refusal->offer_id = g_strdup (product->offer_id);
                  refusal->carrier_id = g_strdup (id);
                  refusal->carrier_name = g_strdup (carrier->name != NULL ? carrier->name : id);
                  refusal->reason = sb_quote_dup_reason (&quote);
                  g_ptr_array_add (refusals, refusal);
                }
              continue;
            }
        }
      n_fit++;
      for (guint k = 0; k < ids->len && !present; k++)
        present = g_str_equal (g_ptr_array_index (ids, k), id);
      if (!present)
        g_ptr_array_add (ids, g_strdup (id));
    }

  if (n_fit == 0 && (edit->carrier_assign == SB_CARRIER_ASSIGN_REPLACE || ids->len == 0))
    {
      g_set_error_literal (error, SB_BULK_EDIT_ERROR, SB_BULK_EDIT_ERROR_INVALID,
                           _("None of the chosen carriers can carry this product's parcel."));
      return FALSE;
    }

  g_ptr_array_set_size (product->carrier_ids, 0);
  for (guint i = 0; i < ids->len; i++)
    if (!has_carrier (product, g_ptr_array_index (ids, i)))
      sb_product_add_carrier (product, g_ptr_array_index (ids, i));
  if (edit->handling_days > 0)
    product->handling_days = edit->handling_days;
  return TRUE;
}

static gboolean
apply_to_product (const SbBulkEdit  *edit,
                  SbProduct         *product,
                  GPtrArray         *refusals,
                  GError           **error)
{
  switch (edit->kind)
    {
    case SB_BULK_EDIT_SET_CARRIERS:
      return set_carriers (edit, product, refusals, error);
    default:
      return sb_bulk_edit_apply_to_product (edit, product, error);
    }
}

/**
 * sb_bulk_edit_apply_to_product:
 *
 * Changes @product in memory.  On error @product is left unchanged.
 * Carriers refused by the parcel are left out without a report here; use
 * sb_bulk_edit_apply_report() to have them.
 */
gboolean
sb_bulk_edit_apply_to_product (const SbBulkEdit  *edit,
                               SbProduct         *product,
                               GError           **error)
{
  g_return_val_if_fail (edit != NULL, FALSE);
  g_return_val_if_fail (product != NULL, FALSE);

  if (!sb_bulk_edit_check (edit, error))
    return FALSE;

  switch (edit->kind)
    {
    case SB_BULK_EDIT_DELETE:
      return TRUE;

    case SB_BULK_EDIT_SET_STOCK:
      for (guint i = 0; i < product->variants->len; i++)
        ((SbVariant *) g_ptr_array_index (product->variants, i))->stock = edit->stock;
      return TRUE;

    case SB_BULK_EDIT_CHANGE_PRICE:
      {
        g_autofree gint64 *prices = g_new0 (gint64, product->variants->len + 1);

        for (guint i = 0; i < product->variants->len; i++)
          {
            SbVariant *variant = g_ptr_array_index (product->variants, i);

            if (!sb_bulk_edit_change_price_minor (variant->price_minor, edit->percent,
                                                  &prices[i], error))
              return FALSE;
          }
        for (guint i = 0; i < product->variants->len; i++)
          ((SbVariant *) g_ptr_array_index (product->variants, i))->price_minor = prices[i];
        return TRUE;
      }

    case SB_BULK_EDIT_SET_CARRIERS:
      return set_carriers (edit, product, NULL, error);

    default:
      g_assert_not_reached ();
    }
}

/**
 * sb_bulk_edit_apply:
 * @offer_ids: (array zero-terminated=1): the products to change
 * @out_changed: (out) (optional): how many products were changed
 * @out_skipped: (out) (optional): how many were left alone because the
 *   change does not fit them (a price that would become zero) or they no
 *   longer exist
 *
 * sb_bulk_edit_apply_report() without the details.
 *
 * Returns: %FALSE on a store error (products saved before it stay saved)
 */
gboolean
sb_bulk_edit_apply (const SbBulkEdit    *edit,
                    SbStore             *store,
                    const char * const  *offer_ids,
                    guint               *out_changed,
                    guint               *out_skipped,
                    GError             **error)
{
  g_auto(SbBulkEditReport) report = { 0 };

  sb_bulk_edit_report_init (&report);
  if (!sb_bulk_edit_apply_report (edit, store, offer_ids, &report, error))
    return FALSE;
  if (out_changed != NULL)
    *out_changed = report.changed;
  if (out_skipped != NULL)
    *out_skipped = report.skipped;
  return TRUE;
}

/**
 * sb_bulk_edit_apply_report:
 * @offer_ids: (array zero-terminated=1): the products to change
 * @report: (out caller-allocates): initialised with
 *   sb_bulk_edit_report_init(); gets the counts and, for SET_CARRIERS
 *   with a carrier list, the carriers not given to a product
 *
 * Applies @edit to each product and saves it.  Call it from a worker
 * thread with a store of its own: it reads and writes every product.
 *
 * Returns: %FALSE on a store error (products saved before it stay saved;
 *   @report counts them)
 */
gboolean
sb_bulk_edit_apply_report (const SbBulkEdit   *edit,
                           SbStore            *store,
                           const char * const *offer_ids,
                           SbBulkEditReport   *report,
                           GError            **error)
{
  g_autoptr(GPtrArray) chunk = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);

  g_return_val_if_fail (edit != NULL, FALSE);
  g_return_val_if_fail (SB_IS_STORE (store), FALSE);
  g_return_val_if_fail (offer_ids != NULL, FALSE);
  g_return_val_if_fail (report != NULL && report->refusals != NULL, FALSE);

  if (!sb_bulk_edit_check (edit, error))
    return FALSE;

  for (guint i = 0; offer_ids[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(SbProduct) product = NULL;
      g_autoptr(SbProduct) before = NULL;

      if (edit->kind == SB_BULK_EDIT_DELETE)
        {
          gboolean exists = sb_store_has_product (store, offer_ids[i], &local_error);

          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          if (!exists)
            report->skipped++;
          else if (!sb_store_delete_product (store, offer_ids[i], &local_error))
            {
              if (!g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              report->skipped++;
            }
          else
            report->changed++;
          continue;
        }

      product = sb_store_load_product (store, offer_ids[i], &local_error);
      if (product == NULL)
        {
          if (!g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          report->skipped++;
          continue;
        }
      if (edit->kind == SB_BULK_EDIT_SET_CARRIERS)
        before = sb_product_copy (product);
      if (!apply_to_product (edit, product, report->refusals, &local_error))
        {
          report->skipped++;
          continue;
        }
      if (before != NULL && sb_product_equal (before, product))
        {
          report->unchanged++;
          continue;
        }
      g_ptr_array_add (chunk, g_steal_pointer (&product));
      if (chunk->len == CHUNK)
        {
          if (!sb_store_save_products (store, chunk, error))
            return FALSE;
          report->changed += chunk->len;
          g_ptr_array_set_size (chunk, 0);
        }
    }
  if (chunk->len > 0)
    {
      if (!sb_store_save_products (store, chunk, error))
        return FALSE;
      report->changed += chunk->len;
    }
  return TRUE;
}
