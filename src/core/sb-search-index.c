/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-search-index.c: the in-memory substring index of the product list's
 * search.  The store appends each product's search text (NFKC-casefolded
 * titles, offer id and SKUs, as in the search_text table) in offer id
 * order; the text is cut into runs of one script — Hangul, Cyrillic or
 * anything else — at every change of script and at white space, and each
 * run goes, followed by a newline, into that script's contiguous buffer,
 * with one offset per product and script.  A search word never holds
 * white space, so when all its characters are of one script, every
 * occurrence of it in a product's text lies inside one run of that
 * script: memmem() over that script's buffer alone finds exactly the
 * products whose text contains the word — as instr() or the trigram
 * phrase over the whole text would — while reading a third of the bytes or
 * less (a Korean word never reads the Russian or English titles).  Words
 * that mix scripts are left to SQL (sb_search_index_can_answer()).
 * The matches come out in offer id order, so the first page of the list
 * needs no sort.  At 100,000 products the index takes about 1.2× the
 * search text (see sb_search_index_get_memory() and docs/store.md).
 */
#define _GNU_SOURCE  /* memmem() */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "sb-search-index.h"

typedef enum {
  SCRIPT_HANGUL,
  SCRIPT_CYRILLIC,
  SCRIPT_OTHER,
  N_SCRIPTS,
  SCRIPT_NONE = N_SCRIPTS,  /* white space: ends a run, is not kept */
} Script;

/* A growable array of bytes, appended to inline: GByteArray's calls were
 * a fifth of the build time, with a dozen short runs a product. */
typedef struct {
  guint8 *data;
  gsize   length;
  gsize   allocated;
} Buffer;

static void
buffer_reserve (Buffer *buffer,
                gsize   more)
{
  if (buffer->length + more > buffer->allocated)
    {
      buffer->allocated = MAX (buffer->length + more, MAX (buffer->allocated * 2, 4096));
      buffer->data = g_realloc (buffer->data, buffer->allocated);
    }
}

static inline void
buffer_append (Buffer     *buffer,
               const void *bytes,
               gsize       length)
{
  buffer_reserve (buffer, length);
  memcpy (buffer->data + buffer->length, bytes, length);
  buffer->length += length;
}

/* Gives back what was reserved for growth. */
static void
buffer_fit (Buffer *buffer)
{
  buffer->data = g_realloc (buffer->data, MAX (buffer->length, 1));
  buffer->allocated = MAX (buffer->length, 1);
}

struct _SbSearchIndex
{
  guint   n_items;
  Buffer  ids;                /* gint64 product ids in offer id order */
  Buffer  text[N_SCRIPTS];    /* runs of each script, each followed by '\n' */
  Buffer  starts[N_SCRIPTS];  /* n_items + 1 guint32 offsets into @text */
};

#define IDS(index)              ((const gint64 *) (index)->ids.data)
#define STARTS(index, script)   ((const guint32 *) (index)->starts[script].data)

/* The white space that splits a search into words (see sb-store.c). */
static inline gboolean
is_word_separator (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline Script
script_of (gunichar c)
{
  if (is_word_separator (c))
    return SCRIPT_NONE;
  if (c < 0x80)
    return SCRIPT_OTHER;
  /* Hangul jamo, compatibility jamo, jamo extended A, syllables and jamo
   * extended B. */
  if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
      (c >= 0xA960 && c <= 0xA97F) || (c >= 0xAC00 && c <= 0xD7FF))
    return SCRIPT_HANGUL;
  /* Cyrillic, its supplement and extensions A–C. */
  if ((c >= 0x0400 && c <= 0x052F) || (c >= 0x1C80 && c <= 0x1C8F) ||
      (c >= 0x2DE0 && c <= 0x2DFF) || (c >= 0xA640 && c <= 0xA69F))
    return SCRIPT_CYRILLIC;
  return SCRIPT_OTHER;
}

/* The script of every character of @word, or SCRIPT_NONE when it mixes
 * scripts (or is empty). */
static Script
word_script (const char *word)
{
  Script script = SCRIPT_NONE;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      Script s = script_of (g_utf8_get_char (p));

      if (s == SCRIPT_NONE || (script != SCRIPT_NONE && s != script))
        return SCRIPT_NONE;
      script = s;
    }
  return script;
}

SbSearchIndex *
sb_search_index_new (void)
{
  SbSearchIndex *index = g_new0 (SbSearchIndex, 1);

  for (guint s = 0; s < N_SCRIPTS; s++)
    {
      guint32 zero = 0;

      buffer_append (&index->starts[s], &zero, sizeof zero);
    }
  return index;
}

