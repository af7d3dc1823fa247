/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-csv.c: the CSV dialect layer.  The file's structure (quotes,
 * delimiters, line breaks) is found on the raw bytes — every encoding we
 * read is ASCII-compatible for those bytes, CP949's trail bytes included —
 * and each field is then decoded on its own, so an invalid byte sequence
 * is reported with its row and column.  The encoding is guessed from a
 * BOM, then UTF-8 validity, then by decoding a sample of the lines as
 * CP949 and as windows-1251 and asking which gives the more plausible
 * Korean or Russian letters; the file is then decoded once, and if the
 * guess cannot decode it, as the other encoding.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-csv.h"

G_DEFINE_QUARK (sb-csv-error-quark, sb_csv_error)

#define UTF8_BOM "\xEF\xBB\xBF"
/* How many records the delimiter sniffer looks at. */
#define SNIFF_RECORDS 20
/* Encoding detection scores whole lines from this many places spread
 * over a large file, up to SAMPLE_CHUNK bytes from each. */
#define SAMPLE_CHUNKS 16
#define SAMPLE_CHUNK  (16 * 1024)

static const struct {
  SbCsvEncoding  encoding;
  const char    *name;
  const char    *iconv_name;   /* NULL for UTF-8 */
  const char    *label;        /* as shown in messages */
} encodings[] = {
  { SB_CSV_ENCODING_AUTO, "auto", NULL, "auto" },
  { SB_CSV_ENCODING_UTF8, "utf-8", NULL, "UTF-8" },
  { SB_CSV_ENCODING_UTF8_BOM, "utf-8-bom", NULL, "UTF-8" },
  { SB_CSV_ENCODING_CP949, "cp949", "CP949", "CP949" },
  { SB_CSV_ENCODING_WINDOWS_1251, "windows-1251", "WINDOWS-1251", "windows-1251" },
};

const char *
sb_csv_encoding_to_string (SbCsvEncoding encoding)
{
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (encodings[i].encoding == encoding)
      return encodings[i].name;
  g_return_val_if_reached (NULL);
}

/**
 * sb_csv_encoding_from_string:
 *
 * Accepts the names sb_csv_encoding_to_string() gives and common spellings
 * of them ("UTF8", "cp1251", "uhc", "euc-kr" — read as its superset CP949).
 */
gboolean
sb_csv_encoding_from_string (const char    *str,
                             SbCsvEncoding *out_encoding)
{
  static const struct {
    const char    *alias;
    SbCsvEncoding  encoding;
  } aliases[] = {
    { "utf8", SB_CSV_ENCODING_UTF8 },
    { "utf-8-sig", SB_CSV_ENCODING_UTF8_BOM },
    { "utf8-bom", SB_CSV_ENCODING_UTF8_BOM },
    { "uhc", SB_CSV_ENCODING_CP949 },
    { "ms949", SB_CSV_ENCODING_CP949 },
    { "euc-kr", SB_CSV_ENCODING_CP949 },
    { "cp1251", SB_CSV_ENCODING_WINDOWS_1251 },
    { "windows1251", SB_CSV_ENCODING_WINDOWS_1251 },
  };

  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (g_ascii_strcasecmp (str, encodings[i].name) == 0)
      {
        *out_encoding = encodings[i].encoding;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (str, aliases[i].alias) == 0)
      {
        *out_encoding = aliases[i].encoding;
        return TRUE;
      }
  return FALSE;
}

static const char *
encoding_label (SbCsvEncoding encoding)
{
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (encodings[i].encoding == encoding)
      return encodings[i].label;
  return "?";
}

static const char *
encoding_iconv_name (SbCsvEncoding encoding)
{
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (encodings[i].encoding == encoding)
      return encodings[i].iconv_name;
  return NULL;
}

static const struct {
  SbCsvDelimiter  delimiter;
  const char     *name;
} delimiters[] = {
  { SB_CSV_DELIMITER_AUTO, "auto" },
  { SB_CSV_DELIMITER_COMMA, "comma" },
  { SB_CSV_DELIMITER_SEMICOLON, "semicolon" },
  { SB_CSV_DELIMITER_TAB, "tab" },
};

const char *
sb_csv_delimiter_to_string (SbCsvDelimiter delimiter)
{
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i].delimiter == delimiter)
      return delimiters[i].name;
  g_return_val_if_reached (NULL);
}

