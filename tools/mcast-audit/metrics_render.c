/* SPDX-License-Identifier: GPL-2.0-or-later */
/* metrics_render.c - the whole exposition: the probe itself (build, start
 * time, memory), the capture's health, the bounded tables, queriers and
 * verdicts; flows and sessions come from metrics_flows.c and
 * metrics_sessions.c. */
#include <stdio.h>
#include <unistd.h>

#include "metrics_priv.h"
#include "report.h"

static void gauge1(ma_om *w, const char *name, const char *help, double v)
{
    ma_om_family(w, name, MA_OM_GAUGE, NULL, help);
    ma_om_sample(w, NULL, v);
}

/* Resident memory from /proc (Linux); -1 when unreadable. */
static double resident_bytes(void)
{
    char *text = NULL;
    double rss = -1;
    if (g_file_get_contents("/proc/self/statm", &text, NULL, NULL)) {
        unsigned long size = 0, pages = 0;
        if (sscanf(text, "%lu %lu", &size, &pages) == 2) // NOLINT(cert-err34-c): two fields checked
            rss = (double)pages * (double)sysconf(_SC_PAGESIZE);
        g_free(text);
    }
    return rss;
}

static void render_process(const ma_metrics *m, ma_om *w)
{
    ma_om_family(w, MA_METRICS_PREFIX "build_info", MA_OM_GAUGE, NULL,
                 "mcast-audit's version (value 1)");
    const char *kv[] = {"version", MA_REPORT_VERSION, NULL};
    ma_om_sample(w, kv, 1);
    ma_om_family(w, "process_start_time_seconds", MA_OM_GAUGE, "seconds",
                 "Start time of the probe since the Unix epoch");
    ma_om_sample(w, NULL, (double)m->start_ns / 1e9);
    double rss = resident_bytes();
    if (rss >= 0) {
        ma_om_family(w, "process_resident_memory_bytes", MA_OM_GAUGE, "bytes",
                     "Resident memory of the probe");
        ma_om_sample(w, NULL, rss);
    }
}

static void render_capture(const ma_capture_stats *st, const ma_correlator *c, ma_om *w)
{
    ma_om_family(
        w, MA_METRICS_PREFIX "capture_open", MA_OM_GAUGE, NULL,
        "1 while the interface (or the capture files) is open and read, 0 before and after");
    ma_om_sample(w, NULL, st->open ? 1 : 0);
    ma_om_family(w, MA_METRICS_PREFIX "capture_frames", MA_OM_COUNTER, NULL,
                 "Frames read from the capture");
    ma_om_sample(w, NULL, (double)st->dec.frames);
    ma_om_family(w, MA_METRICS_PREFIX "capture_dropped_packets", MA_OM_COUNTER, NULL,
                 "Packets the capture lost before mcast-audit saw them (pcap_stats), by where");
    const char *kernel[] = {"by", "kernel", NULL}, *iface[] = {"by", "interface", NULL};
    ma_om_sample(w, kernel, (double)st->kernel_drops);
    ma_om_sample(w, iface, (double)st->iface_drops);
    ma_om_family(w, MA_METRICS_PREFIX "decode_events", MA_OM_COUNTER, NULL,
                 "Frames or data the decoder skipped or repaired, by event");
    const struct {
        const char *event;
        guint64 n;
    } evs[] = {
        {"undecoded", st->dec.undecoded},
        {"malformed", st->dec.malformed},
        {"rtsp_error", st->dec.rtsp_errors},
        {"tcp_gap", st->dec.tcp_gaps},
        {"tcp_connection_evicted", st->dec.tcp_evicted},
        {"fragment_dropped", st->dec.fragments_dropped},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(evs); i++) {
        const char *kv[] = {"event", evs[i].event, NULL};
        ma_om_sample(w, kv, (double)evs[i].n);
    }
    /* The named decode events (decode_events.h): the decoders' table is
     * added to the correlator's just before it finishes, so a running
     * probe shows both, a finished one the correlator's alone. */
    ma_decode_events all = *ma_correlator_decode_events(c);
    if (!ma_correlator_finished(c))
        ma_decode_events_add(&all, &st->dec.events);
    for (guint i = 0; i < MA_DE__COUNT; i++) {
        const char *kv[] = {"event", ma_decode_event_def_get((ma_decode_event)i)->name, NULL};
        ma_om_sample(w, kv, (double)all.e[i].count);
    }
}

