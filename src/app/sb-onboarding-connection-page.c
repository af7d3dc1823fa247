/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-onboarding-connection-page.c: the marketplace connection step of the
 * onboarding wizard.  The seller enters the Seller API address and the
 * access key ID and secret key from the seller portal, or chooses the
 * local sandbox, which Sellbridge starts and fills in by itself.  The
 * secret key goes to the keyring (libsecret) and nowhere else; "Test
 * Connection" makes one signed request and says plainly what happened.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-api-client.h"
#include "sb-local-sandbox.h"
#include "sb-onboarding-connection-page.h"

struct _SbOnboardingConnectionPage
{
  SbOnboardingPage      parent_instance;

  /* Template widgets */
  AdwActionRow         *sandbox_row;
  GtkSwitch            *sandbox_switch;
  AdwEntryRow          *endpoint_row;
  AdwEntryRow          *access_key_row;
  AdwPasswordEntryRow  *secret_row;
  AdwActionRow         *test_row;
  GtkButton            *test_button;
  GtkSpinner           *spinner;

  /* Owned references */
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (SbOnboardingConnectionPage, sb_onboarding_connection_page, SB_TYPE_ONBOARDING_PAGE)

static void
set_result (SbOnboardingConnectionPage *self,
            const char                 *message,
            gboolean                    success)
{
  GtkWidget *row = GTK_WIDGET (self->test_row);

  gtk_widget_remove_css_class (row, "success");
  gtk_widget_remove_css_class (row, "error");
  if (message == NULL)
    {
      adw_action_row_set_subtitle (self->test_row,
                                   _("Checks the address and the key with one request to the marketplace."));
      return;
    }
  adw_action_row_set_subtitle (self->test_row, message);
  gtk_widget_add_css_class (row, success ? "success" : "error");
}

static void
set_busy (SbOnboardingConnectionPage *self,
          gboolean                    busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), !busy);
}

static void
update_sensitivity (SbOnboardingConnectionPage *self)
{
  SbOnboarding *model = sb_onboarding_page_get_model (SB_ONBOARDING_PAGE (self));
  gboolean manual = model == NULL || !sb_onboarding_get_use_sandbox (model);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *rows[] = { GTK_WIDGET (self->endpoint_row), GTK_WIDGET (self->access_key_row),
                        GTK_WIDGET (self->secret_row) };

  /* Keep the focus out of the fields about to turn insensitive. */
  for (guint i = 0; !manual && focus != NULL && i < G_N_ELEMENTS (rows); i++)
    if (focus == rows[i] || gtk_widget_is_ancestor (focus, rows[i]))
      gtk_widget_grab_focus (GTK_WIDGET (self->sandbox_switch));

  gtk_widget_set_sensitive (GTK_WIDGET (self->endpoint_row), manual);
  gtk_widget_set_sensitive (GTK_WIDGET (self->access_key_row), manual);
  gtk_widget_set_sensitive (GTK_WIDGET (self->secret_row), manual);
}

static void
sandbox_started_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SbLocalSandbox *sandbox = SB_LOCAL_SANDBOX (object);
  g_autoptr(SbOnboardingConnectionPage) self = user_data;
  SbOnboarding *model = sb_onboarding_page_get_model (SB_ONBOARDING_PAGE (self));
  g_autoptr(GError) error = NULL;

  if (!sb_local_sandbox_start_finish (sandbox, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      sb_onboarding_page_show_error (SB_ONBOARDING_PAGE (self), "sandbox", error->message);
      if (model != NULL)
        sb_onboarding_set_use_sandbox (model, FALSE);
      return;
    }
  set_busy (self, FALSE);
  if (model == NULL || !sb_onboarding_get_use_sandbox (model))
    return;
  sb_onboarding_set_text (model, "endpoint", sb_local_sandbox_get_url (sandbox));
  sb_onboarding_set_text (model, "access-key", sb_local_sandbox_get_key_id (sandbox));
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), sb_local_sandbox_get_secret (sandbox));
  set_result (self, _("The local sandbox is running. It is a practice marketplace on this computer: nothing you send to it is sold."), TRUE);
}

