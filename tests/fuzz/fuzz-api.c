/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-api.c: a libFuzzer target for what the API client reads from the
 * network.  The input is an answer: the first byte picks the endpoint and
 * status, the second the status of an error answer; then header lines up
 * to an empty line, parsed by libsoup's own response-header parser; then
 * the body.  The body goes through the endpoint's parser (reference data
 * with its ETag, images, product writes, batch results, status pages) and
 * through the error mapping with the Retry-After and X-Request-Id headers;
 * Retry-After goes through the backoff; an ETag that was accepted is put
 * back into an If-None-Match request header as the client does.  Any
 * crash, sanitizer report or GLib critical is a bug.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "sb-api-client-private.h"
#include "sb-backoff.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  (void) argc;
  (void) argv;
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  return 0;
}

static const guint ok_statuses[] = { 200, 201, 304 };
static const guint error_statuses[] = { 400, 401, 404, 409, 413, 422, 429, 500, 502, 503, 504, 418, 599 };

static void
check_retry_after (const char *value)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 22, 3, 0, 0);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  SbBackoff backoff;
  gint64 seconds = -1;

  sb_backoff_init_default (&backoff);
  if (!sb_backoff_parse_retry_after (value, now, &seconds))
    return;
  g_assert_cmpint (seconds, >=, 0);
  g_assert_cmpint (seconds, <=, G_MAXINT32);
  for (guint attempt = 0; attempt < 12; attempt++)
    {
      guint delay = sb_backoff_get_delay_ms (&backoff, attempt, seconds, rand);

      /* The server's wait is honoured (as far as a guint of ms reaches). */
      g_assert_cmpuint (delay, >=, (guint) MIN ((guint64) seconds * 1000, (guint64) G_MAXUINT32 / 1000 * 1000));
    }
}

static void
check_error (guint               status,
             SoupMessageHeaders *headers,
             GBytes             *body)
{
  const char *retry_after = headers != NULL ? soup_message_headers_get_one (headers, "Retry-After") : NULL;
  const char *request_id = headers != NULL ? soup_message_headers_get_one (headers, "X-Request-Id") : NULL;
  g_autoptr(GError) error = sb_api_error_new_from_response (status, request_id, retry_after, body);
  GPtrArray *fields;

  g_assert_nonnull (error);
  g_assert (error->domain == SB_API_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpuint (sb_api_error_get_http_status (error), ==, status);
  fields = sb_api_error_get_fields (error);
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    g_assert_nonnull (g_ptr_array_index (fields, i));
  (void) sb_api_error_get_current_version (error);
  (void) sb_api_error_get_server_code (error);
  (void) sb_api_error_get_server_message (error);
  g_assert_cmpint (sb_api_error_get_retry_after (error), >=, -1);
  if (status == 429 || status >= 500)
    g_assert_true (sb_api_error_is_retryable (error));
  if (status == 401)
    g_assert_true (sb_api_error_is_auth (error));
}

static void
check_reply (SbApiReplyKind      kind,
             guint               status,
             SoupMessageHeaders *headers,
             GBytes             *body)
{
  g_autoptr(GError) error = NULL;
  gpointer reply = sb_api_client_parse_reply_for_testing (kind, status, headers, body, &error);

  g_assert ((reply == NULL) == (error != NULL));
  if (error != NULL)
    {
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  switch (kind)
    {
    case SB_API_REPLY_REFERENCE:
      {
        g_autoptr(SbApiReference) reference = reply;

        g_assert ((reference->root == NULL) == reference->not_modified);
        if (reference->etag != NULL)
          {
            /* The next request carries it back. */
            g_autoptr(SoupMessage) msg = soup_message_new ("GET", "http://127.0.0.1/v1/reference/currencies");

            soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match", reference->etag);
            g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_request_headers (msg), "If-None-Match"),
                             ==, reference->etag);
          }
      }
      break;
    case SB_API_REPLY_OBJECT:
      g_assert_true (JSON_NODE_HOLDS_OBJECT ((JsonNode *) reply));
      json_node_unref (reply);
      break;
    case SB_API_REPLY_IMAGE:
      {
        g_autoptr(SbApiImage) image = reply;

        g_assert_true (g_str_has_prefix (image->image_id, "img_"));
      }
      break;
    case SB_API_REPLY_WRITE_RESULT:
      {
        g_autoptr(SbApiWriteResult) result = reply;

        g_assert_cmpint (result->version, >=, 1);
        g_assert_nonnull (result->offer_id);
      }
      break;
    case SB_API_REPLY_BATCH:
      {
        g_autoptr(GPtrArray) items = reply;

        for (guint i = 0; i < items->len; i++)
          {
            const SbApiBatchItem *item = g_ptr_array_index (items, i);

            g_assert_nonnull (item->offer_id);
            if (item->ok)
              g_assert_cmpint (item->version, >=, 1);
            else
              g_assert_nonnull (item->error_code);
          }
      }
      break;
    case SB_API_REPLY_STATUS_PAGE:
      {
        g_autoptr(SbApiStatusPage) page = reply;

        for (guint i = 0; i < page->items->len; i++)
          {
            const SbApiProductStatus *item = g_ptr_array_index (page->items, i);

            g_assert_nonnull (item->offer_id);
            g_assert_cmpint (item->version, >=, 1);
            g_assert_cmpint (item->status, <=, SB_SYNC_ARCHIVED);
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GString) head = g_string_new ("HTTP/1.1 200 OK\r\n");
  g_autoptr(GBytes) body = NULL;
  const char *text;
  const char *end;
  SbApiReplyKind kind;
  guint status;
  guint error_status;
  gboolean headers_ok;
  size_t rest;

  if (size < 2)
    return 0;
  kind = (SbApiReplyKind) (data[0] % (SB_API_REPLY_STATUS_PAGE + 1));
  status = ok_statuses[(data[0] / (SB_API_REPLY_STATUS_PAGE + 1)) % G_N_ELEMENTS (ok_statuses)];
  error_status = error_statuses[data[1] % G_N_ELEMENTS (error_statuses)];
  text = (const char *) data + 2;
  rest = size - 2;

  /* Header lines up to the first empty line, as the wire has them. */
  end = NULL;
  for (size_t i = 0; i + 1 < rest && end == NULL; i++)
    if (text[i] == '\n' && text[i + 1] == '\n')
      end = text + i;
  if (end != NULL)
    {
      for (const char *p = text; p < end + 1; p++)
        {
          if (*p == '\n')
            g_string_append (head, "\r\n");
          else
            g_string_append_c (head, *p);
        }
      rest -= (size_t) (end + 2 - text);
      text = end + 2;
    }
  g_string_append (head, "\r\n");
  headers_ok = soup_headers_parse_response (head->str, (int) head->len, headers, NULL, NULL, NULL);
  body = g_bytes_new (text, rest);

  if (!headers_ok)
    {
      /* libsoup would have refused such an answer: go on without headers. */
      g_clear_pointer (&headers, soup_message_headers_unref);
      headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
    }
  check_retry_after (soup_message_headers_get_one (headers, "Retry-After"));
  {
    g_autofree char *as_value = g_strndup (text, MIN (rest, 256));

    check_retry_after (as_value);
  }
  check_error (error_status, headers, body);
  check_reply (kind, status, headers, body);
  return 0;
}
