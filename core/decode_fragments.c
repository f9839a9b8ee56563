/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode_fragments.c - IPv4 and IPv6 fragment reassembly with bounded
 * memory: at most MA_DEC_MAX_FRAG_DATAGRAMS datagrams in progress, each at
 * most 64 KiB, each given up MA_DEC_FRAG_TIMEOUT_NS of capture time after
 * its first fragment.
 * Overlaps: a repeated fragment with the same bytes is harmless; one that
 * changes bytes already received drops the datagram, as Linux does and
 * RFC 5722 requires for IPv6.  Every dropped fragment is counted.
 *
 * A full table makes room by dropping the datagram least likely to be
 * genuine, so that a flood of bogus fragments cannot push out a camera's
 * stream (issue 8).  Each datagram is in one of three ranks, and the least
 * recently touched of the lowest rank goes first:
 *   suspect  - a fragment repeated bytes already received (a genuine sender
 *              sends each byte once);
 *   new      - anything else not yet trusted (a lone fragment);
 *   trusted  - two fragments or more forming one run without a gap (the
 *              order a sender emits them in, either direction), or a
 *              datagram between a source and destination (and protocol)
 *              that completed a reassembly recently (FRAG_PROVEN pairs).
 * A flood can still win by forging what a genuine datagram shows: more than
 * the table's size of trusted-looking datagrams (forged from a proven
 * sender, or in runs of two) between two fragments of a genuine one. */
#include <string.h>
#include "decode_internal.h"

#include "bigendian.h"

#define FRAG_MAX_PAYLOAD 65535u
#define FRAG_BLOCKS ((FRAG_MAX_PAYLOAD + 7u) / 8u)
#define FRAG_PROVEN 16u /* source/destination pairs remembered as completing */

typedef enum { RANK_SUSPECT, RANK_NEW, RANK_TRUSTED, N_RANKS } frag_rank;

typedef struct {
    uint8_t family;
    uint8_t proto;
    uint32_t id;
    ma_addr src, dst;
} frag_key;

/* A sender and receiver (and protocol) that completed a reassembly. */
typedef struct {
    uint8_t proto;
    ma_addr src, dst;
    guint64 stamp; /* completion count when last seen: 0 = empty slot */
} frag_pair;

typedef struct {
    frag_key key; /* first: the table's key points here */
    GList link;   /* in the age queue (oldest first) */
    GList use;    /* in its rank's queue (least recently touched first) */
    frag_rank rank;
    gboolean repeated; /* a fragment repeated bytes already received */
    gsize lo, hi;      /* lowest offset and highest end received */
    gint64 first_ns;
    uint32_t first_frame; /* of its first fragment: where a drop is shown */
    uint8_t *buf;
    gsize cap;
    gsize total; /* payload length, known once the last fragment came */
    gboolean have_total;
    guint n_frags;
    guint blocks_set;
    int ttl; /* from the first fragment (offset 0) */
    gboolean router_alert;
    uint8_t bitmap[(FRAG_BLOCKS + 7u) / 8u]; /* 8-byte blocks received */
} frag_dgram;

struct ma_frag_table {
    GHashTable *by_key;     /* frag_key* -> frag_dgram* */
    GQueue age;             /* frag_dgram* by first fragment time */
    GQueue ranked[N_RANKS]; /* frag_dgram* by last touch, per rank */
    frag_pair proven[FRAG_PROVEN];
    guint64 completions;
};

static guint key_hash(gconstpointer k)
{
    const frag_key *f = k;
    return (ma_addr_hash(&f->src) * 31u + ma_addr_hash(&f->dst)) ^ (f->id * 2654435761u) ^ f->proto;
}

/* a GEqualFunc: the order of its two parameters is GLib's */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
static gboolean key_equal(gconstpointer a, gconstpointer b)
{
    const frag_key *x = a, *y = b;
    return x->family == y->family && x->proto == y->proto && x->id == y->id &&
           ma_addr_equal(&x->src, &y->src) && ma_addr_equal(&x->dst, &y->dst);
}

static void dgram_free(frag_dgram *g)
{
    g_free(g->buf);
    g_free(g);
}

ma_frag_table *ma_frag_table_new(void)
{
    ma_frag_table *t = g_new0(ma_frag_table, 1);
    t->by_key = g_hash_table_new(key_hash, key_equal);
    g_queue_init(&t->age);
    for (int r = 0; r < N_RANKS; r++)
        g_queue_init(&t->ranked[r]);
    return t;
}

/* Remove a datagram; when st is given its fragments count as dropped and
 * the drop as the decode event why, at frame (0: the datagram's first). */
