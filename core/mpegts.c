/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mpegts.c - MPEG-2 TS continuity, sync and PSI timing (mpegts.h says what
 * each figure means and which TR 101 290 check it is).  Every read is within
 * one 188-byte packet whose bytes were counted first; a section or adaptation
 * field whose length runs past its packet is read only as far as the packet
 * goes (PAT entries) or not at all. */
#include "mpegts.h"

#include "bigendian.h"

#define SYNC_ACQUIRE 5u /* TR 101 290 1.1: sync after 5 good sync bytes in a row */
#define SYNC_LOSE 2u    /* lost after 2 or more bad ones in a row */
#define TABLE_PAT 0x00u
#define TABLE_PMT 0x02u
#define PID_PAT 0x0000u
#define AF_DISCONTINUITY 0x80u
#define PSI_HEADER 8u /* table_id .. last_section_number */
#define PSI_CRC 4u
#define PAT_ENTRY 4u

typedef struct {
    int last_cc;   /* -1: none yet */
    guint repeats; /* of last_cc in a row */
} pid_state;

typedef struct {
    guint pid;
    gint64 last_ns; /* last section start, or when the PAT named it */
} pmt_state;

/* One packet's header as far as the checks need it, and where it arrived. */
typedef struct {
    guint pid;
    unsigned cc;
    gboolean discontinuity;
    uint32_t frame;
    gint64 ns;
} ts_at;

struct ma_ts_stats {
    ma_ts_summary sum;
    GHashTable *pids; /* GUINT_TO_POINTER(pid + 1) -> pid_state* (owned) */
    guint good_run, bad_run;
    gboolean in_sync;
    gint64 last_pat_ns;
    gboolean started;
    pmt_state pmt[MA_TS_MAX_PMT];
    guint n_pmt;
    guint last_lost;
};

ma_ts_stats *ma_ts_stats_new(void)
{
    ma_ts_stats *s = g_new0(ma_ts_stats, 1);
    s->pids = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    return s;
}

void ma_ts_stats_free(ma_ts_stats *s)
{
    if (s == NULL)
        return;
    g_hash_table_destroy(s->pids);
    g_free(s);
}

gboolean ma_ts_looks_like(const uint8_t *data, gsize len)
{
    if (data == NULL || len < MA_TS_PACKET || len % MA_TS_PACKET != 0)
        return FALSE;
    for (gsize off = 0; off < len; off += MA_TS_PACKET)
        if (data[off] != MA_TS_SYNC)
            return FALSE;
    return TRUE;
}

static double ms_between(gint64 from_ns, gint64 to_ns)
{
    return to_ns > from_ns ? (double)(to_ns - from_ns) / 1e6 : 0.0;
}

/* One PSI interval closed at now (a section arrived, or the stream ended):
 * the longest so far, and an error when it exceeds 0.5 s. */
static gboolean psi_interval(double ms, double *max_ms)
{
    if (ms > *max_ms)
        *max_ms = ms;
    return ms > MA_TS_PSI_INTERVAL_MS;
}

static void pat_error(ma_ts_stats *s, uint32_t frame)
{
    s->sum.pat_errors++;
    if (s->sum.pat_error_frame == 0)
        s->sum.pat_error_frame = frame;
}

static void pmt_error(ma_ts_stats *s, const ts_at *at)
{
    s->sum.pmt_errors++;
    if (s->sum.pmt_error_frame == 0) {
        s->sum.pmt_error_frame = at->frame;
        s->sum.pmt_error_pid = at->pid;
    }
}

static pmt_state *pmt_find(ma_ts_stats *s, guint pid)
{
    for (guint i = 0; i < s->n_pmt; i++)
        if (s->pmt[i].pid == pid)
            return &s->pmt[i];
    return NULL;
}

