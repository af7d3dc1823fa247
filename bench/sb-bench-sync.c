/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-bench-sync.c: the sync figure — products pushed to the sandbox on
 * loopback, per second.  Ours: a catalogue of N queued products (each with
 * a real 800×800 PNG among a few shared ones) and one run of the sync
 * engine (SbSync over SbApiClient), which also fetches categories, uploads
 * the images, records each batch before sending it and pulls the statuses
 * afterwards.  Baseline, against a fresh sandbox in the same run: a
 * minimal client that uploads the same images and sends the same products
 * (core's JSON bodies) in signed batches of 100, one request at a time,
 * waiting as Retry-After says on a 429.  Both must see every product
 * accepted.
 *
 *   sb-bench-sync [--products N] --sandbox PROGRAM --data-dir DIR WORKDIR
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "sb-api-client.h"
#include "sb-bench-data.h"
#include "sb-bench-util.h"
#include "sb-product-json.h"
#include "sb-sync.h"


/* ---- ours ---- */

typedef struct {
  GMainLoop     *loop;
  SbSyncSummary *summary;
  GError        *error;
} RunData;

static void
sync_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RunData *data = user_data;

  data->summary = sb_sync_run_finish (SB_SYNC (source), result, &data->error);
  g_main_loop_quit (data->loop);
}

static double
run_ours (SbBenchSandbox  *sandbox,
          GPtrArray       *products,
          const char      *db,
          guint           *out_accepted,
          GError         **error)
{
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbApiClient) client = NULL;
  g_autoptr(SbSync) sync = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  RunData data = { loop, NULL, NULL };
  double start;

  store = sb_store_open (db, error);
  if (store == NULL || !sb_store_save_products (store, products, error))
    return -1;
  client = sb_api_client_new (sandbox->url, sandbox->key, sandbox->secret, error);
  if (client == NULL)
    return -1;
  sync = sb_sync_new (store, client);
  start = sb_bench_now ();
  sb_sync_run_async (sync, NULL, sync_done, &data);
  g_main_loop_run (loop);
  if (data.summary == NULL)
    {
      g_propagate_error (error, data.error);
      return -1;
    }
  *out_accepted = data.summary->accepted;
  for (guint i = 0; data.summary->notes != NULL && i < MIN (data.summary->notes->len, 3); i++)
    g_printerr ("  ours: %s\n", (const char *) g_ptr_array_index (data.summary->notes, i));
  g_printerr ("  ours: %u accepted, %u rejected, %u images uploaded, %u pulled, %u retries\n",
              data.summary->accepted, data.summary->rejected, data.summary->images_uploaded,
              data.summary->pulled, data.summary->retries);
  sb_sync_summary_free (data.summary);
  return sb_bench_now () - start;
}

/* ---- the minimal client ---- */

/* Sends one signed request; waits and resends on 429.  Returns the body. */
static GBytes *
send_signed (SoupSession     *session,
             SbBenchSandbox  *sandbox,
             const char      *method,
             const char      *path,
             const char      *content_type,
             GBytes          *body,
             const char      *idempotency_key,
             guint           *out_status,
             GError         **error)
{
  for (;;)
    {
      g_autofree char *uri = g_strconcat (sandbox->url, path, NULL);
      g_autoptr(SoupMessage) message = soup_message_new (method, uri);
      g_autofree char *timestamp = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
      g_autofree char *signature = sb_api_sign (sandbox->secret, method, path, timestamp, body);
      SoupMessageHeaders *headers = soup_message_get_request_headers (message);
      g_autoptr(GBytes) answer = NULL;
      guint status;

      soup_message_headers_replace (headers, "X-Api-Key", sandbox->key);
      soup_message_headers_replace (headers, "X-Timestamp", timestamp);
      soup_message_headers_replace (headers, "X-Signature", signature);
      if (idempotency_key != NULL)
        soup_message_headers_replace (headers, "Idempotency-Key", idempotency_key);
      soup_message_set_request_body_from_bytes (message, content_type, body);
      answer = soup_session_send_and_read (session, message, NULL, error);
      if (answer == NULL)
        return NULL;
      status = soup_message_get_status (message);
      if (status == 429)
        {
          const char *retry = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                            "Retry-After");
          guint seconds = retry != NULL ? (guint) g_ascii_strtoull (retry, NULL, 10) : 1;

          g_usleep (MAX (seconds, 1) * G_USEC_PER_SEC);
          continue;
        }
      *out_status = status;
      return g_steal_pointer (&answer);
    }
}

