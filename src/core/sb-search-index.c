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

#include "sb-search-index.h"

typedef enum {
  SCRIPT_HANGUL,
  SCRIPT_CYRILLIC,
  SCRIPT_OTHER,
  N_SCRIPTS,
  SCRIPT_NONE = N_SCRIPTS,  /* white space: ends a run, is not kept */
} Script;

struct _SbSearchIndex
{
  GArray     *ids;                /* (element-type gint64) product ids in offer id order */
  GByteArray *text[N_SCRIPTS];    /* runs of each script, each followed by '\n' */
  GArray     *starts[N_SCRIPTS];  /* (element-type guint32) n_items + 1 offsets into @text */
};

/* The white space that splits a search into words (see sb-store.c). */
static inline gboolean
is_word_separator (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static Script
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

  index->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint s = 0; s < N_SCRIPTS; s++)
    {
      guint32 zero = 0;

      index->text[s] = g_byte_array_new ();
      index->starts[s] = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_array_append_val (index->starts[s], zero);
    }
  return index;
}

void
sb_search_index_free (SbSearchIndex *index)
{
  if (index == NULL)
    return;
  g_array_unref (index->ids);
  for (guint s = 0; s < N_SCRIPTS; s++)
    {
      g_byte_array_unref (index->text[s]);
      g_array_unref (index->starts[s]);
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

  g_array_append_val (index->ids, id);
  while (p < end)
    {
      const char *next;
      Script script;

      if ((guchar) *p < 0x80)
        {
          script = is_word_separator ((guchar) *p) ? SCRIPT_NONE : SCRIPT_OTHER;
          next = p + 1;
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
              g_byte_array_append (index->text[run_script], (const guint8 *) run, p - run);
              g_byte_array_append (index->text[run_script], (const guint8 *) "\n", 1);
            }
          run = p;
          run_script = script;
        }
      p = next;
    }
  if (run_script != SCRIPT_NONE)
    {
      g_byte_array_append (index->text[run_script], (const guint8 *) run, end - run);
      g_byte_array_append (index->text[run_script], (const guint8 *) "\n", 1);
    }
  for (guint s = 0; s < N_SCRIPTS; s++)
    {
      guint32 start = index->text[s]->len;

      g_array_append_val (index->starts[s], start);
    }
}

/* Gives back the memory the arrays reserved for growth. */
void
sb_search_index_finish (SbSearchIndex *index)
{
  for (guint s = 0; s < N_SCRIPTS; s++)
    {
      /* GByteArray and GArray keep their allocation; copy to fit. */
      GByteArray *text = g_byte_array_sized_new (index->text[s]->len);
      GArray *starts = g_array_sized_new (FALSE, FALSE, sizeof (guint32), index->starts[s]->len);

      g_byte_array_append (text, index->text[s]->data, index->text[s]->len);
      g_array_append_vals (starts, index->starts[s]->data, index->starts[s]->len);
      g_byte_array_unref (index->text[s]);
      g_array_unref (index->starts[s]);
      index->text[s] = text;
      index->starts[s] = starts;
    }
  {
    GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), index->ids->len);

    g_array_append_vals (ids, index->ids->data, index->ids->len);
    g_array_unref (index->ids);
    index->ids = ids;
  }
}

guint
sb_search_index_get_n_items (SbSearchIndex *index)
{
  return index->ids->len;
}

/* Bytes held by the index (its arrays' contents). */
gsize
sb_search_index_get_memory (SbSearchIndex *index)
{
  gsize bytes = sizeof *index + (gsize) index->ids->len * sizeof (gint64);

  for (guint s = 0; s < N_SCRIPTS; s++)
    bytes += index->text[s]->len + (gsize) index->starts[s]->len * sizeof (guint32);
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

/* Whether item @item's text in @script contains @word. */
static gboolean
item_contains (SbSearchIndex *index,
               guint          item,
               Script         script,
               const char    *word,
               gsize          word_length)
{
  const guint32 *starts = (const guint32 *) index->starts[script]->data;
  guint32 start = starts[item];
  guint32 end = starts[item + 1];

  return end - start >= word_length &&
         memmem (index->text[script]->data + start, end - start, word, word_length) != NULL;
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
  guint n_items = index->ids->len;
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
  text = index->text[scripts[scan]]->data;
  text_length = index->text[scripts[scan]]->len;
  starts = (const guint32 *) index->starts[scripts[scan]]->data;
  while (pos < text_length)
    {
      const guint8 *hit = memmem (text + pos, text_length - pos, words[scan], lengths[scan]);
      gsize offset;
      guint low, high;
      gboolean all = TRUE;

      if (hit == NULL)
        break;
      offset = hit - text;
      /* The item whose text holds @offset: the last start at or before
       * it, searched from the current item on. */
      low = item + 1;
      high = n_items;
      while (low < high)
        {
          guint middle = low + (high - low) / 2;

          if (starts[middle] <= offset)
            low = middle + 1;
          else
            high = middle;
        }
      item = low - 1;
      for (guint i = 0; i < n_words && all; i++)
        if (i != scan)
          all = item_contains (index, item, scripts[i], words[i], lengths[i]);
      if (all)
        g_array_append_val (ids, g_array_index (index->ids, gint64, item));
      pos = starts[item + 1];
      if (++hits % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  return TRUE;
}
