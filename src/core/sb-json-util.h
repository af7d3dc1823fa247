/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-json-util.h: internal helpers of libsellbridge-core that read one
 * member of a JSON object with its type checked, so that every parser of
 * the Seller API's bodies rejects a wrong type the same way, with the
 * member's path in the message.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  SB_JSON_OPTIONAL = 0,
  SB_JSON_REQUIRED = 1 << 0,   /* absent is an error */
  SB_JSON_NULLABLE = 1 << 1,   /* null reads as absent */
} SbJsonFlags;

typedef enum {
  SB_JSON_OK,
  SB_JSON_ABSENT,       /* optional member missing (or null when nullable) */
  SB_JSON_MISSING,      /* required member missing: error set */
  SB_JSON_WRONG_TYPE,   /* error set */
  SB_JSON_OUT_OF_RANGE, /* error set */
} SbJsonStatus;

/* "prefix.name", or "name" when @prefix is NULL or empty. */
char        *sb_json_path        (const char   *prefix,
                                  const char   *name);
char        *sb_json_path_index  (const char   *prefix,
                                  guint         index);

SbJsonStatus sb_json_check_node  (JsonNode     *node,
                                  const char   *path,
                                  GType         value_type,
                                  GQuark        domain,
                                  int           code,
                                  GError      **error);

SbJsonStatus sb_json_get_string  (JsonObject   *object,
                                  const char   *prefix,
                                  const char   *name,
                                  SbJsonFlags   flags,
                                  char        **out,
                                  GQuark        domain,
                                  int           code,
                                  GError      **error);
SbJsonStatus sb_json_get_int     (JsonObject   *object,
                                  const char   *prefix,
                                  const char   *name,
                                  SbJsonFlags   flags,
                                  gint64        min,
                                  gint64        max,
                                  gint64       *out,
                                  GQuark        domain,
                                  int           code,
                                  GError      **error);
SbJsonStatus sb_json_get_double  (JsonObject   *object,
                                  const char   *prefix,
                                  const char   *name,
                                  SbJsonFlags   flags,
                                  double       *out,
                                  GQuark        domain,
                                  int           code,
                                  GError      **error);
SbJsonStatus sb_json_get_bool    (JsonObject   *object,
                                  const char   *prefix,
                                  const char   *name,
                                  SbJsonFlags   flags,
                                  gboolean     *out,
                                  GQuark        domain,
                                  int           code,
                                  GError      **error);
SbJsonStatus sb_json_get_array   (JsonObject   *object,
                                  const char   *prefix,
                                  const char   *name,
                                  SbJsonFlags   flags,
                                  JsonArray   **out,
                                  GQuark        domain,
                                  int           code,
                                  GError      **error);
SbJsonStatus sb_json_get_object  (JsonObject   *object,
                                  const char   *prefix,
                                  const char   *name,
                                  SbJsonFlags   flags,
                                  JsonObject  **out,
                                  GQuark        domain,
                                  int           code,
                                  GError      **error);
/* Reads an array element (or any node) as a string. */
SbJsonStatus sb_json_node_get_string (JsonNode    *node,
                                      const char  *path,
                                      char       **out,
                                      GQuark       domain,
                                      int          code,
                                      GError     **error);
/* A JSON integer, or a number with no fraction, within [min, max]. */
SbJsonStatus sb_json_node_get_int    (JsonNode    *node,
                                      const char  *path,
                                      gint64       min,
                                      gint64       max,
                                      gint64      *out,
                                      GQuark       domain,
                                      int          code,
                                      GError     **error);

JsonNode    *sb_json_parse_data  (const char   *data,
                                  gssize        length,
                                  GQuark        domain,
                                  int           code,
                                  GError      **error);

G_END_DECLS