static double
run_baseline (SbBenchSandbox  *sandbox,
              GPtrArray       *products,
              char            *image_paths[SB_BENCH_N_PICTURES],
              guint           *out_accepted,
              GError         **error)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  char *image_ids[SB_BENCH_N_PICTURES] = { NULL, };
  double start = sb_bench_now ();
  double elapsed = -1;
  guint accepted = 0;

  for (guint i = 0; i < SB_BENCH_N_PICTURES; i++)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      guint status = 0;

      if (!g_file_get_contents (image_paths[i], &contents, &length, error))
        goto out;
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      answer = send_signed (session, sandbox, "POST", "/v1/images", "image/png", bytes, NULL, &status, error);
      if (answer == NULL)
        goto out;
      if (status != 200 && status != 201)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "image upload: HTTP %u", status);
          goto out;
        }
      if (!json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), error))
        goto out;
      image_ids[i] = g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "image_id"));
    }

  for (guint first = 0; first < products->len; first += 100)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GBytes) answer = NULL;
      g_autofree char *key = g_uuid_string_random ();
      JsonArray *results;
      guint status = 0;
      gsize length = 0;
      char *text;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "products");
      json_builder_begin_array (builder);
      for (guint i = first; i < first + 100 && i < products->len; i++)
        {
          SbProduct *product = g_ptr_array_index (products, i);
          SbImage *image = g_ptr_array_index (product->images, 0);

          g_free (image->remote_id);
          image->remote_id = g_strdup (image_ids[(i + 1) % SB_BENCH_N_PICTURES]);
          json_builder_add_value (builder, sb_product_to_json (product, NULL));
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, &length);
      body = g_bytes_new_take (text, length);
      answer = send_signed (session, sandbox, "POST", "/v1/products/batch", "application/json", body, key,
                            &status, error);
      if (answer == NULL)
        goto out;
      if (status != 200 ||
          !json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "batch: HTTP %u", status);
          goto out;
        }
      results = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "results");
      for (guint i = 0; i < json_array_get_length (results); i++)
        if (json_object_get_boolean_member_with_default (json_array_get_object_element (results, i), "ok", FALSE))
          accepted++;
    }
  elapsed = sb_bench_now () - start;
  *out_accepted = accepted;
  g_printerr ("  baseline: %u accepted\n", accepted);

out:
  for (guint i = 0; i < SB_BENCH_N_PICTURES; i++)
    g_free (image_ids[i]);
  return elapsed;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sandbox_program = NULL;
  g_autofree char *data_dir = NULL;
  int n_products = 10000;
  GOptionEntry entries[] = {
    { "products", 0, 0, G_OPTION_ARG_INT, &n_products, "Products to push", "N" },
    { "sandbox", 0, 0, G_OPTION_ARG_FILENAME, &sandbox_program, "sellbridge-sandbox", "PATH" },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "The sandbox's seed data", "DIR" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("WORKDIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = NULL;
  char *image_paths[SB_BENCH_N_PICTURES] = { NULL, };
  g_autofree char *db = NULL;
  SbBenchSandbox sandbox = { 0, };
  guint ours_accepted = 0, base_accepted = 0;
  double o = -1, b = -1, ours_rate, base_rate;
  char ours_text[64], base_text[96], ratio_text[32], figure[96];
  int status = 1;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 ||
      sandbox_program == NULL || data_dir == NULL || n_products < 1)
    {
      g_printerr ("usage: sb-bench-sync [--products N] --sandbox PROGRAM --data-dir DIR WORKDIR\n");
      return 2;
    }
  for (guint i = 0; i < SB_BENCH_N_PICTURES; i++)
    {
      g_autoptr(GBytes) png = sb_bench_make_picture (i);

      image_paths[i] = g_strdup_printf ("%s/sync-image-%u.png", argv[1], i);
      if (!g_file_set_contents (image_paths[i], g_bytes_get_data (png, NULL), g_bytes_get_size (png), &error))
        goto out;
    }
  products = sb_bench_make_kr_products (n_products, image_paths);

  /* The baseline first, on its own fresh sandbox. */
  if (!sb_bench_sandbox_start (&sandbox, sandbox_program, data_dir, &error))
    goto out;
  b = run_baseline (&sandbox, products, image_paths, &base_accepted, &error);
  sb_bench_sandbox_stop (&sandbox);
  if (b < 0)
    goto out;
  for (guint i = 0; i < products->len; i++)
    {
      SbProduct *product = g_ptr_array_index (products, i);
      SbImage *image = g_ptr_array_index (product->images, 0);

      g_clear_pointer (&image->remote_id, g_free);
    }

  db = g_build_filename (argv[1], "sync.db", NULL);
  g_unlink (db);
  if (!sb_bench_sandbox_start (&sandbox, sandbox_program, data_dir, &error))
    goto out;
  o = run_ours (&sandbox, products, db, &ours_accepted, &error);
  sb_bench_sandbox_stop (&sandbox);
  if (o < 0)
    goto out;

  if (ours_accepted != (guint) n_products || base_accepted != (guint) n_products)
    g_printerr ("sb-bench-sync: not every product was accepted (ours %u, baseline %u of %d)\n",
                ours_accepted, base_accepted, n_products);
  ours_rate = ours_accepted / o;
  base_rate = base_accepted / b;
  g_snprintf (figure, sizeof figure, "sync: %d products pushed to the sandbox on loopback", n_products);
  g_snprintf (ours_text, sizeof ours_text, "%.0f products/s (%.1f s)", ours_rate, o);
  g_snprintf (base_text, sizeof base_text, "%.0f products/s (%.1f s, minimal signed-batch client)", base_rate, b);
  g_snprintf (ratio_text, sizeof ratio_text, "%.2f×", ours_rate / base_rate);
  sb_bench_result (figure, ours_text, base_text, ratio_text, "≥ 0.5×",
                   ours_rate >= 0.5 * base_rate && ours_accepted == (guint) n_products);
  status = 0;

out:
  if (error != NULL)
    g_printerr ("sb-bench-sync: %s\n", error->message);
  for (guint i = 0; i < SB_BENCH_N_PICTURES; i++)
    {
      if (image_paths[i] != NULL)
        g_unlink (image_paths[i]);
      g_free (image_paths[i]);
    }
  if (db != NULL)
    g_unlink (db);
  return status;
}
