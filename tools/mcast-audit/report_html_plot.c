/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_html_plot.c - one RTP flow over time as stacked SVG panels sharing
 * the capture's time axis: packets/s and bitrate (1 s window), RFC 3550
 * jitter, lost packets (bursts marked), inter-arrival gap, RFC 4445 delay
 * factor and IP TTL, with the group's membership state (joined / left /
 * expired) as bands under the axis.  Drawn from the flow's bounded series
 * (core/flow_series.h): columns that share a pixel are merged keeping
 * minima and maxima, so no panel has more than PLOT_W marks whatever the
 * capture's length. */
#include "report_html_priv.h"

#include <math.h>
#include <string.h>

#define PLOT_W 600      /* pixels of the time axis (= MA_SERIES_COLUMNS) */
#define LEFT 86
#define RIGHT 18
#define PANEL_H 70
#define PANEL_GAP 34
#define BAND_H 11
#define BAND_ROW (BAND_H + 15)  /* label line above each bar */
#define MAX_BAND_HOSTS 4

typedef struct {
    ma_html *h;
    const ma_session *s;
    const ma_track *k;
    const ma_flow *f;
    gint64 t0, t1;          /* the time axis: capture start .. end */
    ma_series_col px[PLOT_W];
    gboolean covered[PLOT_W]; /* some column of the series spans this pixel */
    float rate_lo[PLOT_W], rate_hi[PLOT_W]; /* packets/s, 1 s window */
    float bits_lo[PLOT_W], bits_hi[PLOT_W]; /* bit/s */
    int y;                  /* top of the next panel */
} plot;

typedef struct {
    const char *id;         /* anchor suffix */
    const char *title;      /* axis label with unit */
    const char *color;      /* of the marks */
    const char *empty;      /* said when there is nothing to draw */
} panel;

static double nice_ceil(double v)
{
    if (!(v > 0))
        return 1;
    double e = pow(10, floor(log10(v)));
    const double steps[] = {1, 2, 2.5, 5, 10};
    for (gsize i = 0; i < G_N_ELEMENTS(steps); i++)
        if (v <= steps[i] * e * 1.0000001)
            return steps[i] * e;
    return 10 * e;
}

static double x_of(const plot *p, gint64 ns)
{
    return (double)LEFT + (double)(ns - p->t0) * PLOT_W / (double)(p->t1 - p->t0);
}

static int px_of(const plot *p, gint64 ns)
{
    double x = (double)(ns - p->t0) * PLOT_W / (double)(p->t1 - p->t0);
    return x < 0 ? 0 : x >= PLOT_W ? PLOT_W - 1 : (int)x;
}

/* Columns into pixels; rates over the window of k columns (at least 1 s). */
static void bin(plot *p)
{
    const ma_flow_series *fs = p->f->series;
    guint n = ma_flow_series_len(fs);
    gint64 w = ma_flow_series_width_ns(fs), origin = ma_flow_series_origin_ns(fs);
    guint k = (guint)MAX(1, (G_GINT64_CONSTANT(1000000000) + w - 1) / w);
    guint64 win_packets = 0, win_bytes = 0;
    for (int i = 0; i < PLOT_W; i++) {
        ma_series_col_init(&p->px[i]);
        p->rate_lo[i] = p->bits_lo[i] = G_MAXFLOAT;
        p->rate_hi[i] = p->bits_hi[i] = -1;
    }
    for (guint i = 0; i < n; i++) {
        const ma_series_col *c = ma_flow_series_col(fs, i);
        win_packets += c->packets;
        win_bytes += c->bytes;
        if (i >= k) {
            win_packets -= ma_flow_series_col(fs, i - k)->packets;
            win_bytes -= ma_flow_series_col(fs, i - k)->bytes;
        }
        /* what arrived in the preceding second (a ramp over the first one,
         * rather than a spike from dividing a first burst by a short span) */
        double span_s = (double)k * (double)w / 1e9;
        float rate = (float)((double)win_packets / span_s);
        float bits = (float)((double)win_bytes * 8.0 / span_s);
        gint64 cs = origin + (gint64)i * w;
        int a = px_of(p, cs), b = px_of(p, cs + w - 1);
        ma_series_col_merge(&p->px[a], c);
        for (int x = a; x <= b; x++) {
            p->covered[x] = TRUE;
            p->rate_lo[x] = MIN(p->rate_lo[x], rate);
            p->rate_hi[x] = MAX(p->rate_hi[x], rate);
            p->bits_lo[x] = MIN(p->bits_lo[x], bits);
            p->bits_hi[x] = MAX(p->bits_hi[x], bits);
        }
    }
    /* After the flow's last column: nothing arrived, which is a rate of 0. */
    int last = n > 0 ? px_of(p, origin + (gint64)n * w - 1) : -1;
    for (int x = last + 1; n > 0 && x < PLOT_W; x++) {
        p->covered[x] = TRUE;
        p->rate_lo[x] = p->rate_hi[x] = p->bits_lo[x] = p->bits_hi[x] = 0;
    }
}

