/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_frames.c - the plugin's per-frame answers (plugin/frames.c) come
 * back exactly as the core gave them: running figures, roles, flow ids,
 * several events in one frame, and the time since the PLAY reply, which the
 * 32-byte record does not store but recomputes from the frame's time and
 * the session's PLAY reply time as of that frame.  A session whose PLAY
 * reply time changes (a failed PLAY, then a successful one) is the case no
 * shipped capture has; frames whose figures the record cannot hold must come
 * back whole.  Built with the plugin's headers, run without Wireshark. */
#include <string.h>

#include "ma_plugin.h"

#define T0 G_GINT64_CONSTANT(1700000000000000000)
#define MS G_GINT64_CONSTANT(1000000)

static ma_session g_session;
static ma_track g_track;

/* A media frame of the test track, as the core answers it at ts_ns. */
static ma_pframe media_frame(guint32 flow, guint64 packets, gint64 lost, double jitter,
                             gint64 ts_ns)
{
    ma_pframe pf;
    memset(&pf, 0, sizeof pf);
    pf.n_infos = 1;
    ma_frame_info_reset(&pf.infos[0]);
    pf.infos[0].role = MA_ROLE_MEDIA;
    pf.infos[0].track = &g_track;
    pf.infos[0].session = &g_session;
    pf.infos[0].packets = packets;
    pf.infos[0].lost = lost;
    pf.infos[0].jitter_ms = jitter;
    if (g_session.play_reply_frame != 0)
        pf.infos[0].since_play_ms = ma_ms_between(g_session.play_reply_ns, ts_ns);
    pf.flow_ids[0] = flow;
    return pf;
}

/* The very same double, bit for bit (what the record promises). */
static void assert_same_double(double got, double want)
{
    if (memcmp(&got, &want, sizeof got) != 0)
        g_test_message("got %.17g, want %.17g", got, want);
    g_assert_cmpmem(&got, sizeof got, &want, sizeof want);
}

static void assert_same(const ma_pframe *got, const ma_pframe *want)
{
    g_assert_cmpuint(got->n_infos, ==, want->n_infos);
    g_assert_null(got->error);
    for (guint i = 0; i < want->n_infos; i++) {
        const ma_frame_info *g = &got->infos[i], *w = &want->infos[i];
        g_assert_cmpint(g->role, ==, w->role);
        g_assert_true(g->track == w->track);
        g_assert_true(g->session == w->session);
        g_assert_cmpuint(g->packets, ==, w->packets);
        g_assert_cmpint(g->lost, ==, w->lost);
        g_assert_cmpuint(g->fec_packets, ==, w->fec_packets);
        g_assert_cmpint(g->fec_lost, ==, w->fec_lost);
        assert_same_double(g->jitter_ms, w->jitter_ms);
        assert_same_double(g->since_play_ms, w->since_play_ms);
        assert_same_double(g->join_latency_ms, w->join_latency_ms);
        g_assert_cmpuint(got->flow_ids[i], ==, want->flow_ids[i]);
    }
}

typedef struct {
    guint32 frame;
    gint64 ts_ns;
    ma_pframe pf;
} put_frame;

/* The first pass: each frame put as the core answers it, the session as it
 * is at that frame. */
static put_frame place(guint32 frame, gint64 ts_ns, ma_pframe pf)
{
    ma_frames_put(frame, ts_ns, &pf);
    return (put_frame){frame, ts_ns, pf};
}

