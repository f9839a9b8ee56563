/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stats.c - `tshark -q -z mcast_audit`: one row per track, the same
 * figures and verdict codes as the CLI summary.
 *
 * Fixed columns separated by blanks, no blank inside a cell ("-" when
 * unknown), so tests can split rows with awk.  The table is drawn from the
 * correlator after the whole capture was read, judging it first if no
 * second pass did. */
#include "ma_plugin.h"
#include "ws_compat.h"

#include <stdio.h>
#include <string.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

typedef struct {
    guint frames; /* frames the plugin annotated, for the footer */
} ma_stats;

static tap_packet_status ma_stats_packet(void *tapdata, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                         const void *data _U_, tap_flags_t flags _U_)
{
    ((ma_stats *)tapdata)->frames++;
    return TAP_PACKET_DONT_REDRAW;
}

static void ma_stats_reset(void *tapdata)
{
    ((ma_stats *)tapdata)->frames = 0;
}

#define MA_ROW_FMT "%-7s %-15s %-15s %-27s %8s %6s %5s %6s %10s %-24s %-6s %-14s %s\n"

/* Prints one row; every cell is one word ("-" when unknown). */
static void ma_stats_print_row(const ma_stats_row *r, gpointer user _U_)
{
    char id[16];

    g_snprintf(id, sizeof id, "%u", r->session);
    printf(MA_ROW_FMT, id, r->client, r->server, r->group_port, r->packets, r->lost, r->duplicates,
           r->reordered, r->jitter_max_ms, r->codes, r->result, r->ts, r->fec);
}

/* Every verdict code of the capture, once each, in catalogue order of
 * appearance; includes verdicts tied to no session. */
static void ma_stats_all_codes(const ma_correlator *c)
{
    const GPtrArray *vs = ma_correlator_verdicts(c);
    GString *codes = g_string_new("");

    for (guint i = 0; vs && i < vs->len; i++) {
        const ma_verdict *v = g_ptr_array_index(vs, i);
        if (strstr(codes->str, v->def->code))
            continue;
        g_string_append_printf(codes, "%s%s", codes->len ? "," : "", v->def->code);
    }
    printf("Verdicts: %s\n", codes->len ? codes->str : "-");
    g_string_free(codes, TRUE);
}

static void ma_stats_draw(void *tapdata _U_)
{
    ma_state_finish();
    const GPtrArray *ss = ma_correlator_sessions(ma_state_correlator());
    ma_correlator *c = ma_state_correlator();

    printf("\n==================================================================================="
           "=================================================\n");
    printf("Multicast Session Audit (mcast-audit %s)\n", MA_VERSION);
    printf(MA_ROW_FMT, "Session", "Client", "Server", "Group:Port", "Packets", "Lost", "Dup",
           "Reord", "JitterMax", "Verdicts", "Result", "TS:pkt/cc/lost", "FEC:pkt/lost");
    for (guint i = 0; ss && i < ss->len; i++)
        ma_stats_session_rows(g_ptr_array_index(ss, i), ma_stats_print_row, NULL);
    ma_stats_all_codes(c);
    printf("Result: %s\n", ma_state_result_name(ma_correlator_worst_severity(c)));
    ma_stats_print_groups();
    ma_stats_print_flows();
    printf("==================================================================================="
           "=================================================\n");
}

static ma_tap_init_result ma_stats_init(const char *opt_arg _U_, void *userdata _U_)
{
    ma_stats *st = g_new0(ma_stats, 1);
    /* No filter: verdicts are about the whole capture, not a subset. */
    GString *err = register_tap_listener("mcast_audit", st, NULL, TL_REQUIRES_NOTHING, ma_stats_reset,
                                         ma_stats_packet, ma_stats_draw, NULL);
    if (err) {
        g_printerr("tshark: could not register the mcast_audit tap: %s\n", err->str);
        g_string_free(err, TRUE);
        g_free(st);
        MA_TAP_INIT_RETURN(false);
    }
    MA_TAP_INIT_RETURN(true);
}

static stat_tap_ui ma_stat_ui = {
    .group = REGISTER_STAT_GROUP_GENERIC,
    .title = "Multicast Session Audit",
    .cli_string = "mcast_audit",
    .tap_init_cb = ma_stats_init,
    .nparams = 0,
    .params = NULL,
};

void ma_stats_register(void)
{
    register_stat_tap_ui(&ma_stat_ui, NULL);
    ma_stats_table_register();
}
