/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_sap.c - SAP (RFC 2974): the header parser on every refusal, and the
 * correlator: an announcement becomes a described session, repeats are
 * counted with their intervals, a deletion ends it, refused datagrams are
 * decode events; MA149 on a 450 s gap, MA369 after a deletion. */
#include "corr_sim.h"
#include "correlator_live.h"
#include "sap.h"

#define SAP_GROUP "224.2.127.254"
#define ANN_SDP                                                                                    \
    "v=0\r\no=- 7 1 IN IP4 10.0.0.5\r\ns=x\r\nt=0 0\r\nm=audio 5004 RTP/AVP 96\r\n"                \
    "c=IN IP4 239.9.9.9/16\r\na=rtpmap:96 L16/48000\r\n"

/* header byte 0, auth words, hash, IPv4 origin 10.0.0.5, optional type, payload */
static gsize sap_bytes(uint8_t *b, uint8_t flags, uint8_t auth, uint16_t hash, gboolean type,
                       const char *payload)
{
    gsize n = 0;
    b[n++] = flags;
    b[n++] = auth;
    b[n++] = (uint8_t)(hash >> 8);
    b[n++] = (uint8_t)hash;
    const uint8_t origin[4] = {10, 0, 0, 5};
    memcpy(b + n, origin, 4);
    n += 4;
    memset(b + n, 0xee, (gsize)auth * 4);
    n += (gsize)auth * 4;
    if (type) {
        memcpy(b + n, "application/sdp", 16);
        n += 16;
    }
    memcpy(b + n, payload, strlen(payload));
    return n + strlen(payload);
}

static void test_parse(void)
{
    uint8_t b[1024];
    ma_sap_msg m;
    gsize n = sap_bytes(b, 0x20, 0, 0x1234, TRUE, ANN_SDP);
    g_assert_cmpint(ma_sap_parse(b, n, &m), ==, MA_SAP_OK);
    g_assert_cmpint(m.version, ==, 1);
    g_assert_false(m.deletion);
    g_assert_cmphex(m.msg_id_hash, ==, 0x1234);
    g_assert_true(m.has_payload_type);
    g_assert_cmpuint(m.payload_len, ==, strlen(ANN_SDP));
    g_assert_true(ma_addr_equal(&m.origin, &(ma_addr){4, {10, 0, 0, 5}}));
    /* no payload type: the SDP starts right after the header (section 6) */
    n = sap_bytes(b, 0x20, 2, 0x1234, FALSE, ANN_SDP);
    g_assert_cmpint(ma_sap_parse(b, n, &m), ==, MA_SAP_OK);
    g_assert_false(m.has_payload_type);
    g_assert_cmpuint(m.auth_len, ==, 2);
    g_assert_cmpuint(m.payload_len, ==, strlen(ANN_SDP));
    /* every cut inside header, source or auth data is truncated */
    for (gsize cut = 0; cut < 16; cut++)
        g_assert_cmpint(ma_sap_parse(b, cut, &m), ==, MA_SAP_TRUNCATED);
    g_assert_cmpint(ma_sap_parse(NULL, 0, &m), ==, MA_SAP_TRUNCATED);
    n = sap_bytes(b, 0x40, 0, 1, TRUE, ANN_SDP); /* V=2 */
    g_assert_cmpint(ma_sap_parse(b, n, &m), ==, MA_SAP_BAD_VERSION);
    n = sap_bytes(b, 0x22, 0, 1, TRUE, ANN_SDP);
    g_assert_cmpint(ma_sap_parse(b, n, &m), ==, MA_SAP_ENCRYPTED);
    n = sap_bytes(b, 0x21, 0, 1, TRUE, ANN_SDP);
    g_assert_cmpint(ma_sap_parse(b, n, &m), ==, MA_SAP_COMPRESSED);
    n = sap_bytes(b, 0x20, 0, 1, FALSE, "text/plain");
    b[n++] = 0;
    g_assert_cmpint(ma_sap_parse(b, n, &m), ==, MA_SAP_NOT_SDP);
    n = sap_bytes(b, 0x20, 0, 1, FALSE, "");
    g_assert_cmpint(ma_sap_parse(b, n, &m), ==, MA_SAP_NOT_SDP);
    /* IPv6 origin (A bit): 16 bytes needed */
    n = sap_bytes(b, 0x30, 0, 1, TRUE, "");
    g_assert_cmpint(ma_sap_parse(b, 19, &m), ==, MA_SAP_TRUNCATED);
    g_assert_cmpstr(ma_sap_status_name(MA_SAP_COMPRESSED), ==, "compressed");
    /* the groups: 224.2.127.254 and ff0X::2:7ffe */
    ma_addr a;
    g_assert_true(ma_addr_parse(SAP_GROUP, &a) && ma_sap_is_group(&a));
    g_assert_true(ma_addr_parse("ff05::2:7ffe", &a) && ma_sap_is_group(&a));
    g_assert_true(ma_addr_parse("ff0e::2:7ffe", &a) && ma_sap_is_group(&a));
    g_assert_false(ma_addr_parse("ff15::2:7ffe", &a) && ma_sap_is_group(&a));
    g_assert_false(ma_addr_parse("224.2.127.253", &a) && ma_sap_is_group(&a));
}

