/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture_run.c - the run: open every input up front (so a bad one fails
 * before any work), merge them by timestamp into one numbered capture,
 * decode each frame, and flush reassembly at the end. */
#include <string.h>
#include "capture_file.h"
#include "capture_internal.h"
#include "capture_live.h"

#define MA_FRAME_MAX G_MAXUINT32 /* events number frames with 32 bits */

gboolean ma_capture_check_files(const char *const *files, GError **err)
{
    gboolean ok = TRUE;
    guint n_stdin = 0;
    for (guint i = 0; ok && files[i]; i++) {
        if (strcmp(files[i], "-") == 0) {
            if (++n_stdin > 1) {
                g_set_error(err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_OPEN,
                            "standard input (\"-\") given more than once");
                ok = FALSE;
            }
            continue; /* read once, when its turn comes */
        }
        ma_capture_file s;
        ok = ma_capture_file_open(&s, files[i], err);
        ma_capture_file_close(&s);
    }
    return ok;
}

static gboolean open_all(const char *const *files, GArray *srcs, GError **err)
{
    guint n_stdin = 0;
    for (guint i = 0; files[i]; i++)
        n_stdin += strcmp(files[i], "-") == 0;
    if (n_stdin > 1) {
        g_set_error(err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_OPEN,
                    "standard input (\"-\") given more than once");
        return FALSE;
    }
    for (guint i = 0; files[i]; i++) {
        ma_capture_file s;
        gboolean ok = ma_capture_file_open(&s, files[i], err);
        g_array_append_val(srcs, s); /* closed by the caller, opened or not */
        if (!ok)
            return FALSE;
    }
    return TRUE;
}

/* The input whose next packet is earliest; ties go to the earlier input so
 * that one file's packets keep their order. */
static ma_capture_file *earliest(GArray *srcs)
{
    ma_capture_file *best = NULL;
    for (guint i = 0; i < srcs->len; i++) {
        ma_capture_file *s = &g_array_index(srcs, ma_capture_file, i);
        if (s->have && (!best || s->ts_ns < best->ts_ns))
            best = s;
    }
    return best;
}

static void progress(ma_progress *pr, GArray *srcs, guint64 frames)
{
    gint64 pos = 0, total = 0;
    if (!ma_progress_due(pr))
        return; /* not shown (no terminal, --quiet) or shown less than 0.5 s ago */
    for (guint i = 0; i < srcs->len; i++) {
        ma_capture_file *s = &g_array_index(srcs, ma_capture_file, i);
        gint64 p = ma_capture_file_position(s);
        if (s->size < 0 || p < 0) {
            total = -1;
            break;
        }
        pos += p;
        total += s->size;
    }
    ma_progress_tick(pr, frames, pos, total);
}

void ma_decode_frame_locked(ma_decoder *d, const ma_capture_opts *opts, const ma_frame_in *in)
{
    if (opts->lock != NULL)
        g_mutex_lock(opts->lock);
    ma_decode_frame(d, in);
    if (opts->lock != NULL)
        g_mutex_unlock(opts->lock);
}

void ma_capture_set_open(const ma_capture_opts *opts, ma_capture_stats *st, const char *input)
{
    if (opts->lock != NULL)
        g_mutex_lock(opts->lock);
    st->open = input != NULL;
    if (input != NULL && opts->on_open != NULL)
        opts->on_open(opts->on_udp_data, input);
    if (opts->lock != NULL)
        g_mutex_unlock(opts->lock);
}

void ma_decoder_flush_locked(ma_decoder *d, const ma_capture_opts *opts)
{
    if (opts->lock != NULL)
        g_mutex_lock(opts->lock);
    ma_decoder_flush(d);
    if (opts->lock != NULL)
        g_mutex_unlock(opts->lock);
}

static void read_merged(GArray *srcs, const ma_capture_opts *opts, ma_decoder *dec,
                        ma_capture_stats *st)
{
    ma_progress pr = { .enabled = opts->progress };
    guint64 frame = 0;
    for (guint i = 0; i < srcs->len; i++)
        ma_capture_file_next(&g_array_index(srcs, ma_capture_file, i), st, 0);
    ma_capture_file *s;
    while ((s = earliest(srcs))) {
        if (ma_capture_sigint_seen()) {
            st->interrupted = TRUE;
            ma_capture_warn(st, "interrupted after frame %" G_GUINT64_FORMAT
                            "; sessions up to there are reported", frame);
            break;
        }
        if (frame == MA_FRAME_MAX) {
            ma_capture_warn(st, "stopped after frame %" G_GUINT64_FORMAT
                            ": frame numbers are 32-bit", frame);
            break;
        }
        frame++;
        ma_frame_in in = { s->dlt, (uint32_t)frame, s->ts_ns, s->data, s->hdr->caplen, s->hdr->len };
        ma_decode_frame_locked(dec, opts, &in);
        ma_capture_file_next(s, st, frame);
        if ((frame & 255) == 0)
            progress(&pr, srcs, frame);
    }
    ma_progress_done(&pr);
}

/* When each pcapng file's capture really ended (standard input is read
 * once, so it cannot tell); a block that does not parse is a warning. */
static void note_isb_end(const char *const *files, ma_capture_stats *st)
{
    for (guint i = 0; files[i] != NULL && st->dec.frames > 0; i++) {
        if (strcmp(files[i], "-") == 0)
            continue;
        char *problem = NULL;
        gint64 end = ma_capture_isb_end_ns(files[i], st->dec.first_ns, st->dec.last_ns, &problem);
        if (problem != NULL)
            ma_capture_warn(st, "%s: pcapng %s; its interface statistics are not used past it",
                            files[i], problem);
        g_free(problem);
        st->isb_end_ns = MAX(st->isb_end_ns, end);
    }
}

gboolean ma_capture_run_sink(const ma_capture_opts *opts, const ma_sink *sink,
                             ma_capture_stats *st, GError **err)
{
    gboolean have_files = opts->files && opts->files[0];
    if (!st->warnings)
        st->warnings = g_ptr_array_new_with_free_func(g_free);
    if (have_files && opts->iface) {
        g_set_error(err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_OPEN,
                    "give capture files or an interface, not both");
        return FALSE;
    }
    if (!have_files && !opts->iface) {
        g_set_error(err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_OPEN, "no capture file given");
        return FALSE;
    }
    ma_decoder_opts dopts = ma_capture_decoder_opts(opts);
    ma_decoder *dec = ma_decoder_new(&dopts, sink, &st->dec);
    gboolean ok;
    if (opts->iface) {
        ok = ma_capture_live(opts, dec, st, err);
    } else {
        GArray *srcs = g_array_new(FALSE, TRUE, sizeof(ma_capture_file));
        ok = open_all(opts->files, srcs, err);
        if (ok) {
            ma_capture_set_open(opts, st, opts->files[0]);
            ma_capture_sigint_install(NULL);
            read_merged(srcs, opts, dec, st);
            ma_capture_sigint_restore();
            ma_capture_set_open(opts, st, NULL);
        }
        for (guint i = 0; i < srcs->len; i++)
            ma_capture_file_close(&g_array_index(srcs, ma_capture_file, i));
        g_array_free(srcs, TRUE);
        if (ok)
            note_isb_end(opts->files, st);
    }
    if (ok)
        ma_decoder_flush_locked(dec, opts);
    ma_decoder_free(dec);
    return ok;
}
