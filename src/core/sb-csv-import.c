/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-csv-import.c: from CSV records to merged products.  The header is
 * matched against the canonical column names and their Korean and Russian
 * aliases (case, spaces and punctuation ignored).  Each data row is checked
 * cell by cell; a row with any error is reported and left out as a whole.
 * Product-level cells repeat on every row of a product: an empty cell
 * means "as on the other rows", two different values are an error.  The
 * merge starts from the stored product and touches only the columns the
 * file has, matching variants by SKU; nothing is ever deleted by an import.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-csv-import.h"
#include "sb-currency.h"
#include "sb-identity.h"
#include "sb-product-validate.h"

G_DEFINE_QUARK (sb-csv-import-error-quark, sb_csv_import_error)

#define MAX_TITLE_CHARS 128
#define MAX_DESCRIPTION_CHARS 5000
#define MAX_IMAGES 10
#define MAX_STOCK 999999
#define MAX_WEIGHT_G 30000
#define MAX_SIDE_MM 1500
#define MAX_HANDLING_DAYS 365

static const char * const column_names[SB_CSV_N_COLUMNS] = {
  "offer_id", "category_id", "title_en", "title_ko", "title_ru",
  "description_en", "description_ko", "description_ru", "sku", "price",
  "currency", "stock", "barcode", "weight_g", "length_mm", "width_mm",
  "height_mm", "hs_code", "batteries", "liquids", "carriers",
  "handling_days", "images",
};

const char *
sb_csv_column_to_string (SbCsvColumn column)
{
  if (column < SB_CSV_N_COLUMNS)
    return column_names[column];
  if (column == SB_CSV_COLUMN_OPTION)
    return "option_";
  if (column == SB_CSV_COLUMN_ATTRIBUTE)
    return "attr_";
  return NULL;
}

/* A column whose cells belong to the variant of the row (the others
 * belong to the product). */
static gboolean
column_is_variant (SbCsvColumn column)
{
  return column == SB_CSV_COLUMN_SKU || column == SB_CSV_COLUMN_PRICE ||
         column == SB_CSV_COLUMN_CURRENCY || column == SB_CSV_COLUMN_STOCK ||
         column == SB_CSV_COLUMN_BARCODE || column == SB_CSV_COLUMN_OPTION;
}

/* Header aliases.  Matching ignores case, spaces and the punctuation
 * _ - . , ( ) / : so "Вес, г" matches "вес (г)" and "무게(g)" "무게 (g)".
 * Keep docs/csv.md in step with this table. */
#define AMBIGUOUS_ARTICLE ((SbCsvColumn) -2)

static const struct {
  SbCsvColumn  column;
  const char  *alias;
} aliases[] = {
  { SB_CSV_COLUMN_OFFER_ID, "offer_id" },
  { SB_CSV_COLUMN_OFFER_ID, "상품코드" },
  { SB_CSV_COLUMN_OFFER_ID, "판매자상품코드" },
  { SB_CSV_COLUMN_OFFER_ID, "자체상품코드" },
  { SB_CSV_COLUMN_OFFER_ID, "Артикул товара" },
  { SB_CSV_COLUMN_OFFER_ID, "Артикул продавца" },
  { SB_CSV_COLUMN_OFFER_ID, "Код товара" },
  /* "Артикул" alone: offer_id, or sku when another column is offer_id. */
  { AMBIGUOUS_ARTICLE, "Артикул" },

  { SB_CSV_COLUMN_CATEGORY_ID, "category_id" },
  { SB_CSV_COLUMN_CATEGORY_ID, "category" },
  { SB_CSV_COLUMN_CATEGORY_ID, "카테고리" },
  { SB_CSV_COLUMN_CATEGORY_ID, "카테고리ID" },
  { SB_CSV_COLUMN_CATEGORY_ID, "카테고리코드" },
  { SB_CSV_COLUMN_CATEGORY_ID, "카테고리번호" },
  { SB_CSV_COLUMN_CATEGORY_ID, "Категория" },
  { SB_CSV_COLUMN_CATEGORY_ID, "ID категории" },
  { SB_CSV_COLUMN_CATEGORY_ID, "Код категории" },

  { SB_CSV_COLUMN_TITLE_EN, "title_en" },
  { SB_CSV_COLUMN_TITLE_EN, "title" },
  { SB_CSV_COLUMN_TITLE_EN, "상품명(영문)" },
  { SB_CSV_COLUMN_TITLE_EN, "영문상품명" },
  { SB_CSV_COLUMN_TITLE_EN, "Название (англ.)" },
  { SB_CSV_COLUMN_TITLE_EN, "Название на английском" },
  { SB_CSV_COLUMN_TITLE_EN, "Наименование (англ.)" },

  { SB_CSV_COLUMN_TITLE_KO, "title_ko" },
  { SB_CSV_COLUMN_TITLE_KO, "상품명" },
  { SB_CSV_COLUMN_TITLE_KO, "상품명(한국어)" },
  { SB_CSV_COLUMN_TITLE_KO, "국문상품명" },
  { SB_CSV_COLUMN_TITLE_KO, "한글상품명" },
  { SB_CSV_COLUMN_TITLE_KO, "Название (кор.)" },
  { SB_CSV_COLUMN_TITLE_KO, "Название на корейском" },
  { SB_CSV_COLUMN_TITLE_KO, "Наименование (кор.)" },

  { SB_CSV_COLUMN_TITLE_RU, "title_ru" },
  { SB_CSV_COLUMN_TITLE_RU, "상품명(러시아어)" },
  { SB_CSV_COLUMN_TITLE_RU, "러시아어상품명" },
  { SB_CSV_COLUMN_TITLE_RU, "Название" },
  { SB_CSV_COLUMN_TITLE_RU, "Название товара" },
  { SB_CSV_COLUMN_TITLE_RU, "Наименование" },
  { SB_CSV_COLUMN_TITLE_RU, "Наименование товара" },
  { SB_CSV_COLUMN_TITLE_RU, "Название (рус.)" },
  { SB_CSV_COLUMN_TITLE_RU, "Название на русском" },

  { SB_CSV_COLUMN_DESCRIPTION_EN, "description_en" },
  { SB_CSV_COLUMN_DESCRIPTION_EN, "description" },
  { SB_CSV_COLUMN_DESCRIPTION_EN, "상세설명(영문)" },
  { SB_CSV_COLUMN_DESCRIPTION_EN, "상품설명(영문)" },
  { SB_CSV_COLUMN_DESCRIPTION_EN, "영문상세설명" },
  { SB_CSV_COLUMN_DESCRIPTION_EN, "Описание (англ.)" },
  { SB_CSV_COLUMN_DESCRIPTION_EN, "Описание на английском" },

  { SB_CSV_COLUMN_DESCRIPTION_KO, "description_ko" },
  { SB_CSV_COLUMN_DESCRIPTION_KO, "상세설명" },
  { SB_CSV_COLUMN_DESCRIPTION_KO, "상품설명" },
  { SB_CSV_COLUMN_DESCRIPTION_KO, "상세설명(한국어)" },
  { SB_CSV_COLUMN_DESCRIPTION_KO, "Описание (кор.)" },
  { SB_CSV_COLUMN_DESCRIPTION_KO, "Описание на корейском" },

  { SB_CSV_COLUMN_DESCRIPTION_RU, "description_ru" },
  { SB_CSV_COLUMN_DESCRIPTION_RU, "상세설명(러시아어)" },
  { SB_CSV_COLUMN_DESCRIPTION_RU, "상품설명(러시아어)" },
  { SB_CSV_COLUMN_DESCRIPTION_RU, "Описание" },
  { SB_CSV_COLUMN_DESCRIPTION_RU, "Описание товара" },
  { SB_CSV_COLUMN_DESCRIPTION_RU, "Описание (рус.)" },
  { SB_CSV_COLUMN_DESCRIPTION_RU, "Описание на русском" },

  { SB_CSV_COLUMN_SKU, "sku" },
  { SB_CSV_COLUMN_SKU, "옵션코드" },
  { SB_CSV_COLUMN_SKU, "판매자옵션코드" },
  { SB_CSV_COLUMN_SKU, "옵션관리코드" },
  { SB_CSV_COLUMN_SKU, "단품코드" },
  { SB_CSV_COLUMN_SKU, "Артикул варианта" },
  { SB_CSV_COLUMN_SKU, "Артикул SKU" },
  { SB_CSV_COLUMN_SKU, "Код варианта" },

  { SB_CSV_COLUMN_PRICE, "price" },
  { SB_CSV_COLUMN_PRICE, "가격" },
  { SB_CSV_COLUMN_PRICE, "판매가" },
  { SB_CSV_COLUMN_PRICE, "판매가격" },
  { SB_CSV_COLUMN_PRICE, "Цена" },
  { SB_CSV_COLUMN_PRICE, "Цена продажи" },

  { SB_CSV_COLUMN_CURRENCY, "currency" },
  { SB_CSV_COLUMN_CURRENCY, "통화" },
  { SB_CSV_COLUMN_CURRENCY, "화폐" },
  { SB_CSV_COLUMN_CURRENCY, "Валюта" },

  { SB_CSV_COLUMN_STOCK, "stock" },
  { SB_CSV_COLUMN_STOCK, "재고" },
  { SB_CSV_COLUMN_STOCK, "재고수량" },
  { SB_CSV_COLUMN_STOCK, "수량" },
  { SB_CSV_COLUMN_STOCK, "Остаток" },
  { SB_CSV_COLUMN_STOCK, "Остатки" },
  { SB_CSV_COLUMN_STOCK, "Количество" },
  { SB_CSV_COLUMN_STOCK, "Запас" },

  { SB_CSV_COLUMN_BARCODE, "barcode" },
  { SB_CSV_COLUMN_BARCODE, "EAN" },
  { SB_CSV_COLUMN_BARCODE, "바코드" },
  { SB_CSV_COLUMN_BARCODE, "바코드번호" },
  { SB_CSV_COLUMN_BARCODE, "Штрихкод" },
  { SB_CSV_COLUMN_BARCODE, "Штрих-код" },
  { SB_CSV_COLUMN_BARCODE, "Баркод" },

  { SB_CSV_COLUMN_WEIGHT_G, "weight_g" },
  { SB_CSV_COLUMN_WEIGHT_G, "weight" },
  { SB_CSV_COLUMN_WEIGHT_G, "무게(g)" },
  { SB_CSV_COLUMN_WEIGHT_G, "무게" },
  { SB_CSV_COLUMN_WEIGHT_G, "중량(g)" },
  { SB_CSV_COLUMN_WEIGHT_G, "중량" },
  { SB_CSV_COLUMN_WEIGHT_G, "Вес, г" },
  { SB_CSV_COLUMN_WEIGHT_G, "Вес" },
  { SB_CSV_COLUMN_WEIGHT_G, "Вес в граммах" },

  { SB_CSV_COLUMN_LENGTH_MM, "length_mm" },
  { SB_CSV_COLUMN_LENGTH_MM, "length" },
  { SB_CSV_COLUMN_LENGTH_MM, "길이(mm)" },
  { SB_CSV_COLUMN_LENGTH_MM, "길이" },
  { SB_CSV_COLUMN_LENGTH_MM, "Длина, мм" },
  { SB_CSV_COLUMN_LENGTH_MM, "Длина" },

  { SB_CSV_COLUMN_WIDTH_MM, "width_mm" },
  { SB_CSV_COLUMN_WIDTH_MM, "width" },
  { SB_CSV_COLUMN_WIDTH_MM, "너비(mm)" },
  { SB_CSV_COLUMN_WIDTH_MM, "너비" },
  { SB_CSV_COLUMN_WIDTH_MM, "폭(mm)" },
  { SB_CSV_COLUMN_WIDTH_MM, "폭" },
  { SB_CSV_COLUMN_WIDTH_MM, "Ширина, мм" },
  { SB_CSV_COLUMN_WIDTH_MM, "Ширина" },

  { SB_CSV_COLUMN_HEIGHT_MM, "height_mm" },
  { SB_CSV_COLUMN_HEIGHT_MM, "height" },
  { SB_CSV_COLUMN_HEIGHT_MM, "높이(mm)" },
  { SB_CSV_COLUMN_HEIGHT_MM, "높이" },
  { SB_CSV_COLUMN_HEIGHT_MM, "Высота, мм" },
  { SB_CSV_COLUMN_HEIGHT_MM, "Высота" },

  { SB_CSV_COLUMN_HS_CODE, "hs_code" },
  { SB_CSV_COLUMN_HS_CODE, "HS코드" },
  { SB_CSV_COLUMN_HS_CODE, "HS부호" },
  { SB_CSV_COLUMN_HS_CODE, "Код ТН ВЭД" },
  { SB_CSV_COLUMN_HS_CODE, "ТН ВЭД" },
  { SB_CSV_COLUMN_HS_CODE, "Код HS" },

  { SB_CSV_COLUMN_BATTERIES, "batteries" },
  { SB_CSV_COLUMN_BATTERIES, "배터리" },
  { SB_CSV_COLUMN_BATTERIES, "Батареи" },
  { SB_CSV_COLUMN_BATTERIES, "Батарейки" },
  { SB_CSV_COLUMN_BATTERIES, "Аккумуляторы" },

  { SB_CSV_COLUMN_LIQUIDS, "liquids" },
  { SB_CSV_COLUMN_LIQUIDS, "액체" },
  { SB_CSV_COLUMN_LIQUIDS, "액체류" },
  { SB_CSV_COLUMN_LIQUIDS, "Жидкости" },
  { SB_CSV_COLUMN_LIQUIDS, "Жидкость" },

  { SB_CSV_COLUMN_CARRIERS, "carriers" },
  { SB_CSV_COLUMN_CARRIERS, "carrier_ids" },
  { SB_CSV_COLUMN_CARRIERS, "배송사" },
  { SB_CSV_COLUMN_CARRIERS, "택배사" },
  { SB_CSV_COLUMN_CARRIERS, "운송사" },
  { SB_CSV_COLUMN_CARRIERS, "Перевозчики" },
  { SB_CSV_COLUMN_CARRIERS, "Службы доставки" },

  { SB_CSV_COLUMN_HANDLING_DAYS, "handling_days" },
  { SB_CSV_COLUMN_HANDLING_DAYS, "출고소요일" },
  { SB_CSV_COLUMN_HANDLING_DAYS, "발송소요일" },
  { SB_CSV_COLUMN_HANDLING_DAYS, "출고기한" },
  { SB_CSV_COLUMN_HANDLING_DAYS, "Срок отгрузки, дней" },
  { SB_CSV_COLUMN_HANDLING_DAYS, "Срок отгрузки" },
  { SB_CSV_COLUMN_HANDLING_DAYS, "Дней на отгрузку" },

  { SB_CSV_COLUMN_IMAGES, "images" },
  { SB_CSV_COLUMN_IMAGES, "이미지" },
  { SB_CSV_COLUMN_IMAGES, "이미지경로" },
  { SB_CSV_COLUMN_IMAGES, "상품이미지" },
  { SB_CSV_COLUMN_IMAGES, "Изображения" },
  { SB_CSV_COLUMN_IMAGES, "Фото" },
  { SB_CSV_COLUMN_IMAGES, "Фотографии" },
};