static void
use_sandbox_changed_cb (SbOnboardingConnectionPage *self)
{
  SbOnboarding *model = sb_onboarding_page_get_model (SB_ONBOARDING_PAGE (self));

  update_sensitivity (self);
  sb_onboarding_page_show_error (SB_ONBOARDING_PAGE (self), "sandbox", NULL);
  if (model == NULL || !sb_onboarding_get_use_sandbox (model))
    return;
  set_busy (self, TRUE);
  set_result (self, _("Starting the local sandbox…"), TRUE);
  sb_local_sandbox_start_async (sb_local_sandbox_get_default (), self->cancellable,
                                sandbox_started_cb, g_object_ref (self));
}

static void
secret_changed_cb (SbOnboardingConnectionPage *self)
{
  sb_onboarding_page_show_error (SB_ONBOARDING_PAGE (self), "secret", NULL);
}

static void
secret_activated_cb (SbOnboardingConnectionPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "onboarding.next", NULL);
}

static void
field_changed_cb (SbOnboardingConnectionPage *self)
{
  set_result (self, NULL, FALSE);
}

static void
credentials_found_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SbOnboardingConnectionPage) self = user_data;
  g_autoptr(SbCredentials) credentials = NULL;
  SbOnboarding *model = sb_onboarding_page_get_model (SB_ONBOARDING_PAGE (self));

  credentials = sb_credentials_lookup_finish (result, NULL);
  if (credentials == NULL || model == NULL)
    return;
  if (g_strcmp0 (credentials->key_id, sb_onboarding_get_text (model, "access-key")) == 0 &&
      g_str_equal (gtk_editable_get_text (GTK_EDITABLE (self->secret_row)), ""))
    gtk_editable_set_text (GTK_EDITABLE (self->secret_row), credentials->secret);
}

static void
test_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SbOnboardingConnectionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) profile = NULL;

  profile = sb_api_client_get_seller_finish (SB_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);

  if (profile != NULL)
    set_result (self, _("Connected. The marketplace already has an application from this seller account."), TRUE);
  else if (g_error_matches (error, SB_API_ERROR, SB_API_ERROR_NOT_FOUND))
    set_result (self, _("Connected. The marketplace accepted the address and the key."), TRUE);
  else if (g_error_matches (error, SB_API_ERROR, SB_API_ERROR_UNKNOWN_KEY) ||
           g_error_matches (error, SB_API_ERROR, SB_API_ERROR_BAD_SIGNATURE))
    set_result (self, _("The marketplace does not accept this access key ID and secret key. Copy both again from the seller portal."), FALSE);
  else if (g_error_matches (error, SB_API_ERROR, SB_API_ERROR_NETWORK) ||
           g_error_matches (error, SB_API_ERROR, SB_API_ERROR_TIMEOUT))
    set_result (self, _("The marketplace cannot be reached. Check the address and your internet connection, then test again."), FALSE);
  else
    set_result (self, error->message, FALSE);
}

static void
sb_onboarding_connection_page_check (SbOnboardingPage *page,
                                     GHashTable       *errors)
{
  SbOnboardingConnectionPage *self = SB_ONBOARDING_CONNECTION_PAGE (page);

  if (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (self->secret_row)), ""))
    g_hash_table_insert (errors, (gpointer) "secret",
                         g_strdup (_("Enter the secret key that came with the access key ID.")));
}

static void
sb_onboarding_connection_page_bind (SbOnboardingPage *page,
                                    SbOnboarding     *model)
{
  SbOnboardingConnectionPage *self = SB_ONBOARDING_CONNECTION_PAGE (page);
  const char *endpoint;

  if (model == NULL)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }
  sb_onboarding_page_add_field (page, "sandbox", GTK_WIDGET (self->sandbox_row));
  sb_onboarding_page_bind_entry (page, "endpoint", self->endpoint_row);
  sb_onboarding_page_bind_entry (page, "access-key", self->access_key_row);
  sb_onboarding_page_add_field (page, "secret", GTK_WIDGET (self->secret_row));
  g_object_bind_property (model, "use-sandbox", self->sandbox_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (model, "notify::use-sandbox", G_CALLBACK (use_sandbox_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notify::endpoint", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notify::access-key", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);

  if (sb_onboarding_get_use_sandbox (model))
    use_sandbox_changed_cb (self);
  else if (*(endpoint = sb_onboarding_get_text (model, "endpoint")) != '\0')
    sb_credentials_lookup_async (endpoint, self->cancellable, credentials_found_cb, g_object_ref (self));
  update_sensitivity (self);
}

static void
sb_onboarding_connection_page_dispose (GObject *object)
{
  SbOnboardingConnectionPage *self = SB_ONBOARDING_CONNECTION_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  sb_onboarding_page_set_model (SB_ONBOARDING_PAGE (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_ONBOARDING_CONNECTION_PAGE);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sb_onboarding_connection_page_parent_class)->dispose (object);
}

static void
sb_onboarding_connection_page_class_init (SbOnboardingConnectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SbOnboardingPageClass *page_class = SB_ONBOARDING_PAGE_CLASS (klass);

  object_class->dispose = sb_onboarding_connection_page_dispose;
  page_class->bind = sb_onboarding_connection_page_bind;
  page_class->check = sb_onboarding_connection_page_check;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-onboarding-connection-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingConnectionPage, sandbox_row);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingConnectionPage, sandbox_switch);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingConnectionPage, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingConnectionPage, access_key_row);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingConnectionPage, secret_row);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingConnectionPage, test_row);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingConnectionPage, test_button);
  gtk_widget_class_bind_template_child (widget_class, SbOnboardingConnectionPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, secret_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sb_onboarding_connection_page_test);
}

