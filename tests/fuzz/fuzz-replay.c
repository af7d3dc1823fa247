/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-replay.c: the main() that turns a libFuzzer target into a normal
 * test.  Built with the ordinary compiler (no libFuzzer), it feeds every
 * file of the corpus folders named on the command line, in name order, to
 * LLVMFuzzerTestOneInput and prints one TAP line per file, so the targets
 * and their checked-in corpora (seeds and former crashers) run in every
 * `meson test` and never rot.
 */
#include "config.h"

#include <stdint.h>

#include <glib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
collect (const char  *dir_path,
         GPtrArray   *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  const char *name;

  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (argc < 2)
    {
      g_printerr ("Usage: %s CORPUS-DIR…\n", argv[0]);
      return 2;
    }
  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    if (!collect (argv[i], paths))
      return 1;
  g_ptr_array_sort (paths, compare_names);
  if (paths->len == 0)
    {
      g_printerr ("The corpus is empty.\n");
      return 1;
    }

  g_print ("TAP version 13\n1..%u\n", paths->len);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *base = g_path_get_basename (path);
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          g_print ("not ok %u %s # %s\n", i + 1, base, error->message);
          continue;
        }
      /* Copied into a buffer of exactly the file's size, as libFuzzer
       * does, so AddressSanitizer sees any read past the end. */
      {
        g_autofree uint8_t *exact = g_memdup2 (contents, length);

        LLVMFuzzerTestOneInput (exact, length);
      }
      g_print ("ok %u %s\n", i + 1, base);
    }
  return 0;
}