/* Prefixes of option_<name> and attr_<id>, compared case-insensitively;
 * "_", ":" or a space may follow them. */
static const struct {
  SbCsvColumn  column;
  const char  *prefix;
} prefixes[] = {
  { SB_CSV_COLUMN_OPTION, "option" },
  { SB_CSV_COLUMN_OPTION, "옵션" },
  { SB_CSV_COLUMN_OPTION, "опция" },
  { SB_CSV_COLUMN_OPTION, "вариант" },
  { SB_CSV_COLUMN_ATTRIBUTE, "attr" },
  { SB_CSV_COLUMN_ATTRIBUTE, "attribute" },
  { SB_CSV_COLUMN_ATTRIBUTE, "속성" },
  { SB_CSV_COLUMN_ATTRIBUTE, "атрибут" },
  { SB_CSV_COLUMN_ATTRIBUTE, "характеристика" },
};

/* NFKC, case-folded, without spaces and the punctuation _-.,()/: */
static char *
normalize_key (const char *text)
{
  g_autofree char *nfkc = NULL;
  const char *ascii_end;

  /* ASCII is its own NFKC form and folds to lower case. */
  for (ascii_end = text; *ascii_end && (guchar) *ascii_end < 0x80; ascii_end++)
    ;
  if (*ascii_end == '\0')
    {
      GString *key = g_string_sized_new (ascii_end - text);

      for (const char *c = text; *c; c++)
        if (!g_ascii_isspace (*c) && strchr ("_-.,()/:", *c) == NULL)
          g_string_append_c (key, g_ascii_tolower (*c));
      return g_string_free (key, FALSE);
    }

  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = g_utf8_casefold (nfkc != NULL ? nfkc : "", -1);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || strchr ("_-.,()/:", (int) c) != NULL)
        {
          if (c != 0)
            continue;
        }
      g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

static GHashTable *
alias_table (void)
{
  static gsize initialized = 0;
  static GHashTable *table = NULL;

  if (g_once_init_enter (&initialized))
    {
      GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
        g_hash_table_insert (t, normalize_key (aliases[i].alias), GINT_TO_POINTER (aliases[i].column));
      table = t;
      g_once_init_leave (&initialized, 1);
    }
  return table;
}

static SbCsvColumn
match_header (const char  *header,
              char       **out_name)
{
  g_autofree char *key = normalize_key (header);
  g_autofree char *nfkc = g_utf8_normalize (header, -1, G_NORMALIZE_NFKC);
  g_autofree char *trimmed = g_strstrip (g_strdup (nfkc != NULL ? nfkc : ""));
  gpointer value;

  if (out_name != NULL)
    *out_name = NULL;
  if (g_hash_table_lookup_extended (alias_table (), key, NULL, &value))
    return (SbCsvColumn) GPOINTER_TO_INT (value);

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize n = strlen (prefixes[i].prefix);
      g_autofree char *head = NULL;
      g_autofree char *head_folded = NULL;
      g_autofree char *prefix_folded = g_utf8_casefold (prefixes[i].prefix, -1);
      const char *rest;

      if (strlen (trimmed) <= n)
        continue;
      /* The prefixes are compared on as many bytes as they have; the
       * case-folded Cyrillic letters keep their length. */
      head = g_strndup (trimmed, n);
      if (!g_utf8_validate (head, -1, NULL))
        continue;
      head_folded = g_utf8_casefold (head, -1);
      if (strcmp (head_folded, prefix_folded) != 0)
        continue;
      rest = trimmed + n;
      if (*rest != '_' && *rest != ':' && *rest != ' ')
        continue;
      while (*rest == '_' || *rest == ':' || *rest == ' ')
        rest++;
      if (*rest == '\0')
        continue;
      if (out_name != NULL)
        *out_name = g_utf8_strdown (rest, -1);
      return prefixes[i].column;
    }
  return SB_CSV_COLUMN_UNKNOWN;
}

/**
 * sb_csv_header_match:
 * @out_name: (out) (optional): for OPTION and ATTRIBUTE, the option name or
 *   attribute id (lower case)
 *
 * Maps one header cell onto a canonical column.  "Артикул" on its own maps
 * to OFFER_ID here; the importer reads it as SKU when another column of
 * the file is the offer id.
 */
SbCsvColumn
sb_csv_header_match (const char  *header,
                     char       **out_name)
{
  SbCsvColumn column = match_header (header, out_name);

  return column == AMBIGUOUS_ARTICLE ? SB_CSV_COLUMN_OFFER_ID : column;
}

/* Issues */

G_DEFINE_BOXED_TYPE (SbCsvIssue, sb_csv_issue, sb_csv_issue_copy, sb_csv_issue_free)

SbCsvIssue *
sb_csv_issue_copy (const SbCsvIssue *issue)
{
  SbCsvIssue *copy = g_new0 (SbCsvIssue, 1);

  copy->row = issue->row;
  copy->column = g_strdup (issue->column);
  copy->message = g_strdup (issue->message);
  copy->warning = issue->warning;
  return copy;
}

void
sb_csv_issue_free (SbCsvIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->column);
  g_free (issue->message);
  g_free (issue);
}

/**
 * sb_csv_issue_to_string:
 *
 * Returns: (transfer full): one line such as
 *   "row 14, column price: “12.345” …" or "row 3, column barcode: warning: …"
 */
