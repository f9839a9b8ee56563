/* SPDX-License-Identifier: GPL-2.0-or-later */
/* options.c - mcast-audit's command line: GOptionContext collects strings,
 * then every value is checked here so a bad one is a usage error (exit 2)
 * before any capture is opened. */
#include "options_internal.h"

#include <glib/gstdio.h>

#include "sdp.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK(ma-cli-error-quark, ma_cli_error)

#define HELP_SUMMARY                                                                        \
    "Audits RTSP-negotiated multicast streams (IP cameras, IPTV) in pcap/pcapng captures:\n" \
    "correlates RTSP SETUP/PLAY, IGMP/MLD joins and the RTP/RTCP that arrives, and names\n"   \
    "what went wrong (client never joined, TTL 1, loss, no querier, ...) with frame numbers."

/* After the thresholds paragraph, which options_thresholds.c writes. */
#define HELP_DESCRIPTION                                                                           \
    "\n"                                                                                           \
    "Several FILEs are audited one by one (one report each, exit code of the worst);\n"            \
    "--merge audits them as one capture merged by timestamp.\n"                                    \
    "\n"                                                                                           \
    "Exit status:\n"                                                                               \
    "  0  PASS, or WARN with no verdict at or above --fail-on\n"                                   \
    "  1  FAIL: a verdict at or above --fail-on (default: error)\n"                                \
    "  2  usage error or unreadable input (one line on stderr)\n"                                  \
    "  (several files: the worst of their results)\n"                                              \
    "\n"                                                                                           \
    "Examples:\n"                                                                                  \
    "  mcast-audit camera.pcap\n"                                                                  \
    "  mcast-audit --format json -o report.json camera.pcapng\n"                                   \
    "  mcast-audit --html report.html camera.pcap\n"                                               \
    "  mcast-audit --format junit --fail-on warning -o junit.xml *.pcap\n"                         \
    "  tcpdump -U -w - -i eth0 | mcast-audit -\n"                                                  \
    "  mcast-audit -i eth0 --duration 30 --expect-group 239.255.255.200:8860\n"                    \
    "  mcast-audit -i eth0 --listen 127.0.0.1:9464     (a probe for Prometheus)\n"                 \
    "\n"                                                                                           \
    "See mcast-audit(1) for the verdict codes and the JSON schema."

/* Raw strings as GOption hands them over; checked in ma_cli_options_parse. */
typedef struct {
    char **files;
    char *iface;
    char *duration;
    char **rtsp_ports;
    char **clock_rates;
    char **sdp_files;
    char *format;
    char *output;
    char *html;
    ma_cli_threshold_args th; /* --max-loss, ..., --fail-on: the core's table */
    char *expect_group;
    char *color;
    char *listen;
    char *max_flow_series;
    char *idle_timeout;
    char *mdi_interval;
    gboolean quiet;
    gboolean list_udp;
    gboolean list_membership;
    gboolean version;
    gboolean merge;
    gboolean require_session;
} raw_options;

static void raw_options_clear(raw_options *r)
{
    g_strfreev(r->files);
    g_strfreev(r->rtsp_ports);
    g_strfreev(r->clock_rates);
    g_strfreev(r->sdp_files);
    g_free(r->iface);
    g_free(r->duration);
    g_free(r->format);
    g_free(r->output);
    g_free(r->html);
    ma_cli_threshold_args_clear(&r->th);
    g_free(r->expect_group);
    g_free(r->color);
    g_free(r->listen);
    g_free(r->max_flow_series);
    g_free(r->idle_timeout);
    g_free(r->mdi_interval);
    memset(r, 0, sizeof *r);
}