/**
 * sb_csv_delimiter_from_string:
 *
 * Accepts "auto", "comma", "semicolon", "tab" and the characters
 * themselves (",", ";", "\t").
 */
gboolean
sb_csv_delimiter_from_string (const char     *str,
                              SbCsvDelimiter *out_delimiter)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    {
      if (g_ascii_strcasecmp (str, delimiters[i].name) == 0 ||
          (delimiters[i].delimiter != SB_CSV_DELIMITER_AUTO &&
           str[0] == (char) delimiters[i].delimiter && str[1] == '\0'))
        {
          *out_delimiter = delimiters[i].delimiter;
          return TRUE;
        }
    }
  return FALSE;
}

/* Encoding detection */

static gboolean
is_hangul (gunichar c)
{
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x3131 && c <= 0x318E);
}

static gboolean
is_cyrillic_upper (gunichar c)
{
  return (c >= 0x0410 && c <= 0x042F) || c == 0x0401;
}

static gboolean
is_cyrillic_lower (gunichar c)
{
  return (c >= 0x0430 && c <= 0x044F) || c == 0x0451;
}

/* Share (per mille) of the non-ASCII characters of @text that are
 * plausible in a CP949 catalogue: Hangul syllables and jamo, and also the
 * Cyrillic letters and typographic quotes that CP949 (KS X 1001) has.
 * Russian bytes read as CP949 turn mostly into Hanja, and CP949's
 * Cyrillic lead byte 0xAC is "¬" in windows-1251. */
static guint
score_korean (const char *text)
{
  guint non_ascii = 0, good = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        continue;
      non_ascii++;
      if (is_hangul (c) || is_cyrillic_upper (c) || is_cyrillic_lower (c) ||
          c == 0x00AB || c == 0x00BB || c == 0x00B7 || (c >= 0x2018 && c <= 0x201D) || c == 0x2116)
        good++;
    }
  return non_ascii == 0 ? 0 : good * 1000 / non_ascii;
}

/* Share (per mille) of the non-ASCII characters of @text that look like
 * Russian words: lower-case Cyrillic letters, and capitals that start a
 * word or belong to an all-capitals word.  Korean bytes read as
 * windows-1251 give symbols and a random mix of cases. */
static guint
score_russian (const char *text)
{
  guint non_ascii = 0, good = 0;
  gunichar prev = ' ';

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar next = g_utf8_get_char (g_utf8_next_char (p));

      if (c >= 0x80)
        {
          non_ascii++;
          if (is_cyrillic_lower (c))
            good++;
          else if (is_cyrillic_upper (c) &&
                   (!g_unichar_isalpha (prev) || is_cyrillic_upper (prev) ||
                    is_cyrillic_upper (next)))
            good++;
        }
      prev = c;
    }
  return non_ascii == 0 ? 0 : good * 1000 / non_ascii;
}

/* Whole lines of @data from SAMPLE_CHUNKS places spread over it, or
 * %NULL when @data is small enough to be scored whole.  A line break is
 * never part of a multi-byte character in the encodings guessed here
 * (CP949's trail bytes are 0x41 and above), so lines decode on their own. */
static GByteArray *
sample_lines (const char *data,
              gsize       length)
{
  GByteArray *sample;

  if (length <= SAMPLE_CHUNKS * SAMPLE_CHUNK)
    return NULL;
  sample = g_byte_array_sized_new (SAMPLE_CHUNKS * SAMPLE_CHUNK);
  for (guint i = 0; i < SAMPLE_CHUNKS; i++)
    {
      const char *start = data + (length / SAMPLE_CHUNKS) * i;
      const char *limit = MIN (start + SAMPLE_CHUNK, data + length);
      const char *end;

      /* From the start of a line (the file's first byte is one)... */
      if (start > data)
        {
          start = memchr (start - 1, '\n', limit - (start - 1));
          if (start == NULL)
            continue;
          start++;
        }
      /* ...to the end of the last whole line of the chunk. */
      end = limit == data + length ? limit : g_strrstr_len (start, limit - start, "\n");
      if (end == NULL || end <= start)
        continue;
      g_byte_array_append (sample, (const guint8 *) start, end - start);
      g_byte_array_append (sample, (const guint8 *) "\n", 1);
    }
  return sample;
}

