/* SPDX-License-Identifier: GPL-2.0-or-later */
/* feed.c - first pass: hand the core the bytes Wireshark already found.
 *
 * No protocol parsing here: the RTSP message (reassembled, with its SDP
 * body), the IGMP / ICMPv6 message and the UDP payload are passed as bytes
 * to the core's parsers; addresses, TTL and ports come from Wireshark's
 * fields.  Fields are matched by layer number so that a tunnelled packet or
 * the copy of a header inside an ICMP error is not mistaken for the real one. */
#include "ma_plugin.h"
#include "ws_compat.h"

#include <string.h>
#include <epan/proto.h>
#include <epan/tvbuff.h>

static struct {
    int rtsp, igmp, icmp, icmpv6, udp;
    int udp_srcport, udp_dstport, udp_length, tcp_srcport, tcp_dstport;
    int ip_src, ip_dst, ip_ttl, ip_ra, ip6_src, ip6_dst, ip6_hlim, ip6_ra;
    int eth_src, sll_src;
} hfw;

typedef struct {
    packet_info *pinfo;
    proto_tree *tree;
    ma_pframe *pf; /* the frame's answer, filled as events are placed */
    ma_ev_meta meta;
} ma_feed_ctx;

/* The network header of one layer: addresses, TTL, router alert. */
typedef struct {
    gboolean ok;
    int layer;
    ma_addr src, dst;
    int ttl;
    gboolean router_alert;
} ma_net;

static int ma_hf_id(const char *name)
{
    int id = proto_registrar_get_id_byname(name);
    if (id < 0)
        ws_warning("mcast_audit: Wireshark has no field %s", name);
    return id;
}

GArray *ma_feed_wanted_hfids(void)
{
    const struct { int *id; const char *name; } want[] = {
        { &hfw.rtsp, "rtsp" }, { &hfw.igmp, "igmp" }, { &hfw.icmp, "icmp" }, { &hfw.icmpv6, "icmpv6" },
        { &hfw.udp, "udp" }, { &hfw.udp_srcport, "udp.srcport" }, { &hfw.udp_dstport, "udp.dstport" },
        { &hfw.udp_length, "udp.length" }, { &hfw.tcp_srcport, "tcp.srcport" }, { &hfw.tcp_dstport, "tcp.dstport" },
        { &hfw.ip_src, "ip.src" }, { &hfw.ip_dst, "ip.dst" }, { &hfw.ip_ttl, "ip.ttl" }, { &hfw.ip_ra, "ip.opt.ra" },
        { &hfw.ip6_src, "ipv6.src" }, { &hfw.ip6_dst, "ipv6.dst" }, { &hfw.ip6_hlim, "ipv6.hlim" },
        { &hfw.ip6_ra, "ipv6.opt.router_alert" }, { &hfw.eth_src, "eth.src" }, { &hfw.sll_src, "sll.src.eth" },
    };
    GArray *ids = g_array_new(FALSE, FALSE, sizeof(int));

    for (gsize i = 0; i < G_N_ELEMENTS(want); i++) {
        *want[i].id = ma_hf_id(want[i].name);
        if (*want[i].id >= 0)
            g_array_append_val(ids, *want[i].id);
    }
    return ids;
}

static GPtrArray *ma_finfos(proto_tree *tree, int hf)
{
    if (hf < 0)
        return NULL;
    GPtrArray *a = proto_get_finfo_ptr_array(tree, hf);
    return (a && a->len > 0) ? a : NULL;
}

/* The innermost field at or below max_layer (ties: the last one).  Both ints
 * are Wireshark's own types (field id, layer number); every caller names
 * the hfw field first. */
static field_info *ma_fi_upto(proto_tree *tree, int hf, int max_layer) // NOLINT(bugprone-easily-swappable-parameters)
{
    GPtrArray *a = ma_finfos(tree, hf);
    field_info *best = NULL;

    for (guint i = 0; a && i < a->len; i++) {
        field_info *fi = g_ptr_array_index(a, i);
        if (fi->total_layer_num <= max_layer && (!best || fi->total_layer_num >= best->total_layer_num))
            best = fi;
    }
    return best;
}