static GOptionContext *make_context(raw_options *r, char **description)
{
    const GOptionEntry before[] = {
        {"interface", 'i', 0, G_OPTION_ARG_STRING, &r->iface,
         "Capture live on IFACE instead of reading files (needs capture rights)", "IFACE"},
        {"duration", 0, 0, G_OPTION_ARG_STRING, &r->duration,
         "With -i: stop after SECONDS (default: until Ctrl-C)", "SECONDS"},
        {"rtsp-port", 0, 0, G_OPTION_ARG_STRING_ARRAY, &r->rtsp_ports,
         "Also decode RTSP on TCP PORT (554 and 8554 always); repeatable", "PORT"},
        {"clock-rate", 0, 0, G_OPTION_ARG_STRING_ARRAY, &r->clock_rates,
         "RTP payload type PT has a clock of HZ (as Wireshark's Decode As; wins over the SDP "
         "and the inference); repeatable",
         "PT=HZ"},
        {"sdp", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &r->sdp_files,
         "An SDP file (RFC 8866: c=, m=, a=rtpmap, a=source-filter) describes streams to "
         "expect: each m= is audited as if a SETUP had negotiated it; repeatable",
         "FILE"},
        {"merge", 0, 0, G_OPTION_ARG_NONE, &r->merge,
         "Audit all FILEs as one capture merged by timestamp (one capture written by several "
         "interfaces); default: one audit per file",
         NULL},
        {"format", 0, 0, G_OPTION_ARG_STRING, &r->format,
         "Report format: text, json, junit or html (default text)", "FORMAT"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &r->output,
         "Write the report to FILE instead of standard output", "FILE"},
        {"html", 0, 0, G_OPTION_ARG_FILENAME, &r->html,
         "Also write the self-contained HTML report (ladder diagrams, plots) to FILE", "FILE"},
    };
    const GOptionEntry after[] = {
        {"expect-group", 0, 0, G_OPTION_ARG_STRING, &r->expect_group,
         "Every multicast track must use this group (and port), MA313; nothing sent to it is "
         "MA922; IPv6 as [ADDR]:PORT",
         "ADDR[:PORT]"},
        {"require-session", 0, 0, G_OPTION_ARG_NONE, &r->require_session,
         "Fail (MA107) unless at least one RTSP PLAY was answered 2xx", NULL},
        {"mdi-interval", 0, 0, G_OPTION_ARG_STRING, &r->mdi_interval,
         "RFC 4445 MDI measurement interval in SECONDS, 0.01 to 60 (default 1)", "SECONDS"},
        {"color", 0, 0, G_OPTION_ARG_STRING, &r->color,
         "Colour severity words: auto (when stdout is a terminal), always, never", "WHEN"},
        {"listen", 0, 0, G_OPTION_ARG_STRING, &r->listen,
         "Run as a probe: serve Prometheus/OpenMetrics metrics on http://ADDR:PORT/metrics "
         "until SIGTERM (with files: after reading them)",
         "ADDR:PORT"},
        {"max-flow-series", 0, 0, G_OPTION_ARG_STRING, &r->max_flow_series,
         "With --listen: export at most N RTP flows (label cardinality; default 1000)", "N"},
        {"idle-timeout", 0, 0, G_OPTION_ARG_STRING, &r->idle_timeout,
         "With --listen -i: forget sessions and flows idle for SECONDS (default 3600)", "SECONDS"},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &r->quiet,
         "Text: print only the final result line; no progress", NULL},
        {"list-udp", 0, 0, G_OPTION_ARG_NONE, &r->list_udp,
         "Also list UDP flows tied to no session that are not RTP (DNS, LLMNR, ...): counted "
         "otherwise",
         NULL},
        {"list-membership", 0, 0, G_OPTION_ARG_NONE, &r->list_membership,
         "Text: list every IGMP/MLD message (repeats folded), record by record, with its "
         "checksum",
         NULL},
        {"version", 0, 0, G_OPTION_ARG_NONE, &r->version,
         "Print the version and the libpcap/GLib versions, then exit", NULL},
        {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &r->files, NULL,
         "FILE... (\"-\" = standard input)"},
        G_OPTION_ENTRY_NULL};
    GArray *entries = g_array_new(FALSE, FALSE, sizeof(GOptionEntry));
    g_array_append_vals(entries, before, G_N_ELEMENTS(before));
    ma_cli_threshold_entries(&r->th, entries);
    g_array_append_vals(entries, after, G_N_ELEMENTS(after));
    GOptionContext *ctx = g_option_context_new(NULL);
    g_option_context_set_summary(ctx, HELP_SUMMARY);
    char *thresholds = ma_cli_threshold_summary();
    *description = g_strconcat(thresholds, HELP_DESCRIPTION, NULL);
    g_free(thresholds);
    g_option_context_set_description(ctx, *description);
    g_option_context_add_main_entries(ctx, (const GOptionEntry *)(void *)entries->data, NULL);
    g_array_free(entries, TRUE);
    return ctx;
}

gboolean ma_cli_usage(GError **err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error_literal(err, MA_CLI_ERROR, MA_CLI_ERROR_USAGE, msg);
    g_free(msg);
    return FALSE;
}