static gboolean
has_non_ascii (const char *text)
{
  for (const char *p = text; *p; p++)
    if ((guchar) *p >= 0x80)
      return TRUE;
  return FALSE;
}

/**
 * sb_csv_detect_encoding:
 *
 * A large file is judged on a sample of its lines (from 16 places spread
 * over it); sb_csv_parse() decodes it as the other of CP949 and
 * windows-1251 when the guess turns out not to decode the whole file.
 *
 * Returns: UTF8_BOM when the data starts with a UTF-8 byte-order mark,
 *   UTF8 when it is valid UTF-8, otherwise CP949 or WINDOWS_1251, whichever
 *   decodes it and reads more like Korean or Russian text
 */
SbCsvEncoding
sb_csv_detect_encoding (const char *data,
                        gsize       length)
{
  g_autoptr(GByteArray) sample = NULL;
  g_autofree char *as_korean = NULL;
  g_autofree char *as_russian = NULL;
  guint korean, russian;

  if (length >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    return SB_CSV_ENCODING_UTF8_BOM;
  if (g_utf8_validate_len (data, length, NULL))
    return SB_CSV_ENCODING_UTF8;

  sample = sample_lines (data, length);
  if (sample != NULL)
    {
      as_korean = g_convert ((const char *) sample->data, sample->len, "UTF-8", "CP949", NULL, NULL, NULL);
      as_russian = g_convert ((const char *) sample->data, sample->len, "UTF-8", "WINDOWS-1251", NULL, NULL, NULL);
      /* A sample without letters to score: judge the whole file. */
      if (as_korean != NULL && as_russian != NULL && !has_non_ascii (as_russian))
        {
          g_clear_pointer (&as_korean, g_free);
          g_clear_pointer (&as_russian, g_free);
          g_clear_pointer (&sample, g_byte_array_unref);
        }
    }
  if (sample == NULL)
    {
      as_korean = g_convert (data, length, "UTF-8", "CP949", NULL, NULL, NULL);
      as_russian = g_convert (data, length, "UTF-8", "WINDOWS-1251", NULL, NULL, NULL);
    }
  if (as_korean == NULL)
    return SB_CSV_ENCODING_WINDOWS_1251;
  if (as_russian == NULL)
    return SB_CSV_ENCODING_CP949;
  korean = score_korean (as_korean);
  russian = score_russian (as_russian);
  g_debug ("encoding scores: CP949 %u‰, windows-1251 %u‰", korean, russian);
  return korean > russian ? SB_CSV_ENCODING_CP949 : SB_CSV_ENCODING_WINDOWS_1251;
}

/**
 * sb_csv_decode:
 * @encoding: not AUTO
 *
 * Returns: (transfer full): @data as UTF-8, without a BOM, or %NULL with
 *   an SB_CSV_ERROR_ENCODING error naming the byte offset
 */
char *
sb_csv_decode (const char     *data,
               gsize           length,
               SbCsvEncoding   encoding,
               GError        **error)
{
  const char *iconv_name;
  g_autoptr(GError) local_error = NULL;
  gsize bytes_read = 0;
  char *text;

  g_return_val_if_fail (encoding != SB_CSV_ENCODING_AUTO, NULL);

  if (length >= 3 && memcmp (data, UTF8_BOM, 3) == 0 &&
      (encoding == SB_CSV_ENCODING_UTF8 || encoding == SB_CSV_ENCODING_UTF8_BOM))
    {
      data += 3;
      length -= 3;
    }
  iconv_name = encoding_iconv_name (encoding);
  if (iconv_name == NULL)
    {
      const char *end = NULL;

      if (!g_utf8_validate_len (data, length, &end))
        {
          g_set_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING,
                       /* Translators: %s is an encoding name, %lu a byte offset. */
                       _("The file is not valid %s at byte %lu. Choose the file’s encoding, or save it again as CSV UTF-8."),
                       encoding_label (encoding), (gulong) (end - data));
          return NULL;
        }
      return g_strndup (data, length);
    }
  text = g_convert (data, length, "UTF-8", iconv_name, &bytes_read, NULL, &local_error);
  if (text == NULL)
    {
      g_set_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING,
                   _("The file is not valid %s at byte %lu. Choose the file’s encoding, or save it again as CSV UTF-8."),
                   encoding_label (encoding), (gulong) bytes_read);
      return NULL;
    }
  return text;
}

