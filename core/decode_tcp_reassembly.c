/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode_tcp_reassembly.c - each direction of an RTSP TCP connection as a
 * byte stream for the core's RTSP framer.
 *
 * - Segments ahead of the expected sequence number are held (copied), at
 *   most MA_DEC_MAX_TCP_SEGMENTS and max_reassembly bytes per direction.
 * - Bytes already delivered (retransmissions, overlaps) are trimmed.
 * - A hole that is not filled in time (MA_DEC_TCP_HOLE_TIMEOUT_NS of
 *   capture time), that overflows the bounds, or that is still open at
 *   FIN/RST/end of input is skipped: the framer is told of the gap and
 *   resynchronises, and tcp_gaps counts it.
 * - A connection seen without its SYN starts at its first segment.
 * - At most MA_DEC_MAX_TCP_CONNS connections.  When full, a connection that
 *   never carried an RTSP message goes first (a flood of half-open
 *   connections cannot push out a camera's session), least recently used
 *   first; only then the least recently used of the others.
 * Messages completed by a segment carry that segment's frame. */
#include <string.h>
#include "decode_internal.h"

#include "bigendian.h"

typedef struct {
    uint32_t seq;
    gsize len;
    ma_ev_meta meta; /* the frame that brought it */
    uint8_t data[];
} held_seg;

typedef struct {
    gboolean started; /* next_seq is known */
    gboolean fin;
    uint32_t next_seq;
    ma_rtsp_framer *framer;
    guint framer_errors; /* framer errors already added to the stats */
    GQueue held;         /* held_seg*, in sequence order */
    gsize held_bytes;
    gint64 hole_since; /* arrival of the oldest held segment */
} tcp_dir;

typedef struct {
    ma_addr a, b; /* a < b (canonical order, so both directions meet) */
    uint16_t pa, pb;
} conn_key;

typedef struct {
    conn_key key;    /* first: the table's key points here */
    GList link;      /* in its LRU queue (idle or used) */
    gboolean used;   /* carried an RTSP message: in the used queue */
    gboolean closed; /* RST or FIN both ways: only a SYN reopens */
    tcp_dir dir[2];  /* [0]: a -> b, [1]: b -> a */
} tcp_conn;

struct ma_tcp_table {
    GHashTable *by_key;
    GQueue lru;  /* tcp_conn* that carried RTSP, least recently used first */
    GQueue idle; /* tcp_conn* that never did, the same order: evicted first */
};

/* The context of one feed: which frame, which connection and direction. */
typedef struct {
    ma_decoder *d;
    ma_ev_meta meta;
    tcp_conn *c;
    int dir;
    int ttl; /* of the frame being fed, -1 unknown */
} feed_ctx;

static guint conn_hash(gconstpointer k)
{
    const conn_key *c = k;
    return ma_addr_hash(&c->a) * 31u + ma_addr_hash(&c->b) + ((guint)c->pa << 16 | c->pb);
}

/* a GEqualFunc: the order of its two parameters is GLib's */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
static gboolean conn_equal(gconstpointer x, gconstpointer y)
{
    const conn_key *a = x, *b = y;
    return a->pa == b->pa && a->pb == b->pb && ma_addr_equal(&a->a, &b->a) &&
           ma_addr_equal(&a->b, &b->b);
}

static int endpoint_cmp(const ma_addr *x, uint16_t px, const ma_addr *y, uint16_t py)
{
    if (x->family != y->family)
        return x->family < y->family ? -1 : 1;
    int c = memcmp(x->bytes, y->bytes, sizeof x->bytes);
    if (c)
        return c;
    return px == py ? 0 : (px < py ? -1 : 1);
}

ma_tcp_table *ma_tcp_table_new(void)
{
    ma_tcp_table *t = g_new0(ma_tcp_table, 1);
    t->by_key = g_hash_table_new(conn_hash, conn_equal);
    g_queue_init(&t->lru);
    g_queue_init(&t->idle);
    return t;
}

static void dir_clear(tcp_dir *s)
{
    held_seg *h;
    while ((h = g_queue_pop_head(&s->held)))
        g_free(h);
    if (s->framer)
        ma_rtsp_framer_free(s->framer);
    memset(s, 0, sizeof *s);
}

static void conn_free(tcp_conn *c)
{
    dir_clear(&c->dir[0]);
    dir_clear(&c->dir[1]);
    g_free(c);
}

void ma_tcp_table_free(ma_tcp_table *t)
{
    if (!t)
        return;
    GList *l;
    while ((l = g_queue_pop_head_link(&t->lru))) /* links live in the conns */
        conn_free(l->data);
    while ((l = g_queue_pop_head_link(&t->idle)))
        conn_free(l->data);
    g_hash_table_destroy(t->by_key);
    g_free(t);
}

guint ma_tcp_connections(const ma_tcp_table *t)
{
    return t->lru.length + t->idle.length;
}

/* ---- framer callbacks: messages and interleaved frames become events ---- */

typedef struct {
    ma_addr src, dst;
    uint16_t sport, dport;
} tuple;

/* Addresses and ports of the direction being fed. */
static tuple endpoints(const feed_ctx *f)
{
    const conn_key *k = &f->c->key;
    tuple t = {f->dir ? k->b : k->a, f->dir ? k->a : k->b, f->dir ? k->pb : k->pa,
               f->dir ? k->pa : k->pb};
    return t;
}

static void on_message(ma_rtsp_msg *msg, void *user)
{
    const feed_ctx *f = user;
    tuple t = endpoints(f);
    ma_ev_rtsp ev = {.meta = f->meta,
                     .src = t.src,
                     .dst = t.dst,
                     .sport = t.sport,
                     .dport = t.dport,
                     .msg = msg,
                     .ip_ttl = f->ttl};
    f->d->st->rtsp_messages++;
    if (!f->c->used) {
        ma_tcp_table *tt = f->d->tcp;
        g_queue_unlink(&tt->idle, &f->c->link);
        g_queue_push_tail_link(&tt->lru, &f->c->link);
        f->c->used = TRUE;
    }
    if (f->d->sink.rtsp)
        f->d->sink.rtsp(f->d->sink.user, &ev);
    ma_rtsp_msg_free(msg);
}

static void on_interleaved(unsigned channel, const uint8_t *data, gsize length, void *user)
{
    const feed_ctx *f = user;
    tuple t = endpoints(f);
    ma_ev_interleaved ev = {.meta = f->meta,
                            .src = t.src,
                            .dst = t.dst,
                            .sport = t.sport,
                            .dport = t.dport,
                            .channel = channel,
                            .length = length,
                            .payload = data};
    if (f->d->sink.interleaved)
        f->d->sink.interleaved(f->d->sink.user, &ev);
}

/* The framer gave up on a message: a decode event at the frame being fed. */
static void on_framer_error(ma_decode_event why, void *user)
{
    const feed_ctx *f = user;
    const ma_sink *sink = &f->d->sink;
    ma_decode_events_raise(&f->d->st->events, why, f->meta.frame);
    if (sink->refused != NULL)
        sink->refused(sink->user, f->meta.frame, "RTSP", ma_decode_event_def_get(why)->explanation);
}

static void feed(feed_ctx *f, tcp_dir *s, const uint8_t *data, gsize len)
{
    if (!s->framer) {
        s->framer = ma_rtsp_framer_new(f->d->max_reassembly);
        ma_rtsp_framer_set_interleaved_cb(s->framer, on_interleaved);
        ma_rtsp_framer_set_error_cb(s->framer, on_framer_error);
    }
    ma_rtsp_framer_feed(s->framer, data, len, on_message, f);
    guint errors = ma_rtsp_framer_errors(s->framer);
    f->d->st->rtsp_errors += errors - s->framer_errors;
    s->framer_errors = errors;
}

/* ---- one direction's byte stream ---- */

/* Deliver bytes starting at seq, trimming what was delivered already. */
static void deliver(feed_ctx *f, tcp_dir *s, uint32_t seq, const uint8_t *data, gsize len)
{
    gsize skip = (gsize)(uint32_t)(s->next_seq - seq);
    if (skip >= len)
        return; /* all old: a retransmission */
    feed(f, s, data + skip, len - skip);
    s->next_seq = seq + (uint32_t)len;
}

/* Deliver held segments that have become contiguous.  When use_seg_meta,
 * events carry the held segment's own frame (end of input, eviction). */
static void drain(feed_ctx *f, tcp_dir *s, gboolean use_seg_meta)
{
    held_seg *h;
    while ((h = g_queue_peek_head(&s->held)) && (int32_t)(h->seq - s->next_seq) <= 0) {
        g_queue_pop_head(&s->held);
        s->held_bytes -= h->len;
        if (use_seg_meta)
            f->meta = h->meta;
        deliver(f, s, h->seq, h->data, h->len);
        g_free(h);
    }
    if (s->held.head)
        s->hole_since = ((held_seg *)s->held.head->data)->meta.ts_ns;
}

/* Give up on the hole before the first held segment and go on after it. */
static void skip_hole(feed_ctx *f, tcp_dir *s, gboolean use_seg_meta)
{
    held_seg *h = g_queue_peek_head(&s->held);
    if (!h)
        return;
    s->next_seq = h->seq;
    if (s->framer)
        ma_rtsp_framer_gap(s->framer);
    f->d->st->tcp_gaps++;
    ma_decode_events_raise(&f->d->st->events, MA_DE_TCP_GAP,
                           use_seg_meta ? h->meta.frame : f->meta.frame);
    drain(f, s, use_seg_meta);
}

static void hold(tcp_dir *s, uint32_t seq, const uint8_t *data, gsize len, const ma_ev_meta *meta)
{
    held_seg *h = g_malloc(sizeof *h + len);
    h->seq = seq;
    h->len = len;
    h->meta = *meta;
    memcpy(h->data, data, len);
    if (!s->held.head)
        s->hole_since = meta->ts_ns;
    /* Usually appended in order: search from the tail. */
    GList *l = s->held.tail;
    while (l && (int32_t)(((held_seg *)l->data)->seq - s->next_seq) > (int32_t)(seq - s->next_seq))
        l = l->prev;
    if (l)
        g_queue_insert_after(&s->held, l, h);
    else
        g_queue_push_head(&s->held, h);
    s->held_bytes += len;
}

static void data_segment(feed_ctx *f, tcp_dir *s, uint32_t seq, const uint8_t *data, gsize len)
{
    if ((int32_t)(seq - s->next_seq) <= 0) {
        deliver(f, s, seq, data, len);
        drain(f, s, FALSE);
    } else {
        hold(s, seq, data, len, &f->meta);
    }
    /* Bounds: a hole that never fills must not hold data forever. */
    while (s->held.head &&
           (s->held_bytes > f->d->max_reassembly || s->held.length > MA_DEC_MAX_TCP_SEGMENTS ||
            f->meta.ts_ns - s->hole_since > MA_DEC_TCP_HOLE_TIMEOUT_NS))
        skip_hole(f, s, FALSE);
}

static void flush_dir(feed_ctx *f, tcp_dir *s, gboolean use_seg_meta)
{
    while (s->held.head)
        skip_hole(f, s, use_seg_meta);
}

/* ---- connections ---- */

static void conn_flush(ma_decoder *d, tcp_conn *c)
{
    for (int i = 0; i < 2; i++) {
        feed_ctx f = {.d = d, .c = c, .dir = i, .ttl = -1};
        flush_dir(&f, &c->dir[i], TRUE);
    }
}

static tcp_conn *conn_get(ma_pkt *p, const conn_key *key)
{
    ma_tcp_table *t = p->d->tcp;
    tcp_conn *c = g_hash_table_lookup(t->by_key, key);
    if (c) {
        GQueue *q = c->used ? &t->lru : &t->idle;
        g_queue_unlink(q, &c->link);
        g_queue_push_tail_link(q, &c->link);
        return c;
    }
    if (t->lru.length + t->idle.length >= MA_DEC_MAX_TCP_CONNS) {
        tcp_conn *old = g_queue_pop_head_link(t->idle.length > 0 ? &t->idle : &t->lru)->data;
        old->used = TRUE; /* out of both queues: a message its flush delivers moves nothing */
        conn_flush(p->d, old);
        g_hash_table_remove(t->by_key, &old->key);
        conn_free(old);
        p->d->st->tcp_evicted++;
        ma_dec_event(p, MA_DE_TCP_CONNECTION_EVICTED);
    }
    c = g_new0(tcp_conn, 1);
    c->key = *key;
    c->link.data = c;
    g_hash_table_insert(t->by_key, &c->key, c);
    g_queue_push_tail_link(&t->idle, &c->link);
    p->d->st->tcp_connections++;
    return c;
}

/* A SYN: a new connection, or a repeat of the one we know. */
static void on_syn(tcp_conn *c, tcp_dir *s, uint32_t seq)
{
    if (s->started && !c->closed && s->next_seq == seq + 1)
        return; /* retransmitted SYN */
    if (c->closed || s->started) {
        /* the ports were reused: start both directions afresh */
        dir_clear(&c->dir[0]);
        dir_clear(&c->dir[1]);
        c->closed = FALSE;
    }
    s->started = TRUE;
    s->next_seq = seq + 1;
}

/* A first segment without SYN: the capture began mid-stream.  Start there;
 * the framer begins by looking for the start of a message anyway. */
static void start_midstream(tcp_dir *s, uint32_t seq)
{
    s->started = TRUE;
    s->next_seq = seq;
}

static void on_close(tcp_conn *c, const ma_tcp_seg *seg, int dir, const feed_ctx *f)
{
    if (seg->rst) {
        /* deliver what is held, as far as it goes, then forget the connection */
        for (int i = 0; i < 2; i++) {
            feed_ctx fi = *f;
            fi.dir = i;
            flush_dir(&fi, &c->dir[i], FALSE);
        }
        c->closed = TRUE;
    } else if (seg->fin) {
        feed_ctx fd = *f;
        flush_dir(&fd, &c->dir[dir], FALSE);
        c->dir[dir].fin = TRUE;
        if (c->dir[0].fin && c->dir[1].fin)
            c->closed = TRUE;
    }
    if (c->closed) {
        dir_clear(&c->dir[0]);
        dir_clear(&c->dir[1]);
    }
}

void ma_tcp_segment(ma_pkt *p, const ma_tcp_seg *seg)
{
    conn_key key;
    int dir = endpoint_cmp(&p->src, seg->sport, &p->dst, seg->dport) > 0;
    key.a = dir ? p->dst : p->src;
    key.b = dir ? p->src : p->dst;
    key.pa = dir ? seg->dport : seg->sport;
    key.pb = dir ? seg->sport : seg->dport;
    if (seg->rst && !g_hash_table_contains(p->d->tcp->by_key, &key))
        return;
    tcp_conn *c = conn_get(p, &key);
    tcp_dir *s = &c->dir[dir];
    uint32_t seq = seg->seq;

    if (seg->syn) {
        on_syn(c, s, seq);
        seq++;
    } else if (c->closed) {
        return; /* late retransmission of a finished connection */
    } else if (!s->started) {
        if (seg->len == 0 && !seg->fin)
            return; /* a bare ACK tells nothing of where data starts */
        start_midstream(s, seq);
    }
    feed_ctx f = {.d = p->d, .meta = p->meta, .c = c, .dir = dir, .ttl = p->ttl};
    if (seg->len)
        data_segment(&f, s, seq, seg->payload, seg->len);
    if (seg->cut && s->started) {
        /* bytes after the snap length are lost: resynchronise after them */
        if (s->framer)
            ma_rtsp_framer_gap(s->framer);
        p->d->st->tcp_gaps++;
        ma_dec_event(p, MA_DE_TCP_GAP);
        dir_clear(s);
    }
    if (seg->fin || seg->rst)
        on_close(c, seg, dir, &f);
}

void ma_tcp_flush(ma_decoder *d)
{
    /* a flush may deliver a connection's first message, which moves it from
     * idle to used: walk the idle queue from a copy */
    GList *idle = g_list_copy(d->tcp->idle.head);
    for (GList *l = idle; l; l = l->next)
        conn_flush(d, l->data);
    g_list_free(idle);
    for (GList *l = d->tcp->lru.head; l; l = l->next)
        conn_flush(d, l->data);
}