gboolean ma_cli_parse_number(const char *opt, const char *text, double min, double max,
                             double *out, GError **err)
{
    char *end = NULL;
    /* g_ascii_strtod: "0.5" means the same whatever the locale. */
    double v = text[0] != '\0' ? g_ascii_strtod(text, &end) : NAN;
    if (end == NULL || *end != '\0' || end == text || !isfinite(v))
        return ma_cli_usage(err, "%s: '%s' is not a number", opt, text);
    if (v < min || v > max)
        return ma_cli_usage(err, "%s: %s is out of range (%.10g to %.10g)", opt, text, min, max);
    *out = v;
    return TRUE;
}

gboolean ma_cli_parse_port(const char *opt, const char *text, uint16_t *out, GError **err)
{
    guint64 v = 0;
    if (!g_ascii_string_to_unsigned(text, 10, 1, 65535, &v, NULL))
        return ma_cli_usage(err, "%s: '%s' is not a port number (1-65535)", opt, text);
    *out = (uint16_t)v;
    return TRUE;
}

/* Split "A:P", "[A6]:P", "A6" or "A" into address text and optional port.
 * The out-parameters follow the text's own order (address, then port). */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
static gboolean split_group(const char *text, char **addr, char **port)
{
    *addr = NULL;
    *port = NULL;
    if (text[0] == '[') {
        const char *close = strchr(text, ']');
        if (close == NULL || (close[1] != '\0' && close[1] != ':'))
            return FALSE;
        *addr = g_strndup(text + 1, (gsize)(close - text - 1));
        if (close[1] == ':')
            *port = g_strdup(close + 2);
        return TRUE;
    }
    const char *colon = strchr(text, ':');
    if (colon != NULL && strchr(colon + 1, ':') == NULL) { /* exactly one colon: IPv4:port */
        *addr = g_strndup(text, (gsize)(colon - text));
        *port = g_strdup(colon + 1);
    } else {
        *addr = g_strdup(text); /* IPv4 alone, or IPv6 without brackets (no port) */
    }
    return TRUE;
}

gboolean ma_cli_parse_group(const char *text, ma_addr *addr, int *port, GError **err)
{
    char *a = NULL, *p = NULL;
    gboolean ok = split_group(text, &a, &p);
    if (!ok || !ma_addr_parse(a, addr)) {
        ok = ma_cli_usage(err, "--expect-group: '%s' is not ADDR, ADDR:PORT or [IPV6]:PORT", text);
    } else if (!ma_addr_is_multicast(addr)) {
        ok = ma_cli_usage(err, "--expect-group: %s is not a multicast address", a);
    } else {
        uint16_t v = 0;
        *port = -1;
        ok = p == NULL || ma_cli_parse_port("--expect-group", p, &v, err);
        if (ok && p != NULL)
            *port = v;
    }
    g_free(a);
    g_free(p);
    return ok;
}

static gboolean parse_format(const char *text, ma_format *out, GError **err)
{
    if (text == NULL || strcmp(text, "text") == 0)
        *out = MA_FORMAT_TEXT;
    else if (strcmp(text, "json") == 0)
        *out = MA_FORMAT_JSON;
    else if (strcmp(text, "junit") == 0)
        *out = MA_FORMAT_JUNIT;
    else if (strcmp(text, "html") == 0)
        *out = MA_FORMAT_HTML;
    else
        return ma_cli_usage(err, "--format: '%s' is not text, json, junit or html", text);
    return TRUE;
}

static gboolean parse_color(const char *text, ma_color_mode *out, GError **err)
{
    if (text == NULL || strcmp(text, "auto") == 0)
        *out = MA_COLOR_AUTO;
    else if (strcmp(text, "always") == 0)
        *out = MA_COLOR_ALWAYS;
    else if (strcmp(text, "never") == 0)
        *out = MA_COLOR_NEVER;
    else
        return ma_cli_usage(err, "--color: '%s' is not auto, always or never", text);
    return TRUE;
}

static gboolean check_thresholds(const raw_options *r, ma_thresholds *th, GError **err)
{
    if (!ma_cli_threshold_check(&r->th, th, err))
        return FALSE;
    if (r->expect_group == NULL)
        return TRUE;
    th->expect_group_set = TRUE;
    return ma_cli_parse_group(r->expect_group, &th->expect_group, &th->expect_port, err);
}

static gboolean check_clock_rates(const raw_options *r, ma_thresholds *th, GError **err)
{
    for (guint i = 0; r->clock_rates != NULL && r->clock_rates[i] != NULL; i++) {
        GError *perr = NULL;
        if (!ma_clock_rates_parse(r->clock_rates[i], th->clock_rates, &perr)) {
            ma_cli_usage(err, "--clock-rate: %s", perr->message);
            g_error_free(perr);
            return FALSE;
        }
    }
    return TRUE;
}