/* Structure on raw bytes */

typedef struct {
  const char *p;
  const char *end;
  char        delimiter;
  guint       row;        /* of the record being read */
} Scanner;

/* Counts each candidate delimiter outside quotes in the next record and
 * moves past it.  Returns FALSE at the end of the data. */
static gboolean
sniff_record (Scanner *s,
              guint    counts[3])
{
  gboolean quoted = FALSE;

  counts[0] = counts[1] = counts[2] = 0;
  if (s->p >= s->end)
    return FALSE;
  for (; s->p < s->end; s->p++)
    {
      char c = *s->p;

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == ',')
        counts[0]++;
      else if (c == ';')
        counts[1]++;
      else if (c == '\t')
        counts[2]++;
      else if (c == '\n' || c == '\r')
        {
          if (c == '\r' && s->p + 1 < s->end && s->p[1] == '\n')
            s->p++;
          s->p++;
          return TRUE;
        }
    }
  return TRUE;
}

static SbCsvDelimiter
detect_delimiter (const char *data,
                  gsize       length)
{
  static const SbCsvDelimiter candidates[3] = {
    SB_CSV_DELIMITER_COMMA, SB_CSV_DELIMITER_SEMICOLON, SB_CSV_DELIMITER_TAB,
  };
  Scanner s = { data, data + length, 0, 0 };
  guint header[3], counts[3], consistent[3] = { 0, 0, 0 };
  guint n = 0;
  int best = -1;

  if (!sniff_record (&s, header))
    return SB_CSV_DELIMITER_COMMA;
  while (n < SNIFF_RECORDS && sniff_record (&s, counts))
    {
      if (counts[0] + counts[1] + counts[2] == 0)
        continue;   /* a blank line */
      n++;
      for (guint i = 0; i < 3; i++)
        if (counts[i] == header[i])
          consistent[i]++;
    }
  /* On a tie, a tab (rare inside text) beats a semicolon, which beats a
   * comma (common inside text and decimal numbers). */
  for (int i = 2; i >= 0; i--)
    {
      if (header[i] == 0)
        continue;
      if (best < 0 || consistent[i] > consistent[best] ||
          (consistent[i] == consistent[best] && header[i] > header[best]))
        best = i;
    }
  return best < 0 ? SB_CSV_DELIMITER_COMMA : candidates[best];
}

/**
 * sb_csv_detect_delimiter:
 * @text: the file's text (a `sep=` line is not looked at specially)
 *
 * Counts `,` `;` and tab outside quotes on the first lines and picks the
 * one that occurs in the header and the same number of times on the most
 * lines; more occurrences in the header break a tie, then the order tab,
 * semicolon, comma.
 *
 * Returns: the delimiter; comma when none occurs
 */
SbCsvDelimiter
sb_csv_detect_delimiter (const char *text)
{
  return detect_delimiter (text, strlen (text));
}

static void
string_free (gpointer string)
{
  g_string_free (string, TRUE);
}

/* Reads one record into @fields.  Returns FALSE at the end of the data
 * (nothing read) or on error. */
/* The next field of a record, empty: the GStrings of @fields are reused
 * from one record to the next, @n_used of them are in use. */
static GString *
next_field (GPtrArray *fields,
            guint     *n_used)
{
  GString *field;

  if (*n_used < fields->len)
    {
      field = g_ptr_array_index (fields, *n_used);
      g_string_truncate (field, 0);
    }
  else
    {
      field = g_string_sized_new (64);
      g_ptr_array_add (fields, field);
    }
  (*n_used)++;
  return field;
}

