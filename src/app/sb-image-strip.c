/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-image-strip.c: the product editor's images.  Each image is a tile
 * with its thumbnail, file name, what is wrong with it, and buttons to
 * move it earlier or later (Alt+Left, Alt+Right) and remove it (Delete);
 * tiles can also be dragged to a new place.  Images come from a
 * GtkFileChooserNative filtered to the types the marketplace accepts or
 * are dropped from a file manager.  Every file is checked on a worker
 * thread: its size in bytes, its type by content, its pixel size
 * (gdk_pixbuf_get_file_info()), a thumbnail and its SHA-256; the main
 * thread only turns the thumbnail into a texture.  An image that was
 * uploaded keeps its marketplace id while its bytes are unchanged; when
 * the file now holds other bytes the id is dropped, so that the sync
 * engine (which uploads every image without an id) sends it again.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-image-strip.h"

#define THUMB_SIZE 128
/* Files larger than this are not decoded for a thumbnail at all. */
#define THUMB_MAX_BYTES (64 * 1024 * 1024)

typedef enum {
  PROBLEM_MISSING     = 1 << 0,
  PROBLEM_UNREADABLE  = 1 << 1,
  PROBLEM_FORMAT      = 1 << 2,
  PROBLEM_TOO_LARGE   = 1 << 3,
  PROBLEM_TOO_SMALL   = 1 << 4,
} Problems;

typedef struct
{
  SbImageStrip *self;          /* (unowned) */
  SbImage      *image;         /* (owned) what build gives back */
  GCancellable *cancellable;   /* (owned) (nullable) the check in flight */
  gboolean      checking;
  Problems      problems;
  gint64        size;          /* bytes, from the last check */
  guint         width;         /* pixels, from the last check, 0 unknown */
  guint         height;
  gboolean      reupload;      /* the file changed since it was uploaded */
  char         *field_error;   /* (owned) (nullable) from the marketplace's rules */

  GtkWidget    *tile;          /* (owned) GtkFlowBoxChild */
  GtkWidget    *stack;
  GtkWidget    *picture;
  GtkWidget    *icon;
  GtkWidget    *main_label;
  GtkWidget    *name_label;
  GtkWidget    *message_label;
  GtkWidget    *earlier;
  GtkWidget    *later;
  GtkWidget    *remove;
} Entry;

typedef struct
{
  Problems   problems;
  gint64     size;
  guint      width;
  guint      height;
  char      *sha256;     /* (nullable) when the file was read */
  GdkPixbuf *thumbnail;  /* (nullable) */
} CheckResult;

struct _SbImageStrip
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkLabel             *count_label;
  GtkWidget            *add_button;
  GtkWidget            *empty_label;
  GtkFlowBox           *flow_box;
  GtkLabel             *error_label;

  /* Owned references */
  GPtrArray            *entries;   /* (element-type Entry) in order */
  GtkFileChooserNative *chooser;   /* (nullable) while open */
  guint                 n_checking;
  GQueue                waiting;   /* (element-type Entry) files waiting for their check */
  GTask                *running;   /* (unowned) (nullable) the check in flight */
};

