/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-bench-data.h: realistic Korean and Russian catalogue products for the
 * benchmarks — titles such as "면 티셔츠 오버핏 화이트" and "Футболка
 * хлопковая оверсайз белая" in three languages, size and volume options,
 * prices in KRW or RUB, EAN-13 barcodes with valid check digits, weights,
 * sizes, carriers and attributes of the sandbox's categories.  The same
 * seed always gives the same products.
 */
#pragma once

#include "sb-product.h"

G_BEGIN_DECLS

typedef struct _SbBenchGen SbBenchGen;

SbBenchGen *sb_bench_gen_new          (guint32     seed);
void        sb_bench_gen_free         (SbBenchGen *gen);
/* Product number @index (offer ids are unique per index), with 1 to
 * @max_variants variants; a share @draft_share of products stays a draft,
 * the others are marked queued. */
SbProduct  *sb_bench_gen_product      (SbBenchGen *gen,
                                       guint       index,
                                       guint       max_variants,
                                       double      draft_share);
/* Products with exactly @n_rows variants in all (one CSV row each). */
GPtrArray  *sb_bench_gen_rows         (SbBenchGen *gen,
                                       guint       n_rows);
char       *sb_bench_ean13            (const char *prefix12_without_check);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbBenchGen, sb_bench_gen_free)

G_END_DECLS
