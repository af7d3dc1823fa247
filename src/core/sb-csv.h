/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-csv.h: a dialect-aware CSV reader and writer for catalogue files as
 * spreadsheets write them — UTF-8 with or without a BOM, CP949 (Korean
 * Excel) or windows-1251 (Russian Excel), `,` `;` or tab as the delimiter,
 * Excel's `sep=` first line, and RFC 4180 quoting with delimiters, quotes
 * and line breaks inside quoted fields.  The reader detects what it is not
 * told; the writer is deterministic (quotes only when needed, CRLF).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SB_CSV_ERROR (sb_csv_error_quark ())

typedef enum {
  SB_CSV_ERROR_ENCODING,   /* bytes invalid in, or a character missing from, the encoding */
  SB_CSV_ERROR_SYNTAX,     /* e.g. a quoted field that never ends */
  SB_CSV_ERROR_EMPTY,      /* no header line */
  SB_CSV_ERROR_HEADER,     /* the header cannot be used */
} SbCsvError;

typedef enum {
  SB_CSV_ENCODING_AUTO,
  SB_CSV_ENCODING_UTF8,
  SB_CSV_ENCODING_UTF8_BOM,       /* UTF-8 starting with EF BB BF */
  SB_CSV_ENCODING_CP949,          /* Korean Windows/Excel (UHC) */
  SB_CSV_ENCODING_WINDOWS_1251,   /* Russian Windows/Excel */
} SbCsvEncoding;

/* The delimiter is the character itself; AUTO means "detect". */
typedef enum {
  SB_CSV_DELIMITER_AUTO      = 0,
  SB_CSV_DELIMITER_COMMA     = ',',
  SB_CSV_DELIMITER_SEMICOLON = ';',
  SB_CSV_DELIMITER_TAB       = '\t',
} SbCsvDelimiter;

/* "auto", "utf-8", "utf-8-bom", "cp949", "windows-1251" */
const char *sb_csv_encoding_to_string    (SbCsvEncoding   encoding);
gboolean    sb_csv_encoding_from_string  (const char     *str,
                                          SbCsvEncoding  *out_encoding);
/* "auto", "comma", "semicolon", "tab" */
const char *sb_csv_delimiter_to_string   (SbCsvDelimiter  delimiter);
gboolean    sb_csv_delimiter_from_string (const char     *str,
                                          SbCsvDelimiter *out_delimiter);

/* One record of the file.  @row is the record's number as a spreadsheet
 * shows it: the header is row 1, a `sep=` line is not counted, and a
 * quoted field spanning lines still makes one row. */
typedef struct {
  guint   row;
  guint   n_fields;
  char  **fields;    /* (array length=n_fields) UTF-8 */
} SbCsvRecord;

typedef struct {
  SbCsvEncoding   encoding;    /* as read: UTF8, UTF8_BOM, CP949 or WINDOWS_1251 */
  SbCsvDelimiter  delimiter;
  gboolean        had_sep_line;
  GPtrArray      *records;     /* (element-type SbCsvRecord) header first */
} SbCsvTable;

GQuark         sb_csv_error_quark       (void);

SbCsvEncoding  sb_csv_detect_encoding   (const char     *data,
                                         gsize           length);
char          *sb_csv_decode            (const char     *data,
                                         gsize           length,
                                         SbCsvEncoding   encoding,
                                         GError        **error);
SbCsvDelimiter sb_csv_detect_delimiter  (const char     *text);

SbCsvTable    *sb_csv_parse             (const char     *data,
                                         gsize           length,
                                         SbCsvEncoding   encoding,
                                         SbCsvDelimiter  delimiter,
                                         GError        **error);
SbCsvTable    *sb_csv_read_file         (const char     *path,
                                         SbCsvEncoding   encoding,
                                         SbCsvDelimiter  delimiter,
                                         GError        **error);
void           sb_csv_table_free        (SbCsvTable     *table);

/* The writer: each row is checked against the target encoding, quoted
 * where needed and ended with CRLF. */
typedef struct _SbCsvWriter SbCsvWriter;

SbCsvWriter   *sb_csv_writer_new        (SbCsvEncoding   encoding,
                                         SbCsvDelimiter  delimiter);
gboolean       sb_csv_writer_add_row    (SbCsvWriter        *writer,
                                         const char * const *fields,
                                         guint               n_fields,
                                         GError            **error);
GBytes        *sb_csv_writer_finish     (SbCsvWriter    *writer);
void           sb_csv_writer_free       (SbCsvWriter    *writer);

void           sb_csv_append_field      (GString        *out,
                                         const char     *field,
                                         SbCsvDelimiter  delimiter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCsvTable, sb_csv_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCsvWriter, sb_csv_writer_free)

G_END_DECLS
