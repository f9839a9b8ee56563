/* SPDX-License-Identifier: GPL-2.0-or-later */
/* session.c - one camera/client session on the wire: the RTSP dialog, the
 * membership reports of client and camera, the media and its RTCP, and how
 * the session ends (TEARDOWN, capture stop, membership expiry, timeout). */
#include "gen.h"

#include <string.h>

#define RTCP_INTERVAL_US GEN_S(5)
#define GMI_US (GEN_S(260) + GEN_MS(900)) /* 2 x 125 s + 10 s, plus kernel timer slack */

typedef struct {
    gen_world *w;
    const gen_session_cfg *c;
    gen_host *cli, *cam;
    gen_tcp tcp;
    gen_rtsp rtsp;
    char *base;        /* rtsp://camera:554/ISAPI/streaming/channels/101 */
    char *auth_realm, *auth_nonce;
    guint32 ssrc;
    gen_rtp_cfg rtp;
    guint64 t;         /* the dialog's clock */
    guint64 request_done, reply_done; /* last exchange: when each was fully sent */
} sess;

gen_host *gen_world_host(gen_world *w, const char *addr, guint8 mac_last)
{
    const guint8 mac[6] = { 0x00, 0x1b, 0x21, 0x97, 0x00, mac_last };
    gen_host *h = g_new0(gen_host, 1);
    gen_host_init(h, addr, mac);
    g_ptr_array_add(w->hosts, h);
    return h;
}

gen_host *gen_world_link_local(gen_world *w, const gen_host *h)
{
    gen_host *ll = g_new0(gen_host, 1);
    *ll = *h;
    memset(ll->addr.bytes, 0, 16);
    ll->addr.bytes[0] = 0xfe; ll->addr.bytes[1] = 0x80;
    ll->addr.bytes[8] = h->mac[0] ^ 0x02; ll->addr.bytes[9] = h->mac[1];
    ll->addr.bytes[10] = h->mac[2]; ll->addr.bytes[11] = 0xff; ll->addr.bytes[12] = 0xfe;
    ll->addr.bytes[13] = h->mac[3]; ll->addr.bytes[14] = h->mac[4]; ll->addr.bytes[15] = h->mac[5];
    g_ptr_array_add(w->hosts, ll);
    return ll;
}

/* A request, the camera's reply 3..9 ms later; the clock moves past both.
 * Arguments in the order of the two messages' own text (request line,
 * headers; status line, headers, body), as gen_rtsp_request/reply take them. */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
static void exchange(sess *s, const char *method, const char *url, const char *req_headers,
                     int code, const char *reason, const char *rep_headers, const char *body)
{
    GString *h = g_string_new(req_headers ? req_headers : "");
    if (s->auth_nonce) {
        char *a = gen_rtsp_digest(method, url, s->auth_realm, s->auth_nonce);
        g_string_append(h, a);
        g_free(a);
    }
    s->request_done = gen_rtsp_request(&s->rtsp, s->t, method, url, h->str);
    s->t = s->request_done + GEN_MS(g_rand_int_range(s->w->rand, 3, 10));
    s->reply_done = gen_rtsp_reply(&s->rtsp, s->t, code, reason, rep_headers,
                                   body ? "application/sdp" : NULL, body);
    s->t = s->reply_done + GEN_MS(g_rand_int_range(s->w->rand, 1, 4));
    g_string_free(h, TRUE);
}

static void describe(sess *s)
{
    const char *accept = "Accept: application/sdp\r\n";
    if (s->c->auth) {
        s->auth_realm = g_strdup("IP Camera(C6190)");
        s->auth_nonce = g_strdup_printf("%08x%08x", g_rand_int(s->w->rand), g_rand_int(s->w->rand));
        char *www = g_strdup_printf("WWW-Authenticate: Digest realm=\"%s\", nonce=\"%s\", stale=\"FALSE\"\r\n",
                                    s->auth_realm, s->auth_nonce);
        char *nonce = s->auth_nonce;
        s->auth_nonce = NULL; /* the first DESCRIBE goes without credentials */
        exchange(s, "DESCRIBE", s->base, accept, 401, "Unauthorized", www, NULL);
        s->auth_nonce = nonce;
        g_free(www);
    }
    char *sdp = gen_sdp(s->c, s->base);
    char *hdr = g_strdup_printf("Content-Base: %s/\r\n", s->base);
    exchange(s, "DESCRIBE", s->base, accept, 200, "OK", hdr, sdp);
    g_free(hdr);
    g_free(sdp);
}