static void fmt_num(char *buf, gsize len, double v)
{
    if (v != 0 && fabs(v) < 0.01)
        g_snprintf(buf, len, "%.2g", v);
    else
        g_snprintf(buf, len, "%.4g", v);
}

static double time_step(double dur_s)
{
    return nice_ceil(dur_s / 6);
}

/* Frame, grid, y ticks (0, half, top) and the title of one panel. */
static void panel_frame(plot *p, const panel *pn, double ymax)
{
    GString *o = p->h->out;
    char top[32], half[32];
    fmt_num(top, sizeof top, ymax);
    fmt_num(half, sizeof half, ymax / 2);
    g_string_append_printf(o, "<g class=\"panel\" id=\"flow-%u-%s\" data-panel=\"%s\">", p->f->id,
                           pn->id, pn->id);
    ma_html_anchor(p->h, "flow-%u-%s", p->f->id, pn->id);
    g_string_append_printf(o, "<text x=\"%d\" y=\"%d\" font-size=\"12\" font-weight=\"700\">%s</text>",
                           LEFT, p->y - 6, pn->title);
    g_string_append_printf(o, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafbfc\" "
                              "stroke=\"#c4ccd4\"/>", LEFT, p->y, PLOT_W, PANEL_H);
    double dur = (double)(p->t1 - p->t0) / 1e9, step = time_step(dur);
    for (int i = 0; (double)i * step <= dur + 1e-9; i++) {
        double x = LEFT + (double)i * step / dur * PLOT_W;
        g_string_append_printf(o, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e3e7eb\"/>",
                               x, p->y, x, p->y + PANEL_H);
    }
    g_string_append_printf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#e3e7eb\"/>",
                           LEFT, p->y + PANEL_H / 2, LEFT + PLOT_W, p->y + PANEL_H / 2);
    g_string_append_printf(o, "<g font-size=\"10.5\" fill=\"#5b6470\" text-anchor=\"end\">"
                              "<text x=\"%d\" y=\"%d\">%s</text><text x=\"%d\" y=\"%d\">%s</text>"
                              "<text x=\"%d\" y=\"%d\">0</text></g>",
                           LEFT - 5, p->y + 9, top, LEFT - 5, p->y + PANEL_H / 2 + 4, half,
                           LEFT - 5, p->y + PANEL_H);
}

static double y_of(const plot *p, double v, double ymax)
{
    double f = v / ymax;
    f = f < 0 ? 0 : f > 1 ? 1 : f;
    return p->y + PANEL_H - f * PANEL_H;
}

/* Min..max per pixel as vertical strokes; the maxima of neighbouring
 * pixels joined by a line (never across pixels without a sample: a line
 * over a gap would draw figures nobody measured). */