G_DEFINE_FINAL_TYPE (SbImageStrip, sb_image_strip, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_N_IMAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
check_result_free (CheckResult *result)
{
  g_free (result->sha256);
  g_clear_object (&result->thumbnail);
  g_free (result);
}

static void
entry_free (Entry *entry)
{
  if (entry->cancellable != NULL)
    g_cancellable_cancel (entry->cancellable);
  g_clear_object (&entry->cancellable);
  g_clear_pointer (&entry->image, sb_image_free);
  g_free (entry->field_error);
  g_clear_object (&entry->tile);
  g_free (entry);
}

static int
entry_index (SbImageStrip *self,
             Entry        *entry)
{
  guint index;

  if (!g_ptr_array_find (self->entries, entry, &index))
    return -1;
  return (int) index;
}

static gboolean
is_jpeg_or_png (const char *mime)
{
  return g_strcmp0 (mime, "image/jpeg") == 0 || g_strcmp0 (mime, "image/png") == 0;
}

/* The types the marketplace accepts, by their first bytes (as the sync
 * engine tells them when it uploads). */
static const char *
sniff_type (const guchar *data,
            gsize         size)
{
  if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";
  return NULL;
}

/* ---- the check, on a worker thread ---- */

static void
check_thread_cb (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  CheckResult *result = g_new0 (CheckResult, 1);
  guchar head[16];
  gsize head_size = 0;
  const char *mime;
  GdkPixbufFormat *format;
  int width = 0, height = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info == NULL)
    {
      result->problems = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                         ? PROBLEM_MISSING : PROBLEM_UNREADABLE;
      g_task_return_pointer (task, result, (GDestroyNotify) check_result_free);
      return;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      result->problems = PROBLEM_FORMAT;
      g_task_return_pointer (task, result, (GDestroyNotify) check_result_free);
      return;
    }
  result->size = g_file_info_get_size (info);

  /* A file the marketplace takes is read whole, for its SHA-256; a larger
   * one only for its type. */
  if (result->size <= SB_IMAGE_STRIP_MAX_BYTES)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &error))
        {
          result->problems = PROBLEM_UNREADABLE;
          g_task_return_pointer (task, result, (GDestroyNotify) check_result_free);
          return;
        }
      result->size = length;
      head_size = MIN (length, sizeof head);
      memcpy (head, contents, head_size);
      result->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
    }
  else
    {
      g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, &error);

      if (stream == NULL ||
          !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &head_size, cancellable, &error))
        {
          result->problems = PROBLEM_UNREADABLE;
          g_task_return_pointer (task, result, (GDestroyNotify) check_result_free);
          return;
        }
    }
  mime = sniff_type (head, head_size);

  format = gdk_pixbuf_get_file_info (path, &width, &height);
  if (format != NULL && width > 0 && height > 0)
    {
      result->width = width;
      result->height = height;
    }
  if (format != NULL && result->size <= THUMB_MAX_BYTES)
    {
      g_autoptr(GdkPixbuf) pixbuf = NULL;

      pixbuf = gdk_pixbuf_new_from_file_at_scale (path, THUMB_SIZE * 2, THUMB_SIZE * 2, TRUE, NULL);
      if (pixbuf != NULL)
        result->thumbnail = gdk_pixbuf_apply_embedded_orientation (pixbuf);
    }

  if (mime == NULL)
    result->problems |= format != NULL ? PROBLEM_FORMAT : PROBLEM_UNREADABLE;
  else if (is_jpeg_or_png (mime) && (format == NULL || result->thumbnail == NULL))
    result->problems |= PROBLEM_UNREADABLE;   /* damaged */
  if (result->size > SB_IMAGE_STRIP_MAX_BYTES)
    result->problems |= PROBLEM_TOO_LARGE;
  /* The API's minimum applies to JPEG and PNG. */
  if (is_jpeg_or_png (mime) && result->width > 0 &&
      (result->width < SB_IMAGE_STRIP_MIN_SIDE || result->height < SB_IMAGE_STRIP_MIN_SIDE))
    result->problems |= PROBLEM_TOO_SMALL;

  g_task_return_pointer (task, result, (GDestroyNotify) check_result_free);
}

static void update_entries (SbImageStrip *self);
static void run_next_check (SbImageStrip *self);

static void
set_checking (SbImageStrip *self,
              Entry        *entry,
              gboolean      checking)
{
  gboolean was_busy = self->n_checking > 0;

  if (!entry->checking == !checking)
    return;
  entry->checking = checking;
  if (checking)
    self->n_checking++;
  else
    {
      self->n_checking--;
      g_queue_remove (&self->waiting, entry);
    }
  if (was_busy != (self->n_checking > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  SbImageStrip *self = SB_IMAGE_STRIP (source);
  Entry *entry;
  CheckResult *result;
  g_autoptr(GError) error = NULL;

  if (G_TASK (res) == self->running)
    self->running = NULL;
  /* A cancelled check's entry may be gone: do not touch it. */
  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (result == NULL)
    {
      run_next_check (self);
      return;
    }
  entry = user_data;

  entry->problems = result->problems;
  entry->size = result->size;
  entry->width = result->width;
  entry->height = result->height;
  if (result->sha256 == NULL && (result->problems & PROBLEM_TOO_LARGE) &&
      entry->image->remote_id != NULL)
    {
      /* The uploaded bytes were at most 5 MiB: these are others. */
      g_clear_pointer (&entry->image->remote_id, g_free);
      g_clear_pointer (&entry->image->sha256, g_free);
      entry->reupload = TRUE;
    }
  if (result->sha256 != NULL)
    {
      SbImage *image = entry->image;

      if (image->remote_id != NULL && image->sha256 != NULL &&
          g_ascii_strcasecmp (image->sha256, result->sha256) != 0)
        {
          /* Other bytes than those uploaded: the sync engine uploads
           * images without an id. */
          g_clear_pointer (&image->remote_id, g_free);
          entry->reupload = TRUE;
        }
      if (image->remote_id == NULL)
        {
          g_free (image->sha256);
          image->sha256 = g_strdup (result->sha256);
          image->width = result->width;
          image->height = result->height;
        }
    }

  if (result->thumbnail != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (result->thumbnail);

      gtk_image_set_from_paintable (GTK_IMAGE (entry->picture), GDK_PAINTABLE (texture));
      gtk_stack_set_visible_child (GTK_STACK (entry->stack), entry->picture);
    }
  else
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (entry->icon),
                                    entry->problems & (PROBLEM_MISSING | PROBLEM_UNREADABLE)
                                    ? "image-missing-symbolic" : "image-x-generic-symbolic");
      gtk_stack_set_visible_child (GTK_STACK (entry->stack), entry->icon);
    }
  g_clear_object (&entry->cancellable);
  check_result_free (result);
  set_checking (self, entry, FALSE);
  update_entries (self);
  run_next_check (self);
}

