/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture_internal.h - internal to mcast-audit's capture side (capture_*.c and
 * the capture tests): running the decoders over inputs with any sink, Ctrl-C,
 * the progress line and warnings.  The public side is include/capture.h. */
#ifndef MA_CAPTURE_INTERNAL_H
#define MA_CAPTURE_INTERNAL_H

#include <glib.h>
#include "capture.h"
#include "frame_decode.h"

/* capture_run.c: ma_capture_run() with any sink (the tests count events). */
gboolean ma_capture_run_sink(const ma_capture_opts *opts, const ma_sink *sink,
                             ma_capture_stats *st, GError **err);
/* ma_decode_frame / ma_decoder_flush under the options' lock (when set). */
void ma_decode_frame_locked(ma_decoder *d, const ma_capture_opts *opts, const ma_frame_in *in);
/* The input opened (input: its name) or closed (NULL), under the lock. */
void ma_capture_set_open(const ma_capture_opts *opts, ma_capture_stats *st, const char *input);
void ma_decoder_flush_locked(ma_decoder *d, const ma_capture_opts *opts);
/* capture_signal.c: Ctrl-C ends the run cleanly (live: pcap_breakloop). */
void ma_capture_sigint_install(void *live_pcap);
void ma_capture_sigint_restore(void);
gboolean ma_capture_sigint_seen(void);
/* capture_progress.c: a progress line on stderr at most every 0.5 s. */
typedef struct {
    gboolean enabled;
    gint64 next_us;
    gboolean printed;
} ma_progress;
void ma_progress_tick(ma_progress *pr, guint64 frames, gint64 pos, gint64 total);
/* TRUE when a tick now would print: the caller need not find the position
 * (ftello costs an lseek) otherwise. */
gboolean ma_progress_due(const ma_progress *pr);
void ma_progress_done(ma_progress *pr);
/* capture_stats.c */
void ma_capture_warn(ma_capture_stats *st, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* capture_isb.c: the latest isb_endtime of a pcapng file's interface
 * statistics blocks, in ns (0: none, or not pcapng); first_ns/last_ns are
 * its packets' times (an end far from them is not taken).  *problem (g_free)
 * says why the walk stopped early, NULL when it read every block. */
gint64 ma_capture_isb_end_ns(const char *path, gint64 first_ns, gint64 last_ns, char **problem);
/* Record an input cut short (MA921); sets st->truncated. */
void ma_capture_cut_add(ma_capture_stats *st, const char *input, guint64 after_frame,
                        gboolean unreadable);

#endif