void
sb_search_index_free (SbSearchIndex *index)
{
  if (index == NULL)
    return;
  g_free (index->ids.data);
  for (guint s = 0; s < N_SCRIPTS; s++)
    {
      g_free (index->text[s].data);
      g_free (index->starts[s].data);
    }
  g_free (index);
}

/**
 * sb_search_index_append:
 * @folded_text: the product's search text, already folded as the search
 *   words are (valid UTF-8; an invalid byte is kept as a character of its
 *   own in the "other" script)
 *
 * Adds product @id after the ones appended before; append in offer id
 * order.
 */
void
sb_search_index_append (SbSearchIndex *index,
                        gint64         id,
                        const char    *folded_text,
                        gsize          length)
{
  const char *p = folded_text;
  const char *end = folded_text + length;
  const char *run = NULL;
  Script run_script = SCRIPT_NONE;

  buffer_append (&index->ids, &id, sizeof id);
  index->n_items++;
  while (p < end)
    {
      const char *next;
      Script script;
      guchar b = (guchar) *p;

      /* Decoded by hand: two- and three-byte sequences are all of
       * Cyrillic and Hangul, and GLib's validating decoder was most of
       * the build time. */
      if (b < 0x80)
        {
          script = is_word_separator (b) ? SCRIPT_NONE : SCRIPT_OTHER;
          next = p + 1;
        }
      else if (b >= 0xC2 && b <= 0xDF && end - p >= 2 && ((guchar) p[1] & 0xC0) == 0x80)
        {
          script = script_of (((gunichar) (b & 0x1F) << 6) | ((guchar) p[1] & 0x3F));
          next = p + 2;
        }
      else if (b >= 0xE0 && b <= 0xEF && end - p >= 3 &&
               ((guchar) p[1] & 0xC0) == 0x80 && ((guchar) p[2] & 0xC0) == 0x80)
        {
          script = script_of (((gunichar) (b & 0x0F) << 12) | ((gunichar) ((guchar) p[1] & 0x3F) << 6) |
                              ((guchar) p[2] & 0x3F));
          next = p + 3;
        }
      else
        {
          gunichar c = g_utf8_get_char_validated (p, end - p);

          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              script = SCRIPT_OTHER;
              next = p + 1;
            }
          else
            {
              script = script_of (c);
              next = g_utf8_next_char (p);
            }
        }
      if (script != run_script)
        {
          if (run_script != SCRIPT_NONE)
            {
              Buffer *text = &index->text[run_script];

              buffer_reserve (text, p - run + 1);
              memcpy (text->data + text->length, run, p - run);
              text->length += p - run;
              text->data[text->length++] = '\n';
            }
          run = p;
          run_script = script;
        }
      p = next;
    }
  if (run_script != SCRIPT_NONE)
    {
      Buffer *text = &index->text[run_script];

      buffer_reserve (text, end - run + 1);
      memcpy (text->data + text->length, run, end - run);
      text->length += end - run;
      text->data[text->length++] = '\n';
    }
  for (guint s = 0; s < N_SCRIPTS; s++)
    {
      guint32 start = (guint32) index->text[s].length;

      buffer_append (&index->starts[s], &start, sizeof start);
    }
}

/* Gives back the memory the arrays reserved for growth. */
void
sb_search_index_finish (SbSearchIndex *index)
{
  buffer_fit (&index->ids);
  for (guint s = 0; s < N_SCRIPTS; s++)
    {
      buffer_fit (&index->text[s]);
      buffer_fit (&index->starts[s]);
    }
}

guint
sb_search_index_get_n_items (SbSearchIndex *index)
{
  return index->n_items;
}

/* Bytes held by the index. */
gsize
sb_search_index_get_memory (SbSearchIndex *index)
{
  gsize bytes = sizeof *index + index->ids.allocated;

  for (guint s = 0; s < N_SCRIPTS; s++)
    bytes += index->text[s].allocated + index->starts[s].allocated;
  return bytes;
}

/**
 * sb_search_index_can_answer:
 *
 * Returns: %TRUE when every one of @words (non-empty, without white
 *   space) is written in one script, so sb_search_index_find() can answer
 */
gboolean
sb_search_index_can_answer (const char * const *words,
                            guint               n_words)
{
  if (n_words == 0)
    return FALSE;
  for (guint i = 0; i < n_words; i++)
    if (word_script (words[i]) == SCRIPT_NONE)
      return FALSE;
  return TRUE;
}

/* memmem() for the short needles of a search: where SSE2 is there (every
 * x86-64), 16 candidate positions at a time are tested on two bytes of
 * the needle — the second and the last for a needle that starts with a
 * multi-byte character, whose first byte (0xD0/0xD1 in Cyrillic, 0xEA–0xED
 * in Hangul) tells little — then checked whole.  glibc's memmem() sets up
 * a shift table at every call and walks two-byte needles a byte at a time,
 * which made a frequent Cyrillic word cost 13 ms at 100,000 products. */
