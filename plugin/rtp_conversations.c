/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtp_conversations.c - make Wireshark decode the negotiated media as RTP/RTCP.
 *
 * Stock Wireshark 4.0 reads only server_port/client_port/dest_addr from a
 * SETUP reply, so `multicast;destination=G;port=P-Q` leaves the media as
 * plain UDP.  The core knows the track's group and ports; registering an
 * RTP conversation for G:P (and RTCP for the RTCP port) in the SETUP reply's
 * frame, during the first pass, makes the later media frames RTP with
 * rtp.setup-frame pointing at the reply.
 *
 * Media no SETUP or SDP negotiated (a static multicast stream, unsignalled
 * unicast RTP) is registered too, but only once the core's RTP probation
 * (RFC 3550 A.1, rtp_probe.h) has validated the flow: LLMNR, DNS and other
 * UDP whose first bits merely parse as RTP never pass it.  Its conversation
 * starts at the flow's first frame, so a second pass (tshark -2, the GUI)
 * decodes every frame of the flow as RTP, one pass the frames from the
 * validation on (a dynamic payload type: from the core's clock rate on).
 * Called only in the first pass. */
#include "ma_plugin.h"
#include "ws_compat.h"

#include <epan/address.h>
#include <epan/dissectors/packet-rtp.h>
#include <epan/dissectors/packet-rtcp.h>

#define MA_SETUP_METHOD "MCAST-AUDIT" /* at most 11 characters (MAX_RTP_SETUP_METHOD_SIZE) */

/* How many datagrams of a validated flow with a dynamic payload type the
 * core is given to infer its clock rate (NAL headers: 16 packets; RTP
 * timestamps: 2 s of arrivals) before it is registered without one. */
#define MA_CONV_CLOCK_WAIT 2048u

/* Validated flows without a track already registered (flow ids), per
 * dissection of a file. */
static GHashTable *g_flows_registered;

/* RFC 8866 6.6: an rtpmap's encoding parameter is the channel count (audio), 1 when absent. */
static unsigned ma_rtpmap_channels(const ma_sdp_rtpmap *r)
{
    guint64 n = 0;

    if (!r->params || !g_ascii_string_to_unsigned(r->params, 10, 1, 255, &n, NULL))
        return 1;
    return (unsigned)n;
}

/* Dynamic payload types of the track's SDP media, so RTP names the codec
 * and RTP analysis knows the clock rate. */
static rtp_dyn_payload_t *ma_dyn_payloads(const ma_track *t)
{
    rtp_dyn_payload_t *dyn = rtp_dyn_payload_new();
    const ma_sdp_media *m = t->sdp_media;

    for (guint i = 0; m && m->rtpmaps && i < m->rtpmaps->len; i++) {
        const ma_sdp_rtpmap *r = &g_array_index(m->rtpmaps, ma_sdp_rtpmap, i);
        if (r->payload_type >= 96 && r->payload_type <= 127 && r->encoding && r->clock_rate > 0 &&
            r->clock_rate <= G_MAXINT)
            ma_dyn_payload_insert(dyn, (guint)r->payload_type, r->encoding, (int)r->clock_rate,
                                  ma_rtpmap_channels(r));
    }
    /* No SDP rtpmap but the core still knows the track's codec. */
    if (t->payload_type >= 96 && t->payload_type <= 127 && t->encoding && t->clock_rate > 0 &&
        t->clock_rate <= G_MAXINT && !rtp_dyn_payload_get_name(dyn, (guint)t->payload_type))
        ma_dyn_payload_insert(dyn, (guint)t->payload_type, t->encoding, (int)t->clock_rate, 1);
    return dyn;
}

/* Where the media goes: the group for multicast, else the client. */
static gboolean ma_media_dest(const ma_track *t, address *out, uint8_t *buf)
{
    const ma_addr *a = t->multicast ? &t->group : (t->session ? &t->session->client : NULL);

    if (!a || !ma_addr_is_set(a))
        return FALSE;
    memcpy(buf, a->bytes, a->family == 4 ? 4 : 16);
    set_address(out, a->family == 4 ? AT_IPv4 : AT_IPv6, a->family == 4 ? 4 : 16, buf);
    return TRUE;
}

void ma_rtp_conv_setup(packet_info *pinfo, const ma_track *t)
{
    address dest;
    uint8_t buf[16];

    if (t->interleaved || t->rtp_port <= 0 || t->rtp_port > 65535 || !ma_media_dest(t, &dest, buf))
        return;
    rtp_dyn_payload_t *dyn = ma_dyn_payloads(t);
    /* other_port 0: any source port, so the camera's source port need not
     * be known.  RTP keeps its own reference to dyn. */
    rtp_add_address(pinfo, PT_UDP, &dest, t->rtp_port, 0, MA_SETUP_METHOD, pinfo->num, 0, dyn);
    rtp_dyn_payload_free(dyn);
    int rtcp = t->rtcp_port > 0 && t->rtcp_port <= 65535 ? t->rtcp_port : t->rtp_port + 1;
    if (rtcp != t->rtp_port && rtcp <= 65535)
        rtcp_add_address(pinfo, &dest, rtcp, 0, MA_SETUP_METHOD, pinfo->num);
}

/* The flow's destination as a Wireshark address. */
static void ma_flow_dest(const ma_flow *f, address *out, uint8_t *buf)
{
    memcpy(buf, f->dst.bytes, f->dst.family == 4 ? 4 : 16);
    set_address(out, f->dst.family == 4 ? AT_IPv4 : AT_IPv6, f->dst.family == 4 ? 4 : 16, buf);
}

void ma_rtp_conv_flow(packet_info *pinfo, const ma_flow *f)
{
    if (f == NULL || !f->is_rtp || f->is_rtcp || f->track != NULL || f->interleaved ||
        f->stats == NULL || f->control != NULL || f->sport == 0 || f->dport == 0 ||
        (f->dst.family != 4 && f->dst.family != 6))
        return;
    if (g_flows_registered == NULL)
        g_flows_registered = g_hash_table_new(g_direct_hash, g_direct_equal);
    if (g_hash_table_contains(g_flows_registered, GUINT_TO_POINTER(f->id)))
        return;
    /* A static payload type's clock rate Wireshark knows (RFC 3551); a
     * dynamic one's it learns from us, so that flow waits until the core
     * has inferred it (or gave up).  Once only: registering the same
     * conversation again frees the payload map that RTP frames already
     * dissected point to (Wireshark 4.0 crashed in the second pass). */
    guint rate = 0;
    if (f->payload_type >= 96 && f->payload_type <= 127) {
        ma_rtp_summary sum;
        ma_rtp_stats_summary(f->stats, &sum);
        rate = sum.clock_rate <= G_MAXINT ? sum.clock_rate : 0;
        if (rate == 0 && f->datagrams <= MA_CONV_CLOCK_WAIT)
            return;
    }
    rtp_dyn_payload_t *dyn = rtp_dyn_payload_new();
    /* The clock rate the core found (inferred, or the clock_rates
     * preference) under Wireshark's own name for an unnamed dynamic type:
     * the core does not name the codec, and RTP analysis needs the rate. */
    if (rate > 0) {
        char name[32];
        g_snprintf(name, sizeof name, "DynamicRTP-Type-%d", f->payload_type);
        ma_dyn_payload_insert(dyn, (guint)f->payload_type, name, (int)rate, 1);
    }
    address dest;
    uint8_t buf[16];
    ma_flow_dest(f, &dest, buf);
    /* From the flow's first frame, for its source port only: another sender
     * to the same port is a flow of its own, validated on its own. */
    rtp_add_address(pinfo, PT_UDP, &dest, f->dport, f->sport, MA_SETUP_METHOD, f->first_frame, 0,
                    dyn);
    rtp_dyn_payload_free(dyn);
    g_hash_table_add(g_flows_registered, GUINT_TO_POINTER(f->id));
}

static void ma_rtp_conv_init(void)
{
    if (g_flows_registered != NULL)
        g_hash_table_remove_all(g_flows_registered);
}

static void ma_rtp_conv_cleanup(void)
{
    if (g_flows_registered != NULL)
        g_hash_table_destroy(g_flows_registered);
    g_flows_registered = NULL;
}

void ma_rtp_conv_register(void)
{
    register_init_routine(ma_rtp_conv_init);
    register_cleanup_routine(ma_rtp_conv_cleanup);
}