static uint32_t sap(sim *s, double t, uint8_t flags, uint8_t auth, uint16_t hash,
                    const char *payload)
{
    uint8_t b[1024];
    gsize n = sap_bytes(b, flags, auth, hash, TRUE, payload);
    return sim_udp(s, t, "10.0.0.5", 40000, SAP_GROUP, MA_SAP_PORT, 255, b, n);
}

static const ma_session *only_session(const sim *s)
{
    const GPtrArray *ss = ma_correlator_sessions(s->c);
    g_assert_cmpuint(ss->len, ==, 1);
    return g_ptr_array_index(ss, 0);
}

static guint count_code(const sim *s, const char *code)
{
    guint n = 0;
    const GPtrArray *v = ma_correlator_verdicts(s->c);
    for (guint i = 0; i < v->len; i++)
        n += strcmp(((const ma_verdict *)g_ptr_array_index(v, i))->def->code, code) == 0;
    return n;
}

static void test_correlator(void)
{
    sim s;
    sim_init(&s, NULL);
    g_assert_cmpuint(sap(&s, 0.0, 0x20, 0, 0x1234, ANN_SDP), ==, 1);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_SAP);
    g_assert_nonnull(s.info.session);
    (void)sap(&s, 0.5, 0x22, 0, 0x1234, ANN_SDP);   /* encrypted */
    (void)sap(&s, 0.6, 0x21, 0, 0x1234, ANN_SDP);   /* compressed */
    (void)sap(&s, 0.7, 0x60, 0, 0x1234, ANN_SDP);   /* V=3 */
    (void)sap(&s, 0.8, 0x20, 0, 0x9999, "v=0\r\n"); /* SDP with no media */
    uint8_t cut[1024];
    gsize cut_len = sap_bytes(cut, 0x20, 64, 0x1234, TRUE, ANN_SDP);
    g_assert_cmpuint(cut_len, >, 100);
    /* cut inside its 256 bytes of authentication data */
    (void)sim_udp(&s, 0.9, "10.0.0.5", 40000, SAP_GROUP, MA_SAP_PORT, 255, cut, 100);
    for (int i = 1; i < 4; i++)
        (void)sap(&s, 2.0 * i, 0x20, i == 3 ? 1 : 0, 0x1234, ANN_SDP);
    uint32_t media = 0, del = 0;
    for (int i = 0; i < 40; i++) {
        media = sim_rtp(&s, 6.1 + 0.1 * i, "10.0.0.5", 5004, "239.9.9.9", 5004, 16,
                        (uint16_t)(100 + i), (uint32_t)(4800 * i));
        if (i == 8) /* at 6.95 s */
            del = sap(&s, 6.95, 0x24, 0, 0x1234, "o=- 7 1 IN IP4 10.0.0.5\r\n");
        if (i == 14) /* after the deletion: not a repeat */
            (void)sap(&s, 7.55, 0x20, 0, 0x1234, ANN_SDP);
    }
    sim_finish(&s, 10.1);
    const ma_session *ses = only_session(&s);
    g_assert_cmpint(ses->origin, ==, MA_ORIGIN_SAP);
    g_assert_cmpstr(ses->described_by, ==, "10.0.0.5 msg id 0x1234");
    g_assert_cmpuint(ses->described_frame, ==, 1);
    g_assert_cmpuint(ses->sap.announcements, ==, 4);
    g_assert_cmpuint(ses->sap.last_frame, ==, 9);
    g_assert_cmpfloat_with_epsilon(ses->sap.interval_mean_s, 2.0, 1e-9);
    g_assert_cmpfloat_with_epsilon(ses->sap.interval_min_s, 2.0, 1e-9);
    g_assert_cmpuint(ses->sap.deletion_frame, ==, del);
    const ma_track *t = g_ptr_array_index(ses->tracks, 0);
    g_assert_cmpuint(t->clock_rate, ==, 48000);
    g_assert_nonnull(t->rtp_flow);
    g_assert_cmpuint(t->rtp_flow->last_frame, ==, media);
    const ma_decode_events *ev = ma_correlator_decode_events(s.c);
    g_assert_cmpuint(ev->e[MA_DE_SAP_ENCRYPTED].count, ==, 1);
    g_assert_cmpuint(ev->e[MA_DE_SAP_ENCRYPTED].first_frame, ==, 2);
    g_assert_cmpuint(ev->e[MA_DE_SAP_COMPRESSED].count, ==, 1);
    g_assert_cmpuint(ev->e[MA_DE_SAP_BAD_VERSION].count, ==, 1);
    g_assert_cmpuint(ev->e[MA_DE_SAP_NOT_SDP].count, ==, 1);
    g_assert_cmpuint(ev->e[MA_DE_SAP_NOT_SDP].first_frame, ==, 5);
    g_assert_cmpuint(ev->e[MA_DE_SAP_TRUNCATED].count, ==, 1);
    g_assert_cmpuint(ev->e[MA_DE_SAP_AUTH_UNVERIFIED].count, ==, 1);
    g_assert_cmpuint(ev->e[MA_DE_SAP_AUTH_UNVERIFIED].first_frame, ==, 9);
    /* media 3.05 s after the deletion: MA369 (frames: deletion, last packet) */
    g_assert_cmpuint(count_code(&s, "MA369"), ==, 1);
    g_assert_cmpuint(count_code(&s, "MA149"), ==, 0);
    g_assert_cmpuint(count_code(&s, "MA902"), ==, 1);
    /* a described group has a session: no group block */
    g_assert_cmpuint(ma_correlator_groups(s.c)->len, ==, 0);
    sim_free(&s);
}

