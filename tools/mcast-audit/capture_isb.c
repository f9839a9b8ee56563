/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture_isb.c - the capture's real end from a pcapng Interface
 * Statistics Block (pcapng 4.6: isb_endtime, option 3).  libpcap reads
 * only packet blocks and skips these, so the file is walked once more,
 * block by block, with every length checked before anything is read:
 * total length >= 12, a multiple of 4, its trailing copy equal, bodies
 * of the blocks read (SHB, IDB, ISB) at most MA_ISB_BODY_MAX bytes,
 * every option inside its block.  A tcpdump capture of a membership
 * expiry ends with the last packet; dumpcap's statistics say how long
 * it went on after that, which is the evidence MA207 needs.
 * Timestamps are in the interface's if_tsresol (IDB option 9, default
 * microseconds) plus if_tsoffset (option 14, seconds).  dumpcap 4.0
 * writes the ISB times in microseconds even when its IDB says
 * nanoseconds (seen in captures/real/expiry-no-query.pcapng), so an end
 * time that is implausible at the declared resolution (before the first
 * packet, or more than a day after the last) is read in microseconds. */
#include <string.h>
#include <zlib.h>

#include "capture_internal.h"

#define PCAPNG_SHB 0x0a0d0d0au
#define PCAPNG_IDB 0x00000001u
#define PCAPNG_ISB 0x00000005u
#define PCAPNG_BOM 0x1a2b3c4du
#define MA_ISB_BODY_MAX 65536u  /* SHB/IDB/ISB bodies are options of a few bytes */
#define MA_ISB_IFACES_MAX 1024u /* interfaces described; later ones are ignored */
#define NS_PER_S 1000000000LL
#define DAY_NS (86400LL * NS_PER_S)

typedef struct {
    guint64 units;   /* ticks per second */
    gint64 offset_s; /* if_tsoffset */
} iface;

typedef struct {
    gzFile gz;
    gboolean swap;            /* the section's byte order is not ours */
    GArray *ifaces;           /* iface, of the current section */
    gint64 first_ns, last_ns; /* the packets', for plausibility */
    gint64 end_ns;            /* the latest plausible isb_endtime, 0 none */
    gint64 block_end_ns;      /* the block's, taken once its trailing length checks */
    char *problem;            /* why the walk stopped early, NULL if it did not */
    guint64 offset;           /* of the block being read */
} walk;

static guint32 u32(const walk *w, const guint8 *p)
{
    guint32 v;
    memcpy(&v, p, 4);
    return w->swap ? GUINT32_SWAP_LE_BE(v) : v;
}

static guint16 u16(const walk *w, const guint8 *p)
{
    guint16 v;
    memcpy(&v, p, 2);
    return w->swap ? GUINT16_SWAP_LE_BE(v) : v;
}

static gboolean read_exact(walk *w, guint8 *buf, gsize n)
{
    return n == 0 || gzread(w->gz, buf, (unsigned int)n) == (int)n;
}

static gboolean stop(walk *w, const char *why)
{
    if (w->problem == NULL)
        w->problem = g_strdup_printf("block at byte %" G_GUINT64_FORMAT ": %s", w->offset, why);
    return FALSE;
}

/* Ticks of a resolution to ns, without overflow for any 64-bit count. */
static gint64 ticks_ns(guint64 ticks, guint64 units)
{
    guint64 s = ticks / units, frac = ticks % units;
    if (s > (guint64)(G_MAXINT64 / NS_PER_S) - 1)
        return G_MAXINT64;
    return (gint64)s * NS_PER_S + (gint64)((double)frac * 1e9 / (double)units);
}

/* if_tsresol: 10^-v, or 2^-v with the top bit set; 0 for nonsense. */
static guint64 resolution_units(guint8 v)
{
    guint exp = v & 0x7fu;
    if (v & 0x80u)
        return exp < 63 ? (G_GUINT64_CONSTANT(1) << exp) : 0;
    guint64 units = 1;
    for (guint i = 0; i < exp; i++) {
        if (units > G_MAXUINT64 / 10)
            return 0;
        units *= 10;
    }
    return units;
}

/* Each option of opts[0, len): code, length, value padded to 4 bytes.
 * fn sees the options whose value fits; FALSE at the first that does not. */
typedef void (*option_fn)(walk *w, guint16 code, const guint8 *value, guint16 len, void *ctx);
static gboolean options(walk *w, const guint8 *opts, gsize len, option_fn fn, void *ctx)
{
    gsize p = 0;
    while (p + 4 <= len) {
        guint16 code = u16(w, opts + p), olen = u16(w, opts + p + 2);
        gsize padded = ((gsize)olen + 3u) & ~(gsize)3u;
        if (code == 0) /* opt_endofopt */
            return TRUE;
        if (padded > len - p - 4)
            return stop(w, "an option runs past its block");
        fn(w, code, opts + p + 4, olen, ctx);
        p += 4 + padded;
    }
    return TRUE;
}

static void idb_option(walk *w, guint16 code, const guint8 *v, guint16 len, void *ctx)
{
    iface *f = ctx;
    if (code == 9 && len == 1)
        f->units = resolution_units(v[0]);
    else if (code == 14 && len == 8) {
        gint64 off;
        memcpy(&off, v, 8);
        f->offset_s = w->swap ? (gint64)GUINT64_SWAP_LE_BE((guint64)off) : off;
    }
}