/* SETUP; FALSE when the session goes no further than that. */
static gboolean setup(sess *s)
{
    char *url = g_strdup_printf("%s/trackID=1", s->base);
    char *treq = gen_transport_request(s->c);
    char *req = g_strdup_printf("Transport: %s\r\n", treq);
    char *trep = gen_transport_reply(s->c, s->ssrc);
    guint32 id = s->c->seed_opening ? 1273222592u : g_rand_int(s->w->rand) % 2000000000u;
    gboolean ok = s->c->answer != GEN_ANSWER_461;
    if (ok) {
        char *rep = g_strdup_printf("Session: %u;timeout=%u\r\nTransport: %s\r\n", id,
                                    s->c->session_timeout_s ? s->c->session_timeout_s : 60, trep);
        exchange(s, "SETUP", url, req, 200, "OK", rep, NULL);
        s->rtsp.session = g_strdup_printf("%u", id);
        g_free(rep);
    } else {
        exchange(s, "SETUP", url, req, 461, "Unsupported Transport", NULL, NULL);
    }
    g_free(url); g_free(treq); g_free(req); g_free(trep);
    return ok && s->c->answer != GEN_ANSWER_INTERLEAVED;
}

/* A time window [from, until), passed with named fields so that its two ends
 * cannot be swapped by argument position. */
typedef struct {
    guint64 from, until;
} span;

/* Joins at when.from, leaves at when.until (G_MAXUINT64: never). */
static void add_member(sess *s, gen_host *h, gen_join how, const char *group, const char *source,
                       span when)
{
    guint64 t_join = when.from, t_leave = when.until;
    gen_member m;
    memset(&m, 0, sizeof m);
    m.host = how == GEN_JOIN_MLDV2 ? gen_world_link_local(s->w, h) : h;
    m.how = how;
    m.group = gen_addr_parse(group);
    if (source)
        m.source = gen_addr_parse(source);
    m.t_join = t_join;
    m.t_leave = t_leave;
    gen_member_join(s->w->cap, &s->w->link, &m, t_join);
    if (t_leave != G_MAXUINT64)
        gen_member_leave(s->w->cap, &s->w->link, &m, t_leave);
    g_array_append_val(s->w->members, m);
    if (!s->w->t_first_join || t_join < s->w->t_first_join)
        s->w->t_first_join = t_join;
}

static guint8 media_ttl(const gen_session_cfg *c)
{
    return c->media_ttl ? c->media_ttl : 128;
}

/* NOLINTNEXTLINE(bugprone-easily-swappable-parameters): GCompareFunc signature */
static gint by_time(gconstpointer a, gconstpointer b)
{
    const gen_rtp_pkt *x = a, *y = b;
    return x->t_us < y->t_us ? -1 : x->t_us > y->t_us;
}

/* Sends one RFC 2326 10.12 "$" frame from the camera, counted in flow. */
static void send_frame(sess *s, guint64 t, guint8 channel, const guint8 *data, gsize len, int flow,
                       guint32 ext_seq)
{
    guint8 buf[4 + GEN_RTP_MAX];
    buf[0] = '$';
    buf[1] = channel;
    buf[2] = (guint8)(len >> 8);
    buf[3] = (guint8)len;
    memcpy(buf + 4, data, len);
    s->tcp.flow = flow;
    s->tcp.ext_seq = ext_seq;
    gen_tcp_send(&s->tcp, FALSE, t, buf, 4 + len);
    s->tcp.flow = -1;
}

/* Interleaved media: RTP on channel 0, SRs on channel 1, in "$" frames on
 * the RTSP connection; the client ACKs every 8 frames.  TCP keeps the
 * order, so only loss (the camera's own drops) applies. */
