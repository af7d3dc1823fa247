/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-bulk-edit.c: unit tests of the catalogue's bulk actions — the
 * integer percentage price change and its rounding, the checks of each
 * change, and applying changes to products in a real store — among them
 * assigning carriers (adding or replacing) with the carriers that cannot
 * carry a product's parcel left out and reported, and the change queued
 * in the outbox.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "sb-bulk-edit.h"

static void
test_change_price (void)
{
  static const struct { gint64 price; int percent; gint64 expected; } ok[] = {
    { 12900, 10, 14190 },     /* KRW */
    { 999, 5, 1049 },         /* 9.99 USD + 5 % = 10.4895 → 10.49 */
    { 1000, -15, 850 },
    { 3, -50, 2 },            /* 1.5 rounds half away from zero */
    { 1, -50, 1 },            /* 0.5 → 1 */
    { 12345, 1000, 135795 },
    { 199, -99, 2 },          /* 1.99 → 0.02 */
  };
  static const struct { gint64 price; int percent; } bad[] = {
    { 1, -99 },               /* 0.01 of a minor unit → 0 */
    { 40, -99 },              /* 0.4 → 0 */
    { G_MAXINT64 / 2, 100 },  /* overflow */
    { 0, 10 },
    { -5, 10 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 result = 0;

      g_assert_true (sb_bulk_edit_change_price_minor (ok[i].price, ok[i].percent, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpint (result, ==, ok[i].expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 result = -1;

      g_assert_false (sb_bulk_edit_change_price_minor (bad[i].price, bad[i].percent, &result, &error));
      g_assert_error (error, SB_BULK_EDIT_ERROR, SB_BULK_EDIT_ERROR_PRICE);
      g_assert_cmpint (result, ==, -1);
    }
}

static void
test_check (void)
{
  g_autoptr(SbBulkEdit) stock = sb_bulk_edit_new (SB_BULK_EDIT_SET_STOCK);
  g_autoptr(SbBulkEdit) price = sb_bulk_edit_new (SB_BULK_EDIT_CHANGE_PRICE);
  g_autoptr(SbBulkEdit) carriers = sb_bulk_edit_new (SB_BULK_EDIT_SET_CARRIERS);
  g_autoptr(SbBulkEdit) copy = NULL;
  g_autoptr(GError) error = NULL;

  stock->stock = 999999;
  g_assert_true (sb_bulk_edit_check (stock, NULL));
  stock->stock = 1000000;
  g_assert_false (sb_bulk_edit_check (stock, &error));
  g_assert_error (error, SB_BULK_EDIT_ERROR, SB_BULK_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  stock->stock = -1;
  g_assert_false (sb_bulk_edit_check (stock, NULL));

  price->percent = 0;
  g_assert_false (sb_bulk_edit_check (price, NULL));
  price->percent = -100;
  g_assert_false (sb_bulk_edit_check (price, NULL));
  price->percent = 1001;
  g_assert_false (sb_bulk_edit_check (price, NULL));
  price->percent = -99;
  g_assert_true (sb_bulk_edit_check (price, NULL));

  g_assert_false (sb_bulk_edit_check (carriers, &error));
  g_assert_error (error, SB_BULK_EDIT_ERROR, SB_BULK_EDIT_ERROR_INVALID);
  carriers->carrier_ids = g_strsplit ("kr_kpacket,kr_ems", ",", -1);
  g_assert_true (sb_bulk_edit_check (carriers, NULL));
  copy = sb_bulk_edit_copy (carriers);
  g_assert_true (copy->carrier_ids != carriers->carrier_ids);
  g_assert_cmpstr (copy->carrier_ids[1], ==, "kr_ems");
}

static SbProduct *
make_product (const char *offer_id,
              gint64      price,
              gint64      price2)
{
  SbProduct *product = sb_product_new (offer_id);
  gint64 prices[] = { price, price2 };

  sb_product_set_title (product, SB_LANG_EN, offer_id);
  product->weight_g = 100;
  product->length_mm = product->width_mm = product->height_mm = 100;
  sb_product_add_carrier (product, "kr_kpacket");
  product->handling_days = 2;
  for (guint i = 0; i < G_N_ELEMENTS (prices); i++)
    {
      SbVariant *variant = sb_variant_new ();

      variant->sku = g_strdup_printf ("%s-%u", offer_id, i);
      sb_variant_set_option (variant, "size", i == 0 ? "S" : "M");
      variant->price_minor = prices[i];
      memcpy (variant->currency, "USD", 4);
      variant->stock = 5;
      sb_product_add_variant (product, variant);
    }
  return product;
}

static void
test_apply (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sellbridge-bulk-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "catalogue.db", NULL);
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbBulkEdit) price = sb_bulk_edit_new (SB_BULK_EDIT_CHANGE_PRICE);
  g_autoptr(SbBulkEdit) stock = sb_bulk_edit_new (SB_BULK_EDIT_SET_STOCK);
  g_autoptr(SbBulkEdit) carriers = sb_bulk_edit_new (SB_BULK_EDIT_SET_CARRIERS);
  g_autoptr(SbBulkEdit) delete = sb_bulk_edit_new (SB_BULK_EDIT_DELETE);
  g_autoptr(SbProduct) a = NULL;
  g_autoptr(SbProduct) b = NULL;
  const char *ids[] = { "A", "B", "MISSING", NULL };
  guint changed = 0, skipped = 0;

  g_assert_no_error (error);
  store = sb_store_open (path, &error);
  g_assert_no_error (error);
  a = make_product ("A", 1000, 2500);
  b = make_product ("B", 40, 5000);
  g_assert_true (sb_store_save_product (store, a, &error));
  g_assert_true (sb_store_save_product (store, b, &error));
  g_clear_pointer (&a, sb_product_free);
  g_clear_pointer (&b, sb_product_free);

  /* −99 % fits A (10.00 → 0.10, 25.00 → 0.25) but not B (0.40 → 0):
   * B is left entirely as it was, not half changed. */
  price->percent = -99;
  g_assert_true (sb_bulk_edit_apply (price, store, ids, &changed, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (skipped, ==, 2);
  a = sb_store_load_product (store, "A", &error);
  b = sb_store_load_product (store, "B", &error);
  g_assert_no_error (error);
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (a->variants, 0))->price_minor, ==, 10);
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (a->variants, 1))->price_minor, ==, 25);
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (b->variants, 0))->price_minor, ==, 40);
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (b->variants, 1))->price_minor, ==, 5000);
  g_clear_pointer (&a, sb_product_free);
  g_clear_pointer (&b, sb_product_free);

  stock->stock = 0;
  g_assert_true (sb_bulk_edit_apply (stock, store, ids, &changed, &skipped, &error));
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (skipped, ==, 1);
  b = sb_store_load_product (store, "B", &error);
  g_assert_cmpint (((SbVariant *) g_ptr_array_index (b->variants, 1))->stock, ==, 0);
  g_clear_pointer (&b, sb_product_free);

  carriers->carrier_ids = g_strsplit ("kr_ems,kr_dhl", ",", -1);
  carriers->handling_days = 4;
  g_assert_true (sb_bulk_edit_apply (carriers, store, ids, &changed, NULL, &error));
  g_assert_cmpuint (changed, ==, 2);
  a = sb_store_load_product (store, "A", &error);
  g_assert_cmpuint (a->carrier_ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (a->carrier_ids, 0), ==, "kr_ems");
  g_assert_cmpstr (g_ptr_array_index (a->carrier_ids, 1), ==, "kr_dhl");
  g_assert_cmpuint (a->handling_days, ==, 4);

  g_assert_true (sb_bulk_edit_apply (delete, store, ids, &changed, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (skipped, ==, 1);
  g_assert_false (sb_store_has_product (store, "A", NULL));
  g_assert_false (sb_store_has_product (store, "B", NULL));

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (dir);
}

static const char carriers_json[] =
  "{\"carriers\": ["
  "{\"id\": \"kr_kpacket\", \"name\": \"K-Packet\", \"origin\": \"KR\","
  " \"max_weight_g\": 2000, \"max_side_mm\": 600, \"max_sum_sides_mm\": 900,"
  " \"volumetric_divisor\": 6000, \"batteries\": [\"installed\"], \"liquids\": false, \"tracking\": true,"
  " \"zones\": [{\"destinations\": [\"RU\"], \"days_min\": 7, \"days_max\": 15, \"currency\": \"KRW\","
  "   \"first_weight_g\": 100, \"first_price\": \"5200\", \"step_weight_g\": 100, \"step_price\": \"700\"}]},"
  "{\"id\": \"kr_ems\", \"name\": \"EMS\", \"origin\": \"KR\","
  " \"max_weight_g\": 30000, \"max_side_mm\": 1500, \"max_sum_sides_mm\": 3000,"
  " \"volumetric_divisor\": 6000, \"batteries\": [\"installed\", \"packed\"], \"liquids\": false, \"tracking\": true,"
  " \"zones\": [{\"destinations\": [\"RU\"], \"days_min\": 3, \"days_max\": 7, \"currency\": \"KRW\","
  "   \"first_weight_g\": 500, \"first_price\": \"21000\", \"step_weight_g\": 500, \"step_price\": \"3000\"}]}"
  "]}";

static gint64
pending_revision (SbStore    *store,
                  const char *offer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = sb_store_list_pending_ops (store, 100, &error);
  gint64 revision = -1;

  g_assert_no_error (error);
  for (guint i = 0; i < ops->len; i++)
    {
      SbOutboxOp *op = g_ptr_array_index (ops, i);

      if (op->kind == SB_OUTBOX_PUT_PRODUCT && g_strcmp0 (op->offer_id, offer_id) == 0)
        revision = op->revision;
    }
  return revision;
}

static void
assert_carriers (SbStore    *store,
                 const char *offer_id,
                 const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProduct) product = sb_store_load_product (store, offer_id, &error);
  g_autoptr(GString) ids = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < product->carrier_ids->len; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? "," : "", (char *) g_ptr_array_index (product->carrier_ids, i));
  g_assert_cmpstr (ids->str, ==, expected);
}

