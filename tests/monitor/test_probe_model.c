/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_probe_model.c - the probe's metrics model over a simulated running
 * correlator (tests/unit/corr_sim.h), as the capture feeds it: RFC 4445 MDI
 * per interval between scrapes, idle retirement (the series of a retired
 * session and its flows leave the exposition, the model's tables stay
 * bounded however many sessions come and go), and the label-cardinality
 * bound counted as a metric. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "correlator_live.h"
#include "corr_sim.h"
#include "metrics.h"

static void note(void *ud, const ma_frame_info *info)
{
    ma_metrics_note_udp(ud, info);
}

static ma_metrics *probe_new(sim *s, const ma_thresholds *th, guint max_flow_series)
{
    ma_metrics_opts o = {.th = th, .max_flow_series = max_flow_series};
    ma_metrics *m = ma_metrics_new(&o);
    s->on_udp = note;
    s->on_udp_data = m;
    return m;
}

/* A probe of a fresh correlator holding the seed's session (SETUP, PLAY at 0). */
static ma_metrics *seed_probe(sim *s)
{
    sim_init(s, NULL);
    ma_metrics *m = probe_new(s, NULL, 0);
    sim_conn k = sim_conn_seed();
    sim_session(s, &k, 0, SEED_SDP, SEED_TRACK_URL, "RTP/AVP;multicast", SEED_TRANSPORT);
    return m;
}

static char *scrape(ma_metrics *m, sim *s, double t)
{
    ma_capture_stats st;
    memset(&st, 0, sizeof st);
    GString *out = g_string_new(NULL);
    ma_metrics_tick(m, s->c, sim_ns(t), 0);
    ma_metrics_render(m, s->c, &st, sim_ns(t), MA_OM_PROMETHEUS, out);
    return g_string_free(out, FALSE);
}

/* Samples of family name (the exact metric name, labels or not). */
static guint count_samples(const char *text, const char *name)
{
    guint n = 0;
    gsize len = strlen(name);
    char **lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l != NULL; l++)
        if (strncmp(*l, name, len) == 0 && ((*l)[len] == '{' || (*l)[len] == ' '))
            n++;
    g_strfreev(lines);
    return n;
}

/* The value of the only sample of name whose line contains match. */
static double value_of(const char *text, const char *name, const char *match)
{
    double v = NAN;
    guint found = 0;
    gsize len = strlen(name);
    char **lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l != NULL; l++) {
        if (strncmp(*l, name, len) != 0 || ((*l)[len] != '{' && (*l)[len] != ' '))
            continue;
        if (match != NULL && strstr(*l, match) == NULL)
            continue;
        v = g_ascii_strtod(strrchr(*l, ' ') + 1, NULL);
        found++;
    }
    g_strfreev(lines);
    g_assert_cmpuint(found, ==, 1);
    return v;
}

#define DF "mcast_audit_rtp_mdi_interval_delay_factor_seconds"
#define MLR "mcast_audit_rtp_mdi_interval_media_loss_rate"

/* 25 packets/s of 200 bytes.  Second 0: all there; second 1: 5 sequence
 * numbers missing; second 2: all there.  A scrape sees the intervals that
 * ended since the one before; with none it repeats the last one. */
