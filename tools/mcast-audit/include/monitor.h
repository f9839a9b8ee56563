/* SPDX-License-Identifier: GPL-2.0-or-later */
/* monitor.h - mcast-audit as a probe (--listen): while the capture runs, a
 * metrics endpoint serves the correlator's figures, a tick judges it
 * provisionally once a second (time-based verdicts appear while running),
 * newly raised verdicts are logged on stderr, SIGHUP re-opens the output.
 * The capture thread and the server share the correlator under one lock. */
#ifndef MA_MONITOR_H
#define MA_MONITOR_H

#include <stdio.h>
#include "capture.h"
#include "correlator.h"

typedef struct {
    const char *listen;        /* ADDR:PORT */
    const ma_thresholds *th;
    guint max_flow_series;     /* 0 = default */
    double idle_timeout_s;     /* live: retire sessions and flows idle this long (0 = never) */
    gboolean live;             /* clock: wall time (live) or the capture's own */
    const char *output_path;   /* re-opened on SIGHUP; NULL = standard output */
    FILE **output;
} ma_monitor_opts;

typedef struct ma_monitor ma_monitor;

/* Starts the endpoint (binding fails here, before any capture). */
ma_monitor *ma_monitor_start(const ma_monitor_opts *o, ma_correlator *corr, ma_capture_stats *st,
                             GError **err);
/* Hooks the capture: sets copts' lock and UDP observer. */
void ma_monitor_attach(ma_monitor *m, ma_capture_opts *copts);
/* Judges under the lock (after the capture, before the final report). */
void ma_monitor_finish(ma_monitor *m, gint64 end_ns);
/* Stops the endpoint and frees the monitor. */
void ma_monitor_stop(ma_monitor *m);

#endif
