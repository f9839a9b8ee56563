/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sdp.h - Session Description Protocol, RFC 8866 (obsoletes RFC 4566), the
 * parts a multicast audit needs: c=, m=, a=rtpmap, a=control, and
 * a=source-filter (RFC 4570). */
#ifndef MA_SDP_H
#define MA_SDP_H

#include <glib.h>
#include <stdint.h>
#include "addr.h"

#define MA_SDP_ERROR (ma_sdp_error_quark())
GQuark ma_sdp_error_quark(void);
typedef enum {
    MA_SDP_ERROR_NO_VERSION, /* no v= line, or v= not the first SDP line */
    MA_SDP_ERROR_VERSION,    /* v= other than 0 */
    MA_SDP_ERROR_TOO_LARGE,  /* over MA_SDP_MAX_BYTES or MA_SDP_MAX_LINES */
    MA_SDP_ERROR_SYNTAX,     /* strict parsing only: a line the lenient parser would skip */
} ma_sdp_error_code;

/* Bounds: an SDP body is untrusted input. */
#define MA_SDP_MAX_BYTES 65536   /* whole description */
#define MA_SDP_MAX_LINES 2048
#define MA_SDP_MAX_LINE_LEN 4096 /* longer lines are skipped */
#define MA_SDP_MAX_MEDIA 64      /* further m= sections are skipped */
#define MA_SDP_MAX_RTPMAPS 128   /* per media */
#define MA_SDP_MAX_FORMATS 128   /* per m= line */
#define MA_SDP_MAX_FILTERS 16    /* a=source-filter per level */
#define MA_SDP_MAX_FILTER_SOURCES 64
#define MA_SDP_MAX_CONN_ADDRS 64 /* c= /count (RFC 8866 5.7: layers of one media) */

typedef struct {
    gboolean present;
    char *nettype, *addrtype; /* "IN", "IP4"/"IP6" */
    char *address;            /* as written, without /ttl/count */
    ma_addr addr;             /* set when address is a literal */
    int ttl;                  /* IPv4 multicast /ttl, else -1 */
    int count;                /* /count (number of addresses), default 1; over 1 only for a
                               * multicast literal whose last address is multicast too,
                               * at most MA_SDP_MAX_CONN_ADDRS (else the line is refused) */
} ma_sdp_conn;

typedef struct {
    int payload_type;
    char *encoding;   /* "H264" */
    guint clock_rate; /* 90000 */
    char *params;     /* channels etc., or NULL */
} ma_sdp_rtpmap;

typedef struct {
    gboolean include;  /* "incl" vs "excl" */
    char *dest;        /* destination address or "*" */
    GPtrArray *sources; /* char* */
} ma_sdp_source_filter;

typedef struct {
    char *media;   /* "video" */
    int port;      /* 0 allowed (cameras that name the port only in SETUP) */
    int port_count; /* m=video 8860/2 -> 2, default 1 */
    char *proto;   /* "RTP/AVP" */
    GPtrArray *formats; /* char* */
    ma_sdp_conn conn;   /* media-level c= (first one) */
    GArray *rtpmaps;    /* ma_sdp_rtpmap */
    char *control;      /* a=control value or NULL */
    GPtrArray *source_filters; /* ma_sdp_source_filter* */
    guint line;                /* 1-based line of its m= (for messages) */
} ma_sdp_media;

typedef struct {
    int version;
    char *origin;        /* o= line as written */
    char *session_name;  /* s= */
    ma_sdp_conn conn;    /* session-level c= */
    char *control;       /* session-level a=control */
    GPtrArray *source_filters; /* session-level */
    GPtrArray *media;    /* ma_sdp_media* */
    guint skipped_lines; /* garbage, malformed, over-long or over-limit lines */
} ma_sdp;

/* Parse SDP text (CRLF or LF lines). Tolerant of unknown lines; NULL only
 * when no v= line or no usable structure. */
ma_sdp *ma_sdp_parse(const char *text, gsize len, GError **err);
/* The same, strictly: a file a user wrote (mcast-audit --sdp) fails on the
 * first line the lenient parser would skip (malformed, repeated, over a
 * bound, not "x=..."), with MA_SDP_ERROR_SYNTAX and "line N: ..." in the
 * message, so the user learns which line to fix instead of getting an audit
 * that silently expects less. */
ma_sdp *ma_sdp_parse_strict(const char *text, gsize len, GError **err);
void ma_sdp_free(ma_sdp *sdp);
/* The c= that applies to a media: media-level else session-level (or NULL). */
const ma_sdp_conn *ma_sdp_media_conn(const ma_sdp *sdp, const ma_sdp_media *m);
/* Address i (0 .. count - 1) of a c=: the base plus i (RFC 8866 5.7); FALSE
 * when i is out of range or the address is no literal. */
gboolean ma_sdp_conn_addr(const ma_sdp_conn *c, guint i, ma_addr *out);
/* Absolute control URL of a media (RFC 2326 C.1.1): absolute a=control as is;
 * relative one joined to base_url (Content-Base, Content-Location or the
 * DESCRIBE URL) with exactly one '/' between; "*" or absent means base_url
 * itself.  With base_url NULL an absolute session-level a=control is the base.
 * NULL when no absolute URL can be formed.  g_free the result. */
char *ma_sdp_media_control_url(const ma_sdp *sdp, const ma_sdp_media *m, const char *base_url);
/* The media whose control URL equals setup_url, else NULL; with one media
 * and no a=control, that media.  Compared ignoring a trailing '/', user info,
 * case of scheme and host, and an explicit default port (rtsp :554). */
const ma_sdp_media *ma_sdp_find_media_for_url(const ma_sdp *sdp, const char *setup_url,
                                              const char *base_url);
/* Clock rate for a payload type in a media: a=rtpmap, else RFC 3551's static
 * table; 0 = unknown (state it, never guess). */
guint ma_sdp_clock_rate(const ma_sdp_media *m, int payload_type);
const ma_sdp_rtpmap *ma_sdp_rtpmap_for(const ma_sdp_media *m, int payload_type);
/* RFC 3551 static payload types: clock rate and name, 0/NULL when dynamic/unassigned. */
guint ma_rtp_static_clock_rate(int payload_type);
const char *ma_rtp_static_encoding(int payload_type);

#endif
