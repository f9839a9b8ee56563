/* SPDX-License-Identifier: GPL-2.0-or-later */
/* metrics.h - the probe's metrics model: what a running correlator and the
 * capture's health look like to Prometheus (README, "Running a fleet",
 * lists every family).  Besides reading the correlator it keeps the few
 * figures Prometheus cannot derive from counters: each flow's largest
 * jitter since the last scrape and its bitrate over the last tick, and the
 * set of verdicts raised so far (a counter must never go down, while a
 * provisional verdict may stand and fall). */
#ifndef MA_METRICS_H
#define MA_METRICS_H

#include <glib.h>
#include "capture.h"
#include "correlator.h"
#include "metrics_text.h"

typedef struct ma_metrics ma_metrics;

/* A verdict raised for the first time, or fallen (no longer standing). */
typedef void (*ma_metrics_verdict_fn)(void *ud, const ma_verdict *v, gboolean raised);

typedef struct {
    const ma_thresholds *th;   /* the correlator's (timeouts, membership interval); NULL = defaults */
    guint max_flow_series;     /* RTP flows exported at most (label cardinality); 0 = 1000 */
    ma_metrics_verdict_fn on_verdict; /* may be NULL */
    void *on_verdict_data;
} ma_metrics_opts;

ma_metrics *ma_metrics_new(const ma_metrics_opts *opts);
void ma_metrics_free(ma_metrics *m);

/* After each UDP event fed to the correlator (info as it returned it). */
void ma_metrics_note_udp(ma_metrics *m, const ma_frame_info *info);
/* Periodically (about once a second) and before each scrape: counts the
 * membership changes that came, retires what is idle since retire_ns (0 =
 * nothing), judges the correlator provisionally at now_ns (unless it is
 * finished), counts verdicts raised since the last tick, updates bitrates. */
void ma_metrics_tick(ma_metrics *m, ma_correlator *c, gint64 now_ns, gint64 retire_ns);
/* Entries the model keeps besides the correlator (flows, standing verdicts,
 * groups): they follow the correlator's bounded tables as it retires. */
guint ma_metrics_model_size(const ma_metrics *m);
/* The exposition at now_ns.  Resets the since-the-last-scrape maxima. */
void ma_metrics_render(ma_metrics *m, const ma_correlator *c, const ma_capture_stats *st,
                       gint64 now_ns, ma_om_format format, GString *out);

#endif