/* Files are checked one at a time, in order: the first thumbnails come
 * soonest, and a dozen files dropped at once do not take a dozen threads
 * (and the disk) together. */
static void
run_next_check (SbImageStrip *self)
{
  g_autoptr(GTask) task = NULL;
  Entry *entry;

  if (self->running != NULL || g_queue_is_empty (&self->waiting))
    return;
  entry = g_queue_pop_head (&self->waiting);
  entry->cancellable = g_cancellable_new ();
  task = g_task_new (self, entry->cancellable, check_done_cb, entry);
  g_task_set_source_tag (task, run_next_check);
  g_task_set_task_data (task, g_strdup (entry->image->local_path), g_free);
  self->running = task;
  g_task_run_in_thread (task, check_thread_cb);
}

static void
start_check (SbImageStrip *self,
             Entry        *entry)
{
  if (entry->cancellable != NULL)
    g_cancellable_cancel (entry->cancellable);
  g_clear_object (&entry->cancellable);
  if (entry->image->local_path == NULL)
    {
      /* Known only by its marketplace id. */
      gtk_image_set_from_icon_name (GTK_IMAGE (entry->icon), "image-x-generic-symbolic");
      gtk_stack_set_visible_child (GTK_STACK (entry->stack), entry->icon);
      entry->problems = entry->image->remote_id != NULL ? 0 : PROBLEM_MISSING;
      set_checking (self, entry, FALSE);
      return;
    }
  gtk_stack_set_visible_child_name (GTK_STACK (entry->stack), "loading");
  set_checking (self, entry, TRUE);
  g_queue_push_tail (&self->waiting, entry);
  run_next_check (self);
}

/* ---- messages ---- */

/* Everything shown under a tile, one line each; *out_error tells whether
 * any of it keeps the marketplace from accepting the image. */
static char *
entry_dup_message (SbImageStrip *self,
                   Entry        *entry,
                   guint         index,
                   gboolean     *out_error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean error = FALSE;

#define LINE(is_error, ...) G_STMT_START { \
    if (text->len > 0) \
      g_string_append_c (text, '\n'); \
    g_string_append_printf (text, __VA_ARGS__); \
    error |= (is_error); \
  } G_STMT_END

  if (!entry->checking)
    {
      if (entry->problems & PROBLEM_MISSING)
        {
          if (entry->image->remote_id != NULL)
            LINE (FALSE, "%s", _("The file is no longer on this computer; the copy already uploaded stays in use."));
          else
            LINE (TRUE, "%s", _("The file is missing. Add it again or remove this image."));
        }
      else if (entry->image->local_path == NULL && entry->image->remote_id != NULL)
        LINE (FALSE, "%s", _("Uploaded to the marketplace; there is no file on this computer."));
      if (entry->problems & PROBLEM_UNREADABLE)
        LINE (TRUE, "%s", _("This file cannot be read as an image. Use a JPEG, PNG or WebP file."));
      if (entry->problems & PROBLEM_FORMAT)
        LINE (TRUE, "%s", _("The marketplace accepts only JPEG, PNG and WebP images. Convert this file."));
      if (entry->problems & PROBLEM_TOO_LARGE)
        {
          g_autofree char *size = g_format_size_full (entry->size, G_FORMAT_SIZE_IEC_UNITS);

          /* Translators: %s is the file's size, e.g. "6.2 MiB". */
          LINE (TRUE, _("The file is %s; the marketplace accepts at most 5 MiB. Save it smaller."), size);
        }
      if (entry->problems & PROBLEM_TOO_SMALL)
        /* Translators: the image's width and height in pixels. */
        LINE (TRUE, _("%u × %u pixels is too small: the marketplace needs at least 800 × 800."),
              entry->width, entry->height);
      if (entry->reupload)
        LINE (FALSE, "%s", _("The file changed since it was uploaded; it will be uploaded again at the next sync."));
    }
  if (index >= SB_IMAGE_STRIP_MAX_IMAGES)
    LINE (TRUE, "%s", _("A product can have at most 10 images. Remove this one or an earlier one."));
  if (entry->field_error != NULL)
    LINE (TRUE, "%s", entry->field_error);