static guint64 media_interleaved(sess *s, guint64 t_start, guint64 t_stop)
{
    const gen_session_cfg *c = s->c;
    gen_flow f = {.src = (char *)c->camera_ip,
                  .dst = (char *)c->client_ip,
                  .sport = 554,
                  .dport = c->client_port,
                  .channel = 0,
                  .ssrc = s->ssrc,
                  .payload_type = s->rtp.pt,
                  .ttl = 64};
    int rtp_flow = gen_capture_add_flow(s->w->cap, &f);
    f.rtcp = TRUE;
    f.channel = 1;
    int rtcp_flow = gen_capture_add_flow(s->w->cap, &f);
    GArray *sent = gen_rtp_schedule(&s->rtp, s->w->rand, t_start, t_stop);
    GArray *wire = g_array_copy(sent);
    gen_impair impair = {.loss_pct = c->impair.loss_pct,
                         .bursts = c->impair.bursts,
                         .burst_min = c->impair.burst_min,
                         .burst_max = c->impair.burst_max};
    gen_impair_apply(&impair, s->w->rand, wire);
    g_array_sort(wire, by_time);
    guint64 next_sr = t_start + GEN_MS(300), last = t_start, t_prev = 0;
    guint8 buf[GEN_RTP_MAX];
    for (guint i = 0; i < wire->len; i++) {
        const gen_rtp_pkt *p = &g_array_index(wire, gen_rtp_pkt, i);
        guint64 t = MAX(p->t_us, t_prev + 20); /* one frame after the other on the wire */
        while (next_sr < t_stop && next_sr <= t) {
            guint8 sr[64];
            gsize n = gen_rtcp_sr_bytes(&s->rtp, sent, t_start, next_sr, sr);
            send_frame(s, MAX(next_sr, t_prev + 20), 1, sr, n, rtcp_flow, 0);
            t_prev = MAX(next_sr, t_prev + 20);
            t = MAX(t, t_prev + 20);
            next_sr += RTCP_INTERVAL_US;
        }
        gsize n = gen_rtp_bytes(&s->rtp, p, buf);
        send_frame(s, t, 0, buf, n, rtp_flow, p->ext_seq);
        t_prev = last = t;
        if (i % 8 == 7)
            gen_tcp_ack(&s->tcp, TRUE, t + 60);
    }
    g_array_unref(sent);
    g_array_unref(wire);
    return last;
}

/* The client's RTCP (RFC 3550 6: every receiver reports to the group's RTCP
 * port), from that port, every 5 s from 1 s after the media starts: a
 * receiver report about the camera's SSRC from what reached it, its jitter
 * 45 timestamp units (0.5 ms at 90 kHz). */
static void receiver_reports(sess *s, gen_addr group, guint16 rtcp_port, const GArray *wire,
                             span during)
{
    gen_ip ip = {&s->w->link, s->cli, group, {0}, 1, FALSE};
    gen_dst_mac(&ip.dst, s->cam, ip.dst_mac);
    char *dst = gen_addr_to_string(&ip.dst);
    gen_flow f = {.src = (char *)s->c->client_ip,
                  .dst = dst,
                  .sport = rtcp_port,
                  .dport = rtcp_port,
                  .rtcp = TRUE,
                  .channel = -1,
                  .ttl = 1,
                  .role = "receiver-rtcp"};
    int flow = gen_capture_add_flow(s->w->cap, &f);
    g_free(dst);
    gen_flow *truth = g_ptr_array_index(gen_capture_flows(s->w->cap), flow);
    gen_rr_state st = {.ssrc = g_rand_int(s->w->rand), .jitter = 45};
    for (guint64 t = during.from + GEN_S(1); t < during.until; t += RTCP_INTERVAL_US) {
        guint8 b[64];
        gsize n = gen_rtcp_rr_bytes(&st, &s->rtp, wire, t, truth, b);
        gen_capture_add(s->w->cap, t, gen_frame_udp(&ip, rtcp_port, rtcp_port, b, n), flow, 0);
    }
}

/* Media + RTCP from t_start to t_stop; returns the last packet's time. */
/* A unicast client's RTCP: receiver reports from client_port+1 to the
 * server's RTCP port, every RTCP interval from 2.5 s on (RFC 3550 6.2). */
