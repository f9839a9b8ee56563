/* SPDX-License-Identifier: GPL-2.0-or-later */
/* frames.c - the core's answer per frame, kept for the file's life.
 *
 * Every RTP/UDP frame of the first pass has one (its flow's running
 * figures), and later dissections read it back: on a capture of millions
 * of frames this table is most of the plugin's memory.  A whole ma_pframe
 * (four ma_frame_info slots, ~440 bytes) per frame in wmem file scope with
 * p_add_proto_data's list node on top cost ~480 bytes a frame; almost every
 * frame holds one media event without MPEG-TS figures, join latency or
 * error, which a 32-byte record holds exactly: its session is its track's,
 * its running counts fit 32 bits, and its time since the PLAY reply is not
 * stored but recomputed from the frame's own time and the session's PLAY
 * reply time as of that frame (kept per session below, a few entries), with
 * the core's own rule (ma_ms_between), and put checks that the recomputed
 * double is the one the core gave.  (At 40 bytes, with the time since PLAY
 * stored, the table cost 11 % of tshark's peak memory on a 1 GB capture,
 * past the 10 % the plugin may add.)  Records are appended in frame order
 * (the first pass is sequential) to fixed-size chunks, so the table grows
 * without reallocating, and found by binary search.  A frame the record
 * cannot hold (an error, TS figures, a join latency, a flow id past 2^24, a
 * session that is not its track's, a count past 32 bits, a time since PLAY
 * that does not recompute, a frame out of order) keeps its whole ma_pframe
 * in a hash table.  (Without wanted fields this table is the plugin's whole
 * per-packet memory in Wireshark.) */
#include "ma_plugin.h"

#include <string.h>

#define MA_FRAMES_CHUNK 4096u
#define MA_REC_ROLE_MASK 0x3Fu
#define MA_REC_SINCE_PLAY 0x40u
#define MA_REC_LAST 0x80u
#define MA_REC_MAX_FLOW_ID 0xFFFFFFu

/* One event of a frame: flow_role holds the frame role (bits 0-5), "a
 * time since the PLAY reply" (bit 6: recomputed, see above; without it the
 * time is unknown, -1), "the frame's last record" (bit 7) and the flow id
 * (bits 8-31). */
typedef struct {
    guint32 frame;
    guint32 flow_role;
    ma_track *track; /* the session is the track's (none without a track) */
    guint32 packets;
    gint32 lost;
    double jitter_ms;
} ma_frame_rec;
G_STATIC_ASSERT(sizeof(ma_frame_rec) <= 32); /* 32 with 64-bit pointers */

/* A session's PLAY reply time as the core had it from a frame on: it
 * changes when a failed PLAY is followed by a successful one. */
typedef struct {
    guint32 from_frame;
    gint64 play_reply_ns;
} ma_play_ref;

static GPtrArray *g_chunks; /* ma_frame_rec[MA_FRAMES_CHUNK] each */
static guint g_n_recs;
static guint32 g_last_frame; /* of the last record (frames are increasing) */
static GHashTable *g_whole;  /* frame -> ma_pframe* (g_malloc) */
/* A session's ma_play_refs, from_frame increasing; at index id - 1 (the
 * core numbers sessions 1, 2, ... in capture order), which costs an array
 * index per record where a hash table cost ~150 instructions a packet. */
typedef struct {
    const ma_session *session;
    GArray *refs;
} ma_play_slot;
static GArray *g_plays; /* ma_play_slot */

void ma_frames_clear(void)
{
    if (g_chunks)
        g_ptr_array_free(g_chunks, TRUE);
    g_chunks = NULL;
    if (g_whole)
        g_hash_table_destroy(g_whole);
    g_whole = NULL;
    for (guint i = 0; g_plays && i < g_plays->len; i++) {
        GArray *refs = g_array_index(g_plays, ma_play_slot, i).refs;
        if (refs)
            g_array_unref(refs);
    }
    if (g_plays)
        g_array_unref(g_plays);
    g_plays = NULL;
    g_n_recs = 0;
    g_last_frame = 0;
}

static ma_frame_rec *ma_rec_at(guint i)
{
    ma_frame_rec *chunk = g_ptr_array_index(g_chunks, i / MA_FRAMES_CHUNK);
    return &chunk[i % MA_FRAMES_CHUNK];
}

/* The figures the record keeps (an FEC frame's are its stream's). */
static guint64 ma_info_packets(const ma_frame_info *fi)
{
    return fi->role == MA_ROLE_FEC ? fi->fec_packets : fi->packets;
}