char *
sb_csv_issue_to_string (const SbCsvIssue *issue)
{
  if (issue->column != NULL && issue->warning)
    /* Translators: a warning about one cell of a CSV file: row number, column name, message. */
    return g_strdup_printf (_("row %u, column %s: warning: %s"), issue->row, issue->column, issue->message);
  if (issue->column != NULL)
    /* Translators: an error in one cell of a CSV file: row number, column name, message. */
    return g_strdup_printf (_("row %u, column %s: %s"), issue->row, issue->column, issue->message);
  if (issue->warning)
    return g_strdup_printf (_("row %u: warning: %s"), issue->row, issue->message);
  return g_strdup_printf (_("row %u: %s"), issue->row, issue->message);
}

static void
add_issue (GPtrArray  *issues,
           guint       row,
           const char *column,
           gboolean    warning,
           const char *message)
{
  SbCsvIssue *issue = g_new0 (SbCsvIssue, 1);

  issue->row = row;
  issue->column = g_strdup (column);
  issue->message = g_strdup (message);
  issue->warning = warning;
  g_ptr_array_add (issues, issue);
}

/* The header */

static char *
strip_dup (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}


typedef struct {
  SbCsvColumn  column;
  char        *name;     /* option name or attribute id */
  char        *header;   /* as written */
} Column;

static void
column_free (Column *column)
{
  g_free (column->name);
  g_free (column->header);
  g_free (column);
}

typedef struct {
  GPtrArray      *columns;                    /* (element-type Column) by position */
  int             index[SB_CSV_N_COLUMNS];    /* position of a canonical column or -1 */
  GPtrArray      *option_names;               /* (element-type utf8) in file order */
  GPtrArray      *attribute_ids;              /* (element-type utf8) in file order */
  gboolean        decimal_comma;
} Header;

static void
header_free (Header *header)
{
  g_clear_pointer (&header->columns, g_ptr_array_unref);
  g_clear_pointer (&header->option_names, g_ptr_array_unref);
  g_clear_pointer (&header->attribute_ids, g_ptr_array_unref);
  g_free (header);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Header, header_free)

static const char *
column_header (const Header *header,
               SbCsvColumn   column)
{
  int i = header->index[column];

  return i < 0 ? column_names[column] : ((Column *) g_ptr_array_index (header->columns, i))->header;
}

static Header *
read_header (const SbCsvRecord  *record,
             SbCsvDelimiter      delimiter,
             GPtrArray          *issues,
             GError            **error)
{
  g_autoptr(Header) header = g_new0 (Header, 1);
  g_autoptr(GHashTable) seen_options = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  g_autoptr(GHashTable) seen_attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  int article = -1;

  header->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  header->option_names = g_ptr_array_new ();
  header->attribute_ids = g_ptr_array_new ();
  header->decimal_comma = delimiter != SB_CSV_DELIMITER_COMMA;
  for (guint i = 0; i < SB_CSV_N_COLUMNS; i++)
    header->index[i] = -1;

  for (guint i = 0; i < record->n_fields; i++)
    {
      Column *column = g_new0 (Column, 1);

      column->header = g_strdup (record->fields[i]);
      column->column = match_header (record->fields[i], &column->name);
      g_ptr_array_add (header->columns, column);

      if (column->column == AMBIGUOUS_ARTICLE)
        {
          article = (int) i;
          continue;
        }
      if (column->column == SB_CSV_COLUMN_UNKNOWN)
        {
          g_autofree char *message = NULL;
          g_autofree char *name = strip_dup (record->fields[i]);

          if (*name == '\0')
            /* A column without a name is ignored (spreadsheets leave them). */
            continue;
          message = g_strdup (_("this is not a column Sellbridge knows; it was ignored. See the list of columns in the CSV guide."));
          add_issue (issues, record->row, record->fields[i], TRUE, message);
          continue;
        }
      if (column->column == SB_CSV_COLUMN_OPTION || column->column == SB_CSV_COLUMN_ATTRIBUTE)
        {
          GHashTable *seen = column->column == SB_CSV_COLUMN_OPTION ? seen_options : seen_attributes;
          gpointer previous;

          if (g_hash_table_lookup_extended (seen, column->name, NULL, &previous))
            {
              Column *other = g_ptr_array_index (header->columns, GPOINTER_TO_UINT (previous));

              g_set_error (error, SB_CSV_IMPORT_ERROR, SB_CSV_IMPORT_ERROR_HEADER,
                           _("Columns “%s” and “%s” both give %s. Remove one of them."),
                           other->header, column->header, column->name);
              return NULL;
            }
          g_hash_table_insert (seen, column->name, GUINT_TO_POINTER (i));
          g_ptr_array_add (column->column == SB_CSV_COLUMN_OPTION ? header->option_names : header->attribute_ids,
                           column->name);
          continue;
        }
      if (header->index[column->column] >= 0)
        {
          Column *other = g_ptr_array_index (header->columns, header->index[column->column]);

          g_set_error (error, SB_CSV_IMPORT_ERROR, SB_CSV_IMPORT_ERROR_HEADER,
                       _("Columns “%s” and “%s” both give %s. Remove one of them."),
                       other->header, column->header, column_names[column->column]);
          return NULL;
        }
      header->index[column->column] = (int) i;
    }

  if (article >= 0)
    {
      Column *column = g_ptr_array_index (header->columns, article);
      SbCsvColumn meaning = header->index[SB_CSV_COLUMN_OFFER_ID] < 0 ? SB_CSV_COLUMN_OFFER_ID : SB_CSV_COLUMN_SKU;

      if (header->index[meaning] >= 0)
        {
          Column *other = g_ptr_array_index (header->columns, header->index[meaning]);

          g_set_error (error, SB_CSV_IMPORT_ERROR, SB_CSV_IMPORT_ERROR_HEADER,
                       _("Columns “%s” and “%s” both give %s. Remove one of them."),
                       other->header, column->header, column_names[meaning]);
          return NULL;
        }
      column->column = meaning;
      header->index[meaning] = article;
    }

  if (header->index[SB_CSV_COLUMN_OFFER_ID] < 0)
    {
      g_set_error (error, SB_CSV_IMPORT_ERROR, SB_CSV_IMPORT_ERROR_HEADER,
                   _("The file has no offer_id column (also accepted: 상품코드, Артикул). Products are matched by it; add it to the header line."));
      return NULL;
    }
  if (header->index[SB_CSV_COLUMN_SKU] < 0)
    {
      for (guint i = 0; i < header->columns->len; i++)
        {
          Column *column = g_ptr_array_index (header->columns, i);

          if (column->column < SB_CSV_N_COLUMNS && column_is_variant (column->column))
            {
              g_set_error (error, SB_CSV_IMPORT_ERROR, SB_CSV_IMPORT_ERROR_HEADER,
                           _("The file has a “%s” column but no sku column. Variants are matched by their SKU; add a sku column."),
                           column->header);
              return NULL;
            }
          if (column->column == SB_CSV_COLUMN_OPTION)
            {
              g_set_error (error, SB_CSV_IMPORT_ERROR, SB_CSV_IMPORT_ERROR_HEADER,
                           _("The file has a “%s” column but no sku column. Variants are matched by their SKU; add a sku column."),
                           column->header);
              return NULL;
            }
        }
    }
  return g_steal_pointer (&header);
}

/* Cell parsers: each returns FALSE with a translated reason. */

