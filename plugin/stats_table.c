/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stats_table.c - the plugin's statistics as a stat_tap_table, so that
 * Wireshark lists them under Statistics > Multicast Session Audit and
 * tshark prints them with `-z mcast_audit,table[,FILTER]`.
 *
 * The rows of the text `-z mcast_audit` (all from stats_rows.c), in up to
 * three tables: "Multicast Session Audit" (a row per track or RTP flow of
 * each session, as stats.c), "Groups without an RTSP session" (the
 * group-centric audit, as stats_groups.c) and "Media flows without a
 * session" (as stats_flows.c); the last two only when the capture has such
 * a group or flow.  The framework gives every table of one stat_tap_table_ui
 * the same columns (the dialog shows each table as a branch under one
 * header), so the columns are the union: the session columns, then the
 * flow's (Flow, Kind, Source, Datagrams, Expected: filled on session rows
 * too) and the group's; a cell that is no figure of its row's kind is "-".
 * Differences forced by the API:
 * - The framework has no draw-time callback for these tables, so rows are
 *   filled from the tap, and only once the correlator has judged the whole
 *   capture.  Wireshark's dialog retaps a file that is already read, so that
 *   always holds there; tshark needs -2 (taps run in its second pass).  In
 *   one pass the tables stay empty and a hint goes to stderr.
 * - A display filter keeps the sessions, groups and flows with at least one
 *   tapped frame that matches it (all of a session's rows, judged on the
 *   whole capture).
 * - The cells are text, "-" when unknown (no RTP; no clock rate so no
 *   jitter) or not a figure of the row, exactly as in the text tables:
 *   tshark 4.0 stops printing a row at its first empty (TABLE_ITEM_NONE)
 *   cell, and "0" would claim a measurement that was not made.  The price:
 *   the dialog sorts those columns as text. */
#include "ma_plugin.h"

#include <stdio.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#define MA_TABLE_NAME "Multicast Session Audit"
#define MA_TABLE_GROUPS "Groups without an RTSP session"
#define MA_TABLE_FLOWS "Media flows without a session"

enum {
    MA_COL_SESSION,
    MA_COL_CLIENT,
    MA_COL_SERVER,
    MA_COL_GROUP,
    MA_COL_PACKETS,
    MA_COL_LOST,
    MA_COL_DUPS,
    MA_COL_REORD,
    MA_COL_JITTER,
    MA_COL_VERDICTS,
    MA_COL_RESULT,
    MA_COL_TS,
    MA_COL_FEC,
    MA_COL_FLOW,
    MA_COL_KIND,
    MA_COL_SOURCE,
    MA_COL_DATAGRAMS,
    MA_COL_EXPECTED,
    MA_COL_STATIC,
    MA_COL_MEMBERS,
    MA_COL_JOINS,
    MA_COL_LEAVES,
    MA_COL_FIRST_JOIN,
    MA_COL_ZAP,
    MA_COL_FIRST_MEDIA,
    MA_NUM_COLS
};

/* Formats are printf formats: tshark and the Qt dialog both apply them. */
static stat_tap_table_item ma_table_fields[MA_NUM_COLS] = {
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Session", "%s"}, /* "-" on group and flow rows */
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Client", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Server", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Group:Port", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Packets", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Lost", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Duplicates", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Reordered", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Jitter max (ms)", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Verdicts", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Result", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "MPEG-TS packets/CC errors/missing", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "FEC packets/lost", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Flow", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Kind", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Source", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Datagrams", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Expected", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Static", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Members", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Joins", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Leaves", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "First join", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Zap (ms)", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "First media", "%s"},
};

/* Session ids, groups and flow ids already in the tables (the tables of
 * one stat_tap_table_ui are shared by every dialog and -z of it, so these
 * are too); flow ids also once found to be no unbound media. */
static GHashTable *g_sessions_shown, *g_groups_shown, *g_flows_seen;

static gboolean ma_col_is_string(guint col)
{
    return col < MA_NUM_COLS && ma_table_fields[col].type == TABLE_ITEM_STRING;
}