/* A field exactly at that layer (the same header). */
static field_info *ma_fi_at(proto_tree *tree, int hf, int layer)
{
    field_info *fi = ma_fi_upto(tree, hf, layer);
    return (fi && fi->total_layer_num == layer) ? fi : NULL;
}

static gboolean ma_fi_uint(field_info *fi, guint32 *out)
{
    if (!fi)
        return FALSE;
    *out = fvalue_get_uinteger(ma_fi_value(fi));
    return TRUE;
}

/* Address fields are read from the bytes they cover (4 or 16). */
static gboolean ma_fi_addr(field_info *fi, ma_addr *out)
{
    uint8_t b[16];

    if (!fi || !fi->ds_tvb || (fi->length != 4 && fi->length != 16) ||
        !tvb_bytes_exist(fi->ds_tvb, fi->start, fi->length))
        return FALSE;
    tvb_memcpy(fi->ds_tvb, b, fi->start, fi->length);
    if (fi->length == 4)
        ma_addr_from_ipv4(out, b);
    else
        ma_addr_from_ipv6(out, b);
    return TRUE;
}

/* The IPv4 or IPv6 header that carries a protocol at layer `layer`. */
static ma_net ma_net_below(proto_tree *tree, int layer)
{
    ma_net n = { .ok = FALSE, .ttl = -1 };
    field_info *v4 = ma_fi_upto(tree, hfw.ip_src, layer - 1);
    field_info *v6 = ma_fi_upto(tree, hfw.ip6_src, layer - 1);
    gboolean use6 = v6 && (!v4 || v6->total_layer_num > v4->total_layer_num);
    field_info *src = use6 ? v6 : v4;
    guint32 u;

    if (!src)
        return n;
    n.layer = src->total_layer_num;
    if (!ma_fi_addr(src, &n.src) ||
        !ma_fi_addr(ma_fi_at(tree, use6 ? hfw.ip6_dst : hfw.ip_dst, n.layer), &n.dst))
        return n;
    if (ma_fi_uint(ma_fi_at(tree, use6 ? hfw.ip6_hlim : hfw.ip_ttl, n.layer), &u))
        n.ttl = (int)u;
    n.router_alert = ma_fi_at(tree, use6 ? hfw.ip6_ra : hfw.ip_ra, n.layer) != NULL;
    n.ok = TRUE;
    return n;
}

static void ma_feed_error(ma_feed_ctx *ctx, const char *what, const GError *err,
                          ma_decode_event why);

/* Tell the core the sender's link address (Ethernet or Linux cooked): MLD
 * reports come from link-local addresses, and the shared MAC is what ties
 * them to the client's or camera's global address. */
static void ma_feed_host_mac(proto_tree *tree, const ma_net *net)
{
    field_info *e = ma_fi_upto(tree, hfw.eth_src, net->layer - 1);
    field_info *l = ma_fi_upto(tree, hfw.sll_src, net->layer - 1);
    field_info *fi = (l && (!e || l->total_layer_num > e->total_layer_num)) ? l : e;
    uint8_t mac[6];

    if (!fi || !fi->ds_tvb || fi->length != 6 || !tvb_bytes_exist(fi->ds_tvb, fi->start, 6))
        return;
    tvb_memcpy(fi->ds_tvb, mac, fi->start, 6);
    ma_correlator_host_mac(ma_state_correlator(), &net->src, mac);
}

