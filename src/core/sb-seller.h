/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-seller.h: the seller's onboarding application as the Seller API
 * carries it (GET/PUT /v1/seller) — a plain boxed record, its JSON form
 * and the contract's validation rules, shared by the app, the CLI and the
 * sandbox server.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sb-product.h"   /* SbReason */

G_BEGIN_DECLS

#define SB_SELLER_ERROR (sb_seller_error_quark ())

typedef enum {
  SB_SELLER_ERROR_INVALID,   /* not a seller object, or a member of the wrong type */
} SbSellerError;

typedef struct {
  char      *country;              /* "KR" or "RU" */
  char      *legal_form;           /* "company" or "sole_proprietor" */
  char      *legal_name;
  char      *registration_number;  /* KR: BRN; RU: OGRN or OGRNIP */
  char      *tax_id;               /* (nullable) RU: INN */
  char      *kpp;                  /* (nullable) RU companies only */
  char      *store_name;
  char      *contact_email;
  char      *phone;                /* (nullable) */
  char      *payout_currency;      /* "KRW", "RUB" or "USD" */
  char      *bank_name;
  char      *bank_account;
  char      *bank_holder;

  /* Server-owned; never sent in the PUT body. */
  char      *status;               /* (nullable) submitted, approved, rejected */
  GPtrArray *reasons;              /* (element-type SbReason) (owned) */
} SbSeller;

#define SB_TYPE_SELLER (sb_seller_get_type ())

GQuark     sb_seller_error_quark (void);
GType      sb_seller_get_type    (void) G_GNUC_CONST;
SbSeller  *sb_seller_new         (void);
SbSeller  *sb_seller_copy        (const SbSeller *seller);
void       sb_seller_free        (SbSeller       *seller);
gboolean   sb_seller_equal       (const SbSeller *a,
                                  const SbSeller *b);
gboolean   sb_seller_is_sole_proprietor (const SbSeller *seller);
/* Replaces registration_number, tax_id and kpp by their normalised
 * spelling (sb_id_normalize), as the app should before validating. */
void       sb_seller_normalize_ids (SbSeller     *seller);

JsonNode  *sb_seller_to_json     (const SbSeller *seller);
SbSeller  *sb_seller_from_json   (JsonNode       *node,
                                  GError        **error);
gboolean   sb_seller_validate    (const SbSeller *seller,
                                  GPtrArray      *field_errors);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSeller, sb_seller_free)

G_END_DECLS
