/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-carrier.c: unit tests of carriers and the quote rule — the
 * contract's example parses with money in minor units, wrong members are
 * errors naming their path, and the quote's ceil() steps, volumetric
 * rounding, each kind of refusal and its message are exact.
 */
#include "config.h"

#include <string.h>

#include "sb-carrier.h"
#include "sb-shipping.h"

static const char *example =
  "{\"carriers\": ["
  "{\"id\": \"kr_kpacket\", \"name\": \"K-Packet\", \"origin\": \"KR\","
  " \"max_weight_g\": 2000, \"max_side_mm\": 600, \"max_sum_sides_mm\": 900,"
  " \"volumetric_divisor\": 6000, \"batteries\": [\"installed\", \"lithium-metal\"], \"liquids\": false, \"tracking\": true,"
  " \"zones\": ["
  "  {\"destinations\": [\"RU\", \"KZ\", \"BY\"], \"days_min\": 7, \"days_max\": 15,"
  "   \"currency\": \"KRW\", \"first_weight_g\": 100, \"first_price\": \"5200\","
  "   \"step_weight_g\": 100, \"step_price\": \"700\"},"
  "  {\"destinations\": [\"US\"], \"days_min\": 10, \"days_max\": 20,"
  "   \"currency\": \"USD\", \"first_weight_g\": 500, \"first_price\": \"12.5\","
  "   \"step_weight_g\": 250, \"step_price\": \"1.05\"}]},"
  "{\"id\": \"kr_ems\", \"name\": \"EMS\", \"origin\": \"KR\", \"max_weight_g\": 30000.0,"
  " \"volumetric_divisor\": 6000, \"liquids\": true, \"zones\": [], \"new_member\": [1, 2]}"
  "]}";