static void test_mdi_per_interval(void)
{
    sim s;
    ma_metrics *m = seed_probe(&s);
    sim_join(&s, 0.05, CLIENT, GROUP);
    uint16_t seq = 0;
    for (int i = 0; i < 78; i++, seq++) {
        double t = 0.1 + 0.04 * i;
        if (i == 30)
            seq = (uint16_t)(seq + 5); /* a hole of 5 inside second 1 */
        sim_rtp(&s, t, CAMERA, 8860, GROUP, 8860, 128, seq, (uint32_t)llround(t * 90000.0));
        if (i == 24) { /* 1.06 s: interval 0 (0.1 .. 1.1) still open */
            char *p = scrape(m, &s, 1.07);
            g_assert_cmpfloat(value_of(p, MLR, NULL), ==, 0);
            g_assert_cmpfloat(value_of(p, DF, NULL), ==, 0); /* none ended yet */
            g_free(p);
        }
        if (i == 26) { /* 1.14 s: interval 0 ended, no loss */
            char *p = scrape(m, &s, 1.15);
            g_assert_cmpfloat(value_of(p, MLR, NULL), ==, 0);
            g_free(p);
        }
        if (i == 52) { /* 2.18 s: interval 1 ended with 5 lost in 1 s */
            char *p = scrape(m, &s, 2.19);
            g_assert_cmpfloat(fabs(value_of(p, MLR, NULL) - 5.0), <, 1e-9);
            g_free(p);
            p = scrape(m, &s, 2.2); /* nothing ended since: the last interval again */
            g_assert_cmpfloat(fabs(value_of(p, MLR, NULL) - 5.0), <, 1e-9);
            g_free(p);
        }
    }
    char *p = scrape(m, &s, 3.2); /* interval 2 ended with the packet at 3.14: clean again */
    g_assert_cmpfloat(value_of(p, MLR, NULL), ==, 0);
    /* the whole-flow maximum keeps the bad second */
    g_assert_cmpfloat(fabs(value_of(p, "mcast_audit_rtp_mdi_media_loss_rate", NULL) - 5.0), <,
                      1e-9);
    g_assert_cmpfloat(value_of(p, "mcast_audit_rtp_mdi_interval_seconds", NULL), ==, 1);
    g_free(p);
    ma_metrics_free(m);
    sim_free(&s);
}

/* --mdi-interval 0.5: the same second-1 hole falls in one half second: 10/s. */
static void test_mdi_interval_option(void)
{
    ma_thresholds th;
    ma_thresholds_init(&th);
    th.mdi_interval_s = 0.5;
    sim s;
    sim_init(&s, &th);
    ma_metrics *m = probe_new(&s, &th, 0);
    uint16_t seq = 0;
    for (int i = 0; i < 40; i++, seq++) {
        double t = 0.1 + 0.04 * i;
        if (i == 15)
            seq = (uint16_t)(seq + 5); /* 0.7 s: inside the second interval (0.6 .. 1.1) */
        sim_rtp(&s, t, CAMERA, 8860, GROUP, 8860, 128, seq, (uint32_t)llround(t * 90000.0));
        if (i == 28) { /* 1.22 s: interval 0.6 .. 1.1 ended */
            char *p = scrape(m, &s, 1.23);
            g_assert_cmpfloat(fabs(value_of(p, MLR, NULL) - 10.0), <, 1e-9);
            g_assert_cmpfloat(value_of(p, "mcast_audit_rtp_mdi_interval_seconds", NULL), ==, 0.5);
            g_free(p);
        }
    }
    ma_metrics_free(m);
    sim_free(&s);
}

static guint table_entries(const char *text, const char *table)
{
    char *match = g_strdup_printf("table=\"%s\"", table);
    double v = value_of(text, "mcast_audit_table_entries", match);
    g_free(match);
    return (guint)v;
}

/* A session with its flows, then silence: after the idle time the session's
 * and the flows' series are gone, the tables empty and the retirements
 * counted.  Fifty sessions coming and going leave the model no bigger. */
