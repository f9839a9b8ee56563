/* SPDX-License-Identifier: GPL-2.0-or-later */
/* prefs.c - preferences mirroring the CLI's thresholds, both written from
 * the core's threshold table.  Wireshark 4.0 has no floating-point
 * preference, so the limits are strings parsed here; an invalid value falls
 * back to the table's default rather than failing. */
#include "ma_plugin.h"

#include <errno.h>
#include <string.h>
#include <epan/prefs.h>

/* One preference per row of the core's threshold table (thresholds.c): the
 * same names, defaults, ranges and help as the CLI's options. */
#define MA_PREFS_MAX 16u
static const char *pref_text[MA_PREFS_MAX]; /* number preferences (strings) */
static char pref_dflt_text[MA_PREFS_MAX][G_ASCII_DTOSTR_BUF_SIZE]; /* Wireshark copies it */
static char *pref_help[MA_PREFS_MAX];                              /* Wireshark keeps the pointer */
static gint pref_enum[MA_PREFS_MAX];                               /* severity preferences */
static enum_val_t severity_vals[MA_PREFS_MAX][MA_SEV_ERROR + 2];
/* "96=90000,97=8000": the CLI's --clock-rate PT=HZ, as Decode As would set it */
static const char *pref_clock_rates = "";
static const char *pref_sdp_files = "";

/* The enumeration of a severity row: its range of ma_severity names. */
static const enum_val_t *severity_choices(guint row, const ma_threshold_def *d)
{
    enum_val_t *v = severity_vals[row];
    guint n = 0;
    for (int sev = (int)d->min; sev <= (int)d->max; sev++) {
        const char *name = ma_severity_name((ma_severity)sev);
        v[n].name = name;
        v[n].description = name;
        v[n].value = sev;
        n++;
    }
    v[n].name = NULL;
    v[n].description = NULL;
    v[n].value = 0;
    return v;
}

void ma_prefs_register(int proto)
{
    /* No apply callback needed: Wireshark redissects after a change, which
     * runs the init routine that builds a correlator with the new limits. */
    module_t *m = prefs_register_protocol(proto, NULL);

    g_assert(ma_threshold_count() <= MA_PREFS_MAX);
    for (guint i = 0; i < ma_threshold_count(); i++) {
        const ma_threshold_def *d = ma_threshold_get(i);
        char *describe = ma_threshold_describe(d);
        g_free(pref_help[i]);
        pref_help[i] = g_strdup_printf("%s; CLI --%s", describe, d->option);
        const char *help = pref_help[i];
        g_free(describe);
        if (d->kind == MA_THRESHOLD_SEVERITY) {
            pref_enum[i] = (gint)d->dflt;
            prefs_register_enum_preference(m, d->pref, d->label, help, &pref_enum[i],
                                           severity_choices(i, d), FALSE);
        } else {
            char *dflt = ma_threshold_value_text(d, d->dflt);
            g_strlcpy(pref_dflt_text[i], dflt, sizeof pref_dflt_text[i]);
            g_free(dflt);
            pref_text[i] = pref_dflt_text[i];
            prefs_register_string_preference(m, d->pref, d->label, help, &pref_text[i]);
        }
    }
    prefs_register_string_preference(
        m, "clock_rates", "RTP clock rates (PT=HZ,...)",
        "RTP clock rate per payload type, e.g. 96=90000,97=8000, as Decode As would set it: wins "
        "over the SDP and the inference (a dynamic payload type with no SDP); an invalid list is "
        "ignored as a whole; CLI --clock-rate",
        &pref_clock_rates);
    prefs_register_string_preference(
        m, "sdp_files", "SDP files (PATH;PATH...)",
        "SDP files (RFC 8866: c=, m=, a=rtpmap, a=source-filter) describing streams to expect "
        "without RTSP: each m= with a multicast c= and a port is audited as if a SETUP had "
        "negotiated it and decodes as RTP; a file that cannot be read or does not parse strictly "
        "is counted as the decode event sdp.file_refused (expert info on frame 1); CLI "
        "--sdp",
        &pref_sdp_files);
}

void ma_prefs_describe(ma_correlator *c)
{
    gchar **paths = g_strsplit(pref_sdp_files != NULL ? pref_sdp_files : "", ";", 64);
    for (guint i = 0; paths[i] != NULL; i++) {
        char *path = g_strstrip(paths[i]);
        char *text = NULL;
        gsize len = 0;
        if (*path == '\0')
            continue;
        ma_sdp *sdp = NULL;
        if (g_file_get_contents(path, &text, &len, NULL) && len <= MA_SDP_MAX_BYTES)
            sdp = ma_sdp_parse_strict(text, len, NULL);
        g_free(text);
        if (sdp != NULL) /* the correlator takes it (and frees it when nothing is usable) */
            (void)ma_correlator_describe(c, sdp, MA_ORIGIN_SDP_FILE, path, 0, NULL);
        else /* shown on frame 1, where the expert infos of the capture's events start */
            ma_correlator_decode_event(c, MA_DE_SDP_FILE_REFUSED, 1);
    }
    g_strfreev(paths);
}

/* A finite number in the row's range, or the default: a preference cannot
 * refuse a value the way the CLI does, so a bad one falls back. */
static double ma_pref_double(const char *text, const ma_threshold_def *d)
{
    if (!text || !*text)
        return d->dflt;
    char *end = NULL;
    errno = 0;
    double v = g_ascii_strtod(text, &end);
    while (end && g_ascii_isspace(*end))
        end++;
    if (errno != 0 || !end || *end != '\0' || !(v >= d->min) || v > d->max)
        return d->dflt;
    return v;
}

void ma_prefs_thresholds(ma_thresholds *out)
{
    ma_thresholds_init(out);
    for (guint i = 0; i < ma_threshold_count() && i < MA_PREFS_MAX; i++) {
        const ma_threshold_def *d = ma_threshold_get(i);
        if (d->kind == MA_THRESHOLD_SEVERITY) {
            if (pref_enum[i] >= (gint)d->min && pref_enum[i] <= (gint)d->max)
                *ma_threshold_severity(out, d) = (ma_severity)pref_enum[i];
        } else {
            *ma_threshold_number(out, d) = ma_pref_double(pref_text[i], d);
        }
    }
    if (!ma_clock_rates_parse(pref_clock_rates, out->clock_rates, NULL))
        memset(out->clock_rates, 0, sizeof out->clock_rates); /* as a bad number: the default */
}
