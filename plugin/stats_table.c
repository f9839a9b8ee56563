/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stats_table.c - the per-track statistics as a stat_tap_table, so that
 * Wireshark lists them under Statistics > Multicast Session Audit and
 * tshark prints them with `-z mcast_audit,table[,FILTER]`.
 *
 * Same rows, figures, verdict codes and result as the text table of
 * stats.c (both come from stats_rows.c).  Differences forced by the API:
 * - The framework has no draw-time callback for these tables, so rows are
 *   filled from the tap, and only once the correlator has judged the whole
 *   capture.  Wireshark's dialog retaps a file that is already read, so that
 *   always holds there; tshark needs -2 (taps run in its second pass).  In
 *   one pass the table stays empty and a hint goes to stderr.
 * - A display filter keeps the sessions with at least one tapped frame that
 *   matches it (all of a session's rows, judged on the whole capture).
 * - The figures are text cells, "-" when unknown (no RTP; no clock rate so
 *   no jitter), exactly as in the text table: tshark 4.0 stops printing a
 *   row at its first empty (TABLE_ITEM_NONE) cell, and "0" would claim a
 *   measurement that was not made.  The price: the dialog sorts those
 *   columns as text. */
#include "ma_plugin.h"

#include <stdio.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#define MA_TABLE_NAME "Multicast Session Audit"

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
    MA_NUM_COLS
};

/* Formats are printf formats: tshark and the Qt dialog both apply them. */
static stat_tap_table_item ma_table_fields[MA_NUM_COLS] = {
    {TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Session", "%u"},
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
};

/* Session ids already in the table (the tables of one stat_tap_table_ui
 * are shared by every dialog and -z of it, so this is too). */
static GHashTable *g_sessions_shown;

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
    if (g_sessions_shown)
        g_hash_table_remove_all(g_sessions_shown);
}

static void ma_table_init(stat_tap_table_ui *new_stat)
{
    stat_tap_table *table = stat_tap_find_table(new_stat, MA_TABLE_NAME);

    if (!g_sessions_shown)
        g_sessions_shown = g_hash_table_new(g_direct_hash, g_direct_equal);
    if (table) {
        if (new_stat->stat_tap_reset_table_cb)
            new_stat->stat_tap_reset_table_cb(table);
        return;
    }
    g_hash_table_remove_all(g_sessions_shown);
    table = stat_tap_init_table(MA_TABLE_NAME, MA_NUM_COLS, 0, NULL);
    stat_tap_add_table(new_stat, table);
}

static stat_tap_table_item_type ma_cell_str(const char *s)
{
    stat_tap_table_item_type it = { .type = TABLE_ITEM_STRING };
    it.value.string_value = g_strdup(s);
    return it;
}

static stat_tap_table_item_type ma_cell_uint(guint v)
{
    stat_tap_table_item_type it = { .type = TABLE_ITEM_UINT };
    it.value.uint_value = v;
    return it;
}

/* Appends one row (ma_stats_row_fn; user is the table). */
static void ma_table_add_row(const ma_stats_row *r, gpointer user)
{
    stat_tap_table *table = user;
    stat_tap_table_item_type items[MA_NUM_COLS];

    items[MA_COL_SESSION] = ma_cell_uint(r->session);
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

static void ma_table_hint_one_pass(void)
{
    static gboolean told;

    if (told)
        return;
    told = TRUE;
    g_printerr("mcast_audit,table: the verdicts need the whole capture first; "
                    "run tshark with -2 (two passes) to fill this table\n");
}

/* The sessions a tapped frame belongs to: its own events, and the
 * verdicts it proves. */
static tap_packet_status ma_table_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                         const void *data, tap_flags_t flags _U_)
{
    stat_data_t *sd = (stat_data_t *)tapdata;
    const ma_pframe *pf = (const ma_pframe *)data;
    gboolean added = FALSE;

    if (!ma_state_finished()) {
        ma_table_hint_one_pass();
        return TAP_PACKET_DONT_REDRAW;
    }
    if (!sd->stat_tap_data->tables || sd->stat_tap_data->tables->len == 0)
        return TAP_PACKET_DONT_REDRAW;
    stat_tap_table *table = g_array_index(sd->stat_tap_data->tables, stat_tap_table *, 0);
    for (guint i = 0; pf && i < pf->n_infos && i < MA_PFRAME_MAX_INFOS; i++) {
        if (pf->infos[i].session)
            added |= ma_table_add_session(table, pf->infos[i].session->id);
    }
    const GPtrArray *vs = ma_state_frame_verdicts(pinfo->num);
    for (guint i = 0; vs && i < vs->len; i++) {
        const ma_verdict *v = g_ptr_array_index(vs, i);
        added |= ma_table_add_session(table, v->session_id);
        added |= ma_table_add_group_sessions(table, &v->group);
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