#undef LINE

  if (out_error != NULL)
    *out_error = error;
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
update_entry (SbImageStrip *self,
              Entry        *entry,
              guint         index)
{
  guint n = self->entries->len;
  const char *path = entry->image->local_path;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;
  g_autofree char *earlier = NULL;
  g_autofree char *later = NULL;
  g_autofree char *remove = NULL;
  gboolean error = FALSE;

  name = path != NULL ? g_filename_display_basename (path) : g_strdup (entry->image->remote_id);
  if (name == NULL)
    name = g_strdup ("");
  gtk_label_set_text (GTK_LABEL (entry->name_label), name);
  gtk_widget_set_tooltip_text (entry->name_label, path);
  gtk_widget_set_visible (entry->main_label, index == 0);

  message = entry_dup_message (self, entry, index, &error);
  gtk_label_set_text (GTK_LABEL (entry->message_label), message != NULL ? message : "");
  gtk_widget_set_visible (entry->message_label, message != NULL);
  if (error)
    {
      gtk_widget_add_css_class (entry->message_label, "error");
      gtk_widget_remove_css_class (entry->message_label, "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (entry->message_label, "dim-label");
      gtk_widget_remove_css_class (entry->message_label, "error");
    }

  if (index == 0)
    /* Translators: an image tile, read by screen readers: position, count, file name. */
    label = g_strdup_printf (_("Image %u of %u, the main image: %s"), index + 1, n, name);
  else
    /* Translators: an image tile, read by screen readers: position, count, file name. */
    label = g_strdup_printf (_("Image %u of %u: %s"), index + 1, n, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry->tile),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message != NULL ? message : "",
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry->picture), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  /* Translators: button labels read by screen readers; %u is the image's position. */
  earlier = g_strdup_printf (_("Move image %u earlier"), index + 1);
  later = g_strdup_printf (_("Move image %u later"), index + 1);
  remove = g_strdup_printf (_("Remove image %u"), index + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry->earlier), GTK_ACCESSIBLE_PROPERTY_LABEL, earlier, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry->later), GTK_ACCESSIBLE_PROPERTY_LABEL, later, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry->remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  gtk_widget_set_sensitive (entry->earlier, index > 0);
  gtk_widget_set_sensitive (entry->later, index + 1 < n);
}

static void
update_entries (SbImageStrip *self)
{
  guint n = self->entries->len;
  g_autofree char *count = NULL;

  for (guint i = 0; i < n; i++)
    update_entry (self, g_ptr_array_index (self->entries, i), i);

  /* Translators: how many images the product has, of the most allowed. */
  count = g_strdup_printf (_("%u / %u"), n, SB_IMAGE_STRIP_MAX_IMAGES);
  gtk_label_set_text (self->count_label, count);
  if (n > SB_IMAGE_STRIP_MAX_IMAGES)
    gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "error");
  gtk_widget_set_visible (self->empty_label, n == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->flow_box), n > 0);
}

/* ---- tiles ---- */

static void
earlier_clicked_cb (GtkButton *button,
                    Entry     *entry)
{
  int index = entry_index (entry->self, entry);

  if (index > 0)
    sb_image_strip_move (entry->self, index, index - 1);
}

static void
later_clicked_cb (GtkButton *button,
                  Entry     *entry)
{
  int index = entry_index (entry->self, entry);

  if (index >= 0)
    sb_image_strip_move (entry->self, index, index + 1);
}

static void
remove_clicked_cb (GtkButton *button,
                   Entry     *entry)
{
  int index = entry_index (entry->self, entry);

  if (index >= 0)
    sb_image_strip_remove (entry->self, index);
}