static void envelope(plot *p, const float *lo, const float *hi, double ymax, const char *color)
{
    GString *o = p->h->out;
    GString *line = g_string_new(NULL);
    g_string_append_printf(o, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"1.4\" d=\"", color);
    int prev = -2;
    for (int x = 0; x < PLOT_W; x++) {
        if (!(lo[x] <= hi[x]))
            continue;
        double ya = y_of(p, hi[x], ymax), yb = y_of(p, lo[x], ymax);
        if (yb - ya < 1.2)
            yb = ya + 1.2;
        g_string_append_printf(o, "M%d.5,%.1fV%.1f", LEFT + x, ya, yb);
        g_string_append_printf(line, "%c%d.5,%.1f", x == prev + 1 ? 'L' : 'M', LEFT + x, ya);
        prev = x;
    }
    g_string_append_printf(o, "\"/><path fill=\"none\" stroke=\"%s\" stroke-opacity=\"0.55\" "
                              "stroke-width=\"1\" d=\"%s\"/>", color, line->str);
    g_string_free(line, TRUE);
}

static double max_of(const float *hi)
{
    double m = 0;
    for (int x = 0; x < PLOT_W; x++)
        m = MAX(m, (double)hi[x]);
    return m;
}

static void rate_panels(plot *p)
{
    const panel pps = {"rate", "Packets per second (1 s window)", "#1f6fb2", ""};
    double ymax = nice_ceil(max_of(p->rate_hi));
    panel_frame(p, &pps, ymax);
    envelope(p, p->rate_lo, p->rate_hi, ymax, pps.color);
    g_string_append(p->h->out, "</g>\n");
    p->y += PANEL_H + PANEL_GAP;
    double bmax = max_of(p->bits_hi);
    gboolean mbit = bmax >= 1e6;
    double div = mbit ? 1e6 : 1e3;
    float lo[PLOT_W], hi[PLOT_W];
    for (int x = 0; x < PLOT_W; x++) {
        lo[x] = (float)(p->bits_lo[x] / div);
        hi[x] = p->bits_hi[x] < 0 ? -1 : (float)(p->bits_hi[x] / div);
    }
    const panel br = {"bitrate", mbit ? "Bitrate, UDP payload (Mbit/s, 1 s window)"
                                      : "Bitrate, UDP payload (kbit/s, 1 s window)", "#2b8a8a", ""};
    ymax = nice_ceil(bmax / div);
    panel_frame(p, &br, ymax);
    envelope(p, lo, hi, ymax, br.color);
    g_string_append(p->h->out, "</g>\n");
    p->y += PANEL_H + PANEL_GAP;
}

/* Which figure of a pixel a panel shows. */
typedef enum { FIG_JITTER, FIG_GAP, FIG_TTL } figure;

typedef struct {
    float lo, hi;           /* lo > hi: no sample */
} range;

static range figure_range(const ma_series_col *c, figure fig)
{
    switch (fig) {
    case FIG_JITTER: return (range){c->jitter_min, c->jitter_max};
    case FIG_GAP: return (range){c->gap_min, c->gap_max};
    case FIG_TTL:
        return (range){c->ttl_min >= 0 ? (float)c->ttl_min : G_MAXFLOAT,
                       c->ttl_max >= 0 ? (float)c->ttl_max : -G_MAXFLOAT};
    }
    return (range){G_MAXFLOAT, -G_MAXFLOAT};
}

static void figure_panel(plot *p, const panel *pn, figure fig)
{
    float lo[PLOT_W], hi[PLOT_W];
    double m = 0;
    for (int x = 0; x < PLOT_W; x++) {
        range r = figure_range(&p->px[x], fig);
        lo[x] = r.lo;
        hi[x] = r.hi;
        if (lo[x] <= hi[x] && hi[x] > m)
            m = hi[x];
    }
    double ymax = fig == FIG_TTL ? (m > 64 ? 256 : m > 8 ? 64 : 8) : nice_ceil(m);
    panel_frame(p, pn, ymax);
    gboolean any = FALSE;
    for (int x = 0; x < PLOT_W && !any; x++)
        any = lo[x] <= hi[x];
    if (any)
        envelope(p, lo, hi, ymax, pn->color);
    else
        g_string_append_printf(p->h->out, "<text x=\"%d\" y=\"%d\" font-size=\"11\" "
                                          "text-anchor=\"middle\" fill=\"#5b6470\">%s</text>",
                               LEFT + PLOT_W / 2, p->y + PANEL_H / 2 + 4, pn->empty);
    g_string_append(p->h->out, "</g>\n");
    p->y += PANEL_H + PANEL_GAP;
}

