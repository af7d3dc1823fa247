/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-carrier.h: the carriers a seller can ship with, as GET
 * /v1/reference/carriers?origin=… returns them — limits, what goods they
 * refuse, and the price zones with money in integer minor units.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sb-product.h"

G_BEGIN_DECLS

#define SB_CARRIER_ERROR (sb_carrier_error_quark ())

typedef enum {
  SB_CARRIER_ERROR_INVALID,   /* wrong shape, member type or amount */
} SbCarrierError;

typedef struct {
  GStrv   destinations;        /* (owned) ISO 3166 alpha-2 codes */
  guint   days_min;
  guint   days_max;
  char    currency[4];
  guint   first_weight_g;
  gint64  first_price_minor;
  guint   step_weight_g;       /* > 0 */
  gint64  step_price_minor;
} SbCarrierZone;

typedef struct {
  char      *id;
  char      *name;
  char      *origin;              /* "KR" or "RU" */
  /* A limit the server does not send is G_MAXUINT (none). */
  guint      max_weight_g;
  guint      max_side_mm;
  guint      max_sum_sides_mm;
  guint      volumetric_divisor;  /* 0 when not sent: no volumetric weight */
  /* Bit (1 << SbBatteries) set for each kind of battery it takes;
   * SB_BATTERIES_NONE is always set. */
  guint      batteries;
  gboolean   liquids;
  gboolean   tracking;
  GPtrArray *zones;               /* (element-type SbCarrierZone) (owned) */
} SbCarrier;

#define SB_TYPE_CARRIER_ZONE (sb_carrier_zone_get_type ())
#define SB_TYPE_CARRIER      (sb_carrier_get_type ())

GQuark         sb_carrier_error_quark   (void);

GType          sb_carrier_zone_get_type (void) G_GNUC_CONST;
SbCarrierZone *sb_carrier_zone_new      (void);
SbCarrierZone *sb_carrier_zone_copy     (const SbCarrierZone *zone);
void           sb_carrier_zone_free     (SbCarrierZone       *zone);

GType          sb_carrier_get_type      (void) G_GNUC_CONST;
SbCarrier     *sb_carrier_new           (void);
SbCarrier     *sb_carrier_copy          (const SbCarrier *carrier);
void           sb_carrier_free          (SbCarrier       *carrier);
gboolean       sb_carrier_takes_batteries (const SbCarrier *carrier,
                                           SbBatteries      batteries);
/* (transfer none) (nullable): the first zone serving @destination */
const SbCarrierZone *sb_carrier_find_zone (const SbCarrier *carrier,
                                           const char      *destination);

SbCarrier     *sb_carrier_new_from_json (JsonNode   *node,
                                         GError    **error);
/* The whole response {"carriers": [...]}.
 * Returns: (transfer full) (element-type SbCarrier) */
GPtrArray     *sb_carrier_list_new_from_json (JsonNode    *node,
                                              GError     **error);
GPtrArray     *sb_carrier_list_new_from_data (const char  *data,
                                              gssize       length,
                                              GError     **error);
/* (transfer none) (nullable) */
const SbCarrier *sb_carrier_list_find   (GPtrArray  *carriers,
                                         const char *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCarrierZone, sb_carrier_zone_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCarrier, sb_carrier_free)

G_END_DECLS