static gboolean
shortcut_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  Entry *entry = user_data;
  const char *what = g_variant_get_string (args, NULL);

  if (g_str_equal (what, "earlier"))
    earlier_clicked_cb (NULL, entry);
  else if (g_str_equal (what, "later"))
    later_clicked_cb (NULL, entry);
  else
    remove_clicked_cb (NULL, entry);
  return TRUE;
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              GdkModifierType        modifiers,
              Entry                 *entry,
              const char            *what)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_callback_action_new (shortcut_cb, entry, NULL));

  gtk_shortcut_set_arguments (shortcut, g_variant_new_string (what));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 Entry         *entry)
{
  return gdk_content_provider_new_typed (GTK_TYPE_FLOW_BOX_CHILD, entry->tile);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               Entry         *entry)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (entry->tile);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
tile_drop_cb (GtkDropTarget *target,
              const GValue  *value,
              double         x,
              double         y,
              Entry         *entry)
{
  SbImageStrip *self = entry->self;
  GtkWidget *dragged = g_value_get_object (value);
  int to = entry_index (self, entry);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *from = g_ptr_array_index (self->entries, i);

      if (from->tile == dragged)
        {
          if ((int) i != to && to >= 0)
            sb_image_strip_move (self, i, to);
          return TRUE;
        }
    }
  return FALSE;
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *tooltip,
             GCallback   callback,
             Entry      *entry)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", callback, entry);
  return button;
}

static Entry *
entry_new (SbImageStrip *self,
           SbImage      *image)
{
  Entry *entry = g_new0 (Entry, 1);
  GtkWidget *box, *overlay, *spinner, *buttons;
  GtkEventController *controller;
  GtkDragSource *drag;
  GtkDropTarget *drop;

  entry->self = self;
  entry->image = image;

  entry->tile = g_object_ref_sink (gtk_flow_box_child_new ());
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_size_request (box, THUMB_SIZE + 12, -1);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (entry->tile), box);

  entry->stack = gtk_stack_new ();
  gtk_widget_set_size_request (entry->stack, THUMB_SIZE, THUMB_SIZE);
  gtk_widget_set_halign (entry->stack, GTK_ALIGN_CENTER);
  spinner = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_stack_add_named (GTK_STACK (entry->stack), spinner, "loading");
  /* A GtkImage, not a GtkPicture: it draws the thumbnail inside a fixed
   * square, keeping its aspect ratio, where a picture grows with the
   * tile's width. */
  entry->picture = gtk_image_new ();
  gtk_image_set_pixel_size (GTK_IMAGE (entry->picture), THUMB_SIZE);
  gtk_stack_add_named (GTK_STACK (entry->stack), entry->picture, "picture");
  entry->icon = gtk_image_new_from_icon_name ("image-x-generic-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (entry->icon), 48);
  gtk_widget_add_css_class (entry->icon, "dim-label");
  gtk_stack_add_named (GTK_STACK (entry->stack), entry->icon, "icon");

  overlay = gtk_overlay_new ();
  gtk_widget_add_css_class (overlay, "card");
  gtk_widget_set_halign (overlay, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (overlay, GTK_ALIGN_START);
  gtk_widget_set_overflow (overlay, GTK_OVERFLOW_HIDDEN);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), entry->stack);
  /* Translators: a badge on the product's first image. */
  entry->main_label = gtk_label_new (_("Main"));
  gtk_widget_set_halign (entry->main_label, GTK_ALIGN_START);
  gtk_widget_set_valign (entry->main_label, GTK_ALIGN_START);
  gtk_widget_set_margin_start (entry->main_label, 4);
  gtk_widget_set_margin_top (entry->main_label, 4);
  gtk_widget_add_css_class (entry->main_label, "osd");
  gtk_widget_add_css_class (entry->main_label, "caption-heading");
  gtk_widget_add_css_class (entry->main_label, "image-main-badge");
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), entry->main_label);
  gtk_box_append (GTK_BOX (box), overlay);

  entry->name_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (entry->name_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (entry->name_label), 16);
  gtk_widget_add_css_class (entry->name_label, "caption");
  gtk_box_append (GTK_BOX (box), entry->name_label);

  entry->message_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (entry->message_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (entry->message_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (entry->message_label), 18);
  gtk_label_set_xalign (GTK_LABEL (entry->message_label), 0);
  gtk_widget_add_css_class (entry->message_label, "caption");
  gtk_widget_set_visible (entry->message_label, FALSE);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  entry->earlier = icon_button ("go-previous-symbolic", _("Move earlier (Alt+Left)"),
                                G_CALLBACK (earlier_clicked_cb), entry);
  entry->later = icon_button ("go-next-symbolic", _("Move later (Alt+Right)"),
                              G_CALLBACK (later_clicked_cb), entry);
  entry->remove = icon_button ("user-trash-symbolic", _("Remove (Delete)"),
                               G_CALLBACK (remove_clicked_cb), entry);
  gtk_box_append (GTK_BOX (buttons), entry->earlier);
  gtk_box_append (GTK_BOX (buttons), entry->later);
  gtk_box_append (GTK_BOX (buttons), entry->remove);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_box_append (GTK_BOX (box), entry->message_label);

  controller = gtk_shortcut_controller_new ();
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Left, GDK_ALT_MASK, entry, "earlier");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Right, GDK_ALT_MASK, entry, "later");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Delete, 0, entry, "remove");
  gtk_widget_add_controller (entry->tile, controller);

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (drag_prepare_cb), entry);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), entry);
  gtk_widget_add_controller (overlay, GTK_EVENT_CONTROLLER (drag));
  drop = gtk_drop_target_new (GTK_TYPE_FLOW_BOX_CHILD, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (tile_drop_cb), entry);
  gtk_widget_add_controller (entry->tile, GTK_EVENT_CONTROLLER (drop));

  return entry;
}

