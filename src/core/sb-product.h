/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-product.h: the catalogue's data model shared by every layer — a
 * product as the seller edits it and as the Seller API carries it, with its
 * variants, images and local sync state.  These are plain boxed records
 * (not GObjects): the store, CSV import/export, the API client, the sandbox
 * and the UI adapters all create, copy and compare them.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Languages a title or description is kept in. */
typedef enum {
  SB_LANG_EN,
  SB_LANG_KO,
  SB_LANG_RU,
  SB_N_LANGS
} SbLang;

const char *sb_lang_to_code   (SbLang      lang);
gboolean    sb_lang_from_code (const char *code,
                               SbLang     *out_lang);

typedef enum {
  SB_BATTERIES_NONE,
  SB_BATTERIES_INSTALLED,
  SB_BATTERIES_PACKED,
  SB_BATTERIES_STANDALONE,
} SbBatteries;

const char *sb_batteries_to_string   (SbBatteries  batteries);
gboolean    sb_batteries_from_string (const char  *str,
                                      SbBatteries *out_batteries);

/* Where a product stands between the seller's desk and the marketplace. */
typedef enum {
  SB_SYNC_DRAFT,          /* saved locally, not to be sent yet */
  SB_SYNC_QUEUED,         /* changed locally, waiting in the outbox */
  SB_SYNC_SENT,           /* sent, waiting for the server's answer */
  SB_SYNC_PENDING_REVIEW, /* accepted by the server, under moderation */
  SB_SYNC_ACTIVE,         /* live on the marketplace */
  SB_SYNC_REJECTED,       /* rejected by moderation or validation */
  SB_SYNC_CONFLICT,       /* changed on both sides; the seller decides */
  SB_SYNC_ARCHIVED,       /* deleted on the marketplace */
} SbSyncState;

const char *sb_sync_state_to_string   (SbSyncState  state);
gboolean    sb_sync_state_from_string (const char  *str,
                                       SbSyncState *out_state);

typedef struct {
  char   *sku;
  /* Option name → value, e.g. "color" → "white".  (owned) */
  GHashTable *options;
  gint64  price_minor;     /* price in minor units of @currency */
  char    currency[4];     /* ISO 4217 code */
  gint64  stock;
  char   *barcode;         /* (nullable) EAN-13 or UPC-A */
} SbVariant;

typedef struct {
  char   *local_path;      /* (nullable) file the seller picked */
  char   *sha256;          /* (nullable) lowercase hex of the bytes */
  char   *remote_id;       /* (nullable) "img_…" once uploaded */
  guint   width;
  guint   height;
} SbImage;

/* A moderation or validation message from the marketplace. */
typedef struct {
  char *code;
  char *path;     /* (nullable) field path for validation errors */
  char *message;
} SbReason;

typedef struct {
  char        *offer_id;
  char        *category_id;
  char        *title[SB_N_LANGS];        /* (nullable) each */
  char        *description[SB_N_LANGS];  /* (nullable) each */
  /* Attribute id → value as text; numbers are kept in their decimal
   * spelling and typed by the category when sent.  (owned) */
  GHashTable  *attributes;
  GPtrArray   *images;        /* (element-type SbImage) (owned) */
  guint        weight_g;
  guint        length_mm;
  guint        width_mm;
  guint        height_mm;
  char        *hs_code;       /* (nullable) */
  SbBatteries  batteries;
  gboolean     liquids;
  GPtrArray   *carrier_ids;   /* (element-type utf8) (owned) */
  guint        handling_days;
  GPtrArray   *variants;      /* (element-type SbVariant) (owned) */

  /* Local sync bookkeeping; not part of the API body. */
  SbSyncState  sync_state;
  gint64       server_version;  /* 0 when never accepted */
  GPtrArray   *reasons;         /* (element-type SbReason) (owned) */
} SbProduct;

#define SB_TYPE_VARIANT (sb_variant_get_type ())
#define SB_TYPE_IMAGE   (sb_image_get_type ())
#define SB_TYPE_REASON  (sb_reason_get_type ())
#define SB_TYPE_PRODUCT (sb_product_get_type ())

GType      sb_variant_get_type (void) G_GNUC_CONST;
SbVariant *sb_variant_new      (void);
SbVariant *sb_variant_copy     (const SbVariant *variant);
void       sb_variant_free     (SbVariant       *variant);
void       sb_variant_set_option (SbVariant  *variant,
                                  const char *name,
                                  const char *value);
char      *sb_variant_dup_options_key (const SbVariant *variant);

GType      sb_image_get_type   (void) G_GNUC_CONST;
SbImage   *sb_image_new        (void);
SbImage   *sb_image_copy       (const SbImage *image);
void       sb_image_free       (SbImage       *image);

GType      sb_reason_get_type  (void) G_GNUC_CONST;
SbReason  *sb_reason_new       (const char     *code,
                                const char     *path,
                                const char     *message);
SbReason  *sb_reason_copy      (const SbReason *reason);
void       sb_reason_free      (SbReason       *reason);

GType      sb_product_get_type (void) G_GNUC_CONST;
SbProduct *sb_product_new      (const char      *offer_id);
SbProduct *sb_product_copy     (const SbProduct *product);
void       sb_product_free     (SbProduct       *product);
gboolean   sb_product_equal    (const SbProduct *a,
                                const SbProduct *b);
void       sb_product_set_title       (SbProduct  *product,
                                       SbLang      lang,
                                       const char *title);
void       sb_product_set_description (SbProduct  *product,
                                       SbLang      lang,
                                       const char *description);
void       sb_product_set_attribute   (SbProduct  *product,
                                       const char *id,
                                       const char *value);
void       sb_product_add_variant     (SbProduct  *product,
                                       SbVariant  *variant);
SbVariant *sb_product_find_variant    (SbProduct  *product,
                                       const char *sku);
void       sb_product_add_carrier     (SbProduct  *product,
                                       const char *carrier_id);
void       sb_product_add_image       (SbProduct  *product,
                                       SbImage    *image);
char     **sb_product_dup_option_names (const SbProduct *product);

gboolean   sb_offer_id_is_valid (const char *offer_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbVariant, sb_variant_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbImage, sb_image_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbReason, sb_reason_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbProduct, sb_product_free)

G_END_DECLS