/* The signature is Wireshark's stat_tap_table free callback. */
static void ma_table_free_item(stat_tap_table *table _U_, guint row _U_, guint column, // NOLINT(bugprone-easily-swappable-parameters)
                               stat_tap_table_item_type *field_data)
{
    /* Every string cell is ours (g_strdup); other cells own nothing. */
    if (ma_col_is_string(column) && field_data->type == TABLE_ITEM_STRING) {
        g_free((char *)field_data->value.string_value);
        field_data->value.string_value = NULL;
    }
}

/* Rows are rebuilt from the judged state by each retap: drop them all
 * (both callers clear their display right after, see the header). */
static void ma_table_reset(stat_tap_table *table)
{
    for (guint r = 0; r < table->num_elements; r++) {
        for (guint c = 0; c < table->num_fields; c++)
            ma_table_free_item(table, r, c, stat_tap_get_field_data(table, r, c));
        g_free(table->elements[r]);
    }
    g_free(table->elements);
    table->elements = NULL;
    table->num_elements = 0;
    if (g_sessions_shown) {
        g_hash_table_remove_all(g_sessions_shown);
        g_hash_table_remove_all(g_groups_shown);
        g_hash_table_remove_all(g_flows_seen);
    }
}

static void ma_table_init(stat_tap_table_ui *new_stat)
{
    if (!g_sessions_shown) {
        g_sessions_shown = g_hash_table_new(g_direct_hash, g_direct_equal);
        g_groups_shown = g_hash_table_new(g_direct_hash, g_direct_equal);
        g_flows_seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    }
    if (new_stat->tables && new_stat->tables->len > 0) {
        /* a retap: every table emptied (the group and flow tables stay, empty,
         * when this capture has none) */
        for (guint i = 0; i < new_stat->tables->len; i++)
            if (new_stat->stat_tap_reset_table_cb)
                new_stat->stat_tap_reset_table_cb(
                    g_array_index(new_stat->tables, stat_tap_table *, i));
        return;
    }
    g_hash_table_remove_all(g_sessions_shown);
    g_hash_table_remove_all(g_groups_shown);
    g_hash_table_remove_all(g_flows_seen);
    stat_tap_table *table = stat_tap_init_table(MA_TABLE_NAME, MA_NUM_COLS, 0, NULL);
    stat_tap_add_table(new_stat, table);
}

/* The table named name, added after the others when missing: the group and
 * flow tables exist only once the capture has a group or flow to show. */
static stat_tap_table *ma_table_named(stat_tap_table_ui *ui, const char *name)
{
    stat_tap_table *table = stat_tap_find_table(ui, name);
    if (table == NULL) {
        table = stat_tap_init_table(name, MA_NUM_COLS, 0, NULL);
        stat_tap_add_table(ui, table);
    }
    return table;
}

static stat_tap_table_item_type ma_cell_str(const char *s)
{
    stat_tap_table_item_type it = {.type = TABLE_ITEM_STRING};
    it.value.string_value = g_strdup(s);
    return it;
}

/* Appends one row (ma_stats_row_fn; user is the table). */
static void ma_table_add_row(const ma_stats_row *r, gpointer user)
{
    stat_tap_table *table = user;
    stat_tap_table_item_type items[MA_NUM_COLS];
    char session[16] = "-";

    if (r->session != 0)
        g_snprintf(session, sizeof session, "%u", r->session);
    items[MA_COL_SESSION] = ma_cell_str(session);
    items[MA_COL_CLIENT] = ma_cell_str(r->client);
    items[MA_COL_SERVER] = ma_cell_str(r->server);
    items[MA_COL_GROUP] = ma_cell_str(r->group_port);
    items[MA_COL_PACKETS] = ma_cell_str(r->packets);
    items[MA_COL_LOST] = ma_cell_str(r->lost);
    items[MA_COL_DUPS] = ma_cell_str(r->duplicates);
    items[MA_COL_REORD] = ma_cell_str(r->reordered);
    items[MA_COL_JITTER] = ma_cell_str(r->jitter_max_ms);
    items[MA_COL_VERDICTS] = ma_cell_str(r->codes);
    items[MA_COL_RESULT] = ma_cell_str(r->result);
    items[MA_COL_TS] = ma_cell_str(r->ts);
    items[MA_COL_FEC] = ma_cell_str(r->fec);
    items[MA_COL_FLOW] = ma_cell_str(r->flow);
    items[MA_COL_KIND] = ma_cell_str(r->kind);
    items[MA_COL_SOURCE] = ma_cell_str(r->source);
    items[MA_COL_DATAGRAMS] = ma_cell_str(r->datagrams);
    items[MA_COL_EXPECTED] = ma_cell_str(r->expected);
    items[MA_COL_STATIC] = ma_cell_str(r->is_static);
    items[MA_COL_MEMBERS] = ma_cell_str(r->members);
    items[MA_COL_JOINS] = ma_cell_str(r->joins);
    items[MA_COL_LEAVES] = ma_cell_str(r->leaves);
    items[MA_COL_FIRST_JOIN] = ma_cell_str(r->first_join);
    items[MA_COL_ZAP] = ma_cell_str(r->zap_ms);
    items[MA_COL_FIRST_MEDIA] = ma_cell_str(r->first_media);
    stat_tap_init_table_row(table, table->num_elements, MA_NUM_COLS, items);
}

