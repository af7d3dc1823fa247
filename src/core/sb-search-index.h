/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-search-index.h: the in-memory substring index behind the product
 * list's search (used by sb-store.c only).  It holds every product's
 * folded search text in offer id order, split by script into three
 * contiguous buffers — Hangul, Cyrillic and everything else — so a word
 * is found with memmem() over the text of its own script only, and the
 * matches come out already in offer id order.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _SbSearchIndex SbSearchIndex;

SbSearchIndex *sb_search_index_new         (void);
void           sb_search_index_free        (SbSearchIndex       *index);
void           sb_search_index_append      (SbSearchIndex       *index,
                                            gint64               id,
                                            const char          *folded_text,
                                            gsize                length);
void           sb_search_index_finish      (SbSearchIndex       *index);
guint          sb_search_index_get_n_items (SbSearchIndex       *index);
gsize          sb_search_index_get_memory  (SbSearchIndex       *index);
gboolean       sb_search_index_can_answer  (const char * const  *words,
                                            guint                n_words);
gboolean       sb_search_index_find        (SbSearchIndex       *index,
                                            const char * const  *words,
                                            guint                n_words,
                                            GCancellable        *cancellable,
                                            GArray              *ids,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSearchIndex, sb_search_index_free)

G_END_DECLS
