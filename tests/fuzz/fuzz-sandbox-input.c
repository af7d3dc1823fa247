/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-sandbox-input.c: a libFuzzer target for what the sandbox reads from
 * a client before anything else checks it — image headers (PNG, JPEG,
 * WebP, under each declared type), the signature headers (key, timestamp,
 * signature, with the body) and the --fault-kinds list.  Any crash,
 * sanitizer report or GLib critical is a bug.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "sb-sandbox-auth.h"
#include "sb-sandbox-faults.h"
#include "sb-sandbox-image.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static SbSandboxAuth *auth;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  (void) argc;
  (void) argv;
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  auth = sb_sandbox_auth_new ();
  sb_sandbox_auth_add_key (auth, "k", "s");
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const types[] = { "image/png", "image/jpeg", "image/webp", "image/gif" };
  g_autofree char *text = g_strndup ((const char *) data, MIN (size, 512));
  g_auto(GStrv) parts = g_strsplit (text, "\n", 4);
  guint kinds = 0, retry = 0;
  guint width = 0, height = 0;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (sb_sandbox_image_read_size (types[i], data, size, &width, &height))
      g_assert (width > 0 && height > 0);

  /* "key\ntimestamp\nsignature\nbody" */
  if (g_strv_length (parts) == 4)
    {
      SbSandboxAuthResult result = sb_sandbox_auth_check (auth, "PUT", "/v1/seller", parts[0], parts[1], parts[2],
                                                          (const guint8 *) parts[3], strlen (parts[3]),
                                                          1763700000, 1000000, &retry);

      g_assert (result <= SB_SANDBOX_AUTH_RATE_LIMITED);
    }

  if (sb_sandbox_fault_parse_kinds (text, &kinds, NULL))
    g_assert (kinds != 0 && (kinds & ~SB_SANDBOX_FAULT_ALL) == 0);
  return 0;
}