static void
test_assign_carriers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sellbridge-bulk-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "catalogue.db", NULL);
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbBulkEdit) edit = sb_bulk_edit_new (SB_BULK_EDIT_SET_CARRIERS);
  g_autoptr(GPtrArray) carriers = sb_carrier_list_new_from_data (carriers_json, -1, &error);
  g_autoptr(SbProduct) light = NULL;
  g_autoptr(SbProduct) heavy = NULL;
  const char *ids[] = { "LIGHT", "HEAVY", "MISSING", NULL };
  SbBulkEditRefusal *refusal;
  gint64 light_revision, heavy_revision;

  g_assert_no_error (error);
  g_assert_nonnull (carriers);
  store = sb_store_open (path, &error);
  g_assert_no_error (error);
  light = make_product ("LIGHT", 1000, 2000);
  heavy = make_product ("HEAVY", 1000, 2000);
  heavy->weight_g = 5000;                 /* over K-Packet's 2 kg */
  g_ptr_array_set_size (heavy->carrier_ids, 0);
  sb_product_add_carrier (heavy, "kr_ems");
  light->sync_state = heavy->sync_state = SB_SYNC_ACTIVE;
  g_assert_true (sb_store_save_product (store, light, &error));
  g_assert_true (sb_store_save_product (store, heavy, &error));
  g_assert_no_error (error);
  light_revision = pending_revision (store, "LIGHT");
  heavy_revision = pending_revision (store, "HEAVY");
  g_assert_cmpint (light_revision, >, 0);

  /* An id not among the origin's carriers is refused up front. */
  edit->carriers = g_ptr_array_ref (carriers);
  edit->carrier_ids = g_strsplit ("kr_kpacket,ru_cdek", ",", -1);
  g_assert_false (sb_bulk_edit_check (edit, &error));
  g_assert_error (error, SB_BULK_EDIT_ERROR, SB_BULK_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_strfreev (edit->carrier_ids);

  /* Add both: LIGHT gets EMS beside its K-Packet; K-Packet cannot carry
   * HEAVY, which already has EMS, so HEAVY is not saved again. */
  edit->carrier_ids = g_strsplit ("kr_kpacket,kr_ems", ",", -1);
  edit->carrier_assign = SB_CARRIER_ASSIGN_ADD;
  {
    g_auto(SbBulkEditReport) report = { 0 };

    sb_bulk_edit_report_init (&report);
    g_assert_true (sb_bulk_edit_apply_report (edit, store, ids, &report, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report.changed, ==, 1);
    g_assert_cmpuint (report.unchanged, ==, 1);
    g_assert_cmpuint (report.skipped, ==, 1);   /* MISSING */
    g_assert_cmpuint (report.refusals->len, ==, 1);
    refusal = g_ptr_array_index (report.refusals, 0);
    g_assert_cmpstr (refusal->offer_id, ==, "HEAVY");
    g_assert_cmpstr (refusal->carrier_id, ==, "kr_kpacket");
    g_assert_cmpstr (refusal->carrier_name, ==, "K-Packet");
    g_assert_nonnull (refusal->reason);
    g_assert_cmpuint (strlen (refusal->reason), >, 0);
  }
  assert_carriers (store, "LIGHT", "kr_kpacket,kr_ems");
  assert_carriers (store, "HEAVY", "kr_ems");
  /* The change is queued for sync: a newer revision waits in the outbox. */
  g_assert_cmpint (pending_revision (store, "LIGHT"), >, light_revision);
  g_assert_cmpint (pending_revision (store, "HEAVY"), ==, heavy_revision);

  /* Replace with K-Packet only: LIGHT loses EMS; HEAVY would be left
   * without a carrier, so it stays as it was. */
  g_strfreev (edit->carrier_ids);
  edit->carrier_ids = g_strsplit ("kr_kpacket", ",", -1);
  edit->carrier_assign = SB_CARRIER_ASSIGN_REPLACE;
  edit->handling_days = 5;
  {
    g_auto(SbBulkEditReport) report = { 0 };

    sb_bulk_edit_report_init (&report);
    g_assert_true (sb_bulk_edit_apply_report (edit, store, ids, &report, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report.changed, ==, 1);
    g_assert_cmpuint (report.skipped, ==, 2);
    g_assert_cmpuint (report.refusals->len, ==, 1);
  }
  assert_carriers (store, "LIGHT", "kr_kpacket");
  assert_carriers (store, "HEAVY", "kr_ems");
  g_clear_pointer (&light, sb_product_free);
  light = sb_store_load_product (store, "LIGHT", &error);
  g_assert_cmpuint (light->handling_days, ==, 5);
  g_assert_cmpint (light->sync_state, ==, SB_SYNC_QUEUED);

  /* A copy holds its own reference to the carrier list. */
  {
    g_autoptr(SbBulkEdit) copy = sb_bulk_edit_copy (edit);

    g_assert_true (copy->carriers == carriers);
    g_assert_cmpint (copy->carrier_assign, ==, SB_CARRIER_ASSIGN_REPLACE);
  }

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bulk-edit/change-price", test_change_price);
  g_test_add_func ("/bulk-edit/check", test_check);
  g_test_add_func ("/bulk-edit/apply", test_apply);
  g_test_add_func ("/bulk-edit/assign-carriers", test_assign_carriers);
  return g_test_run ();
}
