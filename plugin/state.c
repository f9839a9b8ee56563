/* SPDX-License-Identifier: GPL-2.0-or-later */
/* state.c - the one correlator of the open capture file.
 *
 * Built by the init routine (new file, or redissection after a preference
 * change) and freed by the cleanup routine with the per-frame answers
 * (frames.c) that point into it, so both live exactly as long as the file.
 *
 * Final or provisional.  Wireshark runs the postseq routines once its first,
 * sequential pass is over: after reading a file (the GUI, tshark -2) and
 * when a live capture stops (cf_finish_tail), never while frames still
 * come (a live capture, tshark in one pass).  Until then a judgement is the
 * probe's provisional one (correlator_live.h), made again as frames arrive.
 * A redissection (a preference changed) runs the first pass again without
 * the routines; it re-reads frames already read, so a file read to its end
 * is recognised by its first frame's time and its frame count, which outlive
 * the cleanup routine. */
#include "ma_plugin.h"

#include "correlator_live.h"

static ma_correlator *g_corr;
static gboolean g_finished;
static gboolean g_have_time;
static gint64 g_last_ns;
static GHashTable *g_frame_verdicts; /* frame -> GPtrArray of ma_verdict* (not owned) */
static guint32 g_fed;                /* highest frame of the first pass so far */
static gint64 g_first_ns;            /* frame 1's time */
static gboolean g_sequence_done;     /* the postseq routine ran for this dissection */
static guint32 g_judged_frame;       /* provisional judgement made after this frame (0: none) */
static gint64 g_judged_ns;
static struct {
    gboolean valid;
    gint64 first_ns;
    guint32 frames;
} g_read_to_end; /* the file the last postseq routine saw; survives the cleanup routine */

void ma_state_init(void)
{
    ma_thresholds th;

    ma_state_cleanup();
    ma_prefs_thresholds(&th);
    g_corr = ma_correlator_new(&th);
    ma_prefs_describe(g_corr);
    ma_feed_init();
}

void ma_state_cleanup(void)
{
    ma_feed_cleanup();
    ma_frames_clear();
    if (g_frame_verdicts)
        g_hash_table_destroy(g_frame_verdicts);
    g_frame_verdicts = NULL;
    if (g_corr)
        ma_correlator_free(g_corr);
    g_corr = NULL;
    g_finished = FALSE;
    g_have_time = FALSE;
    g_last_ns = 0;
    g_fed = 0;
    g_first_ns = 0;
    g_sequence_done = FALSE;
    g_judged_frame = 0;
    g_judged_ns = 0;
}

ma_correlator *ma_state_correlator(void)
{
    if (!g_corr)
        ma_state_init();
    return g_corr;
}

void ma_state_note_frame(guint32 num, gint64 ts_ns)
{
    if (!g_have_time || ts_ns > g_last_ns)
        g_last_ns = ts_ns;
    g_have_time = TRUE;
    if (num == 1) {
        g_first_ns = ts_ns;
        if (g_read_to_end.valid && g_read_to_end.first_ns != ts_ns)
            g_read_to_end.valid = FALSE; /* another capture */
    }
    if (num > g_fed)
        g_fed = num;
}

void ma_state_sequence_done(void)
{
    if (g_corr != NULL)
        ma_feed_end();
    g_sequence_done = TRUE;
    g_read_to_end.valid = g_fed > 0;
    g_read_to_end.first_ns = g_first_ns;
    g_read_to_end.frames = g_fed;
}

gboolean ma_state_sequence_complete(void)
{
    if (g_sequence_done)
        return TRUE;
    /* a redissection of a file read to its end, once it has re-read it all */
    return g_read_to_end.valid && g_fed > 0 && g_first_ns == g_read_to_end.first_ns &&
           g_fed >= g_read_to_end.frames;
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
    ma_feed_events_to_correlator(c);
    ma_correlator_finish(c, g_have_time ? g_last_ns : ma_correlator_end_ns(c));
    g_finished = TRUE;
    if (g_frame_verdicts)
        g_hash_table_destroy(g_frame_verdicts);
    ma_state_index_verdicts();
    return TRUE;
}

void ma_state_judge_provisional(void)
{
    if (g_finished || g_fed == 0 || g_judged_frame == g_fed)
        return;
    /* as often as the probe judges: once per second of capture time */
    if (g_judged_frame != 0 && g_last_ns - g_judged_ns < MA_NS_PER_S)
        return;
    ma_feed_events_to_correlator(ma_state_correlator());
    ma_correlator_judge_now(ma_state_correlator(), g_last_ns);
    g_judged_frame = g_fed;
    g_judged_ns = g_last_ns;
    if (g_frame_verdicts) /* the verdicts it pointed to are gone */
        g_hash_table_destroy(g_frame_verdicts);
    ma_state_index_verdicts();
}

gboolean ma_state_judged(void)
{
    return g_finished || g_judged_frame != 0;
}

guint32 ma_state_judged_frame(void)
{
    return g_finished ? 0 : g_judged_frame;
}

const GPtrArray *ma_state_frame_verdicts(guint32 frame)
{
    if (!ma_state_judged() || !g_frame_verdicts)
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