static void client_receiver_reports(sess *s, const GArray *wire, span during)
{
    gen_ip ip = {&s->w->link, s->cli, s->cam->addr, {0}, 64, FALSE};
    gen_dst_mac(&ip.dst, s->cam, ip.dst_mac);
    char *dst = gen_addr_to_string(&s->cam->addr);
    gen_flow f = {.src = (char *)s->c->client_ip,
                  .dst = dst,
                  .sport = GEN_UNICAST_CLIENT_PORT + 1,
                  .dport = GEN_UNICAST_SERVER_PORT + 1,
                  .rtcp = TRUE,
                  .channel = -1,
                  .ttl = 64,
                  .role = "receiver-rtcp"};
    int flow = gen_capture_add_flow(s->w->cap, &f);
    g_free(dst);
    gen_flow *truth = g_ptr_array_index(gen_capture_flows(s->w->cap), flow);
    gen_rr_state st = {.ssrc = s->ssrc ^ 0x5a5a5a5au};
    for (guint64 t = during.from + GEN_MS(2500); t < during.until; t += RTCP_INTERVAL_US) {
        guint8 b[64];
        gsize n = gen_rtcp_rr_bytes(&st, &s->rtp, wire, t, truth, b);
        gen_capture_add(
            s->w->cap, t,
            gen_frame_udp(&ip, GEN_UNICAST_CLIENT_PORT + 1, GEN_UNICAST_SERVER_PORT + 1, b, n),
            flow, 0);
    }
}

/* SMPTE 2022-1 column and row FEC of what the camera sent (no randomness:
 * the media's figures stay those of the same scenario without FEC). */
static void fec_streams(sess *s, const gen_ip *ip, guint16 sport, guint16 dport, const GArray *sent)
{
    const gen_fec_layout *l = s->c->fec;
    char *dst = gen_addr_to_string(&ip->dst);
    gen_flow f = {.src = (char *)s->c->camera_ip,
                  .dst = dst,
                  .sport = (guint16)(sport + 2),
                  .dport = (guint16)(dport + 2),
                  .channel = -1,
                  .payload_type = 96,
                  .ttl = ip->ttl,
                  .fec_dir = "column",
                  .fec_offset = l->columns,
                  .fec_na = l->rows,
                  .fec_media_dport = dport};
    gen_fec_flows fl = {sport, dport, gen_capture_add_flow(s->w->cap, &f), -1};
    f.sport = (guint16)(sport + 4);
    f.dport = (guint16)(dport + 4);
    f.fec_dir = "row";
    f.fec_offset = 1;
    f.fec_na = l->columns;
    fl.row_flow = gen_capture_add_flow(s->w->cap, &f);
    g_free(dst);
    gen_fec_emit(s->w->cap, ip, l, &fl, &s->rtp, sent);
}