static const guint8 *
find_bytes (const guint8 *haystack,
            gsize         length,
            const guint8 *needle,
            gsize         needle_length)
{
  if (needle_length > length)
    return NULL;
  if (needle_length == 1)
    return memchr (haystack, needle[0], length);
#ifdef __SSE2__
  {
    gsize a = needle[0] >= 0x80 ? 1 : 0;
    gsize b = needle_length - 1;
    const __m128i byte_a = _mm_set1_epi8 ((char) needle[a]);
    const __m128i byte_b = _mm_set1_epi8 ((char) needle[b]);
    gsize positions = length - needle_length + 1;
    gsize i;

    for (i = 0; i + 16 <= positions; i += 16)
      {
        __m128i at_a = _mm_loadu_si128 ((const __m128i *) (haystack + i + a));
        __m128i at_b = _mm_loadu_si128 ((const __m128i *) (haystack + i + b));
        guint mask = (guint) _mm_movemask_epi8 (_mm_and_si128 (_mm_cmpeq_epi8 (at_a, byte_a),
                                                                _mm_cmpeq_epi8 (at_b, byte_b)));

        while (mask != 0)
          {
            guint bit = (guint) __builtin_ctz (mask);

            if (memcmp (haystack + i + bit, needle, needle_length) == 0)
              return haystack + i + bit;
            mask &= mask - 1;
          }
      }
    haystack += i;
    length -= i;
  }
#endif
  return memmem (haystack, length, needle, needle_length);
}

/* The item whose text in one script holds byte @offset: the last one at
 * or after @from whose start is at or before @offset, found by galloping
 * (the next hit is most often a few items on). */
static guint
item_at (const guint32 *starts,
         guint          n_items,
         guint          from,
         gsize          offset)
{
  guint low = from + 1, high = from + 1, step = 1;

  while (high < n_items && starts[high] <= offset)
    {
      low = high + 1;
      high += step;
      step *= 2;
    }
  high = MIN (high, n_items);
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (starts[middle] <= offset)
        low = middle + 1;
      else
        high = middle;
    }
  return low - 1;
}

/* Whether item @item's text in @script contains @word. */
static gboolean
item_contains (SbSearchIndex *index,
               guint          item,
               Script         script,
               const char    *word,
               gsize          word_length)
{
  const guint32 *starts = STARTS (index, script);
  guint32 start = starts[item];
  guint32 end = starts[item + 1];

  return find_bytes (index->text[script].data + start, end - start,
                     (const guint8 *) word, word_length) != NULL;
}

/**
 * sb_search_index_find:
 * @words: folded words, each of one script (sb_search_index_can_answer())
 * @ids: (element-type gint64): receives the ids of the products whose text
 *   contains every word, in offer id order
 *
 * Returns: %FALSE with @error set when @cancellable was cancelled
 */
gboolean
sb_search_index_find (SbSearchIndex       *index,
                      const char * const  *words,
                      guint                n_words,
                      GCancellable        *cancellable,
                      GArray              *ids,
                      GError             **error)
{
  g_autofree Script *scripts = g_new (Script, n_words);
  g_autofree gsize *lengths = g_new (gsize, n_words);
  guint scan = 0;
  const guint8 *text;
  gsize text_length, pos = 0;
  const guint32 *starts;
  guint n_items = index->n_items;
  guint item = 0, hits = 0;

  g_return_val_if_fail (sb_search_index_can_answer (words, n_words), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  /* Scan for the longest word (the rarest, most likely), and check the
   * others only in the products it found. */
  for (guint i = 0; i < n_words; i++)
    {
      scripts[i] = word_script (words[i]);
      lengths[i] = strlen (words[i]);
      if (lengths[i] > lengths[scan])
        scan = i;
    }
  text = index->text[scripts[scan]].data;
  text_length = index->text[scripts[scan]].length;
  starts = STARTS (index, scripts[scan]);
  while (pos < text_length)
    {
      const guint8 *hit = find_bytes (text + pos, text_length - pos,
                                      (const guint8 *) words[scan], lengths[scan]);
      gboolean all = TRUE;

      if (hit == NULL)
        break;
      /* Every hit is past the item of the one before (@pos). */
      item = item_at (starts, n_items, item, hit - text);
      for (guint i = 0; i < n_words && all; i++)
        if (i != scan)
          all = item_contains (index, item, scripts[i], words[i], lengths[i]);
      if (all)
        g_array_append_val (ids, IDS (index)[item]);
      pos = starts[item + 1];
      if (++hits % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  return TRUE;
}
