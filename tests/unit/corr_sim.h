/* SPDX-License-Identifier: GPL-2.0-or-later */
/* corr_sim.h - builds real inputs for correlator tests: RTSP text parsed by
 * ma_rtsp_msg_parse, IGMP bytes parsed by ma_igmp_parse, RTP/RTCP datagrams
 * as bytes.  Header-only (static) so each test program includes it. */
#ifndef CORR_SIM_H
#define CORR_SIM_H

#include <math.h>
#include <string.h>

#include "correlator.h"
#include "membership.h"
#include "rtsp.h"

#define SIM_T0 G_GINT64_CONSTANT(1700000000000000000)

#define SEED_SDP                                                                                 \
    "v=0\r\no=- 1109162014219182 1109162014219192 IN IP4 0.0.0.0\r\ns=Media Presentation\r\n"   \
    "e=NONE\r\nb=AS:5050\r\nt=0 0\r\n"                                                           \
    "a=control:rtsp://10.9.97.69:554/ISAPI/streaming/channels/101/\r\n"                         \
    "m=video 0 RTP/AVP 96\r\nc=IN IP4 0.0.0.0\r\nb=AS:5000\r\na=recvonly\r\n"                    \
    "a=control:rtsp://10.9.97.69:554/ISAPI/streaming/channels/101/trackID=1\r\n"                \
    "a=rtpmap:96 H264/90000\r\n"
#define SEED_URL "rtsp://10.9.97.69:554/ISAPI/streaming/channels/101/"
#define SEED_TRACK_URL SEED_URL "trackID=1"
#define SEED_TRANSPORT "RTP/AVP;multicast;destination=239.255.255.200;port=8860-8861;ttl=128"
#define CAMERA "10.9.97.69"
#define CLIENT "10.9.97.42"
#define GROUP "239.255.255.200"

typedef struct {
    ma_correlator *c;
    uint32_t frame;
    double now;          /* seconds since SIM_T0 of the last event */
    ma_frame_info info;  /* what the last feed call answered */
    int rtsp_ttl;        /* IP TTL of the RTSP messages, -1 unknown (sim_init) */
    /* told each UDP answer, as a probe's capture tells its metrics (may be NULL) */
    void (*on_udp)(void *ud, const ma_frame_info *info);
    void *on_udp_data;
} sim;

typedef struct {
    const char *client, *server;
    uint16_t cport, sport;
    int cseq;
    const char *session; /* sent in requests once set */
    const uint8_t *client_mac, *server_mac; /* Ethernet sources, NULL unknown */
} sim_conn;

static inline gint64 sim_ns(double t)
{
    return SIM_T0 + (gint64)llround(t * 1e9);
}

static inline ma_addr sim_addr(const char *s)
{
    ma_addr a;
    g_assert_true(ma_addr_parse(s, &a));
    return a;
}

static inline void sim_init(sim *s, const ma_thresholds *th)
{
    memset(s, 0, sizeof *s);
    s->rtsp_ttl = -1;
    ma_thresholds def;
    ma_thresholds_init(&def);
    s->c = ma_correlator_new(th != NULL ? th : &def);
}

static inline void sim_finish(sim *s, double end)
{
    ma_correlator_finish(s->c, sim_ns(end));
}

static inline void sim_free(sim *s)
{
    ma_correlator_free(s->c);
}

static inline ma_ev_meta sim_meta(sim *s, double t)
{
    g_assert_cmpfloat(t, >=, s->now);
    s->now = t;
    ma_ev_meta m = {++s->frame, sim_ns(t)};
    return m;
}

static inline uint32_t sim_rtsp_raw(sim *s, double t, const char *src, uint16_t sport,
                                    const char *dst, uint16_t dport, const char *text,
                                    const uint8_t *mac)
{
    GError *err = NULL;
    ma_rtsp_msg *msg = ma_rtsp_msg_parse((const uint8_t *)text, strlen(text), &err);
    g_assert_no_error(err);
    g_assert_nonnull(msg);
    ma_ev_rtsp ev = {sim_meta(s, t), sim_addr(src), sim_addr(dst), sport, dport, msg, s->rtsp_ttl};
    if (mac != NULL) {
        ma_addr a = sim_addr(src);
        ma_correlator_host_mac(s->c, &a, mac);
    }
    ma_correlator_rtsp(s->c, &ev, &s->info);
    ma_rtsp_msg_free(msg);
    return s->frame;
}