static guint64 media(sess *s, guint64 t_start, guint64 t_stop)
{
    const gen_session_cfg *c = s->c;
    if (c->answer == GEN_ANSWER_TCP)
        return media_interleaved(s, t_start, t_stop);
    gboolean uni = c->answer == GEN_ANSWER_UNICAST;
    gen_ip ip = { &s->w->link, s->cam, gen_addr_parse(c->media_group ? c->media_group : c->group),
                  { 0 }, media_ttl(c), FALSE };
    guint16 sport = c->rtp_port, dport = c->media_port ? c->media_port : c->rtp_port;
    if (uni) {
        ip.dst = s->cli->addr;
        ip.ttl = 64;
        sport = GEN_UNICAST_SERVER_PORT;
        dport = GEN_UNICAST_CLIENT_PORT;
    }
    gen_dst_mac(&ip.dst, s->cli, ip.dst_mac);
    char *dst = gen_addr_to_string(&ip.dst);
    gen_flow f = {.src = (char *)c->camera_ip,
                  .dst = dst,
                  .sport = sport,
                  .dport = dport,
                  .channel = -1,
                  .ssrc = s->ssrc,
                  .payload_type = s->rtp.pt,
                  .ttl = ip.ttl};
    f.ts = c->mpegts;
    f.ts_seq0 = s->rtp.seq0;
    int rtp_flow = gen_capture_add_flow(s->w->cap, &f);
    f.ts = NULL;
    f.rtcp = TRUE; f.sport++; f.dport++;
    int rtcp_flow = gen_capture_add_flow(s->w->cap, &f);

    /* A camera restart: the first sender stops, a new one (SSRC, sequence,
     * timestamp base) starts 300 ms later on the same group and port. */
    guint64 t_change = c->ssrc_change_ms ? t_start + GEN_MS(c->ssrc_change_ms) : t_stop;
    gen_rtp_cfg second = s->rtp;
    int second_flow = -1;
    if (c->ssrc_change_ms) {
        second.ssrc = g_rand_int(s->w->rand);
        second.seq0 = (guint16)g_rand_int_range(s->w->rand, 0, 30000);
        second.ts0 = g_rand_int(s->w->rand);
        f.rtcp = FALSE;
        f.sport--;
        f.dport--;
        f.ssrc = second.ssrc;
        second_flow = gen_capture_add_flow(s->w->cap, &f);
    }
    g_free(dst);
    GArray *sent = gen_rtp_schedule(&s->rtp, s->w->rand, t_start, t_change);
    GArray *wire = g_array_copy(sent);
    gen_impair_apply(&c->impair, s->w->rand, wire);
    gen_rtp_emit(s->w->cap, rtp_flow, &ip, sport, dport, &s->rtp, wire);
    if (c->fec != NULL)
        fec_streams(s, &ip, sport, dport, sent);
    guint64 last = t_start;
    for (guint i = 0; i < wire->len; i++)
        last = MAX(last, g_array_index(wire, gen_rtp_pkt, i).t_us);
    GArray *sent2 = NULL;
    guint64 t_start2 = t_change + GEN_MS(300);
    if (c->ssrc_change_ms) {
        sent2 = gen_rtp_schedule(&second, s->w->rand, t_start2, t_stop);
        gen_rtp_emit(s->w->cap, second_flow, &ip, sport, dport, &second, sent2);
        for (guint i = 0; i < sent2->len; i++)
            last = MAX(last, g_array_index(sent2, gen_rtp_pkt, i).t_us);
    }
    for (guint64 t = t_start + GEN_MS(300); t < t_stop; t += RTCP_INTERVAL_US) {
        if (t < t_change)
            gen_rtcp_emit_sr(s->w->cap, rtcp_flow, &ip, sport + 1, dport + 1, &s->rtp, sent,
                             t_start, t);
        else if (t >= t_start2)
            gen_rtcp_emit_sr(s->w->cap, rtcp_flow, &ip, sport + 1, dport + 1, &second, sent2,
                             t_start2, t);
    }
    if (uni && c->client_rtcp)
        client_receiver_reports(s, wire, (span){t_start, t_stop});
    if (c->receiver_rtcp)
        receiver_reports(s, ip.dst, dport + 1, wire, (span){.from = t_start, .until = t_stop});
    if (sent2 != NULL)
        g_array_unref(sent2);
    g_array_unref(sent);
    g_array_unref(wire);
    return last;
}

/* GStreamer's rtspsrc opens firewalls when it starts: 5 datagrams of
 * random bytes from its RTP port to the group's, 1.4 ms after the PLAY reply. */
static void startup_datagrams(sess *s, guint64 play_reply)
{
    const gen_session_cfg *c = s->c;
    gen_ip ip = {&s->w->link, s->cli, gen_addr_parse(c->group), {0}, 1, FALSE};
    gen_dst_mac(&ip.dst, s->cam, ip.dst_mac);
    char *dst = gen_addr_to_string(&ip.dst);
    gen_flow f = {.src = (char *)c->client_ip,
                  .dst = dst,
                  .sport = c->rtp_port,
                  .dport = c->rtp_port,
                  .channel = -1,
                  .ttl = 1,
                  .role = "receiver-startup",
                  .udp = TRUE};
    int flow = gen_capture_add_flow(s->w->cap, &f);
    g_free(dst);
    for (guint i = 0; i < 5; i++) {
        guint8 junk[200];
        for (gsize k = 0; k < sizeof junk; k++)
            junk[k] = (guint8)g_rand_int_range(s->w->rand, 0, 256);
        gen_capture_add(s->w->cap, play_reply + 1400 + 70 * (guint64)i,
                        gen_frame_udp(&ip, c->rtp_port, c->rtp_port, junk, sizeof junk), flow, 0);
    }
}