static void test_round_trip(void)
{
    memset(&g_session, 0, sizeof g_session);
    memset(&g_track, 0, sizeof g_track);
    g_session.id = 1;
    g_track.session = &g_session;
    ma_frames_clear();
    put_frame f[9];
    guint n = 0;

    /* before any PLAY reply: the time since PLAY is unknown (-1) */
    f[n++] = place(3, T0 + 3 * MS, media_frame(1, 1, 0, 0.0, T0 + 3 * MS));
    /* a failed PLAY reply at 10 ms: media is timed from it for now */
    g_session.play_reply_frame = 5;
    g_session.play_reply_ns = T0 + 10 * MS;
    g_session.play_status = 454;
    f[n++] = place(7, T0 + 12 * MS + 345, media_frame(1, 2, 0, 0.125, T0 + 12 * MS + 345));
    f[n++] = place(8, T0 + 13 * MS, media_frame(1, 3, 1, 0.25, T0 + 13 * MS));
    /* the successful one at 20 ms: later media is timed from it */
    g_session.play_reply_frame = 9;
    g_session.play_reply_ns = T0 + 20 * MS;
    g_session.play_status = 200;
    f[n++] = place(11, T0 + 27 * MS + 1, media_frame(1, 4, 1, 1.0 / 3.0, T0 + 27 * MS + 1));
    /* two events in one frame, the second on another flow */
    ma_pframe two = media_frame(1, 5, 1, 0.5, T0 + 30 * MS);
    two.n_infos = 2;
    two.infos[1] = two.infos[0];
    two.infos[1].role = MA_ROLE_RTCP;
    two.infos[1].packets = 0;
    two.flow_ids[1] = 2;
    f[n++] = place(12, T0 + 30 * MS, two);
    /* a time since PLAY the record would not recompute (not the session's
     * PLAY reply time): the frame is kept whole */
    ma_pframe odd = media_frame(1, 6, 1, 0.5, T0 + 31 * MS);
    odd.infos[0].since_play_ms = 0.0;
    f[n++] = place(13, T0 + 31 * MS, odd);
    /* counts past 32 bits: whole */
    f[n++] = place(14, T0 + 32 * MS,
                   media_frame(1, G_GUINT64_CONSTANT(5000000000), -3, 0.5, T0 + 32 * MS));
    /* a flow id past the record's 24 bits: whole */
    f[n++] = place(15, T0 + 33 * MS, media_frame(0x1000000u, 7, 1, 0.5, T0 + 33 * MS));
    /* another session under the same id (the core never numbers so): whole */
    static ma_session other;
    static ma_track other_track;
    other = g_session;
    other_track.session = &other;
    ma_pframe alien = media_frame(3, 1, 0, 0.0, T0 + 34 * MS);
    alien.infos[0].track = &other_track;
    alien.infos[0].session = &other;
    f[n++] = place(16, T0 + 34 * MS, alien);
    g_assert_cmpuint(n, ==, G_N_ELEMENTS(f));

    ma_frames_count used = ma_frames_usage();
    g_assert_cmpuint(used.records, ==, 6); /* frames 3, 7, 8, 11 and 12's two events */
    g_assert_cmpuint(used.whole, ==, 4);   /* frames 13, 14, 15, 16 */
    /* Later dissections come in any order, the session as the capture left it. */
    for (guint k = n; k > 0; k--) {
        ma_pframe got;
        g_assert_true(ma_frames_get(f[k - 1].frame, f[k - 1].ts_ns, &got));
        assert_same(&got, &f[k - 1].pf);
    }
    ma_pframe got;
    g_assert_false(ma_frames_get(1, T0, &got));   /* before the first */
    g_assert_false(ma_frames_get(10, T0, &got));  /* between two */
    g_assert_false(ma_frames_get(100, T0, &got)); /* after the last */
    /* the figures the test expects, spelled out once */
    g_assert_true(ma_frames_get(7, T0 + 12 * MS + 345, &got));
    assert_same_double(got.infos[0].since_play_ms, 2.000345);
    g_assert_true(ma_frames_get(11, T0 + 27 * MS + 1, &got));
    assert_same_double(got.infos[0].since_play_ms, 7.000001);
    g_assert_true(ma_frames_get(3, T0 + 3 * MS, &got));
    assert_same_double(got.infos[0].since_play_ms, -1.0);
    ma_frames_clear();
    g_assert_false(ma_frames_get(7, T0 + 12 * MS + 345, &got));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/plugin/frames/round_trip", test_round_trip);
    return g_test_run();
}
