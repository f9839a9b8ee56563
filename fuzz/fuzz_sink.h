/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_sink.h - a sink for the frame decoder that reads every byte of
 * every event it is given (so ASan checks that each pointer the decoder
 * hands out covers what it claims), used alone by fuzz_decode_frame.c. */
#ifndef MA_FUZZ_SINK_H
#define MA_FUZZ_SINK_H

#include "frame_decode.h"
#include "rtsp.h"

static inline uint8_t fuzz_touch(const uint8_t *p, gsize len)
{
    uint8_t x = 0;
    for (gsize i = 0; p != NULL && i < len; i++)
        x ^= p[i];
    return x;
}

static volatile uint8_t fuzz_sink_sum;

static inline void fuzz_sink_rtsp(void *u, const ma_ev_rtsp *ev)
{
    (void)u;
    fuzz_sink_sum ^= fuzz_touch(ev->msg->body, ev->msg->body_len);
    (void)ma_rtsp_msg_header(ev->msg, "Session");
}
static inline void fuzz_sink_membership(void *u, const ma_ev_membership *ev)
{
    (void)u;
    fuzz_sink_sum ^= (uint8_t)ev->msg->n_records;
}
static inline void fuzz_sink_udp(void *u, const ma_ev_udp *ev)
{
    (void)u;
    fuzz_sink_sum ^= fuzz_touch(ev->payload, ev->payload_len);
}
static inline void fuzz_sink_interleaved(void *u, const ma_ev_interleaved *ev)
{
    (void)u;
    fuzz_sink_sum ^= fuzz_touch(ev->payload, ev->length);
}
static inline void fuzz_sink_host_mac(void *u, const ma_addr *ip, const uint8_t mac[6])
{
    (void)u;
    (void)ip;
    fuzz_sink_sum ^= fuzz_touch(mac, 6);
}

#endif