static void keepalives(sess *s, span during)
{
    guint64 from = during.from, until = during.until;
    if (!s->c->keepalive_s)
        return;
    char *url = g_strdup_printf("%s/", s->base);
    for (guint64 t = from + GEN_S(s->c->keepalive_s); t + GEN_MS(20) < until; t += GEN_S(s->c->keepalive_s)) {
        s->t = t;
        exchange(s, "GET_PARAMETER", url, NULL, 200, "OK", NULL, NULL);
    }
    g_free(url);
}

static void init_sess(sess *s, gen_world *w, const gen_session_cfg *c, guint64 t0)
{
    memset(s, 0, sizeof *s);
    s->w = w;
    s->c = c;
    s->cli = gen_world_host(w, c->client_ip, c->client_mac_last);
    s->cam = gen_world_host(w, c->camera_ip, c->camera_mac_last);
    gboolean v6 = strchr(c->camera_ip, ':') != NULL;
    s->base = g_strdup_printf("rtsp://%s%s%s:554/ISAPI/streaming/channels/101", v6 ? "[" : "",
                              c->camera_ip, v6 ? "]" : "");
    s->ssrc = g_rand_int(w->rand);
    s->rtp.audio = c->audio;
    s->rtp.pt = c->mpegts ? 33 : c->audio ? 0 : 96;
    s->rtp.ts = c->mpegts;
    s->rtp.clock = c->audio ? 8000 : 90000;
    s->rtp.ssrc = s->ssrc;
    s->rtp.seq0 = c->seq0 ? c->seq0 : (guint16)g_rand_int_range(w->rand, 0, 30000);
    s->rtp.ts0 = g_rand_int(w->rand);
    s->rtp.gop = 50;
    s->rtp.audio_interval_ms = 200;
    s->rtp.frame_overhead = (strchr(c->camera_ip, ':') ? 74 : 54) + (w->link.vlan ? 4 : 0);
    static const guint opening[] = { 1442, 146, 106, 86, 78, 90, 62, 66 };
    if (c->seed_opening) {
        s->rtp.opening = opening;
        s->rtp.n_opening = G_N_ELEMENTS(opening);
    }
    s->t = t0;
    gen_tcp_init(&s->tcp, w->cap, &w->link, s->cli, c->client_port, s->cam, 554);
    s->tcp.segment_size = c->segment_size;
    s->tcp.cli_ttl = (guint8)(64 - c->client_hops);
    if (c->segment_size)
        s->tcp.retransmit_segment = 3; /* one segment of the first DESCRIBE goes twice */
    gen_rtsp_init(&s->rtsp, &s->tcp, gen_capture_counts(w->cap));
}

static void clear_sess(sess *s)
{
    gen_rtsp_clear(&s->rtsp);
    g_free(s->base);
    g_free(s->auth_realm);
    g_free(s->auth_nonce);
}

static guint64 media_only(sess *s, guint64 t0)
{
    guint64 end = media(s, t0, t0 + GEN_MS(s->c->media_ms));
    clear_sess(s);
    return end;
}

/* After SETUP failed or was answered interleaved: give up and close. */
static guint64 give_up(sess *s)
{
    if (s->rtsp.session) {
        char *url = g_strdup_printf("%s/", s->base);
        exchange(s, "TEARDOWN", url, NULL, 200, "OK", NULL, NULL);
        g_free(url);
    }
    guint64 end = gen_tcp_close(&s->tcp, TRUE, s->t + GEN_MS(2));
    clear_sess(s);
    return end;
}

/* Two instants, not a window; a swap would move every client join by the
 * SETUP-to-PLAY gap, which the truth files' join frames pin. */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