/* "1.2E+15", "1,23457E+12": a long number a spreadsheet reformatted. */
static gboolean
looks_scientific (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (*p == '.' || *p == ',')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (!digits || (*p != 'E' && *p != 'e'))
    return FALSE;
  p++;
  if (*p == '+' || *p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  return *p == '\0';
}

static char *
excel_number_reason (const char *value)
{
  return g_strdup_printf (_("“%s” looks like a long number that Excel turned into scientific notation, so digits are lost. Format the column as Text in the spreadsheet and type the value again."),
                          value);
}

static gboolean
is_group_separator (const char  *p,
                    gboolean     decimal_comma,
                    gsize       *out_length)
{
  if (!decimal_comma)
    {
      *out_length = 1;
      return *p == ',';
    }
  if (*p == ' ')
    *out_length = 1;
  else if (g_str_has_prefix (p, "\xC2\xA0"))           /* U+00A0 no-break space */
    *out_length = 2;
  else if (g_str_has_prefix (p, "\xE2\x80\xAF"))       /* U+202F narrow no-break space */
    *out_length = 3;
  else
    return FALSE;
  return TRUE;
}

/* Removes digit grouping the way a spreadsheet displays numbers (and so
 * saves them): "1 234 567,50" with spaces or no-break spaces in a file
 * with decimal commas, "12,900" or "1,234.50" in a comma-delimited file.
 * Anything that is not regular grouping — "12,90", "1 23" — is returned as
 * it is, for the strict parsers to refuse. */
static char *
strip_grouping (const char *text,
                gboolean    decimal_comma)
{
  GString *plain = g_string_new (NULL);
  const char *p = text;
  guint lead = 0, groups = 0;
  gsize sep = 0;

  while (g_ascii_isdigit (*p) && lead < 4)
    g_string_append_c (plain, *p++), lead++;
  if (lead == 0 || lead > 3)
    goto as_is;
  while (is_group_separator (p, decimal_comma, &sep))
    {
      p += sep;
      for (guint i = 0; i < 3; i++, p++)
        {
          if (!g_ascii_isdigit (*p))
            goto as_is;
          g_string_append_c (plain, *p);
        }
      groups++;
    }
  if (groups == 0 || g_ascii_isdigit (*p))
    goto as_is;
  if (*p == (decimal_comma ? ',' : '.'))
    {
      g_string_append_c (plain, *p++);
      if (!g_ascii_isdigit (*p))
        goto as_is;
      while (g_ascii_isdigit (*p))
        g_string_append_c (plain, *p++);
    }
  if (*p != '\0')
    goto as_is;
  return g_string_free (plain, FALSE);

as_is:
  g_string_free (plain, TRUE);
  return g_strdup (text);
}

static gboolean
parse_uint (const char  *text,
            guint        min,
            guint        max,
            guint64     *out,
            char       **reason)
{
  guint64 value = 0;

  if (*text == '\0')
    {
      *reason = g_strdup (_("the cell is empty; write a whole number."));
      return FALSE;
    }
  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isdigit (*p))
        {
          *reason = g_strdup_printf (_("“%s” is not a whole number. Write digits only, without spaces, units or a decimal point."),
                                     text);
          return FALSE;
        }
      if (value > G_MAXUINT32)
        break;
      value = value * 10 + (guint64) (*p - '0');
    }
  if (value < min || value > max)
    {
      *reason = g_strdup_printf (_("%s is out of range; write a whole number from %u to %u."), text, min, max);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/* The EAN mod-10 check, for guessing what a shortened barcode was. */
static gboolean
ean_check_digit_ok (const char *digits,
                    gsize       length)
{
  guint sum = 0;

  /* Weights 3, 1, 3, … from the digit left of the check digit. */
  for (gsize i = 0; i + 1 < length; i++)
    {
      guint d = (guint) (digits[length - 2 - i] - '0');

      sum += (i % 2 == 0) ? d * 3 : d;
    }
  return (10 - sum % 10) % 10 == (guint) (digits[length - 1] - '0');
}

static gboolean
all_digits (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* EAN-13 or UPC-A, checked by the shared identity rules (which also
 * remove the spaces, dashes and full-width digits people paste), plus
 * what Excel does to barcodes: scientific notation and lost leading
 * zeros. */
static gboolean
parse_barcode (const char  *text,
               char       **out,
               char       **reason,
               char       **warning)
{
  g_autoptr(GError) error = NULL;
  char *value;

  if (looks_scientific (text))
    {
      *reason = excel_number_reason (text);
      return FALSE;
    }
  value = sb_id_check (SB_ID_KIND_EAN13, text, &error);
  if (value == NULL)
    {
      g_autofree char *digits = sb_id_normalize (text);
      gsize length = digits != NULL ? strlen (digits) : 0;

      if (g_error_matches (error, SB_ID_ERROR, SB_ID_ERROR_LENGTH) &&
          all_digits (digits) && length >= 8 && length < 12)
        {
          g_autofree char *padded = g_strdup_printf ("%0*d%s", (int) (13 - length), 0, digits);

          if (ean_check_digit_ok (padded, 13))
            {
              *reason = g_strdup_printf (_("“%s” is too short for a barcode; it looks like one whose leading zeros Excel dropped. Format the column as Text and write all 13 digits, e.g. %s."),
                                         text, padded);
              return FALSE;
            }
        }
      /* Translators: a barcode as written in the file, then what is wrong with it. */
      *reason = g_strdup_printf (_("“%s”: %s"), text, error->message);
      return FALSE;
    }
  if (strlen (value) == 12)
    *warning = g_strdup_printf (_("“%s” has 12 digits. If it is an EAN-13 barcode starting with 0, Excel dropped the 0: format the column as Text and write 0%s."),
                                text, value);
  *out = value;
  return TRUE;
}

static gboolean
parse_hs_code (const char  *text,
               char       **out,
               char       **reason,
               char       **warning)
{
  GString *digits = g_string_new (NULL);
  g_autofree char *value = NULL;
  gsize length;

  if (looks_scientific (text))
    {
      g_string_free (digits, TRUE);
      *reason = excel_number_reason (text);
      return FALSE;
    }
  /* "6109.10" and "6109 10 000 0" are common spellings. */
  for (const char *p = text; *p; p++)
    if (*p != ' ' && *p != '.')
      g_string_append_c (digits, *p);
  value = g_string_free (digits, FALSE);
  length = strlen (value);
  if (!all_digits (value))
    {
      *reason = g_strdup_printf (_("“%s” is not an HS code; write its 6 to 10 digits."), text);
      return FALSE;
    }
  if (length == 5)
    {
      *reason = g_strdup_printf (_("“%s” is too short for an HS code, which has 6 to 10 digits. If it started with 0, Excel dropped the 0: format the column as Text and write 0%s."),
                                 text, value);
      return FALSE;
    }
  if (length == 9)
    *warning = g_strdup_printf (_("“%s” has 9 digits, which is unusual for an HS code. If it started with 0, Excel dropped the 0: format the column as Text and write 0%s."),
                                text, value);
  if (length < 6 || length > 10)
    {
      *reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "“%s” has %u digit; an HS code has 6 to 10.",
                                              "“%s” has %u digits; an HS code has 6 to 10.",
                                              length),
                                 text, (guint) length);
      return FALSE;
    }
  *out = g_steal_pointer (&value);
  return TRUE;
}