static void
sb_onboarding_connection_page_init (SbOnboardingConnectionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  set_result (self, NULL, FALSE);
  g_signal_connect_object (self->secret_row, "entry-activated",
                           G_CALLBACK (secret_activated_cb), self, G_CONNECT_SWAPPED);
}

/**
 * sb_onboarding_connection_page_dup_credentials:
 *
 * Returns: (transfer full) (nullable): the address, key ID and secret key
 *   as entered, or %NULL while one is missing
 */
SbCredentials *
sb_onboarding_connection_page_dup_credentials (SbOnboardingConnectionPage *self)
{
  SbOnboarding *model = sb_onboarding_page_get_model (SB_ONBOARDING_PAGE (self));
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));

  g_return_val_if_fail (SB_IS_ONBOARDING_CONNECTION_PAGE (self), NULL);

  if (model == NULL || *secret == '\0' ||
      !sb_onboarding_check_step (model, SB_ONBOARDING_STEP_CONNECTION, NULL))
    return NULL;
  return sb_credentials_new (sb_onboarding_get_text (model, "endpoint"),
                             sb_onboarding_get_text (model, "access-key"),
                             secret);
}

static void
credentials_stored_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(SbOnboardingConnectionPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sb_credentials_store_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message =
        g_strdup_printf (_("The secret key could not be saved in the keyring, so Sellbridge will ask for it again next time (%s)."),
                         error->message);

      set_result (self, message, FALSE);
    }
}

/**
 * sb_onboarding_connection_page_save_credentials:
 *
 * Saves the key ID and secret key in the keyring, in the background.
 */
void
sb_onboarding_connection_page_save_credentials (SbOnboardingConnectionPage *self)
{
  g_autoptr(SbCredentials) credentials = NULL;

  g_return_if_fail (SB_IS_ONBOARDING_CONNECTION_PAGE (self));

  credentials = sb_onboarding_connection_page_dup_credentials (self);
  if (credentials == NULL)
    return;
  sb_credentials_store_async (credentials, self->cancellable, credentials_stored_cb, g_object_ref (self));
}

/**
 * sb_onboarding_connection_page_test:
 *
 * Checks the page, then makes one signed request (GET /v1/seller) and
 * shows the outcome under the Test Connection row.
 */
void
sb_onboarding_connection_page_test (SbOnboardingConnectionPage *self)
{
  g_autoptr(SbCredentials) credentials = NULL;
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SB_IS_ONBOARDING_CONNECTION_PAGE (self));

  if (!sb_onboarding_page_check (SB_ONBOARDING_PAGE (self), SB_ONBOARDING_STEP_CONNECTION, TRUE))
    {
      set_result (self, _("Fill in the fields above first."), FALSE);
      return;
    }
  credentials = sb_onboarding_connection_page_dup_credentials (self);
  client = sb_api_client_new (credentials->endpoint, credentials->key_id, credentials->secret, &error);
  if (client == NULL)
    {
      set_result (self, error->message, FALSE);
      return;
    }
  sb_api_client_set_timeout (client, 15000);
  set_busy (self, TRUE);
  set_result (self, _("Testing the connection…"), TRUE);
  sb_api_client_get_seller_async (client, self->cancellable, test_done_cb, g_object_ref (self));
}
