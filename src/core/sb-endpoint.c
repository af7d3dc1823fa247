/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-endpoint.c: validation of the marketplace base URL.  The preferences,
 * the onboarding wizard, the CLI and the API client all call
 * sb_endpoint_normalize() so that a URL refused in one place is refused in
 * every place, with the same translated message.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>

#include "sb-endpoint.h"

G_DEFINE_QUARK (sb-endpoint-error-quark, sb_endpoint_error)

/**
 * sb_endpoint_host_is_loopback:
 * @host: a host name or IP literal, IPv6 with or without brackets
 *
 * Returns: %TRUE for "localhost" and addresses in 127.0.0.0/8 or ::1
 */
gboolean
sb_endpoint_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;
  gsize len;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  len = strlen (host);
  if (len > 2 && host[0] == '[' && host[len - 1] == ']')
    bare = g_strndup (host + 1, len - 2);
  else
    bare = g_strdup (host);
  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * sb_endpoint_normalize:
 * @url: what the seller typed
 *
 * Returns: (transfer full) (nullable): the URL without surrounding spaces or
 *   a trailing slash, or %NULL with @error set
 */
char *
sb_endpoint_normalize (const char  *url,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = NULL;
  const char *scheme;
  gsize len;

  trimmed = g_strstrip (g_strdup (url != NULL ? url : ""));
  len = strlen (trimmed);
  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';

  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, SB_ENDPOINT_ERROR, SB_ENDPOINT_ERROR_INVALID,
                   _("“%s” is not a web address. Enter one like https://seller-api.example.com."),
                   trimmed);
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return g_steal_pointer (&trimmed);
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (sb_endpoint_host_is_loopback (g_uri_get_host (uri)))
        return g_steal_pointer (&trimmed);
      g_set_error (error, SB_ENDPOINT_ERROR, SB_ENDPOINT_ERROR_INSECURE,
                   _("Plain http is only allowed to this computer. Use an https address for %s."),
                   g_uri_get_host (uri));
      return NULL;
    }
  g_set_error (error, SB_ENDPOINT_ERROR, SB_ENDPOINT_ERROR_INVALID,
               _("The marketplace address must start with https://."));
  return NULL;
}
