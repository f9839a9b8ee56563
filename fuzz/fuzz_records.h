/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_records.h - the framing the multi-packet harnesses share: the input
 * is a sequence of records, each a 3-byte header (time since the previous
 * record in milliseconds, then the record's length, 16-bit big-endian) and
 * that many bytes.  A length beyond the end takes what is left, so every
 * input is valid framing and a mutation never wastes a run.
 * fuzz/seeds.py writes the seeds in the same framing. */
#ifndef MA_FUZZ_RECORDS_H
#define MA_FUZZ_RECORDS_H

#include <glib.h>
#include <stdint.h>

#define FUZZ_RECORD_HDR 3u

typedef struct {
    const uint8_t *data;
    gsize size, off;
    gint64 ns; /* running time of the current record */
} fuzz_records;

typedef struct {
    uint8_t *bytes; /* a private copy (g_free): ASan sees any read past it */
    gsize len;
    gint64 ns;
} fuzz_record;

static inline void fuzz_records_init(fuzz_records *r, const uint8_t *data, gsize size,
                                     gint64 start_ns)
{
    r->data = data;
    r->size = size;
    r->off = 0;
    r->ns = start_ns;
}

/* The next record, or FALSE at the end of the input. */
static inline gboolean fuzz_records_next(fuzz_records *r, fuzz_record *out)
{
    if (r->size - r->off < FUZZ_RECORD_HDR)
        return FALSE;
    const uint8_t *h = r->data + r->off;
    gsize len = ((gsize)h[1] << 8) | h[2];
    r->off += FUZZ_RECORD_HDR;
    if (len > r->size - r->off)
        len = r->size - r->off;
    r->ns += (gint64)h[0] * 1000000;
    out->bytes = g_memdup2(r->data + r->off, len);
    out->len = len;
    out->ns = r->ns;
    r->off += len;
    return TRUE;
}

#endif