static GPtrArray *
load_example (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *carriers = sb_carrier_list_new_from_data (example, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (carriers);
  return carriers;
}

static void
test_parse (void)
{
  g_autoptr(GPtrArray) carriers = load_example ();
  const SbCarrier *kpacket, *ems;
  const SbCarrierZone *zone;

  g_assert_cmpuint (carriers->len, ==, 2);
  kpacket = sb_carrier_list_find (carriers, "kr_kpacket");
  g_assert_nonnull (kpacket);
  g_assert_cmpstr (kpacket->name, ==, "K-Packet");
  g_assert_cmpstr (kpacket->origin, ==, "KR");
  g_assert_cmpuint (kpacket->max_weight_g, ==, 2000);
  g_assert_cmpuint (kpacket->max_side_mm, ==, 600);
  g_assert_cmpuint (kpacket->max_sum_sides_mm, ==, 900);
  g_assert_cmpuint (kpacket->volumetric_divisor, ==, 6000);
  g_assert_true (sb_carrier_takes_batteries (kpacket, SB_BATTERIES_NONE));
  g_assert_true (sb_carrier_takes_batteries (kpacket, SB_BATTERIES_INSTALLED));
  g_assert_false (sb_carrier_takes_batteries (kpacket, SB_BATTERIES_PACKED));
  g_assert_false (sb_carrier_takes_batteries (kpacket, SB_BATTERIES_STANDALONE));
  g_assert_false (kpacket->liquids);
  g_assert_true (kpacket->tracking);
  g_assert_cmpuint (kpacket->zones->len, ==, 2);

  zone = sb_carrier_find_zone (kpacket, "KZ");
  g_assert_nonnull (zone);
  g_assert_cmpstr (zone->currency, ==, "KRW");
  g_assert_cmpint (zone->first_price_minor, ==, 5200);
  g_assert_cmpint (zone->step_price_minor, ==, 700);
  g_assert_cmpuint (zone->days_min, ==, 7);
  g_assert_cmpuint (zone->days_max, ==, 15);
  zone = sb_carrier_find_zone (kpacket, "US");
  g_assert_cmpint (zone->first_price_minor, ==, 1250);
  g_assert_cmpint (zone->step_price_minor, ==, 105);
  g_assert_null (sb_carrier_find_zone (kpacket, "BR"));
  g_assert_null (sb_carrier_find_zone (kpacket, NULL));

  ems = sb_carrier_list_find (carriers, "kr_ems");
  g_assert_cmpuint (ems->max_weight_g, ==, 30000);
  g_assert_cmpuint (ems->max_side_mm, ==, G_MAXUINT);   /* not sent: no limit */
  g_assert_true (ems->liquids);
  g_assert_false (ems->tracking);
  g_assert_null (sb_carrier_list_find (carriers, "ru_post"));

  {
    g_autoptr(SbCarrier) copy = sb_carrier_copy (kpacket);
    g_assert_cmpstr (copy->id, ==, "kr_kpacket");
    g_assert_cmpuint (copy->zones->len, ==, 2);
    g_assert_cmpstr (((SbCarrierZone *) g_ptr_array_index (copy->zones, 0))->destinations[2], ==, "BY");
  }
}

static void
test_parse_errors (void)
{
  struct { const char *json, *part; } cases[] = {
    { "{\"carriers\": 1}", "“carriers” should be a list" },
    { "{\"carriers\": [{\"id\": \"a\", \"name\": \"A\"}]}", "carriers[0].origin” is missing" },
    { "{\"carriers\": [{\"id\": \"a\", \"name\": \"A\", \"origin\": \"KR\", \"max_weight_g\": \"2000\"}]}", "carriers[0].max_weight_g" },
    { "{\"carriers\": [{\"id\": \"a\", \"name\": \"A\", \"origin\": \"KR\", \"max_weight_g\": -1}]}", "carriers[0].max_weight_g" },
    { "{\"carriers\": [{\"id\": \"a\", \"name\": \"A\", \"origin\": \"KR\", \"volumetric_divisor\": 0}]}", "carriers[0].volumetric_divisor" },
    { "{\"carriers\": [{\"id\": \"a\", \"name\": \"A\", \"origin\": \"KR\", \"liquids\": \"no\"}]}", "carriers[0].liquids" },
    { "{\"carriers\": [{\"id\": \"a\", \"name\": \"A\", \"origin\": \"KR\", \"batteries\": [true]}]}", "carriers[0].batteries[0]" },
    { "{\"carriers\": [{\"id\": \"a\", \"name\": \"A\", \"origin\": \"KR\", \"zones\": [{\"destinations\": [\"RU\"], \"currency\": \"KRW\", \"first_weight_g\": 100, \"first_price\": 5200, \"step_weight_g\": 100, \"step_price\": \"700\"}]}]}", "carriers[0].zones[0].first_price" },
    { "{\"carriers\": [{\"id\": \"a\", \"name\": \"A\", \"origin\": \"KR\", \"zones\": [{\"destinations\": [\"RU\"], \"currency\": \"KRW\", \"first_weight_g\": 100, \"first_price\": \"5200.5\", \"step_weight_g\": 100, \"step_price\": \"700\"}]}]}", "carriers[0].zones[0].first_price" },
    { "{\"carriers\": [{\"id\": \"a\", \"name\": \"A\", \"origin\": \"KR\", \"zones\": [{\"destinations\": [\"RU\"], \"currency\": \"XXY\", \"first_weight_g\": 100, \"first_price\": \"5200\", \"step_weight_g\": 100, \"step_price\": \"700\"}]}]}", "carriers[0].zones[0].currency" },
    { "{\"carriers\": [{\"id\": \"a\", \"name\": \"A\", \"origin\": \"KR\", \"zones\": [{\"destinations\": [\"RU\"], \"currency\": \"KRW\", \"first_weight_g\": 100, \"first_price\": \"5200\", \"step_weight_g\": 0, \"step_price\": \"700\"}]}]}", "carriers[0].zones[0].step_weight_g" },
    { "{\"carriers\": [{\"id\": \"a\", \"name\": \"A\", \"origin\": \"KR\", \"zones\": [{\"destinations\": \"RU\", \"currency\": \"KRW\", \"first_weight_g\": 100, \"first_price\": \"5200\", \"step_weight_g\": 10, \"step_price\": \"700\"}]}]}", "carriers[0].zones[0].destinations" },
    { "{\"carriers\": [{\"id\": \"a\", \"name\": \"A\", \"origin\": \"KR\", \"zones\": [{\"destinations\": [\"RU\"], \"currency\": \"KRW\", \"first_weight_g\": 100, \"first_price\": \"-5\", \"step_weight_g\": 10, \"step_price\": \"700\"}]}]}", "negative" },
    { "{\"carriers\": [{\"id\": \"a\", \"name\": \"A\", \"origin\": \"KR\"}, {\"id\": \"a\", \"name\": \"B\", \"origin\": \"KR\"}]}", "twice" },
    { "not json", "JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) carriers = sb_carrier_list_new_from_data (cases[i].json, -1, &error);

      g_assert_null (carriers);
      g_assert_error (error, SB_CARRIER_ERROR, SB_CARRIER_ERROR_INVALID);
      if (strstr (error->message, cases[i].part) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, cases[i].part);
    }
}

static void
quote_kpacket (guint        weight_g,
               guint        l,
               guint        w,
               guint        h,
               const char  *destination,
               SbQuote     *quote)
{
  g_autoptr(GPtrArray) carriers = load_example ();
  SbParcel parcel = { weight_g, l, w, h, SB_BATTERIES_NONE, FALSE };

  sb_shipping_quote (g_ptr_array_index (carriers, 0), &parcel, destination, quote);
}

static void
test_quote_steps (void)
{
  struct {
    guint weight, l, w, h;
    guint64 volumetric, chargeable;
    gint64 price;
  } cases[] = {
    /* the contract's T-shirt: 300·200·30 = 1 800 000 mm³ / 6000 = 300 g */
    { 250, 300, 200, 30, 300, 300, 5200 + 2 * 700 },
    /* chargeable == first weight: no steps */
    { 100, 10, 10, 10, 1, 100, 5200 },
    /* 1 g over the first weight: one step */
    { 101, 10, 10, 10, 1, 101, 5900 },
    /* exactly one step over, then 1 g more */
    { 200, 10, 10, 10, 1, 200, 5900 },
    { 201, 10, 10, 10, 1, 201, 6600 },
    /* below the first weight */
    { 1, 1, 1, 1, 1, 1, 5200 },
    /* volumetric exactly 1 g, then rounded up to 2 g */
    { 1, 60, 10, 10, 1, 1, 5200 },
    { 1, 60, 10, 11, 2, 2, 5200 },
    /* volumetric decides: 400·300·100 = 12 000 000 / 6000 = 2000 g, the limit */
    { 500, 400, 300, 100, 2000, 2000, 5200 + 19 * 700 },
    /* volumetric 1 mm³ over an exact step boundary: 101 g → one step */
    { 1, 100, 100, 60, 100, 100, 5200 },
    { 1, 100, 101, 60, 101, 101, 5900 },
    /* the maximum weight itself is allowed */
    { 2000, 10, 10, 10, 1, 2000, 5200 + 19 * 700 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SbQuote) quote = { 0 };

      quote_kpacket (cases[i].weight, cases[i].l, cases[i].w, cases[i].h, "RU", &quote);
      g_assert_cmpint (quote.refusal, ==, SB_REFUSAL_NONE);
      g_assert_cmpuint (quote.volumetric_g, ==, cases[i].volumetric);
      g_assert_cmpuint (quote.chargeable_g, ==, cases[i].chargeable);
      g_assert_true (quote.has_price);
      g_assert_cmpint (quote.price_minor, ==, cases[i].price);
      g_assert_cmpstr (quote.currency, ==, "KRW");
      g_assert_cmpuint (quote.days_min, ==, 7);
      g_assert_cmpuint (quote.days_max, ==, 15);
      g_assert_null (sb_quote_dup_reason (&quote));
    }

  /* USD zone: 500 g first for 12.50, then 1.05 per started 250 g. */
  {
    g_auto(SbQuote) quote = { 0 };

    quote_kpacket (751, 10, 10, 10, "US", &quote);
    g_assert_true (quote.has_price);
    g_assert_cmpstr (quote.currency, ==, "USD");
    g_assert_cmpint (quote.price_minor, ==, 1250 + 2 * 105);
  }
  /* No destination: only the limits, no price. */
  {
    g_auto(SbQuote) quote = { 0 };

    quote_kpacket (250, 300, 200, 30, NULL, &quote);
    g_assert_cmpint (quote.refusal, ==, SB_REFUSAL_NONE);
    g_assert_false (quote.has_price);
    g_assert_cmpuint (quote.chargeable_g, ==, 300);
  }
}

static void
test_quote_refusals (void)
{
  g_autoptr(GPtrArray) carriers = load_example ();
  const SbCarrier *kpacket = g_ptr_array_index (carriers, 0);
  SbParcel parcel = { 2350, 100, 100, 100, SB_BATTERIES_NONE, FALSE };
  g_auto(SbQuote) quote = { 0 };
  g_autofree char *reason = NULL;

  g_assert_false (sb_shipping_quote (kpacket, &parcel, "RU", &quote));
  g_assert_cmpint (quote.refusal, ==, SB_REFUSAL_TOO_HEAVY);
  g_assert_cmpuint (quote.over_by, ==, 350);
  g_assert_cmpuint (quote.limit, ==, 2000);
  reason = sb_quote_dup_reason (&quote);
  g_assert_cmpstr (reason, ==, "Too heavy by 350 g — K-Packet takes at most 2,000 g.");
  g_clear_pointer (&reason, g_free);
  sb_quote_clear (&quote);

  /* 1 g over. */
  parcel.weight_g = 2001;
  g_assert_false (sb_shipping_quote (kpacket, &parcel, "RU", &quote));
  g_assert_cmpint (quote.refusal, ==, SB_REFUSAL_TOO_HEAVY);
  g_assert_cmpuint (quote.over_by, ==, 1);
  sb_quote_clear (&quote);

  /* Too heavy by volume: 500·300·100 / 6000 = 2500 g. */
  parcel = (SbParcel) { 400, 500, 300, 100, SB_BATTERIES_NONE, FALSE };
  g_assert_false (sb_shipping_quote (kpacket, &parcel, "RU", &quote));
  g_assert_cmpint (quote.refusal, ==, SB_REFUSAL_TOO_HEAVY);
  g_assert_cmpuint (quote.volumetric_g, ==, 2500);
  g_assert_cmpuint (quote.over_by, ==, 500);
  reason = sb_quote_dup_reason (&quote);
  g_assert_cmpstr (reason, ==, "Too heavy by 500 g: the volumetric weight is 2,500 g — K-Packet takes at most 2,000 g.");
  g_clear_pointer (&reason, g_free);
  sb_quote_clear (&quote);

  /* A side too long: the longest one is named. */
  parcel = (SbParcel) { 100, 100, 650, 10, SB_BATTERIES_NONE, FALSE };
  g_assert_false (sb_shipping_quote (kpacket, &parcel, "RU", &quote));
  g_assert_cmpint (quote.refusal, ==, SB_REFUSAL_SIDE_TOO_LONG);
  g_assert_cmpint (quote.side, ==, SB_SIDE_WIDTH);
  g_assert_cmpuint (quote.over_by, ==, 50);
  g_assert_cmpuint (quote.limit, ==, 600);
  reason = sb_quote_dup_reason (&quote);
  g_assert_cmpstr (reason, ==, "The width is 50 mm too long — K-Packet takes at most 600 mm on any side.");
  g_clear_pointer (&reason, g_free);
  sb_quote_clear (&quote);

  parcel = (SbParcel) { 100, 600, 10, 10, SB_BATTERIES_NONE, FALSE };
  g_assert_true (sb_shipping_quote (kpacket, &parcel, "RU", &quote));
  sb_quote_clear (&quote);
  parcel.height_mm = 601;
  g_assert_false (sb_shipping_quote (kpacket, &parcel, "RU", &quote));
  g_assert_cmpint (quote.side, ==, SB_SIDE_HEIGHT);
  sb_quote_clear (&quote);

  /* The sum of sides: 580 + 300 + 21 = 901. */
  parcel = (SbParcel) { 100, 580, 300, 20, SB_BATTERIES_NONE, FALSE };
  g_assert_true (sb_shipping_quote (kpacket, &parcel, "RU", &quote));
  sb_quote_clear (&quote);
  parcel.height_mm = 21;
  g_assert_false (sb_shipping_quote (kpacket, &parcel, "RU", &quote));
  g_assert_cmpint (quote.refusal, ==, SB_REFUSAL_SUM_OF_SIDES);
  g_assert_cmpuint (quote.over_by, ==, 1);
  g_assert_cmpuint (quote.limit, ==, 900);
  reason = sb_quote_dup_reason (&quote);
  g_assert_cmpstr (reason, ==, "Length + width + height is 1 mm too much — K-Packet takes at most 900 mm in total.");
  g_clear_pointer (&reason, g_free);
  sb_quote_clear (&quote);

  /* Batteries and liquids. */
  parcel = (SbParcel) { 100, 100, 100, 10, SB_BATTERIES_INSTALLED, FALSE };
  g_assert_true (sb_shipping_quote (kpacket, &parcel, "RU", &quote));
  sb_quote_clear (&quote);
  parcel.batteries = SB_BATTERIES_PACKED;
  g_assert_false (sb_shipping_quote (kpacket, &parcel, "RU", &quote));
  g_assert_cmpint (quote.refusal, ==, SB_REFUSAL_BATTERIES);
  g_assert_cmpint (quote.batteries, ==, SB_BATTERIES_PACKED);
  reason = sb_quote_dup_reason (&quote);
  g_assert_cmpstr (reason, ==, "K-Packet does not take batteries packed with the goods.");
  g_clear_pointer (&reason, g_free);
  sb_quote_clear (&quote);
  parcel.batteries = SB_BATTERIES_STANDALONE;
  g_assert_false (sb_shipping_quote (kpacket, &parcel, "RU", &quote));
  g_assert_cmpint (quote.batteries, ==, SB_BATTERIES_STANDALONE);
  sb_quote_clear (&quote);

  parcel = (SbParcel) { 100, 100, 100, 10, SB_BATTERIES_NONE, TRUE };
  g_assert_false (sb_shipping_quote (kpacket, &parcel, "RU", &quote));
  g_assert_cmpint (quote.refusal, ==, SB_REFUSAL_LIQUIDS);
  reason = sb_quote_dup_reason (&quote);
  g_assert_cmpstr (reason, ==, "K-Packet does not take liquids.");
  g_clear_pointer (&reason, g_free);
  sb_quote_clear (&quote);

  /* No zone comes first. */
  g_assert_false (sb_shipping_quote (kpacket, &parcel, "BR", &quote));
  g_assert_cmpint (quote.refusal, ==, SB_REFUSAL_NO_ZONE);
  reason = sb_quote_dup_reason (&quote);
  g_assert_cmpstr (reason, ==, "K-Packet does not ship to BR.");
  g_clear_pointer (&reason, g_free);
  sb_quote_clear (&quote);

  /* A volume that overflows 64 bits is simply too heavy. */
  parcel = (SbParcel) { 1, G_MAXUINT, G_MAXUINT, G_MAXUINT, SB_BATTERIES_NONE, FALSE };
  g_assert_cmpuint (sb_shipping_volumetric_g (kpacket, &parcel), ==, G_MAXUINT64);
}

static void
test_reason_grouping (void)
{
  g_autoptr(GPtrArray) carriers = load_example ();
  SbParcel parcel = { 12345, 100, 100, 100, SB_BATTERIES_NONE, FALSE };
  g_auto(SbQuote) quote = { 0 };
  g_autofree char *reason = NULL;

  /* Digits are grouped the way the message language groups them. */
  g_setenv ("LANGUAGE", "ru_RU", TRUE);
  g_assert_false (sb_shipping_quote (g_ptr_array_index (carriers, 0), &parcel, "RU", &quote));
  reason = sb_quote_dup_reason (&quote);
  g_unsetenv ("LANGUAGE");
  g_assert_nonnull (strstr (reason, "10\u00a0345 g"));
  g_assert_nonnull (strstr (reason, "2\u00a0000 g"));
}

static void
test_quote_all (void)
{
  g_autoptr(GPtrArray) carriers = load_example ();
  SbParcel parcel = { 2500, 300, 200, 100, SB_BATTERIES_NONE, TRUE };
  g_autoptr(GPtrArray) quotes = sb_shipping_quote_all (carriers, &parcel, "RU");
  const SbQuote *kpacket, *ems;

  g_assert_cmpuint (quotes->len, ==, 2);
  kpacket = g_ptr_array_index (quotes, 0);
  ems = g_ptr_array_index (quotes, 1);
  g_assert_cmpstr (kpacket->carrier_id, ==, "kr_kpacket");
  g_assert_cmpint (kpacket->refusal, ==, SB_REFUSAL_LIQUIDS);
  g_assert_cmpstr (ems->carrier_id, ==, "kr_ems");
  /* EMS has no zones in this example. */
  g_assert_cmpint (ems->refusal, ==, SB_REFUSAL_NO_ZONE);

  {
    g_autoptr(SbQuote) copy = sb_quote_copy (kpacket);
    g_assert_cmpstr (copy->carrier_name, ==, "K-Packet");
    g_assert_cmpint (copy->refusal, ==, SB_REFUSAL_LIQUIDS);
  }
}

static void
test_parcel_from_product (void)
{
  g_autoptr(SbProduct) product = sb_product_new ("X");
  SbParcel parcel;

  product->weight_g = 250;
  product->length_mm = 300;
  product->width_mm = 200;
  product->height_mm = 30;
  product->batteries = SB_BATTERIES_INSTALLED;
  product->liquids = TRUE;
  sb_parcel_from_product (&parcel, product);
  g_assert_cmpuint (parcel.weight_g, ==, 250);
  g_assert_cmpuint (parcel.length_mm, ==, 300);
  g_assert_cmpuint (parcel.width_mm, ==, 200);
  g_assert_cmpuint (parcel.height_mm, ==, 30);
  g_assert_cmpint (parcel.batteries, ==, SB_BATTERIES_INSTALLED);
  g_assert_true (parcel.liquids);
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/carrier/parse", test_parse);
  g_test_add_func ("/carrier/parse-errors", test_parse_errors);
  g_test_add_func ("/shipping/quote-steps", test_quote_steps);
  g_test_add_func ("/shipping/quote-refusals", test_quote_refusals);
  g_test_add_func ("/shipping/quote-all", test_quote_all);
  g_test_add_func ("/shipping/reason-grouping", test_reason_grouping);
  g_test_add_func ("/shipping/parcel-from-product", test_parcel_from_product);
  return g_test_run ();
}