static guint64 client_join_time(const gen_session_cfg *c, guint64 setup_done, guint64 play_reply)
{
    if (c->join_after_play_ms == G_MININT64)
        return setup_done + GEN_MS(1);
    return play_reply + GEN_MS(c->join_after_play_ms);
}

guint64 gen_session_run(gen_world *w, const gen_session_cfg *c, guint64 t0)
{
    sess s;
    init_sess(&s, w, c, t0);
    if (c->media_only)
        return media_only(&s, t0);
    s.t = gen_tcp_open(&s.tcp, t0) + GEN_MS(1);
    describe(&s);
    if (!setup(&s))
        return give_up(&s);
    guint64 setup_done = s.t;

    /* PLAY: the camera joins its own group while it prepares (seed order). */
    char *url = g_strdup_printf("%s/", s.base);
    char *rtp_info = g_strdup_printf("RTP-Info: url=%s/trackID=1;seq=%u;rtptime=%u\r\n",
                                     s.base, s.rtp.seq0, s.rtp.ts0);
    guint64 play_req = s.t;
    exchange(&s, "PLAY", url, "Range: npt=0.000-\r\n", 200, "OK", rtp_info, NULL);
    guint64 camera_join = s.request_done + GEN_MS(1);
    guint64 play_reply = s.reply_done;
    guint64 join = client_join_time(c, setup_done, play_reply);
    guint64 media_start = play_reply + GEN_MS(10);
    if (c->receiver_startup)
        startup_datagrams(&s, play_reply);

    guint64 media_stop = media_start + GEN_MS(c->media_ms);
    if (c->end == GEN_END_EXPIRY || c->end == GEN_END_EXPIRY_CUT)
        media_stop = join + GMI_US;
    else if (c->end == GEN_END_TIMEOUT)
        media_stop = play_req + GEN_S(c->session_timeout_s ? c->session_timeout_s : 60) + GEN_MS(800);
    guint64 last = media(&s, media_start, media_stop);
    guint64 end = last;
    guint64 client_leave = G_MAXUINT64, camera_leave = G_MAXUINT64;
    if (c->leave_after_play_ms >= 0)
        client_leave = play_reply + GEN_MS(c->leave_after_play_ms);

    if (c->end == GEN_END_TEARDOWN) {
        keepalives(&s, (span){ .from = play_reply, .until = last });
        s.t = MAX(s.t, last + GEN_MS(30));
        exchange(&s, "TEARDOWN", url, NULL, 200, "OK", NULL, NULL);
        if (c->leave_after_play_ms == -1)
            client_leave = s.t + GEN_MS(4);
        camera_leave = s.t + GEN_MS(6);
        end = gen_tcp_close(&s.tcp, TRUE, s.t + GEN_MS(20));
    } else if (c->end == GEN_END_EXPIRY) {
        /* Keep-alives go on: the RTSP session is fine, the membership is not. */
        keepalives(&s, (span){ .from = play_reply, .until = media_stop + GEN_S(10) });
        end = s.t;
    } else if (c->end == GEN_END_EXPIRY_CUT) {
        /* Nothing arrives after the media, so tcpdump writes nothing more. */
        keepalives(&s, (span){ .from = play_reply, .until = last });
        end = last;
    } else if (c->end == GEN_END_TIMEOUT) {
        /* The client notices the silence 8 s later; the server forgot it. */
        s.t = media_stop + GEN_S(8);
        exchange(&s, "GET_PARAMETER", url, NULL, 454, "Session Not Found", NULL, NULL);
        end = gen_tcp_close(&s.tcp, TRUE, media_stop + GEN_S(10));
    }
    if (c->client_join != GEN_JOIN_NONE)
        add_member(&s, s.cli, c->client_join, c->group, c->client_join_source,
                   (span){ .from = join, .until = client_leave });
    if (c->camera_joins)
        add_member(&s, s.cam, c->client_join == GEN_JOIN_MLDV2 ? GEN_JOIN_MLDV2 : GEN_JOIN_V3,
                   c->group, NULL, (span){ .from = camera_join, .until = camera_leave });
    g_free(url);
    g_free(rtp_info);
    clear_sess(&s);
    return end;
}
