/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-onboarding.c: drives the onboarding wizard under Xvfb the way a
 * seller does — typing into the fields, pressing Enter, activating the
 * wizard's actions — for a Korean and a Russian seller against the local
 * sandbox (started by the wizard itself), checks the messages shown for
 * bad identity numbers, resumes after a restart, queues an application
 * without a network and sends it once the marketplace is reachable, and
 * saves a screenshot of every step in the run's language, also at 360 px.
 * A submission while another sync of the catalogue runs waits for it and
 * then succeeds.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sb-local-sandbox.h"
#include "sb-onboarding-connection-page.h"
#include "sb-onboarding-country-page.h"
#include "sb-onboarding-identity-page.h"
#include "sb-onboarding-page.h"
#include "sb-onboarding-payout-page.h"
#include "sb-onboarding-shipping-page.h"
#include "sb-onboarding-store-page.h"
#include "sb-onboarding-window.h"
#include "sb-seller-status-view.h"
#include "sb-sync.h"
#include "sb-test-ui.h"
#include "sb-window.h"

static char *tmp_dir;

typedef gboolean (*CheckFunc) (gpointer data);

/* Runs the main loop until @check holds, failing after @seconds. */
static void
wait_until (CheckFunc   check,
            gpointer    data,
            guint       seconds,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!check (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static void
use_fresh_database (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  g_unlink (path);
  g_setenv ("SELLBRIDGE_DB", path, TRUE);
}

static GtkWidget *
child (SbOnboardingWindow *wizard,
       SbOnboardingStep    step,
       GType               type,
       const char         *name)
{
  GtkWidget *page = sb_onboarding_window_get_page (wizard, step);
  GObject *object = gtk_widget_get_template_child (page, type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
type_into (SbOnboardingWindow *wizard,
           SbOnboardingStep    step,
           GType               type,
           const char         *row,
           const char         *text)
{
  GtkWidget *widget = child (wizard, step, type, row);

  gtk_widget_grab_focus (widget);
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static void
shot (SbOnboardingWindow *wizard,
      const char         *name)
{
  g_autofree char *path = NULL;

  sb_test_ui_wait_for_draw (GTK_WIDGET (wizard));
  /* Snapshot right after a frame, while the window's drawing is current. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (wizard));
  path = sb_test_ui_save_screenshot (GTK_WIDGET (wizard), name);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
next (SbOnboardingWindow *wizard,
      SbOnboardingStep    expected)
{
  gtk_widget_activate_action (GTK_WIDGET (wizard), "onboarding.next", NULL);
  sb_test_ui_iterate (20);
  g_assert_cmpint (sb_onboarding_get_step (sb_onboarding_window_get_model (wizard)), ==, expected);
}

static void
assert_error (SbOnboardingWindow *wizard,
              SbOnboardingStep    step,
              const char         *field,
              gboolean            shown)
{
  SbOnboardingPage *page = SB_ONBOARDING_PAGE (sb_onboarding_window_get_page (wizard, step));
  const char *message = sb_onboarding_page_get_error (page, field);

  if (!shown)
    {
      g_assert_null (message);
      return;
    }
  g_assert_nonnull (message);
  g_test_message ("%s: %s", field, message);
  g_assert_true (sb_test_ui_text_is_in_language (message));
}

static gboolean
endpoint_filled (gpointer data)
{
  SbOnboarding *model = data;

  return g_str_has_prefix (sb_onboarding_get_text (model, "endpoint"), "http://127.0.0.1");
}

static gboolean
has_css_class (gpointer data)
{
  return gtk_widget_has_css_class (data, "success") || gtk_widget_has_css_class (data, "error");
}

static gboolean
carriers_loaded (gpointer data)
{
  return sb_onboarding_shipping_page_get_carriers (data) != NULL;
}

static gboolean
not_busy (gpointer data)
{
  return !sb_onboarding_session_get_busy (data);
}

static gboolean
sandbox_running (gpointer data)
{
  return sb_local_sandbox_get_url (data) != NULL;
}

typedef struct {
  SbOnboarding       *model;
  SbOnboardingStatus  status;
} StatusWait;

static gboolean
status_is (gpointer data)
{
  StatusWait *wait = data;

  return sb_onboarding_get_status (wait->model) == wait->status;
}

static void
refresh_until (SbOnboardingSession *session,
               SbOnboardingStatus   status)
{
  StatusWait wait = { sb_onboarding_session_get_model (session), status };
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  /* The sandbox moderates after a few seconds; ask until it has. */
  while (!status_is (&wait))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      sb_test_ui_iterate (1000);
      sb_onboarding_session_refresh_async (session, NULL, NULL, NULL);
      wait_until (not_busy, session, 30, "the status");
    }
}

/* Goes through the connection and shipping steps against the sandbox. */
static void
connect_and_ship (SbOnboardingWindow *wizard,
                  const char         *prefix)
{
  SbOnboarding *model = sb_onboarding_window_get_model (wizard);
  GtkWidget *test_row;
  GtkWidget *shipping = sb_onboarding_window_get_page (wizard, SB_ONBOARDING_STEP_SHIPPING);
  g_autofree char *name = NULL;
  GtkWidget *carriers_group;
  GtkWidget *first_check = NULL;

  /* Connection: Next refuses empty fields, then the sandbox fills them. */
  next (wizard, SB_ONBOARDING_STEP_CONNECTION);
  assert_error (wizard, SB_ONBOARDING_STEP_CONNECTION, "endpoint", TRUE);
  assert_error (wizard, SB_ONBOARDING_STEP_CONNECTION, "secret", TRUE);
  gtk_switch_set_active (GTK_SWITCH (child (wizard, SB_ONBOARDING_STEP_CONNECTION, SB_TYPE_ONBOARDING_CONNECTION_PAGE, "sandbox_switch")), TRUE);
  g_assert_true (sb_onboarding_get_use_sandbox (model));
  wait_until (endpoint_filled, model, 20, "the local sandbox");
  assert_error (wizard, SB_ONBOARDING_STEP_CONNECTION, "endpoint", FALSE);
  test_row = child (wizard, SB_ONBOARDING_STEP_CONNECTION, SB_TYPE_ONBOARDING_CONNECTION_PAGE, "test_row");
  gtk_widget_remove_css_class (test_row, "success");
  gtk_widget_activate (child (wizard, SB_ONBOARDING_STEP_CONNECTION, SB_TYPE_ONBOARDING_CONNECTION_PAGE, "test_button"));
  wait_until (has_css_class, test_row, 20, "the connection test");
  g_assert_true (gtk_widget_has_css_class (test_row, "success"));
  g_assert_true (sb_test_ui_text_is_in_language (adw_action_row_get_subtitle (ADW_ACTION_ROW (test_row))));
  name = g_strdup_printf ("%s-5-connection", prefix);
  shot (wizard, name);
  next (wizard, SB_ONBOARDING_STEP_SHIPPING);

  /* Shipping: the carriers come from the sandbox's reference, with a
   * quote for 500 g; at least one must be chosen. */
  wait_until (carriers_loaded, shipping, 20, "the carriers");
  next (wizard, SB_ONBOARDING_STEP_SHIPPING);
  assert_error (wizard, SB_ONBOARDING_STEP_SHIPPING, "carrier-ids", TRUE);
  carriers_group = child (wizard, SB_ONBOARDING_STEP_SHIPPING, SB_TYPE_ONBOARDING_SHIPPING_PAGE, "carriers_group");
  for (GtkWidget *w = gtk_widget_get_first_child (carriers_group); w != NULL && first_check == NULL; )
    {
      /* Depth-first search for the first carrier's check button. */
      if (GTK_IS_CHECK_BUTTON (w))
        first_check = w;
      else if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL && w != carriers_group)
            w = gtk_widget_get_parent (w);
          w = w != NULL && w != carriers_group ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  g_assert_nonnull (first_check);
  {
    GtkWidget *row = gtk_widget_get_ancestor (first_check, ADW_TYPE_ACTION_ROW);
    const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

    g_test_message ("carrier: %s — %s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), subtitle);
    g_assert_true (g_strrstr (subtitle, "500") != NULL);
    gtk_widget_activate (row);
  }
  g_assert_cmpuint (g_strv_length ((GStrv) sb_onboarding_get_carrier_ids (model)), ==, 1);
  assert_error (wizard, SB_ONBOARDING_STEP_SHIPPING, "carrier-ids", FALSE);
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("%s-6-shipping", prefix);
  shot (wizard, name);
  next (wizard, SB_ONBOARDING_STEP_REVIEW);
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("%s-7-review", prefix);
  shot (wizard, name);
}

static void
test_korean_seller (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  SbWindow *window;
  SbOnboardingWindow *wizard;
  SbOnboardingSession *session;
  SbOnboarding *model;
  GType identity = SB_TYPE_ONBOARDING_IDENTITY_PAGE;
  GType store = SB_TYPE_ONBOARDING_STORE_PAGE;

  use_fresh_database ("korean.db");
  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  session = sb_window_get_onboarding (window);
  model = sb_onboarding_session_get_model (session);

  wizard = SB_ONBOARDING_WINDOW (sb_window_show_onboarding (window));
  gtk_window_set_default_size (GTK_WINDOW (wizard), 600, 720);
  g_assert_true (sb_onboarding_window_get_session (wizard) == session);
  shot (wizard, "onboarding-kr-1-country");
  g_assert_true (sb_test_ui_text_is_in_language (gtk_window_get_title (GTK_WINDOW (wizard))));
  sb_onboarding_set_text (model, "country", "KR");
  next (wizard, SB_ONBOARDING_STEP_IDENTITY);

  /* No INN or KPP for a Korean seller. */
  g_assert_false (gtk_widget_get_visible (child (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "tax_id_row")));
  g_assert_false (gtk_widget_get_visible (child (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "kpp_row")));

  /* Bad numbers are reported live, at the field, in the seller's language. */
  type_into (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "registration_number_row", "124-81-0099");
  assert_error (wizard, SB_ONBOARDING_STEP_IDENTITY, "registration-number", TRUE);
  type_into (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "registration_number_row", "124-81-00999");
  assert_error (wizard, SB_ONBOARDING_STEP_IDENTITY, "registration-number", TRUE);
  g_assert_true (gtk_widget_has_css_class (child (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "registration_number_row"), "error"));
  next (wizard, SB_ONBOARDING_STEP_IDENTITY);
  assert_error (wizard, SB_ONBOARDING_STEP_IDENTITY, "legal-name", TRUE);
  shot (wizard, "onboarding-kr-2-identity-errors");
  type_into (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "legal_name_row", "주식회사 한빛상사");
  type_into (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "registration_number_row", "124-81-00998");
  assert_error (wizard, SB_ONBOARDING_STEP_IDENTITY, "registration-number", FALSE);
  assert_error (wizard, SB_ONBOARDING_STEP_IDENTITY, "legal-name", FALSE);
  shot (wizard, "onboarding-kr-2-identity");
  /* Enter in a field goes on. */
  g_signal_emit_by_name (child (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "registration_number_row"), "entry-activated");
  g_assert_cmpint (sb_onboarding_get_step (model), ==, SB_ONBOARDING_STEP_STORE);

  type_into (wizard, SB_ONBOARDING_STEP_STORE, store, "store_name_row", "Hanbit Goods");
  type_into (wizard, SB_ONBOARDING_STEP_STORE, store, "contact_email_row", "seller@example");
  assert_error (wizard, SB_ONBOARDING_STEP_STORE, "contact-email", TRUE);
  type_into (wizard, SB_ONBOARDING_STEP_STORE, store, "contact_email_row", "seller@example.kr");
  type_into (wizard, SB_ONBOARDING_STEP_STORE, store, "phone_row", "+82 2 1234 5678");
  shot (wizard, "onboarding-kr-3-store");
  g_signal_emit_by_name (child (wizard, SB_ONBOARDING_STEP_STORE, store, "phone_row"), "entry-activated");
  g_assert_cmpint (sb_onboarding_get_step (model), ==, SB_ONBOARDING_STEP_PAYOUT);

  g_assert_cmpstr (sb_onboarding_get_text (model, "payout-currency"), ==, "KRW");
  type_into (wizard, SB_ONBOARDING_STEP_PAYOUT, SB_TYPE_ONBOARDING_PAYOUT_PAGE, "bank_name_row", "KB국민은행");
  type_into (wizard, SB_ONBOARDING_STEP_PAYOUT, SB_TYPE_ONBOARDING_PAYOUT_PAGE, "bank_account_row", "123456-01-234567");
  type_into (wizard, SB_ONBOARDING_STEP_PAYOUT, SB_TYPE_ONBOARDING_PAYOUT_PAGE, "bank_holder_row", "주식회사 한빛상사");
  shot (wizard, "onboarding-kr-4-payout");
  next (wizard, SB_ONBOARDING_STEP_CONNECTION);

  connect_and_ship (wizard, "onboarding-kr");

  /* The saved progress never holds the secret key. */
  {
    g_autofree char *progress = NULL;

    g_assert_true (sb_onboarding_session_save (session, NULL));
    progress = sb_store_get_setting (sb_onboarding_session_get_store (session), SB_ONBOARDING_PROGRESS_KEY, NULL);
    g_assert_nonnull (progress);
    g_assert_nonnull (strstr (progress, "\"review\""));
    g_assert_null (strstr (progress, sb_local_sandbox_get_secret (sb_local_sandbox_get_default ())));
  }

  /* Submit: the profile goes through the outbox and the sync engine. */
  next (wizard, SB_ONBOARDING_STEP_STATUS);
  wait_until (not_busy, session, 30, "the submission");
  g_assert_cmpint (sb_onboarding_get_status (model), ==, SB_ONBOARDING_STATUS_SUBMITTED);
  shot (wizard, "onboarding-kr-8-submitted");
  refresh_until (session, SB_ONBOARDING_STATUS_APPROVED);
  shot (wizard, "onboarding-kr-8-approved");

  /* Done closes the wizard; the main window shows the status. */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "onboarding.next", NULL);
  sb_test_ui_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), SB_TYPE_WINDOW,
                                                                                   "seller_status_view"))));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), SB_TYPE_WINDOW,
                                                                                    "welcome_page"))));
  {
    g_autofree char *path = sb_test_ui_save_screenshot (GTK_WIDGET (window), "onboarding-kr-main-window");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_russian_seller (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  SbWindow *window;
  SbOnboardingWindow *wizard;
  SbOnboardingSession *session;
  SbOnboarding *model;
  GType identity = SB_TYPE_ONBOARDING_IDENTITY_PAGE;
  GType store = SB_TYPE_ONBOARDING_STORE_PAGE;
  GtkWidget *status_view;
  GPtrArray *reasons;

  use_fresh_database ("russian.db");
  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  session = sb_window_get_onboarding (window);
  model = sb_onboarding_session_get_model (session);
  wizard = SB_ONBOARDING_WINDOW (sb_window_show_onboarding (window));
  gtk_window_set_default_size (GTK_WINDOW (wizard), 600, 720);

  adw_combo_row_set_selected (ADW_COMBO_ROW (child (wizard, SB_ONBOARDING_STEP_COUNTRY,
                                                    SB_TYPE_ONBOARDING_COUNTRY_PAGE, "country_row")), 1);
  g_assert_cmpstr (sb_onboarding_get_text (model, "country"), ==, "RU");
  g_assert_cmpstr (sb_onboarding_get_text (model, "payout-currency"), ==, "RUB");
  shot (wizard, "onboarding-ru-1-country");
  next (wizard, SB_ONBOARDING_STEP_IDENTITY);

  g_assert_true (gtk_widget_get_visible (child (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "tax_id_row")));
  g_assert_true (gtk_widget_get_visible (child (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "kpp_row")));
  type_into (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "legal_name_row", "ООО «Тестовые товары»");
  type_into (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "tax_id_row", "7707083894");
  assert_error (wizard, SB_ONBOARDING_STEP_IDENTITY, "tax-id", TRUE);
  type_into (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "registration_number_row", "10277001321");
  assert_error (wizard, SB_ONBOARDING_STEP_IDENTITY, "registration-number", TRUE);
  type_into (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "kpp_row", "7736-01");
  assert_error (wizard, SB_ONBOARDING_STEP_IDENTITY, "kpp", TRUE);
  next (wizard, SB_ONBOARDING_STEP_IDENTITY);
  shot (wizard, "onboarding-ru-2-identity-errors");
  type_into (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "tax_id_row", "7707083893");
  type_into (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "registration_number_row", "1027700132195");
  type_into (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "kpp_row", "773601001");
  assert_error (wizard, SB_ONBOARDING_STEP_IDENTITY, "tax-id", FALSE);
  assert_error (wizard, SB_ONBOARDING_STEP_IDENTITY, "registration-number", FALSE);
  assert_error (wizard, SB_ONBOARDING_STEP_IDENTITY, "kpp", FALSE);
  shot (wizard, "onboarding-ru-2-identity");
  next (wizard, SB_ONBOARDING_STEP_STORE);

  /* A sole proprietor has no KPP: going back and switching hides it. */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "onboarding.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "onboarding.back", NULL);
  g_assert_cmpint (sb_onboarding_get_step (model), ==, SB_ONBOARDING_STEP_COUNTRY);
  sb_onboarding_set_text (model, "legal-form", "sole_proprietor");
  g_assert_false (gtk_widget_get_visible (child (wizard, SB_ONBOARDING_STEP_IDENTITY, identity, "kpp_row")));
  next (wizard, SB_ONBOARDING_STEP_IDENTITY);
  /* The company's numbers are wrong for a sole proprietor. */
  next (wizard, SB_ONBOARDING_STEP_IDENTITY);
  assert_error (wizard, SB_ONBOARDING_STEP_IDENTITY, "tax-id", TRUE);
  assert_error (wizard, SB_ONBOARDING_STEP_IDENTITY, "registration-number", TRUE);
  shot (wizard, "onboarding-ru-2-identity-sole-errors");
  sb_onboarding_set_text (model, "legal-form", "company");
  next (wizard, SB_ONBOARDING_STEP_STORE);

  /* The sandbox rejects test applications: this one shows the reason. */
  type_into (wizard, SB_ONBOARDING_STEP_STORE, store, "store_name_row", "Тестовый магазин");
  type_into (wizard, SB_ONBOARDING_STEP_STORE, store, "contact_email_row", "prodavec@example.ru");
  type_into (wizard, SB_ONBOARDING_STEP_STORE, store, "phone_row", "+7 495 123-45-67");
  shot (wizard, "onboarding-ru-3-store");
  next (wizard, SB_ONBOARDING_STEP_PAYOUT);

  type_into (wizard, SB_ONBOARDING_STEP_PAYOUT, SB_TYPE_ONBOARDING_PAYOUT_PAGE, "bank_name_row", "ПАО Сбербанк");
  type_into (wizard, SB_ONBOARDING_STEP_PAYOUT, SB_TYPE_ONBOARDING_PAYOUT_PAGE, "bank_account_row", "40702810900000000001");
  type_into (wizard, SB_ONBOARDING_STEP_PAYOUT, SB_TYPE_ONBOARDING_PAYOUT_PAGE, "bank_holder_row", "ООО «Тестовые товары»");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (wizard, SB_ONBOARDING_STEP_PAYOUT,
                                                    SB_TYPE_ONBOARDING_PAYOUT_PAGE, "payout_currency_row")), 1);
  g_assert_cmpstr (sb_onboarding_get_text (model, "payout-currency"), ==, "USD");
  shot (wizard, "onboarding-ru-4-payout");
  next (wizard, SB_ONBOARDING_STEP_CONNECTION);

  connect_and_ship (wizard, "onboarding-ru");

  next (wizard, SB_ONBOARDING_STEP_STATUS);
  wait_until (not_busy, session, 30, "the submission");
  g_assert_cmpint (sb_onboarding_get_status (model), ==, SB_ONBOARDING_STATUS_SUBMITTED);
  refresh_until (session, SB_ONBOARDING_STATUS_REJECTED);

  /* Each reason is shown with how to fix it and a Fix button that opens
   * the step where the seller does. */
  reasons = sb_onboarding_get_reasons (model);
  g_assert_cmpuint (reasons->len, >=, 1);
  status_view = sb_onboarding_window_get_page (wizard, SB_ONBOARDING_STEP_STATUS);
  g_assert_true (gtk_widget_get_mapped (status_view));
  g_assert_true (sb_test_ui_text_is_in_language (adw_status_page_get_title (
    ADW_STATUS_PAGE (gtk_widget_get_template_child (status_view, SB_TYPE_SELLER_STATUS_VIEW, "status_page")))));
  shot (wizard, "onboarding-ru-8-rejected");
  g_signal_emit_by_name (status_view, "fix-requested", sb_onboarding_reason_get_step (g_ptr_array_index (reasons, 0)));
  g_assert_cmpint (sb_onboarding_get_step (model), ==, sb_onboarding_reason_get_step (g_ptr_array_index (reasons, 0)));
  g_assert_cmpint (sb_onboarding_get_step (model), <, SB_ONBOARDING_STEP_REVIEW);
  /* There the reason stands under its field until the seller edits it. */
  {
    const SbReason *reason = g_ptr_array_index (reasons, 0);
    const char *field = sb_onboarding_reason_get_field (reason);
    SbOnboardingPage *page = SB_ONBOARDING_PAGE (sb_onboarding_window_get_page (wizard, sb_onboarding_get_step (model)));
    g_autofree char *name = NULL;

    g_assert_nonnull (field);
    g_assert_nonnull (strstr (sb_onboarding_page_get_error (page, field), reason->message));
    name = g_strdup_printf ("onboarding-ru-9-fix-%s", field);
    shot (wizard, name);
    sb_onboarding_set_text (model, field, "ООО «Хорошие товары»");
    g_assert_null (sb_onboarding_page_get_error (page, field));
  }
  gtk_window_destroy (GTK_WINDOW (wizard));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_resume (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  SbWindow *window;
  SbOnboardingWindow *wizard;
  SbOnboarding *model;

  use_fresh_database ("resume.db");
  window = sb_window_new (app);
  wizard = SB_ONBOARDING_WINDOW (sb_window_show_onboarding (window));
  model = sb_onboarding_window_get_model (wizard);
  sb_onboarding_set_text (model, "country", "RU");
  sb_onboarding_set_text (model, "legal-form", "sole_proprietor");
  next (wizard, SB_ONBOARDING_STEP_IDENTITY);
  type_into (wizard, SB_ONBOARDING_STEP_IDENTITY, SB_TYPE_ONBOARDING_IDENTITY_PAGE, "legal_name_row", "Иванов Иван Иванович");
  type_into (wizard, SB_ONBOARDING_STEP_IDENTITY, SB_TYPE_ONBOARDING_IDENTITY_PAGE, "tax_id_row", "500123456750");
  /* Quit: windows, session and store all go. */
  gtk_window_destroy (GTK_WINDOW (wizard));
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (50);

  /* Start again: the same step, the same values. */
  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  wizard = SB_ONBOARDING_WINDOW (sb_window_show_onboarding (window));
  gtk_window_set_default_size (GTK_WINDOW (wizard), 600, 720);
  model = sb_onboarding_window_get_model (wizard);
  g_assert_cmpint (sb_onboarding_get_step (model), ==, SB_ONBOARDING_STEP_IDENTITY);
  g_assert_cmpstr (sb_onboarding_get_text (model, "country"), ==, "RU");
  g_assert_cmpstr (sb_onboarding_get_text (model, "legal-name"), ==, "Иванов Иван Иванович");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (wizard, SB_ONBOARDING_STEP_IDENTITY,
                                                               SB_TYPE_ONBOARDING_IDENTITY_PAGE, "tax_id_row"))),
                   ==, "500123456750");
  g_assert_true (gtk_widget_get_mapped (sb_onboarding_window_get_page (wizard, SB_ONBOARDING_STEP_IDENTITY)));
  g_assert_false (gtk_widget_get_visible (child (wizard, SB_ONBOARDING_STEP_IDENTITY,
                                                 SB_TYPE_ONBOARDING_IDENTITY_PAGE, "kpp_row")));
  shot (wizard, "onboarding-resumed");
  gtk_window_destroy (GTK_WINDOW (wizard));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_narrow (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  SbWindow *window;
  SbOnboardingWindow *wizard;
  SbOnboarding *model;
  static const SbOnboardingStep steps[] = {
    SB_ONBOARDING_STEP_COUNTRY, SB_ONBOARDING_STEP_IDENTITY, SB_ONBOARDING_STEP_STORE,
    SB_ONBOARDING_STEP_PAYOUT, SB_ONBOARDING_STEP_CONNECTION, SB_ONBOARDING_STEP_SHIPPING,
    SB_ONBOARDING_STEP_REVIEW,
  };

  use_fresh_database ("narrow.db");
  window = sb_window_new (app);
  wizard = SB_ONBOARDING_WINDOW (sb_window_show_onboarding (window));
  gtk_window_set_default_size (GTK_WINDOW (wizard), 360, 640);
  model = sb_onboarding_window_get_model (wizard);
  sb_onboarding_set_text (model, "country", "RU");
  /* Errors make the longest texts; show them all. */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "onboarding.next", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *name = g_strdup_printf ("onboarding-narrow-%u-%s", i + 1, sb_onboarding_step_to_string (steps[i]));

      sb_onboarding_set_step (model, steps[i]);
      if (steps[i] < SB_ONBOARDING_STEP_REVIEW)
        sb_onboarding_page_check (SB_ONBOARDING_PAGE (sb_onboarding_window_get_page (wizard, steps[i])), steps[i], FALSE);
      shot (wizard, name);
      /* Nothing forces the window wider than a phone. */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (wizard)), <=, 360);
    }
  gtk_window_destroy (GTK_WINDOW (wizard));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every field has a mnemonic and an accessible name, and an error is the
 * field's accessible description and marks it invalid. */
