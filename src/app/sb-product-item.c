/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-product-item.c: one row of the catalogue list.  SbProductListModel
 * hands out items at once, before their page was read from the store; such
 * an item is "not loaded" and shows placeholders, and it gets its
 * SbProductSummary (notifying "summary" and "loaded") when the page
 * arrives, so that scrolling never waits for the disk.
 */
#include "config.h"

#include "sb-product-item.h"

struct _SbProductItem
{
  GObject           parent_instance;

  guint             position;
  SbProductSummary *summary;   /* (owned) (nullable) until loaded */
};

enum {
  PROP_0,
  PROP_SUMMARY,
  PROP_LOADED,
  PROP_OFFER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbProductItem, sb_product_item, G_TYPE_OBJECT)

static void
sb_product_item_finalize (GObject *object)
{
  SbProductItem *self = SB_PRODUCT_ITEM (object);

  g_clear_pointer (&self->summary, sb_product_summary_free);

  G_OBJECT_CLASS (sb_product_item_parent_class)->finalize (object);
}

static void
sb_product_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SbProductItem *self = SB_PRODUCT_ITEM (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_boxed (value, self->summary);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->summary != NULL);
      break;
    case PROP_OFFER_ID:
      g_value_set_string (value, sb_product_item_get_offer_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_product_item_class_init (SbProductItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_product_item_finalize;
  object_class->get_property = sb_product_item_get_property;

  properties[PROP_SUMMARY] =
    g_param_spec_boxed ("summary", NULL, NULL,
                        SB_TYPE_PRODUCT_SUMMARY,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFER_ID] =
    g_param_spec_string ("offer-id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_product_item_init (SbProductItem *self)
{
}

SbProductItem *
sb_product_item_new (guint position)
{
  SbProductItem *self = g_object_new (SB_TYPE_PRODUCT_ITEM, NULL);

  self->position = position;
  return self;
}

/**
 * sb_product_item_get_position:
 *
 * Returns: the position the item had in its model when it was made
 */
guint
sb_product_item_get_position (SbProductItem *self)
{
  g_return_val_if_fail (SB_IS_PRODUCT_ITEM (self), 0);
  return self->position;
}

/**
 * sb_product_item_get_summary:
 *
 * Returns: (transfer none) (nullable): the row, or %NULL while loading
 */
const SbProductSummary *
sb_product_item_get_summary (SbProductItem *self)
{
  g_return_val_if_fail (SB_IS_PRODUCT_ITEM (self), NULL);
  return self->summary;
}

void
sb_product_item_set_summary (SbProductItem          *self,
                             const SbProductSummary *summary)
{
  g_return_if_fail (SB_IS_PRODUCT_ITEM (self));

  if (summary == self->summary)
    return;
  sb_product_item_take_summary (self, summary != NULL ? sb_product_summary_copy (summary) : NULL);
}

/**
 * sb_product_item_take_summary:
 * @summary: (transfer full) (nullable): the row
 */
void
sb_product_item_take_summary (SbProductItem    *self,
                              SbProductSummary *summary)
{
  gboolean was_loaded;

  g_return_if_fail (SB_IS_PRODUCT_ITEM (self));

  if (summary == self->summary)
    return;
  was_loaded = self->summary != NULL;
  g_clear_pointer (&self->summary, sb_product_summary_free);
  self->summary = summary;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFER_ID]);
  if (was_loaded != (self->summary != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
sb_product_item_get_loaded (SbProductItem *self)
{
  g_return_val_if_fail (SB_IS_PRODUCT_ITEM (self), FALSE);
  return self->summary != NULL;
}

/**
 * sb_product_item_get_offer_id:
 *
 * Returns: (nullable): the offer id, or %NULL while loading
 */
const char *
sb_product_item_get_offer_id (SbProductItem *self)
{
  g_return_val_if_fail (SB_IS_PRODUCT_ITEM (self), NULL);
  return self->summary != NULL ? self->summary->offer_id : NULL;
}
