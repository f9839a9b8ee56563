/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_correlator_live.c - a correlator that keeps running (a probe):
 * provisional judgement as time passes, retiring idle sessions and flows,
 * trimming what a long session keeps, ids unique after retiring. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "correlator_live.h"
#include "corr_sim.h"

/* A seed-like session: SETUP/PLAY at t, client join, media 4 s (25 pps). */
static sim_conn seed_session(sim *s, double t)
{
    sim_conn k = sim_conn_seed();
    sim_session(s, &k, t, SEED_SDP, SEED_TRACK_URL, "RTP/AVP;multicast", SEED_TRANSPORT);
    sim_join(s, t + 0.06, CLIENT, GROUP);
    sim_media(s, t + 0.1, 0.04, 100, CAMERA, GROUP, 8860, 128, 1000);
    return k;
}

static guint table_used(const ma_correlator *c, const char *name)
{
    for (guint i = 0; i < ma_correlator_table_count(); i++) {
        ma_table_usage u;
        g_assert_true(ma_correlator_table_usage(c, i, &u));
        if (strcmp(u.name, name) == 0)
            return u.used;
    }
    g_assert_not_reached();
    return 0;
}

/* Media stops at 4.1 s: no MA312 while it is fresh, MA312 5 s after. */
static void test_judge_now(void)
{
    sim s;
    sim_init(&s, NULL);
    seed_session(&s, 0);
    ma_correlator_judge_now(s.c, sim_ns(4.2));
    g_assert_cmpuint(sim_count(&s, "MA312"), ==, 0);
    ma_correlator_judge_now(s.c, sim_ns(9.5));
    g_assert_cmpuint(sim_count(&s, "MA312"), ==, 1);
    /* judged again, not added up */
    ma_correlator_judge_now(s.c, sim_ns(10.5));
    g_assert_cmpuint(sim_count(&s, "MA312"), ==, 1);
    g_assert_cmpuint(sim_session_n(&s, 0)->verdicts->len, ==, ma_correlator_verdicts(s.c)->len);
    /* the final judgement replaces the provisional one (capture end: last packet) */
    sim_finish(&s, 4.1);
    g_assert_true(ma_correlator_finished(s.c));
    g_assert_cmpuint(sim_count(&s, "MA312"), ==, 0);
    ma_correlator_judge_now(s.c, sim_ns(100)); /* ignored once finished */
    g_assert_cmpuint(sim_count(&s, "MA312"), ==, 0);
    sim_free(&s);
}

static void test_retire(void)
{
    sim s;
    sim_init(&s, NULL);
    seed_session(&s, 0);
    g_assert_cmpuint(table_used(s.c, "session"), ==, 1);
    g_assert_cmpuint(table_used(s.c, "flow"), ==, 2); /* RTP and RTCP */
    g_assert_cmpuint(table_used(s.c, "membership"), ==, 1);
    /* nothing is idle since 2 s: the media went on to 4.1 s */
    g_assert_cmpuint(ma_correlator_retire(s.c, sim_ns(2)), ==, 0);
    g_assert_cmpuint(ma_correlator_retire(s.c, sim_ns(10)), ==, 3);
    g_assert_cmpuint(ma_correlator_retired(s.c), ==, 3);
    g_assert_cmpuint(table_used(s.c, "session"), ==, 0);
    g_assert_cmpuint(table_used(s.c, "flow"), ==, 0);
    g_assert_cmpuint(table_used(s.c, "membership"), ==, 0);
    /* all retired is not an empty capture: no MA920 nothing-to-audit */
    ma_correlator_judge_now(s.c, sim_ns(11));
    g_assert_cmpuint(sim_count(&s, "MA920"), ==, 0);
    /* the same client and camera again: a new session with a new id, judged */
    seed_session(&s, 20);
    g_assert_cmpuint(table_used(s.c, "session"), ==, 1);
    ma_session *ss = sim_session_n(&s, 0);
    g_assert_cmpuint(ss->id, ==, 2);
    g_assert_nonnull(ss->tracks->len == 1 ? g_ptr_array_index(ss->tracks, 0) : NULL);
    ma_track *t = g_ptr_array_index(ss->tracks, 0);
    g_assert_nonnull(t->rtp_flow);
    g_assert_cmpuint(t->rtp_flow->id, ==, 3);
    g_assert_cmpuint(t->rtp_flow->stats != NULL, ==, TRUE);
    ma_rtp_summary sum;
    g_assert_true(ma_track_rtp_summary(t, &sum));
    g_assert_cmpuint(sum.packets, ==, 100);
    g_assert_cmpint(sum.lost, ==, 0);
    g_assert_cmpuint(t->client_join_frame, !=, 0);
    sim_finish(&s, 30);
    const GPtrArray *v = ma_correlator_verdicts(s.c);
    g_assert_cmpuint(v->len, >, 0);
    for (guint i = 0; i < v->len; i++)
        g_assert_cmpuint(((const ma_verdict *)g_ptr_array_index(v, i))->session_id, ==, 2);
    g_assert_cmpuint(ss->verdicts->len, ==, v->len);
    g_assert_cmpuint(ma_correlator_retire(s.c, sim_ns(1000)), ==, 0); /* ignored once finished */
    sim_free(&s);
}