static void
test_accessibility (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  SbOnboardingWindow *wizard;
  SbOnboarding *model;
  static const struct { SbOnboardingStep step; const char *row; } rows[] = {
    { SB_ONBOARDING_STEP_COUNTRY, "country_row" },
    { SB_ONBOARDING_STEP_COUNTRY, "legal_form_row" },
    { SB_ONBOARDING_STEP_IDENTITY, "legal_name_row" },
    { SB_ONBOARDING_STEP_IDENTITY, "registration_number_row" },
    { SB_ONBOARDING_STEP_IDENTITY, "tax_id_row" },
    { SB_ONBOARDING_STEP_IDENTITY, "kpp_row" },
    { SB_ONBOARDING_STEP_STORE, "store_name_row" },
    { SB_ONBOARDING_STEP_STORE, "contact_email_row" },
    { SB_ONBOARDING_STEP_STORE, "phone_row" },
    { SB_ONBOARDING_STEP_PAYOUT, "payout_currency_row" },
    { SB_ONBOARDING_STEP_PAYOUT, "bank_name_row" },
    { SB_ONBOARDING_STEP_PAYOUT, "bank_account_row" },
    { SB_ONBOARDING_STEP_PAYOUT, "bank_holder_row" },
    { SB_ONBOARDING_STEP_CONNECTION, "sandbox_row" },
    { SB_ONBOARDING_STEP_CONNECTION, "endpoint_row" },
    { SB_ONBOARDING_STEP_CONNECTION, "access_key_row" },
    { SB_ONBOARDING_STEP_CONNECTION, "secret_row" },
    { SB_ONBOARDING_STEP_SHIPPING, "shipping_origin_row" },
  };
  GtkWidget *row;

  use_fresh_database ("a11y.db");
  wizard = sb_onboarding_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (wizard));
  model = sb_onboarding_window_get_model (wizard);
  sb_onboarding_set_text (model, "country", "RU");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *page = sb_onboarding_window_get_page (wizard, rows[i].step);
      const char *title;

      row = GTK_WIDGET (gtk_widget_get_template_child (page, G_OBJECT_TYPE (page), rows[i].row));
      g_assert_nonnull (row);
      title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      g_test_message ("%s: %s", rows[i].row, title);
      g_assert_true (adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)));
      g_assert_nonnull (strchr (title, '_'));
      g_assert_true (sb_test_ui_text_is_in_language (title) ||
                     strspn (title, "_ABCDEFGHIJKLMNOPQRSTUVWXYZ()") == strlen (title));
      g_assert_true (gtk_widget_get_focusable (row) || gtk_widget_get_focusable (gtk_widget_get_first_child (row)) ||
                     ADW_IS_ENTRY_ROW (row) || ADW_IS_ACTION_ROW (row));
      if (rows[i].step != SB_ONBOARDING_STEP_CONNECTION || !g_str_equal (rows[i].row, "sandbox_row"))
        g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL));
      if (rows[i].step != SB_ONBOARDING_STEP_CONNECTION || !g_str_equal (rows[i].row, "sandbox_row"))
        g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));
    }

  /* An error marks the field invalid for screen readers, and only then. */
  row = child (wizard, SB_ONBOARDING_STEP_IDENTITY, SB_TYPE_ONBOARDING_IDENTITY_PAGE, "tax_id_row");
  g_assert_false (gtk_test_accessible_has_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID));
  gtk_editable_set_text (GTK_EDITABLE (row), "123");
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), "7707083893");
  g_assert_false (gtk_test_accessible_has_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID));

  /* The wizard's own keys: Alt+Right and Alt+Left. */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "onboarding.next", NULL);
  g_assert_cmpint (sb_onboarding_get_step (model), ==, SB_ONBOARDING_STEP_IDENTITY);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "onboarding.back", NULL);
  g_assert_cmpint (sb_onboarding_get_step (model), ==, SB_ONBOARDING_STEP_COUNTRY);
  gtk_window_destroy (GTK_WINDOW (wizard));
}