static void loss_panel(plot *p)
{
    const panel pn = {"loss", "Lost packets (sequence numbers found missing; bursts marked)",
                      "#c0262d", "no packet lost"};
    guint64 total = 0;
    double m = 0;
    for (int x = 0; x < PLOT_W; x++) {
        total += p->px[x].lost;
        m = MAX(m, (double)p->px[x].lost);
    }
    double ymax = nice_ceil(m);
    panel_frame(p, &pn, ymax);
    GString *o = p->h->out;
    if (total == 0)
        g_string_append_printf(o, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" "
                                  "fill=\"#1e7b34\">%s</text>",
                               LEFT + PLOT_W / 2, p->y + PANEL_H / 2 + 4, pn.empty);
    for (int x = 0; x < PLOT_W; x++) {
        const ma_series_col *c = &p->px[x];
        if (c->lost == 0)
            continue;
        double y = y_of(p, c->lost, ymax);
        g_string_append_printf(o, "<rect class=\"loss\" x=\"%d\" y=\"%.1f\" width=\"2\" height=\"%.1f\" "
                                  "fill=\"%s\"><title>%u lost, longest burst %u</title></rect>",
                               LEFT + x, y, p->y + PANEL_H - y, pn.color, c->lost, c->burst_max);
        if (c->burst_max >= 2)
            g_string_append_printf(o, "<path class=\"burst\" d=\"M%d,%.1fl4,-7h-8z\" fill=\"#7a1116\">"
                                      "<title>burst of %u consecutive packets lost</title></path>",
                                   LEFT + x + 1, y - 1, c->burst_max);
    }
    g_string_append(o, "</g>\n");
    p->y += PANEL_H + PANEL_GAP;
}

static void mdi_panel(plot *p)
{
    const panel pn = {"mdi", "MDI delay factor, RFC 4445 (ms, per 1 s interval)", "#6b4bb2", ""};
    double m = 0;
    for (int x = 0; x < PLOT_W; x++)
        m = MAX(m, (double)p->px[x].df_max);
    double ymax = nice_ceil(m);
    panel_frame(p, &pn, ymax);
    GString *o = p->h->out;
    double w = 1e9 * PLOT_W / (double)(p->t1 - p->t0);
    w = w < 2 ? 2 : w;
    for (int x = 0; x < PLOT_W; x++) {
        const ma_series_col *c = &p->px[x];
        if (c->mdi_intervals == 0 || c->df_max < 0)
            continue;
        double y = y_of(p, c->df_max, ymax);
        g_string_append_printf(o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                                  "stroke-width=\"2.2\"><title>DF %.1f ms</title></line>",
                               LEFT + x, y, MIN(LEFT + x + w, (double)(LEFT + PLOT_W)), y, pn.color,
                               c->df_max);
    }
    g_string_append(o, "</g>\n");
    p->y += PANEL_H + PANEL_GAP;
}

/* ---- membership band ---- */

typedef enum { ST_NONE, ST_JOINED, ST_LEFT, ST_EXPIRED } mstate;

static const struct {
    const char *name, *color;
} mstate_style[] = {
    [ST_NONE] = {"not joined", "#eef0f2"},
    [ST_JOINED] = {"joined", "#2e9d4b"},
    [ST_LEFT] = {"left", "#9aa5b1"},
    [ST_EXPIRED] = {"expired", "#c0262d"},
};