static void test_idle_retirement(void)
{
    sim s;
    sim_init(&s, NULL);
    ma_metrics *m = probe_new(&s, NULL, 0);
    double t = 0;
    guint64 retired = 0;
    for (int round = 0; round < 50; round++, t += 100) {
        sim_conn k = sim_conn_seed();
        k.cport = (uint16_t)(40000 + round); /* a new RTSP connection each time */
        sim_session(&s, &k, t, SEED_SDP, SEED_TRACK_URL, "RTP/AVP;multicast", SEED_TRANSPORT);
        sim_join(&s, t + 0.06, CLIENT, GROUP);
        sim_media(&s, t + 0.1, 0.04, 100, CAMERA, GROUP, 8860, 128, (uint16_t)(round * 100));
        char *p = scrape(m, &s, t + 4.2);
        g_assert_cmpuint(count_samples(p, "mcast_audit_rtp_packets_total"), ==, 1);
        g_assert_cmpfloat(value_of(p, "mcast_audit_rtp_packets_total", NULL), ==, 100);
        g_assert_cmpuint(count_samples(p, "mcast_audit_session_state"), ==, 4);
        g_assert_cmpuint(count_samples(p, "mcast_audit_session_keepalives_total"), ==, 1);
        g_assert_cmpuint(table_entries(p, "session"), ==, 1);
        g_assert_cmpuint(table_entries(p, "flow"), ==, 2);
        /* a group that comes back starts its counters again (a counter reset) */
        g_assert_cmpfloat(value_of(p, "mcast_audit_group_joins_total", "role=\"client\""), ==, 1);
        g_free(p);
        /* the probe's tick with --idle-timeout 60: idle since t + 4.1 */
        ma_metrics_tick(m, s.c, sim_ns(t + 70), sim_ns(t + 10));
        retired += 3; /* the session, its RTP flow and its RTCP flow */
        p = scrape(m, &s, t + 70);
        g_assert_cmpuint(count_samples(p, "mcast_audit_rtp_packets_total"), ==, 0);
        g_assert_cmpuint(count_samples(p, "mcast_audit_rtp_jitter_seconds"), ==, 0);
        g_assert_cmpuint(count_samples(p, "mcast_audit_session_state"), ==, 0);
        g_assert_cmpuint(count_samples(p, "mcast_audit_session_keepalives_total"), ==, 0);
        g_assert_cmpuint(count_samples(p, "mcast_audit_verdicts_active"), ==, 0);
        g_assert_cmpuint(table_entries(p, "session"), ==, 0);
        g_assert_cmpuint(table_entries(p, "flow"), ==, 0);
        g_assert_cmpuint(table_entries(p, "membership"), ==, 0);
        g_assert_cmpfloat(value_of(p, "mcast_audit_retired_total", NULL), ==, (double)retired);
        /* the group: nothing names it any more, its series are gone too */
        g_assert_cmpuint(count_samples(p, "mcast_audit_group_joins_total"), ==, 0);
        g_assert_cmpuint(count_samples(p, "mcast_audit_group_members"), ==, 0);
        g_free(p);
        g_assert_cmpuint(ma_metrics_model_size(m), ==, 0);
    }
    ma_metrics_free(m);
    sim_free(&s);
}

/* SAP retirement in a probe (issue 16 item 8): 10.0.0.5 announces PCMU to
 * 239.9.9.9:5004 every 5 s (t 0-30), sending 4 s after each (to 34.5 s);
 * the announcement is deleted at 35 s.  While announced and
 * sent, its described_track and sap_* series are there (7 announcements,
 * 1400 packets, then deleted 1); with --idle-timeout 60, a tick at 100 s retires the
 * session, its RTP flow and the SAP flow, and the series go. */
#define SAP_SDP                                                                                    \
    "v=0\r\no=- 7 1 IN IP4 10.0.0.5\r\ns=x\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n"                 \
    "c=IN IP4 239.9.9.9/16\r\n"

static void sap_send(sim *s, double t, gboolean deletion)
{
    uint8_t b[512];
    const char *payload = deletion ? "o=- 7 1 IN IP4 10.0.0.5\r\n" : SAP_SDP;
    const uint8_t head[8] = {deletion ? 0x24 : 0x20, 0, 0x43, 0x21, 10, 0, 0, 5};
    memcpy(b, head, sizeof head);
    memcpy(b + sizeof head, payload, strlen(payload));
    (void)sim_udp(s, t, "10.0.0.5", 40000, "224.2.127.254", 9875, 255, b,
                  sizeof head + strlen(payload));
}