static gboolean
read_record (Scanner    *s,
             GPtrArray  *fields,
             guint      *out_n_fields,
             gboolean   *out_blank,
             GError    **error)
{
  GString *field;
  guint start_row = s->row;

  *out_n_fields = 0;
  *out_blank = FALSE;
  if (s->p >= s->end)
    return FALSE;
  if (*s->p == '\n' || *s->p == '\r')
    {
      if (*s->p == '\r' && s->p + 1 < s->end && s->p[1] == '\n')
        s->p++;
      s->p++;
      *out_blank = TRUE;
      return TRUE;
    }

  field = next_field (fields, out_n_fields);
  while (s->p < s->end)
    {
      char c = *s->p;

      if (c == '"' && field->len == 0)
        {
          /* A quoted field: up to the quote that is not doubled. */
          gboolean closed = FALSE;

          for (s->p++; s->p < s->end; s->p++)
            {
              if (*s->p == '"')
                {
                  if (s->p + 1 < s->end && s->p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      s->p++;
                      continue;
                    }
                  s->p++;
                  closed = TRUE;
                  break;
                }
              g_string_append_c (field, *s->p);
            }
          if (!closed)
            {
              g_set_error (error, SB_CSV_ERROR, SB_CSV_ERROR_SYNTAX,
                           _("row %u, column %u: a quoted field starts here and is never closed. Add the missing quote mark (\")."),
                           start_row, *out_n_fields);
              return FALSE;
            }
          /* Text after the closing quote is kept as it is, as spreadsheets do. */
          continue;
        }
      if (c == s->delimiter)
        {
          field = next_field (fields, out_n_fields);
          s->p++;
          continue;
        }
      if (c == '\n' || c == '\r')
        {
          if (c == '\r' && s->p + 1 < s->end && s->p[1] == '\n')
            s->p++;
          s->p++;
          break;
        }
      g_string_append_c (field, c);
      s->p++;
    }
  return TRUE;
}

static void
record_free (SbCsvRecord *record)
{
  /* One block: the pointers, then the strings (see new_record()). */
  g_free (record->fields);
  g_free (record);
}

void
sb_csv_table_free (SbCsvTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->records, g_ptr_array_unref);
  g_free (table);
}

/* Appends @raw, decoded, and a NUL to @out. */
static gboolean
decode_field (GIConv         converter,
              GString       *raw,
              GString       *out,
              SbCsvEncoding  encoding,
              guint          row,
              guint          column,
              GPtrArray     *header,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *column_name = NULL;
  g_autofree char *column_label = NULL;
  gsize bytes_read = 0;
  char *text;

  /* Plain ASCII is the same in every encoding read here: most cells
   * (ids, numbers, codes, paths) need no conversion. */
  {
    gsize i;

    for (i = 0; i < raw->len; i++)
      if ((guchar) raw->str[i] >= 0x80 || raw->str[i] == '\0')
        break;
    if (i == raw->len)
      {
        g_string_append_len (out, raw->str, raw->len);
        g_string_append_c (out, '\0');
        return TRUE;
      }
  }
  if (converter == (GIConv) -1)
    {
      const char *end = NULL;

      if (g_utf8_validate_len (raw->str, raw->len, &end) && memchr (raw->str, '\0', raw->len) == NULL)
        {
          g_string_append_len (out, raw->str, raw->len);
          g_string_append_c (out, '\0');
          return TRUE;
        }
      bytes_read = end - raw->str;
    }
  else
    {
      text = g_convert_with_iconv (raw->str, raw->len, converter, &bytes_read, NULL, &local_error);
      if (text != NULL)
        {
          /* Up to a NUL the conversion may have kept, as a C string. */
          g_string_append (out, text);
          g_string_append_c (out, '\0');
          g_free (text);
          return TRUE;
        }
    }

  if (header != NULL && column < ((SbCsvRecord *) g_ptr_array_index (header, 0))->n_fields)
    column_name = ((SbCsvRecord *) g_ptr_array_index (header, 0))->fields[column];
  column_label = (column_name != NULL && *column_name != '\0')
                 ? g_strdup (column_name) : g_strdup_printf ("%u", column + 1);
  g_set_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING,
               /* Translators: "row 3, column price: …"; the bytes are in hex. */
               _("row %u, column %s: the bytes %02X %02X are not valid %s. Choose the file’s encoding, or save it again as CSV UTF-8."),
               row, column_label,
               (guint) (guchar) raw->str[MIN (bytes_read, raw->len - 1)],
               bytes_read + 1 < raw->len ? (guint) (guchar) raw->str[bytes_read + 1] : 0u,
               encoding_label (encoding));
  return FALSE;
}

/* A record of @n_fields NUL-terminated strings, packed one after the
 * other in @cells, in a single allocation: 100,000 rows of 40 cells were
 * 4 million blocks to allocate and free. */
