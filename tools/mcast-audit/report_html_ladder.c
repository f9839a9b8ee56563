/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_html_ladder.c - one session as a ladder (sequence) diagram: a lane
 * per host (client, camera, each group, every other host that joined, the
 * queriers) and a row per step in capture order: the RTSP requests and
 * replies (401s and retries included), IGMP/MLD joins, leaves, refreshes
 * and queries, the first and last media packet, keep-alives and TEARDOWN,
 * each with its frame number and time.  A step that a verdict cites is drawn
 * in that verdict's colour; what a verdict says is missing (the client's
 * join, the media) is drawn dashed at the end. */
#include "report_html_priv.h"
#include "report_text_priv.h"

#include <string.h>

#define MAX_LANES 10
#define MAX_ROWS 300   /* a ladder taller than this helps nobody; the rest is counted */
#define TIME_COL 96
#define LANE_W 176
#define HEAD_H 58
#define ROW_H 30

typedef struct {
    char title[24];
    char addr[MA_ADDR_STRLEN];
    ma_addr a;
} lane;

typedef struct {
    uint32_t frame;   /* 0: a missing step (drawn last) */
    gint64 ns;
    int from, to;
    char *label, *tip;
    gboolean missing;
    int sev;          /* -1: no verdict cites it */
} row;

/* The lanes a track's rows run between (-1: none, e.g. no client). */
typedef struct {
    int client, camera, to;
} ends;

typedef struct {
    ma_html *h;
    const ma_session *s;
    lane lanes[MAX_LANES];
    guint n_lanes;
    GArray *rows;     /* row */
    guint dropped;
} ladder;

static void row_clear(gpointer p)
{
    row *r = p;
    g_free(r->label);
    g_free(r->tip);
}

/* The lane of addr, added with title when new (the last lane takes the rest). */
static int lane_of(ladder *l, const ma_addr *a, const char *title)
{
    for (guint i = 0; i < l->n_lanes; i++)
        if (ma_addr_equal(&l->lanes[i].a, a))
            return (int)i;
    if (l->n_lanes == MAX_LANES)
        return MAX_LANES - 1;
    lane *ln = &l->lanes[l->n_lanes];
    ln->a = *a;
    g_strlcpy(ln->title, title, sizeof ln->title);
    ma_addr_to_str(a, ln->addr);
    return (int)l->n_lanes++;
}

/* label and tip are taken over. */
static void add_row(ladder *l, uint32_t frame, gint64 ns, int from, int to, char *label, char *tip)
{
    if (l->rows->len >= MAX_ROWS) {
        l->dropped++;
        g_free(label);
        g_free(tip);
        return;
    }
    row r = {frame, ns, from, to, label, tip, frame == 0, -1};
    if (frame != 0)
        r.sev = ma_html_frame_severity(l->h, l->s->id, frame);
    g_array_append_val(l->rows, r);
}

static gboolean in_array(const GArray *a, uint32_t frame)
{
    for (guint i = 0; a != NULL && i < a->len; i++)
        if (g_array_index(a, uint32_t, i) == frame)
            return TRUE;
    return FALSE;
}

static const ma_track *track_of_setup(const ma_session *s, uint32_t frame)
{
    for (guint i = 0; s->tracks != NULL && i < s->tracks->len; i++) {
        const ma_track *k = g_ptr_array_index(s->tracks, i);
        if (k->setup_request_frame == frame || k->setup_reply_frame == frame)
            return k;
    }
    return NULL;
}

static char *request_label(const ladder *l, const ma_rtsp_step *st, const ma_rtsp_step *prev_req,
                           int prev_status)
{
    const ma_session *s = l->s;
    GString *b = g_string_new(st->method);
    const ma_track *k = g_ascii_strcasecmp(st->method, "SETUP") == 0 ? track_of_setup(s, st->frame)
                                                                      : NULL;
    if (k != NULL)
        g_string_append_printf(b, " track %u", k->index + 1);
    if (in_array(s->keepalives, st->frame))
        g_string_append(b, " (keep-alive)");
    else if (prev_req != NULL && g_ascii_strcasecmp(prev_req->method, st->method) == 0 &&
             prev_status >= 300)
        g_string_append(b, prev_status == 401 ? " (retry with credentials)" : " (retry)");
    return g_string_free(b, FALSE);
}

