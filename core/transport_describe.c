/* SPDX-License-Identifier: GPL-2.0-or-later */
/* transport_describe.c - questions about a parsed transport-spec: the
 * media port pair it names, a one-line description for messages, and the
 * spec written back in Transport header syntax. */
#include "transport.h"
#include <string.h>


/* pair[0] = RTP port, pair[1] = RTCP port (the next one when not given). */
static gboolean range_ports(const ma_port_range *r, int pair[2])
{
    if (!r->present)
        return FALSE;
    pair[0] = r->lo;
    pair[1] = r->hi != r->lo ? r->hi : r->lo + 1;
    return TRUE;
}

/* The two out-parameters are fixed by the header's contract. */
gboolean ma_transport_media_ports(const ma_transport_spec *s, int *rtp_port, int *rtcp_port) // NOLINT(bugprone-easily-swappable-parameters)
{
    int pair[2] = {-1, -1};
    if (s == NULL)
        return FALSE;
    if (!range_ports(&s->port, pair) && !range_ports(&s->client_port, pair) &&
        !range_ports(&s->server_port, pair)) {
        if (s->destination.port < 0)
            return FALSE;
        pair[0] = s->destination.port;
        pair[1] = s->destination.port2 >= 0 ? s->destination.port2 : pair[0] + 1;
    }
    if (rtp_port != NULL)
        *rtp_port = pair[0];
    if (rtcp_port != NULL)
        *rtcp_port = pair[1];
    return TRUE;
}

/* " port=8860-8861" (sep ' ', descriptions) or ";port=8860" (sep ';', header). */
static void append_range(GString *out, char sep, const char *name, const ma_port_range *r)
{
    if (!r->present)
        return;
    g_string_append_printf(out, "%c%s=%d", sep, name, r->lo);
    if (r->hi != r->lo)
        g_string_append_printf(out, "-%d", r->hi);
}

static void append_host(GString *out, const char *prefix, const ma_tp_host *h)
{
    char buf[MA_ADDR_STRLEN];
    if (!h->present)
        return;
    g_string_append(out, prefix);
    const char *host = h->addr.family != 0 ? ma_addr_to_str(&h->addr, buf) : h->host;
    if (host != NULL && h->port >= 0 && h->addr.family == 6)
        g_string_append_printf(out, "[%s]", host);
    else if (host != NULL)
        g_string_append(out, host);
    else if (h->port < 0)
        g_string_append(out, "(client)");
    if (h->port >= 0)
        g_string_append_printf(out, ":%d", h->port);
}

char *ma_transport_spec_describe(const ma_transport_spec *s)
{
    if (s == NULL)
        return g_strdup("(none)");
    GString *out = g_string_new(NULL);
    g_string_append_printf(out, "%s/%s", s->protocol, s->profile);
    if (s->lower_text != NULL)
        g_string_append_printf(out, "/%s", s->lower_text);
    if (s->cast != MA_CAST_UNSPECIFIED)
        g_string_append(out, s->cast == MA_CAST_MULTICAST ? " multicast" : " unicast");
    append_host(out, " ", &s->destination);
    append_host(out, " source=", &s->source);
    append_range(out, ' ', "port", &s->port);
    append_range(out, ' ', "client_port", &s->client_port);
    append_range(out, ' ', "server_port", &s->server_port);
    append_range(out, ' ', "interleaved", &s->interleaved);
    if (s->ttl >= 0)
        g_string_append_printf(out, " ttl=%d", s->ttl);
    if (s->layers >= 0)
        g_string_append_printf(out, " layers=%d", s->layers);
    for (guint i = 0; i < s->n_ssrc; i++)
        g_string_append_printf(out, "%s%08X", i == 0 ? " ssrc=" : "/", (unsigned)s->ssrc[i]);
    for (guint i = 0; i < s->modes->len; i++)
        g_string_append_printf(out, "%s%s", i == 0 ? " mode=" : ",", (const char *)g_ptr_array_index(s->modes, i));
    if (s->append)
        g_string_append(out, " append");
    return g_string_free(out, FALSE);
}

/* ---- back to header syntax ---- */

/* A host without a port is RFC 2326's destination=/source=; with a port it
 * can only be RFC 7826's quoted dest_addr/src_addr, IPv6 in brackets (a
 * bare "2001:db8::1:5000" would be ambiguous). */
typedef struct {
    const char *rfc2326, *rfc7826; /* "destination", "dest_addr" */
} host_param;
static const host_param DEST = {"destination", "dest_addr"};
static const host_param SRC = {"source", "src_addr"};

static void header_host(GString *s, const host_param *name, const ma_tp_host *h)
{
    if (!h->present || h->host == NULL)
        return;
    if (h->port < 0) {
        g_string_append_printf(s, ";%s=%s", name->rfc2326, h->host);
        return;
    }
    gboolean v6 = h->addr.family == 6 || strchr(h->host, ':') != NULL;
    g_string_append_printf(s, v6 ? ";%s=\"[%s]:%d\"" : ";%s=\"%s:%d\"", name->rfc7826, h->host, h->port);
}

static const char *lower_name(const ma_transport_spec *sp)
{
    if (sp->lower_text != NULL)
        return sp->lower_text;
    switch (sp->lower) {
    case MA_LOWER_TCP: return "TCP";
    case MA_LOWER_UDP: return "UDP";
    default: return NULL;
    }
}

char *ma_transport_spec_header_text(const ma_transport_spec *sp)
{
    if (sp == NULL)
        return NULL;
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "%s/%s", sp->protocol ? sp->protocol : "RTP",
                           sp->profile ? sp->profile : "AVP");
    const char *lower = lower_name(sp);
    if (lower != NULL)
        g_string_append_printf(s, "/%s", lower);
    if (sp->cast == MA_CAST_MULTICAST)
        g_string_append(s, ";multicast");
    else if (sp->cast == MA_CAST_UNICAST)
        g_string_append(s, ";unicast");
    header_host(s, &DEST, &sp->destination);
    header_host(s, &SRC, &sp->source);
    append_range(s, ';', "interleaved", &sp->interleaved);
    append_range(s, ';', "port", &sp->port);
    append_range(s, ';', "client_port", &sp->client_port);
    append_range(s, ';', "server_port", &sp->server_port);
    if (sp->ttl >= 0)
        g_string_append_printf(s, ";ttl=%d", sp->ttl);
    if (sp->n_ssrc > 0)
        g_string_append_printf(s, ";ssrc=%08X", (unsigned)sp->ssrc[0]);
    for (guint i = 0; sp->modes != NULL && i < sp->modes->len; i++)
        g_string_append_printf(s, i == 0 ? ";mode=%s" : ",%s",
                               (const char *)g_ptr_array_index(sp->modes, i));
    return g_string_free(s, FALSE);
}