static SbCsvRecord *
new_record (guint          row,
            guint          n_fields,
            const GString *cells)
{
  SbCsvRecord *record = g_new0 (SbCsvRecord, 1);
  gsize pointers = (n_fields + 1) * sizeof (char *);
  char *text;

  record->row = row;
  record->n_fields = n_fields;
  record->fields = g_malloc (pointers + cells->len);
  text = (char *) record->fields + pointers;
  memcpy (text, cells->str, cells->len);
  for (guint i = 0; i < n_fields; i++)
    {
      record->fields[i] = text;
      text += strlen (text) + 1;
    }
  record->fields[n_fields] = NULL;
  return record;
}

/* sb_csv_parse() in @encoding, which is AUTO only for a UTF-16 file. */
static SbCsvTable *
parse_as (const char      *data,
          gsize            length,
          SbCsvEncoding    encoding,
          SbCsvDelimiter   delimiter,
          GError         **error)
{
  g_autoptr(SbCsvTable) table = g_new0 (SbCsvTable, 1);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (string_free);
  g_autoptr(GString) cells = g_string_sized_new (4096);
  GIConv converter = (GIConv) -1;
  const char *end = data + length;
  gboolean has_bom = length >= 3 && memcmp (data, UTF8_BOM, 3) == 0;
  Scanner s;

  table->records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);

  /* Excel's "Unicode text" is UTF-16 with a byte-order mark. */
  if (length >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      g_set_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING,
                   _("The file is in UTF-16 (Excel’s “Unicode text”), which Sellbridge does not read. Save it as “CSV UTF-8” instead."));
      return NULL;
    }

  if (encoding == SB_CSV_ENCODING_AUTO)
    encoding = sb_csv_detect_encoding (data, length);
  if ((encoding == SB_CSV_ENCODING_UTF8 || encoding == SB_CSV_ENCODING_UTF8_BOM) && has_bom)
    {
      encoding = SB_CSV_ENCODING_UTF8_BOM;
      data += 3;
    }
  else if (encoding == SB_CSV_ENCODING_UTF8_BOM)
    encoding = SB_CSV_ENCODING_UTF8;
  table->encoding = encoding;

  /* Excel's first line "sep=;" names the delimiter and is not data. */
  if (end - data >= 5 && g_ascii_strncasecmp (data, "sep=", 4) == 0 &&
      (end - data == 5 || data[5] == '\r' || data[5] == '\n'))
    {
      SbCsvDelimiter named;
      char name[2] = { data[4], '\0' };

      if (!sb_csv_delimiter_from_string (name, &named))
        {
          g_set_error (error, SB_CSV_ERROR, SB_CSV_ERROR_SYNTAX,
                       _("The first line “sep=%c” names a delimiter Sellbridge does not read. Use a comma, a semicolon or a tab."),
                       data[4]);
          return NULL;
        }
      if (delimiter == SB_CSV_DELIMITER_AUTO)
        delimiter = named;
      table->had_sep_line = TRUE;
      data += 5;
      if (data < end && *data == '\r')
        data++;
      if (data < end && *data == '\n')
        data++;
    }
  if (delimiter == SB_CSV_DELIMITER_AUTO)
    delimiter = detect_delimiter (data, end - data);
  table->delimiter = delimiter;

  if (encoding_iconv_name (encoding) != NULL)
    {
      converter = g_iconv_open ("UTF-8", encoding_iconv_name (encoding));
      if (converter == (GIConv) -1)
        {
          g_set_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING,
                       _("This system cannot convert from %s. Save the file as CSV UTF-8 instead."),
                       encoding_label (encoding));
          return NULL;
        }
    }

  s.p = data;
  s.end = end;
  s.delimiter = (char) delimiter;
  s.row = 1;
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean blank = FALSE;
      guint n_fields = 0;

      if (!read_record (&s, fields, &n_fields, &blank, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              if (converter != (GIConv) -1)
                g_iconv_close (converter);
              return NULL;
            }
          break;
        }
      if (blank)
        {
          s.row++;
          continue;
        }
      g_string_truncate (cells, 0);
      for (guint i = 0; i < n_fields; i++)
        {
          /* (The header, once read, names the column of an error.) */
          if (!decode_field (converter, g_ptr_array_index (fields, i), cells, encoding,
                             s.row, i, table->records->len > 0 ? table->records : NULL,
                             &local_error))
            {
              if (converter != (GIConv) -1)
                g_iconv_close (converter);
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
      g_ptr_array_add (table->records, new_record (s.row, n_fields, cells));
      s.row++;
    }
  if (converter != (GIConv) -1)
    g_iconv_close (converter);

  if (table->records->len == 0)
    {
      g_set_error (error, SB_CSV_ERROR, SB_CSV_ERROR_EMPTY,
                   _("The file is empty. A catalogue file starts with a header line naming its columns."));
      return NULL;
    }
  return g_steal_pointer (&table);
}