static void segment(plot *p, int y, gint64 a, gint64 b, mstate st)
{
    if (b <= a)
        return;
    double xa = x_of(p, a), xb = x_of(p, b);
    xa = MAX(xa, (double)LEFT);
    xb = MIN(xb, (double)(LEFT + PLOT_W));
    if (xb <= xa)
        return;
    g_string_append_printf(p->h->out, "<rect class=\"memb %s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
                                      "height=\"%d\" fill=\"%s\"><title>%s %.3f-%.3f s</title></rect>",
                           mstate_style[st].name, xa, y, xb - xa, BAND_H - 2, mstate_style[st].color,
                           mstate_style[st].name, ma_report_rel_s(p->h->ctx, a),
                           ma_report_rel_s(p->h->ctx, b));
}

/* One host's membership of the group over the axis: a report (join or
 * refresh) keeps it for the group membership interval (RFC 3376 8.4). */
static void host_band(plot *p, const ma_addr *host, int y)
{
    gint64 gmi = (gint64)(p->h->ctx->th->membership_interval_s * 1e9);
    gint64 at = p->t0, expires = 0;
    mstate st = ST_NONE;
    for (guint i = 0; i < p->k->memberships->len; i++) {
        const ma_membership_event *m = &g_array_index(p->k->memberships, ma_membership_event, i);
        if (!ma_addr_equal(&m->host, host))
            continue;
        if (st == ST_JOINED && expires < m->ts_ns) {
            segment(p, y, at, expires, ST_JOINED);
            segment(p, y, expires, m->ts_ns, ST_EXPIRED);
        } else {
            segment(p, y, at, m->ts_ns, st);
        }
        at = m->ts_ns;
        st = m->kind == MA_CHANGE_LEAVE ? ST_LEFT : ST_JOINED;
        expires = m->ts_ns + gmi;
    }
    if (st == ST_JOINED && expires < p->t1) {
        segment(p, y, at, expires, ST_JOINED);
        segment(p, y, expires, p->t1, ST_EXPIRED);
    } else {
        segment(p, y, at, p->t1, st);
    }
}

static void band(plot *p)
{
    GString *o = p->h->out;
    ma_addr hosts[MAX_BAND_HOSTS];
    ma_host_role roles[MAX_BAND_HOSTS]; /* by the event: MLD's link-local senders too */
    guint n = 0;
    for (guint i = 0; p->k->memberships != NULL && i < p->k->memberships->len && n < MAX_BAND_HOSTS; i++) {
        const ma_membership_event *m = &g_array_index(p->k->memberships, ma_membership_event, i);
        gboolean seen = FALSE;
        for (guint j = 0; j < n; j++)
            seen = seen || ma_addr_equal(&hosts[j], &m->host);
        if (!seen) {
            roles[n] = ma_correlator_event_role(p->s, p->k, m);
            hosts[n++] = m->host;
        }
    }
    int y = p->y - PANEL_GAP + 48;
    char g[MA_ADDR_STRLEN];
    g_string_append_printf(o, "<g class=\"band\" id=\"flow-%u-band\" data-panel=\"band\">"
                              "<text x=\"%d\" y=\"%d\" font-size=\"12\" font-weight=\"700\">"
                              "Membership of %s</text>",
                           p->f->id, LEFT, y - 4, ma_addr_to_str(&p->k->group, g));
    ma_html_anchor(p->h, "flow-%u-band", p->f->id);
    if (n == 0)
        g_string_append_printf(o, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#c0262d\">nobody "
                                  "joined the group in the capture</text>", LEFT, y + 11);
    y += 4;
    for (guint i = 0; i < n; i++, y += BAND_ROW) {
        char a[MA_ADDR_STRLEN];
        g_string_append_printf(o, "<text x=\"%d\" y=\"%d\" font-size=\"10.5\" fill=\"#3a4450\">"
                                  "%s %s</text>",
                               LEFT, y + 9, ma_host_role_name(roles[i]), ma_addr_to_str(&hosts[i], a));
        host_band(p, &hosts[i], y + 13);
    }
    y += n == 0 ? 18 : 4;
    int lx = LEFT;
    for (gsize i = 1; i < G_N_ELEMENTS(mstate_style); i++, lx += 90)
        g_string_append_printf(o, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/>"
                                  "<text x=\"%d\" y=\"%d\" font-size=\"10.5\">%s</text>",
                               lx, y, mstate_style[i].color, lx + 16, y + 9, mstate_style[i].name);
    g_string_append(o, "</g>\n");
    p->y = y + 16;
}