static char *reply_label(const ma_session *s, const ma_rtsp_step *st)
{
    if (st->status <= 0)
        return g_strdup_printf("reply to %s", st->method);
    const char *reason = ma_rtsp_reason_phrase(st->status);
    GString *b = g_string_new(NULL);
    g_string_append_printf(b, "%d%s%s", st->status, *reason ? " " : "", reason);
    const ma_track *k = g_ascii_strcasecmp(st->method, "SETUP") == 0 ? track_of_setup(s, st->frame)
                                                                     : NULL;
    if (k != NULL && st->status < 300 && k->multicast) {
        char g[MA_ADDR_STRLEN];
        g_string_append_printf(b, ": multicast %s", ma_addr_to_str(&k->group, g));
        if (k->rtp_port >= 0)
            g_string_append_printf(b, " port %d", k->rtp_port);
        if (k->ttl >= 0)
            g_string_append_printf(b, " ttl %d", k->ttl);
    } else if (k != NULL && st->status < 300) { /* what a verdict like MA102/MA103 is about */
        if (k->interleaved)
            g_string_append(b, ": TCP interleaved");
        else if (k->rtp_port >= 0)
            g_string_append_printf(b, ": unicast to client port %d", k->rtp_port);
        else
            g_string_append(b, ": unicast");
    }
    return g_string_free(b, FALSE);
}

static void rtsp_rows(ladder *l, int client, int camera)
{
    const ma_session *s = l->s;
    const ma_rtsp_step *prev_req = NULL, *last_req = NULL;
    int prev_status = 0, last_status = 0;
    for (guint i = 0; s->steps != NULL && i < s->steps->len; i++) {
        const ma_rtsp_step *st = &g_array_index(s->steps, ma_rtsp_step, i);
        if (st->is_reply) {
            last_status = st->status;
            add_row(l, st->frame, st->ts_ns, camera, client, reply_label(s, st),
                    g_strdup_printf("RTSP reply to %s, frame %u", st->method, st->frame));
            continue;
        }
        prev_req = last_req;
        prev_status = last_status;
        last_req = st;
        last_status = 0;
        add_row(l, st->frame, st->ts_ns, client, camera, request_label(l, st, prev_req, prev_status),
                g_strdup_printf("RTSP %s request, frame %u", st->method, st->frame));
    }
    if (s->steps_dropped > 0)
        l->dropped += s->steps_dropped;
}

static void membership_rows(ladder *l, const ma_track *k, int group)
{
    static const char *const verbs[] = {"join", "leave", "report (refresh)"};
    for (guint i = 0; k->memberships != NULL && i < k->memberships->len; i++) {
        const ma_membership_event *m = &g_array_index(k->memberships, ma_membership_event, i);
        gboolean seen = FALSE;
        for (guint j = 0; j < l->rows->len && !seen; j++)
            seen = g_array_index(l->rows, row, j).frame == m->frame;
        if (seen) /* tracks sharing a group share its reports */
            continue;
        ma_host_role role = ma_correlator_event_role(l->s, k, m);
        /* An MLD report comes from the host's link-local address: the role
         * (found by its Ethernet address) puts it on the client's or the
         * camera's lane, the label keeps the address it came from. */
        const ma_addr *lane_addr = role == MA_HOST_CLIENT && !l->s->outside_capture ? &l->s->client
                                   : role == MA_HOST_SERVER                          ? &l->s->server
                                                                                     : &m->host;
        int from = lane_of(l, lane_addr, ma_host_role_name(role));
        guint kind = (guint)m->kind < G_N_ELEMENTS(verbs) ? (guint)m->kind : 0;
        GString *how = g_string_new(NULL);
        ma_text t = {l->h->ctx, how};
        ma_text_membership_how(&t, m);
        char host[MA_ADDR_STRLEN];
        ma_addr_to_str(&m->host, host);
        gboolean other_addr = !ma_addr_equal(lane_addr, &m->host);
        char *label = g_strdup_printf("%s: %s%s%s%s", verbs[kind], how->str, other_addr ? " (from " : "",
                                      other_addr ? host : "", other_addr ? ")" : "");
        char *tip = g_strdup_printf("%s %s %s, frame %u", ma_host_role_name(role), host, verbs[kind],
                                    m->frame);
        add_row(l, m->frame, m->ts_ns, from, group, label, tip);
        g_string_free(how, TRUE);
    }
}