/* Keep what the core said about an event when it concerns anything. */
static void ma_feed_keep(ma_feed_ctx *ctx, const ma_frame_info *info)
{
    if (info->role == MA_ROLE_NONE && !info->session && !info->flow)
        return;
    ma_pframe *pf = ctx->pf;
    if (pf->n_infos < MA_PFRAME_MAX_INFOS) {
        pf->flow_ids[pf->n_infos] = info->flow != NULL ? info->flow->id : 0;
        pf->infos[pf->n_infos] = *info;
        pf->infos[pf->n_infos].fec_media = NULL; /* the flow id is what stays valid */
        pf->infos[pf->n_infos++].flow = NULL;
    }
}

/* A message the core refused: shown on the frame, and counted in the core's
 * decode event table (why) unless it is merely a type the core does not
 * read (DVMRP, mtrace, ...). */
static void ma_feed_error(ma_feed_ctx *ctx, const char *what, const GError *err,
                          ma_decode_event why)
{
    ma_pframe *pf = ctx->pf;
    const char *msg = err ? err->message : "unknown error";

    if (!g_error_matches(err, MA_MEMB_ERROR, MA_MEMB_ERROR_UNKNOWN_TYPE))
        ma_correlator_decode_event(ma_state_correlator(), why, ctx->meta.frame);

    pf->error = pf->error ? wmem_strdup_printf(wmem_file_scope(), "%s; %s: %s", pf->error, what, msg)
                          : wmem_strdup_printf(wmem_file_scope(), "%s: %s", what, msg);
}

/* The bytes a field covers, or NULL when not all captured. */
static const uint8_t *ma_fi_bytes(field_info *fi, gsize *len)
{
    if (!fi->ds_tvb || fi->length <= 0 || !tvb_bytes_exist(fi->ds_tvb, fi->start, fi->length))
        return NULL;
    *len = (gsize)fi->length;
    return tvb_get_ptr(fi->ds_tvb, fi->start, fi->length);
}

/* An interleaved "$" frame (the RTSP dissector's item covers its 4-byte
 * header; the data follows in the same data source): the core reads the
 * RFC 2326 10.12 header and, when the whole frame was captured, its
 * RTP/RTCP. */
static void ma_feed_interleaved(ma_feed_ctx *ctx, field_info *fi, const ma_net *net, guint16 sport,
                                guint16 dport, const uint8_t *data, gsize len)
{
    ma_ev_interleaved ev = { .meta = ctx->meta, .src = net->src, .dst = net->dst, .sport = sport, .dport = dport };
    ma_frame_info info;

    if (!ma_rtsp_interleaved_header(data, len, &ev.channel, &ev.length))
        return;
    if (len >= 4 + ev.length)
        ev.payload = data + 4;
    else if (tvb_bytes_exist(fi->ds_tvb, fi->start + 4, (gint)ev.length))
        ev.payload = tvb_get_ptr(fi->ds_tvb, fi->start + 4, (gint)ev.length);
    ma_frame_info_reset(&info);
    ma_correlator_interleaved(ma_state_correlator(), &ev, &info);
    ma_feed_keep(ctx, &info);
}