/**
 * sb_csv_parse:
 * @encoding: AUTO to detect
 * @delimiter: AUTO to use a `sep=` line or to detect
 *
 * Reads the whole file.  Blank lines are skipped but still counted in the
 * row numbers; a record shorter than the header is not padded here.
 *
 * Returns: (transfer full): the table, or %NULL with an SB_CSV_ERROR
 */
SbCsvTable *
sb_csv_parse (const char      *data,
              gsize            length,
              SbCsvEncoding    encoding,
              SbCsvDelimiter   delimiter,
              GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) other_error = NULL;
  gboolean guessed = FALSE;
  SbCsvEncoding other;
  SbCsvTable *table;

  if (encoding == SB_CSV_ENCODING_AUTO &&
      !(length >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0)))
    {
      encoding = sb_csv_detect_encoding (data, length);
      guessed = TRUE;
    }
  table = parse_as (data, length, encoding, delimiter, &local_error);
  if (table != NULL || !guessed ||
      (encoding != SB_CSV_ENCODING_CP949 && encoding != SB_CSV_ENCODING_WINDOWS_1251) ||
      !g_error_matches (local_error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING))
    {
      if (table == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return table;
    }

  /* The guess was made on a sample: the rest of the file may not decode
   * in it, and then the file is in the other encoding. */
  other = encoding == SB_CSV_ENCODING_CP949 ? SB_CSV_ENCODING_WINDOWS_1251 : SB_CSV_ENCODING_CP949;
  table = parse_as (data, length, other, delimiter, &other_error);
  if (table != NULL)
    return table;
  /* Neither decodes it: the error is windows-1251's, the encoding a file
   * that is not CP949 is read in. */
  if (encoding == SB_CSV_ENCODING_WINDOWS_1251)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_propagate_error (error, g_steal_pointer (&other_error));
  return NULL;
}

/**
 * sb_csv_read_file:
 *
 * Returns: (transfer full): see sb_csv_parse(); file errors are G_FILE_ERROR
 */
SbCsvTable *
sb_csv_read_file (const char     *path,
                  SbCsvEncoding   encoding,
                  SbCsvDelimiter  delimiter,
                  GError        **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return sb_csv_parse (contents, length, encoding, delimiter, error);
}

/* Writer */

struct _SbCsvWriter {
  SbCsvEncoding   encoding;
  SbCsvDelimiter  delimiter;
  GIConv          converter;   /* (GIConv) -1 for UTF-8 */
  GByteArray     *bytes;
  GStrv           header;      /* the first row, for messages */
  guint           row;         /* rows written so far */
};

/**
 * sb_csv_writer_new:
 * @encoding: UTF8, UTF8_BOM, CP949 or WINDOWS_1251
 * @delimiter: COMMA, SEMICOLON or TAB
 */
SbCsvWriter *
sb_csv_writer_new (SbCsvEncoding  encoding,
                   SbCsvDelimiter delimiter)
{
  SbCsvWriter *writer;

  g_return_val_if_fail (encoding != SB_CSV_ENCODING_AUTO, NULL);
  g_return_val_if_fail (delimiter != SB_CSV_DELIMITER_AUTO, NULL);

  writer = g_new0 (SbCsvWriter, 1);
  writer->encoding = encoding;
  writer->delimiter = delimiter;
  writer->converter = (GIConv) -1;
  writer->bytes = g_byte_array_new ();
  if (encoding_iconv_name (encoding) != NULL)
    {
      writer->converter = g_iconv_open (encoding_iconv_name (encoding), "UTF-8");
      g_assert (writer->converter != (GIConv) -1);
    }
  if (encoding == SB_CSV_ENCODING_UTF8_BOM)
    g_byte_array_append (writer->bytes, (const guint8 *) UTF8_BOM, 3);
  return writer;
}