static void dgram_drop(ma_frag_table *t, frag_dgram *g, ma_decode_stats *st, ma_decode_event why,
                       uint32_t frame)
{
    if (st) {
        st->fragments_dropped += g->n_frags;
        ma_decode_events_raise(&st->events, why, frame != 0 ? frame : g->first_frame);
    }
    g_hash_table_remove(t->by_key, &g->key);
    g_queue_unlink(&t->age, &g->link);
    g_queue_unlink(&t->ranked[g->rank], &g->use);
    dgram_free(g);
}

void ma_frag_table_free(ma_frag_table *t, ma_decode_stats *st)
{
    if (!t)
        return;
    while (t->age.head)
        dgram_drop(t, t->age.head->data, st, MA_DE_FRAGMENT_TIMEOUT, 0);
    g_hash_table_destroy(t->by_key);
    g_free(t);
}

static void expire(ma_frag_table *t, gint64 now, ma_decode_stats *st)
{
    while (t->age.head) {
        frag_dgram *g = t->age.head->data;
        if (now - g->first_ns <= MA_DEC_FRAG_TIMEOUT_NS)
            break;
        dgram_drop(t, g, st, MA_DE_FRAGMENT_TIMEOUT, 0);
    }
}

static gboolean pair_is(const frag_pair *pr, const frag_key *k)
{
    return pr->stamp != 0 && pr->proto == k->proto && ma_addr_equal(&pr->src, &k->src) &&
           ma_addr_equal(&pr->dst, &k->dst);
}

static gboolean proven(const ma_frag_table *t, const frag_key *k)
{
    for (guint i = 0; i < FRAG_PROVEN; i++)
        if (pair_is(&t->proven[i], k))
            return TRUE;
    return FALSE;
}

/* k's pair completed a datagram: remember it, in place of the pair that
 * completed one least recently. */
static void prove(ma_frag_table *t, const frag_key *k)
{
    frag_pair *slot = &t->proven[0];
    for (guint i = 0; i < FRAG_PROVEN; i++) {
        if (pair_is(&t->proven[i], k)) {
            slot = &t->proven[i];
            break;
        }
        if (t->proven[i].stamp < slot->stamp)
            slot = &t->proven[i];
    }
    slot->proto = k->proto;
    slot->src = k->src;
    slot->dst = k->dst;
    slot->stamp = ++t->completions;
}

/* Does what was received form one run without a gap?  Offsets are
 * multiples of 8, so the run [lo, hi) has (hi + 7) / 8 - lo / 8 blocks. */
static gboolean one_run(const frag_dgram *g)
{
    return g->blocks_set == (g->hi + 7) / 8 - g->lo / 8;
}

/* Rank g by what it has shown and make it its rank's most recently touched. */
static void touch(ma_frag_table *t, frag_dgram *g)
{
    frag_rank r = RANK_NEW;
    if (g->repeated)
        r = RANK_SUSPECT;
    else if ((g->n_frags >= 2 && one_run(g)) || proven(t, &g->key))
        r = RANK_TRUSTED;
    g_queue_unlink(&t->ranked[g->rank], &g->use);
    g->rank = r;
    g_queue_push_tail_link(&t->ranked[r], &g->use);
}

/* The table is full: drop the least recently touched datagram of the
 * lowest rank. */
static void make_room(ma_frag_table *t, ma_decode_stats *st)
{
    for (int r = 0; r < N_RANKS; r++) {
        if (t->ranked[r].head) {
            dgram_drop(t, t->ranked[r].head->data, st, MA_DE_FRAGMENT_TABLE_FULL, 0);
            return;
        }
    }
}

static frag_dgram *lookup_or_add(ma_frag_table *t, const frag_key *key, const ma_pkt *p)
{
    frag_dgram *g = g_hash_table_lookup(t->by_key, key);
    if (g)
        return g;
    if (t->age.length >= MA_DEC_MAX_FRAG_DATAGRAMS)
        make_room(t, p->d->st);
    g = g_new0(frag_dgram, 1);
    g->key = *key;
    g->link.data = g;
    g->use.data = g;
    g->rank = RANK_NEW;
    g->first_ns = p->meta.ts_ns;
    g->first_frame = p->meta.frame;
    g->ttl = p->ttl;
    g->router_alert = p->router_alert;
    g_hash_table_insert(t->by_key, &g->key, g);
    g_queue_push_tail_link(&t->age, &g->link);
    g_queue_push_tail_link(&t->ranked[RANK_NEW], &g->use);
    return g;
}

