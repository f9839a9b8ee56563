/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_capture_correlator.c - end to end through ma_capture_run(): a pcap
 * with an RTSP session (a reply split over two segments), an IGMP join with
 * router alert and three RTP packets feeds a real correlator, which must
 * see the session, the track, the join and the media at their frames. */
#include <glib/gstdio.h>
#include <pcap/pcap.h>
#include <string.h>
#include "capture.h"
#include "pkt.h"

#define CLI "10.0.0.2"
#define SRV "10.0.0.1"

static const char SETUP[] = "SETUP rtsp://10.0.0.1/cam/track1 RTSP/1.0\r\nCSeq: 1\r\n"
                            "Transport: RTP/AVP;multicast\r\n\r\n";
static const char SETUP_OK[] = "RTSP/1.0 200 OK\r\nCSeq: 1\r\nSession: 12345678;timeout=60\r\n"
                               "Transport: RTP/AVP;multicast;destination=239.1.1.1;port=5004-5005;ttl=16\r\n\r\n";
static const char PLAY[] = "PLAY rtsp://10.0.0.1/cam RTSP/1.0\r\nCSeq: 2\r\nSession: 12345678\r\n\r\n";
static const char PLAY_OK[] = "RTSP/1.0 200 OK\r\nCSeq: 2\r\nSession: 12345678\r\n\r\n";

typedef struct {
    pcap_dumper_t *dump;
    gint64 t;
    uint32_t cseq, sseq;
} writer;

static void put(writer *w, GByteArray *f)
{
    struct pcap_pkthdr h = { .caplen = f->len, .len = f->len };
    w->t += 10 * 1000 * 1000; /* 10 ms apart */
    h.ts.tv_sec = (time_t)(w->t / 1000000000);
    h.ts.tv_usec = (suseconds_t)(w->t % 1000000000);
    pcap_dump((u_char *)w->dump, &h, f->data);
    g_byte_array_unref(f);
}

static void tcp(writer *w, gboolean from_client, uint8_t flags, const char *data, gsize len)
{
    uint32_t *seq = from_client ? &w->cseq : &w->sseq;
    put(w, from_client ? pk_eth_tcp4(CLI, SRV, 40000, 554, *seq, flags, data, len)
                       : pk_eth_tcp4(SRV, CLI, 554, 40000, *seq, flags, data, len));
    *seq += (uint32_t)len + ((flags & PK_SYN) ? 1 : 0);
}

static char *write_session(const char *dir)
{
    char *path = g_build_filename(dir, "session.pcap", NULL);
    pcap_t *dead = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, 65535, PCAP_TSTAMP_PRECISION_NANO);
    writer w = { .dump = pcap_dump_open(dead, path), .t = G_GINT64_CONSTANT(1700000000) * 1000000000,
                 .cseq = 100, .sseq = 900 };
    g_assert_nonnull(w.dump);
    tcp(&w, TRUE, PK_SYN, NULL, 0);                                    /* 1 */
    tcp(&w, FALSE, PK_SYN | PK_ACK, NULL, 0);                          /* 2 */
    tcp(&w, TRUE, PK_ACK | PK_PSH, SETUP, strlen(SETUP));              /* 3 */
    tcp(&w, FALSE, PK_ACK, SETUP_OK, 40);                              /* 4 */
    tcp(&w, FALSE, PK_ACK | PK_PSH, SETUP_OK + 40, strlen(SETUP_OK) - 40); /* 5 */
    tcp(&w, TRUE, PK_ACK | PK_PSH, PLAY, strlen(PLAY));                /* 6 */
    tcp(&w, FALSE, PK_ACK | PK_PSH, PLAY_OK, strlen(PLAY_OK));         /* 7 */
    static const uint8_t ra[4] = { 148, 4, 0, 0 };
    static const uint8_t join[8] = { 0x16, 0, 0xfa, 0x04, 239, 1, 1, 1 };
    GByteArray *body = pk_bytes(join, 8);
    GByteArray *ip = pk_ipv4_full(CLI, "239.1.1.1", IPPROTO_IGMP, 1, 5, 0, ra, 4, body);
    put(&w, pk_eth(NULL, 0, 0x0800, ip));                              /* 8 */
    g_byte_array_unref(body);
    g_byte_array_unref(ip);
    for (uint8_t seq = 1; seq <= 3; seq++) {                           /* 9, 10, 11 */
        uint8_t rtp[20] = { 0x80, 96, 0, seq, 0, 0, 0, (uint8_t)(seq * 90), 0xde, 0xad, 0xbe, 0xef };
        put(&w, pk_eth_udp4(SRV, "239.1.1.1", 5004, 5004, 16, rtp, sizeof rtp));
    }
    pcap_dump_close(w.dump);
    pcap_close(dead);
    return path;
}

static void test_session_end_to_end(void)
{
    char *dir = g_dir_make_tmp("ma-corr-XXXXXX", NULL);
    char *path = write_session(dir);
    ma_thresholds th;
    ma_thresholds_init(&th);
    ma_correlator *corr = ma_correlator_new(&th);
    ma_capture_stats st;
    ma_capture_stats_init(&st);
    const char *files[] = { path, NULL };
    ma_capture_opts o = { .files = files };
    GError *err = NULL;
    g_assert_true(ma_capture_run(&o, corr, &st, &err));
    g_assert_no_error(err);
    ma_correlator_finish(corr, st.dec.last_ns);

    g_assert_cmpuint(st.dec.frames, ==, 11);
    g_assert_cmpuint(st.dec.rtsp_messages, ==, 4);
    g_assert_cmpuint(st.dec.undecoded + st.dec.malformed, ==, 0);
    const GPtrArray *sessions = ma_correlator_sessions(corr);
    g_assert_cmpuint(sessions->len, ==, 1);
    const ma_session *s = sessions->pdata[0];
    g_assert_cmpstr(s->session_id, ==, "12345678");
    g_assert_cmpuint(s->play_request_frame, ==, 6);
    g_assert_cmpuint(s->play_reply_frame, ==, 7);
    g_assert_cmpuint(s->tracks->len, ==, 1);
    const ma_track *t = s->tracks->pdata[0];
    g_assert_cmpuint(t->setup_request_frame, ==, 3);
    g_assert_cmpuint(t->setup_reply_frame, ==, 5);
    g_assert_true(t->multicast);
    g_assert_cmpint(t->rtp_port, ==, 5004);
    g_assert_cmpuint(t->client_join_frame, ==, 8);
    g_assert_cmpuint(t->first_media_frame, ==, 9);
    g_assert_nonnull(t->rtp_flow);
    g_assert_cmpuint(t->rtp_flow->datagrams, ==, 3);
    g_assert_cmpint(t->rtp_flow->ttl_min, ==, 16);

    ma_correlator_free(corr);
    ma_capture_stats_clear(&st);
    g_unlink(path);
    g_rmdir(dir);
    g_free(path);
    g_free(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/capture/correlator/session", test_session_end_to_end);
    return g_test_run();
}
