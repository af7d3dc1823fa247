/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sb-test-lsan.c: linked into the UI test programs of the sanitizer build
 * only.  A process that creates more than 2,048 GQuarks (GTK, libadwaita,
 * libsoup and Sellbridge's types and errors together) makes GLib grow its
 * quark table into a new block and keep the first one, allocated in
 * GLib's own library constructor, unreachable on purpose so that readers
 * never need a lock (gquark.c).  LeakSanitizer cannot unwind that
 * allocation past GLib, so no suppression by caller can name it.  This
 * file names exactly that one block instead: it watches the allocations
 * made by the library constructors (from the program's .preinit_array,
 * which runs before them, until the program's own constructor, which runs
 * after them), keeps those of the table's size that are still alive, and
 * tells LeakSanitizer to ignore the one whose second slot holds GLib's
 * first quark string — the same __lsan_ignore_object() that GLib uses for
 * its other deliberate leaks.  Everything else stays leak-checked.
 */

#include "config.h"

#include <stddef.h>

#include <glib.h>
#include <sanitizer/lsan_interface.h>

/* In libasan, not declared in GCC 12's sanitizer headers. */
int __sanitizer_install_malloc_and_free_hooks (void (*malloc_hook) (const volatile void *ptr,
                                                                    size_t                size),
                                               void (*free_hook) (const volatile void *ptr));

/* gquark.c's QUARK_BLOCK_SIZE pointers. */
#define QUARK_TABLE_BYTES (2048 * sizeof (char *))
#define N_CANDIDATES 16

static const void *candidates[N_CANDIDATES];
static int watching;

static void
malloc_hook (const volatile void *ptr,
             size_t               size)
{
  if (!g_atomic_int_get (&watching) || size != QUARK_TABLE_BYTES)
    return;

  for (guint i = 0; i < N_CANDIDATES; i++)
    {
      if (candidates[i] == NULL)
        {
          candidates[i] = (const void *) ptr;
          return;
        }
    }
}

static void
free_hook (const volatile void *ptr)
{
  if (!g_atomic_int_get (&watching))
    return;

  for (guint i = 0; i < N_CANDIDATES; i++)
    {
      if (candidates[i] == (const void *) ptr)
        candidates[i] = NULL;
    }
}

static void
start_watching (int    argc,
                char **argv,
                char **envp)
{
  (void) argc;
  (void) argv;
  (void) envp;

  g_atomic_int_set (&watching, 1);
  __sanitizer_install_malloc_and_free_hooks (malloc_hook, free_hook);
}

/* Runs before every shared library's constructor, GLib's included. */
__attribute__ ((section (".preinit_array"), used))
static void (*const preinit_entry) (int, char **, char **) = start_watching;

/* Runs after them: GLib has made its first quarks by now. */
__attribute__ ((constructor))
static void
stop_watching (void)
{
  const char *first_quark;

  g_atomic_int_set (&watching, 0);

  first_quark = g_quark_to_string (1);
  if (first_quark == NULL)
    return;

  for (guint i = 0; i < N_CANDIDATES; i++)
    {
      const char * const *table = candidates[i];

      if (table != NULL && table[1] == first_quark)
        __lsan_ignore_object (table);
    }

  /* Nothing found means GLib allocates its table differently; the leak
   * check then reports the block, which is the honest outcome. */
}
