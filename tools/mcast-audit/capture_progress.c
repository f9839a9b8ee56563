/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture_progress.c - one progress line on stderr, rewritten in place at
 * most every 0.5 s: multi-GB captures take a while and the user should see
 * that something happens.  Erased when done so that reports start clean. */
#include <stdio.h>
#include "capture_internal.h"

#define PROGRESS_EVERY_US (G_USEC_PER_SEC / 2)

gboolean ma_progress_due(const ma_progress *pr)
{
    return pr->enabled && g_get_monotonic_time() >= pr->next_us;
}

void ma_progress_tick(ma_progress *pr, guint64 frames, gint64 pos, gint64 total)
{
    if (!pr->enabled)
        return;
    gint64 now = g_get_monotonic_time();
    if (now < pr->next_us)
        return;
    pr->next_us = now + PROGRESS_EVERY_US;
    if (total > 0 && pos >= 0)
        (void)fprintf(stderr, "\rmcast-audit: %3d%%  %.1f/%.1f MB  %" G_GUINT64_FORMAT " frames ",
                (int)(pos * 100 / total), (double)pos / 1e6, (double)total / 1e6, frames);
    else
        (void)fprintf(stderr, "\rmcast-audit: %" G_GUINT64_FORMAT " frames ", frames);
    (void)fflush(stderr);
    pr->printed = TRUE;
}

void ma_progress_done(ma_progress *pr)
{
    if (pr->printed)
        (void)fprintf(stderr, "\r\033[K");
    pr->printed = FALSE;
}