static void
append_image (SbImageStrip *self,
              SbImage      *image)
{
  Entry *entry = entry_new (self, image);

  g_ptr_array_add (self->entries, entry);
  gtk_flow_box_append (self->flow_box, entry->tile);
  start_check (self, entry);
}

static void
clear_entries (SbImageStrip *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      set_checking (self, entry, FALSE);
      gtk_flow_box_remove (self->flow_box, entry->tile);
    }
  g_ptr_array_set_size (self->entries, 0);
}

/* ---- adding files ---- */

static gboolean
has_path (SbImageStrip *self,
          const char   *path)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (entry->image->local_path, path) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SbImageStrip  *self)
{
  GSList *files = g_value_get_boxed (value);

  return sb_image_strip_add_files (self, files) > 0;
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     SbImageStrip    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      GSList *list = NULL;

      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      sb_image_strip_add_files (self, list);
      g_slist_free_full (list, g_object_unref);
      gtk_widget_grab_focus (self->add_button);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

/**
 * sb_image_strip_open_chooser:
 *
 * Opens a file chooser (the portal's when there is one) for JPEG, PNG and
 * WebP files, several at a time; the chosen files are added at the end.
 */
void
sb_image_strip_open_chooser (SbImageStrip *self)
{
  GtkFileFilter *filter;
  GtkRoot *root;

  g_return_if_fail (SB_IS_IMAGE_STRIP (self));

  if (self->chooser != NULL)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->chooser = gtk_file_chooser_native_new (_("Add Images"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("JPEG, PNG and WebP images"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_filter_add_suffix (filter, "jpg");
  gtk_file_filter_add_suffix (filter, "jpeg");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "webp");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  sb_image_strip_open_chooser (SB_IMAGE_STRIP (widget));
}

/* ---- GObject ---- */

static void
sb_image_strip_dispose (GObject *object)
{
  SbImageStrip *self = SB_IMAGE_STRIP (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->entries != NULL)
    clear_entries (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_IMAGE_STRIP);

  G_OBJECT_CLASS (sb_image_strip_parent_class)->dispose (object);
}

static void
sb_image_strip_finalize (GObject *object)
{
  SbImageStrip *self = SB_IMAGE_STRIP (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_image_strip_parent_class)->finalize (object);
}

static void
sb_image_strip_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SbImageStrip *self = SB_IMAGE_STRIP (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, sb_image_strip_get_busy (self));
      break;
    case PROP_N_IMAGES:
      g_value_set_uint (value, self->entries->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_image_strip_class_init (SbImageStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_image_strip_dispose;
  object_class->finalize = sb_image_strip_finalize;
  object_class->get_property = sb_image_strip_get_property;

  /**
   * SbImageStrip:busy:
   *
   * Whether some file is still being checked.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SbImageStrip:n-images:
   *
   * How many images the product has.
   */
  properties[PROP_N_IMAGES] =
    g_param_spec_uint ("n-images", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sellbridge/Sellbridge/ui/sb-image-strip.ui");
  gtk_widget_class_bind_template_child (widget_class, SbImageStrip, count_label);
  gtk_widget_class_bind_template_child (widget_class, SbImageStrip, add_button);
  gtk_widget_class_bind_template_child (widget_class, SbImageStrip, empty_label);
  gtk_widget_class_bind_template_child (widget_class, SbImageStrip, flow_box);
  gtk_widget_class_bind_template_child (widget_class, SbImageStrip, error_label);

  gtk_widget_class_install_action (widget_class, "images.add", NULL, add_action);
}

static void
sb_image_strip_init (SbImageStrip *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_queue_init (&self->waiting);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  update_entries (self);
}

/* ---- public API ---- */

GtkWidget *
sb_image_strip_new (void)
{
  return g_object_new (SB_TYPE_IMAGE_STRIP, NULL);
}

/**
 * sb_image_strip_set_images:
 * @images: (element-type SbImage) (nullable): the product's images, in order
 *
 * Shows copies of @images, replacing those shown, and checks their files.
 */
void
sb_image_strip_set_images (SbImageStrip *self,
                           GPtrArray    *images)
{
  g_return_if_fail (SB_IS_IMAGE_STRIP (self));

  clear_entries (self);
  for (guint i = 0; images != NULL && i < images->len; i++)
    append_image (self, sb_image_copy (g_ptr_array_index (images, i)));
  gtk_label_set_text (self->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_entries (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_IMAGES]);
}

/**
 * sb_image_strip_dup_images:
 *
 * The images in their order, for the product.  An image keeps its
 * marketplace id and SHA-256 unless its file was found to hold other
 * bytes; a new image has its SHA-256 and pixel size once its check
 * finished.
 *
 * Returns: (transfer full) (element-type SbImage): the images
 */
GPtrArray *
sb_image_strip_dup_images (SbImageStrip *self)
{
  GPtrArray *images;

  g_return_val_if_fail (SB_IS_IMAGE_STRIP (self), NULL);

  images = g_ptr_array_new_full (self->entries->len, (GDestroyNotify) sb_image_free);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      g_ptr_array_add (images, sb_image_copy (entry->image));
    }
  return images;
}

guint
sb_image_strip_get_n_images (SbImageStrip *self)
{
  g_return_val_if_fail (SB_IS_IMAGE_STRIP (self), 0);
  return self->entries->len;
}

/**
 * sb_image_strip_add_files:
 * @files: (element-type GFile): files picked or dropped
 *
 * Adds the local files of @files at the end, in their order, and checks
 * them; a file already in the list is not added twice.  The drop handler
 * and the file chooser both come here.
 *
 * Returns: how many images were added
 */
guint
sb_image_strip_add_files (SbImageStrip *self,
                          GSList       *files)
{
  g_autoptr(GString) refused = g_string_new (NULL);
  guint added = 0;
  Entry *first = NULL;

  g_return_val_if_fail (SB_IS_IMAGE_STRIP (self), 0);

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);
      SbImage *image;

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (l->data);

          if (refused->len > 0)
            g_string_append (refused, ", ");
          g_string_append (refused, uri);
          continue;
        }
      if (has_path (self, path))
        continue;
      image = sb_image_new ();
      image->local_path = g_steal_pointer (&path);
      append_image (self, image);
      if (first == NULL)
        first = g_ptr_array_index (self->entries, self->entries->len - 1);
      added++;
    }
  if (refused->len > 0)
    {
      g_autofree char *text = NULL;

      /* Translators: %s lists the addresses of files that are not on this computer. */
      text = g_strdup_printf (_("Only files on this computer can be added. Save these first: %s"), refused->str);
      gtk_label_set_text (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  update_entries (self);
  if (added > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_IMAGES]);
  return added;
}

static GtkWidget *
get_focus (SbImageStrip *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return root != NULL ? gtk_root_get_focus (root) : NULL;
}

/* Keeps the keyboard focus on the moved image's buttons. */
static void
focus_after_move (Entry    *entry,
                  gboolean  earlier)
{
  GtkWidget *want = earlier ? entry->earlier : entry->later;
  GtkWidget *other = earlier ? entry->later : entry->earlier;

  if (gtk_widget_get_sensitive (want))
    gtk_widget_grab_focus (want);
  else if (gtk_widget_get_sensitive (other))
    gtk_widget_grab_focus (other);
  else
    gtk_widget_grab_focus (entry->tile);
}

/**
 * sb_image_strip_move:
 * @from: the image's position
 * @to: its new position; 0 makes it the main image
 */
void
sb_image_strip_move (SbImageStrip *self,
                     guint         from,
                     guint         to)
{
  GtkWidget *focus;
  gboolean had_focus;
  Entry *entry;

  g_return_if_fail (SB_IS_IMAGE_STRIP (self));
  g_return_if_fail (from < self->entries->len);

  to = MIN (to, self->entries->len - 1);
  if (from == to)
    return;
  entry = g_ptr_array_steal_index (self->entries, from);
  g_ptr_array_insert (self->entries, to, entry);

  focus = get_focus (self);
  had_focus = focus != NULL && (focus == entry->tile || gtk_widget_is_ancestor (focus, entry->tile));
  gtk_flow_box_remove (self->flow_box, entry->tile);
  gtk_flow_box_insert (self->flow_box, entry->tile, to);
  update_entries (self);
  if (had_focus)
    focus_after_move (entry, to < from);
}

/**
 * sb_image_strip_remove:
 * @index: the image's position
 */
void
sb_image_strip_remove (SbImageStrip *self,
                       guint         index)
{
  GtkWidget *focus;
  Entry *entry;
  gboolean had_focus;

  g_return_if_fail (SB_IS_IMAGE_STRIP (self));
  g_return_if_fail (index < self->entries->len);

  entry = g_ptr_array_index (self->entries, index);
  focus = get_focus (self);
  had_focus = focus != NULL && (focus == entry->tile || gtk_widget_is_ancestor (focus, entry->tile));
  set_checking (self, entry, FALSE);
  gtk_flow_box_remove (self->flow_box, entry->tile);
  g_ptr_array_remove_index (self->entries, index);
  update_entries (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_IMAGES]);
  if (had_focus)
    {
      if (self->entries->len == 0)
        gtk_widget_grab_focus (self->add_button);
      else
        {
          Entry *next = g_ptr_array_index (self->entries, MIN (index, self->entries->len - 1));

          gtk_widget_grab_focus (next->tile);
        }
    }
}

/**
 * sb_image_strip_get_busy:
 *
 * Returns: %TRUE while some file is still being checked
 */
gboolean
sb_image_strip_get_busy (SbImageStrip *self)
{
  g_return_val_if_fail (SB_IS_IMAGE_STRIP (self), FALSE);
  return self->n_checking > 0;
}

/**
 * sb_image_strip_dup_message:
 * @index: the image's position
 *
 * Returns: (transfer full) (nullable): what is shown under the image:
 *   its problems with the marketplace's rules and notes, one a line
 */
char *
sb_image_strip_dup_message (SbImageStrip *self,
                            guint         index)
{
  g_return_val_if_fail (SB_IS_IMAGE_STRIP (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return entry_dup_message (self, g_ptr_array_index (self->entries, index), index, NULL);
}

/**
 * sb_image_strip_get_button:
 * @index: the image's position
 * @name: "earlier", "later" or "remove"
 *
 * Returns: (transfer none) (nullable): the image's button
 */
GtkWidget *
sb_image_strip_get_button (SbImageStrip *self,
                           guint         index,
                           const char   *name)
{
  Entry *entry;

  g_return_val_if_fail (SB_IS_IMAGE_STRIP (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  entry = g_ptr_array_index (self->entries, index);
  if (g_str_equal (name, "earlier"))
    return entry->earlier;
  if (g_str_equal (name, "later"))
    return entry->later;
  if (g_str_equal (name, "remove"))
    return entry->remove;
  return NULL;
}

/**
 * sb_image_strip_show_error:
 * @index: the image's position, or -1 for the list as a whole
 * @message: the problem, e.g. a marketplace field error for "images[2]"
 */
void
sb_image_strip_show_error (SbImageStrip *self,
                           int           index,
                           const char   *message)
{
  g_return_if_fail (SB_IS_IMAGE_STRIP (self));
  g_return_if_fail (message != NULL);

  if (index >= 0 && (guint) index < self->entries->len)
    {
      Entry *entry = g_ptr_array_index (self->entries, index);
      char *text = entry->field_error != NULL
                   ? g_strdup_printf ("%s\n%s", entry->field_error, message) : g_strdup (message);

      g_free (entry->field_error);
      entry->field_error = text;
      update_entries (self);
    }
  else
    {
      const char *old = gtk_widget_get_visible (GTK_WIDGET (self->error_label))
                        ? gtk_label_get_text (self->error_label) : "";
      g_autofree char *text = old[0] != '\0' ? g_strdup_printf ("%s\n%s", old, message) : g_strdup (message);

      gtk_label_set_text (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

/**
 * sb_image_strip_clear_errors:
 *
 * Forgets the problems given with sb_image_strip_show_error(); what the
 * strip finds itself in the files stays shown.
 */
void
sb_image_strip_clear_errors (SbImageStrip *self)
{
  g_return_if_fail (SB_IS_IMAGE_STRIP (self));

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      g_clear_pointer (&entry->field_error, g_free);
    }
  gtk_label_set_text (self->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_entries (self);
}