static void ma_feed_rtsp_one(ma_feed_ctx *ctx, field_info *fi)
{
    ma_net net = ma_net_below(ctx->tree, fi->total_layer_num);
    guint32 sport = 0, dport = 0;
    gsize len = 0;
    const uint8_t *data = ma_fi_bytes(fi, &len);
    GError *err = NULL;

    if (!net.ok || !data ||
        !ma_fi_uint(ma_fi_upto(ctx->tree, hfw.tcp_srcport, fi->total_layer_num - 1), &sport) ||
        !ma_fi_uint(ma_fi_upto(ctx->tree, hfw.tcp_dstport, fi->total_layer_num - 1), &dport))
        return;
    if (data[0] == '$') {
        ma_feed_interleaved(ctx, fi, &net, (guint16)sport, (guint16)dport, data, len);
        return;
    }
    ma_feed_host_mac(ctx->tree, &net);
    ma_rtsp_msg *msg = ma_rtsp_msg_parse(data, len, &err);
    if (!msg) {
        ma_feed_error(ctx, "RTSP", err,
                      g_error_matches(err, MA_RTSP_ERROR, MA_RTSP_ERROR_TOO_LARGE)
                          ? MA_DE_RTSP_MESSAGE_TOO_LARGE
                          : MA_DE_RTSP_MALFORMED_HEADER);
        g_clear_error(&err);
        return;
    }
    ma_ev_rtsp ev = { .meta = ctx->meta, .src = net.src, .dst = net.dst,
                      .sport = (uint16_t)sport, .dport = (uint16_t)dport, .msg = msg,
                      .ip_ttl = net.ttl };
    ma_frame_info info;
    ma_frame_info_reset(&info);
    ma_correlator_rtsp(ma_state_correlator(), &ev, &info);
    ma_rtsp_msg_free(msg);
    ma_feed_keep(ctx, &info);
    /* The reply named where the media goes: let RTP/RTCP decode it. */
    if (info.role == MA_ROLE_SETUP_REPLY && info.track)
        ma_rtp_conv_setup(ctx->pinfo, info.track);
}

static void ma_feed_rtsp(ma_feed_ctx *ctx)
{
    GPtrArray *a = ma_finfos(ctx->tree, hfw.rtsp);

    for (guint i = 0; a && i < a->len; i++)
        ma_feed_rtsp_one(ctx, g_ptr_array_index(a, i));
}

static void ma_feed_memb_msg(ma_feed_ctx *ctx, const ma_net *net, ma_memb_msg *m)
{
    ma_ev_membership ev = { .meta = ctx->meta, .src = net->src, .dst = net->dst,
                            .ip_ttl = net->ttl, .router_alert = net->router_alert, .msg = m };
    ma_frame_info info;

    ma_feed_host_mac(ctx->tree, net);
    ma_frame_info_reset(&info);
    ma_correlator_membership(ma_state_correlator(), &ev, &info);
    ma_memb_msg_free(m);
    ma_feed_keep(ctx, &info);
}

static void ma_feed_membership(ma_feed_ctx *ctx)
{
    GPtrArray *ig = ma_finfos(ctx->tree, hfw.igmp);
    GPtrArray *i6 = ma_finfos(ctx->tree, hfw.icmpv6);
    GError *err = NULL;
    gsize len = 0;

    for (guint i = 0; ig && i < ig->len; i++) {
        field_info *fi = g_ptr_array_index(ig, i);
        ma_net net = ma_net_below(ctx->tree, fi->total_layer_num);
        const uint8_t *data = ma_fi_bytes(fi, &len);
        if (!net.ok || !data)
            continue;
        ma_memb_msg *m = ma_igmp_parse(data, len, &err);
        if (m)
            ma_feed_memb_msg(ctx, &net, m);
        else
            ma_feed_error(ctx, "IGMP", err, MA_DE_IGMP_MALFORMED);
        g_clear_error(&err);
    }
    for (guint i = 0; i6 && i < i6->len; i++) {
        field_info *fi = g_ptr_array_index(i6, i);
        ma_net net = ma_net_below(ctx->tree, fi->total_layer_num);
        const uint8_t *data = ma_fi_bytes(fi, &len);
        /* other ICMPv6 types (ND, echo, errors) are not ours: skip them cheaply */
        if (!net.ok || !data || len == 0 || !ma_mld_is_mld_type(data[0]))
            continue;
        ma_memb_msg *m = ma_mld_parse(data, len, &net.src, &net.dst, &err);
        if (m)
            ma_feed_memb_msg(ctx, &net, m);
        else if (!g_error_matches(err, MA_MEMB_ERROR, MA_MEMB_ERROR_UNKNOWN_TYPE))
            ma_feed_error(ctx, "MLD", err,
                          MA_DE_MLD_MALFORMED); /* other ICMPv6 types are not ours */
        g_clear_error(&err);
    }
}