void ma_html_flow_plots(ma_html *h, const ma_session *s, const ma_track *k, const ma_flow *f)
{
    plot *p = g_new0(plot, 1);
    p->h = h;
    p->s = s;
    p->k = k;
    p->f = f;
    p->t0 = ma_report_start_ns(h->ctx);
    p->t1 = p->t0 + (gint64)(ma_report_duration_s(h->ctx) * 1e9);
    if (p->t1 <= p->t0)
        p->t1 = p->t0 + G_GINT64_CONSTANT(1000000000);
    bin(p);
    gboolean with_band = s != NULL && k != NULL && k->multicast && k->memberships != NULL;
    GString *body = g_string_new(NULL);
    GString *page = h->out;
    h->out = body;
    p->y = 22;
    rate_panels(p);
    const panel jit = {"jitter", "Jitter, RFC 3550 (ms)", "#b26a00", "clock rate unknown: no jitter"};
    figure_panel(p, &jit, FIG_JITTER);
    loss_panel(p);
    const panel gap = {"gap", "Inter-arrival gap (ms)", "#3a4450", "one packet: no gap"};
    figure_panel(p, &gap, FIG_GAP);
    mdi_panel(p);
    const panel ttl = {"ttl", "IP TTL (hops)", "#1e7b34", "TTL unknown"};
    figure_panel(p, &ttl, FIG_TTL);
    /* the last panel carries the time axis labels */
    GString *axis = g_string_new(NULL);
    h->out = axis;
    p->y -= PANEL_GAP;
    double dur = (double)(p->t1 - p->t0) / 1e9, step = time_step(dur);
    for (int i = 0; (double)i * step <= dur + 1e-9; i++)
        g_string_append_printf(axis, "<text x=\"%.1f\" y=\"%d\" font-size=\"10.5\" text-anchor=\"middle\" "
                                     "fill=\"#5b6470\">%g</text>",
                               LEFT + (double)i * step / dur * PLOT_W, p->y + 13, (double)i * step);
    g_string_append_printf(axis, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" "
                                 "fill=\"#3a4450\">time since capture start (s)</text>\n",
                           LEFT + PLOT_W / 2, p->y + 27);
    p->y += PANEL_GAP + 6;
    if (with_band) {
        h->out = axis;
        band(p);
    }
    int height = p->y + 6;
    h->out = page;
    int width = LEFT + PLOT_W + RIGHT;
    g_string_append_printf(page, "<figure id=\"flow-%u\"><svg class=\"plots\" data-flow=\"%u\" "
                                 "xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                                 "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"flow %u over time\">\n",
                           f->id, f->id, width, height, width, height, f->id);
    ma_html_anchor(h, "flow-%u", f->id);
    g_string_append_len(page, body->str, (gssize)body->len);
    g_string_append_len(page, axis->str, (gssize)axis->len);
    gint64 w = ma_flow_series_width_ns(f->series);
    g_string_append_printf(page, "</svg><figcaption>Flow %u over the capture: each pixel shows the "
                                 "minimum and maximum of the %.3g ms columns it covers.",
                           f->id, (double)w / 1e6);
    if (ma_flow_series_early(f->series) > 0)
        g_string_append_printf(page, " %" G_GUINT64_FORMAT " packets with a timestamp before the "
                                     "flow's first are drawn at its start.",
                               ma_flow_series_early(f->series));
    g_string_append(page, "</figcaption></figure>\n");
    g_string_free(body, TRUE);
    g_string_free(axis, TRUE);
    g_free(p);
}
