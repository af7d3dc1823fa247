/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-sandbox-faults.c: the fault plan.  Every request under /v1/ draws
 * exactly two numbers from a GRand seeded with --seed, in arrival order:
 * whether it fails (probability --fault-rate) and which of the enabled
 * kinds it gets.  The same seed and the same sequence of requests therefore
 * give the same faults, which is what makes client retry tests
 * reproducible.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-sandbox-faults.h"

G_DEFINE_QUARK (sb-sandbox-faults-error-quark, sb_sandbox_faults_error)

struct _SbSandboxFaults
{
  GObject  parent_instance;

  GRand   *rand;    /* (owned) */
  guint32  seed;
  double   rate;
  guint    kinds;   /* SbSandboxFault flags */
};

G_DEFINE_FINAL_TYPE (SbSandboxFaults, sb_sandbox_faults, G_TYPE_OBJECT)

static const struct {
  SbSandboxFault  fault;
  const char     *name;
} fault_names[] = {
  { SB_SANDBOX_FAULT_429, "429" },
  { SB_SANDBOX_FAULT_500, "500" },
  { SB_SANDBOX_FAULT_503, "503" },
  { SB_SANDBOX_FAULT_RESET, "reset" },
  { SB_SANDBOX_FAULT_SLOW, "slow" },
  { SB_SANDBOX_FAULT_TRUNCATED, "truncated" },
  { SB_SANDBOX_FAULT_MALFORMED, "malformed" },
};

const char *
sb_sandbox_fault_to_string (SbSandboxFault fault)
{
  for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
    if (fault_names[i].fault == fault)
      return fault_names[i].name;
  return "none";
}

/**
 * sb_sandbox_fault_parse_kinds:
 * @list: comma-separated kinds, e.g. "429,503,reset", or "all"
 *
 * Returns: %TRUE with @out_kinds set, or %FALSE with @error naming the
 *   unknown kind
 */
gboolean
sb_sandbox_fault_parse_kinds (const char  *list,
                              guint       *out_kinds,
                              GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (list != NULL ? list : "", ",", -1);
  guint kinds = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      gboolean found = FALSE;

      if (*part == '\0')
        continue;
      if (strcmp (part, "all") == 0)
        {
          kinds |= SB_SANDBOX_FAULT_ALL;
          continue;
        }
      for (guint j = 0; j < G_N_ELEMENTS (fault_names); j++)
        if (strcmp (part, fault_names[j].name) == 0)
          {
            kinds |= fault_names[j].fault;
            found = TRUE;
          }
      if (!found)
        {
          g_set_error (error, SB_SANDBOX_FAULTS_ERROR, SB_SANDBOX_FAULTS_ERROR_INVALID,
                       /* Translators: %s is what the user typed; keep the list of kinds untranslated. */
                       _("Unknown fault kind “%s”. Use a comma-separated list of 429, 500, 503, reset, slow, truncated, malformed or all."),
                       part);
          return FALSE;
        }
    }
  if (kinds == 0)
    {
      g_set_error_literal (error, SB_SANDBOX_FAULTS_ERROR, SB_SANDBOX_FAULTS_ERROR_INVALID,
                           _("The list of fault kinds is empty. Name at least one kind, or all."));
      return FALSE;
    }
  *out_kinds = kinds;
  return TRUE;
}

static void
sb_sandbox_faults_finalize (GObject *object)
{
  SbSandboxFaults *self = SB_SANDBOX_FAULTS (object);

  g_clear_pointer (&self->rand, g_rand_free);

  G_OBJECT_CLASS (sb_sandbox_faults_parent_class)->finalize (object);
}

static void
sb_sandbox_faults_class_init (SbSandboxFaultsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_sandbox_faults_finalize;
}

static void
sb_sandbox_faults_init (SbSandboxFaults *self)
{
}

/**
 * sb_sandbox_faults_new:
 * @seed: the generator's seed
 * @rate: probability in [0, 1] that a request fails
 * @kinds: the enabled #SbSandboxFault flags
 */
SbSandboxFaults *
sb_sandbox_faults_new (guint32 seed,
                       double  rate,
                       guint   kinds)
{
  SbSandboxFaults *self = g_object_new (SB_TYPE_SANDBOX_FAULTS, NULL);

  self->seed = seed;
  self->rand = g_rand_new_with_seed (seed);
  self->rate = CLAMP (rate, 0.0, 1.0);
  self->kinds = kinds & SB_SANDBOX_FAULT_ALL;
  return self;
}

/**
 * sb_sandbox_faults_next:
 *
 * Draws the fault for the next request.
 *
 * Returns: one #SbSandboxFault, or %SB_SANDBOX_FAULT_NONE
 */
SbSandboxFault
sb_sandbox_faults_next (SbSandboxFaults *self)
{
  SbSandboxFault enabled[G_N_ELEMENTS (fault_names)];
  guint n_enabled = 0;
  double draw;
  guint32 pick;

  g_return_val_if_fail (SB_IS_SANDBOX_FAULTS (self), SB_SANDBOX_FAULT_NONE);

  /* Always draw both numbers so that the sequence does not depend on the
   * outcome of earlier requests. */
  draw = g_rand_double (self->rand);
  pick = g_rand_int (self->rand);

  for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
    if (self->kinds & fault_names[i].fault)
      enabled[n_enabled++] = fault_names[i].fault;
  if (n_enabled == 0 || self->rate <= 0.0 || draw >= self->rate)
    return SB_SANDBOX_FAULT_NONE;
  return enabled[pick % n_enabled];
}

double
sb_sandbox_faults_get_rate (SbSandboxFaults *self)
{
  return self->rate;
}

guint
sb_sandbox_faults_get_kinds (SbSandboxFaults *self)
{
  return self->kinds;
}

guint32
sb_sandbox_faults_get_seed (SbSandboxFaults *self)
{
  return self->seed;
}
