/* SPDX-License-Identifier: GPL-2.0-or-later */
/* prefs.c - preferences mirroring the CLI's thresholds.  Wireshark 4.0 has
 * no floating-point preference, so the limits are strings parsed here; an
 * invalid value falls back to the core's default rather than failing. */
#include "ma_plugin.h"

#include <errno.h>
#include <epan/prefs.h>

static const char *pref_max_loss_pct = "0";
static const char *pref_max_jitter_ms = "30";
static const char *pref_max_join_latency_ms = "1000";
static const char *pref_max_first_packet_ms = "2000";
static gint pref_fail_on = MA_SEV_ERROR;

static const enum_val_t fail_on_vals[] = {
    { "info", "info", MA_SEV_INFO },
    { "warning", "warning", MA_SEV_WARNING },
    { "error", "error", MA_SEV_ERROR },
    { NULL, NULL, 0 },
};

void ma_prefs_register(int proto)
{
    /* No apply callback needed: Wireshark redissects after a change, which
     * runs the init routine that builds a correlator with the new limits. */
    module_t *m = prefs_register_protocol(proto, NULL);

    prefs_register_string_preference(m, "max_loss_pct", "Max loss (%)",
        "MA307 when lost/expected*100 exceeds this (CLI --max-loss)", &pref_max_loss_pct);
    prefs_register_string_preference(m, "max_jitter_ms", "Max jitter (ms)",
        "MA308 when the running RFC 3550 jitter exceeds this (CLI --max-jitter)", &pref_max_jitter_ms);
    prefs_register_string_preference(m, "max_join_latency_ms", "Max join latency (ms)",
        "MA209 when the client joins later than this after the PLAY reply (CLI --max-join-latency)",
        &pref_max_join_latency_ms);
    prefs_register_string_preference(m, "max_first_packet_ms", "Max first packet delay (ms)",
        "MA306 when the first RTP packet comes later than this after the PLAY reply (CLI --max-first-packet)",
        &pref_max_first_packet_ms);
    prefs_register_enum_preference(m, "fail_on", "Fail on",
        "Lowest verdict severity that makes a session FAIL (CLI --fail-on)", &pref_fail_on, fail_on_vals, FALSE);
}

/* A non-negative finite number, or the default. */
static double ma_pref_double(const char *text, double dflt)
{
    if (!text || !*text)
        return dflt;
    char *end = NULL;
    errno = 0;
    double v = g_ascii_strtod(text, &end);
    while (end && g_ascii_isspace(*end))
        end++;
    if (errno != 0 || !end || *end != '\0' || !(v >= 0.0) || v > 1e12)
        return dflt;
    return v;
}

void ma_prefs_thresholds(ma_thresholds *out)
{
    ma_thresholds_init(out);
    out->max_loss_pct = ma_pref_double(pref_max_loss_pct, out->max_loss_pct);
    out->max_jitter_ms = ma_pref_double(pref_max_jitter_ms, out->max_jitter_ms);
    out->max_join_latency_ms = ma_pref_double(pref_max_join_latency_ms, out->max_join_latency_ms);
    out->max_first_packet_ms = ma_pref_double(pref_max_first_packet_ms, out->max_first_packet_ms);
    if (pref_fail_on >= MA_SEV_INFO && pref_fail_on <= MA_SEV_ERROR)
        out->fail_on = (ma_severity)pref_fail_on;
}