/* Adds the rows of session id unless they are in already; TRUE if added. */
static gboolean ma_table_add_session(stat_tap_table *table, guint id)
{
    const GPtrArray *ss = ma_correlator_sessions(ma_state_correlator());

    if (id == 0 || g_hash_table_contains(g_sessions_shown, GUINT_TO_POINTER(id)))
        return FALSE;
    for (guint i = 0; ss && i < ss->len; i++) {
        const ma_session *s = g_ptr_array_index(ss, i);
        if (s->id == id) {
            g_hash_table_add(g_sessions_shown, GUINT_TO_POINTER(id));
            ma_stats_session_rows(s, ma_table_add_row, table);
            return TRUE;
        }
    }
    return FALSE;
}

/* A group-centric verdict (no session of its own): the sessions of its
 * group's media, as the text table lists every session. */
static gboolean ma_table_add_group_sessions(stat_tap_table *table, const ma_addr *group)
{
    const GPtrArray *gs = ma_correlator_groups(ma_state_correlator());
    gboolean added = FALSE;

    for (guint i = 0; ma_addr_is_set(group) && gs && i < gs->len; i++) {
        const ma_group *g = g_ptr_array_index(gs, i);
        if (!ma_addr_equal(&g->addr, group))
            continue;
        for (guint k = 0; k < g->sessions->len; k++)
            added |= ma_table_add_session(
                table, ((const ma_session *)g_ptr_array_index(g->sessions, k))->id);
    }
    return added;
}

/* Adds group g's row unless it is in already; TRUE if added. */
static gboolean ma_table_add_group(stat_tap_table_ui *ui, const ma_group *g)
{
    if (g == NULL || g_hash_table_contains(g_groups_shown, g))
        return FALSE;
    g_hash_table_add(g_groups_shown, (gpointer)g);
    ma_stats_group_row(g, ma_table_add_row, ma_table_named(ui, MA_TABLE_GROUPS));
    return TRUE;
}

/* The group whose address is a, or NULL. */
static const ma_group *ma_table_group_at(const ma_addr *a)
{
    const GPtrArray *gs = ma_correlator_groups(ma_state_correlator());
    for (guint i = 0; ma_addr_is_set(a) && gs && i < gs->len; i++)
        if (ma_addr_equal(&((const ma_group *)g_ptr_array_index(gs, i))->addr, a))
            return g_ptr_array_index(gs, i);
    return NULL;
}

typedef struct {
    stat_tap_table_ui *ui;
    gboolean added;
} ma_table_group_ctx;

static void ma_table_group_cb(const ma_group *g, const ma_addr *member _U_, gpointer user)
{
    ma_table_group_ctx *c = user;
    c->added |= ma_table_add_group(c->ui, g);
}

/* Adds the row of flow id when it is media tied to no session and not in
 * yet; TRUE if added.  Each id is looked up once (flows are a list). */