static gboolean check_ports(const raw_options *r, ma_cli_options *o, GError **err)
{
    guint n = r->rtsp_ports != NULL ? g_strv_length(r->rtsp_ports) : 0;
    o->rtsp_ports = g_new0(uint16_t, n + 1);
    for (guint i = 0; i < n; i++)
        if (!ma_cli_parse_port("--rtsp-port", r->rtsp_ports[i], &o->rtsp_ports[i], err))
            return FALSE;
    o->n_rtsp_ports = n;
    return TRUE;
}

gboolean ma_cli_sdp_check(const char *text, gsize len, const char *name, GError **err)
{
    GError *perr = NULL;
    ma_sdp *sdp = ma_sdp_parse_strict(text, len, &perr);
    if (sdp == NULL) {
        gboolean ok = ma_cli_usage(err, "--sdp %s: %s", name, perr->message);
        g_error_free(perr);
        return ok;
    }
    gboolean usable = FALSE;
    for (guint i = 0; i < sdp->media->len && !usable; i++) {
        const ma_sdp_media *m = g_ptr_array_index(sdp->media, i);
        const ma_sdp_conn *c = ma_sdp_media_conn(sdp, m);
        usable = c != NULL && ma_addr_is_multicast(&c->addr) && m->port > 0 && m->port < 65535;
    }
    guint line = sdp->media->len > 0 ? ((ma_sdp_media *)g_ptr_array_index(sdp->media, 0))->line : 0;
    ma_sdp_free(sdp);
    if (usable)
        return TRUE;
    if (line == 0)
        return ma_cli_usage(err, "--sdp %s: no m= line: nothing to expect", name);
    return ma_cli_usage(err,
                        "--sdp %s: line %u: no m= section has a multicast c= address and a port "
                        "(RFC 8866 5.7, 5.14): nothing to expect",
                        name, line);
}

/* Every --sdp file read and checked now, so a bad one ends with exit 2
 * before any capture is read. */
static gboolean check_sdp_files(raw_options *r, ma_cli_options *o, GError **err)
{
    guint n = r->sdp_files != NULL ? g_strv_length(r->sdp_files) : 0;
    if (n == 0)
        return TRUE;
    o->sdp_names = g_new0(char *, n + 1);
    o->sdp_texts = g_new0(char *, n + 1);
    for (guint i = 0; i < n; i++) {
        const char *name = r->sdp_files[i];
        char *text = NULL;
        gsize len = 0;
        GError *ferr = NULL;
        if (name[0] == '\0')
            return ma_cli_usage(err, "--sdp: empty file name");
        /* bounded before reading it whole: an SDP file is small */
        GStatBuf st;
        if (g_stat(name, &st) == 0 && st.st_size > MA_SDP_MAX_BYTES)
            return ma_cli_usage(err, "--sdp %s: %lld bytes, over the %d-byte limit of an SDP", name,
                                (long long)st.st_size, MA_SDP_MAX_BYTES);
        if (!g_file_get_contents(name, &text, &len, &ferr)) {
            gboolean ok = ma_cli_usage(err, "--sdp %s: %s", name, ferr->message);
            g_error_free(ferr);
            return ok;
        }
        if (!ma_cli_sdp_check(text, len, name, err)) {
            g_free(text);
            return FALSE;
        }
        o->sdp_names[i] = g_strdup(name);
        o->sdp_texts[i] = text;
    }
    return TRUE;
}

static gboolean check_inputs(raw_options *r, ma_cli_options *o, GError **err)
{
    gboolean have_files = r->files != NULL && r->files[0] != NULL;
    if (r->iface != NULL && have_files)
        return ma_cli_usage(err, "give either FILE... or --interface, not both");
    if (r->iface == NULL && !have_files)
        return ma_cli_usage(err,
                            "no input: give FILE... (\"-\" = standard input) or --interface IFACE "
                            "(see --help)");
    if (r->iface != NULL && r->iface[0] == '\0')
        return ma_cli_usage(err, "--interface: empty interface name");
    if (r->duration != NULL && r->iface == NULL)
        return ma_cli_usage(err, "--duration only applies to a live capture (--interface)");
    if (r->duration != NULL &&
        !ma_cli_parse_number("--duration", r->duration, 0.0, 86400.0 * 365, &o->duration_s, err))
        return FALSE;
    /* 0 would silently mean "until Ctrl-C": leave --duration out for that. */
    if (r->duration != NULL && !(o->duration_s > 0.0))
        return ma_cli_usage(err, "--duration: must be more than 0 seconds (leave it out to capture "
                                 "until Ctrl-C)");
    if (r->merge && r->iface != NULL)
        return ma_cli_usage(err, "--merge applies to capture files, not to --interface");
    o->files = have_files ? g_steal_pointer(&r->files) : NULL;
    o->iface = g_steal_pointer(&r->iface);
    return TRUE;
}