/* The program_map_PIDs of a PAT section starting at sec (end: the packet's end). */
static void read_pat(ma_ts_stats *s, const uint8_t *sec, gsize avail, gint64 ns)
{
    if (avail < PSI_HEADER)
        return;
    gsize section_length = ma_rd16(sec + 1) & 0x0FFFu;
    gsize end = 3u + section_length; /* bytes of the whole section */
    if (end < PSI_HEADER + PSI_CRC)
        return;
    end -= PSI_CRC;
    if (end > avail)
        end = avail; /* a section continued in the next packet: what this one holds */
    for (gsize off = PSI_HEADER; off + PAT_ENTRY <= end; off += PAT_ENTRY) {
        guint program = ma_rd16(sec + off);
        guint pid = ma_rd16(sec + off + 2) & 0x1FFFu;
        if (program == 0 || pmt_find(s, pid) != NULL) /* 0: the network PID */
            continue;
        s->sum.programs++;
        if (s->n_pmt < MA_TS_MAX_PMT)
            s->pmt[s->n_pmt++] = (pmt_state){pid, ns};
    }
}

/* A payload unit start on PID 0 or a PMT PID: which table begins there. */
static void psi_start(ma_ts_stats *s, const ts_at *at, const uint8_t *pay, gsize len)
{
    guint pid = at->pid;
    gint64 ns = at->ns;
    uint32_t frame = at->frame;
    if (len < 1u || (gsize)pay[0] + 1u >= len)
        return; /* the pointer field points past the packet */
    const uint8_t *sec = pay + 1u + pay[0];
    gsize avail = len - 1u - pay[0];
    unsigned table = sec[0];
    if (pid == PID_PAT) {
        if (table != TABLE_PAT) {
            pat_error(s, frame);
            return;
        }
        s->sum.pat_sections++;
        if (psi_interval(ms_between(s->last_pat_ns, ns), &s->sum.pat_interval_max_ms))
            pat_error(s, frame);
        s->last_pat_ns = ns;
        read_pat(s, sec, avail, ns);
        return;
    }
    pmt_state *p = pmt_find(s, pid);
    if (p == NULL || table != TABLE_PMT)
        return;
    s->sum.pmt_sections++;
    if (psi_interval(ms_between(p->last_ns, ns), &s->sum.pmt_interval_max_ms))
        pmt_error(s, at);
    p->last_ns = ns;
}

static pid_state *pid_get(ma_ts_stats *s, guint pid)
{
    gpointer key = GUINT_TO_POINTER(pid + 1u);
    pid_state *st = g_hash_table_lookup(s->pids, key);
    if (st == NULL) {
        st = g_new(pid_state, 1);
        st->last_cc = -1;
        st->repeats = 0;
        g_hash_table_insert(s->pids, key, st);
        s->sum.pids++;
    }
    return st;
}

static void continuity(ma_ts_stats *s, pid_state *st, const ts_at *at)
{
    unsigned cc = at->cc;
    if (at->pid == MA_TS_PID_NULL)
        return;
    if (st->last_cc < 0 || at->discontinuity) {
        st->last_cc = (int)cc;
        st->repeats = 0;
        return;
    }
    gboolean error = FALSE;
    if ((int)cc == st->last_cc) {
        if (st->repeats++ == 0)
            s->sum.cc_duplicates++; /* one duplicate is allowed */
        else
            error = TRUE;
    } else {
        unsigned expected = ((unsigned)st->last_cc + 1u) & 0x0Fu;
        if (cc != expected) {
            guint skipped = (cc - expected) & 0x0Fu;
            s->sum.cc_lost += skipped;
            s->last_lost += skipped;
            error = TRUE;
        }
        st->last_cc = (int)cc;
        st->repeats = 0;
    }
    if (error) {
        s->sum.cc_errors++;
        if (s->sum.cc_error_frame == 0) {
            s->sum.cc_error_frame = at->frame;
            s->sum.cc_error_pid = at->pid;
        }
    }
}