/* RFC 2974 3.1: max(300 s, bandwidth share) x 4/3 = 400 s: a 450 s gap is
 * MA149, a 390 s one is not; nor is silence after the last one up to 400 s. */
static void test_interval(void)
{
    static const double gaps[] = {390.0, 450.0};
    for (gsize i = 0; i < G_N_ELEMENTS(gaps); i++) {
        sim s;
        sim_init(&s, NULL);
        (void)sap(&s, 0.0, 0x20, 0, 0x1234, ANN_SDP);
        (void)sap(&s, gaps[i], 0x20, 0, 0x1234, ANN_SDP);
        sim_finish(&s, gaps[i] + 10.0);
        g_assert_cmpuint(count_code(&s, "MA149"), ==, i);
        g_assert_cmpuint(count_code(&s, "MA365"), ==, 1); /* and nothing reached the group */
        sim_free(&s);
    }
    sim s;
    sim_init(&s, NULL);
    (void)sap(&s, 0.0, 0x20, 0, 0x1234, ANN_SDP);
    sim_finish(&s, 401.0);
    g_assert_cmpuint(count_code(&s, "MA149"), ==, 1);
    const GPtrArray *v = ma_correlator_verdicts(s.c);
    for (guint k = 0; k < v->len; k++) {
        const ma_verdict *x = g_ptr_array_index(v, k);
        if (strcmp(x->def->code, "MA149") == 0)
            g_assert_cmpstr(x->message, ==,
                            "the SAP announcement 10.0.0.5 msg id 0x1234 was not repeated in the "
                            "401.0 s after frame 1, more than the 400 s an RFC 2974 announcer "
                            "waits (4/3 of its 300 s interval)");
    }
    sim_free(&s);
}

