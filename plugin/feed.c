/* SPDX-License-Identifier: GPL-2.0-or-later */
/* feed.c - first pass: the frame's raw bytes to the core's frame decoder.
 *
 * The plugin reads no Wireshark field: the bytes of each frame (the
 * postdissector's top-level tvb) and its link type go to the same frame
 * decoder the CLI runs (frame_decode.h: link layers, IP reassembly,
 * tunnels, UDP, IGMP/MLD, RTSP over TCP), whose events feed the correlator.
 * The plugin and the CLI therefore compute the same events by construction,
 * and Wireshark need not build a protocol tree for a frame nobody looks at
 * (a postdissector's wanted fields made it build one for every frame).
 * Only the core's answers for the frame are kept (frames.c); the decoder
 * is sequential, like Wireshark's first pass. */
#include "ma_plugin.h"

#include <string.h>
#include <epan/tvbuff.h>
#include <wiretap/pcap-encap.h>
#include <wiretap/wtap.h>

#include "frame_decode.h"

/* The frame being decoded: where the core's answers go. */
typedef struct {
    packet_info *pinfo;
    ma_pframe *pf;
} ma_feed_ctx;

/* WTAP_ENCAP_ value -> 1 + the libpcap link type the decoder reads it as
 * (0: none; DLT_NULL is 0).  Built from Wireshark's own libpcap table, so a
 * release that numbers its encapsulations differently is read correctly. */
#define MA_FEED_ENCAPS 512
static int g_dlt_of_encap[MA_FEED_ENCAPS];
static gboolean g_encaps_ready;

static struct {
    ma_decoder *dec;
    ma_decode_stats st;
    ma_feed_ctx *ctx; /* NULL outside a frame (the final flush) */
} g;

static void ma_feed_encaps_init(void)
{
    gsize n = 0;
    const int *dlts = ma_decode_link_types(&n);

    for (gsize i = 0; i < n; i++) {
        int encap = wtap_pcap_encap_to_wtap_encap(dlts[i]);
        if (encap > 0 && encap < MA_FEED_ENCAPS && g_dlt_of_encap[encap] == 0)
            g_dlt_of_encap[encap] = dlts[i] + 1;
    }
    g_encaps_ready = TRUE;
}

/* Keep what the core said about an event when it concerns anything. */
static void ma_feed_keep(const ma_frame_info *info)
{
    if (g.ctx == NULL || (info->role == MA_ROLE_NONE && !info->session && !info->flow))
        return;
    ma_pframe *pf = g.ctx->pf;
    if (pf->n_infos < MA_PFRAME_MAX_INFOS) {
        pf->flow_ids[pf->n_infos] = info->flow != NULL ? info->flow->id : 0;
        pf->infos[pf->n_infos] = *info;
        pf->infos[pf->n_infos].fec_media = NULL; /* the flow id is what stays valid */
        pf->infos[pf->n_infos++].flow = NULL;
    }
}

/* Decode the track's media as RTP/RTCP from the next frame on (only while
 * a frame of the first pass is decoded: Wireshark's conversations are
 * tied to it). */
static void ma_feed_rtp_conv(const ma_track *t)
{
    if (g.ctx != NULL)
        ma_rtp_conv_setup(g.ctx->pinfo, t);
}

static void ma_feed_on_rtsp(void *user, const ma_ev_rtsp *ev)
{
    ma_frame_info info;

    (void)user;
    ma_frame_info_reset(&info);
    ma_correlator_rtsp(ma_state_correlator(), ev, &info);
    ma_feed_keep(&info);
    /* The reply named where the media goes: let RTP/RTCP decode it. */
    if (info.role == MA_ROLE_SETUP_REPLY && info.track)
        ma_feed_rtp_conv(info.track);
}

static void ma_feed_on_membership(void *user, const ma_ev_membership *ev)
{
    ma_frame_info info;

    (void)user;
    ma_frame_info_reset(&info);
    ma_correlator_membership(ma_state_correlator(), ev, &info);
    ma_feed_keep(&info);
}

static void ma_feed_on_udp(void *user, const ma_ev_udp *ev)
{
    ma_frame_info info;

    (void)user;
    ma_frame_info_reset(&info);
    ma_correlator_udp(ma_state_correlator(), ev, &info);
    /* a flow the core's probation validated as RTP: decode it as RTP */
    if (g.ctx != NULL)
        ma_rtp_conv_flow(g.ctx->pinfo, info.flow);
    ma_feed_keep(&info);
    /* A SAP announcement's first frame described its streams: decode them
     * as RTP/RTCP, as for a SETUP reply. */
    const ma_session *s = info.session;
    if (info.role == MA_ROLE_SAP && s && s->described_frame == ev->meta.frame)
        for (guint i = 0; i < s->tracks->len; i++)
            ma_feed_rtp_conv(g_ptr_array_index(s->tracks, i));
}

static void ma_feed_on_interleaved(void *user, const ma_ev_interleaved *ev)
{
    ma_frame_info info;

    (void)user;
    ma_frame_info_reset(&info);
    ma_correlator_interleaved(ma_state_correlator(), ev, &info);
    ma_feed_keep(&info);
}