static gint64 ma_info_lost(const ma_frame_info *fi)
{
    return fi->role == MA_ROLE_FEC ? fi->fec_lost : fi->lost;
}

/* "Unknown", as ma_frame_info_reset leaves it: what a record without the
 * since-PLAY bit gives back, so only exactly that value goes without it. */
static gboolean ma_since_play_unknown(double ms)
{
    static double unknown;
    static gboolean known;
    if (!known) {
        ma_frame_info fi;
        ma_frame_info_reset(&fi);
        unknown = fi.since_play_ms;
        known = TRUE;
    }
    return ms == unknown;
}

/* Whether s may use the slot at its id: free, or already its own (another
 * session under the same id, which the core's numbering rules out, keeps
 * its frames whole). */
static gboolean ma_play_slot_usable(const ma_session *s)
{
    if (s->id == 0)
        return FALSE;
    if (!g_plays || s->id > g_plays->len)
        return TRUE;
    const ma_session *owner = g_array_index(g_plays, ma_play_slot, s->id - 1).session;
    return owner == NULL || owner == s;
}

/* The session's slot (ma_play_slot_usable), made when grow; NULL when it
 * has none and grow is FALSE. */
static ma_play_slot *ma_play_slot_of(const ma_session *s, gboolean grow)
{
    if (!ma_play_slot_usable(s))
        return NULL;
    guint i = s->id - 1;
    if (!g_plays || i >= g_plays->len) {
        if (!grow)
            return NULL;
        if (!g_plays)
            g_plays = g_array_new(FALSE, TRUE, sizeof(ma_play_slot));
        g_array_set_size(g_plays, i + 1); /* cleared: no session, no refs */
    }
    return &g_array_index(g_plays, ma_play_slot, i);
}

/* The time since PLAY the record gives back for a frame at ts_ns: the
 * session's PLAY reply time as the core has it now (the first pass). */
static gboolean ma_since_play_recomputes(const ma_frame_info *fi, gint64 ts_ns)
{
    const ma_session *s = fi->track != NULL ? fi->track->session : NULL;
    /* the same rule on the same integers: the same double */
    return s != NULL && s->play_reply_frame != 0 && ma_play_slot_usable(s) &&
           ma_ms_between(s->play_reply_ns, ts_ns) == fi->since_play_ms;
}

static gboolean ma_info_fits(const ma_frame_info *fi, guint flow_id, gint64 ts_ns)
{
    const ma_session *own = fi->track != NULL ? fi->track->session : NULL;
    gint64 lost = ma_info_lost(fi);

    return !fi->ts && fi->join_latency_ms < 0 && flow_id <= MA_REC_MAX_FLOW_ID &&
           (guint)fi->role <= MA_REC_ROLE_MASK && fi->session == own &&
           ma_info_packets(fi) <= G_MAXUINT32 && lost >= G_MININT32 && lost <= G_MAXINT32 &&
           (ma_since_play_unknown(fi->since_play_ms) || ma_since_play_recomputes(fi, ts_ns));
}

static gboolean ma_frame_fits(guint32 frame, gint64 ts_ns, const ma_pframe *pf)
{
    if (pf->error != NULL || pf->n_infos == 0 || pf->n_infos > MA_PFRAME_MAX_INFOS ||
        frame <= g_last_frame)
        return FALSE;
    for (guint i = 0; i < pf->n_infos; i++)
        if (!ma_info_fits(&pf->infos[i], pf->flow_ids[i], ts_ns))
            return FALSE;
    return TRUE;
}

/* Note the session's PLAY reply time as of frame, if it changed
 * (ma_since_play_recomputes: the slot is usable). */
static void ma_play_note(const ma_session *s, guint32 frame)
{
    ma_play_slot *slot = ma_play_slot_of(s, TRUE);
    if (!slot->refs) {
        slot->session = s;
        slot->refs = g_array_new(FALSE, FALSE, sizeof(ma_play_ref));
    }
    GArray *refs = slot->refs;
    if (refs->len > 0 &&
        g_array_index(refs, ma_play_ref, refs->len - 1).play_reply_ns == s->play_reply_ns)
        return;
    ma_play_ref ref = {frame, s->play_reply_ns};
    g_array_append_val(refs, ref);
}

/* The session's PLAY reply time when the core placed frame: the last one
 * noted at or before it (put noted one for every record with the bit). */
