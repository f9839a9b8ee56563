/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_rtsp_framer.c - libFuzzer harness: one direction of an RTSP TCP
 * stream through ma_rtsp_framer.  The first byte picks how the stream is
 * cut into feeds (segment sizes from a small generator seeded by it), the
 * framer's buffer bound and whether gaps (lost segments) occur; the rest is
 * the stream, interleaved "$" frames included. */
#include <stdint.h>
#include <string.h>

#include "rtsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    guint messages, frames;
} seen;

static void on_msg(ma_rtsp_msg *msg, void *user)
{
    seen *s = user;
    s->messages++;
    (void)ma_rtsp_msg_header(msg, "Transport");
    ma_rtsp_msg_free(msg);
}

static void on_frame(unsigned channel, const uint8_t *data, gsize length, void *user)
{
    seen *s = user;
    s->frames++;
    /* every byte of a delivered frame must be readable */
    volatile uint8_t sum = 0;
    for (gsize i = 0; data != NULL && i < length; i++)
        sum ^= data[i];
    (void)channel;
    (void)sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const uint8_t mode = data[0];
    data++;
    size--;
    /* small bound: the oversize path; 0: the framer's default */
    ma_rtsp_framer *f = ma_rtsp_framer_new((mode & 0x01) ? 512 : 0);
    ma_rtsp_framer_set_interleaved_cb(f, on_frame);
    seen s = {0, 0};
    guint32 state = 0x9e3779b9u ^ mode;
    gsize off = 0;
    while (off < size) {
        state = state * 1103515245u + 12345u;
        gsize chunk = (mode & 0x02) ? size - off : 1 + (state >> 16) % 1500;
        if (chunk > size - off)
            chunk = size - off;
        /* each feed a private copy: a read past the segment is caught */
        uint8_t *seg = g_memdup2(data + off, chunk);
        ma_rtsp_framer_feed(f, seg, chunk, on_msg, &s);
        g_free(seg);
        off += chunk;
        if ((mode & 0x04) && (state & 0x700) == 0)
            ma_rtsp_framer_gap(f);
    }
    (void)ma_rtsp_framer_errors(f);
    g_assert(ma_rtsp_framer_skipped_bytes(f) <= size);
    ma_rtsp_framer_free(f);
    return 0;
}