static gboolean
word_in (const char         *key,
         const char * const *words)
{
  /* The normalized words of each static list, made once per process: an
   * import asks for every row. */
  G_LOCK_DEFINE_STATIC (normalized_lists);
  static GHashTable *normalized_lists = NULL;
  char **normalized;

  G_LOCK (normalized_lists);
  if (normalized_lists == NULL)
    normalized_lists = g_hash_table_new (g_direct_hash, g_direct_equal);
  normalized = g_hash_table_lookup (normalized_lists, words);
  if (normalized == NULL)
    {
      normalized = g_new0 (char *, g_strv_length ((char **) words) + 1);
      for (guint i = 0; words[i] != NULL; i++)
        normalized[i] = normalize_key (words[i]);
      g_hash_table_insert (normalized_lists, (gpointer) words, normalized);
    }
  G_UNLOCK (normalized_lists);

  for (guint i = 0; normalized[i] != NULL; i++)
    if (strcmp (key, normalized[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
parse_batteries (const char  *text,
                 SbBatteries *out,
                 char       **reason)
{
  static const char * const none[] = { "none", "no", "없음", "아니오", "нет", "без батарей", NULL };
  static const char * const installed[] = { "installed", "내장", "장착", "встроенные", "встроена", "установлены", "в устройстве", NULL };
  static const char * const packed[] = { "packed", "동봉", "в комплекте", "вложены", NULL };
  static const char * const standalone[] = { "standalone", "별도", "단독", "отдельно", "отдельные", NULL };
  g_autofree char *key = normalize_key (text);

  if (*key == '\0' || word_in (key, none))
    *out = SB_BATTERIES_NONE;
  else if (word_in (key, installed))
    *out = SB_BATTERIES_INSTALLED;
  else if (word_in (key, packed))
    *out = SB_BATTERIES_PACKED;
  else if (word_in (key, standalone))
    *out = SB_BATTERIES_STANDALONE;
  else
    {
      *reason = g_strdup_printf (_("“%s” is not one of none, installed, packed or standalone."), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_yes_no (const char  *text,
              gboolean    *out,
              char       **reason)
{
  /* ИСТИНА and ЛОЖЬ are TRUE and FALSE as Russian Excel writes them. */
  static const char * const yes[] = { "yes", "y", "true", "1", "예", "네", "있음", "да", "истина", NULL };
  static const char * const no[] = { "no", "n", "false", "0", "아니오", "아니요", "없음", "нет", "ложь", NULL };
  g_autofree char *key = normalize_key (text);

  if (*key == '\0' || word_in (key, no))
    *out = FALSE;
  else if (word_in (key, yes))
    *out = TRUE;
  else
    {
      *reason = g_strdup_printf (_("“%s” is neither yes nor no."), text);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
split_list (const char *text)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (text, "|", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (*item != '\0')
        g_ptr_array_add (items, g_strdup (item));
    }
  return items;
}

static gboolean
parse_currency (const char  *text,
                char       **out,
                char       **reason)
{
  static const struct {
    const char *spelling;
    const char *code;
  } symbols[] = {
    { "₩", "KRW" }, { "원", "KRW" }, { "￦", "KRW" },
    { "₽", "RUB" }, { "руб", "RUB" }, { "руб.", "RUB" }, { "р.", "RUB" }, { "рубль", "RUB" },
    { "$", "USD" }, { "US$", "USD" },
  };
  g_autofree char *upper = g_ascii_strup (text, -1);
  /* Canonically equivalent spellings (e.g. a decomposed 원) are the same
   * symbol; comparing the NFC form is what g_utf8_collate() did here, at
   * a fraction of its cost per row. */
  g_autofree char *composed = NULL;
  gboolean ascii = TRUE;

  for (const char *p = text; *p && ascii; p++)
    ascii = (guchar) *p < 0x80;
  /* ASCII text is its own NFC form. */
  composed = ascii ? g_strdup (text) : g_utf8_normalize (text, -1, G_NORMALIZE_NFC);

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_strcmp0 (text, symbols[i].spelling) == 0 || g_strcmp0 (composed, symbols[i].spelling) == 0)
      {
        *out = g_strdup (symbols[i].code);
        return TRUE;
      }
  if (!sb_currency_is_known (upper))
    {
      *reason = g_strdup_printf (_("“%s” is not a currency code; write KRW, RUB or USD."), text);
      return FALSE;
    }
  *out = g_steal_pointer (&upper);
  return TRUE;
}

/* A price in @currency; "12,90" is read as 12.90 when @decimal_comma. */
static gboolean
parse_price (const char  *text,
             const char  *currency,
             gboolean     decimal_comma,
             gint64      *out,
             char       **reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = strip_grouping (text, decimal_comma);
  char *comma = strchr (plain, ',');

  if (*plain == '\0')
    {
      *reason = g_strdup (_("the price is empty."));
      return FALSE;
    }
  if (decimal_comma && comma != NULL && strchr (plain, '.') == NULL && strchr (comma + 1, ',') == NULL)
    *comma = '.';
  if (!sb_currency_parse_decimal (plain, currency, out, &error))
    {
      *reason = g_strdup (error->message);
      return FALSE;
    }
  if (*out <= 0)
    {
      *reason = g_strdup_printf (_("the price must be greater than zero; it is %s."), text);
      return FALSE;
    }
  return TRUE;
}

/* Rows and patches */

typedef struct {
  guint        row;
  gboolean     invalid;
  char        *cells[SB_CSV_N_COLUMNS];   /* product-level cells as read; NULL when absent */
  GHashTable  *attributes;                /* id → value ("" clears) */
  char        *sku;                       /* NULL: the row carries product data only */
  GHashTable  *options;                   /* name → value ("" removes) */
  char        *price_text;                /* NULL when the column is absent */
  gint64       price_minor;
  gboolean     price_parsed;
  char        *currency;                  /* NULL when the column is absent */
  gboolean     has_stock;
  gint64       stock;
  gboolean     has_barcode;
  char        *barcode;                   /* NULL clears */
} RowPatch;

static void
row_patch_free (RowPatch *row)
{
  for (guint i = 0; i < SB_CSV_N_COLUMNS; i++)
    g_free (row->cells[i]);
  g_clear_pointer (&row->attributes, g_hash_table_unref);
  g_free (row->sku);
  g_clear_pointer (&row->options, g_hash_table_unref);
  g_free (row->price_text);
  g_free (row->currency);
  g_free (row->barcode);
  g_free (row);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RowPatch, row_patch_free)

/* The header fields are the same for every patch of a file: the strings,
 * arrays and tables are made once and shared (read-only, refcounted). */
struct _SbCsvPatch {
  char       *offer_id;
  gboolean    present[SB_CSV_N_COLUMNS];
  const char *headers[SB_CSV_N_COLUMNS];  /* column names as in the file, in header_strings */
  GPtrArray  *header_strings;             /* (element-type utf8) owns headers[] */
  GPtrArray  *option_names;               /* (element-type utf8) */
  GPtrArray  *attribute_ids;              /* (element-type utf8) */
  GHashTable *option_headers;             /* name → header as written */
  GHashTable *attribute_headers;          /* id → header as written */
  gboolean    decimal_comma;
  GPtrArray  *rows;                       /* (element-type RowPatch) */
};

void
sb_csv_patch_free (SbCsvPatch *patch)
{
  if (patch == NULL)
    return;
  g_free (patch->offer_id);
  g_clear_pointer (&patch->header_strings, g_ptr_array_unref);
  g_clear_pointer (&patch->option_names, g_ptr_array_unref);
  g_clear_pointer (&patch->attribute_ids, g_ptr_array_unref);
  g_clear_pointer (&patch->option_headers, g_hash_table_unref);
  g_clear_pointer (&patch->attribute_headers, g_hash_table_unref);
  g_clear_pointer (&patch->rows, g_ptr_array_unref);
  g_free (patch);
}

const char *
sb_csv_patch_get_offer_id (const SbCsvPatch *patch)
{
  return patch->offer_id;
}

guint
sb_csv_patch_get_first_row (const SbCsvPatch *patch)
{
  return patch->rows->len > 0 ? ((RowPatch *) g_ptr_array_index (patch->rows, 0))->row : 0;
}

static SbCsvPatch *
patch_new (const char       *offer_id,
           const Header     *header,
           const SbCsvPatch *model)
{
  SbCsvPatch *patch = g_new0 (SbCsvPatch, 1);

  patch->offer_id = g_strdup (offer_id);
  patch->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_patch_free);
  /* Another patch of the same file: share its header fields. */
  if (model != NULL)
    {
      memcpy (patch->present, model->present, sizeof patch->present);
      memcpy (patch->headers, model->headers, sizeof patch->headers);
      patch->header_strings = g_ptr_array_ref (model->header_strings);
      patch->option_names = g_ptr_array_ref (model->option_names);
      patch->attribute_ids = g_ptr_array_ref (model->attribute_ids);
      patch->option_headers = g_hash_table_ref (model->option_headers);
      patch->attribute_headers = g_hash_table_ref (model->attribute_headers);
      patch->decimal_comma = model->decimal_comma;
      return patch;
    }

  patch->header_strings = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < SB_CSV_N_COLUMNS; i++)
    {
      char *name = g_strdup (column_header (header, i));

      patch->present[i] = header->index[i] >= 0;
      patch->headers[i] = name;
      g_ptr_array_add (patch->header_strings, name);
    }
  patch->option_names = g_ptr_array_new_with_free_func (g_free);
  patch->attribute_ids = g_ptr_array_new_with_free_func (g_free);
  patch->option_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  patch->attribute_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < header->columns->len; i++)
    {
      Column *column = g_ptr_array_index (header->columns, i);

      if (column->column == SB_CSV_COLUMN_OPTION)
        {
          g_ptr_array_add (patch->option_names, g_strdup (column->name));
          g_hash_table_insert (patch->option_headers, g_strdup (column->name), g_strdup (column->header));
        }
      else if (column->column == SB_CSV_COLUMN_ATTRIBUTE)
        {
          g_ptr_array_add (patch->attribute_ids, g_strdup (column->name));
          g_hash_table_insert (patch->attribute_headers, g_strdup (column->name), g_strdup (column->header));
        }
    }
  patch->decimal_comma = header->decimal_comma;
  return patch;
}

/* Reads and checks one data record.  Returns NULL (with issues) when the
 * row is invalid. */
/* More than @max characters; text of at most @max bytes has at most
 * @max characters, so most cells are not counted. */
static gboolean
too_many_chars (const char *text,
                glong       max)
{
  return strnlen (text, max + 1) > (gsize) max && g_utf8_strlen (text, -1) > max;
}

static RowPatch *
read_row (const Header      *header,
          const SbCsvRecord *record,
          GPtrArray         *issues)
{
  g_autoptr(RowPatch) row = g_new0 (RowPatch, 1);
  guint n_columns = header->columns->len;
  gboolean ok = TRUE;
  gboolean variant_data = FALSE;
  int currency_index = header->index[SB_CSV_COLUMN_CURRENCY];

  row->row = record->row;
  row->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  row->options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (record->n_fields > n_columns)
    {
      for (guint i = n_columns; i < record->n_fields; i++)
        if (*record->fields[i] != '\0')
          {
            g_autofree char *message =
              g_strdup_printf (_("the row has more cells (%u) than the header (%u). A value probably holds the delimiter without quotes — check decimal commas and put such values in quotes."),
                               record->n_fields, n_columns);

            add_issue (issues, record->row, NULL, FALSE, message);
            return NULL;
          }
    }
  else if (record->n_fields < n_columns)
    {
      g_autofree char *message =
        g_strdup_printf (_("the row has fewer cells (%u) than the header (%u). Fill the missing cells, or leave them empty with their delimiters."),
                         record->n_fields, n_columns);

      add_issue (issues, record->row, NULL, FALSE, message);
      return NULL;
    }

  /* The currency first: prices are read in it. */
  if (currency_index >= 0)
    {
      g_autofree char *value = strip_dup (record->fields[currency_index]);
      g_autofree char *reason = NULL;

      if (*value == '\0')
        row->currency = g_strdup ("");
      else if (!parse_currency (value, &row->currency, &reason))
        {
          add_issue (issues, record->row, column_header (header, SB_CSV_COLUMN_CURRENCY), FALSE, reason);
          ok = FALSE;
        }
    }

  for (guint i = 0; i < n_columns; i++)
    {
      Column *column = g_ptr_array_index (header->columns, i);
      const char *raw = record->fields[i];
      g_autofree char *value = strip_dup (raw);
      g_autofree char *reason = NULL;
      g_autofree char *warning = NULL;
      guint64 number = 0;

      switch ((int) column->column)
        {
        case SB_CSV_COLUMN_OFFER_ID:
          if (*value == '\0')
            reason = g_strdup (_("the offer id is empty; every row needs the offer id of its product."));
          else if (looks_scientific (value))
            reason = excel_number_reason (value);
          else if (!sb_offer_id_is_valid (value))
            reason = g_strdup_printf (_("“%s” is not a valid offer id: use 1 to 64 Latin letters, digits, dots, dashes or underscores."),
                                      value);
          else
            row->cells[SB_CSV_COLUMN_OFFER_ID] = g_strdup (value);
          break;

        case SB_CSV_COLUMN_CATEGORY_ID:
          row->cells[column->column] = g_strdup (value);
          break;

        case SB_CSV_COLUMN_TITLE_EN:
        case SB_CSV_COLUMN_TITLE_KO:
        case SB_CSV_COLUMN_TITLE_RU:
          if (too_many_chars (raw, MAX_TITLE_CHARS))
            reason = g_strdup_printf (_("the title is longer than %d characters (%ld)."),
                                      MAX_TITLE_CHARS, (long) g_utf8_strlen (raw, -1));
          else
            row->cells[column->column] = g_strdup (raw);
          break;

        case SB_CSV_COLUMN_DESCRIPTION_EN:
        case SB_CSV_COLUMN_DESCRIPTION_KO:
        case SB_CSV_COLUMN_DESCRIPTION_RU:
          if (too_many_chars (raw, MAX_DESCRIPTION_CHARS))
            reason = g_strdup_printf (_("the description is longer than %d characters (%ld)."),
                                      MAX_DESCRIPTION_CHARS, (long) g_utf8_strlen (raw, -1));
          else
            row->cells[column->column] = g_strdup (raw);
          break;

        case SB_CSV_COLUMN_WEIGHT_G:
        case SB_CSV_COLUMN_LENGTH_MM:
        case SB_CSV_COLUMN_WIDTH_MM:
        case SB_CSV_COLUMN_HEIGHT_MM:
        case SB_CSV_COLUMN_HANDLING_DAYS:
          {
            g_autofree char *plain = strip_grouping (value, header->decimal_comma);

            g_free (value);
            value = g_steal_pointer (&plain);
          }
          if (*value != '\0' &&
              !parse_uint (value,
                           column->column == SB_CSV_COLUMN_HANDLING_DAYS ? 0 : 1,
                           column->column == SB_CSV_COLUMN_WEIGHT_G ? MAX_WEIGHT_G :
                           column->column == SB_CSV_COLUMN_HANDLING_DAYS ? MAX_HANDLING_DAYS : MAX_SIDE_MM,
                           &number, &reason))
            break;
          row->cells[column->column] = g_strdup (value);
          break;

        case SB_CSV_COLUMN_HS_CODE:
          {
            g_autofree char *code = NULL;

            if (*value != '\0' && !parse_hs_code (value, &code, &reason, &warning))
              break;
            row->cells[column->column] = g_strdup (code != NULL ? code : "");
          }
          break;

        case SB_CSV_COLUMN_BATTERIES:
          {
            SbBatteries batteries;

            if (parse_batteries (value, &batteries, &reason))
              row->cells[column->column] = g_strdup (*value == '\0' ? "" : sb_batteries_to_string (batteries));
          }
          break;

        case SB_CSV_COLUMN_LIQUIDS:
          {
            gboolean liquids;

            if (parse_yes_no (value, &liquids, &reason))
              row->cells[column->column] = g_strdup (*value == '\0' ? "" : liquids ? "yes" : "no");
          }
          break;

        case SB_CSV_COLUMN_CARRIERS:
        case SB_CSV_COLUMN_IMAGES:
          {
            g_autoptr(GPtrArray) items = split_list (value);
            g_autoptr(GString) joined = g_string_new (NULL);

            if (column->column == SB_CSV_COLUMN_IMAGES && items->len > MAX_IMAGES)
              {
                reason = g_strdup_printf (_("too many images (%u); a product has at most %d."), items->len, MAX_IMAGES);
                break;
              }
            for (guint k = 0; k < items->len; k++)
              g_string_append_printf (joined, "%s%s", k > 0 ? "|" : "", (char *) g_ptr_array_index (items, k));
            row->cells[column->column] = g_strdup (joined->str);
          }
          break;

        case SB_CSV_COLUMN_ATTRIBUTE:
          g_hash_table_insert (row->attributes, g_strdup (column->name), g_strdup (value));
          break;

        case SB_CSV_COLUMN_OPTION:
          g_hash_table_insert (row->options, g_strdup (column->name), g_strdup (value));
          if (*value != '\0')
            variant_data = TRUE;
          break;

        case SB_CSV_COLUMN_SKU:
          if (looks_scientific (value))
            warning = excel_number_reason (value);
          if (*value != '\0')
            row->sku = g_strdup (value);
          break;

        case SB_CSV_COLUMN_PRICE:
          row->price_text = g_strdup (value);
          if (*value == '\0')
            break;
          variant_data = TRUE;
          if (row->currency != NULL && *row->currency == '\0')
            reason = g_strdup (_("the price has no currency; fill the currency cell with KRW, RUB or USD."));
          else if (row->currency != NULL &&
                   !parse_price (value, row->currency, header->decimal_comma, &row->price_minor, &reason))
            break;
          else if (row->currency != NULL)
            row->price_parsed = TRUE;
          break;

        case SB_CSV_COLUMN_CURRENCY:
          if (*value != '\0')
            variant_data = TRUE;
          break;

        case SB_CSV_COLUMN_STOCK:
          /* An empty stock is an error only on a variant row (below). */
          if (*value == '\0')
            break;
          {
            g_autofree char *plain = strip_grouping (value, header->decimal_comma);

            g_free (value);
            value = g_steal_pointer (&plain);
          }
          variant_data = TRUE;
          row->has_stock = TRUE;
          if (parse_uint (value, 0, MAX_STOCK, &number, &reason))
            row->stock = (gint64) number;
          break;

        case SB_CSV_COLUMN_BARCODE:
          row->has_barcode = TRUE;
          if (*value != '\0')
            {
              variant_data = TRUE;
              parse_barcode (value, &row->barcode, &reason, &warning);
            }
          break;

        default:
          break;
        }

      if (reason != NULL)
        {
          add_issue (issues, record->row, column->header, FALSE, reason);
          ok = FALSE;
        }
      if (warning != NULL)
        add_issue (issues, record->row, column->header, TRUE, warning);
    }

  if (ok && header->index[SB_CSV_COLUMN_SKU] >= 0 && row->sku == NULL)
    {
      /* Only a row without any variant cell may leave the SKU empty: it
       * carries the product's own columns (a product without variants). */
      if (variant_data)
        {
          add_issue (issues, record->row, column_header (header, SB_CSV_COLUMN_SKU), FALSE,
                     _("the SKU is empty; every variant row needs its SKU."));
          ok = FALSE;
        }
      else
        {
          g_clear_pointer (&row->price_text, g_free);
          g_clear_pointer (&row->currency, g_free);
          row->has_barcode = FALSE;
        }
    }
  else if (ok && row->sku != NULL && header->index[SB_CSV_COLUMN_STOCK] >= 0 && !row->has_stock)
    {
      add_issue (issues, record->row, column_header (header, SB_CSV_COLUMN_STOCK), FALSE,
                 _("the stock is empty; write 0 when the variant is out of stock."));
      ok = FALSE;
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&row);
}

static gboolean
row_is_blank (const SbCsvRecord *record)
{
  for (guint i = 0; i < record->n_fields; i++)
    {
      g_autofree char *value = strip_dup (record->fields[i]);

      if (*value != '\0')
        return FALSE;
    }
  return TRUE;
}

/* Product-level cells must agree between the rows of a product. */
static gboolean
check_consistent (SbCsvPatch *patch,
                  RowPatch   *row,
                  GPtrArray  *issues)
{
  gboolean ok = TRUE;

  for (guint r = 0; r < patch->rows->len; r++)
    {
      RowPatch *other = g_ptr_array_index (patch->rows, r);

      for (guint c = SB_CSV_COLUMN_CATEGORY_ID; c < SB_CSV_N_COLUMNS; c++)
        {
          g_autofree char *message = NULL;

          if (row->cells[c] == NULL || other->cells[c] == NULL ||
              *row->cells[c] == '\0' || *other->cells[c] == '\0' ||
              strcmp (row->cells[c], other->cells[c]) == 0)
            continue;
          message = g_strdup_printf (_("the product %s has a different value in row %u. Product columns must be the same on every row of the product, or empty."),
                                     patch->offer_id, other->row);
          add_issue (issues, row->row, patch->headers[c], FALSE, message);
          ok = FALSE;
        }
      for (guint a = 0; a < patch->attribute_ids->len; a++)
        {
          const char *id = g_ptr_array_index (patch->attribute_ids, a);
          const char *mine = g_hash_table_lookup (row->attributes, id);
          const char *theirs = g_hash_table_lookup (other->attributes, id);
          g_autofree char *message = NULL;

          if (mine == NULL || theirs == NULL || *mine == '\0' || *theirs == '\0' || strcmp (mine, theirs) == 0)
            continue;
          message = g_strdup_printf (_("the product %s has a different value in row %u. Product columns must be the same on every row of the product, or empty."),
                                     patch->offer_id, other->row);
          add_issue (issues, row->row, g_hash_table_lookup (patch->attribute_headers, id), FALSE, message);
          ok = FALSE;
        }
      if (ok && row->sku != NULL && g_strcmp0 (row->sku, other->sku) == 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("the SKU %s of product %s is already in row %u. Each variant has one row."),
                             row->sku, patch->offer_id, other->row);

          add_issue (issues, row->row, patch->headers[SB_CSV_COLUMN_SKU], FALSE, message);
          ok = FALSE;
        }
      if (!ok)
        break;
    }
  return ok;
}

/**
 * sb_csv_read_patches:
 * @issues: (element-type SbCsvIssue): where row problems are appended
 *
 * Maps the header, reads every data row and groups the valid ones by
 * offer_id, in the order products first appear.  Header problems that make
 * the file unusable (no offer_id column, a column given twice) are errors.
 *
 * Returns: (transfer full) (element-type SbCsvPatch): the patches
 */
GPtrArray *
sb_csv_read_patches (const SbCsvTable  *table,
                     GPtrArray         *issues,
                     GError           **error)
{
  g_autoptr(Header) header = NULL;
  g_autoptr(GPtrArray) patches = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_csv_patch_free);
  g_autoptr(GHashTable) by_offer = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_sku = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (table->records->len > 0, NULL);

  header = read_header (g_ptr_array_index (table->records, 0), table->delimiter, issues, error);
  if (header == NULL)
    return NULL;

  for (guint i = 1; i < table->records->len; i++)
    {
      const SbCsvRecord *record = g_ptr_array_index (table->records, i);
      g_autoptr(RowPatch) row = NULL;
      SbCsvPatch *patch;

      if (row_is_blank (record))
        continue;
      row = read_row (header, record, issues);
      if (row == NULL)
        continue;
      patch = g_hash_table_lookup (by_offer, row->cells[SB_CSV_COLUMN_OFFER_ID]);
      if (patch == NULL)
        {
          patch = patch_new (row->cells[SB_CSV_COLUMN_OFFER_ID], header,
                             patches->len > 0 ? g_ptr_array_index (patches, 0) : NULL);
          g_ptr_array_add (patches, patch);
          g_hash_table_insert (by_offer, patch->offer_id, patch);
        }
      if (!check_consistent (patch, row, issues))
        continue;
      if (row->sku != NULL)
        {
          RowPatch *other = g_hash_table_lookup (by_sku, row->sku);
          const char *other_offer = other != NULL ? other->cells[SB_CSV_COLUMN_OFFER_ID] : NULL;

          if (other != NULL && strcmp (other_offer, patch->offer_id) != 0)
            {
              g_autofree char *message =
                g_strdup_printf (_("the SKU %s is already used by product %s in row %u. A SKU can belong to one product only."),
                                 row->sku, other_offer, other->row);

              add_issue (issues, row->row, patch->headers[SB_CSV_COLUMN_SKU], FALSE, message);
              continue;
            }
          g_hash_table_insert (by_sku, row->sku, row);
        }
      g_ptr_array_add (patch->rows, g_steal_pointer (&row));
    }

  /* A product whose only rows were invalid is not a patch at all. */
  for (guint i = patches->len; i > 0; i--)
    if (((SbCsvPatch *) g_ptr_array_index (patches, i - 1))->rows->len == 0)
      g_ptr_array_remove_index (patches, i - 1);
  return g_steal_pointer (&patches);
}

static gboolean
patch_has_valid_rows (const SbCsvPatch *patch)
{
  for (guint i = 0; i < patch->rows->len; i++)
    if (!((RowPatch *) g_ptr_array_index (patch->rows, i))->invalid)
      return TRUE;
  return FALSE;
}

/* The value of product-level column @c: the first non-empty cell among
 * the valid rows, "" when all are empty, NULL when the file lacks it. */
static const char *
patch_cell (const SbCsvPatch *patch,
            SbCsvColumn       c)
{
  if (!patch->present[c])
    return NULL;
  for (guint i = 0; i < patch->rows->len; i++)
    {
      RowPatch *row = g_ptr_array_index (patch->rows, i);

      if (!row->invalid && row->cells[c] != NULL && *row->cells[c] != '\0')
        return row->cells[c];
    }
  return "";
}

static const char *
patch_attribute (const SbCsvPatch *patch,
                 const char       *id)
{
  for (guint i = 0; i < patch->rows->len; i++)
    {
      RowPatch *row = g_ptr_array_index (patch->rows, i);
      const char *value = g_hash_table_lookup (row->attributes, id);

      if (!row->invalid && value != NULL && *value != '\0')
        return value;
    }
  return "";
}

static guint
cell_uint (const char *text)
{
  return text == NULL || *text == '\0' ? 0 : (guint) g_ascii_strtoull (text, NULL, 10);
}

static void
apply_images (SbProduct  *product,
              const char *cell)
{
  g_autoptr(GPtrArray) paths = split_list (cell);
  GPtrArray *images = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_image_free);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      SbImage *image = NULL;

      /* Keep what is known about an image already there (its hash and
       * upload id), matched by its path or by its upload id. */
      for (guint k = 0; k < product->images->len && image == NULL; k++)
        {
          SbImage *old = g_ptr_array_index (product->images, k);

          if (g_strcmp0 (old->local_path, path) == 0 ||
              (old->local_path == NULL && g_strcmp0 (old->remote_id, path) == 0))
            image = sb_image_copy (old);
        }
      if (image == NULL)
        {
          image = sb_image_new ();
          image->local_path = g_strdup (path);
        }
      g_ptr_array_add (images, image);
    }
  g_ptr_array_unref (product->images);
  product->images = images;
}

