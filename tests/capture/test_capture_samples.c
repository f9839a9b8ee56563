/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_capture_samples.c - every captures/NAME.pcap against the figures the
 * generator wrote in NAME.expected.json: RTSP messages, membership records
 * and queries, and the datagrams of each listed flow, counted from the
 * events the capture side emits.  Skips when captures/ has no samples. */
#include <json-glib/json-glib.h>
#include <string.h>
#include "capture.h"
#include "capture_internal.h"
#include "frame_decode.h"

typedef struct {
    guint64 rtsp, records, queries;
    GHashTable *flows; /* "src sport dst dport" -> count */
} counts;

static void on_rtsp(void *u, const ma_ev_rtsp *ev)
{
    (void)ev;
    ((counts *)u)->rtsp++;
}

static void on_memb(void *u, const ma_ev_membership *ev)
{
    counts *c = u;
    if (ev->msg->kind == MA_MEMB_QUERY)
        c->queries++;
    else
        c->records += ev->msg->kind == MA_MEMB_REPORT_V3 ? ev->msg->n_records : 1;
}

/* channel < 0: a UDP flow; else RTP/RTCP interleaved on that channel of
 * the RTSP connection src:sport -> dst:dport. */
static char *flow_key(const ma_addr *src, guint sport, const ma_addr *dst, guint dport,
                      gint64 channel)
{
    char a[MA_ADDR_STRLEN], b[MA_ADDR_STRLEN];
    return g_strdup_printf("%s %u %s %u #%" G_GINT64_FORMAT, ma_addr_to_str(src, a), sport,
                           ma_addr_to_str(dst, b), dport, channel);
}

static void count_flow(counts *c, char *k)
{
    guint n = GPOINTER_TO_UINT(g_hash_table_lookup(c->flows, k));
    g_hash_table_replace(c->flows, k, GUINT_TO_POINTER(n + 1));
}

static void on_udp(void *u, const ma_ev_udp *ev)
{
    count_flow(u, flow_key(&ev->src, ev->sport, &ev->dst, ev->dport, -1));
}

static void on_interleaved(void *u, const ma_ev_interleaved *ev)
{
    if (ev->payload != NULL) /* read whole: one RTP/RTCP packet */
        count_flow(u, flow_key(&ev->src, ev->sport, &ev->dst, ev->dport, ev->channel));
}

static void check_sample(gconstpointer data)
{
    const char *json_path = data;
    JsonParser *p = json_parser_new();
    GError *err = NULL;
    g_assert_true(json_parser_load_from_file(p, json_path, &err));
    g_assert_no_error(err);
    JsonObject *o = json_node_get_object(json_parser_get_root(p));
    char *dir = g_path_get_dirname(json_path);
    char *pcap = g_build_filename(dir, json_object_get_string_member(o, "capture"), NULL);

    counts c = { .flows = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL) };
    ma_sink sink = {on_rtsp, on_memb, on_udp, on_interleaved, &c, NULL, NULL};
    ma_capture_stats st;
    ma_capture_stats_init(&st);
    const char *files[] = { pcap, NULL };
    ma_capture_opts opts = { .files = files };
    g_assert_true(ma_capture_run_sink(&opts, &sink, &st, &err));
    g_assert_no_error(err);
    g_assert_cmpuint(st.dec.malformed, ==, 0);
    g_assert_cmpuint(st.dec.rtsp_errors, ==, 0);
    g_assert_cmpuint(st.dec.tcp_gaps, ==, 0);
    g_assert_false(st.truncated);
    g_assert_cmpuint(c.rtsp, ==, (guint64)json_object_get_int_member(o, "rtsp_messages"));
    g_assert_cmpuint(c.records, ==, (guint64)json_object_get_int_member(o, "membership_records"));
    g_assert_cmpuint(c.queries, ==, (guint64)json_object_get_int_member(o, "queries"));
    /* A camera that restarted its sender is one flow in several truth
     * entries (one per SSRC): their packets add up. */
    GHashTable *want = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    JsonArray *flows = json_object_get_array_member(o, "flows");
    for (guint i = 0; i < json_array_get_length(flows); i++) {
        JsonObject *f = json_array_get_object_element(flows, i);
        ma_addr src, dst;
        g_assert_true(ma_addr_parse(json_object_get_string_member(f, "src"), &src));
        g_assert_true(ma_addr_parse(json_object_get_string_member(f, "dst"), &dst));
        char *k = flow_key(&src, (guint)json_object_get_int_member(f, "sport"), &dst,
                           (guint)json_object_get_int_member(f, "dport"),
                           json_object_get_int_member_with_default(f, "channel", -1));
        guint n = GPOINTER_TO_UINT(g_hash_table_lookup(want, k));
        g_hash_table_replace(want, k,
                             GUINT_TO_POINTER(n + (guint)json_object_get_int_member(f, "packets")));
    }
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, want);
    while (g_hash_table_iter_next(&it, &key, &value))
        g_assert_cmpuint(GPOINTER_TO_UINT(g_hash_table_lookup(c.flows, key)), ==,
                         GPOINTER_TO_UINT(value));
    g_hash_table_destroy(want);
    g_hash_table_destroy(c.flows);
    ma_capture_stats_clear(&st);
    g_free(pcap);
    g_free(dir);
    g_object_unref(p);
}

static void no_samples(void)
{
    g_test_skip("captures/ holds no NAME.expected.json yet");
}

static gint by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    const char *src = g_getenv("MA_SOURCE_DIR");
    char *dir = g_build_filename(src ? src : ".", "captures", NULL);
    GDir *d = g_dir_open(dir, 0, NULL);
    GPtrArray *paths = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while (d && (name = g_dir_read_name(d)))
        if (g_str_has_suffix(name, ".expected.json"))
            g_ptr_array_add(paths, g_build_filename(dir, name, NULL));
    if (d)
        g_dir_close(d);
    g_ptr_array_sort(paths, by_name);
    for (guint i = 0; i < paths->len; i++) {
        char *base = g_path_get_basename(paths->pdata[i]);
        *strstr(base, ".expected.json") = '\0';
        char *tp = g_strdup_printf("/capture/samples/%s", base);
        g_test_add_data_func(tp, paths->pdata[i], check_sample);
        g_free(tp);
        g_free(base);
    }
    if (paths->len == 0)
        g_test_add_func("/capture/samples/none", no_samples);
    int rc = g_test_run();
    g_ptr_array_unref(paths);
    g_free(dir);
    return rc;
}