static gboolean block_set(const frag_dgram *g, gsize b)
{
    return ((g->bitmap[b >> 3] >> (b & 7)) & 1u) != 0;
}

/* TRUE when the new bytes agree with every byte already received. */
static gboolean agrees(const frag_dgram *g, const ma_frag_piece *f)
{
    gsize end = f->offset + f->len;
    for (gsize b = f->offset / 8; b * 8 < end; b++) {
        if (!block_set(g, b))
            continue;
        gsize lo = MAX(f->offset, b * 8);
        gsize hi = MIN(end, b * 8 + 8);
        if (g->have_total)
            hi = MIN(hi, g->total);
        if (hi > lo && memcmp(g->buf + lo, f->data + (lo - f->offset), hi - lo) != 0)
            return FALSE;
    }
    return TRUE;
}

/* Does this fragment fit what is known?  FALSE: the datagram is void. */
static gboolean consistent(const frag_dgram *g, const ma_frag_piece *f, gsize limit)
{
    gsize end = f->offset + f->len;
    if (end > limit)
        return FALSE;
    if (!f->more && g->have_total && g->total != end)
        return FALSE;
    if (f->more && g->have_total && end > g->total)
        return FALSE;
    if (!f->more && !g->have_total) {
        /* nothing may have been received beyond the end */
        for (gsize b = (end + 7) / 8; b * 8 < g->cap && b < FRAG_BLOCKS; b++)
            if (block_set(g, b))
                return FALSE;
    }
    return TRUE;
}

static void store(frag_dgram *g, const ma_frag_piece *f)
{
    gsize end = f->offset + f->len;
    if (end > g->cap) {
        g->buf = g_realloc(g->buf, end);
        g->cap = end;
    }
    memcpy(g->buf + f->offset, f->data, f->len);
    for (gsize b = f->offset / 8; b * 8 < end; b++) {
        if (block_set(g, b)) {
            g->repeated = TRUE;
        } else {
            g->bitmap[b >> 3] |= (uint8_t)(1u << (b & 7));
            g->blocks_set++;
        }
    }
    g->lo = g->n_frags == 0 ? f->offset : MIN(g->lo, f->offset);
    g->hi = MAX(g->hi, end);
    if (!f->more) {
        g->total = end;
        g->have_total = TRUE;
    }
    g->n_frags++;
}

static ma_dec_result complete(ma_frag_table *t, frag_dgram *g, ma_pkt *p)
{
    ma_decode_stats *st = p->d->st;
    st->fragments_reassembled += g->n_frags;
    st->datagrams_reassembled++;
    prove(t, &g->key);
    g_hash_table_remove(t->by_key, &g->key);
    g_queue_unlink(&t->age, &g->link);
    g_queue_unlink(&t->ranked[g->rank], &g->use);
    /* The transport header and router alert are the first fragment's. */
    p->ttl = g->ttl;
    p->router_alert = g->router_alert;
    ma_dec_result r = ma_decode_transport(p, g->key.proto, g->buf, g->total);
    dgram_free(g);
    return r;
}

ma_dec_result ma_decode_fragment(ma_pkt *p, const ma_frag_piece *f)
{
    ma_frag_table *t = p->d->frags;
    ma_decode_stats *st = p->d->st;
    gsize limit = MIN(FRAG_MAX_PAYLOAD, p->d->max_reassembly);

    expire(t, p->meta.ts_ns, st);
    /* Every fragment but the last carries a multiple of 8 bytes. */
    if (f->len == 0 || (f->more && f->len % 8 != 0) || f->offset + f->len > FRAG_MAX_PAYLOAD) {
        st->fragments_dropped++;
        return ma_dec_malformed(p, MA_DE_FRAGMENT_MALFORMED);
    }
    frag_key key = {.family = p->src.family,
                    .proto = (uint8_t)f->proto,
                    .id = f->id,
                    .src = p->src,
                    .dst = p->dst};
    frag_dgram *g = lookup_or_add(t, &key, p);
    if (!consistent(g, f, limit) || !agrees(g, f)) {
        st->fragments_dropped++;
        dgram_drop(t, g, st, MA_DE_FRAGMENT_OVERLAP, p->meta.frame);
        return MA_DEC_MALFORMED;
    }
    store(g, f);
    if (f->offset == 0) {
        g->ttl = p->ttl;
        g->router_alert = p->router_alert;
    }
    if (g->have_total && g->blocks_set == (g->total + 7) / 8)
        return complete(t, g, p);
    touch(t, g);
    return MA_DEC_HELD;
}
