/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-identity.h: the identity numbers a seller or a product carries —
 * the Korean business registration number, the Russian INN, OGRN, OGRNIP
 * and KPP, and EAN-13 / UPC-A barcodes.  Input is normalised first
 * (spaces, dashes and full-width digits as people paste them), then the
 * length, characters and check digits are verified, and a failure says
 * exactly what is wrong.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SB_ID_ERROR (sb_id_error_quark ())

typedef enum {
  SB_ID_ERROR_LENGTH,       /* wrong number of characters */
  SB_ID_ERROR_CHARACTERS,   /* a character that may not appear there */
  SB_ID_ERROR_CHECK_DIGIT,  /* well formed, but a check digit is wrong */
} SbIdError;

typedef enum {
  SB_ID_KIND_KR_BRN,     /* 사업자등록번호, 10 digits */
  SB_ID_KIND_RU_INN,     /* 10 digits (company) or 12 (sole proprietor) */
  SB_ID_KIND_RU_OGRN,    /* 13 digits */
  SB_ID_KIND_RU_OGRNIP,  /* 15 digits */
  SB_ID_KIND_RU_KPP,     /* 4 digits, 2 of [0-9A-Z], 3 digits */
  SB_ID_KIND_EAN13,      /* EAN-13, or UPC-A (12 digits) */
} SbIdKind;

GQuark      sb_id_error_quark      (void);

/* "kr-brn", "ru-inn", "ru-ogrn", "ru-ogrnip", "ru-kpp", "ean13" */
gboolean    sb_id_kind_from_string (const char  *s,
                                    SbIdKind    *out);
const char *sb_id_kind_to_string   (SbIdKind     kind);

char       *sb_id_normalize        (const char  *input);
char       *sb_id_check            (SbIdKind     kind,
                                    const char  *input,
                                    GError     **error);
char       *sb_id_check_for_form   (SbIdKind     kind,
                                    const char  *input,
                                    gboolean     sole_proprietor,
                                    GError     **error);

G_END_DECLS