static void
test_offline (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbOnboardingSession) session = NULL;
  g_autoptr(SbCredentials) nowhere = NULL;
  g_autoptr(SbCredentials) sandbox = NULL;
  g_autoptr(GSocketService) closed = NULL;
  SbOnboardingWindow *wizard;
  SbOnboarding *model;
  SbLocalSandbox *local = sb_local_sandbox_get_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;
  StatusWait wait;
  guint16 port;

  use_fresh_database ("offline.db");
  store = sb_store_open (NULL, &error);
  g_assert_no_error (error);
  session = sb_onboarding_session_new (store);
  model = sb_onboarding_session_get_model (session);
  sb_onboarding_set_text (model, "country", "KR");
  sb_onboarding_set_text (model, "legal-name", "한빛상사");
  sb_onboarding_set_text (model, "registration-number", "120-88-00767");
  sb_onboarding_set_text (model, "store-name", "Hanbit");
  sb_onboarding_set_text (model, "contact-email", "a@example.kr");
  sb_onboarding_set_text (model, "phone", "+82 2 1234 5678");
  sb_onboarding_set_text (model, "bank-name", "Shinhan");
  sb_onboarding_set_text (model, "bank-account", "110-123-456789");
  sb_onboarding_set_text (model, "bank-holder", "Hanbit");

  /* A loopback port where nothing answers: take a free one and close it. */
  {
    g_autoptr(GSocketListener) listener = g_socket_listener_new ();

    port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
    g_assert_no_error (error);
    g_socket_listener_close (listener);
  }
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  sb_onboarding_set_text (model, "endpoint", url);
  sb_onboarding_set_text (model, "access-key", "sbx-demo-key");
  sb_onboarding_set_carrier (model, "kr_kpacket", TRUE);
  nowhere = sb_credentials_new (url, "sbx-demo-key", "irrelevant");
  sb_onboarding_session_set_credentials (session, nowhere);
  sb_onboarding_set_step (model, SB_ONBOARDING_STEP_REVIEW);

  wizard = sb_onboarding_window_new (NULL, session);
  gtk_window_set_default_size (GTK_WINDOW (wizard), 600, 720);
  gtk_window_present (GTK_WINDOW (wizard));
  /* The connection page takes the key from here rather than its field. */
  gtk_editable_set_text (GTK_EDITABLE (child (wizard, SB_ONBOARDING_STEP_CONNECTION,
                                              SB_TYPE_ONBOARDING_CONNECTION_PAGE, "secret_row")), "irrelevant");
  gtk_widget_activate_action (GTK_WIDGET (wizard), "onboarding.next", NULL);
  wait_until (not_busy, session, 60, "the offline submission");
  g_assert_cmpint (sb_onboarding_get_step (model), ==, SB_ONBOARDING_STEP_STATUS);
  g_assert_cmpint (sb_onboarding_get_status (model), ==, SB_ONBOARDING_STATUS_QUEUED);
  shot (wizard, "onboarding-offline-queued");

  /* The marketplace becomes reachable: the queued application goes out. */
  sb_local_sandbox_start_async (local, NULL, NULL, NULL);
  wait_until (sandbox_running, local, 20, "the sandbox");
  sandbox = sb_credentials_new (sb_local_sandbox_get_url (local), sb_local_sandbox_get_key_id (local),
                                sb_local_sandbox_get_secret (local));
  sb_onboarding_session_set_credentials (session, sandbox);
  sb_onboarding_session_refresh_async (session, NULL, NULL, NULL);
  wait.model = model;
  wait.status = SB_ONBOARDING_STATUS_SUBMITTED;
  wait_until (status_is, &wait, 60, "the queued application to go out");
  shot (wizard, "onboarding-offline-sent");
  gtk_window_destroy (GTK_WINDOW (wizard));

  /* After a restart the status comes back from the store. */
  g_clear_object (&session);
  g_clear_object (&store);
  store = sb_store_open (NULL, &error);
  g_assert_no_error (error);
  session = sb_onboarding_session_new (store);
  model = sb_onboarding_session_get_model (session);
  g_assert_cmpint (sb_onboarding_get_status (model), >=, SB_ONBOARDING_STATUS_SUBMITTED);
  g_assert_cmpint (sb_onboarding_get_step (model), ==, SB_ONBOARDING_STEP_STATUS);
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static gboolean
have_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
test_submit_waits_for_running (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_start_application ();
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbOnboardingSession) session = NULL;
  g_autoptr(SbCredentials) credentials = NULL;
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(SbSync) other = NULL;
  g_autoptr(GAsyncResult) other_result = NULL;
  g_autoptr(GAsyncResult) submit_result = NULL;
  g_autoptr(SbSyncSummary) other_summary = NULL;
  g_autoptr(GError) error = NULL;
  SbLocalSandbox *local = sb_local_sandbox_get_default ();
  SbOnboarding *model;
  gboolean other_done_first;

  use_fresh_database ("join.db");
  store = sb_store_open (NULL, &error);
  g_assert_no_error (error);
  session = sb_onboarding_session_new (store);
  model = sb_onboarding_session_get_model (session);
  sb_onboarding_set_text (model, "country", "KR");
  sb_onboarding_set_text (model, "legal-name", "한빛상사");
  sb_onboarding_set_text (model, "registration-number", "120-88-00767");
  sb_onboarding_set_text (model, "store-name", "Hanbit");
  sb_onboarding_set_text (model, "contact-email", "a@example.kr");
  sb_onboarding_set_text (model, "phone", "+82 2 1234 5678");
  sb_onboarding_set_text (model, "bank-name", "Shinhan");
  sb_onboarding_set_text (model, "bank-account", "110-123-456789");
  sb_onboarding_set_text (model, "bank-holder", "Hanbit");
  sb_onboarding_set_carrier (model, "kr_kpacket", TRUE);

  sb_local_sandbox_start_async (local, NULL, NULL, NULL);
  wait_until (sandbox_running, local, 20, "the sandbox");
  sb_onboarding_set_text (model, "endpoint", sb_local_sandbox_get_url (local));
  sb_onboarding_set_text (model, "access-key", sb_local_sandbox_get_key_id (local));
  credentials = sb_credentials_new (sb_local_sandbox_get_url (local), sb_local_sandbox_get_key_id (local),
                                    sb_local_sandbox_get_secret (local));
  sb_onboarding_session_set_credentials (session, credentials);

  /* Another sync of the catalogue (the window's "Sync now") is running. */
  client = sb_api_client_new (sb_local_sandbox_get_url (local), sb_local_sandbox_get_key_id (local),
                              sb_local_sandbox_get_secret (local), &error);
  g_assert_no_error (error);
  other = sb_sync_new (store, client);
  sb_sync_run_async (other, NULL, result_cb, &other_result);
  sb_onboarding_session_submit_async (session, NULL, result_cb, &submit_result);
  g_assert_true (sb_onboarding_session_get_busy (session));
  wait_until (have_result, &submit_result, 60, "the submission");
  other_done_first = other_result != NULL;
  wait_until (have_result, &other_result, 60, "the other run");
  other_summary = sb_sync_run_finish (other, other_result, &error);
  g_assert_no_error (error);

  /* The submission waited for the other run, then went through. */
  g_assert_true (other_done_first);
  g_assert_true (sb_onboarding_session_submit_finish (session, submit_result, &error));
  g_assert_no_error (error);
  g_assert_false (sb_onboarding_session_get_busy (session));
  g_assert_cmpint (sb_onboarding_get_status (model), >=, SB_ONBOARDING_STATUS_SUBMITTED);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Everything the app keeps goes into a folder of this run. */
  tmp_dir = g_dir_make_tmp ("sellbridge-onboarding-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);
  sb_test_ui_init (&argc, &argv);
  /* Screenshots show whole pages, not a cross-fade between two. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* A blinking cursor queues redraws, and a widget waiting for one has
   * nothing to snapshot. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  g_test_add_func ("/onboarding/korean-seller", test_korean_seller);
  g_test_add_func ("/onboarding/russian-seller", test_russian_seller);
  g_test_add_func ("/onboarding/resume", test_resume);
  g_test_add_func ("/onboarding/narrow", test_narrow);
  g_test_add_func ("/onboarding/accessibility", test_accessibility);
  g_test_add_func ("/onboarding/offline", test_offline);
  g_test_add_func ("/onboarding/submit-waits-for-running", test_submit_waits_for_running);
  status = g_test_run ();
  sb_local_sandbox_stop (sb_local_sandbox_get_default ());
  return status;
}