static gboolean sync_ok(ma_ts_stats *s, const uint8_t *p, uint32_t frame)
{
    if (p[0] == MA_TS_SYNC) {
        s->bad_run = 0;
        if (!s->in_sync && ++s->good_run >= SYNC_ACQUIRE)
            s->in_sync = TRUE;
        return TRUE;
    }
    s->sum.sync_byte_errors++;
    if (s->sum.sync_error_frame == 0)
        s->sum.sync_error_frame = frame;
    s->good_run = 0;
    if (s->in_sync && ++s->bad_run >= SYNC_LOSE) {
        s->sum.sync_losses++;
        s->in_sync = FALSE;
        s->bad_run = 0;
    }
    return FALSE;
}

static void add_packet(ma_ts_stats *s, const uint8_t *p, gint64 ns, uint32_t frame)
{
    s->sum.packets++;
    if (!sync_ok(s, p, frame))
        return; /* nothing after a bad sync byte can be trusted */
    ts_at at = {ma_rd16(p + 1) & 0x1FFFu, p[3] & 0x0Fu, FALSE, frame, ns};
    gboolean pusi = (p[1] & 0x40u) != 0;
    unsigned scrambling = p[3] >> 6;
    unsigned afc = (p[3] >> 4) & 0x03u;
    gsize off = 4;
    if ((afc & 0x02u) != 0) {
        gsize af_len = p[4];
        if (af_len > MA_TS_PACKET - 5u)
            af_len = MA_TS_PACKET - 5u; /* impossible length: no payload */
        at.discontinuity = af_len > 0 && (p[5] & AF_DISCONTINUITY) != 0;
        off = 5u + af_len;
    }
    gboolean payload = (afc & 0x01u) != 0 && off < MA_TS_PACKET;
    pid_state *st = pid_get(s, at.pid);
    if ((afc & 0x01u) != 0) /* 00 and 10 carry no payload and keep the counter */
        continuity(s, st, &at);
    if (scrambling != 0 && at.pid == PID_PAT)
        pat_error(s, frame);
    else if (scrambling != 0 && pmt_find(s, at.pid) != NULL)
        pmt_error(s, &at);
    else if (payload && pusi)
        psi_start(s, &at, p + off, MA_TS_PACKET - off);
}

void ma_ts_stats_add(ma_ts_stats *s, const uint8_t *data, gsize len, gint64 arrival_ns,
                     uint32_t frame)
{
    if (s == NULL || (data == NULL && len > 0))
        return;
    s->last_lost = 0;
    if (!s->started) {
        s->started = TRUE;
        s->sum.first_ns = arrival_ns;
        s->sum.first_frame = frame;
        s->last_pat_ns = arrival_ns;
    }
    s->sum.last_ns = arrival_ns;
    s->sum.last_frame = frame;
    gsize off = 0;
    for (; len - off >= MA_TS_PACKET; off += MA_TS_PACKET)
        add_packet(s, data + off, arrival_ns, frame);
    s->sum.trailing_bytes += len - off;
}

guint ma_ts_stats_last_lost(const ma_ts_stats *s)
{
    return s != NULL ? s->last_lost : 0;
}

void ma_ts_stats_summary(const ma_ts_stats *s, ma_ts_summary *out)
{
    *out = s->sum;
    if (!s->started)
        return;
    /* the open tails: time since the last PAT / PMT up to the last packet */
    if (psi_interval(ms_between(s->last_pat_ns, s->sum.last_ns), &out->pat_interval_max_ms)) {
        out->pat_errors++;
        if (out->pat_error_frame == 0)
            out->pat_error_frame = s->sum.last_frame;
    }
    for (guint i = 0; i < s->n_pmt; i++) {
        if (!psi_interval(ms_between(s->pmt[i].last_ns, s->sum.last_ns), &out->pmt_interval_max_ms))
            continue;
        out->pmt_errors++;
        if (out->pmt_error_frame == 0) {
            out->pmt_error_frame = s->sum.last_frame;
            out->pmt_error_pid = s->pmt[i].pid;
        }
    }
}