/* Request on conn: next CSeq, Session when known, extra headers (CRLF-ended). */
static inline uint32_t sim_req(sim *s, sim_conn *k, double t, const char *method, const char *url,
                               const char *extra)
{
    k->cseq++;
    char *text = g_strdup_printf("%s %s RTSP/1.0\r\nCSeq: %d\r\n%s%s%s%s\r\n", method, url, k->cseq,
                                 k->session != NULL ? "Session: " : "",
                                 k->session != NULL ? k->session : "",
                                 k->session != NULL ? "\r\n" : "", extra != NULL ? extra : "");
    uint32_t f = sim_rtsp_raw(s, t, k->client, k->cport, k->server, k->sport, text, k->client_mac);
    g_free(text);
    return f;
}

/* Reply to the last request on conn. */
static inline uint32_t sim_rep(sim *s, sim_conn *k, double t, int status, const char *extra,
                               const char *body)
{
    char *text;
    if (body != NULL)
        text = g_strdup_printf("RTSP/1.0 %d X\r\nCSeq: %d\r\n%sContent-Type: application/sdp\r\n"
                               "Content-Length: %zu\r\n\r\n%s",
                               status, k->cseq, extra != NULL ? extra : "", strlen(body), body);
    else
        text = g_strdup_printf("RTSP/1.0 %d X\r\nCSeq: %d\r\n%s\r\n", status, k->cseq,
                               extra != NULL ? extra : "");
    uint32_t f = sim_rtsp_raw(s, t, k->server, k->sport, k->client, k->cport, text, k->server_mac);
    g_free(text);
    return f;
}

/* ---- IGMP ---- */

static inline void sim_csum(uint8_t *b, gsize len)
{
    uint32_t sum = 0;
    b[2] = b[3] = 0;
    for (gsize i = 0; i + 1 < len; i += 2)
        sum += (uint32_t)(b[i] << 8 | b[i + 1]);
    if (len & 1)
        sum += (uint32_t)b[len - 1] << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    uint16_t c = (uint16_t)~sum;
    b[2] = (uint8_t)(c >> 8);
    b[3] = (uint8_t)c;
}

static inline void sim_put_addr(uint8_t *p, const char *a)
{
    ma_addr x = sim_addr(a);
    memcpy(p, x.bytes, 4);
}

/* IGMPv3 report with one record. */
static inline gsize igmp_v3(uint8_t *b, int rtype, const char *group, const char *const *srcs,
                            int nsrc)
{
    memset(b, 0, 16 + 4 * (gsize)nsrc);
    b[0] = 0x22;
    b[7] = 1; /* one record */
    b[8] = (uint8_t)rtype;
    b[11] = (uint8_t)nsrc;
    sim_put_addr(b + 12, group);
    for (int i = 0; i < nsrc; i++)
        sim_put_addr(b + 16 + 4 * i, srcs[i]);
    gsize len = 16 + 4 * (gsize)nsrc;
    sim_csum(b, len);
    return len;
}

/* IGMPv1/v2 message: 0x12/0x16 report, 0x17 leave, 0x11 query (v2 when code != 0). */
static inline gsize igmp_v2(uint8_t *b, uint8_t type, uint8_t code, const char *group)
{
    memset(b, 0, 8);
    b[0] = type;
    b[1] = code;
    sim_put_addr(b + 4, group);
    sim_csum(b, 8);
    return 8;
}

/* IGMPv3 general query (12 bytes). */
static inline gsize igmp_v3_query(uint8_t *b)
{
    memset(b, 0, 12);
    b[0] = 0x11;
    b[1] = 100;
    b[8] = 2;   /* QRV */
    b[9] = 125; /* QQIC */
    sim_csum(b, 12);
    return 12;
}

static inline uint32_t sim_igmp(sim *s, double t, const char *src, const uint8_t *b, gsize len)
{
    GError *err = NULL;
    ma_memb_msg *m = ma_igmp_parse(b, len, &err);
    g_assert_no_error(err);
    g_assert_nonnull(m);
    ma_ev_membership ev = {sim_meta(s, t), sim_addr(src),
                           sim_addr(m->kind == MA_MEMB_QUERY ? "224.0.0.1" : "224.0.0.22"), 1,
                           TRUE, m};
    ma_correlator_membership(s->c, &ev, &s->info);
    ma_memb_msg_free(m);
    return s->frame;
}