void
sb_csv_writer_free (SbCsvWriter *writer)
{
  if (writer == NULL)
    return;
  if (writer->converter != (GIConv) -1)
    g_iconv_close (writer->converter);
  g_clear_pointer (&writer->bytes, g_byte_array_unref);
  g_strfreev (writer->header);
  g_free (writer);
}

/**
 * sb_csv_append_field:
 *
 * Appends @field to @out, quoted only when it holds the delimiter, a
 * quote or a line break (quotes inside are doubled).
 */
void
sb_csv_append_field (GString        *out,
                     const char     *field,
                     SbCsvDelimiter  delimiter)
{
  if (field == NULL)
    return;
  if (strchr (field, (char) delimiter) == NULL && strpbrk (field, "\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * sb_csv_writer_add_row:
 *
 * Writes one row ended by CRLF.  The first row written is taken as the
 * header and names the columns in error messages.  A character the target
 * encoding lacks is an SB_CSV_ERROR_ENCODING error naming the row, the
 * column and the character; nothing of that row is written then.
 */
gboolean
sb_csv_writer_add_row (SbCsvWriter        *writer,
                       const char * const *fields,
                       guint               n_fields,
                       GError            **error)
{
  g_autoptr(GByteArray) encoded = g_byte_array_new ();

  writer->row++;
  for (guint i = 0; i < n_fields; i++)
    {
      g_autoptr(GString) field = g_string_new (NULL);

      if (i > 0)
        g_string_append_c (field, (char) writer->delimiter);
      sb_csv_append_field (field, fields[i], writer->delimiter);
      if (writer->converter == (GIConv) -1)
        {
          g_byte_array_append (encoded, (const guint8 *) field->str, field->len);
        }
      else
        {
          g_autoptr(GError) local_error = NULL;
          g_autofree char *bytes = NULL;
          gsize bytes_read = 0, bytes_written = 0;

          bytes = g_convert_with_iconv (field->str, field->len, writer->converter,
                                        &bytes_read, &bytes_written, &local_error);
          if (bytes == NULL)
            {
              const char *bad = field->str + MIN (bytes_read, field->len);
              gunichar c = g_utf8_get_char_validated (bad, -1);
              char utf8[8] = { 0 };
              const char *column = (writer->header != NULL && i < g_strv_length (writer->header))
                                   ? writer->header[i] : NULL;
              g_autofree char *column_label = column != NULL ? g_strdup (column) : g_strdup_printf ("%u", i + 1);

              if (c == (gunichar) -1 || c == (gunichar) -2)
                c = 0xFFFD;
              g_unichar_to_utf8 (c, utf8);
              g_set_error (error, SB_CSV_ERROR, SB_CSV_ERROR_ENCODING,
                           /* Translators: "row 3, column title_ru: the character “₽” (U+20BD) cannot be written in CP949. …" */
                           _("row %u, column %s: the character “%s” (U+%04X) cannot be written in %s. Export as UTF-8, or remove the character."),
                           writer->row, column_label, utf8, c, encoding_label (writer->encoding));
              writer->row--;
              return FALSE;
            }
          g_byte_array_append (encoded, (const guint8 *) bytes, bytes_written);
        }
    }
  g_byte_array_append (encoded, (const guint8 *) "\r\n", 2);
  g_byte_array_append (writer->bytes, encoded->data, encoded->len);
  if (writer->header == NULL)
    {
      writer->header = g_new0 (char *, n_fields + 1);
      for (guint i = 0; i < n_fields; i++)
        writer->header[i] = g_strdup (fields[i] != NULL ? fields[i] : "");
    }
  return TRUE;
}

/**
 * sb_csv_writer_finish:
 *
 * Returns: (transfer full): the bytes written so far; the writer is empty
 *   afterwards (a BOM is not repeated)
 */
GBytes *
sb_csv_writer_finish (SbCsvWriter *writer)
{
  GByteArray *bytes = g_steal_pointer (&writer->bytes);

  writer->bytes = g_byte_array_new ();
  return g_byte_array_free_to_bytes (bytes);
}
