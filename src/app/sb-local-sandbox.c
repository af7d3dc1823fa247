/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-local-sandbox.c: starts sellbridge-sandbox as a child process for the
 * "use the local sandbox" choice of the onboarding wizard, reads the one
 * JSON line it prints with --print-config (its URL and demo key), and
 * keeps it running while Sellbridge runs.  Its database lives in the
 * user's data folder, so an application submitted to it is still there
 * after a restart.  The program is found through SELLBRIDGE_SANDBOX_PROGRAM
 * (set by the tests and the uninstalled build), then PATH.  The secret is
 * read from the child's output, never passed on its command line.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "sb-local-sandbox.h"

struct _SbLocalSandbox
{
  GObject      parent_instance;

  GSubprocess *process;   /* (owned) (nullable) */
  GPtrArray   *waiting;   /* (element-type GTask) (owned) starts waiting for the URL */
  char        *url;
  char        *key_id;
  char        *secret;
};

G_DEFINE_FINAL_TYPE (SbLocalSandbox, sb_local_sandbox, G_TYPE_OBJECT)

static void
child_setup (gpointer user_data)
{
#ifdef __linux__
  /* The sandbox ends with Sellbridge, however Sellbridge ends. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

/* Whatever the sandbox prints after its configuration is read and dropped,
 * so that it never blocks on a full pipe. */
static void
drain_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, NULL);

  if (bytes != NULL && g_bytes_get_size (bytes) > 0)
    g_input_stream_read_bytes_async (G_INPUT_STREAM (object), 4096, G_PRIORITY_LOW, NULL,
                                     drain_cb, NULL);
}

static void
finish_waiting (SbLocalSandbox *self,
                const GError   *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (g_task_return_error_if_cancelled (task))
        continue;
      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SbLocalSandbox) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *line = NULL;
  JsonObject *config;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL, &error);
  if (line == NULL || !json_parser_load_from_data (parser, line, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_autoptr(GError) failure =
        g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The local sandbox did not start. Check that Sellbridge is fully installed, or enter a marketplace address instead."));

      sb_local_sandbox_stop (self);
      finish_waiting (self, failure);
      return;
    }
  g_input_stream_read_bytes_async (G_INPUT_STREAM (object), 4096, G_PRIORITY_LOW, NULL,
                                   drain_cb, NULL);
  config = json_node_get_object (json_parser_get_root (parser));
  g_free (self->url);
  self->url = g_strdup (json_object_get_string_member_with_default (config, "url", ""));
  g_free (self->key_id);
  self->key_id = g_strdup (json_object_get_string_member_with_default (config, "key", ""));
  g_free (self->secret);
  self->secret = g_strdup (json_object_get_string_member_with_default (config, "secret", ""));
  finish_waiting (self, NULL);
}

static void
sb_local_sandbox_finalize (GObject *object)
{
  SbLocalSandbox *self = SB_LOCAL_SANDBOX (object);

  sb_local_sandbox_stop (self);
  g_ptr_array_unref (self->waiting);
  g_free (self->url);
  g_free (self->key_id);
  g_free (self->secret);

  G_OBJECT_CLASS (sb_local_sandbox_parent_class)->finalize (object);
}

static void
sb_local_sandbox_class_init (SbLocalSandboxClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_local_sandbox_finalize;
}

static void
sb_local_sandbox_init (SbLocalSandbox *self)
{
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * sb_local_sandbox_get_default:
 *
 * Returns: (transfer none): the process's one local sandbox
 */
SbLocalSandbox *
sb_local_sandbox_get_default (void)
{
  static SbLocalSandbox *sandbox;

  if (sandbox == NULL)
    sandbox = g_object_new (SB_TYPE_LOCAL_SANDBOX, NULL);
  return sandbox;
}

/**
 * sb_local_sandbox_start_async:
 *
 * Starts the sandbox unless it runs already, and finishes once its URL and
 * demo key are known.
 */
void
sb_local_sandbox_start_async (SbLocalSandbox      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  const char *env = g_getenv ("SELLBRIDGE_SANDBOX_PROGRAM");

  g_task_set_source_tag (task, sb_local_sandbox_start_async);

  if (self->process != NULL && self->url != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->process != NULL)
    {
      /* Starting already: wait for the same URL. */
      g_ptr_array_add (self->waiting, g_steal_pointer (&task));
      return;
    }
  program = env != NULL && *env != '\0' ? g_strdup (env) : g_find_program_in_path ("sellbridge-sandbox");
  if (program == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The local sandbox is not installed with this copy of Sellbridge. Enter your marketplace’s address instead."));
      return;
    }
  dir = g_build_filename (g_get_user_data_dir (), "sellbridge", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errno),
                               _("The folder %s cannot be created, so the local sandbox cannot keep its data."),
                               dir);
      return;
    }
  db = g_build_filename (dir, "sandbox.sqlite", NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  self->process = g_subprocess_launcher_spawn (launcher, &error,
                                               program, "--print-config", "--port", "0", "--db", db,
                                               NULL);
  if (self->process == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The local sandbox did not start: %s"), error->message);
      return;
    }
  stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));
  /* Not the caller's cancellable: other callers may wait for the line too. */
  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, NULL,
                                       read_line_cb, g_object_ref (self));
}

gboolean
sb_local_sandbox_start_finish (SbLocalSandbox  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
sb_local_sandbox_get_url (SbLocalSandbox *self)
{
  return self->url;
}

const char *
sb_local_sandbox_get_key_id (SbLocalSandbox *self)
{
  return self->key_id;
}

const char *
sb_local_sandbox_get_secret (SbLocalSandbox *self)
{
  return self->secret;
}

/**
 * sb_local_sandbox_stop:
 *
 * Ends the sandbox process, if it runs.
 */
void
sb_local_sandbox_stop (SbLocalSandbox *self)
{
  if (self->process != NULL)
    {
      g_subprocess_send_signal (self->process, SIGTERM);
      g_clear_object (&self->process);
    }
  g_clear_pointer (&self->url, g_free);
}