/**
 * sb_csv_merge:
 * @existing: (nullable): the stored product, or %NULL for a new one
 * @patch: what the file says about it (only its valid rows are used)
 *
 * Starts from a copy of @existing and sets exactly the columns the file
 * has: a column the file lacks is left as it was.  An empty cell clears an
 * optional value (title, barcode, attribute, option).  Variants are matched
 * by SKU; a new SKU adds a variant at the end; variants the file does not
 * mention are kept.  Sync bookkeeping is left to the store.
 *
 * Returns: (transfer full): the merged product
 */
SbProduct *
sb_csv_merge (const SbProduct  *existing,
              const SbCsvPatch *patch)
{
  SbProduct *product = existing != NULL ? sb_product_copy (existing) : sb_product_new (patch->offer_id);
  const char *cell;

  if ((cell = patch_cell (patch, SB_CSV_COLUMN_CATEGORY_ID)) != NULL)
    {
      g_free (product->category_id);
      product->category_id = *cell != '\0' ? g_strdup (cell) : NULL;
    }
  for (guint lang = 0; lang < SB_N_LANGS; lang++)
    {
      if ((cell = patch_cell (patch, SB_CSV_COLUMN_TITLE_EN + lang)) != NULL)
        sb_product_set_title (product, lang, cell);
      if ((cell = patch_cell (patch, SB_CSV_COLUMN_DESCRIPTION_EN + lang)) != NULL)
        sb_product_set_description (product, lang, cell);
    }
  if ((cell = patch_cell (patch, SB_CSV_COLUMN_WEIGHT_G)) != NULL)
    product->weight_g = cell_uint (cell);
  if ((cell = patch_cell (patch, SB_CSV_COLUMN_LENGTH_MM)) != NULL)
    product->length_mm = cell_uint (cell);
  if ((cell = patch_cell (patch, SB_CSV_COLUMN_WIDTH_MM)) != NULL)
    product->width_mm = cell_uint (cell);
  if ((cell = patch_cell (patch, SB_CSV_COLUMN_HEIGHT_MM)) != NULL)
    product->height_mm = cell_uint (cell);
  if ((cell = patch_cell (patch, SB_CSV_COLUMN_HS_CODE)) != NULL)
    {
      g_free (product->hs_code);
      product->hs_code = *cell != '\0' ? g_strdup (cell) : NULL;
    }
  if ((cell = patch_cell (patch, SB_CSV_COLUMN_BATTERIES)) != NULL)
    {
      if (*cell == '\0' || !sb_batteries_from_string (cell, &product->batteries))
        product->batteries = SB_BATTERIES_NONE;
    }
  if ((cell = patch_cell (patch, SB_CSV_COLUMN_LIQUIDS)) != NULL)
    product->liquids = strcmp (cell, "yes") == 0;
  if ((cell = patch_cell (patch, SB_CSV_COLUMN_CARRIERS)) != NULL)
    {
      g_autoptr(GPtrArray) carriers = split_list (cell);

      g_ptr_array_set_size (product->carrier_ids, 0);
      for (guint i = 0; i < carriers->len; i++)
        sb_product_add_carrier (product, g_ptr_array_index (carriers, i));
    }
  if ((cell = patch_cell (patch, SB_CSV_COLUMN_HANDLING_DAYS)) != NULL)
    product->handling_days = cell_uint (cell);
  if ((cell = patch_cell (patch, SB_CSV_COLUMN_IMAGES)) != NULL)
    apply_images (product, cell);
  for (guint a = 0; a < patch->attribute_ids->len; a++)
    {
      const char *id = g_ptr_array_index (patch->attribute_ids, a);

      sb_product_set_attribute (product, id, patch_attribute (patch, id));
    }

  for (guint r = 0; r < patch->rows->len; r++)
    {
      RowPatch *row = g_ptr_array_index (patch->rows, r);
      SbVariant *variant;
      GHashTableIter iter;
      gpointer key, value;

      if (row->invalid || row->sku == NULL)
        continue;
      variant = sb_product_find_variant (product, row->sku);
      if (variant == NULL)
        {
          variant = sb_variant_new ();
          variant->sku = g_strdup (row->sku);
          sb_product_add_variant (product, variant);
        }
      g_hash_table_iter_init (&iter, row->options);
      while (g_hash_table_iter_next (&iter, &key, &value))
        sb_variant_set_option (variant, key, *(const char *) value != '\0' ? value : NULL);
      if (row->currency != NULL && *row->currency != '\0')
        g_strlcpy (variant->currency, row->currency, sizeof variant->currency);
      if (row->price_parsed)
        variant->price_minor = row->price_minor;
      if (row->has_stock)
        variant->stock = row->stock;
      if (row->has_barcode)
        {
          g_free (variant->barcode);
          variant->barcode = g_strdup (row->barcode);
        }
    }
  return product;
}

