/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * main.c: the entry point of the sellbridge executable.  It only sets up
 * translations and hands over to SbApplication, so that everything else
 * lives in the application library that the tests link too.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sb-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbApplication) app = NULL;

  sb_application_init_i18n ();
  app = sb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
