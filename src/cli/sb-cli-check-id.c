/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-cli-check-id.c: `sellbridge-cli check-id KIND VALUE` checks a seller
 * identity number or a barcode with the same rules as the app and the
 * marketplace: it prints the normalised value and exits 0, or prints what
 * is wrong and exits 1.  `--json` prints one JSON object instead.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sb-cli-check-id.h"
#include "sb-identity.h"

static const char *
error_code_name (int code)
{
  switch (code)
    {
    case SB_ID_ERROR_LENGTH:
      return "length";
    case SB_ID_ERROR_CHARACTERS:
      return "characters";
    case SB_ID_ERROR_CHECK_DIGIT:
    default:
      return "check_digit";
    }
}

static void
print_json (const char *kind,
            const char *input,
            const char *value,
            GError     *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind);
  json_builder_set_member_name (builder, "input");
  json_builder_add_string_value (builder, input);
  json_builder_set_member_name (builder, "valid");
  json_builder_add_boolean_value (builder, value != NULL);
  if (value != NULL)
    {
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, value);
    }
  else
    {
      json_builder_set_member_name (builder, "error");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, error_code_name (error->code));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, error->message);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

int
sb_cli_check_id (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *form = NULL;
  g_autofree char *value = NULL;
  gboolean json = FALSE;
  SbIdKind kind;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    /* Translators: the placeholder of --form; keep “company” and “sole_proprietor” in English. */
    { "form", 0, 0, G_OPTION_ARG_STRING, &form, N_("Legal form for an INN or OGRN(IP): company or sole_proprietor"), N_("FORM") },
    { NULL }
  };

  /* Translators: the usage line of sellbridge-cli check-id. */
  context = g_option_context_new (_("KIND VALUE — check an identity number or barcode"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("Kinds: kr-brn (Korean business registration number), ru-inn, ru-ogrn, "
                                      "ru-ogrnip, ru-kpp, ean13 (EAN-13 or UPC-A barcode).\n"
                                      "Prints the normalised value and exits with 0, or says what is wrong and exits with 1."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("sellbridge-cli check-id: %s\n", error->message);
      return 2;
    }
  if (argc != 3)
    {
      g_printerr ("%s\n", _("sellbridge-cli check-id: give a KIND and a VALUE, e.g. “check-id ru-inn 7707083893”."));
      return 2;
    }
  if (!sb_id_kind_from_string (argv[1], &kind))
    {
      g_printerr (_("sellbridge-cli check-id: unknown kind “%s”; use kr-brn, ru-inn, ru-ogrn, ru-ogrnip, ru-kpp or ean13.\n"),
                  argv[1]);
      return 2;
    }
  if (form != NULL && g_strcmp0 (form, "company") != 0 && g_strcmp0 (form, "sole_proprietor") != 0)
    {
      g_printerr (_("sellbridge-cli check-id: unknown legal form “%s”; use company or sole_proprietor.\n"), form);
      return 2;
    }

  if (form != NULL)
    value = sb_id_check_for_form (kind, argv[2], g_strcmp0 (form, "sole_proprietor") == 0, &error);
  else
    value = sb_id_check (kind, argv[2], &error);

  if (json)
    print_json (argv[1], argv[2], value, error);
  else if (value != NULL)
    g_print ("%s\n", value);
  else
    g_printerr ("%s\n", error->message);
  return value != NULL ? 0 : 1;
}
