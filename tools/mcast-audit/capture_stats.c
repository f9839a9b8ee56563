/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture_stats.c - the capture side's error domain, statistics and
 * warnings (one line each, for the report). */
#include <stdarg.h>
#include <string.h>
#include "capture_internal.h"

G_DEFINE_QUARK(ma-capture-error-quark, ma_capture_error)

void ma_capture_stats_init(ma_capture_stats *st)
{
    memset(st, 0, sizeof *st);
    st->warnings = g_ptr_array_new_with_free_func(g_free);
}

void ma_capture_stats_clear(ma_capture_stats *st)
{
    if (st->warnings)
        g_ptr_array_unref(st->warnings);
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