static void querier_rows(ladder *l, const ma_track *k, int group)
{
    const GPtrArray *qs = ma_correlator_queriers(l->h->ctx->corr);
    for (guint i = 0; qs != NULL && i < qs->len; i++) {
        const ma_querier *q = g_ptr_array_index(qs, i);
        if ((q->proto == MA_PROTO_MLD) != (k->group.family == 6))
            continue;
        int from = lane_of(l, &q->addr, "querier");
        const char *p = q->proto == MA_PROTO_MLD ? "MLDv" : "IGMPv";
        char every[32] = "";
        if (q->interval_s > 0)
            g_snprintf(every, sizeof every, ", every %.1f s", q->interval_s);
        add_row(l, q->first_frame, q->first_ns, from, group,
                g_strdup_printf("%s%d query (first of %u%s)", p, q->version, q->count, every),
                g_strdup_printf("querier %s: %u queries, frames %u-%u", l->lanes[from].addr,
                                q->count, q->first_frame, q->last_frame));
        if (q->count > 1)
            add_row(l, q->last_frame, q->last_ns, from, group,
                    g_strdup_printf("%s%d query (last of %u)", p, q->version, q->count),
                    g_strdup_printf("querier %s, last query frame %u", l->lanes[from].addr,
                                    q->last_frame));
    }
}

static void media_rows(ladder *l, const ma_track *k, const ends *e)
{
    int to = e->to, camera = e->camera;
    const ma_flow *f = k->rtp_flow;
    if (f == NULL || k->first_media_frame == 0)
        return;
    int from = ma_addr_equal(&f->src, &l->s->server) ? camera : lane_of(l, &f->src, "media source");
    GString *lab = g_string_new("first RTP packet");
    if (f->payload_type >= 0)
        g_string_append_printf(lab, ", PT %d", f->payload_type);
    if (l->s->play_reply_frame != 0)
        g_string_append_printf(lab, ", %.1f ms after PLAY",
                               (double)(k->first_media_ns - l->s->play_reply_ns) / 1e6);
    add_row(l, k->first_media_frame, k->first_media_ns, from, to, g_string_free(lab, FALSE),
            g_strdup_printf("flow %u: first media packet, frame %u", f->id, k->first_media_frame));
    if (k->rtcp_flow != NULL)
        add_row(l, k->rtcp_flow->first_frame, k->rtcp_flow->first_ns, from, to,
                g_strdup("first RTCP packet"),
                g_strdup_printf("flow %u: RTCP, %" G_GUINT64_FORMAT " packets", k->rtcp_flow->id,
                                k->rtcp_flow->rtcp_packets));
    if (f->last_frame != k->first_media_frame)
        add_row(l, f->last_frame, f->last_ns, from, to,
                g_strdup_printf("last RTP packet (%" G_GUINT64_FORMAT " datagrams)", f->datagrams),
                g_strdup_printf("flow %u: last media packet, frame %u", f->id, f->last_frame));
}

/* What a verdict says did not happen, drawn dashed at the bottom. */
static void missing_rows(ladder *l, const ma_track *k, const ends *e)
{
    int client = e->client, camera = e->camera, group = e->to;
    static const char *const join_codes[] = {"MA201", "MA202", "MA203", NULL};
    static const char *const media_codes[] = {"MA301", "MA302", "MA303", NULL};
    if (k->multicast && client >= 0 && k->client_join_frame == 0 && !l->s->outside_capture) {
        int sev = ma_html_code_severity(l->h, l->s->id, join_codes);
        add_row(l, 0, 0, client, group, g_strdup("no join from the client"),
                g_strdup("no IGMP/MLD report from the client for this group in the capture"));
        g_array_index(l->rows, row, l->rows->len - 1).sev = sev;
    }
    if (k->first_media_frame == 0 && k->setup_status >= 200 && k->setup_status < 300) {
        int sev = ma_html_code_severity(l->h, l->s->id, media_codes);
        add_row(l, 0, 0, camera, group, g_strdup("no media to the negotiated address"),
                g_strdup("no RTP reached the group/port the SETUP reply names"));
        g_array_index(l->rows, row, l->rows->len - 1).sev = sev;
    }
}