static void render_tables(const ma_correlator *c, ma_om *w)
{
    ma_om_family(w, MA_METRICS_PREFIX "retired", MA_OM_COUNTER, NULL,
                 "Sessions and flows forgotten after --idle-timeout without activity");
    ma_om_sample(w, NULL, (double)ma_correlator_retired(c));
    static const struct {
        const char *name;
        const char *help;
    } fams[] = {
        {MA_METRICS_PREFIX "table_entries", "Entries in the bounded state table"},
        {MA_METRICS_PREFIX "table_limit_entries", "The table's bound"},
        {MA_METRICS_PREFIX "table_full", "1 once the table refused an entry (MA901): figures are partial"},
    };
    for (gsize f = 0; f < G_N_ELEMENTS(fams); f++) {
        ma_om_family(w, fams[f].name, MA_OM_GAUGE, NULL, fams[f].help);
        for (guint i = 0; i < ma_correlator_table_count(); i++) {
            ma_table_usage u;
            if (!ma_correlator_table_usage(c, i, &u))
                continue;
            const char *kv[] = {"table", u.name, NULL};
            double v = f == 0 ? u.used : f == 1 ? u.limit : u.full_frame != 0;
            ma_om_sample(w, kv, v);
        }
    }
}

void ma_metrics_render_queriers(const ma_correlator *c, double gmi_s, gint64 now_ns, ma_om *w)
{
    const GPtrArray *qs = ma_correlator_queriers(c);
    guint active = 0;
    for (guint i = 0; i < qs->len; i++)
        active += ma_metrics_age_s(((const ma_querier *)g_ptr_array_index(qs, i))->last_ns, now_ns) <= gmi_s;
    gauge1(w, MA_METRICS_PREFIX "queriers",
           "IGMP/MLD queriers heard within the membership interval", active);
    ma_om_family(w, MA_METRICS_PREFIX "querier_queries", MA_OM_COUNTER, NULL,
                 "IGMP/MLD queries heard from the querier");
    for (guint i = 0; i < qs->len; i++) {
        const ma_querier *q = g_ptr_array_index(qs, i);
        ma_labels l;
        ma_labels_init(&l);
        ma_labels_add_addr(&l, "querier", &q->addr);
        ma_labels_add(&l, "protocol", q->proto == MA_PROTO_MLD ? "mld" : "igmp");
        ma_labels_addf(&l, "version", "%d", q->version);
        ma_om_sample(w, ma_labels_kv(&l), q->count);
        ma_labels_clear(&l);
    }
}

static void verdict_labels(ma_labels *l, const ma_verdict_def *d)
{
    ma_labels_init(l);
    ma_labels_add(l, "code", d->code);
    ma_labels_add(l, "name", d->name);
    ma_labels_add(l, "severity", ma_severity_name(d->severity));
}

static void render_verdicts(const ma_metrics *m, const ma_correlator *c, ma_om *w)
{
    ma_om_family(w, MA_METRICS_PREFIX "verdicts_raised", MA_OM_COUNTER, NULL,
                 "Verdicts raised (a provisional one once it stood 5 s), by code and severity");
    for (int id = 0; id < MA_V__COUNT; id++) {
        ma_labels l;
        verdict_labels(&l, ma_verdict_def_get((ma_verdict_id)id));
        ma_om_sample(w, ma_labels_kv(&l), (double)m->raised_count[id]);
        ma_labels_clear(&l);
    }
    ma_om_family(w, MA_METRICS_PREFIX "verdicts_active", MA_OM_GAUGE, NULL,
                 "Verdicts standing now, by code and session (group verdicts: by group)");
    const GPtrArray *ss = ma_correlator_sessions(c);
    GHashTable *active = ma_metrics_active_counts(m);
    for (guint i = 0; i <= ss->len && g_hash_table_size(active) > 0; i++) {
        const ma_session *s = i < ss->len ? g_ptr_array_index(ss, i) : NULL;
        for (int id = 0; id < MA_V__COUNT; id++) {
            gsize key = ma_metrics_active_key(s != NULL ? s->id : 0, (ma_verdict_id)id);
            guint n = GPOINTER_TO_UINT(g_hash_table_lookup(active, GSIZE_TO_POINTER(key)));
            if (n == 0)
                continue;
            ma_labels l;
            verdict_labels(&l, ma_verdict_def_get((ma_verdict_id)id));
            ma_labels_add_session(&l, s);
            ma_om_sample(w, ma_labels_kv(&l), n);
            ma_labels_clear(&l);
        }
    }
    g_hash_table_destroy(active);
    ma_metrics_render_group_verdicts(m, c, w);
}

void ma_metrics_render(ma_metrics *m, const ma_correlator *c, const ma_capture_stats *st,
                       gint64 now_ns, ma_om_format format, GString *out)
{
    ma_thresholds defaults;
    ma_thresholds_init(&defaults);
    const ma_thresholds *th = m->opts.th != NULL ? m->opts.th : &defaults;
    ma_om w;
    ma_om_init(&w, out, format);
    render_process(m, &w);
    render_capture(st, c, &w);
    render_tables(c, &w);
    ma_metrics_render_flows(m, c, now_ns, &w);
    ma_metrics_render_sessions(c, th, now_ns, &w);
    ma_metrics_render_groups(m, c, th->membership_interval_s, now_ns, &w);
    ma_metrics_render_group_audit(m, c, th, now_ns, &w);
    ma_metrics_render_described(c, now_ns, &w);
    ma_metrics_render_queriers(c, th->membership_interval_s, now_ns, &w);
    render_verdicts(m, c, &w);
    ma_om_finish(&w);
}
