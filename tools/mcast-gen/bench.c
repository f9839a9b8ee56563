/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bench.c - scenarios for bench/, kept out of `--scenario all` and of
 * captures/: their files are hundreds of MB.  --duration sets how long the
 * media runs, so bench/run can ask for the size it needs.
 *
 * bench-long: a video recorder (one client) keeps RTSP multicast sessions
 * to eight H.264 cameras open for the whole duration, each on its own group,
 * with GET_PARAMETER keep-alives and an IGMPv3 querier; three cameras' paths
 * are slightly impaired so the loss/duplicate/reorder code runs too. */
#include "gen.h"

#define BENCH_CAMERAS 8u
#define BENCH_DEFAULT_S 600u
#define QUERIER_IP "10.9.97.1"

/* One camera's session and the strings its cfg points to. */
typedef struct {
    gen_session_cfg cfg;
    char *camera_ip, *group;
} camera;

static guint bench_seconds(const gen_world *w)
{
    return w->duration_s ? w->duration_s : BENCH_DEFAULT_S;
}

/* Camera i of the recorder; camera_clear frees its strings. */
static void camera_init(camera *cam, const gen_world *w, guint i)
{
    gen_session_cfg c = { 0 };
    cam->camera_ip = g_strdup_printf("10.9.97.%u", 69 + i);
    cam->group = g_strdup_printf("239.255.255.%u", 200 + i);
    c.client_ip = "10.9.97.42";
    c.camera_ip = cam->camera_ip;
    c.group = cam->group;
    c.client_mac_last = 0x42;
    c.camera_mac_last = (guint8)(0x69 + i);
    c.client_port = (guint16)(60874 + 2 * i);
    c.rtp_port = 8860;
    c.reply_ttl = 128;
    c.media_ttl = 128;
    c.auth = TRUE;
    c.answer = GEN_ANSWER_MULTICAST;
    c.session_timeout_s = 60;
    c.keepalive_s = 30;
    c.client_join = GEN_JOIN_V3;
    c.join_after_play_ms = G_MININT64;
    c.leave_after_play_ms = -1;
    c.camera_joins = TRUE;
    c.media_ms = bench_seconds(w) * 1000u;
    c.end = GEN_END_TEARDOWN;
    if (i == 2)
        c.impair.loss_pct = 0.01;
    else if (i == 5)
        c.impair.reorder_pct = 0.05;
    else if (i == 7)
        c.impair.dup_pct = 0.02;
    cam->cfg = c;
}

static void camera_clear(camera *cam)
{
    g_free(cam->camera_ip);
    g_free(cam->group);
}

static void bench_long(gen_world *w)
{
    guint64 end = 0;
    for (guint i = 0; i < BENCH_CAMERAS; i++) {
        camera cam;
        camera_init(&cam, w, i);
        guint64 last = gen_session_run(w, &cam.cfg, GEN_EPOCH_US + GEN_MS(700) * i);
        end = MAX(end, last); /* MAX evaluates its arguments twice */
        camera_clear(&cam);
    }
    gen_host *q = gen_world_host(w, QUERIER_IP, 0x01);
    gen_querier_run(w->cap, &w->link, q, GEN_QUERIER_V3, w->rand, w->members, GEN_EPOCH_US + GEN_MS(1500),
                    end);
}

#define V(...) (const char *const[]){ __VA_ARGS__, NULL }

static const gen_scenario bench_scenarios[] = {
    { "bench-long",
      "Benchmark: a recorder keeps 8 multicast H.264 cameras (groups 239.255.255.200-207:8860) for "
      "--duration s (default 600, ~408 RTP packets/s); 0.01 % loss on camera 3, reordering on 6, "
      "duplicates on 8",
      V("MA307", "MA311"), bench_long },
};

const gen_scenario *gen_bench_scenarios(gsize *n)
{
    *n = G_N_ELEMENTS(bench_scenarios);
    return bench_scenarios;
}