/* NOLINTNEXTLINE(bugprone-easily-swappable-parameters): GCompareFunc signature */
static gint row_cmp(gconstpointer a, gconstpointer b)
{
    const row *x = a, *y = b;
    uint32_t fx = x->frame != 0 ? x->frame : G_MAXUINT32, fy = y->frame != 0 ? y->frame : G_MAXUINT32;
    return fx < fy ? -1 : fx > fy ? 1 : 0;
}

static int lane_x(int i)
{
    return TIME_COL + LANE_W / 2 + i * LANE_W;
}

static const char *row_color(const row *r)
{
    return r->sev >= 0 ? ma_html_sev_color((ma_severity)r->sev) : "#3a4450";
}

static void draw_defs(ladder *l)
{
    GString *o = l->h->out;
    g_string_append(o, "<defs>");
    for (int i = -1; i <= MA_SEV_ERROR; i++) {
        const char *color = i < 0 ? "#3a4450" : ma_html_sev_color((ma_severity)i);
        g_string_append_printf(o, "<marker id=\"arr-%u-%d\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
                                  "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
                                  "<path d=\"M0,0L10,5L0,10z\" fill=\"%s\"/></marker>",
                               l->s->id, i + 1, color);
    }
    g_string_append(o, "</defs>\n");
}

static void draw_lanes(ladder *l, int height)
{
    GString *o = l->h->out;
    for (guint i = 0; i < l->n_lanes; i++) {
        int x = lane_x((int)i);
        g_string_append_printf(o, "<g class=\"lane\"><rect x=\"%d\" y=\"6\" width=\"%d\" height=\"40\" "
                                  "rx=\"5\" fill=\"#eef2f6\" stroke=\"#9aa5b1\"/>"
                                  "<text x=\"%d\" y=\"22\" text-anchor=\"middle\" font-size=\"12\" "
                                  "font-weight=\"700\">",
                               x - LANE_W / 2 + 8, LANE_W - 16, x);
        ma_html_esc(o, l->lanes[i].title);
        g_string_append_printf(o, "</text><text x=\"%d\" y=\"38\" text-anchor=\"middle\" "
                                  "font-size=\"11\" fill=\"#5b6470\">",
                               x);
        ma_html_esc(o, l->lanes[i].addr);
        g_string_append_printf(o, "</text><line x1=\"%d\" y1=\"46\" x2=\"%d\" y2=\"%d\" "
                                  "stroke=\"#9aa5b1\" stroke-dasharray=\"4 3\"/></g>\n",
                               x, x, height - 6);
    }
}