static gboolean on_idb(walk *w, const guint8 *body, gsize len)
{
    if (len < 8)
        return stop(w, "interface description block shorter than 8 bytes");
    iface f = {1000000u, 0}; /* pcapng's default: microseconds */
    if (!options(w, body + 8, len - 8, idb_option, &f))
        return FALSE;
    if (w->ifaces->len < MA_ISB_IFACES_MAX)
        g_array_append_val(w->ifaces, f);
    return TRUE;
}

typedef struct {
    gboolean have;
    guint64 ticks;
} isb_end;

static void isb_option(walk *w, guint16 code, const guint8 *v, guint16 len, void *ctx)
{
    isb_end *e = ctx;
    if (code == 3 && len == 8) { /* isb_endtime: high then low 32 bits */
        e->have = TRUE;
        e->ticks = ((guint64)u32(w, v) << 32) | u32(w, v + 4);
    }
}

static gboolean plausible(const walk *w, gint64 ns)
{
    return ns >= w->first_ns && ns <= w->last_ns + DAY_NS;
}

static gboolean on_isb(walk *w, const guint8 *body, gsize len)
{
    if (len < 12)
        return stop(w, "interface statistics block shorter than 12 bytes");
    guint32 id = u32(w, body);
    isb_end e = {FALSE, 0};
    if (!options(w, body + 12, len - 12, isb_option, &e))
        return FALSE;
    if (!e.have)
        return TRUE;
    if (id >= w->ifaces->len)
        return stop(w, "interface statistics block of an interface never described");
    const iface *f = &g_array_index(w->ifaces, iface, id);
    if (f->units == 0)
        return stop(w, "interface with an unusable if_tsresol");
    gint64 off = f->offset_s * NS_PER_S;
    gint64 ns = ticks_ns(e.ticks, f->units) + off;
    if (!plausible(w, ns))
        ns = ticks_ns(e.ticks, 1000000u) + off; /* dumpcap 4.0: microseconds */
    if (!plausible(w, ns))
        return stop(w, "isb_endtime is not near the packets' times at either resolution");
    w->block_end_ns = ns;
    return TRUE;
}

/* One block; FALSE at the end of the file or at the first problem. */
static gboolean next_block(walk *w)
{
    guint8 head[12];
    int got = gzread(w->gz, head, 8);
    if (got == 0)
        return FALSE; /* the end, between blocks */
    if (got != 8)
        return stop(w, "the file ends inside a block header");
    guint32 type;
    memcpy(&type, head, 4);
    gsize body_at = 8;
    if (type == PCAPNG_SHB) { /* its byte-order magic says how to read the rest */
        if (!read_exact(w, head + 8, 4))
            return stop(w, "the file ends inside a section header");
        guint32 bom;
        memcpy(&bom, head + 8, 4);
        if (bom != PCAPNG_BOM && bom != GUINT32_SWAP_LE_BE(PCAPNG_BOM))
            return stop(w, "section header with no byte-order magic");
        w->swap = bom != PCAPNG_BOM;
        g_array_set_size(w->ifaces, 0); /* interface ids are per section */
        body_at = 12;
    } else if (w->offset == 0) {
        return FALSE; /* not pcapng: nothing to say */
    }
    type = u32(w, head);
    guint32 total = u32(w, head + 4);
    if (total < body_at + 4 || total % 4 != 0)
        return stop(w, "block length is too small or not a multiple of 4");
    gsize body_len = total - body_at - 4;
    w->block_end_ns = 0;
    gboolean wanted = type == PCAPNG_SHB || type == PCAPNG_IDB || type == PCAPNG_ISB;
    if (!wanted) {
        if (gzseek(w->gz, (z_off_t)body_len, SEEK_CUR) < 0)
            return stop(w, "the file ends inside a block");
    } else {
        if (body_len > MA_ISB_BODY_MAX)
            return stop(w, "a header or statistics block longer than 64 KiB");
        guint8 *body = g_malloc(body_len > 0 ? body_len : 1);
        gboolean ok = read_exact(w, body, body_len) || stop(w, "the file ends inside a block");
        if (ok && type == PCAPNG_IDB)
            ok = on_idb(w, body, body_len);
        else if (ok && type == PCAPNG_ISB)
            ok = on_isb(w, body, body_len);
        g_free(body);
        if (!ok)
            return FALSE;
    }
    guint8 tail[4];
    if (!read_exact(w, tail, 4))
        return stop(w, "the file ends inside a block");
    if (u32(w, tail) != total)
        return stop(w, "block's trailing length differs from its leading one");
    w->end_ns = MAX(w->end_ns, w->block_end_ns);
    w->offset += total;
    return TRUE;
}

gint64 ma_capture_isb_end_ns(const char *path, gint64 first_ns, gint64 last_ns, char **problem)
{
    *problem = NULL;
    gzFile gz = gzopen(path, "rb"); /* zlib reads an uncompressed file as it is */
    if (gz == NULL)
        return 0;
    walk w = {.gz = gz,
              .ifaces = g_array_new(FALSE, FALSE, sizeof(iface)),
              .first_ns = first_ns,
              .last_ns = last_ns};
    while (next_block(&w)) {
    }
    (void)gzclose_r(gz);
    g_array_free(w.ifaces, TRUE);
    *problem = w.problem;
    return w.end_ns;
}