/* A UDP header quoted inside an ICMP error is not a datagram. */
static gboolean ma_inside_icmp(proto_tree *tree, int layer)
{
    return ma_fi_upto(tree, hfw.icmp, layer - 1) || ma_fi_upto(tree, hfw.icmpv6, layer - 1);
}

static void ma_feed_udp_one(ma_feed_ctx *ctx, field_info *fi)
{
    int layer = fi->total_layer_num;
    ma_net net = ma_net_below(ctx->tree, layer);
    guint32 sport, dport, ulen;

    if (!net.ok || ma_inside_icmp(ctx->tree, layer) || !fi->ds_tvb ||
        !ma_fi_uint(ma_fi_at(ctx->tree, hfw.udp_srcport, layer), &sport) ||
        !ma_fi_uint(ma_fi_at(ctx->tree, hfw.udp_dstport, layer), &dport) ||
        !ma_fi_uint(ma_fi_at(ctx->tree, hfw.udp_length, layer), &ulen) || ulen < 8)
        return;
    /* Payload after the 8-byte header; the snapshot may hold less than the
     * UDP length says, the frame may hold more (Ethernet padding). */
    gint off = fi->start + 8;
    gint avail = tvb_captured_length_remaining(fi->ds_tvb, off);
    gsize wire = ulen - 8;
    gsize have = avail > 0 ? MIN((gsize)avail, wire) : 0;
    ma_ev_udp ev = { .meta = ctx->meta, .src = net.src, .dst = net.dst, .sport = (uint16_t)sport,
                     .dport = (uint16_t)dport, .ip_ttl = net.ttl, .payload_wire_len = wire };
    ev.payload = have ? tvb_get_ptr(fi->ds_tvb, off, (gint)have) : NULL;
    ev.payload_len = have;

    ma_frame_info info;
    ma_frame_info_reset(&info);
    ma_correlator_udp(ma_state_correlator(), &ev, &info);
    ma_feed_keep(ctx, &info);
    /* A SAP announcement's first frame described its streams: decode them
     * as RTP/RTCP, as for a SETUP reply. */
    const ma_session *s = info.session;
    if (info.role == MA_ROLE_SAP && s && s->described_frame == ctx->meta.frame)
        for (guint i = 0; i < s->tracks->len; i++)
            ma_rtp_conv_setup(ctx->pinfo, g_ptr_array_index(s->tracks, i));
}

static void ma_feed_udp(ma_feed_ctx *ctx)
{
    GPtrArray *a = ma_finfos(ctx->tree, hfw.udp);

    for (guint i = 0; a && i < a->len; i++)
        ma_feed_udp_one(ctx, g_ptr_array_index(a, i));
}

gboolean ma_feed_frame(packet_info *pinfo, proto_tree *tree, ma_pframe *out)
{
    ma_feed_ctx ctx = {.pinfo = pinfo, .tree = tree, .pf = out};

    memset(out, 0, sizeof *out);
    if (!tree)
        return FALSE; /* not primed: nothing to read (should not happen) */
    ctx.meta.frame = pinfo->num;
    ctx.meta.ts_ns = (gint64)pinfo->abs_ts.secs * 1000000000 + pinfo->abs_ts.nsecs;
    if (pinfo->num == 1) { /* the sdp_files preference's streams decode as RTP from the start */
        const GPtrArray *ss = ma_correlator_sessions(ma_state_correlator());
        for (guint i = 0; i < ss->len; i++) {
            const ma_session *s = g_ptr_array_index(ss, i);
            for (guint j = 0; s->origin == MA_ORIGIN_SDP_FILE && j < s->tracks->len; j++)
                ma_rtp_conv_setup(pinfo, g_ptr_array_index(s->tracks, j));
        }
    }
    ma_feed_rtsp(&ctx);
    ma_feed_membership(&ctx);
    ma_feed_udp(&ctx);
    return out->n_infos > 0 || out->error != NULL;
}
