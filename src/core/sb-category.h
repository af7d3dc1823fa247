/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-category.h: the marketplace's category tree as GET
 * /v1/reference/categories?lang=… returns it — categories, their
 * attributes and variant options — with lookups by id and by parent.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SB_CATEGORY_ERROR (sb_category_error_quark ())

typedef enum {
  SB_CATEGORY_ERROR_INVALID,   /* wrong shape or member type */
} SbCategoryError;

typedef enum {
  SB_ATTRIBUTE_TEXT,
  SB_ATTRIBUTE_ENUM,
  SB_ATTRIBUTE_NUMBER,
} SbAttributeType;

const char *sb_attribute_type_to_string   (SbAttributeType  type);
gboolean    sb_attribute_type_from_string (const char      *str,
                                           SbAttributeType *out_type);

typedef struct {
  char *id;
  char *name;
} SbAttributeValue;

typedef struct {
  char            *id;
  char            *name;
  SbAttributeType  type;
  gboolean         required;
  guint            max_length;   /* characters; 0 when unlimited */
  GPtrArray       *values;       /* (element-type SbAttributeValue) (owned) enum only */
  char            *unit;         /* (nullable) */
  gboolean         has_min;
  double           min;          /* not money: a physical quantity */
  gboolean         has_max;
  double           max;
} SbAttribute;

typedef struct {
  char       *id;
  char       *parent_id;         /* (nullable) NULL for a root */
  char       *name;
  gboolean    leaf;
  char       *commission_rate;   /* (nullable) decimal string, e.g. "0.08" */
  GPtrArray  *attributes;        /* (element-type SbAttribute) (owned) */
  GStrv       variant_options;   /* (owned) never NULL, may be empty */
} SbCategory;

#define SB_TYPE_ATTRIBUTE_VALUE (sb_attribute_value_get_type ())
#define SB_TYPE_ATTRIBUTE       (sb_attribute_get_type ())
#define SB_TYPE_CATEGORY        (sb_category_get_type ())

GType             sb_attribute_value_get_type (void) G_GNUC_CONST;
SbAttributeValue *sb_attribute_value_new      (const char             *id,
                                               const char             *name);
SbAttributeValue *sb_attribute_value_copy     (const SbAttributeValue *value);
void              sb_attribute_value_free     (SbAttributeValue       *value);

GType        sb_attribute_get_type   (void) G_GNUC_CONST;
SbAttribute *sb_attribute_new        (void);
SbAttribute *sb_attribute_copy       (const SbAttribute *attribute);
void         sb_attribute_free       (SbAttribute       *attribute);
gboolean     sb_attribute_has_value  (const SbAttribute *attribute,
                                      const char        *value_id);

GType        sb_category_get_type    (void) G_GNUC_CONST;
SbCategory  *sb_category_new         (void);
SbCategory  *sb_category_copy        (const SbCategory *category);
void         sb_category_free        (SbCategory       *category);
const SbAttribute *sb_category_find_attribute (const SbCategory *category,
                                               const char       *attribute_id);

#define SB_TYPE_CATEGORY_TREE (sb_category_tree_get_type ())
G_DECLARE_FINAL_TYPE (SbCategoryTree, sb_category_tree, SB, CATEGORY_TREE, GObject)

GQuark            sb_category_error_quark        (void);
SbCategoryTree   *sb_category_tree_new_from_json (JsonNode       *node,
                                                  GError        **error);
SbCategoryTree   *sb_category_tree_new_from_data (const char     *data,
                                                  gssize          length,
                                                  GError        **error);
guint             sb_category_tree_get_n_categories (SbCategoryTree *self);
/* (transfer none) (nullable) */
const SbCategory *sb_category_tree_lookup        (SbCategoryTree *self,
                                                  const char     *id);
/* (transfer container) (element-type SbCategory): in the server's order */
GPtrArray        *sb_category_tree_get_children  (SbCategoryTree *self,
                                                  const char     *parent_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbAttributeValue, sb_attribute_value_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbAttribute, sb_attribute_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCategory, sb_category_free)

G_END_DECLS
