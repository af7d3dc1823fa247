/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-test-sync.c: see sb-test-sync.h.  The sandbox is started with
 * --port 0 --print-config, and its first line of output (one JSON object)
 * tells the URL and the demo key; it is stopped with SIGTERM.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "sb-test-sync.h"

static char *
build_path (const char *env,
            const char *relative)
{
  const char *root = g_getenv (env);

  g_assert_nonnull (root);
  return g_build_filename (root, relative, NULL);
}

/* A test that aborts must not leave its sandbox running (and holding the
 * test's output open). */
static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGKILL);
#endif
}

SbTestSandbox *
sb_test_sandbox_start (const char * const *extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) config = NULL;
  g_autofree char *line = NULL;
  SbTestSandbox *sandbox = g_new0 (SbTestSandbox, 1);
  JsonObject *object;

  g_ptr_array_add (argv, build_path ("SELLBRIDGE_BUILD_ROOT", "src/sandbox/sellbridge-sandbox"));
  g_ptr_array_add (argv, g_strdup ("--port=0"));
  g_ptr_array_add (argv, g_strdup ("--print-config"));
  g_ptr_array_add (argv, g_strconcat ("--data-dir=", g_getenv ("SELLBRIDGE_SOURCE_ROOT"), "/data/sandbox", NULL));
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra_args[i]));
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  sandbox->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sandbox->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  config = json_from_string (line, &error);
  g_assert_no_error (error);
  object = json_node_get_object (config);
  sandbox->url = g_strdup (json_object_get_string_member (object, "url"));
  sandbox->key = g_strdup (json_object_get_string_member (object, "key"));
  sandbox->secret = g_strdup (json_object_get_string_member (object, "secret"));
  return sandbox;
}

void
sb_test_sandbox_stop (SbTestSandbox *sandbox)
{
  g_autoptr(GError) error = NULL;

  if (sandbox == NULL)
    return;
  g_subprocess_send_signal (sandbox->process, SIGTERM);
  g_subprocess_wait (sandbox->process, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (sandbox->process);
  g_free (sandbox->url);
  g_free (sandbox->key);
  g_free (sandbox->secret);
  g_free (sandbox);
}

static void
put_be32 (GByteArray *out,
          guint32     value)
{
  guint8 bytes[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (out, bytes, 4);
}

static guint32
crc32_of (const guint8 *data,
          gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & (0u - (crc & 1)));
    }
  return crc ^ 0xffffffff;
}

static void
put_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *data,
           guint32       length)
{
  g_autoptr(GByteArray) crc_input = g_byte_array_new ();

  put_be32 (out, length);
  g_byte_array_append (crc_input, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (crc_input, data, length);
  g_byte_array_append (out, crc_input->data, crc_input->len);
  put_be32 (out, crc32_of (crc_input->data, crc_input->len));
}

/* Writes an 800×800 PNG header whose bytes differ by @index, so that each
 * index is a distinct image and the same index the same image. */
char *
sb_test_write_png (const char *dir,
                   guint       index)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("image-%u.png", index);
  char *path = g_build_filename (dir, name, NULL);
  guint8 ihdr[13] = { 0, 0, 0x03, 0x20, 0, 0, 0x03, 0x20, 8, 2, 0, 0, 0 };
  guint8 text[32];
  gsize text_len;

  g_byte_array_append (png, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  put_chunk (png, "IHDR", ihdr, sizeof ihdr);
  text_len = (gsize) g_snprintf ((char *) text, sizeof text, "Comment%cimage %u", 0, index);
  put_chunk (png, "tEXt", text, (guint32) text_len);
  put_chunk (png, "IEND", NULL, 0);
  g_file_set_contents (path, (const char *) png->data, png->len, &error);
  g_assert_no_error (error);
  return path;
}

const char *
sb_test_seller_json (const char *country)
{
  if (g_str_equal (country, "KR"))
    return "{\"country\": \"KR\", \"legal_form\": \"company\", \"legal_name\": \"주식회사 한빛상사\","
           " \"registration_number\": \"1248100998\", \"tax_id\": null, \"kpp\": null,"
           " \"store_name\": \"Hanbit Goods\", \"contact_email\": \"seller@example.kr\","
           " \"phone\": \"+82 2 1234 5678\", \"payout_currency\": \"KRW\","
           " \"bank\": {\"name\": \"KB Kookmin\", \"account\": \"123-456-789012\", \"holder\": \"한빛상사\"}}";
  return "{\"country\": \"RU\", \"legal_form\": \"company\", \"legal_name\": \"ООО «Северный ветер»\","
         " \"registration_number\": \"1027700132195\", \"tax_id\": \"7707083893\", \"kpp\": \"770701001\","
         " \"store_name\": \"Severny Veter\", \"contact_email\": \"shop@example.ru\","
         " \"phone\": \"+7 495 123-45-67\", \"payout_currency\": \"RUB\","
         " \"bank\": {\"name\": \"Sberbank\", \"account\": \"40702810900000000001\", \"holder\": \"ООО «Северный ветер»\"}}";
}

SbProduct *
sb_test_product_new (const char *country,
                     const char *offer_id,
                     const char *image_path)
{
  SbProduct *product = sb_product_new (offer_id);
  SbVariant *variant = sb_variant_new ();
  SbImage *image = sb_image_new ();
  gboolean kr = g_str_equal (country, "KR");

  product->category_id = g_strdup ("1001");
  sb_product_set_title (product, SB_LANG_EN, "Cotton T-shirt");
  if (kr)
    sb_product_set_title (product, SB_LANG_KO, "면 티셔츠");
  else
    sb_product_set_title (product, SB_LANG_RU, "Хлопковая футболка");
  sb_product_set_description (product, SB_LANG_EN, "A plain cotton T-shirt.");
  sb_product_set_attribute (product, "brand", kr ? "Hanbit" : "Veter");
  sb_product_set_attribute (product, "material", "cotton");
  sb_product_set_attribute (product, "gender", "unisex");
  image->local_path = g_strdup (image_path);
  sb_product_add_image (product, image);
  product->weight_g = 250;
  product->length_mm = 300;
  product->width_mm = 200;
  product->height_mm = 30;
  product->hs_code = g_strdup ("610910");
  product->batteries = SB_BATTERIES_NONE;
  product->liquids = FALSE;
  sb_product_add_carrier (product, kr ? "kr_kpacket" : "ru_pochta_small");
  product->handling_days = 3;
  variant->sku = g_strconcat (offer_id, "-M", NULL);
  sb_variant_set_option (variant, "size", "M");
  variant->price_minor = kr ? 12900 : 99000;
  strcpy (variant->currency, kr ? "KRW" : "RUB");
  variant->stock = 25;
  sb_product_add_variant (product, variant);
  product->sync_state = SB_SYNC_QUEUED;
  return product;
}

void
sb_test_store_result_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
sb_test_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
set_true_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
sb_test_sleep (guint ms)
{
  gboolean over = FALSE;

  g_timeout_add (ms, set_true_cb, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
}