static void ma_feed_on_host_mac(void *user, const ma_addr *ip, const uint8_t mac[6])
{
    (void)user;
    ma_correlator_host_mac(ma_state_correlator(), ip, mac);
}

/* A message the core refused: shown on the frame (the decoder counted its
 * decode event). */
static void ma_feed_on_refused(void *user, uint32_t frame, const char *what, const char *message)
{
    (void)user;
    (void)frame;
    if (g.ctx == NULL)
        return;
    ma_pframe *pf = g.ctx->pf;
    pf->error = pf->error
                    ? wmem_strdup_printf(wmem_file_scope(), "%s; %s: %s", pf->error, what, message)
                    : wmem_strdup_printf(wmem_file_scope(), "%s: %s", what, message);
}

/* A TCP port Wireshark dissects as RTSP (its preference or Decode As); a
 * DATFunc, whose parameters are Wireshark's. */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
static void ma_feed_rtsp_port(const char *table, ftenum_t type, gpointer key, gpointer value,
                              gpointer user)
{
    dissector_handle_t h = dtbl_entry_get_handle((dtbl_entry_t *)value);
    const char *name = h != NULL ? dissector_handle_get_protocol_short_name(h) : NULL;
    guint port = GPOINTER_TO_UINT(key);

    (void)table;
    (void)type;
    if (name != NULL && strcmp(name, "RTSP") == 0 && port > 0 && port <= G_MAXUINT16) {
        guint16 p = (guint16)port;
        g_array_append_val((GArray *)user, p);
    }
}

void ma_feed_init(void)
{
    const ma_sink sink = {
        .rtsp = ma_feed_on_rtsp,
        .membership = ma_feed_on_membership,
        .udp = ma_feed_on_udp,
        .interleaved = ma_feed_on_interleaved,
        .host_mac = ma_feed_on_host_mac,
        .refused = ma_feed_on_refused,
    };

    ma_feed_cleanup();
    if (!g_encaps_ready)
        ma_feed_encaps_init();
    memset(&g.st, 0, sizeof g.st);
    /* RTSP where Wireshark would dissect it: 554 and 8554 (the core's
     * own), and any port the user gave RTSP */
    GArray *ports = g_array_new(FALSE, FALSE, sizeof(guint16));
    dissector_table_foreach("tcp.port", ma_feed_rtsp_port, ports);
    ma_decoder_opts opts = {.rtsp_ports = (const uint16_t *)(void *)ports->data,
                            .n_rtsp_ports = ports->len};
    g.dec = ma_decoder_new(&opts, &sink, &g.st);
    g_array_free(ports, TRUE);
}

void ma_feed_cleanup(void)
{
    ma_decoder_free(g.dec);
    g.dec = NULL;
    g.ctx = NULL;
}

void ma_feed_events_to_correlator(ma_correlator *c)
{
    if (ma_decode_events_total(&g.st.events) == 0)
        return;
    /* handed over once: the table starts again from nothing */
    ma_correlator_add_decode_events(c, &g.st.events);
    memset(&g.st.events, 0, sizeof g.st.events);
}

void ma_feed_end(void)
{
    if (g.dec != NULL)
        ma_decoder_flush(g.dec);
}

gboolean ma_feed_frame(tvbuff_t *tvb, packet_info *pinfo, ma_pframe *out)
{
    ma_feed_ctx ctx = {.pinfo = pinfo, .pf = out};

    memset(out, 0, sizeof *out);
    if (g.dec == NULL)
        ma_state_correlator(); /* the init routine makes the decoder */
    if (pinfo->num == 1) { /* the sdp_files preference's streams decode as RTP from the start */
        const GPtrArray *ss = ma_correlator_sessions(ma_state_correlator());
        for (guint i = 0; i < ss->len; i++) {
            const ma_session *s = g_ptr_array_index(ss, i);
            for (guint j = 0; s->origin == MA_ORIGIN_SDP_FILE && j < s->tracks->len; j++)
                ma_rtp_conv_setup(pinfo, g_ptr_array_index(s->tracks, j));
        }
    }
    /* Not a packet (a pcapng event or log record): no bytes of a network. */
    if (pinfo->rec == NULL || pinfo->rec->rec_type != REC_TYPE_PACKET)
        return FALSE;
    int encap = pinfo->rec->rec_header.packet_header.pkt_encap;
    int dlt = encap > 0 && encap < MA_FEED_ENCAPS ? g_dlt_of_encap[encap] - 1 : -1;
    if (dlt < 0) {
        /* counted, never dropped silently */
        ma_correlator_decode_event(ma_state_correlator(), MA_DE_LINK_UNSUPPORTED, pinfo->num);
        return FALSE;
    }
    guint caplen = tvb_captured_length(tvb);
    ma_frame_in in = {
        .dlt = dlt,
        .frame = pinfo->num,
        .ts_ns = ma_pinfo_ts_ns(pinfo),
        .data = caplen > 0 ? tvb_get_ptr(tvb, 0, (gint)caplen) : NULL,
        .caplen = caplen,
        .wirelen = tvb_reported_length(tvb),
    };
    g.ctx = &ctx;
    (void)ma_decode_frame(g.dec, &in);
    g.ctx = NULL;
    return out->n_infos > 0 || out->error != NULL;
}
