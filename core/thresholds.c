/* SPDX-License-Identifier: GPL-2.0-or-later */
/* thresholds.c - the verdict limits: the table of the ones a user sets
 * (name, default, range, help; the CLI, its man page and the plugin are
 * written from it) and the defaults of the rest. */
#include "thresholds.h"

#include <stddef.h>
#include <string.h>

#define DAY_MS 86400000.0 /* a limit longer than a day is a typo */

static const ma_threshold_def table[] = {
    {
        .option = "max-loss",
        .pref = "max_loss_pct",
        .label = "Max loss (%)",
        .arg = "PCT",
        .kind = MA_THRESHOLD_NUMBER,
        .dflt = 0.0,
        .min = 0.0,
        .max = 100.0,
        .verdict = "MA307",
        .help = "Loss above PCT percent of the expected packets is an error",
        .offset = offsetof(ma_thresholds, max_loss_pct),
    },
    {
        .option = "max-jitter",
        .pref = "max_jitter_ms",
        .label = "Max jitter (ms)",
        .arg = "MS",
        .kind = MA_THRESHOLD_NUMBER,
        .dflt = 30.0,
        .min = 0.0,
        .max = DAY_MS,
        .verdict = "MA308",
        .help = "RFC 3550 interarrival jitter above MS milliseconds is a warning",
        .offset = offsetof(ma_thresholds, max_jitter_ms),
    },
    {
        .option = "max-join-latency",
        .pref = "max_join_latency_ms",
        .label = "Max join latency (ms)",
        .arg = "MS",
        .kind = MA_THRESHOLD_NUMBER,
        .dflt = 1000.0,
        .min = 0.0,
        .max = DAY_MS,
        .verdict = "MA209",
        .help = "A client join later than MS after the PLAY reply is a warning",
        .offset = offsetof(ma_thresholds, max_join_latency_ms),
    },
    {
        .option = "max-first-packet",
        .pref = "max_first_packet_ms",
        .label = "Max first packet delay (ms)",
        .arg = "MS",
        .kind = MA_THRESHOLD_NUMBER,
        .dflt = 2000.0,
        .min = 0.0,
        .max = DAY_MS,
        .verdict = "MA306",
        .help = "A first media packet later than MS after the PLAY reply is a warning",
        .offset = offsetof(ma_thresholds, max_first_packet_ms),
    },
    {
        .option = "max-zap",
        .pref = "max_zap_ms",
        .label = "Max zap time (ms)",
        .arg = "MS",
        .kind = MA_THRESHOLD_NUMBER,
        /* IPTV probes' usual target for the network's share of a channel
         * change (join to first packet); the whole zap, decoder included,
         * is usually held to 1-2 s */
        .dflt = 500.0,
        .min = 0.0,
        .max = DAY_MS,
        .verdict = "MA360",
        .help = "A first media packet later than MS after a join of a group without RTSP "
                "(zap time) is a warning",
        .offset = offsetof(ma_thresholds, max_zap_ms),
    },
    {
        .option = "fail-on",
        .pref = "fail_on",
        .label = "Fail on",
        .arg = "SEVERITY",
        .kind = MA_THRESHOLD_SEVERITY,
        .dflt = MA_SEV_ERROR,
        .min = MA_SEV_WARNING,
        .max = MA_SEV_ERROR,
        .verdict = NULL,
        .help = "Verdicts of SEVERITY (warning or error) or worse make the result FAIL (exit 1)",
        .offset = offsetof(ma_thresholds, fail_on),
    },
};

guint ma_threshold_count(void)
{
    return G_N_ELEMENTS(table);
}

const ma_threshold_def *ma_threshold_get(guint i)
{
    return i < G_N_ELEMENTS(table) ? &table[i] : NULL;
}

double *ma_threshold_number(ma_thresholds *t, const ma_threshold_def *d)
{
    g_return_val_if_fail(d->kind == MA_THRESHOLD_NUMBER, NULL);
    return (double *)(void *)((char *)t + d->offset);
}

ma_severity *ma_threshold_severity(ma_thresholds *t, const ma_threshold_def *d)
{
    g_return_val_if_fail(d->kind == MA_THRESHOLD_SEVERITY, NULL);
    return (ma_severity *)(void *)((char *)t + d->offset);
}

char *ma_threshold_value_text(const ma_threshold_def *d, double v)
{
    if (d->kind == MA_THRESHOLD_SEVERITY)
        return g_strdup(ma_severity_name((ma_severity)v));
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    return g_strdup(g_ascii_formatd(buf, sizeof buf, "%.10g", v));
}

char *ma_threshold_describe(const ma_threshold_def *d)
{
    char *dflt = ma_threshold_value_text(d, d->dflt);
    char *out = d->verdict != NULL
                    ? g_strdup_printf("%s (%s; default %s)", d->help, d->verdict, dflt)
                    : g_strdup_printf("%s (default %s)", d->help, dflt);
    g_free(dflt);
    return out;
}

void ma_thresholds_init(ma_thresholds *t)
{
    memset(t, 0, sizeof *t);
    for (guint i = 0; i < G_N_ELEMENTS(table); i++) {
        const ma_threshold_def *d = &table[i];
        if (d->kind == MA_THRESHOLD_NUMBER)
            *ma_threshold_number(t, d) = d->dflt;
        else
            *ma_threshold_severity(t, d) = (ma_severity)d->dflt;
    }
    t->membership_interval_s = 260.0; /* RFC 3376 8.4: QRV*QI + QRI = 2*125 + 10 */
    t->expiry_tolerance_s = 20.0;     /* kernel timers fire up to ~16 s late */
    t->default_session_timeout_s = 60.0; /* RFC 2326 12.37 */
    t->mdi_interval_s = 1.0;             /* RFC 4445 3: "e.g. 1 second" */
    t->expect_port = -1;
    t->max_sessions = 1024;
    t->max_flows = 4096;
}