/* Several files are audited one by one; the HTML page and the probe show
 * one capture, so they need one file or --merge. */
static gboolean check_one_capture(const ma_cli_options *o, GError **err)
{
    guint n = o->files != NULL ? g_strv_length(o->files) : 0;
    if (n <= 1 || o->merge)
        return TRUE;
    if (o->format == MA_FORMAT_HTML || o->html != NULL)
        return ma_cli_usage(err, "the HTML report shows one capture: give one FILE, or --merge");
    if (o->listen != NULL)
        return ma_cli_usage(err, "--listen serves one capture: give one FILE, or --merge");
    return TRUE;
}

static gboolean check_values(raw_options *r, ma_cli_options *o, GError **err)
{
    if (r->output != NULL && r->output[0] == '\0')
        return ma_cli_usage(err, "--output: empty file name");
    if (r->html != NULL && r->html[0] == '\0')
        return ma_cli_usage(err, "--html: empty file name");
    o->output = g_steal_pointer(&r->output);
    o->html = g_steal_pointer(&r->html);
    o->quiet = r->quiet;
    o->list_udp = r->list_udp;
    o->list_membership = r->list_membership;
    if (r->listen != NULL && r->listen[0] == '\0')
        return ma_cli_usage(err, "--listen: empty address");
    if (r->max_flow_series != NULL && r->listen == NULL)
        return ma_cli_usage(err, "--max-flow-series only applies to a probe (--listen)");
    guint64 series = 0;
    if (r->max_flow_series != NULL &&
        !g_ascii_string_to_unsigned(r->max_flow_series, 10, 1, 1000000, &series, NULL))
        return ma_cli_usage(err, "--max-flow-series: '%s' is not a number from 1 to 1000000",
                            r->max_flow_series);
    o->max_flow_series = (guint)series;
    o->idle_timeout_s = MA_CLI_DEFAULT_IDLE_TIMEOUT_S;
    if (r->idle_timeout != NULL && r->listen == NULL)
        return ma_cli_usage(err, "--idle-timeout only applies to a probe (--listen)");
    if (r->idle_timeout != NULL &&
        !ma_cli_parse_number("--idle-timeout", r->idle_timeout, 10.0, 86400.0 * 365,
                             &o->idle_timeout_s, err))
        return FALSE;
    if (r->mdi_interval != NULL && !ma_cli_parse_number("--mdi-interval", r->mdi_interval, 0.01,
                                                        60.0, &o->th.mdi_interval_s, err))
        return FALSE;
    o->listen = g_steal_pointer(&r->listen);
    o->merge = r->merge;
    o->th.require_session = r->require_session;
    return parse_format(r->format, &o->format, err) && parse_color(r->color, &o->color, err) &&
           check_thresholds(r, &o->th, err) && check_clock_rates(r, &o->th, err) &&
           check_ports(r, o, err) && check_sdp_files(r, o, err) && check_inputs(r, o, err);
}

gboolean ma_cli_options_parse(ma_cli_options *o, int argc, char **argv, GError **err)
{
    memset(o, 0, sizeof *o);
    ma_thresholds_init(&o->th);
    raw_options r;
    memset(&r, 0, sizeof r);
    char *description = NULL;
    GOptionContext *ctx = make_context(&r, &description);
    GError *perr = NULL;
    gboolean ok = g_option_context_parse(ctx, &argc, &argv, &perr);
    g_option_context_free(ctx);
    g_free(description);
    if (!ok) {
        ma_cli_usage(err, "%s (see --help)", perr->message);
        g_error_free(perr);
    } else if (r.version) {
        o->version = TRUE; /* nothing else matters */
    } else {
        ok = check_values(&r, o, err) && check_one_capture(o, err);
    }
    raw_options_clear(&r);
    return ok;
}

void ma_cli_options_clear(ma_cli_options *o)
{
    g_strfreev(o->files);
    g_free(o->iface);
    g_free(o->rtsp_ports);
    g_free(o->output);
    g_free(o->html);
    g_free(o->listen);
    g_strfreev(o->sdp_names);
    g_strfreev(o->sdp_texts);
    memset(o, 0, sizeof *o);
}