static void
reject_row (RowPatch    *row,
            GPtrArray   *issues,
            const char  *column,
            const char  *message)
{
  row->invalid = TRUE;
  add_issue (issues, row->row, column, FALSE, message);
}

/**
 * sb_csv_patch_check:
 * @existing: (nullable): the stored product
 * @issues: (element-type SbCsvIssue): where problems are appended
 *
 * The checks that need the stored product: a price given without a
 * currency column is read in the variant's stored currency; a new variant
 * needs a price and a currency; a currency cannot change without a price.
 * Rows that fail are marked and left out of sb_csv_merge().  Whether the
 * variants' option sets are distinct is a rule of the whole product that
 * product validation checks before sync: an import must read back
 * whatever an export wrote.
 *
 * Returns: %TRUE when no row of @patch had to be left out
 */
gboolean
sb_csv_patch_check (SbCsvPatch      *patch,
                    const SbProduct *existing,
                    GPtrArray       *issues)
{
  gboolean ok = TRUE;

  for (guint r = 0; r < patch->rows->len; r++)
    {
      RowPatch *row = g_ptr_array_index (patch->rows, r);
      const SbVariant *old = NULL;
      g_autofree char *reason = NULL;

      if (row->invalid || row->sku == NULL)
        continue;
      if (existing != NULL)
        old = sb_product_find_variant ((SbProduct *) existing, row->sku);

      if (old == NULL && (row->price_text == NULL || *row->price_text == '\0'))
        {
          reject_row (row, issues, patch->headers[SB_CSV_COLUMN_PRICE],
                      _("this SKU is new, so it needs a price (and a currency)."));
          ok = FALSE;
          continue;
        }
      if (old == NULL && (row->currency == NULL || *row->currency == '\0'))
        {
          reject_row (row, issues, patch->headers[SB_CSV_COLUMN_CURRENCY],
                      _("this SKU is new, so it needs a currency: KRW, RUB or USD."));
          ok = FALSE;
          continue;
        }
      if (old != NULL && row->currency != NULL && *row->currency != '\0' &&
          strcmp (row->currency, old->currency) != 0 &&
          (row->price_text == NULL || *row->price_text == '\0'))
        {
          reject_row (row, issues, patch->headers[SB_CSV_COLUMN_CURRENCY],
                      _("the currency changes, so the row also needs the price in the new currency."));
          ok = FALSE;
          continue;
        }
      if (row->price_text != NULL && *row->price_text != '\0' && !row->price_parsed)
        {
          /* No currency column: the price is in the variant's currency. */
          if (old == NULL)
            reason = g_strdup (_("this SKU is new, so it needs a currency: KRW, RUB or USD."));
          if (old == NULL ||
              !parse_price (row->price_text, old->currency, patch->decimal_comma, &row->price_minor, &reason))
            {
              reject_row (row, issues, patch->headers[SB_CSV_COLUMN_PRICE], reason);
              ok = FALSE;
              continue;
            }
          row->price_parsed = TRUE;
        }
    }

  return ok;
}

/* The column and row of the file a validation path points at, or FALSE
 * when the file does not have that column or row. */
