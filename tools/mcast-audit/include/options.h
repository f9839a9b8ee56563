/* SPDX-License-Identifier: GPL-2.0-or-later */
/* options.h - mcast-audit's command line (GOptionContext), checked before
 * any input is read so that every usage error ends with exit code 2. */
#ifndef MA_OPTIONS_H
#define MA_OPTIONS_H

#include <glib.h>
#include <stdint.h>
#include "thresholds.h"

#define MA_CLI_ERROR (ma_cli_error_quark())
GQuark ma_cli_error_quark(void);
typedef enum { MA_CLI_ERROR_USAGE } ma_cli_error_code;

#define MA_CLI_DEFAULT_IDLE_TIMEOUT_S 3600.0

typedef enum { MA_FORMAT_TEXT, MA_FORMAT_JSON, MA_FORMAT_JUNIT, MA_FORMAT_HTML } ma_format;
typedef enum { MA_COLOR_AUTO, MA_COLOR_ALWAYS, MA_COLOR_NEVER } ma_color_mode;

typedef struct {
    char **files;             /* NULL-terminated, "-" = stdin; NULL with --interface */
    char *iface;
    double duration_s; /* 0 = until interrupted (else > 0) */
    gboolean merge;    /* --merge: one audit of all files, merged by time */
    uint16_t *rtsp_ports;
    guint n_rtsp_ports;
    ma_format format;
    char *output;             /* NULL or "-" = stdout */
    char *html;               /* --html FILE: the HTML report as well, or NULL */
    ma_color_mode color;
    gboolean quiet;
    gboolean list_udp;        /* also list UDP flows tied to nothing (counted otherwise) */
    gboolean list_membership; /* text: list every IGMP/MLD message */
    gboolean version;         /* --version asked: print and exit 0 */
    ma_thresholds th;         /* defaults overridden by the threshold options */
    char *listen;             /* --listen ADDR:PORT: serve metrics (a probe), NULL = no */
    guint max_flow_series;    /* --max-flow-series, 0 = default */
    double idle_timeout_s;    /* --idle-timeout: a live probe retires what is idle this long */
    /* --sdp FILE (repeatable): each file's name and text, checked strictly
     * at parse time; every audit parses its own copy (ma_cli_sdp_load) */
    char **sdp_names;
    char **sdp_texts;
} ma_cli_options;

/* Parse argv (GOptionContext; --help prints and exits 0 inside).  FALSE with
 * err set (MA_CLI_ERROR_USAGE, one line) on any usage error. */
gboolean ma_cli_options_parse(ma_cli_options *o, int argc, char **argv, GError **err);
void ma_cli_options_clear(ma_cli_options *o);

/* Is an --sdp file usable: it parses strictly (RFC 8866) and has at least
 * one m= section with a multicast c= and a port?  Else err says
 * "FILE: line N: ..." (the file, then the line). */
gboolean ma_cli_sdp_check(const char *text, gsize len, const char *name, GError **err);

/* Value parsers, exposed for tests.  Each sets err on bad input. */
gboolean ma_cli_parse_number(const char *opt, const char *text, double min, double max,
                             double *out, GError **err);
gboolean ma_cli_parse_port(const char *opt, const char *text, uint16_t *out, GError **err);
/* ADDR, ADDR:PORT, [IPV6]:PORT or bare IPv6; the address must be multicast. */
gboolean ma_cli_parse_group(const char *text, ma_addr *addr, int *port, GError **err);

#endif
