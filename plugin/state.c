/* SPDX-License-Identifier: GPL-2.0-or-later */
/* state.c - the one correlator of the open capture file.
 *
 * Built by the init routine (new file, or redissection after a preference
 * change) and freed by the cleanup routine; the per-frame answers stored in
 * file scope point into it, so both live exactly as long as the file. */
#include "ma_plugin.h"

static ma_correlator *g_corr;
static gboolean g_finished;
static gboolean g_have_time;
static gint64 g_last_ns;
static GHashTable *g_frame_verdicts; /* frame -> GPtrArray of ma_verdict* (not owned) */

void ma_state_init(void)
{
    ma_thresholds th;

    ma_state_cleanup();
    ma_prefs_thresholds(&th);
    g_corr = ma_correlator_new(&th);
}

void ma_state_cleanup(void)
{
    if (g_frame_verdicts)
        g_hash_table_destroy(g_frame_verdicts);
    g_frame_verdicts = NULL;
    if (g_corr)
        ma_correlator_free(g_corr);
    g_corr = NULL;
    g_finished = FALSE;
    g_have_time = FALSE;
    g_last_ns = 0;
}

ma_correlator *ma_state_correlator(void)
{
    if (!g_corr)
        ma_state_init();
    return g_corr;
}

void ma_state_note_time(gint64 ts_ns)
{
    if (!g_have_time || ts_ns > g_last_ns)
        g_last_ns = ts_ns;
    g_have_time = TRUE;
}

gboolean ma_state_finished(void)
{
    return g_finished;
}

/* Index the verdicts by the frames that prove them, for the tree. */
static void ma_state_index_verdicts(void)
{
    const GPtrArray *vs = ma_correlator_verdicts(g_corr);

    g_frame_verdicts = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                             (GDestroyNotify)g_ptr_array_unref);
    for (guint i = 0; vs && i < vs->len; i++) {
        ma_verdict *v = g_ptr_array_index(vs, i);
        for (guint k = 0; v->frames && k < v->frames->len; k++) {
            guint32 f = g_array_index(v->frames, uint32_t, k);
            GPtrArray *list = g_hash_table_lookup(g_frame_verdicts, GUINT_TO_POINTER(f));
            if (!list) {
                list = g_ptr_array_new();
                g_hash_table_insert(g_frame_verdicts, GUINT_TO_POINTER(f), list);
            }
            /* A verdict naming one frame twice is shown once. */
            if (list->len == 0 || g_ptr_array_index(list, list->len - 1) != v)
                g_ptr_array_add(list, v);
        }
    }
}

gboolean ma_state_finish(void)
{
    if (g_finished)
        return TRUE;
    ma_correlator *c = ma_state_correlator();
    ma_correlator_finish(c, g_have_time ? g_last_ns : ma_correlator_end_ns(c));
    g_finished = TRUE;
    ma_state_index_verdicts();
    return TRUE;
}

const GPtrArray *ma_state_frame_verdicts(guint32 frame)
{
    if (!g_finished || !g_frame_verdicts)
        return NULL;
    return g_hash_table_lookup(g_frame_verdicts, GUINT_TO_POINTER(frame));
}

static gboolean ma_verdict_in(const ma_verdict *v, const ma_session *s, int track)
{
    if (v->session_id != s->id)
        return FALSE;
    /* Session-wide verdicts (no track) belong to every track's row. */
    return track < 0 || !v->has_track || v->track_index == (guint)track;
}

int ma_state_worst(const ma_session *s, int track)
{
    int worst = -1;

    for (guint i = 0; s->verdicts && i < s->verdicts->len; i++) {
        const ma_verdict *v = g_ptr_array_index(s->verdicts, i);
        if (ma_verdict_in(v, s, track) && (int)v->def->severity > worst)
            worst = (int)v->def->severity;
    }
    return worst;
}

char *ma_state_codes(wmem_allocator_t *scope, const ma_session *s, int track)
{
    wmem_strbuf_t *b = wmem_strbuf_new(scope, "");

    for (guint i = 0; s->verdicts && i < s->verdicts->len; i++) {
        const ma_verdict *v = g_ptr_array_index(s->verdicts, i);
        if (!ma_verdict_in(v, s, track))
            continue;
        /* One code once even when it applies to several flows. */
        const char *have = wmem_strbuf_get_str(b);
        if (strstr(have, v->def->code))
            continue;
        if (wmem_strbuf_get_len(b) > 0)
            wmem_strbuf_append_c(b, ',');
        wmem_strbuf_append(b, v->def->code);
    }
    return wmem_strbuf_finalize(b);
}

const char *ma_state_result_name(int worst_severity)
{
    ma_thresholds th;

    ma_prefs_thresholds(&th);
    return ma_result_name(ma_result_decide(worst_severity, th.fail_on));
}
