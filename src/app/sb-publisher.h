/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-publisher.h: runs the sync engine for the window and says, in one
 * word, where the catalogue stands with the marketplace.
 */
#pragma once

#include <gio/gio.h>

#include "sb-store.h"
#include "sb-sync.h"

G_BEGIN_DECLS

typedef enum {
  SB_PUBLISH_IDLE,               /* never synced in this session */
  SB_PUBLISH_OFFLINE,            /* no network */
  SB_PUBLISH_SYNCING,
  SB_PUBLISH_UP_TO_DATE,
  SB_PUBLISH_ERRORS,             /* rejected products or conflicts wait for the seller */
  SB_PUBLISH_FAILED,             /* the last run stopped; it will be tried again */
  SB_PUBLISH_NEEDS_CREDENTIALS,  /* no or wrong API key */
} SbPublishState;

#define SB_TYPE_PUBLISHER (sb_publisher_get_type ())

G_DECLARE_FINAL_TYPE (SbPublisher, sb_publisher, SB, PUBLISHER, GObject)

SbPublisher    *sb_publisher_new            (SbStore     *store,
                                             const char  *endpoint);
void            sb_publisher_set_credentials (SbPublisher *self,
                                              const char  *key_id,
                                              const char  *secret);
SbPublishState  sb_publisher_get_state      (SbPublisher *self);
const char     *sb_publisher_get_state_text (SbPublisher *self);
guint           sb_publisher_get_done       (SbPublisher *self);
guint           sb_publisher_get_total      (SbPublisher *self);
gboolean        sb_publisher_get_running    (SbPublisher *self);
void            sb_publisher_sync           (SbPublisher *self);

G_END_DECLS
