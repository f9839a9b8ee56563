/* SPDX-License-Identifier: GPL-2.0-or-later */
/* transport.h - the RTSP Transport header, RFC 2326 section 12.39 and
 * RFC 7826 section 18.54.  A header holds comma-separated alternatives
 * (transport-specs); a reply normally holds exactly one. */
#ifndef MA_TRANSPORT_H
#define MA_TRANSPORT_H

#include <glib.h>
#include <stdint.h>
#include "addr.h"

#define MA_TRANSPORT_ERROR (ma_transport_error_quark())
GQuark ma_transport_error_quark(void);

typedef enum { MA_CAST_UNSPECIFIED, MA_CAST_UNICAST, MA_CAST_MULTICAST } ma_cast;
typedef enum { MA_LOWER_DEFAULT_UDP, MA_LOWER_UDP, MA_LOWER_TCP, MA_LOWER_OTHER } ma_lower;

typedef struct {
    gboolean present;
    int lo, hi; /* hi == lo for a single port / channel */
} ma_port_range;

typedef struct {
    gboolean present;
    char *host;  /* as written, unquoted; may be a name */
    ma_addr addr;  /* set when host is a literal address */
    int port;      /* RFC 7826 "host:port" form, else -1 */
    int port2;     /* port of the second address of an RFC 7826 list
                      ("RTP"/"RTCP" pair), else -1 */
} ma_tp_host;

typedef struct {
    char *protocol;  /* "RTP" */
    char *profile;   /* "AVP", "SAVP", "AVPF", "SAVPF" */
    ma_lower lower;  /* from "/UDP" or "/TCP"; absent means UDP */
    char *lower_text; /* as written or NULL */
    ma_cast cast;
    ma_tp_host destination; /* RFC 2326 destination=, or first RFC 7826 dest_addr */
    ma_tp_host source;      /* RFC 2326 source=, or first RFC 7826 src_addr */
    ma_port_range port, client_port, server_port, interleaved;
    int ttl;     /* -1 when absent */
    int layers;  /* -1 when absent */
    guint32 ssrc[16];
    guint n_ssrc;
    GPtrArray *modes; /* char*, unquoted, uppercased: "PLAY", "RECORD" */
    gboolean append;
    GPtrArray *unknown; /* char*: unknown "name" or "name=value" parameters kept */
} ma_transport_spec;

typedef struct {
    GPtrArray *specs; /* ma_transport_spec*, in order, at least one */
} ma_transport;

/* Limits on untrusted input. */
#define MA_TRANSPORT_MAX_SPECS 64
#define MA_TRANSPORT_MAX_MODES 16
#define MA_TRANSPORT_MAX_SSRC 16
#define MA_TRANSPORT_MAX_UNKNOWN 32 /* unknown parameters kept per spec */

/* Parse a Transport header value.  On malformed input returns NULL, sets err
 * ("offset N: ...") and, when err_offset is not NULL, the byte offset.
 * IPv6 hosts are stored without their brackets; parameter names are matched
 * case-insensitively; empty elements (";;", ",,", a trailing ";") are
 * tolerated, as RFC 2326's #rule allows. */
ma_transport *ma_transport_parse(const char *value, gsize *err_offset, GError **err);
void ma_transport_free(ma_transport *t);
ma_transport_spec *ma_transport_spec_copy(const ma_transport_spec *s);
void ma_transport_spec_free(ma_transport_spec *s);
/* First spec, or NULL. */
const ma_transport_spec *ma_transport_first(const ma_transport *t);
/* The media port pair a multicast spec names: port=, else client_port= (seen
 * in the field), else server_port=, else the RFC 7826 dest_addr port(s).
 * A single port P gives P and P+1 (RTP/RTCP).  FALSE when none. */
gboolean ma_transport_media_ports(const ma_transport_spec *s, int *rtp_port, int *rtcp_port);
/* Short description, e.g. "RTP/AVP multicast 239.1.1.1:8860-8861 ttl=128" (g_free). */
char *ma_transport_spec_describe(const ma_transport_spec *s);
/* The spec in Transport header syntax, e.g.
 * "RTP/AVP/UDP;multicast;destination=239.1.1.1;port=8860-8861;ttl=16":
 * cast, hosts, interleaved, ports, ttl, the first ssrc, modes (g_free; NULL
 * for NULL).  Hosts are written as parsed, an RFC 7826 port after ':'. */
char *ma_transport_spec_header_text(const ma_transport_spec *s);

#endif