static gint64 ma_play_at(const ma_session *s, guint32 frame)
{
    const ma_play_slot *slot = ma_play_slot_of(s, FALSE);
    const GArray *refs = slot != NULL ? slot->refs : NULL;
    guint lo = 0, hi = refs != NULL ? refs->len : 0;

    while (lo < hi) { /* the first from_frame past frame */
        guint mid = lo + (hi - lo) / 2;
        if (g_array_index(refs, ma_play_ref, mid).from_frame <= frame)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* lo > 0 whenever the record has the bit */
    return lo > 0 ? g_array_index(refs, ma_play_ref, lo - 1).play_reply_ns : s->play_reply_ns;
}

static ma_frame_rec *ma_rec_append(void)
{
    if (!g_chunks)
        g_chunks = g_ptr_array_new_with_free_func(g_free);
    if (g_n_recs / MA_FRAMES_CHUNK >= g_chunks->len)
        g_ptr_array_add(g_chunks, g_new(ma_frame_rec, MA_FRAMES_CHUNK));
    return ma_rec_at(g_n_recs++);
}

void ma_frames_put(guint32 frame, gint64 ts_ns, const ma_pframe *pf)
{
    if (!ma_frame_fits(frame, ts_ns, pf)) {
        if (!g_whole)
            g_whole = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
        g_hash_table_insert(g_whole, GUINT_TO_POINTER(frame), g_memdup2(pf, sizeof *pf));
        return;
    }
    for (guint i = 0; i < pf->n_infos; i++) {
        const ma_frame_info *fi = &pf->infos[i];
        gboolean since_play = !ma_since_play_unknown(fi->since_play_ms);
        ma_frame_rec *r = ma_rec_append();
        r->frame = frame;
        r->flow_role = (pf->flow_ids[i] << 8) | (guint32)fi->role |
                       (since_play ? MA_REC_SINCE_PLAY : 0u) |
                       (i + 1 == pf->n_infos ? MA_REC_LAST : 0u);
        r->track = fi->track;
        /* ma_info_fits: both fit 32 bits */
        r->packets = (guint32)ma_info_packets(fi);
        r->lost = (gint32)ma_info_lost(fi);
        r->jitter_ms = fi->jitter_ms;
        if (since_play) /* ma_info_fits: the track's session recomputes it */
            ma_play_note(fi->track->session, frame);
    }
    g_last_frame = frame;
}

/* The first record of frame, or g_n_recs when it has none. */
static guint ma_rec_find(guint32 frame)
{
    guint lo = 0, hi = g_n_recs;

    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (ma_rec_at(mid)->frame < frame)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < g_n_recs && ma_rec_at(lo)->frame == frame ? lo : g_n_recs;
}

gboolean ma_frames_get(guint32 frame, gint64 ts_ns, ma_pframe *out)
{
    const ma_pframe *whole = g_whole ? g_hash_table_lookup(g_whole, GUINT_TO_POINTER(frame)) : NULL;

    if (whole) {
        *out = *whole;
        return TRUE;
    }
    guint i = ma_rec_find(frame);
    if (i == g_n_recs)
        return FALSE;
    memset(out, 0, sizeof *out);
    for (; i < g_n_recs && out->n_infos < MA_PFRAME_MAX_INFOS; i++) {
        const ma_frame_rec *r = ma_rec_at(i);
        ma_frame_info *fi = &out->infos[out->n_infos];
        ma_frame_info_reset(fi);
        fi->role = (ma_frame_role)(r->flow_role & MA_REC_ROLE_MASK);
        fi->track = r->track;
        fi->session = r->track != NULL ? r->track->session : NULL;
        if (fi->role == MA_ROLE_FEC) {
            fi->fec_packets = r->packets;
            fi->fec_lost = r->lost;
        } else {
            fi->packets = r->packets;
            fi->lost = r->lost;
        }
        fi->jitter_ms = r->jitter_ms;
        if (r->flow_role & MA_REC_SINCE_PLAY)
            fi->since_play_ms = ma_ms_between(ma_play_at(fi->session, frame), ts_ns);
        out->flow_ids[out->n_infos++] = r->flow_role >> 8;
        if (r->flow_role & MA_REC_LAST)
            break;
    }
    return TRUE;
}

ma_frames_count ma_frames_usage(void)
{
    return (ma_frames_count){g_n_recs, g_whole ? g_hash_table_size(g_whole) : 0};
}