static gboolean
locate_path (const SbCsvPatch  *patch,
             const SbProduct   *product,
             const char        *path,
             guint             *out_row,
             const char       **out_column)
{
  static const struct {
    const char  *path;
    SbCsvColumn  column;
  } product_paths[] = {
    { "category_id", SB_CSV_COLUMN_CATEGORY_ID },
    { "title.en", SB_CSV_COLUMN_TITLE_EN },
    { "title.ko", SB_CSV_COLUMN_TITLE_KO },
    { "title.ru", SB_CSV_COLUMN_TITLE_RU },
    { "description.en", SB_CSV_COLUMN_DESCRIPTION_EN },
    { "description.ko", SB_CSV_COLUMN_DESCRIPTION_KO },
    { "description.ru", SB_CSV_COLUMN_DESCRIPTION_RU },
    { "images", SB_CSV_COLUMN_IMAGES },
    { "package.weight_g", SB_CSV_COLUMN_WEIGHT_G },
    { "package.length_mm", SB_CSV_COLUMN_LENGTH_MM },
    { "package.width_mm", SB_CSV_COLUMN_WIDTH_MM },
    { "package.height_mm", SB_CSV_COLUMN_HEIGHT_MM },
    { "hs_code", SB_CSV_COLUMN_HS_CODE },
    { "dangerous_goods.batteries", SB_CSV_COLUMN_BATTERIES },
    { "dangerous_goods.liquids", SB_CSV_COLUMN_LIQUIDS },
    { "shipping.carrier_ids", SB_CSV_COLUMN_CARRIERS },
    { "shipping.handling_days", SB_CSV_COLUMN_HANDLING_DAYS },
  };
  static const struct {
    const char  *field;
    SbCsvColumn  column;
  } variant_fields[] = {
    { "sku", SB_CSV_COLUMN_SKU },
    { "price.amount", SB_CSV_COLUMN_PRICE },
    { "price.currency", SB_CSV_COLUMN_CURRENCY },
    { "stock", SB_CSV_COLUMN_STOCK },
    { "barcode", SB_CSV_COLUMN_BARCODE },
  };
  guint first_row = 0;

  for (guint r = 0; r < patch->rows->len && first_row == 0; r++)
    if (!((RowPatch *) g_ptr_array_index (patch->rows, r))->invalid)
      first_row = ((RowPatch *) g_ptr_array_index (patch->rows, r))->row;
  if (path == NULL || first_row == 0)
    return FALSE;

  if (g_str_has_prefix (path, "attributes."))
    {
      const char *header = g_hash_table_lookup (patch->attribute_headers, path + strlen ("attributes."));

      if (header == NULL)
        return FALSE;
      *out_row = first_row;
      *out_column = header;
      return TRUE;
    }
  if (g_str_has_prefix (path, "variants["))
    {
      guint64 index = g_ascii_strtoull (path + strlen ("variants["), NULL, 10);
      const char *field = strchr (path, ']');
      const SbVariant *variant;

      if (field == NULL || field[1] != '.' || index >= product->variants->len)
        return FALSE;
      field += 2;
      variant = g_ptr_array_index (product->variants, index);
      for (guint r = 0; r < patch->rows->len; r++)
        {
          RowPatch *row = g_ptr_array_index (patch->rows, r);

          if (row->invalid || g_strcmp0 (row->sku, variant->sku) != 0)
            continue;
          if (strcmp (field, "options") == 0 && patch->option_names->len > 0)
            {
              *out_row = row->row;
              *out_column = g_hash_table_lookup (patch->option_headers, g_ptr_array_index (patch->option_names, 0));
              return TRUE;
            }
          for (guint i = 0; i < G_N_ELEMENTS (variant_fields); i++)
            if (strcmp (field, variant_fields[i].field) == 0 && patch->present[variant_fields[i].column])
              {
                *out_row = row->row;
                *out_column = patch->headers[variant_fields[i].column];
                return TRUE;
              }
          return FALSE;
        }
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (product_paths); i++)
    {
      gsize n = strlen (product_paths[i].path);

      if (strncmp (path, product_paths[i].path, n) == 0 && (path[n] == '\0' || path[n] == '[') &&
          patch->present[product_paths[i].column])
        {
          *out_row = first_row;
          *out_column = patch->headers[product_paths[i].column];
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * sb_csv_patch_report_rules:
 * @merged: the product as the import leaves it
 * @issues: (element-type SbCsvIssue): where warnings are appended
 *
 * Runs the marketplace's product rules (sb_product_validate(), without
 * category or carrier data) on @merged and adds a warning for each broken
 * rule that concerns a column and row of the file — say, two variants of
 * the file with the same options, or an emptied images column.  These do
 * not stop the import: a draft may be incomplete, and sync reports them
 * again before anything is sent.
 */
void
sb_csv_patch_report_rules (const SbCsvPatch *patch,
                           const SbProduct  *merged,
                           GPtrArray        *issues)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_reason_free);

  sb_product_validate (merged, NULL, reasons);
  for (guint i = 0; i < reasons->len; i++)
    {
      const SbReason *reason = g_ptr_array_index (reasons, i);
      g_autofree char *message = NULL;
      const char *column = NULL;
      guint row = 0;

      if (!locate_path (patch, merged, reason->path, &row, &column))
        continue;
      /* Translators: a warning; %s says which marketplace rule is broken. */
      message = g_strdup_printf (_("the marketplace will refuse this product until it is fixed: %s"),
                                 reason->message);
      add_issue (issues, row, column, TRUE, message);
    }
}

/* The whole import */

void
sb_csv_import_report_free (SbCsvImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->issues, g_ptr_array_unref);
  g_clear_pointer (&report->products, g_ptr_array_unref);
  g_free (report);
}

static int
compare_issues (gconstpointer a,
                gconstpointer b)
{
  const SbCsvIssue *ia = *(SbCsvIssue * const *) a;
  const SbCsvIssue *ib = *(SbCsvIssue * const *) b;

  return ia->row < ib->row ? -1 : ia->row > ib->row ? 1 : 0;
}

/* A SKU that is new to this product must not belong to another one. */
static gboolean
check_sku_owners (SbCsvPatch        *patch,
                  const SbProduct   *existing,
                  SbCsvSkuOwnerFunc  sku_owner,
                  gpointer           user_data,
                  GPtrArray         *issues,
                  GError           **error)
{
  for (guint r = 0; r < patch->rows->len; r++)
    {
      RowPatch *row = g_ptr_array_index (patch->rows, r);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *owner = NULL;
      g_autofree char *message = NULL;

      if (row->invalid || row->sku == NULL ||
          (existing != NULL && sb_product_find_variant ((SbProduct *) existing, row->sku) != NULL))
        continue;
      owner = sku_owner (row->sku, user_data, &local_error);
      if (local_error != NULL)
        {
          g_set_error (error, SB_CSV_IMPORT_ERROR, SB_CSV_IMPORT_ERROR_FAILED,
                       _("Could not look up SKU %s in the catalogue: %s"),
                       row->sku, local_error->message);
          return FALSE;
        }
      if (owner == NULL || strcmp (owner, patch->offer_id) == 0)
        continue;
      message = g_strdup_printf (_("the SKU %s already belongs to product %s. A SKU can belong to one product only."),
                                 row->sku, owner);
      reject_row (row, issues, patch->headers[SB_CSV_COLUMN_SKU], message);
    }
  return TRUE;
}

/**
 * sb_csv_import_table:
 * @lookup: finds the stored product of an offer id
 * @sku_owner: (nullable): finds the stored product a SKU belongs to, so a
 *   new variant cannot take another product's SKU
 * @save: (nullable): saves the created and changed products in one
 *   transaction; %NULL for a dry run
 *
 * Reads the table, checks every row, merges the valid rows into the stored
 * products and, unless this is a dry run, saves them all at once.  Invalid
 * rows are reported in the report's issues and left out; the other rows
 * are still imported.
 *
 * Returns: (transfer full): the report, or %NULL with @error when the file
 *   cannot be used at all or the lookup or save failed (then nothing was
 *   saved)
 */
SbCsvImportReport *
sb_csv_import_table (const SbCsvTable  *table,
                     SbCsvLookupFunc    lookup,
                     SbCsvSkuOwnerFunc  sku_owner,
                     SbCsvSaveFunc      save,
                     gpointer           user_data,
                     GError           **error)
{
  g_autoptr(SbCsvImportReport) report = g_new0 (SbCsvImportReport, 1);
  g_autoptr(GPtrArray) patches = NULL;
  g_autoptr(GHashTable) invalid_rows = g_hash_table_new (g_direct_hash, g_direct_equal);

  report->encoding = table->encoding;
  report->delimiter = table->delimiter;
  report->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_csv_issue_free);
  report->products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);

  for (guint i = 1; i < table->records->len; i++)
    if (!row_is_blank (g_ptr_array_index (table->records, i)))
      report->n_rows++;

  patches = sb_csv_read_patches (table, report->issues, error);
  if (patches == NULL)
    return NULL;

  for (guint i = 0; i < patches->len; i++)
    {
      /* Each patch is freed once merged: its memory serves the next ones. */
      g_autoptr(SbCsvPatch) patch = g_steal_pointer (&g_ptr_array_index (patches, i));
      g_autoptr(SbProduct) existing = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(SbProduct) merged = NULL;

      existing = lookup != NULL ? lookup (patch->offer_id, user_data, &local_error) : NULL;
      if (local_error != NULL)
        {
          g_set_error (error, SB_CSV_IMPORT_ERROR, SB_CSV_IMPORT_ERROR_FAILED,
                       _("Could not read product %s from the catalogue: %s"),
                       patch->offer_id, local_error->message);
          return NULL;
        }
      if (sku_owner != NULL &&
          !check_sku_owners (patch, existing, sku_owner, user_data, report->issues, error))
        return NULL;
      sb_csv_patch_check (patch, existing, report->issues);
      if (!patch_has_valid_rows (patch))
        continue;
      merged = sb_csv_merge (existing, patch);
      if (existing != NULL && sb_product_equal (existing, merged))
        {
          report->n_unchanged++;
          continue;
        }
      sb_csv_patch_report_rules (patch, merged, report->issues);
      if (existing != NULL)
        report->n_updated++;
      else
        report->n_created++;
      g_ptr_array_add (report->products, g_steal_pointer (&merged));
    }

  g_ptr_array_sort (report->issues, compare_issues);
  for (guint i = 0; i < report->issues->len; i++)
    {
      SbCsvIssue *issue = g_ptr_array_index (report->issues, i);

      if (issue->warning)
        {
          report->n_warnings++;
          continue;
        }
      report->n_errors++;
      g_hash_table_add (invalid_rows, GUINT_TO_POINTER (issue->row));
    }
  report->n_rows_invalid = g_hash_table_size (invalid_rows);

  if (save != NULL && report->products->len > 0)
    {
      g_autoptr(GError) local_error = NULL;

      if (!save (report->products, user_data, &local_error))
        {
          g_set_error (error, SB_CSV_IMPORT_ERROR, SB_CSV_IMPORT_ERROR_FAILED,
                       _("Could not save the imported products; the catalogue was not changed: %s"),
                       local_error->message);
          return NULL;
        }
      report->saved = TRUE;
    }
  return g_steal_pointer (&report);
}