static inline uint32_t sim_join(sim *s, double t, const char *host, const char *group)
{
    uint8_t b[64];
    gsize n = igmp_v3(b, MA_REC_CHANGE_TO_EXCLUDE, group, NULL, 0);
    return sim_igmp(s, t, host, b, n);
}

/* MLDv2 report with one record without sources, from src with Ethernet mac. */
static inline uint32_t sim_mld(sim *s, double t, const char *src, const uint8_t *mac, int rtype,
                               const char *group)
{
    uint8_t b[28] = {143, 0, 0, 0, 0, 0, 0, 1, (uint8_t)rtype, 0, 0, 0};
    ma_addr g = sim_addr(group), from = sim_addr(src), to = sim_addr("ff02::16");
    memcpy(b + 12, g.bytes, 16);
    GError *err = NULL;
    ma_memb_msg *m = ma_mld_parse(b, sizeof b, &from, &to, &err);
    g_assert_no_error(err);
    /* a correct checksum (with the pseudo-header), else MA902 */
    b[2] = (uint8_t)(m->checksum_computed >> 8);
    b[3] = (uint8_t)m->checksum_computed;
    ma_memb_msg_free(m);
    m = ma_mld_parse(b, sizeof b, &from, &to, &err);
    g_assert_no_error(err);
    g_assert_true(m->checksum_ok);
    ma_ev_membership ev = {sim_meta(s, t), from, to, 1, TRUE, m};
    if (mac != NULL)
        ma_correlator_host_mac(s->c, &from, mac);
    ma_correlator_membership(s->c, &ev, &s->info);
    ma_memb_msg_free(m);
    return s->frame;
}

/* ---- UDP ---- */

static inline uint32_t sim_udp(sim *s, double t, const char *src, uint16_t sport, const char *dst,
                               uint16_t dport, int ttl, const uint8_t *p, gsize len)
{
    ma_ev_udp ev = {sim_meta(s, t), sim_addr(src), sim_addr(dst), sport, dport, ttl, p, len, len};
    ma_correlator_udp(s->c, &ev, &s->info);
    if (s->on_udp != NULL)
        s->on_udp(s->on_udp_data, &s->info);
    return s->frame;
}

static inline gsize rtp_bytes(uint8_t *b, int pt, uint16_t seq, uint32_t ts, uint32_t ssrc)
{
    memset(b, 0xab, 200);
    b[0] = 0x80;
    b[1] = (uint8_t)pt;
    b[2] = (uint8_t)(seq >> 8);
    b[3] = (uint8_t)seq;
    for (int i = 0; i < 4; i++) {
        b[4 + i] = (uint8_t)(ts >> (24 - 8 * i));
        b[8 + i] = (uint8_t)(ssrc >> (24 - 8 * i));
    }
    return 200;
}

static inline gsize rtcp_sr_bytes(uint8_t *b, uint32_t ssrc)
{
    memset(b, 0, 28);
    b[0] = 0x80;
    b[1] = 200;
    b[3] = 6;
    for (int i = 0; i < 4; i++)
        b[4 + i] = (uint8_t)(ssrc >> (24 - 8 * i));
    return 28;
}

static inline uint32_t sim_rtp(sim *s, double t, const char *src, uint16_t sport, const char *dst,
                               uint16_t dport, int ttl, uint16_t seq, uint32_t ts)
{
    uint8_t b[200];
    gsize n = rtp_bytes(b, 96, seq, ts, 0x1234abcd);
    return sim_udp(s, t, src, sport, dst, dport, ttl, b, n);
}

static inline uint32_t sim_sr(sim *s, double t, const char *src, const char *dst, uint16_t dport)
{
    uint8_t b[28];
    gsize n = rtcp_sr_bytes(b, 0x1234abcd);
    return sim_udp(s, t, src, (uint16_t)(dport), dst, dport, 128, b, n);
}

/* n RTP packets from t every dt seconds (seq from seq0, 90 kHz timestamps
 * matching the spacing), plus an RTCP SR to port+1 every 25 packets. */