/* A session that lives on: keep-alives every 30 s for 10 minutes, media
 * throughout.  Retiring at 500 s keeps it but forgets its old requests and
 * refreshes; the timeout rule then measures from the newest one forgotten
 * (no false MA106), and the keep-alives are still all counted. */
static void test_trim_long_session(void)
{
    sim s;
    sim_init(&s, NULL);
    sim_conn k = sim_conn_seed();
    sim_session(&s, &k, 0, SEED_SDP, SEED_TRACK_URL, "RTP/AVP;multicast", SEED_TRANSPORT);
    sim_join(&s, 0.06, CLIENT, GROUP);
    guint keepalives = 0;
    uint16_t seq = 0;
    for (double t = 1; t < 600; t += 30) {
        sim_media(&s, t, 0.5, 60, CAMERA, GROUP, 8860, 128, seq);
        seq = (uint16_t)(seq + 60);
        sim_req(&s, &k, t + 29.9, "GET_PARAMETER", SEED_URL, NULL);
        sim_rep(&s, &k, t + 29.95, 200, "Session: 12345678\r\n", NULL);
        keepalives++;
        sim_join(&s, t + 29.97, CLIENT, GROUP); /* a report every 30 s: refreshes */
    }
    ma_session *ss = sim_session_n(&s, 0);
    g_assert_cmpuint(ss->keepalives->len, ==, keepalives);
    ma_track *t = g_ptr_array_index(ss->tracks, 0);
    /* the join, and the 20 identical refreshes folded into one (issue 8) */
    guint reports = t->memberships->len;
    g_assert_cmpuint(reports, ==, 2);
    const ma_membership_event *folded = &g_array_index(t->memberships, ma_membership_event, 1);
    g_assert_cmpuint(folded->repeats, ==, 19);
    g_assert_cmpint(folded->ts_ns, ==, sim_ns(571 + 29.97));
    g_assert_cmpuint(ma_correlator_retire(s.c, sim_ns(500)), ==, 0);
    g_assert_cmpuint(ss->keepalives->len + ss->keepalives_trimmed, ==, keepalives);
    g_assert_cmpuint(ss->keepalives->len, <, 6);
    g_assert_cmpuint(ss->request_ns->len, <, 6);
    g_assert_cmpuint(t->memberships->len, <=, reports);
    g_assert_cmpuint(t->client_join_frame, !=, 0);
    ma_correlator_judge_now(s.c, sim_ns(600));
    g_assert_cmpuint(sim_count(&s, "MA106"), ==, 0);
    g_assert_cmpuint(sim_count(&s, "MA307"), ==, 0);
    /* silence after it: the timeout is still seen, from the newest request */
    ma_correlator_judge_now(s.c, sim_ns(700));
    g_assert_cmpuint(sim_count(&s, "MA106"), ==, 1);
    sim_free(&s);
}

/* The groups are rebuilt at every provisional judgement: a group the full
 * table refuses is counted once (group.table_full), at the first frame
 * naming it, not once per rebuild nor per membership change or flow. */
static void test_group_table_full_rebuilt(void)
{
    ma_thresholds th;
    ma_thresholds_init(&th);
    th.max_flows = 4; /* one group (4 flow slots each) */
    sim s;
    sim_init(&s, &th);
    sim_join(&s, 0.1, "10.9.97.41", "239.1.1.1");                    /* frame 1: audited */
    uint32_t refused = sim_join(&s, 0.2, "10.9.97.42", "239.1.1.2"); /* refused */
    sim_join(&s, 0.3, "10.9.97.43", "239.1.1.2");                    /* the same group again */
    sim_media(&s, 0.4, 0.04, 10, CAMERA, "239.1.1.2", 5004, 97, 1000);
    for (int i = 1; i <= 5; i++)
        ma_correlator_judge_now(s.c, sim_ns(1.0 * i));
    const ma_decode_events *de = ma_correlator_decode_events(s.c);
    g_assert_cmpuint(ma_correlator_groups(s.c)->len, ==, 1);
    g_assert_cmpuint(de->e[MA_DE_GROUP_TABLE_FULL].count, ==, 1);
    g_assert_cmpuint(de->e[MA_DE_GROUP_TABLE_FULL].first_frame, ==, refused);
    /* a second refused group is a second refusal */
    uint32_t third = sim_join(&s, 6.0, "10.9.97.44", "239.1.1.3");
    ma_correlator_judge_now(s.c, sim_ns(6.5));
    ma_correlator_judge_now(s.c, sim_ns(7.0));
    g_assert_cmpuint(de->e[MA_DE_GROUP_TABLE_FULL].count, ==, 2);
    g_assert_cmpuint(third, >, refused);
    sim_finish(&s, 7.5); /* the final build refuses the same two */
    de = ma_correlator_decode_events(s.c);
    g_assert_cmpuint(de->e[MA_DE_GROUP_TABLE_FULL].count, ==, 2);
    g_assert_cmpuint(de->e[MA_DE_GROUP_TABLE_FULL].first_frame, ==, refused);
    sim_free(&s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/correlator_live/judge_now", test_judge_now);
    g_test_add_func("/correlator_live/retire", test_retire);
    g_test_add_func("/correlator_live/trim_long_session", test_trim_long_session);
    g_test_add_func("/correlator_live/group_table_full_rebuilt", test_group_table_full_rebuilt);
    return g_test_run();
}
