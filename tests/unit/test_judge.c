/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_judge.c - the end of a capture in its two steps: binding what is left
 * (correlator_leftovers.c) works without any rule, and the judge only reads
 * the correlator and writes into a sink; the rule table covers the catalogue. */
#include <glib.h>

#include "corr_sim.h"
#include "verdict_rules_internal.h"

static void test_rule_table_covers_catalogue(void)
{
    /* The count is a static assertion in verdict_rules.c; this checks order. */
    for (guint i = 0; i < MA_V__COUNT; i++)
        g_assert_cmpint(ma_rule_table_id(i), ==, (ma_verdict_id)i);
    g_assert_cmpint(ma_rule_table_id(MA_V__COUNT), ==, MA_V__COUNT);
}

/* RTP to a group with no SETUP in the capture: binding alone makes its
 * session (static multicast: no RTSP at all), the group-centric audit its
 * group; no verdict exists until judged. */
static void test_bind_without_rules(void)
{
    sim s;
    sim_init(&s, NULL);
    sim_media(&s, 0.1, 0.04, 30, "10.1.1.1", "239.9.9.9", 5004, 16, 500);
    ma_corr_bind_leftovers(s.c);
    ma_corr_build_groups(s.c);
    g_assert_cmpuint(ma_correlator_sessions(s.c)->len, ==, 1);
    const ma_session *se = sim_session_n(&s, 0);
    g_assert_true(se->outside_capture);
    g_assert_true(se->static_multicast);
    g_assert_cmpuint(ma_correlator_groups(s.c)->len, ==, 1);
    g_assert_cmpuint(se->tracks->len, ==, 1);
    const ma_track *t = g_ptr_array_index(se->tracks, 0);
    g_assert_nonnull(t->rtp_flow);
    g_assert_cmpuint(t->rtp_flow->datagrams, ==, 30);
    g_assert_cmpuint(ma_correlator_verdicts(s.c)->len, ==, 0);

    /* The judge writes into the sink only: the correlator's lists stay empty. */
    ma_verdict_sink sink = {g_ptr_array_new_with_free_func((GDestroyNotify)ma_verdict_free)};
    ma_judge(s.c, &sink);
    g_assert_cmpuint(sink.verdicts->len, ==, 1);
    const ma_verdict *v = g_ptr_array_index(sink.verdicts, 0);
    g_assert_cmpstr(v->def->code, ==, "MA220"); /* nobody joined; never MA105 without RTSP */
    g_assert_cmpuint(v->session_id, ==, 0);
    g_assert_cmpuint(ma_correlator_verdicts(s.c)->len, ==, 0);
    g_assert_cmpuint(se->verdicts->len, ==, 0);
    g_ptr_array_free(sink.verdicts, TRUE);
    sim_free(&s);
}

/* MA901 names the table that filled: queriers and RTSP connections have
 * tables of their own (they used to be reported as "flow" and "session"). */
static void test_limit_labels(void)
{
    ma_thresholds th;
    ma_thresholds_init(&th);
    th.max_flows = 1;
    th.max_sessions = 1;
    sim s;
    sim_init(&s, &th);
    uint8_t q[64];
    sim_igmp(&s, 0.1, "10.9.97.1", q, igmp_v3_query(q));
    uint32_t second = sim_igmp(&s, 0.2, "10.9.97.2", q, igmp_v3_query(q));
    /* connections that carry the one session (a connection that never does
     * is evicted instead, issue 8): the fifth finds the table full */
    uint32_t fifth = 0;
    sim_conn first = sim_conn_seed();
    sim_session(&s, &first, 0.25, SEED_SDP, SEED_TRACK_URL, SEED_TRANSPORT, SEED_TRANSPORT);
    for (guint i = 1; i < MA_CORR_CONNS_PER_SESSION + 1; i++) {
        sim_conn k = {CLIENT, CAMERA, (uint16_t)(41000 + i), 554, 1, "12345678", NULL, NULL};
        fifth = sim_req(&s, &k, 0.3 + 0.01 * i, "GET_PARAMETER", SEED_URL, NULL);
    }
    sim_finish(&s, 1.0);
    g_assert_cmpuint(sim_count(&s, "MA901"), ==, 2);
    const GPtrArray *v = ma_correlator_verdicts(s.c);
    const ma_verdict *qv = g_ptr_array_index(v, 0), *cv = g_ptr_array_index(v, 1);
    char *want = g_strdup_printf("the querier table is full (1 entries) at frame %u: figures are "
                                 "partial",
                                 second);
    g_assert_cmpstr(qv->message, ==, want);
    g_free(want);
    want = g_strdup_printf("the RTSP connection table is full (%u entries) at frame %u: figures "
                           "are partial",
                           MA_CORR_CONNS_PER_SESSION, fifth);
    g_assert_cmpstr(cv->message, ==, want);
    g_free(want);
    sim_free(&s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/judge/rule-table-covers-catalogue", test_rule_table_covers_catalogue);
    g_test_add_func("/judge/bind-without-rules", test_bind_without_rules);
    g_test_add_func("/judge/limit-labels", test_limit_labels);
    return g_test_run();
}
