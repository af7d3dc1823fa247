/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-api-types.c: constructors, copies and frees of the Seller API result
 * records declared in sb-api-types.h.
 */
#include "config.h"

#include "sb-api-types.h"

G_DEFINE_BOXED_TYPE (SbApiReference, sb_api_reference, sb_api_reference_copy, sb_api_reference_free)
G_DEFINE_BOXED_TYPE (SbApiImage, sb_api_image, sb_api_image_copy, sb_api_image_free)
G_DEFINE_BOXED_TYPE (SbApiWriteResult, sb_api_write_result, sb_api_write_result_copy, sb_api_write_result_free)
G_DEFINE_BOXED_TYPE (SbApiBatchItem, sb_api_batch_item, sb_api_batch_item_copy, sb_api_batch_item_free)
G_DEFINE_BOXED_TYPE (SbApiProductStatus, sb_api_product_status, sb_api_product_status_copy, sb_api_product_status_free)
G_DEFINE_BOXED_TYPE (SbApiStatusPage, sb_api_status_page, sb_api_status_page_copy, sb_api_status_page_free)

static GPtrArray *
reasons_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);
}

static GPtrArray *
reasons_copy (GPtrArray *reasons)
{
  GPtrArray *copy = reasons_new ();

  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    g_ptr_array_add (copy, sb_reason_copy (g_ptr_array_index (reasons, i)));
  return copy;
}

SbApiReference *
sb_api_reference_copy (const SbApiReference *reference)
{
  SbApiReference *copy = g_new0 (SbApiReference, 1);

  copy->not_modified = reference->not_modified;
  copy->etag = g_strdup (reference->etag);
  copy->root = reference->root != NULL ? json_node_copy (reference->root) : NULL;
  return copy;
}

void
sb_api_reference_free (SbApiReference *reference)
{
  if (reference == NULL)
    return;
  g_free (reference->etag);
  g_clear_pointer (&reference->root, json_node_unref);
  g_free (reference);
}

SbApiImage *
sb_api_image_copy (const SbApiImage *image)
{
  SbApiImage *copy = g_memdup2 (image, sizeof *image);

  copy->image_id = g_strdup (image->image_id);
  copy->sha256 = g_strdup (image->sha256);
  return copy;
}

void
sb_api_image_free (SbApiImage *image)
{
  if (image == NULL)
    return;
  g_free (image->image_id);
  g_free (image->sha256);
  g_free (image);
}

SbApiWriteResult *
sb_api_write_result_copy (const SbApiWriteResult *result)
{
  SbApiWriteResult *copy = g_memdup2 (result, sizeof *result);

  copy->offer_id = g_strdup (result->offer_id);
  return copy;
}

void
sb_api_write_result_free (SbApiWriteResult *result)
{
  if (result == NULL)
    return;
  g_free (result->offer_id);
  g_free (result);
}

SbApiBatchItem *
sb_api_batch_item_new (void)
{
  SbApiBatchItem *item = g_new0 (SbApiBatchItem, 1);

  item->current_version = -1;
  item->fields = reasons_new ();
  return item;
}

SbApiBatchItem *
sb_api_batch_item_copy (const SbApiBatchItem *item)
{
  SbApiBatchItem *copy = g_memdup2 (item, sizeof *item);

  copy->offer_id = g_strdup (item->offer_id);
  copy->error_code = g_strdup (item->error_code);
  copy->error_message = g_strdup (item->error_message);
  copy->fields = reasons_copy (item->fields);
  return copy;
}

void
sb_api_batch_item_free (SbApiBatchItem *item)
{
  if (item == NULL)
    return;
  g_free (item->offer_id);
  g_free (item->error_code);
  g_free (item->error_message);
  g_clear_pointer (&item->fields, g_ptr_array_unref);
  g_free (item);
}

SbApiProductStatus *
sb_api_product_status_new (void)
{
  SbApiProductStatus *status = g_new0 (SbApiProductStatus, 1);

  status->reasons = reasons_new ();
  return status;
}

SbApiProductStatus *
sb_api_product_status_copy (const SbApiProductStatus *status)
{
  SbApiProductStatus *copy = g_memdup2 (status, sizeof *status);

  copy->offer_id = g_strdup (status->offer_id);
  copy->reasons = reasons_copy (status->reasons);
  copy->updated_at = g_strdup (status->updated_at);
  return copy;
}

void
sb_api_product_status_free (SbApiProductStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->offer_id);
  g_clear_pointer (&status->reasons, g_ptr_array_unref);
  g_free (status->updated_at);
  g_free (status);
}

SbApiStatusPage *
sb_api_status_page_new (void)
{
  SbApiStatusPage *page = g_new0 (SbApiStatusPage, 1);

  page->items = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_api_product_status_free);
  return page;
}

SbApiStatusPage *
sb_api_status_page_copy (const SbApiStatusPage *page)
{
  SbApiStatusPage *copy = sb_api_status_page_new ();

  for (guint i = 0; i < page->items->len; i++)
    g_ptr_array_add (copy->items, sb_api_product_status_copy (g_ptr_array_index (page->items, i)));
  copy->next_cursor = g_strdup (page->next_cursor);
  return copy;
}

void
sb_api_status_page_free (SbApiStatusPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page->next_cursor);
  g_free (page);
}
