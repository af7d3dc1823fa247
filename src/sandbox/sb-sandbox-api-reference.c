/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-api-reference.c: GET /v1/reference/currencies, categories
 * (?lang=en|ko|ru, English by default) and carriers (?origin=KR|RU, every
 * carrier without it), served from SbSandboxReference with their ETags.
 */
#include "config.h"

#include "sb-sandbox-api.h"

void
sb_sandbox_handle_currencies (SbSandboxRequest *request)
{
  const char *etag;
  GBytes *body = sb_sandbox_reference_get_currencies (request->reference, &etag);

  sb_sandbox_respond_cacheable (request, body, etag);
}

void
sb_sandbox_handle_categories (SbSandboxRequest *request)
{
  const char *code = request->query != NULL ? g_hash_table_lookup (request->query, "lang") : NULL;
  const char *etag;
  SbLang lang = SB_LANG_EN;
  GBytes *body;

  if (code != NULL && !sb_lang_from_code (code, &lang))
    {
      sb_sandbox_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                                "lang must be one of en, ko, ru.");
      return;
    }
  body = sb_sandbox_reference_get_categories (request->reference, lang, &etag);
  sb_sandbox_respond_cacheable (request, body, etag);
}

void
sb_sandbox_handle_carriers (SbSandboxRequest *request)
{
  const char *origin = request->query != NULL ? g_hash_table_lookup (request->query, "origin") : NULL;
  const char *etag = NULL;
  GBytes *body;

  if (origin != NULL && *origin == '\0')
    origin = NULL;
  body = sb_sandbox_reference_get_carriers (request->reference, origin, &etag);
  if (body == NULL)
    {
      sb_sandbox_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                                "origin must be KR or RU.");
      return;
    }
  sb_sandbox_respond_cacheable (request, body, etag);
}