static inline uint32_t sim_media(sim *s, double t, double dt, int n, const char *src,
                                 const char *dst, uint16_t port, int ttl, uint16_t seq0)
{
    uint32_t last = 0;
    for (int i = 0; i < n; i++) {
        double ti = t + dt * i;
        last = sim_rtp(s, ti, src, port, dst, port, ttl, (uint16_t)(seq0 + i),
                       (uint32_t)llround(ti * 90000.0)); /* timestamps follow arrival */
        if (i % 25 == 10)
            sim_sr(s, ti + 0.001, src, dst, (uint16_t)(port + 1));
    }
    return last;
}

/* ---- standard multicast session: DESCRIBE 200, SETUP 200, PLAY 200 ---- */

typedef struct {
    uint32_t describe, describe_reply, setup, setup_reply, play, play_reply;
} sim_frames;

static inline sim_frames sim_session(sim *s, sim_conn *k, double t, const char *sdp,
                                     const char *track_url, const char *transport_req,
                                     const char *transport_reply)
{
    sim_frames f = {0};
    char *hdr = g_strdup_printf("Transport: %s\r\n", transport_req);
    char *rhdr = g_strdup_printf("Transport: %s\r\nSession: 12345678;timeout=60\r\n", transport_reply);
    f.describe = sim_req(s, k, t, "DESCRIBE", SEED_URL, "Accept: application/sdp\r\n");
    f.describe_reply = sim_rep(s, k, t + 0.01, 200, "Content-Base: " SEED_URL "\r\n", sdp);
    f.setup = sim_req(s, k, t + 0.02, "SETUP", track_url, hdr);
    f.setup_reply = sim_rep(s, k, t + 0.03, 200, rhdr, NULL);
    k->session = "12345678";
    f.play = sim_req(s, k, t + 0.04, "PLAY", SEED_URL, NULL);
    f.play_reply = sim_rep(s, k, t + 0.05, 200, "Session: 12345678\r\n", NULL);
    g_free(hdr);
    g_free(rhdr);
    return f;
}

static inline sim_conn sim_conn_seed(void)
{
    sim_conn k = {CLIENT, CAMERA, 60874, 554, 1, NULL, NULL, NULL};
    return k;
}

/* ---- verdict lookups ---- */

static inline const ma_verdict *sim_verdict(const sim *s, const char *code)
{
    const GPtrArray *v = ma_correlator_verdicts(s->c);
    for (guint i = 0; i < v->len; i++) {
        const ma_verdict *x = g_ptr_array_index(v, i);
        if (strcmp(x->def->code, code) == 0)
            return x;
    }
    return NULL;
}

static inline guint sim_count(const sim *s, const char *code)
{
    guint n = 0;
    const GPtrArray *v = ma_correlator_verdicts(s->c);
    for (guint i = 0; i < v->len; i++)
        n += strcmp(((const ma_verdict *)g_ptr_array_index(v, i))->def->code, code) == 0;
    return n;
}

/* "MA202,MA310" of all verdicts, in list order. */
static inline char *sim_codes(const sim *s)
{
    GString *out = g_string_new(NULL);
    const GPtrArray *v = ma_correlator_verdicts(s->c);
    for (guint i = 0; i < v->len; i++)
        g_string_append_printf(out, "%s%s", i ? "," : "",
                               ((const ma_verdict *)g_ptr_array_index(v, i))->def->code);
    return g_string_free(out, FALSE);
}

#define assert_codes(s, expected)                                                                \
    do {                                                                                         \
        char *codes_ = sim_codes(s);                                                             \
        g_assert_cmpstr(codes_, ==, expected);                                                   \
        g_free(codes_);                                                                          \
    } while (0)

static inline uint32_t vframe(const ma_verdict *v, guint i)
{
    g_assert_cmpuint(i, <, v->frames->len);
    return g_array_index(v->frames, uint32_t, i);
}

static inline ma_session *sim_session_n(const sim *s, guint i)
{
    const GPtrArray *a = ma_correlator_sessions(s->c);
    g_assert_cmpuint(i, <, a->len);
    return g_ptr_array_index(a, i);
}

static inline ma_track *sim_track(const sim *s, guint si, guint ti)
{
    ma_session *se = sim_session_n(s, si);
    g_assert_cmpuint(ti, <, se->tracks->len);
    return g_ptr_array_index(se->tracks, ti);
}

#endif
