/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture_stats.c - the capture side's error domain, statistics and
 * warnings (one line each, for the report). */
#include <stdarg.h>
#include <string.h>
#include "capture_internal.h"

G_DEFINE_QUARK(ma-capture-error-quark, ma_capture_error)

static void cut_clear(gpointer p)
{
    g_free(((ma_capture_cut *)p)->input);
}

void ma_capture_stats_init(ma_capture_stats *st)
{
    memset(st, 0, sizeof *st);
    st->warnings = g_ptr_array_new_with_free_func(g_free);
    st->cuts = g_array_new(FALSE, TRUE, sizeof(ma_capture_cut));
    g_array_set_clear_func(st->cuts, cut_clear);
}

void ma_capture_cut_add(ma_capture_stats *st, const char *input, guint64 after_frame,
                        gboolean unreadable)
{
    ma_capture_cut cut = {g_strdup(input), after_frame, unreadable};
    st->truncated = TRUE;
    if (st->cuts == NULL) {
        st->cuts = g_array_new(FALSE, TRUE, sizeof(ma_capture_cut));
        g_array_set_clear_func(st->cuts, cut_clear);
    }
    g_array_append_val(st->cuts, cut);
}

void ma_capture_stats_clear(ma_capture_stats *st)
{
    if (st->warnings)
        g_ptr_array_unref(st->warnings);
    if (st->cuts)
        g_array_free(st->cuts, TRUE);
    memset(st, 0, sizeof *st);
}

void ma_capture_warn(ma_capture_stats *st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *line = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (!st->warnings)
        st->warnings = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(st->warnings, line);
}