static void test_sap_retirement(void)
{
    sim s;
    sim_init(&s, NULL);
    ma_metrics *m = probe_new(&s, NULL, 0);
    for (int i = 0; i <= 6; i++) { /* announced at 0, 5 .. 30 s, media 4 s after each */
        sap_send(&s, 5.0 * i, FALSE);
        sim_media(&s, 5.0 * i + 0.5, 0.02, 200, "10.0.0.5", "239.9.9.9", 5004, 16,
                  (uint16_t)(100 + 200 * i));
    }
    char *p = scrape(m, &s, 34.5);
    const char *key = "msg_id_hash=\"0x4321\"";
    g_assert_cmpfloat(value_of(p, "mcast_audit_sap_announcements_total", key), ==, 7);
    g_assert_cmpfloat(value_of(p, "mcast_audit_sap_deleted", key), ==, 0);
    g_assert_cmpfloat(value_of(p, "mcast_audit_described_track_media", "group=\"239.9.9.9\""), ==,
                      1);
    g_free(p);
    sap_send(&s, 35.0, TRUE);
    p = scrape(m, &s, 35.5);
    g_assert_cmpfloat(value_of(p, "mcast_audit_sap_deleted", key), ==, 1);
    g_assert_cmpfloat(value_of(p, "mcast_audit_described_track_packets_total", NULL), ==, 1400);
    g_assert_cmpuint(table_entries(p, "session"), ==, 1);
    g_assert_cmpuint(table_entries(p, "flow"), ==, 3); /* SAP, RTP, RTCP (the sender's SRs) */
    g_free(p);
    /* --idle-timeout 60 at 100 s: idle since 40 s (deletion 35 s, media to 34.5 s) */
    ma_metrics_tick(m, s.c, sim_ns(100), sim_ns(40));
    p = scrape(m, &s, 100);
    g_assert_cmpuint(count_samples(p, "mcast_audit_sap_announcements_total"), ==, 0);
    g_assert_cmpuint(count_samples(p, "mcast_audit_described_track"), ==, 0);
    g_assert_cmpuint(count_samples(p, "mcast_audit_described_track_packets_total"), ==, 0);
    g_assert_cmpuint(table_entries(p, "session"), ==, 0);
    g_assert_cmpuint(table_entries(p, "flow"), ==, 0);
    g_assert_cmpfloat(value_of(p, "mcast_audit_retired_total", NULL), ==, 4); /* session, flows */
    g_free(p);
    ma_metrics_free(m);
    sim_free(&s);
}

/* --max-flow-series 2 with three RTP flows: two exported, one counted. */
static void test_flow_series_limit(void)
{
    sim s;
    sim_init(&s, NULL);
    ma_metrics *m = probe_new(&s, NULL, 2);
    const char *groups[] = {"239.1.1.1", "239.1.1.2", "239.1.1.3"};
    for (int i = 0; i < 10; i++)
        for (int g = 0; g < 3; g++) {
            double t = 0.04 * i + 0.01 * g;
            sim_rtp(&s, t, CAMERA, 5000, groups[g], 5000, 16, (uint16_t)i,
                    (uint32_t)llround(t * 90000.0));
        }
    char *p = scrape(m, &s, 1);
    g_assert_cmpuint(count_samples(p, "mcast_audit_rtp_packets_total"), ==, 2);
    g_assert_cmpfloat(value_of(p, "mcast_audit_flow_series_dropped", NULL), ==, 1);
    g_free(p);
    ma_metrics_free(m);
    sim_free(&s);
}

static double raised(const char *text, const char *code)
{
    char *match = g_strdup_printf("code=\"%s\"", code);
    double v = value_of(text, "mcast_audit_verdicts_raised_total", match);
    g_free(match);
    return v;
}

/* Media stops at 4.1 s.  MA312 (5 s of silence) stands from 9.1 s and,
 * being time-based, counts as raised at the first tick after, not 5 s
 * later; MA201 (nobody joined) waits the grace of 5 s like any other. */
static void test_time_based_at_once(void)
{
    sim s;
    ma_metrics *m = seed_probe(&s);
    sim_media(&s, 0.1, 0.04, 100, CAMERA, GROUP, 8860, 128, 0);
    double first_312 = -1, first_201 = -1;
    for (double t = 4.5; t < 20; t += 0.5) {
        char *p = scrape(m, &s, t);
        if (first_312 < 0 && raised(p, "MA312") == 1)
            first_312 = t;
        if (first_201 < 0 && raised(p, "MA201") == 1)
            first_201 = t;
        g_free(p);
    }
    g_assert_cmpfloat(first_312, ==, 9.5);
    g_assert_cmpfloat(first_201, >=, 9.5); /* stood from the first tick: 4.5 + 5 */
    g_assert_cmpfloat(first_201, <=, 10.0);
    ma_metrics_free(m);
    sim_free(&s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/probe_model/mdi_per_interval", test_mdi_per_interval);
    g_test_add_func("/probe_model/mdi_interval_option", test_mdi_interval_option);
    g_test_add_func("/probe_model/idle_retirement", test_idle_retirement);
    g_test_add_func("/probe_model/flow_series_limit", test_flow_series_limit);
    g_test_add_func("/probe_model/sap_retirement", test_sap_retirement);
    g_test_add_func("/probe_model/time_based_at_once", test_time_based_at_once);
    return g_test_run();
}
