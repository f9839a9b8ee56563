/* SPDX-License-Identifier: GPL-2.0-or-later */
/* truth.c - NAME.expected.json: what the capture holds (counted by the
 * generator while writing it) and the verdicts a correct analyser gives. */
#include "gen.h"

#include <string.h>

/* Severity "error" codes of verdict_rules.md: any of them fails the run
 * (exit 1).  Kept here, not taken from core/, so the truth is independent. */
static const char *const error_codes[] = {
    "MA101", "MA102", "MA103", "MA107", "MA120", "MA203", "MA204", "MA207", "MA223",
    "MA224", "MA239", "MA301", "MA302", "MA303", "MA307", "MA312", "MA313", "MA314",
    "MA315", "MA316", "MA317", "MA365", "MA368", "MA920", "MA922", NULL,
};

static gboolean is_error(const char *code)
{
    for (gsize i = 0; error_codes[i]; i++)
        if (strcmp(error_codes[i], code) == 0)
            return TRUE;
    return FALSE;
}

static void append_json_string(GString *s, const char *text)
{
    g_string_append_c(s, '"');
    for (const char *p = text; *p; p++) {
        if (*p == '"' || *p == '\\')
            g_string_append_c(s, '\\');
        if ((guchar)*p < 0x20)
            g_string_append_printf(s, "\\u%04x", (guchar)*p);
        else
            g_string_append_c(s, *p);
    }
    g_string_append_c(s, '"');
}

static void append_flow(GString *s, const gen_flow *f)
{
    g_string_append(s, "    {\"src\": ");
    append_json_string(s, f->src);
    g_string_append_printf(s, ", \"sport\": %u, \"dst\": ", f->sport);
    append_json_string(s, f->dst);
    g_string_append_printf(s, ", \"dport\": %u, \"kind\": \"%s\", \"packets\": %u", f->dport,
                           f->udp       ? "udp"
                           : f->rtcp    ? "rtcp"
                           : f->fec_dir ? "fec"
                           : f->raw_ts  ? "mpegts"
                                        : "rtp",
                           f->packets);
    if (f->role != NULL) /* only where it is not the camera's own: the other files stay */
        g_string_append_printf(s, ", \"role\": \"%s\"", f->role);
    if (f->rr_reports > 0) {
        /* jitter in ms at the media's clock, to 4 decimals as the CLI's JSON */
        double jitter_ms = f->rr_clock ? f->rr_jitter_last * 1000.0 / f->rr_clock : 0.0;
        char ms[G_ASCII_DTOSTR_BUF_SIZE];
        g_ascii_formatd(ms, sizeof ms, "%.4f", jitter_ms);
        char frac[G_ASCII_DTOSTR_BUF_SIZE];
        g_ascii_formatd(frac, sizeof frac, "%.4f", f->rr_fraction_lost_last / 256.0);
        g_string_append_printf(
            s,
            ", \"receiver_reports\": {\"reports\": %u, \"fraction_lost_last\": %s, "
            "\"cumulative_lost_last\": %d, \"jitter_last_ms\": %s}",
            f->rr_reports, frac, f->rr_cumulative_lost_last, ms);
    }
    if (f->channel >= 0) /* RTP over the RTSP connection: the TCP ports and this channel */
        g_string_append_printf(s, ", \"channel\": %d", f->channel);
    if (f->ts != NULL) {
        const gen_ts_truth *t = &f->ts_truth;
        g_string_append_printf(s,
                               ", \"mpegts\": {\"packets\": %u, \"cc_errors\": %u, "
                               "\"cc_lost\": %u, \"pat_sections\": %u, \"pmt_sections\": %u, "
                               "\"psi_interval_max_ms\": %.3f}",
                               t->packets, t->cc_errors, t->cc_lost, t->psi_sections,
                               t->psi_sections, t->psi_interval_max_ms);
    }
    if (f->fec_dir != NULL) {
        g_string_append_printf(s,
                               ", \"expected\": %u, \"lost\": %u, \"fec\": {\"direction\": \"%s\", "
                               "\"media_dport\": %u, \"offset\": %u, \"na\": %u}, \"ttl\": %u}",
                               f->expected, f->lost, f->fec_dir, f->fec_media_dport, f->fec_offset,
                               f->fec_na, f->ttl);
        return;
    }
    if (f->raw_ts)
        g_string_append_printf(s, ", \"ttl\": %u", f->ttl);
    else if (!f->rtcp && !f->udp)
        g_string_append_printf(s, ", \"expected\": %u, \"lost\": %u, \"duplicates\": %u, "
                                  "\"reordered\": %u, \"ssrc\": \"0x%08x\", \"payload_type\": %u, \"ttl\": %u",
                               f->expected, f->lost, f->duplicates, f->reordered, f->ssrc,
                               f->payload_type, f->ttl);
    g_string_append_c(s, '}');
}

gboolean gen_truth_write(const char *path, const gen_scenario *sc, guint32 seed, guint duration_s,
                         gen_capture *cap, GError **error)
{
    GString *s = g_string_new("{\n  \"capture\": ");
    char *file = g_strdup_printf("%s.pcap", sc->name);
    char *cmd = duration_s ? g_strdup_printf("mcast-gen --scenario %s --seed %u --duration %u", sc->name, seed,
                                             duration_s)
                           : g_strdup_printf("mcast-gen --scenario %s --seed %u", sc->name, seed);
    append_json_string(s, file);
    g_string_append(s, ",\n  \"description\": ");
    append_json_string(s, sc->description);
    g_string_append(s, ",\n  \"command\": ");
    append_json_string(s, cmd);
    const gen_counts *n = gen_capture_counts(cap);
    g_string_append_printf(s, ",\n  \"rtsp_messages\": %u,\n  \"membership_records\": %u,\n"
                              "  \"queries\": %u,\n  \"flows\": [",
                           n->rtsp_messages, n->membership_records, n->queries);
    GPtrArray *flows = gen_capture_flows(cap);
    for (guint i = 0; i < flows->len; i++) {
        g_string_append(s, i ? ",\n" : "\n");
        append_flow(s, g_ptr_array_index(flows, i));
    }
    g_string_append(s, flows->len ? "\n  ]," : "],");
    if (n->udp_other_flows > 0) /* only where there is some: the other truth files stay as they were */
        g_string_append_printf(s, "\n  \"unrelated_udp\": {\"flows\": %u, \"datagrams\": %u},",
                               n->udp_other_flows, n->udp_other_datagrams);
    g_string_append(s, "\n  \"verdicts\": [");
    int exit_code = 0;
    for (gsize i = 0; sc->verdicts[i]; i++) {
        g_string_append(s, i ? ", " : "");
        append_json_string(s, sc->verdicts[i]);
        if (is_error(sc->verdicts[i]))
            exit_code = 1;
    }
    g_string_append_printf(s, "],\n  \"exit_code\": %d\n}\n", exit_code);
    gboolean ok = g_file_set_contents(path, s->str, (gssize)s->len, error);
    g_string_free(s, TRUE);
    g_free(file);
    g_free(cmd);
    return ok;
}