static gboolean ma_table_add_flow(stat_tap_table_ui *ui, guint id)
{
    if (id == 0 || g_hash_table_contains(g_flows_seen, GUINT_TO_POINTER(id)))
        return FALSE;
    g_hash_table_add(g_flows_seen, GUINT_TO_POINTER(id));
    const GPtrArray *fs = ma_correlator_flows(ma_state_correlator());
    for (guint i = 0; fs && i < fs->len; i++) {
        const ma_flow *f = g_ptr_array_index(fs, i);
        if (f->id != id)
            continue;
        if (!ma_stats_flow_is_unbound_media(f))
            return FALSE;
        ma_stats_flow_row(f, ma_table_add_row, ma_table_named(ui, MA_TABLE_FLOWS));
        return TRUE;
    }
    return FALSE;
}

/* The group and flow tables, in this order after the session table, when
 * the capture has such rows (decided once judged, so the order does not
 * depend on which frame comes first). */
static void ma_table_add_tables(stat_tap_table_ui *ui)
{
    const GPtrArray *gs = ma_correlator_groups(ma_state_correlator());
    if (gs && gs->len > 0)
        ma_table_named(ui, MA_TABLE_GROUPS);
    const GPtrArray *fs = ma_correlator_flows(ma_state_correlator());
    for (guint i = 0; fs && i < fs->len; i++) {
        if (ma_stats_flow_is_unbound_media(g_ptr_array_index(fs, i))) {
            ma_table_named(ui, MA_TABLE_FLOWS);
            return;
        }
    }
}

static void ma_table_hint_one_pass(void)
{
    static gboolean told;

    if (told)
        return;
    told = TRUE;
    g_printerr("mcast_audit,table: the verdicts need the whole capture first; "
                    "run tshark with -2 (two passes) to fill this table\n");
}

/* The sessions, groups and flows a tapped frame belongs to: its own events
 * and flows, the groups it is about, and the verdicts it proves. */
static tap_packet_status ma_table_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                         const void *data, tap_flags_t flags _U_)
{
    stat_data_t *sd = (stat_data_t *)tapdata;
    stat_tap_table_ui *ui = sd->stat_tap_data;
    const ma_pframe *pf = (const ma_pframe *)data;
    gboolean added = FALSE;

    if (!ma_state_finished()) {
        ma_table_hint_one_pass();
        return TAP_PACKET_DONT_REDRAW;
    }
    if (!ui->tables || ui->tables->len == 0)
        return TAP_PACKET_DONT_REDRAW;
    stat_tap_table *table = g_array_index(ui->tables, stat_tap_table *, 0);
    ma_table_add_tables(ui);
    for (guint i = 0; pf && i < pf->n_infos && i < MA_PFRAME_MAX_INFOS; i++) {
        if (pf->infos[i].session)
            added |= ma_table_add_session(table, pf->infos[i].session->id);
        added |= ma_table_add_flow(ui, pf->flow_ids[i]);
    }
    ma_table_group_ctx gc = {ui, FALSE};
    ma_frame_groups(pinfo, pf, ma_table_group_cb, &gc);
    added |= gc.added;
    const GPtrArray *vs = ma_state_frame_verdicts(pinfo->num);
    for (guint i = 0; vs && i < vs->len; i++) {
        const ma_verdict *v = g_ptr_array_index(vs, i);
        added |= ma_table_add_session(table, v->session_id);
        added |= ma_table_add_group_sessions(table, &v->group);
        added |= ma_table_add_group(ui, ma_table_group_at(&v->group));
        added |= ma_table_add_flow(ui, v->flow_id);
    }
    return added ? TAP_PACKET_REDRAW : TAP_PACKET_DONT_REDRAW;
}

static tap_param ma_table_params[] = {
    { PARAM_FILTER, "filter", "Filter", NULL, TRUE },
};

static stat_tap_table_ui ma_table_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, /* Wireshark: bottom of the Statistics menu */
    MA_TABLE_NAME,
    "mcast_audit", /* the tap proto.c queues every annotated frame to */
    "mcast_audit,table",
    ma_table_init,
    ma_table_packet,
    ma_table_reset,
    ma_table_free_item,
    NULL,
    G_N_ELEMENTS(ma_table_fields),
    ma_table_fields,
    G_N_ELEMENTS(ma_table_params),
    ma_table_params,
    NULL,
    0,
};

void ma_stats_table_register(void)
{
    register_stat_tap_table_ui(&ma_table_ui);
}