/* A probe's retirement (ma_correlator_retire with now minus --idle-timeout):
 * an announced session nothing is sent to yet lives while it is announced;
 * once deleted and idle it retires, and a new announcement is a new
 * session; a session an SDP file describes never retires. */
static void test_retire(void)
{
    sim s;
    sim_init(&s, NULL);
    ma_sdp *file = ma_sdp_parse_strict(ANN_SDP, strlen(ANN_SDP), NULL);
    g_assert_nonnull(file);
    g_assert_nonnull(ma_correlator_describe(s.c, file, MA_ORIGIN_SDP_FILE, "x.sdp", 0, NULL));
    for (int i = 0; i <= 6; i++) /* every 5 s up to 30 s, no media */
        (void)sap(&s, 5.0 * i, 0x20, 0, 0x4321, ANN_SDP);
    g_assert_cmpuint(ma_correlator_sessions(s.c)->len, ==, 2);
    /* idle since 25 s: the announcement at 30 s keeps it (was retired: no media) */
    g_assert_cmpuint(ma_correlator_retire(s.c, sim_ns(25.0)), ==, 0);
    uint32_t del = sap(&s, 31.0, 0x24, 0, 0x4321, "o=- 7 1 IN IP4 10.0.0.5\r\n");
    const ma_session *sap_s = g_ptr_array_index(ma_correlator_sessions(s.c), 1);
    g_assert_cmpuint(sap_s->sap.deletion_frame, ==, del);
    g_assert_cmpuint(sap_s->sap.announcements, ==, 7);
    g_assert_cmpuint(ma_correlator_retire(s.c, sim_ns(30.5)), ==, 0); /* the deletion is newer */
    /* the SAP session and the SAP datagrams' own flow (network control) */
    g_assert_cmpuint(ma_correlator_retire(s.c, sim_ns(3600.0)), ==, 2);
    g_assert_cmpuint(ma_correlator_sessions(s.c)->len, ==, 1);
    const ma_session *left = g_ptr_array_index(ma_correlator_sessions(s.c), 0);
    g_assert_cmpint(left->origin, ==, MA_ORIGIN_SDP_FILE);
    /* announced again after it retired: a new session, counted from 1 */
    (void)sap(&s, 3700.0, 0x20, 0, 0x4321, ANN_SDP);
    g_assert_cmpuint(ma_correlator_sessions(s.c)->len, ==, 2);
    const ma_session *again = g_ptr_array_index(ma_correlator_sessions(s.c), 1);
    g_assert_cmpint(again->origin, ==, MA_ORIGIN_SAP);
    g_assert_cmpuint(again->id, ==, 3);
    g_assert_cmpuint(again->sap.announcements, ==, 1);
    g_assert_cmpuint(again->sap.deletion_frame, ==, 0);
    sim_free(&s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sap/parse", test_parse);
    g_test_add_func("/sap/correlator", test_correlator);
    g_test_add_func("/sap/interval", test_interval);
    g_test_add_func("/sap/retire", test_retire);
    return g_test_run();
}
