/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode_membership.c - IGMP (IPv4 protocol 2) and MLD (ICMPv6 130, 131,
 * 132, 143) messages, parsed by the core; a message the core refuses is
 * counted as malformed and the run goes on. */
#include "decode_internal.h"

#include "bigendian.h"

/* A type the core does not know (DVMRP, PIM v1, mtrace) is not an error. */
static ma_dec_result refused(const ma_pkt *p, GError *err, const char *what, ma_decode_event why)
{
    gboolean unknown = g_error_matches(err, MA_MEMB_ERROR, MA_MEMB_ERROR_UNKNOWN_TYPE);
    const ma_sink *sink = &p->d->sink;
    if (!unknown && sink->refused != NULL)
        sink->refused(sink->user, p->meta.frame, what,
                      err != NULL ? err->message : "unknown error");
    g_clear_error(&err);
    return unknown ? MA_DEC_SKIPPED : ma_dec_malformed(p, why);
}

static ma_dec_result emit(ma_pkt *p, ma_memb_msg *msg)
{
    ma_ev_membership ev = {
        .meta = p->meta,
        .src = p->src,
        .dst = p->dst,
        .ip_ttl = p->ttl,
        .router_alert = p->router_alert,
        .msg = msg,
    };
    ma_decode_note_mac(p);
    if (p->d->sink.membership)
        p->d->sink.membership(p->d->sink.user, &ev);
    ma_memb_msg_free(msg);
    return MA_DEC_EVENT;
}

ma_dec_result ma_decode_igmp(ma_pkt *p, const uint8_t *data, gsize len)
{
    GError *err = NULL;
    ma_memb_msg *msg = ma_igmp_parse(data, len, &err);
    if (!msg)
        return refused(p, err, "IGMP", MA_DE_IGMP_MALFORMED);
    return emit(p, msg);
}

ma_dec_result ma_decode_icmp6(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < 1)
        return ma_dec_malformed(p, MA_DE_MLD_MALFORMED);
    if (!ma_mld_is_mld_type(data[0]))
        return MA_DEC_SKIPPED; /* echo, neighbour discovery, ... */
    GError *err = NULL;
    ma_memb_msg *msg = ma_mld_parse(data, len, &p->src, &p->dst, &err);
    if (!msg)
        return refused(p, err, "MLD", MA_DE_MLD_MALFORMED);
    return emit(p, msg);
}