static void draw_row(ladder *l, const row *r, int y)
{
    GString *o = l->h->out;
    const char *color = row_color(r);
    int x1 = lane_x(r->from), x2 = lane_x(r->to);
    if (r->frame != 0) {
        g_string_append_printf(o, "<g class=\"step\" id=\"s%u-f%u\" data-frame=\"%u\"", l->s->id,
                               r->frame, r->frame);
        ma_html_anchor(l->h, "s%u-f%u", l->s->id, r->frame);
    } else {
        g_string_append(o, "<g class=\"step missing\"");
    }
    if (r->sev >= 0)
        g_string_append_printf(o, " data-severity=\"%s\"", ma_severity_name((ma_severity)r->sev));
    g_string_append(o, "><title>");
    ma_html_esc(o, r->tip);
    g_string_append(o, "</title>");
    if (r->frame != 0)
        g_string_append_printf(o, "<text x=\"6\" y=\"%d\" font-size=\"11\" fill=\"#5b6470\">frame %u"
                                  "</text><text x=\"6\" y=\"%d\" font-size=\"11\" fill=\"#5b6470\">"
                                  "%.3f s</text>",
                               y - 4, r->frame, y + 9, ma_report_rel_s(l->h->ctx, r->ns));
    else
        g_string_append_printf(o, "<text x=\"6\" y=\"%d\" font-size=\"11\" fill=\"%s\">not in the "
                                  "capture</text>", y + 3, color);
    const char *dash = r->missing ? " stroke-dasharray=\"6 4\"" : "";
    if (x1 == x2)
        g_string_append_printf(o, "<path d=\"M%d,%dh26v10h-24\" fill=\"none\" stroke=\"%s\" "
                                  "stroke-width=\"1.6\"%s marker-end=\"url(#arr-%u-%d)\"/>",
                               x1, y - 6, color, dash, l->s->id, r->sev + 1);
    else
        g_string_append_printf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                                  "stroke-width=\"%s\"%s marker-end=\"url(#arr-%u-%d)\"/>",
                               x1, y, x2, y, color, r->sev >= 0 ? "2.4" : "1.6", dash, l->s->id,
                               r->sev + 1);
    int mid = x1 == x2 ? x1 + 34 : (x1 + x2) / 2;
    g_string_append_printf(o, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-size=\"11.5\" "
                              "fill=\"%s\"%s>",
                           mid, y - 5, x1 == x2 ? "start" : "middle", color,
                           r->sev >= 0 ? " font-weight=\"700\"" : "");
    ma_html_esc(o, r->label);
    g_string_append(o, "</text></g>\n");
}

static void build(ladder *l)
{
    const ma_session *s = l->s;
    int client = s->outside_capture ? -1 : lane_of(l, &s->client, "client");
    int camera = lane_of(l, &s->server, "camera");
    /* one lane per group, in track order, before the other joiners */
    for (guint i = 0; s->tracks != NULL && i < s->tracks->len; i++) {
        const ma_track *k = g_ptr_array_index(s->tracks, i);
        if (k->multicast && ma_addr_is_set(&k->group))
            (void)lane_of(l, &k->group, "group");
    }
    if (client >= 0)
        rtsp_rows(l, client, camera);
    for (guint i = 0; s->tracks != NULL && i < s->tracks->len; i++) {
        const ma_track *k = g_ptr_array_index(s->tracks, i);
        gboolean mc = k->multicast && ma_addr_is_set(&k->group);
        int to = mc ? lane_of(l, &k->group, "group") : client >= 0 ? client : camera;
        if (mc) {
            membership_rows(l, k, to);
            if (i == 0)
                querier_rows(l, k, to);
        }
        ends e = {client, camera, to};
        media_rows(l, k, &e);
        missing_rows(l, k, &e);
    }
    g_array_sort(l->rows, row_cmp);
}

void ma_html_ladder(ma_html *h, const ma_session *s)
{
    ladder l;
    memset(&l, 0, sizeof l);
    l.h = h;
    l.s = s;
    l.rows = g_array_new(FALSE, TRUE, sizeof(row));
    g_array_set_clear_func(l.rows, row_clear);
    build(&l);
    int width = TIME_COL + (int)l.n_lanes * LANE_W + 10;
    int height = HEAD_H + (int)l.rows->len * ROW_H + 16;
    g_string_append_printf(h->out, "<figure id=\"ladder-%u\"><svg class=\"ladder\" data-session=\"%u\" "
                                   "xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                                   "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"ladder diagram of "
                                   "session %u\">\n",
                           s->id, s->id, width, height, width, height, s->id);
    draw_defs(&l);
    draw_lanes(&l, height);
    for (guint i = 0; i < l.rows->len; i++)
        draw_row(&l, &g_array_index(l.rows, row, i), HEAD_H + 18 + (int)i * ROW_H);
    g_string_append(h->out, "</svg><figcaption>Session ");
    g_string_append_printf(h->out, "%u: %u steps in capture order; a step in colour is the proof "
                                   "of a verdict; dashed: expected but not in the capture.",
                           s->id, l.rows->len);
    if (l.dropped > 0)
        g_string_append_printf(h->out, " %u more steps not drawn.", l.dropped);
    g_string_append(h->out, "</figcaption></figure>\n");
    g_array_free(l.rows, TRUE);
}
